//! Speaker phrases: the words before or after a reporting verb classified as a name, a
//! pronoun or an unnamed description.

use super::{Ctx, Found, Who};
use crate::extract::names::{is_capitalized, is_title};
use crate::extract::quotes::lexicon::{
    cue_lemma, is_adverb, is_determiner, is_preposition, pronoun,
};
use crate::extract::EntityKind;

/// `seg` without adverbs, auxiliaries and time expressions at its end.
pub(super) fn trim_adverbs<'w>(ctx: &Ctx, mut seg: &'w [usize]) -> &'w [usize] {
    let mut after_time = false;
    while let Some((&last, rest)) = seg.split_last() {
        let lower = ctx.lower(last);
        // Lowercase only: "Kelly" is a name, not an -ly adverb. Times go too: "Priebus
        // later Thursday told", "Trump on Tuesday said", "X last week said".
        let adverb = !is_capitalized(ctx.text(last)) && is_adverb(&lower);
        let time = is_time_word(&lower);
        let time_lead =
            after_time && matches!(lower.as_ref(), "on" | "last" | "this" | "early" | "late");
        if !ctx.is_word(last) || !(adverb || time || time_lead) {
            break;
        }
        after_time = time;
        seg = rest;
    }
    seg
}

/// Days and parts of the day or calendar that time a statement.
fn is_time_word(lower: &str) -> bool {
    matches!(
        lower,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "today"
            | "yesterday"
            | "tonight"
            | "morning"
            | "night"
            | "afternoon"
            | "evening"
            | "week"
            | "weekend"
            | "month"
            | "year"
    )
}

/// The speaker phrase before a reporting verb at the start of `seg`: a name, pronoun or
/// description, optionally followed by an appositive or parenthesis.
pub(super) fn subject_phrase(ctx: &Ctx, seg: &[usize], cue: Option<&str>) -> Option<Found> {
    let parts = split_parts(ctx, seg);
    let head = parts.first()?;
    if head.len() > 10 {
        return None;
    }
    // "Lazar, Song wrote": a name right before the verb is its subject.
    if let Some(last) = parts.last().filter(|p| parts.len() > 1 && p.len() <= 5) {
        let named = last.iter().all(|&i| ctx.is_name_word(i));
        if named && is_capitalized(ctx.text(last[last.len() - 1])) {
            return Some(ctx.found(Who::Name, last[0], last[last.len() - 1], cue));
        }
    }
    if let Some(f) = head_phrase(ctx, head, cue) {
        if f.who != Who::Unnamed {
            return Some(f);
        }
        // "the chair of the DNC, Donna Brazile, said"
        if let Some(app) = parts
            .get(1)
            .filter(|p| p.iter().all(|&i| ctx.is_name_word(i)))
        {
            return Some(ctx.found(Who::Name, app[0], app[app.len() - 1], cue));
        }
        return Some(f);
    }
    None
}

/// Splits a phrase at commas; parenthesised tokens are dropped.
fn split_parts(ctx: &Ctx, seg: &[usize]) -> Vec<Vec<usize>> {
    let mut parts = vec![Vec::new()];
    let mut depth = 0;
    for &i in seg {
        match ctx.text(i) {
            "(" if !ctx.is_word(i) => depth += 1,
            ")" if !ctx.is_word(i) => depth = (depth - 1).max(0),
            "," if !ctx.is_word(i) && depth == 0 => parts.push(Vec::new()),
            _ if depth == 0 => parts.last_mut().expect("never empty").push(i),
            _ => {}
        }
    }
    parts.retain(|p| !p.is_empty());
    parts
}

