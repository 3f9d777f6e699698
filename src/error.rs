//! The crate's one error type.

use wasm_bindgen::{JsCast, JsValue};

/// Everything that can go wrong between a widget and its host.
///
/// ```
/// use amocrm_widget::Error;
/// let e = Error::Decode { entity: "sys", message: "missing field `lang`".into() };
/// assert_eq!(e.to_string(), "the host's `sys` could not be decoded: missing field `lang`");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A host function threw. `name` is the thrown `Error`'s name (`"TypeError"`…), or `None`
    /// when the host threw something that is not an `Error` (a string, a number…).
    #[error("the host threw in `{call}`: {message}")]
    Host {
        /// What was called, e.g. `methods.getState`.
        call: &'static str,
        /// The thrown error's message, or the thrown value itself when it is not an `Error`.
        message: String,
        /// The thrown `Error`'s `name`, `None` for a thrown non-`Error`.
        name: Option<String>,
    },
    /// The host returned something of the wrong kind (not a function, not an object…).
    #[error("the host's `{what}` is not {expected}")]
    Shape {
        /// What was read, e.g. `methods` or `subscribe(..) result`.
        what: &'static str,
        /// What the contract promises, e.g. `a function`.
        expected: &'static str,
    },
    /// An entity or value did not match its documented model.
    #[error("the host's `{entity}` could not be decoded: {message}")]
    Decode {
        /// The entity or value being decoded (`sys`, `lead`, `routerQuery`…).
        entity: &'static str,
        /// What did not match.
        message: String,
    },
    /// A date that is not a valid time (`NaN`, out of the ECMAScript range).
    #[error("invalid date")]
    InvalidDate,
    /// A host module could not be loaded through requirejs or `import-modules`.
    #[error("module `{module}` could not be loaded: {message}")]
    Module {
        /// The module name.
        module: String,
        /// Why.
        message: String,
    },
    /// A widget token could not be read.
    #[error(transparent)]
    Token(#[from] crate::token::TokenError),
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = core::result::Result<T, E>;

impl Error {
    /// Turns a value the host threw into [`Error::Host`]; handles thrown non-`Error` values.
    pub(crate) fn thrown(call: &'static str, thrown: JsValue) -> Self {
        let (message, name) = describe_thrown(&thrown);
        Error::Host {
            call,
            message,
            name,
        }
    }

    pub(crate) fn decode(entity: &'static str, message: impl Into<String>) -> Self {
        Error::Decode {
            entity,
            message: message.into(),
        }
    }
}

/// A thrown value's message and, for `Error`s, its name; never throws itself.
pub(crate) fn describe_thrown(thrown: &JsValue) -> (String, Option<String>) {
    if let Some(text) = thrown.as_string() {
        return (text, None);
    }
    if let Some(error) = thrown.dyn_ref::<js_sys::Error>() {
        return (
            error.message().as_string().unwrap_or_default(),
            error.name().as_string(),
        );
    }
    (show(thrown), None)
}

/// `String(value)`, or a placeholder when even that throws.
fn show(value: &JsValue) -> String {
    const UNSHOWABLE: &str = "a thrown value that cannot be shown";
    #[cfg(target_arch = "wasm32")]
    {
        crate::ffi::js_string(value).unwrap_or_else(|_| UNSHOWABLE.into())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = value;
        UNSHOWABLE.into()
    }
}
