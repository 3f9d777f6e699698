//! Size probe: what a widget pays in wasm to read its token's claims (unverified) with the SDK.
//! The SDK decodes with the browser's `atob` and `JSON.parse`; compare with `size-token-serde`,
//! the same job on serde_json + base64 compiled into the wasm.

use wasm_bindgen::prelude::*;

/// The token's `data.entity_id`, or `None` if the token is malformed or has none.
#[wasm_bindgen]
pub fn entity_id(token: &str) -> Option<f64> {
    let claims = amocrm_widget::token::unverified_claims(token).ok()?;
    claims.data?.entity_id.map(|id| id as f64)
}
