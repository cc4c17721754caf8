//! Direct quotations and their speakers.
//!
//! Quotation marks are paired into pieces (`pairs`); each piece is attributed from the
//! words around it (`attribute`); pieces that belong to one utterance are joined
//! (`“…,” X said. “…”`, `“too loud” or “too shrill”`); quotations without a cue inherit
//! the speaker of the quotation just before them in the same or the previous paragraph;
//! titles, nicknames and unattributed scare quotes are dropped; speaker phrases are
//! resolved to canonical names (`speakers`). Everything is linear in the body apart from
//! per-article work on the (few) person mentions. The rules are documented in
//! `docs/QUOTES.md`.

mod affiliation;
pub(crate) mod attribute;
pub(crate) use super::lexicon::quotes as lexicon;
pub(crate) mod pairs;
pub mod rank;
mod reported;
mod role;
pub mod same;
pub(crate) mod speakers;
pub(crate) mod tokens;
#[cfg(feature = "train")]
pub mod train;

use super::{Entity, EntityKind, Quote};
use attribute::{Ctx, Found, Who};
use pairs::Piece;
use rank::View;
pub use rank::{Attribution, Cand, Choice, Model};
use tokens::{Kind, Tok};

/// Whether a quotation is quoted word for word or reported.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words in quotation marks.
    #[default]
    Direct,
    /// Reported speech: `Roe said the talks had failed`.
    Indirect,
}

/// A group of pieces that form one quotation.
struct Unit {
    pieces: Vec<usize>,
    found: Option<Found>,
    /// Speaker taken over from the previous quotation (no cue of its own).
    inherited: Option<usize>,
}

/// One piece with its token positions and attribution.
struct Placed {
    piece: Piece,
    open: usize,
    close: usize,
    found: Option<Found>,
}

/// How [`find_quotes_with`] works.
#[derive(Debug, Clone, Copy)]
pub struct Settings<'a> {
    /// How speakers are chosen.
    pub attribution: Attribution<'a>,
    /// Also report reported speech ([`QuoteKind::Indirect`]).
    pub indirect: bool,
}

impl Default for Settings<'_> {
    /// The shipped ranker, direct quotations only.
    fn default() -> Self {
        Settings {
            attribution: Attribution::Learnt(Model::shipped()),
            indirect: false,
        }
    }
}

/// Finds the direct quotations in a body and attributes them to speakers (the shipped
/// ranker over the rules' candidates).
pub fn find_quotes(body: &str, entities: &[Entity]) -> Vec<Quote> {
    find_quotes_with(body, entities, &Settings::default())
}

/// [`find_quotes`] with the speaker choice given (the rules alone or a ranker model) and,
/// with `indirect`, reported speech too, in text order.
pub fn find_quotes_with(body: &str, entities: &[Entity], settings: &Settings) -> Vec<Quote> {
    let Some((toks, placed, units)) = analyse(body, entities, settings.indirect) else {
        return Vec::new();
    };
    let ctx = Ctx { body, toks: &toks };
    let founds: Vec<&Found> = placed.iter().filter_map(|p| p.found.as_ref()).collect();
    let resolver = speakers::Resolver::new(body, &toks, entities, &founds);
    let rules: Vec<Choice> = units.iter().map(rule_choice).collect();
    let chosen: Vec<Choice> = match settings.attribution {
        Attribution::Rules => rules.clone(),
        Attribution::Learnt(model) => learnt_choices(&ctx, &placed, &units, entities, model),
    };
    let mut out = Vec::new();
    for (ui, u) in units.iter().enumerate() {
        let (rule_speaker, rule_found) = speaker_of(&resolver, &units, ui, &rules[ui]);
        if !keep(body, &toks, &placed, u, rule_speaker.is_some()) {
            continue;
        }
        let (speaker, found) = if chosen[ui] == rules[ui] {
            (rule_speaker, rule_found)
        } else {
            speaker_of(&resolver, &units, ui, &chosen[ui])
        };
        let mut q = build(body, &placed, u);
        q.cue = match &chosen[ui] {
            Choice::Phrase(f) => f.cue.clone(),
            _ => None,
        };
        q.speaker_text = found.map(|f| body[f.start..f.end].to_string());
        if let Some((name, kind)) = speaker {
            q.affiliation = found
                .filter(|_| kind == EntityKind::Person)
                .and_then(|f| affiliation::affiliation(&ctx, f, entities));
            if kind == EntityKind::Person {
                let at = found.map(|f| (f.start, f.end));
                q.role = role::role(body, at, &name, entities);
            }
            q.speaker = Some(name);
            q.speaker_kind = Some(kind);
        }
        out.push(q);
    }
    if settings.indirect {
        out.extend(reported_quotes(&ctx, &resolver, entities));
        out.sort_by_key(|q| q.start);
    }
    out
}

