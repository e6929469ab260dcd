//! The choice of the published and modified dates among the candidates the collecting
//! walk found (the rule is documented on [`choose`]).

use super::dates::{self, Label, When};
use super::{
    bounded_text, class_id, class_id_into, raw_ld_string, Found, Ld, MAX_PAGE_TEXT, MAX_SHORT_TEXT,
    MAX_TEXT_AFTER_HEADLINE,
};
use crate::article::DateSource;
use crate::dom::{AttrName, Dom, Kind, NodeId, Tag, NONE};
use crate::text::normalize_space;
use chrono::Datelike;

/// A chosen date and where it came from.
pub(super) type Dated = Option<(When, DateSource)>;

/// Visible text read after the headline for the article's date line, in bytes.
const HEADER_AFTER: usize = 1200;
/// Visible text read before the headline (breadcrumbs, kicker, date line), in bytes.
const HEADER_BEFORE: usize = 250;
/// Nodes walked back from the headline for [`HEADER_BEFORE`].
const HEADER_BEFORE_NODES: usize = 300;
/// A text longer than this is a paragraph: the header ends at the second one.
const LONG_TEXT: usize = 150;
/// Of a paragraph, only this many bytes are read (a dateline: "Berlin, 5. März 2024 –").
const DATELINE: usize = 48;
/// Ancestors looked at to tell furniture (comments, sidebars) from the article.
const FURNITURE_DEPTH: usize = 24;
/// The same on pages without a headline (whose layout is unknown).
const FURNITURE_DEPTH_ALONE: usize = 6;
/// At most this many dates are read from each header text.
const HEADER_DATES: usize = 12;

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

/// Dates written in the article's header (the visible text around the headline): those
/// after the headline in order, then those before it, nearest first.
#[derive(Default, Debug, Clone)]
struct Header {
    dates: Vec<HeaderDate>,
}

#[derive(Debug, Clone, Copy)]
struct HeaderDate {
    when: When,
    label: Label,
    /// Written after the headline (else before it: breadcrumbs, edition dates).
    after: bool,
    /// Read from the start of a paragraph (a dateline: "Berlin, 5. März 2024 –"), which
    /// may as well be a date the story talks about.
    dateline: bool,
}

impl Header {
    fn first(&self, label: Label) -> Option<HeaderDate> {
        self.dates.iter().find(|d| d.label == label).copied()
    }

    /// The dates not labelled as modifications.
    fn shown(&self) -> impl Iterator<Item = &HeaderDate> {
        self.dates.iter().filter(|d| d.label != Label::Modified)
    }
}

/// Chooses `(published, modified)`.
///
/// 1. Structured candidates: the published date from JSON-LD, then meta tags, then
///    microdata; the modified date likewise.
/// 2. The header dates ([`header_dates`]) around the headline (the first `<h1>`, or a
///    later one when only that one is part of the page's title, or without `<h1>` the
///    `itemprop="headline"` element, else an `<h2>` that is the page's title), with their
///    labels, read
///    so that numeric dates agree with the structured ones when either day/month order
///    allows it.
/// 3. A structured date the header does not show gives way to another structured value
///    (meta tag, microdata) or `<time>` on a day the header shows; when the header shows
///    the neighbouring day, to another structured value for the same moment written in
///    the page's zone ([`shown_alternative`]).
/// 4. The structured date against the header: [`against_header`]; a header that shows
///    only the page's update, from two days to two years after the structured date,
///    dates the page by it ([`shows_only_update`]).
/// 5. Without a structured date: the header's publication or plain date (one not read
///    from the start of a paragraph first), then `<time>`
///    elements, then date-like elements near the headline (outside furniture; their text
///    with spaces between elements, dates labelled as something else skipped, then
///    timestamp attributes such as `title` or `data-timestamp`).
/// 6. A full date in the URL path overrides a date on another day (unless the header
///    confirms the structured date): the candidate on the URL's day, else the URL date.
///    A visible date in another month than a `/YYYY/MM/` URL gives way to a structured
///    date in that month.
/// 7. Last resorts: a header date labelled as a modification, the visible text outside
///    comments (after the headline, then the whole page: [`first_article_date`]; a plain
///    date found there, which may be one the text talks about, gives way to the page's
///    update stamp at its end: [`tail_stamp`]), the modified date, a publication date
///    held as data by the page's scripts
///    ([`script_date`], reported as `script`), the date in the main image's URL.
///
/// The modified date is the structured one, else a header date labelled as a
/// modification, else the update stamp at the page's end when it was read, and is dropped
/// when it is before the published date.
pub(super) fn choose(dom: &Dom, f: &Found<'_>, ld: &Ld, cx: &Context<'_>) -> (Dated, Dated) {
    let reference = cx.reference;
    let ok = |w: &When| w.plausible(reference);
    let month_first = month_first(f);
    let headline = headline(dom, f, cx.headline);
    let cx = &Context { headline, ..*cx };
    let s_pub = structured_published(dom, f, ld, cx);
    let s_mod = structured_modified(dom, f, ld, cx);
    let url = url_date(f, cx.page_url).filter(ok);

    let header = cx.headline.map_or_else(Header::default, |h| {
        let texts = (text_after(dom, h), text_before(dom, h));
        let hd = header_dates(&texts, month_first, reference);
        // Numeric dates read the other way round when that agrees with the
        // structured data or the URL.
        let known: Vec<When> = [s_pub.map(|(w, _)| w), s_mod.map(|(w, _)| w), url]
            .into_iter()
            .flatten()
            .collect();
        let agrees = |hd: &Header| {
            hd.shown()
                .any(|v| known.iter().any(|k| near_day(k, &v.when)))
        };
        if !known.is_empty() && !hd.dates.is_empty() && !agrees(&hd) {
            let other = header_dates(&texts, !month_first, reference);
            if agrees(&other) {
                return other;
            }
        }
        hd
    });
    // The first date the header shows as the article's (labelled as the publication or
    // not labelled), one not read from the start of a paragraph (a dateline, which may
    // be a date the story talks about) first.
    let as_article = |v: &&HeaderDate| matches!(v.label, Label::Published | Label::None);
    let shown = header
        .dates
        .iter()
        .filter(as_article)
        .find(|v| !v.dateline)
        .or_else(|| header.dates.iter().find(as_article))
        .copied();
    let header_modified = header.first(Label::Modified).map(|d| d.when);
    // A structured date the header does not show gives way to another structured date
    // (or `<time>`) that the header shows.
    let shows = |s: &When, same_day: bool| {
        header.shown().any(|v| {
            if same_day {
                v.when.date == s.date
            } else {
                near_day(s, &v.when)
            }
        })
    };
    let s_pub = match s_pub {
        Some(s) if !header.dates.is_empty() && !shows(&s.0, false) => {
            shown_alternative(dom, f, &header, reference, |_| true).or(Some(s))
        }
        // The header shows the neighbouring day: the same moment written in the page's
        // zone by another structured value (`<time datetime="...-05:00">`) gives that day.
        Some(s) if s.0.offset.is_some() && !shows(&s.0, true) && shows(&s.0, false) => {
            let moment = s.0.approx_unix();
            let same = |w: &When| w.offset.is_some() && w.approx_unix() == moment;
            shown_alternative(dom, f, &header, reference, same).or(Some(s))
        }
        other => other,
    };
    let weak = s_pub.is_some_and(|(_, src)| src == DateSource::Meta) && weak_meta(f, reference);
    let mut published: Dated = match s_pub {
        Some(s) => Some(against_header(s, &header, s_mod, weak)),
        None => shown.map(|v| (v.when, DateSource::Text)),
    };
    // A header that shows only the page's update ("Last updated: Aug 19, 2025"), a few
    // days to two years after the structured publication, dates the page by it.
    if let (Some((p, _)), Some(m), Some(_)) = (published, header_modified, s_pub) {
        if shows_only_update(&header, &p, &m) {
            published = Some(
                s_mod
                    .filter(|(w, _)| w.date == m.date)
                    .unwrap_or((m, DateSource::Text)),
            );
        }
    }
    let mut time = None;
    if published.is_none() {
        time = time_element(dom, f, cx.headline, reference);
        published = time.map(|w| (w, DateSource::Time));
    }
    if published.is_none() {
        published = dated_element(dom, f, cx.headline, month_first, reference)
            .map(|w| (w, DateSource::Text));
    }
    if let Some(u) = url {
        // The URL does not override a structured date the header shows.
        let confirmed = |(w, src): (When, DateSource)| {
            s_pub.is_some_and(|(s, _)| s == w)
                && src != DateSource::Text
                && header.dates.iter().any(|v| v.when.date == w.date)
        };
        if published.is_none_or(|p| p.0.date != u.date && !confirmed(p)) {
            if time.is_none() {
                time = time_element(dom, f, cx.headline, reference);
            }
            let candidates = [
                s_pub,
                shown.map(|v| (v.when, DateSource::Text)),
                time.map(|w| (w, DateSource::Time)),
                header_modified.map(|w| (w, DateSource::Text)),
                s_mod,
            ];
            published = candidates
                .into_iter()
                .flatten()
                .find(|(w, _)| w.date == u.date)
                .or(Some((u, DateSource::Url)));
        }
    }
    // A visible date in another month than the URL's `/2019/10/` (a related story's)
    // does not override a structured date in that month.
    if let (Some((p, DateSource::Text)), Some((s, src))) = (published, s_pub) {
        let month = |w: &When| (w.date.year(), w.date.month());
        if let Some(ym) = f.canonical.or(cx.page_url).and_then(dates::month_from_url) {
            if month(&p) != ym && month(&s) == ym {
                published = Some((s, src));
            }
        }
    }
    if published.is_none() {
        published = header_modified.map(|w| (w, DateSource::Text));
    }
    // The page's update stamp at its end, when read.
    let mut stamp = None;
    if published.is_none() {
        // Visible text: after the headline, then the page from the top.
        let starts = [
            cx.headline
                .map(|h| (dom.skip_subtree(h, Dom::ROOT), MAX_TEXT_AFTER_HEADLINE)),
            dom.find(Tag::Body).map(|b| (b, MAX_PAGE_TEXT)),
        ];
        let mut plain = false;
        for (start, budget) in starts.into_iter().flatten() {
            let text = text_outside_comments(dom, start, budget);
            if let Some((w, is_plain)) = first_article_date(&text, month_first, reference) {
                published = Some((w, DateSource::Text));
                plain = is_plain;
                break;
            }
        }
        // A plain date may be one the text talks about: the page's update stamp at its
        // end ("Last updated: ...", "Stand: ...") is the page's own.
        if plain {
            stamp = tail_stamp(dom, month_first, reference);
            published = stamp.map(|w| (w, DateSource::Text)).or(published);
        }
    }
    if published.is_none() {
        // A page that only says when it was modified was published no later.
        published = s_mod;
    }
    if published.is_none() {
        // The page's own data in scripts (`"publishedDate":"2016-11-04T20:37:27Z"`).
        published = script_date(dom, reference).map(|w| (w, DateSource::Script));
    }
    if published.is_none() {
        // Last resort: the date in the path of the page's main image.
        published = f
            .metas
            .iter()
            .filter(|(k, _)| k == "og:image" || k == "twitter:image")
            .find_map(|(_, v)| dates::from_url(v))
            .map(|d| When {
                date: d,
                time: None,
                offset: None,
            })
            .filter(ok)
            .map(|w| (w, DateSource::Url));
    }

    let mut modified = s_mod.or(header_modified.or(stamp).map(|w| (w, DateSource::Text)));
    if let (Some((m, _)), Some((p, _))) = (modified, published) {
        if m.approx_unix() < p.approx_unix() - 86_400 {
            modified = None;
        }
    }
    (published, modified)
}

