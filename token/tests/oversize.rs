//! A megabyte "token" is refused at once, without allocating in proportion to its size.
//!
//! Its own test binary: it installs a counting allocator and must not share it with the other
//! token tests' threads.
#![cfg(not(target_arch = "wasm32"))]

use amocrm_widget_token::{unverified_claims, TokenError, Verifier, MAX_TOKEN_LEN};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::time::{Duration, Instant};

struct Counting;

thread_local! {
    static ALLOCATED: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATED.try_with(|a| a.set(a.get() + layout.size()));
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocated_during<T>(f: impl FnOnce() -> T) -> (T, usize, Duration) {
    let before = ALLOCATED.with(Cell::get);
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    (out, ALLOCATED.with(Cell::get) - before, took)
}

#[test]
fn a_one_megabyte_token_is_refused_fast_and_without_copying() {
    // Shaped like a token, so only the length check can stop it early.
    let segment = "A".repeat(512 * 1024 - 1);
    let huge = format!("eyJhbGciOiJIUzI1NiJ9.{segment}.{segment}");
    assert!(huge.len() >= 1024 * 1024 - 1);
    let verifier = Verifier::new("secret").unwrap();

    let (result, bytes, took) = allocated_during(|| verifier.check(&huge));
    assert_eq!(
        result,
        Err(TokenError::TooLong {
            len: huge.len(),
            max: MAX_TOKEN_LEN
        })
    );
    println!("1 MB token refused by check in {took:?}, {bytes} bytes allocated");
    assert!(
        bytes < 1024,
        "check allocated {bytes} bytes for a refused 1 MB token"
    );
    // Microseconds in practice; the bound only leaves room for a busy CI machine.
    assert!(took < Duration::from_millis(50), "took {took:?}");

    let (result, bytes, _) = allocated_during(|| unverified_claims(&huge));
    assert!(matches!(result, Err(TokenError::TooLong { .. })));
    assert!(bytes < 1024, "unverified_claims allocated {bytes} bytes");
}
