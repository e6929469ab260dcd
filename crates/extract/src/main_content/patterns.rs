//! Generic signals read off element names, attributes and class/id tokens.
//! Nothing here is keyed to a site: these are the words templates everywhere use.

use crate::dom::{Dom, NodeId, Tag};

/// Elements that never carry article text. MathML (`<math>`) does: its formulas are part
/// of the text, only their `<annotation>` sources are not ([`is_math_annotation`]).
pub(super) fn never_content(tag: Tag) -> bool {
    use Tag::*;
    matches!(
        tag,
        Script
            | Style
            | Template
            | Svg
            | Iframe
            | Object
            | Embed
            | Canvas
            | Video
            | Audio
            | Head
            | Title
            | Meta
            | Link
            | Button
            | Input
            | Select
            | Textarea
            | Option
            | Optgroup
            | Map
            | Area
            | Dialog
            | Base
            | Param
            | Source
            | Track
            | Frame
            | Frameset
            | Noframes
            | Noembed
            | Applet
            | Nav
            | Keygen
            | Progress
            | Meter
            | Output
    )
}

/// A `<button>` that is a heading's whole content (the ARIA accordion pattern,
/// `<h3><button>Question</button></h3>`): its text is the heading's, so it is content.
pub(super) fn is_heading_button(dom: &Dom, id: NodeId, tag: Tag) -> bool {
    tag == Tag::Button && {
        let p = dom.node(id).parent;
        p != crate::dom::NONE && dom.tag(p).and_then(Tag::heading_level).is_some()
    }
}

/// A MathML `<annotation>` or `<annotation-xml>`: the formula's source (TeX, content
/// MathML) next to its presentation, a duplicate in another notation.
pub(super) fn is_math_annotation(dom: &Dom, id: NodeId) -> bool {
    dom.tag(id) == Some(Tag::Other) && {
        let name = dom.tag_name(id);
        name.eq_ignore_ascii_case("annotation") || name.eq_ignore_ascii_case("annotation-xml")
    }
}

/// Hidden by attribute or inline style.
#[cfg(test)]
pub(super) fn is_hidden(dom: &Dom, id: NodeId) -> bool {
    for (name, value) in dom.attrs_of(id) {
        match name {
            // React's streaming SSR sends late content in `<div hidden id="S:n">` and moves it
            // into place with a script: that is the page's content, not a hidden duplicate.
            "hidden" if !dom.attr(id, "id").is_some_and(is_react_segment) => return true,
            "aria-modal" if value.trim().eq_ignore_ascii_case("true") => return true,
            "aria-hidden" if value.trim().eq_ignore_ascii_case("true") => {
                let fallback = dom
                    .attr(id, "class")
                    .is_some_and(|c| c.contains("fallback-image"));
                if !fallback {
                    return true;
                }
            }
            "style" if style_hides(value) => return true,
            "class" if is_box(dom, id) && class_hides(value) => return true,
            _ => {}
        }
    }
    false
}

/// A block container (`div`, `section`, `aside`, `form`): the boxes a `hidden` class
/// hides ([`class_hides`]); a link or an inline element so named is a skip link or an
/// icon label, which says nothing about the text around it.
fn is_box(dom: &Dom, id: NodeId) -> bool {
    matches!(
        dom.tag(id),
        Some(Tag::Div | Tag::Section | Tag::Aside | Tag::Form)
    )
}

/// A class list holding the utility class `hidden` (CSS frameworks' `display: none`) and no
/// responsive or state variant that shows the element again (`md:block`, `lg:flex`: a
/// token with a colon): a template's unused box, such as a sign-in or paywall panel that a
/// script reveals for some readers.
fn class_hides(value: &str) -> bool {
    // A quick look for "hidden" first (most values hold no "h"; a memmem search sets up
    // more than these short values need).
    let b = value.as_bytes();
    memchr::memchr_iter(b'h', b).any(|i| b[i..].starts_with(b"hidden"))
        && value.split_ascii_whitespace().any(|t| t == "hidden")
        && !value.contains(':')
}

