//! The watch loop: a change under `src/` or `widget/` (or to `Cargo.toml`) rebuilds the widget, a
//! change to the fixtures file reloads them; the results go to every open cabinet page.

use super::fixtures;
use super::state::Shared;
use super::{ServeError, ServeOptions};
use crate::build::{self, BuildOptions, WidgetCrate};
use crate::bundle::Mode;
use crate::compile;
use notify::{RecursiveMode, Watcher};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long the tree must stay quiet before a rebuild: editors write a file in several steps.
const QUIET: Duration = Duration::from_millis(120);

enum Change {
    Sources,
    Fixtures,
}

/// Starts watching and runs the first build; returns the watcher, which must be kept alive.
pub(super) fn start(
    options: &ServeOptions,
    krate: WidgetCrate,
    shared: Arc<Shared>,
) -> Result<notify::RecommendedWatcher, ServeError> {
    let crate_dir = std::fs::canonicalize(&options.crate_dir).unwrap_or(options.crate_dir.clone());
    let fixtures_file = options
        .fixtures
        .as_ref()
        .map(|f| std::fs::canonicalize(f).unwrap_or(f.clone()));
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(tx).map_err(|e| ServeError::Watch {
        path: crate_dir.clone(),
        message: e.to_string(),
    })?;
    let mut watch = |path: &Path, mode| {
        watcher.watch(path, mode).map_err(|e| ServeError::Watch {
            path: path.to_path_buf(),
            message: e.to_string(),
        })
    };
    for dir in [crate_dir.join("src"), krate.widget_dir.clone()] {
        if dir.is_dir() {
            watch(&dir, RecursiveMode::Recursive)?;
        }
    }
    // Directories, not files: editors replace a file by renaming a new one over it.
    watch(&crate_dir, RecursiveMode::NonRecursive)?;
    if let Some(parent) = fixtures_file.as_ref().and_then(|f| f.parent()) {
        watch(parent, RecursiveMode::NonRecursive)?;
    }
    let sources = [
        crate_dir.join("src"),
        krate.widget_dir.clone(),
        crate_dir.join("Cargo.toml"),
    ];
    let classify = move |path: &Path| -> Option<Change> {
        if fixtures_file.as_deref() == Some(path) {
            Some(Change::Fixtures)
        } else if sources.iter().any(|s| path.starts_with(s)) {
            Some(Change::Sources)
        } else {
            None
        }
    };
    let looper = Loop {
        crate_dir,
        fixtures: options.fixtures.clone(),
        krate,
        shared,
        profile: options.profile.clone(),
        features: options.features.clone(),
        version: 0,
        fixtures_version: 0,
    };
    std::thread::Builder::new()
        .name("amo-widget-watch".into())
        .spawn(move || looper.run(rx, classify))
        .map_err(|e| ServeError::Watch {
            path: PathBuf::from("."),
            message: format!("could not start the watch thread: {e}"),
        })?;
    Ok(watcher)
}

struct Loop {
    crate_dir: PathBuf,
    fixtures: Option<PathBuf>,
    krate: WidgetCrate,
    shared: Arc<Shared>,
    profile: build::Profile,
    features: compile::Features,
    version: u64,
    fixtures_version: u64,
}

impl Loop {
    fn run(
        mut self,
        rx: mpsc::Receiver<notify::Result<notify::Event>>,
        classify: impl Fn(&Path) -> Option<Change>,
    ) {
        self.rebuild(Instant::now());
        loop {
            // Wait for the first relevant change, then for the tree to go quiet.
            let mut sources = false;
            let mut fixtures = false;
            let mut first: Option<Instant> = None;
            let mut timeout = None;
            loop {
                let event = match timeout {
                    None => rx.recv().map_err(|_| mpsc::RecvTimeoutError::Disconnected),
                    Some(t) => rx.recv_timeout(t),
                };
                match event {
                    Ok(Ok(event)) => {
                        if matches!(event.kind, notify::EventKind::Access(_)) {
                            continue;
                        }
                        for path in &event.paths {
                            match classify(path) {
                                Some(Change::Sources) => sources = true,
                                Some(Change::Fixtures) => fixtures = true,
                                None => continue,
                            }
                            first.get_or_insert_with(Instant::now);
                            timeout = Some(QUIET);
                        }
                    }
                    Ok(Err(error)) => eprintln!("[serve] watch error: {error}"),
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
            let changed = first.unwrap_or_else(Instant::now);
            if fixtures {
                self.reload_fixtures();
            }
            if sources {
                self.rebuild(changed);
            }
        }
    }

    fn rebuild(&mut self, changed: Instant) {
        self.version += 1;
        let version = self.version;
        if let Ok(mut at) = self.shared.changed_at.write() {
            *at = Some((version, changed));
        }
        println!("[serve] building {} (build {version})…", self.krate.name);
        self.shared
            .set_build(json!({ "state": "building", "version": version }), None);
        let options = BuildOptions {
            crate_dir: self.crate_dir.clone(),
            out_dir: None,
            mode: Mode::Inline,
            test_hooks: false,
            profile: self.profile.clone(),
            features: self.features.clone(),
        };
        let started = Instant::now();
        let result = build::build(&options).and_then(|built| {
            std::fs::read(&built.script)
                .map(|script| (script, built.wasm_bytes))
                .map_err(|source| build::BuildError::Io {
                    path: built.script.clone(),
                    source,
                })
        });
        match result {
            Ok((script, wasm_bytes)) => {
                let seconds = started.elapsed().as_secs_f64();
                println!(
                    "[serve] build {version} ok in {seconds:.2} s ({} B script, {wasm_bytes} B wasm); reloading open cabinets",
                    script.len()
                );
                self.shared.set_build(
                    json!({ "state": "ok", "version": version, "seconds": seconds, "bytes": script.len() }),
                    Some(script),
                );
            }
            Err(error) => {
                let message = match &error {
                    build::BuildError::Compile(compile::CompileError::Compiler { diagnostics }) => {
                        format!("{diagnostics}\n\n{error}")
                    }
                    _ => error.to_string(),
                };
                let kept = if self.shared.script().is_some() {
                    "still serving the last good build"
                } else {
                    "nothing to serve until a build succeeds"
                };
                eprintln!("[serve] build {version} failed: {error}; {kept}");
                self.shared.set_build(
                    json!({ "state": "error", "version": version, "message": message }),
                    None,
                );
            }
        }
    }

    fn reload_fixtures(&mut self) {
        let Some(path) = &self.fixtures else { return };
        self.fixtures_version += 1;
        let version = self.fixtures_version;
        match fixtures::load(path) {
            Ok(text) => {
                println!("[serve] fixtures reloaded from {}", path.display());
                self.shared
                    .set_fixtures(json!({ "state": "ok", "version": version }), Some(text));
            }
            Err(error) => {
                eprintln!("[serve] fixtures refused, keeping the last good ones: {error}");
                self.shared.set_fixtures(
                    json!({ "state": "error", "version": version, "message": error.to_string() }),
                    None,
                );
            }
        }
    }
}
