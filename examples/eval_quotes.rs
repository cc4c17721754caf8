//! Evaluates quotation extraction and speaker attribution on a PolNeAR split (brat
//! standoff): `cargo run --release --example eval_quotes -- DIR [--show]` where DIR holds
//! `text/` and `attributions/`.
//!
//! Each text file is the whole body (title empty), exactly `extract("", text).quotes`, as
//! `newsdex extract --raw --json` would give. Gold quotes are the Content spans that
//! contain a double quotation mark (“ ” " « » „), from the first to the last mark,
//! deduplicated; for articles with several annotators the first `.ann` file in name order
//! is used. A predicted quote matches a gold quote when it overlaps at least half of it;
//! precision counts predicted quotes that match some gold quote, recall gold quotes matched
//! by some prediction. Speaker accuracy is over matched gold quotes whose Source is a name:
//! the first comma-separated part of the Source whose head (the words before a
//! preposition: "Mr. Morgan of the Sierra Club" → "Mr. Morgan") ends in a capitalised word
//! gives the name (its trailing capitalised words, titles and a leading "The" removed;
//! pronouns and lowercase descriptions are not names), and the prediction is right when its speaker
//! contains that name, case-insensitively (apostrophes unified). The prediction used is
//! the one overlapping the gold quote most.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use newsdex::extract::{extract, names, Quote};

struct Gold {
    start: usize,
    end: usize,
    source: Option<String>,
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .context("usage: eval_quotes DIR [--show]")?;
    let show = args.iter().any(|a| a == "--show");
    let dir = Path::new(dir);
    let mut anns: BTreeMap<String, std::path::PathBuf> = BTreeMap::new();
    for entry in std::fs::read_dir(dir.join("attributions"))? {
        let path = entry?.path();
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        let Some((base, _annotator)) = name.rsplit_once('_') else {
            continue;
        };
        let keep = anns.get(base).is_none_or(|p| path < *p);
        if keep {
            anns.insert(base.to_string(), path);
        }
    }
    let mut t = Totals::default();
    for (base, ann) in &anns {
        let text = std::fs::read_to_string(dir.join("text").join(format!("{base}.txt")))?;
        let gold = gold_quotes(&text, &std::fs::read_to_string(ann)?);
        let t0 = Instant::now();
        let quotes = extract("", &text).quotes;
        t.secs += t0.elapsed().as_secs_f64();
        t.bytes += text.len();
        score(&mut t, base, &text, &gold, &quotes, show);
    }
    let (tp_pred, n_pred, tp_gold, n_gold) = (t.tp_pred, t.n_pred, t.tp_gold, t.n_gold);
    let (right, n_named, bytes, secs) = (t.right, t.n_named, t.bytes, t.secs);
    let p = tp_pred as f64 / n_pred.max(1) as f64;
    let r = tp_gold as f64 / n_gold.max(1) as f64;
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    println!(
        "articles {}  gold quotes {n_gold}  predicted {n_pred}",
        anns.len()
    );
    println!("precision {p:.3}  recall {r:.3}  F1 {f1:.3}");
    println!(
        "speaker (named gold source, matched quotes): {right}/{n_named} = {:.3}",
        right as f64 / n_named.max(1) as f64
    );
    println!(
        "extract() throughput: {:.1} MB/s",
        bytes as f64 / 1e6 / secs.max(1e-9)
    );
    Ok(())
}

#[derive(Default)]
struct Totals {
    n_gold: usize,
    n_pred: usize,
    tp_pred: usize,
    tp_gold: usize,
    n_named: usize,
    right: usize,
    bytes: usize,
    secs: f64,
}

/// Scores one article's predictions against its gold quotes.
fn score(t: &mut Totals, base: &str, text: &str, gold: &[Gold], quotes: &[Quote], show: bool) {
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
fn char_index(text: &str) -> Vec<usize> {
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

/// Gold quotes of one article (char offsets).
fn gold_quotes(text: &str, ann: &str) -> Vec<Gold> {
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
        let source = args
            .get("Source")
            .and_then(|t| spans.get(t))
            .map(|&(s, e)| chars[s..e].iter().collect::<String>());
        for key in ["Content", "Content2"] {
            let Some(&(s, e)) = args.get(key).and_then(|t| spans.get(t)) else {
                continue;
            };
            let marks: Vec<usize> = (s..e).filter(|&i| "“”\"«»„".contains(chars[i])).collect();
            let (Some(&first), Some(&last)) = (marks.first(), marks.last()) else {
                continue;
            };
            if first + 1 >= last || out.iter().any(|g| g.start == first + 1 && g.end == last) {
                continue;
            }
            out.push(Gold {
                start: first + 1,
                end: last,
                source: source.clone(),
            });
        }
    }
    out
}

/// The name in a gold Source span, or `None` for pronouns and descriptions.
fn source_name(source: &str) -> Option<String> {
    for part in source.split([',', '(', ')']) {
        // The head of the phrase: "Mr. Morgan of the Sierra Club" names Mr. Morgan.
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
