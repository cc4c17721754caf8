//! Word lists the tagger reads: the gazetteer words baked into the model's word table at
//! training time (titles, organisation words, given names; see `ner::gazetteer`), the
//! abbreviations the tokeniser keeps whole, and the short words a title-case headline leaves
//! in lowercase (for the training data's recased copies). Changing the gazetteer lists
//! changes the model only after retraining (`examples/train_ner.rs`).

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
    // Added for names that carry over time (issue 15): given names common in today's news,
    // by origin. English-speaking countries:
    "barack", "hillary", "bernie", "mitt", "ted", "jeb", "rand", "chuck", "mitch", "kamala",
    "nikki", "pete", "beto", "elon", "jeff", "mark", "sundar", "satya", "tim", "rishi", "keir",
    "liz", "theresa", "nigel", "jacinda", "scott", "malcolm", "gordon", "ed", "nicola", "boris",
    "chelsea", "ivanka", "melania", "eric", "lindsey", "marco", "rudy", "robby", "reince",
    "kellyanne", "newt", "sarah", "tammy", "dianne", "elizabeth", "alexandria", "ilhan",
    "rashida", "ayanna", "cory", "amy", "kirsten", "tulsi", "dick", "condoleezza", "colin",
    // Arabic, Persian, Turkish, South and Central Asian:
    "abdullah", "abdel", "abdul", "abu", "bashar", "hafez", "hosni", "anwar", "khalid",
    "khaled", "salman", "faisal", "hamad", "tamim", "rashid", "zayed", "qasem", "hassan",
    "hasan", "ebrahim", "mahmoud", "mohamed", "mohammad", "ahmad", "ali", "reza", "javad",
    "recep", "ahmet", "mevlut", "imran", "nawaz", "shehbaz", "benazir", "pervez",
    "narendra", "rahul", "sonia", "manmohan", "amit", "arvind", "mamata", "hasina",
    "nursultan", "kassym", "shavkat", "ashraf", "hamid",
    // European:
    "emmanuel", "angela", "olaf", "ursula", "annalena", "giorgia", "matteo", "mario",
    "silvio", "sergio", "pedro", "mariano", "jose", "viktor", "andrzej", "mateusz", "donald",
    "volodymyr", "petro", "yulia", "vitali", "alexei", "sergei", "dmitry", "mikheil",
    "recep", "kyriakos", "alexis", "antonio", "mark", "charles", "jens", "frans", "jean-claude",
    "christine", "margrethe", "josep", "michel", "ursula", "frank-walter", "wolfgang",
    // East and South-East Asian:
    "xi", "shinzo", "fumio", "yoshihide",     "yoon", "kim", "rodrigo", "joko", "jokowi", "prayuth",     "tsai", "lee", "ferdinand",
    // African and Latin American:
    "cyril", "jacob", "thabo", "julius", "uhuru", "william", "abiy", "muhammadu", "bola",
    "goodluck", "olusegun", "yoweri", "paul", "nana", "ellen", "emmerson", "robert",
    "jair", "luiz", "inacio", "dilma", "andres", "manuel", "nicolas", "hugo", "evo", "alberto",
    "cristina", "mauricio", "juan", "gustavo", "gabriel", "nayib", "daniel", "raul", "fidel",
];

/// Abbreviations that keep their final period (compared case-insensitively, without the dot).
pub const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "inc", "corp", "co", "ltd", "bros", "plc", "vs",
    "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "maj", "rev", "sen", "rep", "gov", "prof",
    "pres", "mt", "ft", "no", "nos", "vol", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat",
    "sun", "calif", "fla", "ala", "ariz", "ark", "colo", "conn", "del", "ga", "ill", "ind", "kan",
    "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore",
    "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo", "approx", "dept", "est", "fig", "etc",
    "ave", "blvd", "rd", "hon", "messrs", "mme", "mlle", "gov't", "univ", "assn", "cf", "al",
];

/// Short words a title-case headline usually leaves in lowercase.
pub const TITLE_SMALL: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "by",
];
