//! Dead function-table entries. wasm-bindgen leaves its closure shims in the function table, and
//! every function in the table stays alive for binaryen 116 (the one built into amo-widget), which
//! cannot tell that no `call_indirect` will ever reach them; binaryen 132 drops them itself.
//!
//! A `call_indirect` traps unless the callee has the type it names, so an entry whose type no
//! `call_indirect` in reachable code names can never run. Such entries are pointed at one new
//! function whose body is `unreachable`: table indices stay as they were, and `wasm-opt` then
//! removes the functions nothing else uses.
//!
//! Reachable code starts from the roots (exported functions, the start function, functions that
//! global initialisers and declarative element segments take a reference to) and grows to a
//! fixpoint through calls, `ref.func` and the table entries whose type *is* named by a reachable
//! `call_indirect`.
//!
//! Anything this cannot reason about leaves the module as it was ([`Pruned::Skipped`]): a function
//! table that is imported, exported, initialised by an expression or not alone; a passive segment
//! or one of expressions; an instruction that reads or writes the table other than by
//! `call_indirect` (`table.get`, `table.copy`, `call_ref`, …); types beyond plain function types.
//!
//! Only the function, element and code sections are rewritten; every other section is copied byte
//! for byte.

use super::imports::MalformedWasm;
use std::collections::HashSet;
use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasm_encoder::{CodeSection, ElementSection, Elements, Function, FunctionSection, Section};
use wasmparser::{
    BinaryReader, CodeSectionReader, CompositeInnerType, ElementItems, ElementKind, Encoding,
    ExternalKind, FuncType, Operator, Parser, Payload, RefType, TableInit, TypeRef, ValType,
};

