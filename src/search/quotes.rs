//! Quotation search: who said what, ranked by the words of the quote, or everything a
//! person said, newest first.

use chrono::NaiveDate;
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::schema::TantivyDocument;
use tantivy::Order;

use super::query::{combine, NameField, QueryBuilder};
use super::{date_of, format_date, text_of, Archive, SearchError};
use crate::index::schema::{columns, KIND_QUOTE};

/// A `quotes` request.
#[derive(Debug, Clone, Default)]
pub struct QuoteRequest {
    pub text: Option<String>,
    pub by: Vec<String>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub limit: usize,
}

/// One quotation with its speaker and article.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteHit {
    pub text: String,
    pub speaker: Option<String>,
    pub cue: Option<String>,
    pub title: String,
    pub date: Option<String>,
    pub path: String,
    pub article_id: String,
    pub score: f32,
}

/// The answer to a quotes request.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteResults {
    pub total: usize,
    pub quotes: Vec<QuoteHit>,
}

pub(super) fn quotes(archive: &Archive, req: &QuoteRequest) -> Result<QuoteResults, SearchError> {
    let fields = *archive.index.fields();
    let qb = QueryBuilder::new(&archive.index, &[fields.quote]);
    let scored = qb.parse_optional(req.text.as_deref())?;
    let mut filters = vec![qb.kind(KIND_QUOTE)];
    for name in &req.by {
        filters.push(qb.name(NameField::SaidBy, name)?);
    }
    if req.since.is_some() || req.until.is_some() {
        filters.push(qb.date_range(req.since, req.until));
    }
    let by_date = scored.is_none();
    let query = combine(scored, filters);
    let searcher = archive.searcher();
    let total = searcher.search(&*query, &Count)?;
    let window = (req.limit.max(1) * 3).max(30);
    let ranked: Vec<(f32, tantivy::DocAddress)> = if by_date {
        searcher
            .search(
                &*query,
                &TopDocs::with_limit(window)
                    .order_by_fast_field::<tantivy::DateTime>(columns::DATE, Order::Desc),
            )?
            .into_iter()
            .map(|(_, a)| (0.0, a))
            .collect()
    } else {
        searcher.search(&*query, &TopDocs::with_limit(window).order_by_score())?
    };
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (score, address) in ranked {
        let doc: TantivyDocument = searcher.doc(address)?;
        let hit = QuoteHit {
            text: text_of(&doc, fields.quote).unwrap_or_default(),
            speaker: text_of(&doc, fields.speaker),
            cue: text_of(&doc, fields.cue),
            title: text_of(&doc, fields.title).unwrap_or_default(),
            date: date_of(&doc, fields.date).map(format_date),
            path: text_of(&doc, fields.path).unwrap_or_default(),
            article_id: text_of(&doc, fields.article_id).unwrap_or_default(),
            score,
        };
        // The same quote from a duplicated article is shown once.
        if seen.insert((hit.text.clone(), hit.speaker.clone())) {
            out.push(hit);
        }
        if out.len() >= req.limit.max(1) {
            break;
        }
    }
    Ok(QuoteResults { total, quotes: out })
}