/// The headline: the first `<h1>`, unless it is not part of the page's title and a later
/// one is (the first is then an accessibility heading such as "Navigation"); on a page
/// without `<h1>`, the element marked `itemprop="headline"`, else the first of the
/// first [`H2_HEADLINES`] `<h2>` elements whose text is the page's title or part of it.
fn headline(dom: &Dom, f: &Found<'_>, first: Option<NodeId>) -> Option<NodeId> {
    if first.is_none() {
        // No `<h1>`: the element marked as the headline (`itemprop="headline"`).
        return f
            .itemprops
            .iter()
            .find(|(p, _)| p == "headline")
            .map(|&(_, id)| id)
            .or_else(|| h2_headline(dom, f));
    }
    if f.h1s.len() < 2 {
        return first;
    }
    let titles: Vec<&str> = title_tags(f).collect();
    let in_title = |t: &str| titles.iter().any(|x| x.contains(t));
    if f.h1s.first().is_some_and(|(_, t)| in_title(t)) {
        return first;
    }
    f.h1s
        .iter()
        .skip(1)
        .find(|(_, t)| in_title(t))
        .map_or(first, |&(id, _)| Some(id))
}

/// The page's `<title>` and its `og:title` values.
fn title_tags<'a>(f: &'a Found<'_>) -> impl Iterator<Item = &'a str> {
    f.doc_title.as_deref().into_iter().chain(
        f.metas
            .iter()
            .filter(|(k, _)| k == "og:title")
            .map(|(_, v)| *v),
    )
}

/// `<h2>` elements looked at for the headline of a page without `<h1>`.
const H2_HEADLINES: usize = 8;

/// On a page without `<h1>`: the first `<h2>` (of the first [`H2_HEADLINES`]) whose text,
/// at least 10 bytes, is the page's `<title>` or `og:title` or its start or end (the
/// headline with the site's name after or before it), compared as [`super::title::key`]s.
fn h2_headline(dom: &Dom, f: &Found<'_>) -> Option<NodeId> {
    let titles: Vec<String> = title_tags(f).map(super::title::key).collect();
    if titles.is_empty() {
        return None;
    }
    (0..dom.nodes.len())
        .filter_map(|i| NodeId::try_from(i).ok())
        .filter(|&id| dom.tag(id) == Some(Tag::H2))
        .take(H2_HEADLINES)
        .find(|&id| {
            let t = super::title::key(&bounded_text(dom, id, MAX_SHORT_TEXT));
            t.len() >= 10 && titles.iter().any(|x| x.starts_with(&t) || x.ends_with(&t))
        })
}

/// Whether `10/31/2023`-style dates read month first: pages declaring American English
/// (`en`, `en-US`, or an `en_US` locale), not other English regions.
fn month_first(f: &Found<'_>) -> bool {
    let us = |l: &str| {
        let l = l.trim().to_ascii_lowercase().replace('_', "-");
        l == "en" || l == "en-us"
    };
    match f.html_lang {
        Some(l) if l.trim().len() > 2 => us(l),
        lang => f
            .metas
            .iter()
            .find(|(k, _)| k == "og:locale")
            .map_or_else(|| lang.is_some_and(us), |(_, v)| us(v)),
    }
}

