//! A lean arena DOM: nodes in one `Vec`, all strings in one `String`.
//!
//! Every traversal in the crate is iterative, so tree depth never threatens the stack.

use std::ops::Range;

/// Index of a node in [`Dom::nodes`].
pub type NodeId = u32;
/// "No node" marker for the link fields.
pub const NONE: NodeId = u32::MAX;

macro_rules! tags {
    ($($variant:ident = $name:literal),* $(,)?) => {
        /// Element names the extractor knows; anything else is [`Tag::Other`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[allow(missing_docs)]
        pub enum Tag { $($variant,)* Other }
        impl Tag {
            /// The tag for a lower-case element name.
            pub fn from_lower(name: &[u8]) -> Tag {
                match name { $($name => Tag::$variant,)* _ => Tag::Other }
            }
            /// The lower-case element name (`""` for [`Tag::Other`]).
            pub fn name(self) -> &'static str {
                match self { $(Tag::$variant => std::str::from_utf8($name).unwrap_or(""),)* Tag::Other => "" }
            }
        }
    };
}

tags! {
    Html = b"html", Head = b"head", Body = b"body", Title = b"title", Meta = b"meta", Link = b"link",
    Base = b"base", Style = b"style", Script = b"script", Noscript = b"noscript", Template = b"template",
    Svg = b"svg", Math = b"math", Iframe = b"iframe", Object = b"object", Embed = b"embed",
    Canvas = b"canvas", Video = b"video", Audio = b"audio", Picture = b"picture", Source = b"source",
    Track = b"track", Img = b"img", Br = b"br", Hr = b"hr", Wbr = b"wbr", Input = b"input",
    Button = b"button", Select = b"select", Option = b"option", Optgroup = b"optgroup",
    Textarea = b"textarea", Label = b"label", Form = b"form", Fieldset = b"fieldset", Legend = b"legend",
    Nav = b"nav", Header = b"header", Footer = b"footer", Aside = b"aside", Main = b"main",
    Article = b"article", Section = b"section", Div = b"div", Span = b"span", P = b"p", A = b"a",
    B = b"b", I = b"i", U = b"u", S = b"s", Em = b"em", Strong = b"strong", Small = b"small",
    Big = b"big", Mark = b"mark", Sub = b"sub", Sup = b"sup", Code = b"code", Kbd = b"kbd",
    Samp = b"samp", Var = b"var", Pre = b"pre", Blockquote = b"blockquote", Q = b"q", Cite = b"cite",
    Abbr = b"abbr", Time = b"time", Address = b"address", H1 = b"h1", H2 = b"h2", H3 = b"h3",
    H4 = b"h4", H5 = b"h5", H6 = b"h6", Hgroup = b"hgroup", Ul = b"ul", Ol = b"ol", Li = b"li",
    Dl = b"dl", Dt = b"dt", Dd = b"dd", Menu = b"menu", Table = b"table", Caption = b"caption",
    Thead = b"thead", Tbody = b"tbody", Tfoot = b"tfoot", Tr = b"tr", Td = b"td", Th = b"th",
    Col = b"col", Colgroup = b"colgroup", Figure = b"figure", Figcaption = b"figcaption",
    Details = b"details", Summary = b"summary", Dialog = b"dialog", Center = b"center", Font = b"font",
    Strike = b"strike", Tt = b"tt", Area = b"area", Map = b"map", Param = b"param", Frame = b"frame",
    Frameset = b"frameset", Noframes = b"noframes", Xmp = b"xmp", Noembed = b"noembed",
    Plaintext = b"plaintext", Listing = b"listing", Del = b"del", Ins = b"ins", Ruby = b"ruby",
    Rt = b"rt", Rp = b"rp", Nobr = b"nobr", Dfn = b"dfn", Data = b"data", Output = b"output",
    Progress = b"progress", Meter = b"meter", Search = b"search", Marquee = b"marquee",
    Applet = b"applet", Dir = b"dir", Keygen = b"keygen", Basefont = b"basefont", Bgsound = b"bgsound",
}

impl Tag {
    /// Elements that never have children.
    pub fn is_void(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Area | Base
                | Br
                | Col
                | Embed
                | Hr
                | Img
                | Input
                | Link
                | Meta
                | Param
                | Source
                | Track
                | Wbr
                | Keygen
                | Basefont
                | Bgsound
                | Frame
        )
    }

    /// Headings `h1`..`h6`, with their level.
    pub fn heading_level(self) -> Option<u8> {
        match self {
            Tag::H1 => Some(1),
            Tag::H2 => Some(2),
            Tag::H3 => Some(3),
            Tag::H4 => Some(4),
            Tag::H5 => Some(5),
            Tag::H6 => Some(6),
            _ => None,
        }
    }

    /// Block-level elements: text on either side of them belongs to different blocks.
    pub fn is_block(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Html | Body
                | Address
                | Article
                | Aside
                | Blockquote
                | Center
                | Details
                | Dialog
                | Dir
                | Div
                | Dl
                | Dd
                | Dt
                | Fieldset
                | Figcaption
                | Figure
                | Footer
                | Form
                | H1
                | H2
                | H3
                | H4
                | H5
                | H6
                | Header
                | Hgroup
                | Hr
                | Li
                | Listing
                | Main
                | Menu
                | Nav
                | Ol
                | P
                | Pre
                | Section
                | Summary
                | Table
                | Caption
                | Thead
                | Tbody
                | Tfoot
                | Tr
                | Td
                | Th
                | Ul
                | Legend
                | Search
                | Plaintext
                | Xmp
                | Frameset
                | Noframes
                | Br
        )
    }

    /// Start tags that close an open `<p>` (HTML tree construction, "in body").
    fn closes_p(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Address
                | Article
                | Aside
                | Blockquote
                | Center
                | Details
                | Dialog
                | Dir
                | Div
                | Dl
                | Fieldset
                | Figcaption
                | Figure
                | Footer
                | Header
                | Hgroup
                | Main
                | Menu
                | Nav
                | Ol
                | P
                | Search
                | Section
                | Summary
                | Ul
                | H1
                | H2
                | H3
                | H4
                | H5
                | H6
                | Pre
                | Listing
                | Form
                | Li
                | Dd
                | Dt
                | Plaintext
                | Table
                | Hr
                | Xmp
        )
    }

    /// Inline formatting elements; their end tag never closes a block opened inside them.
    fn is_formatting(self) -> bool {
        use Tag::*;
        matches!(
            self,
            A | B | Big | Code | Em | Font | I | Nobr | S | Small | Strike | Strong | Tt | U | Span
        )
    }

    /// Elements that bound the "in scope" search of an end tag.
    fn is_scope_boundary(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Applet | Caption | Html | Table | Td | Th | Marquee | Object | Template
        )
    }

    /// Elements that may appear inside `<head>`.
    fn in_head(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Title
                | Meta
                | Link
                | Base
                | Style
                | Script
                | Noscript
                | Template
                | Basefont
                | Bgsound
                | Head
                | Html
        )
    }

    /// Raw-text elements: their content is not parsed as markup in place. (`<noscript>` is
    /// raw text as in a browser with scripting on, so it cannot disturb the tree around it;
    /// its content is then parsed on its own as the element's children, because some sites
    /// serve their whole text inside it.)
    fn is_raw_text(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Script | Style | Xmp | Iframe | Noembed | Noframes | Noscript
        )
    }

    /// Escapable raw text: content is text with entities, up to the end tag.
    fn is_rcdata(self) -> bool {
        matches!(self, Tag::Title | Tag::Textarea)
    }
}

