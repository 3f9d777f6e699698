//! A core wasm module with some sections written anew and every other byte copied as it was:
//! what the import renaming and the table pruning share. Sections follow one another, so each
//! one's bytes run from the end of the previous one (the 8-byte header first) to the end of its
//! payload; a section the caller does not write is copied over that range unchanged.

use wasmparser::{BinaryReaderError, Parser, Payload};

/// Walks `wasm`'s payloads. `write` sees each one (the header's `Version` first) and returns
/// whether it appended that section to the output itself; when it did not, the section's own
/// bytes are copied.
pub(crate) fn rewrite<'a, E: From<BinaryReaderError>>(
    wasm: &'a [u8],
    mut write: impl FnMut(Payload<'a>, &mut Vec<u8>) -> Result<bool, E>,
) -> Result<Vec<u8>, E> {
    let mut out = Vec::with_capacity(wasm.len());
    let mut copied_to = 0;
    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload?;
        let end = match &payload {
            Payload::Version { range, .. } => range.end,
            other => match other.as_section() {
                Some((_, range)) => range.end,
                None => {
                    // Not a section of its own (a function body inside the code section).
                    write(payload, &mut out)?;
                    continue;
                }
            },
        };
        if !write(payload, &mut out)? {
            out.extend_from_slice(&wasm[copied_to..end]);
        }
        copied_to = end;
    }
    Ok(out)
}

/// `wasm` without its custom sections: what ships has no use for them (`target_features`, which
/// `wasm-opt` keeps, tells linkers what the module was compiled for; engines ignore custom
/// sections), and they are bytes in every bundle.
pub(crate) fn without_custom_sections(wasm: &[u8]) -> Result<Vec<u8>, BinaryReaderError> {
    rewrite(wasm, |payload, _| {
        Ok::<_, BinaryReaderError>(matches!(payload, Payload::CustomSection(_)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_sections_go_and_every_other_byte_stays() {
        let with = wat::parse_str(
            r#"(module
                 (@custom "target_features" "+bulk-memory")
                 (func (export "f") (result i32) i32.const 7)
                 (@custom "producers" (after func) "x"))"#,
        )
        .unwrap();
        let without = without_custom_sections(&with).unwrap();
        wasmparser::validate(&without).unwrap();
        let plain =
            wat::parse_str(r#"(module (func (export "f") (result i32) i32.const 7))"#).unwrap();
        assert_eq!(without, plain);
        assert!(with.len() > without.len());
    }
}
