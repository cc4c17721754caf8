//! Table-driven tests of the whole HTML reader on small pages written for them.

use super::*;

/// A news page with the usual chrome around a three-paragraph story.
fn page(head: &str, story: &str) -> String {
    format!(
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">{head}</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather forecast pages</a></li></ul></nav></header>
<div class="ad-banner">Advertisement: buy the amazing gadget today</div>
<main><article>
<h1>Harbour bridge reopens after repairs</h1>
<p class="byline">By Maria Lopez</p>
{story}
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/a">Ferry timetable changes announced for the summer season</a></li>
<li><a href="/b">Council votes on new cycling lanes across the city centre</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>Reader99: first! This is the best bridge in the whole wide world.</p></div></section>
</main>
<footer><p>Copyright 2024 Harbour Times. All rights reserved. Privacy policy and cookie settings.</p></footer>
</body></html>"#
    )
}

const STORY: &str =
    "<p>The harbour bridge reopened to traffic on Monday morning after eight months of \
repairs that cost the city more than forty million dollars, officials said.</p>\
<p>Engineers replaced the steel cables and resurfaced the entire deck, which had been damaged \
by a storm last winter. Commuters said the closure had doubled their journey times.</p>\
<p>\"We are proud of the work our crews have done,\" the mayor told reporters at the opening \
ceremony, adding that the bridge should last another fifty years.</p>";

#[test]
fn boilerplate_is_left_out_of_the_body() {
    let article =
        parse(page("<title>Bridge reopens - Harbour Times</title>", STORY).as_bytes()).unwrap();
    let body = &article.body;
    let wanted = [
        "harbour bridge reopened",
        "Engineers replaced",
        "proud of the work",
    ];
    let unwanted = [
        "Weather forecast",
        "Advertisement",
        "Ferry timetable",
        "Reader99",
        "Copyright",
    ];
    for w in wanted {
        assert!(body.contains(w), "missing {w:?} in {body:?}");
    }
    for u in unwanted {
        assert!(!body.contains(u), "boilerplate {u:?} in {body:?}");
    }
    assert_eq!(body.matches("\n\n").count(), body.split("\n\n").count() - 1);
    assert!(
        body.split("\n\n").count() >= 3,
        "paragraphs kept apart: {body:?}"
    );
}

#[test]
fn metadata_sources() {
    let head = r#"<title>Bridge reopens - Harbour Times</title>
<meta property="og:site_name" content="Harbour Times">
<meta property="og:title" content="Harbour bridge reopens after repairs | Harbour Times">
<meta property="article:published_time" content="2024-03-04T09:30:00+01:00">
<meta name="author" content="Maria Lopez">
<link rel="canonical" href="https://harbour.example/bridge">"#;
    let a = parse(page(head, STORY).as_bytes()).unwrap();
    let cases: Vec<(&str, Option<String>, &str)> = vec![
        (
            "title",
            Some(a.title.clone()),
            "Harbour bridge reopens after repairs",
        ),
        (
            "date",
            a.date.map(|d| d.to_rfc3339()),
            "2024-03-04T08:30:00+00:00",
        ),
        ("author", a.author.clone(), "Maria Lopez"),
        ("source", a.source.clone(), "Harbour Times"),
        ("url", a.url.clone(), "https://harbour.example/bridge"),
    ];
    for (what, got, want) in cases {
        assert_eq!(got.as_deref(), Some(want), "{what}");
    }
}

#[test]
fn charsets_reach_the_text() {
    let latin1_story =
        b"<p>Le caf\xE9 du port a rouvert ses portes lundi apr\xE8s huit mois de travaux, \
a annonc\xE9 la mairie dans un communiqu\xE9 publi\xE9 dimanche soir.</p>";
    let mut declared_latin1 = b"<html><head><meta charset=\"iso-8859-1\"><title>Caf\xE9 rouvert</title></head><body><article>".to_vec();
    declared_latin1.extend_from_slice(latin1_story);
    declared_latin1.extend_from_slice(b"</article></body></html>");
    let utf8_declared_latin1 = String::from_utf8_lossy(&declared_latin1).replace('\u{FFFD}', "é");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(utf8_declared_latin1.as_bytes());
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("declared latin-1, is latin-1", declared_latin1),
        (
            "declared latin-1, is utf-8",
            utf8_declared_latin1.into_bytes(),
        ),
        ("utf-8 bom", bom),
    ];
    for (name, bytes) in cases {
        let a = parse(&bytes).unwrap();
        assert!(a.title.starts_with("Café"), "{name}: {:?}", a.title);
        assert!(a.body.contains("communiqué publié"), "{name}: {:?}", a.body);
    }
}

