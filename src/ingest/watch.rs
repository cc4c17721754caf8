//! `ingest --watch`: keep an index in step with its folders. After a first full pass, the
//! roots are watched for file-system events (inotify, FSEvents, ReadDirectoryChangesW
//! through `notify`; its polling watcher where events are unavailable or when asked);
//! a burst of events is debounced and answered with one more incremental pass with pruning.
//!
//! A pass is exactly `ingest` with `prune`: the same stamps decide what is unchanged, a
//! changed file's documents are replaced together, a moved file is a removal plus an
//! addition, and each pass takes and releases the single writer lock, so a pass can never
//! half-apply a change and a crash (even `kill -9`) leaves the last commit, which the next
//! start completes. Re-walking the roots costs about a second per 100,000 unchanged files;
//! in exchange no event can be lost between passes (events that arrive during a pass start
//! the next one).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{Event, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};

use super::{ingest, IngestError, IngestOptions, IngestSummary};

/// How `watch` waits for changes.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// Quiet time after the last event of a burst before a pass runs.
    pub debounce: Duration,
    /// Longest wait after the first event of a burst (a file written for minutes still
    /// gets passes).
    pub max_delay: Duration,
    /// Poll every this often instead of listening for events (network filesystems).
    pub poll: Option<Duration>,
}

impl Default for WatchOptions {
    fn default() -> WatchOptions {
        WatchOptions {
            debounce: Duration::from_millis(500),
            max_delay: Duration::from_secs(5),
            poll: None,
        }
    }
}

