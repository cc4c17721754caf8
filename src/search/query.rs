//! Turning what the user typed into Tantivy queries: the query language (words AND-ed,
//! "phrases", OR, -exclusion, parentheses, field scoping, date ranges), name filters
//! (`--person` and friends) and date filters.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, PhraseQuery, Query, QueryParser, RangeQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use super::SearchError;
use crate::index::schema;
use crate::index::NewsIndex;

/// Relative weight of a title match against a body match (see ARCHITECTURE.md).
pub const TITLE_BOOST: f32 = 2.0;

/// Kinds of name filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameField {
    Person,
    Org,
    Place,
    SaidBy,
}

/// Builds queries against one opened index.
pub struct QueryBuilder<'a> {
    index: &'a NewsIndex,
    parser: QueryParser,
}

impl<'a> QueryBuilder<'a> {
    pub fn new(index: &'a NewsIndex, default_fields: &[Field]) -> QueryBuilder<'a> {
        let f = index.fields();
        let mut parser = QueryParser::for_index(index.tantivy(), default_fields.to_vec());
        parser.set_conjunction_by_default();
        parser.set_field_boost(f.title, TITLE_BOOST);
        QueryBuilder { index, parser }
    }

    /// Parses the query language; a malformed query is a one-line error.
    pub fn parse(&self, text: &str) -> Result<Box<dyn Query>, SearchError> {
        check_fields(text)?;
        let rewritten = rewrite_dates(text)?;
        self.parser
            .parse_query(&rewritten)
            .map_err(|e| SearchError::Query(format!("{}: {}", text.trim(), describe(&e))))
    }

    /// Parses the query text when there is any (blank text means "no words").
    pub fn parse_optional(
        &self,
        text: Option<&str>,
    ) -> Result<Option<Box<dyn Query>>, SearchError> {
        text.map(str::trim)
            .filter(|q| !q.is_empty())
            .map(|q| self.parse(q))
            .transpose()
    }

    /// A filter matching documents with an entity whose name matches `name`: one word
    /// matches any name containing that word (a surname), several words match in order.
    pub fn name(&self, field: NameField, name: &str) -> Result<Box<dyn Query>, SearchError> {
        let f = self.index.fields();
        let field = match field {
            NameField::Person => f.person,
            NameField::Org => f.org,
            NameField::Place => f.place,
            NameField::SaidBy => f.said_by,
        };
        let keys = crate::extract::names::name_keys(name);
        let terms: Vec<Term> = keys
            .iter()
            .map(|k| Term::from_field_text(field, k))
            .collect();
        match terms.len() {
            0 => Err(SearchError::Query(format!(
                "`{name}` is not a name to search for"
            ))),
            1 => Ok(Box::new(TermQuery::new(
                terms[0].clone(),
                IndexRecordOption::Basic,
            ))),
            _ => Ok(Box::new(PhraseQuery::new(terms))),
        }
    }

    pub fn kind(&self, kind: &str) -> Box<dyn Query> {
        let term = Term::from_field_text(self.index.fields().kind, kind);
        Box::new(TermQuery::new(term, IndexRecordOption::Basic))
    }

    /// Articles dated within [since, until] (both inclusive, whole days).
    pub fn date_range(&self, since: Option<NaiveDate>, until: Option<NaiveDate>) -> Box<dyn Query> {
        let field = self.index.fields().date;
        let bound = |d: NaiveDate| {
            let secs = d
                .and_hms_opt(0, 0, 0)
                .map(|t| t.and_utc().timestamp())
                .unwrap_or(0);
            Term::from_field_date(field, tantivy::DateTime::from_timestamp_secs(secs))
        };
        use std::ops::Bound::{Excluded, Included, Unbounded};
        let lower = since.map_or(Unbounded, |d| Included(bound(d)));
        let upper = until
            .and_then(|d| d.succ_opt())
            .map_or(Unbounded, |d| Excluded(bound(d)));
        Box::new(RangeQuery::new(lower, upper))
    }
}

/// Combines a scored query with filters that do not change its score.
pub fn combine(scored: Option<Box<dyn Query>>, filters: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    clauses.push((Occur::Must, scored.unwrap_or_else(|| Box::new(AllQuery))));
    for filter in filters {
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
    }
    Box::new(BooleanQuery::new(clauses))
}

/// Rejects `field:` prefixes users cannot search, naming the ones they can.
fn check_fields(text: &str) -> Result<(), SearchError> {
    let mut in_phrase = false;
    for (i, c) in text.char_indices() {
        if c == '"' {
            in_phrase = !in_phrase;
        }
        if c != ':' || in_phrase {
            continue;
        }
        // The field name is everything back to a space, a bracket or a quote.
        let before = &text[..i];
        let start = before
            .rfind(|ch: char| ch.is_whitespace() || "()\"".contains(ch))
            .map_or(0, |p| {
                p + before[p..].chars().next().map_or(1, char::len_utf8)
            });
        let name = before[start..].trim_start_matches(['-', '+']);
        let numeric = name.chars().all(|ch| ch.is_ascii_digit());
        if !name.is_empty() && !numeric && !schema::USER_FIELDS.contains(&name) {
            return Err(SearchError::Query(format!(
                "unknown field `{name}:`; searchable fields are {}",
                schema::USER_FIELDS.join(", ")
            )));
        }
        let rest = &text[i + 1..];
        if rest.starts_with('*')
            && rest[1..].starts_with(|ch: char| ch.is_whitespace() || ch == ')')
            || rest == "*"
        {
            return Err(SearchError::Query(format!(
                "`{name}:*` (any value) is not supported; search for words in that field"
            )));
        }
    }
    Ok(())
}

fn describe(e: &tantivy::query::QueryParserError) -> String {
    use tantivy::query::QueryParserError as E;
    match e {
        E::SyntaxError(s) => format!("syntax error ({s}); check quotes and parentheses"),
        E::FieldDoesNotExist(f) => format!("unknown field `{f}`"),
        E::DateFormatError(_) => {
            "dates are written YYYY-MM-DD, e.g. date:2024-03-05 or date:[2024-01-01 TO 2024-03-31]"
                .into()
        }
        E::AllButQueryForbidden => {
            "a query cannot only exclude words; add a word to search for".into()
        }
        E::RangeMustNotHavePhrase => "a range cannot contain a phrase".into(),
        other => other.to_string(),
    }
}

/// Rewrites `date:` clauses with plain dates into the RFC 3339 ranges Tantivy expects:
/// `date:2024-03-05`, `date:2024-03`, `date:2024`, `date:[2024-01-01 TO 2024-02-01]`,
/// `date:>=2024-01-01`, `date:<2024-06-01`.
pub fn rewrite_dates(text: &str) -> Result<String, SearchError> {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(pos) = rest.find("date:") {
        let boundary =
            pos == 0 || !rest[..pos].ends_with(|c: char| c.is_alphanumeric() || c == '_');
        out.push_str(&rest[..pos + 5]);
        rest = &rest[pos + 5..];
        if !boundary {
            continue;
        }
        let (clause, remaining) = date_clause(rest)?;
        out.push_str(&clause);
        rest = remaining;
    }
    out.push_str(rest);
    Ok(out)
}

fn date_clause(rest: &str) -> Result<(String, &str), SearchError> {
    if let Some(inner) = rest.strip_prefix('[').or_else(|| rest.strip_prefix('{')) {
        let open = &rest[..1];
        let close_at = inner
            .find([']', '}'])
            .ok_or_else(|| SearchError::Query("date range is missing its closing `]`".into()))?;
        let close = &inner[close_at..close_at + 1];
        let body = &inner[..close_at];
        let (a, b) = body.split_once(" TO ").ok_or_else(|| {
            SearchError::Query(format!("date range `{body}` needs the form [START TO END]"))
        })?;
        let lo = bound(a.trim(), false)?;
        let hi = bound(b.trim(), close == "]")?;
        let close = if close == "]" && b.trim() != "*" {
            "}"
        } else {
            close
        };
        return Ok((format!("{open}{lo} TO {hi}{close}"), &inner[close_at + 1..]));
    }
    let end = rest
        .find(|c: char| c.is_whitespace() || c == ')')
        .unwrap_or(rest.len());
    let word = &rest[..end];
    let op_len = word.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
    let (op, date) = word.split_at(op_len);
    let clause = match op {
        "" => {
            let (lo, hi) = period(date)?;
            format!("[{} TO {}}}", rfc(lo), rfc(hi))
        }
        ">=" => format!(">={}", rfc(period(date)?.0)),
        ">" => format!(">={}", rfc(period(date)?.1)),
        "<" => format!("<{}", rfc(period(date)?.0)),
        "<=" => format!("<{}", rfc(period(date)?.1)),
        _ => {
            return Err(SearchError::Query(format!(
                "cannot read the date clause `date:{word}`"
            )))
        }
    };
    Ok((clause, &rest[end..]))
}

/// A range bound: `*` stays open; an inclusive upper date bound means "to the end of it".
fn bound(s: &str, inclusive_upper: bool) -> Result<String, SearchError> {
    if s == "*" {
        return Ok("*".into());
    }
    let (lo, hi) = period(s)?;
    Ok(rfc(if inclusive_upper { hi } else { lo }))
}

/// The half-open period a date names: a day, a month or a year.
fn period(s: &str) -> Result<(NaiveDate, NaiveDate), SearchError> {
    let bad = || {
        SearchError::Query(format!(
            "cannot read the date `{s}`: write YYYY-MM-DD, YYYY-MM or YYYY"
        ))
    };
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str| p.parse::<u32>().map_err(|_| bad());
    let year = i32::try_from(num(parts.first().copied().unwrap_or(""))?).map_err(|_| bad())?;
    let start = match parts.len() {
        1 => NaiveDate::from_ymd_opt(year, 1, 1),
        2 => NaiveDate::from_ymd_opt(year, num(parts[1])?, 1),
        3 => NaiveDate::from_ymd_opt(year, num(parts[1])?, num(parts[2])?),
        _ => None,
    }
    .ok_or_else(bad)?;
    let end = match parts.len() {
        1 => NaiveDate::from_ymd_opt(year + 1, 1, 1),
        2 => start.checked_add_months(chrono::Months::new(1)),
        _ => start.succ_opt(),
    }
    .ok_or_else(bad)?;
    Ok((start, end))
}

fn rfc(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}T00:00:00Z", d.year(), d.month(), d.day())
}

