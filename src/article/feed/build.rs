//! Turns one raw feed item (its child elements' names, attributes and text) into an
//! [`Article`]: which element gives the title, link, date, author, body and tags, for RSS 2.0,
//! RSS 1.0 with Dublin Core, and Atom. HTML bodies become plain text with paragraphs.

use crate::article::html::{collapse_paragraphs, to_text};
use crate::article::parse_date;
use crate::article::{Article, ItemError};

/// One child element of an item.
#[derive(Debug, Default, Clone)]
pub struct Field {
    /// Qualified name, lowercased (`content:encoded`).
    pub name: String,
    pub attrs: Vec<(String, String)>,
    /// All text inside the element, entities and CDATA resolved.
    pub text: String,
    /// Text of a `<name>` child (Atom `author`/`contributor`).
    pub person: String,
}

impl Field {
    pub fn new(name: &str, attrs: Vec<(String, String)>) -> Field {
        Field {
            name: name.to_string(),
            attrs,
            ..Field::default()
        }
    }

    pub fn push(&mut self, text: &str, in_name: bool) {
        if in_name {
            self.person.push_str(text);
        }
        self.text.push_str(text);
    }

    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Body text: HTML unless an Atom `type` says it is plain text.
    fn plain_text(&self) -> String {
        let kind = self.attr("type").unwrap_or("html");
        if kind == "text" || kind == "text/plain" {
            collapse_paragraphs(&self.text)
        } else {
            to_text(&self.text)
        }
    }
}

/// An item as read: its fields, or why it could not be read.
#[derive(Debug, Default, Clone)]
pub struct RawItem {
    pub fields: Vec<Field>,
    pub error: Option<String>,
}

impl RawItem {
    fn first(&self, names: &[&str]) -> Option<&Field> {
        names.iter().find_map(|n| {
            self.fields
                .iter()
                .find(|f| f.name == *n && !f.text.trim().is_empty())
        })
    }
}

/// Feed-level values items inherit.
pub struct FeedInfo {
    title: Option<String>,
    author: Option<String>,
}

impl FeedInfo {
    pub fn new(title: &str, author: &str) -> FeedInfo {
        let some = |s: &str| Some(collapse(s)).filter(|s| !s.is_empty());
        FeedInfo {
            title: some(title),
            author: some(author),
        }
    }
}

/// Builds the article for the item at `index` (0-based), or says why it is skipped.
pub fn article(raw: RawItem, feed: &FeedInfo, index: usize) -> Result<Article, ItemError> {
    let fail = |reason: String| ItemError {
        position: format!("item {}", index + 1),
        reason,
    };
    if let Some(reason) = raw.error.clone() {
        return Err(fail(reason));
    }
    let title = raw
        .first(&["title", "dc:title"])
        .map(title_text)
        .unwrap_or_default();
    let body = raw
        .first(&[
            "content:encoded",
            "content",
            "description",
            "summary",
            "media:description",
        ])
        .map(Field::plain_text)
        .unwrap_or_default();
    let url = link(&raw);
    if title.is_empty() && body.is_empty() && url.is_none() {
        return Err(fail("the item has no title, link or text".into()));
    }
    let date = raw
        .first(&[
            "pubdate",
            "dc:date",
            "published",
            "issued",
            "updated",
            "modified",
            "dcterms:created",
        ])
        .and_then(|f| parse_date(&f.text));
    Ok(Article {
        title,
        body,
        date,
        author: author(&raw).or_else(|| feed.author.clone()),
        source: feed.title.clone(),
        url,
        tags: tags(&raw),
    })
}

fn title_text(f: &Field) -> String {
    match f.attr("type") {
        Some("html") | Some("xhtml") => collapse(&to_text(&f.text)),
        _ => collapse(&f.text),
    }
}

/// RSS `<link>` text, else Atom's alternate (or untyped) `<link href>`, else a permalink guid.
fn link(raw: &RawItem) -> Option<String> {
    let rss = raw.first(&["link"]).map(|f| f.text.trim().to_string());
    let atom = || {
        raw.fields
            .iter()
            .filter(|f| f.name == "link" && f.attr("rel").is_none_or(|r| r == "alternate"))
            .find_map(|f| f.attr("href").map(|h| h.trim().to_string()))
    };
    let guid = || {
        raw.first(&["guid", "id"])
            .filter(|f| f.attr("ispermalink") != Some("false"))
            .map(|f| f.text.trim().to_string())
    };
    rss.or_else(atom)
        .or_else(guid)
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
}

/// `dc:creator`, an Atom author's name, or RSS `author` ("jo@x.org (Jo Smith)" → "Jo Smith").
fn author(raw: &RawItem) -> Option<String> {
    let names: Vec<String> = raw
        .fields
        .iter()
        .filter(|f| matches!(f.name.as_str(), "author" | "dc:creator" | "creator"))
        .map(|f| {
            if f.person.trim().is_empty() {
                rss_author(&f.text)
            } else {
                collapse(&f.person)
            }
        })
        .filter(|a| !a.is_empty())
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

fn rss_author(text: &str) -> String {
    let t = collapse(text);
    match (t.find('('), t.rfind(')')) {
        (Some(open), Some(close)) if open < close && t.contains('@') => {
            t[open + 1..close].trim().to_string()
        }
        _ => t,
    }
}

/// RSS `<category>` text or Atom `<category term>`.
fn tags(raw: &RawItem) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for f in raw
        .fields
        .iter()
        .filter(|f| f.name == "category" || f.name == "dc:subject")
    {
        let tag = f
            .attr("term")
            .map(collapse)
            .unwrap_or_else(|| collapse(&f.text));
        if !tag.is_empty() && !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            tags.push(tag);
        }
    }
    tags
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
