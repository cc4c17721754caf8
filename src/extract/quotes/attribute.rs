//! Finding who speaks a quotation from the words around it.
//!
//! After the closing mark: `“…,” X said.` · `“…,” said X.` · `“…,” X, the <role>, said.` ·
//! `“…,” <role> X said.` Before the opening mark, within the sentence: `X said: “…”` ·
//! `X said that “…”` · `X told reporters, “…”` · `X, <aside>, urged … not to “…”` ·
//! `X's warnings of “…”` · `according to X, “…”` · `X: “…”` at the start of a paragraph.
//! The speaker phrase is classified as a name (capitalised words), a pronoun, or an unnamed
//! description ("the spokesman"); resolution to a canonical person happens in the caller.

use super::lexicon::{
    cue_lemma, is_adverb, is_cue_noun, is_determiner, is_participle, is_preposition, pronoun,
    Gender,
};
use super::tokens::{Kind, Tok};
use crate::extract::names::{is_capitalized, is_title};

/// How a speaker phrase names its speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// Capitalised name words (titles included; the caller strips them).
    Name,
    /// A personal pronoun with its gender when it has one; `relative` for "who".
    Pronoun {
        gender: Option<Gender>,
        relative: bool,
    },
    /// A description without a name ("the spokesman", "officials").
    Unnamed,
}

/// A speaker phrase found next to a quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub who: Who,
    /// Byte range of the speaker phrase in the body.
    pub start: usize,
    pub end: usize,
    /// Lemma of the reporting verb, or the reporting noun.
    pub cue: Option<String>,
    /// Index of the last token of the attribution clause after the quotation (post
    /// patterns only), used to join `“…,” X said. “…”` into one quotation.
    pub clause_end: Option<usize>,
}

/// Words that start a subordinate clause, never a speaker phrase.
fn is_subordinator(lower: &str) -> bool {
    matches!(
        lower,
        "when"
            | "as"
            | "while"
            | "because"
            | "if"
            | "and"
            | "but"
            | "or"
            | "after"
            | "before"
            | "since"
            | "that"
            | "where"
            | "although"
            | "though"
            | "until"
            | "so"
            | "than"
            | "which"
            | "whether"
            | "what"
            | "how"
            | "why"
            | "for"
            | "in"
            | "on"
            | "at"
    )
}

/// The body and its tokens, with helpers to look at one token.
pub struct Ctx<'a> {
    pub body: &'a str,
    pub toks: &'a [Tok],
}

impl<'a> Ctx<'a> {
    fn text(&self, i: usize) -> &'a str {
        &self.body[self.toks[i].start..self.toks[i].end]
    }

    fn lower(&self, i: usize) -> String {
        self.text(i).to_lowercase()
    }

    fn is_word(&self, i: usize) -> bool {
        self.toks[i].kind == Kind::Word
    }

    fn is_punct(&self, i: usize, p: &str) -> bool {
        self.toks[i].kind != Kind::Word && self.text(i) == p
    }

    fn is_sentence_end(&self, i: usize) -> bool {
        self.toks[i].kind == Kind::Punct && matches!(self.text(i), "." | "!" | "?")
    }

    /// A verb cue (not a participle) at token `i`.
    fn verb_cue(&self, i: usize) -> Option<&'static str> {
        let lower = self.lower(i);
        cue_lemma(&lower).filter(|_| !is_participle(&lower))
    }

    /// A capitalised name word, a title, an initial or a name particle.
    fn is_name_word(&self, i: usize) -> bool {
        if !self.is_word(i) {
            return false;
        }
        let t = self.text(i);
        is_capitalized(t)
            || is_title(t)
            || matches!(
                t,
                "de" | "van" | "von" | "bin" | "al" | "da" | "di" | "del" | "der" | "la" | "le"
            )
    }

    fn span(&self, first: usize, last: usize) -> (usize, usize) {
        (self.toks[first].start, self.toks[last].end)
    }

    fn found(&self, who: Who, first: usize, last: usize, cue: Option<&str>) -> Found {
        let (start, end) = self.span(first, last);
        Found {
            who,
            start,
            end,
            cue: cue.map(str::to_string),
            clause_end: None,
        }
    }
}

/// The tokens after a closing mark, up to the end of the sentence or the next quotation
/// (which is not included), within the paragraph. Returns the window and whether it
/// stopped at the opening mark of another quotation.
pub fn window_after(ctx: &Ctx, close: usize, opens: &[bool]) -> Vec<usize> {
    let para = ctx.toks[close].para;
    let mut out = Vec::new();
    let stop = ctx.toks.len().min(close + 40);
    for (i, t) in ctx.toks.iter().enumerate().take(stop).skip(close + 1) {
        if t.para != para || opens[i] || t.quoted {
            break;
        }
        out.push(i);
        if ctx.is_sentence_end(i) {
            break;
        }
    }
    out
}

/// The tokens before an opening mark back to the start of the sentence, skipping quoted
/// content, in text order.
pub fn window_before(ctx: &Ctx, open: usize, closes_sentence: &[bool]) -> Vec<usize> {
    let para = ctx.toks[open].para;
    let mut out = Vec::new();
    let mut i = open;
    while i > 0 && out.len() < 60 {
        i -= 1;
        let t = &ctx.toks[i];
        if t.para != para || closes_sentence[i] || (!t.quoted && ctx.is_sentence_end(i)) {
            break;
        }
        if !t.quoted && t.kind != Kind::Mark {
            out.push(i);
        }
    }
    out.reverse();
    out
}

