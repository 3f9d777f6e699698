//! The host modules embedded in the CLI are the npm packages pinned in package-lock.json, byte
//! for byte, each with its licence (`cargo xtask vendor` refreshes them).

use amo_widget::serve::host_modules::{self, Format, CJS_PREFIX, CJS_SUFFIX};
use std::path::PathBuf;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn node_modules() -> PathBuf {
    let dir = repo().join("node_modules");
    assert!(
        dir.is_dir(),
        "{} is missing: run `cargo xtask setup` (npm ci from package-lock.json)",
        dir.display()
    );
    dir
}

#[test]
fn every_embedded_file_is_the_npm_file() {
    let modules = node_modules();
    for file in host_modules::all() {
        let npm = modules.join(file.package).join(file.npm_path);
        let original = std::fs::read(&npm).unwrap_or_else(|e| panic!("{}: {e}", npm.display()));
        assert!(
            file.bytes == original.as_slice(),
            "host-modules/vendor/{}/{} differs from {}: run `cargo xtask vendor`",
            file.package,
            file.file_name(),
            npm.display()
        );
        if let Some((license, bytes)) = file.license {
            let npm_license = std::fs::read(modules.join(file.package).join(license)).unwrap();
            assert!(
                bytes == npm_license.as_slice(),
                "{} licence differs",
                file.package
            );
        }
    }
}

#[test]
fn the_embedded_packages_are_the_locked_versions() {
    let lock: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join("package-lock.json")).unwrap())
            .unwrap();
    let package_json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join("package.json")).unwrap())
            .unwrap();
    for file in host_modules::all() {
        let locked = &lock["packages"][format!("node_modules/{}", file.package)]["version"];
        assert!(
            locked.is_string(),
            "{} is not in package-lock.json",
            file.package
        );
        // An exact pin in package.json, so `npm install` cannot move it.
        assert_eq!(
            &package_json["devDependencies"][file.package], locked,
            "{} must be pinned exactly (npm install --save-exact)",
            file.package
        );
        let installed: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(node_modules().join(file.package).join("package.json"))
                .unwrap(),
        )
        .unwrap();
        assert_eq!(
            &installed["version"], locked,
            "node_modules/{} is stale: npm ci",
            file.package
        );
    }
}

#[test]
fn every_module_but_the_loader_has_its_licence_and_commonjs_is_wrapped_unchanged() {
    for file in host_modules::MODULES {
        assert!(
            file.license.is_some(),
            "{} ships without its licence",
            file.package
        );
        let served = file.served();
        match file.format {
            Format::CommonJs => {
                assert_eq!(
                    served,
                    [CJS_PREFIX.as_bytes(), file.bytes, CJS_SUFFIX.as_bytes()].concat()
                );
            }
            Format::Amd | Format::Script => assert_eq!(served, file.bytes),
        }
    }
    // requirejs ships no LICENSE file; its MIT notice is in the file's header.
    assert!(String::from_utf8_lossy(host_modules::REQUIREJS.bytes)
        .contains("Released under MIT license"));
}

#[test]
fn the_vendor_names_are_all_there() {
    let paths = host_modules::requirejs_paths();
    for name in [
        "jquery",
        "react",
        "react-dom",
        "@reduxjs/toolkit",
        "react-redux",
        "nanoid",
        "classnames",
        "dateformat",
        "lodash",
    ] {
        assert!(paths.get(name).is_some(), "{name} has no path");
    }
}
