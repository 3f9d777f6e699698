//! Size probe: the job of `size-token` (read the claims, unverified) done the usual way, with
//! serde_json and base64, to show what reading with the browser's own decoders saves.

use base64::Engine;
use serde::Deserialize;
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

#[derive(Deserialize)]
#[allow(dead_code)] // read like the SDK's `Claims`, so both probes do the same work
struct Data {
    entity_type: Option<String>,
    entity_id: Option<i64>,
    #[serde(flatten)]
    extra: BTreeMap<String, serde_json::Value>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Claims {
    iss: Option<String>,
    aud: Option<serde_json::Value>,
    jti: Option<String>,
    iat: Option<i64>,
    nbf: Option<i64>,
    exp: Option<i64>,
    account_id: Option<i64>,
    user_id: Option<i64>,
    client_uuid: Option<String>,
    subdomain: Option<String>,
    data: Option<Data>,
    #[serde(flatten)]
    extra: BTreeMap<String, serde_json::Value>,
}

/// The token's `data.entity_id`, or `None` if the token is malformed or has none.
#[wasm_bindgen]
pub fn entity_id(token: &str) -> Option<f64> {
    let mut parts = token.split('.');
    let (_header, payload, _signature) = (parts.next()?, parts.next()?, parts.next()?);
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .ok()?;
    let claims: Claims = serde_json::from_slice(&bytes).ok()?;
    claims.data?.entity_id.map(|id| id as f64)
}
