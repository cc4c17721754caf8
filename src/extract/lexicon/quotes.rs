//! Word lists for attribution: reporting verbs (every surface form mapped to its lemma),
//! reporting nouns, pronouns with their gender, and a small list of common first names
//! with their usual gender. Lookups take lowercase words.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// Reporting verbs: lemma followed by its surface forms (the lemma itself included).
const CUE_VERBS: &[&[&str]] = &[
    &["say", "said", "says", "saying"],
    &["tell", "told", "tells", "telling"],
    &["add", "added", "adds", "adding"],
    &["ask", "asked", "asks", "asking"],
    &["explain", "explained", "explains", "explaining"],
    &["note", "noted", "notes", "noting"],
    &["write", "wrote", "writes", "writing", "written"],
    &["insist", "insisted", "insists", "insisting"],
    &["warn", "warned", "warns", "warning"],
    &["argue", "argued", "argues", "arguing"],
    &["claim", "claimed", "claims", "claiming"],
    &["state", "stated", "states"],
    &[
        "acknowledge",
        "acknowledged",
        "acknowledges",
        "acknowledging",
    ],
    &["urge", "urged", "urges", "urging"],
    &["describe", "described", "describes", "describing"],
    &["call", "called", "calls", "calling"],
    &["continue", "continued", "continues"],
    &["reply", "replied", "replies", "replying"],
    &["reiterate", "reiterated", "reiterates", "reiterating"],
    &["recall", "recalled", "recalls", "recalling"],
    &["declare", "declared", "declares", "declaring"],
    &["tweet", "tweeted", "tweets", "tweeting"],
    &["post", "posted"],
    &["respond", "responded", "responds", "responding"],
    &["announce", "announced", "announces", "announcing"],
    &["admit", "admitted", "admits", "admitting"],
    &["suggest", "suggested", "suggests", "suggesting"],
    &["charge", "charged", "charges"],
    &["contend", "contended", "contends"],
    &["complain", "complained", "complains", "complaining"],
    &["predict", "predicted", "predicts"],
    &["promise", "promised", "promises", "promising"],
    &["vow", "vowed", "vows", "vowing"],
    &["joke", "joked", "jokes", "joking"],
    &["quip", "quipped", "quips"],
    &["shout", "shouted", "shouts", "shouting"],
    &["yell", "yelled", "yells"],
    &["exclaim", "exclaimed", "exclaims"],
    &["remark", "remarked", "remarks"],
    &["observe", "observed", "observes"],
    &["conclude", "concluded", "concludes"],
    &["concede", "conceded", "concedes"],
    &["boast", "boasted", "boasts"],
    &["report", "reported", "reports"],
    &["testify", "testified", "testifies"],
    &["tout", "touted", "touts"],
    &["pledge", "pledged", "pledges"],
    &["blast", "blasted", "blasts"],
    &["mock", "mocked", "mocks"],
    &["label", "labeled", "labelled", "labels"],
    &["dub", "dubbed"],
    &["deride", "derided"],
    &["accuse", "accused", "accuses"],
    &["predict", "predicted"],
    &["read", "reads"],
    &["counter", "countered", "counters"],
    &["agree", "agreed", "agrees"],
    &["lament", "lamented", "laments"],
    &["emphasize", "emphasized", "emphasizes", "emphasised"],
    &["stress", "stressed", "stresses"],
    &["assert", "asserted", "asserts"],
    &["maintain", "maintained", "maintains"],
    &["tell", "telling"],
    &["cry", "cried"],
    &["chant", "chanted"],
    &["whisper", "whispered"],
    &["mutter", "muttered"],
    &["quote", "quoted"],
    &["think", "thinks"],
    &["believe", "believes"],
    &["feel", "feels"],
    &["demand", "demanded", "demands"],
    &["proclaim", "proclaimed", "proclaims"],
    &["scold", "scolded", "scolds"],
    &["condemn", "condemned", "condemns"],
    &["dismiss", "dismissed", "dismisses"],
    &["brand", "branded", "brands"],
    &["rate", "rated", "rates"],
    &["rule", "ruled"],
    &["criticize", "criticized", "criticizes", "criticised"],
    &["bemoan", "bemoaned", "bemoans"],
    &["praise", "praised", "praises"],
    &["hail", "hailed", "hails"],
    &["plead", "pleaded", "pleads"],
    &["sing", "sang", "sings", "singing"],
    &["retort", "retorted", "retorts"],
    &["point", "pointed"],
    &["echo", "echoed", "echoes"],
    &["liken", "likened", "likens"],
    &["recount", "recounted", "recounts"],
    &["wonder", "wondered", "wonders"],
    &["muse", "mused"],
    &["confirm", "confirmed", "confirms"],
    &["deny", "denied", "denies"],
    &["attack", "attacked"],
    &["tease", "teased"],
    &["wrote", "wrote"],
    &["chide", "chided"],
    &["blame", "blamed", "blames"],
    &["characterize", "characterized", "characterizes"],
    &["thank", "thanked", "thanks"],
    &["grouse", "groused"],
    &["propose", "proposed", "proposes"],
    &["recommend", "recommended", "recommends"],
    &["apologize", "apologized", "apologizes"],
    &["slam", "slammed", "slams"],
    &["rip", "ripped", "rips"],
    &["lambaste", "lambasted"],
    &["question", "questioned"],
    &["fault", "faulted"],
    &["interject", "interjected"],
    &["interrupt", "interrupted"],
    &["press", "pressed"],
    &["answer", "answered"],
    &["caution", "cautioned", "cautions"],
    &["conclude", "concluded"],
    &["pronounce", "pronounced"],
    &["refer", "referred", "refers"],
    &["ponder", "pondered", "ponders"],
    &["muse", "muses"],
    &["reflect", "reflected", "reflects"],
    &["elaborate", "elaborated", "elaborates"],
    &["summarize", "summarized", "summarizes"],
];

