//! Turning wasm-bindgen's `--target no-modules` output into one `personal_page.js`.
//!
//! Pure text work, tested natively: the shim (`js-shim/personal_page.js`, embedded) gets the
//! glue wrapped in a factory function, the host module names and either the inlined
//! WebAssembly (base64) or the name of the `.wasm` file beside it.

use std::fmt;

/// The requirejs shim every bundle is made from.
pub const SHIM: &str = amocrm_widget_shim::PERSONAL_PAGE_JS;

/// Chromium refuses synchronous compilation of WebAssembly above this size on the main thread.
pub const INLINE_LIMIT: usize = 8 * 1024 * 1024;

/// The file name of the WebAssembly in split mode (beside `personal_page.js`).
pub const SPLIT_WASM_NAME: &str = "personal_page.wasm";

const DEPS: &str = "/* @amo-bundle:deps */ []";
const WASM_BASE64: &str = "/* @amo-bundle:wasm-base64 */ ''";
const WASM_TEXT: &str = "/* @amo-bundle:wasm-text */ ''";
const WASM_ORDER: &str = "/* @amo-bundle:wasm-order */ ''";
/// Stand-ins for the inline module while the script is minified: a minifier drops comments, and
/// need not read the module's text.
const TEXT_TOKEN: &str = "@amo-bundle-wasm-text@";
const BASE64_TOKEN: &str = "@amo-bundle-wasm-base64@";
const WASM_FILE: &str = "/* @amo-bundle:wasm-file */ ''";
const WASM_SIZE: &str = "/* @amo-bundle:wasm-size */ 0";
const GLUE: &str =
    "/* @amo-bundle:glue */ throw new Error('this personal_page.js was not built by amo-widget');";
const GLUE_HEAD: &str = "let wasm_bindgen = (function(exports) {";
const GLUE_EXPORTS: &str = "wasm = instance.exports;";

/// Where the WebAssembly goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Inlined in `personal_page.js` as [byte text](crate::byte_text) and instantiated
    /// synchronously. The default: the fastest start (no decompression step in cold JavaScript
    /// before compiling), and the server's gzip compresses the text about as well as the module.
    Inline,
    /// Inlined as raw DEFLATE in base64, inflated by the shim before compiling: the smallest
    /// file for a server that does not gzip (about a quarter smaller raw than the default), but
    /// slightly larger once gzipped, and an inflate step (milliseconds on a cold page) first.
    InlineCompressed,
    /// Written beside the script as [`SPLIT_WASM_NAME`] and loaded asynchronously.
    Split,
}

/// Why the inputs could not be bundled.
#[derive(Debug, PartialEq, Eq)]
pub enum BundleError {
    /// The glue is not wasm-bindgen's `no-modules` output in the shape this bundler knows.
    UnexpectedGlue(&'static str),
    /// The WebAssembly is too big to be compiled synchronously; use split mode.
    TooBigToInline(usize),
    /// A host module name that cannot be a requirejs module id.
    BadModuleName(String),
}

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BundleError::UnexpectedGlue(what) => write!(
                f,
                "the wasm-bindgen glue does not look like `--target no-modules` output ({what}); \
                 is the crate's wasm-bindgen the version amocrm-widget pins?"
            ),
            BundleError::TooBigToInline(n) => write!(
                f,
                "the WebAssembly is {n} bytes; Chromium compiles at most {INLINE_LIMIT} bytes \
                 synchronously, so build with --split"
            ),
            BundleError::BadModuleName(name) => {
                write!(f, "`{name}` is not a valid host module name")
            }
        }
    }
}

impl std::error::Error for BundleError {}

/// Builds the text of `personal_page.js`, unminified.
///
/// `glue` is wasm-bindgen's no-modules JavaScript, `wasm` the (optimised) module, `modules` the
/// extra host AMD modules the widget asked for (beside `amocrm-sdk`).
pub fn bundle(
    glue: &str,
    wasm: &[u8],
    modules: &[String],
    mode: Mode,
) -> Result<String, BundleError> {
    bundle_with(glue, wasm, modules, mode, |js| {
        Ok::<_, BundleError>(js.to_string())
    })
}

