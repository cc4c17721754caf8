//! Names the tagger splits or leaves hanging. "University of | Nairobi" comes back as an
//! organisation "University of" and a place "Nairobi"; "Central Bank of" may end before a name
//! the tagger did not mark at all; "Downing | Street" comes back as an organisation and a
//! place side by side; "Lord" or "Mr" alone is marked as a place. [`join_split_names`] joins
//! the parts and drops honorifics standing alone, so that `people` lists "University of
//! Nairobi" and "Downing Street", never "University of", "Downing", "Street" or "Mr".

use super::lexicon::names::{
    AGENCY_HEADS, CHAMBERS, CONNECTORS, LONE_HONORIFICS, MEMBER_TAILS, MONTHS, PERSON_PARTICLES,
    PLACE_HEADS,
};
use super::lexicon::tagger::FIRST_NAMES;
use super::names;
use super::ner::{Label, Span};

/// Joins split names and drops honorifics alone, on spans in text order:
/// - a span ending with a connecting word takes the next span when only a space separates
///   them (with the first span's label: "University of" + "Nairobi" is an organisation),
///   else the capitalised words that follow ("Central Bank of Kessel"), else it loses the
///   connecting words; connecting words alone ("and", "for") are dropped;
/// - two spans one space apart that are parts of one name ([`side_by_side`]) become one span
///   with the label of the last part, which is its head ("Downing" + "Street" is a place); a
///   person's name is never joined to a non-person span ("Labour" + "Kate Hoey");
/// - a span that is only an honorific ("Mr", "Lord.") is dropped.
pub(super) fn join_split_names(text: &str, spans: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    let mut spans = spans.into_iter().peekable();
    while let Some(mut span) = spans.next() {
        if is_honorific(text.get(span.start..span.end).unwrap_or("")) {
            continue;
        }
        if let Some(core_end) = without_connectors(text, span.start, span.end) {
            if core_end <= span.start {
                continue; // connecting words alone ("and", "for") name nothing
            }
            if let Some(next) = spans.next_if(|next| one_space_apart(text, &span, next)) {
                span.end = next.end;
            } else if let Some(end) = capitalised_run(text, span.end, next_start(&mut spans)) {
                span.end = end;
            } else {
                span.end = core_end;
            }
        }
        while let Some(next) = spans.next_if(|next| side_by_side(text, &span, next)) {
            span.end = next.end;
            span.label = next.label;
        }
        if let Some(end) = member_tail(text, &span) {
            // The tail word may be a span of its own (tagged as a nationality, say).
            while spans.next_if(|next| next.start < end).is_some() {}
            span.end = end;
        }
        if given_name_first(text, &span) {
            span.label = Label::Per;
        }
        let floor = out.last().map_or(0, |last| last.end);
        if extend_name(text, &mut span, &mut spans, floor) && merge_person(text, &mut out, &span) {
            continue;
        }
        out.push(span);
    }
    out
}

/// The person and agency rules of [`join_split_names`] on one span: "Osama" + "bin Laden"
/// ([`particle_tail`]), "Donald" + "Trump" (a given name and the next capitalised span),
/// "von der | Leyen" ([`particle_head`]), "Agency | for Safety and Health" ([`agency_tail`]).
/// Spans the name now covers are taken in. True when the span is a person's name, so that
/// the caller may join it to the person before it.
fn extend_name(text: &str, span: &mut Span, spans: &mut Spans, floor: usize) -> bool {
    if strong_particle_follows(text, span.end) {
        span.label = Label::Per;
    }
    let next_person = spans
        .peek()
        .filter(|n| n.label == Label::Per)
        .map_or(usize::MAX, |n| n.start);
    let tail = match span.label {
        Label::Per => particle_tail(text, span.end, usize::MAX).or_else(|| {
            let next = spans.peek()?;
            let given = is_given_name(text.get(span.start..span.end)?);
            let single = single_capitalised_word(text.get(next.start..next.end)?);
            (given && single && one_space_apart(text, span, next) && next.label != Label::Misc)
                .then_some(next.end)
        }),
        Label::Org => agency_tail(text, span, next_person),
        _ => None,
    };
    if let Some(end) = tail {
        span.end = span.end.max(end);
        while let Some(next) = spans.next_if(|n| n.start < span.end) {
            span.end = span.end.max(next.end);
        }
    }
    if span.label == Label::Per {
        span.start = particle_head(text, span.start, floor);
    }
    span.label == Label::Per
}

