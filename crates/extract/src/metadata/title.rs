//! The headline: agreement between `<h1>`, og:title, JSON-LD `headline` and `<title>`,
//! with the site name stripped from the title tags.
//!
//! Rule: logo headings (an `<h1>` that is one link to the home page, or classed
//! `site-title`/`logo`, or inside a masthead) are site names, not candidates, and are
//! stripped from the title tags like the declared site name; headings lose permalink marks
//! ("¶"), and an `<h1>` built of a kicker, a hidden dash separator and the headline
//! ("Kicker<span class=visually-hidden> - </span>Headline") is its headline; JSON-LD
//! headlines lose HTML escapes; a title tag cut where the headline has a
//! double quote (`<title>` goes on with the quote) is no candidate. Then: an `<h1>` in a
//! breadcrumb trail beside an `<h2>` built of a kicker element and a headline element
//! gives the og:title, JSON-LD or meta headline that is the `<h2>`'s headline element or
//! the whole `<h2>` (not when the trail repeats the `<h2>` or og:title); an `<h1>` built
//! of a kicker element and a headline element (or of a label element and the headline
//! text: a forum thread's prefix) whose headline alone is a title tag gives that
//! headline; an `<h1>` that equals (after normalisation) og:title, the JSON-LD or a
//! meta headline wins (with the title tag's spacing when the `<h1>`'s elements are glued:
//! "KickerHeadline"), else one that equals `<title>`; else the JSON-LD headline, og:title
//! or a meta headline that another candidate agrees with (but first an `<h1>` that goes
//! on after a whole title tag's headline, "Headline: more words", not with a date, a year
//! or a " | " part, and not built of several elements: the tag shortened it; and the
//! page's `<h1>`s when they are all one text of two words or more in two copies or more,
//! a desktop and a mobile layout's headline); else the `<h1>` sharing most words with the
//! title tags; else the page's one `<h1>` when there is no title tag or only a `<title>`
//! of one word or the site's name ("Home"), or only a `<title>` whose first part is the
//! host's name ("Example - Tagline") beside an `<h1>` of three words or more; on a page
//! without an `<h1>`, the first part of a title tag that an `<h2>` holds ("Headline | Site"
//! beside `<h2>Headline</h2>`; not a site name, nor a part of less than half the words of
//! another) comes before the agreement of structured headlines; else the meta
//! headline, og:title (site part stripped), the JSON-LD headline, or `<title>` with its
//! " | Site" part (and "Blog Archive" segments) stripped; a `<title>` alone whose longest
//! part comes after site and section names ("Site : Business : Headline of many words")
//! gives that part. A chosen `<h1>` loses a trailing " | Site" part naming a known site or the
//! page's host when at least three words stay.
//!
//! Site parts: the declared site name, logo headings, `<h1>`s that are the host's name
//! ("Example.org" on forum.example.org), short `<h1>`s (one to four words) that are a later
//! part of a title tag after a longer part naming no site ("Headline words - Menu Heading",
//! "Headline - Section Heading - Site"; not when a structured headline is that text),
//! `<h1>`s that begin with the part ending `<title>` and do not hold the part before it (a
//! site's banner: "Topic | Example e.V." beside `<h1>Example e.V. Association for
//! ...</h1>`), the part `<title>` adds to og:title, and (after the headline only) the label
//! of the page's host ("| NBF" on `nbf.com`); a part before the headline of more than five
//! words is a headline naming the site. Without a known site part, a trailing part of at
//! most four words after a headline of at least four is taken as one, unless an `<h1>` (or
//! og:title, when `<title>` is og:title plus a site part) holds the headline with it; a
//! " / " part of at most three words before a known site part after " / " is a board or
//! section ("Headline / Board / Forum").
//!
//! C1 control characters (U+0080-U+009F, a Windows-1252 page decoded as Latin-1, or UTF-8
//! read as Latin-1) in the title tags and `<h1>`s are repaired before anything else
//! ([`without_c1_controls`]).

use crate::dom::{Dom, NodeId, Tag, NONE};
use crate::text::normalize_space;
use std::borrow::Cow;

/// The title candidates of a page.
#[derive(Debug, Default)]
pub(crate) struct Candidates {
    pub og: Option<String>,
    pub ld: Option<String>,
    pub meta_headline: Option<String>,
    pub doc: Option<String>,
    pub h1s: Vec<String>,
    pub site: Option<String>,
    /// Texts of headings that name the site (a logo `<h1>` linking to the home page).
    pub site_headings: Vec<String>,
    /// Texts of `<h1>`s built of several elements (a kicker, then the headline) or of a
    /// label element and the headline text ([`has_label`]).
    pub kicker_h1s: Vec<String>,
    /// The label of the page's host (`example` for `www.example.co.uk`): a site name when
    /// it ends a title tag ("Headline | Example").
    pub host: Option<String>,
    /// Texts of the first four `<h2>`s, on pages without an `<h1>`.
    pub h2s: Vec<String>,
    /// Texts of `<h1>`s that are an item of a breadcrumb trail ([`in_breadcrumb`]).
    pub crumb_h1s: Vec<String>,
    /// On a page with a breadcrumb `<h1>`: the first of the first four `<h2>`s built of a
    /// kicker element and a headline element, as (its text, its last element's text)
    /// ([`kicker_heading`]).
    pub kicker_h2: Option<(String, String)>,
}

/// Whether heading `id` is an item of a breadcrumb trail (its class or id, or one of its
/// three nearest ancestors', holds "breadcrumb"): the trail's last item names the page in
/// the site's hierarchy, often in words of its own, beside the article's headline.
pub(super) fn in_breadcrumb(dom: &Dom, id: NodeId) -> bool {
    let mut ci = String::new();
    std::iter::once(id)
        .chain(dom.ancestors(id).take(3))
        .any(|a| {
            super::class_id_into(dom, a, &mut ci);
            ci.contains("breadcrumb")
        })
}

/// The text of heading `id` and of its last child element holding text, when it is built
/// of at least two child elements holding text (a kicker, then the headline:
/// `<h2><span>Kicker</span><span>Headline</span></h2>`).
pub(super) fn kicker_heading(dom: &Dom, id: NodeId) -> Option<(String, String)> {
    if !has_kicker(dom, id) {
        return None;
    }
    let last = dom
        .children(id)
        .take(16)
        .filter(|&ch| dom.tag(ch).is_some())
        .map(|ch| normalize_space(&super::bounded_text(dom, ch, 1000)))
        .filter(|t| t.chars().any(char::is_alphanumeric))
        .last()?;
    Some((normalize_space(&super::bounded_text(dom, id, 1000)), last))
}

/// Whether heading `id` is built of at least two child elements holding text (a kicker
/// or overline element, then the headline element).
pub(super) fn has_kicker(dom: &Dom, id: NodeId) -> bool {
    dom.children(id)
        .take(16)
        .filter(|&ch| {
            dom.tag(ch).is_some()
                && super::bounded_text(dom, ch, 40)
                    .chars()
                    .any(char::is_alphanumeric)
        })
        .count()
        >= 2
}

/// Whether heading `id` begins with a label element before its headline text (a forum
/// thread's prefix: `<h1><span class="label">Info</span>&nbsp;Headline</h1>`): its first
/// child holding text is an element, and a later child is a text holding letters or digits.
pub(super) fn has_label(dom: &Dom, id: NodeId) -> bool {
    let holds_text = |t: &str| t.chars().any(char::is_alphanumeric);
    let mut children = dom
        .children(id)
        .take(16)
        .filter(|&ch| dom.tag(ch).is_some() || dom.text(ch).is_some_and(holds_text));
    let Some(first) = children.next() else {
        return false;
    };
    dom.tag(first).is_some()
        && holds_text(&super::bounded_text(dom, first, 40))
        && children.any(|ch| dom.text(ch).is_some_and(holds_text))
}

/// The headline part of heading `id` built of a kicker element, a hidden dash separator
/// element and the headline (`<span>Kicker</span><span class="visually-hidden"> -
/// </span><span>Headline</span>`: the dash is read out to screen readers only, and
/// separates a label from the headline as in "Section - Headline" title tags); `None` for
/// other headings. A hidden colon ("Kicker: Headline") joins them into one headline.
pub(super) fn after_hidden_dash(dom: &Dom, id: NodeId) -> Option<String> {
    let mut parent = id;
    // `<h1><div><span>...</span>...</div></h1>`: the one wrapper element.
    for _ in 0..2 {
        let mut elements = dom.children(parent).filter(|&c| dom.tag(c).is_some());
        match (elements.next(), elements.next()) {
            (Some(only), None)
                if !dom
                    .children(parent)
                    .any(|c| dom.text(c).is_some_and(|t| !t.trim().is_empty())) =>
            {
                parent = only;
            }
            _ => break,
        }
    }
    // Byte checks first (every <h1> is asked): an element child whose first child is a
    // dash text.
    let is_dash = |ch: NodeId| {
        let first = dom.node(ch).first_child;
        dom.tag(ch).is_some()
            && first != NONE
            && dom
                .text(first)
                .is_some_and(|t| matches!(t.trim(), "-" | "–" | "—" | "|"))
    };
    if !dom.children(parent).take(16).any(is_dash) {
        return None;
    }
    let mut before = false;
    let mut after: Option<String> = None;
    for ch in dom.children(parent).take(16) {
        if let Some(a) = after.as_mut() {
            a.push_str(&match dom.text(ch) {
                Some(t) => t.to_string(),
                None => super::bounded_text(dom, ch, 1000),
            });
            a.push(' ');
            continue;
        }
        if dom.tag(ch).is_none() {
            if dom
                .text(ch)
                .is_some_and(|t| t.chars().any(char::is_alphanumeric))
            {
                before = true;
            }
            continue;
        }
        let text = super::bounded_text(dom, ch, 40);
        if before && matches!(text.trim(), "-" | "–" | "—" | "|") && is_hidden(dom, ch) {
            after = Some(String::new());
        } else if text.chars().any(char::is_alphanumeric) {
            before = true;
        }
    }
    let after = normalize_space(&after?);
    (after.chars().filter(|c| c.is_alphanumeric()).count() >= 3).then_some(after)
}

