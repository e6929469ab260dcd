//! Metadata stage: headline, authors, dates (with provenance), language, site name,
//! canonical URL, description, categories, tags, main image and page type.
//!
//! One iterative walk over the tree collects the candidates (meta tags, `<title>`,
//! headings, `<time>`, microdata, bylines, date-like elements, JSON-LD scripts); the
//! submodules clean and choose among them:
//!
//! - [`dates`]: parsing and validation of dates (structured, URL, relative, visible text);
//! - [`authors`]: cleaning and splitting of bylines;
//! - [`title`]: the headline and site-suffix stripping;
//! - [`language`]: detection from the body text, with the declared language as a hint.
//!
//! **Date rule** ([`date_choice`]). Candidates: the structured published date (JSON-LD
//! `datePublished`/`dateCreated`/`uploadDate` of the main article object, else meta tags
//! such as `article:published_time`, else microdata `itemprop=datePublished`), and the
//! *header dates*: the dates written in the visible text after the headline (the first
//! `<h1>`, or a later one when only that one is part of the page's title; without `<h1>`
//! the `itemprop=headline` element, else an `<h2>` that is the title tag or its start or
//! end; a date line
//! inside the `<h1>` after its text counts; up to the second paragraph, skipping
//! captions, quotes, navigation and asides) and just before it, each labelled by the
//! words before it as a publication ("Published", "Veröffentlicht am"), a modification
//! ("Updated", "Aktualisiert", "Mis à jour") or something else ("Joined", "©", "Current
//! time"). A structured date the header does not show gives way to another structured
//! value or `<time>` on a day the header shows (a video's `uploadDate` against the
//! article's meta tag); when the header shows the neighbouring day, to another value for
//! the same moment written in the page's zone. The structured date stands when the
//! header shows its day, or the same moment in the page's zone (then it is written in
//! that zone: a UTC time and a local "10:28 PM" give `-05:00`); a header date labelled as
//! the publication wins over it; a plain header date (not one read from the start of a
//! paragraph, a dateline) wins only over a structured date without a time or from a meta
//! tag named only `date` (`date`, `dc.date`, `dcterms.date`), when it is
//! the structured modified date (the page shows its revision as its date), or when it has
//! a time on an earlier day (the structured date is a later revision's). Without a
//! structured date: the header's publication or plain date (a dateline last), then
//! `<time>` elements, then
//! date-like elements nearest the headline (their `title`/`data-timestamp` attributes as
//! a last resort), both outside comments, widgets, sidebars and related lists. A full
//! date in the URL path (`/2023/10/31/`, or an unambiguous `/29-10-2021`) overrides a
//! published date on another day (unless the header confirms the structured date): the
//! candidate on the URL's day, else the URL date; a visible date in another month than a
//! `/2019/10/` URL gives way to a structured date in that month. Last resorts: a header date labelled as a modification, the
//! page's text outside comments (a date labelled as the publication or with a time, else
//! one labelled as the page's update, "Aktualisiert: 30.12.2016", else the first plain
//! date; a plain date gives way to the page's update stamp in its last 1 KB of text,
//! "Last updated: ...", "Stand: ..."), the modified date, a publication date held as data
//! by the page's scripts
//! (`"publishedDate":"..."`), the date in the main image's URL. Plausible means: a real calendar date, not before 1990, and not
//! after the reference time when one is given ([`crate::Options::with_reference_time`],
//! which also resolves relative dates). The modified date is the structured one, else a
//! header date labelled as a modification, else the update stamp at the page's end when
//! read, and is dropped when before the published date.

mod authors;
mod date_choice;
mod dates;
mod fields;
mod language;
mod title;

use crate::article::{DateSource, PageType};
use crate::dom::{AttrName, Dom, Kind, NodeId, Tag, NONE};
use crate::text::normalize_space;
use serde_json::{Map, Value};

pub(crate) use language::choose as choose_language;
pub(crate) use title::key as text_key;

/// What the metadata stage found. Fields are `None` (or empty) when the page does not say.
#[derive(Debug, Default, Clone)]
pub(crate) struct Meta {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub published_source: Option<DateSource>,
    pub modified: Option<String>,
    pub modified_source: Option<DateSource>,
    /// The declared language (primary subtag); [`choose_language`] refines it from the body.
    pub language: Option<String>,
    pub site_name: Option<String>,
    pub url: Option<String>,
    pub description: Option<String>,
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    pub image: Option<String>,
    pub page_type: Option<PageType>,
    /// The page's parsed JSON-LD (for `articleBody`).
    pub ld: Vec<Value>,
}

/// At most this many candidates of each kind are collected from the tree.
const MAX_CANDIDATES: usize = 64;
/// At most this many categories or tags are kept.
const MAX_LABELS: usize = 50;
/// Visible text scanned after the headline for a date, in bytes.
const MAX_TEXT_AFTER_HEADLINE: usize = 3000;
/// Visible text of the whole page scanned for a date as a last resort, in bytes.
const MAX_PAGE_TEXT: usize = 20_000;
/// Element texts longer than this are not bylines or date lines.
const MAX_SHORT_TEXT: usize = 300;

