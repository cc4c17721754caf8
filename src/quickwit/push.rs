//! `newsdex push`: a local index sent to Quickwit, file by file, without duplicates.
//!
//! Quickwit has no document ids and deletes are asynchronous tasks, so what a cluster holds
//! is read from the cluster itself: every document carries its file's state (`<hash> <file>`)
//! and a terms aggregation over it tells, per state, how many documents are there. A file
//! whose current state is there with as many articles and quotations as the local index
//! holds is unchanged and skipped; any other state of a local file (an older version, or a
//! push cut off halfway) gets a delete task, and the file is sent again. Delete tasks apply
//! only to splits published before them, so the documents sent after the task stay. A
//! second push of an unchanged archive therefore sends nothing, whatever happened to the
//! first, and no local bookkeeping can drift from the cluster.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use serde::Serialize;
use serde_json::{json, Value};

use super::client::{Client, COMMIT_TIMEOUT};
use crate::index::quickwit::{self as qw, Collection, FileSummary};
use crate::index::{IndexError, NewsIndex};
use crate::search::remote::RemoteError;

/// Quickwit refuses requests over 10 MB; batches stay under this.
const BATCH_BYTES: usize = 8 << 20;
/// Most file states one terms aggregation returns (Quickwit's default bucket limit is
/// 65,000).
const STATES_PER_SLICE: usize = 20_000;

/// Why a push stopped.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    /// The local index could not be read.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// The cluster refused or did not answer.
    #[error(transparent)]
    Remote(#[from] RemoteError),
    /// An index of that name exists with another mapping.
    #[error("the Quickwit index `{index}` exists with another mapping ({detail}); delete it with `quickwit index delete --index {index}`, or push under another --name")]
    Mapping {
        /// The index id.
        index: String,
        /// What differs.
        detail: String,
    },
}

/// What to push where.
#[derive(Debug, Clone)]
pub struct PushOptions {
    /// The cluster (`http://host:7280`).
    pub url: String,
    /// The archive's name on the cluster: indexes `{name}-articles` and `{name}-quotes`.
    pub name: String,
    /// Delete from the cluster the files the local index no longer holds.
    pub prune: bool,
}

/// What a push did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PushSummary {
    /// Files in the local index.
    pub files: u64,
    /// Files the cluster already held as they are.
    pub unchanged: u64,
    /// Files sent (new, changed or incomplete on the cluster).
    pub sent: u64,
    /// Files whose older documents got a delete task.
    pub replaced: u64,
    /// Files deleted from the cluster because the local index no longer has them.
    pub pruned: u64,
    /// Article documents sent.
    pub articles: u64,
    /// Quotation documents sent.
    pub quotes: u64,
    /// Documents the cluster refused, by file.
    pub rejected: std::collections::BTreeMap<String, Rejected>,
}

/// What the cluster refused of one file.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Rejected {
    /// Documents refused.
    pub documents: u64,
    /// The first refusal's reason.
    pub reason: String,
}

/// Progress of a push, for a bar.
#[derive(Debug, Clone, Copy)]
pub struct PushProgress {
    /// Files looked at so far.
    pub done: u64,
    /// Files in all.
    pub total: u64,
}

/// Pushes the index at `index` to the cluster.
pub fn push(
    index: &NewsIndex,
    options: &PushOptions,
    progress: &mut dyn FnMut(PushProgress),
) -> Result<PushSummary, PushError> {
    let client = Client::new(&options.url);
    let export = index.quickwit_export()?;
    let files = export.files();
    let mut states = HashMap::new();
    for c in Collection::ALL {
        let id = c.index_id(&options.name);
        ensure_index(&client, c, &id)?;
        let mut held = remote_states(&client, &id, files.len())?;
        // States already given a delete task are gone, however late Quickwit applies it.
        let tasks = client.get(&format!("/api/v1/{id}/delete-tasks"))?;
        for task in tasks
            .as_ref()
            .and_then(|t| t.as_array())
            .into_iter()
            .flatten()
        {
            if let Some(state) = qw::deleted_state(task) {
                held.remove(&state);
            }
        }
        states.insert(c, held);
    }
    let push_id = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let mut summary = PushSummary {
        files: files.len() as u64,
        ..PushSummary::default()
    };
    let mut batches = Collection::ALL.map(|c| Batch::new(c, c.index_id(&options.name)));
    let held = Held::new(states);
    let (mut done, total) = (0u64, files.len() as u64);
    for (file, local) in files {
        let plan = plan(file, local, &held);
        for (c, stale) in &plan.delete {
            delete_state(&client, &c.index_id(&options.name), stale)?;
        }
        if !plan.delete.is_empty() {
            summary.replaced += 1;
        }
        if plan.send {
            let docs = export.documents(file, push_id)?;
            summary.articles += docs.articles.len() as u64;
            summary.quotes += docs.quotes.len() as u64;
            for (batch, list) in batches.iter_mut().zip([docs.articles, docs.quotes]) {
                for doc in list {
                    batch.add(&client, doc, &mut summary)?;
                }
            }
            summary.sent += 1;
        } else {
            summary.unchanged += 1;
        }
        done += 1;
        progress(PushProgress { done, total });
    }
    if options.prune {
        summary.pruned = prune(&client, &options.name, files, &held)?;
    }
    for batch in &mut batches {
        batch.flush(&client, true, &mut summary)?;
    }
    Ok(summary)
}

