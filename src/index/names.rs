//! Names across the archive: a small table of how the whole archive names its entities,
//! kept beside the index and current at every commit, so that `search` can merge what one
//! article cannot decide (see docs/NAMES.md, "Names across the archive").
//!
//! The table has two files in the index folder, each replaced atomically (written to a
//! temporary file, synced, renamed) and ended by a checksum line:
//!
//! - `names.counts`, the writer's state: for every canonical spelling the number of live
//!   articles naming it as a person, an organisation and a place, and for every acronym an
//!   article defined ("NATO" for "North Atlantic Treaty Organization") the number of
//!   articles defining it so. Counts are additive, so a commit adds the rows of the articles
//!   it adds and subtracts those of the articles it deletes: its cost follows the batch, not
//!   the archive (plus rewriting the file).
//! - `names.entities`, what queries read: only the entities that archive-level rules merge
//!   or re-kind (`resolve`), each with its member spellings; small whatever the archive.
//!   Resolving reads every row, so it runs once per writer, when it finishes (the end of
//!   an ingest run or of a `--watch` pass), not at every intermediate commit.
//!
//! Both record the opstamp of the commit they describe. A writer that finds the counts
//! missing, damaged or of another commit (a crash between the two writes) rebuilds them
//! from the stored entity fields of the index (no re-extraction). Readers use whatever
//! valid `names.entities` there is, and nothing when there is none.

mod file;
pub mod resolve;
mod table;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, Searcher, Term, TERMINATED};

use super::read::StoredArticle;
use super::schema::Fields;
use super::{tantivy_err, IndexError};
use crate::extract::{EntityKind, Extraction};

pub use table::NameTable;
pub(crate) use table::TableCache;

/// The writer's counts file, in the index folder.
pub const COUNTS_FILE: &str = "names.counts";
/// The readers' entities file, in the index folder.
pub const ENTITIES_FILE: &str = "names.entities";

/// Position of a kind in a count triple.
fn slot(kind: EntityKind) -> usize {
    match kind {
        EntityKind::Person => 0,
        EntityKind::Org => 1,
        EntityKind::Place => 2,
    }
}

/// What one article contributes to the table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleNames {
    /// Each distinct canonical name with its kind, as the entity fields hold them.
    pub names: Vec<(EntityKind, String)>,
    /// Each distinct (acronym as written, the organisation it stands for in the article).
    pub acronyms: Vec<(String, String)>,
}

impl ArticleNames {
    /// The contribution of a fresh extraction (what `document` indexes for it).
    pub fn from_extraction(extraction: &Extraction) -> ArticleNames {
        let names = extraction
            .entities
            .iter()
            .map(|e| (e.kind, e.canonical.as_str()))
            .chain(
                extraction
                    .title_entities
                    .iter()
                    .map(|(k, n)| (*k, n.as_str())),
            );
        let acronyms = extraction
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Org)
            .map(|e| (e.text.as_str(), e.canonical.as_str()));
        ArticleNames::collect(names, acronyms)
    }

    /// The contribution of an indexed article, from its stored fields.
    pub fn from_stored(article: &StoredArticle) -> ArticleNames {
        let kinds = [
            (EntityKind::Person, &article.persons),
            (EntityKind::Org, &article.orgs),
            (EntityKind::Place, &article.places),
        ];
        let names = kinds
            .into_iter()
            .flat_map(|(k, names)| names.iter().map(move |n| (k, n.as_str())));
        let entities = article.entities();
        let acronyms = entities
            .iter()
            .filter(|e| e.kind == EntityKind::Org)
            .map(|e| (e.text.as_str(), e.canonical.as_str()));
        ArticleNames::collect(names, acronyms)
    }

    fn collect<'a>(
        names: impl Iterator<Item = (EntityKind, &'a str)>,
        mentions: impl Iterator<Item = (&'a str, &'a str)>,
    ) -> ArticleNames {
        let mut names: Vec<(EntityKind, String)> = names
            .filter(|(_, n)| !n.trim().is_empty())
            .map(|(k, n)| (k, n.to_string()))
            .collect();
        names.sort();
        names.dedup();
        let mut acronyms: Vec<(String, String)> = mentions
            .filter(|(text, canonical)| {
                is_acronym(text) && text != canonical && !canonical.trim().is_empty()
            })
            .map(|(t, c)| (t.to_string(), c.to_string()))
            .collect();
        acronyms.sort();
        acronyms.dedup();
        ArticleNames { names, acronyms }
    }
}

