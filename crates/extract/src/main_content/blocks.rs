//! Conversion of the selected subtree(s) into [`Block`]s.

use crate::article::Block;
use crate::dom::{Dom, Kind, NodeId, Tag, NONE};
use crate::options::Options;
use crate::text::{any_ci, push_collapsed, CiPattern};

/// What kind of block the text being collected belongs to.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Ctx {
    Heading(u8),
    Item { ordered: bool, depth: u8 },
    Quote,
    Caption,
}

pub(super) struct Converter<'a> {
    dom: &'a Dom,
    dead: &'a [bool],
    removed: &'a [bool],
    opts: &'a Options,
    out: Vec<Block>,
    buf: String,
    pending_space: bool,
    ctx: Vec<(NodeId, Ctx)>,
    list_depth: u8,
    /// How many `<a>` elements are open.
    in_link: u32,
    /// Bytes of `buf` that came from inside links.
    buf_link: usize,
    /// Link bytes of each block of `out`.
    out_link: Vec<usize>,
    /// The innermost block element open while each block of `out` was collected.
    out_node: Vec<NodeId>,
    /// Open block elements, innermost last.
    open: Vec<NodeId>,
    /// The root being converted (the block node of loose text directly under it).
    root: NodeId,
}

/// The raw output of a conversion: every block with the link bytes it holds and the
/// element it came from, before any trimming.
pub(super) struct Raw {
    pub(super) blocks: Vec<Block>,
    pub(super) links: Vec<usize>,
    pub(super) nodes: Vec<NodeId>,
}

impl<'a> Converter<'a> {
    pub(super) fn new(
        dom: &'a Dom,
        dead: &'a [bool],
        removed: &'a [bool],
        opts: &'a Options,
    ) -> Self {
        Converter {
            dom,
            dead,
            removed,
            opts,
            out: Vec::new(),
            buf: String::new(),
            pending_space: false,
            ctx: Vec::new(),
            list_depth: 0,
            in_link: 0,
            buf_link: 0,
            out_link: Vec::new(),
            out_node: Vec::new(),
            open: Vec::new(),
            root: NONE,
        }
    }

    /// Ends the conversion without any trimming.
    pub(super) fn into_raw(mut self) -> Raw {
        self.flush();
        Raw {
            blocks: self.out,
            links: self.out_link,
            nodes: self.out_node,
        }
    }

    /// Ends the conversion: drops a copy of the headline and the link lists and
    /// metadata scraps at the edges of the body.
    pub(super) fn finish(self, title: Option<&str>) -> Vec<Block> {
        let raw = self.into_raw();
        let keep = vec![true; raw.blocks.len()];
        finish_selected(raw, keep, title)
    }

    fn push(&mut self, block: Block, link_bytes: usize) {
        self.out.push(block);
        self.out_link.push(link_bytes);
        self.out_node
            .push(self.open.last().copied().unwrap_or(self.root));
    }

    fn skip(&self, id: NodeId) -> bool {
        self.dead[id as usize] || self.removed[id as usize]
    }

    /// Converts the subtree at `root` (iteratively: enter/exit events).
    pub(super) fn convert(&mut self, root: NodeId) {
        if self.skip(root) {
            return;
        }
        self.root = root;
        self.open.clear();
        let dom = self.dom;
        let mut id = root;
        let mut descend = self.enter(id);
        loop {
            let fc = dom.node(id).first_child;
            if descend && fc != NONE {
                id = fc;
                descend = !self.skip(id) && self.enter(id);
                continue;
            }
            // Leave `id` and move on to the next sibling, leaving ancestors as needed.
            loop {
                if descend || !self.skip(id) {
                    self.exit(id);
                }
                if id == root {
                    self.flush();
                    return;
                }
                let next = dom.node(id).next;
                if next != NONE {
                    id = next;
                    descend = !self.skip(id) && self.enter(id);
                    break;
                }
                id = dom.node(id).parent;
                descend = true; // ancestors were entered
                if id == NONE {
                    return;
                }
            }
        }
    }

    /// Handles entering a node; returns whether to descend into it.
    fn enter(&mut self, id: NodeId) -> bool {
        let dom = self.dom;
        match &dom.node(id).kind {
            Kind::Text(_) => {
                if let Some(t) = dom.text(id) {
                    let before = self.buf.len();
                    push_collapsed(&mut self.buf, t, &mut self.pending_space);
                    if self.in_link > 0 {
                        self.buf_link += self.buf.len() - before;
                    }
                }
                false
            }
            Kind::Element { tag, .. } => {
                let tag = *tag;
                if tag == Tag::Br {
                    self.newline();
                    return false;
                }
                if !tag.is_block() {
                    if tag == Tag::A {
                        self.in_link += 1;
                    }
                    return tag != Tag::Img;
                }
                self.flush();
                self.open.push(id);
                match tag {
                    Tag::Pre => {
                        self.pre(id);
                        return false;
                    }
                    Tag::Table if is_data_table(dom, id) => {
                        if self.opts.tables {
                            self.table(id);
                        }
                        return false;
                    }
                    Tag::Figcaption if !self.opts.captions => return false,
                    Tag::Figcaption => self.ctx.push((id, Ctx::Caption)),
                    Tag::Ul | Tag::Ol => self.list_depth = self.list_depth.saturating_add(1),
                    Tag::Li => self.ctx.push((
                        id,
                        Ctx::Item {
                            ordered: dom.node(id).parent != NONE
                                && dom.tag(dom.node(id).parent) == Some(Tag::Ol),
                            depth: self.list_depth.saturating_sub(1),
                        },
                    )),
                    Tag::Blockquote => self.ctx.push((id, Ctx::Quote)),
                    t => {
                        if let Some(l) = t.heading_level() {
                            self.ctx.push((id, Ctx::Heading(l)));
                        }
                    }
                }
                true
            }
            Kind::Document => true,
        }
    }

