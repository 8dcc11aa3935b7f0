/* Charts, sortable and filterable tables for the comparison site.
 *
 * Runs on every page Material swaps in (navigation.instant emits document$), so
 * charts are (re)rendered after each navigation. Chart specs live in separate JSON
 * files (assets/specs/...) referenced by <div class="vega-chart" data-spec="...">,
 * relative to the site root; the root is derived from this script's own URL.
 * Everything is local: vega, vega-lite and vega-embed are vendored in assets/vendor.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var ROOT = new URL("..", script ? script.src : window.location.href);

  var EMBED_OPTIONS = {
    renderer: "svg",
    actions: { export: true, source: false, compiled: false, editor: false },
    i18n: {
      SVG_ACTION: "下载 SVG 图片",
      PNG_ACTION: "下载 PNG 图片",
      CLICK_TO_VIEW_ACTIONS: "图表操作",
      COMPILED_ACTION: "查看 Vega 规格",
      EDITOR_ACTION: "在编辑器中打开",
      SOURCE_ACTION: "查看源规格"
    },
    scaleFactor: 2,
    formatLocale: { decimal: ".", thousands: ",", grouping: [3], currency: ["¥", ""] }
  };

  /* ---- chart titles: re-wrapped to the chart's real width ----------------------- */
  // Break after Chinese list/clause punctuation or before "（"; inside a longer piece after a space.
  var BREAKS = "、，；：。）　";
  var measureCtx = null;

  function measurer(font, size) {
    if (!measureCtx) measureCtx = document.createElement("canvas").getContext("2d");
    measureCtx.font = size + "px " + font;
    return function (text) { return measureCtx.measureText(text).width; };
  }

  function tokens(text, breaks) {
    var out = [], cur = "";
    for (var i = 0; i < text.length; i++) {
      // an opening bracket starts a piece: "……支出表" | "（各公开文件见图下说明）"
      if (breaks === BREAKS && text[i] === "（" && cur.trim()) { out.push(cur); cur = ""; }
      cur += text[i];
      if (breaks.indexOf(text[i]) !== -1) { out.push(cur); cur = ""; }
    }
    if (cur) out.push(cur);
    return out;
  }

  function wrapText(text, maxWidth, width) {
    var pieces = [];
    tokens(text, BREAKS).forEach(function (tok) {
      var subs = width(tok.trimEnd()) <= maxWidth ? [tok] : tokens(tok, " ");
      subs.forEach(function (sub) {
        while (width(sub.trimEnd()) > maxWidth && sub.length > 1) {  // no break point: cut
          var cut = 1;
          while (cut < sub.length - 1 && width(sub.slice(0, cut + 1)) <= maxWidth) cut++;
          pieces.push(sub.slice(0, cut));
          sub = sub.slice(cut);
        }
        pieces.push(sub);
      });
    });
    var lines = [], line = "";
    pieces.forEach(function (piece) {
      if (line && width(line + piece.trimEnd()) > maxWidth) { lines.push(line.trimEnd()); line = ""; }
      line += piece;
    });
    if (line.trim() || !lines.length) lines.push(line.trimEnd());
    return lines;
  }

  function fitToWidth(spec, el) {
    var meta = spec.usermeta || {};
    var avail = Math.max(160, el.clientWidth - 24);
    var config = spec.config || {};
    var font = config.font || "sans-serif";
    var titleConfig = config.title || {};
    if (meta.title && spec.title) {
      spec.title.text = wrapText(meta.title, avail, measurer(font, titleConfig.fontSize || 16));
      var sub = measurer(font, titleConfig.subtitleFontSize || 12);
      spec.title.subtitle = [].concat.apply([], (meta.subtitle || []).map(function (t) {
        return wrapText(t, avail, sub);
      }));
    }
    // small multiples (facet) cannot fit a container: leave room for the category labels (and for the
    // percentages printed after share bars)
    if (meta.fit === "facet" && spec.spec) {
      spec.spec.width = Math.max(120, Math.min(560, avail - 150 - (meta.labelRoom || 0)));
    }
  }

  /* ---- colour scheme: charts follow Material's light/dark palette ---------------- */
  function isDark() {
    return document.body.getAttribute("data-md-color-scheme") === "slate";
  }

  function applyScheme(spec) {
    var config = spec.config = spec.config || {};
    function set(key, values) { config[key] = Object.assign({}, config[key] || {}, values); }
    if (!isDark()) return;
    var bg = getComputedStyle(document.body).getPropertyValue("--md-default-bg-color").trim() || "#1e2129";
    var fg = "#e2e4e9", muted = "#aab0bd", grid = "#3c4150";
    config.background = bg;
    set("title", { color: fg, subtitleColor: muted });
    set("axis", { labelColor: muted, titleColor: fg, domainColor: grid, tickColor: grid, gridColor: grid });
    set("legend", { labelColor: muted, titleColor: fg });
    set("header", { labelColor: fg, titleColor: fg });
    set("arc", { stroke: bg });
    set("text", { color: fg });
  }

  /* ---- rendering ----------------------------------------------------------------- */
  function renderChart(el, force) {
    var state = el.getAttribute("data-state");
    if (state && !force) return;
    if (state === "loading") return;
    el.setAttribute("data-state", "loading");
    var url = new URL(el.getAttribute("data-spec"), ROOT);
    var name = url.pathname.split("/").pop().replace(/\.json$/, "");
    var load = el._spec ? Promise.resolve(el._spec) : fetch(url.href).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status + " for " + url.href);
      return response.json();
    });
    return load
      .then(function (original) {
        el._spec = original;
        if (el._view) { el._view.finalize(); el._view = null; }
        el.innerHTML = "";
        var spec = JSON.parse(JSON.stringify(original));
        fitToWidth(spec, el);
        applyScheme(spec);
        el._width = el.clientWidth;
        var options = Object.assign({}, EMBED_OPTIONS, { downloadFileName: name });
        return window.vegaEmbed(el, spec, options);
      })
      .then(function (result) {
        el._view = result;
        el.setAttribute("data-state", "rendered");
      })
      .catch(function (error) {
        el.setAttribute("data-state", "error");
        el.textContent = "图表无法显示，请查看下方的数据表。";
        console.error("chart " + url.href + ": " + error);
      });
  }

  function rerenderAll(onlyResized) {
    document.querySelectorAll("div.vega-chart[data-spec]").forEach(function (el) {
      if (el.getAttribute("data-state") !== "rendered") return;
      if (onlyResized && Math.abs(el.clientWidth - (el._width || 0)) < 30) return;
      renderChart(el, true);
    });
  }

  // Material flips data-md-color-scheme on <body> when the reader toggles the palette.
  new MutationObserver(function () { rerenderAll(false); })
    .observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { rerenderAll(true); }, 250);
  });

  // The chart libraries (about 830 kB) are loaded only by pages that have a chart, once per visit.
  var VENDOR = ["assets/vendor/vega-6.4.0.min.js", "assets/vendor/vega-lite-6.4.1.min.js",
                "assets/vendor/vega-embed-7.3.0.min.js"];
  var vendorLoading = null;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var el = document.createElement("script");
      el.src = new URL(src, ROOT).href;
      el.onload = resolve;
      el.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(el);
    });
  }

  function loadVendor() {
    if (typeof window.vegaEmbed === "function") return Promise.resolve();
    if (!vendorLoading) {
      vendorLoading = VENDOR.reduce(function (chain, src) {
        return chain.then(function () { return loadScript(src); });
      }, Promise.resolve());
    }
    return vendorLoading;
  }

  // A chart's permalink (#fig-…): the charts above it grow as they render and push it down; once
  // they are drawn, bring it back into view (not every browser anchors the scroll position itself).
  function scrollToChart(hash) {
    if (!/^#fig-/.test(hash || "")) return;
    var target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (target && target.matches("figure.chart")) target.scrollIntoView();
  }

  function renderCharts(root, hash) {
    var charts = root.querySelectorAll("div.vega-chart[data-spec]");
    // a page swapped in again for a link to its own chart is not always scrolled by Material
    if (!charts.length) { setTimeout(function () { scrollToChart(hash); }, 0); return; }
    loadVendor().then(function () {
      return Promise.all(Array.prototype.map.call(charts, function (el) { return renderChart(el); }));
    }, function (error) {
      charts.forEach(function (el) {
        el.setAttribute("data-state", "error");
        el.textContent = "图表无法显示，请查看下方的数据表。";
      });
      console.error(String(error));
    }).then(function () { scrollToChart(hash); });
  }

  /* ---- sortable tables: click a header; numbers sort numerically ---------------- */
  function cellValue(cell, numeric) {
    var text = (cell ? cell.textContent : "").trim();
    if (!numeric) return text;
    var match = text.replace(/,/g, "").match(/^[+-]?\d+(\.\d+)?/);
    return match ? parseFloat(match[0]) : -Infinity;
  }

  function makeSortable(table) {
    if (table.getAttribute("data-sortable-ready")) return;
    table.setAttribute("data-sortable-ready", "1");
    var headers = table.querySelectorAll("thead th");
    headers.forEach(function (th, index) {
      th.setAttribute("tabindex", "0");
      th.setAttribute("title", "点击排序");
      var sort = function () {
        var numeric = th.classList.contains("num");
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a.cells[index], numeric);
          var y = cellValue(b.cells[index], numeric);
          var order = numeric ? x - y : String(x).localeCompare(String(y), "zh-CN");
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      };
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
      });
    });
  }

  /* ---- filterable tables (data quality): status buttons + text filter ------------ */
  var STATUS_LABELS = { "": "全部", pass: "通过", warn: "舍入差异", fail: "不一致", skip: "不适用" };

  function makeFilterable(table) {
    if (table.getAttribute("data-filter-ready")) return;
    table.setAttribute("data-filter-ready", "1");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var state = { status: "", text: "" };
    var bar = document.createElement("div");
    bar.className = "table-filter";
    var counter = document.createElement("span");
    counter.className = "filter-count";
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = (!state.status || row.getAttribute("data-status") === state.status) &&
          (!state.text || row.textContent.toLowerCase().indexOf(state.text) !== -1);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      counter.textContent = "显示 " + shown + " / " + rows.length + " 项";
    }
    Object.keys(STATUS_LABELS).forEach(function (status) {
      var n = rows.filter(function (r) { return !status || r.getAttribute("data-status") === status; }).length;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button filter-button" + (status ? " status-" + status : "");
      button.textContent = STATUS_LABELS[status] + " (" + n + ")";
      button.setAttribute("data-status", status);
      button.setAttribute("aria-pressed", status === "" ? "true" : "false");
      button.addEventListener("click", function () {
        state.status = status;
        bar.querySelectorAll("button").forEach(function (b) {
          b.setAttribute("aria-pressed", b === button ? "true" : "false");
        });
        apply();
      });
      bar.appendChild(button);
    });
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = "筛选：输入公开ID、检查ID或文字";
    input.setAttribute("aria-label", "筛选检查");
    input.addEventListener("input", function () { state.text = input.value.trim().toLowerCase(); apply(); });
    bar.appendChild(input);
    bar.appendChild(counter);
    var wrap = table.closest(".table-wrap") || table;
    wrap.parentNode.insertBefore(bar, wrap);
    apply();
  }

  /* ---- source viewer: #L77 (or #L77-L80) highlights the line(s) a source_ref points at ---- */
  // Instant navigation announces the new address (location$) before it swaps the page in, and
  // navigation.tracking may rewrite the hash soon after: remember the hash as announced.
  var pendingHash = window.location.hash;

  function highlightLines(hash) {
    document.querySelectorAll(".src-lines .ln.hl").forEach(function (el) { el.classList.remove("hl"); });
    var m = /^#L(\d+)(?:-L(\d+))?$/.exec(hash || "");
    if (!m || !document.querySelector(".src-lines")) return;
    var first = parseInt(m[1], 10), last = m[2] ? parseInt(m[2], 10) : first;
    for (var n = first; n <= last && n < first + 500; n++) {
      var line = document.getElementById("L" + n);
      if (line) line.classList.add("hl");
    }
    var target = document.getElementById("L" + first);
    if (target) target.scrollIntoView({ block: "center" });
    // keep the line's address in the URL (navigation.tracking may have put a heading's there)
    if (window.location.hash !== hash) history.replaceState(history.state, "", hash);
  }
  window.addEventListener("hashchange", function () { highlightLines(window.location.hash); });
  if (window.location$ && typeof window.location$.subscribe === "function") {
    window.location$.subscribe(function (url) { pendingHash = url && url.hash !== undefined ? url.hash : ""; });
  }

  function enhance() {
    var hash = pendingHash;
    setTimeout(function () { highlightLines(hash); }, 0);  // after Material's own scroll to the anchor
    // a click on a permalink of the page shown may swap the page in without announcing a new address
    renderCharts(document, /^#fig-/.test(window.location.hash) ? window.location.hash : hash);
    document.querySelectorAll("table.sortable").forEach(makeSortable);
    document.querySelectorAll("table.filterable").forEach(makeFilterable);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhance);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
