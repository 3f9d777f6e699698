//! Reading tokens inside the browser, where only unverified reading exists.
#![cfg(target_arch = "wasm32")]

use amocrm_widget::token::{unverified_claims, LeadToken, Segment, TokenError};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Encodes with the browser's own `btoa`, independent of the SDK's decoder.
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
    let huge = "a".repeat(1 << 20);
    assert!(matches!(
        unverified_claims(&huge),
        Err(TokenError::TooLong { .. })
    ));
}
