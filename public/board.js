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

  /** Sends JSON to the API; resolves to the answer, or rejects with a French message. */
  function send(method, url, payload) {
    return fetch(url, {
      method: method,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'x-csrf-token': csrfToken },
      body: JSON.stringify(payload),
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

  function companyUrl(card) {
    return '/api/companies/' + encodeURIComponent(card.getAttribute('data-id'));
  }

  /** POSTs the move (with its reason, if asked); resolves to the company. */
  function postMove(card, stageId, extra) {
    var payload = { stageId: stageId, version: parseInt(card.getAttribute('data-version'), 10) };
    if (extra.reason) payload.reason = extra.reason;
    return send('POST', companyUrl(card) + '/stage', payload);
  }

  /** The meeting asked for a move to « Rendez-vous fixé », as the company's next action. */
  function setMeeting(card, company, meeting) {
    return send('PUT', companyUrl(card) + '/next-action', { type: 'meeting', dueOn: meeting.dueOn, time: meeting.time, version: company.version });
  }

  /** Opens a move dialog; resolves to its form when confirmed, null when cancelled (button or Escape). */
  function openDialog(id, card, stageId) {
    var dialog = document.getElementById(id);
    var form = dialog.querySelector('form');
    form.reset();
    Array.prototype.forEach.call(dialog.querySelectorAll('.dialog-company'), function (span) { span.textContent = card.getAttribute('data-name'); });
    Array.prototype.forEach.call(dialog.querySelectorAll('.dialog-stage'), function (span) { span.textContent = stageName(stageId); });
    return new Promise(function (resolve) {
      dialog.addEventListener('close', function onClose() {
        dialog.removeEventListener('close', onClose);
        resolve(dialog.returnValue === 'ok' ? form : null);
      });
      dialog.returnValue = '';
      dialog.showModal();
    });
  }

  /** What a stage needs before a card enters it: a reason for a closed one, a date for the meeting one. */
  function ask(card, stageId) {
    var column = columnOf(stageId);
    var asks = column ? column.getAttribute('data-asks') : '';
    if (asks === 'reason') {
      return openDialog('board-reason', card, stageId).then(function (form) {
        return form ? { reason: form.elements.reason.value.trim() } : null;
      });
    }
    if (asks === 'meeting') {
      return openDialog('board-meeting', card, stageId).then(function (form) {
        return form ? { meeting: { dueOn: form.elements.dueOn.value, time: form.elements.time.value } } : null;
      });
    }
    return Promise.resolve({});
  }

  /** Puts a card at the top of a column's list (the order within a column follows the due dates). */
  function placeCard(card, stageId) {
    var list = columnOf(stageId).querySelector('.board-cards');
    list.insertBefore(card, list.firstChild);
  }

  var undoBar = document.getElementById('board-undo');
  var undoTimer = null;
  var undoTarget = null;

  function hideUndo() {
    window.clearTimeout(undoTimer);
    undoTarget = null;
    undoBar.hidden = true;
  }

  /** « Déplacée vers X — Annuler » for 10 seconds. */
  function offerUndo(card, from, to) {
    window.clearTimeout(undoTimer);
    undoBar.querySelector('.board-undo-text').textContent = '« ' + card.getAttribute('data-name') + ' » déplacée vers « ' + stageName(to) + ' ».';
    undoTarget = { card: card, from: from };
    undoBar.hidden = false;
    undoTimer = window.setTimeout(hideUndo, 10000);
  }

  undoBar.querySelector('.board-undo-button').addEventListener('click', function () {
    var target = undoTarget;
    hideUndo();
    if (target) move(target.card, target.from, { undo: true, focus: target.card });
  });

  /**
   * Moves a card once the server agrees: asks what the stage needs, posts, then offers the undo.
   * `dragged` (the list and index it came from) when SortableJS already put it in its new column;
   * `undo` for the move back (nothing asked, no new undo).
   */
  function move(card, stageId, options) {
    var from = card.getAttribute('data-stage-id');
    var name = card.getAttribute('data-name');
    var dragged = options.dragged;
    if (!stageId || stageId === from || busy.has(card)) return;
    busy.add(card);
    card.setAttribute('aria-busy', 'true');
    warn('');
    if (!options.undo) hideUndo();

    function putBack() {
      if (dragged) dragged.fromList.insertBefore(card, dragged.fromList.children[dragged.oldIndex] || null);
    }
    function focus() {
      var target = options.focus || (dragged ? null : card);
      if (target && document.contains(target)) target.focus();
    }

    (options.undo ? Promise.resolve({}) : ask(card, stageId))
      .then(function (extra) {
        if (!extra) {
          putBack();
          focus();
          return;
        }
        return postMove(card, stageId, extra)
          .then(function (company) {
            if (!extra.meeting) return company;
            return setMeeting(card, company, extra.meeting).catch(function (error) {
              warn(error.message);
              return company;
            });
          })
          .then(
            function (company) {
              if (!dragged) placeCard(card, stageId);
              addToCount(from, -1);
              addToCount(stageId, 1);
              refreshCard(card, company);
              focus();
              card.scrollIntoView({ block: 'nearest', inline: 'nearest' });
              if (options.undo) {
                say('Déplacement annulé : « ' + name + ' » est de retour dans « ' + stageName(stageId) + ' ».');
              } else {
                say('« ' + name + ' » déplacée vers « ' + stageName(stageId) + ' ».');
                offerUndo(card, from, stageId);
              }
            },
            function (error) {
              putBack();
              warn(error.message);
              focus();
            },
          );
      })
      .then(function () {
        busy.delete(card);
        card.removeAttribute('aria-busy');
      });
  }

  // The card's one control: « ⋯ » opens the list of the other stages (a menu, keyboard included).
  var menu = document.getElementById('board-move-menu');
  var menuButton = null;

  function menuItems() {
    return Array.prototype.filter.call(menu.querySelectorAll('.board-move-item'), function (item) { return !item.hidden; });
  }

  function openMenu(button) {
    closeMenu(false);
    var card = button.closest('.board-card');
    Array.prototype.forEach.call(menu.querySelectorAll('.board-move-item'), function (item) {
      item.hidden = item.getAttribute('data-stage-id') === card.getAttribute('data-stage-id');
    });
    menuButton = button;
    button.setAttribute('aria-expanded', 'true');
    card.appendChild(menu);
    menu.hidden = false;
    var first = menuItems()[0];
    if (first) first.focus();
  }

  function closeMenu(refocus) {
    if (!menuButton) return;
    var button = menuButton;
    menuButton = null;
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    board.parentNode.appendChild(menu);
    if (refocus) button.focus();
  }

  menu.addEventListener('keydown', function (event) {
    var items = menuItems();
    var index = items.indexOf(document.activeElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      closeMenu(true);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      var step = event.key === 'ArrowDown' ? 1 : -1;
      items[(index + step + items.length) % items.length].focus();
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      items[event.key === 'Home' ? 0 : items.length - 1].focus();
    } else if (event.key === 'Tab') {
      closeMenu(true);
    }
  });

  menu.addEventListener('click', function (event) {
    var item = event.target.closest('.board-move-item');
    if (!item || !menuButton) return;
    var button = menuButton;
    closeMenu(false);
    move(button.closest('.board-card'), item.getAttribute('data-stage-id'), { focus: button });
  });

  document.addEventListener('click', function (event) {
    if (menuButton && !menu.contains(event.target) && event.target.closest('.move-button') !== menuButton) closeMenu(false);
  });

  board.addEventListener('click', function (event) {
    var button = event.target.closest('.move-button');
    if (button) {
      if (button === menuButton) closeMenu(true);
      else openMenu(button);
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
    if (target) move(card, target.getAttribute('data-stage-id'), { focus: card });
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
        filter: 'button, .board-move-menu',
        preventOnFilter: false,
        forceFallback: true,
        fallbackTolerance: 4,
        animation: 120,
        ghostClass: 'is-ghost',
        chosenClass: 'is-chosen',
        dragClass: 'is-dragging',
        onEnd: function (event) {
          if (event.from === event.to) return;
          closeMenu(false);
          move(event.item, event.to.getAttribute('data-stage-id'), { dragged: { fromList: event.from, oldIndex: event.oldIndex } });
        },
      });
    });
  }
})();
