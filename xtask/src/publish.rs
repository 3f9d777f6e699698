//! The `publish` suite: the publishable crates as crates.io would serve them, and a widget
//! author who has nothing else.
//!
//! 1. `cargo package` of every publishable crate, with verification: cargo builds each one from
//!    its `.crate`, the crates it depends on coming from the other `.crate` files (a temporary
//!    local registry), so a missing file, a path-only dependency or a stale `include` fails here
//!    and not after a publish.
//! 2. The `.crate` files unpacked outside the repository; each must carry both licences and its
//!    README.
//! 3. `cargo install --path` of the unpacked `amo-widget`: the CLI installs from its package.
//! 4. `amo-widget new proof-widget` (no `--sdk-path`: it depends on the SDK and the test kit by
//!    version) with a `[patch.crates-io]` pointing each of our crates at its unpacked package,
//!    then `amo-widget build`, `check --strict`, `pack --strict`, and `test` when a chromedriver
//!    is at hand.
//!
//! Everything compiles into the workspace's target directory, with the workspace's `dev`
//! profile: a packaged crate is a workspace of its own, so neither the target directory nor the
//! `[profile]` tables of our `Cargo.toml` would apply to it otherwise, and binaryen (minutes of
//! C++ inside `amo-widget`) would be compiled again, at another opt-level. With both, the
//! packaged CLI's binaryen is the unit `cargo build -p amo-widget` builds in the workspace, and
//! the install reuses it. It is not the unit of `cargo test --workspace`: there Leptos's proc
//! macros add features to `proc-macro2` and `syn`, which binaryen's build script depends on,
//! and a crate built alone never has those. So a first run compiles binaryen once more unless
//! `-p amo-widget` was built before; later runs compile only our crates.
//!
//! The suite runs as an ignored test of xtask's (`cargo xtask test publish` runs it after the
//! setup), so the module is compiled for tests only.
#![cfg(test)]

use crate::cmd::{root, run, say};
use cargo_metadata::{MetadataCommand, Package};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The widget crate the suite creates, as an author would name theirs.
const PROOF: &str = "proof-widget";

