//! The edits of wasm-bindgen's generated JavaScript glue (`--target no-modules`), made on oxc's
//! syntax tree: each edit finds its exact node (not a line that looks like it), must apply
//! exactly once, and otherwise fails with a [`GlueError`] naming the wasm-bindgen the edits were
//! written for ([`WRITTEN_FOR`]) and the one found. The edits replace the text of the nodes
//! found, by their spans; [`wrap`] then prints the result again with oxc's code generator,
//! without comments or indentation (most of the glue's bytes that survive gzip, when the bundle
//! is not minified).
//!
//! - [`rename_imports`]: the imports object's keys, and its module name, become the short names
//!   [`crate::pipeline::imports::shorten_imports`] gave the module's imports (wasm-bindgen has no switch
//!   for shorter names).
//! - [`wrap`]: `let wasm_bindgen = (function(exports) { … })(…);` becomes
//!   `return (function(exports) { … })(…);`, the body of the shim's `createGlue()`, and
//!   `wasm = instance.exports` in `__wbg_finalize_init` hands the exports through the shim's
//!   guard (`__amoWrapExports`).
//!
//! # Why a factory, and not wasm-bindgen's reset
//!
//! After a panic (or a host function that threw through Rust) the shim starts a fresh
//! `WebAssembly.Instance` from the compiled module, and it needs a fresh copy of the glue's state
//! with it: every call of `createGlue()` runs the glue again. wasm-bindgen's own mechanism
//! (`schedule_reinit()`, and `--experimental-reset-state-function`'s `__wbg_reset_state`) swaps the
//! instance inside the one glue instead: the closures, listeners and subscriptions the crashed
//! instance handed to the host stay in the host, and the reset glue makes each of them throw
//! `Cannot invoke closure from previous WASM instance` into the host when it calls them (the shim
//! promises that nothing is thrown into the host, and with a glue per instance the dead
//! instance's guarded exports just return). The glue also refuses to initialise twice
//! (`initSync` returns the first instance). And wasm-bindgen 0.2.130 refuses the flag for
//! `--target no-modules` (module, web and nodejs only). Whoever upgrades wasm-bindgen: check
//! whether its glue still has the shape these functions look for (the tests of this module and
//! `glue_edits_are_written_for_the_pinned_wasm_bindgen` say where), and whether a reset that
//! leaves the previous instance's closures inert has appeared.

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    Argument, AssignmentOperator, AssignmentTarget, BindingPattern, Expression, FunctionBody,
    ObjectExpression, ObjectPropertyKind, Program, PropertyKey, Statement, VariableDeclarationKind,
};
use oxc_codegen::{Codegen, CodegenOptions, CommentOptions};
use oxc_parser::{ParseOptions, Parser};
use oxc_span::{GetSpan, SourceType, Span};
use std::collections::HashMap;

/// The wasm-bindgen whose `--target no-modules` output these edits were written against. A test
/// compares it with the version the workspace pins, so an upgrade fails there first.
pub const WRITTEN_FOR: &str = "0.2.130";

/// The glue is not wasm-bindgen's `no-modules` output in the shape these edits know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlueError {
    what: String,
    found: Option<String>,
}

impl GlueError {
    fn new(what: impl Into<String>) -> Self {
        GlueError {
            what: what.into(),
            found: None,
        }
    }

    /// The error, naming `version` as the wasm-bindgen that wrote the glue.
    pub fn written_by(self, version: &str) -> Self {
        GlueError {
            found: Some(version.to_string()),
            ..self
        }
    }

    /// What was not as expected.
    pub fn what(&self) -> &str {
        &self.what
    }
}

impl std::fmt::Display for GlueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let found = match &self.found {
            Some(version) => format!("this glue is from wasm-bindgen {version}"),
            None => "this glue is from an unknown wasm-bindgen".to_string(),
        };
        write!(
            f,
            "the wasm-bindgen glue does not have the shape amo-widget knows ({}): amo-widget edits \
             the `--target no-modules` output of wasm-bindgen {WRITTEN_FOR}, and {found}; pin \
             {WRITTEN_FOR} in the widget crate (`wasm-bindgen = \"={WRITTEN_FOR}\"`) and install \
             the same CLI (`cargo install wasm-bindgen-cli --version {WRITTEN_FOR}`)",
            self.what
        )
    }
}

impl std::error::Error for GlueError {}

