//! Query strings to the search contract: each endpoint's parameters are decoded (known
//! names, a parameter given once, whole numbers, days, sort orders and kinds) into the same
//! requests the command line builds, so the API answers exactly what `--json` prints.
//! Limits, name lengths and counts are not checked here: `search` validates every request
//! for every front end.
//!
//! Empty values count as absent (an HTML form sends every field). Anything that cannot be
//! decoded is an [`ApiError::BadRequest`] that says which parameter and why.

use chrono::NaiveDate;

use super::ApiError;
use crate::extract::EntityKind;
use crate::render::ExportFormat;
use crate::search::{
    parse_day, BatchRequest, ExportKind, ExportRequest, Filters, PeopleRequest, Period, QuoteKinds,
    QuoteRequest, SearchRequest, Sort, TimelineRequest,
};

/// Decoded `name=value` pairs of one query string, in order, without empty values.
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Decodes a query string (`+` and `%XX` escapes) and rejects names not in `allowed`.
    pub fn parse(query: &str, allowed: &[&str]) -> Result<Params, ApiError> {
        let mut pairs = Vec::new();
        for (name, value) in form_urlencoded::parse(query.as_bytes()) {
            if !allowed.contains(&name.as_ref()) {
                return Err(ApiError::BadRequest(format!(
                    "unknown parameter `{}`; this endpoint takes {}",
                    clip(&name),
                    allowed.join(", ")
                )));
            }
            if !value.trim().is_empty() {
                pairs.push((name.into_owned(), value.into_owned()));
            }
        }
        Ok(Params { pairs })
    }

    /// Every value of a repeatable parameter.
    fn all(&self, name: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.trim().to_string())
            .collect()
    }

    /// The value of a parameter that may appear once.
    fn one(&self, name: &str) -> Result<Option<String>, ApiError> {
        let mut values = self.all(name);
        if values.len() > 1 {
            return Err(ApiError::BadRequest(format!(
                "`{name}` is given {} times; give it once",
                values.len()
            )));
        }
        Ok(values.pop())
    }

    fn day(&self, name: &str) -> Result<Option<NaiveDate>, ApiError> {
        self.one(name)?
            .map(|d| parse_day(&d).map_err(|e| ApiError::BadRequest(e.to_string())))
            .transpose()
    }

    /// A whole number, `default` when absent. Its range is the search contract's to check.
    fn count(&self, name: &str, default: usize) -> Result<usize, ApiError> {
        let Some(raw) = self.one(name)? else {
            return Ok(default);
        };
        raw.parse::<usize>().map_err(|_| {
            ApiError::BadRequest(format!(
                "`{name}` must be a whole number, not `{}`",
                clip(&raw)
            ))
        })
    }

    /// A yes/no parameter: `1`/`true` or `0`/`false`, `default` when absent.
    fn flag(&self, name: &str, default: bool) -> Result<bool, ApiError> {
        match self.one(name)?.as_deref() {
            None => Ok(default),
            Some("1") | Some("true") => Ok(true),
            Some("0") | Some("false") => Ok(false),
            Some(other) => Err(ApiError::BadRequest(format!(
                "`{name}` must be 1 or 0, not `{}`",
                clip(other)
            ))),
        }
    }

    /// The filters every search endpoint shares.
    fn filters(&self) -> Result<Filters, ApiError> {
        Ok(Filters {
            person: self.all("person"),
            org: self.all("org"),
            place: self.all("place"),
            said_by: self.all("said_by"),
            since: self.day("since")?,
            until: self.day("until")?,
            added_after: None,
        })
    }
}

/// At most 40 characters of a user value, for error messages.
fn clip(s: &str) -> String {
    s.chars().take(40).collect()
}

