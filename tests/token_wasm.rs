//! Reading tokens inside the browser, where only unverified reading exists: the SDK's
//! `atob` + `JSON.parse` path, with the token crate's guarantees.
#![cfg(target_arch = "wasm32")]

use amocrm_widget::token::{
    unverified, unverified_claims, ClaimValue, JsonNumber, LeadToken, Segment, TokenError,
};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Encodes with the browser's own `btoa`, independent of the SDK's decoder.
/// The text is sent byte for byte: duplicates and number spellings reach the reader as written.
fn encode(json: &str) -> String {
    let window_btoa = js_sys::Function::new_with_args(
        "s",
        "return btoa(String.fromCharCode(...new TextEncoder().encode(s)))\
         .replace(/\\+/g,'-').replace(/\\//g,'_').replace(/=+$/,'')",
    );
    window_btoa
        .call1(&wasm_bindgen::JsValue::NULL, &json.into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn reads_the_documented_claims() {
    let token = format!(
        "{}.{}.c2ln",
        encode(r#"{"alg":"HS256","typ":"JWT"}"#),
        encode(
            r#"{"iss":"https://subdomain.amocrm.ru","aud":"https://external.integration.io",
            "jti":"d628f123","iat":1594204245,"nbf":1594204245,"exp":1594206045,
            "account_id":12345678,"user_id":87654321,"subdomain":"поддомен",
            "client_uuid":"0b0832f6","data":{"entity_type":"leads","entity_id":42},"x":[1]}"#
        )
    );
    let claims = LeadToken::new(token).unverified_claims().unwrap();
    assert_eq!(claims.iss.as_deref(), Some("https://subdomain.amocrm.ru"));
    assert_eq!(claims.exp, Some(1594206045));
    assert_eq!(claims.account_id, Some(12345678));
    assert_eq!(claims.subdomain.as_deref(), Some("поддомен"));
    assert_eq!(claims.data.as_ref().and_then(|d| d.entity_id), Some(42));
    assert_eq!(claims.extra["x"].to_string(), "[1]");
}

#[wasm_bindgen_test]
fn malformed_tokens_are_typed_errors_not_panics() {
    assert_eq!(unverified_claims(""), Err(TokenError::Empty));
    assert_eq!(
        unverified_claims("foo"),
        Err(TokenError::NotAJwt { segments: 1 })
    );
    assert_eq!(
        unverified_claims("e30.%%%.c2ln"),
        Err(TokenError::NotBase64 {
            segment: Segment::Payload
        })
    );
    let not_json = format!("e30.{}.c2ln", encode("not json"));
    assert!(matches!(
        unverified_claims(&not_json),
        Err(TokenError::NotJson {
            segment: Segment::Payload,
            ..
        })
    ));
    let deep = format!(r#"{{"a":{}{}}}"#, "[".repeat(40), "]".repeat(40));
    assert!(matches!(
        unverified_claims(&format!("e30.{}.c2ln", encode(&deep))),
        Err(TokenError::NotJson {
            segment: Segment::Payload,
            reason: "nested too deeply",
            ..
        })
    ));
    let huge = "a".repeat(1 << 20);
    assert!(matches!(
        unverified_claims(&huge),
        Err(TokenError::TooLong { .. })
    ));
}

#[wasm_bindgen_test]
fn duplicate_members_are_refused_though_json_parse_keeps_the_last() {
    let header = encode(r#"{"alg":"HS256"}"#);
    let read = |payload: &str| unverified_claims(&format!("{header}.{}.c2ln", encode(payload)));
    assert_eq!(
        read(r#"{"exp":1,"exp":2}"#),
        Err(TokenError::DuplicateClaim("exp".into()))
    );
    // The same name spelled with an escape is the same name.
    assert_eq!(
        read(r#"{"exp":1, "\u0065xp" : 2}"#),
        Err(TokenError::DuplicateClaim("exp".into()))
    );
    assert_eq!(
        read(r#"{"data":{"entity_id":1,"entity_id":2}}"#),
        Err(TokenError::DuplicateClaim("data.entity_id".into()))
    );
    // Names inside strings, and equal names in different objects, are not duplicates.
    let fine = read(r#"{"a":"\"a\":{","b":[{"x":1},{"x":2}],"data":{"a":1}}"#).unwrap();
    assert_eq!(fine.extra["a"].as_str(), Some("\"a\":{"));
    let twice_alg = format!("{}.e30.c2ln", encode(r#"{"alg":"HS256","alg":"none"}"#));
    assert_eq!(
        unverified(&twice_alg),
        Err(TokenError::DuplicateClaim("header.alg".into()))
    );
}

#[wasm_bindgen_test]
fn integers_beyond_2_pow_53_stay_exact() {
    let token = format!(
        "{}.{}.c2ln",
        encode(r#"{"alg":"HS256"}"#),
        encode(
            r#"{"account_id":9007199254740993,"user_id":-9223372036854775808,
            "big":18446744073709551615,"huge":123456789012345678901234567890,
            "exp":1594206045.75,"small":-7}"#
        )
    );
    let claims = unverified_claims(&token).unwrap();
    assert_eq!(claims.account_id, Some(9_007_199_254_740_993));
    assert_eq!(claims.user_id, Some(i64::MIN));
    assert_eq!(claims.extra["big"].to_string(), "18446744073709551615");
    // Beyond 64 bits a number is a float, as in the native reader.
    assert!(matches!(
        claims.extra["huge"],
        ClaimValue::Number(JsonNumber::Float(_))
    ));
    assert_eq!(claims.exp, Some(1594206045));
    assert_eq!(claims.extra["small"].to_string(), "-7");
}

/// Puts `JSON.parse` back when dropped, also when the test fails.
struct RestoreJsonParse(wasm_bindgen::JsValue);

impl Drop for RestoreJsonParse {
    fn drop(&mut self) {
        let json = js_sys::Reflect::get(&js_sys::global(), &"JSON".into()).unwrap();
        js_sys::Reflect::set(&json, &"parse".into(), &self.0).unwrap();
    }
}

/// An engine whose `JSON.parse` hands the reviver no source text (Chromium before 114, Firefox
/// before 135, Safari before 18.4) cannot give an integer beyond 2^53 exactly: the reader says so
/// with a typed error instead of returning a rounded id. Every engine the suites run in has the
/// source text (the test above), so this one takes it away for the call, in each of them.
#[wasm_bindgen_test]
fn without_json_source_text_a_big_integer_is_a_typed_error_not_a_rounded_one() {
    let has_source = js_sys::Function::new_no_args(
        "return JSON.parse('1', (k, v, c) => typeof (c && c.source) === 'string')",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .unwrap();
    assert_eq!(
        has_source.as_bool(),
        Some(true),
        "this engine gives source text"
    );
    let json = js_sys::Reflect::get(&js_sys::global(), &"JSON".into()).unwrap();
    let _restore = RestoreJsonParse(js_sys::Reflect::get(&json, &"parse".into()).unwrap());
    js_sys::Function::new_no_args(
        "const real = JSON.parse; \
         JSON.parse = function (text, reviver) { \
           return real(text, reviver && function (k, v) { return reviver.call(this, k, v); }); \
         };",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .unwrap();
    let big = format!(
        "{}.{}.c2ln",
        encode(r#"{"alg":"HS256"}"#),
        encode(r#"{"account_id":9007199254740993}"#)
    );
    match unverified_claims(&big) {
        Err(TokenError::NotJson {
            segment, reason, ..
        }) => {
            assert_eq!(segment, Segment::Payload);
            assert!(reason.contains("beyond 2^53"), "{reason}");
        }
        other => panic!("expected a typed error, got {other:?}"),
    }
    // Integers within 2^53 need no source text.
    let small = format!(
        "{}.{}.c2ln",
        encode(r#"{"alg":"HS256"}"#),
        encode(r#"{"account_id":9007199254740991}"#)
    );
    assert_eq!(
        unverified_claims(&small).unwrap().account_id,
        Some(9_007_199_254_740_991)
    );
}

#[wasm_bindgen_test]
fn only_canonical_base64url_is_read_though_atob_is_laxer() {
    let payload = encode(r#"{"a":"???"}"#);
    assert!(payload.contains('_'), "{payload}");
    let header = encode(r#"{"alg":"HS256"}"#);
    // atob skips spaces, accepts `+` `/` and padding, and ignores spare bits: the SDK does not.
    for bad in [
        format!("{header}.{payload} .c2ln"),
        format!("{header}.{payload}=.c2ln"),
        format!("{header}.{}.c2ln", payload.replace('_', "/")),
        "e30.e31.c2ln".to_string(),
    ] {
        assert!(
            matches!(unverified_claims(&bad), Err(TokenError::NotBase64 { .. })),
            "{bad}"
        );
    }
    let read = unverified(&format!("{header}.{payload}.c2ln")).unwrap();
    assert_eq!(read.algorithm.as_deref(), Some("HS256"));
    assert_eq!(
        unverified(&format!("{header}.{payload}.c2l")),
        Err(TokenError::NotBase64 {
            segment: Segment::Signature
        })
    );
    // Invalid UTF-8 (0xFF) in the payload.
    assert!(matches!(
        unverified_claims(&format!("{header}._w.c2ln")),
        Err(TokenError::NotJson {
            segment: Segment::Payload,
            ..
        })
    ));
}
