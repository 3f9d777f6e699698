// Time from `require([url])` to the widget's slot rendered, over fresh page loads, for each
// widget file given, interleaved. Usage: node bench.mjs LOADS OUT.json URL...
// A URL is rendered when its slot reads `Hello world!`; `URL|TEXT` waits for a slot containing
// TEXT instead (another widget than hello).
// Each load is a new browser context (no HTTP cache, no compiled-code cache); the host's jquery
// and dateformat are loaded before the clock starts, as they are in the real cabinet.

import fs from 'node:fs';
import { startServer, launch, requireBuilt } from './harness.mjs';

const loads = Number(process.argv[2] ?? 30);
const out = process.argv[3];
const urls = process.argv.slice(4);
requireBuilt(...urls.map((u) => u.split('|')[0]));

async function once(browser, server, arg) {
  const [url, expected = null] = arg.split('|');
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.origin + '/cabinet.html');
  await page.waitForFunction(() => window.__e2eReady === true);
  await page.evaluate(() => __e2e.load('jquery').then(() => __e2e.load('dateformat')));
  const ms = await page.evaluate(
    ([u, expected]) =>
      new Promise((resolve, reject) => {
        const t0 = performance.now();
        require([u], (widget) => {
          const driver = __e2e.createDriver(__e2e.host, widget, { token: () => 'bench' });
          driver.openLead('3412001');
          const el = driver.slotElement;
          const rendered = expected === null ? el?.textContent === 'Hello world!' : el?.textContent.includes(expected);
          if (!rendered) reject(new Error('slot not rendered'));
          else resolve(performance.now() - t0);
        }, reject);
      }),
    [url, expected],
  );
  await context.close();
  if (errors.length) throw new Error(errors.join('\n'));
  return ms;
}

function summary(url, samples) {
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { url, median, min: s[0], max: s[s.length - 1], samples };
}

const server = await startServer();
const browser = await launch();
try {
  // One warm-up each: the browser process itself, not the widget, pays for its first pages.
  for (const url of urls) await once(browser, server, url);
  const samples = urls.map(() => []);
  for (let i = 0; i < loads; i++) {
    for (let v = 0; v < urls.length; v++) samples[v].push(await once(browser, server, urls[v]));
  }
  const result = { loads, variants: urls.map((u, v) => summary(u, samples[v])) };
  if (out) fs.writeFileSync(out, JSON.stringify(result, null, 1));
  for (const v of result.variants) console.log(`${v.url}: median ${v.median.toFixed(2)} ms`);
} finally {
  await browser.close();
  await server.close();
}