/// Classifies the head of a speaker phrase: cut at the first preposition, then a trailing
/// run of name words is a name; a pronoun is a pronoun; lowercase words are a description.
fn head_phrase(ctx: &Ctx, head: &[usize], cue: Option<&str>) -> Option<Found> {
    if head
        .iter()
        .any(|&i| !ctx.is_word(i) && !ctx.is_punct(i, "-"))
    {
        return None;
    }
    if let [one] = head {
        if let Some(gender) = pronoun(&ctx.lower(*one)) {
            let relative = ctx.lower(*one) == "who";
            return Some(ctx.found(Who::Pronoun { gender, relative }, *one, *one, cue));
        }
    }
    let cut = head
        .iter()
        .skip(1)
        .position(|&i| is_preposition(ctx.text(i)))
        .map_or(head.len(), |p| p + 1);
    let head = &head[..cut];
    let last = *head.last()?;
    let run = head
        .iter()
        .rev()
        .take_while(|&&i| ctx.is_name_word(i))
        .count();
    if run > 0 && is_capitalized(ctx.text(last)) && !is_title(ctx.text(last)) {
        let first = head[head.len() - run];
        return Some(ctx.found(Who::Name, first, last, cue));
    }
    if pronoun(&ctx.lower(head[0])).is_some() || head.len() > 5 {
        return None;
    }
    Some(ctx.found(Who::Unnamed, head[0], last, cue))
}

/// The speaker phrase after a reporting verb: `said X`, `said the Rev. X, a pastor`.
pub(super) fn phrase_forward(ctx: &Ctx, w: &[usize], cue: &str) -> Option<Found> {
    let mut head = Vec::new();
    for &i in w.iter().take(10) {
        let lower = ctx.lower(i);
        if !ctx.is_word(i) {
            // "said 9/11 widow Terry Strada": slashes and hyphens do not end the phrase.
            if matches!(ctx.text(i), "/" | "-" | "&") {
                continue;
            }
            break;
        }
        if (!head.is_empty() && is_preposition(&lower)) || cue_lemma(&lower).is_some() {
            break;
        }
        head.push(i);
    }
    let f = head_phrase(ctx, &head, Some(cue))?;
    let first_lower = ctx.lower(head[0]);
    let ok = f.who != Who::Unnamed || is_determiner(&first_lower) || head.len() == 1;
    ok.then_some(f)
}

/// The subject before a reporting verb at the end of `w`: `X said`, `X, <aside>, said`,
/// `X also said`.
pub(super) fn subject_before(ctx: &Ctx, w: &[usize], cue: &str) -> Option<Found> {
    let mut w = trim_adverbs(ctx, w);
    // "Gov. Pat McCrory (R) said": skip a parenthesis.
    if w.last().is_some_and(|&i| ctx.is_punct(i, ")")) {
        let open = w.iter().rposition(|&i| ctx.is_punct(i, "("))?;
        w = &w[..open];
    }
    match skip_asides(ctx, w) {
        Ok(rest) => w = strip_parenthesis(ctx, rest),
        Err(named) => {
            return named.map(|(first, last)| ctx.found(Who::Name, first, last, Some(cue)))
        }
    }
    let &last = w.last()?;
    if !ctx.is_word(last) {
        return None;
    }
    let lower = ctx.lower(last);
    if let Some(gender) = pronoun(&lower) {
        let relative = lower == "who";
        // "anybody who complains" is no attribution; "Clinton, who said" is.
        let after_comma = w.len() >= 2 && ctx.is_punct(w[w.len() - 2], ",");
        if relative && !after_comma {
            return None;
        }
        return Some(ctx.found(Who::Pronoun { gender, relative }, last, last, Some(cue)));
    }
    let text = ctx.text(last);
    let run = w.iter().rev().take_while(|&&i| ctx.is_name_word(i)).count();
    if run > 0 && is_capitalized(text) && !is_title(text) && !is_possessive(text) {
        if let Some(f) = prepositional_head(ctx, w, w.len() - run, cue) {
            return Some(f);
        }
        let first = w[w.len() - run];
        return Some(ctx.found(Who::Name, first, last, Some(cue)));
    }
    name_before_phrase(ctx, w, cue).or_else(|| described_subject(ctx, w, cue))
}

