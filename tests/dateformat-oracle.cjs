// The oracle for tests/dateformat_differential.rs: the real npm dateformat 4.6.3.
// stdin: JSON { "masks": [..], "stamps": [..] }; stdout: JSON [[output per mask] per stamp].
// The time zone is the process's TZ, set by the test.
'use strict';
const dateFormat = require('dateformat');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => {
  const { masks, stamps } = JSON.parse(input);
  const out = stamps.map((ms) => {
    const date = new Date(ms);
    return masks.map((mask) => dateFormat(date, mask));
  });
  process.stdout.write(JSON.stringify(out));
});
