//! Which segments the writer merges: tantivy's log-structured policy, with every merge's
//! output capped in documents.
//!
//! A merge maps its source segments and reads them whole (the document store is copied block
//! by block), so the pages it touches count in the process's resident memory until the merged
//! segments are dropped. With the log policy alone, whether a large ingest ends with a
//! 300,000-document merge depends on timing (a busy machine leaves the merge threads time to
//! catch up), and that merge was the peak of an ingest's memory. Capping what one merge may
//! produce bounds that peak by design; the price is more segments in a large archive, which
//! each query visits in turn.

use std::collections::HashMap;

use tantivy::index::SegmentId;
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy};
use tantivy::SegmentMeta;

/// The log merge policy with merges split so none produces more than `max_merged_docs`.
#[derive(Debug)]
pub struct BoundedMergePolicy {
    inner: LogMergePolicy,
    max_merged_docs: u32,
}

impl BoundedMergePolicy {
    /// Merges segments under half the cap, as the log policy chooses, in groups whose
    /// live documents add up to at most `max_merged_docs`.
    pub fn new(max_merged_docs: u32) -> BoundedMergePolicy {
        let mut inner = LogMergePolicy::default();
        inner.set_max_docs_before_merge((max_merged_docs / 2) as usize);
        BoundedMergePolicy {
            inner,
            max_merged_docs,
        }
    }
}

impl MergePolicy for BoundedMergePolicy {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let docs: HashMap<SegmentId, u32> =
            segments.iter().map(|s| (s.id(), s.num_docs())).collect();
        self.inner
            .compute_merge_candidates(segments)
            .into_iter()
            .flat_map(|candidate| split(candidate, &docs, self.max_merged_docs))
            .collect()
    }
}

/// Splits one candidate into groups of at most `cap` documents, smallest segments first;
/// a group of one segment is no merge and is dropped, except a candidate that was a single
/// segment to begin with (the log policy's purge of deleted documents).
fn split(
    candidate: MergeCandidate,
    docs: &HashMap<SegmentId, u32>,
    cap: u32,
) -> Vec<MergeCandidate> {
    if candidate.0.len() < 2 {
        return vec![candidate];
    }
    let mut ids = candidate.0;
    ids.sort_by_key(|id| docs.get(id).copied().unwrap_or(0));
    let mut groups = Vec::new();
    let mut group: Vec<SegmentId> = Vec::new();
    let mut total = 0u32;
    for id in ids {
        let n = docs.get(&id).copied().unwrap_or(0);
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

    fn segments(sizes: &[u32]) -> (Vec<SegmentId>, HashMap<SegmentId, u32>) {
        let ids: Vec<SegmentId> = sizes.iter().map(|_| SegmentId::generate_random()).collect();
        let docs = ids.iter().copied().zip(sizes.iter().copied()).collect();
        (ids, docs)
    }

    /// Segment sizes in one candidate, the cap, and the sizes of the merges that remain.
    type Case = (&'static [u32], u32, &'static [&'static [u32]]);

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
            let got: Vec<Vec<u32>> = split(MergeCandidate(ids), &docs, *cap)
                .into_iter()
                .map(|c| c.0.iter().map(|id| docs[id]).collect())
                .collect();
            let want: Vec<Vec<u32>> = want.iter().map(|g| g.to_vec()).collect();
            assert_eq!(got, want, "sizes {sizes:?} cap {cap}");
        }
    }
}
