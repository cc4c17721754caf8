//! From the archive's counts to entities: the archive-level rules, applied at each commit.
//!
//! 1. Spellings with the same match keys (`name_keys`) are one name.
//! 2. **Kind by vote**: a name named in at least [`VOTE_MIN`] articles whose commonest kind
//!    holds at least [`VOTE_SHARE`] of them is of that kind in every article; otherwise
//!    each kind of it stays apart (a name per kind).
//! 3. **Surnames**: a one-word person name ("Blair", "Kilroy-Silk") joins the full person
//!    name (more words) ending in it that has at least [`SURNAME_MIN`] articles and [`SURNAME_SHARE`] of the
//!    articles of all the full names ending in it; otherwise ("Smith") it stays alone.
//! 4. **Acronyms**: a one-word organisation name that articles defined ("NATO" beside
//!    "North Atlantic Treaty Organization") joins the full name holding at least
//!    [`ACRONYM_SHARE`] of its definitions (one defining article is enough when it is the
//!    only one).
//! 5. **Short forms**: an organisation name joins a longer one that is it plus a generic
//!    suffix ("Labour" → "Labour Party"; "Conservatives" → "Conservative Party") or whose
//!    words it abbreviates one by one, keeping the first three letters of the first word,
//!    each abbreviated word at least three letters from its word in order ("Lib Dems" →
//!    "Liberal Democrats", "Man Utd" → "Manchester United"), when that longer name has at least [`SHORT_FORM_MIN`] articles
//!    and [`SHORT_FORM_SHARE`] of the articles of all such candidates.
//!
//! Only entities that these rules change (several names, or spellings voted into another
//! kind) are kept: every other name means what its own keys mean.

use std::collections::HashMap;

use super::{slot, NameCounts};
use crate::extract::names::name_keys;
use crate::extract::EntityKind;

/// Fewest articles for a kind vote.
pub const VOTE_MIN: u32 = 5;
/// Share of a name's articles its commonest kind needs to win the vote.
pub const VOTE_SHARE: f64 = 0.8;
/// Fewest articles of the full name a lone surname joins.
pub const SURNAME_MIN: u32 = 3;
/// Share of the articles of all full names ending in the surname that it needs.
pub const SURNAME_SHARE: f64 = 0.9;
/// Share of an acronym's definitions the full name needs.
pub const ACRONYM_SHARE: f64 = 0.9;
/// Fewest articles of the longer name a short form joins.
pub const SHORT_FORM_MIN: u32 = 2;
/// Share of the articles of all candidate longer names it needs.
pub const SHORT_FORM_SHARE: f64 = 0.9;

/// Suffixes that add nothing to an organisation's name ("Labour Party", "Brightline Group").
const ORG_SUFFIXES: &[&str] = &[
    "party",
    "plc",
    "inc",
    "corp",
    "corporation",
    "ltd",
    "limited",
    "group",
    "company",
    "fc",
    "llc",
];

/// One entity that archive-level rules made: its kind, displayed name and spellings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Its kind by the archive's vote.
    pub kind: EntityKind,
    /// The commonest spelling of its fullest name.
    pub display: String,
    /// Every spelling it covers, with the kind articles gave it (the facet it lives in).
    pub members: Vec<Member>,
}

/// One spelling of an entity, as some articles' entity fields hold it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The kind those articles gave it.
    pub kind: EntityKind,
    /// The canonical name as stored.
    pub spelling: String,
    /// Articles naming it so, archive-wide.
    pub articles: u32,
}

/// One name (keys) of one kind, before merging.
struct Node {
    keys: Vec<String>,
    kind: EntityKind,
    members: Vec<Member>,
    articles: u32,
}

/// The entities archive-level rules make from these counts, largest first.
pub fn resolve(counts: &NameCounts) -> Vec<Entity> {
    let nodes = vote(counts);
    let mut by_name: HashMap<(EntityKind, &[String]), usize> = HashMap::new();
    for (i, n) in nodes.iter().enumerate() {
        by_name.insert((n.kind, n.keys.as_slice()), i);
    }
    let mut parent: Vec<Option<usize>> = vec![None; nodes.len()];
    link_surnames(&nodes, &mut parent);
    link_acronyms(&nodes, &by_name, counts, &mut parent);
    link_short_forms(&nodes, &by_name, &mut parent);
    gather(nodes, &parent)
}

