//! The widget's own words in the cabinet's languages, checked while the crate compiles
//! (feature `i18n`).
//!
//! A widget keeps its texts where the marketplace expects them, beside its manifest:
//! `widget/i18n/<locale>.json`, the same files that hold the manifest's `widget.name`. Its own
//! keys sit next to those, grouped as it likes:
//!
//! ```json
//! { "widget": { "name": "Lead card" },
//!   "card": { "title": "Lead #{id}",
//!             "fields": { "one": "{count} field", "other": "{count} fields" } } }
//! ```
//!
//! [`locales!()`](locales) reads those files and generates, where it is called (once, at the
//! top of `lib.rs`):
//! - `Locale`: the languages the widget ships, with `Locale::for_lang(&sys.lang()?)`, which
//!   falls back to the manifest's default locale (the first of `widget.locale` that has a
//!   file), then English;
//! - `t!(locale, "key", name = value…)`: the key's text in that locale.
//!
//! `t!` is checked against every locale file when the crate compiles:
//! - a key missing from any locale file is a compile error naming the file and the key (with
//!   the nearest existing key when it looks like a typo);
//! - every `{placeholder}` of every translation needs an argument of that name, and every
//!   argument must be used by some translation;
//! - plural texts (an object of CLDR categories: `one`, `few`, `many`, `other`, and `zero` for
//!   an explicit 0) need each form the language's rule uses for whole numbers ([`Rule`]:
//!   Russian needs `one`, `few` and `many`; English `one` and `other`), and take the number
//!   as `count = …`.
//!
//! A text without arguments is a `&'static str`; one with arguments or plural forms is a
//! `String`, joined without `core::fmt` (see [`text!`](crate::text!)). Only the keys a widget
//! uses reach its wasm: each `t!` carries its own key's texts.
//!
//! A key that some locale lacks but no code uses is not an error: `amo-widget check` reports
//! it (`--strict` fails on it), and `locales!(strict)` makes it a compile error too.
//! `locales!(dir = "path")` reads another directory (relative to the crate) instead of the
//! widget folder's `i18n/` (`[package.metadata.amo-widget] widget-dir` is respected).
//!
//! ```
//! # // A widget writes `locales!()`; the SDK's own test catalog stands in for a widget folder.
//! amocrm_widget::i18n::locales!(dir = "tests/i18n/catalog");
//!
//! fn summary(locale: Locale, id: u64, fields: usize) -> String {
//!     let title: &str = t!(locale, "card.title");
//!     let lead = t!(locale, "card.lead", id = id);
//!     let count = t!(locale, "card.fields", count = fields);
//!     amocrm_widget::text!(title, ": ", lead, ", ", count)
//! }
//!
//! fn main() {
//!     let ru = Locale::for_lang(&amocrm_widget::constants::Lang::Ru);
//!     assert_eq!(summary(ru, 7, 22), "Сделка: Сделка №7, 22 поля");
//! }
//! ```
//!
//! The language follows `sys.lang` live when the widget renders from a `sys` subscription
//! (`WidgetSdk::subscribe` with `SysView`): the cabinet's language switch re-renders it.
//!
//! Cargo rebuilds the crate when a locale file or the manifest changes; a locale file added
//! later is seen at the next rebuild of the crate (`touch src/lib.rs`).

#[doc(hidden)]
pub use amocrm_widget_i18n::__translate;
pub use amocrm_widget_i18n::locales;

/// A set of locales: what [`locales!`] generates `Locale` as. Implemented by the macro only.
pub trait Language: Copy {
    /// How many locales the widget ships.
    const COUNT: usize;
    /// The locale's position in the set, below [`COUNT`](Language::COUNT).
    fn index(self) -> usize;
}

/// A CLDR plural category: which form of a plural text a number takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// `zero`: a form some languages have for 0 (and any language may give explicitly).
    Zero,
    /// `one`: 1, and in some languages 21, 31… or 0.
    One,
    /// `two`.
    Two,
    /// `few`: Russian's 2–4, 22–24…
    Few,
    /// `many`: Russian's 0, 5–20, 25–30…
    Many,
    /// `other`: everything else.
    Other,
}

/// A language's plural rule for whole numbers (CLDR's cardinal rules), chosen by the locale
/// file's code; the part before a `-` decides (`pt-BR` is `pt`).
///
/// ```
/// use amocrm_widget::i18n::{Form, Rule};
/// assert_eq!(Rule::EastSlavic.form(1), Form::One);
/// assert_eq!(Rule::EastSlavic.form(3), Form::Few);
/// assert_eq!(Rule::EastSlavic.form(11), Form::Many);
/// assert_eq!(Rule::EastSlavic.form(21), Form::One);
/// assert_eq!(Rule::One.form(0), Form::Other);
/// assert_eq!(Rule::ZeroAndOne.form(0), Form::One);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// One form for every number: `zh`, `ja`, `ko`, `vi`, `id`, `th`, `ms`.
    Other,
    /// 1 is `one`, the rest `other`: `en`, `es`, `de`, `it` and every language not listed
    /// elsewhere.
    One,
    /// 0 and 1 are `one`, the rest `other`: `pt`, `fr`.
    ZeroAndOne,
    /// `one` (1, 21, 31… not 11), `few` (2–4, 22–24… not 12–14), `many` (the rest): `ru`,
    /// `uk`, `be`.
    EastSlavic,
    /// `one` (1 only), `few` (2–4, 22–24… not 12–14), `many` (the rest): `pl`.
    Polish,
    /// `one` (1), `few` (2–4), `other` (the rest): `cs`, `sk`.
    Czech,
}

