//! Dumps (JSON Lines, CSV/TSV, WARC; plain, `.gz` or `.zst`): streamed in chunks of
//! records, resumed after the last committed record, re-read from the start only when the
//! records already indexed changed.
//!
//! The reader ([`read`]) frames records and sends chunks of them to the workers; a worker
//! ([`process`]) parses and extracts a chunk's records and prepares their documents. Each
//! chunk carries the dump state after its last record, which the writer records once the
//! chunk is added, in order.

use std::sync::atomic::Ordering;
use std::sync::mpsc::SyncSender;
use std::sync::Arc;

use super::pipeline::{Done, Shared, Unit, Work};
use super::{prepare_articles, FileError, Outcome};
use crate::article::record::{self, RecordOutcome};
use crate::article::stream::{Record, RecordReader};
use crate::article::Article;
use crate::corpus::{self, SourceFile};
use crate::index::{DumpState, FileStamp, PreparedFile};

/// A chunk closes at this many bytes of records…
const CHUNK_BYTES: usize = 512 * 1024;
/// …or at this many records.
const CHUNK_RECORDS: usize = 400;

/// A dump being read in this run.
pub(super) struct DumpJob {
    pub file: SourceFile,
}

/// Consecutive records of a dump, with the dump's state after the last of them.
pub(super) struct Chunk {
    pub job: Arc<DumpJob>,
    pub seq: u64,
    /// The dump is re-read from the start: its old documents go before the first chunk.
    pub restart: bool,
    /// Articles of a resumed dump already in the index (on its first chunk, for the summary).
    pub kept: usize,
    pub records: Vec<Record>,
    pub columns: Option<Arc<Vec<String>>>,
    pub errors: Vec<FileError>,
    pub state: DumpState,
    pub last: bool,
    /// Bytes read from disk since the previous chunk (for progress).
    pub disk_bytes: u64,
}

/// A processed chunk, for the writer.
pub(super) struct ChunkOutcome {
    pub file: String,
    pub seq: u64,
    pub restart: bool,
    pub kept: usize,
    pub prepared: PreparedFile,
    pub errors: Vec<FileError>,
    pub skipped: Vec<&'static str>,
    pub state: DumpState,
}

/// Why reading stopped early: the pipeline is shutting down.
pub(super) struct Stopped;

/// Streams one dump into chunks. Errors opening it become a failed outcome.
pub(super) fn read(
    shared: &Shared<'_>,
    file: SourceFile,
    work: &SyncSender<Work>,
    done: &SyncSender<Done>,
) -> Result<(), Stopped> {
    let shown = file.path.display().to_string();
    let fail = |reason: String| {
        let outcome = Outcome::Failed {
            error: FileError {
                path: shown.clone(),
                reason,
            },
        };
        let done_unit = Done {
            outcome,
            files: 1,
            bytes: file.size,
            _permit: None,
        };
        done.send(done_unit).map_err(|_| Stopped)
    };
    let old = shared.dumps.get(&file.key).copied();
    let (reader, disk, restart) = match open_at(shared, &file, old) {
        Ok(opened) => opened,
        Err(reason) => return fail(reason),
    };
    let job = Arc::new(DumpJob { file });
    stream(shared, job, reader, disk, restart, work)
}

type Reader = RecordReader<Box<dyn std::io::BufRead + Send>>;
type Disk = Arc<std::sync::atomic::AtomicU64>;

fn open(shared: &Shared<'_>, file: &SourceFile) -> Result<(Reader, Disk), String> {
    let stream = corpus::open_stream(file).map_err(|e| e.to_string())?;
    let reader = RecordReader::new(
        stream.reader,
        file.kind.format,
        shared.opts.max_record_size,
        &shared.opts.csv_columns,
    )
    .map_err(|e| format!("line {}: {}", e.line, e.reason))?;
    Ok((reader, stream.disk_bytes))
}

/// Opens the dump positioned after the records the index already holds, when they are
/// unchanged (same count, same fingerprint); otherwise at the start, marked for restart
/// when the index holds any of its documents.
fn open_at(
    shared: &Shared<'_>,
    file: &SourceFile,
    old: Option<DumpState>,
) -> Result<(Reader, Disk, bool), String> {
    let existed = shared.stamps.contains_key(&file.key);
    let (mut reader, disk) = open(shared, file)?;
    let Some(old) = old.filter(|o| o.records > 0) else {
        return Ok((reader, disk, existed));
    };
    while reader.records() < old.records {
        match reader.next() {
            Some(Ok(_)) | Some(Err(_)) => {}
            None => break,
        }
    }
    if reader.records() == old.records && reader.fingerprint() == old.fingerprint {
        return Ok((reader, disk, false));
    }
    let (reader, disk) = open(shared, file)?;
    Ok((reader, disk, true))
}

