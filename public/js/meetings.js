// Progressive enhancement for the resolution form: show only the fields of the chosen kind.
// Without JavaScript every fieldset stays visible and the server ignores the ones that do not apply.
(function () {
  var form = document.getElementById('resolution-form');
  if (!form) return;
  var kind = form.querySelector('select[name="kind"]');
  if (!kind) return;
  var sections = form.querySelectorAll('fieldset[data-kind]');
  function update() {
    for (var i = 0; i < sections.length; i++) {
      sections[i].hidden = sections[i].getAttribute('data-kind') !== kind.value;
    }
  }
  kind.addEventListener('change', update);
  update();
})();
