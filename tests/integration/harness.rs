//! A small harness: run the real `newsdex` binary with a cleared environment, and build the
//! sample-corpus index once per test run for the read-only tests.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;

use serde::Deserialize;

/// What a run of the binary produced.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json<T: for<'de> Deserialize<'de>>(&self) -> T {
        serde_json::from_str(self.stdout.trim())
            .unwrap_or_else(|e| panic!("stdout is not the expected JSON ({e}):\n{}", self.stdout))
    }
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn sample_corpus() -> PathBuf {
    repo().join("sample_corpus")
}

pub fn fixtures() -> PathBuf {
    repo().join("tests/fixtures")
}

/// Runs `newsdex ARGS` in `cwd` with only NO_COLOR set.
pub fn newsdex_in(cwd: &Path, args: &[&str]) -> Run {
    let output: Output = assert_cmd::Command::cargo_bin("newsdex")
        .expect("binary builds")
        .env_clear()
        .env("NO_COLOR", "1")
        .current_dir(cwd)
        .args(args)
        .output()
        .expect("binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs `newsdex ARGS` in the repository with `input` on standard input.
pub fn newsdex_with_stdin(args: &[&str], input: &str) -> Run {
    let output: Output = assert_cmd::Command::cargo_bin("newsdex")
        .expect("binary builds")
        .env_clear()
        .env("NO_COLOR", "1")
        .current_dir(repo())
        .args(args)
        .write_stdin(input)
        .output()
        .expect("binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

pub fn newsdex(args: &[&str]) -> Run {
    newsdex_in(&repo(), args)
}

/// A fresh scratch folder under Cargo's per-target temporary directory.
pub fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("newsdex-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// The index of `sample_corpus/`, built once per test run (shared by the command-line and
/// the server tests); returns its path as a string.
pub fn sample_index() -> &'static str {
    static INDEX: OnceLock<String> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = scratch("sample").join("index");
        let run = newsdex(&[
            "ingest",
            "sample_corpus",
            "--index",
            dir.to_str().unwrap(),
            "--quiet",
        ]);
        assert_eq!(
            run.code, 0,
            "ingest of sample_corpus failed:\n{}",
            run.stderr
        );
        dir.to_str().unwrap().to_string()
    })
}

/// Ingests `what` (relative to the repository, or absolute) into `index`; skipped files
/// (exit code 1) are fine.
pub fn ingest(what: &str, index: &Path) {
    let run = newsdex(&[
        "ingest",
        what,
        "--index",
        index.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(
        run.code == 0 || run.code == 1,
        "ingest {what} failed ({}):\n{}",
        run.code,
        run.stderr
    );
}

/// Copies a folder tree (for tests that modify files).
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

pub use crate::shapes::{Results, Summary};

/// Runs a JSON query on the sample index.
pub fn query(args: &[&str]) -> (Run, Results) {
    let mut all = vec!["query", "--json", "--index", sample_index()];
    all.extend_from_slice(args);
    let run = newsdex(&all);
    assert!(
        run.code == 0 || run.code == 1,
        "query {args:?} failed ({}):\n{}",
        run.code,
        run.stderr
    );
    let results = run.json();
    (run, results)
}

/// Paths of the hits, relative to the repository.
pub fn hit_paths(results: &Results) -> Vec<String> {
    results
        .hits
        .iter()
        .map(|h| h.path.trim_start_matches("./").to_string())
        .collect()
}
