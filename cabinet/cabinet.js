// The local client cabinet: the shared host emulation driving one widget, with lead switching,
// the widgets bar, the widget's console output on the page, and AMOCRM.developer.addWidget.
// Every value from the host or the widget reaches the DOM as text, never as HTML.

import { createHost, createDriver, FIXTURES, HOST_MODULE_PATHS } from '/host-emulation/amocrm-host.js';

requirejs.config({ paths: HOST_MODULE_PATHS });

const host = createHost();
host.registerModules(define, require);

const $ = (id) => document.getElementById(id);
const bar = $('widgets-bar');
let driver = null;
let current = null; // { script, token }

// Mirror the widget's console on the page; the real console still gets every line.
const consoleList = $('console');
for (const level of ['log', 'warn', 'error']) {
  const original = console[level].bind(console);
  console[level] = (...args) => {
    original(...args);
    const li = document.createElement('li');
    li.className = level;
    li.textContent = args.map((a) => (typeof a === 'string' ? a : safeString(a))).join(' ');
    consoleList.appendChild(li);
  };
}

function safeString(value) {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function base64url(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// A JWT-shaped token with the documented claims. It is not signed (the emulation has no
// client_secret): widgets may read it with unverified_claims, a back end would reject it.
function demoToken(leadId) {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'HS256', typ: 'JWT' };
  const claims = {
    iss: 'https://example.amocrm.ru',
    aud: 'http://localhost:3000',
    jti: crypto.randomUUID(),
    iat: now,
    nbf: now,
    exp: now + 1800,
    account_id: 29001,
    user_id: 501,
    client_uuid: '0b0832f6-d123-4123-9123-e73f236833c0',
    subdomain: 'example',
    data: { entity_type: 'leads', entity_id: Number(leadId) },
  };
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}.unsigned-local-cabinet`;
}

function row(list, name, value) {
  const dt = document.createElement('dt');
  dt.textContent = name;
  const dd = document.createElement('dd');
  dd.textContent = value;
  list.append(dt, dd);
}

function showValue(value) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return safeString(value);
  return String(value);
}

function renderLead(leadId) {
  const lead = FIXTURES.leads[leadId];
  const leadList = $('lead');
  const fieldList = $('fields');
  leadList.replaceChildren();
  fieldList.replaceChildren();
  row(leadList, 'id', lead.id);
  row(leadList, 'статус', lead.statuses.map((s) => s.name).join(', '));
  row(leadList, 'менеджер', FIXTURES.authors[lead.managerId]?.name ?? lead.managerId);
  row(leadList, 'контакты', Object.values(lead.contacts).map((c) => c.name).join(', ') || '—');
  row(leadList, 'компания', lead.company ? lead.company.name : '—');
  const ids = [...lead.fieldIds, ...Object.values(lead.contacts).flatMap((c) => c.fieldIds), ...(lead.company?.fieldIds ?? [])];
  for (const id of ids) {
    const field = FIXTURES.leadFields[id];
    if (field) row(fieldList, field.name, showValue(field.value));
  }
  for (const button of $('leads').children) button.setAttribute('aria-current', String(button.dataset.lead === leadId));
}

function openLead(leadId) {
  renderLead(leadId);
  if (driver) driver.openLead(leadId);
  window.__cabinet.activeLead = leadId;
}

function loadWidget({ script, token }) {
  if (driver) driver.destroy();
  driver = null;
  current = { script, token };
  requirejs.undef(script);
  return new Promise((resolve, reject) => {
    require(
      [script],
      (widget) => {
        try {
          driver = createDriver(host, widget, {
            container: bar,
            token: (leadId) => (current.token ?? demoToken(leadId)),
          });
        } catch (error) {
          console.error('the widget module is not a personal_page widget:', error);
          reject(error);
          return;
        }
        openLead(window.__cabinet.activeLead);
        resolve(driver);
      },
      (error) => {
        console.error(`could not load ${script}:`, error);
        reject(error);
      },
    );
  });
}

for (const leadId of Object.keys(FIXTURES.leads)) {
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset.lead = leadId;
  button.textContent = `Сделка #${leadId}`;
  button.addEventListener('click', () => openLead(leadId));
  $('leads').appendChild(button);
}
$('title').textContent = FIXTURES.sys.pageTitle;

// The developer utils of a real cabinet: load a widget straight from the author's machine.
window.AMOCRM = {
  developer: {
    addWidget({ script, token }) {
      loadWidget({ script, token: token === undefined ? null : String(token) });
    },
  },
};

// For the end-to-end test and for poking around from the console.
window.__cabinet = {
  host,
  activeLead: Object.keys(FIXTURES.leads)[0],
  openLead,
  loadWidget,
  get driver() {
    return driver;
  },
};

const params = new URLSearchParams(location.search);
const script = params.get('widget') ?? '/personal_page.js';
renderLead(window.__cabinet.activeLead);
window.__cabinet.ready = loadWidget({ script, token: params.get('token') }).then(
  () => true,
  () => false,
);
