//! Plain-text articles in the BBC style: a title line, a blank line, then body paragraphs.
//!
//! Not every `.txt` file has a title line: some start straight with the first paragraph. The
//! first line counts as a title only when a blank line follows it and it does not read like a
//! sentence of body text; otherwise a title is derived from the first sentence and the whole
//! text stays in the body, so no text is ever lost.

use super::{clean_field, Article};

/// A first line with more words than this is body text, not a title.
const MAX_TITLE_WORDS: usize = 20;
/// A first line ending with a period and longer than this many words is a sentence.
const MAX_SENTENCE_TITLE_WORDS: usize = 12;
/// Derived titles are cut at a word boundary near this many characters.
const DERIVED_TITLE_CHARS: usize = 100;

/// Parses decoded text (line endings already `\n`) into an article.
pub(super) fn parse(text: &str) -> Article {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .skip_while(|l| l.is_empty())
        .collect();
    let first = lines.first().copied().unwrap_or_default();
    let second = lines.get(1).copied();
    let body_after_title = tidy_paragraphs(lines.iter().skip(1).copied());
    if second == Some("") && is_title_like(first) && !body_after_title.is_empty() {
        let title = clean_field(first).unwrap_or_default();
        return Article {
            title,
            body: body_after_title,
            ..Article::default()
        };
    }
    let body = tidy_paragraphs(lines.iter().copied());
    // A headline directly followed by a subheading or the first paragraph is a line of its own;
    // a hard-wrapped sentence continues in lower case on the next line.
    let wrapped = second.is_some_and(|l| l.starts_with(char::is_lowercase));
    let title = if wrapped {
        derive_title(&body)
    } else {
        derive_title(first)
    };
    Article {
        title,
        body,
        ..Article::default()
    }
}

/// Whether a first line reads like a headline rather than the start of the body.
fn is_title_like(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let sentence_end = line.ends_with('.') && !line.ends_with("...");
    let long_sentence = sentence_end && words > MAX_SENTENCE_TITLE_WORDS && !is_title_case(line);
    words > 0 && words <= MAX_TITLE_WORDS && !long_sentence
}

/// Headline capitalisation: at least three words of four or more letters, and at least 3 in 4
/// of them start with a capital ("Donald Trump Tweets A Wildly Inaccurate Graphic…").
fn is_title_case(line: &str) -> bool {
    let long_words: Vec<&str> = line
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 4)
        .collect();
    let capitalised = long_words
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    long_words.len() >= 3 && capitalised * 4 >= long_words.len() * 3
}

/// Trimmed lines with runs of blank lines reduced to one blank line (paragraph separator);
/// no leading or trailing blank lines.
fn tidy_paragraphs<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    let mut pending_blank = false;
    for line in lines.map(str::trim) {
        if line.is_empty() {
            pending_blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if pending_blank { "\n\n" } else { "\n" });
        }
        out.push_str(line);
        pending_blank = false;
    }
    out
}

/// A title made from the first sentence of a body: whitespace collapsed, cut at a word
/// boundary near 100 characters with "…" when longer. Empty when the body has no text.
pub fn derive_title(body: &str) -> String {
    let first_para = body
        .split("\n\n")
        .find(|p| !p.trim().is_empty())
        .unwrap_or_default();
    let Some(flat) = clean_field(first_para) else {
        return String::new();
    };
    let sentence = first_sentence(&flat);
    if sentence.chars().count() <= DERIVED_TITLE_CHARS {
        return sentence.trim_end_matches([',', ';', ':']).to_string();
    }
    let cut: String = sentence.chars().take(DERIVED_TITLE_CHARS).collect();
    let next_is_space = sentence[cut.len()..].starts_with(' ');
    let kept = if next_is_space {
        cut.as_str()
    } else {
        cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head)
    };
    let kept = kept.trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—".contains(c));
    format!("{kept}…")
}

/// The text up to the first sentence end: `.`, `!` or `?` (optionally followed by a closing
/// quote) then a space and a capital letter or quote, unless the period ends an abbreviation
/// such as "U.S." or "Mr.".
fn first_sentence(text: &str) -> &str {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(pos, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let mut j = i + 1;
        while chars.get(j).is_some_and(|&(_, q)| "\"'”’)".contains(q)) {
            j += 1;
        }
        let space = chars.get(j).is_some_and(|&(_, s)| s == ' ');
        let next_starts = chars
            .get(j + 1)
            .is_some_and(|&(_, n)| n.is_uppercase() || "\"“‘'".contains(n));
        if space && next_starts && !(c == '.' && is_abbreviation(&text[..pos])) {
            let end = chars.get(j).map_or(text.len(), |&(p, _)| p);
            return &text[..end];
        }
    }
    text
}

