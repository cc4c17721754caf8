//! The read side of the name table: the entities of `names.entities`, looked up by a
//! spelling as an entity field stores it (for `people`) or by a name as a user types it (for
//! the `--person` filters and `person:`), reloaded when the file changes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use super::file;
use super::resolve::Entity;
use crate::extract::names::name_keys;
use crate::extract::EntityKind;

/// The archive's merged entities, with lookups.
#[derive(Debug, Default)]
pub struct NameTable {
    entities: Vec<Entity>,
    /// (kind stored, spelling) → entity.
    by_spelling: HashMap<(EntityKind, String), usize>,
    /// (entity kind, keys joined by spaces) → entity.
    by_keys: HashMap<(EntityKind, String), usize>,
}

impl NameTable {
    /// A table of these entities.
    pub fn new(entities: Vec<Entity>) -> NameTable {
        let mut table = NameTable::default();
        for (i, e) in entities.iter().enumerate() {
            for m in &e.members {
                table.by_spelling.insert((m.kind, m.spelling.clone()), i);
                let keys = name_keys(&m.spelling).join(" ");
                table.by_keys.entry((e.kind, keys)).or_insert(i);
            }
        }
        table.entities = entities;
        table
    }

    /// The table beside the index in `dir`; empty when there is none or it is damaged.
    pub fn load(dir: &Path) -> NameTable {
        NameTable::new(file::read_entities(dir).unwrap_or_default())
    }

    /// Every entity, largest first.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity that a spelling stored under `kind` belongs to.
    pub fn of_spelling(&self, kind: EntityKind, spelling: &str) -> Option<&Entity> {
        self.entities.get(self.index_of_spelling(kind, spelling)?)
    }

    /// The position in [`entities`](NameTable::entities) of the entity that a spelling
    /// stored under `kind` belongs to.
    pub fn index_of_spelling(&self, kind: EntityKind, spelling: &str) -> Option<usize> {
        self.by_spelling.get(&(kind, spelling.to_string())).copied()
    }

    /// The entity of kind `kind` that a typed name (any alias, any spelling that folds to
    /// the same keys) names.
    pub fn named(&self, kind: EntityKind, name: &str) -> Option<&Entity> {
        let keys = name_keys(name).join(" ");
        let i = self.by_keys.get(&(kind, keys))?;
        self.entities.get(*i)
    }
}

/// The table of one index folder, loaded on first use and again when its file changes.
#[derive(Debug, Default)]
pub(crate) struct TableCache {
    loaded: Mutex<Option<(Option<SystemTime>, Arc<NameTable>)>>,
}

impl TableCache {
    /// The current table of `dir` (a file stamp check per call; a load when it changed).
    pub(crate) fn get(&self, dir: &Path) -> Arc<NameTable> {
        let stamp = modified(&dir.join(super::ENTITIES_FILE));
        let mut loaded = match self.loaded.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some((at, table)) = loaded.as_ref() {
            if *at == stamp {
                return Arc::clone(table);
            }
        }
        let table = Arc::new(NameTable::load(dir));
        *loaded = Some((stamp, Arc::clone(&table)));
        table
    }
}

fn modified(path: &PathBuf) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}