/// Attribution after the quotation: `“…,” X said` or `“…,” said X`.
pub fn after(ctx: &Ctx, w: &[usize]) -> Option<Found> {
    let skip = w.iter().take_while(|&&i| ctx.is_punct(i, ",")).count();
    let w = &w[skip..];
    let first = *w.first()?;
    let clause_end = w.last().copied();
    let mut found = if let Some(cue) = ctx.verb_cue(first) {
        phrase_forward(ctx, &w[1..], cue)?
    } else {
        let k = (0..w.len().min(24)).find(|&k| ctx.verb_cue(w[k]).is_some())?;
        let lower = ctx.lower(first);
        if ctx.is_word(first) && !is_capitalized(ctx.text(first)) && is_subordinator(&lower) {
            return None;
        }
        let cue = ctx.verb_cue(w[k]);
        let subject = trim_adverbs(ctx, &w[..k]);
        let found = subject_phrase(ctx, subject, cue)?;
        // "said X" after the subject means the subject was something else.
        found
    };
    found.clause_end = clause_end;
    Some(found)
}

/// Attribution before the quotation, within its sentence.
pub fn before(ctx: &Ctx, w: &[usize], para_start: bool) -> Option<Found> {
    if let Some(f) = colon_speaker(ctx, w, para_start) {
        return Some(f);
    }
    for k in (0..w.len()).rev() {
        let lower = ctx.lower(w[k]);
        if lower == "according" && k + 2 < w.len() && ctx.lower(w[k + 1]) == "to" {
            if let Some(f) = phrase_forward(ctx, &w[k + 2..], "according to") {
                return Some(f);
            }
        }
        if is_cue_noun(&lower) {
            if let Some(f) = possessive_before(ctx, &w[..k], &lower) {
                return Some(f);
            }
        }
        let Some(cue) = ctx.verb_cue(w[k]) else {
            continue;
        };
        if let Some(f) = subject_before(ctx, &w[..k], cue) {
            return Some(f);
        }
    }
    None
}

/// `X: “…”` at the start of a paragraph.
fn colon_speaker(ctx: &Ctx, w: &[usize], para_start: bool) -> Option<Found> {
    let (&last, rest) = w.split_last()?;
    if !para_start || !ctx.is_punct(last, ":") || rest.is_empty() || rest.len() > 6 {
        return None;
    }
    if rest.iter().all(|&i| ctx.is_name_word(i)) {
        return Some(ctx.found(Who::Name, rest[0], rest[rest.len() - 1], None));
    }
    None
}

fn trim_adverbs<'w>(ctx: &Ctx, mut seg: &'w [usize]) -> &'w [usize] {
    while let Some((&last, rest)) = seg.split_last() {
        if ctx.is_word(last) && is_adverb(&ctx.lower(last)) {
            seg = rest;
        } else {
            break;
        }
    }
    seg
}

/// The speaker phrase before a reporting verb at the start of `seg`: a name, pronoun or
/// description, optionally followed by an appositive or parenthesis.
fn subject_phrase(ctx: &Ctx, seg: &[usize], cue: Option<&str>) -> Option<Found> {
    let parts = split_parts(ctx, seg);
    let head = parts.first()?;
    if head.len() > 10 {
        return None;
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
    if is_capitalized(ctx.text(last)) && !is_title(ctx.text(last)) {
        let run = head
            .iter()
            .rev()
            .take_while(|&&i| ctx.is_name_word(i))
            .count();
        let first = head[head.len() - run];
        return Some(ctx.found(Who::Name, first, last, cue));
    }
    if pronoun(&ctx.lower(head[0])).is_some() || head.len() > 5 {
        return None;
    }
    Some(ctx.found(Who::Unnamed, head[0], last, cue))
}

/// The speaker phrase after a reporting verb: `said X`, `said the Rev. X, a pastor`.
fn phrase_forward(ctx: &Ctx, w: &[usize], cue: &str) -> Option<Found> {
    let mut head = Vec::new();
    for &i in w.iter().take(8) {
        let lower = ctx.lower(i);
        let stop = !ctx.is_word(i)
            || (!head.is_empty() && is_preposition(&lower))
            || cue_lemma(&lower).is_some();
        if stop {
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
fn subject_before(ctx: &Ctx, w: &[usize], cue: &str) -> Option<Found> {
    let mut w = trim_adverbs(ctx, w);
    if let Some((&last, rest)) = w.split_last() {
        if ctx.is_punct(last, ",") {
            // Skip the aside back to its opening comma.
            let comma = rest.iter().rposition(|&i| ctx.is_punct(i, ","))?;
            w = &rest[..comma];
        }
    }
    let &last = w.last()?;
    if !ctx.is_word(last) {
        return None;
    }
    if let Some(gender) = pronoun(&ctx.lower(last)) {
        let relative = ctx.lower(last) == "who";
        return Some(ctx.found(Who::Pronoun { gender, relative }, last, last, Some(cue)));
    }
    if is_capitalized(ctx.text(last)) && !is_title(ctx.text(last)) {
        let run = w.iter().rev().take_while(|&&i| ctx.is_name_word(i)).count();
        let first = w[w.len() - run];
        return Some(ctx.found(Who::Name, first, last, Some(cue)));
    }
    described_subject(ctx, w, cue)
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
            return Some(ctx.found(Who::Unnamed, i, w[n - 1], Some(cue)));
        }
        if back == n && lower.ends_with('s') {
            return Some(ctx.found(Who::Unnamed, i, w[n - 1], Some(cue)));
        }
    }
    None
}

/// `X's warnings of “…”`: a possessive name up to three words before a reporting noun.
fn possessive_before(ctx: &Ctx, w: &[usize], noun: &str) -> Option<Found> {
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
