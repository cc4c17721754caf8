//! Canonical names: linking short mentions to the fullest name in an article, and the
//! folded keys that make names match across the archive.

/// The match keys of a name, one per word: lowercased, accents folded. The index stores
/// these for every canonical person name and `--person` queries are built from them.
pub fn name_keys(name: &str) -> Vec<String> {
    name.split_whitespace().map(|w| w.to_lowercase()).collect()
}
