//! The view of `authors`.

use super::{entries, id_or_key, optional_string, read};
use crate::ffi;
use crate::{Error, Result};
use wasm_bindgen::{JsCast, JsValue};

/// A view of `authors` (`AuthorsModel`): the people who appear in the lead.
///
/// ```no_run
/// use amocrm_widget::views::AuthorsView;
/// # fn f(sdk: amocrm_widget::WidgetSdk) -> amocrm_widget::Result<()> {
/// if let Some(authors) = sdk.state::<AuthorsView>()? {
///     for author in authors.authors()? {
///         let name = author.name()?;
///     }
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct AuthorsView {
    raw: js_sys::Object,
}
super::view_entity!(AuthorsView, js_sys::Object, Authors);

impl AuthorsView {
    /// Every author, in the host's order.
    pub fn authors(&self) -> Result<Vec<AuthorView>> {
        Ok(entries("authors", &self.raw)?
            .into_iter()
            .map(|(key, raw)| AuthorView { key, raw })
            .collect())
    }

    /// The author with id `id` (its record key), `None` if there is none.
    pub fn get(&self, id: &str) -> Result<Option<AuthorView>> {
        let raw = js_sys::Reflect::get(&self.raw, &JsValue::from_str(id))
            .map_err(|e| Error::thrown("authors[id]", e))?;
        Ok((!raw.is_null() && !raw.is_undefined()).then(|| AuthorView {
            key: id.to_owned(),
            raw,
        }))
    }
}

/// One author: an object, or a bare name.
#[derive(Clone, Debug)]
pub struct AuthorView {
    key: String,
    raw: JsValue,
}

impl AuthorView {
    fn object(&self) -> Option<&ffi::AuthorObject> {
        self.raw.is_object().then(|| self.raw.unchecked_ref())
    }

    /// `id`, or the record key when absent.
    pub fn id(&self) -> Result<String> {
        match self.object() {
            Some(author) => id_or_key("authors", "id", read("author.id", author.id())?, &self.key),
            None => Ok(self.key.clone()),
        }
    }

    /// `name`, or the bare name.
    pub fn name(&self) -> Result<Option<String>> {
        match self.object() {
            Some(author) => optional_string("authors", "name", read("author.name", author.name())?),
            None => optional_string("authors", "name", self.raw.clone()),
        }
    }

    /// `avatarUrl`.
    pub fn avatar_url(&self) -> Result<Option<String>> {
        let Some(author) = self.object() else {
            return Ok(None);
        };
        let v = read("author.avatarUrl", author.avatar_url())?;
        optional_string("authors", "avatarUrl", v)
    }

    /// The host's value.
    pub fn as_raw(&self) -> &JsValue {
        &self.raw
    }
}
