//! The entity rows of an export: every person, organisation and place named in the matching
//! articles, with the other spellings merged into it, the number of matching articles and
//! the first and last dates, counted from the fast columns like `people` does.
//!
//! Two walks over the matching documents, neither reading a stored document: the first
//! finds each spelling's article count and dates (which choose each group's displayed name,
//! as in `people`), the second counts every article once per merged entity. Spellings merge
//! as `people` merges them (`groups`: the archive's name table, then equal keys and lone
//! surnames). Memory is
//! bounded by the number of distinct names, not by the number of matches.

use std::collections::HashMap;

use tantivy::columnar::StrColumn;
use tantivy::query::Query;
use tantivy::Searcher;

use super::export::{for_each_match, EntityRow, ExportError};
use super::groups::{entity_groups, EntityGroups};
use super::{format_date, SearchError};
use crate::extract::EntityKind;
use crate::index::names::NameTable;
use crate::index::schema::columns;

/// Articles and date range of one spelling, or of one merged entity.
#[derive(Debug, Clone, Copy)]
struct Stat {
    articles: u64,
    first: i64,
    last: i64,
}

impl Default for Stat {
    fn default() -> Stat {
        Stat {
            articles: 0,
            first: i64::MAX,
            last: i64::MIN,
        }
    }
}

impl Stat {
    fn add(&mut self, date: Option<i64>) {
        self.articles += 1;
        self.widen(date);
    }

    fn widen(&mut self, date: Option<i64>) {
        if let Some(secs) = date {
            self.first = self.first.min(secs);
            self.last = self.last.max(secs);
        }
    }

    fn merge(&mut self, other: &Stat) {
        self.articles += other.articles;
        if other.first <= other.last {
            self.widen(Some(other.first));
            self.widen(Some(other.last));
        }
    }
}

/// The facet column of each kind, in [`EntityKind::ALL`] order.
fn column_of(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => columns::PERSON_FACET,
        EntityKind::Org => columns::ORG_FACET,
        EntityKind::Place => columns::PLACE_FACET,
    }
}

/// One segment's names by ordinal (`None` for names no matching article uses), per kind.
type SegmentNames = Vec<Vec<Option<String>>>;

/// Every entity of the matching articles, most articles first, then by kind and name.
pub(super) fn entities(
    searcher: &Searcher,
    query: &dyn Query,
    table: &NameTable,
) -> Result<Vec<EntityRow>, ExportError> {
    let kinds = EntityKind::ALL;
    let mut spellings: Vec<HashMap<String, Stat>> = vec![HashMap::new(); kinds.len()];
    let mut by_segment: Vec<SegmentNames> = Vec::new();
    for_each_match(searcher, query, |_, reader, docs| {
        let fast = reader.fast_fields();
        let cols = kind_columns(reader)?;
        let dates = fast.date(columns::DATE)?;
        let mut per_ord: Vec<Vec<Stat>> = cols
            .iter()
            .map(|c| vec![Stat::default(); c.as_ref().map_or(0, |c| c.num_terms())])
            .collect();
        for doc in docs {
            let date = dates.first(doc).map(|d| d.into_timestamp_secs());
            for (col, stats) in cols.iter().zip(&mut per_ord) {
                let Some(col) = col else { continue };
                for ord in col.term_ords(doc) {
                    if let Some(stat) = stats.get_mut(ord as usize) {
                        stat.add(date);
                    }
                }
            }
        }
        let mut names = Vec::with_capacity(kinds.len());
        for ((col, stats), found) in cols.iter().zip(&per_ord).zip(&mut spellings) {
            names.push(used_names(col.as_ref(), stats, found)?);
        }
        by_segment.push(names);
        Ok(())
    })?;
    let counts: HashMap<(EntityKind, String), u64> = kinds
        .iter()
        .zip(&spellings)
        .flat_map(|(&kind, found)| {
            found
                .iter()
                .map(move |(n, s)| ((kind, n.clone()), s.articles))
        })
        .collect();
    let groups = entity_groups(&counts, &kinds, table);
    let articles = count_groups(searcher, query, &by_segment, &groups)?;
    let mut rows = group_rows(&groups, &spellings, &articles);
    rows.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then(kind_rank(a.kind).cmp(&kind_rank(b.kind)))
            .then(a.name.cmp(&b.name))
    });
    Ok(rows)
}

fn kind_rank(kind: EntityKind) -> usize {
    EntityKind::ALL.iter().position(|&k| k == kind).unwrap_or(0)
}

/// The facet columns of a segment, per kind (`None` where a segment has no such names).
fn kind_columns(reader: &tantivy::SegmentReader) -> Result<Vec<Option<StrColumn>>, ExportError> {
    let fast = reader.fast_fields();
    let mut cols = Vec::with_capacity(EntityKind::ALL.len());
    for kind in EntityKind::ALL {
        cols.push(fast.str(column_of(kind))?);
    }
    Ok(cols)
}

