// personal_page.js: the requirejs module that connects the amoCRM client cabinet to a widget
// written in Rust (the amocrm-widget crate): the part of every bundle that does not depend on
// how the WebAssembly is loaded. The amocrm-widget-shim crate fills in the places marked
// `@amo-bundle:` (see js-shim/README.md): one of the two loaders (src/loaders/inline.js or
// split.js), the widget's wasm-bindgen glue, its host modules and its name. Everything stays
// inside the `define` factory, so nothing leaks into globals and any number of widgets (or copies
// of one) coexist.
//
// What the shim guarantees, whatever order the host calls things in and whatever it passes:
// - the lead teardown runs before the next initLead (the shim runs it if the host did not);
// - the slot is rendered only while a lead is initialised (a slot registered earlier waits);
// - destructors run their teardown once, in whatever order and however often they are called;
//   a slot whose element has left the document is torn down when the next slot or lead arrives;
// - calls are queued while the WebAssembly loads (split mode) or while a Rust callback runs;
// - nothing the host passes makes an entry point throw, and the shim never writes to host objects;
// - an exception that unwinds through the widget's Rust code (a panic, or a throwing host
//   function the widget called) is logged once, nothing is thrown into the host, the instance's
//   host subscriptions are released, and the next initLead starts a fresh instance from the same
//   compiled module (re-rendering the slots the crash took down);
// - a widget that cannot start is logged once and retried on later leads at most MAX_STARTS
//   times in all, with a growing pause between attempts.
define(['module', 'amocrm-sdk'].concat(/* @amo-bundle:deps */ []), function (module, initAmocrmWidgetSdk) {
  'use strict';

  var DEP_NAMES = /* @amo-bundle:dep-names */ [];
  var PREFIX = 'amocrm widget ' + /* @amo-bundle:crate */ 'widget' + ': ';
  var MAX_STARTS = 3;
  var START_PAUSE_MS = 500; // before the second attempt; doubled before each later one

  var modules = new Map();
  // Keyed as the widget's code asks for them (amocrm_widget_shim::module_key).
  for (var d = 0; d < DEP_NAMES.length; d++) modules.set('amo-module:' + DEP_NAMES[d] + ';', arguments[d + 2]);

  var compiled = null; // the WebAssembly.Module, compiled once per loaded script
  var broken = false; // the WebAssembly could not be loaded at all
  var loading = true; // no host call can run until this is false
  var draining = false;
  var queue = [];
  var inst = null; // the live instance, see spawn()
  var lead = null; // the current lead: { id, inst, done }
  var slots = []; // slots registered and not destroyed: { el, id, inst, rendered, done, seen }
  var spawned = 0;
  var failedStarts = 0;
  var nextStartAt = 0;

  // The loader (js-shim/src/loaders/inline.js or split.js, one of them in each bundle): gets the
  // module into `compiled` (then `loading = false` and `drain()`, or `fail(e)`), and defines
  // `spawn()`, which ensureInstance calls to make an instance. It runs here, after the state it
  // sets and before the functions (hoisted, so it may call them): the inline module's text then
  // comes before the glue, where the server's gzip compresses the bundle best.
  /* @amo-bundle:loader */

  // The wasm-bindgen glue, wrapped so each call makes an independent copy of its state: a fresh
  // instance after a crash needs fresh glue (the glue refuses to initialise twice).
  function createGlue(__amoWrapExports) {
    /* @amo-bundle:glue */ throw new Error('this personal_page.js was not built by amo-widget');
  }

  function noop() {}

  function logError(message, detail) {
    try {
      if (detail === undefined) console.error(PREFIX + message);
      else console.error(PREFIX + message, detail);
    } catch (e) {
      // A host that broke its own console must not take the widget down with it.
    }
  }

  function remove(list, item) {
    var at = list.indexOf(item);
    if (at >= 0) list.splice(at, 1);
  }

  // Host subscriptions, remembered per instance so that a crashed instance's can be released.
  // The Rust guard calls the returned function to unsubscribe; it runs the host's at most once.
  function trackerFor(rec) {
    return function track(unsubscribe) {
      var live = true;
      function release() {
        if (!live) return undefined;
        live = false;
        rec.subs.delete(release);
        return unsubscribe();
      }
      rec.subs.add(release);
      return release;
    };
  }

  // Every call into the instance goes through here. Anything thrown out of the WebAssembly — a
  // trap (a Rust panic under panic=abort) or a JavaScript exception that unwound through the
  // Rust frames and left their state half-changed — retires the instance instead of reaching
  // whoever called, host code included.
  function guardExports(rec, exports) {
    rec.raw = exports;
    var guarded = {};
    Object.keys(exports).forEach(function (name) {
      var f = exports[name];
      guarded[name] = typeof f !== 'function' ? f : function () {
        if (rec.dead) return undefined;
        try {
          return f.apply(this, arguments);
        } catch (e) {
          crash(rec, e);
          return undefined;
        }
      };
    });
    return guarded;
  }

  function describe(e) {
    try {
      return String(e);
    } catch (ignored) {
      return 'an exception that cannot be shown';
    }
  }

  function crash(rec, thrown) {
    if (rec.dead) return;
    rec.dead = true;
    if (rec.starting && failedStarts > 0) {
      // A start that panics again: the first attempt's message said it all.
    } else if (rec.panic) logError(rec.panic);
    else logError('the widget crashed (restarted on the next lead): ' + describe(thrown));
    rec.subs.forEach(function (release) {
      try {
        release();
      } catch (e) {
        logError('unsubscribing after the crash failed', e);
      }
    });
    if (inst === rec) inst = null;
    for (var i = 0; i < slots.length; i++) {
      if (slots[i].inst === rec) slots[i].rendered = false;
    }
  }

  function newRecord() {
    spawned++;
    return { glue: null, raw: null, dead: false, panic: null, subs: new Set() };
  }

  function start(rec) {
    var firstTry = failedStarts === 0;
    rec.starting = true;
    var ok = rec.glue.amoStart(initAmocrmWidgetSdk, modules, function report(kind, message) {
      if (kind === 'panic') rec.panic = message;
      else if (kind !== 'start') logError(message);
      else if (firstTry) logError(message + ' (retried on later leads, twice at most)');
    }, trackerFor(rec));
    rec.starting = false;
    if (ok === true && !rec.dead) {
      failedStarts = 0;
      return rec;
    }
    startFailed(rec);
    return rec;
  }

  function startFailed(rec) {
    rec.dead = true;
    failedStarts++;
    nextStartAt = Date.now() + START_PAUSE_MS * Math.pow(2, failedStarts - 1);
  }

  var READY = 1;
  var WAIT = 2; // an instance is being made asynchronously: keep the call queued
  var NONE = 3; // no instance for this call: the widget cannot start (yet)

  function ensureInstance() {
    if (inst && !inst.dead) return READY;
    if (failedStarts >= MAX_STARTS || (failedStarts > 0 && Date.now() < nextStartAt)) return NONE;
    return spawn(); // the loader's (below): READY or NONE at once inline, WAIT in split mode
  }

  function enqueue(op) {
    if (broken) return;
    queue.push(op);
    drain();
  }

  function drain() {
    if (draining) return;
    draining = true;
    try {
      while (queue.length && !loading) {
        var op = queue[0];
        if (op.needsInstance && ensureInstance() === WAIT) break;
        queue.shift();
        try {
          op.run();
        } catch (e) {
          logError('a widget callback failed', e);
        }
      }
    } finally {
      draining = false;
    }
  }

  function tearDownLead(rec) {
    if (rec.done) return;
    rec.done = true;
    if (rec.id && rec.inst && !rec.inst.dead) rec.inst.glue.amoTeardown(rec.id);
  }

  function leadIsLive() {
    return lead && !lead.done && lead.inst && !lead.inst.dead && lead.inst === inst;
  }

  function connected(el) {
    try {
      return el.isConnected;
    } catch (e) {
      return undefined;
    }
  }

  function render(slot) {
    if (slot.inst && slot.inst !== inst) {
      try {
        slot.el.textContent = ''; // left over from a crashed instance
      } catch (e) {
        // An element that refuses text is the widget's business once rendered.
      }
    }
    slot.inst = inst;
    slot.rendered = true;
    slot.seen = slot.seen || connected(slot.el) === true;
    slot.id = inst.glue.amoSlot(slot.el);
  }

  function tearDownSlot(slot) {
    if (slot.done) return;
    slot.done = true;
    remove(slots, slot);
    if (slot.rendered && slot.id && !slot.inst.dead) slot.inst.glue.amoTeardown(slot.id);
  }

  // A host may remove a slot's element without calling its destructor; the element and the
  // widget's teardown would stay alive for the page's lifetime.
  function sweepDetached() {
    for (var i = slots.length - 1; i >= 0; i--) {
      var slot = slots[i];
      var now = connected(slot.el);
      if (now === true) slot.seen = true;
      else if (now === false && slot.seen) tearDownSlot(slot);
    }
  }

  // `params.token` as a string, whatever the host passed (an early cabinet passed the bare token).
  function tokenOf(params) {
    try {
      var token = typeof params === 'string' ? params : params == null ? '' : params.token;
      if (typeof token === 'string') return token;
      return token == null ? '' : String(token);
    } catch (e) {
      return '';
    }
  }

  function isElement(el) {
    try {
      return el !== null && typeof el === 'object' && el.nodeType === 1;
    } catch (e) {
      return false;
    }
  }

  // The destructor an entry point hands the host: queued like every call, so it runs after the
  // calls before it.
  function destructor(tearDown, rec) {
    return function destroy() {
      enqueue({ run: function () { tearDown(rec); } });
    };
  }

  function initLead(params) {
    try {
      var rec = { id: 0, inst: null, done: false };
      var token = tokenOf(params);
      enqueue({
        needsInstance: true,
        run: function () {
          if (lead) tearDownLead(lead);
          lead = rec;
          sweepDetached();
          if (!inst || inst.dead) return;
          rec.inst = inst;
          rec.id = inst.glue.amoInitLead(token, params);
          for (var i = 0; i < slots.length && leadIsLive(); i++) {
            if (!slots[i].rendered) render(slots[i]);
          }
        },
      });
      return destructor(tearDownLead, rec);
    } catch (e) {
      logError('initLead failed', e);
      return noop;
    }
  }

  function registerWidgetsBarSlot(el) {
    try {
      if (!isElement(el)) {
        logError('registerWidgetsBarSlot: the host passed something that is not an element', el);
        return noop;
      }
      var slot = { el: el, id: 0, inst: null, rendered: false, done: false, seen: false };
      enqueue({
        run: function () {
          if (slot.done) return;
          sweepDetached();
          slots.push(slot);
          if (leadIsLive()) render(slot);
        },
      });
      return destructor(tearDownSlot, slot);
    } catch (e) {
      logError('registerWidgetsBarSlot failed', e);
      return noop;
    }
  }

  function fail(e) {
    broken = true;
    queue.length = 0;
    logError('the WebAssembly could not be loaded', e);
  }

  var api = { initLead: initLead, registerWidgetsBarSlot: registerWidgetsBarSlot };

  // Only in bundles built with --test-hooks (js-shim/src/test_hooks.js): our tests' leak counters.
  /* @amo-bundle:test-hooks */

  return api;
});
