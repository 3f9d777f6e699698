//! The JWTs an amoCRM (Kommo) widget is handed, in plain Rust: the `initLead` token and the
//! mobile card's disposable token.
//!
//! Both are HS256 JWTs signed with the integration's `client_secret`, with the same
//! [`Claims`]. This crate has no browser bindings: the SDK (`amocrm_widget::token`) reads
//! tokens in a widget with the browser's own decoders and produces these [`Claims`]; a back
//! end, the CLI and tests use this crate directly.
//!
//! - Reading without verifying: [`unverified`], [`unverified_claims`] (native).
//! - Verifying (feature `server`, never on wasm32): `Verifier`, with a replay guard
//!   (`InMemoryReplayGuard`; `RedisReplayGuard` with feature `redis`).
//! - For axum back ends (feature `axum`): the `axum::InitLead` and `axum::Disposable`
//!   extractors (one replay policy each), the account boundary and a CORS layer.
//! - The UTC calendar used to show `iat`/`exp`: [`civil`].
#![deny(missing_docs)]
// docs.rs (nightly) marks each feature- or target-gated item with what it needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

// The README's examples are compiled and run as doctests, so crates.io never shows stale code.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

#[cfg(all(feature = "server", target_arch = "wasm32"))]
compile_error!(
    "the `server` feature verifies tokens with the integration's secret and must never be \
     compiled to wasm32: the secret would ship to every browser. Enable it only in native \
     back-end crates."
);

pub mod civil;
mod claims;
mod error;
mod read;
mod value;

#[cfg(all(feature = "server", not(target_arch = "wasm32")))]
mod replay;
#[cfg(all(feature = "server", not(target_arch = "wasm32")))]
mod verify;

#[cfg(all(feature = "axum", not(target_arch = "wasm32")))]
pub mod axum;
#[cfg(all(feature = "redis", not(target_arch = "wasm32")))]
mod redis_guard;

pub use claims::{Audience, Claims, EntityData};
pub use error::{Segment, TokenError};
pub use read::{is_base64url, split, Segments, Unverified, MAX_TOKEN_LEN};
#[cfg(not(target_arch = "wasm32"))]
pub use read::{unverified, unverified_claims};
pub use value::{ClaimValue, JsonNumber};

#[cfg(all(feature = "redis", not(target_arch = "wasm32")))]
pub use redis_guard::RedisReplayGuard;
#[cfg(all(feature = "server", not(target_arch = "wasm32")))]
pub use replay::{GuardFuture, InMemoryReplayGuard, ReplayGuard};
#[cfg(all(feature = "server", not(target_arch = "wasm32")))]
pub use verify::Verifier;
