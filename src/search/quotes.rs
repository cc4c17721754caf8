//! Quotation search: who said what, ranked by the words of the quote, or everything a
//! person said, newest first.

use serde::Serialize;
use tantivy::collector::Count;
use tantivy::query::Query;

use super::query::{combine, QueryBuilder};
use super::request::{Filters, QuoteRequest};
use super::{format_date, Archive, SearchError};
use crate::index::schema::KIND_QUOTE;

/// One quotation with its speaker and article.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteHit {
    /// The words quoted, without their marks.
    pub text: String,
    /// Canonical name of the speaker, or null when unattributed.
    pub speaker: Option<String>,
    /// The reporting verb.
    pub cue: Option<String>,
    /// The article's headline.
    pub title: String,
    /// The article's date.
    pub date: Option<String>,
    /// The article's path.
    pub path: String,
    /// The article's id.
    pub article_id: String,
    /// BM25 score of the words (0 when listing by date).
    pub score: f32,
}

/// The answer to a quotes request.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteResults {
    /// The words searched for, or null.
    pub query: Option<String>,
    /// The filters as applied.
    pub filters: Filters,
    /// Matching quotations, copies from duplicated articles included.
    pub total: usize,
    /// The quotations shown.
    pub quotes: Vec<QuoteHit>,
}

/// The quotations a request matches, and whether they are listed by date (no words).
fn quote_query(
    archive: &Archive,
    req: &QuoteRequest,
) -> Result<(Box<dyn Query>, bool), SearchError> {
    let fields = *archive.index.fields();
    let qb = QueryBuilder::new(&archive.index, &[fields.quote]);
    let scored = qb.parse_optional(req.words())?;
    let mut filters = vec![qb.kind(KIND_QUOTE)];
    filters.extend(qb.filters(&req.filters)?);
    let by_date = scored.is_none();
    Ok((combine(scored, filters), by_date))
}

/// The number of quotations a validated request matches (its `total`), without reading any.
pub(super) fn count(archive: &Archive, req: &QuoteRequest) -> Result<usize, SearchError> {
    let (query, _) = quote_query(archive, req)?;
    Ok(archive.searcher().search(&*query, &Count)?)
}

pub(super) fn quotes(archive: &Archive, req: &QuoteRequest) -> Result<QuoteResults, SearchError> {
    let (query, by_date) = quote_query(archive, req)?;
    let searcher = archive.searcher();
    let total = searcher.search(&*query, &Count)?;
    let window = (req.limit * 3).max(30);
    let stats = super::scoring::KindStatistics::new(
        &searcher,
        archive.index.fields(),
        KIND_QUOTE,
        &archive.tokens,
    );
    let ranked = super::scoring::ranked(&searcher, &stats, &*query, !by_date, window)?;
    let mut hits = Vec::with_capacity(ranked.len());
    for ((score, key), address) in ranked {
        let q = archive.index.read_quote(&searcher, address)?;
        let hit = QuoteHit {
            text: q.text,
            speaker: q.speaker,
            cue: q.cue,
            title: q.title,
            date: q.date.map(format_date),
            path: q.path,
            article_id: q.article_id,
            score,
        };
        hits.push((key, hit));
    }
    let quotes = order_quotes(hits, req.limit);
    Ok(QuoteResults {
        query: req.words().map(str::to_string),
        filters: req.filters.clone(),
        total,
        quotes,
    })
}

/// Quotations by score, then newest first and most recently added (`index::order_key`),
/// then by text (the quotations of one article share a key), each text and speaker once:
/// the same order on every engine.
pub(super) fn order_quotes(mut hits: Vec<(u64, QuoteHit)>, limit: usize) -> Vec<QuoteHit> {
    hits.sort_by(|(ka, a), (kb, b)| {
        b.score
            .total_cmp(&a.score)
            .then(kb.cmp(ka))
            .then(a.text.cmp(&b.text))
            .then(a.article_id.cmp(&b.article_id))
    });
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (_, hit) in hits {
        // The same quote from a duplicated article is shown once.
        if seen.insert((hit.text.clone(), hit.speaker.clone())) {
            out.push(hit);
        }
        if out.len() >= limit {
            break;
        }
    }
    out
}