/// What to do with one file.
struct Plan {
    send: bool,
    delete: Vec<(Collection, String)>,
}

/// Unchanged when one state of the file has the local hash and as many articles and
/// quotations as the local index; every other state of the file is deleted, and, when
/// none is complete, the file is sent again.
fn plan(file: &str, local: &FileSummary, held: &Held) -> Plan {
    let theirs = held
        .by_file
        .get(file)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let count = |c: Collection, state: &str| held.counts[&c].get(state).copied().unwrap_or(0);
    let complete = theirs.iter().find(|(c, state)| {
        *c == Collection::Articles
            && qw::parse_file_state(state) == Some((file, local.hash))
            && count(Collection::Articles, state) == local.articles
            && count(Collection::Quotes, state) == local.quotes
    });
    let keep = complete.map(|(_, s)| s.clone());
    Plan {
        send: keep.is_none(),
        delete: (theirs.iter())
            .filter(|(_, state)| Some(state) != keep.as_ref())
            .cloned()
            .collect(),
    }
}

/// What the cluster holds: documents per file state in each index, and each file's states.
struct Held {
    counts: HashMap<Collection, HashMap<String, u64>>,
    by_file: HashMap<String, Vec<(Collection, String)>>,
}

impl Held {
    fn new(counts: HashMap<Collection, HashMap<String, u64>>) -> Held {
        let mut by_file: HashMap<String, Vec<(Collection, String)>> = HashMap::new();
        for (&c, states) in &counts {
            for state in states.keys() {
                let file = file_of(state).to_string();
                by_file.entry(file).or_default().push((c, state.clone()));
            }
        }
        Held { counts, by_file }
    }
}

/// The file of a file state.
fn file_of(state: &str) -> &str {
    qw::parse_file_state(state).map_or("", |(f, _)| f)
}

fn prune(
    client: &Client,
    name: &str,
    files: &std::collections::BTreeMap<String, FileSummary>,
    held: &Held,
) -> Result<u64, PushError> {
    let mut gone = 0;
    for (file, states) in &held.by_file {
        if files.contains_key(file) {
            continue;
        }
        for (c, state) in states {
            delete_state(client, &c.index_id(name), state)?;
        }
        gone += 1;
    }
    Ok(gone)
}

