// Keeps a results page live: when the election's stream says stations changed, fetch the page's results part again
// and swap it in — at most every few seconds, however fast the changes come. The browser reconnects a dropped stream.
(function () {
  var box = document.getElementById('live-results');
  if (!box || !window.EventSource) { return; }
  var EVERY = 3000, last = 0, timer = null;
  function refresh() {
    timer = null;
    last = Date.now();
    fetch(box.dataset.part, { headers: { 'Accept': 'text/html' } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html) { box.innerHTML = html; } })
      .catch(function () { /* next change tries again */ });
  }
  function changed() {
    if (timer) { return; }
    timer = setTimeout(refresh, Math.max(0, EVERY - (Date.now() - last)));
  }
  var source = new EventSource(box.dataset.stream);
  source.addEventListener('stations', changed);
  source.addEventListener('quick-count', changed);
})();