/// Whether `a` and `b` are on the same day, or on neighbouring days with a time on at
/// least one side (the same moment seen in two time zones).
fn near_day(a: &When, b: &When) -> bool {
    let d = (a.date - b.date).num_days().abs();
    d == 0 || (d == 1 && (a.time.is_some() || b.time.is_some()))
}

/// The structured published date `s` against the dates the header shows. The first
/// header date labelled as the publication (when no plain date comes before it) wins
/// unless it agrees with `s`; `s` stands when a plain header date shows its day, or the
/// same moment in the page's zone (then `s` is written in that zone), or a neighbouring
/// day without a time (the same moment seen from another zone); a plain date after the
/// headline (not read from the start of a paragraph: a dateline may be a date the story
/// talks about) wins only over an `s` without a time or from a `weak` meta tag
/// ([`WEAK_KEYS`]), when it is the modified day `s_mod`, or when it has a time on an
/// earlier day than `s`.
fn against_header(
    s: (When, DateSource),
    header: &Header,
    s_mod: Dated,
    weak: bool,
) -> (When, DateSource) {
    let agree = |v: &HeaderDate| {
        if v.when.date == s.0.date {
            Some(s)
        } else {
            same_moment(&s.0, &v.when).map(|w| (w, s.1))
        }
    };
    let shown = || header.dates.iter().filter(|v| v.label != Label::Modified);
    if let Some(v) = shown().find(|v| v.label != Label::Other) {
        if v.label == Label::Published {
            return agree(v).unwrap_or((v.when, DateSource::Text));
        }
    }
    let plain = || header.dates.iter().filter(|v| v.label == Label::None);
    if let Some(w) = plain().find_map(agree) {
        return w;
    }
    // A neighbouring day without a time is the same moment seen in another zone.
    if plain().any(|v| v.when.time.is_none() && near_day(&s.0, &v.when)) {
        return s;
    }
    // A structured date with a time is kept against another plain date, unless that
    // is the structured modified date (the page shows its last revision as its date) or
    // a time on an earlier day (the structured date is then a later revision's).
    match plain().find(|v| v.after && !v.dateline) {
        Some(v)
            if s.0.time.is_none()
                || weak
                || s_mod.is_some_and(|(m, _)| m.date == v.when.date)
                || (v.when.time.is_some() && v.when.date < s.0.date) =>
        {
            (v.when, DateSource::Text)
        }
        _ => s,
    }
}

/// Days after the publication within which an update the header shows alone dates the
/// page: a later stamp is an evergreen page's refresh, its original date the publication.
const UPDATE_SHOWN_DAYS: i64 = 730;

/// Whether the header shows no date but the update `m` (no date labelled as the
/// publication or without a label), from two to [`UPDATE_SHOWN_DAYS`] days after the
/// published date `p` (the day after is the same story's update: a live page).
fn shows_only_update(header: &Header, p: &When, m: &When) -> bool {
    let days = (m.date - p.date).num_days();
    (2..=UPDATE_SHOWN_DAYS).contains(&days)
        && !header
            .dates
            .iter()
            .any(|v| matches!(v.label, Label::Published | Label::None))
}

/// `s` (with a time and offset) written in the zone of `v` (a local time without offset)
/// when both are the same moment to the minute, in a zone of whole quarter hours.
fn same_moment(s: &When, v: &When) -> Option<When> {
    let (st, so, vt) = (s.time?, s.offset?, v.time?);
    if v.offset.is_some() {
        return None;
    }
    let utc = s.date.and_time(st) - chrono::Duration::seconds(i64::from(so));
    let local = v.date.and_time(vt);
    let utc_min = utc.and_utc().timestamp().div_euclid(60);
    let local_min = local.and_utc().timestamp().div_euclid(60);
    let delta = (local_min - utc_min) * 60;
    if delta.abs() > 14 * 3600 || delta % 900 != 0 {
        return None;
    }
    let written = utc + chrono::Duration::seconds(delta);
    Some(When {
        date: written.date(),
        time: Some(written.time()),
        offset: Some(i32::try_from(delta).ok()?),
    })
}

/// The first structured published value (meta tags, microdata, then `<time>` elements)
/// that `keep` accepts, on a day the header shows as the publication or without a label.
fn shown_alternative(
    dom: &Dom,
    f: &Found<'_>,
    header: &Header,
    reference: Option<i64>,
    keep: impl Fn(&When) -> bool,
) -> Dated {
    let shown = |w: &When| {
        keep(w)
            && w.plausible(reference)
            && header
                .dates
                .iter()
                .any(|v| matches!(v.label, Label::Published | Label::None) && v.when.date == w.date)
    };
    let metas = f
        .metas
        .iter()
        .filter(|(k, _)| PUB_KEYS.contains(&k.as_str()) || published_like(k))
        .map(|(_, v)| (*v).to_string())
        .chain(prop_text(dom, f, "datepublished"))
        .filter_map(|v| dates::parse_value(&v))
        .find(shown)
        .map(|w| (w, DateSource::Meta));
    metas.or_else(|| {
        f.times
            .iter()
            .filter_map(|(_, v, _)| dates::parse_value(v))
            .find(shown)
            .map(|w| (w, DateSource::Time))
    })
}

/// Meta tags that hold the publication date, most specific first.
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

/// Meta tags named only `date`: a content system's stamp of the page (its creation, its
/// last change or the time it was served) as often as the article's publication.
const WEAK_KEYS: &[&str] = &["dc.date", "dcterms.date", "date"];

/// Whether the structured published date comes from one of [`WEAK_KEYS`] (the first
/// key of [`PUB_KEYS`] with a plausible value is one of them; there is no JSON-LD date).
fn weak_meta(f: &Found<'_>, reference: Option<i64>) -> bool {
    PUB_KEYS
        .iter()
        .find(|k| {
            f.metas.iter().any(|(mk, v)| {
                mk == *k && dates::parse_value(v).is_some_and(|w| w.plausible(reference))
            })
        })
        .is_some_and(|k| WEAK_KEYS.contains(k))
}

/// Whether a meta tag not in [`PUB_KEYS`] is named like a publication date.
fn published_like(k: &str) -> bool {
    (k.contains("publish") || k.contains("date") || k.contains("created") || k.contains("upload"))
        && !["modif", "updat", "expir", "revis", "valid", "end", "start"]
            .iter()
            .any(|x| k.contains(x))
}

fn structured_published(dom: &Dom, f: &Found<'_>, ld: &Ld, cx: &Context<'_>) -> Dated {
    let ok = |w: &When| w.plausible(cx.reference);
    let structured = |s: &str| dates::parse_value(s).filter(ok);
    let ld_pub = ld.published.clone().or_else(|| {
        (!cx.ld_parsed)
            .then(|| raw_ld_string(cx.scripts, "datePublished"))
            .flatten()
    });
    if let Some(w) = ld_pub.as_deref().and_then(structured) {
        return Some((w, DateSource::JsonLd));
    }
    let meta = PUB_KEYS
        .iter()
        .find_map(|k| {
            f.metas
                .iter()
                .find(|(mk, _)| mk == k)
                .map(|(_, v)| *v)
                .and_then(structured)
        })
        .or_else(|| {
            // Any other meta tag named like a publication date.
            f.metas
                .iter()
                .filter(|(k, _)| published_like(k))
                .find_map(|(_, v)| structured(v))
        })
        .or_else(|| {
            prop_text(dom, f, "datepublished")
                .chain(prop_text(dom, f, "datecreated"))
                .find_map(|s| structured(&s))
        });
    meta.map(|w| (w, DateSource::Meta))
}

