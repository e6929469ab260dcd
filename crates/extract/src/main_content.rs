//! Main-content stage: find the article's container in the tree, prune what does not belong,
//! and convert what is left into [`Block`]s.
//!
//! The selection follows the content-scoring idea of Readability (text-bearing blocks vote for
//! their ancestors; link-heavy and boilerplate-named containers lose), over gleaner's arena tree
//! with all per-node statistics computed in one bottom-up pass. Attempts run with progressively
//! fewer pruning rules until enough text is found.

use crate::article::{self, Block};
use crate::dom::{Dom, Kind, NodeId, Tag, NONE};
use crate::metadata::Meta;
use crate::options::Options;
use crate::Rejection;

mod blocks;
mod classify;
mod patterns;

pub use classify::{feature_names, TrainingBlock};

/// Pruning rules an attempt applies (later attempts switch some off).
#[derive(Debug, Clone, Copy)]
struct Flags {
    strip_unlikely: bool,
    weight_classes: bool,
    clean_conditionally: bool,
    /// Read `<noscript>` fallbacks that hold real text (some sites serve the text only there).
    noscript: bool,
}

/// A body shorter than this (in characters) makes the next attempt run with fewer rules.
const CHAR_THRESHOLD: usize = 500;

pub(crate) fn extract(dom: &Dom, meta: &Meta, opts: &Options) -> Result<Vec<Block>, Rejection> {
    let names = page_names(dom);
    let mut blocks = select(dom, meta, opts, &names);
    // A would-be rejection: perhaps the page hides all of its text until a script runs.
    if !article::has_words(&blocks, opts.min_words.max(1)) {
        if let Some(shown) = unhide_wrappers(dom, &names) {
            let retry = select(dom, meta, opts, &shown);
            if article::word_count(&retry) > article::word_count(&blocks) {
                blocks = retry;
            }
        }
    }
    // Still too little: perhaps that is all the page says.
    if !article::has_words(&blocks, opts.min_words.max(1)) {
        if let Some(all) = tiny_page(dom, meta.title.as_deref(), opts, &names) {
            if article::word_count(&all) > article::word_count(&blocks) {
                blocks = all;
            }
        }
    }
    // Little text: perhaps a script renders the article from data in the page.
    if !article::has_words(&blocks, SCRIPT_ARTICLE_BELOW_WORDS.max(opts.min_words)) {
        if let Some(html) = script_article_html(dom) {
            let found = blocks::from_plain_text(&html, meta.title.as_deref());
            if article::word_count(&found) > 2 * article::word_count(&blocks) {
                blocks = found;
            }
        }
    }
    if blocks.is_empty() {
        Err(Rejection::no_article("no text-bearing content"))
    } else {
        Ok(blocks)
    }
}

/// A body found with fewer words than this (or than `min_words`) asks the page's script
/// data for the article ([`script_article_html`]), which replaces the body when it has
/// more than twice the words.
const SCRIPT_ARTICLE_BELOW_WORDS: usize = 60;

/// Paragraph tags ("<p>" or "<p ", any case, "<" perhaps escaped as `\u003c`) that a
/// string in a script must hold to be read as the article's HTML.
const SCRIPT_ARTICLE_PARAGRAPHS: usize = 3;

/// Shortest string (in bytes, as written in the script) read as the article's HTML.
const SCRIPT_ARTICLE_MIN_BYTES: usize = 500;

/// The article's HTML as a client-rendered page carries it in script data (the state a
/// framework hydrates from: `"contentHtml":"\u003cp\u003e..."`): the longest JSON string
/// literal of the page's inline scripts that holds at least [`SCRIPT_ARTICLE_PARAGRAPHS`]
/// paragraph tags, decoded. Only asked for a page whose body came out shorter than
/// [`SCRIPT_ARTICLE_BELOW_WORDS`]; one pass over the scripts' text, no recursion.
fn script_article_html(dom: &Dom) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    for i in 0..dom.nodes.len() {
        let id = i as NodeId;
        if dom.tag(id) != Some(Tag::Script) || dom.attr(id, "src").is_some() {
            continue;
        }
        for c in dom.children(id) {
            let Some(t) = dom.text(c) else { continue };
            for lit in json_strings(t) {
                if lit.len() >= SCRIPT_ARTICLE_MIN_BYTES
                    && best.as_ref().is_none_or(|(n, _)| lit.len() > *n)
                    && paragraph_tags(lit) >= SCRIPT_ARTICLE_PARAGRAPHS
                {
                    // Not JSON (a script's own string syntax): not read. A consent manager's
                    // notice (its configuration holds the text of the banner) is not the
                    // article either.
                    if let Ok(html) = serde_json::from_str::<String>(lit) {
                        if !is_consent_notice(&html) {
                            best = Some((lit.len(), html));
                        }
                    }
                }
            }
        }
    }
    best.map(|(_, html)| html)
}

/// Words of a cookie or consent notice (ASCII, compared in any case).
const CONSENT_WORDS: &[&[u8]] = &[
    b"cookie",
    b"consent",
    b"gdpr",
    b"privacy policy",
    b"personal data",
    b"legitimate interest",
    b"datenschutz",
    b"einwilligung",
    b"donn\xc3\xa9es personnelles",
];

/// A cookie or consent notice rather than an article: at least three of
/// [`CONSENT_WORDS`] occur in it. Asked only of the script-data candidates of a page with
/// little text.
fn is_consent_notice(html: &str) -> bool {
    let b = html.as_bytes();
    CONSENT_WORDS
        .iter()
        .filter(|w| crate::text::contains_ascii_ci(b, w))
        .count()
        >= 3
}

/// The double-quoted string literals of a script, quotes included (a backslash escapes the
/// next byte). An unterminated literal ends the scan.
fn json_strings(t: &str) -> impl Iterator<Item = &str> {
    let b = t.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            if b[i] != b'"' {
                i += 1;
                continue;
            }
            let start = i;
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            if i >= b.len() {
                return None;
            }
            i += 1;
            // Both ends are ASCII quotes: char boundaries.
            return t.get(start..i);
        }
        None
    })
}

/// How many paragraph start tags a (JSON-escaped) HTML string holds.
fn paragraph_tags(s: &str) -> usize {
    let b = s.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        let after = if rest[0] == b'<' {
            Some(1)
        } else if rest.len() >= 6 && rest[..6].eq_ignore_ascii_case(b"\\u003c") {
            Some(6)
        } else {
            None
        };
        if let Some(k) = after {
            let tag = &rest[k..];
            if tag.len() >= 2
                && tag[0].eq_ignore_ascii_case(&b'p')
                && matches!(tag[1], b'>' | b' ' | b'\\')
            {
                n += 1;
            }
            i += k;
        } else {
            i += 1;
        }
    }
    n
}

