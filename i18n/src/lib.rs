//! Compile-time checked translations for amoCRM widgets: the macros behind
//! `amocrm_widget::i18n` (enable the SDK's `i18n` feature and use them from there; the SDK's
//! documentation of that module is the guide).
//!
//! `locales!()` reads the widget folder's `i18n/<locale>.json` files and generates the
//! `Locale` type and a `t!` macro bound to those files; `t!(locale, "card.contacts")` checks,
//! while the crate compiles, that every locale file has the key, that the placeholders and the
//! arguments match and that each plural form a language needs is there, and expands to the
//! texts of that one key: only the strings a widget uses reach its wasm.
#![deny(missing_docs)]

mod catalog;
mod expand;
mod plural;

use proc_macro::TokenStream;

/// Generates `Locale` (the languages the widget ships) and the `t!` macro from the widget
/// folder's `i18n/*.json`. Options: `strict` (a key some locale lacks is a compile error even
/// when no code uses it), `dir = "path"` (the directory of the JSON files, relative to the
/// crate, instead of `<widget-dir>/i18n`).
///
/// See `amocrm_widget::i18n` for the guide and examples.
#[proc_macro]
pub fn locales(input: TokenStream) -> TokenStream {
    expand::locales(input.into()).into()
}

/// The expansion of the `t!` that `locales!` generates. Not for direct use.
#[doc(hidden)]
#[proc_macro]
pub fn __translate(input: TokenStream) -> TokenStream {
    expand::translate(input.into()).into()
}
