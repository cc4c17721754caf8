//! `newsdex export`: every match as CSV or JSON Lines, read back by the `csv` crate (and by
//! Python's `csv` module when there is a `python3`), with the same counts as `query`,
//! `quotes` and `people`; awkward cells, formulas, `-o` and a closed pipe.

use std::process::{Command, Stdio};

use crate::harness::{ingest, newsdex, newsdex_in, query, sample_index, scratch, Run};
use crate::shapes::{ArticleRow, EntityRow, PeopleResults, QuoteResults, QuoteRow, Stats};

const ARTICLE_COLUMNS: usize = 10;
const QUOTE_COLUMNS: usize = 7;
const ENTITY_COLUMNS: usize = 6;

/// Runs `newsdex export ARGS` on the sample index; the export must succeed or find nothing.
fn export(args: &[&str]) -> Run {
    let mut all = vec!["export", "--index", sample_index()];
    all.extend_from_slice(args);
    let run = newsdex(&all);
    assert!(
        run.code == 0 || run.code == 1,
        "export {args:?} failed ({}):\n{}",
        run.code,
        run.stderr
    );
    run
}

/// Parses CSV with a header into records, checking every record has `columns` cells.
fn read_csv(text: &str, columns: usize) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header = reader.headers().expect("a header row").clone();
    assert_eq!(header.len(), columns, "header {header:?}");
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .map(|r| r.expect("every record reads back"))
        .collect();
    for row in &rows {
        assert_eq!(row.len(), columns, "{row:?}");
    }
    (header, rows)
}

fn jsonl<T: for<'de> serde::Deserialize<'de>>(text: &str) -> Vec<T> {
    text.lines()
        .map(|line| {
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not a row ({e}): {line}"))
        })
        .collect()
}

fn article_count() -> usize {
    let run = newsdex(&["stats", "--json", "--index", sample_index()]);
    let stats: Stats = run.json();
    stats.documents as usize
}

#[test]
fn every_article_reads_back_and_counts_match_query() {
    let run = export(&["--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (header, rows) = read_csv(&run.stdout, ARTICLE_COLUMNS);
    assert_eq!(&header[0], "id");
    assert_eq!(&header[9], "places");
    assert_eq!(
        rows.len(),
        article_count(),
        "an empty query exports everything"
    );
    let mut ids: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), rows.len(), "each article once");
    let comma = rows
        .iter()
        .find(|r| r[2].starts_with("Central bank holds interest rates,"))
        .expect("a title with a comma");
    assert_eq!(
        &comma[2],
        "Central bank holds interest rates, signals cut later this year"
    );
    assert!(comma[7].split("; ").any(|p| p == "Zoë Brandt"), "{comma:?}");
    for args in [
        vec!["budget"],
        vec!["interest", "rates", "--since", "2024-01-01"],
        vec!["--place", "Kessel"],
        vec![
            "rates",
            "--org",
            "Central Bank of Dalmora",
            "--until",
            "2024-12-31",
        ],
    ] {
        let (_, results) = query(&args);
        let mut csv_args = vec!["--format", "csv"];
        csv_args.extend_from_slice(&args);
        let (_, rows) = read_csv(&export(&csv_args).stdout, ARTICLE_COLUMNS);
        assert_eq!(rows.len(), results.total, "{args:?}");
        let mut json_args = vec!["--format", "jsonl"];
        json_args.extend_from_slice(&args);
        let lines: Vec<ArticleRow> = jsonl(&export(&json_args).stdout);
        assert_eq!(lines.len(), results.total, "{args:?}");
        assert!(results.total > 0, "{args:?} should match something");
    }
}

