//! Arguments to the search contract: each command's flags become `search`'s request types
//! here and nowhere else. Nothing is checked here beyond reading a day: limits, names and
//! ranges are validated once, by `search`, for every front end alike.

use super::args::{
    BatchArgs, DateArgs, ExportArgs, FilterArgs, KindArg, PeopleArgs, PeriodArg, QueryArgs,
    QuoteKindArg, QuotesArgs, SortArg, TimelineArgs, WhatArg,
};
use crate::extract::EntityKind;
use crate::search::{
    parse_day, BatchRequest, ExportKind, ExportRequest, Filters, PeopleRequest, Period, QuoteKinds,
    QuoteRequest, RequestError, SearchRequest, Sort, TimelineRequest,
};

/// Words given as several arguments, joined; `None` when there are none.
pub(super) fn joined(words: &[String]) -> Option<String> {
    let text = words.join(" ");
    (!text.trim().is_empty()).then_some(text)
}

fn day(value: Option<&str>) -> Result<Option<chrono::NaiveDate>, RequestError> {
    value.map(parse_day).transpose()
}

pub(super) fn filters(args: &FilterArgs) -> Result<Filters, RequestError> {
    Ok(Filters {
        person: args.person.clone(),
        org: args.org.clone(),
        place: args.place.clone(),
        said_by: args.said_by.clone(),
        ..dated(&args.dates)?
    })
}

fn dated(args: &DateArgs) -> Result<Filters, RequestError> {
    Ok(Filters {
        since: day(args.since.as_deref())?,
        until: day(args.until.as_deref())?,
        ..Filters::default()
    })
}

/// `newsdex query`.
pub fn search(a: &QueryArgs) -> Result<SearchRequest, RequestError> {
    Ok(SearchRequest {
        query: joined(&a.query),
        filters: filters(&a.filters)?,
        sort: match a.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Date => Sort::Date,
        },
        limit: a.limit,
        offset: a.offset,
        collapse: !a.no_collapse,
        exact: a.exact,
    })
}

/// `newsdex quotes`.
pub fn quotes(a: &QuotesArgs) -> Result<QuoteRequest, RequestError> {
    Ok(QuoteRequest {
        text: joined(&a.text),
        filters: Filters {
            said_by: a.by.clone(),
            ..dated(&a.dates)?
        },
        limit: a.limit,
        kinds: match (a.kind, a.indirect) {
            (Some(QuoteKindArg::Direct), _) => QuoteKinds::Direct,
            (Some(QuoteKindArg::Indirect), _) => QuoteKinds::Indirect,
            (Some(QuoteKindArg::All), _) | (None, true) => QuoteKinds::All,
            (None, false) => QuoteKinds::Direct,
        },
    })
}

/// `newsdex people`.
pub fn people(a: &PeopleArgs) -> Result<PeopleRequest, RequestError> {
    Ok(PeopleRequest {
        query: joined(&a.query),
        filters: filters(&a.filters)?,
        kind: a.kind.map(kind),
        with: a.with.clone(),
        limit: a.limit,
    })
}

fn kind(k: KindArg) -> EntityKind {
    match k {
        KindArg::Person => EntityKind::Person,
        KindArg::Org => EntityKind::Org,
        KindArg::Place => EntityKind::Place,
    }
}

/// `newsdex batch` (the list itself is read by the command).
pub fn batch(a: &BatchArgs) -> Result<BatchRequest, RequestError> {
    Ok(BatchRequest {
        filters: filters(&a.filters)?,
        names: a.names.map(kind),
    })
}

/// `newsdex timeline`.
pub fn timeline(a: &TimelineArgs) -> Result<TimelineRequest, RequestError> {
    Ok(TimelineRequest {
        query: joined(&a.query),
        filters: filters(&a.filters)?,
        by: a.by.map(|p| match p {
            PeriodArg::Day => Period::Day,
            PeriodArg::Week => Period::Week,
            PeriodArg::Month => Period::Month,
            PeriodArg::Year => Period::Year,
        }),
        quotes: a.quotes,
    })
}