/// Whether element `id` is hidden from sight but read out (`visually-hidden`, `sr-only`,
/// `screen-reader-text`) or hidden altogether (`aria-hidden="true"`, a `hidden` class).
fn is_hidden(dom: &Dom, id: NodeId) -> bool {
    let mut ci = String::new();
    super::class_id_into(dom, id, &mut ci);
    ci.contains("hidden")
        || ci.contains("sr-only")
        || ci.contains("screen-reader")
        || dom
            .attr(id, "aria-hidden")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
}

/// Whether heading `id` names the site rather than the page: its text is one link to the
/// home page (`<h1><a href="/">Site</a></h1>`), or it sits in a logo, masthead or
/// site-title element.
pub(super) fn is_site_heading(dom: &Dom, id: NodeId) -> bool {
    // Whole class/id tokens: "site-title" on the heading, "masthead" around it.
    let mut ci = String::new();
    for (level, a) in std::iter::once(id)
        .chain(dom.ancestors(id).take(3))
        .enumerate()
    {
        super::class_id_into(dom, a, &mut ci);
        let names: &[&str] = if level == 0 {
            &[
                "site-title",
                "site-name",
                "sitename",
                "site-logo",
                "logo",
                "brand",
                "site-branding",
            ]
        } else {
            &[
                "site-branding",
                "masthead",
                "site-header",
                "site-logo",
                "logo",
            ]
        };
        if ci.split_ascii_whitespace().any(|t| names.contains(&t)) {
            return true;
        }
    }
    // The heading's text is all inside one link to a home page.
    let mut link = NONE;
    let mut d = dom.node(id).first_child;
    let mut steps = 0;
    while d != NONE && steps < 50 {
        steps += 1;
        if dom.tag(d) == Some(Tag::A) {
            if link != NONE {
                return false;
            }
            link = d;
            d = dom.skip_subtree(d, id);
            continue;
        }
        if dom.text(d).is_some_and(|t| !t.trim().is_empty()) {
            return false;
        }
        d = dom.next_in_order(d, id);
    }
    link != NONE && dom.attr(link, "href").is_some_and(is_home_href)
}

/// Whether `href` points to a site's home page: `/`, or a URL without a path (the last
/// `scheme://host/` of archived URLs counts).
fn is_home_href(href: &str) -> bool {
    let h = href.trim();
    if h == "/" || h == "./" {
        return true;
    }
    let Some(i) = h.rfind("://") else {
        return false;
    };
    let rest = &h[i + 3..];
    match rest.find('/') {
        None => !rest.is_empty(),
        Some(j) => {
            let path = &rest[j..];
            path == "/"
                || path.eq_ignore_ascii_case("/index.html")
                || path.eq_ignore_ascii_case("/index.php")
        }
    }
}

/// Separators between a headline and a site name in title tags.
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " » ", " « ", " // ", " / ", " ~ ", " • ", " : ",
    " || ", " ‹ ", " › ", " ― ",
];

/// Separators between the parts of a title tag, for telling a headline among site and
/// section names ([`title_parts`]): [`SEPARATORS`] with the breadcrumb marks " > " and
/// " -- ", but not " / " or " ― ": those are stripped after a headline only when a known
/// site follows them, as a slash between words is often the headline's own ("Rain / snow
/// warning", "Pros / cons"); splitting there would pass the headline's halves for parts.
const PART_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " » ", " « ", " // ", " ~ ", " • ", " : ", " || ",
    " ‹ ", " › ", " > ", " -- ",
];

/// Lower-case, alphanumerics only: for comparing titles and site names.
pub(crate) fn key(s: &str) -> String {
    // Allocated once at the input's length (collecting from a filter grows step by step).
    let mut out = String::with_capacity(s.len());
    if s.is_ascii() {
        // The same for ASCII, without per-character Unicode look-ups.
        out.extend(
            s.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
        return out;
    }
    for c in s.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
        } else if crate::text::is_alphanumeric(c) {
            // (`char::is_alphanumeric`, cached per block of characters.)
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Chooses the headline; C1 control characters in it are repaired ([`without_c1_controls`]).
pub(crate) fn choose(c: &Candidates) -> Option<String> {
    choose_raw(c).map(|t| match without_c1_controls(&t) {
        Cow::Borrowed(_) => t,
        Cow::Owned(fixed) => fixed,
    })
}

/// Windows-1252's characters for bytes 0x80-0x9F (`None`: unassigned there).
const CP1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// A title without C1 control characters (U+0080-U+009F), which come from a page
/// decoded with the wrong charset: UTF-8 bytes read as Latin-1 ("Investorâ\u{80}\u{99}s")
/// are decoded again when the whole title is such bytes; otherwise each C1 character is
/// the Windows-1252 character of its byte ("Now\u{96} 2x" -> "Now– 2x"), and one
/// unassigned there is dropped. Texts without one are returned as they are. (Applied
/// before white space is normalised: U+0085, "…" in Windows-1252, is white space.)
pub(crate) fn without_c1_controls(t: &str) -> Cow<'_, str> {
    // U+0080-U+009F are encoded as 0xC2 0x80-0x9F.
    if !t
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == 0xC2 && (0x80..0xA0).contains(&w[1]))
    {
        return Cow::Borrowed(t);
    }
    // Every character a byte: Latin-1 re-encoding gives the page's bytes back.
    let bytes: Option<Vec<u8>> = t.chars().map(|c| u8::try_from(c).ok()).collect();
    if let Some(Ok(s)) = bytes.map(String::from_utf8) {
        return Cow::Owned(s);
    }
    Cow::Owned(
        t.chars()
            .filter_map(|c| match u8::try_from(c) {
                Ok(b @ 0x80..=0x9F) => CP1252_HIGH[usize::from(b - 0x80)],
                _ => Some(c),
            })
            .collect(),
    )
}

