// The plain-JavaScript equivalent of the verification bench: npm `jsonwebtoken` verifies
// HS256 tokens and a Set refuses a jti seen before (what an express back end would write).
// A second figure does the same by hand with node:crypto (HMAC, timingSafeEqual, JSON.parse),
// the fastest plain-JS way. Usage: node verify.cjs <count> <secret>;
// prints {"per_second": N, "crypto_per_second": M}.
'use strict';
const crypto = require('crypto');
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
function timed(verify) {
  const seen = new Set();
  const started = process.hrtime.bigint();
  let accepted = 0;
  for (const token of tokens) {
    const claims = verify(token);
    if (seen.has(claims.jti)) continue;
    seen.add(claims.jti);
    accepted++;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (accepted !== count) throw new Error(`accepted ${accepted} of ${count}`);
  return count / seconds;
}

const library = timed((token) => jwt.verify(token, secret, {
  algorithms: ['HS256'], audience: 'https://external.integration.io', clockTolerance: 30,
}));

const key = Buffer.from(secret);
const byHand = timed((token) => {
  const [header, payload, signature] = token.split('.');
  if (JSON.parse(Buffer.from(header, 'base64url')).alg !== 'HS256') throw new Error('alg');
  const mac = crypto.createHmac('sha256', key).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== mac.length || !crypto.timingSafeEqual(given, mac)) throw new Error('sig');
  const claims = JSON.parse(Buffer.from(payload, 'base64url'));
  const now = Date.now() / 1000;
  if (!(now < claims.exp + 30) || !(now + 30 >= claims.nbf)) throw new Error('time');
  if (claims.aud !== 'https://external.integration.io') throw new Error('aud');
  return claims;
});
process.stdout.write(JSON.stringify({ per_second: library, crypto_per_second: byHand }));


