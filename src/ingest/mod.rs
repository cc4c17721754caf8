//! The ingest pipeline: walk → read → decode/parse → extract → index, incrementally.
//!
//! The walk lists files first (cheap) so progress can show a total. Files whose size and
//! mtime match the index are skipped without being opened; the rest are read, hashed and,
//! when the hash differs, parsed and extracted by a pool of worker threads that feed the
//! single index writer (`pipeline`, with a byte budget in front of the writer: `flow`).
//! Dumps (JSON Lines, CSV, WARC) are streamed in chunks of records spread over all workers,
//! and resumed after their last committed record (`dump`). A bad file or record is
//! reported as `path: reason` and skipped; the run goes on and commits the rest. Commits
//! happen periodically (by documents and by time) so a killed ingest loses little; a full
//! disk stops the run with one clear line (`disk`).

mod disk;
mod dump;
mod flow;
mod pipeline;
mod watch;

pub use watch::{watch, WatchEvent, WatchOptions};

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::article::{self, Article, Format};
use crate::corpus::{self, SourceFile, WalkEvent};
use crate::extract::{self, Extraction};
use crate::index::{
    DocInput, DumpState, FileStamp, IndexError, NewsIndex, NewsWriter, PreparedFile,
};

/// Default limit on one record of a dump (a JSON line, a CSV row, a WARC record).
pub const DEFAULT_MAX_RECORD_SIZE: u64 = 10 * 1024 * 1024;

/// Source bytes in flight between reading and the writer (see [`flow`]).
const IN_FLIGHT_BYTES: u64 = 16 * 1024 * 1024;

/// What a unit costs in the budget beyond its bytes (its outcome's fixed overhead).
const UNIT_OVERHEAD: u64 = 16 * 1024;

/// What ingest extracts: everything, reported speech included.
const INDEXED: extract::Options = extract::Options { indirect: true };

/// How to run an ingest.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Folders (or files) to index.
    pub roots: Vec<PathBuf>,
    /// The index folder.
    pub index_dir: PathBuf,
    /// Also remove the documents of files under the roots that are gone.
    pub prune: bool,
    /// Largest whole-document file read, in bytes after decompression.
    pub max_file_size: u64,
    /// Tantivy writer memory budget in bytes.
    pub memory_budget: usize,
    /// Worker threads for reading, parsing and extraction (0 = one per core).
    pub threads: usize,
    /// Commit after this many new or changed articles.
    pub commit_every_docs: usize,
    /// Commit when this much time passed since the last commit.
    pub commit_every: Duration,
    /// Extract entities and quotes (always, from the command line). Off, articles are indexed
    /// with their text and metadata only: `examples/ingest_floor` measures what indexing
    /// alone costs that way.
    pub extract: bool,
    /// Limit on one record of a streamed dump (whole-document files keep `max_file_size`).
    pub max_record_size: u64,
    /// CSV/TSV columns chosen for article fields: `("title", "headline")`.
    pub csv_columns: Vec<(String, String)>,
    /// Set (by a Ctrl-C handler, say) to stop early: no new file or dump chunk is started,
    /// what was read is committed, and `--prune` is skipped.
    pub stop: Option<Arc<AtomicBool>>,
}

impl IngestOptions {
    /// The defaults of the command line for these roots and index.
    pub fn new(roots: Vec<PathBuf>, index_dir: PathBuf) -> IngestOptions {
        IngestOptions {
            roots,
            index_dir,
            prune: false,
            max_file_size: corpus::DEFAULT_MAX_FILE_SIZE,
            memory_budget: 128 * 1024 * 1024,
            threads: 0,
            commit_every_docs: 20_000,
            commit_every: Duration::from_secs(30),
            extract: true,
            max_record_size: DEFAULT_MAX_RECORD_SIZE,
            csv_columns: Vec::new(),
            stop: None,
        }
    }

    /// Whether the run was asked to stop early.
    pub fn stopped(&self) -> bool {
        self.stop
            .as_ref()
            .is_some_and(|s| s.load(Ordering::Relaxed))
    }
}

/// Parses `--csv-columns title=headline,body=story` into (field, column) pairs.
pub fn parse_csv_columns(spec: &str) -> Result<Vec<(String, String)>, String> {
    spec.split(',')
        .filter(|part| !part.trim().is_empty())
        .map(|part| match part.split_once('=') {
            Some((field, column)) if !field.trim().is_empty() && !column.trim().is_empty() => {
                Ok((field.trim().to_ascii_lowercase(), column.trim().to_string()))
            }
            _ => Err(format!(
                "--csv-columns: `{part}` is not FIELD=COLUMN (e.g. title=headline,body=story)"
            )),
        })
        .collect()
}

