//! Facts the CLI takes from the crates that own them, checked end to end: the host modules' keys
//! (`src/pipeline/host_modules.rs` reads what `amocrm_widget_shim::module_key` writes),
//! `createGlue`'s parameter (`src/pipeline/glue.rs` hands the exports to
//! `amocrm_widget_shim::WRAP_EXPORTS`), and the local cabinet's immer aliases, which
//! `cabinet/cabinet.js` repeats in JavaScript (against `amocrm_host_modules::ALIASES`).

use amo_widget::pipeline::bundle::{bundle, BundleOptions, Mode};
use amo_widget::pipeline::host_modules::used;
use amocrm_widget_shim::{module_key, WRAP_EXPORTS};

#[test]
fn the_cli_reads_the_module_keys_the_shim_files_modules_under() {
    let names = ["dateformat", "@reduxjs/toolkit", "immer.produce"];
    let mut wasm = b"\0asm".to_vec();
    for name in names {
        wasm.extend_from_slice(module_key(name).as_bytes());
        wasm.extend_from_slice(b"the next string");
    }
    assert_eq!(used(&wasm), names);
}

#[test]
fn the_glue_hands_the_exports_to_the_shims_guard() {
    let glue = "let wasm_bindgen = (function(exports) {\n    let wasm;\n    function __wbg_finalize_init(instance, module) {\n        wasm = instance.exports;\n    }\n    return exports;\n})({ __proto__: null });\n";
    // Split: the glue as wasm-bindgen wrote it (the inline mode also drops its async loader).
    let mut options = BundleOptions::new("w");
    options.mode = Mode::Split;
    let js = bundle(glue, b"\0asm\x01\0\0\0", &options).unwrap();
    assert!(js.contains(&format!("function createGlue({WRAP_EXPORTS})")));
    assert!(js.contains(&format!("wasm = {WRAP_EXPORTS}(instance.exports);")));
}

#[test]
fn the_local_cabinet_defines_the_aliases_of_host_modules() {
    let cabinet = include_str!("../../cabinet/cabinet.js");
    for alias in amocrm_host_modules::ALIASES {
        let head = format!("define('{}', ['{}'], (", alias.amd_name, alias.of);
        let line = cabinet
            .lines()
            .find(|l| l.trim_start().starts_with(&head))
            .unwrap_or_else(|| panic!("cabinet.js does not define {}", alias.amd_name));
        assert!(
            line.trim_end().ends_with(&format!(".{});", alias.export)),
            "{line}"
        );
    }
    assert_eq!(
        cabinet.matches("define('immer.").count(),
        amocrm_host_modules::ALIASES.len(),
        "an alias cabinet.js defines that amocrm_host_modules::ALIASES does not list"
    );
}
