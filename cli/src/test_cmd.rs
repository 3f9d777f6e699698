//! `amo-widget test [PATH] [-- ARGS]`: the widget crate's browser tests in headless Chromium,
//! through `wasm-pack test --headless --chrome`, with what the machine needs: the chromedriver
//! on `PATH` (or `CHROMEDRIVER`) handed to wasm-pack so it never downloads one, and Chromium's
//! `--no-sandbox` when running as root (Chromium refuses to start as root without it).

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// Arguments of `amo-widget test`.
#[derive(Debug, Clone, clap::Args)]
pub struct TestArgs {
    /// The widget crate (default: the current directory).
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Passed on after `wasm-pack test ... PATH --` (cargo test's options, then `--` and the
    /// test binary's, e.g. `-- --test widget`).
    #[arg(last = true)]
    pub extra: Vec<String>,
}

/// Why the tests could not be started.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TestError {
    /// No `Cargo.toml` at the path.
    #[error(
        "{0}: no Cargo.toml there; run `amo-widget test` in a widget crate or pass its directory"
    )]
    NotACrate(PathBuf),
    /// wasm-pack is not installed.
    #[error("wasm-pack is not on PATH: install it with `cargo install wasm-pack`, then run `amo-widget test` again")]
    NoWasmPack,
    /// No chromedriver to drive Chromium.
    #[error(
        "chromedriver is not on PATH (and CHROMEDRIVER is not set): install Chromium and its \
         driver (Debian/Ubuntu: `apt-get install chromium chromium-driver`), or set \
         CHROMEDRIVER=/path/to/chromedriver; amo-widget does not let wasm-pack download one"
    )]
    NoChromedriver,
    /// `CHROMEDRIVER` names a file that is not there.
    #[error("CHROMEDRIVER={0} is not an executable file")]
    BadChromedriver(PathBuf),
    /// The crate's `webdriver.json` is not JSON (needed to add `--no-sandbox` as root).
    #[error("{path}: not valid webdriver capabilities JSON ({reason})")]
    WebdriverJson {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// Writing the capabilities with `--no-sandbox` failed.
    #[error("{path}: {reason}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        reason: String,
    },
}

/// What the machine looks like to `amo-widget test`.
#[derive(Debug, Clone)]
pub struct Machine {
    /// `PATH`.
    pub path: OsString,
    /// `CHROMEDRIVER`, if set.
    pub chromedriver: Option<OsString>,
    /// Running as root (Chromium needs `--no-sandbox` then).
    pub root: bool,
}

impl Machine {
    /// This process's environment.
    pub fn current() -> Machine {
        Machine {
            path: std::env::var_os("PATH").unwrap_or_default(),
            chromedriver: std::env::var_os("CHROMEDRIVER").filter(|v| !v.is_empty()),
            root: running_as_root(),
        }
    }
}

#[cfg(unix)]
fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    // `/proc/self` belongs to the process's effective user (Linux); elsewhere, `$USER`.
    match std::fs::metadata("/proc/self") {
        Ok(meta) => meta.uid() == 0,
        Err(_) => std::env::var("USER").is_ok_and(|u| u == "root"),
    }
}

#[cfg(not(unix))]
fn running_as_root() -> bool {
    false
}

/// The command to run: the program, its arguments, extra environment, and what to say first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// wasm-pack, as found on `PATH`.
    pub program: PathBuf,
    /// Its arguments.
    pub args: Vec<OsString>,
    /// Environment to set (`CHROMEDRIVER`, and `WASM_BINDGEN_TEST_WEBDRIVER_JSON` as root).
    pub env: Vec<(OsString, OsString)>,
    /// Lines to print before running.
    pub notes: Vec<String>,
}

