//! Span cleaning, the stage between the tagger and the name resolver: tagged spans of one
//! segment of an article (its title or its body) become [`Span`]s of the three indexed kinds
//! with the name proper cut out.
//!
//! On the tagger's spans, after [`joins::join_split_names`]: organisation names take in
//! capitalised words the tagger left out before them ([`org_start`]); a dateline's name is a
//! place; "the Scot" is no person; a name before "council" or "residents" is a place;
//! miscellaneous spans and names that fill a quotation (the title of a work) are dropped;
//! titles, possessives and a leading "the" are trimmed off ([`names::person_core`],
//! [`names::location_core`]).

use super::lexicon::names::BOILERPLATE;
use super::{joins, names, ner, EntityKind};

/// The part of an article a mention is in; offsets are bytes into that part's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Segment {
    Body,
    Title,
}

/// A cleaned mention: its segment, kind, byte range in the segment's text, and whether it
/// is the place name of a dateline ([`is_dateline`]).
#[derive(Debug, Clone, Copy)]
pub(super) struct Span {
    pub segment: Segment,
    pub kind: EntityKind,
    pub start: usize,
    pub end: usize,
    pub dateline: bool,
}

/// Tags `text`, the `segment` part of an article, and cleans the tagged spans into
/// [`Span`]s in text order. Spans that are out of range or not on character boundaries
/// are skipped.
pub(super) fn clean_spans(text: &str, segment: Segment) -> Vec<Span> {
    let mut out = Vec::new();
    let spans = joins::join_split_names(text, ner::tag(text));
    let mut prev_end = 0;
    for span in &spans {
        let valid = span.start < span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end);
        if !valid {
            continue;
        }
        let span = ner::Span {
            start: if span.label == ner::Label::Org {
                org_start(text, span.start, prev_end)
            } else {
                span.start
            },
            ..span.clone()
        };
        prev_end = prev_end.max(span.end);
        let dateline = is_dateline(text, span.start, span.end);
        let Some(kind) = kind_of(text, &span, dateline) else {
            continue;
        };
        let mention = &text[span.start..span.end];
        let core = match kind {
            EntityKind::Person => names::person_core(mention),
            _ => Some(names::location_core(mention)),
        };
        if let Some((s, e)) = core.filter(|(s, e)| s < e) {
            out.push(Span {
                segment,
                kind,
                start: span.start + s,
                end: span.start + e,
                dateline,
            });
        }
    }
    out.sort_by_key(|m| m.start);
    out
}

/// The indexed kind of a tagged span, or `None` when it is dropped: miscellaneous names,
/// descriptors ("the Scot") and names that fill a quotation. A dateline's name is a place.
fn kind_of(text: &str, span: &ner::Span, dateline: bool) -> Option<EntityKind> {
    let kind = match span.label {
        _ if dateline => EntityKind::Place,
        ner::Label::Per if is_descriptor(text, span.start, span.end) => return None,
        ner::Label::Per => EntityKind::Person,
        ner::Label::Org if names_place_of_noun(text, span.start, span.end) => EntityKind::Place,
        ner::Label::Org => EntityKind::Org,
        ner::Label::Loc => EntityKind::Place,
        ner::Label::Misc => return None,
    };
    if is_boilerplate(text, span.start, span.end) {
        return None;
    }
    (!fills_quotation(text, span.start, span.end)).then_some(kind)
}

/// "the Portvale council", "Halden police", "Kessel residents": a name right before a
/// lowercase noun for a body or the people of a place ([`names::is_place_noun`]) names the
/// place, even when the tagger calls it an organisation: an organisation's own name would
/// be capitalised ("Portvale City Council"). Acronyms ("EU council") and names ending in an
/// organisation head word ("Labour Party council") stay organisations.
fn names_place_of_noun(text: &str, start: usize, end: usize) -> bool {
    let Some(rest) = text[end..].strip_prefix(' ') else {
        return false;
    };
    let noun = &rest[..rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len())];
    let name = &text[start..end];
    names::is_place_noun(noun) && name.chars().any(char::is_lowercase) && !names::org_like(name)
}

