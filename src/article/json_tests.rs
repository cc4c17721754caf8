//! Unit tests for the JSON and JSON Lines parsers (kept apart so `json.rs` stays short).

use super::*;
use crate::article::Format;
use chrono::{TimeZone, Utc};

fn ok(items: &[Item]) -> Vec<&Article> {
    items
        .iter()
        .filter_map(|i| i.article.as_ref().ok())
        .collect()
}

#[test]
fn field_aliases() {
    let d = |y, m, day| Utc.with_ymd_and_hms(y, m, day, 0, 0, 0).single();
    // (input, title, body, date, author, source, url, tags)
    type Case<'a> = (
        &'a str,
        &'a str,
        &'a str,
        Option<chrono::DateTime<Utc>>,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
        &'a [&'a str],
    );
    let cases: Vec<Case> = vec![
        (
            r#"{"title": " Port  strike ends ", "body": "Dockers returned to work.", "date": "2024-03-05",
                "author": "Ann Lee", "source": "Harbour News", "url": "https://example.com/a", "tags": ["labour", "ports"]}"#,
            "Port strike ends",
            "Dockers returned to work.",
            d(2024, 3, 5),
            Some("Ann Lee"),
            Some("Harbour News"),
            Some("https://example.com/a"),
            &["labour", "ports"],
        ),
        (
            r#"{"headline": "Rates held", "articleBody": "The bank kept rates at 5%.", "datePublished": "2024-03-05T00:00:00Z",
                "author": [{"@type": "Person", "name": "Raj Patel"}, {"name": "Mia Chen"}], "publisher": {"name": "City Wire"},
                "link": "https://example.com/b", "keywords": "economy, rates"}"#,
            "Rates held",
            "The bank kept rates at 5%.",
            d(2024, 3, 5),
            Some("Raj Patel, Mia Chen"),
            Some("City Wire"),
            Some("https://example.com/b"),
            &["economy", "rates"],
        ),
        (
            r#"{"title": "Flood warning", "content": "Rivers rose overnight.", "publishedAt": 1709596800,
                "byline": "By Tom Hardy", "site": "Valley Post"}"#,
            "Flood warning",
            "Rivers rose overnight.",
            d(2024, 3, 5),
            Some("Tom Hardy"),
            Some("Valley Post"),
            None,
            &[],
        ),
        (
            r#"{"title": "Vote delayed", "text": "MPs will vote next week.", "published_at": 1709596800000, "authors": ["A. Smith", "B. Jones"]}"#,
            "Vote delayed",
            "MPs will vote next week.",
            d(2024, 3, 5),
            Some("A. Smith, B. Jones"),
            None,
            None,
            &[],
        ),
        (
            r#"{"title": {"rendered": "Museum reopens"}, "article": "Visitors queued from dawn.", "pubDate": "Tue, 05 Mar 2024 00:00:00 GMT"}"#,
            "Museum reopens",
            "Visitors queued from dawn.",
            d(2024, 3, 5),
            None,
            None,
            None,
            &[],
        ),
        (
            r#"{"description": "Heavy snow closed the pass. Drivers were stranded.", "published": "next Tuesday"}"#,
            "Heavy snow closed the pass.",
            "Heavy snow closed the pass. Drivers were stranded.",
            None,
            None,
            None,
            None,
            &[],
        ),
        (
            r#"{"title": "Only a headline", "author": "", "source": null, "date": 2024}"#,
            "Only a headline",
            "",
            None,
            None,
            None,
            None,
            &[],
        ),
    ];
    for (input, title, body, date, author, source, url, tags) in cases {
        let items = parse_json(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(items.len(), 1, "{input}");
        assert_eq!(items[0].index, 0);
        let a = items[0].article.as_ref().expect("article");
        assert_eq!(a.title, title, "{input}");
        assert_eq!(a.body, body, "{input}");
        assert_eq!(a.date, date, "{input}");
        assert_eq!(a.author.as_deref(), author, "{input}");
        assert_eq!(a.source.as_deref(), source, "{input}");
        assert_eq!(a.url.as_deref(), url, "{input}");
        assert_eq!(a.tags, tags, "{input}");
    }
}

