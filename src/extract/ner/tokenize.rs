//! Tokeniser and sentence splitter for the tagger, CoNLL-2003 style.
//!
//! The statistical model was trained on CoNLL tokens, so raw text must be cut the same way:
//! punctuation split off word edges, possessive `'s` and clitics (`n't`, `'re`) as tokens of their
//! own, abbreviations (`U.S.`, `St.`, `Inc.`), initials, numbers (`1,000.5`) and hyphenated words
//! kept whole. Text that is already CoNLL tokens joined by spaces comes back unchanged. Curly
//! quotes, em dashes and any Unicode are handled; offsets are byte offsets on char boundaries.

use crate::extract::lexicon::tagger;

/// One token: byte range in the text plus whether a line break precedes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the token's start.
    pub start: usize,
    /// Byte offset just past its end.
    pub end: usize,
    /// True for the first token of the text or of a line.
    pub line_start: bool,
}

/// Clitics split off the end of a word (lowercase, apostrophe normalised to `'`).
const CLITICS: &[&str] = &["'s", "'re", "'ve", "'ll", "'d", "'m", "n't"];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Characters split off the start of a chunk.
fn is_leading_punct(c: char) -> bool {
    matches!(
        c,
        '(' | '['
            | '{'
            | '"'
            | '\u{201C}'
            | '\u{201D}'
            | '\u{2018}'
            | '\u{2019}'
            | '\''
            | '`'
            | '\u{00AB}'
            | '\u{201E}'
            | '\u{2014}'
            | '\u{2013}'
            | '*'
            | '<'
    )
}

/// Characters split off the end of a chunk (the period is handled separately).
fn is_trailing_punct(c: char) -> bool {
    matches!(
        c,
        ')' | ']'
            | '}'
            | '"'
            | '\u{201C}'
            | '\u{201D}'
            | '\u{2019}'
            | '\''
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '\u{00BB}'
            | '\u{2014}'
            | '\u{2013}'
            | '\u{2026}'
            | '>'
    )
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || c.is_control()
}

/// Splits `text` into CoNLL-style tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut line_start = true;
    let mut chunk_start: Option<usize> = None;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // ASCII is decided from the byte: separators are the controls and the space.
        let (separator, line_break, len) = if b.is_ascii() {
            (b <= b' ' || b == 0x7f, b == b'\n' || b == b'\r', 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (
                is_separator(c),
                c == '\u{2028}' || c == '\u{2029}',
                c.len_utf8(),
            )
        };
        if separator {
            if let Some(s) = chunk_start.take() {
                split_chunk(text, s, i, line_start, &mut out);
                line_start = false;
            }
            if line_break {
                line_start = true;
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
        i += len;
    }
    if let Some(s) = chunk_start {
        split_chunk(text, s, text.len(), line_start, &mut out);
    }
    out
}

/// Splits one whitespace-free chunk `text[start..end]` into tokens appended to `out`.
fn split_chunk(text: &str, start: usize, end: usize, line_start: bool, out: &mut Vec<Token>) {
    // Most chunks are plain words or numbers: no punctuation to split off, no clitic.
    if text.as_bytes()[start..end]
        .iter()
        .all(u8::is_ascii_alphanumeric)
    {
        out.push(Token {
            start,
            end,
            line_start,
        });
        return;
    }
    let first = out.len();
    let mut s = start;
    let mut e = end;
    // Leading punctuation, one char at a time (but a lone clitic like "'s" stays whole).
    while s < e {
        let rest = &text[s..e];
        if is_clitic(rest) {
            break;
        }
        let Some(c) = rest.chars().next() else { break };
        let currency = matches!(c, '$' | '\u{00A3}' | '\u{20AC}')
            && rest[c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit());
        if (is_leading_punct(c) || currency) && rest.len() > c.len_utf8() {
            out.push(Token {
                start: s,
                end: s + c.len_utf8(),
                line_start: false,
            });
            s += c.len_utf8();
        } else {
            break;
        }
    }
    // Trailing punctuation, pushed in reverse (and put in order behind the word below).
    let tail = out.len();
    let opens_line = line_start && tail == first;
    loop {
        let word = &text[s..e];
        let Some(c) = word.chars().next_back() else {
            break;
        };
        if word.len() == c.len_utf8() {
            break;
        }
        if is_trailing_punct(c) && !is_clitic(word) {
            e -= c.len_utf8();
            out.push(Token {
                start: e,
                end: e + c.len_utf8(),
                line_start: false,
            });
        } else if c == '.' && splits_period(word, opens_line) {
            e -= 1;
            out.push(Token {
                start: e,
                end: e + 1,
                line_start: false,
            });
        } else {
            break;
        }
    }
    out[tail..].reverse();
    let word = out.len();
    push_word(text, s, e, out);
    let words = out.len() - word;
    out[tail..].rotate_right(words);
    if let Some(t) = out.get_mut(first) {
        t.line_start = line_start;
    }
}

/// Pushes a word, splitting off a clitic (`'s`, `n't`, ...) when there is one.
fn push_word(text: &str, s: usize, e: usize, out: &mut Vec<Token>) {
    if s >= e {
        return;
    }
    let word = &text[s..e];
    if let Some(cut) = clitic_cut(word) {
        out.push(Token {
            start: s,
            end: s + cut,
            line_start: false,
        });
        out.push(Token {
            start: s + cut,
            end: e,
            line_start: false,
        });
    } else {
        out.push(Token {
            start: s,
            end: e,
            line_start: false,
        });
    }
}

/// True if `word` is itself a clitic such as `'s` or `’re`.
fn is_clitic(word: &str) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if is_apostrophe(c) => {
            let rest = chars.as_str();
            CLITICS
                .iter()
                .any(|k| k.starts_with('\'') && k[1..].eq_ignore_ascii_case(rest))
        }
        Some('n' | 'N') => word.len() == 3 && matches!(word.get(1..), Some("'t" | "'T")),
        _ => false,
    }
}

