// "Notify this device" on the notification settings page. Progressive enhancement: without this file, or in a
// browser without service workers and PushManager, the section keeps saying that push needs a supporting browser.
(function () {
  'use strict';
  var section = document.querySelector('[data-push-key]');
  if (!section || !('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) return;
  var status = section.querySelector('[data-push-status]');
  var button = document.createElement('button');
  button.type = 'button';
  button.className = 'button button--secondary';
  var API = '/api/v1/push-subscriptions';
  var registration = null;
  var subscribed = false;

  function say(name) {
    status.textContent = section.getAttribute('data-msg-' + name) || '';
  }

  function show(isSubscribed) {
    subscribed = isSubscribed;
    say(isSubscribed ? 'enabled' : 'disabled');
    button.textContent = section.getAttribute(isSubscribed ? 'data-msg-disable' : 'data-msg-enable');
    button.disabled = false;
    if (!button.parentNode) section.appendChild(button);
  }

  function send(method, body) {
    return fetch(API, {
      method: method,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': section.getAttribute('data-push-csrf') || '' },
      body: JSON.stringify(body),
    }).then(function (response) {
      if (!response.ok && response.status !== 404) throw new Error('push subscription API answered ' + response.status);
    });
  }

  function keyBytes(base64url) {
    var raw = window.atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  function subscribe() {
    return window.Notification.requestPermission().then(function (permission) {
      if (permission !== 'granted') {
        say('denied');
        button.disabled = false;
        return;
      }
      return registration.pushManager
        .subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(section.getAttribute('data-push-key')) })
        .then(function (subscription) {
          return send('POST', subscription.toJSON());
        })
        .then(function () {
          show(true);
        });
    });
  }

  function unsubscribe() {
    return registration.pushManager.getSubscription().then(function (subscription) {
      if (!subscription) return show(false);
      var endpoint = subscription.endpoint;
      return subscription
        .unsubscribe()
        .then(function () {
          return send('DELETE', { endpoint: endpoint });
        })
        .then(function () {
          show(false);
        });
    });
  }

  button.addEventListener('click', function () {
    button.disabled = true;
    (subscribed ? unsubscribe() : subscribe()).catch(function () {
      say('failed');
      button.disabled = false;
    });
  });

  navigator.serviceWorker
    .register('/sw.js', { scope: '/' })
    .then(function (reg) {
      registration = reg;
      section.setAttribute('data-push-ready', 'registered');
      return reg.pushManager.getSubscription();
    })
    .then(function (subscription) {
      if (!subscription) return show(false);
      // Tell the server again: it may have forgotten this browser (the push service said it was gone) or another account
      // may have it; whoever opens this page signed in is who this browser notifies.
      return send('POST', subscription.toJSON()).then(function () {
        show(true);
      });
    })
    .catch(function () {
      say('failed');
    });
})();
