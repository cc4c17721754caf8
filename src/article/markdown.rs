//! Markdown articles: YAML front matter for the metadata, the Markdown turned into plain text.
//!
//! The index and the snippets want readable words, not markup: headings lose their `#`,
//! emphasis and code markers go, links and images keep only their text, HTML comments and
//! tags disappear. Soft-wrapped lines of a paragraph are joined; paragraphs, headings, list
//! items and code blocks stay apart so the body still reads like the article.

use super::frontmatter::{self, FrontMatter, Value};
use super::{clean_field, derive_title, parse_date, Article, ArticleError};

#[path = "markdown_inline.rs"]
mod inline;

const TITLE_KEYS: &[&str] = &["title", "headline"];
const DATE_KEYS: &[&str] = &[
    "date",
    "published",
    "pubdate",
    "published_at",
    "publishdate",
    "datepublished",
];
const AUTHOR_KEYS: &[&str] = &["author", "author.name", "authors", "byline"];
const SOURCE_KEYS: &[&str] = &[
    "source",
    "source.name",
    "publisher",
    "publisher.name",
    "site",
];
const URL_KEYS: &[&str] = &["url", "link", "canonical_url", "permalink"];
const TAG_KEYS: &[&str] = &["tags", "keywords", "categories"];

/// Parses a decoded Markdown file. The title is the front-matter title, else the first
/// `# Heading` (which then leaves the body), else derived from the first sentence.
pub(super) fn parse(text: &str) -> Result<Article, ArticleError> {
    let (fm, markdown) = frontmatter::split(text)?;
    let mut blocks = to_blocks(markdown);
    let fm_title = text_field(&fm, TITLE_KEYS);
    let first_h1 = match blocks.first() {
        Some(Block {
            kind: Kind::Heading(1),
            lines,
        }) => clean_field(&lines.join(" ")),
        _ => None,
    };
    let title = match (fm_title, first_h1) {
        (Some(t), Some(h)) if t == h => {
            blocks.remove(0);
            Some(t)
        }
        (Some(t), _) => Some(t),
        (None, Some(h)) => {
            blocks.remove(0);
            Some(h)
        }
        (None, None) => None,
    };
    let body = render(&blocks);
    Ok(Article {
        title: title.unwrap_or_else(|| derive_title(&body)),
        date: text_field(&fm, DATE_KEYS).and_then(|d| parse_date(&d)),
        author: list_field(&fm, AUTHOR_KEYS).map(|names| names.join(", ")),
        source: text_field(&fm, SOURCE_KEYS),
        url: text_field(&fm, URL_KEYS),
        tags: list_field(&fm, TAG_KEYS).unwrap_or_default(),
        body,
    })
}

/// A scalar field (the first item of a list), cleaned.
fn text_field(fm: &FrontMatter, keys: &[&str]) -> Option<String> {
    match fm.get(keys)? {
        Value::Scalar(s) => clean_field(s),
        Value::List(items) => items.iter().find_map(|s| clean_field(s)),
    }
}

/// A list field; a scalar counts as a comma-separated list ("tags: economy, rates").
fn list_field(fm: &FrontMatter, keys: &[&str]) -> Option<Vec<String>> {
    let items: Vec<String> = match fm.get(keys)? {
        Value::Scalar(s) => s.split(',').filter_map(clean_field).collect(),
        Value::List(items) => items.iter().filter_map(|s| clean_field(s)).collect(),
    };
    (!items.is_empty()).then_some(items)
}

/// What a block of output lines is; it decides how its lines are joined.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// A paragraph: soft-wrapped lines joined by spaces.
    Text,
    /// A heading of the given level, alone in its paragraph.
    Heading(usize),
    /// List items or table rows: one per line.
    Lines,
    /// Fenced code: lines kept verbatim.
    Code,
}

#[derive(Debug, Clone, PartialEq)]
struct Block {
    kind: Kind,
    lines: Vec<String>,
}

/// Builds blocks line by line, keeping the one being filled open until a boundary.
#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    open: Option<Block>,
}

impl Builder {
    fn flush(&mut self) {
        if let Some(block) = self.open.take() {
            if block.lines.iter().any(|l| !l.trim().is_empty()) {
                self.blocks.push(block);
            }
        }
    }

    /// Appends a line to the open block of `kind`, opening a new block if the kind differs.
    fn push(&mut self, kind: Kind, line: String) {
        if self.open.as_ref().is_some_and(|b| b.kind != kind) {
            self.flush();
        }
        self.open
            .get_or_insert_with(|| Block {
                kind,
                lines: Vec::new(),
            })
            .lines
            .push(line);
    }

    fn open_kind(&self) -> Option<Kind> {
        self.open.as_ref().map(|b| b.kind)
    }
}

