//! The same requests answered by a Quickwit cluster: [`RemoteArchive`] translates each
//! request (`translate`), sends it through a [`Transport`] (the HTTP client lives in
//! `crate::quickwit`; this module never opens a socket), and turns Quickwit's answer into
//! the same result types as a local [`Archive`](super::Archive): hits collapsed by
//! fingerprint and near-identical body, snippets cut by newsdex from the returned body,
//! people counted by terms aggregations with spellings merged as locally, quotations
//! listed once per text and speaker.
//!
//! Searches go to Quickwit's Elasticsearch-compatible endpoint with the query text in
//! Quickwit's own language (`query_string`), because only its answers carry each hit's
//! score and sort key: hits are then ordered as locally (score, `index::order_key`, file).

mod translate;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::articles::{lead, widen};
use super::people::{group_names, EntityCount, PeopleResults};
use super::quotes::QuoteResults;
use super::request::{
    PeopleRequest, QuoteKinds, QuoteRequest, SearchRequest, Sort, TimelineRequest,
};
use super::{format_date, Hit, SearchError, SearchResults, SimilarArticle};
use super::{ArticleView, TimelineResults};
use crate::extract::similar::{near, Shingles};
use crate::extract::EntityKind;
use crate::index::quickwit::{self as qw, Collection};
use crate::index::StoredQuote;

pub use translate::{translate, Translated};

/// Longest snippet, in characters (as locally).
const SNIPPET_CHARS: usize = 240;
/// Most names of one kind a `people` request reads from Quickwit's terms aggregation.
const MAX_NAMES: usize = 10_000;
/// Most copies of one duplicate listed with a hit.
const MAX_DUPLICATES: usize = 50;

/// Why Quickwit could not answer.
#[derive(Debug, thiserror::Error)]
pub enum RemoteError {
    /// No answer (refused, timed out, cut off).
    #[error("cannot reach Quickwit at {url}: {reason}; check that the cluster is up and the address is right")]
    Unreachable {
        /// The address asked.
        url: String,
        /// What the connection said.
        reason: String,
    },
    /// An answer other than success.
    #[error("Quickwit answered {status} to {url}: {message}")]
    Status {
        /// The address asked.
        url: String,
        /// The HTTP status.
        status: u16,
        /// Quickwit's message.
        message: String,
    },
    /// A success whose body is not what Quickwit 0.9 sends.
    #[error("unexpected answer from Quickwit at {url}: {reason}")]
    Answer {
        /// The address asked.
        url: String,
        /// What was wrong with it.
        reason: String,
    },
}

/// Sends one search to Quickwit: `index`'s `/search` endpoint, a JSON body, the JSON answer.
pub trait Transport: Send + Sync {
    /// POSTs `body` to `/api/v1/_elastic/{index}/_search` and returns the decoded answer.
    fn search(&self, index: &str, body: &Value) -> Result<Value, RemoteError>;
    /// GETs a path of the REST API (`/api/v1/...`); none for a 404.
    fn get(&self, path: &str) -> Result<Option<Value>, RemoteError>;
}

/// An archive served by Quickwit: the two indexes `push` made from a local one.
pub struct RemoteArchive {
    transport: Box<dyn Transport>,
    base: String,
    /// File states replaced by a later push whose delete task Quickwit has not applied
    /// yet, per index, with when they were read.
    stale: Mutex<HashMap<String, (Instant, Vec<String>)>>,
}

/// How long the list of replaced file states is trusted.
const STALE_FOR: Duration = Duration::from_secs(5);

impl RemoteArchive {
    /// The archive whose indexes are `{base}-articles` and `{base}-quotes`.
    pub fn new(transport: Box<dyn Transport>, base: &str) -> RemoteArchive {
        RemoteArchive {
            transport,
            base: base.to_string(),
            stale: Mutex::new(HashMap::new()),
        }
    }

