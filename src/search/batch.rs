//! Batch search: one row of answers per line of a list of names or queries (`newsdex
//! batch`, `POST /api/batch`).
//!
//! Each line is answered with the machinery of the other requests, on the one searcher of
//! the [`Archive`]: the hit count and the top articles come from article search (ranked as
//! `query` ranks them; a name alone ranks newest first), the first and last dates from the
//! timeline's date aggregation, a name's spellings from the entity rows of `export` (the
//! spellings `people` merges, among the articles naming it) and its quotations from a count
//! of quotation documents by that speaker. Nothing reads more than the articles the line
//! matches, so a thousand names cost a thousand small searches, not a thousand scans.
//!
//! A line that the contract refuses (a malformed query, an unknown field, a name too long)
//! becomes a row with an `error`, and the caller goes on with the next line; only a failing
//! index stops the run.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use tantivy::query::Query;

use super::batch_input::BatchLine;
use super::export_entities::entities;
use super::request::{
    ExportRequest, Filters, QuoteKinds, QuoteRequest, RequestError, SearchRequest,
};
use super::{export, message, quotes, timeline, Archive, ExportError, SearchError};
use crate::extract::names::name_keys;
use crate::extract::EntityKind;
use crate::search::EntityRow;

/// Articles listed per line.
pub const TOP_ARTICLES: usize = 3;
/// Most lines one HTTP request may carry (the command line has no limit).
pub const MAX_API_LINES: usize = 1_000;

/// What every line of a batch shares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchRequest {
    /// Restrictions added to every line, as for article search (quotation counts use only
    /// the speakers and dates).
    pub filters: Filters,
    /// Read every line that is not already `field:…` as a name of this kind (`--names`).
    pub names: Option<EntityKind>,
}

impl BatchRequest {
    /// Checks the shared filters once, before the first line.
    pub fn validate(&self) -> Result<(), RequestError> {
        self.filters.validate()
    }

    /// What a line asks: a name alone (`person:"Jane Roe"`, or any line with `names`) or a
    /// query.
    pub fn target(&self, text: &str) -> Target {
        match (name_line(text), self.names) {
            (Some(target), _) => target,
            (None, Some(kind)) if !text.contains(':') => Target::Name {
                kind,
                name: text.trim().to_string(),
            },
            (None, _) => Target::Query,
        }
    }
}

/// What a line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The articles naming this entity, its spellings and (people and organisations) its
    /// quotations.
    Name {
        /// Person, organisation or place.
        kind: EntityKind,
        /// The name as written, without its field and quotation marks.
        name: String,
    },
    /// The articles matching the line as a query.
    Query,
}

/// A name alone on a line: `person:"Jane Roe"`, `org:“Acme Ltd”`, `place:Nairobi`.
pub fn name_line(text: &str) -> Option<Target> {
    let text = text.trim();
    EntityKind::ALL.into_iter().find_map(|kind| {
        let rest = text.strip_prefix(kind.name())?.trim_start();
        let rest = rest.strip_prefix(':')?.trim();
        let name = quoted(rest).or_else(|| bare_word(rest))?;
        let name = name.trim();
        (!name.is_empty()).then(|| Target::Name {
            kind,
            name: name.to_string(),
        })
    })
}

/// The inside of `"…"` (or curly `“…”`) with no other quotation mark in it.
fn quoted(text: &str) -> Option<&str> {
    let inner = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .or_else(|| text.strip_prefix('“').and_then(|t| t.strip_suffix('”')))?;
    (!inner.contains(['"', '“', '”'])).then_some(inner)
}

/// One word with nothing of the query language in it.
fn bare_word(text: &str) -> Option<&str> {
    let special = |c: char| c.is_whitespace() || "\"“”():*^~[]{}".contains(c);
    let plain = !text.is_empty() && !text.contains(special) && !text.starts_with(['-', '+']);
    plain.then_some(text)
}

/// An article listed in a row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopArticle {
    /// Stable article id.
    pub id: String,
    /// Headline.
    pub title: String,
    /// `YYYY-MM-DD`, RFC 3339 with a time, or null.
    pub date: Option<String>,
}

/// The answers for one line.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BatchRow {
    /// Line number in the input, from 1.
    pub line: u64,
    /// The line as read (trimmed).
    pub query: String,
    /// For a name: its kind; null for a query.
    pub kind: Option<EntityKind>,
    /// Why the line was not run; every answer below is then null or empty.
    pub error: Option<String>,
    /// Matching articles, every copy of a duplicate counted (as `query`'s `total`).
    pub hits: Option<u64>,
    /// Day of the earliest dated match.
    pub first_date: Option<String>,
    /// Day of the latest dated match.
    pub last_date: Option<String>,
    /// The best matches, duplicates shown once (at most [`TOP_ARTICLES`]).
    pub top: Vec<TopArticle>,
    /// For a name: the spelling the archive shows for it (as `people` does), if found.
    pub name: Option<String>,
    /// For a name: the other spellings merged into it.
    pub aliases: Option<Vec<String>>,
    /// For a person or organisation: quotations attributed to it.
    pub quotes: Option<u64>,
    /// The other columns of a table row, carried through.
    #[serde(serialize_with = "as_map")]
    pub columns: Vec<(String, String)>,
}

