//! Running commands loudly: every step says what it does before it does it.

use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The repository root (the workspace that holds `xtask/`).
pub fn root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(PathBuf::from)
        .unwrap_or(manifest_dir)
}

/// Prints a step header in a form that is easy to spot in CI logs.
pub fn say(what: &str) {
    println!("\n==> {what}");
}

/// Runs `command` from the repository root (or the directory it was given), inheriting stdio;
/// fails with `what` on a non-zero exit.
pub fn run(what: &str, command: &mut Command) -> Result<(), String> {
    say(what);
    if command.get_current_dir().is_none() {
        command.current_dir(root());
    }
    let status = command
        .stdin(Stdio::null())
        .status()
        .map_err(|e| format!("{what}: could not start {:?}: {e}", command.get_program()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what}: failed ({status})"))
    }
}

/// Runs `program args` quietly and returns its trimmed stdout, or `None` if it is missing or fails.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .current_dir(root())
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}
