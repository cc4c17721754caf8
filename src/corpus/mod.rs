//! Walking folders of articles: which files to read, under which stable names, and reading
//! their bytes (transparently decompressing `.gz` and `.zst` files) within a size limit, or
//! as a stream ([`open`]) for dumps.
//!
//! Walking never stops on a bad entry: unreadable folders, symlink loops and vanished files
//! become [`WalkEvent::Error`] and the walk goes on, as in ripgrep. Named pipes, sockets and
//! devices are reported from their metadata and never opened (opening a FIFO blocks).

pub mod open;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use walkdir::WalkDir;

use crate::article::{file_kind, Compression, FileKind};
pub use open::open_stream;

/// Default limit on the bytes of one file (after decompression).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 50 * 1024 * 1024;

/// A file to ingest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The path as walked (what users see and what we open).
    pub path: PathBuf,
    /// Stable name: the root folder's name plus the path below it, with `/` separators.
    pub rel: String,
    /// Absolute path: the key that ties index documents to this file.
    pub key: String,
    pub kind: FileKind,
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch (0 when unknown).
    pub mtime: i64,
}

/// What the walk found.
#[derive(Debug)]
pub enum WalkEvent {
    File(SourceFile),
    Error {
        path: String,
        reason: String,
    },
    /// A regular file of a type newsdex does not read, by its extension (`.pdf`, `.pdf.gz`,
    /// or `(none)`).
    Unread {
        extension: String,
    },
}

/// Why a file could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ReadError {
    #[error("cannot read: {0}")]
    Io(String),
    #[error("file is larger than the {limit}-byte limit (raise it with --max-file-size)")]
    TooLarge { limit: u64 },
    #[error("not a valid gzip file: {0}")]
    Gzip(String),
    #[error("not a valid zstd file: {0}")]
    Zstd(String),
    #[error("{0}")]
    Special(String),
    #[error("changed while being read (its size or modification time moved); skipped, run ingest again when it is complete")]
    Changed,
}

/// Walks every root in turn, calling `sink` for each supported file and each error.
/// Hidden entries (names starting with `.`), folder documentation (README, LICENSE, …)
/// and the `skip` folder (the index) are left out.
pub fn walk(roots: &[PathBuf], skip: Option<&Path>, mut sink: impl FnMut(WalkEvent)) {
    let skip = skip.and_then(|s| fs::canonicalize(s).ok());
    for root in roots {
        walk_root(root, skip.as_deref(), &mut sink);
    }
}

fn walk_root(root: &Path, skip: Option<&Path>, sink: &mut impl FnMut(WalkEvent)) {
    let canonical = match fs::canonicalize(root) {
        Ok(c) => c,
        Err(e) => {
            sink(WalkEvent::Error {
                path: root.display().to_string(),
                reason: io_reason(&e),
            });
            return;
        }
    };
    // Files are named below the root's parent, so ids start with the root folder's name.
    let base = if canonical.is_dir() {
        canonical.parent()
    } else {
        canonical.parent().and_then(Path::parent)
    };
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| root.display().to_string());
                sink(WalkEvent::Error {
                    path,
                    reason: walk_reason(&e),
                });
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        let below = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let key = canonical.join(below);
        if skip.is_some_and(|s| key.starts_with(s)) {
            continue;
        }
        if let Some(what) = special_kind(&entry.file_type()) {
            sink(WalkEvent::Error {
                path: entry.path().display().to_string(),
                reason: format!("{what}, not a regular file; skipped without opening it"),
            });
            continue;
        }
        if is_folder_documentation(entry.file_name()) {
            continue;
        }
        let Some(kind) = file_kind(entry.path()) else {
            sink(WalkEvent::Unread {
                extension: extension_of(entry.file_name()),
            });
            continue;
        };
        let rel = match base {
            Some(base) => key.strip_prefix(base).unwrap_or(&key).to_path_buf(),
            None => key.clone(),
        };
        let (size, mtime) = match entry.metadata() {
            Ok(meta) => (meta.len(), mtime_nanos(&meta)),
            Err(e) => {
                sink(WalkEvent::Error {
                    path: entry.path().display().to_string(),
                    reason: walk_reason(&e),
                });
                continue;
            }
        };
        sink(WalkEvent::File(SourceFile {
            path: entry.path().to_path_buf(),
            rel: slash_path(&rel),
            key: key.display().to_string(),
            kind,
            size,
            mtime,
        }));
    }
}