/// Reporting nouns that take a possessive speaker ("Trump's warnings of “…”").
const CUE_NOUNS: &[&str] = &[
    "warning",
    "warnings",
    "remark",
    "remarks",
    "comment",
    "comments",
    "words",
    "statement",
    "statements",
    "claim",
    "claims",
    "promise",
    "promises",
    "pledge",
    "description",
    "call",
    "calls",
    "message",
    "vow",
    "threat",
    "threats",
    "assertion",
    "response",
    "answer",
    "argument",
    "tweet",
    "tweets",
    "speech",
    "insistence",
    "admission",
    "plea",
    "criticism",
];

/// The lemma of a reporting verb, or `None`.
pub fn cue_lemma(lower: &str) -> Option<&'static str> {
    static MAP: OnceLock<FxHashMap<&'static str, &'static str>> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut m = FxHashMap::default();
        for forms in CUE_VERBS {
            for f in forms.iter() {
                m.entry(*f).or_insert(forms[0]);
            }
        }
        m
    });
    let find = |w: &str| map.get(w).copied();
    if let Some(lemma) = find(lower) {
        return Some(lemma);
    }
    // Participles not listed: yelling → yell, declaring → declare, quipping → quip.
    let stem = lower.strip_suffix("ing").filter(|s| s.len() >= 3)?;
    let undoubled = stem
        .char_indices()
        .last()
        .filter(|&(i, c)| stem[..i].ends_with(c))
        .map(|(i, _)| &stem[..i]);
    find(stem)
        .or_else(|| find(&format!("{stem}e")))
        .or_else(|| undoubled.and_then(find))
}

/// True for participles and verb forms that cannot carry their own subject in an
/// attribution ("describing the meeting as …").
pub fn is_participle(lower: &str) -> bool {
    lower.ends_with("ing")
}

/// True for a reporting noun.
pub fn is_cue_noun(lower: &str) -> bool {
    CUE_NOUNS.contains(&lower)
}

/// Grammatical gender, where English marks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    /// he, him, his, Mr.
    Male,
    /// she, her, Mrs, Ms.
    Female,
}

