//! The typed `manifest.json` of an amoCRM widget.
//!
//! Every documented key is typed; every other key, at every level, is kept in an `extra` map so
//! that reading and writing a manifest never loses what this model does not know. Documented
//! keys are optional in the model, so that `check` can say what is missing instead of failing
//! to parse.
//!
//! Two ways in: serde (`serde_json::from_str::<Manifest>`), strict, for manifests this tool
//! writes; and [`Manifest::read_tolerant`], which reads whatever is well-typed, keeps each
//! ill-typed value as written in the `extra` map of its object, and lists every such value, so
//! that one malformed key never hides the rest of the manifest.

use indexmap::IndexMap;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};
use std::fmt;

/// A whole `manifest.json`.
///
/// ```
/// use amo_widget::widget_files::manifest::{Location, Manifest};
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
    /// use amo_widget::widget_files::manifest::Location;
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
    /// use amo_widget::widget_files::manifest::SettingType;
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

/// The JSON type a manifest key is documented with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// `true` / `false`.
    Bool,
    /// A whole number.
    Integer,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Expected::Bool => "a boolean",
            Expected::Integer => "an integer",
            Expected::String => "a string",
            Expected::Array => "an array",
            Expected::Object => "an object",
        })
    }
}

/// A manifest value of another type than the documented one.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeIssue {
    /// Where, as a JSON path: `widget.init_once`, `locations[2]`.
    pub path: String,
    /// The documented type.
    pub expected: Expected,
    /// The value as written.
    pub found: Value,
    /// How a loosely typed reader (the platform is PHP) reads it, when the reading is plain:
    /// `"Y"` as `true`, `"2"` as `2`, `1.0` as `"1.0"`. `None` when it cannot be read at all.
    pub loose: Option<Value>,
}

/// What [`Manifest::read_tolerant`] found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tolerant {
    /// Everything that has its documented type. Ill-typed values of object members are kept
    /// as written in that object's `extra` map; ill-typed array elements and settings fields
    /// are left out, so write back only a manifest read without issues.
    pub manifest: Manifest,
    /// Every ill-typed value, object by object in the order of the model.
    pub issues: Vec<TypeIssue>,
}

impl Manifest {
    /// Reads a parsed `manifest.json` without stopping at the first ill-typed value.
    ///
    /// ```
    /// use amo_widget::widget_files::manifest::{Expected, Location, Manifest};
    /// let value = serde_json::json!({
    ///     "widget": {"name": "widget.name", "init_once": "Y", "interface_version": 2},
    ///     "locations": ["lcard-1", 7, "settings"]
    /// });
    /// let read = Manifest::read_tolerant(&value);
    /// assert_eq!(read.manifest.widget.interface_version, Some(2));
    /// assert_eq!(read.manifest.locations, [Location::LeadCard, Location::Settings]);
    /// let paths: Vec<&str> = read.issues.iter().map(|i| i.path.as_str()).collect();
    /// assert_eq!(paths, ["widget.init_once", "locations[1]"]);
    /// assert_eq!(read.issues[0].expected, Expected::Bool);
    /// assert_eq!(read.issues[0].loose, Some(serde_json::json!(true)));
    /// assert_eq!(read.issues[1].loose, None);
    /// ```
    pub fn read_tolerant(value: &Value) -> Tolerant {
        let mut reader = Reader::default();
        let manifest = reader.manifest(value);
        Tolerant {
            manifest,
            issues: reader.issues,
        }
    }
}

#[derive(Default)]
struct Reader {
    issues: Vec<TypeIssue>,
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

/// The plain loose reading of `value` as `expected`, the way PHP's comparisons read it.
fn loose(expected: Expected, value: &Value) -> Option<Value> {
    match (expected, value) {
        (Expected::Bool, Value::String(s)) => match s.trim().to_ascii_lowercase().as_str() {
            "y" | "yes" | "true" | "1" | "on" => Some(Value::Bool(true)),
            "n" | "no" | "false" | "0" | "off" | "" => Some(Value::Bool(false)),
            _ => None,
        },
        (Expected::Bool, Value::Number(n)) => n.as_f64().map(|f| Value::Bool(f != 0.0)),
        (Expected::Integer, Value::String(s)) => s.trim().parse::<u64>().ok().map(Value::from),
        (Expected::String, Value::Number(n)) => Some(Value::String(n.to_string())),
        _ => None,
    }
}

impl Reader {
    fn issue(&mut self, path: String, expected: Expected, found: &Value) {
        self.issues.push(TypeIssue {
            path,
            expected,
            loose: loose(expected, found),
            found: found.clone(),
        });
    }

    /// The members of an object value; anything else is an issue and reads as no members.
    fn members(&mut self, value: &Value, path: &str) -> Map<String, Value> {
        match value {
            Value::Object(map) => map.clone(),
            other => {
                self.issue(path.to_owned(), Expected::Object, other);
                Map::new()
            }
        }
    }