/// Joins a person's span that starts with name particles to the person span one space
/// before it ("Ursula" + "von der Leyen"). True when joined.
fn merge_person(text: &str, out: &mut [Span], span: &Span) -> bool {
    let Some(last) = out.last_mut() else {
        return false;
    };
    let starts_with_particle = text
        .get(span.start..span.end)
        .and_then(|t| t.split(' ').next())
        .is_some_and(|w| w.chars().all(char::is_lowercase) && in_list(PERSON_PARTICLES, w));
    let joined =
        last.label == Label::Per && starts_with_particle && one_space_apart(text, last, span);
    if joined {
        last.end = span.end;
    }
    joined
}

/// "Osama | bin Laden", "Hamad | bin Isa": "bin", "bint", "ibn" or "binti" and a capitalised
/// word right after a span make it a person's name, whatever kind the tagger gave it.
fn strong_particle_follows(text: &str, at: usize) -> bool {
    next_word(text, at).is_some_and(|(word, next)| {
        matches!(word, "bin" | "bint" | "ibn" | "binti")
            && next_word(text, next).is_some_and(|(name, _)| name_word(name))
    })
}

type Spans = std::iter::Peekable<std::vec::IntoIter<Span>>;

fn is_given_name(word: &str) -> bool {
    !word.contains(' ') && in_list(FIRST_NAMES, word) && name_word(word)
}

fn single_capitalised_word(word: &str) -> bool {
    !word.contains(char::is_whitespace)
        && name_word(word)
        && word.chars().skip(1).any(char::is_lowercase)
        && !names::org_like(word)
}

/// "Barack Obama" tagged as a place, "Hillary Clinton" as an organisation: a name of two
/// capitalised words whose first is a common given name ([`FIRST_NAMES`]) is a person's,
/// unless its last word is an organisation or place head ("Victoria Falls", "Paul Street").
fn given_name_first(text: &str, span: &Span) -> bool {
    let Some((first, last)) = text
        .get(span.start..span.end)
        .and_then(|t| t.split_once(' '))
    else {
        return false;
    };
    matches!(span.label, Label::Loc | Label::Org)
        && !last.contains(' ')
        && is_given_name(first)
        && name_word(last)
        && !names::org_like(last)
        && !in_list(PLACE_HEADS, last)
}

fn one_space_apart(text: &str, a: &Span, b: &Span) -> bool {
    text.get(a.end..b.start) == Some(" ") && b.start < b.end
}

/// Two parts of one name: one space apart, both capitalised, and either both a person's
/// ("Mohamed Lemine" + "Cheiguer") or, neither a person nor miscellaneous, the second ending
/// in an organisation or place head word ("Downing" + "Street", "Central Jakarta" + "District
/// Court"). Miscellaneous spans are adjectives more often than parts of names ("German" +
/// "Foreign Ministry"), and two plain names side by side are often two names ("OSCE" +
/// "Chechnya").
fn side_by_side(text: &str, a: &Span, b: &Span) -> bool {
    let part = text.get(b.start..b.end).unwrap_or("");
    let capitalised = |s: &str| s.starts_with(|c: char| c.is_uppercase());
    let kinds_fit = match (a.label, b.label) {
        (Label::Per, Label::Per) => true,
        (Label::Per | Label::Misc, _) | (_, Label::Per | Label::Misc) => false,
        _ => names::org_like(part),
    };
    kinds_fit
        && one_space_apart(text, a, b)
        && capitalised(text.get(a.start..a.end).unwrap_or(""))
        && capitalised(part)
        && !is_honorific(part)
}

