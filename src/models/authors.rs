//! `AuthorsModel`: the people who appear in the lead.

use super::lenient::{self, FromBare, Keyed};
use serde::Deserialize;

/// `authors` (`AuthorsModel`): a record of authors, in the host's order.
///
/// ```
/// use amocrm_widget::models::Authors;
/// let authors: Authors = serde_json::from_str(
///     r#"{"5": {"id": 5, "name": "Anna", "avatarUrl": "/a.png"}}"#,
/// ).unwrap();
/// assert_eq!(authors.get("5").and_then(|a| a.name.as_deref()), Some("Anna"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(transparent)]
#[non_exhaustive]
pub struct Authors {
    /// Every author.
    #[serde(deserialize_with = "lenient::record_of_bare_or")]
    pub authors: Vec<Author>,
}

/// One author. The vendor leaves the shape open: the usual keys are read, others ignored, and a
/// bare string is taken as the name.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Author {
    /// `id`, or the record key when absent.
    #[serde(default, deserialize_with = "lenient::id_or_key")]
    pub id: String,
    /// `name`.
    pub name: Option<String>,
    /// `avatarUrl`.
    pub avatar_url: Option<String>,
}

impl Authors {
    /// The author with id `id`.
    pub fn get(&self, id: &str) -> Option<&Author> {
        self.authors.iter().find(|a| a.id == id)
    }
}

impl Keyed for Author {
    fn key_as_id(&mut self, key: &str) {
        if self.id.is_empty() {
            key.clone_into(&mut self.id);
        }
    }
}

impl FromBare for Author {
    const EXPECTING: &'static str = "an author (an object or a name)";
    fn from_bare(name: String, number: bool) -> Option<Self> {
        (!number).then(|| Author {
            name: Some(name),
            ..Author::default()
        })
    }
}

super::model!(Authors, Authors);
