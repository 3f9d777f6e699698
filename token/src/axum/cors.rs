//! CORS for a widget's back end: the browser lets the cabinet's page read an answer only from a
//! server that names the page's origin, so the origins are an allow-list, never `*`.

use axum::http::{HeaderValue, Method};
use std::fmt;
use std::sync::Arc;
use std::time::Duration;
use tower_http::cors::{AllowHeaders, AllowMethods, AllowOrigin, CorsLayer};

/// The accounts' origins: every account of the vendor lives on a subdomain of one of these.
pub const VENDOR_ORIGINS: [&str; 3] = [
    "https://*.amocrm.ru",
    "https://*.amocrm.com",
    "https://*.kommo.com",
];

/// The origins a back end answers, each exact (`http://127.0.0.1:8000`) or one wildcard
/// subdomain level and deeper (`https://*.amocrm.ru`), and the methods it allows.
///
/// Matching is on the parsed origin, not on text: scheme, host and port must all match, so
/// `https://*.amocrm.ru` accepts `https://acme.amocrm.ru` but neither
/// `https://evil.amocrm.ru.attacker.com`, `http://acme.amocrm.ru`, `https://acme.amocrm.ru:8443`
/// nor `https://amocrm.ru` itself.
///
/// ```
/// use amocrm_widget_token::axum::AllowedOrigins;
/// let origins = AllowedOrigins::vendor().origin("http://127.0.0.1:8000")?;
/// assert!(origins.allows("https://acme.kommo.com"));
/// assert!(origins.allows("http://127.0.0.1:8000"));
/// assert!(!origins.allows("https://acme.amocrm.ru.attacker.com"));
/// assert!(!origins.allows("http://acme.amocrm.ru"));
/// let layer: tower_http::cors::CorsLayer = origins.layer();
/// # Ok::<(), amocrm_widget_token::axum::InvalidOrigin>(())
/// ```
#[derive(Debug, Clone)]
pub struct AllowedOrigins {
    patterns: Vec<Pattern>,
    methods: Vec<Method>,
}

/// An origin pattern that is not `scheme://host[:port]` (scheme `http` or `https`, a host of
/// letters, digits, `-` and `.`, optionally starting with `*.`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an origin pattern (scheme://host[:port], host may start with `*.`): {0:?}")]
pub struct InvalidOrigin(pub String);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Origin {
    https: bool,
    host: String,
    /// `None` for the scheme's default port (browsers leave it out of `Origin`).
    port: Option<u16>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Pattern {
    origin: Origin,
    /// `*.` before the host: any subdomain of it, at any depth, but not the host itself.
    any_subdomain: bool,
}

fn is_host(host: &str) -> bool {
    !host.is_empty()
        && host.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

impl Origin {
    fn parse(text: &str) -> Option<Origin> {
        let text = text.to_ascii_lowercase();
        let (https, rest) = if let Some(rest) = text.strip_prefix("https://") {
            (true, rest)
        } else {
            (false, text.strip_prefix("http://")?)
        };
        let (host, port) = match rest.rsplit_once(':') {
            Some((host, port)) => {
                let port: u16 = port.parse().ok()?;
                let default = if https { 443 } else { 80 };
                (host, (port != default).then_some(port))
            }
            None => (rest, None),
        };
        is_host(host).then(|| Origin {
            https,
            host: host.to_owned(),
            port,
        })
    }
}

impl Pattern {
    fn parse(text: &str) -> Option<Pattern> {
        let (any_subdomain, exact) = match text.split_once("://*.") {
            Some((scheme, rest)) => (true, format!("{scheme}://{rest}")),
            None => (false, text.to_owned()),
        };
        let origin = Origin::parse(&exact)?;
        // `*.ru` would open every account of every service on the zone.
        if any_subdomain && !origin.host.contains('.') {
            return None;
        }
        Some(Pattern {
            origin,
            any_subdomain,
        })
    }

    fn matches(&self, origin: &Origin) -> bool {
        let (want, host) = (&self.origin, origin.host.as_str());
        let host_matches = if self.any_subdomain {
            host.strip_suffix(want.host.as_str())
                .and_then(|prefix| prefix.strip_suffix('.'))
                .is_some_and(|prefix| !prefix.is_empty())
        } else {
            host == want.host
        };
        host_matches && want.https == origin.https && want.port == origin.port
    }
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = if self.origin.https { "https" } else { "http" };
        let star = if self.any_subdomain { "*." } else { "" };
        write!(f, "{scheme}://{star}{}", self.origin.host)?;
        match self.origin.port {
            Some(port) => write!(f, ":{port}"),
            None => Ok(()),
        }
    }
}

impl AllowedOrigins {
    /// No origin at all: add each with [`origin`](Self::origin).
    pub fn none() -> Self {
        AllowedOrigins {
            patterns: Vec::new(),
            methods: vec![Method::GET, Method::POST],
        }
    }

