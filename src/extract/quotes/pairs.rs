//! Pairing quotation marks into quoted pieces, one linear pass per paragraph.
//!
//! Double marks (“ ” " « » „) are paired by direction: a mark at the start of a word opens,
//! a mark at the end of a word closes, a straight " toggles. Single marks (‘ ’ ') are paired
//! only at word boundaries and only outside double quotes, so apostrophes (don’t, the
//! Smiths’ house, ’90s) never open or close a quotation; inside a double quotation single
//! marks are nested quotes and stay part of the content. A paragraph that ends inside a
//! double quotation continues into the next paragraph when that one starts with an opening
//! mark (the multi-paragraph convention); otherwise the unclosed quotation is dropped.
//! A mark right after `=` starts an HTML attribute value, not a quotation.

/// One quotation: content between the opening and the final closing mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Content range (without marks); spans paragraphs for continued quotations.
    pub start: usize,
    pub end: usize,
    /// Byte offset just after the closing mark.
    pub close_end: usize,
    /// Content range of each paragraph the quotation covers.
    pub segments: Vec<(usize, usize)>,
    /// Quoted with single marks.
    pub single: bool,
}

/// An open double quotation being scanned.
struct Open {
    mark: usize,
    start: usize,
    opener: char,
    depth: u32,
    segments: Vec<(usize, usize)>,
}

/// Finds all quoted pieces of a body, in text order.
pub fn find_pieces(body: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut pending: Option<Open> = None;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let para_start = offset;
        offset += line.len();
        let text = line.trim_end_matches(['\n', '\r']);
        if text.trim().is_empty() {
            continue;
        }
        let continues = pending.is_some() && starts_with_opener(text);
        if !continues {
            pending = None;
        }
        pending = scan_paragraph(body, para_start, text.len(), pending, &mut pieces);
    }
    pieces
}

fn starts_with_opener(text: &str) -> bool {
    matches!(
        text.trim_start().chars().next(),
        Some('“' | '"' | '«' | '„')
    )
}

/// Character classes around a mark.
fn flanks(prev: Option<char>, next: Option<char>) -> (bool, bool) {
    let open_ctx = |c: char| c.is_whitespace() || "([{—–-/".contains(c) || is_double(c);
    let left = prev.is_none_or(open_ctx) && next.is_some_and(|c| !c.is_whitespace());
    let right = prev.is_some_and(|c| !c.is_whitespace())
        && next.is_none_or(|c| c.is_whitespace() || ".,;:!?)]}—–-…".contains(c) || is_mark(c));
    (left, right)
}

fn is_double(c: char) -> bool {
    matches!(c, '“' | '”' | '"' | '«' | '»' | '„' | '‟')
}

fn is_mark(c: char) -> bool {
    is_double(c) || matches!(c, '‘' | '’' | '\'')
}

/// Scans one paragraph `body[start..start + len]`; returns the double quotation still
/// open at its end (with this paragraph's segment recorded).
fn scan_paragraph(
    body: &str,
    start: usize,
    len: usize,
    mut open: Option<Open>,
    out: &mut Vec<Piece>,
) -> Option<Open> {
    let text = &body[start..start + len];
    let mut single: Option<(usize, usize)> = None;
    let mut in_attr = false;
    let mut prev: Option<char> = None;
    // Continued quotation: this paragraph's content starts after its opening mark.
    let mut skip_first_opener = open.is_some();
    let mut off = 0;
    while let Some(&b) = text.as_bytes().get(off) {
        if b.is_ascii() && b != b'"' && b != b'\'' {
            // Not a mark: only the previous character and the first-opener flag change.
            let c = char::from(b);
            skip_first_opener &= c.is_whitespace();
            prev = Some(c);
            off += 1;
            continue;
        }
        let Some(c) = text[off..].chars().next() else {
            break;
        };
        let at = start + off;
        let after = at + c.len_utf8();
        off += c.len_utf8();
        let next = text[off..].chars().next();
        if in_attr {
            in_attr = c != '"';
        } else if c == '"' && prev == Some('=') {
            in_attr = true;
        } else if is_double(c) && skip_first_opener {
            skip_first_opener = false;
            if let Some(o) = open.as_mut() {
                o.start_segment(after);
            }
        } else if is_double(c) {
            open = double_mark(c, at, after, prev, next, open, out);
            single = None;
        } else if open.is_none() && matches!(c, '‘' | '’' | '\'') {
            single = single_mark(c, at, after, prev, next, single, out);
        }
        if !c.is_whitespace() {
            skip_first_opener = false;
        }
        prev = Some(c);
    }
    if let Some(o) = open.as_mut() {
        o.end_segment(start + len);
    }
    open
}

impl Open {
    fn new(mark: usize, start: usize, opener: char) -> Open {
        Open {
            mark,
            start,
            opener,
            depth: 0,
            segments: vec![(start, start)],
        }
    }

    fn start_segment(&mut self, at: usize) {
        self.segments.push((at, at));
    }