#[test]
fn no_match_is_a_header_and_exit_code_1() {
    let run = export(&["zzqqxxnothing", "--format", "csv"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "id,path,title,date,author,source,url,people,organisations,places\r\n"
    );
    let run = export(&["zzqqxxnothing", "--format", "jsonl"]);
    assert_eq!((run.code, run.stdout.as_str()), (1, ""));
}

#[test]
fn quotes_export_every_quotation_as_quotes_counts_them() {
    for args in [vec![], vec!["--by", "Elena Ruiz"], vec!["rates"]] {
        let mut all = vec!["quotes", "--json", "--index", sample_index()];
        all.extend_from_slice(&args);
        let counted: QuoteResults = newsdex(&all).json();
        let mut csv_args = vec!["--format", "csv", "--what", "quotes"];
        csv_args.extend(
            args.iter()
                .map(|a| if *a == "--by" { "--said-by" } else { a }),
        );
        let (header, rows) = read_csv(&export(&csv_args).stdout, QUOTE_COLUMNS);
        assert_eq!(&header[0], "text");
        assert_eq!(rows.len(), counted.total, "{args:?}");
        assert!(counted.total > 0, "{args:?}");
        assert!(rows.iter().all(|r| &r[1] == "direct"));
    }
    let lines: Vec<QuoteRow> = jsonl(
        &export(&[
            "--format",
            "jsonl",
            "--what",
            "quotes",
            "--said-by",
            "Elena Ruiz",
        ])
        .stdout,
    );
    assert!(lines
        .iter()
        .all(|q| q.speaker.as_deref() == Some("Elena Ruiz") && !q.article_id.is_empty()));
    let refused = newsdex(&[
        "export",
        "--index",
        sample_index(),
        "--format",
        "csv",
        "--what",
        "quotes",
        "--place",
        "Kessel",
    ]);
    assert_eq!(refused.code, 2);
    assert!(
        refused.stdout.is_empty(),
        "nothing written: {}",
        refused.stdout
    );
    assert!(
        refused.stderr.contains("speaker and date"),
        "{}",
        refused.stderr
    );
}

#[test]
fn entities_aggregate_as_people_counts_them() {
    let run = newsdex(&[
        "people",
        "--json",
        "--limit",
        "1000",
        "--index",
        sample_index(),
    ]);
    let people: PeopleResults = run.json();
    assert!(
        people.entities.len() < 1000,
        "the comparison needs every entity"
    );
    let rows: Vec<EntityRow> = jsonl(&export(&["--format", "jsonl", "--what", "entities"]).stdout);
    assert_eq!(rows.len(), people.entities.len());
    for e in &people.entities {
        let row = rows
            .iter()
            .find(|r| r.name == e.name && r.kind == e.kind)
            .unwrap_or_else(|| panic!("{} ({}) not exported", e.name, e.kind));
        assert_eq!(row.articles, e.articles, "{}", e.name);
        assert!(row.first_date <= row.last_date, "{row:?}");
    }
    assert!(
        rows.windows(2).all(|w| w[0].articles >= w[1].articles),
        "most articles first"
    );
    let (_, csv_rows) = read_csv(
        &export(&[
            "--format",
            "csv",
            "--what",
            "entities",
            "--since",
            "2024-06-01",
        ])
        .stdout,
        ENTITY_COLUMNS,
    );
    let filtered: PeopleResults = newsdex(&[
        "people",
        "--json",
        "--limit",
        "1000",
        "--since",
        "2024-06-01",
        "--index",
        sample_index(),
    ])
    .json();
    assert_eq!(csv_rows.len(), filtered.entities.len());
    for row in &csv_rows {
        let first = &row[4];
        assert!(first.is_empty() || first >= "2024-06-01", "{row:?}");
    }
}

/// A corpus of awkward titles: a comma and quotation marks, formulas, a multi-line body.
fn awkward_index(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    let news = dir.join("news");
    std::fs::create_dir_all(&news).unwrap();
    let files = [
        ("quoted.txt", "Rates, \"held\" again; the bank's view\n\nThe bank held rates on Monday.\n\nA second paragraph, with \"quotes\".\n"),
        ("formula.txt", "=HYPERLINK(\"http://example.org\",\"click\")\n\nA headline that is a formula.\n"),
        ("minus.txt", "-40C in Oslo as the cold sets in\n\nOslo froze on Tuesday.\n"),
    ];
    for (file, text) in files {
        std::fs::write(news.join(file), text).unwrap();
    }
    let index = dir.join("index");
    ingest(news.to_str().unwrap(), &index);
    index
}

#[test]
fn awkward_cells_survive_and_formulas_become_text() {
    let index = awkward_index("export-awkward");
    let index = index.to_str().unwrap();
    let run = newsdex(&["export", "--index", index, "--format", "csv", "--body"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (header, rows) = read_csv(&run.stdout, ARTICLE_COLUMNS + 1);
    assert_eq!(&header[10], "body");
    assert_eq!(rows.len(), 3);
    let title = |start: &str| {
        rows.iter()
            .find(|r| r[2].starts_with(start))
            .unwrap_or_else(|| panic!("no title starting {start}: {rows:?}"))
    };
    let quoted = title("Rates");
    assert_eq!(&quoted[2], "Rates, \"held\" again; the bank's view");
    assert!(quoted[10].contains("Monday.") && quoted[10].contains("\"quotes\""));
    assert!(
        quoted[10].contains('\n'),
        "paragraphs kept: {:?}",
        &quoted[10]
    );
    assert_eq!(
        &title("'=")[2],
        "'=HYPERLINK(\"http://example.org\",\"click\")"
    );
    assert_eq!(&title("'-")[2], "'-40C in Oslo as the cold sets in");
    let lines: Vec<ArticleRow> =
        jsonl(&newsdex(&["export", "--index", index, "--format", "jsonl", "--body"]).stdout);
    assert!(
        lines.iter().any(|a| a.title.starts_with("=HYPERLINK")),
        "JSON is not escaped"
    );
    let body = &lines
        .iter()
        .find(|a| a.title.starts_with("Rates"))
        .unwrap()
        .body;
    assert_eq!(body.as_deref(), Some(&quoted[10]));
}

#[test]
fn python_csv_reads_every_row_and_column() {
    let Ok(probe) = Command::new("python3").arg("--version").output() else {
        println!("skipped: no python3 on PATH to read the CSV with its csv module");
        return;
    };
    if !probe.status.success() {
        println!("skipped: python3 --version failed");
        return;
    }
    let dir = scratch("export-python");
    let index = awkward_index("export-python-index");
    for (name, args) in [
        ("sample.csv", vec!["--index", sample_index(), "--body"]),
        (
            "awkward.csv",
            vec!["--index", index.to_str().unwrap(), "--body"],
        ),
        (
            "quotes.csv",
            vec!["--index", sample_index(), "--what", "quotes"],
        ),
    ] {
        let path = dir.join(name);
        let mut all = vec!["export", "--format", "csv", "-o", path.to_str().unwrap()];
        all.extend_from_slice(&args);
        let run = newsdex(&all);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let ours = read_csv(
            &std::fs::read_to_string(&path).unwrap(),
            if name == "quotes.csv" {
                QUOTE_COLUMNS
            } else {
                ARTICLE_COLUMNS + 1
            },
        );
        let script = "import csv, json, sys\n\
                      with open(sys.argv[1], newline='', encoding='utf-8') as f:\n\
                      \x20   rows = list(csv.reader(f))\n\
                      print(json.dumps([len(rows), sorted(set(len(r) for r in rows)), [r[2] for r in rows]]))\n";
        let out = Command::new("python3")
            .args(["-c", script, path.to_str().unwrap()])
            .output()
            .expect("python3 runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let (count, widths, thirds): (usize, Vec<usize>, Vec<String>) =
            serde_json::from_slice(&out.stdout).expect("python's answer");
        assert_eq!(count, ours.1.len() + 1, "{name}: every row and the header");
        assert_eq!(
            widths,
            vec![ours.0.len()],
            "{name}: every row as wide as the header"
        );
        let rust_thirds: Vec<String> = ours.1.iter().map(|r| r[2].to_string()).collect();
        assert_eq!(thirds[1..], rust_thirds[..], "{name}: the same cells");
    }
}

#[test]
fn output_file_is_whole_with_the_count_on_stderr() {
    let dir = scratch("export-file");
    let target = dir.join("articles.csv");
    std::fs::write(&target, "an older export").unwrap();
    let index = sample_index();
    let run = newsdex_in(
        &dir,
        &[
            "export",
            "--index",
            index,
            "--format",
            "csv",
            "-o",
            "articles.csv",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let count = article_count();
    assert!(
        run.stderr
            .contains(&format!("{count} articles written to articles.csv")),
        "{}",
        run.stderr
    );
    let stdout = export(&["--format", "csv"]).stdout;
    assert_eq!(std::fs::read_to_string(&target).unwrap(), stdout);
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["articles.csv"], "no temporary file left");
}

#[test]
fn a_failed_file_export_says_why_and_keeps_the_old_file() {
    let dir = scratch("export-file-fails");
    let target = dir.join("articles.csv");
    std::fs::write(&target, "an older export").unwrap();
    let index = sample_index();
    let missing = newsdex(&[
        "export",
        "--index",
        index,
        "--format",
        "csv",
        "-o",
        dir.join("no/such/folder/x.csv").to_str().unwrap(),
    ]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("cannot create"),
        "{}",
        missing.stderr
    );
    assert!(
        !missing.stderr.contains("Os {"),
        "no debug output: {}",
        missing.stderr
    );
    let refused = newsdex_in(
        &dir,
        &[
            "export",
            "--index",
            index,
            "--format",
            "csv",
            "-o",
            "articles.csv",
            "title:(",
        ],
    );
    assert_eq!(refused.code, 2);
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "an older export",
        "a failed export keeps the file"
    );
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "no temporary left"
    );
}

#[test]
fn export_into_a_closed_pipe_exits_quietly() {
    for args in [
        vec!["--format", "csv", "--body"],
        vec!["--format", "jsonl"],
        vec!["--format", "csv", "--what", "quotes"],
        vec!["--format", "jsonl", "--what", "entities"],
    ] {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        let out = Command::new(env!("CARGO_BIN_EXE_newsdex"))
            .env_clear()
            .arg("export")
            .args(&args)
            .args(["--index", sample_index()])
            .stdin(Stdio::null())
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .expect("binary runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

#[test]
fn replaced_articles_are_exported_once_in_their_new_version() {
    let dir = scratch("export-replaced");
    let news = dir.join("news");
    std::fs::create_dir_all(&news).unwrap();
    // Enough files, half of them changed, that a segment holds deleted documents beside
    // live ones (a wholly deleted segment is dropped at commit and would test nothing).
    for i in 0..12 {
        let text = format!("Story {i}\n\nThe mill number {i} closed.\n");
        std::fs::write(news.join(format!("s{i}.txt")), text).unwrap();
    }
    let index = dir.join("index");
    ingest(news.to_str().unwrap(), &index);
    for i in (0..12).step_by(2) {
        let text = format!("New headline {i}\n\nThe harbour number {i} opened.\n");
        std::fs::write(news.join(format!("s{i}.txt")), text).unwrap();
    }
    ingest(news.to_str().unwrap(), &index);
    let run = newsdex(&[
        "export",
        "--index",
        index.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    let (_, rows) = read_csv(&run.stdout, ARTICLE_COLUMNS);
    let titles: Vec<&str> = rows.iter().map(|r| &r[2]).collect();
    assert_eq!(rows.len(), 12, "deleted documents are skipped: {titles:?}");
    for i in 0..12 {
        let (new, old) = (format!("New headline {i}"), format!("Story {i}"));
        let want = if i % 2 == 0 { &new } else { &old };
        assert!(titles.contains(&want.as_str()), "{want}: {titles:?}");
    }
}
