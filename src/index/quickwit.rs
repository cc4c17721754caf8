//! The archive as Quickwit 0.9 sees it: two index configs (articles, quotations) and the
//! documents for them, read from a local index.
//!
//! Quickwit 0.9 has no stemming tokenizer and its custom tokenizers cannot fold or
//! transliterate as newsdex does, so matching stays newsdex's: every searchable field is
//! sent as newsdex's own analysed terms (the tokens of the local field's analyzer, joined
//! by spaces) in a field of the same name that Quickwit splits on whitespace and indexes
//! with positions and field norms. Query words are analysed the same way before they are
//! sent ([`analyse`]), so `title:budgets` finds what it finds locally, with the same BM25
//! field lengths. What is shown (headline, body, names) travels beside, stored and not
//! indexed. This module is the only place that knows the names of both sides' fields.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};
use tantivy::schema::{Field, Value as _};
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::analyzer;
use super::schema::{columns, KIND_REPORTED};
use super::{tantivy_err, IndexError, NewsIndex};

/// Quickwit fields holding analysed terms: the local searchable fields but `date`.
pub const TERM_FIELDS: &[&str] = &[
    "title", "body", "exact", "author", "source", "person", "org", "place", "quote", "said_by",
    "tags",
];
/// The date of an article, RFC 3339 (optional, as locally).
pub const DATE: &str = "date";
/// Quickwit's required timestamp: the date, 1970-01-01 for an undated article (a date
/// filter's clause on [`DATE`] excludes undated articles anyway, so pruning by this
/// timestamp never drops a match).
pub const TIMESTAMP: &str = "timestamp";
/// `<file hash, 16 hex digits> <push, 16 hex digits> <file>`: what `push` compares (a
/// terms aggregation). The push number makes each sending of a file a state of its own,
/// so a delete task for an older state never matches documents sent later.
pub const FILE_STATE: &str = "file_state";
/// A number 0–1023 from the file's name, so file states can be read in slices.
pub const FILE_BUCKET: &str = "file_bucket";
/// How many slices [`FILE_BUCKET`] has.
pub const FILE_BUCKETS: u64 = 1024;
/// Canonical names of each kind, raw and fast (terms aggregations for `people`).
pub const PERSON_FACET: &str = "person_facet";
/// See [`PERSON_FACET`].
pub const ORG_FACET: &str = "org_facet";
/// See [`PERSON_FACET`].
pub const PLACE_FACET: &str = "place_facet";
/// A quotation's speaker, raw and fast.
pub const SPEAKER: &str = "speaker";
/// [`super::order_key`]: the second sort key after the score.
pub const ORDER_KEY: &str = "order_key";
/// The fingerprint of an article's title and body (exact duplicates).
pub const FINGERPRINT: &str = "fingerprint";

/// Which of the two Quickwit indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Collection {
    /// One document per article.
    Articles,
    /// One document per quotation.
    Quotes,
}

impl Collection {
    /// Both, articles first.
    pub const ALL: [Collection; 2] = [Collection::Articles, Collection::Quotes];

    /// The Quickwit index id for an archive called `base`.
    pub fn index_id(self, base: &str) -> String {
        match self {
            Collection::Articles => format!("{base}-articles"),
            Collection::Quotes => format!("{base}-quotes"),
        }
    }

    /// `articles` or `quotes` (file names of an export).
    pub fn name(self) -> &'static str {
        match self {
            Collection::Articles => "articles",
            Collection::Quotes => "quotes",
        }
    }
}

