//! Quotation search: who said what, ranked by the words of the quote, or everything a
//! person said, newest first. Copies of one quotation in several articles are one entry
//! with its sources (`quote_groups`); each entry carries the words around it, the
//! speaker's role and the query's words highlighted.

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::snippet::SnippetGenerator;
use tantivy::Term;

use super::query::{combine, QueryBuilder};
pub use super::quote_groups::QuoteSource;
use super::quote_groups::{group, Copy, Group};
use super::request::{Filters, QuoteKinds, QuoteRequest};
use super::{format_date, Archive, SearchError};
use crate::extract::quotes::same;
use crate::extract::QuoteKind;
use crate::index::schema::{KIND_QUOTE, KIND_REPORTED};
use crate::index::StoredQuote;

/// Most sources read for one quotation (`source_count` counts them all).
pub const MAX_SOURCES: usize = 100;

/// The words of a quotation's paragraph around it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct QuoteContext {
    /// Before the quotation, its opening mark included ("…the minister said: “").
    pub before: String,
    /// After it, its closing mark included ("”, she added.").
    pub after: String,
}

/// One quotation with its speaker and article, and every other article that carries it.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteHit {
    /// The words quoted, without their marks.
    pub text: String,
    /// Canonical name of the speaker (the one most of its articles give), or null.
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
    /// `direct` (in marks) or `indirect` (reported speech).
    pub kind: QuoteKind,
    /// `person` or `org`, with a speaker.
    pub speaker_kind: Option<String>,
    /// The speaker's role as the article gives it ("the chief executive of Acme").
    pub role: Option<String>,
    /// The organisation a person speaker speaks for.
    pub affiliation: Option<String>,
    /// The words around the quotation in this article.
    pub context: QuoteContext,
    /// Byte ranges of the query's words in `text`.
    pub highlights: Vec<[usize; 2]>,
    /// The date of the earliest article carrying it.
    pub first_seen: Option<String>,
    /// Articles carrying it that match the request (all of them, up to [`MAX_SOURCES`]).
    pub source_count: usize,
    /// Those articles, earliest first, at most [`MAX_SOURCES`].
    pub sources: Vec<QuoteSource>,
}

/// The answer to a quotes request.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteResults {
    /// The words searched for, or null.
    pub query: Option<String>,
    /// The filters as applied.
    pub filters: Filters,
    /// Which quotations were searched.
    pub kinds: QuoteKinds,
    /// Matching quotation documents, every copy counted.
    pub total: usize,
    /// The quotations shown, each once with its sources.
    pub quotes: Vec<QuoteHit>,
}

/// The documents of the kinds asked for.
pub(super) fn kinds_query(qb: &QueryBuilder<'_>, kinds: QuoteKinds) -> Box<dyn Query> {
    match kinds {
        QuoteKinds::Direct => qb.kind(KIND_QUOTE),
        QuoteKinds::Indirect => qb.kind(KIND_REPORTED),
        QuoteKinds::All => Box::new(BooleanQuery::new(vec![
            (Occur::Should, qb.kind(KIND_QUOTE)),
            (Occur::Should, qb.kind(KIND_REPORTED)),
        ])),
    }
}

/// A request's scored words, if any, and its filters.
type Parts = (Option<Box<dyn Query>>, Vec<Box<dyn Query>>);

/// The words, if any, and the filters (kinds included) of a request.
fn parts(archive: &Archive, req: &QuoteRequest) -> Result<Parts, SearchError> {
    let fields = *archive.index.fields();
    let qb = QueryBuilder::new(&archive.index, &[fields.quote]);
    let scored = qb.parse_optional(req.words())?;
    let mut filters = vec![kinds_query(&qb, req.kinds)];
    filters.extend(qb.filters(&req.filters)?);
    Ok((scored, filters))
}

/// The number of quotations a validated request matches (its `total`), without reading any.
pub(super) fn count(archive: &Archive, req: &QuoteRequest) -> Result<usize, SearchError> {
    let (scored, filters) = parts(archive, req)?;
    Ok(archive
        .searcher()
        .search(&*combine(scored, filters), &Count)?)
}

