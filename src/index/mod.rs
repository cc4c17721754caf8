//! The Tantivy index: opening and creating it, turning articles into documents, writing
//! them per file (delete + add, so re-ingest never duplicates), and reading back the file
//! stamps that make re-ingest incremental.
//!
//! Only this module and `search` import tantivy; only `schema` knows field names.

mod added;
mod analyzer;
mod document;
mod dumps;
mod merge;
pub mod names;
pub mod quickwit;
mod read;
pub mod schema;
pub mod stored;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tantivy::directory::error::LockError;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyError, Term};

pub(crate) use document::{dictionary_terms, ord_terms};
pub use document::{DocInput, FileStamp, PreparedFile};
pub use dumps::DumpState;
pub use read::{StoredArticle, StoredQuote};
pub use schema::Fields;

/// Most bytes of segment files one merge may produce, about what it maps (see `merge`):
/// 120,000 documents (articles and quotations) of real news text.
const MAX_MERGED_BYTES: u64 = 120_000_000;
/// Merges run one at a time (tantivy's default is four): each maps its sources whole, so
/// concurrent merges add up in resident memory, and on a few cores they only compete with
/// indexing for the same CPU.
const MERGE_THREADS: usize = 1;
/// zstd level of the document store (1: the fastest; see `store_settings`).
const STORE_ZSTD_LEVEL: i32 = 1;
/// Uncompressed bytes per document-store block.
const STORE_BLOCK_BYTES: usize = 65_536;

/// The file newsdex writes beside Tantivy's own to recognise its indexes.
const MARKER: &str = "newsdex.json";

