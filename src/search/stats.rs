//! Index statistics: documents, size on disk, date range, files by format.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use super::{format_date, Archive, SearchError};
use crate::index::dictionary_terms;
use crate::index::schema::columns;

/// What `newsdex stats` reports.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    /// The index folder.
    pub index: String,
    /// Articles in the index.
    pub documents: u64,
    /// Quotations (in marks) in the index.
    pub quotes: u64,
    /// Statements of reported speech in the index.
    pub reported: u64,
    /// Files the articles came from.
    pub files: u64,
    /// Size of the index folder's files.
    pub size_bytes: u64,
    /// Earliest article date.
    pub earliest: Option<String>,
    /// Latest article date.
    pub latest: Option<String>,
    /// Number of files per format.
    pub formats: BTreeMap<String, u64>,
}

pub(super) fn stats(archive: &Archive) -> Result<Stats, SearchError> {
    let searcher = archive.searcher();
    let mut files: HashSet<String> = HashSet::new();
    let mut formats: BTreeMap<String, u64> = BTreeMap::new();
    let (mut earliest, mut latest) = (i64::MAX, i64::MIN);
    let io = SearchError::Io;
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let (Some(file_col), Some(format_col)) =
            (fast.str(columns::FILE)?, fast.str(columns::FORMAT)?)
        else {
            continue;
        };
        let file_names = dictionary_terms(&file_col).map_err(io)?;
        let format_names = dictionary_terms(&format_col).map_err(io)?;
        let dates = fast.date(columns::DATE)?;
        for doc in segment.doc_ids_alive() {
            let Some(format_ord) = format_col.term_ords(doc).next() else {
                continue;
            };
            if let Some(d) = dates.first(doc) {
                let secs = d.into_timestamp_secs();
                earliest = earliest.min(secs);
                latest = latest.max(secs);
            }
            let file = file_col
                .term_ords(doc)
                .next()
                .and_then(|o| file_names.get(o as usize));
            let format = format_names.get(format_ord as usize);
            if let (Some(file), Some(format)) = (file, format) {
                if files.insert(file.clone()) {
                    *formats.entry(format.clone()).or_default() += 1;
                }
            }
        }
    }
    let dir = archive.index.dir();
    let day = |secs: i64| chrono::DateTime::from_timestamp(secs, 0).map(format_date);
    Ok(Stats {
        index: dir.display().to_string(),
        documents: archive.article_count(),
        quotes: archive.count_kind(crate::index::schema::KIND_QUOTE),
        reported: archive.count_kind(crate::index::schema::KIND_REPORTED),
        files: files.len() as u64,
        size_bytes: dir_size(dir),
        earliest: (earliest != i64::MAX).then(|| day(earliest)).flatten(),
        latest: (latest != i64::MIN).then(|| day(latest)).flatten(),
        formats,
    })
}

fn dir_size(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}
