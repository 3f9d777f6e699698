//! Integers and numbers as text, the way JavaScript's `String(n)` writes them.
//!
//! Always compiled: the lifecycle's panic message, ids sent as numbers and the date port all
//! need it, and none of them may pull `core::fmt`'s number formatting into a widget's wasm.

/// `parts` joined, like `parts.concat()`: std's `concat` goes through a `join` specialised for
/// separator lengths up to four (~900 bytes of wasm), which a widget that never joins with a
/// separator should not carry.
pub(crate) fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        out.push_str(part);
    }
    out
}

/// The number of decimal digits of `n`.
fn digit_count(mut n: u64) -> usize {
    let mut count = 1;
    while n >= 10 {
        n /= 10;
        count += 1;
    }
    count
}

/// Appends the decimal digits of `n`, most significant first.
fn push_digits(out: &mut String, n: u64) {
    if n >= 10 {
        push_digits(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// Appends `String(n)` left-padded with zeros to `width` characters like `pad(n, width)`
/// (zeros go before a minus sign, as in `dateformat`). Written by hand: `to_string()` would
/// bring `core::fmt`'s integer formatting into every widget's wasm.
pub(crate) fn push_int(out: &mut String, n: i64, width: usize) {
    let len = digit_count(n.unsigned_abs()) + usize::from(n < 0);
    for _ in len..width {
        out.push('0');
    }
    if n < 0 {
        out.push('-');
    }
    push_digits(out, n.unsigned_abs());
}

/// `String(n)` for the numbers the flags produce. Integers are formatted here; the rare others
/// (`NaN`, the fractional offsets of local mean time) by JS in the browser, which keeps Rust's
/// float formatting (~15 KB) out of the wasm.
pub(crate) fn js_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        let mut text = String::new();
        push_int(&mut text, n as i64, 0);
        return text;
    }
    #[cfg(target_arch = "wasm32")]
    {
        crate::ffi::number_to_string(n)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        if n.is_nan() {
            "NaN".into()
        } else {
            n.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_written_like_string_of_a_number() {
        for n in [
            0,
            5,
            9,
            10,
            99,
            100,
            2026,
            -1,
            -5,
            -2026,
            i64::MAX,
            i64::MIN,
        ] {
            let mut text = String::new();
            push_int(&mut text, n, 0);
            assert_eq!(text, n.to_string());
        }
        // `pad(-5, 4)` in dateformat puts the zeros before the sign.
        let mut text = String::new();
        push_int(&mut text, -5, 4);
        assert_eq!(text, "00-5");
        assert_eq!(js_number(-42.0), "-42");
    }
}
