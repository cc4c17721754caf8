//! Publication dates in the forms news files actually use, all turned into UTC.
//!
//! Feeds use RFC 2822, APIs RFC 3339 or Unix timestamps, front matter `YYYY-MM-DD`, and
//! bylines "March 5, 2024". One strict parser serves every format: it recognises a fixed list
//! of forms and returns `None` for anything else, so a date is never guessed. Values without a
//! zone are taken as UTC; date-only values are midnight UTC.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

/// Date-and-time forms without a zone, read as UTC.
const NAIVE_DATETIME_FORMATS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
];

/// Date-only forms (after commas are removed and ordinals like "5th" become "5").
const DATE_FORMATS: &[&str] = &["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%B %d %Y", "%d %B %Y"];

/// ISO 8601 cousins of RFC 3339 that pages write: `+0100` offsets, a space instead of `T`,
/// minutes without seconds (`%z` accepts `+01:00` and `+0100`; a `Z` is rewritten first).
const ZONED_FORMATS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%.f%z",
    "%Y-%m-%dT%H:%M%z",
    "%Y-%m-%d %H:%M%z",
    "%Y-%m-%d %H:%M:%S%.f %z",
];

/// Parses a publication date; `None` unless the text is one of the supported forms.
///
/// Supported: RFC 3339 (fractional seconds optional, `Z` or offset, `T` or space), RFC 2822
/// (numeric offsets or zone names such as `GMT`, `EST`), `YYYY-MM-DD`, `YYYY-MM-DD HH:MM(:SS)`,
/// `YYYY/MM/DD`, "March 5, 2024", "Mar 5, 2024", "5 March 2024", "5 Mar 2024", each with an
/// optional weekday in front ("Tuesday, 5 March 2024").
pub fn parse_date(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    if let Some(d) = parse_rfc2822(s) {
        return Some(d);
    }
    let zoned = zulu_to_offset(s);
    if let Some(d) = ZONED_FORMATS
        .iter()
        .find_map(|f| DateTime::parse_from_str(&zoned, f).ok())
    {
        return Some(d.with_timezone(&Utc));
    }
    let simplified = simplify(s);
    let simplified = simplified.as_str();
    let naive = NAIVE_DATETIME_FORMATS
        .iter()
        .find_map(|fmt| NaiveDateTime::parse_from_str(simplified, fmt).ok())
        .or_else(|| {
            // A leading ISO day also dates a longer stamp in an unknown form.
            let day = s.get(..10).filter(|p| p.as_bytes().get(4) == Some(&b'-'));
            [simplified, day.unwrap_or("")].iter().find_map(|text| {
                DATE_FORMATS
                    .iter()
                    .find_map(|fmt| NaiveDate::parse_from_str(text, fmt).ok())
                    .map(|d| d.and_time(NaiveTime::MIN))
            })
        })?;
    // chrono's %Y takes any digits: "March 2024" would otherwise read as 20 March 0024.
    (1000..=9999)
        .contains(&naive.year())
        .then(|| Utc.from_utc_datetime(&naive))
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
    ["%d %b %Y %H:%M:%S", "%d %b %Y %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(stamp, f).ok())
        .map(|d| Utc.from_utc_datetime(&d))
}

/// `2019-01-03T07:00:02.000Z` → `...+0000`, so the `%z` forms accept a `Z` zone.
fn zulu_to_offset(s: &str) -> String {
    match s.strip_suffix('Z').or_else(|| s.strip_suffix('z')) {
        Some(rest) => format!("{rest}+0000"),
        None => s.to_string(),
    }
}

/// A Unix timestamp from a JSON number: seconds when it falls between 1973 and 5138,
/// milliseconds when it is 1000 times that range. Other magnitudes (e.g. a bare year such as
/// 2024) are ambiguous and give `None`.
pub fn date_from_timestamp(n: f64) -> Option<DateTime<Utc>> {
    if !n.is_finite() || n < 0.0 {
        return None;
    }
    let millis = if (1e8..1e11).contains(&n) {
        n * 1000.0
    } else if (1e11..1e14).contains(&n) {
        n
    } else {
        return None;
    };
    DateTime::from_timestamp_millis(millis.round() as i64)
}

/// Drops a leading weekday ("Tue, ", "Tuesday "), commas, ordinal suffixes ("5th") and runs
/// of spaces, so that "Tuesday, March 5th, 2024" reads as "March 5 2024".
fn simplify(s: &str) -> String {
    let words: Vec<String> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(strip_ordinal)
        .collect();
    let skip = usize::from(words.first().is_some_and(|w| is_weekday(w)));
    words[skip..].join(" ")
}

fn strip_ordinal(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    for suffix in ["st", "nd", "rd", "th"] {
        if let Some(num) = lower.strip_suffix(suffix) {
            if !num.is_empty() && num.len() <= 2 && num.bytes().all(|b| b.is_ascii_digit()) {
                return num.to_string();
            }
        }
    }
    word.to_string()
}

fn is_weekday(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    let days = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    days.iter()
        .any(|d| w == *d || (w.len() == 3 && d.starts_with(w.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Option<DateTime<Utc>> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, s).single()
    }

    #[test]
    fn parses_each_supported_form() {
        let cases = [
            ("2024-03-05T14:30:00Z", utc(2024, 3, 5, 14, 30, 0)),
            (
                "2024-03-05T14:30:00.123Z",
                Utc.timestamp_millis_opt(1709649000123).single(),
            ),
            ("2024-03-05T15:30:00+01:00", utc(2024, 3, 5, 14, 30, 0)),
            ("2024-03-05 09:30:00-05:00", utc(2024, 3, 5, 14, 30, 0)),
            (
                "Tue, 05 Mar 2024 14:30:00 +0000",
                utc(2024, 3, 5, 14, 30, 0),
            ),
            ("Tue, 05 Mar 2024 14:30:00 GMT", utc(2024, 3, 5, 14, 30, 0)),
            ("Tue, 05 Mar 2024 09:30:00 EST", utc(2024, 3, 5, 14, 30, 0)),
            ("05 Mar 2024 14:30 +0000", utc(2024, 3, 5, 14, 30, 0)),
            ("2024-03-05", utc(2024, 3, 5, 0, 0, 0)),
            ("2024-03-05 14:30", utc(2024, 3, 5, 14, 30, 0)),
            ("2024-03-05 14:30:15", utc(2024, 3, 5, 14, 30, 15)),
            ("2024-03-05T14:30:15", utc(2024, 3, 5, 14, 30, 15)),
            ("2024/03/05", utc(2024, 3, 5, 0, 0, 0)),
            ("March 5, 2024", utc(2024, 3, 5, 0, 0, 0)),
            ("Mar 5, 2024", utc(2024, 3, 5, 0, 0, 0)),
            ("5 March 2024", utc(2024, 3, 5, 0, 0, 0)),
            ("5 Mar 2024", utc(2024, 3, 5, 0, 0, 0)),
            ("Tuesday, March 5, 2024", utc(2024, 3, 5, 0, 0, 0)),
            ("Tue 5 March 2024", utc(2024, 3, 5, 0, 0, 0)),
            ("Tuesday 5th March 2024", utc(2024, 3, 5, 0, 0, 0)),
            ("  2004-12-24  ", utc(2004, 12, 24, 0, 0, 0)),
        ];
        for (input, want) in cases {
            assert!(want.is_some(), "bad expectation for {input}");
            assert_eq!(parse_date(input), want, "{input}");
        }
    }

    #[test]
    fn rejects_everything_else() {
        let cases = [
            "",
            "yesterday",
            "2024",
            "March 2024",
            "March 20 24",
            "24-03-05",
            "2024-02-30",
            "2024-13-01",
            "32 March 2024",
            "05/03/2024",
            "1709649000",
            "Tuesday",
            "Published last week by the desk",
        ];
        for input in cases {
            assert_eq!(parse_date(input), None, "{input}");
        }
    }

    #[test]
    fn timestamps_only_when_unambiguous() {
        let cases = [
            (1709649000.0, utc(2024, 3, 5, 14, 30, 0)),
            (1709649000000.0, utc(2024, 3, 5, 14, 30, 0)),
            (
                1709649000.5,
                Utc.timestamp_millis_opt(1709649000500).single(),
            ),
            (2024.0, None),
            (0.0, None),
            (-1709649000.0, None),
            (f64::NAN, None),
            (1e18, None),
        ];
        for (input, want) in cases {
            assert_eq!(date_from_timestamp(input), want, "{input}");
        }
    }

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
