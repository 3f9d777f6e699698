// Mints JWTs with npm `jsonwebtoken`, an implementation independent of ours, for the Rust
// tests. Reads a JSON array of specs on stdin, prints a JSON array of tokens on stdout.
//
// spec: { payload: object | string, secret?: string, algorithm?: "HS256" | "HS512" | "RS256" | "none",
//         header?: object }
// RS256 tokens are signed with a key pair generated here; `none` tokens carry no signature.
'use strict';
const jwt = require('jsonwebtoken');
const crypto = require('crypto');

let rsaKey = null;
function privateKey() {
  if (!rsaKey) {
    rsaKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  }
  return rsaKey;
}

function mint(spec) {
  const algorithm = spec.algorithm || 'HS256';
  // No automatic `iat`: the tests set every claim themselves. (`noTimestamp` also deletes a
  // given `iat`, and string payloads refuse it.)
  const options = { algorithm };
  if (typeof spec.payload === 'object' && !('iat' in spec.payload)) options.noTimestamp = true;
  if (spec.header) options.header = spec.header;
  let key = spec.secret;
  if (algorithm === 'RS256') key = privateKey();
  if (algorithm === 'none') key = null;
  return jwt.sign(spec.payload, key, options);
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => {
  const specs = JSON.parse(input);
  process.stdout.write(JSON.stringify(specs.map(mint)));
});
