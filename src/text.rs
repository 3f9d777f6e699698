//! Text without `core::fmt`: the [`text!`](crate::text!) macro, and integers written the way
//! JavaScript's `String(n)` writes them.
//!
//! `format!` brings `core::fmt`'s formatting machinery and integer printing into a widget's
//! wasm: about 1.5 KB gzipped for a widget that formats a message or two, a tenth of a small
//! widget. The lifecycle's panic message, ids sent as numbers and the date port need text too,
//! and none of them may pull it in either.

/// A value that [`text!`](crate::text!) can append: text, a `char`, an integer, or an error
/// of this crate (its message).
///
/// Floats are left out on purpose: Rust's float formatting is ~15 KB of wasm. Format them in
/// JavaScript (`Number.prototype.toFixed`, `Intl.NumberFormat`), or with `to_string()` if the
/// bytes do not matter.
pub trait Piece {
    /// Appends this value's text to `out`.
    fn push_to(&self, out: &mut String);
}

impl Piece for str {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for String {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for char {
    fn push_to(&self, out: &mut String) {
        out.push(*self);
    }
}

impl<T: Piece + ?Sized> Piece for &T {
    fn push_to(&self, out: &mut String) {
        T::push_to(self, out);
    }
}

macro_rules! signed_pieces {
    ($($int:ty),*) => {$(
        impl Piece for $int {
            fn push_to(&self, out: &mut String) {
                push_int(out, i64::from(*self), 0);
            }
        }
    )*};
}
signed_pieces!(i8, i16, i32, i64);

macro_rules! unsigned_pieces {
    ($($int:ty),*) => {$(
        impl Piece for $int {
            fn push_to(&self, out: &mut String) {
                push_digits(out, u64::from(*self));
            }
        }
    )*};
}
unsigned_pieces!(u8, u16, u32, u64);

impl Piece for usize {
    fn push_to(&self, out: &mut String) {
        // Lossless: usize is at most 64 bits wide on every target Rust supports.
        push_digits(out, *self as u64);
    }
}

impl Piece for isize {
    fn push_to(&self, out: &mut String) {
        push_int(out, *self as i64, 0);
    }
}

/// The error's `Display` text. A widget that turns SDK errors into
/// [`WidgetError`](crate::lifecycle::WidgetError)s with `?` links that text already.
impl Piece for crate::Error {
    fn push_to(&self, out: &mut String) {
        use core::fmt::Write;
        let _ = write!(out, "{self}");
    }
}

impl Piece for crate::lifecycle::WidgetError {
    fn push_to(&self, out: &mut String) {
        out.push_str(self.message());
    }
}

/// Joins text, `char`s, integers and this crate's errors into a `String`: what `format!` does
/// with plain `{}` placeholders, without `core::fmt` (see the [module](mod@crate::text)).
///
/// Each argument is an expression whose type implements [`Piece`](crate::text::Piece).
///
/// ```
/// use amocrm_widget::text;
/// let id = String::from("4211");
/// let fields = vec![1, 2, 3];
/// assert_eq!(
///     text!("Lead #", id, " has ", fields.len(), " fields."),
///     format!("Lead #{id} has {} fields.", fields.len()),
/// );
/// assert_eq!(text!(-7_i32, ' ', u64::MAX), format!("-7 {}", u64::MAX));
/// ```
#[macro_export]
macro_rules! text {
    () => {
        ::std::string::String::new()
    };
    ($($piece:expr),+ $(,)?) => {{
        let mut text = ::std::string::String::new();
        $($crate::text::Piece::push_to(&$piece, &mut text);)+
        text
    }};
}

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

    /// `text!` writes each piece as `format!("{}")` would.
    #[test]
    fn text_writes_every_piece_like_format() {
        let error = crate::Error::Shape {
            what: "methods",
            expected: "an object",
        };
        let widget_error = crate::lifecycle::WidgetError::from("no lead");
        let name = String::from("lead");
        assert_eq!(
            crate::text!(name, ' ', &name, ": ", error, "; ", widget_error),
            format!("{name} {name}: {error}; no lead"),
        );
        assert_eq!(
            crate::text!(u8::MAX, i8::MIN, u16::MAX, i16::MIN, u32::MAX, i32::MIN),
            format!(
                "{}{}{}{}{}{}",
                u8::MAX,
                i8::MIN,
                u16::MAX,
                i16::MIN,
                u32::MAX,
                i32::MIN
            ),
        );
        assert_eq!(
            crate::text!(u64::MAX, i64::MIN, usize::MAX, isize::MIN, 0_usize),
            format!("{}{}{}{}0", u64::MAX, i64::MIN, usize::MAX, isize::MIN),
        );
        assert_eq!(crate::text!(), "");
    }
}
