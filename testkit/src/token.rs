//! Minting `initLead` tokens with chosen claims, signed HS256 with a known test secret.

use amocrm_widget_token::{Audience, ClaimValue, Claims};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::{json, Map, Value};
use sha2::Sha256;

/// The secret [`Token`] signs with unless told otherwise: give it to your back end's verifier in
/// tests (`amocrm_widget_token::Verifier::new(TEST_SECRET)`). Never a real integration's secret.
///
/// ```
/// assert_eq!(amocrm_widget_testkit::TEST_SECRET, "amocrm-widget-testkit-secret");
/// ```
pub const TEST_SECRET: &str = "amocrm-widget-testkit-secret";

/// An `initLead` token to mint: a JWT (HS256) whose claims start as a plausible token for the
/// emulated account (`iss` `https://testkit.amocrm.ru`, `account_id` 29001, `user_id` 501,
/// valid for an hour from now) and are then set one by one, replaced wholesale with
/// [`claims`](Self::claims), or broken on purpose with [`claim`](Self::claim).
///
/// Works natively too (for a back end's tests); in the browser the kit hands one to the widget
/// on every lead ([`CabinetBuilder::token`](crate::CabinetBuilder::token)).
///
/// ```
/// use amocrm_widget_testkit::Token;
///
/// let token = Token::for_lead("3412001").account_id(7).subdomain("acme");
/// let claims = token.claims_json();
/// assert_eq!(claims["account_id"], 7);
/// assert_eq!(claims["subdomain"], "acme");
/// assert_eq!(claims["data"]["entity_id"], 3412001);
/// let jwt: String = token.mint(); // what `params.token` carries
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    header: Map<String, Value>,
    claims: Map<String, Value>,
    secret: Vec<u8>,
}

impl Default for Token {
    fn default() -> Self {
        Token::new()
    }
}

fn now() -> i64 {
    #[cfg(target_arch = "wasm32")]
    {
        (js_sys::Date::now() / 1000.0) as i64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)
    }
}

fn next_jti() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    format!("00000000-0000-4000-8000-{n:012x}")
}

impl Token {
    /// A token with the default claims and no `data` claim (the vendor's `initLead` example has
    /// none).
    ///
    /// ```
    /// let claims = amocrm_widget_testkit::Token::new().claims_json();
    /// assert_eq!(claims["iss"], "https://testkit.amocrm.ru");
    /// assert!(claims["exp"].as_i64() > claims["iat"].as_i64());
    /// ```
    pub fn new() -> Token {
        let iat = now();
        let claims = json!({
            "iss": "https://testkit.amocrm.ru",
            "aud": "https://widget.example",
            "jti": next_jti(),
            "iat": iat,
            "nbf": iat,
            "exp": iat + 3600,
            "account_id": 29001,
            "user_id": 501,
            "client_uuid": "0b0832f6-d123-4123-9123-e73f236833c0",
            "subdomain": "testkit",
        });
        let header = json!({ "alg": "HS256", "typ": "JWT" });
        Token {
            header: header.as_object().cloned().unwrap_or_default(),
            claims: claims.as_object().cloned().unwrap_or_default(),
            secret: TEST_SECRET.as_bytes().to_vec(),
        }
    }

    /// [`Token::new`] with `data: { entity_type: "leads", entity_id }` for the lead (an id that
    /// is not a number is sent as a string).
    ///
    /// ```
    /// let claims = amocrm_widget_testkit::Token::for_lead("42").claims_json();
    /// assert_eq!(claims["data"], serde_json::json!({ "entity_type": "leads", "entity_id": 42 }));
    /// ```
    pub fn for_lead(lead_id: &str) -> Token {
        let id = lead_id
            .parse::<i64>()
            .map(Value::from)
            .unwrap_or_else(|_| Value::from(lead_id));
        Token::new().claim("data", json!({ "entity_type": "leads", "entity_id": id }))
    }

    /// Replaces every claim with `claims` (absent fields are left out of the token).
    ///
    /// ```
    /// use amocrm_widget_token::Claims;
    /// let mut claims = Claims::default();
    /// claims.user_id = Some(9);
    /// let token = amocrm_widget_testkit::Token::new().claims(&claims);
    /// assert_eq!(token.claims_json(), serde_json::json!({ "user_id": 9 }));
    /// ```
    pub fn claims(mut self, claims: &Claims) -> Token {
        self.claims = claims_json(claims);
        self
    }

