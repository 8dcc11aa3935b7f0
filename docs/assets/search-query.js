/* Search as typed, pasted or dictated, with the query cut into words as the index was.
 *
 * Loaded before Material's bundle. (1) Material's search worker is replaced by the site's
 * (javascripts/workers/search-jieba.js), which runs Material's own but cuts a Chinese query with jieba's
 * method, as the index was cut at build time. (2) Material searches when a key is released; text that
 * arrives without one — pasted, dropped, picked from an input method or a phone's suggestions — gives an
 * input event only, so it is answered with the keyup Material waits for.
 */
(function () {
  "use strict";
  var config = document.getElementById("__config");
  // file:// runs the worker in Material's iframe shim, where loading scripts is not synchronous: keep Material's
  if (config && location.protocol !== "file:") {
    var settings = JSON.parse(config.textContent);
    if (settings.search) {
      var material = new URL(settings.search, location.href);
      var ours = new URL("search-jieba.js", material);
      ours.searchParams.set("worker", material.pathname + material.search);
      settings.search = ours.href;
      config.textContent = JSON.stringify(settings);
    }
  }

  function isBox(el) {
    return el && el.matches && el.matches("input.md-search__input");
  }

  function searchNow(box) {
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }

  document.addEventListener("input", function (e) {
    if (isBox(e.target) && !e.isComposing) searchNow(e.target);
  }, true);
  document.addEventListener("compositionend", function (e) {
    if (isBox(e.target)) searchNow(e.target);
  }, true);
  // a paste event comes before the text is in the box
  document.addEventListener("paste", function (e) {
    if (isBox(e.target)) setTimeout(function () { searchNow(e.target); }, 0);
  }, true);
})();
