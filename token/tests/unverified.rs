//! Reading tokens without verifying them: JSON written by node (`JSON.stringify` inside npm
//! `jsonwebtoken`), read by the token crate, compared with serde_json's own reading.
#![cfg(not(target_arch = "wasm32"))]

mod support {
    pub mod jwt;
}

use amocrm_widget_token::{unverified, unverified_claims, Segment, TokenError};
use serde_json::{json, Value};
use support::jwt::{disposable_claims, mint, SECRET};

#[test]
fn reads_what_an_independent_implementation_wrote() {
    let payloads = [
        disposable_claims("d628f123-5123-473e-a123-ed123ef31f8f"),
        json!({
            "iss": "https://тест.amocrm.ru", "aud": ["https://a.io", "https://b.io"],
            "account_id": "12345678", "exp": 1594206045.75,
            "note": "quote \" backslash \\ newline \n tab \t nul \u{0} emoji 😀 \u{2028}",
            "big": 1e21, "neg": -0.5e-7, "nested": {"a": [null, true, false, {}]},
            "data": {"entity_type": "customers", "entity_id": 9_007_199_254_740_991i64, "pipeline": 3}
        }),
        json!({}),
    ];
    let specs: Vec<Value> = payloads
        .iter()
        .map(|p| json!({"payload": p, "secret": SECRET}))
        .collect();
    for (token, sent) in mint(&specs).iter().zip(&payloads) {
        let read = unverified(token).expect("well-formed token");
        assert_eq!(read.algorithm.as_deref(), Some("HS256"));
        assert_eq!(read.typ.as_deref(), Some("JWT"));
        let c = read.claims;
        let str_of = |k: &str| sent.get(k).and_then(Value::as_str).map(String::from);
        assert_eq!(c.iss, str_of("iss"));
        assert_eq!(c.jti, str_of("jti"));
        assert_eq!(c.subdomain, str_of("subdomain"));
        assert_eq!(c.client_uuid, str_of("client_uuid"));
        let aud: Vec<String> = match sent.get("aud") {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(a)) => a.iter().map(|v| v.as_str().unwrap().into()).collect(),
            _ => vec![],
        };
        assert_eq!(c.audiences(), aud.as_slice());
        let int_of = |v: Option<&Value>| {
            v.and_then(|v| v.as_i64().or_else(|| v.as_f64().map(|f| f.floor() as i64)))
                .or_else(|| v.and_then(Value::as_str).and_then(|s| s.parse().ok()))
        };
        assert_eq!(c.exp, int_of(sent.get("exp")));
        assert_eq!(c.iat, int_of(sent.get("iat")));
        assert_eq!(c.account_id, int_of(sent.get("account_id")));
        assert_eq!(c.user_id, int_of(sent.get("user_id")));
        if let Some(data) = sent.get("data") {
            let d = c.data.as_ref().expect("data");
            assert_eq!(d.entity_type.as_deref(), data["entity_type"].as_str());
            assert_eq!(d.entity_id, data["entity_id"].as_i64());
            for (k, v) in &d.extra {
                assert_eq!(
                    &serde_json::from_str::<Value>(&v.to_string()).unwrap(),
                    &data[k]
                );
            }
        }
        // Every unknown claim survives, and writes back as the same JSON.
        for (k, v) in sent.as_object().unwrap() {
            let known = [
                "iss",
                "aud",
                "jti",
                "iat",
                "nbf",
                "exp",
                "account_id",
                "user_id",
                "client_uuid",
                "subdomain",
                "data",
            ];
            if known.contains(&k.as_str()) {
                continue;
            }
            let ours: Value = serde_json::from_str(&c.extra[k].to_string()).unwrap();
            assert_eq!(&ours, v, "claim {k}");
        }
        assert_eq!(
            c.extra.len(),
            sent.as_object().unwrap().len() - c_known_count(sent)
        );
    }
}

fn c_known_count(sent: &Value) -> usize {
    let known = [
        "iss",
        "aud",
        "jti",
        "iat",
        "nbf",
        "exp",
        "account_id",
        "user_id",
        "client_uuid",
        "subdomain",
        "data",
    ];
    sent.as_object()
        .unwrap()
        .keys()
        .filter(|k| known.contains(&k.as_str()))
        .count()
}

#[test]
fn malformed_tokens_get_typed_errors() {
    let good = mint(&[json!({"payload": {"a": 1}, "secret": SECRET})]).remove(0);
    let (header, rest) = good.split_once('.').unwrap();
    let (_, signature) = rest.split_once('.').unwrap();
    assert_eq!(
        unverified_claims("a.b.c.d"),
        Err(TokenError::NotAJwt { segments: 4 })
    );
    assert_eq!(
        unverified_claims(&format!("{header}.e30=.{signature}")),
        Err(TokenError::NotBase64 {
            segment: Segment::Payload
        })
    );
    assert_eq!(
        unverified_claims(&format!("{header}.e30.sig+")),
        Err(TokenError::NotBase64 {
            segment: Segment::Signature
        })
    );
    // "[1]" and "{" and invalid UTF-8, base64url-encoded.
    for (payload, what) in [("WzFd", "array"), ("ew", "truncated"), ("_w", "not UTF-8")] {
        assert!(
            matches!(
                unverified_claims(&format!("{header}.{payload}.{signature}")),
                Err(TokenError::NotJson {
                    segment: Segment::Payload,
                    ..
                })
            ),
            "{what}"
        );
    }
    // {"exp":1,"exp":2}
    assert_eq!(
        unverified_claims(&format!("{header}.eyJleHAiOjEsImV4cCI6Mn0.{signature}")),
        Err(TokenError::DuplicateClaim("exp".into()))
    );
    // {"data":{"entity_id":true}}
    assert_eq!(
        unverified_claims(&format!(
            "{header}.eyJkYXRhIjp7ImVudGl0eV9pZCI6dHJ1ZX19.{signature}"
        )),
        Err(TokenError::InvalidClaim {
            claim: "data.entity_id",
            expected: "an integer id"
        })
    );
}

#[test]
fn large_integers_stay_exact_and_duplicates_are_refused() {
    // String payloads are signed as sent, so the JSON text is exactly this.
    let tokens = mint(&[
        json!({"payload": r#"{"account_id":9007199254740993,"big":18446744073709551615,"min":-9223372036854775808,"exp":1594206045.75}"#, "secret": SECRET}),
        json!({"payload": r#"{"data":{"entity_id":1,"entity_id":2}}"#, "secret": SECRET}),
        json!({"payload": r#"{"iss":"a","iss":"a"}"#, "secret": SECRET}),
    ]);
    let claims = unverified_claims(&tokens[0]).unwrap();
    assert_eq!(claims.account_id, Some(9_007_199_254_740_993));
    assert_eq!(claims.extra["big"].to_string(), "18446744073709551615");
    assert_eq!(claims.extra["min"].to_string(), "-9223372036854775808");
    assert_eq!(claims.exp, Some(1594206045));
    assert_eq!(
        unverified_claims(&tokens[1]),
        Err(TokenError::DuplicateClaim("data.entity_id".into()))
    );
    assert_eq!(
        unverified_claims(&tokens[2]),
        Err(TokenError::DuplicateClaim("iss".into()))
    );
}
