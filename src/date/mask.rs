//! The mask engine of npm `dateformat` 4.6.3, token for token.
//!
//! The engine only sees a [`Clock`]: the broken-down time and the few things `dateformat`
//! computes with `Date` arithmetic. That keeps it pure (tested natively against node) while
//! the wasm clock reads a real `Date` with the same getters `dateformat` calls.

use crate::text::{js_number, push_int};

/// A broken-down time as `Date`'s getters return it (local or UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Parts {
    pub year: i64,
    /// 0–11, like `getMonth`.
    pub month: i64,
    pub day: i64,
    /// 0 = Sunday, like `getDay`.
    pub weekday: i64,
    pub hours: i64,
    pub minutes: i64,
    pub seconds: i64,
    pub millis: i64,
}

/// Which of `Today`/`Yesterday`/`Tomorrow` a date is, for the `DDD`/`DDDD` flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Relative {
    Today,
    Yesterday,
    Tomorrow,
    Other,
}

/// What the engine needs from a date.
pub(crate) trait Clock {
    /// The getters' values, `getUTC*` when `utc`.
    fn parts(&self, utc: bool) -> Parts;
    /// `getTimezoneOffset()`: minutes to add to local time to get UTC. Fractional for the
    /// local mean time zones before standard time (Sydney before 1895: -604.8666…).
    fn timezone_offset(&self) -> f64;
    /// `String(date)`, whose time zone part the `Z` flag extracts.
    fn date_string(&self) -> String;
    /// `dateformat`'s `getDayName` comparison against now, with its quirks.
    fn relative(&self, utc: bool, parts: &Parts) -> Relative;
    /// `dateformat`'s `getWeek(date)` (always local time), with its quirks; `NaN` when one of
    /// its intermediate dates falls outside the `Date` range.
    fn week(&self) -> f64;
}

const DAY_NAMES: [&str; 14] = [
    "Sun",
    "Mon",
    "Tue",
    "Wed",
    "Thu",
    "Fri",
    "Sat",
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const MONTH_NAMES: [&str; 24] = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const TIME_NAMES: [&str; 8] = ["a", "p", "am", "pm", "A", "P", "AM", "PM"];

/// `dateFormat.masks`: the named masks.
const NAMED_MASKS: [(&str, &str); 14] = [
    ("default", "ddd mmm dd yyyy HH:MM:ss"),
    ("shortDate", "m/d/yy"),
    ("paddedShortDate", "mm/dd/yyyy"),
    ("mediumDate", "mmm d, yyyy"),
    ("longDate", "mmmm d, yyyy"),
    ("fullDate", "dddd, mmmm d, yyyy"),
    ("shortTime", "h:MM TT"),
    ("mediumTime", "h:MM:ss TT"),
    ("longTime", "h:MM:ss TT Z"),
    ("isoDate", "yyyy-mm-dd"),
    ("isoTime", "HH:MM:ss"),
    ("isoDateTime", "yyyy-mm-dd'T'HH:MM:sso"),
    ("isoUtcDateTime", "UTC:yyyy-mm-dd'T'HH:MM:ss'Z'"),
    ("expiresHeaderFormat", "ddd, dd mmm yyyy HH:MM:ss Z"),
];

/// One piece of a mask: a flag or literal text.
#[derive(Debug, PartialEq, Eq)]
enum Token<'a> {
    /// `len` times the byte: `dd` is `Flag(b'd', 2)`.
    Flag(u8, usize),
    Literal(&'a str),
}

/// Splits a mask like `dateformat`'s token regex
/// `d{1,4}|D{3,4}|m{1,4}|yy(?:yy)?|([HhMsTt])\1?|W{1,2}|[LlopSZN]|"[^"]*"|'[^']*'`.
fn tokens(mask: &str) -> impl Iterator<Item = Token<'_>> {
    let bytes = mask.as_bytes();
    let mut i = 0;
    core::iter::from_fn(move || {
        let start = i;
        let c = *bytes.get(i)?;
        let run = |max: usize| {
            bytes
                .get(start..)
                .unwrap_or_default()
                .iter()
                .take(max)
                .take_while(|&&b| b == c)
                .count()
        };
        let flag_len = match c {
            b'd' | b'm' => run(4),
            b'D' => match run(4) {
                n @ 3..=4 => n,
                _ => 0,
            },
            b'y' => match run(4) {
                4 => 4,
                2 | 3 => 2,
                _ => 0,
            },
            b'H' | b'h' | b'M' | b's' | b'T' | b't' | b'W' => run(2),
            b'L' | b'l' | b'o' | b'p' | b'S' | b'Z' | b'N' => 1,
            b'"' | b'\'' => {
                let rest = bytes.get(start + 1..).unwrap_or_default();
                if let Some(close) = rest.iter().position(|&b| b == c) {
                    i = start + close + 2;
                    return Some(Token::Literal(slice(mask, start + 1, start + 1 + close)));
                }
                0
            }
            _ => 0,
        };
        if flag_len > 0 {
            i = start + flag_len;
            return Some(Token::Flag(c, flag_len));
        }
        // A literal run up to the next byte that may start a token; every token starts with an
        // ASCII byte, so the split never falls inside a UTF-8 sequence.
        i += 1;
        while let Some(&b) = bytes.get(i) {
            // (`matches!`, not `contains`: no generic slice search in the wasm.)
            if matches!(
                b,
                b'd' | b'D'
                    | b'm'
                    | b'y'
                    | b'H'
                    | b'h'
                    | b'M'
                    | b's'
                    | b'T'
                    | b't'
                    | b'W'
                    | b'L'
                    | b'l'
                    | b'o'
                    | b'p'
                    | b'S'
                    | b'Z'
                    | b'N'
                    | b'"'
                    | b'\''
            ) {
                break;
            }
            i += 1;
        }
        Some(Token::Literal(slice(mask, start, i)))
    })
}

