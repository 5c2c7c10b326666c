// New lead and placement forms: the contact menu follows the chosen company (progressive enhancement; without
// script, the contacts appear once the form comes back with the company chosen).
(function () {
  'use strict';
  var contactSelect = document.querySelector('select[data-contacts-for]');
  if (!contactSelect) return;
  var companySelect = document.getElementById(contactSelect.getAttribute('data-contacts-for'));
  if (!companySelect) return;

  function reset(label) {
    while (contactSelect.options.length) contactSelect.remove(0);
    contactSelect.add(new Option(label, ''));
  }

  companySelect.addEventListener('change', function () {
    var companyId = companySelect.value;
    reset('— Aucun —');
    if (!companyId) return;
    contactSelect.disabled = true;
    fetch('/api/companies/' + encodeURIComponent(companyId) + '/contacts', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (contacts) {
        if (companySelect.value !== companyId || !Array.isArray(contacts)) return;
        contacts.forEach(function (contact) {
          var name = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
          contactSelect.add(new Option(name, contact.id));
        });
      })
      .catch(function () { /* the contact stays optional */ })
      .then(function () { contactSelect.disabled = false; });
  });
})();
