//! Table-driven tests of the feed reader on small feeds written for them.

use super::*;
use crate::article::Article;

/// Expected title, body, date, author and url of one item.
type Want<'a> = (&'a str, &'a str, &'a str, Option<&'a str>, &'a str);

fn ok(item: &Item) -> &Article {
    item.article.as_ref().expect("item should parse")
}

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Daily  Planet</title>
  <link>https://planet.example/</link>
  <item>
    <title>Storm hits &amp; floods town</title>
    <link>https://planet.example/storm</link>
    <pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate>
    <author>lois@planet.example (Lois Lane)</author>
    <category>Weather</category>
    <description>Short &lt;b&gt;teaser&lt;/b&gt;</description>
    <content:encoded><![CDATA[<p>First paragraph.</p><p>Second&nbsp;one &amp; more.</p>]]></content:encoded>
  </item>
  <item>
    <title>Second story</title>
    <dc:creator>Clark Kent</dc:creator>
    <dc:date>2003-06-11T08:00:00+02:00</dc:date>
    <guid>https://planet.example/second</guid>
    <description>Plain &#8220;quoted&#x201D; text&hellip;</description>
  </item>
</channel>
</rss>"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Times</title>
  <author><name>Feed Author</name></author>
  <entry>
    <title type="html">Rates &lt;em&gt;rise&lt;/em&gt;</title>
    <link rel="self" href="https://atom.example/self/1"/>
    <link rel="alternate" type="text/html" href="https://atom.example/1"/>
    <published>2020-05-06T07:08:09Z</published>
    <updated>2020-05-07T00:00:00Z</updated>
    <author><name>Ann Writer</name><email>ann@atom.example</email></author>
    <category term="Economy"/>
    <summary>Summary only</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Para one.</p><p>Para two.</p></div></content>
  </entry>
  <entry>
    <title>Plain entry</title>
    <link href="https://atom.example/2"/>
    <updated>2020-05-08T10:00:00+01:00</updated>
    <content type="text">Line one &lt;not a tag&gt;

Line two</content>
  </entry>
</feed>"#;

#[test]
fn rss_items_become_articles() {
    let items = parse(RSS.as_bytes()).unwrap();
    assert_eq!(items.len(), 2);
    let cases: Vec<(&Article, Want)> = vec![
        (
            ok(&items[0]),
            (
                "Storm hits & floods town",
                "First paragraph.\n\nSecond one & more.",
                "2003-06-10T04:00:00",
                Some("Lois Lane"),
                "https://planet.example/storm",
            ),
        ),
        (
            ok(&items[1]),
            (
                "Second story",
                "Plain \u{201C}quoted\u{201D} text\u{2026}",
                "2003-06-11T06:00:00",
                Some("Clark Kent"),
                "https://planet.example/second",
            ),
        ),
    ];
    for (a, (title, body, date, author, url)) in cases {
        assert_eq!(a.title, title);
        assert_eq!(a.body, body, "{title}");
        assert_eq!(
            a.date.unwrap().format("%Y-%m-%dT%H:%M:%S").to_string(),
            date,
            "{title}"
        );
        assert_eq!(a.author.as_deref(), author, "{title}");
        assert_eq!(a.url.as_deref(), Some(url), "{title}");
        assert_eq!(a.source.as_deref(), Some("Daily Planet"), "{title}");
    }
    assert_eq!(ok(&items[0]).tags, vec!["Weather"]);
    assert_eq!((items[0].index, items[1].index), (0, 1));
}

