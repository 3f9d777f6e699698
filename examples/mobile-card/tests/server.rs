//! The frame server against tokens minted by npm `jsonwebtoken`.

#[path = "../../../token/tests/support/jwt.rs"]
mod jwt;
mod support;

use amocrm_widget_token::{InMemoryReplayGuard, Verifier};
use jwt::{disposable_claims, mint, mint_one, now, SECRET};
use serde_json::json;
use support::{get, start};

const AUDIENCE: &str = "https://external.integration.io";

fn verifier() -> Verifier {
    Verifier::new(SECRET)
        .unwrap()
        .audience(AUDIENCE)
        .replay_guard(InMemoryReplayGuard::new(1000))
}

#[test]
fn a_valid_token_gets_the_card_for_its_entity() {
    let addr = start(verifier());
    let token = mint_one(
        disposable_claims("11111111-1111-4111-8111-111111111111"),
        SECRET,
    );
    let page = get(addr, &format!("/?token={token}&from=ios"));
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page
        .headers
        .contains("content-type: text/html; charset=utf-8"));
    assert!(page.headers.contains("cache-control: no-store"));
    assert!(page.headers.contains("referrer-policy: no-referrer"));
    assert!(page
        .body
        .contains(r#"<meta name="viewport" content="width=device-width, initial-scale=1"#));
    assert!(page.body.contains("<h1>Lead #4242</h1>"), "{}", page.body);
    assert!(page
        .body
        .contains(r#"<span class="value" id="entity-id">4242</span>"#));
    assert!(page
        .body
        .contains(r#"<span class="value" id="account">subdomain</span>"#));
    assert!(page
        .body
        .contains(r#"<span class="value" id="platform">ios</span>"#));
}

#[test]
fn untrusted_strings_reach_the_page_only_as_text() {
    let addr = start(verifier());
    let mut claims = disposable_claims("22222222-2222-4222-8222-222222222222");
    claims["data"]["entity_type"] = json!("<img src=x onerror=alert(1)>");
    let token = mint_one(claims, SECRET);
    let page = get(
        addr,
        &format!("/?token={token}&from=%3Cscript%3Ealert(%27x%27)%3C%2Fscript%3E"),
    );
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("<script>"), "{}", page.body);
    assert!(!page.body.contains("<img"), "{}", page.body);
    assert!(page
        .body
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(page.body.contains("&lt;img src=x onerror=alert(1)&gt;"));
}

#[test]
fn every_bad_token_gets_401_with_a_reason() {
    let addr = start(verifier());
    let fresh = |jti: &str| disposable_claims(jti);
    let mut expired = fresh("e");
    expired["exp"] = json!(now() - 3600);
    let mut early = fresh("n");
    early["nbf"] = json!(now() + 3600);
    let mut other_aud = fresh("a");
    other_aud["aud"] = json!("https://someone-else.io");
    let tokens = mint(&[
        json!({"payload": fresh("w"), "secret": "wrong-secret"}),
        json!({"payload": expired, "secret": SECRET}),
        json!({"payload": early, "secret": SECRET}),
        json!({"payload": other_aud, "secret": SECRET}),
        json!({"payload": fresh("none"), "algorithm": "none"}),
        json!({"payload": fresh("rs"), "algorithm": "RS256"}),
        json!({"payload": fresh("t"), "secret": SECRET}),
    ]);
    let (header, rest) = tokens[6].split_once('.').unwrap();
    let (_, signature) = rest.split_once('.').unwrap();
    let tampered_payload = {
        let forged = mint_one(fresh("forged"), "attacker");
        forged.split('.').nth(1).unwrap().to_string()
    };
    let tampered = format!("{header}.{tampered_payload}.{signature}");
    let cases = [
        (
            format!("/?token={}", tokens[0]),
            "not issued for this integration",
        ),
        (format!("/?token={}", tokens[1]), "expired"),
        (format!("/?token={}", tokens[2]), "not valid yet"),
        (format!("/?token={}", tokens[3]), "audience"),
        (format!("/?token={}", tokens[4]), "algorithm"),
        (format!("/?token={}", tokens[5]), "algorithm"),
        (
            format!("/?token={tampered}"),
            "not issued for this integration",
        ),
        (format!("/?token={}", &tokens[6][..40]), "refused"),
        ("/?from=ios".to_string(), "no access token"),
        // Past the SDK's token limit but within HTTP's header limit: refused by length.
        (format!("/?token={}", "A".repeat(16 * 1024)), "bytes long"),
    ];
    for (path, reason) in cases {
        let page = get(addr, &path);
        assert_eq!(page.status, 401, "{path:.60}: {}", page.body);
        assert!(page.body.contains("<h1>Access denied</h1>"));
        assert!(page.body.contains(reason), "{path:.60}: {}", page.body);
    }
}

#[test]
fn a_megabyte_url_is_refused_by_the_http_layer() {
    let addr = start(verifier());
    let page = get(addr, &format!("/?token={}", "A".repeat(1 << 20)));
    assert_eq!(page.status, 431, "request header fields too large");
}

#[test]
fn a_disposable_token_opens_the_card_once() {
    let addr = start(verifier());
    let token = mint_one(
        disposable_claims("33333333-3333-4333-8333-333333333333"),
        SECRET,
    );
    assert_eq!(get(addr, &format!("/?token={token}&from=ios")).status, 200);
    let again = get(addr, &format!("/?token={token}&from=ios"));
    assert_eq!(again.status, 401);
    assert!(again.body.contains("already used"), "{}", again.body);
}

#[test]
fn the_widget_archive_passes_strict_check() {
    let widget = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("widget");
    let report = amo_widget::widget_files::check::check_dir(
        &widget,
        amo_widget::widget_files::check::CheckOptions { strict: true },
    );
    assert_eq!(report.diagnostics, [], "{report}");
    let manifest: amo_widget::widget_files::manifest::Manifest =
        serde_json::from_str(&std::fs::read_to_string(widget.join("manifest.json")).unwrap())
            .unwrap();
    assert!(manifest
        .locations
        .contains(&amo_widget::widget_files::manifest::Location::MobileCard));
    assert!(manifest.mobile.is_some());
}