/// [`bundle`], with `minify` applied to the script before the module is put in.
pub fn bundle_with<E: From<BundleError>>(
    glue: &str,
    wasm: &[u8],
    modules: &[String],
    mode: Mode,
    minify: impl FnOnce(&str) -> Result<String, E>,
) -> Result<String, E> {
    for name in modules {
        let ok = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_./@".contains(c));
        if !ok {
            return Err(BundleError::BadModuleName(name.clone()).into());
        }
    }
    let glue = wrap_glue(glue)?;
    let deps = format!(
        "[{}]",
        modules
            .iter()
            .map(|m| format!("'{m}'"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let shim = if mode == Mode::InlineCompressed {
        SHIM.to_string()
    } else {
        drop_inflate(SHIM)?
    };
    let shim = strip_comments(&shim);
    if mode != Mode::Split && wasm.len() > INLINE_LIMIT {
        return Err(BundleError::TooBigToInline(wasm.len()).into());
    }
    let (text, order, packed, file, size) = match mode {
        Mode::Inline => {
            let encoded = crate::byte_text::encode(wasm);
            (Some(encoded.text), encoded.order, None, String::new(), 0)
        }
        Mode::InlineCompressed => (
            None,
            String::new(),
            Some(base64(&deflate(wasm))),
            String::new(),
            wasm.len(),
        ),
        Mode::Split => (None, String::new(), None, SPLIT_WASM_NAME.to_string(), 0),
    };
    let token = |value: &Option<String>, token: &str| match value {
        Some(_) => format!("'{token}'"),
        None => "''".to_string(),
    };
    let out = replace_exactly(&shim, DEPS, 2, &deps)?;
    let out = replace_exactly(&out, WASM_FILE, 1, &format!("'{file}'"))?;
    let out = replace_exactly(&out, WASM_SIZE, 1, &size.to_string())?;
    let out = replace_exactly(&out, WASM_ORDER, 1, &format!("'{order}'"))?;
    let out = replace_exactly(&out, WASM_TEXT, 1, &token(&text, TEXT_TOKEN))?;
    let out = replace_exactly(&out, WASM_BASE64, 1, &token(&packed, BASE64_TOKEN))?;
    let out = replace_exactly(&out, GLUE, 1, &glue)?;
    let out = minify(&out)?;
    // Last, so that nothing searches through the (large) module text.
    let out = put_literal(&out, TEXT_TOKEN, text.as_deref())?;
    Ok(put_literal(&out, BASE64_TOKEN, packed.as_deref())?)
}

/// Replaces the one string literal `token` (in any quotes: a minifier may switch them, oxc to
/// backticks) with `value` in single quotes; nothing to do without a value.
fn put_literal(js: &str, token: &str, value: Option<&str>) -> Result<String, BundleError> {
    let Some(value) = value else {
        return Ok(js.to_string());
    };
    let quoted = [
        format!("'{token}'"),
        format!("\"{token}\""),
        format!("`{token}`"),
    ];
    let found: Vec<&String> = quoted.iter().filter(|q| js.contains(q.as_str())).collect();
    match found.as_slice() {
        [one] if js.matches(one.as_str()).count() == 1 => {
            Ok(js.replacen(one.as_str(), &format!("'{value}'"), 1))
        }
        _ => Err(BundleError::UnexpectedGlue(
            "the inline module's place is not there exactly once after minifying",
        )),
    }
}

/// The shim without its inflate function, for bundles whose module is not deflated.
fn drop_inflate(shim: &str) -> Result<String, BundleError> {
    const BEGIN: &str = "// @amo-bundle:inflate-begin";
    const END: &str = "// @amo-bundle:inflate-end";
    let (Some(begin), Some(end)) = (shim.find(BEGIN), shim.find(END)) else {
        return Err(BundleError::UnexpectedGlue("a shim marker is missing"));
    };
    Ok(format!("{}{}", &shim[..begin], &shim[end + END.len()..]))
}

fn replace_exactly(
    text: &str,
    marker: &str,
    count: usize,
    with: &str,
) -> Result<String, BundleError> {
    if text.matches(marker).count() != count {
        return Err(BundleError::UnexpectedGlue("a shim marker is missing"));
    }
    Ok(text.replace(marker, with))
}

/// Renames the glue's import functions and their module (`module`: old, new) as
/// [`crate::imports::shorten_imports`] renamed them in the module (`renames`: old, new). wasm-bindgen's import names carry a hash each, so on
/// a typical widget this saves a few kilobytes in both the module and the glue. Every import
/// must be found exactly once, as a key `old:` at the start of a line of the imports object.
pub fn rename_imports(
    glue: &str,
    renames: &[(String, String)],
    module: &(String, String),
) -> Result<String, BundleError> {
    let old_module = format!("\"{}\": import0", module.0);
    if glue.matches(&old_module).count() != 1 {
        return Err(BundleError::UnexpectedGlue("no single imports object"));
    }
    let glue = glue.replace(&old_module, &format!("\"{}\": import0", module.1));
    let map: std::collections::HashMap<&str, &str> = renames
        .iter()
        .map(|(old, new)| (old.as_str(), new.as_str()))
        .collect();
    let mut found = std::collections::HashSet::new();
    let mut out = String::with_capacity(glue.len());
    for line in glue.lines() {
        let trimmed = line.trim_start();
        let key = trimmed.split(':').next().unwrap_or("");
        match map.get(key) {
            Some(new) if !key.is_empty() && trimmed.len() > key.len() => {
                if !found.insert(key) {
                    return Err(BundleError::UnexpectedGlue("an import is defined twice"));
                }
                out.push_str(&line[..line.len() - trimmed.len()]);
                out.push_str(&format!("\"{new}\""));
                out.push_str(&trimmed[key.len()..]);
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    if found.len() != map.len() {
        return Err(BundleError::UnexpectedGlue(
            "an import of the module is not in the glue",
        ));
    }
    Ok(out)
}

/// Makes the glue the body of `createGlue(__amoWrapExports)`: it returns the glue object instead
/// of assigning a global, and hands the instance exports through the shim's guard.
fn wrap_glue(glue: &str) -> Result<String, BundleError> {
    let glue = strip_comments(glue);
    let body = glue
        .trim_start()
        .strip_prefix(GLUE_HEAD)
        .ok_or(BundleError::UnexpectedGlue(
            "it does not start with `let wasm_bindgen`",
        ))?;
    if body.matches(GLUE_EXPORTS).count() != 1 {
        return Err(BundleError::UnexpectedGlue(
            "no single `wasm = instance.exports`",
        ));
    }
    let body = body.replace(GLUE_EXPORTS, "wasm = __amoWrapExports(instance.exports);");
    Ok(format!("return (function(exports) {{{body}"))
}

/// Drops whole-line `//` comments, `/** … */` doc blocks and indentation: they are most of the
/// glue's bytes that survive gzip. Code lines are kept as they are (no string is ever split).
pub fn strip_comments(js: &str) -> String {
    let mut out = String::with_capacity(js.len());
    let mut in_doc = false;
    for line in js.lines() {
        let t = line.trim();
        if in_doc {
            in_doc = !t.ends_with("*/");
            continue;
        }
        if t.starts_with("/**") {
            in_doc = !t.ends_with("*/");
            continue;
        }
        if t.is_empty() || t.starts_with("//") {
            continue;
        }
        out.push_str(t);
        out.push('\n');
    }
    out
}

/// Raw DEFLATE (RFC 1951, no zlib or gzip header), as the shim's `inflate` reads it.
pub fn deflate(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// Standard base64 with padding, as `atob` reads it.
pub fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GLUE_SAMPLE: &str = "let wasm_bindgen = (function(exports) {\n    /**\n     * doc\n     */\n    function f() {}\n    // a comment\n    let wasm;\n    function __wbg_finalize_init(instance, module) {\n        wasm = instance.exports;\n    }\n    return exports;\n})({ __proto__: null });\n";

    #[test]
    fn base64_matches_the_standard_alphabet_and_padding() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(&[0xff, 0xfe, 0x00]), "//4A");
    }

    #[test]
    fn inline_bundle_has_the_glue_in_a_factory_and_no_markers() {
        let js = bundle(GLUE_SAMPLE, b"\0asm", &["jquery".into()], Mode::Inline).unwrap();
        assert!(js.contains("return (function(exports) {"));
        assert!(js.contains("wasm = __amoWrapExports(instance.exports);"));
        assert!(!js.contains("let wasm_bindgen"));
        assert!(!js.contains("@amo-bundle"));
        let encoded = crate::byte_text::encode(b"\0asm");
        assert!(js.contains(&format!("var WASM_TEXT = '{}';", encoded.text)));
        assert!(js.contains(&format!("var WASM_ORDER = '{}';", encoded.order)));
        assert!(js.contains("var WASM_BASE64 = '';"));
        assert!(js.contains("var WASM_SIZE = 0;"));
        assert_eq!(js.matches("['jquery']").count(), 2);
        assert!(!js.contains("// a comment") && !js.contains("* doc"));
        assert!(js.starts_with("define(['module', 'amocrm-sdk'].concat(['jquery'])"));
    }

    #[test]
    fn compressed_bundle_inlines_deflate_and_the_size() {
        let js = bundle(GLUE_SAMPLE, b"\0asm", &[], Mode::InlineCompressed).unwrap();
        let packed = base64(&deflate(b"\0asm"));
        assert!(js.contains(&format!("'{packed}'")));
        assert!(js.contains("var WASM_SIZE = 4;"));
        assert!(js.contains("function inflate("));
        let plain = bundle(GLUE_SAMPLE, b"\0asm", &[], Mode::Inline).unwrap();
        assert!(!plain.contains("function inflate("));
    }

    #[test]
    fn the_module_goes_in_after_minifying_whatever_quotes_the_minifier_chose() {
        let text = crate::byte_text::encode(b"\0asm").text;
        let double = |js: &str| {
            Ok::<_, BundleError>(
                js.replace("'@amo-bundle-wasm-text@'", "\"@amo-bundle-wasm-text@\""),
            )
        };
        let js = bundle_with(GLUE_SAMPLE, b"\0asm", &[], Mode::Inline, double).unwrap();
        assert!(js.contains(&format!("var WASM_TEXT = '{text}';")));
        let backticks = |js: &str| {
            Ok::<_, BundleError>(js.replace("'@amo-bundle-wasm-text@'", "`@amo-bundle-wasm-text@`"))
        };
        let js = bundle_with(GLUE_SAMPLE, b"\0asm", &[], Mode::Inline, backticks).unwrap();
        assert!(js.contains(&format!("var WASM_TEXT = '{text}';")));
        assert!(!js.contains("@amo-bundle"));
        let seen = std::cell::Cell::new(false);
        let spy = |js: &str| {
            seen.set(!js.contains(&text) || text.is_empty());
            Ok::<_, BundleError>(js.to_string())
        };
        bundle_with(GLUE_SAMPLE, b"\0asm", &[], Mode::Inline, spy).unwrap();
        assert!(
            seen.get(),
            "the minifier must not be handed the module text"
        );
        let twice = |js: &str| Ok::<_, BundleError>(format!("{js}\n'@amo-bundle-wasm-text@'"));
        assert!(bundle_with(GLUE_SAMPLE, b"\0asm", &[], Mode::Inline, twice).is_err());
    }

    #[test]
    fn imports_are_renamed_exactly_once_or_refused() {
        let glue = "const import0 = {\n    __wbg_warn_1a2b: function(arg0) {\n        console.warn(arg0);\n    },\n    __wbg_call_3c4d: function() { return 1; },\n};\nreturn { __proto__: null, \"./m_bg.js\": import0 };\n";
        let renames = vec![
            ("__wbg_warn_1a2b".to_string(), "a".to_string()),
            ("__wbg_call_3c4d".to_string(), "b".to_string()),
        ];
        let module = ("./m_bg.js".to_string(), "a".to_string());
        let out = rename_imports(glue, &renames, &module).unwrap();
        assert!(out.contains("\"a\": import0"));
        assert!(out.contains("    \"a\": function(arg0) {"));
        assert!(out.contains("    \"b\": function() { return 1; },"));
        assert!(out.contains("console.warn(arg0);"));
        let missing = vec![("__wbg_gone_ffff".to_string(), "c".to_string())];
        assert!(rename_imports(glue, &missing, &module).is_err());
    }

    #[test]
    fn split_bundle_names_the_wasm_file_and_inlines_nothing() {
        let js = bundle(GLUE_SAMPLE, b"\0asm", &[], Mode::Split).unwrap();
        assert!(js.contains(&format!("'{SPLIT_WASM_NAME}'")));
        assert!(!js.contains("AGFzbQ"));
    }

    #[test]
    fn foreign_glue_and_bad_names_are_refused() {
        assert!(matches!(
            bundle("export function f() {}", b"", &[], Mode::Inline),
            Err(BundleError::UnexpectedGlue(_))
        ));
        assert_eq!(
            bundle(
                GLUE_SAMPLE,
                b"",
                &["x'); alert(1); ('".into()],
                Mode::Inline
            ),
            Err(BundleError::BadModuleName("x'); alert(1); ('".into()))
        );
        let big = vec![0u8; INLINE_LIMIT + 1];
        assert_eq!(
            bundle(GLUE_SAMPLE, &big, &[], Mode::Inline),
            Err(BundleError::TooBigToInline(INLINE_LIMIT + 1))
        );
    }
}
