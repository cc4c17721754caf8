//! Fuzz every format parser: the first byte picks the format, the rest is the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex::article::{parse, Format};

const FORMATS: [Format; 6] = [Format::Text, Format::Markdown, Format::Json, Format::JsonLines, Format::Html, Format::Feed];

fuzz_target!(|data: &[u8]| {
    if let Some((&pick, bytes)) = data.split_first() {
        let _ = parse(bytes, FORMATS[pick as usize % FORMATS.len()]);
    }
});