fn structured_modified(dom: &Dom, f: &Found<'_>, ld: &Ld, cx: &Context<'_>) -> Dated {
    let ok = |w: &When| w.plausible(cx.reference);
    let structured = |s: &str| dates::parse_value(s).filter(ok);
    let ld_mod = ld.modified.clone().or_else(|| {
        (!cx.ld_parsed)
            .then(|| raw_ld_string(cx.scripts, "dateModified"))
            .flatten()
    });
    if let Some(w) = ld_mod.as_deref().and_then(structured) {
        return Some((w, DateSource::JsonLd));
    }
    [
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
    .or_else(|| prop_text(dom, f, "datemodified").find_map(|s| structured(&s)))
    .map(|w| (w, DateSource::Meta))
}

/// The values of the microdata elements with property `prop` (`content`, `datetime`, or
/// their text).
fn prop_text<'a>(
    dom: &'a Dom,
    f: &'a Found<'_>,
    prop: &'a str,
) -> impl Iterator<Item = String> + 'a {
    f.itemprops
        .iter()
        .filter(move |(p, _)| p == prop)
        .map(move |&(_, id)| {
            dom.attr(id, "content")
                .or_else(|| dom.attr(id, "datetime"))
                .map(str::to_string)
                .unwrap_or_else(|| normalize_space(&bounded_text(dom, id, MAX_SHORT_TEXT)))
        })
}

/// The date in the canonical URL's path, else in the page URL's.
fn url_date(f: &Found<'_>, page_url: Option<&str>) -> Option<When> {
    f.canonical
        .or(page_url)
        .and_then(dates::from_url)
        .or_else(|| page_url.and_then(dates::from_url))
        .map(|d| When {
            date: d,
            time: None,
            offset: None,
        })
}

/// `<time>` elements: marked ones first, else the one nearest the headline.
fn time_element(
    dom: &Dom,
    f: &Found<'_>,
    headline: Option<NodeId>,
    reference: Option<i64>,
) -> Option<When> {
    let mut times: Vec<&(NodeId, String, bool)> = f.times.iter().collect();
    let h = headline.unwrap_or(0);
    let layout = layout_of(dom, headline);
    times.sort_by_key(|(id, _, marked)| (!marked, id.abs_diff(h)));
    times.iter().find_map(|(id, v, _)| {
        if in_furniture(dom, *id, &layout) {
            return None;
        }
        dates::parse_value(v)
            .or_else(|| reference.and_then(|r| dates::relative(v, r)))
            .filter(|w| w.plausible(reference))
    })
}

/// Elements named like dates (class/id), nearest the headline first; not those named as
/// modification dates.
fn dated_element(
    dom: &Dom,
    f: &Found<'_>,
    headline: Option<NodeId>,
    month_first: bool,
    reference: Option<i64>,
) -> Option<When> {
    let h = headline.unwrap_or(0);
    let layout = layout_of(dom, headline);
    let mut dated: Vec<NodeId> = f.dated.clone();
    dated.sort_by_key(|id| id.abs_diff(h));
    dated.iter().find_map(|&id| {
        let ci = class_id(dom, id);
        if ci.contains("update") || ci.contains("modif") || in_furniture(dom, id, &layout) {
            return None;
        }
        let t = spaced_text(dom, id, MAX_SHORT_TEXT);
        if t.len() > MAX_SHORT_TEXT {
            return None;
        }
        labelled_date(&t, month_first, reference)
            .or_else(|| reference.and_then(|r| dates::relative(&t, r)))
            .or_else(|| attr_date(dom, id))
            .filter(|w| w.plausible(reference))
    })
}

/// The first plausible date of a short text not labelled as a modification or as about
/// something else ("Aktuelle Zeit: ...", "Joined ...").
fn labelled_date(text: &str, month_first: bool, reference: Option<i64>) -> Option<When> {
    let found = dates::all_dates(text, month_first, text.len(), HEADER_DATES);
    let mut floor = 0;
    for spot in &found.spots {
        let label = dates::label_before(&found.lower, floor, spot.start);
        floor = spot.end;
        if matches!(label, Label::Published | Label::None) && spot.when.plausible(reference) {
            return Some(spot.when);
        }
    }
    None
}

/// Attributes that hold a machine-readable date on elements that are not `<time>`
/// (`<abbr class="published" title="2013-04-04T18:52:11+00:00">`, `data-timestamp`).
const DATE_ATTRS: &[&str] = &[
    "title",
    "datetime",
    "content",
    "data-timestamp",
    "data-time",
    "data-date",
    "data-utime",
    "data-datetime",
    "data-published",
];

/// The date held by an attribute of `id` ([`DATE_ATTRS`]): an ISO date with its time, or
/// epoch seconds or milliseconds.
fn attr_date(dom: &Dom, id: NodeId) -> Option<When> {
    DATE_ATTRS.iter().find_map(|k| {
        let v = dom.attr(id, k)?.trim();
        let iso = v.len() >= 10
            && v.as_bytes()[..4].iter().all(u8::is_ascii_digit)
            && v.as_bytes()[4] == b'-';
        let epoch = matches!(v.len(), 10 | 13) && v.bytes().all(|b| b.is_ascii_digit());
        if iso || epoch {
            dates::parse_value(v)
        } else {
            None
        }
    })
}

/// Text under `id` (at most about `max` bytes) with a space at every element boundary
/// (`<span>Apr</span><span>04</span><span>2013</span>` reads "Apr 04 2013").
fn spaced_text(dom: &Dom, id: NodeId, max: usize) -> String {
    let mut s = String::new();
    let mut d = dom.node(id).first_child;
    while d != NONE && s.len() <= max {
        match dom.node(d).kind {
            Kind::Element { tag, .. } if skipped(tag) => {
                d = dom.skip_subtree(d, id);
                continue;
            }
            Kind::Element { .. } => s.push(' '),
            _ => {
                if let Some(t) = dom.text(d) {
                    s.push_str(t);
                    s.push(' ');
                }
            }
        }
        d = dom.next_in_order(d, id);
    }
    normalize_space(&s)
}

/// The dates of the article's header, read from `texts`: the visible text after the
/// headline ([`text_after`]), in order, then the text just before it ([`text_before`]),
/// nearest first.
fn header_dates(texts: &(After, String), month_first: bool, reference: Option<i64>) -> Header {
    let mut hd = Header::default();
    read_header(
        &texts.0.text,
        &texts.0.datelines,
        month_first,
        reference,
        true,
        &mut hd,
    );
    let mut before = Header::default();
    read_header(&texts.1, &[], month_first, reference, false, &mut before);
    // Nearest the headline first, but a date labelled as the publication before the
    // others ("Published 10 Feb | 9 Feb | by ..." above the headline).
    before.dates.reverse();
    before.dates.sort_by_key(|d| d.label != Label::Published);
    hd.dates.extend(before.dates);
    hd
}

/// Reads the plausible dates of `text` into `hd`, with their labels.
fn read_header(
    text: &str,
    datelines: &[std::ops::Range<usize>],
    month_first: bool,
    reference: Option<i64>,
    after: bool,
    hd: &mut Header,
) {
    let found = dates::all_dates(text, month_first, text.len(), HEADER_DATES);
    let mut floor = 0;
    for spot in &found.spots {
        let label = dates::label_before(&found.lower, floor, spot.start);
        floor = spot.end;
        if spot.when.plausible(reference) {
            hd.dates.push(HeaderDate {
                when: spot.when,
                label,
                after,
                dateline: datelines.iter().any(|r| r.contains(&spot.start)),
            });
        }
    }
}

