//! The inline WebAssembly as text that the server's gzip can still compress.
//!
//! base64 turns every 3 bytes into 4 characters that depend on the position modulo 3, so the
//! module's repeated byte runs stop repeating and gzip loses a third of its grip. Here every byte
//! becomes one character (the 91 most frequent bytes) or two (the rest), always the same ones, so
//! repeats survive and the gzipped text is about the size of the gzipped module. Only printable
//! ASCII other than `'` and `\` is used: the text sits in a single-quoted JavaScript string as is.
//!
//! The decoder that ships is `fromText` in the inline loader ([`INLINE_LOADER`](crate::INLINE_LOADER),
//! `src/loaders/inline.js`); [`decode`] is its mirror in Rust, and this crate's tests run
//! `fromText` under node on [`encode`]'s output for every byte value.
//! [`fill`](crate::fill) encodes an inline module with [`encode`]; it is public for tools that
//! want the text itself.

/// Printable ASCII without `'` and `\`: 93 characters.
fn alphabet() -> Vec<u8> {
    (0x20u8..0x7f)
        .filter(|c| *c != b'\'' && *c != b'\\')
        .collect()
}

/// How many bytes get a one-character code; the last two characters prefix the two-character codes.
fn singles() -> usize {
    alphabet().len() - 2
}

/// The encoded module: `order` is the hex of the bytes that get one-character codes, most frequent
/// first (the others follow in ascending order); `text` the encoded bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ByteText {
    /// Hex of the one-character bytes, in rank order.
    pub order: String,
    /// The bytes, encoded.
    pub text: String,
}

/// The bytes in rank order: the most frequent first (ties by value), then the rest by value.
fn ranking(bytes: &[u8]) -> Vec<u8> {
    let mut count = [0usize; 256];
    for &b in bytes {
        count[usize::from(b)] += 1;
    }
    let mut by_frequency: Vec<u8> = (0..=255).collect();
    by_frequency.sort_by_key(|&b| (std::cmp::Reverse(count[usize::from(b)]), b));
    let mut ranked: Vec<u8> = by_frequency[..singles()].to_vec();
    let mut rest: Vec<u8> = by_frequency[singles()..].to_vec();
    rest.sort_unstable();
    ranked.extend(rest);
    ranked
}

/// Encodes `bytes`: the text and the ranking `fromText(text, order)` decodes.
///
/// ```
/// use amocrm_widget_shim::byte_text::{decode, encode};
///
/// let encoded = encode(b"\0asm\x01\0\0\0");
/// assert_eq!(decode(&encoded).as_deref(), Some(&b"\0asm\x01\0\0\0"[..]));
/// assert!(encoded.text.bytes().all(|c| (0x20..0x7f).contains(&c) && c != b'\'' && c != b'\\'));
/// ```
pub fn encode(bytes: &[u8]) -> ByteText {
    let alphabet = alphabet();
    let singles = singles();
    let ranked = ranking(bytes);
    let mut code = vec![Vec::new(); 256];
    for (rank, &b) in ranked.iter().enumerate() {
        code[usize::from(b)] = if rank < singles {
            vec![alphabet[rank]]
        } else {
            let r = rank - singles;
            vec![
                alphabet[singles + r / alphabet.len()],
                alphabet[r % alphabet.len()],
            ]
        };
    }
    let mut text = Vec::with_capacity(bytes.len() + bytes.len() / 4);
    for &b in bytes {
        text.extend_from_slice(&code[usize::from(b)]);
    }
    let order = ranked[..singles]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    ByteText {
        order,
        // Every code is ASCII.
        text: String::from_utf8(text).unwrap_or_default(),
    }
}

/// Decodes what [`encode`] made, as the shim does; `None` for text it could not have made.
pub fn decode(encoded: &ByteText) -> Option<Vec<u8>> {
    let alphabet = alphabet();
    let singles = singles();
    let mut position = [usize::MAX; 128];
    for (i, &c) in alphabet.iter().enumerate() {
        position[usize::from(c)] = i;
    }
    let mut ranked = Vec::with_capacity(256);
    let mut seen = [false; 256];
    let order = encoded.order.as_bytes();
    for pair in order.chunks(2) {
        let b = u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok()?;
        ranked.push(b);
        seen[usize::from(b)] = true;
    }
    ranked.extend((0..=255u8).filter(|b| !seen[usize::from(*b)]));
    let pos = |c: u8| {
        position
            .get(usize::from(c))
            .copied()
            .filter(|p| *p != usize::MAX)
    };
    let mut out = Vec::with_capacity(encoded.text.len());
    let mut chars = encoded.text.bytes();
    while let Some(c) = chars.next() {
        let p = pos(c)?;
        let rank = if p < singles {
            p
        } else {
            singles + (p - singles) * alphabet.len() + pos(chars.next()?)?
        };
        out.push(*ranked.get(rank)?);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_value_round_trips() {
        let all: Vec<u8> = (0..=255).chain((0..=255).rev()).collect();
        assert_eq!(decode(&encode(&all)).unwrap(), all);
        assert_eq!(decode(&encode(b"")).unwrap(), b"");
    }

    #[test]
    fn pseudo_random_modules_round_trip_and_stay_string_safe() {
        let mut x = 0x2545_f491_4f6c_dd1du64;
        for len in [1usize, 2, 90, 91, 92, 1000, 30_000] {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    // Skewed, like real modules: small values are common.
                    (x % 7 * (x >> 8) % 256) as u8
                })
                .collect();
            let encoded = encode(&bytes);
            assert!(encoded
                .text
                .bytes()
                .all(|c| (0x20..0x7f).contains(&c) && c != b'\'' && c != b'\\'));
            assert_eq!(encoded.order.len(), 2 * singles());
            assert_eq!(decode(&encoded).unwrap(), bytes, "length {len}");
        }
    }

    #[test]
    fn the_most_frequent_bytes_take_one_character() {
        let mut bytes = vec![0u8; 1000];
        bytes.extend([7u8; 10]);
        let encoded = encode(&bytes);
        assert!(encoded.order.starts_with("0007"));
        assert_eq!(encoded.text.len(), 1010);
    }

    #[test]
    fn text_it_could_not_have_made_is_refused() {
        let mut encoded = encode(b"abc");
        encoded.text.push('\'');
        assert_eq!(decode(&encoded), None);
        // Every value twice, 255 once: 255 is the rarest, a two-character code, and last.
        let bytes: Vec<u8> = (0..=254).chain(0..=255).collect();
        let mut cut = encode(&bytes);
        cut.text.pop();
        assert_eq!(decode(&cut), None);
    }
}