/// What a non-regular file is (a FIFO, socket or device), from its type alone.
pub fn special_kind(file_type: &fs::FileType) -> Option<&'static str> {
    if file_type.is_file() || file_type.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

/// The lowercased extension a summary counts an unread file under: `.pdf`, `.pdf.gz`, or
/// `(none)`.
fn extension_of(name: &std::ffi::OsStr) -> String {
    let name = name.to_string_lossy().to_ascii_lowercase();
    let mut parts = name.rsplitn(3, '.');
    let last = parts.next().unwrap_or("");
    match parts.next() {
        None => "(none)".into(),
        Some(before) if matches!(last, "gz" | "zst") && parts.next().is_some() => {
            format!(".{before}.{last}")
        }
        Some(_) => format!(".{last}"),
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with('.') && n != "." && n != "..")
}

/// README, LICENSE and similar files describe a folder; they are not articles.
fn is_folder_documentation(name: &std::ffi::OsStr) -> bool {
    let Some(name) = name.to_str() else {
        return false;
    };
    let stem = name.split('.').next().unwrap_or(name).to_ascii_uppercase();
    matches!(
        stem.as_str(),
        "README" | "LICENSE" | "LICENCE" | "CHANGELOG" | "CONTRIBUTING" | "COPYING"
    )
}

fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

