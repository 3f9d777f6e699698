// The lead-documents example against its real back end (examples/lead-documents/server, the
// binary `cargo xtask test e2e` builds): the widget in the emulated cabinet calls the server
// across origins with each lead's initLead token (minted here with npm `jsonwebtoken`, signed
// with the secret the server is given). The list for the open lead, the same token on every
// call, a lead switch during a slow answer, 403, 401, an origin outside the server's list, the
// server down; the host page keeps working and nothing is left behind. Last, `amo-widget serve`
// starting the server from the crate's [package.metadata.amo-widget.backend] and its cabinet
// signing the leads' tokens with the development secret the server was given.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { startServer, launch, openCabinet, requireBuilt, ROOT } from './support/harness.mjs';
import { startServe } from './support/serve.mjs';

const jwt = createRequire(import.meta.url)('jsonwebtoken');

const BUNDLE = '/target/e2e-widgets/lead-documents/personal_page.js';
const SERVER_BIN = path.join(ROOT, 'target/debug/lead-documents-server');
const SECRET = 'lead-documents-e2e-secret';
const ACCOUNT = { id: 29001, iss: 'https://testkit.amocrm.ru' };
const SLOW_MS = 1500;

// What the server keeps: two leads of the account, a slow one, and one of another account.
const DATA = {
  leads: {
    3412001: {
      account: ACCOUNT,
      documents: [
        { id: 1, title: 'Contract 17', kind: 'contract' },
        { id: 2, title: 'Invoice 254', kind: 'invoice' },
      ],
    },
    3412002: { account: ACCOUNT, documents: [{ id: 3, title: 'Offer 9' }] },
    5001: { account: ACCOUNT, delay_ms: SLOW_MS, documents: [{ id: 4, title: 'Slow answer' }] },
    6001: { account: { id: 31337, iss: 'https://other.amocrm.ru' }, documents: [{ id: 5, title: 'Not yours' }] },
  },
};

let cabinet;
let browser;
let dataFile;
const backends = [];
let copies = 0;

