// The plain-JavaScript equivalent of the verification bench: npm `jsonwebtoken` verifies
// HS256 tokens and a Set refuses a jti seen before (what an express back end would write).
// Usage: node verify.cjs <count> <secret>; prints {"per_second": N}.
'use strict';
const jwt = require('jsonwebtoken');

const [count, secret] = [Number(process.argv[2]), process.argv[3]];
const now = Math.floor(Date.now() / 1000);
const tokens = [];
for (let i = 0; i < count; i++) {
  tokens.push(jwt.sign({
    iss: 'https://subdomain.amocrm.ru', aud: 'https://external.integration.io',
    jti: `js-${i}`, iat: now, nbf: now, exp: now + 1800, account_id: 12345678,
    user_id: 87654321, subdomain: 'subdomain', client_uuid: '0b0832f6-d123-4123-9123-e73f236833c',
    data: { entity_type: 'leads', entity_id: 4242 },
  }, secret, { algorithm: 'HS256', noTimestamp: true }));
}
const seen = new Set();
const started = process.hrtime.bigint();
let accepted = 0;
for (const token of tokens) {
  const claims = jwt.verify(token, secret, {
    algorithms: ['HS256'], audience: 'https://external.integration.io', clockTolerance: 30,
  });
  if (seen.has(claims.jti)) continue;
  seen.add(claims.jti);
  accepted++;
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
if (accepted !== count) throw new Error(`accepted ${accepted} of ${count}`);
process.stdout.write(JSON.stringify({ per_second: count / seconds }));
