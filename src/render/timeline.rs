//! A timeline for people: one line per period with its count and a bar scaled to the
//! busiest period, then the undated count.

use std::io::{self, Write};

use super::Style;
use crate::search::{Period, TimelineResults};

/// Widest bar, in characters.
const BAR: usize = 50;

/// Writes the bars of a timeline.
pub fn timeline(out: &mut dyn Write, results: &TimelineResults, style: Style) -> io::Result<()> {
    let max = results
        .buckets
        .iter()
        .map(|b| b.articles)
        .max()
        .unwrap_or(0);
    let width = max.to_string().len();
    for b in &results.buckets {
        let label = match results.by {
            Period::Day | Period::Week => b.start.format("%Y-%m-%d").to_string(),
            Period::Month => b.start.format("%Y-%m").to_string(),
            Period::Year => b.start.format("%Y").to_string(),
        };
        let bar = bar(b.articles, max);
        writeln!(
            out,
            "{label:<10} {:>width$} {}",
            b.articles,
            style.highlight(&bar)
        )?;
    }
    let what = if results.counted == "quotes" {
        "quotation"
    } else {
        "article"
    };
    if results.buckets.is_empty() {
        writeln!(out, "no dated {what}s")?;
    }
    if results.undated > 0 {
        let s = if results.undated == 1 { "" } else { "s" };
        writeln!(out, "{} {what}{s} without a date", results.undated)?;
    }
    Ok(())
}

/// A bar of `n` against `max`: at least one block for any non-zero count.
fn bar(n: u64, max: u64) -> String {
    if n == 0 || max == 0 {
        return String::new();
    }
    let len = ((n as f64 / max as f64) * BAR as f64).round().max(1.0) as usize;
    "█".repeat(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_busiest_period() {
        assert_eq!(bar(0, 10), "");
        assert_eq!(bar(10, 10).chars().count(), BAR);
        assert_eq!(bar(5, 10).chars().count(), BAR / 2);
        assert_eq!(
            bar(1, 1000).chars().count(),
            1,
            "a single article still shows"
        );
    }
}
