//! Who appears with whom: the entities that share articles with one named entity, ranked so
//! that specific companions come before ubiquitous ones.
//!
//! For an entity B beside the named entity W among N matching articles, with `shared`
//! articles naming both, `n_w` naming W and `n_b` naming B:
//!
//! - lift = (shared / n_w) / (n_b / N), how much likelier B is beside W than anywhere;
//! - score = shared × log2(lift), the *local mutual information*. Lift alone (or PMI) puts a
//!   name seen once, in one of W's articles, at the top; the shared count alone puts the
//!   archive's most common names (the capital, the government) at the top whoever W is.
//!   Weighting log-lift by the shared count keeps both in check, and is 0 for a companion
//!   that appears beside W exactly as often as anywhere else (negative when less often).

use std::collections::HashMap;

use tantivy::query::{BooleanQuery, Occur, Query};

use super::people::EntityCount;
use super::query::QueryBuilder;
use super::request::NameField;
use super::SearchError;
use crate::extract::names::name_keys;

/// A filter for articles naming `name` as a person, an organisation or a place.
pub(super) fn named(qb: &QueryBuilder<'_>, name: &str) -> Result<Box<dyn Query>, SearchError> {
    let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for field in [NameField::Person, NameField::Org, NameField::Place] {
        any.push((Occur::Should, qb.name(field, name)?));
    }
    Ok(Box::new(BooleanQuery::new(any)))
}

/// Ranks the entities counted in the articles naming `with` (`shared`) against their counts
/// in all matching articles (`all`): `total` matching articles, `with_n` of them naming it.
pub(super) fn rank(
    with: &str,
    shared: Vec<EntityCount>,
    all: &[EntityCount],
    total: u64,
    with_n: u64,
) -> Vec<EntityCount> {
    let everywhere: HashMap<(Vec<String>, _), u64> = all
        .iter()
        .map(|e| ((name_keys(&e.name), e.kind), e.articles))
        .collect();
    let own = name_keys(with);
    let mut ranked: Vec<EntityCount> = shared
        .into_iter()
        .filter(|e| !same_entity(&own, &name_keys(&e.name)))
        .map(|mut e| {
            let key = (name_keys(&e.name), e.kind);
            let n_b = everywhere.get(&key).copied().unwrap_or(0).max(e.articles);
            let lift = lift(e.articles, with_n, n_b, total);
            e.in_all = Some(n_b);
            e.lift = Some(round(lift));
            e.score = Some(round(
                e.articles as f64 * lift.max(f64::MIN_POSITIVE).log2(),
            ));
            e
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.score
            .unwrap_or(0.0)
            .total_cmp(&a.score.unwrap_or(0.0))
            .then(b.articles.cmp(&a.articles))
            .then(a.name.cmp(&b.name))
    });
    ranked
}

fn lift(shared: u64, with_n: u64, n_b: u64, total: u64) -> f64 {
    if with_n == 0 || n_b == 0 || total == 0 {
        return 0.0;
    }
    (shared as f64 / with_n as f64) / (n_b as f64 / total as f64)
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Whether a companion's keys name the entity itself: the same name, its lone surname
/// ("Blair" beside "Tony Blair"), or a full name of a lone surname asked for.
fn same_entity(own: &[String], other: &[String]) -> bool {
    if own == other {
        return true;
    }
    match (own, other) {
        ([word], longer) | (longer, [word]) => longer.last() == Some(word),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::EntityKind;

    fn count(name: &str, articles: u64) -> EntityCount {
        EntityCount {
            name: name.into(),
            kind: EntityKind::Person,
            articles,
            in_all: None,
            lift: None,
            score: None,
            aliases: Vec::new(),
        }
    }

    #[test]
    fn specific_companions_rank_above_ubiquitous_and_one_off_ones() {
        // 1,000 articles, 40 of them naming Gordon Brown.
        let all = [
            count("Tony Blair", 300),      // everywhere in politics
            count("Alistair Darling", 30), // mostly beside Brown
            count("Jo Bloggs", 1),         // once, beside Brown
            count("Gordon Brown", 40),
        ];
        let shared = vec![
            count("Tony Blair", 20),
            count("Alistair Darling", 15),
            count("Jo Bloggs", 1),
            count("Gordon Brown", 40),
            count("Brown", 3),
        ];
        let ranked = rank("Gordon Brown", shared, &all, 1000, 40);
        let names: Vec<&str> = ranked.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Alistair Darling", "Tony Blair", "Jo Bloggs"]);
        let darling = &ranked[0];
        assert_eq!(darling.in_all, Some(30));
        assert_eq!(darling.lift, Some(12.5), "15/40 against 30/1000");
    }

    #[test]
    fn the_entity_itself_is_not_its_own_companion() {
        let keys = |s: &str| name_keys(s);
        assert!(same_entity(&keys("Tony Blair"), &keys("Blair")));
        assert!(same_entity(&keys("Blair"), &keys("Tony Blair")));
        assert!(same_entity(&keys("Zelensky"), &keys("Volodymyr Zelenskyy")));
        assert!(!same_entity(&keys("Tony Blair"), &keys("Cherie Booth")));
        assert!(!same_entity(&keys("Tony Blair"), &keys("Euan Blair")));
    }

    #[test]
    fn lift_is_zero_without_counts_not_a_division_by_zero() {
        assert_eq!(lift(0, 0, 0, 0), 0.0);
        assert_eq!(lift(5, 10, 50, 100), 1.0, "as often beside as anywhere");
    }
}
