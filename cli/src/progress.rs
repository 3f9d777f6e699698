//! What a long step is doing, and how long it took: a widget build runs for a minute or more,
//! and on a silent terminal a slow step cannot be told from a stuck one.
//!
//! Lines go to stderr, as cargo's own progress does, so that stdout keeps only the results.

use std::sync::atomic::{AtomicU8, Ordering};
use std::time::{Duration, Instant};

/// How much amo-widget says: `-q` keeps only errors and results, `-v` adds the commands it runs
/// (and makes cargo verbose).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// Errors and results only (`-q`).
    Quiet = 0,
    /// Each long step and its time (the default).
    Normal = 1,
    /// Also the commands run (`-v`).
    Verbose = 2,
}

static VERBOSITY: AtomicU8 = AtomicU8::new(Verbosity::Normal as u8);

/// Sets how much the progress lines say, for the whole process (from `-q`/`-v`).
pub fn set_verbosity(v: Verbosity) {
    VERBOSITY.store(v as u8, Ordering::Relaxed);
}

/// The verbosity [`set_verbosity`] set.
pub(crate) fn verbosity() -> Verbosity {
    match VERBOSITY.load(Ordering::Relaxed) {
        0 => Verbosity::Quiet,
        1 => Verbosity::Normal,
        _ => Verbosity::Verbose,
    }
}

/// A progress line of its own (`   text`), unless quiet.
pub(crate) fn note(text: &str) {
    if verbosity() > Verbosity::Quiet {
        eprintln!("   {text}");
    }
}

/// A detail shown with `-v` only (the environment a command gets).
pub(crate) fn detail(text: &str) {
    if verbosity() == Verbosity::Verbose {
        eprintln!("   {text}");
    }
}

/// A command about to run, shown with `-v`.
pub(crate) fn command(command: &std::process::Command) {
    if verbosity() == Verbosity::Verbose {
        let args: Vec<_> = command.get_args().map(|a| a.to_string_lossy()).collect();
        eprintln!(
            "   running {} {}",
            command.get_program().to_string_lossy(),
            args.join(" ")
        );
    }
}

/// Runs `f` as the step `what`: prints `   what …` before it and `   what … 41.2 s` after it
/// (`   what … failed after 41.2 s` when it returns an error).
pub(crate) fn step<T, E>(what: &str, f: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
    note(&format!("{what} …"));
    let start = Instant::now();
    let result = f();
    let took = seconds(start.elapsed());
    match &result {
        Ok(_) => note(&format!("{what} … {took}")),
        Err(_) => note(&format!("{what} … failed after {took}")),
    }
    result
}

/// A duration as the progress lines print it: seconds with one decimal.
pub(crate) fn seconds(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_step_hands_back_its_error() {
        let r: Result<(), &str> = step("failing", || Err("no"));
        assert_eq!(r, Err("no"));
    }

    #[test]
    fn a_step_hands_back_its_result() {
        let sum: Result<u32, String> = step("adding", || Ok(2 + 2));
        assert_eq!(sum, Ok(4));
    }

    #[test]
    fn durations_print_with_one_decimal() {
        assert_eq!(seconds(Duration::from_millis(0)), "0.0 s");
        assert_eq!(seconds(Duration::from_millis(1_940)), "1.9 s");
        assert_eq!(seconds(Duration::from_secs(125)), "125.0 s");
        assert_eq!(seconds(Duration::from_millis(41_249)), "41.2 s");
    }
}
