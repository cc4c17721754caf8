//! The two files of the name table: tab-separated lines under a header naming the file's
//! format, version and commit, ended by the xxh3 checksum of everything before it, and
//! replaced atomically (temporary file, fsync, rename). A file that is missing, truncated,
//! damaged or of another version reads as an error, never as partial counts.

use std::io::Write;
use std::path::Path;

use super::resolve::{Entity, Member};
use super::{NameCounts, COUNTS_FILE, ENTITIES_FILE};
use crate::extract::EntityKind;

const COUNTS_MAGIC: &str = "newsdex-names-counts";
const ENTITIES_MAGIC: &str = "newsdex-names-entities";
const VERSION: &str = "1";

/// Why a table file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// It could not be read.
    #[error("cannot read the name table")]
    Io(#[from] std::io::Error),
    /// Its content is not a whole table of this version.
    #[error("the name table is damaged or of another version")]
    Damaged,
}

/// Writes `names.counts` for the commit `opstamp`.
pub fn write_counts(dir: &Path, opstamp: u64, counts: &NameCounts) -> std::io::Result<()> {
    let mut rows: Vec<String> = counts
        .names
        .iter()
        .map(|(name, [p, o, l])| format!("N\t{p}\t{o}\t{l}\t{}\n", escape(name)))
        .collect();
    rows.extend(
        counts
            .acronyms
            .iter()
            .map(|((a, f), n)| format!("A\t{n}\t{}\t{}\n", escape(a), escape(f))),
    );
    rows.sort_unstable();
    write_atomic(&dir.join(COUNTS_FILE), COUNTS_MAGIC, opstamp, &rows)
}

/// Reads `names.counts`: the opstamp it describes and the counts.
pub fn read_counts(dir: &Path) -> Result<(u64, NameCounts), FileError> {
    let text = std::fs::read_to_string(dir.join(COUNTS_FILE))?;
    let (opstamp, lines) = checked(&text, COUNTS_MAGIC)?;
    let mut counts = NameCounts::default();
    for line in lines {
        let cols: Vec<&str> = line.split('\t').collect();
        match cols.as_slice() {
            ["N", p, o, l, name] => {
                let row = [number(p)?, number(o)?, number(l)?];
                counts.names.insert(unescape(name), row);
            }
            ["A", n, acronym, full] => {
                let pair = (unescape(acronym), unescape(full));
                counts.acronyms.insert(pair, number(n)?);
            }
            _ => return Err(FileError::Damaged),
        }
    }
    Ok((opstamp, counts))
}

/// Writes `names.entities` for the commit `opstamp`.
pub fn write_entities(dir: &Path, opstamp: u64, entities: &[Entity]) -> std::io::Result<()> {
    let mut rows = Vec::new();
    for e in entities {
        rows.push(format!("E\t{}\t{}\n", e.kind.name(), escape(&e.display)));
        for m in &e.members {
            rows.push(format!(
                "M\t{}\t{}\t{}\n",
                m.kind.name(),
                m.articles,
                escape(&m.spelling)
            ));
        }
    }
    write_atomic(&dir.join(ENTITIES_FILE), ENTITIES_MAGIC, opstamp, &rows)
}

/// Reads `names.entities`.
pub fn read_entities(dir: &Path) -> Result<Vec<Entity>, FileError> {
    let text = std::fs::read_to_string(dir.join(ENTITIES_FILE))?;
    let (_, lines) = checked(&text, ENTITIES_MAGIC)?;
    let mut entities: Vec<Entity> = Vec::new();
    for line in lines {
        let cols: Vec<&str> = line.split('\t').collect();
        match cols.as_slice() {
            ["E", kind, display] => entities.push(Entity {
                kind: EntityKind::parse(kind).ok_or(FileError::Damaged)?,
                display: unescape(display),
                members: Vec::new(),
            }),
            ["M", kind, n, spelling] => {
                let member = Member {
                    kind: EntityKind::parse(kind).ok_or(FileError::Damaged)?,
                    articles: number(n)?,
                    spelling: unescape(spelling),
                };
                entities
                    .last_mut()
                    .ok_or(FileError::Damaged)?
                    .members
                    .push(member);
            }
            _ => return Err(FileError::Damaged),
        }
    }
    Ok(entities)
}

fn write_atomic(path: &Path, magic: &str, opstamp: u64, rows: &[String]) -> std::io::Result<()> {
    let mut body = format!("{magic}\t{VERSION}\t{opstamp}\n");
    for row in rows {
        body.push_str(row);
    }
    let sum = xxhash_rust::xxh3::xxh3_64(body.as_bytes());
    body.push_str(&format!("end\t{sum:016x}\n"));
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = std::path::PathBuf::from(tmp);
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(body.as_bytes())?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)?;
    if let Some(parent) = path.parent() {
        // Makes the rename durable where the platform allows opening a folder.
        if let Ok(d) = std::fs::File::open(parent) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

/// The opstamp and the data lines of a file whose header and checksum are right.
fn checked<'a>(
    text: &'a str,
    magic: &str,
) -> Result<(u64, impl Iterator<Item = &'a str>), FileError> {
    let body = text.strip_suffix('\n').ok_or(FileError::Damaged)?;
    let (content, last) = body.rsplit_once('\n').ok_or(FileError::Damaged)?;
    let sum = last.strip_prefix("end\t").ok_or(FileError::Damaged)?;
    let content = &text[..content.len() + 1];
    if format!("{:016x}", xxhash_rust::xxh3::xxh3_64(content.as_bytes())) != sum {
        return Err(FileError::Damaged);
    }
    let mut lines = content.lines();
    let header: Vec<&str> = lines
        .next()
        .ok_or(FileError::Damaged)?
        .split('\t')
        .collect();
    let [m, v, opstamp] = header.as_slice() else {
        return Err(FileError::Damaged);
    };
    if *m != magic || *v != VERSION {
        return Err(FileError::Damaged);
    }
    let opstamp = opstamp.parse().map_err(|_| FileError::Damaged)?;
    Ok((opstamp, lines))
}

fn number(text: &str) -> Result<u32, FileError> {
    text.parse().map_err(|_| FileError::Damaged)
}

/// Names keep tabs, line breaks and backslashes out of the columns.
fn escape(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}