/// Runs the suite; `chromedriver` enables the proof widget's browser test.
pub fn run_suite(chromedriver: Option<&Path>) -> Result<(), String> {
    let started = Instant::now();
    let metadata = MetadataCommand::new()
        .manifest_path(root().join("Cargo.toml"))
        .no_deps()
        .exec()
        .map_err(|e| format!("cargo metadata: {e}"))?;
    let target = metadata.target_directory.clone().into_std_path_buf();
    let crates = publishable(&metadata.workspace_packages());
    if crates.is_empty() {
        return Err("no workspace crate is publishable".into());
    }
    let names: Vec<&str> = crates.iter().map(|c| c.name.as_str()).collect();

    let work = target.join("publish");
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let profiles = work.join("workspace-profiles.toml");
    let manifest = std::fs::read_to_string(root().join("Cargo.toml"))
        .map_err(|e| format!("Cargo.toml: {e}"))?;
    write(&profiles, &profile_tables(&manifest))?;

    let mut times = Vec::new();
    let step = Instant::now();
    forget_earlier_overlays(&names)?;
    let overlay = OverlayDir::new(&target, &work)?;
    let mut package = cargo();
    package
        .args(["package", "--locked", "--allow-dirty", "--target-dir"])
        .arg(overlay.path())
        .arg("--config")
        .arg(&profiles);
    for name in &names {
        package.args(["--package", name]);
    }
    run(
        &format!(
            "cargo package, each crate verified by building it from its .crate: {}",
            names.join(", ")
        ),
        &mut package,
    )?;
    drop(overlay);
    times.push(("cargo package (verified)", step.elapsed()));

    // Outside the repository, or cargo would take our workspace for theirs. One directory per
    // checkout, so that two worktrees can run the suite at once.
    let outside = std::env::temp_dir().join(format!("amocrm-widget-publish-{}", checkout_id()));
    remove_dir(&outside)?;
    let unpacked = outside.join("crates");
    std::fs::create_dir_all(&unpacked).map_err(|e| format!("{}: {e}", unpacked.display()))?;
    say(&format!(
        "unpacking the .crate files into {}",
        unpacked.display()
    ));
    let mut patch = String::from("[patch.crates-io]\n");
    for krate in &crates {
        let file = target
            .join("package")
            .join(format!("{}-{}.crate", krate.name, krate.version));
        // `-m`: files get the time of unpacking. The archive's times are one fixed date long
        // past, so cargo would take the build of an earlier run, from other sources, for fresh.
        run(
            &format!("unpack {}", file.display()),
            Command::new("tar")
                .arg("-xzmf")
                .arg(&file)
                .arg("-C")
                .arg(&unpacked),
        )?;
        let dir = unpacked.join(format!("{}-{}", krate.name, krate.version));
        check_contents(krate, &dir)?;
        patch.push_str(&format!(
            "{} = {{ path = {} }}\n",
            krate.name,
            toml_string(&dir.to_string_lossy())
        ));
    }

    let step = Instant::now();
    let cli = crates
        .iter()
        .find(|c| c.targets.iter().any(|t| t.is_bin()))
        .ok_or("no publishable crate has a binary: where is amo-widget?")?;
    let cli_dir = unpacked.join(format!("{}-{}", cli.name, cli.version));
    let install_config = outside.join("install.toml");
    write(
        &install_config,
        &format!("{}\n{patch}", profile_tables(&manifest)),
    )?;
    // The package's Cargo.lock names our crates as crates.io ones; with them patched to their
    // unpacked directories, the lock is brought up to date once (every other version stays
    // where Cargo.lock has it), so that the install itself can run `--locked`.
    run(
        "cargo update --workspace in the unpacked CLI (our crates patched to their packages)",
        cargo()
            .args(["update", "--workspace", "--manifest-path"])
            .arg(cli_dir.join("Cargo.toml"))
            .arg("--config")
            .arg(&install_config),
    )?;
    let install_root = outside.join("cli-root");
    run(
        &format!(
            "cargo install --path {} --debug (the CLI from its package)",
            cli_dir.display()
        ),
        cargo()
            .args(["install", "--locked", "--debug", "--path"])
            .arg(&cli_dir)
            .arg("--root")
            .arg(&install_root)
            .arg("--target-dir")
            .arg(&target)
            .arg("--config")
            .arg(&install_config),
    )?;
    let installed = install_root.join("bin").join(exe("amo-widget"));
    run(
        "amo-widget --version (installed from the package)",
        Command::new(&installed).arg("--version"),
    )?;
    times.push(("cargo install from the package", step.elapsed()));

    let step = Instant::now();
    let cli_root = crate::author::install_cli(false)?;
    let amo_widget = cli_root.join("bin").join(exe("amo-widget"));
    run(
        &format!("amo-widget new {PROOF} (in {})", outside.display()),
        Command::new(&amo_widget)
            .args(["new", PROOF])
            .current_dir(&outside),
    )?;
    let proof = outside.join(PROOF);
    let proof_manifest = proof.join("Cargo.toml");
    let generated =
        std::fs::read_to_string(&proof_manifest).map_err(|e| format!("{PROOF}/Cargo.toml: {e}"))?;
    if generated.contains("path =") {
        return Err(format!(
            "{PROOF}/Cargo.toml depends on something by path: without --sdk-path, `amo-widget \
             new` must depend on the published crates by version\n{generated}"
        ));
    }
    write(&proof_manifest, &format!("{generated}\n{patch}"))?;

    // Its own target directory, as an author's crate has, kept between runs.
    let proof_target = target.join("publish-proof");
    let out = proof_target.join("widgets").join(PROOF);
    let author = |args: &[&str]| {
        let mut c = Command::new(&amo_widget);
        c.args(args)
            .current_dir(&proof)
            .env("CARGO_TARGET_DIR", &proof_target);
        c
    };
    run(
        &format!("amo-widget build ({PROOF}, our crates from their packages)"),
        &mut author(&["build"]),
    )?;
    for file in ["personal_page.js", "manifest.json", "widget.zip"] {
        if !out.join(file).is_file() {
            return Err(format!(
                "amo-widget build succeeded but {} is missing",
                out.join(file).display()
            ));
        }
    }
    let out_arg = out.to_string_lossy().into_owned();
    run(
        "amo-widget check --strict",
        &mut author(&["check", "--strict", &out_arg]),
    )?;
    let zip = outside.join(format!("{PROOF}.zip"));
    let zip_arg = zip.to_string_lossy().into_owned();
    run(
        "amo-widget pack --strict",
        &mut author(&["pack", "--strict", &out_arg, "--out", &zip_arg]),
    )?;
    run(
        "amo-widget check --strict, by the CLI installed from its package",
        Command::new(&installed)
            .args(["check", "--strict", &out_arg])
            .current_dir(&proof),
    )?;
    match chromedriver {
        Some(driver) => {
            let mut test = author(&["test"]);
            test.env("CHROMEDRIVER", driver);
            run(
                &format!("amo-widget test ({PROOF}'s browser test in headless Chromium)"),
                &mut test,
            )?;
        }
        None => say("no chromedriver (CHROMEDRIVER or PATH): amo-widget test is left out"),
    }
    times.push((
        "the proof widget (new, build, check, pack, test)",
        step.elapsed(),
    ));

    say("publish suite: times");
    for (what, took) in &times {
        println!("    {:>7}  {what}", seconds(*took));
    }
    println!("    {:>7}  in all", seconds(started.elapsed()));
    Ok(())
}

