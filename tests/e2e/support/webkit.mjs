// WebKit for the end-to-end files: WebKitGTK's MiniBrowser driven by WebKitWebDriver (classic W3C
// WebDriver) under Xvfb, behind the part of playwright's page API the files use.
//
// playwright's WebKit is a patched build and puppeteer speaks BiDi to Chromium and Firefox only,
// so this talks plain WebDriver over HTTP. Classic WebDriver has no console or page-error events:
// the harness's pages start with CONSOLE_CAPTURE (served only in this mode), which records every
// console call and uncaught error in the page, and the page object here hands them to the
// listeners after each command, in order.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** The first script of every harness page in WebKit mode: console calls and errors, recorded. */
export const CONSOLE_CAPTURE = `<script>
(() => {
  const log = [];
  window.__e2eConsole = log;
  const text = (v) => { try { return typeof v === 'string' ? v : String(v); } catch { return '[unprintable]'; } };
  for (const [method, type] of [['log', 'log'], ['info', 'info'], ['warn', 'warning'], ['error', 'error'], ['debug', 'debug']]) {
    const original = console[method];
    console[method] = function (...args) {
      log.push({ kind: 'console', type, text: args.map(text).join(' '), argc: args.length });
      return original.apply(this, args);
    };
  }
  window.addEventListener('error', (e) => log.push({ kind: 'pageerror', text: e.error ? String(e.error) : e.message }));
  window.addEventListener('unhandledrejection', (e) => log.push({ kind: 'pageerror', text: String(e.reason) }));
})();
</script>`;

function minibrowser() {
  const candidates = [process.env.WEBKIT_MINIBROWSER, ...fs.readdirSync('/usr/lib').map((d) => path.join('/usr/lib', d, 'webkit2gtk-4.1/MiniBrowser'))];
  const found = candidates.find((p) => p && fs.existsSync(p));
  if (!found) throw new Error('WebKitGTK MiniBrowser not found (apt-get install libwebkit2gtk-4.1-0, or set WEBKIT_MINIBROWSER)');
  return found;
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function request(base, method, url, body) {
  const res = await fetch(base + url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok || (json.value && json.value.error)) {
    throw new Error(`WebDriver ${method} ${url}: ${json.value?.error ?? res.status}: ${json.value?.message ?? ''}`);
  }
  return json.value;
}

/** Starts WebKitWebDriver under xvfb-run; `close()` stops the whole process group. */
export async function launchWebKit() {
  const port = await freePort();
  const driver = spawn('xvfb-run', ['-a', '-s', '-screen 0 1280x1024x24', 'WebKitWebDriver', `--port=${port}`], {
    detached: true,
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await request(base, 'GET', '/status');
      break;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not answer on ${base}: ${e}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const binary = minibrowser();
  return {
    newPage: () => newPage(base, binary),
    close: async () => {
      try {
        process.kill(-driver.pid, 'SIGTERM');
      } catch {}
      // MiniBrowser processes of sessions not closed: their parent group is gone, collect them.
      spawnSync('pkill', ['-f', `${binary} --automation`]);
    },
  };
}

async function newPage(base, binary) {
  const session = await request(base, 'POST', '/session', {
    capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary, args: ['--automation'] } } },
  });
  const id = session.sessionId;
  const at = (url) => `/session/${id}${url}`;
  const handlers = { console: [], pageerror: [] };
  let closed = false;

  async function drain() {
    if (closed) return;
    const entries = await request(base, 'POST', at('/execute/sync'), {
      script: 'return window.__e2eConsole ? window.__e2eConsole.splice(0) : [];',
      args: [],
    });
    for (const e of entries) {
      if (e.kind === 'pageerror') {
        for (const h of handlers.pageerror) h(new Error(e.text));
      } else {
        const message = { type: () => e.type, text: () => e.text, args: () => new Array(e.argc).fill(null) };
        for (const h of handlers.console) h(message);
      }
    }
  }

  async function run(source, arg) {
    const script =
      'const done = arguments[arguments.length - 1];' +
      `Promise.resolve().then(() => (${source})(arguments[0]))` +
      '.then((value) => done({ value: value === undefined ? null : value }), (e) => done({ thrown: String(e && e.stack || e) }));';
    const out = await request(base, 'POST', at('/execute/async'), { script, args: [arg === undefined ? null : arg] });
    return out;
  }

  return {
    on(event, handler) {
      (handlers[event] ??= []).push(handler);
    },
    removeAllListeners(event) {
      handlers[event] = [];
    },
    async goto(url) {
      await request(base, 'POST', at('/url'), { url });
      await drain();
    },
    async waitForFunction(fn, arg, options = {}) {
      const deadline = Date.now() + (options.timeout ?? 30_000);
      for (;;) {
        const out = await run(fn.toString(), arg);
        await drain();
        if (out.thrown === undefined && out.value) return out.value;
        if (Date.now() > deadline) throw new Error(`waitForFunction timed out: ${fn}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async evaluate(fn, arg) {
      const out = await run(typeof fn === 'function' ? fn.toString() : `() => (${fn})`, arg);
      await drain();
      if (out.thrown !== undefined) throw new Error(out.thrown);
      return out.value;
    },
    async addScriptTag({ content }) {
      await request(base, 'POST', at('/execute/sync'), {
        script: 'const s = document.createElement("script"); s.textContent = arguments[0]; document.head.appendChild(s);',
        args: [content],
      });
      await drain();
    },
    async close() {
      if (closed) return;
      await drain().catch(() => {});
      closed = true;
      await request(base, 'DELETE', at('')).catch(() => {});
    },
  };
}