/// The Quickwit 0.9 index config (YAML) of one collection.
pub fn config(collection: Collection, index_id: &str) -> String {
    let mut out = format!("version: '0.9'\nindex_id: {index_id}\ndoc_mapping:\n  mode: strict\n");
    out.push_str("  field_mappings:\n");
    for field in TERM_FIELDS {
        out.push_str(&format!(
            "    - {{name: {field}, type: array<text>, tokenizer: whitespace, record: position, fieldnorms: true, stored: false}}\n"
        ));
    }
    let shown =
        |name: &str, ty: &str| format!("    - {{name: {name}, type: {ty}, indexed: false}}\n");
    let raw = |name: &str, fast: bool| {
        format!("    - {{name: {name}, type: text, tokenizer: raw, fast: {fast}}}\n")
    };
    let date = |name: &str| {
        format!("    - {{name: {name}, type: datetime, input_formats: [rfc3339], output_format: rfc3339, fast: true, fast_precision: seconds}}\n")
    };
    out.push_str(&date(DATE));
    out.push_str(&date(TIMESTAMP));
    out.push_str(&raw("file", false));
    out.push_str(&raw(FILE_STATE, true));
    out.push_str(&format!(
        "    - {{name: {FILE_BUCKET}, type: u64, indexed: true, fast: true, stored: false}}\n"
    ));
    out.push_str(&format!(
        "    - {{name: {ORDER_KEY}, type: u64, fast: true}}\n"
    ));
    out.push_str(&shown("path", "text"));
    out.push_str(&shown("title_text", "text"));
    match collection {
        Collection::Articles => {
            out.push_str(&raw("id", false));
            out.push_str(&raw(FINGERPRINT, false));
            out.push_str(&raw("source_tag", false));
            for name in [PERSON_FACET, ORG_FACET, PLACE_FACET] {
                out.push_str(&format!(
                    "    - {{name: {name}, type: array<text>, tokenizer: raw, fast: true}}\n"
                ));
            }
            out.push_str(&shown("simhash", "u64"));
            for name in ["body_text", "author_text", "source_text", "url", "format"] {
                out.push_str(&shown(name, "text"));
            }
            out.push_str(&shown("tags_text", "array<text>"));
            out.push_str(&shown("entities_json", "text"));
            out.push_str(&shown("quotes_json", "text"));
        }
        Collection::Quotes => {
            out.push_str(&raw("article_id", false));
            out.push_str(&raw(SPEAKER, true));
            out.push_str(&shown("quote_text", "text"));
            out.push_str(&shown("cue", "text"));
        }
    }
    out.push_str(&format!("  timestamp_field: {TIMESTAMP}\n"));
    if collection == Collection::Articles {
        out.push_str("  tag_fields: [source_tag]\n");
    }
    let defaults = match collection {
        Collection::Articles => "[title, body]",
        Collection::Quotes => "[quote]",
    };
    out.push_str(&format!(
        "search_settings:\n  default_search_fields: {defaults}\nindexing_settings:\n  commit_timeout_secs: 30\n  merge_policy: {{type: stable_log, merge_factor: 2, max_merge_factor: 10, min_level_num_docs: 10000000}}\n"
    ));
    out
}

/// Why Quickwit would refuse `doc` in `collection`'s index, checked before it is sent (a
/// batch whose every document is refused was seen to leave a 0.9.0 server's commit
/// unanswered): every field declared by the mapping, the timestamp present and a date.
pub fn check(collection: Collection, doc: &Value) -> Result<(), String> {
    let Some(object) = doc.as_object() else {
        return Err("not a JSON object".into());
    };
    static DECLARED: std::sync::OnceLock<[Vec<String>; 2]> = std::sync::OnceLock::new();
    let declared =
        DECLARED.get_or_init(|| Collection::ALL.map(|c| config_fields(&config(c, "check"))));
    let declared = &declared[collection as usize];
    if let Some(unknown) = object.keys().find(|k| !declared.contains(k)) {
        return Err(format!("field `{unknown}` is not in the mapping"));
    }
    for field in [TIMESTAMP, DATE] {
        match object.get(field) {
            None if field == DATE => {}
            Some(Value::String(d)) if chrono::DateTime::parse_from_rfc3339(d).is_ok() => {}
            _ => return Err(format!("`{field}` is missing or not an RFC 3339 date")),
        }
    }
    Ok(())
}

