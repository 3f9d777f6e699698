//! `AuthorsModel`: the people who appear in the lead.

use super::{optional_id, optional_string, record, FromRaw, RawValue};

/// `authors` (`AuthorsModel`): a record of authors, in the host's order.
///
/// ```
/// use amocrm_widget::models::Authors;
/// let authors: Authors = serde_json::from_str(
///     r#"{"5": {"id": 5, "name": "Anna", "avatarUrl": "/a.png"}}"#,
/// ).unwrap();
/// assert_eq!(authors.get("5").and_then(|a| a.name.as_deref()), Some("Anna"));
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Authors {
    /// Every author.
    pub authors: Vec<Author>,
}

/// One author. The vendor leaves the shape open; the usual keys are read, others ignored.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Author {
    /// `id`, or the record key when absent.
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

impl FromRaw for Authors {
    fn from_raw(v: &RawValue, path: &str) -> Result<Self, String> {
        super::object(v, path)?;
        let authors = record(v, path, |key, a, path| {
            if !matches!(a, RawValue::Object(_)) {
                return Ok(Author {
                    id: key.to_owned(),
                    name: a.as_str().map(str::to_owned),
                    avatar_url: None,
                });
            }
            Ok(Author {
                id: optional_id(a, "id", path)?.unwrap_or_else(|| key.to_owned()),
                name: optional_string(a, "name", path)?,
                avatar_url: optional_string(a, "avatarUrl", path)?,
            })
        })?;
        Ok(Authors { authors })
    }
}

super::model!(Authors, Authors, "authors");