    fn exit(&mut self, id: NodeId) {
        let Some(tag) = self.dom.tag(id) else { return };
        if tag == Tag::A {
            self.in_link = self.in_link.saturating_sub(1);
        }
        if !tag.is_block() || tag == Tag::Br {
            return;
        }
        self.flush();
        match tag {
            Tag::Ul | Tag::Ol => self.list_depth = self.list_depth.saturating_sub(1),
            _ => {}
        }
        if self.ctx.last().is_some_and(|(n, _)| *n == id) {
            self.ctx.pop();
        }
        if self.open.last() == Some(&id) {
            self.open.pop();
        }
    }

    fn newline(&mut self) {
        let t = self.buf.trim_end_matches(' ');
        let l = t.len();
        self.buf.truncate(l);
        if !self.buf.is_empty() && !self.buf.ends_with('\n') {
            self.buf.push('\n');
        }
        self.pending_space = false;
    }

    /// Emits the collected text as a block of the current kind.
    fn flush(&mut self) {
        let text = self.buf.trim();
        let link = self.buf_link.min(text.len());
        self.buf_link = 0;
        if text.is_empty() {
            self.buf.clear();
            self.pending_space = false;
            return;
        }
        let text = text
            .split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        let block = match self.ctx.last().map(|(_, c)| *c) {
            Some(Ctx::Heading(level)) => Block::Heading { level, text },
            Some(Ctx::Item { ordered, depth }) => Block::ListItem {
                ordered,
                depth,
                text,
            },
            Some(Ctx::Quote) => Block::Quote { text },
            Some(Ctx::Caption) => Block::Caption { text },
            None => Block::Paragraph { text },
        };
        self.push(block, link);
        self.buf.clear();
        self.pending_space = false;
    }

    fn pre(&mut self, id: NodeId) {
        let mut s = String::new();
        for d in self.dom.descendants(id) {
            if self.skip(d) {
                continue;
            }
            if let Some(t) = self.dom.text(d) {
                s.push_str(t);
            } else if self.dom.tag(d) == Some(Tag::Br) {
                s.push('\n');
            }
        }
        let s = s.trim_matches('\n').trim_end();
        if !s.trim().is_empty() {
            self.push(
                Block::Preformatted {
                    text: s.to_string(),
                },
                0,
            );
        }
    }

    fn table(&mut self, id: NodeId) {
        let dom = self.dom;
        let mut d = dom.next_in_order(id, id);
        while d != NONE {
            if self.skip(d) {
                d = dom.skip_subtree(d, id);
                continue;
            }
            match dom.tag(d) {
                Some(Tag::Table) => {
                    d = dom.skip_subtree(d, id);
                    continue;
                }
                Some(Tag::Caption) => {
                    let t = cell_text(dom, d, self.dead, self.removed);
                    if !t.is_empty() {
                        self.push(Block::Paragraph { text: t }, 0);
                    }
                    d = dom.skip_subtree(d, id);
                    continue;
                }
                Some(Tag::Tr) => {
                    let mut cells = Vec::new();
                    let mut header = true;
                    for c in dom.children(d) {
                        match dom.tag(c) {
                            Some(Tag::Td) => {
                                header = false;
                                cells.push(cell_text(dom, c, self.dead, self.removed));
                            }
                            Some(Tag::Th) => cells.push(cell_text(dom, c, self.dead, self.removed)),
                            _ => {}
                        }
                    }
                    if cells.iter().any(|c| !c.is_empty()) {
                        self.push(Block::TableRow { header, cells }, 0);
                    }
                    d = dom.skip_subtree(d, id);
                    continue;
                }
                _ => {}
            }
            d = dom.next_in_order(d, id);
        }
    }
}

fn cell_text(dom: &Dom, id: NodeId, dead: &[bool], removed: &[bool]) -> String {
    let mut s = String::new();
    let mut pending = false;
    let mut d = id;
    while d != NONE {
        if dead[d as usize] || removed[d as usize] {
            d = dom.skip_subtree(d, id);
            continue;
        }
        if let Some(t) = dom.text(d) {
            push_collapsed(&mut s, t, &mut pending);
        } else if dom.tag(d).is_some_and(Tag::is_block) {
            pending = true;
        }
        d = dom.next_in_order(d, id);
    }
    s
}

