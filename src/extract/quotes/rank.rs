//! Learnt speaker choice: a linear ranker over the candidate speakers of one quotation.
//!
//! The rules of `super::attribute` propose at most one speaker phrase per quotation and
//! the grouping step may let a quotation inherit the previous one's speaker. The ranker
//! reconsiders that choice among every person and organisation mention and every subject
//! pronoun outside quotations in a window around the quotation (from the start of the
//! previous paragraph to the end of the sentence after it), the previous quotation's
//! speaker, and "nobody". Each candidate gets hashed binary features (side, distance,
//! sentences and paragraphs between, a reporting verb right after or before it, an
//! appositive before the verb, punctuation between it and the marks, entity kind, pronoun,
//! whether the rules chose it, the quotation's shape); the highest-scoring one wins. The
//! weights are an averaged perceptron trained on PolNeAR train (`train_quotes` example,
//! `train` feature); `model.bin` holds them, compiled into the binary.

use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

use rustc_hash::FxHasher;

use super::attribute::{Ctx, Found, Who};
use super::lexicon::{is_adverb, is_preposition, pronoun, Gender};
use super::tokens::Kind;
use crate::extract::{Entity, EntityKind};

/// Number of hashed feature weights.
pub const DIM: usize = 1 << 15;

/// The shipped weights: `DIM` little-endian `f32`s.
static SHIPPED: &[u8] = include_bytes!("model.bin");

/// Weights of the ranker.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// One weight per hashed feature slot.
    pub weights: Vec<f32>,
}

impl Model {
    /// The model compiled into the binary (all zeros when the file is missing or short,
    /// which makes the rules' choice win every tie).
    pub fn shipped() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| Model::from_bytes(SHIPPED))
    }

    /// Decodes `DIM` little-endian `f32`s; missing weights are zero.
    pub fn from_bytes(bytes: &[u8]) -> Model {
        let mut weights = vec![0.0; DIM];
        for (w, c) in weights.iter_mut().zip(bytes.chunks_exact(4)) {
            *w = f32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        }
        Model { weights }
    }

    /// The weights as `DIM` little-endian `f32`s.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.weights.iter().flat_map(|w| w.to_le_bytes()).collect()
    }

    /// The score of a candidate: the sum of its feature weights.
    pub fn score(&self, c: &Cand) -> f32 {
        c.feats.iter().map(|&f| self.weights[f as usize]).sum()
    }

    /// Index of the best candidate; ties go to the earliest (the rules' choice comes
    /// first).
    pub fn choose(&self, cands: &[Cand]) -> usize {
        let mut best = 0;
        let mut top = f32::NEG_INFINITY;
        for (i, c) in cands.iter().enumerate() {
            let s = self.score(c);
            if s > top {
                top = s;
                best = i;
            }
        }
        best
    }
}

/// How speakers are chosen.
#[derive(Debug, Clone, Copy)]
pub enum Attribution<'a> {
    /// The rules alone (the pre-ranker behaviour; kept to measure the ranker against).
    Rules,
    /// The ranker with these weights.
    Learnt(&'a Model),
}

/// One candidate speaker of a quotation.
#[derive(Debug, Clone, PartialEq)]
pub struct Cand {
    /// Byte range of the mention (empty for "nobody").
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// The rules chose this phrase.
    pub rule: bool,
    /// The previous quotation's speaker phrase.
    pub previous: bool,
    /// "Nobody": the quotation keeps no speaker.
    pub null: bool,
    /// Kind of the tagger entity it is, if any.
    pub entity: Option<EntityKind>,
    /// Gender of a subject pronoun (`Some(None)`: they, I, we, it).
    pub pronoun: Option<Option<Gender>>,
    /// Hashed feature indices.
    pub feats: Vec<u32>,
}

impl Cand {
    /// A mention candidate over `start..end` with no flags and no features yet.
    pub fn new(start: usize, end: usize) -> Cand {
        Cand {
            start,
            end,
            rule: false,
            previous: false,
            null: false,
            entity: None,
            pronoun: None,
            feats: Vec::new(),
        }
    }
}

