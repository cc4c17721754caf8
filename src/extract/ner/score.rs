//! Scoring tokens at tag time, with the work that repeats done once.
//!
//! A token's score is the sum of its features' weight rows, and nearly all of the tagger's time
//! goes into fetching those rows from a multi-megabyte table (a cache miss each). Two sums
//! repeat and are kept: the tag-independent part of a token's score, reused by the second
//! decoding pass, and the sum of a word's own features ([`word_features`]: fixed by the word,
//! whether it opens its sentence, and the sentence's case mode), kept in a small per-thread
//! table because news text repeats its words. Weights are integers, so the cached sums give
//! exactly the scores of the plain sum. The same reasoning keeps each word's [`TokInfo`]
//! (ten hashes and a lexicon probe) in a second per-thread table, checked against the word.
//! One shortcut does change results, measured to be for the better: plain lowercase words
//! and punctuation after a non-entity token are not scored at all ([`plainly_outside`]).

mod tables;

use super::decode::{best, decode_document, Context, Stepper, Tok, NTAGS};
use super::features::{
    caps_class, flag, hash_bytes, key, neighbour, pair_features, tok_info, word_dynamic_features,
    word_features, Scratch, TokInfo, NEIGHBOURS,
};
use super::model::Model;
use super::tokenize::Token;
use std::cell::RefCell;
use std::ops::Range;

/// Slots of the per-thread word-score table (direct-mapped; ~640 KB with the keys; a table
/// that also kept each word's features as a neighbour measured slower).
const WORD_SLOTS: usize = 1 << 13;

/// Sums of word features by (word, first, mode).
struct WordScores {
    keys: Vec<u64>,
    rows: Vec<[i32; NTAGS]>,
}

impl WordScores {
    fn new() -> WordScores {
        WordScores {
            keys: vec![0; WORD_SLOTS],
            rows: vec![[0; NTAGS]; WORD_SLOTS],
        }
    }

    /// The sum of `t`'s word features, from the table or computed (and stored).
    fn get(
        &mut self,
        model: &Model,
        t: &TokInfo,
        first: bool,
        mode: u64,
        buf: &mut Vec<u64>,
    ) -> [i32; NTAGS] {
        let k = key(99, t.word, u64::from(first) | mode << 1);
        let slot = k as usize & (WORD_SLOTS - 1);
        if k != 0 && self.keys[slot] == k {
            return self.rows[slot];
        }
        buf.clear();
        word_features(t, first, mode, buf);
        let mut acc = [0i32; NTAGS];
        model.add_all(buf, &mut acc);
        if k != 0 {
            self.keys[slot] = k;
            self.rows[slot] = acc;
        }
        acc
    }
}

/// Slots of the per-thread token-info table; words longer than [`MAX_WORD`] bytes are not kept.
const TOK_SLOTS: usize = 1 << 14;
const MAX_WORD: usize = 22;

/// [`TokInfo`]s by word (direct-mapped; the word itself is kept to check a hit).
struct TokInfos {
    words: Vec<([u8; MAX_WORD], u8)>,
    infos: Vec<TokInfo>,
    scratch: Scratch,
}

impl TokInfos {
    fn new() -> TokInfos {
        TokInfos {
            words: vec![([0; MAX_WORD], u8::MAX); TOK_SLOTS],
            infos: vec![TokInfo::default(); TOK_SLOTS],
            scratch: Scratch::default(),
        }
    }

    fn get(&mut self, word: &str, model: &Model) -> TokInfo {
        let bytes = word.as_bytes();
        if bytes.len() > MAX_WORD {
            return tok_info(word, &mut self.scratch, &model.lexicon);
        }
        let slot = hash_bytes(bytes) as usize & (TOK_SLOTS - 1);
        let (stored, len) = &self.words[slot];
        if usize::from(*len) == bytes.len() && &stored[..bytes.len()] == bytes {
            return self.infos[slot];
        }
        let info = tok_info(word, &mut self.scratch, &model.lexicon);
        let mut key = [0u8; MAX_WORD];
        key[..bytes.len()].copy_from_slice(bytes);
        self.words[slot] = (key, bytes.len() as u8);
        self.infos[slot] = info;
        info
    }
}

/// Everything a thread keeps between documents, valid for one model.
struct Caches {
    model: u64,
    words: WordScores,
    neighbours: tables::NeighbourScores,
    fixed: tables::Fixed,
    toks: TokInfos,
}

