// Opens a report.html in headless Chromium and prints one JSON line: console errors, page errors,
// and for every Plotly plot its title, how many traces and data points it drew, and the boxes of the plot,
// its drawn title and its modebar (the toolbar, in the DOM even while hidden until hover); saves a screenshot.
// usage: node check-report.mjs <report.html> <screenshot.png> [chromium]
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';

const [report, screenshot, executable = '/usr/bin/chromium'] = process.argv.slice(2);
if (!report || !screenshot) {
  console.error('usage: node check-report.mjs <report.html> <screenshot.png> [chromium]');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: executable,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const consoleErrors = [];
  const pageErrors = [];
  const failedRequests = [];
  page.on('console', m => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', e => pageErrors.push(String(e)));
  page.on('requestfailed', r => failedRequests.push(r.url()));
  await page.goto(pathToFileURL(report).href, { waitUntil: 'load' });
  await page.waitForFunction(() => document.body.dataset.plots !== undefined, null, { timeout: 30000 }).catch(() => {});
  await page.waitForTimeout(500);
  const result = await page.evaluate(() => ({
    declared: document.body.dataset.plots === undefined ? null : Number(document.body.dataset.plots),
    reportErrors: window.reportErrors || [],
    missing: [...document.querySelectorAll('.missing')].map(e => e.textContent),
    plots: [...document.querySelectorAll('.js-plotly-plot')].map(div => {
      const points = (div.data || []).reduce((n, t) => n + Math.max((t.x || []).length, (t.y || []).length, (t.z || []).length), 0);
      const title = (div.layout && div.layout.title && div.layout.title.text) || '';
      const drawn = div.querySelectorAll('.main-svg').length > 0 || div.querySelectorAll('canvas').length > 0;
      const box = e => {
        if (!e) return null;
        const r = e.getBoundingClientRect();
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      };
      return { title: String(title), traces: (div.data || []).length, points, drawn,
        box: box(div), titleBox: box(div.querySelector('.gtitle')), modebarBox: box(div.querySelector('.modebar')) };
    }),
  }));
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify({ consoleErrors, pageErrors, failedRequests, ...result }));
} finally {
  await browser.close();
}