/// Looks up the names of the ordinals some matching article uses, adding their stats to
/// `found`.
fn used_names(
    col: Option<&StrColumn>,
    stats: &[Stat],
    found: &mut HashMap<String, Stat>,
) -> Result<Vec<Option<String>>, ExportError> {
    let mut names = vec![None; stats.len()];
    let Some(col) = col else {
        return Ok(names);
    };
    let used: Vec<u64> = (0..stats.len() as u64)
        .filter(|&ord| stats[ord as usize].articles > 0)
        .collect();
    let terms = crate::index::ord_terms(col, &used).map_err(SearchError::Io)?;
    for (ord, name) in used.into_iter().zip(terms) {
        let ord = ord as usize;
        found.entry(name.clone()).or_default().merge(&stats[ord]);
        names[ord] = Some(name);
    }
    Ok(names)
}

/// The matching articles of every merged entity, each article counted once per entity.
fn count_groups(
    searcher: &Searcher,
    query: &dyn Query,
    by_segment: &[SegmentNames],
    groups: &EntityGroups,
) -> Result<Vec<u64>, ExportError> {
    let mut articles = vec![0u64; groups.len()];
    let mut seen: Vec<usize> = Vec::new();
    for_each_match(searcher, query, |segment, reader, docs| {
        let Some(names) = by_segment.get(segment as usize) else {
            return Ok(());
        };
        let cols = kind_columns(reader)?;
        let group_of: Vec<Vec<Option<usize>>> = names
            .iter()
            .zip(EntityKind::ALL)
            .map(|(names, kind)| {
                let of = |n: &Option<String>| n.as_ref().and_then(|n| groups.of(kind, n));
                names.iter().map(of).collect()
            })
            .collect();
        for doc in docs {
            seen.clear();
            for (col, group_of) in cols.iter().zip(&group_of) {
                let Some(col) = col else { continue };
                seen.extend(
                    col.term_ords(doc)
                        .filter_map(|ord| group_of.get(ord as usize).copied().flatten()),
                );
            }
            seen.sort_unstable();
            seen.dedup();
            for &g in &seen {
                if let Some(n) = articles.get_mut(g) {
                    *n += 1;
                }
            }
        }
        Ok(())
    })?;
    Ok(articles)
}

/// One row per entity: displayed name, other spellings, articles and dates.
fn group_rows(
    groups: &EntityGroups,
    spellings: &[HashMap<String, Stat>],
    articles: &[u64],
) -> Vec<EntityRow> {
    let day = |secs: i64| chrono::DateTime::from_timestamp(secs, 0).map(format_date);
    let mut rows = Vec::with_capacity(groups.len());
    for (g, ((shown, kind), members)) in groups.shown.iter().zip(&groups.members).enumerate() {
        let mut dates = Stat::default();
        let mut aliases = Vec::new();
        for (member_kind, name) in members {
            let slot = kind_rank(*member_kind);
            if let Some(stat) = spellings.get(slot).and_then(|s| s.get(name)) {
                dates.merge(stat);
            }
            if name != shown {
                aliases.push(name.to_string());
            }
        }
        aliases.sort();
        aliases.dedup();
        let dated = dates.first <= dates.last;
        rows.push(EntityRow {
            name: shown.clone(),
            kind: *kind,
            aliases,
            articles: articles.get(g).copied().unwrap_or(0),
            first_date: if dated { day(dates.first) } else { None },
            last_date: if dated { day(dates.last) } else { None },
        });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_merge_into_one_row_with_the_widest_dates() {
        let mut spellings = HashMap::new();
        let stat = |articles, first, last| Stat {
            articles,
            first,
            last,
        };
        spellings.insert("Tony Blair".to_string(), stat(3, 86_400, 10 * 86_400));
        spellings.insert("Blair".to_string(), stat(1, 0, 0));
        spellings.insert("Gordon Brown".to_string(), Stat::default());
        let counts = spellings
            .iter()
            .map(|(n, s)| ((EntityKind::Person, n.clone()), s.articles))
            .collect();
        let groups = entity_groups(&counts, &[EntityKind::Person], &NameTable::default());
        let articles: Vec<u64> = groups
            .shown
            .iter()
            .map(|(n, _)| if n == "Tony Blair" { 4 } else { 0 })
            .collect();
        let by_kind = [spellings, HashMap::new(), HashMap::new()];
        let mut rows = group_rows(&groups, &by_kind, &articles);
        rows.sort_by(|a, b| a.name.cmp(&b.name));
        assert_eq!(rows.len(), 2, "{rows:?}");
        let blair = &rows[1];
        assert_eq!(blair.name, "Tony Blair");
        assert_eq!(blair.aliases, ["Blair"]);
        assert_eq!(blair.articles, 4);
        assert_eq!(blair.first_date.as_deref(), Some("1970-01-01"));
        assert_eq!(blair.last_date.as_deref(), Some("1970-01-11"));
        let brown = &rows[0];
        assert_eq!(
            (brown.first_date.clone(), brown.last_date.clone()),
            (None, None)
        );
    }
}