/// Whether `blocks`, the body found for a page, is enough to make an article: at least
/// `min_words` words ([`Options::with_min_words`]), or the whole text of a page that says
/// almost nothing else ([`tiny_page`]). Only the second needs work, and only on pages
/// that would be rejected.
pub(crate) fn enough_text(
    dom: &Dom,
    title: Option<&str>,
    opts: &Options,
    blocks: &[Block],
) -> bool {
    if article::has_words(blocks, opts.min_words) {
        return true;
    }
    if blocks.is_empty() {
        return false;
    }
    let names = page_names(dom);
    tiny_page(dom, title, opts, &names).is_some_and(|all| all == blocks)
}

/// A page that shows fewer words than this (and than `min_words`) in all is tiny.
const TINY_PAGE_WORDS: usize = 10;

/// The whole text of a tiny page, one whose body shows fewer than `min_words` and fewer
/// than [`TINY_PAGE_WORDS`] words in all (menus, buttons and forms included: [`Visible`]):
/// every block of it, untrimmed, as the article. Test pages, stubs and minimal documents
/// are their text; the edge trimming would take all of such a page for scraps. Only for a static page: no scripts, frames or embedded objects
/// and no refresh (a page that loads, writes or redirects to its text says more than its
/// markup shows: a countdown "1 Secs" is not an article). Not for an error page: a block
/// that copies the headline (a page that names itself: "404 Not Found") or text naming an
/// HTTP error (a number 400-599, "not found", "error"). Not when most of the text is in
/// links that lead somewhere (a page of a few links is an index); links that lead nowhere
/// (no `href`, `#`, `javascript:`) only work inside the page and are text.
fn tiny_page(
    dom: &Dom,
    title: Option<&str>,
    opts: &Options,
    names: &[patterns::Names],
) -> Option<Vec<Block>> {
    if !is_static(dom) {
        return None;
    }
    let body = dom.find(Tag::Body).unwrap_or(Dom::ROOT);
    let seen = visible_text(dom, body, names);
    if seen.words >= opts.min_words.min(TINY_PAGE_WORDS)
        || seen.linked.saturating_mul(2) > seen.chars
    {
        return None;
    }
    let (raw, _) = body_blocks(dom, opts, names);
    if !article::has_words(&raw.blocks, 1) || raw.blocks.iter().any(|b| names_an_error(&b.text())) {
        return None;
    }
    let mut keep = vec![true; raw.blocks.len()];
    blocks::drop_title_copy(&raw.blocks, &mut keep, title);
    if keep.contains(&false) {
        return None;
    }
    Some(raw.blocks)
}

/// Whether the page is static: no script (JSON-LD and other data blocks aside), frame or
/// embedded object, and no `<meta http-equiv=refresh>`.
fn is_static(dom: &Dom) -> bool {
    (0..dom.nodes.len()).all(|i| {
        let id = i as NodeId;
        match dom.tag(id) {
            Some(Tag::Script) => dom.attr(id, "type").is_some_and(|t| {
                let t = t.trim();
                !(t.is_empty()
                    || t.eq_ignore_ascii_case("module")
                    || t.to_ascii_lowercase().contains("javascript")
                    || t.to_ascii_lowercase().contains("ecmascript"))
            }),
            Some(
                Tag::Iframe | Tag::Frame | Tag::Frameset | Tag::Object | Tag::Embed | Tag::Applet,
            ) => false,
            Some(Tag::Meta) => !dom
                .attr(id, "http-equiv")
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("refresh")),
            _ => true,
        }
    })
}

/// Whether a short text names an HTTP error: a number from 400 to 599 standing alone, or
/// "not found" or "error" (any case).
fn names_an_error(t: &str) -> bool {
    let lower = t.to_lowercase();
    if lower.contains("not found") || lower.contains("error") {
        return true;
    }
    let b = t.as_bytes();
    (0..b.len().saturating_sub(2)).any(|i| {
        b[i..i + 3].iter().all(u8::is_ascii_digit)
            && (b[i] == b'4' || b[i] == b'5')
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 3).is_none_or(|c| !c.is_ascii_digit())
    })
}

/// Every block of the page's body with only hidden and non-content subtrees pruned, and
/// the pruned nodes.
fn body_blocks(dom: &Dom, opts: &Options, names: &[patterns::Names]) -> (blocks::Raw, Vec<bool>) {
    let n = dom.nodes.len();
    let mut cx = Ctx {
        dom,
        flags: Flags {
            strip_unlikely: false,
            weight_classes: true,
            clean_conditionally: false,
            noscript: false,
        },
        dead: vec![false; n],
        stats: Vec::new(),
        score: Vec::new(),
        scored: Vec::new(),
        names,
    };
    cx.prune();
    let removed = vec![false; n];
    let body = dom.find(Tag::Body).unwrap_or(Dom::ROOT);
    let mut conv = blocks::Converter::new(dom, &cx.dead, &removed, opts);
    conv.convert(body);
    (conv.into_raw(), cx.dead)
}

/// What a reader sees of a page's body: hidden elements, scripts, styles and templates
/// aside, but menus, buttons and forms counted.
#[derive(Debug, Default)]
struct Visible {
    /// Words (counted per text node).
    words: usize,
    /// Characters.
    chars: u32,
    /// Characters inside links that lead somewhere ([`leads_somewhere`]).
    linked: u32,
}

/// [`Visible`] text under `root`.
fn visible_text(dom: &Dom, root: NodeId, names: &[patterns::Names]) -> Visible {
    let mut v = Visible::default();
    // The end of the outermost link that leads somewhere (the node after its subtree).
    let mut link_end = NONE;
    let mut in_link = false;
    let mut d = root;
    while d != NONE {
        if in_link && d == link_end {
            in_link = false;
        }
        match &dom.node(d).kind {
            Kind::Element { tag, .. }
                if names[d as usize].hidden
                    || matches!(
                        tag,
                        Tag::Script | Tag::Style | Tag::Template | Tag::Noscript | Tag::Head
                    )
                    || *tag == Tag::Other && patterns::is_math_annotation(dom, d) =>
            {
                d = dom.skip_subtree(d, root);
                continue;
            }
            Kind::Element { tag: Tag::A, .. } if !in_link && leads_somewhere(dom, d) => {
                in_link = true;
                // NONE when the link runs to the end of the walk.
                link_end = dom.skip_subtree(d, root);
            }
            Kind::Text(_) => {
                let t = dom.text(d).unwrap_or("");
                let n = measure(t).0;
                v.words += crate::text::word_count(t);
                v.chars = v.chars.saturating_add(n);
                if in_link {
                    v.linked = v.linked.saturating_add(n);
                }
            }
            _ => {}
        }
        d = dom.next_in_order(d, root);
    }
    v
}

