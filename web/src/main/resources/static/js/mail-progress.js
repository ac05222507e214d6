// After "send assignment mail": how many volunteers have been told (their mail went out) and how many mails still wait
// to go, every 2 s, until both are done. The texts come from the page (Thai or English), with {0} told, {1} of, {2}
// waiting. The count is the server's: marked as told and no longer waiting in the outbox.
(function () {
  var box = document.getElementById('mail-progress');
  if (!box) return;
  var total = parseInt(box.getAttribute('data-total'), 10);
  var bar = document.getElementById('mail-bar');
  var text = document.getElementById('mail-progress-text');
  function say(template, values) {
    return template.replace(/\{(\d)\}/g, function (_, i) { return values[i].toLocaleString(); });
  }
  function poll() {
    fetch(box.getAttribute('data-url') + '?of=' + total, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (p) {
        if (!p) { setTimeout(poll, 5000); return; }
        var told = Math.min(total, p.told);
        bar.value = told;
        if (p.toTell === 0 && p.waiting === 0) {
          bar.value = total;
          text.textContent = box.getAttribute('data-done');
          return;
        }
        text.textContent = say(box.getAttribute('data-text'), [told, total, p.waiting]);
        setTimeout(poll, 2000);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  poll();
})();
