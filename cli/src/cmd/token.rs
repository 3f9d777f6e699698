//! `amo-widget token inspect|verify`: reading and checking widget tokens from the shell.

use super::Failed;
use amocrm_widget_token::civil::UtcDateTime;
use amocrm_widget_token::{unverified, Claims, TokenError, Verifier};
use std::fmt::Write as _;
use std::io::Read;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Exit status of `token verify` for a token that is not valid (one that could not run, with no
/// secret in the environment say, exits with 2, a [usage error](Failed::Usage)).
const EXIT_INVALID: u8 = 1;

/// `amo-widget token …`.
#[derive(Debug, clap::Subcommand)]
pub enum TokenCommand {
    /// Show a token's claims WITHOUT verifying it (no secret needed; nothing is trusted).
    Inspect {
        /// The JWT, or `-` to read it from standard input.
        token: String,
    },
    /// Verify a token with the integration's secret; exit 0 if valid, 1 with the reason if not.
    Verify(VerifyArgs),
}

/// `amo-widget token verify`.
#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// The environment variable holding the integration's client secret (never on the
    /// command line, where other users and shell history could see it).
    #[arg(long, value_name = "VAR")]
    pub(crate) secret_env: String,
    /// The expected `aud`: the base URL of the integration's redirect_uri.
    #[arg(long, value_name = "URL")]
    pub(crate) aud: Option<String>,
    /// The expected `iss`: the account URL, e.g. `https://subdomain.amocrm.ru`.
    #[arg(long, value_name = "URL")]
    pub(crate) iss: Option<String>,
    /// The expected account subdomain.
    #[arg(long)]
    pub(crate) subdomain: Option<String>,
    /// The expected integration UUID (`client_uuid`).
    #[arg(long, value_name = "UUID")]
    pub(crate) client_uuid: Option<String>,
    /// Clock skew allowed on exp/nbf, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub(crate) leeway: u64,
    /// The JWT, or `-` to read it from standard input.
    pub(crate) token: String,
}

impl TokenCommand {
    /// Runs the subcommand.
    pub fn run(self) -> anyhow::Result<()> {
        match self {
            TokenCommand::Inspect { token } => inspect(&read_token(token)?),
            TokenCommand::Verify(args) => args.run(),
        }
    }
}

fn read_token(arg: String) -> Result<String, Failed> {
    if arg != "-" {
        return Ok(arg);
    }
    let mut text = String::new();
    std::io::stdin()
        .take(1 << 20)
        .read_to_string(&mut text)
        .map_err(|e| Failed::Usage(format!("reading the token from standard input: {e}")))?;
    Ok(text.trim().to_owned())
}

/// Seconds since the Unix epoch: what tokens' `iat`, `nbf` and `exp` count.
pub(crate) fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

fn inspect(token: &str) -> anyhow::Result<()> {
    match unverified(token) {
        Ok(read) => {
            println!("UNVERIFIED: the signature was NOT checked; do not trust these claims.");
            println!(
                "algorithm: {}",
                read.algorithm.as_deref().unwrap_or("(none given)")
            );
            print!("{}", describe_claims(&read.claims, now()));
            Ok(())
        }
        Err(e) => {
            eprintln!("not a readable token: {e}");
            Err(Failed::Reported(EXIT_INVALID).into())
        }
    }
}

impl VerifyArgs {
    /// Verifies the token; prints the claims if valid, the reason if not.
    pub fn run(self) -> anyhow::Result<()> {
        let secret = match std::env::var_os(&self.secret_env) {
            Some(secret) if !secret.is_empty() => secret,
            _ => {
                return Err(Failed::Usage(format!(
                    "environment variable {} is not set or empty; export the integration's \
                     client secret in it",
                    self.secret_env
                ))
                .into())
            }
        };
        let token = read_token(self.token.clone())?;
        let verifier = build_verifier(&self, secret.as_encoded_bytes())
            .map_err(|e| Failed::Usage(e.to_string()))?;
        match verifier.check(&token) {
            Ok(claims) => {
                println!("valid: signature, algorithm and time checks passed");
                print!("{}", describe_claims(&claims, now()));
                Ok(())
            }
            Err(e) => {
                eprintln!("invalid token: {e}");
                Err(Failed::Reported(EXIT_INVALID).into())
            }
        }
    }
}

