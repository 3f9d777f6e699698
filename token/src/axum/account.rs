//! The account a token speaks for, so that a handler serves an account its own data only.

use crate::{Claims, TokenError};
use axum::http::header::{HeaderValue, CACHE_CONTROL};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// An account: its id (`account_id`) and its URL (`iss`, e.g. `https://acme.amocrm.ru`).
///
/// Both are compared: ids are the vendor's, and one back end may serve accounts of several of
/// the vendor's installations (`amocrm.ru`, `kommo.com`). The URL is kept lowercase without a
/// trailing `/`.
///
/// ```
/// use amocrm_widget_token::axum::Account;
/// let owner = Account::new(29001, "https://Acme.amocrm.ru/");
/// assert_eq!(owner.iss(), "https://acme.amocrm.ru");
/// assert!(owner.authorize(&Account::new(29001, "https://acme.amocrm.ru")).is_ok());
/// assert!(Account::new(7, "https://other.amocrm.ru").authorize(&owner).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Account {
    id: i64,
    iss: String,
}

/// A request of one account for another account's data: answers 403.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("this belongs to another account")]
pub struct OtherAccount;

impl IntoResponse for OtherAccount {
    fn into_response(self) -> Response {
        let mut response = (StatusCode::FORBIDDEN, self.to_string()).into_response();
        response
            .headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }
}

impl Account {
    /// The account `id` at `iss`.
    pub fn new(id: i64, iss: &str) -> Self {
        Account {
            id,
            iss: iss.trim_end_matches('/').to_ascii_lowercase(),
        }
    }

    /// The account of a verified token: `account_id` and `iss` are both required.
    ///
    /// ```
    /// use amocrm_widget_token::axum::Account;
    /// use amocrm_widget_token::{Claims, TokenError};
    /// let claims = Claims::from_json(r#"{"account_id": 5, "iss": "https://a.kommo.com"}"#).unwrap();
    /// assert_eq!(Account::of(&claims), Ok(Account::new(5, "https://a.kommo.com")));
    /// let claims = Claims::from_json(r#"{"account_id": 5}"#).unwrap();
    /// assert_eq!(Account::of(&claims), Err(TokenError::MissingClaim("iss")));
    /// ```
    pub fn of(claims: &Claims) -> Result<Self, TokenError> {
        let id = claims
            .account_id
            .ok_or(TokenError::MissingClaim("account_id"))?;
        let iss = claims
            .iss
            .as_deref()
            .ok_or(TokenError::MissingClaim("iss"))?;
        Ok(Account::new(id, iss))
    }

    /// `account_id`.
    pub fn id(&self) -> i64 {
        self.id
    }

    /// `iss`, lowercase, without a trailing `/`.
    pub fn iss(&self) -> &str {
        &self.iss
    }

    /// `Ok` when `owner` is this account; [`OtherAccount`] (403) otherwise. Call it with the
    /// owner stored beside every record before answering with the record.
    pub fn authorize(&self, owner: &Account) -> Result<(), OtherAccount> {
        if self == owner {
            Ok(())
        } else {
            Err(OtherAccount)
        }
    }
}
