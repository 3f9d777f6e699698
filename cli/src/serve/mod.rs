//! `amo-widget serve`: the widget at `/` with CORS (for a real cabinet's
//! `AMOCRM.developer.addWidget`), the emulated client cabinet at `/cabinet/`, and a watch loop
//! that rebuilds on every change and reloads the widget in every open cabinet page.
//!
//! A failed build keeps the last good script at `/` and shows the compiler's message in the
//! terminal and as an overlay in the page; a broken fixtures file keeps the last good fixtures and
//! shows a located error the same way.

pub(crate) mod assets;
mod backend;
pub mod fixtures;
pub mod host_modules;
mod http;
mod state;
mod watch;

use anyhow::{anyhow, Result};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

pub(crate) use state::Shared;

/// What to serve, and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The widget crate.
    pub crate_dir: PathBuf,
    /// The address to listen on (port 0: any free port).
    pub addr: SocketAddr,
    /// A fixtures file replacing the built-in data, watched like the sources.
    pub fixtures: Option<PathBuf>,
    /// How each rebuild is made: [`Profile::Serve`](crate::pipeline::Profile::Serve) for a quick
    /// loop, [`Profile::Release`](crate::pipeline::Profile::Release) to serve what ships.
    pub profile: crate::pipeline::Profile,
    /// cargo's feature switches for the widget crate.
    pub features: crate::pipeline::compile::Features,
    /// Open the cabinet in the default browser once listening.
    pub open: bool,
}

/// Serves until interrupted (Ctrl-C).
pub fn serve(options: ServeOptions) -> Result<()> {
    let krate = crate::pipeline::krate::inspect(&options.crate_dir)?;
    let fixtures_text = match &options.fixtures {
        Some(path) => fixtures::load(path),
        None => fixtures::parse(fixtures::DEFAULT_FIXTURES, "built-in fixtures"),
    }
    // Only the first fixtures must be usable: later breakage keeps the last good ones.
    .map_err(|e| anyhow!("{e} (fix the file, or leave out --fixtures for the built-in data)"))?;
    let shared = Arc::new(Shared::new(fixtures_text));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| anyhow!("could not start the server runtime: {e}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(options.addr)
            .await
            .map_err(|source| listen_error(options.addr, source))?;
        let bound = listener
            .local_addr()
            .map_err(|source| listen_error(options.addr, source))?;
        let url = print_banner(bound, &options, &krate.name);
        // Stopped (dropped) when serving ends.
        let _backend = match &krate.backend {
            Some(spec) => {
                let secret = backend::dev_secret();
                let cabinet = format!(
                    "http://localhost:{port},http://127.0.0.1:{port}",
                    port = bound.port()
                );
                let running = backend::start(spec, &options.crate_dir, &secret, &cabinet)?;
                println!(
                    "  back end:       {} (`{}`; the cabinet signs each lead's token with a development secret it was given)",
                    spec.url,
                    spec.command.join(" ")
                );
                shared.set_signer(backend::Signer::new(secret, &spec.url));
                Some(running)
            }
            None => None,
        };
        if options.open {
            open_browser(&url);
        }
        // The watcher lives as long as the server; dropping it would stop the events.
        let _watcher = watch::start(&options, krate, shared.clone())?;
        let app = http::router(shared);
        // Not a graceful shutdown: open cabinet pages hold their event streams forever.
        tokio::select! {
            served = axum::serve(listener, app) => served.map_err(|source| listen_error(bound, source)),
            _ = tokio::signal::ctrl_c() => {
                println!("[serve] stopped");
                Ok(())
            }
        }
    })
}

fn listen_error(addr: SocketAddr, source: std::io::Error) -> anyhow::Error {
    anyhow!("could not listen on {addr}: {source} (pick another with --port or --host)")
}

/// Hands `url` to the desktop's opener; a machine without one gets a line, not an error.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    if let Err(error) = command.spawn() {
        println!(
            "  --open: could not start {} ({error}); open {url} yourself",
            command.get_program().to_string_lossy()
        );
    }
}

/// Prints where everything is; returns the cabinet's address.
fn print_banner(bound: SocketAddr, options: &ServeOptions, name: &str) -> String {
    // What a person types: the vendor's instructions say localhost.
    let shown = if bound.ip().is_loopback() || bound.ip().is_unspecified() {
        format!("http://localhost:{}", bound.port())
    } else {
        format!("http://{bound}")
    };
    println!("amo-widget serve: {name} ({})", options.crate_dir.display());
    println!("  cabinet:        {shown}/cabinet/");
    println!("  widget script:  {shown}/  (personal_page.js, with CORS)");
    println!(
        "  in a real cabinet's console: window.AMOCRM.developer.addWidget({{ script: '{shown}', token: '' }})"
    );
    match &options.fixtures {
        Some(path) => println!("  fixtures:       {}", path.display()),
        None => println!("  fixtures:       built in (--fixtures FILE to use your own)"),
    }
    println!(
        "  builds:         {} profile{}",
        options.profile.cargo_name(),
        if options.profile.optimises() {
            " (what ships: wasm-opt and the minifier run)"
        } else {
            " (quick; `--release` serves what ships)"
        }
    );
    println!("  watching src/, widget/ and Cargo.toml; Ctrl-C stops");
    format!("{shown}/cabinet/")
}
