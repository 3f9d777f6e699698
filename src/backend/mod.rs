//! Calling the widget's own back end with the current lead's token (feature `backend`).
//!
//! The cabinet hands each lead an `initLead` token signed with the integration's secret; the
//! widget's server verifies it (the token crate's `axum` feature) and so knows which account,
//! user and lead is asking. A [`Client`] carries that token as `Authorization: Bearer …`,
//! sends and reads JSON through serde, and reports each failure as a [`BackendError`]. Every
//! call goes through the client's `AbortController`: tearing the client down (return it, or a
//! [`scope`](Client::scope) of it, in a teardown) aborts what is in flight, and
//! [`spawn`](Client::spawn) never runs its continuation after that, so an answer that arrives
//! late cannot touch a lead or a slot that is gone.
//!
//! The browser's `fetch` directly, not `gloo-net`: gloo-net decodes through `serde_json` and
//! brings the `http` crate; see bench/README.md for the bytes.
//!
//! ```no_run
//! use amocrm_widget::backend::{Backend, Client};
//! use amocrm_widget::lifecycle::{Host, LeadParams, Slot, Teardown, Widget, WidgetError};
//!
//! #[derive(serde::Deserialize)]
//! struct Note {
//!     text: String,
//! }
//!
//! struct Notes {
//!     backend: Backend,
//!     lead: Option<Client>,
//! }
//!
//! impl Widget for Notes {
//!     fn new(_host: &Host) -> Result<Self, WidgetError> {
//!         Ok(Notes { backend: Backend::new("https://notes.example.com"), lead: None })
//!     }
//!
//!     fn init_lead(&mut self, params: LeadParams) -> Result<impl Teardown, WidgetError> {
//!         let client = self.backend.client(params.token())?;
//!         self.lead = Some(client.clone());
//!         // Leaving the lead aborts every call made with its token.
//!         Ok(client)
//!     }
//!
//!     fn widgets_bar_slot(&mut self, slot: Slot) -> Result<impl Teardown, WidgetError> {
//!         let calls = self.lead.as_ref().ok_or("no lead")?.scope()?;
//!         let content = slot.content().clone();
//!         calls.spawn(calls.get::<Vec<Note>>("/notes"), move |answer| {
//!             let text = match answer {
//!                 Ok(notes) => notes.into_iter().map(|n| n.text).collect::<Vec<_>>().join("\n"),
//!                 Err(error) if error.is_forbidden() => "Not your account's notes.".into(),
//!                 Err(error) => error.to_string(),
//!             };
//!             content.set_text_content(Some(&text));
//!         });
//!         // Destroying the slot aborts its calls: the closure above never runs after that.
//!         Ok(calls)
//!     }
//! }
//! # fn main() {}
//! ```

mod error;

pub use error::BackendError;

use crate::lifecycle::Teardown;
use crate::token::LeadToken;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, Headers, RequestInit, Response};

/// The longest server reason kept in [`BackendError::Status`], in characters.
pub const REASON_MAX: usize = 300;

#[wasm_bindgen]
extern "C" {
    /// The global `fetch` (a window's or a worker's).
    #[wasm_bindgen(js_name = fetch)]
    fn fetch(input: &str, init: &RequestInit) -> js_sys::Promise;
}

/// The widget's back end: where its server is. Kept by the widget from its creation; each
/// lead makes a [`Client`] with its token.
///
/// ```
/// use amocrm_widget::backend::Backend;
/// let backend = Backend::new("https://docs.example.com/");
/// assert_eq!(backend.url("/leads/42"), "https://docs.example.com/leads/42");
/// assert_eq!(backend.url("leads/42"), "https://docs.example.com/leads/42");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backend {
    base: Rc<str>,
}

impl Backend {
    /// The back end at `base_url` (a trailing `/` is ignored).
    pub fn new(base_url: &str) -> Self {
        Backend {
            base: base_url.trim_end_matches('/').into(),
        }
    }

    /// The URL of `path` on the back end.
    pub fn url(&self, path: &str) -> String {
        let path = path.strip_prefix('/').unwrap_or(path);
        crate::text::concat(&[&self.base, "/", path])
    }

    /// A client calling the back end with `token` (the lead's `initLead` token), with its own
    /// `AbortController`.
    pub fn client(&self, token: &LeadToken) -> Result<Client, BackendError> {
        Client::new(self.clone(), token.as_str().into())
    }
}

/// Calls to the back end with one lead's token, all aborted together.
///
/// Clones share the token and the abort controller. A [`Teardown`]: tearing it down aborts
/// every call made through it or its [scopes](Self::scope). Dropping a clone aborts nothing.
#[derive(Clone)]
pub struct Client {
    inner: Rc<Inner>,
}

struct Inner {
    backend: Backend,
    token: Rc<str>,
    controller: AbortController,
    /// Controllers of the scopes made from this client, aborted with it.
    scopes: RefCell<Vec<AbortController>>,
}

/// The message of what a browser call threw: the SDK's one reading of thrown values.
fn js_message(thrown: &JsValue) -> String {
    crate::error::describe_thrown(thrown).0
}

fn controller() -> Result<AbortController, BackendError> {
    AbortController::new().map_err(|e| BackendError::Network(js_message(&e)))
}