/// Byte position where a clitic starts inside `word`, if the word ends with one.
fn clitic_cut(word: &str) -> Option<usize> {
    let ap = word.rfind(is_apostrophe)?;
    let ap_len = word[ap..].chars().next().map_or(1, char::len_utf8);
    let after = &word[ap + ap_len..];
    if ap == 0 {
        return None;
    }
    let is_nt = after.eq_ignore_ascii_case("t") && word[..ap].ends_with(['n', 'N']);
    if is_nt {
        return (ap > 1).then(|| ap - 1);
    }
    let known = ["s", "re", "ve", "ll", "d", "m"]
        .iter()
        .any(|k| after.eq_ignore_ascii_case(k));
    let letters_before = word[..ap]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    // "O'Neill" style names: a one-letter prefix before the apostrophe is not a possessive.
    let name_prefix = word[..ap].chars().count() == 1 && after.len() > 2;
    (known && letters_before && !name_prefix).then_some(ap)
}

/// Decides whether the final period of `word` (which ends with '.') is a token of its own.
fn splits_period(word: &str, first_in_line: bool) -> bool {
    let core = &word[..word.len() - 1];
    if core.is_empty() || core.ends_with('.') {
        return false; // "..." stays whole
    }
    if core.contains('.') && core.chars().any(char::is_alphabetic) {
        return false; // U.S. / a.m. / F.C.
    }
    if core.len() <= 2 && core.bytes().all(|b| b.is_ascii_digit()) && first_in_line {
        return false; // ranked lists: "1. Smith"
    }
    let mut chars = core.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return !c.is_alphabetic(); // initials "J."
    }
    let lower_ok = tagger::ABBREVIATIONS
        .iter()
        .any(|a| a.eq_ignore_ascii_case(core));
    !lower_ok
}

/// Splits tokens into sentences: at line breaks, and after `.`/`!`/`?` (plus closing quotes)
/// when the next token can start a sentence. Returns token index ranges.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut begin = 0;
    for i in 1..tokens.len() {
        if tokens[i].line_start || ends_sentence(text, tokens, i) {
            out.push(begin..i);
            begin = i;
        }
    }
    if begin < tokens.len() {
        out.push(begin..tokens.len());
    }
    out
}

fn token_text<'a>(text: &'a str, t: &Token) -> &'a str {
    text.get(t.start..t.end).unwrap_or("")
}

