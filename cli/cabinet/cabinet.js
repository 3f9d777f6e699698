// The emulated client cabinet of `amo-widget serve`: the one host emulation (amocrm-host.js)
// driving the widget through the documented lifecycle, the real host modules under requirejs,
// the lead data in the sidebar in the account's formats, developer controls and panels, and
// live reload over server-sent events. Every string from the fixtures, the state editor or the
// widget reaches the DOM through textContent, never as HTML.

import { createHost, createDriver, CONSTANTS, SLOT_SHAPES } from '/cabinet/amocrm-host.js';
import { formatField } from '/cabinet/format.js';
// The page's own words, by language (the account's `sys.lang`, English otherwise).
import TEXT from '/cabinet/text.json' with { type: 'json' };

const $ = (id) => document.getElementById(id);
const ENTITIES = Object.values(CONSTANTS.PUBLIC_STATE_ENTITIES);
const SERVED = '/personal_page.js';

const CURRENCIES = ['₽', '$', '€', '₸', '₴', 'R$', '£'];

let fixtures = null; // { sys, leads, leadFields, authors }, from /cabinet/fixtures.json
let host = null;
let dateformat = null;
let driver = null;
let widgetModule = null; // what the loaded personal_page.js returned, for a new driver
// What the slot holds (createDriver's slotShape): `?slot=content` or the control picks it.
let slotShape = SLOT_SHAPES.includes(new URLSearchParams(location.search).get('slot'))
  ? new URLSearchParams(location.search).get('slot')
  : 'element';
let current = null; // { script, token, added }
// Lead id → its token signed for the crate's back end (`amo-widget serve` with
// [package.metadata.amo-widget.backend]); empty without one, then tokens are unsigned demos.
let signedTokens = {};
let activeLead = null;
let loadedBuild = 0;
let fixturesVersion = 0;
let dark = false;
let uiLang = 'ru'; // the account's language, updated on every render
const t = (key) => (TEXT[uiLang] ?? TEXT.en)[key] ?? TEXT.en[key];

// ---------------------------------------------------------------- panels

const stamp = () => new Date().toISOString().slice(11, 23);

function logLine(list, text, className) {
  const li = document.createElement('li');
  if (className) li.className = className;
  const time = document.createElement('span');
  time.className = 'time';
  time.textContent = stamp();
  const message = document.createElement('span');
  message.className = 'msg';
  message.textContent = text;
  li.append(time, message);
  list.appendChild(li);
  list.scrollTop = list.scrollHeight;
  return li;
}

function lifecycle(text, className) {
  window.__cabinet.lifecycle.push(text);
  logLine($('lifecycle'), text, className);
  // The driver reports a call before making it: count after the widget has run.
  setTimeout(refreshSubscriptions, 0);
}

function safeString(value) {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

// The widget shares the page: its console output is mirrored in the panel (the real console
// still gets every line).
for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
  const original = console[level].bind(console);
  console[level] = (...args) => {
    original(...args);
    logLine($('console'), args.map(safeString).join(' '), level);
  };
}
window.addEventListener('error', (e) => logLine($('console'), `uncaught: ${e.message}`, 'error'));

function refreshSubscriptions() {
  if (!host) return;
  const rows = ENTITIES.map((entity) => {
    const tr = document.createElement('tr');
    tr.dataset.entity = entity;
    const name = document.createElement('td');
    name.textContent = entity;
    const count = document.createElement('td');
    count.textContent = String(host.liveSubscriptions(entity));
    tr.append(name, count);
    return tr;
  });
  $('subscriptions').replaceChildren(...rows);
}

// ---------------------------------------------------------------- the sidebar

function fieldRows(list, ids) {
  const state = host.getStateSnapshot();
  for (const id of ids ?? []) {
    const field = state.leadFields?.[String(id)];
    if (!field) continue;
    const dt = document.createElement('dt');
    dt.textContent = String(field.name ?? id);
    const dd = document.createElement('dd');
    dd.dataset.type = String(field.type);
    dd.dataset.field = String(id);
    const shown = formatField(field, state.sys, dateformat);
    if (shown.href) {
      const a = document.createElement('a');
      a.href = shown.href;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      a.textContent = shown.text;
      dd.appendChild(a);
    } else if (shown.text === '') {
      dd.className = 'empty';
      dd.textContent = '—';
    } else {
      dd.textContent = shown.text;
    }
    list.append(dt, dd);
  }
}