/// Renames the glue's import functions and their module (`module`: old, new) as
/// [`crate::pipeline::imports::shorten_imports`] renamed them in the module (`renames`: old, new).
/// wasm-bindgen's import names carry a hash each, so on a typical widget this saves a few
/// kilobytes in both the module and the glue. Every import must be a key of the imports object
/// exactly once; everything but the keys is left as it was.
pub fn rename_imports(
    glue: &str,
    renames: &[(String, String)],
    module: &(String, String),
) -> Result<String, GlueError> {
    let allocator = Allocator::default();
    let program = parse(&allocator, glue, false)?;
    let get_imports = function(factory(&program)?.1, "__wbg_get_imports")?;
    let mut edits = Vec::new();

    // return { __proto__: null, "./personal_page_bg.js": import0 };
    let returned = get_imports
        .statements
        .iter()
        .filter_map(|s| match s {
            Statement::ReturnStatement(r) => match &r.argument {
                Some(Expression::ObjectExpression(o)) => Some(o),
                _ => None,
            },
            _ => None,
        })
        .collect::<Vec<_>>();
    let [returned] = returned.as_slice() else {
        return Err(GlueError::new(
            "`__wbg_get_imports` does not return one object",
        ));
    };
    let by_module = properties(returned, |key| key == module.0);
    let [(_, key, Expression::Identifier(imports_name))] = by_module.as_slice() else {
        return Err(GlueError::new(format!(
            "no single imports object for `{}`",
            module.0
        )));
    };
    edits.push((*key, quoted(&module.1)));

    // const import0 = { __proto__: null, __wbg_warn_…: function(arg0) { … }, … };
    let objects = get_imports
        .statements
        .iter()
        .filter_map(|s| match s {
            Statement::VariableDeclaration(d) => Some(d.declarations.iter()),
            _ => None,
        })
        .flatten()
        .filter_map(|d| match (&d.id, &d.init) {
            (BindingPattern::BindingIdentifier(id), Some(Expression::ObjectExpression(o)))
                if id.name == imports_name.name =>
            {
                Some(o)
            }
            _ => None,
        })
        .collect::<Vec<_>>();
    let [imports] = objects.as_slice() else {
        return Err(GlueError::new(format!(
            "no single object `{}` in `__wbg_get_imports`",
            imports_name.name
        )));
    };
    let map: HashMap<&str, &str> = renames
        .iter()
        .map(|(old, new)| (old.as_str(), new.as_str()))
        .collect();
    let mut found = HashMap::new();
    for (name, key, _) in properties(imports, |key| map.contains_key(key)) {
        if found.insert(name, key).is_some() {
            return Err(GlueError::new(format!(
                "the import `{name}` is defined twice"
            )));
        }
        edits.push((key, quoted(map[name])));
    }
    if let Some((missing, _)) = renames
        .iter()
        .find(|(old, _)| !found.contains_key(old.as_str()))
    {
        return Err(GlueError::new(format!(
            "the import `{missing}` of the module is not in the glue's imports object"
        )));
    }
    Ok(apply(glue, edits))
}

/// Makes the glue the body of `createGlue(__amoWrapExports)`: it returns the glue object instead
/// of assigning a global, and hands the instance exports through the shim's guard. Comments and
/// indentation are dropped.
pub fn wrap(glue: &str) -> Result<String, GlueError> {
    let allocator = Allocator::default();
    let program = parse(&allocator, glue, false)?;
    let (declaration, body, call) = factory(&program)?;
    let finalize = function(body, "__wbg_finalize_init")?;
    // wasm = instance.exports;
    let assignments = finalize
        .statements
        .iter()
        .filter_map(|s| match s {
            Statement::ExpressionStatement(e) => match &e.expression {
                Expression::AssignmentExpression(a) => Some(a),
                _ => None,
            },
            _ => None,
        })
        .filter(|a| {
            a.operator == AssignmentOperator::Assign
                && matches!(&a.left, AssignmentTarget::AssignmentTargetIdentifier(id) if id.name == "wasm")
                && matches!(&a.right, Expression::StaticMemberExpression(m)
                    if m.property.name == "exports"
                        && matches!(&m.object, Expression::Identifier(id) if id.name == "instance"))
        })
        .collect::<Vec<_>>();
    let [exports] = assignments.as_slice() else {
        return Err(GlueError::new(
            "no single `wasm = instance.exports` in `__wbg_finalize_init`",
        ));
    };
    let right = exports.right.span();
    let edits = vec![
        (
            Span::new(declaration.start, call.start),
            "return ".to_string(),
        ),
        (
            Span::empty(right.start),
            format!("{}(", amocrm_widget_shim::WRAP_EXPORTS),
        ),
        (Span::empty(right.end), ")".to_string()),
    ];
    let wrapped = apply(glue, edits);
    let allocator = Allocator::default();
    let program = parse(&allocator, &wrapped, true)?;
    Ok(Codegen::new()
        .with_options(CodegenOptions {
            comments: CommentOptions::disabled(),
            indent_width: 0,
            ..CodegenOptions::default()
        })
        .build(&program)
        .code)
}

