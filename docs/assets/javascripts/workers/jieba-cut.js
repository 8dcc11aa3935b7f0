/* jieba's cut in the browser: a run of Chinese characters → the words jieba.cut(run) gives (Python, HMM on).
 *
 * A port of jieba 0.42.1 (jieba/__init__.py __cut_DAG, finalseg/__init__.py) over a dictionary the build
 * writes (generator/pages/searchindex.py): the dictionary words found in the index's text with jieba's
 * frequencies, and the HMM's probabilities for the index's characters. For every run of the index the result
 * is the index's own words; a query is cut the same way.
 *
 * self.jiebaCutter({total, words: {word: frequency}, hmm: {start, trans, emit}}) returns cut(run) → [word, …].
 */
self.jiebaCutter = function (dictionary) {
  "use strict";
  var MIN_FLOAT = -3.14e100;
  var PREV = { B: "ES", M: "MB", S: "SE", E: "BM" };
  var STATES = ["B", "M", "E", "S"];
  var BLOCK = /[\u4E00-\u9FD5]+|[^\u4E00-\u9FD5]/gu;  // jieba cuts these characters, yields others alone
  var words = new Map(Object.entries(dictionary.words || {}));
  var logTotal = Math.log(dictionary.total || 1);
  var hmm = dictionary.hmm || { start: {}, trans: {}, emit: {} };
  var longest = 1;
  words.forEach(function (_, word) { longest = Math.max(longest, Array.from(word).length); });

  function freq(word) {
    return words.get(word) || 0;
  }

  function get(table, key) {
    return table && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : MIN_FLOAT;
  }

  // the most probable route through the words of the sentence (jieba's get_DAG and calc)
  function route(chars) {
    var n = chars.length, best = new Array(n + 1);
    best[n] = [0, 0];
    for (var i = n - 1; i >= 0; i--) {
      var ends = [];
      for (var j = i + 1; j <= Math.min(n, i + longest); j++)
        if (freq(chars.slice(i, j).join("")) > 0) ends.push(j - 1);
      if (!ends.length) ends.push(i);
      for (var k = 0; k < ends.length; k++) {
        var x = ends[k];
        var score = Math.log(freq(chars.slice(i, x + 1).join("")) || 1) - logTotal + best[x + 1][0];
        if (!best[i] || score > best[i][0] || (score === best[i][0] && x > best[i][1])) best[i] = [score, x];
      }
    }
    return best;
  }

  // characters the route left single, joined into words by the HMM (finalseg's viterbi and __cut)
  function hmmCut(chars) {
    var v = {}, path = {};
    STATES.forEach(function (y) { v[y] = get(hmm.start, y) + get(hmm.emit[y], chars[0]); path[y] = [y]; });
    for (var t = 1; t < chars.length; t++) {
      var next = {}, nextPath = {};
      STATES.forEach(function (y) {
        var emit = get(hmm.emit[y], chars[t]), top = null;
        PREV[y].split("").forEach(function (y0) {
          var p = v[y0] + get(hmm.trans[y0], y) + emit;
          if (!top || p > top[0] || (p === top[0] && y0 > top[1])) top = [p, y0];
        });
        next[y] = top[0];
        nextPath[y] = path[top[1]].concat([y]);
      });
      v = next;
      path = nextPath;
    }
    var last = v.S >= v.E ? "S" : "E";  // max((prob, state)) over E and S: on a tie the later letter
    var out = [], begin = 0, nexti = 0;
    path[last].forEach(function (pos, i) {
      if (pos === "B") begin = i;
      else if (pos === "E") { out.push(chars.slice(begin, i + 1).join("")); nexti = i + 1; }
      else if (pos === "S") { out.push(chars[i]); nexti = i + 1; }
    });
    if (nexti < chars.length) out.push(chars.slice(nexti).join(""));
    return out;
  }

  function flush(buf, out) {
    if (buf.length === 1) out.push(buf[0]);
    else if (buf.length > 1 && !freq(buf.join(""))) out.push.apply(out, hmmCut(buf));
    else out.push.apply(out, buf);
  }

  function cutBlock(block) {  // jieba's __cut_DAG
    var chars = Array.from(block), best = route(chars), out = [], buf = [];
    for (var x = 0; x < chars.length; x = best[x][1] + 1) {
      var y = best[x][1] + 1;
      if (y - x === 1) { buf.push(chars[x]); continue; }
      flush(buf, out);
      buf = [];
      out.push(chars.slice(x, y).join(""));
    }
    flush(buf, out);
    return out;
  }

  return function cut(run) {
    var out = [];
    (String(run).match(BLOCK) || []).forEach(function (block) {
      if (/^[\u4E00-\u9FD5]/.test(block)) out.push.apply(out, cutBlock(block));
      else out.push(block);
    });
    return out;
  };
};
