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
        let span = body.get(q.start..q.end).expect("quote offsets on character boundaries");
        let first = q.text.split(' ').next().unwrap_or_default();
        let last = q.text.rsplit(' ').next().unwrap_or_default();
        assert!(span.starts_with(first) && span.ends_with(last), "{span:?} vs {:?}", q.text);
    }
});
