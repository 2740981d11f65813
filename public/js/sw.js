// Unionhall's service worker: shows a pushed notification and opens its link when it is clicked. The payload is
// composed by src/modules/notifications/domain/push-payload.ts: {id, title, body, url, lang, dir}.
/* global self */
'use strict';

self.addEventListener('install', function () {
  self.skipWaiting();
});

self.addEventListener('activate', function (event) {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('push', function (event) {
  var data;
  try {
    data = event.data ? event.data.json() : {};
  } catch (error) {
    data = {};
  }
  if (typeof data.title !== 'string' || typeof data.body !== 'string') return;
  event.waitUntil(
    self.registration.showNotification(data.title, {
      body: data.body,
      lang: data.lang,
      dir: data.dir === 'rtl' ? 'rtl' : 'ltr',
      tag: 'notification-' + String(data.id),
      icon: '/static/favicon.svg',
      data: { url: data.url },
    }),
  );
});

self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  var url = event.notification.data && event.notification.data.url;
  // Only this site's own pages: a link elsewhere cannot come from this app.
  if (typeof url !== 'string' || new URL(url, self.location.origin).origin !== self.location.origin) return;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (windows) {
      for (var i = 0; i < windows.length; i++) {
        if (windows[i].url === url && 'focus' in windows[i]) return windows[i].focus();
      }
      return self.clients.openWindow(url);
    }),
  );
});
