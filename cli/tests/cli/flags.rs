//! The flags people already type, as cargo, wasm-pack and trunk spell them, reach cargo as they
//! should; the crate's `[package.metadata.amo-widget]` keys are checked. Watched through a
//! stand-in cargo ([`super::fake_tools`]) that fails the compile, so nothing is built.
#![cfg(unix)]

use super::fake_tools::{executable, fake_cargo, pinned_wasm_bindgen};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn crate_with(name: &str, metadata: &str) -> (PathBuf, PathBuf) {
    let root = std::env::temp_dir().join(format!("amo-flags-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let krate = root.join("w");
    std::fs::create_dir_all(krate.join("src")).unwrap();
    std::fs::create_dir_all(krate.join("widget")).unwrap();
    std::fs::write(krate.join("widget/manifest.json"), "{}").unwrap();
    std::fs::write(krate.join("src/lib.rs"), "").unwrap();
    std::fs::write(
        krate.join("Cargo.toml"),
        format!(
            "[package]\nname = \"w\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[dependencies]\nwasm-bindgen = \"={}\"\n\n[features]\na = []\nb = []\n\n{metadata}\n[workspace]\n",
            pinned_wasm_bindgen()
        ),
    )
    .unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    std::fs::copy(repo.join("Cargo.lock"), krate.join("Cargo.lock")).unwrap();
    (krate, root.join("bin"))
}

fn amo(bin: &Path, cargo: &Path, args: &[&str]) -> Output {
    let toolchain = Path::new(env!("CARGO")).parent().unwrap();
    let bindgen = bin.join("bindgen");
    std::fs::create_dir_all(&bindgen).unwrap();
    let v = pinned_wasm_bindgen();
    executable(
        &bindgen.join("wasm-bindgen"),
        &format!("#!/bin/sh\necho 'wasm-bindgen {v}'\n"),
    );
    let path = std::env::join_paths([
        bin,
        bindgen.as_path(),
        toolchain,
        Path::new("/usr/bin"),
        Path::new("/bin"),
    ])
    .unwrap();
    Command::new(env!("CARGO_BIN_EXE_amo-widget"))
        .args(args)
        .env("PATH", path)
        .env("CARGO", cargo)
        .env("AMO_WIDGET_CACHE", bin.join("cache"))
        .output()
        .unwrap()
}

fn compile_line(log: &Path) -> String {
    let log = std::fs::read_to_string(log).unwrap();
    log.lines()
        .find(|l| l.starts_with("cargo build"))
        .unwrap_or_else(|| panic!("no compile in {log}"))
        .to_string()
}

#[test]
fn profile_and_feature_flags_reach_cargo() {
    let (krate, bin) = crate_with("profiles", "");
    let k = krate.to_str().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (&["build", k], " --release --manifest-path"),
        (&["build", k, "--release"], " --release --manifest-path"),
        (
            &["build", k, "--dev"],
            " wasm32-unknown-unknown --manifest-path",
        ),
        (
            &["build", k, "--profile", "tiny"],
            " --profile tiny --manifest-path",
        ),
        (
            &[
                "build",
                k,
                "-F",
                "a",
                "--features",
                "b",
                "--no-default-features",
            ],
            " --release --features a,b --no-default-features --manifest-path",
        ),
        (
            &["build", k, "--all-features"],
            " --release --all-features --manifest-path",
        ),
        (&["-v", "build", k, "--dev"], " --manifest-path"),
    ];
    for (args, expected) in cases {
        let cargo = fake_cargo(&bin, 1);
        let _ = std::fs::remove_file(&cargo.log);
        let out = amo(&bin, &cargo.program, args);
        assert!(!out.status.success());
        let line = compile_line(&cargo.log);
        assert!(
            line.starts_with("cargo build --lib --target wasm32-unknown-unknown")
                && line.contains(expected),
            "{args:?}: {line}"
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        if args[0] == "-v" {
            assert!(line.contains("--verbose"), "{line}");
            assert!(
                stderr.contains("   running "),
                "-v shows the commands: {stderr}"
            );
        }
    }
    let cargo = fake_cargo(&bin, 1);
    std::fs::remove_file(&cargo.log).unwrap();
    let out = amo(&bin, &cargo.program, &["-q", "build", k]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(compile_line(&cargo.log).contains("--quiet"));
    assert!(
        !stderr.contains("   cargo build ("),
        "-q: no progress lines: {stderr}"
    );

    // Conflicting profiles are refused before anything runs.
    let out = amo(&bin, &cargo.program, &["build", k, "--release", "--dev"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot be used with"));
}

#[test]
fn unknown_metadata_keys_are_warnings_with_a_suggestion() {
    let (krate, bin) = crate_with(
        "metadata",
        "[package.metadata.amo-widget]\nstak-size = 65536\nmodules = []\n",
    );
    let cargo = fake_cargo(&bin, 1);
    let out = amo(&bin, &cargo.program, &["build", krate.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: unknown key `stak-size` in [package.metadata.amo-widget]")
            && stderr.contains("(did you mean `stack-size`?)"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("`modules`"),
        "known keys are not reported: {stderr}"
    );
}

#[test]
fn the_help_names_every_command() {
    let out = Command::new(env!("CARGO_BIN_EXE_amo-widget"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    let first = help.lines().next().unwrap();
    for word in ["new", "serve", "test", "build", "check", "pack"] {
        assert!(first.contains(word), "{first}");
    }
    for command in ["new", "serve", "test", "build", "check", "pack", "token"] {
        assert!(help.contains(&format!("\n  {command} ")), "{help}");
    }
}
