//! Which plural forms a language needs for whole numbers (CLDR's cardinal rules), mirroring
//! `amocrm_widget::i18n::Rule`, which picks the form at run time. The SDK's tests check that
//! the two agree (`tests/i18n.rs`).

/// A CLDR plural category, as the JSON files name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Form {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl Form {
    pub const ALL: [Form; 6] = [
        Form::Zero,
        Form::One,
        Form::Two,
        Form::Few,
        Form::Many,
        Form::Other,
    ];

    pub fn from_name(name: &str) -> Option<Form> {
        Form::ALL.into_iter().find(|f| f.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            Form::Zero => "zero",
            Form::One => "one",
            Form::Two => "two",
            Form::Few => "few",
            Form::Many => "many",
            Form::Other => "other",
        }
    }

    /// The variant of `amocrm_widget::i18n::Form`.
    pub fn variant(self) -> &'static str {
        match self {
            Form::Zero => "Zero",
            Form::One => "One",
            Form::Two => "Two",
            Form::Few => "Few",
            Form::Many => "Many",
            Form::Other => "Other",
        }
    }
}

/// A rule of `amocrm_widget::i18n::Rule`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// Chinese, Japanese, Korean, Vietnamese, Indonesian, Thai: one form.
    Other,
    /// English, Spanish, German, Italian, Turkish and most others: 1, and the rest.
    One,
    /// Portuguese, French: 0 and 1, and the rest.
    ZeroAndOne,
    /// Russian, Ukrainian, Belarusian: 1, 21…; 2–4, 22–24…; the rest.
    EastSlavic,
    /// Polish: 1; 2–4, 22–24… (not 12–14); the rest.
    Polish,
    /// Czech, Slovak: 1; 2–4; the rest.
    Czech,
}

impl Rule {
    pub fn for_code(code: &str) -> Rule {
        let language = code
            .split(['-', '_'])
            .next()
            .unwrap_or(code)
            .to_ascii_lowercase();
        match language.as_str() {
            "ru" | "uk" | "be" => Rule::EastSlavic,
            "pl" => Rule::Polish,
            "cs" | "sk" => Rule::Czech,
            "pt" | "fr" => Rule::ZeroAndOne,
            "zh" | "ja" | "ko" | "vi" | "id" | "th" | "ms" => Rule::Other,
            _ => Rule::One,
        }
    }

    /// The forms whole numbers reach, each of which a translation must give.
    pub fn forms(self) -> &'static [Form] {
        match self {
            Rule::Other => &[Form::Other],
            Rule::One | Rule::ZeroAndOne => &[Form::One, Form::Other],
            Rule::EastSlavic | Rule::Polish => &[Form::One, Form::Few, Form::Many],
            Rule::Czech => &[Form::One, Form::Few, Form::Other],
        }
    }

    pub fn variant(self) -> &'static str {
        match self {
            Rule::Other => "Other",
            Rule::One => "One",
            Rule::ZeroAndOne => "ZeroAndOne",
            Rule::EastSlavic => "EastSlavic",
            Rule::Polish => "Polish",
            Rule::Czech => "Czech",
        }
    }

    pub fn describe(self) -> String {
        let forms: Vec<&str> = self.forms().iter().map(|f| f.name()).collect();
        forms.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::{Form, Rule};
    use amocrm_widget::i18n as sdk;

    /// The forms the macro requires are the forms `amocrm_widget::i18n::Rule::form` returns.
    #[test]
    fn every_rule_matches_the_sdks() {
        let pairs = [
            (Rule::Other, sdk::Rule::Other),
            (Rule::One, sdk::Rule::One),
            (Rule::ZeroAndOne, sdk::Rule::ZeroAndOne),
            (Rule::EastSlavic, sdk::Rule::EastSlavic),
            (Rule::Polish, sdk::Rule::Polish),
            (Rule::Czech, sdk::Rule::Czech),
        ];
        for (ours, theirs) in pairs {
            assert_eq!(format!("{ours:?}"), format!("{theirs:?}"));
            let names: Vec<String> = ours.forms().iter().map(|f| f.variant().into()).collect();
            let sdk_names: Vec<String> = theirs.forms().iter().map(|f| format!("{f:?}")).collect();
            assert_eq!(names, sdk_names, "{ours:?}");
        }
        assert_eq!(Rule::for_code("ru"), Rule::EastSlavic);
        assert_eq!(Rule::for_code("pt-BR"), Rule::ZeroAndOne);
        assert_eq!(Rule::for_code("es"), Rule::One);
        assert_eq!(Form::from_name("few"), Some(Form::Few));
    }
}
