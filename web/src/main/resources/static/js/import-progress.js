// While a roster file is checked or imported, ask for its progress every second and reload when done.
(function () {
  var job = document.getElementById('import-job');
  if (!job) return;
  var status = job.getAttribute('data-status');
  if (status !== 'CHECKING' && status !== 'IMPORTING') return;
  var url = job.getAttribute('data-status-url');
  var bar = document.getElementById('progress');
  var text = document.getElementById('progress-text');
  function poll() {
    fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (!s) { setTimeout(poll, 3000); return; }
        if (bar) { bar.value = s.percent; bar.textContent = s.percent + '%'; }
        if (text) { text.textContent = text.textContent.replace(/[\d,]+/, s.processed.toLocaleString()); }
        if (s.status !== status) { window.location.reload(); } else { setTimeout(poll, 1000); }
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 1000);
})();
