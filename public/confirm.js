/*
 * Confirms consequential actions: a form with data-confirm="…" asks in a dialog before posting, and
 * posts confirme=oui once confirmed (without JavaScript, the server answers a confirmation page).
 * Optional data-confirm-label names the confirming button, data-confirm-cancel the one that changes
 * nothing (« Annuler » by default). No inline code (CSP).
 */
(function () {
  'use strict';

  var dialog = null;
  var text = null;
  var okButton = null;
  var cancelButton = null;
  var pending = null;

  function build() {
    dialog = document.createElement('dialog');
    dialog.className = 'confirm-dialog';
    dialog.setAttribute('aria-labelledby', 'confirm-dialog-text');
    var form = document.createElement('form');
    form.method = 'dialog';
    text = document.createElement('p');
    text.id = 'confirm-dialog-text';
    text.className = 'confirm-dialog-text';
    var buttons = document.createElement('p');
    buttons.className = 'confirm-dialog-buttons';
    okButton = document.createElement('button');
    okButton.type = 'submit';
    okButton.value = 'ok';
    var cancel = (cancelButton = document.createElement('button'));
    cancel.type = 'submit';
    cancel.value = 'cancel';
    cancel.className = 'secondary';
    cancel.textContent = 'Annuler';
    cancel.autofocus = true;
    buttons.appendChild(okButton);
    buttons.appendChild(document.createTextNode(' '));
    buttons.appendChild(cancel);
    form.appendChild(text);
    form.appendChild(buttons);
    dialog.appendChild(form);
    document.body.appendChild(dialog);
    dialog.addEventListener('close', function () {
      var request = pending;
      pending = null;
      if (!request) return;
      if (dialog.returnValue === 'ok') submitConfirmed(request.form, request.submitter);
      else if (request.submitter && document.contains(request.submitter)) request.submitter.focus();
    });
  }

  function submitConfirmed(form, submitter) {
    var input = form.querySelector('input[name="confirme"]');
    if (!input) {
      input = document.createElement('input');
      input.type = 'hidden';
      input.name = 'confirme';
      form.appendChild(input);
    }
    input.value = 'oui';
    form.setAttribute('data-confirmed', 'true');
    if (typeof form.requestSubmit === 'function') form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
    else form.submit();
  }

  // Capture phase: runs before htmx or any other submit listener of the form.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-confirm')) return;
    if (form.getAttribute('data-confirmed') === 'true') {
      form.removeAttribute('data-confirmed');
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    if (!dialog) build();
    text.textContent = form.getAttribute('data-confirm');
    okButton.textContent = form.getAttribute('data-confirm-label') || 'Confirmer';
    cancelButton.textContent = form.getAttribute('data-confirm-cancel') || 'Annuler';
    pending = { form: form, submitter: event.submitter || null };
    dialog.returnValue = '';
    dialog.showModal();
  }, true);
})();
