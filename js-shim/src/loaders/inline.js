  // The inline loader (the default): the module is inside this script as byte text, compiled
  // and instantiated synchronously, so the first host call already finds the widget running.
  // Inserted at `@amo-bundle:loader` in personal_page.js, inside its `define` factory.

  var WASM_TEXT = /* @amo-bundle:wasm-text */ ''; // the module as byte text, see fromText
  var WASM_ORDER = /* @amo-bundle:wasm-order */ ''; // hex of the bytes with one-character codes

  // The inline module as text (amocrm_widget_shim::byte_text): one character for each of the
  // most frequent bytes, two for the rest, always the same ones, so the module's repeats survive
  // and the server's gzip compresses the text about as well as the binary (base64 would not let
  // it). Printable ASCII without ' and \; the last two characters prefix the two-character codes.
  // The crate's tests run this function under node on the Rust encoder's output.
  function fromText(text, order) {
    var alphabet = [];
    var position = new Int16Array(128);
    for (var c = 32; c < 127; c++) {
      if (c !== 39 && c !== 92) {
        position[c] = alphabet.length;
        alphabet.push(c);
      }
    }
    var size = alphabet.length;
    var singles = size - 2;
    var ranked = [];
    var seen = new Uint8Array(256);
    for (var i = 0; i < order.length; i += 2) {
      var r = parseInt(order.substr(i, 2), 16);
      ranked.push(r);
      seen[r] = 1;
    }
    for (var v = 0; v < 256; v++) if (!seen[v]) ranked.push(v);
    var out = new Uint8Array(text.length);
    var n = 0;
    for (var j = 0; j < text.length; j++) {
      var p = position[text.charCodeAt(j)];
      out[n++] = p < singles ? ranked[p] : ranked[singles + (p - singles) * size + position[text.charCodeAt(++j)]];
    }
    return out.subarray(0, n);
  }

  // A new instance, made at once from the compiled module: READY, or NONE if it cannot start.
  // `inst` is set only after the start, as a crash during the start expects.
  function spawn() {
    var rec = newRecord();
    try {
      rec.glue = createGlue(function (exports) { return guardExports(rec, exports); });
      rec.glue.initSync({ module: compiled });
    } catch (e) {
      if (failedStarts === 0) logError('the WebAssembly could not be instantiated', e);
      startFailed(rec);
    }
    if (!rec.dead) start(rec);
    inst = rec;
    return rec.dead ? NONE : READY;
  }

  try {
    compiled = new WebAssembly.Module(fromText(WASM_TEXT, WASM_ORDER));
    loading = false;
  } catch (e) {
    fail(e);
  }
