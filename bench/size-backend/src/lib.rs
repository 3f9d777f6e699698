//! Size probe for `cargo xtask size`: `GET /documents` on the widget's back end with the lead's
//! token as a bearer, the JSON answer decoded into a list, the call abortable, through the SDK's
//! `backend` client. `size-backend-gloo` does the same job with gloo-net.

use amocrm_widget::backend::Backend;
use amocrm_widget::token::LeadToken;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

/// One document of the list.
#[derive(Deserialize)]
pub struct Document {
    /// Its id.
    pub id: u64,
    /// Its title.
    pub title: String,
}

/// The titles of the documents at `base`/documents, one a line.
#[wasm_bindgen]
pub async fn document_titles(base: String, token: String) -> Result<String, JsValue> {
    let client = Backend::new(&base)
        .client(&LeadToken::new(token))
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    let documents: Vec<Document> = client
        .get("/documents")
        .await
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    client.abort();
    let titles: Vec<String> = documents.into_iter().map(|d| d.title).collect();
    Ok(titles.join("\n"))
}
