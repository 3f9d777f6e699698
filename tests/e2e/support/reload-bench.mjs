// Edit-to-reload of examples/hello under `amo-widget serve`: N edits of src/lib.rs, each timed
// from the write to the open page showing the new text (no page reload). The file is restored
// afterwards. Usage: node reload-bench.mjs RUNS OUT.json (AMO_WIDGET_ROOT: the installed CLI).

import fs from 'node:fs';
import path from 'node:path';
import { launch, ROOT } from './harness.mjs';
import { startServe } from './serve.mjs';

const runs = Number(process.argv[2] ?? 5);
const outFile = process.argv[3];
const lib = path.join(ROOT, 'examples/hello/src/lib.rs');
const original = fs.readFileSync(lib, 'utf8');
// hello renders into the slot's content (`slot.content()`): the content child where the host
// gives one, else the slot element itself.
const MARK = 'set_text_content(Some("Hello world!"));';
if (!original.includes(MARK)) throw new Error(`examples/hello/src/lib.rs no longer contains ${MARK}`);

/** Whether the slot's content (the content child, or the slot itself) shows `text`. */
const shows = (text) => {
  const bar = document.querySelector('#widgets-bar');
  const content = bar?.querySelector('.js-widget-bar-item-content') ?? bar?.querySelector('.js-widget-bar-item-container');
  return content?.textContent === text;
};

let server;
let browser;
const times = [];
try {
  server = await startServe([path.join(ROOT, 'examples/hello')]);
  await server.waitFor(/build 1 ok/);
  browser = await launch();
  const page = await browser.newPage();
  await page.goto(`${server.origin}/cabinet/`);
  await page.waitForFunction(shows, 'Hello world!');
  await page.evaluate(() => { window.__notReloaded = true; });
  for (let i = 1; i <= runs; i++) {
    const text = `Hello world! (edit ${i})`;
    // Wait for the tree to settle so each run starts from an idle server.
    await new Promise((r) => setTimeout(r, 1000));
    const t0 = performance.now();
    fs.writeFileSync(lib, original.replace(MARK, `set_text_content(Some(${JSON.stringify(text)}));`));
    await page.waitForFunction(shows, text, { timeout: 600000 });
    const seconds = (performance.now() - t0) / 1000;
    times.push(seconds);
    console.log(`run ${i}: edit -> re-rendered in the open page ${seconds.toFixed(2)} s`);
  }
  if (!(await page.evaluate(() => window.__notReloaded))) throw new Error('the page reloaded');
} finally {
  fs.writeFileSync(lib, original);
  await browser?.close();
  await server?.stop();
}
fs.writeFileSync(outFile, JSON.stringify({ runs, times }));
