//! PolNeAR loading and quote scoring shared by the `eval_quotes` and `train_quotes`
//! examples (included with `#[path]`; not an example of its own).
//!
//! Gold direct quotes are the Content spans that contain a double quotation mark (“ ” "
//! « » „), from the first to the last mark, deduplicated; gold reported speech is the
//! Content spans without any double mark. For articles with several annotators the first
//! `.ann` file in name order is used. A prediction matches a gold span when it overlaps at
//! least half of it; precision counts predictions that match some gold span, recall gold
//! spans matched. Speaker accuracy is over matched gold spans whose Source is a name (see
//! [`source_name`]); the prediction used is the one overlapping the gold span most.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use newsdex::extract::{names, Quote};

/// One article of a split with its first annotation file.
pub struct Article {
    pub name: String,
    pub publisher: String,
    pub text: String,
    pub ann: String,
}

/// The articles of `dir` (holding `text/` and `attributions/`), in name order.
pub fn load(dir: &Path) -> Result<Vec<Article>> {
    let mut anns: BTreeMap<String, std::path::PathBuf> = BTreeMap::new();
    let adir = dir.join("attributions");
    for entry in std::fs::read_dir(&adir).with_context(|| format!("reading {}", adir.display()))? {
        let path = entry?.path();
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        let Some((base, _annotator)) = name.rsplit_once('_') else {
            continue;
        };
        if anns.get(base).is_none_or(|p| path < *p) {
            anns.insert(base.to_string(), path);
        }
    }
    let mut out = Vec::new();
    for (base, ann) in anns {
        let tpath = dir.join("text").join(format!("{base}.txt"));
        let text = std::fs::read_to_string(&tpath)
            .with_context(|| format!("reading {}", tpath.display()))?;
        let ann =
            std::fs::read_to_string(&ann).with_context(|| format!("reading {}", ann.display()))?;
        let publisher = base.split('_').next().unwrap_or("").to_string();
        out.push(Article {
            name: base,
            publisher,
            text,
            ann,
        });
    }
    Ok(out)
}

/// A gold span (char offsets) with its source.
pub struct Gold {
    pub start: usize,
    pub end: usize,
    pub source: Option<String>,
    /// Char range of the Source span.
    pub source_span: Option<(usize, usize)>,
}

/// Which gold spans to read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// Content with double quotation marks, first to last mark.
    Direct,
    /// Content without double marks (reported speech), whole span.
    Indirect,
}

/// Gold spans of one article (char offsets).
pub fn gold(text: &str, ann: &str, which: Which) -> Vec<Gold> {
    let chars: Vec<char> = text.chars().collect();
    let mut spans: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(def)) = (cols.next(), cols.next()) else {
            continue;
        };
        if !id.starts_with('T') {
            continue;
        }
        let nums: Vec<usize> = def
            .split([' ', ';'])
            .skip(1)
            .filter_map(|n| n.parse().ok())
            .collect();
        if let (Some(&s), Some(&e)) = (nums.first(), nums.last()) {
            if s <= e && e <= chars.len() {
                spans.insert(id, (s, e));
            }
        }
    }
    let mut out: Vec<Gold> = Vec::new();
    for line in ann.lines().filter(|l| l.starts_with('E')) {
        let args: BTreeMap<&str, &str> = line
            .split(['\t', ' '])
            .skip(1)
            .filter_map(|a| a.split_once(':'))
            .collect();
        let source_span = args.get("Source").and_then(|t| spans.get(t)).copied();
        let source = source_span.map(|(s, e)| chars[s..e].iter().collect::<String>());
        for key in ["Content", "Content2"] {
            let Some(&(s, e)) = args.get(key).and_then(|t| spans.get(t)) else {
                continue;
            };
            let marks: Vec<usize> = (s..e).filter(|&i| "“”\"«»„".contains(chars[i])).collect();
            let (start, end) = match (which, marks.first(), marks.last()) {
                (Which::Direct, Some(&first), Some(&last)) if first + 1 < last => (first + 1, last),
                (Which::Indirect, None, None) if s < e => (s, e),
                _ => continue,
            };
            if out.iter().any(|g| g.start == start && g.end == end) {
                continue;
            }
            out.push(Gold {
                start,
                end,
                source: source.clone(),
                source_span,
            });
        }
    }
    out
}

/// Counts behind precision, recall and speaker accuracy.
#[derive(Default, Clone)]
pub struct Totals {
    pub n_gold: usize,
    pub n_pred: usize,
    pub tp_pred: usize,
    pub tp_gold: usize,
    pub n_named: usize,
    pub right: usize,
}

impl Totals {
    pub fn add(&mut self, o: &Totals) {
        self.n_gold += o.n_gold;
        self.n_pred += o.n_pred;
        self.tp_pred += o.tp_pred;
        self.tp_gold += o.tp_gold;
        self.n_named += o.n_named;
        self.right += o.right;
    }