function initials(name) {
  return String(name ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0].toUpperCase())
    .join('');
}

function renderSidebar() {
  const state = host.getStateSnapshot();
  const sys = state.sys ?? {};
  const lead = state.lead;
  uiLang = String(sys.lang ?? 'ru');
  document.documentElement.lang = uiLang;
  $('page-title').textContent = String(sys.pageTitle ?? 'Кабинет клиента');
  document.title = String(sys.pageTitle ?? 'Кабинет клиента');
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  $('ctl-theme').textContent = dark ? t('themeLight') : t('theme');
  $('widgets-bar').dataset.empty = t('noWidget');

  const fields = $('lead-fields');
  fields.replaceChildren();
  if (!lead) {
    $('lead-name').textContent = '…';
    return;
  }
  $('lead-name').textContent = String(lead.name ?? `${t('leadN')} #${lead.id}`);
  $('lead-id').textContent = `#${lead.id}`;
  const status = Array.isArray(lead.statuses) ? lead.statuses[0] : null;
  $('status-name').textContent = status ? String(status.name ?? '') : '';
  $('status-dot').style.background = status && /^#[0-9a-f]{3,8}$/i.test(String(status.color)) ? status.color : '';
  const manager = state.authors?.[String(lead.managerId)];
  $('manager-name').textContent = manager ? `${t('manager')}: ${manager.name}` : '';
  $('manager-avatar').textContent = manager ? initials(manager.name) : '';
  fieldRows(fields, lead.fieldIds);

  const contacts = Object.values(lead.contacts ?? {});
  const contactBox = $('contacts');
  contactBox.replaceChildren();
  if (contacts.length === 0) {
    const none = document.createElement('div');
    none.className = 'none';
    none.textContent = t('noContacts');
    contactBox.appendChild(none);
  }
  for (const contact of contacts) {
    const box = document.createElement('div');
    box.className = 'entity';
    const name = document.createElement('div');
    name.className = 'entity-name';
    name.textContent = String(contact.name ?? contact.id);
    const list = document.createElement('dl');
    list.className = 'fields';
    fieldRows(list, contact.fieldIds);
    box.append(name, list);
    contactBox.appendChild(box);
  }

  const companyBox = $('company');
  companyBox.replaceChildren();
  if (!lead.company) {
    const none = document.createElement('div');
    none.className = 'none';
    none.textContent = t('noCompany');
    companyBox.appendChild(none);
  } else {
    const name = document.createElement('div');
    name.className = 'entity-name';
    name.textContent = String(lead.company.name ?? lead.company.id);
    const list = document.createElement('dl');
    list.className = 'fields';
    fieldRows(list, lead.company.fieldIds);
    companyBox.append(name, list);
  }
  for (const tab of $('lead-tabs').children) tab.setAttribute('aria-current', String(tab.dataset.lead === String(lead.id)));
  $('ctl-lead').value = String(activeLead);
  $('ctl-lang').value = String(sys.lang ?? '');
  $('ctl-date').value = String(sys.dateFormat ?? '');
  $('ctl-time').value = String(sys.timeFormat ?? '');
  $('ctl-currency').value = String(sys.currencySymbol ?? '');
}

function leadTitle(lead) {
  return String(lead.name ?? `#${lead.id}`);
}

function renderLeadChoices() {
  const tabs = Object.values(fixtures.leads).map((lead) => {
    const tab = document.createElement('button');
    tab.type = 'button';
    tab.className = 'lead-tab';
    tab.dataset.lead = String(lead.id);
    tab.textContent = leadTitle(lead);
    tab.addEventListener('click', () => openLead(String(lead.id)));
    return tab;
  });
  $('lead-tabs').replaceChildren(...tabs);
  options($('ctl-lead'), Object.values(fixtures.leads).map((l) => [String(l.id), `#${l.id} ${leadTitle(l)}`]));
}

