//! The vendor's client-cabinet example widget (`personal_page.js` in the amoCRM developer docs),
//! written in Rust. Its console output is the same as the JavaScript original's:
//!
//! ```text
//! WIDGET: initLead with token:  <token>
//! WIDGET registerWidgetsBarSlot inited at <now in the account's timeFormat>
//! WIDGET: registerWidgetsBarSlot destroyed
//! WIDGET: initLead destroyed
//! ```

use amocrm_widget::constants::TimeFormat;
use amocrm_widget::date::HostDateFormat;
use amocrm_widget::lifecycle::{Host, LeadParams, Slot, Teardown, Widget, WidgetError};
use amocrm_widget::modules::Dateformat;
use amocrm_widget::views::SysView;
use amocrm_widget::WidgetSdk;
use web_sys::console;

/// The widget: it keeps the SDK instance it made when the host imported it, and the host's
/// `dateformat`, which the original formats the time with (the bundler sees it asked for).
pub struct Hello {
    sdk: WidgetSdk,
    date_format: HostDateFormat,
}

impl Widget for Hello {
    fn new(host: &Host) -> Result<Self, WidgetError> {
        // A message of its own rather than `?` on the SDK's error, whose Display would bring the
        // text of every SDK error into this small widget.
        let date_format = HostDateFormat::from_module(host.module::<Dateformat>()?)
            .map_err(|_| "the host's `dateformat` module is not a function")?;
        Ok(Hello {
            sdk: host.sdk()?,
            date_format,
        })
    }

    fn init_lead(&mut self, params: LeadParams) -> Result<impl Teardown, WidgetError> {
        // Two arguments, like the original `console.warn('…: ', params.token)`.
        console::warn_2(
            &"WIDGET: initLead with token: ".into(),
            &params.token().as_str().into(),
        );
        Ok(|| console::warn_1(&"WIDGET: initLead destroyed".into()))
    }

    fn widgets_bar_slot(&mut self, slot: Slot) -> Result<impl Teardown, WidgetError> {
        // The original reads `sysData.timeFormat` unguarded; a missing or odd sys state falls
        // back to the 24-hour format instead of throwing.
        let time_format = match self.sdk.state::<SysView>() {
            Ok(Some(sys)) => sys.time_format().unwrap_or(TimeFormat::TwentyFour),
            _ => TimeFormat::TwentyFour,
        };
        slot.content().set_text_content(Some("Hello world!"));
        // `dateFormat(Date.now(), sysData.timeFormat)`, as in the original.
        let now = self
            .date_format
            .format_now(time_format.as_str())
            .unwrap_or_default();
        let mut line = String::from("WIDGET registerWidgetsBarSlot inited at ");
        line.push_str(&now);
        console::warn_1(&line.into());
        Ok(|| console::warn_1(&"WIDGET: registerWidgetsBarSlot destroyed".into()))
    }
}

amocrm_widget::export_widget!(Hello);
