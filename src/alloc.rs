//! A small global allocator for widgets (feature `small-alloc`).
//!
//! Rust's default allocator on `wasm32-unknown-unknown` (dlmalloc) is about 8 KB of a widget's
//! WebAssembly: more than the lifecycle and the SDK's hello path together. A widget allocates
//! little and lives as long as the page, so this one is a handful of power-of-two size classes
//! over `memory.grow`: a freed block goes on its class's free list and is reused by the next
//! allocation of that class, so a widget switching leads forever settles at a fixed footprint
//! (the end-to-end soak test checks the memory stops growing). Memory is never returned to the
//! host, as with dlmalloc. WebAssembly in the browser is single-threaded, which is what makes
//! the unsynchronised statics sound.
//!
//! Enable it in the widget crate, which then must not declare a `#[global_allocator]` itself:
//!
//! ```toml
//! amocrm-widget = { version = "0.1", features = ["small-alloc"] }
//! ```

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;

const PAGE: usize = 65536;
/// Blocks are `1 << class` bytes, from 8 bytes up to the whole 32-bit address space.
const CLASSES: usize = 32;

struct State {
    free: [usize; CLASSES],
    top: usize,
    end: usize,
}

/// The allocator. Only meaningful on `wasm32`; registered as `#[global_allocator]` there when
/// the `small-alloc` feature is on.
pub struct SmallAlloc {
    state: UnsafeCell<State>,
}

// Sound only because wasm32 in the browser runs one thread per instance.
unsafe impl Sync for SmallAlloc {}

impl SmallAlloc {
    /// A fresh allocator (used in a `static`).
    pub const fn new() -> Self {
        SmallAlloc {
            state: UnsafeCell::new(State {
                free: [0; CLASSES],
                top: 0,
                end: 0,
            }),
        }
    }
}

impl Default for SmallAlloc {
    fn default() -> Self {
        Self::new()
    }
}

fn class_of(layout: Layout) -> usize {
    let size = layout.size().max(layout.align()).max(8);
    size.next_power_of_two().trailing_zeros() as usize
}

#[cfg(target_arch = "wasm32")]
fn grow(pages: usize) -> Option<usize> {
    let previous = core::arch::wasm32::memory_grow(0, pages);
    (previous != usize::MAX).then(|| previous * PAGE)
}

#[cfg(not(target_arch = "wasm32"))]
fn grow(_pages: usize) -> Option<usize> {
    None
}

unsafe impl GlobalAlloc for SmallAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let class = class_of(layout);
        if class >= CLASSES {
            return core::ptr::null_mut();
        }
        // SAFETY: single-threaded (see the module docs) and never re-entered: nothing here
        // allocates.
        let state = unsafe { &mut *self.state.get() };
        let head = state.free[class];
        if head != 0 {
            // SAFETY: `head` is a block of this class that `dealloc` linked in.
            state.free[class] = unsafe { *(head as *const usize) };
            return head as *mut u8;
        }
        let block = 1usize << class;
        let align = block.min(PAGE);
        let mut start = (state.top + align - 1) & !(align - 1);
        if start + block > state.end || state.end == 0 {
            let needed = (block + align).div_ceil(PAGE);
            let Some(base) = grow(needed) else {
                return core::ptr::null_mut();
            };
            if base != state.end {
                // Fresh memory that does not continue the old region: start over in it.
                state.top = base;
            }
            state.end = base + needed * PAGE;
            start = (state.top + align - 1) & !(align - 1);
        }
        state.top = start + block;
        start as *mut u8
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let class = class_of(layout);
        // SAFETY: as in `alloc`; `ptr` came from `alloc` with the same layout, so it is a block
        // of this class, at least 8 bytes, aligned for a `usize`.
        let state = unsafe { &mut *self.state.get() };
        unsafe { *(ptr as *mut usize) = state.free[class] };
        state.free[class] = ptr as usize;
    }
}

#[cfg(all(feature = "small-alloc", target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: SmallAlloc = SmallAlloc::new();

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_cover_size_and_alignment() {
        let l = |size, align| Layout::from_size_align(size, align).unwrap();
        assert_eq!(class_of(l(0, 1)), 3);
        assert_eq!(class_of(l(8, 8)), 3);
        assert_eq!(class_of(l(9, 1)), 4);
        assert_eq!(class_of(l(3, 64)), 6);
        assert_eq!(class_of(l(65536, 8)), 16);
        assert_eq!(class_of(l(65537, 8)), 17);
    }

    #[test]
    fn without_wasm_memory_it_fails_cleanly() {
        let a = SmallAlloc::new();
        let p = unsafe { a.alloc(Layout::from_size_align(16, 8).unwrap()) };
        assert!(p.is_null());
    }
}
