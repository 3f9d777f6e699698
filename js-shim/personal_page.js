// personal_page.js: the requirejs module that connects the amoCRM client cabinet to a widget
// written in Rust (the amocrm-widget crate). `amo-widget build` fills in the marked places with
// the widget's wasm-bindgen glue and its WebAssembly; everything stays inside the `define`
// factory, so nothing leaks into globals and any number of widgets (or copies of one) coexist.
//
// What the shim guarantees, whatever order the host calls things in:
// - the lead teardown runs before the next initLead (the shim runs it if the host did not);
// - the slot is rendered only while a lead is initialised (a slot registered earlier waits);
// - destructors run their teardown once, in whatever order and however often they are called;
// - calls are queued while the WebAssembly loads (split mode) or while a Rust callback runs;
// - a panic is logged once with the Rust message, nothing is thrown into the host, the host
//   subscriptions of the dead instance are released, and the next initLead starts a fresh
//   instance from the same compiled module (re-rendering the slots the panic took down).
define(['module', 'amocrm-sdk'].concat(/* @amo-bundle:deps */ []), function (module, initAmocrmWidgetSdk) {
  'use strict';

  var DEP_NAMES = /* @amo-bundle:deps */ [];
  var WASM_TEXT = /* @amo-bundle:wasm-text */ ''; // the module as byte text, see fromText
  var WASM_ORDER = /* @amo-bundle:wasm-order */ ''; // hex of the bytes with one-character codes
  var WASM_BASE64 = /* @amo-bundle:wasm-base64 */ ''; // the module, base64
  var WASM_SIZE = /* @amo-bundle:wasm-size */ 0; // if not 0, WASM_BASE64 is its raw DEFLATE
  var WASM_FILE = /* @amo-bundle:wasm-file */ '';
  var PREFIX = 'amocrm widget: ';

  // The wasm-bindgen glue, wrapped so each call makes an independent copy of its state: a fresh
  // instance after a panic needs fresh glue (the glue refuses to initialise twice).
  function createGlue(__amoWrapExports) {
    /* @amo-bundle:glue */ throw new Error('this personal_page.js was not built by amo-widget');
  }

  var modules = new Map();
  for (var d = 0; d < DEP_NAMES.length; d++) modules.set(DEP_NAMES[d], arguments[d + 2]);

  var compiled = null; // the WebAssembly.Module, compiled once per loaded script
  var broken = false; // the WebAssembly could not be loaded at all
  var loading = true; // no host call can run until this is false
  var draining = false;
  var queue = [];
  var inst = null; // the live instance, see spawn()
  var lead = null; // the current lead: { id, inst, done }
  var slots = []; // slots registered and not destroyed: { el, id, inst, rendered, done }
  var spawned = 0;

  function logError(message, detail) {
    if (detail === undefined) console.error(PREFIX + message);
    else console.error(PREFIX + message, detail);
  }

  function remove(list, item) {
    var at = list.indexOf(item);
    if (at >= 0) list.splice(at, 1);
  }

  // The SDK as the Rust side sees it: the host's, except that subscriptions are remembered per
  // instance so a panicked instance can release them.
  function sdkFor(rec) {
    return function (options) {
      var real = initAmocrmWidgetSdk(options);
      if (!real || !real.methods || typeof real.methods.subscribe !== 'function') return real;
      var methods = Object.create(real.methods);
      methods.subscribe = function () {
        var unsubscribe = real.methods.subscribe.apply(real.methods, arguments);
        if (typeof unsubscribe !== 'function') return unsubscribe;
        var live = true;
        var release = function () {
          if (!live) return undefined;
          live = false;
          rec.subs.delete(release);
          return unsubscribe.apply(this, arguments);
        };
        rec.subs.add(release);
        return release;
      };
      var sdk = Object.create(real);
      sdk.methods = methods;
      return sdk;
    };
  }

  // Every call into the instance goes through here: a trap (a Rust panic under panic=abort)
  // retires the instance instead of unwinding into whoever called, host code included.
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
          if (e instanceof WebAssembly.RuntimeError) {
            poison(rec, e);
            return undefined;
          }
          throw e;
        }
      };
    });
    return guarded;
  }

  function poison(rec, trap) {
    if (rec.dead) return;
    rec.dead = true;
    logError(rec.panic || 'the widget crashed: ' + trap);
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
    var ok = rec.glue.amoStart(sdkFor(rec), modules, function (kind, message) {
      if (kind === 'panic') rec.panic = message;
      else logError(message);
    });
    if (!ok) rec.dead = true;
    return rec;
  }

  function spawnSync() {
    var rec = newRecord();
    rec.glue = createGlue(function (exports) { return guardExports(rec, exports); });
    try {
      rec.glue.initSync({ module: compiled });
    } catch (e) {
      rec.dead = true;
      logError('the WebAssembly could not be instantiated', e);
      return rec;
    }
    return rec.dead ? rec : start(rec);
  }

  // Chromium refuses synchronous instantiation of big modules, so split mode stays async.
  function spawnAsync() {
    var rec = newRecord();
    rec.glue = createGlue(function (exports) { return guardExports(rec, exports); });
    return rec.glue({ module_or_path: compiled }).then(
      function () { return rec.dead ? rec : start(rec); },
      function (e) {
        rec.dead = true;
        logError('the WebAssembly could not be instantiated', e);
        return rec;
      }
    );
  }

  // Makes sure a live instance exists before an initLead; false while one is being made.
  function ensureInstance() {
    if (inst && !inst.dead) return true;
    if (!WASM_FILE) {
      inst = spawnSync();
      return true;
    }
    loading = true;
    spawnAsync().then(function (rec) {
      inst = rec;
      loading = false;
      drain();
    });
    return false;
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
        if (op.needsInstance && !ensureInstance()) break;
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

  function render(slot) {
    if (slot.inst && slot.inst !== inst) slot.el.textContent = ''; // left over from a crash
    slot.inst = inst;
    slot.rendered = true;
    slot.id = inst.glue.amoSlot(slot.el);
  }

  function initLead(params) {
    var rec = { id: 0, inst: null, done: false };
    var token = params == null || params.token == null ? '' : String(params.token);
    enqueue({
      needsInstance: true,
      run: function () {
        if (lead) tearDownLead(lead);
        lead = rec;
        if (!inst || inst.dead) return;
        rec.inst = inst;
        rec.id = inst.glue.amoInitLead(token, params);
        for (var i = 0; i < slots.length && leadIsLive(); i++) {
          if (!slots[i].rendered) render(slots[i]);
        }
      },
    });
    return function destroyLead() {
      enqueue({ run: function () { tearDownLead(rec); } });
    };
  }

  function registerWidgetsBarSlot(el) {
    var slot = { el: el, id: 0, inst: null, rendered: false, done: false };
    enqueue({
      run: function () {
        if (slot.done) return;
        slots.push(slot);
        if (leadIsLive()) render(slot);
      },
    });
    return function destroySlot() {
      enqueue({
        run: function () {
          if (slot.done) return;
          slot.done = true;
          remove(slots, slot);
          if (slot.rendered && slot.id && !slot.inst.dead) slot.inst.glue.amoTeardown(slot.id);
        },
      });
    };
  }

  // Leak checks in the test suite read these; the host never does.
  function stats() {
    var live = inst && !inst.dead ? inst : null;
    var refs = null;
    var table = live && live.raw && live.raw.__wbindgen_externrefs;
    if (table) {
      refs = 0;
      for (var i = 1028; i < table.length; i++) if (table.get(i) != null) refs++;
    }
    return {
      instances: spawned,
      live: !!live,
      pendingTeardowns: live ? live.glue.amoPending() : 0,
      subscriptions: live ? live.subs.size : 0,
      externrefs: refs,
      wasmMemoryBytes: live && live.raw.memory ? live.raw.memory.buffer.byteLength : 0,
      queued: queue.length,
      slots: slots.length,
    };
  }

  function fail(e) {
    broken = true;
    queue.length = 0;
    logError('the WebAssembly could not be loaded', e);
  }

  // The inline module as text (amo-widget's byte_text): one character for each of the most
  // frequent bytes, two for the rest, always the same ones, so the module's repeats survive and
  // the server's gzip compresses the text about as well as the binary (base64 would not let it).
  // Printable ASCII without ' and \; the last two characters prefix the two-character codes.
  function fromText(text, order) {
    var alphabet = [];
    var position = new Int16Array(128);
    for (var c = 32; c < 127; c++) {
      if (c !== 39 && c !== 92) {
        position[c] = alphabet.length;
        alphabet.push(c);
      }
    }
    var size = alphabet.length;
    var singles = size - 2;
    var ranked = [];
    var seen = new Uint8Array(256);
    for (var i = 0; i < order.length; i += 2) {
      var r = parseInt(order.substr(i, 2), 16);
      ranked.push(r);
      seen[r] = 1;
    }
    for (var v = 0; v < 256; v++) if (!seen[v]) ranked.push(v);
    var out = new Uint8Array(text.length);
    var n = 0;
    for (var j = 0; j < text.length; j++) {
      var p = position[text.charCodeAt(j)];
      out[n++] = p < singles ? ranked[p] : ranked[singles + (p - singles) * size + position[text.charCodeAt(++j)]];
    }
    return out.subarray(0, n);
  }

  // @amo-bundle:inflate-begin (left out of bundles that do not deflate the module)
  // RFC 1951 inflate, synchronous (DecompressionStream is not), for --compress bundles: the
  // smallest file where the server does not gzip.
  function inflate(src, size) {
    var out = new Uint8Array(size);
    var at = 0;
    var ip = 0;
    var buf = 0;
    var cnt = 0;
    var LBASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
    var LEXT = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
    var DBASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
    var ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
    function bits(n) {
      while (cnt < n) {
        if (ip >= src.length) throw new Error('truncated WebAssembly');
        buf |= src[ip++] << cnt;
        cnt += 8;
      }
      var v = buf & ((1 << n) - 1);
      buf >>>= n;
      cnt -= n;
      return v;
    }
    function table(lengths) {
      var count = new Uint16Array(16);
      var offs = new Uint16Array(16);
      var syms = new Uint16Array(lengths.length);
      var i;
      for (i = 0; i < lengths.length; i++) count[lengths[i]]++;
      count[0] = 0;
      for (i = 1; i < 16; i++) offs[i] = offs[i - 1] + count[i - 1];
      for (i = 0; i < lengths.length; i++) if (lengths[i]) syms[offs[lengths[i]]++] = i;
      // Codes up to 10 bits decode with one lookup (bit-reversed: DEFLATE sends them MSB first).
      var fast = new Uint16Array(1024);
      for (var len = 1, code = 0, k = 0; len <= 10; len++, code <<= 1) {
        for (var c = 0; c < count[len]; c++, code++) {
          for (var rev = 0, j = 0; j < len; j++) rev = (rev << 1) | ((code >> j) & 1);
          for (j = rev; j < 1024; j += 1 << len) fast[j] = (syms[k] << 4) | len;
          k++;
        }
      }
      return [count, syms, fast];
    }
    function decode(t) {
      while (cnt < 10 && ip < src.length) {
        buf |= src[ip++] << cnt;
        cnt += 8;
      }
      var hit = cnt >= 10 ? t[2][buf & 1023] : 0;
      if (hit) {
        buf >>>= hit & 15;
        cnt -= hit & 15;
        return hit >> 4;
      }
      var code = 0;
      var first = 0;
      var index = 0;
      for (var len = 1; len < 16; len++) {
        code |= bits(1);
        var n = t[0][len];
        if (code - n < first) return t[1][index + code - first];
        index += n;
        first = (first + n) << 1;
        code <<= 1;
      }
      throw new Error('corrupt WebAssembly');
    }
    var last;
    do {
      last = bits(1);
      var type = bits(2);
      var i;
      if (type === 0) {
        buf = cnt = 0;
        var len = src[ip] | (src[ip + 1] << 8);
        ip += 4;
        out.set(src.subarray(ip, ip + len), at);
        ip += len;
        at += len;
        continue;
      }
      var lit;
      var dist;
      if (type === 1) {
        var l = [];
        for (i = 0; i < 288; i++) l[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
        lit = table(l);
        for (i = 0, l = []; i < 30; i++) l[i] = 5;
        dist = table(l);
      } else {
        var nlit = bits(5) + 257;
        var ndist = bits(5) + 1;
        var ncode = bits(4) + 4;
        var lengths = new Uint8Array(19);
        for (i = 0; i < ncode; i++) lengths[ORDER[i]] = bits(3);
        var lens = table(lengths);
        var all = new Uint8Array(nlit + ndist);
        for (i = 0; i < nlit + ndist; ) {
          var sym = decode(lens);
          if (sym < 16) all[i++] = sym;
          else {
            var fill = sym === 16 ? all[i - 1] : 0;
            var rep = sym === 16 ? 3 + bits(2) : sym === 17 ? 3 + bits(3) : 11 + bits(7);
            while (rep--) all[i++] = fill;
          }
        }
        lit = table(all.subarray(0, nlit));
        dist = table(all.subarray(nlit));
      }
      var fastLit = lit[2];
      for (;;) {
        // The literal/length lookup inlined: this loop runs once per symbol, mostly cold.
        if (cnt < 10 && ip + 2 < src.length) {
          buf |= (src[ip] << cnt) | (src[ip + 1] << (cnt + 8));
          ip += 2;
          cnt += 16;
        }
        var hit = cnt >= 10 ? fastLit[buf & 1023] : 0;
        var s;
        if (hit) {
          buf >>>= hit & 15;
          cnt -= hit & 15;
          s = hit >> 4;
        } else {
          s = decode(lit);
        }
        if (s < 256) out[at++] = s;
        else if (s === 256) break;
        else {
          s -= 257;
          var n = LBASE[s] + (LEXT[s] ? bits(LEXT[s]) : 0);
          var d = decode(dist);
          var back = DBASE[d] + (d < 4 ? 0 : bits((d >> 1) - 1));
          if (back >= n) {
            out.copyWithin(at, at - back, at - back + n);
            at += n;
          } else {
            for (var from = at - back; n--; ) out[at++] = out[from++];
          }
        }
      }
    } while (!last);
    if (at !== size) throw new Error('corrupt WebAssembly');
    return out;
  }
  // @amo-bundle:inflate-end

  if (!WASM_FILE) {
    try {
      var packed;
      if (WASM_TEXT) {
        packed = fromText(WASM_TEXT, WASM_ORDER);
      } else {
        var text = atob(WASM_BASE64);
        packed = new Uint8Array(text.length);
        for (var b = 0; b < text.length; b++) packed[b] = text.charCodeAt(b);
      }
      compiled = new WebAssembly.Module(WASM_SIZE ? inflate(packed, WASM_SIZE) : packed);
      loading = false;
    } catch (e) {
      fail(e);
    }
  } else {
    var base = module && module.uri ? new URL(module.uri, location.href) : location.href;
    var url = new URL(WASM_FILE, base);
    var fallback = function () {
      return fetch(url)
        .then(function (r) {
          if (!r.ok) throw new Error('HTTP ' + r.status + ' for ' + url);
          return r.arrayBuffer();
        })
        .then(function (buf) { return WebAssembly.compile(buf); });
    };
    (typeof WebAssembly.compileStreaming === 'function'
      ? WebAssembly.compileStreaming(fetch(url)).catch(fallback)
      : fallback()
    ).then(
      function (m) {
        compiled = m;
        loading = false;
        drain();
      },
      fail
    );
  }

  var api = { initLead: initLead, registerWidgetsBarSlot: registerWidgetsBarSlot };
  Object.defineProperty(api, '__amoStats', { value: stats });
  return api;
});
