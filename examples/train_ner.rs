//! Trains the named-entity tagger and writes `models/ner.bin`.
//!
//! `cargo run --release --example train_ner -- --train FILE --out models/ner.bin [options]`
//! (the exact command for the shipped model is in `docs/NER.md`). Labelled data: `--train`
//! (CoNLL, repeatable), `--dev FILE` (scores printed while training). Unlabeled text for the
//! capitalisation lexicon and the word clusters: `--sgm DIR` (Reuters-21578 SGML bodies),
//! `--text DIR` (`*.txt` articles), `--gmb-text ZIP` (GMB sentences). `--gmb ZIP`: gazetteer
//! words from the GMB labels. Model: `--layouts lines,oneline,sentence`, `--epochs N`,
//! `--bags N`, `--seed N`, `--prune X`, `--clusters K` (0 = none), `--cluster-min N`,
//! `--cluster-words N`, `--two-pass`, `--augment N` (one more copy of the training set with
//! every N-th sentence in title case and the next in capitals).

use anyhow::{bail, Context, Result};
use newsdex::extract::ner::cluster::ContextCounter;
use newsdex::extract::ner::conll::{self, Layout};
use newsdex::extract::ner::gazetteer;
use newsdex::extract::ner::lexicon::{self, CaseCounter, Lexicon};
use newsdex::extract::ner::model::Model;
use newsdex::extract::ner::train::{
    add_context, count_case, prepare, train, train_bagged, TrainConfig,
};
use newsdex::extract::ner::Tagger;
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Default)]
struct Args {
    train: Vec<PathBuf>,
    dev: Option<PathBuf>,
    sgm: Vec<PathBuf>,
    text: Vec<PathBuf>,
    out: Option<PathBuf>,
    epochs: usize,
    prune: f32,
    layouts: Vec<Layout>,
    seed: u64,
    bags: usize,
    clusters: usize,
    two_pass: bool,
    gmb: Vec<PathBuf>,
    gmb_text: Vec<PathBuf>,
    cluster_min: u32,
    cluster_words: usize,
    augment: usize,
}

fn parse_args() -> Result<Args> {
    let mut a = Args {
        epochs: 12,
        prune: 0.05,
        layouts: vec![Layout::Lines],
        seed: 0x5eed_2003,
        cluster_min: 3,
        cluster_words: 40_000,
        ..Args::default()
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut val = || it.next().with_context(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--train" => a.train.push(val()?.into()),
            "--dev" => a.dev = Some(val()?.into()),
            "--sgm" => a.sgm.push(val()?.into()),
            "--text" => a.text.push(val()?.into()),
            "--out" => a.out = Some(val()?.into()),
            "--epochs" => a.epochs = val()?.parse()?,
            "--prune" => a.prune = val()?.parse()?,
            "--seed" => a.seed = val()?.parse()?,
            "--bags" => a.bags = val()?.parse()?,
            "--clusters" => a.clusters = val()?.parse()?,
            "--two-pass" => a.two_pass = true,
            "--augment" => a.augment = val()?.parse()?,
            "--gmb" => a.gmb.push(val()?.into()),
            "--gmb-text" => a.gmb_text.push(val()?.into()),
            "--cluster-min" => a.cluster_min = val()?.parse()?,
            "--cluster-words" => a.cluster_words = val()?.parse()?,
            "--layouts" => a.layouts = parse_layouts(&val()?)?,
            other => bail!("unknown argument {other}"),
        }
    }
    if a.train.is_empty() {
        bail!("--train FILE is required");
    }
    Ok(a)
}

/// Parses `lines,oneline,sentence`: the text layouts each training document is rendered in.
fn parse_layouts(s: &str) -> Result<Vec<Layout>> {
    s.split(',')
        .map(|l| match l {
            "lines" => Ok(Layout::Lines),
            "oneline" => Ok(Layout::OneLine),
            "sentence" => Ok(Layout::Sentence),
            other => bail!("unknown layout {other}"),
        })
        .collect()
}