fn stream(
    shared: &Shared<'_>,
    job: Arc<DumpJob>,
    mut reader: Reader,
    disk: Disk,
    restart: bool,
    work: &SyncSender<Work>,
) -> Result<(), Stopped> {
    let shown = job.file.path.display().to_string();
    let columns = reader.columns();
    let kept = if restart {
        0
    } else {
        shared.stamps.get(&job.file.key).map_or(0, |s| s.articles)
    };
    let mut sent_bytes = 0u64;
    let mut seq = 0u64;
    let mut fatal = false;
    loop {
        if shared.opts.stopped() {
            return Err(Stopped);
        }
        let Batch {
            records,
            mut errors,
            size,
            end,
        } = next_batch(&mut reader, &shown, &mut fatal);
        let mut state = DumpState {
            size: job.file.size,
            mtime: job.file.mtime,
            records: reader.records(),
            fingerprint: reader.fingerprint(),
            complete: false,
        };
        if end {
            let changed =
                corpus::open::changed_since(&job.file.path, job.file.size, job.file.mtime);
            if changed {
                errors.push(FileError {
                    path: shown.clone(),
                    reason: format!(
                        "changed while being read; indexed its first {} records, the next ingest checks them and reads the rest",
                        state.records
                    ),
                });
            }
            state.complete = !fatal && !changed;
        }
        let read_now = disk.load(Ordering::Relaxed);
        let chunk = Chunk {
            job: Arc::clone(&job),
            seq,
            restart,
            kept: if seq == 0 { kept } else { 0 },
            records,
            columns: columns.clone(),
            errors,
            state,
            last: end,
            disk_bytes: read_now.saturating_sub(sent_bytes).min(job.file.size),
        };
        sent_bytes = read_now;
        let permit = shared
            .budget
            .acquire(size as u64 + super::UNIT_OVERHEAD)
            .ok_or(Stopped)?;
        work.send(Work {
            unit: Unit::Chunk(chunk),
            permit,
        })
        .map_err(|_| Stopped)?;
        if end {
            return Ok(());
        }
        seq += 1;
    }
}

/// Records read for one chunk.
struct Batch {
    records: Vec<Record>,
    errors: Vec<FileError>,
    size: usize,
    /// The dump has no more records.
    end: bool,
}

/// Reads records until a chunk is full or the dump ends; `fatal` is set by an error that
/// ends the dump early.
fn next_batch(reader: &mut Reader, shown: &str, fatal: &mut bool) -> Batch {
    let mut batch = Batch {
        records: Vec::new(),
        errors: Vec::new(),
        size: 0,
        end: false,
    };
    while batch.records.len() < CHUNK_RECORDS && batch.size < CHUNK_BYTES {
        match reader.next() {
            Some(Ok(rec)) => {
                batch.size += raw_size(&rec);
                batch.records.push(rec);
            }
            Some(Err(e)) => {
                *fatal |= e.fatal;
                batch.errors.push(FileError {
                    path: format!("{shown}:{}", e.line),
                    reason: e.reason,
                });
            }
            None => {
                batch.end = true;
                break;
            }
        }
    }
    batch
}

fn raw_size(record: &Record) -> usize {
    use crate::article::stream::Raw;
    match &record.raw {
        Raw::Line(bytes) => bytes.len(),
        Raw::Row(fields) => fields.iter().map(String::len).sum(),
        Raw::Warc { block, .. } => block.len(),
    }
}

/// Parses, extracts and prepares one chunk's records (on a worker).
pub(super) fn process(shared: &Shared<'_>, chunk: Chunk) -> Outcome {
    let file = &chunk.job.file;
    let shown = file.path.display().to_string();
    let mut errors = chunk.errors;
    let mut skipped = Vec::new();
    let mut articles = Vec::new();
    for rec in &chunk.records {
        match record::parse(&rec.raw, chunk.columns.as_ref()) {
            RecordOutcome::Article(a) => articles.push((rec.id, a)),
            RecordOutcome::Skipped(kind) => skipped.push(kind),
            RecordOutcome::Failed(reason) => errors.push(FileError {
                path: format!("{shown}:{}", rec.line),
                reason,
            }),
        }
    }
    let articles: Vec<(String, Article)> = articles
        .into_iter()
        .map(|(id, a)| (format!("{}#{id}", file.rel), a))
        .collect();
    // Dump documents carry no file stamp: whether a dump changed is its dump state's business.
    let stamp = FileStamp {
        articles: articles.len(),
        ..FileStamp::default()
    };
    let prepared = prepare_articles(
        shared.index,
        shared.opts.extract,
        file,
        &shown,
        stamp,
        &articles,
    );
    Outcome::Chunk(Box::new(ChunkOutcome {
        file: file.key.clone(),
        seq: chunk.seq,
        restart: chunk.restart,
        kept: chunk.kept,
        prepared,
        errors,
        skipped,
        state: chunk.state,
    }))
}
