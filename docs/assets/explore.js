/* Explore any resource of the combined package: filter, sort, page through, download the filtered rows.
 *
 * The page (generator/pages/page_explore.py) describes the resources in #explore's data-config;
 * a resource's CSV is fetched from the site's downloads/ only when it is chosen. The state of the view
 * lives in the address (#r=summary&d=…&c=…&q=…&s=amount&o=desc&p=1&n=100), so a view can be shared.
 * Every cell is untrusted text: it is only ever set with textContent.
 *
 * The script sits in the page's content: Material runs it again each time instant navigation shows
 * the page, so it sets the page up whenever it runs (and keeps fetched CSVs for the visit).
 */
(function () {
  "use strict";

  var root = document.getElementById("explore");
  if (!root || !root.getAttribute("data-config") || root.getAttribute("data-ready")) return;
  root.setAttribute("data-ready", "1");
  root.textContent = "";

  var CONFIG = JSON.parse(root.getAttribute("data-config"));
  var PAGE_SIZES = [50, 100, 200, 500];
  var DEFAULT_SIZE = 100;
  var cache = window.__exploreCSV = window.__exploreCSV || {};  // url → Promise of {header, rows}
  var collator = new Intl.Collator("zh-CN", { numeric: true });
  var byName = {};
  CONFIG.resources.forEach(function (r) { byName[r.name] = r; });
  var discLabel = {};
  CONFIG.disclosures.forEach(function (d) { discLabel[d.id] = d.label; });

  /* ---- CSV: RFC 4180 in, the package's own dialect out ---------------------------- */
  function parseCSV(text) {
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    var rows = [], row = [], cell = "", i = 0, n = text.length, quoted = false;
    while (i < n) {
      var c = text[i];
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') { cell += '"'; i += 2; continue; }
          quoted = false; i++; continue;
        }
        cell += c; i++; continue;
      }
      if (c === '"') { quoted = true; i++; continue; }
      if (c === ",") { row.push(cell); cell = ""; i++; continue; }
      if (c === "\r" || c === "\n") {
        row.push(cell); cell = "";
        if (!(row.length === 1 && row[0] === "")) rows.push(row);  // blank lines are no rows (as csv.DictReader)
        row = [];
        i += (c === "\r" && text[i + 1] === "\n") ? 2 : 1;
        continue;
      }
      cell += c; i++;
    }
    if (cell !== "" || row.length) { row.push(cell); rows.push(row); }
    return { header: rows.shift() || [], rows: rows };
  }

  // The package's rule (generator/package/writer.py spreadsheet_safe): a text cell a spreadsheet would
  // run as a formula gets a leading apostrophe. The published CSVs already carry it; this keeps a
  // package written by another tool just as safe.
  function spreadsheetSafe(value) {
    return value.length > 1 && "=+-@".indexOf(value[0]) !== -1 ? "'" + value : value;
  }

  function csvCell(value) {
    return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  function load(res) {
    var url = new URL(res.url, window.location.href).href;
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status + " " + url);
        return response.text();
      }).then(parseCSV);
      cache[url].catch(function () { delete cache[url]; });  // a failed load may be retried
    }
    return cache[url];
  }

  /* ---- state in the address ------------------------------------------------------- */
  function readHash() {
    var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    var size = parseInt(params.get("n"), 10);
    return {
      r: byName[params.get("r")] ? params.get("r") : "",
      d: params.get("d") || "", c: params.get("c") || "", q: params.get("q") || "",
      s: params.get("s") || "", o: params.get("o") === "desc" ? "desc" : "asc",
      p: Math.max(1, parseInt(params.get("p"), 10) || 1),
      n: PAGE_SIZES.indexOf(size) !== -1 ? size : DEFAULT_SIZE
    };
  }

  function hashOf(st) {
    if (!st.r) return "";
    var params = new URLSearchParams();
    params.set("r", st.r);
    if (st.d) params.set("d", st.d);
    if (st.c) params.set("c", st.c);
    if (st.q) params.set("q", st.q);
    if (st.s) { params.set("s", st.s); params.set("o", st.o); }
    if (st.p > 1) params.set("p", String(st.p));
    if (st.n !== DEFAULT_SIZE) params.set("n", String(st.n));
    return "#" + params.toString();
  }

  /* ---- building blocks ------------------------------------------------------------ */
  function el(tag, props, text) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      if (k === "className") node.className = props[k]; else node.setAttribute(k, props[k]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function labelled(text, control) {
    var wrap = el("label", { className: "explore-field" });
    wrap.appendChild(el("span", {}, text));
    wrap.appendChild(control);
    return wrap;
  }

  function kb(bytes) { return Math.max(1, Math.round(bytes / 1024)) + " KB"; }

  /* ---- the controls --------------------------------------------------------------- */
  var state = readHash();
  var data = null;  // {res, header, rows, fields} of the loaded resource

  var bar = el("div", { className: "table-filter explore-controls" });
  var resSelect = el("select", { id: "explore-resource" });
  resSelect.appendChild(el("option", { value: "" }, "请选择数据表……"));
  [["各公开文件的数据", true], ["代码表与目录", false]].forEach(function (group) {
    var og = el("optgroup", { label: group[0] });
    CONFIG.resources.filter(function (r) { return r.byDisclosure === group[1]; }).forEach(function (r) {
      og.appendChild(el("option", { value: r.name },
        r.title + " · " + r.name + " · " + r.rows + " 行"));
    });
    if (og.children.length) resSelect.appendChild(og);
  });
  var discSelect = el("select", { id: "explore-disclosure" });
  var codeInput = el("input", { id: "explore-code", type: "search", placeholder: "如 210 或 2101301",
    inputmode: "numeric", autocomplete: "off" });
  var textInput = el("input", { id: "explore-text", type: "search", placeholder: "任意文字，空格分隔多个词",
    autocomplete: "off" });
  var sizeSelect = el("select", { id: "explore-size" });
  PAGE_SIZES.forEach(function (n) { sizeSelect.appendChild(el("option", { value: String(n) }, n + " 行")); });
  var resField = labelled("数据表", resSelect);
  var discField = labelled("公开文件", discSelect);
  var codeField = labelled("科目编码（前缀）", codeInput);
  var textField = labelled("文字", textInput);
  var sizeField = labelled("每页", sizeSelect);
  textField.className += " wide";
  sizeField.className += " narrow";
  [resField, discField, codeField, sizeField, textField].forEach(function (f) { bar.appendChild(f); });

  var status = el("p", { className: "explore-status filter-count", role: "status", "aria-live": "polite" });
  var actions = el("div", { className: "explore-actions" });
  var download = el("button", { type: "button", className: "md-button", id: "explore-download" },
    "下载筛选结果（CSV）");
  var permalink = el("a", { className: "explore-permalink", href: "#" }, "本视图的链接");
  actions.appendChild(download);
  actions.appendChild(permalink);
  var wrap = el("div", { className: "table-wrap explore-wrap" });
  var pager = el("nav", { className: "explore-pager", "aria-label": "分页" });
  var index = el("div", { className: "explore-index" });
  [bar, status, index, actions, wrap, pager].forEach(function (n) { root.appendChild(n); });

  /* ---- filtering, sorting --------------------------------------------------------- */
  function cellText(field, value) {
    var labels = field && field.labels;
    return labels && labels[value] ? labels[value] : value;
  }

  function filtered() {
    var header = data.header, fields = data.fields;
    var di = header.indexOf("disclosure_id");
    var codes = header.map(function (h, i) { return fields[i].code ? i : -1; }).filter(function (i) { return i >= 0; });
    var code = state.c.trim();
    var terms = state.q.toLowerCase().split(/\s+/).filter(Boolean);
    var out = data.rows.filter(function (row) {
      if (state.d && di !== -1 && row[di] !== state.d) return false;
      if (code && codes.length && !codes.some(function (i) { return (row[i] || "").indexOf(code) === 0; })) return false;
      return terms.every(function (t) {
        return row.some(function (v, i) {
          return v.toLowerCase().indexOf(t) !== -1 || cellText(fields[i], v).toLowerCase().indexOf(t) !== -1;
        });
      });
    });
    var si = header.indexOf(state.s);
    if (si !== -1) {
      var numeric = !!fields[si].num, sign = state.o === "desc" ? -1 : 1;
      var key = function (row) {
        var v = (row[si] || "").trim();
        if (!v) return null;
        if (!numeric) return v;
        var x = Number(v);
        return isNaN(x) ? null : x;
      };
      var keyed = out.map(function (row, i) { return { row: row, key: key(row), i: i }; });
      keyed.sort(function (a, b) {  // blanks last either way; ties keep the file's order
        if (a.key === null || b.key === null) return (a.key === null) - (b.key === null) || a.i - b.i;
        var order = numeric ? a.key - b.key : collator.compare(a.key, b.key);
        return order * sign || a.i - b.i;
      });
      out = keyed.map(function (k) { return k.row; });
    }
    return out;
  }

  /* ---- rendering ------------------------------------------------------------------ */
  function renderDisclosures(res) {
    discSelect.textContent = "";
    discField.hidden = !res || !res.byDisclosure;
    if (discField.hidden) return;
    var counts = {};
    if (data) {
      var di = data.header.indexOf("disclosure_id");
      data.rows.forEach(function (row) { counts[row[di]] = (counts[row[di]] || 0) + 1; });
    }
    discSelect.appendChild(el("option", { value: "" }, "全部公开文件"));
    CONFIG.disclosures.forEach(function (d) {
      var n = counts[d.id] || 0;
      var opt = el("option", { value: d.id }, d.label + (data ? "（" + n + " 行）" : ""));
      if (data && !n) opt.disabled = true;
      discSelect.appendChild(opt);
    });
    discSelect.value = state.d;
  }

  function sortBy(name) {
    if (state.s === name) state.o = state.o === "asc" ? "desc" : "asc";
    else { state.s = name; state.o = "asc"; }
    state.p = 1;
    update();
  }

  function headerCell(field) {
    var th = el("th", { scope: "col", tabindex: "0", "data-field": field.name,
      title: "点击按" + field.title + "排序" + (field.num ? "（数值）" : "") });
    if (field.num) th.className = "num";
    th.appendChild(el("span", { className: "explore-title" }, field.title));
    th.appendChild(el("code", { className: "explore-name" }, field.name));
    if (state.s === field.name) th.setAttribute("aria-sort", state.o === "desc" ? "descending" : "ascending");
    th.addEventListener("click", function () { sortBy(field.name); });
    th.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sortBy(field.name); }
    });
    return th;
  }

  function renderTable(rows) {
    var fields = data.fields;
    // columns blank in every filtered row say nothing here (the download keeps all columns)
    var all = data.header.map(function (h, i) { return i; });
    var shown = !rows.length ? all : all.filter(function (i) {
      return rows.some(function (row) { return (row[i] || "").trim() !== ""; });
    });
    var pages = Math.max(1, Math.ceil(rows.length / state.n));
    if (state.p > pages) state.p = pages;
    var first = (state.p - 1) * state.n;
    var slice = rows.slice(first, first + state.n);
    var table = el("table", { className: "data-table explore-table", "data-resource": data.res.name });
    table.appendChild(el("caption", {}, data.res.title));
    var thead = el("thead"), tr = el("tr");
    shown.forEach(function (i) { tr.appendChild(headerCell(fields[i])); });
    thead.appendChild(tr);
    table.appendChild(thead);
    var tbody = el("tbody");
    slice.forEach(function (row) {
      var line = el("tr");
      shown.forEach(function (i) {
        var f = fields[i], value = row[i] || "";
        var text = cellText(f, value);
        // short text on one line; longer text wraps in a column of readable width
        var td = el("td", { className: f.num ? "num" : text.length <= 16 ? "nw" : "" });
        if (f.long) {
          td.className = "long";
          td.appendChild(el("div", { className: "clamp" }, text));
        } else {
          td.textContent = text;
        }
        if (text !== value) td.setAttribute("title", value);
        line.appendChild(td);
      });
      tbody.appendChild(line);
    });
    table.appendChild(tbody);
    wrap.textContent = "";
    wrap.appendChild(table);
    var hidden = data.header.length - shown.length;
    status.textContent = (rows.length ? "第 " + (first + 1) + "–" + (first + slice.length) + " 行，" : "没有符合条件的行；") +
      "筛选后共 " + rows.length + " 行（全表 " + data.rows.length + " 行）" +
      (hidden ? "；" + hidden + " 列在筛选结果中全为空，未显示（下载的文件包含全部列）" : "") + "。";
    status.setAttribute("data-count", String(rows.length));
    renderPager(pages);
  }

  function renderPager(pages) {
    pager.textContent = "";
    pager.hidden = pages <= 1;
    if (pager.hidden) return;
    function go(label, page, disabled) {
      var b = el("button", { type: "button", className: "md-button", "data-page": String(page) }, label);
      b.disabled = disabled;
      b.addEventListener("click", function () { state.p = page; update(); wrap.scrollIntoView({ block: "nearest" }); });
      pager.appendChild(b);
    }
    go("首页", 1, state.p === 1);
    go("上一页", state.p - 1, state.p === 1);
    pager.appendChild(el("span", { className: "filter-count explore-page" }, "第 " + state.p + " / " + pages + " 页"));
    go("下一页", state.p + 1, state.p === pages);
    go("末页", pages, state.p === pages);
  }

  // without a table chosen: the list of tables, each a link to its view
  function renderIndex() {
    var list = el("ul");
    CONFIG.resources.forEach(function (r) {
      var item = el("li");
      var link = el("a", { href: hashOf({ r: r.name, d: "", c: "", q: "", s: "", o: "asc", p: 1, n: state.n }) },
        r.title);
      link.addEventListener("click", function (event) {
        event.preventDefault();
        resSelect.value = r.name;
        resSelect.dispatchEvent(new Event("change"));
      });
      item.appendChild(link);
      item.appendChild(el("span", { className: "filter-count" },
        " " + r.name + " · " + r.rows + " 行 · " + kb(r.bytes)));
      list.appendChild(item);
    });
    index.appendChild(list);
  }

  var lastHash = null;
  function writeHash() {
    var hash = hashOf(state);
    lastHash = hash;
    if (window.location.hash !== hash) {
      history.replaceState(history.state, "", window.location.pathname + window.location.search + hash);
    }
    permalink.href = window.location.href;
  }

  function update() {
    var res = byName[state.r];
    resSelect.value = state.r;
    codeField.hidden = !res || !res.fields.some(function (f) { return f.code; });
    codeInput.value = state.c;
    textInput.value = state.q;
    sizeSelect.value = String(state.n);
    var ready = !!(res && data && data.res === res);
    actions.hidden = !ready;
    textField.hidden = sizeField.hidden = !res;
    index.textContent = "";
    if (!res) {
      data = null;
      wrap.textContent = "";
      renderDisclosures(null);
      pager.hidden = true;
      status.textContent = "请选择一个数据表。共 " + CONFIG.resources.length + " 个资源，选择后才从本站加载其 CSV。";
      renderIndex();
    } else if (!ready) {
      choose(res);
    } else {
      discSelect.value = state.d;
      renderTable(filtered());  // may bring the page number into range
    }
    writeHash();
  }

  function choose(res) {
    data = null;
    renderDisclosures(res);
    wrap.textContent = "";
    pager.hidden = true;
    status.textContent = "正在加载 " + res.name + ".csv（" + kb(res.bytes) + "）……";
    load(res).then(function (parsed) {
      if (state.r !== res.name) return;  // the reader chose another table meanwhile
      var known = {};
      res.fields.forEach(function (f) { known[f.name] = f; });
      data = { res: res, header: parsed.header, rows: parsed.rows,
               fields: parsed.header.map(function (h) { return known[h] || { name: h, title: h }; }) };
      renderDisclosures(res);
      update();
    }, function (error) {
      status.textContent = "无法加载 " + res.name + ".csv，请稍后重试或从下载页获取。";
      console.error("explore: " + error);
    });
  }

  function downloadCSV() {
    if (!data) return;
    var free = data.fields.map(function (f) { return !!f.free; });
    var lines = [data.header.map(csvCell).join(",")];
    filtered().forEach(function (row) {
      lines.push(row.map(function (v, i) { return csvCell(free[i] ? spreadsheetSafe(v) : v); }).join(","));
    });
    var blob = new Blob(["\ufeff" + lines.join("\n") + "\n"], { type: "text/csv;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var a = el("a", { href: url, download: data.res.name.replace(/[^A-Za-z0-9_-]/g, "_") + "-filtered.csv" });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  /* ---- events --------------------------------------------------------------------- */
  function debounce(fn, ms) {
    var timer = null;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  resSelect.addEventListener("change", function () {
    state = { r: resSelect.value, d: "", c: "", q: "", s: "", o: "asc", p: 1, n: state.n };
    update();
  });
  discSelect.addEventListener("change", function () { state.d = discSelect.value; state.p = 1; update(); });
  codeInput.addEventListener("input", debounce(function () { state.c = codeInput.value.trim(); state.p = 1; update(); }, 200));
  textInput.addEventListener("input", debounce(function () { state.q = textInput.value; state.p = 1; update(); }, 200));
  sizeSelect.addEventListener("change", function () { state.n = parseInt(sizeSelect.value, 10); state.p = 1; update(); });
  download.addEventListener("click", downloadCSV);

  // a pasted or edited address (or the permalink followed): show its view
  if (!window.__exploreHashListener) {
    window.__exploreHashListener = true;
    window.addEventListener("hashchange", function () {
      var current = document.getElementById("explore");
      if (current && current.__fromHash) current.__fromHash();
    });
  }
  root.__fromHash = function () {
    if (window.location.hash === lastHash) return;
    state = readHash();
    update();
  };

  update();
})();