pub(crate) fn mtime_nanos(meta: &fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map(|d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

fn walk_reason(e: &walkdir::Error) -> String {
    if let Some(ancestor) = e.loop_ancestor() {
        return format!("symbolic link loop back to {}; skipped", ancestor.display());
    }
    match e.io_error() {
        Some(io) => io_reason(io),
        None => e.to_string(),
    }
}

pub(crate) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Reads a file's bytes, decompressing `.gz` and `.zst`, refusing more than `limit` bytes.
/// The file is opened without blocking and checked to be a regular file first, and a file
/// whose size or modification time moved while it was read is refused as [`ReadError::Changed`].
pub fn read(file: &SourceFile, limit: u64) -> Result<Vec<u8>, ReadError> {
    if file.size > limit && file.kind.compression == Compression::None {
        return Err(ReadError::TooLarge { limit });
    }
    let handle = open::open_regular(&file.path)?;
    let mut bytes = Vec::new();
    let read = match file.kind.compression {
        Compression::None => handle.take(limit + 1).read_to_end(&mut bytes),
        Compression::Gzip => flate2::read::MultiGzDecoder::new(handle)
            .take(limit + 1)
            .read_to_end(&mut bytes),
        Compression::Zstd => zstd::stream::read::Decoder::new(handle)
            .and_then(|d| d.take(limit + 1).read_to_end(&mut bytes)),
    };
    if let Err(e) = read {
        return Err(match file.kind.compression {
            Compression::Gzip => ReadError::Gzip(e.to_string()),
            Compression::Zstd => ReadError::Zstd(e.to_string()),
            Compression::None => ReadError::Io(io_reason(&e)),
        });
    }
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    if file.mtime != 0 && open::changed_since(&file.path, file.size, file.mtime) {
        return Err(ReadError::Changed);
    }
    Ok(bytes)
}

/// Reads one named file (for `extract`): its bytes, un-gzipped, and the format its name
/// implies (plain text for unknown extensions).
pub fn read_path(path: &Path, limit: u64) -> Result<(Vec<u8>, crate::article::Format), ReadError> {
    let meta = fs::metadata(path).map_err(|e| ReadError::Io(io_reason(&e)))?;
    if meta.is_dir() {
        return Err(ReadError::Io(
            "is a folder; give files (use `ingest` for folders)".into(),
        ));
    }
    let kind = file_kind(path).unwrap_or(FileKind {
        format: crate::article::Format::Text,
        compression: Compression::None,
    });
    let file = SourceFile {
        path: path.to_path_buf(),
        rel: String::new(),
        key: String::new(),
        kind,
        size: meta.len(),
        mtime: 0,
    };
    Ok((read(&file, limit)?, kind.format))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(root: &Path, skip: Option<&Path>) -> (Vec<SourceFile>, Vec<(String, String)>) {
        let (files, errors, _) = collect_all(root, skip);
        (files, errors)
    }

    type Walked = (Vec<SourceFile>, Vec<(String, String)>, Vec<String>);

    fn collect_all(root: &Path, skip: Option<&Path>) -> Walked {
        let (mut files, mut errors, mut unread) = (Vec::new(), Vec::new(), Vec::new());
        walk(&[root.to_path_buf()], skip, |event| match event {
            WalkEvent::File(f) => files.push(f),
            WalkEvent::Error { path, reason } => errors.push((path, reason)),
            WalkEvent::Unread { extension } => unread.push(extension),
        });
        (files, errors, unread)
    }

    #[test]
    fn unread_types_are_counted_by_extension_and_dumps_are_listed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("archive");
        fs::create_dir_all(&root).unwrap();
        for name in [
            "scan.pdf",
            "scan2.PDF",
            "notes",
            "old.doc.gz",
            "wire.csv",
            "crawl.warc.gz",
            "feed.jsonl.zst",
            "cols.tsv",
        ] {
            fs::write(root.join(name), "x").unwrap();
        }
        let (files, errors, mut unread) = collect_all(&root, None);
        assert!(errors.is_empty(), "{errors:?}");
        unread.sort();
        assert_eq!(unread, vec!["(none)", ".doc.gz", ".pdf", ".pdf"]);
        let formats: Vec<(&str, Compression)> = files
            .iter()
            .map(|f| (f.kind.format.name(), f.kind.compression))
            .collect();
        assert_eq!(
            formats,
            vec![
                ("tsv", Compression::None),
                ("warc", Compression::Gzip),
                ("jsonl", Compression::Zstd),
                ("csv", Compression::None),
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn special_files_are_reported_from_metadata_without_opening() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("inbox");
        fs::create_dir_all(&root).unwrap();
        fs::write(root.join("story.txt"), "Title\n\nBody.").unwrap();
        let fifo = root.join("wire.jsonl");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let socket = root.join("agent.sock");
        let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
        let (files, mut errors) = collect(&root, None);
        assert_eq!(files.len(), 1);
        errors.sort();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0].1.starts_with("a socket, not a regular file"),
            "{errors:?}"
        );
        assert!(errors[1].1.starts_with("a named pipe (FIFO)"), "{errors:?}");
    }

    #[test]
    fn walk_names_files_below_root_name_and_skips_hidden_and_index() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("news");
        fs::create_dir_all(root.join("politics")).unwrap();
        fs::create_dir_all(root.join(".git")).unwrap();
        fs::create_dir_all(root.join("idx")).unwrap();
        fs::write(root.join("politics/vote.txt"), "Vote\n\nBody.").unwrap();
        fs::write(root.join(".git/config.txt"), "hidden").unwrap();
        fs::write(root.join(".hidden.txt"), "hidden").unwrap();
        fs::write(root.join("idx/meta.json"), "{}").unwrap();
        fs::write(root.join("photo.jpg"), [0u8, 1, 2]).unwrap();
        fs::write(root.join("README.md"), "# About this folder").unwrap();
        fs::write(root.join("politics/LICENSE.txt"), "All rights reserved").unwrap();
        let (files, errors) = collect(&root, Some(&root.join("idx")));
        assert!(errors.is_empty(), "{errors:?}");
        let names: Vec<&str> = files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(names, vec!["news/politics/vote.txt"]);
        assert!(files[0].key.ends_with("news/politics/vote.txt"));
        assert_eq!(files[0].size, 11);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_is_reported_not_followed_forever() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("archive");
        fs::create_dir_all(root.join("a")).unwrap();
        fs::write(root.join("a/story.txt"), "Title\n\nBody.").unwrap();
        std::os::unix::fs::symlink(&root, root.join("a/loop")).unwrap();
        let (files, errors) = collect(&root, None);
        assert_eq!(files.len(), 1);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].1.contains("loop"), "{:?}", errors[0]);
    }

    #[test]
    fn read_ungzips_and_enforces_the_limit() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.txt.gz");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&vec![b'a'; 1000]).unwrap();
        fs::write(&path, gz.finish().unwrap()).unwrap();
        let (files, _) = collect(dir.path(), None);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].kind.compression, Compression::Gzip);
        assert_eq!(read(&files[0], 5000).unwrap().len(), 1000);
        assert_eq!(
            read(&files[0], 999),
            Err(ReadError::TooLarge { limit: 999 })
        );
        fs::write(&path, b"not gzip at all").unwrap();
        assert!(matches!(read(&files[0], 5000), Err(ReadError::Gzip(_))));
    }
}
