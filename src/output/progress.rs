//! A progress bar for long builds (indicatif): shown only on a terminal, never
//! in CI or a pipe, and only once the work has taken more than a second.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub(crate) struct Progress {
    bar: ProgressBar,
    started: Instant,
    wanted: bool,
    shown: AtomicBool,
}

const DELAY: Duration = Duration::from_secs(1);

impl Progress {
    pub(crate) fn new(total: u64, message: String) -> Progress {
        let wanted = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{msg} {bar:30} {pos}/{len} ({eta})") {
            bar.set_style(style);
        }
        bar.set_message(message);
        Progress {
            bar,
            started: Instant::now(),
            wanted,
            shown: AtomicBool::new(false),
        }
    }

    pub(crate) fn inc(&self) {
        self.bar.inc(1);
        if self.wanted
            && !self.shown.load(Ordering::Relaxed)
            && self.started.elapsed() > DELAY
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    pub(crate) fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
