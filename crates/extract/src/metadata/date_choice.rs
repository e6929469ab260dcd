//! The choice of the published and modified dates among the candidates the collecting
//! walk found (see the date rule in the parent module's documentation).

use super::dates::{self, When};
use super::{
    bounded_text, class_id, raw_ld_string, visible_text_from, Found, Ld, MAX_PAGE_TEXT,
    MAX_SHORT_TEXT, MAX_TEXT_AFTER_HEADLINE,
};
use crate::article::DateSource;
use crate::dom::{Dom, NodeId, Tag};
use crate::text::normalize_space;

/// A chosen date and where it came from.
pub(super) type Dated = Option<(When, DateSource)>;

/// What the date choice needs besides the tree and the collected candidates.
pub(super) struct Context<'a> {
    /// The page's JSON-LD scripts, raw (for the string search when none parses).
    pub scripts: &'a [&'a str],
    /// Whether any JSON-LD script parsed.
    pub ld_parsed: bool,
    /// The page URL as given.
    pub page_url: Option<&'a str>,
    /// The headline element (first `<h1>`).
    pub headline: Option<NodeId>,
    /// The capture time (Unix seconds), when known.
    pub reference: Option<i64>,
}

/// Chooses `(published, modified)`.
pub(super) fn choose(dom: &Dom, f: &Found<'_>, ld: &Ld, cx: &Context<'_>) -> (Dated, Dated) {
    let Context {
        scripts,
        ld_parsed,
        page_url,
        headline: headline_node,
        reference,
    } = *cx;
    let prop_text = |prop: &str| -> Vec<String> {
        f.itemprops
            .iter()
            .filter(|(p, _)| p == prop)
            .map(|&(_, id)| {
                dom.attr(id, "content")
                    .or_else(|| dom.attr(id, "datetime"))
                    .map(str::to_string)
                    .unwrap_or_else(|| normalize_space(&bounded_text(dom, id, MAX_SHORT_TEXT)))
            })
            .collect()
    };
    let mut month_first = f
        .html_lang
        .is_some_and(|l| l.eq_ignore_ascii_case("en-us") || l.eq_ignore_ascii_case("en"));
    if let Some(u) = page_url {
        if u.contains(".co.uk") || u.contains(".com.au") || u.contains(".ie/") {
            month_first = false;
        }
    }
    let ok = |w: &When| w.plausible(reference);
    let structured = |s: &str| dates::parse_value(s).filter(ok);
    let mut published: Option<(When, DateSource)> = None;
    let ld_pub = ld.published.clone().or_else(|| {
        (!ld_parsed)
            .then(|| raw_ld_string(scripts, "datePublished"))
            .flatten()
    });
    if let Some(w) = ld_pub.as_deref().and_then(structured) {
        published = Some((w, DateSource::JsonLd));
    }
    const PUB_KEYS: &[&str] = &[
        "article:published_time",
        "article:published",
        "og:article:published_time",
        "og:published_time",
        "datepublished",
        "published_time",
        "publish-date",
        "publish_date",
        "publishdate",
        "pubdate",
        "parsely-pub-date",
        "sailthru.date",
        "dc.date.issued",
        "dcterms.issued",
        "dc.date.created",
        "dcterms.created",
        "dc.date",
        "dcterms.date",
        "date",
        "article.published",
        "article_date_original",
        "original-publish-date",
        "cxenseparse:recs:publishtime",
        "citation_publication_date",
        "citation_date",
        "release_date",
        "created",
    ];
    if published.is_none() {
        published = PUB_KEYS
            .iter()
            .find_map(|k| {
                f.metas
                    .iter()
                    .find(|(mk, _)| mk == k)
                    .map(|(_, v)| *v)
                    .and_then(structured)
            })
            .map(|w| (w, DateSource::Meta));
    }
    if published.is_none() {
        // Any other meta tag named like a publication date.
        published = f
            .metas
            .iter()
            .filter(|(k, _)| {
                (k.contains("publish") || k.contains("date") || k.contains("created"))
                    && !["modif", "updat", "expir", "revis", "valid", "end", "start"]
                        .iter()
                        .any(|x| k.contains(x))
            })
            .find_map(|(_, v)| structured(v))
            .map(|w| (w, DateSource::Meta));
    }
    if published.is_none() {
        published = prop_text("datepublished")
            .iter()
            .chain(prop_text("datecreated").iter())
            .find_map(|s| structured(s))
            .map(|w| (w, DateSource::Meta));
    }
    if published.is_none() {
        // <time>: marked ones first, else the one nearest the headline.
        let mut times: Vec<&(NodeId, String, bool)> = f.times.iter().collect();
        let h = headline_node.unwrap_or(0);
        times.sort_by_key(|(id, _, marked)| (!marked, id.abs_diff(h)));
        published = times
            .iter()
            .find_map(|(_, v, _)| {
                dates::parse_value(v)
                    .or_else(|| reference.and_then(|r| dates::relative(v, r)))
                    .filter(ok)
            })
            .map(|w| (w, DateSource::Time));
    }
    if published.is_none() {
        let h = headline_node.unwrap_or(0);
        let mut dated: Vec<NodeId> = f.dated.clone();
        dated.sort_by_key(|id| id.abs_diff(h));
        published = dated
            .iter()
            .find_map(|&id| {
                let ci = class_id(dom, id);
                if ci.contains("update") || ci.contains("modif") {
                    return None;
                }
                let t = normalize_space(&bounded_text(dom, id, MAX_SHORT_TEXT));
                if t.len() > MAX_SHORT_TEXT {
                    return None;
                }
                dates::parse_text(&t, month_first)
                    .or_else(|| reference.and_then(|r| dates::relative(&t, r)))
                    .filter(ok)
            })
            .map(|w| (w, DateSource::Text));
    }
    let url_for_date = f.canonical.or(page_url);
    let url_date = url_for_date
        .and_then(dates::from_url)
        .or_else(|| page_url.and_then(dates::from_url))
        .map(|d| When {
            date: d,
            time: None,
            offset: None,
        })
        .filter(ok);
    if let (Some(u), Some((w, src))) = (url_date, published) {
        if (w.date - u.date).num_days() > 2 && src != DateSource::Text {
            published = Some((u, DateSource::Url));
        }
    }
    if published.is_none() {
        published = url_date.map(|u| (u, DateSource::Url));
    }
    if published.is_none() {
        // Visible text: after the headline, then the page from the top.
        let starts = [
            headline_node.map(|h| (dom.skip_subtree(h, Dom::ROOT), MAX_TEXT_AFTER_HEADLINE)),
            dom.find(Tag::Body).map(|b| (b, MAX_PAGE_TEXT)),
        ];
        for (start, budget) in starts.into_iter().flatten() {
            let text = visible_text_from(dom, start, budget);
            published = dates::parse_text_where(&text, month_first, budget, ok)
                .map(|w| (w, DateSource::Text));
            if published.is_some() {
                break;
            }
        }
    }

    let mut modified: Option<(When, DateSource)> = ld
        .modified
        .clone()
        .or_else(|| {
            (!ld_parsed)
                .then(|| raw_ld_string(scripts, "dateModified"))
                .flatten()
        })
        .as_deref()
        .and_then(structured)
        .map(|w| (w, DateSource::JsonLd));
    if modified.is_none() {
        modified = [
            "article:modified_time",
            "og:updated_time",
            "article:modified",
            "datemodified",
            "modified_time",
            "last-modified",
            "dc.date.modified",
            "dcterms.modified",
            "lastmod",
            "revised",
        ]
        .iter()
        .find_map(|k| {
            f.metas
                .iter()
                .find(|(mk, _)| mk == k)
                .map(|(_, v)| *v)
                .and_then(structured)
        })
        .map(|w| (w, DateSource::Meta));
    }
    if modified.is_none() {
        modified = prop_text("datemodified")
            .iter()
            .find_map(|s| structured(s))
            .map(|w| (w, DateSource::Meta));
    }
    if let (Some((m, _)), Some((p, _))) = (modified, published) {
        if m.approx_unix() < p.approx_unix() - 86_400 {
            modified = None;
        }
    }

    (published, modified)
}
