//! Filling the shim: the one place that knows its markers, for `amo-widget build` and the test
//! kit alike.
//!
//! A bundle is [`PERSONAL_PAGE_JS`](crate::PERSONAL_PAGE_JS) with one loader snippet
//! ([`INLINE_LOADER`](crate::INLINE_LOADER) or [`SPLIT_LOADER`](crate::SPLIT_LOADER)) at
//! `@amo-bundle:loader`, [`TEST_HOOKS`](crate::TEST_HOOKS) (or nothing) at
//! `@amo-bundle:test-hooks`, and then the values at the other places. Every place must be there
//! exactly once when it is filled, so a shim and a filler that disagree fail loudly
//! ([`FillError::Place`]) instead of shipping an open place.

use std::fmt;

/// A place: the marker comment and the stand-in value after it, replaced together.
struct Place {
    name: &'static str,
    text: &'static str,
}

const fn place(name: &'static str, text: &'static str) -> Place {
    Place { name, text }
}

const DEPS: Place = place("deps", "/* @amo-bundle:deps */ []");
const DEP_NAMES: Place = place("dep-names", "/* @amo-bundle:dep-names */ []");
const CRATE: Place = place("crate", "/* @amo-bundle:crate */ 'widget'");
const GLUE: Place = place(
    "glue",
    "/* @amo-bundle:glue */ throw new Error('this personal_page.js was not built by amo-widget');",
);
const LOADER: Place = place("loader", "/* @amo-bundle:loader */");
const TEST_HOOKS: Place = place("test-hooks", "/* @amo-bundle:test-hooks */");
const WASM_TEXT: Place = place("wasm-text", "/* @amo-bundle:wasm-text */ ''");
const WASM_ORDER: Place = place("wasm-order", "/* @amo-bundle:wasm-order */ ''");
const WASM_FILE: Place = place("wasm-file", "/* @amo-bundle:wasm-file */ ''");

/// The inline module's stand-in while the script is minified: a minifier drops comments, and
/// need not read the module's (large) text.
const TEXT_TOKEN: &str = "@amo-bundle-wasm-text@";

/// Where the WebAssembly goes, and so which loader the bundle gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode<'a> {
    /// Inside the script as [byte text](crate::byte_text), compiled and instantiated
    /// synchronously ([`INLINE_LOADER`](crate::INLINE_LOADER)).
    Inline {
        /// The module's bytes.
        wasm: &'a [u8],
    },
    /// In a file beside the script, fetched relative to it and compiled asynchronously
    /// ([`SPLIT_LOADER`](crate::SPLIT_LOADER)).
    Split {
        /// The file's name (a relative URL: letters, digits and `-_.`).
        wasm_file: &'a str,
    },
}

/// What goes into the shim's places.
///
/// ```
/// use amocrm_widget_shim::{fill, Fill, Mode};
///
/// let js = fill(&Fill {
///     crate_name: "hello",
///     deps: &["dateformat"],
///     glue: "return makeGlue(__amoWrapExports);",
///     mode: Mode::Inline { wasm: b"\0asm\x01\0\0\0" },
///     test_hooks: false,
///     strip_comments: false,
/// })
/// .unwrap();
/// assert!(js.contains("'amocrm widget ' + 'hello'"));
/// assert!(js.contains("return makeGlue(__amoWrapExports);"));
/// assert!(js.contains("function fromText") && !js.contains("compileStreaming"));
/// // No place is left open (comments may still name them: they are kept here).
/// assert!(!js.contains("/* @amo-bundle:") && !js.contains("__amoStats"));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Fill<'a> {
    /// The widget crate's name: every line the shim logs starts with `amocrm widget <name>: `.
    pub crate_name: &'a str,
    /// The host AMD modules the widget asks for, beside `amocrm-sdk`.
    pub deps: &'a [&'a str],
    /// The body of `createGlue(__amoWrapExports)`: JavaScript that returns the glue object
    /// (`initSync({ module })` inline, callable as `glue({ module_or_path })` split, with the
    /// widget's exports `amoStart`, `amoInitLead`, `amoSlot`, `amoTeardown`, `amoPending`),
    /// passing the instance's exports through `__amoWrapExports` so that the shim guards them.
    /// Called once per instance the shim starts. Inserted as is.
    pub glue: &'a str,
    /// Where the WebAssembly goes.
    pub mode: Mode<'a>,
    /// Keep `__amoStats()` (the leak counters, which read wasm-bindgen internals): only for tests.
    pub test_hooks: bool,
    /// Drop the shim's whole-line comments, blank lines and indentation (see
    /// [`strip_comments`]), before the glue goes in: what `amo-widget build` ships when it does
    /// not minify.
    pub strip_comments: bool,
}

