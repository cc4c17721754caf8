//! The request contract: what every front end (command line, HTTP API, export,
//! batch) asks of the archive, and the one place those requests are checked.
//!
//! A front end only translates its own input into these types: [`Filters`] (names by kind,
//! speakers, a date range), shared by [`SearchRequest`], [`QuoteRequest`] and
//! [`PeopleRequest`]. `Archive` validates each request with [`SearchRequest::validate`] and
//! friends before running it, so the limits below hold whoever asks, and a wrong request is
//! a typed [`RequestError`] that says which part is wrong and what is allowed.
//!
//! Limits are **rejected, never clamped**: a page size of 0 or 5,000 is an error on the
//! command line and in the API alike, so a script never silently gets fewer results than
//! it asked for.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::extract::EntityKind;

/// Longest query text accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 1_000;
/// Longest name in a filter, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Most name filters in one request (people, organisations, places and speakers together).
pub const MAX_NAMES: usize = 20;
/// Largest page size (hits, quotations or entities per answer).
pub const MAX_LIMIT: usize = 1_000;
/// Deepest page start for article search.
pub const MAX_OFFSET: usize = 10_000;

/// Restrictions shared by every kind of request: the articles (or quotations) must name
/// these entities, quote these speakers and fall within these dates. Every list is an AND:
/// each name must match.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Filters {
    /// People the article names (`--person`, `person:`).
    pub person: Vec<String>,
    /// Organisations the article names (`--org`, `org:`).
    pub org: Vec<String>,
    /// Places the article names (`--place`, `place:`).
    pub place: Vec<String>,
    /// Speakers quoted in the article, or of the quotation (`--said-by`, `--by`).
    pub said_by: Vec<String>,
    /// First day, inclusive.
    pub since: Option<NaiveDate>,
    /// Last day, inclusive.
    pub until: Option<NaiveDate>,
    /// Only documents that entered the archive after this mark (an `Archive::added_mark`
    /// read earlier): what `saved new` asks for. Not a user filter, so not echoed when unset.
    #[serde(skip_serializing_if = "Option::is_none", skip_deserializing)]
    pub added_after: Option<u64>,
}

impl Filters {
    /// Whether no filter is set.
    pub fn is_empty(&self) -> bool {
        self.names().next().is_none() && self.since.is_none() && self.until.is_none()
    }

    /// Every name filter with the field it applies to, in a fixed order.
    pub fn names(&self) -> impl Iterator<Item = (NameField, &str)> {
        let by_field = [
            (NameField::Person, &self.person),
            (NameField::Org, &self.org),
            (NameField::Place, &self.place),
            (NameField::SaidBy, &self.said_by),
        ];
        by_field
            .into_iter()
            .flat_map(|(field, names)| names.iter().map(move |n| (field, n.as_str())))
    }

    /// The names filtering on one kind of entity.
    pub fn names_of(&self, kind: EntityKind) -> &[String] {
        match kind {
            EntityKind::Person => &self.person,
            EntityKind::Org => &self.org,
            EntityKind::Place => &self.place,
        }
    }

    /// Refuses person, organisation and place filters, for quotation searches: quote
    /// documents carry their speaker and date, not their article's entities.
    pub fn speakers_only(&self) -> Result<(), RequestError> {
        match self.names().find(|(f, _)| *f != NameField::SaidBy) {
            Some((field, _)) => Err(RequestError::NotForQuotes { field }),
            None => Ok(()),
        }
    }

    /// Checks names (non-empty, not too long, not too many) and the date range.
    pub fn validate(&self) -> Result<(), RequestError> {
        let count = self.names().count();
        if count > MAX_NAMES {
            return Err(RequestError::TooManyNames { count });
        }
        for (field, name) in self.names() {
            let chars = name.chars().count();
            if name.trim().is_empty() {
                return Err(RequestError::EmptyName { field });
            }
            if chars > MAX_NAME_CHARS {
                return Err(RequestError::NameTooLong {
                    field,
                    start: name.chars().take(40).collect(),
                });
            }
        }
        if let (Some(since), Some(until)) = (self.since, self.until) {
            if since > until {
                return Err(RequestError::DatesReversed { since, until });
            }
        }
        Ok(())
    }
}