/// `GET /api/search`.
pub fn search_request(query: &str) -> Result<SearchRequest, ApiError> {
    let p = Params::parse(
        query,
        &[
            "q", "person", "org", "place", "said_by", "since", "until", "sort", "limit", "offset",
            "collapse", "exact",
        ],
    )?;
    let collapse = p.flag("collapse", true)?;
    let exact = p.flag("exact", false)?;
    let sort = match p.one("sort")?.as_deref() {
        None | Some("relevance") => Sort::Relevance,
        Some("date") => Sort::Date,
        Some(other) => {
            return Err(ApiError::BadRequest(format!(
                "`sort` must be `relevance` or `date`, not `{}`",
                clip(other)
            )))
        }
    };
    Ok(SearchRequest {
        query: p.one("q")?,
        filters: p.filters()?,
        sort,
        limit: p.count("limit", 10)?,
        offset: p.count("offset", 0)?,
        collapse,
        exact,
    })
}

/// `POST /api/saved`: a `name`, and the search as `/api/search` takes it (`q` and the
/// filters).
pub fn save_request(query: &str) -> Result<(String, Option<String>, Filters), ApiError> {
    let p = Params::parse(
        query,
        &[
            "name", "q", "person", "org", "place", "said_by", "since", "until",
        ],
    )?;
    Ok((saved_name(&p)?, p.one("q")?, p.filters()?))
}

/// `GET /api/saved/new?name=&limit=`: which saved search, and how many of each kind to list.
pub fn saved_new_request(query: &str) -> Result<(String, usize), ApiError> {
    let p = Params::parse(query, &["name", "limit"])?;
    Ok((saved_name(&p)?, p.count("limit", 10)?))
}

/// `POST /api/saved/seen?name=&mark=`: which saved search, checked up to which mark.
pub fn saved_seen_request(query: &str) -> Result<(String, u64), ApiError> {
    let p = Params::parse(query, &["name", "mark"])?;
    let mark = p.one("mark")?.ok_or_else(|| {
        ApiError::BadRequest("give the `mark` that the new articles came with".into())
    })?;
    let mark = mark.parse::<u64>().map_err(|_| {
        ApiError::BadRequest(format!(
            "`mark` must be a whole number, not `{}`",
            clip(&mark)
        ))
    })?;
    Ok((saved_name(&p)?, mark))
}

fn saved_name(p: &Params) -> Result<String, ApiError> {
    p.one("name")?
        .ok_or_else(|| ApiError::BadRequest("give the saved search's `name`".into()))
}

/// `GET /api/quotes`: `by` names speakers (as `said_by` does elsewhere).
pub fn quote_request(query: &str) -> Result<QuoteRequest, ApiError> {
    let p = Params::parse(
        query,
        &["q", "by", "said_by", "since", "until", "limit", "kind"],
    )?;
    let mut filters = p.filters()?;
    filters.said_by = p.all("by").into_iter().chain(filters.said_by).collect();
    Ok(QuoteRequest {
        text: p.one("q")?,
        filters,
        limit: p.count("limit", 10)?,
        kinds: quote_kinds(&p)?,
    })
}

/// `kind` of quotations: direct (the default), indirect or all.
fn quote_kinds(p: &Params) -> Result<QuoteKinds, ApiError> {
    match p.one("kind")? {
        None => Ok(QuoteKinds::Direct),
        Some(k) => QuoteKinds::parse(&k).ok_or_else(|| {
            ApiError::BadRequest(format!(
                "`kind` is direct, indirect or all, not `{}`",
                clip(&k)
            ))
        }),
    }
}

/// `GET /api/people`: the command line's `people` with the same filters as `/api/search`,
/// so the counts describe the articles that search finds.
pub fn people_request(query: &str) -> Result<PeopleRequest, ApiError> {
    let p = Params::parse(
        query,
        &[
            "q", "kind", "limit", "person", "org", "place", "said_by", "since", "until", "with",
        ],
    )?;
    let kind = match p.one("kind")? {
        None => None,
        Some(text) => Some(EntityKind::parse(&text).ok_or_else(|| {
            ApiError::BadRequest(format!(
                "`kind` must be `person`, `org` or `place`, not `{}`",
                clip(&text)
            ))
        })?),
    };
    Ok(PeopleRequest {
        query: p.one("q")?,
        filters: p.filters()?,
        kind,
        with: p.one("with")?,
        limit: p.count("limit", 20)?,
    })
}

