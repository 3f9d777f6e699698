  // The split loader (`amo-widget build --split`): the module is a file beside this script,
  // fetched and compiled asynchronously. Chromium refuses synchronous compilation of modules
  // above 8 MiB on the main thread, so big widgets load this way; host calls wait in the queue.
  // Inserted at `@amo-bundle:loader` in personal_page.js, inside its `define` factory.

  var WASM_FILE = /* @amo-bundle:wasm-file */ '';

  // A new instance, made asynchronously (instantiation is async too): WAIT, and the queue
  // drains once the instance started or failed to.
  function spawn() {
    loading = true;
    var rec = newRecord();
    rec.glue = createGlue(function (exports) { return guardExports(rec, exports); });
    rec.glue({ module_or_path: compiled }).then(
      function () { if (!rec.dead) start(rec); },
      function (e) {
        if (failedStarts === 0) logError('the WebAssembly could not be instantiated', e);
        startFailed(rec);
      }
    ).then(function () {
      inst = rec;
      loading = false;
      drain();
    });
    return WAIT;
  }

  // Relative to the script as requirejs loaded it, wherever the cabinet serves widgets from.
  var base = module && module.uri ? new URL(module.uri, location.href) : location.href;
  var url = new URL(WASM_FILE, base);
  // compileStreaming needs the server's `application/wasm`; anything else falls back to bytes.
  var fallback = function () {
    return fetch(url)
      .then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status + ' for ' + url);
        return r.arrayBuffer();
      })
      .then(function (buf) { return WebAssembly.compile(buf); });
  };
  (typeof WebAssembly.compileStreaming === 'function'
    ? WebAssembly.compileStreaming(fetch(url)).catch(fallback)
    : fallback()
  ).then(
    function (m) {
      compiled = m;
      loading = false;
      drain();
    },
    fail
  );
