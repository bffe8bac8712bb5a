// Draw each interactive chart of the page with vega-embed (bundled: no CDN), at its
// container's width, again when that width changes; an embedded page tells its parent its height.
(function () {
  "use strict";
  var views = {};

  function sized(spec, width) {
    var copy = JSON.parse(JSON.stringify(spec));
    if (copy.vconcat) {
      copy.vconcat.forEach(function (view) { view.width = Math.max(160, width - 70); });
    } else {
      copy.width = width;
      copy.autosize = { type: "fit-x", contains: "padding" };
    }
    return copy;
  }

  function tellParent() {
    if (window.parent !== window) {
      window.parent.postMessage({ poppyHeight: document.documentElement.scrollHeight }, "*");
    }
  }

  function draw(el) {
    var spec = JSON.parse(document.getElementById(el.dataset.spec).textContent);
    var locale = JSON.parse(document.getElementById(el.dataset.locale).textContent);
    var width = el.clientWidth;
    if (views[el.id] && Math.abs(views[el.id].width - width) < 16) { return; }
    if (views[el.id]) { views[el.id].view.finalize(); }
    window.vegaEmbed(el, sized(spec, width), {
      actions: false,
      renderer: "svg",
      formatLocale: locale,
      tooltip: { theme: "light" }
    }).then(function (result) {
      views[el.id] = { view: result.view, width: width };
      // Vega names the chart a 'visualization' and its groups '... mark container', in English
      // whatever the page's language, and leaves those groups without a name: the chart is one
      // graphic labelled with its title (in the page's language), its values are in the table
      el.removeAttribute("aria-roledescription");
      el.querySelectorAll("[role], [aria-roledescription]").forEach(function (node) {
        node.removeAttribute("role");
        node.removeAttribute("aria-roledescription");
      });
      el.querySelectorAll("svg").forEach(function (svg) { svg.setAttribute("aria-hidden", "true"); });
      el.setAttribute("data-drawn", "true");
      tellParent();
    });
  }

  window.poppyViews = views;
  var charts = document.querySelectorAll(".vis[data-spec]");
  charts.forEach(draw);
  if (window.ResizeObserver) {
    var timer = null;
    new ResizeObserver(function () {
      clearTimeout(timer);
      timer = setTimeout(function () { charts.forEach(draw); }, 150);
    }).observe(document.body);
  }
  window.addEventListener("load", tellParent);
})();
