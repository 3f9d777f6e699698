//! The typed `manifest.json` of an amoCRM widget.
//!
//! Every documented key is typed; every other key, at every level, is kept in an `extra` map so
//! that reading and writing a manifest never loses what this model does not know. Documented
//! keys are optional in the model, so that `check` can say what is missing instead of failing
//! to parse.

use indexmap::IndexMap;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};
use std::fmt;

/// A whole `manifest.json`.
///
/// ```
/// use amo_widget::manifest::{Location, Manifest};
/// let text = r##"{"widget": {"name": "widget.name", "locale": ["ru"], "future_key": 1},
///                "locations": ["personal_page", "mobile_card", "lcard-1", "ccard-0"],
///                "mobile": {"frame_url": "https://example.com/", "color": "#ffff00"}}"##;
/// let manifest: Manifest = serde_json::from_str(text).unwrap();
/// assert_eq!(manifest.locations[0], Location::PersonalPage);
/// assert_eq!(manifest.locations[2], Location::LeadCard);
/// assert_eq!(manifest.locations[3], Location::Other("ccard-0".into()));
/// assert_eq!(manifest.mobile.as_ref().unwrap().color.as_deref(), Some("#ffff00"));
/// // Unknown keys survive a round trip.
/// let again = serde_json::to_value(&manifest).unwrap();
/// assert_eq!(again["widget"]["future_key"], 1);
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Manifest {
    /// The `widget` object: name, version, locales…
    #[serde(default)]
    pub widget: WidgetInfo,
    /// Where the widget appears.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locations: Vec<Location>,
    /// The widget's settings form, by field key, in display order.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "fields_or_empty_array"
    )]
    pub settings: Option<IndexMap<String, SettingField>>,
    /// Digital pipeline (`digital_pipeline` location) settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dp: Option<DigitalPipeline>,
    /// The mobile frame (`mobile_card` location).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile: Option<Mobile>,
    /// Every other top-level key (`tour`, `advanced`, …), as written.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The manifest's `widget` object.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct WidgetInfo {
    /// The name, usually an i18n key such as `widget.name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The description, usually an i18n key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The short description, usually an i18n key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_description: Option<String>,
    /// The widget code (older manifests).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The widget secret key (older manifests).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_key: Option<String>,
    /// The widget version, e.g. `1.0.0`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The widget interface version (`2` today).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interface_version: Option<u32>,
    /// Whether the widget initialises once per page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub init_once: Option<bool>,
    /// The locales the widget ships (`i18n/<locale>.json` each).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locale: Vec<String>,
    /// Whether the widget is installable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub installation: Option<bool>,
    /// How to reach the widget's support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support: Option<Support>,
    /// Every other key, as written.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The `widget.support` object.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Support {
    /// A support page URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// A support e-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Every other key, as written.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One field of a settings form.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SettingField {
    /// The label, an i18n key such as `settings.login`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The field type.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<SettingType>,
    /// Whether the field must be filled in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// Every other key, as written.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The `dp` object (digital pipeline).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DigitalPipeline {
    /// The action's settings form.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "fields_or_empty_array"
    )]
    pub settings: Option<IndexMap<String, SettingField>>,
    /// Whether several actions may be added to one stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_multiple: Option<bool>,
    /// Every other key (`webhook_url`, …), as written.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The `mobile` object: the frame a `mobile_card` widget opens in the iOS app.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Mobile {
    /// Where the app's WebView sends `GET ?token=…&from=…`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frame_url: Option<String>,
    /// The block header's background, `#RRGGBB` (the title is always white).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// Every other key, as written.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// PHP writes an empty settings object as `[]`; read it as no fields.
fn fields_or_empty_array<'de, D>(d: D) -> Result<Option<IndexMap<String, SettingField>>, D::Error>
where
    D: Deserializer<'de>,
{
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Fields {
        Map(IndexMap<String, SettingField>),
        Empty([(); 0]),
    }
    Ok(match Option::<Fields>::deserialize(d)? {
        Some(Fields::Map(map)) => Some(map),
        Some(Fields::Empty(_)) => Some(IndexMap::new()),
        None => None,
    })
}

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(from = "String", into = "String")]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
            /// A value this version does not know, kept as written.
            Other(String),
        }

        impl $name {
            /// The manifest's spelling.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)*
                    $name::Other(other) => other,
                }
            }
        }

        impl From<String> for $name {
            fn from(wire: String) -> Self {
                match wire.as_str() {
                    $($wire => $name::$variant,)*
                    _ => $name::Other(wire),
                }
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.as_str().to_owned()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

string_enum! {
    /// A place the widget appears (`locations`); card and list locations and any new ones are
    /// [`Location::Other`].
    ///
    /// ```
    /// use amo_widget::manifest::Location;
    /// assert_eq!(Location::from("mobile_card".to_string()), Location::MobileCard);
    /// assert_eq!(Location::from("ccard-0".to_string()).as_str(), "ccard-0");
    /// ```
    Location {
        /// The client cabinet (`personal_page.js` at the archive root).
        PersonalPage = "personal_page",
        /// The iOS app's lead and customer cards (needs a `mobile` object).
        MobileCard = "mobile_card",
        /// The widget's settings page.
        Settings = "settings",
        /// The advanced settings page.
        AdvancedSettings = "advanced_settings",
        /// A digital pipeline action (`dp` object).
        DigitalPipeline = "digital_pipeline",
        /// The lead card's right panel.
        LeadCard = "lcard-1",
        /// The contact card's right panel.
        ContactCard = "ccard-1",
        /// The company card's right panel.
        CompanyCard = "comcard-1",
        /// The customer card's right panel.
        CustomerCard = "cucard-1",
        /// Every page.
        Everywhere = "everywhere",
    }
}

string_enum! {
    /// The type of a settings field.
    ///
    /// ```
    /// use amo_widget::manifest::SettingType;
    /// assert_eq!(SettingType::from("pass".to_string()), SettingType::Password);
    /// ```
    SettingType {
        /// A one-line text input.
        Text = "text",
        /// A password input.
        Password = "pass",
        /// A field the widget renders itself.
        Custom = "custom",
        /// A per-user input.
        Users = "users",
        /// A per-user login/password pair.
        UsersLoginPassword = "users_lp",
    }
}
