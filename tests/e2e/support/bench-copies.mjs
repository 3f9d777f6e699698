// Twenty copies of one widget on a page: memory per instance and time per lead switch, for each
// widget file given (the Rust one must be built with --test-hooks, for its wasm memory size).
// Usage: node bench-copies.mjs COPIES SWITCHES OUT.json URL...
// Each variant runs in a fresh browser context; the host's jquery and dateformat are loaded first.
// HEAP_BREAKDOWN=1: also what the copies keep, by heap-snapshot node type and name (the
// growth from before loading them, biggest first), for bench/README.md.

import fs from 'node:fs';
import { startServer, launch, openCabinet, requireBuilt, heapMeter, heapBreakdown } from './harness.mjs';

const copies = Number(process.argv[2] ?? 20);
const switches = Number(process.argv[3] ?? 200);
const out = process.argv[4];
const urls = process.argv.slice(5);
requireBuilt(...urls);

async function measure(browser, server, url) {
  const page = await openCabinet(browser, server);
  page.removeAllListeners('console');
  const heap = await heapMeter(page);
  await page.evaluate(async () => {
    await __e2e.load('jquery');
    await __e2e.load('dateformat');
    console.warn = () => {}; // hello logs on every step; the console is not what is measured
  });
  const breakdown = process.env.HEAP_BREAKDOWN ? await heapBreakdown(page) : null;
  const before = await heap();
  const wasm = await page.evaluate(
    async ([url, copies]) => {
      const widgets = [];
      for (let i = 0; i < copies; i++) widgets.push(await __e2e.load(`/copy-${i}${url}`));
      window.__drivers = widgets.map((w) => __e2e.createDriver(__e2e.host, w, { token: () => 'bench' }));
      for (const d of window.__drivers) d.openLead('3412001');
      window.__widgets = widgets;
      return widgets.map((w) => (w.__amoStats ? w.__amoStats().wasmMemoryBytes : 0));
    },
    [url, copies],
  );
  const after = await heap();
  if (breakdown) {
    const grown = [...(await heapBreakdown(page))]
      .map(([kind, size]) => [kind, size - (breakdown.get(kind) ?? 0)])
      .sort((a, b) => b[1] - a[1]);
    console.log(`${url}: heap growth per instance by node, biggest first`);
    for (const [kind, size] of grown.slice(0, 25)) console.log(`  ${(size / copies).toFixed(0).padStart(7)} B  ${kind}`);
  }
  const time = await page.evaluate((switches) => {
    const leads = ['3412002', '3412001'];
    // Warm-up: the first switches compile the paths.
    for (let i = 0; i < 10; i++) for (const d of window.__drivers) d.openLead(leads[i % 2]);
    const t0 = performance.now();
    for (let i = 0; i < switches; i++) for (const d of window.__drivers) d.openLead(leads[i % 2]);
    return (performance.now() - t0) / (switches * window.__drivers.length);
  }, switches);
  await page.context().close();
  const wasmTotal = wasm.reduce((a, b) => a + b, 0);
  return {
    url,
    wasmPerInstance: wasmTotal / copies,
    jsHeapPerInstance: (after - before) / copies,
    msPerSwitch: time,
  };
}

const server = await startServer();
const browser = await launch(['--js-flags=--expose-gc']);
try {
  const variants = [];
  for (const url of urls) variants.push(await measure(browser, server, url));
  const result = { copies, switches, variants };
  if (out) fs.writeFileSync(out, JSON.stringify(result, null, 1));
  for (const v of variants) console.log(`${v.url}: ${JSON.stringify(v)}`);
} finally {
  await browser.close();
  await server.close();
}
