//! The search page, embedded in the binary so that `newsdex serve` works offline with no
//! files beside it: one HTML page, its script (plain JavaScript, no framework) and styles.

pub const INDEX_HTML: &str = include_str!("assets/index.html");
pub const APP_JS: &str = include_str!("assets/app.js");
pub const STYLE_CSS: &str = include_str!("assets/style.css");
pub const ICON_SVG: &str = include_str!("assets/icon.svg");
