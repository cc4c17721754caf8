//! Streaming record readers for dumps: JSON Lines, CSV/TSV and WARC, read from any
//! [`BufRead`] one record at a time, so a dump of any size needs the memory of one record.
//!
//! The reader only frames records (finds where each starts and ends) and fingerprints the
//! stream read so far; turning a record into an [`Article`](super::Article) is
//! [`super::record`]'s job and runs on the ingest workers. A record larger than the limit is
//! skipped (read past, never buffered) and reported with its line.

use std::cell::Cell;
use std::io::{self, BufRead, Read};
use std::rc::Rc;
use std::sync::Arc;

use xxhash_rust::xxh3::Xxh3;

use super::Format;

/// Longest WARC header block accepted (named fields of one record).
const MAX_WARC_HEADER: usize = 64 * 1024;

/// The raw content of one record, parsed into an article by [`super::record::parse`].
#[derive(Debug, Clone, PartialEq)]
pub enum Raw {
    /// One JSON Lines line, without its line end.
    Line(Vec<u8>),
    /// One CSV/TSV row's fields, decoded to text, in header order.
    Row(Vec<String>),
    /// One WARC record: its named fields and its content block.
    Warc {
        headers: Vec<(String, String)>,
        block: Vec<u8>,
    },
}

/// One framed record of a dump.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The record's stable number in the dump: JSON Lines line number - 1, CSV row number
    /// from 0 (header not counted), WARC byte offset of the record.
    pub id: u64,
    /// Line of the dump the record starts on (from 1).
    pub line: u64,
    pub raw: Raw,
}

/// A problem with one record (`fatal` = the rest of the dump cannot be read).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{line}: {reason}")]
pub struct StreamError {
    pub line: u64,
    pub reason: String,
    pub fatal: bool,
}

/// Frames a decompressed dump into records.
pub struct RecordReader<R: BufRead> {
    framer: Framer<R>,
    limit: u64,
    /// Records returned or skipped so far (what a resume counts).
    records: u64,
    done: bool,
}

enum Framer<R: BufRead> {
    Lines(Hashed<R>),
    Warc(Hashed<R>),
    Csv(Box<CsvFramer<R>>),
}

/// The input with a running fingerprint and position of everything consumed.
struct Hashed<R> {
    input: R,
    hash: Xxh3,
    offset: u64,
    line: u64,
}

impl<R: BufRead> RecordReader<R> {
    /// A reader of `format` (JSON Lines, CSV, TSV or WARC) over `input`; records over
    /// `limit` bytes are skipped with an error. CSV/TSV read their header row here, with
    /// `columns` renaming columns (`("title", "headline")`: the title is the headline column).
    pub fn new(
        input: R,
        format: Format,
        limit: u64,
        columns: &[(String, String)],
    ) -> Result<RecordReader<R>, StreamError> {
        let hashed = Hashed {
            input,
            hash: Xxh3::new(),
            offset: 0,
            line: 1,
        };
        let framer = match format {
            Format::Csv | Format::Tsv => {
                let tab = format == Format::Tsv;
                Framer::Csv(Box::new(CsvFramer::new(hashed, tab, limit, columns)?))
            }
            Format::Warc => Framer::Warc(hashed),
            _ => Framer::Lines(hashed),
        };
        Ok(RecordReader {
            framer,
            limit,
            records: 0,
            done: false,
        })
    }

    /// Fingerprint of every record read so far (equal for equal prefixes of a dump).
    pub fn fingerprint(&self) -> u64 {
        match &self.framer {
            Framer::Lines(h) | Framer::Warc(h) => h.hash.digest(),
            Framer::Csv(c) => c.hash.digest(),
        }
    }

    /// Records read or skipped so far.
    pub fn records(&self) -> u64 {
        self.records
    }

    /// The column names a CSV/TSV header mapped to article fields (empty for other formats).
    pub fn columns(&self) -> Option<Arc<Vec<String>>> {
        match &self.framer {
            Framer::Csv(c) => Some(Arc::clone(&c.keys)),
            _ => None,
        }
    }

    fn next_record(&mut self) -> Option<Result<Record, StreamError>> {
        let limit = self.limit;
        match &mut self.framer {
            Framer::Lines(h) => next_line(h, limit),
            Framer::Warc(h) => next_warc(h, limit),
            Framer::Csv(c) => c.next_row(),
        }
    }
}

impl<R: BufRead> Iterator for RecordReader<R> {
    type Item = Result<Record, StreamError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let next = self.next_record();
        match &next {
            None => self.done = true,
            Some(Err(e)) if e.fatal => self.done = true,
            Some(_) => self.records += 1,
        }
        next
    }
}

fn io_error(line: u64, e: &io::Error) -> StreamError {
    StreamError {
        line,
        reason: format!("cannot read the rest of the dump: {e}"),
        fatal: true,
    }
}

fn too_large(line: u64, limit: u64) -> StreamError {
    StreamError {
        line,
        reason: format!(
            "record is larger than the {limit}-byte limit; skipped (raise it with --max-record-size)"
        ),
        fatal: false,
    }
}

