//! What the server shares between the watch loop and the HTTP handlers.

use serde_json::json;
use std::sync::{Arc, RwLock};
use std::time::Instant;
use tokio::sync::broadcast;

/// A server-sent event: its name and its JSON data.
#[derive(Debug, Clone)]
pub(crate) struct Event {
    /// `build` or `fixtures`.
    pub(crate) name: &'static str,
    /// JSON text.
    pub(crate) data: String,
}

/// The served state: the last good script and fixtures, the current statuses, and the channel
/// every open cabinet page listens on.
pub(crate) struct Shared {
    script: RwLock<Option<Arc<Vec<u8>>>>,
    fixtures: RwLock<Arc<String>>,
    build_status: RwLock<String>,
    fixtures_status: RwLock<String>,
    /// When the change that started the current rebuild was seen, by build version.
    pub(crate) changed_at: RwLock<Option<(u64, Instant)>>,
    events: broadcast::Sender<Event>,
    /// Signs the fixture leads' tokens for the crate's back end, when it has one.
    signer: RwLock<Option<super::backend::Signer>>,
}

fn read<T: Clone>(lock: &RwLock<T>) -> T {
    match lock.read() {
        Ok(guard) => guard.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    }
}

fn write<T>(lock: &RwLock<T>, value: T) {
    match lock.write() {
        Ok(mut guard) => *guard = value,
        Err(poisoned) => *poisoned.into_inner() = value,
    }
}

impl Shared {
    /// A state with no build yet and the given (checked) fixtures.
    pub(crate) fn new(fixtures: String) -> Shared {
        let (events, _) = broadcast::channel(64);
        Shared {
            script: RwLock::new(None),
            fixtures: RwLock::new(Arc::new(fixtures)),
            build_status: RwLock::new(json!({ "state": "building", "version": 0 }).to_string()),
            fixtures_status: RwLock::new(json!({ "state": "ok", "version": 0 }).to_string()),
            changed_at: RwLock::new(None),
            events,
            signer: RwLock::new(None),
        }
    }

    /// From now on, the cabinet's tokens are signed by `signer`.
    pub(crate) fn set_signer(&self, signer: super::backend::Signer) {
        write(&self.signer, Some(signer));
    }

    /// `{"tokens": {lead id: signed token}}` for the current fixtures; `{"tokens": {}}` without
    /// a back end (the cabinet then hands unsigned demo tokens).
    pub(crate) fn tokens_json(&self) -> anyhow::Result<String> {
        match read(&self.signer) {
            Some(signer) => signer.tokens_json(&self.fixtures()),
            None => Ok(r#"{"tokens":{}}"#.into()),
        }
    }

    /// The last good `personal_page.js`.
    pub(crate) fn script(&self) -> Option<Arc<Vec<u8>>> {
        read(&self.script)
    }

    /// The last good fixtures (JSON text).
    pub(crate) fn fixtures(&self) -> Arc<String> {
        read(&self.fixtures)
    }

    /// The current statuses, as the first events a page receives.
    pub(crate) fn statuses(&self) -> Vec<Event> {
        vec![
            Event {
                name: "build",
                data: read(&self.build_status),
            },
            Event {
                name: "fixtures",
                data: read(&self.fixtures_status),
            },
        ]
    }

    /// A receiver of every later event.
    pub(crate) fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.events.subscribe()
    }

    pub(crate) fn set_build(&self, status: serde_json::Value, script: Option<Vec<u8>>) {
        if let Some(script) = script {
            write(&self.script, Some(Arc::new(script)));
        }
        self.publish("build", &self.build_status, status);
    }

    pub(crate) fn set_fixtures(&self, status: serde_json::Value, fixtures: Option<String>) {
        if let Some(fixtures) = fixtures {
            write(&self.fixtures, Arc::new(fixtures));
        }
        self.publish("fixtures", &self.fixtures_status, status);
    }

    fn publish(&self, name: &'static str, slot: &RwLock<String>, status: serde_json::Value) {
        let data = status.to_string();
        write(slot, data.clone());
        // No receiver (no page open) is not an error.
        let _ = self.events.send(Event { name, data });
    }
}
