//! Canonical names for datelines written in capitals ("KESSEL —", "RIO DE JANEIRO (Wire) -").
//!
//! A dateline names a place in capitals, so its own text is a poor canonical name: the
//! archive would list "KESSEL" apart from "Kessel". The canonical name is the mixed-case
//! form the same article uses for the same name (equal [`shared_name_keys`], so accents and
//! transliterations match: "ZURICH" takes "Zürich"), and otherwise the text title-cased
//! word by word ([`title_case`]). Only the canonical name changes; the mention's text stays
//! the literal body text.

use super::{shared_name_keys, with_lowercase, Mention};
use crate::extract::lexicon::names::PLACE_PARTICLES;

/// The canonical name of the dateline mention `text` among the article's `mentions`: the
/// first mixed-case mention with the same keys, else [`title_case`]. A dateline that is
/// already in mixed case keeps its text. One pass over the mentions, no text scan.
pub fn dateline_name(text: &str, mentions: &[Mention]) -> String {
    if text.chars().any(char::is_lowercase) {
        return text.to_string();
    }
    let keys = shared_name_keys(text);
    mentions
        .iter()
        .filter(|m| m.text.chars().any(char::is_lowercase))
        .find(|m| *shared_name_keys(m.text) == *keys)
        .map_or_else(|| title_case(text), |m| m.text.to_string())
}

/// A name in capitals title-cased word by word: every word and every part of a hyphenated
/// word starts with a capital, except name particles and short function words that are not
/// first ("RIO DE JANEIRO" → "Rio de Janeiro", "STOKE-ON-TRENT" → "Stoke-on-Trent",
/// "FRANKFURT AM MAIN" → "Frankfurt am Main"). Abbreviations with inner periods ("D.C.")
/// and a two-letter region code after a comma ("PORTLAND, ME") keep their capitals; other
/// region words are title-cased like the name ("LONDON, ONT." → "London, Ont.").
pub fn title_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut first = true;
    let mut region = false;
    for (i, word) in name.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let keep = is_dotted_abbreviation(word) || (region && letters <= 2 && !word.is_empty());
        if keep {
            out.push_str(word);
        } else {
            for (j, part) in word.split('-').enumerate() {
                if j > 0 {
                    out.push('-');
                }
                let particle = !first
                    && with_lowercase(part, |w| PLACE_PARTICLES.iter().any(|p| p.as_bytes() == w));
                capitalise_part(part, !particle, &mut out);
                first &= part.is_empty();
            }
        }
        first &= word.is_empty();
        region |= word.ends_with(',');
    }
    out
}

/// "D.C.", "U.S.": letters with a period inside the word, not only at its end.
fn is_dotted_abbreviation(word: &str) -> bool {
    word.trim_end_matches('.').contains('.')
}

/// Appends `part` in lowercase, with its first letter in capitals when `capital` is set. A
/// letter after an apostrophe that follows a single letter is a capital too ("O'HARE" →
/// "O'Hare", "KING'S" → "King's").
fn capitalise_part(part: &str, capital: bool, out: &mut String) {
    let mut letters_before = 0;
    let mut after_apostrophe = false;
    for c in part.chars() {
        let upper = if c.is_alphabetic() {
            let upper =
                (capital && letters_before == 0) || (after_apostrophe && letters_before == 1);
            letters_before += 1;
            upper
        } else {
            false
        };
        after_apostrophe = matches!(c, '\'' | '’');
        if upper {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::EntityKind;

    #[test]
    fn capitals_are_title_cased_word_by_word() {
        let cases = [
            ("KESSEL", "Kessel"),
            ("NEW YORK", "New York"),
            ("RIO DE JANEIRO", "Rio de Janeiro"),
            ("STOKE-ON-TRENT", "Stoke-on-Trent"),
            ("FRANKFURT AM MAIN", "Frankfurt am Main"),
            ("NEWCASTLE UPON TYNE", "Newcastle upon Tyne"),
            ("DAR ES SALAAM", "Dar es Salaam"),
            ("LE HAVRE", "Le Havre"),
            ("THE HAGUE", "The Hague"),
            ("DES MOINES", "Des Moines"),
            ("SHARM EL-SHEIKH", "Sharm el-Sheikh"),
            ("AIX-EN-PROVENCE", "Aix-en-Provence"),
            ("ST. LOUIS", "St. Louis"),
            ("KING'S LYNN", "King's Lynn"),
            ("O'HARE", "O'Hare"),
            ("ÉVIAN-LES-BAINS", "Évian-les-Bains"),
            ("İSTANBUL", "İstanbul"),
            ("WASHINGTON, D.C.", "Washington, D.C."),
            ("LONDON, ONT.", "London, Ont."),
            ("PORTLAND, ME", "Portland, ME"),
            ("KESSEL, DALMORA", "Kessel, Dalmora"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(title_case(input), want, "{input}");
        }
    }

    #[test]
    fn datelines_take_the_articles_mixed_case_form() {
        let m = |text| Mention {
            kind: EntityKind::Place,
            text,
            start: 0,
            dateline: false,
        };
        let cases: Vec<(&str, Vec<&str>, &str)> = vec![
            ("KESSEL", vec!["KESSEL", "Kessel"], "Kessel"),
            ("ZURICH", vec!["Zürich"], "Zürich"),
            ("MCALLEN", vec!["Texas", "McAllen"], "McAllen"),
            ("RIO DE JANEIRO", vec!["Rio"], "Rio de Janeiro"),
            ("NEW YORK", vec!["New York Times", "York"], "New York"),
            ("Halden", vec!["HALDEN"], "Halden"),
        ];
        for (dateline, others, want) in cases {
            let mentions: Vec<Mention> = others.into_iter().map(m).collect();
            assert_eq!(dateline_name(dateline, &mentions), want, "{dateline}");
        }
    }
}
