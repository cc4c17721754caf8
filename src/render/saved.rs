//! Saved searches for people: the list with its new counts, and what is new for each.

use std::io::{self, Write};

use serde::Serialize;

use super::human::{hit_list, quote_list};
use super::Style;
use crate::search::{Filters, NewCounts, SavedNews, SavedRow};

/// How much is new for one saved search, after an ingest.
#[derive(Debug, Clone, Serialize)]
pub struct SavedCount {
    /// The saved search's name.
    pub name: String,
    /// Its new articles and quotations.
    #[serde(flatten)]
    pub counts: NewCounts,
}

/// Prints one line per saved search with something new (after the ingest summary).
pub fn saved_counts(out: &mut dyn Write, counts: &[SavedCount]) -> io::Result<()> {
    for c in counts {
        let (n, q) = (c.counts.new_articles, c.counts.new_quotes);
        if n == 0 && q.unwrap_or(0) == 0 {
            continue;
        }
        writeln!(out, "saved search {}: {}", c.name, new_counts(n, q))?;
    }
    Ok(())
}

/// Prints the saved searches, one a line: name, new counts, the search itself.
pub fn saved_list(out: &mut dyn Write, rows: &[SavedRow], style: Style) -> io::Result<()> {
    if rows.is_empty() {
        writeln!(
            out,
            "no saved searches; add one with `newsdex saved add NAME QUERY`"
        )?;
    }
    for row in rows {
        let counts = new_counts(row.new_articles, row.new_quotes);
        writeln!(out, "{}  {counts}", style.bold(&row.name))?;
        writeln!(
            out,
            "    {}",
            style.dim(&describe(&row.query, &row.filters))
        )?;
    }
    Ok(())
}

/// Prints what is new for one saved search: a heading with the counts, then the articles
/// and the quotations.
pub fn saved_news(out: &mut dyn Write, news: &SavedNews, style: Style) -> io::Result<()> {
    let since = news
        .last_checked
        .as_deref()
        .map_or("since it was saved".to_string(), |d| format!("since {d}"));
    let n = news.new_articles;
    let counts = new_counts(n, news.new_quotes);
    writeln!(out, "{} · {counts} {since}", style.bold(&news.name))?;
    writeln!(
        out,
        "    {}",
        style.dim(&describe(&news.query, &news.filters))
    )?;
    writeln!(out)?;
    hit_list(out, &news.articles, 0, style)?;
    if news.articles.len() < n {
        writeln!(out, "     … and {} more\n", n - news.articles.len())?;
    }
    quote_list(out, &news.quotes, style)
}

/// The search as a user would type it: the query, then the filters as flags.
fn describe(query: &Option<String>, filters: &Filters) -> String {
    let mut parts: Vec<String> = query.iter().cloned().collect();
    for (field, name) in filters.names() {
        let flag = field.name().replace('_', "-");
        parts.push(format!("--{flag} \"{name}\""));
    }
    if let Some(d) = filters.since {
        parts.push(format!("--since {d}"));
    }
    if let Some(d) = filters.until {
        parts.push(format!("--until {d}"));
    }
    parts.join(" ")
}

/// "3 new articles, 1 new quotation" (quotations left out when they do not apply).
fn new_counts(articles: usize, quotes: Option<usize>) -> String {
    let quotes = quotes
        .map(|q| format!(", {q} new {}", plural(q, "quotation", "quotations")))
        .unwrap_or_default();
    format!(
        "{articles} new {}{quotes}",
        plural(articles, "article", "articles")
    )
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_is_described_as_it_would_be_typed() {
        let filters = Filters {
            person: vec!["Jane Roe".into()],
            said_by: vec!["Ann Lee".into()],
            since: chrono::NaiveDate::from_ymd_opt(2025, 3, 1),
            ..Filters::default()
        };
        let cases = [
            (
                Some("harbour strike".to_string()),
                Filters::default(),
                "harbour strike",
            ),
            (
                Some("\"port deal\"".to_string()),
                filters.clone(),
                "\"port deal\" --person \"Jane Roe\" --said-by \"Ann Lee\" --since 2025-03-01",
            ),
            (
                None,
                filters,
                "--person \"Jane Roe\" --said-by \"Ann Lee\" --since 2025-03-01",
            ),
        ];
        for (query, filters, expected) in cases {
            assert_eq!(describe(&query, &filters), expected);
        }
    }

    #[test]
    fn the_list_says_how_much_is_new_in_words() {
        let row = |name: &str, articles, quotes| SavedRow {
            name: name.into(),
            query: Some("ferry".into()),
            filters: Filters::default(),
            created: "2025-03-01".into(),
            last_checked: None,
            new_articles: articles,
            new_quotes: quotes,
        };
        let mut out = Vec::new();
        let rows = [row("ferries", 1, Some(2)), row("ports", 3, None)];
        saved_list(&mut out, &rows, Style { color: false }).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("ferries  1 new article, 2 new quotations\n"),
            "{text}"
        );
        assert!(text.contains("ports  3 new articles\n"), "{text}");
        let mut empty = Vec::new();
        saved_list(&mut empty, &[], Style { color: false }).unwrap();
        assert!(String::from_utf8(empty)
            .unwrap()
            .starts_with("no saved searches"));
    }
}
