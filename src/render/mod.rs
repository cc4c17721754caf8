//! Printing results: for people (aligned, highlighted on a terminal) or as JSON for programs,
//! exports as CSV or JSON Lines, and batch results as CSV, JSON Lines or JSON.
//!
//! JSON shapes are a public interface (documented in README.md): they are the serialised
//! result structs of `search`, `ingest` and `extract`, wrapped here where a command adds keys.

mod batch;
mod export;
mod human;
mod saved;
mod timeline;

use std::io::{self, Write};

use serde::Serialize;

pub use batch::{BatchFormat, BatchWriter};
pub use export::{ExportFormat, ExportWriter};
pub use human::{
    extraction as human_extraction, hits as human_hits, ingest_summary, people as human_people,
    quotes as human_quotes, stats as human_stats,
};
pub use saved::{
    saved_counts as human_saved_counts, saved_list as human_saved_list,
    saved_news as human_saved_news, SavedCount,
};
pub use timeline::timeline as human_timeline;

/// Whether to colour output: a terminal, and `NO_COLOR` unset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
}

impl Style {
    pub fn detect(is_terminal: bool) -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            color: is_terminal && !no_color,
        }
    }

    pub(crate) fn bold(&self, text: &str) -> String {
        self.wrap(text, "\x1b[1m")
    }

    pub(crate) fn dim(&self, text: &str) -> String {
        self.wrap(text, "\x1b[2m")
    }

    pub(crate) fn highlight(&self, text: &str) -> String {
        self.wrap(text, "\x1b[1;33m")
    }

    fn wrap(&self, text: &str, code: &str) -> String {
        if self.color {
            format!("{code}{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// Writes one value as compact JSON followed by a newline. A failed write keeps its
/// `io::ErrorKind` (so a closed pipe is still `BrokenPipe` to the caller).
pub fn json_line<T: Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// Marks highlighted byte ranges in a snippet; plain text marks them with no escape codes,
/// so a terminal shows colour and a pipe shows the text unchanged.
pub fn highlight(snippet: &str, ranges: &[[usize; 2]], style: Style) -> String {
    let mut out = String::with_capacity(snippet.len() + ranges.len() * 12);
    let mut at = 0;
    for &[start, end] in ranges {
        let (Some(before), Some(word)) = (snippet.get(at..start), snippet.get(start..end)) else {
            continue;
        };
        out.push_str(before);
        out.push_str(&style.highlight(word));
        at = end;
    }
    out.push_str(snippet.get(at..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_marks_ranges_only_with_color() {
        let plain = Style { color: false };
        let color = Style { color: true };
        let ranges = [[4, 10]];
        assert_eq!(
            highlight("the budget vote", &ranges, plain),
            "the budget vote"
        );
        assert_eq!(
            highlight("the budget vote", &ranges, color),
            "the \x1b[1;33mbudget\x1b[0m vote"
        );
        // Ranges off the end or inside a character are skipped, not a panic.
        assert_eq!(highlight("£5 rise", &[[1, 2], [3, 99]], color), "£5 rise");
    }
}
