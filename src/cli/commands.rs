//! Running each command: build the library request, call it, render the answer.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use anyhow::Result;

use super::args::{
    Cli, Command, ExtractArgs, IngestArgs, PeopleArgs, QueryArgs, QuotesArgs, ServeArgs, StatsArgs,
    TimelineArgs,
};
use super::{translate, Status};
use crate::article::{self, Article};
use crate::extract;
use crate::ingest::{self, IngestOptions, Progress};
use crate::render::{self, Style};
use crate::search::{self, Archive};

pub fn run(cli: Cli) -> Result<Status> {
    match cli.command {
        Command::Ingest(a) => ingest(a),
        Command::Query(a) => query(a),
        Command::Quotes(a) => quotes(a),
        Command::People(a) => people(a),
        Command::Timeline(a) => timeline(a),
        Command::Export(a) => super::export::run(a),
        Command::Batch(a) => super::batch::run(a),
        Command::Saved(a) => super::saved::run(a),
        Command::Extract(a) => extract(a),
        Command::Stats(a) => stats(a),
        Command::Serve(a) => serve(a),
        Command::Push(a) => super::quickwit::push(a),
    }
}

fn stdout_style() -> Style {
    Style::detect(std::io::stdout().is_terminal())
}

fn ingest(a: IngestArgs) -> Result<Status> {
    let opts = ingest_options(&a)?;
    if a.watch {
        return super::watch::run(&a, opts);
    }
    let bar = (!a.quiet && std::io::stderr().is_terminal()).then(progress_bar);
    let (mut files, mut total_files, mut articles) = (0u64, 0u64, 0u64);
    let mut on_progress = |p: Progress| {
        if let Some(bar) = &bar {
            match p {
                Progress::Start { files, bytes } => {
                    total_files = files;
                    bar.set_length(bytes);
                }
                Progress::Advance {
                    files: f,
                    bytes,
                    articles: n,
                } => {
                    files += f;
                    articles += n;
                    bar.inc(bytes);
                    bar.set_message(format!("{articles} articles, {files}/{total_files} files"));
                }
                Progress::Finish => bar.finish_and_clear(),
            }
        }
    };
    let summary = ingest::ingest(&opts, &mut on_progress)?;
    for e in &summary.errors {
        eprintln!("{}: {}", e.path, e.reason);
    }
    report_ingest(&a, &opts, &summary)?;
    Ok(if summary.failed > 0 {
        Status::Partial
    } else {
        Status::Success
    })
}

/// Prints an ingest's summary (JSON on stdout, or text on stderr unless quiet) with the new
/// matches of each saved search.
pub(super) fn report_ingest(
    a: &IngestArgs,
    opts: &IngestOptions,
    summary: &ingest::IngestSummary,
) -> Result<()> {
    let saved = super::saved::counts(&opts.index_dir)?;
    if a.json {
        /// The summary with a count of new matches per saved search.
        #[derive(serde::Serialize)]
        struct Report<'a> {
            #[serde(flatten)]
            summary: &'a ingest::IngestSummary,
            saved: &'a [render::SavedCount],
        }
        let report = Report {
            summary,
            saved: &saved,
        };
        let mut out = std::io::stdout().lock();
        render::json_line(&mut out, &report)?;
        out.flush()?;
    } else if !a.quiet {
        let mut err = std::io::stderr().lock();
        render::ingest_summary(&mut err, summary)?;
        render::human_saved_counts(&mut err, &saved)?;
    }
    Ok(())
}

fn ingest_options(a: &IngestArgs) -> Result<IngestOptions> {
    let mut opts = IngestOptions::new(a.paths.clone(), a.index.index.clone());
    opts.prune = a.prune;
    opts.max_file_size = a.max_file_size;
    opts.memory_budget = a.memory.clamp(16, 16 * 1024) * 1024 * 1024;
    opts.threads = a.threads;
    opts.commit_every_docs = a.commit_every.max(1);
    opts.commit_every = Duration::from_secs(a.commit_seconds.max(1));
    opts.max_record_size = a.max_record_size.max(1);
    if let Some(spec) = &a.csv_columns {
        opts.csv_columns = ingest::parse_csv_columns(spec).map_err(anyhow::Error::msg)?;
    }
    Ok(opts)
}