/// 2–8 capital letters, with or without periods ("ICC", "U.N.").
pub fn is_acronym(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| *c != '.').collect();
    (2..=8).contains(&letters.len()) && letters.iter().all(|c| c.is_uppercase())
}

/// Article counts of every spelling and acronym definition in the archive.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameCounts {
    /// Spelling → articles naming it as a person, an organisation, a place.
    pub names: HashMap<String, [u32; 3]>,
    /// (acronym, full name) → articles where the acronym stood for the full name.
    pub acronyms: HashMap<(String, String), u32>,
}

impl NameCounts {
    /// Adds (`add`) or removes one article's rows; a count never goes below zero, and rows
    /// that reach zero are dropped.
    pub fn apply(&mut self, article: &ArticleNames, add: bool) {
        for (kind, name) in &article.names {
            let row = self.names.entry(name.clone()).or_default();
            let n = &mut row[slot(*kind)];
            *n = if add {
                n.saturating_add(1)
            } else {
                n.saturating_sub(1)
            };
            if *row == [0; 3] {
                self.names.remove(name);
            }
        }
        for pair in &article.acronyms {
            let n = self.acronyms.entry(pair.clone()).or_default();
            *n = if add {
                n.saturating_add(1)
            } else {
                n.saturating_sub(1)
            };
            if *n == 0 {
                self.acronyms.remove(pair);
            }
        }
    }

    /// The counts of every live article a searcher sees, from the stored entity fields.
    pub fn rebuild(searcher: &Searcher, fields: &Fields, dir: &str) -> Result<Self, IndexError> {
        let mut counts = NameCounts::default();
        let err = |e| tantivy_err(dir, e);
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let Some((kinds, article)) =
                super::document::article_kind_ord(segment.fast_fields()).map_err(err)?
            else {
                continue;
            };
            for doc in segment.doc_ids_alive() {
                if kinds.term_ords(doc).next() != Some(article) {
                    continue;
                }
                let address = DocAddress::new(ord as u32, doc);
                let stored = super::read::article(searcher, fields, address, dir)?;
                counts.apply(&ArticleNames::from_stored(&stored), true);
            }
        }
        Ok(counts)
    }
}

/// The table's side of the one writer: the counts, changed as articles come and go, and
/// written with every commit.
pub(crate) struct Tracker {
    dir: PathBuf,
    counts: NameCounts,
    /// Files added since this writer opened: deleting one again (which ingest never does)
    /// marks the counts for a rebuild after the commit instead of guessing.
    added_files: HashSet<String>,
    /// Files whose committed articles were subtracted already.
    deleted_files: HashSet<String>,
    stale: bool,
    /// The opstamp of the last commit whose counts were written.
    committed: Option<u64>,
}

impl Tracker {
    /// The counts of the index as `before` sees it (opstamp `opstamp`): read from the file
    /// when it describes that commit, otherwise rebuilt from the index.
    pub(crate) fn open(
        dir: &Path,
        opstamp: u64,
        before: Option<&Searcher>,
        fields: &Fields,
    ) -> Result<Tracker, IndexError> {
        let display = dir.display().to_string();
        let counts = match (file::read_counts(dir), before) {
            (Ok((stamp, counts)), _) if stamp == opstamp => counts,
            (_, None) => NameCounts::default(),
            (_, Some(searcher)) => NameCounts::rebuild(searcher, fields, &display)?,
        };
        Ok(Tracker {
            dir: dir.to_path_buf(),
            counts,
            added_files: HashSet::new(),
            deleted_files: HashSet::new(),
            stale: false,
            committed: None,
        })
    }