/// What [`prune`] did.
#[derive(Debug)]
pub enum Pruned {
    /// Dead entries were pointed at one `unreachable` stub.
    Pruned {
        /// The rewritten module.
        wasm: Vec<u8>,
        /// How many entries the function table's active segments have.
        entries: usize,
        /// How many of them were dead (and now point at the stub).
        dead: usize,
    },
    /// The module is to be used as it was: no entry is dead, or the module does something this
    /// step cannot reason about.
    Skipped(&'static str),
}

impl Pruned {
    /// The progress line: `table: 43 of 61 entries dead` or `table: unchanged (why)`.
    pub fn describe(&self) -> String {
        match self {
            Pruned::Pruned { entries, dead, .. } => {
                format!("table: {dead} of {entries} entries dead")
            }
            Pruned::Skipped(why) => format!("table: unchanged ({why})"),
        }
    }
}

/// An element segment as this step understands it: function indices, for the function table or
/// declared.
struct Segment {
    /// `Some((table, offset))` for an active one, `None` for a declared one.
    active: Option<(Option<u32>, wasm_encoder::ConstExpr)>,
    functions: Vec<u32>,
}

/// What the module says about its functions, its types and its table.
#[derive(Default)]
struct Module {
    /// Each type index's function type (`None`: not a plain function type).
    types: Vec<Option<FuncType>>,
    /// Each function's type index, imports first.
    function_types: Vec<u32>,
    imported_functions: u32,
    /// The funcref table's index, once one is seen.
    function_table: Option<u32>,
    tables: u32,
    roots: Vec<u32>,
    segments: Vec<Segment>,
    /// For each defined function: what it calls or takes a reference to, and the types its
    /// `call_indirect`s name.
    callees: Vec<Vec<u32>>,
    indirect_types: Vec<Vec<u32>>,
}

/// A reason to leave the module as it was, or a malformed module.
enum Stop {
    Skip(&'static str),
    Malformed(MalformedWasm),
}

impl From<wasmparser::BinaryReaderError> for Stop {
    fn from(e: wasmparser::BinaryReaderError) -> Stop {
        Stop::Malformed(MalformedWasm::Unreadable(e))
    }
}

fn skip<T>(why: &'static str) -> Result<T, Stop> {
    Err(Stop::Skip(why))
}

/// Points the function table's dead entries at one `unreachable` stub (see the module's
/// documentation), or says why the module is left as it was.
pub fn prune(wasm: &[u8]) -> Result<Pruned, MalformedWasm> {
    let module = match read(wasm) {
        Ok(module) => module,
        Err(Stop::Skip(why)) => return Ok(Pruned::Skipped(why)),
        Err(Stop::Malformed(e)) => return Err(e),
    };
    if module.function_table.is_none() {
        return Ok(Pruned::Skipped("no function table"));
    }
    let live_types = live_types(&module);
    let entry_is_live = |f: u32| {
        let ty = module.function_types[f as usize];
        live_types.contains(&canonical(&module.types, ty))
    };
    let mut entries = 0;
    let mut dead: Vec<u32> = Vec::new();
    for segment in &module.segments {
        if segment.active.is_some() {
            entries += segment.functions.len();
            dead.extend(segment.functions.iter().filter(|f| !entry_is_live(**f)));
        }
    }
    let Some(&first_dead) = dead.first() else {
        return Ok(Pruned::Skipped("no entry is dead"));
    };
    // The stub takes the type of a dead entry: any type validates with an `unreachable` body,
    // and this one is named by no reachable `call_indirect`.
    let stub_type = module.function_types[first_dead as usize];
    let stub = module.function_types.len() as u32;
    match rewrite(wasm, &module, stub, stub_type, entry_is_live) {
        Ok(wasm) => Ok(Pruned::Pruned {
            wasm,
            entries,
            dead: dead.len(),
        }),
        Err(Stop::Skip(why)) => Ok(Pruned::Skipped(why)),
        Err(Stop::Malformed(e)) => Err(e),
    }
}

/// The first type index with the same function type as `ty`: `call_indirect` compares types by
/// structure, not by index.
fn canonical(types: &[Option<FuncType>], ty: u32) -> u32 {
    let this = &types[ty as usize];
    types.iter().position(|t| t == this).unwrap_or(ty as usize) as u32
}

/// The (canonical) types that `call_indirect`s in reachable code name.
fn live_types(module: &Module) -> HashSet<u32> {
    let mut live = HashSet::new();
    let mut types = HashSet::new();
    let mut todo: Vec<u32> = module.roots.clone();
    loop {
        while let Some(f) = todo.pop() {
            if !live.insert(f) {
                continue;
            }
            let Some(defined) = f.checked_sub(module.imported_functions) else {
                continue;
            };
            let defined = defined as usize;
            todo.extend(&module.callees[defined]);
            types.extend(
                module.indirect_types[defined]
                    .iter()
                    .map(|t| canonical(&module.types, *t)),
            );
        }
        // The entries a reachable `call_indirect` may run are reachable too.
        let more: Vec<u32> = module
            .segments
            .iter()
            .filter(|s| s.active.is_some())
            .flat_map(|s| &s.functions)
            .copied()
            .filter(|f| !live.contains(f))
            .filter(|f| {
                types.contains(&canonical(
                    &module.types,
                    module.function_types[*f as usize],
                ))
            })
            .collect();
        if more.is_empty() {
            return types;
        }
        todo = more;
    }
}

fn read(wasm: &[u8]) -> Result<Module, Stop> {
    let mut module = Module::default();
    let mut exported_functions = Vec::new();
    for payload in Parser::new(0).parse_all(wasm) {
        match payload? {
            Payload::Version { encoding, .. } if encoding != Encoding::Module => {
                return Err(Stop::Malformed(MalformedWasm::Component));
            }
            Payload::UnknownSection { id, .. } => {
                return Err(Stop::Malformed(MalformedWasm::UnknownSection(id)));
            }
            Payload::TypeSection(reader) => {
                for group in reader {
                    let group = group?;
                    if group.is_explicit_rec_group() {
                        return skip("a recursive type group");
                    }
                    for ty in group.types() {
                        module.types.push(plain_function_type(ty));
                    }
                }
            }
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    match import?.ty {
                        TypeRef::Func(ty) => {
                            module.function_types.push(ty);
                            module.imported_functions += 1;
                        }
                        TypeRef::Table(t) if t.element_type.is_func_ref() => {
                            return skip("the function table is imported");
                        }
                        TypeRef::Table(_) => module.tables += 1,
                        TypeRef::FuncExact(_) => return skip("an exact function import"),
                        _ => {}
                    }
                }
            }
            Payload::FunctionSection(reader) => {
                for ty in reader {
                    module.function_types.push(ty?);
                }
            }
            Payload::TableSection(reader) => {
                for table in reader {
                    let table = table?;
                    if !table.ty.element_type.is_extern_ref() {
                        if module.function_table.is_some() {
                            return skip("more than one table of functions");
                        }
                        if table.ty.element_type != RefType::FUNCREF {
                            return skip("a table of typed function references");
                        }
                        if !matches!(table.init, TableInit::RefNull) {
                            return skip("the function table is initialised by an expression");
                        }
                        module.function_table = Some(module.tables);
                    }
                    module.tables += 1;
                }
            }
            Payload::ExportSection(reader) => {
                for export in reader {
                    let export = export?;
                    match export.kind {
                        ExternalKind::Func | ExternalKind::FuncExact => {
                            exported_functions.push(export.index)
                        }
                        ExternalKind::Table if Some(export.index) == module.function_table => {
                            return skip("the function table is exported");
                        }
                        _ => {}
                    }
                }
            }
            Payload::GlobalSection(reader) => {
                for global in reader {
                    let global = global?;
                    for op in global.init_expr.get_operators_reader() {
                        if let Operator::RefFunc { function_index } = op? {
                            module.roots.push(function_index);
                        }
                    }
                }
            }
            Payload::StartSection { func, .. } => module.roots.push(func),
            Payload::ElementSection(reader) => {
                for element in reader {
                    module
                        .segments
                        .push(segment(element?, module.function_table)?);
                }
            }
            Payload::CodeSectionEntry(body) => {
                let (callees, types) = body_references(&body, module.function_table)?;
                module.callees.push(callees);
                module.indirect_types.push(types);
            }
            _ => {}
        }
    }
    module.roots.extend(exported_functions);
    for segment in &module.segments {
        if segment.active.is_none() {
            module.roots.extend(&segment.functions);
        }
    }
    let functions = module.function_types.len();
    let defined = functions - module.imported_functions as usize;
    if module.callees.len() != defined {
        return skip("the code section does not match the function section");
    }
    if defined == 0 {
        // The stub goes into the function and code sections, which such a module lacks.
        return skip("no function defined in the module");
    }
    let in_range = |f: &u32| (*f as usize) < functions;
    let types_in_range = module
        .function_types
        .iter()
        .chain(module.indirect_types.iter().flatten())
        .all(|t| (*t as usize) < module.types.len());
    if !types_in_range
        || !module.roots.iter().all(in_range)
        || !module.callees.iter().flatten().all(in_range)
        || !module
            .segments
            .iter()
            .flat_map(|s| &s.functions)
            .all(in_range)
    {
        return skip("an index out of range");
    }
    Ok(module)
}