fn build_verifier(args: &VerifyArgs, secret: &[u8]) -> Result<Verifier, TokenError> {
    let mut verifier = Verifier::new(secret)?.leeway(Duration::from_secs(args.leeway));
    if let Some(aud) = &args.aud {
        verifier = verifier.audience(aud);
    }
    if let Some(iss) = &args.iss {
        verifier = verifier.issuer(iss);
    }
    if let Some(subdomain) = &args.subdomain {
        verifier = verifier.subdomain(subdomain);
    }
    if let Some(uuid) = &args.client_uuid {
        verifier = verifier.client_uuid(uuid);
    }
    Ok(verifier)
}

/// One `name: value` line per claim; times also in UTC and relative to `now`.
pub(crate) fn describe_claims(claims: &Claims, now: i64) -> String {
    let mut out = String::new();
    let mut line = |name: &str, value: String| {
        let _ = writeln!(out, "{name}: {value}");
    };
    let time = |t: i64, future: &str, past: &str| {
        let delta = t - now;
        let relative = if delta > 0 {
            format!("{future} in {}", human_duration(delta))
        } else {
            format!("{past} {} ago", human_duration(-delta))
        };
        format!("{t} ({}, {relative})", UtcDateTime::from_unix(t))
    };
    if let Some(v) = &claims.iss {
        line("iss", v.clone());
    }
    if !claims.audiences().is_empty() {
        line("aud", claims.audiences().join(", "));
    }
    if let Some(v) = &claims.jti {
        line("jti", v.clone());
    }
    if let Some(t) = claims.iat {
        line("iat", time(t, "issued", "issued"));
    }
    if let Some(t) = claims.nbf {
        line("nbf", time(t, "valid", "valid since"));
    }
    match claims.exp {
        Some(t) => line("exp", time(t, "expires", "EXPIRED")),
        None => line("exp", "(none: never expires)".into()),
    }
    if let Some(v) = claims.account_id {
        line("account_id", v.to_string());
    }
    if let Some(v) = claims.user_id {
        line("user_id", v.to_string());
    }
    if let Some(v) = &claims.subdomain {
        line("subdomain", v.clone());
    }
    if let Some(v) = &claims.client_uuid {
        line("client_uuid", v.clone());
    }
    if let Some(data) = &claims.data {
        if let Some(v) = &data.entity_type {
            line("data.entity_type", v.clone());
        }
        if let Some(v) = data.entity_id {
            line("data.entity_id", v.to_string());
        }
        for (k, v) in &data.extra {
            line(&format!("data.{k}"), v.to_string());
        }
    }
    for (k, v) in &claims.extra {
        line(k, v.to_string());
    }
    out
}

fn human_duration(seconds: i64) -> String {
    let units = [
        (86_400 * 365, "y"),
        (86_400, "d"),
        (3_600, "h"),
        (60, "min"),
    ];
    for (i, &(size, unit)) in units.iter().enumerate() {
        if seconds >= size {
            let whole = seconds / size;
            let rest = units
                .get(i + 1)
                .map(|&(next, next_unit)| (seconds % size / next, next_unit))
                .filter(|&(n, _)| n > 0)
                .map(|(n, u)| format!(" {n} {u}"))
                .unwrap_or_default();
            return format!("{whole} {unit}{rest}");
        }
    }
    format!("{seconds} s")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_are_described_with_times_in_utc_and_in_words() {
        let claims = Claims::from_json(r#"{"exp": 1594206045, "account_id": 12345678}"#).unwrap();
        let text = describe_claims(&claims, 1594204245);
        assert!(text.contains("exp: 1594206045 (2020-07-08 11:00:45 UTC, expires in 30 min)"));
        assert!(text.contains("account_id: 12345678"));
    }

    #[test]
    fn formats_durations_for_people() {
        assert_eq!(human_duration(42), "42 s");
        assert_eq!(human_duration(1800), "30 min");
        assert_eq!(human_duration(3 * 3600 + 5 * 60), "3 h 5 min");
        assert_eq!(human_duration(2 * 86_400), "2 d");
    }
}
