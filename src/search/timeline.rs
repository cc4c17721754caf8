//! When: the number of matching articles (or quotations) per day, week, month or year,
//! computed with Tantivy's aggregations over the `date` fast column, never by reading
//! documents.
//!
//! Tantivy's date histogram only has fixed intervals (no calendar months), so the buckets
//! are calendar periods computed here (weeks start on Monday, UTC) and counted with one
//! `range` aggregation; a first `stats` aggregation finds the first and last date.

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc};
use serde::Serialize;
use serde_json::{json, Value};
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::{AggContextParams, AggregationCollector, AggregationLimitsGuard};
use tantivy::collector::Count;
use tantivy::query::Query;

use super::query::{combine, QueryBuilder};
use super::request::{Filters, Period, TimelineRequest};
use super::{Archive, SearchError};
use crate::index::schema::{columns, KIND_ARTICLE, KIND_QUOTE};

/// Most buckets one answer may hold (a day per bucket covers 27 years).
pub const MAX_BUCKETS: usize = 10_000;

/// One period and what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bucket {
    /// First day of the period.
    pub start: NaiveDate,
    /// Last day of the period, inclusive.
    pub end: NaiveDate,
    /// Matching articles (or quotations, with `quotes`) dated within it.
    pub articles: u64,
}

/// The answer to a timeline request.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineResults {
    /// The query text, or null.
    pub query: Option<String>,
    /// The filters as applied.
    pub filters: Filters,
    /// What was counted: `articles` or `quotes`.
    pub counted: &'static str,
    /// The period of each bucket (chosen from the date range when not asked for).
    pub by: Period,
    /// Every period from the first dated match to the last, empty ones included.
    pub buckets: Vec<Bucket>,
    /// Matches without a date.
    pub undated: u64,
}

pub(super) fn timeline(
    archive: &Archive,
    req: &TimelineRequest,
) -> Result<TimelineResults, SearchError> {
    let f = archive.index.fields();
    let (kind, defaults) = if req.quotes {
        (KIND_QUOTE, vec![f.quote])
    } else {
        (KIND_ARTICLE, vec![f.title, f.body])
    };
    let qb = QueryBuilder::new(&archive.index, &defaults);
    let mut filters = vec![qb.kind(kind)];
    filters.extend(qb.filters(&req.filters)?);
    let query = combine(qb.parse_optional(req.text())?, filters);
    let searcher = archive.searcher();
    let total = searcher.search(&*query, &Count)? as u64;
    let run = |aggs: Value| -> Result<Value, SearchError> {
        let result = searcher.search(&*query, &collector(archive, aggs)?)?;
        Ok(serde_json::to_value(&result).unwrap_or(Value::Null))
    };
    let (by, buckets) = bars(req, &run)?;
    Ok(results(req, by, buckets, total))
}

/// The bars of a timeline, from aggregations `run` answers over the matching documents
/// (Tantivy's locally, Quickwit's for a remote archive: both take the same requests).
pub(super) fn bars(
    req: &TimelineRequest,
    run: &dyn Fn(Value) -> Result<Value, SearchError>,
) -> Result<(Period, Vec<Bucket>), SearchError> {
    Ok(
        match span(&run(
            json!({ "span": { "stats": { "field": columns::DATE } } }),
        )?) {
            Some((first, last)) => {
                let by = req.by.unwrap_or_else(|| Period::for_span(first, last));
                let periods = periods(first, last, by)?;
                (by, count(run, &periods)?)
            }
            None => (req.by.unwrap_or(Period::Month), Vec::new()),
        },
    )
}

/// The answer, with the matches outside every bar counted as undated.
pub(super) fn results(
    req: &TimelineRequest,
    by: Period,
    buckets: Vec<Bucket>,
    total: u64,
) -> TimelineResults {
    let dated: u64 = buckets.iter().map(|b| b.articles).sum();
    TimelineResults {
        query: req.text().map(str::to_string),
        filters: req.filters.clone(),
        counted: if req.quotes { "quotes" } else { "articles" },
        by,
        buckets,
        undated: total.saturating_sub(dated),
    }
}

fn collector(archive: &Archive, aggs: Value) -> Result<AggregationCollector, SearchError> {
    let aggs: Aggregations = serde_json::from_value(aggs)
        .map_err(|e| SearchError::Unsupported(format!("aggregation request: {e}")))?;
    let limits = AggregationLimitsGuard::new(Some(256 << 20), Some(MAX_BUCKETS as u32 + 10));
    let context = AggContextParams::new(limits, archive.index.tantivy().tokenizers().clone());
    Ok(AggregationCollector::from_aggs(aggs, context))
}

/// First and last day of the matching documents that have a date.
/// The first and last day of the matches of `query`, if any is dated.
pub(super) fn date_span(
    archive: &Archive,
    query: &dyn Query,
) -> Result<Option<(NaiveDate, NaiveDate)>, SearchError> {
    let aggs = json!({ "span": { "stats": { "field": columns::DATE } } });
    let result = archive
        .searcher()
        .search(query, &collector(archive, aggs)?)?;
    Ok(span(&serde_json::to_value(&result).unwrap_or(Value::Null)))
}

/// The first and last day of a `stats` aggregation named `span`, if it counted any date.
fn span(value: &Value) -> Option<(NaiveDate, NaiveDate)> {
    let stats = &value["span"];
    if stats["count"].as_u64().unwrap_or(0) == 0 {
        return None;
    }
    let day = |v: &Value| v.as_f64().map(nanos_to_day);
    day(&stats["min"]).zip(day(&stats["max"]))
}

fn nanos_to_day(nanos: f64) -> NaiveDate {
    let secs = (nanos / 1e9).floor() as i64;
    DateTime::<Utc>::from_timestamp(secs, 0)
        .map(|d| d.date_naive())
        .unwrap_or_default()
}

