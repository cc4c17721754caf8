//! Article search: ranking (BM25 with a title boost, ties by date), paging, duplicate
//! collapsing and highlighted snippets.

use std::collections::{HashMap, HashSet};

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Searcher, Term};

use super::query::{combine, QueryBuilder};
use super::scoring::KindStatistics;
use super::{
    format_date, Archive, Hit, SearchError, SearchRequest, SearchResults, SimilarArticle, Sort,
};
use crate::extract::similar::{near, Shingles};
use crate::index::schema::{columns, KIND_ARTICLE};
use crate::index::NewsIndex;
use crate::index::StoredArticle;

/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 240;
/// Most copies of one duplicate listed with a hit.
const MAX_DUPLICATES: usize = 50;

pub(super) fn search(archive: &Archive, req: &SearchRequest) -> Result<SearchResults, SearchError> {
    let fields = *archive.index.fields();
    let defaults = if req.exact {
        vec![fields.exact]
    } else {
        vec![fields.title, fields.body]
    };
    let qb = QueryBuilder::new(&archive.index, &defaults);
    let scored = qb.parse_optional(req.text())?;
    let mut filters = vec![qb.kind(KIND_ARTICLE)];
    filters.extend(qb.filters(&req.filters)?);
    let query = combine(scored.as_ref().map(|q| q.box_clone()), filters);
    let searcher = archive.searcher();
    let total = searcher.search(&*query, &Count)?;
    let groups = top_groups(archive, &searcher, &*query, req)?;
    let snippets = snippet_generators(&searcher, scored.as_deref(), &fields)?;
    let mut hits = Vec::new();
    for group in groups.into_iter().skip(req.offset).take(req.limit) {
        let article = archive.index.read_article(&searcher, group.address)?;
        let duplicates = duplicates_of(archive, &searcher, &article)?;
        let mut hit = make_hit(article, group.score, &snippets, duplicates);
        for &address in group.similar.iter().take(MAX_DUPLICATES) {
            let copy = archive.index.read_article(&searcher, address)?;
            hit.similar.push(copy.path.clone());
            hit.similar_articles.push(SimilarArticle {
                id: copy.id,
                path: copy.path,
                title: copy.title,
                date: copy.date.map(format_date),
            });
        }
        hits.push(hit);
    }
    Ok(SearchResults {
        query: req.text().map(str::to_string),
        filters: req.filters.clone(),
        total,
        hits,
    })
}

struct Group {
    address: DocAddress,
    score: f32,
    /// Near-identical bodies collapsed into this hit (see `extract::similar`).
    similar: Vec<DocAddress>,
}

/// Top hits with exact duplicates collapsed, enough to serve offset + limit.
fn top_groups(
    archive: &Archive,
    searcher: &Searcher,
    query: &dyn Query,
    req: &SearchRequest,
) -> Result<Vec<Group>, SearchError> {
    let index = &archive.index;
    let stats = KindStatistics::new(searcher, index.fields(), KIND_ARTICLE, &archive.tokens);
    let want = req.offset + req.limit;
    let mut window = want * 2 + 10;
    let mut keys = SortKeys::default();
    let mut texts = Texts::default();
    loop {
        let ranked = ranked(searcher, &stats, query, req.sort, window)?;
        let exhausted = ranked.len() < window;
        let mut keyed = Vec::with_capacity(ranked.len());
        for (score, order, address) in ranked {
            let (fp, file, sig) = keys.get(searcher, address)?;
            keyed.push((score, order, file, fp, address, sig));
        }
        // Equal scores: newest first, then most recently added (`index::order_key`); copies
        // of one article (equal keys) by file name, so the one shown is the same on every
        // engine.
        keyed.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(b.1.cmp(&a.1))
                .then(a.2.cmp(&b.2))
                .then(a.4.cmp(&b.4))
        });
        // Exact copies: the one shown is the copy with the first file name, at the place
        // of the best-ranked copy (the same on every engine, whatever order ingest gave).
        let mut shown: HashMap<&str, usize> = HashMap::new();
        for (i, k) in keyed.iter().enumerate() {
            if !k.3.is_empty() {
                let best = shown.entry(k.3.as_str()).or_insert(i);
                if k.2 < keyed[*best].2 {
                    *best = i;
                }
            }
        }
        let order: Vec<usize> = (0..keyed.len())
            .map(|i| shown.get(keyed[i].3.as_str()).copied().unwrap_or(i))
            .collect();
        let mut seen = HashSet::new();
        let mut groups: Vec<(Group, u64)> = Vec::new();
        for i in order {
            let (score, _, _, fp, address, sig) = &keyed[i];
            let (score, address, sig) = (*score, *address, *sig);
            if !fp.is_empty() && !seen.insert(fp.clone()) {
                continue;
            }
            // A near-identical body joins the best-ranked hit it is near to.
            if req.collapse {
                if let Some(g) = texts.copy_of(index, searcher, &groups, address, sig)? {
                    groups[g].0.similar.push(address);
                    continue;
                }
            }
            let similar = Vec::new();
            groups.push((
                Group {
                    address,
                    score,
                    similar,
                },
                sig,
            ));
        }
        let groups: Vec<Group> = groups.into_iter().map(|(g, _)| g).collect();
        if groups.len() >= want || exhausted || window > 100_000 {
            return Ok(groups);
        }
        window *= 4;
    }
}