/// Rules 1 and 2: names by keys, one node per name when the vote decides, else per kind.
fn vote(counts: &NameCounts) -> Vec<Node> {
    let mut by_keys: HashMap<Vec<String>, Vec<(&String, [u32; 3])>> = HashMap::new();
    for (spelling, row) in &counts.names {
        let keys = name_keys(spelling);
        if !keys.is_empty() {
            by_keys.entry(keys).or_default().push((spelling, *row));
        }
    }
    let mut nodes = Vec::new();
    for (keys, spellings) in by_keys {
        let mut totals = [0u32; 3];
        for (_, row) in &spellings {
            for k in 0..3 {
                totals[k] += row[k];
            }
        }
        let total: u32 = totals.iter().sum();
        let winner = EntityKind::ALL
            .into_iter()
            .max_by_key(|k| (totals[slot(*k)], std::cmp::Reverse(slot(*k))))
            .unwrap_or(EntityKind::Person);
        let decided =
            total >= VOTE_MIN && f64::from(totals[slot(winner)]) >= VOTE_SHARE * f64::from(total);
        for kind in EntityKind::ALL {
            if (decided && kind != winner) || (!decided && totals[slot(kind)] == 0) {
                continue;
            }
            let members: Vec<Member> = spellings
                .iter()
                .flat_map(|(s, row)| {
                    EntityKind::ALL
                        .into_iter()
                        .filter(move |k| row[slot(*k)] > 0 && (decided || *k == kind))
                        .map(move |k| Member {
                            kind: k,
                            spelling: (*s).clone(),
                            articles: row[slot(k)],
                        })
                })
                .collect();
            let articles = members.iter().map(|m| m.articles).sum();
            nodes.push(Node {
                keys: keys.clone(),
                kind,
                members,
                articles,
            });
        }
    }
    nodes.sort_by(|a, b| (a.kind, &a.keys).cmp(&(b.kind, &b.keys)));
    nodes
}

/// The candidate with most articles when it holds `share` of them all and at least `min`.
fn dominant(candidates: &[(usize, u32)], min: u32, share: f64) -> Option<usize> {
    let total: u32 = candidates.iter().map(|c| c.1).sum();
    let &(best, n) = candidates
        .iter()
        .max_by_key(|c| (c.1, std::cmp::Reverse(c.0)))?;
    (n >= min && f64::from(n) >= share * f64::from(total)).then_some(best)
}

/// Rule 3. A lone surname is a person name written as one word (a hyphenated surname,
/// "Kilroy-Silk", has two keys and is still one word); a full name has more keys and ends
/// with the surname's.
fn link_surnames(nodes: &[Node], parent: &mut [Option<usize>]) {
    let mut full: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, n) in nodes.iter().enumerate() {
        if n.kind == EntityKind::Person && n.keys.len() > 1 {
            if let Some(last) = n.keys.last() {
                full.entry(last).or_default().push(i);
            }
        }
    }
    for (i, n) in nodes.iter().enumerate() {
        let one_word = n.members.iter().any(|m| !m.spelling.trim().contains(' '));
        if n.kind != EntityKind::Person || !one_word {
            continue;
        }
        let Some(same_last) = n.keys.last().and_then(|k| full.get(k.as_str())) else {
            continue;
        };
        let c: Vec<(usize, u32)> = same_last
            .iter()
            .filter(|&&j| j != i && nodes[j].keys.len() > n.keys.len())
            .filter(|&&j| nodes[j].keys.ends_with(&n.keys))
            .map(|&j| (j, nodes[j].articles))
            .collect();
        parent[i] = dominant(&c, SURNAME_MIN, SURNAME_SHARE);
    }
}

/// Rule 4.
fn link_acronyms(
    nodes: &[Node],
    by_name: &HashMap<(EntityKind, &[String]), usize>,
    counts: &NameCounts,
    parent: &mut [Option<usize>],
) {
    let mut defined: HashMap<Vec<String>, HashMap<usize, u32>> = HashMap::new();
    for ((acronym, full), &n) in &counts.acronyms {
        let full_keys = name_keys(full);
        if let Some(&target) = by_name.get(&(EntityKind::Org, full_keys.as_slice())) {
            *defined
                .entry(name_keys(acronym))
                .or_default()
                .entry(target)
                .or_default() += n;
        }
    }
    for (i, n) in nodes.iter().enumerate() {
        if n.kind != EntityKind::Org || parent[i].is_some() {
            continue;
        }
        if let Some(targets) = defined.get(&n.keys) {
            let c: Vec<(usize, u32)> = targets.iter().map(|(&t, &n)| (t, n)).collect();
            parent[i] = dominant(&c, 1, ACRONYM_SHARE).filter(|&t| t != i);
        }
    }
}