/// Reported speech as quotations of kind [`QuoteKind::Indirect`].
fn reported_quotes(ctx: &Ctx, resolver: &speakers::Resolver, entities: &[Entity]) -> Vec<Quote> {
    let body = ctx.body;
    // A dateline resolved as the speaker ("KESSEL — The minister, …, telling MPs that …"
    // → "KESSEL"): the statement stays, without a speaker.
    let dateline = |name: &str| {
        entities.iter().any(|e| {
            let starts_paragraph = body[..e.start].trim_end_matches(' ').ends_with('\n')
                || body[..e.start].trim().is_empty();
            let dash = [" — ", " – ", " - "]
                .iter()
                .any(|d| body[e.end..].starts_with(d));
            e.kind == EntityKind::Place
                && (e.text == name || e.canonical == name)
                && starts_paragraph
                && dash
        })
    };
    reported::find(ctx)
        .into_iter()
        .map(|r| {
            let resolved = resolver.resolve_kind(&r.found);
            let datelined = resolved.as_ref().is_some_and(|(name, _)| dateline(name));
            let speaker = resolved.filter(|_| !datelined);
            let role = speaker
                .as_ref()
                .filter(|s| s.1 == EntityKind::Person)
                .and_then(|s| role::role(body, Some((r.found.start, r.found.end)), &s.0, entities));
            let speaker_text = Some(body[r.found.start..r.found.end].to_string());
            Quote {
                text: body[r.start..r.end].to_string(),
                start: r.start,
                end: r.end,
                speaker_kind: speaker.as_ref().map(|s| s.1),
                speaker: speaker.map(|s| s.0),
                speaker_text,
                cue: r.found.cue.clone(),
                affiliation: None,
                kind: QuoteKind::Indirect,
                role,
            }
        })
        .collect()
}

/// The ranker's choice for every unit.
fn learnt_choices(
    ctx: &Ctx,
    placed: &[Placed],
    units: &[Unit],
    entities: &[Entity],
    model: &Model,
) -> Vec<Choice> {
    // Built on the first quotation that needs the ranker.
    let mut counts: Option<rank::Counts> = None;
    units
        .iter()
        .enumerate()
        .map(|(ui, u)| {
            if let Some(f) = u.found.as_ref().filter(|f| f.who == Who::Name) {
                return Choice::Phrase(f.clone());
            }
            let counts = counts.get_or_insert_with(|| rank::Counts::new(ctx));
            let q = view(ctx.body, placed, units, ui, counts);
            let cands = rank::candidates(ctx, &q, entities);
            let mut best = model.choose(&cands);
            // "Nobody" never overrides a name the rules found (the rules' candidate comes
            // first).
            if cands[best].null && u.found.as_ref().is_some_and(|f| f.who == Who::Name) {
                best = 0;
            }
            rank::choice(ctx, &cands[best], u.found.as_ref())
        })
        .collect()
}

/// Pairs, places, attributes and groups the pieces of a body (the rules' pass); `None`
/// when there is no quotation mark and no need to read the body further (`always` off).
fn analyse(
    body: &str,
    entities: &[Entity],
    always: bool,
) -> Option<(Vec<Tok>, Vec<Placed>, Vec<Unit>)> {
    let pieces = pairs::find_pieces(body);
    if pieces.is_empty() && !always {
        return None;
    }
    let mut toks = tokens::tokenize(body);
    mark_entities(&mut toks, entities);
    let placed = place(body, &mut toks, pieces);
    let units = group(&Ctx { body, toks: &toks }, placed.as_slice());
    Some((toks, placed, units))
}