    /// Takes `key` out of `extra` as a `T`; an ill-typed value goes back into `extra`.
    fn field<T: serde::de::DeserializeOwned>(
        &mut self,
        extra: &mut Map<String, Value>,
        parent: &str,
        key: &str,
        expected: Expected,
    ) -> Option<T> {
        let value = extra.shift_remove(key)?;
        if value.is_null() {
            return None;
        }
        match T::deserialize(&value) {
            Ok(typed) => Some(typed),
            Err(_) => {
                self.issue(join(parent, key), expected, &value);
                extra.insert(key.to_owned(), value);
                None
            }
        }
    }

    /// Takes an object member out of `extra`, read by `read`; a non-object goes back.
    fn object<T>(
        &mut self,
        extra: &mut Map<String, Value>,
        parent: &str,
        key: &str,
        read: impl FnOnce(&mut Self, Map<String, Value>, &str) -> T,
    ) -> Option<T> {
        let value = extra.shift_remove(key)?;
        let path = join(parent, key);
        match value {
            Value::Object(map) => Some(read(self, map, &path)),
            Value::Null => None,
            other => {
                self.issue(path, Expected::Object, &other);
                extra.insert(key.to_owned(), other);
                None
            }
        }
    }

    /// Takes an array of strings out of `extra`; ill-typed elements are left out.
    fn strings<T: From<String>>(
        &mut self,
        extra: &mut Map<String, Value>,
        parent: &str,
        key: &str,
    ) -> Vec<T> {
        let path = join(parent, key);
        match extra.shift_remove(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .into_iter()
                .enumerate()
                .filter_map(|(i, item)| match item {
                    Value::String(s) => Some(T::from(s)),
                    other => {
                        // A number is no location or locale name, loosely or not.
                        self.issues.push(TypeIssue {
                            path: format!("{path}[{i}]"),
                            expected: Expected::String,
                            found: other,
                            loose: None,
                        });
                        None
                    }
                })
                .collect(),
            Some(other) => {
                self.issue(path, Expected::Array, &other);
                extra.insert(key.to_owned(), other);
                Vec::new()
            }
        }
    }

    fn manifest(&mut self, value: &Value) -> Manifest {
        let mut extra = self.members(value, "");
        let widget = self
            .object(&mut extra, "", "widget", Self::widget)
            .unwrap_or_default();
        let locations = self.strings(&mut extra, "", "locations");
        let settings = self.settings(&mut extra, "");
        let dp = self.object(&mut extra, "", "dp", |r, mut extra, path| {
            let settings = r.settings(&mut extra, path);
            DigitalPipeline {
                settings,
                action_multiple: r.field(&mut extra, path, "action_multiple", Expected::Bool),
                extra,
            }
        });
        let mobile = self.object(&mut extra, "", "mobile", |r, mut extra, path| Mobile {
            frame_url: r.field(&mut extra, path, "frame_url", Expected::String),
            color: r.field(&mut extra, path, "color", Expected::String),
            extra,
        });
        Manifest {
            widget,
            locations,
            settings,
            dp,
            mobile,
            extra,
        }
    }

    fn widget(&mut self, mut extra: Map<String, Value>, path: &str) -> WidgetInfo {
        let s = Expected::String;
        WidgetInfo {
            name: self.field(&mut extra, path, "name", s),
            description: self.field(&mut extra, path, "description", s),
            short_description: self.field(&mut extra, path, "short_description", s),
            code: self.field(&mut extra, path, "code", s),
            secret_key: self.field(&mut extra, path, "secret_key", s),
            version: self.field(&mut extra, path, "version", s),
            interface_version: self.field(&mut extra, path, "interface_version", Expected::Integer),
            init_once: self.field(&mut extra, path, "init_once", Expected::Bool),
            locale: self.strings(&mut extra, path, "locale"),
            installation: self.field(&mut extra, path, "installation", Expected::Bool),
            support: self.object(&mut extra, path, "support", |r, mut extra, path| Support {
                link: r.field(&mut extra, path, "link", s),
                email: r.field(&mut extra, path, "email", s),
                extra,
            }),
            extra,
        }
    }

    /// `settings` as fields by key (`[]`, PHP's empty object, is no fields).
    fn settings(
        &mut self,
        extra: &mut Map<String, Value>,
        parent: &str,
    ) -> Option<IndexMap<String, SettingField>> {
        let path = join(parent, "settings");
        let map = match extra.shift_remove("settings")? {
            Value::Object(map) => map,
            Value::Array(items) if items.is_empty() => return Some(IndexMap::new()),
            Value::Null => return None,
            other => {
                self.issue(path, Expected::Object, &other);
                extra.insert("settings".into(), other);
                return None;
            }
        };
        let mut fields = IndexMap::new();
        for (key, value) in map {
            let field_path = join(&path, &key);
            let Value::Object(mut extra) = value else {
                self.issue(field_path, Expected::Object, &value);
                continue;
            };
            let field = SettingField {
                name: self.field(&mut extra, &field_path, "name", Expected::String),
                kind: self
                    .field::<String>(&mut extra, &field_path, "type", Expected::String)
                    .map(SettingType::from),
                required: self.field(&mut extra, &field_path, "required", Expected::Bool),
                extra,
            };
            fields.insert(key, field);
        }
        Some(fields)
    }
}