fn progress_bar() -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(0);
    let style = indicatif::ProgressStyle::with_template(
        "{spinner} {bytes}/{total_bytes} {wide_bar} {bytes_per_sec} eta {eta} · {msg}",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

fn query(a: QueryArgs) -> Result<Status> {
    let started = Instant::now();
    let request = translate::search(&a)?;
    let results = match super::quickwit::remote(&a.remote) {
        Some(remote) => remote.search(&request)?,
        None => Archive::open(&a.index.index)?.search(&request)?,
    };
    let mut out = std::io::stdout().lock();
    if a.json {
        render::json_line(&mut out, &results)?;
    } else {
        render::human_hits(&mut out, &results, request.offset, stdout_style())?;
        out.flush()?;
        eprintln!(
            "{} matching articles ({:.1} ms)",
            results.total,
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
    Ok(found(!results.hits.is_empty()))
}

fn quotes(a: QuotesArgs) -> Result<Status> {
    let request = translate::quotes(&a)?;
    let results = match super::quickwit::remote(&a.remote) {
        Some(remote) => remote.quotes(&request)?,
        None => Archive::open(&a.index.index)?.quotes(&request)?,
    };
    let mut out = std::io::stdout().lock();
    if a.json {
        render::json_line(&mut out, &results)?;
    } else {
        render::human_quotes(&mut out, &results, stdout_style())?;
        out.flush()?;
        eprintln!("{} matching quotations", results.total);
    }
    Ok(found(!results.quotes.is_empty()))
}

fn people(a: PeopleArgs) -> Result<Status> {
    let request = translate::people(&a)?;
    let results = match super::quickwit::remote(&a.remote) {
        Some(remote) => remote.people(&request)?,
        None => Archive::open(&a.index.index)?.people(&request)?,
    };
    let mut out = std::io::stdout().lock();
    if a.json {
        render::json_line(&mut out, &results)?;
    } else {
        render::human_people(&mut out, &results.entities, stdout_style())?;
    }
    Ok(found(!results.entities.is_empty()))
}

fn timeline(a: TimelineArgs) -> Result<Status> {
    let request = translate::timeline(&a)?;
    let results = match super::quickwit::remote(&a.remote) {
        Some(remote) => remote.timeline(&request)?,
        None => Archive::open(&a.index.index)?.timeline(&request)?,
    };
    let mut out = std::io::stdout().lock();
    if a.json {
        render::json_line(&mut out, &results)?;
    } else {
        render::human_timeline(&mut out, &results, stdout_style())?;
    }
    let any = results.undated > 0 || results.buckets.iter().any(|b| b.articles > 0);
    Ok(found(any))
}

/// Exit status of a search: success when something was found.
fn found(anything: bool) -> Status {
    if anything {
        Status::Success
    } else {
        Status::Partial
    }
}

fn stats(a: StatsArgs) -> Result<Status> {
    let archive = Archive::open(&a.index.index)?;
    let stats = archive.stats()?;
    let mut out = std::io::stdout().lock();
    if a.json {
        render::json_line(&mut out, &stats)?;
    } else {
        render::human_stats(&mut out, &stats)?;
    }
    Ok(Status::Success)
}

fn serve(a: ServeArgs) -> Result<Status> {
    let server = match super::quickwit::remote(&a.remote) {
        Some(remote) => crate::serve::Server::bind_source(
            crate::serve::Source::Remote(remote),
            std::path::Path::new(a.remote.quickwit.as_deref().unwrap_or_default()),
            a.bind,
        )?,
        None => crate::serve::Server::bind(&a.index.index, a.bind)?,
    };
    let addr = server.addr();
    if !addr.ip().is_loopback() {
        eprintln!(
            "newsdex serve: warning: {} is not a loopback address; anyone who can reach it can read the archive",
            addr.ip()
        );
    }
    match &a.remote.quickwit {
        Some(url) => eprintln!(
            "newsdex serve: Quickwit archive `{}` at {url}, on http://{addr}/ (Ctrl-C to stop)",
            a.remote.quickwit_name
        ),
        None => eprintln!(
            "newsdex serve: index {} on http://{addr}/ (Ctrl-C to stop)",
            server.index().display()
        ),
    }
    server.run(a.workers.unwrap_or_else(crate::serve::default_workers))?;
    Ok(Status::Success)
}

/// The JSON line `extract --json` prints for one article.
#[derive(serde::Serialize)]
struct Extracted<'a> {
    path: &'a str,
    title: &'a str,
    date: Option<String>,
    author: Option<&'a str>,
    source: Option<&'a str>,
    url: Option<&'a str>,
    body: &'a str,
    entities: &'a [extract::Entity],
    quotes: &'a [extract::Quote],
}

fn extract(a: ExtractArgs) -> Result<Status> {
    let style = stdout_style();
    let mut out = std::io::stdout().lock();
    let mut status = Status::Success;
    for path in &a.files {
        let shown = path.display().to_string();
        let articles = match read_articles(path, a.raw) {
            Ok(articles) => articles,
            Err(reason) => {
                eprintln!("{shown}: {reason}");
                status = Status::Partial;
                continue;
            }
        };
        for article in articles {
            let article = match article {
                Ok(article) => article,
                Err(reason) => {
                    eprintln!("{shown}: {reason}");
                    status = Status::Partial;
                    continue;
                }
            };
            let options = extract::Options {
                indirect: a.indirect,
            };
            let x = extract::extract_with(&article.title, &article.body, &options);
            if a.json {
                let line = Extracted {
                    path: &shown,
                    title: &article.title,
                    date: article.date.map(search::format_date),
                    author: article.author.as_deref(),
                    source: article.source.as_deref(),
                    url: article.url.as_deref(),
                    body: &article.body,
                    entities: &x.entities,
                    quotes: &x.quotes,
                };
                render::json_line(&mut out, &line)?;
            } else {
                render::human_extraction(&mut out, &shown, &article, &x, style)?;
            }
        }
    }
    Ok(status)
}

/// Reads one file for `extract`: parsed by its format, or whole as body with `--raw`.
fn read_articles(
    path: &std::path::Path,
    raw: bool,
) -> Result<Vec<Result<Article, String>>, String> {
    let (bytes, format) = crate::corpus::read_path(path, crate::corpus::DEFAULT_MAX_FILE_SIZE)
        .map_err(|e| e.to_string())?;
    if raw {
        let body = article::decode_text(&bytes).map_err(|e| e.to_string())?;
        return Ok(vec![Ok(Article {
            body,
            ..Article::default()
        })]);
    }
    let items = article::parse(&bytes, format).map_err(|e| e.to_string())?;
    Ok(items
        .into_iter()
        .map(|i| i.article.map_err(|e| e.to_string()))
        .collect())
}