/// "Advertisement", "Related", "Watch": page furniture opening a paragraph, every word of
/// the span in [`BOILERPLATE`], is no name.
fn is_boilerplate(text: &str, start: usize, end: usize) -> bool {
    let opens_paragraph =
        text[..start].trim_end_matches([' ', '\t']).is_empty() || text[..start].ends_with('\n');
    opens_paragraph
        && text[start..end].split_whitespace().all(|w| {
            let w = w.trim_end_matches(|c: char| !c.is_alphanumeric());
            BOILERPLATE.iter().any(|b| b.eq_ignore_ascii_case(w))
        })
}

/// A dateline: capitals opening a paragraph, then (after an optional `, REGION`) a dash or a
/// parenthesis: "MOSCOW (Reuters) -", "PORTVALE —", "LONDON, Ont. -". It names a place. A
/// hyphen only counts as a dash on its own ("LONDON-based" and "NICE, France 1996-08-30"
/// are no datelines).
fn is_dateline(text: &str, start: usize, end: usize) -> bool {
    let word = &text[start..end];
    let opens_paragraph =
        text[..start].trim_end_matches([' ', '\t']).is_empty() || text[..start].ends_with('\n');
    if !opens_paragraph
        || !word.chars().any(char::is_alphabetic)
        || word.chars().any(char::is_lowercase)
    {
        return false;
    }
    let rest = text[end..].trim_start();
    match rest.strip_prefix(',') {
        Some(after_comma) => after_comma
            .char_indices()
            .take_while(|&(i, _)| i <= 30)
            .any(|(i, _)| i > 0 && opens_with_dash(&after_comma[i..])),
        None => opens_with_dash(rest),
    }
}

/// True when `text` starts with a dash or a parenthesis: an em or en dash, "(", or hyphens
/// ("-", "--") followed by a space or the end of the text.
fn opens_with_dash(text: &str) -> bool {
    let after = text.trim_start_matches('-');
    if after.len() < text.len() {
        return after.is_empty() || after.starts_with(char::is_whitespace);
    }
    text.starts_with(['—', '–', '('])
}

/// "the Scot", "The Briton": a single capitalised word after "the" describes a person by
/// nationality or role; it is not a name.
fn is_descriptor(text: &str, start: usize, end: usize) -> bool {
    let single = !text[start..end].contains(char::is_whitespace);
    let before = text[..start].trim_end_matches(' ');
    let spaced = before.len() < start;
    let Some(head) = before
        .len()
        .checked_sub(3)
        .and_then(|cut| before.get(..cut))
    else {
        return false;
    };
    let the = before[head.len()..].eq_ignore_ascii_case("the");
    let word_start = head.is_empty() || head.ends_with(|c: char| !c.is_alphanumeric());
    single && spaced && the && word_start
}

/// Where an organisation name really starts: the tagger sometimes leaves out capitalised
/// words before it ("an International | Criminal Court"). Words directly before the span
/// (one space apart) that are capitalised, not function words or titles, not after a
/// sentence end and not inside an earlier span (which ends at `floor`) are taken in.
fn org_start(text: &str, start: usize, floor: usize) -> usize {
    let mut start = start;
    loop {
        let Some(before) = text[..start].strip_suffix(' ') else {
            return start;
        };
        let word_start = before
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &before[word_start..];
        let sentence_start = text[..word_start]
            .trim_end()
            .ends_with(['.', '!', '?', '\n'])
            || text[..word_start].trim().is_empty()
            || ends_sentence(word);
        let name_word = names::is_capitalized(word)
            && word
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
            && !names::is_function_word(word)
            && !names::is_title(word);
        if !name_word || sentence_start || word_start < floor {
            return start;
        }
        start = word_start;
    }
}

/// A word with a final period that ends a sentence ("Monday."), not an abbreviation with
/// inner periods ("U.K.") or of at most two letters ("St.", "Mt.").
fn ends_sentence(word: &str) -> bool {
    let Some(stem) = word.strip_suffix(['.', '!', '?']) else {
        return false;
    };
    !stem.contains('.') && stem.chars().count() > 2
}

