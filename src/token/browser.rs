//! Reading a token in the browser with `atob` and `JSON.parse`, keeping the token crate's
//! guarantees: the length checked before decoding, duplicate members refused, integers exact.
//!
//! `JSON.parse` keeps the last of duplicate members silently, so duplicates are found by a
//! scan of the text `JSON.parse` has just accepted: on valid JSON, strings are the only
//! tokens that can hold `"{}[]:`, so tracking strings and brackets finds every member name
//! with no second JSON grammar. It also rounds integers beyond 2^53, so its reviver rebuilds
//! them as `BigInt`s from their source text (`context.source`, JSON.parse source text access).

use super::{Claims, Segment, TokenError, Unverified};
use amocrm_widget_token::{is_base64url, split, ClaimValue, JsonNumber};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// `atob(data)`: base64 to a binary string (one char per byte).
    #[wasm_bindgen(catch, js_name = atob)]
    fn atob(data: &str) -> Result<String, JsValue>;
    /// `JSON.parse(text, reviver)`.
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    fn json_parse(text: &str, reviver: &js_sys::Function) -> Result<JsValue, JsValue>;
}

/// The largest integer a JS number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

fn not_json(segment: Segment, reason: &'static str) -> TokenError {
    TokenError::NotJson {
        segment,
        reason,
        offset: None,
    }
}

/// base64url → bytes, through `atob` once the segment is known to be canonical base64url.
fn decode(segment: Segment, text: &str) -> Result<Vec<u8>, TokenError> {
    if !is_base64url(text) {
        return Err(TokenError::NotBase64 { segment });
    }
    let standard: String = text
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    let binary = atob(&standard).map_err(|_| TokenError::NotBase64 { segment })?;
    binary
        .chars()
        .map(|c| u8::try_from(u32::from(c)).map_err(|_| TokenError::NotBase64 { segment }))
        .collect()
}

/// `JSON.parse` with a reviver that keeps integers beyond 2^53 exact.
fn parse(segment: Segment, text: &str) -> Result<JsValue, TokenError> {
    let inexact = Rc::new(Cell::new(false));
    let flag = inexact.clone();
    let reviver = Closure::<dyn FnMut(JsValue, JsValue, JsValue) -> JsValue>::new(
        move |_key: JsValue, value: JsValue, context: JsValue| -> JsValue {
            let Some(x) = value.as_f64() else {
                return value;
            };
            if !x.is_finite() || x.fract() != 0.0 || x.abs() <= MAX_SAFE_INTEGER {
                return value;
            }
            let source = js_sys::Reflect::get(&context, &"source".into())
                .ok()
                .and_then(|s| s.as_string());
            let Some(source) = source else {
                flag.set(true);
                return value;
            };
            // Like the native reader: integers of the i64/u64 range exactly, others as f64.
            if let Ok(n) = source.parse::<i64>() {
                js_sys::BigInt::from(n).into()
            } else if let Ok(n) = source.parse::<u64>() {
                js_sys::BigInt::from(n).into()
            } else {
                value
            }
        },
    );
    let parsed = json_parse(text, reviver.as_ref().unchecked_ref())
        .map_err(|_| not_json(segment, "JSON.parse refused it"))?;
    if inexact.get() {
        return Err(not_json(
            segment,
            "an integer beyond 2^53 cannot be read exactly: this browser's JSON.parse gives \
             no source text",
        ));
    }
    Ok(parsed)
}

/// One open `{` or `[` during the duplicate scan.
struct Open {
    object: bool,
    /// The member names seen so far (objects only).
    names: Vec<String>,
    /// The dotted path of the object, e.g. `data.`.
    path: String,
}

/// A member name's value: the token without quotes, escapes decoded by `JSON.parse`.
fn member_name(token: &str) -> Option<String> {
    if token.contains('\\') {
        js_sys::JSON::parse(token).ok()?.as_string()
    } else {
        token.get(1..token.len().checked_sub(1)?).map(str::to_owned)
    }
}

