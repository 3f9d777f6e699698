//! wasm-bindgen classes no code can reach, taken out of the glue and their methods out of the
//! module's exports, so that `wasm-opt` drops the Rust behind them.
//!
//! Every `#[wasm_bindgen]` struct of every crate in the widget's graph becomes a class in the glue
//! and a handful of exports (`<class>_<method>`, `__wbg_<class>_free`), whether the widget uses it
//! or not: wasm-bindgen keeps exports, and so does `wasm-opt`. A Leptos widget carries
//! wasm-streams' `IntoUnderlyingSource`, `IntoUnderlyingSink` and `IntoUnderlyingByteSource` this
//! way (leptos → server_fn, feature `browser`), with the futures machinery their methods use.
//!
//! JavaScript gets hold of an instance in two ways only: `new` (the shim never constructs a
//! glue class: it calls the `amo*` functions and nothing else of the glue object), or the static
//! `__wrap` that the glue writes for a class only when Rust hands one of its values to
//! JavaScript. A class without `__wrap` therefore never has an instance, and its methods never
//! run. Such a class goes with the statements that name it (`exports.X = X`, the
//! `Symbol.dispose` alias and its `XFinalization` registry), and the exports only those
//! statements called go from the module. Anything else that names the class, or an export the
//! rest of the glue still calls, keeps it: the class stays as it was.

use super::glue::{self, GlueError};
use super::imports::MalformedWasm;
use oxc_allocator::Allocator;
use oxc_ast::ast::{
    AssignmentTarget, BindingPattern, ClassElement, Expression, PropertyKey, Statement,
};
use oxc_span::{GetSpan, Span};
use std::collections::BTreeSet;
use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasm_encoder::{ExportSection, Section};
use wasmparser::Payload;

/// The glue without its unreachable classes, and the exports only they called.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreachable {
    /// The glue, edited.
    pub glue: String,
    /// The classes taken out.
    pub classes: Vec<String>,
    /// The module's exports nothing calls any more.
    pub exports: Vec<String>,
}