/// A table of data (rows and columns to keep as such), as opposed to a layout table.
pub(super) fn is_data_table(dom: &Dom, id: NodeId) -> bool {
    if dom
        .attr(id, "role")
        .is_some_and(|r| r.eq_ignore_ascii_case("presentation"))
        || dom.attr(id, "datatable") == Some("0")
    {
        return false;
    }
    let mut rows = 0usize;
    let mut max_cols = 0usize;
    let mut header_signal = dom.attr(id, "summary").is_some();
    let mut d = dom.next_in_order(id, id);
    while d != NONE {
        match dom.tag(d) {
            Some(Tag::Table) => return false,
            Some(Tag::Caption | Tag::Thead | Tag::Tfoot | Tag::Col | Tag::Colgroup | Tag::Th) => {
                header_signal = true
            }
            Some(Tag::Tr) => {
                rows += 1;
                let cols = dom
                    .children(d)
                    .filter(|&c| matches!(dom.tag(c), Some(Tag::Td | Tag::Th)))
                    .count();
                max_cols = max_cols.max(cols);
            }
            Some(
                Tag::P
                | Tag::Div
                | Tag::Ul
                | Tag::Ol
                | Tag::H1
                | Tag::H2
                | Tag::H3
                | Tag::Blockquote
                | Tag::Article
                | Tag::Section,
            ) => return false,
            _ => {}
        }
        d = dom.next_in_order(d, id);
    }
    if header_signal {
        return true;
    }
    if rows <= 1 || max_cols <= 1 {
        return false;
    }
    rows >= 10 || max_cols > 4 || rows * max_cols > 10
}

/// A short block that is mostly link text: a teaser list, "more from", tags, a menu.
fn is_link_list(b: &Block, link_bytes: usize) -> bool {
    if !matches!(b, Block::Paragraph { .. } | Block::ListItem { .. }) {
        return false;
    }
    let t = b.text();
    link_bytes * 2 > t.len() && crate::text::weighted_words(&t) < 15
}

/// A scrap that is not running text: a date, a credit, a kicker, a label.
fn is_scrap(b: &Block) -> bool {
    if matches!(b, Block::TableRow { .. } | Block::Preformatted { .. }) {
        return false;
    }
    let t = b.text();
    let t = t.trim();
    crate::text::weighted_words(t) <= 5
        && !t.ends_with(['.', '!', '?', '"', '\u{201D}', '\u{BB}', '\u{3002}'])
}

/// Words that introduce a byline, in the languages we see most.
const BY_WORDS: &[&str] = &[
    "by",
    "von",
    "par",
    "por",
    "di",
    "door",
    "av",
    "af",
    "przez",
    "od",
    "av:",
    "autor:",
    "author:",
    "text:",
    "texto:",
    "written by",
    "posted by",
    "reporting by",
];

/// A byline ("By Jane Doe, Staff Reporter") or a dateline/timestamp line near the top.
fn is_byline_or_dateline(b: &Block) -> bool {
    if !matches!(b, Block::Paragraph { .. }) {
        return false;
    }
    let t = b.text();
    let t = t.trim();
    let words = crate::text::weighted_words(t);
    if words > 20 {
        return false;
    }
    let byline = BY_WORDS.iter().any(|w| {
        t.get(..w.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(w))
            && t[w.len()..].starts_with(' ')
            && t[w.len()..]
                .trim_start()
                .chars()
                .next()
                .is_some_and(starts_name)
    });
    byline || words <= 12 && has_year(t)
}

/// An upper-case letter, or a letter of a script without case: how a name starts.
fn starts_name(c: char) -> bool {
    c.is_uppercase() || c.is_alphabetic() && !c.is_lowercase()
}

/// Contains a plausible year (1990-2039) as its own number.
fn has_year(t: &str) -> bool {
    if t.len() < 4 {
        return false;
    }
    let b = t.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && (i + 4 == b.len() || !b[i + 4].is_ascii_digit())
        {
            let y = (b[i] - b'0') as u32 * 1000
                + (b[i + 1] - b'0') as u32 * 100
                + (b[i + 2] - b'0') as u32 * 10
                + (b[i + 3] - b'0') as u32;
            if (1990..2040).contains(&y) {
                return true;
            }
        }
        i += 1;
    }
    false
}

/// Keeps the blocks of `raw` marked in `keep`, then drops a copy of the headline and the
/// link lists and metadata scraps at the edges of what is kept.
pub(super) fn finish_selected(raw: Raw, mut keep: Vec<bool>, title: Option<&str>) -> Vec<Block> {
    drop_title_copy(&raw.blocks, &mut keep, title);
    for (k, b) in keep.iter_mut().zip(&raw.blocks) {
        if *k
            && (is_sign_up_terms(b)
                || is_ad_label(b)
                || is_credited_caption(b)
                || is_newsletter_promo(b))
        {
            *k = false;
        }
    }
    trim_edges(&raw.blocks, &raw.links, &mut keep);
    // After the edges are trimmed: a disclosure above the article is running text that ends
    // the trimming there, as it did before it was recognised (short lines after it stay).
    for (k, b) in keep.iter_mut().zip(&raw.blocks) {
        if *k && is_affiliate_disclosure(b) {
            *k = false;
        }
    }
    raw.blocks
        .into_iter()
        .zip(keep)
        .filter_map(|(b, k)| k.then_some(b))
        .collect()
}

