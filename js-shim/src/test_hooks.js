  // Only in bundles built with --test-hooks (our end-to-end tests) and in the test kit's: leak
  // checks read these, and they read wasm-bindgen internals, so they never ship in a widget.
  // Inserted at `@amo-bundle:test-hooks` in personal_page.js, just before `return api`.
  Object.defineProperty(api, '__amoStats', {
    value: function stats() {
      var live = inst && !inst.dead ? inst : null;
      var refs = null;
      var table = live && live.raw && live.raw.__wbindgen_externrefs;
      if (table) {
        refs = 0;
        for (var i = 1028; i < table.length; i++) if (table.get(i) != null) refs++;
      }
      return {
        instances: spawned,
        live: !!live,
        failedStarts: failedStarts,
        pendingTeardowns: live ? live.glue.amoPending() : 0,
        subscriptions: live ? live.subs.size : 0,
        externrefs: refs,
        wasmMemoryBytes: live && live.raw.memory ? live.raw.memory.buffer.byteLength : 0,
        queued: queue.length,
        slots: slots.length,
      };
    },
  });
