//! What newsdex sees in an article: named entities (people, organisations, places) with
//! canonical names, and quotations with their speakers.
//!
//! [`extract`] is the one entry point the rest of the pipeline uses; the tagger, the name
//! resolver and the quote finder are internal stages behind it.

pub mod names;
pub mod ner;
pub mod quotes;

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

/// One direct quotation; `start`/`end` are byte offsets into the body of the quoted text
/// without its quotation marks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub speaker: Option<String>,
    pub speaker_text: Option<String>,
    pub cue: Option<String>,
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
    let mut body_mentions = cleaned_spans(body, 0);
    let offset = body.len() + 1;
    let mut title_mentions = cleaned_spans(title, offset);
    harmonise_spans(body, title, &mut body_mentions, &mut title_mentions);
    let text_of = |&(_, s, e): &Span| {
        if s >= offset {
            &title[s - offset..e - offset]
        } else {
            &body[s..e]
        }
    };
    let mentions: Vec<names::Mention> = body_mentions
        .iter()
        .chain(&title_mentions)
        .map(|m| names::Mention {
            kind: m.0,
            text: text_of(m),
            start: m.1,
        })
        .collect();
    let mut canonical = names::canonical_names(&mentions, body).into_iter();
    let entities: Vec<Entity> = body_mentions
        .iter()
        .zip(canonical.by_ref())
        .map(|(&(kind, start, end), canonical)| Entity {
            kind,
            text: body[start..end].to_string(),
            canonical,
            start,
            end,
        })
        .collect();
    let mut title_entities: Vec<(EntityKind, String)> = title_mentions
        .iter()
        .zip(canonical)
        .map(|(&(kind, _, _), c)| (kind, c))
        .collect();
    title_entities.sort();
    title_entities.dedup();
    let quotes = quotes::find_quotes(body, &entities);
    Extraction {
        entities,
        title_entities,
        quotes,
    }
}

/// A cleaned mention: kind and byte range (title mentions are shifted past the body).
type Span = (EntityKind, usize, usize);

/// Applies [`harmonise_kinds`] to the body and title mentions together.
fn harmonise_spans(body: &str, title: &str, body_spans: &mut [Span], title_spans: &mut [Span]) {
    let offset = body.len() + 1;
    let text_of = |&(_, s, e): &Span| {
        if s >= offset {
            &title[s - offset..e - offset]
        } else {
            &body[s..e]
        }
    };
    let all: Vec<Span> = body_spans
        .iter()
        .chain(title_spans.iter())
        .copied()
        .collect();
    let texts: Vec<&str> = all.iter().map(text_of).collect();
    let mut kinds: Vec<EntityKind> = all.iter().map(|m| m.0).collect();
    harmonise_kinds(&texts, &mut kinds);
    for (m, k) in body_spans
        .iter_mut()
        .chain(title_spans.iter_mut())
        .zip(kinds)
    {
        m.0 = k;
    }
}

/// Document-level consistency: a single word that is the surname of a person the article
/// names in full is that person (a "Trump" the tagger calls a place stays the person named
/// "Donald Trump" elsewhere); any other name gets the kind most of its mentions have in the
/// article. Ties keep the tagger's kind.
fn harmonise_kinds(texts: &[&str], kinds: &mut [EntityKind]) {
    use rustc_hash::{FxHashMap, FxHashSet};
    // A name is identified by its key list (keys hold no spaces, so comparing lists is
    // comparing the space-joined keys); a surname by the one-key list of its last key.
    let keys: Vec<std::rc::Rc<[String]>> =
        texts.iter().map(|t| names::shared_name_keys(t)).collect();
    fn surname(key: &[String]) -> Option<&[String]> {
        (key.len() >= 2).then(|| &key[key.len() - 1..])
    }
    let mut votes: FxHashMap<&[String], [usize; 3]> = FxHashMap::default();
    let slot = |k: EntityKind| match k {
        EntityKind::Person => 0,
        EntityKind::Organization => 1,
        EntityKind::Location => 2,
    };
    for (key, &kind) in keys.iter().zip(kinds.iter()) {
        votes.entry(key).or_default()[slot(kind)] += 1;
        if kind == EntityKind::Person {
            if let Some(last) = surname(key) {
                votes.entry(last).or_default()[0] += 1;
            }
        }
    }
    const ALL: [EntityKind; 3] = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Location,
    ];
    // Surnames of the people the article names in full.
    let surnames: FxHashSet<&[String]> = keys
        .iter()
        .zip(kinds.iter())
        .filter(|(_, &k)| k == EntityKind::Person)
        .filter_map(|(key, _)| surname(key))
        .collect();
    for (key, kind) in keys.iter().zip(kinds.iter_mut()) {
        let key: &[String] = key;
        if surnames.contains(key) {
            *kind = EntityKind::Person;
            continue;
        }
        let v = votes.get(key).copied().unwrap_or_default();
        let best = (0..3)
            .max_by_key(|&i| (v[i], i == slot(*kind)))
            .unwrap_or(0);
        if v[best] > v[slot(*kind)] {
            *kind = ALL[best];
        }
    }
}

/// Tagged spans of `text` as (kind, start, end) with the name proper cut out, offsets
/// shifted by `shift`, in text order. Spans that are out of range or not on character
/// boundaries are skipped.
fn cleaned_spans(text: &str, shift: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let spans = ner::tag(text);
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
        let kind = match span.label {
            _ if is_dateline(text, span.start, span.end) => EntityKind::Location,
            ner::Label::Per if is_descriptor(text, span.start, span.end) => continue,
            ner::Label::Per => EntityKind::Person,
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
            out.push((kind, shift + span.start + s, shift + span.start + e));
        }
    }
    out.sort_by_key(|&(_, s, _)| s);
    out
}

/// A dateline: capitals opening a paragraph, then (after an optional `, REGION`) a dash or a
/// parenthesis: "MOSCOW (Reuters) -", "PORTVALE —", "LONDON, Ont. -". It names a place.
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
    let mut rest = text[end..].trim_start();
    if let Some(after_comma) = rest.strip_prefix(',') {
        let region_end = after_comma.find(['—', '–', '(', '-']).unwrap_or(0);
        if region_end == 0 || region_end > 30 {
            return false;
        }
        rest = after_comma[region_end..].trim_start();
    }
    rest.starts_with(['—', '–', '(', '-'])
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
            || text[..word_start].trim().is_empty();
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
    fn kinds_follow_the_article_majority() {
        use EntityKind::{Location as L, Organization as O, Person as P};
        let cases: Vec<(Vec<&str>, Vec<EntityKind>, Vec<EntityKind>)> = vec![
            (
                vec!["Donald Trump", "Trump", "Trump"],
                vec![P, L, P],
                vec![P, P, P],
            ),
            (vec!["Donald Trump", "Trump"], vec![P, L], vec![P, P]),
            (
                vec!["Donald Trump", "Trump", "Trump"],
                vec![P, L, L],
                vec![P, P, P],
            ),
            (
                vec!["Jordan", "Jordan", "Jordan"],
                vec![L, L, P],
                vec![L, L, L],
            ),
            (vec!["Apple", "Apple"], vec![O, L], vec![O, L]),
        ];
        for (texts, mut kinds, want) in cases {
            harmonise_kinds(&texts, &mut kinds);
            assert_eq!(kinds, want, "{texts:?}");
        }
    }
}