    fn ask(&self, collection: Collection, body: &Value) -> Result<Value, SearchError> {
        let index = collection.index_id(&self.base);
        let stale = self.stale_states(&index)?;
        let mut body = body.clone();
        if !stale.is_empty() {
            let set: Vec<String> = stale.iter().map(|s| format!("\"{}\"", escape(s))).collect();
            let clause = format!(" -{}: IN [{}]", qw::FILE_STATE, set.join(" "));
            let text = match body["query"].get("bool") {
                Some(_) => &mut body["query"]["bool"]["must"][0]["query_string"]["query"],
                None => &mut body["query"]["query_string"]["query"],
            };
            if let Some(q) = text.as_str() {
                *text = Value::String(format!("{q}{clause}"));
            }
        }
        let answer = self.transport.search(&index, &body)?;
        if let Some(errors) = answer["errors"].as_array().filter(|e| !e.is_empty()) {
            return Err(RemoteError::Answer {
                url: index,
                reason: errors
                    .iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("; "),
            }
            .into());
        }
        Ok(answer)
    }

    /// The file states of `index` that a later push replaced and whose delete task is not
    /// applied yet (Quickwit applies one only to splits older than the task, and often only
    /// when they mature, two days later): searches leave them out, so a changed file is
    /// replaced at once.
    fn stale_states(&self, index: &str) -> Result<Vec<String>, SearchError> {
        if let Ok(cache) = self.stale.lock() {
            if let Some((at, states)) = cache.get(index) {
                if at.elapsed() < STALE_FOR {
                    return Ok(states.clone());
                }
            }
        }
        let tasks = self
            .transport
            .get(&format!("/api/v1/{index}/delete-tasks"))?
            .unwrap_or_default();
        let splits = self
            .transport
            .get(&format!(
                "/api/v1/indexes/{index}/splits?split_states=Published"
            ))?
            .unwrap_or_default();
        let oldest = splits["splits"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s["delete_opstamp"].as_u64())
            .min();
        let states: Vec<String> = tasks
            .as_array()
            .into_iter()
            .flatten()
            .filter(|t| oldest.is_some_and(|o| t["opstamp"].as_u64().unwrap_or(0) > o))
            .filter_map(qw::deleted_state)
            .collect();
        if let Ok(mut cache) = self.stale.lock() {
            cache.insert(index.to_string(), (Instant::now(), states.clone()));
        }
        Ok(states)
    }

    /// Ranked article search, as [`Archive::search`](super::Archive::search).
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults, SearchError> {
        req.validate()?;
        let defaults = if req.exact {
            translate::EXACT_DEFAULTS
        } else {
            translate::ARTICLE_DEFAULTS
        };
        let t = translate(req.text(), &req.filters, defaults)?;
        let want = req.offset + req.limit;
        let mut window = want * 2 + 10;
        loop {
            let answer = self.ask(Collection::Articles, &search_body(&t.query, req, window))?;
            let mut docs = hits(&answer);
            let exhausted = docs.len() < window;
            if req.sort == Sort::Date {
                docs.iter_mut().for_each(|d| d.score = 0.0);
            }
            // As locally: score, then `order_key`, then copies by file name.
            docs.sort_by(|a, b| {
                b.score
                    .total_cmp(&a.score)
                    .then(b.key.cmp(&a.key))
                    .then(string(&a.doc, "file").cmp(&string(&b.doc, "file")))
            });
            let groups = group(docs, req.collapse);
            if groups.len() >= want || exhausted || window > 10_000 {
                let total = total(&answer) as usize;
                let page: Vec<Group> = groups
                    .into_iter()
                    .skip(req.offset)
                    .take(req.limit)
                    .collect();
                let duplicates = self.duplicates(&page)?;
                let weights = self.snippet_weights(&t.body_terms)?;
                let hits = page
                    .into_iter()
                    .map(|g| make_hit(g, &weights, &duplicates))
                    .collect();
                return Ok(SearchResults {
                    query: req.text().map(str::to_string),
                    filters: req.filters.clone(),
                    total,
                    hits,
                });
            }
            window *= 4;
        }
    }