pub(super) fn quotes(archive: &Archive, req: &QuoteRequest) -> Result<QuoteResults, SearchError> {
    let (scored, filters) = parts(archive, req)?;
    let by_date = scored.is_none();
    let searcher = archive.searcher();
    let highlighter = match &scored {
        Some(q) => {
            let mut g = SnippetGenerator::create(&searcher, &**q, archive.index.fields().quote)?;
            g.set_max_num_chars(usize::MAX / 2);
            Some(g)
        }
        None => None,
    };
    let query = combine(scored, clones(&filters));
    let total = searcher.search(&*query, &Count)?;
    // Copies take places in the window: read more than a page.
    let window = (req.limit * 5).max(50);
    let kind = if req.kinds == QuoteKinds::Indirect {
        KIND_REPORTED
    } else {
        KIND_QUOTE
    };
    let stats = super::scoring::KindStatistics::new(
        &searcher,
        archive.index.fields(),
        kind,
        &archive.tokens,
    );
    let ranked = super::scoring::ranked(&searcher, &stats, &*query, !by_date, window)?;
    let mut copies = Vec::with_capacity(ranked.len());
    // Every quotation of the window is in its group already: never read twice.
    let mut window_read = std::collections::HashSet::new();
    for ((score, key), address) in ranked {
        copies.push((key, archive.index.read_quote(&searcher, address)?, score));
        window_read.insert(address);
    }
    let mut groups = ranked_groups(copies, req.limit);
    for g in &mut groups {
        add_copies(archive, &searcher, &filters, &window_read, g)?;
    }
    let quotes = groups
        .iter()
        .map(|g| {
            let mut hit = hit_of(g, by_date);
            if let Some(h) = &highlighter {
                hit.highlights = highlights(h, &hit.text);
            }
            hit
        })
        .collect();
    Ok(QuoteResults {
        query: req.words().map(str::to_string),
        filters: req.filters.clone(),
        kinds: req.kinds,
        total,
        quotes,
    })
}

/// Quotations read as candidates for edited copies of each entry.
const NEAR_CANDIDATES: usize = 20;
/// Most distinct words of a quotation searched for its edited copies.
const NEAR_WORDS: usize = 32;

/// Every other copy of the group's quotation that matches the filters: the same words
/// anywhere in the archive (by key, all counted), and edited copies among the quotations
/// that share most of its words.
fn add_copies(
    archive: &Archive,
    searcher: &tantivy::Searcher,
    filters: &[Box<dyn Query>],
    window_read: &std::collections::HashSet<tantivy::DocAddress>,
    g: &mut Group<(f32, StoredQuote)>,
) -> Result<(), SearchError> {
    let fields = archive.index.fields();
    let mut keys: Vec<u64> = g
        .copies
        .iter()
        .map(|(c, _)| c.key)
        .filter(|&k| k != 0)
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let keyed = keys
        .iter()
        .map(|&k| Term::from_field_u64(fields.quote_key, k));
    let query = combine(Some(any_of(keyed)), clones(filters));
    let collector = (TopDocs::with_limit(MAX_SOURCES).order_by_score(), Count);
    let (found, count) = searcher.search(&*query, &collector)?;
    for (_, address) in found.into_iter().filter(|(_, a)| !window_read.contains(a)) {
        let q = archive.index.read_quote(searcher, address)?;
        g.add(copy_of(&q), (0.0, q));
    }
    let mut analyzer = searcher.index().tokenizer_for_field(fields.quote)?;
    let mut terms = Vec::new();
    let text = g.copies[0].0.text.clone();
    let mut stream = analyzer.token_stream(&text);
    while let Some(token) = stream.next() {
        let term = Term::from_field_text(fields.quote, &token.text);
        if !terms.contains(&term) && terms.len() < NEAR_WORDS {
            terms.push(term);
        }
    }
    drop(stream);
    let query = combine(Some(any_of(terms.into_iter())), clones(filters));
    let found = searcher.search(
        &*query,
        &TopDocs::with_limit(NEAR_CANDIDATES).order_by_score(),
    )?;
    for (_, address) in found.into_iter().filter(|(_, a)| !window_read.contains(a)) {
        let q = archive.index.read_quote(searcher, address)?;
        let copy = copy_of(&q);
        if g.takes(&copy, &same::words(&copy.text)) {
            g.add(copy, (0.0, q));
        }
    }
    g.source_count = count.max(g.copies.len());
    Ok(())
}

