//! The search page in headless Chromium, driven through chromedriver as a reader would use
//! it: search with the keyboard, see highlighted results, filter by a person from the side
//! panel, open an article, follow a speaker to their quotes. Screenshots are saved in
//! `target/e2e/` as test artifacts.
//!
//! Without Chromium and chromedriver the test says so and passes, except in CI
//! (`CI=true`), where `.ci/run` installs them and the test must run.

use std::path::PathBuf;

use serde_json::{json, Value};

use super::server::{enc, sample_index, scratch, Server};
use super::webdriver::{which, Browser};

pub(super) fn artifacts() -> PathBuf {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().map_or(tmp.clone(), |t| t.join("e2e"))
}

/// Chromium through chromedriver, with a profile folder of its own (`profile`): two
/// browsers on one profile lock each other out.
pub(super) fn browser(profile: &str) -> Option<Browser> {
    let chromium = which(&["chromium", "chromium-browser", "google-chrome"]);
    let driver = which(&["chromedriver"]);
    match (chromium, driver) {
        (Some(chromium), Some(driver)) => {
            Some(Browser::start(&chromium, &driver, scratch(profile)))
        }
        _ if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI=true but chromium or chromedriver is missing: .ci/run must install them")
        }
        _ => {
            eprintln!(
                "SKIPPED serve e2e test: chromium and chromedriver are not installed \
                 (apt-get install -y chromium chromium-driver)"
            );
            None
        }
    }
}

pub(super) fn text(b: &Browser, css: &str) -> String {
    b.eval(
        "const e = document.querySelector(arguments[0]); return e ? e.innerText : null;",
        json!([css]),
    )
    .as_str()
    .unwrap_or("")
    .to_string()
}

const COUNT_HITS: &str = "return document.querySelectorAll('#results .hit').length";

/// What every step needs: the browser, the server and where screenshots go.
struct Reader {
    b: Browser,
    server: Server,
    out: PathBuf,
}

#[test]
fn a_reader_searches_filters_and_reads_an_article() {
    let Some(b) = browser("chromium-profile") else {
        return;
    };
    let r = Reader {
        b,
        server: Server::start(sample_index()),
        out: artifacts(),
    };
    r.search_with_the_keyboard();
    r.download_every_match();
    r.pick_a_period_on_the_timeline();
    r.filter_by_a_person_from_the_panel();
    r.turn_the_page();
    let article = r.open_the_first_article();
    r.follow_a_speaker_to_their_quotes(&article);
    r.see_reported_speech_marked_apart();
    r.check_a_pasted_list();
    r.read_on_a_phone();
    eprintln!("screenshots in {}", r.out.display());
}

impl Reader {
    /// Type a query, press Enter: the hits, the total and highlighted words show.
    fn search_with_the_keyboard(&self) {
        let (b, server) = (&self.b, &self.server);
        b.goto(&server.url("/"));
        b.wait_for(
            "the search box",
            "return document.querySelector('#q') !== null",
        );
        b.type_into("#q", "budget\u{E007}");
        let hits = b.wait_for("results", COUNT_HITS);
        let api = server.json("/api/search?q=budget&limit=10", 200);
        assert_eq!(hits, json!(api["hits"].as_array().unwrap().len()));
        let total = api["total"].as_u64().unwrap();
        let status = text(b, "#status");
        assert!(
            status.contains(&format!("{total} matching article")),
            "{status}"
        );
        assert_eq!(
            text(b, "#results .hit h2"),
            api["hits"][0]["title"].as_str().unwrap()
        );
        // Highlights are the matched words, not markup.
        let marks = b.eval(
            "return [...document.querySelectorAll('#results mark')].map(m => m.textContent.toLowerCase())",
            json!([]),
        );
        let marks: Vec<String> = serde_json::from_value(marks).unwrap();
        assert!(!marks.is_empty(), "no highlighted words");
        assert!(marks.iter().all(|m| m.starts_with("budget")), "{marks:?}");
        b.wait_for(
            "the side panel",
            "return document.querySelector('#facets h2') !== null",
        );
        b.screenshot(&self.out.join("search.png"));
    }

