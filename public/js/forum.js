// Forum forms, progressively enhanced: the pages work without this file.
// 1. A post form is sent once: the button is disabled on submit (no double posts on a slow connection).
// 2. The "post anonymously" choice is made visible on the whole form, so nobody posts under the wrong name by mistake.
(function () {
  'use strict';
  document.querySelectorAll('form[enctype="multipart/form-data"]').forEach(function (form) {
    var anonymous = form.querySelector('input[name="anonymous"]');
    function mark() {
      form.classList.toggle('forum-form--anonymous', !!(anonymous && anonymous.checked));
    }
    if (anonymous) {
      anonymous.addEventListener('change', mark);
      mark();
    }
    form.addEventListener('submit', function () {
      var button = form.querySelector('button[type="submit"]');
      if (button) {
        setTimeout(function () {
          button.disabled = true;
        }, 0);
      }
    });
  });
})();