/// Subject pronouns that can be speakers: `Some(gender)` for he/she, `None` inside for
/// the others. Returns `None` when the word is not such a pronoun.
pub fn pronoun(lower: &str) -> Option<Option<Gender>> {
    match lower {
        "he" => Some(Some(Gender::Male)),
        "she" => Some(Some(Gender::Female)),
        "they" | "i" | "we" | "it" | "you" | "who" | "which" => Some(None),
        _ => None,
    }
}

/// Gender carried by an honorific ("Mr.", "Mrs").
pub fn honorific_gender(word: &str) -> Option<Gender> {
    crate::extract::names::with_lowercase(word.trim_end_matches('.'), |w| match w {
        b"mr" | b"sir" | b"lord" | b"king" | b"prince" | b"father" | b"congressman"
        | b"spokesman" | b"chairman" | b"councilman" | b"assemblyman" => Some(Gender::Male),
        b"mrs" | b"ms" | b"miss" | b"dame" | b"lady" | b"queen" | b"princess"
        | b"congresswoman" | b"spokeswoman" | b"chairwoman" | b"councilwoman"
        | b"assemblywoman" => Some(Gender::Female),
        _ => None,
    })
}

const MALE_NAMES: &[&str] = &[
    "donald",
    "barack",
    "bernie",
    "bill",
    "joe",
    "mike",
    "michael",
    "john",
    "james",
    "robert",
    "david",
    "richard",
    "thomas",
    "charles",
    "george",
    "paul",
    "mark",
    "steven",
    "stephen",
    "kevin",
    "brian",
    "jeff",
    "jeffrey",
    "ted",
    "marco",
    "mitch",
    "chris",
    "christopher",
    "tim",
    "timothy",
    "jim",
    "tom",
    "bob",
    "peter",
    "vladimir",
    "volodymyr",
    "sergei",
    "dmitry",
    "emmanuel",
    "boris",
    "xi",
    "kim",
    "rudy",
    "newt",
    "rand",
    "ben",
    "benjamin",
    "jeb",
    "martin",
    "andrew",
    "anthony",
    "daniel",
    "matthew",
    "eric",
    "jason",
    "adam",
    "ryan",
    "scott",
    "gary",
    "frank",
    "jack",
    "harry",
    "henry",
    "william",
    "edward",
    "lindsey",
    "rush",
    "sean",
    "reince",
    "corey",
    "kellyanne",
    "jared",
    "steve",
    "lester",
    "chuck",
    "harold",
    "larry",
    "jerry",
    "ron",
    "ronald",
    "al",
    "ali",
    "mohammed",
    "muhammad",
    "ahmed",
    "recep",
    "narendra",
    "justin",
    "olaf",
    "friedrich",
    "keir",
    "rishi",
    "nigel",
    "viktor",
    "pedro",
    "luiz",
    "javier",
    "carlos",
    "juan",
    "jose",
    "luis",
    "francois",
    "jean",
    "pierre",
    "hans",
    "karl",
    "ivan",
    "alexei",
    "andrei",
    "yuri",
    "nikolai",
];

const FEMALE_NAMES: &[&str] = &[
    "hillary",
    "melania",
    "ivanka",
    "chelsea",
    "nancy",
    "elizabeth",
    "kamala",
    "sarah",
    "mary",
    "patricia",
    "jennifer",
    "linda",
    "barbara",
    "susan",
    "jessica",
    "karen",
    "lisa",
    "margaret",
    "angela",
    "theresa",
    "nikki",
    "huma",
    "donna",
    "debbie",
    "loretta",
    "michelle",
    "laura",
    "hope",
    "kate",
    "katherine",
    "catherine",
    "anne",
    "ann",
    "jane",
    "emily",
    "emma",
    "olivia",
    "sophia",
    "rachel",
    "rebecca",
    "amy",
    "heather",
    "jill",
    "julia",
    "julie",
    "maria",
    "marine",
    "ursula",
    "giorgia",
    "jacinda",
    "liz",
    "alexandria",
    "ilhan",
    "tulsi",
    "carly",
    "marsha",
    "dianne",
    "diane",
    "kirsten",
    "maxine",
    "condoleezza",
    "madeleine",
    "samantha",
    "valerie",
    "victoria",
    "ava",
    "oprah",
    "megyn",
    "andrea",
    "gennifer",
    "monica",
    "paula",
    "gina",
    "janet",
    "christine",
    "sharon",
    "helen",
    "ruth",
    "yulia",
    "olena",
    "natalia",
    "svetlana",
    "irina",
    "tatiana",
    "anna",
    "marie",
    "sophie",
];