fn is_honorific(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    LONE_HONORIFICS.iter().any(|h| h.eq_ignore_ascii_case(word))
}

/// Where the span would end without its trailing connecting words, if it has any
/// (`Some(start)` when it is nothing but connecting words).
fn without_connectors(text: &str, start: usize, end: usize) -> Option<usize> {
    let mut cut = end;
    loop {
        let head = text.get(start..cut)?.trim_end();
        let word_start = head.rfind(' ').map_or(start, |i| start + i + 1);
        let word = text.get(word_start..start + head.len())?;
        if !CONNECTORS.iter().any(|c| c.eq_ignore_ascii_case(word)) {
            break;
        }
        cut = word_start;
        if cut <= start {
            return Some(start);
        }
    }
    (cut < end).then(|| start + text[start..cut].trim_end().len())
}

/// Where the next span starts (the end of the text when there is none).
fn next_start(spans: &mut Spans) -> usize {
    spans.peek().map_or(usize::MAX, |next| next.start)
}

/// The end of the capitalised words (each one space apart) that follow `from`, if any,
/// stopping at a title and before `limit` (the next span): "Bank of| Kessel said" → after
/// "Kessel"; "Bank of| England Governor Mervyn King" → after "England".
fn capitalised_run(text: &str, from: usize, limit: usize) -> Option<usize> {
    let mut end = None;
    let mut at = from;
    while let Some(rest) = text.get(at..).and_then(|r| r.strip_prefix(' ')) {
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .unwrap_or(rest.len());
        let word = &rest[..len];
        if !word.starts_with(|c: char| c.is_uppercase())
            || names::is_title(word)
            || at + 1 + len > limit
        {
            break;
        }
        at += 1 + len;
        end = Some(at);
    }
    end
}

/// The next word after `at` when exactly one space separates them (letters, digits,
/// hyphens and apostrophes), with the offset where it ends.
fn next_word(text: &str, at: usize) -> Option<(&str, usize)> {
    let rest = text.get(at..)?.strip_prefix(' ')?;
    let len = rest
        .find(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '\'' | '’')))
        .unwrap_or(rest.len());
    (len > 0).then(|| (&rest[..len], at + 1 + len))
}

/// The word that ends right before `at`, one space apart, with the offset where it starts.
fn previous_word(text: &str, at: usize) -> Option<(&str, usize)> {
    let before = text.get(..at)?.strip_suffix(' ')?;
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || matches!(c, '-' | '\'' | '’')))
        .map_or(0, |(i, c)| i + c.len_utf8());
    (start < before.len()).then(|| (&before[start..], start))
}

fn in_list(list: &[&str], word: &str) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// A capitalised word that can be part of a name: not a title, a function word or a month.
fn name_word(word: &str) -> bool {
    word.starts_with(|c: char| c.is_uppercase())
        && !names::is_title(word)
        && !names::is_function_word(word)
        && !in_list(MONTHS, word)
}

/// "al-Assad", "el-Sisi", "bin-Nayef": a particle joined by a hyphen to a capitalised name.
fn hyphen_particle_name(word: &str) -> bool {
    word.split_once('-').is_some_and(|(particle, name)| {
        particle.chars().all(char::is_lowercase)
            && in_list(PERSON_PARTICLES, particle)
            && name.starts_with(|c: char| c.is_uppercase())
    })
}

/// "Osama" + "bin Laden", "Ursula" + "von der Leyen", "Bashar" + "al-Assad": after a
/// person's name, lowercase name particles and then a capitalised word continue it (and
/// may repeat: "Mohammed bin Rashid al Maktoum"). The end of the continued name, if any;
/// it does not run past `limit`.
fn particle_tail(text: &str, from: usize, limit: usize) -> Option<usize> {
    let (mut at, mut end, mut particles) = (from, None, 0);
    while let Some((word, next)) = next_word(text, at).filter(|&(_, next)| next <= limit) {
        let lower_particle =
            word.chars().all(char::is_lowercase) && in_list(PERSON_PARTICLES, word);
        if lower_particle {
            particles += 1;
        } else if (particles > 0 && name_word(word)) || hyphen_particle_name(word) {
            end = Some(next);
            particles = 0;
        } else {
            break;
        }
        at = next;
    }
    end
}

