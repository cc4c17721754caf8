//! The JSON API on a real server: the same answers as the command line's `--json`, errors
//! that say what is wrong, articles by id (never by path), live reloads and concurrency.

use serde_json::{json, Value};

use super::server::{enc, ingest, sample_index, scratch, Server};
use crate::harness::newsdex;

/// `newsdex ARGS --json --index SAMPLE` parsed; exit code 0 or 1 (no hits) expected.
fn cli(args: &[&str]) -> Value {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--json", "--index", sample_index()]);
    let run = newsdex(&all);
    assert!(
        run.code == 0 || run.code == 1,
        "newsdex {args:?} ({}): {}",
        run.code,
        run.stderr
    );
    run.json()
}

/// The one-line error the command line prints, without its `newsdex: ` prefix.
fn cli_error(args: &[&str]) -> String {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--index", sample_index()]);
    let run = newsdex(&all);
    assert_eq!(run.code, 2, "newsdex {args:?} should fail: {}", run.stderr);
    run.stderr
        .trim()
        .trim_start_matches("newsdex: ")
        .to_string()
}

#[test]
fn search_answers_like_the_command_line() {
    let server = Server::start(sample_index());
    let cases: [(&str, &[&str]); 7] = [
        (
            "q=budget&person=Ruiz",
            &["query", "budget", "--person", "Ruiz"],
        ),
        ("q=budget", &["query", "budget"]),
        (
            "q=budget&limit=2&offset=1",
            &["query", "budget", "--limit", "2", "--offset", "1"],
        ),
        (
            "q=%22interest+rates%22&sort=date",
            &["query", "\"interest rates\"", "--sort", "date"],
        ),
        (
            "q=Portvale&since=2024-06-01&until=2024-12-31&limit=20",
            &[
                "query",
                "Portvale",
                "--since",
                "2024-06-01",
                "--until",
                "2024-12-31",
                "--limit",
                "20",
            ],
        ),
        ("q=merger", &["query", "merger"]),
        (
            "person=Elena+Ruiz&place=Portvale&org=Brightline&said_by=Varga",
            &[
                "query",
                "--person",
                "Elena Ruiz",
                "--place",
                "Portvale",
                "--org",
                "Brightline",
                "--said-by",
                "Varga",
            ],
        ),
    ];
    for (query, args) in cases {
        let api = server.json(&format!("/api/search?{query}"), 200);
        assert_eq!(
            api,
            cli(args),
            "/api/search?{query} differs from newsdex {args:?}"
        );
    }
    let budget = server.json("/api/search?q=budget", 200);
    assert!(budget["total"].as_u64().unwrap() >= 3, "{budget}");
    // The answer echoes the query text and the filters, never command-line syntax.
    let echoed = server.json("/api/search?q=budget&person=Elena+Ruiz", 200);
    assert_eq!(echoed["query"], "budget", "{echoed}");
    assert_eq!(echoed["filters"]["person"][0], "Elena Ruiz", "{echoed}");
    assert_eq!(echoed["filters"]["since"], Value::Null, "{echoed}");
    let merger = server.json("/api/search?q=merger", 200);
    assert_eq!(
        merger["hits"][0]["duplicates"].as_array().unwrap().len(),
        1,
        "{merger}"
    );
}