/// Candidates collected in one walk.
#[derive(Default)]
struct Found<'a> {
    metas: Vec<(String, &'a str)>,
    doc_title: Option<String>,
    h1s: Vec<(NodeId, String)>,
    /// The first four `<h2>`s (their texts are read only on pages without an `<h1>`).
    h2s: Vec<NodeId>,
    canonical: Option<&'a str>,
    image_src: Option<&'a str>,
    html_lang: Option<&'a str>,
    /// `(node, datetime or text, marked as publication date)`.
    times: Vec<(NodeId, String, bool)>,
    /// `itemprop` elements that are not `<meta>`: `(prop, node)`.
    itemprops: Vec<(String, NodeId)>,
    rel_authors: Vec<NodeId>,
    /// Elements classed as a user name (forum and Q&A posters).
    user_names: Vec<NodeId>,
    bylines: Vec<NodeId>,
    dated: Vec<NodeId>,
    articles: usize,
    video: bool,
    /// The JSON-LD scripts, in document order.
    scripts: crate::jsonld::Scripts<'a>,
}

fn class_id(dom: &Dom, id: NodeId) -> String {
    let mut s = String::new();
    class_id_into(dom, id, &mut s);
    s
}

/// Writes the lowercased `class` and `id` of `id` into `s` (cleared first), each followed
/// by a space; lets the per-element walk reuse one buffer.
fn class_id_into(dom: &Dom, id: NodeId, s: &mut String) {
    s.clear();
    for k in ["class", "id"] {
        if let Some(v) = dom.attr(id, k) {
            let start = s.len();
            s.push_str(v);
            s[start..].make_ascii_lowercase();
            s.push(' ');
        }
    }
}

/// `s.trim()` (white space as `char::is_whitespace`), with ASCII white space skipped as
/// bytes: the standard function decodes every character, and the walks over a page's text
/// nodes trim thousands of them.
pub(crate) fn trim(s: &str) -> &str {
    let is_space = |b: &u8| matches!(b, b'\t'..=b'\r' | b' ');
    let b = s.as_bytes();
    let start = b.iter().position(|c| !is_space(c)).unwrap_or(b.len());
    let mut t = &s[start..];
    if t.as_bytes().first().is_some_and(|&c| c >= 0x80) {
        t = t.trim_start();
    }
    let b = t.as_bytes();
    let end = b.iter().rposition(|c| !is_space(c)).map_or(0, |i| i + 1);
    let t = &t[..end];
    if t.as_bytes().last().is_some_and(|&c| c >= 0x80) {
        t.trim_end()
    } else {
        t
    }
}

/// Keywords of an element's `class` and `id`, found in one pass (ASCII case-insensitive,
/// as substrings: `article-byline` has `byline`).
#[derive(Default, Clone, Copy)]
struct ClassWords {
    /// `byline`.
    byline: bool,
    /// `author` (also set by `authority`).
    author: bool,
    /// `authority`.
    authority: bool,
    /// `username`, `user-name`, `user_name` or `poster-name`: see
    /// [`authors::is_user_name_class`].
    user_name: bool,
    /// `date`, `publish`, `posted`, `timestamp`, `dateline`, `byline`, `meta`, `time`,
    /// or the word for a date in other languages: `datum` (German, Dutch, Scandinavian,
    /// Czech, Croatian ...), `fecha` (Spanish).
    dated: bool,
}

impl ClassWords {
    /// The keywords of one class or id value.
    #[inline]
    fn of(v: &[u8]) -> ClassWords {
        let mut w = ClassWords::default();
        w.scan(v);
        w
    }

    fn scan(&mut self, v: &[u8]) {
        // Every keyword starts with four letters: compare four bytes at a time, lower-cased
        // with `| 0x20` (only `X` and `x` give `x` for a letter `x`, so this is exact), and
        // the rest of the keyword with `at`.
        const fn w(k: &[u8; 4]) -> u32 {
            u32::from_le_bytes(*k)
        }
        const AUTH: u32 = w(b"auth");
        const BYLI: u32 = w(b"byli");
        const DATE: u32 = w(b"date");
        const META: u32 = w(b"meta");
        const TIME: u32 = w(b"time");
        const PUBL: u32 = w(b"publ");
        const POST: u32 = w(b"post");
        const USER: u32 = w(b"user");
        const DATU: u32 = w(b"datu");
        const FECH: u32 = w(b"fech");
        let at = |i: usize, k: &[u8]| {
            v.get(i..i + k.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(k))
        };
        // The keywords' first two letters (either case): `NEXT[first byte]` has bit
        // `second byte & 31` set for each keyword starting with them, so other positions
        // are skipped after one table look-up, without assembling and comparing a word
        // (a set bit may be another byte: the match decides).
        const NEXT: [u32; 256] = {
            let mut t = [0u32; 256];
            let mut k = 0;
            let pairs: [&[u8; 2]; 9] = [
                b"au", b"by", b"da", b"me", b"ti", b"pu", b"po", b"us", b"fe",
            ];
            while k < pairs.len() {
                let [a, b] = *pairs[k];
                t[a as usize] |= 1 << (b & 31);
                t[a.to_ascii_uppercase() as usize] |= 1 << (b & 31);
                k += 1;
            }
            t
        };
        for i in 0..v.len().saturating_sub(3) {
            if NEXT[usize::from(v[i])] & (1 << (v[i + 1] & 31)) == 0 {
                continue;
            }
            match u32::from_le_bytes([v[i], v[i + 1], v[i + 2], v[i + 3]]) | 0x2020_2020 {
                AUTH if at(i, b"author") => {
                    self.author = true;
                    self.authority |= at(i, b"authority");
                }
                BYLI if at(i, b"byline") => {
                    self.byline = true;
                    self.dated = true;
                }
                DATE | META | TIME => self.dated = true,
                DATU if at(i, b"datum") => self.dated = true,
                FECH if at(i, b"fecha") => self.dated = true,
                PUBL if at(i, b"publish") => self.dated = true,
                POST => {
                    self.dated |= at(i, b"posted");
                    self.user_name |= at(i, b"poster-name");
                }
                USER => {
                    self.user_name |=
                        at(i, b"username") || at(i, b"user-name") || at(i, b"user_name");
                }
                _ => {}
            }
        }
    }
}

