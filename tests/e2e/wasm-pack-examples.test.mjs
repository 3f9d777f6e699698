// Authors who use wasm-pack are our users too: `wasm-pack build` and `wasm-pack test --headless
// --chrome` work in every wasm example, as they do in the crate `amo-widget new` makes
// (author-path.test.mjs). `--mode no-install` makes wasm-pack fail instead of downloading: the
// wasm-bindgen CLI on PATH (cargo xtask setup) matches the lockfile, chromedriver comes from apt.
// The release profile's `[package.metadata.wasm-pack.profile.release] wasm-opt = false` keeps
// wasm-pack from fetching binaryen.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './support/harness.mjs';

const chromedriver = spawnSync('sh', ['-c', 'command -v chromedriver'], { encoding: 'utf8' }).stdout.trim();

function wasmPack(args) {
  const run = spawnSync('wasm-pack', args, { cwd: ROOT, encoding: 'utf8', timeout: 20 * 60 * 1000 });
  assert.equal(run.status, 0, `wasm-pack ${args.join(' ')}\n${run.stdout}${run.stderr}`);
  return run.stdout + run.stderr;
}

// [example, browser tests it has]
for (const [example, tests] of [['hello', false], ['lead-card', true], ['leptos-lead', true]]) {
  test(`wasm-pack build examples/${example}`, () => {
    const out = path.join(ROOT, 'target/wasm-pack', example);
    fs.rmSync(out, { recursive: true, force: true });
    wasmPack(['build', `examples/${example}`, '--target', 'no-modules', '--mode', 'no-install', '--no-pack', '--out-dir', out]);
    const wasm = path.join(out, `${example.replace(/-/g, '_')}_bg.wasm`);
    assert.ok(fs.statSync(wasm).size > 1000, `${wasm} was written`);
    assert.ok(fs.existsSync(path.join(out, `${example.replace(/-/g, '_')}.js`)));
  });

  if (tests) {
    test(`wasm-pack test --headless --chrome examples/${example}`, () => {
      const said = wasmPack(['test', '--headless', '--chrome', '--chromedriver', chromedriver, '--mode', 'no-install', `examples/${example}`]);
      const passed = [...said.matchAll(/test result: ok\. (\d+) passed; 0 failed/g)].map((m) => Number(m[1]));
      assert.ok(passed.some((n) => n > 0), `browser tests ran and passed:\n${said}`);
      assert.doesNotMatch(said, /test result: FAILED/);
    });
  }
}
