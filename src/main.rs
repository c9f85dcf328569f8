//! The `kamervragen` command: parses arguments into a configuration once, runs it, and maps the
//! outcome to an exit status.

mod app;

/// mimalloc rather than the C library's allocator: parsing, mapping and querying make many
/// small strings and free them soon, which it does in a fraction of the time (parse and map
/// 1.25× as fast, a Turtle dump 1.35×, the slowest queries 1.2×; docs/performance.md, "Allocator"), for
/// a larger resident set that stays flat (a Turtle dump: 128 MB against 80).
#[global_allocator]
static ALLOCATOR: kamervragen::allocator::MiMalloc = kamervragen::allocator::MiMalloc;

fn main() -> std::process::ExitCode {
    kamervragen::allocator::set_up();
    app::run()
}
