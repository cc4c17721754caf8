//! `newsdex saved`: add, list, remove saved searches, and what is new for them.

use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::Result;

use super::args::{SavedAction, SavedArgs};
use super::{translate, Status};
use crate::render::{self, SavedCount, Style};
use crate::search::{self, Archive, SavedNews, SavedSearch, SavedSearches};

/// Runs one `saved` action.
pub fn run(a: SavedArgs) -> Result<Status> {
    let dir = a.action.index().to_path_buf();
    match a.action {
        SavedAction::Add {
            name,
            query,
            filters,
            ..
        } => add(
            &dir,
            name,
            translate::joined(&query),
            translate::filters(&filters)?,
        ),
        SavedAction::List { json, .. } => list(&dir, json),
        SavedAction::Remove { name, .. } => {
            Archive::open(&dir)?;
            let removed = SavedSearches::update(&dir, |s| s.remove(&name))?;
            eprintln!("removed the saved search `{}`", removed.name);
            Ok(Status::Success)
        }
        SavedAction::New {
            name,
            peek,
            limit,
            json,
            ..
        } => new(&dir, name.as_deref(), peek, limit, json),
    }
}

fn add(
    dir: &Path,
    name: String,
    query: Option<String>,
    filters: search::Filters,
) -> Result<Status> {
    let archive = Archive::open(dir)?;
    let row = archive.save_search(name, query, filters)?;
    eprintln!(
        "saved `{}`; `newsdex saved new` lists what is added from here on",
        row.name
    );
    Ok(Status::Success)
}

fn list(dir: &Path, json: bool) -> Result<Status> {
    let rows = Archive::open(dir)?.saved_list()?;
    let mut out = std::io::stdout().lock();
    if json {
        render::json_line(&mut out, &serde_json::json!({ "saved": rows }))?;
    } else {
        render::human_saved_list(&mut out, &rows, style())?;
    }
    Ok(Status::Success)
}

fn new(dir: &Path, name: Option<&str>, peek: bool, limit: usize, json: bool) -> Result<Status> {
    let archive = Archive::open(dir)?;
    let saved = SavedSearches::load(dir)?;
    let chosen: Vec<&SavedSearch> = match name {
        Some(name) => vec![saved.get(name)?],
        None => saved.list().iter().collect(),
    };
    if chosen.is_empty() {
        eprintln!("no saved searches; add one with `newsdex saved add NAME QUERY`");
        return Ok(Status::Partial);
    }
    let news: Vec<SavedNews> = chosen
        .iter()
        .map(|s| archive.saved_news(s, limit))
        .collect::<Result<_, _>>()?;
    let mut out = std::io::stdout().lock();
    for n in &news {
        if json {
            render::json_line(&mut out, n)?;
        } else {
            render::human_saved_news(&mut out, n, style())?;
        }
    }
    out.flush()?;
    if !peek {
        let at = chrono::Utc::now();
        SavedSearches::update(dir, |s| {
            news.iter().for_each(|n| s.checked(&n.name, n.mark, at));
            Ok(())
        })?;
    }
    Ok(if news.iter().all(SavedNews::is_empty) {
        Status::Partial
    } else {
        Status::Success
    })
}

/// How much is new for every saved search of the index in `dir` (none saved: empty), for
/// the ingest summary.
pub fn counts(dir: &Path) -> Result<Vec<SavedCount>> {
    let saved = SavedSearches::load(dir)?;
    if saved.list().is_empty() {
        return Ok(Vec::new());
    }
    let archive = Archive::open(dir)?;
    let mut out = Vec::new();
    for s in saved.list() {
        out.push(SavedCount {
            name: s.name.clone(),
            counts: archive.saved_counts(s)?,
        });
    }
    Ok(out)
}

fn style() -> Style {
    Style::detect(std::io::stdout().is_terminal())
}
