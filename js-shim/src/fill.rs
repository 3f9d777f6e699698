//! Filling the shim's places for an inline bundle, for tools that bring their own glue (the test
//! kit, `amocrm-widget-testkit`). `amo-widget build` fills the same places in its `bundle`
//! module, with minification and the split mode on top.

use std::fmt;

const DEPS: &str = "/* @amo-bundle:deps */ []";
const CRATE: &str = "/* @amo-bundle:crate */ 'widget'";
const WASM_TEXT: &str = "/* @amo-bundle:wasm-text */ ''";
const WASM_ORDER: &str = "/* @amo-bundle:wasm-order */ ''";
const WASM_FILE: &str = "/* @amo-bundle:wasm-file */ ''";
const GLUE: &str =
    "/* @amo-bundle:glue */ throw new Error('this personal_page.js was not built by amo-widget');";
const TEST_HOOKS: (&str, &str) = (
    "// @amo-bundle:test-hooks-begin",
    "// @amo-bundle:test-hooks-end",
);
const SPLIT_ONLY: (&str, &str) = (
    "// @amo-bundle:split-only-begin",
    "// @amo-bundle:split-only-end",
);

/// What goes into the shim's places for an inline bundle (the WebAssembly inside the script).
///
/// ```
/// use amocrm_widget_shim::{fill_inline, Inline};
///
/// let js = fill_inline(&Inline {
///     crate_name: "hello",
///     deps: &["dateformat"],
///     glue: "return makeGlue(__amoWrapExports);",
///     wasm_text: "",
///     wasm_order: "",
///     test_hooks: false,
/// })
/// .unwrap();
/// assert!(js.contains("'amocrm widget ' + 'hello'"));
/// assert!(js.contains("return makeGlue(__amoWrapExports);"));
/// assert!(!js.contains("@amo-bundle:glue") && !js.contains("__amoStats"));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Inline<'a> {
    /// The widget crate's name: every line the shim logs starts with `amocrm widget <name>: `.
    pub crate_name: &'a str,
    /// The host AMD modules the widget asks for, beside `amocrm-sdk`.
    pub deps: &'a [&'a str],
    /// The body of `createGlue(__amoWrapExports)`: JavaScript that returns an object with
    /// `initSync({ module })` and the widget's exports (`amoStart`, `amoInitLead`, `amoSlot`,
    /// `amoTeardown`, `amoPending`), passing the exports through `__amoWrapExports` so that the
    /// shim guards them. Called once per instance the shim starts.
    pub glue: &'a str,
    /// The WebAssembly as byte text (see `amo-widget`'s `byte_text`): printable ASCII without
    /// `'` and `\`.
    pub wasm_text: &'a str,
    /// The byte ranking of that text, as hex.
    pub wasm_order: &'a str,
    /// Keep `__amoStats()` (the leak counters, which read wasm-bindgen internals): only for tests.
    pub test_hooks: bool,
}

/// Why the shim could not be filled.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FillError {
    /// A place the shim should have is missing (the shim and this function disagree).
    MissingPlace(&'static str),
    /// A value that cannot stand where it goes, with the reason.
    BadValue {
        /// Which value.
        what: &'static str,
        /// Why not.
        why: &'static str,
    },
}

impl fmt::Display for FillError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FillError::MissingPlace(place) => {
                write!(f, "personal_page.js has no place `{place}` to fill")
            }
            FillError::BadValue { what, why } => write!(f, "{what}: {why}"),
        }
    }
}

impl std::error::Error for FillError {}

