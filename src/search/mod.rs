//! Searching the archive: ranked article search with snippets and duplicate collapsing,
//! entity counts (`people`), quotation search (`quotes`), exports of every match, batches
//! of names or queries, and index statistics.
//!
//! [`Archive`] is the read side of an index. Its results are plain serialisable structs
//! so that `render` (and a server) can print them without knowing Tantivy.

mod article;
mod articles;
mod batch;
mod batch_input;
mod companions;
mod export;
mod export_entities;
mod groups;
mod news;
mod people;
mod query;
mod quote_groups;
mod quotes;
pub mod remote;
mod request;
mod saved;
mod scoring;
mod stats;
mod timeline;

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Serialize;
use tantivy::{IndexReader, Searcher};

use crate::index::{IndexError, NewsIndex};

pub use article::ArticleView;
pub use batch::{
    name_line, BatchRequest, BatchRow, Target, TopArticle, MAX_API_LINES, TOP_ARTICLES,
};
pub use batch_input::{BatchInputError, BatchLayout, BatchLine, BatchReader, MAX_LINE_BYTES};
pub use export::{ArticleRow, EntityRow, ExportError, ExportSink, QuoteRow};
pub use news::{NewCounts, SavedNews, SavedRow};
pub use people::{EntityCount, PeopleResults};
pub use query::QueryError;
pub use quotes::{QuoteContext, QuoteHit, QuoteResults, QuoteSource, MAX_SOURCES};
pub use request::{
    parse_day, ExportKind, ExportRequest, Filters, NameField, PeopleRequest, Period, QuoteKinds,
    QuoteRequest, RequestError, SearchRequest, Sort, TimelineRequest, MAX_LIMIT, MAX_NAMES,
    MAX_NAME_CHARS, MAX_OFFSET, MAX_QUERY_CHARS,
};
pub use saved::{SavedError, SavedSearch, SavedSearches, MAX_SAVED, MAX_SAVED_NAME, SAVED_FILE};
pub use stats::Stats;
pub use timeline::{Bucket, TimelineResults, MAX_BUCKETS};

