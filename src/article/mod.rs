//! One parser per file format, turning the bytes of one file into articles.
//!
//! Every format ends in the same [`Article`]: title, body, date, author, source, url and tags.
//! A file may hold many articles (a JSON array, JSON Lines, a feed); each element is parsed
//! on its own so that one bad element is reported with its position while the rest survive.
//! Decoding (BOMs, UTF-16, legacy single-byte fallback) and date parsing live here too, since
//! every parser needs them.

mod date;
mod decode;
pub(crate) mod feed;
mod frontmatter;
pub mod html;
mod json;
mod markdown;
pub(crate) mod record;
pub(crate) mod stream;
mod text;
mod warc;

pub use date::{date_from_timestamp, parse_date};
pub use decode::decode_text;
pub use text::derive_title;

use chrono::{DateTime, Utc};
use serde::Serialize;
use std::path::Path;

/// One news article as read from a file, before any extraction.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Article {
    /// Headline (empty when the file has none and none could be derived).
    pub title: String,
    /// The text, paragraphs separated by blank lines.
    pub body: String,
    /// Publication time; `None` when the file gives none (never invented).
    pub date: Option<DateTime<Utc>>,
    /// Byline.
    pub author: Option<String>,
    /// Publisher or site.
    pub source: Option<String>,
    /// Address of the original.
    pub url: Option<String>,
    /// Keywords.
    pub tags: Vec<String>,
}

/// The formats newsdex reads, chosen from the file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text (`.txt`): a title line when it reads like one, then the body.
    Text,
    /// Markdown with YAML front matter (`.md`).
    Markdown,
    /// One article object, an array of them, or an object holding an array (`.json`).
    Json,
    /// One article object per line (`.jsonl`, `.ndjson`).
    JsonLines,
    /// A web page (`.html`, `.htm`).
    Html,
    /// RSS 2.0 or Atom (`.rss`, `.atom`, `.xml`).
    Feed,
    /// Comma-separated values with a header row (one article per row).
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// A web archive (WARC 1.0/1.1): HTML responses become articles.
    Warc,
}

impl Format {
    /// The short lowercase name used in stats and messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Json => "json",
            Format::JsonLines => "jsonl",
            Format::Html => "html",
            Format::Feed => "feed",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Warc => "warc",
        }
    }

    /// Formats read as a stream of records (a dump of any size), not as one document.
    pub fn is_stream(self) -> bool {
        matches!(
            self,
            Format::JsonLines | Format::Csv | Format::Tsv | Format::Warc
        )
    }
}

/// How a file is compressed, from its last extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Compression {
    /// Not compressed.
    None,
    /// `.gz` (one or many gzip members, as in per-record `.warc.gz`).
    Gzip,
    /// `.zst` (one or many zstd frames).
    Zstd,
}

/// How to read a file: its format and its compression (`.gz` or `.zst` suffix).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileKind {
    /// What the content is.
    pub format: Format,
    /// How it is compressed.
    pub compression: Compression,
}

/// Chooses the format from a path's extension(s); `None` for files newsdex does not read.
pub fn file_kind(path: &Path) -> Option<FileKind> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let (name, compression) = if let Some(stem) = name.strip_suffix(".gz") {
        (stem.to_string(), Compression::Gzip)
    } else if let Some(stem) = name.strip_suffix(".zst") {
        (stem.to_string(), Compression::Zstd)
    } else {
        (name, Compression::None)
    };
    let ext = name.rsplit_once('.')?.1;
    let format = match ext {
        "txt" | "text" => Format::Text,
        "md" | "markdown" => Format::Markdown,
        "json" => Format::Json,
        "jsonl" | "ndjson" => Format::JsonLines,
        "html" | "htm" | "xhtml" => Format::Html,
        "rss" | "atom" | "xml" => Format::Feed,
        "csv" => Format::Csv,
        "tsv" | "tab" => Format::Tsv,
        "warc" => Format::Warc,
        _ => return None,
    };
    Some(FileKind {
        format,
        compression,
    })
}

