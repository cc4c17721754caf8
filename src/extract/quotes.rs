//! Direct quotations and their speakers. Stub until the quote finder lands.

use super::{Entity, Quote};

/// Finds the direct quotations in a body and attributes them to speakers.
pub fn find_quotes(body: &str, entities: &[Entity]) -> Vec<Quote> {
    let _ = (body, entities);
    Vec::new()
}