/// An inline style with `display:none` or `visibility:hidden` (any case and spacing).
/// Walks the characters other than white space once, keeping the last 17 (ASCII
/// lower-cased, any other character as a byte no needle holds): no allocation per styled
/// element.
fn style_hides(value: &str) -> bool {
    const NEEDLES: [&[u8]; 2] = [b"display:none", b"visibility:hidden"];
    let mut last = [0u8; 17];
    for c in value.chars().filter(|c| !c.is_whitespace()) {
        last.copy_within(1.., 0);
        last[16] = if c.is_ascii() {
            c.to_ascii_lowercase() as u8
        } else {
            0xFF
        };
        if NEEDLES.iter().any(|n| last.ends_with(n)) {
            return true;
        }
    }
    false
}

fn is_react_segment(id: &str) -> bool {
    id.strip_prefix("S:")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// ARIA roles of page furniture.
#[cfg(test)]
pub(super) fn unlikely_role(dom: &Dom, id: NodeId) -> bool {
    dom.attr(id, "role").is_some_and(is_furniture_role)
}

fn is_furniture_role(r: &str) -> bool {
    let r = r.trim();
    [
        "menu",
        "menubar",
        "complementary",
        "navigation",
        "alert",
        "alertdialog",
        "dialog",
    ]
    .iter()
    .any(|w| r.eq_ignore_ascii_case(w))
}

const UNLIKELY: &[&str] = &[
    "-ad-",
    "ai2html",
    "banner",
    "breadcrumbs",
    "combx",
    "comment",
    "community",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "supplemental",
    "ad-break",
    "agegate",
    "pagination",
    "pager",
    "popup",
    "yom-remote",
];

/// Consent managers, cookie banners and sign-up boxes: furniture even when the name
/// also says "content" (`cmp-content`, `cookie-content`). Consent-management platforms
/// are also named by their product names (OneTrust, Sourcepoint, iubenda...), which they
/// put on their banners and on the placeholders shown instead of blocked embeds.
const STRONGLY_UNLIKELY: &[&str] = &[
    "consent",
    "cookie",
    "cmp-",
    "cmp_",
    "onetrust",
    "didomi",
    "usercentrics",
    "sourcepoint",
    "sp_message",
    "qc-cmp",
    "trustarc",
    "iubenda",
    "termly",
    "cmplz",
    "klaro",
    "osano",
    "axeptio",
    "tarteaucitron",
    "gdpr",
    "newsletter",
    "paywall-",
    "modal",
    "popup",
];

const MAYBE: &[&str] = &[
    "and", "article", "body", "column", "content", "main", "mathjax", "shadow",
];

const POSITIVE: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "h-entry",
    "main",
    "page",
    "pagination",
    "post",
    "text",
    "blog",
    "story",
];

const NEGATIVE: &[&str] = &[
    "-ad-",
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "footer",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "widget",
];

/// Content components of a widespread CMS component library (Adobe Experience Manager's
/// core components: `cmp-text`, `cmp-title`, `cmp-accordion`...), whose `cmp-` prefix is
/// not a consent manager's ([`STRONGLY_UNLIKELY`]).
const CONTENT_COMPONENTS: &[&str] = &[
    "cmp-text",
    "cmp-title",
    "cmp-accordion",
    "cmp-tabs",
    "cmp-image",
    "cmp-list",
    "cmp-teaser",
    "cmp-separator",
    "cmp-embed",
    "cmp-button",
];

/// Rewrites the `cmp-` prefix of [`CONTENT_COMPONENTS`] names in a lower-cased class/id
/// value so that only a consent manager's `cmp-` names count as furniture.
fn unmask_components(s: &mut String) {
    if !s.contains("cmp-") {
        return;
    }
    for c in CONTENT_COMPONENTS {
        if s.contains(c) {
            *s = s.replace(c, &c.replacen("cmp-", "component-", 1));
        }
    }
}