/// Documents holding any of `terms`.
fn any_of(terms: impl Iterator<Item = Term>) -> Box<dyn Query> {
    let clauses: Vec<(Occur, Box<dyn Query>)> = terms
        .map(|t| {
            let q: Box<dyn Query> = Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs));
            (Occur::Should, q)
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

fn clones(queries: &[Box<dyn Query>]) -> Vec<Box<dyn Query>> {
    queries.iter().map(|q| q.box_clone()).collect()
}

/// What grouping reads of a stored quotation.
fn copy_of(q: &StoredQuote) -> Copy {
    Copy {
        text: q.text.clone(),
        speaker: q.speaker.clone(),
        reported: q.reported,
        key: q.key,
        source: QuoteSource {
            article_id: q.article_id.clone(),
            path: q.path.clone(),
            title: q.title.clone(),
            date: q.date.map(format_date),
            speaker: q.speaker.clone(),
            text: q.text.clone(),
        },
    }
}

/// The entry of a group: its best copy, with the speaker most copies give (and that
/// speaker's role and affiliation from a copy that names them).
fn hit_of(g: &Group<(f32, StoredQuote)>, by_date: bool) -> QuoteHit {
    // Among equal copies of the best one, the earliest article (then the first path).
    let (top, (score, _)) = &g.copies[0];
    let (_, (_, best)) = g
        .copies
        .iter()
        .filter(|(c, (s, _))| c.key == top.key && (s == score || *s == 0.0))
        .min_by(|(a, _), (b, _)| {
            let at = |c: &Copy| {
                (
                    c.source.date.is_none(),
                    c.source.date.clone(),
                    c.source.path.clone(),
                )
            };
            at(a).cmp(&at(b))
        })
        .unwrap_or(&g.copies[0]);
    let speaker = g.speaker();
    let named = g
        .copies
        .iter()
        .map(|(_, (_, q))| q)
        .find(|q| q.speaker == speaker)
        .unwrap_or(best);
    let sources = g.sources();
    QuoteHit {
        text: best.text.clone(),
        cue: best.cue.clone(),
        title: best.title.clone(),
        date: best.date.map(format_date),
        path: best.path.clone(),
        article_id: best.article_id.clone(),
        score: if by_date { 0.0 } else { *score },
        kind: if best.reported {
            QuoteKind::Indirect
        } else {
            QuoteKind::Direct
        },
        speaker_kind: named.speaker_kind.clone(),
        role: named.role.clone(),
        affiliation: named.affiliation.clone(),
        context: QuoteContext {
            before: best.before.clone(),
            after: best.after.clone(),
        },
        highlights: Vec::new(),
        first_seen: sources.iter().find_map(|s| s.date.clone()),
        source_count: g.source_count.max(sources.len()),
        sources,
        speaker,
    }
}

/// Byte ranges of the query's words in a quotation's text.
fn highlights(generator: &SnippetGenerator, text: &str) -> Vec<[usize; 2]> {
    let snippet = generator.snippet(text);
    let offset = snippet.fragment_range().start;
    snippet
        .highlighted()
        .iter()
        .map(|r| [r.start + offset, r.end + offset])
        .filter(|[s, e]| text.is_char_boundary(*s) && text.is_char_boundary(*e))
        .collect()
}

/// Copies (order key, quotation, score) grouped in ranking order: by score, then newest
/// first and most recently added (`index::order_key`), then by text and article (the
/// quotations of one article share a key): the same order on every engine.
fn ranked_groups(
    mut ranked: Vec<(u64, StoredQuote, f32)>,
    limit: usize,
) -> Vec<Group<(f32, StoredQuote)>> {
    ranked.sort_by(|(ka, a, sa), (kb, b, sb)| {
        sb.total_cmp(sa)
            .then(kb.cmp(ka))
            .then(a.text.cmp(&b.text))
            .then(a.article_id.cmp(&b.article_id))
    });
    let copies = ranked
        .into_iter()
        .map(|(_, q, score)| (copy_of(&q), (score, q)))
        .collect();
    group(copies, limit)
}

/// Quotations ranked elsewhere (a Quickwit cluster), grouped as locally but within the
/// ranked window only.
pub(super) fn grouped_hits(
    ranked: Vec<(u64, StoredQuote, f32)>,
    limit: usize,
    by_date: bool,
) -> Vec<QuoteHit> {
    let groups = ranked_groups(ranked, limit);
    groups.iter().map(|g| hit_of(g, by_date)).collect()
}
