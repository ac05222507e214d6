/*
 * The count report page on a phone with a bad connection. Without this script the page is a plain form;
 * with it, nothing typed is lost: the draft (numbers, the idempotency key, the photos already uploaded)
 * lives in localStorage per station and contest, photos are shrunk on the phone and put straight into the
 * photo bucket (a presigned link the app grants for exactly those bytes) as soon as they are chosen, and the report is
 * sent as JSON and retried with the same key until the server answers, so a retry can never make a second report.
 * Issue 25: a photo the page or the app refuses stays marked (which file, why) and blocks Send until it is replaced or
 * removed; a final count without its three photos needs the volunteer's explicit choice; a sent report, and the
 * photos not yet uploaded, wait in the phone's outbox (report-outbox.js, IndexedDB) and the service worker
 * (report-sw.js) sends them when the connection returns even if the page was closed; after sending, the page shows
 * the receipt of what was stored and keeps its status up to date. Texts come from the page (data-msg-*), in its language.
 */
(function () {
  'use strict';

  var form = document.getElementById('report-form');
  if (!form || !window.fetch || !window.JSON || !window.Promise) {
    return; // the plain form still works
  }
  var outbox = window.KhanaenOutbox || null;
  var MAX_SIDE = 1600;
  var QUALITY = 0.8;
  var MAX_FILE = 25 * 1024 * 1024; // larger than any phone photo; beyond it shrinking alone could exhaust the phone
  var POLL = 15000;
  var csrf = form.querySelector('input[name=_csrf]');
  var statusLine = document.getElementById('send-status');
  var findingsBox = document.getElementById('findings');
  var findingsList = document.getElementById('findings-list');
  var confirmBox = document.getElementById('confirm-box');
  var asWrittenBox = document.getElementById('as-written-box');
  var photosLaterBox = document.getElementById('photos-later-box');
  var outboxBox = document.getElementById('outbox');
  var outboxList = document.getElementById('outbox-list');
  var storageName = 'khanaen-report:' + form.dataset.station + ':' + form.dataset.contest;
  var kinds = Array.prototype.map.call(form.querySelectorAll('input[type=file][data-kind]'), function (i) { return i.dataset.kind; });
  var kindNames = {};
  (form.dataset.kindNames || '').split(';').forEach(function (pair) {
    var at = pair.indexOf('=');
    if (at > 0) { kindNames[pair.substring(0, at)] = pair.substring(at + 1); }
  });
  var sending = false;
  var retryTimer = null;
  var pollTimer = null;
  var attempt = 0;
  var uploadsRunning = 0;
  var lastSent = null;
  var onlineAgain = false; // the connection returned while an attempt was under way
  var somethingWaits = false; // a report of any station waits in the outbox (as last read)

  function message(name, value) {
    var text = form.dataset['msg' + name] || '';
    if (value === undefined) { return text; }
    var values = Array.isArray(value) ? value : [value];
    return values.reduce(function (t, v, i) { return t.replace('{' + i + '}', v); }, text);
  }

  function say(text) {
    statusLine.textContent = text;
  }

  /** A fresh key for a new draft: random, and within [A-Za-z0-9_-]{8,80}. */
  function newKey() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID(); // only in secure contexts
    }
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function load() {
    try {
      return JSON.parse(localStorage.getItem(storageName));
    } catch (e) {
      return null;
    }
  }

  function save() {
    try {
      localStorage.setItem(storageName, JSON.stringify(draft));
    } catch (e) {
      // storage full or disabled: the page still sends, it just forgets on reload
    }
  }

  /** What the draft keeps: not the confirmations, which hold only for the numbers they were given for. */
  function textFields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && (el.type === 'number' || el.type === 'radio');
    });
  }

  function collect() {
    var values = {};
    textFields().forEach(function (el) {
      if (el.type === 'radio') {
        if (el.checked) { values[el.name] = el.value; }
      } else {
        values[el.name] = el.value;
      }
    });
    return values;
  }

  function fill(values) {
    textFields().forEach(function (el) {
      if (!(el.name in values)) { return; }
      if (el.type === 'radio') {
        el.checked = values[el.name] === el.value;
      } else {
        el.value = values[el.name];
      }
    });
  }

  function photoStatus(kind, text, refused) {
    var line = document.getElementById('photo-status-' + kind);
    if (line) {
      line.textContent = text;
      line.classList.toggle('is-refused', !!refused);
    }
    var input = document.getElementById('photo-' + kind);
    if (input) { input.setAttribute('aria-invalid', refused ? 'true' : 'false'); }
    var clear = document.getElementById('photo-clear-' + kind);
    if (clear) { clear.classList.toggle('is-hidden', !refused); }
  }

  var draft = load();
  if (draft && draft.key) {
    fill(draft.values || {});
    var typed = Object.keys(draft.values || {}).some(function (name) { return draft.values[name] !== ''; });
    if (typed || Object.keys(draft.photos || {}).length) { say(message('Restored')); }
  } else {
    // the key the server put in the page, so that a no-script retry of the same draft would match too
    draft = { key: form.elements.idempotencyKey.value || newKey(), values: collect(), photos: {} };
  }
  draft.photos = draft.photos || {};
  draft.refused = draft.refused || {};
  draft.waiting = draft.waiting || {};
  save();
  form.elements.idempotencyKey.value = draft.key;
  Object.keys(draft.photos).forEach(function (kind) { photoStatus(kind, message('Uploaded')); });
  Object.keys(draft.waiting).forEach(function (kind) { photoStatus(kind, message('PhotoWaiting')); });
  Object.keys(draft.refused).forEach(function (kind) { refuse(kind, draft.refused[kind].name, draft.refused[kind].reason); });

  form.addEventListener('input', function (event) {
    if (event.target.type === 'number') {
      form.elements.warningsConfirmed.checked = false; // new numbers, new warnings: confirm again
      form.elements.asWritten.checked = false;
    }
    draft.values = collect();
    save();
  });
  form.addEventListener('change', function (event) {
    if (event.target.type === 'file') { return; }
    draft.values = collect();
    save();
  });

  /** The file as a photo no longer than 1600 px, JPEG at ~0.8 (a 5 MB phone photo becomes ~300 kB); rejects what is no image. */
  function shrink(file) {
    return new Promise(function (resolve, reject) {
      var url = URL.createObjectURL(file);
      var image = new Image();
      image.onload = function () {
        var scale = Math.min(1, MAX_SIDE / Math.max(image.naturalWidth, image.naturalHeight));
        var canvas = document.createElement('canvas');
        canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
        canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
        canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
        URL.revokeObjectURL(url);
        canvas.toBlob(function (blob) { resolve(blob || file); }, 'image/jpeg', QUALITY);
      };
      image.onerror = function () {
        URL.revokeObjectURL(url);
        reject(new Error('not an image')); // a text file, a PDF named .jpg: the browser cannot draw it
      };
      image.src = url;
    });
  }

  /** The file is not taken: said beside it (which file, why) and kept so, blocking Send, until replaced or removed. */
  function refuse(kind, name, reason) {
    draft.refused[kind] = { name: name, reason: reason };
    delete draft.photos[kind];
    delete draft.waiting[kind];
    save();
    photoStatus(kind, message('PhotoRefused', [name, reason]), true);
  }

  function clearRefusal(kind) {
    delete draft.refused[kind];
    save();
    var input = document.getElementById('photo-' + kind);
    if (input) { input.value = ''; }
    photoStatus(kind, '', false);
  }

  function uploaded(kind, key, answer) {
    draft.photos[kind] = { id: answer.id, sha256: answer.sha256 };
    delete draft.waiting[kind];
    save();
    photoStatus(kind, message('Uploaded'));
    if (!outbox) { return; }
    // a report already waiting in the outbox names the photo before its bytes leave the phone's storage
    var named = Promise.resolve();
    if (pending && pending.key === key) {
      pending.photos[kind] = draft.photos[kind];
      pending.report.photoIds = Object.keys(pending.photos).map(function (k) { return pending.photos[k].id; });
      pending.waitingPhotos = Object.keys(draft.waiting).length;
      named = outbox.put(pending);
    }
    named.then(function () { return outbox.removePhoto(key, kind); }).then(null, function () {});
  }

  function where() {
    return { uploadsUrl: form.dataset.uploadsUrl, photosUrl: form.dataset.photosUrl, csrf: csrf ? csrf.value : '' };
  }

  /** Uploads while the page is open; without a connection the photo waits in the outbox and is tried again. */
  function upload(kind, blob, name, key, tries) {
    photoStatus(kind, message('Uploading'));
    var asked = outbox ? outbox.uploadPhoto(where(), kind, blob) : Promise.reject(new Error('no outbox'));
    return asked.then(function (answer) {
      if (key !== draft.key) { return; } // the draft was sent (with the photo from the outbox) or replaced meanwhile
      if (answer.id) {
        uploaded(kind, key, answer);
      } else if (answer.signedOut) {
        photoStatus(kind, message('SignedOut'));
      } else {
        if (outbox) { outbox.removePhoto(key, kind).then(null, function () {}); }
        refuse(kind, name, answer.bucketRefused ? message('UploadRefused') : (answer.problems || []).join(' '));
      }
    }, function () {
      if (key !== draft.key || !draft.waiting[kind]) { return; }
      photoStatus(kind, message('PhotoWaiting'));
      return wait(backoff(tries)).then(function () {
        return key === draft.key && draft.waiting[kind] ? upload(kind, blob, name, key, tries + 1) : null;
      });
    });
  }

  Array.prototype.forEach.call(form.querySelectorAll('input[type=file][data-kind]'), function (input) {
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      if (!file) { return; }
      var kind = input.dataset.kind;
      var key = draft.key;
      delete draft.photos[kind];
      delete draft.refused[kind];
      save();
      if (file.type && file.type.indexOf('image/') !== 0) {
        refuse(kind, file.name, message('NotImage'));
        return;
      }
      if (file.size > MAX_FILE) {
        refuse(kind, file.name, message('TooBig'));
        return;
      }
      uploadsRunning++;
      photoStatus(kind, message('Uploading'));
      shrink(file).then(function (blob) {
        draft.waiting[kind] = file.name;
        save();
        // on the phone first: without a connection it waits there, for the page or the service worker
        var kept = outbox ? outbox.putPhoto(key, kind, blob, file.name).then(null, function () {}) : Promise.resolve();
        return kept.then(function () { return upload(kind, blob, file.name, key, 0); });
      }, function () {
        refuse(kind, file.name, message('NotImage'));
      }).then(function () { uploadsRunning--; }, function () { uploadsRunning--; });
    });
  });
  Array.prototype.forEach.call(form.querySelectorAll('button.photo-clear'), function (button) {
    button.addEventListener('click', function () { clearRefusal(button.dataset.kind); });
  });

  function wait(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  function backoff(tries) {
    return Math.min(60000, 2000 * Math.pow(2, tries));
  }

  function number(name) {
    var value = form.elements[name].value.trim();
    return value === '' ? null : Number(value);
  }

  function report() {
    var votes = {};
    Array.prototype.forEach.call(form.querySelectorAll('input[name^="vote-"]'), function (input) {
      votes[input.name.substring(5)] = input.value.trim() === '' ? 0 : Number(input.value);
    });
    var chosen = form.querySelector('input[name=final]:checked');
    return {
      stationId: Number(form.dataset.station),
      contest: form.dataset.contest,
      'final': chosen ? chosen.value === 'true' : null,
      votes: votes,
      valid: number('valid'),
      invalid: number('invalid'),
      noVote: number('noVote'),
      ballotsUsed: number('ballotsUsed'),
      votersCame: number('votersCame'),
      ballotsReceived: number('ballotsReceived'),
      ballotsLeft: number('ballotsLeft'),
      idempotencyKey: draft.key,
      warningsConfirmed: form.elements.warningsConfirmed.checked,
      asWritten: form.elements.asWritten.checked,
      photosLater: form.elements.photosLater.checked,
      photoIds: Object.keys(draft.photos).map(function (kind) { return draft.photos[kind].id; })
    };
  }

  function showFindings(findings, problems, needsConfirmation, asWrittenPossible) {
    findingsList.textContent = '';
    (problems || []).forEach(function (text) { addFinding(text, 'finding-error'); });
    (findings || []).forEach(function (f) { addFinding(f.message, 'finding-' + String(f.severity).toLowerCase()); });
    findingsBox.classList.toggle('is-hidden', findingsList.children.length === 0);
    confirmBox.classList.toggle('is-hidden', !needsConfirmation);
    asWrittenBox.classList.toggle('is-hidden', !asWrittenPossible);
    if (findingsList.children.length) { findingsBox.scrollIntoView({ block: 'start' }); }
  }

  function addFinding(text, className) {
    var item = document.createElement('li');
    item.className = className;
    item.textContent = text;
    findingsList.appendChild(item);
  }

  /** The report as the outbox keeps it: everything needed to send it without this page. */
  function entry() {
    return {
      key: draft.key, station: form.dataset.station, contest: form.dataset.contest, url: form.action,
      uploadsUrl: form.dataset.uploadsUrl, photosUrl: form.dataset.photosUrl, csrf: csrf ? csrf.value : '',
      report: report(), photos: JSON.parse(JSON.stringify(draft.photos)), waitingPhotos: Object.keys(draft.waiting).length,
      state: 'waiting', createdAt: new Date().toISOString()
    };
  }

  /** Sends a waiting report: through the outbox (its photos still on the phone first), else straight as before. */
  function deliver(item) {
    if (outbox) {
      return outbox.put(item).then(function () { return outbox.flush(item); }, function () { return direct(item); });
    }
    return direct(item);
  }

  function direct(item) {
    return fetch(item.url, {
      method: 'POST', credentials: 'same-origin', body: JSON.stringify(item.report),
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-TOKEN': item.csrf }
    }).then(function (response) {
      var type = response.headers.get('Content-Type') || '';
      return (type.indexOf('json') >= 0 ? response.json() : Promise.resolve(null)).then(function (answer) {
        if (!answer || response.status === 401 || response.status === 403) { return { state: 'signed-out' }; }
        if (response.ok) { return { state: 'sent', answer: answer }; }
        return response.status >= 500 ? { state: 'offline' } : { state: 'refused', answer: answer };
      });
    }, function () { return { state: 'offline' }; });
  }

  var pending = null; // the report being sent, kept across retries

  function send() {
    clearTimeout(retryTimer);
    retryTimer = null;
    sending = true;
    say(message('Sending'));
    deliver(pending).then(function (result) {
      sending = false;
      if (result.state === 'sent') {
        sent(result.answer);
      } else if (result.state === 'signed-out') {
        say(message('SignedOut')); // the draft stays: sign in again and send
        showOutbox();
      } else if (result.state === 'refused') {
        attempt = 0;
        var answer = result.answer || {};
        if (outbox) { outbox.remove(pending.key).then(null, function () {}); } // the page has the draft to fix
        pending = null;
        say(message('Refused'));
        if (answer.photo) {
          refuse(answer.photo, draft.waiting[answer.photo] || kindNames[answer.photo] || answer.photo, (answer.problems || []).join(' '));
        }
        if (answer.photosMissing && answer.photosMissing.length) { photosLaterBox.classList.remove('is-hidden'); }
        showFindings(answer.findings, answer.problems, answer.needsConfirmation, answer.asWrittenPossible);
        showOutbox();
      } else {
        retry();
      }
    });
  }

  function retry() {
    say(message('Retrying') + (outbox ? ' ' + message('OfflineKept') : ''));
    showOutbox();
    retryTimer = setTimeout(send, onlineAgain ? 0 : backoff(attempt));
    onlineAgain = false;
    attempt++;
  }

  function sent(answer) {
    attempt = 0;
    pending = null;
    try { localStorage.removeItem(storageName); } catch (e) { /* nothing kept */ }
    showFindings([], [], false, false);
    form.reset();
    photosLaterBox.classList.add('is-hidden');
    draft = { key: newKey(), values: {}, photos: {}, refused: {}, waiting: {} };
    form.elements.idempotencyKey.value = draft.key;
    kinds.forEach(function (kind) { photoStatus(kind, '', false); });
    say(answer.message || message('Sent', answer.reportId));
    statusLine.classList.add('is-sent');
    lastSent = answer.reportId;
    refreshReceipts(true);
    showOutbox();
  }

  /** The kinds a final count still lacks (neither uploaded nor waiting on the phone); none for a running tally. */
  function missingKinds() {
    var chosen = form.querySelector('input[name=final]:checked');
    if (!chosen || chosen.value !== 'true') { return []; }
    return kinds.filter(function (kind) { return !draft.photos[kind] && !draft.waiting[kind]; });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    statusLine.classList.remove('is-sent');
    var refused = Object.keys(draft.refused);
    if (refused.length) {
      say(message('FixPhotos'));
      var input = document.getElementById('photo-' + refused[0]);
      if (input) { input.focus(); }
      return;
    }
    if (uploadsRunning > 0 && navigator.onLine !== false && Object.keys(draft.waiting).length === 0) {
      say(message('WaitPhotos')); // still shrinking: a moment
      return;
    }
    var missing = missingKinds();
    if (missing.length && !form.elements.photosLater.checked) {
      photosLaterBox.classList.remove('is-hidden');
      say(message('PhotosMissing', missing.map(function (k) { return kindNames[k] || k; }).join(', ')));
      form.elements.photosLater.focus();
      return;
    }
    if (!sending) {
      attempt = 0;
      pending = entry();
      send();
    }
  });

  /** What still waits on this phone for this station, said under the Send button. */
  function showOutbox() {
    if (!outbox) { return Promise.resolve(); }
    return outbox.all().then(function (entries) {
      somethingWaits = (entries || []).some(function (e) { return e.state !== 'refused'; });
      var here = (entries || []).filter(function (e) { return e.station === form.dataset.station; });
      outboxList.textContent = '';
      here.forEach(function (e) {
        var item = document.createElement('li');
        var text = message('Waiting', e.key);
        if (e.waitingPhotos) { text += ' · ' + message('WaitingPhotos', e.waitingPhotos); }
        if (e.state === 'signed-out') { text += ' · ' + message('SignedOut'); }
        if (e.state === 'refused' && e.answer) {
          text += ' · ' + message('Refused') + ' ' + (e.answer.problems || []).concat((e.answer.findings || []).map(function (f) {
            return f.message;
          })).join(' ');
        }
        item.textContent = text;
        outboxList.appendChild(item);
      });
      outboxBox.classList.toggle('is-hidden', here.length === 0);
    }, function () {});
  }

  /** Sends what waits from an earlier visit (or the service worker could not send yet). */
  function flushOutbox() {
    if (!outbox || sending || pending) { return; }
    outbox.flushAll().then(function (done) {
      if (done.keys.indexOf(draft.key) >= 0) {
        sent({ message: message('OutboxSent') }); // this draft was the one waiting: a new draft starts
      } else if (done.sent > 0) {
        say(message('OutboxSent'));
        refreshReceipts(false);
      }
      showOutbox();
    }, function () {});
  }

  /** The receipts part again from the app: after sending, and while a final count waits for its decision. */
  function refreshReceipts(scroll) {
    var part = document.getElementById('my-reports');
    var url = form.dataset.receiptsUrl + '?station=' + encodeURIComponent(form.dataset.station) + (lastSent ? '&sent=' + lastSent : '');
    return fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } }).then(function (response) {
      var type = response.headers.get('Content-Type') || '';
      if (!response.ok || type.indexOf('html') < 0) { return; }
      return response.text().then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('my-reports');
        if (!fresh) { return; }
        var open = part ? Array.prototype.map.call(part.querySelectorAll('details[open]'), function (d) { return d.parentNode.id; }) : [];
        open.forEach(function (id) {
          var again = fresh.querySelector('#' + id + ' details');
          if (again) { again.open = true; }
        });
        var adopted = document.importNode(fresh, true);
        if (part) { part.replaceWith(adopted); } else { form.parentNode.insertBefore(adopted, form.nextSibling); }
        if (scroll && lastSent) {
          var receipt = document.getElementById('receipt-' + lastSent);
          if (receipt) { receipt.scrollIntoView({ block: 'start' }); }
        }
      });
    }).then(schedulePoll, schedulePoll);
  }

  function schedulePoll() {
    clearTimeout(pollTimer);
    var part = document.getElementById('my-reports');
    if (part && part.dataset.waiting === 'true') {
      pollTimer = setTimeout(function () {
        if (document.visibilityState === 'hidden') { schedulePoll(); } else { refreshReceipts(false); }
      }, POLL);
    }
  }

  /** The service worker that sends the outbox when the page is gone; Background Sync is asked for as the page goes. */
  var worker = null;
  if (outbox && navigator.serviceWorker && form.dataset.swUrl) {
    navigator.serviceWorker.register(form.dataset.swUrl).then(function (registration) { worker = registration; }, function () {});
  }

  /** Asked at once (no storage read first): a page being closed runs no more callbacks. */
  function handOver() {
    if (worker && worker.sync && outbox && (pending || somethingWaits)) {
      worker.sync.register(outbox.SYNC_TAG).then(null, function () {});
    }
  }

  window.addEventListener('online', function () {
    attempt = 0;
    if (retryTimer) {
      send();
    } else if (sending) {
      onlineAgain = true; // an attempt begun while offline is failing: the next one goes at once
    } else {
      flushOutbox();
    }
  });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') {
      handOver(); // while the page is open it sends itself; hidden or closed, the service worker takes over
    } else {
      showOutbox();
      flushOutbox();
      refreshReceipts(false);
    }
  });
  window.addEventListener('pagehide', handOver);

  // photos chosen before a reload or a lost connection, still on the phone: uploaded now (or their loss said)
  Object.keys(draft.waiting).forEach(function (kind) {
    var key = draft.key;
    (outbox ? outbox.photo(key, kind) : Promise.resolve(null)).then(function (row) {
      if (row && row.blob) {
        return upload(kind, row.blob, row.name, key, 0);
      }
      delete draft.waiting[kind];
      save();
      photoStatus(kind, '', false);
    }).then(null, function () {});
  });
  showOutbox();
  if (navigator.onLine !== false) { flushOutbox(); }
  schedulePoll();
}());