/// Why the shim could not be filled.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FillError {
    /// A place is not in the text exactly once when it is filled: the shim and this filler
    /// disagree, or (for `wasm-text`) the minifier dropped or copied the module's stand-in.
    Place(&'static str),
    /// A crate name that is not a Cargo package name (letters, digits, `-` and `_`).
    BadCrateName(String),
    /// A host module name that cannot be a requirejs module id (letters, digits and `-_./@`).
    BadModuleName(String),
    /// A split module file name that is not a plain file name (letters, digits and `-_.`).
    BadFileName(String),
}

impl fmt::Display for FillError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FillError::Place(place) => write!(
                f,
                "personal_page.js does not have the place `@amo-bundle:{place}` exactly once \
                 to fill"
            ),
            FillError::BadCrateName(name) => write!(f, "`{name}` is not a crate name"),
            FillError::BadModuleName(name) => {
                write!(f, "`{name}` is not a valid host module name")
            }
            FillError::BadFileName(name) => {
                write!(f, "`{name}` is not a file name the shim can fetch")
            }
        }
    }
}

impl std::error::Error for FillError {}

/// The shim with every place filled: [`fill_with`] without a minifier.
///
/// Names are checked before anything is filled, so that none can break out of its literal.
///
/// ```
/// use amocrm_widget_shim::{fill, Fill, FillError, Mode};
///
/// let bad = Fill {
///     crate_name: "x'; alert(1); '",
///     deps: &[],
///     glue: "",
///     mode: Mode::Split { wasm_file: "personal_page.wasm" },
///     test_hooks: false,
///     strip_comments: false,
/// };
/// assert!(matches!(fill(&bad), Err(FillError::BadCrateName(_))));
/// ```
pub fn fill(parts: &Fill<'_>) -> Result<String, FillError> {
    fill_with(parts, |js| Ok::<_, FillError>(js.to_string()))
}

