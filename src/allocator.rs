//! The allocator of the `kamervragen` binary, and of the benchmarks that time it: mimalloc,
//! with its settings.
//!
//! A library must not choose its users' allocator, so each program declares [`MiMalloc`] its
//! global allocator itself and calls [`set_up`] first thing; nothing else enters or leaves.
//! mimalloc rather than the C library's allocator: parsing, mapping and querying make many
//! small strings and free them soon, which it does in a fraction of the time (docs/performance.md,
//! "Allocator").

pub use mimalloc::MiMalloc;

/// mimalloc's option `mi_option_purge_delay`, by its number in version 2's `mimalloc.h`: the
/// Rust bindings name only the options that are stable across versions.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keeps freed memory in the process, for reuse. By default mimalloc gives memory that has
/// been free for 10 ms back to the system, and an allocation there later has the kernel zero
/// fresh pages: loading frees and makes strings all along, and a query's sort makes and frees
/// a row at a time; page faults took a seventh of the slowest queries' time. A streaming
/// export keeps a few MB more (docs/performance.md, "Allocator").
pub fn set_up() {
    // SAFETY: an option set to a value mimalloc documents for it (-1, never purge), before the
    // program starts a thread.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
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