    /// The vendor's account domains ([`VENDOR_ORIGINS`]), methods `GET` and `POST`.
    pub fn vendor() -> Self {
        VENDOR_ORIGINS
            .iter()
            .fold(Self::none(), |origins, pattern| {
                origins
                    .origin(pattern)
                    .expect("the vendor's patterns parse")
            })
    }

    /// Adds an origin, exact (`http://127.0.0.1:8000`, the local cabinet of `amo-widget
    /// serve`) or with a wildcard subdomain (`https://*.example.com`).
    pub fn origin(mut self, pattern: &str) -> Result<Self, InvalidOrigin> {
        let parsed = Pattern::parse(pattern).ok_or_else(|| InvalidOrigin(pattern.into()))?;
        self.patterns.push(parsed);
        Ok(self)
    }

    /// The methods a cross-origin request may use (default `GET` and `POST`).
    pub fn methods(mut self, methods: impl IntoIterator<Item = Method>) -> Self {
        self.methods = methods.into_iter().collect();
        self
    }

    /// Whether a request from `origin` (an `Origin` header's value) may be answered.
    pub fn allows(&self, origin: &str) -> bool {
        Origin::parse(origin).is_some_and(|origin| self.patterns.iter().any(|p| p.matches(&origin)))
    }

    /// The patterns, as they would be written (lowercase, default ports left out).
    pub fn patterns(&self) -> Vec<String> {
        self.patterns.iter().map(ToString::to_string).collect()
    }

    /// A tower-http layer answering preflights and naming the origin for allowed origins only,
    /// with the headers a widget's call needs (`Authorization`, `Content-Type`) and no
    /// credentials (the token travels in `Authorization`, never in a cookie). An origin not
    /// allowed gets no `Access-Control-Allow-Origin`, so its page cannot read the answer.
    pub fn layer(self) -> CorsLayer {
        let methods = self.methods.clone();
        let origins = Arc::new(self);
        CorsLayer::new()
            .allow_origin(AllowOrigin::predicate(
                move |origin: &HeaderValue, _request| {
                    origin.to_str().is_ok_and(|origin| origins.allows(origin))
                },
            ))
            .allow_methods(AllowMethods::list(methods))
            .allow_headers(AllowHeaders::list([
                axum::http::header::AUTHORIZATION,
                axum::http::header::CONTENT_TYPE,
            ]))
            .max_age(Duration::from_secs(600))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_match_subdomains_of_the_same_scheme_and_port_only() {
        let origins = AllowedOrigins::vendor()
            .origin("http://127.0.0.1:8000")
            .unwrap();
        for allowed in [
            "https://acme.amocrm.ru",
            "https://ACME.amocrm.ru",
            "https://a.b.amocrm.com",
            "https://acme.kommo.com:443",
            "http://127.0.0.1:8000",
        ] {
            assert!(origins.allows(allowed), "{allowed}");
        }
        for refused in [
            "https://evil.amocrm.ru.attacker.com",
            "https://evilamocrm.ru",
            "https://amocrm.ru",
            "http://acme.amocrm.ru",
            "https://acme.amocrm.ru:8443",
            "https://acme.amocrm.ru/",
            "https://user@acme.amocrm.ru",
            "https://.amocrm.ru",
            "http://127.0.0.1:8001",
            "http://127.0.0.1",
            "null",
            "",
        ] {
            assert!(!origins.allows(refused), "{refused}");
        }
    }

    #[test]
    fn patterns_are_checked_when_added() {
        for bad in [
            "*.amocrm.ru",
            "https://*.ru",
            "ftp://x.io",
            "https://x.io/path",
            "https://*",
        ] {
            assert_eq!(
                AllowedOrigins::none().origin(bad).unwrap_err(),
                InvalidOrigin(bad.into())
            );
        }
        let origins = AllowedOrigins::none()
            .origin("HTTPS://*.Example.com:443")
            .unwrap();
        assert_eq!(origins.patterns(), ["https://*.example.com"]);
    }
}
