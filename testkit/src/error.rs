//! What can go wrong in the kit itself (not in the widget under test).

use wasm_bindgen::JsValue;

/// Why the kit could not do what a test asked.
///
/// Tests may return `Result<(), KitError>`: wasm-bindgen-test reports the error's message.
///
/// ```no_run
/// use amocrm_widget_testkit::{Cabinet, KitError};
///
/// async fn a_test() -> Result<(), KitError> {
///     let cabinet = Cabinet::new().await?;
///     cabinet.set_state("nonsense", serde_json::json!({}))?; // Err(KitError::Host(..))
///     Ok(())
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KitError {
    /// requirejs, the host emulation or a host module could not be loaded.
    #[error("the test cabinet could not be set up: {0}")]
    Setup(String),
    /// The shim could not be filled (the kit and `amocrm-widget-shim` disagree).
    #[error("personal_page.js could not be made: {0}")]
    Shim(#[from] amocrm_widget_shim::FillError),
    /// requirejs could not load the widget's `personal_page.js`.
    #[error("{0}")]
    Load(String),
    /// The host emulation refused a call (an unknown entity, a lead it cannot open, ...).
    #[error("the host refused: {0}")]
    Host(String),
    /// A value that is not JSON where JSON was needed.
    #[error("not JSON: {0}")]
    Json(String),
    /// No fixture lead has this id.
    #[error("no fixture lead {id:?} (fixture leads: {known})")]
    UnknownLead {
        /// The id asked for.
        id: String,
        /// The fixture ids, comma-separated.
        known: String,
    },
    /// Another widget is still mounted in this test binary: the SDK keeps one widget per
    /// WebAssembly instance, so destroy (or drop) the previous [`Mounted`](crate::Mounted) first.
    #[error("another widget is still mounted in this test binary: destroy or drop it first")]
    AlreadyMounted,
    /// The widget was destroyed; mount it again.
    #[error("the widget was destroyed")]
    Destroyed,
    /// An earlier widget panicked (or a host function threw through its Rust code): the trap
    /// left this test binary's one WebAssembly instance in a state nothing can be trusted in
    /// (half-changed `RefCell`s, the SDK's runtime included). Put tests that make a widget
    /// panic in a `tests/*.rs` file of their own; each file is its own instance.
    #[error(
        "an earlier widget in this test binary crashed ({0}); its trap left the shared \
         WebAssembly instance unusable: put tests where a widget panics in their own tests/*.rs file"
    )]
    Poisoned(String),
}

impl From<KitError> for JsValue {
    fn from(error: KitError) -> JsValue {
        js_sys::Error::new(&error.to_string()).into()
    }
}

pub(crate) fn js_message(value: &JsValue) -> String {
    crate::js::describe(value)
}