/// Parses a `--since`/`--until` value.
pub fn parse_day(s: &str) -> Result<NaiveDate, SearchError> {
    if let Ok(d) = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d") {
        return Ok(d);
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s.trim()) {
        return Ok(dt.with_timezone(&Utc).date_naive());
    }
    Err(SearchError::Query(format!(
        "cannot read the date `{s}`: write YYYY-MM-DD"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_clauses_are_rewritten_to_ranges() {
        let cases = [
            (
                "date:2024-03-05",
                "date:[2024-03-05T00:00:00Z TO 2024-03-06T00:00:00Z}",
            ),
            (
                "brexit date:2024",
                "brexit date:[2024-01-01T00:00:00Z TO 2025-01-01T00:00:00Z}",
            ),
            (
                "date:2024-02",
                "date:[2024-02-01T00:00:00Z TO 2024-03-01T00:00:00Z}",
            ),
            (
                "date:[2024-01-01 TO 2024-01-31]",
                "date:[2024-01-01T00:00:00Z TO 2024-02-01T00:00:00Z}",
            ),
            ("date:[2024-01-01 TO *]", "date:[2024-01-01T00:00:00Z TO *]"),
            ("date:>=2024-05-01 x", "date:>=2024-05-01T00:00:00Z x"),
            ("date:<2024-05-01", "date:<2024-05-01T00:00:00Z"),
            ("update:2024", "update:2024"),
            ("no dates here", "no dates here"),
        ];
        for (input, expected) in cases {
            assert_eq!(rewrite_dates(input).unwrap(), expected, "{input}");
        }
    }

    #[test]
    fn bad_dates_are_errors_not_panics() {
        for input in [
            "date:2024-13-01",
            "date:[2024-01-01 2024-02-01]",
            "date:[2024-01-01 TO",
            "date:yesterday",
            "date:",
        ] {
            assert!(rewrite_dates(input).is_err(), "{input}");
        }
    }

    #[test]
    fn unknown_fields_are_named() {
        assert!(check_fields("title:budget").is_ok());
        assert!(check_fields("\"10:30 meeting\"").is_ok());
        let err = check_fields("headline:budget").unwrap_err().to_string();
        assert!(err.contains("headline"), "{err}");
        // Found by fuzzing: odd bytes in a field name, and the any-value form.
        assert!(check_fields("\0od>:*").is_err());
        assert!(check_fields("title:*").is_err());
        assert!(check_fields("(title:* OR body:x)").is_err());
        assert!(check_fields("title:brexit*").is_ok());
        assert!(check_fields("-title:budget").is_ok());
    }
}
