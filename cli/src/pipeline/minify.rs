//! JavaScript minification of the bundle's script (shim and glue), in process with oxc: every
//! byte of it ships to every client, and a third of it survives gzip as names and layout.

use oxc_allocator::Allocator;
use oxc_codegen::{Codegen, CodegenOptions};
use oxc_minifier::{CompressOptions, MangleOptions, Minifier, MinifierOptions};
use oxc_parser::Parser;
use oxc_span::SourceType;

/// The minifier, as the build prints it.
pub const MINIFIER: &str = "oxc_minifier 0.146 (built in)";

/// The oldest JavaScript the output may use: what the cabinet's supported browsers run, and what
/// the shim itself is written in.
const TARGET: &str = "es2017";

/// The script did not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "the bundle's JavaScript does not parse ({0}); the shim or wasm-bindgen's glue is not what \
     amo-widget expects: is the crate's wasm-bindgen the version amocrm-widget pins?"
)]
pub(crate) struct MinifyError(pub String);

/// Minifies `js` (a classic script, not a module): compressed, local names mangled, top-level
/// names kept, comments dropped.
pub(crate) fn minify(js: &str) -> Result<String, MinifyError> {
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, js, SourceType::script()).parse();
    if parsed.panicked || parsed.diagnostics.has_errors() {
        let messages: Vec<String> = parsed.diagnostics.errors().map(|d| d.to_string()).collect();
        return Err(MinifyError(if messages.is_empty() {
            "the parser gave up".into()
        } else {
            messages.join("; ")
        }));
    }
    let mut program = parsed.program;
    let target = oxc_compat::EngineTargets::from_target(TARGET).map_err(MinifyError)?;
    let options = MinifierOptions {
        mangle: Some(MangleOptions {
            top_level: Some(false),
            ..MangleOptions::default()
        }),
        mangle_properties: None,
        compress: Some(CompressOptions {
            target,
            ..CompressOptions::smallest()
        }),
    };
    let minified = Minifier::new(options).minify(&allocator, &mut program);
    let code = Codegen::new()
        .with_options(CodegenOptions::minify())
        .with_scoping(minified.scoping)
        .with_private_member_mappings(minified.class_private_mappings)
        .build(&program)
        .code;
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_function_shrinks_and_keeps_its_name() {
        let small = minify("function add(first, second) {\n  return first + second;\n}\n").unwrap();
        assert!(small.len() < 40, "{small}");
        assert!(small.contains("function add("));
    }

    #[test]
    fn syntax_errors_are_reported_not_minified_around() {
        let err = minify("function (").unwrap_err();
        assert!(err.to_string().contains("does not parse"), "{err}");
    }

    #[test]
    fn top_level_names_and_string_literals_survive() {
        let out = minify(
            "var WASM_TEXT = '@amo-bundle-wasm-text@';\nfunction useIt(value) { return value + WASM_TEXT; }\n",
        )
        .unwrap();
        assert_eq!(out.matches("@amo-bundle-wasm-text@").count(), 1, "{out}");
        assert!(out.contains("useIt"), "{out}");
        assert!(!out.contains("value"), "locals are mangled: {out}");
    }

    #[test]
    fn output_stays_within_es2017() {
        // `a ?? b` is ES2020: with an ES2017 target the minifier must not introduce it.
        let out =
            minify("function f(a, b) { return a !== null && a !== undefined ? a : b; }").unwrap();
        assert!(!out.contains("??"), "{out}");
    }
}
