//! `lead-documents-server`: configured from the environment (see the README).

use amocrm_widget_token::axum::{AllowedOrigins, InitLeadTokens};
use amocrm_widget_token::Verifier;
use lead_documents_server::{app, store::Store};
use std::path::PathBuf;
use std::process::ExitCode;

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

async fn store() -> Result<Store, String> {
    #[cfg(feature = "redis")]
    if let Some(url) = var("REDIS_URL") {
        let prefix = var("LEAD_DOCUMENTS_REDIS_PREFIX").unwrap_or_else(|| "lead-documents:".into());
        return Store::redis(&url, &prefix).await;
    }
    let path = var("LEAD_DOCUMENTS_DATA").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/documents.json"),
        PathBuf::from,
    );
    Store::from_file(&path)
}

async fn run() -> Result<(), String> {
    let secret = var("LEAD_DOCUMENTS_SECRET")
        .ok_or("set LEAD_DOCUMENTS_SECRET to the integration's client_secret")?;
    let mut verifier = Verifier::new(secret).map_err(|e| e.to_string())?;
    if let Some(audience) = var("LEAD_DOCUMENTS_AUDIENCE") {
        verifier = verifier.audience(audience);
    }
    let tokens = InitLeadTokens::new(verifier).map_err(|e| e.to_string())?;
    let mut origins = AllowedOrigins::vendor();
    for origin in var("LEAD_DOCUMENTS_ORIGINS").unwrap_or_default().split(',') {
        if !origin.trim().is_empty() {
            origins = origins.origin(origin.trim()).map_err(|e| e.to_string())?;
        }
    }
    let store = store().await?;
    let addr = var("LEAD_DOCUMENTS_ADDR").unwrap_or_else(|| "127.0.0.1:3030".into());
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .map_err(|e| format!("{addr}: {e}"))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    // The first line is read by the tests (and by `amo-widget serve`) to learn the port.
    println!("lead-documents-server listening on http://{local}");
    println!("  origins: {}", origins.patterns().join(", "));
    axum::serve(listener, app(tokens, origins, store))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| e.to_string())
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("lead-documents-server: {error}");
            ExitCode::FAILURE
        }
    }
}