/// Splits Markdown into plain-text blocks.
fn to_blocks(markdown: &str) -> Vec<Block> {
    let cleaned = inline::strip_html_comments(markdown);
    let mut b = Builder::default();
    let mut fence: Option<String> = None;
    for raw in cleaned.lines() {
        if let Some(marker) = &fence {
            if closes_fence(raw.trim(), marker) {
                fence = None;
                b.flush();
            } else {
                b.push(Kind::Code, raw.trim_end().to_string());
            }
            continue;
        }
        let line = strip_quote_markers(raw.trim());
        if let Some(marker) = fence_marker(line) {
            b.flush();
            fence = Some(marker);
            continue;
        }
        block_line(&mut b, line, raw.starts_with([' ', '\t']));
    }
    b.flush();
    b.blocks
}

/// Handles one non-code line (already without blockquote markers).
fn block_line(b: &mut Builder, line: &str, indented: bool) {
    if line.is_empty() {
        b.flush();
    } else if let Some(level) = setext_level(line).filter(|_| b.open_kind() == Some(Kind::Text)) {
        if let Some(block) = b.open.as_mut() {
            block.kind = Kind::Heading(level);
        }
        b.flush();
    } else if is_rule(line) || is_reference_definition(line) {
        b.flush();
    } else if let Some((level, text)) = atx_heading(line) {
        b.flush();
        b.push(Kind::Heading(level), inline::to_text(text));
        b.flush();
    } else if let Some(item) = list_item(line) {
        b.push(Kind::Lines, inline::to_text(item));
    } else if line.starts_with('|') {
        if !line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
            let row = line.trim_matches('|').trim();
            b.push(Kind::Lines, inline::to_text(row));
        }
    } else if b.open_kind() == Some(Kind::Lines) && indented {
        // Continuation of the previous list item.
        if let Some(last) = b.open.as_mut().and_then(|blk| blk.lines.last_mut()) {
            last.push(' ');
            last.push_str(&inline::to_text(line));
        }
    } else {
        b.push(Kind::Text, inline::to_text(line));
    }
}

/// Joins blocks into the body: paragraphs separated by blank lines.
fn render(blocks: &[Block]) -> String {
    let paragraphs: Vec<String> = blocks
        .iter()
        .map(|block| match block.kind {
            Kind::Text | Kind::Heading(_) => block
                .lines
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            Kind::Lines => block
                .lines
                .iter()
                .map(|l| l.trim())
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n"),
            Kind::Code => block.lines.join("\n").trim_matches('\n').to_string(),
        })
        .filter(|p| !p.trim().is_empty())
        .collect();
    paragraphs.join("\n\n")
}

/// Removes leading `>` blockquote markers (nested ones too).
fn strip_quote_markers(mut line: &str) -> &str {
    while let Some(rest) = line.strip_prefix('>') {
        line = rest.trim_start();
    }
    line
}

/// "```rust" or "~~~" opens a fenced code block; returns the marker run that closes it.
fn fence_marker(line: &str) -> Option<String> {
    let first = line.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let run = line.chars().take_while(|c| *c == first).count();
    (run >= 3).then(|| first.to_string().repeat(run))
}

/// A closing fence: only the opening marker's character, at least as many times.
fn closes_fence(line: &str, marker: &str) -> bool {
    let mark = marker.chars().next();
    line.len() >= marker.len() && line.chars().all(|c| Some(c) == mark)
}

/// `# Heading ##` → (1, "Heading").
fn atx_heading(line: &str) -> Option<(usize, &str)> {
    let level = line.chars().take_while(|c| *c == '#').count();
    let rest = &line[level..];
    if !(1..=6).contains(&level) || !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some((level, rest.trim().trim_end_matches('#').trim_end()))
}

/// A line of `=` (level 1) or `-` (level 2) under a paragraph line makes it a heading.
fn setext_level(line: &str) -> Option<usize> {
    let first = line.chars().next()?;
    let all_same = line.chars().all(|c| c == first);
    match first {
        '=' if all_same => Some(1),
        '-' if all_same && line.len() >= 2 => Some(2),
        _ => None,
    }
}

/// `---`, `***`, `___` (spaces allowed) on their own.
fn is_rule(line: &str) -> bool {
    let marks: Vec<char> = line.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3 && matches!(marks[0], '-' | '*' | '_') && marks.iter().all(|c| *c == marks[0])
}

/// `[id]: https://…` reference definitions carry no text.
fn is_reference_definition(line: &str) -> bool {
    line.starts_with('[') && line.find("]:").is_some_and(|i| i > 1)
}

/// `- item`, `* item`, `+ item` → "item"; `1. item` keeps its number ("1. item").
fn list_item(line: &str) -> Option<&str> {
    if let Some(rest) = line.strip_prefix(['-', '*', '+']) {
        return rest.starts_with(' ').then(|| rest.trim_start());
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = &line[digits..];
    (digits > 0 && digits < 10 && (rest.starts_with(". ") || rest.starts_with(") ")))
        .then_some(line)
}

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
