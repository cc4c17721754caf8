//! Opening files safely: only regular files are opened (checked from metadata before the
//! open, then on the open handle, and opened non-blocking so a FIFO swapped in between cannot
//! hang the run), and dumps are opened as a decompressed stream that counts the bytes read
//! from disk (for progress in MB of the file's size).

use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use super::{io_reason, mtime_nanos, special_kind, ReadError, SourceFile};
use crate::article::Compression;

/// Buffer between the disk (or decompressor) and the record reader.
const STREAM_BUFFER: usize = 256 * 1024;

/// Opens `path` for reading only if it is a regular file.
pub fn open_regular(path: &Path) -> Result<fs::File, ReadError> {
    let meta = fs::metadata(path).map_err(|e| ReadError::Io(io_reason(&e)))?;
    if let Some(what) = special_kind(&meta.file_type()) {
        return Err(special(what));
    }
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Non-blocking: a FIFO put in the file's place after the check opens at once
        // instead of waiting for a writer (on regular files the flag has no effect).
        options.custom_flags(libc::O_NONBLOCK);
    }
    let handle = options
        .open(path)
        .map_err(|e| ReadError::Io(io_reason(&e)))?;
    let meta = handle
        .metadata()
        .map_err(|e| ReadError::Io(io_reason(&e)))?;
    if let Some(what) = special_kind(&meta.file_type()) {
        return Err(special(what));
    }
    Ok(handle)
}

fn special(what: &str) -> ReadError {
    ReadError::Special(format!(
        "{what}, not a regular file; skipped without reading it"
    ))
}

/// Whether the file at `path` no longer has the size and modification time it was listed
/// with (it was written to, truncated or replaced).
pub fn changed_since(path: &Path, size: u64, mtime: i64) -> bool {
    match fs::metadata(path) {
        Ok(meta) => meta.len() != size || mtime_nanos(&meta) != mtime,
        Err(_) => true,
    }
}

/// A dump opened for streaming: decompressed bytes, and a counter of the bytes read from
/// disk so far (compressed bytes for `.gz`/`.zst`).
pub struct DumpStream {
    pub reader: Box<dyn BufRead + Send>,
    pub disk_bytes: Arc<AtomicU64>,
}

/// Opens a dump for streaming, decompressing `.gz` (every member) and `.zst` (every frame).
pub fn open_stream(file: &SourceFile) -> Result<DumpStream, ReadError> {
    let handle = open_regular(&file.path)?;
    let disk_bytes = Arc::new(AtomicU64::new(0));
    let counted = Counted {
        inner: handle,
        count: Arc::clone(&disk_bytes),
    };
    let reader: Box<dyn BufRead + Send> = match file.kind.compression {
        Compression::None => Box::new(BufReader::with_capacity(STREAM_BUFFER, counted)),
        Compression::Gzip => Box::new(BufReader::with_capacity(
            STREAM_BUFFER,
            Named {
                inner: flate2::read::MultiGzDecoder::new(BufReader::new(counted)),
                what: "gzip",
            },
        )),
        Compression::Zstd => {
            let decoder = zstd::stream::read::Decoder::new(counted)
                .map_err(|e| ReadError::Zstd(e.to_string()))?;
            Box::new(BufReader::with_capacity(
                STREAM_BUFFER,
                Named {
                    inner: decoder,
                    what: "zstd",
                },
            ))
        }
    };
    Ok(DumpStream { reader, disk_bytes })
}

/// Counts the bytes read through it.
struct Counted<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Prefixes a decompressor's errors with its format ("not valid gzip: …").
struct Named<R> {
    inner: R,
    what: &'static str,
}

impl<R: Read> Read for Named<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner
            .read(buf)
            .map_err(|e| io::Error::new(e.kind(), format!("not valid {} data: {e}", self.what)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn source(path: &Path, compression: Compression) -> SourceFile {
        let meta = fs::metadata(path).unwrap();
        SourceFile {
            path: path.to_path_buf(),
            rel: "x".into(),
            key: path.display().to_string(),
            kind: crate::article::FileKind {
                format: crate::article::Format::JsonLines,
                compression,
            },
            size: meta.len(),
            mtime: mtime_nanos(&meta),
        }
    }

    #[test]
    fn streams_decompress_every_member_and_frame_and_count_disk_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let lines = [
            "{\"title\": \"Rates held\"}\n",
            "{\"title\": \"Port strike ends\"}\n",
        ];
        let mut gz = Vec::new();
        let mut zst = Vec::new();
        for line in lines {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(line.as_bytes()).unwrap();
            gz.extend(e.finish().unwrap());
            zst.extend(zstd::stream::encode_all(line.as_bytes(), 3).unwrap());
        }
        for (name, bytes, compression) in [
            ("a.jsonl.gz", gz, Compression::Gzip),
            ("a.jsonl.zst", zst, Compression::Zstd),
        ] {
            let path = dir.path().join(name);
            fs::write(&path, &bytes).unwrap();
            let mut stream = open_stream(&source(&path, compression)).unwrap();
            let mut text = String::new();
            stream.reader.read_to_string(&mut text).unwrap();
            assert_eq!(text, lines.concat(), "{name}");
            assert_eq!(
                stream.disk_bytes.load(Ordering::Relaxed),
                bytes.len() as u64
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("wire.jsonl");
        let status = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .expect("mkfifo runs");
        assert!(status.success());
        let err = open_regular(&path).unwrap_err();
        assert!(err.to_string().contains("named pipe (FIFO)"), "{err}");
    }
}