/// The glue without its asynchronous loader, for bundles whose shim instantiates the module
/// synchronously (the inline mode calls `initSync`): the functions `__wbg_load`, `__wbg_init`
/// and `__wbg_init_once`, the `__wbg_init_promise` they share and `script_src` (the default
/// module URL, found from `document.currentScript`) go, and the glue object becomes
/// `Object.assign({}, { initSync }, exports)` instead of the `__wbg_init` function carrying
/// them. The minifier cannot drop these, since the returned function keeps them alive: about
/// 1 KB of minified script (500 B gzipped) in every inline bundle.
pub fn drop_async_loader(glue: &str) -> Result<String, GlueError> {
    let allocator = Allocator::default();
    let program = parse(&allocator, glue, false)?;
    let (_, body, _) = factory(&program)?;
    let mut edits = Vec::new();
    for name in ["__wbg_load", "__wbg_init", "__wbg_init_once"] {
        let found: Vec<Span> = body
            .statements
            .iter()
            .filter_map(|s| match s {
                Statement::FunctionDeclaration(f)
                    if f.id.as_ref().is_some_and(|id| id.name == name) =>
                {
                    Some(f.span)
                }
                _ => None,
            })
            .collect();
        let [span] = found.as_slice() else {
            return Err(GlueError::new(format!("no single function `{name}`")));
        };
        edits.push((*span, String::new()));
    }
    // `let __wbg_init_promise;`, `let script_src;` and the `if` that sets `script_src`: the
    // statements that name them, outside the functions removed above.
    for (name, count) in [("__wbg_init_promise", 1), ("script_src", 2)] {
        let found: Vec<Span> = body
            .statements
            .iter()
            .filter(|s| !matches!(s, Statement::FunctionDeclaration(_)))
            .map(|s| s.span())
            .filter(|span| glue[span.start as usize..span.end as usize].contains(name))
            .collect();
        if found.len() != count {
            return Err(GlueError::new(format!(
                "`{name}` is not named by {count} statement(s) outside the loader's functions"
            )));
        }
        edits.extend(found.into_iter().map(|span| (span, String::new())));
    }
    // return Object.assign(__wbg_init, { initSync }, exports);
    let returned: Vec<Span> = body
        .statements
        .iter()
        .filter_map(|s| match s {
            Statement::ReturnStatement(r) => match &r.argument {
                Some(Expression::CallExpression(call)) => match call.arguments.first() {
                    Some(Argument::Identifier(id)) if id.name == "__wbg_init" => Some(id.span),
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        })
        .collect();
    let [first] = returned.as_slice() else {
        return Err(GlueError::new(
            "no single `return Object.assign(__wbg_init, …)` ending the glue",
        ));
    };
    edits.push((*first, "{}".to_string()));
    let edited = apply(glue, edits);
    if edited.contains("__wbg_init")
        || edited.contains("__wbg_load")
        || edited.contains("script_src")
    {
        return Err(GlueError::new(
            "the asynchronous loader is used outside its own functions",
        ));
    }
    parse(&Allocator::default(), &edited, false)?;
    Ok(edited)
}

/// The glue as a classic script (what `no-modules` is); `in_function` allows the top-level
/// `return` of the wrapped glue.
pub(super) fn parse<'a>(
    allocator: &'a Allocator,
    js: &'a str,
    in_function: bool,
) -> Result<Program<'a>, GlueError> {
    let options = ParseOptions {
        allow_return_outside_function: in_function,
        ..ParseOptions::default()
    };
    let parsed = Parser::new(allocator, js, SourceType::script())
        .with_options(options)
        .parse();
    if parsed.panicked || parsed.diagnostics.has_errors() {
        let first = parsed
            .diagnostics
            .errors()
            .next()
            .map(|d| d.to_string())
            .unwrap_or_else(|| "the parser gave up".into());
        return Err(GlueError::new(format!("it does not parse: {first}")));
    }
    Ok(parsed.program)
}

