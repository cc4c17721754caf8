//! Article metadata from an HTML page's head and markup: title, date, author, site name,
//! canonical url and tags, each taken from the first source that has it, in the order
//! JSON-LD / Open Graph and `article:` meta / other common meta / visible markup.

use super::jsonld::{self, LdArticle};
use super::text::text_of;
use super::title::{clean, host_label, strip_site_suffix};
use crate::article::parse_date;
use chrono::{DateTime, Utc};
use dom_query::Document;

/// Metadata found on a page; empty fields mean no source had them.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Meta {
    pub title: String,
    pub date: Option<DateTime<Utc>>,
    pub author: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub tags: Vec<String>,
}

/// Meta keys holding the publication date, best first.
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_time",
    "sailthru.date",
    "parsely-pub-date",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "date",
    "og:published_time",
    "article.published",
    "original-publish-date",
];
/// Meta keys holding a modification date, used only when nothing says when it was published.
const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "last-modified",
];
/// Meta keys holding the author.
const AUTHOR_KEYS: &[&str] = &[
    "author",
    "article:author",
    "byl",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "citation_author",
];
/// Meta keys holding the site's name.
const SITE_KEYS: &[&str] = &[
    "og:site_name",
    "application-name",
    "publisher",
    "dc.publisher",
];

/// The `<meta>` tags of a page as (lowercased key, content) pairs, in document order.
struct Metas(Vec<(String, String)>);

impl Metas {
    fn read(doc: &Document) -> Metas {
        let mut pairs = Vec::new();
        for node in doc.select("meta").nodes() {
            let Some(content) = node.attr("content").map(|c| clean(&c)) else {
                continue;
            };
            for attr in ["property", "name", "itemprop", "http-equiv"] {
                if let Some(key) = node.attr(attr) {
                    pairs.push((key.trim().to_ascii_lowercase(), content.clone()));
                }
            }
        }
        Metas(pairs)
    }

