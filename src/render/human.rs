//! Human-readable output.

use std::io::{self, Write};

use super::{highlight, Style};
use crate::extract::{Extraction, QuoteKind};
use crate::ingest::IngestSummary;
use crate::search::{EntityCount, Hit, QuoteHit, QuoteResults, SearchResults, Stats};

/// Prints ranked hits: rank, title, date · source, path, snippet, people, duplicates.
pub fn hits(
    out: &mut dyn Write,
    results: &SearchResults,
    offset: usize,
    style: Style,
) -> io::Result<()> {
    hit_list(out, &results.hits, offset, style)
}

/// Prints hits numbered from `offset + 1`.
pub(super) fn hit_list(
    out: &mut dyn Write,
    hits: &[Hit],
    offset: usize,
    style: Style,
) -> io::Result<()> {
    for (i, hit) in hits.iter().enumerate() {
        let title = if hit.title.is_empty() {
            "(untitled)"
        } else {
            hit.title.as_str()
        };
        writeln!(out, "{:>3}. {}", offset + i + 1, style.bold(title))?;
        let meta: Vec<&str> = [
            hit.date.as_deref(),
            hit.source.as_deref(),
            hit.author.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !meta.is_empty() {
            writeln!(out, "     {}", meta.join(" · "))?;
        }
        writeln!(out, "     {}", style.dim(&hit.path))?;
        if !hit.snippet.is_empty() {
            writeln!(
                out,
                "     {}",
                highlight(&hit.snippet, &hit.highlights, style).replace('\n', " ")
            )?;
        }
        if !hit.persons.is_empty() {
            let shown: Vec<&str> = hit.persons.iter().take(6).map(String::as_str).collect();
            let more = hit.persons.len().saturating_sub(shown.len());
            let tail = if more > 0 {
                format!(" (+{more})")
            } else {
                String::new()
            };
            writeln!(out, "     people: {}{tail}", shown.join(", "))?;
        }
        if !hit.duplicates.is_empty() {
            writeln!(
                out,
                "     {} identical copies: {}",
                hit.duplicates.len(),
                hit.duplicates.join(", ")
            )?;
        }
        if !hit.similar.is_empty() {
            writeln!(
                out,
                "     +{} similar: {}",
                hit.similar.len(),
                hit.similar.join(", ")
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// The ingest summary, one line per count.
pub fn ingest_summary(out: &mut dyn Write, s: &IngestSummary) -> io::Result<()> {
    writeln!(
        out,
        "added {}, updated {}, unchanged {}, removed {}, failed {}; {} documents in the index ({:.2} s)",
        s.added, s.updated, s.unchanged, s.removed, s.failed, s.documents, s.elapsed_seconds
    )?;
    for (what, counts) in [
        ("not read (unsupported types)", &s.skipped),
        ("dump records that are not articles", &s.skipped_records),
    ] {
        if !counts.is_empty() {
            let list: Vec<String> = counts.iter().map(|(k, n)| format!("{k} {n}")).collect();
            writeln!(out, "{what}: {}", list.join(", "))?;
        }
    }
    Ok(())
}

pub fn stats(out: &mut dyn Write, s: &Stats) -> io::Result<()> {
    writeln!(out, "index      {}", s.index)?;
    writeln!(out, "documents  {}", s.documents)?;
    writeln!(out, "quotes     {}", s.quotes)?;
    writeln!(out, "reported   {}", s.reported)?;
    writeln!(out, "files      {}", s.files)?;
    writeln!(
        out,
        "size       {:.1} MB",
        s.size_bytes as f64 / 1_048_576.0
    )?;
    match (&s.earliest, &s.latest) {
        (Some(a), Some(b)) => writeln!(out, "dates      {a} to {b}")?,
        _ => writeln!(out, "dates      none")?,
    }
    for (format, n) in &s.formats {
        writeln!(out, "  {format:<9}{n} files")?;
    }
    Ok(())
}

pub fn people(out: &mut dyn Write, list: &[EntityCount], style: Style) -> io::Result<()> {
    let width = list
        .iter()
        .map(|e| e.name.chars().count())
        .max()
        .unwrap_or(0);
    for e in list {
        let pad = " ".repeat(width.saturating_sub(e.name.chars().count()));
        // With `--with`: how many of its articles are shared, and the lift.
        let company = match (e.in_all, e.lift) {
            (Some(all), Some(lift)) => {
                format!("  {} of {all} articles, lift {lift:.1}", e.articles)
            }
            _ => String::new(),
        };
        // The other spellings merged into it ("Blair 13, Tony Blair 147").
        let aliases: Vec<String> = (e.aliases.iter())
            .filter(|a| a.name != e.name || a.kind != e.kind)
            .map(|a| match a.kind == e.kind {
                true => format!("{} {}", a.name, a.articles),
                false => format!("{} ({}) {}", a.name, a.kind.name(), a.articles),
            })
            .collect();
        let aliases = if aliases.is_empty() {
            String::new()
        } else {
            format!("  also {}", aliases.join(", "))
        };
        writeln!(
            out,
            "{:>6}  {}{pad}  {}{}{}",
            e.articles,
            style.bold(&e.name),
            style.dim(e.kind.name()),
            style.dim(&company),
            style.dim(&aliases)
        )?;
    }
    Ok(())
}

pub fn quotes(out: &mut dyn Write, results: &QuoteResults, style: Style) -> io::Result<()> {
    quote_list(out, &results.quotes, style)
}

/// Prints quotations with a little context, their speaker (role, cue), and their
/// articles: the one shown and how many others carry the same words.
pub(super) fn quote_list(out: &mut dyn Write, quotes: &[QuoteHit], style: Style) -> io::Result<()> {
    for q in quotes {
        let text = highlight(&q.text, &q.highlights, style).replace('\n', " ");
        match q.kind {
            QuoteKind::Direct => writeln!(out, "“{text}”")?,
            QuoteKind::Indirect => writeln!(out, "[reported] {text}")?,
        }
        let context = format!("{}…{}", q.context.before, q.context.after);
        if q.context.before.len() + q.context.after.len() > 2 {
            writeln!(out, "    {}", style.dim(&context.replace('\n', " ")))?;
        }
        let speaker = q.speaker.as_deref().unwrap_or("(unknown speaker)");
        let role = q
            .role
            .as_deref()
            .map(|r| format!(", {r}"))
            .unwrap_or_default();
        let cue = q
            .cue
            .as_deref()
            .map(|c| format!(" ({c})"))
            .unwrap_or_default();
        writeln!(out, "    — {}{role}{cue}", style.bold(speaker))?;
        let date = q
            .date
            .as_deref()
            .map(|d| format!("{d} · "))
            .unwrap_or_default();
        writeln!(
            out,
            "    {}",
            style.dim(&format!("{date}{} · {}", q.title, q.path))
        )?;
        if q.source_count > 1 {
            let first = q
                .first_seen
                .as_deref()
                .map(|d| format!(", first on {}", &d[..d.len().min(10)]))
                .unwrap_or_default();
            let others = q.source_count - 1;
            let noun = if others == 1 { "article" } else { "articles" };
            writeln!(
                out,
                "    {}",
                style.dim(&format!("also in {others} other {noun}{first}"))
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// What `extract` shows for one article.
pub fn extraction(
    out: &mut dyn Write,
    path: &str,
    article: &crate::article::Article,
    x: &Extraction,
    style: Style,
) -> io::Result<()> {
    writeln!(out, "{}", style.bold(&format!("{path}: {}", article.title)))?;
    if let Some(d) = article.date {
        writeln!(out, "  date     {}", crate::search::format_date(d))?;
    }
    for (label, value) in [
        ("author", &article.author),
        ("source", &article.source),
        ("url", &article.url),
    ] {
        if let Some(v) = value {
            writeln!(out, "  {label:<8} {v}")?;
        }
    }
    writeln!(out, "  body     {} bytes", article.body.len())?;
    for kind in [
        crate::extract::EntityKind::Person,
        crate::extract::EntityKind::Org,
        crate::extract::EntityKind::Place,
    ] {
        let mut names: Vec<&str> = x
            .entities
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| e.canonical.as_str())
            .collect();
        names.sort();
        names.dedup();
        if !names.is_empty() {
            writeln!(out, "  {:<8} {}", kind.name(), names.join(", "))?;
        }
    }
    for q in &x.quotes {
        let who = q.speaker.as_deref().unwrap_or("?");
        writeln!(out, "  quote    {who}: “{}”", q.text.replace('\n', " "))?;
    }
    writeln!(out)
}