/// True when the span, with an optional leading "The", is the whole content of a quotation
/// (“The Beast.”): the name of a work or a nickname, not a person, organisation or place.
fn fills_quotation(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end();
    let before = before
        .strip_suffix("The")
        .or_else(|| before.strip_suffix("the"))
        .map_or(before, str::trim_end);
    let opens = before.ends_with(['“', '"', '«', '„', '‘']);
    let after = text[end..].trim_start_matches(['.', ',', '!', '?', ';', ':']);
    opens && after.starts_with(['”', '"', '»', '“', '’'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisation_names_take_in_capitalised_words_before_them() {
        let cases = [
            (
                "Putin faces an International Criminal Court warrant",
                "Criminal Court",
                "International Criminal Court",
            ),
            (
                "He studied at Trump University for a year",
                "University",
                "Trump University",
            ),
            (
                "Court rulings matter. Supreme Court justices agree",
                "Supreme Court",
                "Supreme Court",
            ),
            ("the Court said", "Court", "Court"),
            (
                "an\u{a0}International Court",
                "International Court",
                "International Court",
            ),
            ("a Big\u{a0}Court", "Court", "Court"),
            (
                "The board met on Monday. Portvale Council said",
                "Portvale Council",
                "Portvale Council",
            ),
            (
                "a U.K. Supreme Court",
                "Supreme Court",
                "U.K. Supreme Court",
            ),
            ("at St. Mary Hospital", "Mary Hospital", "St. Mary Hospital"),
        ];
        for (text, tagged, want) in cases {
            let start = text.find(tagged).expect("tagged text");
            let end = start + tagged.len();
            assert_eq!(&text[org_start(text, start, 0)..end], want, "{text}");
        }
    }

    #[test]
    fn datelines_are_places_and_descriptors_are_not_people() {
        let cases = [
            ("MOSCOW (Reuters) - The Kremlin said on Monday.", 0, 6, true),
            ("PORTVALE — The council met.", 0, 8, true),
            ("Intro.\nLONDON, Ont. - Police said.", 7, 13, true),
            ("Police in MOSCOW - said", 10, 16, false),
            ("Reuters said it.", 0, 7, false),
            ("STUTTGART, Baden-Württemberg - Police said.", 0, 9, true),
            ("KESSEL—The council met.", 0, 6, true),
            ("WASHINGTON -- The Senate voted.", 0, 10, true),
            ("LONDON-based firms grew.", 0, 6, false),
            ("NICE , France 1996-08-30", 0, 4, false),
            (
                "NICE, with its long beach front and old town - a draw",
                0,
                4,
                false,
            ),
        ];
        for (text, s, e, want) in cases {
            assert_eq!(is_dateline(text, s, e), want, "{text}");
        }
        let cases = [
            ("The Scot was furious.", 4, 8, true),
            ("He told the Briton so.", 12, 18, true),
            ("Mr. Scot was furious.", 4, 8, false),
            ("Bathe Jones arrived.", 6, 11, false),
            ("the Rev. John Smith", 4, 19, false),
            ("said “ Scot", 9, 13, false),
            ("’ Scot", 4, 8, false),
        ];
        for (text, s, e, want) in cases {
            assert_eq!(is_descriptor(text, s, e), want, "{text}");
        }
    }

    #[test]
    fn names_filling_a_quotation_are_titles() {
        let cases = [
            ("the limousine, “The Beast.” It", "Beast", true),
            (
                "a show called “Fox News Sunday,” and",
                "Fox News Sunday",
                true,
            ),
            ("“Trump is wrong,” she said", "Trump", false),
            ("President Trump said", "Trump", false),
        ];
        for (text, name, want) in cases {
            let start = text.find(name).expect("name in text");
            assert_eq!(
                fills_quotation(text, start, start + name.len()),
                want,
                "{text}"
            );
        }
    }

    #[test]
    fn names_before_place_nouns_are_places() {
        let cases = [
            ("The Portvale council met.", "Portvale", true),
            ("Halden police said so.", "Halden", true),
            ("New Marlow residents agreed.", "New Marlow", true),
            ("Brightline shares fell.", "Brightline", false),
            ("Brightline said so.", "Brightline", false),
            ("the EU council agreed", "EU", false),
            ("the Labour Party council agreed", "Labour Party", false),
            ("The Portvale Council met.", "Portvale", false),
            ("Portvale councillors met.", "Portvale", true),
            ("Portvale", "Portvale", false),
        ];
        for (text, name, want) in cases {
            let start = text.find(name).expect("name in text");
            let got = names_place_of_noun(text, start, start + name.len());
            assert_eq!(got, want, "{text}");
        }
    }
}
