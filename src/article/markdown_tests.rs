//! Unit tests for Markdown articles (kept apart so `markdown.rs` stays short).

use super::*;
use chrono::{TimeZone, Utc};

#[test]
fn front_matter_fields() {
    let doc = "---\ntitle: \"Council  approves   budget\"\ndate: 2024-03-05T09:00:00Z\nauthor:\n  - Ann Lee\n  - Raj Patel\nsource: Town Crier\nurl: https://example.com/budget\ntags: [council, budget]\n---\n\nThe council approved the budget on Monday.\n";
    let a = parse(doc).expect("parses");
    assert_eq!(a.title, "Council approves budget");
    assert_eq!(a.date, Utc.with_ymd_and_hms(2024, 3, 5, 9, 0, 0).single());
    assert_eq!(a.author.as_deref(), Some("Ann Lee, Raj Patel"));
    assert_eq!(a.source.as_deref(), Some("Town Crier"));
    assert_eq!(a.url.as_deref(), Some("https://example.com/budget"));
    assert_eq!(a.tags, ["council", "budget"]);
    assert_eq!(a.body, "The council approved the budget on Monday.");
}

#[test]
fn title_sources() {
    // (name, document, title, body)
    let cases = [
        (
            "front matter title, different heading stays in body",
            "---\ntitle: Floods hit the north\n---\n# Live updates\n\nRivers burst their banks.",
            "Floods hit the north",
            "Live updates\n\nRivers burst their banks.",
        ),
        (
            "front matter title equal to heading: heading not repeated",
            "---\ntitle: Floods hit the north\n---\n\n# Floods hit the north\n\nRivers burst their banks.",
            "Floods hit the north",
            "Rivers burst their banks.",
        ),
        (
            "no front matter: first heading",
            "# Strike called off\n\nUnions accepted the offer late on Sunday.",
            "Strike called off",
            "Unions accepted the offer late on Sunday.",
        ),
        (
            "front matter without title: setext heading",
            "---\nauthor: Desk\n---\nStrike called off\n=================\n\nUnions accepted the offer.",
            "Strike called off",
            "Unions accepted the offer.",
        ),
        (
            "no heading: first sentence",
            "Unions accepted the offer late on Sunday. Trains run again today.",
            "Unions accepted the offer late on Sunday.",
            "Unions accepted the offer late on Sunday. Trains run again today.",
        ),
    ];
    for (name, doc, title, body) in cases {
        let a = parse(doc).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!((a.title.as_str(), a.body.as_str()), (title, body), "{name}");
    }
}

#[test]
fn markdown_becomes_readable_text() {
    // (name, markdown body, plain text)
    let cases = [
        (
            "soft-wrapped paragraph with emphasis and link",
            "The **prime minister** said the plan\nwould cost [£2bn](https://example.com/cost).\n\nMPs vote _next week_.",
            "The prime minister said the plan would cost £2bn.\n\nMPs vote next week.",
        ),
        (
            "sub-headings, lists and rules",
            "Intro text.\n\n## What happens next\n\n- Talks resume on Monday\n* Unions meet\n  members first\n1. Vote\n\n---\n\nEnd.",
            "Intro text.\n\nWhat happens next\n\nTalks resume on Monday\nUnions meet members first\n1. Vote\n\nEnd.",
        ),
        (
            "quote, image, comment and reference definition",
            "> \"We will not back down,\" she said.\n\n![Crowd](a.jpg)\n\n<!-- editor: check quote -->\n[1]: https://example.com\nDone.",
            "\"We will not back down,\" she said.\n\nCrowd\n\nDone.",
        ),
        (
            "code fence markers go, code stays",
            "Example:\n\n```json\n{\"a\": 1}\n  indented\n```\n\nAfter.",
            "Example:\n\n{\"a\": 1}\n  indented\n\nAfter.",
        ),
        (
            "unclosed fence keeps the rest as code",
            "Start.\n\n~~~\nraw *text*",
            "Start.\n\nraw *text*",
        ),
        (
            "table rows and inline html",
            "| Party | Seats |\n|---|:---:|\n| Red | 10 |\n\n<div class=\"note\">Results are provisional.</div>",
            "Party | Seats\nRed | 10\n\nResults are provisional.",
        ),
    ];
    for (name, md, want) in cases {
        let doc = format!("---\ntitle: T\n---\n{md}");
        let a = parse(&doc).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(a.body, want, "{name}");
    }
}

#[test]
fn fields_in_other_shapes() {
    let doc = "---\nheadline: Rates held\npublished: Tue, 05 Mar 2024 14:30:00 GMT\nauthor:\n  name: Mia Chen\npublisher:\n  name: City Wire\ntags: economy, rates\nkeywords: [ignored]\n---\nText.";
    let a = parse(doc).expect("parses");
    assert_eq!(a.title, "Rates held");
    assert_eq!(a.date, Utc.with_ymd_and_hms(2024, 3, 5, 14, 30, 0).single());
    assert_eq!(a.author.as_deref(), Some("Mia Chen"));
    assert_eq!(a.source.as_deref(), Some("City Wire"));
    assert_eq!(a.tags, ["economy", "rates"]);
}

#[test]
fn malformed_front_matter_is_invalid() {
    let cases = [
        ("---\ntitle: A\nauthor Jane\n---\nBody", "line 3"),
        ("---\ntitle: \"A\n---\nBody", "line 2"),
    ];
    for (doc, line) in cases {
        match parse(doc) {
            Err(ArticleError::Invalid(msg)) => assert!(msg.contains(line), "{msg}"),
            other => panic!("{doc:?}: expected Invalid, got {other:?}"),
        }
    }
}

#[test]
fn through_parse_with_decoding() {
    let bytes = b"---\r\ntitle: Caf\xE9 society\r\ntags:\r\n  - food\r\n---\r\n\r\nA new caf\xE9 opened.\r\n";
    let items = crate::article::parse(bytes, crate::article::Format::Markdown).expect("parses");
    assert_eq!(items.len(), 1);
    let a = items[0].article.as_ref().expect("article");
    assert_eq!(
        (a.title.as_str(), a.body.as_str()),
        ("Café society", "A new café opened.")
    );
    assert_eq!(a.tags, ["food"]);
}