/// The field names a config made by [`config`] declares.
pub fn config_fields(config: &str) -> Vec<String> {
    config
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- {name: "))
        .filter_map(|l| l.split(',').next())
        .map(str::to_string)
        .collect()
}

/// The words of `text` as the local field `field` indexes them (its analyzer's tokens).
/// `field` is one of [`TERM_FIELDS`]; any other gives no words.
pub fn analyse(field: &str, text: &str) -> Vec<String> {
    let name = match field {
        "title" | "body" | "quote" => analyzer::NEWS,
        "author" | "source" | "tags" => analyzer::FOLDED,
        "person" | "org" | "place" | "said_by" => analyzer::NAME,
        "exact" => analyzer::EXACT,
        _ => return Vec::new(),
    };
    let Some(mut analyzer) = analyzer::by_name(name) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

/// The analyzer of `body` (snippets of Quickwit hits are cut by newsdex).
pub fn body_analyzer() -> tantivy::tokenizer::TextAnalyzer {
    analyzer::news_analyzer()
}

/// The article a Quickwit article document holds, as `search` reads local ones.
pub fn stored_article(doc: &Value) -> super::StoredArticle {
    let text = |k: &str| doc[k].as_str().map(str::to_string);
    let list = |k: &str| -> Vec<String> {
        (doc[k].as_array().into_iter().flatten())
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    };
    let date = (doc[DATE].as_str())
        .and_then(|d| chrono::DateTime::parse_from_rfc3339(d).ok())
        .map(|d| d.with_timezone(&chrono::Utc));
    super::StoredArticle {
        id: text("id").unwrap_or_default(),
        path: text("path").unwrap_or_default(),
        title: text("title_text").unwrap_or_default(),
        date,
        author: text("author_text"),
        source: text("source_text"),
        url: text("url"),
        tags: list("tags_text"),
        format: text("format"),
        fingerprint: text(FINGERPRINT),
        body: text("body_text").unwrap_or_default(),
        persons: list(PERSON_FACET),
        orgs: list(ORG_FACET),
        places: list(PLACE_FACET),
        entities: text("entities_json").unwrap_or_default(),
        quotes: text("quotes_json").unwrap_or_default(),
    }
}

/// One local file as Quickwit holds it: its hash and how many documents of each kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileSummary {
    /// The content hash of the file when it was ingested.
    pub hash: u64,
    /// Article documents.
    pub articles: u64,
    /// Quotation documents.
    pub quotes: u64,
    addresses: Vec<(bool, DocAddress)>,
}

/// Seconds as RFC 3339, for the years Quickwit's dates hold (1678 to 2261; outside them,
/// none: the document goes without a date rather than be refused).
fn rfc3339(secs: i64) -> Option<String> {
    let d = chrono::DateTime::from_timestamp(secs, 0)?;
    let year = chrono::Datelike::year(&d);
    (1678..=2261)
        .contains(&year)
        .then(|| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

/// The [`FILE_STATE`] value of a file sent by push number `push`.
pub fn file_state(file: &str, hash: u64, push: u64) -> String {
    format!("{hash:016x} {push:016x} {file}")
}

/// The file state a delete task made by `push` removes (its query is a phrase on
/// [`FILE_STATE`]), from the task as `GET /api/v1/{index}/delete-tasks` lists it.
pub fn deleted_state(task: &Value) -> Option<String> {
    let ast: Value = serde_json::from_str(task["delete_query"]["query_ast"].as_str()?).ok()?;
    (ast["field"].as_str() == Some(FILE_STATE)).then(|| ast["text"].as_str().map(str::to_string))?
}

/// The file and hash of a [`FILE_STATE`] value.
pub fn parse_file_state(state: &str) -> Option<(&str, u64)> {
    let (hash, rest) = state.split_once(' ')?;
    let (_, file) = rest.split_once(' ')?;
    Some((file, u64::from_str_radix(hash, 16).ok()?))
}

/// The [`FILE_BUCKET`] of a file.
pub fn file_bucket(file: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(file.as_bytes()) % FILE_BUCKETS
}

/// A snapshot of a local index, read file by file as Quickwit documents.
pub struct QuickwitExport<'a> {
    index: &'a NewsIndex,
    searcher: Searcher,
    files: BTreeMap<String, FileSummary>,
}

impl NewsIndex {
    /// Every file of the last commit with its documents, ready to be sent to Quickwit.
    pub fn quickwit_export(&self) -> Result<QuickwitExport<'_>, IndexError> {
        let searcher = self.reader()?.searcher();
        let files = summaries(&searcher).map_err(|e| tantivy_err(&self.display(), e))?;
        Ok(QuickwitExport {
            index: self,
            searcher,
            files,
        })
    }
}

fn summaries(searcher: &Searcher) -> tantivy::Result<BTreeMap<String, FileSummary>> {
    let mut out: BTreeMap<String, FileSummary> = BTreeMap::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let fast = segment.fast_fields();
        let Some(files) = fast.str(columns::FILE)? else {
            continue;
        };
        let hashes = fast.u64(columns::FILE_HASH)?;
        let article_ord = super::document::article_kind_ord(fast)?;
        // Reported speech stays in the local index (Quickwit has quotations in marks).
        let reported_ord = super::document::kind_ord(fast, KIND_REPORTED)?;
        let mut name = String::new();
        for doc in segment.doc_ids_alive() {
            let reported = reported_ord
                .as_ref()
                .is_some_and(|(kinds, r)| kinds.term_ords(doc).next() == Some(*r));
            if reported {
                continue;
            }
            let Some(term) = files.term_ords(doc).next() else {
                continue;
            };
            name.clear();
            files.ord_to_str(term, &mut name)?;
            let summary = out.entry(name.clone()).or_default();
            summary.hash = hashes.first(doc).unwrap_or(0);
            let is_article = article_ord
                .as_ref()
                .is_some_and(|(kinds, a)| kinds.term_ords(doc).next() == Some(*a));
            if is_article {
                summary.articles += 1;
            } else {
                summary.quotes += 1;
            }
            summary
                .addresses
                .push((is_article, DocAddress::new(ord as u32, doc)));
        }
    }
    Ok(out)
}