/// "von der | Leyen": where a person's name really starts when lowercase name particles
/// stand right before the tagged part, with the capitalised word before them if it is a
/// plausible first name ("Ursula von der Leyen"); `start` when no particle precedes.
fn particle_head(text: &str, start: usize, floor: usize) -> usize {
    let mut at = start;
    let mut particles = 0;
    while let Some((word, word_start)) = previous_word(text, at).filter(|&(_, s)| s >= floor) {
        if word.chars().all(char::is_lowercase) && in_list(PERSON_PARTICLES, word) {
            particles += 1;
            at = word_start;
        } else {
            if particles > 0 && name_word(word) && !opens_sentence(text, word_start) {
                at = word_start;
            }
            break;
        }
    }
    if particles == 0 {
        start
    } else {
        at
    }
}

/// True when the word at `at` opens its sentence or paragraph.
fn opens_sentence(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':', '"', '“'])
}

/// "the European Agency | for Safety and Health": an organisation span that ends in an
/// The end of a party's name that the tagger cut before its member word: an organisation
/// span followed by one of [`MEMBER_TAILS`], capitalised ("Liberal" + "Democrats", "Lib" +
/// "Dems").
fn member_tail(text: &str, span: &Span) -> Option<usize> {
    let (word, _) = next_word(text, span.end)?;
    let word = names::strip_possessive(word).trim_end_matches(['\'', '’']);
    let capitalised = word.starts_with(|c: char| c.is_uppercase());
    let end = span.end + 1 + word.len();
    // "Senate Republicans", "House Democrats": a chamber's members, not a party's name.
    let last = text.get(span.start..span.end)?.rsplit(' ').next()?;
    let chamber = in_list(CHAMBERS, last);
    let member = in_list(MEMBER_TAILS, word);
    (span.label == Label::Org && capitalised && member && !chamber).then_some(end)
}

