//! Dates as pages and feeds write them: RFC 3339 and its loose ISO 8601 cousins (`+0100`
//! offsets, a space instead of `T`, fractions, no zone), RFC 2822 (RSS `pubDate`), and bare
//! days. A time without a zone is taken as UTC. Private to the HTML and feed readers until it is
//! merged with `article::parse_date`.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// Formats with an explicit offset (`%z` accepts `+01:00` and `+0100`).
const ZONED: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%.f%z",
    "%Y-%m-%dT%H:%M%z",
    "%Y-%m-%d %H:%M%z",
    "%Y-%m-%d %H:%M:%S%.f %z",
];

/// Formats without a zone, read as UTC.
const NAIVE: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
];

/// Day-only formats, read as midnight UTC.
const DAYS: &[&str] = &[
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y%m%d",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %B %Y",
];

/// Parses one date string; `None` when no known format fits.
pub fn parse_date(raw: &str) -> Option<DateTime<Utc>> {
    let s = raw.trim();
    if s.is_empty() || s.len() > 80 {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    if let Some(d) = parse_rfc2822(s) {
        return Some(d);
    }
    let zoned = zulu_to_offset(s);
    for f in ZONED {
        if let Ok(d) = DateTime::parse_from_str(&zoned, f) {
            return Some(d.with_timezone(&Utc));
        }
    }
    for f in NAIVE {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, f) {
            return Some(Utc.from_utc_datetime(&d));
        }
    }
    let day_part = s
        .get(..10)
        .filter(|p| p.len() == 10 && p.as_bytes()[4] == b'-');
    for f in DAYS {
        let candidates = [Some(s), day_part];
        for c in candidates.into_iter().flatten() {
            if let Ok(d) = NaiveDate::parse_from_str(c, f) {
                return d.and_hms_opt(0, 0, 0).map(|t| Utc.from_utc_datetime(&t));
            }
        }
    }
    None
}

/// RFC 2822 as feeds really write it: sometimes without the weekday, with a wrong weekday, or
/// with a zone name chrono does not know (then read as UTC).
fn parse_rfc2822(s: &str) -> Option<DateTime<Utc>> {
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.with_timezone(&Utc));
    }
    let no_weekday = match s.split_once(',') {
        Some((head, tail)) if head.trim().chars().all(char::is_alphabetic) => tail.trim(),
        _ => s,
    };
    if no_weekday != s {
        if let Ok(d) = DateTime::parse_from_rfc2822(no_weekday) {
            return Some(d.with_timezone(&Utc));
        }
    }
    let (stamp, _zone) = no_weekday.rsplit_once(' ')?;
    for f in ["%d %b %Y %H:%M:%S", "%d %b %Y %H:%M"] {
        if let Ok(d) = NaiveDateTime::parse_from_str(stamp, f) {
            return Some(Utc.from_utc_datetime(&d));
        }
    }
    None
}

/// `2019-01-03T07:00:02.000Z` → `...+0000`, so the `%z` formats accept a `Z` zone.
fn zulu_to_offset(s: &str) -> String {
    match s.strip_suffix('Z').or_else(|| s.strip_suffix('z')) {
        Some(rest) => format!("{rest}+0000"),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_formats_pages_and_feeds_use() {
        let cases = [
            ("2015-07-24T05:36:09+01:00", Some("2015-07-24T04:36:09Z")),
            ("2021-11-01T10:52:50+0100", Some("2021-11-01T09:52:50Z")),
            ("2019-01-03T07:00:02.000Z", Some("2019-01-03T07:00:02Z")),
            ("2017-11-03 03:01:00.000000", Some("2017-11-03T03:01:00Z")),
            ("2019-04-28 06:01:07", Some("2019-04-28T06:01:07Z")),
            ("2016-02-01 10:44:00 -0500", Some("2016-02-01T15:44:00Z")),
            ("2015-04-30T07:19:58", Some("2015-04-30T07:19:58Z")),
            ("2018-12-21T12:55Z", Some("2018-12-21T12:55:00Z")),
            ("2015-04-30", Some("2015-04-30T00:00:00Z")),
            ("20150430", Some("2015-04-30T00:00:00Z")),
            (
                "Tue, 10 Jun 2003 04:00:00 GMT",
                Some("2003-06-10T04:00:00Z"),
            ),
            (
                "Mon, 10 Jun 2003 04:00:00 GMT",
                Some("2003-06-10T04:00:00Z"),
            ),
            ("10 Jun 2003 04:00:00 +0200", Some("2003-06-10T02:00:00Z")),
            (
                "Tue, 10 Jun 2003 04:00:00 CEST",
                Some("2003-06-10T04:00:00Z"),
            ),
            ("June 7, 2023", Some("2023-06-07T00:00:00Z")),
            ("", None),
            ("yesterday", None),
            ("2015-13-45", None),
        ];
        for (raw, want) in cases {
            let got = parse_date(raw).map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string());
            assert_eq!(got.as_deref(), want, "{raw}");
        }
    }
}
