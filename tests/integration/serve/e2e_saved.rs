//! Saved searches on the page, in headless Chromium: save the current search, ingest a new
//! article while the server runs, see "1 new article" in the Saved view, open what is new
//! and mark it seen. On an index of its own, since saving writes beside the index.

use std::time::Duration;

use serde_json::{json, Value};

use super::e2e::{artifacts, browser, text};
use super::server::{ingest, scratch, Server};
use crate::harness::{copy_tree, sample_corpus};

const NEW_TITLE: &str = "Harbour pilots vote to strike over night shifts";

const NEW_ARTICLE: &str = "---\ntitle: Harbour pilots vote to strike over night shifts\ndate: 2026-11-28\n---\n\
The harbour pilots of Portvale voted on Thursday to strike over night shifts, a move that could leave larger ships waiting outside the breakwater.\n\n\
\"We are not asking for more money, we are asking to sleep,\" said Tomas Brenner, who chairs the pilots' association.\n";

#[test]
fn a_reader_saves_a_search_and_is_told_what_is_new() {
    let Some(b) = browser("chromium-profile-saved") else {
        return;
    };
    let dir = scratch("e2e-saved");
    let (corpus, index) = (dir.join("corpus"), dir.join("index"));
    copy_tree(&sample_corpus(), &corpus);
    ingest(corpus.to_str().unwrap(), &index);
    let server = Server::start(index.to_str().unwrap());
    let out = artifacts();

    // Save the search from its results.
    b.goto(&server.url("/#/search?q=harbour"));
    b.wait_for(
        "the save button",
        "return document.querySelector('#save-open') !== null",
    );
    b.click("#save-open");
    b.type_into("#save-name", "harbour watch\u{E007}");
    b.wait_for(
        "the saved note",
        "const n = document.querySelector('#status .save-note'); return n !== null && n.textContent.includes('Saved as')",
    );
    let saved = server.json("/api/saved", 200);
    assert_eq!(saved["saved"][0]["name"], json!("harbour watch"));
    assert_eq!(saved["saved"][0]["query"], json!("harbour"));
    assert_eq!(saved["saved"][0]["new_articles"], json!(0));

    // A new article arrives; the running server sees it on its next reload.
    std::fs::write(corpus.join("politics/harbour-pilots.md"), NEW_ARTICLE).unwrap();
    ingest(corpus.to_str().unwrap(), &index);
    std::thread::sleep(Duration::from_millis(700));
    let saved = server.json("/api/saved", 200);
    assert_eq!(saved["saved"][0]["new_articles"], json!(1), "{saved}");

    b.goto(&server.url("/#/saved"));
    b.wait_for(
        "the saved list",
        "return document.querySelectorAll('#saved-list .saved-row').length === 1",
    );
    let counts = text(&b, "#saved-list .counts");
    assert!(counts.starts_with("1 new article"), "{counts}");
    assert!(counts.contains("since saved on"), "{counts}");
    assert_eq!(text(&b, "#saved-list h2"), "harbour watch");

    b.click("#saved-list .show-new");
    b.wait_for(
        "the new articles",
        "return document.querySelectorAll('#saved-list .new-articles li').length > 0",
    );
    let listed: Value = b.eval(
        "return [...document.querySelectorAll('#saved-list .new-articles li a')].map(a => a.textContent)",
        json!([]),
    );
    assert_eq!(listed, json!([NEW_TITLE]));
    b.screenshot(&out.join("saved.png"));

    // Marked seen: nothing new, on the page and through the API.
    b.click("#saved-list .mark-seen");
    b.wait_for(
        "nothing new",
        "const c = document.querySelector('#saved-list .counts'); return c !== null && c.textContent.startsWith('nothing new')",
    );
    assert!(text(&b, "#saved-list .counts").contains("since checked on"));
    let saved = server.json("/api/saved", 200);
    assert_eq!(saved["saved"][0]["new_articles"], json!(0), "{saved}");
    assert!(saved["saved"][0]["last_checked"].is_string(), "{saved}");
}
