// The lifecycle as the host drives it: the vendor's hello output, and the shim's guarantees
// (teardown before the next initLead, slot after initLead, destructors in any order and any
// number of times, 100 lead switches in one tick), checked through the probe widget's log.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openCabinet, lines, BUNDLES, requireBuilt } from './support/harness.mjs';

let server;
let browser;
let copies = 0;
// A fresh module per test: the same bundle under another URL is another requirejs module.
const fresh = (url) => `/copy-${++copies}${url}`;

before(async () => {
  requireBuilt(BUNDLES.hello, BUNDLES.probe);
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const probeLog = (page) => lines(page, 'info', 'probe:').filter((l) => !l.startsWith('probe:new'));

test('hello prints the vendor example lines and renders its slot as text', async () => {
  const page = await openCabinet(browser, server);
  const result = await page.evaluate(async (url) => {
    const widget = await __e2e.load(url);
    const dateFormat = await __e2e.load('dateformat');
    const driver = __e2e.createDriver(__e2e.host, widget, { token: (id) => `jwt-for-${id}` });
    const times = (mask) => [dateFormat(Date.now() - 60000, mask), dateFormat(Date.now(), mask)];
    const before24 = times('HH:MM');
    driver.openLead('3412001');
    const slot = driver.slotElement;
    const slotState = { text: slot.textContent, nodes: [...slot.childNodes].map((n) => n.nodeType) };
    const after24 = times('HH:MM');
    __e2e.host.setSys({ ...__e2e.host.getStateSnapshot().sys, timeFormat: 'h:MM TT' });
    const before12 = times('h:MM TT');
    driver.openLead('3412002');
    const after12 = times('h:MM TT');
    driver.destroy();
    return { slotState, ok24: [...before24, ...after24], ok12: [...before12, ...after12], errors: driver.errors.length };
  }, BUNDLES.hello);
  assert.deepEqual(result.slotState, { text: 'Hello world!', nodes: [3] });
  assert.equal(result.errors, 0);
  const warns = page.messages.filter((m) => m.type === 'warning');
  const texts = warns.map((m) => m.text);
  const time = (line) => line.replace('WIDGET registerWidgetsBarSlot inited at ', '');
  assert.equal(texts.length, 8, texts.join('\n'));
  // console.warn('WIDGET: initLead with token: ', params.token): two arguments, as the original.
  assert.equal(texts[0], 'WIDGET: initLead with token:  jwt-for-3412001');
  assert.equal(warns[0].argc, 2);
  assert.ok(texts[1].startsWith('WIDGET registerWidgetsBarSlot inited at '));
  assert.ok(result.ok24.includes(time(texts[1])), `${texts[1]} vs ${result.ok24}`);
  assert.deepEqual(texts.slice(2, 5), [
    'WIDGET: registerWidgetsBarSlot destroyed',
    'WIDGET: initLead destroyed',
    'WIDGET: initLead with token:  jwt-for-3412002',
  ]);
  assert.ok(result.ok12.includes(time(texts[5])), `${texts[5]} vs ${result.ok12}`);
  assert.deepEqual(texts.slice(6), ['WIDGET: registerWidgetsBarSlot destroyed', 'WIDGET: initLead destroyed']);
  assert.deepEqual(lines(page, 'error'), []);
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});

test('hello renders into the host content child, leaving the host header, in either slot shape', async () => {
  const page = await openCabinet(browser, server);
  const result = await page.evaluate(async (url) => {
    const widget = await __e2e.load(url);
    const shapes = {};
    for (const slotShape of ['content', 'element']) {
      const driver = __e2e.createDriver(__e2e.host, widget, { slotShape, slotHeader: 'Host header' });
      driver.openLead('3412001');
      const slot = driver.slotElement;
      const content = driver.slotContent;
      const shown = {
        children: [...slot.children].map((c) => [c.className, c.textContent]),
        content: content.textContent,
        contentIsSlot: content === slot,
      };
      driver.destroy();
      shown.afterDestroy = [...slot.children].map((c) => [c.className, c.textContent]);
      shown.errors = driver.errors.length;
      shapes[slotShape] = shown;
    }
    return shapes;
  }, fresh(BUNDLES.hello));
  assert.deepEqual(result.content, {
    children: [
      ['widget-bar-item-header', 'Host header'],
      ['js-widget-bar-item-content', 'Hello world!'],
    ],
    content: 'Hello world!',
    contentIsSlot: false,
    afterDestroy: [
      ['widget-bar-item-header', 'Host header'],
      ['js-widget-bar-item-content', 'Hello world!'],
    ],
    errors: 0,
  });
  assert.deepEqual(result.element, { children: [], content: 'Hello world!', contentIsSlot: true, afterDestroy: [], errors: 0 });
  assert.deepEqual(lines(page, 'error'), []);
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});

test('the Rust hello and the JavaScript hello print the same lines', async () => {
  const page = await openCabinet(browser, server);
  await page.evaluate(
    async ([rustUrl, jsUrl]) => {
      for (const url of [rustUrl, jsUrl]) {
        const widget = await __e2e.load(url);
        const driver = __e2e.createDriver(__e2e.host, widget, { token: () => 'foo' });
        driver.openLead('3412001');
        driver.destroy();
      }
    },
    [BUNDLES.hello, BUNDLES.helloJs],
  );
  const warns = page.messages.filter((m) => m.type === 'warning').map((m) => [m.text, m.argc]);
  assert.equal(warns.length, 8);
  assert.deepEqual(warns.slice(0, 4), warns.slice(4));
  await page.close();
});

test('the shim tears the lead down before the next initLead when the host does not', async () => {
  const page = await openCabinet(browser, server);
  const stats = await page.evaluate(async (url) => {
    const w = await __e2e.load(url);
    w.initLead({ token: 'a' }); // destructor dropped on the floor
    w.initLead({ token: 'b' });
    const destroyB = w.initLead({ token: 'c' }) && null;
    return w.__amoStats();
  }, fresh(BUNDLES.probe));
  assert.deepEqual(probeLog(page), [
    'probe:init:a',
    'probe:init-destroyed:a',
    'probe:init:b',
    'probe:init-destroyed:b',
    'probe:init:c',
  ]);
  assert.equal(stats.pendingTeardowns, 1);
  await page.close();
});

test('a slot registered before initLead is rendered only after it', async () => {
  const page = await openCabinet(browser, server);
  const seen = await page.evaluate(async (url) => {
    const w = await __e2e.load(url);
    const el = __e2e.slot();
    const destroySlot = w.registerWidgetsBarSlot(el);
    const early = el.textContent;
    const destroyLead = w.initLead({ token: 'x' });
    const late = el.textContent;
    destroySlot();
    destroyLead();
    return { early, late };
  }, fresh(BUNDLES.probe));
  assert.deepEqual(seen, { early: '', late: 'probe x' });
  assert.deepEqual(probeLog(page), ['probe:init:x', 'probe:slot:x', 'probe:slot-destroyed:x', 'probe:init-destroyed:x']);
  await page.close();
});

test('destructors run once, in either order, however often they are called', async () => {
  const page = await openCabinet(browser, server);
  const stats = await page.evaluate(async (url) => {
    const w = await __e2e.load(url);
    let lead = w.initLead({ token: '1' });
    let slot = w.registerWidgetsBarSlot(__e2e.slot());
    lead(); // lead first ...
    slot();
    lead();
    slot();
    lead = w.initLead({ token: '2' });
    slot = w.registerWidgetsBarSlot(__e2e.slot());
    slot(); // ... then slot first
    slot();
    lead();
    lead();
    return w.__amoStats();
  }, fresh(BUNDLES.probe));
  assert.deepEqual(probeLog(page), [
    'probe:init:1',
    'probe:slot:1',
    'probe:init-destroyed:1',
    'probe:slot-destroyed:1',
    'probe:init:2',
    'probe:slot:2',
    'probe:slot-destroyed:2',
    'probe:init-destroyed:2',
  ]);
  assert.equal(stats.pendingTeardowns, 0);
  assert.equal(stats.subscriptions, 0);
  await page.close();
});

test('100 lead switches in one tick keep every guarantee', async () => {
  const page = await openCabinet(browser, server);
  const result = await page.evaluate(async (url) => {
    const w = await __e2e.load(url);
    const subsBefore = __e2e.host.liveSubscriptions();
    const el = __e2e.slot();
    let slot = null;
    for (let i = 0; i < 100; i++) {
      const lead = w.initLead({ token: 't' + i });
      if (slot) slot();
      slot = w.registerWidgetsBarSlot(el);
      // The host calls the lead destructor only on every third switch; the shim does the rest.
      if (i % 3 === 0) lead();
    }
    slot();
    const last = w.initLead({ token: 'end' });
    last();
    return { stats: w.__amoStats(), subs: __e2e.host.liveSubscriptions() - subsBefore };
  }, fresh(BUNDLES.probe));
  const log = probeLog(page).filter((l) => !l.startsWith('probe:lead-update'));
  // Each lead: initialised once, rendered once, both torn down once.
  const steps = new Map();
  for (const entry of log) {
    const [, step, token] = entry.split(':');
    if (!steps.has(token)) steps.set(token, []);
    steps.get(token).push(step);
  }
  for (let i = 0; i < 100; i++) {
    assert.deepEqual(
      [...steps.get('t' + i)].sort(),
      ['init', 'init-destroyed', 'slot', 'slot-destroyed'],
      `lead t${i}: ${steps.get('t' + i)}`,
    );
  }
  // Global order: every init comes after the previous lead's teardown.
  let live = null;
  for (const entry of log) {
    const [, step, token] = entry.split(':');
    if (step === 'init') {
      assert.equal(live, null, `initLead ${token} while ${live} was still initialised`);
      live = token;
    } else if (step === 'init-destroyed') {
      assert.equal(live, token);
      live = null;
    } else if (step === 'slot') {
      assert.equal(live, token, `slot for ${token} rendered while ${live} was initialised`);
    }
  }
  assert.equal(result.stats.pendingTeardowns, 0);
  assert.equal(result.subs, 0);
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});

test('bad input from the host gets a clear error and the widget keeps working', async () => {
  const page = await openCabinet(browser, server);
  const result = await page.evaluate(async (url) => {
    const w = await __e2e.load(url);
    const thrown = [];
    const attempt = (f) => {
      try {
        return f();
      } catch (e) {
        thrown.push(String(e));
        return null;
      }
    };
    const lead1 = attempt(() => w.initLead(undefined)); // no params at all
    const bad = attempt(() => w.registerWidgetsBarSlot(null)); // no element
    attempt(() => bad());
    attempt(() => lead1());
    const lead2 = attempt(() => w.initLead({ token: 42 })); // not a string
    const el = __e2e.slot();
    const slot = attempt(() => w.registerWidgetsBarSlot(el));
    const text = el.textContent;
    attempt(() => slot());
    attempt(() => lead2());
    return { thrown, text, stats: w.__amoStats() };
  }, fresh(BUNDLES.probe));
  assert.deepEqual(result.thrown, []);
  assert.equal(result.text, 'probe 42');
  assert.equal(result.stats.instances, 1, 'bad input is not a crash');
  assert.equal(result.stats.pendingTeardowns, 0);
  const errors = lines(page, 'error');
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(errors[0], /^amocrm widget probe-widget: registerWidgetsBarSlot: the host passed something that is not an element/);
  assert.deepEqual(probeLog(page), [
    'probe:init:',
    'probe:init-destroyed:',
    'probe:init:42',
    'probe:slot:42',
    'probe:slot-destroyed:42',
    'probe:init-destroyed:42',
  ]);
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});

test('a widget that cannot start logs why once, and starts on a later initLead after a pause', async () => {
  const page = await openCabinet(browser, server);
  const result = await page.evaluate(async (url) => {
    __e2e.host.breakMethod('initAmocrmWidgetSdk', new Error('sdk unavailable'));
    const w = await __e2e.load(url);
    const el = __e2e.slot();
    const lead1 = w.initLead({ token: 'early' });
    const slot = w.registerWidgetsBarSlot(el);
    const before = { text: el.textContent, stats: w.__amoStats() };
    lead1();
    __e2e.host.repair('initAmocrmWidgetSdk');
    // Too soon: the shim waits before trying to start again (500 ms after the first failure).
    const tooSoon = w.initLead({ token: 'too-soon' });
    const waiting = { text: el.textContent, stats: w.__amoStats() };
    tooSoon();
    await new Promise((resolve) => setTimeout(resolve, 600));
    const lead2 = w.initLead({ token: 'later' });
    const after = { text: el.textContent, stats: w.__amoStats() };
    slot();
    lead2();
    return { before, waiting, after };
  }, fresh(BUNDLES.probe));
  assert.equal(result.before.text, '');
  assert.equal(result.before.stats.live, false);
  assert.equal(result.waiting.stats.live, false);
  assert.equal(result.waiting.stats.instances, 1, 'no second attempt before the pause');
  assert.equal(result.after.text, 'probe later', 'the waiting slot is rendered once the widget runs');
  assert.equal(result.after.stats.live, true);
  const errors = lines(page, 'error');
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(errors[0], /^amocrm widget probe-widget: the widget could not start: .*sdk unavailable/);
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});

test('an error returned with ? is logged once with the crate name, and the host keeps working', async () => {
  const page = await openCabinet(browser, server);
  const result = await page.evaluate(async (url) => {
    const w = await __e2e.load(url);
    const subsBefore = __e2e.host.liveSubscriptions();
    const tokens = ['fail-init', 'fail-slot', 'ok'];
    const driver = __e2e.createDriver(__e2e.host, w, { token: () => tokens.shift() });
    driver.openLead('3412001');
    const failedInit = { text: driver.slotElement.textContent, subs: __e2e.host.liveSubscriptions() - subsBefore };
    driver.openLead('3412002');
    const failedSlot = { text: driver.slotElement.textContent };
    driver.openLead('3412001');
    const fine = { text: driver.slotElement.textContent };
    driver.destroy();
    return {
      failedInit, failedSlot, fine,
      thrown: driver.errors.map((e) => String(e.error)),
      subsAfter: __e2e.host.liveSubscriptions() - subsBefore,
      stats: w.__amoStats(),
    };
  }, fresh(BUNDLES.probe));
  assert.deepEqual(result.thrown, []);
  // The subscription made before the `?` was dropped with the error: nothing is left subscribed.
  assert.equal(result.failedInit.subs, 0);
  assert.equal(result.failedSlot.text, '', 'a failed slot renders nothing');
  assert.equal(result.fine.text, 'probe ok');
  assert.equal(result.subsAfter, 0);
  assert.equal(result.stats.instances, 1, 'an error is not a crash');
  assert.equal(result.stats.pendingTeardowns, 0);
  assert.deepEqual(lines(page, 'error'), [
    'amocrm widget probe-widget: init_lead failed: probe failed on demand in init_lead',
    'amocrm widget probe-widget: widgets_bar_slot failed: probe failed on demand in widgets_bar_slot',
  ]);
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});