#[test]
fn quotes_and_people_answer_like_the_command_line() {
    let server = Server::start(sample_index());
    let cases: [(&str, &[&str]); 8] = [
        ("/api/quotes?q=budget", &["quotes", "budget"]),
        (
            "/api/quotes?q=budget&kind=all",
            &["quotes", "budget", "--indirect"],
        ),
        (
            "/api/quotes?by=Varga&kind=indirect",
            &["quotes", "--by", "Varga", "--kind", "indirect"],
        ),
        (
            "/api/quotes?by=Varga&limit=5&since=2024-01-01",
            &[
                "quotes",
                "--by",
                "Varga",
                "--limit",
                "5",
                "--since",
                "2024-01-01",
            ],
        ),
        (
            "/api/people?q=Portvale&kind=person&limit=5",
            &["people", "Portvale", "--kind", "person", "--limit", "5"],
        ),
        (
            "/api/people?person=Elena+Ruiz&since=2024-01-01&kind=org",
            &[
                "people",
                "--person",
                "Elena Ruiz",
                "--since",
                "2024-01-01",
                "--kind",
                "org",
            ],
        ),
        (
            "/api/people?q=tram&place=Portvale",
            &["people", "tram", "--place", "Portvale"],
        ),
        (
            "/api/people?with=Tomas+Varga&kind=person",
            &["people", "--with", "Tomas Varga", "--kind", "person"],
        ),
    ];
    for (path, args) in cases {
        let api = server.json(path, 200);
        assert_eq!(api, cli(args), "{path} differs from newsdex {args:?}");
    }
    let filtered = server.json("/api/people?person=Elena+Ruiz&kind=org", 200);
    assert_eq!(filtered["filters"]["person"][0], "Elena Ruiz", "{filtered}");
    assert!(
        !filtered["entities"].as_array().unwrap().is_empty(),
        "{filtered}"
    );
    for (path, args) in [
        (
            "/api/timeline?q=budget&by=month",
            &["timeline", "budget", "--by", "month"][..],
        ),
        (
            "/api/timeline?quotes=1&said_by=Varga",
            &["timeline", "--quotes", "--said-by", "Varga"][..],
        ),
    ] {
        assert_eq!(server.json(path, 200), cli(args), "{path}");
    }
    let all = server.json("/api/people", 200);
    assert!(all["entities"].is_array(), "{all}");
}

#[test]
fn bad_requests_say_what_is_wrong() {
    let server = Server::start(sample_index());
    let error = |path: &str, status: u16| -> String {
        let body = server.json(path, status);
        body["error"]
            .as_str()
            .unwrap_or_else(|| panic!("{path}: {body}"))
            .to_string()
    };
    // The same one-line messages as the command line.
    assert_eq!(
        error("/api/search?q=budget&since=March", 400),
        cli_error(&["query", "budget", "--since", "March"])
    );
    assert_eq!(
        error("/api/search?q=%22budget", 400),
        cli_error(&["query", "\"budget"])
    );
    assert_eq!(
        error("/api/search?q=colour%3Ared", 400),
        cli_error(&["query", "colour:red"])
    );
    assert!(
        error("/api/search?q=a&sort=newest", 400).contains("`sort` must be `relevance` or `date`")
    );
    // One rule for page sizes on both front ends: out of range is refused, never clamped.
    for limit in ["0", "5000"] {
        assert_eq!(
            error(&format!("/api/search?q=a&limit={limit}"), 400),
            cli_error(&["query", "a", "--limit", limit])
        );
    }
    assert!(error("/api/quotes?limit=0", 400).contains("from 1 to 1000"));
    assert!(error("/api/people?limit=1001", 400).contains("from 1 to 1000"));
    assert!(error("/api/search", 400).contains("nothing to search for"));
    assert!(error("/api/search?q=a&speaker=x", 400).contains("unknown parameter `speaker`"));
    let long = "a+".repeat(600);
    assert!(error(&format!("/api/search?q={long}"), 400).contains("the most is 1000"));
    assert!(error("/api/people?kind=planet", 400).contains("`kind` must be"));
    assert!(error("/api/quotes?until=2024-13-45", 400).contains("cannot read the date"));
    assert!(error("/api/quotes?kind=rumour", 400).contains("direct, indirect or all"));
    assert!(error("/api/nothing", 404).contains("no such page"));
    let (status, text) = server.raw("POST", "/api/search?q=budget");
    assert_eq!(status, 405, "{text}");
    let (status, _) = server.raw("GET", &format!("/api/search?q={}", "x".repeat(9000)));
    assert!(status == 414 || status == 400, "{status}");
}

