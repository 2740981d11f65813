// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  // Move focus to a form's error summary so keyboard and screen-reader users hear the problems first.
  var summary = document.querySelector('.error-summary');
  if (summary) summary.focus();
  // Ask before a destructive action (forms marked data-confirm carry their own localized question).
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = form && form.getAttribute && form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) event.preventDefault();
  });
})();
