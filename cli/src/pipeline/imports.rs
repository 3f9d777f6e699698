//! Short import names. wasm-bindgen names every import `__wbg_<name>_<16 hex digits>` and puts
//! them all in the module `./<name>_bg.js`; in a small widget these strings are kilobytes of the
//! module and of the glue, and the hashes do not compress. This renames them (`a`, `b`, … in
//! module `a`) in the module's import section; [`crate::pipeline::glue::rename_imports`] renames them in
//! the glue to match.
//!
//! wasmparser reads the module and wasm-encoder writes the new import section; every other
//! section (and the header) is copied byte for byte from the input, so nothing but the import
//! names can change.

use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasm_encoder::{ImportSection, Section};
use wasmparser::{Encoding, Payload, TypeRef};

/// The module could not be read, or is not a core WebAssembly module.
#[derive(Debug, thiserror::Error)]
pub enum MalformedWasm {
    /// wasmparser could not read it (truncated, bad magic, a bad section…).
    #[error("the WebAssembly module is malformed: {0}")]
    Unreadable(#[from] wasmparser::BinaryReaderError),
    /// A component, not a core module: wasm-bindgen writes core modules.
    #[error("the WebAssembly is a component, not a core module")]
    Component,
    /// A section id no WebAssembly engine knows.
    #[error("the WebAssembly module has a section of unknown id {0}")]
    UnknownSection(u8),
    /// An import's type could not be written back.
    #[error("the WebAssembly module has an import amo-widget cannot rewrite: {0}")]
    Import(#[from] wasm_encoder::reencode::Error),
}

/// The renamed module and what was renamed.
#[derive(Debug)]
pub struct Shortened {
    /// The module with short import names.
    pub wasm: Vec<u8>,
    /// The import module name before (`./personal_page_bg.js`), and after (`a`).
    pub module: (String, String),
    /// Each function import's name before and after.
    pub names: Vec<(String, String)>,
}

/// `a`…`z`, `A`…`Z`, then `aa`, `ab`, …: short, and valid JavaScript identifiers.
fn short_name(mut n: usize) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = Vec::new();
    loop {
        name.push(ALPHABET[n % ALPHABET.len()]);
        n /= ALPHABET.len();
        if n == 0 {
            break;
        }
        n -= 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// Renames the function imports of `module` (the glue's module name) to short names.
pub fn shorten_imports(wasm: &[u8], module: &str) -> Result<Shortened, MalformedWasm> {
    const NEW_MODULE: &str = "a";
    let mut names = Vec::new();
    let out = super::sections::rewrite(wasm, |payload, out| match payload {
        Payload::Version { encoding, .. } if encoding != Encoding::Module => {
            Err(MalformedWasm::Component)
        }
        Payload::UnknownSection { id, .. } => Err(MalformedWasm::UnknownSection(id)),
        Payload::ImportSection(reader) => {
            let mut section = ImportSection::new();
            for import in reader.into_imports() {
                let import = import?;
                let ty = RoundtripReencoder.entity_type(import.ty)?;
                if import.module == module && matches!(import.ty, TypeRef::Func(_)) {
                    let new = short_name(names.len());
                    section.import(NEW_MODULE, &new, ty);
                    names.push((import.name.to_string(), new));
                } else {
                    section.import(import.module, import.name, ty);
                }
            }
            section.append_to(out);
            Ok(true)
        }
        _ => Ok(false),
    })?;
    Ok(Shortened {
        wasm: out,
        module: (module.to_string(), NEW_MODULE.to_string()),
        names,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasmparser::Parser;

    /// Two function imports of the glue module between imports that must keep their names, and
    /// every kind of section after them.
    const FIXTURE: &str = r#"
        (module
          (type $unit (func))
          (type $one (func (param i32) (result i32)))
          (import "./m_bg.js" "__wbg_warn_0123456789abcdef" (func $warn (type $one)))
          (import "env" "memory" (memory 1 2))
          (import "./m_bg.js" "__wbg_call_fedcba9876543210" (func $call (type $unit)))
          (import "./m_bg.js" "__wbindgen_flag" (global i32))
          (table 2 funcref)
          (global $g (mut i32) (i32.const 7))
          (func $run (export "run") (param i32) (result i32)
            call $call
            local.get 0
            call $warn)
          (elem (i32.const 0) $run $warn)
          (data (i32.const 16) "still here")
          (@custom "producers" "kept as it was"))
    "#;

    fn sections(wasm: &[u8]) -> Vec<(u8, Vec<u8>)> {
        Parser::new(0)
            .parse_all(wasm)
            .filter_map(|p| p.unwrap().as_section())
            .map(|(id, range)| (id, wasm[range].to_vec()))
            .collect()
    }

    fn imports(wasm: &[u8]) -> Vec<(String, String)> {
        let mut found = Vec::new();
        for payload in Parser::new(0).parse_all(wasm) {
            if let Payload::ImportSection(reader) = payload.unwrap() {
                for import in reader.into_imports() {
                    let import = import.unwrap();
                    found.push((import.module.to_string(), import.name.to_string()));
                }
            }
        }
        found
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn renames_function_imports_of_the_glue_module_only() {
        let wasm = wat::parse_str(FIXTURE).unwrap();
        let out = shorten_imports(&wasm, "./m_bg.js").unwrap();
        assert_eq!(
            out.names,
            [
                pair("__wbg_warn_0123456789abcdef", "a"),
                pair("__wbg_call_fedcba9876543210", "b")
            ]
        );
        assert_eq!(out.module, pair("./m_bg.js", "a"));
        assert_eq!(
            imports(&out.wasm),
            [
                pair("a", "a"),
                pair("env", "memory"),
                pair("a", "b"),
                pair("./m_bg.js", "__wbindgen_flag")
            ]
        );
        assert!(out.wasm.len() < wasm.len());
    }

    #[test]
    fn every_other_section_is_copied_byte_for_byte() {
        let wasm = wat::parse_str(FIXTURE).unwrap();
        let out = shorten_imports(&wasm, "./m_bg.js").unwrap();
        let before = sections(&wasm);
        let after = sections(&out.wasm);
        assert_eq!(
            before.iter().map(|s| s.0).collect::<Vec<_>>(),
            [1, 2, 3, 4, 6, 7, 9, 10, 11, 0, 0],
            "the fixture has a section of each kind wasm-bindgen writes, and custom ones"
        );
        assert_eq!(
            before.iter().map(|s| s.0).collect::<Vec<_>>(),
            after.iter().map(|s| s.0).collect::<Vec<_>>()
        );
        for (old, new) in before.iter().zip(&after) {
            if old.0 != 2 {
                assert_eq!(old, new, "section {} changed", old.0);
            }
        }
        // The bytes around the import section too (header, section ids and sizes).
        let import_section = |w: &[u8]| {
            Parser::new(0)
                .parse_all(w)
                .filter_map(|p| p.unwrap().as_section())
                .find(|s| s.0 == 2)
                .unwrap()
                .1
        };
        let (old, new) = (import_section(&wasm), import_section(&out.wasm));
        assert_eq!(wasm[..old.start - 2], out.wasm[..new.start - 2]);
        assert_eq!(wasm[old.end..], out.wasm[new.end..]);
    }

    #[test]
    fn a_module_without_the_import_is_returned_unchanged() {
        for text in [
            "(module (func (export \"f\")))",
            "(module (import \"env\" \"log\" (func)) (memory (export \"memory\") 1))",
        ] {
            let wasm = wat::parse_str(text).unwrap();
            let out = shorten_imports(&wasm, "./m_bg.js").unwrap();
            assert!(out.names.is_empty());
            assert_eq!(out.wasm, wasm, "{text}");
        }
    }

    #[test]
    fn renaming_twice_renames_the_same_imports() {
        let wasm = wat::parse_str(FIXTURE).unwrap();
        let once = shorten_imports(&wasm, "./m_bg.js").unwrap();
        let twice = shorten_imports(&once.wasm, "a").unwrap();
        assert_eq!(twice.names, [pair("a", "a"), pair("b", "b")]);
        assert_eq!(twice.wasm, once.wasm);
    }

    #[test]
    fn short_names_are_unique_identifiers() {
        let names: Vec<_> = (0..3000).map(short_name).collect();
        let unique: std::collections::HashSet<_> = names.iter().collect();
        assert_eq!(unique.len(), names.len());
        assert_eq!(
            (names[0].as_str(), names[51].as_str(), names[52].as_str()),
            ("a", "Z", "aa")
        );
        assert!(names
            .iter()
            .all(|n| n.chars().all(|c| c.is_ascii_alphabetic())));
    }

    #[test]
    fn malformed_modules_are_typed_errors() {
        let unreadable = |bytes: &[u8]| {
            matches!(
                shorten_imports(bytes, "./m_bg.js"),
                Err(MalformedWasm::Unreadable(_))
            )
        };
        assert!(unreadable(b"not wasm"));
        assert!(unreadable(b""));
        let wasm = wat::parse_str(FIXTURE).unwrap();
        assert!(unreadable(&wasm[..wasm.len() - 1]), "truncated");
        // A type section of 100 bytes with two in the module.
        assert!(unreadable(b"\0asm\x01\0\0\0\x01\x64\x01\x60"));
        // One import of kind 9, which does not exist.
        assert!(unreadable(b"\0asm\x01\0\0\0\x02\x05\x01\0\0\x09\0"));
        let mut bad_id = wasm.clone();
        bad_id[8] = 0x7f; // the type section's id
        assert!(matches!(
            shorten_imports(&bad_id, "./m_bg.js"),
            Err(MalformedWasm::UnknownSection(0x7f))
        ));
        let component = wat::parse_str("(component)").unwrap();
        let err = shorten_imports(&component, "./m_bg.js").unwrap_err();
        assert!(matches!(err, MalformedWasm::Component), "{err}");
    }
}
