//! Page titles without the site's name: `"Obama speaks - BBC News"` → `"Obama speaks"`.
//!
//! A trailing (or leading) segment after a separator is dropped when it names the site (as
//! `og:site_name`, the publisher or the host say). For `<title>` text, which carries section
//! and date suffixes more often than `og:title`, short trailing segments are dropped too while
//! the rest still reads as a headline.

/// Separators sites put between the headline and their name, longest first.
const SEPARATORS: &[&str] = &[
    " :: ", " | ", " - ", " – ", " — ", " · ", " • ", " « ", " » ", " _",
];

/// Collapses runs of whitespace to single spaces and trims.
pub fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Strips site-name segments; `loose` also strips short trailing segments (for `<title>`).
pub fn strip_site_suffix(title: &str, sites: &[String], loose: bool) -> String {
    let mut title = clean(title);
    let sites: Vec<String> = sites
        .iter()
        .map(|s| squash(s))
        .filter(|s| s.len() >= 3)
        .collect();
    for _ in 0..4 {
        let Some((left, right)) = split_last(&title) else {
            break;
        };
        if names_site(right, &sites) || (loose && is_minor(right) && words(left) >= 3) {
            title = left.trim().to_string();
        } else {
            break;
        }
    }
    if let Some((left, right)) = split_first(&title) {
        if names_site(left, &sites) && words(right) >= 2 {
            title = right.trim().to_string();
        }
    }
    title
}

fn split_last(title: &str) -> Option<(&str, &str)> {
    SEPARATORS
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|i| (i, sep.len())))
        .max_by_key(|(i, _)| *i)
        .map(|(i, len)| (&title[..i], &title[i + len..]))
        .filter(|(l, r)| !l.trim().is_empty() && !r.trim().is_empty())
}

fn split_first(title: &str) -> Option<(&str, &str)> {
    SEPARATORS
        .iter()
        .filter_map(|sep| title.find(sep).map(|i| (i, sep.len())))
        .min_by_key(|(i, _)| *i)
        .map(|(i, len)| (&title[..i], &title[i + len..]))
        .filter(|(l, r)| !l.trim().is_empty() && !r.trim().is_empty())
}

/// Lowercase letters and digits only, so "The Guardian" matches "theguardian.com".
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn names_site(segment: &str, sites: &[String]) -> bool {
    let seg = squash(segment);
    let close = |long: &str, short: &str| long.contains(short) && short.len() * 2 >= long.len();
    seg.len() >= 3
        && sites
            .iter()
            .any(|site| close(&seg, site) || close(site, &seg))
}

/// A segment short enough to be a section, date or site name rather than part of a headline.
fn is_minor(segment: &str) -> bool {
    words(segment) <= 3 && segment.chars().count() <= 30
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// A host's distinctive label: `www.bbc.co.uk` → `bbc`, `theguardian.com` → `theguardian`.
pub fn host_label(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()?
        .to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    let generic = [
        "www", "com", "co", "org", "net", "uk", "news", "edition", "amp", "m",
    ];
    labels
        .iter()
        .filter(|l| !generic.contains(l) && l.len() > 2)
        .max_by_key(|l| l.len())
        .map(|l| l.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_site_suffixes() {
        let sites = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let cases = [
            (
                "Obama speaks - BBC News",
                sites(&["BBC News"]),
                false,
                "Obama speaks",
            ),
            (
                "Whales stranded on a beach | Environment | The Guardian",
                sites(&["the Guardian"]),
                true,
                "Whales stranded on a beach",
            ),
            (
                "Whales stranded | Eleanor Roy",
                sites(&["the Guardian"]),
                false,
                "Whales stranded | Eleanor Roy",
            ),
            (
                "Tite diz que errou em 2012 - 21/12/2018 - Esporte - Folha",
                sites(&[]),
                true,
                "Tite diz que errou em 2012",
            ),
            ("Big  news\n today", sites(&[]), true, "Big news today"),
            (
                "BBC News - Obama speaks on guns",
                sites(&["BBC News"]),
                false,
                "Obama speaks on guns",
            ),
            (
                "Review: a console - The Verge",
                sites(&["theverge"]),
                false,
                "Review: a console",
            ),
            (
                "X-ray vision - a primer",
                sites(&[]),
                false,
                "X-ray vision - a primer",
            ),
            ("Short - Thing", sites(&[]), true, "Short - Thing"),
            (
                "DeepMind新电脑已可利用记忆自学_科技_腾讯网",
                sites(&[]),
                true,
                "DeepMind新电脑已可利用记忆自学_科技_腾讯网",
            ),
            ("- BBC News", sites(&["BBC News"]), false, "- BBC News"),
        ];
        for (title, sites, loose, want) in cases {
            assert_eq!(strip_site_suffix(title, &sites, loose), want, "{title}");
        }
    }

    #[test]
    fn host_labels() {
        let cases = [
            ("https://www.bbc.co.uk/news/x", Some("bbc")),
            ("https://www.theguardian.com/a", Some("theguardian")),
            ("http://edition.cnn.com", Some("cnn")),
            ("not a url", None),
        ];
        for (url, want) in cases {
            assert_eq!(host_label(url).as_deref(), want, "{url}");
        }
    }
}
