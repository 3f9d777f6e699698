//! Size probe for `cargo xtask size`: the job of `size-backend` (`GET /documents` with a bearer
//! token, JSON decoded into a list, abortable) through gloo-net's `http` and `json` features.

use gloo_net::http::Request;
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use web_sys::AbortController;

/// One document of the list.
#[derive(Deserialize)]
pub struct Document {
    /// Its id.
    pub id: u64,
    /// Its title.
    pub title: String,
}

fn js(error: impl ToString) -> JsValue {
    JsValue::from_str(&error.to_string())
}

/// The titles of the documents at `base`/documents, one a line.
#[wasm_bindgen]
pub async fn document_titles(base: String, token: String) -> Result<String, JsValue> {
    let controller = AbortController::new()?;
    let signal = controller.signal();
    let response = Request::get(&format!("{}/documents", base.trim_end_matches('/')))
        .header("Authorization", &format!("Bearer {token}"))
        .abort_signal(Some(&signal))
        .send()
        .await
        .map_err(js)?;
    if !response.ok() {
        let reason = response.text().await.unwrap_or_default();
        return Err(js(format!(
            "the server answered {}: {reason}",
            response.status()
        )));
    }
    let documents: Vec<Document> = response.json().await.map_err(js)?;
    controller.abort();
    let titles: Vec<String> = documents.into_iter().map(|d| d.title).collect();
    Ok(titles.join("\n"))
}
