//! The `kamervragen` command: parses arguments into a configuration once, runs it, and maps the
//! outcome to an exit status.

mod app;

/// mimalloc rather than the C library's allocator: parsing, mapping and querying make many
/// small strings and free them soon, which it does in a fraction of the time (parse and map
/// 1.25× as fast, a Turtle dump 1.35×, the slowest queries 1.2×; docs/performance.md, "Allocator"), for
/// a larger resident set that stays flat (a Turtle dump: 128 MB against 80). It also counts
/// each thread's bytes, which holds a query's evaluation to `serve --max-memory`.
#[global_allocator]
static ALLOCATOR: kamervragen::allocator::Counting = kamervragen::allocator::Counting;

fn main() -> std::process::ExitCode {
    kamervragen::allocator::set_up();
    // Queries are parsed and evaluated on the thread that runs the command; the parser and the
    // evaluator recurse once per level of the query, so it gets the stack a query needs.
    let command = std::thread::Builder::new()
        .name("kamervragen".to_owned())
        .stack_size(kamervragen::store::QUERY_STACK)
        .spawn(app::run);
    match command.map(std::thread::JoinHandle::join) {
        Ok(Ok(code)) => code,
        // A panic has printed its message; an unspawnable thread is the machine's limit.
        Ok(Err(_)) => std::process::ExitCode::from(101),
        Err(error) => {
            eprintln!("kamervragen: error: cannot start: {error}");
            std::process::ExitCode::from(2)
        }
    }
}
