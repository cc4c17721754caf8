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
use crate::extract::EntityKind;

mod fallback;
mod phrase;

pub use fallback::closing_clause;
use fallback::{
    colon_speaker, dash_name, inverted_cue, name_verb_lead_in, sentence_subject, short_clause,
    trim_auxiliaries,
};

use crate::extract::names::{is_capitalized, is_function_word, is_title};
use phrase::{
    is_possessive, phrase_forward, possessive_before, subject_before, subject_phrase, trim_adverbs,
};

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
    pub(crate) fn text(&self, i: usize) -> &'a str {
        &self.body[self.toks[i].start..self.toks[i].end]
    }

    /// The lowercase text of token `i`, borrowed when it is already lowercase ASCII.
    pub(crate) fn lower(&self, i: usize) -> std::borrow::Cow<'a, str> {
        let t = self.text(i);
        if t.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
            std::borrow::Cow::Borrowed(t)
        } else {
            std::borrow::Cow::Owned(t.to_lowercase())
        }
    }

    pub(crate) fn is_word(&self, i: usize) -> bool {
        self.toks[i].kind == Kind::Word
    }

    pub(crate) fn is_punct(&self, i: usize, p: &str) -> bool {
        self.toks[i].kind != Kind::Word && self.text(i) == p
    }

    pub fn is_sentence_end(&self, i: usize) -> bool {
        self.toks[i].kind == Kind::Punct && matches!(self.text(i), "." | "!" | "?")
    }

    /// A lowercase verb cue (participles included) at token `i`.
    pub(crate) fn lowercase_cue_any(&self, i: usize) -> Option<&'static str> {
        let t = self.text(i);
        if is_capitalized(t) {
            return None;
        }
        crate::extract::names::with_lowercase(t, |lower| {
            std::str::from_utf8(lower).ok().and_then(cue_lemma)
        })
    }

    /// A lowercase verb cue (not a participle) at token `i`.
    fn lowercase_cue(&self, i: usize) -> Option<&'static str> {
        self.lowercase_cue_any(i)
            .filter(|_| !is_participle(self.text(i)))
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
        let party_label = t.len() > 2 && t.as_bytes()[1] == b'-' && t.starts_with(['R', 'D', 'I']);
        if party_label {
            return false;
        }
        (is_capitalized(t) && !is_function_word(t))
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

/// The tokens after a closing mark, up to the end of the sentence (outside parentheses)
/// or the next quotation (not included), within the paragraph.
pub fn window_after(ctx: &Ctx, close: usize, opens: &[bool]) -> Vec<usize> {
    let para = ctx.toks[close].para;
    let mut out = Vec::new();
    let mut depth = 0i32;
    let stop = ctx.toks.len().min(close + 40);
    for (i, t) in ctx.toks.iter().enumerate().take(stop).skip(close + 1) {
        if t.para != para || opens[i] || t.quoted {
            break;
        }
        out.push(i);
        match ctx.text(i) {
            "(" => depth += 1,
            ")" => depth -= 1,
            _ if depth <= 0 && ctx.is_sentence_end(i) => break,
            _ => {}
        }
    }
    out
}

/// The tokens before an opening mark back to the start of the sentence, skipping quoted
/// content, in text order.
pub fn window_before(ctx: &Ctx, open: usize, closes_sentence: &[bool]) -> Vec<usize> {
    window_ending(ctx, open, ctx.toks[open].para, closes_sentence)
}

/// Like [`window_before`] but ending with token `last` (included), in its paragraph: the
/// lead-in `Caddell continued:` of a quotation that opens the next paragraph.
pub fn window_through(ctx: &Ctx, last: usize, closes_sentence: &[bool]) -> Vec<usize> {
    window_ending(ctx, last + 1, ctx.toks[last].para, closes_sentence)
}

fn window_ending(ctx: &Ctx, end: usize, para: usize, closes_sentence: &[bool]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = end;
    while i > 0 && out.len() < 60 {
        i -= 1;
        let t = &ctx.toks[i];
        if t.para != para || closes_sentence[i] || (!t.quoted && ctx.is_sentence_end(i)) {
            break;
        }
        // Marks stay in as barriers: a name never runs across a quotation.
        if !t.quoted {
            out.push(i);
        }
    }
    out.reverse();
    out
}

