//! newsdex's query language and filters as Quickwit query text.
//!
//! The query is parsed and checked by the same walk as locally (`query::grammar`), then
//! printed back in the grammar both engines share (Tantivy's), with every word replaced by
//! the terms newsdex's analyzer makes of it in that field (Quickwit indexes those terms,
//! see `index::quickwit`), every field named, every clause's occurrence explicit (`+`,
//! `-`), and the title boost written out. Filters become clauses boosted by 0, so, as
//! locally, they restrict without changing a score.

use chrono::NaiveDate;
use tantivy::query_grammar::{
    Delimiter, Occur, UserInputAst, UserInputBound, UserInputLeaf, UserInputLiteral,
};

use super::super::query::{grammar_parse, QueryError, TITLE_BOOST};
use super::super::request::{Filters, NameField};
use super::super::SearchError;
use crate::extract::names::name_keys;
use crate::index::quickwit::{analyse, DATE};

/// The fields unscoped words search, with their boosts.
pub type Defaults = &'static [(&'static str, f32)];

/// Articles: title (boosted) and body.
pub const ARTICLE_DEFAULTS: Defaults = &[("title", TITLE_BOOST), ("body", 1.0)];
/// `--exact`: the unstemmed copy.
pub const EXACT_DEFAULTS: Defaults = &[("exact", 1.0)];
/// Quotations: the words quoted.
pub const QUOTE_DEFAULTS: Defaults = &[("quote", 1.0)];

/// A translated request: the query text, and the words to highlight in a body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Translated {
    /// Quickwit query text.
    pub query: String,
    /// The analysed words of the scored part searched in the body (for snippets).
    pub body_terms: Vec<String>,
}

/// Translates the query text (none: every document) and the filters.
pub fn translate(
    text: Option<&str>,
    filters: &Filters,
    defaults: Defaults,
) -> Result<Translated, SearchError> {
    let mut out = Translated::default();
    let mut clauses = Vec::new();
    if let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) {
        let invalid = |reason| SearchError::Query {
            query: text.chars().take(200).collect(),
            reason,
        };
        let ast = grammar_parse(text, defaults).map_err(invalid)?;
        let mut printer = Printer {
            defaults,
            body_terms: Vec::new(),
        };
        match printer.ast(&ast) {
            Some(q) => clauses.push(format!("+{q}")),
            None if only_exclusions(&ast) => return Err(invalid(QueryError::OnlyExclusions)),
            // No word survived analysis: as locally, nothing matches.
            None => clauses.push("+(-*)".to_string()),
        }
        out.body_terms = printer.body_terms;
    }
    clauses.extend(filter_clauses(filters)?);
    if clauses.is_empty() {
        clauses.push("*".to_string());
    }
    out.query = clauses.join(" ");
    Ok(out)
}

fn only_exclusions(ast: &UserInputAst) -> bool {
    matches!(ast, UserInputAst::Clause(c)
        if !c.is_empty() && c.iter().all(|(o, _)| *o == Some(Occur::MustNot)))
}

/// The filters as clauses that do not score (`^0`).
pub fn filter_clauses(filters: &Filters) -> Result<Vec<String>, SearchError> {
    let mut out = Vec::new();
    for (field, name) in filters.names() {
        out.push(format!("+({})^0", name_clause(field, name)?));
    }
    if filters.since.is_some() || filters.until.is_some() {
        let lower = filters.since.map_or("*".to_string(), day);
        let upper = (filters.until.and_then(|d| d.succ_opt())).map_or("*".to_string(), day);
        out.push(format!("+({DATE}:[{lower} TO {upper}}})^0"));
    }
    if filters.added_after.is_some() {
        return Err(SearchError::Unsupported(
            "saved searches' new-article marks are local: a Quickwit archive has no ingest order"
                .into(),
        ));
    }
    Ok(out)
}

/// A name filter: the name's match keys in its field, a phrase when several.
pub fn name_clause(field: NameField, name: &str) -> Result<String, SearchError> {
    let keys = name_keys(name);
    if keys.is_empty() {
        return Err(SearchError::Query {
            query: name.chars().take(200).collect(),
            reason: QueryError::NotAName {
                text: name.chars().take(40).collect(),
            },
        });
    }
    Ok(format!("{}:{}", name_field(field), quoted(&keys)))
}

/// The field of a name filter.
pub fn name_field(field: NameField) -> &'static str {
    match field {
        NameField::Person => "person",
        NameField::Org => "org",
        NameField::Place => "place",
        NameField::SaidBy => "said_by",
    }
}