/// The shingles of the bodies compared so far, read once each.
#[derive(Default)]
struct Texts(HashMap<DocAddress, Shingles>);

impl Texts {
    /// The first group whose body `address`'s is a copy of: signatures [`near`], then
    /// the texts compared (only for those, so few bodies are read).
    fn copy_of(
        &mut self,
        index: &NewsIndex,
        searcher: &Searcher,
        groups: &[(Group, u64)],
        address: DocAddress,
        sig: u64,
    ) -> Result<Option<usize>, SearchError> {
        for (i, (group, group_sig)) in groups.iter().enumerate() {
            if !near(*group_sig, sig) {
                continue;
            }
            for a in [group.address, address] {
                if let std::collections::hash_map::Entry::Vacant(slot) = self.0.entry(a) {
                    slot.insert(Shingles::of(&index.read_article(searcher, a)?.body));
                }
            }
            if self.0[&group.address].resembles(&self.0[&address]) {
                return Ok(Some(i));
            }
        }
        Ok(None)
    }
}

/// Fingerprint, file and body signature of hits, read from fast columns (no stored-document
/// reads).
#[derive(Default)]
struct SortKeys {
    columns: HashMap<u32, SegmentKeys>,
}

/// One segment's fingerprint, file and signature columns.
type SegmentKeys = (
    Option<tantivy::columnar::StrColumn>,
    Option<tantivy::columnar::StrColumn>,
    tantivy::columnar::Column<u64>,
);

impl SortKeys {
    fn get(
        &mut self,
        searcher: &Searcher,
        address: DocAddress,
    ) -> Result<(String, String, u64), SearchError> {
        if let std::collections::hash_map::Entry::Vacant(slot) =
            self.columns.entry(address.segment_ord)
        {
            let fast = searcher.segment_reader(address.segment_ord).fast_fields();
            slot.insert((
                fast.str(columns::FINGERPRINT)?,
                fast.str(columns::FILE)?,
                fast.u64(columns::SIMHASH)?,
            ));
        }
        let Some((fps, files, sigs)) = self.columns.get(&address.segment_ord) else {
            return Ok((String::new(), String::new(), 0));
        };
        let first = |col: &Option<tantivy::columnar::StrColumn>| -> Result<String, SearchError> {
            let mut out = String::new();
            if let Some(col) = col {
                if let Some(ord) = col.term_ords(address.doc_id).next() {
                    col.ord_to_str(ord, &mut out).map_err(SearchError::Io)?;
                }
            }
            Ok(out)
        };
        let sig = sigs.first(address.doc_id).unwrap_or(0);
        Ok((first(fps)?, first(files)?, sig))
    }
}