    /// The weight of each body word in choosing a snippet, as Tantivy's snippets weigh them
    /// locally: 1 / (1 + articles with the word).
    fn snippet_weights(&self, terms: &[String]) -> Result<BTreeMap<String, f32>, SearchError> {
        let mut out = BTreeMap::new();
        for term in terms {
            if out.contains_key(term) {
                continue;
            }
            let query = format!("body:\"{}\"", escape(term));
            let n = total(&self.ask(Collection::Articles, &es_body(&query, 0, None))?);
            if n > 0 {
                out.insert(term.clone(), 1.0 / (1.0 + n as f32));
            }
        }
        Ok(out)
    }

    /// Paths of every copy of each hit's fingerprint (one request for the page).
    fn duplicates(&self, page: &[Group]) -> Result<HashMap<String, Vec<String>>, SearchError> {
        let fps: Vec<String> = page
            .iter()
            .filter_map(|g| g.doc[qw::FINGERPRINT].as_str().map(str::to_string))
            .filter(|f| !f.is_empty())
            .collect();
        let mut out: HashMap<String, Vec<String>> = HashMap::new();
        if fps.is_empty() {
            return Ok(out);
        }
        let set = fps.iter().map(|f| format!("\"{f}\"")).collect::<Vec<_>>();
        let query = format!("{}: IN [{}]", qw::FINGERPRINT, set.join(" "));
        let body = es_body(&query, MAX_DUPLICATES * fps.len(), None);
        for Ranked { doc, .. } in hits(&self.ask(Collection::Articles, &body)?) {
            if let (Some(fp), Some(path)) = (doc[qw::FINGERPRINT].as_str(), doc["path"].as_str()) {
                out.entry(fp.to_string())
                    .or_default()
                    .push(path.to_string());
            }
        }
        Ok(out)
    }

    /// Quotation search, as [`Archive::quotes`](super::Archive::quotes).
    pub fn quotes(&self, req: &QuoteRequest) -> Result<QuoteResults, SearchError> {
        req.validate()?;
        if req.kinds != QuoteKinds::Direct {
            return Err(SearchError::Unsupported(
                "reported speech is searched in the local index only (leave out --quickwit)".into(),
            ));
        }
        let t = translate(req.words(), &req.filters, translate::QUOTE_DEFAULTS)?;
        let body = es_body(&t.query, (req.limit * 3).max(30), None);
        let answer = self.ask(Collection::Quotes, &body)?;
        let by_date = req.words().is_none();
        let mut ranked = Vec::new();
        for Ranked { doc, score, key } in hits(&answer) {
            let quote = StoredQuote {
                text: string(&doc, "quote_text"),
                speaker: doc[qw::SPEAKER].as_str().map(str::to_string),
                cue: doc["cue"].as_str().map(str::to_string),
                title: string(&doc, "title_text"),
                date: datetime(&doc),
                path: string(&doc, "path"),
                article_id: string(&doc, "article_id"),
                ..StoredQuote::default()
            };
            ranked.push((key, quote, score));
        }
        Ok(QuoteResults {
            query: req.words().map(str::to_string),
            filters: req.filters.clone(),
            kinds: req.kinds,
            total: total(&answer) as usize,
            quotes: super::quotes::grouped_hits(ranked, req.limit, by_date),
        })
    }

    /// Matches per period, as [`Archive::timeline`](super::Archive::timeline): the same
    /// aggregations, answered by Quickwit.
    pub fn timeline(&self, req: &TimelineRequest) -> Result<TimelineResults, SearchError> {
        req.validate()?;
        let (collection, defaults) = if req.quotes {
            (Collection::Quotes, translate::QUOTE_DEFAULTS)
        } else {
            (Collection::Articles, translate::ARTICLE_DEFAULTS)
        };
        let t = translate(req.text(), &req.filters, defaults)?;
        let total = total(&self.ask(collection, &es_body(&t.query, 0, None))?);
        let run = |aggs: Value| -> Result<Value, SearchError> {
            let answer = self.ask(collection, &es_body(&t.query, 0, Some(aggs)))?;
            Ok(answer["aggregations"].clone())
        };
        let (by, buckets) = super::timeline::bars(req, &run)?;
        Ok(super::timeline::results(req, by, buckets, total))
    }

