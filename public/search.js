/*
 * Search everywhere: « / » puts the cursor in the header's search field (unless one is typing
 * elsewhere); while typing, htmx shows the results under it; ↓ and ↑ move through them, Entrée
 * opens one, Échap closes the list. The ROME pickers: a choice fills the code field it was opened
 * for. No inline code (CSP).
 */
(function () {
  'use strict';

  var field = document.getElementById('recherche-globale');
  var results = document.getElementById('recherche-resultats');

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function hits() {
    return results ? Array.prototype.slice.call(results.querySelectorAll('a.search-hit')) : [];
  }

  function close() {
    if (results) results.textContent = '';
  }

  document.addEventListener('keydown', function (event) {
    if (!field) return;
    if (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !typing(event.target)) {
      event.preventDefault();
      field.focus();
      field.select();
      return;
    }
    var inSearch = event.target === field || (results && results.contains(event.target));
    if (!inSearch) return;
    var list = hits();
    var index = list.indexOf(document.activeElement);
    if (event.key === 'ArrowDown' && list.length) {
      event.preventDefault();
      list[Math.min(index + 1, list.length - 1)].focus();
    } else if (event.key === 'ArrowUp' && list.length) {
      event.preventDefault();
      if (index <= 0) field.focus();
      else list[index - 1].focus();
    } else if (event.key === 'Escape') {
      close();
      field.focus();
    }
  });

  document.addEventListener('click', function (event) {
    if (results && field && !results.contains(event.target) && event.target !== field) close();
    var choice = event.target.closest ? event.target.closest('.rome-choice') : null;
    if (!choice) return;
    var list = choice.closest('.rome-choices');
    var target = list ? document.getElementById(list.getAttribute('data-target')) : null;
    if (!target) return;
    target.value = choice.getAttribute('data-code');
    target.dispatchEvent(new Event('change', { bubbles: true }));
    var status = document.getElementById(list.getAttribute('data-target') + '-choisi');
    if (status) status.textContent = 'Code ' + choice.getAttribute('data-code') + ' choisi : ' + choice.getAttribute('data-label') + '.';
    list.parentNode.textContent = '';
    target.focus();
  });
})();
