//! Reading a batch list: one query per line of plain text, or a CSV/TSV table with a
//! `query` column whose other columns are carried through.
//!
//! [`BatchReader`] streams its input: it holds one line (or one CSV record) at a time, so a
//! list of any length reads in constant memory. Plain text skips blank lines and lines that
//! start with `#`; every line keeps its number in the file, for the error messages. A table
//! is recognised by the caller's hint (a `.csv` or `.tsv` file) or by a first row that has
//! a `query` cell (any case); its line numbers are those of the record's first line.
//! Nothing here is fatal per line: a line that is not UTF-8 or is absurdly long becomes a
//! [`BatchLine`] with a `problem`, and the caller reports it and goes on.

use std::io::{self, BufRead, Chain, Cursor, Read};

/// Longest line read whole, in bytes; the rest of a longer line is skipped (the query
/// limit, [`super::MAX_QUERY_CHARS`], is far below it).
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// How the input is laid out, when the caller knows (from a file's extension).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchLayout {
    /// Decide from the first line: a table when it has a `query` cell, else plain text.
    Detect,
    /// A comma-separated table with a header row.
    Csv,
    /// A tab-separated table with a header row.
    Tsv,
}

/// One line of the list, ready to run.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BatchLine {
    /// Its line number in the input, from 1.
    pub line: u64,
    /// The query or name, trimmed.
    pub text: String,
    /// Why the line cannot be run (not UTF-8, too long, an empty `query` cell).
    pub problem: Option<String>,
    /// The other columns of a table row, by header name, in header order.
    pub columns: Vec<(String, String)>,
}

/// Why a list cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum BatchInputError {
    /// A table without a `query` column.
    #[error("the header row has no `query` column (it has: {}); name the column of queries `query`", .found.join(", "))]
    NoQueryColumn {
        /// The header cells found.
        found: Vec<String>,
    },
    /// Reading failed.
    #[error("cannot read the list")]
    Read(#[source] io::Error),
}

type Input<R> = Chain<Cursor<Vec<u8>>, R>;

/// The lines of a list, one by one (an iterator of [`BatchLine`]s).
pub struct BatchReader<R: BufRead> {
    inner: Inner<R>,
}

enum Inner<R: BufRead> {
    Plain {
        input: Input<R>,
        line: u64,
        buf: Vec<u8>,
    },
    Table {
        reader: Box<csv::Reader<Input<R>>>,
        query: usize,
        names: Vec<String>,
        record: csv::ByteRecord,
    },
}

impl<R: BufRead> BatchReader<R> {
    /// Starts reading `input`; a table's header row is read and checked here.
    pub fn new(mut input: R, layout: BatchLayout) -> Result<BatchReader<R>, BatchInputError> {
        let mut first = Vec::new();
        let read = read_capped(&mut input, &mut first).map_err(BatchInputError::Read)?;
        if read > first.len() {
            // Cut short: end it, so the next line is not glued to it when read again.
            first.push(b'\n');
        }
        let delimiter = match layout {
            BatchLayout::Csv => Some(b','),
            BatchLayout::Tsv => Some(b'\t'),
            BatchLayout::Detect => detect(&first),
        };
        let input = Cursor::new(first).chain(input);
        let inner = match delimiter {
            None => Inner::Plain {
                input,
                line: 0,
                buf: Vec::new(),
            },
            Some(delimiter) => table(input, delimiter)?,
        };
        Ok(BatchReader { inner })
    }

    /// The names of the carried-through columns (empty for plain text).
    pub fn extra_columns(&self) -> Vec<String> {
        match &self.inner {
            Inner::Plain { .. } => Vec::new(),
            Inner::Table { names, query, .. } => names
                .iter()
                .enumerate()
                .filter(|(i, _)| i != query)
                .map(|(_, n)| n.clone())
                .collect(),
        }
    }
}

/// The delimiter of a table whose first line has a `query` cell, if it does.
fn detect(first: &[u8]) -> Option<u8> {
    [b',', b'\t']
        .into_iter()
        .find(|&d| header_cells(first, d).iter().any(|c| is_query(c)))
}

fn header_cells(line: &[u8], delimiter: u8) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(line);
    let mut record = csv::ByteRecord::new();
    match reader.read_byte_record(&mut record) {
        Ok(true) => record.iter().map(cell_text).collect(),
        _ => Vec::new(),
    }
}

fn is_query(cell: &str) -> bool {
    cell.trim().eq_ignore_ascii_case("query")
}

/// A cell as text, without a byte-order mark; bytes that are not UTF-8 are replaced.
fn cell_text(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    text.strip_prefix('\u{feff}').unwrap_or(&text).to_string()
}

