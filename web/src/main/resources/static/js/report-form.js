/*
 * The count report page on a phone with a bad connection. Without this script the page is a plain form;
 * with it, nothing typed is lost: the draft (numbers, the idempotency key, the photos already uploaded)
 * lives in localStorage per station and contest, photos are shrunk on the phone and put straight into the
 * photo bucket (a presigned link the app grants for exactly those bytes) as soon as they are chosen, and the report is sent as JSON and retried with the same key until the server answers,
 * so a retry can never make a second report. Texts come from the page (data-msg-*), in its language.
 */
(function () {
  'use strict';

  var form = document.getElementById('report-form');
  if (!form || !window.fetch || !window.JSON) {
    return; // the plain form still works
  }
  var MAX_SIDE = 1600;
  var QUALITY = 0.8;
  var csrf = form.querySelector('input[name=_csrf]');
  var statusLine = document.getElementById('send-status');
  var findingsBox = document.getElementById('findings');
  var findingsList = document.getElementById('findings-list');
  var confirmBox = document.getElementById('confirm-box');
  var asWrittenBox = document.getElementById('as-written-box');
  var storageName = 'khanaen-report:' + form.dataset.station + ':' + form.dataset.contest;
  var sending = false;
  var retryTimer = null;
  var attempt = 0;
  var uploadsRunning = 0;

  function message(name, value) {
    var text = form.dataset['msg' + name] || '';
    return value === undefined ? text : text.replace('{0}', value);
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

  /** What the draft keeps: not the confirmation, which holds only for the numbers it was given for. */
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

  function photoStatus(kind, text) {
    var line = document.getElementById('photo-status-' + kind);
    if (line) { line.textContent = text; }
  }

  var draft = load();
  if (draft && draft.key) {
    fill(draft.values || {});
    var typed = Object.keys(draft.values || {}).some(function (name) { return draft.values[name] !== ''; });
    if (typed || Object.keys(draft.photos || {}).length) { say(message('Restored')); }
    draft.photos = draft.photos || {};
  } else {
    // the key the server put in the page, so that a no-script retry of the same draft would match too
    draft = { key: form.elements.idempotencyKey.value || newKey(), values: collect(), photos: {} };
    save();
  }
  form.elements.idempotencyKey.value = draft.key;
  Object.keys(draft.photos || {}).forEach(function (kind) { photoStatus(kind, message('Uploaded')); });

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

  /** Longest side at most 1600 px, JPEG at ~0.8: a 5 MB phone photo becomes ~300 kB. */
  function shrink(file) {
    return new Promise(function (resolve) {
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
        resolve(file); // not something the browser can draw: the server says what is wrong with it
      };
      image.src = url;
    });
  }

  /** The photo's SHA-256 in hex, or null where the browser cannot hash (a page not served over HTTPS). */
  function sha256(blob) {
    if (!window.crypto || !window.crypto.subtle || !blob.arrayBuffer) {
      return Promise.resolve(null);
    }
    return blob.arrayBuffer().then(function (bytes) {
      return window.crypto.subtle.digest('SHA-256', bytes);
    }).then(function (digest) {
      return Array.prototype.map.call(new Uint8Array(digest), function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
    }, function () { return null; });
  }

  function uploaded(kind, answer) {
    draft.photos[kind] = { id: answer.id, sha256: answer.sha256 };
    save();
    photoStatus(kind, message('Uploaded'));
  }

  function upload(kind, blob, tries) {
    photoStatus(kind, message('Uploading'));
    return sha256(blob).then(function (hash) {
      return hash && form.dataset.uploadsUrl ? uploadToBucket(kind, blob, hash, tries) : uploadThroughApp(kind, blob, tries);
    });
  }

  function retry(kind, blob, tries) {
    // no connection: try again a little later, as long as the page is open
    photoStatus(kind, message('UploadRetrying'));
    return wait(backoff(tries)).then(function () { return upload(kind, blob, tries + 1); });
  }

  /**
   * Straight into the bucket: the app grants an upload of exactly these bytes (size, type, SHA-256, signed into the
   * link) and the photo goes from the phone to the bucket. Asking again after a lost connection gets the same photo.
   */
  function uploadToBucket(kind, blob, hash, tries) {
    var type = blob.type || 'image/jpeg';
    return fetch(form.dataset.uploadsUrl, {
      method: 'POST', credentials: 'same-origin',
      body: JSON.stringify({ kind: kind, contentType: type, bytes: blob.size, sha256: hash }),
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-TOKEN': csrf ? csrf.value : '' }
    }).then(function (response) {
      return readJson(response).then(function (answer) {
        if (!(response.ok && answer && answer.url)) {
          photoStatus(kind, answer ? (answer.problems || []).join(' ') : message('SignedOut'));
          return null;
        }
        return fetch(answer.url, { method: 'PUT', body: blob, headers: answer.headers || {}, credentials: 'omit' })
          .then(function (put) {
            if (put.ok) {
              uploaded(kind, answer);
            } else {
              photoStatus(kind, message('UploadRefused'));
            }
          });
      });
    }).then(null, function () { return retry(kind, blob, tries); });
  }

  /** Through the app, where the page cannot hash the photo; the app puts it into the bucket. */
  function uploadThroughApp(kind, blob, tries) {
    var body = new FormData();
    body.append('kind', kind);
    body.append('file', blob, kind.toLowerCase() + '.jpg');
    return fetch(form.dataset.photosUrl, {
      method: 'POST', body: body, credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'X-CSRF-TOKEN': csrf ? csrf.value : '' }
    }).then(function (response) {
      return readJson(response).then(function (answer) {
        if (response.ok && answer && answer.id) {
          uploaded(kind, answer);
        } else if (answer) {
          photoStatus(kind, (answer.problems || []).join(' '));
        } else {
          photoStatus(kind, message('SignedOut'));
        }
      });
    }, function () { return retry(kind, blob, tries); });
  }

  Array.prototype.forEach.call(form.querySelectorAll('input[type=file][data-kind]'), function (input) {
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      if (!file) { return; }
      var kind = input.dataset.kind;
      delete draft.photos[kind];
      save();
      uploadsRunning++;
      shrink(file).then(function (blob) { return upload(kind, blob, 0); })
        .then(function () { uploadsRunning--; }, function () { uploadsRunning--; });
    });
  });

  function wait(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  function backoff(tries) {
    return Math.min(60000, 2000 * Math.pow(2, tries));
  }

  /** The answer as JSON, or null when it is not (the sign-in page after the session ran out). */
  function readJson(response) {
    var type = response.headers.get('Content-Type') || '';
    return type.indexOf('json') >= 0 ? response.json() : Promise.resolve(null);
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

  function send() {
    clearTimeout(retryTimer);
    retryTimer = null;
    sending = true;
    say(message('Sending'));
    fetch(form.action, {
      method: 'POST', credentials: 'same-origin', body: JSON.stringify(report()),
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-TOKEN': csrf ? csrf.value : '' }
    }).then(function (response) {
      return readJson(response).then(function (answer) {
        sending = false;
        if (!answer) {
          say(message('SignedOut')); // the draft stays: sign in again and send
        } else if (response.ok) {
          sent(answer);
        } else if (response.status >= 500) {
          retry();
        } else {
          attempt = 0;
          say(message('Refused'));
          showFindings(answer.findings, answer.problems, answer.needsConfirmation, answer.asWrittenPossible);
        }
      });
    }, function () {
      sending = false;
      retry();
    });
  }

  function retry() {
    say(message('Retrying'));
    retryTimer = setTimeout(send, backoff(attempt));
    attempt++;
  }

  function sent(answer) {
    attempt = 0;
    try { localStorage.removeItem(storageName); } catch (e) { /* nothing kept */ }
    showFindings([], [], false, false);
    form.reset();
    draft = { key: newKey(), values: {}, photos: {} };
    form.elements.idempotencyKey.value = draft.key;
    Array.prototype.forEach.call(form.querySelectorAll('.photo-status'), function (line) { line.textContent = ''; });
    say(answer.message || message('Sent', answer.reportId));
    statusLine.classList.add('is-sent');
  }

  window.addEventListener('online', function () {
    if (retryTimer) { send(); }
  });

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    statusLine.classList.remove('is-sent');
    if (uploadsRunning > 0) {
      say(message('WaitPhotos'));
      return;
    }
    if (!sending) {
      attempt = 0;
      send();
    }
  });
}());
