//! The organisation a person speaker speaks for, when the attribution names it:
//! `a spokeswoman for Acme, Jane Roe, said` · `Jane Roe, a spokeswoman for Acme, said` ·
//! `Acme spokeswoman Jane Roe said`. The organisation must be a tagger organisation entity;
//! its canonical name is returned.

use super::attribute::{Ctx, Found};
use crate::extract::names::{is_capitalized, is_title, person_core};
use crate::extract::{Entity, EntityKind};

/// The affiliation of the person named by `f`, if the words around it give one.
pub fn affiliation(ctx: &Ctx, f: &Found, entities: &[Entity]) -> Option<String> {
    let (s, e) = person_core(&ctx.body[f.start..f.end])?;
    let (start, end) = (f.start + s, f.start + e);
    let first = ctx.toks.partition_point(|t| t.start < start);
    let last = ctx.toks.partition_point(|t| t.start < end).checked_sub(1)?;
    let org_ending = |tok: usize| {
        entities
            .iter()
            .find(|x| x.kind == EntityKind::Org && x.end == ctx.toks[tok].end)
    };
    let org_starting = |tok: usize| {
        entities
            .iter()
            .find(|x| x.kind == EntityKind::Org && x.start == ctx.toks[tok].start)
    };
    let linking = |tok: usize| matches!(ctx.lower(tok).as_ref(), "for" | "of" | "at" | "with");
    // "Jane Roe, a spokeswoman for Acme, said"
    if ctx.toks.get(last + 1).is_some() && ctx.is_punct(last + 1, ",") {
        let stop = (last + 10).min(ctx.toks.len() - 1);
        for i in last + 2..stop {
            if ctx.toks[i].quoted || !ctx.is_word(i) {
                break;
            }
            if linking(i) {
                return org_starting(i + 1).map(|x| x.canonical.clone());
            }
        }
    }
    // "a spokeswoman for Acme, Jane Roe, said"
    if first >= 3 && ctx.is_punct(first - 1, ",") {
        if let Some(x) = org_ending(first - 2) {
            let mut org_first = ctx.toks.partition_point(|t| t.start < x.start);
            // "for the Harbour Trust": the article is outside the organisation's name.
            if org_first > 1 && ctx.lower(org_first - 1).as_ref() == "the" {
                org_first -= 1;
            }
            if org_first > 0 && linking(org_first - 1) {
                return Some(x.canonical.clone());
            }
        }
    }
    // "Acme spokeswoman Jane Roe said": role words between the organisation and the name.
    let mut i = first;
    while i > 0 && first - i < 3 {
        i -= 1;
        if let Some(x) = org_ending(i).filter(|_| i + 1 < first) {
            return Some(x.canonical.clone());
        }
        let t = ctx.text(i);
        let role = ctx.is_word(i) && (!is_capitalized(t) || is_title(t));
        if !role {
            break;
        }
    }
    None
}