impl Caches {
    fn new(model: &Model) -> Caches {
        Caches {
            model: model.id(),
            words: WordScores::new(),
            neighbours: tables::NeighbourScores::new(),
            fixed: tables::Fixed::new(model),
            toks: TokInfos::new(),
        }
    }

    fn for_model(&mut self, model: &Model) -> &mut Caches {
        if self.model != model.id() {
            *self = Caches::new(model);
        }
        self
    }

    fn tag(
        &mut self,
        model: &Model,
        text: &str,
        tokens: &[Token],
        sentences: &[Range<usize>],
    ) -> Vec<u8> {
        let infos: Vec<TokInfo> = tokens
            .iter()
            .map(|t| self.toks.get(text.get(t.start..t.end).unwrap_or(""), model))
            .collect();
        let mut stepper = Greedy {
            model,
            words: &mut self.words,
            neighbours: &mut self.neighbours,
            fixed: &self.fixed,
            // Only a second pass reads them back.
            statics: if model.two_pass() {
                vec![None; infos.len()]
            } else {
                Vec::new()
            },
            buf: Vec::with_capacity(32),
        };
        decode_document(&infos, sentences, &mut stepper, model.two_pass())
    }
}

thread_local! {
    static CACHES: RefCell<Option<Caches>> = const { RefCell::new(None) };
}

/// The tag-time stepper: highest-scoring tag, static scores kept per token of the document.
struct Greedy<'a> {
    model: &'a Model,
    words: &'a mut WordScores,
    neighbours: &'a mut tables::NeighbourScores,
    fixed: &'a tables::Fixed,
    statics: Vec<Option<[i32; NTAGS]>>,
    buf: Vec<u64>,
}

impl Greedy<'_> {
    fn static_scores(&mut self, tok: Tok<'_>) -> [i32; NTAGS] {
        if let Some(Some(s)) = self.statics.get(tok.index) {
            return *s;
        }
        let Some(t) = tok.sent.get(tok.i) else {
            return [0; NTAGS];
        };
        let mut acc = self
            .words
            .get(self.model, t, tok.i == 0, tok.mode, &mut self.buf);
        for (role, &d) in NEIGHBOURS.iter().enumerate() {
            let n = neighbour(tok.sent, tok.i, d);
            self.neighbours
                .add_to(self.model, role, n, &mut self.buf, &mut acc);
        }
        self.buf.clear();
        pair_features(tok.sent, tok.i, &mut self.buf);
        self.model.add_all(&self.buf, &mut acc);
        if let Some(slot) = self.statics.get_mut(tok.index) {
            *slot = Some(acc);
        }
        acc
    }
}

impl Stepper for Greedy<'_> {
    fn step(&mut self, tok: Tok<'_>, dynamic: &[u64], prev: u8) -> u8 {
        if self.outside(tok, prev) {
            return 0;
        }
        let mut acc = self.static_scores(tok);
        self.model.add_all(dynamic, &mut acc);
        best(&acc.map(|s| s as f32))
    }

    /// The shortcut of [`plainly_outside`], taken before the decoder computes the token's
    /// tag-dependent features (three tokens in four need none).
    fn outside(&self, tok: Tok<'_>, prev: u8) -> bool {
        prev == 0 && plainly_outside(tok)
    }

    /// [`Stepper::step`] with the dynamic features that involve no word added from the
    /// [`tables::Fixed`] sums.
    fn step_in(&mut self, tok: Tok<'_>, ctx: Context, _feats: &mut Vec<u64>) -> u8 {
        let Some(t) = tok.sent.get(tok.i) else {
            return 0;
        };
        if self.outside(tok, ctx.prev) {
            return 0;
        }
        let mut acc = self.static_scores(tok);
        let tags = (ctx.prev, ctx.prev2, ctx.hist);
        self.fixed
            .add_to(self.model, tags, (ctx.global, caps_class(t)), &mut acc);
        self.buf.clear();
        word_dynamic_features(t, ctx.prev, ctx.hist, ctx.global, &mut self.buf);
        self.model.add_all(&self.buf, &mut acc);
        best(&acc.map(|s| s as f32))
    }
}

