//! JSON and JSON Lines articles, with the field names real exports use.
//!
//! Scrapers and news APIs disagree on names (`title` or `headline`, `publishedAt` or
//! `pubDate`, an author as a string, a list or an object), so fields are looked up through
//! alias lists with keys compared case- and separator-insensitively. A file may hold one
//! article, an array of them, or an object wrapping an array (`{"articles": [...]}`); each
//! element is parsed on its own so one bad element is reported while the others survive.

use super::{
    clean_field, date_from_timestamp, derive_title, parse_date, Article, ArticleError, Item,
    ItemError,
};
use serde_json::{Map, Value};

const TITLE_KEYS: &[&str] = &["title", "headline", "heading"];
const BODY_KEYS: &[&str] = &[
    "body",
    "content",
    "text",
    "article",
    "articlebody",
    "bodytext",
    "fulltext",
    "story",
    "contenthtml",
    "contenttext",
];
const FALLBACK_BODY_KEYS: &[&str] = &["description", "summary", "abstract", "excerpt"];
const DATE_KEYS: &[&str] = &[
    "date",
    "published",
    "publishedat",
    "pubdate",
    "datepublished",
    "publishdate",
    "publicationdate",
    "created",
    "createdat",
    "datecreated",
    "publishedtime",
];
const AUTHOR_KEYS: &[&str] = &["author", "authors", "byline", "creator", "writer"];
const SOURCE_KEYS: &[&str] = &[
    "source",
    "publisher",
    "site",
    "sitename",
    "publication",
    "outlet",
];
const URL_KEYS: &[&str] = &["url", "link", "href", "permalink", "canonicalurl"];
const TAG_KEYS: &[&str] = &["tags", "keywords", "categories", "topics"];
/// Keys of a wrapping object whose array holds the articles.
const WRAPPER_KEYS: &[&str] = &[
    "articles",
    "items",
    "data",
    "results",
    "entries",
    "posts",
    "stories",
    "documents",
    "news",
];

/// A `.json` file: one article object, an array of them, or an object wrapping an array.
/// Array items get index = element order (from 0) and position "element N" (N from 1).
pub(super) fn parse_json(text: &str) -> Result<Vec<Item>, ArticleError> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        ArticleError::Invalid(format!(
            "invalid JSON at line {}, column {}: {}",
            e.line(),
            e.column(),
            reason(&e)
        ))
    })?;
    match value {
        Value::Array(elements) => Ok(parse_elements(elements)),
        Value::Object(map) => {
            if let Some(elements) = wrapped_array(&map) {
                return Ok(parse_elements(elements.clone()));
            }
            let article = from_object(&map).map_err(ArticleError::Invalid)?;
            Ok(vec![Item {
                index: 0,
                article: Ok(article),
            }])
        }
        _ => Err(ArticleError::Invalid(
            "expected a JSON object or array of articles".into(),
        )),
    }
}

/// A `.jsonl` / `.ndjson` file: one article object per line, blank lines skipped. Items get
/// index = line number - 1 (stable when other lines change) and position "line N".
pub(super) fn parse_lines(text: &str) -> Result<Vec<Item>, ArticleError> {
    let items = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            let article = serde_json::from_str::<Value>(line)
                .map_err(|e| format!("invalid JSON at column {}: {}", e.column(), reason(&e)))
                .and_then(|v| from_value(&v))
                .map_err(|reason| ItemError {
                    position: format!("line {}", i + 1),
                    reason,
                });
            Item { index: i, article }
        })
        .collect();
    Ok(items)
}

fn parse_elements(elements: Vec<Value>) -> Vec<Item> {
    elements
        .iter()
        .enumerate()
        .map(|(i, v)| Item {
            index: i,
            article: from_value(v).map_err(|reason| ItemError {
                position: format!("element {}", i + 1),
                reason,
            }),
        })
        .collect()
}

/// The array inside a wrapping object: under a known key (even next to a feed-level title, as
/// in JSON Feed), or the only array of objects when the object has no article fields at all.
fn wrapped_array(map: &Map<String, Value>) -> Option<&Vec<Value>> {
    if has_any(map, BODY_KEYS) {
        return None;
    }
    if let Some(Value::Array(a)) = lookup(map, WRAPPER_KEYS) {
        return Some(a);
    }
    if has_any(map, TITLE_KEYS) {
        return None;
    }
    let mut arrays = map.values().filter_map(|v| match v {
        Value::Array(a) if a.iter().any(Value::is_object) => Some(a),
        _ => None,
    });
    match (arrays.next(), arrays.next()) {
        (Some(a), None) => Some(a),
        _ => None,
    }
}

