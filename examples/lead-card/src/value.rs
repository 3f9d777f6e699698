//! A field's value as the formatter sees it: whatever the host sent (`any`), asked one question
//! at a time. Implemented for the host's `JsValue` in the browser and for `serde_json::Value` in
//! the native tests, so the formatting rules are tested without a browser.

/// The keys the formatter reads from object-shaped values. A closed list, so the browser side
/// can make each key's JS string once instead of once per read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// `value`: the usual envelope (`{id, value}`, API v4's `{value, enum_code}`).
    Value,
    /// `name`: a legal entity's name.
    Name,
    /// `enum_code` (API v4): a multitext entry's kind (`WORK`, `MOB`).
    EnumCode,
    /// `enumCode`: the same, camel-cased.
    EnumCodeCamel,
    /// `enum`: the same, older name.
    Enum,
    /// `subtype` (API v4 smart addresses: `[{value, subtype: "city"}]`).
    Subtype,
    /// `address_line_1`.
    AddressLine1,
    /// `address_line_2`.
    AddressLine2,
    /// `city`.
    City,
    /// `state`.
    State,
    /// `zip`.
    Zip,
    /// `country`.
    Country,
    /// `vat_id`: a legal entity's tax number (ИНН).
    VatId,
    /// `tax_registration_reason_code`: API v4's name of the KPP.
    TaxReason,
    /// `kpp`.
    Kpp,
    /// `address`: a legal entity's address (text or a smart address).
    Address,
    /// `type`: a field's type.
    Type,
}

impl Key {
    /// Every key, in the order of [`Key::index`].
    pub const ALL: [Key; 17] = [
        Key::Value,
        Key::Name,
        Key::EnumCode,
        Key::EnumCodeCamel,
        Key::Enum,
        Key::Subtype,
        Key::AddressLine1,
        Key::AddressLine2,
        Key::City,
        Key::State,
        Key::Zip,
        Key::Country,
        Key::VatId,
        Key::TaxReason,
        Key::Kpp,
        Key::Address,
        Key::Type,
    ];

    /// The property name.
    pub fn as_str(self) -> &'static str {
        match self {
            Key::Value => "value",
            Key::Name => "name",
            Key::EnumCode => "enum_code",
            Key::EnumCodeCamel => "enumCode",
            Key::Enum => "enum",
            Key::Subtype => "subtype",
            Key::AddressLine1 => "address_line_1",
            Key::AddressLine2 => "address_line_2",
            Key::City => "city",
            Key::State => "state",
            Key::Zip => "zip",
            Key::Country => "country",
            Key::VatId => "vat_id",
            Key::TaxReason => "tax_registration_reason_code",
            Key::Kpp => "kpp",
            Key::Address => "address",
            Key::Type => "type",
        }
    }

    /// The position in [`Key::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// What kind of value the host sent.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// `null`, `undefined`, or no value at all.
    Absent,
    /// A boolean.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A string (read with [`Value::text`] only when the content is needed).
    Text,
    /// An array.
    List,
    /// Any other object.
    Object,
    /// Something else (a function, a symbol, a bigint): shown with `String(value)`.
    Other,
}

/// A value the formatter can look into.
pub trait Value: Sized + Clone {
    /// Its kind; numbers and booleans come with their content.
    fn kind(&self) -> Kind;
    /// The content of a string (empty for anything else): a copy out of the host.
    fn text(&self) -> String;
    /// Whether it is the empty string.
    fn is_empty_text(&self) -> bool;
    /// The items of a list (empty for anything else).
    fn items(&self) -> Vec<Self>;
    /// Property `key` of an object; `None` when the value is not an object or the property is
    /// absent, `null` or `undefined`.
    fn get(&self, key: Key) -> Option<Self>;
    /// [`get`](Value::get) on a value already known to be an object (one question fewer).
    fn get_in_object(&self, key: Key) -> Option<Self> {
        self.get(key)
    }
    /// `[key, value]` pairs of an object, for shapes the formatter does not know.
    fn entries(&self) -> Vec<(String, Self)>;
    /// `String(value)`, for [`Kind::Other`].
    fn js_text(&self) -> String;
    /// Strings (each [`Kind::Text`]) joined by `, `, made where the strings live: the host
    /// joins its own strings without a copy into the wasm.
    fn comma_joined(parts: &[Self]) -> Self;
}

#[cfg(not(target_arch = "wasm32"))]
impl Value for serde_json::Value {
    fn kind(&self) -> Kind {
        use serde_json::Value as J;
        match self {
            J::Null => Kind::Absent,
            J::Bool(b) => Kind::Bool(*b),
            J::Number(n) => n.as_f64().map_or(Kind::Other, Kind::Number),
            J::String(_) => Kind::Text,
            J::Array(_) => Kind::List,
            J::Object(_) => Kind::Object,
        }
    }

    fn text(&self) -> String {
        self.as_str().unwrap_or_default().to_owned()
    }

    fn is_empty_text(&self) -> bool {
        self.as_str() == Some("")
    }

    fn items(&self) -> Vec<Self> {
        self.as_array().cloned().unwrap_or_default()
    }

    fn get(&self, key: Key) -> Option<Self> {
        self.as_object()?
            .get(key.as_str())
            .filter(|v| !v.is_null())
            .cloned()
    }

