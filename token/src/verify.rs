//! Verifying a token with the integration's secret (native `server` feature only).

use crate::{unverified, Claims, ReplayGuard, TokenError};
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Checks tokens signed with the integration's `client_secret`.
///
/// HS256 only: `none`, RS256 and every other algorithm are refused before any key is used,
/// so a token cannot pick how it is checked. `exp` is required (see [`require_exp`](Self::require_exp));
/// `exp`/`nbf` allow [`leeway`](Self::leeway) (default 30 s) for clock skew. Each failed check
/// has its own [`TokenError`] variant.
///
/// [`check`](Self::check) runs every check but the replay guard, synchronously (the CLI, a
/// token shown to a developer); [`verify`](Self::verify) runs them all, the replay guard last,
/// and is what a back end answering requests calls.
///
/// ```
/// use amocrm_widget_token::{InMemoryReplayGuard, TokenError, Verifier};
/// use std::time::Duration;
/// let verifier = Verifier::new(b"client-secret".as_slice())?
///     .audience("https://external.integration.io")
///     .subdomain("subdomain")
///     .leeway(Duration::from_secs(10))
///     .replay_guard(InMemoryReplayGuard::new(100_000));
/// // A token signed with another secret is refused, with the reason.
/// let forged = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDB9.\
///               AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
/// assert_eq!(verifier.check(forged), Err(TokenError::BadSignature));
/// # Ok::<(), TokenError>(())
/// ```
pub struct Verifier {
    key: DecodingKey,
    validation: Validation,
    leeway: i64,
    require_exp: bool,
    audience: Option<String>,
    issuer: Option<String>,
    subdomain: Option<String>,
    client_uuid: Option<String>,
    replay: Option<Arc<dyn ReplayGuard>>,
}

impl fmt::Debug for Verifier {
    /// Never shows the secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("secret", &"<redacted>")
            .field("leeway", &self.leeway)
            .field("require_exp", &self.require_exp)
            .field("audience", &self.audience)
            .field("issuer", &self.issuer)
            .field("subdomain", &self.subdomain)
            .field("client_uuid", &self.client_uuid)
            .field("replay_guard", &self.replay.is_some())
            .finish()
    }
}

/// The current time in unix seconds (0 if the clock is before 1970).
fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

fn same_url(a: &str, b: &str) -> bool {
    a.trim_end_matches('/') == b.trim_end_matches('/')
}

impl Verifier {
    /// A verifier for tokens signed with `secret` (the integration's `client_secret`).
    ///
    /// ```
    /// use amocrm_widget_token::{TokenError, Verifier};
    /// assert!(Verifier::new("secret").is_ok());
    /// assert_eq!(Verifier::new("").unwrap_err(), TokenError::EmptySecret);
    /// ```
    pub fn new(secret: impl AsRef<[u8]>) -> Result<Self, TokenError> {
        let secret = secret.as_ref();
        if secret.is_empty() {
            return Err(TokenError::EmptySecret);
        }
        // The library checks the algorithm and the HMAC; the claim policy is ours, for one
        // typed error per reason and a clock the caller can set.
        let mut validation = Validation::new(Algorithm::HS256);
        validation.validate_exp = false;
        validation.validate_nbf = false;
        validation.validate_aud = false;
        validation.required_spec_claims.clear();
        validation.leeway = 0;
        Ok(Self {
            key: DecodingKey::from_secret(secret),
            validation,
            leeway: 30,
            require_exp: true,
            audience: None,
            issuer: None,
            subdomain: None,
            client_uuid: None,
            replay: None,
        })
    }

    /// Clock skew allowed on `exp` and `nbf` (default 30 seconds).
    pub fn leeway(mut self, leeway: Duration) -> Self {
        self.leeway = i64::try_from(leeway.as_secs()).unwrap_or(i64::MAX);
        self
    }

    /// Whether a token without `exp` is refused (default `true`: disposable tokens expire).
    pub fn require_exp(mut self, require: bool) -> Self {
        self.require_exp = require;
        self
    }

    /// Requires `aud` to be this base URL (the integration's `redirect_uri` base; a trailing
    /// `/` is ignored).
    pub fn audience(mut self, audience: impl Into<String>) -> Self {
        self.audience = Some(audience.into());
        self
    }

    /// Requires `iss` to be this account URL, e.g. `https://subdomain.amocrm.ru`.
    pub fn issuer(mut self, issuer: impl Into<String>) -> Self {
        self.issuer = Some(issuer.into());
        self
    }

    /// Requires the account's subdomain (the `subdomain` claim, else `iss`'s first label) to
    /// be this one, ignoring ASCII case.
    pub fn subdomain(mut self, subdomain: impl Into<String>) -> Self {
        self.subdomain = Some(subdomain.into());
        self
    }

    /// Requires `client_uuid` to be this integration's UUID, ignoring ASCII case.
    pub fn client_uuid(mut self, client_uuid: impl Into<String>) -> Self {
        self.client_uuid = Some(client_uuid.into());
        self
    }

    /// Refuses a `jti` seen before (tokens must then carry `jti` and `exp`).
    pub fn replay_guard(mut self, guard: impl ReplayGuard + 'static) -> Self {
        self.replay = Some(Arc::new(guard));
        self
    }

    /// Like [`replay_guard`](Self::replay_guard), sharing a guard between verifiers.
    pub fn shared_replay_guard(mut self, guard: Arc<dyn ReplayGuard>) -> Self {
        self.replay = Some(guard);
        self
    }

