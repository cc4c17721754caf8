//! The role a person speaker has, when the article gives one: an appositive after a
//! mention (`Jane Roe, the chief executive of Acme, said` → "the chief executive of Acme")
//! or title words before it (`Backbencher Stephen Pound` → "Backbencher", `Acme
//! spokeswoman Jane Roe` → "Acme spokeswoman"). The attribution's own mention is read
//! first, then the speaker's other mentions in body order; the first role found is kept.
//! Honorifics alone ("Mr", "Dr") are not roles.

use super::lexicon::{cue_lemma, is_determiner};
use crate::extract::lexicon::names::PERSON_HONORIFICS;
use crate::extract::names::{is_capitalized, is_function_word, is_title, lowercase};
use crate::extract::{Entity, EntityKind};

/// Longest appositive taken as a role, in words.
const MAX_ROLE_WORDS: usize = 12;

/// The role of the person `speaker` (canonical name), reading first the mention at
/// `attribution` (byte range of the speaker phrase), then every mention of the speaker.
pub fn role(
    body: &str,
    attribution: Option<(usize, usize)>,
    speaker: &str,
    entities: &[Entity],
) -> Option<String> {
    let mentions = entities
        .iter()
        .filter(|e| e.kind == EntityKind::Person && e.canonical == speaker);
    let spans = attribution
        .into_iter()
        .flat_map(|(s, e)| {
            // The person mention inside the attribution phrase, else the phrase itself.
            let inside = entities
                .iter()
                .find(|x| x.kind == EntityKind::Person && x.start >= s && x.end <= e);
            Some(inside.map_or((s, e), |x| (x.start, x.end)))
        })
        .chain(mentions.map(|e| (e.start, e.end)));
    for (start, end) in spans {
        let found = appositive(body, end)
            .or_else(|| appositive_before(body, start))
            .or_else(|| titles_before(body, start, entities));
        if let Some(r) = found {
            return Some(r);
        }
    }
    None
}

/// `NAME, the chief executive of Acme,` → "the chief executive of Acme".
fn appositive(body: &str, end: usize) -> Option<String> {
    let rest = body.get(end..)?.strip_prefix(", ")?;
    let stop = rest
        .char_indices()
        .find(|&(i, c)| {
            matches!(
                c,
                ',' | ';' | ':' | '(' | ')' | '"' | '“' | '”' | '\n' | '!' | '?'
            ) || (c == '.'
                && (rest[i + 1..].is_empty() || rest[i + 1..].starts_with([' ', '\n']))
                && !abbreviation(&rest[..i]))
        })
        .map_or(rest.len(), |(i, _)| i);
    let phrase = rest[..stop].trim();
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let first = words.first()?;
    let starts_well = is_determiner(&lowercase(first))
        || first.ends_with("'s")
        || first.ends_with("’s")
        || (is_title(first) && !honorific(first));
    let has_cue = words.iter().any(|w| cue_lemma(&lowercase(w)).is_some());
    let closed = rest[stop..].starts_with([',', '.']) || stop == rest.len();
    (starts_well && !has_cue && closed && words.len() <= MAX_ROLE_WORDS).then(|| phrase.to_string())
}

/// `The museum’s director, NAME,` · `Its chairman, NAME, said` → "The museum’s director".
fn appositive_before(body: &str, start: usize) -> Option<String> {
    let head = body.get(..start)?.strip_suffix(", ")?;
    let from = head
        .rfind(['.', ',', ';', ':', '"', '“', '”', '\n', '(', ')'])
        .map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
    let phrase = head[from..].trim();
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let (first, last) = (words.first()?, words.last()?);
    let starts_well =
        is_determiner(&lowercase(first)) || first.ends_with("'s") || first.ends_with("’s");
    let ends_in_role = last.chars().next().is_some_and(char::is_lowercase)
        || words.iter().any(|w| is_title(w) && !honorific(w));
    let has_cue = words.iter().any(|w| cue_lemma(&lowercase(w)).is_some());
    let short = words.len() >= 2 && words.len() <= MAX_ROLE_WORDS / 2;
    (starts_well && ends_in_role && !has_cue && short).then(|| phrase.to_string())
}

/// A word ending in a period that does not end a sentence ("Corp.", "Inc.", "U.S.").
fn abbreviation(before: &str) -> bool {
    let word = before.rsplit(' ').next().unwrap_or("");
    word.len() <= 4 && word.chars().next().is_some_and(char::is_uppercase) || word.contains('.')
}

