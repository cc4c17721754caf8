//! Inline Markdown to plain text: the markup inside a line (emphasis, code spans, links,
//! images, autolinks, HTML tags, backslash escapes) and HTML comments across lines.
//!
//! Only the readable words are kept: `[text](url)` → "text", `![alt](src)` → "alt",
//! `**bold**` → "bold". Scans are bounded so hostile input stays linear-ish and nesting is
//! capped, so no input can blow the stack.

/// Deepest link-inside-link nesting converted; deeper text is kept raw.
const MAX_DEPTH: usize = 8;
/// Longest span searched for a closing bracket, backtick run or `>`.
const MAX_SCAN: usize = 2000;
/// Inline HTML tags removed without leaving a space.
const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "b", "cite", "code", "em", "i", "mark", "q", "s", "small", "span", "strong",
    "sub", "sup", "u",
];

/// Removes `<!-- … -->` comments (an unterminated one runs to the end).
pub(super) fn strip_html_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start + 4..].find("-->") {
            Some(end) => rest = &rest[start + 4 + end + 3..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// Plain text of one line of inline Markdown.
pub(super) fn to_text(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    convert(&chars, 0)
}

fn convert(chars: &[char], depth: usize) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        i = match c {
            '\\' if next.is_some_and(|n| n.is_ascii_punctuation()) => {
                out.extend(next);
                i + 2
            }
            '`' => code_span(chars, i, &mut out),
            '!' if next == Some('[') => link(chars, i + 1, depth, &mut out).unwrap_or_else(|| {
                out.push('!');
                i + 1
            }),
            '[' => link(chars, i, depth, &mut out).unwrap_or_else(|| {
                out.push('[');
                i + 1
            }),
            '<' => angle(chars, i, &mut out).unwrap_or_else(|| {
                out.push('<');
                i + 1
            }),
            '*' | '_' | '~' => emphasis(chars, i, &mut out),
            _ => {
                out.push(c);
                i + 1
            }
        };
    }
    out
}

/// A run of backticks opens a code span closed by a run of the same length; the content is
/// kept as is. Without a closing run the backticks are literal.
fn code_span(chars: &[char], start: usize, out: &mut String) -> usize {
    let run = count_run(chars, start);
    let mut j = start + run;
    let limit = chars.len().min(j + MAX_SCAN);
    while j < limit {
        if chars[j] == '`' {
            let close = count_run(chars, j);
            if close == run {
                let content: String = chars[start + run..j].iter().collect();
                out.push_str(
                    content
                        .strip_prefix(' ')
                        .and_then(|c| c.strip_suffix(' '))
                        .unwrap_or(&content),
                );
                return j + close;
            }
            j += close;
        } else {
            j += 1;
        }
    }
    out.extend(&chars[start..start + run]);
    start + run
}

/// `[text](url)`, `[text][ref]` or `[text][]` at `open` (a `[`): pushes the text and returns
/// the index after the link; `None` when it is not a link (e.g. "[sic]").
fn link(chars: &[char], open: usize, depth: usize, out: &mut String) -> Option<usize> {
    let close = matching(chars, open, '[', ']')?;
    let end = match chars.get(close + 1) {
        Some('(') => matching(chars, close + 1, '(', ')')? + 1,
        Some('[') => matching(chars, close + 1, '[', ']')? + 1,
        _ => return None,
    };
    let text = &chars[open + 1..close];
    if depth < MAX_DEPTH {
        out.push_str(&convert(text, depth + 1));
    } else {
        out.extend(text);
    }
    Some(end)
}

/// Index of the bracket closing the one at `open`, honouring nesting and backslash escapes.
fn matching(chars: &[char], open: usize, left: char, right: char) -> Option<usize> {
    let mut depth = 0usize;
    let mut j = open;
    let limit = chars.len().min(open + MAX_SCAN);
    while j < limit {
        match chars[j] {
            '\\' => j += 1,
            c if c == left => depth += 1,
            c if c == right => {
                depth -= 1;
                if depth == 0 {
                    return Some(j);
                }
            }
            _ => {}
        }
        j += 1;
    }
    None
}

