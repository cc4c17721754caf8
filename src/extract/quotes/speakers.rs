//! Resolving speaker phrases to canonical names: a name links to the entity it overlaps or,
//! failing that, through the article's person mentions (names.rs rules); a he/she pronoun
//! to the nearest preceding person mention of compatible gender; descriptions stay unnamed.
//!
//! Person mentions are the tagger's person entities plus what attribution itself reveals:
//! speaker names, and capitalised words after a personal title (Mr., Sen., President) or
//! starting with a known first name, so attribution works even when the tagger misses
//! a person.

use std::borrow::Cow;

use super::attribute::{Found, Who};
use super::lexicon::{first_name_gender, honorific_gender, Gender};
use super::tokens::{Kind, Tok};
use crate::extract::names::{canonical_names, is_capitalized, is_title, person_core, Mention};
use crate::extract::{Entity, EntityKind};

/// One person mention known to the resolver.
struct Person<'a> {
    start: usize,
    end: usize,
    /// Borrowed from the entity, or linked here for mentions the tagger missed.
    canonical: Cow<'a, str>,
    gender: Option<Gender>,
    /// Followed by 's: "Machado's courage" is rarely what a later "she" refers to.
    possessive: bool,
}

/// Speaker resolution for one article.
pub struct Resolver<'a> {
    body: &'a str,
    entities: &'a [Entity],
    persons: Vec<Person<'a>>,
}

impl<'a> Resolver<'a> {
    /// Builds the person mentions of the article from entities, speaker names and titled
    /// or first-named capitalised runs outside quotations.
    pub fn new(body: &'a str, toks: &[Tok], entities: &'a [Entity], found: &[&Found]) -> Self {
        let mut spans: Vec<(usize, usize)> = entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .map(|e| (e.start, e.end))
            .collect();
        let n_entities = spans.len();
        for f in found.iter().filter(|f| f.who == Who::Name) {
            if let Some((s, e)) = person_core(&body[f.start..f.end]) {
                spans.push((f.start + s, f.start + e));
            }
        }
        spans.extend(titled_runs(body, toks));
        let mut extra: Vec<(usize, usize)> = spans.split_off(n_entities);
        extra.sort_unstable();
        extra.dedup();
        extra.retain(|&(s, e)| !covered_by_entity(entities, s, e));
        let mut persons: Vec<Person<'a>> = entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .map(|e| Person {
                start: e.start,
                end: e.end,
                canonical: Cow::Borrowed(e.canonical.as_str()),
                gender: None,
                possessive: false,
            })
            .collect();
        let mentions: Vec<Mention> = persons
            .iter()
            .map(|p| (p.start, &body[p.start..p.end]))
            .chain(extra.iter().map(|&(s, e)| (s, &body[s..e])))
            .map(|(start, text)| Mention {
                kind: EntityKind::Person,
                text,
                start,
                dateline: false,
            })
            .collect();
        // Only the extra mentions need linking (entities come with their canonical names).
        let canon = if extra.is_empty() {
            Vec::new()
        } else {
            canonical_names(&mentions, body)
        };
        let n_persons = persons.len();
        for (&(start, end), c) in extra.iter().zip(canon.into_iter().skip(n_persons)) {
            persons.push(Person {
                start,
                end,
                canonical: Cow::Owned(c),
                gender: None,
                possessive: false,
            });
        }
        persons.sort_by_key(|p| p.start);
        for p in &mut persons {
            p.possessive = body[p.end..].starts_with(['’', '\'']);
        }
        assign_genders(body, &mut persons);
        Resolver {
            body,
            entities,
            persons,
        }
    }

    /// The canonical speaker for a phrase with its kind (person or organisation): a name
    /// through the entities and person mentions, he/she/who to a person, "it" to the
    /// nearest organisation mentioned before it in the same or the previous paragraph, and
    /// a description whose head is an organisation noun ("the ministry") to the nearest
    /// organisation before it whose name has that word ("the Ministry of Defence").
    pub fn resolve_kind(&self, f: &Found) -> Option<(String, EntityKind)> {
        match f.who {
            Who::Name => self.name(f.start, f.end),
            Who::Pronoun { gender, relative } => {
                let phrase = &self.body[f.start..f.end];
                if phrase.eq_ignore_ascii_case("it") {
                    return self.organisation_before(f.start, None);
                }
                let name = self.pronoun(f.start, gender, relative)?;
                Some((name, EntityKind::Person))
            }
            Who::Unnamed => {
                let phrase = &self.body[f.start..f.end];
                let head = phrase.rsplit(' ').next().unwrap_or("");
                let head = head.trim_end_matches(['’', '\'', 's']).to_lowercase();
                let org_noun = ORG_HEADS.contains(&head.as_str())
                    && phrase.split(' ').next().is_some_and(|d| {
                        matches!(d.to_lowercase().as_str(), "the" | "its" | "their")
                    });
                if !org_noun {
                    return None;
                }
                self.organisation_before(f.start, Some(head.as_str()))
            }
        }
    }

    /// The nearest organisation entity before `at` in its paragraph or the one before,
    /// whose name contains `head` (any case) when given; its canonical name.
    fn organisation_before(&self, at: usize, head: Option<&str>) -> Option<(String, EntityKind)> {
        let here = paragraph_start(self.body, at);
        let para_start = paragraph_start(self.body, self.body[..here].trim_end().len());
        self.entities
            .iter()
            .rev()
            .filter(|x| x.kind == EntityKind::Org && x.end <= at && x.start >= para_start)
            .find(|x| {
                head.is_none_or(|h| {
                    x.canonical
                        .split_whitespace()
                        .any(|w| w.eq_ignore_ascii_case(h))
                })
            })
            .map(|x| (x.canonical.clone(), EntityKind::Org))
    }

    fn name(&self, start: usize, end: usize) -> Option<(String, EntityKind)> {
        let (s, e) = person_core(&self.body[start..end])
            .map(|(s, e)| (start + s, start + e))
            .or_else(|| self.organisation_span(start, end))?;
        // An entity covering the name, then the same span among person mentions (speaker
        // names the tagger split or missed), then any overlapping mention.
        // Places do not speak: a speaker the tagger calls a location is linked as a person.
        let speaks = |x: &&Entity| x.kind != EntityKind::Place;
        let covering = self
            .entities
            .iter()
            .filter(speaks)
            .find(|x| x.start <= s && e <= x.end);
        let exact = self.persons.iter().find(|p| p.start == s && p.end == e);
        let overlapping = self.persons.iter().find(|p| p.start < e && s < p.end);
        let entity = self
            .entities
            .iter()
            .filter(speaks)
            .find(|x| x.start < e && s < x.end);
        let person = |name: String| (name, EntityKind::Person);
        // Organisations speak under the article's canonical name ("the DNC said").
        covering
            .map(|x| (x.canonical.clone(), x.kind))
            .or_else(|| {
                exact
                    .or(overlapping)
                    .map(|p| person(p.canonical.to_string()))
            })
            .or_else(|| entity.map(|x| (x.canonical.clone(), x.kind)))
            .or_else(|| {
                let text = self.body[s..e].split_whitespace().collect::<Vec<_>>();
                Some(person(text.join(" ")))
            })
    }

    /// The span of an organisation entity inside a speaker phrase that has no person name
    /// ("The New York Times"): person_core rejects such phrases when they are all title
    /// words or function words.
    fn organisation_span(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        self.entities
            .iter()
            .find(|x| x.kind == EntityKind::Org && start <= x.start && x.end <= end)
            .map(|x| (x.start, x.end))
    }

    fn pronoun(&self, at: usize, gender: Option<Gender>, relative: bool) -> Option<String> {
        if gender.is_none() && !relative {
            return None;
        }
        self.persons
            .iter()
            .rev()
            .filter(|p| p.end <= at && (relative || !p.possessive))
            .find(|p| relative || p.gender.is_none() || p.gender == gender)
            .map(|p| p.canonical.to_string())
    }
}

