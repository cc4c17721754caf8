//! Saved searches: named queries with filters, kept beside the index in one small versioned
//! JSON file, each with the mark of the archive it was last checked against (see
//! `index::added`), so `saved new` can say exactly what arrived since.
//!
//! The file is only ever replaced whole: written to a temporary file in the same folder,
//! flushed to disk and renamed over the old one, so a crash leaves the old or the new list,
//! never half of one. Every change (add, remove, a check that moves a mark) runs under an
//! exclusive lock on a lock file beside it and re-reads the list inside the lock, so a
//! `saved new` from cron and a search saved from the page at the same moment both land.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::request::{Filters, RequestError, SearchRequest};

/// The file's name in the index folder.
pub const SAVED_FILE: &str = "saved-searches.json";
const LOCK_FILE: &str = "saved-searches.lock";
const FORMAT: &str = "newsdex-saved-searches";
const VERSION: u32 = 1;
/// Longest name of a saved search, in characters.
pub const MAX_SAVED_NAME: usize = 80;
/// Most saved searches per index.
pub const MAX_SAVED: usize = 500;

/// One saved search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedSearch {
    /// Its name, unique in the index.
    pub name: String,
    /// The query language text, or null for filters alone.
    pub query: Option<String>,
    /// The filters (`added_after` is never saved).
    pub filters: Filters,
    /// When it was saved.
    pub created: DateTime<Utc>,
    /// The archive's mark when it was last checked (or saved): newer documents are new.
    pub mark: u64,
    /// When it was last checked with `saved new` (null: never since it was saved).
    pub checked: Option<DateTime<Utc>>,
}

impl SavedSearch {
    /// The article search it stands for, restricted to documents added after `mark` when
    /// given.
    pub fn request(&self, after: Option<u64>, limit: usize) -> SearchRequest {
        let mut filters = self.filters.clone();
        filters.added_after = after;
        SearchRequest {
            query: self.query.clone(),
            filters,
            sort: super::Sort::Date,
            limit,
            ..SearchRequest::default()
        }
    }
}

/// The file as written.
#[derive(Serialize, Deserialize)]
struct SavedFile {
    format: String,
    version: u32,
    searches: Vec<SavedSearch>,
}

/// What can go wrong with the saved searches.
#[derive(Debug, thiserror::Error)]
pub enum SavedError {
    /// The file could not be read or written.
    #[error("{path}: cannot {action} the saved searches")]
    Io {
        /// The file.
        path: String,
        /// "read", "write" or "lock".
        action: &'static str,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// The file is not a saved-search list this version can read.
    #[error("{path}: the saved searches are unreadable ({reason}); fix the file by hand or move it away to start a new list (`newsdex saved add` then writes a fresh one)")]
    Corrupt {
        /// The file.
        path: String,
        /// What is wrong, with the line and column.
        reason: String,
    },
    /// A name used twice.
    #[error("a saved search named `{name}` already exists; choose another name or remove it first with `newsdex saved remove`")]
    Exists {
        /// The name.
        name: String,
    },
    /// A name that is not saved.
    #[error("no saved search named `{name}`; `newsdex saved list` shows them")]
    Unknown {
        /// The name.
        name: String,
    },
    /// An unusable name.
    #[error("`{name}` cannot name a saved search: {reason}")]
    BadName {
        /// The name given (clipped).
        name: String,
        /// Why not.
        reason: &'static str,
    },
    /// A check mark beyond what the archive holds.
    #[error("mark {mark} is beyond the archive's mark {now}: mark a search seen with the `mark` that its list of new articles gave")]
    Mark {
        /// The mark given.
        mark: u64,
        /// The archive's mark now.
        now: u64,
    },
    /// Too many saved searches.
    #[error("an index keeps at most {MAX_SAVED} saved searches; remove some first")]
    TooMany,
    /// The search itself breaks the contract.
    #[error(transparent)]
    Request(#[from] RequestError),
}

impl SavedError {
    /// Whether the request is at fault (a name or search), rather than the file.
    pub fn is_bad_request(&self) -> bool {
        !matches!(self, SavedError::Io { .. } | SavedError::Corrupt { .. })
    }
}

/// The saved searches of one index.
#[derive(Debug, Default)]
pub struct SavedSearches {
    list: Vec<SavedSearch>,
}

impl SavedSearches {
    /// Reads the list of the index in `dir` (empty when none was saved yet).
    pub fn load(dir: &Path) -> Result<SavedSearches, SavedError> {
        let path = dir.join(SAVED_FILE);
        let shown = path.display().to_string();
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(source) => return Err(io(&shown, "read", source)),
        };
        let corrupt = |reason: String| SavedError::Corrupt {
            path: shown.clone(),
            reason,
        };
        let file: SavedFile = serde_json::from_slice(&bytes).map_err(|e| corrupt(e.to_string()))?;
        if file.format != FORMAT {
            return Err(corrupt(format!("format `{}`", clip(&file.format))));
        }
        if file.version != VERSION {
            return Err(corrupt(format!(
                "version {} (this newsdex reads version {VERSION})",
                file.version
            )));
        }
        Ok(SavedSearches {
            list: file.searches,
        })
    }

    /// Changes the list of the index in `dir` under its lock: reads it, lets `change` edit
    /// it, and writes it back atomically when `change` succeeds.
    pub fn update<T>(
        dir: &Path,
        change: impl FnOnce(&mut SavedSearches) -> Result<T, SavedError>,
    ) -> Result<T, SavedError> {
        let lock_path = dir.join(LOCK_FILE);
        let shown = lock_path.display().to_string();
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| io(&shown, "lock", e))?;
        fs4::fs_std::FileExt::lock_exclusive(&lock).map_err(|e| io(&shown, "lock", e))?;
        let mut saved = SavedSearches::load(dir)?;
        let out = change(&mut saved)?;
        saved.write(dir)?;
        Ok(out)
    }

