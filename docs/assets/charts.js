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

  function renderChart(el) {
    if (el.getAttribute("data-state")) return;
    el.setAttribute("data-state", "loading");
    var url = new URL(el.getAttribute("data-spec"), ROOT);
    var name = url.pathname.split("/").pop().replace(/\.json$/, "");
    fetch(url.href)
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status + " for " + url.href);
        return response.json();
      })
      .then(function (spec) {
        el.innerHTML = "";
        var options = Object.assign({}, EMBED_OPTIONS, { downloadFileName: name });
        return window.vegaEmbed(el, spec, options);
      })
      .then(function () {
        el.setAttribute("data-state", "rendered");
      })
      .catch(function (error) {
        el.setAttribute("data-state", "error");
        el.textContent = "图表无法显示，请查看下方的数据表。";
        console.error("chart " + url.href + ": " + error);
      });
  }

  function renderCharts(root) {
    if (typeof window.vegaEmbed !== "function") {
      console.error("vega-embed is not loaded");
      return;
    }
    root.querySelectorAll("div.vega-chart[data-spec]").forEach(renderChart);
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

  function enhance() {
    renderCharts(document);
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
