//! A reprinted wire story on the page, in headless Chromium: the sample corpus plus a
//! near-copy of one of its articles (another headline, a dateline with the wire's name, a
//! paragraph dropped, two words changed) is searched; the original shows "+1 similar
//! article", folded; opening it lists the copy under its own headline, and the link opens
//! the copy. On an index of its own, so the shared sample index keeps its counts.

use serde_json::json;

use super::e2e::{artifacts, browser, text};
use super::server::{ingest, scratch, Server};
use crate::harness::{copy_tree, sample_corpus};

const ORIGINAL: &str = "politics/varga-austerity-speech.txt";
const COPY_TITLE: &str = "Varga: there is no easier road";

/// The original's body as a wire service would reprint it, under `COPY_TITLE`.
fn reprint(original: &str) -> String {
    let (_, body) = original.split_once('\n').expect("a title line");
    let body = body
        .replacen("KESSEL —", "KESSEL, Dalmora (Wire) —", 1)
        .replace("forceful", "vigorous")
        .replace("packed", "crowded");
    let kept: Vec<&str> = body
        .split("\n\n")
        .filter(|p| !p.starts_with("Mr. Varga's speech"))
        .collect();
    assert!(
        kept.len() < body.split("\n\n").count(),
        "a paragraph dropped"
    );
    format!("{COPY_TITLE}\n{}", kept.join("\n\n"))
}

#[test]
fn a_reprint_is_folded_under_its_original_and_opens() {
    let Some(b) = browser("chromium-profile-similar") else {
        return;
    };
    let dir = scratch("e2e-similar");
    let (corpus, index) = (dir.join("corpus"), dir.join("index"));
    copy_tree(&sample_corpus(), &corpus);
    let original = std::fs::read_to_string(corpus.join(ORIGINAL)).unwrap();
    std::fs::write(
        corpus.join("politics/varga-wire-reprint.txt"),
        reprint(&original),
    )
    .unwrap();
    ingest(corpus.to_str().unwrap(), &index);
    let server = Server::start(index.to_str().unwrap());
    let api = server.json("/api/search?q=austerity&limit=10", 200);
    let grouped: Vec<_> = api["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| !h["similar_articles"].as_array().unwrap().is_empty())
        .collect();
    assert_eq!(grouped.len(), 1, "one group: {api}");
    assert_eq!(
        grouped[0]["similar_articles"][0]["title"],
        json!(COPY_TITLE)
    );

    b.goto(&server.url("/#/search?q=austerity"));
    let summary = b.wait_for(
        "the folded group",
        "const s = document.querySelector('#results .hit details.similar summary'); return s && s.textContent",
    );
    assert_eq!(summary, json!("+1 similar article"));
    // Open, and the copy's link visible to the reader (not only in the DOM).
    let shown = "const d = document.querySelector('#results details.similar'); \
                 return d.open && d.querySelector('a').checkVisibility()";
    assert_eq!(b.eval(shown, json!([])), json!(false), "folded at first");
    b.click("#results .hit details.similar summary");
    b.wait_for("the group opened", shown);
    let hit_title = b.eval(
        "return document.querySelector('#results details.similar').closest('.hit').querySelector('h2').innerText",
        json!([]),
    );
    assert_eq!(hit_title, grouped[0]["title"]);
    assert_eq!(text(&b, "#results details.similar a"), COPY_TITLE);
    b.screenshot(&artifacts().join("similar.png"));

    b.click("#results details.similar a");
    b.wait_for(
        "the copy",
        "const h = document.querySelector('#article h1'); return h && !document.querySelector('#article-view').hidden && h.innerText",
    );
    assert_eq!(text(&b, "#article h1"), COPY_TITLE);
}