/// One attribute: ranges into [`Dom::strs`].
#[derive(Debug, Clone)]
pub struct Attr {
    /// The lower-case name.
    pub name: Range<u32>,
    /// The entity-decoded value.
    pub value: Range<u32>,
    /// [`name_key`] of the name, so lookups compare one word instead of the strings.
    key: u64,
}

impl Attr {
    /// Whether this attribute's name is `name` (lower-case, at most 8 bytes: a name of
    /// [`AttrName::new`]).
    #[inline]
    pub fn is(&self, name: AttrName) -> bool {
        self.key == name.key && self.name.end - self.name.start == name.len
    }
}

/// An attribute name of at most 8 bytes, prepared for [`Attr::is`] (`const`, so the
/// names a walk looks for cost nothing to prepare).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttrName {
    key: u64,
    len: u32,
}

impl AttrName {
    /// The name (lower-case). Panics at compile time, when used in a `const`, if it is
    /// longer than 8 bytes.
    pub const fn new(name: &str) -> AttrName {
        assert!(name.len() <= 8, "AttrName holds at most 8 bytes");
        AttrName {
            key: name_key(name.as_bytes()),
            len: name.len() as u32,
        }
    }
}

/// The first 8 bytes of an attribute name, ASCII-lower-cased and packed little-endian
/// (zero-padded). Equal names have equal keys; names of the same length up to 8 bytes with
/// equal keys are equal.
#[inline]
const fn name_key(name: &[u8]) -> u64 {
    let mut k = 0u64;
    let mut i = 0;
    while i < name.len() && i < 8 {
        k |= (name[i].to_ascii_lowercase() as u64) << (8 * i);
        i += 1;
    }
    k
}

/// What a node is.
#[derive(Debug, Clone)]
pub enum Kind {
    /// The root.
    Document,
    /// An element.
    Element {
        /// Its tag.
        tag: Tag,
        /// Its attributes: a range of [`Dom::attrs`].
        attrs: Range<u32>,
        /// Its name in [`Dom::strs`] (only filled for [`Tag::Other`]).
        name: Range<u32>,
    },
    /// A run of (entity-decoded) text: a range of [`Dom::strs`].
    Text(Range<u32>),
}

/// A tree node with its links.
#[derive(Debug, Clone)]
pub struct Node {
    /// Parent, or [`NONE`] for the root.
    pub parent: NodeId,
    /// First child, or [`NONE`].
    pub first_child: NodeId,
    /// Last child, or [`NONE`].
    pub last_child: NodeId,
    /// Next sibling, or [`NONE`].
    pub next: NodeId,
    /// What it is.
    pub kind: Kind,
}

/// The parsed document.
#[derive(Debug, Default)]
pub struct Dom {
    /// All nodes; node 0 is the document.
    pub nodes: Vec<Node>,
    /// All attributes.
    pub attrs: Vec<Attr>,
    /// All strings (text, attribute names and values).
    pub strs: String,
}

impl Dom {
    pub(crate) fn with_capacity(bytes: usize) -> Dom {
        let mut d = Dom {
            nodes: Vec::with_capacity(bytes / 40 + 16),
            attrs: Vec::with_capacity(bytes / 60 + 16),
            // Text, names and values are at most about as long as the page: one allocation,
            // no copying as it grows (the unused tail is never written; large buffers are
            // mapped pages that take memory only once written).
            strs: String::with_capacity(bytes + 64),
        };
        d.nodes.push(Node {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            next: NONE,
            kind: Kind::Document,
        });
        d
    }

    /// The root node id.
    pub const ROOT: NodeId = 0;

    #[inline]
    pub(crate) fn s(&self, r: &Range<u32>) -> &str {
        &self.strs[r.start as usize..r.end as usize]
    }

    /// The node.
    #[inline]
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    /// The element's tag, or `None` for text and the document.
    #[inline]
    pub fn tag(&self, id: NodeId) -> Option<Tag> {
        match self.nodes[id as usize].kind {
            Kind::Element { tag, .. } => Some(tag),
            _ => None,
        }
    }

