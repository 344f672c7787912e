// Broadsheet's optional enhancements. Every page works without this file.
(function () {
  "use strict";

  // "More ..." lists: narrow the visible values as the filter box is typed in.
  function facetFilter() {
    var form = document.querySelector("form[data-filter-list]");
    if (!form) { return; }
    var list = document.getElementById(form.getAttribute("data-filter-list"));
    var input = form.querySelector("input[type=search]");
    var count = document.getElementById("facet-count");
    if (!list || !input) { return; }
    var items = Array.prototype.slice.call(list.children);
    input.addEventListener("input", function () {
      var needle = input.value.trim().toLowerCase();
      var shown = 0;
      items.forEach(function (item) {
        var text = item.firstElementChild ? item.firstElementChild.textContent.toLowerCase() : "";
        var match = !needle || text.indexOf(needle) !== -1;
        item.hidden = !match;
        if (match) { shown += 1; }
      });
      if (count) { count.textContent = shown + " shown; press Enter to search the whole list."; }
    });
  }

  // Results page: fetch results as the query is typed, keeping the address in step.
  function instantResults() {
    var input = document.getElementById("q-top");
    var results = document.getElementById("results");
    if (!input || !results || !window.fetch || !window.DOMParser) { return; }
    var form = input.form;
    var timer = null;
    var latest = 0;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var params = new URLSearchParams(new FormData(form));
        var url = form.getAttribute("action") + "?" + params.toString();
        var ticket = ++latest;
        window.fetch(url, { headers: { "Accept": "text/html" } }).then(function (response) {
          return response.ok ? response.text() : null;
        }).then(function (html) {
          if (!html || ticket !== latest) { return; }
          var page = new DOMParser().parseFromString(html, "text/html");
          ["results", "sidebar"].forEach(function (id) {
            var fresh = page.getElementById(id);
            var old = document.getElementById(id);
            if (fresh && old) { old.replaceWith(fresh); }
          });
          document.title = page.title;
          window.history.replaceState(null, "", url);
        }).catch(function () { /* the form still submits normally */ });
      }, 300);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    facetFilter();
    instantResults();
  });
}());
