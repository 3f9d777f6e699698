//! The host's `constants` as Rust enums with their wire strings.
//!
//! Every enum keeps values the host may add later in an `Unknown(String)` variant, so parsing
//! never fails: `"dd-mm-yyyy".parse::<DateFormat>()` is `Ok(DateFormat::Unknown(..))`.

/// Declares a wire enum: the variants, their wire strings and an `Unknown(String)` escape.
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value this version of the crate does not know, kept verbatim.
            Unknown(String),
        }

        impl $name {
            /// Every value the vendor documents, in the vendor's order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),*];

            /// The wire string, exactly as the host sends it.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )*
                    Self::Unknown(other) => other,
                }
            }

            /// Parses a wire string; an unknown string becomes `Unknown`.
            pub fn parse(wire: &str) -> Self {
                match wire {
                    $( $wire => Self::$variant, )*
                    other => Self::Unknown(other.to_owned()),
                }
            }

            /// `false` for the `Unknown` variant.
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }

            /// The wire string of a known value, as a `'static` string for error messages.
            #[allow(dead_code)]
            pub(crate) const fn known_str(&self) -> Option<&'static str> {
                match self {
                    $( Self::$variant => Some($wire), )*
                    Self::Unknown(_) => None,
                }
            }
        }

        impl core::str::FromStr for $name {
            type Err = core::convert::Infallible;
            fn from_str(wire: &str) -> Result<Self, core::convert::Infallible> {
                Ok(Self::parse(wire))
            }
        }

        impl From<&str> for $name {
            fn from(wire: &str) -> Self {
                Self::parse(wire)
            }
        }

        impl From<String> for $name {
            fn from(wire: String) -> Self {
                match Self::parse(&wire) {
                    Self::Unknown(_) => Self::Unknown(wire),
                    known => known,
                }
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <String as serde::Deserialize>::deserialize(d).map(Self::from)
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

pub(crate) use wire_enum;

wire_enum! {
    /// `constants.DATE_FORMATS`: the account's date format (`SysModel.dateFormat`), a `dateformat` mask.
    ///
    /// ```
    /// use amocrm_widget::constants::DateFormat;
    /// assert_eq!(DateFormat::RussianNormal.as_str(), "dd.mm.yyyy");
    /// assert_eq!("yyyy/mm/dd".parse::<DateFormat>(), Ok(DateFormat::ChineseNormal));
    /// assert_eq!(DateFormat::from("d mmm"), DateFormat::Unknown("d mmm".into()));
    /// ```
    DateFormat {
        /// `dd/mm/yyyy`
        AmericanNormal = "dd/mm/yyyy",
        /// `mm/dd/yyyy`
        AmericanInversed = "mm/dd/yyyy",
        /// `dd.mm.yyyy`
        RussianNormal = "dd.mm.yyyy",
        /// `yyyy/mm/dd`
        ChineseNormal = "yyyy/mm/dd",
    }
}

wire_enum! {
    /// `constants.TIME_FORMATS`: the account's time format (`SysModel.timeFormat`), a `dateformat` mask.
    ///
    /// ```
    /// use amocrm_widget::constants::TimeFormat;
    /// assert_eq!(TimeFormat::Twelve.to_string(), "h:MM TT");
    /// assert!(TimeFormat::from("HH:MM").is_known());
    /// ```
    TimeFormat {
        /// `h:MM TT`
        Twelve = "h:MM TT",
        /// `HH:MM`
        TwentyFour = "HH:MM",
    }
}

wire_enum! {
    /// `constants.SUPPORTED_LANGS`: the interface language (`SysModel.lang`).
    ///
    /// ```
    /// use amocrm_widget::constants::Lang;
    /// assert_eq!(Lang::from("pt"), Lang::Pt);
    /// assert_eq!(Lang::from("de"), Lang::Unknown("de".into()));
    /// ```
    Lang {
        /// Russian.
        Ru = "ru",
        /// English.
        En = "en",
        /// Spanish.
        Es = "es",
        /// Portuguese.
        Pt = "pt",
    }
}

wire_enum! {
    /// `constants.LEAD_FIELD_SOURCES`: which entity a lead field belongs to.
    ///
    /// ```
    /// use amocrm_widget::constants::LeadFieldSource;
    /// assert_eq!(LeadFieldSource::Contacts.as_str(), "contacts");
    /// ```
    LeadFieldSource {
        /// The lead itself.
        Lead = "lead",
        /// One of the lead's contacts.
        Contacts = "contacts",
        /// The lead's company.
        Company = "company",
    }
}

wire_enum! {
    /// `constants.FIELD_TYPES`: the type of a custom field, which decides the shape of its value.
    ///
    /// ```
    /// use amocrm_widget::constants::FieldType;
    /// assert_eq!(FieldType::KNOWN.len(), 16);
    /// assert_eq!(FieldType::from("smartAddress"), FieldType::SmartAddress);
    /// assert_eq!(FieldType::from("chainedList"), FieldType::Unknown("chainedList".into()));
    /// ```
    FieldType {
        /// `text`: one line of text.
        Text = "text",
        /// `numeric`: a number.
        Numeric = "numeric",
        /// `checkbox`: a flag.
        Checkbox = "checkbox",
        /// `date`: a day.
        Date = "date",
        /// `select`: one option of a list.
        Select = "select",
        /// `multiselect`: several options of a list.
        Multiselect = "multiselect",
        /// `url`: a link.
        Url = "url",
        /// `textarea`: multi-line text.
        Textarea = "textarea",
        /// `radiobutton`: one option of a list, shown as radio buttons.
        Radiobutton = "radiobutton",
        /// `streetaddress`: a free-form address.
        Streetaddress = "streetaddress",
        /// `smartAddress`: a structured address.
        SmartAddress = "smartAddress",
        /// `legalEntity`: company requisites.
        LegalEntity = "legalEntity",
        /// `birthday`: a day.
        Birthday = "birthday",
        /// `dateTime`: a moment.
        DateTime = "dateTime",
        /// `multitext`: several typed values (phones, e-mails).
        Multitext = "multitext",
        /// `budget`: an amount of money.
        Budget = "budget",
    }
}

wire_enum! {
    /// `constants.PUBLIC_STATE_ENTITIES`: the names accepted by `getState` and `subscribe`.
    ///
    /// ```
    /// use amocrm_widget::constants::StateEntity;
    /// assert_eq!(StateEntity::LeadFields.as_str(), "leadFields");
    /// ```
    StateEntity {
        /// `sys`: account settings.
        Sys = "sys",
        /// `lead`: the active lead.
        Lead = "lead",
        /// `leadFields`: the custom fields of the lead, its contacts and company.
        LeadFields = "leadFields",
        /// `authors`: the people who appear in the lead.
        Authors = "authors",
    }
}

/// The `constants` key under which the host lists each enum, for reading them at run time.
pub(crate) mod keys {
    pub const DATE_FORMATS: &str = "DATE_FORMATS";
    pub const TIME_FORMATS: &str = "TIME_FORMATS";
    pub const SUPPORTED_LANGS: &str = "SUPPORTED_LANGS";
    pub const LEAD_FIELD_SOURCES: &str = "LEAD_FIELD_SOURCES";
    pub const FIELD_TYPES: &str = "FIELD_TYPES";
    pub const PUBLIC_STATE_ENTITIES: &str = "PUBLIC_STATE_ENTITIES";
    pub const GLOBAL_CLASS_NAMES: &str = "GLOBAL_CLASS_NAMES";
}
