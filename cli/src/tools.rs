//! The programs `amo-widget build` and `test` run besides cargo, found or provided before anything
//! is compiled: the `wasm32-unknown-unknown` target, the wasm-bindgen CLI at exactly the version
//! the widget crate's `Cargo.lock` pins, and (for `test`) the browser's WebDriver server
//! ([`Browser`]: chromedriver, geckodriver and Firefox, or WebKitWebDriver, MiniBrowser and
//! xvfb-run).
//!
//! What can be provided from the package registries is provided, saying so, as trunk and
//! cargo-leptos do: the target through `rustup target add`, wasm-bindgen's CLI through
//! `cargo install wasm-bindgen-cli --version <locked>` into amo-widget's own cache (one directory
//! per version, so two crates pinning different versions never fight). A matching
//! `wasm-bindgen` on `PATH` is used as it is. What cannot be provided (a browser and its driver)
//! is reported together with everything else that is missing, in one message, before any
//! install starts: one round trip, not one per tool.

mod browsers;

pub use browsers::{Browser, Driver};
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The wasm target every widget is compiled for.
pub(crate) const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// What the command about to run needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// `build` and `serve`: the wasm target and `wasm-bindgen`.
    Build,
    /// `test`: also `wasm-bindgen-test-runner` and what the browser needs.
    Test(Browser),
    /// `wasm-bindgen` and `wasm-bindgen-test-runner`, the browser found elsewhere (a repository's
    /// own setup, which installs Chromium itself).
    TestRunner,
}

/// The tools found or provided, ready to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toolchain {
    /// The wasm-bindgen version, equal to the crate's locked one.
    pub version: String,
    /// `wasm-bindgen` of that version.
    pub wasm_bindgen: PathBuf,
    /// `wasm-bindgen-test-runner` of that version (beside `wasm_bindgen`).
    pub test_runner: PathBuf,
    /// The browser's programs, for [`Needs::Test`].
    pub driver: Option<Driver>,
}

/// Something missing that amo-widget cannot provide, or a provision that failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ToolError {
    /// The crate does not depend on wasm-bindgen at all.
    #[error(
        "the crate does not depend on wasm-bindgen: a widget crate depends on amocrm-widget \
         (`amo-widget new` makes one)"
    )]
    NoWasmBindgen,
    /// One or more things cannot be provided; each line says how to get it.
    #[error("{}", missing_message(.0))]
    Missing(Vec<Missing>),
    /// An install that amo-widget started failed (its output is above).
    #[error("{what} failed ({status}); cargo's message is above")]
    Install {
        /// What was being installed.
        what: String,
        /// How it ended.
        status: String,
    },
}

/// One missing piece and the one command that provides it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// What is missing.
    pub what: String,
    /// How to get it.
    pub fix: String,
}

fn missing_message(missing: &[Missing]) -> String {
    let mut text = String::from("missing, and not something amo-widget installs by itself:");
    for m in missing {
        text.push_str(&format!("\n  - {}: {}", m.what, m.fix));
    }
    text
}

/// What the machine looks like to the tool lookup: its `PATH`, the variables that name a
/// browser's programs, and where amo-widget keeps the tools it installs.
#[derive(Debug, Clone, Default)]
pub struct Machine {
    /// `PATH`.
    pub path: OsString,
    /// `CHROMEDRIVER`, if set.
    pub chromedriver: Option<OsString>,
    /// `GECKODRIVER`, if set.
    pub geckodriver: Option<OsString>,
    /// `WEBKIT_MINIBROWSER`, if set: the MiniBrowser to use instead of the installed one.
    pub minibrowser: Option<OsString>,
    /// The directories searched for WebKitGTK's MiniBrowser, which is not on `PATH`.
    pub webkit_dirs: Vec<PathBuf>,
    /// amo-widget's cache (`cache_dir`).
    pub cache: PathBuf,
    /// `CARGO`, if set: the cargo that runs amo-widget, or the one the caller chose.
    pub cargo: Option<OsString>,
}

impl Machine {
    /// This process's environment.
    pub fn current() -> Machine {
        let var = |name| std::env::var_os(name).filter(|v| !v.is_empty());
        Machine {
            path: var("PATH").unwrap_or_default(),
            chromedriver: var("CHROMEDRIVER"),
            geckodriver: var("GECKODRIVER"),
            minibrowser: var("WEBKIT_MINIBROWSER"),
            webkit_dirs: browsers::webkit_dirs(),
            cache: cache_dir(),
            cargo: var("CARGO"),
        }
    }

    /// The first executable `name` on this machine's `PATH`.
    pub(crate) fn find(&self, name: &str) -> Option<PathBuf> {
        let cwd = std::env::current_dir().ok()?;
        which::which_in(name, Some(&self.path), cwd).ok()
    }

    /// A program given by path, or by name on `PATH` (`CHROMEDRIVER`, `GECKODRIVER`, `CARGO`).
    fn program(&self, given: &OsStr) -> Option<PathBuf> {
        let given = Path::new(given);
        if given.components().count() > 1 {
            executable(given).then(|| given.to_path_buf())
        } else {
            self.find(&given.to_string_lossy())
        }
    }

