//! What newsdex sees in an article: named entities (people, organisations, places) with
//! canonical names, and quotations with their speakers.
//!
//! [`extract`] is the one entry point the rest of the pipeline uses; the tagger, the name
//! resolver and the quote finder are internal stages behind it.

mod joins;
mod kinds;
pub mod names;
pub mod ner;
pub mod quotes;

pub use quotes::QuoteKind;

use serde::{Deserialize, Serialize};

/// The kinds of named entity newsdex indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Location,
}

impl EntityKind {
    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Location => "location",
        }
    }
}

/// One mention of an entity in the body; `start`/`end` are byte offsets into the body and
/// `canonical` the fullest name the article uses for the same entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub kind: EntityKind,
    pub text: String,
    pub canonical: String,
    pub start: usize,
    pub end: usize,
}

/// One quotation, direct (in marks) or reported ([`QuoteKind`]); `start`/`end` are byte
/// offsets into the body of the quoted text without its quotation marks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub speaker: Option<String>,
    pub speaker_text: Option<String>,
    pub cue: Option<String>,
    /// Whether the speaker is a person or an organisation (`None` without a speaker).
    #[serde(default)]
    pub speaker_kind: Option<EntityKind>,
    /// The organisation a person speaker speaks for, as named next to the attribution
    /// ("a spokeswoman for Acme, Jane Roe, said" → "Acme").
    #[serde(default)]
    pub affiliation: Option<String>,
    /// Direct quotation or reported speech.
    #[serde(default)]
    pub kind: QuoteKind,
}

/// Everything extracted from one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Extraction {
    /// Mentions in the body, in text order.
    pub entities: Vec<Entity>,
    /// Canonical entities named only in the title (no body offsets), deduplicated.
    pub title_entities: Vec<(EntityKind, String)>,
    pub quotes: Vec<Quote>,
}

/// Extracts entities and quotes from an article's title and body.
///
/// The tagger runs on the body and on the title; person, organisation and location spans
/// become entities (miscellaneous ones are dropped) with titles, possessives and a leading
/// "the" trimmed off, and canonical names from [`names::canonical_names`] computed over the
/// body and title mentions together. Quotations come from [`quotes::find_quotes`].
pub fn extract(title: &str, body: &str) -> Extraction {
    extract_with(title, body, &Options::default())
}

/// What [`extract_with`] extracts beyond the default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Also list reported speech (`Roe said the talks had failed`) among the quotes.
    pub indirect: bool,
}

/// [`extract`] with options.
pub fn extract_with(title: &str, body: &str, options: &Options) -> Extraction {
    let mut body_mentions = cleaned_spans(body, 0);
    let offset = body.len() + 1;
    let mut title_mentions = cleaned_spans(title, offset);
    kinds::harmonise_spans(body, title, &mut body_mentions, &mut title_mentions);
    let text_of = |m: &Span| {
        if m.start >= offset {
            &title[m.start - offset..m.end - offset]
        } else {
            &body[m.start..m.end]
        }
    };
    let mentions: Vec<names::Mention> = body_mentions
        .iter()
        .chain(&title_mentions)
        .map(|m| names::Mention {
            kind: m.kind,
            text: text_of(m),
            start: m.start,
            dateline: m.dateline,
        })
        .collect();
    let mut canonical = names::canonical_names(&mentions, body).into_iter();
    let entities: Vec<Entity> = body_mentions
        .iter()
        .zip(canonical.by_ref())
        .map(|(m, canonical)| Entity {
            kind: m.kind,
            text: body[m.start..m.end].to_string(),
            canonical,
            start: m.start,
            end: m.end,
        })
        .collect();
    let mut title_entities: Vec<(EntityKind, String)> = title_mentions
        .iter()
        .zip(canonical)
        .map(|(m, c)| (m.kind, c))
        .collect();
    title_entities.sort();
    title_entities.dedup();
    let settings = quotes::Settings {
        indirect: options.indirect,
        ..quotes::Settings::default()
    };
    let quotes = quotes::find_quotes_with(body, &entities, &settings);
    Extraction {
        entities,
        title_entities,
        quotes,
    }
}

/// A cleaned mention: kind, byte range (title mentions are shifted past the body), and
/// whether it is the place name of a dateline ([`is_dateline`]).
#[derive(Debug, Clone, Copy)]
struct Span {
    kind: EntityKind,
    start: usize,
    end: usize,
    dateline: bool,
}

/// Tagged spans of `text` as [`Span`]s with the name proper cut out, offsets shifted by
/// `shift`, in text order. Spans that are out of range or not on character
/// boundaries are skipped.
fn cleaned_spans(text: &str, shift: usize) -> Vec<Span> {
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
        let kind = match span.label {
            _ if dateline => EntityKind::Location,
            ner::Label::Per if is_descriptor(text, span.start, span.end) => continue,
            ner::Label::Per => EntityKind::Person,
            ner::Label::Org if names_place_of_noun(text, span.start, span.end) => {
                EntityKind::Location
            }
            ner::Label::Org => EntityKind::Organization,
            ner::Label::Loc => EntityKind::Location,
            ner::Label::Misc => continue,
        };
        if fills_quotation(text, span.start, span.end) {
            continue;
        }
        let mention = &text[span.start..span.end];
        let core = match kind {
            EntityKind::Person => names::person_core(mention),
            _ => Some(names::location_core(mention)),
        };
        if let Some((s, e)) = core.filter(|(s, e)| s < e) {
            out.push(Span {
                kind,
                start: shift + span.start + s,
                end: shift + span.start + e,
                dateline,
            });
        }
    }
    out.sort_by_key(|m| m.start);
    out
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

    #[test]
    fn dateline_names_are_mixed_case_places() {
        let title = "Harbour plan approved";
        let body = "HALVERTON — The Halverton council approved the harbour plan on Monday. \
            Halverton residents had asked for it for years, said Mayor Anna Brode.";
        let got = extract(title, body);
        let dateline = &got.entities[0];
        assert_eq!(
            (
                dateline.kind,
                dateline.text.as_str(),
                dateline.canonical.as_str()
            ),
            (EntityKind::Location, "HALVERTON", "Halverton"),
            "{:?}",
            got.entities
        );
        for e in got.entities.iter().filter(|e| e.text.contains("alverton")) {
            assert_eq!(e.kind, EntityKind::Location, "{e:?}");
            assert_eq!(e.canonical, "Halverton", "{e:?}");
        }
    }
}
