//! Building Tantivy documents from articles and reading per-file stamps back.

use std::collections::{BTreeSet, HashMap};

use tantivy::schema::TantivyDocument;
use tantivy::{DateTime, Searcher};

use super::schema::{columns, Fields, KIND_ARTICLE, KIND_QUOTE, KIND_REPORTED};
use super::stored;
use crate::article::{Article, Format};
use crate::extract::quotes::same;
use crate::extract::{EntityKind, Extraction, Quote, QuoteKind};

/// What identifies the content of a file cheaply (size, mtime) and exactly (hash).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FileStamp {
    pub size: u64,
    pub mtime: i64,
    pub hash: u64,
    /// Article documents from this file (filled when read back from the index).
    pub articles: usize,
}

/// One article to index, with everything the pipeline learnt about it.
pub struct DocInput<'a> {
    /// Stable id: root name + path relative to the root, `#N` for multi-article files.
    pub id: String,
    /// The path shown to users.
    pub path: String,
    pub format: Format,
    pub article: &'a Article,
    pub extraction: &'a Extraction,
    /// Fingerprint of the normalised title and body (finds exact duplicates).
    pub fingerprint: String,
}

/// The documents of one file, ready for the writer.
pub struct PreparedFile {
    pub(crate) file: String,
    pub(crate) docs: Vec<TantivyDocument>,
    quote_docs: usize,
    /// The fingerprint of each article, in order (see `added`).
    pub(super) fingerprints: Vec<String>,
    /// For each document, the index of its article in `fingerprints`.
    pub(super) owners: Vec<u32>,
    /// What each article adds to the archive's name table (`names`).
    pub(super) names: Vec<super::names::ArticleNames>,
}

impl PreparedFile {
    /// Number of article documents (quotes not counted).
    pub fn articles(&self) -> usize {
        self.docs.len() - self.quote_docs
    }
}

