//! Fuzz entity and quote extraction; offsets must always slice the body exactly.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else { return };
    let x = newsdex::extract::extract("", body);
    for e in &x.entities {
        assert_eq!(body.get(e.start..e.end), Some(e.text.as_str()));
    }
    for q in &x.quotes {
        assert_eq!(body.get(q.start..q.end), Some(q.text.as_str()));
    }
});