#[cfg(test)]
fn lower_class_id(dom: &Dom, id: NodeId) -> Option<String> {
    let class = dom.attr(id, "class").unwrap_or("");
    let ident = dom.attr(id, "id").unwrap_or("");
    if class.is_empty() && ident.is_empty() {
        return None;
    }
    let mut s = String::with_capacity(class.len() + ident.len() + 1);
    s.push_str(class);
    s.push(' ');
    s.push_str(ident);
    s.make_ascii_lowercase();
    unmask_components(&mut s);
    Some(s)
}

/// Class/id name parts of blocks that sit inside or next to an article but are not part of it:
/// teasers for other stories, tag lists, author boxes, recommendation widgets.
const FURNITURE: &[&str] = &[
    "related",
    "teaser",
    "read-more",
    "readmore",
    "author-bio",
    "authorbio",
    "author-info",
    "about-author",
    "author-box",
    "article-tags",
    "post-tags",
    "tag-list",
    "taglist",
    "recommended",
    "most-read",
    "mostread",
    "most-popular",
    "trending",
    "outbrain",
    "taboola",
];

/// Class/id name parts of collapsible panels: accordion sections, tab panels, FAQ answers.
/// Collapsed, they are hidden until the reader opens them, but their text is the page's.
const PANEL: &[&str] = &[
    "accordion",
    "collapse",
    "tabpanel",
    "tab-panel",
    "tab-pane",
    "tab__content",
    "tab-content",
    "faq",
    "answer",
];

/// `role="tabpanel"`, or `role="region"` labelled by another element (`aria-labelledby`):
/// the ARIA accordion pattern, a section's panel labelled by its header button.
fn is_panel_role(r: &str, labelled: bool) -> bool {
    let r = r.trim();
    r.eq_ignore_ascii_case("tabpanel") || labelled && r.eq_ignore_ascii_case("region")
}

#[cfg(test)]
/// Class/id names or role of a collapsible panel (see [`PANEL`]).
pub(super) fn panel(dom: &Dom, id: NodeId) -> bool {
    lower_class_id(dom, id).is_some_and(|s| PANEL.iter().any(|w| s.contains(w)))
        || dom
            .attr(id, "role")
            .is_some_and(|r| is_panel_role(r, dom.attr(id, "aria-labelledby").is_some()))
}

/// What an element's class and id names say, from one scan of each (see [`names`]).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Names {
    /// +25 for content-like names, -25 for boilerplate-like ones (each of class and id).
    pub(super) weight: f32,
    /// Furniture names (menus, comments, sidebars...) not also naming content.
    pub(super) unlikely: bool,
    /// Consent managers, cookie banners, sign-up boxes, modals.
    pub(super) strong: bool,
    /// Teasers, tag lists, author boxes, recommendation widgets.
    pub(super) furniture: bool,
    /// Share bars and buttons.
    pub(super) share: bool,
    /// Hidden by attribute or inline style ([`is_hidden`]).
    pub(super) hidden: bool,
    /// An ARIA role of page furniture ([`unlikely_role`]).
    pub(super) role: bool,
    /// A collapsible panel (accordion, tab, FAQ answer) by class/id ([`PANEL`]) or
    /// role ([`is_panel_role`]).
    pub(super) panel: bool,
}

const L_UNLIKELY: u8 = 1;
const L_STRONG: u8 = 2;
const L_MAYBE: u8 = 4;
const L_POSITIVE: u8 = 8;
const L_NEGATIVE: u8 = 16;
const L_FURNITURE: u8 = 32;
const L_PANEL: u8 = 64;
/// Not a name list: the value holds `share`, `hid` or `cmp-`, so [`judge`] must read its
/// tokens (most values hold none of them and skip that pass).
const L_TOKENS: u8 = 128;
/// The substrings behind [`L_TOKENS`].
const TOKEN_HINTS: &[&str] = &["share", "hid", "cmp-"];

