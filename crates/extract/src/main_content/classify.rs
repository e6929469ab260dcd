//! Learned block selection: every text block of the page is described by a feature vector
//! (its text, its place in the tree, its neighbours, and whether the rule-based selection
//! kept it) and a gradient-boosted tree ensemble decides which blocks are the article.
//!
//! The model is trained by `tools/train_blocks.py` on the development corpora with whole
//! sites held out for validation; its trees are embedded from `model.json`. The rule-based
//! result is one of the features (stacking), so the model learns where rules go wrong: the
//! boilerplate they keep and the content they miss on pages that are not plain articles.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

use serde::Deserialize;

use super::blocks::{self, Raw};
use super::body_blocks;
use super::patterns;
use crate::article::Block;
use crate::dom::{Dom, Kind, NodeId, Tag, NONE};
use crate::metadata::Meta;
use crate::options::Options;
use crate::text::{self, weighted_words};

/// Names of the features, in vector order (the model file lists the same names).
pub(crate) const FEATURES: &[&str] = &[
    "kept",
    "k_paragraph",
    "k_heading",
    "k_item",
    "k_quote",
    "k_pre",
    "k_row",
    "k_caption",
    "heading_level",
    "ln_words",
    "ln_chars",
    "link_density",
    "terminal_punct",
    "punct_per_word",
    "commas_per_word",
    "digit_ratio",
    "capital_ratio",
    "separators",
    "copyright",
    "rel_pos",
    "ln_dist_kept",
    "before_kept",
    "after_kept",
    "ln_dups",
    "title_like",
    "in_nav",
    "in_header",
    "in_footer",
    "in_aside",
    "in_form",
    "in_article",
    "in_main",
    "ln_li_depth",
    "in_table",
    "in_figure",
    "in_link",
    "in_section",
    "neg_classes",
    "pos_classes",
    "unlikely",
    "unlikely_role",
    "share",
    "ln_depth",
    "depth_vs_kept",
    "ln_tree_dist_kept",
    "prev_ld",
    "prev_ln_words",
    "prev_kept",
    "next_ld",
    "next_ln_words",
    "next_kept",
    "page_ln_words",
    "page_kept_frac",
    "page_ln_blocks",
    "page_ln_kept_blocks",
    "page_none_kept",
    "node_p",
    "node_div",
    "node_td",
    "node_heading",
    "node_li",
    "ln_sentences",
    "avg_word_len",
    "has_at",
    "ends_colon",
    "in_list_block",
    "ln_parent_blocks",
    "furniture",
    "strongly_unlikely",
    "parent_ln_chars",
    "parent_ld",
    "grandparent_ln_chars",
    "grandparent_ld",
    "before_headline",
    "page_has_headline",
];

const N_FEATURES: usize = FEATURES.len();

/// Ancestor facts accumulated top-down over the arena (parents precede children).
#[derive(Clone, Copy, Default)]
struct Anc {
    bits: u16,
    li: u8,
    neg: u8,
    pos: u8,
    unlikely: u8,
    role: u8,
    share: u8,
    /// Inside a consent banner, sign-up box or modal: never article text.
    strong: bool,
    /// Inside a teaser, tag list, author box or recommendation widget.
    furniture: bool,
    depth: u16,
}

const B_NAV: u16 = 1;
const B_HEADER: u16 = 2;
const B_FOOTER: u16 = 4;
const B_ASIDE: u16 = 8;
const B_FORM: u16 = 16;
const B_ARTICLE: u16 = 32;
const B_MAIN: u16 = 64;
const B_TABLE: u16 = 128;
const B_FIGURE: u16 = 256;
const B_LINK: u16 = 512;
const B_SECTION: u16 = 1024;
const B_LIST: u16 = 2048;

/// The elements that hold a block the rules kept (the article's wrappers), by node id: walks
/// up from each kept block until a marked element (each element is marked once).
fn wrappers_of(dom: &Dom, raw: &Raw, kept: &[bool]) -> Vec<bool> {
    let mut wraps = vec![false; dom.nodes.len()];
    for (&node, _) in raw.nodes.iter().zip(kept).filter(|(_, &k)| k) {
        let mut a = dom.node(node).parent;
        while a != NONE && !wraps[a as usize] {
            wraps[a as usize] = true;
            a = dom.node(a).parent;
        }
    }
    wraps
}

/// Ancestor facts of every node. Consent/sign-up names on an element that wraps text the
/// rules kept (`wraps`) do not count: the article is inside it, so it is no consent box or
/// modal beside the article (a CMS's own `cmp-` component prefix, a `modal-content`
/// layout), and blocks beside the rules' choice inside it are not vetoed for it. Teaser
/// names on a wrapper still count (a post wrapper named after its related-posts box keeps
/// that box out).
fn ancestry(dom: &Dom, all_names: &[patterns::Names], wraps: &[bool]) -> Vec<Anc> {
    let mut out = vec![Anc::default(); dom.nodes.len()];
    for i in 1..dom.nodes.len() {
        let node = &dom.nodes[i];
        let mut a = if node.parent == NONE {
            Anc::default()
        } else {
            out[node.parent as usize]
        };
        if let Kind::Element { tag, .. } = node.kind {
            a.depth = a.depth.saturating_add(1);
            a.bits |= match tag {
                Tag::Nav => B_NAV,
                Tag::Header => B_HEADER,
                Tag::Footer => B_FOOTER,
                Tag::Aside => B_ASIDE,
                Tag::Form => B_FORM,
                Tag::Article => B_ARTICLE,
                Tag::Main => B_MAIN,
                Tag::Table => B_TABLE,
                Tag::Figure => B_FIGURE,
                Tag::A => B_LINK,
                Tag::Section => B_SECTION,
                Tag::Ul | Tag::Ol => B_LIST,
                _ => 0,
            };
            if tag == Tag::Li {
                a.li = a.li.saturating_add(1);
            }
            let names = all_names[i];
            if names.weight < 0.0 {
                a.neg = a.neg.saturating_add(1);
            } else if names.weight > 0.0 {
                a.pos = a.pos.saturating_add(1);
            }
            if names.unlikely {
                a.unlikely = a.unlikely.saturating_add(1);
            }
            a.strong |= names.strong && !wraps[i];
            a.furniture |= names.furniture;
            if names.share {
                a.share = a.share.saturating_add(1);
            }
            if names.role {
                a.role = a.role.saturating_add(1);
            }
        }
        out[i] = a;
    }
    out
}

fn ln1(x: f32) -> f32 {
    (1.0 + x.max(0.0)).ln()
}

/// Per-block text facts.
struct TextFacts {
    words: f32,
    chars: f32,
    link_density: f32,
}

fn text_facts(b: &Block, link: usize) -> TextFacts {
    let t = b.text();
    TextFacts {
        words: weighted_words(&t) as f32,
        chars: t.chars().count() as f32,
        link_density: if t.is_empty() {
            0.0
        } else {
            (link as f32 / t.len() as f32).min(1.0)
        },
    }
}

fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
        } else if text::is_alphanumeric(c) {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// A block's text reduced for comparisons: hashes of its lower-case letters and digits
/// (`text`) and of its letters only (`shape`), and the reduced text itself when it is no
/// longer than `keep` bytes (short blocks are compared with the headline).
struct Reduced {
    text: u64,
    shape: u64,
    empty: bool,
    shape_empty: bool,
    short: Option<String>,
}

/// ASCII letters and digits lower-cased, 0 for the other ASCII bytes.
static ASCII_ALNUM_LOWER: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        if c.is_ascii_alphanumeric() {
            t[i] = c.to_ascii_lowercase();
        }
        i += 1;
    }
    t
};