/// The candidate speakers of every quotation with the byte range of its quoted text
/// (first piece start to last piece end), for training the ranker.
pub fn candidate_sets(body: &str, entities: &[Entity]) -> Vec<(usize, usize, Vec<Cand>)> {
    let Some((toks, placed, units)) = analyse(body, entities, false) else {
        return Vec::new();
    };
    let ctx = Ctx { body, toks: &toks };
    let counts = rank::Counts::new(&ctx);
    (0..units.len())
        .map(|ui| {
            let first = &placed[units[ui].pieces[0]].piece;
            let last = &placed[*units[ui].pieces.last().expect("never empty")].piece;
            let cands = rank::candidates(&ctx, &view(body, &placed, &units, ui, &counts), entities);
            (first.start, last.end, cands)
        })
        .collect()
}

/// What the ranker sees of unit `ui`.
fn view<'a>(
    body: &'a str,
    placed: &'a [Placed],
    units: &'a [Unit],
    ui: usize,
    counts: &'a rank::Counts,
) -> View<'a> {
    let u = &units[ui];
    let first = &placed[u.pieces[0]];
    let last = &placed[*u.pieces.last().expect("never empty")];
    let previous = ui.checked_sub(1).and_then(|p| {
        let source = units[p].inherited.unwrap_or(p);
        let close = placed[*units[p].pieces.last().expect("never empty")].close;
        units[source].found.as_ref().map(|f| (f, close))
    });
    View {
        open: first.open,
        close: last.close,
        content: &body[first.piece.start..first.piece.end],
        rule: u.found.as_ref(),
        inherited: u.inherited.is_some(),
        previous,
        counts,
    }
}

/// The rules' choice for a unit: its own phrase, the inherited speaker, or nobody.
fn rule_choice(u: &Unit) -> Choice {
    match (&u.found, u.inherited) {
        (Some(f), _) => Choice::Phrase(f.clone()),
        (None, Some(_)) => Choice::Previous,
        (None, None) => Choice::Nobody,
    }
}

/// The resolved speaker of unit `ui` under a choice, with the phrase it comes from.
fn speaker_of<'u>(
    resolver: &speakers::Resolver,
    units: &'u [Unit],
    ui: usize,
    choice: &'u Choice,
) -> (Option<(String, EntityKind)>, Option<&'u Found>) {
    let found = match choice {
        Choice::Nobody => None,
        Choice::Phrase(f) => Some(f),
        Choice::Previous => ui.checked_sub(1).and_then(|p| {
            let source = units[p].inherited.unwrap_or(p);
            units[source].found.as_ref()
        }),
    };
    (found.and_then(|f| resolver.resolve_kind(f)), found)
}

/// Records on each token the kind of the tagger entity it belongs to (entities are in
/// text order; one sweep).
fn mark_entities(toks: &mut [Tok], entities: &[Entity]) {
    let mut sorted: Vec<&Entity> = entities.iter().collect();
    sorted.sort_by_key(|e| e.start);
    let mut next = 0;
    for t in toks.iter_mut() {
        while next < sorted.len() && sorted[next].end <= t.start {
            next += 1;
        }
        if let Some(e) = sorted
            .get(next)
            .filter(|e| e.start <= t.start && t.end <= e.end)
        {
            t.entity = Some(e.kind);
        }
    }
}

/// Marks quoted tokens, finds each piece's mark tokens and attributes it.
fn place(body: &str, toks: &mut [Tok], pieces: Vec<Piece>) -> Vec<Placed> {
    let mut placed = Vec::with_capacity(pieces.len());
    for piece in pieces {
        let open = toks.partition_point(|t| t.start < piece.open);
        let close = toks.partition_point(|t| t.start < piece.end);
        let ok = open < close
            && close < toks.len()
            && toks[open].kind == Kind::Mark
            && toks[close].kind == Kind::Mark;
        if !ok {
            continue;
        }
        for t in &mut toks[open + 1..close] {
            t.quoted = true;
        }
        placed.push(Placed {
            piece,
            open,
            close,
            found: None,
        });
    }
    let mut opens = vec![false; toks.len()];
    let mut ends_sentence = vec![false; toks.len()];
    for p in &placed {
        opens[p.open] = true;
        let content = body[p.piece.start..p.piece.end].trim_end();
        let next_upper = toks.get(p.close + 1).is_none_or(|t| {
            t.kind != Kind::Word || body[t.start..].starts_with(char::is_uppercase)
        });
        ends_sentence[p.close] = content.ends_with(['.', '!', '?']) && next_upper;
    }
    let ctx = Ctx { body, toks };
    for p in &mut placed {
        p.found = attribute_piece(&ctx, p, &opens, &ends_sentence);
    }
    placed
}

