// The browser half of the test kit: the real requirejs, the one host emulation (loaded from its
// text as an ES module), the widget's personal_page.js through requirejs, the host's lifecycle
// driver, and the recorders the leak checks read. The Rust half (lib.rs) owns the API.

const blobUrls = new Map(); // what a text is loaded as, made once per page
let hostModule = null;
let contexts = 0;

function blobUrl(key, text) {
  let url = blobUrls.get(key);
  if (!url) {
    url = URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
    blobUrls.set(key, url);
  }
  return url;
}

function describe(value) {
  try {
    if (typeof value === 'string') return value;
    if (value instanceof Error) return String(value);
    if (value === undefined) return 'undefined';
    if (typeof value === 'function') return String(value);
    const json = JSON.stringify(value);
    return json === undefined ? String(value) : json;
  } catch (e) {
    try {
      return String(value);
    } catch (ignored) {
      return '[a value that cannot be shown]';
    }
  }
}

export function describeValue(value) {
  return describe(value);
}

/** Installs requirejs once per page (its globals `requirejs`, `require`, `define`). */
export function installRequirejs(source) {
  if (typeof globalThis.requirejs !== 'function') (0, eval)(source);
  if (typeof globalThis.requirejs !== 'function' || typeof globalThis.define !== 'function') {
    throw new Error('requirejs did not install');
  }
}

/** The host emulation's ES module, imported once per page from its text. */
export function loadHost(source) {
  if (!hostModule) hostModule = import(blobUrl('amocrm-host.js', source));
  return hostModule;
}

/**
 * A host over `state` and a requirejs context of its own that provides the host's modules:
 * `amocrm-sdk` and `import-modules` from the emulation, the npm files (`vendor`: [id, text]
 * pairs) by blob URL, and the modules that are one export of another (`aliases`: [id, of,
 * export] triples, amocrm_host_modules::ALIASES: `immer.produce`/`immer.current`).
 */
export function createCabinet(ns, state, routerQuery, vendor, aliases) {
  const options = {};
  if (state !== undefined && state !== null) options.state = state;
  if (routerQuery !== undefined && routerQuery !== null) options.routerQuery = routerQuery;
  const host = ns.createHost(options);
  const context = 'amocrm-testkit-' + ++contexts;
  const paths = {};
  for (const [id, text] of vendor) paths[id] = blobUrl('vendor:' + id, text);
  const req = globalThis.requirejs.config({ context, paths, waitSeconds: 20 });
  // Named defines wait in requirejs's global queue until the next require of a context takes
  // them: the one below, right away, so they land in this context.
  host.registerModules(globalThis.define, req);
  for (const [id, of, name] of aliases) globalThis.define(id, [of], (value) => value[name]);
  const container = document.createElement('div');
  container.className = ns.CONSTANTS.GLOBAL_CLASS_NAMES.widgetsBar;
  container.dataset.amocrmTestkit = context;
  document.body.appendChild(container);
  const cabinet = { ns, host, context, req, container, mounts: 0 };
  return new Promise((resolve, reject) => req(['amocrm-sdk'], () => resolve(cabinet), reject));
}

export function removeCabinet(cabinet) {
  cabinet.container.remove();
}

export function fixtureLead(cabinet, id) {
  const lead = cabinet.ns.FIXTURES.leads[id];
  return lead === undefined ? null : JSON.parse(JSON.stringify(lead));
}

export function fixtureLeadIds(cabinet) {
  return Object.keys(cabinet.ns.FIXTURES.leads);
}

/**
 * The glue the shim's `createGlue` returns: the widget's exports (wasm-bindgen closures calling
 * the SDK's lifecycle runtime) through the shim's guard, and an `initSync` with nothing to do
 * (the widget is already running in the test's own WebAssembly instance). What a call throws is
 * remembered (a trap leaves the shared instance unusable) and rethrown for the shim to handle.
 */
export function makeGlue(fns) {
  const state = { thrown: null };
  function createGlue(wrapExports) {
    const exports = {};
    for (const name of Object.keys(fns)) {
      const f = fns[name];
      exports[name] = function () {
        try {
          return f.apply(null, arguments);
        } catch (e) {
          if (state.thrown === null) state.thrown = describe(e);
          throw e;
        }
      };
    }
    const glue = wrapExports(exports);
    glue.initSync = function () {};
    return glue;
  }
  return { createGlue, state };
}

export function glueThrown(glue) {
  return glue.state.thrown;
}

