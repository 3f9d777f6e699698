//! A client-cabinet widget that lists, for the open lead, the documents its own back end
//! (`server/`, the crate `lead-documents-server`) keeps.
//!
//! Each lead gets a [`Client`](amocrm_widget::backend::Client) carrying its `initLead` token;
//! the slot asks `GET /leads/{lead}/documents` through a scope of it, so destroying the slot
//! or leaving the lead aborts the call and a late answer never reaches the page. A refusal is
//! shown in words: 401 (the token expired or was refused), 403 (another account's lead), no
//! answer (the server is down, or CORS refused the page's origin).
//!
//! Where the server is: `LEAD_DOCUMENTS_API` at build time if set, else the token's `aud`
//! claim (the base URL of the integration's `redirect_uri`, where its server usually is).
//!
//! - [`messages`]: what the widget says for each failure (tested natively);
//! - `render` (in the browser): the list or the message, as text.

pub mod messages;

#[cfg(target_arch = "wasm32")]
mod render;

#[cfg(target_arch = "wasm32")]
pub use widget::LeadDocuments;

/// One document, as the server sends it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct Document {
    /// Its id.
    pub id: u64,
    /// Its title.
    pub title: String,
    /// Its kind (contract, invoice…), if the server knows it.
    #[serde(default)]
    pub kind: Option<String>,
}

#[cfg(target_arch = "wasm32")]
mod widget {
    use crate::Document;
    use amocrm_widget::backend::{Backend, Client};
    use amocrm_widget::lifecycle::{Host, LeadParams, Slot, Teardown, Widget, WidgetError};
    use amocrm_widget::WidgetSdk;

    const CANNOT_DRAW: &str = "cannot draw into the slot";

    /// The widget: the SDK, and the open lead's client.
    pub struct LeadDocuments {
        sdk: WidgetSdk,
        lead: Option<Client>,
    }

    /// Where the back end is: the build's `LEAD_DOCUMENTS_API`, else the token's `aud`.
    fn backend(params: &LeadParams) -> Result<Backend, WidgetError> {
        if let Some(url) = option_env!("LEAD_DOCUMENTS_API") {
            return Ok(Backend::new(url));
        }
        let claims = params.token().unverified_claims()?;
        let aud = claims
            .audiences()
            .first()
            .ok_or("the token names no `aud`: build with LEAD_DOCUMENTS_API set")?;
        Ok(Backend::new(aud))
    }

    impl Widget for LeadDocuments {
        fn new(host: &Host) -> Result<Self, WidgetError> {
            Ok(LeadDocuments {
                sdk: host.sdk()?,
                lead: None,
            })
        }

        fn init_lead(&mut self, params: LeadParams) -> Result<impl Teardown, WidgetError> {
            self.lead = None;
            let client = backend(&params)?.client(params.token())?;
            self.lead = Some(client.clone());
            // Leaving the lead aborts whatever its token is still fetching.
            Ok(client)
        }

        fn widgets_bar_slot(&mut self, slot: Slot) -> Result<impl Teardown, WidgetError> {
            let content = slot.content().clone();
            let lead_id = self.sdk.router_query().ok().and_then(|q| q.lead_id);
            let (Some(lead), Some(lead_id)) = (self.lead.as_ref(), lead_id) else {
                crate::render::message(&content, "other", "No lead is open.")
                    .map_err(|_| CANNOT_DRAW)?;
                return Ok((None, crate::render::Drawn(content)));
            };
            let calls = lead.scope()?;
            crate::render::loading(&content).map_err(|_| CANNOT_DRAW)?;
            let path = amocrm_widget::text!("/leads/", lead_id, "/documents");
            let target = content.clone();
            calls.spawn(calls.get::<Vec<Document>>(&path), move |answer| {
                if let Err(error) = crate::render::answer(&target, answer) {
                    web_sys::console::error_2(&"lead-documents: cannot draw:".into(), &error);
                }
            });
            // The slot's calls are aborted first, then what was drawn is removed.
            Ok((Some(calls), crate::render::Drawn(content)))
        }
    }

    amocrm_widget::export_widget!(LeadDocuments);
}