/// Whether a subtree holds no visible text worth reading for dates (hidden or
/// non-content elements, image captions, navigation, asides).
fn skipped(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Script
            | Tag::Style
            | Tag::Template
            | Tag::Noscript
            | Tag::Select
            | Tag::Svg
            | Tag::Math
            | Tag::Head
            | Tag::Figure
            | Tag::Figcaption
            | Tag::Nav
            | Tag::Aside
            | Tag::Blockquote
    )
}

/// Visible text after the subtree of `h`, element texts separated by ` | `: at most
/// [`HEADER_AFTER`] bytes, ending at the second paragraph-long text; of paragraph-long
/// texts only the first [`DATELINE`] bytes are read (their spans are
/// [`After::datelines`]).
fn text_after(dom: &Dom, h: NodeId) -> After {
    let mut s = String::new();
    let mut datelines = Vec::new();
    // A date line inside the headline element, after its text
    // (`<h1>Title<br><small>02.02.2022</small></h1>`).
    let mut titled = false;
    for c in dom.children(h).take(16) {
        match dom.tag(c) {
            Some(Tag::Small | Tag::Time | Tag::Span | Tag::Div | Tag::P)
                if titled && s.len() < DATELINE =>
            {
                s.push_str(" | ");
                s.push_str(&spaced_text(dom, c, DATELINE));
            }
            Some(Tag::Br) => titled = true,
            _ => titled |= dom.text(c).is_some_and(|t| !t.trim().is_empty()),
        }
    }
    let mut long = 0;
    let mut d = dom.skip_subtree(h, Dom::ROOT);
    while d != NONE && s.len() < HEADER_AFTER {
        match dom.node(d).kind {
            Kind::Element { tag, .. } if skipped(tag) => {
                d = dom.skip_subtree(d, Dom::ROOT);
                continue;
            }
            Kind::Element { .. } => {
                if !s.ends_with(" | ") {
                    s.push_str(" | ");
                }
            }
            _ => {
                if let Some(t) = dom.text(d) {
                    let t = t.trim();
                    let mut keep = HEADER_AFTER.saturating_sub(s.len());
                    let start = s.len();
                    if t.len() > LONG_TEXT {
                        long += 1;
                        keep = keep.min(DATELINE);
                    }
                    s.push_str(&t[..dates::floor_char(t, keep)]);
                    if t.len() > LONG_TEXT {
                        datelines.push(start..s.len());
                    }
                    s.push(' ');
                    if long >= 2 {
                        break;
                    }
                }
            }
        }
        d = dom.next_in_order(d, Dom::ROOT);
    }
    After { text: s, datelines }
}

/// The visible text after the headline ([`text_after`]).
struct After {
    text: String,
    /// Byte spans of `text` read from the start of a paragraph.
    datelines: Vec<std::ops::Range<usize>>,
}

/// Visible text just before `h` (at most [`HEADER_BEFORE`] bytes over
/// [`HEADER_BEFORE_NODES`] nodes, stopping at a paragraph-long text), in document order.
fn text_before(dom: &Dom, h: NodeId) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let mut len = 0;
    let mut id = h;
    for _ in 0..HEADER_BEFORE_NODES {
        if id == 0 || len >= HEADER_BEFORE {
            break;
        }
        id -= 1;
        if id as usize >= dom.nodes.len() {
            break;
        }
        let Some(t) = dom.text(id) else {
            if matches!(dom.tag(id), Some(Tag::Body | Tag::Head | Tag::Html)) {
                break;
            }
            continue;
        };
        if dom
            .ancestors(id)
            .take(4)
            .any(|a| dom.tag(a).is_some_and(skipped))
        {
            continue;
        }
        let t = t.trim();
        if t.is_empty() {
            continue;
        }
        if t.len() > LONG_TEXT {
            break;
        }
        len += t.len() + 3;
        parts.push(t);
    }
    let mut s = String::new();
    for p in parts.iter().rev() {
        s.push_str(p);
        s.push_str(" | ");
    }
    s
}

/// At most this many dates are read from the page text fallback.
const TEXT_DATES: usize = 64;

/// The page's date from its visible text: the first plausible date labelled as the
/// publication or written with a time (a post's timestamp); else the first labelled as
/// a modification ("Aktualisiert: 30.12.2016", the page's own stamp, rather than a date
/// the running text talks about); else the first date without a label. Dates labelled
/// as something else (a registration, a copyright) are skipped.
///
/// Speed: a long text is first scanned in a window of about [`FIRST_WINDOW`] bytes (cut
/// before a space); a date returned from there that [`dates::TextDates::final_before`]
/// marks as final is the answer the whole text gives. Otherwise the whole text is scanned.
fn first_article_date(
    text: &str,
    month_first: bool,
    reference: Option<i64>,
) -> Option<(When, bool)> {
    if text.len() > 2 * FIRST_WINDOW {
        let cut = memchr::memchr(b' ', &text.as_bytes()[FIRST_WINDOW..]).map(|i| FIRST_WINDOW + i);
        if let Some(cut) = cut.filter(|&c| c < text.len() / 2) {
            let found = dates::all_dates(&text[..cut], month_first, text.len(), TEXT_DATES);
            if let Some((w, true, _)) = first_article_spot(&found, reference) {
                return Some((w, false));
            }
        }
    }
    let found = dates::all_dates(text, month_first, text.len(), TEXT_DATES);
    first_article_spot(&found, reference).map(|(w, _, plain)| (w, plain))
}

/// Bytes of page text [`first_article_date`] scans first.
const FIRST_WINDOW: usize = 2048;

/// [`first_article_date`] on the dates found, whether the choice is final (a date
/// returned early from a spot before [`dates::TextDates::final_before`]; a modified or
/// plain date, taken only after every spot, is final only when the text was not cut,
/// which the caller knows), and whether it is a plain date (no label, no time).
fn first_article_spot(
    found: &dates::TextDates,
    reference: Option<i64>,
) -> Option<(When, bool, bool)> {
    let mut floor = 0;
    let (mut plain, mut modified) = (None, None);
    for spot in &found.spots {
        let label = dates::label_before(&found.lower, floor, spot.start);
        floor = spot.end;
        if !spot.when.plausible(reference) {
            continue;
        }
        match label {
            Label::None if spot.when.time.is_none() => {
                plain = plain.or(Some(spot.when));
            }
            Label::Published | Label::None => {
                return Some((spot.when, spot.start < found.final_before, false))
            }
            Label::Modified => {
                modified = modified.or(Some(spot.when));
            }
            Label::Other => {}
        }
    }
    modified
        .map(|w| (w, false, false))
        .or(plain.map(|w| (w, false, true)))
}

/// Visible text read from the end of the page for its update stamp, in bytes.
const TAIL: usize = 1024;
/// Nodes walked back from the end of the page for [`TAIL`].
const TAIL_NODES: usize = 3000;

