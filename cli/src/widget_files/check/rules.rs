//! The vendor's rules, as data: one line per rule, each table naming its source, so that a rule
//! the vendor changes is corrected in one line.
//!
//! Sources (the vendor's developer pages, Russian and English editions):
//! - AREAS: amocrm.ru/developers/content/integrations/areas and developers.kommo.com/docs/widget-locations
//! - STRUCTURE: amocrm.ru/developers/content/integrations/structure (archive layout, images)
//! - MANIFEST: developers.kommo.com/docs/manifest-json (keys, `tour`, `advanced`)
//! - FIELD_TYPES: developers.kommo.com/docs/field-types and the widgets API's `settings_template`
//! - SALESBOT: amocrm.ru/developers/content/web_sdk/salesbot-2
//! - PERSONAL_PAGE: amocrm.ru/developers/content/web/sdk/personal/page ("Кабинет клиента")
//! - MOBILE: amocrm.ru/developers/content/integrations/mobile-widgets ("Виджеты на мобильных
//!   устройствах")

use super::Severity::{self, Error, Warning};
use Pattern as P;

/// How a location takes the right-panel suffix (`lcard-1` shows the widget in the card's right
/// column, `lcard-0` only initialises it; bare `lcard` means `-1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suffix {
    /// `-0` / `-1` optional.
    Optional,
    /// No suffix: the area has no right column (`everywhere` "does not accept this parameter").
    None,
}

/// Every documented location. AREAS, plus `personal_page` (PERSONAL_PAGE), `mobile_card`
/// (MOBILE), `salesbot_designer` (SALESBOT); `widget_page` and `website_chat_button` are in the
/// Kommo edition of AREAS, `whatsapp_modal` and `amoforms` in the amoCRM one.
pub const LOCATIONS: &[(&str, Suffix)] = &[
    ("lcard", Suffix::Optional),
    ("cucard", Suffix::Optional),
    ("ccard", Suffix::Optional),
    ("comcard", Suffix::Optional),
    ("llist", Suffix::Optional),
    ("culist", Suffix::Optional),
    ("clist", Suffix::Optional),
    ("tlist", Suffix::Optional),
    ("settings", Suffix::None),
    ("advanced_settings", Suffix::None),
    ("card_sdk", Suffix::None),
    ("catalogs", Suffix::None),
    ("digital_pipeline", Suffix::None),
    ("lead_sources", Suffix::None),
    ("whatsapp_modal", Suffix::None),
    ("everywhere", Suffix::None),
    ("sms", Suffix::None),
    ("mobile_card", Suffix::None),
    ("amoforms", Suffix::None),
    ("salesbot_designer", Suffix::None),
    ("personal_page", Suffix::None),
    ("widget_page", Suffix::None),
    ("website_chat_button", Suffix::None),
];

/// Locations that do not load `script.js`: the client cabinet loads `personal_page.js`
/// (PERSONAL_PAGE), the app opens a frame (MOBILE), the settings form is drawn from the
/// manifest, SMS sending happens on the integration's side. Every other location loads it
/// (STRUCTURE: "script.js ... будет подключен ... в указанных в manifest.json областях
/// (обязательный файл)").
pub(crate) const WITHOUT_SCRIPT: &[&str] = &["personal_page", "mobile_card", "settings", "sms"];

/// The card areas: `card_sdk` needs one of them (AREAS), and they need `logo_medium` and
/// `logo_min` (STRUCTURE: "обязательно, если виджет работает в карточках").
pub(crate) const CARD_LOCATIONS: &[&str] = &["lcard", "ccard", "comcard", "cucard"];

/// Which locations need a logo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Needed {
    /// Every widget.
    Always,
    /// A widget with one of these locations (suffixes ignored).
    With(&'static [&'static str]),
}

/// One logo in `images/`: file stem, pixel size, when it is needed and how bad its absence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Logo {
    /// `logo_main` for `images/logo_main.png`.
    pub(crate) name: &'static str,
    /// Width in pixels.
    pub(crate) width: u32,
    /// Height in pixels.
    pub(crate) height: u32,
    /// When it must be there.
    pub(crate) needed: Needed,
    /// The finding when it is needed and missing.
    pub(crate) missing: Severity,
}

/// STRUCTURE: logo_main and logo_small "обязательны к отгрузке с ноября 2018 года"; logo.png
/// "также необходимо загрузить ... для поддержки старых версий" (only old cabinets show it);
/// logo_medium / logo_min for cards; logo_dp "если у виджета стоит область digital_pipeline".
pub(crate) const LOGOS: &[Logo] = &[
    logo("logo_main", 400, 272, Needed::Always, Error),
    logo("logo_small", 108, 108, Needed::Always, Error),
    logo("logo", 130, 100, Needed::Always, Warning),
    logo("logo_medium", 240, 84, Needed::With(CARD_LOCATIONS), Error),
    logo("logo_min", 84, 84, Needed::With(CARD_LOCATIONS), Error),
    logo(
        "logo_dp",
        174,
        109,
        Needed::With(&["digital_pipeline"]),
        Error,
    ),
];

