// Layout check of a rendered report (not shipped in the report: the test appends it to a copy). After load it
// measures, in the real layout with the real fonts:
//  - every <svg> has a non-zero box and drawn elements (a chart that is not the empty state draws bars or lines);
//  - every SVG text is rendered and lies inside its chart's box, and no two texts of one chart overlap;
//  - no block element is wider inside than its box (scrollWidth > clientWidth), and the page is not wider than the window.
// The result goes into a <pre> with id layout-check as JSON for `chromium --headless --dump-dom` to print.
(function () {
  "use strict";
  var TOLERANCE = 0.75;

  function label(el) {
    var own = "";
    el.childNodes.forEach(function (n) { if (n.nodeType === 3) { own += n.nodeValue; } });
    return (own || el.textContent || "").trim().slice(0, 60);
  }

  function box(r) {
    return "[" + [r.left, r.top, r.right, r.bottom].map(function (v) { return Math.round(v * 10) / 10; }).join(",") + "]";
  }

  function run() {
    var problems = [];
    var svgs = Array.prototype.slice.call(document.querySelectorAll("svg"));
    var charts = 0, empty = 0, texts = 0;
    svgs.forEach(function (svg, i) {
      var name = svg.getAttribute("aria-label") || ("svg #" + i);
      var r = svg.getBoundingClientRect();
      if (!(r.width > 1 && r.height > 1)) {
        problems.push(name + ": chart has no size " + box(r));
        return;
      }

      var isEmpty = svg.classList.contains("chart-empty");
      if (isEmpty) { empty++; } else { charts++; }
      var shapes = Array.prototype.slice.call(svg.querySelectorAll("rect, polyline, circle, line, path")).filter(function (s) {
        var b = s.getBoundingClientRect();
        return b.width > 0 || b.height > 0;
      });
      var marks = Array.prototype.slice.call(svg.querySelectorAll("rect, polyline")).filter(function (s) {
        var b = s.getBoundingClientRect();
        return b.width > 0 && b.height > 0;
      });
      if (shapes.length === 0) { problems.push(name + ": nothing drawn"); }
      if (!isEmpty && marks.length === 0) { problems.push(name + ": no bar or line drawn"); }

      var boxes = Array.prototype.slice.call(svg.querySelectorAll("text")).map(function (t) {
        return { t: t, b: t.getBoundingClientRect() };
      });
      texts += boxes.length;
      if (boxes.length === 0) { problems.push(name + ": no text (axis or value labels)"); }
      boxes.forEach(function (x) {
        var b = x.b;
        if (label(x.t) !== "" && !(b.width > 0 && b.height > 0)) {
          problems.push(name + ": text not rendered: \"" + label(x.t) + "\"");
          return;
        }

        if (b.left < r.left - TOLERANCE || b.right > r.right + TOLERANCE || b.top < r.top - TOLERANCE || b.bottom > r.bottom + TOLERANCE) {
          problems.push(name + ": text outside the chart: \"" + label(x.t) + "\" " + box(b) + " not in " + box(r));
        }
      });
      for (var a = 0; a < boxes.length; a++) {
        for (var c = a + 1; c < boxes.length; c++) {
          var p = boxes[a].b, q = boxes[c].b;
          var ox = Math.min(p.right, q.right) - Math.max(p.left, q.left);
          var oy = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
          if (ox > 1 && oy > 1) {
            problems.push(name + ": labels overlap: \"" + label(boxes[a].t) + "\" " + box(p) + " and \"" + label(boxes[c].t) + "\" " + box(q));
          }
        }
      }
    });

    document.body.querySelectorAll("*").forEach(function (el) {
      if (el.closest("svg")) { return; }
      var style = getComputedStyle(el);
      if (style.display === "inline" || style.display === "none" || el.clientWidth === 0) { return; }
      if (el.scrollWidth > el.clientWidth + 1) {
        problems.push("overflow: <" + el.tagName.toLowerCase() + (el.className ? " class=\"" + el.className + "\"" : "") + "> scrollWidth "
          + el.scrollWidth + " > clientWidth " + el.clientWidth + ": \"" + (el.textContent || "").trim().slice(0, 60) + "\"");
      }
    });
    var page = document.documentElement.scrollWidth;
    if (page > window.innerWidth) {
      problems.push("page wider than the window: " + page + " > " + window.innerWidth);
    }

    var result = { ok: problems.length === 0, svgs: svgs.length, charts: charts, empty: empty, texts: texts, width: window.innerWidth, problems: problems.slice(0, 60), count: problems.length };
    var pre = document.createElement("pre");
    pre.id = "layout-check";
    pre.textContent = JSON.stringify(result);
    document.body.appendChild(pre);
  }

  function start() {
    if (document.fonts && document.fonts.ready) {
      document.fonts.ready.then(run, run);
    } else {
      run();
    }
  }

  if (document.readyState === "complete") { start(); } else { window.addEventListener("load", start); }
})();
