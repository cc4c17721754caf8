//! Plain text from an HTML tree: paragraphs separated by blank lines, whitespace collapsed,
//! scripts and styles dropped. Every walk here is iterative, so hostile nesting depth cannot
//! overflow the stack.

use dom_query::{Document, NodeRef};

/// Elements whose content is never text a reader sees.
const HIDDEN: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas",
    "select", "button",
];

/// Elements that start a new paragraph (also in Atom XHTML content).
pub(crate) const BLOCKS: &[&str] = &[
    "p",
    "div",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "tr",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "nav",
    "main",
    "figure",
    "figcaption",
    "dl",
    "dt",
    "dd",
    "hr",
    "address",
    "form",
    "fieldset",
    "details",
    "summary",
    "body",
    "center",
];

/// Elements that end a line without starting a paragraph.
const LINES: &[&str] = &["br"];

/// Converts an HTML fragment (a feed item's description, say) to plain text.
pub fn to_text(fragment_html: &str) -> String {
    if !fragment_html.contains('<') && !fragment_html.contains('&') {
        return collapse_paragraphs(fragment_html);
    }
    let doc = Document::fragment(fragment_html);
    text_of(&doc.root(), &[])
}

/// Normalises text that is already plain: trims lines, collapses runs of spaces, and keeps
/// paragraph breaks (one or more blank lines) as exactly one blank line.
pub fn collapse_paragraphs(text: &str) -> String {
    let mut out = TextBuf::default();
    for line in text.lines() {
        if line.trim().is_empty() {
            out.gap(Gap::Para);
        } else {
            out.gap(Gap::Line);
            out.push(line);
        }
    }
    out.finish()
}

/// The visible text under `root`, skipping subtrees whose element name is in `skip` as well
/// as the always-hidden ones.
pub fn text_of(root: &NodeRef, skip: &[&str]) -> String {
    let mut out = TextBuf::default();
    let mut stack: Vec<(NodeRef, bool)> = vec![(*root, false)];
    while let Some((node, closing)) = stack.pop() {
        if node.is_text() {
            out.push(&node.text());
            continue;
        }
        let name = node
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        let block = BLOCKS.contains(&name.as_str());
        if closing {
            if block {
                out.gap(Gap::Para);
            }
            continue;
        }
        if HIDDEN.contains(&name.as_str()) || skip.contains(&name.as_str()) {
            continue;
        }
        if LINES.contains(&name.as_str()) {
            out.gap(Gap::Line);
        } else if block {
            out.gap(Gap::Para);
        } else if name == "td" || name == "th" || name == "img" {
            out.gap(Gap::Space);
        }
        stack.push((node, true));
        stack.extend(node.children_it(true).map(|c| (c, false)));
    }
    out.finish()
}

/// The depth of the deepest element under `root`, counting stops once `limit` is passed.
pub fn depth_exceeds(root: &NodeRef, limit: usize) -> bool {
    let mut stack: Vec<(NodeRef, usize)> = vec![(*root, 0)];
    while let Some((node, depth)) = stack.pop() {
        if depth > limit {
            return true;
        }
        stack.extend(node.children_it(false).map(|c| (c, depth + 1)));
    }
    false
}

/// The kind of break wanted before the next word; larger wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
enum Gap {
    #[default]
    None,
    Space,
    Line,
    Para,
}

/// Accumulates words, turning the strongest pending break into a separator.
#[derive(Default)]
struct TextBuf {
    out: String,
    pending: Gap,
}

impl TextBuf {
    fn gap(&mut self, gap: Gap) {
        self.pending = self.pending.max(gap);
    }

    fn push(&mut self, text: &str) {
        if text.starts_with(char::is_whitespace) {
            self.gap(Gap::Space);
        }
        for (i, word) in text.split_whitespace().enumerate() {
            if i > 0 {
                self.out.push(' ');
            } else if !self.out.is_empty() {
                self.out.push_str(match self.pending {
                    Gap::None => "",
                    Gap::Space => " ",
                    Gap::Line => "\n",
                    Gap::Para => "\n\n",
                });
            }
            self.pending = Gap::None;
            self.out.push_str(word);
        }
        if text.ends_with(char::is_whitespace) {
            self.gap(Gap::Space);
        }
    }

    fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_become_paragraphs() {
        let cases = [
            ("plain words", "plain words"),
            ("<p>One</p><p>Two</p>", "One\n\nTwo"),
            ("<p>a <b>bold</b>  move</p>", "a bold move"),
            ("line<br>break", "line\nbreak"),
            ("<ul><li>x</li><li>y</li></ul>", "x\n\ny"),
            ("<p>AT&amp;T &lt;3 caf&eacute;</p>", "AT&T <3 café"),
            ("<p>x</p><script>var a = 1;</script><style>p{}</style>", "x"),
            ("<div>un<span>broken</span></div>", "unbroken"),
            ("  \n\t ", ""),
            ("<p>unclosed <i>tags <p>next", "unclosed tags\n\nnext"),
        ];
        for (html, want) in cases {
            assert_eq!(to_text(html), want, "{html}");
        }
    }

    #[test]
    fn plain_text_keeps_paragraph_breaks() {
        let cases = [("a\n\n\nb", "a\n\nb"), ("  a   b \n c", "a b\nc"), ("", "")];
        for (text, want) in cases {
            assert_eq!(collapse_paragraphs(text), want, "{text:?}");
        }
    }

    #[test]
    fn deep_nesting_is_walked_without_recursion() {
        let n = 1_200;
        let html = format!("{}deep{}", "<div>".repeat(n), "</div>".repeat(n));
        let doc = Document::fragment(html);
        assert!(depth_exceeds(&doc.root(), 1000));
        assert_eq!(text_of(&doc.root(), &[]), "deep");
        let shallow = Document::fragment("<div><p>x</p></div>");
        assert!(!depth_exceeds(&shallow.root(), 10));
    }
}