fn executable(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

/// The first executable `name` in the directories of `path` (a `PATH` value).
pub fn find_on_path(name: &str, path: &OsStr) -> Option<PathBuf> {
    let file = format!("{name}{}", std::env::consts::EXE_SUFFIX);
    std::env::split_paths(path)
        .map(|dir| dir.join(&file))
        .find(|candidate| executable(candidate))
}

/// The chromium arguments that make `--no-sandbox` present in `capabilities` (webdriver JSON).
fn with_no_sandbox(mut capabilities: serde_json::Value) -> Result<serde_json::Value, String> {
    let root = capabilities
        .as_object_mut()
        .ok_or("the capabilities are not a JSON object")?;
    let options = root
        .entry("goog:chromeOptions")
        .or_insert_with(|| serde_json::json!({}));
    let options = options
        .as_object_mut()
        .ok_or("goog:chromeOptions is not an object")?;
    let args = options
        .entry("args")
        .or_insert_with(|| serde_json::json!([]));
    let args = args
        .as_array_mut()
        .ok_or("goog:chromeOptions.args is not an array")?;
    if !args
        .iter()
        .any(|a| a == "--no-sandbox" || a == "no-sandbox")
    {
        args.push("--no-sandbox".into());
    }
    if !args.iter().any(|a| {
        a.as_str()
            .is_some_and(|s| s.starts_with("--headless") || s.starts_with("headless"))
    }) {
        args.push("--headless=new".into());
    }
    Ok(capabilities)
}

/// Works out the `wasm-pack test` command for `args` on `machine`. As root, writes the crate's
/// `webdriver.json` with `--no-sandbox` added to `<crate>/target/amo-widget-test/` and points
/// wasm-bindgen's test runner at it (the crate's own file is never changed).
pub fn plan(args: &TestArgs, machine: &Machine) -> Result<Plan, TestError> {
    let dir = &args.path;
    if !dir.join("Cargo.toml").is_file() {
        return Err(TestError::NotACrate(dir.clone()));
    }
    let program = find_on_path("wasm-pack", &machine.path).ok_or(TestError::NoWasmPack)?;
    let chromedriver = match &machine.chromedriver {
        Some(given) => {
            let given = PathBuf::from(given);
            let found = if given.components().count() > 1 {
                executable(&given).then_some(given.clone())
            } else {
                find_on_path(&given.to_string_lossy(), &machine.path)
            };
            found.ok_or(TestError::BadChromedriver(given))?
        }
        None => find_on_path("chromedriver", &machine.path).ok_or(TestError::NoChromedriver)?,
    };
    let mut notes = vec![format!("chromedriver: {}", chromedriver.display())];
    let mut env = vec![(
        OsString::from("CHROMEDRIVER"),
        chromedriver.clone().into_os_string(),
    )];
    if machine.root {
        let own = dir.join("webdriver.json");
        let capabilities = match std::fs::read_to_string(&own) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| TestError::WebdriverJson {
                path: own.clone(),
                reason: e.to_string(),
            })?,
            Err(_) => serde_json::json!({}),
        };
        let capabilities =
            with_no_sandbox(capabilities).map_err(|reason| TestError::WebdriverJson {
                path: own.clone(),
                reason,
            })?;
        let out_dir = dir.join("target").join("amo-widget-test");
        let out = out_dir.join("webdriver.json");
        std::fs::create_dir_all(&out_dir)
            .and_then(|()| std::fs::write(&out, capabilities.to_string()))
            .map_err(|e| TestError::Io {
                path: out.clone(),
                reason: e.to_string(),
            })?;
        // The runner reads this relative to its working directory: make it absolute.
        let out = std::fs::canonicalize(&out).unwrap_or(out);
        notes.push(format!(
            "running as root: Chromium gets --no-sandbox ({})",
            out.display()
        ));
        env.push((
            OsString::from("WASM_BINDGEN_TEST_WEBDRIVER_JSON"),
            out.into_os_string(),
        ));
    }
    let mut command_args: Vec<OsString> = ["test", "--headless", "--chrome", "--chromedriver"]
        .iter()
        .map(OsString::from)
        .collect();
    command_args.push(chromedriver.into_os_string());
    command_args.push(dir.clone().into_os_string());
    if !args.extra.is_empty() {
        command_args.push("--".into());
        command_args.extend(args.extra.iter().map(OsString::from));
    }
    Ok(Plan {
        program,
        args: command_args,
        env,
        notes,
    })
}

impl TestArgs {
    /// Runs the tests; the exit code is wasm-pack's.
    pub fn run(self) -> ExitCode {
        let plan = match plan(&self, &Machine::current()) {
            Ok(plan) => plan,
            Err(error) => {
                eprintln!("amo-widget test: {error}");
                return ExitCode::FAILURE;
            }
        };
        for note in &plan.notes {
            println!("{note}");
        }
        let shown: Vec<String> = plan
            .args
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        println!("running wasm-pack {}", shown.join(" "));
        let mut command = Command::new(&plan.program);
        command.args(&plan.args).envs(plan.env.iter().cloned());
        match command.status() {
            Ok(status) if status.success() => ExitCode::SUCCESS,
            Ok(status) => {
                eprintln!("amo-widget test: the tests failed ({status})");
                ExitCode::FAILURE
            }
            Err(error) => {
                eprintln!(
                    "amo-widget test: could not run {}: {error}",
                    plan.program.display()
                );
                ExitCode::FAILURE
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_sandbox_is_added_once_and_other_arguments_stay() {
        let given = serde_json::json!({ "goog:chromeOptions": { "args": ["--headless=new", "--disable-gpu"] } });
        let out = with_no_sandbox(given).unwrap();
        assert_eq!(
            out["goog:chromeOptions"]["args"],
            serde_json::json!(["--headless=new", "--disable-gpu", "--no-sandbox"])
        );
        let again = with_no_sandbox(out.clone()).unwrap();
        assert_eq!(again, out);
        let empty = with_no_sandbox(serde_json::json!({})).unwrap();
        assert_eq!(
            empty["goog:chromeOptions"]["args"],
            serde_json::json!(["--no-sandbox", "--headless=new"])
        );
        assert!(with_no_sandbox(serde_json::json!([])).is_err());
    }
}
