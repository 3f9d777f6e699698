//! Running a script with node, for the tests that hold the shim's JavaScript against this crate.

use std::io::Write;
use std::process::{Command, Stdio};

/// What `script` prints, run by `node` (which must be on PATH) from stdin: a script with a big
/// case in it would not fit in an argument. Panics with node's errors if it fails.
pub fn run(script: &str) -> String {
    let mut node = Command::new("node")
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("this test runs the shim's JavaScript with node, which must be on PATH");
    node.stdin
        .take()
        .expect("node's stdin")
        .write_all(script.as_bytes())
        .expect("the script goes to node");
    let out = node.wait_with_output().expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "node failed: {}{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}
