//! Turning wasm-bindgen's `--target no-modules` output into one `personal_page.js`.
//!
//! Pure text work, tested natively. The bundle format (the shim, its loaders, its places and the
//! byte text of the inline module) is the shim crate's, `amocrm-widget-shim`: this module
//! prepares what only the CLI has, wasm-bindgen's glue, and hands it with the module, the host
//! module names and the crate's name to [`amocrm_widget_shim::fill_with`], with the minifier.
//!
//! The edits of wasm-bindgen's generated glue (the factory wrapping, the exports guard and the
//! import names) are made on its syntax tree, in [`crate::pipeline::glue`].

use std::fmt;

use amocrm_widget_shim::{Fill, FillError};

/// The requirejs shim every bundle is made from (its part common to both modes).
pub const SHIM: &str = amocrm_widget_shim::PERSONAL_PAGE_JS;

/// Chromium refuses synchronous compilation of WebAssembly above this size on the main thread.
pub const INLINE_LIMIT: usize = 8 * 1024 * 1024;

/// The file name of the WebAssembly in split mode (beside `personal_page.js`).
pub const SPLIT_WASM_NAME: &str = "personal_page.wasm";

pub use crate::pipeline::glue::WRITTEN_FOR as GLUE_WRITTEN_FOR;

/// Where the WebAssembly goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Inlined in `personal_page.js` as [byte text](amocrm_widget_shim::byte_text) and
    /// instantiated synchronously. The default: the fastest start (no decompression step in cold
    /// JavaScript before compiling), and the server's gzip compresses the text about as well as
    /// the module.
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
    /// The glue is not wasm-bindgen's `no-modules` output in the shape [`crate::pipeline::glue`] knows.
    Glue(crate::pipeline::glue::GlueError),
    /// The WebAssembly is too big to be compiled synchronously; use split mode.
    TooBigToInline(usize),
    /// A host module name that cannot be a requirejs module id.
    BadModuleName(String),
    /// A crate name that is not a Cargo package name.
    BadCrateName(String),
    /// The shim could not be filled (one of its places is not there exactly once).
    Shim(FillError),
}

impl From<FillError> for BundleError {
    fn from(e: FillError) -> Self {
        match e {
            FillError::BadModuleName(name) => BundleError::BadModuleName(name),
            FillError::BadCrateName(name) => BundleError::BadCrateName(name),
            other => BundleError::Shim(other),
        }
    }
}

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
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
            BundleError::Shim(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for BundleError {}

impl From<crate::pipeline::glue::GlueError> for BundleError {
    fn from(e: crate::pipeline::glue::GlueError) -> Self {
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
///
/// The glue is prepared here (it is wasm-bindgen's output, which only the CLI sees); the shim is
/// filled by [`amocrm_widget_shim::fill_with`], which owns the bundle format, with the shim's
/// comments stripped.
pub fn bundle_with<E: From<BundleError>>(
    glue: &str,
    wasm: &[u8],
    options: &BundleOptions,
    minify: impl FnOnce(&str) -> Result<String, E>,
) -> Result<String, E> {
    // The inline loader instantiates synchronously: the glue's asynchronous loader is dead code
    // that its returned function would keep alive.
    let glue = match options.mode {
        Mode::Inline => {
            crate::pipeline::glue::drop_async_loader(glue).map_err(BundleError::from)?
        }
        Mode::Split => glue.to_string(),
    };
    let glue = crate::pipeline::glue::wrap(&glue).map_err(BundleError::from)?;
    if options.mode != Mode::Split && wasm.len() > INLINE_LIMIT {
        return Err(BundleError::TooBigToInline(wasm.len()).into());
    }
    let deps: Vec<&str> = options.modules.iter().map(String::as_str).collect();
    let parts = Fill {
        crate_name: &options.crate_name,
        deps: &deps,
        glue: &glue,
        mode: match options.mode {
            Mode::Inline => amocrm_widget_shim::Mode::Inline { wasm },
            Mode::Split => amocrm_widget_shim::Mode::Split {
                wasm_file: SPLIT_WASM_NAME,
            },
        },
        test_hooks: options.test_hooks,
        strip_comments: true,
    };
    /// The filler's own errors, apart from the minifier's.
    enum Step<E> {
        Fill(FillError),
        Minify(E),
    }
    impl<E> From<FillError> for Step<E> {
        fn from(e: FillError) -> Self {
            Step::Fill(e)
        }
    }
    amocrm_widget_shim::fill_with(&parts, |js| minify(js).map_err(Step::Minify)).map_err(
        |e| match e {
            Step::Fill(e) => BundleError::from(e).into(),
            Step::Minify(e) => e,
        },
    )
}

pub use amocrm_widget_shim::strip_comments;

#[cfg(test)]
mod tests {
    use super::*;

    /// wasm-bindgen's `no-modules` glue in miniature: both loaders, a doc block and a comment.
    const GLUE_SAMPLE: &str = "let wasm_bindgen = (function(exports) {\n    let script_src;\n    if (typeof document !== 'undefined') {\n        script_src = 'x';\n    }\n    /**\n     * doc\n     */\n    function f() {}\n    // a comment\n    let wasm;\n    function __wbg_finalize_init(instance, module) {\n        wasm = instance.exports;\n        return wasm;\n    }\n    async function __wbg_load(module, imports) {\n        return WebAssembly.instantiate(module, imports);\n    }\n    function initSync(module) {\n        return __wbg_finalize_init(new WebAssembly.Instance(module, {}), module);\n    }\n    let __wbg_init_promise;\n    async function __wbg_init(m) {\n        return __wbg_init_promise ??= __wbg_init_once(m);\n    }\n    async function __wbg_init_once(m) {\n        const { instance, module } = await __wbg_load(m, {});\n        return __wbg_finalize_init(instance, module);\n    }\n    return Object.assign(__wbg_init, { initSync }, exports);\n})({ __proto__: null });\n";

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
        let encoded = amocrm_widget_shim::byte_text::encode(b"\0asm");
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
        let text = amocrm_widget_shim::byte_text::encode(b"\0asm").text;
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
        assert!(!js.contains("WASM_TEXT"));
        assert!(js.contains("compileStreaming") && !js.contains("function fromText"));
    }

    #[test]
    fn each_mode_ships_only_its_own_loader() {
        let js = bundle(GLUE_SAMPLE, b"\0asm", &options(Mode::Inline, &[])).unwrap();
        assert!(js.contains("function fromText") && js.contains(".initSync("));
        assert!(!js.contains("compileStreaming") && !js.contains("module_or_path"));
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
