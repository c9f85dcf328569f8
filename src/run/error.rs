//! The errors that stop a whole run, and how any error is told with its causes.

use crate::run::spill::SpillError;
use crate::source::SourceError;
use std::io;

/// The errors that stop a whole load (a single document's failure is reported instead, in
/// [`crate::run::pipeline::LoadReport`]).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Source(#[from] SourceError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("cannot write the output")]
    Output(#[from] io::Error),
    #[error(transparent)]
    Base(#[from] crate::rdf::iri::InvalidBase),
    #[error(transparent)]
    Spill(#[from] SpillError),
}

/// An error and its causes on one line, `message: cause: cause`, as the command line prints
/// them. Our errors leave their cause out of their message, so each is said once; a cause
/// whose message is its error's own (oxigraph's `StorageError::Other` shows its source as
/// `{0}`) is not said again.
pub fn with_causes(error: &(dyn std::error::Error + 'static)) -> String {
    let mut line = error.to_string();
    let mut last = line.clone();
    let mut cause = error.source();
    while let Some(next) = cause {
        let text = next.to_string();
        if text != last {
            line.push_str(": ");
            line.push_str(&text);
        }
        last = text;
        cause = next.source();
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_cause_is_said_once() {
        let error = Error::Spill(SpillError(io::Error::other("disk full")));
        assert_eq!(
            with_causes(&error),
            "cannot keep the run's records in a temporary file (TMPDIR names the folder): disk full"
        );
    }

    #[test]
    fn a_cause_that_repeats_its_error_is_said_once() {
        let store = oxigraph::store::StorageError::Other("the disk went away".into());
        let error = Error::Store(crate::store::StoreError::Storage(store));
        assert_eq!(with_causes(&error), "store: the disk went away");
    }
}
