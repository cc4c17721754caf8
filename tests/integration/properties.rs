//! Property tests (proptest): no input makes a parser, an extractor or the query language
//! panic, and what they return is well-formed. Regressions found by fuzzing live in
//! `fuzz_regressions` below as plain test cases.

use proptest::prelude::*;

use newsdex::article::{self, Format};
use newsdex::search::{Archive, SearchRequest};

const FORMATS: [Format; 6] = [
    Format::Text,
    Format::Markdown,
    Format::Json,
    Format::JsonLines,
    Format::Html,
    Format::Feed,
];

/// Text that looks a bit like news: words, capitals, quotes of every kind, apostrophes.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just("‘".to_string()),
        Just("’".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just("\n\n".to_string()),
        Just(", said ".to_string()),
        Just(" she said. ".to_string()),
        Just("Mr. ".to_string()),
        Just("President ".to_string()),
        "[A-Z][a-z]{1,9}",
        "[a-z]{1,8}",
        "[ .,:;!?()-]",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn parsers_never_panic_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        for format in FORMATS {
            let _ = article::parse(&bytes, format);
        }
    }

    #[test]
    fn parsers_never_panic_on_structured_text(text in newsy()) {
        let wrapped = [
            format!("---\ntitle: {text}\n---\n{text}"),
            format!("{{\"title\": \"{text}\", \"body\": \"{text}\"}}"),
            format!("<html><head><title>{text}</title></head><body><p>{text}</p></body></html>"),
            format!("<rss><channel><item><title>{text}</title><description>{text}</description></item></channel></rss>"),
        ];
        for doc in &wrapped {
            for format in FORMATS {
                let _ = article::parse(doc.as_bytes(), format);
            }
        }
    }

    #[test]
    fn extraction_offsets_are_valid(title in newsy(), body in newsy()) {
        let x = newsdex::extract::extract(&title, &body);
        for e in &x.entities {
            prop_assert!(e.start < e.end && e.end <= body.len());
            prop_assert_eq!(body.get(e.start..e.end), Some(e.text.as_str()));
        }
        for q in &x.quotes {
            // A quotation joined from pieces ("…,” she said. “…") spans them all; its text
            // is the pieces, so the span starts with the first and ends with the last.
            let span = body.get(q.start..q.end);
            prop_assert!(span.is_some(), "offsets on character boundaries: {:?}", q);
            let span = span.unwrap_or_default();
            let first = q.text.split(' ').next().unwrap_or_default();
            let last = q.text.rsplit(' ').next().unwrap_or_default();
            prop_assert!(span.starts_with(first) && span.ends_with(last), "{:?} vs {:?}", span, q.text);
        }
    }
}

fn tiny_archive() -> &'static Archive {
    static ARCHIVE: std::sync::OnceLock<Archive> = std::sync::OnceLock::new();
    ARCHIVE.get_or_init(|| {
        let dir = crate::harness::scratch("props");
        let news = dir.join("news");
        std::fs::create_dir_all(&news).unwrap();
        std::fs::write(
            news.join("a.txt"),
            "Budget vote\n\nThe council voted on the budget on Monday.\n",
        )
        .unwrap();
        let opts = newsdex::ingest::IngestOptions::new(vec![news], dir.join("idx"));
        newsdex::ingest::ingest(&opts, &mut |_| {}).unwrap();
        Archive::open(&dir.join("idx")).unwrap()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn query_language_never_panics(q in "[a-z\"():*^~+\\-\\[\\]{}<>=! ]{0,40}|(title|date|person|quote|x):[a-z0-9\\-\\[\\] ]{0,20}") {
        let request = SearchRequest { query: Some(q), limit: 5, ..SearchRequest::default() };
        match tiny_archive().search(&request) {
            Ok(_) => {}
            Err(e) if e.is_bad_request() => {}
            Err(other) => prop_assert!(false, "unexpected error: {other}"),
        }
    }
}

/// Inputs that once broke something, kept as regression tests.
#[test]
fn fuzz_regressions() {
    let queries = [
        "\0od>:*",
        "p\0.g\t.hp\t\tI\u{b}:\n*\nAsee",
        "title:*",
        "\"unclosed",
        "date:",
        "date:[2024-01-01 TO",
        "title:",
        "()",
        "-",
        "\"\"",
        "a AND",
        "date:2024-02-30",
        "person:",
    ];
    for q in queries {
        let request = SearchRequest {
            query: Some(q.to_string()),
            limit: 5,
            ..SearchRequest::default()
        };
        match tiny_archive().search(&request) {
            Ok(_) => {}
            Err(e) if e.is_bad_request() => {}
            Err(other) => panic!("{q}: unexpected error {other}"),
        }
    }
    for body in [
        "“",
        "\"",
        "‘’",
        "«",
        "“Hello,” “",
        "Mr. ’s",
        "\u{2019}\u{2019}\u{2019}",
    ] {
        let _ = newsdex::extract::extract(body, body);
    }
}
