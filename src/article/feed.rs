//! RSS 2.0 and Atom feeds: one article per item. Stub until the feed parser lands.

use super::{ArticleError, Item};

/// Parses one feed document (raw bytes) into its items.
pub fn parse(bytes: &[u8]) -> Result<Vec<Item>, ArticleError> {
    let _ = bytes;
    Err(ArticleError::Unsupported("RSS/Atom feeds".into()))
}
