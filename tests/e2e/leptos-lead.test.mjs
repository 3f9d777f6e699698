// The Leptos example (examples/leptos-lead) through the host's lifecycle: the summary it mounts
// in the slot, live updates from the host's state, lead switches, teardown that leaves no
// subscription, listener or node behind, two copies with separate owners, and 200 lead switches
// without growth (subscriptions, DOM listeners, DOM nodes, wasm-bindgen heap slots, wasm memory).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openCabinet, requireBuilt } from './support/harness.mjs';

const BUNDLE = '/target/e2e-widgets/leptos-lead/personal_page.js';
// U+00A0: the browser's ru grouping and the space before the currency symbol.
const NB = '\u00a0';

let server;
let browser;
let copies = 0;
const fresh = (url) => `/copy-${++copies}${url}`;

before(async () => {
  requireBuilt(BUNDLE);
  server = await startServer();
  browser = await launch(['--js-flags=--expose-gc']);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// Installs `window.__lead`: a loaded copy, its driver, and `read(slot)`, the card as text.
async function loadWidget(page, url) {
  await page.evaluate(async (url) => {
    const widget = await __e2e.load(url);
    const driver = __e2e.createDriver(__e2e.host, widget, { token: (id) => 'jwt-' + id });
    const part = (slot, name) => slot.querySelector(`[data-part="${name}"]`)?.textContent.trim() ?? null;
    window.__lead = window.__lead ?? [];
    window.__lead.push({
      widget,
      driver,
      read: (slot = driver.slotElement) => ({
        name: part(slot, 'name'),
        budget: part(slot, 'budget'),
        status: part(slot, 'status'),
        contact: part(slot, 'contact'),
      }),
    });
  }, url);
}

test('mounts the summary in the slot, follows the host state live and on lead switch', async () => {
  const page = await openCabinet(browser, server);
  await loadWidget(page, fresh(BUNDLE));
  const seen = await page.evaluate(async () => {
    const [w] = __lead;
    const host = __e2e.host;
    const state = () => host.getStateSnapshot();
    // Leptos runs the effects a signal change schedules on the next turn of the event loop.
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    const out = {};
    w.driver.openLead('3412001');
    const card = w.driver.slotElement.querySelector('section');
    out.mounted = w.read();
    out.subsMounted = host.liveSubscriptions();
    // Live: the budget field, the currency, the status and the contact change under the mounted view.
    const fields = state().leadFields;
    host.setLeadFields({ ...fields, 24: { ...fields['24'], value: 175000.5 } });
    await settle();
    out.budget = w.read().budget;
    host.setSys({ ...state().sys, currencySymbol: '$', lang: 'en' });
    await settle();
    out.english = w.read();
    const lead = state().lead;
    host.setLead({
      ...lead,
      statuses: [{ id: '143', name: 'Closed - lost', color: '#D5D8DB', pipelineId: '7001' }],
      contacts: { 9002: { id: '9002', name: 'Jane Roe', fieldIds: [] } },
    });
    await settle();
    out.live = w.read();
    out.sameCard = w.driver.slotElement.querySelector('section') === card;
    out.dot = w.driver.slotElement.querySelector('[data-part="status-color"]').style.background;
    // A value of the wrong kind shows as absent, never as a crash.
    host.setLeadFields({ ...fields, 24: { ...fields['24'], value: { odd: true } } });
    await settle();
    out.oddBudget = w.read().budget;
    // The host may send a numeric field as a string.
    host.setLeadFields({ ...fields, 24: { ...fields['24'], value: ' 2500.25 ' } });
    await settle();
    out.stringBudget = w.read().budget;
    host.setSys({ ...state().sys, currencySymbol: '₽', lang: 'ru' });
    host.setLeadFields(fields);
    // Lead switch: the host destroys the slot and renders a new one for the next lead.
    w.driver.openLead('3412002');
    out.switched = w.read();
    w.driver.destroy();
    out.errors = w.driver.errors.map((e) => String(e.error));
    return out;
  });
  assert.deepEqual(seen.mounted, {
    name: 'Сделка #3412001',
    budget: `150${NB}000${NB}₽`,
    status: 'Успешно реализовано',
    contact: 'Иван Петров',
  });
  assert.equal(seen.subsMounted, 4, 'one subscription per host entity');
  assert.equal(seen.budget, `175${NB}000,5${NB}₽`);
  assert.deepEqual(seen.english, {
    name: 'Lead #3412001',
    budget: `175,000.5${NB}$`,
    status: 'Успешно реализовано',
    contact: 'Иван Петров',
  });
  assert.deepEqual(seen.live, {
    name: 'Lead #3412001',
    budget: `175,000.5${NB}$`,
    status: 'Closed - lost',
    contact: 'Jane Roe',
  });
  assert.ok(seen.sameCard, 'a live update re-renders in place, without remounting the card');
  assert.equal(seen.dot, 'rgb(213, 216, 219)');
  assert.equal(seen.oddBudget, '—');
  assert.equal(seen.stringBudget, `2,500.25${NB}$`);
  assert.deepEqual(seen.switched, {
    name: 'Сделка #3412002',
    budget: `150${NB}000${NB}₽`,
    status: 'Закрыто и не реализовано',
    contact: '—',
  });
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});

test('the slot teardown unmounts the view and ends every subscription and listener', async () => {
  const page = await openCabinet(browser, server);
  await loadWidget(page, fresh(BUNDLE));
  const seen = await page.evaluate(() => {
    const [w] = __lead;
    const host = __e2e.host;
    const before = { subs: host.liveSubscriptions(), listeners: __e2e.listeners() };
    w.driver.openLead('3412001');
    const slot = w.driver.slotElement;
    const mounted = {
      subs: host.liveSubscriptions(),
      listeners: __e2e.listeners(),
      nodes: slot.querySelectorAll('*').length,
    };
    w.driver.leaveLead();
    // The driver removes the slot element after the destructor: what the view left in it is
    // what the teardown did not unmount.
    const after = {
      subs: host.liveSubscriptions(),
      listeners: __e2e.listeners(),
      leftInSlot: slot.childNodes.length,
      stats: w.widget.__amoStats(),
    };
    // A host that publishes after the teardown reaches no view.
    host.setSys({ ...host.getStateSnapshot().sys, currencySymbol: '€' });
    return { before, mounted, after, errors: w.driver.errors.length, callbackErrors: host.stats.callbackErrors.length };
  });
  assert.ok(seen.mounted.nodes > 5, `the card has ${seen.mounted.nodes} elements`);
  assert.equal(seen.mounted.subs, seen.before.subs + 4);
  assert.equal(seen.after.subs, seen.before.subs, 'host subscriptions left after teardown');
  assert.equal(seen.after.listeners, seen.before.listeners, 'DOM listeners left after teardown');
  assert.equal(seen.after.leftInSlot, 0, 'nodes the view left in its slot');
  assert.equal(seen.after.stats.pendingTeardowns, 0);
  assert.equal(seen.errors, 0);
  assert.equal(seen.callbackErrors, 0);
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});

test('two copies keep separate owners: tearing one down leaves the other live', async () => {
  const page = await openCabinet(browser, server);
  await loadWidget(page, fresh(BUNDLE));
  await loadWidget(page, fresh(BUNDLE));
  const seen = await page.evaluate(async () => {
    const [a, b] = __lead;
    const host = __e2e.host;
    a.driver.openLead('3412001');
    b.driver.openLead('3412001');
    const both = host.liveSubscriptions();
    const bSlot = b.driver.slotElement;
    a.driver.destroy();
    const fields = host.getStateSnapshot().leadFields;
    host.setLeadFields({ ...fields, 24: { ...fields['24'], value: 99 } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const out = { both, afterOne: host.liveSubscriptions(), b: b.read(bSlot), instances: [a, b].map((w) => w.widget.__amoStats().instances) };
    b.driver.destroy();
    out.afterBoth = host.liveSubscriptions();
    return out;
  });
  assert.equal(seen.both, 8);
  assert.equal(seen.afterOne, 4);
  assert.equal(seen.b.budget, `99${NB}₽`);
  assert.equal(seen.afterBoth, 0);
  assert.deepEqual(seen.instances, [1, 1]);
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});

test('200 lead switches: no growth in subscriptions, listeners, nodes, heap slots or wasm memory', async () => {
  const page = await openCabinet(browser, server);
  await loadWidget(page, fresh(BUNDLE));
  const measure = () =>
    page.evaluate(() => {
      const [w] = __lead;
      const stats = w.widget.__amoStats();
      return {
        subs: __e2e.host.liveSubscriptions(),
        listeners: __e2e.listeners(),
        nodes: document.getElementsByTagName('*').length,
        externrefs: stats.externrefs,
        wasmMemoryBytes: stats.wasmMemoryBytes,
        pendingTeardowns: stats.pendingTeardowns,
        instances: stats.instances,
        text: w.driver.slotElement ? w.read().name : null,
      };
    });
  const switches = (n) =>
    page.evaluate((n) => {
      const [w] = __lead;
      const leads = ['3412001', '3412002'];
      window.__switches = window.__switches ?? 0;
      for (let i = 0; i < n; i++) {
        w.driver.openLead(leads[window.__switches++ % 2]);
        w.driver.log.length = 0;
      }
    }, n);
  // Warm-up: lazy statics of the glue, Leptos' arenas and the allocator's size classes settle.
  await switches(20);
  const warm = await measure();
  await switches(100);
  const middle = await measure();
  await switches(100);
  const late = await measure();
  for (const m of [middle, late]) {
    assert.equal(m.subs, 4, 'live host subscriptions (one mounted view)');
    assert.equal(m.listeners, warm.listeners, 'live DOM listeners');
    assert.equal(m.nodes, warm.nodes, 'DOM elements on the page');
    assert.equal(m.externrefs, warm.externrefs, 'wasm-bindgen heap slots');
    assert.equal(m.pendingTeardowns, 2, 'the open lead and its slot');
    assert.equal(m.instances, 1, 'no crash restarted the widget');
  }
  assert.equal(late.wasmMemoryBytes, middle.wasmMemoryBytes, 'wasm memory grew');
  assert.equal(late.text, 'Сделка #3412002');
  await page.evaluate(() => __lead[0].driver.destroy());
  const done = await measure();
  assert.equal(done.subs, 0);
  assert.equal(done.pendingTeardowns, 0);
  console.log(
    `leptos-lead: 220 switches; externrefs ${late.externrefs}, wasm memory ${late.wasmMemoryBytes} B, ` +
      `nodes ${late.nodes}, listeners ${late.listeners}`,
  );
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});
