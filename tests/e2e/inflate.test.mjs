// The shim inflates the inlined WebAssembly itself (synchronously). Its inflate is checked here
// against node's zlib on every DEFLATE block type: stored, fixed and dynamic Huffman codes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import path from 'node:path';
import { ROOT } from './support/harness.mjs';

const shim = fs.readFileSync(path.join(ROOT, 'js-shim/personal_page.js'), 'utf8');
const start = shim.indexOf('  function inflate(src, size) {');
const end = shim.indexOf('\n  }\n', start) + 4;
assert.ok(start > 0 && end > start, 'the shim has an inflate function');
const inflate = new Function(`${shim.slice(start, end)}; return inflate;`)();

function roundTrip(data, options) {
  const packed = zlib.deflateRawSync(data, options);
  const out = inflate(new Uint8Array(packed), data.length);
  assert.equal(Buffer.compare(Buffer.from(out), data), 0);
  return packed.length;
}

test('inflate matches zlib on text, random bytes and real WebAssembly', () => {
  const text = Buffer.from('WIDGET registerWidgetsBarSlot inited at 12:34 '.repeat(500));
  const random = crypto.randomBytes(70000);
  const wasm = [
    'target/amo-widget/hello/personal_page.opt.wasm',
    'target/amo-widget/probe-widget/personal_page.opt.wasm',
  ]
    .map((p) => path.join(ROOT, p))
    .filter((p) => fs.existsSync(p))
    .map((p) => fs.readFileSync(p));
  for (const data of [Buffer.alloc(0), Buffer.from('a'), text, random, ...wasm]) {
    for (const level of [0, 1, 6, 9]) roundTrip(data, { level });
    roundTrip(data, { strategy: zlib.constants.Z_FIXED });
    roundTrip(data, { strategy: zlib.constants.Z_HUFFMAN_ONLY });
    roundTrip(data, { strategy: zlib.constants.Z_RLE });
  }
});

test('inflate refuses truncated and oversized input instead of returning garbage', () => {
  const data = Buffer.from('x'.repeat(1000) + 'y'.repeat(1000));
  const packed = new Uint8Array(zlib.deflateRawSync(data));
  assert.throws(() => inflate(packed.subarray(0, packed.length - 2), data.length));
  assert.throws(() => inflate(packed, data.length - 1));
});
