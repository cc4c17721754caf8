//! Turning a request into Tantivy queries: the query language (parsed on Tantivy's own
//! grammar, see [`grammar`]), the name filters (`--person` and friends, the same keys as
//! `person:` in the language), date filters and document kinds.
//!
//! Filters are constant-score clauses: they restrict without changing the ranking. A
//! person, organisation or place that the archive's name table (`index::names`) merges with
//! other names also matches the articles naming it by any of them (its spellings, exactly,
//! in the `*_facet` fields): `--person "Tony Blair"` finds the articles that say "Blair"
//! only, when the archive links that surname to him.

mod dates;
mod grammar;

use chrono::NaiveDate;
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, PhraseQuery, Query, QueryParser,
    QueryParserError, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use super::request::{Filters, NameField};
use super::SearchError;
use crate::extract::EntityKind;
use crate::index::names::NameTable;
use crate::index::schema::USER_FIELDS;
use crate::index::NewsIndex;

/// Relative weight of a title match against a body match (see ARCHITECTURE.md).
pub const TITLE_BOOST: f32 = 2.0;

/// What is wrong with a query's text; shown after `invalid query `…`: `.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// The grammar could not read it.
    #[error("syntax error; check quotes and parentheses")]
    Syntax,
    /// `headline:` and other names that are not fields.
    #[error("unknown field `{field}:`; searchable fields are {}", USER_FIELDS.join(", "))]
    UnknownField {
        /// The name given.
        field: String,
    },
    /// `title:*`.
    #[error("`{field}:*` (any value) is not supported; search for words in that field")]
    AnyValue {
        /// The field.
        field: String,
    },
    /// `/regex/`.
    #[error("regular expressions are not supported; search for words or a prefix such as brexit*")]
    Regex,
    /// A `date:` value that is not a day, month or year.
    #[error("cannot read the date `{text}`: write YYYY-MM-DD, YYYY-MM or YYYY, e.g. date:2024-03-05 or date:[2024-01-01 TO 2024-03-31]")]
    Date {
        /// What was given.
        text: String,
    },
    /// `date: IN [...]`.
    #[error("date: takes a day, a month, a year or a range, not a list")]
    DateSet,
    /// A name field with no letters in it.
    #[error("`{text}` is not a name to search for")]
    NotAName {
        /// What was given.
        text: String,
    },
    /// Only `-word` clauses.
    #[error("a query cannot only exclude words; add a word to search for")]
    OnlyExclusions,
    /// Anything else Tantivy's query builder refused.
    #[error("{}", describe(.0))]
    Engine(#[source] QueryParserError),
}

fn describe(e: &QueryParserError) -> String {
    match e {
        QueryParserError::FieldDoesNotExist(f) => format!("unknown field `{f}`"),
        QueryParserError::RangeMustNotHavePhrase => "a range cannot contain a phrase".into(),
        other => other.to_string(),
    }
}

/// Parses and checks the query language (what [`QueryBuilder::parse`] compiles), for front
/// ends that send the tree elsewhere (`search::remote`).
pub(in crate::search) fn grammar_parse(
    text: &str,
    defaults: &[(&str, f32)],
) -> Result<tantivy::query_grammar::UserInputAst, QueryError> {
    grammar::parse(text, defaults, None)
}

/// Builds queries against one opened index.
pub struct QueryBuilder<'a> {
    index: &'a NewsIndex,
    parser: QueryParser,
    /// The default fields' names with their boosts (for the grammar's prefix rewrite).
    defaults: Vec<(String, f32)>,
    /// The archive's merged names, for expanding name filters.
    names: std::sync::Arc<NameTable>,
}