/** Starts the server binary; resolves with its URL once it prints where it listens. */
function startBackend(origins) {
  const child = spawn(SERVER_BIN, [], {
    env: {
      ...process.env,
      LEAD_DOCUMENTS_SECRET: SECRET,
      LEAD_DOCUMENTS_ADDR: '127.0.0.1:0',
      LEAD_DOCUMENTS_DATA: dataFile,
      LEAD_DOCUMENTS_ORIGINS: origins.join(','),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  backends.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('exit', (code) => reject(new Error(`lead-documents-server exited (${code}) before listening: ${out}`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const found = /listening on (http:\/\/\S+)/.exec(out);
      if (found) resolve({ url: found[1], child });
    });
  });
}

/** A port nothing listens on: bound by the OS, then released. */
function closedPort() {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function token(aud, { account = ACCOUNT, expiresIn = 3600 } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return jwt.sign(
    {
      iss: account.iss,
      aud,
      jti: `e2e-${Math.random().toString(16).slice(2)}`,
      iat: now,
      nbf: now - 60,
      exp: now + expiresIn,
      account_id: account.id,
      user_id: 501,
      subdomain: 'testkit',
    },
    SECRET,
    { algorithm: 'HS256', noTimestamp: true },
  );
}

before(async () => {
  requireBuilt(BUNDLE);
  if (!fs.existsSync(SERVER_BIN)) {
    throw new Error(`${SERVER_BIN} is missing: run \`cargo xtask test e2e\` first`);
  }
  dataFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lead-documents-')), 'documents.json');
  fs.writeFileSync(dataFile, JSON.stringify(DATA));
  cabinet = await startServer();
  browser = await launch(['--js-flags=--expose-gc']);
});

after(async () => {
  for (const child of backends) child.kill();
  await browser?.close();
  await cabinet?.close();
  if (dataFile) fs.rmSync(path.dirname(dataFile), { recursive: true, force: true });
});

/**
 * The widget loaded into a fresh cabinet page, driven with `tokens[leadId]` as each lead's
 * token. `window.__docs.read()` is what the slot shows; every fetch is recorded with its signal.
 */
async function loadWidget(tokens) {
  const page = await openCabinet(browser, cabinet);
  await page.evaluate(
    async ({ url, tokens }) => {
      const calls = [];
      const fetch = window.fetch;
      window.fetch = (input, init) => {
        calls.push({ url: String(input), signal: init && init.signal });
        return fetch(input, init);
      };
      const widget = await __e2e.load(url);
      const driver = __e2e.createDriver(__e2e.host, widget, { token: (id) => tokens[id] ?? '' });
      const read = () => {
        const slot = driver.slotContent;
        if (!slot) return null;
        const message = slot.querySelector('[data-part="message"]');
        return {
          titles: [...slot.querySelectorAll('[data-part="documents"] li')].map((li) => li.textContent),
          loading: !!slot.querySelector('[data-part="loading"]'),
          error: message?.dataset.error ?? null,
          message: message?.textContent ?? null,
        };
      };
      // Resolves with what the slot shows once it shows more than "Loading…".
      const settled = () =>
        new Promise((resolve, reject) => {
          const started = Date.now();
          const poll = () => {
            const seen = read();
            if (seen && !seen.loading) return resolve(seen);
            if (Date.now() - started > 10000) return reject(new Error('the slot kept loading: ' + JSON.stringify(seen)));
            setTimeout(poll, 20);
          };
          poll();
        });
      window.__docs = { widget, driver, read, settled, calls, errors: driver.errors };
    },
    { url: `/copy-${++copies}${BUNDLE}`, tokens },
  );
  return page;
}

let backend;
const api = async () => (backend ??= await startBackend([cabinet.origin]));

test('lists the open lead\'s documents, and the same token serves every call of the lead', async () => {
  const { url } = await api();
  const page = await loadWidget({ 3412001: token(url), 3412002: token(url) });
  const seen = await page.evaluate(async () => {
    const d = window.__docs;
    const out = {};
    d.driver.openLead('3412001');
    out.first = await d.settled();
    d.driver.openLead('3412002');
    out.second = await d.settled();
    // Nine more visits of the first lead with its one token: the 2nd to 10th call of it.
    out.again = [];
    for (let i = 0; i < 9; i++) {
      d.driver.openLead('3412001');
      out.again.push(await d.settled());
    }
    out.calls = d.calls.length;
    out.errors = d.errors.length;
    return out;
  });
  assert.deepEqual(seen.first, { titles: ['Contract 17', 'Invoice 254'], loading: false, error: null, message: null });
  assert.deepEqual(seen.second.titles, ['Offer 9']);
  assert.equal(seen.again.length, 9);
  for (const visit of seen.again) assert.deepEqual(visit.titles, ['Contract 17', 'Invoice 254']);
  assert.equal(seen.calls, 11);
  assert.equal(seen.errors, 0);
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});

test('a lead switch during a slow answer aborts it and shows the new lead\'s documents', async () => {
  const { url } = await api();
  const page = await loadWidget({ 5001: token(url), 3412002: token(url) });
  const seen = await page.evaluate(async (slowMs) => {
    const d = window.__docs;
    d.driver.openLead({ ...__e2e.FIXTURES.leads['3412001'], id: '5001' });
    const slowSlot = d.driver.slotContent;
    const whileSlow = d.read();
    await new Promise((r) => setTimeout(r, 100));
    d.driver.openLead('3412002');
    const fast = await d.settled();
    // Past the slow answer: it must not have landed anywhere.
    await new Promise((r) => setTimeout(r, slowMs + 500));
    return {
      whileSlow,
      fast,
      later: d.read(),
      slowAborted: d.calls[0].signal.aborted,
      slowUrl: d.calls[0].url,
      fastAborted: d.calls[1].signal.aborted,
      slowSlotChildren: slowSlot.childNodes.length,
      errors: d.errors.length,
    };
  }, SLOW_MS);
  assert.equal(seen.whileSlow.loading, true);
  assert.match(seen.slowUrl, /\/leads\/5001\/documents$/);
  assert.equal(seen.slowAborted, true, 'the slow call was aborted by the lead switch');
  assert.equal(seen.fastAborted, false);
  assert.deepEqual(seen.fast.titles, ['Offer 9']);
  assert.deepEqual(seen.later, seen.fast, 'the slow answer changed the page after the switch');
  assert.equal(seen.slowSlotChildren, 0, 'the old slot was emptied and stayed empty');
  assert.equal(seen.errors, 0);
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});

test('another account\'s token gets 403 and an expired one 401, each with a clear message', async () => {
  const { url } = await api();
  const page = await loadWidget({
    6001: token(url),
    3412001: token(url, { expiresIn: -3600 }),
  });
  const seen = await page.evaluate(async () => {
    const d = window.__docs;
    d.driver.openLead({ ...__e2e.FIXTURES.leads['3412001'], id: '6001' });
    const forbidden = await d.settled();
    d.driver.openLead('3412001');
    const expired = await d.settled();
    return { forbidden, expired, errors: d.errors.length };
  });
  assert.equal(seen.forbidden.error, 'forbidden');
  assert.equal(seen.forbidden.message, 'These documents belong to another account.');
  assert.deepEqual(seen.forbidden.titles, []);
  assert.equal(seen.expired.error, 'unauthorized');
  assert.match(seen.expired.message, /^Your access to this lead has expired/);
  assert.equal(seen.errors, 0);
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});

test('a server that does not list the page\'s origin is refused by the browser (CORS)', async () => {
  // Only the vendor's account domains: the emulated cabinet's origin is not among them.
  const { url } = await startBackend([]);
  const lead = token(url);
  // The server itself answers (CORS is the browser's to enforce), without naming the origin.
  const direct = await fetch(`${url}/leads/3412001/documents`, {
    headers: { Authorization: `Bearer ${lead}`, Origin: cabinet.origin },
  });
  assert.equal(direct.status, 200);
  assert.equal(direct.headers.get('access-control-allow-origin'), null);
  const page = await loadWidget({ 3412001: lead });
  const seen = await page.evaluate(async ({ url, lead }) => {
    const d = window.__docs;
    let fromPage;
    try {
      await fetch(`${url}/leads/3412001/documents`, { headers: { Authorization: `Bearer ${lead}` } });
      fromPage = 'answered';
    } catch (error) {
      fromPage = error.name;
    }
    d.driver.openLead('3412001');
    return { fromPage, shown: await d.settled(), errors: d.errors.length };
  }, { url, lead });
  assert.equal(seen.fromPage, 'TypeError');
  assert.equal(seen.shown.error, 'network');
  assert.match(seen.shown.message, /cannot be reached/);
  assert.equal(seen.errors, 0);
  await page.close();
});

test('the server down: the widget says so, the host keeps working, nothing is left behind', async () => {
  const { url } = await api();
  const down = `http://127.0.0.1:${await closedPort()}`;
  const page = await loadWidget({ 3412001: token(down), 3412002: token(url) });
  const seen = await page.evaluate(async () => {
    const d = window.__docs;
    const host = __e2e.host;
    const before = { subs: host.liveSubscriptions(), listeners: __e2e.listeners() };
    d.driver.openLead('3412001');
    const shown = await d.settled();
    // The host page goes on: another lead, its state, the widget again.
    host.setSys({ ...host.getStateSnapshot().sys, currencySymbol: '$' });
    d.driver.openLead('3412002');
    const next = await d.settled();
    d.driver.leaveLead();
    const settle = () => new Promise((r) => setTimeout(r, 50));
    await settle();
    const baseline = d.widget.__amoStats();
    // Twenty more visits, half of them to the dead server, each left while its call may be in flight.
    for (let i = 0; i < 20; i++) {
      d.driver.openLead(i % 2 ? '3412002' : '3412001');
      if (i % 4 === 0) await d.settled();
      d.driver.leaveLead();
    }
    await new Promise((r) => setTimeout(r, 500));
    return {
      shown,
      next,
      before,
      after: { subs: host.liveSubscriptions(), listeners: __e2e.listeners() },
      baseline,
      stats: d.widget.__amoStats(),
      errors: d.errors.length,
      callbackErrors: host.stats.callbackErrors.length,
    };
  });
  assert.equal(seen.shown.error, 'network');
  assert.match(seen.shown.message, /The documents server cannot be reached/);
  assert.deepEqual(seen.next.titles, ['Offer 9']);
  assert.equal(seen.after.subs, seen.before.subs, 'host subscriptions left');
  assert.equal(seen.after.listeners, seen.before.listeners, 'DOM listeners left');
  assert.equal(seen.stats.pendingTeardowns, 0);
  assert.equal(seen.stats.instances, 1, 'the widget never crashed');
  if (seen.baseline.externrefs !== null) {
    assert.equal(seen.stats.externrefs, seen.baseline.externrefs, 'wasm-bindgen heap slots left');
  }
  assert.equal(seen.errors, 0);
  assert.equal(seen.callbackErrors, 0);
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});

test('amo-widget serve starts the back end and its cabinet signs tokens the back end accepts', async () => {
  const served = await startServe([path.join(ROOT, 'examples/lead-documents')]);
  try {
    await served.waitFor(/lead-documents-server listening on/);
    await served.waitFor(/build 1 ok/);
    const page = await browser.newPage();
    page.pageErrors = [];
    page.on('pageerror', (e) => page.pageErrors.push(String(e)));
    await page.goto(`${served.origin}/cabinet/`);
    await page.waitForSelector('#widgets-bar [data-part="documents"] li, #widgets-bar [data-part="message"]');
    const shown = await page.$$eval('#widgets-bar [data-part="documents"] li, #widgets-bar [data-part="message"]', (els) =>
      els.map((e) => e.textContent),
    );
    assert.deepEqual(shown, ['Договор поставки № 17', 'Счёт № 254 от 12.03']);
    // The tokens are signed: a copy with another signature is refused by the same server.
    const { tokens } = await (await fetch(`${served.origin}/cabinet/tokens.json`)).json();
    const good = tokens['3412001'];
    const forged = good.slice(0, good.lastIndexOf('.') + 1) + 'AAAA' + good.slice(good.lastIndexOf('.') + 5);
    const ask = (t) => fetch('http://127.0.0.1:3030/leads/3412001/documents', { headers: { Authorization: `Bearer ${t}` } });
    assert.equal((await ask(good)).status, 200);
    assert.equal((await ask(forged)).status, 401);
    assert.deepEqual(page.pageErrors, []);
    await page.close();
  } finally {
    await served.stop();
  }
  // Stopping serve stops the back end.
  await assert.rejects(fetch('http://127.0.0.1:3030/health'));
});
