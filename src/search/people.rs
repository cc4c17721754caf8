//! Who is in these results: the most mentioned people, organisations and places among the
//! articles that match a query, with the number of articles for each.
//!
//! Counts come from the `*_facet` fast columns (no stored-document reads). Spellings the
//! archive's name table merges (`index::names`: kinds by archive vote, lone surnames linked
//! to the dominant full name, organisation aliases and acronyms) count as one entity, listed
//! with its `aliases`; among the other names, those that fold to the same match keys
//! ("Zelensky"/"Zelenskyy") are merged, and a person's lone surname ("Blair") joins the one
//! full name in the results that ends with it. Each article counts once per entity.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::collector::DocSetCollector;

use super::groups::entity_groups;
use super::query::{combine, QueryBuilder};
use super::request::{Filters, PeopleRequest};
use super::{Archive, SearchError};
use crate::extract::names::name_keys;
use crate::extract::EntityKind;
use crate::index::names::NameTable;
use crate::index::schema::{columns, KIND_ARTICLE};

/// One spelling counted into an entity.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Alias {
    /// The spelling, as articles give it.
    pub name: String,
    /// The kind those articles gave it (an archive vote may have changed the entity's).
    pub kind: EntityKind,
    /// Matching articles that name it so.
    pub articles: u64,
}

/// One entity and the number of matching articles that mention it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EntityCount {
    /// The spelling most articles use.
    pub name: String,
    /// `person`, `org` or `place`.
    pub kind: EntityKind,
    /// Matching articles that mention it (with `with`: that mention both).
    pub articles: u64,
    /// With `with`: the matching articles that mention it at all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_all: Option<u64>,
    /// With `with`: how much more often it appears beside the entity than in the matching
    /// articles at large (lift: P(it | with) / P(it)).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lift: Option<f64>,
    /// With `with`: the ranking score, shared articles × log2(lift) (local mutual
    /// information: specific companions above ubiquitous ones, and above one-off ones).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// The spellings merged into it, most articles first (left out for a single spelling).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<Alias>,
}

/// The answer to a `people` request.
#[derive(Debug, Clone, Serialize)]
pub struct PeopleResults {
    /// The query text, or null for every article.
    pub query: Option<String>,
    /// The filters as applied.
    pub filters: Filters,
    /// The kind counted, or null for all kinds.
    pub kind: Option<EntityKind>,
    /// The entity whose companions are listed, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub with: Option<String>,
    /// With `with`: the matching articles that mention it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub with_articles: Option<u64>,
    /// Entities, most articles first (with `with`: highest score first).
    pub entities: Vec<EntityCount>,
}

pub(super) fn people(archive: &Archive, req: &PeopleRequest) -> Result<PeopleResults, SearchError> {
    let fields = archive.index.fields();
    let qb = QueryBuilder::new(&archive.index, &[fields.title, fields.body]);
    let scored = qb.parse_optional(req.text())?;
    let mut filters = vec![qb.kind(KIND_ARTICLE)];
    filters.extend(qb.filters(&req.filters)?);
    let query = combine(scored, filters);
    let searcher = archive.searcher();
    let kinds: Vec<EntityKind> = match req.kind {
        Some(k) => vec![k],
        None => EntityKind::ALL.to_vec(),
    };
    let matching = doc_sets(&searcher, &*query)?;
    let table = archive.index.names();
    let count_all = |docs: &HashMap<u32, Vec<u32>>| count_all(&searcher, docs, &kinds, &table);
    let (entities, with_articles) = match req.with.as_deref() {
        None => {
            let mut all = count_all(&matching)?;
            all.sort_by(|a, b| {
                b.articles
                    .cmp(&a.articles)
                    .then(a.name.cmp(&b.name))
                    .then(a.kind.cmp(&b.kind))
            });
            (all, None)
        }
        Some(with) => {
            let beside = combine(Some(query), vec![super::companions::named(&qb, with)?]);
            let shared_docs = doc_sets(&searcher, &*beside)?;
            let shared = count_all(&shared_docs)?;
            let all = count_all(&matching)?;
            let n = |sets: &HashMap<u32, Vec<u32>>| sets.values().map(|d| d.len() as u64).sum();
            let (total, with_n) = (n(&matching), n(&shared_docs));
            let ranked = super::companions::rank(with, shared, &all, total, with_n);
            (ranked, Some(with_n))
        }
    };
    Ok(PeopleResults::answer(req, entities, with_articles))
}