/// A word without capitals, inside its sentence, after a token outside any entity and before
/// a word without capitals ("the", "rates" in "said the rates rose"): outside any entity too,
/// without scoring, unless it is a name particle ("van der Walt"). Three in four tokens of
/// news text are such words. The model agrees almost always: on CoNLL-2003 dev and on the
/// 2,225 BBC articles the tags are identical; on 2,000 synthetic texts 23 of 141,949 spans
/// are no longer found, all errors of the full scorer ("tai" as a person). A connecting word
/// before a capitalised one ("of" in "Freedom of Information Act") is still scored: dropping
/// that condition lost such names in BBC politics.
///
/// Punctuation after such a token is outside too (commas, full stops, quotation marks,
/// brackets), except "&", which joins names ("Marks & Spencer"). On CoNLL-2003 dev the tags
/// stay identical; on BBC 4 of 2,225 articles change, 3 of them for the better: the scorer had
/// opened names at "(" or ";" ("(K…", "; Mapletoft").
fn plainly_outside(tok: Tok<'_>) -> bool {
    let lower = |t: &TokInfo| t.flags & flag::HAS_ALPHA != 0 && t.flags & flag::HAS_UPPER == 0;
    let no_capitals = |t: &TokInfo| t.flags & flag::HAS_UPPER == 0;
    let plain_word = |t: &TokInfo| {
        lower(t) && !is_particle(t) && tok.sent.get(tok.i + 1).is_none_or(no_capitals)
    };
    tok.i > 0
        && tok
            .sent
            .get(tok.i)
            .is_some_and(|t| plain_punctuation(t) || plain_word(t))
}

/// Punctuation that never joins a name: anything without letters or digits but "&".
fn plain_punctuation(t: &TokInfo) -> bool {
    t.flags & (flag::PUNCT | flag::AMPERSAND) == flag::PUNCT
}

/// A name particle (`NAME_PARTICLES`: "de", "van", "bin", ...).
fn is_particle(t: &TokInfo) -> bool {
    t.flags & flag::PARTICLE != 0
}

