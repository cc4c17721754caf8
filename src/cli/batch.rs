//! `newsdex batch`: a list of names or queries checked against the archive, one row of
//! answers per line, as CSV, JSON or JSON Lines on standard output or in a file.
//!
//! The list is read line by line and each row is written as soon as it is answered, so
//! memory does not grow with the list. A line the search refuses is reported twice: in its
//! row (`error`) and on stderr as `FILE:LINE: message`; the run goes on and exits 1. A list
//! that cannot be used at all (no such file, a table without a `query` column, a terminal
//! as standard input, nothing but blank lines and comments) stops before any output and
//! exits 2. `-o FILE` is written as `export` writes it: complete or not at all.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Write};
use std::path::Path;

use anyhow::{bail, Context, Result};

use super::args::{BatchArgs, BatchFormatArg};
use super::export::write_atomically;
use super::{translate, Status};
use crate::render::{BatchFormat, BatchWriter};
use crate::search::{Archive, BatchLayout, BatchReader, BatchRequest};

/// How a run went: lines answered and lines refused.
#[derive(Debug, Default)]
struct Tally {
    lines: u64,
    failed: u64,
}

/// Runs `newsdex batch`.
pub fn run(a: BatchArgs) -> Result<Status> {
    let request = translate::batch(&a)?;
    request.validate()?;
    let shown = shown_name(&a.file);
    let input = open_list(&a.file)?;
    let reader = BatchReader::new(input, layout(&a.file))
        .with_context(|| format!("cannot use {shown} as a list"))?;
    let archive = Archive::open(&a.index.index)?;
    let format = match a.format {
        BatchFormatArg::Csv => BatchFormat::Csv,
        BatchFormatArg::Json => BatchFormat::Json,
        BatchFormatArg::Jsonl => BatchFormat::Jsonl,
    };
    let job = Job {
        archive: &archive,
        request: &request,
        shown: &shown,
        format,
    };
    let tally = match &a.output {
        None => {
            let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
            job.write(reader, &mut out)?
        }
        Some(path) => {
            let mut tally = Tally::default();
            write_atomically(path, |out| {
                tally = job.write(reader, out)?;
                Ok(tally.lines)
            })?;
            let rows = if tally.lines == 1 { "row" } else { "rows" };
            eprintln!("{} {rows} written to {}", tally.lines, path.display());
            tally
        }
    };
    if tally.failed > 0 {
        eprintln!(
            "{} of {} lines could not be run (their rows hold the error)",
            tally.failed, tally.lines
        );
        return Ok(Status::Partial);
    }
    Ok(Status::Success)
}

/// The list as it is named in messages.
fn shown_name(path: &Path) -> String {
    if path == Path::new("-") {
        "stdin".to_string()
    } else {
        path.display().to_string()
    }
}

/// A table by extension (`.csv`, `.tsv`, any case); anything else is told by its first line.
fn layout(path: &Path) -> BatchLayout {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if ext.eq_ignore_ascii_case("csv") {
        BatchLayout::Csv
    } else if ext.eq_ignore_ascii_case("tsv") {
        BatchLayout::Tsv
    } else {
        BatchLayout::Detect
    }
}

fn open_list(path: &Path) -> Result<Box<dyn BufRead>> {
    if path == Path::new("-") {
        let stdin = io::stdin();
        if stdin.is_terminal() {
            bail!(
                "batch reads its list from standard input (`-`), which is a terminal; \
                 pipe the list in (`newsdex batch - < names.txt`) or give the file's path"
            );
        }
        return Ok(Box::new(stdin.lock()));
    }
    let file = File::open(path).with_context(|| {
        format!(
            "cannot open the list {}; check the path (one query per line, or a CSV with a \
             `query` column)",
            path.display()
        )
    })?;
    Ok(Box::new(BufReader::with_capacity(1 << 16, file)))
}

/// One run's fixed parts.
struct Job<'a> {
    archive: &'a Archive,
    request: &'a BatchRequest,
    shown: &'a str,
    format: BatchFormat,
}

impl Job<'_> {
    /// Answers every line into `out`, row by row; refuses a list with no line at all.
    fn write<R: BufRead>(&self, reader: BatchReader<R>, out: &mut dyn Write) -> Result<Tally> {
        let extra = reader.extra_columns();
        let mut writer = BatchWriter::new(out, self.format, &extra);
        let mut tally = Tally::default();
        for line in reader {
            let line = line.with_context(|| format!("cannot read {}", self.shown))?;
            let row = self.archive.batch_line(self.request, line)?;
            if let Some(error) = &row.error {
                tally.failed += 1;
                eprintln!("{}:{}: {}", self.shown, row.line, error);
            }
            tally.lines += 1;
            writer.row(&row)?;
        }
        if tally.lines == 0 {
            bail!(
                "{} holds no query (only blank lines or `#` comments); put one name or query \
                 on each line",
                self.shown
            );
        }
        writer.finish()?;
        Ok(tally)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_known_by_extension_and_stdin_by_its_dash() {
        let cases = [
            ("names.csv", BatchLayout::Csv),
            ("NAMES.CSV", BatchLayout::Csv),
            ("names.tsv", BatchLayout::Tsv),
            ("names.txt", BatchLayout::Detect),
            ("names", BatchLayout::Detect),
            ("-", BatchLayout::Detect),
        ];
        for (path, want) in cases {
            assert_eq!(layout(Path::new(path)), want, "{path}");
        }
        assert_eq!(shown_name(Path::new("-")), "stdin");
        assert_eq!(shown_name(Path::new("a/names.txt")), "a/names.txt");
    }
}
