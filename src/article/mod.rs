//! One parser per file format, turning the bytes of one file into articles.
//!
//! Every format ends in the same [`Article`]: title, body, date, author, source, url and tags.
//! A file may hold many articles (a JSON array, JSON Lines, a feed); each element is parsed
//! on its own so that one bad element is reported with its position while the rest survive.
//! Decoding (BOMs, UTF-16, legacy single-byte fallback) and date parsing live here too, since
//! every parser needs them.

pub mod feed;
pub mod html;

use chrono::{DateTime, Utc};
use serde::Serialize;
use std::path::Path;

/// One news article as read from a file, before any extraction.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Article {
    pub title: String,
    pub body: String,
    pub date: Option<DateTime<Utc>>,
    pub author: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub tags: Vec<String>,
}

/// The formats newsdex reads, chosen from the file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Json,
    JsonLines,
    Html,
    Feed,
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
        }
    }
}

/// How to read a file: its format and whether it is gzip-compressed (`.gz` suffix).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileKind {
    pub format: Format,
    pub gzip: bool,
}

/// Chooses the format from a path's extension(s); `None` for files newsdex does not read.
pub fn file_kind(path: &Path) -> Option<FileKind> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let (name, gzip) = match name.strip_suffix(".gz") {
        Some(stem) => (stem.to_string(), true),
        None => (name, false),
    };
    let ext = name.rsplit_once('.')?.1;
    let format = match ext {
        "txt" | "text" => Format::Text,
        "md" | "markdown" => Format::Markdown,
        "json" => Format::Json,
        "jsonl" | "ndjson" => Format::JsonLines,
        "html" | "htm" | "xhtml" => Format::Html,
        "rss" | "atom" | "xml" => Format::Feed,
        _ => return None,
    };
    Some(FileKind { format, gzip })
}

/// Why a whole file could not be read.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
pub enum ArticleError {
    #[error("looks like a binary file, not text")]
    Binary,
    #[error("cannot decode the text: {0}")]
    Decode(String),
    #[error("file is empty")]
    Empty,
    #[error("{0}")]
    Invalid(String),
    #[error("not supported yet: {0}")]
    Unsupported(String),
}

/// Why one element of a multi-article file was skipped; `position` says where
/// ("line 3", "element 2").
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{position}: {reason}")]
pub struct ItemError {
    pub position: String,
    pub reason: String,
}

/// One element of a parsed file: an article or the reason it was skipped. `index` is the
/// element's stable position in the file (0 for single-article files).
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub index: usize,
    pub article: Result<Article, ItemError>,
}

/// Parses already-decompressed file bytes in the given format.
pub fn parse(bytes: &[u8], format: Format) -> Result<Vec<Item>, ArticleError> {
    let _ = (bytes, format);
    Err(ArticleError::Unsupported("parsers are being written".into()))
}
