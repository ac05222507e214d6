/*
 * The report page's service worker (issue 25): sends the count reports waiting in the phone's outbox
 * (report-outbox.js) when the connection returns, even after the page was closed. It serves no page and caches
 * nothing; its scope is its own folder, which is enough for Background Sync. A sync that finds no connection fails,
 * so the browser tries it again later.
 */
/* global KhanaenOutbox */
importScripts('report-outbox.js');

self.addEventListener('install', function () {
  self.skipWaiting();
});

self.addEventListener('activate', function (event) {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('sync', function (event) {
  if (event.tag !== KhanaenOutbox.SYNC_TAG) {
    return;
  }
  event.waitUntil(KhanaenOutbox.flushAll().then(function (done) {
    if (done.offline > 0) {
      throw new Error('still offline: try again later');
    }
  }));
});