/// The page's update stamp at its end: the first date labelled as a modification ("Last
/// updated: ...", "Letzte Änderung: ...", "Stand: ...") in the last [`TAIL`] bytes of
/// visible text (over at most [`TAIL_NODES`] nodes, comment sections left out).
fn tail_stamp(dom: &Dom, month_first: bool, reference: Option<i64>) -> Option<When> {
    let mut parts: Vec<&str> = Vec::new();
    let mut len = 0;
    let last = dom.nodes.len().checked_sub(1)?;
    // Whether an element names a comment section (ASCII case-insensitive).
    let comments = |a: NodeId| {
        ["class", "id"].iter().any(|k| {
            dom.attr(a, k).is_some_and(|v| {
                v.as_bytes()
                    .windows(7)
                    .any(|w| w.eq_ignore_ascii_case(b"comment"))
            })
        })
    };
    // The last parent looked at and whether it is hidden (neighbouring texts share it).
    let mut memo: (NodeId, bool) = (NONE, false);
    for i in (0..=last).rev().take(TAIL_NODES) {
        if len >= TAIL {
            break;
        }
        let Ok(id) = NodeId::try_from(i) else {
            break;
        };
        let Some(t) = dom.text(id) else {
            continue;
        };
        let t = t.trim();
        if t.is_empty() {
            continue;
        }
        let parent = dom.node(id).parent;
        if memo.0 != parent {
            let hidden = dom
                .ancestors(id)
                .take(8)
                .any(|a| dom.tag(a).is_some_and(skipped) || comments(a));
            memo = (parent, hidden);
        }
        if memo.1 {
            continue;
        }
        // Of a long text, its end.
        let t = &t[dates::floor_char(t, (t.len() + len).saturating_sub(TAIL))..];
        len += t.len() + 3;
        parts.push(t);
    }
    let mut text = String::with_capacity(len);
    for p in parts.iter().rev() {
        text.push_str(p);
        text.push_str(" | ");
    }
    // Every date of the text (it is short).
    let found = dates::all_dates(&text, month_first, text.len(), TAIL);
    let mut floor = 0;
    for spot in &found.spots {
        let label = dates::label_before(&found.lower, floor, spot.start);
        let before = &found.lower
            [dates::floor_char(&found.lower, spot.start.saturating_sub(40)).max(floor)..spot.start];
        floor = spot.end;
        // The site's stamp ("Site last updated: ...") is not the page's; a German
        // "Stand: ..." at the page's end is its stamp (in the header it is the
        // article's date line).
        let stamp = (label == Label::Modified && !before.contains("site"))
            || before.trim_end_matches([' ', '|', '[']).ends_with("stand:");
        if stamp && spot.when.plausible(reference) {
            return Some(spot.when);
        }
    }
    None
}

/// Visible text in document order from `start` to the end of the page (at most about
/// `max` bytes), with ` | ` between elements, leaving out hidden and non-content
/// subtrees and comment sections.
fn text_outside_comments(dom: &Dom, start: NodeId, max: usize) -> String {
    let mut s = String::new();
    let mut d = start;
    while d != NONE && s.len() < max {
        match dom.node(d).kind {
            Kind::Element { tag, .. } => {
                let comments = || element_names_comments(dom, d);
                if matches!(
                    tag,
                    Tag::Script | Tag::Style | Tag::Template | Tag::Noscript | Tag::Select
                ) || comments()
                {
                    d = dom.skip_subtree(d, Dom::ROOT);
                    continue;
                }
                s.push_str(" | ");
            }
            _ => {
                if let Some(t) = dom.text(d) {
                    s.push_str(t);
                }
            }
        }
        d = dom.next_in_order(d, Dom::ROOT);
    }
    s
}

/// Whether lower-cased `class`/`id` text holds `comment`, `respond` or `reply`: one
/// pass over the positions of `c` and `r` instead of three substring searches.
pub(super) fn names_comments(ci: &str) -> bool {
    let b = ci.as_bytes();
    memchr::memchr2_iter(b'c', b'r', b).any(|i| {
        let rest = &b[i..];
        rest.starts_with(b"comment") || rest.starts_with(b"respond") || rest.starts_with(b"reply")
    })
}

/// [`names_comments`] of an element's lower-cased `class` and `id` (as
/// [`class_id_into`] writes them: no keyword spans the space between the two), read from
/// the attribute values in one pass, compared ASCII case-insensitively, without a copy.
fn element_names_comments(dom: &Dom, id: NodeId) -> bool {
    const CLASS: AttrName = AttrName::new("class");
    const ID: AttrName = AttrName::new("id");
    let (mut class, mut idv) = (None, None);
    for a in dom.attr_list(id) {
        let slot = if a.is(CLASS) {
            &mut class
        } else if a.is(ID) {
            &mut idv
        } else {
            continue;
        };
        if slot.is_none() {
            *slot = Some(dom.value(a));
        }
    }
    class.is_some_and(value_names_comments) || idv.is_some_and(value_names_comments)
}

/// [`names_comments`] of `v` lower-cased (ASCII), without lower-casing a copy.
fn value_names_comments(v: &str) -> bool {
    let b = v.as_bytes();
    let at = |i: usize, k: &[u8]| {
        b.get(i..i + k.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(k))
    };
    // `| 0x20` maps only `C` and `c` to `c` (and `R`, `r` to `r`).
    (0..b.len()).any(|i| match b[i] | 0x20 {
        b'c' => at(i, b"comment"),
        b'r' => at(i, b"respond") || at(i, b"reply"),
        _ => false,
    })
}

/// Whether `id` sits in page furniture whose dates are not the article's: comments,
/// sidebars and widgets, lists of related articles, navigation. Elements holding the
/// headline (`layout`: the headline's ancestors) are the page's layout, not furniture;
/// without a headline only the nearest ancestors are looked at.
fn in_furniture(dom: &Dom, id: NodeId, layout: &[NodeId]) -> bool {
    let depth = if layout.is_empty() {
        FURNITURE_DEPTH_ALONE
    } else {
        FURNITURE_DEPTH
    };
    let mut ci = String::new();
    std::iter::once(id)
        .chain(dom.ancestors(id))
        .take(depth)
        .any(|a| {
            if layout.contains(&a) {
                return false;
            }
            match dom.tag(a) {
                Some(Tag::Aside | Tag::Nav) => return true,
                // Their classes describe the page's layout ("has-sidebar").
                Some(Tag::Html | Tag::Body | Tag::Main) | None => return false,
                _ => {}
            }
            // A class or id starting with the word ("comment-meta", "sidebar"), not
            // one that merely mentions it ("no-sidebar", "layout-with-sidebar").
            class_id_into(dom, a, &mut ci);
            ci.split_ascii_whitespace().any(|t| {
                ["comment", "widget", "sidebar", "related"]
                    .iter()
                    .any(|k| t.starts_with(k))
            })
        })
}

/// Keys of publication dates in the data that scripts embed (application state, JSON
/// that is not JSON-LD), most specific first.
const SCRIPT_KEYS: &[&str] = &[
    "datePublished",
    "publishedDate",
    "publishDate",
    "publicationDate",
    "published_at",
    "publishedAt",
];

/// Bytes of script text searched for [`SCRIPT_KEYS`].
const SCRIPT_BYTES: usize = 2 << 20;

/// The first publication date that the page's scripts hold under one of [`SCRIPT_KEYS`]
/// (`"publishedDate":"2016-11-04T20:37:27Z"`, also inside escaped JSON strings): in
/// document order, a script's first key of the list that has a plausible value; then the
/// same in attribute values holding JSON. At most [`SCRIPT_BYTES`] of script text and
/// attribute values are searched.
fn script_date(dom: &Dom, reference: Option<i64>) -> Option<When> {
    // One prepared (vectorised) searcher per key: the keys are looked for in up to
    // `SCRIPT_BYTES` of script text, which the standard substring search reads slowly.
    static FINDERS: std::sync::LazyLock<Vec<memchr::memmem::Finder<'static>>> =
        std::sync::LazyLock::new(|| {
            SCRIPT_KEYS
                .iter()
                .map(|k| memchr::memmem::Finder::new(k.as_bytes()))
                .collect()
        });
    let finders = &*FINDERS;
    let mut budget = SCRIPT_BYTES;
    let scripts = (0..dom.nodes.len())
        .map_while(|id| NodeId::try_from(id).ok())
        .filter(|&id| dom.tag(id) == Some(Tag::Script))
        .flat_map(|id| dom.children(id).filter_map(|c| dom.text(c)));
    // The same data as JSON held by attributes (`data-props="{&quot;datePublished&quot;:
    // ...}"`, entity-decoded by the parser), in document order, after the scripts.
    let attributes = dom
        .attrs
        .iter()
        .map(|a| dom.value(a))
        .filter(|v| v.len() >= 32 && memchr::memchr(b'{', v.as_bytes()).is_some());
    for text in scripts.chain(attributes) {
        if budget == 0 {
            break;
        }
        let t = &text[..dates::floor_char(text, budget)];
        budget -= t.len();
        let found = SCRIPT_KEYS.iter().zip(finders).find_map(|(k, f)| {
            keyed_values_with(t, k, f)
                .filter_map(dates::parse_value)
                .find(|w| w.plausible(reference))
        });
        if found.is_some() {
            return found;
        }
    }
    None
}

