//! Export: every match of a request, with no cap, handed row by row to a sink as it is read.
//!
//! Matching documents are visited segment by segment in index order (document order within
//! each segment, the segments in the searcher's order) by walking the query's scorer, and
//! each stored document is read, turned into a row and written before the next is read, so
//! memory stays constant however many documents match. Entity rows are the exception that
//! must aggregate: they are counted from the fast columns (no stored-document reads) into a
//! map bounded by the number of distinct entities, then written most articles first.

use std::io;

use serde::Serialize;
use tantivy::query::{EnableScoring, Query, Scorer};
use tantivy::{DocAddress, DocId, DocSet, Searcher, SegmentReader, TERMINATED};

use super::query::{combine, QueryBuilder};
use super::request::{ExportKind, ExportRequest};
use super::{format_date, Archive, SearchError};
use crate::extract::{EntityKind, QuoteKind};
use crate::index::schema::KIND_ARTICLE;
use crate::index::StoredArticle;

/// One exported article.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ArticleRow {
    /// Stable article id.
    pub id: String,
    /// The path shown to users.
    pub path: String,
    /// Headline.
    pub title: String,
    /// `YYYY-MM-DD`, RFC 3339 with a time, or null.
    pub date: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// Publisher.
    pub source: Option<String>,
    /// Address of the original.
    pub url: Option<String>,
    /// Canonical people, most mentioned first.
    pub people: Vec<String>,
    /// Canonical organisations, most mentioned first.
    pub organisations: Vec<String>,
    /// Canonical places, most mentioned first.
    pub places: Vec<String>,
    /// The whole text, when asked for (absent from JSON otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

/// One exported quotation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteRow {
    /// The words quoted, without their marks.
    pub text: String,
    /// Direct quotation or reported speech (exported when asked for: `--indirect`).
    pub kind: QuoteKind,
    /// Canonical name of the speaker, or null when unattributed.
    pub speaker: Option<String>,
    /// The reporting verb.
    pub cue: Option<String>,
    /// The article's id.
    pub article_id: String,
    /// The article's headline.
    pub article_title: String,
    /// The article's date.
    pub article_date: Option<String>,
}

/// One exported entity, aggregated over the matching articles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityRow {
    /// The spelling most articles use.
    pub name: String,
    /// `person`, `org` or `place`.
    pub kind: EntityKind,
    /// The other spellings merged into it (equal match keys, a person's lone surname).
    pub aliases: Vec<String>,
    /// Matching articles that name it.
    pub articles: u64,
    /// Date of the earliest dated matching article naming it.
    pub first_date: Option<String>,
    /// Date of the latest dated matching article naming it.
    pub last_date: Option<String>,
}

/// Where export rows go (a CSV or JSON Lines writer in `render`). A failed write stops the
/// export and keeps its `io::ErrorKind`, so a closed pipe is still `BrokenPipe`.
pub trait ExportSink {
    /// Writes one article.
    fn article(&mut self, row: &ArticleRow) -> io::Result<()>;
    /// Writes one quotation.
    fn quote(&mut self, row: &QuoteRow) -> io::Result<()>;
    /// Writes one entity.
    fn entity(&mut self, row: &EntityRow) -> io::Result<()>;
}

