//! Protection against hostile nesting before the page is parsed.
//!
//! HTML tree building checks the stack of open elements for every start tag, so a page of
//! 100,000 nested `<div>`s costs time quadratic in its depth (about a minute). A linear scan
//! of the raw markup estimates the nesting first; a page nested far deeper than any real one
//! is flattened to its text and a few head/paragraph tags before parsing.

/// Estimated nesting beyond which a page is flattened. Real pages stay under 100.
pub const MAX_NESTING: usize = 1000;

/// Elements that never have an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];
/// Elements whose end tag is commonly left out; not counted, so sloppy pages are not flagged.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "td", "th", "tr", "option", "dt", "dd", "tbody", "thead",
];
/// Elements whose content is raw text, skipped so `"<div>"` inside a script does not count.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp"];
/// Tags a flattened page keeps: the head's metadata and paragraph breaks.
const KEEP: &[&str] = &[
    "html", "head", "title", "meta", "link", "script", "style", "body", "p", "br", "h1",
];

/// One tag found by the scan.
struct Tag<'a> {
    name: &'a str,
    end: bool,
    self_closing: bool,
    /// Byte range of the whole tag, `<` to `>`.
    span: (usize, usize),
}

/// Whether the markup nests deeper than `limit` by the estimate.
pub fn too_deep(html: &str, limit: usize) -> bool {
    let mut depth: usize = 0;
    let mut too_deep = false;
    scan(html, |tag| {
        let name = tag.name;
        if OPTIONAL_END.contains(&name) || VOID.contains(&name) {
            return;
        }
        if tag.end {
            depth = depth.saturating_sub(1);
        } else if !tag.self_closing {
            depth += 1;
            too_deep |= depth > limit;
        }
    });
    too_deep
}

/// The markup without any tag but those in `KEEP` (text, comments and entities stay).
pub fn flatten(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut last = 0;
    scan(html, |tag| {
        out.push_str(&html[last..tag.span.0]);
        if KEEP.contains(&tag.name) {
            out.push_str(&html[tag.span.0..tag.span.1]);
        } else {
            out.push(' ');
        }
        last = tag.span.1;
    });
    out.push_str(&html[last..]);
    out
}

/// Calls `visit` for every start and end tag, in order, skipping raw-text element content,
/// comments, doctypes and processing instructions.
fn scan<'a>(html: &'a str, mut visit: impl FnMut(&Tag<'a>)) {
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let start = i + off;
        let (end, name_start) = match bytes.get(start + 1) {
            Some(b'/') => (true, start + 2),
            Some(c) if c.is_ascii_alphabetic() => (false, start + 1),
            _ => {
                i = start + 1;
                continue;
            }
        };
        let name_len = html[name_start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
            .unwrap_or(html.len() - name_start);
        let close = html[name_start..]
            .find('>')
            .map_or(html.len(), |p| name_start + p + 1);
        let raw_name = &html[name_start..name_start + name_len];
        let lower = raw_name.to_ascii_lowercase();
        let name = [VOID, OPTIONAL_END, RAW_TEXT, KEEP]
            .iter()
            .flat_map(|list| list.iter())
            .find(|n| **n == lower)
            .copied()
            .unwrap_or(if end { "/" } else { "?" });
        let self_closing = html[start..close].ends_with("/>");
        visit(&Tag {
            name,
            end,
            self_closing,
            span: (start, close),
        });
        i = close;
        if !end && RAW_TEXT.contains(&name) {
            i = raw_text_end(html, close, name);
        }
    }
}

/// Where the content of a raw-text element that starts at `from` ends (at its end tag).
fn raw_text_end(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut i = from;
    while let Some(p) = html[i..].find("</") {
        let at = i + p;
        let tail = &bytes[at + 2..];
        if tail.len() >= name.len() && tail[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return at;
        }
        i = at + 2;
    }
    html.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimates_nesting() {
        let deep = "<div>".repeat(50);
        let cases = [
            ("<div><div><p>x</div></div>", 2, false),
            ("<div><div><div>x</div></div></div>", 2, true),
            ("<ul><li>a<li>b<li>c</ul>", 1, false),
            ("<p>a<p>b<p>c<br><img src=x><hr>", 0, false),
            (
                "<script>var s = '<div><div><div>';</script><div>x</div>",
                1,
                false,
            ),
            ("<div/><div/><div/>", 0, false),
            (deep.as_str(), 49, true),
            ("< div <<<>>> </", 0, false),
        ];
        for (html, limit, want) in cases {
            assert_eq!(too_deep(html, limit), want, "{html}");
        }
    }

    #[test]
    fn flattens_to_text_and_head_tags() {
        let cases = [
            ("<div><b>bold</b> text</div>", "  bold  text "),
            (
                "<title>T</title><p>a<span>b</span>",
                "<title>T</title><p>a b ",
            ),
            (
                "<script>if (a<b) {}</script>x",
                "<script>if (a<b) {}</script>x",
            ),
            ("AT&amp;T <!-- c -->", "AT&amp;T <!-- c -->"),
        ];
        for (html, want) in cases {
            assert_eq!(flatten(html), want, "{html}");
        }
    }
}