/// At most this many distinct `class` values are remembered by the walk.
const MAX_CLASS_MEMO: usize = 4096;

fn collect(dom: &Dom) -> Found<'_> {
    let mut f = Found::default();
    let mut class_memo: rustc_hash::FxHashMap<&str, ClassWords> = Default::default();
    let mut id = Dom::ROOT;
    while id != NONE {
        let Kind::Element { tag, .. } = dom.node(id).kind else {
            id = dom.next_in_order(id, Dom::ROOT);
            continue;
        };
        match tag {
            Tag::Script => {
                f.scripts.offer(dom, id);
                id = dom.skip_subtree(id, Dom::ROOT);
                continue;
            }
            Tag::Style | Tag::Template | Tag::Svg | Tag::Math => {
                // JSON-LD scripts count wherever they are.
                let mut d = dom.node(id).first_child;
                while d != NONE {
                    f.scripts.offer(dom, d);
                    d = dom.next_in_order(d, id);
                }
                id = dom.skip_subtree(id, Dom::ROOT);
                continue;
            }
            Tag::Meta => {
                // One pass over the attributes for four of the names (the first of a
                // repeated name counts, as with `Dom::attr`); `http-equiv` is longer than
                // an `AttrName` and rarely needed.
                const PROPERTY: AttrName = AttrName::new("property");
                const NAME: AttrName = AttrName::new("name");
                const ITEMPROP: AttrName = AttrName::new("itemprop");
                const CONTENT: AttrName = AttrName::new("content");
                let (mut property, mut name, mut itemprop, mut content) = (None, None, None, None);
                for a in dom.attr_list(id) {
                    let slot = if a.is(CONTENT) {
                        &mut content
                    } else if a.is(PROPERTY) {
                        &mut property
                    } else if a.is(NAME) {
                        &mut name
                    } else if a.is(ITEMPROP) {
                        &mut itemprop
                    } else {
                        continue;
                    };
                    if slot.is_none() {
                        *slot = Some(dom.value(a));
                    }
                }
                let key = property
                    .or(name)
                    .or(itemprop)
                    .or_else(|| dom.attr(id, "http-equiv"));
                if let (Some(k), Some(v)) = (key, content) {
                    if !v.trim().is_empty() && f.metas.len() < 1000 {
                        // `property="og:title twitter:title"` names several keys.
                        for k in k.split_ascii_whitespace().take(4) {
                            f.metas.push((k.to_ascii_lowercase(), v.trim()));
                        }
                    }
                }
            }
            Tag::Title if f.doc_title.is_none() => {
                let t = normalize_space(&title::without_c1_controls(&dom.text_content(id)));
                if !t.is_empty() {
                    f.doc_title = Some(t);
                }
            }
            Tag::H1 if f.h1s.len() < 8 => {
                let t = normalize_space(&title::without_c1_controls(&bounded_text(dom, id, 1000)));
                if !t.is_empty() {
                    f.h1s.push((id, t));
                }
            }
            Tag::H2 if f.h2s.len() < 4 => f.h2s.push(id),
            Tag::Link => {
                let rel = dom.attr(id, "rel").unwrap_or("");
                let has = |w: &str| {
                    rel.split_ascii_whitespace()
                        .any(|x| x.eq_ignore_ascii_case(w))
                };
                let href = dom
                    .attr(id, "href")
                    .map(str::trim)
                    .filter(|h| !h.is_empty());
                if has("canonical") && f.canonical.is_none() {
                    f.canonical = href;
                } else if has("image_src") && f.image_src.is_none() {
                    f.image_src = href;
                }
            }
            Tag::Html if f.html_lang.is_none() => {
                f.html_lang = dom
                    .attr(id, "lang")
                    .or_else(|| dom.attr(id, "xml:lang"))
                    .map(str::trim)
                    .filter(|l| !l.is_empty());
            }
            Tag::Time if f.times.len() < MAX_CANDIDATES => {
                let marked = dom.attr(id, "pubdate").is_some()
                    || dom
                        .attr(id, "itemprop")
                        .is_some_and(|p| p.eq_ignore_ascii_case("datepublished"));
                let v = dom
                    .attr(id, "datetime")
                    .map(str::to_string)
                    .unwrap_or_else(|| normalize_space(&bounded_text(dom, id, MAX_SHORT_TEXT)));
                if !v.is_empty() {
                    f.times.push((id, v, marked));
                }
            }
            Tag::Article => f.articles += 1,
            Tag::Video => f.video = true,
            _ => {}
        }
        if tag != Tag::Meta {
            // One pass over the attributes for the four names every element is asked
            // about (the first of a repeated name counts, as with `Dom::attr`).
            const ITEMPROP: AttrName = AttrName::new("itemprop");
            const REL: AttrName = AttrName::new("rel");
            const CLASS: AttrName = AttrName::new("class");
            const ID: AttrName = AttrName::new("id");
            let (mut itemprop, mut rel, mut class, mut idv) = (None, None, None, None);
            for a in dom.attr_list(id) {
                let slot = if a.is(CLASS) {
                    &mut class
                } else if a.is(ID) {
                    &mut idv
                } else if a.is(ITEMPROP) {
                    &mut itemprop
                } else if a.is(REL) {
                    &mut rel
                } else {
                    continue;
                };
                if slot.is_none() {
                    *slot = Some(dom.value(a));
                }
            }
            if let Some(p) = itemprop {
                if f.itemprops.len() < MAX_CANDIDATES * 4 {
                    for p in p.split_ascii_whitespace() {
                        f.itemprops.push((p.to_ascii_lowercase(), id));
                    }
                }
            }
            if matches!(tag, Tag::A | Tag::Link)
                && f.rel_authors.len() < MAX_CANDIDATES
                && rel.is_some_and(|r: &str| {
                    r.split_ascii_whitespace()
                        .any(|x| x.eq_ignore_ascii_case("author"))
                })
            {
                f.rel_authors.push(id);
            }
            if !matches!(
                tag,
                Tag::Html | Tag::Body | Tag::Img | Tag::Head | Tag::Main
            ) && (class.is_some() || idv.is_some())
            {
                // Class values repeat across a page's elements: each distinct one is
                // scanned once (at most `MAX_CLASS_MEMO` are remembered).
                let mut w = match class {
                    // While there is room, one look-up (hashing the value once) finds or
                    // adds the value's words.
                    Some(c) if class_memo.len() < MAX_CLASS_MEMO => *class_memo
                        .entry(c)
                        .or_insert_with(|| ClassWords::of(c.as_bytes())),
                    Some(c) => class_memo
                        .get(c)
                        .copied()
                        .unwrap_or_else(|| ClassWords::of(c.as_bytes())),
                    None => ClassWords::default(),
                };
                if let Some(v) = idv {
                    w.scan(v.as_bytes());
                }
                if f.bylines.len() < MAX_CANDIDATES && (w.byline || w.author) && !w.authority {
                    f.bylines.push(id);
                }
                if f.user_names.len() < MAX_CANDIDATES / 4 && w.user_name {
                    f.user_names.push(id);
                }
                if f.dated.len() < MAX_CANDIDATES && w.dated {
                    f.dated.push(id);
                }
            }
        }
        id = dom.next_in_order(id, Dom::ROOT);
    }
    f
}