    /// The cargo to run: `CARGO`, else `cargo` on `PATH`.
    pub(crate) fn cargo(&self) -> Option<PathBuf> {
        match &self.cargo {
            Some(given) => self.program(given),
            None => self.find("cargo"),
        }
    }
}

/// Where amo-widget installs tools: `$AMO_WIDGET_CACHE`, else the platform's cache directory
/// (`$XDG_CACHE_HOME/amo-widget`, `~/.cache/amo-widget`, `~/Library/Caches/amo-widget`,
/// `%LOCALAPPDATA%\amo-widget`).
pub(crate) fn cache_dir() -> PathBuf {
    let var = |name| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(dir) = var("AMO_WIDGET_CACHE") {
        return dir;
    }
    if cfg!(windows) {
        if let Some(dir) = var("LOCALAPPDATA") {
            return dir.join("amo-widget");
        }
    }
    if let Some(dir) = var("XDG_CACHE_HOME") {
        return dir.join("amo-widget");
    }
    let home = var("HOME").unwrap_or_else(std::env::temp_dir);
    if cfg!(target_os = "macos") {
        home.join("Library/Caches/amo-widget")
    } else {
        home.join(".cache/amo-widget")
    }
}

/// The directory `cargo install --root` fills for wasm-bindgen-cli `version`.
pub(crate) fn wasm_bindgen_root(cache: &Path, version: &str) -> PathBuf {
    cache.join("wasm-bindgen-cli").join(version)
}

/// Whether `path` is a program this process may run.
fn executable(path: &Path) -> bool {
    // By path, never by name: `which` looks a bare name up on PATH.
    std::path::absolute(path).is_ok_and(|path| which::which(path).is_ok())
}

/// The cargo to run: `$CARGO` (set when amo-widget itself runs under cargo, or by the caller),
/// else `cargo` on `PATH`; the one lookup every cargo command and the tool check use.
pub(crate) fn cargo() -> OsString {
    Machine::current()
        .cargo()
        .map_or_else(|| "cargo".into(), PathBuf::into_os_string)
}

/// `program --version`'s first line, if the program runs and succeeds.
pub(crate) fn version_line(program: impl AsRef<OsStr>) -> Option<String> {
    let out = Command::new(program)
        .arg("--version")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines().next().map(|l| l.trim().to_string())
}

/// The version in a `--version` line: its last word (`wasm-bindgen 0.2.130` → `0.2.130`).
fn version_word(line: &str) -> Option<&str> {
    line.split_whitespace()
        .last()
        .filter(|w| w.starts_with(|c: char| c.is_ascii_digit()))
}

/// The version `program --version` reports.
fn version_of(program: &Path) -> Option<String> {
    version_line(program).and_then(|l| version_word(&l).map(String::from))
}

/// A wasm-bindgen CLI of exactly `version`: its two programs, or `None`.
fn matching_bindgen(dir: &Path, version: &str, needs: Needs) -> Option<(PathBuf, PathBuf)> {
    let exe = std::env::consts::EXE_SUFFIX;
    let bindgen = dir.join(format!("wasm-bindgen{exe}"));
    let runner = dir.join(format!("wasm-bindgen-test-runner{exe}"));
    if !executable(&bindgen) || version_of(&bindgen).as_deref() != Some(version) {
        return None;
    }
    if needs != Needs::Build
        && (!executable(&runner) || version_of(&runner).as_deref() != Some(version))
    {
        return None;
    }
    Some((bindgen, runner))
}

/// Where a matching wasm-bindgen CLI is: on `PATH` first (an author who installed it keeps
/// theirs), then in amo-widget's cache.
fn find_bindgen(machine: &Machine, version: &str, needs: Needs) -> Option<(PathBuf, PathBuf)> {
    let on_path = machine
        .find("wasm-bindgen")
        .and_then(|p| p.parent().map(Path::to_path_buf));
    on_path
        .into_iter()
        .chain(std::iter::once(
            wasm_bindgen_root(&machine.cache, version).join("bin"),
        ))
        .find_map(|dir| matching_bindgen(&dir, version, needs))
}

