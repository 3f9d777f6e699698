//! The HTML the app's WebView shows: small, phone-first, and with every untrusted string escaped.

use std::fmt::Write as _;

/// Escapes text for HTML element content and double- or single-quoted attributes.
///
/// ```
/// assert_eq!(
///     mobile_card::page::escape(r#"<img src=x onerror="a('b')">&"#),
///     "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;"
/// );
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Close to the iOS app: system font, grouped rows on a light grey background, no decoration.
const STYLE: &str = "\
:root{color-scheme:light dark;--bg:#f2f2f7;--card:#fff;--text:#1c1c1e;--muted:#6e6e73;--line:#e5e5ea}\
@media (prefers-color-scheme:dark){:root{--bg:#000;--card:#1c1c1e;--text:#f2f2f7;--muted:#98989f;--line:#38383a}}\
*{box-sizing:border-box}\
body{margin:0;padding:16px;background:var(--bg);color:var(--text);\
font:17px/1.35 -apple-system,BlinkMacSystemFont,\"SF Pro Text\",\"Helvetica Neue\",Arial,sans-serif;\
-webkit-text-size-adjust:100%}\
h1{font-size:22px;font-weight:600;margin:4px 4px 12px}\
.group{background:var(--card);border-radius:12px;overflow:hidden;margin-bottom:16px}\
.row{display:flex;justify-content:space-between;gap:12px;padding:12px 16px;border-bottom:1px solid var(--line)}\
.row:last-child{border-bottom:0}\
.label{color:var(--muted)}\
.value{text-align:right;overflow-wrap:anywhere}\
.note{color:var(--muted);font-size:13px;margin:0 4px}";

fn document(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1, viewport-fit=cover\">\
         <title>{}</title><style>{STYLE}</style></head><body>{body}</body></html>",
        escape(title)
    )
}

/// What the card shows about a verified request.
#[derive(Debug, Clone, Default)]
pub struct CardView {
    /// `data.entity_type`, as sent.
    pub entity_type: Option<String>,
    /// `data.entity_id`.
    pub entity_id: Option<i64>,
    /// The account's subdomain.
    pub subdomain: Option<String>,
    /// `account_id`.
    pub account_id: Option<i64>,
    /// `user_id`.
    pub user_id: Option<i64>,
    /// The `from` query parameter (the app's platform).
    pub platform: Option<String>,
}

/// A human name for the documented entity types; anything else is shown as sent.
fn entity_label(entity_type: &str) -> &str {
    match entity_type {
        "leads" | "lead" => "Lead",
        "customers" | "customer" => "Customer",
        "contacts" | "contact" => "Contact",
        "companies" | "company" => "Company",
        other => other,
    }
}

/// The page for a verified token.
pub fn card(view: &CardView) -> String {
    let mut rows = String::new();
    let mut row = |label: &str, value: Option<String>, id: &str| {
        if let Some(value) = value {
            let _ = write!(
                rows,
                "<div class=\"row\"><span class=\"label\">{}</span>\
                 <span class=\"value\" id=\"{id}\">{}</span></div>",
                escape(label),
                escape(&value)
            );
        }
    };
    let kind = view.entity_type.as_deref().map(entity_label);
    row("Entity", kind.map(String::from), "entity-type");
    row("ID", view.entity_id.map(|id| id.to_string()), "entity-id");
    row("Account", view.subdomain.clone(), "account");
    row(
        "Account ID",
        view.account_id.map(|id| id.to_string()),
        "account-id",
    );
    row("User ID", view.user_id.map(|id| id.to_string()), "user-id");
    row("Opened from", view.platform.clone(), "platform");
    let title = match (kind, view.entity_id) {
        (Some(kind), Some(id)) => format!("{kind} #{id}"),
        (Some(kind), None) => kind.to_owned(),
        _ => "Card".to_owned(),
    };
    document(
        &title,
        &format!(
            "<h1>{}</h1><div class=\"group\">{rows}</div>\
             <p class=\"note\">Verified with the integration's secret.</p>",
            escape(&title)
        ),
    )
}

/// The page for 503: the token could not be checked (the shared replay store is down).
pub fn unavailable() -> String {
    document(
        "Try again",
        "<h1>Try again in a moment</h1><div class=\"group\"><div class=\"row\">\
         <span class=\"value\" id=\"reason\" style=\"text-align:left\">The card cannot be \
         opened right now.</span></div></div>\
         <p class=\"note\">Close the card and open it again in a moment.</p>",
    )
}

/// The 401 page: what went wrong, in words, and what to do.
pub fn unauthorized(reason: &str) -> String {
    document(
        "Access denied",
        &format!(
            "<h1>Access denied</h1><div class=\"group\"><div class=\"row\">\
             <span class=\"value\" id=\"reason\" style=\"text-align:left\">{}</span></div></div>\
             <p class=\"note\">Close the card and open it again from the app to get a new link.</p>",
            escape(reason)
        ),
    )
}