/// Text under `id`, at most about `max` bytes (the walk stops there).
fn bounded_text(dom: &Dom, id: NodeId, max: usize) -> String {
    let mut s = String::new();
    let mut d = dom.node(id).first_child;
    if d == NONE {
        return s;
    }
    while d != NONE && s.len() < max {
        match dom.tag(d) {
            Some(Tag::Script | Tag::Style | Tag::Template) => {
                d = dom.skip_subtree(d, id);
                continue;
            }
            Some(t) if t.is_block() || t == Tag::Br => s.push(' '),
            _ => {}
        }
        if let Some(t) = dom.text(d) {
            s.push_str(t);
        }
        d = dom.next_in_order(d, id);
    }
    s
}

/// What the main JSON-LD object says.
#[derive(Default)]
struct Ld {
    types: Vec<String>,
    headline: Option<String>,
    published: Option<String>,
    modified: Option<String>,
    authors: Vec<String>,
    section: Vec<String>,
    keywords: Vec<String>,
    image: Option<String>,
    description: Option<String>,
    publisher: Option<String>,
    language: Option<String>,
    any_types: Vec<String>,
}

fn type_names(m: &Map<String, Value>) -> Vec<String> {
    match m.get("@type") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// Rank of a schema.org type as the page's main object (higher is better).
fn type_rank(t: &str) -> u8 {
    let t = t.rsplit(['/', ':']).next().unwrap_or(t);
    match t {
        "NewsArticle"
        | "ReportageNews"
        | "AnalysisNewsArticle"
        | "OpinionNewsArticle"
        | "BackgroundNewsArticle"
        | "ReviewNewsArticle"
        | "LiveBlogPosting" => 6,
        "Article"
        | "BlogPosting"
        | "Report"
        | "ScholarlyArticle"
        | "TechArticle"
        | "SatiricalArticle"
        | "SocialMediaPosting"
        | "DiscussionForumPosting"
        | "Review"
        | "Recipe"
        | "HowTo"
        | "Blog" => 5,
        "VideoObject" | "PodcastEpisode" | "AudioObject" => 4,
        "WebPage" | "ItemPage" | "AboutPage" | "FAQPage" | "QAPage" | "ProfilePage" => 2,
        _ => 0,
    }
}

fn str_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => {
            let s = normalize_space(s);
            (!s.is_empty()).then_some(s)
        }
        Value::Number(n) => Some(n.to_string()),
        Value::Array(a) => a.iter().find_map(str_of),
        Value::Object(o) => o.get("@value").and_then(str_of),
        _ => None,
    }
}

fn names_of(
    v: &Value,
    ids: &std::collections::HashMap<&str, String>,
    out: &mut Vec<String>,
    depth: usize,
) {
    if depth > 4 || out.len() >= authors::MAX_AUTHORS {
        return;
    }
    match v {
        Value::String(s) => authors::push_clean(out, s),
        Value::Array(a) => {
            for x in a.iter().take(authors::MAX_AUTHORS * 2) {
                names_of(x, ids, out, depth + 1);
            }
        }
        Value::Object(o) => {
            if let Some(n) = o.get("name") {
                names_of(n, ids, out, depth + 1);
            } else if let (Some(g), Some(f)) = (o.get("givenName"), o.get("familyName")) {
                if let (Some(g), Some(f)) = (str_of(g), str_of(f)) {
                    authors::push_clean(out, &format!("{g} {f}"));
                }
            } else if let Some(Value::String(id)) = o.get("@id") {
                if let Some(n) = ids.get(id.as_str()) {
                    authors::push_clean(out, n);
                }
            }
        }
        _ => {}
    }
}