/// One automaton over every name list; each pattern maps to the lists holding it.
static NAME_LISTS: std::sync::LazyLock<(aho_corasick::AhoCorasick, Vec<u8>)> =
    std::sync::LazyLock::new(|| {
        let mut pats: Vec<&str> = Vec::new();
        let mut lists: Vec<u8> = Vec::new();
        for (list, bit) in [
            (UNLIKELY, L_UNLIKELY),
            (STRONGLY_UNLIKELY, L_STRONG),
            (MAYBE, L_MAYBE),
            (POSITIVE, L_POSITIVE),
            (NEGATIVE, L_NEGATIVE),
            (FURNITURE, L_FURNITURE),
            (PANEL, L_PANEL),
            (TOKEN_HINTS, L_TOKENS),
        ] {
            for p in list {
                match pats.iter().position(|q| q == p) {
                    Some(i) => lists[i] |= bit,
                    None => {
                        pats.push(p);
                        lists.push(bit);
                    }
                }
            }
        }
        // A full DFA: a few hundred kilobytes once per process, and several times fewer
        // instructions per byte than the contiguous NFA the default picks for this many
        // patterns (every distinct class and id value of every page is scanned).
        let ac = aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            // The patterns are lower-case ASCII (a test checks): matching them without
            // regard to ASCII case equals matching them in the lower-cased value.
            .ascii_case_insensitive(true)
            .build(&pats)
            .expect("static patterns build");
        (ac, lists)
    });

/// Which name lists match somewhere in `s` (ASCII case does not matter).
fn lists_in(s: &str) -> u8 {
    let (ac, lists) = &*NAME_LISTS;
    let mut bits = 0;
    for m in ac.find_overlapping_iter(s) {
        bits |= lists[m.pattern().as_usize()];
    }
    bits
}

/// What one class or id value says: the name lists it matches, whether it holds the token
/// `hid`, and whether it names a share bar.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Judged {
    bits: u8,
    hid: bool,
    share: bool,
}

/// [`judge_lower`] without lower-casing a copy of the value: one pass over its
/// alphanumeric runs finds the `share` and `hid` tokens and whether it holds `cmp-`
/// (then the value is judged the plain way, [`unmask_components`] rewriting it).
fn judge(v: &str) -> Judged {
    let bits = lists_in(v);
    if bits & L_TOKENS == 0 {
        return Judged {
            bits,
            hid: false,
            share: false,
        };
    }
    let b = v.as_bytes();
    let (mut share, mut hid) = (false, false);
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let t = &b[start..i];
        if t.len() >= 3 && t[t.len() - 3..].eq_ignore_ascii_case(b"cmp") && b.get(i) == Some(&b'-')
        {
            return judge_lower(v);
        }
        share |= t.eq_ignore_ascii_case(b"share") || t.eq_ignore_ascii_case(b"sharedaddy");
        hid |= t.eq_ignore_ascii_case(b"hid")
            && (start == 0 || b[start - 1].is_ascii_whitespace())
            && b.get(i).is_none_or(u8::is_ascii_whitespace);
    }
    Judged {
        bits: bits & !L_TOKENS,
        hid,
        share,
    }
}

/// The definition of [`judge`]: on the lower-cased value, its [`CONTENT_COMPONENTS`]
/// unmasked, the name lists, the whitespace-separated token `hid` and the alphanumeric
/// tokens `share` / `sharedaddy`.
fn judge_lower(v: &str) -> Judged {
    let mut s = v.to_ascii_lowercase();
    unmask_components(&mut s);
    Judged {
        bits: lists_in(&s) & !L_TOKENS,
        hid: is_hid_token(&s),
        share: s
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|t| t == "share" || t == "sharedaddy"),
    }
}

/// Combines the judgements of an element's class and id (in that order).
fn combine(values: [Option<Judged>; 2]) -> Names {
    let mut out = Names::default();
    let mut bits = 0u8;
    for j in values.into_iter().flatten() {
        if j.bits & L_NEGATIVE != 0 || j.hid {
            out.weight -= 25.0;
        }
        if j.bits & L_POSITIVE != 0 {
            out.weight += 25.0;
        }
        out.share |= j.share;
        bits |= j.bits;
    }
    out.strong = bits & L_STRONG != 0;
    out.unlikely = out.strong || bits & L_UNLIKELY != 0 && bits & L_MAYBE == 0;
    out.furniture = bits & L_FURNITURE != 0;
    out.panel = bits & L_PANEL != 0;
    out
}

