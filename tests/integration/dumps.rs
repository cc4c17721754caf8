//! Dumps through the real binary: CSV/TSV and WARC(.gz) ingest, appended and edited dumps,
//! `kill -9` resume of a big dump, a FIFO in the folder, and a full disk (a real tmpfs).

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::harness::{newsdex_in, scratch, Run};

fn ingest(cwd: &Path, extra: &[&str]) -> (Run, Value) {
    let mut args = vec!["ingest", "news", "--index", "idx", "--json"];
    args.extend_from_slice(extra);
    let run = newsdex_in(cwd, &args);
    let summary = serde_json::from_str(run.stdout.trim()).unwrap_or(Value::Null);
    (run, summary)
}

fn documents(cwd: &Path) -> Option<u64> {
    let run = newsdex_in(cwd, &["stats", "--json", "--index", "idx"]);
    (run.code == 0).then(|| {
        serde_json::from_str::<Value>(run.stdout.trim()).unwrap()["documents"]
            .as_u64()
            .unwrap_or(0)
    })
}

fn hits(cwd: &Path, query: &str) -> u64 {
    let run = newsdex_in(cwd, &["query", query, "--index", "idx", "--json"]);
    serde_json::from_str::<Value>(run.stdout.trim()).unwrap()["total"]
        .as_u64()
        .unwrap_or(0)
}

/// One JSON line per article, each with a word found nowhere else (`w{i}x`).
fn wire_lines(from: usize, to: usize) -> String {
    (from..to)
        .map(|i| {
            let body = format!(
                "Harbour officials in district {i} said on Monday that the pier would reopen \
                 in spring. \"We have waited long enough,\" said Mayor Ana Lind, who promised \
                 ward w{i}x a meeting."
            );
            format!(
                "{}\n",
                serde_json::json!({"title": format!("Pier {i} to reopen"), "body": body})
            )
        })
        .collect()
}

fn warc_record(kind: &str, uri: &str, block: &str) -> Vec<u8> {
    let record = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2022-11-03T10:00:00Z\r\n\
         Content-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
        block.len()
    );
    // Per-record gzip members, as Common Crawl writes them.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(record.as_bytes()).unwrap();
    gz.finish().unwrap()
}

fn page(title: &str, text: &str) -> String {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><head><title>{title}</title>\
         </head><body><article><h1>{title}</h1><p>{text}</p></article></body></html>"
    )
}

#[test]
fn csv_tsv_and_warc_dumps_ingest_with_line_errors_and_counts_of_what_was_skipped() {
    let dir = scratch("dump-formats");
    let news = dir.join("news");
    fs::create_dir_all(&news).unwrap();
    fs::write(
        news.join("sheet.csv"),
        "Headline,Content,Published,Author\n\
         Tram line opens,\"The first tram ran at dawn.\n\nCommuters cheered.\",2024-03-05,Ola Berg\n\
         Broken,row,with,too,many\n\
         Budget passes,\"The council voted 30 to 12, \"\"finally\"\", said a clerk.\",5 March 2024,\n",
    )
    .unwrap();
    fs::write(
        news.join("export.tsv"),
        "kop\ttekst\nFerry strike ends\tDockers returned to work at the ferry terminal.\n",
    )
    .unwrap();
    let mut warc = Vec::new();
    warc.extend(warc_record("warcinfo", "", "software: a test"));
    warc.extend(warc_record(
        "request",
        "https://news.example/bridge",
        "GET /bridge HTTP/1.1\r\n\r\n",
    ));
    warc.extend(warc_record(
        "response",
        "https://news.example/bridge",
        &page(
            "Bridge repairs begin",
            "Engineers closed the old bridge for repairs on Tuesday, the city said.",
        ),
    ));
    warc.extend(warc_record(
        "response",
        "https://news.example/gone",
        "HTTP/1.1 404 Not Found\r\n\r\n",
    ));
    warc.extend(warc_record(
        "response",
        "https://news.example/logo.png",
        "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\u{1}PNG",
    ));
    fs::write(news.join("crawl.warc.gz"), warc).unwrap();
    fs::write(news.join("scan.pdf"), "%PDF-1.4").unwrap();

    let (run, s) = ingest(&dir, &["--csv-columns", "title=kop,body=tekst"]);
    assert_eq!(run.code, 1, "a bad row is reported: {}", run.stderr);
    assert_eq!(s["added"], 4, "{s}");
    assert_eq!(s["documents"], 4);
    assert!(
        run.stderr
            .contains("news/sheet.csv:5: row has 5 fields, the header has 4; skipped"),
        "{}",
        run.stderr
    );
    assert_eq!(s["skipped"], serde_json::json!({".pdf": 1}));
    assert_eq!(
        s["skipped_records"],
        serde_json::json!({"warc warcinfo": 1, "warc request": 1,
            "http status other than 200": 1, "not html": 1})
    );
    assert_eq!(
        hits(&dir, "commuters"),
        1,
        "multi-line quoted field indexed"
    );
    assert_eq!(hits(&dir, "dockers"), 1, "TSV with renamed columns indexed");
    let q = newsdex_in(&dir, &["query", "engineers", "--index", "idx", "--json"]);
    let hit = &serde_json::from_str::<Value>(q.stdout.trim()).unwrap()["hits"][0];
    assert_eq!(hit["url"], "https://news.example/bridge");
    assert!(hit["id"]
        .as_str()
        .unwrap()
        .starts_with("news/crawl.warc.gz#"));

    let human = newsdex_in(&dir, &["ingest", "news", "--index", "idx"]);
    assert!(
        human
            .stderr
            .contains("not read (unsupported types): .pdf 1"),
        "{}",
        human.stderr
    );
}

