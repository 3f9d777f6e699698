// Runs the installed `amo-widget` (cargo xtask installs it into a root of its own and passes
// AMO_WIDGET_ROOT) as an author would: `serve` on a free port, its output collected so that a
// test can wait for a line.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './harness.mjs';

/** The installed binary; fails with what to run if it is missing. */
export function amoWidget() {
  const root = process.env.AMO_WIDGET_ROOT ?? path.join(ROOT, 'target/amo-widget-root');
  const bin = path.join(root, 'bin', 'amo-widget');
  if (!fs.existsSync(bin)) {
    throw new Error(`${bin} is missing: run \`cargo xtask test e2e\` (it installs the CLI first)`);
  }
  return bin;
}

/** Runs `amo-widget ARGS` to completion; returns { status, stdout, stderr }. */
export function run(args, { cwd, env } = {}) {
  const out = spawnSync(amoWidget(), args, { cwd, env: env ?? process.env, encoding: 'utf8', timeout: 20 * 60 * 1000 });
  return { status: out.status, stdout: out.stdout ?? '', stderr: out.stderr ?? '', error: out.error };
}

/**
 * Starts `amo-widget serve ARGS --port 0`; resolves to { origin, output(), waitFor(re, since), stop() }
 * once it printed its URLs.
 */
export async function startServe(args, { cwd, env } = {}) {
  const child = spawn(amoWidget(), ['serve', ...args, '--port', '0'], {
    cwd,
    env: env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const waiters = new Set();
  const feed = (chunk) => {
    text += chunk;
    if (process.env.E2E_VERBOSE) process.stderr.write(chunk);
    for (const w of [...waiters]) w();
  };
  child.stdout.setEncoding('utf8').on('data', feed);
  child.stderr.setEncoding('utf8').on('data', feed);
  let exited = null;
  child.on('exit', (code) => {
    exited = code;
    for (const w of [...waiters]) w();
  });

  /** Waits until the output after offset `since` matches `re`; returns the match. */
  function waitFor(re, { since = 0, timeout = 10 * 60 * 1000 } = {}) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${re} in amo-widget serve's output:\n${text.slice(since)}`));
      }, timeout);
      function check() {
        const m = text.slice(since).match(re);
        if (m) {
          clearTimeout(timer);
          waiters.delete(check);
          resolve(m);
        } else if (exited !== null) {
          clearTimeout(timer);
          waiters.delete(check);
          reject(new Error(`amo-widget serve exited (${exited}):\n${text}`));
        }
      }
      waiters.add(check);
      check();
    });
  }

  const [, origin] = await waitFor(/cabinet: +(http:\/\/[^\s]+)\/cabinet\//, { timeout: 120000 });
  return {
    origin: origin.replace('//localhost:', '//127.0.0.1:'),
    output: () => text,
    mark: () => text.length,
    waitFor,
    stop: () =>
      new Promise((resolve) => {
        if (exited !== null) return resolve();
        child.once('exit', resolve);
        child.kill('SIGINT');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
