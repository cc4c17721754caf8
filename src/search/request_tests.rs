//! Tests of the request contract: every rule with the request that breaks it.

use super::*;

fn day(s: &str) -> Option<NaiveDate> {
    Some(parse_day(s).unwrap())
}

#[test]
fn search_requests_are_checked_once_for_every_front_end() {
    let ok = SearchRequest {
        query: Some("budget".into()),
        ..SearchRequest::default()
    };
    assert_eq!(ok.validate(), Ok(()));
    let by_name = SearchRequest {
        filters: Filters {
            person: vec!["Elena Ruiz".into()],
            ..Filters::default()
        },
        ..SearchRequest::default()
    };
    assert_eq!(by_name.validate(), Ok(()));
    let cases: Vec<(SearchRequest, RequestError)> = vec![
        (SearchRequest::default(), RequestError::NothingToSearch),
        (
            SearchRequest {
                query: Some("   ".into()),
                ..SearchRequest::default()
            },
            RequestError::NothingToSearch,
        ),
        (
            SearchRequest {
                limit: 0,
                ..ok.clone()
            },
            RequestError::Limit { limit: 0 },
        ),
        (
            SearchRequest {
                limit: MAX_LIMIT + 1,
                ..ok.clone()
            },
            RequestError::Limit {
                limit: MAX_LIMIT + 1,
            },
        ),
        (
            SearchRequest {
                offset: MAX_OFFSET + 1,
                ..ok.clone()
            },
            RequestError::OffsetTooDeep {
                offset: MAX_OFFSET + 1,
            },
        ),
        (
            SearchRequest {
                query: Some("a".repeat(MAX_QUERY_CHARS + 1)),
                ..ok.clone()
            },
            RequestError::QueryTooLong {
                chars: MAX_QUERY_CHARS + 1,
            },
        ),
    ];
    for (request, want) in cases {
        assert_eq!(request.validate(), Err(want), "{request:?}");
    }
}

#[test]
fn filters_reject_bad_names_and_reversed_dates() {
    let names = |person: Vec<&str>| Filters {
        person: person.into_iter().map(String::from).collect(),
        ..Filters::default()
    };
    assert_eq!(
        names(vec!["  "]).validate(),
        Err(RequestError::EmptyName {
            field: NameField::Person
        })
    );
    assert_eq!(
        names(vec!["Varga"; MAX_NAMES + 1]).validate(),
        Err(RequestError::TooManyNames {
            count: MAX_NAMES + 1
        })
    );
    let long = "x".repeat(MAX_NAME_CHARS + 1);
    assert!(matches!(
        names(vec![long.as_str()]).validate(),
        Err(RequestError::NameTooLong { .. })
    ));
    let reversed = Filters {
        since: day("2024-05-01"),
        until: day("2024-04-30"),
        ..Filters::default()
    };
    assert!(matches!(
        reversed.validate(),
        Err(RequestError::DatesReversed { .. })
    ));
    let one_day = Filters {
        since: day("2024-05-01"),
        until: day("2024-05-01"),
        ..Filters::default()
    };
    assert_eq!(one_day.validate(), Ok(()));
}

#[test]
fn quotations_take_speakers_and_dates_only() {
    let by = QuoteRequest {
        filters: Filters {
            said_by: vec!["Gordon Brown".into()],
            since: day("2005-01-01"),
            ..Filters::default()
        },
        ..QuoteRequest::default()
    };
    assert_eq!(by.validate(), Ok(()));
    let about = QuoteRequest {
        filters: Filters {
            place: vec!["Kessel".into()],
            ..Filters::default()
        },
        ..QuoteRequest::default()
    };
    assert_eq!(
        about.validate(),
        Err(RequestError::NotForQuotes {
            field: NameField::Place
        })
    );
}

#[test]
fn days_parse_from_dates_and_rfc3339_times() {
    assert_eq!(day("2024-03-05"), NaiveDate::from_ymd_opt(2024, 3, 5));
    assert_eq!(
        day("2024-03-05T23:30:00-02:00"),
        NaiveDate::from_ymd_opt(2024, 3, 6)
    );
    for bad in ["yesterday", "2024-13-01", "05/03/2024", ""] {
        assert!(parse_day(bad).is_err(), "{bad}");
    }
}

#[test]
fn filters_list_names_in_a_fixed_order() {
    let f = Filters {
        person: vec!["Tony Blair".into()],
        org: vec!["Labour".into()],
        said_by: vec!["Gordon Brown".into()],
        ..Filters::default()
    };
    let listed: Vec<(&str, &str)> = f.names().map(|(k, n)| (k.name(), n)).collect();
    assert_eq!(
        listed,
        [
            ("person", "Tony Blair"),
            ("org", "Labour"),
            ("said_by", "Gordon Brown")
        ]
    );
    assert!(!f.is_empty());
    assert!(Filters::default().is_empty());
}

#[test]
fn exports_need_no_words_and_have_no_limit_but_keep_the_other_rules() {
    let everything = ExportRequest::default();
    assert_eq!(
        everything.validate(),
        Ok(()),
        "an empty export is everything"
    );
    let quotes_by_place = ExportRequest {
        what: ExportKind::Quotes,
        filters: Filters {
            place: vec!["Kessel".into()],
            ..Filters::default()
        },
        ..ExportRequest::default()
    };
    assert!(matches!(
        quotes_by_place.validate(),
        Err(RequestError::NotForQuotes { .. })
    ));
    let entity_bodies = ExportRequest {
        what: ExportKind::Entities,
        body: true,
        ..ExportRequest::default()
    };
    assert_eq!(
        entity_bodies.validate(),
        Err(RequestError::BodyOnlyForArticles)
    );
    let long = ExportRequest {
        query: Some("x".repeat(MAX_QUERY_CHARS + 1)),
        ..ExportRequest::default()
    };
    assert!(matches!(
        long.validate(),
        Err(RequestError::QueryTooLong { .. })
    ));
}
