//! Turning wasm-bindgen's `--target no-modules` output into one `personal_page.js`.
//!
//! Pure text work, tested natively: the shim (`js-shim/personal_page.js`, embedded) gets the
//! glue wrapped in a factory function, the host module names, the crate's name and either the
//! inlined WebAssembly (as byte text) or the name of the `.wasm` file beside it.
//!
//! The edits of wasm-bindgen's generated glue (the factory wrapping, the exports guard and the
//! import names) are made on its syntax tree, in [`crate::glue`].

use std::fmt;

/// The requirejs shim every bundle is made from.
pub const SHIM: &str = amocrm_widget_shim::PERSONAL_PAGE_JS;

/// Chromium refuses synchronous compilation of WebAssembly above this size on the main thread.
pub const INLINE_LIMIT: usize = 8 * 1024 * 1024;

/// The file name of the WebAssembly in split mode (beside `personal_page.js`).
pub const SPLIT_WASM_NAME: &str = "personal_page.wasm";

const DEPS: &str = "/* @amo-bundle:deps */ []";
const CRATE: &str = "/* @amo-bundle:crate */ 'widget'";
const WASM_TEXT: &str = "/* @amo-bundle:wasm-text */ ''";
const WASM_ORDER: &str = "/* @amo-bundle:wasm-order */ ''";
/// Stand-ins for the inline module while the script is minified: a minifier drops comments, and
/// need not read the module's text.
const TEXT_TOKEN: &str = "@amo-bundle-wasm-text@";
const WASM_FILE: &str = "/* @amo-bundle:wasm-file */ ''";
const TEST_HOOKS_BEGIN: &str = "// @amo-bundle:test-hooks-begin";
const TEST_HOOKS_END: &str = "// @amo-bundle:test-hooks-end";
/// Code only one of the two modes needs: a widget ships no loader it does not use.
const SPLIT_ONLY: (&str, &str) = (
    "// @amo-bundle:split-only-begin",
    "// @amo-bundle:split-only-end",
);
const INLINE_ONLY: (&str, &str) = (
    "// @amo-bundle:inline-only-begin",
    "// @amo-bundle:inline-only-end",
);
const GLUE: &str =
    "/* @amo-bundle:glue */ throw new Error('this personal_page.js was not built by amo-widget');";
pub use crate::glue::WRITTEN_FOR as GLUE_WRITTEN_FOR;

/// Where the WebAssembly goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Inlined in `personal_page.js` as [byte text](crate::byte_text) and instantiated
    /// synchronously. The default: the fastest start (no decompression step in cold JavaScript
    /// before compiling), and the server's gzip compresses the text about as well as the module.
    Inline,
    /// Written beside the script as [`SPLIT_WASM_NAME`] and loaded asynchronously.
    Split,
}

/// What goes into a bundle besides the glue and the module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleOptions {
    /// Where the WebAssembly goes.
    pub mode: Mode,
    /// The widget crate's package name: the prefix of everything the shim logs.
    pub crate_name: String,
    /// The host AMD modules the widget uses, beside `amocrm-sdk`.
    pub modules: Vec<String>,
    /// Keep the leak counters (`__amoStats`) that our end-to-end tests read; never in a widget
    /// that ships (they read wasm-bindgen internals).
    pub test_hooks: bool,
}

impl BundleOptions {
    /// Inline mode, no extra modules, no test hooks.
    pub fn new(crate_name: &str) -> Self {
        BundleOptions {
            mode: Mode::Inline,
            crate_name: crate_name.to_string(),
            modules: Vec::new(),
            test_hooks: false,
        }
    }
}

/// Why the inputs could not be bundled.
#[derive(Debug, PartialEq, Eq)]
pub enum BundleError {
    /// The shim's places are not where this bundler expects them.
    UnexpectedGlue(&'static str),
    /// The glue is not wasm-bindgen's `no-modules` output in the shape [`crate::glue`] knows.
    Glue(crate::glue::GlueError),
    /// The WebAssembly is too big to be compiled synchronously; use split mode.
    TooBigToInline(usize),
    /// A host module name that cannot be a requirejs module id.
    BadModuleName(String),
    /// A crate name that is not a Cargo package name.
    BadCrateName(String),
}

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BundleError::UnexpectedGlue(what) => write!(
                f,
                "the wasm-bindgen glue does not have the shape amo-widget knows ({what}): \
                 amo-widget edits the `--target no-modules` output of wasm-bindgen \
                 {GLUE_WRITTEN_FOR}; pin that version in the widget crate \
                 (`wasm-bindgen = \"={GLUE_WRITTEN_FOR}\"`) and install the same CLI \
                 (`cargo install wasm-bindgen-cli --version {GLUE_WRITTEN_FOR}`)"
            ),
            BundleError::Glue(e) => e.fmt(f),
            BundleError::TooBigToInline(n) => write!(
                f,
                "the WebAssembly is {n} bytes; Chromium compiles at most {INLINE_LIMIT} bytes \
                 synchronously, so build with --split"
            ),
            BundleError::BadModuleName(name) => {
                write!(f, "`{name}` is not a valid host module name")
            }
            BundleError::BadCrateName(name) => write!(f, "`{name}` is not a crate name"),
        }
    }
}