    pub fn precision(&self) -> f64 {
        self.tp_pred as f64 / self.n_pred.max(1) as f64
    }

    pub fn recall(&self) -> f64 {
        self.tp_gold as f64 / self.n_gold.max(1) as f64
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }

    pub fn speaker(&self) -> f64 {
        self.right as f64 / self.n_named.max(1) as f64
    }
}

/// Scores one article's predictions against its gold spans; with `show`, prints misses,
/// speaker errors and false predictions.
pub fn score(t: &mut Totals, base: &str, text: &str, gold: &[Gold], quotes: &[Quote], show: bool) {
    let chars = char_index(text);
    let pred: Vec<(usize, usize, &Quote)> = quotes
        .iter()
        .map(|q| (chars[q.start], chars[q.end], q))
        .collect();
    t.n_gold += gold.len();
    t.n_pred += pred.len();
    t.tp_pred += pred
        .iter()
        .filter(|p| gold.iter().any(|g| matches(p.0, p.1, g)))
        .count();
    for g in gold {
        let best = pred
            .iter()
            .filter(|p| matches(p.0, p.1, g))
            .max_by_key(|p| overlap(p.0, p.1, g.start, g.end));
        let Some(best) = best else {
            if show {
                println!("MISS {base}: {}", snippet(text, g.start, g.end));
            }
            continue;
        };
        t.tp_gold += 1;
        let Some(name) = g.source.as_deref().and_then(source_name) else {
            continue;
        };
        t.n_named += 1;
        let said = best.2.speaker.as_deref().unwrap_or("");
        if fold(said).contains(&fold(&name)) {
            t.right += 1;
        } else if show {
            println!(
                "SPEAKER {base}: gold {name:?} got {said:?} ({:?}) cue {:?}: {}",
                best.2.speaker_text,
                best.2.cue,
                snippet(text, g.start, g.end)
            );
        }
    }
    if show {
        for p in pred
            .iter()
            .filter(|p| !gold.iter().any(|g| matches(p.0, p.1, g)))
        {
            println!("FALSE {base}: {}", snippet(text, p.0, p.1));
        }
    }
}

fn overlap(s: usize, e: usize, gs: usize, ge: usize) -> usize {
    e.min(ge).saturating_sub(s.max(gs))
}

fn matches(s: usize, e: usize, g: &Gold) -> bool {
    2 * overlap(s, e, g.start, g.end) >= g.end - g.start && overlap(s, e, g.start, g.end) > 0
}

/// Char offset of every byte offset (and of the end).
pub fn char_index(text: &str) -> Vec<usize> {
    let mut idx = vec![0; text.len() + 1];
    let mut n = 0;
    for (b, c) in text.char_indices() {
        for slot in &mut idx[b..b + c.len_utf8()] {
            *slot = n;
        }
        n += 1;
    }
    idx[text.len()] = n;
    idx
}

/// Byte offset of every char offset (and of the end).
pub fn byte_index(text: &str) -> Vec<usize> {
    let mut idx: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    idx.push(text.len());
    idx
}

fn snippet(text: &str, s: usize, e: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let from = s.saturating_sub(80);
    let to = (e + 80).min(chars.len());
    let mut out: String = chars[from..s].iter().collect();
    out.push('[');
    out.extend(&chars[s..e.min(s + 160)]);
    out.push(']');
    out.extend(&chars[e..to]);
    out.replace('\n', " ¶ ")
}

fn fold(s: &str) -> String {
    s.to_lowercase().replace('’', "'")
}

/// The name in a gold Source span, or `None` for pronouns and descriptions: the first
/// comma-separated part whose head (the words before a preposition: "Mr. Morgan of the
/// Sierra Club" → "Mr. Morgan") ends in a capitalised word gives the name (its trailing
/// capitalised words, titles and a leading "The" removed).
pub fn source_name(source: &str) -> Option<String> {
    for part in source.split([',', '(', ')']) {
        let words: Vec<&str> = part
            .split_whitespace()
            .take_while(|w| !matches!(*w, "of" | "for" | "at" | "from" | "with" | "in" | "on"))
            .collect();
        let Some(last) = words.last() else { continue };
        if !last.starts_with(char::is_uppercase) || words.len() == 1 && is_pronoun(last) {
            continue;
        }
        let run = words
            .iter()
            .rev()
            .take_while(|w| w.starts_with(char::is_uppercase))
            .count();
        let phrase = words[words.len() - run..].join(" ");
        let core = match names::person_core(&phrase) {
            Some((s, e)) => phrase[s..e].to_string(),
            None => continue,
        };
        let core = core.strip_prefix("The ").unwrap_or(&core).to_string();
        return Some(core);
    }
    None
}

fn is_pronoun(w: &str) -> bool {
    matches!(
        w,
        "He" | "She" | "I" | "We" | "They" | "It" | "You" | "Who" | "HE" | "SHE"
    )
}
