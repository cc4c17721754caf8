//! The search page, embedded in the binary so that `newsdex serve` works offline with no
//! files beside it: one HTML page, its scripts (plain JavaScript, no framework; the "Check a
//! list" panel, saved searches and the download links in files of their own) and styles.

pub const INDEX_HTML: &str = include_str!("assets/index.html");
pub const APP_JS: &str = include_str!("assets/app.js");
pub const BATCH_JS: &str = include_str!("assets/batch.js");
pub const SAVED_JS: &str = include_str!("assets/saved.js");
pub const EXPORT_JS: &str = include_str!("assets/export.js");
pub const STYLE_CSS: &str = include_str!("assets/style.css");
pub const ICON_SVG: &str = include_str!("assets/icon.svg");
