/* Load the search index only when the reader uses search.
 *
 * Material fetches search/search_index.json (XHR) on every page load. Loaded before Material's
 * bundle, this holds that one request back until the search box is focused, the search icon is
 * pressed, a search shortcut is typed, or the address carries a query (?q=…); then it is sent
 * as it was. Everything else about search stays Material's own.
 */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var wanted = /[?&]q=/.test(window.location.search);
  var held = [];

  function want() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (release) { release(); });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.__searchIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this, args = arguments;
    if (xhr.__searchIndex && !wanted) {
      held.push(function () { send.apply(xhr, args); });
      return undefined;
    }
    return send.apply(xhr, args);
  };

  function isSearch(el) {
    return el && el.closest && el.closest(".md-search, label[for='__search'], #__search");
  }
  document.addEventListener("focusin", function (e) { if (isSearch(e.target)) want(); }, true);
  document.addEventListener("pointerdown", function (e) { if (isSearch(e.target)) want(); }, true);
  document.addEventListener("click", function (e) { if (isSearch(e.target)) want(); }, true);
  document.addEventListener("change", function (e) { if (e.target && e.target.id === "__search") want(); }, true);
  // Material's keyboard shortcuts for search: f, s and /
  document.addEventListener("keydown", function (e) {
    if (["f", "s", "/"].indexOf(e.key) !== -1 && !(e.target && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName))) want();
  }, true);
})();
