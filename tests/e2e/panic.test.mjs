// A panic in a widget callback (panic = "abort": a trap) is logged once with the Rust message,
// nothing reaches the host's stack, other widgets keep working, the dead instance's host
// subscriptions are released, and the widget comes back on the next initLead.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openCabinet, lines, BUNDLES, requireBuilt } from './support/harness.mjs';

let server;
let browser;
let copies = 0;
const fresh = (url) => `/copy-${++copies}${url}`;

before(async () => {
  requireBuilt(BUNDLES.probe);
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Loads two probe copies; `a` gets `tokenA(leadId)`, `b` gets ordinary tokens. */
async function scenario(page, tokenA, steps) {
  return page.evaluate(
    async ([urlA, urlB, tokens, steps]) => {
      const a = await __e2e.load(urlA);
      const b = await __e2e.load(urlB);
      const da = __e2e.createDriver(__e2e.host, a, { token: (id) => tokens[id] ?? 'a-' + id });
      const db = __e2e.createDriver(__e2e.host, b, { token: (id) => 'b-' + id });
      const out = [];
      for (const step of steps) {
        if (step === 'update') {
          __e2e.host.setLead({ ...__e2e.host.getStateSnapshot().lead });
        } else {
          const [who, lead] = step.split(':');
          (who === 'a' ? da : db).openLead(lead);
        }
        out.push({
          step,
          a: da.slotElement ? da.slotElement.textContent : null,
          b: db.slotElement ? db.slotElement.textContent : null,
          subs: __e2e.host.liveSubscriptions(),
          stats: a.__amoStats(),
        });
      }
      da.destroy();
      db.destroy();
      return {
        out,
        hostErrors: [...da.errors, ...db.errors].map((e) => String(e.error)),
        callbackErrors: __e2e.host.stats.callbackErrors.map(String),
        subsAfter: __e2e.host.liveSubscriptions(),
      };
    },
    [fresh(BUNDLES.probe), fresh(BUNDLES.probe), tokenA, steps],
  );
}

function assertContained(page, result, message) {
  const errors = lines(page, 'error');
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(errors[0], new RegExp(message));
  assert.match(errors[0], /panicked at .*src\/lib\.rs/);
  assert.deepEqual(result.hostErrors, []);
  assert.deepEqual(result.callbackErrors, []);
  assert.deepEqual(page.pageErrors, []);
  assert.equal(result.subsAfter, 0);
}

test('a panic in init_lead is contained and the widget comes back on the next initLead', async () => {
  const page = await openCabinet(browser, server);
  const result = await scenario(page, { '3412002': 'panic-init' }, [
    'a:3412001', 'b:3412001', 'a:3412002', 'b:3412002', 'a:3412001',
  ]);
  assertContained(page, result, 'probe panicked on demand in init_lead');
  const [, , crashed, other, back] = result.out;
  assert.equal(crashed.a, '', 'the crashed lead has no slot content');
  assert.equal(crashed.stats.live, false);
  assert.equal(crashed.subs, 2 - 1, "only b's subscription is left: the dead instance's was released");
  assert.equal(other.b, 'probe b-3412002', 'the other widget keeps working');
  assert.equal(back.a, 'probe a-3412001');
  assert.equal(back.stats.instances, 2, 'a fresh instance');
  assert.equal(back.stats.live, true);
  await page.close();
});

test('a panic in widgets_bar_slot is contained and the slot comes back on the next initLead', async () => {
  const page = await openCabinet(browser, server);
  const result = await scenario(page, { '3412002': 'panic-slot' }, ['a:3412002', 'b:3412002', 'a:3412001']);
  assertContained(page, result, 'probe panicked on demand in widgets_bar_slot');
  assert.equal(result.out[1].b, 'probe b-3412002');
  assert.equal(result.out[2].a, 'probe a-3412001');
  assert.equal(result.out[2].stats.instances, 2);
  await page.close();
});

test('a panic in a subscription callback called by the host is contained', async () => {
  const page = await openCabinet(browser, server);
  const result = await scenario(page, { '3412002': 'panic-update' }, [
    'a:3412002', 'b:3412002', 'update', 'update', 'a:3412001',
  ]);
  assertContained(page, result, 'probe panicked on demand in a subscription callback');
  const [, , crashed, again, back] = result.out;
  assert.equal(crashed.stats.live, false);
  assert.equal(crashed.subs, 1, "the dead instance's subscription was released");
  assert.equal(again.subs, 1);
  assert.equal(back.a, 'probe a-3412001');
  assert.equal(back.stats.instances, 2);
  await page.close();
});