#[test]
fn atom_entries_become_articles() {
    let items = parse(ATOM.as_bytes()).unwrap();
    assert_eq!(items.len(), 2);
    let (a, b) = (ok(&items[0]), ok(&items[1]));
    let cases: Vec<(&str, String, &str)> = vec![
        ("title", a.title.clone(), "Rates rise"),
        ("body", a.body.clone(), "Para one.\n\nPara two."),
        (
            "url",
            a.url.clone().unwrap_or_default(),
            "https://atom.example/1",
        ),
        (
            "date",
            a.date.unwrap().to_rfc3339(),
            "2020-05-06T07:08:09+00:00",
        ),
        ("author", a.author.clone().unwrap_or_default(), "Ann Writer"),
        ("source", a.source.clone().unwrap_or_default(), "Atom Times"),
        ("tags", a.tags.join(","), "Economy"),
        (
            "plain body",
            b.body.clone(),
            "Line one <not a tag>\n\nLine two",
        ),
        (
            "inherited author",
            b.author.clone().unwrap_or_default(),
            "Feed Author",
        ),
        (
            "updated as date",
            b.date.unwrap().to_rfc3339(),
            "2020-05-08T09:00:00+00:00",
        ),
    ];
    for (what, got, want) in cases {
        assert_eq!(got, want, "{what}");
    }
}

#[test]
fn bad_items_fail_alone() {
    let cases = [
        (
            "mismatched end tag",
            "<rss><channel><title>F</title><item><title>A</title></item>\
             <item><title>B</wrong></title></item><item><title>C</title></item></channel></rss>",
            vec![Some("A"), None, Some("C")],
        ),
        (
            "empty item",
            "<rss><channel><item></item><item><title>C</title></item></channel></rss>",
            vec![None, Some("C")],
        ),
        (
            "truncated file",
            "<rss><channel><item><title>A</title></item><item><title>B</ti",
            vec![Some("A"), None],
        ),
        (
            "prefixed atom",
            "<a:feed xmlns:a=\"http://www.w3.org/2005/Atom\"><a:title>F</a:title>\
             <a:entry><a:title>P</a:title><a:link href=\"http://p.example/\"/></a:entry></a:feed>",
            vec![Some("P")],
        ),
        (
            "rdf feed",
            "<rdf:RDF xmlns:rdf=\"r\"><channel><title>F</title></channel>\
             <item><title>R</title><link>http://r.example/</link></item></rdf:RDF>",
            vec![Some("R")],
        ),
    ];
    for (name, xml, want) in cases {
        let items = parse(xml.as_bytes()).unwrap();
        let got: Vec<Option<&str>> = items
            .iter()
            .map(|i| i.article.as_ref().ok().map(|a| a.title.as_str()))
            .collect();
        assert_eq!(got, want, "{name}");
        for (n, item) in items.iter().enumerate() {
            if let Err(e) = &item.article {
                assert_eq!(e.position, format!("item {}", n + 1), "{name}");
            }
        }
    }
}

#[test]
fn non_feeds_are_rejected() {
    let not_feed = ArticleError::Invalid("not an RSS or Atom feed".into());
    let cases: Vec<(&str, &[u8], ArticleError)> = vec![
        (
            "other xml",
            b"<?xml version=\"1.0\"?><catalog><book/></catalog>",
            not_feed.clone(),
        ),
        (
            "html",
            b"<html><body><p>x</p></body></html>",
            not_feed.clone(),
        ),
        ("not xml", b"just some words", not_feed.clone()),
        ("empty", b"", ArticleError::Empty),
        (
            "binary",
            b"\x00\x01\x00\x02\x00\x03\x00",
            ArticleError::Binary,
        ),
    ];
    for (name, bytes, want) in cases {
        assert_eq!(parse(bytes), Err(want), "{name}");
    }
}

#[test]
fn hostile_feeds_do_not_panic() {
    let deep = format!(
        "<rss><channel><item><title>T</title>{}x{}</item></channel></rss>",
        "<a>".repeat(50_000),
        "</a>".repeat(50_000)
    );
    let cases = [
        deep,
        "<rss><channel><item><title>a < b &bogus; &#0; &#xFFFFFFFF;</title></item></channel></rss>"
            .to_string(),
        "<rss><channel><item><![CDATA[ unclosed".to_string(),
        "<feed><entry><title>x</title></entry></rss>".to_string(),
        "<rss>".repeat(1000),
    ];
    for xml in cases {
        let _ = parse(xml.as_bytes());
    }
}

#[test]
fn legacy_encodings_are_decoded() {
    let xml = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item><title>Caf\xE9</title></item></channel></rss>";
    let items = parse(xml).unwrap();
    assert_eq!(ok(&items[0]).title, "Café");
}
