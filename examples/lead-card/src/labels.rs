//! The few words the card shows itself, in the cabinet's languages (`sys.lang`): the `card`
//! texts of `widget/i18n/<locale>.json` (en, ru, es, pt), checked while the crate compiles.

use amocrm_widget::constants::Lang;

amocrm_widget::i18n::locales!(strict);

/// The card's own words in one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Labels {
    /// A checked checkbox.
    pub yes: &'static str,
    /// An unchecked checkbox.
    pub no: &'static str,
    /// A field without a value.
    pub empty: &'static str,
    /// Before a legal entity's tax number.
    pub vat: &'static str,
    /// Before a legal entity's KPP.
    pub kpp: &'static str,
    /// The card's title, before the lead's id.
    pub lead: &'static str,
    /// The contacts' heading.
    pub contacts: &'static str,
    /// The company's heading.
    pub company: &'static str,
    /// The heading of the fields the host sent that no `fieldIds` list names.
    pub other: &'static str,
    /// Shown while the lead is not loaded.
    pub loading: &'static str,
}

impl Labels {
    /// The words for `lang`; for a language the card does not ship, the manifest's first
    /// locale (English).
    pub fn for_lang(lang: &Lang) -> Labels {
        Labels::of(Locale::for_lang(lang))
    }

    /// The words of one of the card's locales.
    pub fn of(locale: Locale) -> Labels {
        Labels {
            yes: t!(locale, "card.yes"),
            no: t!(locale, "card.no"),
            empty: t!(locale, "card.empty"),
            vat: t!(locale, "card.vat"),
            kpp: t!(locale, "card.kpp"),
            lead: t!(locale, "card.lead"),
            contacts: t!(locale, "card.contacts"),
            company: t!(locale, "card.company"),
            other: t!(locale, "card.other"),
            loading: t!(locale, "card.loading"),
        }
    }
}