/// The workspace members `cargo publish` would accept (no `publish = false`).
fn publishable<'a>(members: &[&'a Package]) -> Vec<&'a Package> {
    members
        .iter()
        .copied()
        .filter(|p| {
            p.publish
                .as_ref()
                .is_none_or(|registries| !registries.is_empty())
        })
        .collect()
}

/// Every unpacked package carries both licence texts and its README.
fn check_contents(krate: &Package, dir: &Path) -> Result<(), String> {
    let readme = krate
        .readme
        .as_ref()
        .map(|r| r.as_str().to_owned())
        .unwrap_or_else(|| "README.md".into());
    for file in ["LICENSE-MIT", "LICENSE-APACHE", readme.as_str()] {
        if !dir.join(file).is_file() {
            return Err(format!(
                "the package of {} has no {file}: add it to the crate (a symlink to the root's) \
                 and to its `include`",
                krate.name
            ));
        }
    }
    Ok(())
}

/// The `[profile…]` tables of a manifest, as a cargo configuration file: cargo reads profiles
/// from the root manifest of the workspace being built, and a packaged crate is its own root.
fn profile_tables(manifest: &str) -> String {
    let mut kept = String::new();
    let mut in_profile = false;
    for line in manifest.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            in_profile = trimmed.starts_with("[profile.") || trimmed.starts_with("[profile]");
        }
        if in_profile {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    kept
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut quoted = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04X}", c as u32)),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// The target directory under a name of its own for one `cargo package` run.
///
/// `cargo package` verifies each crate against the others through a temporary local registry
/// at `<target-dir>/package/tmp-registry`, and cargo knows that registry by its path alone. The
/// same path in a later run, with a crate changed but its version not, is the same registry to
/// cargo: it keeps the sources it unpacked into `$CARGO_HOME/registry/src` last time (a CI
/// runner keeps `CARGO_HOME` between clones at one path) and takes the crates it compiled from
/// them for fresh (the unpacked files carry the archive's fixed old date). Either way a crate
/// was verified against an earlier version of its sibling, as happened to CI once. A symlink
/// to the target directory, named for this run, gives the registry a new identity while
/// everything compiles into the one target directory as before.
struct OverlayDir {
    link: PathBuf,
}

impl OverlayDir {
    fn new(target: &Path, work: &Path) -> Result<Self, String> {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let link = work.join(format!("run-{}-{stamp}", std::process::id()));
        remove_link(&link)?;
        symlink_dir(target, &link).map_err(|e| format!("{}: {e}", link.display()))?;
        Ok(Self { link })
    }

    fn path(&self) -> &Path {
        &self.link
    }
}

impl Drop for OverlayDir {
    fn drop(&mut self) {
        let _ = remove_link(&self.link);
    }
}

#[cfg(unix)]
fn symlink_dir(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

#[cfg(windows)]
fn symlink_dir(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::windows::fs::symlink_dir(target, link)
}

fn remove_link(link: &Path) -> Result<(), String> {
    match std::fs::remove_file(link).or_else(|_| std::fs::remove_dir(link)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(format!("{}: {e}", link.display()))
        }
        _ => Ok(()),
    }
}

/// Removes what earlier runs' temporary registries left in `$CARGO_HOME/registry/src`: our
/// crates unpacked there, and the directories that held nothing else. Cargo names a local
/// registry's directory `-<hash>` (it has no host name); crates.io's are left alone.
fn forget_earlier_overlays(names: &[&str]) -> Result<(), String> {
    let Some(sources) = cargo_home().map(|home| home.join("registry").join("src")) else {
        return Ok(());
    };
    forget_overlays_in(&sources, names)
}

fn forget_overlays_in(sources: &Path, names: &[&str]) -> Result<(), String> {
    let Ok(registries) = std::fs::read_dir(sources) else {
        return Ok(());
    };
    for registry in registries.flatten() {
        if !registry.file_name().to_string_lossy().starts_with('-') {
            continue;
        }
        let Ok(unpacked) = std::fs::read_dir(registry.path()) else {
            continue;
        };
        for krate in unpacked.flatten() {
            let name = krate.file_name().to_string_lossy().into_owned();
            let ours = names.iter().any(|n| {
                name.strip_prefix(n)
                    .and_then(|rest| rest.strip_prefix('-'))
                    .is_some_and(|version| version.starts_with(|c: char| c.is_ascii_digit()))
            });
            if ours {
                remove_dir(&krate.path())?;
            }
        }
        // Only when empty: a local registry of the author's own stays as it was.
        let _ = std::fs::remove_dir(registry.path());
    }
    Ok(())
}

fn cargo_home() -> Option<PathBuf> {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
}

