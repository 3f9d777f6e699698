//! `cargo xtask <command>`: the repository's chores, each installing what it needs first.

mod cmd;
mod setup;
mod suites;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  setup   install what the other commands need (idempotent): wasm32 target, wasm-bindgen-cli
          at the Cargo.lock version, wasm-pack, Chromium + chromedriver (apt, as root), npm packages
  test    setup, then every test suite: native, headless-Chromium browser tests, end-to-end
  demo    setup, then build the hello example and serve it in the local cabinet
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::all().map(drop),
        Some("test") => setup::all().and_then(|tools| suites::run_all(&tools, &args[1..])),
        Some("demo") => setup::all().and_then(|_| demo()),
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

fn demo() -> Result<(), String> {
    Err("the hello example and the local cabinet are not built yet".into())
}
