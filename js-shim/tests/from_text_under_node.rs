//! The JavaScript decoder that ships (`fromText`, in the inline loader) against the Rust encoder
//! (`byte_text::encode`): the bytes must come back, for every byte value and the edge cases of
//! the ranking (empty, one byte, exactly the one-character count, the two-character codes).
//!
//! Runs `node`, which must be on PATH.

mod node;

use amocrm_widget_shim::{byte_text, INLINE_LOADER};

/// `fromText` as it stands in the inline loader: from `function fromText(` to its closing brace.
fn from_text_source() -> &'static str {
    let start = INLINE_LOADER
        .find("function fromText(")
        .expect("the inline loader defines fromText");
    let mut depth = 0;
    for (at, c) in INLINE_LOADER[start..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return &INLINE_LOADER[start..start + at + 1];
                }
            }
            _ => {}
        }
    }
    panic!("fromText has no closing brace");
}

fn cases() -> Vec<Vec<u8>> {
    let mut cases: Vec<Vec<u8>> = vec![
        Vec::new(),
        vec![0],
        vec![255],
        vec![b'\''],
        vec![b'\\'],
        b"\0asm\x01\0\0\0".to_vec(),
        // Every value once, ascending and descending: 91 one-character codes, the rest two.
        (0..=255).collect(),
        (0..=255).rev().collect(),
        // Every value twice and 255 once: the last code is the rarest, a two-character one.
        (0..=254).chain(0..=255).collect(),
        // Exactly as many distinct values as one-character codes, and one more.
        (0..91).collect(),
        (0..92).collect(),
        // One value only: the ranking puts it first, the rest follow by value.
        vec![200; 1000],
    ];
    let mut x = 0x2545_f491_4f6c_dd1du64;
    for len in [3usize, 1000, 70_000] {
        cases.push(
            (0..len)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    // Skewed, like real modules: small values are common.
                    (x % 7 * (x >> 8) % 256) as u8
                })
                .collect(),
        );
    }
    cases
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn from_text_decodes_what_encode_made() {
    let cases = cases();
    // The text is printable ASCII without ' and \, so it stands in single quotes as is, as in a
    // bundle.
    let mut script = String::from(from_text_source());
    script.push_str("\nvar cases = [\n");
    for bytes in &cases {
        let encoded = byte_text::encode(bytes);
        script.push_str(&format!("  ['{}', '{}'],\n", encoded.text, encoded.order));
    }
    script.push_str(
        "];\nfor (var k = 0; k < cases.length; k++) {\n  \
         console.log(Buffer.from(fromText(cases[k][0], cases[k][1])).toString('hex') + '.');\n}\n",
    );
    let stdout = node::run(&script);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), cases.len());
    for (bytes, line) in cases.iter().zip(lines) {
        assert_eq!(
            line.strip_suffix('.'),
            Some(hex(bytes).as_str()),
            "case of {} bytes",
            bytes.len()
        );
    }
}

#[test]
fn the_decoder_found_is_the_whole_function() {
    let source = from_text_source();
    assert!(
        source.ends_with("return out.subarray(0, n);\n  }"),
        "{source}"
    );
}