pub(super) fn from_value(value: &Value) -> Result<Article, String> {
    match value {
        Value::Object(map) => from_object(map),
        other => Err(format!("expected an article object, found {}", kind(other))),
    }
}

/// Builds an article from one object; an error when it has neither a title nor a body.
pub(super) fn from_object(map: &Map<String, Value>) -> Result<Article, String> {
    let title = lookup(map, TITLE_KEYS)
        .and_then(text_of)
        .and_then(|t| clean_field(&t));
    let body = lookup(map, BODY_KEYS)
        .and_then(text_of)
        .or_else(|| lookup(map, FALLBACK_BODY_KEYS).and_then(text_of))
        .map(|b| b.trim().to_string())
        .filter(|b| !b.is_empty());
    if title.is_none() && body.is_none() {
        return Err("no title or body field".into());
    }
    let body = body.unwrap_or_default();
    Ok(Article {
        title: title.unwrap_or_else(|| derive_title(&body)),
        date: lookup(map, DATE_KEYS).and_then(date_of),
        author: lookup(map, AUTHOR_KEYS)
            .and_then(names_of)
            .map(|n| strip_by(&n)),
        source: lookup(map, SOURCE_KEYS).and_then(names_of),
        url: lookup(map, URL_KEYS)
            .and_then(text_of)
            .and_then(|u| clean_field(&u)),
        tags: lookup(map, TAG_KEYS).map(tags_of).unwrap_or_default(),
        body,
    })
}

/// Lower-case, without `_`, `-` or spaces: "published_at" and "publishedAt" both match.
fn normalise_key(key: &str) -> String {
    key.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The first non-null value under any alias, in alias order.
fn lookup<'a>(map: &'a Map<String, Value>, aliases: &[&str]) -> Option<&'a Value> {
    aliases.iter().find_map(|alias| {
        map.iter()
            .find(|(k, v)| !v.is_null() && normalise_key(k) == *alias)
            .map(|(_, v)| v)
    })
}

/// Whether an object has a field that gives a title or a body.
pub(super) fn has_title_or_body(map: &Map<String, Value>) -> bool {
    has_any(map, TITLE_KEYS) || has_any(map, BODY_KEYS) || has_any(map, FALLBACK_BODY_KEYS)
}

fn has_any(map: &Map<String, Value>, aliases: &[&str]) -> bool {
    lookup(map, aliases).is_some()
}

/// Text of a field: a string, a WordPress-style `{"rendered": ...}` / `{"text": ...}` object,
/// or an array of strings (paragraphs, joined by blank lines).
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Object(m) => ["rendered", "text", "value", "content"]
            .iter()
            .find_map(|k| m.get(*k).and_then(Value::as_str))
            .map(str::to_string),
        Value::Array(a) => {
            let parts: Vec<&str> = a
                .iter()
                .filter_map(Value::as_str)
                .filter(|s| !s.trim().is_empty())
                .collect();
            (!parts.is_empty()).then(|| parts.join("\n\n"))
        }
        _ => None,
    }
}

/// A person or outlet name: a string, an object with `name`, or a list of those joined ", ".
fn names_of(value: &Value) -> Option<String> {
    let one = |v: &Value| match v {
        Value::String(s) => clean_field(s),
        Value::Object(m) => ["name", "title", "displayname"]
            .iter()
            .find_map(|k| lookup(m, &[k]).and_then(Value::as_str))
            .and_then(clean_field),
        _ => None,
    };
    match value {
        Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(one).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        other => one(other),
    }
}

/// "By Jane Doe" → "Jane Doe" (bylines often carry the word).
fn strip_by(name: &str) -> String {
    match name.get(..3) {
        Some(prefix) if prefix.eq_ignore_ascii_case("by ") => name[3..].trim().to_string(),
        _ => name.to_string(),
    }
}

/// A date from a string in a supported form or a Unix timestamp (number or digit string).
fn date_of(value: &Value) -> Option<chrono::DateTime<chrono::Utc>> {
    match value {
        Value::Number(n) => n.as_f64().and_then(date_from_timestamp),
        Value::String(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => {
            s.parse::<f64>().ok().and_then(date_from_timestamp)
        }
        Value::String(s) => parse_date(s),
        _ => None,
    }
}

/// Tags from a list (of strings or `{"name": ...}` objects) or a comma-separated string.
fn tags_of(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => s.split(',').filter_map(clean_field).collect(),
        Value::Array(a) => a
            .iter()
            .filter_map(|v| names_of(v).filter(|_| !v.is_array()))
            .collect(),
        _ => Vec::new(),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// serde_json's message without its trailing " at line L column C" (we say where ourselves).
pub(super) fn reason(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    }
}

#[cfg(test)]
#[path = "json_tests.rs"]
mod tests;