/// Why an export stopped.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The request was refused or the index could not be read.
    #[error(transparent)]
    Search(#[from] SearchError),
    /// The sink refused a row (a full disk, a closed pipe).
    #[error("cannot write the export")]
    Write(#[source] io::Error),
}

impl From<tantivy::TantivyError> for ExportError {
    fn from(e: tantivy::TantivyError) -> ExportError {
        ExportError::Search(e.into())
    }
}

impl From<crate::index::IndexError> for ExportError {
    fn from(e: crate::index::IndexError) -> ExportError {
        ExportError::Search(e.into())
    }
}

/// Runs a validated export; returns the number of rows written.
pub(super) fn export(
    archive: &Archive,
    req: &ExportRequest,
    sink: &mut dyn ExportSink,
) -> Result<u64, ExportError> {
    match req.what {
        ExportKind::Articles => articles(archive, req, sink),
        ExportKind::Quotes => quotes(archive, req, sink),
        ExportKind::Entities => {
            let query = article_query(archive, req)?;
            let rows = super::export_entities::entities(
                &archive.searcher(),
                &*query,
                &archive.index.names(),
            )?;
            for row in &rows {
                sink.entity(row).map_err(ExportError::Write)?;
            }
            Ok(rows.len() as u64)
        }
    }
}

fn articles(
    archive: &Archive,
    req: &ExportRequest,
    sink: &mut dyn ExportSink,
) -> Result<u64, ExportError> {
    let query = article_query(archive, req)?;
    let searcher = archive.searcher();
    let mut rows = 0;
    for_each_match(&searcher, &*query, |segment, _, docs| {
        for doc in docs {
            let address = DocAddress::new(segment, doc);
            let article = archive.index.read_article(&searcher, address)?;
            sink.article(&article_row(article, req.body))
                .map_err(ExportError::Write)?;
            rows += 1;
        }
        Ok(())
    })?;
    Ok(rows)
}

fn quotes(
    archive: &Archive,
    req: &ExportRequest,
    sink: &mut dyn ExportSink,
) -> Result<u64, ExportError> {
    let query = quote_query(archive, req)?;
    let searcher = archive.searcher();
    let mut rows = 0;
    for_each_match(&searcher, &*query, |segment, _, docs| {
        for doc in docs {
            let address = DocAddress::new(segment, doc);
            let q = archive.index.read_quote(&searcher, address)?;
            let row = QuoteRow {
                text: q.text,
                kind: if q.reported {
                    QuoteKind::Indirect
                } else {
                    QuoteKind::Direct
                },
                speaker: q.speaker,
                cue: q.cue,
                article_id: q.article_id,
                article_title: q.title,
                article_date: q.date.map(format_date),
            };
            sink.quote(&row).map_err(ExportError::Write)?;
            rows += 1;
        }
        Ok(())
    })?;
    Ok(rows)
}

/// Articles matching the query and filters, as `query` finds them.
pub(super) fn article_query(
    archive: &Archive,
    req: &ExportRequest,
) -> Result<Box<dyn Query>, SearchError> {
    let fields = archive.index.fields();
    let qb = QueryBuilder::new(&archive.index, &[fields.title, fields.body]);
    let scored = qb.parse_optional(req.text())?;
    let mut filters = vec![qb.kind(KIND_ARTICLE)];
    filters.extend(qb.filters(&req.filters)?);
    Ok(combine(scored, filters))
}

/// Quotations matching the words and filters, as `quotes` finds them.
/// Checks a validated request's query compiles, before any row is written.
pub(super) fn check(archive: &Archive, req: &ExportRequest) -> Result<(), SearchError> {
    match req.what {
        ExportKind::Quotes => quote_query(archive, req).map(drop),
        ExportKind::Articles | ExportKind::Entities => article_query(archive, req).map(drop),
    }
}

fn quote_query(archive: &Archive, req: &ExportRequest) -> Result<Box<dyn Query>, SearchError> {
    let fields = archive.index.fields();
    let qb = QueryBuilder::new(&archive.index, &[fields.quote]);
    let scored = qb.parse_optional(req.text())?;
    let mut filters = vec![super::quotes::kinds_query(&qb, req.kinds)];
    filters.extend(qb.filters(&req.filters)?);
    Ok(combine(scored, filters))
}

fn article_row(a: StoredArticle, body: bool) -> ArticleRow {
    ArticleRow {
        id: a.id,
        path: a.path,
        title: a.title,
        date: a.date.map(format_date),
        author: a.author,
        source: a.source,
        url: a.url,
        people: a.persons,
        organisations: a.orgs,
        places: a.places,
        body: body.then_some(a.body),
    }
}

/// Calls `visit` once per segment with the segment's live matching documents, in document
/// order. Scoring is disabled: only the set of matches is walked.
pub(super) fn for_each_match(
    searcher: &Searcher,
    query: &dyn Query,
    mut visit: impl FnMut(u32, &SegmentReader, &mut Matches<'_>) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let mut matches = Matches {
            scorer: weight.scorer(reader, 1.0)?,
            alive: reader.alive_bitset(),
            started: false,
        };
        let segment = u32::try_from(ord).unwrap_or(u32::MAX);
        visit(segment, reader, &mut matches)?;
    }
    Ok(())
}

/// The live documents of one segment that match, in document order.
pub(super) struct Matches<'r> {
    scorer: Box<dyn Scorer>,
    alive: Option<&'r tantivy::fastfield::AliveBitSet>,
    started: bool,
}

impl Iterator for Matches<'_> {
    type Item = DocId;

    fn next(&mut self) -> Option<DocId> {
        loop {
            let doc = if self.started {
                if self.scorer.doc() == TERMINATED {
                    return None;
                }
                self.scorer.advance()
            } else {
                self.started = true;
                self.scorer.doc()
            };
            if doc == TERMINATED {
                return None;
            }
            if self.alive.is_none_or(|a| a.is_alive(doc)) {
                return Some(doc);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_rows_carry_the_body_only_when_asked() {
        let mut article = StoredArticle::default();
        article.id = "news/a.txt".into();
        article.title = "Rates".into();
        article.body = "The bank held rates.".into();
        article.persons = vec!["Jane Roe".into()];
        let without = article_row(article.clone(), false);
        assert_eq!(without.body, None);
        assert_eq!(without.people, ["Jane Roe"]);
        let with = article_row(article, true);
        assert_eq!(with.body.as_deref(), Some("The bank held rates."));
        let json = serde_json::to_value(&without).unwrap();
        assert!(json.get("body").is_none(), "{json}");
    }
}
