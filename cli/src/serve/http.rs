//! The HTTP side: the widget with CORS, the cabinet, its data, and the reload events.

use super::assets;
use super::host_modules;
use super::state::{Event, Shared};
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::sse::{self, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use futures_util::stream::{self, Stream};
use serde_json::json;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;

type AppState = Arc<Shared>;

pub(super) fn router(shared: AppState) -> Router {
    Router::new()
        .route("/", get(widget_script))
        .route("/personal_page.js", get(widget_script))
        .route(
            "/cabinet",
            get(|| async { Redirect::permanent("/cabinet/") }),
        )
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .route("/cabinet/events", get(events))
        .route("/cabinet/fixtures.json", get(fixtures))
        .route("/cabinet/config.json", get(config))
        .route("/cabinet/tokens.json", get(tokens))
        .route("/cabinet/reloaded", post(reloaded))
        .fallback(embedded)
        .layer(axum::middleware::map_response(cors))
        .with_state(shared)
}

/// The dev loop loads the widget cross-origin from a real cabinet; nothing here is private.
async fn cors(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn body(content_type: &'static str, bytes: impl Into<Bytes>) -> Response {
    ([(header::CONTENT_TYPE, content_type)], bytes.into()).into_response()
}

async fn widget_script(State(shared): State<AppState>) -> Response {
    match shared.script() {
        Some(script) => body("text/javascript; charset=utf-8", script.as_ref().clone()),
        None => (
            StatusCode::SERVICE_UNAVAILABLE,
            "no successful build yet: see the terminal of `amo-widget serve`\n",
        )
            .into_response(),
    }
}

async fn fixtures(State(shared): State<AppState>) -> Response {
    body("application/json", shared.fixtures().as_bytes().to_vec())
}

/// The fixture leads' tokens, signed for the crate's back end (see `backend`).
async fn tokens(State(shared): State<AppState>) -> Response {
    match shared.tokens_json() {
        Ok(json) => body("application/json", json),
        Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, format!("{error:#}\n")).into_response(),
    }
}

/// What the page needs to set requirejs up: where each host module is.
async fn config() -> Response {
    let config = json!({
        "paths": host_modules::requirejs_paths(),
        "modules": host_modules::MODULES.iter().map(|m| json!({
            "id": m.amd_name,
            "package": m.package,
            "url": m.url(),
            "npmPath": m.npm_path,
            "format": format!("{:?}", m.format),
            "license": m.license.map(|(name, _)| name),
        })).collect::<Vec<_>>(),
    });
    body("application/json", config.to_string())
}

/// The page reports that it re-rendered a new build: the terminal prints edit-to-reload.
async fn reloaded(State(shared): State<AppState>, text: String) -> StatusCode {
    let version = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v["version"].as_u64());
    let changed = shared.changed_at.read().ok().and_then(|at| *at);
    if let (Some(version), Some((changed_version, at))) = (version, changed) {
        if version == changed_version {
            println!(
                "[serve] edit → widget re-rendered in the page: {:.2} s (build {version})",
                at.elapsed().as_secs_f64()
            );
        }
    }
    StatusCode::NO_CONTENT
}

async fn events(
    State(shared): State<AppState>,
) -> Sse<impl Stream<Item = Result<sse::Event, Infallible>>> {
    let first = shared.statuses();
    let receiver = shared.subscribe();
    let later = stream::unfold(receiver, |mut receiver| async move {
        loop {
            match receiver.recv().await {
                Ok(event) => return Some((event, receiver)),
                // A slow page missed events: the next one carries the whole status anyway.
                Err(RecvError::Lagged(_)) => continue,
                Err(RecvError::Closed) => return None,
            }
        }
    });
    let all = futures_util::StreamExt::chain(stream::iter(first), later);
    let mapped = futures_util::StreamExt::map(all, |Event { name, data }| {
        Ok(sse::Event::default().event(name).data(data))
    });
    Sse::new(mapped).keep_alive(sse::KeepAlive::new().interval(Duration::from_secs(15)))
}

async fn embedded(request: Request) -> Response {
    if request.method() == Method::OPTIONS {
        return (
            StatusCode::NO_CONTENT,
            [(header::ACCESS_CONTROL_ALLOW_METHODS, "GET, OPTIONS")],
        )
            .into_response();
    }
    let path = request.uri().path();
    if let Some((_, content_type, bytes)) = assets::find(path) {
        return body(content_type, *bytes);
    }
    if let Some(file) = host_modules::find(path) {
        return body("text/javascript; charset=utf-8", file.served());
    }
    if let Some(license) = host_modules::find_license(path) {
        return body("text/plain; charset=utf-8", license);
    }
    (StatusCode::NOT_FOUND, format!("not found: {path}\n")).into_response()
}