/// `GET /api/export`: the filters of `/api/search` (`by` also names speakers, as in
/// `/api/quotes`), `what` (`articles`, `quotes`, `entities`), `format` (`csv`, `jsonl`) and
/// `body=1` for articles' whole text.
pub fn export_request(query: &str) -> Result<(ExportRequest, ExportFormat), ApiError> {
    let p = Params::parse(
        query,
        &[
            "q", "person", "org", "place", "said_by", "by", "since", "until", "what", "format",
            "body", "kind",
        ],
    )?;
    let what = match p.one("what")?.as_deref() {
        None | Some("articles") => ExportKind::Articles,
        Some("quotes") => ExportKind::Quotes,
        Some("entities") => ExportKind::Entities,
        Some(other) => {
            return Err(ApiError::BadRequest(format!(
                "`what` must be `articles`, `quotes` or `entities`, not `{}`",
                clip(other)
            )))
        }
    };
    let format = match p.one("format")?.as_deref() {
        None | Some("csv") => ExportFormat::Csv,
        Some("jsonl") => ExportFormat::Jsonl,
        Some(other) => {
            return Err(ApiError::BadRequest(format!(
                "`format` must be `csv` or `jsonl`, not `{}`",
                clip(other)
            )))
        }
    };
    let body = match p.one("body")?.as_deref() {
        None | Some("0") | Some("false") => false,
        Some("1") | Some("true") => true,
        Some(other) => {
            return Err(ApiError::BadRequest(format!(
                "`body` must be 1 or 0, not `{}`",
                clip(other)
            )))
        }
    };
    let mut filters = p.filters()?;
    filters.said_by = p.all("by").into_iter().chain(filters.said_by).collect();
    let request = ExportRequest {
        query: p.one("q")?,
        filters,
        what,
        body,
        kinds: quote_kinds(&p)?,
    };
    Ok((request, format))
}

/// `POST /api/batch`'s query string: the filters every line shares, and `names`.
pub fn batch_request(query: &str) -> Result<BatchRequest, ApiError> {
    let p = Params::parse(
        query,
        &[
            "person", "org", "place", "said_by", "since", "until", "names",
        ],
    )?;
    let names = match p.one("names")? {
        None => None,
        Some(text) => Some(EntityKind::parse(&text).ok_or_else(|| {
            ApiError::BadRequest(format!(
                "`names` must be `person`, `org` or `place`, not `{}`",
                clip(&text)
            ))
        })?),
    };
    Ok(BatchRequest {
        filters: p.filters()?,
        names,
    })
}

