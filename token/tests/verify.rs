//! The `server` verifier against tokens minted by npm `jsonwebtoken`, and a negative corpus.
#![cfg(not(target_arch = "wasm32"))]

mod support {
    pub mod jwt;
}

use amocrm_widget_token::{unverified_claims, InMemoryReplayGuard, Segment, TokenError, Verifier};
use serde_json::json;
use std::time::Duration;
use support::jwt::{disposable_claims, mint, mint_one, now, SECRET};

fn verifier() -> Verifier {
    Verifier::new(SECRET).expect("non-empty secret")
}

fn with_payload(token: &str, payload: &str) -> String {
    let parts: Vec<&str> = token.split('.').collect();
    format!(
        "{}.{}.{}",
        parts[0],
        base64url(payload.as_bytes()),
        parts[2]
    )
}

/// Test-side encoder, so tampered tokens do not depend on the decoder under test.
fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().fold(0u32, |n, &b| (n << 8) | u32::from(b)) << (8 * (3 - chunk.len()));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

#[test]
fn accepts_a_token_minted_by_an_independent_implementation() {
    let token = mint_one(
        disposable_claims("d628f123-5123-473e-a123-ed123ef31f8f"),
        SECRET,
    );
    let claims = verifier()
        .audience("https://external.integration.io")
        .issuer("https://subdomain.amocrm.ru")
        .subdomain("SubDomain")
        .client_uuid("0b0832f6-d123-4123-9123-e73f236833c")
        .replay_guard(InMemoryReplayGuard::new(16))
        .check(&token)
        .expect("valid token");
    assert_eq!(claims.iss.as_deref(), Some("https://subdomain.amocrm.ru"));
    assert_eq!(claims.audiences(), ["https://external.integration.io"]);
    assert_eq!(
        claims.jti.as_deref(),
        Some("d628f123-5123-473e-a123-ed123ef31f8f")
    );
    assert_eq!(claims.account_id, Some(12345678));
    assert_eq!(claims.user_id, Some(87654321));
    assert_eq!(claims.subdomain.as_deref(), Some("subdomain"));
    let data = claims.data.as_ref().expect("data claim");
    assert_eq!(data.entity_type.as_deref(), Some("leads"));
    assert_eq!(data.entity_id, Some(4242));
    assert!(claims.exp.unwrap() > now());
    assert_eq!(claims, unverified_claims(&token).unwrap());
}

#[test]
fn keeps_unknown_claims_and_accepts_the_vendor_example_without_data() {
    let mut payload = disposable_claims("x");
    payload.as_object_mut().unwrap().remove("data");
    payload["feature_flags"] = json!({"beta": true});
    let claims = verifier().check(&mint_one(payload, SECRET)).unwrap();
    assert_eq!(claims.data, None);
    assert_eq!(
        claims.extra["feature_flags"].to_string(),
        r#"{"beta":true}"#
    );
}

#[test]
fn refuses_a_token_signed_with_another_secret() {
    let token = mint_one(disposable_claims("a"), "some-other-secret");
    assert_eq!(verifier().check(&token), Err(TokenError::BadSignature));
}

#[test]
fn refuses_an_expired_token_with_leeway_configurable() {
    let mut payload = disposable_claims("a");
    let exp = now() - 10;
    payload["exp"] = json!(exp);
    payload["nbf"] = json!(exp - 1800);
    let token = mint_one(payload, SECRET);
    assert!(verifier()
        .leeway(Duration::from_secs(60))
        .check(&token)
        .is_ok());
    match verifier().leeway(Duration::ZERO).check(&token) {
        Err(TokenError::Expired { exp: e, .. }) => assert_eq!(e, exp),
        other => panic!("expected Expired, got {other:?}"),
    }
}

#[test]
fn refuses_a_token_not_yet_valid() {
    let mut payload = disposable_claims("a");
    let nbf = now() + 600;
    payload["nbf"] = json!(nbf);
    let token = mint_one(payload, SECRET);
    match verifier().check(&token) {
        Err(TokenError::NotYetValid { nbf: n, .. }) => assert_eq!(n, nbf),
        other => panic!("expected NotYetValid, got {other:?}"),
    }
    assert!(verifier()
        .leeway(Duration::from_secs(3600))
        .check(&token)
        .is_ok());
}

#[test]
fn refuses_a_tampered_payload() {
    let token = mint_one(disposable_claims("a"), SECRET);
    let mut payload = disposable_claims("a");
    payload["data"]["entity_id"] = json!(1);
    let tampered = with_payload(&token, &payload.to_string());
    assert_eq!(verifier().check(&tampered), Err(TokenError::BadSignature));
}

