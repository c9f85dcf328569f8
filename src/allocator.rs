//! The allocator of the `kamervragen` binary, and of the benchmarks that time it: mimalloc,
//! with its settings.
//!
//! A library must not choose its users' allocator, so each program declares [`Counting`] (or
//! [`MiMalloc`]) its global allocator itself and calls [`set_up`] first thing. [`Counting`] also
//! keeps each thread's net allocated bytes, which leave through [`thread_net_allocated`]: the
//! memory budget of a query's evaluation (`serve --max-memory`) is counted with it.
//! mimalloc rather than the C library's allocator: parsing, mapping and querying make many
//! small strings and free them soon, which it does in a fraction of the time (docs/performance.md,
//! "Allocator").

pub use mimalloc::MiMalloc;

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;

/// mimalloc, keeping count of the bytes each thread has allocated and not freed.
///
/// A query's evaluation runs on one thread, and what it holds (the rows a sort or a group
/// gathers, the terms it makes) is allocated there: the count tells its memory without asking
/// the evaluator, which keeps no account of it. Memory freed on another thread than the one
/// that allocated it counts there, so a thread's count is exact only for what stays on it.
pub struct Counting;

thread_local! {
    /// Bytes allocated less bytes freed on this thread. Initialised by a constant and without a
    /// destructor, so that the allocator can use it without allocating.
    static NET_ALLOCATED: Cell<i64> = const { Cell::new(0) };
}

fn count(bytes: i64) {
    // After the thread's locals are gone (its last frees) nothing is counted any more.
    let _ = NET_ALLOCATED.try_with(|net| net.set(net.get() + bytes));
}

/// Bytes this thread has allocated and not freed since it started, through [`Counting`]; 0
/// where the program's allocator is another.
pub fn thread_net_allocated() -> i64 {
    NET_ALLOCATED.try_with(Cell::get).unwrap_or(0)
}

// SAFETY: every call is passed on to mimalloc unchanged; counting touches only a thread-local
// cell that needs no allocation.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let block = unsafe { MiMalloc.alloc(layout) };
        if !block.is_null() {
            count(layout.size() as i64);
        }
        block
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let block = unsafe { MiMalloc.alloc_zeroed(layout) };
        if !block.is_null() {
            count(layout.size() as i64);
        }
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        unsafe { MiMalloc.dealloc(block, layout) };
        count(-(layout.size() as i64));
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = unsafe { MiMalloc.realloc(block, layout, new_size) };
        if !moved.is_null() {
            count(new_size as i64 - layout.size() as i64);
        }
        moved
    }
}

/// mimalloc's option `mi_option_purge_delay`, by its number in version 2's `mimalloc.h`: the
/// Rust bindings name only the options that are stable across versions.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long freed memory stays in the process, for reuse, before mimalloc may give it back
/// to the system: 10 s, against its default of 10 ms.
const KEPT_FREE_MS: std::ffi::c_long = 10_000;

/// Keeps freed memory in the process, for reuse, [`KEPT_FREE_MS`]. With its default delay
/// mimalloc gives memory back that has been free for 10 ms, and an allocation there later has
/// the kernel zero fresh pages: loading frees and makes strings all along, and a query's sort
/// makes and frees a row at a time; page faults took a seventh of the slowest queries' time.
/// A streaming export keeps a few MB more (docs/performance.md, "Allocator"). Not forever:
/// [`give_back_freed_memory`] can then return what a large query held.
pub fn set_up() {
    // SAFETY: an option set to a value mimalloc documents for it (a delay in milliseconds),
    // before the program starts a thread.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, KEPT_FREE_MS) }
}

/// Gives the memory freed so far back to the system at once, rather than after
/// [`KEPT_FREE_MS`]: for a thread that has just freed much (a large query's rows), before it
/// ends, so that the process is back to its size at rest. Without effect unless the program's
/// allocator is mimalloc.
pub fn give_back_freed_memory() {
    // SAFETY: a forced collection, which mimalloc allows on any thread at any time.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The option's number is not named by the bindings; its default (10 ms in version 2, 1000
    /// in version 3) tells that it is the purge delay of the version built.
    #[test]
    fn the_option_set_is_the_purge_delay() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            // SAFETY: reads an option; this test binary sets none.
            assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, 10);
        }
    }
}
