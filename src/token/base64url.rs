//! A small, strict base64url decoder (RFC 4648 §5, no padding), enough for JWT segments.
//!
//! Hand-written because it ships to every browser: a general base64 crate costs more bytes
//! than the whole decoder.

/// Why a segment is not base64url.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Base64Error {
    /// A byte outside `A-Z a-z 0-9 - _` (padding `=` included: JWTs never pad).
    InvalidByte(u8),
    /// A length of 1 modulo 4 cannot come from any byte string.
    InvalidLength,
    /// The last character carries bits that a canonical encoder leaves zero.
    NonCanonical,
}

fn sextet(byte: u8) -> Result<u32, Base64Error> {
    let value = match byte {
        b'A'..=b'Z' => byte - b'A',
        b'a'..=b'z' => byte - b'a' + 26,
        b'0'..=b'9' => byte - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        other => return Err(Base64Error::InvalidByte(other)),
    };
    Ok(u32::from(value))
}

/// Decodes an unpadded base64url string.
pub(crate) fn decode(input: &str) -> Result<Vec<u8>, Base64Error> {
    let bytes = input.as_bytes();
    if bytes.len() % 4 == 1 {
        return Err(Base64Error::InvalidLength);
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3 + 2);
    let mut chunks = bytes.chunks_exact(4);
    for chunk in &mut chunks {
        let mut n = 0u32;
        for &b in chunk {
            n = (n << 6) | sextet(b)?;
        }
        out.extend_from_slice(&[(n >> 16) as u8, (n >> 8) as u8, n as u8]);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut n = 0u32;
        for &b in rest {
            n = (n << 6) | sextet(b)?;
        }
        // 2 chars = 12 bits -> 1 byte + 4 spare bits; 3 chars = 18 bits -> 2 bytes + 2 spare bits.
        let (spare, keep) = if rest.len() == 2 { (4, 1) } else { (2, 2) };
        if n & ((1 << spare) - 1) != 0 {
            return Err(Base64Error::NonCanonical);
        }
        n >>= spare;
        if keep == 2 {
            out.push((n >> 8) as u8);
        }
        out.push(n as u8);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_rfc_4648_vectors_unpadded() {
        let vectors = [
            ("", ""),
            ("Zg", "f"),
            ("Zm8", "fo"),
            ("Zm9v", "foo"),
            ("Zm9vYg", "foob"),
            ("Zm9vYmE", "fooba"),
            ("Zm9vYmFy", "foobar"),
        ];
        for (encoded, plain) in vectors {
            assert_eq!(decode(encoded).unwrap(), plain.as_bytes(), "{encoded}");
        }
    }

    #[test]
    fn uses_the_url_safe_alphabet() {
        assert_eq!(decode("-_8").unwrap(), [0xfb, 0xff]);
        assert_eq!(decode("+/8"), Err(Base64Error::InvalidByte(b'+')));
    }

    #[test]
    fn rejects_padding_bad_lengths_and_non_canonical_tails() {
        assert_eq!(decode("Zg=="), Err(Base64Error::InvalidByte(b'=')));
        assert_eq!(decode("Zm9vY"), Err(Base64Error::InvalidLength));
        assert_eq!(decode("Zh"), Err(Base64Error::NonCanonical));
        assert_eq!(decode("Zm9"), Err(Base64Error::NonCanonical));
    }
}
