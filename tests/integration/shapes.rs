//! The JSON shapes the binary prints, as the README documents them. Every struct rejects
//! unknown fields and names every field it expects, so a changed interface fails here.

#![allow(dead_code)] // Tests read the fields they are about; the rest documents the shape.

use serde::Deserialize;

/// `ingest --json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub removed: usize,
    pub failed: usize,
    pub documents: u64,
    pub errors: Vec<ErrorEntry>,
    /// Files not read, by extension (`".pdf": 12`).
    pub skipped: std::collections::BTreeMap<String, u64>,
    /// Dump records passed over, by kind (WARC requests, non-HTML responses, …).
    pub skipped_records: std::collections::BTreeMap<String, u64>,
    pub elapsed_seconds: f64,
    /// New matches per saved search.
    pub saved: Vec<SavedCount>,
}

/// One entry of `ingest --json`'s `saved`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedCount {
    pub name: String,
    pub new_articles: usize,
    pub new_quotes: Option<usize>,
}

/// One line of `saved new --json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedNews {
    pub name: String,
    pub query: Option<String>,
    pub filters: Filters,
    pub since_mark: u64,
    pub last_checked: Option<String>,
    pub mark: u64,
    pub new_articles: usize,
    pub articles: Vec<Hit>,
    pub new_quotes: Option<usize>,
    pub quotes: Vec<QuoteHit>,
}

/// One entry of `saved list --json`'s `saved`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedRow {
    pub name: String,
    pub query: Option<String>,
    pub filters: Filters,
    pub created: String,
    pub last_checked: Option<String>,
    pub new_articles: usize,
    pub new_quotes: Option<usize>,
}

/// One skipped file or element.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorEntry {
    pub path: String,
    pub reason: String,
}

/// The `filters` echoed by every search result.
#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Filters {
    pub person: Vec<String>,
    pub org: Vec<String>,
    pub place: Vec<String>,
    pub said_by: Vec<String>,
    pub since: Option<String>,
    pub until: Option<String>,
}

/// `query --json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Results {
    pub query: Option<String>,
    pub filters: Filters,
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// One article hit.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
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
    pub highlights: Vec<[usize; 2]>,
    pub persons: Vec<String>,
    pub duplicates: Vec<String>,
    pub similar: Vec<String>,
    pub similar_articles: Vec<SimilarArticle>,
}

/// A near-identical article collapsed into a hit.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimilarArticle {
    pub id: String,
    pub path: String,
    pub title: String,
    pub date: Option<String>,
}

/// `quotes --json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteResults {
    pub query: Option<String>,
    pub filters: Filters,
    /// `direct`, `indirect` or `all`.
    pub kinds: String,
    pub total: usize,
    pub quotes: Vec<QuoteHit>,
}

/// One quotation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteHit {
    pub text: String,
    pub speaker: Option<String>,
    pub cue: Option<String>,
    pub title: String,
    pub date: Option<String>,
    pub path: String,
    pub article_id: String,
    pub score: f32,
    /// `direct` or `indirect`.
    pub kind: String,
    pub speaker_kind: Option<String>,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub context: QuoteContext,
    /// Byte ranges of the query's words in `text`.
    pub highlights: Vec<[usize; 2]>,
    pub first_seen: Option<String>,
    pub source_count: usize,
    pub sources: Vec<QuoteSource>,
}

/// The words around a quotation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteContext {
    pub before: String,
    pub after: String,
}

/// An article that carries a quotation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteSource {
    pub article_id: String,
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    pub speaker: Option<String>,
    pub text: String,
}

/// `people --json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeopleResults {
    pub query: Option<String>,
    pub filters: Filters,
    pub kind: Option<String>,
    /// Present with `--with`.
    pub with: Option<String>,
    pub with_articles: Option<u64>,
    pub entities: Vec<EntityCount>,
}

/// One entity with its article count.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityCount {
    pub name: String,
    pub kind: String,
    pub articles: u64,
    /// Present with `--with`.
    pub in_all: Option<u64>,
    pub lift: Option<f64>,
    pub score: Option<f64>,
    /// The spellings merged into it (absent for a single spelling).
    #[serde(default)]
    pub aliases: Vec<Alias>,
}

/// One spelling merged into an entity.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alias {
    pub name: String,
    pub kind: String,
    pub articles: u64,
}

/// One line of `extract --json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Extracted {
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    pub author: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub body: String,
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
}

/// One mention, with byte offsets into the body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    pub kind: String,
    pub text: String,
    pub canonical: String,
    pub start: usize,
    pub end: usize,
}

/// One quotation, with byte offsets into the body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub speaker: Option<String>,
    pub speaker_text: Option<String>,
    pub cue: Option<String>,
    /// `direct` or `indirect` (reported speech, with `--indirect`).
    pub kind: String,
    /// `person`, `org` or null.
    pub speaker_kind: Option<String>,
    /// The organisation a spokesperson speaks for.
    pub affiliation: Option<String>,
    /// The speaker's role as the article gives it.
    pub role: Option<String>,
}

/// `stats --json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stats {
    pub index: String,
    pub documents: u64,
    pub quotes: u64,
    /// Statements of reported speech.
    pub reported: u64,
    pub files: u64,
    pub size_bytes: u64,
    pub earliest: Option<String>,
    pub latest: Option<String>,
    pub formats: std::collections::BTreeMap<String, u64>,
}

/// `timeline --json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timeline {
    pub query: Option<String>,
    pub filters: Filters,
    pub counted: String,
    pub by: String,
    pub buckets: Vec<Bucket>,
    pub undated: u64,
}

/// One timeline period.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bucket {
    pub start: String,
    pub end: String,
    pub articles: u64,
}

/// One line of `export --format jsonl` (articles).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleRow {
    pub id: String,
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    pub author: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub people: Vec<String>,
    pub organisations: Vec<String>,
    pub places: Vec<String>,
    /// Present with `--body`.
    pub body: Option<String>,
}

/// One line of `export --format jsonl --what quotes`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteRow {
    pub text: String,
    pub kind: String,
    pub speaker: Option<String>,
    pub cue: Option<String>,
    pub article_id: String,
    pub article_title: String,
    pub article_date: Option<String>,
}

/// One line of `export --format jsonl --what entities`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityRow {
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
    pub articles: u64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

/// One row of `batch --format json` / `--format jsonl`, and of `POST /api/batch`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BatchRow {
    pub line: u64,
    pub query: String,
    pub kind: Option<String>,
    pub error: Option<String>,
    pub hits: Option<u64>,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub top: Vec<TopArticle>,
    pub name: Option<String>,
    pub aliases: Option<Vec<String>>,
    pub quotes: Option<u64>,
    pub columns: std::collections::BTreeMap<String, String>,
}

/// One of a batch row's top articles.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopArticle {
    pub id: String,
    pub title: String,
    pub date: Option<String>,
}

/// `POST /api/batch`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BatchAnswer {
    pub rows: Vec<BatchRow>,
    pub failed: usize,
}