impl<R: BufRead> Hashed<R> {
    /// Reads up to and including the next `\n` into `out` while it stays within `keep`
    /// bytes (beyond, the rest is read and hashed but dropped). Returns the bytes consumed.
    fn read_line(&mut self, out: &mut Vec<u8>, keep: u64) -> io::Result<u64> {
        let mut total = 0u64;
        loop {
            let available = self.input.fill_buf()?;
            if available.is_empty() {
                break;
            }
            let (take, end) = match available.iter().position(|&b| b == b'\n') {
                Some(i) => (i + 1, true),
                None => (available.len(), false),
            };
            self.hash.update(&available[..take]);
            if (out.len() + take) as u64 <= keep {
                out.extend_from_slice(&available[..take]);
            }
            total += take as u64;
            self.input.consume(take);
            if end {
                self.line += 1;
                break;
            }
        }
        self.offset += total;
        Ok(total)
    }

    /// Consumes exactly `n` bytes into `out` (or, with `out` None, drops them).
    fn read_exact_into(&mut self, n: u64, mut out: Option<&mut Vec<u8>>) -> io::Result<()> {
        let mut left = n;
        while left > 0 {
            let available = self.input.fill_buf()?;
            if available.is_empty() {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the dump ends inside a record",
                ));
            }
            let take = available.len().min(left as usize);
            let chunk = &available[..take];
            self.hash.update(chunk);
            self.line += chunk.iter().filter(|&&b| b == b'\n').count() as u64;
            if let Some(out) = out.as_deref_mut() {
                out.extend_from_slice(chunk);
            }
            self.input.consume(take);
            left -= take as u64;
        }
        self.offset += n;
        Ok(())
    }
}

fn trim_line_end(line: &mut Vec<u8>) {
    while line.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
        line.pop();
    }
}

fn next_line<R: BufRead>(h: &mut Hashed<R>, limit: u64) -> Option<Result<Record, StreamError>> {
    loop {
        let line = h.line;
        let mut bytes = Vec::new();
        match h.read_line(&mut bytes, limit + 2) {
            Err(e) => return Some(Err(io_error(line, &e))),
            Ok(0) => return None,
            Ok(n) if bytes.len() as u64 != n => return Some(Err(too_large(line, limit))),
            Ok(_) => {}
        }
        trim_line_end(&mut bytes);
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if bytes.len() as u64 > limit {
            return Some(Err(too_large(line, limit)));
        }
        return Some(Ok(Record {
            id: line - 1,
            line,
            raw: Raw::Line(bytes),
        }));
    }
}

fn next_warc<R: BufRead>(h: &mut Hashed<R>, limit: u64) -> Option<Result<Record, StreamError>> {
    // Records are separated by blank lines; skip them to the version line.
    let (start, line, version) = loop {
        let (start, line) = (h.offset, h.line);
        let mut bytes = Vec::new();
        match h.read_line(&mut bytes, MAX_WARC_HEADER as u64) {
            Err(e) => return Some(Err(io_error(line, &e))),
            Ok(0) => return None,
            Ok(_) => {}
        }
        trim_line_end(&mut bytes);
        if !bytes.is_empty() {
            break (start, line, bytes);
        }
    };
    if !version.starts_with(b"WARC/") {
        return Some(Err(StreamError {
            line,
            reason: format!("byte {start}: not the start of a WARC record (expected a WARC/1.0 or WARC/1.1 line); the rest of the file is skipped"),
            fatal: true,
        }));
    }
    let headers = match warc_headers(h) {
        Ok(headers) => headers,
        Err(reason) => {
            return Some(Err(StreamError {
                line,
                reason,
                fatal: true,
            }))
        }
    };
    let length = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("Content-Length"))
        .and_then(|(_, v)| v.trim().parse::<u64>().ok());
    let Some(length) = length else {
        return Some(Err(StreamError {
            line,
            reason: "WARC record without a valid Content-Length; the rest of the file is skipped"
                .into(),
            fatal: true,
        }));
    };
    if length > limit {
        return Some(match h.read_exact_into(length, None) {
            Ok(()) => Err(too_large(line, limit)),
            Err(e) => Err(io_error(line, &e)),
        });
    }
    let mut block = Vec::with_capacity(length as usize);
    if let Err(e) = h.read_exact_into(length, Some(&mut block)) {
        return Some(Err(io_error(line, &e)));
    }
    Some(Ok(Record {
        id: start,
        line,
        raw: Raw::Warc { headers, block },
    }))
}

