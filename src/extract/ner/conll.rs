//! CoNLL-2003 files: reading, rebuilding document text, and span-exact (conlleval) scoring.
//!
//! Used by the training and evaluation tools. Evaluation goes through the same path as the
//! product: a document's tokens are joined with spaces into text, the text is tagged, and the
//! returned byte spans are mapped back onto the original tokens before scoring.

use super::decode::{make_tag, runs, tag_type};
use super::Span;
#[cfg(feature = "train")]
use crate::extract::lexicon::tagger;

/// One document: its sentences, each a list of `(token, BIO tag)`.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    /// Sentences of `(token, BIO tag)` pairs.
    pub sentences: Vec<Vec<(String, u8)>>,
}

fn type_index(name: &str) -> Option<u8> {
    match name {
        "PER" => Some(0),
        "ORG" => Some(1),
        "LOC" => Some(2),
        "MISC" => Some(3),
        _ => None,
    }
}

/// Parses CoNLL text (IOB1 or IOB2 NER in the last column) into documents with BIO tags.
pub fn read(text: &str) -> Vec<Doc> {
    let mut docs = vec![Doc::default()];
    let mut sent: Vec<(String, u8)> = Vec::new();
    for line in text.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let (Some(tok), Some(ner)) = (cols.first(), cols.last()) else {
            flush(&mut docs, &mut sent);
            continue;
        };
        if *tok == "-DOCSTART-" {
            flush(&mut docs, &mut sent);
            if docs.last().is_some_and(|d| !d.sentences.is_empty()) {
                docs.push(Doc::default());
            }
            continue;
        }
        let prev_ty = sent.last().and_then(|(_, t)| tag_type(*t));
        let tag = match ner
            .split_once('-')
            .and_then(|(bi, ty)| Some((bi, type_index(ty)?)))
        {
            Some((bi, ty)) => make_tag(ty, bi == "I" && prev_ty == Some(ty)),
            None => 0,
        };
        sent.push((tok.to_string(), tag));
    }
    flush(&mut docs, &mut sent);
    docs.retain(|d| !d.sentences.is_empty());
    docs
}

fn flush(docs: &mut [Doc], sent: &mut Vec<(String, u8)>) {
    if !sent.is_empty() {
        if let Some(d) = docs.last_mut() {
            d.sentences.push(std::mem::take(sent));
        }
    }
}

/// A copy of `doc` in which every `every`-th sentence (counting from the second) is rewritten
/// in title case and the one after it in capitals, labels unchanged: training data for
/// headline styles the corpus has too few of. ASCII case changes only, so offsets hold.
#[cfg(feature = "train")]
pub fn recase(doc: &Doc, every: usize) -> Doc {
    let every = every.max(2);
    let sentences = doc
        .sentences
        .iter()
        .enumerate()
        .map(|(i, sent)| match i % every {
            1 => sent
                .iter()
                .enumerate()
                .map(|(j, (w, t))| (title_word(w, j == 0), *t))
                .collect(),
            2 => sent
                .iter()
                .map(|(w, t)| (w.to_ascii_uppercase(), *t))
                .collect(),
            _ => sent.clone(),
        })
        .collect();
    Doc { sentences }
}

#[cfg(feature = "train")]
fn title_word(word: &str, first: bool) -> String {
    if !first
        && tagger::TITLE_SMALL
            .iter()
            .any(|s| s.eq_ignore_ascii_case(word))
    {
        return word.to_ascii_lowercase();
    }
    let mut out = word.to_string();
    if let Some(c) = out.get_mut(..1) {
        c.make_ascii_uppercase();
    }
    out
}

/// How a document is turned into text for tagging.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Tokens joined by spaces, sentences by newlines, one text per document.
    Lines,
    /// The whole document on one line.
    OneLine,
    /// One text per sentence.
    Sentence,
}

/// A text to tag with the byte ranges of its gold tokens and their BIO tags.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The raw text the tagger sees.
    pub text: String,
    /// Byte range of each gold token in `text`.
    pub ranges: Vec<(usize, usize)>,
    /// BIO tag of each gold token.
    pub gold: Vec<u8>,
}

/// Renders a document as one or more texts according to `layout`.
pub fn render(doc: &Doc, layout: Layout) -> Vec<Rendered> {
    let mut out = vec![Rendered::default()];
    for sent in &doc.sentences {
        let cur = out.last_mut().filter(|r| !r.text.is_empty());
        if let Some(r) = cur {
            if layout == Layout::Sentence {
                out.push(Rendered::default());
            } else {
                r.text
                    .push(if layout == Layout::Lines { '\n' } else { ' ' });
            }
        }
        let Some(r) = out.last_mut() else { continue };
        for (i, (tok, tag)) in sent.iter().enumerate() {
            if i > 0 {
                r.text.push(' ');
            }
            r.ranges.push((r.text.len(), r.text.len() + tok.len()));
            r.text.push_str(tok);
            r.gold.push(*tag);
        }
    }
    out
}