impl Rule {
    /// The form `n` takes.
    pub fn form(self, n: u64) -> Form {
        let (last, last_two) = (n % 10, n % 100);
        let few = (2..=4).contains(&last) && !(12..=14).contains(&last_two);
        match self {
            Rule::Other => Form::Other,
            Rule::One if n == 1 => Form::One,
            Rule::ZeroAndOne if n <= 1 => Form::One,
            Rule::One | Rule::ZeroAndOne => Form::Other,
            Rule::EastSlavic if last == 1 && last_two != 11 => Form::One,
            Rule::Polish if n == 1 => Form::One,
            Rule::EastSlavic | Rule::Polish if few => Form::Few,
            Rule::EastSlavic | Rule::Polish => Form::Many,
            Rule::Czech => match n {
                1 => Form::One,
                2..=4 => Form::Few,
                _ => Form::Other,
            },
        }
    }

    /// Every form [`form`](Rule::form) returns: the forms a translation must give.
    pub fn forms(self) -> &'static [Form] {
        match self {
            Rule::Other => &[Form::Other],
            Rule::One | Rule::ZeroAndOne => &[Form::One, Form::Other],
            Rule::EastSlavic | Rule::Polish => &[Form::One, Form::Few, Form::Many],
            Rule::Czech => &[Form::One, Form::Few, Form::Other],
        }
    }
}

/// A number a plural text can depend on (`t!(locale, "key", count = n)`): any integer; a
/// negative one takes the form of its absolute value.
pub trait Count {
    /// The number, as the plural rules take it.
    fn count(&self) -> u64;
}

macro_rules! unsigned_counts {
    ($($int:ty),*) => {$(
        impl Count for $int {
            fn count(&self) -> u64 {
                *self as u64
            }
        }
    )*};
}
unsigned_counts!(u8, u16, u32, u64, usize);

macro_rules! signed_counts {
    ($($int:ty),*) => {$(
        impl Count for $int {
            fn count(&self) -> u64 {
                self.unsigned_abs() as u64
            }
        }
    )*};
}
signed_counts!(i8, i16, i32, i64, isize);

impl<T: Count + ?Sized> Count for &T {
    fn count(&self) -> u64 {
        T::count(self)
    }
}

/// The item of `items` for `locale`: `t!`'s expansion for a text without arguments.
#[doc(hidden)]
pub fn __pick<L: Language, T: Copy, const N: usize>(locale: &L, items: &[T; N]) -> T {
    let index = __index::<L, N>(locale);
    // `min` lets the compiler drop the bounds check (and its panic) the index never fails.
    items[index.min(N - 1)]
}

/// The locale's index, for `t!`'s expansion with arguments.
#[doc(hidden)]
pub fn __index<L: Language, const N: usize>(locale: &L) -> usize {
    const {
        assert!(
            N == L::COUNT,
            "this `t!` was expanded for another set of locales than this `Locale`"
        )
    };
    locale.index()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_reaches_exactly_its_forms() {
        for rule in [
            Rule::Other,
            Rule::One,
            Rule::ZeroAndOne,
            Rule::EastSlavic,
            Rule::Polish,
            Rule::Czech,
        ] {
            let mut reached: Vec<Form> = Vec::new();
            for n in 0..10_000 {
                let form = rule.form(n);
                if !reached.contains(&form) {
                    reached.push(form);
                }
            }
            for form in rule.forms() {
                assert!(reached.contains(form), "{rule:?} never gives {form:?}");
            }
            assert_eq!(reached.len(), rule.forms().len(), "{rule:?}: {reached:?}");
        }
    }

    #[test]
    fn russian_polish_and_czech_differ_where_cldr_says() {
        let ru: Vec<Form> = [1, 2, 5, 11, 12, 21, 22, 25, 101, 111]
            .map(|n| Rule::EastSlavic.form(n))
            .to_vec();
        use Form::*;
        assert_eq!(ru, [One, Few, Many, Many, Many, One, Few, Many, One, Many]);
        assert_eq!(Rule::Polish.form(21), Many);
        assert_eq!(Rule::Polish.form(22), Few);
        assert_eq!(Rule::Czech.form(22), Other);
        assert_eq!((-3_i32).count(), 3);
    }
}