/// Why a whole file could not be read.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
pub enum ArticleError {
    /// Not text at all.
    #[error("looks like a binary file, not text")]
    Binary,
    /// Text in an encoding that cannot be read.
    #[error("cannot decode the text: {0}")]
    Decode(String),
    /// Nothing in it.
    #[error("file is empty")]
    Empty,
    /// Malformed for its format; the message says where and how.
    #[error("{0}")]
    Invalid(String),
    /// A valid file of a kind newsdex does not read yet.
    #[error("not supported yet: {0}")]
    Unsupported(String),
}

/// Why one element of a multi-article file was skipped; `position` says where
/// ("line 3", "element 2").
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{position}: {reason}")]
pub struct ItemError {
    /// Where in the file ("line 3", "element 2").
    pub position: String,
    /// What is wrong with it.
    pub reason: String,
}

/// One element of a parsed file: an article or the reason it was skipped. `index` is the
/// element's stable position in the file (0 for single-article files).
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Stable position in the file (0 for single-article files).
    pub index: usize,
    /// The article, or why it was skipped.
    pub article: Result<Article, ItemError>,
}

/// Parses already-decompressed file bytes in the given format.
///
/// Single-article formats (text, Markdown, HTML, a JSON object) give one item with index 0.
/// A JSON array gives one item per element (index = element order, from 0); JSON Lines gives
/// one item per non-blank line (index = line number - 1, so an article keeps its id when other
/// lines change). Whole-file problems (binary, empty, undecodable, malformed) are errors;
/// problems with one element of a multi-article file are `Err` items.
pub fn parse(bytes: &[u8], format: Format) -> Result<Vec<Item>, ArticleError> {
    let single = |article: Article| {
        vec![Item {
            index: 0,
            article: Ok(article),
        }]
    };
    match format {
        Format::Text => Ok(single(text::parse(&decode_text(bytes)?))),
        Format::Markdown => Ok(single(markdown::parse(&decode_text(bytes)?)?)),
        Format::Json => json::parse_json(&decode_text(bytes)?),
        Format::JsonLines => json::parse_lines(&decode_text(bytes)?),
        Format::Html => Ok(single(html::parse(bytes)?)),
        Format::Feed => feed::parse(bytes),
        Format::Csv | Format::Tsv | Format::Warc => parse_records(bytes, format),
    }
}

/// A whole dump held in memory (for `extract`), record by record. Skipped WARC records
/// give no item; bad records are `Err` items at their line.
fn parse_records(bytes: &[u8], format: Format) -> Result<Vec<Item>, ArticleError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ArticleError::Empty);
    }
    let reader = stream::RecordReader::new(bytes, format, u64::MAX / 4, &[])
        .map_err(|e| ArticleError::Invalid(e.to_string()))?;
    let columns = reader.columns();
    let mut items = Vec::new();
    for next in reader {
        let (index, article) = match next {
            Ok(rec) => match record::parse(&rec.raw, columns.as_ref()) {
                record::RecordOutcome::Article(a) => (rec.id, Ok(a)),
                record::RecordOutcome::Skipped(_) => continue,
                record::RecordOutcome::Failed(reason) => (
                    rec.id,
                    Err(ItemError {
                        position: format!("line {}", rec.line),
                        reason,
                    }),
                ),
            },
            Err(e) => (
                u64::MAX,
                Err(ItemError {
                    position: format!("line {}", e.line),
                    reason: e.reason,
                }),
            ),
        };
        items.push(Item {
            index: index as usize,
            article,
        });
    }
    Ok(items)
}

/// Trims a metadata value (title, author, source…) and collapses inner whitespace runs to one
/// space; `None` when nothing is left.
pub fn clean_field(s: &str) -> Option<String> {
    let cleaned = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!cleaned.is_empty()).then_some(cleaned)
}