/// What the ranker needs to know about one quotation.
pub struct View<'a> {
    /// Opening mark token of the first piece and closing mark token of the last.
    pub open: usize,
    /// Closing mark token of the last piece.
    pub close: usize,
    /// Quoted text of the first piece (its shape is a feature).
    pub content: &'a str,
    /// The rules' speaker phrase.
    pub rule: Option<&'a Found>,
    /// The rules let this quotation inherit the previous speaker.
    pub inherited: bool,
    /// The speaker phrase of the previous quotation and that quotation's closing token.
    pub previous: Option<(&'a Found, usize)>,
    /// Running counts over the body's tokens.
    pub counts: &'a Counts,
}

/// What the chosen candidate means for the quotation.
#[derive(Debug, Clone, PartialEq)]
pub enum Choice {
    /// No speaker.
    Nobody,
    /// The previous quotation's speaker.
    Previous,
    /// This speaker phrase.
    Phrase(Found),
}

/// The choice a candidate stands for.
pub fn choice(ctx: &Ctx, c: &Cand, rule: Option<&Found>) -> Choice {
    if c.null {
        return Choice::Nobody;
    }
    if let Some(f) = rule.filter(|_| c.rule) {
        // A phrase the rules call a description but the tagger a name ("Amy Pope, deputy
        // adviser, said") speaks as the name.
        let mut f = f.clone();
        if f.who == Who::Unnamed && c.entity.is_some() {
            f.who = Who::Name;
        }
        return Choice::Phrase(f);
    }
    if c.previous {
        return Choice::Previous;
    }
    let who = match c.pronoun {
        Some(gender) => Who::Pronoun {
            gender,
            relative: false,
        },
        None => Who::Name,
    };
    let last = ctx
        .toks
        .partition_point(|t| t.start < c.end)
        .saturating_sub(1);
    Choice::Phrase(Found {
        who,
        start: c.start,
        end: c.end,
        cue: cue_after(ctx, last).map(str::to_string),
        clause_end: None,
    })
}

/// The candidates of one quotation, with features; the rules' choice first.
pub fn candidates(ctx: &Ctx, q: &View, entities: &[Entity]) -> Vec<Cand> {
    let (lo, hi) = window(ctx, q.open, q.close);
    let mut out: Vec<Cand> = Vec::new();
    let add = |out: &mut Vec<Cand>, start: usize, end: usize| -> usize {
        if let Some(i) = out.iter().position(|c| c.start < end && start < c.end) {
            return i;
        }
        out.push(Cand::new(start, end));
        out.len() - 1
    };
    if let Some(f) = q.rule {
        let i = add(&mut out, f.start, f.end);
        out[i].rule = true;
    }
    if let Some((f, _)) = q.previous.filter(|(f, _)| f.who != Who::Unnamed) {
        let i = add(&mut out, f.start, f.end);
        out[i].previous = true;
    }
    let (from, to) = (ctx.toks[lo].start, ctx.toks[hi].end);
    let first = entities.partition_point(|e| e.start < from);
    for e in entities[first..].iter().take_while(|e| e.start < to) {
        let tok = ctx.toks.partition_point(|t| t.start < e.start);
        let outside = ctx.toks.get(tok).is_some_and(|t| !t.quoted);
        if e.kind != EntityKind::Place && outside {
            let i = add(&mut out, e.start, e.end);
            out[i].entity = out[i].entity.or(Some(e.kind));
        }
    }
    for i in lo..=hi {
        let t = &ctx.toks[i];
        if t.quoted || t.kind != Kind::Word {
            continue;
        }
        // Subject pronouns have at most four letters.
        if t.end - t.start > 4 {
            continue;
        }
        let speaker_pronoun = lower_of(ctx, i, |lower| {
            pronoun(lower).filter(|_| !matches!(lower, "who" | "which" | "you"))
        });
        if let Some(g) = speaker_pronoun {
            let k = add(&mut out, t.start, t.end);
            out[k].pronoun = Some(g);
        }
    }
    out.push(Cand {
        null: true,
        ..Cand::new(0, 0)
    });
    let n = out.len();
    for c in &mut out {
        c.feats = features(ctx, q, c, n);
    }
    out
}