    /// Sets any claim to any JSON value, wrong types included (to test how a widget reads a
    /// malformed token).
    ///
    /// ```
    /// let token = amocrm_widget_testkit::Token::new().claim("exp", "tomorrow".into());
    /// assert_eq!(token.claims_json()["exp"], "tomorrow"); // the SDK refuses to read this one
    /// ```
    pub fn claim(mut self, name: &str, value: Value) -> Token {
        self.claims.insert(name.to_string(), value);
        self
    }

    /// Leaves a claim out.
    ///
    /// ```
    /// let token = amocrm_widget_testkit::Token::new().without("exp");
    /// assert!(token.claims_json().get("exp").is_none());
    /// ```
    pub fn without(mut self, name: &str) -> Token {
        self.claims.remove(name);
        self
    }

    /// Sets `account_id`.
    ///
    /// ```
    /// # use amocrm_widget_testkit::Token;
    /// let token = Token::new().account_id(5);
    /// assert_eq!(token.claims_json()["account_id"], 5);
    /// ```
    pub fn account_id(self, id: i64) -> Token {
        self.claim("account_id", id.into())
    }

    /// Sets `user_id`.
    ///
    /// ```
    /// # use amocrm_widget_testkit::Token;
    /// let token = Token::new().user_id(5);
    /// assert_eq!(token.claims_json()["user_id"], 5);
    /// ```
    pub fn user_id(self, id: i64) -> Token {
        self.claim("user_id", id.into())
    }

    /// Sets `subdomain`.
    ///
    /// ```
    /// # use amocrm_widget_testkit::Token;
    /// let token = Token::new().subdomain("acme");
    /// assert_eq!(token.claims_json()["subdomain"], "acme");
    /// ```
    pub fn subdomain(self, subdomain: &str) -> Token {
        self.claim("subdomain", subdomain.into())
    }

    /// Sets `iss` (the account URL).
    ///
    /// ```
    /// # use amocrm_widget_testkit::Token;
    /// let token = Token::new().issuer("https://acme.kommo.com");
    /// assert_eq!(token.claims_json()["iss"], "https://acme.kommo.com");
    /// ```
    pub fn issuer(self, iss: &str) -> Token {
        self.claim("iss", iss.into())
    }

    /// Sets `aud` (one audience).
    ///
    /// ```
    /// # use amocrm_widget_testkit::Token;
    /// let token = Token::new().audience("https://my.app");
    /// assert_eq!(token.claims_json()["aud"], "https://my.app");
    /// ```
    pub fn audience(self, aud: &str) -> Token {
        self.claim("aud", aud.into())
    }

    /// Sets `iat`, `nbf` and `exp` (unix seconds): issued and valid from `from`, until `until`.
    ///
    /// ```
    /// # use amocrm_widget_testkit::Token;
    /// let expired = Token::new().valid(1_000, 2_000);
    /// assert_eq!(expired.claims_json()["exp"], 2_000);
    /// ```
    pub fn valid(self, from: i64, until: i64) -> Token {
        self.claim("iat", from.into())
            .claim("nbf", from.into())
            .claim("exp", until.into())
    }

    /// Signs with another secret (the default is [`TEST_SECRET`]).
    ///
    /// ```
    /// # use amocrm_widget_testkit::Token;
    /// let jwt = Token::new().secret(b"my integration's test secret").mint();
    /// # assert_eq!(jwt.split('.').count(), 3);
    /// ```
    pub fn secret(mut self, secret: &[u8]) -> Token {
        self.secret = secret.to_vec();
        self
    }

    /// The claims as they will be signed.
    ///
    /// ```
    /// # use amocrm_widget_testkit::Token;
    /// assert_eq!(Token::new().account_id(3).claims_json()["account_id"], 3);
    /// ```
    pub fn claims_json(&self) -> Value {
        Value::Object(self.claims.clone())
    }

