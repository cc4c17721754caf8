//! Unit tests for the front-matter reader (kept apart so `frontmatter.rs` stays short).

use super::*;

fn s(v: &str) -> Value {
    Value::Scalar(v.to_string())
}

fn l(v: &[&str]) -> Value {
    Value::List(v.iter().map(|x| x.to_string()).collect())
}

#[test]
fn reads_the_yaml_subset() {
    // (name, front matter lines, expected entries)
    type Case<'a> = (&'a str, &'a str, Vec<(&'a str, Value)>);
    let cases: Vec<Case> = vec![
        (
            "plain, quoted and url scalars",
            "title: Harbour strike ends: workers return\nauthor: \"Ann O'Neil\"\nsource: 'The Daily ''Post'''\nurl: https://example.com/a?b=1 # canonical\n",
            vec![
                ("title", s("Harbour strike ends: workers return")),
                ("author", s("Ann O'Neil")),
                ("source", s("The Daily 'Post'")),
                ("url", s("https://example.com/a?b=1")),
            ],
        ),
        (
            "flow list with quoted comma",
            "Tags: [economy, \"rates, loans\", 'banks']\n",
            vec![("tags", l(&["economy", "rates, loans", "banks"]))],
        ),
        (
            "block list, comments and blank lines",
            "# exported by the CMS\ntags:\n  - politics\n  - \"local elections\"\n\n- budget\ndate: 2024-03-05\n",
            vec![("tags", l(&["politics", "local elections", "budget"])), ("date", s("2024-03-05"))],
        ),
        (
            "nested map and list of maps",
            "author:\n  name: Jane Roe\n  email: jane@example.com\nauthors:\n  - name: Raj Patel\n  - name: Mia Chen\n",
            vec![
                ("author.name", s("Jane Roe")),
                ("author.email", s("jane@example.com")),
                ("authors", l(&["Raj Patel", "Mia Chen"])),
            ],
        ),
        (
            "flow map, escapes, null",
            "publisher: {name: City Wire, id: 7}\ntitle: \"Say \\\"no\\\" to cuts\"\nsubtitle: ~\n",
            vec![("publisher.name", s("City Wire")), ("publisher.id", s("7")), ("title", s("Say \"no\" to cuts")), ("subtitle", s(""))],
        ),
        (
            "block scalars",
            "summary: >\n  Rain delayed\n  the final.\nnote: |\n  line one\n  line two\ntitle: After blocks\n",
            vec![("summary", s("Rain delayed the final.")), ("note", s("line one\nline two")), ("title", s("After blocks"))],
        ),
        ("empty front matter", "", vec![]),
    ];
    for (name, lines, want) in cases {
        let doc = format!("---\n{lines}---\nBody text.\n");
        let (fm, body) = split(&doc).unwrap_or_else(|e| panic!("{name}: {e}"));
        let want: Vec<(String, Value)> =
            want.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        assert_eq!(fm.entries, want, "{name}");
        assert_eq!(body, "Body text.\n", "{name}");
    }
}

#[test]
fn no_front_matter_leaves_text_alone() {
    for doc in [
        "# Title\n\nBody",
        "Text with --- inside\n---\n",
        "",
        " ---\ntitle: x\n---\n",
    ] {
        let (fm, body) = split(doc).expect("no error");
        assert!(fm.entries.is_empty(), "{doc:?}");
        assert_eq!(body, doc);
    }
}

#[test]
fn closing_with_dots_and_crlf_free_input() {
    let (fm, body) = split("---\ntitle: Dots close it\n...\nBody").expect("parses");
    assert_eq!(fm.get(&["title"]), Some(&s("Dots close it")));
    assert_eq!(body, "Body");
}

#[test]
fn reports_malformed_lines() {
    // (name, document, line number and problem in the message)
    let cases = [
        (
            "never closed",
            "---\ntitle: Lost\n\nBody",
            "line 1: front matter opened here is never closed",
        ),
        (
            "no colon",
            "---\ntitle: Fine\nthis line is not yaml\n---\n",
            "line 3: expected `key: value`",
        ),
        (
            "unterminated quote",
            "---\n\ntitle: \"Half quoted\n---\n",
            "line 3: unterminated quoted value",
        ),
        (
            "unclosed list",
            "---\ntags: [a, b\n---\n",
            "line 2: `[` is not closed by `]`",
        ),
        (
            "item without key",
            "---\n- stray\n---\n",
            "line 2: list item without a key",
        ),
        (
            "text after quote",
            "---\ntitle: \"A\" B\n---\n",
            "line 2: unexpected text after a quoted value",
        ),
        (
            "indented orphan",
            "---\ntitle: A\n  name: B\n---\n",
            "line 3: indented line without a parent key",
        ),
    ];
    for (name, doc, want) in cases {
        match split(doc) {
            Err(ArticleError::Invalid(msg)) => {
                assert!(msg.ends_with(want) || msg.contains(want), "{name}: {msg}")
            }
            other => panic!("{name}: expected Invalid, got {other:?}"),
        }
    }
}