/// `GET /api/timeline`: the filters of `/api/search`, `by` (`day`, `week`, `month`,
/// `year`), and `quotes=1` to count quotations (then `said_by` names the speakers).
pub fn timeline_request(query: &str) -> Result<TimelineRequest, ApiError> {
    let p = Params::parse(
        query,
        &[
            "q", "person", "org", "place", "said_by", "since", "until", "by", "quotes",
        ],
    )?;
    let by = match p.one("by")?.as_deref() {
        None => None,
        Some("day") => Some(Period::Day),
        Some("week") => Some(Period::Week),
        Some("month") => Some(Period::Month),
        Some("year") => Some(Period::Year),
        Some(other) => {
            return Err(ApiError::BadRequest(format!(
                "`by` must be `day`, `week`, `month` or `year`, not `{}`",
                clip(other)
            )))
        }
    };
    let quotes = match p.one("quotes")?.as_deref() {
        None | Some("0") | Some("false") => false,
        Some("1") | Some("true") => true,
        Some(other) => {
            return Err(ApiError::BadRequest(format!(
                "`quotes` must be 1 or 0, not `{}`",
                clip(other)
            )))
        }
    };
    Ok(TimelineRequest {
        query: p.one("q")?,
        filters: p.filters()?,
        by,
        quotes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bad(result: Result<impl std::fmt::Debug, ApiError>) -> String {
        match result {
            Err(ApiError::BadRequest(m)) => m,
            other => panic!("expected a bad request, got {other:?}"),
        }
    }

    #[test]
    fn search_parameters_decode_and_repeat() {
        let r = search_request("q=interest+rates&person=Elena%20Ruiz&person=Varga&sort=date&limit=5&offset=10&since=2024-01-01&org=")
            .unwrap();
        assert_eq!(r.query.as_deref(), Some("interest rates"));
        assert_eq!(r.filters.person, ["Elena Ruiz", "Varga"]);
        assert!(r.filters.org.is_empty(), "empty values are absent");
        assert_eq!(r.sort, Sort::Date);
        assert_eq!((r.limit, r.offset), (5, 10));
        assert_eq!(r.filters.since, NaiveDate::from_ymd_opt(2024, 1, 1));
    }

    #[test]
    fn undecodable_parameters_say_what_is_wrong() {
        assert!(bad(search_request("q=a&sort=newest")).contains("`sort` must be"));
        assert!(bad(search_request("q=a&since=yesterday")).contains("cannot read the date"));
        assert!(bad(search_request("q=a&limit=-3")).contains("whole number"));
        assert!(bad(search_request("q=a&colour=red")).contains("unknown parameter `colour`"));
        assert!(bad(search_request("q=a&q=b")).contains("given 2 times"));
    }

    #[test]
    fn ranges_are_left_to_the_search_contract() {
        // Decoded as given; `search` rejects them for the API and the command line alike.
        let r = search_request("q=a&limit=0").unwrap();
        assert_eq!(r.limit, 0);
        assert!(r.validate().is_err());
        assert!(search_request("").unwrap().validate().is_err());
    }

    #[test]
    fn people_take_the_search_filters() {
        let r = people_request("q=budget+OR+tram&person=Elena+Ruiz&since=2024-01-01&kind=person")
            .unwrap();
        assert_eq!(r.query.as_deref(), Some("budget OR tram"));
        assert_eq!(r.filters.person, ["Elena Ruiz"]);
        assert_eq!(r.filters.since, NaiveDate::from_ymd_opt(2024, 1, 1));
        assert_eq!(r.kind, Some(EntityKind::Person));
        assert_eq!(r.limit, 20);
        assert_eq!(people_request("").unwrap().query, None);
        assert_eq!(
            people_request("kind=org").unwrap().kind,
            Some(EntityKind::Org)
        );
        assert_eq!(
            people_request("kind=organization").unwrap().kind,
            Some(EntityKind::Org),
            "the spelling of earlier versions is still read"
        );
        assert!(bad(people_request("kind=animal")).contains("`kind` must be"));
    }

    #[test]
    fn timeline_parameters() {
        let r = timeline_request("q=budget&person=Ruiz&by=month&quotes=0").unwrap();
        assert_eq!(r.by, Some(Period::Month));
        assert_eq!(r.filters.person, ["Ruiz"]);
        assert!(!r.quotes);
        assert!(timeline_request("quotes=1").unwrap().quotes);
        assert_eq!(timeline_request("").unwrap().by, None);
        assert!(bad(timeline_request("by=decade")).contains("`by` must be"));
        assert!(bad(timeline_request("quotes=maybe")).contains("`quotes` must be"));
    }

    #[test]
    fn quote_parameters() {
        let r = quote_request("q=budget&by=Varga&limit=3").unwrap();
        assert_eq!(r.text.as_deref(), Some("budget"));
        assert_eq!(r.filters.said_by, ["Varga"]);
        assert_eq!(r.limit, 3);
        assert!(bad(quote_request("speaker=Varga")).contains("unknown parameter"));
    }
}