/// `let wasm_bindgen = (function(exports) { … })({ __proto__: null });`, the whole script: the
/// declaration's span, the factory's body and the call's span.
pub(super) fn factory<'p, 'a>(
    program: &'p Program<'a>,
) -> Result<(Span, &'p FunctionBody<'a>, Span), GlueError> {
    let unexpected =
        || GlueError::new("it is not one `let wasm_bindgen = (function(exports) {…})(…)`");
    let [Statement::VariableDeclaration(declaration)] = program.body.as_slice() else {
        return Err(unexpected());
    };
    let [declarator] = declaration.declarations.as_slice() else {
        return Err(unexpected());
    };
    let named = matches!(&declarator.id, BindingPattern::BindingIdentifier(id) if id.name == "wasm_bindgen");
    let Some(Expression::CallExpression(call)) = &declarator.init else {
        return Err(unexpected());
    };
    let Expression::ParenthesizedExpression(callee) = &call.callee else {
        return Err(unexpected());
    };
    let Expression::FunctionExpression(function) = &callee.expression else {
        return Err(unexpected());
    };
    match &function.body {
        Some(body) if named && declaration.kind == VariableDeclarationKind::Let => {
            Ok((declaration.span, body, call.span))
        }
        _ => Err(unexpected()),
    }
}

/// The body of the one function declaration `name` directly in `body`.
fn function<'p, 'a>(
    body: &'p FunctionBody<'a>,
    name: &str,
) -> Result<&'p FunctionBody<'a>, GlueError> {
    let found = body
        .statements
        .iter()
        .filter_map(|s| match s {
            Statement::FunctionDeclaration(f) => {
                f.id.as_ref()
                    .filter(|id| id.name == name)
                    .and(f.body.as_ref())
            }
            _ => None,
        })
        .collect::<Vec<_>>();
    match found.as_slice() {
        [one] => Ok(one),
        _ => Err(GlueError::new(format!("no single function `{name}`"))),
    }
}

/// The plain properties (`key: value` or `"key": value`) of `object` whose key `wanted`: the
/// key, its span and the value.
fn properties<'p, 'a>(
    object: &'p ObjectExpression<'a>,
    wanted: impl Fn(&str) -> bool,
) -> Vec<(&'p str, Span, &'p Expression<'a>)> {
    object
        .properties
        .iter()
        .filter_map(|p| match p {
            ObjectPropertyKind::ObjectProperty(p) if !p.computed && !p.method && !p.shorthand => {
                let name = match &p.key {
                    PropertyKey::StaticIdentifier(id) => id.name.as_str(),
                    PropertyKey::StringLiteral(s) => s.value.as_str(),
                    _ => return None,
                };
                wanted(name).then(|| (name, p.key.span(), &p.value))
            }
            _ => None,
        })
        .collect()
}

/// A JavaScript string literal of `name`.
fn quoted(name: &str) -> String {
    serde_json::to_string(name).unwrap_or_default()
}

