//! Small hand-written word lists (titles, organisation words, first names) for the lexicon.
//!
//! Training data teaches the tagger the names it has seen; these lists add clues that carry
//! over to names it has not: "Mr." and "Prime Minister" precede people, "Corp" and "Ministry"
//! end organisations, "Olena" or "Kwame" start a person's name. They are baked into the
//! model's lexicon at training time as gazetteer bits on lowercased word hashes.
//! [`from_labelled`] derives person/place/organisation word lists from another labelled corpus.

use super::features::hash_bytes;
use super::lexicon::gaz;
use std::collections::HashMap;

/// Titles, honorifics and roles that come before a person's name (lowercase, no period).
#[rustfmt::skip]
pub const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "president", "vice", "prime",
    "minister", "chancellor", "sen", "senator", "rep", "representative", "gov", "governor",
    "mayor", "king", "queen", "prince", "princess", "pope", "rev", "reverend", "gen", "general",
    "col", "colonel", "capt", "captain", "lt", "sgt", "adm", "admiral", "secretary", "chairman",
    "chairwoman", "chief", "judge", "justice", "ambassador", "premier", "sheikh", "ayatollah",
    "cardinal", "bishop", "coach", "striker", "midfielder", "defender", "goalkeeper", "spokesman",
    "spokeswoman", "commissioner", "envoy", "leader", "officer", "director", "executive",
    "analyst", "professor", "prof", "emperor", "sultan", "emir", "archbishop", "rabbi", "imam",
    "pastor", "detective", "inspector", "sergeant", "marshal",
];

/// Words that end or head organisation names.
#[rustfmt::skip]
pub const ORG_WORDS: &[&str] = &[
    "inc", "corp", "corporation", "co", "ltd", "plc", "llc", "ag", "sa", "nv", "bv", "gmbh",
    "group", "holdings", "holding", "bank", "party", "ministry", "department", "university",
    "college", "institute", "association", "council", "committee", "commission", "union",
    "federation", "league", "club", "fc", "agency", "authority", "board", "foundation", "fund",
    "exchange", "airlines", "airways", "motors", "industries", "technologies", "systems",
    "bancorp", "trust", "court", "parliament", "assembly", "army", "police", "office",
    "organisation", "organization", "front", "movement", "society", "company", "partners",
    "securities", "capital", "insurance", "energy", "petroleum", "telecom", "communications",
    "press", "news", "times", "post", "journal", "television", "radio", "network", "united",
    "rovers", "athletic", "sporting", "olympique", "real", "dynamo", "congress", "senate",
];

/// Common given names from many countries.
#[rustfmt::skip]
pub const FIRST_NAMES: &[&str] = &[
    "john", "james", "robert", "michael", "william", "david", "richard", "joseph", "thomas",
    "charles", "christopher", "daniel", "matthew", "anthony", "mark", "donald", "steven", "paul",
    "andrew", "joshua", "kenneth", "kevin", "brian", "george", "timothy", "ronald", "edward",
    "jason", "jeffrey", "ryan", "jacob", "gary", "nicholas", "eric", "jonathan", "stephen",
    "larry", "justin", "scott", "brandon", "benjamin", "samuel", "gregory", "alexander", "frank",
    "patrick", "raymond", "jack", "dennis", "jerry", "tyler", "aaron", "jose", "adam", "nathan",
    "henry", "douglas", "zachary", "peter", "kyle", "noah", "ethan", "jeremy", "walter",
    "christian", "keith", "roger", "terry", "austin", "sean", "gerald", "carl", "harold", "dylan",
    "arthur", "lawrence", "jordan", "jesse", "bryan", "billy", "bruce", "gabriel", "joe", "logan",
    "alan", "juan", "albert", "willie", "elijah", "wayne", "randy", "vincent", "mary", "patricia",
    "jennifer", "linda", "elizabeth", "barbara", "susan", "jessica", "sarah", "karen", "lisa",
    "nancy", "betty", "sandra", "margaret", "ashley", "kimberly", "emily", "donna", "michelle",
    "carol", "amanda", "melissa", "deborah", "stephanie", "rebecca", "sharon", "laura", "cynthia",
    "dorothy", "amy", "kathleen", "angela", "shirley", "emma", "brenda", "pamela", "nicole",
    "anna", "samantha", "katherine", "christine", "debra", "rachel", "carolyn", "janet", "maria",
    "olivia", "heather", "helen", "catherine", "diane", "julie", "victoria", "joyce", "lauren",
    "kelly", "christina", "ruth", "joan", "virginia", "judith", "evelyn", "hannah", "andrea",
    "megan", "cheryl", "jacqueline", "madison", "sophia", "abigail", "teresa", "isabella", "sara",
    "janice", "julia", "marie", "grace", "vladimir", "dmitry", "sergei", "sergey", "boris", "igor",
    "alexei", "mikhail", "nikolai", "viktor", "yuri", "oleg", "ivan", "andrei", "olga", "natalia",
    "tatiana", "irina", "elena", "olena", "volodymyr", "petro", "jean", "pierre", "jacques",
    "michel", "francois", "marie", "nicolas", "emmanuel", "philippe", "alain", "hans", "klaus",
    "jurgen", "wolfgang", "helmut", "gerhard", "angela", "friedrich", "karl", "giuseppe",
    "giovanni", "marco", "luca", "francesco", "matteo", "carlos", "luis", "miguel", "javier",
    "antonio", "manuel", "pedro", "jorge", "francisco", "mohammed", "muhammad", "ahmed", "ali",
    "hassan", "hussein", "omar", "abdul", "ibrahim", "mahmoud", "mustafa", "yusuf", "fatima",
    "aisha", "wei", "li", "zhang", "xi", "hiroshi", "takeshi", "yuki", "kenji", "raj", "rahul",
    "amit", "sunil", "narendra", "priya", "kwame", "kofi", "nelson", "thabo", "cyril", "jacob",
    "recep", "benjamin", "yitzhak", "shimon", "ariel", "binyamin", "bill", "tony", "jim", "bob",
    "tom", "mike", "steve", "dave", "chris", "nick", "ben", "sam", "alex", "max", "kate", "jane",
];

