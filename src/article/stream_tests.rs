//! Unit tests of the streaming record readers.

use super::*;

fn read_all(bytes: &[u8], format: Format, limit: u64) -> Vec<Result<Record, StreamError>> {
    match RecordReader::new(bytes, format, limit, &[]) {
        Ok(reader) => reader.collect(),
        Err(e) => vec![Err(e)],
    }
}

fn rows(bytes: &[u8], format: Format) -> Vec<(u64, u64, Vec<String>)> {
    read_all(bytes, format, 1 << 20)
        .into_iter()
        .filter_map(Result::ok)
        .map(|r| match r.raw {
            Raw::Row(fields) => (r.id, r.line, fields),
            other => panic!("not a row: {other:?}"),
        })
        .collect()
}

#[test]
fn json_lines_keep_line_numbers_and_skip_blank_and_oversized_lines() {
    let dump = b"{\"title\": \"Rates held\"}\r\n\n   \n{\"title\": \"Port strike ends\", \"body\": \"Dockers voted.\"}\n{\"title\": \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}\n{\"title\": \"Last\"}";
    let got = read_all(dump, Format::JsonLines, 60);
    let lines: Vec<(u64, bool)> = got
        .iter()
        .map(|r| match r {
            Ok(rec) => (rec.line, true),
            Err(e) => (e.line, false),
        })
        .collect();
    assert_eq!(lines, vec![(1, true), (4, true), (5, false), (6, true)]);
    let Ok(first) = &got[0] else { panic!() };
    assert_eq!(first.id, 0);
    assert_eq!(
        first.raw,
        Raw::Line(b"{\"title\": \"Rates held\"}".to_vec())
    );
    let Err(e) = &got[2] else { panic!() };
    assert!(e.reason.contains("--max-record-size") && !e.fatal, "{e}");
}

#[test]
fn csv_dialects_parse_quoted_multiline_fields_and_report_bad_rows() {
    type Case<'a> = (&'a [u8], Format, &'a [(u64, u64, &'a [&'a str])]);
    let cases: &[Case] = &[
        (
            b"title,body\nBudget vote,\"The council met.\n\nIt voted \"\"yes\"\".\"\nShort,Plain body\n",
            Format::Csv,
            &[
                (0, 2, &["Budget vote", "The council met.\n\nIt voted \"yes\"."]),
                (1, 5, &["Short", "Plain body"]),
            ],
        ),
        (
            b"headline\tstory\r\nTram line opens\tThe first tram ran at dawn.\r\n",
            Format::Tsv,
            &[(0, 2, &["Tram line opens", "The first tram ran at dawn."])],
        ),
        (
            b"title,body\nOne,First body\nTwo,Second,extra\nThree,Third body\n",
            Format::Csv,
            &[(0, 2, &["One", "First body"]), (2, 4, &["Three", "Third body"])],
        ),
    ];
    for (dump, format, want) in cases {
        let got = rows(dump, *format);
        let want: Vec<(u64, u64, Vec<String>)> = want
            .iter()
            .map(|(id, line, f)| (*id, *line, f.iter().map(|s| s.to_string()).collect()))
            .collect();
        assert_eq!(got, want, "{}", String::from_utf8_lossy(dump));
    }
    let errors: Vec<StreamError> = read_all(
        b"title,body\nOne,First body\nTwo,Second,extra\n",
        Format::Csv,
        1 << 20,
    )
    .into_iter()
    .filter_map(Result::err)
    .collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, 3);
    assert!(
        errors[0].reason.contains("3 fields, the header has 2"),
        "{}",
        errors[0]
    );
}

#[test]
fn an_unclosed_csv_quote_stops_at_the_record_limit() {
    let mut dump = b"title,body\nFine,A body\nBroken,\"starts a quote".to_vec();
    dump.extend(std::iter::repeat_n(b'x', 200_000));
    let got = read_all(&dump, Format::Csv, 1000);
    assert!(got[0].is_ok());
    let Err(e) = &got[1] else {
        panic!("{:?}", got[1])
    };
    assert!(e.fatal && e.reason.contains("unclosed quote"), "{e}");
}

fn warc_record(kind: &str, uri: &str, block: &str) -> String {
    format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Record-ID: <urn:uuid:{}>\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
        uri.len(),
        block.len()
    )
}

#[test]
fn warc_records_are_framed_by_content_length_with_offsets_as_ids() {
    let first = warc_record(
        "request",
        "https://news.example/a",
        "GET /a HTTP/1.1\r\n\r\n",
    );
    let second = warc_record(
        "response",
        "https://news.example/a",
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>WARC/1.0 inside</p>",
    );
    let dump = format!("{first}{second}");
    let got: Vec<Record> = read_all(dump.as_bytes(), Format::Warc, 1 << 20)
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(got.len(), 2);
    assert_eq!((got[0].id, got[1].id), (0, first.len() as u64));
    let Raw::Warc { headers, block } = &got[1].raw else {
        panic!()
    };
    assert!(headers.contains(&("WARC-Type".to_string(), "response".to_string())));
    assert!(block.ends_with(b"<p>WARC/1.0 inside</p>"));
}

#[test]
fn warc_oversized_records_are_skipped_and_garbage_stops_the_file() {
    let big = warc_record("response", "https://news.example/big", &"y".repeat(5000));
    let small = warc_record(
        "response",
        "https://news.example/s",
        "HTTP/1.1 200 OK\r\n\r\nhi",
    );
    let dump = format!("{big}{small}not a record\r\n");
    let got = read_all(dump.as_bytes(), Format::Warc, 1000);
    assert!(matches!(&got[0], Err(e) if !e.fatal && e.reason.contains("limit")));
    assert!(got[1].is_ok());
    assert!(matches!(&got[2], Err(e) if e.fatal && e.reason.contains("WARC/1.0")));
    assert_eq!(got.len(), 3);
}

#[test]
fn fingerprints_match_for_equal_prefixes_only() {
    let fingerprint_after = |bytes: &[u8], n: usize| {
        let mut reader = RecordReader::new(bytes, Format::JsonLines, 1 << 20, &[]).unwrap();
        for _ in 0..n {
            reader.next();
        }
        (reader.records(), reader.fingerprint())
    };
    let short = b"{\"title\": \"A\"}\n{\"title\": \"B\"}\n";
    let grown = b"{\"title\": \"A\"}\n{\"title\": \"B\"}\n{\"title\": \"C\"}\n";
    let edited = b"{\"title\": \"A\"}\n{\"title\": \"b\"}\n{\"title\": \"C\"}\n";
    assert_eq!(fingerprint_after(short, 2), fingerprint_after(grown, 2));
    assert_ne!(fingerprint_after(short, 2), fingerprint_after(edited, 2));
}