    /// The search's "Download CSV" link is the export of every match, not only the page
    /// shown; the quotes view has one for quotations.
    fn download_every_match(&self) {
        let (b, server) = (&self.b, &self.server);
        b.goto(&server.url("/#/search?q=said&offset=10"));
        let href = b.wait_for(
            "the download link",
            "const a = document.querySelector('#status a.download'); return a ? a.getAttribute('href') : null",
        );
        let href = href.as_str().unwrap().to_string();
        assert!(!href.contains("offset"), "{href}");
        let (code, csv) = server.get(&href);
        assert_eq!(code, 200, "{href}: {csv}");
        let total = server.json("/api/search?q=said", 200)["total"]
            .as_u64()
            .unwrap();
        assert!(total > 10, "the page shows fewer than all matches");
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        assert_eq!(reader.records().count() as u64, total, "{href}");
        b.goto(&server.url("/#/quotes?by=Zo%C3%AB%20Brandt"));
        let href = b.wait_for(
            "the quotations download link",
            "const a = document.querySelector('#quotes-status a.download'); return a ? a.getAttribute('href') : null",
        );
        let (code, csv) = server.get(href.as_str().unwrap());
        assert_eq!(code, 200, "{csv}");
        let quotes = server.json("/api/quotes?by=Zo%C3%AB%20Brandt", 200)["total"]
            .as_u64()
            .unwrap();
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        assert_eq!(reader.records().count() as u64, quotes);
    }

    /// The timeline shows a bar per period; clicking one filters the results to it.
    fn pick_a_period_on_the_timeline(&self) {
        let (b, server) = (&self.b, &self.server);
        b.goto(&server.url("/#/search?q=budget"));
        b.wait_for(
            "timeline bars",
            "return document.querySelectorAll('#timeline a.period').length > 1",
        );
        let t = server.json("/api/timeline?q=budget", 200);
        let buckets = t["buckets"].as_array().unwrap();
        let bars = b.eval(
            "return document.querySelectorAll('#timeline a.period').length",
            json!([]),
        );
        assert_eq!(bars, json!(buckets.len()), "one bar per period");
        let busy = buckets
            .iter()
            .find(|x| x["articles"].as_u64() > Some(0))
            .expect("a period with articles");
        let (start, end) = (
            busy["start"].as_str().unwrap(),
            busy["end"].as_str().unwrap(),
        );
        b.screenshot(&self.out.join("timeline.png"));
        b.click(&format!("#timeline a.period[href*='since={start}']"));
        let n = busy["articles"].as_u64().unwrap();
        b.wait_for(
            "results of the period",
            &format!(
                "return location.hash.includes('until={end}') && document.querySelector('#status').textContent.includes('{n} matching article')"
            ),
        );
        let api = server.json(
            &format!("/api/search?q=budget&since={start}&until={end}"),
            200,
        );
        assert_eq!(api["total"], json!(n), "the bar counts what search finds");
        // Back to the plain search for the next steps.
        b.goto(&server.url("/#/search?q=budget"));
        b.wait_for("results", COUNT_HITS);
        b.wait_for(
            "the side panel",
            "return document.querySelector('#facets h2') !== null && !location.hash.includes('since')",
        );
    }

