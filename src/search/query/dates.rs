//! Dates in the query language: `date:2024-03-05`, `date:2024-03`, `date:2024` name a
//! whole day, month or year; ranges and comparisons (`[A TO B]`, `>=`, `<`) take the same
//! forms. Each becomes a half-open range of RFC 3339 instants, the form Tantivy's date
//! field reads.

use chrono::{Datelike, NaiveDate};
use tantivy::query_grammar::UserInputBound;

use super::QueryError;

/// The half-open period `[start, end)` a date names: a day, a month or a year.
pub(super) fn period(text: &str) -> Result<(NaiveDate, NaiveDate), QueryError> {
    let bad = || QueryError::Date {
        text: text.chars().take(40).collect(),
    };
    let parts: Vec<&str> = text.split('-').collect();
    let num = |p: &str| {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        p.parse::<u32>().map_err(|_| bad())
    };
    let year = i32::try_from(num(parts.first().copied().unwrap_or(""))?).map_err(|_| bad())?;
    let start = match parts.len() {
        1 => NaiveDate::from_ymd_opt(year, 1, 1),
        2 => NaiveDate::from_ymd_opt(year, num(parts[1])?, 1),
        3 => NaiveDate::from_ymd_opt(year, num(parts[1])?, num(parts[2])?),
        _ => None,
    }
    .ok_or_else(bad)?;
    let end = match parts.len() {
        1 => NaiveDate::from_ymd_opt(year + 1, 1, 1),
        2 => start.checked_add_months(chrono::Months::new(1)),
        _ => start.succ_opt(),
    }
    .ok_or_else(bad)?;
    Ok((start, end))
}

/// Midnight UTC of a day, as RFC 3339.
pub(super) fn rfc(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}T00:00:00Z", d.year(), d.month(), d.day())
}

/// The range a `date:` word names: the whole period.
pub(super) fn whole(text: &str) -> Result<(UserInputBound, UserInputBound), QueryError> {
    let (start, end) = period(text)?;
    Ok((
        UserInputBound::Inclusive(rfc(start)),
        UserInputBound::Exclusive(rfc(end)),
    ))
}

/// A lower bound over periods: from the start of an included period, or after the end of
/// an excluded one (`date:>2024` is from 2025 on).
pub(super) fn lower(bound: &UserInputBound) -> Result<UserInputBound, QueryError> {
    Ok(match bound {
        UserInputBound::Inclusive(d) => UserInputBound::Inclusive(rfc(period(d)?.0)),
        UserInputBound::Exclusive(d) => UserInputBound::Inclusive(rfc(period(d)?.1)),
        UserInputBound::Unbounded => UserInputBound::Unbounded,
    })
}

/// An upper bound over periods: to the end of an included period (`date:<=2024-03` takes
/// all of March), or before the start of an excluded one.
pub(super) fn upper(bound: &UserInputBound) -> Result<UserInputBound, QueryError> {
    Ok(match bound {
        UserInputBound::Inclusive(d) => UserInputBound::Exclusive(rfc(period(d)?.1)),
        UserInputBound::Exclusive(d) => UserInputBound::Exclusive(rfc(period(d)?.0)),
        UserInputBound::Unbounded => UserInputBound::Unbounded,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(b: &UserInputBound) -> String {
        match b {
            UserInputBound::Inclusive(s) => format!("[{s}"),
            UserInputBound::Exclusive(s) => format!("({s}"),
            UserInputBound::Unbounded => "*".into(),
        }
    }

    #[test]
    fn a_date_names_a_whole_day_month_or_year() {
        let cases = [
            (
                "2024-03-05",
                "[2024-03-05T00:00:00Z",
                "(2024-03-06T00:00:00Z",
            ),
            ("2024-02", "[2024-02-01T00:00:00Z", "(2024-03-01T00:00:00Z"),
            ("2024-12", "[2024-12-01T00:00:00Z", "(2025-01-01T00:00:00Z"),
            ("2024", "[2024-01-01T00:00:00Z", "(2025-01-01T00:00:00Z"),
            (
                "2024-02-29",
                "[2024-02-29T00:00:00Z",
                "(2024-03-01T00:00:00Z",
            ),
        ];
        for (text, lo, hi) in cases {
            let (a, b) = whole(text).unwrap();
            assert_eq!((show(&a), show(&b)), (lo.into(), hi.into()), "{text}");
        }
    }

    #[test]
    fn bounds_cover_whole_periods() {
        let inc = |s: &str| UserInputBound::Inclusive(s.into());
        let exc = |s: &str| UserInputBound::Exclusive(s.into());
        assert_eq!(show(&lower(&inc("2024")).unwrap()), "[2024-01-01T00:00:00Z");
        assert_eq!(show(&lower(&exc("2024")).unwrap()), "[2025-01-01T00:00:00Z");
        assert_eq!(
            show(&upper(&inc("2024-03")).unwrap()),
            "(2024-04-01T00:00:00Z"
        );
        assert_eq!(
            show(&upper(&exc("2024-03")).unwrap()),
            "(2024-03-01T00:00:00Z"
        );
        assert_eq!(show(&upper(&UserInputBound::Unbounded).unwrap()), "*");
    }

    #[test]
    fn bad_dates_are_errors_not_panics() {
        for text in [
            "2024-13-01",
            "2023-02-29",
            "yesterday",
            "",
            "2024-1-1-1",
            "+2024",
            "99999999999",
        ] {
            assert!(period(text).is_err(), "{text}");
        }
    }
}
