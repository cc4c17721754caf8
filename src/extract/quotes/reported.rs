//! Reported speech: sentences without quotation marks that report what someone said.
//!
//! Shapes: `Roe said (on Monday) (that) the talks had failed.` · `Roe told reporters
//! (that) …` · `According to Roe, the talks failed.` · `The talks failed, according to
//! Roe.` · `The talks failed, Roe said.` The content is the reported clause; the speaker
//! phrase and cue come from the same attribution code as direct quotations
//! ([`attribute::before`], [`attribute::closing_clause`]). Only sentences with no
//! quotation mark are read, and the content must have at least four words.

use super::attribute::{self, Ctx, Found};
use super::tokens::Kind;

/// Reporting verbs (lemmas) that introduce reported speech.
const REPORTING: &[&str] = &[
    "say",
    "tell",
    "add",
    "claim",
    "argue",
    "insist",
    "warn",
    "note",
    "explain",
    "state",
    "announce",
    "suggest",
    "acknowledge",
    "admit",
    "deny",
    "report",
    "write",
    "predict",
    "contend",
    "assert",
    "maintain",
    "reply",
    "respond",
    "confirm",
    "testify",
    "allege",
    "promise",
    "vow",
    "declare",
    "recall",
    "concede",
    "stress",
    "emphasize",
    "indicate",
    "reveal",
    "complain",
    "boast",
    "caution",
    "estimate",
    "believe",
    "think",
    "tweet",
    "post",
    "agree",
    "counter",
    "point",
    "predict",
    "speculate",
    "charge",
    "accuse",
];

/// One reported statement: the content's byte range and its attribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reported {
    pub start: usize,
    pub end: usize,
    pub found: Found,
}

/// The reported statements of a tokenized body.
pub fn find(ctx: &Ctx) -> Vec<Reported> {
    let mut out = Vec::new();
    let mut s = 0;
    while s < ctx.toks.len() {
        let mut e = s;
        while e + 1 < ctx.toks.len()
            && ctx.toks[e + 1].para == ctx.toks[s].para
            && !ctx.is_sentence_end(e)
        {
            e += 1;
        }
        let sentence: Vec<usize> = (s..=e).collect();
        let marked = sentence.iter().any(|&i| ctx.toks[i].kind == Kind::Mark);
        if !marked {
            if let Some(r) = in_sentence(ctx, &sentence) {
                out.push(r);
            }
        }
        s = e + 1;
    }
    out
}

/// The reported statement of one sentence (token indices), if it has one.
fn in_sentence(ctx: &Ctx, w: &[usize]) -> Option<Reported> {
    let para_start = w[0] == 0 || ctx.toks[w[0] - 1].para != ctx.toks[w[0]].para;
    let end = if ctx.is_sentence_end(*w.last()?) {
        w.len() - 1
    } else {
        w.len()
    };
    // "According to Roe, the talks failed."
    if ctx.lower(w[0]) == "according" && w.len() > 3 && ctx.lower(w[1]) == "to" {
        let comma = (2..end).find(|&k| ctx.is_punct(w[k], ","))?;
        let found = attribute::before(ctx, &w[..=comma], para_start)?;
        return content(ctx, found, &w[comma + 1..end]);
    }
    // "The talks failed, Roe said." / "…, according to Roe."
    if let Some(r) = trailing(ctx, w, end) {
        return Some(r);
    }
    // "Roe said (on Monday) (that) the talks had failed." / "Roe left, saying the talks
    // had failed." (a participle only after a comma).
    let k = (1..end.min(25)).find(|&k| {
        let lemma = ctx.lowercase_cue_any(w[k]);
        let participle = ctx.lower(w[k]).ends_with("ing");
        lemma.is_some_and(|l| REPORTING.contains(&l))
            && (!participle || ctx.is_punct(w[k - 1], ","))
    })?;
    let that = (k + 1..end.min(k + 7)).find(|&j| ctx.lower(w[j]) == "that");
    let lead = that.unwrap_or(k);
    let told = ctx.lower(w[k]).starts_with("tel") || ctx.lower(w[k]) == "told";
    if that.is_none() && told {
        return None;
    }
    let found = attribute::before(ctx, &w[..=lead], para_start)?;
    found.cue.as_ref()?;
    content(ctx, found, &w[lead + 1..end])
}

/// `<content>, Roe said.` and `<content>, according to Roe.` at the end of the sentence.
fn trailing(ctx: &Ctx, w: &[usize], end: usize) -> Option<Reported> {
    let comma = (1..end).rev().take(8).find(|&k| ctx.is_punct(w[k], ","))?;
    let clause = &w[comma + 1..end];
    let first = *clause.first()?;
    if ctx.lower(first) == "according" {
        let found = attribute::before(ctx, clause, false)?;
        return content(ctx, found, &w[..comma]);
    }
    let has_cue = clause.iter().any(|&i| {
        ctx.lowercase_cue_any(i)
            .is_some_and(|l| REPORTING.contains(&l) && !ctx.lower(i).ends_with("ing"))
    });
    if !has_cue || clause.len() > 8 {
        return None;
    }
    let found = attribute::closing_clause(ctx, &w[comma..end])?;
    content(ctx, found, &w[..comma])
}

/// The statement with content `c` (tokens), when it has at least four words and a named,
/// pronoun or described speaker outside it.
fn content(ctx: &Ctx, found: Found, c: &[usize]) -> Option<Reported> {
    let words = c.iter().filter(|&&i| ctx.is_word(i)).count();
    let (&first, &last) = (c.first()?, c.last()?);
    let (start, end) = (ctx.toks[first].start, ctx.toks[last].end);
    let outside = found.end <= start || found.start >= end;
    (words >= 4 && outside).then_some(Reported { start, end, found })
}
