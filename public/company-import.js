// CSV import page: upload for a dry run, follow its progress, show the result, then run it for real.
// Talks to the JSON API (/api/imports); every write carries the page's CSRF token.
(function () {
  'use strict';

  var POLL_MS = 500;
  var form = document.getElementById('import-form');
  if (!form) return;

  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || '';
  var alertBox = document.getElementById('import-alert');
  var progressPanel = document.getElementById('import-progress-panel');
  var progressTitle = document.getElementById('import-progress-titre');
  var progress = document.getElementById('import-progress');
  var progressText = document.getElementById('import-progress-text');
  var result = document.getElementById('import-result');
  var done = document.getElementById('import-done');
  var runButton = document.getElementById('import-run');
  var restartButton = document.getElementById('import-restart');
  var analyseButton = document.getElementById('import-analyse');
  var currentId = null;
  var timer = null;

  var ACTIONS = { create: 'À créer', merge: 'À compléter', skip: 'Ignorée', reject: 'Rejetée' };

  function setText(id, value) {
    document.getElementById(id).textContent = String(value);
  }

  function showAlert(message) {
    alertBox.textContent = message;
  }

  function clearAlert() {
    alertBox.textContent = '';
  }

  /** The French sentence of each refusal this page may meet, by code, from the catalogue (rendered by the server). */
  var SENTENCES = JSON.parse(document.getElementById('refusals').textContent || '{}');

  /** What a refused request says: the sentence of its code (or of its first field's), else its status. */
  function problemFr(status, body) {
    var details = (body && body.details) || [];
    var codes = details.map(function (detail) { return detail.code; }).concat(body && body.code ? [body.code] : []);
    for (var index = 0; index < codes.length; index += 1) {
      if (Object.prototype.hasOwnProperty.call(SENTENCES, codes[index])) return SENTENCES[codes[index]];
    }
    return 'Le fichier n’a pas pu être traité (erreur ' + status + (body && body.requestId ? ', référence ' + body.requestId : '') + ').';
  }

  function request(method, url, body, headers) {
    var init = { method: method, credentials: 'same-origin', headers: Object.assign({ Accept: 'application/json' }, headers || {}) };
    if (method !== 'GET') init.headers['x-csrf-token'] = csrf;
    if (body !== undefined) init.body = body;
    return fetch(url, init).then(function (response) {
      return response
        .json()
        .catch(function () { return null; })
        .then(function (json) {
          if (!response.ok) {
            var error = new Error(problemFr(response.status, json));
            error.status = response.status;
            throw error;
          }
          return json;
        });
    });
  }

  function showProgress(run, title) {
    progressPanel.hidden = false;
    progressTitle.textContent = title;
    var total = run.totalRows || 0;
    var processed = Math.min(run.processedRows || 0, total);
    progress.max = Math.max(total, 1);
    progress.value = processed;
    progressText.textContent = processed + ' / ' + total + ' lignes';
  }

  function stopPolling() {
    if (timer) window.clearTimeout(timer);
    timer = null;
  }

  /** Polls GET /api/imports/:id until `isFinished(run)`; then calls `onDone(run)`. */
  function follow(id, title, isFinished, onDone) {
    stopPolling();
    var tick = function () {
      request('GET', '/api/imports/' + encodeURIComponent(id))
        .then(function (run) {
          showProgress(run, title);
          if (run.status === 'failed' && isFinished(run)) {
            stopPolling();
            progressPanel.hidden = true;
            showAlert('Le traitement a échoué' + (run.error ? ' : ' + run.error : '.') + ' Vous pouvez réessayer avec un autre fichier.');
            setBusy(false);
            return;
          }
          if (isFinished(run)) {
            stopPolling();
            onDone(run);
            return;
          }
          timer = window.setTimeout(tick, POLL_MS);
        })
        .catch(function (error) {
          stopPolling();
          showAlert(error.message);
          setBusy(false);
        });
    };
    tick();
  }

  function cell(row, value) {
    var td = document.createElement('td');
    td.textContent = value === null || value === undefined || value === '' ? '—' : String(value);
    row.appendChild(td);
  }

  function fillTable(containerId, rows, columns) {
    var container = document.getElementById(containerId);
    var body = container.querySelector('tbody');
    body.textContent = '';
    rows.forEach(function (entry) {
      var tr = document.createElement('tr');
      columns.forEach(function (column) { cell(tr, column(entry)); });
      body.appendChild(tr);
    });
    container.hidden = rows.length === 0;
  }

  function showDryRun(run) {
    progressPanel.hidden = true;
    result.hidden = false;
    setText('count-create', run.createdCount);
    setText('count-merge', run.mergedCount);
    setText('count-skip', run.skippedCount);
    setText('count-reject', run.rejectedCount);
    setText(
      'import-result-file',
      run.filename + ' · ' + (run.format === 'sirene' ? 'format SIRENE' : 'modèle Tremplin') + ' · ' + run.totalRows + ' lignes' + (run.fileNotice ? ' · ' + run.fileNotice : ''),
    );
    fillTable('import-rejected', run.rejected || [], [
      function (r) { return r.line; },
      function (r) { return r.reason; },
      function (r) { return r.name; },
      function (r) { return r.siret; },
    ]);
    fillTable('import-preview', run.preview || [], [
      function (r) { return r.line; },
      function (r) { return ACTIONS[r.action] || r.action; },
      function (r) { return r.name; },
      function (r) { return r.siret; },
      function (r) { return r.reason; },
    ]);
    setBusy(false);
    var nothing = run.createdCount + run.mergedCount === 0;
    runButton.disabled = nothing;
    if (nothing) showAlert('Aucune entreprise à créer ni à compléter dans ce fichier.');
    result.querySelector('h2').focus();
  }

  function showDone(run) {
    progressPanel.hidden = true;
    result.hidden = true;
    done.hidden = false;
    setText('done-create', run.createdCount);
    setText('done-merge', run.mergedCount);
    setText('done-skip', run.skippedCount);
    setText('done-reject', run.rejectedCount);
    setText('import-done-file', run.fileNotice || '');
    done.querySelector('h2').focus();
  }

  function setBusy(busy) {
    analyseButton.disabled = busy;
    runButton.disabled = busy;
  }

  function duplicatesMode() {
    var checked = form.querySelector('input[name="duplicates"]:checked');
    return checked ? checked.value : 'skip';
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearAlert();
    var file = form.querySelector('input[type="file"]');
    if (!file.files || !file.files.length) {
      showAlert('Choisissez un fichier CSV.');
      file.focus();
      return;
    }
    result.hidden = true;
    done.hidden = true;
    setBusy(true);
    var data = new FormData();
    data.append('duplicates', duplicatesMode());
    data.append('dryRun', 'true');
    data.append('file', file.files[0]);
    request('POST', '/api/imports', data)
      .then(function (run) {
        currentId = run.id;
        showProgress(run, 'Analyse du fichier…');
        follow(run.id, 'Analyse du fichier…', function (r) { return r.status === 'done' || r.status === 'failed'; }, showDryRun);
      })
      .catch(function (error) {
        showAlert(error.message);
        setBusy(false);
      });
  });

  runButton.addEventListener('click', function () {
    if (!currentId) return;
    clearAlert();
    runButton.disabled = true;
    analyseButton.disabled = true;
    request('POST', '/api/imports/' + encodeURIComponent(currentId) + '/run', JSON.stringify({ duplicates: duplicatesMode() }), {
      'Content-Type': 'application/json',
    })
      .then(function (run) {
        var id = (run && run.id) || currentId;
        result.hidden = true;
        showProgress(run || { totalRows: 0, processedRows: 0 }, 'Import en cours…');
        follow(id, 'Import en cours…', function (r) { return !r.dryRun && (r.status === 'done' || r.status === 'failed'); }, showDone);
      })
      .catch(function (error) {
        showAlert(error.message);
        runButton.disabled = false;
        analyseButton.disabled = false;
      });
  });

  restartButton.addEventListener('click', function () {
    stopPolling();
    currentId = null;
    result.hidden = true;
    clearAlert();
    form.reset();
    form.querySelector('input[type="file"]').focus();
  });

  [result, done].forEach(function (section) { section.querySelector('h2').tabIndex = -1; });
})();