/// One file's documents as JSON objects, one per line when serialised.
#[derive(Debug, Default)]
pub struct FileDocuments {
    /// Article documents.
    pub articles: Vec<Value>,
    /// Quotation documents.
    pub quotes: Vec<Value>,
}

impl QuickwitExport<'_> {
    /// Every file with its summary, in name order.
    pub fn files(&self) -> &BTreeMap<String, FileSummary> {
        &self.files
    }

    /// The Quickwit documents of one file (none for a file the snapshot does not hold),
    /// stamped with push number `push`.
    pub fn documents(&self, file: &str, push: u64) -> Result<FileDocuments, IndexError> {
        let mut out = FileDocuments::default();
        let Some(summary) = self.files.get(file) else {
            return Ok(out);
        };
        let dir = self.index.display();
        for &(is_article, address) in &summary.addresses {
            let doc: TantivyDocument = self
                .searcher
                .doc(address)
                .map_err(|e| tantivy_err(&dir, e))?;
            let mut value = self.common(&doc, file, file_state(file, summary.hash, push));
            let fast_u64 = |column: &str| {
                let fast = self
                    .searcher
                    .segment_reader(address.segment_ord)
                    .fast_fields();
                (fast.u64(column).ok()).and_then(|c| c.first(address.doc_id))
            };
            let added = fast_u64(columns::ADDED).unwrap_or(0);
            let date = self
                .field(DATE)
                .and_then(|f| doc.get_first(f).and_then(|v| v.as_datetime()))
                .map(|d| d.into_timestamp_secs());
            value.insert(ORDER_KEY.into(), json!(super::order_key(date, added)));
            if is_article {
                // The body's signature is a fast column only (not stored).
                value.insert(
                    "simhash".into(),
                    json!(fast_u64(columns::SIMHASH).unwrap_or(0)),
                );
                self.article(&doc, &mut value);
                out.articles.push(Value::Object(value));
            } else {
                self.quote(&doc, &mut value);
                out.quotes.push(Value::Object(value));
            }
        }
        Ok(out)
    }

    fn field(&self, name: &str) -> Option<Field> {
        self.index.tantivy().schema().get_field(name).ok()
    }

    fn strings(&self, doc: &TantivyDocument, name: &str) -> Vec<String> {
        let Some(field) = self.field(name) else {
            return Vec::new();
        };
        doc.get_all(field)
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    }

    fn first(&self, doc: &TantivyDocument, name: &str) -> Option<String> {
        self.strings(doc, name).into_iter().next()
    }

    /// `field`'s analysed terms of `values`, one string per value.
    fn terms(&self, field: &str, values: &[String]) -> Option<Value> {
        let analysed: Vec<Value> = values
            .iter()
            .map(|v| analyse(field, v).join(" "))
            .filter(|t| !t.is_empty())
            .map(Value::String)
            .collect();
        (!analysed.is_empty()).then_some(Value::Array(analysed))
    }

    fn common(&self, doc: &TantivyDocument, file: &str, state: String) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("file".into(), json!(file));
        m.insert(FILE_STATE.into(), json!(state));
        m.insert(FILE_BUCKET.into(), json!(file_bucket(file)));
        let date = self
            .field(DATE)
            .and_then(|f| doc.get_first(f).and_then(|v| v.as_datetime()))
            .map(|d| d.into_timestamp_secs())
            .and_then(rfc3339);
        if let Some(d) = &date {
            m.insert(DATE.into(), json!(d));
        }
        let epoch = "1970-01-01T00:00:00Z".to_string();
        m.insert(TIMESTAMP.into(), json!(date.unwrap_or(epoch)));
        m.insert(
            "path".into(),
            json!(self.first(doc, "path").unwrap_or_default()),
        );
        let title = self.strings(doc, "title");
        m.insert(
            "title_text".into(),
            json!(title.first().cloned().unwrap_or_default()),
        );
        self.put_terms(&mut m, "title", &title);
        self.put_terms(&mut m, "quote", &self.strings(doc, "quote"));
        m
    }

    fn put_terms(&self, m: &mut Map<String, Value>, field: &str, values: &[String]) {
        if let Some(t) = self.terms(field, values) {
            m.insert(field.into(), t);
        }
    }

    fn article(&self, doc: &TantivyDocument, m: &mut Map<String, Value>) {
        let body = self.first(doc, "body").unwrap_or_default();
        let title = self.first(doc, "title").unwrap_or_default();
        for name in ["id", FINGERPRINT, "url", "format"] {
            if let Some(v) = self.first(doc, name) {
                m.insert(name.into(), json!(v));
            }
        }
        self.put_terms(m, "body", std::slice::from_ref(&body));
        self.put_terms(m, "exact", &[title, body.clone()]);
        m.insert("body_text".into(), json!(body));
        for (field, shown) in [("author", "author_text"), ("source", "source_text")] {
            if let Some(v) = self.first(doc, field) {
                self.put_terms(m, field, std::slice::from_ref(&v));
                if field == "source" {
                    m.insert("source_tag".into(), json!(v.to_lowercase()));
                }
                m.insert(shown.into(), json!(v));
            }
        }
        let tags = self.strings(doc, "tags");
        self.put_terms(m, "tags", &tags);
        if !tags.is_empty() {
            m.insert("tags_text".into(), json!(tags));
        }
        for (field, facet) in [
            ("person", PERSON_FACET),
            ("org", ORG_FACET),
            ("place", PLACE_FACET),
        ] {
            let names = self.strings(doc, field);
            self.put_terms(m, field, &names);
            if !names.is_empty() {
                m.insert(facet.into(), json!(names));
            }
        }
        let quotes = self.first(doc, "quotes_json").unwrap_or_default();
        let speakers: std::collections::BTreeSet<String> =
            super::stored::decode_quotes(&body, &quotes)
                .into_iter()
                .filter_map(|q| q.speaker)
                .collect();
        let speakers: Vec<String> = speakers.into_iter().collect();
        self.put_terms(m, "said_by", &speakers);
        m.insert(
            "entities_json".into(),
            json!(self.first(doc, "entities_json").unwrap_or_default()),
        );
        m.insert("quotes_json".into(), json!(quotes));
    }

    fn quote(&self, doc: &TantivyDocument, m: &mut Map<String, Value>) {
        m.insert(
            "quote_text".into(),
            json!(self.first(doc, "quote").unwrap_or_default()),
        );
        if let Some(v) = self.first(doc, "article_id") {
            m.insert("article_id".into(), json!(v));
        }
        if let Some(speaker) = self.first(doc, "speaker") {
            self.put_terms(m, "said_by", std::slice::from_ref(&speaker));
            m.insert(SPEAKER.into(), json!(speaker));
        }
        if let Some(cue) = self.first(doc, "cue") {
            m.insert("cue".into(), json!(cue));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_checked_against_the_mapping_before_sending() {
        let good =
            json!({"file": "a.txt", "timestamp": "2024-03-05T00:00:00Z", "title": ["budget"]});
        assert_eq!(check(Collection::Articles, &good), Ok(()));
        let cases = [
            json!({"file": "a.txt", "timestamp": "2024-03-05T00:00:00Z", "headline": "x"}),
            json!({"file": "a.txt"}),
            json!({"file": "a.txt", "timestamp": 1709596800}),
            json!({"file": "a.txt", "timestamp": "2024-03-05T00:00:00Z", "date": "5 March"}),
            json!(["not", "an", "object"]),
        ];
        for doc in cases {
            assert!(check(Collection::Articles, &doc).is_err(), "{doc}");
        }
        // A quotation's fields are not an article's.
        let quote = json!({"timestamp": "2024-03-05T00:00:00Z", "quote_text": "We will."});
        assert!(check(Collection::Quotes, &quote).is_ok());
        assert!(check(Collection::Articles, &quote).is_err());
    }

    #[test]
    fn file_states_read_back() {
        let state = file_state("/news/a b.txt", 0xabc, 7);
        assert_eq!(state, "0000000000000abc 0000000000000007 /news/a b.txt");
        assert_eq!(parse_file_state(&state), Some(("/news/a b.txt", 0xabc)));
        assert_eq!(parse_file_state("garbage"), None);
    }

    #[test]
    fn dates_outside_quickwits_range_are_left_out() {
        assert_eq!(rfc3339(0).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(rfc3339(-10_000_000_000), None);
        assert!(rfc3339(1_709_596_800).is_some());
    }
}
