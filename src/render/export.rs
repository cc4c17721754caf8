//! Export files: the rows of `search`'s export as CSV or JSON Lines, written one by one as
//! the archive hands them over.
//!
//! CSV follows RFC 4180: a header row, comma-separated cells quoted when they hold a comma,
//! a quotation mark or a line break (quotation marks doubled), CRLF line ends, UTF-8. Lists
//! (people, organisations, places, aliases) are joined with `"; "`. A cell that starts with
//! `=`, `+`, `-` or `@` gets a leading `'`, so a spreadsheet shows it as text instead of
//! evaluating it as a formula (CSV injection). JSON Lines is one compact object per row,
//! lists as arrays and nothing escaped.

use std::borrow::Cow;
use std::io::{self, Write};

use crate::search::{ArticleRow, EntityRow, ExportKind, ExportSink, QuoteRow};

/// The file format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// RFC 4180 CSV with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

/// Separator of the values of a list in one CSV cell.
pub const LIST_SEPARATOR: &str = "; ";

/// Writes export rows to `out` in one format. Call [`finish`](ExportWriter::finish) at the
/// end: CSV is buffered.
pub struct ExportWriter<'a> {
    inner: Inner<'a>,
}

enum Inner<'a> {
    Csv(Box<Csv<'a>>),
    Jsonl(&'a mut dyn Write),
}

/// A CSV writer whose header row waits for the first row (or for `finish`), so nothing is
/// written when the export fails before its first row (a query that cannot be read).
struct Csv<'a> {
    writer: csv::Writer<&'a mut dyn Write>,
    header: Option<Vec<&'static str>>,
}

impl Csv<'_> {
    fn record(&mut self, cells: Vec<Cow<'_, str>>) -> io::Result<()> {
        self.write_header()?;
        self.writer
            .write_record(cells.iter().map(|c| c.as_bytes()))
            .map_err(io_error)
    }

    fn write_header(&mut self) -> io::Result<()> {
        match self.header.take() {
            Some(header) => self.writer.write_record(header).map_err(io_error),
            None => Ok(()),
        }
    }
}

impl<'a> ExportWriter<'a> {
    /// A writer for rows of `what` (with the body column for articles with `body`). CSV
    /// has a header row even when no row follows.
    pub fn new(
        out: &'a mut dyn Write,
        format: ExportFormat,
        what: ExportKind,
        body: bool,
    ) -> ExportWriter<'a> {
        let inner = match format {
            ExportFormat::Jsonl => Inner::Jsonl(out),
            ExportFormat::Csv => Inner::Csv(Box::new(Csv {
                writer: csv::WriterBuilder::new()
                    .terminator(csv::Terminator::CRLF)
                    .from_writer(out),
                header: Some(header(what, body)),
            })),
        };
        ExportWriter { inner }
    }

    /// Writes out whatever is buffered (and the CSV header if no row came).
    pub fn finish(self) -> io::Result<()> {
        match self.inner {
            Inner::Csv(mut csv) => {
                csv.write_header()?;
                csv.writer.flush()
            }
            Inner::Jsonl(out) => out.flush(),
        }
    }
}

impl ExportSink for ExportWriter<'_> {
    fn article(&mut self, row: &ArticleRow) -> io::Result<()> {
        match &mut self.inner {
            Inner::Csv(csv) => csv.record(article_cells(row)),
            Inner::Jsonl(out) => super::json_line(&mut **out, row),
        }
    }

    fn quote(&mut self, row: &QuoteRow) -> io::Result<()> {
        match &mut self.inner {
            Inner::Csv(csv) => csv.record(quote_cells(row)),
            Inner::Jsonl(out) => super::json_line(&mut **out, row),
        }
    }

    fn entity(&mut self, row: &EntityRow) -> io::Result<()> {
        match &mut self.inner {
            Inner::Csv(csv) => csv.record(entity_cells(row)),
            Inner::Jsonl(out) => super::json_line(&mut **out, row),
        }
    }
}

/// The CSV header of rows of `what`.
pub fn header(what: ExportKind, body: bool) -> Vec<&'static str> {
    match what {
        ExportKind::Articles => {
            let mut h = vec![
                "id",
                "path",
                "title",
                "date",
                "author",
                "source",
                "url",
                "people",
                "organisations",
                "places",
            ];
            if body {
                h.push("body");
            }
            h
        }
        ExportKind::Quotes => vec![
            "text",
            "kind",
            "speaker",
            "cue",
            "article_id",
            "article_title",
            "article_date",
        ],
        ExportKind::Entities => vec![
            "name",
            "kind",
            "aliases",
            "articles",
            "first_date",
            "last_date",
        ],
    }
}

/// The CSV cells of an article, in [`header`] order (the body last, when the row has one).
pub fn article_cells(row: &ArticleRow) -> Vec<Cow<'_, str>> {
    let mut cells = vec![
        cell(&row.id),
        cell(&row.path),
        cell(&row.title),
        opt(&row.date),
        opt(&row.author),
        opt(&row.source),
        opt(&row.url),
        list(&row.people),
        list(&row.organisations),
        list(&row.places),
    ];
    if let Some(body) = &row.body {
        cells.push(cell(body));
    }
    cells
}

