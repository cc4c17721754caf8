//! How an article's entities and quotations are stored beside it, compactly.
//!
//! The article view needs every mention and quotation with its offsets, but most of what the
//! extractor's own JSON repeats is already in the stored body: a mention's text is
//! `body[start..end]`, its canonical name is usually that same text, and so is a quotation's.
//! Storing the extractor's JSON made the per-article record larger than the body itself
//! (5.2 KB of mentions for a 3.2 KB synthetic article), which the document store then had to
//! copy and compress. Here a mention is `[kind, start, end]` plus its canonical name only when
//! it differs from the text, and a quotation is `[start, end, speaker, speaker_text, cue]` plus
//! its text only when that is not the body slice (quotations joined across paragraphs).
//! Records written by earlier versions (the extractor's JSON) are still read.

use std::fmt::Write;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::extract::{Entity, EntityKind, Quote, QuoteKind};

/// Encodes the mentions of an article with body `body`.
pub fn encode_entities(body: &str, entities: &[Entity]) -> String {
    let mut out = String::with_capacity(16 * entities.len() + 2);
    out.push('[');
    for (i, e) in entities.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let code = match e.kind {
            EntityKind::Person => "p",
            EntityKind::Org => "o",
            EntityKind::Place => "l",
        };
        let _ = write!(out, "[\"{code}\",{},{}", e.start, e.end);
        let text_differs = body.get(e.start..e.end) != Some(e.text.as_str());
        if text_differs || e.canonical != e.text {
            out.push(',');
            push_opt(&mut out, text_differs.then_some(e.text.as_str()));
        }
        if e.canonical != e.text {
            out.push(',');
            push_opt(&mut out, Some(&e.canonical));
        }
        out.push(']');
    }
    out.push(']');
    out
}

/// Appends a JSON string, or `null`.
fn push_opt(out: &mut String, s: Option<&str>) {
    match s.and_then(|s| serde_json::to_string(s).ok()) {
        Some(json) => out.push_str(&json),
        None => out.push_str("null"),
    }
}

/// Decodes [`encode_entities`] (or the extractor's JSON of earlier versions); anything
/// unreadable is skipped.
pub fn decode_entities(body: &str, stored: &str) -> Vec<Entity> {
    decode_rows(stored, |cols| entity_row(body, cols))
}

/// The rows of a stored array: compact rows through `row`, objects (the extractor's own
/// JSON, written by earlier versions) through serde.
fn decode_rows<T: DeserializeOwned>(stored: &str, row: impl Fn(&[Value]) -> Option<T>) -> Vec<T> {
    let Ok(Value::Array(rows)) = serde_json::from_str::<Value>(stored) else {
        return Vec::new();
    };
    rows.into_iter()
        .filter_map(|r| match r {
            Value::Array(cols) => row(&cols),
            old @ Value::Object(_) => serde_json::from_value(old).ok(),
            _ => None,
        })
        .collect()
}

fn entity_row(body: &str, cols: &[Value]) -> Option<Entity> {
    let kind = match cols.first()?.as_str()? {
        "p" => EntityKind::Person,
        "o" => EntityKind::Org,
        "l" => EntityKind::Place,
        _ => return None,
    };
    let (start, end) = offsets(cols.get(1)?, cols.get(2)?)?;
    let text = match cols.get(3).and_then(Value::as_str) {
        Some(t) => t.to_string(),
        None => body.get(start..end)?.to_string(),
    };
    let canonical = cols
        .get(4)
        .and_then(Value::as_str)
        .map_or_else(|| text.clone(), str::to_string);
    Some(Entity {
        kind,
        text,
        canonical,
        start,
        end,
    })
}

/// Encodes the quotations of an article with body `body`.
pub fn encode_quotes(body: &str, quotes: &[Quote]) -> String {
    let mut out = String::with_capacity(48 * quotes.len() + 2);
    out.push('[');
    for (i, q) in quotes.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "[{},{}", q.start, q.end);
        for field in [&q.speaker, &q.speaker_text, &q.cue] {
            out.push(',');
            push_opt(&mut out, field.as_deref());
        }
        let differs = body.get(q.start..q.end) != Some(q.text.as_str());
        let extras = q.speaker_kind.is_some()
            || q.affiliation.is_some()
            || q.kind != QuoteKind::Direct
            || q.role.is_some();
        if differs || extras {
            out.push(',');
            push_opt(&mut out, differs.then_some(q.text.as_str()));
        }
        if extras {
            // [.., text, speaker kind (p/o), affiliation, kind (d/i), role]
            let kind = q.speaker_kind.map(|k| match k {
                EntityKind::Person => "p",
                EntityKind::Org => "o",
                EntityKind::Place => "l",
            });
            out.push(',');
            push_opt(&mut out, kind);
            out.push(',');
            push_opt(&mut out, q.affiliation.as_deref());
            out.push(',');
            push_opt(
                &mut out,
                Some(if q.kind == QuoteKind::Indirect {
                    "i"
                } else {
                    "d"
                }),
            );
            if q.role.is_some() {
                out.push(',');
                push_opt(&mut out, q.role.as_deref());
            }
        }
        out.push(']');
    }
    out.push(']');
    out
}

/// Decodes [`encode_quotes`] (or the extractor's JSON of earlier versions); anything
/// unreadable is skipped.
pub fn decode_quotes(body: &str, stored: &str) -> Vec<Quote> {
    decode_rows(stored, |cols| quote_row(body, cols))
}