    /// The whole article with this id, as [`Archive::article`](super::Archive::article).
    pub fn article(&self, id: &str) -> Result<Option<ArticleView>, SearchError> {
        let query = format!("id:\"{}\"", escape(id));
        let answer = self.ask(Collection::Articles, &es_body(&query, 1, None))?;
        Ok(hits(&answer)
            .into_iter()
            .next()
            .map(|r| super::article::view(qw::stored_article(&r.doc))))
    }

    /// Number of articles.
    pub fn article_count(&self) -> Result<u64, SearchError> {
        Ok(total(
            &self.ask(Collection::Articles, &es_body("*", 0, None))?,
        ))
    }

    /// Entity counts, as [`Archive::people`](super::Archive::people).
    pub fn people(&self, req: &PeopleRequest) -> Result<PeopleResults, SearchError> {
        req.validate()?;
        let t = translate(req.text(), &req.filters, translate::ARTICLE_DEFAULTS)?;
        let kinds: Vec<EntityKind> = match req.kind {
            Some(k) => vec![k],
            None => EntityKind::ALL.to_vec(),
        };
        let (all, total) = self.count_all(&t.query, &kinds)?;
        let (entities, with_articles) = match req.with.as_deref() {
            None => (all, None),
            Some(with) => {
                let mut any = Vec::new();
                for field in [
                    super::NameField::Person,
                    super::NameField::Org,
                    super::NameField::Place,
                ] {
                    any.push(translate::name_clause(field, with)?);
                }
                let beside = format!("{} +({})^0", t.query, any.join(" OR "));
                let (shared, with_n) = self.count_all(&beside, &kinds)?;
                let ranked = super::companions::rank(with, shared, &all, total, with_n);
                (ranked, Some(with_n))
            }
        };
        Ok(PeopleResults::answer(req, entities, with_articles))
    }

    /// Every entity of `kinds` in the matches of `query`, spellings merged, most articles
    /// first; and the number of matches.
    fn count_all(
        &self,
        query: &str,
        kinds: &[EntityKind],
    ) -> Result<(Vec<EntityCount>, u64), SearchError> {
        let mut aggs = serde_json::Map::new();
        for &kind in kinds {
            aggs.insert(
                facet(kind).to_string(),
                json!({"terms": {"field": facet(kind), "size": MAX_NAMES}}),
            );
        }
        let body = es_body(query, 0, Some(Value::Object(aggs)));
        let answer = self.ask(Collection::Articles, &body)?;
        let total = total(&answer);
        let mut all = Vec::new();
        for &kind in kinds {
            let mut counts: HashMap<String, u64> = HashMap::new();
            for bucket in answer["aggregations"][facet(kind)]["buckets"]
                .as_array()
                .into_iter()
                .flatten()
            {
                if let (Some(name), Some(n)) =
                    (bucket["key"].as_str(), bucket["doc_count"].as_u64())
                {
                    counts.insert(name.to_string(), n);
                }
            }
            all.extend(self.merged(query, kind, &counts)?);
        }
        all.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.name.cmp(&b.name)));
        Ok((all, total))
    }

    /// Names grouped as locally; a group of several spellings is counted by one more
    /// request (an article naming two spellings counts once).
    fn merged(
        &self,
        query: &str,
        kind: EntityKind,
        counts: &HashMap<String, u64>,
    ) -> Result<Vec<EntityCount>, SearchError> {
        let groups = group_names(counts, kind == EntityKind::Person);
        let mut members: BTreeMap<usize, Vec<&String>> = BTreeMap::new();
        for (name, &g) in &groups.of {
            members.entry(g).or_default().push(name);
        }
        let mut out = Vec::new();
        for (g, names) in members {
            let articles = if let [only] = names.as_slice() {
                counts.get(*only).copied().unwrap_or(0)
            } else {
                let set: Vec<String> = names.iter().map(|n| format!("\"{}\"", escape(n))).collect();
                let q = format!("{query} +({}: IN [{}])^0", facet(kind), set.join(" "));
                total(&self.ask(Collection::Articles, &es_body(&q, 0, None))?)
            };
            out.push(EntityCount {
                name: groups.names[g].clone(),
                kind,
                articles,
                in_all: None,
                lift: None,
                score: None,
                aliases: Vec::new(),
            });
        }
        Ok(out)
    }
}