/** Loads the filled personal_page.js as a fresh module of the cabinet's context. */
export function loadWidget(cabinet, shim, glue) {
  const id = 'amocrm-testkit-widget-' + ++cabinet.mounts;
  const config = {};
  config[id] = { amoTestkitGlue: glue.createGlue };
  // A URL of its own each time: requirejs fetches a URL once per context.
  const url = URL.createObjectURL(new Blob([shim], { type: 'text/javascript' }));
  const paths = {};
  paths[id] = url;
  cabinet.req = globalThis.requirejs.config({ context: cabinet.context, paths, config });
  return new Promise((resolve, reject) =>
    cabinet.req(
      [id],
      (widget) => {
        URL.revokeObjectURL(url);
        resolve(widget);
      },
      (error) => {
        URL.revokeObjectURL(url);
        reject(new Error('requirejs could not load the widget: ' + describe(error)));
      },
    ),
  );
}

/** Console and DOM-listener recorders, active from `start` to `stop`. */
export function createRecorder() {
  const entries = [];
  const listeners = []; // { target, type, listener, capture }
  const levels = ['log', 'info', 'warn', 'error', 'debug'];
  let saved = null;
  const rec = {
    entries,
    listeners,
    start() {
      if (saved) return;
      const proto = EventTarget.prototype;
      const add = proto.addEventListener;
      const remove = proto.removeEventListener;
      saved = { console: {}, add, remove, patched: {} };
      for (const level of levels) {
        const original = console[level];
        saved.console[level] = original;
        const patched = function () {
          entries.push({ level, text: Array.prototype.map.call(arguments, describe).join(' ') });
          return original.apply(this, arguments);
        };
        saved.patched[level] = patched;
        console[level] = patched;
      }
      function captureOf(options) {
        return typeof options === 'boolean' ? options : !!(options && options.capture);
      }
      function find(target, type, listener, capture) {
        return listeners.findIndex(
          (l) => l.target === target && l.type === type && l.listener === listener && l.capture === capture,
        );
      }
      saved.patchedAdd = function (type, listener, options) {
        const capture = captureOf(options);
        const once = options !== null && typeof options === 'object' && !!options.once;
        if (listener && !once && find(this, String(type), listener, capture) < 0) {
          const entry = { target: this, type: String(type), listener, capture };
          listeners.push(entry);
          const signal = options !== null && typeof options === 'object' ? options.signal : undefined;
          if (signal) {
            add.call(signal, 'abort', () => {
              const at = listeners.indexOf(entry);
              if (at >= 0) listeners.splice(at, 1);
            });
          }
        }
        return add.apply(this, arguments);
      };
      saved.patchedRemove = function (type, listener, options) {
        const at = find(this, String(type), listener, captureOf(options));
        if (at >= 0) listeners.splice(at, 1);
        return remove.apply(this, arguments);
      };
      proto.addEventListener = saved.patchedAdd;
      proto.removeEventListener = saved.patchedRemove;
    },
    stop() {
      if (!saved) return;
      const proto = EventTarget.prototype;
      // Put back only what is still ours: whoever patched after us keeps their patch.
      if (proto.addEventListener === saved.patchedAdd) proto.addEventListener = saved.add;
      if (proto.removeEventListener === saved.patchedRemove) proto.removeEventListener = saved.remove;
      for (const level of levels) {
        if (console[level] === saved.patched[level]) console[level] = saved.console[level];
      }
      saved = null;
    },
  };
  return rec;
}

export function consoleEntries(rec) {
  return rec.entries.map((e) => [e.level, e.text]);
}

export function clearConsole(rec) {
  rec.entries.length = 0;
}

function describeTarget(target) {
  if (target === globalThis) return 'window';
  if (typeof Document !== 'undefined' && target instanceof Document) return 'document';
  if (typeof Element !== 'undefined' && target instanceof Element) {
    let text = '<' + target.tagName.toLowerCase();
    if (target.id) text += ' id="' + target.id + '"';
    if (target.className && typeof target.className === 'string') text += ' class="' + target.className + '"';
    return text + '>';
  }
  return Object.prototype.toString.call(target);
}

export function listenersLeft(rec) {
  return rec.listeners.map((l) => l.type + ' on ' + describeTarget(l.target) + (l.capture ? ' (capture)' : ''));
}

export function startRecorder(rec) {
  rec.start();
}

export function stopRecorder(rec) {
  rec.stop();
}

/** The host's lifecycle driver over the widget module, in the cabinet's widgets bar. */
export function createDriver(cabinet, widget, token, slotShape) {
  return cabinet.ns.createDriver(cabinet.host, widget, { container: cabinet.container, token, slotShape });
}

export function driverErrors(driver) {
  return driver.errors.map((e) => e.during + ': ' + describe(e.error));
}

export function driverViolations(driver) {
  return driver.violations.slice();
}

export function driverLog(driver) {
  return driver.log.slice();
}

export function widgetStats(widget) {
  return typeof widget.__amoStats === 'function' ? widget.__amoStats() : null;
}

export function parseJson(text) {
  return JSON.parse(text);
}

export function stringifyJson(value) {
  const text = JSON.stringify(value);
  return text === undefined ? 'null' : text;
}

/** Resolves after the tasks queued so far (timers of 0 ms, microtasks) have run. */
export function nextTick() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