fn quote_row(body: &str, cols: &[Value]) -> Option<Quote> {
    let (start, end) = offsets(cols.first()?, cols.get(1)?)?;
    let text_of = |i: usize| cols.get(i).and_then(Value::as_str).map(str::to_string);
    let text = match text_of(5) {
        Some(t) => t,
        None => body.get(start..end)?.to_string(),
    };
    Some(Quote {
        text,
        start,
        end,
        speaker: text_of(2),
        speaker_text: text_of(3),
        cue: text_of(4),
        speaker_kind: text_of(6).and_then(|k| match k.as_str() {
            "p" => Some(EntityKind::Person),
            "o" => Some(EntityKind::Org),
            "l" => Some(EntityKind::Place),
            _ => None,
        }),
        affiliation: text_of(7),
        kind: if text_of(8).as_deref() == Some("i") {
            QuoteKind::Indirect
        } else {
            QuoteKind::Direct
        },
        role: text_of(9),
    })
}

fn offsets(start: &Value, end: &Value) -> Option<(usize, usize)> {
    let start = usize::try_from(start.as_u64()?).ok()?;
    let end = usize::try_from(end.as_u64()?).ok()?;
    Some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "Elena Ruiz, who runs Harbour Freight, said “rates will fall” in Zürich. \
                        Ruiz added: “Not soon.”";

    fn entity(kind: EntityKind, text: &str, canonical: &str) -> Entity {
        let start = BODY.find(text).expect("text in body");
        Entity {
            kind,
            text: text.to_string(),
            canonical: canonical.to_string(),
            start,
            end: start + text.len(),
        }
    }

    #[test]
    fn entities_round_trip_and_shrink() {
        let entities = vec![
            entity(EntityKind::Person, "Elena Ruiz", "Elena Ruiz"),
            entity(EntityKind::Org, "Harbour Freight", "Harbour Freight"),
            entity(EntityKind::Place, "Zürich", "Zürich"),
            entity(EntityKind::Person, "Ruiz", "Elena Ruiz"),
        ];
        let stored = encode_entities(BODY, &entities);
        assert_eq!(decode_entities(BODY, &stored), entities);
        let old = serde_json::to_string(&entities).expect("json");
        assert!(stored.len() * 2 < old.len(), "{stored}");
        // A mention whose text is not the body slice keeps its text.
        let mut odd = entity(EntityKind::Person, "Ruiz", "Elena Ruiz");
        odd.text = "Ruíz".to_string();
        let stored = encode_entities(BODY, std::slice::from_ref(&odd));
        assert_eq!(decode_entities(BODY, &stored), vec![odd]);
    }

    #[test]
    fn quotes_round_trip() {
        let start = BODY.find("rates").expect("quote");
        let plain = Quote {
            text: "rates will fall".to_string(),
            start,
            end: start + "rates will fall".len(),
            speaker: Some("Elena Ruiz".to_string()),
            speaker_text: Some("Elena Ruiz".to_string()),
            cue: Some("say".to_string()),
            ..Quote::default()
        };
        let start = BODY.find("Not soon.").expect("quote");
        let joined = Quote {
            text: "Not soon. Really.".to_string(),
            start,
            end: start + "Not soon.".len(),
            speaker: None,
            speaker_text: None,
            cue: None,
            ..Quote::default()
        };
        let start = BODY.find("rates").expect("quote");
        let spokeswoman = Quote {
            text: "rates will fall".to_string(),
            start,
            end: start + "rates will fall".len(),
            speaker: Some("Elena Ruiz".to_string()),
            speaker_kind: Some(EntityKind::Person),
            affiliation: Some("Harbour Freight".to_string()),
            kind: QuoteKind::Indirect,
            role: Some("who runs Harbour Freight".to_string()),
            ..Quote::default()
        };
        let quotes = vec![plain, joined, spokeswoman];
        let stored = encode_quotes(BODY, &quotes);
        assert_eq!(decode_quotes(BODY, &stored), quotes);
        // A plain quotation's record stays as short as before.
        let short = encode_quotes(BODY, &quotes[..1]);
        assert_eq!(short.matches(',').count(), 4, "{short}");
    }

    #[test]
    fn reads_earlier_records_and_skips_damage() {
        let old = r#"[{"kind":"person","text":"Ruiz","canonical":"Elena Ruiz","start":0,"end":4}]"#;
        let read = decode_entities(BODY, old);
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].canonical, "Elena Ruiz");
        let old_quote = r#"[{"text":"Hi","start":1,"end":3,"speaker":null}]"#;
        assert_eq!(decode_quotes(BODY, old_quote)[0].text, "Hi");
        let inside_u = BODY.find('ü').expect("ü") + 1;
        let cases = [
            "not json".to_string(),
            r#"{"kind":"person"}"#.to_string(),
            r#"[["x",0,4]]"#.to_string(),
            r#"[["p",-1,4]]"#.to_string(),
            r#"[["p",0,9999]]"#.to_string(),
            format!(r#"[["l",{inside_u},{}]]"#, inside_u + 3),
        ];
        for stored in &cases {
            assert!(decode_entities(BODY, stored).is_empty(), "{stored}");
        }
        assert!(decode_quotes(BODY, r#"[[0,"x"]]"#).is_empty());
    }
}
