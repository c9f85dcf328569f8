//! The `kamervragen` command: parses arguments into a configuration once, runs it, and maps the
//! outcome to an exit status.

mod app;

fn main() -> std::process::ExitCode {
    app::run()
}
