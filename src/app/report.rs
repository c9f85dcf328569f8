//! Telling the user, on stderr, what happened to each document of a load.
//!
//! Quiet when every document was read cleanly; otherwise one line per warning and per failure
//! (`file:line:column: message`), then a summary that accounts for every file.

use kamervragen::pipeline::LoadReport;
use std::io::{self, Write};

/// Prints the warnings, failures and summary of `report`, if there is anything to say.
pub fn print_load_report(report: &LoadReport) -> io::Result<()> {
    let mut stderr = io::stderr().lock();
    let mut warned = 0;
    for (entry, summary) in report.read() {
        if !summary.warnings.is_empty() {
            warned += 1;
        }
        for warning in &summary.warnings {
            writeln!(stderr, "{}:{warning}", entry.path.display())?;
        }
    }
    let mut failed = 0;
    for (_, error) in report.failed() {
        failed += 1;
        writeln!(stderr, "{error}")?;
    }
    if warned > 0 || failed > 0 {
        let total = report.documents.len();
        writeln!(
            stderr,
            "kamervragen: {total} file(s): {} read ({warned} with warnings), {failed} failed and left out",
            total - failed
        )?;
    }
    Ok(())
}
