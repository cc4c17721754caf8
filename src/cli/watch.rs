//! `newsdex ingest --watch`: runs `ingest::watch` until Ctrl-C (or SIGTERM), printing a
//! summary for every pass that changed something.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};

use super::args::IngestArgs;
use super::commands::report_ingest;
use super::Status;
use crate::ingest::{self, IngestOptions, WatchEvent, WatchOptions};
use crate::search;

/// Watches until stopped; exit 0 after a clean stop.
pub fn run(a: &IngestArgs, mut opts: IngestOptions) -> Result<Status> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            // A second Ctrl-C does not wait: the index keeps its last commit.
            std::process::exit(130);
        }
        eprintln!("newsdex: stopping after the current commit (Ctrl-C again to quit at once)");
    })
    .context("cannot listen for Ctrl-C")?;
    opts.stop = Some(stop);
    let w = WatchOptions {
        poll: a.poll.map(|s| Duration::from_secs(s.max(1))),
        ..WatchOptions::default()
    };
    let mut first = true;
    let mut failure: Option<anyhow::Error> = None;
    ingest::watch(&opts, &w, &mut |event| {
        if failure.is_some() {
            return;
        }
        let shown = match event {
            WatchEvent::Watching { polling, fallback } => {
                watching(a, polling, fallback);
                Ok(())
            }
            WatchEvent::Pass(summary) => {
                let changed = summary.added + summary.updated + summary.removed + summary.failed;
                for e in &summary.errors {
                    eprintln!("{}: {}", e.path, e.reason);
                }
                let shown = if first || changed > 0 {
                    report_ingest(a, &opts, summary)
                } else {
                    Ok(())
                };
                first = false;
                shown
            }
            WatchEvent::Failed(e) => {
                eprintln!("newsdex: {}; retrying", search::message(e));
                Ok(())
            }
        };
        // Stdout closed (the reader of --json went away): stop like any other command.
        if let Err(e) = shown {
            failure = Some(e);
            if let Some(stop) = &opts.stop {
                stop.store(true, Ordering::SeqCst);
            }
        }
    })?;
    match failure {
        Some(e) => Err(e),
        None => Ok(Status::Success),
    }
}

fn watching(a: &IngestArgs, polling: bool, fallback: Option<String>) {
    if a.quiet {
        return;
    }
    match (polling, fallback) {
        (true, Some(why)) => eprintln!(
            "newsdex: file-system events are unavailable ({why}); checking for changes every 2 s"
        ),
        (true, None) => eprintln!(
            "newsdex: checking for changes every {} s",
            a.poll.unwrap_or(2)
        ),
        (false, _) => eprintln!("newsdex: watching for changes; Ctrl-C to stop"),
    }
}