/// The sysroot of the `rustc` cargo will use.
fn sysroot() -> Option<PathBuf> {
    let out = Command::new(std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into()))
        .args(["--print", "sysroot"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

/// Whether the toolchain has the wasm target's standard library.
fn has_wasm_target() -> bool {
    sysroot().is_some_and(|root| root.join("lib/rustlib").join(WASM_TARGET).is_dir())
}

/// What will be done to provide the tools, decided before anything runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// `rustup target add wasm32-unknown-unknown` is needed.
    pub add_target: bool,
    /// A matching wasm-bindgen CLI, if one is there.
    pub bindgen: Option<(PathBuf, PathBuf)>,
    /// The browser's programs, for tests.
    pub driver: Option<Driver>,
    /// What is missing and cannot be provided.
    pub missing: Vec<Missing>,
}

/// Looks at `machine` for what `needs` asks and the crate's locked wasm-bindgen `locked`, and
/// says what is there, what will be installed and what cannot be.
pub fn plan(machine: &Machine, locked: &str, needs: Needs, target_present: bool) -> Plan {
    let mut missing = Vec::new();
    let rustup = machine.find("rustup").is_some();
    if !target_present && !rustup {
        missing.push(Missing {
            what: format!("the Rust standard library for {WASM_TARGET}"),
            fix: format!(
                "install Rust with rustup (https://rustup.rs), then rustup target add {WASM_TARGET}; \
                 amo-widget adds the target itself where rustup is"
            ),
        });
    }
    if machine.cargo().is_none() {
        missing.push(Missing {
            what: "cargo".into(),
            fix: "install Rust with rustup (https://rustup.rs)".into(),
        });
    }
    let driver = match needs {
        Needs::Build | Needs::TestRunner => None,
        Needs::Test(browser) => browsers::find(machine, browser, &mut missing),
    };
    Plan {
        add_target: !target_present && rustup,
        bindgen: find_bindgen(machine, locked, needs),
        driver,
        missing,
    }
}

/// Finds what `needs` asks for the crate's locked wasm-bindgen `locked` (`None`: the crate has
/// no wasm-bindgen), installing the wasm target and wasm-bindgen's CLI when they are missing.
pub fn provide(locked: Option<&str>, needs: Needs) -> Result<Toolchain, ToolError> {
    let locked = locked.ok_or(ToolError::NoWasmBindgen)?;
    let machine = Machine::current();
    let plan = plan(&machine, locked, needs, has_wasm_target());
    if !plan.missing.is_empty() {
        return Err(ToolError::Missing(plan.missing));
    }
    if plan.add_target {
        install(
            &format!("adding the {WASM_TARGET} target (rustup target add {WASM_TARGET})"),
            Command::new("rustup").args(["target", "add", WASM_TARGET]),
        )?;
    }
    let (wasm_bindgen, test_runner) = match plan.bindgen {
        Some(found) => found,
        None => {
            let root = wasm_bindgen_root(&machine.cache, locked);
            let bin = root.join("bin");
            // cargo warns that an install root's bin is not on PATH; amo-widget runs it by path.
            let path = std::env::join_paths(
                std::iter::once(bin.clone()).chain(std::env::split_paths(&machine.path)),
            )
            .unwrap_or_else(|_| machine.path.clone());
            install(
                &format!(
                    "installing wasm-bindgen-cli {locked}, the version Cargo.lock pins, into {} \
                     (cargo install from crates.io; once per version, a few minutes)",
                    root.display()
                ),
                Command::new(cargo())
                    // Not --locked: wasm-bindgen-cli's own lockfile names yanked crates.
                    .args(["install", "wasm-bindgen-cli", "--version", locked, "--root"])
                    .arg(&root)
                    .env("PATH", path),
            )?;
            matching_bindgen(&bin, locked, needs).ok_or_else(|| ToolError::Install {
                what: format!("wasm-bindgen-cli {locked} in {}", bin.display()),
                status: "installed, but it does not report that version".into(),
            })?
        }
    };
    crate::progress::note(&format!(
        "wasm-bindgen {locked} (matches Cargo.lock): {}",
        wasm_bindgen.display()
    ));
    Ok(Toolchain {
        version: locked.to_string(),
        wasm_bindgen,
        test_runner,
        driver: plan.driver,
    })
}

fn install(what: &str, command: &mut Command) -> Result<(), ToolError> {
    crate::progress::step(what, || {
        let status = command.stdin(Stdio::null()).status();
        match status {
            Ok(s) if s.success() => Ok(()),
            Ok(s) => Err(ToolError::Install {
                what: what.to_string(),
                status: s.to_string(),
            }),
            Err(e) => Err(ToolError::Install {
                what: what.to_string(),
                status: format!("could not start: {e}"),
            }),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_is_the_last_word_of_the_version_line() {
        assert_eq!(version_word("wasm-bindgen 0.2.130"), Some("0.2.130"));
        assert_eq!(version_word("wasm-bindgen"), None);
        assert_eq!(version_word(""), None);
    }

    #[test]
    fn everything_missing_is_said_in_one_message() {
        let err = ToolError::Missing(vec![
            Missing {
                what: "a".into(),
                fix: "get a".into(),
            },
            Missing {
                what: "b".into(),
                fix: "get b".into(),
            },
        ]);
        assert_eq!(
            err.to_string(),
            "missing, and not something amo-widget installs by itself:\n  - a: get a\n  - b: get b"
        );
    }

    #[test]
    fn a_crate_without_wasm_bindgen_is_not_a_widget_crate() {
        assert_eq!(
            provide(None, Needs::Build).unwrap_err(),
            ToolError::NoWasmBindgen
        );
    }
}
