//! The YAML front matter of Markdown articles (`---` … `---`), for the subset people write.
//!
//! Front matter in news exports is a flat map: `key: value` scalars (plain, 'single' or
//! "double" quoted), lists in both `[a, b]` and `- a` forms, occasionally a nested map such as
//! `author:` / `  name: Jane` and `|` / `>` block scalars. A small hand-written reader covers
//! that subset without pulling in a YAML library, and reports malformed input with the file
//! line number instead of guessing.

use super::ArticleError;

/// One front-matter value: a scalar or a list of scalars. Nested map entries are stored under
/// dotted keys ("author.name").
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value {
    Scalar(String),
    List(Vec<String>),
}

/// Parsed front matter: entries in file order, keys lower-cased.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct FrontMatter {
    pub entries: Vec<(String, Value)>,
}

impl FrontMatter {
    /// The value under the first of `keys` present (in `keys` order).
    pub fn get(&self, keys: &[&str]) -> Option<&Value> {
        keys.iter().find_map(|k| {
            self.entries
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v)
        })
    }
}

/// Splits a document into its front matter (if it starts with a `---` line) and the rest.
/// Without front matter the whole text is the body.
pub(super) fn split(text: &str) -> Result<(FrontMatter, &str), ArticleError> {
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return Ok((FrontMatter::default(), text));
    };
    if first.trim_end() != "---" {
        return Ok((FrontMatter::default(), text));
    }
    let mut offset = first.len();
    for line in lines {
        let start = offset;
        offset += line.len();
        if matches!(line.trim_end(), "---" | "...") {
            let fm = parse(&text[first.len()..start])?;
            return Ok((fm, &text[offset..]));
        }
    }
    Err(invalid(
        1,
        "front matter opened here is never closed by a `---` line",
    ))
}

/// Parses the lines between the `---` markers; line numbers in errors count from the file
/// start (the opening `---` is line 1).
fn parse(block: &str) -> Result<FrontMatter, ArticleError> {
    let mut fm = FrontMatter::default();
    // The key whose value continues on the next lines (list items, nested map, block scalar).
    let mut open: Option<(String, Open)> = None;
    for (i, raw) in block.lines().enumerate() {
        let n = i + 2;
        let line = raw.trim_end();
        let indent = line.len() - line.trim_start().len();
        let content = line.trim_start();
        if let Some((key, Open::Block { folded, text })) = open.as_mut() {
            if indent > 0 || content.is_empty() {
                text.push_str(content);
                text.push(if *folded { ' ' } else { '\n' });
                continue;
            }
            let value = Value::Scalar(text.trim().to_string());
            fm.entries.push((key.clone(), value));
            open = None;
        }
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if let Some(item) = content
            .strip_prefix('-')
            .filter(|r| r.is_empty() || r.starts_with(' '))
        {
            let Some((key, Open::Pending)) = &open else {
                return Err(invalid(n, "list item without a key above it"));
            };
            push_item(&mut fm, key, list_item(item.trim(), n)?);
            continue;
        }
        let (key, rest) = split_key(content).ok_or_else(|| invalid(n, "expected `key: value`"))?;
        if indent > 0 {
            let Some((parent, Open::Pending)) = &open else {
                return Err(invalid(n, "indented line without a parent key"));
            };
            let value = scalar(rest, n)?;
            fm.entries
                .push((format!("{parent}.{key}"), Value::Scalar(value)));
            continue;
        }
        open = top_level(&mut fm, key, rest, n)?;
    }
    if let Some((key, Open::Block { text, .. })) = open {
        fm.entries
            .push((key, Value::Scalar(text.trim().to_string())));
    }
    Ok(fm)
}

/// Records a top-level `key: rest`; returns the key when its value continues below.
fn top_level(
    fm: &mut FrontMatter,
    key: String,
    rest: &str,
    n: usize,
) -> Result<Option<(String, Open)>, ArticleError> {
    match rest.chars().next() {
        None => return Ok(Some((key, Open::Pending))),
        Some('|' | '>') if rest.len() <= 2 => {
            let folded = rest.starts_with('>');
            let text = String::new();
            return Ok(Some((key, Open::Block { folded, text })));
        }
        Some('[') => {
            let items = flow_items(rest, '[', ']', n)?;
            fm.entries.push((key, Value::List(items)));
        }
        Some('{') => {
            for entry in flow_items(rest, '{', '}', n)? {
                if let Some((k, v)) = split_key(&entry) {
                    let value = Value::Scalar(scalar(v, n)?);
                    fm.entries.push((format!("{key}.{k}"), value));
                }
            }
        }
        Some(_) => fm.entries.push((key, Value::Scalar(scalar(rest, n)?))),
    }
    Ok(None)
}

