//! Where the documents are kept: a JSON file read at start (the default), or Redis (feature
//! `redis`) when several instances serve the same accounts.

use amocrm_widget_token::axum::Account;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

/// One document kept for a lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Its id.
    pub id: u64,
    /// Its title, shown in the widget.
    pub title: String,
    /// What kind of document (contract, invoice…), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// The account a lead belongs to, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Owner {
    /// `account_id`.
    pub id: i64,
    /// The account URL (`iss`).
    pub iss: String,
}

/// What is kept for one lead: its owner and its documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadRecord {
    /// The account the lead belongs to: only its tokens get the documents.
    pub account: Owner,
    /// The documents.
    pub documents: Vec<Document>,
    /// Answers this lead after this many milliseconds: a slow store, for demos and tests.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub delay_ms: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl LeadRecord {
    /// The owner as an [`Account`], to compare with a token's.
    pub fn owner(&self) -> Account {
        Account::new(self.account.id, &self.account.iss)
    }
}

/// The file's shape: `{"leads": {"<lead id>": LeadRecord}}`.
#[derive(Debug, Deserialize)]
struct File {
    leads: HashMap<String, LeadRecord>,
}

/// The store the server reads.
pub enum Store {
    /// Every record in memory, read from a JSON file at start.
    File(HashMap<String, LeadRecord>),
    /// Records in Redis under `<prefix><lead id>`, each a JSON `LeadRecord`.
    #[cfg(feature = "redis")]
    Redis {
        /// The connection (reconnects by itself).
        connection: redis::aio::ConnectionManager,
        /// The key prefix.
        prefix: String,
    },
}

/// The store could not be read.
#[derive(Debug)]
pub struct Unavailable(pub String);

impl Store {
    /// Reads the JSON file at `path`.
    pub fn from_file(path: &Path) -> Result<Store, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let file: File =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Store::File(file.leads))
    }

    /// Connects to Redis at `url`; records are read from `<prefix><lead id>`.
    #[cfg(feature = "redis")]
    pub async fn redis(url: &str, prefix: &str) -> Result<Store, String> {
        let client = redis::Client::open(url).map_err(|e| e.to_string())?;
        let connection = redis::aio::ConnectionManager::new(client)
            .await
            .map_err(|e| e.to_string())?;
        Ok(Store::Redis {
            connection,
            prefix: prefix.into(),
        })
    }

    /// What is kept for `lead`, if anything (after its `delay_ms`).
    pub async fn lead(&self, lead: &str) -> Result<Option<LeadRecord>, Unavailable> {
        let record = match self {
            Store::File(leads) => leads.get(lead).cloned(),
            #[cfg(feature = "redis")]
            Store::Redis { connection, prefix } => {
                let mut connection = connection.clone();
                let text: Option<String> = redis::cmd("GET")
                    .arg(format!("{prefix}{lead}"))
                    .query_async(&mut connection)
                    .await
                    .map_err(|e| Unavailable(e.to_string()))?;
                match text {
                    Some(text) => Some(
                        serde_json::from_str(&text)
                            .map_err(|e| Unavailable(format!("lead {lead}: {e}")))?,
                    ),
                    None => None,
                }
            }
        };
        if let Some(delay) = record.as_ref().map(|r| r.delay_ms).filter(|ms| *ms > 0) {
            tokio::time::sleep(Duration::from_millis(delay)).await;
        }
        Ok(record)
    }
}
