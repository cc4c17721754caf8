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
use tantivy::schema::{IndexRecordOption, TantivyDocument};
use tantivy::Term;

use super::{date_of, format_date, text_of, texts_of, Archive, SearchError};
// Entities and quotes are stored compactly by `index::stored` and read back as the
// extractor's own types.
use crate::extract::{Entity, Quote};
use crate::index::schema::KIND_ARTICLE;
use crate::index::stored;

/// A whole article as stored in the index.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    pub id: String,
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    pub author: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub tags: Vec<String>,
    pub format: Option<String>,
    pub body: String,
    /// Canonical people, organisations and places, most mentioned first.
    pub persons: Vec<String>,
    pub orgs: Vec<String>,
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
    let doc: TantivyDocument = searcher.doc(address)?;
    let body = text_of(&doc, fields.body).unwrap_or_default();
    let stored_entities = text_of(&doc, fields.entities_json).unwrap_or_default();
    let mut entities: Vec<Entity> = stored::decode_entities(&body, &stored_entities);
    entities.retain(|m| fits(&body, m.start, m.end));
    entities.sort_by_key(|m| (m.start, m.end));
    let stored_quotes = text_of(&doc, fields.quotes_json).unwrap_or_default();
    let mut quotes: Vec<Quote> = stored::decode_quotes(&body, &stored_quotes);
    quotes.retain(|q| fits(&body, q.start, q.end));
    quotes.sort_by_key(|q| (q.start, q.end));
    Ok(Some(ArticleView {
        id: text_of(&doc, fields.id).unwrap_or_default(),
        path: text_of(&doc, fields.path).unwrap_or_default(),
        title: text_of(&doc, fields.title).unwrap_or_default(),
        date: date_of(&doc, fields.date).map(format_date),
        author: text_of(&doc, fields.author),
        source: text_of(&doc, fields.source),
        url: text_of(&doc, fields.url),
        tags: texts_of(&doc, fields.tags),
        format: text_of(&doc, fields.format),
        persons: texts_of(&doc, fields.person),
        orgs: texts_of(&doc, fields.org),
        places: texts_of(&doc, fields.place),
        body,
        entities,
        quotes,
    }))
}

/// Whether `start..end` is a non-empty slice of `body` on character boundaries.
fn fits(body: &str, start: usize, end: usize) -> bool {
    start < end && body.get(start..end).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_must_lie_on_char_boundaries() {
        let body = "Zoë Brandt said";
        assert!(fits(body, 0, 10));
        assert!(!fits(body, 0, 3), "inside the two bytes of ë");
        assert!(!fits(body, 5, 5));
        assert!(!fits(body, 10, 99));
    }
}