/// A function type that is final, has no supertype and mentions no other type: one whose
/// structure alone says which `call_indirect`s accept it.
fn plain_function_type(ty: &wasmparser::SubType) -> Option<FuncType> {
    let composite = &ty.composite_type;
    let CompositeInnerType::Func(func) = &composite.inner else {
        return None;
    };
    let concrete = |v: &ValType| matches!(v, ValType::Ref(r) if r.is_concrete_type_ref());
    let plain = ty.is_final
        && ty.supertype_idx.is_none()
        && !composite.shared
        && composite.descriptor_idx.is_none()
        && composite.describes_idx.is_none()
        && !func.params().iter().chain(func.results()).any(concrete);
    plain.then(|| func.clone())
}

fn segment(element: wasmparser::Element, function_table: Option<u32>) -> Result<Segment, Stop> {
    let ElementItems::Functions(items) = element.items else {
        return skip("an element segment of expressions");
    };
    let functions = items.into_iter().collect::<Result<Vec<u32>, _>>()?;
    let active = match element.kind {
        ElementKind::Passive => return skip("a passive element segment"),
        ElementKind::Declared => None,
        ElementKind::Active {
            table_index,
            offset_expr,
        } => {
            if Some(table_index.unwrap_or(0)) != function_table {
                return skip("an element segment for another table");
            }
            let offset = RoundtripReencoder
                .const_expr(offset_expr)
                .or(skip("an element offset amo-widget cannot rewrite"))?;
            Some((table_index, offset))
        }
    };
    Ok(Segment { active, functions })
}