/// Collects the labels of a JSON-LD `articleSection` or `keywords` value (a string, a
/// comma- or semicolon-separated string, an array, or objects with a `name`).
fn labels_of(v: &Value, kind: fields::LabelKind, out: &mut Vec<String>) {
    match v {
        Value::String(s) => {
            for l in fields::list(s, kind) {
                push_unique(out, l);
            }
        }
        Value::Array(a) => {
            for x in a.iter().take(MAX_LABELS) {
                labels_of(x, kind, out);
            }
        }
        Value::Object(o) => {
            if let Some(n) = o.get("name") {
                labels_of(n, kind, out);
            }
        }
        _ => {}
    }
}

/// Adds the label `s` once cleaned ([`fields::label`]), unless refused.
fn push_label(out: &mut Vec<String>, s: &str, kind: fields::LabelKind) {
    if out.len() < MAX_LABELS {
        if let Some(l) = fields::label(s, kind) {
            push_unique(out, l);
        }
    }
}

/// Adds an already cleaned label unless the list is full or holds it (ASCII case aside).
fn push_unique(out: &mut Vec<String>, l: String) {
    if out.len() < MAX_LABELS && !out.iter().any(|o| o.eq_ignore_ascii_case(&l)) {
        out.push(l);
    }
}

fn image_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().find_map(image_of),
        Value::Object(o) => o
            .get("url")
            .or_else(|| o.get("contentUrl"))
            .and_then(image_of),
        _ => None,
    }
}

fn read_ld(values: &[Value]) -> Ld {
    let mut ids: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
    let mut best: Option<(u8, &Map<String, Value>)> = None;
    let mut any_types = Vec::new();
    crate::jsonld::for_each_object(values, |m| {
        if let (Some(Value::String(id)), Some(n)) = (m.get("@id"), m.get("name").and_then(str_of)) {
            ids.entry(id.as_str()).or_insert(n);
        }
        let types = type_names(m);
        let rank = types.iter().map(|t| type_rank(t)).max().unwrap_or(0);
        if any_types.len() < 32 {
            any_types.extend(types.iter().cloned());
        }
        if rank > 0 && best.is_none_or(|(r, _)| rank > r) {
            best = Some((rank, m));
        }
    });
    let mut ld = Ld {
        any_types,
        ..Ld::default()
    };
    let Some((_, m)) = best else {
        return ld;
    };
    ld.types = type_names(m);
    ld.headline = m.get("headline").and_then(str_of).or_else(|| {
        (type_rank(ld.types.first().map_or("", String::as_str)) >= 4)
            .then(|| m.get("name").and_then(str_of))
            .flatten()
    });
    ld.published = ["datePublished", "dateCreated", "uploadDate"]
        .iter()
        .find_map(|k| m.get(*k).and_then(str_of));
    ld.modified = m.get("dateModified").and_then(str_of);
    for k in ["author", "creator"] {
        if let Some(a) = m.get(k) {
            names_of(a, &ids, &mut ld.authors, 0);
        }
        if !ld.authors.is_empty() {
            break;
        }
    }
    // A Q&A or forum page (`QAPage` whose `mainEntity` is the `Question`): the asker, not
    // the answerers.
    if ld.authors.is_empty() {
        if let Some(Value::Object(e)) = m.get("mainEntity") {
            if let Some(a) = e.get("author") {
                names_of(a, &ids, &mut ld.authors, 0);
            }
        }
    }
    if let Some(s) = m.get("articleSection") {
        labels_of(s, fields::LabelKind::Category, &mut ld.section);
    }
    if let Some(k) = m.get("keywords") {
        labels_of(k, fields::LabelKind::Tag, &mut ld.keywords);
    }
    ld.image = m
        .get("image")
        .or_else(|| m.get("thumbnailUrl"))
        .and_then(image_of);
    ld.description = m.get("description").and_then(str_of);
    ld.publisher = m.get("publisher").and_then(|p| match p {
        Value::Object(o) => o.get("name").and_then(str_of).or_else(|| {
            o.get("@id")
                .and_then(Value::as_str)
                .and_then(|i| ids.get(i).cloned())
        }),
        Value::String(s) => Some(normalize_space(s)),
        _ => None,
    });
    ld.language = m.get("inLanguage").and_then(str_of);
    ld
}

/// The first string value of `"key": "..."` in raw JSON-LD text (for scripts that no
/// repair makes parseable).
fn raw_ld_string(scripts: &[&str], key: &str) -> Option<String> {
    let pat = format!("\"{key}\"");
    for src in scripts {
        if let Some(at) = src.find(&pat) {
            let rest = src[at + pat.len()..].trim_start();
            let Some(rest) = rest.strip_prefix(':') else {
                continue;
            };
            let Some(rest) = rest.trim_start().strip_prefix('"') else {
                continue;
            };
            let Some(end) = rest.find('"') else { continue };
            return Some(rest[..end].to_string());
        }
    }
    None
}

