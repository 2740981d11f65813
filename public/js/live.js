// Live replies on a topic page (progressive enhancement: the page works without it).
// Listens to the topic's Server-Sent Events; on a new post number, fetches the new posts' HTML
// (same policies as the page) and appends them. On an earlier page, shows a link to the last page.
(function () {
  'use strict';
  if (!window.EventSource || !window.fetch || !('content' in document.createElement('template'))) return;
  var list = document.querySelector('.forum-posts');
  var match = /^\/(fa|vi|en)\/forum\/t\/(\d+)\/?$/.exec(location.pathname);
  if (!list || !match) return;
  var base = '/' + match[1] + '/forum/t/' + match[2];
  var onLastPage = !document.querySelector('.forum-pages a[rel="next"]');
  var busy = false;
  var again = false;

  function lastNumber() {
    var posts = list.querySelectorAll('article[id^="p"]');
    var last = posts[posts.length - 1];
    return last ? Number(last.id.slice(1)) || 0 : 0;
  }

  function append(html) {
    var template = document.createElement('template');
    template.innerHTML = html;
    var items = template.content.querySelectorAll('li');
    for (var i = 0; i < items.length; i++) {
      var article = items[i].querySelector('article[id^="p"]');
      if (article && !document.getElementById(article.id)) {
        items[i].classList.add('forum-post--live');
        list.appendChild(items[i]);
      }
    }
  }

  function fetchNew() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    fetch(base + '/posts?after=' + lastNumber(), { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (response) {
        return response.ok ? response.text() : '';
      })
      .then(append, function () {})
      .then(function () {
        busy = false;
        if (again) {
          again = false;
          fetchNew();
        }
      });
  }

  function showNotice(text) {
    if (document.querySelector('.live-notice')) return;
    var notice = document.createElement('p');
    notice.className = 'live-notice';
    notice.setAttribute('role', 'status');
    var link = document.createElement('a');
    link.href = base + '/' + (lastNumber() + 1);
    link.textContent = text;
    notice.appendChild(link);
    list.parentNode.insertBefore(notice, list.nextSibling);
  }

  var source = new EventSource(base + '/events');
  source.addEventListener('post', function (event) {
    var data;
    try {
      data = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    if (!data || typeof data.postNumber !== 'number' || data.postNumber <= lastNumber()) return;
    if (onLastPage) fetchNew();
    else showNotice(String(data.notice || ''));
  });
  // After a dropped connection the browser reconnects by itself; catch up on what was missed.
  source.addEventListener('open', function () {
    if (onLastPage && lastNumber() > 0) fetchNew();
  });
})();