/// Tags the tokens of `text` (split into `sentences`) with `model`: one BILOU tag per token,
/// as [`decode_document`] with a plain greedy stepper would, but for the plain-word shortcut.
pub fn tag(model: &Model, text: &str, tokens: &[Token], sentences: &[Range<usize>]) -> Vec<u8> {
    CACHES.with(|cell| match cell.try_borrow_mut() {
        Ok(mut caches) => caches
            .get_or_insert_with(|| Caches::new(model))
            .for_model(model)
            .tag(model, text, tokens, sentences),
        // Not reachable (tagging does not re-enter itself); private tables keep it correct.
        Err(_) => Caches::new(model).tag(model, text, tokens, sentences),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ner::features::{infos, sentence_mode, static_features};
    use crate::extract::ner::lexicon::Lexicon;
    use crate::extract::ner::tokenize::{sentences, tokenize};
    use crate::extract::ner::Tagger;

    /// The plain stepper: every feature looked up, every time (the same shortcut for plain
    /// words, which has its own test).
    struct Plain<'a>(&'a Model);

    impl Stepper for Plain<'_> {
        fn step(&mut self, tok: Tok<'_>, dynamic: &[u64], prev: u8) -> u8 {
            if prev == 0 && plainly_outside(tok) {
                return 0;
            }
            let mut feats = Vec::new();
            static_features(tok.sent, tok.i, tok.mode, &mut feats);
            feats.extend_from_slice(dynamic);
            let mut acc = [0i32; NTAGS];
            self.0.add_all(&feats, &mut acc);
            best(&acc.map(|s| s as f32))
        }
    }

    fn plain_tags(model: &Model, text: &str) -> Vec<u8> {
        let tokens = tokenize(text);
        let infos = infos(text, &tokens, &model.lexicon);
        let sents = sentences(text, &tokens);
        decode_document(&infos, &sents, &mut Plain(model), model.two_pass())
    }

    fn cached_tags(model: &Model, text: &str) -> Vec<u8> {
        let tokens = tokenize(text);
        tag(model, text, &tokens, &sentences(text, &tokens))
    }

    const TEXTS: &[&str] = &[
        "LISBON (Harbour Wire) - Marta Quintela, the port authority's chief, said on Monday that \
         the Tagus terminal would reopen. Quintela told reporters: \"We are ready.\" The \
         Lisbon Port Authority declined to comment further.",
        "ELECTION NIGHT IN OSLO: LABOUR HOLDS ON\n\nErna Vik conceded at midnight. Vik, who led \
         the Conservatives for a decade, thanked volunteers in Bergen and Oslo.",
        "A supercalifragilisticexpialidociously long word sits beside Dr. Ruth Okafor, who \
         works for Médecins Sans Frontières in Lagos; Okafor's team met Okafor again.",
        "",
    ];

    #[test]
    fn cached_scores_tag_exactly_like_plain_scores() {
        let one_pass = &Tagger::builtin().model;
        // The same weights decoded twice: the second pass reads the kept static scores.
        let two_pass = &one_pass.clone().with_two_pass(true);
        for model in [one_pass, two_pass] {
            for _round in 0..2 {
                // The second round runs on warm per-thread tables.
                for text in TEXTS {
                    assert_eq!(cached_tags(model, text), plain_tags(model, text), "{text}");
                }
            }
        }
    }

    #[test]
    fn cached_static_scores_equal_plain_sums() {
        // Words recur at sentence starts, mid-sentence and in an all-caps headline, so a table
        // keyed on the word alone would hand out wrong sums here.
        let model = &Tagger::builtin().model;
        let mut words = WordScores::new();
        let mut neighbours = tables::NeighbourScores::new();
        let fixed = tables::Fixed::new(model);
        for text in TEXTS.iter().chain(TEXTS) {
            let tokens = tokenize(text);
            let infos = infos(text, &tokens, &model.lexicon);
            let mut greedy = Greedy {
                model,
                words: &mut words,
                neighbours: &mut neighbours,
                fixed: &fixed,
                statics: vec![None; infos.len()],
                buf: Vec::new(),
            };
            for range in sentences(text, &tokens) {
                let sent = &infos[range.clone()];
                let mode = sentence_mode(sent);
                for i in 0..sent.len() {
                    let index = range.start + i;
                    let tok = Tok {
                        sent,
                        i,
                        mode,
                        index,
                    };
                    let mut feats = Vec::new();
                    static_features(sent, i, mode, &mut feats);
                    let mut want = [0i32; NTAGS];
                    model.add_all(&feats, &mut want);
                    assert_eq!(greedy.static_scores(tok), want, "token {index} of {text}");
                }
            }
        }
    }

    #[test]
    fn plain_words_after_outside_tokens_are_not_scored() {
        // (sentence, token index, shortcut taken)
        let cases: &[(&str, usize, bool)] = &[
            ("Officials said the rates rose.", 2, true),
            ("Officials said the rates rose.", 3, true),
            // Before a capitalised word: "of" in "Freedom of Information Act", "de Gaulle".
            ("He cited the Freedom of Information Act today.", 4, false),
            ("Crowds cheered de Gaulle in Paris.", 2, false),
            // Name particles before another lowercase particle: "van der Walt".
            ("The lock van der Walt scored.", 2, false),
            ("The lock van der Walt scored.", 3, false),
            // The sentence's first word, capitalised words, numbers and mixed case.
            ("rates rose again.", 0, false),
            ("Officials said Mr Lee agreed.", 2, false),
            ("Prices rose 4 per cent.", 2, false),
            ("Sales of the new iPhone slowed.", 4, false),
            // The last word of the sentence, before punctuation or nothing.
            ("Nobody knew why.", 2, true),
            ("Nobody knew why", 2, true),
            // Punctuation after a plain word, even before a name; "&" joins names.
            ("Officials said, Lee agreed.", 2, true),
            ("The coach (Kevin Lee) agreed.", 2, true),
            ("Shares in Marks & Spencer fell.", 3, false),
            // Punctuation opening a sentence is scored (the first token always is).
            ("\"Yes,\" she said.", 0, false),
        ];
        let model = &Tagger::builtin().model;
        for &(text, i, want) in cases {
            let tokens = tokenize(text);
            let sent = infos(text, &tokens, &model.lexicon);
            let mode = sentence_mode(&sent);
            let tok = Tok {
                sent: &sent,
                i,
                mode,
                index: i,
            };
            let word = &text[tokens[i].start..tokens[i].end];
            assert_eq!(plainly_outside(tok), want, "{word} in {text}");
        }
    }

    #[test]
    fn tables_do_not_leak_between_models() {
        let builtin = &Tagger::builtin().model;
        // A model whose bias weight says "one-word person" for every token.
        let mut row = [0f32; NTAGS];
        row[4] = 1.0;
        let everyone = Model::from_weights(&[(key(1, 0, 0), row)], Lexicon::default());
        let text = TEXTS[0];
        let n = tokenize(text).len();
        let before = cached_tags(builtin, text);
        assert!(before.contains(&0), "most words are not names");
        assert_eq!(cached_tags(&everyone, text), vec![4u8; n]);
        assert_eq!(cached_tags(builtin, text), before);
    }
}