#[test]
fn an_appended_dump_indexes_only_what_was_appended_and_an_edited_one_is_replaced() {
    let dir = scratch("dump-append");
    let news = dir.join("news");
    fs::create_dir_all(&news).unwrap();
    let wire = news.join("wire.jsonl");
    fs::write(&wire, wire_lines(0, 300)).unwrap();
    let (run, s) = ingest(&dir, &[]);
    assert_eq!(
        (run.code, s["added"].as_u64()),
        (0, Some(300)),
        "{}",
        run.stderr
    );

    let (_, s) = ingest(&dir, &[]);
    assert_eq!(
        (s["added"].as_u64(), s["unchanged"].as_u64()),
        (Some(0), Some(300))
    );

    let mut file = fs::OpenOptions::new().append(true).open(&wire).unwrap();
    file.write_all(wire_lines(300, 340).as_bytes()).unwrap();
    drop(file);
    let (_, s) = ingest(&dir, &[]);
    assert_eq!(s["added"], 40, "{s}");
    assert_eq!(s["unchanged"], 300, "{s}");
    assert_eq!(s["documents"], 340);

    let edited = wire_lines(0, 340).replace("Pier 7 to reopen", "Pier seven to reopen");
    fs::write(&wire, edited).unwrap();
    let (_, s) = ingest(&dir, &[]);
    assert_eq!(s["updated"], 340, "an edit inside re-reads the dump: {s}");
    assert_eq!(s["documents"], 340);
    assert_eq!(hits(&dir, "w7x"), 1);
    assert_eq!(hits(&dir, "seven"), 1);
}