/// agency's head word ([`AGENCY_HEADS`]) followed by "for" or "of" and capitalised words
/// (joined by "and", "&", "of", "for", "on" or "in") continues over them. The end of the
/// continued name, if any; it does not run past `limit`.
fn agency_tail(text: &str, span: &Span, limit: usize) -> Option<usize> {
    let last = text.get(span.start..span.end)?.rsplit(' ').next()?;
    if span.label != Label::Org || !in_list(AGENCY_HEADS, last) {
        return None;
    }
    let (joiner, mut at) = next_word(text, span.end)?;
    if !matches!(joiner, "for" | "of") {
        return None;
    }
    let (mut end, mut pending) = (None, true);
    while let Some((word, next)) = next_word(text, at).filter(|&(_, next)| next <= limit) {
        if name_word(word) {
            end = Some(next);
            pending = false;
        } else if pending && word == "the" && end.is_none() {
        } else if !pending && matches!(word, "and" | "&" | "of" | "for" | "on" | "in") {
            pending = true;
        } else {
            break;
        }
        at = next;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(label: Label, start: usize, end: usize) -> Span {
        Span { label, start, end }
    }

    fn texts(text: &str, spans: Vec<Span>) -> Vec<(String, Label)> {
        join_split_names(text, spans)
            .into_iter()
            .map(|s| (text[s.start..s.end].to_string(), s.label))
            .collect()
    }

    /// A text, its tagged spans as (label, substring), and the expected (substring, label).
    type Case<'a> = (&'a str, &'a [(Label, &'a str)], &'a [(&'a str, Label)]);

    #[test]
    fn dangling_names_are_joined_or_trimmed() {
        use Label::{Loc, Misc, Org, Per};
        let find = |text: &str, part: &str| text.find(part).unwrap();
        let cases: &[Case] = &[
            (
                "Researchers at the University of Nairobi agreed.",
                &[(Org, "University of"), (Loc, "Nairobi")],
                &[("University of Nairobi", Org)],
            ),
            (
                "The Central Bank of Kessel held rates.",
                &[(Org, "Central Bank of")],
                &[("Central Bank of Kessel", Org)],
            ),
            (
                "He studied at the University of the Azores.",
                &[(Org, "University of the")],
                &[("University of the Azores", Org)],
            ),
            (
                "The Republic of, he said, was broke.",
                &[(Loc, "Republic of")],
                &[("Republic", Loc)],
            ),
            ("Shares rose and fell.", &[(Org, "and")], &[]),
            (
                "The Liberal Democrats met the FDP Greens.",
                &[(Org, "Liberal"), (Org, "FDP"), (Org, "Greens")],
                &[("Liberal Democrats", Org), ("FDP", Org), ("Greens", Org)],
            ),
            (
                "Senate Republicans said no.",
                &[(Org, "Senate")],
                &[("Senate", Org)],
            ),
            (
                "The Lib Dems' leader spoke.",
                &[(Org, "Lib")],
                &[("Lib Dems", Org)],
            ),
            (
                "A Liberal Democrat spokesman, the Labour democrats and Sweden Democrats spoke.",
                &[
                    (Org, "Liberal"),
                    (Org, "Labour"),
                    (Org, "Sweden"),
                    (Misc, "Democrats"),
                ],
                &[
                    ("Liberal Democrat", Org),
                    ("Labour", Org),
                    ("Sweden Democrats", Org),
                ],
            ),
            ("Aid for Latin America", &[(Org, "for")], &[]),
            (
                "The Bank of England and Barclays agreed.",
                &[(Org, "Bank of England"), (Org, "Barclays")],
                &[("Bank of England", Org), ("Barclays", Org)],
            ),
            (
                "The Bank of England Governor Mervyn King spoke.",
                &[(Org, "Bank of"), (Per, "Mervyn King")],
                &[("Bank of England", Org), ("Mervyn King", Per)],
            ),
            (
                "He lives at 10 Downing Street today.",
                &[(Org, "Downing"), (Loc, "Street")],
                &[("Downing Street", Loc)],
            ),
            (
                "She studied at Oxford University in 1990.",
                &[(Loc, "Oxford"), (Org, "University")],
                &[("Oxford University", Org)],
            ),
            (
                "The OSCE Chechnya mission and the German Foreign Ministry met.",
                &[
                    (Org, "OSCE"),
                    (Loc, "Chechnya"),
                    (Misc, "German"),
                    (Org, "Foreign Ministry"),
                ],
                &[
                    ("OSCE", Org),
                    ("Chechnya", Loc),
                    ("German", Misc),
                    ("Foreign Ministry", Org),
                ],
            ),
            (
                "Envoy Mohamed Lemine Cheiguer arrived.",
                &[(Per, "Mohamed Lemine"), (Per, "Cheiguer")],
                &[("Mohamed Lemine Cheiguer", Per)],
            ),
            (
                "Arsenal Wenger fumes at referee",
                &[(Org, "Arsenal"), (Per, "Wenger")],
                &[("Arsenal", Org), ("Wenger", Per)],
            ),
            (
                "Lord Falconer said Mr. Blair agreed.",
                &[
                    (Loc, "Lord"),
                    (Per, "Falconer"),
                    (Loc, "Mr."),
                    (Per, "Blair"),
                ],
                &[("Falconer", Per), ("Blair", Per)],
            ),
            (
                "Marks & Spencer and Tesco",
                &[(Org, "Marks &"), (Org, "Spencer"), (Org, "Tesco")],
                &[("Marks & Spencer", Org), ("Tesco", Org)],
            ),
        ];
        for (text, spans, want) in cases {
            let spans: Vec<Span> = spans
                .iter()
                .map(|(label, part)| {
                    let at = find(text, part);
                    span(*label, at, at + part.len())
                })
                .collect();
            let want: Vec<(String, Label)> =
                want.iter().map(|(s, l)| (s.to_string(), *l)).collect();
            assert_eq!(texts(text, spans), want, "{text}");
        }
    }
}
