//! The images: the logos each kind of location needs, their formats, file and pixel sizes, and
//! the tour's images.

use super::json_lines::{element, member};
use super::rules::{self, Needed};
use super::{image, widget::shown, Checker, Doc, Severity};
use serde_json::Value;
use std::fs;
use std::path::Path;

impl Checker<'_> {
    pub(super) fn check_logos(&mut self, doc: &Doc) {
        let needed: Vec<(rules::Logo, Option<&str>)> = rules::LOGOS
            .iter()
            .filter_map(|logo| match logo.needed {
                Needed::Always => Some((*logo, None)),
                Needed::With(locations) => doc.first_of(locations).map(|l| (*logo, Some(l))),
            })
            .collect();
        if !self.files.iter().any(|f| f.starts_with("images/")) {
            let severity = if needed.iter().any(|(l, _)| l.missing == Severity::Error) {
                Severity::Error
            } else {
                Severity::Warning
            };
            let list: Vec<String> = needed
                .iter()
                .map(|(l, _)| format!("{}.png ({}x{})", l.name, l.width, l.height))
                .collect();
            self.on_file(
                severity,
                "images/",
                format!(
                    "is missing: the vendor asks this widget for {}",
                    list.join(", ")
                ),
            );
            return;
        }
        for logo in rules::LOGOS {
            let found = rules::IMAGE_EXTENSIONS
                .iter()
                .map(|ext| format!("images/{}.{ext}", logo.name))
                .find(|f| self.files.contains(f));
            let reason = needed
                .iter()
                .find(|(l, _)| l.name == logo.name)
                .map(|(_, why)| *why);
            let png = format!("images/{}.png", logo.name);
            match (found, reason) {
                (None, Some(why)) => {
                    let why = match why {
                        None if logo.missing == Severity::Error => "every widget needs it".into(),
                        None => "the vendor asks every widget for it".into(),
                        Some(location) => format!("location `{location}` needs it"),
                    };
                    let message = format!("is missing: {why} ({}x{} px)", logo.width, logo.height);
                    self.on_file(logo.missing, &png, message);
                }
                (None, None) => {}
                (Some(file), _) => {
                    if file != png {
                        self.push(
                            Severity::Warning,
                            &file,
                            None,
                            None,
                            format!("the vendor's pages name this logo `{png}`"),
                            Some(format!("save it as {png}")),
                        );
                    }
                    self.check_image(&file, Some((logo.width, logo.height)));
                }
            }
        }
    }

    /// Format, file size and, when `want` says, pixel size of an image in the archive.
    pub(super) fn check_image(&mut self, file: &str, want: Option<(u32, u32)>) {
        let Ok(bytes) = fs::read(self.dir.join(file)) else {
            self.on_file(Severity::Error, file, "cannot be read");
            return;
        };
        let len = bytes.len() as u64;
        if len > rules::MAX_IMAGE_BYTES {
            self.on_file(
                Severity::Warning,
                file,
                format!(
                    "is {} KB; the vendor accepts at most {} KB",
                    len.div_ceil(1024),
                    rules::MAX_IMAGE_BYTES / 1024
                ),
            );
        }
        let Some(sniffed) = image::sniff(&bytes) else {
            self.on_file(Severity::Error, file, "is not a PNG, JPEG or GIF image");
            return;
        };
        let extension = Path::new(file)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        if !sniffed.format.named_by(&extension) {
            self.push(
                Severity::Warning,
                file,
                None,
                None,
                format!("is a {} image named .{extension}", sniffed.format),
                Some(format!("save it as a real .{extension}")),
            );
        }
        match (sniffed.size, want) {
            (None, _) => self.on_file(Severity::Warning, file, "its pixel size cannot be read"),
            (Some((w, h)), Some((width, height))) if (w, h) != (width, height) => self.on_file(
                Severity::Warning,
                file,
                format!("is {w}x{h} px; the vendor's rules want {width}x{height} px"),
            ),
            _ => {}
        }
    }

    /// `tour.tour_images`: `{locale: ["/images/tour_1.png", …]}`, paths from the archive root.
    pub(super) fn check_tour(&mut self, doc: &Doc) {
        let json = &doc.file;
        let Some(images) = doc.get(&["tour", "tour_images"]) else {
            return;
        };
        let Value::Object(by_locale) = images else {
            let message = format!(
                "should be an object of image lists by locale, found {}",
                shown(images)
            );
            self.at(Severity::Error, json, "tour.tour_images", message, None);
            return;
        };
        for (locale, list) in by_locale {
            let list_path = member("tour.tour_images", locale);
            let Value::Array(paths) = list else {
                let message = format!("should be an array of image paths, found {}", shown(list));
                self.at(Severity::Error, json, &list_path, message, None);
                continue;
            };
            for (i, path) in paths.iter().enumerate() {
                let at = element(&list_path, i);
                let Some(path) = path.as_str() else {
                    let message = format!("should be an image path, found {}", shown(path));
                    self.at(Severity::Error, json, &at, message, None);
                    continue;
                };
                if path.starts_with("https://") || path.starts_with("http://") {
                    continue;
                }
                let file = path.trim_start_matches('/');
                if self.files.iter().any(|f| f == file) {
                    self.check_image(file, None);
                } else {
                    self.at(
                        Severity::Error,
                        json,
                        &at,
                        format!("`{path}` is not in the archive"),
                        None,
                    );
                }
            }
        }
    }
}
