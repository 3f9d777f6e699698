//! The typed `manifest.json` of an amoCRM widget.
//!
//! Every documented key is typed; every other key, at every level, is kept in an `extra` map so
//! that reading and writing a manifest never loses what this model does not know. Documented
//! keys are optional in the model, so that `check` can say what is missing instead of failing
//! to parse.
//!
//! Two ways in: serde (`serde_json::from_str::<Manifest>`), strict, for manifests this tool
//! writes; and [`Manifest::read_tolerant`], which runs the same serde reading but reports each
//! ill-typed value, keeps it as written in the `extra` map of its object and reads on, so that
//! one malformed key never hides the rest of the manifest. Each key is declared once, in the
//! structs below.

use indexmap::IndexMap;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};
use serde_path_to_error::Segment;
use std::fmt;

/// A manifest object: its documented keys, each optional so that `check` can say what is
/// missing, and every other key, as written, in `extra`. A key absent (or empty) is not written.
macro_rules! manifest_object {
    ($(#[$meta:meta])* $name:ident { $($(#[$field_meta:meta])* $field:ident: $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
        #[serde(default)]
        pub struct $name {
            $(
                $(#[$field_meta])*
                #[serde(skip_serializing_if = "Absent::is_absent")]
                pub $field: $ty,
            )*
            /// Every other key, as written.
            #[serde(flatten, deserialize_with = "restored_keys")]
            pub extra: Map<String, Value>,
        }
    };
}

/// Whether a key's value is left out of the written manifest.
trait Absent {
    fn is_absent(&self) -> bool;
}

impl<T> Absent for Option<T> {
    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

impl<T> Absent for Vec<T> {
    fn is_absent(&self) -> bool {
        self.is_empty()
    }
}

impl Absent for WidgetInfo {
    /// The `widget` object is always written, if only as `{}`.
    fn is_absent(&self) -> bool {
        false
    }
}

manifest_object! {
    /// A whole `manifest.json`; `extra` holds the other top-level keys (`tour`, `advanced`, …).
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
    Manifest {
        /// The `widget` object: name, version, locales…
        widget: WidgetInfo,
        /// Where the widget appears.
        locations: Vec<Location>,
        /// The widget's settings form, by field key, in display order.
        #[serde(deserialize_with = "fields_or_empty_array")]
        settings: Option<IndexMap<String, SettingField>>,
        /// Digital pipeline (`digital_pipeline` location) settings.
        dp: Option<DigitalPipeline>,
        /// The mobile frame (`mobile_card` location).
        mobile: Option<Mobile>,
    }
}

manifest_object! {
    /// The manifest's `widget` object.
    WidgetInfo {
        /// The name, usually an i18n key such as `widget.name`.
        name: Option<String>,
        /// The description, usually an i18n key.
        description: Option<String>,
        /// The short description, usually an i18n key.
        short_description: Option<String>,
        /// The widget code (older manifests).
        code: Option<String>,
        /// The widget secret key (older manifests).
        secret_key: Option<String>,
        /// The widget version, e.g. `1.0.0`.
        version: Option<String>,
        /// The widget interface version (`2` today).
        interface_version: Option<u32>,
        /// Whether the widget initialises once per page.
        init_once: Option<bool>,
        /// The locales the widget ships (`i18n/<locale>.json` each).
        locale: Vec<String>,
        /// Whether the widget is installable.
        installation: Option<bool>,
        /// How to reach the widget's support.
        support: Option<Support>,
    }
}

manifest_object! {
    /// The `widget.support` object.
    Support {
        /// A support page URL.
        link: Option<String>,
        /// A support e-mail address.
        email: Option<String>,
    }
}

manifest_object! {
    /// One field of a settings form.
    SettingField {
        /// The label, an i18n key such as `settings.login`.
        name: Option<String>,
        /// The field type.
        #[serde(rename = "type")]
        kind: Option<SettingType>,
        /// Whether the field must be filled in.
        required: Option<bool>,
    }
}

manifest_object! {
    /// The `dp` object (digital pipeline); `extra` holds `webhook_url` and the like.
    DigitalPipeline {
        /// The action's settings form.
        #[serde(deserialize_with = "fields_or_empty_array")]
        settings: Option<IndexMap<String, SettingField>>,
        /// Whether several actions may be added to one stage.
        action_multiple: Option<bool>,
    }
}

manifest_object! {
    /// The `mobile` object: the frame a `mobile_card` widget opens in the iOS app.
    Mobile {
        /// Where the app's WebView sends `GET ?token=…&from=…`.
        frame_url: Option<String>,
        /// The block header's background, `#RRGGBB` (the title is always white).
        color: Option<String>,
    }
}

/// PHP writes an empty settings object as `[]`; read it as no fields.
fn fields_or_empty_array<'de, D>(d: D) -> Result<Option<IndexMap<String, SettingField>>, D::Error>
where
    D: Deserializer<'de>,
{
    struct Fields;

    impl<'de> Visitor<'de> for Fields {
        type Value = Option<IndexMap<String, SettingField>>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a map of settings fields")
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            IndexMap::deserialize(de::value::MapAccessDeserializer::new(map)).map(Some)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            match seq.next_element::<de::IgnoredAny>()? {
                None => Ok(Some(IndexMap::new())),
                Some(_) => Err(de::Error::invalid_type(de::Unexpected::Seq, &self)),
            }
        }
    }

    d.deserialize_any(Fields)
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
    /// Every ill-typed value, in the order of the file.
    pub issues: Vec<TypeIssue>,
}

impl Manifest {
    /// Reads a parsed `manifest.json` without stopping at the first ill-typed value.
    ///
    /// The model's own (strict) serde reading runs; each value it refuses is reported, moved
    /// aside, and the reading runs again, until it succeeds. So a key added to the model is
    /// read here too, with nothing else to change.
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
        let mut value = value.clone();
        let mut aside = SetAside::default();
        loop {
            match serde_path_to_error::deserialize::<_, Manifest>(&value) {
                Ok(manifest) => {
                    return Tolerant {
                        manifest,
                        issues: aside.issues,
                    }
                }
                Err(refused) => {
                    let expected = Expected::from_serde(&refused.inner().to_string());
                    if !aside.set_aside(&mut value, refused.path(), expected) {
                        return Tolerant {
                            manifest: Manifest::default(),
                            issues: aside.issues,
                        };
                    }
                }
            }
        }
    }
}

/// What an ill-typed member's key is renamed to while the reading runs again: the model has no
/// such key, so the value lands in its object's `extra` map, where [`restored_keys`] gives it
/// back its name.
const ASIDE: char = '\u{1}';

/// An `extra` map with the keys [`Manifest::read_tolerant`] set aside named as written.
fn restored_keys<'de, D: Deserializer<'de>>(d: D) -> Result<Map<String, Value>, D::Error> {
    let map = Map::<String, Value>::deserialize(d)?;
    Ok(map
        .into_iter()
        .map(|(key, value)| match key.strip_prefix(ASIDE) {
            Some(written) => (written.to_owned(), value),
            None => (key, value),
        })
        .collect())
}

impl Expected {
    /// The type serde's message says it expected (`invalid type: …, expected a boolean`).
    fn from_serde(message: &str) -> Expected {
        let expected = message
            .rsplit(", expected ")
            .next()
            .expect("a split yields at least one piece");
        match expected {
            "a boolean" => Expected::Bool,
            "a string" => Expected::String,
            "a sequence" => Expected::Array,
            number if number.starts_with(['u', 'i']) && number[1..].parse::<u8>().is_ok() => {
                Expected::Integer
            }
            // `struct WidgetInfo`, a map of settings fields.
            _ => Expected::Object,
        }
    }
}

/// The values set aside so far, and where arrays lost elements.
#[derive(Default)]
struct SetAside {
    issues: Vec<TypeIssue>,
    /// By array path, the original indices of the elements left out, ascending.
    left_out: std::collections::HashMap<String, Vec<usize>>,
}

impl SetAside {
    /// Reports the value at `path` and takes it out of the reading's way: a member is renamed
    /// aside (or dropped, if it was renamed already and its object is a map of typed values, or
    /// if it is `null`, which reads as absent); an array element is left out. False when the
    /// refused value is the whole manifest.
    fn set_aside(
        &mut self,
        value: &mut Value,
        path: &serde_path_to_error::Path,
        expected: Expected,
    ) -> bool {
        let segments: Vec<&Segment> = path.iter().collect();
        let Some((last, parents)) = segments.split_last() else {
            self.issue(String::new(), expected, value.clone());
            return false;
        };
        let mut shown = String::new();
        let mut parent = &mut *value;
        for segment in parents {
            parent = match (segment, parent) {
                (Segment::Map { key }, Value::Object(map)) => {
                    shown = join(&shown, key);
                    map.get_mut(key.as_str())
                        .expect("serde refused a value inside this member")
                }
                (Segment::Seq { index }, Value::Array(items)) => {
                    shown = format!("{shown}[{}]", self.original_index(&shown, *index));
                    items
                        .get_mut(*index)
                        .expect("serde refused a value inside this element")
                }
                _ => unreachable!("serde's path follows the value it read"),
            };
        }
        match (last, parent) {
            (Segment::Map { key }, Value::Object(map)) => {
                let found = map
                    .shift_remove(key.as_str())
                    .expect("serde refused this member");
                if !found.is_null() && !key.starts_with(ASIDE) {
                    self.issue(join(&shown, key), expected, found.clone());
                    map.insert(format!("{ASIDE}{key}"), found);
                }
            }
            (Segment::Seq { index }, Value::Array(items)) => {
                let original = self.original_index(&shown, *index);
                let found = items.remove(*index);
                // A number is no location or locale name, loosely or not.
                self.issues.push(TypeIssue {
                    path: format!("{shown}[{original}]"),
                    expected,
                    found,
                    loose: None,
                });
                let left_out = self.left_out.entry(shown).or_default();
                left_out.push(original);
                left_out.sort_unstable();
            }
            _ => unreachable!("serde's path follows the value it read"),
        }
        true
    }

    fn issue(&mut self, path: String, expected: Expected, found: Value) {
        self.issues.push(TypeIssue {
            path,
            expected,
            loose: loose(expected, &found),
            found,
        });
    }

    /// The index in the file of what is now element `index` of the array at `path`.
    fn original_index(&self, path: &str, index: usize) -> usize {
        let mut original = index;
        for &gone in self.left_out.get(path).into_iter().flatten() {
            if gone <= original {
                original += 1;
            }
        }
        original
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn elements_left_out_are_reported_at_their_index_in_the_file() {
        let read = Manifest::read_tolerant(&json!({
            "locations": [1, 2, "lcard-1", 3],
            "widget": {"locale": [null, "ru", false]}
        }));
        let paths: Vec<&str> = read.issues.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "locations[0]",
                "locations[1]",
                "locations[3]",
                "widget.locale[0]",
                "widget.locale[2]"
            ]
        );
        assert_eq!(read.manifest.locations, [Location::LeadCard]);
        assert_eq!(read.manifest.widget.locale, ["ru"]);
    }

    #[test]
    fn a_member_set_aside_keeps_its_name_in_extra() {
        let read = Manifest::read_tolerant(&json!({
            "mobile": {"frame_url": 5, "height": 300},
            "settings": {"x": {"type": "text", "required": 1}, "y": 2}
        }));
        let mobile = read.manifest.mobile.unwrap();
        assert_eq!(mobile.frame_url, None);
        assert_eq!(mobile.extra["frame_url"], 5);
        assert!(!mobile.extra.keys().any(|k| k.starts_with(ASIDE)));
        let settings = read.manifest.settings.unwrap();
        assert_eq!(settings.keys().collect::<Vec<_>>(), ["x"]);
        assert_eq!(settings["x"].extra["required"], 1);
        let paths: Vec<&str> = read.issues.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(
            paths,
            ["mobile.frame_url", "settings.x.required", "settings.y"]
        );
    }
}