    /// The element name (for known tags, the static name; for others, as written, lower-cased).
    pub fn tag_name(&self, id: NodeId) -> &str {
        match &self.nodes[id as usize].kind {
            Kind::Element {
                tag: Tag::Other,
                name,
                ..
            } => self.s(name),
            Kind::Element { tag, .. } => tag.name(),
            _ => "",
        }
    }

    /// The text of a text node.
    #[inline]
    pub fn text(&self, id: NodeId) -> Option<&str> {
        match &self.nodes[id as usize].kind {
            Kind::Text(r) => Some(self.s(r)),
            _ => None,
        }
    }

    /// The value of attribute `name` (lower-case) on element `id`.
    #[inline]
    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        // Compared by length and packed first 8 bytes (the key), then the rest of a longer
        // name: the strings themselves are read only for names longer than 8 bytes.
        let want = name.as_bytes();
        let key = name_key(want);
        // `name_key` lower-cases: a name with upper-case letters names no attribute.
        if want.iter().any(u8::is_ascii_uppercase) {
            return None;
        }
        let len = u32::try_from(want.len()).ok()?;
        let strs = self.strs.as_bytes();
        self.attr_list(id)
            .iter()
            .find(|a| {
                a.key == key
                    && a.name.end - a.name.start == len
                    && (len <= 8
                        || strs.get(a.name.start as usize + 8..a.name.end as usize)
                            == want.get(8..))
            })
            .map(|a| self.s(&a.value))
    }

    /// The attributes of element `id` in source order (empty for other nodes); with
    /// [`Attr::is`], one pass over them answers several names.
    #[inline]
    pub fn attr_list(&self, id: NodeId) -> &[Attr] {
        match &self.nodes[id as usize].kind {
            Kind::Element { attrs, .. } => &self.attrs[attrs.start as usize..attrs.end as usize],
            _ => &[],
        }
    }

    /// The value of an attribute of this document.
    #[inline]
    pub fn value(&self, a: &Attr) -> &str {
        self.s(&a.value)
    }

    /// All attributes of element `id` as `(name, value)` pairs.
    pub fn attrs_of(&self, id: NodeId) -> impl Iterator<Item = (&str, &str)> {
        let r = match &self.nodes[id as usize].kind {
            Kind::Element { attrs, .. } => attrs.start as usize..attrs.end as usize,
            _ => 0..0,
        };
        self.attrs[r]
            .iter()
            .map(|a| (self.s(&a.name), self.s(&a.value)))
    }

    /// The children of `id`.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            dom: self,
            next: self.nodes[id as usize].first_child,
        }
    }

    /// `id` and all its descendants in document order (pre-order).
    pub fn descendants(&self, id: NodeId) -> Descendants<'_> {
        Descendants {
            dom: self,
            root: id,
            next: id,
        }
    }

    /// The next node after `id` in document order that is not inside `id`, bounded by `root`.
    pub fn skip_subtree(&self, mut id: NodeId, root: NodeId) -> NodeId {
        loop {
            if id == root {
                return NONE;
            }
            let n = &self.nodes[id as usize];
            if n.next != NONE {
                return n.next;
            }
            id = n.parent;
            if id == NONE {
                return NONE;
            }
        }
    }

    /// The next node in document order after `id`, bounded by `root`.
    #[inline]
    pub fn next_in_order(&self, id: NodeId, root: NodeId) -> NodeId {
        let fc = self.nodes[id as usize].first_child;
        if fc != NONE {
            fc
        } else {
            self.skip_subtree(id, root)
        }
    }

    /// Ancestors of `id`, nearest first (not including `id`).
    pub fn ancestors(&self, id: NodeId) -> Ancestors<'_> {
        Ancestors {
            dom: self,
            next: self.nodes[id as usize].parent,
        }
    }

    /// All text under `id`, concatenated as written.
    pub fn text_content(&self, id: NodeId) -> String {
        let mut s = String::new();
        for d in self.descendants(id) {
            if let Some(t) = self.text(d) {
                s.push_str(t);
            }
        }
        s
    }

    /// The first element with tag `tag` in document order.
    pub fn find(&self, tag: Tag) -> Option<NodeId> {
        self.descendants(Self::ROOT)
            .find(|&d| self.tag(d) == Some(tag))
    }

    fn push_node(&mut self, parent: NodeId, kind: Kind) -> NodeId {
        let id = self.nodes.len() as NodeId;
        let prev_last = self.nodes[parent as usize].last_child;
        self.nodes.push(Node {
            parent,
            first_child: NONE,
            last_child: NONE,
            next: NONE,
            kind,
        });
        if prev_last == NONE {
            self.nodes[parent as usize].first_child = id;
        } else {
            self.nodes[prev_last as usize].next = id;
        }
        self.nodes[parent as usize].last_child = id;
        id
    }
}

/// Iterator over children.
pub struct Children<'a> {
    dom: &'a Dom,
    next: NodeId,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let id = self.next;
        self.next = self.dom.nodes[id as usize].next;
        Some(id)
    }
}

/// Pre-order iterator over a subtree.
pub struct Descendants<'a> {
    dom: &'a Dom,
    root: NodeId,
    next: NodeId,
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let id = self.next;
        self.next = self.dom.next_in_order(id, self.root);
        Some(id)
    }
}

/// Iterator over ancestors.
pub struct Ancestors<'a> {
    dom: &'a Dom,
    next: NodeId,
}

impl Iterator for Ancestors<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let id = self.next;
        self.next = self.dom.nodes[id as usize].parent;
        Some(id)
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/// Parsing limits.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Maximum depth of the open-element stack.
    pub max_depth: usize,
    /// Maximum number of nodes.
    pub max_nodes: usize,
}

/// What parsing noticed.
#[derive(Debug, Default, Clone, Copy)]
pub struct ParseReport {
    /// The depth limit was hit.
    pub depth_limited: bool,
    /// The node limit was hit.
    pub node_limited: bool,
}

