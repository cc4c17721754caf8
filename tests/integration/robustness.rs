//! Crash safety, concurrent use, incompatible indexes and hostile inputs.

use std::fs;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{newsdex, newsdex_in, scratch, Summary};

/// Writes `n` small distinct articles into `dir` (a few folders deep).
fn write_articles(dir: &Path, n: usize) {
    for i in 0..n {
        let folder = dir.join(format!("batch{:02}", i % 20));
        fs::create_dir_all(&folder).unwrap();
        let body = format!(
            "HALDEN — Council officials in district {i} said on Monday that repairs to bridge {i} \
             would start in spring.\n\n\"We have waited long enough,\" said Mayor Ana Lind{i}, who \
             promised residents of ward w{i}x a public meeting.\n"
        );
        fs::write(
            folder.join(format!("story-{i:05}.txt")),
            format!("Bridge {i} repairs approved\n\n{body}"),
        )
        .unwrap();
    }
}

fn spawn_ingest(cwd: &Path, extra: &[&str]) -> Child {
    let mut args = vec![
        "ingest",
        "news",
        "--index",
        "idx",
        "--quiet",
        "--commit-every",
        "100",
        "--threads",
        "1",
    ];
    args.extend_from_slice(extra);
    Command::new(assert_cmd::cargo::cargo_bin("newsdex"))
        .env_clear()
        .current_dir(cwd)
        .args(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn documents(cwd: &Path) -> Option<u64> {
    let run = newsdex_in(cwd, &["stats", "--json", "--index", "idx"]);
    (run.code == 0).then(|| {
        run.json::<serde_json::Value>()["documents"]
            .as_u64()
            .unwrap_or(0)
    })
}

#[test]
fn killed_ingest_leaves_a_usable_index_and_a_rerun_completes_it() {
    let dir = scratch("crash");
    let n = 3000;
    write_articles(&dir.join("news"), n);
    let mut child = spawn_ingest(&dir, &[]);
    let started = Instant::now();
    // Wait for the first periodic commit, then kill -9 part-way.
    let mut seen = 0;
    while started.elapsed() < Duration::from_secs(120) {
        if let Some(d) = documents(&dir) {
            if d > 0 {
                seen = d;
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(seen > 0, "a commit happened before the kill");
    let after_kill = documents(&dir).expect("the index opens after kill -9");
    assert!(after_kill >= seen && after_kill <= n as u64);
    let q = newsdex_in(&dir, &["query", "bridge", "--index", "idx", "--json"]);
    assert_eq!(
        q.code, 0,
        "the last committed state answers queries: {}",
        q.stderr
    );

    let rerun = newsdex_in(&dir, &["ingest", "news", "--index", "idx", "--json"]);
    assert_eq!(rerun.code, 0, "{}", rerun.stderr);
    let s: Summary = rerun.json();
    assert_eq!(s.documents, n as u64, "nothing lost, nothing duplicated");
    assert_eq!(s.unchanged + s.added, n);
    let one = newsdex_in(&dir, &["query", "w1234x", "--index", "idx", "--json"]);
    let r: crate::harness::Results = one.json();
    assert_eq!(r.total, 1, "each article exactly once");
}

#[test]
fn a_second_concurrent_ingest_fails_at_once_with_a_clear_message() {
    let dir = scratch("concurrent");
    write_articles(&dir.join("news"), 3000);
    let mut first = spawn_ingest(&dir, &[]);
    // Wait until the first ingest holds the writer lock (its index folder exists).
    let started = Instant::now();
    while !dir.join("idx/newsdex.json").exists() && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(100));
    let t = Instant::now();
    let second = newsdex_in(&dir, &["ingest", "news", "--index", "idx"]);
    let still_running = first.try_wait().unwrap().is_none();
    first.kill().ok();
    first.wait().ok();
    assert!(
        still_running,
        "the first ingest should still hold the lock (3,000 files)"
    );
    assert_eq!(second.code, 2, "{}", second.stderr);
    assert!(
        second.stderr.contains("another newsdex ingest"),
        "{}",
        second.stderr
    );
    assert!(
        t.elapsed() < Duration::from_secs(10),
        "fails at once, no hang"
    );
    // Queries still work against the last commit while (or after) an ingest runs.
    let q = newsdex_in(&dir, &["stats", "--index", "idx"]);
    assert_eq!(q.code, 0, "{}", q.stderr);
}

#[test]
fn an_index_from_another_version_gets_a_rebuild_message() {
    let dir = scratch("version");
    write_articles(&dir.join("news"), 3);
    assert_eq!(
        newsdex_in(&dir, &["ingest", "news", "--index", "idx", "--quiet"]).code,
        0
    );
    let marker = dir.join("idx/newsdex.json");
    let text = fs::read_to_string(&marker).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["schema_version"] = 999.into();
    fs::write(&marker, json.to_string()).unwrap();
    for args in [
        &["query", "bridge", "--index", "idx"][..],
        &["ingest", "news", "--index", "idx"][..],
    ] {
        let run = newsdex_in(&dir, args);
        assert_eq!(run.code, 2);
        assert!(
            run.stderr.contains("incompatible") && run.stderr.contains("rebuild"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn hostile_inputs_are_reported_and_good_files_still_index() {
    let dir = scratch("hostile");
    let news = dir.join("news");
    fs::create_dir_all(&news).unwrap();
    fs::write(news.join("good.txt"), "Ferry fares frozen\n\nPORTVALE — Ferry fares will not rise this year, the operator said.\n").unwrap();
    // Very deep nesting with a good article at the bottom.
    let mut deep = news.clone();
    for i in 0..60 {
        deep = deep.join(format!("d{i}"));
    }
    fs::create_dir_all(&deep).unwrap();
    fs::write(
        deep.join("deep.txt"),
        "Lighthouse restored\n\nHALDEN — The old lighthouse was restored.\n",
    )
    .unwrap();
    // Very long line and word, a NUL byte, invalid UTF-8 in the middle.
    let long = format!(
        "Long line story\n\n{} zanzibarite {}\n",
        "word ".repeat(50_000),
        "x".repeat(100_000)
    );
    fs::write(news.join("long.txt"), long).unwrap();
    fs::write(
        news.join("nul.txt"),
        b"Harbour crane fixed\n\nThe crane\0 was fixed on Tuesday by technicians.\n",
    )
    .unwrap();
    fs::write(
        news.join("mixed-bytes.txt"),
        b"Cafe reopens\n\nThe caf\xe9 on Quay Street reopened on Monday.\n",
    )
    .unwrap();
    // Too large for the limit given below, a dangling symlink (a file that vanished),
    // and a symlink loop.
    fs::write(
        news.join("huge.txt"),
        format!("Huge\n\n{}", "budget ".repeat(80_000)),
    )
    .unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.join("gone.txt"), news.join("vanished.txt")).unwrap();
        std::os::unix::fs::symlink(&news, news.join("d0/loop")).unwrap();
    }
    let run = newsdex_in(
        &dir,
        &[
            "ingest",
            "news",
            "--index",
            "idx",
            "--json",
            "--max-file-size",
            "400000",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let s: Summary = run.json();
    let reasons = |name: &str| {
        s.errors
            .iter()
            .filter(|e| e.path.ends_with(name))
            .map(|e| e.reason.clone())
            .collect::<Vec<_>>()
    };
    assert!(
        reasons("huge.txt").iter().any(|r| r.contains("limit")),
        "{:?}",
        s.errors
    );
    #[cfg(unix)]
    {
        assert!(!reasons("vanished.txt").is_empty(), "{:?}", s.errors);
        assert!(
            s.errors.iter().any(|e| e.reason.contains("loop")),
            "{:?}",
            s.errors
        );
    }
    for word in ["ferry", "lighthouse", "zanzibarite", "crane", "Quay"] {
        let q = newsdex_in(&dir, &["query", word, "--index", "idx"]);
        assert_eq!(q.code, 0, "{word}: {}", q.stderr);
    }
    let missing = newsdex(&[
        "query",
        "budget",
        "--index",
        dir.join("idx").to_str().unwrap(),
    ]);
    assert_eq!(missing.code, 1, "the oversized file was not indexed");
}