/// One file (or element) that could not be indexed.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FileError {
    /// The file (`path:line` for a record of a dump).
    pub path: String,
    /// What is wrong with it.
    pub reason: String,
}

/// What an ingest did. Counts are articles, except `failed`, which counts skipped files
/// and skipped elements of multi-article files.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IngestSummary {
    /// Articles new to the index.
    pub added: usize,
    /// Articles of changed files, replaced.
    pub updated: usize,
    /// Articles of files skipped as unchanged.
    pub unchanged: usize,
    /// Articles removed (`prune`, or gone from a changed file).
    pub removed: usize,
    /// Files, and elements or records of multi-article files, skipped with an error.
    pub failed: usize,
    /// Articles in the index after the run.
    pub documents: u64,
    /// What failed, one entry each.
    pub errors: Vec<FileError>,
    /// Files of types newsdex does not read, by extension (`".pdf": 12`).
    pub skipped: BTreeMap<String, usize>,
    /// Dump records that are not articles, by kind (`"warc request": 40`).
    pub skipped_records: BTreeMap<String, usize>,
    /// Wall time of the run.
    pub elapsed_seconds: f64,
}

/// Progress notifications for a front end (progress bar): files, bytes of the files' sizes
/// on disk, articles indexed.
pub enum Progress {
    /// The walk is done: this much is to be read.
    Start {
        /// Files found.
        files: u64,
        /// Their size on disk.
        bytes: u64,
    },
    /// This much more was read and indexed.
    Advance {
        /// Files finished.
        files: u64,
        /// Bytes read.
        bytes: u64,
        /// Articles indexed.
        articles: u64,
    },
    /// The run is over.
    Finish,
}

/// Errors that stop an ingest.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// A root given does not exist.
    #[error("{0}: no such file or folder")]
    MissingRoot(String),
    /// A write failed because the disk is full.
    #[error("the disk holding {index} is full: the index is intact up to its last commit ({articles} articles); free space and run ingest again")]
    DiskFull {
        /// The index folder.
        index: String,
        /// Articles in its last commit.
        articles: usize,
        /// The write error (not shown: the one line above is what users need).
        cause: IndexError,
    },
    /// The index could not be opened or written.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// Neither file-system events nor polling could watch the roots.
    #[error("cannot watch the folders for changes: {0}")]
    Watch(String),
}

/// Extracts entities and quotes from each article (unless extraction is off) and turns the
/// articles, with their ids, into the documents of `file`.
fn prepare_articles(
    index: &NewsIndex,
    extract_on: bool,
    file: &SourceFile,
    shown: &str,
    stamp: FileStamp,
    articles: &[(String, Article)],
) -> PreparedFile {
    let extractions: Vec<Extraction> = articles
        .iter()
        .map(|(_, a)| {
            if extract_on {
                // Reported speech is indexed too: `quotes --indirect` lists it.
                extract::extract_with(&a.title, &a.body, &INDEXED)
            } else {
                Extraction::default()
            }
        })
        .collect();
    let inputs: Vec<DocInput<'_>> = articles
        .iter()
        .zip(&extractions)
        .map(|((id, a), x)| DocInput {
            id: id.clone(),
            path: shown.to_string(),
            format: file.kind.format,
            article: a,
            extraction: x,
            fingerprint: fingerprint(&a.title, &a.body),
        })
        .collect();
    index.prepare(&file.key, stamp, &inputs)
}

/// What a worker sends back for one file.
enum Outcome {
    Unchanged {
        articles: usize,
    },
    Indexed {
        prepared: PreparedFile,
        errors: Vec<FileError>,
        existed: bool,
    },
    Failed {
        error: FileError,
    },
    Chunk(Box<dump::ChunkOutcome>),
}

