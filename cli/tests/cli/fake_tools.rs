//! Stand-ins for cargo's installs and runs, to watch what `amo-widget` asks of the machine
//! without minutes of compiling: a `cargo` that passes `metadata` to the real one, answers
//! `install wasm-bindgen-cli --version V --root R` by writing a wasm-bindgen CLI of version `V`
//! into `R/bin`, and logs every other call (with the environment the runner needs) and fails
//! or succeeds as told; and a WebKitWebDriver in `xvfb-run` that listen on the port asked.
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

pub struct FakeCargo {
    /// The stand-in `cargo` (pass it as `CARGO`).
    pub program: PathBuf,
    /// What it was asked to do, one call a line (plus the runner's environment).
    pub log: PathBuf,
}

pub fn executable(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// A `cargo` in `bin` whose runs (not `metadata`, not `install`) exit with `exit`.
pub fn fake_cargo(bin: &Path, exit: i32) -> FakeCargo {
    std::fs::create_dir_all(bin).unwrap();
    let program = bin.join("cargo");
    let log = bin.join("cargo.log");
    let real = env!("CARGO");
    executable(
        &program,
        &format!(
            r#"#!/bin/sh
log='{log}'
case "$1" in
  metadata) exec '{real}' "$@" ;;
  install)
    echo "cargo $*" >> "$log"
    while [ $# -gt 0 ]; do
      case "$1" in --version) v="$2"; shift ;; --root) r="$2"; shift ;; esac
      shift
    done
    mkdir -p "$r/bin"
    for p in wasm-bindgen wasm-bindgen-test-runner; do
      printf '#!/bin/sh\necho "%s %s"\n' "$p" "$v" > "$r/bin/$p"
      chmod +x "$r/bin/$p"
    done ;;
  *)
    echo "cargo $*" >> "$log"
    env | grep -E '^([A-Z]+DRIVER(_REMOTE)?|CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER|WASM_BINDGEN_TEST_WEBDRIVER_JSON)=' | sort >> "$log"
    exit {exit} ;;
esac
"#,
            log = log.display(),
        ),
    );
    FakeCargo { program, log }
}

/// The wasm-bindgen version this repository's lockfile pins.
pub fn pinned_wasm_bindgen() -> String {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let lock = std::fs::read_to_string(repo.join("Cargo.lock")).unwrap();
    lock.split("[[package]]")
        .find(|p| p.contains("name = \"wasm-bindgen\"\n"))
        .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = ")))
        .map(|v| v.trim_matches('"').to_string())
        .expect("Cargo.lock pins wasm-bindgen")
}

/// A directory of links to the few system programs the stand-ins use, for a `PATH` that must
/// not see the rest of `/usr/bin` (where Chromium's driver may be).
pub fn system_bin(dir: &Path) -> PathBuf {
    let bin = dir.join("system");
    std::fs::create_dir_all(&bin).unwrap();
    for tool in [
        "sh", "env", "grep", "mkdir", "printf", "chmod", "sort", "cat",
    ] {
        let found = ["/usr/bin", "/bin"]
            .iter()
            .map(|d| Path::new(d).join(tool))
            .find(|p| p.exists())
            .unwrap_or_else(|| panic!("{tool} is not in /usr/bin or /bin"));
        let link = bin.join(tool);
        if !link.exists() {
            std::os::unix::fs::symlink(found, link).unwrap();
        }
    }
    bin
}

/// A stand-in `xvfb-run` that logs its arguments and runs the command after its options as a
/// child (so that only stopping its process group stops that), and a `WebKitWebDriver` that
/// listens on `--port=N` and writes its pid to `webkitwebdriver.pid` in `bin` once it does.
pub fn fake_webkit_driver(bin: &Path) -> (PathBuf, PathBuf) {
    std::fs::create_dir_all(bin).unwrap();
    let log = bin.join("xvfb-run.log");
    let pid = bin.join("webkitwebdriver.pid");
    executable(
        &bin.join("xvfb-run"),
        &format!(
            r#"#!/bin/sh
echo "xvfb-run $*" >> '{log}'
while [ $# -gt 0 ]; do
  case "$1" in -a) shift ;; -s) shift 2 ;; *) break ;; esac
done
"$@" &
wait
"#,
            log = log.display()
        ),
    );
    executable(
        &bin.join("WebKitWebDriver"),
        &format!(
            r#"#!/usr/bin/perl
use IO::Socket::INET;
my ($port) = map {{ /^--port=(\d+)$/ ? $1 : () }} @ARGV;
my $server = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => $port, Listen => 5, ReuseAddr => 1) or die "listen: $!";
open(my $f, '>', '{pid}') or die; print $f $$; close $f;
while (my $c = $server->accept) {{ close $c; }}
"#,
            pid = pid.display()
        ),
    );
    (log, pid)
}

/// Whether process `pid` is still running (a zombie is not).
pub fn alive(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| !rest.starts_with('Z')),
        Err(_) => false,
    }
}