/// The kinds of name a filter (or a query field) matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NameField {
    /// A person the article names.
    Person,
    /// An organisation the article names.
    Org,
    /// A place the article names.
    Place,
    /// A speaker of a quotation.
    SaidBy,
}

impl NameField {
    /// The one spelling of this filter: the query field, the JSON key and the API parameter.
    pub fn name(self) -> &'static str {
        match self {
            NameField::Person => "person",
            NameField::Org => "org",
            NameField::Place => "place",
            NameField::SaidBy => "said_by",
        }
    }
}

/// How to order article hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// BM25, ties newest first.
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

/// An article search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    /// The query language text (see README); `None` or blank for filters only.
    pub query: Option<String>,
    /// Restrictions on the articles.
    pub filters: Filters,
    /// Order of hits.
    pub sort: Sort,
    /// Hits per page, 1 to [`MAX_LIMIT`].
    pub limit: usize,
    /// Hits to skip, at most [`MAX_OFFSET`].
    pub offset: usize,
    /// Show near-identical articles once, with the others listed as `similar`.
    pub collapse: bool,
    /// Match unscoped words as written (case, accents, no stemming) in the `exact` copy of
    /// title and body, as `exact:` does for one word or phrase.
    pub exact: bool,
}

impl Default for SearchRequest {
    fn default() -> SearchRequest {
        SearchRequest {
            query: None,
            filters: Filters::default(),
            sort: Sort::Relevance,
            limit: 10,
            offset: 0,
            collapse: true,
            exact: false,
        }
    }
}

impl SearchRequest {
    /// The query text when it has any words, trimmed.
    pub fn text(&self) -> Option<&str> {
        non_blank(self.query.as_deref())
    }

    /// Checks the whole request: something to search for, the query length, the filters,
    /// the page size and the page start.
    pub fn validate(&self) -> Result<(), RequestError> {
        check_text(self.query.as_deref())?;
        self.filters.validate()?;
        check_limit(self.limit)?;
        if self.offset > MAX_OFFSET {
            return Err(RequestError::OffsetTooDeep {
                offset: self.offset,
            });
        }
        if self.text().is_none() && self.filters.is_empty() {
            return Err(RequestError::NothingToSearch);
        }
        Ok(())
    }
}

/// A quotation search: words inside quotations, speakers, dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteRequest {
    /// Words to find inside quotations (the query language); `None` for every quotation,
    /// newest first.
    pub text: Option<String>,
    /// Speakers (`said_by`) and dates; entity names restrict to quotations whose article
    /// names them.
    pub filters: Filters,
    /// Quotations per answer, 1 to [`MAX_LIMIT`]; copies of one quotation in several
    /// articles count once.
    pub limit: usize,
    /// Quotations in marks, reported speech, or both.
    pub kinds: QuoteKinds,
}

impl Default for QuoteRequest {
    fn default() -> QuoteRequest {
        QuoteRequest {
            text: None,
            filters: Filters::default(),
            limit: 10,
            kinds: QuoteKinds::Direct,
        }
    }
}

/// Which quotations a quotes request lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKinds {
    /// Words in quotation marks (the default).
    #[default]
    Direct,
    /// Reported speech only ("Roe said the talks had failed").
    Indirect,
    /// Both.
    All,
}

impl QuoteKinds {
    /// Parses `direct`, `indirect` or `all`.
    pub fn parse(s: &str) -> Option<QuoteKinds> {
        match s.trim().to_ascii_lowercase().as_str() {
            "direct" => Some(QuoteKinds::Direct),
            "indirect" | "reported" => Some(QuoteKinds::Indirect),
            "all" | "both" => Some(QuoteKinds::All),
            _ => None,
        }
    }
}

