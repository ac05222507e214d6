// The coverage map: one circle per constituency, coloured by the share of stations with a primary.
// Tiles are a bonus (no internet, no tiles): the circles, the legend and the fit to bounds work without them.
(function () {
  var el = document.getElementById('coverage-map');
  if (!el || typeof L === 'undefined') return;
  var data = el.dataset;
  // Same breaks and colours as the legend in coverage-map.css.
  var colours = ['#b2182b', '#ef8a62', '#fddb7a', '#a6d96a', '#1a9641'];
  function band(share) {
    if (share >= 0.95) return 4;
    if (share >= 0.75) return 3;
    if (share >= 0.5) return 2;
    if (share >= 0.25) return 1;
    return 0;
  }
  function text(s) {
    var span = document.createElement('span');
    span.textContent = s;
    return span.innerHTML;
  }
  function percent(n) {
    return Math.round(n * 1000) / 10 + '%';
  }

  var map = L.map(el, { preferCanvas: true }).setView([13.0, 101.0], 6);
  L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
    maxZoom: 18,
    attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
  }).addTo(map);

  fetch(data.url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(function (rows) {
      var bounds = [];
      rows.forEach(function (c) {
        if (c.latitude == null || c.longitude == null) return;
        var share = c.stations ? c.withPrimary / c.stations : 0;
        var colour = colours[band(share)];
        var marker = L.circleMarker([c.latitude, c.longitude], {
          radius: 4 + Math.min(10, Math.sqrt(c.stations) / 3),
          color: '#333', weight: 1, fillColor: colour, fillOpacity: 0.85
        }).addTo(map);
        marker.bindPopup('<strong>' + text(c.name) + '</strong> <code>' + text(c.code) + '</code><br>'
          + text(data.labelStations) + ': ' + c.stations + '<br>'
          + text(data.labelPrimary) + ': ' + c.withPrimary + ' (' + percent(share) + ')<br>'
          + text(data.labelBackup) + ': ' + c.withBackup + '<br>'
          + text(data.labelCheckedIn) + ': ' + c.checkedIn + '<br>'
          + '<a href="' + text(data.coverageUrl + encodeURIComponent(c.code)) + '">' + text(data.labelOpen) + '</a>');
        bounds.push([c.latitude, c.longitude]);
      });
      if (bounds.length) map.fitBounds(bounds, { padding: [20, 20] });
      // how many were drawn, for people debugging the page and for the browser test
      el.dataset.drawn = String(bounds.length);
    })
    .catch(function () {
      var error = document.getElementById('coverage-map-error');
      if (error) { error.textContent = data.labelFailed; error.hidden = false; }
    });
})();
