//! Which segments the writer merges: tantivy's log-structured policy, with every merge's
//! output capped in bytes.
//!
//! A merge maps its source segments and reads them whole (the document store is copied block
//! by block), so the pages it touches count in the process's resident memory until the merged
//! segments are dropped. With the log policy alone, whether a large ingest ends with a
//! 300,000-document merge depends on timing (a busy machine leaves the merge threads time to
//! catch up), and that merge was the peak of an ingest's memory. Capping what one merge may
//! produce bounds that peak by design; the price is more segments in a large archive, which
//! each query visits in turn. The cap is in bytes of segment files (read from the index
//! folder), not documents: an article without extraction is ten times a quotation's size.

use std::collections::HashMap;
use std::path::PathBuf;

use tantivy::index::{SegmentComponent, SegmentId};
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy};
use tantivy::SegmentMeta;

/// The log merge policy over the segments under half the cap, with its merges split so
/// none produces more than `max_merged_bytes` of segment files.
#[derive(Debug)]
pub struct BoundedMergePolicy {
    inner: LogMergePolicy,
    dir: PathBuf,
    max_merged_bytes: u64,
}

impl BoundedMergePolicy {
    /// A policy for the index in `dir`.
    pub fn new(dir: PathBuf, max_merged_bytes: u64) -> BoundedMergePolicy {
        BoundedMergePolicy {
            inner: LogMergePolicy::default(),
            dir,
            max_merged_bytes,
        }
    }

    /// Bytes of a segment's files (a file that cannot be read counts as empty).
    fn bytes(&self, segment: &SegmentMeta) -> u64 {
        [
            SegmentComponent::Postings,
            SegmentComponent::Positions,
            SegmentComponent::FastFields,
            SegmentComponent::FieldNorms,
            SegmentComponent::Terms,
            SegmentComponent::Store,
        ]
        .into_iter()
        .filter_map(|c| std::fs::metadata(self.dir.join(segment.relative_path(c))).ok())
        .map(|m| m.len())
        .sum()
    }
}

impl MergePolicy for BoundedMergePolicy {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let bytes: HashMap<SegmentId, u64> =
            segments.iter().map(|s| (s.id(), self.bytes(s))).collect();
        let small: Vec<SegmentMeta> = segments
            .iter()
            .filter(|s| {
                bytes
                    .get(&s.id())
                    .is_some_and(|&b| b <= self.max_merged_bytes / 2)
            })
            .cloned()
            .collect();
        self.inner
            .compute_merge_candidates(&small)
            .into_iter()
            .flat_map(|candidate| split(candidate, &bytes, self.max_merged_bytes))
            .collect()
    }
}

/// Splits one candidate into groups of at most `cap` bytes, smallest segments first;
/// a group of one segment is no merge and is dropped, except a candidate that was a single
/// segment to begin with (the log policy's purge of deleted documents).
fn split(
    candidate: MergeCandidate,
    sizes: &HashMap<SegmentId, u64>,
    cap: u64,
) -> Vec<MergeCandidate> {
    if candidate.0.len() < 2 {
        return vec![candidate];
    }
    let mut ids = candidate.0;
    ids.sort_by_key(|id| sizes.get(id).copied().unwrap_or(0));
    let mut groups = Vec::new();
    let mut group: Vec<SegmentId> = Vec::new();
    let mut total = 0u64;
    for id in ids {
        let n = sizes.get(&id).copied().unwrap_or(0);
        if !group.is_empty() && total.saturating_add(n) > cap {
            groups.push(std::mem::take(&mut group));
            total = 0;
        }
        group.push(id);
        total = total.saturating_add(n);
    }
    groups.push(group);
    groups
        .into_iter()
        .filter(|g| g.len() >= 2)
        .map(MergeCandidate)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(sizes: &[u64]) -> (Vec<SegmentId>, HashMap<SegmentId, u64>) {
        let ids: Vec<SegmentId> = sizes.iter().map(|_| SegmentId::generate_random()).collect();
        let docs = ids.iter().copied().zip(sizes.iter().copied()).collect();
        (ids, docs)
    }

    /// Segment sizes in one candidate, the cap, and the sizes of the merges that remain.
    type Case = (&'static [u64], u64, &'static [&'static [u64]]);

    #[test]
    fn merges_are_split_under_the_cap() {
        let cases: &[Case] = &[
            (&[10, 20, 30], 100, &[&[10, 20, 30]]),
            (&[50, 50, 50, 50], 100, &[&[50, 50], &[50, 50]]),
            (&[40, 70, 10, 90], 100, &[&[10, 40]]),
            (&[60, 60, 60], 100, &[]),
            (&[500], 100, &[&[500]]),
        ];
        for (sizes, cap, want) in cases {
            let (ids, docs) = segments(sizes);
            let got: Vec<Vec<u64>> = split(MergeCandidate(ids), &docs, *cap)
                .into_iter()
                .map(|c| c.0.iter().map(|id| docs[id]).collect())
                .collect();
            let want: Vec<Vec<u64>> = want.iter().map(|g| g.to_vec()).collect();
            assert_eq!(got, want, "sizes {sizes:?} cap {cap}");
        }
    }
}
