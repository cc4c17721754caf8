//! WARC records (1.0 and 1.1) as articles: a `response` record whose HTTP payload is an HTML
//! page goes through the HTML extractor, with `WARC-Target-URI` as the url and `WARC-Date`
//! as the date when the page gives none. Every other record (requests, metadata, non-200
//! answers, non-HTML payloads, robots.txt) is skipped and counted under a short kind.

use std::io::Read;

use super::record::RecordOutcome;
use super::{html, parse_date};

/// Parses one WARC record from its named fields and content block.
pub fn parse(headers: &[(String, String)], block: &[u8]) -> RecordOutcome {
    let field = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    let kind = field("WARC-Type").unwrap_or("").to_ascii_lowercase();
    if kind != "response" {
        return RecordOutcome::Skipped(match kind.as_str() {
            "request" => "warc request",
            "metadata" => "warc metadata",
            "warcinfo" => "warc warcinfo",
            "revisit" => "warc revisit",
            "resource" => "warc resource",
            _ => "warc other record",
        });
    }
    let uri = field("WARC-Target-URI").map(|u| u.trim_matches(['<', '>']).to_string());
    if uri.as_deref().is_some_and(|u| u.ends_with("/robots.txt")) {
        return RecordOutcome::Skipped("robots.txt");
    }
    let is_http = field("Content-Type").is_some_and(|t| t.to_ascii_lowercase().contains("http"));
    let payload = if is_http {
        match http_payload(block) {
            Ok(payload) => payload,
            Err(no) => return no.into(),
        }
    } else {
        block.to_vec()
    };
    match html::parse(&payload) {
        Ok(mut article) => {
            if let Some(uri) = uri {
                article.url = Some(uri);
            }
            if article.date.is_none() {
                article.date = field("WARC-Date").and_then(parse_date);
            }
            RecordOutcome::Article(article)
        }
        Err(e) => RecordOutcome::Failed(e.to_string()),
    }
}

/// Why an HTTP payload gives no page.
enum NoPage {
    Skipped(&'static str),
    Failed(String),
}

impl From<NoPage> for RecordOutcome {
    fn from(no: NoPage) -> RecordOutcome {
        match no {
            NoPage::Skipped(kind) => RecordOutcome::Skipped(kind),
            NoPage::Failed(reason) => RecordOutcome::Failed(reason),
        }
    }
}

/// The HTML body of an HTTP response (de-chunked and un-gzipped when the headers say so), or
/// the reason it is skipped.
fn http_payload(block: &[u8]) -> Result<Vec<u8>, NoPage> {
    let end = find(block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| find(block, b"\n\n").map(|i| (i, i + 2)));
    let Some((head_end, body_start)) = end else {
        return Err(NoPage::Failed("HTTP response without a header end".into()));
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse::<u16>().ok());
    if status != Some(200) {
        return Err(NoPage::Skipped("http status other than 200"));
    }
    let header = |name: &str| {
        head.lines()
            .skip(1)
            .filter_map(|l| l.split_once(':'))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim().to_ascii_lowercase())
    };
    let html = header("Content-Type").is_none_or(|t| t.contains("html") || t.contains("xhtml"));
    if !html {
        return Err(NoPage::Skipped("not html"));
    }
    let mut body = block[body_start..].to_vec();
    if header("Transfer-Encoding").is_some_and(|t| t.contains("chunked")) {
        body = dechunk(&body)
            .ok_or_else(|| NoPage::Failed("HTTP chunked body is malformed".into()))?;
    }
    match header("Content-Encoding").as_deref() {
        Some("gzip") | Some("x-gzip") => {
            inflate(flate2::read::MultiGzDecoder::new(&body[..]), body.len())
        }
        Some("deflate") => inflate(flate2::read::ZlibDecoder::new(&body[..]), body.len()),
        Some("identity") | None => Ok(body),
        Some(_) => Err(NoPage::Skipped("unsupported content encoding")),
    }
}

