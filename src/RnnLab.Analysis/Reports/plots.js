// Plot helpers shared by RnnLab's pages (report.html, similarity.html, census.html): elements, sections and Plotly plots
// with the house's titles and margins. Each page counts its plots in document.body.dataset.plots.
const RnnLabPlots = (function () {
  'use strict';
  const root = () => document.getElementById('report');
  const config = { responsive: true, displaylogo: false };
  let plotCount = 0;

  function element(tag, attributes, text) {
    const e = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function section(title, note) {
    root().appendChild(element('h2', {}, title));
    if (note) root().appendChild(element('p', { class: 'note' }, note));
    const grid = element('div', { class: 'grid' });
    root().appendChild(grid);
    return grid;
  }
  function missing(parent, why) { parent.appendChild(element('p', { class: 'missing' }, why)); }
  // Plotly 3 takes titles as { text }: written here as plain strings, converted at every depth.
  function titled(layout) {
    if (Array.isArray(layout) || layout === null || typeof layout !== 'object') return layout;
    return Object.fromEntries(Object.entries(layout).map(([k, v]) =>
      [k, k === 'title' && typeof v === 'string' ? { text: v } : titled(v)]));
  }
  // A plot's title goes left-aligned just above its plot area, below a row of the top margin kept for the
  // modebar (Plotly's toolbar, top right, shown on hover). Plotly centres titles in that row by default, where
  // at two plots per row (about 640 px each) all but the shortest ran under the modebar; left-aligned, the
  // title reads as a caption over the y axis, and the toolbar stays where Plotly users look for it. A title
  // wider than the plot wraps (for the width it was drawn at), and the margin grows by a line for each line.
  const titleFont = 14, titleLine = 19, modebarRow = 32;
  function wrap(text, width) {
    const perLine = Math.max(24, Math.floor(width / (0.56 * titleFont)));
    const lines = [];
    text.split(' ').forEach(word => {
      if (lines.length > 0 && (lines[lines.length - 1] + ' ' + word).length <= perLine) lines[lines.length - 1] += ' ' + word;
      else lines.push(word);
    });
    return lines;
  }
  // areaHeight, when given, sets the height of the plot area; the div grows by the margins around it.
  function plot(parent, traces, layout, cls, areaHeight) {
    const div = element('div', { class: cls || 'plot' });
    parent.appendChild(div);
    plotCount++;
    const l = titled(Object.assign({ margin: { t: 50, l: 60, r: 20, b: 50 } }, layout));
    if (l.title) {
      const lines = wrap(l.title.text, div.clientWidth - l.margin.l - 10);
      l.title = Object.assign({}, l.title, { text: lines.join('<br>'), font: { size: titleFont },
        x: 0, xref: 'paper', xanchor: 'left', y: 1, yref: 'paper', yanchor: 'bottom', pad: { b: 8 } });
      l.margin = Object.assign({}, l.margin, { t: modebarRow + lines.length * titleLine + 8 });
    }
    if (areaHeight) div.style.height = `${areaHeight + l.margin.t + l.margin.b}px`;
    Plotly.newPlot(div, traces, l, config);
  }
  const short = name => name.split('/').filter(Boolean).pop();
  // Numbers as the pages print them: three significant digits, p-values to two, a dash for a missing value.
  const number = v => v === null || v === undefined ? '–' : String(Number(Number(v).toPrecision(3)));
  const pValue = v => v === null || v === undefined ? '–' : v < 0.001 ? '< 0.001' : v.toPrecision(2);
  return { element, section, missing, plot, short, number, pValue, count: () => plotCount };
})();