function options(select, pairs) {
  select.replaceChildren(
    ...pairs.map(([value, label]) => {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = label;
      return option;
    }),
  );
}

// ---------------------------------------------------------------- the widget

function base64url(text) {
  let binary = '';
  for (const b of new TextEncoder().encode(text)) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// A JWT-shaped token with the documented claims, unsigned (the emulation has no client_secret):
// a widget may read it with unverified_claims, a back end must reject it.
function demoToken(leadId) {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: `${location.protocol}//example.amocrm.ru`, aud: location.origin, jti: crypto.randomUUID(),
    iat: now, nbf: now, exp: now + 1800, account_id: 29001, user_id: 501,
    client_uuid: '0b0832f6-d123-4123-9123-e73f236833c0', subdomain: 'example',
    data: { entity_type: 'leads', entity_id: Number(leadId) },
  };
  return `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}.unsigned-local-cabinet`;
}

function onDriverEvent(name, detail) {
  if (name.endsWith(':threw')) {
    lifecycle(`${name.replace(':threw', '')} threw: ${safeString(detail)}`, 'threw');
    return;
  }
  const shown = {
    initLead: `initLead (lead ${activeLead})`,
    registerWidgetsBarSlot: 'registerWidgetsBarSlot(el)',
    'registerWidgetsBarSlot:destroy': 'slot destructor',
    'initLead:destroy': 'initLead destructor',
  }[name] ?? name;
  lifecycle(shown, name.endsWith(':destroy') ? 'destroy' : '');
}

function loadWidget({ script, token = null, added = false }) {
  if (driver) driver.destroy();
  driver = null;
  current = { script, token, added };
  requirejs.undef(script);
  return new Promise((resolve, reject) => {
    require(
      [script],
      (widget) => {
        try {
          driver = makeDriver(widget);
        } catch (error) {
          console.error('the widget module is not a personal_page widget:', error);
          reject(error);
          return;
        }
        openLeadWith(activeLead);
        resolve(driver);
      },
      (error) => {
        requirejs.undef(script);
        console.error(`could not load ${script}:`, error);
        reject(error);
      },
    );
  });
}

/** The host's lifecycle driver over the loaded widget, with the slot shape picked. */
function makeDriver(widget) {
  const made = createDriver(host, widget, {
    container: $('widgets-bar'),
    token: (leadId) => current.token ?? signedTokens[leadId] ?? demoToken(leadId),
    onEvent: onDriverEvent,
    slotShape,
    slotHeader: t('widgetHeader'),
  });
  widgetModule = widget;
  return made;
}

/** Another slot shape: the widget's slot is destroyed and rendered again in that shape. */
function setSlotShape(shape) {
  slotShape = shape;
  $('ctl-slot').value = shape;
  lifecycle(`slot shape: ${shape}`, 'note');
  if (!driver || !widgetModule) return;
  driver.destroy();
  driver = makeDriver(widgetModule);
  openLeadWith(activeLead);
}

function openLeadWith(leadId) {
  activeLead = String(leadId);
  const model = fixtures.leads[activeLead];
  if (driver) {
    driver.openLead(model);
  } else {
    host.setRouterQuery({ leadId: activeLead, accountId: '29001' });
    host.setState('lead', JSON.parse(JSON.stringify(model)));
  }
  window.__cabinet.activeLead = activeLead;
  renderSidebar();
}

/** The user opens a lead. A widget added with addWidget is reset, as in the real cabinet. */
async function openLead(leadId) {
  if (current?.added) {
    lifecycle('lead switched: the widget added with addWidget is reset', 'note');
    activeLead = String(leadId);
    await loadWidget({ script: servedScript() }).catch(() => {});
    return;
  }
  openLeadWith(leadId);
}

function servedScript() {
  return loadedBuild ? `${SERVED}?build=${loadedBuild}` : SERVED;
}

