/*
 * Requests made in place (htmx): a refused form (400, 409, 422) comes back as the form with its
 * errors and is swapped in; any other failure is not swapped, and is said here in French, in the
 * page's alert region, from the sentences the layout embeds (the catalogue's). No inline code (CSP).
 */
(function () {
  'use strict';

  var island = document.getElementById('htmx-failures');
  var region = document.getElementById('page-alert');
  if (!island || !region) return;
  var sentences = {};
  try { sentences = JSON.parse(island.textContent || '{}'); } catch (ignored) { sentences = {}; }

  function say(sentence) {
    region.textContent = '';
    window.setTimeout(function () { region.textContent = sentence || ''; }, 30);
  }

  document.body.addEventListener('htmx:responseError', function (event) {
    var status = event.detail && event.detail.xhr ? event.detail.xhr.status : 0;
    if (status === 401) {
      // The session is gone: the login page says why, and brings the user back here afterwards.
      window.location.assign(window.location.pathname + window.location.search);
      return;
    }
    say(sentences[String(status)] || sentences.other);
  });

  document.body.addEventListener('htmx:sendError', function () { say(sentences.offline); });

  // A new request clears what the last one said.
  document.body.addEventListener('htmx:beforeRequest', function () { region.textContent = ''; });
})();
