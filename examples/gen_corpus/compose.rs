//! Composes one news-like article: a headline, an optional dateline, paragraphs of sentences
//! built from templates over the Zipfian vocabulary, a small cast of people (full name on
//! first mention, then "Mr Surname", "Surname" or "President Surname"), organisations and
//! places, stock phrases ("interest rates", "cost of living") and direct quotes with
//! attribution (`“…,” Surname said.`, `Surname said: “…”`, `“…,” she added.`).

use crate::rng::Rng;
use crate::vocab::{capitalise, plural, Vocab, MONTHS, SECTIONS, WEEKDAYS};

/// Multi-word expressions that recur across the archive (phrase-query material).
pub const STOCK_PHRASES: &[&str] = &[
    "interest rates",
    "the prime minister",
    "the cost of living",
    "climate change",
    "the central bank",
    "the health service",
    "the general election",
    "the stock market",
    "human rights",
    "energy prices",
    "supply chains",
    "chief executive",
];

/// One generated article.
pub struct Article {
    pub title: String,
    pub body: String,
    pub section: &'static str,
    /// (year, month 1–12, day 1–28, hour, minute)
    pub date: (u32, u32, u32, u32, u32),
    pub author: String,
    pub source: &'static str,
    pub tags: Vec<String>,
}

/// Document frequencies gathered while composing, so the manifest can name query terms
/// whose selectivity is known (a common word, a rare word, a person in many articles).
pub struct Stats {
    pub noun_df: Vec<u32>,
    pub person_df: Vec<u32>,
    pub stock_df: Vec<u32>,
    noun_last: Vec<u32>,
    person_last: Vec<u32>,
    stock_last: Vec<u32>,
    doc: u32,
}

impl Stats {
    pub fn new(v: &Vocab) -> Stats {
        Stats {
            noun_df: vec![0; v.nouns.len()],
            person_df: vec![0; v.people.len()],
            stock_df: vec![0; STOCK_PHRASES.len()],
            noun_last: vec![u32::MAX; v.nouns.len()],
            person_last: vec![u32::MAX; v.people.len()],
            stock_last: vec![u32::MAX; STOCK_PHRASES.len()],
            doc: 0,
        }
    }

    pub fn merge(&mut self, other: &Stats) {
        for (a, b) in [
            (&mut self.noun_df, &other.noun_df),
            (&mut self.person_df, &other.person_df),
            (&mut self.stock_df, &other.stock_df),
        ] {
            a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
        }
    }
}

fn seen(df: &mut [u32], last: &mut [u32], k: usize, doc: u32) {
    if last[k] != doc {
        last[k] = doc;
        df[k] += 1;
    }
}

struct Composer<'a> {
    v: &'a Vocab,
    rng: Rng,
    stats: &'a mut Stats,
    cast: Vec<usize>,
    mentioned: Vec<bool>,
    last_speaker: Option<usize>,
    orgs: Vec<usize>,
    places: Vec<usize>,
    topic: [usize; 3],
}

/// Composes article `n` of a corpus; depends only on the vocabulary and `rng`.
pub fn compose(v: &Vocab, mut rng: Rng, stats: &mut Stats) -> Article {
    stats.doc = stats.doc.wrapping_add(1);
    let cast_size = rng.range(1, 4);
    let cast: Vec<usize> = (0..cast_size)
        .map(|_| v.people_zipf.sample(&mut rng))
        .collect();
    let orgs = (0..rng.range(1, 3))
        .map(|_| v.org_zipf.sample(&mut rng))
        .collect();
    let places = (0..rng.range(1, 2))
        .map(|_| v.place_zipf.sample(&mut rng))
        .collect();
    // Topic words come from the upper-middle of the noun distribution: bursty, as in news.
    let topic = [0; 3].map(|_| 20 + v.noun_zipf.sample(&mut rng) % 5000);
    let mut c = Composer {
        v,
        rng,
        stats,
        mentioned: vec![false; cast.len()],
        cast,
        last_speaker: None,
        orgs,
        places,
        topic,
    };
    c.article()
}

