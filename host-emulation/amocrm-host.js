// An emulation of the amoCRM client cabinet ("кабинет клиента") as a widget sees it, written
// from the vendor document (developers/content/web/sdk/personal/page), not from any binding:
//
// - `initAmocrmWidgetSdk({ version })` -> `{ methods: { getState, subscribe, getRouterQuery }, constants }`
//   over a state store (sys, lead, leadFields, authors) whose setters notify subscribers;
// - the constants exactly as documented, GLOBAL_CLASS_NAMES with `js-` names;
// - counters of live subscriptions (leak assertions) and switches that make a method throw;
// - realistic fixtures (two leads, every one of the 16 field types, authors);
// - a lifecycle driver: initLead / registerWidgetsBarSlot / destructors in the documented order.
//
// One self-contained ES module without dependencies and without top-level DOM access, so that
// wasm-bindgen tests (`#[wasm_bindgen(module = "/host-emulation/amocrm-host.js")]`), pages and
// node can all import it. See README.md beside it.

/** The SDK versions this emulation answers (the vendor's `options.version`). */
export const SUPPORTED_VERSIONS = ['1.0.0'];

/** The constants of SDK 1.0.0, as the vendor document lists them. */
export const CONSTANTS = deepFreeze({
  DATE_FORMATS: {
    americanNormal: 'dd/mm/yyyy',
    americanInversed: 'mm/dd/yyyy',
    russianNormal: 'dd.mm.yyyy',
    chineseNormal: 'yyyy/mm/dd',
  },
  TIME_FORMATS: {
    twelve: 'h:MM TT',
    twentyFour: 'HH:MM',
  },
  SUPPORTED_LANGS: { ru: 'ru', en: 'en', es: 'es', pt: 'pt' },
  LEAD_FIELD_SOURCES: { lead: 'lead', contacts: 'contacts', company: 'company' },
  FIELD_TYPES: {
    text: 'text',
    numeric: 'numeric',
    checkbox: 'checkbox',
    date: 'date',
    select: 'select',
    multiselect: 'multiselect',
    url: 'url',
    textarea: 'textarea',
    radiobutton: 'radiobutton',
    streetaddress: 'streetaddress',
    smartAddress: 'smartAddress',
    legalEntity: 'legalEntity',
    birthday: 'birthday',
    dateTime: 'dateTime',
    multitext: 'multitext',
    budget: 'budget',
  },
  PUBLIC_STATE_ENTITIES: { sys: 'sys', lead: 'lead', leadFields: 'leadFields', authors: 'authors' },
  // "Содержит все имена классов, начинающиеся на `js-`": the document names only the first one.
  // `widgetBarItemContent` is the content child of the slot that the vendor's later example
  // widgets render into (a driver with `slotShape: 'content'` makes one).
  GLOBAL_CLASS_NAMES: {
    widgetBarItemContainer: 'js-widget-bar-item-container',
    widgetBarItemContent: 'js-widget-bar-item-content',
    widgetsBar: 'js-widgets-bar',
    leadCard: 'js-lead-card',
    contactsList: 'js-contacts-list',
  },
});

const ENTITIES = Object.values(CONSTANTS.PUBLIC_STATE_ENTITIES);

const NOON = 1763722800; // 2025-11-21 11:00:00 UTC, in seconds like amoCRM stores dates

