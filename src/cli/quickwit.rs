//! `newsdex push`, `newsdex export quickwit` and `--quickwit` on the search commands: an
//! archive on a Quickwit cluster.

use std::fs;
use std::io::{BufWriter, IsTerminal, Write};

use anyhow::{Context, Result};

use super::args::{ExportQuickwitArgs, PushArgs, RemoteArg};
use super::Status;
use crate::index::quickwit::{self as qw, Collection};
use crate::index::NewsIndex;
use crate::ingest::{self, IngestOptions};
use crate::quickwit::{self as client, Client, PushOptions, PushProgress};
use crate::render;
use crate::search::remote::RemoteArchive;

/// The cluster a search command asks, when `--quickwit` is given.
pub fn remote(arg: &RemoteArg) -> Option<RemoteArchive> {
    let url = arg.quickwit.as_deref()?;
    Some(RemoteArchive::new(
        Box::new(Client::new(url)),
        &arg.quickwit_name,
    ))
}

/// `newsdex push`: optionally ingest, then send what the cluster does not hold yet.
pub fn push(a: PushArgs) -> Result<Status> {
    let mut status = Status::Success;
    if !a.paths.is_empty() {
        let opts = IngestOptions::new(a.paths.clone(), a.index.index.clone());
        let summary = ingest::ingest(&opts, &mut |_| {})?;
        for e in &summary.errors {
            eprintln!("{}: {}", e.path, e.reason);
        }
        if summary.failed > 0 {
            status = Status::Partial;
        }
    }
    let index = NewsIndex::open(&a.index.index)?;
    let options = PushOptions {
        url: a.quickwit.clone(),
        name: a.name.clone(),
        prune: a.prune,
    };
    let bar = (!a.quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(0);
        if let Ok(style) = indicatif::ProgressStyle::with_template("{wide_bar} {pos}/{len} files") {
            bar.set_style(style);
        }
        bar
    });
    let mut on_progress = |p: PushProgress| {
        if let Some(bar) = &bar {
            bar.set_length(p.total);
            bar.set_position(p.done);
        }
    };
    let summary = client::push(&index, &options, &mut on_progress)
        .with_context(|| format!("cannot push {} to {}", a.index.index.display(), a.quickwit))?;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    for (file, r) in &summary.rejected {
        eprintln!(
            "{file}: Quickwit refused {} documents: {}",
            r.documents, r.reason
        );
    }
    if !summary.rejected.is_empty() {
        status = Status::Partial;
    }
    if a.json {
        let mut out = std::io::stdout().lock();
        render::json_line(&mut out, &summary)?;
        out.flush()?;
    } else if !a.quiet {
        eprintln!(
            "pushed to {} as {}-articles and {}-quotes: {} files ({} sent, {} unchanged, {} replaced, {} pruned), {} articles and {} quotations sent, {} rejected",
            a.quickwit,
            a.name,
            a.name,
            summary.files,
            summary.sent,
            summary.unchanged,
            summary.replaced,
            summary.pruned,
            summary.articles,
            summary.quotes,
            summary.rejected.len()
        );
    }
    Ok(status)
}

/// `newsdex export quickwit`: the configs and documents `push` would send, as files.
pub fn export(a: &ExportQuickwitArgs) -> Result<Status> {
    let index = NewsIndex::open(&a.index.index)?;
    let snapshot = index.quickwit_export()?;
    fs::create_dir_all(&a.out).with_context(|| format!("cannot create {}", a.out.display()))?;
    let mut writers = Vec::new();
    for c in Collection::ALL {
        let config = a.out.join(format!("{}.yaml", c.name()));
        fs::write(&config, qw::config(c, &c.index_id(&a.name)))
            .with_context(|| format!("cannot write {}", config.display()))?;
        let path = a.out.join(format!("{}.ndjson", c.name()));
        let file =
            fs::File::create(&path).with_context(|| format!("cannot write {}", path.display()))?;
        writers.push((path, BufWriter::new(file)));
    }
    let (mut articles, mut quotes) = (0u64, 0u64);
    for file in snapshot.files().keys() {
        let docs = snapshot.documents(file, 0)?;
        articles += docs.articles.len() as u64;
        quotes += docs.quotes.len() as u64;
        for ((path, out), list) in writers.iter_mut().zip([docs.articles, docs.quotes]) {
            for doc in list {
                writeln!(out, "{doc}")
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
        }
    }
    for (path, mut out) in writers {
        out.flush()
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    eprintln!(
        "{articles} articles and {quotes} quotations written to {}",
        a.out.display()
    );
    Ok(Status::Success)
}