/// Files under `dir` with extension `ext`, sorted for determinism.
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    v.sort();
    v
}

/// Text of the `<BODY>` elements of a Reuters-21578 SGML file, lines joined.
fn sgm_bodies(raw: &str) -> String {
    let mut out = String::new();
    for part in raw.split("<BODY>").skip(1) {
        let body = part.split("</BODY>").next().unwrap_or("");
        let body = body
            .replace("&lt;", "<")
            .replace("&amp;", "&")
            .replace("&#3;", "");
        out.push_str(&body.replace('\n', " "));
        out.push('\n');
    }
    out
}

/// All unlabeled texts: CoNLL training text, Reuters SGML bodies, plain-text articles.
fn unlabeled_texts(args: &Args, train_docs: &[conll::Doc]) -> Result<Vec<String>> {
    let mut texts = Vec::new();
    for doc in train_docs {
        texts.extend(
            conll::render(doc, Layout::Lines)
                .into_iter()
                .map(|r| r.text),
        );
    }
    for (dirs, ext) in [(&args.sgm, "sgm"), (&args.text, "txt")] {
        for dir in dirs {
            for f in files(dir, ext) {
                let raw = std::fs::read(&f).with_context(|| format!("reading {}", f.display()))?;
                let text = String::from_utf8_lossy(&raw);
                texts.push(if ext == "sgm" {
                    sgm_bodies(&text)
                } else {
                    text.into_owned()
                });
            }
        }
    }
    Ok(texts)
}

/// Reads the single deflated member of a zip file (the GMB `ner_dataset.csv.zip`).
fn unzip_single(bytes: &[u8]) -> Result<Vec<u8>> {
    let field = |at: usize, n: usize| -> Result<usize> {
        let b = bytes.get(at..at + n).context("zip file truncated")?;
        Ok(b.iter()
            .rev()
            .fold(0usize, |acc, &x| acc << 8 | usize::from(x)))
    };
    if field(0, 4)? != 0x0403_4b50 || field(8, 2)? != 8 {
        bail!("not a deflated zip member");
    }
    let start = 30 + field(26, 2)? + field(28, 2)?;
    let data = bytes.get(start..).context("zip file truncated")?;
    let mut out = Vec::new();
    flate2::read::DeflateDecoder::new(data).read_to_end(&mut out)?;
    Ok(out)
}

/// Rows of the GMB corpus (CSV `Sentence #,Word,POS,Tag`, Windows-1252, possibly zipped):
/// `(starts a sentence, word, type)` with per → 0, geo → 1, org → 2.
fn gmb_rows(path: &Path) -> Result<Vec<(bool, String, Option<u8>)>> {
    let raw = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let csv = if path.extension().is_some_and(|e| e == "zip") {
        unzip_single(&raw)?
    } else {
        raw
    };
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&csv);
    let rows = text.lines().skip(1).filter_map(|line| {
        let mut cols = line.trim_end().rsplitn(3, ',');
        let tag = cols.next()?;
        let _pos = cols.next()?;
        let (first, word) = cols.next()?.split_once(',')?;
        let ty = match tag.get(2..) {
            Some("per") => Some(0),
            Some("geo") => Some(1),
            Some("org") => Some(2),
            _ => None,
        };
        Some((!first.is_empty(), word.to_string(), ty))
    });
    Ok(rows.collect())
}

/// GMB sentences as plain texts of about 50 sentences each (for the unlabeled statistics).
fn gmb_texts(rows: &[(bool, String, Option<u8>)]) -> Vec<String> {
    let mut texts = vec![String::new()];
    let mut n = 0;
    for (start, word, _) in rows {
        let Some(cur) = texts.last_mut() else { break };
        if *start && !cur.is_empty() {
            n += 1;
            cur.push('\n');
        } else if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
        if n >= 50 {
            texts.push(String::new());
            n = 0;
        }
    }
    texts
}

