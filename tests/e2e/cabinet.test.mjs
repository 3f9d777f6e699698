// The local cabinet that `cargo xtask demo` serves: the hello widget renders in its widgets bar,
// its console lines show on the page, lead switching re-initialises it, and the widget script is
// served at / with CORS for a real cabinet's AMOCRM.developer.addWidget.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve } from '../../cabinet/serve.mjs';
import { launch, bundlePath, BUNDLES, requireBuilt } from './support/harness.mjs';

let cabinet;
let browser;

before(async () => {
  requireBuilt(BUNDLES.hello);
  cabinet = await serve({ widgetDir: path.dirname(bundlePath(BUNDLES.hello)), port: 0 });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await new Promise((resolve) => cabinet?.server.close(resolve));
});

async function open(query = '') {
  const page = await browser.newPage();
  page.pageErrors = [];
  page.on('pageerror', (e) => page.pageErrors.push(String(e)));
  await page.goto(`${cabinet.origin}/cabinet/${query}`);
  assert.equal(await page.evaluate(() => window.__cabinet.ready), true, 'the widget loaded');
  return page;
}

const consoleLines = (page) => page.$$eval('#console li', (items) => items.map((li) => li.textContent));
const slotText = (page) => page.$eval('#widgets-bar .js-widget-bar-item-container', (el) => el.textContent);

test('the demo cabinet renders hello and mirrors its console', async () => {
  const page = await open();
  assert.equal(await slotText(page), 'Hello world!');
  const shown = await consoleLines(page);
  assert.ok(shown.some((l) => /^WIDGET: initLead with token: {2}[\w-]+\.[\w-]+\.unsigned-local-cabinet$/.test(l)), shown.join('\n'));
  assert.ok(shown.some((l) => /^WIDGET registerWidgetsBarSlot inited at \d\d:\d\d$/.test(l)), shown.join('\n'));
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});

test('switching leads tears down before the next initLead', async () => {
  const page = await open();
  await page.click('#leads button[data-lead="3412002"]');
  assert.equal(await slotText(page), 'Hello world!');
  const widgetLines = (await consoleLines(page)).filter((l) => l.startsWith('WIDGET'));
  const kinds = widgetLines.map((l) => l.replace(/ with token.*| inited at.*/, ''));
  assert.deepEqual(kinds, [
    'WIDGET: initLead',
    'WIDGET registerWidgetsBarSlot',
    'WIDGET: registerWidgetsBarSlot destroyed',
    'WIDGET: initLead destroyed',
    'WIDGET: initLead',
    'WIDGET registerWidgetsBarSlot',
  ]);
  assert.equal(await page.$eval('#lead dd', (dd) => dd.textContent), '3412002');
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});

test('addWidget loads a widget from a URL with the given token', async () => {
  const page = await open();
  await page.evaluate((origin) => window.AMOCRM.developer.addWidget({ script: origin, token: 'foo' }), cabinet.origin);
  await page.waitForFunction(() => [...document.querySelectorAll('#console li')].some((li) => li.textContent === 'WIDGET: initLead with token:  foo'));
  assert.equal(await slotText(page), 'Hello world!');
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});

test('the widget script is served at / with CORS, and nothing outside the public trees', async () => {
  const root = await fetch(cabinet.origin + '/');
  assert.equal(root.status, 200);
  assert.equal(root.headers.get('access-control-allow-origin'), '*');
  assert.match(root.headers.get('content-type'), /javascript/);
  assert.match(await root.text(), /define\(/);
  for (const hidden of ['/Cargo.toml', '/node_modules/playwright-core/package.json', '/cabinet/../Cargo.toml', '/widget/../../../Cargo.toml']) {
    assert.equal((await fetch(cabinet.origin + hidden)).status, 404, hidden);
  }
});
