//! Telling a full disk from other write errors, and saying so in one line.
//!
//! Tantivy reports a failed segment write from its indexing threads as "An index writer was
//! killed", without the operating system's reason. So a write error is taken for a full disk
//! when its text says so (ENOSPC) or when the filesystem holding the index has (almost) no
//! space left once it happened. The count in the message is read from the last commit, which
//! a failed write never touches (Tantivy publishes a commit by an atomic rename of
//! `meta.json`).

use std::path::Path;

use super::IngestError;
use crate::index::{IndexError, NewsIndex};

/// Free space under which a failed write is blamed on a full disk.
const NEARLY_FULL: u64 = 4 * 1024 * 1024;

/// Turns a write error into [`IngestError::DiskFull`] when the disk is full.
pub(super) fn explain(index_dir: &Path, error: IngestError) -> IngestError {
    let IngestError::Index(cause) = error else {
        return error;
    };
    let text = crate::search::message(&cause);
    let says_full = text.contains("No space left") || text.contains("os error 28");
    let writer_failed = matches!(cause, IndexError::Tantivy { .. } | IndexError::Io { .. });
    if !(says_full || writer_failed && free_bytes(index_dir).is_some_and(|b| b < NEARLY_FULL)) {
        return IngestError::Index(cause);
    }
    let articles = NewsIndex::open(index_dir)
        .and_then(|index| index.file_stamps())
        .map(|stamps| stamps.values().map(|s| s.articles).sum())
        .unwrap_or(0);
    IngestError::DiskFull {
        index: index_dir.display().to_string(),
        articles,
        cause,
    }
}

/// Bytes an unprivileged writer may still use on the filesystem holding `dir` (statvfs
/// through `fs4`, already in the tree through tantivy: no unsafe code of ours).
fn free_bytes(dir: &Path) -> Option<u64> {
    fs4::available_space(dir).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_write_errors_on_a_full_disk_are_called_a_full_disk() {
        let dir = tempfile::tempdir().unwrap();
        NewsIndex::open_or_create(dir.path()).unwrap();
        let full = IndexError::Io {
            dir: "idx".into(),
            source: std::io::Error::from_raw_os_error(28),
        };
        let got = explain(dir.path(), IngestError::Index(full));
        assert!(
            matches!(got, IngestError::DiskFull { articles: 0, .. }),
            "{got}"
        );
        assert!(got.to_string().starts_with("the disk holding "), "{got}");
        let locked = IndexError::Locked { dir: "idx".into() };
        let got = explain(dir.path(), IngestError::Index(locked));
        assert!(matches!(got, IngestError::Index(IndexError::Locked { .. })));
    }
}