/// Heads of descriptions that name an organisation of the article ("the ministry said").
const ORG_HEADS: &[&str] = &[
    "ministry",
    "department",
    "agency",
    "committee",
    "company",
    "firm",
    "campaign",
    "party",
    "council",
    "commission",
    "government",
    "court",
    "bank",
    "union",
    "organization",
    "organisation",
    "association",
    "office",
    "administration",
    "newspaper",
    "paper",
    "network",
    "board",
    "police",
    "corporation",
    "group",
    "foundation",
    "institute",
    "university",
    "embassy",
    "service",
    "bureau",
    "center",
    "centre",
    "league",
    "federation",
];

/// Byte offset of the start of the paragraph (line) holding `at`.
fn paragraph_start(body: &str, at: usize) -> usize {
    body[..at.min(body.len())].rfind('\n').map_or(0, |i| i + 1)
}

fn covered_by_entity(entities: &[Entity], s: usize, e: usize) -> bool {
    entities.iter().any(|x| x.start <= s && e <= x.end)
}

/// Capitalised runs outside quotations that follow a personal title or start with a known
/// first name ("Mr. Barrett", "Sen. Ted Cruz", "Hillary Clinton").
fn titled_runs(body: &str, toks: &[Tok]) -> Vec<(usize, usize)> {
    let text = |t: &Tok| &body[t.start..t.end];
    let name_word = |t: &Tok| {
        t.kind == Kind::Word
            && ((is_capitalized(text(t)) && !is_title(text(t)))
                || matches!(
                    text(t),
                    "de" | "van" | "von" | "bin" | "al" | "da" | "di" | "del"
                ))
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        // Cheapest test first: most tokens are not capitalised name words.
        if t.quoted || !name_word(t) {
            i += 1;
            continue;
        }
        let after_title = i > 0 && toks[i - 1].kind == Kind::Word && is_title(text(&toks[i - 1]));
        if !(after_title || first_name_gender(text(t)).is_some()) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < toks.len() && name_word(&toks[j + 1]) && toks[j + 1].para == t.para {
            j += 1;
        }
        if after_title || j > i {
            let end = toks[j].start + crate::extract::names::strip_possessive(text(&toks[j])).len();
            out.push((t.start, end));
        }
        i = j + 1;
    }
    out
}

/// Gender of each person from an honorific before any mention of the same canonical name
/// or from the first word of the canonical name.
fn assign_genders(body: &str, persons: &mut [Person]) {
    let mut known: Vec<(&str, Gender)> = Vec::new();
    for p in persons.iter() {
        let before = body[..p.start].trim_end();
        let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
        let g = honorific_gender(word).or_else(|| {
            p.canonical
                .split_whitespace()
                .next()
                .and_then(first_name_gender)
        });
        if let Some(g) = g {
            known.push((&p.canonical, g));
        }
    }
    let genders: Vec<Option<Gender>> = persons
        .iter()
        .map(|p| {
            known
                .iter()
                .find(|(c, _)| *c == p.canonical)
                .map(|(_, g)| *g)
        })
        .collect();
    for (p, g) in persons.iter_mut().zip(genders) {
        p.gender = g;
    }
}