/// Chooses the headline (as the page's text has it).
fn choose_raw(c: &Candidates) -> Option<String> {
    let clean = |s: &Option<String>| {
        s.as_deref()
            .map(|t| normalize_space(&without_c1_controls(t)))
            .filter(|s| !s.is_empty() && s.chars().count() <= 500)
    };
    // Headings lose permalink marks ("Quickstart¶", "Setup #").
    let h1s: Vec<String> = c
        .h1s
        .iter()
        .map(|h| {
            let h = h.trim_end_matches(['¶', '§', ' ', '\u{a0}']);
            h.strip_suffix(" #").unwrap_or(h).trim().to_string()
        })
        .filter(|h| !h.is_empty())
        .collect();
    // An <h1> that is the host's name ("Example" or "Example.org" on forum.example.org,
    // a forum's or a small site's banner) names the site, not the page.
    let host_key = c
        .host
        .as_deref()
        .map(key)
        .filter(|k| k.chars().count() >= 3);
    let names_host = |h: &str| {
        host_key.as_deref().is_some_and(|hk| {
            let k = key(h);
            k == hk || (!h.contains(' ') && h.contains('.') && k.starts_with(hk))
        })
    };
    let (host_h1s, h1s): (Vec<String>, Vec<String>) = h1s.into_iter().partition(|h| names_host(h));
    let site = clean(&c.site);
    let doc = clean(&c.doc);
    // JSON-LD text is not HTML, but often holds HTML escapes ("&amp;", "&#8211;").
    let ld = clean(&c.ld).map(|t| {
        if t.contains('&') {
            normalize_space(&htmlize::unescape(t.as_str()))
        } else {
            t
        }
    });
    // A title tag cut where the headline has a double quote (an unescaped `"` ended the
    // attribute): `<title>` goes on with the quote, the cut value is not a candidate.
    let cut_at_quote = |t: Option<String>| {
        t.filter(|t| {
            !doc.as_deref().is_some_and(|d| {
                d.len() > t.len()
                    && d.starts_with(t.as_str())
                    && d[t.len()..]
                        .trim_start()
                        .starts_with(['"', '“', '„', '«', '”'])
            })
        })
    };
    let og = cut_at_quote(clean(&c.og));
    let ld = cut_at_quote(ld);
    let mh = cut_at_quote(clean(&c.meta_headline));
    let others: Vec<String> = [&og, &ld, &mh, &doc]
        .iter()
        .filter_map(|x| (*x).clone())
        .collect();
    // Site names learnt from the page: declared, logo headings, plus the part the title
    // tags share.
    let mut sites: Vec<String> = site.iter().cloned().collect();
    sites.extend(
        c.site_headings
            .iter()
            .map(|h| normalize_space(h))
            .filter(|h| !h.is_empty()),
    );
    sites.extend(host_h1s);
    // A short `<h1>` that is a later part of a title tag, after a longer part that names no
    // site ("What is Ownership? - The Book" beside a menu-bar `<h1>` "The Book", "Headline -
    // Section - Site" beside a section heading): a site or section name, stripped like one.
    // Not when og:title, the JSON-LD or a meta headline is that text.
    // (Most pages have no short `<h1>`: nothing to compare.)
    let short = |h: &String| (1..=4).contains(&crate::text::word_count(h));
    let (section_h1s, h1s): (Vec<String>, Vec<String>) = if !h1s.iter().any(short) {
        (Vec::new(), h1s)
    } else {
        let mut known = sites.clone();
        known.extend(c.host.iter().filter(|h| h.chars().count() >= 3).cloned());
        let structured: Vec<String> = [&c.og, &c.ld, &c.meta_headline]
            .iter()
            .filter_map(|x| x.as_deref().map(key))
            .collect();
        h1s.into_iter().partition(|h| {
            short(h)
                && !structured.contains(&key(h))
                && [&doc, &og]
                    .iter()
                    .filter_map(|t| t.as_deref())
                    .any(|t| is_later_part(h, t, &known))
        })
    };
    sites.extend(section_h1s);
    // An `<h1>` that begins with the site part ending `<title>` and does not hold the part
    // before it ("Topic | Example e.V." beside `<h1>Example e.V. Association for ...</h1>`)
    // is the site's banner, a site name.
    let (banner_h1s, h1s): (Vec<String>, Vec<String>) = match doc.as_deref().and_then(end_parts) {
        Some((first, last)) if !h1s.is_empty() => {
            let (fk, lk) = (key(first), key(last));
            h1s.into_iter().partition(|h| {
                let hk = key(h);
                lk.chars().count() >= 4
                    && hk.len() > lk.len()
                    && hk.starts_with(&lk)
                    && !hk.contains(&fk)
            })
        }
        _ => (Vec::new(), h1s),
    };
    sites.extend(banner_h1s);
    // Texts that confirm a part after a separator as part of the headline (not a site
    // name): the <h1>s, and og:title when <title> is og:title plus a site part.
    let mut confirm: Vec<String> = h1s.iter().map(|h| key(h)).collect();
    if let (Some(d), Some(o)) = (&doc, &og) {
        if let Some(s) = shared_site_part(d, o) {
            sites.push(s);
            confirm.push(key(o));
        }
    }
    let mut tail_sites = sites.clone();
    tail_sites.extend(c.host.iter().filter(|h| h.chars().count() >= 3).cloned());
    let strip_site =
        |t: &str, sites: &[String]| strip_site_confirmed(t, sites, &tail_sites, &confirm);
    let stripped: Vec<String> = others.iter().map(|t| strip_site(t, &sites)).collect();
    let stripped_keys: Vec<String> = stripped
        .iter()
        .chain(others.iter())
        .map(|s| key(s))
        .collect();
    // 0a. An <h1> in a breadcrumb trail beside an <h2> built of a kicker element and a
    //     headline element, in other words: the heading shown above the article is the
    //     <h2>, and a title tag that is its headline element, or the whole (kicker and
    //     headline), is the headline (`<li><h1>SEO words</h1></li>` beside
    //     `<h2><span>Kicker</span><span>Headline</span></h2>` and og:title "Headline").
    //     Not when the <h1> has the <h2>'s words (kicker and headline) or og:title's:
    //     the trail then repeats the headline, and the rules below choose.
    if let (false, Some((whole, head))) = (c.crumb_h1s.is_empty(), &c.kicker_h2) {
        let (wk, hk) = (key(whole), key(head));
        let crumbs: Vec<String> = c.crumb_h1s.iter().map(|h| key(h)).collect();
        let og_k = og.as_deref().map(|t| key(&strip_site(t, &sites)));
        let repeats = crumbs.iter().any(|k| *k == wk || og_k.as_ref() == Some(k));
        for t in [&og, &ld, &mh].into_iter().flatten().filter(|_| !repeats) {
            let t = strip_site(t, &sites);
            let tk = key(&t);
            if tk.chars().count() >= 6 && (tk == hk || tk == wk) && !crumbs.contains(&tk) {
                return Some(t);
            }
        }
    }
    // 0. An <h1> made of a kicker element and a headline element, the headline alone in a
    //    title tag (`<h1><span>Covid-19</span> <span>Is the spread under control?</span>`
    //    beside og:title "Is the spread under control?"): the headline without the kicker.
    for h in &c.kicker_h1s {
        let hw = words(h);
        for t in [&ld, &og, &mh, &doc] {
            let Some(t) = t.as_deref() else { continue };
            let t = strip_site(t, &sites);
            let tw = words(&t);
            if tw.len() >= 3 && hw.len() > tw.len() && hw.ends_with(&tw) {
                return Some(t);
            }
        }
    }
    // 1. An <h1> the title tags agree with: first one that og:title, the JSON-LD or meta
    //    headline agrees with (a section heading such as "News" can match a generic
    //    `<title>` "News - Site"), then any.
    //    The words are the <h1>'s, the punctuation the title tag's when only that differs
    //    and the <h1> is built of elements (a kicker and a headline element lose the ": "
    //    between them).
    let meta_texts: Vec<String> = [&og, &ld, &mh]
        .iter()
        .filter_map(|x| x.as_deref())
        .flat_map(|t| [strip_site(t, &sites), t.to_string()])
        .collect();
    let meta_keys: Vec<String> = meta_texts.iter().map(|t| key(t)).collect();
    for keys in [&meta_keys, &stripped_keys] {
        for h in &h1s {
            let hk = key(h);
            if hk.chars().count() >= 4 && keys.contains(&hk) {
                let lower_words = |t: &str| -> Vec<String> {
                    t.split(|c: char| !c.is_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .map(str::to_string)
                        .collect()
                };
                let hw = lower_words(h);
                let kicker = c.kicker_h1s.iter().any(|k| key(k) == hk);
                if let Some(t) = meta_texts
                    .iter()
                    .filter(|_| kicker)
                    .find(|t| key(t) == hk && lower_words(t) == hw && t.as_str() != h)
                {
                    return Some(t.clone());
                }
                // An <h1> whose elements' texts are glued without a space
                // (`<span>Kicker</span>Headline` reads "KickerHeadline"): the title tag's
                // spacing, when it has the same characters and more words (punctuation
                // alone, " | " or " ⋆", is no word).
                let spaced = |t: &str| {
                    t.split_whitespace()
                        .filter(|w| w.chars().any(char::is_alphanumeric))
                        .count()
                };
                if let Some(t) = meta_texts
                    .iter()
                    .find(|t| key(t) == hk && spaced(t) > spaced(h))
                {
                    return Some(t.clone());
                }
                return Some(without_site_tail(h, &tail_sites));
            }
        }
    }
    // 1b. An <h1> that a title tag holds with a separator ("H1 | Site", "Site - H1").
    for h in &h1s {
        if h.chars().count() < 3 {
            continue;
        }
        if others.iter().any(|t| {
            SEPARATORS.iter().any(|sep| {
                t.strip_prefix(h.as_str())
                    .is_some_and(|r| r.starts_with(sep))
                    || t.strip_suffix(h.as_str()).is_some_and(|r| r.ends_with(sep))
            })
        }) {
            return Some(without_site_tail(h, &tail_sites));
        }
    }
    // 2b. An <h1> contained in a title tag (the tag adds a site name or a kicker).
    for h in &h1s {
        let hk = key(h);
        if hk.chars().count() >= 6
            && stripped_keys.iter().any(|k| k.contains(&hk))
            && !sites.iter().any(|s| key(s) == hk)
        {
            return Some(without_site_tail(h, &tail_sites));
        }
    }
    // 2c. An <h1> that extends a title tag's headline (site part stripped) by words before
    //     or after it ("Lemon cake from the tray: simply delicious!" beside "Lemon cake
    //     from the tray | Site"): the title tags hold a shortened headline, the page the
    //     whole one.
    if let Some(h) = h1_extending(&h1s, &c.kicker_h1s, &stripped, &sites, &tail_sites) {
        return Some(h);
    }
    // 2d. No `<h1>`: an `<h2>` of two words or more that is the first part of a title tag
    //     ("Headline | Section | Site" beside `<h2>Headline</h2>`) and names no site gives
    //     that part.
    if h1s.is_empty() {
        if let Some(part) = h2_title_part(&c.h2s, [&og, &doc], &tail_sites) {
            return Some(part);
        }
    }
    // 2e. The page's <h1>s all one text of two words or more, in two copies or more (the
    //     headline of a desktop and a mobile layout): the headline shown in every layout,
    //     before title tags of other words.
    if let [first, rest @ ..] = h1s.as_slice() {
        let k = key(first);
        if !rest.is_empty()
            && crate::text::word_count(first) >= 2
            && rest.iter().all(|h| key(h) == k)
            && !sites.iter().any(|s| key(s) == k)
        {
            return Some(without_site_tail(first, &tail_sites));
        }
    }
    let og_s = og.as_deref().map(|t| strip_site(t, &sites));
    let doc_s = doc.as_deref().map(|t| strip_site(t, &sites));
    // 2. A structured headline some other candidate agrees with.
    for t in [&ld, &og_s, &mh].into_iter().flatten() {
        {
            let k = key(t);
            let agree = [&ld, &og_s, &mh, &doc_s]
                .iter()
                .filter(|x| x.as_deref().is_some_and(|x| key(x) == k))
                .count()
                + h1s.iter().filter(|h| key(h) == k).count();
            if agree >= 2 && !k.is_empty() {
                return Some(t.clone());
            }
        }
    }
    // 3. The <h1> sharing most words with the title tags (at least half of its words),
    //    or the page's only substantial <h1>.
    let tag_words: std::collections::HashSet<String> =
        others.iter().flat_map(|t| words(t)).collect();
    let mut best: Option<(f64, &String)> = None;
    for h in &h1s {
        let hw = words(h);
        if hw.is_empty() || sites.iter().any(|s| key(s) == key(h)) {
            continue;
        }
        let share = hw.iter().filter(|w| tag_words.contains(*w)).count() as f64 / hw.len() as f64;
        if share >= 0.5 && best.is_none_or(|(b, _)| share > b) {
            best = Some((share, h));
        }
    }
    if let Some((_, h)) = best {
        return Some(h.clone());
    }
    // 4. No title tag, or only a `<title>` of one word or the site's name ("Home",
    //    "Example" on example.com), beside the page's one `<h1>`: the `<h1>` names the
    //    page.
    //    Also a `<title>` whose first part is the host's name ("Example - Tagline" on
    //    example.com, a home page's title kept on every page) beside an `<h1>` of three
    //    words or more.
    let generic_doc = doc.as_deref().is_none_or(|d| {
        crate::text::word_count(d) <= 1 || tail_sites.iter().any(|s| key(s) == key(d))
    });
    let host_first = |h: &str| {
        crate::text::word_count(h) >= 3
            && host_key
                .as_deref()
                .zip(doc.as_deref().and_then(end_parts))
                .is_some_and(|(hk, (first, _))| key(first) == hk)
    };
    if og.is_none() && ld.is_none() && mh.is_none() {
        if let [h] = h1s.as_slice() {
            if (generic_doc || host_first(h))
                && !sites.iter().any(|s| key(s) == key(h))
                && key(h).chars().count() >= 4
            {
                return Some(without_site_tail(h, &tail_sites));
            }
        }
    }
    // 5. Only `<title>`: its longest part when its parts are a headline among site and
    //    section names ("Site : Business : Headline of many words").
    //    Not when an `<h1>` holds the whole (the parts are the headline's).
    let doc_s = if og.is_none() && ld.is_none() && mh.is_none() {
        doc_s.map(|d| {
            let k = key(&d);
            if confirm.iter().any(|c| c.contains(&k)) {
                return d;
            }
            longest_part(&d).unwrap_or(d)
        })
    } else {
        doc_s
    };
    mh.or(og_s).or(ld).or(doc_s).filter(|t| !t.is_empty())
}

/// The part of a title tag split at separators (" | ", " - ", " : ", " > " ...) with at
/// least four words and two more than any other part, after the first part (site and
/// section names before the headline); `None` when the tag has one part, no part stands
/// out, or the first does.
fn longest_part(t: &str) -> Option<String> {
    let parts = title_parts(t)?;
    let counts: Vec<usize> = parts.iter().map(|p| crate::text::word_count(p)).collect();
    let (best, &n) = counts.iter().enumerate().max_by_key(|&(_, n)| *n)?;
    let runner_up = counts
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != best)
        .map(|(_, &n)| n)
        .max()
        .unwrap_or(0);
    // A headline first keeps the parts after it to the unknown-site rule (a trailing
    // "| Section | Site" is often kept by readers of the page).
    (best > 0 && n >= 4 && n >= runner_up + 2).then(|| parts[best].trim().to_string())
}