/// `source` with each span replaced (an empty span inserts); the spans do not overlap.
pub(super) fn apply(source: &str, mut edits: Vec<(Span, String)>) -> String {
    edits.sort_by_key(|(span, _)| (span.start, span.end));
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for (span, text) in edits {
        out.push_str(&source[at..span.start as usize]);
        out.push_str(&text);
        at = span.end as usize;
    }
    out.push_str(&source[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What wasm-bindgen 0.2.130 writes for `examples/hello` (`--target no-modules`).
    const REAL: &str = include_str!("../../tests/fixtures/glue/no-modules-0.2.130.js");
    const MODULE: &str = "./personal_page_bg.js";

    /// A glue of the same shape, small enough to read in a failing assertion.
    const SMALL: &str = "let wasm_bindgen = (function(exports) {
    /**
     * doc
     */
    function __wbg_get_imports() {
        const import0 = {
            __proto__: null,
            __wbg_warn_1a2b: function(arg0) {
                // a comment
                console.warn(`two
  lines`, arg0);
            },
            \"__wbg_call_3c4d\": function() { return 1; },
        };
        return {
            __proto__: null,
            \"./m_bg.js\": import0,
        };
    }
    let wasm;
    function __wbg_finalize_init(instance, module) {
        wasm = instance.exports;
        return wasm;
    }
    return exports;
})({ __proto__: null });
";

    fn renames(names: &[(&str, &str)]) -> Vec<(String, String)> {
        names
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    fn module_renamed(from: &str) -> (String, String) {
        (from.to_string(), "a".to_string())
    }

    /// The keys of the imports object, in order.
    fn import_keys(glue: &str) -> Vec<String> {
        let allocator = Allocator::default();
        let program = parse(&allocator, glue, false).unwrap();
        let get_imports = function(factory(&program).unwrap().1, "__wbg_get_imports").unwrap();
        let Statement::VariableDeclaration(d) = &get_imports.statements[0] else {
            panic!("the imports object is not first");
        };
        let Some(Expression::ObjectExpression(o)) = &d.declarations[0].init else {
            panic!("not an object");
        };
        properties(o, |_| true)
            .into_iter()
            .map(|(name, _, _)| name.to_string())
            .collect()
    }

    #[test]
    fn imports_are_renamed_and_nothing_else_changes() {
        let out = rename_imports(
            SMALL,
            &renames(&[("__wbg_warn_1a2b", "a"), ("__wbg_call_3c4d", "b")]),
            &module_renamed("./m_bg.js"),
        )
        .unwrap();
        let expected = SMALL
            .replace("__wbg_warn_1a2b:", "\"a\":")
            .replace("\"__wbg_call_3c4d\":", "\"b\":")
            .replace("\"./m_bg.js\": import0", "\"a\": import0");
        assert_eq!(out, expected);
    }

    #[test]
    fn every_import_of_real_glue_is_renamed() {
        let keys = import_keys(REAL);
        let hashed: Vec<&String> = keys.iter().filter(|k| k.starts_with("__wb")).collect();
        assert!(hashed.len() > 20, "{keys:?}");
        let map: Vec<(String, String)> = hashed
            .iter()
            .enumerate()
            .map(|(i, k)| (k.to_string(), format!("n{i}")))
            .collect();
        let out = rename_imports(REAL, &map, &module_renamed(MODULE)).unwrap();
        let mut expected = vec!["__proto__".to_string()];
        expected.extend(map.iter().map(|(_, new)| new.clone()));
        assert_eq!(import_keys(&out), expected);
        assert!(out.contains("\"a\": import0") && !out.contains(MODULE));
        assert!(out.len() < REAL.len());
    }

    #[test]
    fn renaming_refuses_what_it_cannot_apply_exactly_once() {
        let module = module_renamed("./m_bg.js");
        let missing =
            rename_imports(SMALL, &renames(&[("__wbg_gone_ffff", "c")]), &module).unwrap_err();
        assert!(missing.what().contains("__wbg_gone_ffff"), "{missing}");
        let twice = SMALL.replace(
            "__proto__: null,\n            __wbg_warn",
            "__wbg_warn_1a2b: null,\n            __wbg_warn",
        );
        let err =
            rename_imports(&twice, &renames(&[("__wbg_warn_1a2b", "a")]), &module).unwrap_err();
        assert!(err.what().contains("defined twice"), "{err}");
        let other_module = module_renamed("./other_bg.js");
        let err = rename_imports(SMALL, &[], &other_module).unwrap_err();
        assert!(err.what().contains("./other_bg.js"), "{err}");
        // A key that only looks like an import, in another object, is not an import.
        let elsewhere = SMALL.replace("let wasm;", "let wasm; const x = { __wbg_gone_ffff: 1 };");
        assert!(
            rename_imports(&elsewhere, &renames(&[("__wbg_gone_ffff", "c")]), &module).is_err()
        );
    }

    #[test]
    fn wrapping_makes_a_factory_body_through_the_guard_without_comments() {
        let out = wrap(SMALL).unwrap();
        assert!(out.starts_with("return (function(exports) {"), "{out}");
        assert!(
            out.contains("wasm = __amoWrapExports(instance.exports);"),
            "{out}"
        );
        assert!(!out.contains("doc") && !out.contains("a comment"), "{out}");
        assert!(!out.contains("wasm_bindgen"), "{out}");
        assert!(
            out.contains("`two\n  lines`"),
            "strings are kept as they are: {out}"
        );
        let indented: Vec<&str> = out.lines().filter(|l| l.starts_with([' ', '\t'])).collect();
        assert_eq!(
            indented,
            ["  lines`, arg0);"],
            "no indentation but the string's: {out}"
        );
        // It is a function body: the shim's `createGlue` runs it.
        let allocator = Allocator::default();
        let shim = format!("function createGlue(__amoWrapExports) {{\n{out}}}\n");
        assert!(parse(&allocator, &shim, false).is_ok());
    }

    #[test]
    fn real_glue_wraps() {
        let out = wrap(REAL).unwrap();
        assert_eq!(out.matches("__amoWrapExports(instance.exports)").count(), 1);
        assert!(out.starts_with("return (function(exports) {"), "{out}");
        assert!(!out.contains("/**") && !out.contains("Cast intrinsic"));
        assert!(out.len() < REAL.len() * 3 / 4);
    }

    #[test]
    fn the_async_loader_goes_and_initsync_stays() {
        let out = drop_async_loader(REAL).unwrap();
        for gone in [
            "__wbg_load",
            "__wbg_init",
            "script_src",
            "instantiateStreaming",
        ] {
            assert!(!out.contains(gone), "{gone} is still there");
        }
        assert!(out.contains("function initSync(module)"));
        assert!(out.contains("function __wbg_finalize_init(instance, module)"));
        assert_eq!(
            out.matches("return Object.assign({}, { initSync }, exports);")
                .count(),
            1
        );
        // The factory wrap still applies, and the result is smaller by the loader.
        let wrapped = wrap(&out).unwrap();
        assert!(wrapped.len() + 1500 < wrap(REAL).unwrap().len());
    }

    #[test]
    fn dropping_the_loader_refuses_glue_that_uses_it_elsewhere() {
        let used = REAL.replace(
            "function initSync(module) {",
            "function initSync(module) {\n        __wbg_init_promise = undefined;",
        );
        let error = drop_async_loader(&used).unwrap_err();
        assert!(
            error.to_string().contains("used outside its own functions"),
            "{error}"
        );
        let shape = REAL.replace("async function __wbg_load(", "async function __wbg_fetch(");
        let error = drop_async_loader(&shape).unwrap_err();
        assert!(error.to_string().contains("__wbg_load"), "{error}");
    }

    #[test]
    fn wrapping_refuses_other_shapes_naming_both_versions() {
        let foreign = wrap("export function f() {}").unwrap_err();
        let twice = SMALL.replace(
            "wasm = instance.exports;",
            "wasm = instance.exports; wasm = instance.exports;",
        );
        let none = SMALL.replace("wasm = instance.exports;", "wasm = instance;");
        let elsewhere = SMALL.replace("wasm = instance.exports;", "").replace(
            "let wasm;",
            "let wasm; function f(instance) { wasm = instance.exports; }",
        );
        let var = SMALL.replace("let wasm_bindgen", "var wasm_bindgen");
        let not_parsing = SMALL.replace("return exports;", "return exports;;)");
        for glue in [&twice, &none, &elsewhere, &var, &not_parsing] {
            assert!(wrap(glue).is_err(), "{glue}");
        }
        let message = foreign.written_by("0.2.999").to_string();
        assert!(message.contains(WRITTEN_FOR), "{message}");
        assert!(message.contains("0.2.999"), "{message}");
    }

    /// When wasm-bindgen is upgraded, this fails first: the glue edits above were written
    /// against [`WRITTEN_FOR`]'s output.
    #[test]
    fn glue_edits_are_written_for_the_pinned_wasm_bindgen() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let Ok(lock) = std::fs::read_to_string(root.join("Cargo.lock")) else {
            // A packaged amo-widget, outside the repository: no workspace to compare with.
            return;
        };
        let upgrade = "wasm-bindgen was upgraded: run the end-to-end suite, re-check the edits \
                       and the design note in cli/src/pipeline/glue.rs against the new `--target \
                       no-modules` glue (and refresh cli/tests/fixtures/glue/), then set \
                       glue::WRITTEN_FOR";
        let lock: toml_edit::DocumentMut = lock.parse().unwrap();
        let locked: Vec<&str> = lock["package"]
            .as_array_of_tables()
            .unwrap()
            .iter()
            .filter(|p| p["name"].as_str() == Some("wasm-bindgen"))
            .filter_map(|p| p["version"].as_str())
            .collect();
        assert_eq!(locked, [WRITTEN_FOR], "Cargo.lock: {upgrade}");
        let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
        let manifest: toml_edit::DocumentMut = manifest.parse().unwrap();
        let pinned = manifest["workspace"]["dependencies"]["wasm-bindgen"].as_str();
        assert_eq!(
            pinned,
            Some(format!("={WRITTEN_FOR}").as_str()),
            "the root Cargo.toml's [workspace.dependencies]: {upgrade}"
        );
        assert!(
            REAL.starts_with("let wasm_bindgen = (function(exports) {"),
            "the fixture is wasm-bindgen's output"
        );
    }
}
