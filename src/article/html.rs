//! HTML pages: the article body without boilerplate, plus title, date, author, source, url.
//!
//! The bytes are decoded first (`charset`: BOM, then valid UTF-8, then the declared charset).
//! The body comes from `rs-trafilatura`, chosen by measurement against the alternatives (see
//! `docs/HTML_EXTRACTION.md`); when it finds nothing, or the page nests deeper than any real
//! page does (where its recursive algorithms get slow or overflow the stack), the visible text
//! of `<article>`/`<main>`/`<body>` is used instead. Pages nested absurdly deep are flattened
//! before parsing at all (`guard`). Metadata comes from our own reading of the page
//! (`meta`): JSON-LD, Open Graph and other meta tags, then visible markup.

mod charset;
mod guard;
mod jsonld;
mod meta;
mod text;

pub(crate) use text::BLOCKS;
mod title;

pub(crate) use charset::decode;
pub(crate) use text::collapse_paragraphs;
pub use text::to_text;

use super::{Article, ArticleError};
use dom_query::Document;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Element nesting beyond which the page is treated as hostile and read the simple way.
/// Real news pages stay well under 100 (the deepest of the 220 pages of both local corpora is
/// 52); the extractor's cost grows with the square of the depth.
const MAX_DEPTH: usize = 256;

/// Subtrees left out of the fallback body text.
const FALLBACK_SKIP: &[&str] = &["nav", "header", "footer", "aside", "form", "figure"];

/// Parses one HTML page (raw bytes; the charset is detected here).
pub fn parse(bytes: &[u8]) -> Result<Article, ArticleError> {
    let mut html = decode(bytes)?;
    if guard::too_deep(&html, guard::MAX_NESTING) {
        html = guard::flatten(&html);
    }
    let doc = Document::from(html.as_str());
    let meta = meta::extract(&doc);
    let body = without_links(without_title(body(&html, &doc), &meta.title), &doc);
    if body.is_empty() && meta.title.is_empty() {
        return Err(ArticleError::Invalid("no article text in the page".into()));
    }
    Ok(Article {
        title: meta.title,
        body,
        date: meta.date,
        author: meta.author,
        source: meta.source,
        url: meta.url,
        tags: meta.tags,
    })
}

/// The article body: the extractor's text with one blank line between paragraphs, or the
/// fallback text when the extractor is unsafe for this page or finds nothing.
fn body(html: &str, doc: &Document) -> String {
    if text::depth_exceeds(&doc.root(), MAX_DEPTH) {
        return fallback_body(doc);
    }
    let extracted = catch_unwind(AssertUnwindSafe(|| rs_trafilatura::extract(html)))
        .ok()
        .and_then(Result::ok)
        .map(|r| extracted_text(&r))
        .unwrap_or_default();
    if extracted.is_empty() {
        fallback_body(doc)
    } else {
        extracted
    }
}

/// The extractor's plain text, one paragraph per line; when it ran a long article into a
/// single line, the paragraphs are recovered from its HTML output instead.
fn extracted_text(result: &rs_trafilatura::ExtractResult) -> String {
    let plain = paragraphs(&result.content_text);
    if plain.contains("\n\n") || plain.chars().count() < 1000 {
        return plain;
    }
    let from_html = result
        .content_html
        .as_deref()
        .map(to_text)
        .unwrap_or_default();
    if from_html.matches("\n\n").count() >= 2 {
        from_html
    } else {
        plain
    }
}

/// The body without a first paragraph that only repeats the title (the page's `<h1>`).
fn without_title(body: String, title: &str) -> String {
    let squash = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    match body.split_once("\n\n") {
        Some((first, rest)) if !title.is_empty() && squash(first) == squash(title) => {
            rest.to_string()
        }
        _ => body,
    }
}

/// The body without runs of two or more paragraphs that are each nothing but the text of a
/// link on the page: lists of related stories. A lone link paragraph may be the article's.
fn without_links(body: String, doc: &Document) -> String {
    let links: std::collections::HashSet<String> = doc
        .select("a")
        .nodes()
        .iter()
        .map(|a| a.text().split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| t.len() >= 20)
        .collect();
    if links.is_empty() {
        return body;
    }
    let paras: Vec<&str> = body.split("\n\n").collect();
    let is_link: Vec<bool> = paras.iter().map(|p| links.contains(*p)).collect();
    let in_run = |i: usize| {
        is_link[i] && (i > 0 && is_link[i - 1] || i + 1 < is_link.len() && is_link[i + 1])
    };
    let kept: Vec<&str> = (0..paras.len())
        .filter(|&i| !in_run(i))
        .map(|i| paras[i])
        .collect();
    if kept.is_empty() {
        body
    } else {
        kept.join("\n\n")
    }
}

/// One paragraph per non-empty line, separated by blank lines, whitespace collapsed.
fn paragraphs(text: &str) -> String {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Visible text of the most specific content container, without navigation and chrome.
fn fallback_body(doc: &Document) -> String {
    for sel in ["article", "main", "[role=main]", "body"] {
        if let Some(node) = doc.select(sel).nodes().first() {
            let text = text::text_of(node, FALLBACK_SKIP);
            if !text.is_empty() {
                return text;
            }
        }
    }
    text::text_of(&doc.root(), FALLBACK_SKIP)
}

#[cfg(test)]
mod tests;
