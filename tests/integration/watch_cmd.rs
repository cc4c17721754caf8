//! `newsdex ingest --watch`: files added, changed, renamed and removed while queries run;
//! `kill -9` part-way and a restart; polling; Ctrl-C ends with exit 0.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use crate::harness::{newsdex, scratch, Results};
use crate::shapes::Stats;

/// A running `ingest --watch`, its JSON summaries arriving on a channel.
struct Watcher {
    child: Child,
    passes: mpsc::Receiver<serde_json::Value>,
}

impl Watcher {
    fn start(dir: &Path, extra: &[&str]) -> Watcher {
        let mut args = vec!["ingest", "news", "--index", "idx", "--watch", "--json"];
        args.extend_from_slice(extra);
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("newsdex"))
            .env_clear()
            .current_dir(dir)
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, passes) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let value = serde_json::from_str(&line).expect("each line is a JSON summary");
                if tx.send(value).is_err() {
                    return;
                }
            }
        });
        Watcher { child, passes }
    }

    /// The next pass summary (the first is the initial full pass).
    fn pass(&self) -> serde_json::Value {
        self.passes
            .recv_timeout(Duration::from_secs(120))
            .expect("a pass summary in time")
    }

    /// Ctrl-C: the watcher finishes and exits 0.
    fn interrupt(mut self) {
        let pid = self.child.id() as libc::pid_t;
        // SAFETY: sending a signal to our own child process.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert_eq!(status.code(), Some(0), "Ctrl-C is a clean exit");
                return;
            }
            assert!(started.elapsed() < Duration::from_secs(30), "stops in time");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn article(n: usize, word: &str) -> String {
    format!(
        "Council notes {n}\n\nThe council published note {n} on the harbour works today, marked {word} for the archive, and said more would follow.\n"
    )
}

fn hits(dir: &Path, word: &str) -> Vec<String> {
    let run = newsdex(&[
        "query",
        word,
        "--index",
        idx(dir).as_str(),
        "--json",
        "--limit",
        "50",
    ]);
    assert!(run.code <= 1, "query failed while watching: {}", run.stderr);
    run.json::<Results>()
        .hits
        .into_iter()
        .map(|h| h.path)
        .collect()
}

fn documents(dir: &Path) -> u64 {
    let run = newsdex(&["stats", "--index", idx(dir).as_str(), "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.json::<Stats>().documents
}

fn idx(dir: &Path) -> String {
    dir.join("idx").to_str().unwrap().to_string()
}

/// Polls `check` until it holds (the watcher applies changes within seconds).
fn converges(what: &str, check: impl Fn() -> bool) {
    let started = Instant::now();
    while !check() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "never converged: {what}"
        );
        std::thread::sleep(Duration::from_millis(250));
    }
}

fn corpus(dir: &Path, n: usize) -> PathBuf {
    let news = dir.join("news");
    fs::create_dir_all(&news).unwrap();
    for i in 0..n {
        fs::write(
            news.join(format!("note-{i}.txt")),
            article(i, &format!("w{i}x")),
        )
        .unwrap();
    }
    news
}

#[test]
fn added_changed_renamed_and_removed_files_are_applied_while_queries_run() {
    let dir = scratch("watch-live");
    let news = corpus(&dir, 20);
    let watcher = Watcher::start(&dir, &[]);
    assert_eq!(watcher.pass()["added"], 20);

    // Readers keep querying throughout: never an error, never a duplicate.
    let stop = Arc::new(AtomicBool::new(false));
    let reader = {
        let (stop, dir) = (Arc::clone(&stop), dir.clone());
        std::thread::spawn(move || {
            let mut runs = 0;
            while !stop.load(Ordering::Relaxed) {
                let found = hits(&dir, "w5x");
                assert_eq!(found.len(), 1, "an untouched file is always there once");
                runs += 1;
            }
            runs
        })
    };
    for i in 100..105 {
        fs::write(
            news.join(format!("new-{i}.txt")),
            article(i, &format!("w{i}x")),
        )
        .unwrap();
    }
    fs::write(news.join("note-0.txt"), article(0, "w0y")).unwrap();
    fs::rename(news.join("note-1.txt"), news.join("renamed-1.txt")).unwrap();
    fs::remove_file(news.join("note-2.txt")).unwrap();

    converges("all four kinds of change applied", || {
        documents(&dir) == 24
            && hits(&dir, "w104x").len() == 1
            && hits(&dir, "w0y").len() == 1
            && hits(&dir, "w0x").is_empty()
            && hits(&dir, "w2x").is_empty()
            && hits(&dir, "w1x")
                .iter()
                .all(|p| p.ends_with("renamed-1.txt"))
    });
    assert_eq!(
        hits(&dir, "w1x").len(),
        1,
        "a renamed file is not duplicated"
    );
    stop.store(true, Ordering::Relaxed);
    assert!(reader.join().unwrap() > 0);
    watcher.interrupt();
}

#[test]
fn a_watcher_killed_part_way_resumes_on_restart_without_duplicates() {
    let dir = scratch("watch-kill");
    let n = 1500;
    fs::create_dir_all(dir.join("news")).unwrap();
    let watcher = Watcher::start(&dir, &["--commit-every", "100"]);
    watcher.pass();
    corpus(&dir, n);
    // Killed with -9 once some of the files are committed, not all.
    converges("a first commit", || documents(&dir) > 0);
    drop(watcher);
    let kept = documents(&dir);
    assert!(kept < n as u64, "killed part-way ({kept} of {n})");

    let watcher = Watcher::start(&dir, &[]);
    let first = watcher.pass();
    assert_eq!(
        first["documents"], n,
        "nothing lost, nothing duplicated: {first}"
    );
    for probe in [0, n / 2, n - 1] {
        assert_eq!(hits(&dir, &format!("w{probe}x")).len(), 1);
    }
    watcher.interrupt();
}

#[test]
fn polling_applies_changes_where_events_are_not_used() {
    let dir = scratch("watch-poll");
    let news = corpus(&dir, 3);
    let watcher = Watcher::start(&dir, &["--poll", "1"]);
    assert_eq!(watcher.pass()["documents"], 3);
    fs::write(news.join("late.txt"), article(9, "w9x")).unwrap();
    let pass = watcher.pass();
    assert_eq!(pass["added"], 1, "{pass}");
    assert_eq!(hits(&dir, "w9x").len(), 1);
    watcher.interrupt();
}
