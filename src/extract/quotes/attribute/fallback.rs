//! Fallback attribution patterns: dash, colon and transcript-style speakers, short
//! clauses with verbs not in the cue list, the sentence before the quotation, and the
//! subject of the whole sentence for participles.

use super::phrase::{is_possessive, phrase_forward, subject_before, trim_adverbs};
use super::{is_subordinator, After, Ctx, Found, Who};
use crate::extract::names::is_capitalized;
use crate::extract::quotes::lexicon::{
    cue_lemma, is_adverb, is_determiner, is_preposition, pronoun,
};
use crate::extract::EntityKind;

/// `“…” for Clinton, said Kunin.`: a reporting verb followed by a name later in the clause.
pub(super) fn inverted_cue(ctx: &Ctx, w: &[usize]) -> Option<Found> {
    let k = (0..w.len().min(10)).find(|&k| ctx.lowercase_cue(w[k]).is_some())?;
    let cue = ctx.lowercase_cue(w[k])?;
    let prev_comma = k > 0 && ctx.is_punct(w[k - 1], ",");
    let f = phrase_forward(ctx, &w[k + 1..], cue).filter(|f| f.who == Who::Name)?;
    prev_comma.then_some(f)
}

/// `“…,” Trump barked.` / `“…,” Trump shot back.`: after a quotation ending in a comma,
/// question or exclamation mark, a name and one verb of any kind close the sentence.
pub(super) fn short_clause(ctx: &Ctx, w: &[usize], how: After) -> Option<Found> {
    if !(how.ends_comma || how.ends_question) {
        return None;
    }
    let run = w.iter().take_while(|&&i| ctx.is_name_word(i)).count();
    let pron = pronoun(&ctx.lower(w[0])).is_some_and(|g| g.is_some());
    let subject = if pron { 1 } else { run };
    let &verb = w.get(subject)?;
    let words_after = w[subject + 1..].iter().filter(|&&i| ctx.is_word(i)).count();
    let lower = ctx.lower(verb);
    let verb_like = ctx.is_word(verb)
        && !is_capitalized(ctx.text(verb))
        && !is_preposition(&lower)
        && !is_determiner(&lower)
        && !is_subordinator(&lower);
    if subject == 0 || !verb_like || words_after > 3 {
        return None;
    }
    let who = if pron {
        let gender = pronoun(&ctx.lower(w[0])).flatten();
        Who::Pronoun {
            gender,
            relative: false,
        }
    } else {
        Who::Name
    };
    let mut f = ctx.found(who, w[0], w[subject - 1], None);
    f.cue = Some(lower.into_owned());
    Some(f)
}

/// `― Name` closing a paragraph (vox-pop style attribution).
pub(super) fn dash_name(ctx: &Ctx, w: &[usize]) -> Option<Found> {
    let words: Vec<usize> = w
        .iter()
        .copied()
        .filter(|&i| !ctx.is_punct(i, "."))
        .collect();
    let (&first, &last) = (words.first()?, words.last()?);
    let all_names = words.len() <= 6 && words.iter().all(|&i| ctx.is_name_word(i));
    all_names.then(|| ctx.found(Who::Name, first, last, None))
}

/// `Silverman interjected, “…”` / `Trump boomed: “…”`: a name and one verb of any kind
/// leading into the quotation.
pub(super) fn name_verb_lead_in(ctx: &Ctx, w: &[usize]) -> Option<Found> {
    let (&last, rest) = w.split_last()?;
    if !(ctx.is_punct(last, ",") || ctx.is_punct(last, ":")) {
        return None;
    }
    let start = rest
        .iter()
        .rposition(|&i| ctx.is_punct(i, ","))
        .map_or(0, |c| c + 1);
    let clause = trim_adverbs(ctx, &rest[start..]);
    // One verb, or a verb and a particle ("shot back", "fired back").
    let particle = clause
        .last()
        .is_some_and(|&i| matches!(ctx.lower(i).as_ref(), "back" | "up" | "out" | "in" | "on"));
    let verbs = if particle { 2 } else { 1 };
    let split = clause.len().checked_sub(verbs)?;
    let (subject, verb_words) = clause.split_at(split);
    let verb = verb_words[0];
    let lower = ctx.lower(verb);
    let verb_like = ctx.is_word(verb)
        && !is_capitalized(ctx.text(verb))
        && (lower.ends_with("ed") || particle || cue_lemma(&lower).is_some());
    let named =
        !subject.is_empty() && subject.len() <= 5 && subject.iter().all(|&i| ctx.is_name_word(i));
    if !(verb_like && named) {
        return None;
    }
    let mut f = ctx.found(Who::Name, subject[0], subject[subject.len() - 1], None);
    f.cue = Some(cue_lemma(&lower).map_or(lower.into_owned(), str::to_string));
    Some(f)
}

/// `Dianne Bystrom agreed. “…”`: the sentence just before the quotation (in `w`, without
/// its final period) is a short attribution ending in a reporting verb.
pub fn closing_clause(ctx: &Ctx, w: &[usize]) -> Option<Found> {
    let w = trim_adverbs(ctx, w);
    let (&last, rest) = w.split_last()?;
    let cue = ctx.lowercase_cue(last)?;
    // Only the clause after the last comma: "… over Syria, Schiff said."
    let clause = rest
        .iter()
        .rposition(|&i| ctx.is_punct(i, ","))
        .map_or(0, |c| c + 1);
    let rest = &rest[clause..];
    if rest.len() > 8 {
        return None;
    }
    subject_before(ctx, rest, cue).filter(|f| f.who != Who::Unnamed)
}