    /// The JWT: `header.payload.signature`, base64url without padding, HMAC-SHA256 over the
    /// first two.
    ///
    /// ```
    /// # use amocrm_widget_testkit::Token;
    /// let jwt = Token::new().mint();
    /// assert!(jwt.starts_with("eyJ")); // {"alg":"HS256",...
    /// ```
    pub fn mint(&self) -> String {
        let header = URL_SAFE_NO_PAD.encode(Value::Object(self.header.clone()).to_string());
        let payload = URL_SAFE_NO_PAD.encode(Value::Object(self.claims.clone()).to_string());
        let signed = format!("{header}.{payload}");
        // HMAC takes a key of any length: `new_from_slice` cannot fail for it.
        let signature = match Hmac::<Sha256>::new_from_slice(&self.secret) {
            Ok(mut mac) => {
                mac.update(signed.as_bytes());
                URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
            }
            Err(_) => String::new(),
        };
        format!("{signed}.{signature}")
    }
}

fn claim_value(value: &ClaimValue) -> Value {
    match value {
        ClaimValue::Null => Value::Null,
        ClaimValue::Bool(b) => Value::Bool(*b),
        // Its JSON text, read back: integers beyond 2^53 stay exact.
        ClaimValue::Number(n) => serde_json::from_str(&n.to_string()).unwrap_or(Value::Null),
        ClaimValue::String(s) => Value::String(s.clone()),
        ClaimValue::Array(items) => Value::Array(items.iter().map(claim_value).collect()),
        ClaimValue::Object(members) => Value::Object(
            members
                .iter()
                .map(|(k, v)| (k.clone(), claim_value(v)))
                .collect(),
        ),
    }
}

fn claims_json(claims: &Claims) -> Map<String, Value> {
    let mut out = Map::new();
    let mut put = |name: &str, value: Option<Value>| {
        if let Some(value) = value {
            out.insert(name.to_string(), value);
        }
    };
    put("iss", claims.iss.clone().map(Value::from));
    put(
        "aud",
        claims.aud.as_ref().map(|aud| match aud {
            Audience::One(one) => Value::from(one.clone()),
            Audience::Many(many) => Value::from(many.clone()),
        }),
    );
    put("jti", claims.jti.clone().map(Value::from));
    put("iat", claims.iat.map(Value::from));
    put("nbf", claims.nbf.map(Value::from));
    put("exp", claims.exp.map(Value::from));
    put("account_id", claims.account_id.map(Value::from));
    put("user_id", claims.user_id.map(Value::from));
    put("client_uuid", claims.client_uuid.clone().map(Value::from));
    put("subdomain", claims.subdomain.clone().map(Value::from));
    put(
        "data",
        claims.data.as_ref().map(|data| {
            let mut d = Map::new();
            if let Some(t) = &data.entity_type {
                d.insert("entity_type".into(), t.clone().into());
            }
            if let Some(id) = data.entity_id {
                d.insert("entity_id".into(), id.into());
            }
            for (k, v) in &data.extra {
                d.insert(k.clone(), claim_value(v));
            }
            Value::Object(d)
        }),
    );
    for (name, value) in &claims.extra {
        out.insert(name.clone(), claim_value(value));
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use amocrm_widget_token::Verifier;

    #[test]
    fn a_minted_token_verifies_with_the_test_secret_and_not_with_another() {
        let jwt = Token::for_lead("3412001").user_id(77).mint();
        let claims = Verifier::new(TEST_SECRET)
            .unwrap()
            .check(&jwt)
            .expect("verifies");
        assert_eq!(claims.user_id, Some(77));
        assert_eq!(claims.data.and_then(|d| d.entity_id), Some(3412001));
        assert!(Verifier::new("another secret of enough length")
            .unwrap()
            .check(&jwt)
            .is_err());
    }

    #[test]
    fn whole_claims_round_trip_extra_members_and_big_numbers_included() {
        let claims = Claims::from_json(
            r#"{"iss":"https://a.amocrm.ru","aud":["x","y"],"exp":99,"data":{"entity_type":"leads","entity_id":5,"more":[1]},"big":12345678901234567890}"#,
        )
        .unwrap();
        let jwt = Token::new().claims(&claims).mint();
        assert_eq!(
            amocrm_widget_token::unverified_claims(&jwt).unwrap(),
            claims
        );
    }

    #[test]
    fn jtis_differ() {
        assert_ne!(
            Token::new().claims_json()["jti"],
            Token::new().claims_json()["jti"]
        );
    }
}
