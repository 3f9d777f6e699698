// The local client cabinet's server: the emulated cabinet page at /cabinet/, and the widget's
// personal_page.js at / with CORS, which is what a real cabinet's
// `AMOCRM.developer.addWidget({ script: 'http://localhost:3000' })` fetches.
//
// Usage: node cabinet/serve.mjs [--widget DIR] [--port 3000] [--host 127.0.0.1]

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
};

// Only these trees are served from the repository: the page, the host emulation and the host's
// own npm modules. Nothing else in the checkout is exposed.
const PUBLIC = ['cabinet/', 'host-emulation/', 'node_modules/requirejs/', 'node_modules/jquery/dist/', 'node_modules/dateformat/lib/'];

function resolveUnder(base, relative) {
  const file = path.resolve(base, '.' + path.posix.normalize('/' + relative));
  return file === base || file.startsWith(base + path.sep) ? file : null;
}

/** Maps a request path to a file, or null (404). */
export function route(urlPath, widgetDir) {
  if (urlPath === '/' || urlPath === '/personal_page.js') return path.join(widgetDir, 'personal_page.js');
  if (urlPath === '/cabinet' || urlPath === '/cabinet/') return path.join(ROOT, 'cabinet/index.html');
  if (urlPath.startsWith('/widget/')) return resolveUnder(widgetDir, urlPath.slice('/widget/'.length));
  const relative = urlPath.slice(1);
  if (!PUBLIC.some((prefix) => relative.startsWith(prefix))) return null;
  return resolveUnder(ROOT, relative);
}

/** Starts the server; resolves to { server, origin }. Port 0 picks a free port. */
export function serve({ widgetDir, port = 3000, host = '127.0.0.1' }) {
  const dir = path.resolve(widgetDir);
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = route(urlPath, dir);
    // The dev loop loads the widget cross-origin from the real cabinet.
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cache-Control', 'no-store');
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, OPTIONS');
      res.writeHead(204).end();
      return;
    }
    fs.readFile(file ?? '', (err, body) => {
      if (err || !file) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`not found: ${urlPath}\n`);
        return;
      }
      const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      res.writeHead(200, { 'Content-Type': type }).end(req.method === 'HEAD' ? undefined : body);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve({ server, origin: `http://${host === '0.0.0.0' ? 'localhost' : host}:${address.port}` });
    });
  });
}

function arg(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const widgetDir = arg('--widget', path.join(ROOT, 'target/widgets/hello'));
  if (!fs.existsSync(path.join(widgetDir, 'personal_page.js'))) {
    console.error(`no personal_page.js in ${widgetDir}: build the widget first (cargo xtask dist)`);
    process.exit(1);
  }
  const { origin } = await serve({
    widgetDir,
    port: Number(arg('--port', 3000)),
    host: arg('--host', '127.0.0.1'),
  });
  // What a person types: the vendor's instructions say localhost.
  const shown = origin.replace('//127.0.0.1:', '//localhost:');
  console.log(`local cabinet:  ${shown}/cabinet/`);
  console.log(`widget script:  ${shown}/  (${path.relative(process.cwd(), widgetDir) || '.'}/personal_page.js)`);
  console.log(`in a real cabinet's console: AMOCRM.developer.addWidget({ script: '${shown}', token: '' })`);
  console.log('Ctrl-C stops the server.');
}
