// Several widgets on one page: two different Rust widgets (hello and the probe), two copies of
// the probe, and the JavaScript hello. None of them leaks a global; each keeps its own state.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openCabinet, lines, BUNDLES, requireBuilt } from './support/harness.mjs';

let server;
let browser;
before(async () => {
  requireBuilt(BUNDLES.hello, BUNDLES.probe);
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('two Rust widgets, three copies of one, and a JavaScript widget share a page', async () => {
  const page = await openCabinet(browser, server);
  const result = await page.evaluate(
    async ([hello, probe, helloJs]) => {
      // The host's own libraries (jquery, dateformat) are loaded before any widget, as in the
      // cabinet; they define globals of their own.
      await __e2e.load('jquery');
      await __e2e.load('dateformat');
      const globalsBefore = new Set(Object.getOwnPropertyNames(window));
      const [h, p1, p2, js, p3] = await Promise.all([
        __e2e.load(hello),
        __e2e.load('/copy-1' + probe),
        __e2e.load('/copy-2' + probe),
        __e2e.load(helloJs),
        __e2e.load('/copy-3' + probe),
      ]);
      const leaked = Object.getOwnPropertyNames(window).filter((n) => !globalsBefore.has(n));
      const drivers = [h, p1, p2, js, p3].map((w, i) =>
        __e2e.createDriver(__e2e.host, w, { token: (id) => `w${i}-${id}` }),
      );
      // Interleaved: each widget's calls between the others'.
      for (const lead of ['3412001', '3412002', '3412001']) {
        for (const d of drivers) d.openLead(lead);
      }
      const texts = drivers.map((d) => d.slotElement.textContent);
      const stats = [h, p1, p2, p3].map((w) => w.__amoStats());
      for (const d of drivers) d.destroy();
      return {
        leaked,
        texts,
        stats,
        distinct: p1 !== p2 && p1.initLead !== p2.initLead,
        errors: drivers.flatMap((d) => d.errors.map(String)),
        subs: __e2e.host.liveSubscriptions(),
      };
    },
    [BUNDLES.hello, BUNDLES.probe, BUNDLES.helloJs],
  );
  assert.deepEqual(result.leaked, []);
  assert.ok(result.distinct);
  assert.deepEqual(result.texts, [
    'Hello world!',
    'probe w1-3412001',
    'probe w2-3412001',
    'Hello world!',
    'probe w4-3412001',
  ]);
  for (const s of result.stats) assert.equal(s.instances, 1);
  assert.deepEqual(result.errors, []);
  assert.equal(result.subs, 0);
  // Each probe copy saw only its own leads, in order.
  const probe = lines(page, 'info', 'probe:init:');
  assert.deepEqual(
    probe.filter((l) => l.includes(':w1-')),
    ['probe:init:w1-3412001', 'probe:init:w1-3412002', 'probe:init:w1-3412001'],
  );
  assert.deepEqual(
    probe.filter((l) => l.includes(':w2-')),
    ['probe:init:w2-3412001', 'probe:init:w2-3412002', 'probe:init:w2-3412001'],
  );
  // The probe asks for the host's jquery in [package.metadata.amo-widget] modules.
  assert.deepEqual(lines(page, 'info', 'probe:new:'), Array(3).fill('probe:new:jquery'));
  const helloLines = lines(page, 'warning', 'WIDGET: initLead with token:');
  assert.equal(helloLines.length, 6); // 3 from the Rust hello, 3 from the JavaScript one
  assert.deepEqual(lines(page, 'error'), []);
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});
