//! One whole article by id: its stored text and metadata with the entities and quotations
//! found at ingest (read back from the stored `entities_json` / `quotes_json`, see
//! [`crate::index::stored`]), for readers
//! such as the web page's article view.
//!
//! Offsets are byte offsets into `body`; spans that do not fall on character boundaries
//! of the stored body (which would mean a stale or damaged extraction) are dropped, so a
//! client can slice `body` with every span it receives.

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::{format_date, Archive, SearchError};
// Entities and quotes are read back as the extractor's own types.
use crate::extract::{Entity, Quote};
use crate::index::schema::KIND_ARTICLE;

/// A whole article as stored in the index.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    /// Stable id.
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
    /// Keywords.
    pub tags: Vec<String>,
    /// The format it was read from.
    pub format: Option<String>,
    /// The whole text.
    pub body: String,
    /// Canonical people, organisations and places, most mentioned first.
    pub persons: Vec<String>,
    /// Canonical organisations, most mentioned first.
    pub orgs: Vec<String>,
    /// Canonical places, most mentioned first.
    pub places: Vec<String>,
    /// Mentions in body order.
    pub entities: Vec<Entity>,
    /// Quotations in body order.
    pub quotes: Vec<Quote>,
}

/// The article with this id, or `None` when the index has no such article.
pub(super) fn article(archive: &Archive, id: &str) -> Result<Option<ArticleView>, SearchError> {
    let fields = *archive.index.fields();
    let term = Term::from_field_text(fields.id, id);
    let query = tantivy::query::BooleanQuery::intersection(vec![
        Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
        Box::new(TermQuery::new(
            Term::from_field_text(fields.kind, KIND_ARTICLE),
            IndexRecordOption::Basic,
        )),
    ]);
    let searcher = archive.searcher();
    let Some((_, address)) = searcher
        .search(&query, &TopDocs::with_limit(1).order_by_score())?
        .into_iter()
        .next()
    else {
        return Ok(None);
    };
    let a = archive.index.read_article(&searcher, address)?;
    Ok(Some(view(a)))
}

/// What a reader sees of a stored article.
pub(super) fn view(a: crate::index::StoredArticle) -> ArticleView {
    ArticleView {
        entities: a.entities(),
        quotes: a.quotes(),
        id: a.id,
        path: a.path,
        title: a.title,
        date: a.date.map(format_date),
        author: a.author,
        source: a.source,
        url: a.url,
        tags: a.tags,
        format: a.format,
        persons: a.persons,
        orgs: a.orgs,
        places: a.places,
        body: a.body,
    }
}