/// Runs an ingest; `progress` is called from the calling thread only.
pub fn ingest(
    opts: &IngestOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<IngestSummary, IngestError> {
    let started = Instant::now();
    for root in &opts.roots {
        if !root.exists() {
            return Err(IngestError::MissingRoot(root.display().to_string()));
        }
    }
    let index = NewsIndex::open_or_create(&opts.index_dir)?;
    let mut writer = index.writer(opts.memory_budget, writer_threads())?;
    let stamps = index.file_stamps()?;
    let dumps = index.dump_states()?;
    let mut summary = IngestSummary::default();
    let (files, seen) = list_files(opts, &mut summary);
    let total_bytes = files.iter().map(|f| f.size).sum();
    let (todo, unchanged) = split_unchanged(files, &stamps, &dumps);
    summary.unchanged += unchanged
        .iter()
        .map(|(k, _)| stamps.get(k).map_or(0, |s| s.articles))
        .sum::<usize>();
    progress(Progress::Start {
        files: (todo.len() + unchanged.len()) as u64,
        bytes: total_bytes,
    });
    progress(Progress::Advance {
        files: unchanged.len() as u64,
        bytes: unchanged.iter().map(|(_, size)| size).sum(),
        articles: 0,
    });
    let shared = pipeline::Shared {
        opts,
        index: &index,
        stamps: &stamps,
        dumps: &dumps,
        budget: flow::Budget::new(IN_FLIGHT_BYTES),
    };
    let written =
        pipeline::run(&shared, todo, &mut writer, &mut summary, progress).and_then(|()| {
            if opts.prune && !opts.stopped() {
                prune(opts, &stamps, &seen, &mut writer, &mut summary);
            }
            writer.commit()?;
            writer.finish()?;
            Ok(())
        });
    if let Err(e) = written {
        return Err(disk::explain(&opts.index_dir, e));
    }
    summary
        .errors
        .sort_by(|a, b| a.path.cmp(&b.path).then(a.reason.cmp(&b.reason)));
    progress(Progress::Finish);
    summary.documents = crate::search::Archive::from_index(index)?.article_count();
    summary.elapsed_seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// Adds one outcome to the writer and the summary; returns the articles it added.
fn apply(
    outcome: Outcome,
    writer: &mut NewsWriter,
    summary: &mut IngestSummary,
) -> Result<usize, IngestError> {
    match outcome {
        Outcome::Unchanged { articles } => summary.unchanged += articles,
        Outcome::Failed { error } => {
            summary.failed += 1;
            summary.errors.push(error);
        }
        Outcome::Indexed {
            prepared,
            errors,
            existed,
        } => {
            let n = prepared.articles();
            *if existed {
                &mut summary.updated
            } else {
                &mut summary.added
            } += n;
            summary.failed += errors.len();
            summary.errors.extend(errors);
            // Files are listed once per run, so a file the last commit did not hold
            // has no documents to delete.
            if existed {
                writer.replace(prepared)?;
            } else {
                writer.add(prepared)?;
            }
            return Ok(n);
        }
        Outcome::Chunk(chunk) => return apply_chunk(*chunk, writer, summary),
    }
    Ok(0)
}

fn apply_chunk(
    chunk: dump::ChunkOutcome,
    writer: &mut NewsWriter,
    summary: &mut IngestSummary,
) -> Result<usize, IngestError> {
    let n = chunk.prepared.articles();
    if chunk.restart && chunk.seq == 0 {
        writer.delete_file(&chunk.file);
    }
    if chunk.restart {
        summary.updated += n;
    } else {
        summary.added += n;
    }
    summary.unchanged += chunk.kept;
    summary.failed += chunk.errors.len();
    summary.errors.extend(chunk.errors);
    for kind in chunk.skipped {
        *summary.skipped_records.entry(kind.to_string()).or_default() += 1;
    }
    writer.add(chunk.prepared)?;
    writer.set_dump_state(&chunk.file, chunk.state);
    Ok(n)
}

fn writer_threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .clamp(1, 4)
}

fn list_files(
    opts: &IngestOptions,
    summary: &mut IngestSummary,
) -> (Vec<SourceFile>, HashSet<String>) {
    let mut files = Vec::new();
    let mut seen = HashSet::new();
    corpus::walk(&opts.roots, Some(&opts.index_dir), |event| match event {
        WalkEvent::File(file) => {
            if seen.insert(file.key.clone()) {
                files.push(file);
            }
        }
        WalkEvent::Error { path, reason } => {
            summary.failed += 1;
            summary.errors.push(FileError { path, reason });
        }
        WalkEvent::Unread { extension } => *summary.skipped.entry(extension).or_default() += 1,
    });
    (files, seen)
}

/// Splits the listed files into those to read and those unchanged since the last commit
/// (key and size): whole files by their stamps, dumps read to the end by their dump state.
fn split_unchanged(
    files: Vec<SourceFile>,
    stamps: &HashMap<String, FileStamp>,
    dumps: &HashMap<String, DumpState>,
) -> (Vec<SourceFile>, Vec<(String, u64)>) {
    let mut todo = Vec::new();
    let mut unchanged = Vec::new();
    for file in files {
        let same = if file.kind.format.is_stream() {
            dumps
                .get(&file.key)
                .is_some_and(|d| d.complete && d.size == file.size && d.mtime == file.mtime)
        } else {
            stamps
                .get(&file.key)
                .is_some_and(|s| s.size == file.size && s.mtime == file.mtime)
        };
        if same {
            unchanged.push((file.key, file.size));
        } else {
            todo.push(file);
        }
    }
    (todo, unchanged)
}

/// Reads, fingerprints, parses and extracts one file.
fn process(
    opts: &IngestOptions,
    index: &NewsIndex,
    old: Option<&FileStamp>,
    file: &SourceFile,
) -> Outcome {
    let shown = file.path.display().to_string();
    let fail = |reason: String| Outcome::Failed {
        error: FileError {
            path: shown.clone(),
            reason,
        },
    };
    let bytes = match corpus::read(file, opts.max_file_size) {
        Ok(bytes) => bytes,
        Err(e) => return fail(e.to_string()),
    };
    let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
    if old.is_some_and(|s| s.hash == hash) {
        return Outcome::Unchanged {
            articles: old.map_or(0, |s| s.articles),
        };
    }
    let items = match article::parse(&bytes, file.kind.format) {
        Ok(items) => items,
        Err(e) => return fail(e.to_string()),
    };
    let mut errors = Vec::new();
    let mut articles = Vec::new();
    for item in items {
        match item.article {
            Ok(a) => articles.push((item.index, a)),
            Err(e) => errors.push(FileError {
                path: shown.clone(),
                reason: e.to_string(),
            }),
        }
    }
    let articles: Vec<(String, Article)> = articles
        .into_iter()
        .map(|(n, a)| (doc_id(&file.rel, file.kind.format, n), a))
        .collect();
    let stamp = FileStamp {
        size: file.size,
        mtime: file.mtime,
        hash,
        articles: articles.len(),
    };
    let prepared = prepare_articles(index, opts.extract, file, &shown, stamp, &articles);
    Outcome::Indexed {
        prepared,
        errors,
        existed: old.is_some(),
    }
}

/// Stable document id: `root/rel/path` for one-article formats, `#N` appended otherwise.
pub fn doc_id(rel: &str, format: Format, position: usize) -> String {
    match format {
        Format::Json
        | Format::JsonLines
        | Format::Feed
        | Format::Csv
        | Format::Tsv
        | Format::Warc => format!("{rel}#{position}"),
        Format::Text | Format::Markdown | Format::Html => rel.to_string(),
    }
}

/// Fingerprint of the normalised title and body: equal for exact duplicates. The hash is
/// of the words lowercased and each followed by one space (the title's, U+0001, the body's);
/// it is stored in the index, so the bytes hashed must not change.
pub fn fingerprint(title: &str, body: &str) -> String {
    let mut normal: Vec<u8> = Vec::with_capacity(title.len() + body.len() + 3);
    for word in title
        .split_whitespace()
        .chain(std::iter::once("\u{1}"))
        .chain(body.split_whitespace())
    {
        // ASCII words (nearly all) are lowercased byte by byte, without a String per word.
        if word.is_ascii() {
            normal.extend(word.bytes().map(|b| b.to_ascii_lowercase()));
        } else {
            normal.extend_from_slice(word.to_lowercase().as_bytes());
        }
        normal.push(b' ');
    }
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&normal))
}