/// The CSV cells of a quotation, in [`header`] order.
pub fn quote_cells(row: &QuoteRow) -> Vec<Cow<'_, str>> {
    vec![
        cell(&row.text),
        Cow::Borrowed(match row.kind {
            crate::extract::QuoteKind::Direct => "direct",
            crate::extract::QuoteKind::Indirect => "indirect",
        }),
        opt(&row.speaker),
        opt(&row.cue),
        cell(&row.article_id),
        cell(&row.article_title),
        opt(&row.article_date),
    ]
}

/// The CSV cells of an entity, in [`header`] order.
pub fn entity_cells(row: &EntityRow) -> Vec<Cow<'_, str>> {
    vec![
        cell(&row.name),
        Cow::Borrowed(row.kind.name()),
        list(&row.aliases),
        Cow::Owned(row.articles.to_string()),
        opt(&row.first_date),
        opt(&row.last_date),
    ]
}

/// A text cell, with a leading `'` when a spreadsheet would take it for a formula.
pub fn cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

fn opt(text: &Option<String>) -> Cow<'_, str> {
    cell(text.as_deref().unwrap_or(""))
}

fn list(values: &[String]) -> Cow<'_, str> {
    match values {
        [] => Cow::Borrowed(""),
        [one] => cell(one),
        many => Cow::Owned(cell(&many.join(LIST_SEPARATOR)).into_owned()),
    }
}

/// A CSV error as the I/O error it wraps (keeping `BrokenPipe`), or as one of its own.
pub(super) fn io_error(e: csv::Error) -> io::Error {
    let message = e.to_string();
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        _ => io::Error::other(message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{EntityKind, QuoteKind};

    #[test]
    fn formula_cells_are_quoted_as_text() {
        for formula in ["=SUM(A1:A9)", "+44 20 7946 0000", "-1", "@cmd"] {
            assert_eq!(cell(formula), format!("'{formula}"));
        }
        for plain in ["Budget vote", "", "2024-03-05", "a=b", "'already"] {
            assert_eq!(cell(plain), plain);
        }
        assert_eq!(
            list(&["=Evil".into(), "Jane Roe".into()]),
            "'=Evil; Jane Roe"
        );
    }

    fn article() -> ArticleRow {
        ArticleRow {
            id: "news/a.txt".into(),
            path: "./news/a.txt".into(),
            title: "Rates, \"held\" again".into(),
            date: Some("2024-03-05".into()),
            people: vec!["Jane Roe".into(), "Ali Khan".into()],
            places: vec!["=Zürich".into()],
            ..ArticleRow::default()
        }
    }

    fn csv_of(write: impl FnOnce(&mut ExportWriter<'_>)) -> String {
        let mut out = Vec::new();
        let mut w = ExportWriter::new(&mut out, ExportFormat::Csv, ExportKind::Articles, false);
        write(&mut w);
        w.finish().expect("flush");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn article_rows_are_rfc_4180_with_a_header() {
        let text = csv_of(|w| w.article(&article()).unwrap());
        assert_eq!(
            text,
            "id,path,title,date,author,source,url,people,organisations,places\r\n\
             news/a.txt,./news/a.txt,\"Rates, \"\"held\"\" again\",2024-03-05,,,,Jane Roe; Ali Khan,,'=Zürich\r\n"
        );
        let empty = csv_of(|_| {});
        assert_eq!(empty.lines().count(), 1, "a header even with no row");
    }

    #[test]
    fn jsonl_rows_keep_lists_as_arrays_and_text_unescaped() {
        let mut out = Vec::new();
        let mut w = ExportWriter::new(&mut out, ExportFormat::Jsonl, ExportKind::Articles, false);
        w.article(&article()).unwrap();
        w.finish().unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 1);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["people"], serde_json::json!(["Jane Roe", "Ali Khan"]));
        assert_eq!(v["places"][0], "=Zürich");
        assert_eq!(v["author"], serde_json::Value::Null);
    }

    #[test]
    fn quote_and_entity_cells_follow_their_headers() {
        let q = QuoteRow {
            text: "-- not yet --".into(),
            kind: QuoteKind::Direct,
            speaker: Some("Jane Roe".into()),
            cue: Some("say".into()),
            article_id: "news/a.txt".into(),
            article_title: "Rates".into(),
            article_date: None,
        };
        let cells = quote_cells(&q);
        assert_eq!(cells.len(), header(ExportKind::Quotes, false).len());
        assert_eq!(cells[0], "'-- not yet --");
        assert_eq!(cells[1], "direct");
        let e = EntityRow {
            name: "Tony Blair".into(),
            kind: EntityKind::Person,
            aliases: vec!["Blair".into(), "tony blair".into()],
            articles: 7,
            first_date: Some("2005-01-01".into()),
            last_date: None,
        };
        let cells = entity_cells(&e);
        assert_eq!(cells.len(), header(ExportKind::Entities, false).len());
        assert_eq!(cells[2], "Blair; tony blair");
        assert_eq!(cells[3], "7");
        assert_eq!(header(ExportKind::Articles, true).last(), Some(&"body"));
    }
}
