//! `amo-widget build` as a widget author runs it: on a crate outside this repository, with no
//! working node or npm and no `node_modules` anywhere above the crate.
//!
//! The build itself needs the wasm-bindgen CLI at the locked version and the wasm32 target (which
//! `amo-widget` provides when missing), and takes a minute: it is `#[ignore]`d here and run by
//! `cargo xtask test no-node`. How the wasm-bindgen CLI is chosen or installed is watched through
//! a stand-in cargo ([`super::fake_tools`]) and runs everywhere.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the CLI crate sits in the repository")
        .to_path_buf()
}

/// The repository's target directory, so that the SDK and its dependencies build once.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target"))
}

/// A fresh directory outside the repository, so that no `node_modules` is above it.
fn outside(name: &str) -> PathBuf {
    let dir = std::env::temp_dir()
        .join("amo-widget-tests")
        .join(format!("{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    assert!(
        !dir.starts_with(repo()),
        "the temporary directory must be outside the repository"
    );
    for above in dir.ancestors() {
        assert!(
            !above.join("node_modules").exists(),
            "{} has a node_modules: the test needs a clean place",
            above.display()
        );
    }
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// `examples/hello` as an author's crate: its own package (no workspace inheritance), the SDK as
/// a path dependency on this checkout, and this repository's lockfile (so the wasm-bindgen
/// version is the pinned one, and nothing new is resolved).
fn hello_outside(dir: &Path) -> PathBuf {
    let krate = dir.join("hello");
    copy_dir(&repo().join("examples/hello/src"), &krate.join("src"));
    copy_dir(&repo().join("examples/hello/widget"), &krate.join("widget"));
    let sdk = repo().display().to_string().replace('\\', "/");
    fs::write(
        krate.join("Cargo.toml"),
        format!(
            r#"[package]
name = "hello"
version = "0.1.0"
publish = false
edition = "2021"
license = "MIT OR Apache-2.0"

[lib]
crate-type = ["cdylib", "rlib"]

[dependencies]
amocrm-widget = {{ path = "{sdk}", features = ["small-alloc"] }}
web-sys = {{ version = "0.3.107", features = ["console", "HtmlElement"] }}

[package.metadata.amo-widget]
modules = ["dateformat"]

# Its own workspace, whatever lies above.
[workspace]
"#
        ),
    )
    .unwrap();
    fs::copy(repo().join("Cargo.lock"), krate.join("Cargo.lock")).unwrap();
    krate
}

/// A directory of stand-ins put first on `PATH`: each named program prints a line and exits 1.
fn broken_programs(dir: &Path, names: &[&str]) -> PathBuf {
    let bin = dir.join("bin");
    fs::create_dir_all(&bin).unwrap();
    for name in names {
        let script = bin.join(name);
        fs::write(
            &script,
            format!("#!/bin/sh\necho \"{name} must not run in this test\" >&2\nexit 1\n"),
        )
        .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
        }
    }
    bin
}

fn path_with_first(bin: &Path) -> std::ffi::OsString {
    let rest = std::env::var_os("PATH").unwrap_or_default();
    std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(std::env::split_paths(&rest)))
        .unwrap()
}