const fn logo(
    name: &'static str,
    width: u32,
    height: u32,
    needed: Needed,
    missing: Severity,
) -> Logo {
    Logo {
        name,
        width,
        height,
        needed,
        missing,
    }
}

/// STRUCTURE: images "в формате (png, jpeg, jpg или gif)"; the names it gives end in `.png`,
/// which is the spelling looked for first.
pub(crate) const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif"];

/// STRUCTURE: "Размер каждого файла не должен превышать 300 КБ".
pub(crate) const MAX_IMAGE_BYTES: u64 = 300 * 1024;

/// MANIFEST: the `widget` keys every example carries. The platform identifies and updates a
/// widget by its name and version; the catalog shows the descriptions; `interface_version` is
/// `2` in every example and widgets in the wild omit it without the platform saying anything.
pub(crate) const WIDGET_KEYS: &[(&str, Severity)] = &[
    ("name", Error),
    ("version", Error),
    ("description", Warning),
    ("short_description", Warning),
    ("interface_version", Warning),
];

/// FIELD_TYPES: the `type` of a top-level `settings` field. The `dp` action's and the salesbot
/// handlers' fields are drawn by other forms, whose types these pages do not list: not checked.
pub(crate) const SETTING_TYPES: &[&str] = &["text", "pass", "users", "users_lp", "custom"];

/// Manifest strings that name an i18n key (`*` is any member): MANIFEST (`widget`,
/// `tour.tour_description`, `settings`), the `dp` action's settings, SALESBOT (handlers and
/// their fields), and `advanced.title`, the title widgets with `advanced_settings` give that
/// page (not on the pages above; the issue that asked for these checks names it).
pub(crate) const I18N_REFERENCES: &[&str] = &[
    "widget.name",
    "widget.description",
    "widget.short_description",
    "tour.tour_description",
    "advanced.title",
    "settings.*.name",
    "dp.settings.*.name",
    "salesbot_designer.*.name",
    "salesbot_designer.*.settings.*.name",
];

/// Locations that need a manifest object to work: PERSONAL_PAGE is checked on its own (it
/// needs a file), MOBILE needs `mobile`, SALESBOT needs `salesbot_designer`.
pub(crate) const LOCATION_OBJECTS: &[(&str, &str, Severity, &str)] = &[
    (
        "mobile_card",
        "mobile",
        Error,
        " with `frame_url` and `color`",
    ),
    (
        "salesbot_designer",
        "salesbot_designer",
        Error,
        " describing its handlers",
    ),
    // The digital pipeline action works without settings; most have a `dp` object.
    (
        "digital_pipeline",
        "dp",
        Warning,
        " for its action settings",
    ),
];

/// Files that do not belong in an upload, left out by `pack` (matched on the file name).
/// A file or folder whose name starts with `.` (`.git`, `.DS_Store`, `.idea`) is left out too.
pub(crate) const LEFT_OUT: &[(&[Pattern], &str)] = &[
    (&[P::Suffix(".zip")], "an archive, likely a stale build"),
    (&[P::Suffix(".zip.partial")], "an unfinished archive"),
    (&[P::Suffix("~")], "an editor backup"),
    (
        &[P::Suffix(".swp"), P::Suffix(".swo")],
        "an editor swap file",
    ),
    (&[P::Suffix(".bak")], "a backup"),
    (&[P::Suffix(".orig")], "a merge leftover"),
    (&[P::Suffix(".rej")], "a patch leftover"),
    (&[P::Enclosed('#')], "an editor autosave"),
    (&[P::Exact("Thumbs.db")], "an OS thumbnail cache"),
    (&[P::Exact("desktop.ini")], "an OS folder setting"),
    (&[P::Exact("__MACOSX")], "an OS archive leftover"),
];

/// How a [`LEFT_OUT`] rule matches a file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pattern {
    /// The name ends with this.
    Suffix(&'static str),
    /// The name starts and ends with this character (`#file#`).
    Enclosed(char),
    /// The whole name.
    Exact(&'static str),
}

impl Pattern {
    /// Whether `name` (one path component) matches.
    pub(crate) fn matches(self, name: &str) -> bool {
        match self {
            Pattern::Suffix(s) => name.len() > s.len() && name.ends_with(s),
            Pattern::Enclosed(c) => name.len() > 2 && name.starts_with(c) && name.ends_with(c),
            Pattern::Exact(s) => name == s,
        }
    }
}

/// Why `name` is left out of an upload, if it is.
pub(crate) fn left_out(name: &str) -> Option<&'static str> {
    if name.starts_with('.') {
        return Some("hidden");
    }
    LEFT_OUT
        .iter()
        .find(|(patterns, _)| patterns.iter().any(|p| p.matches(name)))
        .map(|&(_, why)| why)
}
