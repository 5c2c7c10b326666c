/*
 * The work lists (« Relances », « Ma journée ») by keyboard: j / k move the selection between rows,
 * Enter opens the selected row's company, d opens its quick log form. Keys typed in a field, or
 * with a modifier, are left alone. No inline code (CSP); the rows work without this script.
 */
(function () {
  'use strict';

  var selectedId = null;

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll('[data-work-row]'));
  }

  function typing(target) {
    if (!target || !target.closest) return false;
    return Boolean(target.closest('input, textarea, select, [contenteditable="true"], [contenteditable=""]'));
  }

  function select(row) {
    rows().forEach(function (other) { other.classList.remove('is-selected'); });
    if (!row) return;
    selectedId = row.id;
    row.classList.add('is-selected');
    row.focus({ preventScroll: false });
  }

  function current() {
    return selectedId ? document.getElementById(selectedId) : null;
  }

  function move(step) {
    var list = rows();
    if (!list.length) return;
    var index = list.indexOf(current());
    var next = index < 0 ? (step > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, index + step));
    select(list[next]);
  }

  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var row = current();
    if (event.key === 'j') { event.preventDefault(); move(1); return; }
    if (event.key === 'k') { event.preventDefault(); move(-1); return; }
    if (!row) return;
    if (event.key === 'Enter' && event.target === row) {
      var link = row.querySelector('.work-row-open');
      if (link) { event.preventDefault(); window.location.assign(link.getAttribute('href')); }
      return;
    }
    if (event.key === 'd') {
      var details = row.querySelector('details.work-log');
      if (!details) return;
      event.preventDefault();
      details.open = true;
      var first = details.querySelector('select, input:not([type="hidden"]), textarea');
      if (first) first.focus();
    }
  });

  // A row clicked into becomes the selection, so that the keys continue from there.
  document.addEventListener('focusin', function (event) {
    var row = event.target && event.target.closest ? event.target.closest('[data-work-row]') : null;
    if (row && row.id !== selectedId) {
      rows().forEach(function (other) { other.classList.remove('is-selected'); });
      selectedId = row.id;
      row.classList.add('is-selected');
    }
  });

  // A row swapped in place (htmx) keeps the selection, and the focus moves to its first refused field.
  document.body.addEventListener('htmx:afterSwap', function (event) {
    var row = event.detail && event.detail.target && event.detail.target.id ? document.getElementById(event.detail.target.id) : null;
    if (!row) return;
    if (row.id === selectedId) row.classList.add('is-selected');
    var invalid = row.querySelector('[aria-invalid="true"]');
    if (invalid) invalid.focus();
  });
})();
