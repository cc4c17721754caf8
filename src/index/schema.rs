//! The schema: the one place that knows field names and how each field is indexed.
//!
//! Articles and quotations live in one index, told apart by `kind`. An article document
//! carries its text, metadata, entities and quotes; a quote document (kind `quote`, or
//! `reported` for reported speech) carries one quotation with its speaker, role and the
//! words around it, a key shared by every copy of the same words, and enough of its
//! article (title, date, path, `article_id`) to be shown alone; only articles have an `id` (a unique term per quotation would only grow the term
//! dictionary: nothing looks quotations up one by one).
//! The `file*` fields record where a document came from so that re-ingest can skip,
//! replace and prune per file without a side database.

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};

use super::analyzer;

/// Bumped whenever the schema or an analyzer changes in a way old indexes cannot serve.
pub const SCHEMA_VERSION: u32 = 4;

pub const KIND_ARTICLE: &str = "article";
pub const KIND_QUOTE: &str = "quote";
/// Reported speech ("Roe said the talks had failed"): quotation documents of their own
/// kind, so that everything that reads `quote` documents reads quotations in marks only.
pub const KIND_REPORTED: &str = "reported";

/// Handles to every field; built once per opened index.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub kind: Field,
    pub id: Field,
    pub article_id: Field,
    pub path: Field,
    pub file: Field,
    pub file_size: Field,
    pub file_mtime: Field,
    pub file_hash: Field,
    pub format: Field,
    pub fingerprint: Field,
    pub simhash: Field,
    pub added: Field,
    pub title: Field,
    pub body: Field,
    pub exact: Field,
    pub date: Field,
    pub author: Field,
    pub source: Field,
    pub url: Field,
    pub tags: Field,
    pub person: Field,
    pub org: Field,
    pub place: Field,
    pub person_facet: Field,
    pub org_facet: Field,
    pub place_facet: Field,
    pub quote: Field,
    pub said_by: Field,
    pub speaker: Field,
    pub cue: Field,
    /// Quotation documents: hash of the quoted words (`extract::quotes::same::key`), which
    /// finds every copy of one quotation.
    pub quote_key: Field,
    /// Quotation documents: `person` or `org`.
    pub speaker_kind: Field,
    /// Quotation documents: the organisation a person speaker speaks for.
    pub affiliation: Field,
    /// Quotation documents: the speaker's role as the article gives it.
    pub role: Field,
    /// Quotation documents: the words of the paragraph before and after the quotation.
    pub context_before: Field,
    pub context_after: Field,
    pub entities_json: Field,
    pub quotes_json: Field,
}

/// Names a user may scope a query term to (`title:brexit`), mapped to their fields.
pub const USER_FIELDS: &[&str] = &[
    "title", "body", "exact", "author", "source", "person", "org", "place", "quote", "said_by",
    "tags", "date",
];

fn text(analyzer_name: &str, positions: bool, stored: bool) -> TextOptions {
    let record = if positions {
        IndexRecordOption::WithFreqsAndPositions
    } else {
        IndexRecordOption::WithFreqs
    };
    let options = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer_name)
            .set_index_option(record),
    );
    if stored {
        options.set_stored()
    } else {
        options
    }
}

/// Builds the schema and its field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let u64_fast = NumericOptions::default().set_fast();
    let date = DateOptions::default()
        .set_indexed()
        .set_fast()
        .set_stored()
        .set_precision(DateTimePrecision::Seconds);
    let fields = Fields {
        kind: b.add_text_field("kind", STRING | FAST | STORED),
        id: b.add_text_field("id", STRING | STORED),
        article_id: b.add_text_field("article_id", STRING | STORED),
        path: b.add_text_field("path", STORED),
        file: b.add_text_field("file", STRING | FAST),
        file_size: b.add_u64_field("file_size", u64_fast.clone()),
        file_mtime: b.add_i64_field("file_mtime", u64_fast.clone()),
        file_hash: b.add_u64_field("file_hash", u64_fast),
        format: b.add_text_field("format", STRING | FAST | STORED),
        fingerprint: b.add_text_field("fingerprint", STRING | FAST | STORED),
        simhash: b.add_u64_field("simhash", NumericOptions::default().set_fast()),
        added: b.add_u64_field("added", NumericOptions::default().set_fast()),
        title: b.add_text_field("title", text(analyzer::NEWS, true, true)),
        body: b.add_text_field("body", text(analyzer::NEWS, true, true)),
        exact: b.add_text_field("exact", text(analyzer::EXACT, true, false)),
        date: b.add_date_field("date", date),
        author: b.add_text_field("author", text(analyzer::FOLDED, true, true)),
        source: b.add_text_field("source", text(analyzer::FOLDED, true, true)),
        url: b.add_text_field("url", STORED),
        tags: b.add_text_field("tags", text(analyzer::FOLDED, true, true)),
        person: b.add_text_field("person", text(analyzer::NAME, true, true)),
        org: b.add_text_field("org", text(analyzer::NAME, true, true)),
        place: b.add_text_field("place", text(analyzer::NAME, true, true)),
        person_facet: b.add_text_field("person_facet", STRING | FAST),
        org_facet: b.add_text_field("org_facet", STRING | FAST),
        place_facet: b.add_text_field("place_facet", STRING | FAST),
        quote: b.add_text_field("quote", text(analyzer::NEWS, true, true)),
        said_by: b.add_text_field("said_by", text(analyzer::NAME, true, false)),
        speaker: b.add_text_field("speaker", STORED),
        cue: b.add_text_field("cue", STORED),
        quote_key: b.add_u64_field(
            "quote_key",
            NumericOptions::default().set_indexed().set_stored(),
        ),
        speaker_kind: b.add_text_field("speaker_kind", STORED),
        affiliation: b.add_text_field("affiliation", STORED),
        role: b.add_text_field("role", STORED),
        context_before: b.add_text_field("context_before", STORED),
        context_after: b.add_text_field("context_after", STORED),
        entities_json: b.add_text_field("entities_json", STORED),
        quotes_json: b.add_text_field("quotes_json", STORED),
    };
    (b.build(), fields)
}

/// Fast-field column names used by readers (kept here with the schema).
pub mod columns {
    pub const KIND: &str = "kind";
    pub const FILE: &str = "file";
    pub const FILE_SIZE: &str = "file_size";
    pub const FILE_MTIME: &str = "file_mtime";
    pub const FILE_HASH: &str = "file_hash";
    pub const FORMAT: &str = "format";
    pub const FINGERPRINT: &str = "fingerprint";
    pub const SIMHASH: &str = "simhash";
    pub const ADDED: &str = "added";
    pub const DATE: &str = "date";
    pub const PERSON_FACET: &str = "person_facet";
    pub const ORG_FACET: &str = "org_facet";
    pub const PLACE_FACET: &str = "place_facet";
}
