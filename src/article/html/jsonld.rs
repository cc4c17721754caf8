//! JSON-LD (`<script type="application/ld+json">`) article metadata: headline, dates,
//! authors, publisher, url and keywords of the first article-like object, looked for inside
//! arrays and `@graph` lists too. Bad JSON is ignored; the walk is iterative and bounded.
//! Many CMSs write HTML character references into JSON-LD strings (`&#8216;`, `&amp;`):
//! they are decoded, since no parser has done it for a script's text.

use serde_json::Value;

/// Most JSON values visited per script, so a huge or hostile block stays cheap.
const MAX_VALUES: usize = 20_000;

/// What the page's JSON-LD says about its article.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct LdArticle {
    pub headline: Option<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub keywords: Vec<String>,
}

/// Schema.org types that describe an article (or a page that is one).
fn is_article_type(t: &str) -> bool {
    t.ends_with("Article")
        || matches!(
            t,
            "BlogPosting" | "LiveBlogPosting" | "SocialMediaPosting" | "Report" | "WebPage"
        )
}

/// Reads every JSON-LD block and returns the best article object: one with an article type
/// (a `WebPage` only if nothing better), else any object with a `datePublished`.
pub fn article(scripts: &[String]) -> Option<LdArticle> {
    let mut best: Option<(u8, LdArticle)> = None;
    for script in scripts {
        let Ok(value) = serde_json::from_str::<Value>(strip_cdata(script)) else {
            continue;
        };
        for object in objects(&value) {
            let rank = rank(object);
            if rank > 0 && best.as_ref().is_none_or(|(r, _)| rank > *r) {
                best = Some((rank, read(object)));
            }
        }
    }
    best.map(|(_, a)| a)
}

fn strip_cdata(s: &str) -> &str {
    let t = s.trim();
    let t = t
        .strip_prefix("//<![CDATA[")
        .or_else(|| t.strip_prefix("<![CDATA["))
        .unwrap_or(t);
    let t = t
        .strip_suffix("//]]>")
        .or_else(|| t.strip_suffix("]]>"))
        .unwrap_or(t);
    t.trim()
}

/// 3: an article type; 2: a `WebPage` with a headline or date; 1: any dated object.
fn rank(object: &serde_json::Map<String, Value>) -> u8 {
    let types = strings(object.get("@type"));
    let dated = object.contains_key("datePublished") || object.contains_key("headline");
    if types.iter().any(|t| is_article_type(t) && t != "WebPage") {
        3
    } else if dated && types.iter().any(|t| t == "WebPage") {
        2
    } else if object.contains_key("datePublished") {
        1
    } else {
        0
    }
}

/// Every JSON object in `value`, outermost first, walking arrays and nested objects.
fn objects(value: &Value) -> Vec<&serde_json::Map<String, Value>> {
    let mut found = Vec::new();
    let mut stack = vec![value];
    let mut seen = 0;
    while let Some(v) = stack.pop() {
        seen += 1;
        if seen > MAX_VALUES {
            break;
        }
        match v {
            Value::Object(map) => {
                found.push(map);
                stack.extend(map.values().rev());
            }
            Value::Array(items) => stack.extend(items.iter().rev()),
            _ => {}
        }
    }
    found
}

fn read(object: &serde_json::Map<String, Value>) -> LdArticle {
    let first = |key: &str| strings(object.get(key)).into_iter().next();
    let url = first("url").or_else(|| match object.get("mainEntityOfPage") {
        Some(Value::Object(m)) => strings(m.get("@id")).into_iter().next(),
        other => strings(other).into_iter().next(),
    });
    let keywords = strings(object.get("keywords"))
        .iter()
        .flat_map(|k| k.split(','))
        .map(|k| k.trim().to_string())
        .filter(|k| !k.is_empty())
        .collect();
    LdArticle {
        headline: first("headline").or_else(|| first("name")),
        published: first("datePublished").or_else(|| first("dateCreated")),
        modified: first("dateModified"),
        authors: names(object.get("author"))
            .into_iter()
            .chain(names(object.get("creator")))
            .collect(),
        publisher: names(object.get("publisher")).into_iter().next(),
        url,
        keywords,
    }
}

/// Strings of a value that is a string or an array of strings.
fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![decode_refs(s.trim())],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(|s| decode_refs(s.trim())))
            .collect(),
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect()
}