/// Token range searched for candidates: back to the start of the previous paragraph (at
/// most 80 tokens), forward to the end of the sentence after the quotation (at most 40).
fn window(ctx: &Ctx, open: usize, close: usize) -> (usize, usize) {
    let para = ctx.toks[open].para;
    let mut start = open;
    while start > 0 && ctx.toks[start - 1].para == para {
        start -= 1;
    }
    // Paragraph numbers count line breaks: the previous paragraph is the one of the
    // last token before this paragraph, however many blank lines stand between.
    let prev_para = start.checked_sub(1).map_or(para, |i| ctx.toks[i].para);
    let mut lo = open;
    while lo > 0 && open - lo < 80 && ctx.toks[lo - 1].para >= prev_para {
        lo -= 1;
    }
    let mut hi = close;
    let end_para = ctx.toks[close].para;
    while hi + 1 < ctx.toks.len() && hi - close < 40 && ctx.toks[hi + 1].para == end_para {
        hi += 1;
        if !ctx.toks[hi].quoted && ctx.is_sentence_end(hi) {
            break;
        }
    }
    (lo, hi)
}

/// `f` of the lowercase text of token `i`, without allocating for short ASCII words.
fn lower_of<R>(ctx: &Ctx, i: usize, f: impl FnOnce(&str) -> R) -> R {
    crate::extract::names::with_lowercase(ctx.text(i), |bytes| {
        f(std::str::from_utf8(bytes).unwrap_or(""))
    })
}

/// Feature hash of a template number and its values.
fn fid(parts: &[&dyn HashPart]) -> u32 {
    let mut h = FxHasher::default();
    for p in parts {
        p.put(&mut h);
    }
    (h.finish() % DIM as u64) as u32
}

/// Something a feature is made of.
trait HashPart {
    fn put(&self, h: &mut FxHasher);
}

impl HashPart for u32 {
    fn put(&self, h: &mut FxHasher) {
        h.write_u32(*self);
    }
}

impl HashPart for &str {
    fn put(&self, h: &mut FxHasher) {
        self.hash(h);
    }
}

impl HashPart for bool {
    fn put(&self, h: &mut FxHasher) {
        h.write_u8(*self as u8);
    }
}

/// Coarse type of a candidate.
fn kind_of(c: &Cand) -> &'static str {
    match (c.null, c.rule, c.entity, c.pronoun) {
        (true, ..) => "null",
        (_, _, _, Some(Some(Gender::Male))) => "he",
        (_, _, _, Some(Some(Gender::Female))) => "she",
        (_, _, _, Some(None)) => "pron",
        (_, _, Some(EntityKind::Person), _) => "per",
        (_, _, Some(_), _) => "org",
        (_, true, None, None) => "rule-only",
        _ if c.previous => "prev-only",
        _ => "other",
    }
}

fn bucket(n: usize) -> u32 {
    match n {
        0 => 0,
        1 => 1,
        2 => 2,
        3..=4 => 3,
        5..=8 => 4,
        9..=16 => 5,
        17..=32 => 6,
        _ => 7,
    }
}

/// The features of one candidate.
fn features(ctx: &Ctx, q: &View, c: &Cand, n: usize) -> Vec<u32> {
    let k = kind_of(c);
    let rule_who = match q.rule.map(|f| f.who) {
        None => "none",
        Some(Who::Name) => "name",
        Some(Who::Pronoun { .. }) => "pronoun",
        Some(Who::Unnamed) => "unnamed",
    };
    let has_cue = q.rule.is_some_and(|f| f.cue.is_some());
    let shape = quote_shape(ctx, q);
    let mut f = vec![
        fid(&[&0u32, &k]),
        fid(&[&1u32, &k, &c.rule, &c.previous]),
        fid(&[&2u32, &k, &c.rule, &rule_who, &has_cue]),
        fid(&[&3u32, &k, &shape]),
        fid(&[&4u32, &c.rule, &shape]),
        fid(&[&5u32, &c.previous, &q.inherited, &rule_who]),
    ];
    if c.null {
        f.push(fid(&[&6u32, &rule_who, &has_cue, &q.inherited]));
        f.push(fid(&[&7u32, &bucket(n)]));
        f.push(fid(&[&8u32, &q.previous.is_some(), &shape]));
        return f;
    }
    if let Some(cue) = q.rule.filter(|_| c.rule).and_then(|r| r.cue.as_deref()) {
        f.push(fid(&[&9u32, &cue]));
    }
    mention_features(ctx, q, c, k, &mut f);
    f
}