#[test]
fn articles_are_served_by_id_only() {
    let server = Server::start(sample_index());
    let hits = server.json("/api/search?q=rail+link+Estavia", 200);
    let id = hits["hits"][0]["id"].as_str().unwrap().to_string();
    assert!(id.ends_with("world-briefs.json#2"), "{id}");
    let article = server.json(&format!("/api/articles/{}", enc(&id)), 200);
    assert_eq!(article["id"], id.as_str());
    assert_eq!(
        article["title"],
        "Dalmora and Estavia sign rail link agreement"
    );
    assert_eq!(article["date"], "2024-11-07T12:00:00Z");
    let body = article["body"].as_str().unwrap();
    assert!(body.contains("Estavia"), "{body}");
    for list in ["entities", "quotes"] {
        for span in article[list].as_array().unwrap() {
            let (s, e) = (
                span["start"].as_u64().unwrap() as usize,
                span["end"].as_u64().unwrap() as usize,
            );
            let text = body
                .get(s..e)
                .unwrap_or_else(|| panic!("{list} span {s}..{e} outside the body"));
            assert_eq!(text, span["text"].as_str().unwrap(), "{list} offsets");
        }
    }
    // `/` may also come unencoded; `#` must be %23.
    let plain = id.replace('#', "%23");
    assert_eq!(
        server.json(&format!("/api/articles/{plain}"), 200)["id"],
        id.as_str()
    );
    // Unknown ids and paths are 404, whatever they look like.
    for target in [
        "/api/articles/nope",
        "/api/articles/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/articles/%2Fetc%2Fpasswd",
        "/api/articles/../../Cargo.toml",
        "/api/articles/sample_corpus%2Fpolitics",
        "/../../../../etc/passwd",
        "/assets/../Cargo.toml",
    ] {
        let (status, text) = server.raw("GET", target);
        assert!(status == 404 || status == 400, "{target}: {status}");
        assert!(
            !text.contains("root:") && !text.contains("[package]"),
            "{target}: {text}"
        );
    }
    let (status, _) = server.raw("GET", "/api/articles/%FF%FE");
    assert_eq!(status, 400);
    // A page on another site cannot read a loopback server through DNS rebinding.
    let (status, text) = server.raw_with_host("/healthz", "evil.example:7700");
    assert_eq!(status, 403, "{text}");
}

#[test]
fn odd_requests_never_break_the_server() {
    let server = Server::start(sample_index());
    for target in [
        "/api/search?q=%",
        "/api/search?q=%E2%28%A1",
        "/api/search?q=((((((((((",
        "/api/search?q=a&limit=18446744073709551616",
        "/api/search?q=date:2024-99",
        "/api/search?q=date:[2024 TO",
        "/api/search?q=-budget",
        "/api/search?q=\"\"",
        "/api/search?q=title:",
        "/api/search?person=%22%22",
        "/api/search?q=%00",
        "/api/people?q=%22&person=%22",
        "/api/quotes?q=*",
        "/api/articles/",
        "/api/articles/%",
        "/healthz?x=1",
        "*",
    ] {
        let (status, text) = server.raw("GET", target);
        assert!((200..500).contains(&status), "{target}: {status}\n{text}");
    }
    assert_eq!(server.json("/healthz", 200)["status"], "ok");
    assert!(!server.log().contains("panicked"), "{}", server.log());
}

#[test]
fn the_page_is_embedded_and_needs_no_network() {
    let server = Server::start(sample_index());
    let (status, text) = server.raw("GET", "/");
    assert_eq!(status, 200);
    // Header names are case-insensitive (hyper sends them lowercase).
    assert!(
        text.to_ascii_lowercase()
            .contains("content-security-policy: default-src 'self'"),
        "{text}"
    );
    assert!(text.contains("<script src=\"/app.js\""), "{text}");
    assert!(text.contains("<script src=\"/batch.js\""), "{text}");
    for asset in ["/", "/app.js", "/batch.js", "/style.css"] {
        let (code, body) = server.get(asset);
        assert_eq!(code, 200, "{asset}");
        assert!(
            !body.contains("http://") && !body.contains("https://"),
            "{asset} loads from the network"
        );
    }
}

#[test]
fn a_running_server_sees_new_commits() {
    let dir = scratch("live");
    let corpus = dir.join("live");
    std::fs::create_dir_all(&corpus).unwrap();
    let repo = super::server::repo();
    let copy = |name: &str| {
        std::fs::copy(
            repo.join("sample_corpus/science").join(name),
            corpus.join(name),
        )
        .unwrap();
    };
    copy("deep-sea-species.md");
    let index = dir.join("index");
    ingest(corpus.to_str().unwrap(), &index);
    let server = Server::start(index.to_str().unwrap());
    assert_eq!(server.json("/api/search?q=quasicrystal", 200)["total"], 0);
    copy("quasicrystal-discovery.md");
    ingest(corpus.to_str().unwrap(), &index);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let total = server.json("/api/search?q=quasicrystal", 200)["total"].as_u64();
        if total == Some(1) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the new article never showed up"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(server.json("/healthz", 200)["documents"], 2);
}