impl Client {
    fn new(backend: Backend, token: Rc<str>) -> Result<Self, BackendError> {
        Ok(Client {
            inner: Rc::new(Inner {
                backend,
                token,
                controller: controller()?,
                scopes: RefCell::new(Vec::new()),
            }),
        })
    }

    /// A client with the same token whose calls are aborted by its own teardown and by this
    /// client's: for the calls of a slot, which the host may destroy before leaving the lead.
    pub fn scope(&self) -> Result<Client, BackendError> {
        let scope = Client::new(self.inner.backend.clone(), self.inner.token.clone())?;
        if self.is_aborted() {
            scope.abort();
        } else {
            let mut scopes = self.inner.scopes.borrow_mut();
            scopes.retain(|c| !c.signal().aborted());
            scopes.push(scope.inner.controller.clone());
        }
        Ok(scope)
    }

    /// Aborts every call in flight and every later one, here and in the scopes.
    pub fn abort(&self) {
        self.inner.controller.abort();
        for scope in self.inner.scopes.take() {
            scope.abort();
        }
    }

    /// Whether the client was aborted (torn down).
    pub fn is_aborted(&self) -> bool {
        self.inner.controller.signal().aborted()
    }

    /// `GET path`, decoding the JSON answer into `T`.
    pub fn get<T: DeserializeOwned>(
        &self,
        path: &str,
    ) -> impl Future<Output = Result<T, BackendError>> + 'static {
        let call = self.call("GET", path, None);
        async move { decode(call.await?) }
    }

    /// `POST path` with `body` as JSON, decoding the JSON answer into `T`.
    pub fn post<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> impl Future<Output = Result<T, BackendError>> + 'static {
        let call = encode(body).map(|body| self.call("POST", path, Some(body)));
        async move { decode(call?.await?) }
    }

    /// Runs `call` (a call of this client) and hands its result to `then`, unless the client
    /// is aborted by then: a torn-down lead or slot never hears from it.
    pub fn spawn<T: 'static>(
        &self,
        call: impl Future<Output = T> + 'static,
        then: impl FnOnce(T) + 'static,
    ) {
        let signal = self.inner.controller.signal();
        wasm_bindgen_futures::spawn_local(async move {
            let value = call.await;
            if !signal.aborted() {
                then(value);
            }
        });
    }

    fn call(
        &self,
        method: &'static str,
        path: &str,
        body: Option<JsValue>,
    ) -> impl Future<Output = Result<JsValue, BackendError>> + 'static {
        let url = self.inner.backend.url(path);
        let bearer = crate::text::concat(&["Bearer ", &self.inner.token]);
        let signal = self.inner.controller.signal();
        async move {
            if signal.aborted() {
                return Err(BackendError::Aborted);
            }
            let init = request(method, &bearer, body.as_ref(), &signal)?;
            let answer = JsFuture::from(fetch(&url, &init)).await;
            let response: Response = answer
                .map_err(|e| aborted_or(&signal, BackendError::Network(js_message(&e))))?
                .unchecked_into();
            if !response.ok() {
                let reason = text(&response).await;
                if signal.aborted() {
                    return Err(BackendError::Aborted);
                }
                return Err(BackendError::Status {
                    status: response.status(),
                    reason,
                });
            }
            let json = response
                .json()
                .map_err(|e| BackendError::Decode(js_message(&e)))?;
            let value = JsFuture::from(json)
                .await
                .map_err(|e| aborted_or(&signal, BackendError::Decode(js_message(&e))))?;
            // An answer read after the abort is not delivered.
            if signal.aborted() {
                return Err(BackendError::Aborted);
            }
            Ok(value)
        }
    }
}

impl Teardown for Client {
    fn teardown(self: Box<Self>) {
        self.abort()
    }
}

fn aborted_or(signal: &AbortSignal, error: BackendError) -> BackendError {
    if signal.aborted() {
        BackendError::Aborted
    } else {
        error
    }
}

fn request(
    method: &str,
    bearer: &str,
    body: Option<&JsValue>,
    signal: &AbortSignal,
) -> Result<RequestInit, BackendError> {
    let headers = Headers::new().map_err(|e| BackendError::Network(js_message(&e)))?;
    let set = |name: &str, value: &str| {
        headers
            .set(name, value)
            .map_err(|e| BackendError::Network(js_message(&e)))
    };
    set("Authorization", bearer)?;
    set("Accept", "application/json")?;
    let init = RequestInit::new();
    init.set_method(method);
    if let Some(body) = body {
        set("Content-Type", "application/json")?;
        init.set_body(body);
    }
    init.set_headers(&headers);
    init.set_signal(Some(signal));
    Ok(init)
}

/// The body of a refused call, cut to [`REASON_MAX`] characters (empty if it cannot be read).
async fn text(response: &Response) -> String {
    let Ok(promise) = response.text() else {
        return String::new();
    };
    let text = JsFuture::from(promise)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .unwrap_or_default();
    match text.char_indices().nth(REASON_MAX) {
        Some((end, _)) => text[..end].into(),
        None => text,
    }
}

fn encode<B: Serialize + ?Sized>(body: &B) -> Result<JsValue, BackendError> {
    let value = body
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| BackendError::Decode(e.to_string()))?;
    js_sys::JSON::stringify(&value)
        .map(JsValue::from)
        .map_err(|e| BackendError::Decode(js_message(&e)))
}

fn decode<T: DeserializeOwned>(value: JsValue) -> Result<T, BackendError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| BackendError::Decode(e.to_string()))
}
