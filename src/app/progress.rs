//! The progress bar on stderr: files read, documents per second, time left.
//!
//! The pipeline reports after each batch through a [`ProgressHook`]; the bar stays hidden for
//! the first seconds, so short runs print nothing, and never draws when stderr is not a terminal
//! (indicatif's stderr target hides itself then), so logs and pipes stay clean.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use kamervragen::map::ProgressHook;
use std::fmt::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Runs shorter than this show no bar at all.
const SHOW_AFTER: Duration = Duration::from_secs(2);

/// The bar of a load: files read, and documents per second.
pub fn terminal_bar() -> ProgressHook {
    bar_of("{wide_bar} {pos}/{len} files · {rate} documents/s · {eta} left")
}

/// The bar of a push: graphs written, and graphs per second.
pub fn push_bar() -> ProgressHook {
    bar_of("{wide_bar} {pos}/{len} graphs · {rate} graphs/s · {eta} left")
}

fn bar_of(template: &str) -> ProgressHook {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()).with_style(
        ProgressStyle::with_template(template)
            .expect("the template is valid")
            .with_key("rate", |state: &ProgressState, out: &mut dyn Write| {
                let _ = write!(out, "{:.0}", state.per_sec());
            }),
    );
    let started = Instant::now();
    let shown = AtomicBool::new(false);
    ProgressHook(Arc::new(move |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        if done >= total {
            bar.finish_and_clear();
        } else if started.elapsed() >= SHOW_AFTER && !shown.swap(true, Ordering::Relaxed) {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }))
}
