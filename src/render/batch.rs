//! Batch results: one row per line of the list, as CSV, JSON Lines or one JSON array,
//! written as each row arrives.
//!
//! CSV follows the export's rules (RFC 4180, CRLF, lists joined with `"; "`, formula cells
//! prefixed with `'`): our columns first, then the columns carried through from the input
//! table. JSON Lines is one object per row; JSON is the same objects in one array, opened
//! before the first row and closed by [`BatchWriter::finish`]. Nothing is written before the
//! first row or `finish`, so a list refused before its first line leaves no output.

use std::borrow::Cow;
use std::io::{self, Write};

use super::export::{cell, io_error, LIST_SEPARATOR};
use crate::search::{BatchRow, TOP_ARTICLES};

/// The file format of batch results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchFormat {
    /// RFC 4180 CSV with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
    /// One JSON array of objects.
    Json,
}

/// Writes batch rows to `out`; call [`finish`](BatchWriter::finish) at the end.
pub struct BatchWriter<'a> {
    out: Out<'a>,
    /// The CSV header, or the JSON array's opening, until the first row.
    pending: Option<Vec<String>>,
    rows: u64,
}

enum Out<'a> {
    Csv(Box<csv::Writer<&'a mut dyn Write>>),
    Json(&'a mut dyn Write, BatchFormat),
}

impl<'a> BatchWriter<'a> {
    /// A writer whose CSV rows end with the input table's `extra` columns.
    pub fn new(out: &'a mut dyn Write, format: BatchFormat, extra: &[String]) -> BatchWriter<'a> {
        let out = match format {
            BatchFormat::Csv => Out::Csv(Box::new(
                csv::WriterBuilder::new()
                    .terminator(csv::Terminator::CRLF)
                    .flexible(true)
                    .from_writer(out),
            )),
            other => Out::Json(out, other),
        };
        let mut header: Vec<String> = header().into_iter().map(String::from).collect();
        header.extend(extra.iter().map(|c| cell(c).into_owned()));
        BatchWriter {
            out,
            pending: Some(header),
            rows: 0,
        }
    }

    fn start(&mut self) -> io::Result<()> {
        let Some(header) = self.pending.take() else {
            return Ok(());
        };
        match &mut self.out {
            Out::Csv(w) => w.write_record(&header).map_err(io_error),
            Out::Json(out, BatchFormat::Json) => out.write_all(b"["),
            Out::Json(..) => Ok(()),
        }
    }

    /// Writes one row and flushes it, so a reader sees each line's answer as it comes.
    pub fn row(&mut self, row: &BatchRow) -> io::Result<()> {
        self.start()?;
        match &mut self.out {
            Out::Csv(w) => {
                w.write_record(cells(row).iter().map(|c| c.as_bytes()))
                    .map_err(io_error)?;
                w.flush()?;
            }
            Out::Json(out, format) => {
                if *format == BatchFormat::Json && self.rows > 0 {
                    out.write_all(b",\n")?;
                }
                serde_json::to_writer(&mut **out, row).map_err(io::Error::from)?;
                if *format == BatchFormat::Jsonl {
                    out.write_all(b"\n")?;
                }
                out.flush()?;
            }
        }
        self.rows += 1;
        Ok(())
    }

    /// Closes the output (the CSV header or an empty array if no row came) and flushes.
    pub fn finish(mut self) -> io::Result<()> {
        self.start()?;
        match self.out {
            Out::Csv(mut w) => w.flush(),
            Out::Json(out, format) => {
                if format == BatchFormat::Json {
                    out.write_all(b"]\n")?;
                }
                out.flush()
            }
        }
    }
}

/// Our CSV columns, in order (the input's columns follow them).
pub fn header() -> Vec<&'static str> {
    let mut h = vec![
        "line",
        "query",
        "kind",
        "error",
        "hits",
        "first_date",
        "last_date",
        "name",
        "aliases",
        "quotes",
    ];
    const TOP: [[&str; 3]; TOP_ARTICLES] = [
        ["top1_id", "top1_title", "top1_date"],
        ["top2_id", "top2_title", "top2_date"],
        ["top3_id", "top3_title", "top3_date"],
    ];
    h.extend(TOP.iter().flatten());
    h
}

/// The CSV cells of a row, in [`header`] order, then its carried-through columns.
pub fn cells(row: &BatchRow) -> Vec<Cow<'_, str>> {
    let number = |n: Option<u64>| Cow::Owned(n.map_or(String::new(), |n| n.to_string()));
    let mut cells = vec![
        Cow::Owned(row.line.to_string()),
        cell(&row.query),
        Cow::Borrowed(row.kind.map_or("", |k| k.name())),
        text(&row.error),
        number(row.hits),
        text(&row.first_date),
        text(&row.last_date),
        text(&row.name),
        match &row.aliases {
            Some(a) => Cow::Owned(cell(&a.join(LIST_SEPARATOR)).into_owned()),
            None => Cow::Borrowed(""),
        },
        number(row.quotes),
    ];
    for i in 0..TOP_ARTICLES {
        match row.top.get(i) {
            Some(a) => cells.extend([cell(&a.id), cell(&a.title), text(&a.date)]),
            None => cells.extend([Cow::Borrowed(""), Cow::Borrowed(""), Cow::Borrowed("")]),
        }
    }
    cells.extend(row.columns.iter().map(|(_, v)| cell(v)));
    cells
}