/// `newsdex export`.
pub fn export(a: &ExportArgs) -> Result<ExportRequest, RequestError> {
    Ok(ExportRequest {
        query: joined(&a.query),
        filters: filters(&a.filters)?,
        what: match a.what {
            WhatArg::Articles => ExportKind::Articles,
            WhatArg::Quotes => ExportKind::Quotes,
            WhatArg::Entities => ExportKind::Entities,
        },
        body: a.body,
        kinds: if a.indirect {
            QuoteKinds::All
        } else {
            QuoteKinds::Direct
        },
    })
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::super::args::{Cli, Command};
    use super::*;

    fn parse(argv: &[&str]) -> Command {
        Cli::try_parse_from(argv).unwrap().command
    }

    #[test]
    fn flags_become_the_same_filters_for_every_command() {
        let Command::People(p) = parse(&[
            "newsdex",
            "people",
            "--person",
            "Gordon Brown",
            "--since",
            "2005-01-01",
            "--kind",
            "org",
        ]) else {
            panic!("not people")
        };
        let r = people(&p).unwrap();
        assert_eq!(r.filters.person, ["Gordon Brown"]);
        assert_eq!(r.filters.since, chrono::NaiveDate::from_ymd_opt(2005, 1, 1));
        assert_eq!(r.kind, Some(EntityKind::Org));
        let Command::Query(q) = parse(&[
            "newsdex",
            "query",
            "budget",
            "--person",
            "Gordon Brown",
            "--since",
            "2005-01-01",
            "-n",
            "0",
        ]) else {
            panic!("not query")
        };
        let s = search(&q).unwrap();
        assert_eq!(s.filters, r.filters);
        assert_eq!(s.query.as_deref(), Some("budget"));
        // The limit is passed through untouched: `search` rejects 0 for every front end.
        assert_eq!(s.limit, 0);
        assert!(s.validate().is_err());
    }

    #[test]
    fn quotes_take_speakers_by_either_flag() {
        for flag in ["--by", "--said-by"] {
            let Command::Quotes(a) = parse(&["newsdex", "quotes", "no deal", flag, "Varga"]) else {
                panic!("not quotes")
            };
            let r = quotes(&a).unwrap();
            assert_eq!(r.filters.said_by, ["Varga"]);
            assert_eq!(r.text.as_deref(), Some("no deal"));
        }
    }

    #[test]
    fn a_bad_day_is_a_request_error() {
        let Command::Query(q) = parse(&["newsdex", "query", "x", "--until", "tomorrow"]) else {
            panic!("not query")
        };
        assert!(matches!(search(&q), Err(RequestError::BadDay { .. })));
    }

    #[test]
    fn batch_flags_become_a_batch_request() {
        let Command::Batch(a) = parse(&[
            "newsdex",
            "batch",
            "names.txt",
            "--said-by",
            "Varga",
            "--since",
            "2024-01-01",
            "--names",
            "org",
            "--format",
            "jsonl",
        ]) else {
            panic!("not batch")
        };
        let r = batch(&a).unwrap();
        assert_eq!(r.filters.said_by, ["Varga"]);
        assert_eq!(r.filters.since, chrono::NaiveDate::from_ymd_opt(2024, 1, 1));
        assert_eq!(r.names, Some(EntityKind::Org));
        assert_eq!(a.file, std::path::PathBuf::from("names.txt"));
        let Command::Batch(d) = parse(&["newsdex", "batch", "-"]) else {
            panic!("not batch")
        };
        assert_eq!(
            d.format,
            super::super::args::BatchFormatArg::Csv,
            "CSV by default"
        );
        assert_eq!(batch(&d).unwrap(), BatchRequest::default());
    }

    #[test]
    fn export_flags_become_an_export_request() {
        let Command::Export(a) = parse(&[
            "newsdex",
            "export",
            "budget",
            "vote",
            "--format",
            "csv",
            "--what",
            "quotes",
            "--said-by",
            "Varga",
            "--until",
            "2024-12-31",
        ]) else {
            panic!("not export")
        };
        let r = export(&a).unwrap();
        assert_eq!(r.query.as_deref(), Some("budget vote"));
        assert_eq!(r.what, ExportKind::Quotes);
        assert_eq!(r.filters.said_by, ["Varga"]);
        assert_eq!(
            r.filters.until,
            chrono::NaiveDate::from_ymd_opt(2024, 12, 31)
        );
        assert!(!r.body);
        assert!(
            Cli::try_parse_from(["newsdex", "export"]).is_err(),
            "--format is required"
        );
    }
}
