// Whatever the plain-JavaScript widget survives, a Rust widget survives. Each case is a host that
// is sloppy or hostile in one way (support/hostile-host.js, not the emulation's happy path); it
// runs on a fresh page against the Rust widget and, in the same run, against the vendor's
// plain-JavaScript hello. A case the JavaScript widget also fails is reported as such; the Rust
// widget must hold every case.
//
// "Held" means: nothing thrown into the host's calls, no uncaught page error, and the widget
// renders its slot again (on the same or a later lead), plus what the case itself names.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launch, BUNDLES, requireBuilt, ROOT, BROWSER, CAN_FORCE_GC } from './support/harness.mjs';

const HOST_SCRIPT = fs.readFileSync(path.join(ROOT, 'tests/e2e/support/hostile-host.js'), 'utf8');
const TWELVE_HOUR = /inited at \d{1,2}:\d\d [AP]M$/;

let server;
let browser;
const table = [];

before(async () => {
  requireBuilt(BUNDLES.hello, BUNDLES.probe, BUNDLES.probeSplit, BUNDLES.helloJs);
  server = await startServer();
  browser = await launch(['--js-flags=--expose-gc']);
});

after(async () => {
  if (table.length) {
    console.log('\nhostile host: case, Rust widget, plain-JavaScript hello');
    for (const row of table) console.log(`  ${row.rust.padEnd(8)} ${row.js.padEnd(8)} ${row.name}`);
  }
  await browser?.close();
  await server?.close();
});