/// The string values of `"key": "..."` in `text` (quotes possibly escaped as `\"`), at
/// most 8, each at most 40 bytes.
#[cfg(test)]
fn keyed_values<'t>(text: &'t str, key: &'t str) -> impl Iterator<Item = &'t str> + 't {
    keyed_at(text, key, text.match_indices(key).map(|(at, _)| at))
}

/// [`keyed_values`] with a prepared searcher for `key` (the same matches: the first
/// occurrences that do not overlap, in order).
fn keyed_values_with<'t>(
    text: &'t str,
    key: &'t str,
    finder: &'t memchr::memmem::Finder<'static>,
) -> impl Iterator<Item = &'t str> + 't {
    keyed_at(text, key, finder.find_iter(text.as_bytes()))
}

/// The values after the occurrences of `key` at the byte offsets `at` of `text`.
fn keyed_at<'t>(
    text: &'t str,
    key: &'t str,
    at: impl Iterator<Item = usize> + 't,
) -> impl Iterator<Item = &'t str> + 't {
    at.filter_map(move |at| {
        if !text[..at].ends_with('"') {
            return None;
        }
        let rest = text[at + key.len()..].trim_start_matches(['\\', '"']);
        let rest = rest.trim_start().strip_prefix(':')?.trim_start();
        let rest = rest
            .strip_prefix("\\\"")
            .or_else(|| rest.strip_prefix('"'))?;
        let end = rest.find(['"', '\\'])?;
        (end <= 40).then(|| &rest[..end])
    })
    .take(8)
}