/// [`PERSONAL_PAGE_JS`](crate::PERSONAL_PAGE_JS) with every place filled for an inline bundle:
/// the split-mode loader and (unless `test_hooks`) the test hooks are left out; comments stay.
///
/// Module and crate names are checked as `amo-widget build` checks them, the byte text as what a
/// single-quoted literal can hold.
///
/// ```
/// use amocrm_widget_shim::{fill_inline, FillError, Inline};
///
/// let bad = Inline {
///     crate_name: "x'; alert(1); '",
///     deps: &[],
///     glue: "",
///     wasm_text: "",
///     wasm_order: "",
///     test_hooks: false,
/// };
/// assert!(matches!(fill_inline(&bad), Err(FillError::BadValue { what: "crate name", .. })));
/// ```
pub fn fill_inline(parts: &Inline<'_>) -> Result<String, FillError> {
    let crate_ok = !parts.crate_name.is_empty()
        && parts
            .crate_name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !crate_ok {
        return Err(FillError::BadValue {
            what: "crate name",
            why: "not a Cargo package name (letters, digits, - and _)",
        });
    }
    for dep in parts.deps {
        let ok = !dep.is_empty()
            && dep
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_./@".contains(c));
        if !ok {
            return Err(FillError::BadValue {
                what: "host module name",
                why: "not a requirejs module id (letters, digits and -_./@)",
            });
        }
    }
    let literal_ok = |s: &str| {
        s.bytes()
            .all(|b| (32..127).contains(&b) && b != b'\'' && b != b'\\')
    };
    if !literal_ok(parts.wasm_text) {
        return Err(FillError::BadValue {
            what: "wasm text",
            why: "byte text is printable ASCII without ' and \\",
        });
    }
    if !parts.wasm_order.bytes().all(|b| b.is_ascii_hexdigit()) || parts.wasm_order.len() % 2 != 0 {
        return Err(FillError::BadValue {
            what: "wasm order",
            why: "not hex byte pairs",
        });
    }
    let mut shim = crate::PERSONAL_PAGE_JS.to_string();
    if !parts.test_hooks {
        shim = drop_region(&shim, TEST_HOOKS)?;
    }
    if !shim.contains(SPLIT_ONLY.0) {
        return Err(FillError::MissingPlace("split-only-begin"));
    }
    while shim.contains(SPLIT_ONLY.0) {
        shim = drop_region(&shim, SPLIT_ONLY)?;
    }
    let deps = format!(
        "[{}]",
        parts
            .deps
            .iter()
            .map(|d| format!("'{d}'"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let shim = replace(&shim, DEPS, 2, &deps, "deps")?;
    let shim = replace(&shim, CRATE, 1, &format!("'{}'", parts.crate_name), "crate")?;
    let shim = replace(&shim, WASM_FILE, 1, "''", "wasm-file")?;
    let shim = replace(
        &shim,
        WASM_ORDER,
        1,
        &format!("'{}'", parts.wasm_order),
        "wasm-order",
    )?;
    let shim = replace(&shim, GLUE, 1, parts.glue, "glue")?;
    // Last, so that nothing searches through the module's text.
    replace(
        &shim,
        WASM_TEXT,
        1,
        &format!("'{}'", parts.wasm_text),
        "wasm-text",
    )
}

fn drop_region(
    shim: &str,
    (begin, end): (&'static str, &'static str),
) -> Result<String, FillError> {
    let from = shim.find(begin).ok_or(FillError::MissingPlace(begin))?;
    let to = shim[from..]
        .find(end)
        .map(|at| from + at + end.len())
        .ok_or(FillError::MissingPlace(end))?;
    Ok(format!("{}{}", &shim[..from], &shim[to..]))
}

fn replace(
    text: &str,
    marker: &str,
    count: usize,
    with: &str,
    name: &'static str,
) -> Result<String, FillError> {
    if text.matches(marker).count() != count {
        return Err(FillError::MissingPlace(name));
    }
    Ok(text.replace(marker, with))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts() -> Inline<'static> {
        Inline {
            crate_name: "w",
            deps: &[],
            glue: "return 1;",
            wasm_text: "",
            wasm_order: "",
            test_hooks: false,
        }
    }

    #[test]
    fn no_place_is_left_open_and_only_the_inline_loader_stays() {
        let js = fill_inline(&parts()).unwrap();
        assert!(!js.contains("@amo-bundle:deps"));
        assert!(!js.contains("@amo-bundle:glue"));
        assert!(!js.contains("@amo-bundle:wasm"));
        assert!(!js.contains("@amo-bundle:split-only"));
        assert!(!js.contains("compileStreaming"));
        assert!(js.contains("new WebAssembly.Module(fromText(WASM_TEXT, WASM_ORDER))"));
    }

    #[test]
    fn test_hooks_stay_only_when_asked() {
        assert!(!fill_inline(&parts()).unwrap().contains("__amoStats"));
        let hooks = Inline {
            test_hooks: true,
            ..parts()
        };
        assert!(fill_inline(&hooks).unwrap().contains("__amoStats"));
    }

    #[test]
    fn deps_go_to_both_places() {
        let js = fill_inline(&Inline {
            deps: &["jquery", "@reduxjs/toolkit"],
            ..parts()
        })
        .unwrap();
        assert_eq!(js.matches("['jquery', '@reduxjs/toolkit']").count(), 2);
    }

    #[test]
    fn values_that_would_break_out_of_their_literal_are_refused() {
        let bad_dep = fill_inline(&Inline {
            deps: &["a']); alert(1); (['"],
            ..parts()
        });
        assert!(matches!(
            bad_dep,
            Err(FillError::BadValue {
                what: "host module name",
                ..
            })
        ));
        let bad_text = fill_inline(&Inline {
            wasm_text: "ab'c",
            ..parts()
        });
        assert!(matches!(
            bad_text,
            Err(FillError::BadValue {
                what: "wasm text",
                ..
            })
        ));
        let bad_order = fill_inline(&Inline {
            wasm_order: "0g",
            ..parts()
        });
        assert!(matches!(
            bad_order,
            Err(FillError::BadValue {
                what: "wasm order",
                ..
            })
        ));
        assert!(fill_inline(&Inline {
            crate_name: "",
            ..parts()
        })
        .is_err());
    }
}