/// What a function body calls or takes a reference to, and the types its `call_indirect`s name.
fn body_references(
    body: &wasmparser::FunctionBody,
    function_table: Option<u32>,
) -> Result<(Vec<u32>, Vec<u32>), Stop> {
    let on_table = |t: u32| Some(t) == function_table;
    let mut callees = Vec::new();
    let mut types = Vec::new();
    let mut reader = body.get_operators_reader()?;
    while !reader.eof() {
        let op = reader
            .read()
            .or(skip("an instruction amo-widget does not read"))?;
        match op {
            Operator::Call { function_index }
            | Operator::ReturnCall { function_index }
            | Operator::RefFunc { function_index } => callees.push(function_index),
            Operator::CallIndirect { type_index, .. }
            | Operator::ReturnCallIndirect { type_index, .. } => types.push(type_index),
            Operator::CallRef { .. } | Operator::ReturnCallRef { .. } => {
                return skip("call_ref");
            }
            Operator::ArrayNewElem { .. } | Operator::ArrayInitElem { .. } => {
                return skip("an array made from an element segment");
            }
            Operator::TableGet { table }
            | Operator::TableSet { table }
            | Operator::TableFill { table }
            | Operator::TableGrow { table }
            | Operator::TableInit { table, .. }
                if on_table(table) =>
            {
                return skip("an instruction that reads or writes the function table");
            }
            Operator::TableCopy {
                dst_table,
                src_table,
            } if on_table(dst_table) || on_table(src_table) => {
                return skip("table.copy on the function table");
            }
            Operator::TableAtomicGet { .. }
            | Operator::TableAtomicSet { .. }
            | Operator::TableAtomicRmwXchg { .. }
            | Operator::TableAtomicRmwCmpxchg { .. } => {
                return skip("an atomic table instruction");
            }
            _ => {}
        }
    }
    Ok((callees, types))
}