/// Decompresses a body, refusing to grow it more than 100-fold (a compression bomb).
fn inflate(reader: impl Read, compressed: usize) -> Result<Vec<u8>, NoPage> {
    let cap = (compressed as u64).saturating_mul(100).max(1 << 20);
    let mut out = Vec::new();
    reader
        .take(cap + 1)
        .read_to_end(&mut out)
        .map_err(|e| NoPage::Failed(format!("cannot decompress the HTTP body: {e}")))?;
    if out.len() as u64 > cap {
        return Err(NoPage::Failed(
            "HTTP body decompresses to more than 100 times its size; skipped".into(),
        ));
    }
    Ok(out)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Joins the chunks of a `Transfer-Encoding: chunked` body.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let line_end = find(body, b"\r\n")?;
        let size_text = std::str::from_utf8(&body[..line_end]).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        body = &body[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size..)?;
        body = body.strip_prefix(b"\r\n").unwrap_or(body);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(kind: &str, uri: &str) -> Vec<(String, String)> {
        vec![
            ("WARC-Type".into(), kind.into()),
            ("WARC-Target-URI".into(), uri.into()),
            ("WARC-Date".into(), "2023-06-01T08:30:00Z".into()),
            (
                "Content-Type".into(),
                "application/http; msgtype=response".into(),
            ),
        ]
    }

    const PAGE: &str = "<html><head><title>Ferry service resumes</title></head><body><article>\
        <h1>Ferry service resumes</h1><p>The island ferry sailed again on Thursday after a \
        week of storms kept it in port, the operator said.</p><p>Passengers queued from \
        dawn.</p></article></body></html>";

    #[test]
    fn html_responses_become_articles_with_uri_and_fallback_date() {
        let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{PAGE}");
        let got = parse(
            &headers("response", "https://news.example/ferry"),
            block.as_bytes(),
        );
        let RecordOutcome::Article(a) = got else {
            panic!("{got:?}")
        };
        assert_eq!(a.title, "Ferry service resumes");
        assert!(a.body.contains("island ferry sailed"), "{}", a.body);
        assert_eq!(a.url.as_deref(), Some("https://news.example/ferry"));
        assert_eq!(a.date.unwrap().to_rfc3339(), "2023-06-01T08:30:00+00:00");
    }

    #[test]
    fn chunked_and_gzipped_bodies_are_decoded() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(PAGE.as_bytes()).unwrap();
        let zipped = gz.finish().unwrap();
        let (a, b) = zipped.split_at(zipped.len() / 2);
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\
            Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n"
            .to_vec();
        for part in [a, b] {
            block.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
            block.extend_from_slice(part);
            block.extend_from_slice(b"\r\n");
        }
        block.extend_from_slice(b"0\r\n\r\n");
        let got = parse(&headers("response", "https://news.example/ferry"), &block);
        assert!(
            matches!(got, RecordOutcome::Article(ref a) if a.title == "Ferry service resumes"),
            "{got:?}"
        );
    }

    #[test]
    fn other_records_are_skipped_by_kind() {
        let cases = [
            (
                "request",
                "https://news.example/",
                "GET / HTTP/1.1\r\n\r\n",
                "warc request",
            ),
            (
                "metadata",
                "https://news.example/",
                "fetchTimeMs: 120\r\n",
                "warc metadata",
            ),
            (
                "response",
                "https://news.example/gone",
                "HTTP/1.1 404 Not Found\r\n\r\nmissing",
                "http status other than 200",
            ),
            (
                "response",
                "https://news.example/logo.png",
                "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG",
                "not html",
            ),
            (
                "response",
                "https://news.example/robots.txt",
                "HTTP/1.1 200 OK\r\n\r\nUser-agent: *",
                "robots.txt",
            ),
        ];
        for (kind, uri, block, want) in cases {
            let got = parse(&headers(kind, uri), block.as_bytes());
            assert_eq!(got, RecordOutcome::Skipped(want), "{kind} {uri}");
        }
    }
}
