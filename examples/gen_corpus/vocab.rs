//! The generator's own word lists and the vocabulary built from them.
//!
//! Every list here was written for this generator. The heads of the noun and adjective
//! distributions are ordinary English words (so stemming and stop words behave as on real
//! news); their long tails are pseudo-words assembled from syllables, which gives the corpus a
//! realistic number of distinct terms (a few hundred thousand at 100k articles) with Zipfian
//! frequencies. Names of people, organisations and places are built the same way.

use crate::rng::{Rng, Zipf};
use std::collections::HashSet;

pub const NOUNS: &str = "government minister people year week council plan police report \
company country market price city bank court time election party school health service \
official deal group money vote law rate budget tax worker family home child team record \
leader director agency member month business project industry share policy investment \
decision figure economy crisis issue cost hospital patient doctor nurse student teacher \
study research data system network energy power oil gas water climate weather storm flood \
fire road rail train bus airport flight car driver trade export import border security army \
soldier attack war peace talk agreement treaty campaign voter candidate debate parliament \
committee inquiry investigation trial judge jury lawyer case claim charge sentence prison \
officer victim witness community resident town village region state province capital \
district area site building house property rent mortgage loan debt deficit growth inflation \
unemployment job wage pension benefit fund charity donation sale customer consumer product \
brand store shop retailer factory plant supply demand shortage profit loss revenue earning \
investor shareholder executive chairman board strike union protest march crowd fan club \
match game season player coach goal title league cup championship race medal injury \
stadium film music album song artist singer actor show festival award book author museum \
exhibition gallery theatre audience technology software phone internet website app user \
computer device platform scientist discovery experiment space planet satellite rocket \
mission university college course exam degree vaccine virus disease treatment drug trial \
surgery emergency ambulance accident crash safety warning risk threat response measure \
reform change rule regulation standard target scheme programme initiative strategy review \
proposal bill act amendment statement announcement interview speech letter message \
spokesman spokeswoman source document evidence detail result survey poll analysis \
forecast estimate number percentage level increase decline drop rise fall recovery \
pressure support opposition criticism concern question answer problem solution option \
plant farm farmer crop food restaurant hotel tourism visitor holiday summer winter spring \
autumn morning evening night weekend decade century history future career life death";

pub const VERBS: &str = "say announce report confirm deny reject approve launch open close \
raise cut increase reduce boost warn urge call ask demand expect plan agree vote win lose \
face meet visit hold sign pass block delay back support oppose criticise attack defend \
claim suggest reveal show find discover investigate arrest charge accuse release return \
reach hit drop rise fall grow slow build create develop produce sell buy invest pay fund \
hire fire employ resign appoint elect replace lead manage run join leave move hope fear \
struggle fight protest celebrate mark remain continue begin start end finish complete \
review consider discuss debate propose introduce test publish announce describe explain \
insist argue note add acknowledge admit praise welcome condemn blame promise pledge \
threaten prepare delay postpone cancel suspend restore improve expand extend limit ban \
allow require force prevent protect save spend borrow lend owe cover include exclude \
target focus tackle address handle settle negotiate secure deliver offer receive accept \
decline signal estimate forecast predict record score beat defeat qualify train injure \
rescue evacuate damage destroy repair upgrade replace";

pub const ADJECTIVES: &str = "new national local public private British European American \
global international economic political financial social legal military medical \
environmental digital major minor key main senior junior former current recent previous \
next last early late final first second third annual monthly weekly daily long short high \
low large small big huge significant serious severe critical strong weak rapid slow sharp \
steady stable sudden unexpected controversial popular unpopular independent official \
federal regional rural urban northern southern eastern western central foreign domestic \
rising falling growing declining record historic modern traditional young old fresh \
extra additional further full partial complete total average typical possible likely \
unlikely clear uncertain safe dangerous free expensive cheap rich poor special general \
specific direct joint separate single double top bottom leading successful failed \
emergency temporary permanent green digital scientific technical industrial commercial";

pub const ADVERBS: &str = "also now still already only just again later soon recently \
currently previously sharply slightly significantly largely mostly broadly quickly slowly \
finally initially publicly privately strongly firmly clearly widely";

