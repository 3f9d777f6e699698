//! Refusing a disposable token the second time it is presented.

use crate::TokenError;
use std::collections::{BTreeSet, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;

/// What [`ReplayGuard::check_and_record`] returns: a boxed future, so guards can be shared as
/// `Arc<dyn ReplayGuard>` and a store behind the network (Redis) need not block a thread.
pub type GuardFuture<'a> = Pin<Box<dyn Future<Output = Result<(), TokenError>> + Send + 'a>>;

/// Remembers which token ids (`jti`) were accepted, until the tokens expire.
///
/// The verifier calls it last, for tokens that passed every other check, so only genuine
/// tokens reach the store. Checking and recording must be one atomic step: with a check
/// followed by a separate write, two requests carrying the same token could both pass.
///
/// ```
/// use amocrm_widget_token::{InMemoryReplayGuard, ReplayGuard, TokenError};
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let guard = InMemoryReplayGuard::new(10);
/// assert_eq!(guard.check_and_record("id-1", 2_000, 1_000).await, Ok(()));
/// assert_eq!(
///     guard.check_and_record("id-1", 2_000, 1_500).await,
///     Err(TokenError::Replayed { jti: "id-1".into() })
/// );
/// # });
/// ```
pub trait ReplayGuard: Send + Sync {
    /// Records `jti` as used until `expires_at` (unix seconds), or refuses it with
    /// [`TokenError::Replayed`] if it is already recorded and not expired at `now`. A store
    /// that cannot answer refuses too ([`TokenError::ReplayStoreUnavailable`]).
    fn check_and_record<'a>(&'a self, jti: &'a str, expires_at: i64, now: i64) -> GuardFuture<'a>;
}

/// A [`ReplayGuard`] in process memory, holding at most `capacity` unexpired ids.
///
/// Entries are dropped as their tokens expire. When the store is full of unexpired ids a new
/// token is refused with [`TokenError::ReplayStoreFull`] rather than evicting an id that could
/// then be replayed. One process only: behind a load balancer use a shared store
/// (`RedisReplayGuard`, feature `redis`).
#[derive(Debug)]
pub struct InMemoryReplayGuard {
    capacity: usize,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    expiry_of: HashMap<String, i64>,
    by_expiry: BTreeSet<(i64, String)>,
}

impl State {
    fn forget_expired(&mut self, now: i64) {
        while let Some((expires_at, _)) = self.by_expiry.first() {
            if *expires_at > now {
                break;
            }
            if let Some((_, jti)) = self.by_expiry.pop_first() {
                self.expiry_of.remove(&jti);
            }
        }
    }
}

impl InMemoryReplayGuard {
    /// A store for at most `capacity` unexpired token ids.
    ///
    /// ```
    /// use amocrm_widget_token::InMemoryReplayGuard;
    /// let guard = InMemoryReplayGuard::new(100_000);
    /// assert_eq!(guard.len(), 0);
    /// ```
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity,
            state: Mutex::new(State::default()),
        }
    }

    /// How many ids are remembered (expired ones included until the next check).
    pub fn len(&self) -> usize {
        self.lock().expiry_of.len()
    }

    /// Whether no id is remembered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// [`ReplayGuard::check_and_record`] without a future: the store is in memory.
    ///
    /// ```
    /// use amocrm_widget_token::{InMemoryReplayGuard, TokenError};
    /// let guard = InMemoryReplayGuard::new(10);
    /// assert_eq!(guard.record("id-1", 2_000, 1_000), Ok(()));
    /// assert_eq!(guard.record("id-1", 2_000, 1_500), Err(TokenError::Replayed { jti: "id-1".into() }));
    /// // Once the token has expired, its id is forgotten (the token is refused as expired anyway).
    /// assert_eq!(guard.record("id-1", 3_000, 2_001), Ok(()));
    /// ```
    pub fn record(&self, jti: &str, expires_at: i64, now: i64) -> Result<(), TokenError> {
        let mut state = self.lock();
        state.forget_expired(now);
        if state.expiry_of.contains_key(jti) {
            return Err(TokenError::Replayed { jti: jti.into() });
        }
        if state.expiry_of.len() >= self.capacity {
            return Err(TokenError::ReplayStoreFull {
                capacity: self.capacity,
            });
        }
        state.expiry_of.insert(jti.into(), expires_at);
        state.by_expiry.insert((expires_at, jti.into()));
        Ok(())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic elsewhere while holding the lock leaves the maps consistent (each update is
        // a pair of inserts or removes), so a poisoned lock is still usable.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl ReplayGuard for InMemoryReplayGuard {
    fn check_and_record<'a>(&'a self, jti: &'a str, expires_at: i64, now: i64) -> GuardFuture<'a> {
        Box::pin(std::future::ready(self.record(jti, expires_at, now)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_bounded_and_frees_room_as_tokens_expire() {
        let guard = InMemoryReplayGuard::new(2);
        guard.record("a", 100, 0).unwrap();
        guard.record("b", 200, 0).unwrap();
        assert_eq!(
            guard.record("c", 300, 50),
            Err(TokenError::ReplayStoreFull { capacity: 2 })
        );
        assert_eq!(guard.len(), 2);
        // At 100 "a" has expired: its slot is reused, "b" is still remembered.
        guard.record("c", 300, 100).unwrap();
        assert_eq!(guard.len(), 2);
        assert_eq!(
            guard.record("b", 200, 150),
            Err(TokenError::Replayed { jti: "b".into() })
        );
    }
}
