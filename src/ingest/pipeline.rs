//! The pipeline: one reader thread → bounded queue → worker threads → bounded queue → the
//! writer (the calling thread), with a byte budget ([`super::flow`]) spanning all of it.
//!
//! The reader hands out whole files (read, parsed and extracted by a worker) and chunks of
//! dump records (framed by the reader, parsed and extracted by any worker), so the records
//! of one big file keep every core busy. The writer adds a dump's chunks in their order,
//! holding early ones back, so what is committed is always a prefix of the dump and the
//! committed dump state (records read, fingerprint) describes exactly the documents in the
//! index.

use std::collections::{BTreeMap, HashMap};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use super::dump::{self, Chunk};
use super::flow::{Budget, Permit};
use super::{process, FileError, IngestError, IngestOptions, IngestSummary, Outcome, Progress};
use crate::corpus::SourceFile;
use crate::index::{DumpState, FileStamp, NewsIndex, NewsWriter};

/// Work for a worker, with its share of the budget.
pub(super) enum Unit {
    File(SourceFile),
    Chunk(Chunk),
}

pub(super) struct Work {
    pub unit: Unit,
    pub permit: Permit,
}

/// A worker's answer, still holding the unit's permit.
pub(super) struct Done {
    pub outcome: Outcome,
    pub files: u64,
    pub bytes: u64,
    pub _permit: Option<Permit>,
}

/// Everything the reader and the workers share.
pub(super) struct Shared<'a> {
    pub opts: &'a IngestOptions,
    pub index: &'a NewsIndex,
    pub stamps: &'a HashMap<String, FileStamp>,
    pub dumps: &'a HashMap<String, DumpState>,
    pub budget: Arc<Budget>,
}

fn thread_count(opts: &IngestOptions) -> usize {
    if opts.threads == 0 {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2)
    } else {
        opts.threads
    }
}

/// Runs reader, workers and writer over `todo` until everything is added to the writer.
pub(super) fn run(
    shared: &Shared<'_>,
    todo: Vec<SourceFile>,
    writer: &mut NewsWriter,
    summary: &mut IngestSummary,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), IngestError> {
    let threads = thread_count(shared.opts);
    let (work_tx, work_rx) = sync_channel::<Work>(threads * 2);
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = sync_channel::<Done>(64);
    let result = std::thread::scope(|scope| {
        let reader_tx = done_tx.clone();
        scope.spawn(move || read_all(shared, todo, &work_tx, &reader_tx));
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let work_rx = &work_rx;
            scope.spawn(move || worker(shared, work_rx, &done_tx));
        }
        drop(done_tx);
        let result = collect(shared.opts, done_rx, writer, summary, progress);
        // A writer error stops the reader, which may be waiting for budget.
        shared.budget.close();
        result
    });
    result
}

/// The reader: whole files go to the workers as they are; dumps are framed into chunks.
fn read_all(
    shared: &Shared<'_>,
    todo: Vec<SourceFile>,
    work: &SyncSender<Work>,
    done: &SyncSender<Done>,
) {
    for file in todo {
        if shared.opts.stopped() {
            return;
        }
        if file.kind.format.is_stream() {
            if dump::read(shared, file, work, done).is_err() {
                return;
            }
            continue;
        }
        let Some(permit) = shared.budget.acquire(file.size + super::UNIT_OVERHEAD) else {
            return;
        };
        let unit = Work {
            unit: Unit::File(file),
            permit,
        };
        if work.send(unit).is_err() {
            return;
        }
    }
}

fn worker(shared: &Shared<'_>, queue: &Mutex<Receiver<Work>>, done: &SyncSender<Done>) {
    loop {
        let next = match queue.lock() {
            Ok(q) => q.recv(),
            Err(_) => return,
        };
        let Ok(Work { unit, permit }) = next else {
            return;
        };
        let (outcome, files, bytes) = match unit {
            Unit::File(file) => {
                let outcome = guarded(&file.path.display().to_string(), || {
                    process(
                        shared.opts,
                        shared.index,
                        shared.stamps.get(&file.key),
                        &file,
                    )
                });
                (outcome, 1, file.size)
            }
            Unit::Chunk(chunk) => {
                let (files, bytes) = (u64::from(chunk.last), chunk.disk_bytes);
                let shown = chunk.job.file.path.display().to_string();
                (
                    guarded(&shown, || dump::process(shared, chunk)),
                    files,
                    bytes,
                )
            }
        };
        let done_unit = Done {
            outcome,
            files,
            bytes,
            _permit: Some(permit),
        };
        if done.send(done_unit).is_err() {
            return;
        }
    }
}

/// A bug in a parser or extractor must cost one unit, never the run.
fn guarded(shown: &str, run: impl FnOnce() -> Outcome) -> Outcome {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)).unwrap_or_else(|_| {
        Outcome::Failed {
            error: FileError {
                path: shown.to_string(),
                reason: "internal error while reading this file (a newsdex bug: please report it with the file)".into(),
            },
        }
    })
}

/// Chunks that arrived before their turn, per dump, and the next one due.
#[derive(Default)]
struct Order {
    next: HashMap<String, u64>,
    early: HashMap<String, BTreeMap<u64, Done>>,
}

impl Order {
    /// The outcomes that may be applied now, in order.
    fn arrive(&mut self, done: Done) -> Vec<Done> {
        let (key, seq) = match &done.outcome {
            Outcome::Chunk(c) => (c.file.clone(), c.seq),
            _ => return vec![done],
        };
        let early = self.early.entry(key.clone()).or_default();
        early.insert(seq, done);
        let next = self.next.entry(key.clone()).or_insert(0);
        let mut ready = Vec::new();
        while let Some(done) = early.remove(next) {
            *next += 1;
            ready.push(done);
        }
        ready
    }
}

fn collect(
    opts: &IngestOptions,
    rx: Receiver<Done>,
    writer: &mut NewsWriter,
    summary: &mut IngestSummary,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), IngestError> {
    let mut pending_docs = 0usize;
    let mut last_commit = Instant::now();
    let mut order = Order::default();
    for arrived in rx {
        for done in order.arrive(arrived) {
            let articles = super::apply(done.outcome, writer, summary)?;
            pending_docs += articles;
            progress(Progress::Advance {
                files: done.files,
                bytes: done.bytes,
                articles: articles as u64,
            });
        }
        if pending_docs >= opts.commit_every_docs
            || (pending_docs > 0 && last_commit.elapsed() >= opts.commit_every)
        {
            writer.commit()?;
            pending_docs = 0;
            last_commit = Instant::now();
        }
    }
    Ok(())
}