fn reduce(s: &str, keep: usize) -> Reduced {
    const FNV: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    let (mut h, mut sh) = (FNV, FNV);
    let mut len = 0usize;
    let mut shape_len = 0usize;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            i += 1;
            let l = ASCII_ALNUM_LOWER[c as usize];
            if l != 0 {
                h = (h ^ l as u64).wrapping_mul(PRIME);
                if l > b'9' {
                    sh = (sh ^ l as u64).wrapping_mul(PRIME);
                    shape_len += 1;
                }
                len += 1;
            }
            continue;
        }
        let Some(ch) = s.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        i += ch.len_utf8();
        if text::is_alphanumeric(ch) {
            for l in ch.to_lowercase() {
                h = (h ^ l as u64).wrapping_mul(PRIME);
                if !text::is_numeric(l) {
                    sh = (sh ^ l as u64).wrapping_mul(PRIME);
                    shape_len += 1;
                }
                len += l.len_utf8();
            }
        }
    }
    Reduced {
        text: h,
        shape: sh,
        empty: len == 0,
        shape_empty: shape_len == 0,
        // The reduced text itself (what `normalise` gives) only for short blocks.
        short: (len <= keep).then(|| normalise(s)),
    }
}

/// Character statistics of a block's (trimmed) text, from one walk over its bytes.
#[derive(Debug, Default, PartialEq)]
struct TextStats {
    /// `. ! ? 。 , 、 ， ; :`
    punct: u32,
    /// `, 、 ，`
    commas: u32,
    /// ASCII digits.
    digits: u32,
    /// `| · » • /`
    seps: u32,
    /// Sentence stops followed by whitespace or the end.
    sentences: u32,
    /// Whitespace-separated words.
    words: u32,
    /// Characters of those words.
    word_chars: usize,
    /// Words starting with an upper-case letter.
    caps: u32,
    has_at: bool,
    has_alpha: bool,
    /// Holds `©` (for [`has_copyright`], which then need not search the text again).
    copyright_sign: bool,
}

/// What [`text_stats`] needs to know of an ASCII byte.
const A_SPACE: u8 = 1;
const A_ALPHA: u8 = 2;
const A_UPPER: u8 = 4;
const A_AT: u8 = 8;
/// Punctuation, separators and digits: the bytes that [`text_stats`] counts.
const A_MARK: u8 = 16;

static ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        t[i] = if matches!(c, b'\t'..=b'\r' | b' ') {
            A_SPACE
        } else if c.is_ascii_uppercase() {
            A_ALPHA | A_UPPER
        } else if c.is_ascii_lowercase() {
            A_ALPHA
        } else if c == b'@' {
            A_AT
        } else if matches!(
            c,
            b'.' | b'!' | b'?' | b',' | b';' | b':' | b'|' | b'/' | b'0'..=b'9'
        ) {
            A_MARK
        } else {
            0
        };
        i += 1;
    }
    t
};

fn text_stats(t: &str) -> TextStats {
    let b = t.as_bytes();
    let mut st = TextStats::default();
    let mut prev_stop = false;
    let mut in_word = false;
    // The classes of the ASCII word bytes seen (alphabetic, `@`).
    let mut seen = 0u8;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            // ASCII by table: the same counts as the general path below.
            i += 1;
            let cls = ASCII_CLASS[c as usize];
            if cls & A_SPACE != 0 {
                in_word = false;
                st.sentences += prev_stop as u32;
                prev_stop = false;
                continue;
            }
            if !in_word {
                st.words += 1;
                st.caps += (cls & A_UPPER != 0) as u32;
            }
            in_word = true;
            st.word_chars += 1;
            seen |= cls;
            prev_stop = false;
            if cls & A_MARK != 0 {
                match c {
                    b'.' | b'!' | b'?' => {
                        st.punct += 1;
                        prev_stop = true;
                    }
                    b',' => {
                        st.punct += 1;
                        st.commas += 1;
                    }
                    b';' | b':' => st.punct += 1,
                    b'|' | b'/' => st.seps += 1,
                    b'0'..=b'9' => st.digits += 1,
                    _ => {}
                }
            }
            continue;
        }
        let Some(ch) = t.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        i += ch.len_utf8();
        let space = ch.is_whitespace();
        if space {
            in_word = false;
        } else {
            if !in_word {
                st.words += 1;
                st.caps += text::is_uppercase(ch) as u32;
            }
            in_word = true;
            st.word_chars += 1;
            st.has_alpha |= text::is_alphabetic(ch);
        }
        match ch {
            '\u{3002}' => {
                st.punct += 1;
                prev_stop = true;
                continue;
            }
            '\u{3001}' | '\u{FF0C}' => {
                st.punct += 1;
                st.commas += 1;
            }
            '\u{B7}' | '\u{BB}' | '\u{2022}' => st.seps += 1,
            '\u{A9}' => st.copyright_sign = true,
            _ if space && prev_stop => st.sentences += 1,
            _ => {}
        }
        prev_stop = false;
    }
    if prev_stop {
        st.sentences += 1;
    }
    st.has_alpha |= seen & A_ALPHA != 0;
    st.has_at = seen & A_AT != 0;
    st
}

/// A copyright line: `©` (`sign`: whether `t` holds one, as [`text_stats`] saw), or
/// "copyright" / "all rights reserved" in any ASCII case in the first 400 bytes (nothing
/// when byte 400 falls inside a character). Both phrases hold "right": one search for it,
/// then a look at the bytes around each, reads the text once.
fn has_copyright(t: &str, sign: bool) -> bool {
    const RIGHT: text::CiPattern = text::CiPattern::new(b"right");
    /// Whether `h` has `pat` (lower-case) at `at`, in any ASCII case.
    fn has_at(h: &[u8], at: usize, pat: &[u8]) -> bool {
        h.get(at..at + pat.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(pat))
    }
    sign || t.get(..t.len().min(400)).is_some_and(|h| {
        let h = h.as_bytes();
        RIGHT.starts(h).any(|i| {
            i >= 4
                && (has_at(h, i - 4, b"copy")
                    || has_at(h, i - 4, b"all ") && has_at(h, i + 5, b"s reserved"))
        })
    })
}