/// The features of a mention candidate: where it stands and what surrounds it.
fn mention_features(ctx: &Ctx, q: &View, c: &Cand, k: &str, f: &mut Vec<u32>) {
    let first = ctx.toks.partition_point(|t| t.start < c.start);
    let last = ctx
        .toks
        .partition_point(|t| t.start < c.end)
        .saturating_sub(1)
        .max(first);
    let (side, gap) = if last < q.open {
        ("before", q.open - last)
    } else if first > q.close {
        ("after", first - q.close)
    } else {
        ("inside", 0)
    };
    let (a, b) = match side {
        "before" => (last, q.open),
        "after" => (q.close, first),
        _ => (first, first),
    };
    let between = q.counts.between(a, b);
    f.push(fid(&[&10u32, &k, &side, &bucket(gap)]));
    f.push(fid(&[
        &11u32,
        &k,
        &side,
        &bucket(between.sentences),
        &bucket(between.paras),
    ]));
    f.push(fid(&[
        &12u32,
        &side,
        &between.comma,
        &between.colon,
        &between.marks,
    ]));
    f.push(fid(&[&13u32, &k, &side, &bucket(between.words)]));
    f.push(fid(&[&14u32, &c.rule, &side, &bucket(between.sentences)]));
    let at = (side, gap, between.sentences);
    neighbour_features(ctx, (first, last), c, k, at, f);
}

/// Features of the words right around a mention: reporting verbs after or before it, an
/// appositive, "according to", a preposition, a possessive, a sentence start.
/// The third argument is (side, token gap, sentences between) of the mention.
fn neighbour_features(
    ctx: &Ctx,
    (first, last): (usize, usize),
    c: &Cand,
    k: &str,
    (side, gap, sentences): (&str, usize, usize),
    f: &mut Vec<u32>,
) {
    let after = cue_after(ctx, last);
    f.push(fid(&[&15u32, &side, &after.unwrap_or("-")]));
    f.push(fid(&[&16u32, &k, &side, &after.is_some()]));
    let appos = appositive_cue(ctx, last);
    f.push(fid(&[&17u32, &k, &side, &appos]));
    let inverted = first > 0 && ctx.lowercase_cue_any(first - 1).is_some();
    f.push(fid(&[&18u32, &k, &side, &inverted]));
    let (prep, to) = if first > 0 {
        lower_of(ctx, first - 1, |w| {
            (is_preposition(w) && w != "to", w == "to")
        })
    } else {
        (false, false)
    };
    let according = to && first > 1 && lower_of(ctx, first - 2, |w| w == "according");
    f.push(fid(&[&19u32, &k, &prep, &according]));
    let next = ctx.toks.get(last + 1).map(|t| &ctx.body[t.start..t.end]);
    let possessive = ctx.body[c.end..].starts_with(['’', '\'']);
    f.push(fid(&[&20u32, &k, &next.unwrap_or("$"), &possessive]));
    let starts_sentence = first == 0
        || ctx.toks[first - 1].para != ctx.toks[first].para
        || ctx.is_sentence_end(first - 1)
        || ctx.toks[first - 1].kind == Kind::Mark;
    f.push(fid(&[&21u32, &k, &side, &starts_sentence]));
    if let Some(cue) = after {
        f.push(fid(&[&22u32, &k, &side, &cue, &bucket(sentences)]));
    }
    f.push(fid(&[
        &23u32,
        &k,
        &side,
        &appos,
        &after.is_some(),
        &bucket(gap),
    ]));
}

/// The quotation's shape: how its text starts and ends and where it sits.
fn quote_shape(ctx: &Ctx, q: &View) -> &'static str {
    let content = q.content.trim_end();
    let partial = content.starts_with(char::is_lowercase);
    let opens_para = q.open == 0 || ctx.toks[q.open - 1].para != ctx.toks[q.open].para;
    let end = if content.ends_with(',') {
        ","
    } else if content.ends_with('.') {
        "."
    } else if content.ends_with(['?', '!']) {
        "?"
    } else {
        "-"
    };
    match (partial, opens_para, end) {
        (true, _, _) => "partial",
        (false, true, ".") => "para.",
        (false, true, ",") => "para,",
        (false, true, _) => "para?",
        (false, false, ".") => "mid.",
        (false, false, ",") => "mid,",
        _ => "mid?",
    }
}

/// Counts of what stands between two tokens (exclusive).
struct Between {
    words: usize,
    sentences: usize,
    paras: usize,
    comma: bool,
    colon: bool,
    marks: bool,
}