/// The subject at the start of the sentence: a name or pronoun ("Trump attacked …,
/// saying, “…”").
pub(super) fn sentence_subject(ctx: &Ctx, w: &[usize], cue: &str) -> Option<Found> {
    let mut skip = w
        .iter()
        .take_while(|&&i| matches!(ctx.lower(i).as_ref(), "but" | "and" | "so" | "then"))
        .count();
    // "Later, Trump reversed himself, telling …": skip a short introduction.
    let first_is_name = w
        .get(skip)
        .is_some_and(|&i| ctx.is_name_word(i) || pronoun(&ctx.lower(i)).is_some());
    if !first_is_name {
        let comma = w
            .iter()
            .take(skip + 6)
            .position(|&i| ctx.is_punct(i, ","))?;
        skip = comma + 1;
    }
    let &first = w.get(skip)?;
    let lower = ctx.lower(first);
    if let Some(gender) = pronoun(&lower) {
        let who = Who::Pronoun {
            gender,
            relative: false,
        };
        return Some(ctx.found(who, first, first, Some(cue)));
    }
    // The last name run before the verb: "Democratic presidential candidate Bernie
    // Sanders criticized …", "Band member Flea shared …".
    let mut best = None;
    let mut i = skip;
    while i < w.len().min(skip + 10) {
        let t = w[i];
        let lower = ctx.lower(t);
        let verbish = lower.ends_with("ed") || cue_lemma(&lower).is_some() || is_adverb(&lower);
        if !ctx.is_word(t) || (!is_capitalized(ctx.text(t)) && verbish) {
            break;
        }
        if ctx.is_name_word(t) && is_capitalized(ctx.text(t)) {
            let run = w[i..].iter().take_while(|&&j| ctx.is_name_word(j)).count();
            let person = w[i..i + run]
                .iter()
                .any(|&j| ctx.toks[j].entity == Some(EntityKind::Person));
            best = Some((w[i], w[i + run - 1]));
            // The first run the tagger calls a person wins ("Cruz took the stage with a
            // shot at Trump, saying …"); a lone adjective ("Democratic presidential
            // candidate …") is passed over; any other first run is the subject.
            if person || !(run == 1 && is_adjective(ctx.text(t))) {
                break;
            }
            i += run;
        } else {
            i += 1;
        }
    }
    let (first, last) = best?;
    (!is_possessive(ctx.text(last))).then(|| ctx.found(Who::Name, first, last, Some(cue)))
}

pub(super) fn trim_auxiliaries<'w>(ctx: &Ctx, mut seg: &'w [usize]) -> &'w [usize] {
    while let Some((&last, rest)) = seg.split_last() {
        let aux = matches!(
            ctx.lower(last).as_ref(),
            "is" | "was" | "are" | "were" | "been" | "be"
        );
        let adverb = !is_capitalized(ctx.text(last)) && is_adverb(&ctx.lower(last));
        if ctx.is_word(last) && (aux || adverb) {
            seg = rest;
        } else {
            break;
        }
    }
    seg
}

/// `X: “…”` at the start of a paragraph.
pub(super) fn colon_speaker(ctx: &Ctx, w: &[usize], para_start: bool) -> Option<Found> {
    let (&last, rest) = w.split_last()?;
    // "Said Ellis:" is an inverted cue, handled with the other cues.
    let starts_with_cue = rest
        .first()
        .is_some_and(|&i| cue_lemma(&ctx.lower(i)).is_some());
    if !ctx.is_punct(last, ":") || rest.is_empty() || starts_with_cue {
        return None;
    }
    let all_names = rest.len() <= 6 && rest.iter().all(|&i| ctx.is_name_word(i));
    if para_start && all_names {
        return Some(ctx.found(Who::Name, rest[0], rest[rest.len() - 1], None));
    }
    // "… – Michael P. McDonald: “…”", "Pew Research: “…”"
    let run = rest
        .iter()
        .rev()
        .take_while(|&&i| ctx.is_name_word(i))
        .count();
    let before = rest.len().checked_sub(run + 1).map(|j| rest[j]);
    let detached = before.is_none_or(|i| matches!(ctx.text(i), "-" | "–" | "—" | "―"));
    if run > 0 && run <= 4 && detached {
        return Some(ctx.found(Who::Name, rest[rest.len() - run], last_of(rest), None));
    }
    None
}

pub(super) fn last_of(w: &[usize]) -> usize {
    w[w.len() - 1]
}

/// Capitalised adjectives of nationality, religion or party ("Democratic", "Russian").
pub(super) fn is_adjective(word: &str) -> bool {
    const ADJECTIVES: &[&str] = &[
        "democratic",
        "republican",
        "american",
        "russian",
        "chinese",
        "jewish",
        "british",
        "french",
        "german",
        "israeli",
        "iranian",
        "iraqi",
        "syrian",
        "mexican",
        "canadian",
        "european",
        "african",
        "asian",
        "latino",
        "hispanic",
        "muslim",
        "christian",
        "catholic",
        "arab",
        "palestinian",
        "ukrainian",
        "korean",
        "japanese",
        "indian",
        "turkish",
        "saudi",
        "cuban",
        "afghan",
        "pakistani",
        "egyptian",
        "libyan",
        "conservative",
        "liberal",
        "progressive",
        "western",
        "eastern",
        "northern",
        "southern",
        "federal",
        "congressional",
        "presidential",
        "evangelical",
        "gop",
    ];
    ADJECTIVES.contains(&crate::extract::names::lowercase(word).as_ref())
}