    /// Checks `token` against the current system time, **without the replay guard**: for
    /// tools that look at a token once. Returns its claims if every other check passes.
    pub fn check(&self, token: &str) -> Result<Claims, TokenError> {
        self.check_at(token, unix_now())
    }

    /// Like [`check`](Self::check), as of `now` (unix seconds).
    ///
    /// ```
    /// use amocrm_widget_token::{TokenError, Verifier};
    /// let verifier = Verifier::new("secret")?;
    /// let none = "eyJhbGciOiJub25lIn0.eyJleHAiOjF9.";
    /// assert_eq!(verifier.check_at(none, 0), Err(TokenError::UnsupportedAlgorithm("none".into())));
    /// # Ok::<(), TokenError>(())
    /// ```
    pub fn check_at(&self, token: &str, now: i64) -> Result<Claims, TokenError> {
        let read = unverified(token)?;
        match read.algorithm.as_deref() {
            None => return Err(TokenError::MissingAlgorithm),
            Some("HS256") => {}
            Some(other) => return Err(TokenError::UnsupportedAlgorithm(other.into())),
        }
        jsonwebtoken::decode::<serde::de::IgnoredAny>(token, &self.key, &self.validation).map_err(
            |e| match e.kind() {
                ErrorKind::InvalidSignature => TokenError::BadSignature,
                ErrorKind::InvalidAlgorithm | ErrorKind::InvalidAlgorithmName => {
                    TokenError::UnsupportedAlgorithm(read.algorithm.clone().unwrap_or_default())
                }
                _ => TokenError::Rejected(e.to_string()),
            },
        )?;
        let claims = read.claims;
        self.check_time(&claims, now)?;
        self.check_expectations(&claims)?;
        Ok(claims)
    }

    /// Verifies `token` against the current system time: every check of
    /// [`check`](Self::check), then the replay guard if one is set. Returns its claims if
    /// all pass.
    pub async fn verify(&self, token: &str) -> Result<Claims, TokenError> {
        self.verify_at(token, unix_now()).await
    }

    /// Like [`verify`](Self::verify), as of `now` (unix seconds).
    ///
    /// ```
    /// use amocrm_widget_token::{InMemoryReplayGuard, TokenError, Verifier};
    /// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
    /// let verifier = Verifier::new("secret")?.replay_guard(InMemoryReplayGuard::new(10));
    /// assert_eq!(verifier.verify_at("", 0).await, Err(TokenError::Empty));
    /// # Ok::<(), TokenError>(()) }).unwrap();
    /// ```
    pub async fn verify_at(&self, token: &str, now: i64) -> Result<Claims, TokenError> {
        let claims = self.check_at(token, now)?;
        if let Some(guard) = &self.replay {
            let jti = claims
                .jti
                .as_deref()
                .ok_or(TokenError::MissingClaim("jti"))?;
            let exp = claims.exp.ok_or(TokenError::MissingClaim("exp"))?;
            guard
                .check_and_record(jti, exp.saturating_add(self.leeway), now)
                .await?;
        }
        Ok(claims)
    }

    /// Whether a replay guard is set (then [`verify`](Self::verify) lets each `jti` in once).
    pub fn has_replay_guard(&self) -> bool {
        self.replay.is_some()
    }

    /// Whether a token without `exp` is refused (see [`require_exp`](Self::require_exp)).
    pub fn requires_exp(&self) -> bool {
        self.require_exp
    }

    fn check_time(&self, claims: &Claims, now: i64) -> Result<(), TokenError> {
        match claims.exp {
            Some(exp) if now >= exp.saturating_add(self.leeway) => {
                return Err(TokenError::Expired { exp, now })
            }
            None if self.require_exp => return Err(TokenError::MissingClaim("exp")),
            _ => {}
        }
        if let Some(nbf) = claims.nbf {
            if now.saturating_add(self.leeway) < nbf {
                return Err(TokenError::NotYetValid { nbf, now });
            }
        }
        Ok(())
    }

    fn check_expectations(&self, claims: &Claims) -> Result<(), TokenError> {
        if let Some(expected) = &self.audience {
            if claims.aud.is_none() {
                return Err(TokenError::MissingClaim("aud"));
            }
            if !claims.audiences().iter().any(|aud| same_url(aud, expected)) {
                return Err(TokenError::AudienceMismatch {
                    expected: expected.clone(),
                    found: claims.audiences().to_vec(),
                });
            }
        }
        if let Some(expected) = &self.issuer {
            let found = claims
                .iss
                .as_deref()
                .ok_or(TokenError::MissingClaim("iss"))?;
            if !same_url(found, expected) {
                return Err(TokenError::IssuerMismatch {
                    expected: expected.clone(),
                    found: found.into(),
                });
            }
        }
        if let Some(expected) = &self.subdomain {
            let found = claims
                .account_subdomain()
                .ok_or(TokenError::MissingClaim("subdomain"))?;
            if !found.eq_ignore_ascii_case(expected) {
                return Err(TokenError::SubdomainMismatch {
                    expected: expected.clone(),
                    found: found.into(),
                });
            }
        }
        if let Some(expected) = &self.client_uuid {
            let found = claims
                .client_uuid
                .as_deref()
                .ok_or(TokenError::MissingClaim("client_uuid"))?;
            if !found.eq_ignore_ascii_case(expected) {
                return Err(TokenError::ClientUuidMismatch {
                    expected: expected.clone(),
                    found: found.into(),
                });
            }
        }
        Ok(())
    }
}