impl QuoteRequest {
    /// The words when there are any, trimmed.
    pub fn words(&self) -> Option<&str> {
        non_blank(self.text.as_deref())
    }

    /// Checks the text length, the filters (quotations are filtered by speaker and date:
    /// quote documents do not carry their article's entities) and the page size.
    pub fn validate(&self) -> Result<(), RequestError> {
        check_text(self.text.as_deref())?;
        self.filters.validate()?;
        self.filters.speakers_only()?;
        check_limit(self.limit)
    }
}

/// A count of the entities in matching articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeopleRequest {
    /// Articles matching this query (all when `None`).
    pub query: Option<String>,
    /// Restrictions on the articles, as for article search.
    pub filters: Filters,
    /// Only this kind of entity; every kind when `None`.
    pub kind: Option<EntityKind>,
    /// List the entities that share articles with this one (a person, organisation or
    /// place), ranked by how specific the company is.
    pub with: Option<String>,
    /// Entities per answer, 1 to [`MAX_LIMIT`].
    pub limit: usize,
}

impl Default for PeopleRequest {
    fn default() -> PeopleRequest {
        PeopleRequest {
            query: None,
            filters: Filters::default(),
            kind: None,
            with: None,
            limit: 20,
        }
    }
}

impl PeopleRequest {
    /// The query text when it has any words, trimmed.
    pub fn text(&self) -> Option<&str> {
        non_blank(self.query.as_deref())
    }

    /// Checks the query length, the filters, the companion's name and the page size.
    pub fn validate(&self) -> Result<(), RequestError> {
        check_text(self.query.as_deref())?;
        self.filters.validate()?;
        if let Some(with) = &self.with {
            if with.trim().is_empty() {
                return Err(RequestError::EmptyName {
                    field: NameField::Person,
                });
            }
            if with.chars().count() > MAX_NAME_CHARS {
                return Err(RequestError::NameTooLong {
                    field: NameField::Person,
                    start: with.chars().take(40).collect(),
                });
            }
        }
        check_limit(self.limit)
    }
}

/// The period of one timeline bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// One day.
    Day,
    /// Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
}

impl Period {
    /// The period's name (`day`, `week`, `month`, `year`).
    pub fn name(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
            Period::Year => "year",
        }
    }
}

/// Counts of matching articles, or quotations, per period.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimelineRequest {
    /// The query language text (words inside quotations with `quotes`); `None` for all.
    pub query: Option<String>,
    /// Restrictions, as for article search (speakers and dates only with `quotes`).
    pub filters: Filters,
    /// The period of each bar; chosen from the date range when `None`.
    pub by: Option<Period>,
    /// Count quotations instead of articles.
    pub quotes: bool,
}

impl TimelineRequest {
    /// The query text when it has any words, trimmed.
    pub fn text(&self) -> Option<&str> {
        non_blank(self.query.as_deref())
    }

    /// Checks the query length and the filters (for quotations, as [`QuoteRequest`] does).
    pub fn validate(&self) -> Result<(), RequestError> {
        check_text(self.query.as_deref())?;
        self.filters.validate()?;
        if self.quotes {
            self.filters.speakers_only()?;
        }
        Ok(())
    }
}

/// What an export writes: one row per matching article, per matching quotation, or per
/// entity named in the matching articles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportKind {
    /// One row per article.
    #[default]
    Articles,
    /// One row per quotation document.
    Quotes,
    /// One row per entity (spellings merged), aggregated over the matching articles.
    Entities,
}

/// Every match of a query, with no cap (`newsdex export`). Unlike [`SearchRequest`], a
/// request with neither words nor filters is allowed: it exports everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportRequest {
    /// The query language text (words inside quotations for [`ExportKind::Quotes`]);
    /// `None` or blank for every document.
    pub query: Option<String>,
    /// Restrictions, as for article search (speakers and dates only for quotations).
    pub filters: Filters,
    /// The rows to write.
    pub what: ExportKind,
    /// Include each article's whole text (articles only).
    pub body: bool,
    /// For quotations: in marks, reported speech, or both.
    pub kinds: QuoteKinds,
}