/// The top `n` by score (none when sorted by date) and then [`order_key`], with that key.
fn ranked(
    searcher: &Searcher,
    stats: &KindStatistics<'_>,
    query: &dyn Query,
    sort: Sort,
    n: usize,
) -> Result<Vec<(f32, u64, DocAddress)>, SearchError> {
    let top = super::scoring::ranked(searcher, stats, query, sort == Sort::Relevance, n)?;
    Ok(top
        .into_iter()
        .map(|((score, key), address)| (score, key, address))
        .collect())
}

fn duplicates_of(
    archive: &Archive,
    searcher: &Searcher,
    article: &StoredArticle,
) -> Result<Vec<String>, SearchError> {
    let Some(fp) = &article.fingerprint else {
        return Ok(Vec::new());
    };
    let term = Term::from_field_text(archive.index.fields().fingerprint, fp);
    if searcher.doc_freq(&term)? < 2 {
        return Ok(Vec::new());
    }
    let query = TermQuery::new(term, IndexRecordOption::Basic);
    let mut paths = Vec::new();
    for (_, address) in searcher.search(
        &query,
        &TopDocs::with_limit(MAX_DUPLICATES).order_by_score(),
    )? {
        let copy = archive.index.read_article(searcher, address)?;
        if copy.path != article.path {
            paths.push(copy.path);
        }
    }
    paths.sort();
    Ok(paths)
}

/// What finds the query's words in a body: Tantivy's snippets for the words as analysed
/// for `body`, and the exact words (case kept) read with the `exact` analyzer, which
/// Tantivy's snippets cannot match (they lowercase every token).
struct Snippets {
    body: Option<SnippetGenerator>,
    exact: Option<(tantivy::tokenizer::TextAnalyzer, HashSet<String>)>,
}

fn snippet_generators(
    searcher: &tantivy::Searcher,
    scored: Option<&dyn tantivy::query::Query>,
    fields: &crate::index::Fields,
) -> Result<Snippets, SearchError> {
    let Some(q) = scored else {
        return Ok(Snippets {
            body: None,
            exact: None,
        });
    };
    let mut body = SnippetGenerator::create(searcher, q, fields.body)?;
    body.set_max_num_chars(SNIPPET_CHARS);
    let mut words = HashSet::new();
    q.query_terms(&mut |term, _| {
        if term.field() == fields.exact {
            if let Some(text) = term.value().as_str() {
                words.insert(text.to_string());
            }
        }
    });
    let exact = if words.is_empty() {
        None
    } else {
        Some((searcher.index().tokenizer_for_field(fields.exact)?, words))
    };
    Ok(Snippets {
        body: Some(body),
        exact,
    })
}

/// The first passage of `body` holding an exact word, with the words' ranges in it.
fn exact_snippet(
    body: &str,
    analyzer: &tantivy::tokenizer::TextAnalyzer,
    words: &HashSet<String>,
) -> Option<(std::ops::Range<usize>, Vec<std::ops::Range<usize>>)> {
    let mut analyzer = analyzer.clone();
    let mut stream = analyzer.token_stream(body);
    let mut found: Vec<std::ops::Range<usize>> = Vec::new();
    while let Some(token) = stream.next() {
        if words.contains(&token.text) {
            found.push(token.offset_from..token.offset_to);
        }
    }
    let first = found.first()?.start;
    let start = floor_char(body, first.saturating_sub(SNIPPET_CHARS / 4));
    let end = floor_char(body, (start + SNIPPET_CHARS).min(body.len()));
    let inside = found
        .iter()
        .filter(|r| r.end <= end)
        .map(|r| r.start - start..r.end - start)
        .collect();
    Some((start..end, inside))
}

fn make_hit(
    article: StoredArticle,
    score: f32,
    snippets: &Snippets,
    duplicates: Vec<String>,
) -> Hit {
    let body = &article.body;
    let stemmed = snippets.body.as_ref().map(|g| g.snippet(body));
    let exact = (snippets.exact.as_ref()).and_then(|(a, words)| exact_snippet(body, a, words));
    let (snippet, highlights) = match (stemmed, exact) {
        (Some(s), _) if !s.highlighted().is_empty() => {
            widen(body, s.fragment_range(), s.highlighted())
        }
        (_, Some((range, marks))) => widen(body, range, &marks),
        (Some(s), None) if !s.is_empty() => widen(body, s.fragment_range(), s.highlighted()),
        _ => (lead(body, SNIPPET_CHARS), Vec::new()),
    };
    Hit {
        id: article.id,
        path: article.path,
        title: article.title,
        date: article.date.map(format_date),
        author: article.author,
        source: article.source,
        url: article.url,
        score,
        snippet,
        highlights,
        persons: article.persons,
        duplicates,
        similar: Vec::new(),
        similar_articles: Vec::new(),
    }
}