fn day_nanos(day: NaiveDate) -> f64 {
    day.and_hms_opt(0, 0, 0)
        .map_or(0.0, |t| t.and_utc().timestamp() as f64 * 1e9)
}

/// The calendar periods covering `first..=last`, as (start, end inclusive).
fn periods(
    first: NaiveDate,
    last: NaiveDate,
    by: Period,
) -> Result<Vec<(NaiveDate, NaiveDate)>, SearchError> {
    let mut start = by.start_of(first);
    let mut out = Vec::new();
    while start <= last {
        let next = by.next(start);
        out.push((start, next - Duration::days(1)));
        if out.len() > MAX_BUCKETS {
            return Err(SearchError::Unsupported(format!(
                "a timeline by {} from {first} to {last} would have more than {MAX_BUCKETS} bars; \
                 choose a longer period with --by",
                by.name()
            )));
        }
        start = next;
    }
    Ok(out)
}

fn count(
    run: &dyn Fn(Value) -> Result<Value, SearchError>,
    periods: &[(NaiveDate, NaiveDate)],
) -> Result<Vec<Bucket>, SearchError> {
    let ranges: Vec<Value> = periods
        .iter()
        .map(|&(start, end)| {
            json!({ "from": day_nanos(start), "to": day_nanos(end + Duration::days(1)) })
        })
        .collect();
    let aggs = json!({ "periods": { "range": {
        "field": columns::DATE, "ranges": ranges, "keyed": false } } });
    let value = run(aggs)?;
    let counts: Vec<(f64, u64)> = value["periods"]["buckets"]
        .as_array()
        .map(|buckets| {
            buckets
                .iter()
                .filter_map(|b| Some((b["from"].as_f64()?, b["doc_count"].as_u64()?)))
                .collect()
        })
        .unwrap_or_default();
    Ok(periods
        .iter()
        .map(|&(start, end)| Bucket {
            start,
            end,
            articles: counts
                .iter()
                .find(|(from, _)| *from == day_nanos(start))
                .map_or(0, |(_, n)| *n),
        })
        .collect())
}

impl Period {
    /// A period giving a readable number of bars for the span: days up to two months,
    /// weeks up to a year, months up to twenty years, else years.
    pub fn for_span(first: NaiveDate, last: NaiveDate) -> Period {
        let days = (last - first).num_days();
        if days <= 62 {
            Period::Day
        } else if days <= 366 {
            Period::Week
        } else if days <= 7305 {
            Period::Month
        } else {
            Period::Year
        }
    }

    fn start_of(self, day: NaiveDate) -> NaiveDate {
        match self {
            Period::Day => day,
            Period::Week => day - Duration::days(i64::from(day.weekday().num_days_from_monday())),
            Period::Month => day.with_day(1).unwrap_or(day),
            Period::Year => NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day),
        }
    }

    fn next(self, start: NaiveDate) -> NaiveDate {
        match self {
            Period::Day => start + Duration::days(1),
            Period::Week => start + Duration::days(7),
            Period::Month => start + Months::new(1),
            Period::Year => start + Months::new(12),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn periods_are_calendar_periods() {
        let cases = [
            (
                Period::Day,
                "2024-02-28",
                "2024-03-01",
                vec![
                    ("2024-02-28", "2024-02-28"),
                    ("2024-02-29", "2024-02-29"),
                    ("2024-03-01", "2024-03-01"),
                ],
            ),
            // 2024-03-06 is a Wednesday: its week starts on Monday the 4th.
            (
                Period::Week,
                "2024-03-06",
                "2024-03-12",
                vec![("2024-03-04", "2024-03-10"), ("2024-03-11", "2024-03-17")],
            ),
            (
                Period::Month,
                "2024-01-31",
                "2024-03-01",
                vec![
                    ("2024-01-01", "2024-01-31"),
                    ("2024-02-01", "2024-02-29"),
                    ("2024-03-01", "2024-03-31"),
                ],
            ),
            (
                Period::Year,
                "2004-06-01",
                "2005-01-01",
                vec![("2004-01-01", "2004-12-31"), ("2005-01-01", "2005-12-31")],
            ),
        ];
        for (by, first, last, want) in cases {
            let got = periods(d(first), d(last), by).unwrap();
            let want: Vec<(NaiveDate, NaiveDate)> =
                want.into_iter().map(|(a, b)| (d(a), d(b))).collect();
            assert_eq!(got, want, "{by:?} {first}..{last}");
        }
    }

    #[test]
    fn the_default_period_follows_the_span() {
        assert_eq!(
            Period::for_span(d("2024-03-01"), d("2024-03-20")),
            Period::Day
        );
        assert_eq!(
            Period::for_span(d("2024-01-01"), d("2024-12-31")),
            Period::Week
        );
        assert_eq!(
            Period::for_span(d("2023-10-02"), d("2025-04-21")),
            Period::Month
        );
        assert_eq!(
            Period::for_span(d("2004-01-01"), d("2005-12-31")),
            Period::Month
        );
        assert_eq!(
            Period::for_span(d("1987-01-01"), d("2024-12-31")),
            Period::Year
        );
    }

    #[test]
    fn too_many_bars_is_an_error_not_a_huge_answer() {
        assert!(periods(d("1900-01-01"), d("2024-01-01"), Period::Day).is_err());
        assert!(periods(d("1900-01-01"), d("2024-01-01"), Period::Month).is_ok());
    }

    #[test]
    fn day_boundaries_survive_the_nanosecond_floats() {
        for s in ["1970-01-01", "2004-11-07", "2024-02-29", "2099-12-31"] {
            assert_eq!(nanos_to_day(day_nanos(d(s))), d(s));
        }
    }
}
