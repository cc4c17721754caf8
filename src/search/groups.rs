//! Which counted spellings are one entity, for `people` and the entity rows of exports and
//! batches alike: the spellings of an entity of the archive's name table (`index::names`)
//! join it, spellings the table gives to a kind not asked for are left out, and the others
//! group per kind by [`group_names`] (equal match keys; a lone surname with the one full
//! name among them that ends with it).

use std::collections::HashMap;

use super::people::{group_names, Alias, EntityCount};
use crate::extract::EntityKind;
use crate::index::names::NameTable;

/// The entities counted: each with its displayed name, kind and member spellings.
#[derive(Debug, Default)]
pub(super) struct EntityGroups {
    /// Each group's displayed name and kind.
    pub shown: Vec<(String, EntityKind)>,
    /// Each group's spellings, with the kind of the facet each lives in.
    pub members: Vec<Vec<(EntityKind, String)>>,
    of: HashMap<(EntityKind, String), usize>,
}

impl EntityGroups {
    fn push(&mut self, shown: String, kind: EntityKind, members: Vec<(EntityKind, String)>) {
        let id = self.shown.len();
        self.of.extend(members.iter().cloned().map(|m| (m, id)));
        self.shown.push((shown, kind));
        self.members.push(members);
    }

    /// Number of groups.
    pub fn len(&self) -> usize {
        self.shown.len()
    }

    /// The group of a spelling counted under `kind`.
    pub fn of(&self, kind: EntityKind, name: &str) -> Option<usize> {
        self.of.get(&(kind, name.to_string())).copied()
    }

    /// One row per entity, with its aliases when it has several spellings.
    pub fn into_counts(
        self,
        articles: Vec<u64>,
        counts: &HashMap<(EntityKind, String), u64>,
    ) -> Vec<EntityCount> {
        let rows = self.shown.into_iter().zip(self.members).zip(articles);
        rows.map(|(((name, kind), members), articles)| {
            let mut aliases: Vec<Alias> = Vec::new();
            if members.len() > 1 {
                aliases = members
                    .into_iter()
                    .map(|(k, n)| Alias {
                        articles: counts.get(&(k, n.clone())).copied().unwrap_or(0),
                        name: n,
                        kind: k,
                    })
                    .collect();
                aliases.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.name.cmp(&b.name)));
            }
            EntityCount {
                name,
                kind,
                articles,
                in_all: None,
                lift: None,
                score: None,
                aliases,
            }
        })
        .filter(|e| e.articles > 0)
        .collect()
    }
}

/// Groups the counted spellings: those of a table entity of a kind asked for join it;
/// spellings the table gives to another kind are left out; the rest group per kind by
/// [`group_names`].
pub(super) fn entity_groups(
    counts: &HashMap<(EntityKind, String), u64>,
    kinds: &[EntityKind],
    table: &NameTable,
) -> EntityGroups {
    let mut groups = EntityGroups::default();
    let mut from_table: HashMap<usize, Vec<(EntityKind, String)>> = HashMap::new();
    let mut rest: HashMap<EntityKind, HashMap<String, u64>> = HashMap::new();
    for ((kind, name), &n) in counts {
        match table.index_of_spelling(*kind, name) {
            Some(e) if kinds.contains(&table.entities()[e].kind) => {
                from_table.entry(e).or_default().push((*kind, name.clone()));
            }
            Some(_) => {}
            None if kinds.contains(kind) => {
                rest.entry(*kind).or_default().insert(name.clone(), n);
            }
            None => {}
        }
    }
    for (e, members) in from_table {
        let entity = &table.entities()[e];
        groups.push(entity.display.clone(), entity.kind, members);
    }
    for (kind, names) in rest {
        let local = group_names(&names, kind == EntityKind::Person);
        let mut members: Vec<Vec<(EntityKind, String)>> = vec![Vec::new(); local.names.len()];
        for (name, g) in local.of {
            members[g].push((kind, name));
        }
        for (shown, members) in local.names.into_iter().zip(members) {
            groups.push(shown, kind, members);
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::names::resolve::{Entity, Member};

    fn member(kind: EntityKind, spelling: &str) -> Member {
        Member {
            kind,
            spelling: spelling.into(),
            articles: 1,
        }
    }

    /// A table where "Blair" belongs to Tony Blair and the town Alvik was voted a place
    /// though one article tagged it a person.
    fn table() -> NameTable {
        NameTable::new(vec![
            Entity {
                kind: EntityKind::Person,
                display: "Tony Blair".into(),
                members: vec![
                    member(EntityKind::Person, "Tony Blair"),
                    member(EntityKind::Person, "Blair"),
                ],
            },
            Entity {
                kind: EntityKind::Place,
                display: "Alvik".into(),
                members: vec![
                    member(EntityKind::Place, "Alvik"),
                    member(EntityKind::Person, "Alvik"),
                ],
            },
        ])
    }

    /// Each group as "kind shown: members", sorted.
    fn grouped(counted: &[(EntityKind, &str)], kinds: &[EntityKind]) -> Vec<String> {
        let counts = counted
            .iter()
            .map(|(k, n)| ((*k, n.to_string()), 1))
            .collect();
        let g = entity_groups(&counts, kinds, &table());
        let mut out: Vec<String> = g
            .shown
            .iter()
            .zip(&g.members)
            .map(|((shown, kind), members)| {
                let mut m: Vec<String> = members
                    .iter()
                    .map(|(k, n)| format!("{n}/{}", k.name()))
                    .collect();
                m.sort();
                format!("{} {shown}: {}", kind.name(), m.join(", "))
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn table_entities_take_their_spellings_across_kinds() {
        use EntityKind::{Person, Place};
        let counted = [
            (Person, "Blair"),
            (Person, "Alvik"),
            (Place, "Alvik"),
            (Person, "Anna Brandt"),
            (Person, "Brandt"),
        ];
        let cases: [(&[EntityKind], Vec<&str>); 2] = [
            (
                &[Person, Place],
                vec![
                    // Not in the table: the results-level rule joins the lone surname.
                    "person Anna Brandt: Anna Brandt/person, Brandt/person",
                    "person Tony Blair: Blair/person",
                    "place Alvik: Alvik/person, Alvik/place",
                ],
            ),
            (
                &[Person],
                vec![
                    "person Anna Brandt: Anna Brandt/person, Brandt/person",
                    "person Tony Blair: Blair/person",
                ],
            ),
        ];
        for (kinds, want) in cases {
            assert_eq!(grouped(&counted, kinds), want, "{kinds:?}");
        }
    }
}