    /// Counts the articles of a file being added.
    pub(crate) fn added(&mut self, file: &str, articles: &[ArticleNames]) {
        self.added_files.insert(file.to_string());
        for article in articles {
            self.counts.apply(article, true);
        }
    }

    /// Uncounts the committed articles of a file being deleted (read from `before`, the
    /// index as the writer opened it). If they cannot be read, the counts are rebuilt from
    /// the index after the commit instead.
    pub(crate) fn deleted(&mut self, file: &str, before: Option<&Searcher>, fields: &Fields) {
        if self.added_files.contains(file) {
            self.stale = true;
        }
        let Some(searcher) = before else {
            return;
        };
        if self.stale || !self.deleted_files.insert(file.to_string()) {
            return;
        }
        if self.uncount(file, searcher, fields).is_err() {
            self.stale = true;
        }
    }

    fn uncount(
        &mut self,
        file: &str,
        searcher: &Searcher,
        fields: &Fields,
    ) -> Result<(), IndexError> {
        let dir = self.dir.display().to_string();
        let mut gone = Vec::new();
        for address in file_articles(searcher, fields, file, &dir)? {
            let stored = super::read::article(searcher, fields, address, &dir)?;
            gone.push(ArticleNames::from_stored(&stored));
        }
        for article in &gone {
            self.counts.apply(article, false);
        }
        Ok(())
    }

    /// Whether the counts must be rebuilt from the index after the commit.
    pub(crate) fn is_stale(&self) -> bool {
        self.stale
    }

    /// Replaces the counts (after a rebuild) and clears the stale mark.
    pub(crate) fn reset(&mut self, counts: NameCounts) {
        self.counts = counts;
        self.stale = false;
        self.added_files.clear();
    }

    /// Writes the counts for the commit numbered `opstamp` (at every commit, so that a
    /// crash never costs a rebuild).
    pub(crate) fn save(&mut self, opstamp: u64) -> Result<(), IndexError> {
        file::write_counts(&self.dir, opstamp, &self.counts).map_err(|e| self.io(e))?;
        self.committed = Some(opstamp);
        Ok(())
    }

    /// Resolves the entities of the last commit and writes them for readers (once, when
    /// the writer finishes: resolving reads every row, and readers can wait for the end of
    /// a run).
    pub(crate) fn publish(&self) -> Result<(), IndexError> {
        let Some(opstamp) = self.committed else {
            return Ok(());
        };
        let entities = resolve::resolve(&self.counts);
        file::write_entities(&self.dir, opstamp, &entities).map_err(|e| self.io(e))
    }

    fn io(&self, e: std::io::Error) -> IndexError {
        super::io_err(&self.dir.display().to_string(), e)
    }
}

/// The live article documents of `file` in a searcher.
fn file_articles(
    searcher: &Searcher,
    fields: &Fields,
    file: &str,
    dir: &str,
) -> Result<Vec<DocAddress>, IndexError> {
    let term = Term::from_field_text(fields.file, file);
    let err = |e| tantivy_err(dir, e);
    let mut out = Vec::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let Some((kinds, article)) =
            super::document::article_kind_ord(segment.fast_fields()).map_err(err)?
        else {
            continue;
        };
        let inverted = segment.inverted_index(fields.file).map_err(err)?;
        let Some(mut postings) = inverted
            .read_postings(&term, IndexRecordOption::Basic)
            .map_err(|e| err(e.into()))?
        else {
            continue;
        };
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if !segment.is_deleted(doc) && kinds.term_ords(doc).next() == Some(article) {
                out.push(DocAddress::new(ord as u32, doc));
            }
            doc = postings.advance();
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
