// Company page: the outcome menu shows for calls and meetings (with a refusal reason when refused),
// the script panel follows the chosen script and contact, the timeline filter applies on change.
(function () {
  'use strict';

  var KIND_LABELS = { first_call: 'Premier appel', first_meeting: 'Premier rendez-vous', follow_up_call: 'Appel de relance', other: 'Autre' };

  var form = document.querySelector('.activity-form');

  function syncActivityForm() {
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
      var objections = script.querySelector('.activity-objections');
      if (noScript && objections) objections.disabled = noScript.checked;
    }
  }

  if (form) {
    form.addEventListener('change', function (event) {
      var name = event.target && event.target.name;
      if (name === 'type' || name === 'outcome' || name === 'noScript') syncActivityForm();
    });
    syncActivityForm();
  }

  // ---------------------------------------------------------------- script panel

  var panel = document.getElementById('argumentaire');
  var choice = document.getElementById('argumentaire-choix');
  var contact = document.getElementById('activite-contactId');
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
    var objections = element('div', 'script-objections');
    data.sections.objections.forEach(function (objection) {
      var details = element('details', 'script-objection');
      details.appendChild(escapedText('summary', 'script-text', objection.objection));
      details.appendChild(escapedText('p', 'script-text', objection.answer));
      objections.appendChild(details);
    });
    body.appendChild(objections);
    body.appendChild(element('h3', '', 'Conclusion'));
    body.appendChild(escapedText('p', 'script-text script-closing', data.sections.closing));

    if (!form) return;
    var box = form.querySelector('.activity-script');
    if (!box) return;
    box.querySelector('.activity-script-version').value = data.versionId;
    box.querySelector('.activity-script-title').textContent = data.title;
    box.querySelector('.activity-script-number').textContent = 'v' + data.number;
    box.querySelector('.activity-script-none').hidden = true;
    box.querySelector('.activity-script-chosen').hidden = false;
    box.querySelector('.activity-no-script').checked = false;
    var list = box.querySelector('.activity-objection-list');
    var checked = {};
    list.querySelectorAll('input:checked').forEach(function (input) { checked[input.value] = true; });
    list.textContent = '';
    data.sections.objections.forEach(function (objection) {
      var label = element('label', 'checkbox');
      var input = document.createElement('input');
      input.type = 'checkbox';
      input.name = 'objections';
      input.value = objection.key;
      input.checked = Boolean(checked[objection.key]);
      label.appendChild(input);
      label.appendChild(document.createTextNode(' '));
      label.appendChild(escapedText('span', '', objection.objection));
      list.appendChild(label);
    });
    syncActivityForm();
  }

  function loadScript() {
    if (!panel || !choice || !choice.value) return;
    var number = ++requestNumber;
    var error = panel.querySelector('.script-error');
    var payload = { companyId: panel.getAttribute('data-company') };
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
    if (contact) contact.addEventListener('change', loadScript);
  }

  document.querySelectorAll('select.auto-submit').forEach(function (select) {
    select.addEventListener('change', function () {
      if (select.form) select.form.requestSubmit ? select.form.requestSubmit() : select.form.submit();
    });
  });
})();