/// The shim with every place filled, `minify` applied to the whole script (shim, loader and
/// glue) before the inline module's text goes in, as a string literal in single quotes: the
/// minifier never reads the module, and may quote its stand-in however it likes.
pub fn fill_with<E: From<FillError>>(
    parts: &Fill<'_>,
    minify: impl FnOnce(&str) -> Result<String, E>,
) -> Result<String, E> {
    check_names(parts)?;
    let (loader, text) = match parts.mode {
        Mode::Inline { wasm } => (crate::INLINE_LOADER, Some(crate::byte_text::encode(wasm))),
        Mode::Split { .. } => (crate::SPLIT_LOADER, None),
    };
    // The snippets first, so that their places are filled with the shim's.
    let js = put(crate::PERSONAL_PAGE_JS, &LOADER, loader)?;
    let hooks = if parts.test_hooks {
        crate::TEST_HOOKS
    } else {
        ""
    };
    let js = put(&js, &TEST_HOOKS, hooks)?;
    let js = if parts.strip_comments {
        strip_comments(&js)
    } else {
        js
    };
    let deps = format!(
        "[{}]",
        parts
            .deps
            .iter()
            .map(|d| format!("'{d}'"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let js = put(&js, &DEPS, &deps)?;
    let js = put(&js, &DEP_NAMES, &deps)?;
    let js = put(&js, &CRATE, &format!("'{}'", parts.crate_name))?;
    let js = match (&parts.mode, &text) {
        (Mode::Inline { .. }, Some(text)) => {
            let js = put(&js, &WASM_ORDER, &format!("'{}'", text.order))?;
            put(&js, &WASM_TEXT, &format!("'{TEXT_TOKEN}'"))?
        }
        (Mode::Split { wasm_file }, _) => put(&js, &WASM_FILE, &format!("'{wasm_file}'"))?,
        (Mode::Inline { .. }, None) => unreachable!("the inline mode always has its text"),
    };
    // The glue last: nothing searches through it, and markers in it are not the shim's places.
    let js = put(&js, &GLUE, parts.glue)?;
    let js = minify(&js)?;
    match text {
        // Last, so that nothing searches through the (large) module text.
        Some(text) => Ok(put_literal(&js, &text.text)?),
        None => Ok(js),
    }
}

fn check_names(parts: &Fill<'_>) -> Result<(), FillError> {
    if !made_of(parts.crate_name, "-_") {
        return Err(FillError::BadCrateName(parts.crate_name.to_string()));
    }
    if let Some(dep) = parts.deps.iter().find(|dep| !made_of(dep, "-_./@")) {
        return Err(FillError::BadModuleName(dep.to_string()));
    }
    match parts.mode {
        Mode::Split { wasm_file } if !made_of(wasm_file, "-_.") => {
            Err(FillError::BadFileName(wasm_file.to_string()))
        }
        _ => Ok(()),
    }
}

/// `name` is not empty, and is made of ASCII letters, digits and the characters of `others`
/// only: nothing that could end the string literal it goes in.
fn made_of(name: &str, others: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || others.contains(c))
}

/// `js` with its one `place` replaced by `with`.
fn put(js: &str, place: &Place, with: &str) -> Result<String, FillError> {
    if js.matches(place.text).count() != 1 {
        return Err(FillError::Place(place.name));
    }
    Ok(js.replacen(place.text, with, 1))
}

/// Replaces the one string literal [`TEXT_TOKEN`] (in any quotes: a minifier may switch them,
/// oxc to backticks) with `value` in single quotes.
fn put_literal(js: &str, value: &str) -> Result<String, FillError> {
    let quoted = [
        format!("'{TEXT_TOKEN}'"),
        format!("\"{TEXT_TOKEN}\""),
        format!("`{TEXT_TOKEN}`"),
    ];
    let found: Vec<&String> = quoted.iter().filter(|q| js.contains(q.as_str())).collect();
    match found.as_slice() {
        [one] if js.matches(one.as_str()).count() == 1 => {
            Ok(js.replacen(one.as_str(), &format!("'{value}'"), 1))
        }
        _ => Err(FillError::Place(WASM_TEXT.name)),
    }
}

/// Drops whole-line `//` comments, `/** … */` doc blocks, blank lines and indentation: most of
/// the bytes of the shim and of wasm-bindgen's glue that would survive gzip. Code lines are kept
/// as they are (no string is ever split); `/* … */` markers inside code lines stay.
///
/// ```
/// let js = amocrm_widget_shim::strip_comments("  // why\n  var a = /* @x */ 1;\n\n  /**\n   * doc\n   */\n  f(a);\n");
/// assert_eq!(js, "var a = /* @x */ 1;\nf(a);\n");
/// ```
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
    use crate::byte_text;

    fn parts() -> Fill<'static> {
        Fill {
            crate_name: "w",
            deps: &[],
            glue: "return 1;",
            mode: Mode::Inline {
                wasm: b"\0asm\x01\0\0\0",
            },
            test_hooks: false,
            strip_comments: false,
        }
    }

    fn split() -> Fill<'static> {
        Fill {
            mode: Mode::Split {
                wasm_file: "personal_page.wasm",
            },
            ..parts()
        }
    }

    #[test]
    fn every_place_is_in_the_shim_and_its_snippets_exactly_once() {
        let all = [
            crate::PERSONAL_PAGE_JS,
            crate::INLINE_LOADER,
            crate::SPLIT_LOADER,
            crate::TEST_HOOKS,
        ]
        .concat();
        for place in [
            DEPS, DEP_NAMES, CRATE, GLUE, LOADER, TEST_HOOKS, WASM_TEXT, WASM_ORDER, WASM_FILE,
        ] {
            assert_eq!(all.matches(place.text).count(), 1, "{}", place.name);
        }
        // Nothing else is marked: every `/* @amo-bundle:` is one of the places above.
        assert_eq!(all.matches("/* @amo-bundle:").count(), 9);
    }

    #[test]
    fn no_place_is_left_open_and_only_the_inline_loader_stays() {
        let js = fill(&parts()).unwrap();
        assert!(!js.contains("/* @amo-bundle:"));
        assert!(!js.contains("compileStreaming") && !js.contains("WASM_FILE"));
        assert!(js.contains("new WebAssembly.Module(fromText(WASM_TEXT, WASM_ORDER))"));
        let encoded = byte_text::encode(b"\0asm\x01\0\0\0");
        assert!(js.contains(&format!("var WASM_TEXT = '{}';", encoded.text)));
        assert!(js.contains(&format!("var WASM_ORDER = '{}';", encoded.order)));
    }

    #[test]
    fn the_split_bundle_has_only_the_split_loader() {
        let js = fill(&split()).unwrap();
        assert!(!js.contains("/* @amo-bundle:"));
        assert!(js.contains("var WASM_FILE = 'personal_page.wasm';"));
        assert!(js.contains("compileStreaming"));
        assert!(!js.contains("fromText") && !js.contains("WASM_TEXT") && !js.contains("initSync"));
        assert!(matches!(
            fill(&Fill {
                mode: Mode::Split {
                    wasm_file: "../x'.wasm"
                },
                ..parts()
            }),
            Err(FillError::BadFileName(_))
        ));
    }

    #[test]
    fn test_hooks_stay_only_when_asked() {
        assert!(!fill(&parts()).unwrap().contains("__amoStats"));
        let hooks = Fill {
            test_hooks: true,
            ..parts()
        };
        assert!(fill(&hooks).unwrap().contains("__amoStats"));
    }

    #[test]
    fn deps_go_to_both_places() {
        let js = fill(&Fill {
            deps: &["jquery", "@reduxjs/toolkit"],
            ..parts()
        })
        .unwrap();
        assert_eq!(js.matches("['jquery', '@reduxjs/toolkit']").count(), 2);
        assert!(js.starts_with("// personal_page.js"));
        let stripped = fill(&Fill {
            deps: &["jquery"],
            strip_comments: true,
            ..parts()
        })
        .unwrap();
        assert!(stripped.starts_with("define(['module', 'amocrm-sdk'].concat(['jquery'])"));
    }

    #[test]
    fn stripping_keeps_the_glue_as_given() {
        let js = fill(&Fill {
            glue: "// the glue's own comment\n  return 1;",
            strip_comments: true,
            ..parts()
        })
        .unwrap();
        assert!(js.contains("// the glue's own comment\n  return 1;"));
        assert!(!js.contains("// The inline loader"));
    }

    #[test]
    fn the_module_goes_in_after_minifying_whatever_quotes_the_minifier_chose() {
        let text = byte_text::encode(b"\0asm\x01\0\0\0").text;
        let double = |js: &str| {
            Ok::<_, FillError>(js.replace(&format!("'{TEXT_TOKEN}'"), &format!("\"{TEXT_TOKEN}\"")))
        };
        let js = fill_with(&parts(), double).unwrap();
        assert!(js.contains(&format!("var WASM_TEXT = '{text}';")));
        let backticks = |js: &str| {
            Ok::<_, FillError>(js.replace(&format!("'{TEXT_TOKEN}'"), &format!("`{TEXT_TOKEN}`")))
        };
        let js = fill_with(&parts(), backticks).unwrap();
        assert!(js.contains(&format!("var WASM_TEXT = '{text}';")));
        let seen = std::cell::Cell::new(false);
        let spy = |js: &str| {
            seen.set(!js.contains(&format!("'{text}'")));
            Ok::<_, FillError>(js.to_string())
        };
        fill_with(&parts(), spy).unwrap();
        assert!(
            seen.get(),
            "the minifier must not be handed the module text"
        );
        let twice = |js: &str| Ok::<_, FillError>(format!("{js}\n'{TEXT_TOKEN}'"));
        assert_eq!(
            fill_with(&parts(), twice),
            Err(FillError::Place("wasm-text"))
        );
        let dropped = |_: &str| Ok::<_, FillError>(String::new());
        assert_eq!(
            fill_with(&parts(), dropped),
            Err(FillError::Place("wasm-text"))
        );
    }

    #[test]
    fn values_that_would_break_out_of_their_literal_are_refused() {
        let bad_dep = fill(&Fill {
            deps: &["a']); alert(1); (['"],
            ..parts()
        });
        assert_eq!(
            bad_dep,
            Err(FillError::BadModuleName("a']); alert(1); (['".into()))
        );
        assert!(matches!(
            fill(&Fill {
                crate_name: "",
                ..parts()
            }),
            Err(FillError::BadCrateName(_))
        ));
    }
}