/// `<https://…>` autolinks keep the address; HTML tags are dropped (inline tags without a
/// trace, others leave a space so words do not glue together). Anything else is not markup.
fn angle(chars: &[char], open: usize, out: &mut String) -> Option<usize> {
    let limit = chars.len().min(open + MAX_SCAN);
    let close = (open + 1..limit).find(|&j| chars[j] == '>' || chars[j] == '<')?;
    if chars[close] != '>' {
        return None;
    }
    let inner: String = chars[open + 1..close].iter().collect();
    if ["http://", "https://", "mailto:"]
        .iter()
        .any(|p| inner.starts_with(p))
        && !inner.contains(' ')
    {
        out.push_str(&inner);
        return Some(close + 1);
    }
    let name: String = inner
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let starts_like_tag = inner
        .trim_start_matches('/')
        .starts_with(|c: char| c.is_ascii_alphabetic());
    if !starts_like_tag {
        return None;
    }
    if !INLINE_TAGS.contains(&name.as_str()) {
        out.push(' ');
    }
    Some(close + 1)
}

/// Emphasis markers (`*`, `_`, `~~`) are dropped when they touch a word on one side only;
/// inside a word ("snake_case") or between spaces ("2 * 3") they are literal.
fn emphasis(chars: &[char], start: usize, out: &mut String) -> usize {
    let run = count_run(chars, start);
    let end = start + run;
    let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
    let space = |c: Option<&char>| c.is_none_or(|c| c.is_whitespace());
    let prev = start.checked_sub(1).and_then(|p| chars.get(p));
    let next = chars.get(end);
    let literal = (chars[start] == '~' && run < 2)
        || (word(prev) && word(next))
        || (space(prev) && space(next));
    if literal {
        out.extend(&chars[start..end]);
    }
    end
}

/// Length of the run of identical characters starting at `start`.
fn count_run(chars: &[char], start: usize) -> usize {
    chars[start..]
        .iter()
        .take_while(|c| **c == chars[start])
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markup_becomes_text() {
        let cases = [
            (
                "The **central bank** raised rates by *half* a point.",
                "The central bank raised rates by half a point.",
            ),
            (
                "__Update:__ the _minister_ resigned ~~today~~ yesterday.",
                "Update: the minister resigned today yesterday.",
            ),
            (
                "Read the [full report](https://example.com/report \"PDF\") today.",
                "Read the full report today.",
            ),
            (
                "See [the *annual* review][review] and [this][].",
                "See the annual review and this.",
            ),
            (
                "![Protesters outside parliament](img/p.jpg) Crowds gathered.",
                "Protesters outside parliament Crowds gathered.",
            ),
            (
                "Run `cargo build` or ``a ` tick``.",
                "Run cargo build or a ` tick.",
            ),
            (
                "Mail <mailto:desk@example.com> or visit <https://example.com>.",
                "Mail mailto:desk@example.com or visit https://example.com.",
            ),
            (
                "Prices rose<br>again, <em>sharply</em>.",
                "Prices rose again, sharply.",
            ),
            (
                "Costs of 2 * 3 and a < b > c stay; snake_case too.",
                "Costs of 2 * 3 and a < b > c stay; snake_case too.",
            ),
            (
                "An \\*escaped\\* star and [sic] brackets.",
                "An *escaped* star and [sic] brackets.",
            ),
            (
                "Unclosed `tick and [bracket(",
                "Unclosed `tick and [bracket(",
            ),
            ("A single ~tilde~ stays.", "A single ~tilde~ stays."),
        ];
        for (input, want) in cases {
            assert_eq!(to_text(input), want, "{input}");
        }
    }

    #[test]
    fn comments_are_removed() {
        let cases = [
            ("Before <!-- hidden --> after", "Before  after"),
            ("One\n<!--\nmulti\nline\n-->\nTwo", "One\n\nTwo"),
            ("Text <!-- never closed", "Text "),
        ];
        for (input, want) in cases {
            assert_eq!(strip_html_comments(input), want, "{input}");
        }
    }

    #[test]
    fn hostile_nesting_is_bounded() {
        let deep = format!("{}text{}", "[".repeat(5000), "](u)".repeat(5000));
        let _ = to_text(&deep);
        let nested = format!("{}x{}", "[".repeat(50), "](u)".repeat(50));
        assert!(to_text(&nested).contains('x'));
    }
}