/// Title words right before a mention, with an organisation just before them.
fn titles_before(body: &str, start: usize, entities: &[Entity]) -> Option<String> {
    let mut from = start;
    let mut titles = 0;
    let mut qualified = false;
    while let Some(head) = body[..from].strip_suffix(' ') {
        let word_start = head.rfind([' ', '\n']).map_or(0, |i| i + 1);
        let word = &head[word_start..];
        if let Some(org) = entities
            .iter()
            .find(|x| x.kind == EntityKind::Org && x.end == head.len())
            .filter(|_| titles > 0)
        {
            from = org.start;
            break;
        }
        if word.is_empty() || !is_title(word) || honorific(word) {
            // "Finance Minister", "Opposition leader": one capitalised word before titles.
            let qualifier = titles > 0
                && !qualified
                && is_capitalized(word)
                && !is_function_word(word)
                && word.chars().all(char::is_alphabetic);
            if !qualifier {
                break;
            }
            qualified = true;
        }
        from = word_start;
        titles += 1;
    }
    (titles > 0).then(|| body[from..start].trim().to_string())
}

/// "Mr", "Dr", "Sen." …: forms of address rather than roles.
fn honorific(word: &str) -> bool {
    let w = lowercase(word.trim_end_matches('.'));
    PERSON_HONORIFICS.contains(&w.as_ref()) || matches!(w.as_ref(), "miss" | "ms")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(body: &str, text: &str, canonical: &str) -> Entity {
        let start = body.find(text).unwrap();
        Entity {
            kind: EntityKind::Person,
            text: text.into(),
            canonical: canonical.into(),
            start,
            end: start + text.len(),
        }
    }

    #[test]
    fn roles_from_appositives_and_titles() {
        // (body, mention as written, expected role)
        let cases = [
            (
                "“We will appeal,” Jane Roe, the chief executive of Acme Corp., said.",
                "Jane Roe",
                Some("the chief executive of Acme Corp."),
            ),
            (
                "“It is over,” said Jane Roe, a nurse at the county hospital.",
                "Jane Roe",
                Some("a nurse at the county hospital"),
            ),
            (
                "Backbencher Stephen Pound said the vote was “a farce”.",
                "Stephen Pound",
                Some("Backbencher"),
            ),
            (
                "Prime Minister Tony Blair told MPs: “We stand firm.”",
                "Tony Blair",
                Some("Prime Minister"),
            ),
            ("Mr Tony Blair said: “We stand firm.”", "Tony Blair", None),
            (
                "Finance Minister José Álvarez said the cuts were “temporary”.",
                "José Álvarez",
                Some("Finance Minister"),
            ),
            (
                "On Monday Minister José Álvarez said it was “temporary”.",
                "José Álvarez",
                Some("Minister"),
            ),
            (
                "“No,” Jane Roe, asked about the merger, said.",
                "Jane Roe",
                None,
            ),
            (
                "“Fine,” said Jane Roe, and left the room.",
                "Jane Roe",
                None,
            ),
            (
                "Jane Roe, the minister said, was “tired”.",
                "Jane Roe",
                None,
            ),
            (
                "The museum’s director, Zofia Karwowska, said the rooms were “finally right”.",
                "Zofia Karwowska",
                Some("The museum’s director"),
            ),
            (
                "Members were angry. Its chairman, Arnold Keller, called it “a disgrace”.",
                "Arnold Keller",
                Some("Its chairman"),
            ),
            (
                "A spokeswoman for the Harbour Trust, Jane Roe, said: “We were promised a vote.”",
                "Jane Roe",
                Some("A spokeswoman for the Harbour Trust"),
            ),
            (
                "In the end, Arnold Keller said “no”.",
                "Arnold Keller",
                None,
            ),
            (
                "On Monday the Harbour Trust, Jane Roe said “no”.",
                "Jane Roe",
                None,
            ),
        ];
        for (body, text, want) in cases {
            let e = person(body, text, text);
            assert_eq!(role(body, None, text, &[e]).as_deref(), want, "{body}");
        }
    }

    #[test]
    fn organisation_before_role_words() {
        let body = "Acme spokeswoman Jane Roe said: “We regret it.”";
        let org_start = 0;
        let org = Entity {
            kind: EntityKind::Org,
            text: "Acme".into(),
            canonical: "Acme Corp".into(),
            start: org_start,
            end: 4,
        };
        let jane = person(body, "Jane Roe", "Jane Roe");
        assert_eq!(
            role(body, None, "Jane Roe", &[org, jane]).as_deref(),
            Some("Acme spokeswoman")
        );
    }

    #[test]
    fn a_later_mention_gives_the_role() {
        let body = "“We regret it,” Roe said.\n\nJane Roe, Acme’s head of safety, joined in 2019.";
        let roe = person(body, "Roe", "Jane Roe");
        let jane = person(body, "Jane Roe", "Jane Roe");
        assert_eq!(
            role(body, Some((roe.start, roe.end)), "Jane Roe", &[roe, jane]).as_deref(),
            Some("Acme’s head of safety")
        );
    }
}
