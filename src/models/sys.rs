//! `SysModel`: the account's settings.

use super::lenient;
use crate::constants::{DateFormat, Lang, TimeFormat};
use serde::Deserialize;

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
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Sys {
    /// `currencySymbol`.
    pub currency_symbol: Option<String>,
    /// `dateFormat`.
    pub date_format: DateFormat,
    /// `timeFormat`.
    pub time_format: TimeFormat,
    /// `lang`.
    pub lang: Lang,
    /// `isRemovalAvailable` (`false` when absent).
    #[serde(default, deserialize_with = "lenient::flag")]
    pub is_removal_available: bool,
    /// `logoUrl`.
    pub logo_url: Option<String>,
    /// `pageTitle`.
    pub page_title: Option<String>,
}

super::model!(Sys, Sys);
