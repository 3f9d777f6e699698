// The end-to-end harness: a static server over the repository, a headless Chromium, and a page
// that is the client cabinet as far as a widget can tell (real requirejs, the real npm jquery and
// dateformat registered under the names the host uses, the one host emulation in host-emulation/).

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CONSOLE_CAPTURE, launchWebKit } from './webkit.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * What these tests load: `cargo xtask test e2e` builds them with `--test-hooks` (the leak
 * counters, `__amoStats`) into target/e2e-widgets/; hello as shipped is in target/widgets/.
 */
export const BUNDLES = {
  hello: '/target/e2e-widgets/hello/personal_page.js',
  helloShipped: '/target/widgets/hello/personal_page.js',
  probe: '/target/e2e-widgets/probe/personal_page.js',
  probeSplit: '/target/e2e-widgets/probe-split/personal_page.js',
  helloJs: '/tests/e2e/fixtures/hello-js/personal_page.js',
};

export function bundlePath(url) {
  return path.join(ROOT, url);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>client cabinet (emulated)</title></head>
<body>
<div id="bar"></div>
<script src="/node_modules/requirejs/require.js"></script>
<script type="module">
import { createHost, createDriver, CONSTANTS, FIXTURES, HOST_MODULE_PATHS } from '/host-emulation/amocrm-host.js';
requirejs.config({ paths: HOST_MODULE_PATHS });
const host = createHost();
host.registerModules(define, require);
// Live DOM listeners, for leak checks: every add/remove on any EventTarget goes through here.
const live = new Map();
const add = EventTarget.prototype.addEventListener;
const remove = EventTarget.prototype.removeEventListener;
const key = (type, options) => type + '|' + !!(typeof options === 'boolean' ? options : options && options.capture);
EventTarget.prototype.addEventListener = function (type, listener, options) {
  if (listener) {
    let targets = live.get(listener);
    if (!targets) live.set(listener, (targets = []));
    const k = key(type, options);
    if (!targets.some((t) => t[0] === this && t[1] === k)) targets.push([this, k]);
  }
  return add.call(this, type, listener, options);
};
EventTarget.prototype.removeEventListener = function (type, listener, options) {
  const targets = listener && live.get(listener);
  if (targets) {
    const k = key(type, options);
    const at = targets.findIndex((t) => t[0] === this && t[1] === k);
    if (at >= 0) targets.splice(at, 1);
    if (!targets.length) live.delete(listener);
  }
  return remove.call(this, type, listener, options);
};
window.__e2e = {
  host, createDriver, CONSTANTS, FIXTURES,
  load: (url) => new Promise((resolve, reject) => require([url], resolve, reject)),
  listeners: () => { let n = 0; for (const t of live.values()) n += t.length; return n; },
  slot() {
    const el = document.createElement('div');
    el.className = CONSTANTS.GLOBAL_CLASS_NAMES.widgetBarItemContainer;
    document.getElementById('bar').appendChild(el);
    return el;
  },
};
window.__e2eReady = true;
</script>
</body></html>`;

// A page with nothing of the host emulation: requirejs and the host's real jquery and
// dateformat, and no `amocrm-sdk` until a test defines one (see hostile.test.mjs).
const HOSTILE_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>a hostile host</title></head>
<body>
<script src="/node_modules/requirejs/require.js"></script>
<script type="module">
import { HOST_MODULE_PATHS } from '/host-emulation/amocrm-host.js';
requirejs.config({ paths: HOST_MODULE_PATHS });
window.__hostileReady = true;
</script>
</body></html>`;

/** In WebKit mode the page records its own console (classic WebDriver has no console events). */
function withCapture(page) {
  return BROWSER === 'webkit' ? page.replace('<head>', '<head>' + CONSOLE_CAPTURE) : page;
}

/** Serves the repository read-only on 127.0.0.1 (port chosen by the OS) plus the cabinet page. */
export async function startServer() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    if (url.pathname === '/hostile.html') {
      res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
      res.end(withCapture(HOSTILE_PAGE));
      return;
    }
    if (url.pathname === '/' || url.pathname === '/cabinet.html') {
      res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
      res.end(withCapture(PAGE));
      return;
    }
    // `/copy-N/...` serves the same file under another URL: a second copy of one widget.
    const clean = decodeURIComponent(url.pathname).replace(/^\/copy-\d+\//, '/');
    const file = path.join(ROOT, clean);
    if (!file.startsWith(ROOT + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404);
      res.end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * The browser the suite runs in: `E2E_BROWSER=firefox` for Firefox ESR, `webkit` for WebKitGTK's
 * MiniBrowser, Chromium otherwise. playwright's Firefox and WebKit are patched builds (not
 * available here): stock Firefox is driven over WebDriver BiDi by puppeteer-core, WebKit over
 * classic WebDriver (`webkit.mjs`), each behind the subset of playwright's page API the tests use.
 */
export const BROWSER = ['firefox', 'webkit'].includes(process.env.E2E_BROWSER) ? process.env.E2E_BROWSER : 'chromium';

/** Whether the page can force a garbage collection (`window.gc`, Chromium's `--expose-gc`). */
export const CAN_FORCE_GC = BROWSER === 'chromium';

export async function launch(extraArgs = []) {
  if (BROWSER === 'firefox') return launchFirefox();
  if (BROWSER === 'webkit') return launchWebKit();
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

async function launchFirefox() {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
    headless: true,
  });
  return {
    newPage: async () => asPlaywrightPage(await browser.newPage()),
    close: () => browser.close(),
  };
}

/** puppeteer's page with playwright's console message types (`warn` is `warning` there). */
function asPlaywrightPage(page) {
  const on = page.on.bind(page);
  page.on = (event, handler) => {
    if (event !== 'console') return on(event, handler);
    return on('console', (m) =>
      handler({ type: () => (m.type() === 'warn' ? 'warning' : m.type()), text: () => m.text(), args: () => m.args() }),
    );
  };
  return page;
}

/**
 * Opens the cabinet page. `page.messages` collects console output ({ type, text, argc }) and
 * `page.pageErrors` uncaught exceptions (there must never be any).
 */
export async function openCabinet(browser, server) {
  const page = await browser.newPage();
  page.messages = [];
  page.pageErrors = [];
  page.on('console', (m) => page.messages.push({ type: m.type(), text: m.text(), argc: m.args().length }));
  page.on('pageerror', (e) => page.pageErrors.push(String(e)));
  await page.goto(server.origin + '/cabinet.html');
  await page.waitForFunction(() => window.__e2eReady === true);
  return page;
}

/**
 * The page's JS heap after forced garbage collection (the browser must run with
 * `--js-flags=--expose-gc`): call the returned function for each reading. `null` where the page
 * cannot force a collection (Firefox).
 */
export async function heapMeter(page) {
  if (!CAN_FORCE_GC) return null;
  const cdp = await page.context().newCDPSession(page);
  return async () => {
    await page.evaluate(() => window.gc());
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
}

/**
 * Chrome's sampling CPU profile while `drive()` runs (it drives the page): self time per
 * function, heaviest first, as shares of all samples. Wasm functions are named only when the
 * module kept its name section.
 */
export async function cpuProfile(page, drive) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  await drive();
  const { profile } = await cdp.send('Profiler.stop');
  const hits = new Map();
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const byName = new Map();
  for (const node of profile.nodes) {
    const n = hits.get(node.id);
    if (!n) continue;
    const f = node.callFrame;
    const where = f.url ? ` ${f.url.split('/').pop()}` : '';
    const name = `${f.functionName || '(anonymous)'}${where}`;
    byName.set(name, (byName.get(name) ?? 0) + n);
  }
  const total = profile.samples.length;
  return [...byName].sort((a, b) => b[1] - a[1]).map(([name, n]) => ({ name, share: n / total }));
}

/**
 * A heap snapshot's self sizes summed by node type and by name (the constructor, `(compiled
 * code)`, `system / …`): what a page keeps, to compare two pages.
 */
export async function heapBreakdown(page) {
  const cdp = await page.context().newCDPSession(page);
  let json = '';
  cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => { json += chunk; });
  await page.evaluate(() => window.gc && window.gc());
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  const snapshot = JSON.parse(json);
  const { node_fields: fields, node_types: [types] } = snapshot.snapshot.meta;
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const byKind = new Map();
  const nodes = snapshot.nodes;
  for (let i = 0; i < nodes.length; i += width) {
    const type = types[nodes[i + typeAt]];
    // Strings and numbers are named by their content: summed by type alone.
    const name = type === 'string' || type === 'concatenated string' || type === 'sliced string' || type === 'number'
      ? ''
      : snapshot.strings[nodes[i + nameAt]].slice(0, 60);
    const kind = `${type}${name ? ': ' + name : ''}`;
    byKind.set(kind, (byKind.get(kind) ?? 0) + nodes[i + sizeAt]);
  }
  return byKind;
}

/** Console lines of one type (`info`, `warning`, `error`…), optionally with a text prefix. */
export function lines(page, type, prefix = '') {
  return page.messages.filter((m) => m.type === type && m.text.startsWith(prefix)).map((m) => m.text);
}

/** Fails with a clear message if a bundle was not built. */
export function requireBuilt(...urls) {
  for (const url of urls) {
    if (!fs.existsSync(bundlePath(url))) {
      throw new Error(`${url} is missing: run \`cargo xtask test e2e\` first`);
    }
  }
}