/// What an open key is waiting for.
enum Open {
    /// A key with an empty value: list items or an indented map may follow.
    Pending,
    /// A `|` (literal) or `>` (folded) block scalar being collected.
    Block { folded: bool, text: String },
}

/// Adds a list item under `key`, creating the list on the first item.
fn push_item(fm: &mut FrontMatter, key: &str, item: String) {
    match fm.entries.iter_mut().find(|(k, _)| k == key) {
        Some((_, Value::List(items))) => items.push(item),
        _ => fm.entries.push((key.to_string(), Value::List(vec![item]))),
    }
}

/// A `- item` value; `- name: Jane` (a list of maps) keeps the value of the first entry.
fn list_item(item: &str, n: usize) -> Result<String, ArticleError> {
    if !item.starts_with(['"', '\'']) {
        if let Some((_, value)) = split_key(item) {
            return scalar(value, n);
        }
    }
    scalar(item, n)
}

/// `key: rest` → (lower-cased key without quotes, trimmed rest). The colon must be followed by
/// a space or end the line, so "https://…" inside values is not a key separator.
fn split_key(content: &str) -> Option<(String, &str)> {
    let pos = content
        .char_indices()
        .find(|&(i, c)| {
            c == ':'
                && content[i + 1..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
        })
        .map(|(i, _)| i)?;
    let key = content[..pos]
        .trim()
        .trim_matches(|c| c == '"' || c == '\'')
        .to_lowercase();
    (!key.is_empty()).then(|| (key, content[pos + 1..].trim()))
}

/// A scalar: "double quoted" (with backslash escapes), 'single quoted' ('' for a quote) or
/// plain (a ` #` starts a comment). `~` and `null` are empty.
fn scalar(raw: &str, n: usize) -> Result<String, ArticleError> {
    let raw = raw.trim();
    let Some(quote) = raw.chars().next().filter(|c| *c == '"' || *c == '\'') else {
        let plain = raw.find(" #").map_or(raw, |i| &raw[..i]).trim();
        return Ok(if matches!(plain, "~" | "null" | "Null" | "NULL") {
            String::new()
        } else {
            plain.to_string()
        });
    };
    let mut out = String::new();
    let mut chars = raw[1..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if quote == '"' => match chars.next().map(|(_, e)| e) {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(e) => out.push(e),
                None => break,
            },
            c if c == quote => {
                if quote == '\'' && raw[1 + i + 1..].starts_with('\'') {
                    chars.next();
                    out.push('\'');
                    continue;
                }
                let tail = raw[1 + i + 1..].trim();
                if !tail.is_empty() && !tail.starts_with('#') {
                    return Err(invalid(n, "unexpected text after a quoted value"));
                }
                return Ok(out);
            }
            c => out.push(c),
        }
    }
    Err(invalid(n, "unterminated quoted value"))
}

/// Items of a one-line flow collection (`[a, "b, c"]` or `{name: X}`), split on commas outside
/// quotes; each item is a scalar (maps keep `k: v` text for the caller to split).
fn flow_items(raw: &str, open: char, close: char, n: usize) -> Result<Vec<String>, ArticleError> {
    let raw = raw
        .find(" #")
        .filter(|&i| raw[..i].trim_end().ends_with(close))
        .map_or(raw, |i| &raw[..i])
        .trim();
    let inner = raw
        .strip_prefix(open)
        .and_then(|r| r.strip_suffix(close))
        .ok_or_else(|| {
            invalid(
                n,
                &format!("`{open}` is not closed by `{close}` on the same line"),
            )
        })?;
    let mut items = Vec::new();
    let (mut current, mut quote) = (String::new(), None::<char>);
    for c in inner.chars() {
        match (c, quote) {
            ('"' | '\'', None) => quote = Some(c),
            (q, Some(open_q)) if q == open_q => quote = None,
            (',', None) => items.push(std::mem::take(&mut current)),
            _ => {}
        }
        if c != ',' || quote.is_some() {
            current.push(c);
        }
    }
    if quote.is_some() {
        return Err(invalid(n, "unterminated quoted value"));
    }
    items.push(current);
    let keep_raw = open == '{';
    items
        .iter()
        .map(|item| item.trim())
        .filter(|item| !item.is_empty())
        .map(|item| {
            if keep_raw {
                Ok(item.to_string())
            } else {
                scalar(item, n)
            }
        })
        .filter(|r| r.as_ref().map_or(true, |s| !s.is_empty()))
        .collect()
}

fn invalid(line: usize, what: &str) -> ArticleError {
    ArticleError::Invalid(format!("malformed front matter at line {line}: {what}"))
}

#[cfg(test)]
#[path = "frontmatter_tests.rs"]
mod tests;
