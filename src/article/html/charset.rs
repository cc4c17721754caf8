//! Character set detection for HTML and XML documents.
//!
//! Order of trust: a byte-order mark, then valid UTF-8 (whatever the page declares, since
//! many pages declare latin-1 or gb2312 but are really UTF-8), then the charset declared near
//! the top of the document (`<meta charset>`, `http-equiv` content type, XML `encoding=`), then
//! Windows-1252, the web's de facto default for undeclared legacy pages.

use crate::article::ArticleError;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// How many leading bytes are searched for a charset declaration.
const SNIFF_LEN: usize = 4096;

/// NUL bytes in the first 8 KiB that make a file binary (a stray one happens in real pages).
const MAX_NULS: usize = 2;

/// Decodes a document to a `String`, choosing the charset as described in the module docs.
/// Fails only on empty input or input that looks binary (several NUL bytes, no UTF-16 BOM).
pub fn decode(bytes: &[u8]) -> Result<String, ArticleError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return non_empty(text.into_owned());
    }
    if bytes
        .iter()
        .take(SNIFF_LEN * 2)
        .filter(|&&b| b == 0)
        .count()
        >= MAX_NULS
    {
        return Err(ArticleError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return non_empty(text.to_string());
    }
    let encoding = declared_charset(bytes).unwrap_or(WINDOWS_1252);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    non_empty(text.into_owned())
}

fn non_empty(text: String) -> Result<String, ArticleError> {
    if text.trim().is_empty() {
        Err(ArticleError::Empty)
    } else {
        Ok(text)
    }
}

/// The charset named by the first `charset=` or `encoding=` near the top of the document.
/// A declared UTF-16 cannot be right for bytes we are reading as ASCII-compatible, so it is
/// taken as UTF-8 (as the HTML standard says).
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    for key in [&b"charset"[..], &b"encoding"[..]] {
        let mut from = 0;
        while let Some(pos) = find(&lower[from..], key) {
            let start = from + pos + key.len();
            from = start;
            if let Some(label) = label_after(&lower[start..]) {
                if let Some(enc) = Encoding::for_label(label) {
                    return Some(if enc == UTF_16LE || enc == UTF_16BE {
                        UTF_8
                    } else {
                        enc
                    });
                }
            }
        }
    }
    None
}

/// The label in `= "utf-8"` / `=utf-8;` form right after a `charset` keyword.
fn label_after(rest: &[u8]) -> Option<&[u8]> {
    let mut i = 0;
    while i < rest.len() && rest[i].is_ascii_whitespace() {
        i += 1;
    }
    if rest.get(i) != Some(&b'=') {
        return None;
    }
    i += 1;
    while i < rest.len() && (rest[i].is_ascii_whitespace() || rest[i] == b'"' || rest[i] == b'\'') {
        i += 1;
    }
    let start = i;
    while i < rest.len() && (rest[i].is_ascii_alphanumeric() || b"-_.:".contains(&rest[i])) {
        i += 1;
    }
    (i > start).then(|| &rest[start..i])
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_by_bom_utf8_sniff_and_declaration() {
        let cases: Vec<(&str, Vec<u8>, &str)> =
            vec![
            ("plain utf-8", "<p>café</p>".as_bytes().to_vec(), "<p>café</p>"),
            ("one stray nul", b"<p>a\0b</p>".to_vec(), "<p>a\0b</p>"),
            ("utf-8 bom", b"\xEF\xBB\xBF<p>caf\xC3\xA9</p>".to_vec(), "<p>café</p>"),
            (
                "utf-16le bom",
                vec![0xFF, 0xFE, b'<', 0, b'p', 0, b'>', 0, 0xE9, 0],
                "<p>é",
            ),
            (
                "declared latin-1, really utf-8",
                b"<meta charset=\"iso-8859-1\"><p>caf\xC3\xA9</p>".to_vec(),
                "<meta charset=\"iso-8859-1\"><p>café</p>",
            ),
            (
                "declared gb2312, really utf-8",
                "<meta charset=gb2312><p>腾讯</p>".as_bytes().to_vec(),
                "<meta charset=gb2312><p>腾讯</p>",
            ),
            (
                "declared latin-1 and it is",
                b"<meta charset=\"iso-8859-1\"><p>caf\xE9</p>".to_vec(),
                "<meta charset=\"iso-8859-1\"><p>café</p>",
            ),
            (
                "http-equiv koi8-r",
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=KOI8-R\">\xF0\xD2"
                    .to_vec(),
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=KOI8-R\">Пр",
            ),
            (
                "xml encoding declaration",
                b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>\xE9</a>".to_vec(),
                "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>é</a>",
            ),
            (
                "undeclared legacy falls back to windows-1252",
                b"<p>\x93quoted\x94</p>".to_vec(),
                "<p>\u{201C}quoted\u{201D}</p>",
            ),
        ];
        for (name, bytes, want) in cases {
            assert_eq!(decode(&bytes).as_deref(), Ok(want), "{name}");
        }
    }

    #[test]
    fn rejects_empty_and_binary() {
        let cases: Vec<(&[u8], ArticleError)> = vec![
            (b"", ArticleError::Empty),
            (b"  \n\t ", ArticleError::Empty),
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", ArticleError::Binary),
            (b"<\0p\0>\0x\0<\0/\0p\0>\0", ArticleError::Binary),
        ];
        for (bytes, want) in cases {
            assert_eq!(decode(bytes), Err(want), "{bytes:?}");
        }
    }

    #[test]
    fn unknown_or_garbled_declarations_are_ignored() {
        let cases: Vec<(&[u8], Option<&'static Encoding>)> = vec![
            (b"<meta charset=\"no-such-charset\">", None),
            (b"<meta charset=>", None),
            (b"<meta charset=\"utf-16\">", Some(UTF_8)),
            (
                b"<meta charset='Windows-1251'>",
                Some(encoding_rs::WINDOWS_1251),
            ),
        ];
        for (bytes, want) in cases {
            assert_eq!(declared_charset(bytes), want, "{bytes:?}");
        }
    }
}
