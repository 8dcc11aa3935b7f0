/* The search worker: Material's own (its address in ?worker=), with a Chinese query cut as the index was.
 *
 * The index is cut into words at build time by jieba (Material's search plugin, in Python). Material's
 * worker cuts a query differently: greedily on the index's words, never taking a word that ends the query,
 * so 城乡医疗救助 was searched as 城乡 + 医疗 and 医疗救助 as 医疗. Here each run of Chinese characters is
 * cut with jieba's method over the index's own words (jieba-cut.js, dictionary added by the build) and
 * handed to Material word by word, its own segmenter switched off. Everything else is Material's.
 *
 * Results say a query word is missing (缺少) from a result only when that result's text lacks it: a word
 * the index holds inside a longer word (救助 in 医疗救助, one word of the index) is there, not missing.
 *
 * This file must sit beside Material's worker, which loads its language support from "../lunr".
 */
(function () {
  "use strict";
  var SETUP = 0, QUERY = 2, RESULT = 3;  // Material's SearchMessageType
  var HAN = /\p{sc=Han}+/gu;
  var cut = null;         // jieba's cut over the index's words, once the index is set up
  var texts = new Map();  // location → title and text as read, lower case, for the missing-word check

  importScripts("jieba-cut.js");

  function plain(html) {
    return String(html || "").replace(/<[^>]*>/g, "").replace(/\u200b/g, "").toLowerCase();
  }

  function setup(data) {
    var config = data.config || {};
    cut = config.jieba ? self.jiebaCutter(config.jieba) : null;
    texts = new Map();
    (data.docs || []).forEach(function (doc) { texts.set(doc.location, plain(doc.title) + "\n" + plain(doc.text)); });
  }

  // a character that would join a word of the run into one term with it (not a space, quote or operator)
  function glued(c) {
    return c !== "" && !/[\s"+\-*~^:]/.test(c);
  }

  /* 城乡医疗救助 → 城乡 医疗救助, 2024年预算 → 2024 年 预算; a + or - before the run applies to each word. */
  function cutQuery(query) {
    if (!cut) return query;
    return query.replace(HAN, function (run, at) {
      var before = query.charAt(at - 1), after = query.charAt(at + run.length);
      var modifier = /[+-]/.test(before) && (at === 1 || /\s/.test(query.charAt(at - 2))) ? before : "";
      return (glued(before) ? " " : "") + cut(run).join(" " + modifier) + (glued(after) ? " " : "");
    });
  }

  function missingOnlyIfAbsent(result) {
    (result.items || []).forEach(function (group) {
      group.forEach(function (item) {
        var text = texts.get(item.location);
        if (!item.terms || text === undefined) return;
        Object.keys(item.terms).forEach(function (term) {
          if (item.terms[term] === false && text.indexOf(term) !== -1) delete item.terms[term];
        });
      });
    });
    return result;
  }

  // Material's worker listens with addEventListener and answers with postMessage (global names)
  var listen = self.addEventListener.bind(self);
  var post = self.postMessage.bind(self);
  self.addEventListener = function (type, handler, options) {
    if (type !== "message") return listen(type, handler, options);
    return listen(type, function (ev) {
      var message = ev.data;
      if (message && message.type === SETUP) setup(message.data || {});
      if (message && message.type === QUERY && typeof message.data === "string")
        message = { type: QUERY, data: cutQuery(message.data) };
      return handler({ data: message });
    }, options);
  };
  self.postMessage = function (message) {
    if (message && message.type === RESULT && message.data) missingOnlyIfAbsent(message.data);
    return post(message);
  };

  var material = new URL(new URL(self.location.href).searchParams.get("worker") || "", self.location.href);
  if (material.origin !== self.location.origin) throw new Error("search worker: not this site's " + material);
  importScripts(material.href);

  // Material's segmenter asks `word in index.invertedIndex` for every part of a run; told "no", it
  // leaves each word it is given whole. (lunr itself only reads entries, never asks.) Without a
  // dictionary (jieba absent at build time) Material's segmenter is left to do its work.
  var build = self.lunr.Builder.prototype.build;
  self.lunr.Builder.prototype.build = function () {
    var index = build.call(this);
    if (cut) index.invertedIndex = new Proxy(index.invertedIndex, { has: function () { return false; } });
    return index;
  };
})();
