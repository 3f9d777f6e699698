//! The watch loop: a change under `src/` or `widget/` (or to `Cargo.toml`) rebuilds the widget, a
//! change to the fixtures file reloads them; the results go to every open cabinet page.

use super::fixtures;
use super::state::Shared;
use super::ServeOptions;
use crate::pipeline::bundle::Mode;
use crate::pipeline::compile::{CompileError, Features};
use crate::pipeline::krate::WidgetCrate;
use crate::pipeline::{self, BuildOptions, Profile};
use anyhow::{anyhow, Context as _, Result};
use notify::{RecursiveMode, Watcher};
use notify_debouncer_mini::{DebounceEventResult, Debouncer};
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

/// The file watcher, which must be kept alive for the events to come.
pub(super) type Watch = Debouncer<Changes>;

/// Starts watching and runs the first build; returns the watcher.
pub(super) fn start(
    options: &ServeOptions,
    krate: WidgetCrate,
    shared: Arc<Shared>,
) -> Result<Watch> {
    let crate_dir = std::fs::canonicalize(&options.crate_dir).unwrap_or(options.crate_dir.clone());
    let fixtures_file = options
        .fixtures
        .as_ref()
        .map(|f| std::fs::canonicalize(f).unwrap_or(f.clone()));
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = notify_debouncer_mini::new_debouncer_opt::<_, Changes>(
        notify_debouncer_mini::Config::default().with_timeout(QUIET),
        tx,
    )
    .map_err(|e| anyhow!("could not watch {}: {e}", crate_dir.display()))?;
    let mut watch = |path: &Path, mode| {
        debouncer
            .watcher()
            .watch(path, mode)
            .map_err(|e| anyhow!("could not watch {}: {e}", path.display()))
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
        .map_err(|e| anyhow!("could not watch .: could not start the watch thread: {e}"))?;
    Ok(debouncer)
}

/// The platform's watcher without access events: every build reads the sources and copies the
/// widget files, and a read is no change (a loop that rebuilt on them would never stop).
pub(super) struct Changes(notify::RecommendedWatcher);

impl Watcher for Changes {
    fn new<F: notify::EventHandler>(
        mut handler: F,
        config: notify::Config,
    ) -> notify::Result<Self> {
        let only_changes = move |event: notify::Result<notify::Event>| {
            if !matches!(&event, Ok(e) if e.kind.is_access()) {
                handler.handle_event(event);
            }
        };
        notify::RecommendedWatcher::new(only_changes, config).map(Changes)
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        self.0.watch(path, mode)
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        self.0.unwatch(path)
    }

    fn kind() -> notify::WatcherKind {
        notify::RecommendedWatcher::kind()
    }
}

struct Loop {
    crate_dir: PathBuf,
    fixtures: Option<PathBuf>,
    krate: WidgetCrate,
    shared: Arc<Shared>,
    profile: Profile,
    features: Features,
    version: u64,
    fixtures_version: u64,
}

impl Loop {
    fn run(
        mut self,
        rx: mpsc::Receiver<DebounceEventResult>,
        classify: impl Fn(&Path) -> Option<Change>,
    ) {
        self.rebuild(Instant::now());
        // Each message is a burst of changes after which the tree stayed quiet for QUIET.
        for events in rx {
            let events = match events {
                Ok(events) => events,
                Err(error) => {
                    eprintln!("[serve] watch error: {error}");
                    continue;
                }
            };
            let changes: Vec<Change> = events.iter().filter_map(|e| classify(&e.path)).collect();
            let changed = Instant::now()
                .checked_sub(QUIET)
                .unwrap_or_else(Instant::now);
            if changes.iter().any(|c| matches!(c, Change::Fixtures)) {
                self.reload_fixtures();
            }
            if changes.iter().any(|c| matches!(c, Change::Sources)) {
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
        let result = pipeline::build(&options).and_then(|built| {
            std::fs::read(&built.script)
                .map(|script| (script, built.wasm_bytes))
                .with_context(|| built.script.display().to_string())
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
                let message = match error.downcast_ref() {
                    Some(CompileError::Compiler { diagnostics }) => {
                        format!("{diagnostics}\n\n{error:#}")
                    }
                    _ => format!("{error:#}"),
                };
                let kept = if self.shared.script().is_some() {
                    "still serving the last good build"
                } else {
                    "nothing to serve until a build succeeds"
                };
                eprintln!("[serve] build {version} failed: {error:#}; {kept}");
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
