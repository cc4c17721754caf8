//! Where each dump's ingest stands, committed atomically with the documents.
//!
//! A dump (JSON Lines, CSV, WARC) is indexed in runs of records; the state of every dump
//! (records consumed, the fingerprint of the records read so far, the file's size and mtime,
//! whether it was read to the end) rides in the commit's payload in Tantivy's `meta.json`,
//! written with the same atomic rename as the segments it describes. So after a `kill -9` or
//! a full disk the state read back is exactly that of the documents in the index: a rerun
//! resumes after the last committed record, never before (no duplicates) and never after
//! (nothing lost). Merges keep the payload of the last commit.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::{tantivy_err, IndexError, NewsIndex, NewsWriter};

/// How far the committed index holds one dump.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DumpState {
    /// Size and modification time of the dump when this state was reached.
    pub size: u64,
    pub mtime: i64,
    /// Records read (indexed, skipped or failed) from the start of the dump.
    pub records: u64,
    /// Fingerprint of those records (`article::stream::RecordReader::fingerprint`).
    pub fingerprint: u64,
    /// The dump was read to its end.
    pub complete: bool,
}

/// The commit payload: versioned so a later layout can tell an old one apart.
#[derive(Serialize, Deserialize)]
struct Payload {
    version: u32,
    dumps: BTreeMap<String, DumpState>,
    /// The largest `added` number handed out so far (see `added`).
    #[serde(default)]
    added: u64,
}

const PAYLOAD_VERSION: u32 = 1;

impl NewsIndex {
    /// The state of every dump in the last commit, keyed like file stamps (absolute path).
    /// An index without a payload (or with one from elsewhere) has none.
    pub fn dump_states(&self) -> Result<HashMap<String, DumpState>, IndexError> {
        Ok(self
            .payload()?
            .map(|p| p.dumps.into_iter().collect())
            .unwrap_or_default())
    }

    /// The `added` high-water mark of the last commit (0 when none is recorded).
    pub(super) fn recorded_added(&self) -> Result<u64, IndexError> {
        Ok(self.payload()?.map_or(0, |p| p.added))
    }

    fn payload(&self) -> Result<Option<Payload>, IndexError> {
        let metas = self
            .index
            .load_metas()
            .map_err(|e| tantivy_err(&self.display(), e))?;
        Ok(metas
            .payload
            .as_deref()
            .and_then(|p| serde_json::from_str::<Payload>(p).ok())
            .filter(|p| p.version == PAYLOAD_VERSION))
    }
}

impl NewsWriter {
    /// Records how far a dump is indexed; takes effect with the next commit.
    pub fn set_dump_state(&mut self, file: &str, state: DumpState) {
        self.dumps.insert(file.to_string(), state);
    }

    /// Forgets a dump's state (it is pruned or re-read from the start).
    pub fn forget_dump(&mut self, file: &str) {
        self.dumps.remove(file);
    }

    /// The payload every commit carries: all dump states.
    pub(super) fn payload(&self) -> String {
        let payload = Payload {
            version: PAYLOAD_VERSION,
            dumps: self.dumps.clone(),
            added: self.added_high_water(),
        };
        serde_json::to_string(&payload).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dump_states_survive_commits_and_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let index = NewsIndex::open_or_create(dir.path()).unwrap();
        assert!(index.dump_states().unwrap().is_empty());
        let state = DumpState {
            size: 4096,
            mtime: 1_700_000_000_000_000_000,
            records: 12,
            fingerprint: 0xfeed,
            complete: false,
        };
        let mut writer = index.writer(16 << 20, 1).unwrap();
        writer.set_dump_state("/archive/wire.jsonl", state);
        writer.set_dump_state("/archive/old.csv", state);
        writer.commit().unwrap();
        writer.forget_dump("/archive/old.csv");
        writer.commit().unwrap();
        writer.finish().unwrap();
        let reopened = NewsIndex::open(dir.path()).unwrap();
        let states = reopened.dump_states().unwrap();
        assert_eq!(states.len(), 1);
        assert_eq!(states["/archive/wire.jsonl"], state);
    }
}
