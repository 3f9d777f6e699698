//! What a long step is doing, and how long it took: a widget build runs for a minute or more,
//! and on a silent terminal a slow step cannot be told from a stuck one.
//!
//! Lines go to stderr, as cargo's own progress does, so that stdout keeps only the results.

use std::time::{Duration, Instant};

/// Runs `f` as the step `what`: prints `   what …` before it and `   what … 41.2 s` after it
/// (`   what … failed after 41.2 s` when it returns an error).
///
/// ```
/// use amo_widget::progress::step;
///
/// let sum: Result<u32, String> = step("adding", || Ok(2 + 2));
/// assert_eq!(sum, Ok(4));
/// ```
pub fn step<T, E>(what: &str, f: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
    eprintln!("   {what} …");
    let start = Instant::now();
    let result = f();
    let took = seconds(start.elapsed());
    match &result {
        Ok(_) => eprintln!("   {what} … {took}"),
        Err(_) => eprintln!("   {what} … failed after {took}"),
    }
    result
}

/// A duration as the progress lines print it: seconds with one decimal.
///
/// ```
/// use std::time::Duration;
///
/// assert_eq!(amo_widget::progress::seconds(Duration::from_millis(41_249)), "41.2 s");
/// ```
pub fn seconds(d: Duration) -> String {
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
    fn durations_print_with_one_decimal() {
        assert_eq!(seconds(Duration::from_millis(0)), "0.0 s");
        assert_eq!(seconds(Duration::from_millis(1_940)), "1.9 s");
        assert_eq!(seconds(Duration::from_secs(125)), "125.0 s");
    }
}