fn build_lexicon(args: &Args, train_docs: &[conll::Doc]) -> Result<Lexicon> {
    let mut counter = CaseCounter::default();
    let mut contexts = ContextCounter::default();
    let mut texts = unlabeled_texts(args, train_docs)?;
    for f in &args.gmb_text {
        texts.extend(gmb_texts(&gmb_rows(f)?));
    }
    for text in texts {
        count_case(&text, &mut counter);
        add_context(&text, &mut contexts);
    }
    let (fine, coarse) = if args.clusters > 0 {
        let fine = contexts.cluster(args.clusters, args.cluster_min, args.cluster_words, 8);
        let coarse = contexts.cluster(
            (args.clusters / 8).max(2),
            args.cluster_min,
            args.cluster_words,
            8,
        );
        (fine, coarse)
    } else {
        Default::default()
    };
    let mut gaz = gazetteer::entries();
    for f in &args.gmb {
        let rows = gmb_rows(f)?;
        let derived = gazetteer::from_labelled(rows.iter().map(|r| (r.1.as_str(), r.2)), 2);
        eprintln!("{}: {} gazetteer words", f.display(), derived.len());
        gaz.extend(derived);
    }
    Ok(lexicon::merge(&counter.classes(2), &gaz, &fine, &coarse))
}

/// Prints dev scores for the three text layouts (or just the time without a dev file).
fn report_dev(dev: &[conll::Doc], label: &str, model: &Model, t0: std::time::Instant) {
    if dev.is_empty() {
        eprintln!("{label} ({:.1}s)", t0.elapsed().as_secs_f64());
        return;
    }
    let tagger = Tagger::from_model(model.clone());
    let mut line = format!("{label}:");
    for (name, layout) in [
        ("lines", Layout::Lines),
        ("oneline", Layout::OneLine),
        ("sent", Layout::Sentence),
    ] {
        let c = conll::evaluate(dev, layout, |t| tagger.tag(t));
        let (_, _, per) = c.prf(&[0]);
        let (_, _, micro) = c.prf(&[0, 1, 2]);
        line += &format!(" {name} PER {per:.4} micro {micro:.4} |");
    }
    let secs = t0.elapsed().as_secs_f64();
    eprintln!("{line} rows {} ({secs:.1}s)", model.len());
}

fn main() -> Result<()> {
    let args = parse_args()?;
    let mut docs = Vec::new();
    for f in &args.train {
        let text =
            std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?;
        docs.extend(conll::read(&text));
    }
    let dev = match &args.dev {
        Some(f) => conll::read(&std::fs::read_to_string(f)?),
        None => Vec::new(),
    };
    let t0 = std::time::Instant::now();
    let lexicon = build_lexicon(&args, &docs)?;
    eprintln!(
        "lexicon: {} words ({:.1}s)",
        lexicon.entries().count(),
        t0.elapsed().as_secs_f64()
    );
    let mut prepared = Vec::new();
    for &layout in &args.layouts {
        prepared.extend(prepare(&docs, &lexicon, layout));
    }
    if args.augment > 0 {
        let recased: Vec<conll::Doc> = docs
            .iter()
            .map(|d| conll::recase(d, args.augment))
            .collect();
        prepared.extend(prepare(&recased, &lexicon, Layout::Lines));
    }
    let cfg = TrainConfig {
        epochs: args.epochs,
        seed: args.seed,
        prune: args.prune,
        two_pass: args.two_pass,
    };
    let report = |label: &str, model: &Model| report_dev(&dev, label, model, t0);
    let model = if args.bags > 1 {
        let model = train_bagged(&prepared, &lexicon, cfg, args.bags);
        report(&format!("{} bags", args.bags), &model);
        model
    } else {
        train(&prepared, &lexicon, cfg, |epoch, model| {
            report(&format!("epoch {epoch}"), model)
        })
    };
    if let Some(out) = &args.out {
        let bytes = model.to_bytes();
        std::fs::write(out, &bytes).with_context(|| format!("writing {}", out.display()))?;
        eprintln!(
            "wrote {} ({} bytes, {} rows)",
            out.display(),
            bytes.len(),
            model.len()
        );
    }
    Ok(())
}