/// `&text[from..to]` at indices known to be char boundaries (next to ASCII bytes), without the
/// panic path and its formatting code in the wasm.
fn slice(text: &str, from: usize, to: usize) -> &str {
    text.get(from..to).unwrap_or_default()
}

/// Formats with `dateformat(date, mask)` semantics; `mask` may be a named mask.
pub(crate) fn format(clock: &dyn Clock, mask: &str) -> String {
    let mut mask = NAMED_MASKS
        .iter()
        .find(|(name, _)| *name == mask)
        .map_or(mask, |(_, named)| named);
    if mask.is_empty() {
        mask = NAMED_MASKS[0].1;
    }
    let (mut utc, mut gmt) = (false, false);
    if let Some(rest) = mask.strip_prefix("UTC:") {
        (mask, utc) = (rest, true);
    } else if let Some(rest) = mask.strip_prefix("GMT:") {
        (mask, utc, gmt) = (rest, true, true);
    }
    let mut parts_cache = None;
    let mut out = String::with_capacity(mask.len() + 8);
    for token in tokens(mask) {
        match token {
            Token::Literal(text) => out.push_str(text),
            Token::Flag(c, len) => {
                let p = *parts_cache.get_or_insert_with(|| clock.parts(utc));
                push_flag(&mut out, clock, (c, len), &p, utc, gmt);
            }
        }
    }
    out
}

/// Appends `text` left-padded with zeros to `width` characters, like `dateformat`'s `pad`.
/// Every text padded here is `String(number)`, which is ASCII: bytes are characters.
fn push_padded(out: &mut String, text: &str, width: usize) {
    for _ in text.len()..width {
        out.push('0');
    }
    out.push_str(text);
}