/// A transcript line quoted whole: `“PENCE: Well, …”` names its speaker first.
pub fn transcript(ctx: &Ctx, open: usize, close: usize) -> Option<Found> {
    let colon = (open + 1..close.min(open + 5)).find(|&i| ctx.is_punct(i, ":"))?;
    let names = open + 1..colon;
    let ok = !names.is_empty()
        && names
            .clone()
            .all(|i| ctx.is_word(i) && ctx.text(i).chars().all(|c| !c.is_lowercase()));
    ok.then(|| ctx.found(Who::Name, open + 1, colon - 1, None))
}

/// How the quotation itself ends and what follows it.
#[derive(Debug, Clone, Copy, Default)]
pub struct After {
    /// The quoted text ends with a period (a full sentence).
    pub ends_sentence: bool,
    /// The quoted text ends with ? or !.
    pub ends_question: bool,
    /// The quoted text ends with a comma or dash (the sentence goes on).
    pub ends_comma: bool,
    /// The window stopped at the opening mark of another quotation.
    pub open_next: bool,
}

/// Attribution after the quotation: `“…,” X said`, `“…,” said X`, `“…” ― X`.
pub fn after(ctx: &Ctx, w: &[usize], how: After) -> Option<Found> {
    let skip = w.iter().take_while(|&&i| ctx.is_punct(i, ",")).count();
    let w = &w[skip..];
    let first = *w.first()?;
    let clause_end = w.last().copied();
    let mut found = if matches!(ctx.text(first), "―" | "—" | "–" | "-") {
        dash_name(ctx, &w[1..])?
    } else if let Some(cue) = ctx.verb_cue(first) {
        phrase_forward(ctx, &w[1..], cue)?
    } else {
        after_subject(ctx, w, how)?
    };
    found.clause_end = clause_end;
    Some(found)
}

/// `“…,” X said` (subject first), with the fallbacks `“…” for Clinton, said Kunin` and
/// `“…,” Trump barked.`
fn after_subject(ctx: &Ctx, w: &[usize], how: After) -> Option<Found> {
    let first = w[0];
    let lower = ctx.lower(first);
    let opener =
        is_capitalized(ctx.text(first)) || pronoun(&lower).is_some() || is_determiner(&lower);
    if !ctx.is_word(first) || is_subordinator(&lower) || is_preposition(&lower) {
        return inverted_cue(ctx, w);
    }
    let Some(k) = (0..w.len().min(24)).find(|&k| ctx.lowercase_cue(w[k]).is_some()) else {
        return short_clause(ctx, w, how);
    };
    // After a full-sentence quotation, only a short clause can be its attribution.
    let long = how.open_next || k > 8 || w.len() - k > 12;
    if (how.ends_sentence && long) || (how.ends_question && k > 4) {
        return None;
    }
    let cue = ctx.lowercase_cue(w[k]);
    let f = subject_phrase(ctx, trim_adverbs(ctx, &w[..k]), cue)?;
    // A lowercase start ("panel Chairman Rep. Jason Chaffetz said") must lead to a name
    // within a few words.
    let lead = w[..k].iter().take_while(|&&i| !ctx.is_name_word(i)).count();
    if !opener && (f.who != Who::Name || lead > 3) {
        return None;
    }
    Some(f)
}