/// Labels that templates print over or around an advertisement slot inside the article,
/// in the languages of the pages gleaner reads, written as [`ad_label_key`] reduces them.
const AD_LABELS: &[&str] = &[
    "ad",
    "advert",
    "advertisement",
    "advertisements",
    "sponsored",
    "story continues below",
    "story continues below advertisement",
    "article continues below",
    "article continues below advertisement",
    "article continues below this ad",
    "content continues below",
    "continue reading below",
    "advertisement scroll to continue",
    "scroll to continue with content",
    "anzeige",
    "werbung",
    "weiter nach der anzeige",
    "weiterlesen nach der anzeige",
    "artikel wird unter der anzeige fortgesetzt",
    "annonce",
    "annonse",
    "annons",
    "annonsørinnhold",
    "publicité",
    "la suite après cette publicité",
    "la suite après la publicité",
    "publicidad",
    "publicidade",
    "pubblicità",
    "reklame",
    "reklam",
    "reklama",
    "advertentie",
    "mainos",
    "hirdetés",
    "реклама",
    "διαφήμιση",
    "広告",
    "广告",
    "廣告",
    "광고",
    "إعلان",
    "פרסומת",
];

/// Longest paragraph (in bytes) [`is_ad_label`] reads: the longest label with some
/// punctuation around it.
const AD_LABEL_MAX_BYTES: usize = 64;

