//! `SysModel`: the account's settings.

use super::{flag, object, optional_string, string, FromRaw, RawValue};
use crate::constants::{DateFormat, Lang, TimeFormat};

/// `sys` (`SysModel`), owned.
///
/// ```
/// use amocrm_widget::constants::{Lang, TimeFormat};
/// use amocrm_widget::models::Sys;
/// let sys: Sys = serde_json::from_str(r#"{
///     "currencySymbol": "₽", "dateFormat": "dd.mm.yyyy", "timeFormat": "HH:MM",
///     "lang": "ru", "isRemovalAvailable": false, "logoUrl": "", "pageTitle": "Кабинет"
/// }"#).unwrap();
/// assert_eq!(sys.time_format, TimeFormat::TwentyFour);
/// assert_eq!(sys.lang, Lang::Ru);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Sys {
    /// `currencySymbol` (empty when absent).
    pub currency_symbol: String,
    /// `dateFormat`.
    pub date_format: DateFormat,
    /// `timeFormat`.
    pub time_format: TimeFormat,
    /// `lang`.
    pub lang: Lang,
    /// `isRemovalAvailable` (`false` when absent).
    pub is_removal_available: bool,
    /// `logoUrl`.
    pub logo_url: Option<String>,
    /// `pageTitle`.
    pub page_title: Option<String>,
}

impl FromRaw for Sys {
    fn from_raw(v: &RawValue, path: &str) -> Result<Self, String> {
        object(v, path)?;
        Ok(Sys {
            currency_symbol: optional_string(v, "currencySymbol", path)?.unwrap_or_default(),
            date_format: string(v, "dateFormat", path)?.into(),
            time_format: string(v, "timeFormat", path)?.into(),
            lang: string(v, "lang", path)?.into(),
            is_removal_available: flag(v, "isRemovalAvailable", path)?,
            logo_url: optional_string(v, "logoUrl", path)?,
            page_title: optional_string(v, "pageTitle", path)?,
        })
    }
}

super::model!(Sys, Sys, "sys");
