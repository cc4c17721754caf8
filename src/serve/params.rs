//! Query strings to library requests: each endpoint's parameters are decoded, checked
//! (known names, lengths, page sizes, dates, sort orders) and turned into the same
//! requests the command line builds, so the API answers exactly what `--json` prints.
//!
//! Empty values count as absent (an HTML form sends every field). Anything wrong is an
//! [`ApiError::BadRequest`] that says which parameter and why.

use chrono::NaiveDate;

use super::ApiError;
use crate::extract::EntityKind;
use crate::search::{query::parse_day, PeopleRequest, QuoteRequest, SearchRequest, Sort};

/// Longest query text accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 1_000;
/// Longest name in a filter, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Most name filters in one request (person, org, place, said_by and by together).
pub const MAX_NAMES: usize = 20;
/// Largest page size.
pub const MAX_LIMIT: usize = 100;
/// Deepest page start for article search.
pub const MAX_OFFSET: usize = 10_000;

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

    /// The query text, at most [`MAX_QUERY_CHARS`] characters.
    fn text(&self, name: &str) -> Result<Option<String>, ApiError> {
        let text = self.one(name)?;
        if let Some(t) = &text {
            let n = t.chars().count();
            if n > MAX_QUERY_CHARS {
                return Err(ApiError::BadRequest(format!(
                    "`{name}` is {n} characters long; the most is {MAX_QUERY_CHARS}"
                )));
            }
        }
        Ok(text)
    }

    /// Names of a repeatable filter, each at most [`MAX_NAME_CHARS`] characters.
    fn names(&self, name: &str) -> Result<Vec<String>, ApiError> {
        let names = self.all(name);
        if let Some(long) = names.iter().find(|n| n.chars().count() > MAX_NAME_CHARS) {
            return Err(ApiError::BadRequest(format!(
                "`{name}` value `{}…` is longer than {MAX_NAME_CHARS} characters",
                clip(long)
            )));
        }
        Ok(names)
    }

    fn day(&self, name: &str) -> Result<Option<NaiveDate>, ApiError> {
        self.one(name)?
            .map(|d| parse_day(&d).map_err(|e| ApiError::BadRequest(e.to_string())))
            .transpose()
    }

    /// A count within `1..=max`, `default` when absent.
    fn count(&self, name: &str, default: usize, min: usize, max: usize) -> Result<usize, ApiError> {
        let Some(raw) = self.one(name)? else {
            return Ok(default);
        };
        match raw.parse::<usize>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(ApiError::BadRequest(format!(
                "`{name}` must be a whole number from {min} to {max}, not `{}`",
                clip(&raw)
            ))),
        }
    }
}

/// At most 40 characters of a user value, for error messages.
fn clip(s: &str) -> String {
    s.chars().take(40).collect()
}

fn check_name_count(total: usize) -> Result<(), ApiError> {
    if total > MAX_NAMES {
        return Err(ApiError::BadRequest(format!(
            "{total} name filters given; the most is {MAX_NAMES}"
        )));
    }
    Ok(())
}

/// `GET /api/search`.
pub fn search_request(query: &str) -> Result<SearchRequest, ApiError> {
    let p = Params::parse(
        query,
        &[
            "q", "person", "org", "place", "said_by", "since", "until", "sort", "limit", "offset",
        ],
    )?;
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
    let request = SearchRequest {
        query: p.text("q")?,
        persons: p.names("person")?,
        orgs: p.names("org")?,
        places: p.names("place")?,
        said_by: p.names("said_by")?,
        since: p.day("since")?,
        until: p.day("until")?,
        sort,
        limit: p.count("limit", 10, 1, MAX_LIMIT)?,
        offset: p.count("offset", 0, 0, MAX_OFFSET)?,
    };
    check_name_count(
        request.persons.len() + request.orgs.len() + request.places.len() + request.said_by.len(),
    )?;
    if request.is_empty() {
        return Err(ApiError::BadRequest(
            "nothing to search for: give `q` or a filter such as `person`".into(),
        ));
    }
    Ok(request)
}

/// `GET /api/quotes`.
pub fn quote_request(query: &str) -> Result<QuoteRequest, ApiError> {
    let p = Params::parse(query, &["q", "by", "since", "until", "limit"])?;
    let request = QuoteRequest {
        text: p.text("q")?,
        by: p.names("by")?,
        since: p.day("since")?,
        until: p.day("until")?,
        limit: p.count("limit", 10, 1, MAX_LIMIT)?,
    };
    check_name_count(request.by.len())?;
    Ok(request)
}