/// Widens a snippet fragment to whole words (Tantivy cuts at token boundaries, which would
/// drop a leading "£" or quotation mark), starting at a sentence when one begins shortly
/// before, and marks cut ends with "…".
pub(super) fn widen(
    body: &str,
    range: std::ops::Range<usize>,
    highlights: &[std::ops::Range<usize>],
) -> (String, Vec<[usize; 2]>) {
    let (mut start, mut end) = (range.start.min(body.len()), range.end.min(body.len()));
    let before = &body[..start];
    let word_start = before.rfind(char::is_whitespace).map_or(0, |p| p + 1);
    start = word_start.min(start);
    let window_start = floor_char(body, start.saturating_sub(80));
    let mut at_sentence = start == 0;
    if let Some(p) = body[window_start..start].rfind(". ") {
        start = window_start + p + 2;
        at_sentence = true;
    }
    end += body[end..]
        .find(char::is_whitespace)
        .unwrap_or(body.len() - end);
    let prefix = if at_sentence { "" } else { "… " };
    let suffix = if end < body.len() { " …" } else { "" };
    let text = format!("{prefix}{}{suffix}", &body[start..end]);
    // Tantivy's highlight ranges are relative to the fragment.
    let shift = |x: usize| x + (range.start - start) + prefix.len();
    let moved: Vec<std::ops::Range<usize>> = highlights
        .iter()
        .map(|r| shift(r.start)..shift(r.end))
        .collect();
    collapse_whitespace(&text, &moved)
}

fn floor_char(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Collapses whitespace runs (paragraph breaks) to one space, moving highlight ranges along.
fn collapse_whitespace(text: &str, ranges: &[std::ops::Range<usize>]) -> (String, Vec<[usize; 2]>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    let mut last_space = true;
    for (i, c) in text.char_indices() {
        while map.len() <= i {
            map.push(out.len());
        }
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(c);
            last_space = false;
        }
    }
    while map.len() <= text.len() {
        map.push(out.len());
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    let moved = ranges
        .iter()
        .map(|r| {
            [
                map[r.start.min(text.len())].min(trimmed),
                map[r.end.min(text.len())].min(trimmed),
            ]
        })
        .filter(|[a, b]| a < b)
        .collect();
    (out, moved)
}

/// The opening of a text, cut at a word boundary, whitespace collapsed.
pub(crate) fn lead(text: &str, max_chars: usize) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > max_chars {
            if out.is_empty() {
                out.extend(word.chars().take(max_chars));
            }
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_collapses_and_ranges_follow() {
        let text = "rates rose.\n\nThe bank  held rates ";
        let (out, ranges) = collapse_whitespace(text, &[0..5, 28..33]);
        assert_eq!(out, "rates rose. The bank held rates");
        assert_eq!(ranges, vec![[0, 5], [26, 31]]);
        assert_eq!(&out[26..31], "rates");
    }

    #[test]
    fn snippets_widen_to_whole_words_and_keep_highlights() {
        let body = "Rates rose. A £15.8m signing from Parma was sacked.";
        let start = body.find("15.8m").unwrap();
        let parma = body.find("Parma").unwrap();
        let highlight = (parma - start)..(parma - start + 5);
        let (text, ranges) = widen(body, start..parma + 5, std::slice::from_ref(&highlight));
        assert_eq!(text, "A £15.8m signing from Parma …");
        let [a, b] = ranges[0];
        assert_eq!(&text[a..b], "Parma");
    }

    #[test]
    fn lead_cuts_at_a_word_boundary() {
        assert_eq!(lead("One two three four", 9), "One two…");
        assert_eq!(lead("Short", 9), "Short");
    }
}
