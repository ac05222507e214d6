// Keeps a results page live: when the election's stream says stations changed, fetch the page's results part again
// and swap it in — at most every few seconds, however fast the changes come. The browser reconnects a dropped stream.
// Also says how long ago the results were updated (<time class="ago">), every few seconds, in the page's language.
(function () {
  function ago() {
    var lang = document.documentElement.lang || 'th';
    var words = window.Intl && Intl.RelativeTimeFormat ? new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }) : null;
    document.querySelectorAll('time.ago[datetime]').forEach(function (t) {
      var at = Date.parse(t.getAttribute('datetime'));
      if (isNaN(at)) { return; }
      var s = Math.max(0, Math.round((Date.now() - at) / 1000)), text;
      if (!words) { text = s + ' s'; }
      else if (s < 60) { text = words.format(-s, 'second'); }
      else if (s < 3600) { text = words.format(-Math.floor(s / 60), 'minute'); }
      else if (s < 86400) { text = words.format(-Math.floor(s / 3600), 'hour'); }
      else { text = words.format(-Math.floor(s / 86400), 'day'); }
      t.textContent = (t.dataset.template || '({0})').replace('{0}', text);
    });
  }
  ago();
  setInterval(ago, 5000);

  var box = document.getElementById('live-results');
  if (!box || !window.EventSource) { return; }
  var EVERY = 3000, last = 0, timer = null;
  function refresh() {
    timer = null;
    last = Date.now();
    fetch(box.dataset.part, { headers: { 'Accept': 'text/html' } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html) { box.innerHTML = html; ago(); } })
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
