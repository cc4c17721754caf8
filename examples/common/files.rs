//! The text files under a folder, for the examples that read corpora of `.txt` articles.

use std::path::{Path, PathBuf};

/// Appends every `.txt` file under `dir` (recursively) to `out`, in name order per folder.
pub fn text_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            text_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
    Ok(())
}
