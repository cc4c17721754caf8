//! BM25 statistics of one kind of document. Articles and quotations share one index, and
//! Tantivy's statistics count both: an article's score would depend on how many
//! quotations the archive holds (quotation documents carry their article's headline), and
//! would differ from the same articles in an index of their own, as on Quickwit. Article
//! search and quotation search score with the statistics of their own kind instead:
//! documents of the kind, their documents per term, and their tokens per field.
//!
//! Token counts come from the index's totals less the other kinds' field lengths, read
//! from the field norms (exact below 40 tokens, so exact for the headlines and speaker
//! names quotations carry), or, for quotations, from their own field lengths. They are
//! computed once per field and searcher generation.

use std::collections::HashMap;
use std::sync::Mutex;

use tantivy::collector::Count;
use tantivy::query::{Bm25StatisticsProvider, BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use tantivy::DocSet;

use crate::index::order_key;
use crate::index::schema::{columns, KIND_ARTICLE, KIND_QUOTE, KIND_REPORTED};

/// Token totals already computed: (searcher generation, field, kind) → tokens.
#[derive(Default)]
pub(super) struct TokenCache(Mutex<HashMap<(u64, u32, &'static str), u64>>);

/// The statistics of documents of `kind` in a searcher.
pub(super) struct KindStatistics<'a> {
    searcher: &'a Searcher,
    kind_field: Field,
    kind: &'static str,
    docs: u64,
    cache: &'a TokenCache,
    /// Fields both kinds carry (a quotation has its article's headline, its words and its
    /// speaker); the others are the article's alone.
    shared: [Field; 3],
}

impl<'a> KindStatistics<'a> {
    /// Statistics of articles (`KIND_ARTICLE`), quotations (`KIND_QUOTE`) or reported
    /// speech (`KIND_REPORTED`).
    pub(super) fn new(
        searcher: &'a Searcher,
        fields: &crate::index::Fields,
        kind: &'static str,
        cache: &'a TokenCache,
    ) -> KindStatistics<'a> {
        let kind_field = fields.kind;
        let term = Term::from_field_text(kind_field, kind);
        let docs = searcher
            .search(&TermQuery::new(term, IndexRecordOption::Basic), &Count)
            .unwrap_or(0) as u64;
        KindStatistics {
            searcher,
            kind_field,
            kind,
            docs,
            cache,
            shared: [fields.title, fields.quote, fields.said_by],
        }
    }

    /// Sum of the field lengths of the documents of `kind` (deleted ones too, as in the
    /// index's own totals).
    fn kind_tokens(&self, field: Field, kind: &str) -> tantivy::Result<u64> {
        let quote = Term::from_field_text(self.kind_field, kind);
        let mut total = 0u64;
        for segment in self.searcher.segment_readers() {
            let Some(norms) = segment.fieldnorms_readers().get_field(field)? else {
                continue;
            };
            let index = segment.inverted_index(self.kind_field)?;
            // Every quotation document, deleted ones too (as in the index's own totals).
            let Some(mut docs) = index.read_postings(&quote, IndexRecordOption::Basic)? else {
                continue;
            };
            let mut doc = docs.doc();
            while doc != tantivy::TERMINATED {
                total += u64::from(norms.fieldnorm(doc));
                doc = docs.advance();
            }
        }
        Ok(total)
    }
}

impl Bm25StatisticsProvider for KindStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        let key = (
            self.searcher.generation().generation_id(),
            field.field_id(),
            self.kind,
        );
        if let Some(&n) = self
            .cache
            .0
            .lock()
            .ok()
            .and_then(|c| c.get(&key).copied())
            .as_ref()
        {
            return Ok(n);
        }
        let n = match (self.kind == KIND_ARTICLE, self.shared.contains(&field)) {
            // Quotations have no tokens there.
            (true, false) => self.searcher.total_num_tokens(field)?,
            (true, true) => {
                let quotes = self.kind_tokens(field, KIND_QUOTE)?;
                let reported = self.kind_tokens(field, KIND_REPORTED)?;
                self.searcher
                    .total_num_tokens(field)?
                    .saturating_sub(quotes + reported)
            }
            (false, _) => self.kind_tokens(field, self.kind)?,
        };
        if let Ok(mut cache) = self.cache.0.lock() {
            cache.insert(key, n);
        }
        Ok(n)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.docs.max(1))
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        if self.kind == KIND_ARTICLE && !self.shared.contains(&term.field()) {
            return self.searcher.doc_freq(term);
        }
        let kind = Term::from_field_text(self.kind_field, self.kind);
        let both: Vec<(Occur, Box<dyn Query>)> = vec![
            (
                Occur::Must,
                Box::new(TermQuery::new(term.clone(), IndexRecordOption::Basic)),
            ),
            (
                Occur::Must,
                Box::new(TermQuery::new(kind, IndexRecordOption::Basic)),
            ),
        ];
        Ok(self.searcher.search(&BooleanQuery::new(both), &Count)? as u64)
    }
}

/// The top `n` documents by score (all scores 0 unless `by_score`), then by
/// [`order_key`] (date, then added number), with both: how article and quotation searches
/// rank, and what Quickwit is asked to sort by.
pub(super) fn ranked<'a>(
    searcher: &Searcher,
    stats: &KindStatistics<'a>,
    query: &dyn Query,
    by_score: bool,
    n: usize,
) -> tantivy::Result<Vec<((f32, u64), tantivy::DocAddress)>> {
    let collector = tantivy::collector::TopDocs::with_limit(n).tweak_score(
        move |segment: &tantivy::SegmentReader| {
            let fast = segment.fast_fields();
            let dates = fast.date(columns::DATE).ok();
            let added = fast.u64(columns::ADDED).ok();
            move |doc: tantivy::DocId, score: f32| {
                let date = (dates.as_ref())
                    .and_then(|c| c.first(doc))
                    .map(|d| d.into_timestamp_secs());
                let added = added.as_ref().and_then(|c| c.first(doc)).unwrap_or(0);
                (if by_score { score } else { 0.0 }, order_key(date, added))
            }
        },
    );
    if by_score {
        searcher.search_with_statistics_provider(query, &collector, stats)
    } else {
        // The score is not used: the searcher's own statistics cost nothing.
        searcher.search(query, &collector)
    }
}
