// Company page: the outcome menu shows for calls and meetings (with a refusal reason when refused),
// the script panel follows the chosen script and contact, the timeline filter applies on change.
(function () {
  'use strict';

  var KIND_LABELS = { first_call: 'Premier appel', first_meeting: 'Premier rendez-vous', follow_up_call: 'Appel de relance', other: 'Autre' };

  // The activity section is swapped by htmx after a post: always look the form up again.
  function activityForm() { return document.querySelector('.activity-form'); }
  /** The objection checkboxes: in the script panel, posted with the activity form (form="activite-form"). */
  function objectionInputs() { return document.querySelectorAll('#argumentaire input[name="objections"]'); }

  function syncActivityForm() {
    var form = activityForm();
    if (!form) return;
    var type = form.querySelector('select[name="type"]');
    var outcome = form.querySelector('.activity-outcome');
    if (!type || !outcome) return;
    var outcomeSelect = outcome.querySelector('select');
    var hasOutcome = type.value === 'call' || type.value === 'meeting';
    outcome.hidden = !hasOutcome;
    // A hidden menu must not post a stale outcome for another activity type.
    outcomeSelect.disabled = !hasOutcome;
    var label = outcome.querySelector('label');
    if (label) label.textContent = type.value === 'meeting' ? 'Issue du rendez-vous' : 'Issue de l’appel';
    outcomeSelect.querySelectorAll('option[data-calls-only]').forEach(function (option) {
      var hide = type.value !== 'call';
      option.hidden = hide;
      option.disabled = hide;
      if (hide && option.selected) outcomeSelect.value = '';
    });

    var refusal = form.querySelector('.activity-refusal');
    if (refusal) {
      var refused = hasOutcome && outcomeSelect.value === 'refused';
      refusal.hidden = !refused;
      refusal.querySelector('input').disabled = !refused;
    }

    var script = form.querySelector('.activity-script');
    if (script) {
      script.hidden = !hasOutcome;
      script.disabled = !hasOutcome;
      var noScript = script.querySelector('.activity-no-script');
      var off = !hasOutcome || Boolean(noScript && noScript.checked);
      objectionInputs().forEach(function (input) { input.disabled = off; });
    }
  }

  document.addEventListener('change', function (event) {
    var target = event.target;
    if (!target || !target.form || !target.form.classList.contains('activity-form')) return;
    var name = target.name;
    if (name === 'type' || name === 'outcome' || name === 'noScript') syncActivityForm();
  });
  syncActivityForm();

  // ---------------------------------------------------------------- script panel

  var panel = document.getElementById('argumentaire');
  var choice = document.getElementById('argumentaire-choix');
  var csrf = document.querySelector('meta[name="csrf-token"]');
  var requestNumber = 0;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** A section already escaped by the server (HTML text with no markup), shown as such. */
  function escapedText(tag, className, html) {
    var node = element(tag, className);
    node.innerHTML = html;
    return node;
  }

  function showScript(data) {
    // The objections ticked so far stay ticked in the new rendering (before it replaces them).
    var ticked = {};
    objectionInputs().forEach(function (input) { if (input.checked) ticked[input.value] = true; });
    var body = panel.querySelector('.script-body');
    body.textContent = '';
    var head = element('p', 'script-head');
    head.appendChild(element('strong', 'script-title', data.title));
    head.appendChild(document.createTextNode(' '));
    head.appendChild(element('span', 'badge badge-stage script-kind', KIND_LABELS[data.kind] || data.kind));
    head.appendChild(document.createTextNode(' '));
    head.appendChild(element('span', 'badge badge-version script-version', 'v' + data.number));
    head.appendChild(document.createTextNode(' '));
    var link = element('a', 'script-link', 'Voir l’argumentaire et ses résultats');
    link.href = '/argumentaires/' + encodeURIComponent(data.scriptId);
    head.appendChild(link);
    body.appendChild(head);

    body.appendChild(element('h3', '', 'Accroche'));
    body.appendChild(escapedText('p', 'script-text script-opening', data.sections.opening));
    body.appendChild(element('h3', '', 'Offre de service'));
    body.appendChild(escapedText('p', 'script-text script-offer', data.sections.offer));
    body.appendChild(element('h3', '', 'Questions'));
    var questions = element('ol', 'script-questions');
    data.sections.questions.forEach(function (question) {
      questions.appendChild(escapedText('li', 'script-text', question));
    });
    body.appendChild(questions);
    body.appendChild(element('h3', '', 'Objections'));
    body.appendChild(element('p', 'hint script-objections-hint', 'Cochez celles rencontrées : elles sont notées avec l’activité.'));
    var objections = element('div', 'script-objections');
    data.sections.objections.forEach(function (objection) {
      var item = element('div', 'script-objection');
      var label = element('label', 'checkbox script-objection-tick');
      var input = document.createElement('input');
      input.type = 'checkbox';
      input.name = 'objections';
      input.value = objection.key;
      input.setAttribute('form', 'activite-form');
      input.checked = Boolean(ticked[objection.key]);
      label.appendChild(input);
      label.appendChild(document.createTextNode(' '));
      label.appendChild(escapedText('span', 'script-text', objection.objection));
      item.appendChild(label);
      var details = element('details', 'script-answer');
      details.appendChild(element('summary', '', 'Réponse'));
      details.appendChild(escapedText('p', 'script-text', objection.answer));
      item.appendChild(details);
      objections.appendChild(item);
    });
    body.appendChild(objections);
    body.appendChild(element('h3', '', 'Conclusion'));
    body.appendChild(escapedText('p', 'script-text script-closing', data.sections.closing));

    currentScript = data;
    applyScriptToForm();
  }

  /** The script shown, as the activity form records it (its version). */
  var currentScript = null;
  function applyScriptToForm() {
    var form = activityForm();
    if (!form || !currentScript) return;
    var data = currentScript;
    var box = form.querySelector('.activity-script');
    if (!box) return;
    box.querySelector('.activity-script-version').value = data.versionId;
    box.querySelector('.activity-script-title').textContent = data.title;
    box.querySelector('.activity-script-number').textContent = 'v' + data.number;
    box.querySelector('.activity-script-none').hidden = true;
    box.querySelector('.activity-script-chosen').hidden = false;
    box.querySelector('.activity-no-script').checked = false;
    syncActivityForm();
  }

  function loadScript() {
    if (!panel || !choice || !choice.value) return;
    var number = ++requestNumber;
    var error = panel.querySelector('.script-error');
    var payload = { companyId: panel.getAttribute('data-company') };
    var contact = document.getElementById('activite-contactId');
    if (contact && contact.value) payload.contactId = contact.value;
    panel.setAttribute('aria-busy', 'true');
    fetch('/api/pitches/' + encodeURIComponent(choice.value) + '/render', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf ? csrf.getAttribute('content') : '' },
      body: JSON.stringify(payload),
    })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      })
      .then(function (data) {
        if (number !== requestNumber) return;
        error.hidden = true;
        showScript(data);
      })
      .catch(function () {
        if (number !== requestNumber) return;
        error.textContent = 'L’argumentaire n’a pas pu être affiché : rechargez la page.';
        error.hidden = false;
      })
      .then(function () {
        if (number === requestNumber) panel.removeAttribute('aria-busy');
      });
  }

  if (panel && choice) {
    var button = panel.querySelector('.script-switch-button');
    if (button) button.hidden = true;
    choice.addEventListener('change', loadScript);
    document.addEventListener('change', function (event) {
      if (event.target && event.target.id === 'activite-contactId') loadScript();
    });
  }

  // ---------------------------------------------------------------- call mode: tabs on a phone

  var callMode = document.querySelector('.call-mode');
  var tabs = callMode && callMode.querySelector('.call-tabs');
  function showTab(name) {
    callMode.classList.toggle('tab-script', name === 'script');
    callMode.classList.toggle('tab-report', name === 'report');
    tabs.querySelectorAll('.call-tab').forEach(function (tab) {
      tab.setAttribute('aria-pressed', String(tab.getAttribute('data-tab') === name));
    });
  }
  if (tabs) {
    tabs.hidden = false;
    showTab('script');
    tabs.addEventListener('click', function (event) {
      var tab = event.target.closest && event.target.closest('.call-tab');
      if (tab) showTab(tab.getAttribute('data-tab'));
    });
  }

  // ---------------------------------------------------------------- after an htmx save of the activity form

  document.body.addEventListener('htmx:afterSwap', function (event) {
    var target = event.detail && event.detail.target;
    if (!target || target.id !== 'activite') return;
    var section = document.getElementById('activite');
    if (!section) return;
    var invalid = section.querySelector('[aria-invalid="true"]');
    if (invalid) {
      // Refused: the report tab shows, the first field in error takes the focus, in view.
      if (tabs) showTab('report');
      invalid.focus();
      invalid.scrollIntoView({ block: 'center' });
    } else {
      // Saved: the form is new, the ticks in the panel go, the script shown stays the one used.
      objectionInputs().forEach(function (input) { input.checked = false; });
      var saved = section.querySelector('.activity-saved');
      if (saved) saved.setAttribute('tabindex', '-1');
      if (saved) saved.focus();
      applyScriptToForm();
    }
    syncActivityForm();
  });

  // Delegated: the timeline (and its filter) is swapped in after an htmx save.
  document.addEventListener('change', function (event) {
    var select = event.target;
    if (!select || !select.matches || !select.matches('select.auto-submit') || !select.form) return;
    select.form.requestSubmit ? select.form.requestSubmit() : select.form.submit();
  });
})();