/// Finds the glue's classes without a static `__wrap` and takes them out (see the module's
/// documentation).
pub fn remove(glue: &str) -> Result<Unreachable, GlueError> {
    let allocator = Allocator::default();
    let program = glue::parse(&allocator, glue, false)?;
    let (_, body, _) = glue::factory(&program)?;
    let text = |span: Span| &glue[span.start as usize..span.end as usize];
    let mut classes = Vec::new();
    let mut edits: Vec<(Span, String)> = Vec::new();
    let mut removed_text = String::new();
    for statement in &body.statements {
        let Statement::ClassDeclaration(class) = statement else {
            continue;
        };
        let Some(name) = class.id.as_ref().map(|id| id.name.as_str()) else {
            continue;
        };
        let wraps = class.body.body.iter().any(|element| {
            matches!(element, ClassElement::MethodDefinition(m)
                if m.r#static && matches!(&m.key, PropertyKey::StaticIdentifier(k) if k.name == "__wrap"))
        });
        if wraps {
            continue;
        }
        let finalization = format!("{name}Finalization");
        let spans: Vec<Span> = body
            .statements
            .iter()
            .filter(|s| {
                std::ptr::eq(*s, statement)
                    || exports_class(s, name)
                    || aliases_dispose(text(s.span()), name)
                    || declares(s, &finalization)
            })
            .map(GetSpan::span)
            .collect();
        let rest = glue::apply(glue, spans.iter().map(|s| (*s, String::new())).collect());
        if names(&rest, name) || names(&rest, &finalization) {
            continue;
        }
        for span in spans {
            removed_text.push_str(text(span));
            edits.push((span, String::new()));
        }
        classes.push(name.to_string());
    }
    let edited = glue::apply(glue, edits);
    let still_called = wasm_calls(&edited);
    let exports = wasm_calls(&removed_text)
        .difference(&still_called)
        .filter(|e| !amocrm_widget_shim::exports::ALL.contains(&e.as_str()))
        .cloned()
        .collect();
    glue::parse(&Allocator::default(), &edited, false)?;
    Ok(Unreachable {
        glue: edited,
        classes,
        exports,
    })
}

/// `exports.X = X;`
fn exports_class(statement: &Statement, name: &str) -> bool {
    let Statement::ExpressionStatement(e) = statement else {
        return false;
    };
    let Expression::AssignmentExpression(a) = &e.expression else {
        return false;
    };
    matches!(&a.left, AssignmentTarget::StaticMemberExpression(m)
        if m.property.name == name
            && matches!(&m.object, Expression::Identifier(o) if o.name == "exports"))
        && matches!(&a.right, Expression::Identifier(r) if r.name == name)
}

/// `if (Symbol.dispose) X.prototype[Symbol.dispose] = X.prototype.free;`
fn aliases_dispose(statement: &str, name: &str) -> bool {
    let compact: String = statement.split_whitespace().collect();
    compact == format!("if(Symbol.dispose){name}.prototype[Symbol.dispose]={name}.prototype.free;")
}

/// `const XFinalization = …;`, one declarator.
fn declares(statement: &Statement, name: &str) -> bool {
    let Statement::VariableDeclaration(d) = statement else {
        return false;
    };
    matches!(d.declarations.as_slice(), [one]
        if matches!(&one.id, BindingPattern::BindingIdentifier(id) if id.name == name))
}

fn is_identifier_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

/// Whether `js` contains the identifier `name` as a whole word.
fn names(js: &str, name: &str) -> bool {
    js.match_indices(name).any(|(at, _)| {
        let before = js[..at].chars().next_back();
        let after = js[at + name.len()..].chars().next();
        !before.is_some_and(is_identifier_char) && !after.is_some_and(is_identifier_char)
    })
}

/// The exports `js` reads from the instance: every `wasm.<name>`.
fn wasm_calls(js: &str) -> BTreeSet<String> {
    js.match_indices("wasm.")
        .filter(|(at, _)| {
            !js[..*at]
                .chars()
                .next_back()
                .is_some_and(is_identifier_char)
        })
        .map(|(at, found)| {
            js[at + found.len()..]
                .chars()
                .take_while(|c| is_identifier_char(*c))
                .collect::<String>()
        })
        .filter(|name| !name.is_empty())
        .collect()
}

/// `wasm` without the exports `names`; every other section copied as it was.
pub fn drop_exports(wasm: &[u8], names: &[String]) -> Result<Vec<u8>, MalformedWasm> {
    super::sections::rewrite(wasm, |payload, out| match payload {
        Payload::ExportSection(reader) => {
            let mut section = ExportSection::new();
            for export in reader {
                let export = export?;
                if !names.iter().any(|n| n == export.name) {
                    section.export(
                        export.name,
                        RoundtripReencoder.export_kind(export.kind)?,
                        export.index,
                    );
                }
            }
            section.append_to(out);
            Ok(true)
        }
        _ => Ok(false),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape wasm-bindgen 0.2.130 writes: a class nothing can instantiate (`Stream`), one
    /// Rust hands to JavaScript (`Handle`, with `__wrap`), and the exported function the shim
    /// calls.
    const GLUE: &str = "let wasm_bindgen = (function(exports) {
    class Handle {
        static __wrap(ptr) {
            const obj = Object.create(Handle.prototype);
            obj.__wbg_ptr = ptr;
            return obj;
        }
        free() { wasm.__wbg_handle_free(this.__wbg_ptr, 0); }
    }
    exports.Handle = Handle;

    class Stream {
        __destroy_into_raw() {
            const ptr = this.__wbg_ptr;
            StreamFinalization.unregister(this);
            return ptr;
        }
        free() { wasm.__wbg_stream_free(this.__destroy_into_raw(), 0); }
        pull(controller) { return wasm.stream_pull(this.__wbg_ptr, controller); }
    }
    if (Symbol.dispose) Stream.prototype[Symbol.dispose] = Stream.prototype.free;
    exports.Stream = Stream;

    function amoSlot(el) { return wasm.amoSlot(el) >>> 0; }
    exports.amoSlot = amoSlot;

    function __wbg_get_imports() {
        const import0 = { __proto__: null, __wbg_new_0123: function(arg0) { return Handle.__wrap(arg0); } };
        return { __proto__: null, \"./personal_page_bg.js\": import0 };
    }
    const HandleFinalization = new FinalizationRegistry(ptr => wasm.__wbg_handle_free(ptr, 1));
    const StreamFinalization = (typeof FinalizationRegistry === 'undefined')
        ? { register: () => {}, unregister: () => {} }
        : new FinalizationRegistry(ptr => wasm.__wbg_stream_free(ptr, 1));
    let wasm;
    return exports;
})({ __proto__: null });
";

    #[test]
    fn a_class_without_wrap_goes_with_the_exports_only_it_called() {
        let found = remove(GLUE).unwrap();
        assert_eq!(found.classes, ["Stream"]);
        assert_eq!(found.exports, ["__wbg_stream_free", "stream_pull"]);
        assert!(!names(&found.glue, "Stream"), "{}", found.glue);
        assert!(!names(&found.glue, "StreamFinalization"), "{}", found.glue);
        for kept in [
            "class Handle",
            "exports.Handle = Handle;",
            "HandleFinalization",
            "wasm.amoSlot(el)",
            "Handle.__wrap(arg0)",
        ] {
            assert!(found.glue.contains(kept), "{kept} in {}", found.glue);
        }
    }

    #[test]
    fn a_class_named_elsewhere_or_an_export_still_called_stays() {
        let named = GLUE.replace("let wasm;", "let wasm; const s = Stream;");
        let found = remove(&named).unwrap();
        assert!(found.classes.is_empty());
        assert!(found.exports.is_empty());
        assert_eq!(found.glue, named);

        let called = GLUE.replace(
            "let wasm;",
            "let wasm; function f() { wasm.stream_pull(0); }",
        );
        let found = remove(&called).unwrap();
        assert_eq!(found.classes, ["Stream"]);
        assert_eq!(found.exports, ["__wbg_stream_free"]);
    }

    #[test]
    fn the_glue_wasm_bindgen_writes_for_hello_has_no_unreachable_class() {
        let glue = include_str!("../../tests/fixtures/glue/no-modules-0.2.130.js");
        let found = remove(glue).unwrap();
        assert!(found.classes.is_empty());
        assert_eq!(found.glue, glue);
    }

    #[test]
    fn the_named_exports_leave_the_module_and_the_rest_stays() {
        let wasm = wat::parse_str(
            r#"(module
                 (func $a (export "stream_pull") (result i32) i32.const 1)
                 (func $b (export "amoSlot") (result i32) i32.const 2)
                 (memory (export "memory") 1))"#,
        )
        .unwrap();
        let out = drop_exports(&wasm, &["stream_pull".to_string()]).unwrap();
        wasmparser::validate(&out).unwrap();
        let mut exports = Vec::new();
        for payload in wasmparser::Parser::new(0).parse_all(&out) {
            if let Payload::ExportSection(reader) = payload.unwrap() {
                for e in reader {
                    exports.push(e.unwrap().name.to_string());
                }
            }
        }
        assert_eq!(exports, ["amoSlot", "memory"]);
    }
}
