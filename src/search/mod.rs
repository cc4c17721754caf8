//! Searching the archive: ranked article search with snippets and duplicate collapsing,
//! entity counts (`people`), quotation search (`quotes`) and index statistics.
//!
//! [`Archive`] is the read side of an index. Its results are plain serialisable structs
//! so that `render` (and a server) can print them without knowing Tantivy.

mod article;
mod articles;
mod people;
pub mod query;
mod quotes;
mod stats;

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use tantivy::schema::{TantivyDocument, Value};
use tantivy::{IndexReader, Searcher};

use crate::index::{IndexError, NewsIndex};

pub use article::ArticleView;
pub use people::{EntityCount, PeopleRequest};
pub use query::NameField;
pub use quotes::{QuoteHit, QuoteRequest, QuoteResults};
pub use stats::Stats;

/// Why a search failed.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("invalid query: {0}")]
    Query(String),
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error("search failed: {0}")]
    Engine(String),
}

impl From<tantivy::TantivyError> for SearchError {
    /// Errors the engine raises about fields are the query's fault (an unknown field name
    /// the parser let through, `field:*` on a field without values to test), not the index's.
    fn from(e: tantivy::TantivyError) -> SearchError {
        match e {
            tantivy::TantivyError::FieldNotFound(field) => {
                SearchError::Query(format!("unknown field `{}`", field.escape_debug()))
            }
            tantivy::TantivyError::SchemaError(message) => SearchError::Query(message),
            other => SearchError::Engine(other.to_string()),
        }
    }
}

/// How to order hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    #[default]
    Relevance,
    Date,
}

/// An article search.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    pub query: Option<String>,
    pub persons: Vec<String>,
    pub orgs: Vec<String>,
    pub places: Vec<String>,
    pub said_by: Vec<String>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub sort: Sort,
    pub limit: usize,
    pub offset: usize,
}

impl SearchRequest {
    /// Whether anything at all restricts the search.
    pub fn is_empty(&self) -> bool {
        self.query.as_deref().is_none_or(|q| q.trim().is_empty())
            && self.persons.is_empty()
            && self.orgs.is_empty()
            && self.places.is_empty()
            && self.said_by.is_empty()
            && self.since.is_none()
            && self.until.is_none()
    }
}

/// One article hit.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub id: String,
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    pub author: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub score: f32,
    pub snippet: String,
    /// Byte ranges into `snippet` of the matched words.
    pub highlights: Vec<[usize; 2]>,
    pub persons: Vec<String>,
    /// Paths of exact duplicates of this article (same title and body), collapsed into it.
    pub duplicates: Vec<String>,
}

/// The answer to an article search.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub query: String,
    /// Matching articles, counting every copy of a duplicate.
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// The read side of an index.
pub struct Archive {
    index: NewsIndex,
    reader: IndexReader,
}

impl Archive {
    /// Opens the index in `dir` for reading (it must exist).
    pub fn open(dir: &Path) -> Result<Archive, SearchError> {
        Ok(Archive::from_index(NewsIndex::open(dir)?)?)
    }

    pub fn from_index(index: NewsIndex) -> Result<Archive, IndexError> {
        let reader = index.reader()?;
        Ok(Archive { index, reader })
    }

    /// Sees the latest commit (for long-lived readers such as a server).
    pub fn reload(&self) -> Result<(), SearchError> {
        self.reader.reload()?;
        Ok(())
    }

    fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// Number of articles (quotes not counted).
    pub fn article_count(&self) -> u64 {
        self.count_kind(crate::index::schema::KIND_ARTICLE)
    }

    /// Live documents of a kind (a term query, so deleted documents are not counted).
    fn count_kind(&self, kind: &str) -> u64 {
        let term = tantivy::Term::from_field_text(self.index.fields().kind, kind);
        let query = tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
        self.searcher()
            .search(&query, &tantivy::collector::Count)
            .map_or(0, |n| n as u64)
    }

    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, SearchError> {
        articles::search(self, request)
    }

    pub fn people(&self, request: &PeopleRequest) -> Result<Vec<EntityCount>, SearchError> {
        people::people(self, request)
    }

    pub fn quotes(&self, request: &QuoteRequest) -> Result<QuoteResults, SearchError> {
        quotes::quotes(self, request)
    }

    /// The whole article with this id (with its entities and quotes), if there is one.
    pub fn article(&self, id: &str) -> Result<Option<ArticleView>, SearchError> {
        article::article(self, id)
    }

    pub fn stats(&self) -> Result<Stats, SearchError> {
        stats::stats(self)
    }
}

fn text_of(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

fn texts_of(doc: &TantivyDocument, field: tantivy::schema::Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| v.as_str())
        .map(str::to_string)
        .collect()
}

fn date_of(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<DateTime<Utc>> {
    let secs = doc
        .get_first(field)
        .and_then(|v| v.as_datetime())?
        .into_timestamp_secs();
    DateTime::from_timestamp(secs, 0)
}

/// Dates are shown as RFC 3339 when they have a time, as YYYY-MM-DD at midnight UTC.
pub fn format_date(date: DateTime<Utc>) -> String {
    if date.time() == chrono::NaiveTime::MIN {
        date.format("%Y-%m-%d").to_string()
    } else {
        date.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    }
}