/// The feature vectors of all blocks of `raw`, given which block texts the rules kept.
fn features(
    dom: &Dom,
    names: &[patterns::Names],
    dead: &[bool],
    raw: &Raw,
    kept: &[bool],
    title: Option<&str>,
    veto: &mut Vec<bool>,
) -> Vec<[f32; N_FEATURES]> {
    let n = raw.blocks.len();
    let wraps = wrappers_of(dom, raw, kept);
    let anc = ancestry(dom, names, &wraps);
    let facts: Vec<TextFacts> = raw
        .blocks
        .iter()
        .zip(&raw.links)
        .map(|(b, &l)| text_facts(b, l))
        .collect();
    let total_words: f32 = facts.iter().map(|f| f.words).sum();
    let kept_words: f32 = facts
        .iter()
        .zip(kept)
        .filter(|(_, &k)| k)
        .map(|(f, _)| f.words)
        .sum();
    let kept_blocks = kept.iter().filter(|&&k| k).count();
    let first_kept = kept.iter().position(|&k| k);
    let last_kept = kept.iter().rposition(|&k| k);
    // Distance (in blocks) to the nearest kept block.
    let mut dist = vec![f32::INFINITY; n];
    let mut last = None;
    for i in 0..n {
        if kept[i] {
            last = Some(i);
        }
        if let Some(l) = last {
            dist[i] = (i - l) as f32;
        }
    }
    last = None;
    for i in (0..n).rev() {
        if kept[i] {
            last = Some(i);
        }
        if let Some(l) = last {
            dist[i] = dist[i].min((l - i) as f32);
        }
    }
    // Tree distance: how many levels up to an ancestor that holds a kept block.
    let mut holds_kept = vec![false; dom.nodes.len()];
    let mut kept_depths: Vec<u16> = Vec::new();
    for (&node, _) in raw.nodes.iter().zip(kept).filter(|(_, &k)| k) {
        kept_depths.push(anc[node as usize].depth);
        let mut a = node;
        while a != NONE && !holds_kept[a as usize] {
            holds_kept[a as usize] = true;
            a = dom.node(a).parent;
        }
    }
    kept_depths.sort_unstable();
    let median_kept_depth = kept_depths.get(kept_depths.len() / 2).copied();
    // Duplicate texts.
    let title_norm = title.map(normalise).filter(|t| !t.is_empty());
    let keep = title_norm.as_ref().map_or(0, String::len);
    let reduced: Vec<Reduced> = raw.blocks.iter().map(|b| reduce(&b.text(), keep)).collect();
    // Repeats, by text and by line shape (the letters only, so "Rate 1 star" ...
    // "Rate 5 stars" count as repeats).
    let mut counts: HashMap<u64, u32> = HashMap::default();
    let mut shape_counts: HashMap<u64, u32> = HashMap::default();
    for r in &reduced {
        if !r.empty {
            *counts.entry(r.text).or_default() += 1;
        }
        if !r.shape_empty {
            *shape_counts.entry(r.shape).or_default() += 1;
        }
    }
    // Blocks per parent element.
    let mut per_parent: HashMap<NodeId, u32> = HashMap::default();
    for &node in &raw.nodes {
        *per_parent.entry(dom.node(node).parent).or_default() += 1;
    }
    // Text and link bytes under every live node (one bottom-up pass; parents precede
    // children in the arena).
    let mut chars = vec![0u32; dom.nodes.len()];
    let mut links = vec![0u32; dom.nodes.len()];
    for i in (1..dom.nodes.len()).rev() {
        if dead[i] {
            continue;
        }
        match &dom.nodes[i].kind {
            Kind::Text(r) => chars[i] = r.end.saturating_sub(r.start),
            Kind::Element { tag: Tag::A, .. } => links[i] = chars[i],
            _ => {}
        }
        let p = dom.nodes[i].parent;
        if p != NONE {
            chars[p as usize] = chars[p as usize].saturating_add(chars[i]);
            links[p as usize] = links[p as usize].saturating_add(links[i]);
        }
    }
    let container = |id: NodeId| -> (f32, f32) {
        if id == NONE {
            return (0.0, 0.0);
        }
        let c = chars[id as usize];
        let l = links[id as usize].min(c);
        (
            ln1(c as f32),
            if c == 0 { 0.0 } else { l as f32 / c as f32 },
        )
    };
    // The headline's position among the blocks: the first heading that repeats the title,
    // else the first <h1>.
    let headline = raw
        .blocks
        .iter()
        .zip(&reduced)
        .position(|(b, r)| {
            matches!(b, Block::Heading { .. })
                && title_norm
                    .as_deref()
                    .is_some_and(|t| r.short.as_deref() == Some(t))
        })
        .or_else(|| {
            raw.blocks
                .iter()
                .position(|b| matches!(b, Block::Heading { level: 1, .. }))
        });

    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let b = &raw.blocks[i];
        let f = &facts[i];
        let node = raw.nodes[i];
        let a = anc[node as usize];
        let text = b.text();
        let t = text.trim();
        let mut v = [0f32; N_FEATURES];
        let mut k = 0;
        let mut put = |x: f32| {
            v[k] = x;
            k += 1;
        };
        put(kept[i] as u8 as f32);
        let kind = match b {
            Block::Paragraph { .. } => 0,
            Block::Heading { .. } => 1,
            Block::ListItem { .. } => 2,
            Block::Quote { .. } => 3,
            Block::Preformatted { .. } => 4,
            Block::TableRow { .. } => 5,
            Block::Caption { .. } => 6,
        };
        for j in 0..7 {
            put((kind == j) as u8 as f32);
        }
        put(match b {
            Block::Heading { level, .. } => *level as f32,
            _ => 0.0,
        });
        put(ln1(f.words));
        put(ln1(f.chars));
        put(f.link_density);
        put(t.ends_with([
            '.', '!', '?', '"', '\u{201D}', '\u{BB}', '\u{3002}', '\u{2026}', ')',
        ]) as u8 as f32);
        let TextStats {
            punct,
            commas,
            digits,
            seps,
            sentences,
            words: nw,
            word_chars: wlen,
            caps,
            has_at,
            has_alpha,
            copyright_sign,
        } = text_stats(t);
        let words = f.words.max(1.0);
        put(punct as f32 / words);
        put(commas as f32 / words);
        put(digits as f32 / f.chars.max(1.0));
        put(caps as f32 / nw.max(1) as f32);
        put(ln1(seps as f32));
        put(has_copyright(t, copyright_sign) as u8 as f32);
        put(if n > 1 {
            i as f32 / (n - 1) as f32
        } else {
            0.0
        });
        put(if dist[i].is_finite() {
            ln1(dist[i].min(50.0))
        } else {
            ln1(50.0)
        });
        put(first_kept.is_some_and(|fk| i < fk) as u8 as f32);
        put(last_kept.is_some_and(|lk| i > lk) as u8 as f32);
        let r = &reduced[i];
        put(ln1(if r.empty {
            0.0
        } else {
            counts.get(&r.text).map_or(0, |c| c - 1) as f32
        }));
        put(title_norm.as_deref().is_some_and(|tn| {
            let Some(norm) = r.short.as_deref() else {
                return false;
            };
            !norm.is_empty() && (norm == tn || tn.contains(norm) && norm.len() * 2 > tn.len())
        }) as u8 as f32);
        for bit in [
            B_NAV, B_HEADER, B_FOOTER, B_ASIDE, B_FORM, B_ARTICLE, B_MAIN,
        ] {
            put((a.bits & bit != 0) as u8 as f32);
        }
        put(ln1(a.li as f32));
        for bit in [B_TABLE, B_FIGURE, B_LINK, B_SECTION] {
            put((a.bits & bit != 0) as u8 as f32);
        }
        put(a.neg as f32);
        put(a.pos as f32);
        put(a.unlikely as f32);
        put(a.role as f32);
        put(a.share as f32);
        put(ln1(a.depth as f32));
        put(median_kept_depth.map_or(0.0, |m| a.depth as f32 - m as f32));
        let mut up = 0u32;
        let mut p = node;
        while p != NONE && !holds_kept[p as usize] && up < 60 {
            up += 1;
            p = dom.node(p).parent;
        }
        put(if p == NONE || kept_blocks == 0 {
            ln1(60.0)
        } else {
            ln1(up as f32)
        });
        let (pld, pw, pk) = if i > 0 {
            (
                facts[i - 1].link_density,
                ln1(facts[i - 1].words),
                kept[i - 1] as u8 as f32,
            )
        } else {
            (0.0, 0.0, 0.0)
        };
        put(pld);
        put(pw);
        put(pk);
        let (nld, nwd, nk) = if i + 1 < n {
            (
                facts[i + 1].link_density,
                ln1(facts[i + 1].words),
                kept[i + 1] as u8 as f32,
            )
        } else {
            (0.0, 0.0, 0.0)
        };
        put(nld);
        put(nwd);
        put(nk);
        put(ln1(total_words));
        put(if total_words > 0.0 {
            kept_words / total_words
        } else {
            0.0
        });
        put(ln1(n as f32));
        put(ln1(kept_blocks as f32));
        put((kept_blocks == 0) as u8 as f32);
        let tag = dom.tag(node);
        put((tag == Some(Tag::P)) as u8 as f32);
        put((tag == Some(Tag::Div)) as u8 as f32);
        put(matches!(tag, Some(Tag::Td | Tag::Th)) as u8 as f32);
        put(tag.and_then(Tag::heading_level).is_some() as u8 as f32);
        put((tag == Some(Tag::Li)) as u8 as f32);
        put(ln1(sentences as f32));
        put(wlen as f32 / nw.max(1) as f32);
        put(has_at as u8 as f32);
        put(t.ends_with(':') as u8 as f32);
        put((a.bits & B_LIST != 0) as u8 as f32);
        put(ln1(
            per_parent.get(&dom.node(node).parent).copied().unwrap_or(0) as f32,
        ));
        put(a.furniture as u8 as f32);
        put(a.strong as u8 as f32);
        let parent = dom.node(node).parent;
        let (pc, pl) = container(parent);
        put(pc);
        put(pl);
        let (gc, gl) = container(if parent == NONE {
            NONE
        } else {
            dom.node(parent).parent
        });
        put(gc);
        put(gl);
        put(headline.is_some_and(|h| i < h) as u8 as f32);
        put(headline.is_some() as u8 as f32);
        debug_assert_eq!(k, N_FEATURES);
        out.push(v);
        // Never article text: consent and sign-up furniture, and short lines repeated on
        // the page (image credits, "Advertisement", hidden copies).
        let repeated = !r.shape_empty && shape_counts.get(&r.shape).is_some_and(|&c| c > 1);
        let not_table = !matches!(b, Block::TableRow { .. });
        veto.push(
            a.furniture && (!kept[i] || f.link_density > 0.5)
                || !kept[i]
                    && (a.strong
                        || not_table && repeated && f.words <= 12.0
                        || not_table && !has_alpha),
        );
    }
    out
}