#[test]
fn arrays_and_wrappers_keep_good_elements() {
    // (input, titles of good items, (index, position) of bad items)
    type Case<'a> = (&'a str, &'a [&'a str], &'a [(usize, &'a str)]);
    let cases: Vec<Case> = vec![
        (
            r#"[{"title": "One", "body": "x"}, {"title": "Two", "body": "y"}]"#,
            &["One", "Two"],
            &[],
        ),
        (
            r#"{"articles": [{"title": "One", "body": "x"}], "status": "ok"}"#,
            &["One"],
            &[],
        ),
        (
            r#"{"items": [{"headline": "A"}, 42, {"headline": "B"}]}"#,
            &["A", "B"],
            &[(1, "element 2")],
        ),
        (
            r#"{"count": 2, "payload": [{"title": "Only array"}]}"#,
            &["Only array"],
            &[],
        ),
        (
            r#"[{"id": 7, "author": "Nobody"}, {"title": "Kept", "body": "Text."}]"#,
            &["Kept"],
            &[(0, "element 1")],
        ),
        ("[]", &[], &[]),
        (
            r#"{"version": "https://jsonfeed.org/version/1.1", "title": "City Wire", "items": [
                {"id": "1", "title": "Tram line opens", "content_html": "<p>The first tram ran at dawn.</p>"},
                {"id": "2", "content_text": "Rain is forecast. Take an umbrella."}]}"#,
            &["Tram line opens", "Rain is forecast."],
            &[],
        ),
    ];
    for (input, titles, bad) in cases {
        let items = parse_json(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        let got: Vec<&str> = ok(&items).iter().map(|a| a.title.as_str()).collect();
        assert_eq!(got, titles, "{input}");
        let got_bad: Vec<(usize, &str)> = items
            .iter()
            .filter_map(|i| {
                i.article
                    .as_ref()
                    .err()
                    .map(|e| (i.index, e.position.as_str()))
            })
            .collect();
        assert_eq!(got_bad, bad, "{input}");
    }
}

#[test]
fn whole_file_errors() {
    // (input, expected message fragment)
    let cases = [
        (
            "[{\"title\": \"Cut off\", \"body\": \"The story",
            "line 1, column 40: EOF while parsing a string",
        ),
        (
            "{\n  \"title\": \"A\",\n  \"body\": oops\n}",
            "line 3, column 11",
        ),
        ("\"just a string\"", "expected a JSON object or array"),
        (r#"{"id": 3, "views": 10}"#, "no title or body"),
    ];
    for (input, fragment) in cases {
        match parse_json(input) {
            Err(ArticleError::Invalid(msg)) => assert!(msg.contains(fragment), "{input}: {msg}"),
            other => panic!("{input}: expected Invalid, got {other:?}"),
        }
    }
}

#[test]
fn json_lines_use_line_numbers() {
    let input = concat!(
        "{\"title\": \"First\", \"body\": \"a\"}\n",
        "\n",
        "{\"title\": \"Broken\", \n",
        "[1, 2]\n",
        "{\"headline\": \"Fifth\", \"text\": \"b\"}\n",
    );
    let items = parse_lines(input).expect("parses");
    let got: Vec<(usize, Result<&str, &str>)> = items
        .iter()
        .map(|i| {
            (
                i.index,
                i.article
                    .as_ref()
                    .map(|a| a.title.as_str())
                    .map_err(|e| e.position.as_str()),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (0, Ok("First")),
            (2, Err("line 3")),
            (3, Err("line 4")),
            (4, Ok("Fifth"))
        ]
    );
    let reason = &items[1].article.as_ref().unwrap_err().reason;
    assert!(reason.starts_with("invalid JSON at column"), "{reason}");
}

#[test]
fn through_parse_with_decoding() {
    let cases: Vec<(&[u8], Format, Result<usize, ArticleError>)> = vec![
        (b"", Format::Json, Err(ArticleError::Empty)),
        (b"  \n", Format::JsonLines, Err(ArticleError::Empty)),
        (
            b"\xEF\xBB\xBF{\"title\": \"Caf\xC3\xA9\"}",
            Format::Json,
            Ok(1),
        ),
        (
            b"{\"title\": \"Caf\xE9 opens\"}\n{\"title\": \"Two\"}",
            Format::JsonLines,
            Ok(2),
        ),
        (
            b"\x00\x01\x02\x03\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00",
            Format::Json,
            Err(ArticleError::Binary),
        ),
    ];
    for (bytes, format, want) in cases {
        let got = super::super::parse(bytes, format).map(|items| ok(&items).len());
        assert_eq!(got, want, "{:?}", String::from_utf8_lossy(bytes));
    }
}
