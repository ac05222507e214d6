/*
 * The phone's outbox for count reports (issue 25), shared by the report page (report-form.js) and its service worker
 * (report-sw.js, which imports this file). A report the volunteer sent waits here, in IndexedDB, with the photos not yet
 * uploaded (their shrunk bytes) until the app has answered: the page sends it while it is open; when the page is hidden
 * or closed with something still waiting, the service worker sends it once the connection returns (Background Sync),
 * and where there is no Background Sync the page sends it on its next opening or 'online' event. Every attempt carries
 * the report's own idempotency key, so whoever sends it first stores it and any other attempt is answered "already
 * stored". What it needs to send without the page (the form's address, the upload addresses, the session's CSRF token)
 * is kept with it; the session cookie goes with every request, and when the session has ended the entry waits for the
 * volunteer to sign in again.
 */
(function (scope) {
  'use strict';

  var DB_NAME = 'khanaen-report';
  var ENTRIES = 'outbox';
  var PHOTOS = 'photos';
  var SYNC_TAG = 'khanaen-report-outbox';

  function open() {
    return new Promise(function (resolve, reject) {
      if (!scope.indexedDB) {
        reject(new Error('no IndexedDB'));
        return;
      }
      var request = scope.indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        var db = request.result;
        if (!db.objectStoreNames.contains(ENTRIES)) { db.createObjectStore(ENTRIES, { keyPath: 'key' }); }
        if (!db.objectStoreNames.contains(PHOTOS)) { db.createObjectStore(PHOTOS, { keyPath: 'id' }); }
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  /** One request in one transaction of a store, its result. */
  function run(store, mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(store, mode);
        var request = work(tx.objectStore(store));
        tx.oncomplete = function () { db.close(); resolve(request ? request.result : undefined); };
        tx.onerror = function () { db.close(); reject(tx.error); };
        tx.onabort = function () { db.close(); reject(tx.error); };
      });
    });
  }

  function put(entry) { return run(ENTRIES, 'readwrite', function (s) { return s.put(entry); }); }
  function all() { return run(ENTRIES, 'readonly', function (s) { return s.getAll(); }); }
  function get(key) { return run(ENTRIES, 'readonly', function (s) { return s.get(key); }); }
  function removeEntry(key) { return run(ENTRIES, 'readwrite', function (s) { return s.delete(key); }); }

  /** A photo's shrunk bytes, kept under the draft's key and its kind until it is uploaded. */
  function putPhoto(key, kind, blob, name) {
    return run(PHOTOS, 'readwrite', function (s) { return s.put({ id: key + ':' + kind, key: key, kind: kind, blob: blob, name: name || '' }); });
  }
  function photo(key, kind) { return run(PHOTOS, 'readonly', function (s) { return s.get(key + ':' + kind); }); }
  function removePhoto(key, kind) { return run(PHOTOS, 'readwrite', function (s) { return s.delete(key + ':' + kind); }); }
  function photosOf(key) {
    return run(PHOTOS, 'readonly', function (s) { return s.getAll(); }).then(function (rows) {
      return (rows || []).filter(function (row) { return row.key === key; });
    });
  }
  function removePhotos(key) {
    return photosOf(key).then(function (rows) {
      return Promise.all(rows.map(function (row) { return removePhoto(key, row.kind); }));
    });
  }

  /** The answer as JSON, or null when it is not (the sign-in page after the session ran out). */
  function readJson(response) {
    var type = response.headers.get('Content-Type') || '';
    return type.indexOf('json') >= 0 ? response.json() : Promise.resolve(null);
  }

  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  /** The photo's SHA-256 in hex, or null where it cannot be hashed (a page not served over HTTPS). */
  function sha256(blob) {
    if (!scope.crypto || !scope.crypto.subtle || !blob.arrayBuffer) {
      return Promise.resolve(null);
    }
    return blob.arrayBuffer().then(function (bytes) { return scope.crypto.subtle.digest('SHA-256', bytes); })
      .then(hex, function () { return null; });
  }

  /**
   * Uploads one photo: straight into the bucket by a presigned link where it can be hashed (the app grants exactly these
   * bytes), else through the app. Resolves {id, sha256} when stored, {problems} when refused, {signedOut: true} when the
   * answer is not the app's JSON; rejects when there is no connection.
   *
   * @param where {uploadsUrl, photosUrl, csrf}
   */
  function uploadPhoto(where, kind, blob) {
    return sha256(blob).then(function (hash) {
      return hash && where.uploadsUrl ? toBucket(where, kind, blob, hash) : throughApp(where, kind, blob);
    });
  }

  function toBucket(where, kind, blob, hash) {
    var type = blob.type || 'image/jpeg';
    return fetch(where.uploadsUrl, {
      method: 'POST', credentials: 'same-origin',
      body: JSON.stringify({ kind: kind, contentType: type, bytes: blob.size, sha256: hash }),
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-TOKEN': where.csrf || '' }
    }).then(function (response) {
      return readJson(response).then(function (answer) {
        if (!answer) { return { signedOut: true }; }
        if (!(response.ok && answer.url)) { return { problems: answer.problems || [] }; }
        return fetch(answer.url, { method: 'PUT', body: blob, headers: answer.headers || {}, credentials: 'omit' }).then(function (put) {
          return put.ok ? { id: answer.id, sha256: answer.sha256 } : { problems: [], bucketRefused: true };
        });
      });
    });
  }

  function throughApp(where, kind, blob) {
    var body = new FormData();
    body.append('kind', kind);
    body.append('file', blob, kind.toLowerCase() + '.jpg');
    return fetch(where.photosUrl, {
      method: 'POST', body: body, credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'X-CSRF-TOKEN': where.csrf || '' }
    }).then(function (response) {
      return readJson(response).then(function (answer) {
        if (!answer) { return { signedOut: true }; }
        return response.ok && answer.id ? { id: answer.id, sha256: answer.sha256 } : { problems: answer.problems || [] };
      });
    });
  }

  /**
   * Sends one waiting report: its photos still on the phone first (each kept as uploaded at once, so a later attempt
   * does not upload it again), then the report. Resolves {state, answer}: 'sent' (stored now or before: the entry and its
   * photos are gone), 'refused' (the app answered what to fix: kept, marked, for the page to show), 'signed-out'
   * (kept), 'offline' (kept: no connection, or the app did not answer).
   */
  function flush(entry) {
    return photosOf(entry.key).then(function (waiting) {
      var chain = Promise.resolve(null);
      waiting.forEach(function (row) {
        chain = chain.then(function (stop) {
          if (stop) { return stop; }
          return uploadPhoto(entry, row.kind, row.blob).then(function (answer) {
            if (answer.id) {
              entry.photos[row.kind] = { id: answer.id, sha256: answer.sha256 };
              return put(entry).then(function () { return removePhoto(entry.key, row.kind); }).then(function () { return null; });
            }
            return answer.signedOut ? { state: 'signed-out' } : { state: 'refused', answer: { problems: answer.problems, photo: row.kind } };
          });
        });
      });
      return chain;
    }).then(function (stop) {
      if (stop) { return mark(entry, stop); }
      var report = JSON.parse(JSON.stringify(entry.report));
      report.photoIds = Object.keys(entry.photos).map(function (kind) { return entry.photos[kind].id; });
      return fetch(entry.url, {
        method: 'POST', credentials: 'same-origin', body: JSON.stringify(report),
        headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-TOKEN': entry.csrf || '' }
      }).then(function (response) {
        return readJson(response).then(function (answer) {
          // a session that ended answers with the sign-in page, or 403 for its CSRF token: wait for a new sign-in
          if (!answer || response.status === 401 || response.status === 403) { return mark(entry, { state: 'signed-out' }); }
          if (response.ok) {
            return removeEntry(entry.key).then(function () { return removePhotos(entry.key); })
              .then(function () { return { state: 'sent', answer: answer }; });
          }
          if (response.status >= 500) { return { state: 'offline' }; }
          return mark(entry, { state: 'refused', answer: answer });
        });
      });
    }).then(null, function () { return { state: 'offline' }; });
  }

  function mark(entry, result) {
    entry.state = result.state;
    entry.answer = result.answer || null;
    return put(entry).then(function () { return result; });
  }

  /** Every waiting report, one after the other; resolves {sent, offline} (how many) and the keys sent. */
  function flushAll() {
    return all().then(function (entries) {
      var done = { sent: 0, offline: 0, keys: [] };
      var chain = Promise.resolve();
      (entries || []).filter(function (e) { return e.state !== 'refused'; }).forEach(function (entry) {
        chain = chain.then(function () { return flush(entry); }).then(function (result) {
          if (result.state === 'sent') { done.sent++; done.keys.push(entry.key); }
          if (result.state === 'offline') { done.offline++; }
        });
      });
      return chain.then(function () { return done; });
    });
  }

  scope.KhanaenOutbox = {
    SYNC_TAG: SYNC_TAG, put: put, all: all, get: get, remove: removeEntry, putPhoto: putPhoto, photo: photo,
    removePhoto: removePhoto, photosOf: photosOf, removePhotos: removePhotos, uploadPhoto: uploadPhoto, flush: flush,
    flushAll: flushAll, readJson: readJson
  };
}(self));