/// Midnight UTC of a day, as the bounds of `date` ranges are written.
fn day(d: NaiveDate) -> String {
    format!("{}T00:00:00Z", d.format("%Y-%m-%d"))
}

/// Words as one quoted phrase (a single word is a term).
fn quoted(words: &[String]) -> String {
    let joined = words.join(" ").replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"{joined}\"")
}

struct Printer {
    defaults: Defaults,
    body_terms: Vec<String>,
}

impl Printer {
    /// The text of a subtree, or none when no word of it survives analysis.
    fn ast(&mut self, ast: &UserInputAst) -> Option<String> {
        match ast {
            UserInputAst::Clause(clauses) => self.clause(clauses),
            UserInputAst::Boost(sub, boost) => {
                let inner = self.ast(sub)?;
                Some(format!("({inner})^{}", boost.into_inner()))
            }
            UserInputAst::Leaf(leaf) => self.leaf(leaf),
        }
    }

    /// Occurrences made explicit: unmarked clauses are required (newsdex's conjunction by
    /// default); optional ones (`OR`) beside required ones only add to the score, which
    /// `+(a OR b OR *)` keeps (the match-all adds the same to every match).
    fn clause(&mut self, clauses: &[(Option<Occur>, UserInputAst)]) -> Option<String> {
        let (mut must, mut should, mut not) = (Vec::new(), Vec::new(), Vec::new());
        for (occur, sub) in clauses {
            let Some(text) = self.ast(sub) else { continue };
            match occur.unwrap_or(Occur::Must) {
                Occur::Must => must.push(format!("+{text}")),
                Occur::Should => should.push(text),
                Occur::MustNot => not.push(format!("-{text}")),
            }
        }
        if must.is_empty() && should.is_empty() {
            return None;
        }
        if !should.is_empty() {
            if !must.is_empty() {
                should.push("*".to_string());
            }
            must.push(format!("+({})", should.join(" OR ")));
        }
        must.extend(not);
        Some(format!("({})", must.join(" ")))
    }

    fn leaf(&mut self, leaf: &UserInputLeaf) -> Option<String> {
        match leaf {
            UserInputLeaf::Literal(literal) => self.literal(literal),
            UserInputLeaf::All => Some("*".to_string()),
            UserInputLeaf::Range {
                field,
                lower,
                upper,
            } => {
                let field = field.as_deref().unwrap_or(DATE);
                Some(format!("{field}:{}", range(lower, upper)))
            }
            UserInputLeaf::Set { field, elements } => {
                let fields = self.fields(field.as_deref());
                let mut alternatives = Vec::new();
                for (f, boost) in fields {
                    for element in elements {
                        if let Some(t) = self.terms(f, element, false, 0, boost) {
                            alternatives.push(t);
                        }
                    }
                }
                (!alternatives.is_empty()).then(|| format!("({})", alternatives.join(" OR ")))
            }
            // The grammar's walk makes these only of `word*` (`pattern` is the word's
            // start, analysed, then `.*`): Quickwit's wildcard on the same terms.
            UserInputLeaf::Regex { field, pattern } => {
                let start = pattern.strip_suffix(".*")?;
                Some(format!("{}:{start}*", field.as_deref()?))
            }
            // Refused by the grammar's walk before printing.
            UserInputLeaf::Exists { .. } => None,
        }
    }

    fn fields(&self, field: Option<&str>) -> Vec<(&'static str, f32)> {
        match field {
            Some(f) => crate::index::quickwit::TERM_FIELDS
                .iter()
                .find(|t| **t == f)
                .map(|t| vec![(*t, if *t == "title" { TITLE_BOOST } else { 1.0 })])
                .unwrap_or_default(),
            None => self.defaults.to_vec(),
        }
    }

    fn literal(&mut self, literal: &UserInputLiteral) -> Option<String> {
        let exact_phrase = literal.delimiter == Delimiter::DoubleQuotes;
        let mut alternatives = Vec::new();
        for (field, boost) in self.fields(literal.field_name.as_deref()) {
            let slop = if exact_phrase { literal.slop } else { 0 };
            if let Some(t) = self.terms(field, &literal.phrase, literal.prefix, slop, boost) {
                alternatives.push(t);
            }
        }
        match alternatives.len() {
            0 => None,
            1 => alternatives.pop(),
            _ => Some(format!("({})", alternatives.join(" OR "))),
        }
    }

