// The widget author's whole path, outside this repository, with the installed `amo-widget` and a
// PATH on which node and npm do not work: new -> build -> check --strict -> pack -> serve; the
// cabinet shows the new widget; an edit re-renders it in the open page without a reload; a
// compile error shows as an overlay and the fix removes it; a broken fixtures file gets a
// located error while the last good data stays. A screenshot of the cabinet is kept in
// target/e2e-artifacts/.
//
// Nothing from npm is on that PATH either: the build runs the binaryen and the minifier compiled
// into amo-widget.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, ROOT } from './support/harness.mjs';
import { amoWidget, run, startServe } from './support/serve.mjs';

const NAME = 'my-widget';
const ARTIFACTS = path.join(ROOT, 'target/e2e-artifacts');
let work;
let crate;
let env;
let server;
let browser;
let page;

function authorPath() {
  const fake = path.join(work, 'no-node');
  fs.mkdirSync(fake);
  for (const name of ['node', 'npm', 'npx']) {
    fs.writeFileSync(path.join(fake, name), `#!/bin/sh\necho "${name}: not available on the author's PATH" >&2\nexit 1\n`, { mode: 0o755 });
  }
  const cargoBin = path.dirname(spawnSync('sh', ['-c', 'command -v cargo'], { encoding: 'utf8' }).stdout.trim());
  return [fake, path.dirname(amoWidget()), cargoBin, '/usr/local/bin', '/usr/bin', '/bin'].join(':');
}

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'amo-author-'));
  assert.ok(!work.startsWith(ROOT), 'outside the repository');
  env = {
    ...process.env,
    PATH: authorPath(),
    // Kept between runs so the SDK's dependencies build once.
    CARGO_TARGET_DIR: path.join(ROOT, 'target/author-widget'),
  };
  for (const key of Object.keys(env)) if (key.startsWith('npm_') || key === 'NODE_OPTIONS') delete env[key];
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});
after(async () => {
  await browser?.close();
  await server?.stop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('node and npm do not work on this PATH', () => {
  for (const name of ['node', 'npm']) {
    const out = spawnSync(name, ['--version'], { env, encoding: 'utf8' });
    assert.notEqual(out.status, 0, `${name} must fail`);
  }
});

test('new makes a crate and never overwrites one', () => {
  const made = run(['new', NAME, '--sdk-path', ROOT], { cwd: work, env });
  assert.equal(made.status, 0, made.stderr);
  assert.match(made.stdout, /amo-widget serve/);
  crate = path.join(work, NAME);
  for (const file of ['Cargo.toml', 'src/lib.rs', 'tests/widget.rs', 'webdriver.json', 'README.md', 'widget/manifest.json', 'widget/i18n/en.json', 'widget/i18n/ru.json', 'widget/images/logo_main.png']) {
    assert.ok(fs.existsSync(path.join(crate, file)), file);
  }
  const before = fs.readFileSync(path.join(crate, 'src/lib.rs'), 'utf8');
  const again = run(['new', NAME, '--sdk-path', ROOT], { cwd: work, env });
  assert.notEqual(again.status, 0);
  assert.match(again.stderr, /already exists/);
  assert.equal(fs.readFileSync(path.join(crate, 'src/lib.rs'), 'utf8'), before);
});

let out;
test('check inside the crate checks what will be uploaded', () => {
  const checked = run(['check', '--strict'], { cwd: crate, env });
  assert.equal(checked.status, 0, checked.stdout + checked.stderr);
  assert.match(checked.stdout, /personal_page\.js comes from the build/);
  assert.match(checked.stdout, /0 error\(s\), 0 warning\(s\)/);
});

test('build, check --strict and pack', () => {
  const built = run(['build'], { cwd: crate, env });
  assert.equal(built.status, 0, built.stdout + built.stderr);
  assert.match(built.stderr, /wasm-opt: built-in binaryen \d+/, 'no wasm-opt on PATH: the built-in one ran');
  assert.match(built.stderr, /minify: oxc_minifier/);
  out = path.join(env.CARGO_TARGET_DIR, 'widgets', NAME);
  assert.ok(fs.existsSync(path.join(out, 'personal_page.js')));
  const checked = run(['check', '--strict', out], { cwd: crate, env });
  assert.equal(checked.status, 0, checked.stdout + checked.stderr);
  assert.match(checked.stdout + checked.stderr, /0 error\(s\), 0 warning\(s\)/);
  const zip = path.join(work, 'upload.zip');
  const packed = run(['pack', '--strict', out, '--out', zip], { cwd: crate, env });
  assert.equal(packed.status, 0, packed.stdout + packed.stderr);
  const bytes = fs.readFileSync(zip);
  for (const name of ['personal_page.js', 'manifest.json', 'i18n/en.json', 'images/logo_main.png']) {
    assert.ok(bytes.includes(Buffer.from(name)), `${name} is in the archive`);
  }
});

const slot = () => page.$eval('#widgets-bar .js-widget-bar-item-container', (el) => el.textContent);

test('serve: the cabinet shows the new widget in its slot', async () => {
  const fixtures = path.join(work, 'leads.json');
  fs.copyFileSync(path.join(ROOT, 'cli/cabinet/fixtures.json'), fixtures);
  server = await startServe(['--fixtures', fixtures], { cwd: crate, env });
  await server.waitFor(/build 1 ok/);
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.pageErrors = [];
  page.on('pageerror', (e) => page.pageErrors.push(String(e)));
  await page.goto(`${server.origin}/cabinet/`);
  await page.waitForFunction(() => /В сделке №3412001 15 полей/.test(document.querySelector('#widgets-bar .js-widget-bar-item-container')?.textContent ?? ''));
  // The fixture account is in Russian: widget/i18n/ru.json, with Russian's plural.
  assert.match(await slot(), /^Привет из Rust! В сделке №3412001 15 полей\.$/);
  // The live subscriptions panel: the widget's one subscription, to `lead`.
  await page.waitForFunction(() => document.querySelector('#subscriptions tr[data-entity="lead"] td:last-child')?.textContent === '1');
  await page.screenshot({ path: path.join(ARTIFACTS, 'cabinet.png') });
  // The cabinet's language switch: the widget's `sys` subscription re-renders it in English,
  // from widget/i18n/en.json, and back.
  await page.selectOption('#ctl-lang', 'en');
  await page.waitForFunction(() => /^Hello from Rust! Lead #3412001 has 15 fields\.$/.test(document.querySelector('#widgets-bar .js-widget-bar-item-container')?.textContent ?? ''));
  await page.selectOption('#ctl-lang', 'ru');
  await page.waitForFunction(() => /^Привет из Rust!/.test(document.querySelector('#widgets-bar .js-widget-bar-item-container')?.textContent ?? ''));
  assert.deepEqual(page.pageErrors, []);
});

test('watch: an edit re-renders the open page; a compile error shows; the fix brings it back', async () => {
  const lib = path.join(crate, 'src/lib.rs');
  const original = fs.readFileSync(lib, 'utf8');
  const ru = path.join(crate, 'widget/i18n/ru.json');
  const words = fs.readFileSync(ru, 'utf8');
  await page.evaluate(() => { window.__notReloaded = true; });

  // The widget's words live in widget/i18n: an edited translation rebuilds like an edited source.
  const edited = words.replaceAll('Привет из Rust!', 'Привет после правки!');
  assert.notEqual(edited, words);
  let mark = server.mark();
  const t0 = Date.now();
  fs.writeFileSync(ru, edited);
  await page.waitForFunction(() => /^Привет после правки!/.test(document.querySelector('#widgets-bar .js-widget-bar-item-container')?.textContent ?? ''), null, { timeout: 600000 });
  console.log(`edit -> re-rendered in the open page: ${((Date.now() - t0) / 1000).toFixed(2)} s`);
  assert.equal(await page.evaluate(() => window.__notReloaded), true, 'the page was not reloaded');
  await server.waitFor(/edit → widget re-rendered in the page: [\d.]+ s/, { since: mark });

  mark = server.mark();
  fs.writeFileSync(lib, original + '\nfn broken() -> u32 {\n    "not a number"\n}\n');
  await page.waitForSelector('#overlay:not([hidden])', { timeout: 600000 });
  const message = await page.$eval('#overlay-message', (el) => el.textContent);
  assert.match(message, /mismatched types/);
  assert.match(message, /src\/lib\.rs/);
  await server.waitFor(/build \d+ failed.*still serving the last good build/, { since: mark });
  assert.match(server.output().slice(mark), /error\[E0308\]/, 'the terminal shows the compiler');
  assert.match(await slot(), /^Привет после правки!/, 'the last good widget stays');
  const lastGood = await (await fetch(`${server.origin}/`)).text();
  assert.match(lastGood, /define\(/);

  // A translation the code uses, missing from one locale: a compile error naming file and key.
  mark = server.mark();
  const withoutLoading = JSON.parse(words);
  delete withoutLoading.slot.loading;
  fs.writeFileSync(lib, original);
  fs.writeFileSync(ru, JSON.stringify(withoutLoading, null, 2));
  await page.waitForFunction(() => /slot\.loading/.test(document.querySelector('#overlay-message')?.textContent ?? ''), null, { timeout: 600000 });
  assert.match(await page.$eval('#overlay-message', (el) => el.textContent), /`slot\.loading` is missing from widget\/i18n\/ru\.json/);
  assert.match(await slot(), /^Привет после правки!/, 'the last good widget stays');

  fs.writeFileSync(ru, words.replaceAll('Привет из Rust!', 'Привет снова!'));
  await page.waitForSelector('#overlay[hidden]', { state: 'attached', timeout: 600000 });
  await page.waitForFunction(() => /^Привет снова!/.test(document.querySelector('#widgets-bar .js-widget-bar-item-container')?.textContent ?? ''), null, { timeout: 600000 });
  assert.equal(await page.evaluate(() => window.__notReloaded), true);
  assert.deepEqual(page.pageErrors, []);
});

test('fixtures: a broken file gets a located error, the last good data stays; the fix applies', async () => {
  const fixtures = path.join(work, 'leads.json');
  const good = fs.readFileSync(fixtures, 'utf8');
  let mark = server.mark();
  fs.writeFileSync(fixtures, '{\n  "sys": {},\n  "leads": {\n    "1": { "fieldIds": [] },\n  }\n}\n');
  await page.waitForSelector('#overlay:not([hidden])', { timeout: 60000 });
  const message = await page.$eval('#overlay-message', (el) => el.textContent);
  assert.match(message, /leads\.json:5:3: /, message);
  await server.waitFor(/fixtures refused, keeping the last good ones: .*leads\.json:5:3/, { since: mark });
  assert.equal(await page.$eval('#lead-id', (el) => el.textContent), '#3412001', 'the last good data stays');

  mark = server.mark();
  fs.writeFileSync(fixtures, '{ "sys": {}, "leads": { "1": { "fieldIds": ["9"] } }, "leadFields": {} }');
  await server.waitFor(/lead 1 lists field 9, which `leadFields` does not have/, { since: mark });

  const changed = JSON.parse(good);
  changed.sys.pageTitle = 'Кабинет после правки';
  fs.writeFileSync(fixtures, JSON.stringify(changed, null, 2));
  await page.waitForSelector('#overlay[hidden]', { state: 'attached', timeout: 60000 });
  await page.waitForFunction(() => document.getElementById('page-title').textContent === 'Кабинет после правки');
  assert.deepEqual(page.pageErrors, []);
});

test("the generated crate's browser tests pass under amo-widget test (cargo test with the locked wasm-bindgen runner)", () => {
  const tested = spawnSync(amoWidget(), ['test'], {
    cwd: crate,
    env: { ...env, CARGO_TARGET_DIR: path.join(ROOT, 'target/author-widget-test') },
    encoding: 'utf8',
    timeout: 20 * 60 * 1000,
  });
  assert.equal(tested.status, 0, tested.stdout + tested.stderr);
  assert.match(tested.stderr, /chromedriver: \S*chromedriver/);
  assert.match(tested.stderr, /running cargo test --target wasm32-unknown-unknown/);
  assert.match(tested.stdout + tested.stderr, /test result: ok\. 3 passed/);
});

// The cabinet's users run Firefox and Safari too: the same suite in headless Firefox, and in WebKit
// (WebKitGTK's MiniBrowser, whose WebKitWebDriver amo-widget starts in xvfb-run and stops after).
for (const [flag, said] of [
  ['--firefox', /geckodriver: \S*geckodriver, Firefox: \S*firefox/],
  ['--webkit', /WebKit: \S*WebKitWebDriver on 127\.0\.0\.1:(\d+)/],
]) {
  test(`the generated crate's browser tests pass under amo-widget test ${flag}`, () => {
    const tested = spawnSync(amoWidget(), ['test', flag], {
      cwd: crate,
      env: { ...env, CARGO_TARGET_DIR: path.join(ROOT, 'target/author-widget-test') },
      encoding: 'utf8',
      timeout: 20 * 60 * 1000,
    });
    assert.equal(tested.status, 0, tested.stdout + tested.stderr);
    const note = tested.stderr.match(said);
    assert.ok(note, tested.stderr);
    assert.match(tested.stdout + tested.stderr, /test result: ok\. 3 passed/);
    if (note[1]) {
      const left = spawnSync('pgrep', ['-f', `WebKitWebDriver --port=${note[1]}$`], { encoding: 'utf8' });
      assert.equal(left.error, undefined, 'pgrep runs');
      assert.notEqual(left.status, 0, `WebKitWebDriver outlived amo-widget test: ${left.stdout}`);
    }
  });
}

// Authors who use wasm-pack are our users too: its build and its browser tests work in the crate
// `new` makes, with nothing downloaded (the wasm-bindgen CLI on PATH matches the lockfile).
test('wasm-pack build and wasm-pack test --headless --chrome work in the crate new makes', () => {
  const wpEnv = { ...env, CARGO_TARGET_DIR: path.join(ROOT, 'target/author-widget-test') };
  const built = spawnSync('wasm-pack', ['build', '--target', 'no-modules', '--mode', 'no-install', '--no-pack', '--out-dir', path.join(work, 'wasm-pack-pkg')], {
    cwd: crate, env: wpEnv, encoding: 'utf8', timeout: 20 * 60 * 1000,
  });
  assert.equal(built.status, 0, built.stdout + built.stderr);
  assert.ok(fs.existsSync(path.join(work, 'wasm-pack-pkg', `${NAME.replace(/-/g, '_')}_bg.wasm`)));
  const chromedriver = spawnSync('sh', ['-c', 'command -v chromedriver'], { encoding: 'utf8' }).stdout.trim();
  const tested = spawnSync('wasm-pack', ['test', '--headless', '--chrome', '--chromedriver', chromedriver, '--mode', 'no-install'], {
    cwd: crate, env: wpEnv, encoding: 'utf8', timeout: 20 * 60 * 1000,
  });
  assert.equal(tested.status, 0, tested.stdout + tested.stderr);
  assert.match(tested.stdout + tested.stderr, /test result: ok\. 3 passed/);
});
