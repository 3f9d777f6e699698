// The local cabinet as `cargo xtask demo` runs it: `amo-widget serve examples/hello` (the
// installed binary). Hello renders in the widgets bar, its console shows on the page, lead
// switching re-initialises it, the sidebar shows fields in the account's formats, addWidget has
// the vendor's semantics, every host module is the real npm library, and the widget is served
// at / with CORS.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { launch, ROOT } from './support/harness.mjs';
import { startServe } from './support/serve.mjs';

const requireNode = createRequire(import.meta.url);
const dateformat = requireNode(path.join(ROOT, 'node_modules/dateformat'));
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
const locked = (pkg) => lock.packages[`node_modules/${pkg}`].version;
const FIXTURES = JSON.parse(fs.readFileSync(path.join(ROOT, 'cli/cabinet/fixtures.json'), 'utf8'));

let server;
let browser;

before(async () => {
  server = await startServe([path.join(ROOT, 'examples/hello')]);
  await server.waitFor(/build 1 ok/);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function open() {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.pageErrors = [];
  page.on('pageerror', (e) => page.pageErrors.push(String(e)));
  await page.goto(`${server.origin}/cabinet/`);
  assert.equal(await page.evaluate(() => window.__cabinet.ready), true, 'the cabinet started');
  await page.waitForFunction(() => document.querySelector('#widgets-bar .js-widget-bar-item-container')?.textContent === 'Hello world!');
  return page;
}

const consoleLines = (page) => page.$$eval('#console li .msg', (items) => items.map((li) => li.textContent));
const slotText = (page) => page.$eval('#widgets-bar .js-widget-bar-item-container', (el) => el.textContent);
const field = (page, id) => page.$eval(`#lead-fields dd[data-field="${id}"]`, (dd) => dd.textContent.replace(/\s/g, ' '));

test('the cabinet renders hello and mirrors its console', async () => {
  const page = await open();
  const shown = await consoleLines(page);
  assert.ok(shown.some((l) => /^WIDGET: initLead with token: {2}[\w-]+\.[\w-]+\.unsigned-local-cabinet$/.test(l)), shown.join('\n'));
  assert.ok(shown.some((l) => /^WIDGET registerWidgetsBarSlot inited at \d\d:\d\d$/.test(l)), shown.join('\n'));
  const lifecycle = await page.evaluate(() => window.__cabinet.lifecycle);
  assert.deepEqual(lifecycle.slice(0, 2), ['initLead (lead 3412001)', 'registerWidgetsBarSlot(el)']);
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});

test('switching leads tears down before the next initLead', async () => {
  const page = await open();
  await page.click('#lead-tabs button[data-lead="3412002"]');
  assert.equal(await slotText(page), 'Hello world!');
  const kinds = (await consoleLines(page)).filter((l) => l.startsWith('WIDGET')).map((l) => l.replace(/ with token.*| inited at.*/, ''));
  assert.deepEqual(kinds, [
    'WIDGET: initLead',
    'WIDGET registerWidgetsBarSlot',
    'WIDGET: registerWidgetsBarSlot destroyed',
    'WIDGET: initLead destroyed',
    'WIDGET: initLead',
    'WIDGET registerWidgetsBarSlot',
  ]);
  assert.equal(await page.$eval('#lead-id', (el) => el.textContent), '#3412002');
  assert.equal(await page.$eval('#lead-name', (el) => el.textContent), FIXTURES.leads['3412002'].name);
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});

test('the slot control presents the host header and content child, and hello renders into the child', async () => {
  const page = await open();
  await page.selectOption('#ctl-slot', 'content');
  await page.waitForFunction(() => document.querySelector('#widgets-bar .js-widget-bar-item-content')?.textContent === 'Hello world!');
  const slot = await page.$eval('#widgets-bar .js-widget-bar-item-container', (el) => ({
    children: [...el.children].map((c) => [c.className, c.textContent]),
  }));
  assert.deepEqual(slot.children, [
    ['widget-bar-item-header', 'Виджет'],
    ['js-widget-bar-item-content', 'Hello world!'],
  ]);
  assert.equal(await page.evaluate(() => window.__cabinet.slotShape), 'content');
  // Back to the documented shape: an empty element, which hello fills itself.
  await page.selectOption('#ctl-slot', 'element');
  await page.waitForFunction(() => document.querySelector('#widgets-bar .js-widget-bar-item-container')?.textContent === 'Hello world!');
  assert.equal(await page.$$eval('#widgets-bar .js-widget-bar-item-container *', (els) => els.length), 0);
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});

test('fields show in the account formats, and follow the controls', async () => {
  const page = await open();
  const f = FIXTURES.leadFields;
  assert.equal(await field(page, '24'), '150 000 ₽');
  assert.equal(await field(page, '13'), dateformat(new Date(f['13'].value * 1000), 'dd.mm.yyyy'));
  assert.equal(await field(page, '23'), dateformat(new Date(f['23'].value * 1000), 'dd.mm.yyyy HH:MM'));
  assert.equal(await field(page, '12'), 'Да');
  assert.equal(await field(page, '15'), 'Монтаж, Доставка');
  assert.equal(await field(page, '20'), 'ул. Тверская, д. 1, подъезд 2, Москва, Москва, 125009, RU');
  assert.equal(await page.$eval('#lead-fields dd[data-field="16"] a', (a) => a.href), f['16'].value);
  // Nothing raw: no bare timestamps, no JSON.
  const all = await page.$$eval('.sidebar dd', (dds) => dds.map((dd) => [dd.dataset.type, dd.textContent]));
  assert.equal(all.filter(([, t]) => /[{}[\]]|"/.test(t)).length, 0, all.join('\n'));
  const dates = all.filter(([type]) => ['date', 'birthday', 'dateTime'].includes(type));
  assert.equal(dates.length, 3);
  for (const [type, text] of dates) assert.match(text, /^\d\d\.\d\d\.\d{4}( \d\d:\d\d)?$/, `${type}: ${text}`);
  assert.ok((await page.$eval('#contacts', (el) => el.textContent)).includes('+7 912 345-67-89 (раб.)'));
  assert.ok((await page.$eval('#company', (el) => el.textContent)).includes('ООО «Ромашка», ИНН 7701234567, КПП 770101001'));

  await page.selectOption('#ctl-date', 'mm/dd/yyyy');
  await page.selectOption('#ctl-time', 'h:MM TT');
  await page.selectOption('#ctl-currency', '$');
  await page.selectOption('#ctl-lang', 'en');
  assert.equal(await field(page, '23'), dateformat(new Date(f['23'].value * 1000), 'mm/dd/yyyy h:MM TT'));
  assert.equal(await field(page, '24'), '150,000 $');
  assert.equal(await field(page, '12'), 'Yes');
  assert.equal(await page.$eval('#contacts-block h2', (el) => el.textContent), 'Contacts');
  await page.click('#ctl-theme');
  assert.equal(await page.evaluate(() => document.body.className), 'theme-dark');
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});

test('the state editor goes through setState; bad JSON is refused with its error', async () => {
  const page = await open();
  await page.selectOption('#state-entity', 'sys');
  const sys = JSON.parse(await page.$eval('#state-json', (t) => t.value));
  assert.equal(sys.dateFormat, FIXTURES.sys.dateFormat);
  await page.evaluate(() => {
    window.__seen = [];
    window.__cabinet.host.methods.subscribe('sys', (value) => window.__seen.push(value.pageTitle));
  });
  await page.fill('#state-json', JSON.stringify({ ...sys, pageTitle: '<b>not html</b>' }));
  await page.click('#state-apply');
  assert.deepEqual(await page.evaluate(() => window.__seen), ['<b>not html</b>']);
  assert.equal(await page.$eval('#page-title', (el) => el.textContent), '<b>not html</b>');
  assert.equal(await page.$$eval('#page-title b', (bs) => bs.length), 0, 'text, never HTML');
  await page.fill('#state-json', '{ "broken": ');
  await page.click('#state-apply');
  assert.match(await page.$eval('#state-error', (el) => el.textContent), /JSON/);
  await page.close();
});

test('addWidget loads a widget from the served URL; switching leads resets it', async () => {
  const page = await open();
  await page.evaluate((origin) => window.AMOCRM.developer.addWidget({ script: origin, token: 'foo' }), server.origin);
  await page.waitForFunction(() => [...document.querySelectorAll('#console li .msg')].some((li) => li.textContent === 'WIDGET: initLead with token:  foo'));
  assert.equal(await slotText(page), 'Hello world!');
  assert.equal(await page.$$eval('#widgets-bar .js-widget-bar-item-container', (els) => els.length), 1, 'only that widget shows');
  await page.click('#lead-tabs button[data-lead="3412003"]');
  await page.waitForFunction(() => window.__cabinet.lifecycle.some((l) => l.includes('reset')));
  await page.waitForFunction(() => document.querySelector('#widgets-bar .js-widget-bar-item-container')?.textContent === 'Hello world!');
  const tokens = (await consoleLines(page)).filter((l) => l.startsWith('WIDGET: initLead with token:'));
  assert.match(tokens.at(-1), /unsigned-local-cabinet$/, 'the served widget is back, with the cabinet token');
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});

test('every host module is the real npm library, under the vendor names', async () => {
  const page = await open();
  const seen = await page.evaluate(
    () =>
      new Promise((resolve, reject) =>
        require(
          ['amocrm-sdk', 'import-modules', 'jquery', 'react', 'react-dom', '@reduxjs/toolkit', 'react-redux', 'immer.produce', 'immer.current', 'nanoid', 'classnames', 'dateformat', 'lodash'],
          (sdk, importModules, $, React, ReactDOM, RTK, ReactRedux, produce, current, nanoid, classNames, dateFormat, _) => {
            const slice = RTK.createSlice({ name: 'n', initialState: { v: 1 }, reducers: { inc: (s) => { s.v += 1; } } });
            const store = RTK.configureStore({ reducer: slice.reducer });
            store.dispatch(slice.actions.inc());
            const el = document.createElement('div');
            ReactDOM.flushSync(() => ReactDOM.createRoot(el).render(React.createElement(ReactRedux.Provider, { store }, React.createElement('i', null, 'ok'))));
            let snapshot = null;
            const next = produce({ a: [1] }, (draft) => { draft.a.push(2); snapshot = current(draft); });
            importModules(['lodash']).then(([viaImport]) =>
              resolve({
                sdk: typeof sdk({ version: '1.0.0' }).methods.getState,
                importModules: viaImport === _,
                jquery: $.fn.jquery,
                react: React.version,
                reactDom: ReactDOM.version.split('-')[0],
                rtk: store.getState().v,
                reactRedux: el.innerHTML,
                immer: JSON.stringify([next, snapshot]),
                nanoid: nanoid.nanoid(),
                classnames: classNames('a', { b: true, c: false }),
                dateformat: dateFormat(new Date(0), 'yyyy-mm-dd', true),
                lodash: _.VERSION,
              }),
            );
          },
          reject,
        ),
      ),
  );
  assert.deepEqual(seen, {
    sdk: 'function',
    importModules: true,
    jquery: locked('jquery'),
    react: locked('react'),
    reactDom: locked('react-dom'),
    rtk: 2,
    reactRedux: '<i>ok</i>',
    immer: JSON.stringify([{ a: [1, 2] }, { a: [1, 2] }]),
    nanoid: seen.nanoid,
    classnames: 'a b',
    dateformat: '1970-01-01',
    lodash: locked('lodash'),
  });
  assert.match(seen.nanoid, /^[A-Za-z0-9_-]{21}$/);
  await page.close();
});

test('the served host modules are the npm bytes; the licences ship with them', async () => {
  const config = await (await fetch(`${server.origin}/cabinet/config.json`)).json();
  assert.equal(config.modules.length, 10);
  for (const module of config.modules) {
    const served = Buffer.from(await (await fetch(server.origin + module.url)).arrayBuffer());
    const dir = path.join(ROOT, 'node_modules', module.package);
    const original = fs.readFileSync(path.join(dir, module.npmPath));
    if (module.format === 'CommonJs') {
      const text = served.toString('utf8');
      assert.match(text, /^define\(function \(require, exports, module\) \{\n/);
      assert.ok(served.includes(original), `${module.url} wraps ${module.package}/${module.npmPath} unchanged`);
    } else {
      assert.ok(served.equals(original), `${module.url} is ${module.package}/${module.npmPath} byte for byte`);
    }
    assert.ok(module.license, `${module.package} ships its licence`);
    const license = await (await fetch(`${server.origin}/cabinet/vendor/${module.package}/${module.license}`)).text();
    assert.equal(license, fs.readFileSync(path.join(dir, module.license), 'utf8'));
  }
});

test('the widget script is served at / with CORS, and nothing from the disk', async () => {
  const root = await fetch(server.origin + '/');
  assert.equal(root.status, 200);
  assert.equal(root.headers.get('access-control-allow-origin'), '*');
  assert.match(root.headers.get('content-type'), /javascript/);
  assert.match(await root.text(), /define\(/);
  const options = await fetch(server.origin + '/', { method: 'OPTIONS' });
  assert.equal(options.headers.get('access-control-allow-origin'), '*');
  for (const hidden of ['/Cargo.toml', '/src/lib.rs', '/node_modules/react/package.json', '/cabinet/../Cargo.toml', '/cabinet/vendor/../../Cargo.toml']) {
    assert.equal((await fetch(server.origin + hidden)).status, 404, hidden);
  }
});
