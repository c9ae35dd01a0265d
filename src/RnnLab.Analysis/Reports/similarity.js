// Builds similarity.html from REPORT, the similarity.json record (written by RnnLab's SimilarityAnalysis), with Plotly.
(function () {
  'use strict';
  const root = document.getElementById('report');
  const { element, section, plot, number, pValue } = RnnLabPlots;
  const r = REPORT;
  const label = n => `${n.name} seed ${n.seed}`;
  const labels = r.networks.map(label);

  root.appendChild(element('p', { class: 'meta' },
    `${r.metric} distance in ${r.unit}; ${r.options.trials} trials per task, seed ${r.options.seed}` +
    (r.metric === 'dsa' ? `; ${r.options.delays} delays every ${r.options.interval} step(s), rank ${r.options.rank ?? 'full'}` : `; ${r.options.steps} steps of each trial`) + '.'));

  const grid = section('Distances', 'Every network against every other; the 2-D picture places them by classical MDS of the same matrix.');
  plot(grid, [{ type: 'heatmap', z: r.distances, x: labels, y: labels, colorscale: 'Viridis', colorbar: { title: { text: r.unit } } }],
    { title: `${r.metric} distance between networks`, xaxis: { tickangle: -45, automargin: true }, yaxis: { automargin: true, autorange: 'reversed' } });
  const names = [...new Set(r.networks.map(n => n.name))];
  plot(grid, names.map(name => {
    const at = r.networks.map((n, i) => [n, i]).filter(([n]) => n.name === name);
    return { x: at.map(([, i]) => r.embedding[i][0]), y: at.map(([, i]) => r.embedding[i][1]), text: at.map(([n]) => label(n)),
      name: `${name} (${at[0][0].task})`, mode: 'markers', type: 'scatter', marker: { size: 10 } };
  }), { title: `classical MDS (keeps ${(100 * r.embedding_explained).toFixed(0)} % of the distances' spectrum)`,
    xaxis: { title: 'MDS 1', zeroline: false }, yaxis: { title: 'MDS 2', zeroline: false, scaleanchor: 'x' } });

  root.appendChild(element('h2', {}, 'Are networks of one run (or task) closer to each other?'));
  root.appendChild(element('p', { class: 'note' },
    'Mean distance across groups minus within groups; p: the share of label shuffles at least as large (one-sided). ' +
    'Retest: a network against itself on a fresh draw of what it names, the distance that means "no difference".'));
  const table = element('table');
  const head = element('tr');
  ['grouping', 'groups', 'within', 'across', 'across − within', 'p'].forEach(h => head.appendChild(element('th', {}, h)));
  table.appendChild(head);
  r.separations.forEach(s => {
    const row = element('tr');
    row.appendChild(element('td', {}, s.grouping));
    row.appendChild(element('td', {}, String(s.groups.length)));
    if (s.unavailable) row.appendChild(element('td', { colspan: 4 }, s.unavailable));
    else [number(s.within), number(s.across), number(s.statistic), pValue(s.p_value)].forEach(v => row.appendChild(element('td', {}, v)));
    table.appendChild(row);
  });
  root.appendChild(table);
  const retest = element('ul');
  r.retest.forEach(t => retest.appendChild(element('li', {},
    `retest of ${t.run} network ${t.index} (${t.redrawn} drawn afresh): ${number(t.distance)}${t.converged === false ? ' (search did not converge)' : ''}`)));
  root.appendChild(retest);
  if (r.converged) {
    const pairs = r.converged.flatMap((row, i) => row.filter((c, j) => j < i && !c)).length;
    root.appendChild(element('p', { class: pairs ? 'missing' : 'note' }, pairs
      ? `${pairs} pair(s) whose orthogonal search did not converge: their distance is an upper bound.`
      : 'Every pair\'s orthogonal search converged.'));
  }
  document.body.dataset.plots = String(RnnLabPlots.count());
})();
