//! `amo-widget new`: the crate it writes, natively (the browser half is in tests/e2e/).

use amo_widget::cmd::new::create;
use amo_widget::widget_files::check::{check_dir, CheckOptions, LOGOS};
use std::path::PathBuf;

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("amo-new-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn the_widget_folder_passes_check_strict_once_the_build_adds_the_script() {
    let dir = temp("strict");
    create("strict-widget", &dir, None).unwrap();
    let widget = dir.join("widget");
    for (logo, width, height) in LOGOS {
        let png = std::fs::read(widget.join("images").join(format!("{logo}.png"))).unwrap();
        let sniffed = amo_widget::widget_files::check::image::sniff(&png).unwrap();
        assert_eq!(
            (sniffed.format, sniffed.size),
            (
                amo_widget::widget_files::check::image::Format::Png,
                Some((*width, *height))
            ),
            "{logo}"
        );
    }
    let report = check_dir(&widget, CheckOptions { strict: true });
    assert!(
        !report.is_ok(),
        "without personal_page.js the folder is incomplete"
    );
    std::fs::write(
        widget.join("personal_page.js"),
        "define([], function () { return {}; });",
    )
    .unwrap();
    let report = check_dir(&widget, CheckOptions { strict: true });
    assert_eq!((report.errors(), report.warnings()), (0, 0), "{report}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn names_are_substituted_and_the_sdk_is_a_version_or_a_path() {
    let dir = temp("names");
    create("my-first_widget", &dir, None).unwrap();
    let lib = std::fs::read_to_string(dir.join("src/lib.rs")).unwrap();
    assert!(lib.contains("pub struct MyFirstWidget"));
    assert!(lib.contains("export_widget!(MyFirstWidget)"));
    assert!(!lib.contains("{{"), "no placeholder left");
    let test = std::fs::read_to_string(dir.join("tests/widget.rs")).unwrap();
    assert!(test.contains("my_first_widget::MyFirstWidget"));
    let cargo = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    assert!(
        cargo.contains(
            "amocrm-widget = { version = \"0.1.0\", features = [\"small-alloc\", \"i18n\"] }"
        ),
        "{cargo}"
    );
    assert!(
        cargo.contains("amocrm-widget-testkit = { version = \"0.1.0\" }"),
        "{cargo}"
    );
    assert!(test.contains("Cabinet::new()"), "the test uses the kit");
    std::fs::remove_dir_all(&dir).unwrap();

    let sdk = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    create("pathed", &dir, Some(&sdk)).unwrap();
    let cargo = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    let canonical = std::fs::canonicalize(&sdk).unwrap();
    assert!(
        cargo.contains(&format!(
            "amocrm-widget = {{ path = \"{}\", features = [\"small-alloc\", \"i18n\"] }}",
            canonical.display()
        )),
        "{cargo}"
    );
    assert!(
        cargo.contains(&format!(
            "amocrm-widget-testkit = {{ path = \"{}\" }}",
            canonical.join("testkit").display()
        )),
        "{cargo}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_names_existing_directories_and_wrong_sdk_paths_are_refused() {
    let dir = temp("refuse");
    assert!(create("Bad Name", &dir, None)
        .unwrap_err()
        .to_string()
        .contains("not a usable crate name"));
    assert!(!dir.exists(), "nothing was made");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("keep.txt"), "mine").unwrap();
    let err = create("ok", &dir, None).unwrap_err();
    assert!(err.to_string().contains("already exists"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.join("keep.txt")).unwrap(),
        "mine"
    );
    let err = create("ok", &temp("elsewhere"), Some(&dir)).unwrap_err();
    assert!(err.to_string().contains("no amocrm-widget crate"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_inside_the_crate_knows_the_build_supplies_the_script() {
    let dir = temp("incrate");
    create("in-crate", &dir, None).unwrap();
    let report =
        amo_widget::widget_files::check::check_crate(&dir, CheckOptions { strict: true }).unwrap();
    assert_eq!((report.errors(), report.warnings()), (0, 0), "{report}");
    std::fs::write(
        dir.join("widget/images/logo_min.png"),
        amo_widget::cmd::new::logo_png(10, 10),
    )
    .unwrap();
    let report =
        amo_widget::widget_files::check::check_crate(&dir, CheckOptions { strict: true }).unwrap();
    assert!(
        !report.is_ok(),
        "a logo of the wrong size is still an error: {report}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The SDK version `new` writes is the SDK's own, as the workspace declares it.
#[test]
fn the_sdk_requirement_is_the_sdks_version() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let meta = cargo_metadata::MetadataCommand::new()
        .manifest_path(repo.join("Cargo.toml"))
        .no_deps()
        .exec()
        .unwrap();
    for name in ["amocrm-widget", "amocrm-widget-testkit"] {
        let package = meta
            .packages
            .iter()
            .find(|p| p.name.as_str() == name)
            .unwrap();
        assert_eq!(
            package.version.to_string(),
            amo_widget::cmd::new::SDK_VERSION,
            "{name}"
        );
    }
}

fn workspace_root(name: &str) -> PathBuf {
    let root = temp(name);
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(
        root.join("Cargo.toml"),
        "# the author's own comment\n[workspace]\nmembers = [\"tools\"]\nresolver = \"2\"\n",
    )
    .unwrap();
    root
}

#[test]
fn inside_a_workspace_the_crate_stands_alone_and_nothing_outside_it_changes() {
    use amo_widget::cmd::new::{create_with, Options, Workspace};
    let root = workspace_root("ws-alone");
    let before = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let dir = root.join("widgets/mine");
    let made = create_with("mine", &dir, &Options::default()).unwrap();
    let canonical_root = std::fs::canonicalize(root.join("Cargo.toml")).unwrap();
    assert_eq!(made, Workspace::StandsAlone(canonical_root));
    let cargo = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    assert!(cargo.contains("\n[workspace]\n"), "{cargo}");
    assert!(cargo.contains("[profile.release]"), "{cargo}");
    assert_eq!(
        std::fs::read_to_string(root.join("Cargo.toml")).unwrap(),
        before
    );
    // cargo agrees: the crate is the root of its own workspace.
    let meta = cargo_metadata::MetadataCommand::new()
        .manifest_path(dir.join("Cargo.toml"))
        .no_deps()
        .exec()
        .unwrap();
    assert_eq!(
        meta.workspace_root.as_std_path(),
        std::fs::canonicalize(&dir).unwrap()
    );
    std::fs::remove_dir_all(&root).unwrap();

    // Outside any workspace, no [workspace] table is written.
    let plain = temp("no-ws");
    let made = create_with("plain", &plain, &Options::default()).unwrap();
    assert_eq!(made, Workspace::None);
    let cargo = std::fs::read_to_string(plain.join("Cargo.toml")).unwrap();
    assert!(!cargo.contains("[workspace]"), "{cargo}");
    std::fs::remove_dir_all(&plain).unwrap();
}

#[test]
fn join_workspace_adds_the_crate_to_the_members_keeping_the_file() {
    use amo_widget::cmd::new::{create_with, Options, Workspace};
    let root = workspace_root("ws-join");
    std::fs::create_dir_all(root.join("tools/src")).unwrap();
    std::fs::write(
        root.join("tools/Cargo.toml"),
        "[package]\nname = \"tools\"\nversion = \"0.0.0\"\nedition = \"2021\"\n",
    )
    .unwrap();
    std::fs::write(root.join("tools/src/lib.rs"), "").unwrap();
    let dir = root.join("widgets/joined");
    let options = Options {
        join_workspace: true,
        ..Options::default()
    };
    let made = create_with("joined", &dir, &options).unwrap();
    assert!(matches!(made, Workspace::Joined(_)), "{made:?}");
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert_eq!(
        manifest,
        "# the author's own comment\n[workspace]\nmembers = [\"tools\", \"widgets/joined\"]\nresolver = \"2\"\n"
    );
    let cargo = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    assert!(!cargo.contains("[workspace]"), "{cargo}");
    assert!(
        !cargo.contains("[profile.release]"),
        "a member's profile is ignored: {cargo}"
    );
    let meta = cargo_metadata::MetadataCommand::new()
        .manifest_path(dir.join("Cargo.toml"))
        .no_deps()
        .exec()
        .unwrap();
    assert!(
        meta.workspace_members.len() == 2,
        "cargo sees both members: {:?}",
        meta.workspace_members
    );
    std::fs::remove_dir_all(&root).unwrap();
}
