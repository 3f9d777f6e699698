//! A replay guard shared by every instance of a back end, through Redis.

use crate::{GuardFuture, ReplayGuard, TokenError};
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use std::fmt;
use std::time::Duration;

/// A [`ReplayGuard`] in Redis: one atomic `SET <prefix><jti> 1 NX PX <ms until expiry>` per
/// token.
///
/// `NX` makes checking and marking one step on the server, so two instances behind a load
/// balancer cannot both accept a token; `PX` lets Redis forget the id when the token (plus the
/// verifier's leeway) has expired. Keys carry a prefix, one per integration, so several
/// integrations can share a Redis. Requests share a [`ConnectionManager`]: one multiplexed,
/// pipelined connection that reconnects by itself, cheap to clone across tasks.
///
/// If Redis cannot answer (down, timed out, refused the command) the token is refused with
/// [`TokenError::ReplayStoreUnavailable`]: fail closed, never accept unguarded.
///
/// ```no_run
/// use amocrm_widget_token::{RedisReplayGuard, Verifier};
/// # async fn demo() -> Result<(), amocrm_widget_token::TokenError> {
/// let guard = RedisReplayGuard::connect("redis://127.0.0.1:6379/", "amo:jti:my-integration:").await?;
/// let verifier = Verifier::new("client-secret")?.replay_guard(guard);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct RedisReplayGuard {
    connection: ConnectionManager,
    prefix: String,
}

impl fmt::Debug for RedisReplayGuard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The connection's address may carry a password: only the prefix is shown.
        f.debug_struct("RedisReplayGuard")
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

/// Why Redis could not be asked, without the URL (which may carry a password).
fn unavailable(error: &redis::RedisError) -> TokenError {
    let kind = if error.is_timeout() {
        "timed out".to_owned()
    } else if error.is_connection_refusal() {
        "connection refused".to_owned()
    } else if error.is_connection_dropped() || error.is_io_error() {
        "connection lost".to_owned()
    } else {
        format!("{:?}", error.kind())
    };
    TokenError::ReplayStoreUnavailable(kind)
}

impl RedisReplayGuard {
    /// How long one `SET` may take before the token is refused.
    pub const RESPONSE_TIMEOUT: Duration = Duration::from_secs(2);
    /// How long a (re)connection may take.
    pub const CONNECTION_TIMEOUT: Duration = Duration::from_secs(1);

    /// Connects to the Redis at `url` (`redis://[:password@]host:port/db`); keys are
    /// `prefix` followed by the token's `jti`.
    ///
    /// Timeouts are short ([`RESPONSE_TIMEOUT`](Self::RESPONSE_TIMEOUT),
    /// [`CONNECTION_TIMEOUT`](Self::CONNECTION_TIMEOUT)) so that a Redis outage turns into
    /// quick refusals rather than hung requests.
    pub async fn connect(url: &str, prefix: impl Into<String>) -> Result<Self, TokenError> {
        let client = redis::Client::open(url).map_err(|e| unavailable(&e))?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(Self::CONNECTION_TIMEOUT))
            .set_response_timeout(Some(Self::RESPONSE_TIMEOUT))
            .set_number_of_retries(2)
            .set_max_delay(Duration::from_millis(500));
        let connection = ConnectionManager::new_with_config(client, config)
            .await
            .map_err(|e| unavailable(&e))?;
        Ok(Self::with_connection(connection, prefix))
    }

    /// A guard over a connection the application already manages.
    pub fn with_connection(connection: ConnectionManager, prefix: impl Into<String>) -> Self {
        Self {
            connection,
            prefix: prefix.into(),
        }
    }

    /// The prefix put before each `jti`.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }
}

impl ReplayGuard for RedisReplayGuard {
    fn check_and_record<'a>(&'a self, jti: &'a str, expires_at: i64, now: i64) -> GuardFuture<'a> {
        Box::pin(async move {
            // The verifier refuses expired tokens before asking: at least a second remains.
            let ttl_ms = expires_at.saturating_sub(now).max(1).saturating_mul(1000);
            let mut connection = self.connection.clone();
            let set: Option<String> = redis::cmd("SET")
                .arg([self.prefix.as_str(), jti].concat())
                .arg(1)
                .arg("NX")
                .arg("PX")
                .arg(ttl_ms)
                .query_async(&mut connection)
                .await
                .map_err(|e| unavailable(&e))?;
            match set {
                Some(_) => Ok(()),
                None => Err(TokenError::Replayed { jti: jti.into() }),
            }
        })
    }
}