/// Whether a link's `href` leads somewhere (not empty, not `#...`, not `javascript:`).
fn leads_somewhere(dom: &Dom, a: NodeId) -> bool {
    let Some(href) = dom.attr(a, "href") else {
        return false;
    };
    let h = href.trim();
    !(h.is_empty()
        || h.starts_with('#')
        || h.get(..11)
            .is_some_and(|s| s.eq_ignore_ascii_case("javascript:")))
}

/// The rules' selection refined by the learned block selection.
fn select(dom: &Dom, meta: &Meta, opts: &Options, names: &[patterns::Names]) -> Vec<Block> {
    let rules = by_rules(dom, meta, opts, names).unwrap_or_default();
    classify::refine(dom, meta, opts, rules, names)
}

/// Text (outside links) that makes an element named after a newsletter the content of a
/// newsletter issue rather than a sign-up box.
const NEWSLETTER_ISSUE_CHARS: u32 = 2000;

/// The names of every element ([`patterns::all_names`]) with the page-level corrections:
/// long newsletter issues relieved ([`relieve_long_newsletters`]) and collapsed panels
/// shown ([`show_collapsed_panels`]).
fn page_names(dom: &Dom) -> Vec<patterns::Names> {
    let mut names = patterns::all_names(dom);
    relieve_long_newsletters(dom, &mut names);
    show_collapsed_panels(dom, &mut names);
    page_wide_names(dom, &mut names);
    names
}

/// The class and id of `<html>` and `<body>` name the whole page (a CMS's theme settings:
/// `tweak-blog-read-more-style-show`; page states: `modal-open`, `cookie-banner-shown`), not
/// a part of it: they never make the page teaser, consent or sign-up furniture (which
/// would veto every block the rules did not keep).
fn page_wide_names(dom: &Dom, names: &mut [patterns::Names]) {
    for tag in [Tag::Html, Tag::Body] {
        if let Some(id) = dom.find(tag) {
            let n = &mut names[id as usize];
            n.furniture = false;
            n.strong = false;
        }
    }
}

/// An element that is sign-up furniture only because its class or id says "newsletter"
/// ([`patterns::without_newsletter`]) and that holds at least [`NEWSLETTER_ISSUE_CHARS`]
/// of text outside links is an issue of the newsletter (the page's article), not a sign-up
/// box: it is judged as if its names did not say "newsletter". Only the subtrees of such
/// elements are walked, each until the threshold is reached.
fn relieve_long_newsletters(dom: &Dom, names: &mut [patterns::Names]) {
    for (i, n) in names.iter_mut().enumerate() {
        if !n.strong {
            continue;
        }
        let id = i as NodeId;
        let Some(relieved) = patterns::without_newsletter(dom, id, *n) else {
            continue;
        };
        if unlinked_text_reaches(dom, id, NEWSLETTER_ISSUE_CHARS) {
            *n = relieved;
        }
    }
}

/// Text (outside links) that makes a hidden collapsible panel part of the page's text.
const PANEL_CHARS: u32 = 100;

/// A hidden element named as a collapsible panel (accordion section, tab panel, FAQ answer:
/// [`patterns::Names::panel`]) that holds at least [`PANEL_CHARS`] of text outside links is
/// shown: its text is the page's, folded away until the reader opens it. A collapsed menu
/// (mostly links), a small widget, or a panel that is also a consent, sign-up or modal box
/// or has a dialog or menu role stays hidden.
/// Only the subtrees of such elements are walked, each until the threshold is reached.
fn show_collapsed_panels(dom: &Dom, names: &mut [patterns::Names]) {
    for (i, n) in names.iter_mut().enumerate() {
        if n.hidden
            && n.panel
            && !n.strong
            && !n.role
            && unlinked_text_reaches(dom, i as NodeId, PANEL_CHARS)
        {
            n.hidden = false;
        }
    }
}

/// Whether the subtree of `root` holds at least `min` visible characters outside links and
/// non-content elements (stops counting once it does).
fn unlinked_text_reaches(dom: &Dom, root: NodeId, min: u32) -> bool {
    let mut n = 0u32;
    let mut d = dom.next_in_order(root, root);
    while d != NONE {
        match &dom.node(d).kind {
            Kind::Element { tag, .. } if *tag == Tag::A || patterns::never_content(*tag) => {
                d = dom.skip_subtree(d, root);
                continue;
            }
            Kind::Text(_) => {
                n += dom.text(d).map_or(0, |t| measure(t).0);
                if n >= min {
                    return true;
                }
            }
            _ => {}
        }
        d = dom.next_in_order(d, root);
    }
    false
}

/// For a page that would be rejected: `names` with every hidden element that holds at
/// least half of the body's text shown again, or `None` when no hidden element does.
/// Client-rendered pages often ship the whole server-rendered page inside a wrapper with
/// `visibility:hidden` (or `display:none`) that a script reveals; a hidden menu or dialog
/// holds far less than half of the text and stays hidden.
fn unhide_wrappers(dom: &Dom, names: &[patterns::Names]) -> Option<Vec<patterns::Names>> {
    let n = dom.nodes.len();
    // Visible characters under each element, hidden or not, outside non-content elements.
    let mut len = vec![0u32; n];
    for i in (1..n).rev() {
        let node = &dom.nodes[i];
        let own = match &node.kind {
            Kind::Text(_) => dom.text(i as NodeId).map_or(0, |t| measure(t).0),
            Kind::Element { tag, .. }
                if !patterns::never_content(*tag)
                    && *tag != Tag::Noscript
                    && !patterns::is_math_annotation(dom, i as NodeId) =>
            {
                len[i]
            }
            _ => continue,
        };
        if node.parent != NONE {
            let p = &mut len[node.parent as usize];
            *p = p.saturating_add(own);
        }
    }
    let body = dom.find(Tag::Body).unwrap_or(Dom::ROOT);
    let total = u64::from(len[body as usize]);
    if total == 0 {
        return None;
    }
    let mut shown: Option<Vec<patterns::Names>> = None;
    for (i, names_i) in names.iter().enumerate().take(n) {
        if names_i.hidden && u64::from(len[i]) * 2 >= total {
            shown.get_or_insert_with(|| names.to_vec())[i].hidden = false;
        }
    }
    shown
}

/// Every block of the page's body with the features the learned selection sees (for the
/// training tools in `tools/`).
pub(crate) fn training_blocks(dom: &Dom, meta: &Meta, opts: &Options) -> Vec<TrainingBlock> {
    let names = page_names(dom);
    let rules = by_rules(dom, meta, opts, &names).unwrap_or_default();
    classify::training_blocks(dom, meta, opts, &rules, &names)
}