    fn entries(&self) -> Vec<(String, Self)> {
        self.as_object()
            .map(|map| map.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default()
    }

    fn js_text(&self) -> String {
        self.to_string()
    }

    fn comma_joined(parts: &[Self]) -> Self {
        let texts: Vec<&str> = parts.iter().filter_map(serde_json::Value::as_str).collect();
        serde_json::Value::String(texts.join(", "))
    }
}

#[cfg(target_arch = "wasm32")]
pub use js::read;

#[cfg(target_arch = "wasm32")]
mod js {
    use super::{Key, Kind, Value};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    #[wasm_bindgen]
    extern "C" {
        /// `String(value)`, which may throw (a `toString` that throws).
        #[wasm_bindgen(catch, js_name = String)]
        fn js_string(value: &JsValue) -> Result<String, JsValue>;
    }

    thread_local! {
        // One JS string per key for the widget's lifetime: a read is one `Reflect.get`, with no
        // string crossing into JS each time.
        static KEYS: Vec<JsValue> = Key::ALL.iter().map(|k| JsValue::from_str(k.as_str())).collect();
    }

    /// `object[key]` of an object, as it is (`undefined` when the getter throws): for the
    /// field objects the card reads directly.
    pub fn read(object: &JsValue, key: Key) -> JsValue {
        KEYS.with(|keys| js_sys::Reflect::get(object, &keys[key.index()]))
            .unwrap_or(JsValue::UNDEFINED)
    }

    impl Value for JsValue {
        fn kind(&self) -> Kind {
            // Each question is a call into JavaScript: objects (the commonest values) first.
            if self.is_object() {
                if self.is_array() {
                    Kind::List
                } else {
                    Kind::Object
                }
            } else if self.is_string() {
                Kind::Text
            } else if let Some(n) = self.as_f64() {
                Kind::Number(n)
            } else if let Some(b) = self.as_bool() {
                Kind::Bool(b)
            } else if self.is_null_or_undefined() {
                Kind::Absent
            } else {
                Kind::Other
            }
        }

        fn text(&self) -> String {
            self.as_string().unwrap_or_default()
        }

        fn is_empty_text(&self) -> bool {
            // The length alone: no copy of the string. Asked only of strings (`Text::Host`).
            self.unchecked_ref::<js_sys::JsString>().length() == 0
        }

        fn items(&self) -> Vec<Self> {
            // A copy of the list (`Array.from`), then one indexed read per item, straight into
            // the wasm's table: cheaper than a `Vec<JsValue>` return, whose glue calls back
            // into the wasm for every item's slot. Asked only of arrays (`Kind::List`).
            let Ok(array) = array_items(self) else {
                return Vec::new();
            };
            (0..array.length()).map(|i| array.get(i)).collect()
        }

        fn get(&self, key: Key) -> Option<Self> {
            if !self.is_object() {
                return None;
            }
            self.get_in_object(key)
        }

        fn get_in_object(&self, key: Key) -> Option<Self> {
            // A getter that throws reads as absent: the value is still shown, as text.
            let value = KEYS
                .with(|keys| js_sys::Reflect::get(self, &keys[key.index()]))
                .ok()?;
            (!value.is_null_or_undefined()).then_some(value)
        }

        fn entries(&self) -> Vec<(String, Self)> {
            let Ok(array) = object_entries(self) else {
                return Vec::new();
            };
            array
                .iter()
                .filter_map(|pair| {
                    let pair: js_sys::Array = pair.dyn_into().ok()?;
                    Some((pair.get(0).as_string()?, pair.get(1)))
                })
                .collect()
        }

        fn js_text(&self) -> String {
            js_string(self).unwrap_or_default()
        }

        fn comma_joined(parts: &[Self]) -> Self {
            let array: js_sys::Array = parts.iter().collect();
            COMMA.with(|comma| array.unchecked_ref::<Strings>().join(comma))
        }
    }

    thread_local! {
        static COMMA: JsValue = JsValue::from_str(", ");
    }

    #[wasm_bindgen]
    extern "C" {
        /// `Array.from`: a plain copy of a host array, whose items can be read without running
        /// host code. It may throw (a host array whose iterator throws): the list then reads
        /// as empty.
        #[wasm_bindgen(catch, js_namespace = Array, js_name = from)]
        fn array_items(array: &JsValue) -> Result<js_sys::Array, JsValue>;

        /// An array of the host's strings.
        #[wasm_bindgen(extends = js_sys::Array)]
        type Strings;

        /// `array.join(separator)`, with a separator that is already a JS string.
        #[wasm_bindgen(method)]
        fn join(this: &Strings, separator: &JsValue) -> JsValue;
    }

    #[wasm_bindgen]
    extern "C" {
        /// `Object.entries`, which runs the host's getters and may throw.
        #[wasm_bindgen(catch, js_namespace = Object, js_name = entries)]
        fn object_entries(object: &JsValue) -> Result<js_sys::Array, JsValue>;
    }
}

/// Key order checks: `Key::index` must match `Key::ALL`.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::Key;

    #[test]
    fn every_key_sits_at_its_index() {
        for (i, key) in Key::ALL.iter().enumerate() {
            assert_eq!(key.index(), i, "{key:?}");
        }
    }
}