/// Parses HTML text into a [`Dom`]. Never fails: malformed markup is repaired the way
/// browsers mostly do (implied end tags, stray end tags ignored, unclosed elements closed at EOF).
pub fn parse(src: &str, limits: Limits) -> (Dom, ParseReport) {
    let mut b = Builder {
        dom: Dom::with_capacity(src.len()),
        stack: vec![Dom::ROOT],
        stack_tags: vec![Tag::Html],
        foreign: 0,
        report: ParseReport::default(),
        limits,
        form_open: 0,
        in_fragment: false,
        body_content: false,
    };
    b.run(src);
    (b.dom, b.report)
}

struct Builder {
    dom: Dom,
    stack: Vec<NodeId>,
    /// Tags parallel to `stack` (the document counts as a scope boundary, `Html`).
    stack_tags: Vec<Tag>,
    /// How many `svg`/`math` elements are open.
    foreign: usize,
    report: ParseReport,
    limits: Limits,
    form_open: usize,
    /// Parsing a `<noscript>` fragment (no nested fragments).
    in_fragment: bool,
    /// Body content (an element that does not belong in the head, or text) has been
    /// inserted: a later `<body>` start tag is a stray one and is ignored, as browsers do,
    /// instead of starting a second body that would hide the content before it.
    body_content: bool,
}

