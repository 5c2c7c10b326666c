/*
 * The companies list's selection: « Tout sélectionner » ticks every company of the page, and the
 * bulk form says how many are ticked. Works again after htmx swaps the list in. No inline code (CSP).
 */
(function () {
  'use strict';

  function boxes(list) {
    return Array.prototype.slice.call(list.querySelectorAll('input[name="ids"][form="groupe-entreprises"]'));
  }

  function refresh(list) {
    var all = boxes(list);
    var ticked = all.filter(function (box) { return box.checked; }).length;
    var count = list.querySelector('[data-bulk-count]');
    if (count) count.textContent = ticked ? '(' + ticked + (ticked > 1 ? ' sélectionnées)' : ' sélectionnée)') : '';
    var master = list.querySelector('[data-bulk-all]');
    if (master) {
      master.checked = ticked > 0 && ticked === all.length;
      master.indeterminate = ticked > 0 && ticked < all.length;
    }
  }

  function setUp() {
    var list = document.getElementById('liste-entreprises');
    if (!list) return;
    var label = list.querySelector('.bulk-all');
    var fallback = list.querySelector('[data-bulk-all-fallback]');
    if (label) label.hidden = false;
    if (fallback) fallback.remove();
    var error = list.querySelector('.bulk-error');
    if (error) error.focus();
    refresh(list);
  }

  document.addEventListener('change', function (event) {
    var list = document.getElementById('liste-entreprises');
    if (!list || !list.contains(event.target)) return;
    if (event.target.hasAttribute('data-bulk-all')) {
      boxes(list).forEach(function (box) { box.checked = event.target.checked; });
    }
    refresh(list);
  });

  document.addEventListener('DOMContentLoaded', setUp);
  document.body.addEventListener('htmx:afterSettle', setUp);
})();