impl ExportRequest {
    /// The query text when it has any words, trimmed.
    pub fn text(&self) -> Option<&str> {
        non_blank(self.query.as_deref())
    }

    /// Checks the query length and the filters (for quotations, as [`QuoteRequest`] does),
    /// and that the body is asked for articles only. There is no limit to check.
    pub fn validate(&self) -> Result<(), RequestError> {
        check_text(self.query.as_deref())?;
        self.filters.validate()?;
        if self.what == ExportKind::Quotes {
            self.filters.speakers_only()?;
        }
        if self.body && self.what != ExportKind::Articles {
            return Err(RequestError::BodyOnlyForArticles);
        }
        Ok(())
    }
}

fn non_blank(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

fn check_text(text: Option<&str>) -> Result<(), RequestError> {
    let chars = text.map_or(0, |t| t.chars().count());
    if chars > MAX_QUERY_CHARS {
        return Err(RequestError::QueryTooLong { chars });
    }
    Ok(())
}

fn check_limit(limit: usize) -> Result<(), RequestError> {
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(RequestError::Limit { limit });
    }
    Ok(())
}

/// Parses a day for `since`/`until`: `YYYY-MM-DD`, or an RFC 3339 time (its UTC day).
pub fn parse_day(text: &str) -> Result<NaiveDate, RequestError> {
    let text = text.trim();
    if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(d);
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Ok(dt.with_timezone(&Utc).date_naive());
    }
    Err(RequestError::BadDay {
        text: text.chars().take(40).collect(),
    })
}

/// What is wrong with a request. Every message names the part and what is allowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    /// Neither query words nor any filter.
    #[error("nothing to search for: give a query or a filter such as a person's name")]
    NothingToSearch,
    /// The query text is over [`MAX_QUERY_CHARS`].
    #[error("the query is {chars} characters long; the most is {MAX_QUERY_CHARS}")]
    QueryTooLong {
        /// Its length.
        chars: usize,
    },
    /// More than [`MAX_NAMES`] name filters.
    #[error("{count} name filters given; the most is {MAX_NAMES}")]
    TooManyNames {
        /// How many were given.
        count: usize,
    },
    /// A name filter with no letters.
    #[error("the {} filter is empty; give a name", .field.name())]
    EmptyName {
        /// Which filter.
        field: NameField,
    },
    /// A name over [`MAX_NAME_CHARS`].
    #[error("the {} name `{start}…` is longer than {MAX_NAME_CHARS} characters", .field.name())]
    NameTooLong {
        /// Which filter.
        field: NameField,
        /// Its first characters.
        start: String,
    },
    /// `since` after `until`.
    #[error("the date range ends ({until}) before it starts ({since})")]
    DatesReversed {
        /// First day asked for.
        since: NaiveDate,
        /// Last day asked for.
        until: NaiveDate,
    },
    /// A person, organisation or place filter on quotations.
    #[error("quotations are filtered by speaker and date; a {} filter applies to articles (`newsdex query`, `newsdex people`)", .field.name())]
    NotForQuotes {
        /// Which filter.
        field: NameField,
    },
    /// A day that is not `YYYY-MM-DD`.
    #[error("cannot read the date `{text}`: write YYYY-MM-DD")]
    BadDay {
        /// What was given.
        text: String,
    },
    /// A page size outside 1..=[`MAX_LIMIT`].
    #[error("the limit must be from 1 to {MAX_LIMIT}, not {limit}")]
    Limit {
        /// What was given.
        limit: usize,
    },
    /// The body asked for in an export of quotations or entities.
    #[error("only an export of articles has a body; drop --body, or export --what articles")]
    BodyOnlyForArticles,
    /// A page start past [`MAX_OFFSET`].
    #[error("the offset must be at most {MAX_OFFSET}, not {offset}")]
    OffsetTooDeep {
        /// What was given.
        offset: usize,
    },
}

#[cfg(test)]
#[path = "request_tests.rs"]
mod tests;