/// Every block of the page's body with its features, given the rule-based result.
fn page_blocks(
    dom: &Dom,
    meta: &Meta,
    opts: &Options,
    rules: &[Block],
    names: &[patterns::Names],
) -> (Raw, Vec<[f32; N_FEATURES]>, Vec<bool>) {
    let (raw, dead) = body_blocks(dom, opts, names);
    let rule_texts: Vec<std::borrow::Cow<'_, str>> = rules.iter().map(Block::text).collect();
    let rule_texts: HashSet<&str> = rule_texts.iter().map(AsRef::as_ref).collect();
    let kept: Vec<bool> = raw
        .blocks
        .iter()
        .map(|b| rule_texts.contains(b.text().as_ref()))
        .collect();
    let mut veto = Vec::with_capacity(raw.blocks.len());
    let feats = features(
        dom,
        names,
        &dead,
        &raw,
        &kept,
        meta.title.as_deref(),
        &mut veto,
    );
    (raw, feats, veto)
}

/// One block of a page with its feature vector, for training the model.
#[derive(Debug, Clone)]
pub struct TrainingBlock {
    /// The block's text.
    pub text: String,
    /// Its feature vector, in the order of [`crate::training_feature_names`].
    pub features: Vec<f32>,
}

/// The names of the features of [`TrainingBlock::features`].
pub fn feature_names() -> &'static [&'static str] {
    FEATURES
}

/// Every block of a page's body with its features (for the training tools).
pub(crate) fn training_blocks(
    dom: &Dom,
    meta: &Meta,
    opts: &Options,
    rules: &[Block],
    names: &[patterns::Names],
) -> Vec<TrainingBlock> {
    let (raw, feats, _) = page_blocks(dom, meta, opts, rules, names);
    raw.blocks
        .iter()
        .zip(feats)
        .map(|(b, f)| TrainingBlock {
            text: b.text().into_owned(),
            features: f.to_vec(),
        })
        .collect()
}

#[derive(Deserialize)]
struct Tree {
    /// Feature index of each internal node.
    f: Vec<u16>,
    /// Threshold of each internal node (go left when `x <= t`).
    t: Vec<f32>,
    /// Children of each internal node: `>= 0` internal node, `< 0` leaf `!c`.
    l: Vec<i32>,
    r: Vec<i32>,
    /// Leaf values.
    v: Vec<f32>,
}

/// The model file: trees as LightGBM trains them (see `tools/train_blocks.py`).
#[derive(Deserialize)]
struct ModelFile {
    features: Vec<String>,
    threshold: f32,
    trees: Vec<Tree>,
}

/// One node of the flattened ensemble, 8 bytes: a split, or a leaf that loops onto itself
/// (its threshold is +inf and its feature is a padding slot, always 0, and its children are
/// itself), so every walk can take the same, fixed number of steps per tree without a
/// branch on the data. The two children of a split are adjacent: the left one (`x <= t`)
/// first, the right one (`x > t`, also for NaN) after it.
#[derive(Clone, Copy)]
struct Node {
    t: f32,
    /// The feature index in bits `0..7` ([`PADDED`] slots) and the left child's index in
    /// bits `18..32` ([`NODE_CAP`] slots): both unpack already in bounds.
    link: u32,
}

/// Where [`Node::link`] holds the left child's index.
const CHILD_SHIFT: u32 = 18;
const _: () = assert!(NODE_CAP == 1 << (32 - CHILD_SHIFT));

impl Node {
    fn new(t: f32, f: usize, left: usize) -> Node {
        debug_assert!(f < PADDED && left < NODE_CAP);
        Node {
            t,
            link: ((left as u32) << CHILD_SHIFT) | (f as u32 & (PADDED as u32 - 1)),
        }
    }

    /// A leaf at `me`: it compares a padding slot (0) with +inf and stays at `me`.
    fn leaf(me: usize) -> Node {
        Node::new(f32::INFINITY, N_FEATURES, me)
    }
}

/// One tree of the flattened ensemble.
#[derive(Clone, Copy)]
struct TreeInfo {
    root: u32,
    /// Splits on the longest path from the root to a leaf.
    depth: u32,
}

/// The ensemble flattened into arrays, for cache-friendly, branch-free scoring.
struct Model {
    /// [`NODE_CAP`] slots (the unused ones are never reached), so a masked index needs
    /// no bounds check.
    nodes: Box<[Node; NODE_CAP]>,
    /// Leaf value of every node (0 for splits).
    values: Vec<f32>,
    trees: Vec<TreeInfo>,
    threshold: f32,
    /// `decided[j]`: after trees `..=j`, a block whose sum is above `.0` is selected
    /// whatever the remaining trees add, and one whose sum is below `.1` is not.
    decided: Vec<(f32, f32)>,
}

/// How many blocks walk a tree side by side (independent walks overlap in the CPU).
const LANES: usize = 8;

/// Room for the nodes of the ensemble (splits and leaves; the shipped model has about
/// 6,100). A power of two: node indices are masked instead of bounds-checked.
const NODE_CAP: usize = 1 << 14;

/// Feature vectors padded to a power of two for scoring (feature indices are masked); the
/// slots from [`N_FEATURES`] on are 0 (leaves read the first of them).
const PADDED: usize = 128;
const _: () = assert!(N_FEATURES < PADDED);

