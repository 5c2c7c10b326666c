// Company page: the call outcome menu only shows for calls; the timeline filter applies on change.
(function () {
  'use strict';

  document.querySelectorAll('.activity-form').forEach(function (form) {
    var type = form.querySelector('select[name="type"]');
    var outcome = form.querySelector('.activity-outcome');
    if (!type || !outcome) return;
    var sync = function () {
      var isCall = type.value === 'call';
      outcome.hidden = !isCall;
      // A hidden menu must not post a stale outcome for another activity type.
      outcome.querySelector('select').disabled = !isCall;
    };
    type.addEventListener('change', sync);
    sync();
  });

  document.querySelectorAll('select.auto-submit').forEach(function (select) {
    select.addEventListener('change', function () {
      if (select.form) select.form.requestSubmit ? select.form.requestSubmit() : select.form.submit();
    });
  });
})();