    /// Every saved search, in the order they were saved.
    pub fn list(&self) -> &[SavedSearch] {
        &self.list
    }

    /// The saved search of this name.
    pub fn get(&self, name: &str) -> Result<&SavedSearch, SavedError> {
        self.list
            .iter()
            .find(|s| s.name == name)
            .ok_or_else(|| SavedError::Unknown { name: clip(name) })
    }

    /// Adds a search after checking its name and that it is a valid search.
    pub fn add(&mut self, search: SavedSearch) -> Result<(), SavedError> {
        check_name(&search.name)?;
        if self.list.iter().any(|s| s.name == search.name) {
            return Err(SavedError::Exists { name: search.name });
        }
        if self.list.len() >= MAX_SAVED {
            return Err(SavedError::TooMany);
        }
        search.request(None, 1).validate()?;
        self.list.push(search);
        Ok(())
    }

    /// Removes the search of this name and returns it.
    pub fn remove(&mut self, name: &str) -> Result<SavedSearch, SavedError> {
        let at = self.list.iter().position(|s| s.name == name);
        at.map(|i| self.list.remove(i))
            .ok_or_else(|| SavedError::Unknown { name: clip(name) })
    }

    /// Records that `name` was checked against the archive at `mark`.
    pub fn checked(&mut self, name: &str, mark: u64, at: DateTime<Utc>) {
        if let Some(s) = self.list.iter_mut().find(|s| s.name == name) {
            s.mark = mark;
            s.checked = Some(at);
        }
    }

    fn write(&self, dir: &Path) -> Result<(), SavedError> {
        let path = dir.join(SAVED_FILE);
        let shown = path.display().to_string();
        let file = SavedFile {
            format: FORMAT.into(),
            version: VERSION,
            searches: self.list.clone(),
        };
        let mut json =
            serde_json::to_vec_pretty(&file).map_err(|e| io(&shown, "write", e.into()))?;
        json.push(b'\n');
        let tmp: PathBuf = dir.join(format!("{SAVED_FILE}.tmp"));
        let write = || -> std::io::Result<()> {
            let mut out = File::create(&tmp)?;
            out.write_all(&json)?;
            out.sync_all()?;
            std::fs::rename(&tmp, &path)?;
            // The rename is durable once the folder is.
            File::open(dir)?.sync_all()
        };
        write().map_err(|e| io(&shown, "write", e))
    }
}

fn check_name(name: &str) -> Result<(), SavedError> {
    let bad = |reason| SavedError::BadName {
        name: clip(name),
        reason,
    };
    if name.trim().is_empty() {
        return Err(bad("it is empty"));
    }
    if name.trim() != name {
        return Err(bad("it starts or ends with a space"));
    }
    if name.chars().count() > MAX_SAVED_NAME {
        return Err(bad("it is longer than 80 characters"));
    }
    if name.chars().any(char::is_control) {
        return Err(bad("it holds a control character"));
    }
    Ok(())
}

fn io(path: &str, action: &'static str, source: std::io::Error) -> SavedError {
    SavedError::Io {
        path: path.to_string(),
        action,
        source,
    }
}

fn clip(s: &str) -> String {
    s.chars().take(40).collect()
}

#[cfg(test)]
#[path = "saved_tests.rs"]
mod tests;