fn table<R: BufRead>(input: Input<R>, delimiter: u8) -> Result<Inner<R>, BatchInputError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(true)
        .from_reader(input);
    let header = reader.byte_headers().map_err(csv_error)?;
    let mut names: Vec<String> = Vec::new();
    for cell in header.iter() {
        let mut name = cell_text(cell).trim().to_string();
        if names.contains(&name) {
            name = format!("{name}_{}", names.len() + 1);
        }
        names.push(name);
    }
    let Some(query) = names.iter().position(|n| is_query(n)) else {
        return Err(BatchInputError::NoQueryColumn { found: names });
    };
    Ok(Inner::Table {
        reader: Box::new(reader),
        query,
        names,
        record: csv::ByteRecord::new(),
    })
}

fn csv_error(e: csv::Error) -> BatchInputError {
    let message = e.to_string();
    BatchInputError::Read(match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        _ => io::Error::new(io::ErrorKind::InvalidData, message),
    })
}

/// Reads one line (up to and without its `\n`) into `buf`, keeping at most
/// [`MAX_LINE_BYTES`] and skipping the rest; returns the bytes the line had, 0 at the end.
fn read_capped(input: &mut impl BufRead, buf: &mut Vec<u8>) -> io::Result<usize> {
    buf.clear();
    let mut total = 0;
    loop {
        let chunk = match input.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(total);
        }
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(at) => (at + 1, true),
            None => (chunk.len(), false),
        };
        let room = (MAX_LINE_BYTES + 1).saturating_sub(buf.len());
        buf.extend_from_slice(&chunk[..take.min(room)]);
        total += take;
        input.consume(take);
        if done {
            return Ok(total);
        }
    }
}

impl<R: BufRead> Iterator for BatchReader<R> {
    type Item = Result<BatchLine, BatchInputError>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.inner {
            Inner::Plain { input, line, buf } => next_plain(input, line, buf).transpose(),
            Inner::Table {
                reader,
                query,
                names,
                record,
            } => next_row(reader, *query, names, record).transpose(),
        }
    }
}

fn next_plain(
    input: &mut impl BufRead,
    line: &mut u64,
    buf: &mut Vec<u8>,
) -> Result<Option<BatchLine>, BatchInputError> {
    loop {
        let read = read_capped(input, buf).map_err(BatchInputError::Read)?;
        if read == 0 {
            return Ok(None);
        }
        *line += 1;
        if let Some(parsed) = plain_line(*line, buf, read) {
            return Ok(Some(parsed));
        }
    }
}

/// One plain-text line (`bytes` as read, `read` its whole length), or `None` for a blank
/// line or a comment.
fn plain_line(line: u64, bytes: &[u8], read: usize) -> Option<BatchLine> {
    let mut parsed = BatchLine {
        line,
        ..BatchLine::default()
    };
    if read > MAX_LINE_BYTES + 1 {
        parsed.problem = Some(format!(
            "the line is {read} bytes long; a query is at most {} characters",
            super::MAX_QUERY_CHARS
        ));
        return Some(parsed);
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        parsed.problem = Some("the line is not UTF-8 text; save the list as UTF-8".into());
        return Some(parsed);
    };
    let text = if line == 1 {
        text.strip_prefix('\u{feff}').unwrap_or(text)
    } else {
        text
    };
    let text = text.trim();
    if text.is_empty() || text.starts_with('#') {
        return None;
    }
    parsed.text = text.to_string();
    Some(parsed)
}

fn next_row<R: Read>(
    reader: &mut csv::Reader<R>,
    query: usize,
    names: &[String],
    record: &mut csv::ByteRecord,
) -> Result<Option<BatchLine>, BatchInputError> {
    if !reader.read_byte_record(record).map_err(csv_error)? {
        return Ok(None);
    }
    let line = record.position().map_or(0, |p| p.line());
    let mut parsed = BatchLine {
        line,
        ..BatchLine::default()
    };
    for (i, name) in names.iter().enumerate() {
        let bytes = record.get(i).unwrap_or_default();
        let Ok(text) = std::str::from_utf8(bytes) else {
            parsed.problem = Some(format!(
                "the `{name}` cell is not UTF-8 text; save the table as UTF-8"
            ));
            continue;
        };
        if i == query {
            parsed.text = text.trim().to_string();
        } else {
            parsed.columns.push((name.clone(), text.to_string()));
        }
    }
    if parsed.problem.is_none() && parsed.text.is_empty() {
        parsed.problem = Some("the `query` cell is empty".into());
    }
    Ok(Some(parsed))
}

#[cfg(test)]
#[path = "batch_input_tests.rs"]
mod tests;
