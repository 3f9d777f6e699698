//! The guide: from `amo-widget new` to an uploaded `widget.zip`.
//!
//! Documentation only, one chapter per module, in the order an author meets the topics. Every
//! Rust example in it compiles as a doc test.
//!
//! 1. [`start`]: install, create, serve, test, build, upload.
//! 2. [`lifecycle`]: the `Widget` trait, what runs when, and the teardown rules.
//! 3. [`state`]: reading the host's entities (views and models) and subscribing to them.
//! 4. [`formatting`]: dates, times and money the way the cabinet shows them.
//! 5. [`i18n`]: the widget's own words from its `i18n/*.json`, checked at compile time.
//! 6. [`tokens`]: reading the `initLead` token in the widget, verifying it in a back end.
//! 7. [`backend`]: calling your own server with the lead's token; the server's token policies,
//!    CORS, the account boundary, deployment behind a proxy.
//! 8. [`testing`]: browser tests with the test kit and `amo-widget test`.
//! 9. [`troubleshooting`]: the errors authors meet first, and what to do.
//! 10. Leptos and Yew: a framework's view in the slot, unmounted by the slot's teardown, with the
//!     host's state as signals, in the companion crate `amocrm-widget-leptos` (`leptos/` in the
//!     repository; its module `guide` is the chapter, with what to do for Yew).
//!
//! What the SDK gives over writing the widget in plain JavaScript is tabled in the repository's
//! README.

#[doc = include_str!("guide/start.md")]
pub mod start {}

#[doc = include_str!("guide/lifecycle.md")]
pub mod lifecycle {}

#[doc = include_str!("guide/state.md")]
pub mod state {}

#[doc = include_str!("guide/formatting.md")]
pub mod formatting {}

#[cfg(feature = "i18n")]
#[doc = include_str!("guide/i18n.md")]
pub mod i18n {}

#[doc = include_str!("guide/tokens.md")]
pub mod tokens {}

#[doc = include_str!("guide/backend.md")]
pub mod backend {}

#[doc = include_str!("guide/testing.md")]
pub mod testing {}

#[doc = include_str!("guide/troubleshooting.md")]
pub mod troubleshooting {}
