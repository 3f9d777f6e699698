//! `i18n::locales!` on a widget folder: the manifest beside `i18n/` names the default locale.
#![cfg(feature = "i18n")]

use amocrm_widget::constants::Lang;

amocrm_widget::i18n::locales!(dir = "tests/i18n/widget/i18n");

#[test]
fn the_manifests_first_shipped_locale_is_the_fallback() {
    // `de` is listed first but has no file; `ru` is the first that has one.
    assert_eq!(Locale::DEFAULT.code(), "ru");
    assert_eq!(t!(Locale::for_lang(&Lang::Es), "greeting"), "Привет");
    assert_eq!(t!(Locale::for_lang(&Lang::En), "greeting"), "Hello");
}