/// True if a sentence boundary falls just before token `i` (i ≥ 1).
fn ends_sentence(text: &str, tokens: &[Token], i: usize) -> bool {
    let is_final = |t: &Token| matches!(token_text(text, t), "." | "!" | "?" | "..." | "\u{2026}");
    let is_close = |t: &Token| {
        matches!(
            token_text(text, t),
            "\"" | "\u{201D}" | "'" | "\u{2019}" | ")"
        )
    };
    let prev = &tokens[i - 1];
    let after_final = is_final(prev) || (i >= 2 && is_close(prev) && is_final(&tokens[i - 2]));
    if !after_final {
        return false;
    }
    let next = token_text(text, &tokens[i]);
    next.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || is_leading_punct(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect()
    }

    #[test]
    fn splits_like_conll() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Putin's visit to the U.S. ended.",
                &["Putin", "'s", "visit", "to", "the", "U.S.", "ended", "."],
            ),
            (
                "Putin’s aides said “no” — twice.",
                &[
                    "Putin", "’s", "aides", "said", "“", "no", "”", "—", "twice", ".",
                ],
            ),
            (
                "Mr. O'Neill paid $1,000.50 (about 3%).",
                &[
                    "Mr.", "O'Neill", "paid", "$", "1,000.50", "(", "about", "3%", ")", ".",
                ],
            ),
            (
                "They don't like Anglo-Dutch Shell Inc.",
                &["They", "do", "n't", "like", "Anglo-Dutch", "Shell", "Inc."],
            ),
            (
                "Donald J. Trump met Sen. Smith in St. Louis, Mo.",
                &[
                    "Donald", "J.", "Trump", "met", "Sen.", "Smith", "in", "St.", "Louis", ",",
                    "Mo.",
                ],
            ),
            (
                "the workers' union said: yes!",
                &["the", "workers", "'", "union", "said", ":", "yes", "!"],
            ),
            ("", &[]),
            ("  \u{0}\t ", &[]),
            // Non-ASCII separators: a no-break space, a line separator, an ideographic space.
            (
                "Prime\u{a0}Minister Ana Silva\u{2028}said\u{3000}so.",
                &["Prime", "Minister", "Ana", "Silva", "said", "so", "."],
            ),
            // Several trailing marks come back in text order behind the word and its clitic.
            (
                "(Portvale's).\" He's.",
                &["(", "Portvale", "'s", ")", ".", "\"", "He", "'s", "."],
            ),
            // A ranked list keeps "1." whole at a line start, even before a closing mark.
            ("1.)\n2. Smith", &["1.", ")", "2.", "Smith"]),
        ];
        for (text, want) in cases {
            assert_eq!(&words(text), want, "{text}");
        }
    }

    #[test]
    fn keeps_conll_tokens_whole() {
        let conll = "MOSCOW ( Reuters ) - Russia 's 1996-08-22 1/2 a.m. F.C. ... O'Brien vs. 'S";
        let got = words(conll);
        let want: Vec<&str> = conll.split(' ').collect();
        assert_eq!(got, want);
        assert_eq!(
            words("1. Smith 2.\n2. Jones"),
            ["1.", "Smith", "2", ".", "2.", "Jones"]
        );
    }

    #[test]
    fn splits_sentences() {
        let text = "He left. Then Mr. Brown arrived in the U.S. on Monday.\nHEADLINE HERE";
        let toks = tokenize(text);
        let sents = sentences(text, &toks);
        let firsts: Vec<&str> = sents
            .iter()
            .map(|r| &text[toks[r.start].start..toks[r.start].end])
            .collect();
        assert_eq!(firsts, vec!["He", "Then", "HEADLINE"]);
    }

    #[test]
    fn never_panics_on_odd_input() {
        let texts = [
            "'",
            "’",
            "n't",
            ".",
            "....",
            "é’s",
            "\u{0}'s",
            "x\u{2019}",
            "$",
            "$5",
        ];
        for text in texts {
            for t in tokenize(text) {
                assert!(
                    t.start < t.end && text.get(t.start..t.end).is_some(),
                    "{text:?}"
                );
            }
        }
    }
}
