//! `cargo xtask <command>`: the repository's chores, each installing what it needs first.

mod author;
mod bench;
mod cmd;
mod dist;
mod engines;
mod publish;
mod setup;
mod size;
mod suites;
mod vendor;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  setup   install what the other commands need (idempotent): wasm32 target, wasm-bindgen-cli
          at the Cargo.lock version, wasm-pack, Chromium + chromedriver, Firefox ESR (apt) +
          geckodriver (crates.io), WebKitGTK's WebKitWebDriver + Xvfb (apt; as root), npm packages
  test [SUITE...]
          setup, then every test suite (or those named): native, browser tests in Chromium,
          Firefox and WebKit, end-to-end and publish (the crates packaged, and a new widget
          built from the packages)
  demo    `amo-widget serve examples/hello`: the local cabinet with live reload (installs only
          what serving needs: the wasm32 target and the locked wasm-bindgen CLI)
  dist    setup, then build every example into target/widgets/<example>/ (personal_page.js,
          manifest.json, widget.zip)
  bench [SECTION...]
          setup, then each section (or those named), each building what it loads: hello's size
          as an author builds it (installed CLI, no node) and its time to slot vs plain
          JavaScript (hello); the widget `amo-widget new` makes, built the same way (new);
          20 copies on one page (copies); the lead-card bundle and its formatting vs plain
          JavaScript (lead-card); leptos-lead beside the lead card (leptos); amo-widget serve's
          edit-to-reload (reload); token verifications (token); then a summary of every
          figure with its limit and goal
  size    setup, then the wasm size of the SDK's cheap path (views) vs the serde models
  vendor  refresh the host modules embedded in the CLI (host-modules/vendor/) from node_modules/
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::all().map(drop),
        Some("test") => setup::all().and_then(|tools| suites::run_all(&tools, &args[1..])),
        Some("demo") => demo(),
        Some("dist") => setup::all().and_then(|_| dist::examples_dist()),
        Some("bench") => setup::all().and_then(|_| bench::run_bench(&args[1..])),
        Some("size") => setup::all().and_then(|_| size::run_size()),
        Some("vendor") => vendor::refresh(),
        // The `e2e` suite: what the browser tests load, then the tests (setup already ran).
        // The lifecycle contract, the hostile host and the soak in Firefox or WebKit (E2E_BROWSER).
        Some("e2e-engine-suite") => dist::test_widgets()
            .and_then(|()| suites::node_e2e_engine(args.get(1).map_or("", String::as_str))),
        Some("e2e-suite") => dist::examples_dist()
            .and_then(|()| dist::test_widgets())
            .and_then(|()| dist::lead_documents())
            .and_then(|()| author::install_cli(false))
            .and_then(|cli_root| suites::node_e2e(&cli_root)),
        Some("-h" | "--help" | "help") | None => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `amo-widget serve examples/hello` until interrupted: the local cabinet with live reload.
///
/// In process, through the CLI library that xtask links (without binaryen, which serving never
/// runs), so that a fresh clone reaches the cabinet without compiling it. The CLI provides what
/// it needs itself (the wasm target, the locked wasm-bindgen), as it does for an author: nothing
/// of `setup` (Chromium, Redis, npm, wasm-pack) is needed to look at the cabinet.
fn demo() -> Result<(), String> {
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(3000);
    cmd::say(&format!(
        "amo-widget serve examples/hello --port {port} (Ctrl-C stops it)"
    ));
    amo_widget::serve::serve(amo_widget::serve::ServeOptions {
        crate_dir: cmd::root().join("examples/hello"),
        addr: std::net::SocketAddr::from(([127, 0, 0, 1], port)),
        fixtures: None,
        profile: amo_widget::pipeline::Profile::Serve,
        features: Default::default(),
        open: false,
    })
    .map_err(|e| format!("{e:#}"))
}