/// Attribution before the quotation, within its sentence; verbs first, then reporting
/// nouns with a possessive.
pub fn before(ctx: &Ctx, w: &[usize], para_start: bool) -> Option<Found> {
    if let Some(f) = colon_speaker(ctx, w, para_start) {
        return Some(f);
    }
    // "Hillary shot back, “…”" beats a cue earlier in the sentence.
    if let Some(f) = name_verb_lead_in(ctx, w) {
        return Some(f);
    }
    let mut fallback = None;
    let mut pronoun_found: Option<Found> = None;
    for k in (0..w.len()).rev() {
        let lower = ctx.lower(w[k]);
        if lower == "according" && k + 2 < w.len() && ctx.lower(w[k + 1]) == "to" {
            if let Some(f) = phrase_forward(ctx, &w[k + 2..], "according to") {
                return Some(f);
            }
        }
        let cue = if k == 0 {
            cue_lemma(&lower)
        } else {
            ctx.lowercase_cue_any(w[k])
        };
        let Some(cue) = cue else { continue };
        // "will continue to be": not reporting; "the report", "his promise": nouns.
        let to_follows = w.get(k + 1).is_some_and(|&i| ctx.lower(i) == "to");
        if (cue == "continue" && to_follows) || (k > 0 && noun_use(ctx, w[k - 1])) {
            continue;
        }
        // "the EPA biofuel rule", "a campaign report": a bare form after a lowercase noun.
        if k > 0 && lower == cue && bare_noun(ctx, cue, w[k - 1]) {
            continue;
        }
        match verb_subject(ctx, w, k, cue) {
            // "Trump said he believes Afghanistan was “…”": a pronoun subject defers to a
            // named subject of an earlier cue in the same sentence.
            Some(f) if matches!(f.who, Who::Pronoun { .. }) => {
                pronoun_found = pronoun_found.or(Some(f));
                continue;
            }
            Some(f) if f.who == Who::Name || pronoun_found.is_none() => return Some(f),
            Some(_) => return pronoun_found,
            None => {}
        }
        // Participles and coordinated verbs ("… but added, “…”") take the subject of an
        // earlier cue, or of the sentence.
        let coordinated = trim_adverbs(ctx, &w[..k])
            .last()
            .is_some_and(|&i| matches!(ctx.lower(i).as_ref(), "and" | "but"));
        if fallback.is_none() && k > 0 && (is_participle(&lower) || coordinated) {
            fallback = Some(cue);
        }
    }
    if pronoun_found.is_some() {
        return pronoun_found;
    }
    // "…, saying “…”" with no other cue: the subject of the sentence.
    if let Some(f) = fallback.and_then(|cue| sentence_subject(ctx, w, cue)) {
        return Some(f);
    }
    (0..w.len())
        .rev()
        .find_map(|k| {
            let lower = ctx.lower(w[k]);
            is_cue_noun(&lower)
                .then(|| possessive_before(ctx, &w[..k], &lower))
                .flatten()
        })
        .or_else(|| name_before_colon(ctx, w))
}

/// `… does not surprise Republican pollster Daron Shaw: “…”`: with no reporting verb, a
/// name right before the colon that leads into the quotation.
fn name_before_colon(ctx: &Ctx, w: &[usize]) -> Option<Found> {
    let (&last, rest) = w.split_last()?;
    if !ctx.is_punct(last, ":") {
        return None;
    }
    let run = rest
        .iter()
        .rev()
        .take_while(|&&i| ctx.is_name_word(i))
        .count();
    let end = *rest.last()?;
    let named =
        run > 0 && run <= 4 && is_capitalized(ctx.text(end)) && !is_possessive(ctx.text(end));
    named.then(|| ctx.found(Who::Name, rest[rest.len() - run], end, None))
}

/// True when the word before a reporting word makes it a noun ("the remarks", "its
/// report", "Clinton's promise", "a voice that said").
fn noun_use(ctx: &Ctx, prev: usize) -> bool {
    let lower = ctx.lower(prev);
    // "a series of tweets", "in remarks"
    (is_preposition(&lower) && lower != "to")
        || matches!(
            lower.as_ref(),
            "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "its"
                | "their"
                | "our"
                | "my"
                | "your"
                | "this"
                | "that"
                | "these"
                | "those"
                | "which"
                | "whose"
        )
        || is_possessive(ctx.text(prev))
        || ctx.text(prev).starts_with(|c: char| c.is_ascii_digit())
}