/// Refuses a member name that appears twice in one object of `text`, which `JSON.parse`
/// has accepted. `prefix` names the segment in the error (`header.` for the header).
fn refuse_duplicates(segment: Segment, text: &str, prefix: &str) -> Result<(), TokenError> {
    let broken = || not_json(segment, "unexpected text after JSON.parse accepted it");
    let bytes = text.as_bytes();
    let mut stack: Vec<Open> = Vec::new();
    let mut last_name = String::new();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                let mut end = i + 1;
                loop {
                    match bytes.get(end) {
                        Some(b'"') => break,
                        Some(b'\\') => end += 2,
                        Some(_) => end += 1,
                        None => return Err(broken()),
                    }
                }
                let token = text.get(i..=end).ok_or_else(broken)?;
                let mut next = end + 1;
                while bytes.get(next).is_some_and(u8::is_ascii_whitespace) {
                    next += 1;
                }
                if bytes.get(next) == Some(&b':') {
                    let open = stack.last_mut().filter(|o| o.object).ok_or_else(broken)?;
                    let name = member_name(token).ok_or_else(broken)?;
                    if open.names.contains(&name) {
                        return Err(TokenError::DuplicateClaim(crate::text::concat(&[
                            prefix, &open.path, &name,
                        ])));
                    }
                    open.names.push(name.clone());
                    last_name = name;
                }
                i = end + 1;
            }
            b'{' | b'[' => {
                let path = match stack.last() {
                    Some(parent) if parent.object => {
                        crate::text::concat(&[&parent.path, &last_name, "."])
                    }
                    Some(parent) => parent.path.clone(),
                    None => String::new(),
                };
                stack.push(Open {
                    object: b == b'{',
                    names: Vec::new(),
                    path,
                });
                i += 1;
            }
            b'}' | b']' => {
                stack.pop();
                i += 1;
            }
            _ => i += 1,
        }
    }
    Ok(())
}

/// Decodes and parses one segment into a claim value.
fn read_segment(segment: Segment, text: &str, prefix: &str) -> Result<ClaimValue, TokenError> {
    let bytes = decode(segment, text)?;
    let text = String::from_utf8(bytes).map_err(|_| not_json(segment, "not UTF-8"))?;
    let parsed = parse(segment, &text)?;
    refuse_duplicates(segment, &text, prefix)?;
    claim_value(segment, &parsed, 0)
}

/// Nesting deeper than this is refused: the walk below recurses, and the wasm stack is small.
const MAX_DEPTH: usize = 32;

/// What `JSON.parse` (with the reviver) produced, as a claim value. Walked by hand with
/// `typeof` checks rather than through serde: serde's error messages format floats, and that
/// machinery would double the wasm of every widget that reads its token.
fn claim_value(segment: Segment, value: &JsValue, depth: usize) -> Result<ClaimValue, TokenError> {
    if depth > MAX_DEPTH {
        return Err(not_json(segment, "nested too deeply"));
    }
    if value.is_null() || value.is_undefined() {
        return Ok(ClaimValue::Null);
    }
    if let Some(b) = value.as_bool() {
        return Ok(ClaimValue::Bool(b));
    }
    if let Some(x) = value.as_f64() {
        let exact = x.fract() == 0.0 && x.abs() <= MAX_SAFE_INTEGER;
        return Ok(ClaimValue::Number(if exact {
            JsonNumber::Int(x as i64)
        } else {
            JsonNumber::Float(x)
        }));
    }
    if value.is_bigint() {
        // The reviver makes BigInts only from integers of the i64/u64 range.
        return match i64::try_from(value.clone()) {
            Ok(n) => Ok(ClaimValue::Number(JsonNumber::Int(n))),
            Err(big) => u64::try_from(big)
                .map(|n| ClaimValue::Number(JsonNumber::UInt(n)))
                .map_err(|_| not_json(segment, "an integer out of range")),
        };
    }
    if let Some(s) = value.as_string() {
        return Ok(ClaimValue::String(s));
    }
    if js_sys::Array::is_array(value) {
        let items: &js_sys::Array = value.unchecked_ref();
        return items
            .iter()
            .map(|item| claim_value(segment, &item, depth + 1))
            .collect::<Result<_, _>>()
            .map(ClaimValue::Array);
    }
    // An object. `Object.entries` lists integer-like names first (JS property order); the
    // members' order does not change any claim.
    let entries = js_sys::Object::entries(value.unchecked_ref());
    entries
        .iter()
        .map(|entry| {
            let pair: &js_sys::Array = entry.unchecked_ref();
            let name = pair.get(0).as_string().unwrap_or_default();
            Ok((name, claim_value(segment, &pair.get(1), depth + 1)?))
        })
        .collect::<Result<_, _>>()
        .map(ClaimValue::Object)
}

/// Reads a token's header and claims **without verifying the signature**, in the browser.
///
/// Use it to show or route on what a token says; never to decide what a user may do. Each
/// malformed token has its own [`TokenError`] variant; the length is checked before anything
/// is decoded.
pub fn unverified(token: &str) -> Result<Unverified, TokenError> {
    let segments = split(token)?;
    let header = read_segment(Segment::Header, segments.header, "header.")?;
    let payload = read_segment(Segment::Payload, segments.payload, "")?;
    let read = Unverified::from_values(header, payload)?;
    if !is_base64url(segments.signature) {
        return Err(TokenError::NotBase64 {
            segment: Segment::Signature,
        });
    }
    Ok(read)
}

/// The claims of a token, **not verified**: see [`unverified`].
pub fn unverified_claims(token: &str) -> Result<Claims, TokenError> {
    unverified(token).map(|read| read.claims)
}
