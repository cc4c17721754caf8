//! Turning the raw bytes of a file into clean text before any format parser sees them.
//!
//! News archives mix UTF-8 (with or without BOM), UTF-16 exports with a BOM and older
//! single-byte files (Windows-1252 / Latin-1, where "£" is the lone byte 0xA3). Every parser
//! needs the same answer, so it lives here: pick the encoding, refuse binary files, strip stray
//! NUL bytes, normalise line endings to `\n` and refuse files with no visible text.

use super::ArticleError;
use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

/// How many leading bytes are inspected to decide whether a file is binary.
const SNIFF_LEN: usize = 8192;
/// More NUL bytes than this in the sniffed prefix means binary rather than "a few stray NULs".
const MAX_STRAY_NULS: usize = 8;

/// Decodes a text file: UTF-8 (BOM optional), UTF-16 LE/BE with a BOM, otherwise
/// Windows-1252 when the bytes are not UTF-8. Line endings become `\n` and NULs are dropped.
///
/// Errors: [`ArticleError::Empty`] when nothing but whitespace remains,
/// [`ArticleError::Binary`] for NUL-heavy or control-character-heavy content.
pub fn decode_text(bytes: &[u8]) -> Result<String, ArticleError> {
    let decoded = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        String::from_utf8_lossy(rest).into_owned()
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        UTF_16LE.decode_without_bom_handling(rest).0.into_owned()
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        UTF_16BE.decode_without_bom_handling(rest).0.into_owned()
    } else {
        if looks_binary(bytes) {
            return Err(ArticleError::Binary);
        }
        if bytes.contains(&0) {
            let without_nuls: Vec<u8> = bytes.iter().copied().filter(|&b| b != 0).collect();
            decode_unmarked(&without_nuls)
        } else {
            decode_unmarked(bytes)
        }
    };
    let text = normalise(decoded);
    if control_share_too_high(&text) {
        return Err(ArticleError::Binary);
    }
    if text.trim().is_empty() {
        return Err(ArticleError::Empty);
    }
    Ok(text)
}

/// Bytes without a BOM: strict UTF-8, lossy UTF-8 when it is clearly UTF-8 with a few damaged
/// sequences (e.g. a truncated last character), else Windows-1252 (a superset of Latin-1).
fn decode_unmarked(bytes: &[u8]) -> String {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    if multibyte > 0 && multibyte >= 4 * invalid {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    WINDOWS_1252
        .decode_without_bom_handling(bytes)
        .0
        .into_owned()
}

/// True when the first bytes look like a binary file: many NULs, or many control bytes.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(SNIFF_LEN)];
    let nuls = sample.iter().filter(|&&b| b == 0).count();
    let controls = sample.iter().filter(|&&b| is_suspicious_control(b)).count();
    nuls > MAX_STRAY_NULS || (nuls + controls) * 20 > sample.len()
}

/// Control bytes that do not occur in text (tab, newline, CR and form feed do).
fn is_suspicious_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F
}

/// After decoding (UTF-16 included): more than 5% control characters in the first part.
fn control_share_too_high(text: &str) -> bool {
    // Byte by byte: the controls counted are ASCII (one byte each), and a char starts at every
    // byte that is not a UTF-8 continuation byte.
    let (mut total, mut controls) = (0usize, 0usize);
    for &b in text.as_bytes() {
        if b & 0xC0 != 0x80 {
            if total == SNIFF_LEN {
                break;
            }
            total += 1;
        }
        if (b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0C)) || b == 0x7F {
            controls += 1;
        }
    }
    controls * 20 > total
}