/// All the class/id judgements of an element at once (Readability's class weight, unlikely
/// candidates, consent/sign-up furniture, teaser furniture, share bars), with one
/// lower-casing and one automaton scan per attribute. The tests check it against the
/// plain one-list-at-a-time definitions.
#[cfg(test)]
pub(super) fn names(dom: &Dom, id: NodeId) -> Names {
    let mut n =
        combine(["class", "id"].map(|a| dom.attr(id, a).filter(|v| !v.is_empty()).map(judge)));
    n.hidden = is_hidden(dom, id);
    n.role = unlikely_role(dom, id);
    n.panel |= dom
        .attr(id, "role")
        .is_some_and(|r| is_panel_role(r, dom.attr(id, "aria-labelledby").is_some()));
    n
}

/// The judgement of an element's class and id read without the word "newsletter", when
/// they hold it and that word alone made the element sign-up furniture (no consent manager,
/// modal or other strong word besides): for a newsletter issue, whose long text is the
/// page's content (see `main_content::relieve_long_newsletters`).
pub(super) fn without_newsletter(dom: &Dom, id: NodeId, names: Names) -> Option<Names> {
    let read = |a: &str| -> Option<(String, bool)> {
        let v = dom.attr(id, a).filter(|v| !v.is_empty())?;
        let s = v.to_ascii_lowercase();
        let had = s.contains("newsletter");
        Some((s.replace("newsletter", " "), had))
    };
    let (class, ident) = (read("class"), read("id"));
    if !class.iter().chain(&ident).any(|(_, had)| *had) {
        return None;
    }
    let mut n = combine([class, ident].map(|v| v.map(|(s, _)| judge(&s))));
    if n.strong {
        return None;
    }
    n.hidden = names.hidden;
    n.role = names.role;
    Some(n)
}

/// [`names`] of every node (elements without class or id, and other nodes, get the
/// default: weight 0, no flags), plus whether it is hidden and its ARIA role is furniture,
/// indexed by node id. Each distinct class or id value of
/// the page is judged once (templates repeat them).
pub(super) fn all_names<'a>(dom: &'a Dom) -> Vec<Names> {
    // About one distinct value per eight nodes: sized once instead of growing by rehashing.
    // Each value also remembers whether, as a class, it hides ([`class_hides`]): asked of
    // every classed box, answered once per distinct value.
    let mut memo: rustc_hash::FxHashMap<&'a str, (Judged, bool)> =
        rustc_hash::FxHashMap::with_capacity_and_hasher(
            (dom.nodes.len() / 8).min(4096),
            Default::default(),
        );
    let mut judged = |v: Option<&'a str>| -> Option<(Judged, bool)> {
        let v = v.filter(|v| !v.is_empty())?;
        Some(*memo.entry(v).or_insert_with(|| (judge(v), class_hides(v))))
    };
    (0..dom.nodes.len() as NodeId)
        .map(|id| {
            if dom.tag(id).is_none() {
                return Names::default();
            }
            // One walk over the attributes (the first of a repeated name counts, as in
            // `Dom::attr`; any hiding one hides, as in `is_hidden`).
            let (mut class, mut ident, mut role) = (None, None, None);
            let (mut hidden_attr, mut aria_hidden, mut hides) = (false, false, false);
            let mut labelled = false;
            for (name, value) in dom.attrs_of(id) {
                match name {
                    "class" => _ = class.get_or_insert(value),
                    "id" => _ = ident.get_or_insert(value),
                    "role" => _ = role.get_or_insert(value),
                    "hidden" => hidden_attr = true,
                    "aria-modal" => hides |= value.trim().eq_ignore_ascii_case("true"),
                    "aria-hidden" => aria_hidden |= value.trim().eq_ignore_ascii_case("true"),
                    "style" => hides |= style_hides(value),
                    "aria-labelledby" => labelled = true,
                    _ => {}
                }
            }
            let class_judged = judged(class);
            let mut n = combine([class_judged.map(|j| j.0), judged(ident).map(|j| j.0)]);
            // An empty class hides nothing (it holds no `hidden`).
            n.hidden = hides
                || class_judged.is_some_and(|j| j.1) && is_box(dom, id)
                || hidden_attr && !ident.is_some_and(is_react_segment)
                || aria_hidden && !class.is_some_and(|c| c.contains("fallback-image"));
            n.role = role.is_some_and(is_furniture_role);
            n.panel |= role.is_some_and(|r| is_panel_role(r, labelled));
            n
        })
        .collect()
}