    fn end_segment(&mut self, at: usize) {
        if let Some(last) = self.segments.last_mut() {
            last.1 = at;
        }
    }

    fn close(mut self, at: usize, after: usize) -> Piece {
        self.end_segment(at);
        Piece {
            open: self.mark,
            start: self.start,
            end: at,
            close_end: after,
            segments: self.segments,
            single: false,
        }
    }
}

/// Handles one double mark; returns the new open state.
fn double_mark(
    c: char,
    at: usize,
    after: usize,
    prev: Option<char>,
    next: Option<char>,
    open: Option<Open>,
    out: &mut Vec<Piece>,
) -> Option<Open> {
    let (left, right) = flanks(prev, next);
    match open {
        None => {
            let opens = match c {
                '“' | '„' | '«' | '‟' => !right || left,
                '"' => left || !right,
                _ => left && !right, // ” or » misused as an opener
            };
            opens.then(|| Open::new(at, after, c))
        }
        Some(mut o) => {
            let closes = match c {
                '”' | '»' => true,
                '“' => o.opener == '„' || (right && !left),
                '"' => !left || right || o.opener == '"',
                _ => false,
            };
            let nests = !closes && (c == '“' || c == '«' || c == '„');
            if closes && o.depth > 0 {
                o.depth -= 1;
                Some(o)
            } else if closes {
                if at > o.start {
                    out.push(o.close(at, after));
                }
                None
            } else {
                if nests {
                    o.depth += 1;
                }
                Some(o)
            }
        }
    }
}

/// Handles one single mark outside double quotes; returns the open single mark position.
fn single_mark(
    c: char,
    at: usize,
    after: usize,
    prev: Option<char>,
    next: Option<char>,
    single: Option<(usize, usize)>,
    out: &mut Vec<Piece>,
) -> Option<(usize, usize)> {
    let (left, right) = flanks(prev, next);
    let word_after = next.is_some_and(char::is_alphabetic);
    match single {
        None if left && word_after && c != '’' => Some((at, after)),
        None => None,
        Some((open, start)) => {
            // A closing mark ends a word and is not followed by a letter; "s’ " after a
            // plural is read as a possessive.
            let possessive = prev == Some('s') && next == Some(' ');
            if right && !possessive {
                if at > start {
                    out.push(Piece {
                        open,
                        start,
                        end: at,
                        close_end: after,
                        segments: vec![(start, at)],
                        single: true,
                    });
                }
                None
            } else {
                Some((open, start))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(body: &str) -> Vec<&str> {
        find_pieces(body)
            .iter()
            .map(|p| &body[p.start..p.end])
            .collect()
    }

    #[test]
    fn pairs_marks() {
        let cases: Vec<(&str, Vec<&str>)> = vec![
            ("“We will win,” she said.", vec!["We will win,"]),
            ("\"We will win,\" she said.", vec!["We will win,"]),
            ("He said: «Nous gagnerons.»", vec!["Nous gagnerons."]),
            (
                "Er sagte: „Wir schaffen das.“ Dann ging er.",
                vec!["Wir schaffen das."],
            ),
            ("‘We will win,’ she said.", vec!["We will win,"]),
            (
                "She said the talks created “understanding” today.",
                vec!["understanding"],
            ),
            ("We don’t know the Smiths’ house from the ’90s.", vec![]),
            (
                "“He told me ‘never again,’ and I believed him,” she said.",
                vec!["He told me ‘never again,’ and I believed him,"],
            ),
            ("The article ends “without a close", vec![]),
            ("<tweet author=\"someone\">Text</tweet>", vec![]),
            ("”Misused opener,” he said.", vec!["Misused opener,"]),
            ("“One” and “two”", vec!["One", "two"]),
            ("rock 'n' roll", vec!["n"]),
            (
                "Müller sagte: «Wir schaffen das» — ja.",
                vec!["Wir schaffen das"],
            ),
            ("a=\"b\" and “é” then", vec!["é"]),
            (
                "“Über alles,” sagte er, ‘nie’ …",
                vec!["Über alles,", "nie"],
            ),
        ];
        for (body, want) in cases {
            assert_eq!(contents(body), want, "{body}");
        }
    }

    #[test]
    fn quotes_continue_over_paragraphs() {
        let body = "“First part of it.\n\n“Second part,” he said.\n\n“Unclosed.\n\nPlain text.";
        let pieces = find_pieces(body);
        assert_eq!(pieces.len(), 1);
        let p = &pieces[0];
        assert_eq!(&body[p.start..p.end], "First part of it.\n\n“Second part,");
        assert_eq!(p.segments.len(), 2);
        assert_eq!(&body[p.segments[1].0..p.segments[1].1], "Second part,");

        // The continuing paragraph may be indented before its opening mark.
        let body = "“Erste Zeile.\n  “Zweite,” sagte sie.";
        let pieces = find_pieces(body);
        assert_eq!(pieces.len(), 1);
        assert_eq!(pieces[0].segments.len(), 2);
        let (s, e) = pieces[0].segments[1];
        assert_eq!(&body[s..e], "Zweite,");
    }
}