/// Verbs whose past tense is not formed with -ed (base, past, past participle).
const IRREGULAR: &[(&str, &str, &str)] = &[
    ("say", "said", "said"),
    ("win", "won", "won"),
    ("lose", "lost", "lost"),
    ("meet", "met", "met"),
    ("hold", "held", "held"),
    ("hit", "hit", "hit"),
    ("rise", "rose", "risen"),
    ("fall", "fell", "fallen"),
    ("grow", "grew", "grown"),
    ("build", "built", "built"),
    ("sell", "sold", "sold"),
    ("buy", "bought", "bought"),
    ("pay", "paid", "paid"),
    ("lead", "led", "led"),
    ("run", "ran", "run"),
    ("leave", "left", "left"),
    ("fight", "fought", "fought"),
    ("begin", "began", "begun"),
    ("find", "found", "found"),
    ("show", "showed", "shown"),
    ("spend", "spent", "spent"),
    ("lend", "lent", "lent"),
    ("beat", "beat", "beaten"),
    ("cut", "cut", "cut"),
    ("set", "set", "set"),
];

pub const FIRST_NAMES_F: &str = "Maria Anna Sarah Emma Laura Julia Sofia Elena Grace Alice Claire \
Helen Fatima Aisha Priya Mei Yuki Ingrid Olga Rosa Lucia Chloe Hannah Nadia Leila Amara \
Zara Ruth Joan Irene Kate Lisa Monica Paula Rachel Sandra Tanya Vera Wendy Yasmin";

pub const FIRST_NAMES_M: &str = "David John Michael James Peter Paul Thomas Daniel Robert \
Richard Andrew Mark Simon Stephen Ahmed Omar Ravi Arjun Wei Kenji Lars Ivan Pedro Luca \
Marco Karim Samuel Joseph George Henry Oliver Felix Hugo Victor Tomas Nikolai Dmitri Kwame \
Emeka Tariq Rajesh Carlos Diego Alan Brian Colin Dennis Eric Frank Gordon Ian Keith";

pub const SURNAMES: &str = "Smith Jones Taylor Brown Wilson Evans Thomas Roberts Walker \
Wright Robinson Thompson White Hughes Edwards Green Hall Wood Harris Lewis Martin Jackson \
Clarke Clark Turner Hill Scott Cooper Morris Ward Moore King Watson Baker Harrison Morgan \
Patel Young Allen Mitchell James Anderson Phillips Lee Bell Parker Davis Kowalski Novak \
Fischer Weber Schmidt Rossi Russo Ferrari Bianchi Dubois Moreau Laurent Garcia Martinez \
Lopez Gonzalez Fernandez Silva Santos Costa Pereira Nakamura Tanaka Suzuki Kim Park Chen \
Wang Li Zhang Liu Singh Kumar Sharma Khan Ali Hussain Okafor Mensah Diallo Mwangi Kariuki \
Ivanov Petrov Sokolov Kovacs Horvath Nagy Jensen Hansen Nielsen Larsen Andersson Berg \
Lindqvist Okonkwo Adeyemi Haddad Nasser Mansour Cohen Levi Friedman Murphy Kelly Byrne \
Ryan Doyle Walsh Gallagher Campbell Stewart MacDonald Fraser";

pub const TITLES: &str = "President|Prime Minister|Chancellor|Dr|Professor|Senator|Governor|\
Mayor|Judge|Inspector|Minister|General|Secretary|Chief Constable|Sir|Dame|Councillor";

pub const PLACES: &str = "London Paris Berlin Madrid Rome Lisbon Dublin Edinburgh Cardiff \
Belfast Manchester Birmingham Leeds Glasgow Bristol Liverpool Brussels Amsterdam Vienna \
Prague Warsaw Budapest Athens Stockholm Oslo Copenhagen Helsinki Moscow Kyiv Istanbul Cairo \
Lagos Nairobi Johannesburg Accra Delhi Mumbai Karachi Dhaka Beijing Shanghai Tokyo Seoul \
Jakarta Manila Sydney Melbourne Auckland Toronto Montreal Vancouver Chicago Boston Houston \
Washington Mexico Brazil Argentina Chile Peru Canada France Germany Spain Italy Poland \
Ukraine Russia China Japan India Pakistan Nigeria Kenya Egypt Turkey Iran Iraq Israel \
Australia Scotland Wales Ireland England Europe Africa Asia";

pub const ORG_SUFFIXES: &str = "Group|Holdings|Bank|Motors|Partners|Energy|Airways|\
Telecom|Foods|Pharmaceuticals|Insurance|Media|Systems|Logistics|Capital";

pub const OUTLETS: &str = "Newswire|Daily Courier|Evening Post|Morning Herald|Observer Network|\
Press Service|Business Journal|City Gazette";

pub const SECTIONS: &[&str] = &[
    "politics",
    "business",
    "world",
    "uk",
    "sport",
    "tech",
    "health",
    "science",
    "entertainment",
    "education",
];

pub const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