/// Maps predicted byte spans back to BIO tags on tokens with the given byte ranges: a token
/// belongs to a span that covers it; the first such token begins the entity.
pub fn tags_from_spans(spans: &[Span], ranges: &[(usize, usize)]) -> Vec<u8> {
    let mut tags = vec![0u8; ranges.len()];
    let mut j = 0;
    for span in spans {
        while j < ranges.len() && ranges[j].1 <= span.start {
            j += 1;
        }
        let mut first = true;
        let mut k = j;
        while k < ranges.len() && ranges[k].0 < span.end {
            if ranges[k].0 >= span.start && ranges[k].1 <= span.end {
                tags[k] = make_tag(span.label as u8, !first);
                first = false;
            }
            k += 1;
        }
    }
    tags
}

/// Span-exact counts per type (PER, ORG, LOC, MISC): true positives, predicted, gold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Spans predicted exactly, per type.
    pub tp: [usize; 4],
    /// Spans predicted, per type.
    pub pred: [usize; 4],
    /// Gold spans, per type.
    pub gold: [usize; 4],
}

impl Counts {
    /// Adds the comparison of one tag sequence.
    pub fn add(&mut self, gold: &[u8], pred: &[u8]) {
        let g = runs(gold);
        let p = runs(pred);
        for &(t, _, _) in &g {
            self.gold[t as usize] += 1;
        }
        for r in &p {
            self.pred[r.0 as usize] += 1;
            if g.contains(r) {
                self.tp[r.0 as usize] += 1;
            }
        }
    }

    /// Precision, recall, F1 over the given type indices.
    pub fn prf(&self, types: &[usize]) -> (f64, f64, f64) {
        let sum = |a: &[usize; 4]| types.iter().map(|&t| a[t]).sum::<usize>() as f64;
        let (tp, pred, gold) = (sum(&self.tp), sum(&self.pred), sum(&self.gold));
        let p = if pred > 0.0 { tp / pred } else { 0.0 };
        let r = if gold > 0.0 { tp / gold } else { 0.0 };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

/// Tags every document of `docs` rendered with `layout` through `tag` and scores the spans.
pub fn evaluate(docs: &[Doc], layout: Layout, tag: impl Fn(&str) -> Vec<Span>) -> Counts {
    let mut counts = Counts::default();
    for doc in docs {
        for r in render(doc, layout) {
            let pred = tags_from_spans(&tag(&r.text), &r.ranges);
            counts.add(&r.gold, &pred);
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ner::Label;

    const SAMPLE: &str = "-DOCSTART- -X- -X- O\n\nAnna NNP I-NP I-PER\nLee NNP I-NP I-PER\n\
        visited VBD I-VP O\nOslo NNP I-NP I-LOC\n. . O O\n\nAcme NNP I-NP I-ORG\nwon VBD O O\n\n";

    #[test]
    fn reads_and_renders_documents() {
        let docs = read(SAMPLE);
        assert_eq!(docs.len(), 1);
        let r = render(&docs[0], Layout::Lines);
        assert_eq!(r[0].text, "Anna Lee visited Oslo .\nAcme won");
        let (per_b, per_i, loc_b, org_b) = (
            make_tag(0, false),
            make_tag(0, true),
            make_tag(2, false),
            make_tag(1, false),
        );
        assert_eq!(r[0].gold, vec![per_b, per_i, 0, loc_b, 0, org_b, 0]);
        assert_eq!(render(&docs[0], Layout::Sentence).len(), 2);
        assert_eq!(
            render(&docs[0], Layout::OneLine)[0].text,
            "Anna Lee visited Oslo . Acme won"
        );
    }

    #[cfg(feature = "train")]
    #[test]
    fn recases_sentences_for_headline_styles() {
        let doc = Doc {
            sentences: (0..3)
                .map(|_| {
                    vec![
                        ("the".to_string(), 0),
                        ("talks".into(), 0),
                        ("of".into(), 0),
                        ("Oslo".into(), 5),
                    ]
                })
                .collect(),
        };
        let got = recase(&doc, 3);
        let words = |i: usize| {
            got.sentences[i]
                .iter()
                .map(|(w, _)| w.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(words(0), ["the", "talks", "of", "Oslo"]);
        assert_eq!(words(1), ["The", "Talks", "of", "Oslo"]);
        assert_eq!(words(2), ["THE", "TALKS", "OF", "OSLO"]);
        assert_eq!(got.sentences[2][3].1, 5);
    }

    #[test]
    fn scores_exact_spans() {
        let docs = read(SAMPLE);
        let r = &render(&docs[0], Layout::Lines)[0];
        let spans = [
            Span {
                label: Label::Per,
                start: 0,
                end: 4,
            },
            Span {
                label: Label::Loc,
                start: 17,
                end: 21,
            },
            Span {
                label: Label::Org,
                start: 24,
                end: 28,
            },
        ];
        let pred = tags_from_spans(&spans, &r.ranges);
        let mut c = Counts::default();
        c.add(&r.gold, &pred);
        assert_eq!(c.tp, [0, 1, 1, 0]);
        assert_eq!(c.gold, [1, 1, 1, 0]);
        let (p, rec, f) = c.prf(&[0, 1, 2]);
        assert!((p - 2.0 / 3.0).abs() < 1e-9 && (rec - 2.0 / 3.0).abs() < 1e-9);
        assert!((f - 2.0 / 3.0).abs() < 1e-9);
    }
}