/// The words of `t` lower-cased and joined by single spaces (punctuation dropped):
/// "- ANZEIGE -" and "Advertisement:" read as their labels.
fn ad_label_key(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for w in t
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

/// An advertisement label, wherever it sits: a paragraph that says only "Advertisement",
/// "Story continues below advertisement", "Anzeige", "Publicité", "광고"... (see
/// [`AD_LABELS`]). The slot itself holds no text; its label is not the article's.
/// Headings and list items stay (a section or an item may be called "Advertising").
fn is_ad_label(b: &Block) -> bool {
    let Block::Paragraph { text, .. } = b else {
        return false;
    };
    text.len() <= AD_LABEL_MAX_BYTES && AD_LABELS.contains(&ad_label_key(text).as_str())
}

/// Words naming a newsletter or a mailing list in the languages of the pages gleaner
/// reads (ASCII, compared in any case), in groups searched together ([`any_ci`]): three
/// words by their "w", then one by its "f" and one by its "g".
const NEWSLETTER_WORDS: [&[CiPattern]; 3] = [
    &[
        CiPattern::around(b"newsletter", b'w'),
        CiPattern::around(b"nieuwsbrief", b'w'),
        CiPattern::around(b"whatsapp-kanal", b'w'),
    ],
    &[CiPattern::around(b"infolettre", b'f')],
    &[CiPattern::around(b"mailing list", b'g')],
];

/// Calls to sign up (ASCII, compared in any case): imperatives and the phrases that tell
/// the reader where the newsletter arrives.
const SIGN_UP_CALLS: &[CiPattern] = &[
    CiPattern::new(b"sign up for our"),
    CiPattern::new(b"sign up to our"),
    CiPattern::new(b"sign up for the"),
    CiPattern::new(b"sign up to the"),
    CiPattern::new(b"sign up now"),
    CiPattern::new(b"sign up here"),
    CiPattern::new(b"sign up today"),
    CiPattern::new(b"signing up to our"),
    CiPattern::new(b"signing up for our"),
    CiPattern::new(b"subscribe to our"),
    CiPattern::new(b"subscribe to the"),
    CiPattern::new(b"abonniere"),
    CiPattern::new(b"abonnieren sie"),
    CiPattern::new(b"hier entlang"),
    CiPattern::new(b"melden sie sich"),
    CiPattern::new(b"inscrivez"),
    CiPattern::new(b"receive our"),
    CiPattern::new(b"join our"),
    CiPattern::new(b"join the"),
    CiPattern::new(b"delivered"),
    CiPattern::new(b"inbox"),
    CiPattern::new(b"postfach"),
    CiPattern::new(b"get our"),
    CiPattern::new(b"iscriviti"),
    CiPattern::new(b"suscr"),
    CiPattern::new(b"tilaa"),
];

/// Longest paragraph, in words, that [`is_newsletter_promo`] reads.
const NEWSLETTER_PROMO_MAX_WORDS: usize = 45;

/// Longest paragraph, in bytes, that [`is_newsletter_promo`] scans: more than 45 words of
/// any script take fewer.
const NEWSLETTER_PROMO_MAX_BYTES: usize = 2_000;

/// A newsletter promotion, wherever it sits: a short paragraph (at most
/// [`NEWSLETTER_PROMO_MAX_WORDS`] words) naming a newsletter or mailing list
/// ([`NEWSLETTER_WORDS`]) and calling the reader to sign up ([`SIGN_UP_CALLS`]: "Sign up for
/// our newsletter", "Der BR24 Newsletter informiert Sie ... hier entlang", "Abonniere den
/// Whatsapp-Kanal"). A sign-up box named so by its class is furniture already; this is the
/// same box written as a plain paragraph of the article. Text about newsletters that calls
/// no one to sign up ("I also subscribe to every newsletter") stays.
fn is_newsletter_promo(b: &Block) -> bool {
    let Block::Paragraph { text, .. } = b else {
        return false;
    };
    // 45 words are well under this many bytes in any script: long paragraphs, most of the
    // text, are not scanned.
    if text.len() > NEWSLETTER_PROMO_MAX_BYTES {
        return false;
    }
    // Counting words (eight bytes at a time) costs less than the five searches for a
    // newsletter word, and passes over most paragraphs of an article.
    let bytes = text.as_bytes();
    crate::text::word_count(text) <= NEWSLETTER_PROMO_MAX_WORDS
        && NEWSLETTER_WORDS.iter().any(|group| any_ci(group, bytes))
        && SIGN_UP_CALLS.iter().any(|w| w.is_in(bytes))
}

/// Longest paragraph (in bytes) [`is_credited_caption`] reads: a caption of a few
/// sentences in a script of three-byte characters.
const CAPTION_MAX_BYTES: usize = 1_200;

/// Photo-credit labels that end a caption ("... Foto: Felix Zahn/imago", "Bild: Andreas
/// Seidel/Archiv", "Kuva: ..."), lower-case, in the languages that write them so. English
/// "Photo:" / "Credit:" are not here: the older English corpora's gold keeps such captions.
const CREDIT_LABELS: &[&str] = &[
    "foto",
    "fotos",
    "bild",
    "bilder",
    "bildquelle",
    "fotoquelle",
    "kuva",
    "fotó",
    "zdjęcie",
    "fotografie",
];

/// Korean news agencies credited after a caption's last sentence ("... 인사하고 있다. 뉴스1").
const KO_CREDITS: &[&str] = &["연합뉴스", "뉴스1", "뉴시스"];

/// A photo caption recognised by the credit that ends it, wherever it sits: a paragraph
/// (at most [`CAPTION_MAX_BYTES`]) ending with a labelled credit in a language that labels
/// credits ("... bei der Vorstellung Foto: Felix Zahn/imago", "Bild: Andreas Seidel/Archiv",
/// [`CREDIT_LABELS`]), a German wire credit ("Friso Gentsch/dpa", "IMAGO/Nico Herbertz"), a
/// Japanese photographer credit in brackets ("...＝13日（潟沼義樹撮影）") or a Korean
/// sentence followed by an agency or a photographer ("...하고 있다. 연합뉴스",
/// "...하고 있다. 고영권 기자"). The picture is not the article's text; its caption is
/// kept only on request (`Options::with_captions`), as a `<figcaption>` is.
fn is_credited_caption(b: &Block) -> bool {
    let Block::Paragraph { text, .. } = b else {
        return false;
    };
    let t = text.trim_end();
    if t.len() > CAPTION_MAX_BYTES || t.is_empty() {
        return false;
    }
    // Japanese: "（潟沼義樹撮影）", "（代表撮影）" closing the caption.
    if let Some(head) = t.strip_suffix("撮影）").or_else(|| t.strip_suffix("撮影)")) {
        let open = head.rfind(['（', '(']);
        return open.is_some_and(|o| head.len() - o <= 60);
    }
    // Korean: a sentence ending "다." then the agency, or "있다." then a 2-4 syllable name and
    // 기자 (the present progressive of caption prose; an article's closing byline follows a
    // past-tense sentence).
    for agency in KO_CREDITS {
        if let Some(head) = t.strip_suffix(agency) {
            let head = head.trim_end();
            if head.len() < t.len() - agency.len() && head.ends_with("다.") {
                return true;
            }
        }
    }
    if let Some(head) = t.strip_suffix(" 기자") {
        if let Some((before, name)) = head.rsplit_once(' ') {
            let n = name.chars().count();
            if (2..=4).contains(&n)
                && name.chars().all(|c| ('가'..='힣').contains(&c))
                && before.trim_end().ends_with("있다.")
            {
                return true;
            }
        }
    }
    // German wire credits as the last word: "Friso Gentsch/dpa", "IMAGO/Nico Herbertz".
    let tail_words = || t.rsplit(char::is_whitespace).take(4);
    if let Some(last) = tail_words().next() {
        let last = last.trim_end_matches(')');
        let n = last.len();
        if n > 4 && last.is_char_boundary(n - 4) && last[n - 4..].eq_ignore_ascii_case("/dpa") {
            return true;
        }
    }
    if tail_words().any(|w| {
        w.get(..6)
            .is_some_and(|h| h.eq_ignore_ascii_case("imago/") && w.len() > 6)
    }) {
        return true;
    }
    labelled_credit(t)
}

/// `t` ends with "<label>: <credit>" for a label of [`CREDIT_LABELS`]: the label starts the
/// text or follows a space or punctuation (not a short lower-case word: "sagte er der Bild:"
/// is a newspaper quoted), and the credit is a short name list (at most 100 bytes and 12
/// words, no sentence end, question, exclamation or quotation mark; it starts with a
/// capital, a digit, `©` or a short agency word such as "dpa").
fn labelled_credit(t: &str) -> bool {
    let window = t.len().saturating_sub(120);
    let window = (window..=t.len())
        .find(|&i| t.is_char_boundary(i))
        .unwrap_or(t.len());
    let tail = &t[window..];
    let Some(colon) = tail.rfind(':') else {
        return false;
    };
    let credit = tail[colon + 1..].trim().trim_end_matches(')').trim_end();
    let before = tail[..colon].trim_end();
    let label_start = before.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let label = &before[label_start..];
    if label.is_empty() || !CREDIT_LABELS.contains(&label.to_lowercase().as_str()) {
        return false;
    }
    // What precedes the label: nothing (a credit line of its own), punctuation, or a word
    // that is not a short lower-case one (an article or preposition before a newspaper).
    let prev = before[..label_start].trim_end();
    if !prev.is_empty() && window + label_start > 0 {
        let prev_word = prev.rsplit(char::is_whitespace).next().unwrap_or("");
        let short_lower = prev_word.chars().count() <= 4
            && prev_word
                .chars()
                .all(|c| c.is_alphabetic() && c.is_lowercase());
        if short_lower {
            return false;
        }
    }
    let Some(first) = credit.chars().next() else {
        return false;
    };
    let first_word = credit
        .split(|c: char| c.is_whitespace() || c == '/' || c == ',')
        .next()
        .unwrap_or("");
    credit.len() <= 100
        && credit.split_whitespace().count() <= 12
        && (first.is_uppercase() || first.is_ascii_digit() || first == '©' || first_word.len() <= 7)
        && !credit.contains(['!', '?', '"', '„', '“', '”', '«', '»'])
        && !credit.ends_with('.')
        && !credit.contains(". ")
}

/// The fine print of a sign-up or consent form, wherever it sits: a short paragraph that
/// opens "By signing up", "By clicking Subscribe", "By providing your email"... (`By` and a
/// word ending in "ing") and whose first sentence tells "you" that you agree, confirm,
/// consent or acknowledge ("..., you agree to our Terms of Use"). Running text that starts the same
/// way without agreeing to anything ("By clicking the button twice, you'll see...") stays.
fn is_sign_up_terms(b: &Block) -> bool {
    let Block::Paragraph { text, .. } = b else {
        return false;
    };
    let Some(rest) = text.trim_start().strip_prefix("By ") else {
        return false;
    };
    let verb = rest
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    if verb.len() < 5 || !verb.ends_with("ing") || crate::text::word_count(text) > 80 {
        return false;
    }
    let end = rest.find(['.', '!', '?']).unwrap_or(rest.len());
    let first = rest[..end].to_ascii_lowercase();
    first
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| w == "you")
        && ["agree", "confirm", "consent", "acknowledge"]
            .iter()
            .any(|w| first.contains(w))
}