fn prune(
    opts: &IngestOptions,
    stamps: &HashMap<String, FileStamp>,
    seen: &HashSet<String>,
    writer: &mut NewsWriter,
    summary: &mut IngestSummary,
) {
    let roots: Vec<PathBuf> = opts
        .roots
        .iter()
        .filter_map(|r| std::fs::canonicalize(r).ok())
        .collect();
    for (key, stamp) in stamps {
        let under_root = roots.iter().any(|r| Path::new(key).starts_with(r));
        if under_root && !seen.contains(key) {
            writer.delete_file(key);
            writer.forget_dump(key);
            summary.removed += stamp.articles;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_stay_those_stored_in_existing_indexes() {
        let cases = [
            (
                ("Budget passes", "The council voted.\n\nIt was late."),
                "b4a484514496a39f81f78a7c36f83511",
            ),
            (
                ("Zoë’s ÉCOLE", "Ärger\u{00A0}in  Köln — ÆSIR\tok"),
                "a84e2eea238b2a3cda8e5d00fb02f716",
            ),
        ];
        for ((title, body), want) in cases {
            assert_eq!(fingerprint(title, body), want, "{title}");
        }
    }

    #[test]
    fn fingerprint_ignores_case_and_spacing_but_not_words() {
        let a = fingerprint("Budget passes", "The council voted.\n\nIt was late.");
        assert_eq!(
            a,
            fingerprint("budget  passes", "The council voted. It was late.")
        );
        assert_ne!(
            a,
            fingerprint("Budget passes", "The council voted. It was early.")
        );
        assert_ne!(
            a,
            fingerprint("Budget", "passes The council voted. It was late.")
        );
    }

    #[test]
    fn ids_mark_positions_only_in_multi_article_formats() {
        assert_eq!(doc_id("news/a.txt", Format::Text, 0), "news/a.txt");
        assert_eq!(
            doc_id("news/a.jsonl", Format::JsonLines, 3),
            "news/a.jsonl#3"
        );
        assert_eq!(doc_id("news/f.rss", Format::Feed, 0), "news/f.rss#0");
    }
}