    /// One field's clause for a phrase of the user's: its analysed terms.
    fn terms(
        &mut self,
        field: &str,
        phrase: &str,
        prefix: bool,
        slop: u32,
        boost: f32,
    ) -> Option<String> {
        let words = analyse(field, phrase);
        if words.is_empty() {
            return None;
        }
        if field == "body" {
            self.body_terms.extend(words.iter().cloned());
        }
        let mut out = format!("{field}:{}", quoted(&words));
        if slop > 0 {
            out.push_str(&format!("~{slop}"));
        }
        if prefix {
            out.push('*');
        }
        if boost != 1.0 {
            out.push_str(&format!("^{boost}"));
        }
        Some(out)
    }
}

fn range(lower: &UserInputBound, upper: &UserInputBound) -> String {
    let (open, low) = match lower {
        UserInputBound::Inclusive(v) => ('[', v.as_str()),
        UserInputBound::Exclusive(v) => ('{', v.as_str()),
        UserInputBound::Unbounded => ('[', "*"),
    };
    let (close, high) = match upper {
        UserInputBound::Inclusive(v) => (']', v.as_str()),
        UserInputBound::Exclusive(v) => ('}', v.as_str()),
        UserInputBound::Unbounded => (']', "*"),
    };
    format!("{open}{low} TO {high}{close}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn articles(text: &str) -> String {
        translate(Some(text), &Filters::default(), ARTICLE_DEFAULTS)
            .unwrap()
            .query
    }

    /// Each newsdex query with the Quickwit text it becomes. Every one of these was sent
    /// to a Quickwit 0.9.0 server (two nodes on loopback) holding `sample_corpus/`, and
    /// gave the same ids in the same order as the local index (bench/quickwit_compare.py).
    #[test]
    fn queries_become_quickwit_text_of_analysed_terms() {
        let cases = [
            ("harbour", "+(title:\"harbour\"^2 OR body:\"harbour\")"),
            ("Harbours", "+(title:\"harbour\"^2 OR body:\"harbour\")"),
            (
                "\"port operators\"",
                "+(title:\"port oper\"^2 OR body:\"port oper\")",
            ),
            (
                "merger -rotterdam",
                "+(+(title:\"merger\"^2 OR body:\"merger\") -(title:\"rotterdam\"^2 OR body:\"rotterdam\"))",
            ),
            (
                "tram OR stadium",
                "+(+((title:\"tram\"^2 OR body:\"tram\") OR (title:\"stadium\"^2 OR body:\"stadium\")))",
            ),
            ("title:Zürich", "+title:\"zurich\"^2"),
            ("exact:Zürich", "+exact:\"Zürich\""),
            ("person:Zelenskiy", "+person:\"zelensky\""),
            ("person:\"Vladimir Putin\"", "+person:\"vladimir putin\""),
            (
                "date:2024",
                "+date:[2024-01-01T00:00:00Z TO 2025-01-01T00:00:00Z}",
            ),
            ("Budg*", "+(+((title:budg*)^2 OR body:budg*))"),
            ("exact:Zür*", "+(+(exact:Zür*))"),
            ("\"the\"", "+(title:\"the\"^2 OR body:\"the\")"),
        ];
        for (input, want) in cases {
            assert_eq!(articles(input), want, "{input}");
        }
    }

    #[test]
    fn filters_restrict_without_scoring() {
        let filters = Filters {
            person: vec!["Renate Vogel".into()],
            said_by: vec!["Vogel".into()],
            since: NaiveDate::from_ymd_opt(2024, 3, 1),
            until: NaiveDate::from_ymd_opt(2024, 3, 31),
            ..Filters::default()
        };
        let t = translate(None, &filters, ARTICLE_DEFAULTS).unwrap();
        assert_eq!(
            t.query,
            "+(person:\"renate vogel\")^0 +(said_by:\"vogel\")^0 +(date:[2024-03-01T00:00:00Z TO 2024-04-01T00:00:00Z})^0"
        );
        let all = translate(None, &Filters::default(), QUOTE_DEFAULTS).unwrap();
        assert_eq!(all.query, "*");
    }

    #[test]
    fn wrong_queries_are_refused_as_locally() {
        for bad in [
            "-budget",
            "title:*",
            "/reg.x/",
            "headline:budget",
            "(unclosed",
        ] {
            assert!(
                translate(Some(bad), &Filters::default(), ARTICLE_DEFAULTS).is_err(),
                "{bad}"
            );
        }
        let saved = Filters {
            added_after: Some(3),
            ..Filters::default()
        };
        assert!(translate(Some("budget"), &saved, ARTICLE_DEFAULTS).is_err());
    }

    #[test]
    fn body_terms_are_kept_for_snippets() {
        let t = translate(
            Some("Harbours title:ferry"),
            &Filters::default(),
            ARTICLE_DEFAULTS,
        )
        .unwrap();
        assert_eq!(t.body_terms, vec!["harbour".to_string()]);
    }
}
