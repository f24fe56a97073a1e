// The map of community needs on the overview page. The points come from a json_script
// element (CSP forbids inline script); without JavaScript the page shows the same data as tables.
(function () {
  "use strict";
  function draw() {
    var holder = document.getElementById("needs-map");
    var source = document.getElementById("needs-map-data");
    if (!holder || !source || typeof window.L === "undefined") return;
    var config = JSON.parse(source.textContent);
    holder.hidden = false;
    holder.setAttribute("role", "region");
    holder.setAttribute("aria-label", holder.dataset.label || "");
    var fallback = document.querySelector(".map-fallback");
    if (fallback) fallback.hidden = true;
    var map = window.L.map(holder, { scrollWheelZoom: false });
    window.L.tileLayer(config.tiles, { attribution: config.attribution, maxZoom: 18 }).addTo(map);
    var bounds = [];
    config.points.forEach(function (p) {
      var link = document.createElement("a");
      link.href = p.url;
      link.lang = p.lang;
      link.textContent = p.title;
      var box = document.createElement("div");
      box.appendChild(link);
      var state = document.createElement("div");
      state.textContent = p.state;
      box.appendChild(state);
      window.L.marker([p.lat, p.lng], { title: p.title, alt: p.title }).addTo(map).bindPopup(box);
      bounds.push([p.lat, p.lng]);
    });
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: 14 });
    } else {
      map.setView([48.0, 67.0], 4); // Kazakhstan
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
