// 2,000 lead switches through the host's lifecycle: live host subscriptions, pending Rust
// teardowns, wasm-bindgen heap slots (the externref table: closures and JS values held by Rust)
// and DOM listeners return to their baseline, wasm memory stops growing, and the JS heap after
// forced garbage collection does not grow with the number of switches.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openCabinet, BUNDLES, requireBuilt, heapMeter, BROWSER } from './support/harness.mjs';

let server;
let browser;
before(async () => {
  requireBuilt(BUNDLES.probe);
  server = await startServer();
  browser = await launch(['--js-flags=--expose-gc']);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('2,000 lead switches leak nothing', async () => {
  const page = await openCabinet(browser, server);
  // The probe logs every step; 10,000 console lines would measure the console, not the widget.
  page.removeAllListeners('console');
  const heap = await heapMeter(page);
  await page.evaluate(async (url) => {
    const widget = await __e2e.load(url);
    window.__soak = {
      widget,
      driver: __e2e.createDriver(__e2e.host, widget, { token: (id) => 'soak-' + id }),
      switches: 0,
    };
    console.info = () => {}; // the probe's log lines, see above
  }, BUNDLES.probe);
  const measure = () =>
    page.evaluate(() => ({
      subs: __e2e.host.liveSubscriptions(),
      listeners: __e2e.listeners(),
      stats: __soak.widget.__amoStats(),
    }));
  const switches = (n) =>
    page.evaluate((n) => {
      const leads = ['3412001', '3412002'];
      for (let i = 0; i < n; i++) {
        __soak.driver.openLead(leads[__soak.switches++ % 2]);
        __soak.driver.log.length = 0; // the emulated host's own call log is not the widget's
      }
      __soak.driver.leaveLead();
      __soak.driver.log.length = 0;
    }, n);

  // Baseline: one lead opened and left (lazy statics of the glue and the allocator settle).
  await switches(1);
  const baseline = await measure();
  // The first several hundred switches also warm up V8 (feedback vectors, optimised code): the
  // JavaScript hello shows the same one-off growth. Compare the heap after 1,000 and 2,000.
  await switches(999);
  const heapEarly = heap && (await heap());
  const early = await measure();
  await switches(1000);
  const heapLate = heap && (await heap());
  const late = await measure();

  for (const m of [early, late]) {
    assert.equal(m.subs, baseline.subs, 'live host subscriptions');
    assert.equal(m.listeners, baseline.listeners, 'live DOM listeners');
    assert.equal(m.stats.pendingTeardowns, 0, 'Rust teardowns waiting');
    assert.equal(m.stats.externrefs, baseline.stats.externrefs, 'wasm-bindgen heap slots');
    assert.equal(m.stats.instances, 1);
  }
  assert.equal(late.stats.wasmMemoryBytes, early.stats.wasmMemoryBytes, 'wasm memory grew');
  // 1,000 more switches after GC: a leak of even one small object (32 bytes) per switch
  // would show as 32 KB.
  // Firefox cannot force a collection from the page: there the heap is not measured.
  if (heap) {
    const growth = heapLate - heapEarly;
    assert.ok(growth < 32 * 1024, `JS heap grew by ${growth} bytes over the last 1,000 switches`);
    console.log(`soak: heap after 1000 switches: ${heapEarly} B, after 2000: ${heapLate} B (growth ${growth} B)`);
  }
  console.log(
    `soak (${BROWSER}): ${2000} switches; wasm memory ${late.stats.wasmMemoryBytes} B;` +
      ` subscriptions ${late.subs}, listeners ${late.listeners}, externrefs ${late.stats.externrefs}`,
  );
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});