#[test]
fn hostile_pages_do_not_panic_or_hang() {
    let n = 100_000;
    let cases: Vec<(&str, String, Result<(), ArticleError>)> = vec![
        (
            "deep divs",
            format!(
                "<html><body>{}<p>deep text</p>{}</body></html>",
                "<div>".repeat(n),
                "</div>".repeat(n)
            ),
            Ok(()),
        ),
        ("deep inline", format!("<p>{}x", "<b><i>".repeat(n)), Ok(())),
        (
            "unclosed everything",
            "<html><head><title>T</title><body><div><p>text<table><tr><td>cell".into(),
            Ok(()),
        ),
        (
            "bad json-ld",
            r#"<script type="application/ld+json">{"@type":</script><p>words</p>"#.into(),
            Ok(()),
        ),
        (
            "markup only",
            "<html><head></head><body><div></div></body></html>".into(),
            Err(ArticleError::Invalid("no article text in the page".into())),
        ),
        ("empty", String::new(), Err(ArticleError::Empty)),
    ];
    for (name, html, want) in cases {
        let start = std::time::Instant::now();
        let got = parse(html.as_bytes()).map(|_| ());
        assert_eq!(got, want, "{name}");
        assert!(
            start.elapsed().as_secs() < 20,
            "{name} took {:?}",
            start.elapsed()
        );
    }
}

#[test]
fn deep_pages_fall_back_to_visible_text() {
    // 500: parsed, too deep for the extractor; 5000: flattened before parsing.
    let cases = [(500, "deep text"), (5000, "Menu deep text")];
    for (depth, want) in cases {
        let html = format!(
            "<html><body><nav>Menu</nav><article>{}<p>deep text</p>{}</article></body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        assert_eq!(parse(html.as_bytes()).unwrap().body, want, "depth {depth}");
    }
}

#[test]
fn a_leading_title_paragraph_is_dropped() {
    let cases = [
        (
            "Bridge reopens\n\nThe bridge reopened.",
            "Bridge reopens",
            "The bridge reopened.",
        ),
        ("BRIDGE REOPENS!\n\nText.", "Bridge reopens", "Text."),
        (
            "Other start\n\nText.",
            "Bridge reopens",
            "Other start\n\nText.",
        ),
        ("Bridge reopens", "Bridge reopens", "Bridge reopens"),
        ("Text.\n\nMore.", "", "Text.\n\nMore."),
    ];
    for (body, title, want) in cases {
        assert_eq!(without_title(body.to_string(), title), want, "{body:?}");
    }
}

#[test]
fn paragraphs_survive_a_one_line_extraction() {
    let long = "word ".repeat(250);
    let html = format!("<p>{long}</p><p>{long}</p><p>{long}</p>");
    let result = |text: &str, html: Option<&str>| rs_trafilatura::ExtractResult {
        content_text: text.to_string(),
        content_html: html.map(str::to_string),
        ..Default::default()
    };
    let cases = [
        (result("a\nb", Some("<p>x</p>")), 2),
        (result("short text", Some("<p>x</p><p>y</p><p>z</p>")), 1),
        (result(&long.repeat(3), Some(&html)), 3),
        (result(&long.repeat(3), None), 1),
    ];
    for (r, want) in cases {
        assert_eq!(
            extracted_text(&r).split("\n\n").count(),
            want,
            "{:.40}",
            r.content_text
        );
    }
}

#[test]
fn runs_of_link_paragraphs_are_dropped() {
    let doc = Document::from(
        "<a href=1>Related headline number one</a><a href=2>Related headline number two</a>\
         <a href=3>Short</a><a href=4>A link the story itself makes</a>",
    );
    let cases = [
        (
            "Story text.\n\nRelated headline number one\n\nRelated headline number two",
            "Story text.",
        ),
        (
            "Story text.\n\nA link the story itself makes\n\nMore story.",
            "Story text.\n\nA link the story itself makes\n\nMore story.",
        ),
        ("Short\n\nShort\n\nStory.", "Short\n\nShort\n\nStory."),
        (
            "Related headline number one\n\nRelated headline number two",
            "Related headline number one\n\nRelated headline number two",
        ),
    ];
    for (body, want) in cases {
        assert_eq!(without_links(body.to_string(), &doc), want, "{body:?}");
    }
}