/// The ancestors of the headline (at most [`FURNITURE_DEPTH`] * 4).
fn layout_of(dom: &Dom, headline: Option<NodeId>) -> Vec<NodeId> {
    headline.map_or_else(Vec::new, |h| {
        dom.ancestors(h).take(FURNITURE_DEPTH * 4).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, NaiveTime};

    fn when(d: (i32, u32, u32), t: Option<(u32, u32, u32)>, offset: Option<i32>) -> When {
        When {
            date: NaiveDate::from_ymd_opt(d.0, d.1, d.2).unwrap(),
            time: t.map(|(h, m, s)| NaiveTime::from_hms_opt(h, m, s).unwrap()),
            offset,
        }
    }

    #[test]
    fn same_moment_gives_the_page_zone() {
        let s = when((2023, 11, 9), Some((3, 28, 35)), Some(0));
        let v = when((2023, 11, 8), Some((22, 28, 0)), None);
        let w = same_moment(&s, &v).unwrap();
        assert_eq!(w.iso(), "2023-11-08T22:28:35-05:00");
        // India: +05:30.
        let v = when((2023, 11, 9), Some((8, 58, 0)), None);
        assert_eq!(
            same_moment(&s, &v).unwrap().iso(),
            "2023-11-09T08:58:35+05:30"
        );
        // Not a whole quarter hour apart, or too far: another moment.
        let v = when((2023, 11, 8), Some((22, 35, 0)), None);
        assert!(same_moment(&s, &v).is_none());
        let v = when((2023, 11, 8), Some((3, 28, 0)), None);
        assert!(same_moment(&s, &v).is_none());
        // Either side without a time or with its own offset: nothing to derive.
        assert!(same_moment(&s, &when((2023, 11, 8), None, None)).is_none());
        let v = when((2023, 11, 8), Some((22, 28, 0)), Some(-18000));
        assert!(same_moment(&s, &v).is_none());
    }

    #[test]
    fn date_like_elements_skip_dates_about_something_else() {
        let d = |t: &str| labelled_date(t, false, None).map(|w| w.iso());
        assert_eq!(d("Aktuelle Zeit: 14.10.2020, 12:18"), None);
        assert_eq!(d("Updated 5 March 2018"), None);
        assert_eq!(
            d("Joined 2 May 2001 | Posted 5 March 2018").as_deref(),
            Some("2018-03-05")
        );
        assert_eq!(d("Beitrag » 21.01.2009").as_deref(), Some("2009-01-21"));
    }

    #[test]
    fn comment_names_match_substring_search() {
        for ci in [
            "",
            "comments ",
            "post-comment-list ",
            "respond ",
            "no-reply main ",
            "rep rly correspond ",
            "commen t ",
            "reply",
            "c r ",
            "xcomment",
        ] {
            let reference =
                ci.contains("comment") || ci.contains("respond") || ci.contains("reply");
            assert_eq!(names_comments(ci), reference, "{ci:?}");
        }
    }

    #[test]
    fn element_comment_names_match_the_lower_cased_copy() {
        let html = r#"<div class="Post-COMMENT-list"></div><div id="Respond"></div>
            <div class="a" id="no-REPLY"></div><div class="rep rly" id="correspond"></div>
            <div class="commen" id="t"></div><div class="x" class="comments"></div>
            <div id="a" id="reply"></div><div class="Ç-comment"></div><div class="CoMmEnTs">
            </div><div class="reply-to" id=""></div><p>comment</p><div class="c r"></div>"#;
        let (dom, _) = crate::dom::parse(
            html,
            crate::dom::Limits {
                max_depth: 64,
                max_nodes: 1000,
            },
        );
        let mut ci = String::new();
        let mut checked = 0;
        for i in 0..dom.nodes.len() {
            let id = NodeId::try_from(i).unwrap();
            if dom.tag(id).is_none() {
                continue;
            }
            class_id_into(&dom, id, &mut ci);
            assert_eq!(
                element_names_comments(&dom, id),
                names_comments(&ci),
                "{ci:?}"
            );
            checked += usize::from(names_comments(&ci));
        }
        assert_eq!(checked, 7);
    }

    #[test]
    fn page_text_prefers_timestamps_then_the_update_stamp() {
        let d = |t: &str| first_article_date(t, false, None).map(|(w, _)| w.iso());
        // A date the text talks about gives way to the page's update stamp...
        assert_eq!(
            d("Seit 4. August 2014 gilt das Gesetz. | Aktualisiert: 30.12.2016").as_deref(),
            Some("2016-12-30")
        );
        // ...but not a post's timestamp nor a date labelled as the publication.
        assert_eq!(
            d("by A » Tue Aug 27, 2019 1:47 am | Last edited on Sun Feb 22, 2026").as_deref(),
            Some("2019-08-27T01:47:00")
        );
        assert_eq!(
            d("Letzte Änderung: 31.10.2023 | Erschienen am: 01.11.2023").as_deref(),
            Some("2023-11-01")
        );
        // Without a stamp, the first date.
        assert_eq!(
            d("Am 26. Mai 2013 und am 28. September 2014").as_deref(),
            Some("2013-05-26")
        );
    }

    fn stamp_of(html: &str) -> Option<String> {
        let (dom, _) = crate::dom::parse(
            html,
            crate::dom::Limits {
                max_depth: 256,
                max_nodes: 100_000,
            },
        );
        tail_stamp(&dom, false, None).map(|w| w.iso())
    }

    #[test]
    fn update_stamp_at_the_end_of_the_page() {
        let page = |tail: &str| {
            format!(
                "<html><body><h1>A</h1><p>{}</p>{tail}</body></html>",
                "Text on 3 May 2015. ".repeat(200)
            )
        };
        assert_eq!(
            stamp_of(&page("<footer>Last updated: 18 November 2016</footer>")).as_deref(),
            Some("2016-11-18")
        );
        assert_eq!(
            stamp_of(&page("<p id=print>[Stand: 09.10.2017, 01:40 Uhr]</p>")).as_deref(),
            Some("2017-10-09T01:40:00")
        );
        // Only a stamp: not a plain date, nor the site's stamp, nor one in the comments,
        // nor one in a script, nor one before the last 1 KB of text.
        assert_eq!(stamp_of(&page("<footer>18 November 2016</footer>")), None);
        assert_eq!(
            stamp_of(&page(
                "<footer>Site last updated: 18 November 2016</footer>"
            )),
            None
        );
        assert_eq!(
            stamp_of(&page(
                "<div class=comments><p>Updated: 18 November 2016</p></div>"
            )),
            None
        );
        assert_eq!(
            stamp_of(&page("<script>x = 'Updated: 18 November 2016'</script>")),
            None
        );
        let early = format!(
            "<html><body><p>Updated: 18 November 2016</p><p>{}</p></body></html>",
            "Text. ".repeat(500)
        );
        assert_eq!(stamp_of(&early), None);
    }

    #[test]
    fn keyed_values_in_script_text() {
        let v = |t: &'static str| keyed_values(t, "publishedDate").collect::<Vec<_>>();
        assert_eq!(
            v(r#"{"publishedDate" : "2016-11-04T20:37:27Z"}"#),
            ["2016-11-04T20:37:27Z"]
        );
        assert_eq!(
            v(r#"JSON.parse("{\"publishedDate\":\"2014-02-02\"}")"#),
            ["2014-02-02"]
        );
        // Another key that ends or starts with it, a value that is not a string, too long.
        assert!(
            v(r#"{"firstPublishedDate":"2016-11-04","publishedDateX":"2016-11-04"}"#).is_empty()
        );
        assert!(v(r#"{"publishedDate":1478291847}"#).is_empty());
        let long = format!(r#"{{"publishedDate":"{}"}}"#, "x".repeat(41));
        assert_eq!(keyed_values(&long, "publishedDate").count(), 0);
        // At most 8 values.
        let many = r#"{"publishedDate":"2016-11-04"}"#.repeat(20);
        assert_eq!(keyed_values(&many, "publishedDate").count(), 8);
        // The prepared searchers find the same values as the standard search.
        let texts = [
            r#"{"datePublished":"2020-01-02","datePublishedatePublished":"x"}"#.to_string(),
            r#"\"publishedAt\":\"2021-05-06\" "publishedAt": "7 May 2021""#.to_string(),
            long.clone(),
            many.clone(),
        ];
        for t in &texts {
            for k in SCRIPT_KEYS {
                let f = memchr::memmem::Finder::new(k.as_bytes());
                assert_eq!(
                    keyed_values(t, k).collect::<Vec<_>>(),
                    keyed_values_with(t, k, &f).collect::<Vec<_>>(),
                    "{t}"
                );
            }
        }
    }

    #[test]
    fn only_an_update_in_the_header() {
        let p = when((2019, 6, 1), Some((9, 0, 0)), Some(0));
        let m = |d: (i32, u32, u32)| when(d, None, None);
        let h = |label| header(&[(m((2020, 5, 6)), Label::Modified, true), (p, label, true)]);
        // Only the update: it dates the page when 2 days to 2 years after.
        let only = header(&[(m((2020, 5, 6)), Label::Modified, true)]);
        assert!(shows_only_update(&only, &p, &m((2020, 5, 6))));
        assert!(shows_only_update(&only, &p, &m((2019, 6, 3))));
        assert!(!shows_only_update(&only, &p, &m((2019, 6, 2))));
        assert!(!shows_only_update(&only, &p, &m((2021, 6, 2))));
        // The header shows another date: a publication or a plain one.
        assert!(!shows_only_update(
            &h(Label::Published),
            &p,
            &m((2020, 5, 6))
        ));
        assert!(!shows_only_update(&h(Label::None), &p, &m((2020, 5, 6))));
        assert!(shows_only_update(&h(Label::Other), &p, &m((2020, 5, 6))));
    }

    #[test]
    fn neighbouring_days_need_a_time() {
        let a = when((2023, 11, 9), Some((3, 0, 0)), Some(0));
        assert!(near_day(&a, &when((2023, 11, 8), None, None)));
        assert!(near_day(&a, &when((2023, 11, 9), None, None)));
        assert!(!near_day(&a, &when((2023, 11, 7), None, None)));
        let d = when((2023, 11, 9), None, None);
        assert!(!near_day(&d, &when((2023, 11, 8), None, None)));
    }

    fn header(dates: &[(When, Label, bool)]) -> Header {
        Header {
            dates: dates
                .iter()
                .map(|&(when, label, after)| HeaderDate {
                    when,
                    label,
                    after,
                    dateline: false,
                })
                .collect(),
        }
    }

    #[test]
    fn structured_date_against_the_header() {
        let s = (
            when((2015, 9, 17), Some((16, 57, 43)), Some(3600)),
            DateSource::Meta,
        );
        let other = when((2015, 12, 25), None, None);
        // A structured time stands against another plain date...
        let h = header(&[(other, Label::None, true)]);
        assert_eq!(against_header(s, &h, None, false), s);
        // ...unless the structured value is a weak meta tag's (`<meta name="date">`)...
        assert_eq!(against_header(s, &h, None, true), (other, DateSource::Text));
        // ...or that date is the modified one, or labelled as the publication.
        let m = Some((
            when((2015, 12, 25), Some((9, 0, 0)), Some(3600)),
            DateSource::Meta,
        ));
        assert_eq!(against_header(s, &h, m, false), (other, DateSource::Text));
        let h = header(&[(other, Label::Published, true)]);
        assert_eq!(
            against_header(s, &h, None, false),
            (other, DateSource::Text)
        );
        // A date-only structured value gives way to the plain header date.
        let d = (when((2015, 9, 17), None, None), DateSource::Meta);
        let h = header(&[(other, Label::None, true)]);
        assert_eq!(
            against_header(d, &h, None, false),
            (other, DateSource::Text)
        );
        // A structured time gives way to a header time on an earlier day (a revision's
        // time), not to one on a later day.
        let earlier = when((2015, 9, 16), Some((21, 25, 0)), None);
        let h = header(&[(earlier, Label::None, true)]);
        assert_eq!(
            against_header(s, &h, None, false),
            (earlier, DateSource::Text)
        );
        let later = when((2015, 9, 18), Some((21, 25, 0)), None);
        let h = header(&[(later, Label::None, true)]);
        assert_eq!(against_header(s, &h, None, false), s);
        // A date before the headline does not override it, an "Updated" one neither.
        let h = header(&[(other, Label::None, false), (other, Label::Modified, true)]);
        assert_eq!(against_header(d, &h, None, false), d);
    }
}