/// Whether the word before a period is an abbreviation ("Mr", "U.S", "Dr", a single initial).
fn is_abbreviation(before: &str) -> bool {
    let word = before.rsplit(' ').next().unwrap_or_default();
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    let titles = [
        "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "Sr", "Gen", "Col", "Lt", "Sgt", "Rev", "Gov",
        "Sen", "Rep", "No", "vs", "Inc", "Ltd", "Co", "Corp",
    ];
    word.contains('.')
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        || titles.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_title_and_body() {
        // (name, input, title, body)
        let cases = [
            (
                "BBC style",
                "Chip maker doubles profits\n\nShares in the firm rose 4% on Tuesday.\n\nAnalysts had expected less.\n",
                "Chip maker doubles profits",
                "Shares in the firm rose 4% on Tuesday.\n\nAnalysts had expected less.",
            ),
            (
                "odd spacing and extra blank lines",
                "\n\n  Minister  quits over   leak \n\n\n\nThe minister resigned. \n - a second line\n\n\n\nMore follows.",
                "Minister quits over leak",
                "The minister resigned.\n- a second line\n\nMore follows.",
            ),
            (
                "short title ending with an abbreviation",
                "Trade gap narrows in the U.S.\n\nThe deficit fell to $50bn in March.",
                "Trade gap narrows in the U.S.",
                "The deficit fell to $50bn in March.",
            ),
            (
                "no blank line after the first line",
                "Rain delayed the final.\nFans waited for hours in the cold.",
                "Rain delayed the final.",
                "Rain delayed the final.\nFans waited for hours in the cold.",
            ),
            (
                "long sentence first line despite blank line",
                "The central bank raised interest rates by a quarter of a point on Thursday, its first move in years.\n\nMarkets had expected it.",
                "The central bank raised interest rates by a quarter of a point on Thursday, its first move in years.",
                "The central bank raised interest rates by a quarter of a point on Thursday, its first move in years.\n\nMarkets had expected it.",
            ),
            (
                "long title-case headline ending with a period",
                "Senator Says New Budget Plan Would Leave Rural Hospitals Without Enough Money To Stay Open.\n\nThe plan was published on Monday.",
                "Senator Says New Budget Plan Would Leave Rural Hospitals Without Enough Money To Stay Open.",
                "The plan was published on Monday.",
            ),
            (
                "headline then subheading, no blank line",
                "Rail strike ends\nUnions accept the offer after talks. Trains run today.\n\nThe deal was agreed late.",
                "Rail strike ends",
                "Rail strike ends\nUnions accept the offer after talks. Trains run today.\n\nThe deal was agreed late.",
            ),
            (
                "hard-wrapped first sentence",
                "Stocks fell sharply on Monday as\ninvestors worried about rates. Bonds rose.",
                "Stocks fell sharply on Monday as investors worried about rates.",
                "Stocks fell sharply on Monday as\ninvestors worried about rates. Bonds rose.",
            ),
            (
                "single line file keeps its text in the body",
                "Storm closes schools",
                "Storm closes schools",
                "Storm closes schools",
            ),
        ];
        for (name, input, title, body) in cases {
            let a = parse(input);
            assert_eq!((a.title.as_str(), a.body.as_str()), (title, body), "{name}");
        }
    }

    #[test]
    fn derives_titles_from_first_sentence() {
        let cases = [
            ("Mr. Smith went to Washington. He stayed a week.", "Mr. Smith went to Washington."),
            ("The U.S. Senate voted on Friday. Debate lasted hours.", "The U.S. Senate voted on Friday."),
            ("\u{201C}We won,\u{201D} she said. Then she left.", "\u{201C}We won,\u{201D} she said."),
            ("Is this the end? \"No,\" he said.", "Is this the end?"),
            (
                "Leaders of both countries concluded a high-profile summit in the city of Anchorage on Friday without reaching any agreement on the war.",
                "Leaders of both countries concluded a high-profile summit in the city of Anchorage on Friday without…",
            ),
            (
                "Stocks fell sharply on Monday, with the benchmark index losing 3% as investors, worried about rates,\nsold.",
                "Stocks fell sharply on Monday, with the benchmark index losing 3% as investors, worried about rates…",
            ),
            ("Rail strike ends;", "Rail strike ends"),
            ("", ""),
            ("Über-long words é ü", "Über-long words é ü"),
        ];
        for (body, want) in cases {
            assert_eq!(derive_title(body), want, "{body}");
        }
    }

    #[test]
    fn derived_title_never_splits_multibyte_characters() {
        let body = "é".repeat(150);
        let title = derive_title(&body);
        assert_eq!(title, format!("{}…", "é".repeat(100)));
    }
}
