//! The widget `amo-widget new` makes, built as an author builds it: the installed CLI, no node.

use super::{sizes, Row, Unit, HELLO_JS};
use crate::cmd::{root, say};

const NAME: &str = "new-widget";
const LIMIT_GZ: f64 = 14_336.0;
const GOAL_GZ: f64 = 10_240.0;

/// `amo-widget new` (a fresh crate each run, the SDK from this checkout), then `amo-widget
/// build`, both by the installed CLI with no node on `PATH`.
pub fn bench(rows: &mut Vec<Row>) -> Result<(), String> {
    let cli_root = crate::author::install_cli(true)?;
    let seat = crate::author::NoNode::new(&cli_root)?;
    let dir = root().join("target/bench/author");
    let krate = dir.join(NAME);
    // `new` refuses an existing directory; what it compiled stays in the shared target dir.
    if krate.exists() {
        std::fs::remove_dir_all(&krate).map_err(|e| format!("{}: {e}", krate.display()))?;
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    seat.amo_widget(
        &[
            "new".as_ref(),
            NAME.as_ref(),
            "--sdk-path".as_ref(),
            root().as_os_str(),
        ],
        &dir,
    )?;
    // The repository's versions, so that nothing new is resolved or compiled.
    std::fs::copy(root().join("Cargo.lock"), krate.join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let out = dir.join(format!("{NAME}-dist"));
    let said = seat.amo_widget(
        &[
            "build".as_ref(),
            krate.as_os_str(),
            "--out-dir".as_ref(),
            out.as_os_str(),
        ],
        &krate,
    )?;
    if !said.contains("built-in binaryen") {
        return Err("the build of the new widget did not say it ran the built-in binaryen".into());
    }
    let script = format!("target/bench/author/{NAME}-dist/personal_page.js");
    let (raw, gz) = sizes(&script)?;
    let (_, js_gz) = sizes(HELLO_JS)?;
    say("bench: the widget `amo-widget new` makes, as an author builds it");
    println!("{script}: {raw} B raw, {gz} B gzipped (the JS hello: {js_gz} B gzipped)");
    rows.push(Row::new(
        "the widget `amo-widget new` makes, same way (gz)",
        None,
        gz as f64,
        Unit::Bytes,
        LIMIT_GZ,
        GOAL_GZ,
    ));
    Ok(())
}