fn facet(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => qw::PERSON_FACET,
        EntityKind::Org => qw::ORG_FACET,
        EntityKind::Place => qw::PLACE_FACET,
    }
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

fn search_body(query: &str, req: &SearchRequest, window: usize) -> Value {
    let mut body = es_body(query, window, None);
    // Time pruning: Quickwit skips splits outside the filter's days.
    let day = |d: chrono::NaiveDate| format!("{}T00:00:00Z", d.format("%Y-%m-%d"));
    let mut range = serde_json::Map::new();
    if let Some(s) = req.filters.since {
        range.insert("gte".into(), json!(day(s)));
    }
    if let Some(u) = req.filters.until.and_then(|d| d.succ_opt()) {
        range.insert("lt".into(), json!(day(u)));
    }
    if !range.is_empty() {
        // Quickwit scores a filter's range 1 unless boosted by 0; locally filters score 0.
        range.insert("boost".into(), json!(0));
        let text = body["query"].take();
        body["query"] =
            json!({"bool": {"must": [text], "filter": [{"range": {qw::TIMESTAMP: range}}]}});
    }
    body
}

/// A search in Quickwit's Elasticsearch-compatible form: the query text (Quickwit's query
/// language), sorted by score then [`qw::ORDER_KEY`] so each hit comes with both (the
/// native endpoint returns no scores), every match counted.
fn es_body(query: &str, size: usize, aggs: Option<Value>) -> Value {
    let mut body = json!({
        "query": {"query_string": {"query": query, "default_operator": "AND"}},
        "size": size,
        "sort": [{"_score": {"order": "desc"}}, {qw::ORDER_KEY: {"order": "desc"}}],
        "track_total_hits": true,
    });
    if let Some(aggs) = aggs {
        body["aggs"] = aggs;
    }
    body
}

/// One hit: its document, score and order key.
struct Ranked {
    doc: Value,
    score: f32,
    key: u64,
}

