//! Names the tagger leaves hanging on a connecting word: "University of | Nairobi" comes
//! back as an organisation "University of" and a place "Nairobi", "Central Bank of" may end
//! before a name the tagger did not mark at all. [`join_dangling`] rejoins such a span with
//! the name that follows it, or trims the dangling word when nothing follows, so that
//! `people` never lists "University of" and a search for the university finds it whole.

#[cfg(test)]
use super::ner::Label;
use super::ner::Span;

/// Words that join the parts of a name and cannot end one.
const CONNECTORS: &[&str] = &[
    "of", "for", "and", "&", "the", "de", "du", "des", "del", "di", "da", "on", "upon",
];

/// Rejoins or trims spans (in text order) that end with a connecting word: with the next
/// span when only a space separates them (taking the first span's label: "University of" +
/// "Nairobi" is an organisation), else over the capitalised words that follow ("Central
/// Bank of Kessel"), else without the connecting words. A span of connecting words alone
/// ("and", "for") is dropped.
pub(super) fn join_dangling(text: &str, spans: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    let mut spans = spans.into_iter().peekable();
    while let Some(mut span) = spans.next() {
        let Some(core_end) = without_connectors(text, span.start, span.end) else {
            out.push(span);
            continue;
        };
        if core_end <= span.start {
            continue; // connecting words alone ("and", "for") name nothing
        }
        let joined = spans
            .next_if(|next| text.get(span.end..next.start) == Some(" ") && next.start < next.end);
        if let Some(next) = joined {
            span.end = next.end;
        } else if let Some(end) = capitalised_run(text, span.end) {
            span.end = end;
        } else {
            span.end = core_end;
        }
        out.push(span);
    }
    out
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

/// The end of the capitalised words (each one space apart) that follow `from`, if any:
/// "Bank of| Kessel said" → after "Kessel".
fn capitalised_run(text: &str, from: usize) -> Option<usize> {
    let mut end = None;
    let mut at = from;
    while let Some(rest) = text.get(at..).and_then(|r| r.strip_prefix(' ')) {
        if !rest.starts_with(|c: char| c.is_uppercase()) {
            break;
        }
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .unwrap_or(rest.len());
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
        join_dangling(text, spans)
            .into_iter()
            .map(|s| (text[s.start..s.end].to_string(), s.label))
            .collect()
    }

    /// A text, its tagged spans as (label, substring), and the expected (substring, label).
    type Case<'a> = (&'a str, &'a [(Label, &'a str)], &'a [(&'a str, Label)]);

    #[test]
    fn dangling_names_are_joined_or_trimmed() {
        use Label::{Loc, Org};
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