/// `Trump in his announcement speech called …`, `Clinton in a statement said …`: a name
/// followed by a short prepositional phrase of lowercase words before the verb.
fn name_before_phrase(ctx: &Ctx, w: &[usize], cue: &str) -> Option<Found> {
    let n = w.len();
    for back in 1..=n.min(6) {
        let i = w[n - back];
        if !ctx.is_word(i) || is_capitalized(ctx.text(i)) {
            return None;
        }
        let lower = ctx.lower(i);
        if matches!(
            lower.as_ref(),
            "in" | "at" | "during" | "on" | "with" | "after"
        ) {
            let &name = w.get((n - back).checked_sub(1)?)?;
            let run = w[..n - back]
                .iter()
                .rev()
                .take_while(|&&j| ctx.is_name_word(j))
                .count();
            let text = ctx.text(name);
            let ok = run > 0 && is_capitalized(text) && !is_possessive(text);
            return ok.then(|| ctx.found(Who::Name, w[n - back - run], name, Some(cue)));
        }
    }
    None
}

/// A name that ends a prepositional chain is not the subject: "Archbishop Aris Shirvanian
/// of the Armenian Patriarchate of Jerusalem told", "a spokesman for Sen. Ted Cruz said",
/// "Anthony Anton, president and CEO of Washington Restaurant Association stated". Returns
/// the head of the chain (a name, or an unnamed description), or `None` when the name at
/// `run_start` follows no preposition.
fn prepositional_head(ctx: &Ctx, w: &[usize], run_start: usize, cue: &str) -> Option<Found> {
    let is_prep = |j: usize| {
        ctx.is_word(w[j]) && !is_capitalized(ctx.text(w[j])) && is_preposition(ctx.text(w[j]))
    };
    let mut p = run_start.checked_sub(1).filter(|&j| is_prep(j))?;
    // "… Relations National Executive Director Nihad Awad says": a title inside the run
    // introduces the speaker.
    if w[run_start + 1..].iter().any(|&i| is_title(ctx.text(i)))
        && !is_title(ctx.text(w[run_start]))
    {
        return None;
    }
    // Walk back over "the Armenian Patriarchate of" links to the first preposition.
    loop {
        let mut j = p;
        while j > 0 && (ctx.is_name_word(w[j - 1]) || is_determiner(&ctx.lower(w[j - 1]))) {
            j -= 1;
        }
        match j.checked_sub(1) {
            Some(q) if is_prep(q) && j < p => p = q,
            _ => break,
        }
    }
    let head_end = p.checked_sub(1)?;
    let h = w[head_end];
    if !ctx.is_word(h) {
        return None;
    }
    if is_capitalized(ctx.text(h)) && ctx.is_name_word(h) {
        let run = w[..=head_end]
            .iter()
            .rev()
            .take_while(|&&i| ctx.is_name_word(i))
            .count();
        return Some(ctx.found(Who::Name, w[head_end + 1 - run], h, Some(cue)));
    }
    // "X, president and CEO of …": the name before the comma.
    let Some(comma) = w[..head_end].iter().rposition(|&i| ctx.is_punct(i, ",")) else {
        return described_subject(ctx, &w[..=head_end], cue);
    };
    if head_end - comma > 5 || comma == 0 {
        return described_subject(ctx, &w[..=head_end], cue);
    }
    let run = w[..comma]
        .iter()
        .rev()
        .take_while(|&&i| ctx.is_name_word(i))
        .count();
    if run == 0 || !is_capitalized(ctx.text(w[comma - 1])) {
        return described_subject(ctx, &w[..=head_end], cue);
    }
    Some(ctx.found(Who::Name, w[comma - run], w[comma - 1], Some(cue)))
}

/// `w` without a parenthesis at its end ("Sen. Ted Cruz (R-Texas)").
fn strip_parenthesis<'w>(ctx: &Ctx, w: &'w [usize]) -> &'w [usize] {
    if w.last().is_some_and(|&i| ctx.is_punct(i, ")")) {
        if let Some(open) = w.iter().rposition(|&i| ctx.is_punct(i, "(")) {
            return &w[..open];
        }
    }
    w
}

pub(super) fn is_possessive(word: &str) -> bool {
    word.ends_with("’s") || word.ends_with("'s")
}