/// Runs the metadata stage (everything except the language decision, which needs the body:
/// see [`choose_language`]).
pub(crate) fn extract(dom: &Dom, page_url: Option<&str>, reference: Option<i64>) -> Meta {
    let mut f = collect(dom);
    let scripts = std::mem::take(&mut f.scripts.out);
    let values = crate::jsonld::parse_scripts(&scripts);
    let ld = read_ld(&values);
    let get = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| {
            f.metas
                .iter()
                .find(|(mk, _)| mk == k)
                .map(|(_, v)| normalize_space(v))
                .filter(|v| !v.is_empty())
        })
    };
    let all = |keys: &[&str]| -> Vec<&str> {
        f.metas
            .iter()
            .filter(|(mk, _)| keys.contains(&mk.as_str()))
            .map(|(_, v)| *v)
            .collect()
    };

    let site_name = get(&["og:site_name", "application-name", "al:android:app_name"])
        .or_else(|| ld.publisher.clone());

    // Title.
    // (An <h2> of a kicker and a headline is looked for only beside a breadcrumb <h1>.)
    let crumb_h1s: Vec<String> = f
        .h1s
        .iter()
        .filter(|&&(id, _)| title::in_breadcrumb(dom, id))
        .map(|(_, t)| t.clone())
        .collect();
    let kicker_h2 = if crumb_h1s.is_empty() {
        None
    } else {
        f.h2s.iter().find_map(|&id| title::kicker_heading(dom, id))
    };
    let title = title::choose(&title::Candidates {
        og: get(&["og:title", "twitter:title"]),
        ld: ld.headline.clone(),
        meta_headline: get(&[
            "headline",
            "dc.title",
            "dc:title",
            "dcterms.title",
            "dcterm:title",
            "sailthru.title",
            "parsely-title",
        ]),
        doc: f.doc_title.clone(),
        h1s: f
            .h1s
            .iter()
            .filter(|&&(id, _)| !title::is_site_heading(dom, id))
            .map(|(id, t)| title::after_hidden_dash(dom, *id).unwrap_or_else(|| t.clone()))
            .collect(),
        site: site_name.clone(),
        site_headings: f
            .h1s
            .iter()
            .filter(|&&(id, _)| title::is_site_heading(dom, id))
            .map(|(_, t)| t.clone())
            .collect(),
        kicker_h1s: f
            .h1s
            .iter()
            .filter(|&&(id, _)| title::has_kicker(dom, id) || title::has_label(dom, id))
            .map(|(_, t)| t.clone())
            .collect(),
        host: page_url.or(f.canonical).and_then(host_label),
        h2s: if f.h1s.is_empty() {
            f.h2s
                .iter()
                .map(|&id| normalize_space(&bounded_text(dom, id, 300)))
                .collect()
        } else {
            Vec::new()
        },
        crumb_h1s,
        kicker_h2,
    });
    let headline_node = f.h1s.first().map(|&(id, _)| id);

    // Dates.
    let (published, modified) = date_choice::choose(
        dom,
        &f,
        &ld,
        &date_choice::Context {
            scripts: &scripts,
            ld_parsed: !values.is_empty(),
            page_url,
            headline: headline_node,
            reference,
        },
    );

    // Authors.
    let authors_list = authors::choose(
        dom,
        &f,
        &ld,
        &[
            site_name.clone(),
            ld.publisher.clone(),
            get(&["og:site_name", "application-name", "twitter:site"]),
            page_url.and_then(host_label),
            f.canonical.and_then(host_label),
        ],
        // The headline's own <h1> (not a logo heading) anchors the byline search.
        f.h1s
            .iter()
            .find(|(_, t)| title.as_ref() == Some(t))
            .or_else(|| {
                f.h1s
                    .iter()
                    .find(|&&(id, _)| !title::is_site_heading(dom, id))
            })
            .map(|&(id, _)| id)
            .or(headline_node),
    );

    // Other fields.
    let declared = f
        .html_lang
        .and_then(language::primary_subtag)
        .or_else(|| {
            get(&["og:locale", "content-language", "language", "dc.language"])
                .and_then(|l| language::primary_subtag(&l))
        })
        .or_else(|| ld.language.as_deref().and_then(language::primary_subtag));
    let url = f
        .canonical
        .map(str::to_string)
        .or_else(|| get(&["og:url"]))
        .and_then(|u| resolve(page_url, &u))
        .or_else(|| page_url.map(str::to_string));
    let description = get(&[
        "og:description",
        "description",
        "twitter:description",
        "dc.description",
    ])
    .or_else(|| ld.description.clone())
    .and_then(|d| fields::description(&d));
    let mut categories = Vec::new();
    for v in all(&[
        "article:section",
        "section",
        "parsely-section",
        "category",
        "dc.subject",
    ]) {
        push_label(&mut categories, v, fields::LabelKind::Category);
    }
    for s in &ld.section {
        push_unique(&mut categories, s.clone());
    }
    let mut tags = Vec::new();
    for v in all(&["article:tag", "og:article:tag"]) {
        push_label(&mut tags, v, fields::LabelKind::Tag);
    }
    for v in all(&["news_keywords", "keywords", "parsely-tags"]) {
        for l in fields::list(v, fields::LabelKind::Tag) {
            push_unique(&mut tags, l);
        }
    }
    for k in &ld.keywords {
        push_unique(&mut tags, k.clone());
    }
    let image = get(&[
        "og:image",
        "og:image:url",
        "og:image:secure_url",
        "twitter:image",
        "twitter:image:src",
    ])
    .or_else(|| ld.image.clone())
    .or_else(|| f.image_src.map(str::to_string))
    .and_then(|u| resolve(page_url, &u));

    let og_type = get(&["og:type"]).map(|t| t.to_ascii_lowercase());
    let page_type = page_type(
        &ld,
        og_type.as_deref(),
        &f,
        published.is_some(),
        !authors_list.is_empty(),
    );

    Meta {
        title,
        authors: authors_list,
        published: published.map(|(w, _)| w.iso()),
        published_source: published.map(|(_, s)| s),
        modified: modified.map(|(w, _)| w.iso()),
        modified_source: modified.map(|(_, s)| s),
        language: declared,
        site_name,
        url,
        description,
        categories,
        tags,
        image,
        page_type,
        ld: values,
    }
}