#[inline]
fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if memchr::memchr(b'&', s.as_bytes()).is_some() {
        htmlize::unescape(s)
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

fn decode_attr_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if memchr::memchr(b'&', s.as_bytes()).is_some() {
        htmlize::unescape_attribute(s)
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

impl Builder {
    #[inline]
    fn current(&self) -> NodeId {
        *self.stack.last().unwrap_or(&Dom::ROOT)
    }

    #[inline]
    fn full(&mut self) -> bool {
        if self.dom.nodes.len() >= self.limits.max_nodes {
            self.report.node_limited = true;
            true
        } else {
            false
        }
    }

    fn run(&mut self, src: &str) {
        let bytes = src.as_bytes();
        let len = bytes.len();
        let mut pos = 0usize;
        let mut text_start = 0usize;
        while pos < len {
            let Some(off) = memchr::memchr(b'<', &bytes[pos..]) else {
                break;
            };
            let lt = pos + off;
            let next = bytes.get(lt + 1).copied().unwrap_or(0);
            if next.is_ascii_alphabetic() {
                self.text(&src[text_start..lt]);
                if self.full() {
                    return;
                }
                let (end, raw) = self.start_tag(src, lt + 1);
                pos = end;
                if let Some(tag) = raw {
                    pos = self.raw_text(src, pos, tag);
                }
                text_start = pos;
            } else if next == b'/' {
                let n2 = bytes.get(lt + 2).copied().unwrap_or(0);
                if n2.is_ascii_alphabetic() {
                    self.text(&src[text_start..lt]);
                    pos = self.end_tag(src, lt + 2);
                    text_start = pos;
                } else if n2 == b'>' {
                    // `</>` is dropped.
                    self.text(&src[text_start..lt]);
                    pos = lt + 3;
                    text_start = pos;
                } else {
                    // `</ ...>` and similar: a bogus comment up to `>`.
                    self.text(&src[text_start..lt]);
                    pos = memchr::memchr(b'>', &bytes[lt..]).map_or(len, |e| lt + e + 1);
                    text_start = pos;
                }
            } else if next == b'!' {
                self.text(&src[text_start..lt]);
                pos = if bytes[lt..].starts_with(b"<!--") {
                    let body = lt + 4;
                    if bytes[body..].starts_with(b">") {
                        body + 1
                    } else if bytes[body..].starts_with(b"->") {
                        body + 2
                    } else {
                        memchr::memmem::find(&bytes[body..], b"-->").map_or(len, |e| body + e + 3)
                    }
                } else if bytes[lt..].starts_with(b"<![CDATA[") && self.foreign > 0 {
                    let body = lt + 9;
                    let end =
                        memchr::memmem::find(&bytes[body..], b"]]>").map_or(len, |e| body + e);
                    self.text(&src[body..end]);
                    (end + 3).min(len)
                } else {
                    memchr::memchr(b'>', &bytes[lt..]).map_or(len, |e| lt + e + 1)
                };
                text_start = pos;
            } else if next == b'?' {
                self.text(&src[text_start..lt]);
                pos = memchr::memchr(b'>', &bytes[lt..]).map_or(len, |e| lt + e + 1);
                text_start = pos;
            } else {
                // A literal `<`.
                pos = lt + 1;
            }
        }
        if text_start < len {
            self.text(&src[text_start..]);
        }
    }

    /// Appends text (entity-decoded) to the current node, merging with a preceding text node.
    fn text(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        let parent = self.current();
        let ws_only = raw.bytes().all(is_ws);
        if ws_only {
            // Whitespace between structural elements carries nothing.
            match self.stack_tags.last() {
                Some(
                    Tag::Html
                    | Tag::Head
                    | Tag::Table
                    | Tag::Tbody
                    | Tag::Thead
                    | Tag::Tfoot
                    | Tag::Tr
                    | Tag::Ul
                    | Tag::Ol
                    | Tag::Dl
                    | Tag::Select
                    | Tag::Colgroup,
                ) => return,
                _ if parent == Dom::ROOT => return,
                _ => {}
            }
        }
        if !ws_only && self.stack_tags.last() == Some(&Tag::Head) {
            self.close_head();
        }
        if !ws_only
            && !self.body_content
            && !self
                .stack_tags
                .last()
                .is_some_and(|t| t.is_raw_text() || t.is_rcdata() || t.in_head())
        {
            self.body_content = true;
        }
        let parent = self.current();
        let mut decoded = decode_entities(raw);
        if decoded.contains('\0') {
            // Browsers drop U+0000 in text.
            decoded = std::borrow::Cow::Owned(decoded.replace('\0', ""));
        }
        let last = self.dom.nodes[parent as usize].last_child;
        if last != NONE {
            if let Kind::Text(r) = &mut self.dom.nodes[last as usize].kind {
                if r.end as usize == self.dom.strs.len() {
                    self.dom.strs.push_str(&decoded);
                    r.end = self.dom.strs.len() as u32;
                    return;
                }
            }
        }
        if self.full() {
            return;
        }
        let start = self.dom.strs.len() as u32;
        self.dom.strs.push_str(&decoded);
        let end = self.dom.strs.len() as u32;
        self.dom.push_node(parent, Kind::Text(start..end));
    }

    /// Parses a start tag whose name begins at `p`; returns the position after `>` and,
    /// for raw-text elements, the tag whose end tag ends the raw text.
    fn start_tag(&mut self, src: &str, p: usize) -> (usize, Option<Tag>) {
        let bytes = src.as_bytes();
        let len = bytes.len();
        let mut i = p;
        while i < len && !is_ws(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
            i += 1;
        }
        let raw_name = &src[p..i];
        let mut lname_buf = [0u8; 16];
        let tag = if raw_name.len() <= 16 {
            for (d, s) in lname_buf.iter_mut().zip(raw_name.bytes()) {
                *d = s.to_ascii_lowercase();
            }
            Tag::from_lower(&lname_buf[..raw_name.len()])
        } else {
            Tag::Other
        };
        // Attributes.
        let attr_start = self.dom.attrs.len() as u32;
        let mut self_closing = false;
        loop {
            while i < len && (is_ws(bytes[i]) || bytes[i] == b'/') {
                self_closing = bytes[i] == b'/';
                i += 1;
            }
            if i >= len {
                break;
            }
            if bytes[i] == b'>' {
                i += 1;
                break;
            }
            self_closing = false;
            let ns = i;
            i += 1; // the first character may be '='
            while i < len && !is_ws(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=') {
                i += 1;
            }
            let name = &src[ns..i];
            while i < len && is_ws(bytes[i]) {
                i += 1;
            }
            let mut value = "";
            if i < len && bytes[i] == b'=' {
                i += 1;
                while i < len && is_ws(bytes[i]) {
                    i += 1;
                }
                if i < len && (bytes[i] == b'"' || bytes[i] == b'\'') {
                    let q = bytes[i];
                    let vs = i + 1;
                    let ve = memchr::memchr(q, &bytes[vs..]).map_or(len, |e| vs + e);
                    value = &src[vs..ve];
                    i = (ve + 1).min(len);
                } else {
                    let vs = i;
                    while i < len && !is_ws(bytes[i]) && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = &src[vs..i];
                }
            }
            self.push_attr(attr_start, name, value);
        }
        let attrs = attr_start..self.dom.attrs.len() as u32;
        let name_range = if tag == Tag::Other {
            let s = self.dom.strs.len() as u32;
            for c in raw_name.chars() {
                self.dom.strs.push(c.to_ascii_lowercase());
            }
            s..self.dom.strs.len() as u32
        } else {
            0..0
        };
        let raw = self.insert_element(tag, attrs, name_range, self_closing);
        (i, raw)
    }

    fn push_attr(&mut self, attr_start: u32, name: &str, value: &str) {
        // Duplicate attributes: the first one wins. Only the first 64 attributes are compared,
        // so a hostile element with 100,000 attributes stays linear.
        let key = name_key(name.as_bytes());
        let len = name.len() as u32;
        let dup = self.dom.attrs[attr_start as usize..]
            .iter()
            .take(64)
            .any(|a| {
                a.key == key
                    && a.name.end - a.name.start == len
                    && (len <= 8 || self.dom.s(&a.name).eq_ignore_ascii_case(name))
            });
        if dup {
            return;
        }
        let ns = self.dom.strs.len() as u32;
        if name.bytes().any(|b| b.is_ascii_uppercase()) {
            for c in name.chars() {
                self.dom.strs.push(c.to_ascii_lowercase());
            }
        } else {
            self.dom.strs.push_str(name);
        }
        let ne = self.dom.strs.len() as u32;
        self.dom.strs.push_str(&decode_attr_entities(value));
        let ve = self.dom.strs.len() as u32;
        self.dom.attrs.push(Attr {
            name: ns..ne,
            value: ne..ve,
            key,
        });
    }

    /// Index in the stack of the nearest open element with `tag`, searching down to a scope boundary.
    fn in_scope(&self, tag: Tag, extra_boundary: fn(Tag) -> bool) -> Option<usize> {
        for (i, &t) in self.stack_tags.iter().enumerate().rev() {
            if t == tag {
                return Some(i);
            }
            if t.is_scope_boundary() || extra_boundary(t) || i == 0 {
                return None;
            }
        }
        None
    }

    fn pop_to(&mut self, idx: usize) {
        // `idx` is the index of the element to close (it is popped too); never pop the root.
        let idx = idx.max(1);
        for t in &self.stack_tags[idx..] {
            if matches!(t, Tag::Svg | Tag::Math) {
                self.foreign = self.foreign.saturating_sub(1);
            }
            if *t == Tag::Form {
                self.form_open = self.form_open.saturating_sub(1);
            }
        }
        self.stack.truncate(idx);
        self.stack_tags.truncate(idx);
    }

    /// Applies the implied-end-tag rules for a start tag, then inserts it.
    fn insert_element(
        &mut self,
        tag: Tag,
        attrs: Range<u32>,
        name: Range<u32>,
        self_closing: bool,
    ) -> Option<Tag> {
        if self.foreign == 0 {
            if !tag.in_head() {
                self.close_head();
            }
            self.implied_closes(tag);
            match tag {
                Tag::Html | Tag::Body | Tag::Head
                    if self.in_fragment
                        || self.stack_tags.iter().skip(1).any(|&t| t == tag)
                        || self.dom.find_first_tag_cached(tag) =>
                {
                    return None
                }
                Tag::Body if self.body_content => return None,
                Tag::Form if self.form_open > 0 => return None,
                _ => {}
            }
            if !tag.in_head() && !matches!(tag, Tag::Html | Tag::Head | Tag::Body) {
                self.body_content = true;
            }
        }
        let parent = self.current();
        let id = self
            .dom
            .push_node(parent, Kind::Element { tag, attrs, name });
        let foreign_void = self.foreign > 0 && self_closing;
        if tag.is_void() || foreign_void {
            return None;
        }
        if self.stack.len() >= self.limits.max_depth {
            self.report.depth_limited = true;
            // Not pushed: its content goes to the current node. Raw text is still skipped.
            return (tag.is_raw_text() || tag.is_rcdata()).then_some(tag);
        }
        if self.foreign == 0 && (tag.is_raw_text() || tag.is_rcdata()) {
            // Raw-text elements are pushed so that their content lands inside them.
            self.stack.push(id);
            self.stack_tags.push(tag);
            return Some(tag);
        }
        if tag == Tag::Plaintext {
            self.stack.push(id);
            self.stack_tags.push(tag);
            return Some(tag);
        }
        if matches!(tag, Tag::Svg | Tag::Math) {
            self.foreign += 1;
        }
        if tag == Tag::Form {
            self.form_open += 1;
        }
        self.stack.push(id);
        self.stack_tags.push(tag);
        None
    }

    /// Body content closes an open `<head>` (pages that never write `</head>` or `<body>`).
    fn close_head(&mut self) {
        if let Some(i) = self.stack_tags.iter().rposition(|&t| t == Tag::Head) {
            self.pop_to(i);
        }
    }

    fn implied_closes(&mut self, tag: Tag) {
        use Tag::*;
        if tag.closes_p() {
            if let Some(i) = self.in_scope(P, |t| t == Button) {
                self.pop_to(i);
            }
        }
        match tag {
            Li | Dd | Dt => {
                for i in (1..self.stack_tags.len()).rev() {
                    let t = self.stack_tags[i];
                    let hit = if tag == Li {
                        t == Li
                    } else {
                        t == Dd || t == Dt
                    };
                    if hit {
                        self.pop_to(i);
                        break;
                    }
                    if !matches!(t, Address | Div | P | Span | A | B | I | Em | Strong | Font) {
                        break;
                    }
                }
            }
            H1 | H2 | H3 | H4 | H5 | H6 => {
                if self
                    .stack_tags
                    .last()
                    .and_then(|t| t.heading_level())
                    .is_some()
                {
                    let n = self.stack.len() - 1;
                    self.pop_to(n);
                }
            }
            Tr | Td | Th | Tbody | Thead | Tfoot | Caption | Colgroup => {
                let Some(t) = self.stack_tags.iter().rposition(|&x| x == Table) else {
                    return;
                };
                let closes: fn(Tag) -> bool = match tag {
                    Td | Th => |x| matches!(x, Td | Th),
                    Tr => |x| matches!(x, Tr | Td | Th),
                    _ => |x| matches!(x, Tbody | Thead | Tfoot | Tr | Td | Th | Caption | Colgroup),
                };
                if let Some(off) = self.stack_tags[t + 1..].iter().position(|&x| closes(x)) {
                    // A nested table inside the cell stops the search.
                    if !self.stack_tags[t + 1..t + 1 + off].contains(&Table) {
                        self.pop_to(t + 1 + off);
                    }
                }
            }
            Option => {
                if self.stack_tags.last() == Some(&Option) {
                    let n = self.stack.len() - 1;
                    self.pop_to(n);
                }
            }
            Optgroup => {
                if let Some(i) = self
                    .stack_tags
                    .iter()
                    .rposition(|&x| x == Option || x == Optgroup)
                    .filter(|&i| i + 2 >= self.stack_tags.len())
                {
                    self.pop_to(i);
                }
            }
            A => {
                if let Some(i) = self.in_scope(A, |_| false) {
                    if !self.stack_tags[i + 1..].iter().any(|t| t.is_block()) {
                        self.pop_to(i);
                    }
                }
            }
            _ => {}
        }
    }

    /// Skips raw text up to `</tag`, stores it as a text child of the just-opened element,
    /// pops that element, and returns the position after the end tag.
    fn raw_text(&mut self, src: &str, pos: usize, tag: Tag) -> usize {
        let bytes = src.as_bytes();
        let len = bytes.len();
        if tag == Tag::Plaintext {
            self.text(&src[pos..]);
            return len;
        }
        let name = tag.name().as_bytes();
        let mut i = pos;
        let (text_end, after) = loop {
            let Some(off) = memchr::memmem::find(&bytes[i..], b"</") else {
                if tag.is_rcdata() {
                    // An unclosed <title> or <textarea> would swallow the page: end it at the
                    // next tag instead (what lenient parsers do with broken pages).
                    let cut = memchr::memchr(b'<', &bytes[pos..]).map_or(len, |e| pos + e);
                    break (cut, cut);
                }
                break (len, len);
            };
            let s = i + off;
            let ne = s + 2 + name.len();
            if ne <= len
                && bytes[s + 2..ne].eq_ignore_ascii_case(name)
                && (ne == len || is_ws(bytes[ne]) || bytes[ne] == b'/' || bytes[ne] == b'>')
            {
                let gt = memchr::memchr(b'>', &bytes[ne..]).map_or(len, |e| ne + e + 1);
                break (s, gt);
            }
            i = s + 2;
        };
        let pushed = self.stack_tags.last() == Some(&tag);
        if pushed {
            if tag.is_rcdata() {
                self.text(&src[pos..text_end]);
            } else if tag == Tag::Noscript && !self.in_fragment {
                self.fragment(&src[pos..text_end]);
            } else if text_end > pos && !self.full() {
                // Raw text is kept verbatim (JSON-LD lives in scripts).
                let start = self.dom.strs.len() as u32;
                self.dom.strs.push_str(&src[pos..text_end]);
                let end = self.dom.strs.len() as u32;
                let cur = self.current();
                self.dom.push_node(cur, Kind::Text(start..end));
            }
            let n = self.stack.len() - 1;
            self.pop_to(n);
        }
        after
    }

    /// Parses `src` as the content of the current element, with its own open-element stack.
    fn fragment(&mut self, src: &str) {
        let root = self.current();
        let stack = std::mem::replace(&mut self.stack, vec![root]);
        let tags = std::mem::replace(&mut self.stack_tags, vec![Tag::Noscript]);
        let (foreign, form_open) = (self.foreign, self.form_open);
        self.foreign = 0;
        self.in_fragment = true;
        self.run(src);
        self.in_fragment = false;
        self.stack = stack;
        self.stack_tags = tags;
        self.foreign = foreign;
        self.form_open = form_open;
    }

    /// Parses an end tag whose name begins at `p`; returns the position after `>`.
    fn end_tag(&mut self, src: &str, p: usize) -> usize {
        let bytes = src.as_bytes();
        let len = bytes.len();
        let mut i = p;
        while i < len && !is_ws(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
            i += 1;
        }
        let raw_name = &src[p..i];
        let end = memchr::memchr(b'>', &bytes[i..]).map_or(len, |e| i + e + 1);
        let mut lname_buf = [0u8; 16];
        let tag = if raw_name.len() <= 16 {
            for (d, s) in lname_buf.iter_mut().zip(raw_name.bytes()) {
                *d = s.to_ascii_lowercase();
            }
            Tag::from_lower(&lname_buf[..raw_name.len()])
        } else {
            Tag::Other
        };
        match tag {
            Tag::Br => {
                let parent = self.current();
                if !self.full() {
                    self.dom.push_node(
                        parent,
                        Kind::Element {
                            tag: Tag::Br,
                            attrs: 0..0,
                            name: 0..0,
                        },
                    );
                }
            }
            Tag::Body | Tag::Html => {}
            Tag::Other => {
                // Match by name; unknown elements have no scope rules beyond the boundaries.
                for idx in (1..self.stack.len()).rev() {
                    let t = self.stack_tags[idx];
                    if t == Tag::Other {
                        let id = self.stack[idx];
                        if self.dom.tag_name(id).eq_ignore_ascii_case(raw_name) {
                            self.pop_to(idx);
                            break;
                        }
                    } else if t.is_scope_boundary() {
                        break;
                    }
                }
            }
            _ => {
                let boundary: fn(Tag) -> bool = match tag {
                    Tag::Li => |t| matches!(t, Tag::Ul | Tag::Ol),
                    Tag::P => |t| t == Tag::Button,
                    _ => |_| false,
                };
                let found = if matches!(tag, Tag::Table | Tag::Td | Tag::Th | Tag::Caption) {
                    self.stack_tags
                        .iter()
                        .rposition(|&t| t == tag)
                        .filter(|&i| {
                            // Do not cross an inner table when closing an outer one's cell.
                            !self.stack_tags[i + 1..].contains(&Tag::Table)
                        })
                } else {
                    self.in_scope(tag, boundary)
                };
                if let Some(i) = found {
                    if tag.is_formatting() && self.stack_tags[i + 1..].iter().any(|t| t.is_block())
                    {
                        // `<b><p>x</b>`: the end tag does not close the block opened inside.
                        return end;
                    }
                    self.pop_to(i);
                }
            }
        }
        end
    }
}

impl Dom {
    /// Whether an element with this tag already exists (used for the single html/head/body rule).
    fn find_first_tag_cached(&self, tag: Tag) -> bool {
        // html/head/body are near the start of the node list when present.
        self.nodes
            .iter()
            .take(64)
            .any(|n| matches!(n.kind, Kind::Element { tag: t, .. } if t == tag))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Dom {
        parse(
            s,
            Limits {
                max_depth: 256,
                max_nodes: 1_000_000,
            },
        )
        .0
    }

    #[test]
    fn attribute_lookup_by_key() {
        let d = p(
            r#"<div ItemProp="a" itemprop="dup" data-itemprop-x="long" data-itemprop-y="other"
            CLASS="c" class2="d" id="" http-equiv="h" HTTP-EQUIV="dup2" xé="e">t</div>"#,
        );
        let div = d.find(Tag::Div).unwrap();
        // Reference: the first attribute whose stored (lower-case) name equals the query.
        let reference = |name: &str| {
            d.attrs_of(div)
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        };
        for name in [
            "itemprop",
            "data-itemprop-x",
            "data-itemprop-y",
            "data-itemprop",
            "class",
            "class2",
            "clas",
            "id",
            "http-equiv",
            "xé",
            "ItemProp",
            "CLASS",
            "",
        ] {
            assert_eq!(
                d.attr(div, name).map(str::to_string),
                reference(name),
                "{name}"
            );
        }
        assert_eq!(d.attr(div, "itemprop"), Some("a"));
        assert_eq!(d.attr(div, "http-equiv"), Some("h"));
        assert_eq!(d.attr(div, "CLASS"), None);
        const CLASS: AttrName = AttrName::new("class");
        const CLAS: AttrName = AttrName::new("clas");
        let classes: Vec<&str> = d
            .attr_list(div)
            .iter()
            .filter(|a| a.is(CLASS))
            .map(|a| d.value(a))
            .collect();
        assert_eq!(classes, ["c"]);
        assert!(!d.attr_list(div).iter().any(|a| a.is(CLAS)));
        let text = d.node(div).first_child;
        assert!(d.attr_list(text).is_empty());
    }

    /// Serialises the tree compactly for assertions.
    fn show(d: &Dom, id: NodeId) -> String {
        let mut out = String::new();
        for c in d.children(id) {
            match &d.node(c).kind {
                Kind::Text(_) => out.push_str(d.text(c).unwrap_or("")),
                Kind::Element { .. } => {
                    out.push('<');
                    out.push_str(d.tag_name(c));
                    out.push('>');
                    out.push_str(&show(d, c));
                    out.push_str("</");
                    out.push_str(d.tag_name(c));
                    out.push('>');
                }
                Kind::Document => {}
            }
        }
        out
    }

    #[test]
    fn basic_tree_and_entities() {
        let d = p("<p class=x id='y' data-a=\"1 &amp; 2\">Tom &amp; Jerry&nbsp;&eacute;</p>");
        assert_eq!(show(&d, 0), "<p>Tom & Jerry\u{a0}é</p>");
        let pid = d.find(Tag::P).unwrap();
        assert_eq!(d.attr(pid, "class"), Some("x"));
        assert_eq!(d.attr(pid, "id"), Some("y"));
        assert_eq!(d.attr(pid, "data-a"), Some("1 & 2"));
    }

    #[test]
    fn implied_end_tags() {
        let d = p("<p>one<p>two<div>three</div><ul><li>a<li>b</ul>");
        assert_eq!(
            show(&d, 0),
            "<p>one</p><p>two</p><div>three</div><ul><li>a</li><li>b</li></ul>"
        );
        let d = p("<table><tr><td>1<td>2<tr><td>3</table>x");
        assert_eq!(
            show(&d, 0),
            "<table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>x"
        );
    }

    #[test]
    fn raw_text_and_comments() {
        let d =
            p("<script>if (a<b) { x = '</div>' }</script><!-- <p>no</p> --><style>p{}</STYLE >ok");
        assert_eq!(
            show(&d, 0),
            "<script>if (a<b) { x = '</div>' }</script><style>p{}</style>ok"
        );
        let d = p("<title>A &amp; B</title><textarea><b>x</b></textarea>");
        assert_eq!(
            show(&d, 0),
            "<title>A & B</title><textarea><b>x</b></textarea>"
        );
    }

    #[test]
    fn regression_unclosed_title_does_not_swallow_page() {
        let d = p("<title>Headline<script>x()</script></head><body><p>Body text</p>");
        assert_eq!(d.text_content(d.find(Tag::Title).unwrap()), "Headline");
        assert_eq!(d.text_content(d.find(Tag::P).unwrap()), "Body text");
    }

    #[test]
    fn regression_missing_head_end_tag() {
        let d = p("<html><head><title>T</title><div><p>Body text</p></div></html>");
        let div = d.find(Tag::Div).unwrap();
        assert_eq!(d.tag(d.node(div).parent), Some(Tag::Html));
        let d = p("<head><meta charset=utf-8>Loose text");
        let last = d.nodes.len() as u32 - 1;
        assert_eq!(d.text(last), Some("Loose text"));
        assert_ne!(d.tag(d.node(last).parent), Some(Tag::Head));
    }

    #[test]
    fn noscript_content_is_parsed_in_isolation() {
        let d = p("<p>a<noscript><div>x</div></noscript>b</p>");
        assert_eq!(show(&d, 0), "<p>a<noscript><div>x</div></noscript>b</p>");
        // regression: `<noscript><body></noscript>` in the head must not become the body.
        let d = p("<head><noscript><body id=x></noscript></head><body><p>t</p></body>");
        let b = d.find(Tag::Body).unwrap();
        assert_eq!(d.text_content(b), "t");
    }

    #[test]
    fn stray_body_start_tag_after_content_is_ignored() {
        // regression: a page with no `<body>` of its own embedding a second document
        // (`<html><head>..</head><body>..</body></html>`) mid-page lost everything before it,
        // because the embedded `<body>` became the only body element.
        let d = p("<title>T</title><div><p>first</p><body class=x><p>second</p></body></div>");
        assert_eq!(d.find(Tag::Body), None);
        assert_eq!(d.text_content(d.find(Tag::Div).unwrap()), "firstsecond");
        // A `<body>` after head-only content still opens the body.
        let d = p("<title>T</title><meta charset=utf-8>\n<body><p>x</p></body>");
        assert_eq!(d.text_content(d.find(Tag::Body).unwrap()), "x");
    }

    #[test]
    fn stray_and_misnested_end_tags() {
        let d = p("<div><b><p>x</b>y</p></span></div>z");
        assert_eq!(show(&d, 0), "<div><b><p>xy</p></b></div>z");
        let d = p("</p></div>a<br/>b</br>c");
        assert_eq!(show(&d, 0), "a<br></br>b<br></br>c");
    }

    #[test]
    fn unterminated_constructs_do_not_panic() {
        for s in [
            "<",
            "<a",
            "<a href=\"x",
            "<!--",
            "<!-- x",
            "<script>x",
            "</",
            "</a",
            "<p a=",
            "<p a='",
            "<![CDATA[",
            "<svg><![CDATA[x",
            "&",
            "&#",
            "&#x110000;",
            "<p>&#0;</p>",
            "<\u{e9}>",
        ] {
            let _ = p(s);
        }
    }

    #[test]
    fn deep_nesting_is_capped() {
        let s = "<div>".repeat(200_000) + "deep" + &"</div>".repeat(200_000);
        let (d, r) = parse(
            &s,
            Limits {
                max_depth: 100,
                max_nodes: 10_000_000,
            },
        );
        assert!(r.depth_limited);
        assert!(d.text_content(0).contains("deep"));
        // Depth of any node stays bounded.
        let max = (0..d.nodes.len() as u32)
            .map(|i| d.ancestors(i).count())
            .max()
            .unwrap();
        assert!(max <= 101, "{max}");
    }

    #[test]
    fn foreign_self_closing() {
        let d = p("<svg><path/><g/></svg><p>after</p>");
        assert_eq!(show(&d, 0), "<svg><path></path><g></g></svg><p>after</p>");
    }
}
