// Draws report.html from the comparison's JSON (the same object as report.json): a summary table and
// Chart.js charts. When every chart has drawn, the body gets data-charts-rendered="N" (N charts), which
// is what the browser test waits for; any error shows on the page and sets data-chart-error.
(function () {
  'use strict';

  const PALETTE = ['#3366cc', '#dc6b19', '#2a9d8f', '#9c27b0', '#c62828', '#607d8b', '#8d6e63',
    '#1e88e5', '#43a047', '#f9a825'];
  const body = document.body;

  function showError(message) {
    body.setAttribute('data-chart-error', message);
    const verdict = document.getElementById('verdict');
    const box = document.createElement('div');
    box.className = 'verdict bad';
    box.textContent = 'The charts could not be drawn: ' + message;
    verdict.after(box);
  }

  window.addEventListener('error', function (event) { showError(String(event.message)); });

  const data = JSON.parse(document.getElementById('comparison-data').textContent);

  // ---- formatting, as the terminal table does it ----
  function significant(value) {
    return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
  }
  function duration(ms) {
    if (ms === null || ms === undefined) return 'n/a';
    if (ms >= 1000) return significant(ms / 1000) + ' s';
    if (ms >= 1) return significant(ms) + ' ms';
    return significant(ms * 1000) + ' \u00b5s';
  }
  function megabytes(mb) {
    return mb === null || mb === undefined ? 'n/a' : significant(mb) + ' MB';
  }
  function bytes(count) {
    if (count === null || count === undefined) return 'n/a';
    if (count < 1024) return count + ' B';
    if (count < 1024 * 1024) return significant(count / 1024) + ' KB';
    return significant(count / 1024 / 1024) + ' MB';
  }
  function percent(fraction) {
    if (fraction === null || fraction === undefined) return 'n/a';
    const value = fraction * 100;
    return (value < 10 ? value.toFixed(1) : value.toFixed(0)) + '%';
  }
  function times(ratio) {
    return ratio === null || ratio === undefined ? 'n/a' : ratio.toFixed(2) + '\u00d7';
  }
  function label(summary) {
    return data.modes.filter(m => m.mode === summary.mode).length > 1
      ? summary.mode + ' \u00d7' + summary.workers : summary.mode;
  }
  function text(id, value) { document.getElementById(id).textContent = value; }

  // ---- header, verdict, table ----
  const variant = data.variant ? ' (' + data.variant + ')' : '';
  document.title = 'actorlab compare: ' + data.workload + variant;
  text('title', 'actorlab compare: ' + data.workload + variant);
  text('setup', data.tasks + ' tasks, size ' + data.size.toLocaleString('en') + ' \u00b7 ' +
    data.repeat + ' round' + (data.repeat === 1 ? '' : 's') +
    (data.warmup > 0 ? ' after ' + data.warmup + ' warm-up' : '') +
    ', modes interleaved \u00b7 ' + data.isolation + ' \u00b7 started ' +
    data.started.slice(0, 19).replace('T', ' ') + ' UTC');
  const m = data.machine;
  text('machine', m.cores + ' cores' + (m.cpu_model ? ' (' + m.cpu_model + ')' : '') + ', Java ' +
    m.java_version + ', ' + m.os_name + ' ' + m.os_version + ' ' + m.os_arch +
    (m.memory_mb ? ', ' + megabytes(m.memory_mb) + ' memory' : ''));

  const verdict = document.getElementById('verdict');
  const mismatched = data.modes.filter(s => !s.checksum_matches);
  const problems = [];
  if (!data.checksums_match) {
    problems.push('CHECKSUM MISMATCH: ' + mismatched.map(label).join(', ') +
      ' computed a different answer than ' + data.baseline.mode + ' (' + data.reference_checksum + ').');
  }
  if (data.stopped_early) {
    problems.push('Stopped early, so the figures are over the runs measured before: ' + data.stopped_early);
  }
  if (data.tasks_failed) {
    problems.push('Some tasks failed: ' +
      data.modes.filter(s => s.failed_runs > 0).map(label).join(', ') + '.');
  }
  if (problems.length > 0) {
    verdict.className = 'verdict bad';
    verdict.textContent = problems.join(' ');
  } else {
    verdict.className = 'verdict ok';
    verdict.textContent = 'Every mode computed the same answer (checksum ' + data.reference_checksum + ').';
  }

  const columns = [
    ['mode', s => s.mode],
    ['workers', s => s.workers],
    ['wall (median)', s => duration(s.wall_ms.median)],
    ['min\u2013max', s => duration(s.wall_ms.min) + ' \u2013 ' + duration(s.wall_ms.max)],
    ['speed-up', s => times(s.speedup)],
    ['cpu', s => percent(s.cpu_utilisation)],
    ['eff/core', s => percent(s.efficiency)],
    ['start-up', s => duration(s.startup_ms)],
    ['pools', s => s.pools_started],
    ['peak RSS', s => megabytes(s.peak_rss_mb)],
    ['crossed', s => s.boundary_messages > 0 ? bytes(s.boundary_bytes) : '\u2013'],
    ['serializing', s => s.boundary_messages > 0 ? percent(s.serialize_share) : '\u2013'],
    ['checksum', s => (s.checksum_matches ? 'ok' : 'MISMATCH (' + s.checksum + ')') +
      (s.failed_runs > 0 ? ', failed in ' + s.failed_runs + ' run(s)' : '')]
  ];
  const table = document.getElementById('summary');
  const head = table.createTHead().insertRow();
  columns.forEach(([name]) => { const th = document.createElement('th'); th.textContent = name; head.appendChild(th); });
  const rows = table.createTBody();
  data.modes.forEach(s => {
    const row = rows.insertRow();
    if (!s.checksum_matches) row.className = 'mismatch';
    else if (s.baseline) row.className = 'baseline';
    columns.forEach(([, value]) => { row.insertCell().textContent = value(s); });
  });

  const notes = document.getElementById('notes');
  [
    'speed-up: the median wall time of ' + data.baseline.mode + ' divided by the mode\u2019s; eff/core: speed-up / workers.',
    'cpu: CPU time of the run\u2019s JVM (all threads) / wall / ' + m.cores + ' cores; start-up: from starting a pool to its first task, median over the runs that started one.',
    'pools: pools started over all the mode\u2019s runs, warm-ups included (1: one pool, kept warm, served every run).',
    'peak RSS: the highest resident memory of the mode\u2019s own JVM over its runs; crossed: bytes serialized per run.'
  ].concat(data.skipped.map(s => 'skipped ' + s.mode + ': ' + s.reason))
    .forEach(line => { const li = document.createElement('li'); li.textContent = line; notes.appendChild(li); });

  // ---- charts ----
  const colours = {};
  [...new Set(data.modes.map(s => s.mode))].forEach((mode, i) => { colours[mode] = PALETTE[i % PALETTE.length]; });
  const labels = data.modes.map(label);
  // The scaling chart only when some mode ran at several worker counts (sequential's single 1 is not
  // a second count of the others).
  const scaling = [...new Set(data.modes.map(s => s.mode))]
    .some(mode => data.modes.filter(s => s.mode === mode).length > 1);
  const expected = data.modes.length > 0 ? (scaling ? 4 : 3) : 0;
  const rendered = new Set();
  body.setAttribute('data-charts-expected', String(expected));

  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = getComputedStyle(body).fontFamily;
  Chart.register({
    id: 'actorlabRendered',
    afterRender(chart) {
      rendered.add(chart.canvas.id);
      if (rendered.size === expected) body.setAttribute('data-charts-rendered', String(rendered.size));
    }
  });

  function card(id, title) {
    const div = document.createElement('div');
    div.className = 'card';
    const h2 = document.createElement('h2');
    h2.textContent = title;
    const holder = document.createElement('div');
    holder.className = 'chart';
    const canvas = document.createElement('canvas');
    canvas.id = id;
    holder.appendChild(canvas);
    div.append(h2, holder);
    document.getElementById('charts').appendChild(div);
    return canvas;
  }
  function msAxis(title) {
    return { beginAtZero: true, title: { display: true, text: title } };
  }

  // 1. Wall time: the median as a bar, every measured run as a dot.
  const runs = data.runs.filter(r => !r.warmup);
  new Chart(card('chart-wall', 'Wall time by mode (bar: median, dots: each run)'), {
    data: {
      labels: labels,
      datasets: [
        // The first dataset is drawn on top unless `order` says otherwise: dots above bars.
        { type: 'bar', label: 'median', order: 1, data: data.modes.map(s => s.wall_ms.median),
          backgroundColor: data.modes.map(s => colours[s.mode] + 'b3') },
        { type: 'scatter', label: 'runs', order: 0, pointRadius: 4, backgroundColor: '#1f2933',
          borderColor: '#1f2933',
          data: data.modes.flatMap((s, i) => runs
            .filter(r => r.mode === s.mode && r.workers === s.workers)
            .map(r => ({ x: labels[i], y: r.wall_ms }))) }
      ]
    },
    options: {
      plugins: { legend: { display: false },
        tooltip: { callbacks: { label: c => c.dataset.label + ': ' + duration(c.parsed.y) } } },
      scales: { x: { type: 'category' }, y: msAxis('milliseconds') }
    }
  });

  // 2. Where the time of a run goes: start-up, then the wall time split into computing and serializing.
  // With pools kept across runs, start-up is paid once per pool, not per run: the title says so.
  const reused = data.modes.some(s => s.pools_started < s.runs);
  new Chart(card('chart-split', 'Where the time goes (medians): ' +
      (reused ? 'start-up (once per pool, not per run)' : 'start-up') + ', compute, serialization'), {
    type: 'bar',
    data: {
      labels: labels,
      datasets: [
        { label: 'start-up', data: data.modes.map(s => s.startup_ms), backgroundColor: '#9fb3c8' },
        { label: 'compute', data: data.modes.map(s => Math.max(0, s.wall_ms.median - (s.serialize_ms || 0))),
          backgroundColor: '#3366cc' },
        { label: 'serialization', data: data.modes.map(s => s.serialize_ms || 0), backgroundColor: '#dc6b19' }
      ]
    },
    options: {
      indexAxis: 'y',
      plugins: { tooltip: { callbacks: { label: c => c.dataset.label + ': ' + duration(c.parsed.x) } } },
      scales: { x: Object.assign({ stacked: true }, msAxis('milliseconds')), y: { stacked: true } }
    }
  });

  // 3. Memory: the peak resident set size of each mode's JVM.
  new Chart(card('chart-memory', 'Peak memory (RSS) by mode'), {
    type: 'bar',
    data: {
      labels: labels,
      datasets: [{ label: 'peak RSS', data: data.modes.map(s => s.peak_rss_mb),
        backgroundColor: data.modes.map(s => colours[s.mode] + 'b3') }]
    },
    options: {
      plugins: { legend: { display: false },
        tooltip: { callbacks: { label: c => megabytes(c.parsed.y) } } },
      scales: { y: { beginAtZero: true, title: { display: true, text: 'MB' } } }
    }
  });

  // 4. Speed-up against worker count, when the modes ran at several counts.
  if (scaling) {
    const counts = [...new Set(data.modes.map(s => s.workers))].sort((a, b) => a - b);
    const modes = [...new Set(data.modes.map(s => s.mode))];
    const datasets = modes.map(mode => ({
      label: mode, borderColor: colours[mode], backgroundColor: colours[mode], tension: 0,
      data: data.modes.filter(s => s.mode === mode).map(s => ({ x: s.workers, y: s.speedup }))
        .sort((a, b) => a.x - b.x)
    }));
    datasets.push({ label: 'ideal', borderColor: '#9aa5b1', borderDash: [6, 4], pointRadius: 0,
      data: counts.map(c => ({ x: c, y: c })) });
    new Chart(card('chart-scaling', 'Speed-up against ' + data.baseline.mode + ' by worker count'), {
      type: 'line',
      data: { datasets: datasets },
      options: {
        scales: {
          x: { type: 'linear', min: Math.min(...counts), max: Math.max(...counts), ticks: { stepSize: 1 },
            title: { display: true, text: 'workers' } },
          y: { beginAtZero: true, title: { display: true, text: 'speed-up (\u00d7)' } }
        }
      }
    });
  }
})();
