//! The back-end client in the browser, without a server: a refused connection is a network
//! error, an aborted client (or its teardown) aborts its scopes and every later call, and a call
//! handed to `spawn` never reaches its continuation once aborted. Against a real server:
//! tests/e2e/lead-documents.test.mjs.
#![cfg(target_arch = "wasm32")]

use amocrm_widget::backend::{Backend, BackendError, Client};
use amocrm_widget::lifecycle::Teardown;
use amocrm_widget::token::LeadToken;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(callback: &js_sys::Function, ms: i32);
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| set_timeout(&resolve, ms));
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Port 9 (discard): nothing listens on the test machine's loopback, so the connection is refused.
fn client() -> Client {
    Backend::new("http://127.0.0.1:9")
        .client(&LeadToken::new("a.b.c"))
        .unwrap()
}

#[wasm_bindgen_test]
async fn a_server_that_is_not_there_is_a_network_error() {
    let answer = client().get::<Vec<u32>>("/documents").await;
    assert!(
        matches!(answer, Err(BackendError::Network(_))),
        "{answer:?}"
    );
}

#[wasm_bindgen_test]
async fn the_teardown_aborts_the_client_its_scopes_and_later_calls() {
    let lead = client();
    let slot = lead.scope().unwrap();
    let in_flight = slot.get::<u32>("/slow");
    Box::new(lead.clone()).teardown();
    assert!(lead.is_aborted() && slot.is_aborted());
    assert_eq!(in_flight.await, Err(BackendError::Aborted));
    assert_eq!(lead.get::<u32>("/later").await, Err(BackendError::Aborted));
    assert!(
        lead.scope().unwrap().is_aborted(),
        "a scope of an aborted client"
    );
    // A scope's own teardown leaves its client going.
    let lead = client();
    let slot = lead.scope().unwrap();
    Box::new(slot).teardown();
    assert!(!lead.is_aborted());
}

#[wasm_bindgen_test]
async fn spawn_never_hands_an_aborted_call_to_its_continuation() {
    let heard = Rc::new(Cell::new(0));
    let aborted = client();
    let h = heard.clone();
    aborted.spawn(aborted.get::<u32>("/x"), move |_| h.set(h.get() + 1));
    aborted.abort();
    let going = client();
    let h = heard.clone();
    going.spawn(going.get::<u32>("/x"), move |answer| {
        assert!(
            matches!(answer, Err(BackendError::Network(_))),
            "{answer:?}"
        );
        h.set(h.get() + 10);
    });
    for _ in 0..50 {
        if heard.get() >= 10 {
            break;
        }
        sleep(20).await;
    }
    sleep(50).await;
    assert_eq!(heard.get(), 10, "only the client still going heard back");
}
