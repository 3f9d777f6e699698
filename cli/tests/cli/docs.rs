//! The README's author block and the guide's `start` chapter, run as written: each command line of
//! a shell block marked `<!-- docs-test: NAME -->`, in a fresh directory outside the repository,
//! as a newcomer runs it.
//!
//! The newcomer's machine is made here: `PATH` holds the CLI under test, the Rust toolchain's own
//! directory (cargo, rustc; no wasm-bindgen, no wasm-pack), a node and npm that fail, and the
//! system's directories (for Chromium's driver). wasm-bindgen's CLI is nowhere, so amo-widget
//! installs it into a cache kept in the target directory (once per cold run). Where the text says
//! "until it is on crates.io", the machine supplies what publishing will: the installed binary is
//! the workspace's build of `cli/` (the publish suite installs it from its packaged crate), and a
//! `.cargo/config.toml` above the work directory patches crates.io's `amocrm-widget` and
//! `amocrm-widget-testkit` to this checkout.
//!
//! `#[ignore]`d (minutes: wasm builds, Chromium): `cargo xtask test docs`.
#![cfg(unix)]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The command lines of the shell block after `<!-- docs-test: name -->` in `file`.
fn block(file: &str, name: &str) -> Vec<String> {
    let text = std::fs::read_to_string(repo().join(file)).unwrap();
    let marker = format!("<!-- docs-test: {name} -->");
    let after = text
        .split_once(&marker)
        .unwrap_or_else(|| panic!("{file} has no {marker}"))
        .1;
    let body = after
        .trim_start()
        .strip_prefix("```sh\n")
        .unwrap_or_else(|| panic!("{marker} in {file} is not followed by a ```sh block"));
    let body = &body[..body.find("```").expect("the block ends")];
    body.lines()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

struct Newcomer {
    work: PathBuf,
    path: std::ffi::OsString,
    cache: PathBuf,
    target: PathBuf,
}

impl Newcomer {
    fn new(name: &str) -> Newcomer {
        let base = std::env::temp_dir()
            .join("amo-widget-docs")
            .join(format!("{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let work = base.join("work");
        let bin = base.join("bin");
        std::fs::create_dir_all(&work).unwrap();
        std::fs::create_dir_all(&bin).unwrap();
        assert!(!work.starts_with(repo()));
        for program in ["node", "npm", "npx", "wasm-pack"] {
            super::fake_tools::executable(
                &bin.join(program),
                &format!("#!/bin/sh\necho '{program}: not on a newcomer's machine' >&2\nexit 1\n"),
            );
        }
        // What `cargo install amo-widget` puts on PATH.
        let installed = Path::new(env!("CARGO_BIN_EXE_amo-widget"))
            .parent()
            .unwrap();
        let toolchain = Path::new(env!("CARGO")).parent().unwrap();
        for dir in [installed, toolchain] {
            assert!(!dir.join("wasm-bindgen").exists(), "{}", dir.display());
        }
        let path = std::env::join_paths([
            bin.as_path(),
            installed,
            toolchain,
            Path::new("/usr/bin"),
            Path::new("/bin"),
        ])
        .unwrap();
        let sdk = repo().display().to_string();
        std::fs::create_dir_all(base.join(".cargo")).unwrap();
        std::fs::write(
            base.join(".cargo/config.toml"),
            format!(
                "# What publishing the SDK will provide.\n[patch.crates-io]\namocrm-widget = {{ path = \"{sdk}\" }}\namocrm-widget-testkit = {{ path = \"{sdk}/testkit\" }}\n"
            ),
        )
        .unwrap();
        let target_root = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| repo().join("target"));
        Newcomer {
            work,
            path,
            // Kept between runs: the wasm-bindgen CLI is installed once per cold target dir.
            cache: target_root.join("docs-test/amo-widget-cache"),
            target: target_root.join("docs-test/crates"),
        }
    }

    fn command(&self, line: &str, cwd: &Path) -> Command {
        let mut c = Command::new("sh");
        c.args(["-c", line])
            .current_dir(cwd)
            .env_clear()
            .env("PATH", &self.path)
            .env("HOME", std::env::var_os("HOME").unwrap_or_default())
            .env("AMO_WIDGET_CACHE", &self.cache)
            .stdin(Stdio::null());
        for keep in ["CARGO_HOME", "RUSTUP_HOME", "RUSTUP_TOOLCHAIN", "TMPDIR"] {
            if let Some(v) = std::env::var_os(keep) {
                c.env(keep, v);
            }
        }
        c
    }

    /// A build cache, not a change to the commands: the crate's `target/` is a link into the
    /// repository's target directory, so the SDK's dependencies compile once across runs while
    /// every path the text names (`target/widgets/…`) stays what it says.
    fn share_target(&self, krate: &Path) {
        if krate.join("Cargo.toml").is_file() && !krate.join("target").exists() {
            let name = krate.file_name().unwrap();
            let shared = self.target.join(name);
            std::fs::create_dir_all(&shared).unwrap();
            std::os::unix::fs::symlink(&shared, krate.join("target")).unwrap();
        }
    }

    /// Runs the block line by line, tracking `cd`; returns the directory it ended in and the
    /// combined output of every line.
    fn run(&self, lines: &[String]) -> (PathBuf, String) {
        let mut cwd = self.work.clone();
        let mut said = String::new();
        for line in lines {
            let command = line.split(" #").next().unwrap().trim();
            eprintln!("$ {command}");
            if let Some(dir) = command.strip_prefix("cd ") {
                cwd = cwd.join(dir.trim());
                assert!(cwd.is_dir(), "{line}: no such directory");
                self.share_target(&cwd);
                continue;
            }
            if command.starts_with("cargo install") {
                assert!(
                    command.contains("amo-widget") && line.contains("cargo install --path cli"),
                    "{line}"
                );
                eprintln!("  (amo-widget is the workspace's build of cli/, already on PATH)");
                continue;
            }
            if command == "amo-widget serve" {
                said.push_str(&self.serve(&cwd));
                continue;
            }
            let out = self.command(command, &cwd).output().unwrap();
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            eprintln!("{text}");
            assert!(out.status.success(), "`{command}` failed:\n{text}");
            said.push_str(&text);
        }
        (cwd, said)
    }

    /// `amo-widget serve` until its first build is served: the cabinet page and the widget's
    /// script answer on the port the text names.
    fn serve(&self, cwd: &Path) -> String {
        let mut child = self
            .command("exec amo-widget serve", cwd)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let deadline = Instant::now() + Duration::from_secs(900);
        let mut said = String::new();
        let outcome = loop {
            match rx.recv_timeout(Duration::from_secs(1)) {
                Ok(line) => {
                    eprintln!("{line}");
                    said.push_str(&line);
                    said.push('\n');
                    if line.contains("build 1 ok") {
                        break Ok(());
                    }
                    if line.contains("build 1 failed") {
                        break Err(format!("the first build failed:\n{said}"));
                    }
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) if Instant::now() < deadline => {}
                Err(_) => break Err(format!("serve stopped or hung:\n{said}")),
            }
        };
        let pages = outcome.map(|()| (get("/cabinet/"), get("/")));
        let _ = child.kill();
        let _ = child.wait();
        let (cabinet, script) = pages.unwrap_or_else(|e| panic!("{e}"));
        assert!(cabinet.starts_with("HTTP/1.1 200"), "{cabinet}");
        assert!(cabinet.contains("<html"), "the cabinet page");
        assert!(
            script.starts_with("HTTP/1.1 200"),
            "{}",
            &script[..200.min(script.len())]
        );
        assert!(script.contains("define("), "the widget's AMD module at /");
        said
    }
}

/// A plain HTTP GET of `path` on localhost:3000, the whole answer as text.
fn get(path: &str) -> String {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", 3000)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost:3000\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    String::from_utf8_lossy(&answer).into_owned()
}

fn gzipped(bytes: &[u8]) -> usize {
    let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(bytes).unwrap();
    z.finish().unwrap().len()
}

#[test]
#[ignore = "a newcomer's first hour: wasm builds and Chromium, minutes (cargo xtask test docs)"]
fn the_readme_author_block_runs_as_written() {
    let lines = block("README.md", "author");
    let newcomer = Newcomer::new("readme");
    let (krate, said) = newcomer.run(&lines);
    assert!(krate.ends_with("my-widget"));
    assert!(
        said.contains("built-in binaryen"),
        "no node: the built-in binaryen ran"
    );
    let widget = krate.join("target/widgets/my-widget");
    for file in ["personal_page.js", "manifest.json", "widget.zip"] {
        assert!(widget.join(file).is_file(), "{file}");
    }
    assert!(
        krate.join("widget.zip").is_file(),
        "pack wrote ./widget.zip"
    );
    let script = std::fs::read(widget.join("personal_page.js")).unwrap();
    eprintln!(
        "the widget `new` makes: personal_page.js {} B, {} B gzipped",
        script.len(),
        gzipped(&script)
    );
}

#[test]
#[ignore = "the guide's start chapter: wasm builds and Chromium, minutes (cargo xtask test docs)"]
fn the_guides_start_chapter_runs_as_written() {
    let lines = block("src/guide/start.md", "start");
    let newcomer = Newcomer::new("guide");
    let (krate, said) = newcomer.run(&lines);
    assert!(
        said.contains("test result: ok"),
        "the crate's browser tests ran:\n{said}"
    );
    assert!(krate.join("widget.zip").is_file());
}
