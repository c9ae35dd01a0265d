// Builds census.html from REPORT, the census.json record (written by RnnLab's FixedPointCensus), with Plotly.
(function () {
  'use strict';
  const root = document.getElementById('report');
  const { element, section, plot, number } = RnnLabPlots;
  const r = REPORT;
  const valueOf = (point, key) => point.values.find(v => v.key === key).value;
  const pointNamed = name => r.points.find(p => p.name === name);
  const interval = s => s.low === null || s.low === undefined ? `${number(s.mean)}` : `${number(s.mean)} [${number(s.low)}, ${number(s.high)}]`;

  root.appendChild(element('p', { class: 'meta' },
    `${r.points.length} point(s) of ${r.axes.join(' × ') || 'no grid key'}; snapshots: ${r.snapshots.join(', ')}.`));
  root.appendChild(element('p', {}, r.caveats));

  root.appendChild(element('h2', {}, 'Counts per point'));
  root.appendChild(element('p', { class: 'note' },
    'Each network\'s mean count per condition, then the mean across networks [95% t interval]. ' +
    'Converged: the share of all starting states whose descent converged; settled: networks none of whose states stopped at the cap or diverged.'));
  const table = element('table');
  const head = element('tr');
  ['point', ...r.axes, 'snapshot', 'stable', 'saddle', 'unstable', 'fixed', 'slow', 'n', 'converged', 'settled']
    .forEach(h => head.appendChild(element('th', {}, h)));
  table.appendChild(head);
  r.rows.forEach(row => {
    const point = pointNamed(row.point);
    const tr = element('tr');
    [row.point, ...r.axes.map(a => valueOf(point, a)), row.snapshot,
      interval(row.stable), interval(row.saddle), interval(row.unstable), interval(row.fixed), interval(row.slow),
      String(row.fixed.n), `${(100 * row.states_converged).toFixed(1)} %`, `${row.settled} of ${row.networks.length}`]
      .forEach(v => tr.appendChild(element('td', {}, v)));
    table.appendChild(tr);
  });
  root.appendChild(table);

  const numeric = r.axes.filter(a => r.points.every(p => valueOf(p, a).trim() !== '' && Number.isFinite(Number(valueOf(p, a)))));
  const grid = section('Counts against the grid', numeric.length
    ? `Mean fixed points (solid) and saddles (dashed) per condition against ${numeric[0]}, with 95% t intervals; one line per snapshot and per value of the other keys.`
    : 'No key of the grid has numbers for values: there is no axis to plot against.');
  if (numeric.length) {
    const axis = numeric[0];
    const others = r.axes.filter(a => a !== axis);
    const label = p => others.map(o => `${o}=${valueOf(p, o)}`).join(', ');
    const lines = new Map();
    r.rows.forEach(row => {
      const point = pointNamed(row.point);
      const name = [row.snapshot, label(point)].filter(Boolean).join(', ');
      if (!lines.has(name)) lines.set(name, []);
      lines.get(name).push({ x: Number(valueOf(point, axis)), row });
    });
    // One network has no interval: its bar is zero.
    const gap = (above, below) => above === null || below === null ? 0 : above - below;
    const traces = [];
    [...lines.entries()].forEach(([name, at], i) => {
      at.sort((a, b) => a.x - b.x);
      [['fixed', 'solid'], ['saddle', 'dash']].forEach(([count, dash]) => traces.push({
        x: at.map(a => a.x), y: at.map(a => a.row[count].mean), name: `${count}: ${name}`, type: 'scatter', mode: 'lines+markers',
        line: { dash, color: `hsl(${(i * 67) % 360}, 60%, 45%)` },
        error_y: { type: 'data', symmetric: false,
          array: at.map(a => gap(a.row[count].high, a.row[count].mean)), arrayminus: at.map(a => gap(a.row[count].mean, a.row[count].low)) },
      }));
    });
    plot(grid, traces, { title: `fixed points per condition against ${axis} (lower bounds)`,
      xaxis: { title: axis }, yaxis: { title: 'points per condition', rangemode: 'tozero' } });
  }

  root.appendChild(element('h2', {}, 'Growth rates'));
  root.appendChild(element('p', { class: 'note' },
    'Least squares of log(1 + fixed points per condition) of each network against the axis, at each snapshot and each value of the other keys: ' +
    'the slope is the growth per unit of the axis on a log scale, exp(slope) the factor per unit.'));
  const fits = element('table');
  const fitHead = element('tr');
  ['axis', 'other keys', 'snapshot', 'networks', 'values', 'slope [95% CI]', 'SE', 'factor per unit']
    .forEach(h => fitHead.appendChild(element('th', {}, h)));
  fits.appendChild(fitHead);
  r.fits.forEach(f => {
    const tr = element('tr');
    [f.axis, f.others.map(o => `${o.key}=${o.value}`).join(', ') || '–', f.snapshot, String(f.n), String(f.levels)]
      .forEach(v => tr.appendChild(element('td', {}, v)));
    if (f.unavailable) tr.appendChild(element('td', { colspan: 3 }, f.unavailable));
    else [`${number(f.slope)} [${number(f.low)}, ${number(f.high)}]`, number(f.standard_error), number(f.factor)]
      .forEach(v => tr.appendChild(element('td', {}, v)));
    fits.appendChild(tr);
  });
  root.appendChild(fits);
  if (!r.fits.length) root.appendChild(element('p', { class: 'note' }, 'No key of the grid has numbers for values: no growth rate.'));
  document.body.dataset.plots = String(RnnLabPlots.count());
})();
