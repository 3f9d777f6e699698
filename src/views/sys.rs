//! The view of `sys`.

use super::{flag, optional_string, read, string};
use crate::constants::{DateFormat, Lang, TimeFormat};
use crate::ffi;
use crate::Result;

/// A view of `sys` (`SysModel`): the account's settings.
///
/// ```no_run
/// use amocrm_widget::views::SysView;
/// # fn f(sdk: amocrm_widget::WidgetSdk) -> amocrm_widget::Result<()> {
/// if let Some(sys) = sdk.state::<SysView>()? {
///     let mask = sys.time_format()?; // a mask for the host's `dateformat`
///     let lang = sys.lang()?;
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct SysView {
    raw: ffi::SysObject,
}
super::view_entity!(SysView, ffi::SysObject, Sys);

impl SysView {
    /// `currencySymbol`.
    pub fn currency_symbol(&self) -> Result<Option<String>> {
        let v = read("sys.currencySymbol", self.raw.currency_symbol())?;
        optional_string("sys", "currencySymbol", v)
    }

    /// `dateFormat`: the account's date format.
    pub fn date_format(&self) -> Result<DateFormat> {
        let v = read("sys.dateFormat", self.raw.date_format())?;
        string("sys", "dateFormat", v).map(DateFormat::from)
    }

    /// `timeFormat`: the account's time format.
    pub fn time_format(&self) -> Result<TimeFormat> {
        let v = read("sys.timeFormat", self.raw.time_format())?;
        string("sys", "timeFormat", v).map(TimeFormat::from)
    }

    /// `lang`: the interface language.
    pub fn lang(&self) -> Result<Lang> {
        let v = read("sys.lang", self.raw.lang())?;
        string("sys", "lang", v).map(Lang::from)
    }

    /// `isRemovalAvailable` (`false` when absent).
    pub fn is_removal_available(&self) -> Result<bool> {
        let v = read("sys.isRemovalAvailable", self.raw.is_removal_available())?;
        flag("sys", "isRemovalAvailable", v)
    }

    /// `logoUrl`.
    pub fn logo_url(&self) -> Result<Option<String>> {
        let v = read("sys.logoUrl", self.raw.logo_url())?;
        optional_string("sys", "logoUrl", v)
    }

    /// `pageTitle`.
    pub fn page_title(&self) -> Result<Option<String>> {
        let v = read("sys.pageTitle", self.raw.page_title())?;
        optional_string("sys", "pageTitle", v)
    }
}
