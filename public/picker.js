/*
 * Record pickers (company, contact, candidate): the search field becomes a combobox. While typing,
 * the matching records are listed under it; ↓ and ↑ move through them, Entrée chooses, Échap closes.
 * The choice fills the form's hidden field (companyId, candidateId...) and is shown under the field.
 * A contact picker narrows to the company chosen in the same form. Without script, the « Chercher »
 * button posts the form back with the matches as a menu. No inline code (CSP).
 */
(function () {
  'use strict';

  function setUp(picker) {
    if (picker.getAttribute('data-picker-ready') === 'true') return;
    picker.setAttribute('data-picker-ready', 'true');
    var fieldId = picker.getAttribute('data-picker-field');
    var input = document.getElementById(fieldId + '-q');
    var list = document.getElementById(fieldId + '-liste');
    var status = document.getElementById(fieldId + '-choisi');
    var button = picker.querySelector('.record-picker-button');
    var companyField = picker.getAttribute('data-picker-company');
    if (!input || !list) return;
    var timer = null;
    var asked = 0;

    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', fieldId + '-liste');
    // Removed, not hidden: a hidden submit button would still be the form's default one (Entrée in any field).
    if (button) button.remove();

    function options() {
      return Array.prototype.slice.call(list.querySelectorAll('[role=option]'));
    }

    function close() {
      list.textContent = '';
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }

    function activate(option) {
      options().forEach(function (each) {
        each.setAttribute('aria-selected', each === option ? 'true' : 'false');
      });
      input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    }

    /** The field the form posts: a hidden input, replacing the menu of a search done without script. */
    function hiddenField() {
      var field = document.getElementById(fieldId);
      if (field && field.tagName === 'INPUT') return field;
      var hidden = document.createElement('input');
      hidden.type = 'hidden';
      hidden.id = fieldId;
      hidden.name = field ? field.name : input.name.replace(/Q$/, '');
      if (field) {
        var label = picker.querySelector('label[for="' + fieldId + '"]');
        if (label) label.remove();
        field.replaceWith(hidden);
      } else {
        picker.appendChild(hidden);
      }
      return hidden;
    }

    function choose(option) {
      var field = hiddenField();
      field.value = option.getAttribute('data-id');
      input.value = option.getAttribute('data-label');
      if (status) status.textContent = 'Choisi : ' + option.getAttribute('data-label') + '.';
      close();
      field.dispatchEvent(new Event('change', { bubbles: true }));
      input.focus();
    }

    function ask() {
      var url = '/recherche/choix?type=' + encodeURIComponent(picker.getAttribute('data-picker')) + '&liste=' + encodeURIComponent(fieldId) + '&q=' + encodeURIComponent(input.value);
      var company = companyField ? document.getElementById(companyField) : null;
      if (company && company.value) url += '&entreprise=' + encodeURIComponent(company.value);
      var mine = ++asked;
      fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
        .then(function (response) { return response.ok ? response.text() : ''; })
        .then(function (html) {
          if (mine !== asked) return;
          list.innerHTML = html;
          var listbox = list.querySelector('[role=listbox]');
          if (listbox) input.setAttribute('aria-controls', listbox.id);
          input.setAttribute('aria-expanded', listbox ? 'true' : 'false');
          input.removeAttribute('aria-activedescendant');
        })
        .catch(close);
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 250);
    });

    input.addEventListener('keydown', function (event) {
      var all = options();
      var current = all.indexOf(document.getElementById(input.getAttribute('aria-activedescendant') || ''));
      if (event.key === 'ArrowDown' && all.length) {
        event.preventDefault();
        activate(all[Math.min(current + 1, all.length - 1)]);
      } else if (event.key === 'ArrowUp' && all.length) {
        event.preventDefault();
        activate(all[Math.max(current - 1, 0)]);
      } else if (event.key === 'Enter') {
        event.preventDefault();
        if (current >= 0) choose(all[current]);
        else if (!all.length) ask();
      } else if (event.key === 'Escape' && all.length) {
        event.preventDefault();
        close();
      }
    });

    list.addEventListener('mousedown', function (event) {
      var option = event.target.closest ? event.target.closest('[role=option]') : null;
      if (!option) return;
      event.preventDefault();
      choose(option);
    });

    input.addEventListener('blur', function () {
      setTimeout(close, 150);
    });

    if (companyField) {
      document.addEventListener('change', function (event) {
        if (!event.target || event.target.id !== companyField) return;
        var field = hiddenField();
        field.value = '';
        input.value = '';
        if (status) status.textContent = 'Aucun choix pour l’instant.';
      });
    }
  }

  function setUpWithin(root) {
    Array.prototype.forEach.call(root.querySelectorAll('.record-picker[data-picker]'), setUp);
  }

  setUpWithin(document);
  // A form swapped in by htmx (the encounter page's invite form) brings new pickers.
  document.addEventListener('htmx:load', function (event) {
    if (event.target && event.target.querySelectorAll) setUpWithin(event.target);
  });
})();