/// Whether `h` (an `<h1>` of one to four words) is a part of title tag `t` after its first
/// (split at separators), with an earlier part of more words that is not one of `sites`:
/// "Headline words - H", "Headline words - H - Site".
fn is_later_part(h: &str, t: &str, sites: &[String]) -> bool {
    let n = crate::text::word_count(h);
    if n == 0 || n > 4 || t.len() <= h.len() {
        return false;
    }
    let hk = key(h);
    let Some(parts) = title_parts(t) else {
        return false;
    };
    let Some(i) = parts.iter().skip(1).position(|p| key(p) == hk) else {
        return false;
    };
    parts[..=i]
        .iter()
        .any(|p| crate::text::word_count(p) > n && !is_site(p, sites))
}

/// The first part of a title tag (og:title, then `<title>`) that one of `h2s` equals, when
/// the tag has several parts and the first, of two words or more, names none of `sites` and
/// has at least half the words of every other part.
fn h2_title_part(h2s: &[String], tags: [&Option<String>; 2], sites: &[String]) -> Option<String> {
    if h2s.is_empty() {
        return None;
    }
    for t in tags.into_iter().flatten() {
        let Some(parts) = title_parts(t) else {
            continue;
        };
        let first = parts[0].trim();
        let k = key(first);
        let n = words(first).len();
        // (A first part of less than half the words of another is a site name before the
        // headline: "Site Name - Headline of many words".)
        if n >= 2
            && parts[1..].iter().all(|p| words(p).len() < 2 * n)
            && !is_site(first, sites)
            && h2s.iter().any(|h| key(h) == k)
        {
            return Some(first.to_string());
        }
    }
    None
}

/// The first and the last part of a title tag split at separators, `None` when it has one
/// part.
fn end_parts(t: &str) -> Option<(&str, &str)> {
    let present = ByteSet::of(t);
    let (mut first_end, mut last_start) = (t.len(), 0);
    for sep in PART_SEPARATORS {
        if !present.has_all(sep) {
            continue;
        }
        if let Some(i) = t.find(sep) {
            first_end = first_end.min(i);
        }
        if let Some(i) = t.rfind(sep) {
            last_start = last_start.max(i + sep.len());
        }
    }
    (last_start > 0 && first_end < last_start).then(|| (&t[..first_end], &t[last_start..]))
}

/// The parts of a title tag split at separators (at most 16), `None` when it has one part.
fn title_parts(t: &str) -> Option<Vec<&str>> {
    let present = ByteSet::of(t);
    let mut parts: Vec<&str> = vec![t];
    for sep in PART_SEPARATORS {
        if present.has_all(sep) && parts.len() < 16 {
            parts = parts.iter().flat_map(|p| p.split(sep)).collect();
        }
    }
    (parts.len() >= 2).then_some(parts)
}

/// An `<h1>` without a trailing " | Site" part naming a known site or the page's host
/// ("Vehicle rental news | WRAL" on wral.com), when at least three words stay.
fn without_site_tail(h: &str, tail_sites: &[String]) -> String {
    for sep in SEPARATORS {
        if let Some(i) = h.rfind(sep) {
            let (head, tail) = (&h[..i], &h[i + sep.len()..]);
            if is_site(tail, tail_sites) && crate::text::word_count(head) >= 3 {
                return head.trim().to_string();
            }
        }
    }
    h.to_string()
}

/// The first `<h1>` whose words (site tail removed) begin with all the words of a stripped
/// title tag of at least three words, and go on: the title tag shortened the headline.
/// An `<h1>` naming a site is no candidate, nor one built of several elements (a headline
/// and a glued subtitle, a date or a link), nor one adding words before the tag's (a
/// kicker or a label such as "Thread:").
fn h1_extending(
    h1s: &[String],
    kicker_h1s: &[String],
    stripped: &[String],
    sites: &[String],
    tail_sites: &[String],
) -> Option<String> {
    // Word lists of the title tags, computed once (at most four tags).
    let tags: Vec<Vec<String>> = stripped
        .iter()
        .map(|t| words(t))
        .filter(|w| w.len() >= 3)
        .collect();
    if tags.is_empty() {
        return None;
    }
    for h in h1s.iter().take(8) {
        if sites.iter().any(|s| key(s) == key(h)) || kicker_h1s.iter().any(|k| key(k) == key(h)) {
            continue;
        }
        let h = without_site_tail(h, tail_sites);
        let hw = words(&h);
        if tags.iter().any(|tw| {
            hw.len() > tw.len()
                && hw.starts_with(tw)
                && headline_continues(after_words(&h, tw.len()))
        }) {
            return Some(h);
        }
    }
    None
}

/// The text of `h` after its first `n` words (as [`words`] splits them).
fn after_words(h: &str, n: usize) -> &str {
    let mut seen = 0;
    let mut in_word = false;
    for (i, c) in h.char_indices() {
        if c.is_alphanumeric() {
            in_word = true;
        } else if in_word {
            in_word = false;
            seen += 1;
            if seen == n {
                return &h[i..];
            }
        }
    }
    ""
}

