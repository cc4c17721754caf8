//! Named-entity tagger: finds person, organisation, location (and misc) spans in free text.
//!
//! Stub until the statistical tagger lands; the interface is what the rest of `extract` uses.

/// Entity labels the tagger predicts (CoNLL-2003 types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    Per,
    Org,
    Loc,
    Misc,
}

/// One tagged span; `start`/`end` are byte offsets into the tagged text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub label: Label,
    pub start: usize,
    pub end: usize,
}

/// Tags named entities in free text of any length (sentences are split inside).
pub fn tag(text: &str) -> Vec<Span> {
    let _ = text;
    Vec::new()
}
