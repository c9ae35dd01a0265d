// Builds report.html's sections from REPORT (written by RnnLab's RunReport) with Plotly.
(function () {
  'use strict';
  const root = document.getElementById('report');
  const comparison = REPORT.comparison;
  const colors = { init: '#8c8c8c', final: '#1f77b4', stable: '#2ca02c', saddle: '#ff7f0e', unstable: '#d62728' };
  const { element, section, missing, plot, short, number, pValue } = RnnLabPlots;
  const mean = xs => xs.reduce((a, b) => a + b, 0) / xs.length;
  const stderr = xs => xs.length < 2 ? 0 : Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1) / xs.length);
  // Mean and standard error across networks of equally long arrays; missing values (null) are left out, and a
  // point no network has stays a gap.
  function across(arrays) {
    const n = arrays[0].length;
    const at = i => arrays.map(a => a[i]).filter(v => v !== null && v !== undefined);
    const gap = (xs, f) => xs.length ? f(xs) : null;
    return { mean: [...Array(n).keys()].map(i => gap(at(i), mean)), se: [...Array(n).keys()].map(i => gap(at(i), stderr)) };
  }
  function band(x, stats, name, color, extra) {
    return Object.assign({ x, y: stats.mean, name, mode: 'lines+markers', line: { color },
      error_y: { type: 'data', array: stats.se, visible: true, color } }, extra || {});
  }

  const verdictColors = { supported: '#2ca02c', 'not supported': '#d62728', inconclusive: '#ff7f0e' };
  const interval = ci => ci ? ` [${number(ci[0])}, ${number(ci[1])}]` : ' (no interval)';
  // Plotly reads <, > and & in texts as its own markup.
  const plain = s => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const clipped = (s, n) => s.length <= n ? s : s.slice(0, n - 1).trimEnd() + '…';

  // The forest plot: one figure of vertically stacked subplots, one per deciding measure, rather than a figure
  // per measure: the rows line up in one column under one title and one legend, and each still has its own
  // x axis, since units differ between measures. Labels are annotations above each row's axis, which leaves
  // the full width to the data. Within a row (y from -1 to 1, hidden): per-network values at 0.45, the mean
  // and its interval at -0.1, a null's per-network values at -0.6.
  function forest(parent, rows) {
    const headerRoom = 24, labelRoom = 22, dataRoom = 44, axisRoom = 40, groupGap = 22;
    let y = 0;
    const groups = [];
    const placed = rows.map((r, i) => {
      if (i === 0 || rows[i - 1].h !== r.h) {
        if (i > 0) y += groupGap;
        groups.push({ h: r.h, top: y });
        y += headerRoom;
      }
      const top = y;
      y += labelRoom + dataRoom + axisRoom;
      return Object.assign({ top, bottom: y }, r);
    });
    const area = y;
    const paper = px => 1 - px / area;   // pixels from the top of the plot area, in paper coordinates
    const traces = [], annotations = [], shapes = [];
    const shown = new Set();
    const once = group => shown.has(group) ? false : (shown.add(group), true);   // each kind in the legend once
    const layout = { title: 'Hypotheses: the measures that decide the verdicts, per network and as a mean with its 95% interval',
      showlegend: true, hovermode: 'closest', annotations, shapes, margin: { l: 40, r: 20, b: 10 } };
    groups.forEach((g, k) => {
      annotations.push({ xref: 'paper', yref: 'paper', x: 0, y: paper(g.top), xanchor: 'left', yanchor: 'top', showarrow: false, align: 'left',
        font: { size: 14 }, text: `<b>${plain(g.h.id)}</b>: <span style="color:${verdictColors[g.h.verdict] || '#222'}">${plain(g.h.verdict)}</span>`,
        hovertext: plain(g.h.statement) });
      if (k > 0) shapes.push({ type: 'line', xref: 'paper', yref: 'paper', x0: 0, x1: 1, y0: paper(g.top - groupGap / 2), y1: paper(g.top - groupGap / 2), line: { color: '#ccc', width: 1 } });
    });
    placed.forEach((r, i) => {
      const p = r.p, n = i + 1;
      const xaxis = n === 1 ? 'x' : `x${n}`, yaxis = n === 1 ? 'y' : `y${n}`;
      // Plotly's autorange puts a threshold at the very edge, where its line all but vanishes: pad by hand.
      const xs = p.per_network.map(v => v.value).concat([p.mean], p.ci95 || [], p.threshold ?? [],
        p.null ? (p.null.band || []).concat((p.null.per_network || []).map(v => v.value)) : []).filter(v => typeof v === 'number' && isFinite(v));
      const [low, high] = [Math.min(...xs), Math.max(...xs)];
      const pad = high > low ? 0.06 * (high - low) : Math.max(1e-3, 0.1 * Math.abs(low));
      layout[n === 1 ? 'xaxis' : `xaxis${n}`] = { anchor: yaxis, title: { text: p.unit || '', standoff: 4 }, zeroline: false, range: [low - pad, high + pad] };
      layout[n === 1 ? 'yaxis' : `yaxis${n}`] = { anchor: xaxis, domain: [paper(r.bottom - axisRoom), paper(r.top + labelRoom)], range: [-1, 1], visible: false, fixedrange: true };
      const against = p.threshold !== null && p.threshold !== undefined ? `${p.direction || 'against'} ${number(p.threshold)}`
        : p.null ? `${p.direction || 'against'} the ${p.null.kind} null` : '';
      annotations.push({ xref: 'paper', yref: 'paper', x: 0, y: paper(r.top), xanchor: 'left', yanchor: 'top', showarrow: false, align: 'left',
        text: `<b>${plain(r.h.id)}</b>  ${plain(clipped(p.statistic, 110))}${against ? ` (${plain(against)})` : ''}  ·  <span style="color:${verdictColors[p.verdict] || '#222'}">${plain(p.verdict || 'no verdict')}</span>  ·  Holm-adjusted p ${pValue(p.p_adjusted)}`,
        hovertext: plain(p.statistic + (p.why ? `: ${p.why}` : '')) });
      const on = { xaxis, yaxis, hoverinfo: 'text' };
      const nul = p.null;
      if (nul && nul.band) {
        const [lo, hi] = nul.band;
        traces.push(Object.assign({ x: [lo, hi, hi, lo, lo], y: [-0.9, -0.9, 0.9, 0.9, -0.9], mode: 'lines', fill: 'toself', fillcolor: 'rgba(140,140,140,0.22)',
          line: { width: 0 }, hoveron: 'fills', text: `${nul.kind} null: ${nul.description}; band [${number(lo)}, ${number(hi)}], mean ${number(nul.mean)}`,
          name: 'null band', legendgroup: 'null band', showlegend: once('null band') }, on));
      }
      if (nul && nul.per_network) {
        traces.push(Object.assign({ x: nul.per_network.map(v => v.value), y: nul.per_network.map(() => -0.6), mode: 'markers',
          marker: { color: colors.init, size: 7, symbol: 'circle-open' }, text: nul.per_network.map(v => `${short(v.network)}, ${nul.kind} null: ${number(v.value)}`),
          name: 'null, per network', legendgroup: 'null values', showlegend: once('null values') }, on));
      }
      if (p.threshold !== null && p.threshold !== undefined) {
        traces.push(Object.assign({ x: [p.threshold, p.threshold], y: [-0.95, 0.95], mode: 'lines', line: { color: '#333', dash: 'dash', width: 2 },
          text: `threshold ${number(p.threshold)} (${p.direction || 'no direction'})`, name: 'threshold', legendgroup: 'threshold', showlegend: once('threshold') }, on));
      }
      traces.push(Object.assign({ x: p.per_network.map(v => v.value), y: p.per_network.map(() => 0.45), mode: 'markers',
        marker: { color: colors.final, size: 7, opacity: 0.75 }, text: p.per_network.map(v => `${short(v.network)}: ${number(v.value)}`),
        name: 'per network', legendgroup: 'per network', showlegend: once('per network') }, on));
      const difference = p.difference ? `<br>difference from the null ${number(p.difference.mean)}${interval(p.difference.ci95)}` : '';
      traces.push(Object.assign({ x: [p.mean], y: [-0.1], mode: 'markers', marker: { color: 'black', size: 10, symbol: 'diamond' },
        error_x: p.ci95 ? { type: 'data', symmetric: false, array: [p.ci95[1] - p.mean], arrayminus: [p.mean - p.ci95[0]], visible: true, color: 'black', thickness: 2, width: 6 } : undefined,
        text: [`mean ${number(p.mean)}${interval(p.ci95)} ${plain(p.unit || '')}${difference}<br>p ${pValue(p.p_value)}, Holm-adjusted ${pValue(p.p_adjusted)}`],
        name: 'mean, 95% interval', legendgroup: 'mean', showlegend: once('mean') }, on));
    });
    plot(parent, traces, layout, 'plot', area);
  }

  // Below the forest plot: every hypothesis in words, the measures it only reports, networks a measure left out,
  // and what the verdicts rest on (the spec file, its hash and the multiple-testing correction).
  function hypothesesList(file) {
    const list = element('ul', { class: 'note' });
    file.hypotheses.forEach(h => {
      const item = element('li');
      item.appendChild(element('b', {}, `${h.id} (${h.verdict})`));
      item.appendChild(document.createTextNode(`: "${h.statement}" ${h.why}`));
      const lines = h.parts.filter(p => !p.decides)
        .map(p => `Also measured: ${p.statistic}, mean ${number(p.mean)}${interval(p.ci95)}${p.unit ? ' ' + p.unit : ''}.`)
        .concat(h.parts.flatMap(p => (p.excluded || []).map(e => `Left out of ${p.statistic}: ${short(e.network)}, ${e.reason}`)));
      if (lines.length > 0) {
        const sub = element('ul');
        lines.forEach(t => sub.appendChild(element('li', {}, t)));
        item.appendChild(sub);
      }
      list.appendChild(item);
    });
    root.appendChild(list);
    const s = file.spec;
    root.appendChild(element('p', { class: 'note' },
      `Spec ${s.name}, version ${s.version} (${s.file}, sha256 ${s.sha256.slice(0, 12)}…), alpha ${s.alpha}. ${s.correction} ` +
      `${file.included.length} network(s) included${file.excluded.length ? '; left out:' : '.'}`));
    if (file.excluded.length > 0) {
      const out = element('ul', { class: 'note' });
      file.excluded.forEach(e => out.appendChild(element('li', {}, `${short(e.network)}: ${e.reason}`)));
      root.appendChild(out);
    }
  }

  const meta = element('p', { class: 'meta' },
    `task ${REPORT.task}, ${REPORT.units} units, ${REPORT.networks.length} network(s), activation ${REPORT.activation}; run ${REPORT.run}`);
  root.appendChild(meta);

  // Seed 002's hypotheses first (analysis/hypotheses.json, schema 2): a forest plot of the measures that decide
  // verdicts, then each hypothesis in words with the measures only reported, the spec and the networks left out.
  if (REPORT.hypotheses) {
    const file = REPORT.hypotheses;
    const grid = section('Hypotheses',
      'Seed 002 section 1. One row per measure that decides a verdict, grouped by hypothesis: each network\'s value (dots), their mean with its 95% interval (black), and what it is tested against: a threshold (dashed line) or a null, whose band is shaded and whose values are hollow. Each row gives its verdict and its p-value adjusted for testing several (Holm; the correction is stated below), and has its own axis, since units differ. Hover over a row\'s label for the whole statistic and why. Measures only reported are listed below the plot.');
    const rows = file.hypotheses.flatMap(h => h.parts.filter(p => p.decides).map(p => ({ h, p })));
    if (rows.length === 0) missing(grid, 'No hypothesis has a measure that decides its verdict.');
    else forest(grid, rows);
    hypothesesList(file);
  }

  // Training curves.
  {
    const grid = section('Training', 'Loss (log scale) and accuracy at each evaluation, one line per network.');
    if (REPORT.metrics.every(m => m.step.length === 0)) missing(grid, 'No metrics.jsonl with evaluations was found in this run.');
    else {
      plot(grid, REPORT.metrics.map(m => ({ x: m.step, y: m.eval_loss, name: short(m.network), mode: 'lines' })),
        { title: 'evaluation loss', xaxis: { title: 'step' }, yaxis: { title: 'loss', type: 'log' } });
      plot(grid, REPORT.metrics.map(m => ({ x: m.step, y: m.accuracy.map(a => 100 * a), name: short(m.network), mode: 'lines' })),
        { title: 'accuracy', xaxis: { title: 'step' }, yaxis: { title: '%' } });
    }
  }

  if (!comparison) {
    missing(section('What training changed'), REPORT.comparison_missing);
  } else {
    const unavailable = comparison.unavailable || {};
    // Each network's results by measure id: each(m => m.weight_change) is one result per network, in the networks' order.
    const networks = comparison.networks.map(n => n.network);
    const each = pick => comparison.networks.map(n => pick(n.measures));
    // Seed 002 Fig. 1.
    {
      const grid = section('Task performance', 'Output averaged over trials and the second half of each trial, at constant inputs (seed 002 Fig. 1).');
      const performance = each(m => m.performance);
      const p = performance[0];
      if (!p) missing(grid, unavailable.performance || 'not computed');
      else {
        const traces = [];
        performance.forEach((n, i) => {
          traces.push({ x: p.x, y: n.final, mode: 'lines', line: { color: colors.final, width: 1 }, opacity: 0.5, name: 'trained', showlegend: i === 0, legendgroup: 'final' });
          traces.push({ x: p.x, y: n.init, mode: 'lines', line: { color: colors.init, width: 1, dash: 'dot' }, opacity: 0.5, name: 'untrained', showlegend: i === 0, legendgroup: 'init' });
        });
        traces.push(band(p.x, across(performance.map(n => n.final)), 'trained, mean ± se', colors.final, { line: { color: colors.final, width: 3 } }));
        plot(grid, traces, { title: 'output against condition', xaxis: { title: p.label }, yaxis: { title: 'output' } });
      }
    }

    // Seed 001's cube and seed 002 Figs. 2-3.
    {
      const grid = section('Latent trajectories and fixed points',
        `Trajectories of ${REPORT.latent_network ? short(REPORT.latent_network) : 'the first network'} projected on their top 3 principal components and on DCA's 3 most predictive dimensions (seed 002 Figs. 2-3), with the points found by the fixed-point search (green stable, orange saddle, red unstable; small markers are slow points). Drag to rotate.`);
      if (REPORT.latent.length === 0) missing(grid, REPORT.latent_missing);
      // The same trajectories and points in PCA's top variance directions and, when analyze fitted it, DCA's most predictive ones.
      const view = (l, trajectories, coordinate, axes, title) => {
        const traces = trajectories.map((t, i) => ({ type: 'scatter3d', mode: 'lines', x: t.map(s => s[0]), y: t.map(s => s[1]), z: t.map(s => s[2] ?? 0),
          line: { color: 'rgba(31,119,180,0.45)', width: 2 }, name: 'trial', showlegend: i === 0, legendgroup: 'trials', hoverinfo: 'skip' }));
        ['stable', 'saddle', 'unstable'].forEach(s => ['fixed', 'slow'].forEach(kind => {
          const pts = l.points.map((p, i) => ({ p, c: coordinate(i) })).filter(({ p }) => p.stability === s && p.kind === kind);
          if (pts.length === 0) return;
          traces.push({ type: 'scatter3d', mode: 'markers', x: pts.map(q => q.c[0]), y: pts.map(q => q.c[1]), z: pts.map(q => q.c[2] ?? 0),
            marker: { color: colors[s], size: kind === 'fixed' ? 6 : 2.5, symbol: 'circle' }, name: `${s} ${kind} points (${pts.length})` });
        }));
        plot(grid, traces, { title, scene: { xaxis: { title: axes[0] }, yaxis: { title: axes[1] }, zaxis: { title: axes[2] } }, legend: { x: 0, y: 1 } }, 'plot3d');
      };
      REPORT.latent.forEach(l => {
        const which = l.snapshot === 'init' ? 'untrained' : 'trained';
        view(l, l.trajectories, i => l.points[i].pca, ['PC1', 'PC2', 'PC3'],
          `${which}, PCA (variance ${l.explained.map(v => (100 * v).toFixed(0) + '%').join(', ')})`);
        if (l.dca) view(l, l.dca.trajectories, i => l.dca.points[i], ['DC1', 'DC2', 'DC3'], `${which}, DCA (predictive information ${l.dca.information.toFixed(2)} nats)`);
      });
    }

    // Spectra with the stability boundary, and weight statistics (seed 002 Figs. 4, 7, 8).
    {
      const grid = section('Recurrent weights',
        'Eigenvalues of W_rec before and after training. With every unit active the linearization is (-I + W_rec)/tau, stable when Re(eigenvalue of W_rec) < 1: the dashed line.');
      const changes = each(m => m.weight_change);
      const e = changes[0].eigenvalues;
      const all = e.before.concat(e.after);
      const ys = all.map(p => Math.abs(p[1]));
      const top = Math.max(1.1, ...ys);
      plot(grid, [
        { x: e.before.map(p => p[0]), y: e.before.map(p => p[1]), mode: 'markers', name: 'untrained', marker: { color: colors.init, size: 5 } },
        { x: e.after.map(p => p[0]), y: e.after.map(p => p[1]), mode: 'markers', name: 'trained', marker: { color: colors.final, size: 5 } },
        { x: [1, 1], y: [-top, top], mode: 'lines', name: 'Re = 1', line: { color: 'black', dash: 'dash' } },
      ], { title: `eigenvalues of W_rec, ${short(networks[0])}`, xaxis: { title: 'Re' }, yaxis: { title: 'Im', scaleanchor: 'x' } });

      // Every network's histograms share the first one's bins when their edges agree.
      const edges = changes[0].before.bin_edges;
      const centres = edges.slice(0, -1).map((v, i) => (v + edges[i + 1]) / 2);
      const sum = when => centres.map((_, i) => changes.reduce((a, n) => a + (n[when].bin_edges.length === edges.length ? n[when].counts[i] : 0), 0));
      plot(grid, [
        { type: 'bar', x: centres, y: sum('before'), name: 'untrained', marker: { color: colors.init }, opacity: 0.6 },
        { type: 'bar', x: centres, y: sum('after'), name: 'trained', marker: { color: colors.final }, opacity: 0.6 },
      ], { title: `W_rec entries (${short(networks[0])}'s bins, networks pooled)`, barmode: 'overlay', xaxis: { title: 'weight' }, yaxis: { title: 'count', type: 'log' } });

      // How large the changes are, relative to the initial weights, and how their count grows during training (seed 002 Fig. 7).
      const sizes = changes.map(n => n.sizes);
      const mids = sizes[0].bin_edges.slice(0, -1).map((v, i) => Math.sqrt(v * sizes[0].bin_edges[i + 1]));
      plot(grid, sizes.map((n, i) => ({ type: 'scatter', mode: 'lines', x: mids, y: n.counts, name: short(networks[i]) })),
        { title: `|dW| / std(W_init) (median ${mean(sizes.map(n => n.median)).toPrecision(2)}, 90% ${mean(sizes.map(n => n.quantile90)).toPrecision(2)}, 99% ${mean(sizes.map(n => n.quantile99)).toPrecision(2)}; means over networks)`,
          xaxis: { title: '|dW| / std(W_init)', type: 'log' }, yaxis: { title: 'weights', type: 'log' } });
      const growth = each(m => m.checkpoint_growth.checkpoints);
      const steps = checkpoints => checkpoints.map(c => c.step);
      plot(grid, growth.flatMap((n, i) => n[0].changed.map((f, k) => ({ x: steps(n), y: n.map(c => c.changed[k].fraction), mode: 'lines+markers',
          name: `${short(networks[i])} > ${f.of_initial_std} std`, line: { dash: k === 0 ? 'solid' : 'dot' } }))),
        { title: 'fraction of weights changed by more than a fraction of std(W_init), during training', xaxis: { title: 'step' }, yaxis: { title: 'fraction', range: [0, 1] } });
      plot(grid, growth.map((n, i) => ({ x: steps(n), y: n.map(c => c.eigenvalues_moved), mode: 'lines+markers', name: short(networks[i]) })),
        { title: 'eigenvalues of W_rec moved, during training', xaxis: { title: 'step' }, yaxis: { title: 'eigenvalues' } });

      plot(grid, growth.map((n, i) => ({ x: steps(n), y: n.map(c => c.mean_weight), mode: 'lines+markers', name: short(networks[i]) })),
        { title: 'mean recurrent weight during training (seed 002 Fig. 4)', xaxis: { title: 'step' }, yaxis: { title: 'mean W_rec' } });

      plot(grid, changes.map((c, i) => ({ x: c.centrality_before, y: c.centrality_after, mode: 'markers', name: short(networks[i]), marker: { size: 4 } })),
        { title: 'eigenvector centrality of each unit (seed 002 Fig. 8)', xaxis: { title: 'before training', type: 'log' }, yaxis: { title: 'after training', type: 'log' } });
    }

    // Seed 002 Figs. 9-11.
    {
      const grid = section('Latent subspaces',
        'Principal angles between top-d subspaces found by PCA (variance) and DCA (predictive information), mean ± se across networks.');
      const fits = { pca: each(m => m.pca_subspaces), dca: each(m => m.dca_subspaces) };
      const methods = ['pca', 'dca'].filter(m => fits[m][0]);
      const index = n => [...Array(n).keys()].map(i => i + 1);
      plot(grid, methods.map((m, k) => band(index(fits[m][0].turn.length), across(fits[m].map(s => s.turn)), m.toUpperCase(),
        ['#9467bd', '#17becf'][k])), { title: 'untrained vs trained task subspace (Fig. 9)', xaxis: { title: 'angle index', dtick: 1 }, yaxis: { title: 'degrees', range: [0, 90] } });
      if (fits.pca[0].conditions_init) {
        const traces = [];
        methods.forEach((m, k) => ['init', 'final'].forEach(when => traces.push(band(index(fits[m][0]['conditions_' + when].length),
          across(fits[m].map(s => s['conditions_' + when])), `${m.toUpperCase()} ${when === 'init' ? 'untrained' : 'trained'}`,
          ['#9467bd', '#17becf'][k], { line: { color: ['#9467bd', '#17becf'][k], dash: when === 'init' ? 'dot' : 'solid' } }))));
        plot(grid, traces, { title: 'subspaces of the two input conditions (Fig. 10)', xaxis: { title: 'angle index', dtick: 1 }, yaxis: { title: 'degrees', range: [0, 90] } });
      } else missing(grid, unavailable.conditions || 'not computed');
      const readout = ['init', 'final'].map(when => ({ type: 'bar', name: when === 'init' ? 'untrained' : 'trained', marker: { color: colors[when] },
        x: methods.map(m => m.toUpperCase()),
        y: methods.map(m => mean(fits[m].map(s => s['readout_' + when]))),
        error_y: { type: 'data', visible: true, array: methods.map(m => stderr(fits[m].map(s => s['readout_' + when]))) } }));
      plot(grid, readout, { title: 'angle between the readout and the task subspace (Fig. 11)', barmode: 'group', yaxis: { title: 'degrees', range: [0, 90] } });
    }

    // Seed 002 Fig. 6.
    {
      const grid = section('Predictive information against nonlinearity',
        'Maximal predictive information (DCA) of the task trajectories with the activation replaced by a leaky relu of angle theta: 0 is relu, pi/4 is linear (seed 002 Fig. 6).');
      const sweeps = each(m => m.information_sweep);
      const s = sweeps[0];
      if (!s) missing(grid, unavailable.information_sweep || 'not computed');
      else {
        // A diverged simulation's PI is NaN (a string in the JSON): a gap, not a point.
        const finite = xs => xs.map(v => (typeof v === 'number' && isFinite(v)) ? v : null);
        const curves = (pick, dash, suffix) => ['init', 'final'].map(when => band(s.angles, across(sweeps.map(n => finite(pick(n, when)))),
          (when === 'init' ? 'untrained' : 'trained') + suffix, colors[when], { line: { color: colors[when], dash } }));
        const diverged = sweeps.filter(n => n.diverged_init.some(x => x) || n.diverged_final.some(x => x));
        plot(grid, curves((n, when) => when === 'init' ? n.init : n.final, 'solid', '')
            .concat(curves((n, when) => when === 'init' ? n.init_without_floor : n.final_without_floor, 'dot', ', no noise floor')),
          { title: `max PI against theta${diverged.length ? ` (${diverged.length} network(s) diverge at some angle: no PI there)` : ''}`, xaxis: { title: 'theta (rad)' }, yaxis: { title: 'PI (nats)' } });
      }
    }

    // Every statistic as a table.
    {
      root.appendChild(element('h2', {}, 'Statistics'));
      root.appendChild(element('p', { class: 'note' }, 'Mean ± standard error across networks; the same table `./rnnlab compare` prints.'));
      const table = element('table');
      const head = element('tr');
      ['statistic', 'untrained', 'trained', 'change'].forEach(h => head.appendChild(element('th', {}, h)));
      table.appendChild(head);
      const fmt = s => s ? (s.n > 1 ? `${s.mean.toPrecision(4)} ± ${s.standard_error.toPrecision(2)}` : s.mean.toPrecision(4)) : '–';
      comparison.statistics.forEach(s => {
        const row = element('tr');
        row.appendChild(element('td', {}, s.name));
        if (s.unavailable) { const td = element('td', { colspan: 3 }, s.unavailable); row.appendChild(td); }
        else [s.init, s.final, s.change].forEach(v => row.appendChild(element('td', {}, fmt(v))));
        table.appendChild(row);
      });
      root.appendChild(table);
      // Seed 002 section 5.2 gives one number for non-normality; say which of the two measures it could be.
      const stat = name => comparison.statistics.find(x => x.name === name);
      const henrici = stat('Henrici departure |N|_F'), schur = stat('Schur non-normal part |N|_2');
      if (henrici && schur && henrici.final && schur.final) {
        root.appendChild(element('p', { class: 'note' },
          `Non-normality: seed 002 reports the 2-norm of the Schur form's strictly upper part as about 16.5 → 17.5 "for both tasks" (128 and 256 units). ` +
          `Here Henrici's |N|_F goes ${henrici.init.mean.toPrecision(3)} → ${henrici.final.mean.toPrecision(3)} and the operator norm |N|_2 ${schur.init.mean.toPrecision(3)} → ${schur.final.mean.toPrecision(3)}. ` +
          `|N|_F grows like sqrt(N) for a random W of spectral radius about 1 (about 0.71 |W|_F), so it cannot be the same at both sizes; |N|_2 is about the same at both sizes but near 1.6 at initialization, not 16.5. ` +
          `Neither matches the seed's number, so which it computed cannot be told from it.`));
      }
    }
  }
  document.body.dataset.plots = String(RnnLabPlots.count());
})();