fn as_map<S: Serializer>(pairs: &[(String, String)], s: S) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(pairs.len()))?;
    for (name, value) in pairs {
        map.serialize_entry(name, value)?;
    }
    map.end()
}

/// Answers one line; a refused line is a row with an error, a failing index an `Err`.
pub(super) fn run_line(
    archive: &Archive,
    req: &BatchRequest,
    line: BatchLine,
) -> Result<BatchRow, SearchError> {
    let mut row = BatchRow {
        line: line.line,
        query: line.text,
        columns: line.columns,
        ..BatchRow::default()
    };
    if let Some(problem) = line.problem {
        row.error = Some(problem);
        return Ok(row);
    }
    let target = req.target(&row.query);
    if let Target::Name { kind, .. } = &target {
        row.kind = Some(*kind);
    }
    match answer(archive, req, &target, &mut row) {
        Ok(()) => Ok(row),
        Err(e) if e.is_bad_request() => Ok(BatchRow {
            error: Some(message(&e)),
            ..BatchRow {
                line: row.line,
                query: row.query,
                kind: row.kind,
                columns: row.columns,
                ..BatchRow::default()
            }
        }),
        Err(e) => Err(e),
    }
}

fn answer(
    archive: &Archive,
    req: &BatchRequest,
    target: &Target,
    row: &mut BatchRow,
) -> Result<(), SearchError> {
    let mut filters = req.filters.clone();
    let query = match target {
        Target::Name { kind, name } => {
            filters_of(&mut filters, *kind).push(name.clone());
            None
        }
        Target::Query => Some(row.query.clone()),
    };
    let search = SearchRequest {
        query: query.clone(),
        filters: filters.clone(),
        limit: TOP_ARTICLES,
        ..SearchRequest::default()
    };
    let results = archive.search(&search)?;
    row.hits = Some(results.total as u64);
    row.top = results
        .hits
        .into_iter()
        .map(|h| TopArticle {
            id: h.id,
            title: h.title,
            date: h.date,
        })
        .collect();
    let matched = export::article_query(
        archive,
        &ExportRequest {
            query,
            filters,
            ..ExportRequest::default()
        },
    )?;
    if results.total > 0 {
        if let Some((first, last)) = timeline::date_span(archive, &*matched)? {
            row.first_date = Some(first.to_string());
            row.last_date = Some(last.to_string());
        }
    }
    match target {
        Target::Name { kind, name } => name_answers(archive, req, *kind, name, &*matched, row),
        Target::Query => Ok(()),
    }
}

/// A name's displayed spelling, its other spellings among `matched` (its articles) and its
/// quotations.
fn name_answers(
    archive: &Archive,
    req: &BatchRequest,
    kind: EntityKind,
    name: &str,
    matched: &dyn Query,
    row: &mut BatchRow,
) -> Result<(), SearchError> {
    let rows =
        entities(&archive.searcher(), matched, &archive.index.names()).map_err(|e| match e {
            ExportError::Search(e) => e,
            ExportError::Write(e) => SearchError::Io(e),
        })?;
    let (shown, aliases) = spellings(&rows, kind, name);
    row.name = shown;
    row.aliases = Some(aliases);
    if kind != EntityKind::Place {
        row.quotes = Some(quotations(archive, req, name)? as u64);
    }
    Ok(())
}

fn filters_of(filters: &mut Filters, kind: EntityKind) -> &mut Vec<String> {
    match kind {
        EntityKind::Person => &mut filters.person,
        EntityKind::Org => &mut filters.org,
        EntityKind::Place => &mut filters.place,
    }
}

/// Quotations by `name` within the batch's speakers and dates.
fn quotations(archive: &Archive, req: &BatchRequest, name: &str) -> Result<usize, SearchError> {
    let mut said_by = req.filters.said_by.clone();
    said_by.push(name.to_string());
    let request = QuoteRequest {
        text: None,
        filters: Filters {
            said_by,
            since: req.filters.since,
            until: req.filters.until,
            ..Filters::default()
        },
        limit: 1,
        kinds: QuoteKinds::Direct,
    };
    request.validate()?;
    quotes::count(archive, &request)
}

/// The displayed name and the other spellings of the entity `name` asks for, among the
/// entity rows of its articles: a row with a spelling whose match keys are the name's
/// first, else one with a spelling that contains the name's keys in order; the most
/// articles among equals.
fn spellings(rows: &[EntityRow], kind: EntityKind, name: &str) -> (Option<String>, Vec<String>) {
    let want = name_keys(name);
    if want.is_empty() {
        return (None, Vec::new());
    }
    let rank = |row: &EntityRow| -> Option<(bool, u64)> {
        let all = || {
            std::iter::once(&row.name)
                .chain(&row.aliases)
                .map(|s| name_keys(s))
        };
        let exact = all().any(|k| k == want);
        let within = exact || all().any(|k| k.windows(want.len()).any(|w| w == want));
        within.then_some((exact, row.articles))
    };
    let best = rows
        .iter()
        .filter(|r| r.kind == kind)
        .filter_map(|r| rank(r).map(|rank| (rank, r)))
        .max_by(|(a, ra), (b, rb)| a.cmp(b).then(rb.name.cmp(&ra.name)));
    match best {
        Some((_, row)) => (Some(row.name.clone()), row.aliases.clone()),
        None => (None, Vec::new()),
    }
}

#[cfg(test)]
#[path = "batch_tests.rs"]
mod tests;