// ---------------------------------------------------------------- live reload

function overlay(kind, message) {
  window.__cabinet.overlay[kind] = message;
  const shown = window.__cabinet.overlay.build !== null ? 'build' : window.__cabinet.overlay.fixtures !== null ? 'fixtures' : null;
  $('overlay').hidden = shown === null;
  if (shown === null) return;
  $('overlay-title').textContent = shown === 'build' ? t('buildError') : t('fixturesError');
  $('overlay-message').textContent = window.__cabinet.overlay[shown];
  $('overlay-note').textContent = shown === 'build' ? t('keptBuild') : t('keptFixtures');
}

function buildState(text, className) {
  const el = $('build-state');
  el.textContent = text;
  el.className = `build-state ${className}`;
}

async function onBuild(status) {
  if (status.state === 'building') {
    buildState(`building #${status.version}…`, 'building');
  } else if (status.state === 'error') {
    buildState(`build #${status.version} failed`, 'error');
    lifecycle(`build #${status.version} failed: the overlay shows the compiler's message`, 'threw');
    overlay('build', status.message ?? '');
  } else if (status.state === 'ok') {
    overlay('build', null);
    buildState(`build #${status.version} · ${Number(status.seconds ?? 0).toFixed(1)} s`, 'ok');
    if (status.version !== loadedBuild) {
      const first = loadedBuild === 0;
      loadedBuild = status.version;
      if (!current || !current.added) {
        if (!first) lifecycle(`build #${status.version}: reloading the widget`, 'note');
        try {
          await loadWidget({ script: servedScript() });
          window.__cabinet.loadedBuild = loadedBuild;
          if (!first) {
            fetch('/cabinet/reloaded', { method: 'POST', body: JSON.stringify({ version: status.version }) }).catch(() => {});
          }
        } catch {
          // Reported in the console panel.
        }
      }
    }
  }
}

async function onFixtures(status) {
  if (status.state === 'error') {
    overlay('fixtures', status.message ?? '');
    return;
  }
  overlay('fixtures', null);
  if (status.version === fixturesVersion) return;
  fixturesVersion = status.version;
  await loadFixtures();
  lifecycle('fixtures reloaded', 'note');
  if (!fixtures.leads[activeLead]) activeLead = Object.keys(fixtures.leads)[0];
  renderLeadChoices();
  openLeadWith(activeLead);
}

/** Fresh signed tokens for the fixture leads (they expire after an hour). */
async function loadTokens() {
  try {
    signedTokens = (await (await fetch('/cabinet/tokens.json')).json()).tokens ?? {};
  } catch {
    signedTokens = {};
  }
}

async function loadFixtures() {
  fixtures = await (await fetch('/cabinet/fixtures.json')).json();
  await loadTokens();
  if (host) {
    host.setState('sys', fixtures.sys);
    host.setState('leadFields', fixtures.leadFields);
    host.setState('authors', fixtures.authors ?? {});
  }
}

// ---------------------------------------------------------------- controls

function setSys(patch) {
  host.setState('sys', { ...host.getStateSnapshot().sys, ...patch });
}

function showStateEditor() {
  const entity = $('state-entity').value;
  $('state-json').value = JSON.stringify(host.getStateSnapshot()[entity], null, 2);
  $('state-error').textContent = '';
}