fn hits(answer: &Value) -> Vec<Ranked> {
    let list = answer["hits"]["hits"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    list.into_iter()
        .map(|mut h| Ranked {
            score: h["sort"][0].as_f64().unwrap_or(0.0) as f32,
            key: h["sort"][1].as_u64().unwrap_or(0),
            doc: h["_source"].take(),
        })
        .collect()
}

fn total(answer: &Value) -> u64 {
    answer["hits"]["total"]["value"].as_u64().unwrap_or(0)
}

fn string(doc: &Value, field: &str) -> String {
    doc[field].as_str().unwrap_or_default().to_string()
}

fn date(doc: &Value) -> Option<String> {
    datetime(doc).map(format_date)
}

fn datetime(doc: &Value) -> Option<chrono::DateTime<chrono::Utc>> {
    let text = doc[qw::DATE].as_str()?;
    let d = chrono::DateTime::parse_from_rfc3339(text).ok()?;
    Some(d.with_timezone(&chrono::Utc))
}

struct Group {
    doc: Value,
    score: f32,
    similar: Vec<Value>,
}

/// Exact duplicates dropped, near-identical bodies joined to the best-ranked hit they are
/// near to (as `articles::top_groups`).
fn group(docs: Vec<Ranked>, collapse: bool) -> Vec<Group> {
    // Exact copies: the copy with the first file name, at the best-ranked copy's place.
    let mut shown: HashMap<String, usize> = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        let fp = string(&d.doc, qw::FINGERPRINT);
        if !fp.is_empty() {
            let best = shown.entry(fp).or_insert(i);
            if string(&d.doc, "file") < string(&docs[*best].doc, "file") {
                *best = i;
            }
        }
    }
    let mut seen = HashSet::new();
    let mut groups: Vec<(Group, u64, Option<Shingles>)> = Vec::new();
    for i in 0..docs.len() {
        let fp = string(&docs[i].doc, qw::FINGERPRINT);
        let pick = shown.get(&fp).copied().unwrap_or(i);
        if !fp.is_empty() && !seen.insert(fp) {
            continue;
        }
        let (doc, score) = (docs[pick].doc.clone(), docs[pick].score);
        let sig = doc["simhash"].as_u64().unwrap_or(0);
        if collapse {
            let mut shingles: Option<Shingles> = None;
            let mut joined = false;
            for (g, group_sig, group_shingles) in groups.iter_mut() {
                if !near(*group_sig, sig) {
                    continue;
                }
                let mine = shingles
                    .get_or_insert_with(|| Shingles::of(doc["body_text"].as_str().unwrap_or("")));
                let theirs = group_shingles
                    .get_or_insert_with(|| Shingles::of(g.doc["body_text"].as_str().unwrap_or("")));
                if theirs.resembles(mine) {
                    g.similar.push(doc.clone());
                    joined = true;
                    break;
                }
            }
            if joined {
                continue;
            }
        }
        groups.push((
            Group {
                doc,
                score,
                similar: Vec::new(),
            },
            sig,
            None,
        ));
    }
    groups.into_iter().map(|(g, _, _)| g).collect()
}

fn make_hit(
    g: Group,
    weights: &BTreeMap<String, f32>,
    duplicates: &HashMap<String, Vec<String>>,
) -> Hit {
    let doc = &g.doc;
    let body = doc["body_text"].as_str().unwrap_or_default();
    let (snippet, highlights) = snippet(body, weights);
    let path = string(doc, "path");
    let fp = string(doc, qw::FINGERPRINT);
    let mut dups: Vec<String> = duplicates
        .get(&fp)
        .map(|p| p.iter().filter(|p| **p != path).cloned().collect())
        .unwrap_or_default();
    dups.sort();
    dups.dedup();
    let strings = |field: &str| -> Vec<String> {
        doc[field]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    };
    let similar_articles: Vec<SimilarArticle> = g
        .similar
        .iter()
        .take(MAX_DUPLICATES)
        .map(|c| SimilarArticle {
            id: string(c, "id"),
            path: string(c, "path"),
            title: string(c, "title_text"),
            date: date(c),
        })
        .collect();
    Hit {
        id: string(doc, "id"),
        path,
        title: string(doc, "title_text"),
        date: date(doc),
        author: doc["author_text"].as_str().map(str::to_string),
        source: doc["source_text"].as_str().map(str::to_string),
        url: doc["url"].as_str().map(str::to_string),
        score: g.score,
        snippet,
        highlights,
        persons: strings(qw::PERSON_FACET),
        duplicates: dups,
        similar: similar_articles.iter().map(|s| s.path.clone()).collect(),
        similar_articles,
    }
}

/// The passage of `body` with the most query words, cut and marked as locally.
fn snippet(body: &str, weights: &BTreeMap<String, f32>) -> (String, Vec<[usize; 2]>) {
    if weights.is_empty() {
        return (lead(body, SNIPPET_CHARS), Vec::new());
    }
    let words = weights.clone();
    let analyzer = crate::index::quickwit::body_analyzer();
    let generator = tantivy::snippet::SnippetGenerator::new(
        words,
        analyzer,
        tantivy::schema::Field::from_field_id(0),
        SNIPPET_CHARS,
    );
    let s = generator.snippet(body);
    if s.is_empty() {
        return (lead(body, SNIPPET_CHARS), Vec::new());
    }
    widen(body, s.fragment_range(), s.highlighted())
}