/// The rule-based selection: attempts with progressively fewer pruning rules.
fn by_rules(
    dom: &Dom,
    meta: &Meta,
    opts: &Options,
    names: &[patterns::Names],
) -> Result<Vec<Block>, Rejection> {
    let full = Flags {
        strip_unlikely: true,
        weight_classes: true,
        clean_conditionally: true,
        noscript: false,
    };
    let attempts = [
        full,
        Flags {
            strip_unlikely: false,
            ..full
        },
        Flags {
            strip_unlikely: false,
            weight_classes: false,
            ..full
        },
        Flags {
            strip_unlikely: false,
            weight_classes: false,
            clean_conditionally: false,
            noscript: false,
        },
        // Last resort: pages that serve their text only in a <noscript> fallback.
        Flags {
            noscript: true,
            ..full
        },
    ];
    let mut best: Option<(usize, Vec<Block>)> = None;
    for flags in attempts {
        let blocks = attempt(dom, meta, opts, flags, names);
        let len: usize = blocks.iter().map(|b| b.text().chars().count()).sum();
        if len >= CHAR_THRESHOLD {
            return Ok(blocks);
        }
        if best.as_ref().is_none_or(|(l, _)| len > *l) {
            best = Some((len, blocks));
        }
    }
    match best {
        Some((len, blocks)) if len > 0 => Ok(blocks),
        _ => Err(Rejection::no_article("no text-bearing content")),
    }
}

/// When the page's structured data carries the article body (JSON-LD `articleBody`) and the
/// tree gave much less text (client-rendered pages, odd templates), the structured body wins.
pub(crate) fn prefer_structured_body(
    found: Result<Vec<Block>, Rejection>,
    structured: Option<&str>,
    meta: &Meta,
) -> Result<Vec<Block>, Rejection> {
    let Some(body) = structured else {
        return found;
    };
    let words = crate::text::weighted_words(body);
    if words < 50 {
        return found;
    }
    let found_words = found.as_ref().map_or(0, |b| {
        b.iter()
            .map(|x| crate::text::weighted_words(&x.text()))
            .sum::<usize>()
    });
    if found_words * 2 >= words {
        return found;
    }
    let blocks = blocks::from_plain_text(body, meta.title.as_deref());
    if blocks.is_empty() {
        found
    } else {
        Ok(blocks)
    }
}

/// Per-node statistics, computed bottom-up over the nodes that survive pruning.
#[derive(Debug, Clone, Copy, Default)]
struct Stats {
    /// Visible characters (whitespace runs count as one).
    text: u32,
    /// Characters inside links.
    link: u32,
    /// Characters in phrasing content directly under this element.
    inline_text: u32,
    commas: u32,
    inline_commas: u32,
    p: u32,
    img: u32,
    li: u32,
    input: u32,
    embed: u32,
    heading: u32,
    /// Whether any child is a block element.
    has_block_child: bool,
}

struct Ctx<'a> {
    dom: &'a Dom,
    flags: Flags,
    /// Pruned at the first stage (the node and its subtree).
    dead: Vec<bool>,
    stats: Vec<Stats>,
    score: Vec<f32>,
    scored: Vec<bool>,
    /// What each element's class and id say ([`patterns::all_names`]).
    names: &'a [patterns::Names],
}

fn attempt(
    dom: &Dom,
    meta: &Meta,
    opts: &Options,
    flags: Flags,
    names: &[patterns::Names],
) -> Vec<Block> {
    let n = dom.nodes.len();
    let mut cx = Ctx {
        dom,
        flags,
        dead: vec![false; n],
        stats: vec![Stats::default(); n],
        score: vec![0.0; n],
        scored: vec![false; n],
        names,
    };
    cx.prune();
    cx.compute_stats();
    let body = dom.find(Tag::Body).unwrap_or(Dom::ROOT);
    cx.score_paragraphs(body);
    let roots = cx.select(body);
    let mut removed = vec![false; n];
    for &r in &roots {
        cx.clean_article(r, &mut removed);
    }
    let mut conv = blocks::Converter::new(dom, &cx.dead, &removed, opts);
    for &r in &roots {
        conv.convert(r);
    }
    conv.finish(meta.title.as_deref())
}