#[cfg(test)]
/// Class or id names of furniture next to the article (see [`FURNITURE`]).
pub(super) fn furniture(dom: &Dom, id: NodeId) -> bool {
    lower_class_id(dom, id).is_some_and(|s| FURNITURE.iter().any(|w| s.contains(w)))
}

#[cfg(test)]
/// Class or id names of consent managers, cookie banners, sign-up boxes and modals.
pub(super) fn strongly_unlikely(dom: &Dom, id: NodeId) -> bool {
    lower_class_id(dom, id).is_some_and(|s| STRONGLY_UNLIKELY.iter().any(|w| s.contains(w)))
}

#[cfg(test)]
/// Class or id names of page furniture (menus, comments, sidebars...), unless they also
/// name content.
pub(super) fn unlikely_candidate(dom: &Dom, id: NodeId) -> bool {
    let Some(s) = lower_class_id(dom, id) else {
        return false;
    };
    STRONGLY_UNLIKELY.iter().any(|w| s.contains(w))
        || UNLIKELY.iter().any(|w| s.contains(w)) && !MAYBE.iter().any(|w| s.contains(w))
}

#[cfg(test)]
fn weigh(s: &str) -> f32 {
    let s = s.to_ascii_lowercase();
    let mut w = 0.0;
    if NEGATIVE.iter().any(|n| s.contains(n)) || is_hid_token(&s) {
        w -= 25.0;
    }
    if POSITIVE.iter().any(|p| s.contains(p)) {
        w += 25.0;
    }
    w
}

fn is_hid_token(s: &str) -> bool {
    s.split_ascii_whitespace().any(|t| t == "hid")
}

#[cfg(test)]
/// +25 / -25 for content-like / boilerplate-like class and id (each counted).
pub(super) fn class_weight(dom: &Dom, id: NodeId) -> f32 {
    let mut w = 0.0;
    if let Some(c) = dom.attr(id, "class").filter(|c| !c.is_empty()) {
        w += weigh(c);
    }
    if let Some(i) = dom.attr(id, "id").filter(|i| !i.is_empty()) {
        w += weigh(i);
    }
    w
}

#[cfg(test)]
/// Share bars and buttons.
pub(super) fn is_share(dom: &Dom, id: NodeId) -> bool {
    let Some(s) = lower_class_id(dom, id) else {
        return false;
    };
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|t| t == "share" || t == "sharedaddy")
}

#[cfg(test)]
mod names_tests {
    use super::*;
    use crate::dom::{parse, Limits};