/// Names of a person/organisation value: a string, an object with `name`, or an array.
fn names(value: Option<&Value>) -> Vec<String> {
    let items: Vec<&Value> = match value {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(v) => vec![v],
        None => Vec::new(),
    };
    items
        .into_iter()
        .filter_map(|v| match v {
            Value::String(s) => Some(decode_refs(s.trim())),
            Value::Object(m) => m
                .get("name")
                .and_then(Value::as_str)
                .map(|s| decode_refs(s.trim())),
            _ => None,
        })
        .filter(|s| !s.is_empty() && !s.starts_with("http"))
        .collect()
}

/// Longest character reference decoded (`&CounterClockwiseContourIntegral;` is 33 bytes).
const MAX_REF: usize = 40;

/// Decodes HTML character references (`&#8216;`, `&#x2019;`, `&amp;`, every HTML5 name);
/// anything else that starts with `&` (a bare "AT&T", an unknown name) is kept as written.
fn decode_refs(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[..rest.len().min(MAX_REF)].find(';');
        match end.and_then(|end| resolve(&rest[1..end]).map(|r| (end, r))) {
            Some((end, decoded)) => {
                out.push_str(&decoded);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of one reference's name (`#8216`, `#x2019`, `amp`), if it is a valid one.
fn resolve(name: &str) -> Option<String> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code)
            .filter(|c| *c != '\0')
            .map(String::from);
    }
    quick_xml::escape::resolve_html5_entity(name).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(json: &str) -> Option<LdArticle> {
        article(&[json.to_string()])
    }

    #[test]
    fn character_references_in_strings_are_decoded() {
        let cases = [
            (
                "&#8216;The Medium&#8217; festival",
                "\u{2018}The Medium\u{2019} festival",
            ),
            (
                "Smith &amp; Sons &#x2014; a history",
                "Smith & Sons \u{2014} a history",
            ),
            ("&#039;Quoted&#039; caf&eacute;", "'Quoted' caf\u{e9}"),
            ("AT&T beats forecasts", "AT&T beats forecasts"),
            ("R&D; spending & more", "R&D; spending & more"),
            ("&#0; and &#xZZ; stay", "&#0; and &#xZZ; stay"),
            ("trailing &", "trailing &"),
        ];
        for (raw, want) in cases {
            assert_eq!(decode_refs(raw), want, "{raw}");
        }
        let json = r#"{"@type":"NewsArticle","headline":"Q&amp;A: the &#8216;plan&#8217;",
            "author":{"name":"Ren&eacute;e Ortiz"},"datePublished":"2021-05-01"}"#;
        let got = one(json).unwrap();
        assert_eq!(
            got.headline.as_deref(),
            Some("Q&A: the \u{2018}plan\u{2019}")
        );
        assert_eq!(got.authors, vec!["Ren\u{e9}e Ortiz".to_string()]);
    }

    #[test]
    fn finds_the_article_object() {
        let cases = [
            (
                r#"{"@type":"NewsArticle","headline":"H","datePublished":"2020-01-02",
                   "author":{"@type":"Person","name":"Ann Lee"},"publisher":{"name":"Daily"}}"#,
                Some(("H", "2020-01-02", vec!["Ann Lee"], Some("Daily"))),
            ),
            (
                r#"{"@graph":[{"@type":"WebSite","name":"Site"},
                   {"@type":["BlogPosting"],"headline":"G","datePublished":"2021",
                    "author":[{"name":"A"},"B"]}]}"#,
                Some(("G", "2021", vec!["A", "B"], None)),
            ),
            (
                r#"[{"@type":"WebPage","headline":"W","datePublished":"d1"},
                    {"@type":"Article","headline":"A","datePublished":"d2"}]"#,
                Some(("A", "d2", vec![], None)),
            ),
            (
                r#"//<![CDATA[
                {"@type":"Article","headline":"C","datePublished":"d"}
                //]]>"#,
                Some(("C", "d", vec![], None)),
            ),
            (r#"{"@type":"Organization","name":"Org"}"#, None),
            ("{not json", None),
        ];
        for (json, want) in cases {
            let got = one(json);
            let got = got.as_ref().map(|a| {
                (
                    a.headline.as_deref().unwrap_or(""),
                    a.published.as_deref().unwrap_or(""),
                    a.authors.iter().map(String::as_str).collect::<Vec<_>>(),
                    a.publisher.as_deref(),
                )
            });
            assert_eq!(got, want, "{json}");
        }
    }

    #[test]
    fn deep_json_is_ignored_not_fatal() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(one(&deep), None);
    }
}