    /// The first non-empty content for any of `keys`, trying keys in order.
    fn get(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|key| {
            self.0
                .iter()
                .find(|(k, v)| k == key && !v.is_empty())
                .map(|(_, v)| v.clone())
        })
    }

    fn all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> {
        self.0
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Reads all metadata of a parsed page.
pub fn extract(doc: &Document) -> Meta {
    let metas = Metas::read(doc);
    let scripts: Vec<String> = doc
        .select("script")
        .nodes()
        .iter()
        .filter(|n| {
            n.attr("type")
                .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json"))
        })
        .map(|n| n.text().to_string())
        .collect();
    let ld = jsonld::article(&scripts).unwrap_or_default();
    let url = url(doc, &metas, &ld);
    let source = metas.get(SITE_KEYS).or_else(|| ld.publisher.clone());
    let mut sites: Vec<String> = source.iter().cloned().collect();
    sites.extend(ld.publisher.iter().cloned());
    sites.extend(url.as_deref().and_then(host_label));
    Meta {
        title: title(doc, &metas, &ld, &sites),
        date: date(doc, &metas, &ld),
        author: author(doc, &metas, &ld),
        source,
        url,
        tags: tags(&metas, &ld),
    }
}

fn title(doc: &Document, metas: &Metas, ld: &LdArticle, sites: &[String]) -> String {
    let strict = [
        ld.headline.clone(),
        metas.get(&["og:title", "twitter:title", "dc.title"]),
    ];
    if let Some(t) = strict
        .into_iter()
        .flatten()
        .map(|t| clean(&t))
        .find(|t| !t.is_empty())
    {
        return strip_site_suffix(&t, sites, false);
    }
    let head_title = doc
        .select("title")
        .nodes()
        .first()
        .map(|n| clean(&n.text()));
    if let Some(t) = head_title.filter(|t| !t.is_empty()) {
        return strip_site_suffix(&t, sites, true);
    }
    doc.select("h1")
        .nodes()
        .first()
        .map(|n| clean(&n.text()))
        .unwrap_or_default()
}

fn date(doc: &Document, metas: &Metas, ld: &LdArticle) -> Option<DateTime<Utc>> {
    let published = [metas.get(DATE_KEYS), ld.published.clone()];
    if let Some(d) = published.iter().flatten().find_map(|s| parse_date(s)) {
        return Some(d);
    }
    let times = doc.select("time[itemprop=datePublished], time[pubdate], article time, time");
    let from_markup = times.nodes().iter().find_map(|n| {
        let raw = n
            .attr("datetime")
            .map(|d| d.to_string())
            .unwrap_or_else(|| n.text().to_string());
        parse_date(&raw)
    });
    from_markup.or_else(|| {
        [metas.get(MODIFIED_KEYS), ld.modified.clone()]
            .iter()
            .flatten()
            .find_map(|s| parse_date(s))
    })
}

fn author(doc: &Document, metas: &Metas, ld: &LdArticle) -> Option<String> {
    let valid = |a: String| Some(clean_author(&a)).filter(|a| !a.is_empty());
    if !ld.authors.is_empty() {
        if let Some(a) = valid(dedup(&ld.authors).join(", ")) {
            return Some(a);
        }
    }
    let from_meta = AUTHOR_KEYS.iter().find_map(|k| {
        metas
            .get(&[k])
            .filter(|v| !v.starts_with("http"))
            .and_then(valid)
    });
    from_meta.or_else(|| {
        BYLINE_SELECTORS.iter().find_map(|sel| {
            doc.select(sel)
                .nodes()
                .iter()
                .find_map(|n| valid(text_of(n, &[])))
        })
    })
}

/// Markup that holds a byline, most specific first.
const BYLINE_SELECTORS: &[&str] = &[
    "[itemprop=author] [itemprop=name]",
    "[itemprop=author]",
    "[rel=author]",
    ".byline",
    "[class*=byline]",
    ".author",
    "[class*=author-name]",
];

/// Words that introduce a byline in the languages newsdex meets most.
const BY_WORDS: &[&str] = &["by ", "par ", "von ", "por ", "di ", "door ", "av "];

const MONTHS: &[&str] = &[
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "updated",
    "published",
];

/// A byline reduced to names: no leading "By", nothing from the first date, handle or
/// separator on, and nothing too long or too short to be a name list.
fn clean_author(raw: &str) -> String {
    let mut a = clean(raw);
    let lower = a.to_lowercase();
    if let Some(by) = BY_WORDS.iter().find(|w| lower.starts_with(**w)) {
        a = a[by.len()..].trim().to_string();
    } else if BY_WORDS.iter().any(|w| lower == w.trim()) {
        return String::new();
    }
    for sep in [" - ", " | ", " • ", " · ", " — ", " – "] {
        if let Some((first, _)) = a.split_once(sep) {
            a = first.to_string();
        }
    }
    let words: Vec<&str> = a
        .split_whitespace()
        .take_while(|w| {
            let bare = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            !w.starts_with('@')
                && !w.chars().any(|c| c.is_ascii_digit())
                && !MONTHS.contains(&bare.as_str())
        })
        .collect();
    let a = words
        .join(" ")
        .trim_end_matches([',', ';', ':', '-'])
        .trim()
        .to_string();
    let has_name = a
        .split_whitespace()
        .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2);
    if !has_name || a.chars().count() > 120 {
        String::new()
    } else {
        a
    }
}

fn url(doc: &Document, metas: &Metas, ld: &LdArticle) -> Option<String> {
    let canonical = doc
        .select("link[rel=canonical]")
        .nodes()
        .iter()
        .find_map(|n| n.attr("href").map(|h| h.trim().to_string()));
    [canonical, metas.get(&["og:url"]), ld.url.clone()]
        .into_iter()
        .flatten()
        .find(|u| u.starts_with("http://") || u.starts_with("https://"))
}

fn tags(metas: &Metas, ld: &LdArticle) -> Vec<String> {
    let mut tags: Vec<String> = metas.all("article:tag").map(str::to_string).collect();
    tags.extend(ld.keywords.iter().cloned());
    if tags.is_empty() {
        let keywords = metas
            .get(&["news_keywords", "keywords"])
            .unwrap_or_default();
        tags.extend(keywords.split(',').map(|k| k.trim().to_string()));
    }
    tags.retain(|t| !t.is_empty() && t.chars().count() <= 60);
    let mut tags = dedup(&tags);
    tags.truncate(30);
    tags
}