pub(crate) fn prepare(
    fields: &Fields,
    file: &str,
    stamp: FileStamp,
    inputs: &[DocInput<'_>],
) -> PreparedFile {
    let mut docs = Vec::new();
    let mut quote_docs = 0;
    let mut owners = Vec::new();
    for (owner, input) in inputs.iter().enumerate() {
        let mut doc = article_doc(fields, input);
        add_stamp(fields, &mut doc, file, stamp);
        docs.push(doc);
        owners.push(owner as u32);
        for quote in &input.extraction.quotes {
            let mut q = quote_doc(fields, input, quote);
            add_date(fields, &mut q, input.article);
            add_stamp(fields, &mut q, file, stamp);
            docs.push(q);
            owners.push(owner as u32);
            quote_docs += 1;
        }
    }
    PreparedFile {
        file: file.to_string(),
        docs,
        quote_docs,
        fingerprints: inputs.iter().map(|i| i.fingerprint.clone()).collect(),
        owners,
        names: inputs
            .iter()
            .map(|i| super::names::ArticleNames::from_extraction(i.extraction))
            .collect(),
    }
}

/// The document of one quotation: its words, speaker and kind, enough of its article to
/// be shown alone, and the words around it.
fn quote_doc(fields: &Fields, input: &DocInput<'_>, quote: &Quote) -> TantivyDocument {
    let mut q = TantivyDocument::default();
    let kind = match quote.kind {
        QuoteKind::Direct => KIND_QUOTE,
        QuoteKind::Indirect => KIND_REPORTED,
    };
    q.add_text(fields.kind, kind);
    q.add_text(fields.article_id, &input.id);
    q.add_text(fields.path, &input.path);
    q.add_text(fields.title, &input.article.title);
    q.add_text(fields.quote, &quote.text);
    q.add_u64(fields.quote_key, same::key(&quote.text));
    if let Some(speaker) = &quote.speaker {
        q.add_text(fields.said_by, speaker);
        q.add_text(fields.speaker, speaker);
    }
    if let Some(kind) = quote.speaker_kind {
        q.add_text(fields.speaker_kind, kind.name());
    }
    for (field, value) in [
        (fields.cue, &quote.cue),
        (fields.affiliation, &quote.affiliation),
        (fields.role, &quote.role),
    ] {
        if let Some(value) = value {
            q.add_text(field, value);
        }
    }
    let (before, after) = context(&input.article.body, quote.start, quote.end);
    q.add_text(fields.context_before, before);
    q.add_text(fields.context_after, after);
    q
}

/// Longest context kept on each side of a quotation, in bytes.
const CONTEXT: usize = 160;

/// The words of the quotation's paragraph before `start` and after `end` (marks included),
/// at most [`CONTEXT`] bytes each, cut at a space and marked "…" where cut.
pub(crate) fn context(body: &str, start: usize, end: usize) -> (String, String) {
    let (Some(head), Some(tail)) = (body.get(..start), body.get(end..)) else {
        return (String::new(), String::new());
    };
    let head = &head[head.rfind('\n').map_or(0, |i| i + 1)..];
    let tail = &tail[..tail.find('\n').unwrap_or(tail.len())];
    let before = if head.len() > CONTEXT {
        let cut = floor(head, head.len() - CONTEXT);
        let from = head[cut..].find(' ').map_or(cut, |i| cut + i + 1);
        format!("…{}", &head[from..])
    } else {
        head.to_string()
    };
    let after = if tail.len() > CONTEXT {
        let cut = floor(tail, CONTEXT);
        let to = tail[..cut].rfind(' ').unwrap_or(cut);
        format!("{}…", &tail[..to])
    } else {
        tail.to_string()
    };
    (
        before.trim_start().to_string(),
        after.trim_end().to_string(),
    )
}

/// The nearest char boundary at or before `i`.
fn floor(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn add_stamp(fields: &Fields, doc: &mut TantivyDocument, file: &str, stamp: FileStamp) {
    doc.add_text(fields.file, file);
    doc.add_u64(fields.file_size, stamp.size);
    doc.add_i64(fields.file_mtime, stamp.mtime);
    doc.add_u64(fields.file_hash, stamp.hash);
}

fn add_date(fields: &Fields, doc: &mut TantivyDocument, article: &Article) {
    if let Some(date) = article.date {
        doc.add_date(fields.date, DateTime::from_timestamp_secs(date.timestamp()));
    }
}

fn article_doc(fields: &Fields, input: &DocInput<'_>) -> TantivyDocument {
    let a = input.article;
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.kind, KIND_ARTICLE);
    doc.add_text(fields.id, &input.id);
    doc.add_text(fields.article_id, &input.id);
    doc.add_text(fields.path, &input.path);
    doc.add_text(fields.format, input.format.name());
    doc.add_text(fields.fingerprint, &input.fingerprint);
    doc.add_u64(fields.simhash, crate::extract::similar::simhash(&a.body));
    doc.add_text(fields.title, &a.title);
    doc.add_text(fields.body, &a.body);
    doc.add_text(fields.exact, &a.title);
    doc.add_text(fields.exact, &a.body);
    add_date(fields, &mut doc, a);
    for (field, value) in [
        (fields.author, &a.author),
        (fields.source, &a.source),
        (fields.url, &a.url),
    ] {
        if let Some(value) = value {
            doc.add_text(field, value);
        }
    }
    for tag in &a.tags {
        doc.add_text(fields.tags, tag);
    }
    add_entities(fields, &mut doc, input.extraction);
    let mut speakers = BTreeSet::new();
    let direct = input.extraction.quotes.iter();
    for quote in direct.filter(|q| q.kind == QuoteKind::Direct) {
        doc.add_text(fields.quote, &quote.text);
        if let Some(speaker) = &quote.speaker {
            speakers.insert(speaker.as_str());
        }
    }
    for speaker in speakers {
        doc.add_text(fields.said_by, speaker);
    }
    let entities = stored::encode_entities(&a.body, &input.extraction.entities);
    doc.add_text(fields.entities_json, entities);
    let quotes = stored::encode_quotes(&a.body, &input.extraction.quotes);
    doc.add_text(fields.quotes_json, quotes);
    doc
}

/// Adds each distinct canonical entity once, ordered by number of mentions (most first).
fn add_entities(fields: &Fields, doc: &mut TantivyDocument, extraction: &Extraction) {
    let mut counts: HashMap<(EntityKind, &str), usize> = HashMap::new();
    for e in &extraction.entities {
        *counts.entry((e.kind, e.canonical.as_str())).or_default() += 1;
    }
    for (kind, name) in &extraction.title_entities {
        counts.entry((*kind, name.as_str())).or_insert(0);
    }
    let mut ranked: Vec<_> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for ((kind, name), _) in ranked {
        if name.trim().is_empty() {
            continue;
        }
        let (text_field, facet_field) = match kind {
            EntityKind::Person => (fields.person, fields.person_facet),
            EntityKind::Org => (fields.org, fields.org_facet),
            EntityKind::Place => (fields.place, fields.place_facet),
        };
        doc.add_text(text_field, name);
        doc.add_text(facet_field, name);
    }
}

/// The `kind` column and the ordinal of "article" in it, if the segment has any article.
pub(crate) fn article_kind_ord(
    fast: &tantivy::fastfield::FastFieldReaders,
) -> tantivy::Result<Option<(tantivy::columnar::StrColumn, u64)>> {
    kind_ord(fast, KIND_ARTICLE)
}

/// The `kind` column and the ordinal of `kind` in it, if the segment has any such document.
pub(crate) fn kind_ord(
    fast: &tantivy::fastfield::FastFieldReaders,
    kind: &str,
) -> tantivy::Result<Option<(tantivy::columnar::StrColumn, u64)>> {
    let Some(kinds) = fast.str(columns::KIND)? else {
        return Ok(None);
    };
    let ord = kinds.dictionary().term_ord(kind.as_bytes())?;
    Ok(ord.map(|ord| (kinds, ord)))
}

/// Every term of a string column's dictionary, indexed by ordinal. Streaming the dictionary
/// once is far cheaper than `ord_to_str` per document, which decompresses a block each time.
pub(crate) fn dictionary_terms(
    column: &tantivy::columnar::StrColumn,
) -> std::io::Result<Vec<String>> {
    let mut terms = Vec::with_capacity(column.dictionary().num_terms());
    let mut stream = column.dictionary().stream()?;
    while stream.advance() {
        terms.push(String::from_utf8_lossy(stream.key()).into_owned());
    }
    Ok(terms)
}

/// The terms of a string column at these ordinals, which must be ascending: each
/// dictionary block is decompressed once for all the ordinals in it, where `ord_to_str`
/// decompresses one per ordinal (a batch of names spent 94 % of its time there).
pub(crate) fn ord_terms(
    column: &tantivy::columnar::StrColumn,
    ords: &[u64],
) -> std::io::Result<Vec<String>> {
    let mut terms = Vec::with_capacity(ords.len());
    column.dictionary().sorted_ords_to_term_cb(ords, |bytes| {
        terms.push(String::from_utf8_lossy(bytes).into_owned())
    })?;
    Ok(terms)
}

/// Reads the stamp of every live file from the fast fields (no stored-document reads).
///
/// The file names are read by streaming each segment's `file` dictionary once, in ordinal
/// order: looking each document's ordinal up on its own (`ord_to_str`) decompresses a whole
/// dictionary block per document, which made re-ingest spend most of its time in zstd.
pub(crate) fn read_file_stamps(searcher: &Searcher) -> tantivy::Result<HashMap<String, FileStamp>> {
    let mut stamps = HashMap::new();
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let Some(files) = fast.str(columns::FILE)? else {
            continue;
        };
        let sizes = fast.u64(columns::FILE_SIZE)?;
        let mtimes = fast.i64(columns::FILE_MTIME)?;
        let hashes = fast.u64(columns::FILE_HASH)?;
        let article_ord = article_kind_ord(fast)?;
        let names = dictionary_terms(&files)?;
        for doc in segment.doc_ids_alive() {
            let Some(ord) = files.term_ords(doc).next() else {
                continue;
            };
            let Some(name) = names.get(ord as usize) else {
                continue;
            };
            let stamp = stamps.entry(name.clone()).or_insert_with(|| FileStamp {
                size: sizes.first(doc).unwrap_or(0),
                mtime: mtimes.first(doc).unwrap_or(0),
                hash: hashes.first(doc).unwrap_or(0),
                articles: 0,
            });
            if let Some((kinds, article)) = &article_ord {
                if kinds.term_ords(doc).next() == Some(*article) {
                    stamp.articles += 1;
                }
            }
        }
    }
    Ok(stamps)
}