    /// The allocation-free walk agrees with the definition: strip white space,
    /// lower-case ASCII, look for either declaration.
    #[test]
    fn style_hides_agrees_with_the_compacted_definition() {
        let reference = |v: &str| {
            let compact: String = v
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| c.to_ascii_lowercase())
                .collect();
            compact.contains("display:none") || compact.contains("visibility:hidden")
        };
        for v in [
            "display:none",
            "DISPLAY : None;",
            "color:red; visibility:\u{a0}hidden",
            "visibility:\u{2003}HIDDEN",
            "display:block",
            "display:nonÉ",
            "xdisplay:noneY",
            "visibility:hidde",
            "",
            "é display: none",
            "dis play:n one",
        ] {
            assert_eq!(style_hides(v), reference(v), "{v:?}");
        }
    }

    /// `names` agrees with the one-question functions on a spread of class/id values.
    #[test]
    fn names_agrees_with_the_single_checks() {
        let values = [
            "",
            "article-body",
            "sidebar",
            "sidebar main",
            "cookie-content",
            "share-bar",
            "post-share",
            "related-articles",
            "hid",
            "x hid y",
            "article__teaser",
            "comment",
            "newsletter-signup",
            "MainContent",
            "footer-links",
            "tags",
            "entry-content",
            "widget sharedaddy",
            "modal",
            "author-bio",
            "cmp-content",
            "promo",
            "faq__answer",
            "accordion-item collapse",
            "cmp-text",
            "cmp-accordion__panel cmp-accordion__panel--hidden",
            "cmp-teaser",
            "cmp-banner cmp-text",
        ];
        for c in values {
            for i in ["", "content", "comments", "Popup"] {
                let html = format!("<div class=\"{c}\" id=\"{i}\">x</div>");
                let (dom, _) = parse(
                    &html,
                    Limits {
                        max_depth: 64,
                        max_nodes: 1000,
                    },
                );
                let id = dom.find(Tag::Div).unwrap();
                let n = names(&dom, id);
                assert_eq!(all_names(&dom)[id as usize], n, "{c} / {i}");
                assert_eq!(n.weight, class_weight(&dom, id), "{c} / {i}");
                assert_eq!(n.unlikely, unlikely_candidate(&dom, id), "{c} / {i}");
                assert_eq!(n.strong, strongly_unlikely(&dom, id), "{c} / {i}");
                assert_eq!(n.furniture, furniture(&dom, id), "{c} / {i}");
                assert_eq!(n.share, is_share(&dom, id), "{c} / {i}");
                assert_eq!(n.panel, panel(&dom, id), "{c} / {i}");
            }
        }
    }

    #[test]
    fn cms_text_components_were_consent_furniture() {
        let strong = |v: &str| {
            let mut s = v.to_string();
            unmask_components(&mut s);
            STRONGLY_UNLIKELY.iter().any(|w| s.contains(w))
        };
        assert!(!strong("cmp-text"));
        assert!(!strong("cmp-accordion__panel"));
        assert!(!strong("text cmp-title__text"));
        assert!(strong("cmp-banner"));
        assert!(strong("cmp-banner cmp-text"));
        assert!(strong("cmp_wrapper"));
    }

    #[test]
    fn accordion_question_buttons_in_headings_were_dropped() {
        let (dom, _) = parse(
            "<body><h3><button>Why does it smell?</button></h3>\
             <div><button>Subscribe</button></div><button>Menu</button></body>",
            Limits {
                max_depth: 64,
                max_nodes: 1000,
            },
        );
        let buttons: Vec<bool> = (0..dom.nodes.len() as NodeId)
            .filter(|&i| dom.tag(i) == Some(Tag::Button))
            .map(|i| is_heading_button(&dom, i, Tag::Button))
            .collect();
        assert_eq!(buttons, [true, false, false]);
    }

    /// The name lists are lower-case ASCII, so the case-insensitive automaton matches what
    /// a search in the lower-cased value finds.
    #[test]
    fn name_patterns_are_lower_case_ascii() {
        for list in [
            UNLIKELY,
            STRONGLY_UNLIKELY,
            MAYBE,
            POSITIVE,
            NEGATIVE,
            FURNITURE,
            PANEL,
            TOKEN_HINTS,
        ] {
            for p in list {
                assert!(p.is_ascii() && *p == p.to_ascii_lowercase(), "{p}");
            }
        }
    }

    /// The one-pass judgement equals its lower-casing definition, across ASCII case,
    /// token boundaries, non-ASCII separators and the `cmp-` rewriting.
    #[test]
    fn judge_equals_its_definition() {
        let words = [
            "share",
            "Share",
            "SHAREDADDY",
            "shared",
            "hid",
            "HID",
            "hidden",
            "cmp-text",
            "CMP-Title",
            "cmp-consent",
            "xcmp-embed",
            "cmp",
            "sidebar",
            "Article-Body",
            "comment",
            "related",
            "é",
            "-",
            " ",
            "\t",
            "_",
            "newsletter",
            "modal",
            "",
        ];
        let mut n = 0;
        for a in words {
            for b in words {
                for sep in ["", " ", "-", "\t", "é", "__"] {
                    let v = format!("{a}{sep}{b}");
                    assert_eq!(judge(&v), judge_lower(&v), "{v:?}");
                    n += (judge(&v) != judge("")) as usize;
                }
            }
        }
        // The cases are not all alike: many match something.
        assert!(n > 1000, "{n}");
        let (bits, hid, share) = (
            judge("x Sidebar").bits,
            judge("a HID").hid,
            judge("Share-x").share,
        );
        assert!(bits & L_UNLIKELY != 0 && hid && share);
        assert!(!judge("hid-x").hid && !judge("shared").share);
    }

    /// On one page with repeated values, the memoised judgements equal the direct ones.
    #[test]
    fn all_names_on_a_page_with_repeats() {
        let mut html = String::new();
        for c in ["sidebar", "article-body", "share-bar", "", "Sidebar", "hid"] {
            for i in ["", "content", "sidebar", "comments"] {
                html.push_str(&format!(
                    "<div class=\"{c}\" id=\"{i}\"><p id=\"{c}\">x</p></div>"
                ));
            }
        }
        let (dom, _) = parse(
            &html,
            Limits {
                max_depth: 64,
                max_nodes: 10_000,
            },
        );
        let all = all_names(&dom);
        let mut elements = 0;
        for id in 0..dom.nodes.len() as NodeId {
            if dom.tag(id).is_some() {
                elements += 1;
                assert_eq!(all[id as usize], names(&dom, id), "node {id}");
            }
        }
        assert_eq!(elements, 48);
        let (dom, _) = parse(
            "<div role=' Navigation '>a</div><div role=main hidden>b</div><p style='visibility : hidden'>c</p>\
             <div hidden id='S:1'>d</div><div hidden id='S:1' id=x>e</div><div aria-hidden=' TRUE ' class='x fallback-image'>f</div>\
             <div aria-hidden=true class=x class=fallback-image>g</div><div aria-modal=true>h</div><div role=x role=menu>i</div>",
            Limits {
                max_depth: 64,
                max_nodes: 100,
            },
        );
        let all = all_names(&dom);
        let flags: Vec<(bool, bool)> = (0..dom.nodes.len() as NodeId)
            .filter(|&id| dom.tag(id).is_some())
            .map(|id| (all[id as usize].hidden, all[id as usize].role))
            .collect();
        assert_eq!(
            flags,
            [
                (false, true),
                (true, false),
                (true, false),
                (false, false),
                (false, false),
                (false, false),
                (true, false),
                (true, false),
                (false, false)
            ]
        );
        for id in 0..dom.nodes.len() as NodeId {
            if dom.tag(id).is_some() {
                assert_eq!(all[id as usize], names(&dom, id), "node {id}");
            }
        }
    }

    #[test]
    fn hidden_utility_class_boxes_were_kept() {
        let (dom, _) = parse(
            "<div class='sign-in-group hidden'>a</div><section class=hidden>b</section>\
             <div class='hidden md:block'>c</div><a class=hidden href='#x'>d</a>\
             <div class='hidden-xs'>e</div><div class='box unhidden'>f</div><form class='x  hidden '>g</form>",
            Limits {
                max_depth: 64,
                max_nodes: 100,
            },
        );
        let all = all_names(&dom);
        let hidden: Vec<bool> = (0..dom.nodes.len() as NodeId)
            .filter(|&id| dom.tag(id).is_some())
            .map(|id| all[id as usize].hidden)
            .collect();
        assert_eq!(hidden, [true, true, false, false, false, false, true]);
        for id in 0..dom.nodes.len() as NodeId {
            if dom.tag(id).is_some() {
                assert_eq!(all[id as usize], names(&dom, id), "node {id}");
            }
        }
    }
}