impl std::error::Error for BundleError {}

impl From<crate::glue::GlueError> for BundleError {
    fn from(e: crate::glue::GlueError) -> Self {
        BundleError::Glue(e)
    }
}

/// Builds the text of `personal_page.js`, unminified.
///
/// `glue` is wasm-bindgen's no-modules JavaScript, `wasm` the (optimised) module.
pub fn bundle(glue: &str, wasm: &[u8], options: &BundleOptions) -> Result<String, BundleError> {
    bundle_with(glue, wasm, options, |js| {
        Ok::<_, BundleError>(js.to_string())
    })
}

/// [`bundle`], with `minify` applied to the script before the module is put in.
pub fn bundle_with<E: From<BundleError>>(
    glue: &str,
    wasm: &[u8],
    options: &BundleOptions,
    minify: impl FnOnce(&str) -> Result<String, E>,
) -> Result<String, E> {
    for name in &options.modules {
        let ok = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_./@".contains(c));
        if !ok {
            return Err(BundleError::BadModuleName(name.clone()).into());
        }
    }
    let name = &options.crate_name;
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(BundleError::BadCrateName(name.clone()).into());
    }
    let glue = crate::glue::wrap(glue).map_err(BundleError::from)?;
    let deps = format!(
        "[{}]",
        options
            .modules
            .iter()
            .map(|m| format!("'{m}'"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let shim = if options.test_hooks {
        SHIM.to_string()
    } else {
        drop_region(SHIM, TEST_HOOKS_BEGIN, TEST_HOOKS_END)?
    };
    let mode = options.mode;
    let (other, (kept_begin, kept_end)) = match mode {
        Mode::Inline => (SPLIT_ONLY, INLINE_ONLY),
        Mode::Split => (INLINE_ONLY, SPLIT_ONLY),
    };
    let mut shim = shim;
    while shim.contains(other.0) {
        shim = drop_region(&shim, other.0, other.1)?;
    }
    let shim = strip_comments(&shim.replace(kept_begin, "//").replace(kept_end, "//"));
    if mode != Mode::Split && wasm.len() > INLINE_LIMIT {
        return Err(BundleError::TooBigToInline(wasm.len()).into());
    }
    let (text, order, file) = match mode {
        Mode::Inline => {
            let encoded = crate::byte_text::encode(wasm);
            (Some(encoded.text), encoded.order, String::new())
        }
        Mode::Split => (None, String::new(), SPLIT_WASM_NAME.to_string()),
    };
    let text_literal = match text {
        Some(_) => format!("'{TEXT_TOKEN}'"),
        None => "''".to_string(),
    };
    let out = replace_exactly(&shim, DEPS, 2, &deps)?;
    let out = replace_exactly(&out, CRATE, 1, &format!("'{name}'"))?;
    let out = replace_exactly(&out, WASM_FILE, 1, &format!("'{file}'"))?;
    let out = replace_exactly(&out, WASM_ORDER, 1, &format!("'{order}'"))?;
    let out = replace_exactly(&out, WASM_TEXT, 1, &text_literal)?;
    let out = replace_exactly(&out, GLUE, 1, &glue)?;
    let out = minify(&out)?;
    // Last, so that nothing searches through the (large) module text.
    Ok(put_literal(&out, TEXT_TOKEN, text.as_deref())?)
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

/// The shim without the first region from `begin` to `end` (both markers included).
fn drop_region(shim: &str, begin: &str, end: &str) -> Result<String, BundleError> {
    let from = shim
        .find(begin)
        .ok_or(BundleError::UnexpectedGlue("a shim marker is missing"))?;
    let to = shim[from..]
        .find(end)
        .map(|at| from + at)
        .ok_or(BundleError::UnexpectedGlue("a shim marker is missing"))?;
    Ok(format!("{}{}", &shim[..from], &shim[to + end.len()..]))
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

/// Drops whole-line `//` comments, `/** … */` doc blocks and indentation from the shim, keeping
/// its inline `/* @amo-bundle:… */` places. Code lines are kept as they are (no string is ever
/// split). The glue's comments go in [`crate::glue::wrap`].
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

#[cfg(test)]
mod tests {
    use super::*;

    const GLUE_SAMPLE: &str = "let wasm_bindgen = (function(exports) {\n    /**\n     * doc\n     */\n    function f() {}\n    // a comment\n    let wasm;\n    function __wbg_finalize_init(instance, module) {\n        wasm = instance.exports;\n    }\n    return exports;\n})({ __proto__: null });\n";

    fn options(mode: Mode, modules: &[&str]) -> BundleOptions {
        BundleOptions {
            mode,
            crate_name: "my-widget".into(),
            modules: modules.iter().map(|m| m.to_string()).collect(),
            test_hooks: false,
        }
    }

    #[test]
    fn inline_bundle_has_the_glue_in_a_factory_and_no_markers() {
        let js = bundle(GLUE_SAMPLE, b"\0asm", &options(Mode::Inline, &["jquery"])).unwrap();
        assert!(js.contains("return (function(exports) {"));
        assert!(js.contains("wasm = __amoWrapExports(instance.exports);"));
        assert!(!js.contains("let wasm_bindgen"));
        assert!(!js.contains("@amo-bundle"));
        let encoded = crate::byte_text::encode(b"\0asm");
        assert!(js.contains(&format!("var WASM_TEXT = '{}';", encoded.text)));
        assert!(js.contains(&format!("var WASM_ORDER = '{}';", encoded.order)));
        assert!(js.contains("var PREFIX = 'amocrm widget ' + 'my-widget' + ': ';"));
        assert_eq!(js.matches("['jquery']").count(), 2);
        assert!(!js.contains("// a comment") && !js.contains("* doc"));
        assert!(js.starts_with("define(['module', 'amocrm-sdk'].concat(['jquery'])"));
    }

    #[test]
    fn test_hooks_only_when_asked_for() {
        let shipped = bundle(GLUE_SAMPLE, b"\0asm", &options(Mode::Inline, &[])).unwrap();
        assert!(!shipped.contains("__amoStats"));
        assert!(!shipped.contains("__wbindgen_externrefs"));
        let mut with_hooks = options(Mode::Inline, &[]);
        with_hooks.test_hooks = true;
        let tested = bundle(GLUE_SAMPLE, b"\0asm", &with_hooks).unwrap();
        assert!(tested.contains("__amoStats"));
    }

    #[test]
    fn the_module_goes_in_after_minifying_whatever_quotes_the_minifier_chose() {
        let text = crate::byte_text::encode(b"\0asm").text;
        let inline = options(Mode::Inline, &[]);
        let double = |js: &str| {
            Ok::<_, BundleError>(
                js.replace("'@amo-bundle-wasm-text@'", "\"@amo-bundle-wasm-text@\""),
            )
        };
        let js = bundle_with(GLUE_SAMPLE, b"\0asm", &inline, double).unwrap();
        assert!(js.contains(&format!("var WASM_TEXT = '{text}';")));
        let backticks = |js: &str| {
            Ok::<_, BundleError>(js.replace("'@amo-bundle-wasm-text@'", "`@amo-bundle-wasm-text@`"))
        };
        let js = bundle_with(GLUE_SAMPLE, b"\0asm", &inline, backticks).unwrap();
        assert!(js.contains(&format!("var WASM_TEXT = '{text}';")));
        assert!(!js.contains("@amo-bundle"));
        let seen = std::cell::Cell::new(false);
        let spy = |js: &str| {
            seen.set(!js.contains(&text) || text.is_empty());
            Ok::<_, BundleError>(js.to_string())
        };
        bundle_with(GLUE_SAMPLE, b"\0asm", &inline, spy).unwrap();
        assert!(
            seen.get(),
            "the minifier must not be handed the module text"
        );
        let twice = |js: &str| Ok::<_, BundleError>(format!("{js}\n'@amo-bundle-wasm-text@'"));
        assert!(bundle_with(GLUE_SAMPLE, b"\0asm", &inline, twice).is_err());
    }

    #[test]
    fn split_bundle_names_the_wasm_file_and_inlines_nothing() {
        let js = bundle(GLUE_SAMPLE, b"\0asm", &options(Mode::Split, &[])).unwrap();
        assert!(js.contains(&format!("'{SPLIT_WASM_NAME}'")));
        assert!(js.contains("var WASM_TEXT = '';"));
        assert!(js.contains("compileStreaming") && !js.contains("function fromText"));
    }

    #[test]
    fn each_mode_ships_only_its_own_loader() {
        let js = bundle(GLUE_SAMPLE, b"\0asm", &options(Mode::Inline, &[])).unwrap();
        assert!(js.contains("function fromText") && js.contains("spawnSync()"));
        assert!(!js.contains("compileStreaming") && !js.contains("spawnAsync"));
    }

    #[test]
    fn foreign_glue_and_bad_names_are_refused() {
        let inline = options(Mode::Inline, &[]);
        let err = bundle("export function f() {}", b"", &inline).unwrap_err();
        assert!(matches!(err, BundleError::Glue(_)));
        assert!(err.to_string().contains(GLUE_WRITTEN_FOR), "{err}");
        assert_eq!(
            bundle(
                GLUE_SAMPLE,
                b"",
                &options(Mode::Inline, &["x'); alert(1); ('"])
            ),
            Err(BundleError::BadModuleName("x'); alert(1); ('".into()))
        );
        let mut evil = options(Mode::Inline, &[]);
        evil.crate_name = "a' + alert(1) + '".into();
        assert!(matches!(
            bundle(GLUE_SAMPLE, b"", &evil),
            Err(BundleError::BadCrateName(_))
        ));
        let big = vec![0u8; INLINE_LIMIT + 1];
        assert_eq!(
            bundle(GLUE_SAMPLE, &big, &inline),
            Err(BundleError::TooBigToInline(INLINE_LIMIT + 1))
        );
    }
}