/// Whether `rest`, the words an `<h1>` adds after a title tag's headline, go on with the
/// headline (", Reviewed by a Student", ": simply delicious!", "– with a roller") rather
/// than add a label: a date ("January 1, 2025", "02.02.2022"), a year, or a part after
/// a pipe, bullet or plus sign.
fn headline_continues(rest: &str) -> bool {
    let rest = rest.trim_start();
    let Some(first) = rest.chars().next() else {
        return false;
    };
    if !(first.is_alphabetic() || matches!(first, ':' | ',' | '(' | '-' | '–' | '—')) {
        return false;
    }
    // No four-digit number (a year, a date).
    !rest
        .split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4)
}

/// Lower-case words of a title (for overlap).
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// When `<title>` and og:title differ only by a site part ("X | Site" vs "X"), that part.
fn shared_site_part(doc: &str, og: &str) -> Option<String> {
    if doc.len() > og.len() && doc.starts_with(og) {
        let rest = doc[og.len()..].trim_start();
        for sep in SEPARATORS {
            if let Some(site) = rest.strip_prefix(sep.trim_start()) {
                let site = site.trim();
                if !site.is_empty() {
                    return Some(site.to_string());
                }
            }
        }
    }
    if doc.len() > og.len() && doc.ends_with(og) {
        let rest = doc[..doc.len() - og.len()].trim_end();
        for sep in SEPARATORS {
            if let Some(site) = rest.strip_suffix(sep.trim_end()) {
                let site = site.trim();
                if !site.is_empty() {
                    return Some(site.to_string());
                }
            }
        }
    }
    None
}

/// Whether `part` names the site: equal to (or containing, or contained in) a known site
/// name, or a domain name.
fn is_site(part: &str, sites: &[String]) -> bool {
    let pk = key(part);
    if pk.is_empty() {
        return false;
    }
    if sites.iter().any(|s| {
        let sk = key(s);
        !sk.is_empty() && (sk == pk || (sk.len() >= 4 && (pk.contains(&sk) || sk.contains(&pk))))
    }) {
        return true;
    }
    let p = part.trim().to_ascii_lowercase();
    !p.contains(' ')
        && [
            ".com", ".org", ".net", ".de", ".co", ".io", ".fr", ".uk", ".at", ".ch", ".info",
            ".es", ".it",
        ]
        .iter()
        .any(|t| p.contains(t))
}

/// Removes the site name part of a title tag: "Headline | Site", "Site - Headline",
/// "Headline - Section - Site". Without a known site name, a trailing part of at most
/// four words after a headline of at least four words is taken as the site name.
#[cfg(test)]
pub(crate) fn strip_site(t: &str, sites: &[String]) -> String {
    strip_site_confirmed(t, sites, sites, &[])
}

/// [`strip_site`], except that the unknown trailing part is kept when one of `confirm`
/// (keys of texts that name no site: the `<h1>`s) holds the text with it; `tail_sites`
/// (`sites` and the host's name) are the names recognised after the headline.
fn strip_site_confirmed(
    t: &str,
    sites: &[String],
    tail_sites: &[String],
    confirm: &[String],
) -> String {
    let t = strip_known_site(t, sites, tail_sites);
    let k = key(&t);
    if k.chars().count() >= 6 && confirm.iter().any(|c| c.contains(&k)) {
        return t;
    }
    strip_unknown_site(t, sites)
}