function wireControls() {
  options($('ctl-lang'), Object.values(CONSTANTS.SUPPORTED_LANGS).map((l) => [l, l]));
  options($('ctl-date'), Object.entries(CONSTANTS.DATE_FORMATS).map(([k, v]) => [v, `${v} (${k})`]));
  options($('ctl-time'), Object.entries(CONSTANTS.TIME_FORMATS).map(([k, v]) => [v, `${v} (${k})`]));
  options($('ctl-currency'), CURRENCIES.map((c) => [c, c]));
  options($('state-entity'), ENTITIES.map((e) => [e, e]));
  options($('ctl-slot'), SLOT_SHAPES.map((s) => [s, s]));
  $('ctl-slot').value = slotShape;
  $('ctl-slot').addEventListener('change', (e) => setSlotShape(e.target.value));
  $('ctl-lead').addEventListener('change', (e) => openLead(e.target.value));
  $('ctl-lang').addEventListener('change', (e) => setSys({ lang: e.target.value }));
  $('ctl-date').addEventListener('change', (e) => setSys({ dateFormat: e.target.value }));
  $('ctl-time').addEventListener('change', (e) => setSys({ timeFormat: e.target.value }));
  $('ctl-currency').addEventListener('change', (e) => setSys({ currencySymbol: e.target.value }));
  $('ctl-theme').addEventListener('click', () => {
    dark = !dark;
    document.body.className = dark ? 'theme-dark' : 'theme-light';
    renderSidebar();
  });
  $('widgets-toggle').addEventListener('click', (e) => {
    const button = e.currentTarget;
    button.setAttribute('aria-expanded', String(button.getAttribute('aria-expanded') !== 'true'));
  });
  $('state-entity').addEventListener('change', showStateEditor);
  $('state-reset').addEventListener('click', showStateEditor);
  $('state-apply').addEventListener('click', () => {
    const entity = $('state-entity').value;
    let value;
    try {
      value = JSON.parse($('state-json').value);
    } catch (error) {
      $('state-error').textContent = error.message;
      return;
    }
    $('state-error').textContent = '';
    // The same setState the widget's subscribers hear.
    host.setState(entity, value);
    lifecycle(`setState('${entity}') from the state editor`, 'note');
  });
}

// ---------------------------------------------------------------- start

async function start() {
  const config = await (await fetch('/cabinet/config.json')).json();
  requirejs.config({ paths: config.paths });
  await loadFixtures();
  setInterval(loadTokens, 10 * 60 * 1000);
  const firstLead = Object.keys(fixtures.leads)[0];
  activeLead = firstLead;
  host = createHost({
    state: { sys: fixtures.sys, lead: fixtures.leads[firstLead], leadFields: fixtures.leadFields, authors: fixtures.authors ?? {} },
  });
  window.__cabinet.host = host;
  host.registerModules(define, require);
  // `immer.produce` and `immer.current`: the host names two exports of one library.
  define('immer.produce', ['amo-host/immer'], (immer) => immer.produce);
  define('immer.current', ['amo-host/immer'], (immer) => immer.current);
  dateformat = await new Promise((resolve, reject) => require(['dateformat'], resolve, reject));
  host.observe((entity) => {
    renderSidebar();
    refreshSubscriptions();
    if ($('state-entity').value === entity && document.activeElement !== $('state-json')) showStateEditor();
  });
  wireControls();
  renderLeadChoices();
  openLeadWith(firstLead);
  showStateEditor();
  refreshSubscriptions();
  setInterval(refreshSubscriptions, 1000);

  const events = new EventSource('/cabinet/events');
  events.addEventListener('build', (e) => onBuild(JSON.parse(e.data)));
  events.addEventListener('fixtures', (e) => onFixtures(JSON.parse(e.data)));
  window.__cabinet.events = events;
}

// The developer utils of a real cabinet: load a widget straight from the author's machine. Only
// that widget shows; switching leads resets it.
window.AMOCRM = {
  developer: {
    addWidget({ script, token } = {}) {
      lifecycle(`AMOCRM.developer.addWidget({ script: ${JSON.stringify(String(script))} })`, 'note');
      return loadWidget({ script: String(script), token: token === undefined ? null : String(token), added: true });
    },
  },
};

// For the tests and for poking around from the console.
window.__cabinet = {
  host: null,
  activeLead: null,
  loadedBuild: 0,
  lifecycle: [],
  overlay: { build: null, fixtures: null },
  openLead,
  setSlotShape,
  get slotShape() {
    return slotShape;
  },
  get driver() {
    return driver;
  },
  get fixtures() {
    return fixtures;
  },
};
window.__cabinet.ready = start().then(
  () => true,
  (error) => {
    console.error('the cabinet could not start:', error);
    return false;
  },
);
