//! The command-line application around the library.
//!
//! Raw arguments enter through [`args`], are turned once into a validated [`config::Config`],
//! and [`commands`] runs that. Errors are reported here, as one line on stderr, and mapped to
//! exit statuses: 0 success (also when a reader closed our output early, as `| head` does),
//! 1 when some documents failed but the rest was written, 2 when nothing could be done.

mod args;
mod commands;
mod config;
mod members;
mod progress;
mod report;

use clap::Parser;
use std::io::{self, Write};
use std::process::ExitCode;

/// How a command ended.
pub enum Outcome {
    Success,
    /// Output was written, but some documents were left out.
    SomeDocumentsFailed,
    /// The graph breaks a constraint of its shapes.
    Violations,
}

pub fn run() -> ExitCode {
    let args = args::Args::parse();
    let result = config::Config::from_args(args).and_then(commands::execute);
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::SomeDocumentsFailed | Outcome::Violations) => ExitCode::from(1),
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            let chain = kamervragen::run::with_causes(error.as_ref());
            let _ = writeln!(io::stderr(), "kamervragen: error: {chain}");
            ExitCode::from(2)
        }
    }
}

/// A closed pipe is how `head` says it has read enough: not an error.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