impl<'a> QueryBuilder<'a> {
    /// A builder whose unscoped words search `default_fields` (the title boosted).
    pub fn new(index: &'a NewsIndex, default_fields: &[Field]) -> QueryBuilder<'a> {
        let f = index.fields();
        let mut parser = QueryParser::for_index(index.tantivy(), default_fields.to_vec());
        parser.set_conjunction_by_default();
        parser.set_field_boost(f.title, TITLE_BOOST);
        // Only the grammar's own rewrite of `word*` makes regular expressions (a user's are
        // refused by its walk).
        parser.allow_regexes();
        let schema = index.tantivy().schema();
        let defaults = default_fields
            .iter()
            .map(|&field| {
                let boost = if field == f.title { TITLE_BOOST } else { 1.0 };
                (schema.get_field_name(field).to_string(), boost)
            })
            .collect();
        QueryBuilder {
            index,
            parser,
            defaults,
            names: index.names(),
        }
    }

    /// Parses the query language; a malformed query is a one-line error naming it.
    pub fn parse(&self, text: &str) -> Result<Box<dyn Query>, SearchError> {
        let invalid = |reason| SearchError::Query {
            query: text.trim().chars().take(200).collect(),
            reason,
        };
        let defaults: Vec<(&str, f32)> = self
            .defaults
            .iter()
            .map(|(n, b)| (n.as_str(), *b))
            .collect();
        let ast = grammar::parse(text, &defaults, Some(&self.names)).map_err(invalid)?;
        self.parser
            .build_query_from_user_input_ast(ast)
            .map_err(|e| match e {
                QueryParserError::AllButQueryForbidden => QueryError::OnlyExclusions,
                other => QueryError::Engine(other),
            })
            .map_err(invalid)
    }

    /// Parses the query text when there is any (blank text means "no words").
    pub fn parse_optional(
        &self,
        text: Option<&str>,
    ) -> Result<Option<Box<dyn Query>>, SearchError> {
        text.map(str::trim)
            .filter(|q| !q.is_empty())
            .map(|q| self.parse(q))
            .transpose()
    }

    /// Every filter of `filters` as a query: names, then the date range.
    pub fn filters(&self, filters: &Filters) -> Result<Vec<Box<dyn Query>>, SearchError> {
        let mut out = Vec::new();
        for (field, name) in filters.names() {
            out.push(self.name(field, name)?);
        }
        if filters.since.is_some() || filters.until.is_some() {
            out.push(self.date_range(filters.since, filters.until));
        }
        if let Some(mark) = filters.added_after {
            let term = Term::from_field_u64(self.index.fields().added, mark);
            let unbounded = std::ops::Bound::Unbounded;
            out.push(Box::new(RangeQuery::new(
                std::ops::Bound::Excluded(term),
                unbounded,
            )));
        }
        Ok(out)
    }

    /// A filter matching documents with an entity whose name matches `name`: one word
    /// matches any name containing that word (a surname), several words match in order;
    /// an entity the name table merges also matches by each of its spellings.
    pub fn name(&self, field: NameField, name: &str) -> Result<Box<dyn Query>, SearchError> {
        let by_keys = self.name_keys_query(field, name)?;
        let Some(entity) = name_kind(field).and_then(|k| self.names.named(k, name)) else {
            return Ok(by_keys);
        };
        let f = self.index.fields();
        let mut any: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, by_keys)];
        for m in &entity.members {
            let facet = match m.kind {
                EntityKind::Person => f.person_facet,
                EntityKind::Org => f.org_facet,
                EntityKind::Place => f.place_facet,
            };
            let term = Term::from_field_text(facet, &m.spelling);
            any.push((
                Occur::Should,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            ));
        }
        Ok(Box::new(BooleanQuery::new(any)))
    }

    /// The name filter by match keys alone.
    fn name_keys_query(&self, field: NameField, name: &str) -> Result<Box<dyn Query>, SearchError> {
        let f = self.index.fields();
        let field = match field {
            NameField::Person => f.person,
            NameField::Org => f.org,
            NameField::Place => f.place,
            NameField::SaidBy => f.said_by,
        };
        let keys = crate::extract::names::name_keys(name);
        let mut terms: Vec<Term> = keys
            .iter()
            .map(|k| Term::from_field_text(field, k))
            .collect();
        match terms.len() {
            0 => Err(SearchError::Query {
                query: name.chars().take(200).collect(),
                reason: QueryError::NotAName {
                    text: name.chars().take(40).collect(),
                },
            }),
            1 => Ok(Box::new(TermQuery::new(
                terms.remove(0),
                IndexRecordOption::Basic,
            ))),
            _ => Ok(Box::new(PhraseQuery::new(terms))),
        }
    }

    /// Documents of one kind (`article` or `quote`).
    pub fn kind(&self, kind: &str) -> Box<dyn Query> {
        let term = Term::from_field_text(self.index.fields().kind, kind);
        Box::new(TermQuery::new(term, IndexRecordOption::Basic))
    }

    /// Documents dated within [since, until] (both inclusive, whole days).
    pub fn date_range(&self, since: Option<NaiveDate>, until: Option<NaiveDate>) -> Box<dyn Query> {
        let field = self.index.fields().date;
        let bound = |d: NaiveDate| {
            let secs = d
                .and_hms_opt(0, 0, 0)
                .map(|t| t.and_utc().timestamp())
                .unwrap_or(0);
            Term::from_field_date(field, tantivy::DateTime::from_timestamp_secs(secs))
        };
        use std::ops::Bound::{Excluded, Included, Unbounded};
        let lower = since.map_or(Unbounded, |d| Included(bound(d)));
        let upper = until
            .and_then(|d| d.succ_opt())
            .map_or(Unbounded, |d| Excluded(bound(d)));
        Box::new(RangeQuery::new(lower, upper))
    }
}

/// The entity kind a name field holds (`said_by` holds speakers, which the table does not
/// merge).
fn name_kind(field: NameField) -> Option<EntityKind> {
    match field {
        NameField::Person => Some(EntityKind::Person),
        NameField::Org => Some(EntityKind::Org),
        NameField::Place => Some(EntityKind::Place),
        NameField::SaidBy => None,
    }
}

/// Combines a scored query with filters that do not change its score.
pub fn combine(scored: Option<Box<dyn Query>>, filters: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    clauses.push((Occur::Must, scored.unwrap_or_else(|| Box::new(AllQuery))));
    for filter in filters {
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
    }
    Box::new(BooleanQuery::new(clauses))
}