impl Composer<'_> {
    fn article(&mut self) -> Article {
        let section = self.rng.pick(SECTIONS);
        let date = (
            2017 + self.rng.below(8) as u32,
            1 + self.rng.below(12) as u32,
            1 + self.rng.below(28) as u32,
            self.rng.below(24) as u32,
            self.rng.below(60) as u32,
        );
        let title = self.title();
        let target = self.rng.lognormal(3900.0, 0.45).clamp(600.0, 40_000.0) as usize;
        let mut body = String::with_capacity(target + 600);
        if self.rng.chance(0.4) {
            let place = self.v.places[self.places[0]].to_uppercase();
            let outlet = self.rng.pick(&self.v.outlets);
            body.push_str(&format!("{place} ({outlet}) - "));
        }
        body.push_str(&self.lead_paragraph());
        while body.len() + title.len() < target {
            body.push_str("\n\n");
            let para = if self.rng.chance(0.22) {
                self.quote_paragraph()
            } else {
                self.paragraph()
            };
            body.push_str(&para);
        }
        let author = self.v.people[self.rng.below(self.v.people.len())].full();
        let tags = (0..self.rng.range(0, 3))
            .map(|_| self.v.nouns[self.rng.below(200)].clone())
            .collect();
        Article {
            title,
            body,
            section,
            date,
            author,
            source: self.rng.pick(&self.v.outlets),
            tags,
        }
    }

    fn title(&mut self) -> String {
        let t = match self.rng.below(5) {
            0 => format!(
                "{} {} {} {}",
                self.adj(),
                self.noun(),
                self.verb().third.clone(),
                plural(&self.noun())
            ),
            1 => format!(
                "{} {} {} in {}",
                self.surname(0),
                self.verb().third.clone(),
                self.noun(),
                self.place()
            ),
            2 => format!(
                "{} to {} {} {}",
                self.org(),
                self.verb().base.clone(),
                self.adj(),
                self.noun()
            ),
            3 => format!(
                "{} {} as {} {}",
                plural(&self.noun()),
                self.verb().base.clone(),
                self.noun(),
                self.verb().third.clone()
            ),
            _ => format!("{} {} over {}", self.noun(), self.noun(), self.stock()),
        };
        capitalise(&t)
    }

    fn lead_paragraph(&mut self) -> String {
        let who = self.person(0);
        let vp = self.vp();
        let mut s = format!(
            "{who} {vp} on {}, {}.",
            self.rng.pick(WEEKDAYS),
            self.clause()
        );
        s.push(' ');
        s.push_str(&self.sentence());
        s
    }

    fn paragraph(&mut self) -> String {
        let n = self.rng.range(1, 3);
        let parts: Vec<String> = (0..n).map(|_| self.sentence()).collect();
        parts.join(" ")
    }

    fn sentence(&mut self) -> String {
        let s = match self.rng.below(9) {
            0 | 1 => format!("{} {}{}", self.np(), self.vp(), self.pp()),
            2 => format!(
                "{} said on {} that {}",
                self.np(),
                self.rng.pick(WEEKDAYS),
                self.clause()
            ),
            3 => format!("According to {}, {}", self.org(), self.clause()),
            4 => format!(
                "The {} {} {} per cent {}",
                self.noun(),
                self.verb().past.clone(),
                self.rng.range(2, 60),
                self.when()
            ),
            5 => {
                let k = self.rng.below(self.cast.len());
                let who = self.person(k);
                let role = self.role();
                let vp = self.vp();
                format!("{who}, {role}, {vp}{}", self.pp())
            }
            6 => format!("It comes after {}", self.clause()),
            7 => format!(
                "{} {} of {} in {} {}",
                self.amount(),
                self.noun(),
                plural(&self.noun()),
                self.place(),
                self.vp()
            ),
            _ => format!("{}{}", self.clause(), self.pp()),
        };
        format!("{}.", capitalise(&s))
    }

    fn clause(&mut self) -> String {
        format!("{} {}", self.np(), self.vp())
    }

    fn np(&mut self) -> String {
        match self.rng.below(12) {
            0..=2 => format!("the {}", self.noun()),
            3..=4 => format!("the {} {}", self.adj(), self.noun()),
            5 => format!("{} {}", self.rng.range(2, 900), plural(&self.noun())),
            6 => self.org(),
            7 => {
                let k = self.rng.below(self.cast.len());
                self.person(k)
            }
            8 if self.rng.chance(0.3) => self.stock(),
            9 => format!("{} {}", self.adj(), plural(&self.noun())),
            10 => format!("the {} of {}", self.noun(), self.place()),
            _ => format!("{} {}", self.noun(), plural(&self.noun())),
        }
    }

    fn vp(&mut self) -> String {
        let obj = self.np();
        let v = &self.v.verbs[self.v.verb_zipf.sample(&mut self.rng)];
        match self.rng.below(8) {
            0..=2 => format!("{} {obj}", v.past),
            3 => format!("has {} {obj}", v.participle),
            4 => format!("will {} {obj}", v.base),
            5 => format!("is {} {obj}", v.ing),
            6 => format!("{} {} {obj}", self.rng.pick(&self.v.adverbs), v.past),
            _ => format!("could {} {obj}", v.base),
        }
    }

    fn pp(&mut self) -> String {
        match self.rng.below(12) {
            0 | 1 => format!(" in {}", self.place()),
            2 => format!(" on {}", self.rng.pick(WEEKDAYS)),
            3 => format!(" after the {}", self.noun()),
            4 => format!(" for the {} {}", self.adj(), self.noun()),
            5 => format!(" with {}", self.org()),
            6 => format!(" {}", self.when()),
            7 => format!(" despite {} {}", self.adj(), plural(&self.noun())),
            8 => format!(" worth {}", self.amount()),
            _ => String::new(),
        }
    }

    fn when(&mut self) -> String {
        match self.rng.below(4) {
            0 => "last year".to_string(),
            1 => format!("in {}", self.rng.pick(MONTHS)),
            2 => format!(
                "on {} {} {}",
                self.rng.range(1, 28),
                self.rng.pick(MONTHS),
                self.rng.range(2015, 2024)
            ),
            _ => format!("since {}", self.rng.range(1990, 2023)),
        }
    }

    fn amount(&mut self) -> String {
        match self.rng.below(4) {
            0 => format!("£{}m", self.rng.range(1, 950)),
            1 => format!("${}bn", self.rng.range(1, 90)),
            2 => format!("{},{:03}", self.rng.range(1, 99), self.rng.below(1000)),
            _ => format!("{}", self.rng.range(2, 500)),
        }
    }

    fn role(&mut self) -> String {
        match self.rng.below(4) {
            0 => format!("chief executive of {}", self.org()),
            1 => format!("a spokesman for {}", self.org()),
            2 => format!("the {} {} of {}", self.adj(), self.noun(), self.org()),
            _ => format!("a {} from {}", self.noun(), self.place()),
        }
    }

    fn quote_paragraph(&mut self) -> String {
        let k = self.rng.below(self.cast.len());
        let introduced = self.mentioned[k];
        let q = self.quote_text();
        let para = match self.rng.below(6) {
            _ if !introduced => {
                let who = self.person(k);
                format!("“{q},” said {who}.")
            }
            0 | 1 => format!("“{q},” {} said.", self.surname(k)),
            2 => format!("“{q},” said {}.", self.later_mention(k)),
            3 => format!(
                "{} said: “{q}. {}”",
                self.later_mention(k),
                capitalise(&self.clause()) + "."
            ),
            4 if self.last_speaker == Some(k) => {
                let pronoun = if self.v.people[self.cast[k]].female {
                    "she"
                } else {
                    "he"
                };
                format!("“{q},” {pronoun} added.")
            }
            _ => format!(
                "“{q},” {} told the {}.",
                self.surname(k),
                self.rng.pick(&self.v.outlets)
            ),
        };
        self.last_speaker = Some(k);
        para
    }

    fn quote_text(&mut self) -> String {
        let first = match self.rng.below(4) {
            0 => format!("We {} {}", self.verb().base.clone(), self.np()),
            1 => format!("I think {}", self.clause()),
            2 => format!(
                "This is a {} {} for {}",
                self.adj(),
                self.noun(),
                plural(&self.noun())
            ),
            _ => self.clause(),
        };
        let mut q = capitalise(&first);
        if self.rng.chance(0.4) {
            q.push_str(". ");
            q.push_str(&capitalise(&self.clause()));
        }
        q
    }

    /// A person of the cast: full name (with title, if any) the first time, then short forms.
    fn person(&mut self, k: usize) -> String {
        if self.mentioned[k] {
            return self.later_mention(k);
        }
        self.mentioned[k] = true;
        let id = self.cast[k];
        seen(
            &mut self.stats.person_df,
            &mut self.stats.person_last,
            id,
            self.stats.doc,
        );
        let p = &self.v.people[id];
        match &p.title {
            Some(t) => format!("{t} {}", p.full()),
            None => p.full(),
        }
    }

    fn later_mention(&mut self, k: usize) -> String {
        if !self.mentioned[k] {
            return self.person(k);
        }
        let p = &self.v.people[self.cast[k]];
        match (self.rng.below(3), &p.title) {
            (0, Some(t)) => format!("{t} {}", p.surname),
            (0 | 1, _) => format!("{} {}", if p.female { "Ms" } else { "Mr" }, p.surname),
            _ => p.surname.clone(),
        }
    }

    fn surname(&mut self, k: usize) -> String {
        if !self.mentioned[k] {
            return self.person(k);
        }
        self.v.people[self.cast[k]].surname.clone()
    }

    fn noun(&mut self) -> String {
        let k = if self.rng.chance(0.12) {
            self.topic[self.rng.below(3)]
        } else {
            self.v.noun_zipf.sample(&mut self.rng)
        };
        seen(
            &mut self.stats.noun_df,
            &mut self.stats.noun_last,
            k,
            self.stats.doc,
        );
        self.v.nouns[k].clone()
    }

    fn adj(&mut self) -> String {
        self.v.adjectives[self.v.adj_zipf.sample(&mut self.rng)].clone()
    }

    fn verb(&mut self) -> &crate::vocab::Verb {
        &self.v.verbs[self.v.verb_zipf.sample(&mut self.rng)]
    }

    fn org(&mut self) -> String {
        if self.rng.chance(0.7) {
            let k = self.rng.below(self.orgs.len());
            return format!("the {}", self.v.orgs[self.orgs[k]]);
        }
        format!("the {}", self.v.orgs[self.v.org_zipf.sample(&mut self.rng)])
    }

    fn place(&mut self) -> String {
        if self.rng.chance(0.6) {
            let k = self.rng.below(self.places.len());
            return self.v.places[self.places[k]].clone();
        }
        self.v.places[self.v.place_zipf.sample(&mut self.rng)].clone()
    }

    fn stock(&mut self) -> String {
        let k = self.rng.below(STOCK_PHRASES.len());
        seen(
            &mut self.stats.stock_df,
            &mut self.stats.stock_last,
            k,
            self.stats.doc,
        );
        STOCK_PHRASES[k].to_string()
    }
}