/// `GET /api/people`: the command line's `people` (q, kind, limit), plus the article
/// search filters, which are written into the query as `person:"…"` and `date:` clauses
/// so that the counts describe the same articles as `/api/search` with those filters.
pub fn people_request(query: &str) -> Result<PeopleRequest, ApiError> {
    let p = Params::parse(
        query,
        &[
            "q", "kind", "limit", "person", "org", "place", "said_by", "since", "until",
        ],
    )?;
    let kind = match p.one("kind")?.as_deref() {
        None => None,
        Some("person") => Some(EntityKind::Person),
        Some("org") => Some(EntityKind::Organization),
        Some("place") => Some(EntityKind::Location),
        Some(other) => {
            return Err(ApiError::BadRequest(format!(
                "`kind` must be `person`, `org` or `place`, not `{}`",
                clip(other)
            )))
        }
    };
    let mut parts = Vec::new();
    if let Some(q) = p.text("q")? {
        parts.push(format!("({q})"));
    }
    let mut names = 0;
    for field in ["person", "org", "place", "said_by"] {
        for name in p.names(field)? {
            names += 1;
            parts.push(format!("{field}:\"{}\"", name.replace('"', " ")));
        }
    }
    check_name_count(names)?;
    if let Some(d) = p.day("since")? {
        parts.push(format!("date:>={d}"));
    }
    if let Some(d) = p.day("until")? {
        parts.push(format!("date:<={d}"));
    }
    Ok(PeopleRequest {
        query: (!parts.is_empty()).then(|| parts.join(" ")),
        kind,
        limit: p.count("limit", 20, 1, MAX_LIMIT)?,
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
        assert_eq!(r.persons, ["Elena Ruiz", "Varga"]);
        assert!(r.orgs.is_empty(), "empty values are absent");
        assert_eq!(r.sort, Sort::Date);
        assert_eq!((r.limit, r.offset), (5, 10));
        assert_eq!(r.since, NaiveDate::from_ymd_opt(2024, 1, 1));
    }

    #[test]
    fn bad_search_parameters_say_what_is_wrong() {
        assert!(bad(search_request("q=a&sort=newest")).contains("`sort` must be"));
        assert!(bad(search_request("q=a&since=yesterday")).contains("cannot read the date"));
        assert!(bad(search_request("q=a&limit=101")).contains("from 1 to 100"));
        assert!(bad(search_request("q=a&limit=0")).contains("from 1 to 100"));
        assert!(bad(search_request("q=a&limit=-3")).contains("whole number"));
        assert!(bad(search_request("q=a&offset=99999999")).contains("offset"));
        assert!(bad(search_request("q=a&colour=red")).contains("unknown parameter `colour`"));
        assert!(bad(search_request("q=a&q=b")).contains("given 2 times"));
        assert!(bad(search_request("")).contains("nothing to search for"));
        let long = format!("q={}", "a".repeat(MAX_QUERY_CHARS + 1));
        assert!(bad(search_request(&long)).contains("the most is 1000"));
        let many = "person=x&".repeat(MAX_NAMES + 1);
        assert!(bad(search_request(&many)).contains("name filters"));
    }

    #[test]
    fn people_filters_become_query_clauses() {
        let r =
            people_request("q=budget+OR+tram&person=Elena+%22Ruiz&since=2024-01-01&kind=person")
                .unwrap();
        assert_eq!(
            r.query.as_deref(),
            Some("(budget OR tram) person:\"Elena  Ruiz\" date:>=2024-01-01")
        );
        assert_eq!(r.kind, Some(EntityKind::Person));
        assert_eq!(r.limit, 20);
        assert_eq!(people_request("").unwrap().query, None);
        assert!(bad(people_request("kind=animal")).contains("`kind` must be"));
    }

    #[test]
    fn quote_parameters() {
        let r = quote_request("q=budget&by=Varga&limit=3").unwrap();
        assert_eq!(r.text.as_deref(), Some("budget"));
        assert_eq!(r.by, ["Varga"]);
        assert_eq!(r.limit, 3);
        assert!(bad(quote_request("speaker=Varga")).contains("unknown parameter"));
    }
}