/// Reads `Name: value` lines up to the blank line that ends a WARC header block.
fn warc_headers<R: BufRead>(h: &mut Hashed<R>) -> Result<Vec<(String, String)>, String> {
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut size = 0usize;
    loop {
        let mut bytes = Vec::new();
        let n = h
            .read_line(&mut bytes, MAX_WARC_HEADER as u64)
            .map_err(|e| format!("cannot read the rest of the dump: {e}"))?;
        size += n as usize;
        if n == 0 || size > MAX_WARC_HEADER {
            return Err(
                "WARC header block is cut short or too long; the rest of the file is skipped"
                    .into(),
            );
        }
        trim_line_end(&mut bytes);
        if bytes.is_empty() {
            return Ok(headers);
        }
        let text = String::from_utf8_lossy(&bytes);
        if text.starts_with([' ', '\t']) {
            // A folded continuation line belongs to the previous field.
            if let Some(last) = headers.last_mut() {
                last.1.push(' ');
                last.1.push_str(text.trim());
            }
            continue;
        }
        if let Some((name, value)) = text.split_once(':') {
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
}

/// A CSV/TSV reader that never buffers more than one record over the limit: a guard below
/// the `csv` crate's buffer fails the read once a record grows past it (an unclosed quote
/// would otherwise swallow the rest of a huge file into one field).
struct CsvFramer<R: BufRead> {
    reader: csv::Reader<Guard<R>>,
    hash: Xxh3,
    keys: Arc<Vec<String>>,
    record_start: Rc<Cell<u64>>,
    row: u64,
    limit: u64,
    crlf: bool,
}

struct Guard<R> {
    input: Hashed<R>,
    record_start: Rc<Cell<u64>>,
    limit: u64,
}

impl<R: BufRead> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.input.offset.saturating_sub(self.record_start.get()) > self.limit {
            return Err(io::Error::other(RECORD_TOO_LARGE));
        }
        let n = self.input.input.read(buf)?;
        self.input.offset += n as u64;
        Ok(n)
    }
}

const RECORD_TOO_LARGE: &str = "record too large";

impl<R: BufRead> CsvFramer<R> {
    fn new(
        input: Hashed<R>,
        tab: bool,
        limit: u64,
        columns: &[(String, String)],
    ) -> Result<CsvFramer<R>, StreamError> {
        let mut input = input;
        // The csv crate counts a CRLF's line at the start of the next record, so records
        // of CRLF files report the line before their own; the first line ending tells.
        let crlf = input.input.fill_buf().is_ok_and(|b| {
            b.iter()
                .position(|&c| c == b'\n')
                .is_some_and(|i| i > 0 && b[i - 1] == b'\r')
        });
        let record_start = Rc::new(Cell::new(0));
        let guard = Guard {
            input,
            record_start: Rc::clone(&record_start),
            limit,
        };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(if tab { b'\t' } else { b',' })
            .flexible(false)
            .has_headers(true)
            .from_reader(guard);
        let header = reader.byte_headers().map_err(|e| StreamError {
            line: 1,
            reason: csv_reason(&e, limit),
            fatal: true,
        })?;
        let names: Vec<String> = header.iter().map(decode_field).collect();
        let keys = super::record::column_keys(&names, columns).map_err(|reason| StreamError {
            line: 1,
            reason,
            fatal: true,
        })?;
        let mut hash = Xxh3::new();
        hash_fields(&mut hash, header);
        Ok(CsvFramer {
            reader,
            hash,
            keys: Arc::new(keys),
            record_start,
            row: 0,
            limit,
            crlf,
        })
    }

    fn next_row(&mut self) -> Option<Result<Record, StreamError>> {
        let mut record = csv::ByteRecord::new();
        self.record_start.set(self.reader.position().byte());
        let line = self.reader.position().line() + u64::from(self.crlf);
        match self.reader.read_byte_record(&mut record) {
            Ok(false) => None,
            Ok(true) => {
                let line = record
                    .position()
                    .map_or(line, |p| p.line() + u64::from(self.crlf));
                hash_fields(&mut self.hash, &record);
                let id = self.row;
                self.row += 1;
                Some(Ok(Record {
                    id,
                    line,
                    raw: Raw::Row(record.iter().map(decode_field).collect()),
                }))
            }
            Err(e) => {
                let fatal = matches!(e.kind(), csv::ErrorKind::Io(_));
                if !fatal {
                    // A bad row still takes its number, so later rows keep their ids.
                    self.row += 1;
                    self.hash.update(b"\x1d");
                }
                let line = e
                    .position()
                    .map_or(line, |p| p.line() + u64::from(self.crlf));
                Some(Err(StreamError {
                    line,
                    reason: csv_reason(&e, self.limit),
                    fatal,
                }))
            }
        }
    }
}

fn hash_fields(hash: &mut Xxh3, record: &csv::ByteRecord) {
    for field in record {
        hash.update(field);
        hash.update(b"\x1f");
    }
    hash.update(b"\x1e");
}

/// A field as text: UTF-8 when it is, Windows-1252 otherwise (legacy exports).
fn decode_field(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

fn csv_reason(e: &csv::Error, limit: u64) -> String {
    match e.kind() {
        csv::ErrorKind::Io(io) if io.to_string() == RECORD_TOO_LARGE => format!(
            "a row is larger than the {limit}-byte limit (an unclosed quote?); the rest of the file is skipped (raise it with --max-record-size)"
        ),
        csv::ErrorKind::Io(io) => format!("cannot read the rest of the dump: {io}"),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("row has {len} fields, the header has {expected_len}; skipped"),
        _ => format!("bad row: {e}; skipped"),
    }
}

#[cfg(test)]
#[path = "stream_tests.rs"]
mod tests;
