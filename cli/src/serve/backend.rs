//! The widget's own back end beside the cabinet (`[package.metadata.amo-widget.backend]`): started
//! with a development secret, which the cabinet then signs each fixture lead's `initLead` token
//! with, so the widget's calls verify as they would against a real account.

use crate::pipeline::krate::BackendSpec;
use anyhow::{anyhow, Result};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{json, Value};
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::path::Path;
use std::process::{Child, Command};

/// How long a signed token lives: the cabinet asks for fresh ones well before.
const TOKEN_SECONDS: i64 = 3600;

/// What the cabinet signs with, and for which back end.
#[derive(Debug, Clone)]
pub(crate) struct Signer {
    secret: String,
    /// The back end's base URL: each token's `aud` (the widget may call it from there).
    url: String,
}

/// A random secret for this run only: never an integration's real one.
pub(crate) fn dev_secret() -> String {
    // std's hasher keys are drawn from the OS's random source, fresh for each `RandomState`.
    let part = || RandomState::new().build_hasher().finish();
    format!("amo-widget-dev-{:016x}{:016x}", part(), part())
}

impl Signer {
    /// Signs with `secret` for the back end at `url`.
    pub(crate) fn new(secret: String, url: &str) -> Self {
        Signer {
            secret,
            url: url.trim_end_matches('/').to_owned(),
        }
    }

    /// An HS256 `initLead` token for `lead`, with the claims the vendor documents for the
    /// emulated account (the same as the cabinet's unsigned demo token, `aud` the back end).
    pub(crate) fn token(&self, lead: &str, now: i64) -> Result<String> {
        let entity_id = lead
            .parse::<i64>()
            .map(Value::from)
            .unwrap_or_else(|_| Value::from(lead));
        let claims = json!({
            "iss": "https://example.amocrm.ru",
            "aud": self.url,
            "jti": format!("{:016x}", RandomState::new().build_hasher().finish()),
            "iat": now,
            "nbf": now,
            "exp": now + TOKEN_SECONDS,
            "account_id": 29001,
            "user_id": 501,
            "client_uuid": "0b0832f6-d123-4123-9123-e73f236833c0",
            "subdomain": "example",
            "data": { "entity_type": "leads", "entity_id": entity_id },
        });
        jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &EncodingKey::from_secret(self.secret.as_bytes()),
        )
        .map_err(|e| anyhow!("signing a development token: {e}"))
    }

    /// `{"tokens": {lead id: token}}` for every lead of the fixtures' text.
    pub(crate) fn tokens_json(&self, fixtures: &str) -> Result<String> {
        let fixtures: Value = serde_json::from_str(fixtures)?;
        let now = crate::cmd::token::now();
        let mut tokens = serde_json::Map::new();
        if let Some(leads) = fixtures["leads"].as_object() {
            for lead in leads.keys() {
                tokens.insert(lead.clone(), Value::from(self.token(lead, now)?));
            }
        }
        Ok(json!({ "tokens": tokens }).to_string())
    }
}

/// `{secret}` and `{cabinet}` (the cabinet's origins, comma-separated) replaced in `value`.
fn fill(value: &str, secret: &str, cabinet: &str) -> String {
    value
        .replace("{secret}", secret)
        .replace("{cabinet}", cabinet)
}

/// The running back end: stopped when dropped (when `serve` ends).
pub(crate) struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the back end's command in the crate directory, its `env` filled in.
pub(crate) fn start(
    spec: &BackendSpec,
    crate_dir: &Path,
    secret: &str,
    cabinet: &str,
) -> Result<Running> {
    let (program, args) = spec
        .command
        .split_first()
        .ok_or_else(|| anyhow!("[package.metadata.amo-widget.backend] command is empty"))?;
    let mut command = Command::new(program);
    command.args(args).current_dir(crate_dir);
    for (name, value) in &spec.env {
        command.env(name, fill(value, secret, cabinet));
    }
    let child = command
        .spawn()
        .map_err(|e| anyhow!("starting the back end `{}`: {e}", spec.command.join(" ")))?;
    Ok(Running(child))
}

#[cfg(test)]
mod tests {
    use super::*;
    use amocrm_widget_token::Verifier;

    #[test]
    fn the_tokens_verify_with_the_secret_the_back_end_is_given() {
        let secret = dev_secret();
        assert_ne!(secret, dev_secret());
        let signer = Signer::new(secret.clone(), "http://127.0.0.1:3030/");
        let fixtures = r#"{"leads": {"3412001": {}, "3412002": {}}}"#;
        let tokens: Value = serde_json::from_str(&signer.tokens_json(fixtures).unwrap()).unwrap();
        let verifier = Verifier::new(&secret)
            .unwrap()
            .audience("http://127.0.0.1:3030");
        for lead in ["3412001", "3412002"] {
            let token = tokens["tokens"][lead].as_str().unwrap();
            let claims = verifier.check(token).unwrap();
            assert_eq!(
                claims.data.and_then(|d| d.entity_id),
                lead.parse::<i64>().ok()
            );
            assert_eq!(claims.account_id, Some(29001));
        }
        let other = Verifier::new("another-secret").unwrap();
        assert!(other
            .check(tokens["tokens"]["3412001"].as_str().unwrap())
            .is_err());
    }

    #[test]
    fn env_values_get_the_secret_and_the_cabinet() {
        assert_eq!(
            fill("{cabinet}|{secret}|x", "s", "http://localhost:8000"),
            "http://localhost:8000|s|x"
        );
    }
}