/// `(lowercase word hash, gazetteer bits)` for every listed word.
pub fn entries() -> Vec<(u64, u8)> {
    let lists: [(&[&str], u8); 3] = [
        (TITLES, gaz::TITLE),
        (ORG_WORDS, gaz::ORG_SUFFIX),
        (FIRST_NAMES, gaz::FIRST_NAME),
    ];
    let mut out: Vec<(u64, u8)> = Vec::new();
    for (list, bit) in lists {
        for w in list {
            out.push((hash_bytes(w.as_bytes()), bit));
        }
    }
    out
}

/// Derives gazetteer bits from a labelled corpus given as `(word, type)` pairs, where type is
/// `Some(0..3)` for person, place, organisation words and `None` outside entities: a
/// capitalised word gets a bit when it was seen at least `min_count` times and at least half of
/// its occurrences were inside that kind of entity. Titles are left out.
pub fn from_labelled<'a>(
    rows: impl Iterator<Item = (&'a str, Option<u8>)>,
    min_count: u32,
) -> Vec<(u64, u8)> {
    let mut counts: HashMap<u64, [u32; 4]> = HashMap::new();
    let titles: Vec<u64> = TITLES.iter().map(|t| hash_bytes(t.as_bytes())).collect();
    for (word, ty) in rows {
        if !word.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let c = counts
            .entry(hash_bytes(word.to_lowercase().as_bytes()))
            .or_insert([0; 4]);
        c[3] += 1;
        if let Some(t) = ty.filter(|&t| t < 3) {
            c[t as usize] += 1;
        }
    }
    let bits = [gaz::PERSON, gaz::PLACE, gaz::ORG];
    let mut out: Vec<(u64, u8)> = counts
        .into_iter()
        .filter(|(h, _)| !titles.contains(h))
        .filter_map(|(h, c)| {
            let b = (0..3)
                .filter(|&t| c[t] >= min_count && c[t] * 2 >= c[3])
                .fold(0u8, |acc, t| acc | bits[t]);
            (b != 0).then_some((h, b))
        })
        .collect();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_bits_from_labelled_words() {
        let rows = [
            ("Maria", Some(0)),
            ("Maria", Some(0)),
            ("Kowalski", Some(0)),
            ("Kowalski", Some(0)),
            ("Warsaw", Some(1)),
            ("Warsaw", Some(1)),
            ("Warsaw", None),
            ("Bank", Some(2)),
            ("Bank", None),
            ("Bank", None),
            ("President", Some(0)),
            ("President", Some(0)),
            ("said", Some(0)),
            ("said", Some(0)),
        ];
        let got: HashMap<u64, u8> = from_labelled(rows.into_iter(), 2).into_iter().collect();
        let cases = [
            ("maria", Some(gaz::PERSON)),
            ("kowalski", Some(gaz::PERSON)),
            ("warsaw", Some(gaz::PLACE)),
            ("bank", None),
            ("president", None),
            ("said", None),
        ];
        for (w, want) in cases {
            assert_eq!(got.get(&hash_bytes(w.as_bytes())).copied(), want, "{w}");
        }
    }
}
