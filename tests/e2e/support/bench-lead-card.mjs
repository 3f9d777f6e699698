// The lead card's decode-and-format step, Rust against plain JavaScript in the same page: a
// 500-field `leadFields` (every type, every plausible value shape) formatted in the account's
// formats with the host's real `dateformat`. Both must produce the same text before they are
// timed. Usage: node bench-lead-card.mjs ROUNDS OUT.json
// The Rust side is examples/lead-card's formatting exported by bench/lead-card (`cargo xtask
// bench` builds it into target/bench/lead-card/); the JavaScript side is bench/lead-card/format.js.
// PROFILE=N: then Chrome's CPU profile over N calls of each side, self time per function (the
// breakdown in bench/README.md; wasm functions are named when the module kept its names).

import fs from 'node:fs';
import { startServer, launch, openCabinet, requireBuilt, cpuProfile } from './harness.mjs';

const rounds = Number(process.argv[2] ?? 30);
const out = process.argv[3];
const RUST = '/target/bench/lead-card/lead_card.js';
requireBuilt(RUST);

const FIELDS = 500;
const CALLS_PER_ROUND = 20;

const server = await startServer();
const browser = await launch();
try {
  const page = await openCabinet(browser, server);
  const result = await page.evaluate(
    async ([rustUrl, fieldCount, rounds, calls]) => {
      const [dateFormat] = await Promise.all([__e2e.load('dateformat')]);
      const wasm = await import(rustUrl);
      await wasm.default();
      const js = await import('/bench/lead-card/format.js');

      // Every type in each shape the card accepts, cycled to `fieldCount` fields.
      const NOON = 1763722800;
      const shapes = [
        ['text', 'Позвонить после обеда'],
        ['text', [{ value: 'в конверте' }]],
        ['numeric', 42.5],
        ['numeric', '120'],
        ['checkbox', true],
        ['checkbox', '0'],
        ['date', NOON],
        ['date', [{ value: String(NOON) }]],
        ['select', { id: '301', value: 'Расширенный' }],
        ['select', [{ enum_id: 5, value: 'Pro' }]],
        ['multiselect', [{ id: '311', value: 'Монтаж' }, { id: '312', value: 'Доставка' }]],
        ['url', 'https://example.com/order/42'],
        ['textarea', 'Первая строка\nВторая строка'],
        ['radiobutton', { id: '321', value: 'Безналичная' }],
        ['streetaddress', 'Москва, ул. Тверская, д. 1'],
        ['smartAddress', { address_line_1: 'ул. Тверская, д. 1', city: 'Москва', zip: '125009', country: 'RU' }],
        ['smartAddress', [{ value: 'Berlin', subtype: 'city' }, { value: 'DE', subtype: 'country' }]],
        ['legalEntity', [{ name: 'ООО «Ромашка»', entity_type: 1, vat_id: '7701234567', kpp: '770101001' }]],
        ['birthday', 631152000],
        ['dateTime', NOON + 3600],
        ['budget', 150000],
        ['budget', '1234567.5'],
        ['multitext', [{ value: '+7 912 345-67-89', enum_code: 'WORK' }, { value: '+7 900 000-00-00', enum_code: 'MOB' }]],
        ['multitext', ['ivan@example.com']],
        ['chainedList', { a: 1, b: 'x' }],
      ];
      const leadFields = {};
      for (let i = 0; i < fieldCount; i++) {
        const [type, value] = shapes[i % shapes.length];
        const id = String(1000 + i);
        leadFields[id] = { id, source: 'lead', name: `${type} ${i}`, type, value };
      }
      const sys = __e2e.FIXTURES.sys;

      const rustText = wasm.formatFieldsText(leadFields, sys, dateFormat);
      const jsText = js.formatFieldsText(leadFields, sys, dateFormat);
      if (rustText !== jsText) {
        const a = rustText.split('\n');
        const b = jsText.split('\n');
        const at = a.findIndex((line, i) => line !== b[i]);
        return { mismatch: { line: at, rust: a[at], js: b[at] } };
      }
      const rustLines = wasm.formatFields(leadFields, sys, dateFormat);
      const jsLines = js.formatFieldsCount(leadFields, sys, dateFormat);

      const time = (f) => {
        const t0 = performance.now();
        let sink = 0;
        for (let i = 0; i < calls; i++) sink += f();
        const ms = (performance.now() - t0) / calls;
        if (sink !== calls * rustLines) throw new Error('a formatter lost lines');
        return ms;
      };
      const rustCall = () => wasm.formatFields(leadFields, sys, dateFormat);
      const jsCall = () => js.formatFieldsCount(leadFields, sys, dateFormat);
      window.__bench = { rust: rustCall, js: jsCall };
      // Warm-up: both paths compiled and optimised before the first timed call.
      for (let i = 0; i < 5; i++) {
        time(rustCall);
        time(jsCall);
      }
      const rust = [];
      const plain = [];
      for (let r = 0; r < rounds; r++) {
        // Interleaved, alternating which goes first, so drift hits both alike.
        if (r % 2) {
          rust.push(time(rustCall));
          plain.push(time(jsCall));
        } else {
          plain.push(time(jsCall));
          rust.push(time(rustCall));
        }
      }
      const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
      return {
        fields: fieldCount,
        lines: rustLines,
        jsLines,
        textBytes: rustText.length,
        rust: { median: median(rust), min: Math.min(...rust), max: Math.max(...rust) },
        js: { median: median(plain), min: Math.min(...plain), max: Math.max(...plain) },
        // Each round's two timings are taken back to back: the median of their ratios is the
        // figure least moved by the machine's load drifting between rounds.
        ratio: median(rust.map((r, i) => r / plain[i])),
      };
    },
    [RUST, FIELDS, rounds, CALLS_PER_ROUND],
  );
  if (page.pageErrors.length) throw new Error(`page errors: ${page.pageErrors.join('; ')}`);
  if (result.mismatch) {
    throw new Error(
      `Rust and JavaScript format differently at line ${result.mismatch.line}:\n  rust: ${result.mismatch.rust}\n  js:   ${result.mismatch.js}`,
    );
  }
  if (process.env.PROFILE) {
    const calls = Number(process.env.PROFILE);
    for (const side of ['rust', 'js']) {
      const top = await cpuProfile(page, () =>
        page.evaluate(([side, calls]) => { for (let i = 0; i < calls; i++) window.__bench[side](); }, [side, calls]),
      );
      console.log(`profile of ${calls} calls, ${side}: self time by function`);
      for (const { name, share } of top.slice(0, 30)) console.log(`  ${(share * 100).toFixed(1).padStart(5)}%  ${name}`);
    }
  }
  result.rounds = rounds;
  result.callsPerRound = CALLS_PER_ROUND;
  if (out) fs.writeFileSync(out, JSON.stringify(result, null, 1));
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
  await server.close();
}