impl PeopleResults {
    /// The answer to `req`: its echo, and the first `limit` of `entities` (ranked).
    pub(super) fn answer(
        req: &PeopleRequest,
        mut entities: Vec<EntityCount>,
        with_articles: Option<u64>,
    ) -> PeopleResults {
        entities.truncate(req.limit);
        PeopleResults {
            query: req.text().map(str::to_string),
            filters: req.filters.clone(),
            kind: req.kind,
            with: req.with.clone(),
            with_articles,
            entities,
        }
    }
}

/// The documents matching `query`, by segment.
fn doc_sets(
    searcher: &tantivy::Searcher,
    query: &dyn tantivy::query::Query,
) -> Result<HashMap<u32, Vec<u32>>, SearchError> {
    let mut by_segment: HashMap<u32, Vec<u32>> = HashMap::new();
    for address in searcher.search(query, &DocSetCollector)? {
        by_segment
            .entry(address.segment_ord)
            .or_default()
            .push(address.doc_id);
    }
    Ok(by_segment)
}

/// Article counts of every entity of these kinds in the documents: the facet columns of
/// these kinds, and of any kind whose spellings the table votes into one of them.
fn count_all(
    searcher: &tantivy::Searcher,
    docs: &HashMap<u32, Vec<u32>>,
    kinds: &[EntityKind],
    table: &NameTable,
) -> Result<Vec<EntityCount>, SearchError> {
    let columns: Vec<EntityKind> = EntityKind::ALL
        .into_iter()
        .filter(|c| {
            kinds.contains(c)
                || table
                    .entities()
                    .iter()
                    .any(|e| kinds.contains(&e.kind) && e.members.iter().any(|m| m.kind == *c))
        })
        .collect();
    // Per column: each segment's names by ordinal, and each name's article count.
    let mut used: Vec<(EntityKind, u32, Vec<Option<String>>)> = Vec::new();
    let mut counts: HashMap<(EntityKind, String), u64> = HashMap::new();
    for &column in &columns {
        let mut of_column: HashMap<String, u64> = HashMap::new();
        for (&segment, seg_docs) in docs {
            let names = used_names(searcher, segment, seg_docs, facet(column), &mut of_column)?;
            used.push((column, segment, names));
        }
        counts.extend(of_column.into_iter().map(|(n, c)| ((column, n), c)));
    }
    let groups = entity_groups(&counts, kinds, table);
    let mut articles = vec![0u64; groups.len()];
    let mut seen: Vec<usize> = Vec::new();
    for (&segment, seg_docs) in docs {
        let reader = searcher.segment_reader(segment);
        let mut cols = Vec::new();
        for (column, _, names) in used.iter().filter(|u| u.1 == segment) {
            let Some(col) = reader.fast_fields().str(facet(*column))? else {
                continue;
            };
            let group_of: Vec<Option<usize>> = names
                .iter()
                .map(|n| n.as_ref().and_then(|n| groups.of(*column, n)))
                .collect();
            cols.push((col, group_of));
        }
        for &doc in seg_docs {
            seen.clear();
            for (col, group_of) in &cols {
                seen.extend(
                    col.term_ords(doc)
                        .filter_map(|ord| group_of.get(ord as usize).copied().flatten()),
                );
            }
            seen.sort_unstable();
            seen.dedup();
            for &g in &seen {
                articles[g] += 1;
            }
        }
    }
    Ok(groups.into_counts(articles, &counts))
}

fn facet(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => columns::PERSON_FACET,
        EntityKind::Org => columns::ORG_FACET,
        EntityKind::Place => columns::PLACE_FACET,
    }
}

/// The names a segment's matching documents use, by ordinal (`None` for unused ordinals),
/// adding each name's article count to `counts`.
fn used_names(
    searcher: &tantivy::Searcher,
    segment: u32,
    docs: &[u32],
    column: &str,
    counts: &mut HashMap<String, u64>,
) -> Result<Vec<Option<String>>, SearchError> {
    let reader = searcher.segment_reader(segment);
    let Some(col) = reader.fast_fields().str(column)? else {
        return Ok(Vec::new());
    };
    let mut per_ord = vec![0u64; col.num_terms()];
    for &doc in docs {
        for ord in col.term_ords(doc) {
            if let Some(slot) = per_ord.get_mut(ord as usize) {
                *slot += 1;
            }
        }
    }
    let err = SearchError::Io;
    let used: Vec<u64> = (0..per_ord.len() as u64)
        .filter(|&ord| per_ord[ord as usize] > 0)
        .collect();
    let mut names: Vec<Option<String>> = vec![None; per_ord.len()];
    let terms = crate::index::ord_terms(&col, &used).map_err(err)?;
    for (ord, name) in used.into_iter().zip(terms) {
        names[ord as usize] = Some(name);
    }
    for (name, n) in names.iter().zip(&per_ord) {
        if let Some(name) = name {
            *counts.entry(name.clone()).or_default() += n;
        }
    }
    Ok(names)
}