/// A short, stable name for this checkout.
fn checkout_id() -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    root().hash(&mut hasher);
    format!("{:08x}", hasher.finish() as u32)
}

fn exe(name: &str) -> String {
    format!("{name}{}", std::env::consts::EXE_SUFFIX)
}

fn seconds(d: Duration) -> String {
    format!("{:.0} s", d.as_secs_f64())
}

fn cargo() -> Command {
    Command::new(env!("CARGO"))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn remove_dir(dir: &Path) -> Result<(), String> {
    match std::fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(format!("{}: {e}", dir.display()))
        }
        _ => Ok(()),
    }
}

mod tests {
    use super::*;

    /// The suite itself, run by `cargo xtask test publish` (which installs the tools first):
    /// minutes long, so only on demand.
    #[test]
    #[ignore = "the `publish` suite: cargo xtask test publish"]
    fn suite() {
        let chromedriver = std::env::var_os("CHROMEDRIVER")
            .map(PathBuf::from)
            .or_else(|| on_path("chromedriver"));
        if let Err(message) = run_suite(chromedriver.as_deref()) {
            panic!("{message}");
        }
    }

    fn on_path(program: &str) -> Option<PathBuf> {
        std::env::split_paths(&std::env::var_os("PATH")?)
            .map(|dir| dir.join(exe(program)))
            .find(|p| p.is_file())
    }

    #[test]
    fn profile_tables_keep_every_profile_and_nothing_else() {
        let manifest = "[package]\nname = \"x\"\n\n[profile.release]\nlto = true\n\n\
                        [dependencies]\nserde = \"1\"\n\n[profile.dev.package.\"*\"]\n\
                        debug = false\n[profile.dev.build-override]\ndebug = false\n";
        assert_eq!(
            profile_tables(manifest),
            "[profile.release]\nlto = true\n\n[profile.dev.package.\"*\"]\ndebug = false\n\
             [profile.dev.build-override]\ndebug = false\n"
        );
    }

    #[test]
    fn the_workspace_manifest_has_the_profiles_the_suite_forwards() {
        let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
        let tables = profile_tables(&manifest);
        // Without this one the packaged CLI would compile binaryen at -O0, a second time.
        assert!(
            tables.contains("[profile.dev.package.wasm-opt-sys]"),
            "{tables}"
        );
        assert!(!tables.contains("[package]") && !tables.contains("[workspace"));
    }

    #[test]
    fn earlier_overlays_lose_our_crates_and_nothing_else() {
        let home = std::env::temp_dir().join(format!("publish-overlays-{}", std::process::id()));
        let sources = home.join("src");
        let make = |dir: &str| std::fs::create_dir_all(sources.join(dir).join("src")).unwrap();
        make("-0123abcd/amocrm-widget-0.1.0");
        make("-0123abcd/amocrm-widget-shim-0.1.0");
        make("-4567cdef/amocrm-widget-0.1.0");
        make("-4567cdef/their-crate-1.0.0");
        make("-4567cdef/amocrm-widget-extra-2.0.0");
        make("index.crates.io-1949cf8c6b5b557f/amocrm-widget-0.1.0");

        forget_overlays_in(&sources, &["amocrm-widget", "amocrm-widget-shim"]).unwrap();

        let left = |dir: &str| sources.join(dir).exists();
        assert!(!left("-0123abcd"), "an overlay with only our crates goes");
        assert!(!left("-4567cdef/amocrm-widget-0.1.0"));
        assert!(left("-4567cdef/their-crate-1.0.0"));
        assert!(
            left("-4567cdef/amocrm-widget-extra-2.0.0"),
            "a name that only starts like ours"
        );
        assert!(left("index.crates.io-1949cf8c6b5b557f/amocrm-widget-0.1.0"));
        std::fs::remove_dir_all(&home).unwrap();
    }

    #[test]
    fn toml_strings_escape_what_paths_may_hold() {
        assert_eq!(toml_string(r"C:\tmp\a"), r#""C:\\tmp\\a""#);
        assert_eq!(toml_string("a\"b"), r#""a\"b""#);
    }

    #[test]
    fn publishable_crates_are_the_nine_and_none_of_the_tools() {
        let metadata = MetadataCommand::new()
            .manifest_path(root().join("Cargo.toml"))
            .no_deps()
            .exec()
            .unwrap();
        let mut names: Vec<String> = publishable(&metadata.workspace_packages())
            .iter()
            .map(|p| p.name.to_string())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                "amo-widget",
                "amocrm-host-emulation",
                "amocrm-host-modules",
                "amocrm-widget",
                "amocrm-widget-i18n",
                "amocrm-widget-leptos",
                "amocrm-widget-shim",
                "amocrm-widget-testkit",
                "amocrm-widget-token",
            ]
        );
    }
}