/// A lowercase subject ("the spokesman said", "officials said"): up to four words back to
/// a determiner, or a single plural noun at the start of the sentence.
fn described_subject(ctx: &Ctx, w: &[usize], cue: &str) -> Option<Found> {
    let n = w.len();
    for back in 1..=n.min(4) {
        let i = w[n - back];
        if !ctx.is_word(i) {
            return None;
        }
        let lower = ctx.lower(i);
        if is_determiner(&lower) {
            // A determiner needs its noun ("the spokesman", not "a").
            return (back > 1).then(|| ctx.found(Who::Unnamed, i, w[n - 1], Some(cue)));
        }
        if back == n && lower.ends_with('s') {
            return Some(ctx.found(Who::Unnamed, i, w[n - 1], Some(cue)));
        }
    }
    None
}

/// `X's warnings of “…”`: a possessive name up to three words before a reporting noun.
pub(super) fn possessive_before(ctx: &Ctx, w: &[usize], noun: &str) -> Option<Found> {
    for back in 1..=w.len().min(3) {
        let i = w[w.len() - back];
        let t = ctx.text(i);
        let stem = t.strip_suffix("’s").or_else(|| t.strip_suffix("'s"));
        if let Some(stem) = stem.filter(|s| is_capitalized(s)) {
            let start = ctx.toks[i].start;
            let run = w[..w.len() - back]
                .iter()
                .rev()
                .take_while(|&&j| ctx.is_name_word(j))
                .count();
            let first = w[w.len() - back - run];
            return Some(Found {
                who: Who::Name,
                start: if run > 0 {
                    ctx.toks[first].start
                } else {
                    start
                },
                end: start + stem.len(),
                cue: Some(noun.to_string()),
                clause_end: None,
            });
        }
    }
    None
}

/// Skips the asides between a subject and its verb (`X, <aside>, said`). `Err` carries the
/// speaker when the aside itself is a name ("Another critic, Laurence H. Tribe, likened"),
/// or `None` when the aside never opens.
fn skip_asides<'w>(ctx: &Ctx, mut w: &'w [usize]) -> Result<&'w [usize], Option<(usize, usize)>> {
    if let Some((&last, rest)) = w.split_last() {
        if ctx.is_punct(last, ",") {
            // Skip the aside back to its opening comma; an aside that is a name is the
            // speaker ("Another critic, Laurence H. Tribe, likened …").
            let Some(comma) = rest.iter().rposition(|&i| ctx.is_punct(i, ",")) else {
                return Err(None);
            };
            // "…, Gov. John Kasich (R-OH), said": a parenthesis inside the aside drops out.
            let mut aside = &rest[comma + 1..];
            if aside.last().is_some_and(|&i| ctx.is_punct(i, ")")) {
                let open = aside
                    .iter()
                    .rposition(|&i| ctx.is_punct(i, "("))
                    .unwrap_or(0);
                aside = &aside[..open];
            }
            // A place ("in Columbus, Ohio, said") is no speaker.
            let place = aside
                .iter()
                .all(|&i| ctx.toks[i].entity == Some(EntityKind::Place));
            let named = !aside.is_empty() && aside.len() <= 6 && !place;
            if named && aside.iter().all(|&i| ctx.is_name_word(i)) {
                let (first, last) = (aside[0], aside[aside.len() - 1]);
                return Err(Some((first, last)));
            }
            w = &rest[..comma];
            // "Michael Mulgrew, president of the …, which represents …, said": drop
            // further asides that open with a lowercase word.
            for _ in 0..2 {
                let Some(c) = w.iter().rposition(|&i| ctx.is_punct(i, ",")) else {
                    break;
                };
                let opens_lower = w.get(c + 1).is_some_and(|&i| {
                    ctx.is_word(i)
                        && !is_capitalized(ctx.text(i))
                        && pronoun(&ctx.lower(i)).is_none()
                });
                if !opens_lower {
                    break;
                }
                w = &w[..c];
            }
        }
    }
    Ok(w)
}