/// Names grouped for counting: each group's displayed name, and each name's group.
#[derive(Debug, Default)]
pub(crate) struct NameGroups {
    pub names: Vec<String>,
    pub of: HashMap<String, usize>,
}

/// Groups spellings with equal match keys (displaying the spelling most articles use) and,
/// for people (`surnames`), a lone surname with the single longer name that ends with it.
/// Places and organisations keep their last word apart: "Ireland" is not "Northern Ireland",
/// nor "Europe" "Eastern Europe".
pub(crate) fn group_names(counts: &HashMap<String, u64>, surnames: bool) -> NameGroups {
    // Key → (displayed spelling, its count, spellings).
    let mut by_key: HashMap<Vec<String>, (String, u64, Vec<String>)> = HashMap::new();
    for (name, &n) in counts {
        let key = name_keys(name);
        let entry = by_key
            .entry(key)
            .or_insert_with(|| (name.clone(), 0, Vec::new()));
        if n > entry.1 || (n == entry.1 && *name < entry.0) {
            entry.0 = name.clone();
            entry.1 = n;
        }
        entry.2.push(name.clone());
    }
    let mut full_names: HashMap<String, Vec<Vec<String>>> = HashMap::new();
    for key in by_key.keys().filter(|k| surnames && k.len() > 1) {
        if let Some(last) = key.last() {
            full_names
                .entry(last.clone())
                .or_default()
                .push(key.clone());
        }
    }
    let singles: Vec<Vec<String>> = by_key.keys().filter(|k| k.len() == 1).cloned().collect();
    for single in singles {
        if let Some([full]) = full_names.get(&single[0]).map(Vec::as_slice) {
            if let Some((_, _, spellings)) = by_key.remove(&single) {
                if let Some(entry) = by_key.get_mut(full) {
                    entry.2.extend(spellings);
                }
            }
        }
    }
    let mut groups = NameGroups::default();
    for (shown, _, spellings) in by_key.into_values() {
        let id = groups.names.len();
        groups.names.push(shown);
        groups.of.extend(spellings.into_iter().map(|s| (s, id)));
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_and_lone_surnames_group() {
        let counts: HashMap<String, u64> = [
            ("Tony Blair", 10),
            ("Blair", 4),
            ("Gordon Brown", 7),
            ("Brown", 2),
            ("Cherie Brown", 1),
            ("Volodymyr Zelensky", 3),
            ("volodymyr zelensky", 1),
            ("Volodymyr Zelenskyy", 1),
        ]
        .into_iter()
        .map(|(n, c)| (n.to_string(), c))
        .collect();
        let groups = group_names(&counts, true);
        let mut got: Vec<(String, Vec<&str>)> = groups
            .names
            .iter()
            .enumerate()
            .map(|(id, shown)| {
                let mut members: Vec<&str> = groups
                    .of
                    .iter()
                    .filter(|(_, &g)| g == id)
                    .map(|(n, _)| n.as_str())
                    .collect();
                members.sort();
                (shown.clone(), members)
            })
            .collect();
        got.sort();
        let want: Vec<(String, Vec<&str>)> = vec![
            // "Brown" is ambiguous between two full names: left alone.
            ("Brown".into(), vec!["Brown"]),
            ("Cherie Brown".into(), vec!["Cherie Brown"]),
            ("Gordon Brown".into(), vec!["Gordon Brown"]),
            ("Tony Blair".into(), vec!["Blair", "Tony Blair"]),
            (
                "Volodymyr Zelensky".into(),
                vec![
                    "Volodymyr Zelensky",
                    "Volodymyr Zelenskyy",
                    "volodymyr zelensky",
                ],
            ),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn places_and_organisations_keep_their_last_word_apart() {
        let counts: HashMap<String, u64> =
            [("Northern Ireland", 5), ("Ireland", 3), ("IRELAND", 1)]
                .into_iter()
                .map(|(n, c)| (n.to_string(), c))
                .collect();
        let groups = group_names(&counts, false);
        let mut shown = groups.names.clone();
        shown.sort();
        assert_eq!(shown, vec!["Ireland", "Northern Ireland"]);
        assert_eq!(groups.of["IRELAND"], groups.of["Ireland"]);
    }
}
