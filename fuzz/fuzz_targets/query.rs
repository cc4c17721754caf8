//! Fuzz the query language against a one-article index: any input is a result or a
//! one-line query error, never a panic or an engine error.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use newsdex::search::{Archive, SearchRequest};

fn archive() -> &'static Archive {
    static ARCHIVE: OnceLock<Archive> = OnceLock::new();
    ARCHIVE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("newsdex-fuzz-{}", std::process::id()));
        let news = dir.join("news");
        std::fs::create_dir_all(&news).expect("temp folder");
        std::fs::write(news.join("a.txt"), "Budget vote\n\nThe council voted on the budget.\n").expect("write");
        let opts = newsdex::ingest::IngestOptions::new(vec![news], dir.join("idx"));
        newsdex::ingest::ingest(&opts, &mut |_| {}).expect("ingest");
        Archive::open(&dir.join("idx")).expect("open")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(q) = std::str::from_utf8(data) else { return };
    let request = SearchRequest { query: Some(q.to_string()), limit: 5, ..SearchRequest::default() };
    match archive().search(&request) {
        Ok(_) => {}
        Err(e) if e.is_bad_request() => {}
        Err(other) => panic!("engine error for {q:?}: {other}"),
    }
});
