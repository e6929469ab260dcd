//! Metadata stage: headline, dates, language, site name and canonical URL from the page head,
//! JSON-LD and structured attributes.

use crate::dom::{Dom, Kind, Tag, NONE};
use crate::text::normalize_space;

/// What the metadata stage found. Fields are `None` when the page does not say.
#[derive(Debug, Default, Clone)]
pub(crate) struct Meta {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    pub site_name: Option<String>,
    pub url: Option<String>,
}

pub(crate) fn extract(dom: &Dom, page_url: Option<&str>) -> Meta {
    let mut metas: Vec<(String, &str)> = Vec::new();
    let mut doc_title = None;
    let mut h1s: Vec<String> = Vec::new();
    let mut canonical = None;
    let mut lang = None;
    let mut time_dt = None;
    for id in dom.descendants(Dom::ROOT) {
        let Kind::Element { tag, .. } = dom.node(id).kind else {
            continue;
        };
        match tag {
            Tag::Meta => {
                let key = dom
                    .attr(id, "property")
                    .or_else(|| dom.attr(id, "name"))
                    .or_else(|| dom.attr(id, "itemprop"));
                if let (Some(k), Some(v)) = (key, dom.attr(id, "content")) {
                    if !v.trim().is_empty() {
                        metas.push((k.trim().to_ascii_lowercase(), v.trim()));
                    }
                }
            }
            Tag::Title if doc_title.is_none() => {
                let t = normalize_space(&dom.text_content(id));
                if !t.is_empty() {
                    doc_title = Some(t);
                }
            }
            Tag::H1 if h1s.len() < 4 => {
                let t = normalize_space(&dom.text_content(id));
                if !t.is_empty() {
                    h1s.push(t);
                }
            }
            Tag::Link if canonical.is_none() => {
                if dom.attr(id, "rel").is_some_and(|r| {
                    r.split_ascii_whitespace()
                        .any(|x| x.eq_ignore_ascii_case("canonical"))
                }) {
                    canonical = dom
                        .attr(id, "href")
                        .map(str::trim)
                        .filter(|h| !h.is_empty());
                }
            }
            Tag::Html if lang.is_none() => {
                lang = dom
                    .attr(id, "lang")
                    .or_else(|| dom.attr(id, "xml:lang"))
                    .map(str::trim)
                    .filter(|l| !l.is_empty());
            }
            Tag::Time if time_dt.is_none() => {
                time_dt = dom
                    .attr(id, "datetime")
                    .map(str::trim)
                    .filter(|d| valid_date_prefix(d));
            }
            _ => {}
        }
    }
    let get = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| {
            metas
                .iter()
                .find(|(mk, _)| mk == k)
                .map(|(_, v)| normalize_space(v))
        })
    };
    let site_name = get(&["og:site_name", "application-name"]);
    let title = choose_title(
        get(&["og:title", "twitter:title", "headline"]),
        doc_title,
        &h1s,
        site_name.as_deref(),
    );
    let published = get(&[
        "article:published_time",
        "datepublished",
        "og:article:published_time",
        "pubdate",
        "publishdate",
        "date",
        "dc.date.issued",
        "dc.date",
        "dcterms.date",
        "sailthru.date",
    ])
    .filter(|d| valid_date_prefix(d))
    .or_else(|| json_ld_string(dom, "datePublished").filter(|d| valid_date_prefix(d)))
    .or_else(|| time_dt.map(str::to_string));
    let authors = get(&["author", "article:author", "dc.creator", "sailthru.author"])
        .filter(|a| !a.starts_with("http") && a.len() < 200)
        .map(|a| {
            a.split([',', ';'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let language = lang.map(|l| {
        let primary = l.split(['-', '_']).next().unwrap_or(l);
        primary.to_ascii_lowercase()
    });
    let url = canonical
        .map(str::to_string)
        .or_else(|| get(&["og:url"]))
        .and_then(|u| resolve(page_url, &u))
        .or_else(|| page_url.map(str::to_string));
    Meta {
        title,
        authors,
        published,
        language,
        site_name,
        url,
    }
}

/// The headline: an `<h1>` that the title tags agree with, else og:title, else `<title>`
/// with its " | Site" suffix removed.
fn choose_title(
    og: Option<String>,
    doc: Option<String>,
    h1s: &[String],
    site: Option<&str>,
) -> Option<String> {
    let stripped = doc.as_deref().map(|t| strip_site_suffix(t, site));
    let og_stripped = og.as_deref().map(|t| strip_site_suffix(t, site));
    for h in h1s {
        let hl = h.to_lowercase();
        if [&og_stripped, &stripped].iter().any(|c| {
            c.as_deref()
                .is_some_and(|c| c.to_lowercase().contains(&hl) && hl.chars().count() >= 6)
        }) {
            return Some(h.clone());
        }
    }
    og_stripped.or(stripped).filter(|t| !t.is_empty())
}

/// Removes a trailing or leading " | Site", " - Site", " :: Site" part.
pub(crate) fn strip_site_suffix(t: &str, site: Option<&str>) -> String {
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " » "] {
        if let Some(i) = t.rfind(sep) {
            let (head, tail) = (&t[..i], &t[i + sep.len()..]);
            let tail_is_site = site.is_some_and(|s| tail.trim().eq_ignore_ascii_case(s.trim()))
                || crate::text::word_count(tail) <= 4 && crate::text::word_count(head) >= 2;
            if tail_is_site {
                return head.trim().to_string();
            }
            if let Some(s) = site {
                if head.trim().eq_ignore_ascii_case(s.trim()) {
                    return tail.trim().to_string();
                }
            }
        }
    }
    t.to_string()
}

/// Whether `s` starts with a plausible `YYYY-MM-DD`.
fn valid_date_prefix(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
        && (1990..=2100).contains(&s[..4].parse::<u32>().unwrap_or(0))
}

/// The first string value of `"key": "..."` inside a JSON-LD script.
fn json_ld_string(dom: &Dom, key: &str) -> Option<String> {
    let pat = format!("\"{key}\"");
    for id in dom.descendants(Dom::ROOT) {
        if dom.tag(id) != Some(Tag::Script)
            || !dom
                .attr(id, "type")
                .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"))
        {
            continue;
        }
        let c = dom.node(id).first_child;
        if c == NONE {
            continue;
        }
        let Some(src) = dom.text(c) else { continue };
        if let Some(at) = src.find(&pat) {
            let rest = src[at + pat.len()..].trim_start();
            let rest = rest.strip_prefix(':')?.trim_start();
            let rest = rest.strip_prefix('"')?;
            let end = rest.find('"')?;
            return Some(rest[..end].to_string());
        }
    }
    None
}

/// Resolves `href` against `base` (absolute URLs are returned as they are).
fn resolve(base: Option<&str>, href: &str) -> Option<String> {
    if href.starts_with("http://") || href.starts_with("https://") {
        return Some(href.to_string());
    }
    let base = base?;
    let scheme_end = base.find("://")? + 3;
    if let Some(rest) = href.strip_prefix("//") {
        return Some(format!("{}{}", &base[..scheme_end], rest));
    }
    let host_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    if href.starts_with('/') {
        return Some(format!("{}{}", &base[..host_end], href));
    }
    let dir_end = base
        .rfind('/')
        .filter(|&i| i >= host_end)
        .map_or(base.len(), |i| i + 1);
    let mut prefix = base[..dir_end].to_string();
    if !prefix.ends_with('/') {
        prefix.push('/');
    }
    Some(format!("{prefix}{href}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_site_suffix() {
        assert_eq!(
            strip_site_suffix(
                "Rain due across the region | Daily News",
                Some("Daily News")
            ),
            "Rain due across the region"
        );
        assert_eq!(
            strip_site_suffix("Rain due across the region - BBC News", None),
            "Rain due across the region"
        );
        assert_eq!(strip_site_suffix("Left - Right", None), "Left - Right");
    }

    #[test]
    fn resolves_relative_urls() {
        assert_eq!(
            resolve(Some("https://a.example/x/y.html"), "/z").as_deref(),
            Some("https://a.example/z")
        );
        assert_eq!(
            resolve(Some("https://a.example/x/y.html"), "z.html").as_deref(),
            Some("https://a.example/x/z.html")
        );
        assert_eq!(resolve(None, "/z"), None);
    }
}