/// An affiliate disclosure, wherever it sits: a short paragraph (at most 80 words) with a
/// sentence (or clause: `;` ends one too) that speaks of the site's own links and what
/// they earn it: an affiliate or commission word, a first-person plural word ("we", "us",
/// "our") and "link(s)" ("We may earn a commission from links on this page", "This article
/// contains affiliate links that may earn us a commission"). Text about affiliate
/// programmes in general ("Streamers earn a commission via affiliate links") does not speak
/// of "our" links and stays.
fn is_affiliate_disclosure(b: &Block) -> bool {
    let Block::Paragraph { text, .. } = b else {
        return false;
    };
    // Without "affiliate" or "commission" in any case no word can be one (a quick scan
    // that spares the word walks below on almost every paragraph).
    let bytes = text.as_bytes();
    const AFFILIATE: CiPattern = CiPattern::new(b"affiliate");
    const COMMISSION: CiPattern = CiPattern::new(b"commission");
    if !AFFILIATE.is_in(bytes) && !COMMISSION.is_in(bytes) || crate::text::word_count(text) > 80 {
        return false;
    }
    text.split(['.', '!', '?', ';']).any(|sentence| {
        let (mut earns, mut ours, mut links) = (false, false, false);
        // Words are ASCII letters only, so comparing in any ASCII case is lower-casing.
        for w in sentence.split(|c: char| !c.is_ascii_alphabetic()) {
            let is = |x: &str| w.eq_ignore_ascii_case(x);
            // "affiliate" as in "affiliate links"; "our affiliates" are companies.
            if is("affiliate") || is("commission") || is("commissions") {
                earns = true;
            } else if is("we") || is("us") || is("our") {
                ours = true;
            } else if is("link") || is("links") {
                links = true;
            }
        }
        earns && ours && links
    })
}

/// Drops scraps at the start and the end of the body (bylines, datelines, labels,
/// "read more" lines), stopping at the first block of running text from each side.
fn trim_edges(blocks: &[Block], links: &[usize], keep: &mut [bool]) {
    let edge = |i: usize| is_scrap(&blocks[i]) || is_link_list(&blocks[i], links[i]);
    let live: Vec<usize> = (0..blocks.len()).filter(|&i| keep[i]).collect();
    // Bylines and datelines sit among the first few blocks, possibly after a standfirst.
    for &i in live.iter().take(4) {
        if is_byline_or_dateline(&blocks[i]) {
            keep[i] = false;
        }
    }
    for &i in &live {
        if keep[i] && !edge(i) {
            break;
        }
        keep[i] = false;
    }
    for &i in live.iter().rev() {
        if !keep[i] || !edge(i) {
            break;
        }
        keep[i] = false;
    }
}

