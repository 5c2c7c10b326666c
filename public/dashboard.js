/* Dashboard: the charts (Chart.js) drawn from the JSON the page embeds, and the report's print
   button. No inline code (CSP). The tables stay the reference: a chart is only a picture of them. */
(function () {
  'use strict';

  // The filters fold behind « Filtres » on a phone; they come open (without JavaScript, and on wider
  // screens, where the summary is hidden), and stay open when they hold an error.
  var fold = document.querySelector('[data-fold-narrow]');
  if (fold && window.matchMedia) {
    var narrow = window.matchMedia('(max-width: 640px)');
    if (narrow.matches && !fold.querySelector('[aria-invalid="true"], .alert')) fold.open = false;
    narrow.addEventListener('change', function (event) {
      if (!event.matches) fold.open = true;
    });
  }

  // "Imprimer" on the period report.
  Array.prototype.forEach.call(document.querySelectorAll('[data-print]'), function (button) {
    button.addEventListener('click', function () {
      window.print();
    });
  });

  var source = document.getElementById('dashboard-data');
  if (!source || typeof window.Chart === 'undefined') return;
  var data;
  try {
    data = JSON.parse(source.textContent || '{}');
  } catch (error) {
    return;
  }
  var Chart = window.Chart;
  var COLORS = ['#1d4ed8', '#0891b2', '#16a34a', '#d97706', '#9333ea', '#dc2626'];
  var reducedMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#1f2933';
  Chart.defaults.maintainAspectRatio = false;
  if (reducedMotion) Chart.defaults.animation = false;

  var integerTicks = { beginAtZero: true, ticks: { precision: 0 } };
  var charts = {};

  function colored(datasets, fill) {
    return datasets.map(function (dataset, index) {
      var color = COLORS[index % COLORS.length];
      return Object.assign({}, dataset, { backgroundColor: fill ? color : color + '33', borderColor: color, borderWidth: 2, pointRadius: 2 });
    });
  }

  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (!canvas) return;
    charts[id] = new Chart(canvas, config);
    canvas.setAttribute('data-drawn', 'true');
  }

  if (data.trend && data.trend.labels.length) {
    draw('graphique-tendance', {
      type: 'line',
      data: { labels: data.trend.labels, datasets: colored(data.trend.datasets, false) },
      options: { interaction: { mode: 'index', intersect: false }, scales: { y: integerTicks } },
    });
  }

  if (data.activity && data.activity.labels.length) {
    var datasets = colored(data.activity.datasets, true).map(function (dataset) {
      return Object.assign(dataset, { type: 'bar', stack: 'activites' });
    });
    if (data.activity.callTarget !== null && data.activity.callTarget !== undefined) {
      datasets.push({
        type: 'line',
        label: 'Objectif d’appels',
        data: data.activity.labels.map(function () {
          return data.activity.callTarget;
        }),
        borderColor: '#b91c1c',
        borderDash: [6, 4],
        borderWidth: 2,
        pointRadius: 0,
        fill: false,
      });
    }
    draw('graphique-activite', {
      type: 'bar',
      data: { labels: data.activity.labels, datasets: datasets },
      options: {
        plugins: { title: { display: true, text: data.activity.title } },
        interaction: { mode: 'index', intersect: false },
        scales: { x: { stacked: true }, y: Object.assign({ stacked: true }, integerTicks) },
      },
    });
  }

  if (data.staff && data.staff.labels.length) {
    draw('graphique-personnes', {
      type: 'bar',
      data: { labels: data.staff.labels, datasets: colored(data.staff.datasets, true) },
      options: { indexAxis: 'y', scales: { x: integerTicks } },
    });
  }

  // Charts are resized for print, so that they are not cut (the tables are printed anyway).
  window.addEventListener('beforeprint', function () {
    Object.keys(charts).forEach(function (id) {
      charts[id].resize();
    });
  });
})();
