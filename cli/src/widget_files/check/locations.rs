//! `locations`: documented names and suffixes, repeats, and what some locations need beside
//! them (a file, a manifest object).

use super::json_lines::{element, member};
use super::rules::{self, Suffix};
use super::{is_absolute_https, is_hex_color, suggest, Checker, Doc, Severity};
use serde_json::Value;

impl Checker<'_> {
    pub(super) fn check_locations(&mut self, doc: &Doc) {
        let json = &doc.file;
        let listed = json.value.get("locations");
        if listed.is_none_or(|l| l.as_array().is_some_and(Vec::is_empty)) {
            self.at(
                Severity::Error,
                json,
                "locations",
                "no locations: the widget would appear nowhere",
                None,
            );
        }
        let known: Vec<&str> = rules::LOCATIONS.iter().map(|(name, _)| *name).collect();
        let mut seen: Vec<(&str, &str, usize)> = Vec::new();
        for (index, location) in &doc.locations {
            let path = element("locations", *index);
            let (base, suffix) = split_suffix(location);
            let Some(&(_, takes)) = rules::LOCATIONS.iter().find(|(name, _)| *name == base) else {
                let suggestion = suggest::closest(base, &known).map(|name| {
                    let takes_suffix = rules::LOCATIONS
                        .iter()
                        .any(|&(n, s)| n == name && s == Suffix::Optional);
                    match suffix {
                        Some(s) if takes_suffix => format!("did you mean `{name}-{s}`?"),
                        _ => format!("did you mean `{name}`?"),
                    }
                });
                self.at(
                    Severity::Error,
                    json,
                    &path,
                    format!("`{location}` is not a documented location"),
                    suggestion,
                );
                continue;
            };
            match (takes, suffix) {
                (Suffix::None, Some(_)) => self.at(
                    Severity::Warning,
                    json,
                    &path,
                    format!("`{base}` takes no -0/-1 suffix"),
                    Some(format!("write `{base}`")),
                ),
                (Suffix::Optional, Some(s)) if s != "0" && s != "1" => self.at(
                    Severity::Error,
                    json,
                    &path,
                    format!("`{location}`: the suffix is -1 (right column) or -0 (none)"),
                    None,
                ),
                _ => {}
            }
            if let Some(&(_, first, at)) = seen.iter().find(|(b, _, _)| *b == base) {
                let first_path = element("locations", at);
                self.at(
                    Severity::Warning,
                    json,
                    &path,
                    format!("`{location}` repeats `{first}` ({first_path})"),
                    Some("list each location once".into()),
                );
            } else {
                seen.push((base, location, *index));
            }
        }
        if doc.has("card_sdk") && doc.first_of(rules::CARD_LOCATIONS).is_none() {
            self.at(
                Severity::Warning,
                json,
                &doc.location_path("card_sdk"),
                "`card_sdk` works in the cards listed beside it, and none is",
                Some("add `lcard`, `ccard` or `comcard`".into()),
            );
        }
    }

    /// Locations that need a file or a manifest object.
    pub(super) fn check_location_needs(&mut self, doc: &Doc) {
        let json = &doc.file;
        let page_js = self.files.iter().any(|f| f == "personal_page.js");
        match (doc.has("personal_page"), page_js) {
            (true, false) => self.at(
                Severity::Error,
                json,
                &doc.location_path("personal_page"),
                "location `personal_page` needs `personal_page.js` at the archive root",
                None,
            ),
            (false, true) => self.on_file(
                Severity::Error,
                "personal_page.js",
                "is at the archive root but `locations` does not list `personal_page`",
            ),
            _ => {}
        }
        let script_js = self.files.iter().any(|f| f == "script.js");
        let loads_script = doc.locations.iter().find(|(_, l)| {
            let base = split_suffix(l).0;
            !rules::WITHOUT_SCRIPT.contains(&base)
                && rules::LOCATIONS.iter().any(|(name, _)| *name == base)
        });
        if let (Some((index, location)), false) = (loads_script, script_js) {
            self.at(
                Severity::Error,
                json,
                &element("locations", *index),
                format!("location `{location}` loads `script.js`, which is missing"),
                None,
            );
        }
        for &(location, key, severity, detail) in rules::LOCATION_OBJECTS {
            if doc.has(location) && json.value.get(key).is_none() {
                self.at(
                    severity,
                    json,
                    &doc.location_path(location),
                    format!("location `{location}` needs a `{key}` object{detail}"),
                    None,
                );
            }
        }
        if json.value.get("mobile").is_some_and(Value::is_object) && !doc.has("mobile_card") {
            self.at(
                Severity::Warning,
                json,
                "mobile",
                "a `mobile` object without the `mobile_card` location is ignored",
                None,
            );
        }
        let Some(mobile) = json.value.get("mobile").filter(|m| m.is_object()) else {
            return;
        };
        let model = doc.model.mobile.as_ref();
        // Each key: its well-typed value, what a valid one is, and how to say so.
        type Rule<'a> = (&'a str, Option<&'a str>, fn(&str) -> bool, &'a str);
        let keys: [Rule; 2] = [
            (
                "frame_url",
                model.and_then(|m| m.frame_url.as_deref()),
                is_absolute_https,
                "an absolute https URL",
            ),
            (
                "color",
                model.and_then(|m| m.color.as_deref()),
                is_hex_color,
                "a #RRGGBB colour",
            ),
        ];
        for (key, read, valid, what) in keys {
            if mobile.get(key).is_none() {
                let missing = format!("`{key}` is missing");
                self.at(Severity::Error, json, "mobile", missing, None);
            } else if let Some(value) = read.filter(|v| !valid(v)) {
                let path = member("mobile", key);
                let wrong = format!("must be {what}, found {value:?}");
                self.at(Severity::Error, json, &path, wrong, None);
            }
        }
    }
}

/// `lcard-1` → (`lcard`, Some(`1`)); `everywhere` → (`everywhere`, None).
pub(super) fn split_suffix(location: &str) -> (&str, Option<&str>) {
    match location.rsplit_once('-') {
        Some((base, suffix))
            if !base.is_empty()
                && !suffix.is_empty()
                && suffix.bytes().all(|b| b.is_ascii_digit()) =>
        {
            (base, Some(suffix))
        }
        _ => (location, None),
    }
}
