//! Short import names. wasm-bindgen names every import `__wbg_<name>_<16 hex digits>` and puts
//! them all in the module `./<name>_bg.js`; in a small widget these strings are kilobytes of the
//! module and of the glue, and the hashes do not compress. This renames them (`a`, `b`, … in
//! module `a`) in the module's import section; [`crate::glue::rename_imports`] renames them in
//! the glue to match.

use std::fmt;

/// The module was not what wasm-bindgen writes.
#[derive(Debug, PartialEq, Eq)]
pub struct MalformedWasm(&'static str);

impl fmt::Display for MalformedWasm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the WebAssembly module is malformed: {}", self.0)
    }
}

impl std::error::Error for MalformedWasm {}

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

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, MalformedWasm> {
        let b = *self.bytes.get(self.at).ok_or(MalformedWasm("truncated"))?;
        self.at += 1;
        Ok(b)
    }

    fn leb(&mut self) -> Result<u64, MalformedWasm> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(value);
            }
        }
        Err(MalformedWasm("LEB128 number too long"))
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], MalformedWasm> {
        let end = self
            .at
            .checked_add(n)
            .ok_or(MalformedWasm("size overflow"))?;
        let slice = self
            .bytes
            .get(self.at..end)
            .ok_or(MalformedWasm("truncated"))?;
        self.at = end;
        Ok(slice)
    }

    fn name(&mut self) -> Result<&'a str, MalformedWasm> {
        let len = self.leb()? as usize;
        std::str::from_utf8(self.take(len)?).map_err(|_| MalformedWasm("a name is not UTF-8"))
    }

    fn limits(&mut self) -> Result<(), MalformedWasm> {
        let flags = self.leb()?;
        self.leb()?;
        if flags & 1 == 1 {
            self.leb()?;
        }
        Ok(())
    }
}

fn push_leb(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let b = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn push_name(out: &mut Vec<u8>, name: &str) {
    push_leb(out, name.len() as u64);
    out.extend_from_slice(name.as_bytes());
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
    let mut r = Reader { bytes: wasm, at: 0 };
    if r.take(8)? != b"\0asm\x01\0\0\0" {
        return Err(MalformedWasm("not a WebAssembly 1.0 module"));
    }
    let mut out = wasm[..8].to_vec();
    let mut names = Vec::new();
    while r.at < wasm.len() {
        let id = r.byte()?;
        let size = r.leb()? as usize;
        let payload = r.take(size)?;
        if id != 2 {
            out.push(id);
            push_leb(&mut out, size as u64);
            out.extend_from_slice(payload);
            continue;
        }
        let mut s = Reader {
            bytes: payload,
            at: 0,
        };
        let count = s.leb()?;
        let mut section = Vec::with_capacity(payload.len());
        push_leb(&mut section, count);
        for _ in 0..count {
            let from = s.name()?;
            let field = s.name()?;
            let kind = s.byte()?;
            let desc_start = s.at;
            match kind {
                0 => {
                    s.leb()?;
                }
                1 => {
                    s.byte()?;
                    s.limits()?;
                }
                2 => s.limits()?,
                3 => {
                    s.byte()?;
                    s.byte()?;
                }
                4 => {
                    s.byte()?;
                    s.leb()?;
                }
                _ => return Err(MalformedWasm("unknown import kind")),
            }
            let desc = &payload[desc_start..s.at];
            if from == module && kind == 0 {
                let new = short_name(names.len());
                push_name(&mut section, NEW_MODULE);
                push_name(&mut section, &new);
                names.push((field.to_string(), new));
            } else {
                push_name(&mut section, from);
                push_name(&mut section, field);
            }
            section.push(kind);
            section.extend_from_slice(desc);
        }
        if s.at != payload.len() {
            return Err(MalformedWasm("the import section has trailing bytes"));
        }
        out.push(2);
        push_leb(&mut out, section.len() as u64);
        out.extend_from_slice(&section);
    }
    Ok(Shortened {
        wasm: out,
        module: (module.to_string(), NEW_MODULE.to_string()),
        names,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module importing two functions from `./m_bg.js` and a memory from `env`.
    fn sample() -> Vec<u8> {
        let mut imports = Vec::new();
        push_leb(&mut imports, 3);
        for field in ["__wbg_warn_0123456789abcdef", "__wbg_call_fedcba9876543210"] {
            push_name(&mut imports, "./m_bg.js");
            push_name(&mut imports, field);
            imports.extend_from_slice(&[0, 0]);
        }
        push_name(&mut imports, "env");
        push_name(&mut imports, "memory");
        imports.extend_from_slice(&[2, 1, 1, 2]);
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]); // type section: () -> ()
        wasm.push(2);
        push_leb(&mut wasm, imports.len() as u64);
        wasm.extend_from_slice(&imports);
        wasm
    }

    #[test]
    fn renames_function_imports_of_the_glue_module_only() {
        let out = shorten_imports(&sample(), "./m_bg.js").unwrap();
        assert_eq!(
            out.names,
            [
                ("__wbg_warn_0123456789abcdef".into(), "a".into()),
                ("__wbg_call_fedcba9876543210".into(), "b".into())
            ]
        );
        assert!(out.wasm.len() < sample().len());
        // The type section is untouched, the memory import keeps its names.
        assert_eq!(&out.wasm[8..14], &[1, 4, 1, 0x60, 0, 0]);
        let again = shorten_imports(&out.wasm, "a").unwrap();
        assert_eq!(again.names.len(), 2);
        assert!(out.wasm.windows(6).any(|w| w == b"memory"));
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
    fn garbage_is_refused() {
        assert!(shorten_imports(b"not wasm", "x").is_err());
        let mut truncated = sample();
        truncated.pop();
        assert!(shorten_imports(&truncated, "./m_bg.js").is_err());
    }
}
