//! The back end of the `lead-documents` widget.
//!
//! `GET /leads/{lead}/documents` answers the documents kept for a lead, as JSON, to a widget
//! of the lead's own account: the `initLead` token (`Authorization: Bearer`) is verified with
//! the integration's secret and may be sent again and again until it expires; a token of
//! another account gets 403, an invalid or expired one 401 with the reason. CORS answers the
//! vendor's account domains and the origins given (the local cabinet in development).
#![deny(missing_docs)]

pub mod store;

use amocrm_widget_token::axum::{AllowedOrigins, InitLead, InitLeadTokens};
use axum::extract::{FromRef, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use std::sync::Arc;
use store::Store;

/// What the handlers share.
#[derive(Clone)]
pub struct AppState {
    tokens: Arc<InitLeadTokens>,
    store: Arc<Store>,
}

impl FromRef<AppState> for Arc<InitLeadTokens> {
    fn from_ref(state: &AppState) -> Self {
        state.tokens.clone()
    }
}

/// The application: `GET /leads/{lead}/documents` and `GET /health`.
///
/// ```
/// use amocrm_widget_token::axum::{AllowedOrigins, InitLeadTokens};
/// use amocrm_widget_token::Verifier;
/// use lead_documents_server::{app, store::Store};
/// let tokens = InitLeadTokens::new(Verifier::new("client-secret").unwrap()).unwrap();
/// let origins = AllowedOrigins::vendor().origin("http://127.0.0.1:8000").unwrap();
/// let app: axum::Router = app(tokens, origins, Store::File(Default::default()));
/// ```
pub fn app(tokens: InitLeadTokens, origins: AllowedOrigins, store: Store) -> Router {
    let state = AppState {
        tokens: Arc::new(tokens),
        store: Arc::new(store),
    };
    Router::new()
        .route("/leads/{lead}/documents", get(documents))
        .route("/health", get(|| async { "ok" }))
        .with_state(state)
        .layer(origins.layer())
}

async fn documents(
    lead: InitLead,
    Path(id): Path<String>,
    State(state): State<AppState>,
) -> Response {
    match state.store.lead(&id).await {
        // Nothing kept for the lead: nothing to show, whoever asks.
        Ok(None) => Json(Vec::<store::Document>::new()).into_response(),
        Ok(Some(record)) => match lead.account.authorize(&record.owner()) {
            Ok(()) => Json(record.documents).into_response(),
            Err(other) => other.into_response(),
        },
        Err(store::Unavailable(error)) => {
            eprintln!("lead-documents-server: the store cannot be read: {error}");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "the documents cannot be read right now",
            )
                .into_response()
        }
    }
}
