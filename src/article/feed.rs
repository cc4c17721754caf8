//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one article per item or entry.
//!
//! The document is read as a stream of XML events (quick-xml) into a flat list of raw items,
//! each a list of its child elements' names, attributes and text. Reading is forgiving: a
//! mismatched end tag or a syntax error inside one item marks that item as failed (an `Err`
//! with its position, "item 3") and reading goes on with the next. CDATA sections, the XML
//! entities and HTML entities such as `&nbsp;` are all turned into text. Turning a raw item
//! into an [`Article`] lives in [`build`].

mod build;

use super::html::decode;
use super::{ArticleError, Item};
use build::{Field, RawItem};
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;

/// Syntax errors tolerated before the rest of a document is given up on.
const MAX_ERRORS: usize = 100;

/// Which kind of feed the root element says this is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Rss,
    Atom,
}

/// Parses one feed document (raw bytes) into its items.
pub fn parse(bytes: &[u8]) -> Result<Vec<Item>, ArticleError> {
    let text = decode(bytes)?;
    let mut reader = Reader::from_str(&text);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.allow_dangling_amp = true;
    let mut state = State::default();
    let mut errors = 0;
    loop {
        let before = reader.buffer_position();
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(event) => state.event(event)?,
            Err(err) => {
                errors += 1;
                if state.kind.is_none() || errors > MAX_ERRORS || reader.buffer_position() == before
                {
                    state.fail_item(&format!("XML error: {err}"));
                    break;
                }
                state.fail_item(&format!("XML error: {err}"));
            }
        }
    }
    state.finish()
}

/// Reading state: the open elements, the feed's own title and author, and the items.
#[derive(Default)]
struct State {
    kind: Option<Kind>,
    stack: Vec<String>,
    feed_title: String,
    feed_author: String,
    items: Vec<RawItem>,
    /// Depth of the open item's element, when inside one.
    item_depth: Option<usize>,
}

impl State {
    fn event(&mut self, event: Event) -> Result<(), ArticleError> {
        match event {
            Event::Start(e) => self.start(&e, false)?,
            Event::Empty(e) => self.start(&e, true)?,
            Event::End(e) => self.end(&e.to_ascii_lowercase()),
            Event::Text(t) => self.text(&t.xml10_content()),
            Event::CData(t) => self.text(&t.xml10_content()),
            Event::GeneralRef(r) => self.text(&resolve_entity(&r)),
            _ => {}
        }
        Ok(())
    }

    fn start(&mut self, e: &BytesStart, empty: bool) -> Result<(), ArticleError> {
        let name = e.name().0.to_ascii_lowercase();
        if self.kind.is_none() {
            self.kind = Some(match local(&name) {
                "rss" | "rdf" => Kind::Rss,
                "feed" => Kind::Atom,
                _ => return Err(ArticleError::Invalid("not an RSS or Atom feed".into())),
            });
        }
        let depth = self.stack.len();
        let item_tag = if self.kind == Some(Kind::Atom) {
            "entry"
        } else {
            "item"
        };
        match self.item_depth {
            None if local(&name) == item_tag => {
                self.items.push(RawItem::default());
                self.item_depth = Some(depth);
            }
            Some(d) if depth == d + 1 => {
                if let Some(item) = self.items.last_mut() {
                    item.fields
                        .push(Field::new(field_name(&name), attributes(e)));
                }
            }
            Some(d)
                if depth > d + 1
                    && (local(&name) == "br" || super::html::BLOCKS.contains(&local(&name))) =>
            {
                self.text("\n\n")
            }
            _ => {}
        }
        if empty {
            self.stack.push(name.clone());
            self.end(&name);
        } else {
            self.stack.push(name);
        }
        Ok(())
    }

    fn end(&mut self, name: &str) {
        let Some(pos) = self.stack.iter().rposition(|n| n == name) else {
            self.fail_item(&format!("unexpected </{name}>"));
            return;
        };
        if pos + 1 != self.stack.len() {
            let open = self.stack.last().cloned().unwrap_or_default();
            self.fail_item(&format!("</{name}> closes unclosed <{open}>"));
        }
        self.stack.truncate(pos);
        if self.item_depth.is_some_and(|d| pos <= d) {
            self.item_depth = None;
        }
    }

    fn text(&mut self, text: &str) {
        let depth = self.stack.len();
        if let Some(d) = self.item_depth {
            if let Some(field) = self.items.last_mut().and_then(|i| i.fields.last_mut()) {
                let in_name =
                    depth == d + 3 && self.stack.last().is_some_and(|n| local(n) == "name");
                field.push(text, in_name);
            }
            return;
        }
        let path: Vec<&str> = self.stack.iter().map(|n| local(n)).collect();
        match path.as_slice() {
            [_, "channel", "title"] | ["feed", "title"] => self.feed_title.push_str(text),
            ["feed", "author", "name"] => self.feed_author.push_str(text),
            _ => {}
        }
    }

    /// Marks the open item (if any) as failed, keeping the first reason.
    fn fail_item(&mut self, reason: &str) {
        if self.item_depth.is_some() {
            if let Some(item) = self.items.last_mut() {
                item.error.get_or_insert_with(|| reason.to_string());
            }
        }
    }

    fn finish(mut self) -> Result<Vec<Item>, ArticleError> {
        if self.kind.is_none() {
            return Err(ArticleError::Invalid("not an RSS or Atom feed".into()));
        }
        if self.item_depth.is_some() {
            self.fail_item("the file ends inside the item");
        }
        let feed = build::FeedInfo::new(&self.feed_title, &self.feed_author);
        Ok(self
            .items
            .into_iter()
            .enumerate()
            .map(|(index, raw)| Item {
                index,
                article: build::article(raw, &feed, index),
            })
            .collect())
    }
}

/// The local part of a qualified name: `content:encoded` → `encoded`.
fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, l)| l)
}

/// Name under which an item's child is looked up: the extension prefixes feeds use for
/// distinct elements are kept (`content:encoded`, `dc:creator`), any other prefix (`atom:`) is
/// dropped.
fn field_name(name: &str) -> &str {
    match name.split_once(':') {
        Some((prefix, _)) if ["content", "dc", "dcterms", "media"].contains(&prefix) => name,
        _ => local(name),
    }
}

fn attributes(e: &BytesStart) -> Vec<(String, String)> {
    e.attributes()
        .flatten()
        .map(|a| {
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.to_string());
            (a.key.0.to_ascii_lowercase(), value)
        })
        .collect()
}

/// The text of an entity reference: character references, the five XML entities, and HTML's
/// named entities (common in feeds though not declared); an unknown name stays as written.
fn resolve_entity(r: &BytesRef) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    let name: &str = r;
    if let Some(s) = quick_xml::escape::resolve_predefined_entity(name) {
        return s.to_string();
    }
    let written = format!("&{name};");
    if name.len() <= 32 && name.chars().all(|c| c.is_ascii_alphanumeric()) {
        let decoded = dom_query::Document::fragment(written.as_str())
            .root()
            .text()
            .to_string();
        if !decoded.is_empty() {
            return decoded;
        }
    }
    written
}

#[cfg(test)]
mod tests;
