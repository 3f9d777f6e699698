//! `i18n::locales!` and its `t!` against the catalog in `tests/i18n/catalog` (en, pt, ru).
#![cfg(feature = "i18n")]

use amocrm_widget::constants::Lang;
use amocrm_widget::i18n::{Form, Rule};

amocrm_widget::i18n::locales!(dir = "tests/i18n/catalog");

fn locale(code: &str) -> Locale {
    Locale::from_code(code).unwrap()
}

#[test]
fn locales_are_the_files_in_code_order() {
    let codes: Vec<&str> = Locale::ALL.iter().map(|l| l.code()).collect();
    assert_eq!(codes, ["en", "pt", "ru"]);
    assert_eq!(Locale::from_code("de"), None);
}

#[test]
fn an_unshipped_language_falls_back_to_english_without_a_manifest() {
    assert_eq!(Locale::DEFAULT.code(), "en");
    assert_eq!(Locale::for_lang(&Lang::Es), Locale::DEFAULT);
    assert_eq!(Locale::for_lang(&Lang::Ru).code(), "ru");
    assert_eq!(Locale::for_lang(&Lang::from("pt")).code(), "pt");
}

#[test]
fn a_plain_text_is_a_static_str_per_locale() {
    let title: &'static str = t!(locale("ru"), "card.title");
    assert_eq!(title, "Сделка");
    assert_eq!(t!(locale("en"), "card.title"), "Lead");
    assert_eq!(t!(Locale::DEFAULT, "widget.name"), "Test widget");
}

#[test]
fn placeholders_take_the_named_arguments_and_braces_escape() {
    let id = 4211_u64;
    assert_eq!(t!(locale("pt"), "card.lead", id = id), "Negócio nº 4211");
    assert_eq!(t!(locale("ru"), "card.lead", id = "A-1"), "Сделка №A-1");
    assert_eq!(t!(locale("en"), "card.braces", id = 7), "{literal} 7");
}

#[test]
fn plurals_follow_each_languages_rule() {
    let ru = |n: u32| t!(locale("ru"), "card.fields", count = n);
    assert_eq!(ru(1), "1 поле");
    assert_eq!(ru(3), "3 поля");
    assert_eq!(ru(5), "5 полей");
    assert_eq!(ru(11), "11 полей");
    assert_eq!(ru(22), "22 поля");
    assert_eq!(ru(101), "101 поле");
    let en = |n: usize| t!(locale("en"), "card.fields", count = n);
    assert_eq!(en(1), "1 field");
    assert_eq!(en(0), "0 fields");
    // Portuguese: 0 takes the singular.
    assert_eq!(t!(locale("pt"), "card.fields", count = 0), "0 campo");
}

#[test]
fn an_explicit_zero_and_arguments_some_forms_leave_out() {
    let files = |l: &str, n: i64| t!(locale(l), "card.files", count = n, place = "CRM");
    assert_eq!(files("en", 0), "No files");
    assert_eq!(files("en", 1), "One file");
    assert_eq!(files("en", 2), "2 files in CRM");
    assert_eq!(files("pt", 1), "1 arquivo");
    assert_eq!(files("ru", -2), "-2 файла в CRM");
}

#[test]
fn the_rules_the_macro_checks_are_the_rules_that_run() {
    // The macro requires `Rule::forms()` of each locale's rule; the catalog's ru plural gives
    // exactly those.
    assert_eq!(Rule::EastSlavic.forms(), [Form::One, Form::Few, Form::Many]);
    assert_eq!(Rule::ZeroAndOne.forms(), [Form::One, Form::Other]);
}
