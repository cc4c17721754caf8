//! One record of a dump turned into an article: a JSON Lines line, a CSV/TSV row (mapped by
//! its header through the same accepted names as JSON), or a WARC record (see [`super::warc`]).

use std::sync::Arc;

use serde_json::{Map, Value};

use super::stream::Raw;
use super::{json, warc, Article};

/// Article fields a `--csv-columns` entry may name, each with the key it stands for (the
/// first accepted JSON name of that field).
const FIELDS: &[&str] = &["title", "body", "date", "author", "source", "url", "tags"];

/// What one record gave.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordOutcome {
    Article(Article),
    /// Not an article, and not an error either (a WARC request, a 404, an image…): the
    /// reason names the kind, for the summary's counts.
    Skipped(&'static str),
    /// A malformed record, with the reason.
    Failed(String),
}

/// Parses one framed record; `columns` are the CSV/TSV keys from the header.
pub fn parse(raw: &Raw, columns: Option<&Arc<Vec<String>>>) -> RecordOutcome {
    match raw {
        Raw::Line(bytes) => match serde_json::from_slice::<Value>(bytes) {
            Ok(value) => outcome(json::from_value(&value)),
            Err(e) => RecordOutcome::Failed(format!(
                "invalid JSON at column {}: {}",
                e.column(),
                json::reason(&e)
            )),
        },
        Raw::Row(fields) => {
            let keys = columns.map(|c| c.as_slice()).unwrap_or_default();
            outcome(json::from_object(&row_object(keys, fields)))
        }
        Raw::Warc { headers, block } => warc::parse(headers, block),
    }
}

fn outcome(article: Result<Article, String>) -> RecordOutcome {
    match article {
        Ok(article) => RecordOutcome::Article(article),
        Err(reason) => RecordOutcome::Failed(reason),
    }
}

/// A row as the JSON object the JSON reader understands (empty fields left out, so the next
/// accepted name can supply the field).
fn row_object(keys: &[String], fields: &[String]) -> Map<String, Value> {
    let mut map = Map::new();
    for (key, field) in keys.iter().zip(fields) {
        if !key.is_empty() && !field.trim().is_empty() {
            map.insert(key.clone(), Value::String(field.clone()));
        }
    }
    map
}

/// The key of each CSV column: `--csv-columns` renames (`("title", "headline")`) win where the
/// file has that column, other columns keep their header name (matched later by the accepted
/// JSON names). An error when a field is unknown or nothing gives a title or body.
pub(crate) fn column_keys(
    header: &[String],
    renames: &[(String, String)],
) -> Result<Vec<String>, String> {
    let mut keys: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    for (field, column) in renames {
        if !FIELDS.contains(&field.as_str()) {
            return Err(format!(
                "--csv-columns: unknown field `{field}` (use {})",
                FIELDS.join(", ")
            ));
        }
        // One option serves every dump of a run: a column this file lacks is not chosen here.
        let Some(at) = header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(column.trim()))
        else {
            continue;
        };
        // A column already named like the field gives way to the one chosen.
        for key in keys.iter_mut() {
            if key.eq_ignore_ascii_case(field) {
                key.clear();
            }
        }
        keys[at] = field.clone();
    }
    let probe: Map<String, Value> = keys
        .iter()
        .filter(|k| !k.is_empty())
        .map(|k| (k.clone(), Value::String("x".into())))
        .collect();
    if !json::has_title_or_body(&probe) {
        return Err(format!(
            "the header names no title or body column ({}); name them with --csv-columns title=COLUMN,body=COLUMN",
            header.join(", ")
        ));
    }
    Ok(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn rows_map_by_accepted_names_and_renames() {
        type Case<'a> = (
            &'a [&'a str],
            &'a [(&'a str, &'a str)],
            &'a [&'a str],
            &'a str,
            &'a str,
        );
        let cases: &[Case] = &[
            (
                &["Headline", "Story", "Published"],
                &[("body", "Story")],
                &[
                    "Harbour reopens",
                    "The harbour reopened on Monday.",
                    "2024-03-05",
                ],
                "Harbour reopens",
                "The harbour reopened on Monday.",
            ),
            (
                &["title", "content", "publication"],
                &[],
                &[
                    "Mayor resigns",
                    "The mayor resigned after a vote.",
                    "The Courier",
                ],
                "Mayor resigns",
                "The mayor resigned after a vote.",
            ),
            (
                &["title", "summary", "text_en"],
                &[("body", "text_en")],
                &["Floods", "Short.", "Rivers burst their banks overnight."],
                "Floods",
                "Rivers burst their banks overnight.",
            ),
        ];
        for (header, renames, row, title, body) in cases {
            let renames: Vec<(String, String)> = renames
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            let keys = Arc::new(column_keys(&strings(header), &renames).unwrap());
            let got = parse(&Raw::Row(strings(row)), Some(&keys));
            let RecordOutcome::Article(a) = got else {
                panic!("{header:?}: {got:?}");
            };
            assert_eq!((a.title.as_str(), a.body.as_str()), (*title, *body));
        }
    }

    #[test]
    fn headers_without_article_columns_or_bad_renames_are_refused() {
        let none = column_keys(&strings(&["id", "score"]), &[]).unwrap_err();
        assert!(none.contains("--csv-columns title=COLUMN"), "{none}");
        let missing =
            column_keys(&strings(&["id", "kop"]), &[("body".into(), "story".into())]).unwrap_err();
        assert!(missing.contains("(id, kop)"), "{missing}");
        let unknown =
            column_keys(&strings(&["title"]), &[("lede".into(), "title".into())]).unwrap_err();
        assert!(unknown.contains("unknown field `lede`"), "{unknown}");
    }

    #[test]
    fn a_bad_json_line_fails_with_its_reason() {
        let got = parse(&Raw::Line(b"{\"title\": \"Rates".to_vec()), None);
        assert!(matches!(got, RecordOutcome::Failed(ref r) if r.contains("invalid JSON")));
        let got = parse(&Raw::Line(b"[1, 2]".to_vec()), None);
        assert!(matches!(got, RecordOutcome::Failed(ref r) if r.contains("article object")));
    }
}
