/*<![CDATA[*/
/* The report's only script: optional. Without it every figure, every job and every note is
   already in the page; it adds a tap-to-see caption under the charts and lets the table of
   every job be searched, filtered and sorted. It loads nothing and sends nothing. */
(function () {
  "use strict";
  var fold = function (s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  };
  /* Charts: tapping, clicking or focusing a mark writes its title in the section's caption. */
  var marked = null;
  var show = function (e) {
    var mark = e.target.closest ? e.target.closest("circle, g") : null;
    if (!mark) return;
    var title = mark.querySelector("title");
    var section = mark.closest("section");
    var tip = section ? section.querySelector(".tip") : null;
    if (!title || !tip) return;
    tip.textContent = title.textContent;
    if (marked) marked.classList.remove("on");
    marked = mark.tagName.toLowerCase() === "circle" ? mark : null;
    if (marked) marked.classList.add("on");
  };
  Array.prototype.forEach.call(document.querySelectorAll(".tip"), function (tip) {
    tip.hidden = false;
  });
  Array.prototype.forEach.call(document.querySelectorAll("svg"), function (svg) {
    svg.addEventListener("click", show);
    svg.addEventListener("focusin", show);
  });
  /* The explorer. */
  var box = document.getElementById("explore");
  if (!box) return;
  var table = box.querySelector("table");
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var texts = rows.map(function (r) { return fold(r.textContent); });
  var query = document.getElementById("x-q");
  var direction = document.getElementById("x-d");
  var klass = document.getElementById("x-c");
  var count = document.getElementById("x-n");
  var lang = document.documentElement.lang || "en";
  box.querySelector(".controls").hidden = false;
  var apply = function () {
    var q = fold(query.value.trim());
    var d = direction ? direction.value : "";
    var c = klass ? klass.value : "";
    var shown = 0;
    rows.forEach(function (r, i) {
      var ok = (!d || r.getAttribute("data-d") === d)
        && (!c || r.getAttribute("data-c") === c)
        && (!q || texts[i].indexOf(q) !== -1);
      r.hidden = !ok;
      if (ok) shown += 1;
    });
    count.textContent = count.getAttribute("data-text")
      .replace("{n}", shown.toLocaleString(lang))
      .replace("{t}", rows.length.toLocaleString(lang));
  };
  [query, direction, klass].forEach(function (el) {
    if (el) el.addEventListener("input", apply);
  });
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var value = function (r, k) {
    var cell = r.cells[k];
    var v = cell.getAttribute("data-v");
    return v === null ? cell.textContent : parseFloat(v);
  };
  var sortBy = function (k) {
    var th = heads[k];
    var up = th.getAttribute("aria-sort") !== "ascending";
    heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", up ? "ascending" : "descending");
    var order = rows.map(function (r, i) { return [value(r, k), i, r]; });
    order.sort(function (a, b) {
      var x = a[0], y = b[0], s;
      if (typeof x === "number" && typeof y === "number") s = x - y;
      else s = String(x).localeCompare(String(y), lang);
      return (up ? s : -s) || a[1] - b[1];
    });
    order.forEach(function (o) { body.appendChild(o[2]); });
  };
  heads.forEach(function (th, k) {
    th.tabIndex = 0;
    th.addEventListener("click", function () { sortBy(k); });
    th.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(k); }
    });
  });
  apply();
})();
/*]]>*/