impl Model {
    /// Checks the file against [`FEATURES`] and flattens it. Every child index must point
    /// forward (pre-order), so every walk ends at a leaf within the tree's depth.
    fn compile(m: ModelFile) -> Option<Model> {
        if m.features.len() != N_FEATURES || m.features.iter().zip(FEATURES).any(|(a, b)| a != b) {
            return None;
        }
        let mut nodes: Vec<Node> = Vec::new();
        let mut out = Model {
            // Built on the heap (no 256 KiB temporary on a thread's stack).
            nodes: vec![Node::leaf(0); NODE_CAP]
                .into_boxed_slice()
                .try_into()
                .ok()?,
            values: Vec::new(),
            trees: Vec::new(),
            threshold: m.threshold,
            decided: Vec::new(),
        };
        // Bounds of what the trees from `j` on can still add, and the rounding slack:
        // every partial sum is at most `magnitude` in size, so each of the additions is off
        // by at most half an ulp of that, `magnitude * EPSILON / 2`.
        let mut rest = vec![(0.0f64, 0.0f64); m.trees.len() + 1];
        let mut magnitude = 0.0f64;
        for (j, t) in m.trees.iter().enumerate().rev() {
            let lo = t.v.iter().fold(f64::INFINITY, |a, &v| a.min(f64::from(v)));
            let hi =
                t.v.iter()
                    .fold(f64::NEG_INFINITY, |a, &v| a.max(f64::from(v)));
            if !lo.is_finite() || !hi.is_finite() {
                return None;
            }
            rest[j] = (rest[j + 1].0 + lo, rest[j + 1].1 + hi);
            magnitude += lo.abs().max(hi.abs());
        }
        // Four times the bound on the error of all the additions (which also covers
        // rounding the bounds to f32, at most `magnitude * EPSILON` each), plus a floor.
        let slack = 4.0 * (m.trees.len() as f64 + 1.0) * magnitude * f64::from(f32::EPSILON) + 1e-6;
        let thr = f64::from(m.threshold);
        out.decided = rest[1..]
            .iter()
            .map(|&(lo, hi)| ((thr + slack - lo) as f32, (thr - slack - hi) as f32))
            .collect();
        for t in m.trees {
            let n = t.f.len();
            if t.t.len() != n || t.l.len() != n || t.r.len() != n || t.v.is_empty() {
                return None;
            }
            let s0 = nodes.len();
            if s0 + n + t.v.len() > NODE_CAP {
                return None;
            }
            // Depth of every split (parents come before their children: every child index
            // of a split points forward).
            let mut depth = vec![0u32; n];
            let mut max_depth = 0u32;
            for i in 0..n {
                if t.f[i] as usize >= N_FEATURES {
                    return None;
                }
                let d = depth[i] + 1;
                max_depth = max_depth.max(d);
                for c in [t.l[i], t.r[i]] {
                    if c >= 0 {
                        if c as usize >= n || c as usize <= i {
                            return None;
                        }
                        depth[c as usize] = d;
                    } else if !c as usize >= t.v.len() {
                        return None;
                    }
                }
            }
            // Breadth-first placement: the root at `s0`, then the two children of each
            // split side by side. `order[k]` is the child code (as in `l`/`r`) placed at
            // `s0 + k`; each split and leaf is placed once.
            let root = if n == 0 { -1 } else { 0 };
            let mut order: Vec<i32> = vec![root];
            let mut seen_split = vec![false; n];
            let mut seen_leaf = vec![false; t.v.len()];
            let mut k = 0;
            while k < order.len() {
                let c = order[k];
                if c >= 0 {
                    let i = c as usize;
                    if std::mem::replace(&mut seen_split[i], true) {
                        return None;
                    }
                    nodes.push(Node::new(t.t[i], t.f[i] as usize, s0 + order.len()));
                    out.values.push(0.0);
                    order.extend([t.l[i], t.r[i]]);
                } else {
                    let j = !c as usize;
                    if std::mem::replace(&mut seen_leaf[j], true) {
                        return None;
                    }
                    nodes.push(Node::leaf(s0 + k));
                    out.values.push(t.v[j]);
                }
                if order.len() > n + t.v.len() {
                    return None;
                }
                k += 1;
            }
            out.trees.push(TreeInfo {
                root: s0 as u32,
                depth: max_depth,
            });
        }
        out.nodes[..nodes.len()].copy_from_slice(&nodes);
        Some(out)
    }

    /// Scores many blocks tree by tree (each tree stays in cache while every block walks
    /// it), [`LANES`] blocks at a time, in lock step until all have reached a leaf (at most
    /// the tree's depth; leaves loop onto themselves). The sum per block runs over the trees in order.
    /// `skip[i]` blocks are not scored (their score stays 0). (The reference for
    /// [`Model::select_all`], which the extractor uses.)
    #[cfg(test)]
    fn score_all(&self, xs: &[[f32; N_FEATURES]], skip: &[bool]) -> Vec<f32> {
        let mut out = vec![0.0f32; xs.len()];
        let live: Vec<usize> = (0..xs.len()).filter(|&i| !skip[i]).collect();
        let rows: Vec<[f32; PADDED]> = live
            .iter()
            .map(|&i| {
                let mut r = [0.0; PADDED];
                r[..N_FEATURES].copy_from_slice(&xs[i]);
                r
            })
            .collect();
        for tree in &self.trees {
            for (c, chunk) in rows.chunks(LANES).enumerate() {
                // Short chunks repeat their first block in the spare lanes.
                let lane: [&[f32; PADDED]; LANES] =
                    std::array::from_fn(|k| chunk.get(k).unwrap_or(&chunk[0]));
                let cur = self.leaves(tree, lane);
                for (k, &i) in live[c * LANES..].iter().take(chunk.len()).enumerate() {
                    out[i] += self.values[cur[k] as usize];
                }
            }
        }
        out
    }
}

impl Model {
    /// The leaves that [`LANES`] rows reach in one tree, walked in lock step until all
    /// have reached a leaf (at most the tree's depth; leaves loop onto themselves).
    #[inline]
    fn leaves(&self, tree: &TreeInfo, lane: [&[f32; PADDED]; LANES]) -> [u32; LANES] {
        let nodes: &[Node; NODE_CAP] = &self.nodes;
        let mut cur = [tree.root; LANES];
        for _ in 0..tree.depth {
            // Only a walk still on a split moves: when none moves, all are done.
            let mut moved = false;
            for k in 0..LANES {
                let nd = nodes[cur[k] as usize & (NODE_CAP - 1)];
                let x = lane[k][(nd.link & (PADDED as u32 - 1)) as usize];
                // The left child when `x <= t`, else (also for NaN) the right one.
                let next = (nd.link >> CHILD_SHIFT) + (u32::from(x <= nd.t) ^ 1);
                moved |= next != cur[k];
                cur[k] = next;
            }
            if !moved {
                break;
            }
        }
        cur
    }