/// Why a search failed.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The request breaks a rule of the contract (a limit, an empty filter, no words).
    #[error(transparent)]
    Request(#[from] RequestError),
    /// The query text cannot be read; `reason` says why.
    #[error("invalid query `{query}`")]
    Query {
        /// The query text (at most 200 characters of it).
        query: String,
        /// What is wrong with it.
        #[source]
        reason: QueryError,
    },
    /// The query asks something of a field that it cannot answer.
    #[error("invalid query: {0}")]
    Unsupported(String),
    /// The index could not be opened or read.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// The engine failed while searching.
    #[error("search failed")]
    Engine(#[source] tantivy::TantivyError),
    /// A column of the index could not be read.
    #[error("cannot read the index")]
    Io(#[source] std::io::Error),
    /// The saved searches could not be read, written or changed.
    #[error(transparent)]
    Saved(#[from] SavedError),
    /// A Quickwit cluster could not answer (`--quickwit`).
    #[error(transparent)]
    Remote(#[from] remote::RemoteError),
}

impl SearchError {
    /// Whether the request is at fault (a client error), rather than the index.
    pub fn is_bad_request(&self) -> bool {
        matches!(
            self,
            SearchError::Request(_) | SearchError::Query { .. } | SearchError::Unsupported(_)
        ) || matches!(self, SearchError::Saved(e) if e.is_bad_request())
    }
}

/// An error and its sources on one line, `outer: inner: innermost`, as the command line
/// prints it (for front ends that show the message without `anyhow`).
pub fn message(error: &dyn std::error::Error) -> String {
    let mut out = error.to_string();
    let mut source = error.source();
    while let Some(e) = source {
        out.push_str(": ");
        out.push_str(&e.to_string());
        source = e.source();
    }
    out
}

impl From<tantivy::TantivyError> for SearchError {
    /// Errors the engine raises about fields are the query's fault (an unknown field name
    /// the parser let through, `field:*` on a field without values to test), not the index's.
    fn from(e: tantivy::TantivyError) -> SearchError {
        match e {
            tantivy::TantivyError::FieldNotFound(field) => {
                SearchError::Unsupported(format!("unknown field `{}`", field.escape_debug()))
            }
            tantivy::TantivyError::SchemaError(message) => SearchError::Unsupported(message),
            other => SearchError::Engine(other),
        }
    }
}

/// One article hit.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// Stable article id.
    pub id: String,
    /// The path shown to users.
    pub path: String,
    /// Headline.
    pub title: String,
    /// `YYYY-MM-DD` for a date alone, RFC 3339 with a time, or null.
    pub date: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// Publisher.
    pub source: Option<String>,
    /// Address of the original.
    pub url: Option<String>,
    /// BM25 score (0 when sorted by date or for filters alone).
    pub score: f32,
    /// A passage of the body around the matched words.
    pub snippet: String,
    /// Byte ranges into `snippet` of the matched words.
    pub highlights: Vec<[usize; 2]>,
    /// Canonical people in the article, most mentioned first.
    pub persons: Vec<String>,
    /// Paths of exact duplicates of this article (same title and body), collapsed into it.
    pub duplicates: Vec<String>,
    /// Paths of near-identical articles among the ranked hits (the same wire story with
    /// another headline, dateline or byline, or lightly edited), collapsed into it.
    pub similar: Vec<String>,
    /// The same near-identical articles, in the same order, with what a reader needs to
    /// open them (the page lists them under "+N similar").
    pub similar_articles: Vec<SimilarArticle>,
}

/// A near-identical article collapsed into a hit.
#[derive(Debug, Clone, Serialize)]
pub struct SimilarArticle {
    /// Stable article id (`/api/articles/{id}`).
    pub id: String,
    /// The path shown to users.
    pub path: String,
    /// Its own headline (copies of a wire story often differ there).
    pub title: String,
    /// `YYYY-MM-DD`, RFC 3339 with a time, or null.
    pub date: Option<String>,
}

/// The answer to an article search.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// The query text as given (trimmed), or null for filters alone.
    pub query: Option<String>,
    /// The filters as applied.
    pub filters: Filters,
    /// Matching articles, counting every copy of a duplicate.
    pub total: usize,
    /// The page of hits asked for.
    pub hits: Vec<Hit>,
}

/// The read side of an index.
pub struct Archive {
    index: NewsIndex,
    reader: IndexReader,
    /// Token totals of each kind of document, per searcher generation (`scoring`).
    tokens: scoring::TokenCache,
}

impl Archive {
    /// Opens the index in `dir` for reading (it must exist).
    pub fn open(dir: &Path) -> Result<Archive, SearchError> {
        Ok(Archive::from_index(NewsIndex::open(dir)?)?)
    }

    /// The read side of an index already opened.
    pub fn from_index(index: NewsIndex) -> Result<Archive, IndexError> {
        let reader = index.reader()?;
        Ok(Archive {
            index,
            reader,
            tokens: scoring::TokenCache::default(),
        })
    }

    /// Sees the latest commit (for long-lived readers such as a server).
    pub fn reload(&self) -> Result<(), SearchError> {
        self.reader.reload()?;
        Ok(())
    }

    fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// The index folder (saved searches live beside the index).
    pub fn dir(&self) -> &Path {
        self.index.dir()
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

    /// Ranked article search (the request is validated first).
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, SearchError> {
        request.validate()?;
        articles::search(self, request)
    }

    /// The most mentioned entities in the matching articles (validated first).
    pub fn people(&self, request: &PeopleRequest) -> Result<PeopleResults, SearchError> {
        request.validate()?;
        people::people(self, request)
    }

    /// Quotation search (validated first).
    pub fn quotes(&self, request: &QuoteRequest) -> Result<QuoteResults, SearchError> {
        request.validate()?;
        quotes::quotes(self, request)
    }

    /// Matching articles or quotations per day, week, month or year (validated first).
    pub fn timeline(&self, request: &TimelineRequest) -> Result<TimelineResults, SearchError> {
        request.validate()?;
        timeline::timeline(self, request)
    }

    /// Validates an export and compiles its query without writing anything, so a front end
    /// that streams can refuse a wrong request before its first byte.
    pub fn check_export(&self, request: &ExportRequest) -> Result<(), SearchError> {
        request.validate()?;
        export::check(self, request)
    }

    /// Every match, no cap, written row by row to `sink` in index order (validated first);
    /// returns the number of rows written. See [`ExportRequest`].
    pub fn export(
        &self,
        request: &ExportRequest,
        sink: &mut dyn ExportSink,
    ) -> Result<u64, ExportError> {
        request.validate().map_err(SearchError::from)?;
        export::export(self, request, sink)
    }

    /// Answers one line of a batch (see [`BatchRequest`]): a line the contract refuses is
    /// a row with its `error`; only a failing index is an `Err`.
    pub fn batch_line(
        &self,
        request: &BatchRequest,
        line: BatchLine,
    ) -> Result<BatchRow, SearchError> {
        batch::run_line(self, request, line)
    }

    /// The whole article with this id (with its entities and quotes), if there is one.
    pub fn article(&self, id: &str) -> Result<Option<ArticleView>, SearchError> {
        article::article(self, id)
    }

    /// Index statistics.
    pub fn stats(&self) -> Result<Stats, SearchError> {
        stats::stats(self)
    }
}

/// Dates are shown as RFC 3339 when they have a time, as YYYY-MM-DD at midnight UTC.
pub fn format_date(date: DateTime<Utc>) -> String {
    if date.time() == chrono::NaiveTime::MIN {
        date.format("%Y-%m-%d").to_string()
    } else {
        date.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    }
}
