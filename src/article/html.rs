//! HTML pages: the article body without boilerplate, plus title, date, author, source, url.
//! Stub until the HTML extractor lands.

use super::{Article, ArticleError};

/// Parses one HTML page (raw bytes; the charset is detected here).
pub fn parse(bytes: &[u8]) -> Result<Article, ArticleError> {
    let _ = bytes;
    Err(ArticleError::Unsupported("HTML pages".into()))
}