    /// Click the top person in the side panel: the results are those of the API filter.
    fn filter_by_a_person_from_the_panel(&self) {
        let (b, server) = (&self.b, &self.server);
        let people = server.json("/api/people?q=budget&kind=person&limit=8", 200);
        let Some(person) = people["entities"][0]["name"].as_str() else {
            eprintln!("note: the sample index has no people (entity extraction not merged yet); person-filter step skipped");
            return;
        };
        b.wait_for(
            "people in the panel",
            "return document.querySelector('#facet-person a') !== null",
        );
        assert_eq!(text(b, "#facet-person a .name"), person);
        b.click("#facet-person a");
        let chip = b.wait_for(
            "the person filter",
            "const c = document.querySelector('#chips .chip'); return c && c.innerText",
        );
        assert!(chip.as_str().unwrap().contains(person), "{chip}");
        let filtered = server.json(&format!("/api/search?q=budget&person={}", enc(person)), 200);
        let want = format!("{} matching article", filtered["total"]);
        b.wait_for(
            "filtered results",
            &format!(
                "return document.querySelector('#status').innerText.includes({})",
                json!(want)
            ),
        );
        let titles = b.eval(
            "return [...document.querySelectorAll('#results .hit h2')].map(h => h.innerText)",
            json!([]),
        );
        let expected: Vec<Value> = filtered["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["title"].clone())
            .collect();
        assert_eq!(titles, json!(expected));
        // With one person chosen, the panel names the people often beside them.
        self.often_with_shown(person, "often-with");
        b.screenshot(&self.out.join("search-person.png"));
    }

    /// The first companion of `name` by the API, once the section `id` of the page shows
    /// it first; None when `name` has no companions.
    fn often_with_shown(&self, name: &str, id: &str) -> Option<String> {
        let with = self
            .server
            .json(&format!("/api/people?with={}&limit=6", enc(name)), 200);
        let first = with["entities"][0]["name"].as_str()?.to_string();
        let shown = self.b.wait_for(
            "often with",
            &format!("const s = document.querySelector('#{id} .name'); return s && s.textContent"),
        );
        assert_eq!(shown, json!(first), "#{id}");
        Some(first)
    }

    /// The next page continues where the first one stopped.
    fn turn_the_page(&self) {
        let (b, server) = (&self.b, &self.server);
        let page2 = server.json("/api/search?q=said&limit=10&offset=10", 200);
        assert!(
            !page2["hits"].as_array().unwrap().is_empty(),
            "`said` should fill two pages"
        );
        b.goto(&server.url("/#/search?q=said"));
        b.wait_for(
            "a next page link",
            "return document.querySelector('#pager a[rel=next]') !== null",
        );
        b.click("#pager a[rel=next]");
        b.wait_for(
            "the second page",
            "return document.querySelector('#status').innerText.includes('showing 11–')",
        );
        assert_eq!(
            text(b, "#results .hit h2"),
            page2["hits"][0]["title"].as_str().unwrap()
        );
    }

    /// The first hit for `budget` opens as full text with mentions and quotes marked;
    /// returns the article as the API has it.
    fn open_the_first_article(&self) -> Value {
        let (b, server) = (&self.b, &self.server);
        b.goto(&server.url("/#/search?q=budget"));
        b.wait_for("results", COUNT_HITS);
        let title = text(b, "#results .hit h2");
        let id = b.eval(
            "return decodeURIComponent(document.querySelector('#results .hit h2 a').hash.slice('#/article/'.length))",
            json!([]),
        );
        b.click("#results .hit h2 a");
        b.wait_for(
            "the article",
            "return document.querySelector('#article h1') !== null",
        );
        assert_eq!(text(b, "#article h1"), title);
        let article = server.json(&format!("/api/articles/{}", enc(id.as_str().unwrap())), 200);
        let body = text(b, "#article-body");
        let opening: Vec<&str> = article["body"]
            .as_str()
            .unwrap()
            .split_whitespace()
            .take(6)
            .collect();
        assert!(body.contains(&opening.join(" ")), "{body}");
        let count = |css: &str| {
            b.eval(
                "return document.querySelectorAll(arguments[0]).length",
                json!([css]),
            )
            .as_u64()
        };
        let has = |list: &str| !article[list].as_array().unwrap().is_empty();
        assert_eq!(count("#article-body .ent") > Some(0), has("entities"));
        assert_eq!(count("#article-body .quote") > Some(0), has("quotes"));
        // Beside it, who is often in the stories of the first person it names, each a
        // link to the articles naming both.
        let main = article["persons"][0]
            .as_str()
            .expect("a person in the article");
        let first = self
            .often_with_shown(main, "article-often-with")
            .expect("companions of the article's first person");
        let link = b.eval(
            "return decodeURIComponent(document.querySelector('#article-often-with a').hash)",
            json!([]),
        );
        let link = link.as_str().unwrap_or("").replace('+', " ");
        assert!(link.contains(main) && link.contains(&first), "{link}");
        b.screenshot(&self.out.join("article.png"));
        article
    }

    /// The speaker after a quotation leads to everything they said.
    fn follow_a_speaker_to_their_quotes(&self, article: &Value) {
        let b = &self.b;
        let Some(speaker) = article["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .find_map(|q| q["speaker"].as_str())
        else {
            return;
        };
        assert_eq!(text(b, "#article-body a.speaker"), speaker);
        b.click("#article-body a.speaker");
        b.wait_for(
            "quotes",
            "return document.querySelectorAll('#quotes .quote-hit').length",
        );
        // The status line is written once the answer is in; wait for it, not for the list.
        let by = format!("by {speaker}");
        let who = b.wait_for(
            "the quotes' status",
            &format!(
                "const s = document.querySelector('#quotes-status').innerText; return s.includes({}) && s",
                json!(by)
            ),
        );
        assert!(who.as_str().unwrap_or("").contains(&by), "{who}");
        b.screenshot(&self.out.join("quotes.png"));
    }

    /// Choosing "With reported speech" lists Varga's reported statements beside his
    /// quotations, each marked as reported; the download asks for both kinds.
    fn see_reported_speech_marked_apart(&self) {
        let b = &self.b;
        b.goto(&self.server.url("/#/quotes?by=Tomas%20Varga&kind=all"));
        let counts = b.wait_for(
            "reported speech beside quotations",
            "const r = document.querySelectorAll('#quotes .reported-hit').length; \
             const d = document.querySelectorAll('#quotes .quote-hit:not(.reported-hit) blockquote').length; \
             return r > 0 && d > 0 && [r, d]",
        );
        assert!(counts[0].as_u64().unwrap() >= 1, "{counts}");
        let badge = text(b, "#quotes .reported-hit .badge");
        assert_eq!(badge.to_lowercase(), "reported");
        let kind = b.eval(
            "return document.querySelector('#quotes-form select[name=kind]').value",
            json!([]),
        );
        assert_eq!(kind.as_str(), Some("all"));
        let href = b.wait_for(
            "the quotations download link",
            "const a = document.querySelector('#quotes-status a.download'); return a ? a.getAttribute('href') : null",
        );
        let (code, csv) = self.server.get(href.as_str().unwrap());
        assert_eq!(code, 200, "{csv}");
        assert!(csv.lines().any(|l| l.contains(",indirect,")), "{csv}");
        b.screenshot(&self.out.join("quotes-reported.png"));
    }

    /// Paste a good name and a bad query into "Check a list": one row each, the name's
    /// with the API's count and spelling, the bad one with its error.
    fn check_a_pasted_list(&self) {
        let (b, server) = (&self.b, &self.server);
        b.goto(&server.url("/#/batch"));
        b.wait_for(
            "the list box",
            "const t = document.querySelector('#batch-lines'); return t !== null && t.offsetParent !== null",
        );
        let list = "person:\"Elena Ruiz\"\ntitle:(";
        b.eval(
            "document.querySelector('#batch-lines').value = arguments[0]",
            json!([list]),
        );
        b.click("#batch-form button[type=submit]");
        b.wait_for(
            "two rows",
            "return document.querySelectorAll('#batch-rows tr').length === 2",
        );
        let (_, answer) = server.post("/api/batch", list);
        let answer: Value = serde_json::from_str(&answer).unwrap();
        let rows = b.eval(
            "return [...document.querySelectorAll('#batch-rows tr')].map(tr => [...tr.cells].map(td => td.innerText))",
            json!([]),
        );
        let good = &rows[0];
        assert_eq!(good[0], json!("1"));
        assert_eq!(good[1], json!(list.lines().next().unwrap()));
        assert_eq!(good[2], json!(answer["rows"][0]["hits"].to_string()));
        assert!(good[4].as_str().unwrap().contains("Elena Ruiz"), "{good}");
        assert_eq!(good[5], json!(answer["rows"][0]["quotes"].to_string()));
        let first_title = answer["rows"][0]["top"][0]["title"].as_str().unwrap();
        assert!(good[6].as_str().unwrap().contains(first_title), "{good}");
        let bad = &rows[1];
        assert_eq!(bad[0], json!("2"));
        assert!(bad[2].as_str().unwrap().contains("invalid query"), "{bad}");
        let status = text(b, "#batch-status");
        assert!(
            status.contains("2 lines checked") && status.contains("1 could not be run"),
            "{status}"
        );
        b.screenshot(&self.out.join("batch.png"));
    }

    /// The same search on a phone-sized window, with no sideways scrolling.
    fn read_on_a_phone(&self) {
        let (b, server) = (&self.b, &self.server);
        b.resize(390, 844);
        b.goto(&server.url("/#/search?q=budget"));
        b.wait_for("results", COUNT_HITS);
        let overflow = b.eval(
            "return document.documentElement.scrollWidth > window.innerWidth + 1",
            json!([]),
        );
        assert_eq!(
            overflow,
            json!(false),
            "the page scrolls sideways on a phone"
        );
        b.screenshot(&self.out.join("phone.png"));
    }
}
