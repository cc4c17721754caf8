//! Reading documents back: the one place that turns a stored Tantivy document into typed
//! values, so that `search` never reads fields by name. [`document`](super::document)
//! writes what this reads.

use chrono::{DateTime, Utc};
use tantivy::schema::{Field, TantivyDocument, Value};
use tantivy::{DocAddress, Searcher};

use super::schema::Fields;
use super::{stored, tantivy_err, IndexError};
use crate::extract::{Entity, Quote};

/// An article as stored: metadata, text, canonical entity names and the compact record of
/// its mentions and quotations.
#[derive(Debug, Clone, Default)]
pub struct StoredArticle {
    /// Stable id (root name + relative path, `#N` for multi-article files).
    pub id: String,
    /// The path shown to users.
    pub path: String,
    /// Headline.
    pub title: String,
    /// Publication time, when the article gave one.
    pub date: Option<DateTime<Utc>>,
    /// Byline.
    pub author: Option<String>,
    /// Publisher.
    pub source: Option<String>,
    /// Address of the original.
    pub url: Option<String>,
    /// Keywords.
    pub tags: Vec<String>,
    /// The format the article was read from (`text`, `html`, …).
    pub format: Option<String>,
    /// Fingerprint of the normalised title and body; equal for exact duplicates.
    pub fingerprint: Option<String>,
    /// The whole text.
    pub body: String,
    /// Canonical people, most mentioned first.
    pub persons: Vec<String>,
    /// Canonical organisations, most mentioned first.
    pub orgs: Vec<String>,
    /// Canonical places, most mentioned first.
    pub places: Vec<String>,
    pub(super) entities: String,
    pub(super) quotes: String,
}

impl StoredArticle {
    /// The mentions found at ingest, in body order; spans that do not fall on character
    /// boundaries of the body (a stale or damaged record) are dropped, so every span can
    /// slice `body`.
    pub fn entities(&self) -> Vec<Entity> {
        let mut entities = stored::decode_entities(&self.body, &self.entities);
        entities.retain(|m| fits(&self.body, m.start, m.end));
        entities.sort_by_key(|m| (m.start, m.end));
        entities
    }

    /// The quotations found at ingest, in body order, with the same check as
    /// [`entities`](StoredArticle::entities).
    pub fn quotes(&self) -> Vec<Quote> {
        let mut quotes = stored::decode_quotes(&self.body, &self.quotes);
        quotes.retain(|q| fits(&self.body, q.start, q.end));
        quotes.sort_by_key(|q| (q.start, q.end));
        quotes
    }
}

/// A quotation document: the quote, its speaker and cue, and enough of its article to show.
#[derive(Debug, Clone, Default)]
pub struct StoredQuote {
    /// The words quoted, without their marks.
    pub text: String,
    /// Canonical name of the speaker, when attributed.
    pub speaker: Option<String>,
    /// The reporting verb (`said`, `told`, …).
    pub cue: Option<String>,
    /// The article's headline.
    pub title: String,
    /// The article's date.
    pub date: Option<DateTime<Utc>>,
    /// The article's path.
    pub path: String,
    /// The article's id.
    pub article_id: String,
    /// Reported speech rather than words in marks.
    pub reported: bool,
    /// `person` or `org`, with a speaker.
    pub speaker_kind: Option<String>,
    /// The organisation a person speaker speaks for.
    pub affiliation: Option<String>,
    /// The speaker's role as the article gives it.
    pub role: Option<String>,
    /// The words of the paragraph before the quotation (opening mark included).
    pub before: String,
    /// The words of the paragraph after it (closing mark included).
    pub after: String,
    /// The key every copy of these words shares.
    pub key: u64,
}

/// Reads the article document at `address`.
pub(super) fn article(
    searcher: &Searcher,
    fields: &Fields,
    address: DocAddress,
    dir: &str,
) -> Result<StoredArticle, IndexError> {
    let doc: TantivyDocument = searcher.doc(address).map_err(|e| tantivy_err(dir, e))?;
    let f = fields;
    Ok(StoredArticle {
        id: text(&doc, f.id).unwrap_or_default(),
        path: text(&doc, f.path).unwrap_or_default(),
        title: text(&doc, f.title).unwrap_or_default(),
        date: date(&doc, f.date),
        author: text(&doc, f.author),
        source: text(&doc, f.source),
        url: text(&doc, f.url),
        tags: texts(&doc, f.tags),
        format: text(&doc, f.format),
        fingerprint: text(&doc, f.fingerprint),
        body: text(&doc, f.body).unwrap_or_default(),
        persons: texts(&doc, f.person),
        orgs: texts(&doc, f.org),
        places: texts(&doc, f.place),
        entities: text(&doc, f.entities_json).unwrap_or_default(),
        quotes: text(&doc, f.quotes_json).unwrap_or_default(),
    })
}

/// Reads the quotation document at `address`.
pub(super) fn quote(
    searcher: &Searcher,
    fields: &Fields,
    address: DocAddress,
    dir: &str,
) -> Result<StoredQuote, IndexError> {
    let doc: TantivyDocument = searcher.doc(address).map_err(|e| tantivy_err(dir, e))?;
    let f = fields;
    Ok(StoredQuote {
        text: text(&doc, f.quote).unwrap_or_default(),
        speaker: text(&doc, f.speaker),
        cue: text(&doc, f.cue),
        title: text(&doc, f.title).unwrap_or_default(),
        date: date(&doc, f.date),
        path: text(&doc, f.path).unwrap_or_default(),
        article_id: text(&doc, f.article_id).unwrap_or_default(),
        reported: text(&doc, f.kind).as_deref() == Some(super::schema::KIND_REPORTED),
        speaker_kind: text(&doc, f.speaker_kind),
        affiliation: text(&doc, f.affiliation),
        role: text(&doc, f.role),
        before: text(&doc, f.context_before).unwrap_or_default(),
        after: text(&doc, f.context_after).unwrap_or_default(),
        key: doc
            .get_first(f.quote_key)
            .and_then(|v| v.as_u64())
            .unwrap_or(0),
    })
}

fn text(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

fn texts(doc: &TantivyDocument, field: Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| v.as_str())
        .map(str::to_string)
        .collect()
}

fn date(doc: &TantivyDocument, field: Field) -> Option<DateTime<Utc>> {
    let secs = doc
        .get_first(field)
        .and_then(|v| v.as_datetime())?
        .into_timestamp_secs();
    DateTime::from_timestamp(secs, 0)
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
