// The map of partners: markers from the page's JSON data block, drawn with Leaflet.
// The page lists the same partners in a table, so without JavaScript or tiles nothing is lost.
(function () {
  "use strict";

  function start() {
    var box = document.getElementById("partner-map");
    var data = document.getElementById("partner-points");
    if (!box || !data || typeof window.L === "undefined") {
      return;
    }
    var points = JSON.parse(data.textContent);
    box.hidden = false;
    var map = window.L.map(box, { scrollWheelZoom: false });
    if (box.dataset.tiles) {
      window.L.tileLayer(box.dataset.tiles, {
        maxZoom: 18,
        attribution: box.dataset.attribution || "",
      }).addTo(map);
    }
    var bounds = [];
    points.forEach(function (point) {
      var marker = window.L.marker([point.lat, point.lng], { title: point.name, alt: point.name });
      // Text nodes, not HTML strings: names come from people and must not become markup.
      var popup = document.createElement("div");
      var link = document.createElement("a");
      link.href = point.url;
      link.textContent = point.name;
      popup.appendChild(link);
      var detail = document.createElement("div");
      detail.textContent = [point.kind, point.city].filter(Boolean).join(" · ");
      popup.appendChild(detail);
      marker.bindPopup(popup);
      marker.addTo(map);
      bounds.push([point.lat, point.lng]);
    });
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: 13 });
    } else {
      // Kazakhstan, whole.
      map.setView([48.0, 67.0], 4);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
