//! Document-level kind consistency: after tagging, every mention of one name in an article
//! gets one kind (see [`harmonise_kinds`]), so that a person's bare surname, or a place
//! named by the article's dateline, is not listed under another kind.

use std::rc::Rc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::clean::{Segment, Span};
use super::{names, EntityKind};

/// Applies [`harmonise_kinds`] to the body and title mentions together.
pub(super) fn harmonise_spans(
    body: &str,
    title: &str,
    body_spans: &mut [Span],
    title_spans: &mut [Span],
) {
    let text_of = |m: &Span| match m.segment {
        Segment::Body => &body[m.start..m.end],
        Segment::Title => &title[m.start..m.end],
    };
    let all = || body_spans.iter().chain(title_spans.iter());
    let texts: Vec<&str> = all().map(text_of).collect();
    let datelines: Vec<bool> = all().map(|m| m.dateline).collect();
    let mut kinds: Vec<EntityKind> = all().map(|m| m.kind).collect();
    harmonise_kinds(&texts, &datelines, &mut kinds);
    for (m, k) in body_spans
        .iter_mut()
        .chain(title_spans.iter_mut())
        .zip(kinds)
    {
        m.kind = k;
    }
}

/// Document-level consistency: a single word that is the surname of a person the article
/// names in full is that person (a "Trump" the tagger calls a place stays the person named
/// "Donald Trump" elsewhere); a name the article's dateline gives is a place in the whole
/// article, whatever the tagger called its other mentions ("PORTVALE — … Portvale declared
/// an emergency"); any other name gets the kind most of its mentions have in the article.
/// Ties keep the tagger's kind.
fn harmonise_kinds(texts: &[&str], datelines: &[bool], kinds: &mut [EntityKind]) {
    // A name is identified by its key list (keys hold no spaces, so comparing lists is
    // comparing the space-joined keys); a surname by the one-key list of its last key.
    let keys: Vec<Rc<[String]>> = texts.iter().map(|t| names::shared_name_keys(t)).collect();
    let votes = kind_votes(&keys, kinds);
    // Surnames of the people the article names in full.
    let surnames: FxHashSet<&[String]> = keys
        .iter()
        .zip(kinds.iter())
        .filter(|(_, &k)| k == EntityKind::Person)
        .filter_map(|(key, _)| surname(key))
        .collect();
    // Places the article's datelines name.
    let places: FxHashSet<&[String]> = keys
        .iter()
        .zip(datelines)
        .filter(|(_, &d)| d)
        .map(|(key, _)| &**key)
        .collect();
    for ((key, kind), &dateline) in keys.iter().zip(kinds.iter_mut()).zip(datelines) {
        let key: &[String] = key;
        if dateline || (places.contains(key) && !surnames.contains(key)) {
            *kind = EntityKind::Place;
            continue;
        }
        if surnames.contains(key) {
            *kind = EntityKind::Person;
            continue;
        }
        let v = votes.get(key).copied().unwrap_or_default();
        let best = (0..3)
            .max_by_key(|&i| (v[i], i == slot(*kind)))
            .unwrap_or(0);
        if v[best] > v[slot(*kind)] {
            *kind = ALL_KINDS[best];
        }
    }
}

const ALL_KINDS: [EntityKind; 3] = [EntityKind::Person, EntityKind::Org, EntityKind::Place];

fn slot(kind: EntityKind) -> usize {
    match kind {
        EntityKind::Person => 0,
        EntityKind::Org => 1,
        EntityKind::Place => 2,
    }
}

/// The one-key list of the last key of a name of two or more words.
fn surname(key: &[String]) -> Option<&[String]> {
    (key.len() >= 2).then(|| &key[key.len() - 1..])
}

/// Mentions of each name per kind (indexed by [`slot`]); a person's full name also votes
/// for its surname alone.
fn kind_votes<'k>(
    keys: &'k [Rc<[String]>],
    kinds: &[EntityKind],
) -> FxHashMap<&'k [String], [usize; 3]> {
    let mut votes: FxHashMap<&[String], [usize; 3]> = Default::default();
    for (key, &kind) in keys.iter().zip(kinds) {
        votes.entry(key).or_default()[slot(kind)] += 1;
        if kind == EntityKind::Person {
            if let Some(last) = surname(key) {
                votes.entry(last).or_default()[0] += 1;
            }
        }
    }
    votes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_follow_the_article_majority() {
        use EntityKind::{Org as O, Person as P, Place as L};
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
            (vec!["PORTVALE", "Portvale"], vec![L, O], vec![L, O]),
        ];
        for (texts, mut kinds, want) in cases {
            let datelines = vec![false; texts.len()];
            harmonise_kinds(&texts, &datelines, &mut kinds);
            assert_eq!(kinds, want, "{texts:?}");
        }
    }

    #[test]
    fn datelines_make_their_name_a_place_in_the_article() {
        use EntityKind::{Org as O, Person as P, Place as L};
        // (texts, dateline flags, tagger kinds, harmonised kinds)
        type Case<'a> = (Vec<&'a str>, Vec<bool>, Vec<EntityKind>, Vec<EntityKind>);
        let cases: Vec<Case> = vec![
            (
                vec!["PORTVALE", "Portvale", "Portvale", "Portvale"],
                vec![true, false, false, false],
                vec![L, O, O, O],
                vec![L, L, L, L],
            ),
            (
                vec!["MARLOW", "Marlow", "Marlow Athletic"],
                vec![true, false, false],
                vec![O, P, O],
                vec![L, L, O],
            ),
            // Without a dateline the majority decides.
            (
                vec!["Portvale", "Portvale", "Portvale"],
                vec![false, false, false],
                vec![L, O, O],
                vec![O, O, O],
            ),
            // A person named in full keeps their surname, the dateline stays a place.
            (
                vec!["WASHINGTON", "George Washington", "Washington"],
                vec![true, false, false],
                vec![L, P, L],
                vec![L, P, P],
            ),
        ];
        for (texts, datelines, mut kinds, want) in cases {
            harmonise_kinds(&texts, &datelines, &mut kinds);
            assert_eq!(kinds, want, "{texts:?}");
        }
    }
}