/// Removes repeats (ignoring case), keeping first occurrences in order.
fn dedup(items: &[String]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    items
        .iter()
        .filter(|i| seen.insert(i.to_lowercase()))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(head: &str, body: &str) -> Meta {
        extract(&Document::from(format!(
            "<html><head>{head}</head><body>{body}</body></html>"
        )))
    }

    #[test]
    fn titles_from_each_source() {
        let cases = [
            (
                r#"<meta property="og:title" content="OG title - BBC News"><meta property="og:site_name" content="BBC News"><title>T</title>"#,
                "",
                "OG title",
            ),
            (
                r#"<title>Head title of the day | Politics | Daily Planet</title>"#,
                "<h1>H</h1>",
                "Head title of the day",
            ),
            (
                r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"LD title"}</script><meta property="og:title" content="OG">"#,
                "",
                "LD title",
            ),
            ("", "<h1>Only  the h1</h1>", "Only the h1"),
            ("", "", ""),
        ];
        for (head, body, want) in cases {
            assert_eq!(meta(head, body).title, want, "{head}");
        }
    }

    #[test]
    fn dates_from_each_source() {
        let cases = [
            (
                r#"<meta property="article:published_time" content="2015-07-24T05:36:09+01:00">"#,
                "",
                Some("2015-07-24T04:36:09"),
            ),
            (
                r#"<script type="application/ld+json">{"@type":"Article","datePublished":"2019-01-03T07:00:02.000Z"}</script>"#,
                "",
                Some("2019-01-03T07:00:02"),
            ),
            (
                r#"<meta name="date" content="2018-12-21">"#,
                "",
                Some("2018-12-21T00:00:00"),
            ),
            (
                "",
                r#"<article><time datetime="2020-05-06T07:08:09Z">May 6</time></article>"#,
                Some("2020-05-06T07:08:09"),
            ),
            (
                r#"<meta property="article:modified_time" content="2001-02-03T04:05:06Z">"#,
                "",
                Some("2001-02-03T04:05:06"),
            ),
            (
                r#"<meta property="article:published_time" content="garbage">"#,
                "",
                None,
            ),
        ];
        for (head, body, want) in cases {
            let got = meta(head, body)
                .date
                .map(|d| d.format("%Y-%m-%dT%H:%M:%S").to_string());
            assert_eq!(got.as_deref(), want, "{head}{body}");
        }
    }

    #[test]
    fn authors_sources_and_urls() {
        let cases = [
            (
                r#"<meta name="author" content="Jane Roe">"#,
                "",
                Some("Jane Roe"),
                None,
                None,
            ),
            (
                r#"<meta property="article:author" content="https://facebook.com/x"><meta name="byl" content="By John Doe">"#,
                "",
                Some("John Doe"),
                None,
                None,
            ),
            (
                r#"<script type="application/ld+json">{"@type":"Article","author":[{"name":"Ann Lee"},{"name":"Bob Ray"}],"publisher":{"name":"Pub"}}</script>"#,
                "",
                Some("Ann Lee, Bob Ray"),
                Some("Pub"),
                None,
            ),
            (
                r#"<meta property="og:site_name" content="Site"><link rel="canonical" href="https://s.example/a">"#,
                r#"<span class="byline">by  Ann</span>"#,
                Some("Ann"),
                Some("Site"),
                Some("https://s.example/a"),
            ),
            (
                r#"<meta property="og:url" content="http://o.example/b"><link rel="canonical" href="/relative">"#,
                "",
                None,
                None,
                Some("http://o.example/b"),
            ),
        ];
        for (head, body, author, source, url) in cases {
            let m = meta(head, body);
            assert_eq!(
                (m.author.as_deref(), m.source.as_deref(), m.url.as_deref()),
                (author, source, url),
                "{head}"
            );
        }
    }

    #[test]
    fn bylines_are_reduced_to_names() {
        let cases = [
            ("By Jane Roe", "Jane Roe"),
            ("Dan Writer - Apr 16, 2015 8:02 pm UTC", "Dan Writer"),
            (
                "Steven Author January 18, 2017 11:00 PM PST @handle",
                "Steven Author",
            ),
            ("Par Sébastien Nom", "Sébastien Nom"),
            ("J J", ""),
            ("By", ""),
            ("Ann Lee, Bob Ray", "Ann Lee, Bob Ray"),
        ];
        for (raw, want) in cases {
            assert_eq!(clean_author(raw), want, "{raw}");
        }
    }

    #[test]
    fn tags_from_article_tag_or_keywords() {
        let cases = [
            (
                r#"<meta property="article:tag" content="Politics"><meta property="article:tag" content="politics"><meta property="article:tag" content="US">"#,
                vec!["Politics", "US"],
            ),
            (
                r#"<meta name="keywords" content="a, b,,c">"#,
                vec!["a", "b", "c"],
            ),
            ("", vec![]),
        ];
        for (head, want) in cases {
            assert_eq!(meta(head, "").tags, want, "{head}");
        }
    }
}
