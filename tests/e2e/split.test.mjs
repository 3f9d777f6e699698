// Split mode: the WebAssembly beside the script, loaded asynchronously. Host calls made before
// it is ready are queued and replayed in order with every guarantee; a panic is contained and
// the fresh instance (also made asynchronously) takes the next initLead.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launch, openCabinet, lines, BUNDLES, bundlePath, requireBuilt } from './support/harness.mjs';

let server;
let browser;
before(async () => {
  requireBuilt(BUNDLES.probeSplit);
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const probeLog = (page) => lines(page, 'info', 'probe:').filter((l) => !l.startsWith('probe:lead-update'));

test('the split bundle loads its .wasm from beside the script', () => {
  const dir = path.dirname(bundlePath(BUNDLES.probeSplit));
  const script = fs.readFileSync(bundlePath(BUNDLES.probeSplit), 'utf8');
  assert.ok(fs.existsSync(path.join(dir, 'personal_page.wasm')));
  assert.ok(script.length < 64 * 1024, 'no inlined WebAssembly');
});

test('calls made while the WebAssembly loads are queued and keep their guarantees', async () => {
  const page = await openCabinet(browser, server);
  const seen = await page.evaluate(async (url) => {
    const w = await __e2e.load(url);
    const el = __e2e.slot();
    // All in the tick the module arrived in, before the .wasm can have been fetched.
    const slot0 = w.registerWidgetsBarSlot(el); // before any initLead
    const lead1 = w.initLead({ token: 'q1' });
    w.initLead({ token: 'q2' }); // the host never tears q1 down itself
    const lead3 = w.initLead({ token: 'q3' });
    slot0();
    slot0();
    lead3();
    const immediately = { text: el.textContent, stats: w.__amoStats() };
    lead1(); // late and repeated: harmless
    await new Promise((resolve) => {
      const poll = () => (w.__amoStats().queued === 0 && w.__amoStats().live ? resolve() : setTimeout(poll, 5));
      poll();
    });
    return { immediately, after: w.__amoStats() };
  }, '/copy-1' + BUNDLES.probeSplit);
  assert.equal(seen.immediately.text, '');
  assert.equal(seen.immediately.stats.live, false);
  assert.ok(seen.immediately.stats.queued >= 6);
  assert.deepEqual(probeLog(page), [
    'probe:new:jquery',
    'probe:init:q1',
    'probe:slot:q1',
    'probe:init-destroyed:q1',
    'probe:init:q2',
    'probe:init-destroyed:q2',
    'probe:init:q3',
    'probe:slot-destroyed:q1',
    'probe:init-destroyed:q3',
  ]);
  assert.equal(seen.after.pendingTeardowns, 0);
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});

test('a panic in split mode is contained and the widget comes back asynchronously', async () => {
  const page = await openCabinet(browser, server);
  const result = await page.evaluate(async (url) => {
    const w = await __e2e.load(url);
    const d = __e2e.createDriver(__e2e.host, w, { token: (id) => (id === '3412002' ? 'panic-init' : 's-' + id) });
    d.openLead('3412002'); // queued; panics once the instance runs it
    d.openLead('3412001'); // queued behind it; needs a fresh instance
    const el = d.slotElement;
    await new Promise((resolve) => {
      const poll = () => (w.__amoStats().queued === 0 && w.__amoStats().live ? resolve() : setTimeout(poll, 5));
      poll();
    });
    const out = { text: el.textContent, stats: w.__amoStats(), subs: __e2e.host.liveSubscriptions() };
    d.destroy();
    out.subsAfter = __e2e.host.liveSubscriptions();
    out.errors = d.errors.map(String);
    return out;
  }, '/copy-2' + BUNDLES.probeSplit);
  const errors = lines(page, 'error');
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(errors[0], /probe panicked on demand in init_lead/);
  assert.equal(result.text, 'probe s-3412001');
  assert.equal(result.stats.instances, 2);
  assert.equal(result.subs, 1);
  assert.equal(result.subsAfter, 0);
  assert.deepEqual(result.errors, []);
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});