/// The usual gender of a first name from the lists above.
pub fn first_name_gender(word: &str) -> Option<Gender> {
    static MAP: OnceLock<FxHashMap<&'static [u8], Gender>> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        let male = MALE_NAMES.iter().map(|n| (n.as_bytes(), Gender::Male));
        male.chain(FEMALE_NAMES.iter().map(|n| (n.as_bytes(), Gender::Female)))
            .collect()
    });
    if word.len() > 14 {
        return None;
    }
    crate::extract::names::with_lowercase(word, |w| map.get(w).copied())
}

/// Adverbs that may stand between a speaker and the reporting verb ("Trump also said").
pub fn is_adverb(lower: &str) -> bool {
    (lower.len() > 4 && lower.ends_with("ly") && lower != "only" && lower != "family")
        || matches!(
            lower,
            "also"
                | "later"
                | "then"
                | "once"
                | "recently"
                | "previously"
                | "again"
                | "simply"
                | "flatly"
                | "repeatedly"
                | "often"
                | "has"
                | "had"
                | "have"
                | "would"
                | "will"
                | "earlier"
                | "further"
                | "quickly"
                | "reportedly"
                | "publicly"
                | "privately"
                | "frequently"
                | "subsequently"
                | "already"
                | "even"
                | "just"
                | "first"
                | "famously"
                | "angrily"
                | "bluntly"
                | "sarcastically"
                | "meanwhile"
                | "too"
                | "still"
                | "never"
                | "not"
                | "did"
                | "does"
                | "could"
                | "might"
        )
}

/// Determiners that may open an unnamed speaker phrase ("the spokesman").
pub fn is_determiner(lower: &str) -> bool {
    matches!(
        lower,
        "the"
            | "a"
            | "an"
            | "one"
            | "another"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "some"
            | "several"
            | "many"
            | "two"
            | "three"
            | "other"
            | "this"
            | "that"
    )
}

/// Prepositions that end the head of a speaker phrase ("a spokesman for …").
pub fn is_preposition(lower: &str) -> bool {
    matches!(
        lower,
        "of" | "for" | "at" | "from" | "with" | "in" | "on" | "to" | "by" | "during" | "after"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_forms_map_to_lemmas() {
        let cases = [
            ("said", Some("say")),
            ("told", Some("tell")),
            ("reiterated", Some("reiterate")),
            ("wrote", Some("write")),
            ("table", None),
            ("yelling", Some("yell")),
            ("declaring", Some("declare")),
            ("quipping", Some("quip")),
            ("during", None),
            ("thing", None),
        ];
        for (word, want) in cases {
            assert_eq!(cue_lemma(word), want, "{word}");
        }
    }

    #[test]
    fn genders() {
        assert_eq!(honorific_gender("Mrs."), Some(Gender::Female));
        assert_eq!(honorific_gender("Mr"), Some(Gender::Male));
        assert_eq!(honorific_gender("Dr."), None);
        assert_eq!(honorific_gender("CONGRESSWOMAN"), Some(Gender::Female));
        assert_eq!(honorific_gender("Sir"), Some(Gender::Male));
        assert_eq!(honorific_gender("Señor"), None);
        assert_eq!(first_name_gender("HILLARY"), Some(Gender::Female));
        assert_eq!(first_name_gender("Hillarys"), None);
        assert_eq!(first_name_gender("Hillary"), Some(Gender::Female));
        assert_eq!(first_name_gender("Vladimir"), Some(Gender::Male));
        assert_eq!(pronoun("she"), Some(Some(Gender::Female)));
        assert_eq!(pronoun("they"), Some(None));
        assert_eq!(pronoun("then"), None);
    }
}