/// Running counts over the tokens of a body (entry `k` counts tokens `0..k`), so that
/// what stands between two tokens is known in constant time: words, sentence ends, commas
/// and colons outside quotations, quotation marks or quoted tokens, paragraph changes.
pub struct Counts {
    words: Vec<u32>,
    sentences: Vec<u32>,
    commas: Vec<u32>,
    colons: Vec<u32>,
    marks: Vec<u32>,
    paras: Vec<u32>,
}

impl Counts {
    /// One pass over the tokens.
    pub fn new(ctx: &Ctx) -> Counts {
        let n = ctx.toks.len() + 1;
        let mut c = Counts {
            words: Vec::with_capacity(n),
            sentences: Vec::with_capacity(n),
            commas: Vec::with_capacity(n),
            colons: Vec::with_capacity(n),
            marks: Vec::with_capacity(n),
            paras: Vec::with_capacity(n),
        };
        let mut run = [0u32; 6];
        for (i, t) in ctx.toks.iter().enumerate() {
            c.words.push(run[0]);
            c.sentences.push(run[1]);
            c.commas.push(run[2]);
            c.colons.push(run[3]);
            c.marks.push(run[4]);
            c.paras.push(run[5]);
            // Punctuation tokens that matter here are one byte long ("." "!" "?" "," ":").
            let byte = (t.end - t.start == 1).then(|| ctx.body.as_bytes()[t.start]);
            match (t.kind, byte) {
                _ if t.quoted => run[4] += 1,
                (Kind::Word, _) => run[0] += 1,
                (Kind::Mark, _) => run[4] += 1,
                (Kind::Punct, Some(b'.' | b'!' | b'?')) => run[1] += 1,
                (Kind::Punct, Some(b',')) => run[2] += 1,
                (Kind::Punct, Some(b':')) => run[3] += 1,
                (Kind::Punct, _) => {}
            }
            run[5] += u32::from(i > 0 && t.para != ctx.toks[i - 1].para);
        }
        for (v, r) in [
            (&mut c.words, run[0]),
            (&mut c.sentences, run[1]),
            (&mut c.commas, run[2]),
            (&mut c.colons, run[3]),
            (&mut c.marks, run[4]),
            (&mut c.paras, run[5]),
        ] {
            v.push(r);
        }
        c
    }

    /// What stands strictly between tokens `a` and `b` (`a <= b`); paragraph changes
    /// are counted over `a + 1..=b`.
    fn between(&self, a: usize, b: usize) -> Between {
        let sum = |v: &[u32], from: usize, to: usize| {
            if to > from {
                (v[to] - v[from]) as usize
            } else {
                0
            }
        };
        Between {
            words: sum(&self.words, a + 1, b),
            sentences: sum(&self.sentences, a + 1, b),
            paras: sum(&self.paras, a + 1, b + 1),
            comma: sum(&self.commas, a + 1, b) > 0,
            colon: sum(&self.colons, a + 1, b) > 0,
            marks: sum(&self.marks, a + 1, b) > 0,
        }
    }
}

/// A reporting verb right after token `last`, over adverbs and auxiliaries ("Smith also
/// said", "Smith has said").
fn cue_after(ctx: &Ctx, last: usize) -> Option<&'static str> {
    for i in last + 1..(last + 4).min(ctx.toks.len()) {
        if ctx.toks[i].kind != Kind::Word {
            return None;
        }
        if let Some(cue) = ctx.lowercase_cue_any(i) {
            return Some(cue);
        }
        let filler = lower_of(ctx, i, |lower| {
            is_adverb(lower)
                || matches!(
                    lower,
                    "has" | "had" | "have" | "would" | "will" | "later" | "then" | "also" | "was"
                )
        });
        if !filler {
            return None;
        }
    }
    None
}

/// `X, the <role>, said`: a comma after the mention, a second comma within 15 tokens,
/// then a reporting verb.
fn appositive_cue(ctx: &Ctx, last: usize) -> bool {
    if !ctx
        .toks
        .get(last + 1)
        .is_some_and(|_| ctx.is_punct(last + 1, ","))
    {
        return false;
    }
    let end = (last + 17).min(ctx.toks.len());
    (last + 2..end)
        .take_while(|&i| !ctx.toks[i].quoted && !ctx.is_sentence_end(i))
        .any(|i| ctx.is_punct(i, ",") && cue_after(ctx, i).is_some())
}

#[cfg(test)]
mod tests;