/// True when a reporting word in its bare form that is also a common noun ("rule",
/// "report", "call") follows a lowercase word that cannot be its subject.
fn bare_noun(ctx: &Ctx, lemma: &str, prev: usize) -> bool {
    const NOUNY: &[&str] = &[
        "rule", "report", "call", "claim", "promise", "comment", "remark", "note", "state", "post",
        "tweet", "read", "question", "answer", "quote", "charge", "counter", "vow", "pledge",
        "press", "point", "plead", "blast", "attack", "fault", "thank", "label",
    ];
    let text = ctx.text(prev);
    let lower = ctx.lower(prev);
    let can_lead = pronoun(&lower).is_some()
        || is_adverb(&lower)
        || matches!(
            lower.as_ref(),
            "to" | "will" | "would" | "could" | "should" | "did" | "and" | "or"
        );
    NOUNY.contains(&lemma) && ctx.is_word(prev) && !is_capitalized(text) && !can_lead
}

/// The speaker of the reporting verb at `w[k]`.
fn verb_subject(ctx: &Ctx, w: &[usize], k: usize, cue: &str) -> Option<Found> {
    let lower = ctx.lower(w[k]);
    if is_participle(&lower) {
        // "Clinton is describing as …", "footage of Clinton asking, …", "…, saying, …"
        let seg = trim_auxiliaries(ctx, &w[..k]);
        let &prev = seg.last()?;
        if ctx.is_word(prev) && pronoun(&ctx.lower(prev)).is_some() {
            return subject_before(ctx, seg, cue);
        }
        // The name right before the participle is its agent, even after a preposition
        // ("footage of Hillary Clinton asking, “…”").
        let run = seg
            .iter()
            .rev()
            .take_while(|&&i| ctx.is_name_word(i))
            .count();
        let person_like = matches!(ctx.toks[prev].entity, None | Some(EntityKind::Person));
        let last_ok =
            is_capitalized(ctx.text(prev)) && !is_possessive(ctx.text(prev)) && person_like;
        return (run > 0 && last_ok)
            .then(|| ctx.found(Who::Name, seg[seg.len() - run], prev, Some(cue)));
    }
    if let Some(f) = subject_before(ctx, &w[..k], cue) {
        return plausible_subject(ctx, w, k, f);
    }
    let seg = trim_adverbs(ctx, &w[..k]);
    // "Pence went on to say he’s “…”" ("… and said" falls back in `before`, after the
    // other cues of the sentence).
    if seg.last().is_some_and(|&i| ctx.lower(i) == "to") {
        return sentence_subject(ctx, w, cue);
    }
    // "Said Ellis: “…”", "Said Dorothy Poynter, who …, “…”", "“…,” said Rep. Bobby
    // Scott at the time, adding that “…”"
    // "…, explained Rosenberg, “…”": after a comma only when the name closes the lead-in.
    let closes_lead_in = k > 0
        && ctx.is_punct(w[k - 1], ",")
        && w.last()
            .is_some_and(|&i| ctx.is_punct(i, ",") || ctx.is_punct(i, ":"))
        && w.len() - k <= 6;
    let inverted = k == 0 || closes_lead_in || ctx.toks[w[k - 1]].kind == Kind::Mark;
    if inverted {
        return phrase_forward(ctx, &w[k + 1..], cue).filter(|f| f.who == Who::Name);
    }
    None
}

/// Rejects "of Republican claims" / "the United States’ …": a name before an -s form
/// that itself follows a preposition, determiner or number is a noun phrase.
fn plausible_subject(ctx: &Ctx, w: &[usize], k: usize, f: Found) -> Option<Found> {
    if f.who != Who::Name || !ctx.lower(w[k]).ends_with('s') {
        return Some(f);
    }
    let first = w[..k].iter().position(|&i| ctx.toks[i].start == f.start)?;
    // "Republican claims": a lone adjective before an -s form.
    let lone = f.end == ctx.toks[w[first]].end;
    if lone && fallback::is_adjective(ctx.text(w[first])) {
        return None;
    }
    let Some(&before) = first.checked_sub(1).and_then(|j| w.get(j)) else {
        return Some(f);
    };
    let lower = ctx.lower(before);
    // "of Republican claims", "the United States’ …" (a capitalised "The" starts the
    // sentence: "The New York Times reports").
    let noun_phrase = is_preposition(&lower)
        || (is_determiner(&lower) && !is_capitalized(ctx.text(before)))
        || ctx.text(before).starts_with(|c: char| c.is_ascii_digit());
    (!noun_phrase).then_some(f)
}