/// The site-name stripping of [`strip_site`] with known site names (and template words);
/// `tail_sites` are checked after the headline, `sites` before it too.
fn strip_known_site(t: &str, sites: &[String], tail_sites: &[String]) -> String {
    let mut t = t.trim().to_string();
    for _ in 0..3 {
        let mut changed = false;
        let present = ByteSet::of(&t);
        for sep in SEPARATORS {
            // Most separators are not in the title: skip the two searches.
            if !present.has_all(sep) {
                continue;
            }
            if let Some(i) = t.rfind(sep) {
                let (head, tail) = (&t[..i], &t[i + sep.len()..]);
                if is_site(tail, tail_sites) && !head.trim().is_empty() {
                    t = section_before_site(head, sep).trim().to_string();
                    changed = true;
                    break;
                }
            }
            if let Some(i) = t.find(sep) {
                let (head, tail) = (&t[..i], &t[i + sep.len()..]);
                // (A long head naming the site is a headline about it: "What happened
                // with Example Linux in 2024 / Forum / Example Linux Forums".)
                if is_site(head, sites)
                    && crate::text::word_count(head) <= 5
                    && !tail.trim().is_empty()
                {
                    t = tail.trim().to_string();
                    changed = true;
                    break;
                }
            }
        }
        if let Some(i) = t.find(": ") {
            let (head, tail) = (&t[..i], &t[i + 2..]);
            if !changed && is_site(head, sites) && !tail.trim().is_empty() {
                t = tail.trim().to_string();
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    // Template words left between the site name and the headline ("Site » Blog Archive »
    // Headline"), and separators left at either end.
    for _ in 0..3 {
        let before = t.len();
        for seg in ["blog archive", "blog archiv", "archive"] {
            for sep in SEPARATORS {
                let prefix_len = seg.len() + sep.len();
                if t.len() > prefix_len
                    && t.is_char_boundary(seg.len())
                    && t[..seg.len()].eq_ignore_ascii_case(seg)
                    && t[seg.len()..].starts_with(sep)
                {
                    t = t[prefix_len..].trim().to_string();
                }
            }
        }
        let trimmed = t
            .trim_matches(|c: char| c.is_whitespace() || "»«|·•›‹/~:–—-".contains(c))
            .to_string();
        if !trimmed.is_empty() {
            t = trimmed;
        }
        if t.len() == before {
            break;
        }
    }
    t
}

/// `head`, the title before a site part after " / ", without a last " / " part of at most
/// three words after a headline of at least four (a forum's board: "Headline / Board /
/// Forum"); other separators' section parts are left to [`strip_unknown_site`] (a slash
/// between words is often the headline's own, so only a site part after it confirms it).
fn section_before_site<'a>(head: &'a str, sep: &str) -> &'a str {
    if sep != " / " {
        return head;
    }
    match head.rfind(sep) {
        Some(i)
            if crate::text::word_count(&head[i + sep.len()..]) <= 3
                && crate::text::word_count(&head[..i]) >= 4 =>
        {
            &head[..i]
        }
        _ => head,
    }
}

/// The set of bytes a text holds: a substring search for a needle with a byte outside
/// it finds nothing, so it can be skipped.
pub(super) struct ByteSet([u64; 4]);

impl ByteSet {
    /// The bytes of `s`.
    pub(super) fn of(s: &str) -> Self {
        let mut set = [0u64; 4];
        for b in s.bytes() {
            set[usize::from(b >> 6)] |= 1 << (b & 63);
        }
        ByteSet(set)
    }

    /// Whether every byte of `needle` is in the set (`s.find(needle)` may succeed).
    pub(super) fn has_all(&self, needle: &str) -> bool {
        needle
            .bytes()
            .all(|b| self.0[usize::from(b >> 6)] & (1 << (b & 63)) != 0)
    }
}

/// The trailing part of at most four words after a headline of at least four words,
/// taken as an unknown site name.
fn strip_unknown_site(t: String, sites: &[String]) -> String {
    if sites.is_empty() || t.chars().count() > 40 {
        let present = ByteSet::of(&t);
        for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " // "] {
            if !present.has_all(sep) {
                continue;
            }
            if let Some(i) = t.rfind(sep) {
                let (head, tail) = (&t[..i], &t[i + sep.len()..]);
                if crate::text::word_count(tail) <= 4 && crate::text::word_count(head) >= 4 {
                    return head.trim().to_string();
                }
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {

    #[test]
    fn key_matches_its_definition() {
        for t in [
            "Ann Example | The Daily",
            "Größe von Evergrande – ΣΟΦΙΑ İstanbul ½ ٣ 東京 2024",
            "",
            "¶ — ·",
        ] {
            let reference: String = t
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect();
            assert_eq!(key(t), reference, "{t:?}");
        }
    }

    #[test]
    fn c1_controls_become_windows_1252_characters() {
        let fix = |t: &str| without_c1_controls(t).into_owned();
        // A windows-1252 page read as Latin-1.
        assert_eq!(fix("Now\u{96} 2x"), "Now– 2x");
        assert_eq!(fix("\u{84}Brave New Woman\u{93}"), "„Brave New Woman“");
        // Unassigned bytes are dropped.
        assert_eq!(fix("A\u{81}B"), "AB");
        // UTF-8 read as Latin-1: decoded again.
        assert_eq!(fix("Investor\u{e2}\u{80}\u{99}s Guide"), "Investor’s Guide");
        // Text that is not such bytes keeps its other characters.
        assert_eq!(fix("Größe \u{96} 東京"), "Größe – 東京");
        // Nothing to repair.
        assert_eq!(fix("Über uns – ½"), "Über uns – ½");
        assert_eq!(fix(""), "");
    }

    #[test]
    fn byte_set_keeps_every_match() {
        for t in [
            "Headline | Site",
            "A – B · C",
            "x",
            "",
            "Ünïcödé — Tïtle › Sïte",
            "a // b",
        ] {
            let set = ByteSet::of(t);
            for sep in SEPARATORS {
                assert!(set.has_all(sep) || !t.contains(sep), "{t:?} {sep:?}");
            }
        }
        assert!(!ByteSet::of("Headline - Site").has_all(" | "));
        assert!(ByteSet::of("Headline - Site").has_all(" - "));
    }
    use super::*;

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn ascii_key_is_the_unicode_key() {
        let unicode = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        };
        for t in [
            "",
            "Hello, World! 2023",
            "A-B_c|D~e\tF",
            "Ünïcode Straße",
            "x\u{7f}y",
        ] {
            assert_eq!(key(t), unicode(t), "{t}");
        }
    }

    #[test]
    fn strips_site_suffix_and_prefix() {
        let sites = vec!["Daily News".to_string()];
        assert_eq!(
            strip_site("Rain due across the region | Daily News", &sites),
            "Rain due across the region"
        );
        assert_eq!(
            strip_site("Daily News: Rain due across the region", &sites),
            "Rain due across the region"
        );
        assert_eq!(
            strip_site("Rain due across the region - Weather - Daily News", &sites),
            "Rain due across the region - Weather"
        );
        assert_eq!(
            strip_site("Rain due across the whole region - BBC News", &[]),
            "Rain due across the whole region"
        );
        assert_eq!(strip_site("Left - Right", &[]), "Left - Right");
        assert_eq!(
            strip_site("Rain due | dailynews.example.com", &[]),
            "Rain due"
        );
    }

    #[test]
    fn h1_agreeing_with_title_wins() {
        let c = Candidates {
            og: s("Rain due across the region"),
            doc: s("Rain due across the region | Daily News"),
            h1s: vec!["Menu".into(), "Rain due across the region".into()],
            ..Candidates::default()
        };
        assert_eq!(choose(&c).as_deref(), Some("Rain due across the region"));
    }

    #[test]
    fn learns_site_from_title_pair() {
        let c = Candidates {
            og: s("Rain: what to expect"),
            doc: s("Rain: what to expect – The Gazette Online Edition"),
            ..Candidates::default()
        };
        assert_eq!(choose(&c).as_deref(), Some("Rain: what to expect"));
    }

    #[test]
    fn permalink_marks_and_template_words() {
        let c = Candidates {
            doc: s("Quickstart — Example 2.0 documentation"),
            h1s: vec!["Quickstart¶".into()],
            ..Candidates::default()
        };
        assert_eq!(choose(&c).as_deref(), Some("Quickstart"));
        let sites = vec!["Time Talks".to_string()];
        assert_eq!(
            strip_site("Time Talks » Blog Archive » Cinemas go digital", &sites),
            "Cinemas go digital"
        );
        assert_eq!(strip_site("» Jens Example", &sites), "Jens Example");
    }

    #[test]
    fn kicker_element_dropped_when_a_title_tag_has_the_headline_alone() {
        let c = Candidates {
            og: s("Data of the company leaked"),
            h1s: vec!["Internal files online Data of the company leaked".into()],
            kicker_h1s: vec!["Internal files online Data of the company leaked".into()],
            ..Candidates::default()
        };
        assert_eq!(choose(&c).as_deref(), Some("Data of the company leaked"));
        // A plain-text <h1> keeps its first part.
        let c = Candidates {
            og: s("Stars ask for a new model"),
            h1s: vec!["Streaming: Stars ask for a new model".into()],
            ..Candidates::default()
        };
        assert_eq!(
            choose(&c).as_deref(),
            Some("Streaming: Stars ask for a new model")
        );
    }

    #[test]
    fn home_links() {
        assert!(is_home_href("/"));
        assert!(is_home_href("https://blog.example.org/"));
        assert!(is_home_href("https://blog.example.org"));
        assert!(is_home_href(
            "https://web.archive.org/web/2014/http://blog.example.org/"
        ));
        assert!(!is_home_href("https://blog.example.org/2024/05/post/"));
        assert!(!is_home_href("#top"));
    }

    #[test]
    fn h1_beside_a_title_tag_beginning_with_the_host() {
        let base = Candidates {
            doc: s("Exampleboard - Where communities talk about everything"),
            h1s: vec!["Best way to clean an enamelled pan".into()],
            host: s("exampleboard"),
            ..Candidates::default()
        };
        assert_eq!(
            choose(&base).as_deref(),
            Some("Best way to clean an enamelled pan")
        );
        // A short <h1> (a section heading) does not replace it.
        let c = Candidates {
            h1s: vec!["News".into()],
            ..Candidates::default()
        };
        let c = Candidates {
            doc: base.doc.clone(),
            host: base.host.clone(),
            ..c
        };
        assert_eq!(
            choose(&c).as_deref(),
            Some("Where communities talk about everything")
        );
        // Nor beside og:title, or when the first part is not the host.
        let c = Candidates {
            og: s("Where communities talk about everything"),
            ..base
        };
        assert_eq!(
            choose(&c).as_deref(),
            Some("Where communities talk about everything")
        );
        let c = Candidates {
            doc: s("Other Site - Where communities talk about everything"),
            h1s: vec!["Best way to clean an enamelled pan".into()],
            host: s("exampleboard"),
            ..Candidates::default()
        };
        assert_ne!(
            choose(&c).as_deref(),
            Some("Best way to clean an enamelled pan")
        );
    }

    #[test]
    fn repeated_h1_before_title_tags_of_other_words() {
        let h = "Everything your garden needs";
        let base = Candidates {
            og: s("Garden Tools Online | Example Hardware"),
            doc: s("Garden Tools Online | Example Hardware"),
            h1s: vec![h.into(), h.into()],
            site: s("Example Hardware"),
            ..Candidates::default()
        };
        assert_eq!(choose(&base).as_deref(), Some(h));
        // One copy, or two different <h1>s: the title tags agree.
        for h1s in [
            vec![h.to_string()],
            vec![h.to_string(), "Our offers".to_string()],
        ] {
            let c = Candidates {
                h1s,
                og: base.og.clone(),
                doc: base.doc.clone(),
                site: base.site.clone(),
                ..Candidates::default()
            };
            assert_eq!(choose(&c).as_deref(), Some("Garden Tools Online"));
        }
        // One word repeated (a section name) does not count.
        let c = Candidates {
            h1s: vec!["Gardening".into(), "Gardening".into()],
            ..base
        };
        assert_eq!(choose(&c).as_deref(), Some("Garden Tools Online"));
    }

    #[test]
    fn board_part_before_a_site_after_slashes() {
        let sites = vec!["Example Linux Forums".to_string()];
        assert_eq!(
            strip_site(
                "What changed in the installer in 2024 / Discussion / Example Linux Forums",
                &sites
            ),
            "What changed in the installer in 2024"
        );
        // The headline's own slash stays: no site part after it, or a short headline.
        assert_eq!(
            strip_site("Can fish feel / sense pain?", &sites),
            "Can fish feel / sense pain?"
        );
        assert_eq!(
            strip_site("Rain / snow warning / Example Linux Forums", &sites),
            "Rain / snow warning"
        );
    }

    /// `test` on each `<h1>` of `html`, in document order.
    fn h1_flags(html: &str, test: fn(&Dom, NodeId) -> bool) -> Vec<bool> {
        let (dom, _) = crate::dom::parse(
            html,
            crate::dom::Limits {
                max_depth: 64,
                max_nodes: 1000,
            },
        );
        dom.descendants(Dom::ROOT)
            .filter(|&i| dom.tag(i) == Some(Tag::H1))
            .map(|i| test(&dom, i))
            .collect()
    }

    #[test]
    fn label_element_before_the_headline_text() {
        let flags = h1_flags(
            "<h1><span class='label'>Info</span><span>&nbsp;</span>Graphics card guide</h1>\
             <h1> <b>Tips</b> Sharing a printer</h1>\
             <h1>Staple Tee <label>5001</label></h1>\
             <h1><span>Kicker</span><span>Headline</span></h1>\
             <h1><a href='/x'>Linked headline</a></h1>",
            has_label,
        );
        assert_eq!(flags, [true, true, false, false, false]);
    }

    #[test]
    fn logo_heading_is_a_site_name() {
        let flags = h1_flags(
            "<div class='site-branding'><h1 class='x'>Blog</h1></div>\
             <h1 class='site-title'>Pedal</h1><h1><a href='/'>Home Site</a></h1>\
             <h1 class='without-branding'>Real headline here</h1>\
             <h1><a href='/2024/post'>Linked headline</a></h1>",
            is_site_heading,
        );
        assert_eq!(flags, [true, true, true, false, false]);
        let c = Candidates {
            doc: s("Notes on repairs | Pedal Diaries"),
            h1s: vec![],
            site_headings: vec!["Pedal Diaries".into()],
            ..Candidates::default()
        };
        assert_eq!(choose(&c).as_deref(), Some("Notes on repairs"));
    }

    #[test]
    fn separator_part_kept_when_an_h1_or_the_title_pair_confirms_it() {
        // Unknown trailing part cut without confirmation...
        let c = Candidates {
            og: s("Shipyard orders fall again - banks want more"),
            ..Candidates::default()
        };
        assert_eq!(choose(&c).as_deref(), Some("Shipyard orders fall again"));
        // ...kept when an <h1> holds it.
        let c = Candidates {
            og: s("Shipyard orders fall again - banks want more"),
            h1s: vec!["Industry Shipyard orders fall again – banks want more".into()],
            kicker_h1s: vec!["Industry Shipyard orders fall again – banks want more".into()],
            ..Candidates::default()
        };
        assert_eq!(
            choose(&c).as_deref(),
            Some("Shipyard orders fall again - banks want more")
        );
        // ...and when <title> is og:title plus a site part.
        let c = Candidates {
            og: s("Report on the state of the city – what now?"),
            doc: s("Report on the state of the city – what now? – THE CITY PAPER"),
            ..Candidates::default()
        };
        assert_eq!(
            choose(&c).as_deref(),
            Some("Report on the state of the city – what now?")
        );
    }

    #[test]
    fn escaped_json_ld_and_title_tags_cut_at_a_quote() {
        let c = Candidates {
            ld: s("Tips &amp; tricks for the garden &#8211; spring"),
            ..Candidates::default()
        };
        assert_eq!(
            choose(&c).as_deref(),
            Some("Tips & tricks for the garden \u{2013} spring")
        );
        let c = Candidates {
            og: s("Mayor calls the plan "),
            ld: s("Mayor calls the plan "),
            doc: s("Mayor calls the plan \"incomplete\""),
            ..Candidates::default()
        };
        assert_eq!(
            choose(&c).as_deref(),
            Some("Mayor calls the plan \"incomplete\"")
        );
    }

    #[test]
    fn host_name_after_the_headline_is_a_site_name() {
        let c = Candidates {
            doc: s("Mesh Office Chair | NBF"),
            host: s("nbf"),
            ..Candidates::default()
        };
        assert_eq!(choose(&c).as_deref(), Some("Mesh Office Chair"));
        // Before the headline it is kept (a brand leading a landing page's title; in
        // og:title, as a `<title>` alone is split at its longest part).
        let c = Candidates {
            og: s("Nbf - Chairs for every office"),
            host: s("nbf"),
            ..Candidates::default()
        };
        assert_eq!(choose(&c).as_deref(), Some("Nbf - Chairs for every office"));
    }

    #[test]
    fn h1_holding_the_site_name_loses_it() {
        // Every candidate ends with the host's name, the <h1> too.
        let t = "Vehicle rental news and coverage | WRAL";
        let c = Candidates {
            og: s(t),
            doc: s(t),
            h1s: vec![t.into()],
            host: s("wral"),
            ..Candidates::default()
        };
        assert_eq!(
            choose(&c).as_deref(),
            Some("Vehicle rental news and coverage")
        );
        // A short head keeps its part; so does an <h1> whose part names no known site.
        for (h, host) in [
            ("Rentals | WRAL", "wral"),
            ("Rain due in the north | Weather", "wral"),
        ] {
            let c = Candidates {
                og: s(h),
                h1s: vec![h.into()],
                host: s(host),
                ..Candidates::default()
            };
            assert_eq!(choose(&c).as_deref(), Some(h));
        }
    }

    #[test]
    fn h1_agreeing_with_og_title_before_a_section_heading() {
        let c = Candidates {
            og: s("The first electron counts"),
            doc: s("News - Institute"),
            h1s: vec!["News".into(), "The first electron counts".into()],
            host: s("institute"),
            ..Candidates::default()
        };
        assert_eq!(choose(&c).as_deref(), Some("The first electron counts"));
    }

    #[test]
    fn kicker_h1_takes_the_title_tags_punctuation() {
        let h = "Flood inquiry Two resignations - and open questions";
        let c = Candidates {
            og: s("Flood inquiry: Two resignations - and open questions"),
            h1s: vec![h.into()],
            kicker_h1s: vec![h.into()],
            ..Candidates::default()
        };
        assert_eq!(
            choose(&c).as_deref(),
            Some("Flood inquiry: Two resignations - and open questions")
        );
        // A plain <h1> keeps its own punctuation.
        let c = Candidates {
            og: s("Flood inquiry: Two resignations"),
            h1s: vec!["Flood inquiry – Two resignations".into()],
            ..Candidates::default()
        };
        assert_eq!(
            choose(&c).as_deref(),
            Some("Flood inquiry – Two resignations")
        );
    }

    #[test]
    fn glued_h1_takes_the_title_tags_spacing() {
        // `<h1><span>Rail strike</span>Talks resume on Monday</h1>`
        let c = Candidates {
            og: s("Rail strike / Talks resume on Monday"),
            h1s: vec!["Rail strikeTalks resume on Monday".into()],
            ..Candidates::default()
        };
        assert_eq!(
            choose(&c).as_deref(),
            Some("Rail strike / Talks resume on Monday")
        );
        // "Rail strike:Talks" (no space after the colon) is glued too.
        let c = Candidates {
            og: s("Rail strike: Talks resume on Monday - Example News"),
            site: s("Example News"),
            h1s: vec!["Rail strike:Talks resume on Monday".into()],
            ..Candidates::default()
        };
        assert_eq!(
            choose(&c).as_deref(),
            Some("Rail strike: Talks resume on Monday")
        );
        // Spaced like the title tag, or only punctuation between the same words: the
        // <h1> as written.
        for og in ["Rail strike: talks resume", "Rail strike | talks resume ⋆"] {
            let c = Candidates {
                og: s(og),
                h1s: vec!["Rail strike – talks resume".into()],
                ..Candidates::default()
            };
            assert_eq!(choose(&c).as_deref(), Some("Rail strike – talks resume"));
        }
    }

    #[test]
    fn headline_after_a_hidden_dash() {
        let after = |h1: &str| {
            let (dom, _) = crate::dom::parse(
                &format!("<html><body>{h1}<p>Text</p></body></html>"),
                crate::dom::Limits {
                    max_depth: 256,
                    max_nodes: 10_000,
                },
            );
            let id = dom.find(Tag::H1).expect("an h1");
            after_hidden_dash(&dom, id)
        };
        assert_eq!(
            after(
                "<h1><span>Pandemic</span> <span class='visually-hidden'> - </span> \
                 <span>„It matters how people die“</span></h1>"
            )
            .as_deref(),
            Some("„It matters how people die“")
        );
        assert_eq!(
            after(
                "<h1><div><span>Zoonoses</span><span class='x_hiddendash' aria-hidden='true'> \
                 – </span><span>How damage breeds <i>epidemics</i></span></div></h1>"
            )
            .as_deref(),
            Some("How damage breeds epidemics")
        );
        // A colon joins kicker and headline; a visible dash is part of the heading; a
        // dash first has no kicker before it; nothing after it is no headline.
        for h1 in [
            "<h1><span>Basketball</span><span class='visually-hidden'>: </span><span>Fine \
             and regret</span></h1>",
            "<h1><span>Basketball</span><span> - </span><span>Fine and regret</span></h1>",
            "<h1><span class='sr-only'>-</span><span>Fine and regret</span></h1>",
            "<h1><span>Basketball</span><span class='sr-only'>-</span></h1>",
            "<h1>Fine and regret</h1>",
            "<h1></h1>",
        ] {
            assert_eq!(after(h1), None, "{h1}");
        }
    }

    #[test]
    fn h1_extending_the_title_tags_headline() {
        let tag = "Lemon cake from the tray | Baking Daily";
        let with_h1 = |h: &str, kicker: bool| Candidates {
            og: s(tag),
            doc: s(tag),
            site: s("Baking Daily"),
            h1s: vec![h.into()],
            kicker_h1s: if kicker { vec![h.into()] } else { vec![] },
            ..Candidates::default()
        };
        for h in [
            "Lemon cake from the tray: simply delicious!",
            "Lemon cake from the tray, tested by a baker",
            "Lemon cake from the tray with two glazes",
        ] {
            assert_eq!(choose(&with_h1(h, false)).as_deref(), Some(h));
        }
        // Not a longer headline: a date, a pipe part, a kicker before it, a subtitle in
        // its own element.
        for (h, kicker) in [
            ("Lemon cake from the tray January 1, 2025", false),
            ("Lemon cake from the tray | Recipes & more", false),
            ("Baking Lemon cake from the tray", false),
            ("Lemon cake from the tray Simply delicious", true),
        ] {
            assert_eq!(
                choose(&with_h1(h, kicker)).as_deref(),
                Some("Lemon cake from the tray"),
                "{h}"
            );
        }
        assert_eq!(after_words("A b, c: d", 2), ", c: d");
        assert_eq!(after_words("A b", 2), "");
        assert!(headline_continues(": simply delicious!"));
        assert!(!headline_continues(" 02.02.2022 • Club"));
        assert!(!headline_continues(" in 2025"));
        assert!(!headline_continues(""));
    }

    #[test]
    fn h1_beside_a_generic_title_tag() {
        let h = "Opening hours change in spring";
        for (doc, host) in [
            ("Home", None),
            ("Bike Workshop", Some("bikeworkshop")),
            ("", None),
        ] {
            let c = Candidates {
                doc: s(doc),
                h1s: vec![h.into()],
                host: host.map(str::to_string),
                ..Candidates::default()
            };
            assert_eq!(choose(&c).as_deref(), Some(h), "{doc}");
        }
        // A `<title>` of several words that names no site, or og:title beside it, stays.
        let c = Candidates {
            doc: s("Spring opening hours at the workshop"),
            h1s: vec!["Lorem".into()],
            ..Candidates::default()
        };
        assert_eq!(
            choose(&c).as_deref(),
            Some("Spring opening hours at the workshop")
        );
        let c = Candidates {
            og: s("Earlier opening"),
            doc: s("Home"),
            h1s: vec![h.into()],
            ..Candidates::default()
        };
        assert_eq!(choose(&c).as_deref(), Some("Earlier opening"));
    }

    #[test]
    fn h1_naming_the_host_is_a_site_name() {
        for h in ["Campfolk.org", "Campfolk", "CAMPFOLK"] {
            let c = Candidates {
                doc: s("Which tent for a wet week in Wales? - Campfolk.org"),
                h1s: vec![h.into()],
                host: s("campfolk"),
                ..Candidates::default()
            };
            assert_eq!(
                choose(&c).as_deref(),
                Some("Which tent for a wet week in Wales?"),
                "{h}"
            );
        }
        // Another host: the <h1> is the page's.
        let c = Candidates {
            doc: s("Campfolk.org - Which tent for a wet week in Wales?"),
            h1s: vec!["Campfolk.org".into()],
            host: s("example"),
            ..Candidates::default()
        };
        assert_eq!(choose(&c).as_deref(), Some("Campfolk.org"));
    }

    #[test]
    fn long_head_naming_the_site_is_no_site_part() {
        let sites = vec!["Arch Linux".to_string()];
        assert_eq!(
            strip_site(
                "What happened with Arch Linux ISO in 2024 / Discussion",
                &sites
            ),
            "What happened with Arch Linux ISO in 2024 / Discussion"
        );
        assert_eq!(
            strip_site("Arch Linux Forums / Pacman keeps failing", &sites),
            "Pacman keeps failing"
        );
    }

    #[test]
    fn headline_part_after_site_and_section_names() {
        let only_title = |t: &str| Candidates {
            doc: s(t),
            ..Candidates::default()
        };
        for t in [
            "Valley Courier : Business : Ferry operator orders two electric boats",
            "Courier > News > Lake -- Ferry operator orders two electric boats",
            "Valley Courier - Ferry operator orders two electric boats",
        ] {
            assert_eq!(
                choose(&only_title(t)).as_deref(),
                Some("Ferry operator orders two electric boats"),
                "{t}"
            );
        }
        // A headline first, parts of similar length, or og:title beside it: unchanged.
        assert_eq!(
            longest_part("Ferry operator orders two boats | Lake | Courier"),
            None
        );
        assert_eq!(longest_part("Lake news today - Ferry orders boats"), None);
        assert_eq!(longest_part("One part only"), None);
        let c = Candidates {
            og: s("Ferry news"),
            doc: s("Valley Courier : Business : Ferry operator orders two electric boats"),
            ..Candidates::default()
        };
        assert_eq!(choose(&c).as_deref(), Some("Ferry news"));
    }

    #[test]
    fn short_h1_after_a_longer_title_part_is_a_site_or_section_name() {
        for (doc, h) in [
            (
                "Choosing a Hand Plane - The Woodshop Handbook",
                "The Woodshop Handbook",
            ),
            (
                "Ferry gets a new timetable - Local News - Courier",
                "Local News",
            ),
            ("Ferry gets a new timetable | News | Courier", "News"),
        ] {
            // (The site name known, as the host's label.)
            let c = Candidates {
                doc: s(doc),
                h1s: vec![h.into()],
                host: s("courier"),
                ..Candidates::default()
            };
            let want = doc
                .split(" - ")
                .next()
                .unwrap()
                .split(" | ")
                .next()
                .unwrap();
            assert_eq!(choose(&c).as_deref(), Some(want), "{doc}");
        }
        // The <h1> stays: first in the tag, not shorter than the part before it, a long
        // headline after a site name, or og:title beside it.
        for (doc, og, h) in [
            ("Lake Ferry - Harbour Ferry timetable", None, "Lake Ferry"),
            (
                "Strong Coffee - Dark Roast Coffee",
                None,
                "Dark Roast Coffee",
            ),
            (
                "Valley Courier - Ferry gets a new timetable today",
                None,
                "Ferry gets a new timetable today",
            ),
            (
                "Ferry gets a new timetable - Local News",
                Some("Local News"),
                "Local News",
            ),
        ] {
            let c = Candidates {
                doc: s(doc),
                og: og.map(str::to_string),
                h1s: vec![h.into()],
                ..Candidates::default()
            };
            assert_eq!(choose(&c).as_deref(), Some(h), "{doc}");
        }
        assert!(is_later_part("News", "Ferry news today | News | Site", &[]));
        let site = "Valley Courier Online".to_string();
        assert!(!is_later_part(
            "News",
            "Valley Courier Online | News",
            &[site]
        ));
        assert!(!is_later_part("News", "Example.com | News", &[]));
        assert!(!is_later_part(
            "Five words in this heading",
            "Six words are in this part | Five words in this heading",
            &[]
        ));
    }

    #[test]
    fn h2_holding_the_title_tags_first_part() {
        let with_h2 = |doc: &str, og: Option<&str>, h2: &str| Candidates {
            doc: s(doc),
            og: og.map(str::to_string),
            h2s: vec!["Comments".into(), h2.into()],
            ..Candidates::default()
        };
        for (doc, og) in [
            ("Spring comes early this year | Garden Notes and more", None),
            (
                "Spring comes early this year - Ferienvilla",
                Some("Spring comes early this year - Ferienvilla"),
            ),
        ] {
            let c = with_h2(doc, og, "Spring comes early this year");
            assert_eq!(
                choose(&c).as_deref(),
                Some("Spring comes early this year"),
                "{doc}"
            );
        }
        // A site name first (shorter than half the headline, or the host's), one word, or
        // no separator: unchanged.
        assert_eq!(
            h2_title_part(
                &["City Radio".into()],
                [
                    &None,
                    &s("City Radio - Spring comes early this year in the north")
                ],
                &[]
            ),
            None
        );
        assert_eq!(
            h2_title_part(
                &["Garden Notes".into()],
                [&None, &s("Garden Notes - Spring comes early")],
                &["gardennotes".into()]
            ),
            None
        );
        assert_eq!(
            h2_title_part(&["Spring".into()], [&None, &s("Spring - Garden")], &[]),
            None
        );
        assert_eq!(
            h2_title_part(
                &["Spring is here".into()],
                [&None, &s("Spring is here")],
                &[]
            ),
            None
        );
    }

    #[test]
    fn h1_beginning_with_the_site_part_is_a_banner() {
        let banner = "Pedal Club e.V. Association for city cycling";
        let c = Candidates {
            doc: s("Winter tyres | Pedal Club e.V."),
            h1s: vec![banner.into()],
            ..Candidates::default()
        };
        assert_eq!(choose(&c).as_deref(), Some("Winter tyres"));
        // Holding the part before it: the <h1> stays.
        let h = "Pedal Club e.V. wins a prize for city cycling";
        let c = Candidates {
            doc: s("Pedal Club e.V. wins a prize | Pedal Club e.V."),
            h1s: vec![h.into()],
            ..Candidates::default()
        };
        assert_eq!(choose(&c).as_deref(), Some(h));
        assert_eq!(end_parts("A | B - C"), Some(("A", "C")));
        assert_eq!(end_parts("A - B"), Some(("A", "B")));
        assert_eq!(end_parts("A-B"), None);
        assert_eq!(end_parts("Winter tyres"), None);
    }

    #[test]
    fn breadcrumb_h1_beside_a_kicker_h2() {
        let crumb = "Transport: City orders forty new trams";
        let base = Candidates {
            og: s("City buys trams after years of delays"),
            ld: s(crumb),
            doc: s("Transport: City orders forty new trams - Herald"),
            h1s: vec![crumb.to_string()],
            crumb_h1s: vec![crumb.to_string()],
            kicker_h2: Some((
                "Public transport City buys trams after years of delays".to_string(),
                "City buys trams after years of delays".to_string(),
            )),
            ..Candidates::default()
        };
        // The <h2>'s headline element is og:title.
        assert_eq!(
            choose(&base).as_deref(),
            Some("City buys trams after years of delays")
        );
        // An <h1> outside a breadcrumb trail is the headline.
        let c = Candidates {
            crumb_h1s: Vec::new(),
            ..base
        };
        assert_eq!(choose(&c).as_deref(), Some(crumb));
        // A trail repeating the <h2> (kicker and headline) leaves the choice to the other
        // rules.
        let c = Candidates {
            crumb_h1s: vec!["Public transport: City buys trams after years of delays".into()],
            h1s: vec!["Public transport: City buys trams after years of delays".into()],
            ld: s("Public transport: City buys trams after years of delays"),
            kicker_h2: Some((
                "Public transport City buys trams after years of delays".to_string(),
                "City buys trams after years of delays".to_string(),
            )),
            ..Candidates::default()
        };
        assert_eq!(
            choose(&c).as_deref(),
            Some("Public transport: City buys trams after years of delays")
        );
    }

    #[test]
    fn json_ld_headline_without_agreement() {
        let c = Candidates {
            ld: s("Bridge reopens after repairs"),
            doc: s("Home"),
            ..Candidates::default()
        };
        assert_eq!(choose(&c).as_deref(), Some("Bridge reopens after repairs"));
    }
}
