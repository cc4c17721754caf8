//! `newsdex batch`: a list of names and queries against the sample index, one row per line,
//! with the same counts as `query` and `quotes`; bad lines reported with their numbers while
//! the others run; tables with their columns carried through; stdin, `-o`, the three
//! formats, unusable lists and a closed pipe.

use std::io::Read;
use std::process::{Command, Stdio};

use crate::harness::{newsdex, newsdex_with_stdin, query, sample_index, scratch, Run};
use crate::shapes::{BatchRow, QuoteResults};

/// Writes `text` to a scratch file named `name` and runs `batch` on it with `args`.
fn batch_file(name: &str, text: &str, args: &[&str]) -> (Run, String) {
    let path = scratch(&format!("batch-{name}")).join(name);
    std::fs::write(&path, text).unwrap();
    let path = path.to_str().unwrap().to_string();
    let mut all = vec!["batch", path.as_str(), "--index", sample_index()];
    all.extend_from_slice(args);
    (newsdex(&all), path)
}

fn rows(text: &str) -> Vec<BatchRow> {
    let rows: Vec<BatchRow> = serde_json::from_str(text)
        .unwrap_or_else(|e| panic!("not a JSON array of rows ({e}):\n{text}"));
    rows
}

const LIST: &str = "# people and words to check\n\
                    person:\"Elena Ruiz\"\n\
                    \n\
                    interest rates\n\
                    \"interest rates\"\n\
                    title:(\n\
                    person:\"Dmitri Sokolov\"\n";

#[test]
fn every_line_gets_its_row_with_the_counts_of_query_and_quotes() {
    let (run, path) = batch_file("list.txt", LIST, &["--format", "json"]);
    assert_eq!(
        run.code, 1,
        "a bad line makes a partial run:\n{}",
        run.stderr
    );
    let rows = rows(&run.stdout);
    let lines: Vec<u64> = rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 4, 5, 6, 7], "blank lines and comments skipped");

    let ruiz = &rows[0];
    assert_eq!(ruiz.kind.as_deref(), Some("person"));
    let (_, by_query) = query(&["--person", "Elena Ruiz", "-n", "3"]);
    assert_eq!(ruiz.hits, Some(by_query.total as u64));
    assert!(by_query.total > 0);
    let ids: Vec<&str> = by_query.hits.iter().map(|h| h.id.as_str()).collect();
    let top: Vec<&str> = ruiz.top.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(top, ids, "the top articles are query's first page");
    let quotes = newsdex(&[
        "quotes",
        "--by",
        "Elena Ruiz",
        "--json",
        "--index",
        sample_index(),
    ]);
    let quotes: QuoteResults = quotes.json();
    assert!(quotes.total > 0);
    assert_eq!(ruiz.quotes, Some(quotes.total as u64));
    assert_eq!(ruiz.name.as_deref(), Some("Elena Ruiz"));
    assert_eq!(ruiz.aliases.as_deref(), Some(&[][..]));
    let first = ruiz.first_date.as_deref().unwrap();
    let last = ruiz.last_date.as_deref().unwrap();
    assert!(first <= last, "{first} {last}");
    for a in &ruiz.top {
        let day = &a.date.as_deref().unwrap()[..10];
        assert!(first <= day && day <= last, "{day} outside {first}..{last}");
    }

    for (row, q) in [
        (&rows[1], "interest rates"),
        (&rows[2], "\"interest rates\""),
    ] {
        let (_, results) = query(&[q]);
        assert_eq!(row.hits, Some(results.total as u64), "{q}");
        assert_eq!(row.top.len(), results.total.min(3));
        assert_eq!(row.kind, None);
        assert_eq!((&row.name, &row.aliases, row.quotes), (&None, &None, None));
    }

    let bad = &rows[3];
    assert_eq!(bad.query, "title:(");
    assert!(
        bad.error.as_deref().unwrap().contains("invalid query"),
        "{bad:?}"
    );
    assert_eq!((bad.hits, bad.top.len()), (None, 0));
    assert!(
        run.stderr.contains(&format!("{path}:6: invalid query")),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches(&format!("{path}:")).count(), 1);

    let sokolov = &rows[4];
    assert_eq!(sokolov.error, None, "the line after the bad one ran");
    assert_eq!(sokolov.name.as_deref(), Some("Dmitri Sokolov"));
    assert_eq!(
        sokolov.aliases.as_deref(),
        Some(&["Dmitry Sokolov".to_string()][..]),
        "spellings merged as in export --what entities"
    );
}