/// The registrable-looking label of a URL's host (`www.example.co.uk` gives `example`).
fn host_label(url: &str) -> Option<String> {
    let rest = &url[url.find("://")? + 3..];
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let parts: Vec<&str> = host.split('.').collect();
    let n = parts.len();
    if n < 2 {
        return None;
    }
    // A second-level label under a country code (`co.uk`, `com.tr`), not a short name
    // (`www.dw.com`, `www.lto.de`).
    let second_level = [
        "co", "com", "net", "org", "gov", "edu", "ac", "or", "ne", "go", "gob", "nic",
    ];
    let i = if n >= 3 && parts[n - 1].len() == 2 && second_level.contains(&parts[n - 2]) {
        n - 3
    } else {
        n - 2
    };
    Some(parts[i].to_string())
}

/// Page type from JSON-LD and OpenGraph types, then from the page's shape.
fn page_type(
    ld: &Ld,
    og_type: Option<&str>,
    f: &Found<'_>,
    dated: bool,
    authored: bool,
) -> Option<PageType> {
    let short = |t: &String| t.rsplit(['/', ':']).next().unwrap_or(t).to_string();
    let main: Vec<String> = ld.types.iter().map(short).collect();
    let any: Vec<String> = ld.any_types.iter().map(short).collect();
    let has = |v: &[String], n: &[&str]| v.iter().any(|t| n.contains(&t.as_str()));
    if has(&main, &["LiveBlogPosting"]) {
        return Some(PageType::LiveBlog);
    }
    if has(&main, &["VideoObject"]) || og_type.is_some_and(|t| t.starts_with("video")) {
        return Some(PageType::Video);
    }
    if main.iter().any(|t| type_rank(t) >= 5) || og_type == Some("article") {
        return Some(PageType::Article);
    }
    if has(
        &any,
        &[
            "CollectionPage",
            "ItemList",
            "SearchResultsPage",
            "SiteNavigationElement",
        ],
    ) && !dated
    {
        return Some(PageType::Listing);
    }
    if f.articles >= 3 && !dated {
        return Some(PageType::Listing);
    }
    if dated || authored {
        return Some(PageType::Article);
    }
    Some(PageType::Other)
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

    fn meta(html: &str, url: Option<&str>, reference: Option<i64>) -> Meta {
        let (dom, _) = crate::dom::parse(
            html,
            crate::dom::Limits {
                max_depth: 256,
                max_nodes: 100_000,
            },
        );
        extract(&dom, url, reference)
    }

    #[test]
    fn trim_is_str_trim() {
        let parts = [
            "",
            " ",
            "\t",
            "\n",
            "\r",
            "\x0b",
            "\x0c",
            "\u{a0}",
            "\u{85}",
            "\u{2003}",
            "\u{3000}",
            "\u{200b}",
            "a",
            "é",
            "ab c",
            "日本",
            "\u{1f600}",
            "x\u{a0}y",
        ];
        for a in parts {
            for b in parts {
                for c in parts {
                    let s = format!("{a}{b}{c}");
                    assert_eq!(trim(&s), s.trim(), "{s:?}");
                    let s = format!("{a}{b}x{c}{a}");
                    assert_eq!(trim(&s), s.trim(), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn class_words_match_substring_search() {
        for c in [
            "",
            "Article-Byline",
            "authority-box",
            "AUTHOR",
            "post_user_name",
            "postuser-name x",
            "poster-name",
            "metadata",
            "timestamp",
            "dateline",
            "published-at",
            "posted",
            "autho byli dat tim met publis poste",
            "héllo-DATE",
            "dat",
            "xdate",
            "article-datum",
            "DATU",
            "post-fecha",
            "fech",
            "a-b-d-m-p-t-u-META",
            "UserName PosTed",
            "auth",
            "byl",
        ]
        .into_iter()
        .map(str::to_string)
        .chain({
            // Every sequence of three pieces: keywords cut, in mixed case, beside bytes
            // that share a table bit with a keyword's second letter (`5` and `U`).
            let pieces = [
                "au", "AU", "aU", "th", "TH", "or", "ity", "by", "BY", "li", "ne", "da", "DA",
                "te", "tu", "m", "me", "ME", "ta", "ti", "TI", "pu", "PU", "bl", "ish", "po", "st",
                "ed", "er-", "name", "us", "US", "er", "_", "-", "fe", "FE", "cha", "é", "5", "a5",
                "Y", "z",
            ];
            let mut all = Vec::new();
            for a in pieces {
                for b in pieces {
                    for c in pieces {
                        all.push(format!("{a}{b}{c}"));
                    }
                }
            }
            all
        }) {
            let c = c.as_str();
            let w = ClassWords::of(c.as_bytes());
            let l = c.to_ascii_lowercase();
            let has = |k: &str| l.contains(k);
            assert_eq!(w.byline, has("byline"), "{c}");
            assert_eq!(w.author, has("author"), "{c}");
            assert_eq!(w.authority, has("authority"), "{c}");
            assert_eq!(w.user_name, authors::is_user_name_class(&l), "{c}");
            let dated = [
                "date",
                "publish",
                "posted",
                "timestamp",
                "dateline",
                "byline",
                "meta",
                "time",
                "datum",
                "fecha",
            ];
            assert_eq!(w.dated, dated.iter().any(|k| has(k)), "{c}");
        }
    }

    #[test]
    fn meta_keys_as_attribute_look_ups_give_them() {
        let html = r#"<head><meta property="og:title" name="x" content="A">
            <meta name="Description" content=" B "><meta itemprop="datePublished" content="C">
            <meta http-equiv="Content-Language" content="de"><meta content="D" content="E"
            name="n1" name="n2"><meta property="og:title twitter:title" content="F">
            <meta name="empty" content="  "><meta property="p"><meta NAME="UP" CONTENT="G">
            <meta itemprop="i" http-equiv="h" content="H"></head><body><meta name="late"
            content="I"></body>"#;
        let (dom, _) = crate::dom::parse(
            html,
            crate::dom::Limits {
                max_depth: 64,
                max_nodes: 1000,
            },
        );
        let mut want = Vec::new();
        for i in 0..dom.nodes.len() {
            let id = NodeId::try_from(i).unwrap();
            if dom.tag(id) != Some(Tag::Meta) {
                continue;
            }
            let key = dom
                .attr(id, "property")
                .or_else(|| dom.attr(id, "name"))
                .or_else(|| dom.attr(id, "itemprop"))
                .or_else(|| dom.attr(id, "http-equiv"));
            if let (Some(k), Some(v)) = (key, dom.attr(id, "content")) {
                if !v.trim().is_empty() {
                    for k in k.split_ascii_whitespace().take(4) {
                        want.push((k.to_ascii_lowercase(), v.trim()));
                    }
                }
            }
        }
        assert_eq!(collect(&dom).metas, want);
        assert_eq!(want.len(), 10, "{want:?}");
    }

    #[test]
    fn walk_finds_the_same_json_ld_scripts() {
        let html = r#"<head><script type="application/ld+json">{"a":1}</script>
            <script>var x = 1;</script><style>p{}</style></head><body>
            <template><div><script type=" Application/LD+JSON ">{"b":2}</script></div></template>
            <svg><script type="application/ld+json">{"c":3}</script></svg>
            <p>x<script type="application/ld+json"></script>
            <script type="application/ld+json">{"d":4}</script></p></body>"#;
        let (dom, _) = crate::dom::parse(
            html,
            crate::dom::Limits {
                max_depth: 256,
                max_nodes: 100_000,
            },
        );
        let walked = collect(&dom).scripts.out;
        assert_eq!(walked, crate::jsonld::scripts(&dom));
        assert!(walked.contains(&r#"{"d":4}"#), "{walked:?}");
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

    #[test]
    fn json_ld_graph_with_author_reference() {
        let m = meta(
            r##"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
            {"@type":"WebPage","@id":"p"},
            {"@type":"NewsArticle","headline":"Bridge reopens","datePublished":"2024-03-05T08:00:00+01:00",
             "dateModified":"2024-03-06T09:30:00+01:00","author":{"@id":"#ann"},"articleSection":"Local",
             "keywords":["bridges","traffic"]},
            {"@type":"Person","@id":"#ann","name":"Ann Example"}]}</script><h1>Bridge reopens</h1>"##,
            None,
            None,
        );
        assert_eq!(m.title.as_deref(), Some("Bridge reopens"));
        assert_eq!(m.authors, ["Ann Example"]);
        assert_eq!(m.published.as_deref(), Some("2024-03-05T08:00:00+01:00"));
        assert_eq!(m.published_source, Some(DateSource::JsonLd));
        assert_eq!(m.modified.as_deref(), Some("2024-03-06T09:30:00+01:00"));
        assert_eq!(m.categories, ["Local"]);
        assert_eq!(m.tags, ["bridges", "traffic"]);
        assert_eq!(m.page_type, Some(PageType::Article));
    }

    #[test]
    fn meta_then_time_then_url_then_text() {
        let m = meta(
            r#"<meta property="article:published_time" content="2024-03-05">"#,
            None,
            None,
        );
        assert_eq!(m.published_source, Some(DateSource::Meta));
        let m = meta(
            r#"<h1>Headline here</h1><time datetime="2024-03-05T10:00:00Z">5 March</time>"#,
            None,
            None,
        );
        assert_eq!(m.published.as_deref(), Some("2024-03-05T10:00:00+00:00"));
        assert_eq!(m.published_source, Some(DateSource::Time));
        let m = meta(
            "<h1>Headline here</h1>",
            Some("https://x.example/2024/03/05/story"),
            None,
        );
        assert_eq!(m.published.as_deref(), Some("2024-03-05"));
        assert_eq!(m.published_source, Some(DateSource::Url));
        let m = meta(
            "<h1>Headline here</h1><p>Posted on 5 March 2024 by Ann</p>",
            None,
            None,
        );
        assert_eq!(m.published.as_deref(), Some("2024-03-05"));
        assert_eq!(m.published_source, Some(DateSource::Text));
    }

    #[test]
    fn future_date_rejected_given_reference() {
        let html = r#"<meta property="article:published_time" content="2031-01-01"><span class="date">5 March 2024</span><h1>Headline here</h1>"#;
        let m = meta(html, None, Some(1_730_000_000));
        assert_eq!(m.published.as_deref(), Some("2024-03-05"));
        let m = meta(html, None, None);
        assert_eq!(m.published.as_deref(), Some("2031-01-01"));
    }

    #[test]
    fn byline_element() {
        let m = meta(
            r#"<h1>Headline here</h1><div class="article-byline">By Ann Example and Bob Sample</div>"#,
            None,
            None,
        );
        assert_eq!(m.authors, ["Ann Example", "Bob Sample"]);
    }

    #[test]
    fn meta_author_url_ignored() {
        let m = meta(
            r#"<meta name="author" content="https://facebook.com/x">"#,
            None,
            None,
        );
        assert!(m.authors.is_empty());
    }
}