#[test]
fn two_hundred_concurrent_requests_all_succeed() {
    let server = Server::start(sample_index());
    let paths = [
        "/api/search?q=budget",
        "/api/search?q=Portvale&sort=date&limit=20",
        "/api/people?q=Portvale",
        "/api/quotes?q=market",
        "/healthz",
    ];
    let urls: Vec<String> = (0..200)
        .map(|i| server.url(paths[i % paths.len()]))
        .collect();
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(urls.len()));
    let threads: Vec<_> = urls
        .into_iter()
        .map(|url| {
            let barrier = std::sync::Arc::clone(&barrier);
            std::thread::spawn(move || {
                barrier.wait();
                minreq::get(&url)
                    .with_timeout(60)
                    .send()
                    .map(|r| r.status_code)
            })
        })
        .collect();
    let codes: Vec<_> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let failed: Vec<_> = codes.iter().filter(|c| !matches!(c, Ok(200))).collect();
    assert!(
        failed.is_empty(),
        "{} of 200 failed: {:?}",
        failed.len(),
        &failed[..failed.len().min(5)]
    );
}

#[test]
fn a_posted_list_answers_like_batch() {
    let server = Server::start(sample_index());
    let list = "person:\"Elena Ruiz\"\n\n# a comment\ntitle:(\nflood\n";
    let (status, body) = server.post("/api/batch?since=2024-01-01", list);
    assert_eq!(status, 200, "{body}");
    let answer: crate::shapes::BatchAnswer = serde_json::from_str(&body).unwrap();
    assert_eq!(answer.failed, 1);
    let lines: Vec<u64> = answer.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [1, 4, 5]);
    let path = scratch("api-batch").join("list.txt");
    std::fs::write(&path, list).unwrap();
    let run = newsdex(&[
        "batch",
        path.to_str().unwrap(),
        "--since",
        "2024-01-01",
        "--format",
        "json",
        "--index",
        sample_index(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let cli: Value = serde_json::from_str(&run.stdout).unwrap();
    let api: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(api["rows"], cli, "the same rows as the command line");
    assert!(answer.rows[1]
        .error
        .as_deref()
        .unwrap()
        .contains("invalid query"));
    assert_eq!(answer.rows[0].name.as_deref(), Some("Elena Ruiz"));

    let (status, body) = server.post("/api/batch", "# only a comment\n");
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("the list is empty"), "{body}");
    let (status, body) = server.post("/api/batch?names=planet", "x\n");
    assert_eq!(status, 400);
    assert!(body.contains("`names` must be"), "{body}");
    let (status, body) = server.post("/api/batch", &"budget\n".repeat(1001));
    assert_eq!(status, 400);
    assert!(body.contains("more than 1000 lines"), "{body}");
    let (status, body) = server.post("/api/batch", &"x".repeat(1_100_000));
    assert_eq!(status, 413, "{body}");
    let (status, text) = server.raw("GET", "/api/batch");
    assert_eq!(status, 405, "{text}");
    assert!(text.contains("POST /api/batch"), "{text}");
    assert_eq!(server.json("/healthz", 200)["status"], "ok");
}

/// `newsdex export ARGS --index SAMPLE`'s standard output.
fn cli_export(args: &[&str]) -> String {
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    all.extend(["--index", sample_index()]);
    let run = newsdex(&all);
    assert_eq!(run.code, 0, "newsdex {all:?}: {}", run.stderr);
    run.stdout
}

#[test]
fn a_download_is_the_export_of_the_command_line() {
    let server = Server::start(sample_index());
    let cases: [(&str, &[&str]); 4] = [
        ("/api/export?q=budget", &["budget", "--format", "csv"]),
        (
            "/api/export?q=rates&since=2024-01-01&format=jsonl",
            &["rates", "--since", "2024-01-01", "--format", "jsonl"],
        ),
        (
            "/api/export?what=quotes&by=Zo%C3%AB%20Brandt",
            &[
                "--what",
                "quotes",
                "--said-by",
                "Zoë Brandt",
                "--format",
                "csv",
            ],
        ),
        (
            "/api/export?what=entities&place=Kessel",
            &["--what", "entities", "--place", "Kessel", "--format", "csv"],
        ),
    ];
    for (path, args) in cases {
        let (code, body) = server.get(path);
        assert_eq!(code, 200, "{path}: {body}");
        let want = cli_export(args);
        assert!(want.lines().count() > 1, "{args:?} should export rows");
        assert_eq!(body, want, "{path}");
    }
    let (code, head) = server.raw("GET", "/api/export?q=budget");
    assert_eq!(code, 200);
    let head = head
        .split("\r\n\r\n")
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    assert!(
        head.contains("content-type: text/csv; charset=utf-8"),
        "{head}"
    );
    assert!(
        head.contains("content-disposition: attachment; filename=\"newsdex-articles.csv\""),
        "{head}"
    );
    assert!(head.contains("transfer-encoding: chunked"), "{head}");
}

#[test]
fn a_bad_download_is_refused_before_any_row() {
    let server = Server::start(sample_index());
    for (path, says) in [
        ("/api/export?what=people", "`what` must be"),
        ("/api/export?format=xlsx", "`format` must be"),
        (
            "/api/export?what=quotes&person=Zo%C3%AB%20Brandt",
            "quotations",
        ),
        ("/api/export?what=quotes&body=1", "body"),
        ("/api/export?q=nosuch%3Abudget", "nosuch"),
    ] {
        let answer = server.json(path, 400);
        let error = answer["error"].as_str().unwrap_or("");
        assert!(error.contains(says), "{path}: {error}");
    }
}

/// Saved searches through the API: save, refuse a second of the same name, list, see what a
/// later ingest added (without marking it), then mark it seen up to the mark it came with.
#[test]
fn saved_searches_are_saved_listed_shown_and_marked_seen() {
    let dir = scratch("api-saved");
    let (corpus, index) = (dir.join("corpus"), dir.join("index"));
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(
        corpus.join("tram.txt"),
        "Tram line opens\n\nThe new tram line opened on Monday after four years of works.\n",
    )
    .unwrap();
    ingest(corpus.to_str().unwrap(), &index);
    let server = Server::start(index.to_str().unwrap());
    let (code, body) = server.post("/api/saved?name=floods&q=flood", "");
    assert_eq!(code, 201, "{body}");
    let row: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (&row["name"], &row["new_articles"]),
        (&json!("floods"), &json!(0))
    );
    let (code, body) = server.post("/api/saved?name=floods&q=rain", "");
    assert_eq!(code, 400, "{body}");
    assert!(body.contains("already exists"), "{body}");
    let (code, body) = server.post("/api/saved?q=rain", "");
    assert_eq!(code, 400, "{body}");
    assert!(body.contains("`name`"), "{body}");

    std::fs::write(
        corpus.join("flood.txt"),
        "River floods the old town\n\nThe river flooded the old town overnight and the bridge was closed.\n",
    )
    .unwrap();
    ingest(corpus.to_str().unwrap(), &index);
    std::thread::sleep(std::time::Duration::from_millis(700));
    let news = server.json("/api/saved/new?name=floods", 200);
    assert_eq!(news["new_articles"], json!(1), "{news}");
    assert_eq!(
        news["articles"][0]["title"],
        json!("River floods the old town")
    );
    // Looking does not mark it seen.
    let again = server.json("/api/saved/new?name=floods", 200);
    assert_eq!(again["new_articles"], json!(1), "{again}");
    let mark = news["mark"].as_u64().unwrap();

    for (path, says) in [
        (
            format!("/api/saved/seen?name=floods&mark={}", mark + 1000),
            "beyond",
        ),
        (
            format!("/api/saved/seen?name=nope&mark={mark}"),
            "no saved search",
        ),
        ("/api/saved/seen?name=floods".to_string(), "`mark`"),
        (
            "/api/saved/seen?name=floods&mark=-1".to_string(),
            "whole number",
        ),
    ] {
        let (code, body) = server.post(&path, "");
        assert_eq!(code, 400, "{path}: {body}");
        assert!(body.contains(says), "{path}: {body}");
    }
    let (code, body) = server.post(&format!("/api/saved/seen?name=floods&mark={mark}"), "");
    assert_eq!(code, 200, "{body}");
    let row: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(row["new_articles"], json!(0), "{row}");
    assert!(row["last_checked"].is_string(), "{row}");
    let list = server.json("/api/saved", 200);
    assert_eq!(list["saved"].as_array().unwrap().len(), 1);
    assert_eq!(list["saved"][0]["new_articles"], json!(0), "{list}");
}
