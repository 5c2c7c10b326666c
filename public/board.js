/* Prospection board: drag and drop (SortableJS), keyboard moves, "Voir plus". No inline code (CSP). */
(function () {
  'use strict';

  var board = document.getElementById('board');
  if (!board) return;
  var alertRegion = document.getElementById('board-alert');
  var statusRegion = document.getElementById('board-status');
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrfToken = csrfMeta ? csrfMeta.getAttribute('content') : '';
  var filters = board.getAttribute('data-filters') || '';
  var ACTION_LABELS = { call: 'Appeler', meeting: 'Rendez-vous', visit: 'Visite', email: 'E-mail', event: 'Événement', other: 'Autre' };
  var busy = new Set();

  function columns() {
    return Array.prototype.slice.call(board.querySelectorAll('.board-column'));
  }

  function columnOf(stageId) {
    return board.querySelector('.board-column[data-stage-id="' + stageId + '"]');
  }

  function stageName(stageId) {
    var column = columnOf(stageId);
    return column ? column.getAttribute('data-stage-name') : '';
  }

  function say(message) {
    // Re-setting the text makes screen readers announce the same sentence twice in a row too.
    statusRegion.textContent = '';
    window.setTimeout(function () { statusRegion.textContent = message; }, 50);
  }

  function warn(message) {
    alertRegion.textContent = message;
  }

  function dayFr(day) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day || '');
    return match ? match[3] + '/' + match[2] + '/' + match[1] : '';
  }

  function addToCount(stageId, delta) {
    var column = columnOf(stageId);
    if (!column) return;
    var value = column.querySelector('.count-value');
    value.textContent = String(Math.max(0, (parseInt(value.textContent, 10) || 0) + delta));
  }

  /**
   * What a refused move says, by the `code` of the API's error body (`{ code, params, ... }`): the
   * sentences come from the catalogue, through the page (a JSON island), never from the English message.
   */
  var SENTENCES = JSON.parse(document.getElementById('board-refusals').textContent || '{}');
  var REFUSALS = SENTENCES.refusals || {};
  var FAILURES = SENTENCES.failures || {};

  function fill(pattern, values) {
    return String(pattern || '').replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function errorMessage(status, body) {
    if (status === 0) return FAILURES.offline;
    var code = body && typeof body.code === 'string' ? body.code : '';
    if (Object.prototype.hasOwnProperty.call(REFUSALS, code)) return REFUSALS[code];
    var reference = body && typeof body.requestId === 'string' ? body.requestId : '';
    return fill(reference ? FAILURES.unexpectedWithReference : FAILURES.unexpected, { status: status, reference: reference });
  }

  /** Updates a moved card from the company the API answered with. */
  function refreshCard(card, company) {
    card.setAttribute('data-version', String(company.version));
    card.setAttribute('data-stage-id', company.stageId);
    card.querySelector('.move-select').value = company.stageId;
    var next = card.querySelector('.board-card-next');
    next.textContent = '';
    if (company.nextAction) {
      var label = document.createElement('span');
      label.className = 'next-action-label';
      label.textContent = ACTION_LABELS[company.nextAction.type] || 'Action';
      var time = document.createElement('time');
      time.setAttribute('datetime', company.nextAction.dueOn);
      time.textContent = dayFr(company.nextAction.dueOn);
      next.appendChild(label);
      next.appendChild(document.createTextNode(' le '));
      next.appendChild(time);
    } else {
      next.textContent = 'Aucune action prévue';
    }
    var badges = card.querySelector('.board-card-badges');
    badges.textContent = '';
    card.classList.toggle('is-overdue', !!company.overdue);
    if (company.overdue) badges.appendChild(badge('badge-overdue', 'En retard'));
    if (company.stalled) badges.appendChild(badge('badge-stalled', 'Au point mort'));
  }

  function badge(className, text) {
    var span = document.createElement('span');
    span.className = 'badge ' + className;
    span.textContent = text;
    return span;
  }

  /** POSTs the move; resolves to the company, or rejects with a French message. */
  function postMove(card, stageId) {
    var id = card.getAttribute('data-id');
    return fetch('/api/companies/' + encodeURIComponent(id) + '/stage', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'x-csrf-token': csrfToken },
      body: JSON.stringify({ stageId: stageId, version: parseInt(card.getAttribute('data-version'), 10) }),
    }).then(
      function (response) {
        return response.json().catch(function () { return null; }).then(function (body) {
          if (!response.ok) throw new Error(errorMessage(response.status, body));
          return body;
        });
      },
      function () { throw new Error(errorMessage(0, null)); },
    );
  }

  /** Puts a card at the top of a column's list (the order within a column follows the due dates). */
  function placeCard(card, stageId) {
    var list = columnOf(stageId).querySelector('.board-cards');
    list.insertBefore(card, list.firstChild);
  }

  /** A move from the keyboard control or Alt+arrows: the card moves once the server agrees. */
  function moveWithKeyboard(card, stageId, focusTarget) {
    var from = card.getAttribute('data-stage-id');
    var name = card.getAttribute('data-name');
    if (!stageId || stageId === from || busy.has(card)) return;
    busy.add(card);
    card.setAttribute('aria-busy', 'true');
    warn('');
    postMove(card, stageId).then(
      function (company) {
        placeCard(card, stageId);
        addToCount(from, -1);
        addToCount(stageId, 1);
        refreshCard(card, company);
        (focusTarget || card).focus();
        card.scrollIntoView({ block: 'nearest', inline: 'nearest' });
        say('« ' + name + ' » déplacée vers « ' + stageName(stageId) + ' ».');
      },
      function (error) {
        card.querySelector('.move-select').value = from;
        warn(error.message);
        (focusTarget || card).focus();
      },
    ).then(function () {
      busy.delete(card);
      card.removeAttribute('aria-busy');
    });
  }

  // The "Déplacer" button of a card.
  board.addEventListener('click', function (event) {
    var button = event.target.closest('.move-button');
    if (button) {
      var card = button.closest('.board-card');
      moveWithKeyboard(card, card.querySelector('.move-select').value, button);
      return;
    }
    var more = event.target.closest('.board-more');
    if (more) loadMore(more);
  });

  // Alt+ArrowLeft / Alt+ArrowRight on a focused card: to the previous / next column.
  board.addEventListener('keydown', function (event) {
    if (!event.altKey || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return;
    var card = event.target.closest('.board-card');
    if (!card || event.target !== card) return;
    event.preventDefault();
    var all = columns();
    var index = all.indexOf(card.closest('.board-column'));
    var target = all[index + (event.key === 'ArrowLeft' ? -1 : 1)];
    if (target) moveWithKeyboard(card, target.getAttribute('data-stage-id'), card);
    else say('« ' + card.getAttribute('data-name') + ' » est déjà dans la ' + (event.key === 'ArrowLeft' ? 'première' : 'dernière') + ' colonne.');
  });

  /** "Voir plus": the column's next cards, rendered by the server with the same filters. */
  function loadMore(button) {
    var stageId = button.getAttribute('data-stage-id');
    var cursor = button.getAttribute('data-cursor');
    if (!cursor || button.disabled) return;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    var url = '/prospection/colonnes/' + encodeURIComponent(stageId) + '?cursor=' + encodeURIComponent(cursor) + (filters ? '&' + filters : '');
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (response) {
        if (!response.ok) throw new Error('Les cartes suivantes n’ont pas pu être chargées (erreur ' + response.status + ') : rechargez la page.');
        return response.text();
      }, function () {
        throw new Error('Les cartes suivantes n’ont pas pu être chargées : vérifiez votre connexion puis réessayez.');
      })
      .then(function (html) {
        var fragment = new DOMParser().parseFromString(html, 'text/html').querySelector('.board-fragment');
        var list = columnOf(stageId).querySelector('.board-cards');
        var added = 0;
        var first = null;
        Array.prototype.slice.call(fragment.querySelectorAll('.board-card')).forEach(function (card) {
          // A card moved here meanwhile may come back in the next page: keep the one already shown.
          if (document.getElementById(card.id)) return;
          var adopted = document.adoptNode(card);
          list.appendChild(adopted);
          first = first || adopted;
          added += 1;
        });
        var next = fragment.getAttribute('data-next-cursor');
        button.setAttribute('data-cursor', next || '');
        button.hidden = !next;
        say(added + (added > 1 ? ' entreprises ajoutées' : ' entreprise ajoutée') + ' dans « ' + stageName(stageId) + ' ».');
        if (first) first.focus();
      })
      .catch(function (error) { warn(error.message); })
      .then(function () {
        button.disabled = false;
        button.removeAttribute('aria-busy');
      });
  }

  // Drag and drop between columns. The fallback (mouse/touch events) behaves the same in every browser.
  if (typeof window.Sortable === 'function') {
    columns().forEach(function (column) {
      window.Sortable.create(column.querySelector('.board-cards'), {
        group: 'prospection',
        sort: false,
        draggable: '.board-card',
        filter: 'select, button, option',
        preventOnFilter: false,
        forceFallback: true,
        fallbackTolerance: 4,
        animation: 120,
        ghostClass: 'is-ghost',
        chosenClass: 'is-chosen',
        dragClass: 'is-dragging',
        onEnd: function (event) {
          var card = event.item;
          var fromList = event.from;
          var toList = event.to;
          if (fromList === toList) return;
          var from = fromList.getAttribute('data-stage-id');
          var to = toList.getAttribute('data-stage-id');
          var oldIndex = event.oldIndex;
          var name = card.getAttribute('data-name');
          warn('');
          addToCount(from, -1);
          addToCount(to, 1);
          busy.add(card);
          card.setAttribute('aria-busy', 'true');
          postMove(card, to).then(
            function (company) {
              refreshCard(card, company);
              say('« ' + name + ' » déplacée vers « ' + stageName(to) + ' ».');
            },
            function (error) {
              // Back where it was, counts included.
              addToCount(from, 1);
              addToCount(to, -1);
              fromList.insertBefore(card, fromList.children[oldIndex] || null);
              warn(error.message);
            },
          ).then(function () {
            busy.delete(card);
            card.removeAttribute('aria-busy');
          });
        },
      });
    });
  }
})();
