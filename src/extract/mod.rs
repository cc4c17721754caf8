//! What newsdex sees in an article: named entities (people, organisations, places) with
//! canonical names, and quotations with their speakers.
//!
//! [`extract`] is the one entry point the rest of the pipeline uses; the tagger, the name
//! resolver and the quote finder are internal stages behind it.

mod clean;
mod joins;
mod kinds;
pub mod lexicon;
pub mod names;
pub mod ner;
pub mod quotes;
pub mod similar;

pub use quotes::QuoteKind;

use clean::{Segment, Span};
use serde::{Deserialize, Serialize};

/// The kinds of named entity newsdex indexes, spelled one way everywhere: `person`, `org`
/// and `place` in code, flags, query fields, JSON and the page. JSON of earlier versions
/// (`organization`, `location`) is still read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organisation: a company, party, ministry, team, agency, publication.
    #[serde(alias = "organization")]
    Org,
    /// A place: a country, city, region, street, landmark.
    #[serde(alias = "location")]
    Place,
}

impl EntityKind {
    /// Every kind, in display order.
    pub const ALL: [EntityKind; 3] = [EntityKind::Person, EntityKind::Org, EntityKind::Place];

    /// The one spelling of the kind (`person`, `org`, `place`).
    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Org => "org",
            EntityKind::Place => "place",
        }
    }

    /// Reads a kind; the spellings of earlier versions are accepted too.
    pub fn parse(text: &str) -> Option<EntityKind> {
        match text.trim().to_ascii_lowercase().as_str() {
            "person" | "per" => Some(EntityKind::Person),
            "org" | "organization" | "organisation" => Some(EntityKind::Org),
            "place" | "location" | "loc" => Some(EntityKind::Place),
            _ => None,
        }
    }
}

/// One mention of an entity in the body; `start`/`end` are byte offsets into the body and
/// `canonical` the fullest name the article uses for the same entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Person, organisation or place.
    pub kind: EntityKind,
    /// The mention as written (`body[start..end]`).
    pub text: String,
    /// The fullest name the article uses for it ("Putin" → "Vladimir Putin").
    pub canonical: String,
    /// Byte offset of the mention's start in the body.
    pub start: usize,
    /// Byte offset just past its end.
    pub end: usize,
}

/// One quotation, direct (in marks) or reported ([`QuoteKind`]); `start`/`end` are byte
/// offsets into the body of the quoted text without its quotation marks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The words quoted, without their marks (paragraphs of one quotation joined).
    pub text: String,
    /// Byte offset of the quoted text in the body.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// The speaker's canonical name, when attributed.
    pub speaker: Option<String>,
    /// The speaker as the attribution writes it ("she", "Mr Varga").
    pub speaker_text: Option<String>,
    /// The reporting verb's lemma (`say`, `tell`, `add`).
    pub cue: Option<String>,
    /// Whether the speaker is a person or an organisation (`None` without a speaker).
    #[serde(default)]
    pub speaker_kind: Option<EntityKind>,
    /// The organisation a person speaker speaks for, as named next to the attribution
    /// ("a spokeswoman for Acme, Jane Roe, said" → "Acme").
    #[serde(default)]
    pub affiliation: Option<String>,
    /// Direct quotation or reported speech.
    #[serde(default)]
    pub kind: QuoteKind,
    /// A person speaker's role as the article gives it ("the chief executive of Acme",
    /// "Prime Minister"), when it does.
    #[serde(default)]
    pub role: Option<String>,
}

/// Everything extracted from one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Extraction {
    /// Mentions in the body, in text order.
    pub entities: Vec<Entity>,
    /// Canonical entities named only in the title (no body offsets), deduplicated.
    pub title_entities: Vec<(EntityKind, String)>,
    /// Quotations in body order.
    pub quotes: Vec<Quote>,
}

/// Extracts entities and quotes from an article's title and body.
///
/// Stages: the tagger and the span cleaning (`clean`) run on the body and on the title,
/// each a segment of its own; person, organisation and location spans become mentions
/// (miscellaneous ones are dropped) with titles, possessives and a leading "the" trimmed
/// off; `kinds` gives every mention of one name one kind; canonical names come from
/// [`names::canonical_names`] over the body and title mentions together. Quotations come
/// from [`quotes::find_quotes`].
pub fn extract(title: &str, body: &str) -> Extraction {
    extract_with(title, body, &Options::default())
}

/// What [`extract_with`] extracts beyond the default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Also list reported speech (`Roe said the talks had failed`) among the quotes.
    pub indirect: bool,
}

/// [`extract`] with options.
pub fn extract_with(title: &str, body: &str, options: &Options) -> Extraction {
    let mut body_mentions = clean::clean_spans(body, Segment::Body);
    let mut title_mentions = clean::clean_spans(title, Segment::Title);
    kinds::harmonise_spans(body, title, &mut body_mentions, &mut title_mentions);
    let segment_text = |m: &Span| match m.segment {
        Segment::Body => body,
        Segment::Title => title,
    };
    let mentions: Vec<names::Mention> = body_mentions
        .iter()
        .chain(&title_mentions)
        .map(|m| names::Mention {
            kind: m.kind,
            text: &segment_text(m)[m.start..m.end],
            start: reading_position(m, body),
            dateline: m.dateline,
        })
        .collect();
    let mut canonical = names::canonical_names(&mentions, body).into_iter();
    let entities: Vec<Entity> = body_mentions
        .iter()
        .zip(canonical.by_ref())
        .map(|(m, canonical)| Entity {
            kind: m.kind,
            text: body[m.start..m.end].to_string(),
            canonical,
            start: m.start,
            end: m.end,
        })
        .collect();
    let mut title_entities: Vec<(EntityKind, String)> = title_mentions
        .iter()
        .zip(canonical)
        .map(|(m, c)| (m.kind, c))
        .collect();
    title_entities.sort();
    title_entities.dedup();
    let settings = quotes::Settings {
        indirect: options.indirect,
        ..quotes::Settings::default()
    };
    let quotes = quotes::find_quotes_with(body, &entities, &settings);
    Extraction {
        entities,
        title_entities,
        quotes,
    }
}

/// Where a mention comes in reading order, for the name resolver, which links a short
/// mention to the nearest full name before it: its offset in the body, or for a title
/// mention its offset after the whole body (the title is read last, so it never decides
/// which of two people a body mention means).
fn reading_position(m: &Span, body: &str) -> usize {
    match m.segment {
        Segment::Body => m.start,
        Segment::Title => body.len() + 1 + m.start,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dateline_names_are_mixed_case_places() {
        let title = "Harbour plan approved";
        let body = "HALVERTON — The Halverton council approved the harbour plan on Monday. \
            Halverton residents had asked for it for years, said Mayor Anna Brode.";
        let got = extract(title, body);
        let dateline = &got.entities[0];
        assert_eq!(
            (
                dateline.kind,
                dateline.text.as_str(),
                dateline.canonical.as_str()
            ),
            (EntityKind::Place, "HALVERTON", "Halverton"),
            "{:?}",
            got.entities
        );
        for e in got.entities.iter().filter(|e| e.text.contains("alverton")) {
            assert_eq!(e.kind, EntityKind::Place, "{e:?}");
            assert_eq!(e.canonical, "Halverton", "{e:?}");
        }
    }
}