#[test]
fn a_dump_killed_part_way_resumes_after_its_last_commit_without_duplicates() {
    let dir = scratch("dump-kill");
    let news = dir.join("news");
    fs::create_dir_all(&news).unwrap();
    let n = 6000u64;
    fs::write(news.join("wire.jsonl"), wire_lines(0, n as usize)).unwrap();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("newsdex"))
        .env_clear()
        .current_dir(&dir)
        .args([
            "ingest",
            "news",
            "--index",
            "idx",
            "--quiet",
            "--commit-every",
            "300",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut seen = 0;
    while started.elapsed() < Duration::from_secs(300) && seen == 0 {
        seen = documents(&dir).unwrap_or(0);
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(seen > 0, "a commit happened before the kill");
    let kept = documents(&dir).expect("the index opens after kill -9");
    assert!(kept < n, "killed part-way ({kept} of {n})");

    let (run, s) = ingest(&dir, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(s["documents"], n, "nothing lost, nothing duplicated");
    assert_eq!(s["unchanged"], kept, "what was committed is kept: {s}");
    assert_eq!(s["added"], n - kept, "only the rest is read: {s}");
    assert_eq!(hits(&dir, "w17x"), 1);
    assert_eq!(hits(&dir, &format!("w{}x", n - 1)), 1);
}

#[cfg(unix)]
#[test]
fn a_fifo_in_the_folder_is_skipped_with_a_reason_and_never_blocks() {
    let dir = scratch("dump-fifo");
    let news = dir.join("news");
    fs::create_dir_all(&news).unwrap();
    fs::write(news.join("wire.jsonl"), wire_lines(0, 5)).unwrap();
    let made = Command::new("mkfifo")
        .arg(news.join("feed.jsonl"))
        .status()
        .unwrap();
    assert!(made.success());
    // Run in the background so a regression fails the test instead of hanging it.
    let child = Command::new(assert_cmd::cargo::cargo_bin("newsdex"))
        .env_clear()
        .current_dir(&dir)
        .args(["ingest", "news", "--index", "idx", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let id = child.id();
    let watchdog = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(120));
        let _ = Command::new("kill").args(["-9", &id.to_string()]).status();
    });
    let out = child.wait_with_output().unwrap();
    drop(watchdog);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "news/feed.jsonl: a named pipe (FIFO), not a regular file; skipped without opening it"
        ),
        "{stderr}"
    );
    assert_eq!(documents(&dir), Some(5));
}

/// Mounts a tmpfs of `size` at `at`; `None` (with the reason printed) when that is not
/// possible here (not root, no mount permission in a container).
fn mount_tmpfs(at: &Path, size: &str) -> Option<()> {
    let status = Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
        .arg(at)
        .stderr(Stdio::piped())
        .output();
    match status {
        Ok(out) if out.status.success() => Some(()),
        Ok(out) => {
            eprintln!(
                "skipped: cannot mount a tmpfs here (run as root for the full-disk test): {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
            None
        }
        Err(e) => {
            eprintln!("skipped: no mount command ({e})");
            None
        }
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_stops_with_one_line_and_a_rerun_with_space_converges() {
    let dir = scratch("dump-full");
    let news = dir.join("news");
    fs::create_dir_all(&news).unwrap();
    let n = 4000u64;
    fs::write(news.join("wire.jsonl"), wire_lines(0, n as usize)).unwrap();
    let disk = dir.join("disk");
    fs::create_dir_all(&disk).unwrap();
    if mount_tmpfs(&disk, "1200k").is_none() {
        return;
    }
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(self.0).status();
        }
    }
    let _unmount = Unmount(&disk);
    let args = [
        "ingest",
        "news",
        "--index",
        "disk/idx",
        "--commit-every",
        "200",
    ];
    let full = newsdex_in(&dir, &args);
    assert_eq!(full.code, 2, "{}", full.stderr);
    let line = full.stderr.trim();
    let prefix =
        "newsdex: the disk holding disk/idx is full: the index is intact up to its last commit (";
    let suffix = " articles); free space and run ingest again";
    assert!(line.starts_with(prefix) && line.ends_with(suffix), "{line}");
    let committed: u64 = line[prefix.len()..line.len() - suffix.len()]
        .parse()
        .unwrap();
    let stats = newsdex_in(&dir, &["stats", "--json", "--index", "disk/idx"]);
    assert_eq!(stats.code, 0, "the index opens: {}", stats.stderr);
    let stats: Value = serde_json::from_str(stats.stdout.trim()).unwrap();
    assert_eq!(stats["documents"], committed);

    let grown = Command::new("mount")
        .args(["-o", "remount,size=64m"])
        .arg(&disk)
        .status()
        .unwrap();
    assert!(grown.success());
    let rerun = newsdex_in(&dir, &["ingest", "news", "--index", "disk/idx", "--json"]);
    assert_eq!(rerun.code, 0, "{}", rerun.stderr);
    let s: Value = serde_json::from_str(rerun.stdout.trim()).unwrap();
    assert_eq!(s["documents"], n, "converges to the exact count: {s}");
    assert_eq!(s["unchanged"], committed, "{s}");
}
