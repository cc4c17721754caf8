//! Who is in these results: the most mentioned people, organisations and places among the
//! articles that match a query, with the number of articles for each.
//!
//! Counts come from the `*_facet` fast columns (no stored-document reads), then names that
//! fold to the same match keys ("Zelensky"/"Zelenskyy") are merged, and a lone surname
//! ("Blair") is merged into the one full name in the results that ends with it.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::collector::DocSetCollector;

use super::query::{combine, QueryBuilder};
use super::{Archive, SearchError};
use crate::extract::names::name_keys;
use crate::extract::EntityKind;
use crate::index::schema::{columns, KIND_ARTICLE};

/// A `people` request.
#[derive(Debug, Clone, Default)]
pub struct PeopleRequest {
    pub query: Option<String>,
    /// Only this kind of entity; all kinds when `None`.
    pub kind: Option<EntityKind>,
    pub limit: usize,
}

/// One entity and the number of matching articles that mention it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct EntityCount {
    pub name: String,
    pub kind: EntityKind,
    pub articles: u64,
}

pub(super) fn people(
    archive: &Archive,
    req: &PeopleRequest,
) -> Result<Vec<EntityCount>, SearchError> {
    let fields = archive.index.fields();
    let qb = QueryBuilder::new(&archive.index, &[fields.title, fields.body]);
    let scored = qb.parse_optional(req.query.as_deref())?;
    let query = combine(scored, vec![qb.kind(KIND_ARTICLE)]);
    let searcher = archive.searcher();
    let docs = searcher.search(&*query, &DocSetCollector)?;
    let kinds: Vec<EntityKind> = match req.kind {
        Some(k) => vec![k],
        None => vec![
            EntityKind::Person,
            EntityKind::Organization,
            EntityKind::Location,
        ],
    };
    let mut by_segment: HashMap<u32, Vec<u32>> = HashMap::new();
    for address in docs {
        by_segment
            .entry(address.segment_ord)
            .or_default()
            .push(address.doc_id);
    }
    let mut all = Vec::new();
    for kind in kinds {
        let column = match kind {
            EntityKind::Person => columns::PERSON_FACET,
            EntityKind::Organization => columns::ORG_FACET,
            EntityKind::Location => columns::PLACE_FACET,
        };
        let mut counts: HashMap<String, u64> = HashMap::new();
        for (segment, docs) in &by_segment {
            count_segment(&searcher, *segment, docs, column, &mut counts)?;
        }
        all.extend(
            merge_names(counts)
                .into_iter()
                .map(|(name, articles)| EntityCount {
                    name,
                    kind,
                    articles,
                }),
        );
    }
    all.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.name.cmp(&b.name)));
    all.truncate(req.limit.max(1));
    Ok(all)
}

fn count_segment(
    searcher: &tantivy::Searcher,
    segment: u32,
    docs: &[u32],
    column: &str,
    counts: &mut HashMap<String, u64>,
) -> Result<(), SearchError> {
    let reader = searcher.segment_reader(segment);
    let Some(col) = reader.fast_fields().str(column)? else {
        return Ok(());
    };
    let mut per_ord = vec![0u64; col.num_terms()];
    for &doc in docs {
        for ord in col.term_ords(doc) {
            if let Some(slot) = per_ord.get_mut(ord as usize) {
                *slot += 1;
            }
        }
    }
    let err = |e: std::io::Error| SearchError::Engine(e.to_string());
    let used = per_ord.iter().filter(|&&n| n > 0).count();
    // Few names: look each up (a block read apiece); many: stream the dictionary once.
    if used * 16 < per_ord.len() {
        let mut name = String::new();
        for (ord, n) in per_ord.into_iter().enumerate().filter(|(_, n)| *n > 0) {
            if col.ord_to_str(ord as u64, &mut name).map_err(err)? {
                *counts.entry(name.clone()).or_default() += n;
            }
        }
    } else {
        let names = crate::index::dictionary_terms(&col).map_err(err)?;
        for (name, n) in names.into_iter().zip(per_ord).filter(|(_, n)| *n > 0) {
            *counts.entry(name).or_default() += n;
        }
    }
    Ok(())
}

/// Merges spellings with equal match keys (keeping the most frequent spelling) and a lone
/// surname into the single longer name that ends with it.
pub(crate) fn merge_names(counts: HashMap<String, u64>) -> Vec<(String, u64)> {
    let mut by_key: HashMap<Vec<String>, (String, u64, u64)> = HashMap::new();
    for (name, n) in counts {
        let key = name_keys(&name);
        let entry = by_key.entry(key).or_insert_with(|| (name.clone(), 0, 0));
        if n > entry.2 || (n == entry.2 && name < entry.0) {
            entry.0 = name;
            entry.2 = n;
        }
        entry.1 += n;
    }
    let mut surnames: HashMap<String, Vec<Vec<String>>> = HashMap::new();
    for key in by_key.keys().filter(|k| k.len() > 1) {
        if let Some(last) = key.last() {
            surnames.entry(last.clone()).or_default().push(key.clone());
        }
    }
    let singles: Vec<Vec<String>> = by_key.keys().filter(|k| k.len() == 1).cloned().collect();
    for single in singles {
        if let Some([full]) = surnames.get(&single[0]).map(Vec::as_slice) {
            if let Some((_, n, _)) = by_key.remove(&single) {
                if let Some(entry) = by_key.get_mut(full) {
                    entry.1 += n;
                }
            }
        }
    }
    by_key.into_values().map(|(name, n, _)| (name, n)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_and_lone_surnames_merge() {
        let counts: HashMap<String, u64> = [
            ("Tony Blair", 10),
            ("Blair", 4),
            ("Gordon Brown", 7),
            ("Brown", 2),
            ("Cherie Brown", 1),
            ("Volodymyr Zelensky", 3),
            ("volodymyr zelensky", 1),
        ]
        .into_iter()
        .map(|(n, c)| (n.to_string(), c))
        .collect();
        let mut merged = merge_names(counts);
        merged.sort();
        assert_eq!(
            merged,
            vec![
                ("Brown".to_string(), 2),
                ("Cherie Brown".to_string(), 1),
                ("Gordon Brown".to_string(), 7),
                ("Tony Blair".to_string(), 14),
                ("Volodymyr Zelensky".to_string(), 4),
            ]
        );
    }
}