fn attribute_piece(ctx: &Ctx, p: &Placed, opens: &[bool], ends: &[bool]) -> Option<Found> {
    let after = attribute::window_after(ctx, p.close, opens);
    if let Some(f) = attribute::transcript(ctx, p.open, p.close) {
        return Some(f);
    }
    let mut before = attribute::window_before(ctx, p.open, ends);
    let opens_para = p.open > 0 && ctx.toks[p.open - 1].para != ctx.toks[p.open].para;
    if before.is_empty() && opens_para && ctx.body[ctx.toks[p.open - 1].start..].starts_with(':') {
        before = attribute::window_through(ctx, p.open - 1, ends);
    }
    let first_in_para = before
        .first()
        .is_none_or(|&i| i == 0 || ctx.toks[i - 1].para != ctx.toks[i].para);
    let content = ctx.body[p.piece.start..p.piece.end].trim_end();
    let lead_in = before.last().is_some_and(|&i| {
        let t = &ctx.body[ctx.toks[i].start..ctx.toks[i].end];
        matches!(t, ":" | "," | "that") || lexicon::cue_lemma(&t.to_lowercase()).is_some()
    });
    let pre = || attribute::before(ctx, &before, first_in_para);
    let how = attribute::After {
        ends_sentence: content.ends_with('.'),
        ends_question: content.ends_with(['?', '!']),
        ends_comma: content.ends_with([',', '—', '–']),
        open_next: after.last().is_some_and(|&l| {
            opens.get(l + 1).copied().unwrap_or(false) && !ctx.is_sentence_end(l)
        }),
    };
    let post = || attribute::after(ctx, &after, how);
    // "called “distasteful,” Santilli expressed …": a reporting verb right before the
    // opening mark owns the quotation.
    let cue_before = before.last().is_some_and(|&i| {
        lexicon::cue_lemma(&ctx.body[ctx.toks[i].start..ctx.toks[i].end]).is_some()
    });
    // A partial quotation ("said he was “going to …”") belongs to its own sentence.
    let partial = content.starts_with(char::is_lowercase);
    let found = if (content.ends_with(['.', '!', '?']) && lead_in) || cue_before || partial {
        pre().or_else(post)
    } else {
        post().or_else(pre)
    };
    found.or_else(|| previous_sentence(ctx, p.open, ends))
}

/// `X said. “…”`: the attribution is the sentence right before the quotation.
fn previous_sentence(ctx: &Ctx, open: usize, ends: &[bool]) -> Option<Found> {
    let dot = open.checked_sub(1)?;
    let same_para = ctx.toks[dot].para == ctx.toks[open].para;
    if !same_para || !ctx.is_sentence_end(dot) || dot == 0 {
        return None;
    }
    let w = attribute::window_through(ctx, dot - 1, ends);
    attribute::closing_clause(ctx, &w)
}

/// Joins pieces into quotations and sets inherited speakers.
fn group(ctx: &Ctx, placed: &[Placed]) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    for (i, p) in placed.iter().enumerate() {
        if let Some(u) = units.last_mut() {
            let prev = &placed[*u.pieces.last().expect("units are never empty")];
            if joins(ctx, prev, p) {
                u.pieces.push(i);
                if u.found.is_none() {
                    u.found = p.found.clone();
                }
                continue;
            }
        }
        units.push(Unit {
            pieces: vec![i],
            found: p.found.clone(),
            inherited: None,
        });
    }
    for ui in 1..units.len() {
        if units[ui].found.is_some() {
            continue;
        }
        let source = units[ui - 1].inherited.unwrap_or(ui - 1);
        let has_speaker = units[source]
            .found
            .as_ref()
            .is_some_and(|f| f.who != Who::Unnamed);
        let prev_close = placed[*units[ui - 1].pieces.last().expect("never empty")].close;
        let open = placed[units[ui].pieces[0]].open;
        if has_speaker && continues(ctx.toks, prev_close, open) {
            units[ui].inherited = Some(source);
        }
    }
    units
}