/** Realistic data: an account, two leads, their fields (all 16 types) and authors. */
export const FIXTURES = deepFreeze({
  sys: {
    currencySymbol: '₽',
    dateFormat: 'dd.mm.yyyy',
    timeFormat: 'HH:MM',
    lang: 'ru',
    isRemovalAvailable: false,
    logoUrl: 'https://example.amocrm.ru/upload/logo.png',
    pageTitle: 'Кабинет клиента',
  },
  leads: {
    '3412001': {
      id: '3412001',
      pid: '7001',
      isLeadLoaded: true,
      fieldIds: ['10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '21', '22', '23', '24'],
      statuses: [
        { id: '142', name: 'Успешно реализовано', color: '#CCFF66', pipelineId: '7001' },
      ],
      managerId: '501',
      contacts: {
        '9001': { id: '9001', name: 'Иван Петров', fieldIds: ['30', '31'] },
      },
      company: { id: '8001', name: 'ООО «Ромашка»', fieldIds: ['40', '41'] },
    },
    '3412002': {
      id: '3412002',
      pid: '7001',
      isLeadLoaded: true,
      fieldIds: ['10', '24'],
      statuses: [{ id: '143', name: 'Закрыто и не реализовано', color: '#D5D8DB', pipelineId: '7001' }],
      managerId: '502',
      contacts: {},
      company: null,
    },
  },
  leadFields: {
    '10': { id: '10', source: 'lead', name: 'Комментарий', type: 'text', value: 'Позвонить после обеда' },
    '11': { id: '11', source: 'lead', name: 'Площадь, м²', type: 'numeric', value: 42.5 },
    '12': { id: '12', source: 'lead', name: 'Договор подписан', type: 'checkbox', value: true },
    '13': { id: '13', source: 'lead', name: 'Дата доставки', type: 'date', value: NOON },
    '14': { id: '14', source: 'lead', name: 'Тариф', type: 'select', value: { id: '301', value: 'Расширенный' } },
    '15': {
      id: '15',
      source: 'lead',
      name: 'Услуги',
      type: 'multiselect',
      value: [
        { id: '311', value: 'Монтаж' },
        { id: '312', value: 'Доставка' },
      ],
    },
    '16': { id: '16', source: 'lead', name: 'Сайт', type: 'url', value: 'https://example.com/order/42' },
    '17': { id: '17', source: 'lead', name: 'Пожелания', type: 'textarea', value: 'Первая строка\nВторая строка' },
    '18': { id: '18', source: 'lead', name: 'Оплата', type: 'radiobutton', value: { id: '321', value: 'Безналичная' } },
    '19': { id: '19', source: 'lead', name: 'Адрес', type: 'streetaddress', value: 'Москва, ул. Тверская, д. 1' },
    '20': {
      id: '20',
      source: 'lead',
      name: 'Адрес доставки',
      type: 'smartAddress',
      value: { address_line_1: 'ул. Тверская, д. 1', city: 'Москва', zip: '125009', country: 'RU' },
    },
    '21': {
      id: '21',
      source: 'lead',
      name: 'Реквизиты',
      type: 'legalEntity',
      value: [{ name: 'ООО «Ромашка»', entity_type: 1, vat_id: '7701234567', kpp: '770101001' }],
    },
    '22': { id: '22', source: 'lead', name: 'День рождения клиента', type: 'birthday', value: 631152000 },
    '23': { id: '23', source: 'lead', name: 'Встреча', type: 'dateTime', value: NOON + 3600 },
    '24': { id: '24', source: 'lead', name: 'Бюджет', type: 'budget', value: 150000 },
    '30': {
      id: '30',
      source: 'contacts',
      name: 'Телефон',
      type: 'multitext',
      value: [
        { value: '+7 912 345-67-89', enum_code: 'WORK' },
        { value: '+7 900 000-00-00', enum_code: 'MOB' },
      ],
    },
    '31': {
      id: '31',
      source: 'contacts',
      name: 'Email',
      type: 'multitext',
      value: [{ value: 'ivan@example.com', enum_code: 'WORK' }],
    },
    '40': { id: '40', source: 'company', name: 'ИНН', type: 'text', value: '7701234567' },
    '41': { id: '41', source: 'company', name: 'Сотрудников', type: 'numeric', value: '120' },
  },
  authors: {
    '501': { id: '501', name: 'Анна Смирнова', avatarUrl: 'https://example.amocrm.ru/avatars/501.png' },
    '502': { id: '502', name: 'Олег Кузнецов', avatarUrl: null },
  },
});

function deepFreeze(value) {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

function clone(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/**
 * Creates a host: a state store, the `amocrm-sdk` module over it, and test switches.
 *
 * options.state: initial entities (default: FIXTURES' sys, first lead, leadFields, authors;
 *   pass `{}` for a host where every entity is still `null`);
 * options.routerQuery: initial `getRouterQuery()` result.
 */
export function createHost(options = {}) {
  const firstLead = Object.keys(FIXTURES.leads)[0];
  const initial = options.state ?? {
    sys: FIXTURES.sys,
    lead: FIXTURES.leads[firstLead],
    leadFields: FIXTURES.leadFields,
    authors: FIXTURES.authors,
  };
  const state = Object.fromEntries(ENTITIES.map((e) => [e, initial[e] === undefined ? null : clone(initial[e])]));
  let routerQuery = clone(
    options.routerQuery ?? (state.lead ? { leadId: String(state.lead.id), accountId: '29001' } : {}),
  );
  const subscribers = new Map(ENTITIES.map((e) => [e, new Set()]));
  const broken = new Map(); // method name -> value to throw
  const answers = new Map(); // method name -> value to return instead of working
  const observers = new Set(); // the cabinet's own views: not widget subscriptions, not counted
  const stats = { inits: 0, subscribes: 0, unsubscribes: 0, repeatedUnsubscribes: 0, callbackErrors: [] };

  function guard(method) {
    if (broken.has(method)) {
      throw broken.get(method);
    }
  }

  function knownEntity(entity, method) {
    if (!subscribers.has(entity)) {
      throw new TypeError(`${method}: unknown entity ${JSON.stringify(entity)}`);
    }
  }

  const methods = {
    // Запрашивает данные сущности по её имени
    getState(entityName) {
      guard('getState');
      if (answers.has('getState')) return answers.get('getState');
      knownEntity(entityName, 'getState');
      return state[entityName];
    },
    // Подписывается на изменение данных сущности. Возвращает функцию для подчистки слушателя.
    subscribe(entityName, callback, subscribeOptions) {
      guard('subscribe');
      if (answers.has('subscribe')) return answers.get('subscribe');
      knownEntity(entityName, 'subscribe');
      if (typeof callback !== 'function') {
        throw new TypeError('subscribe: callback must be a function');
      }
      const entry = { callback };
      subscribers.get(entityName).add(entry);
      stats.subscribes += 1;
      let done = false;
      const unsubscribe = () => {
        guard('unsubscribe');
        if (answers.has('unsubscribe')) return answers.get('unsubscribe');
        if (done) {
          stats.repeatedUnsubscribes += 1;
          return;
        }
        done = true;
        subscribers.get(entityName).delete(entry);
        stats.unsubscribes += 1;
      };
      if (subscribeOptions && subscribeOptions.withInitialResult) {
        callback(state[entityName]);
      }
      return unsubscribe;
    },
    // Получает динамические id по урлу
    getRouterQuery() {
      guard('getRouterQuery');
      if (answers.has('getRouterQuery')) return answers.get('getRouterQuery');
      return clone(routerQuery);
    },
  };

  function initAmocrmWidgetSdk(sdkOptions) {
    guard('initAmocrmWidgetSdk');
    if (answers.has('initAmocrmWidgetSdk')) return answers.get('initAmocrmWidgetSdk');
    if (!sdkOptions || typeof sdkOptions.version !== 'string') {
      throw new TypeError('initAmocrmWidgetSdk: options.version is required');
    }
    if (!SUPPORTED_VERSIONS.includes(sdkOptions.version)) {
      throw new Error(`initAmocrmWidgetSdk: unsupported version ${sdkOptions.version}`);
    }
    stats.inits += 1;
    return { methods, constants: CONSTANTS };
  }

  const host = {
    initAmocrmWidgetSdk,
    methods,
    constants: CONSTANTS,
    stats,

    /** Sets an entity (`null` = not loaded) and notifies its subscribers with the new value. */
    setState(entityName, value) {
      knownEntity(entityName, 'setState');
      state[entityName] = value === undefined ? null : value;
      for (const observer of [...observers]) {
        try {
          observer(entityName, state[entityName]);
        } catch (error) {
          stats.callbackErrors.push(error);
        }
      }
      for (const entry of [...subscribers.get(entityName)]) {
        if (!subscribers.get(entityName).has(entry)) continue;
        try {
          entry.callback(state[entityName]);
        } catch (error) {
          // A widget's broken callback must not break the cabinet or the other subscribers.
          stats.callbackErrors.push(error);
        }
      }
    },
    /**
     * Watches every `setState` (entity name, new value) without being a widget subscription:
     * for the cabinet's own views, so `liveSubscriptions()` still counts only the widget's.
     * Returns the function that stops watching.
     */
    observe(listener) {
      observers.add(listener);
      return () => observers.delete(listener);
    },
    setSys(value) {
      host.setState('sys', value);
    },
    setLead(value) {
      host.setState('lead', value);
    },
    setLeadFields(value) {
      host.setState('leadFields', value);
    },
    setAuthors(value) {
      host.setState('authors', value);
    },
    getStateSnapshot() {
      return clone(state);
    },
    setRouterQuery(value) {
      routerQuery = clone(value);
    },
    /** The router query without going through `methods` (which a test may have broken). */
    peekRouterQuery() {
      return clone(routerQuery);
    },

    /** Subscriptions not yet unsubscribed, for one entity or all. */
    liveSubscriptions(entityName) {
      if (entityName !== undefined) return subscribers.get(entityName)?.size ?? 0;
      let total = 0;
      for (const set of subscribers.values()) total += set.size;
      return total;
    },

    /**
     * Makes `method` throw `thrown` (an Error, a string, anything) until `repair(method)`.
     * Methods: initAmocrmWidgetSdk, getState, subscribe, getRouterQuery, unsubscribe.
     */
    breakMethod(method, thrown) {
      broken.set(method, thrown);
    },
    /**
     * Makes `method` return `value` (e.g. `null`) instead of doing its work, until
     * `repair(method)`: a `subscribe` answered this way registers nothing. Same methods as
     * `breakMethod`, which wins when both are set.
     */
    answerWith(method, value) {
      answers.set(method, value);
    },
    repair(method) {
      broken.delete(method);
      answers.delete(method);
    },

    /**
     * Registers the host-provided modules with an AMD loader: `amocrm-sdk` and
     * `import-modules` (requirejs wrapped in a promise), plus `extra` ({ name: value }).
     */
    registerModules(define, require, extra = {}) {
      define('amocrm-sdk', [], () => initAmocrmWidgetSdk);
      define('import-modules', [], () => importModulesWith(require));
      for (const [name, value] of Object.entries(extra)) {
        define(name, [], () => value);
      }
    },
  };
  return host;
}

/**
 * Where a page served from the repository root finds the real npm packages the cabinet provides
 * under these AMD names: `requirejs.config({ paths: HOST_MODULE_PATHS })`.
 */
export const HOST_MODULE_PATHS = deepFreeze({
  jquery: '/node_modules/jquery/dist/jquery.min',
  dateformat: '/node_modules/dateformat/lib/dateformat',
});

/** The slot shapes a driver can present (see createDriver's options.slotShape). */
export const SLOT_SHAPES = Object.freeze(['element', 'content']);

/** The class of the host's own header in a `'content'` slot: the host's, not a `js-` name. */
export const SLOT_HEADER_CLASS = 'widget-bar-item-header';

/** `import-modules`: requirejs wrapped in a promise, `(names) => Promise<modules[]>`. */
export function importModulesWith(require) {
  return (names) =>
    new Promise((resolve, reject) => {
      const list = Array.isArray(names) ? names : [names];
      require(list, (...modules) => resolve(modules), reject);
    });
}

/**
 * Drives a widget through the documented lifecycle:
 *
 * - `initLead(params)` right after the module is connected and on every lead change; its returned
 *   function runs when the user leaves the lead, before the next `initLead`;
 * - `registerWidgetsBarSlot(el)` during render, after `initLead` finished, with an element of
 *   class GLOBAL_CLASS_NAMES.widgetBarItemContainer; its returned function runs when the
 *   component is destroyed (leaving the lead, or `destroy()`).
 *
 * `widget` is the object the module's factory returned. options.container: where the slot
 * element goes (default document.body); options.token(leadId): the `params.token` (default '').
 * Errors thrown by the widget are caught and kept in `driver.errors` (the page keeps working);
 * `driver.log` records every call in order; options.onEvent(name, detail) hears each entry as it
 * happens (plus `<call>:threw` with the error when a callback throws, which is not logged).
 *
 * options.slotShape: what the slot element holds. `'element'` (the default, the documented
 * contract): nothing, the widget renders into the element. `'content'` (the vendor's later
 * hosts): the host's own header (`SLOT_HEADER_CLASS`, text `options.slotHeader` or 'Widget')
 * and, after it, a content child of class GLOBAL_CLASS_NAMES.widgetBarItemContent, where the
 * widget renders; `driver.slotContent` is that child (the element itself in the other shape).
 */
export function createDriver(host, widget, options = {}) {
  const log = [];
  const errors = [];
  const violations = [];
  if (!widget || typeof widget.initLead !== 'function' || typeof widget.registerWidgetsBarSlot !== 'function') {
    throw new TypeError('the widget module must return { initLead, registerWidgetsBarSlot }');
  }
  const token = options.token ?? (() => '');
  let leadTeardown = null;
  let slotTeardown = null;
  let slotElement = null;
  let slotContent = null;
  let activeLead = null;
  const slotShape = options.slotShape ?? 'element';
  if (!SLOT_SHAPES.includes(slotShape)) {
    throw new TypeError(`slotShape must be one of ${SLOT_SHAPES.join(', ')}, not ${slotShape}`);
  }

  const onEvent = options.onEvent ?? (() => {});
  function notify(name, detail) {
    try {
      onEvent(name, detail);
    } catch {
      // The observer is the page's, not the widget's: it must not change the lifecycle.
    }
  }
  function record(name) {
    log.push(name);
    notify(name);
  }

  function call(name, fn, arg) {
    record(name);
    let result;
    try {
      result = fn(arg);
    } catch (error) {
      errors.push({ during: name, error });
      notify(`${name}:threw`, error);
      return null;
    }
    if (result === undefined || result === null) return null;
    if (typeof result !== 'function') {
      violations.push(`${name} returned ${typeof result}, not a function or nothing`);
      return null;
    }
    return result;
  }

  function runTeardown(name, teardown) {
    if (!teardown) return;
    record(name);
    try {
      teardown();
    } catch (error) {
      errors.push({ during: name, error });
    }
  }

  function render() {
    const doc = options.document ?? globalThis.document;
    slotElement = doc.createElement('div');
    slotElement.className = CONSTANTS.GLOBAL_CLASS_NAMES.widgetBarItemContainer;
    slotContent = slotElement;
    if (slotShape === 'content') {
      const header = doc.createElement('div');
      header.className = SLOT_HEADER_CLASS;
      header.textContent = options.slotHeader ?? 'Widget';
      slotContent = doc.createElement('div');
      slotContent.className = CONSTANTS.GLOBAL_CLASS_NAMES.widgetBarItemContent;
      slotElement.append(header, slotContent);
    }
    (options.container ?? doc.body).appendChild(slotElement);
    slotTeardown = call('registerWidgetsBarSlot', widget.registerWidgetsBarSlot, slotElement);
  }

  function unrender() {
    const teardown = slotTeardown;
    slotTeardown = null;
    runTeardown('registerWidgetsBarSlot:destroy', teardown);
    if (slotElement) {
      slotElement.remove();
      slotElement = null;
      slotContent = null;
    }
  }

  const driver = {
    log,
    errors,
    violations,
    get activeLead() {
      return activeLead;
    },
    get slotElement() {
      return slotElement;
    },
    /** Where the widget is expected to render: the content child, or the slot element. */
    get slotContent() {
      return slotContent;
    },
    slotShape,

    /** Opens a lead (a FIXTURES lead id, or a lead object): leaves the current one first. */
    openLead(lead) {
      driver.leaveLead();
      const model = typeof lead === 'object' && lead !== null ? lead : FIXTURES.leads[String(lead)];
      if (!model) throw new Error(`no fixture lead ${lead}`);
      activeLead = String(model.id);
      host.setRouterQuery({ ...(host.peekRouterQuery() ?? {}), leadId: activeLead });
      host.setLead(clone(model));
      leadTeardown = call('initLead', widget.initLead, { token: token(activeLead) });
      render();
      return driver;
    },

    /** The user leaves the active lead: the slot is destroyed, then initLead's teardown runs. */
    leaveLead() {
      if (activeLead === null) return driver;
      unrender();
      const teardown = leadTeardown;
      leadTeardown = null;
      runTeardown('initLead:destroy', teardown);
      activeLead = null;
      return driver;
    },

    /** The host destroys the widget component: same as leaving the lead. */
    destroy() {
      return driver.leaveLead();
    },
  };
  return driver;
}