fn amo_widget(path: &std::ffi::OsStr, args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_amo-widget"))
        .args(args)
        .env("PATH", path)
        .env("CARGO_TARGET_DIR", target_dir())
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
#[ignore = "builds hello to wasm (a minute): cargo xtask test no-node"]
fn hello_builds_and_checks_without_node_or_npm() {
    let dir = outside("no-node");
    let krate = hello_outside(&dir);
    // An npm `wasm-opt` without a working node fails like these; the build must pass it over.
    let bin = broken_programs(&dir, &["node", "npm", "npx", "wasm-opt"]);
    let path = path_with_first(&bin);
    let out = dir.join("out");

    let built = amo_widget(
        &path,
        &[
            "build".as_ref(),
            krate.as_os_str(),
            "--out-dir".as_ref(),
            out.as_os_str(),
        ],
    );
    let stderr = text(&built.stderr);
    eprint!("{stderr}");
    assert!(built.status.success(), "build failed");
    assert!(
        stderr.contains("wasm-opt: built-in binaryen 116"),
        "the build says which wasm-opt ran:\n{stderr}"
    );
    assert!(stderr.contains("minify: oxc_minifier"), "{stderr}");
    assert!(
        stderr.contains("   cargo build (release, wasm32) … ") && stderr.contains(" s\n"),
        "long steps say how long they took:\n{stderr}"
    );
    assert!(!stderr.contains("must not run"), "{stderr}");

    let script = fs::read_to_string(out.join("personal_page.js")).unwrap();
    assert!(
        script.starts_with("define("),
        "an AMD module: {}",
        &script[..80]
    );
    assert!(
        !script.contains("@amo-bundle"),
        "every place of the shim is filled"
    );
    assert!(
        script.contains("dateformat"),
        "the host module the crate asks for"
    );
    for file in [
        "manifest.json",
        "widget.zip",
        "i18n/en.json",
        "images/logo.png",
    ] {
        assert!(
            out.join(file).is_file(),
            "{file} is missing from the output"
        );
    }

    let checked = amo_widget(
        &path,
        &["check".as_ref(), out.as_os_str(), "--strict".as_ref()],
    );
    assert!(
        checked.status.success(),
        "amo-widget check --strict rejects the output:\n{}{}",
        text(&checked.stdout),
        text(&checked.stderr)
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
#[cfg(unix)]
fn a_wasm_bindgen_cli_of_another_version_is_passed_over_and_the_locked_one_installed_once() {
    use super::fake_tools::{executable, fake_cargo, pinned_wasm_bindgen};
    let dir = outside("bindgen-mismatch");
    let krate = hello_outside(&dir);
    let bin = dir.join("bin");
    let cargo = fake_cargo(&bin, 1);
    executable(
        &bin.join("wasm-bindgen"),
        "#!/bin/sh\necho 'wasm-bindgen 0.2.1'\n",
    );
    let cache = dir.join("cache");
    let pinned = pinned_wasm_bindgen();
    let build = || {
        Command::new(env!("CARGO_BIN_EXE_amo-widget"))
            .args(["build".as_ref(), krate.as_os_str()])
            .env("PATH", path_with_first(&bin))
            .env("CARGO", &cargo.program)
            .env("AMO_WIDGET_CACHE", &cache)
            .output()
            .unwrap()
    };

    let first = build();
    let stderr = text(&first.stderr);
    assert!(
        !first.status.success(),
        "the stand-in cargo fails the build"
    );
    assert!(
        stderr.contains(&format!(
            "installing wasm-bindgen-cli {pinned}, the version Cargo.lock pins, into {}",
            cache.join("wasm-bindgen-cli").join(&pinned).display()
        )),
        "{stderr}"
    );
    let root = cache.join("wasm-bindgen-cli").join(&pinned);
    let log = fs::read_to_string(&cargo.log).unwrap();
    let calls: Vec<&str> = log.lines().filter(|l| l.starts_with("cargo ")).collect();
    assert_eq!(
        calls[0],
        format!(
            "cargo install wasm-bindgen-cli --version {pinned} --root {}",
            root.display()
        )
    );
    assert!(
        calls[1].starts_with("cargo build --lib --target wasm32-unknown-unknown --release"),
        "then the crate is compiled: {log}"
    );
    assert!(
        stderr.contains(&format!(
            "wasm-bindgen {pinned} (matches Cargo.lock): {}",
            root.join("bin/wasm-bindgen").display()
        )),
        "{stderr}"
    );

    // The second build finds the cached CLI: nothing is installed again.
    fs::remove_file(&cargo.log).unwrap();
    let second = build();
    let stderr = text(&second.stderr);
    assert!(!stderr.contains("installing wasm-bindgen-cli"), "{stderr}");
    let log = fs::read_to_string(&cargo.log).unwrap();
    assert!(!log.contains("cargo install"), "{log}");
    assert!(log.contains("cargo build --lib"), "{log}");
    let _ = fs::remove_dir_all(&dir);
}