impl Ctx<'_> {
    /// Stage 1: marks hidden, non-content and (when enabled) unlikely subtrees as dead.
    fn prune(&mut self) {
        let dom = self.dom;
        let mut id = Dom::ROOT;
        while id != NONE {
            let skip = match dom.node(id).kind {
                Kind::Element { tag, .. } => {
                    patterns::never_content(tag) && !patterns::is_heading_button(dom, id, tag)
                        || tag == Tag::Other && patterns::is_math_annotation(dom, id)
                        || self.names[id as usize].hidden
                        || tag == Tag::Noscript
                            && !(self.flags.noscript && substantial_text(dom, id))
                        || self.flags.strip_unlikely
                            && !matches!(
                                tag,
                                Tag::Body | Tag::Html | Tag::A | Tag::Article | Tag::Main
                            )
                            && (self.names[id as usize].role
                                || self.names[id as usize].unlikely
                                    && !self.inside(id, &[Tag::Table, Tag::Code, Tag::Pre]))
                }
                _ => false,
            };
            if skip {
                self.dead[id as usize] = true;
                id = dom.skip_subtree(id, Dom::ROOT);
            } else {
                id = dom.next_in_order(id, Dom::ROOT);
            }
        }
        // Propagate: parents always precede their children in the arena.
        for i in 1..dom.nodes.len() {
            let p = dom.nodes[i].parent;
            if p != NONE && self.dead[p as usize] {
                self.dead[i] = true;
            }
        }
    }

    fn inside(&self, id: NodeId, tags: &[Tag]) -> bool {
        self.dom
            .ancestors(id)
            .take(32)
            .any(|a| self.dom.tag(a).is_some_and(|t| tags.contains(&t)))
    }

    /// Stage 2: one reverse pass over the arena accumulates the statistics of each live node.
    fn compute_stats(&mut self) {
        let dom = self.dom;
        for i in (1..dom.nodes.len()).rev() {
            if self.dead[i] {
                continue;
            }
            let node = &dom.nodes[i];
            let is_block;
            match &node.kind {
                Kind::Text(r) => {
                    let s = &dom.strs[r.start as usize..r.end as usize];
                    let (len, commas) = measure(s);
                    let st = &mut self.stats[i];
                    st.text = len;
                    st.commas = commas;
                    is_block = false;
                }
                Kind::Element { tag, .. } => {
                    let tag = *tag;
                    let st = &mut self.stats[i];
                    match tag {
                        Tag::A => {
                            // In-page anchors weigh less (Readability's rule).
                            let local = dom
                                .attr(i as NodeId, "href")
                                .is_some_and(|h| h.starts_with('#'));
                            st.link = if local { st.text * 3 / 10 } else { st.text };
                        }
                        Tag::P => st.p += 1,
                        Tag::Img => st.img += 1,
                        Tag::Li => st.li += 1,
                        Tag::Input => st.input += 1,
                        Tag::Embed | Tag::Object | Tag::Iframe => st.embed += 1,
                        t if t.heading_level().is_some() => st.heading = st.text,
                        _ => {}
                    }
                    is_block = tag.is_block();
                }
                Kind::Document => continue,
            }
            let p = node.parent;
            if p == NONE {
                continue;
            }
            let c = self.stats[i];
            let ps = &mut self.stats[p as usize];
            ps.text += c.text;
            ps.link += c.link;
            ps.commas += c.commas;
            ps.p += c.p;
            ps.img += c.img;
            ps.li += c.li;
            ps.input += c.input;
            ps.embed += c.embed;
            ps.heading += c.heading;
            if is_block {
                ps.has_block_child = true;
            } else {
                ps.inline_text += c.text;
                ps.inline_commas += c.commas;
            }
        }
    }

    fn link_density(&self, id: NodeId) -> f32 {
        let s = &self.stats[id as usize];
        if s.text == 0 {
            0.0
        } else {
            s.link as f32 / s.text as f32
        }
    }

    /// Class/id weight: +25 for content-like names, -25 for boilerplate-like ones.
    fn class_weight(&self, id: NodeId) -> f32 {
        if !self.flags.weight_classes {
            return 0.0;
        }
        self.names[id as usize].weight
    }

    fn init_candidate(&mut self, id: NodeId) {
        if self.scored[id as usize] {
            return;
        }
        self.scored[id as usize] = true;
        let base = match self.dom.tag(id) {
            Some(Tag::Div) => 5.0,
            Some(Tag::Pre | Tag::Td | Tag::Blockquote) => 3.0,
            Some(
                Tag::Address
                | Tag::Ol
                | Tag::Ul
                | Tag::Dl
                | Tag::Dd
                | Tag::Dt
                | Tag::Li
                | Tag::Form,
            ) => -3.0,
            Some(Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 | Tag::Th) => -5.0,
            _ => 0.0,
        };
        self.score[id as usize] = base + self.class_weight(id);
    }

    /// Stage 3: text-bearing elements vote for their ancestors.
    fn score_paragraphs(&mut self, body: NodeId) {
        let dom = self.dom;
        let mut id = body;
        let mut units: Vec<(NodeId, u32, u32)> = Vec::new(); // (first voter, chars, commas)
        while id != NONE {
            if self.dead[id as usize] {
                id = dom.skip_subtree(id, body);
                continue;
            }
            if let Some(tag) = dom.tag(id) {
                let st = self.stats[id as usize];
                match tag {
                    Tag::P
                    | Tag::Pre
                    | Tag::Td
                    | Tag::Section
                    | Tag::H2
                    | Tag::H3
                    | Tag::H4
                    | Tag::H5
                    | Tag::H6 => {
                        units.push((dom.node(id).parent, st.text, st.commas));
                    }
                    Tag::Div | Tag::Article | Tag::Main | Tag::Center | Tag::Font | Tag::Span
                        if st.inline_text > 0 =>
                    {
                        if !st.has_block_child && tag == Tag::Div {
                            // A phrasing-only div is a paragraph.
                            units.push((dom.node(id).parent, st.text, st.commas));
                        } else if st.has_block_child {
                            // Its loose text forms paragraphs inside it.
                            units.push((id, st.inline_text, st.inline_commas));
                        }
                    }
                    _ => {}
                }
            }
            id = dom.next_in_order(id, body);
        }
        for (first, chars, commas) in units {
            if chars < 25 || first == NONE {
                continue;
            }
            let content = 1.0 + commas as f32 + (chars as f32 / 100.0).floor().min(3.0);
            let mut anc = first;
            let mut level = 0u32;
            while anc != NONE && level < 5 {
                if dom.tag(anc).is_none() || dom.node(anc).parent == NONE {
                    break;
                }
                self.init_candidate(anc);
                let div = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f32 * 3.0,
                };
                self.score[anc as usize] += content / div;
                anc = dom.node(anc).parent;
                level += 1;
            }
        }
        for i in 0..self.score.len() {
            if self.scored[i] {
                self.score[i] *= 1.0 - self.link_density(i as NodeId);
            }
        }
    }

    /// Stage 4: choose the top candidate and the siblings that belong with it.
    fn select(&mut self, body: NodeId) -> Vec<NodeId> {
        let dom = self.dom;
        let mut top: Vec<NodeId> = (0..self.score.len() as NodeId)
            .filter(|&i| self.scored[i as usize])
            .collect();
        top.sort_by(|a, b| {
            self.score[*b as usize]
                .partial_cmp(&self.score[*a as usize])
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        top.truncate(5);
        let Some(&first) = top.first() else {
            return vec![body];
        };
        if first == body || dom.tag(first) == Some(Tag::Body) {
            return vec![body];
        }
        let mut cand = first;
        let top_score = self.score[cand as usize];
        // Several strong candidates under one ancestor: the ancestor is the article.
        let alternatives: Vec<Vec<NodeId>> = top[1..]
            .iter()
            .filter(|&&c| self.score[c as usize] / top_score >= 0.75)
            .map(|&c| dom.ancestors(c).collect())
            .collect();
        if alternatives.len() >= 3 {
            let mut p = dom.node(cand).parent;
            while p != NONE && p != body {
                let containing = alternatives.iter().filter(|a| a.contains(&p)).count();
                if containing >= 3 {
                    cand = p;
                    break;
                }
                p = dom.node(p).parent;
            }
        }
        self.init_candidate(cand);
        // Climb while the parent scores comparably (the article was split into sections).
        let mut last = self.score[cand as usize];
        let threshold = last / 3.0;
        let mut p = dom.node(cand).parent;
        while p != NONE && p != body && dom.tag(p).is_some() {
            if !self.scored[p as usize] {
                p = dom.node(p).parent;
                continue;
            }
            let ps = self.score[p as usize];
            if ps < threshold {
                break;
            }
            if ps > last {
                cand = p;
                break;
            }
            last = ps;
            p = dom.node(p).parent;
        }
        // An only child stands for its parent.
        loop {
            let p = dom.node(cand).parent;
            if p == NONE || p == body || dom.tag(p).is_none() {
                break;
            }
            let live_children = dom
                .children(p)
                .filter(|&c| !self.dead[c as usize] && dom.tag(c).is_some())
                .count();
            if live_children != 1 {
                break;
            }
            cand = p;
        }
        self.init_candidate(cand);
        // Siblings.
        let parent = dom.node(cand).parent;
        if parent == NONE {
            return vec![cand];
        }
        let cand_score = self.score[cand as usize];
        let threshold = (cand_score * 0.2).max(10.0);
        let cand_class = dom.attr(cand, "class").unwrap_or("");
        let mut out = Vec::new();
        for s in dom.children(parent) {
            if s == cand {
                out.push(s);
                continue;
            }
            if self.dead[s as usize] || dom.tag(s).is_none() {
                continue;
            }
            let mut bonus = 0.0;
            if !cand_class.is_empty() && dom.attr(s, "class") == Some(cand_class) {
                bonus += cand_score * 0.2;
            }
            let take = if self.scored[s as usize] && self.score[s as usize] + bonus >= threshold {
                true
            } else if self.is_paragraph_like(s) {
                let len = self.stats[s as usize].text;
                let ld = self.link_density(s);
                let text = self.dom.text_content(s);
                let t = text.trim_end();
                (len > 80 && ld < 0.25)
                    || (len < 80 && len > 0 && ld == 0.0 && (t.contains(". ") || t.ends_with('.')))
            } else {
                false
            };
            if take {
                out.push(s);
            }
        }
        out
    }

    fn is_paragraph_like(&self, id: NodeId) -> bool {
        match self.dom.tag(id) {
            Some(Tag::P) => true,
            Some(Tag::Div) => !self.stats[id as usize].has_block_child,
            _ => false,
        }
    }

    /// Stage 5: prunes boilerplate inside the chosen container(s).
    fn clean_article(&self, root: NodeId, removed: &mut [bool]) {
        let dom = self.dom;
        let mut id = dom.next_in_order(root, root);
        while id != NONE {
            if self.dead[id as usize] {
                id = dom.skip_subtree(id, root);
                continue;
            }
            if let Some(tag) = dom.tag(id) {
                if self.should_remove(id, tag) {
                    removed[id as usize] = true;
                    id = dom.skip_subtree(id, root);
                    continue;
                }
            }
            id = dom.next_in_order(id, root);
        }
    }

    fn should_remove(&self, id: NodeId, tag: Tag) -> bool {
        let dom = self.dom;
        let st = self.stats[id as usize];
        match tag {
            Tag::Footer | Tag::Aside | Tag::Fieldset | Tag::Nav => return true,
            Tag::H1 | Tag::H2 if self.class_weight(id) < 0.0 => return true,
            _ => {}
        }
        if st.text < 500 && self.names[id as usize].share {
            return true;
        }
        if !self.flags.clean_conditionally
            || !matches!(
                tag,
                Tag::Form | Tag::Table | Tag::Ul | Tag::Ol | Tag::Div | Tag::Section | Tag::Dl
            )
        {
            return false;
        }
        if tag == Tag::Table && blocks::is_data_table(dom, id) {
            return false;
        }
        if self.inside(id, &[Tag::Code, Tag::Pre]) {
            return false;
        }
        let weight = self.class_weight(id);
        let score = if self.scored[id as usize] {
            self.score[id as usize]
        } else {
            0.0
        };
        if weight + score < 0.0 {
            return true;
        }
        if st.commas >= 10 {
            return false;
        }
        let is_list = matches!(tag, Tag::Ul | Tag::Ol) || {
            let list_text: u32 = dom
                .children(id)
                .filter(|&c| matches!(dom.tag(c), Some(Tag::Ul | Tag::Ol)))
                .map(|c| self.stats[c as usize].text)
                .sum();
            st.text > 0 && list_text as f32 / st.text as f32 > 0.9
        };
        let p = st.p as f32;
        let img = st.img as f32;
        let li = st.li as f32 - 100.0;
        let ld = self.link_density(id);
        let len = st.text;
        let heading_density = if len > 0 {
            st.heading as f32 / len as f32
        } else {
            0.0
        };
        let in_figure = self.inside(id, &[Tag::Figure]);
        (img > 1.0 && p / img < 0.5 && !in_figure)
            || (!is_list && li > p)
            || (st.input as f32 > (p / 3.0).floor())
            || (!is_list
                && heading_density < 0.9
                && len < 25
                && (img == 0.0 || img > 2.0)
                && ld > 0.0)
            || (!is_list && weight < 25.0 && ld > 0.2)
            || (weight >= 25.0 && ld > 0.5)
            || (st.embed == 1 && len < 75)
            || st.embed > 1
    }
}

/// Whether a subtree holds real text (a fallback `<noscript>` holding the page, not a
/// "please enable JavaScript" line or an image).
fn substantial_text(dom: &Dom, id: NodeId) -> bool {
    let mut n = 0u32;
    for d in dom.descendants(id) {
        if let Some(t) = dom.text(d) {
            n += measure(t).0;
            if n > 300 {
                return true;
            }
        }
    }
    false
}

/// Visible length of a text run (whitespace runs count once) and its commas.
fn measure(s: &str) -> (u32, u32) {
    let b = s.as_bytes();
    let mut len = 0u32;
    let mut commas = 0u32;
    let mut in_ws = true;
    let mut i = 0;
    while i < b.len() {
        // Eight ASCII bytes at a time: every byte other than white space counts, and a white
        // space byte counts when the byte before it is not white space.
        if let Some((spaces, commas8)) = crate::text::ascii8_spaces_commas(b, i) {
            let others = !spaces & crate::text::HIGH;
            let after_other = (others << 8) | if in_ws { 0 } else { 0x80 };
            // (The two kinds of byte are apart: one count of both; commas are rare.)
            len += (others | spaces & after_other).count_ones();
            if commas8 != 0 {
                commas += commas8.count_ones();
            }
            in_ws = spaces >> 63 != 0;
            i += 8;
            continue;
        }
        let c = b[i];
        if c < 0x80 {
            // ASCII: whitespace as `char::is_whitespace` sees it.
            i += 1;
            if matches!(c, b'\t'..=b'\r' | b' ') {
                if !in_ws {
                    len += 1;
                    in_ws = true;
                }
            } else {
                in_ws = false;
                len += 1;
                commas += (c == b',') as u32;
            }
            continue;
        }
        let Some(ch) = s.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        i += ch.len_utf8();
        if ch.is_whitespace() {
            if !in_ws {
                len += 1;
                in_ws = true;
            }
        } else {
            in_ws = false;
            len += 1;
            commas += is_comma(ch) as u32;
        }
    }
    (len, commas)
}

/// Commas of the scripts pages are written in (ASCII, Arabic, CJK and their variants).
fn is_comma(c: char) -> bool {
    matches!(
        c,
        ',' | '\u{060C}'
            | '\u{FE50}'
            | '\u{FE10}'
            | '\u{FE11}'
            | '\u{2E41}'
            | '\u{2E34}'
            | '\u{2E32}'
            | '\u{FF0C}'
            | '、'
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn article_only_in_script_data_was_rejected() {
        let para =
            |t: &str| format!("\\u003cp\\u003e{t} runs on for a while here.\\u003c/p\\u003e");
        let body: String = (0..12).map(|i| para(&format!("Sentence {i}"))).collect();
        let html = format!(
            "<body><div id=root></div><script>var s = \"<p>\" + x;\
             window.S = {{\"short\":\"{}\",\"body\":\"{body}\",\"js\":'<p>'}};</script>\
             <script src=\"a.js\">\"{body}\"</script></body>",
            para("Short")
        );
        let (dom, _) = crate::dom::parse(
            &html,
            crate::dom::Limits {
                max_depth: 64,
                max_nodes: 10_000,
            },
        );
        let got = script_article_html(&dom).expect("the body string");
        assert!(got.starts_with("<p>Sentence 0 runs"), "{got}");
        assert_eq!(paragraph_tags(&got), 12);
        // Too few paragraphs, or only in a script loaded from elsewhere: nothing.
        let few = format!(
            "<body><script>x = {{\"a\":\"{}\"}}</script></body>",
            para("x").repeat(2)
        );
        let (dom, _) = crate::dom::parse(
            &few,
            crate::dom::Limits {
                max_depth: 64,
                max_nodes: 10_000,
            },
        );
        assert_eq!(script_article_html(&dom), None);
    }

    #[test]
    fn script_data_read_a_consent_notice_as_the_article() {
        let notice = "<p>We use cookies and similar technologies to store and access \
             information on your device, to measure the audience and to show you offers.</p>\
             <p>With your consent we and our partners process personal data such as \
             identifiers and browsing data, and we combine it with data from other sources.</p>\
             <p>Some vendors rely on legitimate interest; you can object in the settings, \
             withdraw your consent at any time, or read our privacy policy to learn more \
             about how long we keep the data and whom we share it with.</p>";
        assert!(notice.len() >= SCRIPT_ARTICLE_MIN_BYTES);
        let story: String = (0..8)
            .map(|i| {
                format!("<p>Paragraph {i} of the story about the river festival and its boats.</p>")
            })
            .collect();
        assert!(story.len() >= SCRIPT_ARTICLE_MIN_BYTES);
        for (scripts, want) in [
            (format!("window.CMP = {{\"text\":\"{notice}\"}};"), None),
            (
                format!(
                    "window.CMP = {{\"text\":\"{notice}\"}}; window.S = {{\"body\":\"{story}\"}};"
                ),
                Some("<p>Paragraph 0"),
            ),
        ] {
            let html = format!("<body><div id=root>Loading</div><script>{scripts}</script></body>");
            let (dom, _) = crate::dom::parse(
                &html,
                crate::dom::Limits {
                    max_depth: 64,
                    max_nodes: 10_000,
                },
            );
            let got = script_article_html(&dom);
            match want {
                None => assert_eq!(got, None),
                Some(start) => assert!(
                    got.as_deref().is_some_and(|g| g.starts_with(start)),
                    "{got:?}"
                ),
            }
        }
        assert!(!is_consent_notice(&story));
    }

    #[test]
    fn script_string_literals_and_paragraph_tags() {
        let lits: Vec<&str> = json_strings(r#"a = "x\"y" + "é" + "open"#).collect();
        assert_eq!(lits, [r#""x\"y""#, "\"é\""]);
        // A backslash at the very end does not step past the text.
        assert_eq!(json_strings("\"ab\\").count(), 0);
        assert_eq!(
            paragraph_tags(r"<p>a</p><P class=x>b<pre>c\u003Cp\u003ed<para>"),
            3
        );
    }

    /// The plain `char`-by-`char` definition [`measure`] must agree with.
    fn measure_chars(s: &str) -> (u32, u32) {
        let mut len = 0u32;
        let mut commas = 0u32;
        let mut in_ws = true;
        for c in s.chars() {
            if c.is_whitespace() {
                if !in_ws {
                    len += 1;
                    in_ws = true;
                }
            } else {
                in_ws = false;
                len += 1;
                commas += is_comma(c) as u32;
            }
        }
        (len, commas)
    }

    fn parse(html: &str) -> Dom {
        crate::dom::parse(
            html,
            crate::dom::Limits {
                max_depth: 256,
                max_nodes: 100_000,
            },
        )
        .0
    }

    fn body_of(html: &str) -> Option<String> {
        crate::extract_str(html, None, &Options::default())
            .ok()
            .map(|x| x.article.text())
    }

    #[test]
    fn tiny_static_pages_were_rejected_under_min_words() {
        assert_eq!(
            body_of("<html><body>\n  Test\n</body></html>").as_deref(),
            Some("Test")
        );
        assert_eq!(
            body_of(
                "<title>Lazy images</title><body><article><h2>Case 1</h2><img src=a.jpg>\
                 <h2>Case 2</h2><img src=b.jpg></article></body>"
            )
            .as_deref(),
            Some("Case 1\nCase 2")
        );
        // A link that leads nowhere is text.
        assert_eq!(
            body_of("<body><a href='javascript:'><p>abc</p><p>def</p>ghi</a></body>").as_deref(),
            Some("abc\ndef\nghi")
        );
        // Ten words or more: the ordinary rule, unchanged.
        assert!(
            body_of("<body><div><div>Lorem ipsum dolor sit amet.</div></div></body>").is_some()
        );
    }

    #[test]
    fn tiny_pages_that_are_no_article_stay_rejected() {
        for html in [
            // Error pages.
            "<body><h2>404 : Page Not Found</h2></body>",
            "<body><p>Internal server error</p></body>",
            "<title>Gone</title><body><h1>Gone</h1><p>nginx</p></body>",
            // Text written, loaded or replaced by code.
            "<body><p><span id=t>1</span> Secs</p><script>count()</script></body>",
            "<body><iframe src=/story></iframe><p>Loading the story</p></body>",
            "<head><meta http-equiv=refresh content='0;url=/a'></head><body><p>Moved here</p></body>",
            // A few links.
            "<body><a href=/>Home</a> <a href=/about>About us</a></body>",
            // Nothing at all.
            "<body><div></div></body>",
        ] {
            assert_eq!(body_of(html), None, "{html}");
        }
        // A body under the minimum that is not all the page holds stays rejected.
        let mut menu = String::from("<body><p>Two words</p><nav>");
        menu.push_str(&"<a href=/x>menu link</a> ".repeat(20));
        menu.push_str("</nav></body>");
        assert_eq!(body_of(&menu), None);
    }

    #[test]
    fn page_hidden_in_a_wrapper_is_shown_on_retry_only_for_the_wrapper() {
        let dom = parse(
            "<body><div id=app style='visibility:hidden'><p>The whole article text sits here, \
             hidden until a script reveals it.</p><ul hidden><li>Menu</li></ul></div></body>",
        );
        let names = patterns::all_names(&dom);
        let shown = unhide_wrappers(&dom, &names).expect("the wrapper holds the text");
        let hidden = |n: &[patterns::Names]| -> Vec<String> {
            (0..dom.nodes.len())
                .filter(|&i| n[i].hidden)
                .map(|i| dom.tag_name(i as NodeId).to_string())
                .collect()
        };
        assert_eq!(hidden(&names), ["div", "ul"]);
        assert_eq!(hidden(&shown), ["ul"]);
    }

    #[test]
    fn hidden_menu_beside_visible_text_is_no_wrapper() {
        let dom = parse(
            "<body><p>A visible paragraph that holds most of the page's text, long enough.</p>\
             <div style='display:none'><a href=/a>Menu one</a></div></body>",
        );
        let names = patterns::all_names(&dom);
        assert!(unhide_wrappers(&dom, &names).is_none());
    }

    #[test]
    fn collapsed_faq_answers_were_dropped_as_hidden() {
        let answer = "An answer long enough to be read as the page's own running text, \
                      folded away until the reader opens the question above it.";
        let html = format!(
            "<body><div class='faq__answer' hidden><p>{answer}</p></div>\
             <div class='accordion-body' style='display:none'><p>{answer}</p></div>\
             <div class='tab' role='tabpanel' aria-hidden='true'><p>{answer}</p></div>\
             <div class='collapse navbar-collapse' hidden><a href=/a>{answer}</a></div>\
             <div class='faq__answer' hidden><p>Short answer.</p></div>\
             <div class='faq-modal' hidden><p>{answer}</p></div>\
             <div class='accordion' role='dialog' hidden><p>{answer}</p></div>\
             <div class='sidebar' hidden><p>{answer}</p></div></body>"
        );
        let dom = parse(&html);
        let mut names = patterns::all_names(&dom);
        let hidden = |n: &[patterns::Names]| -> Vec<bool> {
            (0..dom.nodes.len())
                .filter(|&i| dom.tag(i as NodeId) == Some(Tag::Div))
                .map(|i| n[i].hidden)
                .collect()
        };
        assert_eq!(hidden(&names), [true; 8]);
        show_collapsed_panels(&dom, &mut names);
        assert_eq!(
            hidden(&names),
            [false, false, false, true, true, true, true, true]
        );
    }

    #[test]
    fn labelled_region_panels_were_dropped_as_hidden() {
        let answer = "A section of the guide long enough to be read as the page's own running \
                      text, folded away until the reader opens its header above it.";
        let html = format!(
            "<body><div id=p1 role=region aria-labelledby=h1 style='display:none'><p>{answer}</p></div>\
             <div id=p2 role=region style='display:none'><p>{answer}</p></div>\
             <div id=p3 role=navigation aria-labelledby=h3 hidden><p>{answer}</p></div></body>"
        );
        let dom = parse(&html);
        let mut names = patterns::all_names(&dom);
        show_collapsed_panels(&dom, &mut names);
        let hidden: Vec<bool> = (0..dom.nodes.len())
            .filter(|&i| dom.tag(i as NodeId) == Some(Tag::Div))
            .map(|i| names[i].hidden)
            .collect();
        assert_eq!(hidden, [false, true, true]);
    }

    #[test]
    fn newsletter_issue_is_no_sign_up_box_but_a_short_or_modal_one_is() {
        let long =
            "A paragraph of the issue, long enough to be read as running text here. ".repeat(40);
        let html = format!(
            "<body><article class='newsletter-post'><p>{long}</p></article>\
             <div class='newsletter-signup'><p>Sign up for our newsletter.</p></div>\
             <div class='newsletter-modal'><p>{long}</p></div></body>"
        );
        let dom = parse(&html);
        let mut names = patterns::all_names(&dom);
        let strong = |n: &[patterns::Names]| -> Vec<String> {
            (0..dom.nodes.len())
                .filter(|&i| n[i].strong)
                .map(|i| dom.attr(i as NodeId, "class").unwrap_or("").to_string())
                .collect()
        };
        assert_eq!(
            strong(&names),
            ["newsletter-post", "newsletter-signup", "newsletter-modal"]
        );
        relieve_long_newsletters(&dom, &mut names);
        assert_eq!(strong(&names), ["newsletter-signup", "newsletter-modal"]);
        let post = (0..dom.nodes.len())
            .find(|&i| dom.attr(i as NodeId, "class") == Some("newsletter-post"))
            .unwrap();
        assert!(!names[post].unlikely);
        assert!(names[post].weight > 0.0, "'post' is a content name");
    }

    #[test]
    fn body_classes_made_the_whole_page_furniture() {
        let html = "<html class='cookie-consent-shown'><body class='tweak-blog-read-more-style-show modal-open'>\
                    <div class='read-more'><a href='/next'>Read more</a></div>\
                    <div class='modal'><p>Join us</p></div></body></html>";
        let dom = parse(html);
        let names = page_names(&dom);
        let html_el = dom.find(Tag::Html).unwrap();
        let body = dom.find(Tag::Body).unwrap();
        for id in [html_el, body] {
            let n = names[id as usize];
            assert!(!n.furniture && !n.strong, "{:?}", dom.attr(id, "class"));
        }
        // The parts inside keep their judgements.
        let part = |class: &str| {
            (0..dom.nodes.len())
                .find(|&i| dom.attr(i as NodeId, "class") == Some(class))
                .map(|i| names[i])
                .unwrap()
        };
        assert!(part("read-more").furniture);
        assert!(part("modal").strong);
    }

    proptest! {
        #[test]
        fn measure_agrees_with_the_char_definition(v in prop::collection::vec(prop::sample::select(vec![
            "a", " ", "\t", "\n", "\u{b}", "\u{1c}", ",", "\u{60c}", "\u{fe50}", "\u{ff0c}", "、",
            "\u{a0}", "\u{3000}", "\u{2009}", "é", "东", "😀",
        ]), 0..40)) {
            let s = v.concat();
            prop_assert_eq!(measure(&s), measure_chars(&s));
        }
    }
}
