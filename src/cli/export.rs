//! `newsdex export`: every match of a query, as CSV or JSON Lines, on standard output or in
//! a file. Rows stream from the archive straight into the writer; a file given with `-o` is
//! written beside its destination under a temporary name and renamed over it only once
//! complete, so a reader never sees half an export and a failed one leaves the old file.

use std::fs::{self, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};

use super::args::{ExportArgs, ExportTarget, FormatArg};
use super::{translate, Status};
use crate::render::{ExportFormat, ExportWriter};
use crate::search::{Archive, ExportKind, ExportRequest};

/// Runs `newsdex export`; exits 1 (as a search with no hit) when nothing matched.
pub fn run(a: ExportArgs) -> Result<Status> {
    if let Some(ExportTarget::Quickwit(q)) = &a.target {
        return super::quickwit::export(q);
    }
    let request = translate::export(&a)?;
    let archive = Archive::open(&a.index.index)?;
    let format = match a.format {
        Some(FormatArg::Jsonl) => ExportFormat::Jsonl,
        _ => ExportFormat::Csv,
    };
    let write = |out: &mut dyn Write| write_rows(&archive, &request, format, out);
    let rows = match &a.output {
        None => {
            let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
            let rows = write(&mut out)?;
            out.flush()?;
            rows
        }
        Some(path) => {
            let rows = write_atomically(path, write)?;
            let what = match request.what {
                ExportKind::Articles => "articles",
                ExportKind::Quotes => "quotations",
                ExportKind::Entities => "entities",
            };
            eprintln!("{rows} {what} written to {}", path.display());
            rows
        }
    };
    Ok(if rows > 0 {
        Status::Success
    } else {
        Status::Partial
    })
}

fn write_rows(
    archive: &Archive,
    request: &ExportRequest,
    format: ExportFormat,
    out: &mut dyn Write,
) -> Result<u64> {
    let mut writer = ExportWriter::new(out, format, request.what, request.body);
    let rows = archive.export(request, &mut writer)?;
    writer.finish()?;
    Ok(rows)
}

/// Writes `path` through a temporary file beside it, renamed over it once `write` has
/// succeeded and the data is on disk; on failure the temporary file is removed.
pub(super) fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<u64>,
) -> Result<u64> {
    let tmp = temporary_beside(path)?;
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .with_context(|| {
            format!(
                "cannot create {}; check the folder exists and is writable",
                tmp.display()
            )
        })?;
    let result = (|| {
        let mut out = BufWriter::with_capacity(1 << 16, file);
        let rows = write(&mut out).with_context(|| format!("cannot write {}", path.display()))?;
        let file = out
            .into_inner()
            .map_err(|e| e.into_error())
            .and_then(|f| f.sync_all().map(|()| f))
            .with_context(|| format!("cannot write {}", path.display()))?;
        drop(file);
        fs::rename(&tmp, path).with_context(|| {
            format!(
                "cannot move the finished export onto {}; any file there is unchanged",
                path.display()
            )
        })?;
        Ok(rows)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// `DIR/.NAME.PID.tmp` for `DIR/NAME`.
fn temporary_beside(path: &Path) -> Result<PathBuf> {
    let name = path.file_name().ok_or_else(|| {
        anyhow!(
            "-o {} does not name a file; give a file such as results.csv",
            path.display()
        )
    })?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Ok(dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_temporary_file_sits_beside_its_destination() {
        let pid = std::process::id();
        assert_eq!(
            temporary_beside(Path::new("out/rows.csv")).unwrap(),
            PathBuf::from(format!("out/.rows.csv.{pid}.tmp"))
        );
        assert_eq!(
            temporary_beside(Path::new("rows.csv")).unwrap(),
            PathBuf::from(format!("./.rows.csv.{pid}.tmp"))
        );
        assert!(temporary_beside(Path::new("/")).is_err());
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let dir = std::env::temp_dir().join(format!("newsdex-export-unit-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("rows.csv");
        fs::write(&path, "old").unwrap();
        let failed = write_atomically(&path, |out| {
            out.write_all(b"half")?;
            Err(anyhow!("the index went away"))
        });
        assert!(failed.is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1, "no temporary left");
        let rows = write_atomically(&path, |out| {
            out.write_all(b"new")?;
            Ok(1)
        })
        .unwrap();
        assert_eq!(rows, 1);
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        fs::remove_dir_all(&dir).unwrap();
    }
}