    /// Which blocks the ensemble selects (score above the threshold); `skip[i]` blocks
    /// are not selected. The same decisions as comparing [`Model::score_all`]'s sums with
    /// the threshold, but a block leaves the walk as soon as its sum so far, plus the
    /// least (greatest) that the remaining trees can add, is clearly above (not above)
    /// the threshold: "clearly" by more than the rounding error of the `f32` sum
    /// ([`Model::decided`]), so the decision is the one the full sum would give.
    fn select_all(&self, xs: &[[f32; N_FEATURES]], skip: &[bool]) -> Vec<bool> {
        let mut keep = vec![false; xs.len()];
        // The blocks to score, and (by position in `ids`) their padded rows and sums.
        let ids: Vec<usize> = (0..xs.len()).filter(|&i| !skip[i]).collect();
        let rows: Vec<[f32; PADDED]> = ids
            .iter()
            .map(|&i| {
                let mut r = [0.0; PADDED];
                r[..N_FEATURES].copy_from_slice(&xs[i]);
                r
            })
            .collect();
        let mut sums = vec![0.0f32; ids.len()];
        // Positions in `ids` of the blocks still undecided.
        let mut live: Vec<usize> = (0..ids.len()).collect();
        for (j, tree) in self.trees.iter().enumerate() {
            if live.is_empty() {
                break;
            }
            for chunk in live.chunks(LANES) {
                // Short chunks repeat their first block in the spare lanes.
                let lane: [&[f32; PADDED]; LANES] =
                    std::array::from_fn(|k| &rows[chunk.get(k).copied().unwrap_or(chunk[0])]);
                let cur = self.leaves(tree, lane);
                for (k, &i) in chunk.iter().enumerate() {
                    sums[i] += self.values[cur[k] as usize];
                }
            }
            if j + 1 == self.trees.len() {
                for &p in &live {
                    keep[ids[p]] = sums[p] > self.threshold;
                }
                break;
            }
            let (above, below) = self.decided[j];
            live.retain(|&p| {
                let s = sums[p];
                if s > above {
                    keep[ids[p]] = true;
                }
                // NaN never occurs (leaf values are finite), so this is `above..=below`.
                s <= above && s >= below
            });
        }
        keep
    }
}

static MODEL: LazyLock<Option<Model>> = LazyLock::new(|| {
    serde_json::from_str::<ModelFile>(include_str!("model.json"))
        .ok()
        .and_then(Model::compile)
});

/// Refines the rule-based selection with the learned model. Falls back to the rules
/// when the model selects nothing.
pub(super) fn refine(
    dom: &Dom,
    meta: &Meta,
    opts: &Options,
    rules: Vec<Block>,
    names: &[patterns::Names],
) -> Vec<Block> {
    let Some(model) = MODEL.as_ref() else {
        return rules;
    };
    if model.trees.is_empty() {
        return rules;
    }
    let (raw, feats, veto) = page_blocks(dom, meta, opts, &rules, names);
    let mut keep = model.select_all(&feats, &veto);
    whole_tables(dom, &raw, &mut keep);
    drop_variant_copies(dom, &raw, &mut keep);
    drop_next_article(dom, &raw, &mut keep, meta.title.as_deref());
    if !keep.iter().any(|&k| k) {
        return rules;
    }
    let out = blocks::finish_selected(raw, keep, meta.title.as_deref());
    if out.is_empty() {
        rules
    } else {
        out
    }
}

/// A data table is kept or dropped as a whole: all its rows when at least half are selected,
/// or when the model keeps other text of the same container (a table inside the article).
fn whole_tables(dom: &Dom, raw: &Raw, keep: &mut [bool]) {
    // Per table: (rows, rows selected).
    let mut tables: HashMap<NodeId, (u32, u32)> = HashMap::default();
    let mut containers: HashSet<NodeId> = HashSet::default();
    for (i, b) in raw.blocks.iter().enumerate() {
        if matches!(b, Block::TableRow { .. }) {
            let e = tables.entry(raw.nodes[i]).or_default();
            e.0 += 1;
            e.1 += keep[i] as u32;
        } else if keep[i] {
            // The block's parent and grandparent (text often sits in a wrapper).
            let p = dom.node(raw.nodes[i]).parent;
            containers.insert(p);
            if p != NONE {
                containers.insert(dom.node(p).parent);
            }
        }
    }
    for (i, b) in raw.blocks.iter().enumerate() {
        if matches!(b, Block::TableRow { .. }) {
            let table = raw.nodes[i];
            let (rows, selected) = tables[&table];
            keep[i] = selected * 2 >= rows || containers.contains(&dom.node(table).parent);
        }
    }
}

/// Shortest block text (in bytes) that [`drop_variant_copies`] compares.
const VARIANT_MIN_BYTES: usize = 25;

/// Drops a kept block whose text repeats an earlier kept block's when the two sit in
/// differently styled containers: the page shows the same text in another variant
/// (responsive copies for other screen widths, a fallback or a preview of the text, a
/// reply quoting an earlier post). A repetition in containers of the same tags and classes
/// (the text itself repeated, as in a page that prints a passage twice) stays, and so do
/// blocks that are mostly link text.
fn drop_variant_copies(dom: &Dom, raw: &Raw, keep: &mut [bool]) {
    let mut first: HashMap<&str, usize> = HashMap::default();
    for (i, b) in raw.blocks.iter().enumerate() {
        if !keep[i] || matches!(b, Block::TableRow { .. }) {
            continue;
        }
        let std::borrow::Cow::Borrowed(t) = b.text() else {
            continue;
        };
        // Link text (a table of contents repeating the headings) is neither copy nor original.
        if t.len() < VARIANT_MIN_BYTES || raw.links[i] * 2 >= t.len() {
            continue;
        }
        match first.get(t) {
            None => {
                first.insert(t, i);
            }
            Some(&j) => {
                if !same_styling(dom, raw.nodes[j], raw.nodes[i]) {
                    keep[i] = false;
                }
            }
        }
    }
}

/// Kept words before the next article that [`drop_next_article`] asks for: the page's own
/// article must remain an article.
const NEXT_ARTICLE_MIN_WORDS: usize = 50;

/// Drops the next story an infinite-scroll page appends below its own: a later `<article>`
/// element with its own `<h1>` (not the page's headline), outside the `<article>` whose
/// `<h1>` is the page's headline. Everything from that article's first block on goes
/// (the story after it, and whatever follows). Only when the page's headline is known and
/// is the first article's `<h1>`, so a listing of articles (none of them the page's
/// headline) stays whole, and only when 50+ kept words come before. Pages with fewer than
/// two `<h1>` blocks (nearly all) cost one pass over the block kinds.
fn drop_next_article(dom: &Dom, raw: &Raw, keep: &mut [bool], title: Option<&str>) {
    let Some(title) = title
        .map(crate::metadata::text_key)
        .filter(|t| !t.is_empty())
    else {
        return;
    };
    let h1s: Vec<usize> = (0..raw.blocks.len())
        .filter(|&i| matches!(raw.blocks[i], Block::Heading { level: 1, .. }))
        .take(8)
        .collect();
    if h1s.len() < 2 {
        return;
    }
    // The nearest `<article>` element holding a node (or the node itself).
    // `n` and its ancestors.
    let up = |n: NodeId| (n != NONE).then(|| std::iter::once(n).chain(dom.ancestors(n)));
    let article_of = |n: NodeId| up(n)?.find(|&m| dom.tag(m) == Some(Tag::Article));
    let inside = |n: NodeId, a: NodeId| up(n).is_some_and(|mut u| u.any(|m| m == a));
    let is_title = |i: usize| crate::metadata::text_key(&raw.blocks[i].text()) == title;
    let Some((first, own)) = h1s.iter().find_map(|&i| {
        is_title(i)
            .then(|| article_of(raw.nodes[i]))
            .flatten()
            .map(|a| (i, a))
    }) else {
        return;
    };
    for &j in h1s.iter().filter(|&&j| j > first) {
        let Some(next) = article_of(raw.nodes[j]) else {
            continue;
        };
        if is_title(j) || next == own || inside(own, next) || inside(next, own) {
            continue;
        }
        // The next article's first block: its headline may follow a kicker or an image.
        let mut start = j;
        while start > first + 1 && inside(raw.nodes[start - 1], next) {
            start -= 1;
        }
        let before: usize = (0..start)
            .filter(|&i| keep[i])
            .map(|i| weighted_words(&raw.blocks[i].text()))
            .sum();
        if before >= NEXT_ARTICLE_MIN_WORDS {
            keep[start..].fill(false);
        }
        return;
    }
}