fn text(value: &Option<String>) -> Cow<'_, str> {
    cell(value.as_deref().unwrap_or(""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::EntityKind;
    use crate::search::TopArticle;

    fn row() -> BatchRow {
        BatchRow {
            line: 3,
            query: "person:\"Jane Roe\"".into(),
            kind: Some(EntityKind::Person),
            hits: Some(2),
            first_date: Some("2024-01-02".into()),
            last_date: Some("2024-03-04".into()),
            top: vec![TopArticle {
                id: "a.txt".into(),
                title: "Rates, held".into(),
                date: None,
            }],
            name: Some("Jane Roe".into()),
            aliases: Some(vec!["JANE ROE".into(), "Roe".into()]),
            quotes: Some(5),
            columns: vec![("desk".into(), "=politics".into())],
            ..BatchRow::default()
        }
    }

    fn write(format: BatchFormat, rows: &[BatchRow]) -> String {
        let mut out = Vec::new();
        let mut w = BatchWriter::new(&mut out, format, &["desk".to_string()]);
        for r in rows {
            w.row(r).unwrap();
        }
        w.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn csv_rows_follow_the_header_then_carry_the_input_columns() {
        let text = write(BatchFormat::Csv, &[row()]);
        let mut lines = text.split("\r\n");
        let first = lines.next().unwrap();
        assert!(
            first.starts_with("line,query,kind,error,hits,first_date"),
            "{first}"
        );
        assert!(first.ends_with(",top3_date,desk"), "{first}");
        assert_eq!(
            lines.next().unwrap(),
            "3,\"person:\"\"Jane Roe\"\"\",person,,2,2024-01-02,2024-03-04,Jane Roe,JANE ROE; Roe,5,\
             a.txt,\"Rates, held\",,,,,,,,'=politics"
        );
        assert_eq!(cells(&row()).len(), header().len() + 1);
        let empty = write(BatchFormat::Csv, &[]);
        assert_eq!(
            empty.matches("\r\n").count(),
            1,
            "a header even with no row"
        );
    }

    #[test]
    fn json_is_one_array_and_jsonl_one_object_a_line() {
        let error = BatchRow {
            line: 4,
            query: "title:(".into(),
            error: Some("invalid query".into()),
            ..BatchRow::default()
        };
        let array = write(BatchFormat::Json, &[row(), error.clone()]);
        let v: serde_json::Value = serde_json::from_str(&array).unwrap();
        assert_eq!(v.as_array().unwrap().len(), 2);
        assert_eq!(v[0]["columns"]["desk"], "=politics", "JSON is not escaped");
        assert_eq!(v[0]["aliases"][1], "Roe");
        assert_eq!(v[1]["hits"], serde_json::Value::Null);
        assert_eq!(v[1]["error"], "invalid query");
        assert_eq!(write(BatchFormat::Json, &[]).trim(), "[]");
        let lines = write(BatchFormat::Jsonl, &[row(), error]);
        assert_eq!(lines.lines().count(), 2);
        for line in lines.lines() {
            serde_json::from_str::<serde_json::Value>(line).unwrap();
        }
        assert_eq!(write(BatchFormat::Jsonl, &[]), "");
    }
}