/// Rule 5. Candidates are found by lookups, never by comparing every pair: a suffix added
/// (or a plural turned into one), or the same first three letters of the first word and
/// the same initials.
fn link_short_forms(
    nodes: &[Node],
    by_name: &HashMap<(EntityKind, &[String]), usize>,
    parent: &mut [Option<usize>],
) {
    let bucket = |keys: &[String]| -> Vec<String> {
        let mut shape: Vec<String> = keys.iter().map(|k| k.chars().take(1).collect()).collect();
        shape[0] = keys[0].chars().take(3).collect();
        shape
    };
    let mut shapes: HashMap<Vec<String>, Vec<usize>> = HashMap::new();
    for (i, n) in nodes.iter().enumerate() {
        if n.kind == EntityKind::Org && n.keys.len() > 1 {
            shapes.entry(bucket(&n.keys)).or_default().push(i);
        }
    }
    for (i, n) in nodes.iter().enumerate() {
        if n.kind != EntityKind::Org || parent[i].is_some() {
            continue;
        }
        let mut longer: Vec<usize> = shapes.get(&bucket(&n.keys)).cloned().unwrap_or_default();
        let singular = match n.keys.as_slice() {
            [one] => one.strip_suffix('s').map(str::to_string),
            _ => None,
        };
        for suffix in ORG_SUFFIXES {
            let mut with = n.keys.clone();
            with.push(suffix.to_string());
            longer.extend(by_name.get(&(EntityKind::Org, with.as_slice())));
            if let Some(word) = &singular {
                let with = [word.clone(), suffix.to_string()];
                longer.extend(by_name.get(&(EntityKind::Org, with.as_slice())));
            }
        }
        longer.sort_unstable();
        longer.dedup();
        let c: Vec<(usize, u32)> = longer
            .into_iter()
            .filter(|&j| j != i && shortens(&n.keys, &nodes[j].keys))
            .map(|j| (j, nodes[j].articles))
            .collect();
        parent[i] = dominant(&c, SHORT_FORM_MIN, SHORT_FORM_SHARE);
    }
}

/// Whether `short` is a short form of `long` (rule 5).
pub fn shortens(short: &[String], long: &[String]) -> bool {
    let suffix = |w: &String| ORG_SUFFIXES.contains(&w.as_str());
    if let Some((last, head)) = long.split_last() {
        if suffix(last) && head == short {
            return true;
        }
        if let ([plural], [word], true) = (short, head, suffix(last)) {
            if plural.strip_suffix('s') == Some(word.as_str()) {
                return true;
            }
        }
    }
    let first_three = |w: &String| -> String { w.chars().take(3).collect() };
    short.len() == long.len()
        && short.len() > 1
        && short != long
        && first_three(&short[0]) == first_three(&long[0])
        && short
            .iter()
            .zip(long)
            .all(|(s, l)| s == l || abbreviates(s, l))
}

/// A word of three letters or more that keeps the first letter of a longer word and some of
/// the others, in order ("dems" for "democrats", "utd" for "united").
fn abbreviates(short: &str, long: &str) -> bool {
    let mut rest = long.chars();
    short.chars().count() >= 3
        && short.len() < long.len()
        && short.chars().next() == long.chars().next()
        && short.chars().all(|c| rest.any(|l| l == c))
}

/// The root of a node's links (links always go to longer names, so there are no cycles;
/// the walk is bounded all the same).
fn root(parent: &[Option<usize>], mut i: usize) -> usize {
    for _ in 0..parent.len() {
        match parent[i] {
            Some(p) if p != i => i = p,
            _ => break,
        }
    }
    i
}

/// Entities with several names or re-kinded spellings, largest first.
fn gather(nodes: Vec<Node>, parent: &[Option<usize>]) -> Vec<Entity> {
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..nodes.len() {
        groups.entry(root(parent, i)).or_default().push(i);
    }
    let mut out = Vec::new();
    for (head, members) in groups {
        let node = &nodes[head];
        let rekinded = node.members.iter().any(|m| m.kind != node.kind);
        if members.len() < 2 && !rekinded {
            continue;
        }
        // The commonest spelling among the fullest names (as many keys as the head's).
        let display = members
            .iter()
            .filter(|&&i| nodes[i].keys.len() == node.keys.len())
            .flat_map(|&i| &nodes[i].members)
            .max_by(|a, b| {
                a.articles
                    .cmp(&b.articles)
                    .then(b.spelling.cmp(&a.spelling))
            })
            .map(|m| m.spelling.clone())
            .unwrap_or_default();
        let mut all: Vec<Member> = members
            .iter()
            .flat_map(|&i| nodes[i].members.iter().cloned())
            .collect();
        all.sort_by(|a, b| {
            b.articles
                .cmp(&a.articles)
                .then(a.spelling.cmp(&b.spelling))
        });
        out.push(Entity {
            kind: node.kind,
            display,
            members: all,
        });
    }
    let size = |e: &Entity| e.members.iter().map(|m| m.articles).sum::<u32>();
    out.sort_by(|a, b| size(b).cmp(&size(a)).then(a.display.cmp(&b.display)));
    out
}