pub const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const ONSETS: &[&str] = &[
    "b", "br", "c", "ch", "cl", "cr", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "l", "m",
    "n", "p", "pl", "pr", "qu", "r", "s", "sh", "sk", "sl", "st", "str", "t", "th", "tr", "v", "w",
    "z",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ea", "ee", "ou", "io", "y"];
const CODAS: &[&str] = &[
    "", "", "", "n", "r", "l", "s", "st", "nd", "rt", "m", "ck", "x", "th", "ng",
];
const NOUN_ENDINGS: &[&str] = &[
    "", "", "", "tion", "ment", "ity", "er", "ism", "ance", "ure",
];
const ADJ_ENDINGS: &[&str] = &["ic", "al", "ous", "ive", "ish", "ent", "able"];
const PLACE_ENDINGS: &[&str] = &["ton", "ford", "bury", "field", "ham", "wick", "mouth"];

/// One verb with the forms the templates use.
pub struct Verb {
    pub base: String,
    pub past: String,
    pub participle: String,
    pub third: String,
    pub ing: String,
}

/// A person of the synthetic world.
pub struct Person {
    pub first: String,
    pub surname: String,
    pub female: bool,
    /// A title used on first mention ("President"), if any.
    pub title: Option<String>,
}

impl Person {
    pub fn full(&self) -> String {
        format!("{} {}", self.first, self.surname)
    }
}

/// Everything the composer draws from, with Zipfian samplers over each list.
pub struct Vocab {
    pub nouns: Vec<String>,
    pub noun_zipf: Zipf,
    pub adjectives: Vec<String>,
    pub adj_zipf: Zipf,
    pub verbs: Vec<Verb>,
    pub verb_zipf: Zipf,
    pub adverbs: Vec<&'static str>,
    pub people: Vec<Person>,
    pub people_zipf: Zipf,
    pub orgs: Vec<String>,
    pub org_zipf: Zipf,
    pub places: Vec<String>,
    pub place_zipf: Zipf,
    pub outlets: Vec<&'static str>,
}

/// Pseudo-words appended to the real nouns and adjectives (their long tails).
const NOUN_TAIL: usize = 150_000;
const ADJ_TAIL: usize = 40_000;
const PEOPLE: usize = 20_000;
const ORGS: usize = 3_000;
const SYNTHETIC_PLACES: usize = 2_000;

impl Vocab {
    /// Builds the vocabulary deterministically from `seed`.
    pub fn build(seed: u64) -> Vocab {
        let mut rng = Rng::new(seed ^ 0x766f_6361_6221);
        let mut taken: HashSet<String> = HashSet::new();
        let mut nouns = real_words(NOUNS, &mut taken);
        let mut adjectives = real_words(ADJECTIVES, &mut taken);
        for _ in 0..NOUN_TAIL {
            nouns.push(pseudo_word(&mut rng, NOUN_ENDINGS, &mut taken));
        }
        for _ in 0..ADJ_TAIL {
            adjectives.push(pseudo_word(&mut rng, ADJ_ENDINGS, &mut taken));
        }
        let verbs = VERBS.split_whitespace().map(inflect).collect::<Vec<_>>();
        let mut places: Vec<String> = PLACES.split_whitespace().map(String::from).collect();
        for _ in 0..SYNTHETIC_PLACES {
            let stem = pseudo_word(&mut rng, &[""], &mut taken);
            places.push(capitalise(&format!("{stem}{}", rng.pick(PLACE_ENDINGS))));
        }
        let people = make_people(&mut rng, &mut taken);
        let orgs = make_orgs(&mut rng, &nouns, &places, &people);
        Vocab {
            noun_zipf: Zipf::new(nouns.len(), 1.15),
            adj_zipf: Zipf::new(adjectives.len(), 1.1),
            verb_zipf: Zipf::new(verbs.len(), 0.9),
            people_zipf: Zipf::new(people.len(), 0.8),
            org_zipf: Zipf::new(orgs.len(), 1.0),
            place_zipf: Zipf::new(places.len(), 1.0),
            nouns,
            adjectives,
            verbs,
            adverbs: ADVERBS.split_whitespace().collect(),
            people,
            orgs,
            places,
            outlets: OUTLETS.split('|').collect(),
        }
    }
}

fn real_words(list: &str, taken: &mut HashSet<String>) -> Vec<String> {
    list.split_whitespace()
        .filter(|w| taken.insert(w.to_string()))
        .map(String::from)
        .collect()
}

/// A new pronounceable pseudo-word of 1–3 syllables, sometimes with an ending, unique within
/// `taken`.
fn pseudo_word(rng: &mut Rng, endings: &[&str], taken: &mut HashSet<String>) -> String {
    loop {
        let mut w = String::new();
        let syllables = 1 + rng.below(2) + usize::from(rng.chance(0.25));
        for _ in 0..syllables {
            w.push_str(rng.pick(ONSETS));
            w.push_str(rng.pick(VOWELS));
            w.push_str(rng.pick(CODAS));
        }
        if syllables < 3 && rng.chance(0.4) {
            w.push_str(rng.pick(endings));
        }
        if taken.insert(w.clone()) {
            return w;
        }
    }
}

fn inflect(base: &str) -> Verb {
    let (past, participle) = match IRREGULAR.iter().find(|(b, _, _)| *b == base) {
        Some((_, p, pp)) => (p.to_string(), pp.to_string()),
        None => {
            let p = regular_past(base);
            (p.clone(), p)
        }
    };
    let third = if base.ends_with('s') || base.ends_with("sh") || base.ends_with("ch") {
        format!("{base}es")
    } else if base.ends_with('y') && !base.ends_with("ay") && !base.ends_with("ey") {
        format!("{}ies", &base[..base.len() - 1])
    } else {
        format!("{base}s")
    };
    let ing = if base.ends_with('e') && !base.ends_with("ee") {
        format!("{}ing", &base[..base.len() - 1])
    } else {
        format!("{base}ing")
    };
    Verb {
        base: base.to_string(),
        past,
        participle,
        third,
        ing,
    }
}

fn regular_past(base: &str) -> String {
    if base.ends_with('e') {
        format!("{base}d")
    } else if base.ends_with('y') && !base.ends_with("ay") && !base.ends_with("ey") {
        format!("{}ied", &base[..base.len() - 1])
    } else {
        format!("{base}ed")
    }
}

/// Plural of a noun (regular rules; good enough for the generator's words).
pub fn plural(noun: &str) -> String {
    if noun.ends_with('s') || noun.ends_with("sh") || noun.ends_with("ch") || noun.ends_with('x') {
        format!("{noun}es")
    } else if noun.ends_with('y') && !noun.ends_with("ay") && !noun.ends_with("ey") {
        format!("{}ies", &noun[..noun.len() - 1])
    } else if noun == "child" {
        "children".to_string()
    } else {
        format!("{noun}s")
    }
}

pub fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn make_people(rng: &mut Rng, taken: &mut HashSet<String>) -> Vec<Person> {
    let female: Vec<&str> = FIRST_NAMES_F.split_whitespace().collect();
    let male: Vec<&str> = FIRST_NAMES_M.split_whitespace().collect();
    let mut surnames: Vec<String> = SURNAMES.split_whitespace().map(String::from).collect();
    // Real surnames first (they are the most frequent), then invented ones.
    for _ in 0..PEOPLE / 4 {
        surnames.push(capitalise(&pseudo_word(
            rng,
            &["", "", "son", "ez", "ski"],
            taken,
        )));
    }
    let titles: Vec<&str> = TITLES.split('|').collect();
    let surname_zipf = Zipf::new(surnames.len(), 0.8);
    let mut seen = HashSet::new();
    let mut people = Vec::with_capacity(PEOPLE);
    while people.len() < PEOPLE {
        let is_female = rng.below(2) == 0;
        let first = if is_female {
            rng.pick(&female)
        } else {
            rng.pick(&male)
        };
        let surname = surnames[surname_zipf.sample(rng)].clone();
        if !seen.insert((first.to_string(), surname.clone())) {
            continue;
        }
        let title = (rng.below(4) == 0).then(|| rng.pick(&titles).to_string());
        people.push(Person {
            first: first.to_string(),
            surname,
            female: is_female,
            title,
        });
    }
    people
}

fn make_orgs(rng: &mut Rng, nouns: &[String], places: &[String], people: &[Person]) -> Vec<String> {
    let suffixes: Vec<&str> = ORG_SUFFIXES.split('|').collect();
    let mut seen = HashSet::new();
    let mut orgs = Vec::with_capacity(ORGS);
    while orgs.len() < ORGS {
        let noun = capitalise(&nouns[rng.below(nouns.len().min(3000))]);
        let place = &places[rng.below(places.len())];
        let org = match rng.below(6) {
            0 => format!("{place} City Council"),
            1 => format!("Ministry of {noun}"),
            2 => format!(
                "{} {}",
                people[rng.below(people.len())].surname,
                rng.pick(&suffixes)
            ),
            3 => format!("National {noun} Service"),
            4 => format!("{place} {}", rng.pick(&suffixes)),
            _ => format!("{noun} Party"),
        };
        if seen.insert(org.clone()) {
            orgs.push(org);
        }
    }
    orgs
}