/// `names[index]`, or `""` for an index the flags never produce.
fn name(names: &[&'static str], index: i64) -> &'static str {
    usize::try_from(index)
        .ok()
        .and_then(|i| names.get(i))
        .copied()
        .unwrap_or_default()
}

/// `a % 60` for a finite `a >= 0`, exactly as JavaScript's `%` (IEEE remainder by truncation)
/// computes it, without the software `fmod` (and the 128-bit division it pulls in).
fn rem_60(a: f64) -> f64 {
    // `a / 60` rounds correctly and the integers are exact, so `q` is the true quotient or one
    // more (when the division rounded up to an integer); `a - q * 60` is then exact by
    // Sterbenz's lemma, like `fmod`'s result.
    let mut q = (a / 60.0).floor();
    if a - q * 60.0 < 0.0 {
        q -= 1.0;
    }
    a - q * 60.0
}

/// Appends the value of the flag made of `len` times the byte `c` (`dd`, `HH`, `o`…).
fn push_flag(
    out: &mut String,
    clock: &dyn Clock,
    (c, len): (u8, usize),
    p: &Parts,
    utc: bool,
    gmt: bool,
) {
    let num = push_int;
    let width = if len == 2 { 2 } else { 0 };
    let h12 = if p.hours % 12 == 0 { 12 } else { p.hours % 12 };
    let day_name = |long: bool| {
        name(
            &DAY_NAMES,
            p.weekday.rem_euclid(7) + if long { 7 } else { 0 },
        )
    };
    let month = p.month.rem_euclid(12);
    match (c, len) {
        (b'd', 1 | 2) => num(out, p.day, width),
        (b'd', 3) => out.push_str(day_name(false)),
        (b'd', _) => out.push_str(day_name(true)),
        (b'D', _) => {
            let short = len == 3;
            out.push_str(match clock.relative(utc, p) {
                Relative::Today if short => "Tdy",
                Relative::Today => "Today",
                Relative::Yesterday if short => "Ysd",
                Relative::Yesterday => "Yesterday",
                Relative::Tomorrow if short => "Tmw",
                Relative::Tomorrow => "Tomorrow",
                Relative::Other => day_name(!short),
            })
        }
        (b'm', 1 | 2) => num(out, p.month + 1, width),
        (b'm', 3) => out.push_str(name(&MONTH_NAMES, month)),
        (b'm', _) => out.push_str(name(&MONTH_NAMES, month + 12)),
        (b'y', 2) => {
            // `String(y).slice(2)`
            let mut year = String::new();
            push_int(&mut year, p.year, 0);
            out.push_str(year.get(2..).unwrap_or_default());
        }
        (b'y', _) => num(out, p.year, 4),
        (b'h', _) => num(out, h12, width),
        (b'H', _) => num(out, p.hours, width),
        (b'M', _) => num(out, p.minutes, width),
        (b's', _) => num(out, p.seconds, width),
        (b'l', _) => num(out, p.millis, 3),
        (b'L', _) => num(out, p.millis / 10, 2),
        (b't' | b'T', _) => {
            let base = if c == b'T' { 4 } else { 0 } + (len as i64 - 1) * 2;
            out.push_str(name(&TIME_NAMES, base + i64::from(p.hours >= 12)));
        }
        (b'Z', _) if gmt => out.push_str("GMT"),
        (b'Z', _) if utc => out.push_str("UTC"),
        (b'Z', _) => out.push_str(&zone_abbreviation(&clock.date_string())),
        (b'o' | b'p', _) => {
            let o = if utc { 0.0 } else { clock.timezone_offset() };
            let a = o.abs();
            out.push(if o > 0.0 { '-' } else { '+' });
            if c == b'o' {
                push_padded(out, &js_number((a / 60.0).floor() * 100.0 + rem_60(a)), 4);
            } else {
                push_padded(out, &js_number((a / 60.0).floor()), 2);
                out.push(':');
                push_padded(out, &js_number(rem_60(a).floor()), 2);
            }
        }
        (b'S', _) => {
            let d = p.day;
            let i = if d % 10 > 3 || d % 100 - d % 10 == 10 {
                0
            } else {
                d % 10
            };
            out.push_str(name(&["th", "st", "nd", "rd"], i.rem_euclid(4)));
        }
        (b'W', _) => push_padded(out, &js_number(clock.week()), width),
        (b'N', _) => {
            let weekday = clock.parts(false).weekday;
            num(out, if weekday == 0 { 7 } else { weekday }, 0)
        }
        _ => {}
    }
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The `Z` flag: the last match of `dateformat`'s time zone regex in `String(date)`
/// (`\b(?:[PMCEA][SDP]T|(?:Pacific|Mountain|Central|Eastern|Atlantic) (?:Standard|Daylight|Prevailing) Time|(?:GMT|UTC)(?:[-+]\d{4})?)\b`),
/// stripped of everything but `[-+\dA-Z]`, with `GMT+0000` shown as `UTC`.
pub(crate) fn zone_abbreviation(date_string: &str) -> String {
    let s = date_string.as_bytes();
    let boundary = |at: usize| {
        let before = at
            .checked_sub(1)
            .and_then(|i| s.get(i))
            .is_some_and(|&b| is_word(b));
        let after = s.get(at).is_some_and(|&b| is_word(b));
        before != after
    };
    let match_at = |i: usize| -> Option<usize> {
        if !boundary(i) {
            return None;
        }
        let rest = s.get(i..).unwrap_or_default();
        if let [a, b, b'T', ..] = rest {
            let region = matches!(a, b'P' | b'M' | b'C' | b'E' | b'A');
            if region && matches!(b, b'S' | b'D' | b'P') && boundary(i + 3) {
                return Some(i + 3);
            }
        }
        for region in ["Pacific ", "Mountain ", "Central ", "Eastern ", "Atlantic "] {
            let Some(after_region) = rest.strip_prefix(region.as_bytes()) else {
                continue;
            };
            for kind in ["Standard Time", "Daylight Time", "Prevailing Time"] {
                if after_region.starts_with(kind.as_bytes()) {
                    let end = i + region.len() + kind.len();
                    if boundary(end) {
                        return Some(end);
                    }
                }
            }
        }
        if rest.starts_with(b"GMT") || rest.starts_with(b"UTC") {
            let long = matches!(rest.get(3..8), Some([b'+' | b'-', digits @ ..])
                if digits.iter().all(u8::is_ascii_digit));
            if long && boundary(i + 8) {
                return Some(i + 8);
            }
            if boundary(i + 3) {
                return Some(i + 3);
            }
        }
        None
    };
    let mut last = "";
    let mut i = 0;
    while i < s.len() {
        match match_at(i) {
            Some(end) => {
                last = slice(date_string, i, end);
                i = end;
            }
            None => i += 1,
        }
    }
    // Every character kept is ASCII, so the bytes can be filtered.
    let clipped: String = last
        .bytes()
        .filter(|b| matches!(b, b'-' | b'+' | b'0'..=b'9' | b'A'..=b'Z'))
        .map(char::from)
        .collect();
    // The clipped match holds `GMT+0000` only when it is exactly that.
    if clipped == "GMT+0000" {
        "UTC".into()
    } else {
        clipped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_follow_the_regex() {
        let got: Vec<_> = tokens("yyyyy dddddd DD 'x'\"y\" HHH 'open é").collect();
        #[allow(non_snake_case)]
        fn F(flag: &str) -> Token<'_> {
            Token::Flag(flag.as_bytes()[0], flag.len())
        }
        use Token::Literal as L;
        assert_eq!(
            got,
            [
                F("yyyy"),
                L("y "),
                F("dddd"),
                F("dd"),
                L(" "),
                L("D"),
                L("D "),
                L("x"),
                L("y"),
                L(" "),
                F("HH"),
                F("H"),
                L(" "),
                L("'"),
                F("o"),
                F("p"),
                L("en é"),
            ]
        );
    }

    #[test]
    fn rem_60_is_the_exact_remainder() {
        // Rust's `%` on f64 is C's `fmod`, the exact remainder JavaScript's `%` computes.
        let mut values = vec![
            0.0,
            59.999_999_999_999_99,
            60.0,
            120.0,
            604.866_666_666_666_7,
        ];
        for k in 1..200 {
            let m = f64::from(k) * 60.0;
            let (below, above) = (
                f64::from_bits(m.to_bits() - 1),
                f64::from_bits(m.to_bits() + 1),
            );
            values.extend([m, below, above, m + 0.5, m / 7.0]);
        }
        for a in values {
            assert_eq!(rem_60(a).to_bits(), (a % 60.0).to_bits(), "{a}");
        }
    }

    #[test]
    fn zone_names_like_v8_strings() {
        let z = zone_abbreviation;
        assert_eq!(
            z("Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time)"),
            "UTC"
        );
        assert_eq!(z("Thu Jan 01 1970 03:00:00 GMT+0300 (GMT+03:00)"), "GMT");
        assert_eq!(
            z("Thu Jan 01 1970 03:00:00 GMT+0300 (Moscow Standard Time)"),
            "GMT+0300"
        );
        assert_eq!(
            z("Wed Dec 31 1969 16:00:00 GMT-0800 (Pacific Standard Time)"),
            "PST"
        );
        assert_eq!(z("no zone here"), "");
    }
}
