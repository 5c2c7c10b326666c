// Script page: a placeholder clicked in the list is inserted where the cursor was in the form.
(function () {
  'use strict';

  var last = null;
  document.querySelectorAll('.pitch-form textarea, .pitch-form input[name$="_objection"]').forEach(function (field) {
    field.addEventListener('focus', function () { last = field; });
  });

  document.querySelectorAll('.pitch-placeholder-list code').forEach(function (code) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'pitch-insert';
    button.textContent = code.textContent;
    button.title = 'Insérer dans le dernier champ modifié';
    code.replaceWith(button);
    button.addEventListener('click', function () {
      if (!last) return;
      var start = last.selectionStart == null ? last.value.length : last.selectionStart;
      var end = last.selectionEnd == null ? start : last.selectionEnd;
      last.value = last.value.slice(0, start) + button.textContent + last.value.slice(end);
      last.focus();
      var caret = start + button.textContent.length;
      last.setSelectionRange(caret, caret);
    });
  });
})();