/// What `watch` reports as it goes.
pub enum WatchEvent<'a> {
    /// The watcher is running; `fallback` says why events were unavailable when polling.
    Watching {
        /// Polling instead of events.
        polling: bool,
        /// Why events could not be used, if that is why it polls.
        fallback: Option<String>,
    },
    /// A pass finished.
    Pass(&'a IngestSummary),
    /// A pass failed (another writer holds the lock, a root vanished); the next event or
    /// a retry runs it again.
    Failed(&'a IngestError),
}

/// How often the loop looks at the stop flag, and retries a failed pass.
const TICK: Duration = Duration::from_millis(200);
const RETRY: Duration = Duration::from_secs(10);
/// The polling interval when events are unavailable.
const FALLBACK_POLL: Duration = Duration::from_secs(2);

/// Runs a first pass, then a pass after every burst of changes, until `opts.stop` is set.
/// Only a failing first pass is an error; later failures are reported and retried.
pub fn watch(
    opts: &IngestOptions,
    w: &WatchOptions,
    report: &mut dyn FnMut(WatchEvent<'_>),
) -> Result<(), IngestError> {
    let mut opts = opts.clone();
    opts.prune = true;
    let roots = absolute_roots(&opts.roots)?;
    // Watching starts before the first pass, so nothing changed after that pass's walk
    // can go unseen; what changes during it just starts a second pass.
    let (tx, events) = channel();
    let started = start(&roots, w.poll, tx)?;
    let summary = ingest(&opts, &mut |_| {})?;
    report(WatchEvent::Pass(&summary));
    let index_dir = absolute(&opts.index_dir);
    report(WatchEvent::Watching {
        polling: started.polling,
        fallback: started.fallback.clone(),
    });
    let mut retry_at: Option<Instant> = None;
    while !opts.stopped() {
        let due = wait_for_changes(&events, w, &roots, &index_dir, &opts, retry_at);
        if !due || opts.stopped() {
            continue;
        }
        match ingest(&opts, &mut |_| {}) {
            Ok(summary) => {
                retry_at = None;
                report(WatchEvent::Pass(&summary));
            }
            Err(e) => {
                retry_at = Some(Instant::now() + RETRY);
                report(WatchEvent::Failed(&e));
            }
        }
    }
    Ok(())
}

/// Waits up to one tick for a relevant event, then debounces the burst it starts; true
/// when a pass is due (a burst ended, or a retry time came).
fn wait_for_changes(
    events: &Receiver<notify::Result<Event>>,
    w: &WatchOptions,
    roots: &[PathBuf],
    index_dir: &Path,
    opts: &IngestOptions,
    retry_at: Option<Instant>,
) -> bool {
    let first = match events.recv_timeout(TICK) {
        Ok(event) => event,
        Err(RecvTimeoutError::Timeout) => return retry_at.is_some_and(|t| Instant::now() >= t),
        Err(RecvTimeoutError::Disconnected) => return false,
    };
    if !relevant(&first, roots, index_dir) {
        return false;
    }
    let started = Instant::now();
    let mut last = Instant::now();
    while !opts.stopped() && started.elapsed() < w.max_delay && last.elapsed() < w.debounce {
        match events.recv_timeout(TICK.min(w.debounce)) {
            Ok(event) if relevant(&event, roots, index_dir) => last = Instant::now(),
            Ok(_) | Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    true
}

/// Whether an event can change what the roots hold: not a read, not inside the index.
/// A watcher error (an overflowed event queue, say) always is: the pass finds out.
fn relevant(event: &notify::Result<Event>, roots: &[PathBuf], index_dir: &Path) -> bool {
    let Ok(event) = event else {
        return true;
    };
    if let EventKind::Access(kind) = event.kind {
        let written = notify::event::AccessKind::Close(notify::event::AccessMode::Write);
        if kind != written {
            return false;
        }
    }
    if event.paths.is_empty() {
        return true;
    }
    event
        .paths
        .iter()
        .any(|p| !p.starts_with(index_dir) && roots.iter().any(|r| p.starts_with(r)))
}

/// Starts the event watcher on every root (a file root through its folder), or the polling
/// watcher when events are unavailable or polling was asked for.
fn start(
    roots: &[PathBuf],
    poll: Option<Duration>,
    tx: std::sync::mpsc::Sender<notify::Result<Event>>,
) -> Result<Started, IngestError> {
    let fallback = match poll {
        Some(_) => None,
        None => {
            let handler = tx.clone();
            match RecommendedWatcher::new(handler, notify::Config::default())
                .and_then(|w| watch_roots(w, roots))
            {
                Ok(w) => {
                    return Ok(Started {
                        _watcher: Box::new(w),
                        polling: false,
                        fallback: None,
                    })
                }
                Err(e) => Some(e.to_string()),
            }
        }
    };
    let config = notify::Config::default().with_poll_interval(poll.unwrap_or(FALLBACK_POLL));
    let watcher = PollWatcher::new(tx, config)
        .and_then(|w| watch_roots(w, roots))
        .map_err(|e| IngestError::Watch(e.to_string()))?;
    Ok(Started {
        _watcher: Box::new(watcher),
        polling: true,
        fallback,
    })
}

/// A running watcher (it stops when dropped) and how it watches.
struct Started {
    _watcher: Box<dyn Watcher>,
    polling: bool,
    fallback: Option<String>,
}

fn watch_roots<W: Watcher>(mut watcher: W, roots: &[PathBuf]) -> notify::Result<W> {
    for root in roots {
        if root.is_dir() {
            watcher.watch(root, RecursiveMode::Recursive)?;
        } else {
            // Editors and downloaders replace a file by renaming another over it, which
            // ends a watch on the file itself: watch its folder instead.
            let folder = root.parent().unwrap_or(Path::new("/"));
            watcher.watch(folder, RecursiveMode::NonRecursive)?;
        }
    }
    Ok(watcher)
}

fn absolute_roots(roots: &[PathBuf]) -> Result<Vec<PathBuf>, IngestError> {
    roots
        .iter()
        .map(|r| {
            r.canonicalize()
                .map_err(|_| IngestError::MissingRoot(r.display().to_string()))
        })
        .collect()
}

/// The canonical form of a path, or the path itself when it cannot be resolved.
fn absolute(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind};

    #[test]
    fn only_events_that_can_change_the_roots_start_a_pass() {
        let roots = [
            PathBuf::from("/archive/wire"),
            PathBuf::from("/feeds/main.rss"),
        ];
        let index = Path::new("/archive/wire/newsdex-index");
        let event = |kind, path: &str| Ok(Event::new(kind).add_path(PathBuf::from(path)));
        let create = EventKind::Create(CreateKind::File);
        let cases = [
            (event(create, "/archive/wire/2024/budget.md"), true),
            (
                event(EventKind::Modify(ModifyKind::Any), "/feeds/main.rss"),
                true,
            ),
            (
                event(
                    EventKind::Remove(notify::event::RemoveKind::File),
                    "/archive/wire/a.txt",
                ),
                true,
            ),
            (
                event(
                    EventKind::Access(AccessKind::Close(AccessMode::Write)),
                    "/archive/wire/a.txt",
                ),
                true,
            ),
            (
                event(
                    EventKind::Access(AccessKind::Open(AccessMode::Read)),
                    "/archive/wire/a.txt",
                ),
                false,
            ),
            (
                event(create, "/archive/wire/newsdex-index/meta.json"),
                false,
            ),
            (event(create, "/feeds/other.rss"), false),
            (event(create, "/elsewhere/a.txt"), false),
            (Err(notify::Error::generic("queue overflow")), true),
        ];
        for (i, (event, expected)) in cases.iter().enumerate() {
            assert_eq!(relevant(event, &roots, index), *expected, "case {i}");
        }
    }
}