/// CRLF and lone CR become LF; NUL characters and a leading BOM character are dropped.
fn normalise(s: String) -> String {
    if !s.starts_with('\u{FEFF}') && !s.bytes().any(|b| b == b'\r' || b == 0) {
        return s;
    }
    let s = s.strip_prefix('\u{FEFF}').unwrap_or(&s);
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\0' => {}
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The char-by-char definition [`control_share_too_high`] computes byte by byte.
    fn control_share_by_chars(text: &str) -> bool {
        let (mut total, mut controls) = (0usize, 0usize);
        for c in text.chars().take(SNIFF_LEN) {
            total += 1;
            if c.is_control() && !matches!(c, '\t' | '\n' | '\u{0C}') && (c as u32) < 0x80 {
                controls += 1;
            }
        }
        controls * 20 > total
    }

    #[test]
    fn control_share_counts_like_chars() {
        let long_clean = "é".repeat(SNIFF_LEN) + &"\u{1}".repeat(SNIFF_LEN);
        let cases = [
            "Plain text.\n".to_string(),
            "\u{1}\u{2}\u{3} mostly controls".to_string(),
            "Zürich \u{7F}\u{85} control-ish".to_string(),
            "a\u{1}".repeat(40),
            long_clean,
            String::new(),
        ];
        for text in &cases {
            assert_eq!(
                control_share_too_high(text),
                control_share_by_chars(text),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn control_share_matches_chars_on_any_text(text in "[\\x00-\\x1f a-zé€\u{85}]{0,200}") {
            proptest::prop_assert_eq!(control_share_too_high(&text), control_share_by_chars(&text));
        }
    }

    fn utf16(s: &str, big_endian: bool) -> Vec<u8> {
        let mut out = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in s.encode_utf16() {
            let b = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            out.extend_from_slice(&b);
        }
        out
    }

    #[test]
    fn decodes_each_encoding() {
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            (
                "plain utf-8",
                "Café owners welcome the rate cut\n".as_bytes().to_vec(),
                "Café owners welcome the rate cut\n",
            ),
            (
                "utf-8 with BOM",
                b"\xEF\xBB\xBFShares rose 5% on Monday.".to_vec(),
                "Shares rose 5% on Monday.",
            ),
            (
                "utf-16 LE with BOM",
                utf16("Gold hit £1,500 an ounce.\r\n", false),
                "Gold hit £1,500 an ounce.\n",
            ),
            (
                "utf-16 BE with BOM",
                utf16("Zoë Ball returns to radio.", true),
                "Zoë Ball returns to radio.",
            ),
            (
                "windows-1252 pound sign and curly quotes",
                b"A \xA315.8m signing, \x93a mistake\x94 says the club.".to_vec(),
                "A £15.8m signing, \u{201C}a mistake\u{201D} says the club.",
            ),
            (
                "latin-1 accent",
                b"The caf\xE9 reopened in Lyon.".to_vec(),
                "The café reopened in Lyon.",
            ),
            (
                "utf-8 with one damaged trailing byte stays utf-8",
                b"Zo\xC3\xAB, Ren\xC3\xA9e and Jos\xC3\xA9 met in M\xC3\xBCnchen \xC3".to_vec(),
                "Zoë, Renée and José met in München \u{FFFD}",
            ),
            (
                "CRLF and CR line endings",
                b"Title\r\n\r\nFirst line.\rSecond line.".to_vec(),
                "Title\n\nFirst line.\nSecond line.",
            ),
            (
                "a few stray NULs are stripped",
                b"The minister resigned\x00 on Tuesday after weeks of pressure.".to_vec(),
                "The minister resigned on Tuesday after weeks of pressure.",
            ),
        ];
        for (name, bytes, want) in cases {
            assert_eq!(decode_text(&bytes).as_deref(), Ok(want), "{name}");
        }
    }

    #[test]
    fn rejects_empty_and_binary() {
        let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
        png.extend(std::iter::repeat_n(0u8, 64));
        let cases: Vec<(&str, Vec<u8>, ArticleError)> = vec![
            ("empty file", vec![], ArticleError::Empty),
            (
                "whitespace only",
                b" \n\t\r\n  ".to_vec(),
                ArticleError::Empty,
            ),
            ("BOM only", b"\xEF\xBB\xBF\n".to_vec(), ArticleError::Empty),
            ("png header", png, ArticleError::Binary),
            (
                "control bytes",
                b"\x01\x02\x03\x04\x05abc\x06\x07\x08".to_vec(),
                ArticleError::Binary,
            ),
            (
                "utf-16 with control garbage",
                utf16("\u{1}\u{2}\u{3}ab", false),
                ArticleError::Binary,
            ),
        ];
        for (name, bytes, want) in cases {
            assert_eq!(decode_text(&bytes), Err(want), "{name}");
        }
    }
}
