// The page side of hostile.test.mjs: a host written from the vendor's document, but sloppy or
// hostile on purpose, with none of the host emulation's care. Loaded into /hostile.html as a
// classic script; everything is on `window.H`.
(function () {
  'use strict';

  var CLASS_NAMES = { widgetBarItemContainer: 'js-widget-bar-item-container' };
  var CONSTANTS = {
    PUBLIC_STATE_ENTITIES: { sys: 'sys', lead: 'lead', leadFields: 'leadFields', authors: 'authors' },
    GLOBAL_CLASS_NAMES: CLASS_NAMES,
    TIME_FORMATS: { twelve: 'h:MM TT', twentyFour: 'HH:MM' },
    DATE_FORMATS: { russianNormal: 'dd.mm.yyyy' },
  };

  function lead(id) {
    return { id: id, pid: 0, isLeadLoaded: true, fieldIds: [], statuses: [], managerId: 1, contacts: {}, company: null };
  }

  var H = {
    CONSTANTS: CONSTANTS,
    // What escaped from a call into the widget: the host's own stack saw these.
    thrown: [],
    // Every callback the widget ever handed to `subscribe`, live or not.
    callbacks: [],
    slots: [],
    state: {
      sys: { currencySymbol: '$', dateFormat: 'dd.mm.yyyy', timeFormat: 'h:MM TT', lang: 'en' },
      lead: lead(1),
      leadFields: {},
      authors: {},
    },
    lead: lead,

    // A plain `methods` object over H.state. `subscribe` keeps its callbacks in H.callbacks and
    // notifies through `H.notify`.
    methods: function () {
      var subscribers = (H.subscribers = H.subscribers || []);
      return {
        getState: function (entity) {
          return H.state[entity];
        },
        subscribe: function (entity, callback, options) {
          var entry = { entity: entity, callback: callback };
          subscribers.push(entry);
          H.callbacks.push(entry);
          if (options && options.withInitialResult) callback(H.state[entity]);
          return function () {
            var at = subscribers.indexOf(entry);
            if (at >= 0) subscribers.splice(at, 1);
          };
        },
        getRouterQuery: function () {
          return { leadId: String(H.state.lead && H.state.lead.id), accountId: '1' };
        },
      };
    },

    // Sets an entity and notifies its live subscribers, synchronously.
    setState: function (entity, value) {
      H.state[entity] = value;
      (H.subscribers || []).slice().forEach(function (entry) {
        if (entry.entity === entity) H.call(entry.callback, value);
      });
    },

    defineSdk: function (factory) {
      define('amocrm-sdk', [], function () {
        return factory;
      });
    },

    load: function (url) {
      return new Promise(function (resolve, reject) {
        require([url], resolve, reject);
      });
    },

    // A call from the host into the widget; what it throws is recorded, not rethrown.
    call: function (fn) {
      var args = Array.prototype.slice.call(arguments, 1);
      try {
        return fn.apply(undefined, args);
      } catch (e) {
        H.thrown.push(String(e && e.message ? e.message : e));
        return undefined;
      }
    },

    slot: function (doc) {
      doc = doc || document;
      var el = doc.createElement('div');
      el.className = CLASS_NAMES.widgetBarItemContainer;
      doc.body.appendChild(el);
      H.slots.push(el);
      return el;
    },

    // The documented lifecycle for one lead, the previous lead's and slot's destructors first.
    open: function (widget, id, params) {
      if (H.destroySlot) H.call(H.destroySlot);
      if (H.destroyLead) H.call(H.destroyLead);
      if (H.lastSlot) H.lastSlot.remove();
      H.state.lead = lead(id);
      H.destroyLead = H.call(widget.initLead, params === undefined ? { token: 'token-' + id } : params);
      H.lastSlot = H.slot();
      H.destroySlot = H.call(widget.registerWidgetsBarSlot, H.lastSlot);
      return H.lastSlot;
    },

    tick: function () {
      return new Promise(function (resolve) {
        setTimeout(resolve, 0);
      });
    },

    report: function (extra) {
      var out = {
        thrown: H.thrown,
        text: H.lastSlot ? H.lastSlot.textContent : null,
      };
      // Not `for…in`: a case pollutes Object.prototype.
      Object.keys(extra || {}).forEach(function (k) {
        out[k] = extra[k];
      });
      return out;
    },
  };
  window.H = H;
})();