/// Creates the index if missing; an existing one must have the same fields.
fn ensure_index(client: &Client, c: Collection, id: &str) -> Result<(), PushError> {
    let config = qw::config(c, id);
    let Some(existing) = client.get(&format!("/api/v1/indexes/{id}"))? else {
        client.post_bytes(
            "/api/v1/indexes",
            config.as_bytes(),
            "application/yaml",
            Duration::from_secs(60),
        )?;
        return Ok(());
    };
    let have: HashSet<String> = existing["index_config"]["doc_mapping"]["field_mappings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["name"].as_str().map(str::to_string))
        .collect();
    let want: HashSet<String> = qw::config_fields(&config).into_iter().collect();
    if have != want {
        let mut missing: Vec<&String> = want.difference(&have).collect();
        missing.sort();
        let mut extra: Vec<&String> = have.difference(&want).collect();
        extra.sort();
        return Err(PushError::Mapping {
            index: id.to_string(),
            detail: format!("missing {missing:?}, unexpected {extra:?}"),
        });
    }
    Ok(())
}

/// Every file state the index holds, with its number of documents, read slice by slice of
/// file buckets so no aggregation exceeds Quickwit's bucket limit.
fn remote_states(
    client: &Client,
    id: &str,
    local_files: usize,
) -> Result<HashMap<String, u64>, PushError> {
    let slices = (local_files / STATES_PER_SLICE + 1).next_power_of_two() as u64;
    let slices = slices.min(qw::FILE_BUCKETS);
    let width = qw::FILE_BUCKETS / slices;
    let mut out = HashMap::new();
    for s in 0..slices {
        let body = json!({
            "query": format!("{}:[{} TO {}]", qw::FILE_BUCKET, s * width, (s + 1) * width - 1),
            "max_hits": 0,
            "aggs": {"states": {"terms": {"field": qw::FILE_STATE, "size": 65_000}}},
        });
        let answer = client.post_json(&format!("/api/v1/{id}/search"), &body)?;
        for b in answer["aggregations"]["states"]["buckets"]
            .as_array()
            .into_iter()
            .flatten()
        {
            if let (Some(k), Some(n)) = (b["key"].as_str(), b["doc_count"].as_u64()) {
                out.insert(k.to_string(), n);
            }
        }
    }
    Ok(out)
}

fn delete_state(client: &Client, id: &str, state: &str) -> Result<(), PushError> {
    let escaped = state.replace('\\', "\\\\").replace('"', "\\\"");
    let body = json!({"query": format!("{}:\"{escaped}\"", qw::FILE_STATE)});
    client.post_json(&format!("/api/v1/{id}/delete-tasks"), &body)?;
    Ok(())
}

/// Documents of one index waiting to be sent, as NDJSON.
struct Batch {
    collection: Collection,
    index: String,
    ndjson: Vec<u8>,
    docs: usize,
}

impl Batch {
    fn new(collection: Collection, index: String) -> Batch {
        Batch {
            collection,
            index,
            ndjson: Vec::new(),
            docs: 0,
        }
    }

    fn add(
        &mut self,
        client: &Client,
        doc: Value,
        summary: &mut PushSummary,
    ) -> Result<(), PushError> {
        let line = doc.to_string();
        let refused = qw::check(self.collection, &doc).err().or_else(|| {
            (line.len() >= BATCH_BYTES).then(|| "larger than Quickwit's request limit".into())
        });
        if let Some(reason) = refused {
            let file = doc["file"].as_str().unwrap_or("(unknown file)").to_string();
            let entry = summary.rejected.entry(file).or_default();
            entry.documents += 1;
            if entry.reason.is_empty() {
                entry.reason = format!("not sent: {reason}");
            }
            return Ok(());
        }
        if self.ndjson.len() + line.len() + 1 > BATCH_BYTES {
            self.flush(client, false, summary)?;
        }
        self.ndjson.extend_from_slice(line.as_bytes());
        self.ndjson.push(b'\n');
        self.docs += 1;
        Ok(())
    }

    /// Sends what is waiting; the last batch waits until it is searchable.
    fn flush(
        &mut self,
        client: &Client,
        last: bool,
        summary: &mut PushSummary,
    ) -> Result<(), PushError> {
        // Never an empty batch: a 0.9.0 server was seen never answering a commit request
        // with no document to index.
        if self.docs == 0 {
            return Ok(());
        }
        let (commit, timeout) = if last {
            ("wait_for", COMMIT_TIMEOUT)
        } else {
            ("auto", Duration::from_secs(120))
        };
        let path = format!(
            "/api/v1/{}/ingest?commit={commit}&detailed_response=true",
            self.index
        );
        let answer = client.post_bytes(&path, &self.ndjson, "application/x-ndjson", timeout)?;
        for failure in answer["parse_failures"].as_array().into_iter().flatten() {
            let doc: Value = failure["document"]
                .as_str()
                .and_then(|d| serde_json::from_str(d).ok())
                .unwrap_or_default();
            let file = doc["file"].as_str().unwrap_or("(unknown file)").to_string();
            let entry = summary.rejected.entry(file).or_default();
            entry.documents += 1;
            if entry.reason.is_empty() {
                entry.reason = failure["message"]
                    .as_str()
                    .unwrap_or("rejected")
                    .to_string();
            }
        }
        self.ndjson.clear();
        self.docs = 0;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held(articles: &[(&str, u64)], quotes: &[(&str, u64)]) -> Held {
        let map = |l: &[(&str, u64)]| l.iter().map(|(s, n)| (s.to_string(), *n)).collect();
        Held::new(HashMap::from([
            (Collection::Articles, map(articles)),
            (Collection::Quotes, map(quotes)),
        ]))
    }

    #[test]
    fn a_file_is_skipped_only_when_its_current_state_is_complete() {
        let mut local = FileSummary::default();
        (local.hash, local.articles, local.quotes) = (0xab, 2, 3);
        let now = qw::file_state("/n/a.txt", 0xab, 1);
        let older = qw::file_state("/n/a.txt", 0x11, 0);
        let other = qw::file_state("/n/b.txt", 0xab, 1);
        // (articles held, quotes held) → (sent again, states deleted)
        type Held2<'a> = Vec<(&'a str, u64)>;
        let cases: [(Held2, Held2, bool, usize); 5] = [
            (vec![(&now, 2)], vec![(&now, 3)], false, 0),
            (vec![], vec![], true, 0),
            (vec![(&now, 1)], vec![(&now, 3)], true, 2),
            (
                vec![(&older, 2), (&now, 2)],
                vec![(&older, 3), (&now, 3)],
                false,
                2,
            ),
            (vec![(&older, 2), (&other, 2)], vec![(&older, 3)], true, 2),
        ];
        for (i, (a, q, send, deleted)) in cases.into_iter().enumerate() {
            let plan = plan("/n/a.txt", &local, &held(&a, &q));
            assert_eq!((plan.send, plan.delete.len()), (send, deleted), "case {i}");
            assert!(
                plan.delete.iter().all(|(_, s)| file_of(s) == "/n/a.txt"),
                "case {i}"
            );
        }
    }
}