/// The module with the stub appended to the function and code sections and each dead entry of
/// the active segments pointed at it; every other section copied byte for byte.
fn rewrite(
    wasm: &[u8],
    module: &Module,
    stub: u32,
    stub_type: u32,
    entry_is_live: impl Fn(u32) -> bool,
) -> Result<Vec<u8>, Stop> {
    super::sections::rewrite(wasm, |payload, out| match payload {
        Payload::FunctionSection(_) => {
            let mut section = FunctionSection::new();
            for ty in &module.function_types[module.imported_functions as usize..] {
                section.function(*ty);
            }
            section.function(stub_type);
            section.append_to(out);
            Ok(true)
        }
        Payload::ElementSection(_) => {
            let mut section = ElementSection::new();
            for segment in &module.segments {
                match &segment.active {
                    Some((table, offset)) => {
                        let functions: Vec<u32> = segment
                            .functions
                            .iter()
                            .map(|f| if entry_is_live(*f) { *f } else { stub })
                            .collect();
                        section.active(*table, offset, Elements::Functions(functions.into()))
                    }
                    None => {
                        section.declared(Elements::Functions(segment.functions.as_slice().into()))
                    }
                };
            }
            section.append_to(out);
            Ok(true)
        }
        Payload::CodeSectionStart { range, .. } => {
            let mut section = CodeSection::new();
            let reader = BinaryReader::new(&wasm[range.clone()], range.start);
            for body in CodeSectionReader::new(reader)? {
                section.raw(&wasm[body?.range()]);
            }
            let mut body = Function::new([]);
            body.instructions().unreachable().end();
            section.function(&body);
            section.append_to(out);
            Ok(true)
        }
        _ => Ok(false),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `$shim` and `$export_only` have types no reachable `call_indirect` names; `$invoke` (an
    /// export) calls through the table with `$pair`'s type, written as the duplicate `$pair2` to
    /// show that types are compared by structure. `$closure` has that type, so it stays, and the
    /// `call_indirect` in its callee `$helper` keeps `$deep` (type `$one`), which only the
    /// fixpoint reaches.
    const FIXTURE: &str = r#"
        (module
          (type $unit (func))
          (type $pair (func (param i32 i32)))
          (type $one (func (param i32) (result i32)))
          (type $pair2 (func (param i32 i32)))
          (type $f64 (func (param f64)))
          (import "a" "log" (func $log (type $unit)))
          (table 8 8 funcref)
          (memory (export "memory") 1)
          (global $g (mut i32) (i32.const 7))
          (func $invoke (export "invoke") (param i32 i32 i32)
            local.get 0
            local.get 1
            local.get 2
            call_indirect (type $pair2))
          (func $closure (type $pair)
            local.get 0
            call $helper
            drop)
          (func $helper (type $one)
            local.get 0
            local.get 0
            call_indirect (type $one))
          (func $deep (type $one) local.get 0)
          (func $shim (type $f64) call $log)
          (func $export_only (export "export_only") (type $f64))
          (elem (i32.const 1) func $closure $shim $deep $export_only $log)
          (data (i32.const 16) "still here")
          (@custom "name-ish" "kept as it was"))
    "#;

    fn pruned(text: &str) -> (Vec<u8>, usize, usize) {
        match prune(&wat::parse_str(text).unwrap()).unwrap() {
            Pruned::Pruned {
                wasm,
                entries,
                dead,
            } => (wasm, entries, dead),
            Pruned::Skipped(why) => panic!("skipped: {why}"),
        }
    }

    fn skipped(text: &str) -> &'static str {
        match prune(&wat::parse_str(text).unwrap()).unwrap() {
            Pruned::Skipped(why) => why,
            Pruned::Pruned { .. } => panic!("pruned:\n{text}"),
        }
    }

    fn valid(wasm: &[u8]) {
        wasmparser::Validator::new()
            .validate_all(wasm)
            .expect("the pruned module validates");
    }

    fn active_entries(wasm: &[u8]) -> Vec<u32> {
        let mut found = Vec::new();
        for payload in Parser::new(0).parse_all(wasm) {
            if let Payload::ElementSection(reader) = payload.unwrap() {
                for element in reader {
                    let element = element.unwrap();
                    if let (ElementKind::Active { .. }, ElementItems::Functions(items)) =
                        (element.kind, element.items)
                    {
                        found.extend(items.into_iter().map(Result::unwrap));
                    }
                }
            }
        }
        found
    }

    fn sections(wasm: &[u8]) -> Vec<(u8, Vec<u8>)> {
        Parser::new(0)
            .parse_all(wasm)
            .filter_map(|p| p.unwrap().as_section())
            .map(|(id, range)| (id, wasm[range].to_vec()))
            .collect()
    }

    /// The operators of the last function body.
    fn last_body(wasm: &[u8]) -> Vec<String> {
        let mut last = None;
        for payload in Parser::new(0).parse_all(wasm) {
            if let Payload::CodeSectionEntry(body) = payload.unwrap() {
                let mut ops = Vec::new();
                let mut reader = body.get_operators_reader().unwrap();
                while !reader.eof() {
                    ops.push(format!("{:?}", reader.read().unwrap()));
                }
                last = Some(ops);
            }
        }
        last.unwrap()
    }

    #[test]
    fn dead_entries_point_at_an_unreachable_stub_and_live_ones_stay() {
        let before = wat::parse_str(FIXTURE).unwrap();
        valid(&before);
        let (after, entries, dead) = pruned(FIXTURE);
        valid(&after);
        assert_eq!((entries, dead), (5, 3));
        // Functions: $log 0, $invoke 1, $closure 2, $helper 3, $deep 4, $shim 5,
        // $export_only 6, and the stub 7.
        assert_eq!(active_entries(&before), [2, 5, 4, 6, 0]);
        assert_eq!(active_entries(&after), [2, 7, 4, 7, 7]);
        assert_eq!(last_body(&after), ["Unreachable", "End"]);
        let result = prune(&before).unwrap();
        assert_eq!(result.describe(), "table: 3 of 5 entries dead");
    }

    #[test]
    fn only_the_function_element_and_code_sections_change() {
        let before = wat::parse_str(FIXTURE).unwrap();
        let (after, ..) = pruned(FIXTURE);
        let (before, after) = (sections(&before), sections(&after));
        assert_eq!(
            before.iter().map(|s| s.0).collect::<Vec<_>>(),
            after.iter().map(|s| s.0).collect::<Vec<_>>()
        );
        for (old, new) in before.iter().zip(&after) {
            match old.0 {
                3 | 9 | 10 => assert_ne!(old, new, "section {}", old.0),
                _ => assert_eq!(old, new, "section {} changed", old.0),
            }
        }
        // The original bodies are all still there, byte for byte, before the stub.
        let code = |s: &[(u8, Vec<u8>)]| s.iter().find(|s| s.0 == 10).unwrap().1.clone();
        let (old, new) = (code(&before), code(&after));
        assert_eq!((old[0], new[0]), (6, 7), "the body counts");
        assert_eq!(old[1..], new[1..old.len()]);
    }

    #[test]
    fn a_type_used_only_by_unreachable_code_keeps_nothing_alive() {
        // `$orphan` calls through the table with `$pair`, but nothing reaches `$orphan`.
        let (after, entries, dead) = pruned(
            r#"(module
                 (type $pair (func (param i32 i32)))
                 (table 2 funcref)
                 (func $orphan (param i32 i32 i32)
                   local.get 0 local.get 1 local.get 2 call_indirect (type $pair))
                 (func $closure (type $pair))
                 (func (export "run"))
                 (elem (i32.const 0) func $closure $orphan))"#,
        );
        valid(&after);
        assert_eq!((entries, dead), (2, 2));
    }

    #[test]
    fn roots_include_the_start_function_globals_and_declared_references() {
        for root in [
            "(start $root)",
            "(global funcref (ref.func $root))",
            "(elem declare func $root)",
        ] {
            let text = format!(
                r#"(module
                     (type $pair (func (param i32 i32)))
                     (table 1 funcref)
                     (func $root
                       i32.const 0 i32.const 0 i32.const 0 call_indirect (type $pair))
                     (func $closure (type $pair))
                     (elem (i32.const 0) func $closure)
                     {root})"#
            );
            assert_eq!(skipped(&text), "no entry is dead", "{root}");
        }
    }

    #[test]
    fn modules_it_cannot_reason_about_are_left_unchanged() {
        let module = |table: &str, body: &str, rest: &str| {
            format!(
                r#"(module
                     (type $pair (func (param i32 i32)))
                     {table}
                     (func $run (export "run") {body})
                     (func $closure (type $pair))
                     {rest})"#
            )
        };
        let elem = "(elem (i32.const 0) func $closure)";
        let table = "(table $t 2 funcref)";
        let cases = [
            (
                module("(table $t (export \"t\") 2 funcref)", "", elem),
                "the function table is exported",
            ),
            (
                module("(import \"a\" \"t\" (table $t 2 funcref))", "", elem),
                "the function table is imported",
            ),
            (
                module("(table $t 2 funcref) (table $u 2 funcref)", "", elem),
                "more than one table of functions",
            ),
            (
                module(table, "(drop (table.get $t (i32.const 0)))", elem),
                "an instruction that reads or writes the function table",
            ),
            (
                module(
                    table,
                    "(table.copy (i32.const 0) (i32.const 1) (i32.const 1))",
                    elem,
                ),
                "table.copy on the function table",
            ),
            (
                module(
                    table,
                    "(table.init $t 0 (i32.const 0) (i32.const 0) (i32.const 0))",
                    elem,
                ),
                "an instruction that reads or writes the function table",
            ),
            (
                module(table, "", "(elem func $closure)"),
                "a passive element segment",
            ),
            (
                module(
                    table,
                    "",
                    "(elem (i32.const 0) funcref (ref.func $closure))",
                ),
                "an element segment of expressions",
            ),
            (
                module(
                    table,
                    "(call_ref $pair (i32.const 0) (i32.const 0) (ref.func $closure))",
                    "(elem declare func $closure) (elem (i32.const 0) func $closure)",
                ),
                "call_ref",
            ),
            (module("", "", ""), "no function table"),
            (
                r#"(module (import "a" "f" (func $f (param f64))) (table 1 funcref)
                     (elem (i32.const 0) func $f))"#
                    .to_string(),
                "no function defined in the module",
            ),
            (module(table, "", ""), "no entry is dead"),
        ];
        for (text, why) in cases {
            assert_eq!(skipped(&text), why, "{text}");
        }
    }

    #[test]
    fn an_externref_table_beside_the_function_table_is_no_obstacle() {
        let (after, entries, dead) = pruned(
            r#"(module
                 (type $pair (func (param i32 i32)))
                 (table $refs 4 externref)
                 (table $funcs 1 funcref)
                 (func (export "run") (param externref)
                   (table.set $refs (i32.const 0) (local.get 0))
                   (drop (table.grow $refs (ref.null extern) (i32.const 1))))
                 (func $closure (type $pair))
                 (elem (table $funcs) (i32.const 0) func $closure))"#,
        );
        valid(&after);
        assert_eq!((entries, dead), (1, 1));
    }

    #[test]
    fn malformed_modules_are_typed_errors() {
        let unreadable = |bytes: &[u8]| matches!(prune(bytes), Err(MalformedWasm::Unreadable(_)));
        assert!(unreadable(b"not wasm"));
        assert!(unreadable(b""));
        let wasm = wat::parse_str(FIXTURE).unwrap();
        assert!(unreadable(&wasm[..wasm.len() - 1]), "truncated");
        let mut bad_id = wasm.clone();
        bad_id[8] = 0x7f; // the type section's id
        assert!(matches!(
            prune(&bad_id),
            Err(MalformedWasm::UnknownSection(0x7f))
        ));
        let component = wat::parse_str("(component)").unwrap();
        assert!(matches!(prune(&component), Err(MalformedWasm::Component)));
    }
}