/// Removes a copy of the headline near the start of the body.
pub(super) fn drop_title_copy(blocks: &[Block], keep: &mut [bool], title: Option<&str>) {
    let Some(title) = title else { return };
    let t = crate::metadata::text_key(title);
    if t.is_empty() {
        return;
    }
    // `text_key(s) == t`, stopping at the first difference (a long paragraph is not reduced
    // whole).
    let same = |s: &str| {
        let mut want = t.chars();
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .all(|c| want.next() == Some(c))
            && want.next().is_none()
    };
    let first_kept: Vec<usize> = (0..blocks.len()).filter(|&i| keep[i]).take(4).collect();
    for i in first_kept {
        let b = &blocks[i];
        if matches!(b, Block::Heading { .. } | Block::Paragraph { .. }) && same(&b.text()) {
            keep[i] = false;
        }
    }
}

/// Paragraph blocks from a plain-text (or lightly marked-up) body such as JSON-LD `articleBody`.
pub(super) fn from_plain_text(body: &str, title: Option<&str>) -> Vec<Block> {
    let text = if body.contains('<') {
        // Some sites put HTML in articleBody: read its text with block boundaries as lines.
        let (dom, _) = crate::dom::parse(
            body,
            crate::dom::Limits {
                max_depth: 64,
                max_nodes: 200_000,
            },
        );
        let mut s = String::new();
        for d in dom.descendants(Dom::ROOT) {
            if let Some(t) = dom.text(d) {
                s.push_str(t);
            } else if dom.tag(d).is_some_and(Tag::is_block) {
                s.push('\n');
            }
        }
        s
    } else {
        body.to_string()
    };
    let mut out: Vec<Block> = text
        .split('\n')
        .map(crate::text::normalize_space)
        .filter(|l| !l.is_empty())
        .map(|text| Block::Paragraph { text })
        .collect();
    let mut keep = vec![true; out.len()];
    drop_title_copy(&out, &mut keep, title);
    let mut k = keep.into_iter();
    out.retain(|_| k.next().unwrap_or(true));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(t: &str) -> Block {
        Block::Paragraph { text: t.into() }
    }

    #[test]
    fn recognises_bylines_and_datelines() {
        assert!(is_byline_or_dateline(&para(
            "By Helen Marsh, Local Democracy Reporter Wednesday 17 April 2024, 07:45 BST"
        )));
        assert!(is_byline_or_dateline(&para("Von Anna Schmidt")));
        assert!(is_byline_or_dateline(&para(
            "Published 3 March 2021, 10:02"
        )));
        assert!(!is_byline_or_dateline(&para("by the river the town slept")));
        assert!(!is_byline_or_dateline(&para(
            "In 2021 the council voted to close the market, a decision it reversed after a long campaign by traders and residents."
        )));
    }

    #[test]
    fn sign_up_fine_print_was_kept_inside_the_body() {
        for t in [
            "By signing up, you agree to receive recurring automated SMS marketing messages.",
            "By clicking Sign Me Up, you confirm you are 16+ and agree to our Terms of Use.",
            "By providing your email address, you have read and agree to the Terms.",
            "By continuing to use this website, you implicitly agree to this policy.",
        ] {
            assert!(is_sign_up_terms(&para(t)), "{t}");
        }
        for t in [
            "By clicking the button several times, you'll see the promises being fulfilled.",
            "By then the council had agreed to the plan.",
            "By signing the treaty in 1648 the powers confirmed the peace.",
            "Bylines: By Jane Doe",
        ] {
            assert!(!is_sign_up_terms(&para(t)), "{t}");
        }
        assert!(!is_sign_up_terms(&Block::Heading {
            level: 2,
            text: "By signing up you agree".into()
        }));
    }

    #[test]
    fn advertisement_labels_were_kept_inside_the_body() {
        for t in [
            "Advertisement",
            "ADVERTISEMENT",
            "Advertisement.",
            "- Anzeige -",
            "Story continues below advertisement",
            "(Story continues below)",
            "Article Continues Below",
            "Publicité",
            "광고",
        ] {
            assert!(is_ad_label(&para(t)), "{t}");
        }
        for t in [
            "Advertisement spending rose by a tenth last year.",
            "Ad hoc",
            "The story continues below the fold of the print edition.",
            "Werbung ist überall",
        ] {
            assert!(!is_ad_label(&para(t)), "{t}");
        }
        assert!(!is_ad_label(&Block::Heading {
            level: 2,
            text: "Advertisement".into(),
        }));
        // Every label is written as the key of itself.
        for l in AD_LABELS {
            assert_eq!(ad_label_key(l), *l);
            assert!(l.len() <= AD_LABEL_MAX_BYTES);
        }
    }

    #[test]
    fn newsletter_promotions_were_kept_inside_the_body() {
        for t in [
            "Sign up for our newsletter to get the latest in streaming and entertainment.",
            "Check out more of our travel stories by signing up to our free weekly newsletter",
            "Sie mögen den Tag kompakt zusammengefasst? Dann sind Sie beim täglichen Newsletter richtig – hier entlang.",
            "Abonniere den Whatsapp-Kanal von 20 Minuten und du bekommst die News aufs Handy.",
            "Keep up to date with the news. Receive our free E-Newsletter",
            "Love movies? Our Watch Party newsletter has the best picks, delivered right to your inbox.",
        ] {
            assert!(is_newsletter_promo(&para(t)), "{t}");
        }
        for t in [
            "There are hundreds of books on weight loss. I also subscribe to every newsletter on the subject.",
            "Newsletter subscribers may remember my review of the program last spring.",
            "Sign up for the course before Friday; places are limited.",
            "Conversion rate: the share of visitors who act, such as signing up for a newsletter.",
        ] {
            assert!(!is_newsletter_promo(&para(t)), "{t}");
        }
        let long = format!(
            "Sign up for our newsletter. {}",
            "The council met again on Monday to discuss the plan. ".repeat(6)
        );
        assert!(!is_newsletter_promo(&para(&long)));
        assert!(!is_newsletter_promo(&Block::Heading {
            level: 2,
            text: "Sign up for our newsletter".into(),
        }));
    }

    #[test]
    fn credited_photo_captions_were_kept_inside_the_body() {
        for t in [
            "Marco Buschmann und Lisa Paus bei der Vorstellung der Eckpunkte Foto: Felix Zahn/imago",
            "Im Vorjahr zog das Hutfestival Tausende Besucher an. Bild: Andreas Seidel/Archiv",
            "BESØK: Tone Damli fikk besøk av manageren sin. Foto: Alexander Winger (Nettavisen)",
            "Kaja Kallas und Subrahmanyam Jaishankar | Bildquelle: EU-Kommission",
            "Während der Sitzung fanden Demonstrationen statt. (Bild: Kirsty Wigglesworth / AP)",
            "Cafe im Bohnenviertel. Foto: Stuttgart Marketing",
            "Foto: dpa",
            "Eingefrorenes Sperma in einer Klinik.Friso Gentsch/dpa",
            "Uwe Schubert möchte noch Punkte sammeln. IMAGO/Nico Herbertz",
            "移送のため警視庁を出る岩本絹子容疑者＝13日、東京・霞ケ関で（潟沼義樹撮影）",
            "정청래 대표가 국회에서 열린 의원총회에서 대화하고 있다. 뉴스1",
            "이재명 후보가 유세에서 연설을 마치고 큰절을 올리고 있다. 고영권 기자",
        ] {
            assert!(is_credited_caption(&para(t)), "{t}");
        }
        for t in [
            // English credits stay: the older corpora's gold keeps such captions.
            "Lois Lerner is sworn in before the committee. (AP Photo/Carolyn Kaster)",
            "Photo: Getty Images",
            // A newspaper quoted, a sentence after the colon, a question.
            "Das sagte der Minister der Bild: Wir sind bereit",
            "Zum Foto: Das Bild zeigt den Hafen im Jahr 1900. Es wurde restauriert.",
            "Was zeigt das Bild: einen Mann oder eine Frau?",
            "Die Agentur meldete den Vorfall am Abend, wie die Nachrichtenagentur dpa berichtet.",
            // A Korean article's closing byline after a past-tense sentence.
            "정부는 이날 새 대책을 발표했다. 홍길동 기자",
            "(서울=연합뉴스) 정부는 이날 새 대책을 발표했다",
            "日本の記者が撮影した",
        ] {
            assert!(!is_credited_caption(&para(t)), "{t}");
        }
        assert!(!is_credited_caption(&Block::Heading {
            level: 2,
            text: "Foto: Felix Zahn".into(),
        }));
        let long = format!("{} Foto: Felix Zahn", "Ein langer Absatz. ".repeat(80));
        assert!(!is_credited_caption(&para(&long)));
    }

    #[test]
    fn affiliate_disclosure_was_kept_inside_the_body() {
        for t in [
            "We may earn commission from links on this page, but we only recommend products we back.",
            "This article contains affiliate links that may earn us a commission at no extra cost to you.",
            "Products are chosen independently by our editors. Purchases made through our links may earn us a commission.",
            "If you buy something using links in our stories, we may earn a commission.",
        ] {
            assert!(is_affiliate_disclosure(&para(t)), "{t}");
        }
        for t in [
            "Affiliate programs: Streamers earn a commission when viewers buy games via affiliate links.",
            "To measure the outcomes, implement affiliate links, UTM tracking and discount codes.",
            "The commission said it would publish our letters. We will link to them tomorrow.",
            "Links in this post may be to our affiliates; sales through affiliate links may benefit this site.",
        ] {
            assert!(!is_affiliate_disclosure(&para(t)), "{t}");
        }
        let long = format!(
            "We may earn a commission from our links. {}",
            "More words of a long paragraph. ".repeat(20)
        );
        assert!(!is_affiliate_disclosure(&para(&long)));
        assert!(!is_affiliate_disclosure(&Block::Heading {
            level: 2,
            text: "We earn commissions from our links".into()
        }));
    }

    #[test]
    fn trims_scraps_at_edges_only() {
        let blocks = vec![
            para("Standfirst of the story that runs long enough to count as text."),
            para("By Jane Doe"),
            para("The first real paragraph, with enough words to be running text."),
            para("Related"),
            para("A middle paragraph that is long enough to be kept as running text here."),
            para("Share this"),
        ];
        let mut keep = vec![true; blocks.len()];
        trim_edges(&blocks, &[0; 6], &mut keep);
        assert_eq!(keep, [true, false, true, true, true, false]);
    }
}