/// True when the quotation opening at token `open` continues the one closing at
/// `prev_close`: same paragraph, or it opens the paragraph right after.
fn continues(toks: &[Tok], prev_close: usize, open: usize) -> bool {
    if toks[prev_close].para == toks[open].para {
        return true;
    }
    let opens_para = open == 0 || toks[open - 1].para != toks[open].para;
    opens_para && open > 0 && toks[open - 1].para == toks[prev_close].para
}

/// Whether piece `b` continues the quotation of piece `a` in the same paragraph: only
/// connectors between them, or exactly `a`'s attribution clause.
fn joins(ctx: &Ctx, a: &Placed, b: &Placed) -> bool {
    if ctx.toks[a.close].para != ctx.toks[b.open].para {
        return false;
    }
    let between = a.close + 1..b.open;
    let connectors = between.clone().all(|i| {
        let t = &ctx.body[ctx.toks[i].start..ctx.toks[i].end];
        matches!(t, "," | "and" | "or" | "nor" | "but" | "a" | "an" | "even")
    });
    if connectors {
        return true;
    }
    let Some(fa) = a.found.as_ref() else {
        return false;
    };
    let Some(end) = fa.clause_end else {
        return false;
    };
    let punct = matches!(
        &ctx.body[ctx.toks[end].start..ctx.toks[end].end],
        "." | "," | ":" | ";" | "—"
    );
    let other_speaker = b.found.as_ref().is_some_and(|fb| {
        fb.clause_end.is_some() && ctx.body[fb.start..fb.end] != ctx.body[fa.start..fa.end]
    });
    end + 1 == b.open && punct && !other_speaker
}

/// Filters: titles and nicknames (all title-case words) and short scare quotes are kept
/// only when attributed to someone named.
fn keep(body: &str, toks: &[Tok], placed: &[Placed], u: &Unit, named: bool) -> bool {
    let first = &placed[u.pieces[0]];
    let last = &placed[*u.pieces.last().expect("never empty")];
    let words: Vec<&str> = toks[first.open + 1..last.close]
        .iter()
        .filter(|t| t.kind == Kind::Word && t.quoted)
        .map(|t| &body[t.start..t.end])
        .collect();
    if words.is_empty() || !words.iter().any(|w| w.chars().any(char::is_alphabetic)) {
        return false;
    }
    let direct = u.found.as_ref().is_some_and(|f| f.who != Who::Unnamed) && named;
    if direct {
        return true;
    }
    let attributed = u.found.is_some() || u.inherited.is_some();
    // Single marks are also apostrophes, scare quotes and headline quotes: keep a
    // single-quoted quotation only when someone is named as saying it.
    if (words.len() < 4 && !attributed) || first.piece.single {
        return false;
    }
    !is_title_case(&words)
}

/// True when every word is capitalised apart from short function words ("The Art of the
/// Deal", "The Beast"): the name of a work, a nickname, a name.
fn is_title_case(words: &[&str]) -> bool {
    const SMALL: &[&str] = &[
        "of", "the", "and", "a", "an", "in", "on", "to", "for", "with", "at", "by", "or", "de",
    ];
    words.len() <= 8
        && words
            .iter()
            .any(|w| crate::extract::names::is_capitalized(w))
        && words.iter().all(|w| {
            crate::extract::names::is_capitalized(w)
                || SMALL.contains(w)
                || w.starts_with(|c: char| c.is_ascii_digit())
        })
}

/// The quotation of a unit: its text and span (speaker fields left empty).
fn build(body: &str, placed: &[Placed], u: &Unit) -> Quote {
    let mut text = String::new();
    // Offsets cover the quoted words, like `text`: from the first word of the first
    // non-empty segment to the last word of the last one.
    let mut span: Option<(usize, usize)> = None;
    for &pi in &u.pieces {
        for &(s, e) in &placed[pi].piece.segments {
            let raw = &body[s..e];
            let seg = raw.trim();
            if seg.is_empty() {
                continue;
            }
            let seg_start = s + (raw.len() - raw.trim_start().len());
            let seg_end = seg_start + seg.len();
            span = Some(span.map_or((seg_start, seg_end), |(a, _)| (a, seg_end)));
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(seg);
        }
    }
    let first = &placed[u.pieces[0]].piece;
    let (start, end) = span.unwrap_or((first.start, first.start));
    Quote {
        text,
        start,
        end,
        ..Quote::default()
    }
}

#[cfg(test)]
mod kind_tests;
#[cfg(test)]
mod tests;