async function runOn(url, run) {
  const page = await browser.newPage();
  const messages = [];
  const pageErrors = [];
  page.on('console', (m) => messages.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(server.origin + '/hostile.html');
  await page.waitForFunction(() => window.__hostileReady === true);
  await page.addScriptTag({ content: HOST_SCRIPT });
  let result;
  try {
    result = await Promise.race([
      page.evaluate(run, url),
      new Promise((_, reject) => setTimeout(() => reject(new Error('the page stopped answering (10 s)')), 10_000)),
    ]);
  } catch (e) {
    result = { thrown: [], text: null, failed: String(e) };
  }
  await page.close().catch(() => {});
  const of = (type) => messages.filter((m) => m.type === type).map((m) => m.text);
  return { ...result, errors: of('error'), warnings: of('warning'), infos: of('info'), pageErrors };
}

/** The common part of "held", and the reason it did not hold. */
function common(r, expectText) {
  if (r.failed) return r.failed;
  if (r.thrown.length) return `threw into the host: ${r.thrown[0]}`;
  if (r.pageErrors.length) return `uncaught: ${r.pageErrors[0]}`;
  if (!expectText(r.text ?? '')) return `slot text ${JSON.stringify(r.text)}`;
  return null;
}

const HELLO = { url: BUNDLES.hello, text: (t) => t === 'Hello world!' };
const PROBE = { url: BUNDLES.probe, text: (t) => t.startsWith('probe') };
const PROBE_SPLIT = { url: BUNDLES.probeSplit, text: () => true };
const JS = { url: BUNDLES.helloJs, text: (t) => t === 'Hello world!' };

/**
 * One case: `run` executes in the page (it gets the widget URL), `check(r)` adds the case's own
 * condition (a reason string when it fails). `rust` is the Rust widget it runs on.
 */
function hostile(name, { rust = HELLO, run, check = () => null, text, needsGc = false }) {
  // A case that counts what a forced collection leaves needs `window.gc` (Chromium only).
  test(name, { skip: needsGc && !CAN_FORCE_GC && `needs a forced GC, which ${BROWSER} does not offer a page` }, async () => {
    const verdict = async (widget) => {
      const r = await runOn(widget.url, run);
      const why = common(r, text ?? widget.text) ?? check(r, widget === JS);
      return { r, why };
    };
    const ours = await verdict(rust);
    const theirs = await verdict(JS);
    table.push({ name, rust: ours.why ? 'FAILS' : 'holds', js: theirs.why ? 'fails' : 'holds' });
    if (theirs.why) console.log(`  (${name}: the plain-JS widget fails too: ${theirs.why})`);
    assert.equal(ours.why, null, `the Rust widget does not hold: ${ours.why}\n${JSON.stringify(ours.r, null, 1)}`);
  });
}

hostile('the SDK object and its methods are frozen', {
  run: async (url) => {
    H.defineSdk(() => Object.freeze({ methods: Object.freeze(H.methods()), constants: Object.freeze(H.CONSTANTS) }));
    const w = await H.load(url);
    H.open(w, 1);
    return H.report();
  },
  check: (r) => (r.warnings.some((l) => TWELVE_HOUR.test(l)) ? null : 'the account time format was not read'),
});

hostile('methods is a getter on a frozen SDK object', {
  run: async (url) => {
    const methods = Object.freeze(H.methods());
    H.defineSdk(() => Object.freeze({ get methods() { return methods; }, constants: H.CONSTANTS }));
    const w = await H.load(url);
    H.open(w, 1);
    return H.report();
  },
  check: (r) => (r.warnings.some((l) => TWELVE_HOUR.test(l)) ? null : 'the account time format was not read'),
});

hostile('the methods need their own this (a class with private fields)', {
  run: async (url) => {
    class Methods {
      #state;
      constructor(state) { this.#state = state; }
      getState(entity) { return this.#state[entity]; }
      subscribe() { this.#state.subscribed = true; return () => {}; }
      getRouterQuery() { return { leadId: String(this.#state.lead.id) }; }
    }
    const methods = new Methods(H.state);
    H.defineSdk(() => ({ methods, constants: H.CONSTANTS }));
    const w = await H.load(url);
    H.open(w, 1);
    return H.report();
  },
  check: (r) => (r.warnings.some((l) => TWELVE_HOUR.test(l)) ? null : 'getState did not reach the host'),
});

hostile("the host's console.warn throws once, inside initLead", {
  run: async (url) => {
    H.defineSdk(() => ({ methods: H.methods(), constants: H.CONSTANTS }));
    const w = await H.load(url);
    const warn = console.warn;
    let armed = true;
    console.warn = function () {
      if (armed) {
        armed = false;
        throw new Error('the host console broke');
      }
      return warn.apply(console, arguments);
    };
    H.open(w, 1);
    H.open(w, 2);
    return H.report({ armed });
  },
  check: (r) => (r.armed ? 'the throwing console.warn was never called' : null),
});

hostile('a DOM setter on the slot throws once', {
  run: async (url) => {
    H.defineSdk(() => ({ methods: H.methods(), constants: H.CONSTANTS }));
    const w = await H.load(url);
    const real = Object.getOwnPropertyDescriptor(Node.prototype, 'textContent');
    let armed = true;
    Object.defineProperty(Node.prototype, 'textContent', {
      configurable: true,
      get() { return real.get.call(this); },
      set(v) {
        if (armed && this.classList && this.classList.contains('js-widget-bar-item-container')) {
          armed = false;
          throw new Error('the host made the slot read-only');
        }
        real.set.call(this, v);
      },
    });
    H.open(w, 1);
    H.open(w, 2);
    return H.report({ armed });
  },
  check: (r) => (r.armed ? 'the throwing setter was never called' : null),
});

hostile('tokens with no usable string conversion', {
  run: async (url) => {
    H.defineSdk(() => ({ methods: H.methods(), constants: H.CONSTANTS }));
    const w = await H.load(url);
    H.open(w, 1, { token: Object.create(null) });
    H.open(w, 2, { token: { toString() { throw new Error('no string for you'); } } });
    H.open(w, 3, { token: Symbol('token') });
    return H.report();
  },
});

hostile('a params object whose token getter throws', {
  run: async (url) => {
    H.defineSdk(() => ({ methods: H.methods(), constants: H.CONSTANTS }));
    const w = await H.load(url);
    H.open(w, 1, { get token() { throw new Error('token getter broke'); } });
    return H.report();
  },
});

hostile('initLead with no params, null, and the bare token string', {
  run: async (url) => {
    H.defineSdk(() => ({ methods: H.methods(), constants: H.CONSTANTS }));
    const w = await H.load(url);
    H.destroyLead = H.call(w.initLead);
    H.open(w, 2, null);
    H.open(w, 3, 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln');
    return H.report();
  },
  check: (r, isJs) =>
    isJs || r.warnings.some((l) => l.includes('eyJhbGciOiJIUzI1NiJ9.e30.c2ln')) ? null : 'the bare token was not read',
});

hostile('a slot element made by a same-origin iframe', {
  run: async (url) => {
    H.defineSdk(() => ({ methods: H.methods(), constants: H.CONSTANTS }));
    const w = await H.load(url);
    const frame = document.createElement('iframe');
    document.body.appendChild(frame);
    H.call(w.initLead, { token: 'x' });
    const el = H.slot(frame.contentDocument);
    H.call(w.registerWidgetsBarSlot, el);
    H.lastSlot = el;
    return H.report();
  },
});

hostile('slots that are not elements, then a real one', {
  run: async (url) => {
    H.defineSdk(() => ({ methods: H.methods(), constants: H.CONSTANTS }));
    const w = await H.load(url);
    H.call(w.initLead, { token: 'x' });
    for (const bogus of [null, undefined, 42, 'div', {}, document.createTextNode('t')]) {
      H.call(w.registerWidgetsBarSlot, bogus);
    }
    const el = H.slot();
    H.call(w.registerWidgetsBarSlot, el);
    H.lastSlot = el;
    return H.report();
  },
});

hostile('300 slots removed from the page without their destructors are released', {
  needsGc: true,
  run: async (url) => {
    H.defineSdk(() => ({ methods: H.methods(), constants: H.CONSTANTS }));
    const w = await H.load(url);
    const refs = [];
    for (let i = 0; i < 300; i++) {
      H.call(w.initLead, { token: 't' + i });
      const el = H.slot();
      H.call(w.registerWidgetsBarSlot, el);
      el.remove();
      refs.push(new WeakRef(el));
    }
    H.slots.length = 0;
    H.lastSlot = H.slot();
    H.call(w.initLead, { token: 'last' });
    H.call(w.registerWidgetsBarSlot, H.lastSlot);
    for (let i = 0; i < 5; i++) {
      await H.tick();
      window.gc();
    }
    return H.report({ alive: refs.filter((r) => r.deref() !== undefined).length });
  },
  check: (r) => (r.alive <= 1 ? null : `${r.alive} of 300 removed slot elements still alive after GC`),
});

hostile('the SDK factory throws: 1,000 leads', {
  run: async (url) => {
    H.defineSdk(() => {
      throw new Error('initAmocrmWidgetSdk is broken');
    });
    let w;
    try {
      w = await H.load(url);
    } catch (e) {
      H.thrown.push('the module did not load: ' + e.message);
      return H.report();
    }
    const t0 = performance.now();
    for (let i = 0; i < 1000; i++) H.open(w, i);
    const ms = performance.now() - t0;
    return H.report({ ms, stats: w.__amoStats && w.__amoStats() });
  },
  check: (r) => {
    if (r.errors.length !== 1) return `${r.errors.length} error lines, not 1`;
    if (!r.errors[0].includes('amocrm widget hello: the widget could not start')) return `logged ${r.errors[0]}`;
    if (r.stats.instances > 3) return `${r.stats.instances} instances`;
    console.log(`  (SDK factory throws: 1,000 leads took ${r.ms.toFixed(1)} ms, ${r.stats.instances} instances)`);
    return null;
  },
  // The widget cannot render; what counts is that the host is unharmed and hears of it once.
  text: () => true,
});

hostile('the SDK factory throws, split mode: 1,000 leads and the page keeps answering', {
  rust: PROBE_SPLIT,
  run: async (url) => {
    H.defineSdk(() => {
      throw new Error('initAmocrmWidgetSdk is broken');
    });
    let w;
    try {
      w = await H.load(url);
    } catch (e) {
      H.thrown.push('the module did not load: ' + e.message);
      return H.report();
    }
    for (let i = 0; i < 1000; i++) H.open(w, i);
    // The .wasm compiles asynchronously; then every queued call runs (or is dropped) without
    // looping: the page answers timers meanwhile and afterwards.
    const t0 = performance.now();
    while (w.__amoStats && w.__amoStats().queued > 0) await H.tick();
    for (let i = 0; i < 20; i++) await H.tick();
    return H.report({ ticks: performance.now() - t0, stats: w.__amoStats && w.__amoStats() });
  },
  check: (r) => {
    if (r.errors.length !== 1) return `${r.errors.length} error lines, not 1`;
    if (r.stats.instances > 3) return `${r.stats.instances} instances`;
    return null;
  },
  text: () => true,
});

hostile('a subscription callback called after its unsubscribe', {
  rust: PROBE,
  run: async (url) => {
    H.defineSdk(() => ({ methods: H.methods(), constants: H.CONSTANTS }));
    const w = await H.load(url);
    H.open(w, 1);
    H.open(w, 2); // lead 1's subscription ended
    // A host that snapshotted its listeners before notifying: every callback it ever got.
    for (const entry of H.callbacks) H.call(entry.callback, H.lead(3));
    return H.report({ callbacks: H.callbacks.length });
  },
  check: (r, isJs) => (isJs || r.callbacks >= 2 ? (r.errors.length ? r.errors[0] : null) : 'nothing subscribed'),
});

hostile('notifications queued in microtasks during a lead switch', {
  rust: PROBE,
  run: async (url) => {
    H.defineSdk(() => {
      const methods = H.methods();
      const subscribe = methods.subscribe;
      // Notifies in a microtask batch, like a store that defers its listeners.
      methods.subscribe = (entity, callback, options) =>
        subscribe(entity, (value) => queueMicrotask(() => H.call(callback, value)), options);
      return { methods, constants: H.CONSTANTS };
    });
    const w = await H.load(url);
    H.open(w, 1);
    H.setState('lead', H.lead(11));
    H.open(w, 2);
    H.setState('lead', H.lead(12));
    H.open(w, 3);
    await H.tick();
    return H.report();
  },
  check: (r) => (r.errors.length ? r.errors[0] : null),
});

hostile('a notification re-entered from a host function the callback calls', {
  rust: PROBE,
  run: async (url) => {
    H.defineSdk(() => ({ methods: H.methods(), constants: H.CONSTANTS }));
    const w = await H.load(url);
    H.open(w, 1);
    const info = console.info;
    let depth = 0;
    console.info = function (line) {
      info.apply(console, arguments);
      // The host's logger notifies again, from inside the widget's callback.
      if (String(line).startsWith('probe:lead-update') && depth++ < 2) H.setState('lead', H.lead(1));
    };
    H.setState('lead', H.lead(1));
    console.info = info;
    return H.report();
  },
  check: (r, isJs) => {
    if (r.errors.length) return r.errors[0];
    const updates = r.infos.filter((l) => l.startsWith('probe:lead-update')).length;
    return isJs || updates === 3 ? null : `${updates} updates delivered, not 3`;
  },
});

hostile('subscribe returns no unsubscribe function, then throws', {
  rust: PROBE,
  run: async (url) => {
    let calls = 0;
    H.defineSdk(() => {
      const methods = H.methods();
      methods.subscribe = () => {
        if (++calls > 1) throw new Error('subscribe is down');
        return 'not a function';
      };
      return { methods, constants: H.CONSTANTS };
    });
    const w = await H.load(url);
    H.open(w, 1);
    H.open(w, 2);
    return H.report();
  },
  check: (r, isJs) => {
    if (isJs) return null;
    const reported = r.errors.filter((l) => l.startsWith('amocrm widget probe-widget: init_lead failed:'));
    return reported.length === 2 ? null : `errors: ${JSON.stringify(r.errors)}`;
  },
});

hostile('getState returns null, then garbage', {
  run: async (url) => {
    let n = 0;
    H.defineSdk(() => {
      const methods = H.methods();
      methods.getState = () => [null, 42, 'sys', []][n++ % 4];
      return { methods, constants: H.CONSTANTS };
    });
    const w = await H.load(url);
    for (let i = 1; i <= 4; i++) H.open(w, i);
    return H.report();
  },
});

hostile('destructors called repeatedly, out of order, with any this', {
  run: async (url) => {
    H.defineSdk(() => ({ methods: H.methods(), constants: H.CONSTANTS }));
    const w = await H.load(url);
    const leadDestroy = H.call(w.initLead, { token: 'a' });
    const el = H.slot();
    const slotDestroy = H.call(w.registerWidgetsBarSlot, el);
    for (const self of [null, {}, w]) {
      H.call(() => leadDestroy.call(self));
      H.call(() => slotDestroy.call(self));
    }
    H.open(w, 2);
    return H.report();
  },
  check: (r) => {
    const once = (what) => r.warnings.filter((l) => l === `WIDGET: ${what} destroyed`).length;
    return once('initLead') === 1 && once('registerWidgetsBarSlot') === 1
      ? null
      : `teardowns ran ${once('initLead')} and ${once('registerWidgetsBarSlot')} times`;
  },
});

hostile('lifecycle calls made from inside a widget callback', {
  run: async (url) => {
    H.defineSdk(() => ({ methods: H.methods(), constants: H.CONSTANTS }));
    const w = await H.load(url);
    const warn = console.warn;
    let nested = false;
    console.warn = function () {
      warn.apply(console, arguments);
      if (!nested) {
        nested = true;
        // The host reacts to the widget's log line by switching leads, re-entrantly.
        H.open(w, 2);
      }
    };
    H.open(w, 1);
    console.warn = warn;
    return H.report();
  },
});

hostile('Object.prototype is polluted', {
  run: async (url) => {
    Object.prototype.token = 'polluted';
    Object.prototype.version = '0.0.0';
    Object.prototype.withInitialResult = true;
    H.defineSdk((options) => {
      if (!Object.prototype.hasOwnProperty.call(options, 'version')) throw new Error('no version');
      return { methods: H.methods(), constants: H.CONSTANTS };
    });
    try {
      const w = await H.load(url);
      H.open(w, 1);
      H.open(w, 2, {});
      return H.report();
    } finally {
      delete Object.prototype.token;
      delete Object.prototype.version;
      delete Object.prototype.withInitialResult;
    }
  },
});

hostile("a crash while the host's console.error throws too", {
  run: async (url) => {
    H.defineSdk(() => ({ methods: H.methods(), constants: H.CONSTANTS }));
    const w = await H.load(url);
    const warn = console.warn;
    const error = console.error;
    let armed = true;
    console.error = () => {
      throw new Error('console.error is broken as well');
    };
    console.warn = function () {
      if (armed) {
        armed = false;
        throw new Error('the host console broke');
      }
      return warn.apply(console, arguments);
    };
    H.open(w, 1);
    H.open(w, 2);
    console.error = error;
    return H.report();
  },
});