/// What can go wrong opening or writing an index.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// No index in the folder.
    #[error("{dir}: no newsdex index here; run `newsdex ingest DIR --index {dir}` to build one")]
    Missing {
        /// The folder.
        dir: String,
    },
    /// The folder holds other files.
    #[error(
        "{dir}: this folder is not a newsdex index and is not empty; choose another --index folder"
    )]
    NotAnIndex {
        /// The folder.
        dir: String,
    },
    /// Written by a version with another schema.
    #[error(
        "{dir}: index was written by an incompatible newsdex (schema {found}, this version reads {expected}); \
         delete the folder and run `newsdex ingest` again to rebuild it"
    )]
    Incompatible {
        /// The folder.
        dir: String,
        /// The schema version found.
        found: u32,
        /// The version this build reads.
        expected: u32,
    },
    /// Another writer holds the lock.
    #[error("{dir}: another newsdex ingest is writing to this index right now; wait for it to finish and try again")]
    Locked {
        /// The folder.
        dir: String,
    },
    /// Reading or writing a file of the index failed.
    #[error("{dir}")]
    Io {
        /// The folder.
        dir: String,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// The engine failed.
    #[error("index {dir}")]
    Tantivy {
        /// The folder.
        dir: String,
        /// The engine's error.
        #[source]
        source: TantivyError,
    },
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Marker {
    format: String,
    schema_version: u32,
}

/// An opened newsdex index.
pub struct NewsIndex {
    index: Index,
    fields: Fields,
    dir: PathBuf,
    /// The archive's name table, read on first use (see `names`).
    names: names::TableCache,
}

impl NewsIndex {
    /// Opens the index in `dir`, creating it (and the folder) when there is none yet.
    pub fn open_or_create(dir: &Path) -> Result<NewsIndex, IndexError> {
        let display = dir.display().to_string();
        if dir.join(MARKER).exists() {
            return NewsIndex::open(dir);
        }
        if dir.exists() {
            let mut entries = std::fs::read_dir(dir).map_err(|e| io_err(&display, e))?;
            if entries.next().is_some() {
                return Err(IndexError::NotAnIndex { dir: display });
            }
        }
        std::fs::create_dir_all(dir).map_err(|e| io_err(&display, e))?;
        let (schema, fields) = schema::build();
        let index = Index::builder()
            .schema(schema)
            .settings(store_settings())
            .create_in_dir(dir)
            .map_err(|e| tantivy_err(&display, e))?;
        let marker = Marker {
            format: "newsdex-index".into(),
            schema_version: schema::SCHEMA_VERSION,
        };
        let json = serde_json::to_vec_pretty(&marker).map_err(|e| IndexError::Io {
            dir: display.clone(),
            source: e.into(),
        })?;
        std::fs::write(dir.join(MARKER), json).map_err(|e| io_err(&display, e))?;
        analyzer::register(&index);
        Ok(NewsIndex {
            index,
            fields,
            dir: dir.to_path_buf(),
            names: names::TableCache::default(),
        })
    }

    /// Opens an existing index, checking that this version can read it.
    pub fn open(dir: &Path) -> Result<NewsIndex, IndexError> {
        let display = dir.display().to_string();
        let marker_path = dir.join(MARKER);
        let bytes = match std::fs::read(&marker_path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let non_empty = std::fs::read_dir(dir)
                    .map(|mut d| d.next().is_some())
                    .unwrap_or(false);
                return Err(if non_empty {
                    IndexError::NotAnIndex { dir: display }
                } else {
                    IndexError::Missing { dir: display }
                });
            }
            Err(e) => return Err(io_err(&display, e)),
        };
        let marker: Marker =
            serde_json::from_slice(&bytes).map_err(|_| IndexError::NotAnIndex {
                dir: display.clone(),
            })?;
        if marker.format != "newsdex-index" {
            return Err(IndexError::NotAnIndex { dir: display });
        }
        if marker.schema_version != schema::SCHEMA_VERSION {
            return Err(IndexError::Incompatible {
                dir: display,
                found: marker.schema_version,
                expected: schema::SCHEMA_VERSION,
            });
        }
        let index = Index::open_in_dir(dir).map_err(|e| tantivy_err(&display, e))?;
        let (expected_schema, fields) = schema::build();
        if index.schema() != expected_schema {
            return Err(IndexError::Incompatible {
                dir: display,
                found: marker.schema_version,
                expected: schema::SCHEMA_VERSION,
            });
        }
        analyzer::register(&index);
        Ok(NewsIndex {
            index,
            fields,
            dir: dir.to_path_buf(),
            names: names::TableCache::default(),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub(crate) fn tantivy(&self) -> &Index {
        &self.index
    }

    pub(crate) fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The archive-level name table as last committed (empty when there is none).
    pub fn names(&self) -> std::sync::Arc<names::NameTable> {
        self.names.get(&self.dir)
    }

    /// A reader that sees the last commit (reloaded by `reload`).
    pub(crate) fn reader(&self) -> Result<IndexReader, IndexError> {
        self.index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| tantivy_err(&self.display(), e))
    }

    /// A searcher of the last commit, or none when it holds no document.
    fn snapshot(&self) -> Result<Option<tantivy::Searcher>, IndexError> {
        let searcher = self.reader()?.searcher();
        Ok((searcher.num_docs() > 0).then_some(searcher))
    }

    fn display(&self) -> String {
        self.dir.display().to_string()
    }

    /// Reads back the article document at `address` of a searcher of this index.
    pub(crate) fn read_article(
        &self,
        searcher: &tantivy::Searcher,
        address: tantivy::DocAddress,
    ) -> Result<StoredArticle, IndexError> {
        read::article(searcher, &self.fields, address, &self.display())
    }

    /// Reads back the quotation document at `address` of a searcher of this index.
    pub(crate) fn read_quote(
        &self,
        searcher: &tantivy::Searcher,
        address: tantivy::DocAddress,
    ) -> Result<StoredQuote, IndexError> {
        read::quote(searcher, &self.fields, address, &self.display())
    }

    /// Takes the single writer lock; fails at once if another ingest holds it.
    pub fn writer(&self, memory_budget: usize, threads: usize) -> Result<NewsWriter, IndexError> {
        let writer = self
            .index
            .writer_with_options(
                tantivy::indexer::IndexWriterOptions::builder()
                    .num_worker_threads(threads.max(1))
                    .memory_budget_per_thread(memory_budget / threads.max(1))
                    .num_merge_threads(MERGE_THREADS)
                    .build(),
            )
            .map_err(|e| match e {
                TantivyError::LockFailure(LockError::LockBusy, _) => IndexError::Locked {
                    dir: self.display(),
                },
                other => tantivy_err(&self.display(), other),
            })?;
        writer.set_merge_policy(Box::new(merge::BoundedMergePolicy::new(
            self.dir.clone(),
            MAX_MERGED_BYTES,
        )));
        let before = self.snapshot()?;
        let opstamp = self
            .index
            .load_metas()
            .map_err(|e| tantivy_err(&self.display(), e))?
            .opstamp;
        let names = names::Tracker::open(&self.dir, opstamp, before.as_ref(), &self.fields)?;
        Ok(NewsWriter {
            writer,
            before,
            names,
            fields: self.fields,
            dir: self.display(),
            dumps: self.dump_states()?.into_iter().collect(),
            next_added: added::resume_after(self, self.recorded_added()?)?,
        })
    }

    /// Turns one file's articles into documents; cheap and thread-safe, so ingest workers
    /// call it in parallel.
    pub fn prepare(&self, file: &str, stamp: FileStamp, inputs: &[DocInput<'_>]) -> PreparedFile {
        document::prepare(&self.fields, file, stamp, inputs)
    }

    /// The stamps (size, mtime, hash) of every file in the last commit, keyed by file.
    pub fn file_stamps(&self) -> Result<HashMap<String, FileStamp>, IndexError> {
        let reader = self.reader()?;
        document::read_file_stamps(&reader.searcher()).map_err(|e| tantivy_err(&self.display(), e))
    }
}

/// The one writer of an index; dropping it without `commit` discards pending changes.
pub struct NewsWriter {
    writer: IndexWriter,
    /// The index as it was when this writer opened (none when it was empty), for the
    /// numbers of what a replaced or moved file held. Never reloaded: a searcher that
    /// followed the commits would keep every segment a merge reads mapped, and the pages
    /// the merge touched resident, until the next commit (it doubled an ingest's peak).
    before: Option<tantivy::Searcher>,
    /// The archive's name counts, changed with every add and delete (see `names`).
    names: names::Tracker,
    fields: Fields,
    dir: String,
    /// Dump states written with every commit (see `dumps`).
    dumps: std::collections::BTreeMap<String, DumpState>,
    /// The last `added` number handed out (see `added`).
    next_added: u64,
}

impl NewsWriter {
    /// Replaces every document of the file with the prepared ones.
    pub fn replace(&mut self, mut prepared: PreparedFile) -> Result<(), IndexError> {
        self.number_replacing(&mut prepared)?;
        self.delete_file(&prepared.file);
        self.add_numbered(prepared)
    }

    /// Adds the documents of a file the index does not hold yet: unlike [`replace`], nothing
    /// joins the delete queue, whose every entry tantivy looks up in each new segment.
    ///
    /// [`replace`]: NewsWriter::replace
    pub fn add(&mut self, mut prepared: PreparedFile) -> Result<(), IndexError> {
        self.number_new(&mut prepared)?;
        self.add_numbered(prepared)
    }

    fn add_numbered(&mut self, prepared: PreparedFile) -> Result<(), IndexError> {
        self.names.added(&prepared.file, &prepared.names);
        for doc in prepared.docs {
            self.writer
                .add_document(doc)
                .map_err(|e| tantivy_err(&self.dir, e))?;
        }
        Ok(())
    }

    /// Removes every document (articles and quotes) that came from `file`.
    pub fn delete_file(&mut self, file: &str) {
        self.names.deleted(file, self.before.as_ref(), &self.fields);
        self.writer
            .delete_term(Term::from_field_text(self.fields.file, file));
    }

    /// Makes all changes so far durable and visible to readers, with the dump states.
    pub fn commit(&mut self) -> Result<(), IndexError> {
        let payload = self.payload();
        let mut prepared = self
            .writer
            .prepare_commit()
            .map_err(|e| tantivy_err(&self.dir, e))?;
        prepared.set_payload(&payload);
        let opstamp = prepared.opstamp();
        if !self.names.is_stale() {
            self.names.save(opstamp)?;
        }
        prepared.commit().map_err(|e| tantivy_err(&self.dir, e))?;
        if self.names.is_stale() {
            self.rebuild_names(opstamp)?;
        }
        Ok(())
    }

    /// Recounts the name table from the index just committed (after a change the counts
    /// could not follow), and writes it for `opstamp`.
    fn rebuild_names(&mut self, opstamp: u64) -> Result<(), IndexError> {
        let reader = self
            .writer
            .index()
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| tantivy_err(&self.dir, e))?;
        let counts = names::NameCounts::rebuild(&reader.searcher(), &self.fields, &self.dir)?;
        self.names.reset(counts);
        self.names.save(opstamp)
    }

    /// Waits for merges to finish and releases the lock.
    pub fn finish(self) -> Result<(), IndexError> {
        self.names.publish()?;
        let dir = self.dir.clone();
        self.writer
            .wait_merging_threads()
            .map_err(|e| tantivy_err(&dir, e))
    }
}

/// How a new index stores documents: zstd (level 1) in 64 KB blocks. Stored bodies and
/// extractions are most of an index; against tantivy's default (lz4, 16 KB blocks) this
/// makes the store about half as large, and with it the pages a merge maps and copies, which
/// were the peak of an ingest's resident memory. Indexes made with lz4 stay readable.
fn store_settings() -> tantivy::IndexSettings {
    tantivy::IndexSettings {
        docstore_compression: tantivy::store::Compressor::Zstd(tantivy::store::ZstdCompressor {
            compression_level: Some(STORE_ZSTD_LEVEL),
        }),
        docstore_blocksize: STORE_BLOCK_BYTES,
        ..Default::default()
    }
}

fn io_err(dir: &str, e: std::io::Error) -> IndexError {
    IndexError::Io {
        dir: dir.to_string(),
        source: e,
    }
}

/// Offset that makes dates since the year 881 positive in an [`order_key`].
const ORDER_EPOCH: i64 = 1 << 35;
/// Bits of an [`order_key`] that hold the `added` number.
const ORDER_ADDED_BITS: u32 = 28;

/// The order of documents with equal scores, the same on every engine: newest first, and
/// at equal dates (or none) the most recently added first. One u64 (date seconds above,
/// the low 28 bits of the `added` number below), so Quickwit can sort on it as its second
/// key after the score. Undated documents come last.
pub fn order_key(date_secs: Option<i64>, added: u64) -> u64 {
    let date = date_secs.map_or(0, |d| (d + ORDER_EPOCH).clamp(1, (1 << 36) - 1) as u64);
    (date << ORDER_ADDED_BITS) | (added & ((1 << ORDER_ADDED_BITS) - 1))
}

pub(crate) fn tantivy_err(dir: &str, e: TantivyError) -> IndexError {
    IndexError::Tantivy {
        dir: dir.to_string(),
        source: e,
    }
}

#[cfg(test)]
mod order_tests {
    use super::order_key;

    #[test]
    fn ties_order_newest_first_then_most_recently_added_undated_last() {
        let march = Some(1_709_596_800);
        let april = Some(1_712_275_200);
        assert!(order_key(april, 1) > order_key(march, 9));
        assert!(order_key(march, 9) > order_key(march, 8));
        assert!(order_key(Some(-2_000_000_000), 0) > order_key(None, 1_000));
        assert!(order_key(None, 2) > order_key(None, 1));
    }
}
