//! Names the tagger splits or leaves hanging. "University of | Nairobi" comes back as an
//! organisation "University of" and a place "Nairobi"; "Central Bank of" may end before a name
//! the tagger did not mark at all; "Downing | Street" comes back as an organisation and a
//! place side by side; "Lord" or "Mr" alone is marked as a place. [`join_split_names`] joins
//! the parts and drops honorifics standing alone, so that `people` lists "University of
//! Nairobi" and "Downing Street", never "University of", "Downing", "Street" or "Mr".

use super::lexicon::names::{CONNECTORS, LONE_HONORIFICS};
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
        out.push(span);
    }
    out
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
fn next_start(spans: &mut std::iter::Peekable<std::vec::IntoIter<Span>>) -> usize {
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