#[test]
fn a_list_that_runs_whole_exits_0_and_filters_apply_to_every_line() {
    let list = "person:\"Elena Ruiz\"\nflood\n";
    let (run, _) = batch_file(
        "filtered.txt",
        list,
        &["--format", "jsonl", "--since", "2024-09-01"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<BatchRow> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(rows.len(), 2);
    let (_, ruiz) = query(&["--person", "Elena Ruiz", "--since", "2024-09-01"]);
    let (_, all) = query(&["--person", "Elena Ruiz"]);
    assert!(
        ruiz.total < all.total,
        "the filter must matter for this test"
    );
    assert_eq!(rows[0].hits, Some(ruiz.total as u64));
    assert!(rows[0].first_date.as_deref().unwrap() >= "2024-09-01");
    let (_, flood) = query(&["flood", "--since", "2024-09-01"]);
    assert_eq!(rows[1].hits, Some(flood.total as u64));
}

#[test]
fn a_plain_list_of_names_with_names_person() {
    let (run, _) = batch_file(
        "names.txt",
        "Elena Ruiz\nTomas Varga\n",
        &["--names", "person"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let header = reader.headers().unwrap().clone();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 2);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for (record, name) in records.iter().zip(["Elena Ruiz", "Tomas Varga"]) {
        assert_eq!(&record[col("kind")], "person");
        assert_eq!(&record[col("name")], name);
        let (_, results) = query(&["--person", name]);
        assert_eq!(record[col("hits")], results.total.to_string());
    }
}

#[test]
fn a_table_carries_its_columns_through() {
    let table = "id,Query,desk\n\
                 17,\"person:\"\"Tomas Varga\"\"\",\"politics, Europe\"\n\
                 18,title:(,=SUM(A1)\n\
                 19,budget,\n";
    let (run, path) = batch_file("names.csv", table, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("{path}:3: ")),
        "{}",
        run.stderr
    );
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "line");
    assert_eq!(&header[header.len() - 2], "id");
    assert_eq!(&header[header.len() - 1], "desk");
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 3);
    for r in &records {
        assert_eq!(r.len(), header.len(), "{r:?}");
    }
    let n = header.len();
    assert_eq!(
        (&records[0][0], &records[0][1]),
        ("2", "person:\"Tomas Varga\"")
    );
    assert_eq!(
        (&records[0][n - 2], &records[0][n - 1]),
        ("17", "politics, Europe")
    );
    assert_eq!(&records[1][n - 1], "'=SUM(A1)", "formulas are defused");
    assert!(records[1][3].contains("invalid query"));
    assert_eq!(&records[2][0], "4");

    let (json, _) = batch_file("names2.csv", table, &["--format", "json"]);
    let rows = rows(&json.stdout);
    assert_eq!(rows[0].columns["id"], "17");
    assert_eq!(rows[0].columns["desk"], "politics, Europe");
    assert_eq!(
        rows[1].columns["desk"], "=SUM(A1)",
        "JSON keeps the text as it is"
    );
    assert_eq!(rows[0].columns.len(), 2, "the query column is not repeated");
}

#[test]
fn stdin_and_an_output_file() {
    let long = "budget ".repeat(200);
    let run = newsdex_with_stdin(
        &["batch", "-", "--index", sample_index(), "--format", "jsonl"],
        &format!("budget\ntitle:(\n{long}\nrates\n"),
    );
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout.lines().count(), 4, "{}", run.stdout);
    assert!(
        run.stderr.contains("stdin:2: invalid query"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("stdin:3: the query is 1399 characters long; the most is 1000"),
        "{}",
        run.stderr
    );
    let last: BatchRow = serde_json::from_str(run.stdout.lines().last().unwrap()).unwrap();
    assert_eq!(
        (last.line, last.error),
        (4, None),
        "the lines after a bad one run"
    );

    let dir = scratch("batch-out");
    let out = dir.join("rows.csv");
    let run = newsdex_with_stdin(
        &[
            "batch",
            "-",
            "--index",
            sample_index(),
            "-o",
            out.to_str().unwrap(),
        ],
        "query,desk\nbudget,x\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "", "rows go to the file");
    assert!(run.stderr.contains("1 row written to"), "{}", run.stderr);
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(text.starts_with("line,query,"), "{text}");
    assert!(text.lines().nth(1).unwrap().ends_with(",x"), "{text}");
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "no temporary left"
    );
}

#[test]
fn unusable_lists_exit_2_before_any_output() {
    let dir = scratch("batch-unusable");
    let missing = dir.join("missing.txt");
    let run = newsdex(&[
        "batch",
        missing.to_str().unwrap(),
        "--index",
        sample_index(),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("cannot open the list"),
        "{}",
        run.stderr
    );
    let cases = [
        (
            "no-query.csv",
            "name,desk\nElena Ruiz,x\n",
            "no `query` column",
        ),
        ("empty.txt", "# nothing yet\n\n", "holds no query"),
    ];
    for (name, text, says) in cases {
        let (run, _) = batch_file(name, text, &[]);
        assert_eq!(run.code, 2, "{name}: {}", run.stderr);
        assert_eq!(run.stdout, "", "{name}");
        assert!(run.stderr.contains(says), "{name}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
    let (run, _) = batch_file(
        "dates.txt",
        "budget\n",
        &["--since", "2025-01-01", "--until", "2024-01-01"],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("date range"), "{}", run.stderr);
}

#[test]
fn a_closed_pipe_is_a_quiet_success() {
    let list = "budget\n".repeat(400);
    let path = scratch("batch-pipe").join("long.txt");
    std::fs::write(&path, list).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .env_clear()
        .args(["batch", path.to_str().unwrap(), "--index", sample_index()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "");
}

#[test]
fn a_terminal_as_stdin_is_refused_rather_than_waited_on() {
    let Ok(which) = Command::new("script").arg("--version").output() else {
        eprintln!("SKIPPED: util-linux `script` is not installed (it gives the run a terminal)");
        return;
    };
    assert!(which.status.success());
    // `script` runs the command on a pseudo-terminal: its standard input is a terminal.
    let command = format!(
        "{} batch - --index {}",
        env!("CARGO_BIN_EXE_newsdex"),
        sample_index()
    );
    let out = Command::new("timeout")
        .args(["20", "script", "-qec", &command, "/dev/null"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("which is a terminal"), "{text}");
}