#[test]
fn refuses_every_algorithm_but_hs256() {
    let payload = disposable_claims("a");
    let tokens = mint(&[
        json!({"payload": payload, "algorithm": "none"}),
        json!({"payload": payload, "algorithm": "RS256"}),
        json!({"payload": payload, "algorithm": "HS512", "secret": SECRET}),
        json!({"payload": payload, "secret": SECRET, "header": {"alg": "HS384"}}),
    ]);
    let expected = ["none", "RS256", "HS512", "HS384"];
    for (token, alg) in tokens.iter().zip(expected) {
        assert_eq!(
            verifier().check(token),
            Err(TokenError::UnsupportedAlgorithm(alg.into())),
            "{alg}"
        );
    }
    // Algorithm confusion: an RS256 header over an HMAC made with the secret is still refused
    // by its header, before any key is chosen.
    let hs = mint_one(payload.clone(), SECRET);
    let rs_header = base64url(br#"{"alg":"RS256","typ":"JWT"}"#);
    let confused = format!("{rs_header}.{}", hs.split_once('.').unwrap().1);
    assert_eq!(
        verifier().check(&confused),
        Err(TokenError::UnsupportedAlgorithm("RS256".into()))
    );
    let no_alg = format!(
        "{}.{}",
        base64url(br#"{"typ":"JWT"}"#),
        hs.split_once('.').unwrap().1
    );
    assert_eq!(verifier().check(&no_alg), Err(TokenError::MissingAlgorithm));
}

#[test]
fn refuses_truncated_and_malformed_tokens_with_typed_errors() {
    let token = mint_one(disposable_claims("a"), SECRET);
    // 43 signature characters minus 3 is still canonical base64url: only the HMAC can tell.
    let cut = &token[..token.len() - 3];
    assert_eq!(verifier().check(cut), Err(TokenError::BadSignature));
    let (head, _) = token.rsplit_once('.').unwrap();
    assert_eq!(
        verifier().check(head),
        Err(TokenError::NotAJwt { segments: 2 })
    );
    assert_eq!(verifier().check(""), Err(TokenError::Empty));
    let not_b64 = with_payload(&token, "x").replacen('.', ".*", 1);
    assert_eq!(
        verifier().check(&not_b64),
        Err(TokenError::NotBase64 {
            segment: Segment::Payload
        })
    );
    let not_json = mint(&[json!({"payload": "not json", "secret": SECRET})]).remove(0);
    assert!(matches!(
        verifier().check(&not_json),
        Err(TokenError::NotJson {
            segment: Segment::Payload,
            ..
        })
    ));
    // A string payload is signed as is (npm `jsonwebtoken` checks `exp` types in objects).
    let wrong_type =
        mint(&[json!({"payload": r#"{"exp":"tomorrow"}"#, "secret": SECRET})]).remove(0);
    assert_eq!(
        verifier().check(&wrong_type),
        Err(TokenError::InvalidClaim {
            claim: "exp",
            expected: "a unix timestamp"
        })
    );
}

#[tokio::test]
async fn refuses_a_replayed_jti() {
    let token = mint_one(
        disposable_claims("7e1f0f7c-0000-4000-8000-000000000001"),
        SECRET,
    );
    let verifier = verifier().replay_guard(InMemoryReplayGuard::new(16));
    assert!(verifier.has_replay_guard());
    assert!(verifier.verify(&token).await.is_ok());
    assert_eq!(
        verifier.verify(&token).await,
        Err(TokenError::Replayed {
            jti: "7e1f0f7c-0000-4000-8000-000000000001".into()
        })
    );
    // `check` never consults the guard: a tool may look at a used token.
    assert!(verifier.check(&token).is_ok());
    let mut no_jti = disposable_claims("x");
    no_jti.as_object_mut().unwrap().remove("jti");
    assert_eq!(
        verifier.verify(&mint_one(no_jti, SECRET)).await,
        Err(TokenError::MissingClaim("jti"))
    );
}

#[tokio::test]
async fn a_refused_token_is_not_recorded() {
    let guard = std::sync::Arc::new(InMemoryReplayGuard::new(16));
    let verifier = verifier()
        .audience("https://other.io")
        .shared_replay_guard(guard.clone());
    let token = mint_one(disposable_claims("r"), SECRET);
    assert!(matches!(
        verifier.verify(&token).await,
        Err(TokenError::AudienceMismatch { .. })
    ));
    assert!(guard.is_empty());
}

#[test]
fn checks_audience_issuer_subdomain_and_client_uuid() {
    let token = mint_one(disposable_claims("a"), SECRET);
    assert!(verifier()
        .audience("https://external.integration.io/")
        .check(&token)
        .is_ok());
    assert_eq!(
        verifier().audience("https://other.io").check(&token),
        Err(TokenError::AudienceMismatch {
            expected: "https://other.io".into(),
            found: vec!["https://external.integration.io".into()]
        })
    );
    assert_eq!(
        verifier().issuer("https://evil.amocrm.ru").check(&token),
        Err(TokenError::IssuerMismatch {
            expected: "https://evil.amocrm.ru".into(),
            found: "https://subdomain.amocrm.ru".into()
        })
    );
    assert_eq!(
        verifier().subdomain("evil").check(&token),
        Err(TokenError::SubdomainMismatch {
            expected: "evil".into(),
            found: "subdomain".into()
        })
    );
    assert!(matches!(
        verifier()
            .client_uuid("00000000-0000-0000-0000-000000000000")
            .check(&token),
        Err(TokenError::ClientUuidMismatch { .. })
    ));
    let bare = mint_one(json!({"exp": now() + 60}), SECRET);
    assert_eq!(
        verifier().audience("https://a.io").check(&bare),
        Err(TokenError::MissingClaim("aud"))
    );
    let no_exp = mint_one(json!({"aud": "x"}), SECRET);
    assert_eq!(
        verifier().check(&no_exp),
        Err(TokenError::MissingClaim("exp"))
    );
    assert!(verifier().require_exp(false).check(&no_exp).is_ok());
}

#[test]
fn never_shows_the_secret() {
    let shown = format!("{:?}", verifier());
    assert!(!shown.contains(SECRET), "{shown}");
}