/// Whether the paths from `a` and from `b` up to (not including) their lowest common
/// ancestor have the same tags and class attributes, element by element.
fn same_styling(dom: &Dom, a: NodeId, b: NodeId) -> bool {
    let path = |mut n: NodeId| {
        let mut v = Vec::new();
        while n != NONE {
            v.push(n);
            n = dom.node(n).parent;
        }
        v.reverse();
        v
    };
    let (pa, pb) = (path(a), path(b));
    let common = pa.iter().zip(&pb).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&pa[common..], &pb[common..]);
    ra.len() == rb.len()
        && ra.iter().zip(rb).all(|(&x, &y)| {
            dom.tag(x) == dom.tag(y)
                && dom.tag_name(x) == dom.tag_name(y)
                && dom.attr(x, "class") == dom.attr(y, "class")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain walk over the trees as the model file gives them.
    fn reference_score(m: &ModelFile, x: &[f32; N_FEATURES]) -> f32 {
        let mut s = 0.0;
        for t in &m.trees {
            if t.f.is_empty() {
                s += t.v[0];
                continue;
            }
            let mut node = 0i32;
            while node >= 0 {
                let i = node as usize;
                node = if x[t.f[i] as usize] <= t.t[i] {
                    t.l[i]
                } else {
                    t.r[i]
                };
            }
            s += t.v[!node as usize];
        }
        s
    }

    #[test]
    fn consent_named_wrapper_of_the_article_vetoed_its_blocks() {
        let html = "<body><div class='cmp-layout'><div><p>Kept text of the article.</p>\
                    <ul><li>An item the rules dropped.</li></ul></div>\
                    <div class='cmp-banner'><p>Accept cookies</p></div></div></body>";
        let (dom, _) = crate::dom::parse(
            html,
            crate::dom::Limits {
                max_depth: 64,
                max_nodes: 10_000,
            },
        );
        let names = patterns::all_names(&dom);
        let find = |pred: &dyn Fn(NodeId) -> bool| {
            (0..dom.nodes.len() as NodeId).find(|&i| pred(i)).unwrap()
        };
        let p = find(&|i| dom.tag(i) == Some(Tag::P));
        let li = find(&|i| dom.tag(i) == Some(Tag::Li));
        let banner = find(&|i| dom.attr(i, "class") == Some("cmp-banner"));
        let raw = Raw {
            blocks: vec![
                Block::Paragraph {
                    text: "Kept text of the article.".into(),
                },
                Block::Paragraph {
                    text: "Accept cookies".into(),
                },
            ],
            links: vec![0, 0],
            nodes: vec![p, banner],
        };
        let wraps = wrappers_of(&dom, &raw, &[true, false]);
        let anc = ancestry(&dom, &names, &wraps);
        assert!(!anc[li as usize].strong, "inside the article's wrapper");
        assert!(anc[banner as usize].strong, "a consent box of its own");
    }

    #[test]
    fn responsive_copy_of_the_body_was_kept_twice() {
        let html = "<body><div class=\"v hide-wide\"><div class=\"t\"><p>Alpha text that runs on for a while.</p>\
            <p>Refrain line repeated here.</p><p>Refrain line repeated here.</p></div></div>\
            <div class=\"v hide-narrow\"><div class=\"t\"><p>Alpha text that runs on for a while.</p>\
            <p>Link <a href=\"/x\">to the table of contents entry</a></p></div></div>\
            <ul><li><a href=\"/x\">to the table of contents entry</a></li></ul></body>";
        let (dom, _) = crate::dom::parse(
            html,
            crate::dom::Limits {
                max_depth: 64,
                max_nodes: 10_000,
            },
        );
        let ps: Vec<NodeId> = (0..dom.nodes.len() as NodeId)
            .filter(|&i| dom.tag(i) == Some(Tag::P))
            .collect();
        assert_eq!(ps.len(), 5);
        // The same paragraph under containers of other classes: a variant.
        assert!(!same_styling(&dom, ps[0], ps[3]));
        // A paragraph repeated in the same container: the text itself repeats.
        assert!(same_styling(&dom, ps[1], ps[2]));
        let para = |t: &str| Block::Paragraph { text: t.into() };
        let raw = Raw {
            blocks: vec![
                para("Alpha text that runs on for a while."),
                para("Refrain line repeated here."),
                para("Refrain line repeated here."),
                para("Alpha text that runs on for a while."),
                para("Link to the table of contents entry"),
            ],
            links: vec![0, 0, 0, 0, 30],
            nodes: ps.clone(),
        };
        let mut keep = vec![true; 5];
        drop_variant_copies(&dom, &raw, &mut keep);
        assert_eq!(keep, [true, true, true, false, true]);
    }

    #[test]
    fn next_article_of_an_infinite_scroll_page_was_kept() {
        let long = "Word ".repeat(30);
        let html = format!(
            "<body><main><article><h1>Ferry returns</h1><p>{long}</p><p>{long}</p></article>\
             <article><p>Kicker</p><h1>Council votes</h1><p>{long}</p></article>\
             <p>After both</p></main></body>"
        );
        let (dom, _) = crate::dom::parse(
            &html,
            crate::dom::Limits {
                max_depth: 64,
                max_nodes: 10_000,
            },
        );
        let nodes: Vec<NodeId> = (0..dom.nodes.len() as NodeId)
            .filter(|&i| matches!(dom.tag(i), Some(Tag::P | Tag::H1)))
            .collect();
        let blocks: Vec<Block> = nodes
            .iter()
            .map(|&n| {
                let text = dom.text_content(n);
                if dom.tag(n) == Some(Tag::H1) {
                    Block::Heading { level: 1, text }
                } else {
                    Block::Paragraph { text }
                }
            })
            .collect();
        assert_eq!(blocks.len(), 7);
        let raw = Raw {
            links: vec![0; blocks.len()],
            blocks,
            nodes,
        };
        let run = |title: Option<&str>| {
            let mut keep = vec![true; 7];
            drop_next_article(&dom, &raw, &mut keep, title);
            keep
        };
        // The page's headline heads the first article: the next one goes from its kicker on.
        let cut = [true, true, true, false, false, false, false];
        assert_eq!(run(Some("Ferry returns!")), cut);
        // A listing (the page's headline is neither article's) and an unknown headline: whole.
        assert_eq!(run(Some("Latest news")), [true; 7]);
        assert_eq!(run(None), [true; 7]);
        // Too little of the page's own article kept before the next one: nothing dropped.
        let mut keep = vec![true, true, false, true, true, true, true];
        keep[1] = false;
        drop_next_article(&dom, &raw, &mut keep, Some("Ferry returns"));
        assert_eq!(keep, [true, false, false, true, true, true, true]);
    }

    #[test]
    fn embedded_model_loads_and_matches_the_features() {
        let m: ModelFile = serde_json::from_str(include_str!("model.json")).expect("model parses");
        assert_eq!(m.features.len(), N_FEATURES);
        let reference: ModelFile =
            serde_json::from_str(include_str!("model.json")).expect("model parses");
        assert!(
            Model::compile(m).is_some(),
            "model does not match FEATURES or has bad indices"
        );
        assert!(MODEL.is_some());
        // Tree-by-tree, lane-by-lane scoring equals the plain walk, bit for bit (same sum
        // order), on vectors that hit the thresholds exactly, fall between them, and are NaN.
        let model = MODEL.as_ref().unwrap();
        let mut thresholds: Vec<f32> = reference
            .trees
            .iter()
            .flat_map(|t| t.t.iter().copied())
            .collect();
        thresholds.extend([f32::NAN, f32::INFINITY, -1.0, 0.0, 0.5]);
        let xs: Vec<[f32; N_FEATURES]> = (0..203)
            .map(|i| {
                std::array::from_fn(|j| {
                    let k = (i * 7919 + j * 104_729) % thresholds.len();
                    match i % 3 {
                        0 => thresholds[k],
                        1 => thresholds[k] + 1e-3,
                        _ => ((i * 7 + j * 13) % 11) as f32 / 5.0 - 0.5,
                    }
                })
            })
            .collect();
        let skip: Vec<bool> = (0..xs.len()).map(|i| i % 9 == 0).collect();
        let all = model.score_all(&xs, &skip);
        // At thresholds equal to (and just around) scores that occur, the early-exit
        // selection decides as the full sums do.
        for (n, i) in (1..xs.len()).step_by(17).enumerate() {
            let s = all[i];
            let thr = match n % 3 {
                0 => s,
                1 => f32::from_bits(s.to_bits() + 1),
                _ => f32::from_bits(s.to_bits() - 1),
            };
            let mut m: ModelFile = serde_json::from_str(include_str!("model.json")).unwrap();
            m.threshold = thr;
            let at = Model::compile(m).unwrap();
            let selected = at.select_all(&xs, &skip);
            for j in 0..xs.len() {
                assert_eq!(
                    selected[j],
                    !skip[j] && all[j] > thr,
                    "thr {thr}, {j}: {}",
                    all[j]
                );
            }
        }
        // The early-exit selection makes the same decisions.
        let selected = model.select_all(&xs, &skip);
        for i in 0..xs.len() {
            assert_eq!(
                selected[i],
                !skip[i] && all[i] > model.threshold,
                "{i}: {}",
                all[i]
            );
        }
        for (i, x) in xs.iter().enumerate() {
            let want = if skip[i] {
                0.0
            } else {
                reference_score(&reference, x)
            };
            assert_eq!(
                all[i].to_bits(),
                want.to_bits(),
                "{i}: {} vs {want}",
                all[i]
            );
        }
    }

    /// The statistics as the feature code computed them before [`text_stats`].
    fn text_stats_reference(t: &str) -> (TextStats, bool) {
        let mut st = TextStats::default();
        let mut prev_stop = false;
        for c in t.chars() {
            match c {
                '.' | '!' | '?' | '\u{3002}' => {
                    st.punct += 1;
                    prev_stop = true;
                    continue;
                }
                ',' | '\u{3001}' | '\u{FF0C}' => {
                    st.punct += 1;
                    st.commas += 1;
                }
                ';' | ':' => st.punct += 1,
                '|' | '\u{B7}' | '\u{BB}' | '\u{2022}' | '/' => st.seps += 1,
                c if c.is_ascii_digit() => st.digits += 1,
                c if c.is_whitespace() && prev_stop => st.sentences += 1,
                _ => {}
            }
            prev_stop = false;
        }
        if prev_stop {
            st.sentences += 1;
        }
        for w in t.split_whitespace() {
            st.words += 1;
            st.word_chars += w.chars().count();
            if w.chars().next().is_some_and(char::is_uppercase) {
                st.caps += 1;
            }
        }
        st.has_at = t.contains('@');
        st.has_alpha = t.chars().any(char::is_alphabetic);
        st.copyright_sign = t.contains('\u{A9}');
        let copyright = t.contains('\u{A9}') || {
            let l = t.get(..t.len().min(400)).unwrap_or("").to_lowercase();
            l.contains("copyright") || l.contains("all rights reserved")
        };
        (st, copyright)
    }

    use proptest::prelude::*;

    proptest! {
        #[test]
        fn text_stats_agree_with_the_reference(v in prop::collection::vec(prop::sample::select(vec![
            "a", "B", "7", " ", "\n", "\t", "\u{b}", "\u{a0}", "\u{3000}", ".", "!", "?", "\u{3002}", ",",
            "\u{3001}", "\u{ff0c}", ";", ":", "|", "\u{b7}", "\u{bb}", "\u{2022}", "/", "@", "\u{a9}",
            "Copyright", "ALL RIGHTS RESERVED", "copyrİght", "\u{212a}", "É", "ж", "Ж", "东", "١", "😀",
        ]), 0..60)) {
            let t = v.concat();
            let (want, copyright) = text_stats_reference(&t);
            prop_assert_eq!(text_stats(&t), want);
            prop_assert_eq!(has_copyright(&t, text_stats(&t).copyright_sign), copyright);
        }
    }

    #[test]
    fn copyright_phrases_around_right() {
        for t in [
            "(C) COPYRIGHT",
            "Foo. All Rights Reserved.",
            "copyrightcopyright",
        ] {
            assert!(has_copyright(t, t.contains('\u{A9}')), "{t}");
        }
        for t in [
            "right",
            "rights reserved",
            "all rights  reserved",
            "all right reserved",
            "copy right",
            "all rights reserve",
            "upright",
        ] {
            assert!(!has_copyright(t, t.contains('\u{A9}')), "{t}");
        }
    }

    #[test]
    fn copyright_only_in_the_first_400_bytes() {
        assert!(has_copyright("Text. COPYRIGHT 2024", false));
        assert!(!has_copyright(
            &format!("{}copyright", "x".repeat(400)),
            false
        ));
        // Byte 400 inside a character: the head is not read (as before).
        assert!(!has_copyright(
            &format!("copyright{}é{}", "x".repeat(390), "x".repeat(20)),
            false
        ));
    }

    /// [`reduce`] as it was written before its byte walk.
    fn reduce_reference(s: &str, keep: usize) -> Reduced {
        const FNV: u64 = 0xcbf2_9ce4_8422_2325;
        const PRIME: u64 = 0x0100_0000_01b3;
        let (mut h, mut sh) = (FNV, FNV);
        let mut buf = String::new();
        let mut len = 0usize;
        let mut shape_len = 0usize;
        let mut add = |c: char, buf: &mut String| {
            h = (h ^ c as u64).wrapping_mul(PRIME);
            if !c.is_numeric() {
                sh = (sh ^ c as u64).wrapping_mul(PRIME);
                shape_len += 1;
            }
            len += c.len_utf8();
            if len <= keep {
                buf.push(c);
            }
        };
        for c in s.chars() {
            if c.is_ascii() {
                if c.is_ascii_alphanumeric() {
                    add(c.to_ascii_lowercase(), &mut buf);
                }
            } else if c.is_alphanumeric() {
                for l in c.to_lowercase() {
                    add(l, &mut buf);
                }
            }
        }
        Reduced {
            text: h,
            shape: sh,
            empty: len == 0,
            shape_empty: shape_len == 0,
            short: (len <= keep).then_some(buf),
        }
    }

    proptest! {
        #[test]
        fn reduce_agrees_with_the_reference(v in prop::collection::vec(prop::sample::select(vec![
            "a", "B", "7", " ", "-", "É", "ß", "İ", "ǅ", "Σ", "ж", "东", "١", "Ⅻ", "😀", "\u{300}",
        ]), 0..30), keep in 0usize..40) {
            let t = v.concat();
            let (a, b) = (reduce(&t, keep), reduce_reference(&t, keep));
            prop_assert_eq!((a.text, a.shape, a.empty, a.shape_empty), (b.text, b.shape, b.empty, b.shape_empty));
            prop_assert_eq!(a.short, b.short);
        }
    }
}
