//! Author names: the choice among the page's sources, and cleaning and splitting of raw
//! byline strings.
//!
//! **Author rule** ([`choose`]): the first source that gives a name other than the site or
//! publisher wins, in this order: JSON-LD `author`/`creator` of the main object (of a
//! `QAPage`, its question's); author meta tags (`author`, `article:author`, Dublin Core,
//! Parse.ly, `twitter:dataN` labelled "Written by"; a value naming the site and places but
//! no person, "example.de, Frankfurt, Germany", names the site); microdata
//! `itemprop=author` of the first author's item, skipping replies (comments, answers,
//! reviews; when every author is a reply's, the first poster); `rel=author` links nearest the
//! headline, with the links beside them; elements classed `byline`/`author` nearest the headline;
//! links to an author page (`/author/...`) nearest the headline, with the links beside it; a
//! visible line after the headline that starts with a byline word ("By", "Von", "Par", "Por",
//! "Door", "Av", "Written by", "Article written by", "Started by", "This post was written
//! by", "Autor:", "责编：" ...; up to 40,000 bytes after the headline, 120,000 for a label
//! with a colon ("Autor:" closing a long article), full names only past the first 10,000;
//! not a sentence such as "By clicking ..." or a phrase whose lower-case words are no name
//! particles ("Von Atemschutzmaske über ..."); the line may follow a `<time>`, or be a
//! byline word alone in its own element ("| By" after a "Trending" label; a whole block
//! such as `<h2>Article by</h2>` gives the next element's short text, past other labels;
//! with a colon
//! also inside a link: `<a href=mailto:...><b>Von:</b> Ann Example</a>`); a lower-case
//! handle alone after "by" counts near the headline; near the headline, a heading that
//! is only "Author(s)", "Authors" or "Autoren" (not a widget's) gives the names of the
//! list after it). Comment sections, testimonials and
//! quotations are skipped, and so are names after another role's credit ("Reviewed by",
//! "Updated by": [`CREDIT_LABELS`]) and, from `rel=author` links, byline elements and author
//! links, phrases ("Personal finance": [`is_phrase`]); so are byline elements classed as
//! lists (not a list template's author field, `news-list-author`) or `authorization`, and
//! breadcrumb trails ("Home » News"). Then a short date line beside the headline that ends with a
//! full name ("11.12.2019 - Ann Example", "Dec 26, 2025 • Ann Example in Guides", "05.02.2020 -
//! Redaktion: Ann Example (Pressesprecherin)" with its byline word and role, a `·`, `•` or `|`
//! also as an element of its own without spaces around it; only dates and
//! times before the name, one such name near the headline), or that starts with a full
//! name followed by a separator and a date ("Ann Example | 05.04.2025"; not a link's
//! text). When no source names a
//! person, a paragraph that is only a bold name (`<p><strong>Ann Example</strong></p>`)
//! opening the article's text (before any text of 80+ bytes after the headline) or closing
//! it (the last text among its siblings), not words of the headline or `<title>`. A
//! visible byline's categories and places after "in" go, name by name ("By Ann Example,
//! in News, Business", "Ann Example in Brussels and Bob Sample in London"). A byline
//! element's "Autor:"
//! part is read
//! from a longer labelled line; an author box too long for a byline gives the name on its
//! first line (past a heading naming the box: "Author Spotlight", "About the author"); a byline
//! element holding only a section's link (`/category/...`) names no one. Initials or an agency
//! code alone ("LN", "dpa") give way to a later source's full name. One name of one word from the
//! sources up to the author links (a first name or an account name: "Todd", "robert.stitz",
//! "gabor_munier") becomes the same person's full name when an element of the page holds only that
//! ("Todd Bates", "Gàbor Muniér"; not a link to the home page, which is the site's title, nor in
//! comments). The site's names are its declared name, publisher, `og:site_name`, its
//! `twitter:site` account ("@NatGeoUK" as `article:author`), and the label of the page's
//! host, also followed by a word or two ("CBC News"), after
//! a short word ("Die Furche"), or as initials ("Deutsche Welle" on `dw.com`); a site name
//! after a person's is cut. When every source names only the site, that is kept.
//!
//! A raw value (a meta tag, a JSON-LD name, a byline element's text) may hold markup (or
//! HTML escapes), a "By" prefix, several names, roles, job titles, dates, e-mail addresses
//! or image credits. It becomes a list of names: prefixes stripped, split on `,` `;` `&` `|`
//! and the word "and" in several languages, an agency after a full name and a slash cut
//! ("Ann Example/dpa"), a job title right after a two-word name cut
//! ("Ann Example Content Marketing Coordinator"), role words and non-names filtered, names
//! that differ only in punctuation or case (a profile slug beside the name) kept once, at
//! most [`MAX_AUTHORS`] names of at most [`MAX_NAME_CHARS`] characters each.

use super::{bounded_text, class_id, class_id_into, title, Found, Ld, MAX_SHORT_TEXT};
use crate::dom::{AttrName, Dom, Kind, NodeId, Tag, NONE};
use crate::text::normalize_space;
use std::cell::{Cell, OnceCell, RefCell};

/// At most this many author names are kept.
pub(crate) const MAX_AUTHORS: usize = 20;
/// Names longer than this (in characters) are not names.
pub(crate) const MAX_NAME_CHARS: usize = 80;
/// Raw values longer than this are cut before splitting.
const MAX_RAW: usize = 4096;

/// Leading words that introduce a byline.
const PREFIXES: &[&str] = &[
    "zeige alle beiträge von",
    "alles von",
    "eingestellt von",
    "erstellt von",
    "verfasst von",
    "geschrieben von",
    "ein interview von",
    "ein artikel von",
    "interview",
    "alle artikel von",
    "weitere artikel von",
    "mehr artikel von",
    "more articles by",
    "all articles by",
    "see all posts by",
    "more from",
    "alle beiträge von",
    "view all posts by",
    "all posts by",
    "posts by",
    "more by",
    "articles by",
    "stories by",
    "beiträge von",
    "artikel von",
    "ein beitrag von",
    "a post by",
    "vom",
    "von der",
    "article written by",
    "post written by",
    "written by",
    "authored by",
    "posted by",
    "post by",
    "started by",
    "published by",
    "reported by",
    "words by",
    "story by",
    "text by",
    "by",
    "von",
    "par",
    "por",
    "di",
    "door",
    "av",
    "af",
    "autor/in",
    "autor*in",
    "autor:in",
    "autorin/autor",
    "autor",
    "autorin",
    "autoren",
    "author",
    "authors",
    "auteur",
    "autore",
    "text",
    "texte",
    "texto",
    "redaktion",
    "from",
    "with",
    "via",
];

/// Words that mark a part as a role, a credit or furniture rather than a name.
const NOT_NAME: &[&str] = &[
    "staff",
    "reporter",
    "correspondent",
    "editor",
    "editors",
    "contributor",
    "columnist",
    "writer",
    "senior",
    "published",
    "updated",
    "posted",
    "email",
    "e-mail",
    "follow",
    "twitter",
    "facebook",
    "linkedin",
    "instagram",
    "photo",
    "photos",
    "photograph",
    "foto",
    "fotos",
    "image",
    "images",
    "bild",
    "picture",
    "credit",
    "credits",
    "getty",
    "shutterstock",
    "imago",
    "istock",
    "min",
    "read",
    "comments",
    "comment",
    "share",
    "subscribe",
    "more",
    "articles",
    "view",
    "profile",
    "bio",
    "aktualisiert",
    "veröffentlicht",
    "am",
    "um",
    "uhr",
    "mis",
    "à",
    "jour",
    "minutes",
    "lesezeit",
    "leestijd",
    "about",
    "contact",
    "the author",
    "admin",
    "administrator",
    "unknown",
    "anonymous",
    "guest",
    "null",
    "undefined",
    "none",
    "n/a",
    "by",
    "said",
    "says",
    "sagt",
    "schreibt",
    "wrote",
    "dit",
    "name",
    "posts",
    "beiträge",
    "uncategorized",
    "kommentar",
    "kommentare",
    "reply",
    "antworten",
    "wordpressadmin",
    "von",
    "quelle",
    "source",
    "sources",
    "link",
    "permalink",
    "artikel",
    "written",
    "authored",
    "sign",
    "login",
    "publiziert",
    "geschrieben",
    "por",
    "par",
    "datum",
    "stand",
    "last",
    "kontakt",
    "sitemap",
    "impressum",
    "datenschutz",
    "home",
    "privacy",
    "menu",
    "search",
    "newsletter",
];

/// Chooses the page's authors: the first source giving names that are not the site or
/// publisher itself (JSON-LD, author meta tags, `itemprop=author`, `rel=author` links,
/// byline elements nearest the headline); when every source names only the site, that.
///
/// `sites` are the names the site goes by (declared name, publisher, host label).
pub(super) fn choose(
    dom: &Dom,
    f: &Found<'_>,
    ld: &Ld,
    sites: &[Option<String>],
    headline_node: Option<NodeId>,
) -> Vec<String> {
    let metas = |keys: &[&str]| -> Vec<&str> {
        f.metas
            .iter()
            .filter(|(mk, _)| keys.contains(&mk.as_str()))
            .map(|(_, v)| *v)
            .collect()
    };
    // The site's Twitter account too ("@NatGeoUK" as `article:author`).
    let site_keys: Vec<String> = sites
        .iter()
        .flatten()
        .map(String::as_str)
        .chain(metas(&["twitter:site"]))
        .map(title::key)
        .filter(|k| k.len() >= 2)
        .collect();
    let is_site = |n: &String| {
        let k = title::key(n);
        site_keys
            .iter()
            .any(|s| *s == k || (s.len() >= 4 && k.starts_with(s.as_str())))
            // "Die Furche", "OÖ Volksblatt": a short word before the site's name.
            || site_keys
                .iter()
                .any(|s| s.len() >= 5 && k.len() <= s.len() + 4 && k.ends_with(s.as_str()))
            // "Deutsche Welle" on dw.com: the site's initials.
            || {
                let ws: Vec<&str> = n.split_whitespace().collect();
                ws.len() >= 2
                    && ws.len() <= 4
                    && ws.iter().all(|w| w.starts_with(char::is_uppercase))
                    && {
                        let ini: String = ws
                            .iter()
                            .filter_map(|w| w.chars().next())
                            .flat_map(char::to_lowercase)
                            .collect();
                        site_keys.contains(&ini)
                    }
            }
            || (!n.contains(' ') && n.contains('.'))
            // "CBC News", "NTV Haber": the site's short name and a word or two.
            || (n.split_whitespace().count() <= 3
                && n.split_whitespace().next().is_some_and(|w| {
                    let wk = title::key(w);
                    wk != k && site_keys.contains(&wk)
                }))
    };
    // Comment sections, and testimonials and quotations (a quoted customer's name).
    // Whether an element itself marks one, memoized per node: the candidates checked
    // share most of their ancestors (0 = not yet known, 1 = no, 2 = yes).
    let marks: OnceCell<Vec<Cell<u8>>> = OnceCell::new();
    let ci = RefCell::new(String::new());
    let marked = |a: NodeId| {
        let marks = marks.get_or_init(|| vec![Cell::new(0); dom.nodes.len()]);
        let m = usize::try_from(a).ok().and_then(|i| marks.get(i));
        match m.map(Cell::get) {
            Some(1) => false,
            Some(2) => true,
            _ => {
                let mut ci = ci.borrow_mut();
                class_id_into(dom, a, &mut ci);
                let yes = super::date_choice::names_comments(&ci)
                    || ci.contains("testimonial")
                    || dom.tag(a) == Some(Tag::Blockquote);
                if let Some(m) = m {
                    m.set(if yes { 2 } else { 1 });
                }
                yes
            }
        }
    };
    let in_comments = |id: NodeId| dom.ancestors(id).take(40).any(&marked);
    let mut fallback: Vec<String> = Vec::new();
    let mut authors_list: Vec<String> = Vec::new();
    // Initials or an agency code alone ("LN", "jf", "dpa") from one source, kept unless a
    // later source names someone in full.
    let mut weak: Vec<String> = Vec::new();
    let mut consider = |list: Vec<String>, fallback: &mut Vec<String>| -> bool {
        let kept: Vec<String> = list.iter().filter(|n| !is_site(n)).cloned().collect();
        if !kept.is_empty() && kept.iter().all(|n| is_initials(n)) {
            if weak.is_empty() {
                weak = kept;
            }
            return false;
        }
        // After initials, only a full name ("Ann Example") replaces them.
        if !weak.is_empty() && !kept.iter().any(|n| is_full_name(n)) {
            return false;
        }
        if !kept.is_empty() {
            authors_list = kept;
            return true;
        }
        if fallback.is_empty() {
            *fallback = list;
        }
        false
    };
    let mut done = consider(ld.authors.clone(), &mut fallback);
    if !done {
        let mut l = Vec::new();
        for v in metas(&[
            "author",
            "article:author",
            "og:article:author",
            "dc.creator",
            "dc:creator",
            "dcterms.creator",
            "sailthru.author",
            "parsely-author",
            "cxenseparse:author",
            "byl",
        ]) {
            let parts = clean(v);
            // "hessenschau.de, Frankfurt, Germany": the site and its place, no person.
            if parts.len() >= 2
                && parts.iter().any(&is_site)
                && !parts.iter().any(|n| !is_site(n) && is_full_name(n))
            {
                for n in parts.iter().filter(|n| is_site(n)) {
                    push_clean(&mut l, n);
                }
            } else {
                push_clean(&mut l, v);
            }
        }
        // Scholarly meta tags name one author each, often "Last, First".
        for v in metas(&["citation_author"]) {
            match v.split_once(',') {
                Some((last, first))
                    if !first.contains([',', ';', '&'])
                        && !last.trim().is_empty()
                        && !first.trim().is_empty() =>
                {
                    push_clean(&mut l, &format!("{} {}", first.trim(), last.trim()));
                }
                _ => push_clean(&mut l, v),
            }
        }
        // `twitter:label1` = "Written by", `twitter:data1` = the name (SEO plugins).
        for (k, v) in &f.metas {
            if let Some(n) = k.strip_prefix("twitter:label") {
                if is_byline_label(v) {
                    let data = format!("twitter:data{n}");
                    for d in metas(&[data.as_str()]) {
                        push_clean(&mut l, d);
                    }
                }
            }
        }
        done = consider(l, &mut fallback);
    }
    if !done {
        let mut l = Vec::new();
        // Authors of replies (comments, answers, reviews) are not the page's authors;
        // when every microdata author is a reply's (a forum thread whose posts are all
        // comments), the first poster is.
        let authored: Vec<NodeId> = f
            .itemprops
            .iter()
            .filter(|(p, id)| (p == "author" || p == "creator") && !in_comments(*id))
            .map(|&(_, id)| id)
            .collect();
        let own: Vec<NodeId> = authored
            .iter()
            .copied()
            .filter(|&id| !in_reply_item(dom, id))
            .collect();
        let chosen: Vec<NodeId> = if own.is_empty() {
            authored.first().copied().into_iter().collect()
        } else {
            // The authors of the first one's item (the page's article), not those of
            // teasers outside it.
            let item = |id: NodeId| {
                dom.ancestors(id)
                    .take(40)
                    .find(|&a| dom.attr(a, "itemscope").is_some())
            };
            match item(own[0]) {
                Some(first) => own
                    .into_iter()
                    .filter(|&id| item(id) == Some(first))
                    .collect(),
                None => own,
            }
        };
        for &(ref p, id) in &f.itemprops {
            if (p == "author" || p == "creator") && chosen.contains(&id) {
                let name = f
                    .itemprops
                    .iter()
                    .find(|(q, n)| q == "name" && dom.ancestors(*n).take(20).any(|a| a == id))
                    .map(|&(_, n)| {
                        dom.attr(n, "content")
                            .map(str::to_string)
                            .unwrap_or_else(|| bounded_text(dom, n, MAX_SHORT_TEXT))
                    })
                    .or_else(|| dom.attr(id, "content").map(str::to_string))
                    .or_else(|| meta_name_in(dom, id))
                    .unwrap_or_else(|| bounded_text(dom, id, MAX_SHORT_TEXT));
                push_clean(&mut l, &name);
            }
        }
        done = consider(l, &mut fallback);
    }
    if !done {
        let mut l = Vec::new();
        // The link nearest the headline and the links in its block (co-authors), not the
        // bylines of teasers and related articles further away.
        let h = headline_node.unwrap_or(0);
        let links: Vec<NodeId> = f
            .rel_authors
            .iter()
            .copied()
            .filter(|&id| {
                dom.tag(id) == Some(Tag::A) && !in_comments(id) && !after_credit_label(dom, id)
            })
            .collect();
        for id in nearest_and_beside(dom, &links, h) {
            push_clean(&mut l, &bounded_text(dom, id, MAX_SHORT_TEXT));
        }
        // "Personal finance", "AI platform for healthcare": a phrase, not a name.
        l.retain(|n| !is_phrase(n));
        done = consider(l, &mut fallback);
    }
    if !done {
        let h = headline_node.unwrap_or(0);
        let mut cands: Vec<NodeId> = f
            .bylines
            .iter()
            .copied()
            .filter(|&id| {
                let ci = class_id(dom, id);
                (ci.contains("name")
                    && !ci.contains("username")
                    && normalize_space(&bounded_text(dom, id, 80)).len() <= 60
                    || ![
                        "avatar",
                        "image",
                        "img",
                        "photo",
                        "bio",
                        "description",
                        "box",
                        "social",
                        "follow",
                        "more",
                        "list",
                        "comment",
                    ]
                    .iter()
                    .any(|k| ci.contains(k) && !(*k == "list" && is_item_author_class(&ci))))
                    && !in_comments(id)
                    // "AuthorizationGraphic": a word that starts with "author".
                    && !(ci.contains("authoriz") || ci.contains("authoris"))
                    // "Updated by <span class=byline-name>Bob Sample</span>".
                    && !after_credit_label(dom, id)
            })
            .collect();
        cands.sort_by_key(|id| id.abs_diff(h));
        for id in cands {
            let mut t = normalize_space(&bounded_text(dom, id, MAX_SHORT_TEXT));
            // "<div class=article-author-container><a href=/category/29/...>Lifestyle</a>":
            // the section's link, no name.
            if is_section_link_only(dom, id, &t) {
                continue;
            }
            if t.len() > 150 {
                // An author box: the name on its first line, then a biography.
                match box_name(dom, id) {
                    Some(name) => t = name,
                    None => continue,
                }
            }
            // "Datum: 19.11.2021 Autor: Ann Example Quelle: Example": the labelled part.
            let mut names = match labelled_names(&t) {
                Some(part) => clean(cut_at_date(part)),
                // "Von Ann Example Fr, 18. Oktober 2019": the date's weekday goes with it.
                None if t.contains(|c: char| c.is_ascii_digit()) => {
                    let cut = clean(cut_at_date(&t));
                    if cut.is_empty() {
                        clean(&t)
                    } else {
                        cut
                    }
                }
                None => clean(&t),
            };
            if names.is_empty() {
                // "Posted by Ann Example on Friday, December 19, 2025 @10:02PM"
                names = clean(cut_at_date(&t));
            }
            names.retain(|n| !is_phrase(n));
            if consider(names, &mut fallback) {
                done = true;
                break;
            }
        }
    }
    if !done {
        // Links to an author page, nearest the headline first; the links beside the
        // nearest one (same parent block) are co-authors.
        let h = headline_node.unwrap_or(0);
        let mut links: Vec<NodeId> = author_links(dom, h)
            .into_iter()
            .filter(|&id| !in_comments(id) && !after_credit_label(dom, id))
            .collect();
        links.sort_by_key(|id| id.abs_diff(h));
        if let Some(&first) = links.first() {
            let block = |id: NodeId| block_of(dom, id);
            let mut l = Vec::new();
            let mut chosen: Vec<NodeId> = links
                .iter()
                .copied()
                .filter(|&id| id == first || block(id) == block(first))
                .collect();
            chosen.sort_unstable();
            for id in chosen {
                push_clean(&mut l, &bounded_text(dom, id, MAX_SHORT_TEXT));
            }
            l.retain(|n| !is_phrase(n));
            done = consider(l, &mut fallback);
        }
    }
    // Whether structured data, a byline element or an author link named someone.
    let early = done;
    if !done {
        let start = headline_node.or_else(|| dom.find(Tag::Body));
        if let Some(start) = start {
            let l = text_byline(dom, start);
            if !l.iter().any(|&(id, far)| !far && in_comments(id)) {
                let mut names = Vec::new();
                for &(id, far) in &l {
                    if far && in_comments(id) {
                        continue;
                    }
                    let t = byline_after_prefix(dom, id);
                    // "By clicking ... you agree to our Privacy Policy": a sentence; far
                    // from the headline only a short line is a byline.
                    let first = t.split_whitespace().next().unwrap_or("").to_lowercase();
                    // "by ibby": a lower-case handle alone on its line near the headline.
                    let handle = !far && !capitalised(&t) && is_lone_handle_line(dom, id, &t);
                    if t.chars().count() > 100
                        || (!capitalised(&t) && !PREFIXES.contains(&first.as_str()) && !handle)
                        || (far && t.split_whitespace().count() > 8)
                    {
                        continue;
                    }
                    push_clean(&mut names, &t);
                    // A "By" before the site's name (a teaser credit) is passed over.
                    // "Von Atemschutzmaske über Exit-Strategie bis Zoonose": a phrase.
                    names.retain(|n| {
                        (capitalised(n) || handle)
                            && !is_site(n)
                            && (!far || is_full_name(n))
                            && (handle || lower_case_words_are_particles(n))
                    });
                    if !names.is_empty() {
                        break;
                    }
                }
                consider(names, &mut fallback);
            }
        }
    }
    if !done && fallback.is_empty() {
        // "11.12.2019 - Ann Example", "Dec 26, 2025 • Ann Example in News": a date line
        // beside the headline ending with a name.
        if let Some(h) = headline_node {
            let mut names = dated_name_line(dom, h);
            if names.is_empty() {
                names = name_dated_line(dom, h);
            }
            if !names.is_empty() && !names.iter().any(&is_site) {
                done = consider(names, &mut fallback);
            }
        }
    }
    if !done && fallback.iter().all(&is_site) {
        // "<p><strong>Ann Example</strong></p>" opening or closing the article's text.
        if let Some(h) = headline_node {
            let names = bold_name_paragraph(dom, h, f.doc_title.as_deref());
            if !names.is_empty() && !names.iter().any(&is_site) {
                done = consider(names, &mut fallback);
            }
        }
    }
    if !done && fallback.is_empty() {
        // Forums and Q&A pages: the first poster's user name after the headline (not when
        // a structured source credits the site: the "user name" is then a login menu).
        let h = headline_node.unwrap_or(0);
        // "user-namespaces" (a documentation link) is no user name.
        let names: Vec<NodeId> = f
            .user_names
            .iter()
            .copied()
            .filter(|&id| !class_id(dom, id).contains("namespace"))
            .collect();
        let first = names
            .iter()
            .copied()
            .find(|&id| id > h)
            .or_else(|| names.first().copied());
        if let Some(id) = first {
            let t = normalize_space(&bounded_text(dom, id, 100));
            if t.chars().count() <= 40 {
                consider(clean(&t), &mut fallback);
            }
        }
    }
    if authors_list.is_empty() {
        authors_list = if weak.is_empty() { fallback } else { weak };
    }
    if early && authors_list.len() == 1 && !is_initials(&authors_list[0]) {
        // "Todd" or "robert.stitz" from an early source: the page's element whose whole
        // text is the same person's full name.
        if let Some(full) = full_name_in_page(dom, &authors_list[0], &in_comments) {
            authors_list = vec![full];
        }
    }
    // "Ann Example USA TODAY": the site's name after a person's (a byline's publication
    // element) is cut.
    for n in &mut authors_list {
        let ws: Vec<&str> = n.split_whitespace().collect();
        if let Some(cut) = (1..=3.min(ws.len().saturating_sub(2)))
            .find(|&k| site_keys.contains(&title::key(&ws[ws.len() - k..].concat())))
            .filter(|&k| {
                let person = &ws[..ws.len() - k];
                person.iter().all(|w| w.starts_with(char::is_uppercase))
                    && !person.iter().any(|w| {
                        let w = w.to_lowercase();
                        [
                            "redac", "redak", "rédac", "redaz", "team", "equipo", "staff",
                        ]
                        .iter()
                        .any(|o| w.starts_with(o))
                    })
            })
        {
            *n = ws[..ws.len() - cut].join(" ");
        }
    }
    authors_list
}

/// Whether a name is only initials or an agency code: one word of two or three ASCII
/// letters, all capitals or all lower-case ("LN", "jf", "dpa"; not "Tom").
fn is_initials(n: &str) -> bool {
    (2..=3).contains(&n.len())
        && n.bytes().all(|b| b.is_ascii_alphabetic())
        && (n.bytes().all(|b| b.is_ascii_uppercase()) || n.bytes().all(|b| b.is_ascii_lowercase()))
}

/// Whether a word is written as a name's word: a capital, then letters with at least one
/// lower-case letter, apostrophes or hyphens ("Ann", "O'Brien", "Lange-Fricke",
/// "McDonald"), or an initial ("T.").
fn is_name_word(w: &str) -> bool {
    let mut cs = w.chars();
    let Some(c) = cs.next() else { return false };
    if !c.is_uppercase() {
        return false;
    }
    let rest = cs.as_str();
    rest == "."
        || (rest.chars().any(char::is_lowercase)
            && rest
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-')))
}

/// Whether an `href` is a home page: no path after the host ("/", "https://example.org",
/// "https://example.org/").
fn is_home_href(href: &str) -> bool {
    let h = href.trim();
    let rest = match h.find("//") {
        Some(i) => h[i + 2..].find('/').map_or("", |j| &h[i + 2 + j..]),
        None => h,
    };
    rest.trim_matches('/').is_empty()
}

/// Whether a word ends with a possessive "'s" ("Mirtle's", "Mirtle’s").
fn is_possessive(w: &str) -> bool {
    w.ends_with("'s") || w.ends_with("’s")
}

/// Whether a name is one word: a first name alone or an account name ("Todd",
/// "robert.stitz", "Matt_Brooks").
fn is_one_word(n: &str) -> bool {
    !n.is_empty() && !n.contains(char::is_whitespace)
}

/// Whether full name `full` writes out one-word name `one`: `one`'s parts (split at `.`,
/// `_`, `-`) are the first and last words of `full` ("robert.stitz", "Matt_Brooks"), its
/// only part is `full`'s first word ("Todd" in "Todd Bates") or all of `full`'s words run
/// together ("arianschlichenmayer"). Letters are compared without case, and a letter
/// outside ASCII matches any letter ("gabor" in "Gàbor Muniér").
fn extends(one: &str, full: &str) -> bool {
    fn same(a: &str, b: &str) -> bool {
        a.chars().count() == b.chars().count()
            && a.chars().zip(b.chars()).all(|(x, y)| {
                x.eq_ignore_ascii_case(&y)
                    || (!x.is_ascii() && y.is_alphabetic())
                    || (!y.is_ascii() && x.is_alphabetic())
            })
    }
    let parts: Vec<&str> = one
        .split(['.', '_', '-'])
        .filter(|p| !p.is_empty())
        .collect();
    let words: Vec<&str> = full
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    if words.len() < 2 || parts.is_empty() {
        return false;
    }
    // A first name: a capital, then lower-case letters ("Todd", not "AquaCare").
    let first_name = |p: &str| {
        let mut cs = p.chars();
        cs.next().is_some_and(char::is_uppercase) && cs.all(char::is_lowercase)
    };
    match parts.as_slice() {
        [only] => (first_name(only) && same(only, first)) || same(only, &words.concat()),
        [p1, .., pn] => same(p1, first) && same(pn, last),
        [] => false,
    }
}

/// Nodes of the page [`full_name_in_page`] looks at.
const FULL_NAME_NODES: usize = 20_000;

/// The first text (among the page's first [`FULL_NAME_NODES`] nodes, outside scripts,
/// styles and comment sections) that is the whole text of its element and writes out
/// one-word name `one` in full ([`extends`]): "Todd Bates" in `<p class="full-name">`
/// for "Todd", "Gàbor Muniér" in a link for "gabor_munier". `None` when `one` has more
/// than one word or no such text exists.
fn full_name_in_page(dom: &Dom, one: &str, in_comments: &dyn Fn(NodeId) -> bool) -> Option<String> {
    if !is_one_word(one) || one.len() < 3 {
        return None;
    }
    let first = one.chars().next()?;
    let nodes = dom.nodes.get(..dom.nodes.len().min(FULL_NAME_NODES))?;
    for (id, n) in (0..).zip(nodes) {
        if !matches!(n.kind, Kind::Text(_)) {
            continue;
        }
        let Some(t) = dom.text(id) else { continue };
        let t = t.trim();
        // Cheap tests first: a short text starting with the same letter.
        if t.len() < one.len()
            || t.len() > 60
            || !t.starts_with(|c: char| {
                c.eq_ignore_ascii_case(&first) || !c.is_ascii() || !first.is_ascii()
            })
        {
            continue;
        }
        let t = normalize_space(t);
        // A name of at most four words, none possessive ("James Mirtle's Big Blog
        // Listing" names a blog).
        if !is_full_name(&t)
            || t.split(' ').count() > 4
            || t.split(' ').any(is_possessive)
            || !t.split(' ').all(is_name_word)
            || !extends(one, &t)
        {
            continue;
        }
        let parent = n.parent;
        if parent == NONE
            || dom.node(parent).first_child != id
            || n.next != NONE
            || matches!(
                dom.tag(parent),
                Some(Tag::Script | Tag::Style | Tag::Template | Tag::Title | Tag::Textarea)
            )
            || in_comments(id)
            // A link to the home page: the site's title ("Ann Example" over a blog).
            || std::iter::once(parent)
                .chain(dom.ancestors(parent).take(2))
                .filter(|&a| dom.tag(a) == Some(Tag::A))
                .any(|a| dom.attr(a, "href").is_some_and(is_home_href))
        {
            continue;
        }
        return Some(t);
    }
    None
}

/// Whether element `id`, whose text is `t`, holds only a link to a section or tag page
/// (`/category/...`, `/section/...`, `/tag/...`, `/topics/...`; among its first 64 nodes).
fn is_section_link_only(dom: &Dom, id: NodeId, t: &str) -> bool {
    !t.is_empty()
        && dom.descendants(id).take(64).any(|d| {
            dom.tag(d) == Some(Tag::A)
                && dom.attr(d, "href").is_some_and(|h| {
                    let h = h.to_ascii_lowercase();
                    [
                        "/category/",
                        "/categories/",
                        "/section/",
                        "/tag/",
                        "/tags/",
                        "/topics/",
                    ]
                    .iter()
                    .any(|w| h.contains(w))
                })
                && normalize_space(&bounded_text(dom, d, MAX_SHORT_TEXT)) == t
        })
}

/// Whether a name has two to five words, each starting with a capital letter.
fn is_full_name(n: &str) -> bool {
    let mut words = 0;
    for w in n.split_whitespace() {
        if !w.starts_with(char::is_uppercase) {
            return false;
        }
        words += 1;
    }
    (2..=5).contains(&words)
}

/// Whether lower-cased `class`/`id` text `ci` has a token that names an item's author
/// field, ending with `author` or `byline` after "list" (`news-list-author`, a list
/// template's field on the article page), not a list of authors or teasers
/// (`author-list`, `list-authors`).
fn is_item_author_class(ci: &str) -> bool {
    ci.split_ascii_whitespace().any(|t| {
        t.find("list").is_some_and(|i| {
            let rest = &t[i + 4..];
            (rest.ends_with("author") || rest.ends_with("byline"))
                && rest.len() <= "author".len() + 3
        })
    })
}

/// The first text of an author box when it looks like a name heading: two to four
/// capitalised words, no digits, at most 50 bytes.
fn box_name(dom: &Dom, id: NodeId) -> Option<String> {
    let mut d = dom.node(id).first_child;
    let mut steps = 0;
    while d != NONE && steps < 100 {
        steps += 1;
        if let Some(Tag::Script | Tag::Style | Tag::Template | Tag::Svg) = dom.tag(d) {
            d = dom.skip_subtree(d, id);
            continue;
        }
        if let Some(t) = dom.text(d) {
            let t = normalize_space(t);
            // "<h2>Author Spotlight</h2>", "<h3>About the author</h3>": the box's title.
            let title = || {
                matches!(
                    dom.tag(dom.node(d).parent),
                    Some(Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6)
                ) && {
                    let l = t.to_lowercase();
                    ["author", "autor", "auteur"].iter().any(|w| l.contains(w))
                }
            };
            if !t.is_empty() && !title() {
                let words = t.split(' ').count();
                return (t.len() <= 50
                    && (2..=4).contains(&words)
                    && is_full_name(&t)
                    && !t.contains(|c: char| c.is_ascii_digit()))
                .then_some(t);
            }
        }
        d = dom.next_in_order(d, id);
    }
    None
}

/// Whether lower-cased `class`/`id` text marks a user name (forum and Q&A posters): the
/// reference for the walk's one-pass keyword scan (`ClassWords`).
#[cfg(test)]
pub(super) fn is_user_name_class(ci: &str) -> bool {
    [
        "username",
        "user-name",
        "user_name",
        "postuser-name",
        "poster-name",
    ]
    .iter()
    .any(|k| ci.contains(k))
}

/// The node of `links` nearest `anchor`, with the others in its nearest block ancestor,
/// in document order.
fn nearest_and_beside(dom: &Dom, links: &[NodeId], anchor: NodeId) -> Vec<NodeId> {
    let Some(&first) = links.iter().min_by_key(|id| id.abs_diff(anchor)) else {
        return Vec::new();
    };
    let block = |id: NodeId| block_of(dom, id);
    let b = block(first);
    let mut chosen: Vec<NodeId> = links
        .iter()
        .copied()
        .filter(|&id| id == first || (b.is_some() && block(id) == b))
        .collect();
    chosen.sort_unstable();
    chosen.dedup();
    chosen
}

/// Whether microdata element `id` belongs to a reply: an ancestor (at most 30 up) is a
/// `comment`, `answer` or `review` item (`itemprop="comment"`, `"suggestedAnswer"`,
/// `"acceptedAnswer"`, `"review"`, or `itemtype` ending in `Comment`, `Answer` or `Review`).
fn in_reply_item(dom: &Dom, id: NodeId) -> bool {
    dom.ancestors(id).take(30).any(|a| {
        dom.attr(a, "itemprop").is_some_and(|p| {
            p.split_ascii_whitespace().any(|p| {
                [
                    "comment",
                    "suggestedanswer",
                    "acceptedanswer",
                    "answer",
                    "review",
                ]
                .iter()
                .any(|k| p.eq_ignore_ascii_case(k))
            })
        }) || dom.attr(a, "itemtype").is_some_and(|t| {
            let t = t.trim().trim_end_matches('/');
            let last = t.rsplit(['/', ':', '#']).next().unwrap_or(t);
            ["Comment", "Answer", "Review"].contains(&last)
        })
    })
}

/// The `content` of a `<meta itemprop="name">` inside `id` (microdata authors written as
/// `<div itemprop="author"><meta itemprop="name" content="Ann"></div>`).
fn meta_name_in(dom: &Dom, id: NodeId) -> Option<String> {
    let mut d = dom.node(id).first_child;
    let mut steps = 0;
    while d != NONE && steps < 200 {
        steps += 1;
        if dom.tag(d) == Some(Tag::Meta)
            && dom
                .attr(d, "itemprop")
                .is_some_and(|p| p.eq_ignore_ascii_case("name"))
        {
            return dom.attr(d, "content").map(str::to_string);
        }
        d = dom.next_in_order(d, id);
    }
    None
}

/// Links to an author page (at most 64) among the nodes near `anchor` in document order
/// (2,000 before it, 4,000 after), looked for only when the earlier sources named no one.
fn author_links(dom: &Dom, anchor: NodeId) -> Vec<NodeId> {
    let len = NodeId::try_from(dom.nodes.len()).unwrap_or(NodeId::MAX);
    let (from, to) = (
        anchor.saturating_sub(2000),
        anchor.saturating_add(4000).min(len),
    );
    // A plain loop over the node slice: most nodes are not links (one match each).
    let mut out = Vec::new();
    let Some(nodes) = dom.nodes.get(from as usize..to as usize) else {
        return out;
    };
    for (id, n) in (from..).zip(nodes) {
        const HREF: AttrName = AttrName::new("href");
        if matches!(n.kind, Kind::Element { tag: Tag::A, .. })
            && dom
                .attr_list(id)
                .iter()
                .find(|a| a.is(HREF))
                .is_some_and(|a| is_author_href(dom.value(a)))
        {
            out.push(id);
            if out.len() == 64 {
                break;
            }
        }
    }
    out
}

/// Labels of another role's credit before a name ("Reviewed by", "Updated by"): the
/// name after one is a reviewer's or an editor's, not the author's.
const CREDIT_LABELS: &[&str] = &[
    "reviewed by",
    "edited by",
    "updated by",
    "checked by",
    "illustrated by",
    "illustration by",
    "illustrations by",
    "photos by",
    "photo by",
    "photography by",
    "translated by",
    "produced by",
];

/// Whether the text just before `id` in document order (the first non-blank text node
/// among the 12 nodes before it) ends with another role's credit label ("Reviewed by
/// <a>Bob Sample</a>", "Updated by <span><a>...</a></span>").
fn after_credit_label(dom: &Dom, id: NodeId) -> bool {
    let from = id.saturating_sub(12);
    for prev in (from..id).rev() {
        let Some(t) = dom.text(prev) else { continue };
        let t = t.trim_end().trim_end_matches(':').trim_end();
        if t.is_empty() {
            continue;
        }
        let tail = &t[super::dates::floor_char(t, t.len().saturating_sub(40))..];
        let tail = tail.to_lowercase();
        return CREDIT_LABELS.iter().any(|l| {
            tail.ends_with(l)
                && tail[..tail.len() - l.len()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
        });
    }
    false
}

/// Path words of author pages (each begins with a, f, j or c: [`is_author_href`] looks
/// only at those letters).
const AUTHOR_PATH_WORDS: &[&str] = &[
    "author/",
    "authors/",
    "autor/",
    "autoren/",
    "auteur/",
    "auteurs/",
    "autore/",
    "autori/",
    "forfatter/",
    "journalist/",
    "journalisten/",
    "contributor/",
    "contributors/",
];

/// Whether an `href` points to an author page (`/author/ann-example`, `/autor/...`).
/// Called for every link of the page: no allocation, and only the `/` positions followed
/// by a letter that starts one of the path words are examined.
fn is_author_href(href: &str) -> bool {
    let bytes = href.as_bytes();
    // One pass over the path (up to the first `?` or `#`): hrefs are short, so a plain
    // byte loop beats the set-up of vectorised searches.
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'?' | b'#' => return false,
            b'/' => {}
            _ => continue,
        }
        let rest = &bytes[i + 1..];
        if !rest
            .first()
            .is_some_and(|c| matches!(c.to_ascii_lowercase(), b'a' | b'f' | b'j' | b'c'))
        {
            continue;
        }
        for w in AUTHOR_PATH_WORDS {
            let w = w.as_bytes();
            // More path after the word: a byte that is not `?` or `#` (the word has none).
            if rest.len() > w.len()
                && rest[..w.len()].eq_ignore_ascii_case(w)
                && !matches!(rest[w.len()], b'?' | b'#')
            {
                return true;
            }
        }
    }
    false
}

/// The text after an author label inside a longer line ("Datum: 19.11.2021 Autor: Ann
/// Example Quelle: Example" gives "Ann Example"), up to the next label (a word ending with
/// a colon); `None` when the line has no author label after its start.
fn labelled_names(t: &str) -> Option<&str> {
    const LABELS: &[&str] = &[
        "autor:",
        "autorin:",
        "autoren:",
        "author:",
        "authors:",
        "auteur:",
        "auteur :",
        "von:",
        "by:",
        "text:",
        "texte:",
        "redaktion:",
    ];
    let lower = t.to_ascii_lowercase();
    let (at, len) = LABELS.iter().find_map(|l| {
        lower
            .match_indices(l)
            .find(|&(i, _)| i > 0 && lower.as_bytes()[i - 1] == b' ')
            .map(|(i, _)| (i, l.len()))
    })?;
    let rest = t.get(at + len..)?.trim_start();
    let end = rest
        .split(' ')
        .scan(0usize, |pos, w| {
            let start = *pos;
            *pos += w.len() + 1;
            Some((start, w))
        })
        .find(|(_, w)| w.len() > 1 && w.ends_with(':'))
        .map_or(rest.len(), |(i, _)| i);
    Some(rest[..end].trim_end())
}

/// Whether a label names the author ("Written by", "Author", "Autor").
fn is_byline_label(v: &str) -> bool {
    let l = v.trim().trim_end_matches(':').to_lowercase();
    [
        "written by",
        "author",
        "authors",
        "autor",
        "autorin",
        "auteur",
        "autore",
        "by",
        "von",
        "geschrieben von",
        "verfasst von",
        "escrito por",
        "écrit par",
        "scritto da",
        "door",
    ]
    .contains(&l.as_str())
}

/// Byline words that start a visible byline line ("By Ann Example", "Von ...").
const TEXT_PREFIXES: &[&str] = &[
    "autorin/autor",
    "this article was written by",
    "article written by",
    "post written by",
    "this post was written by",
    "this story was written by",
    "责任编辑",
    "责编",
    "作者",
    "ein artikel von",
    "erstellt von",
    "verfasst von",
    "contributors",
    "contributor",
    "written by",
    "posted by",
    "started by",
    "published by",
    "reported by",
    "reporting by",
    "words by",
    "story by",
    "article by",
    "text by",
    "geschrieben von",
    "gespeichert von",
    "ein beitrag von",
    "escrito por",
    "écrit par",
    "scritto da",
    "redaktion",
    "author",
    "autor",
    "autorin",
    "auteur",
    "autore",
    "texte",
    "text",
    "by",
    "von",
    "par",
    "por",
    "door",
    "di",
    "av",
    "af",
];

/// The first bytes (ASCII lower-cased) of [`TEXT_PREFIXES`], in order, and their set.
struct FirstBytes {
    bytes: [u8; TEXT_PREFIXES.len()],
    set: [u64; 4],
}

impl FirstBytes {
    fn contains(&self, b: u8) -> bool {
        self.set[usize::from(b >> 6)] & (1 << (b & 63)) != 0
    }
}

const TEXT_PREFIX_FIRST: FirstBytes = {
    let mut f = FirstBytes {
        bytes: [0; TEXT_PREFIXES.len()],
        set: [0; 4],
    };
    let mut i = 0;
    while i < TEXT_PREFIXES.len() {
        let p = TEXT_PREFIXES[i].as_bytes();
        assert!(!p.is_empty(), "a byline prefix is empty");
        let b = p[0].to_ascii_lowercase();
        f.bytes[i] = b;
        f.set[(b >> 6) as usize] |= 1 << (b & 63);
        i += 1;
    }
    f
};

/// Length in bytes of the byline word that starts `t` (0 when none): the word must be
/// followed by a space, a colon or the end of the text.
fn text_prefix_len(t: &str) -> usize {
    // "(责编：Ann)": a byline in parentheses; "| By": after a separator.
    // (An ASCII first byte other than `(` and `|` opens nothing: decided without decoding.)
    let open = match t.as_bytes().first() {
        Some(&c) if c.is_ascii() && c != b'(' && c != b'|' => 0,
        _ => t
            .strip_prefix(['(', '（'])
            .or_else(|| {
                t.strip_prefix(['|', '·', '•', '–', '—'])
                    .and_then(|r| r.strip_prefix(' '))
            })
            .map_or(0, |r| t.len() - r.len()),
    };
    let t = &t[open..];
    // Most texts start with a byte no prefix starts with; otherwise a prefix's first byte
    // is compared before the whole prefix (no prefix is empty).
    let Some(first) = t.as_bytes().first().map(u8::to_ascii_lowercase) else {
        return 0;
    };
    if !TEXT_PREFIX_FIRST.contains(first) {
        return 0;
    }
    for (p, &f) in TEXT_PREFIXES.iter().zip(&TEXT_PREFIX_FIRST.bytes) {
        if f != first {
            continue;
        }
        if t.len() >= p.len() && t.is_char_boundary(p.len()) && t[..p.len()].eq_ignore_ascii_case(p)
        {
            let rest = &t[p.len()..];
            if rest.is_empty() || rest.starts_with([' ', ':', '\u{a0}', '：']) {
                return open + p.len();
            }
        }
    }
    0
}

/// Text after `start` within which a byline line counts without further checks (bytes);
/// lines further on (up to 40,000 bytes and 8,000 nodes: an article's closing credit) must
/// give full names.
const NEAR_TEXT: usize = 10_000;

/// Text after the headline up to which a labelled byline line ("Autor: Ann Example")
/// counts (bytes); other byline lines count up to 40,000 bytes.
const FAR_LABEL_TEXT: usize = 120_000;

/// Visible text nodes after `start` (at most 8,000 nodes and about 40,000 bytes of text,
/// [`FAR_LABEL_TEXT`] for a label with a colon) that begin with a byline word, in document order (at most 8), each with whether it lies
/// beyond the first [`NEAR_TEXT`] bytes.
fn text_byline(dom: &Dom, start: NodeId) -> Vec<(NodeId, bool)> {
    let mut out = Vec::new();
    let mut seen = 0usize;
    let mut d = dom.next_in_order(start, Dom::ROOT);
    let mut steps = 0usize;
    while d != NONE && seen < FAR_LABEL_TEXT && steps < 8000 && out.len() < 8 {
        steps += 1;
        if let Some(
            Tag::Script
            | Tag::Style
            | Tag::Template
            | Tag::Noscript
            | Tag::Select
            | Tag::Svg
            | Tag::Nav,
        ) = dom.tag(d)
        {
            d = dom.skip_subtree(d, Dom::ROOT);
            continue;
        }
        if let Some(t) = dom.text(d) {
            let t = super::trim(t);
            seen += t.len();
            // Past 40,000 bytes only a label with a colon ("Autor: Ann Example" closing a
            // long article).
            let p = if t.len() <= 150 {
                text_prefix_len(t)
            } else {
                0
            };
            if t.len() <= 150
                && (seen <= 40_000 || p > 0 && t[p..].starts_with([':', '：']))
                && (p > 0
                    && (starts_block(dom, d, t)
                        || after_time_only(dom, d)
                        || is_label_element(dom, d, t))
                    || seen <= NEAR_TEXT
                        && is_list_label(t)
                        && label_list_names(dom, d, t).is_some())
            {
                out.push((d, seen > NEAR_TEXT));
            }
        }
        d = dom.next_in_order(d, Dom::ROOT);
    }
    out
}

/// Whether text node `id` (trimmed text `t`) is a byline word alone, capitalised or after
/// a separator, that is the whole text of its element (`<span class="screen-reader-text">|
/// By </span><span>Ann Example</span>` after a label such as "Trending"): a byline even
/// when its block starts with other text; not in code (`<pre>`, `<code>`).
fn is_label_element(dom: &Dom, id: NodeId, t: &str) -> bool {
    let parent = dom.node(id).parent;
    // "<b>Von:</b> Ann Example": the word may end with a colon.
    let word = t.strip_suffix([':', '：']).unwrap_or(t).trim_end();
    !word.is_empty()
        && text_prefix_len(word) == word.len()
        && !t.starts_with(char::is_lowercase)
        && parent != NONE
        && dom.node(parent).first_child == id
        // A menu entry ("Browse by: <a><strong>Author</strong></a>, <a>Category</a>"),
        // unless a colon makes it a label ("<a href=...><b>Von:</b> Ann Example</a>").
        && (word.len() < t.len()
            || !std::iter::once(parent)
                .chain(dom.ancestors(parent).take(2))
                .any(|a| dom.tag(a) == Some(Tag::A)))
        && dom.node(id).next == NONE
        // A keyword of highlighted code ("GENERATED <span>BY</span> DEFAULT").
        && !dom
            .ancestors(parent)
            .take(8)
            .any(|a| matches!(dom.tag(a), Some(Tag::Pre | Tag::Code)))
}

/// The block element holding node `id`: the nearest among its 8 nearest ancestors.
fn block_of(dom: &Dom, id: NodeId) -> Option<NodeId> {
    dom.ancestors(id)
        .take(8)
        .find(|&a| dom.tag(a).is_some_and(|g| g.is_block()))
}

/// Whether text node `id` (trimmed text `t`) begins the text of its block element.
fn starts_block(dom: &Dom, id: NodeId, t: &str) -> bool {
    let Some(block) = block_of(dom, id) else {
        return false;
    };
    let text = bounded_text(dom, block, 400);
    text.trim_start().starts_with(t)
}

/// Whether text node `id`, which does not begin its block, follows only `<time>` text
/// in it ("<time>03/01/2017</time> by Ann Example": the date, then the byline).
fn after_time_only(dom: &Dom, id: NodeId) -> bool {
    let Some(block) = block_of(dom, id) else {
        return false;
    };
    let mut seen_time = false;
    let mut d = dom.node(block).first_child;
    let mut steps = 0;
    while d != NONE && d != id && steps < 50 {
        steps += 1;
        if dom.tag(d) == Some(Tag::Time) {
            seen_time = true;
            d = dom.skip_subtree(d, block);
            continue;
        }
        if dom
            .text(d)
            .is_some_and(|t| t.chars().any(char::is_alphanumeric))
        {
            return false;
        }
        d = dom.next_in_order(d, block);
    }
    d == id && seen_time
}

/// Whether `handle` (the names part of a byline line starting at text node `id`) is a
/// lone user handle written in lower case, the whole line of its block after "by" ("by
/// ibby"): one word of 3 to 30 letters, digits, `_`, `-` or `.`, not a non-name word.
fn is_lone_handle_line(dom: &Dom, id: NodeId, handle: &str) -> bool {
    let n = handle.chars().count();
    if !(3..=30).contains(&n)
        || !handle
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        || !handle.chars().any(char::is_alphabetic)
        || NOT_NAME.contains(&handle.to_lowercase().as_str())
    {
        return false;
    }
    let Some(t) = dom.text(id) else {
        return false;
    };
    let line = normalize_space(t);
    let Some(block) = block_of(dom, id) else {
        return false;
    };
    // Only after "by": the other byline words are also common words of their languages
    // ("Di stagione", "text size").
    normalize_space(&bounded_text(dom, block, 200)) == line
        && line.ends_with(handle)
        && line.split_whitespace().count() == 2
        && line
            .split_whitespace()
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("by"))
}

/// The name that ends a short date line beside the headline (80 nodes before it to 300
/// after): the line starts with a date (a word starting with a digit, or a month name and
/// a number), then after a separator (` - `, ` | `, ` · `, ` • `, ` – `, ` — `) the last
/// part is a full name of two or three words without digits ("11.12.2019 - Ann Example",
/// "04.02.2022 | 13:10 Uhr | Ann Example", "Dec 26, 2025 • Ann Example in News": the
/// category after " in " goes). The line is the date's block, or the inline element
/// holding the date when the block says more (a `<small>` beside the `<h1>`).
fn dated_name_line(dom: &Dom, headline: NodeId) -> Vec<String> {
    const SEPS: [&str; 6] = [" - ", " | ", " · ", " • ", " – ", " — "];
    let len = NodeId::try_from(dom.nodes.len()).unwrap_or(NodeId::MAX);
    let (from, to) = (
        headline.saturating_sub(80),
        headline.saturating_add(300).min(len),
    );
    let mut lines = 0;
    let mut found: Option<String> = None;
    for d in from..to {
        let Some(t) = dom.text(d) else { continue };
        let t = super::trim(t);
        let first = t.split_whitespace().next().unwrap_or("");
        // (The digit test, on bytes, before the month word, which lower-cases a copy.)
        let dated = first.starts_with(|c: char| c.is_ascii_digit())
            || (t.bytes().any(|c| c.is_ascii_digit())
                && is_month_word(&first.trim_end_matches(['.', ',']).to_lowercase()));
        if !dated {
            continue;
        }
        let Some(block) = block_of(dom, d) else {
            continue;
        };
        // Headings ("2018 - Project name", "3 - Title") are no date lines.
        if matches!(
            dom.tag(block),
            Some(Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6)
        ) {
            continue;
        }
        let mut line = normalize_space(&bounded_text(dom, block, 200));
        if line.len() > 120 || !line.starts_with(t) {
            // "<div><small>04.02.2022 | Ann Example</small><h1>...": the line is the
            // inline element holding the date, inside a longer block.
            let parent = dom.node(d).parent;
            if parent == block || parent == NONE {
                continue;
            }
            line = normalize_space(&bounded_text(dom, parent, 200));
            if line.len() > 120 || !line.starts_with(t) {
                continue;
            }
        }
        lines += 1;
        if lines > 8 {
            break;
        }
        // "<span>2025-12-17</span><span>·</span><a>Ann Example</a>": a separator of its
        // own element, with no spaces around it in the text.
        if line.contains(['·', '•', '|']) {
            line = normalize_space(
                &line
                    .replace('·', " · ")
                    .replace('•', " • ")
                    .replace('|', " | "),
            );
        }
        let Some((head, last)) = SEPS
            .iter()
            .filter_map(|sep| line.rfind(sep).map(|i| (i, sep.len())))
            .max_by_key(|&(i, _)| i)
            .map(|(i, n)| (&line[..i], &line[i + n..]))
        else {
            continue;
        };
        // The date first (two numbers, or a month and a number: not a year alone), and
        // only dates and times before the name ("04.02.2022 | 13:10 Uhr"), not an event
        // list's "02.11.2022 - Band - Venue".
        let mut parts = vec![head];
        for sep in SEPS {
            parts = parts.iter().flat_map(|p| p.split(sep)).collect();
        }
        let numbers = |p: &str| {
            p.split(|c: char| !c.is_ascii_digit())
                .filter(|n| !n.is_empty())
                .count()
        };
        let date = parts[0];
        if !(numbers(date) >= 2
            || (numbers(date) == 1
                && date
                    .split(|c: char| !c.is_alphabetic())
                    .any(|w| is_month_word(&w.to_lowercase()))))
            || !parts.iter().all(|p| numbers(p) >= 1)
        {
            continue;
        }
        let mut name = last.split(" in ").next().unwrap_or(last).trim();
        // "05.02.2020 - Redaktion: Ann Example (Pressesprecherin)": a byline word before
        // the name, a role in parentheses after it.
        let p = text_prefix_len(name);
        if p > 0 {
            name = name[p..].trim_start_matches([':', '：', ' ']);
        }
        if let Some(i) = name.find(" (").filter(|_| name.ends_with(')')) {
            name = &name[..i];
        }
        let words = name.split_whitespace().count();
        if (2..=3).contains(&words)
            && is_full_name(name)
            && name
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '\''))
        {
            // Two lines naming different people: a list, not a byline.
            match &found {
                Some(f) if f != name => return Vec::new(),
                _ => found = Some(name.to_string()),
            }
        }
    }
    let names = found.map(|n| clean(&n)).unwrap_or_default();
    if names.len() == 1 {
        names
    } else {
        Vec::new()
    }
}

/// Nodes after the headline within which [`bold_name_paragraph`] looks.
const BOLD_NAME_NODES: u32 = 8000;

/// The names of a paragraph that is only a bold name (`<p><strong>Ann Example</strong></p>`,
/// "Ann Example/Bob Sample") and that opens or closes the article's text: the first such
/// paragraph (within [`BOLD_NAME_NODES`] nodes after the headline) with no text of 80+
/// bytes between the headline and it and a paragraph of 80+ characters right after it (an
/// opening credit), or with such a paragraph before it among its siblings and no text after
/// it (a closing credit); not words of the headline or of `doc_title` (a subheading
/// repeating them). Each name has two to four
/// capitalised words of letters (at most 60 bytes in all); empty when there is none.
fn bold_name_paragraph(dom: &Dom, headline: NodeId, doc_title: Option<&str>) -> Vec<String> {
    let len = NodeId::try_from(dom.nodes.len()).unwrap_or(NodeId::MAX);
    let to = headline.saturating_add(BOLD_NAME_NODES).min(len);
    let text_len = |id: NodeId| {
        bounded_text(dom, id, 200)
            .chars()
            .filter(|c| !c.is_whitespace())
            .count()
    };
    // The headline's and the `<title>`'s text (the `<h1>` may be the site's logo).
    let mut headline_text = normalize_space(&bounded_text(dom, headline, 300));
    headline_text.push('\n');
    headline_text.push_str(doc_title.unwrap_or_default());
    let headline_text = headline_text.to_lowercase();
    let in_headline = |t: &str| headline_text.contains(&t.to_lowercase());
    // Whether a text of 80+ bytes lies between the headline and the node: an opening
    // credit comes before the article's text (a bold subheading after some).
    let mut text_before = false;
    for p in headline.saturating_add(1)..to {
        if let Some(t) = dom.text(p) {
            let parent = dom.node(p).parent;
            // (Once true, it stays: the text is not trimmed again.)
            text_before = text_before
                || (t.len() >= 80
                    && super::trim(t).len() >= 80
                    && (parent == NONE
                        || !matches!(
                            dom.tag(parent),
                            Some(Tag::Script | Tag::Style | Tag::Template | Tag::Noscript)
                        )));
            continue;
        }
        if dom.tag(p) != Some(Tag::P) {
            continue;
        }
        // One `<strong>`/`<b>` child and only white space beside it.
        let mut bold = None;
        let mut only = true;
        for c in dom.children(p).take(8) {
            match dom.tag(c) {
                Some(Tag::Strong | Tag::B) if bold.is_none() => bold = Some(c),
                None if dom.text(c).is_none_or(|t| super::trim(t).is_empty()) => {}
                _ => only = false,
            }
        }
        let (Some(b), true) = (bold, only) else {
            continue;
        };
        let t = normalize_space(&bounded_text(dom, b, 100));
        if t.is_empty() || t.len() > 60 {
            continue;
        }
        let name_like = t.split('/').all(|n| {
            let words = n.split_whitespace().count();
            (2..=4).contains(&words)
                && is_full_name(n)
                && n.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '\''))
        });
        // "<h2>Paris Meetup and Upcoming Bootcamp</h2> ... <p><b>Paris Meetup</b></p>": the
        // headline's own words, a subheading, not a credit.
        if !name_like || in_headline(&t) {
            continue;
        }
        let parent = dom.node(p).parent;
        if parent == NONE {
            continue;
        }
        let mut long_before = false;
        let mut after: Option<usize> = None;
        let mut seen = false;
        for s in dom.children(parent).take(400) {
            if s == p {
                seen = true;
                continue;
            }
            if dom.tag(s).is_none() {
                continue;
            }
            let n = text_len(s);
            if !seen {
                long_before |= n >= 80;
            } else if n > 0 {
                // The first sibling with text after it.
                after = Some(if dom.tag(s) == Some(Tag::P) { n } else { 0 });
                break;
            }
        }
        let opening = !text_before && !long_before && after.is_some_and(|n| n >= 80);
        let closing = long_before && after.is_none();
        if opening || closing {
            let mut out = Vec::new();
            for n in t.split('/') {
                push_clean(&mut out, n);
            }
            return out;
        }
    }
    Vec::new()
}

/// Whether every word of `name` that starts with a lower-case letter after its first
/// word is a name particle ("Ursula von der Leyen", "Ann de la Example"); words of a
/// phrase ("Atemschutzmaske über Exit-Strategie") are not.
fn lower_case_words_are_particles(name: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "von", "vom", "zu", "zum", "zur", "van", "der", "den", "ter", "ten", "de", "del", "della",
        "di", "da", "das", "dos", "do", "du", "des", "la", "le", "les", "lo", "y", "e", "i", "bin",
        "ibn", "al", "el", "af", "av", "of", "and", "und", "et", "'t", "los", "las", "dei",
        "degli", "dalla", "delle", "ben", "bint", "ap", "op", "het", "st.",
    ];
    name.split_whitespace()
        .skip(1)
        .all(|w| !w.starts_with(char::is_lowercase) || PARTICLES.contains(&w))
}

/// Whether `name` is a phrase rather than a person's name: words of which one starts with
/// a capital and another with a lower-case letter that is no name particle ("Personal
/// finance", "Human in the Loop", "externen Co-Autoren verfasst"; not "Ursula von der
/// Leyen", "Anne d'Arcy", "Bashar al-Assad", nor a handle all in lower case).
fn is_phrase(name: &str) -> bool {
    let mut capital = false;
    let mut other = false;
    // "the Lavazza Team": a group's credit written as a name, left to the other rules.
    let name = name.strip_prefix("the ").unwrap_or(name);
    for w in name.split_whitespace() {
        if w.starts_with(char::is_uppercase) {
            capital = true;
        } else if w.starts_with(char::is_lowercase) {
            // "d'Arcy", "dell'Orto", "al-Assad": a particle joined to the name.
            let head = w.split(['\'', '’', '-']).next().unwrap_or(w);
            let joined = head.len() < w.len() && head.chars().count() <= 4;
            if !joined && !lower_case_words_are_particles(&format!("_ {w}")) {
                other = true;
            }
        }
    }
    capital && other
}

/// The name that starts a short line beside the headline (80 nodes before it to 300
/// after) and is followed by a separator and a date ("Ann Example | 05.04.2025 - Updated:
/// 05.04.2025"): a full name of two or three words of letters in its own text (not a
/// link's: categories are links), then ` | `, ` · `, ` • `, ` – `, ` — ` or ` - `, then a
/// word starting with a digit in a part with two numbers or more. One such name only.
fn name_dated_line(dom: &Dom, headline: NodeId) -> Vec<String> {
    let len = NodeId::try_from(dom.nodes.len()).unwrap_or(NodeId::MAX);
    let (from, to) = (
        headline.saturating_sub(80),
        headline.saturating_add(300).min(len),
    );
    let mut found: Option<String> = None;
    for d in from..to {
        let Some(t) = dom.text(d) else { continue };
        let name = t
            .trim()
            .trim_end_matches(['|', '·', '•', '–', '—', '-', ' ', '\u{a0}']);
        // Length first: counting the words of a paragraph is wasted on it.
        if name.len() > 60
            || !(2..=3).contains(&name.split_whitespace().count())
            || !is_full_name(name)
            || !name
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '\''))
        {
            continue;
        }
        let parent = dom.node(d).parent;
        if parent == NONE || dom.tag(parent) == Some(Tag::A) {
            continue;
        }
        let Some(block) = block_of(dom, d) else {
            continue;
        };
        let line = normalize_space(&bounded_text(dom, block, 200));
        let name = normalize_space(name);
        let Some(rest) = line.strip_prefix(name.as_str()) else {
            continue;
        };
        if line.len() > 120 {
            continue;
        }
        let rest = rest.trim_start();
        let Some(after) = rest
            .strip_prefix(['|', '·', '•', '–', '—'])
            .or_else(|| rest.strip_prefix("- "))
            .map(str::trim_start)
        else {
            continue;
        };
        let part = after.split(['|', '·', '•', '–', '—']).next().unwrap_or("");
        let part = part.split(" - ").next().unwrap_or(part);
        let numbers = part
            .split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
            .count();
        if !after.starts_with(|c: char| c.is_ascii_digit()) || numbers < 2 {
            continue;
        }
        match &found {
            Some(f) if *f != name => return Vec::new(),
            _ => found = Some(name),
        }
    }
    let names = found.map(|n| clean(&n)).unwrap_or_default();
    if names.len() == 1 {
        names
    } else {
        Vec::new()
    }
}

/// Whether a name from visible text looks like one: its first letter is not lower-case
/// (sentences such as "by continuing, you agree" are not bylines).
fn capitalised(name: &str) -> bool {
    name.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| !c.is_lowercase())
}

/// The names part of a visible byline that starts at text node `id`: the text of its
/// element (or of the element's parent when the element holds only the byline word)
/// after the byline word, cut before the first word holding a digit (a date or time).
fn byline_after_prefix(dom: &Dom, id: NodeId) -> String {
    let Some(t) = dom.text(id) else {
        return String::new();
    };
    let t = normalize_space(t);
    if let Some(names) = label_list_names(dom, id, &t) {
        return names;
    }
    if is_list_label(&t) {
        return String::new();
    }
    let mut el = dom.node(id).parent;
    let mut text = String::new();
    // "<h2>Article by</h2><div>Ann Example</div><div><button>Subscribe</button></div>":
    // a byline word that is the whole text of its block gives the next element's text.
    // Not a menu entry ("<li><a>Redaktion</a></li>"); other labels after it ("Auteur :",
    // "Auteur(s) :") are passed over.
    let word = t.strip_suffix([':', '：']).unwrap_or(&t).trim_end();
    let in_link = || {
        dom.ancestors(id)
            .take(3)
            .any(|a| dom.tag(a) == Some(Tag::A))
    };
    if !word.is_empty() && text_prefix_len(word) == word.len() && !in_link() {
        if let Some(block) = block_of(dom, id) {
            if normalize_space(&bounded_text(dom, block, 80)) == t {
                let mut next = dom.node(block).next;
                let mut steps = 0;
                while next != NONE && steps < 8 {
                    steps += 1;
                    if dom.tag(next).is_none() {
                        if dom.text(next).is_some_and(|x| !x.trim().is_empty()) {
                            break;
                        }
                    } else {
                        let n = normalize_space(&bounded_text(dom, next, 100));
                        if n.ends_with([':', '：']) && n.len() <= 30 {
                            next = dom.node(next).next;
                            continue;
                        }
                        if !n.is_empty() && n.len() <= 60 {
                            text = n;
                            el = NONE;
                        }
                        break;
                    }
                    next = dom.node(next).next;
                }
            }
        }
    }
    for _ in 0..3 {
        if el == NONE {
            break;
        }
        let whole = normalize_space(&bounded_text(dom, el, MAX_SHORT_TEXT));
        if whole.len() > 200 {
            // "Autor: Ann Example Tags: 1907, 1931, ...": a label element that begins a
            // longer line of labelled fields gives the text up to the next label.
            if t.ends_with(':') && whole.starts_with(t.as_str()) {
                let part = cut_at_label(whole[t.len()..].trim_start());
                if part.len() <= 100 && part.chars().any(char::is_alphabetic) {
                    text = part.to_string();
                }
            }
            break;
        }
        if let Some(i) = whole.find(t.as_str()) {
            let after = &whole[i..];
            let after =
                after[text_prefix_len(after)..].trim_start_matches([' ', ':', '\u{a0}', '：']);
            if after.chars().any(char::is_alphabetic) {
                // "Autor: Ann Example Tags: ...": up to the next label.
                text = cut_at_label(after).to_string();
                break;
            }
        }
        el = dom.node(el).parent;
    }
    // Cut at a separator before the date or reading time ("Ann Example · Mar 4, 2025").
    for sep in [" · ", " | ", " • ", " — ", " – "] {
        if let Some(i) = text.find(sep) {
            text.truncate(i);
        }
    }
    cut_at_date(&drop_in_phrases(&text)).to_string()
}

/// A visible byline without what follows "in" in each name: categories ("By Ann Example,
/// in News, Business", "Ann Example in iPad, Tips & Tricks") and places ("Ann Example in
/// Brussels, Bob Sample in London and Cy Other in Paris"). After such a cut only full names
/// (two to five capitalised words) stay: "News", "Tips" are categories; "John O'Brien"
/// after "Ann Example in Melbourne" is a second author.
fn drop_in_phrases(text: &str) -> String {
    if !text.contains("in ") {
        return text.to_string();
    }
    let mut kept: Vec<&str> = Vec::new();
    let mut cut = false;
    for part in split(text) {
        let p = part.trim();
        let name = if p.starts_with("in ") {
            cut = true;
            ""
        } else if let Some(i) = p
            .find(" in ")
            .filter(|&i| p[i + 4..].starts_with(char::is_alphabetic))
        {
            cut = true;
            &p[..i]
        } else if cut && !is_full_name(p) {
            ""
        } else {
            p
        };
        if !name.is_empty() {
            kept.push(name);
        }
    }
    if !cut {
        return text.to_string();
    }
    kept.join(", ")
}

/// Labels that name authors only as a list's heading ("Authors", "Author(s)": not byline
/// words before a name, and menu entries elsewhere), with an optional colon.
const LIST_LABELS: &[&str] = &["author(s)", "authors", "autor(en)", "autoren"];

/// Whether trimmed text `t` is one of the [`LIST_LABELS`] alone.
fn is_list_label(t: &str) -> bool {
    let l = t.trim_end_matches([':', '：']).trim_end();
    l.len() <= 9
        && l.as_bytes()
            .first()
            .is_some_and(|b| b.eq_ignore_ascii_case(&b'a'))
        && LIST_LABELS.iter().any(|x| l.eq_ignore_ascii_case(x))
}

/// The names listed after a heading (`<h2>` to `<h6>`) that is only a byline label (`<h6>Author(s)</h6>
/// <ul><li>Ann Example</li><li>Bob Sample</li></ul>`): the text of each item of the list
/// that is the heading's next element, joined with ", " (at most [`MAX_AUTHORS`] items of
/// at most 100 bytes). `None` when text node `id` (normalised text `t`) is not such a
/// label, or the heading is a widget's (a class or id naming a widget within four levels:
/// a list of the site's authors). Read only near the headline (see [`text_byline`]).
fn label_list_names(dom: &Dom, id: NodeId, t: &str) -> Option<String> {
    let label = t.trim_end_matches([':', '：']).trim_end();
    if label.is_empty() || text_prefix_len(t) < label.len() && !is_list_label(t) {
        return None;
    }
    let head = dom.node(id).parent;
    if head == NONE
        || dom
            .tag(head)
            .and_then(Tag::heading_level)
            .is_none_or(|l| l < 2)
        || normalize_space(&bounded_text(dom, head, 100)) != t
    {
        return None;
    }
    let mut list = dom.node(head).next;
    while list != NONE && dom.tag(list).is_none() {
        list = dom.node(list).next;
    }
    if list == NONE || !matches!(dom.tag(list), Some(Tag::Ul | Tag::Ol)) {
        return None;
    }
    // A widget's heading sits a level or two inside it (a page's metadata panel may be an
    // `<aside>` in a layout's sidebar column).
    let in_widget = dom
        .ancestors(head)
        .take(4)
        .any(|a| class_id(dom, a).contains("widget"));
    if in_widget {
        return None;
    }
    let items: Vec<String> = dom
        .children(list)
        .filter(|&c| dom.tag(c) == Some(Tag::Li))
        .take(MAX_AUTHORS)
        .map(|c| normalize_space(&bounded_text(dom, c, 100)))
        .filter(|n| !n.is_empty())
        .collect();
    (!items.is_empty()).then(|| items.join(", "))
}

/// `text` cut before its first label word after the start (a word ending with a colon:
/// "Ann Example Tags: news" gives "Ann Example").
fn cut_at_label(text: &str) -> &str {
    let end = text
        .split(' ')
        .scan(0usize, |pos, w| {
            let start = *pos;
            *pos += w.len() + 1;
            Some((start, w))
        })
        .find(|&(i, w)| i > 0 && w.len() > 1 && w.ends_with(':'))
        .map_or(text.len(), |(i, _)| i);
    text[..end].trim_end()
}

/// `text` cut before its first word starting with a digit (a date or a time), without the
/// connector words, separators and month or weekday name left before it ("Ann Example on
/// Friday Dec 5, 2025" gives "Ann Example").
fn cut_at_date(text: &str) -> &str {
    // Cut at the first word holding a digit, and at connector words before it.
    let mut end = text.len();
    for (i, w) in text.split(' ').scan(0usize, |pos, w| {
        let start = *pos;
        *pos += w.len() + 1;
        Some((start, w))
    }) {
        // Dates and times start with a digit ("29.12.2010", "12:30"); user names such as
        // "Bo2man" do not.
        if w.starts_with(|c: char| c.is_ascii_digit()) {
            end = i;
            break;
        }
    }
    let mut s = text[..end].trim_end();
    loop {
        let before = s.len();
        for c in [
            " am", " on", " at", " le", " el", " il", " den", " de", " um", " -", " –", " —", " |",
            " ·", " •", ",",
        ] {
            if let Some(x) = s.strip_suffix(c) {
                s = x.trim_end();
            }
        }
        if s.len() == before {
            break;
        }
    }
    // Month and weekday names left at the end ("Ann Example on Friday, Dec") are part of
    // the date; so are the connectors before them.
    for _ in 0..4 {
        let Some((head, last)) = s.rsplit_once([' ', ',']) else {
            break;
        };
        let lw = last.trim_end_matches('.').to_lowercase();
        // Connectors, words that label a date ("Stand:", "Updated") and German weekday
        // abbreviations ("Fr.").
        let connector = [
            "am",
            "on",
            "at",
            "le",
            "el",
            "il",
            "den",
            "de",
            "um",
            "-",
            "–",
            "—",
            "|",
            "·",
            "•",
            "stand",
            "stand:",
            "updated",
            "updated:",
            "aktualisiert",
            "aktualisiert:",
            "published",
            "published:",
            "veröffentlicht",
            "veröffentlicht:",
            "datum",
            "datum:",
            "mo",
            "di",
            "mi",
            "do",
            "fr",
            "sa",
            "so",
            "last",
            "zuletzt",
            "dernière",
        ]
        .contains(&lw.as_str());
        if super::dates::month_of(&lw).is_none()
            && !is_month_word(&lw)
            && !is_weekday(&lw)
            && !connector
        {
            break;
        }
        s = head.trim_end_matches([' ', ',', '·', '|']);
    }
    s
}

/// The byte offset where a date, weekday, job title or byline label is glued to the
/// preceding word without a space ("ExampleDecember", "ExampleFounder", "ExampleReviewed").
fn glued_word_at(p: &str) -> Option<usize> {
    let mut prev_lower = false;
    for (i, c) in p.char_indices() {
        if prev_lower && c.is_uppercase() {
            let word: String = p[i..]
                .chars()
                .take_while(|c| c.is_alphabetic() || *c == '-')
                .flat_map(char::to_lowercase)
                .collect();
            // Whole month and weekday names only: "LaMar" is a name.
            if (word.len() >= 4 && (is_month_word(&word) || is_weekday(&word)))
                || is_title_word(&word)
                || matches!(
                    word.as_str(),
                    "reviewed"
                        | "updated"
                        | "published"
                        | "posted"
                        | "edited"
                        | "follow"
                        | "hace"
                        | "vor"
                )
            {
                return Some(i);
            }
        }
        prev_lower = c.is_lowercase();
    }
    None
}

/// Job titles that follow a name in bylines and author boxes (lower-case).
const TITLE_NOUNS: &[&str] = &[
    "director",
    "coordinator",
    "manager",
    "founder",
    "co-founder",
    "cofounder",
    "owner",
    "ceo",
    "cto",
    "cmo",
    "president",
    "officer",
    "reviewer",
    "expert",
    "specialist",
    "consultant",
    "strategist",
    "analyst",
    "winemaker",
    "editor",
    "writer",
    "reporter",
    "correspondent",
    "columnist",
    "contributor",
];

/// Words before a job title noun ("Head", "Senior", "Content Marketing").
const TITLE_MODIFIERS: &[&str] = &[
    "head",
    "chief",
    "senior",
    "sr",
    "sr.",
    "junior",
    "lead",
    "executive",
    "managing",
    "associate",
    "assistant",
    "deputy",
    "content",
    "marketing",
    "digital",
    "security",
    "digital-security",
    "technical",
    "product",
    "sales",
    "community",
    "development",
    "general",
    "staff",
];

/// Whether `w` (lower-case) is a job-title word.
fn is_title_word(w: &str) -> bool {
    TITLE_NOUNS.contains(&w) || TITLE_MODIFIERS.contains(&w)
}

/// Whether `w` (lower-case) is a month name or its English abbreviation ("mar", "sept").
fn is_month_word(w: &str) -> bool {
    const MONTHS: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    const SHORT: &[&str] = &[
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ];
    MONTHS.contains(&w) || SHORT.contains(&w)
}

/// Whether `w` (lower-case) is a weekday name in a common language, or an English
/// abbreviation of one.
fn is_weekday(w: &str) -> bool {
    const DAYS: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
        "lunedì",
        "martedì",
        "mercoledì",
        "giovedì",
        "venerdì",
        "sabato",
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
    ];
    const SHORT: &[&str] = &[
        "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun",
    ];
    DAYS.contains(&w) || SHORT.contains(&w)
}

/// Cleans one raw author value into names (possibly several).
pub(crate) fn clean(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    push_clean(&mut out, raw);
    out
}

/// Appends the names in `raw` to `out` (deduplicated, capped at [`MAX_AUTHORS`]).
pub(crate) fn push_clean(out: &mut Vec<String>, raw: &str) {
    if out.len() >= MAX_AUTHORS {
        return;
    }
    let raw = &raw[..super::dates::floor_char(raw, MAX_RAW)];
    let text = strip_tags(raw);
    // Escaped twice at the source ("Redacci&amp;oacute;n", "Ann &amp;amp; Bob"): the
    // parser undid one level.
    let text = if text.contains('&') {
        htmlize::unescape(text.as_str()).into_owned()
    } else {
        text
    };
    let text = crate::text::normalize_space(&text);
    if text.is_empty() || looks_like_url(&text) {
        return;
    }
    for part in split(&text) {
        if out.len() >= MAX_AUTHORS {
            return;
        }
        if let Some(name) = clean_part(part) {
            // "Ann Example" and "ann-example" (a profile slug beside the name) are one.
            let k = title::key(&name);
            let lower = name.to_lowercase();
            if !out
                .iter()
                .any(|o| o.to_lowercase() == lower || (!k.is_empty() && title::key(o) == k))
            {
                out.push(name);
            }
        }
    }
}

/// Removes `<...>` tags (author fields sometimes hold markup).
fn strip_tags(s: &str) -> String {
    if !s.contains('<') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn looks_like_url(s: &str) -> bool {
    let l = s.trim_start();
    l.starts_with("http://")
        || l.starts_with("https://")
        || l.starts_with("www.")
        || l.starts_with('/')
}

/// Splits on `,` `;` `&` `|` `/` `·` `•` and on " and " / " und " / " et " / " y " / " e " /
/// " en " / " og " / " och " / " i " / " a ".
fn split(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    for p in s.split([',', ';', '&', '|', '·', '•', '\n', '、']) {
        let mut rest = p;
        'outer: loop {
            for sep in [
                " and ", " und ", " et ", " y ", " e ", " en ", " og ", " och ", " i ", " a ",
                " AND ", " UND ", " ET ", " / ",
            ] {
                if let Some(i) = rest.find(sep) {
                    parts.push(&rest[..i]);
                    rest = &rest[i + sep.len()..];
                    continue 'outer;
                }
            }
            parts.push(rest);
            break;
        }
    }
    parts
}

/// One part of a byline: prefixes stripped, rejected when it is not a name.
fn clean_part(part: &str) -> Option<String> {
    let mut p = part.trim().trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ':' | '-' | '–' | '—' | '(' | ')' | '[' | ']' | '"' | '\'' | '.' | '*'
            )
    });
    // Strip leading byline words, possibly repeated ("By: Author").
    loop {
        let before = p.len();
        for pre in PREFIXES {
            if p.len() > pre.len()
                && p.is_char_boundary(pre.len())
                && p[..pre.len()].eq_ignore_ascii_case(pre)
            {
                let rest = &p[pre.len()..];
                if rest.starts_with([' ', ':', '\u{a0}']) {
                    p = rest.trim_start_matches([' ', ':', '\u{a0}']);
                }
            }
        }
        if p.len() == before {
            break;
        }
    }
    // "Design: Bob Sample", "Illustrator: Bob Sample": another role's label.
    if let Some((label, rest)) = p.split_once(": ") {
        const ROLES: &[&str] = &[
            "design",
            "code",
            "content",
            "illustrator",
            "ilustrator",
            "illustration",
            "illustrationen",
            "ilustración",
            "photo",
            "photos",
            "foto",
            "fotos",
            "photography",
            "bild",
            "bilder",
            "video",
            "kamera",
            "camera",
            "schnitt",
            "grafik",
            "graphics",
            "infografik",
            "layout",
            "produktion",
            "production",
            "lektorat",
            "übersetzung",
            "translation",
            "musik",
            "music",
        ];
        if !rest.trim().is_empty() && ROLES.contains(&label.trim().to_lowercase().as_str()) {
            return None;
        }
    }
    // "ByAnn Example", "2025Ann Example": a byline word or a date glued to the name.
    for glued in ["By", "by", "Von", "Author", "Autor", "Text", "Par", "Por"] {
        if let Some(rest) = p.strip_prefix(glued) {
            if rest.starts_with(char::is_uppercase) {
                p = rest;
            }
        }
    }
    let undated =
        p.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '/' | '-'));
    if undated.len() < p.len() && undated.starts_with(char::is_uppercase) {
        p = undated;
    }
    // "Recipe by Ann Example": a short label before the byline word. (ASCII lower-casing
    // keeps byte offsets, so an index found in the lower-cased copy is valid in `p`.)
    {
        let word = " by ";
        if let Some(i) = p.to_ascii_lowercase().find(word) {
            // "Reviewed by Bob Sample", "Edited by ...": a credit, not a byline.
            let label = p[..i].to_ascii_lowercase();
            if [
                "reviewed",
                "edited",
                "checked",
                "fact-checked",
                "illustrated",
                "illustration",
                "illustrations",
                "photographed",
                "photos",
                "photo",
                "produced",
                "updated",
                "translated",
            ]
            .iter()
            .any(|c| label.ends_with(c))
                && crate::text::word_count(&label) <= 2
            {
                return None;
            }
            if p.is_char_boundary(i)
                && p.is_char_boundary(i + word.len())
                && crate::text::word_count(&p[..i]) <= 2
                && p[i + word.len()..].starts_with(char::is_uppercase)
            {
                p = &p[i + word.len()..];
            }
        }
        // "Capital von Ann Example" (a source's name, then the byline): one word before,
        // a name of at least two capitalised words after ("Alexa von Heyden", "Ursula von
        // der Leyen" are names).
        if let Some(i) = p.find(" von ") {
            let after = &p[i + " von ".len()..];
            let aw: Vec<&str> = after.split_whitespace().collect();
            if !p[..i].contains(char::is_whitespace)
                && (2..=4).contains(&aw.len())
                && aw.iter().all(|w| w.starts_with(char::is_uppercase))
            {
                p = after;
            }
        }
    }
    // A reviewer or editor named after the author is not an author.
    let lower = p.to_ascii_lowercase();
    let lower_bytes = title::ByteSet::of(&lower);
    for credit in [
        " reviewed by ",
        " edited by ",
        " fact checked by ",
        " fact-checked by ",
        " medically reviewed by ",
        " on behalf of ",
        " illustration von ",
        " illustrationen von ",
        " illustration by ",
        " illustrations by ",
        " fotos von ",
        " photos by ",
        " photography by ",
    ] {
        // Most credits have a byte the name lacks: no search.
        if !lower_bytes.has_all(credit) {
            continue;
        }
        if let Some(i) = lower.find(credit) {
            if p.is_char_boundary(i) {
                p = &p[..i];
            }
        }
    }
    // A date or a title glued to the name by markup without a space ("Ann ExampleDecember
    // 5, 2025", "Ann ExampleFounder at X"): cut where a lower-case letter meets an
    // upper-case one starting such a word (names like "McArthur" are kept).
    if let Some(cut) = glued_word_at(p) {
        p = &p[..cut];
    }
    // Cut a trailing role after a dash or in parentheses ("Ann Example - Staff Writer").
    let p_bytes = title::ByteSet::of(p);
    for sep in [" - ", " – ", " — ", " (", " | "] {
        // (`p` only gets shorter: a separator not in it before is not in it after.)
        if !p_bytes.has_all(sep) {
            continue;
        }
        if let Some(i) = p.find(sep) {
            p = &p[..i];
        }
    }
    let mut p = p.trim().trim_end_matches(['.', ':', ',']);
    // "Ann Example/SP-X", "Ann Example/dpa": an agency's credit after a full name.
    if let Some((head, tail)) = p.split_once('/') {
        let head = head.trim_end();
        let words = head.split_whitespace().count();
        if (2..=3).contains(&words)
            && head.split_whitespace().all(is_name_word)
            && !tail.trim().is_empty()
            && tail.len() <= 20
        {
            p = head;
        }
    }
    // A job title after the name, without a separator ("Ann Example Content Marketing
    // Coordinator", the name and the title in two elements); a part that is only a title
    // ("Co-founder", "Head of Marketing") is no name.
    {
        let ws: Vec<&str> = p.split_whitespace().collect();
        let lw: Vec<String> = ws.iter().map(|w| w.to_lowercase()).collect();
        if !lw.is_empty()
            && lw
                .iter()
                .all(|w| is_title_word(w) || matches!(w.as_str(), "of" | "and" | "&"))
            && lw.iter().any(|w| is_title_word(w))
        {
            return None;
        }
        if let Some(r) = (2..lw.len()).find(|&i| TITLE_NOUNS.contains(&lw[i].as_str())) {
            let mut start = r;
            while start > 2 && TITLE_MODIFIERS.contains(&lw[start - 1].as_str()) {
                start -= 1;
            }
            // Only right after a two-word name: "Ann Example Former Tech Editor" is left
            // to the role-word filter below.
            if start == 2 {
                // Byte offset of the third word in `p`.
                let mut at = 0;
                for (i, w) in ws.iter().enumerate() {
                    let pos = at + p[at..].find(w).unwrap_or(0);
                    if i == start {
                        p = p[..pos].trim_end().trim_end_matches(',');
                        break;
                    }
                    at = pos + w.len();
                }
            }
        }
    }
    // Korean and Japanese role words after the name ("신현주 기자", "山田太郎記者").
    for role in ["기자", "특파원", "記者", "特派員"] {
        if let Some(x) = p.strip_suffix(role) {
            if x.trim_end().chars().count() >= 2 {
                p = x.trim_end();
            }
        }
    }
    let chars = p.chars().count();
    if !(2..=MAX_NAME_CHARS).contains(&chars) {
        return None;
    }
    let mut p = p.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != ')');
    // "Home » Services » Consulting": a breadcrumb trail, not a name (a separator between
    // words; one before or after the name was trimmed above).
    if p.contains(['»', '›']) || p.contains(" > ") {
        return None;
    }
    // "Ann Example @annexample": the social handle after the name.
    while let Some((head, last)) = p.rsplit_once(char::is_whitespace) {
        if last.starts_with('@') && head.chars().any(char::is_alphabetic) {
            p = head.trim_end();
        } else {
            break;
        }
    }
    // "facebook.com/example": a URL without its scheme.
    if (!p.contains(char::is_whitespace) && p.contains('.') && p.contains('/'))
        || p.contains('@')
        || p.contains("[at]")
        || p.contains("(at)")
        || looks_like_url(p)
        || p.contains("://")
    {
        return None;
    }
    let chars = p.chars().count();
    if !(2..=MAX_NAME_CHARS).contains(&chars) {
        return None;
    }
    // "February 8", "8. März": a date, not a name.
    if p.chars().any(|c| c.is_ascii_digit())
        && p.split(|c: char| !c.is_alphanumeric())
            .any(|w| super::dates::month_of(&w.to_lowercase()).is_some())
    {
        return None;
    }
    // Numbers and dates are not names; user names with a few digits ("user1984") are.
    let digits = p.chars().filter(char::is_ascii_digit).count();
    let letters = p.chars().filter(|c| c.is_alphabetic()).count();
    if (digits * 2 >= chars && letters < 3)
        || (digits > 0
            && (p.contains(' ') || p.contains(':'))
            && p.split([' ', ':'])
                .any(|w| !w.is_empty() && w.chars().all(|c| !c.is_alphabetic())))
    {
        return None;
    }
    if !p.chars().any(char::is_alphabetic) {
        return None;
    }
    // A month or weekday name alone ("Mar", "Friday") is what is left of a date.
    if !p.contains(' ') {
        let w = p.trim_end_matches('.').to_lowercase();
        if is_month_word(&w) || is_weekday(&w) {
            return None;
        }
    }
    // "AE Ann Example": an avatar's initials before the name.
    let p = {
        let mut ws = p.split_whitespace();
        match ws.next() {
            Some(first)
                if first
                    .chars()
                    .all(|c| c.is_alphabetic() && !c.is_lowercase())
                    && (2..=3).contains(&first.chars().count()) =>
            {
                let rest: Vec<&str> = ws.collect();
                let initials = rest.iter().filter_map(|w| w.chars().next());
                if rest.len() == first.chars().count()
                    && initials
                        .zip(first.chars())
                        .all(|(a, b)| a.to_lowercase().eq(b.to_lowercase()))
                {
                    p[first.len()..].trim_start()
                } else {
                    p
                }
            }
            _ => p,
        }
    };
    // "Ann Example Ann Example": the same name twice (image alt text beside the name).
    let p = {
        let ws: Vec<&str> = p.split_whitespace().collect();
        let half = ws.len() / 2;
        if ws.len() >= 4 && ws.len() % 2 == 0 && ws[..half] == ws[half..] {
            let end = p
                .find(ws[half - 1])
                .map_or(p.len(), |i| i + ws[half - 1].len());
            &p[..end]
        } else {
            p
        }
    };
    let words: Vec<String> = p
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.len() > 6 {
        return None;
    }
    // "Author", "Topic author", "Post authors": a label, not a name.
    if words.len() <= 2
        && words
            .iter()
            .any(|w| matches!(w.as_str(), "author" | "authors" | "autor" | "autoren"))
    {
        return None;
    }
    let lower = p.to_ascii_lowercase();
    // The words without the punctuation around them, trimmed once (not once per entry).
    let bare: Vec<&str> = words
        .iter()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    if NOT_NAME.iter().any(|n| {
        bare.iter().enumerate().any(|(i, w)| {
            // Particles inside a name ("Alexa von Heyden") are not byline words.
            (i == 0
                || !matches!(
                    *n,
                    "von" | "by" | "por" | "par" | "datum" | "stand" | "last"
                ))
                && *w == *n
        }) || lower == *n
    }) {
        return None;
    }
    Some(p.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_prefixes_and_splits() {
        assert_eq!(
            clean("By Ann Example and Bob Sample"),
            ["Ann Example", "Bob Sample"]
        );
        assert_eq!(
            clean("Von Anna Muster und Bert Beispiel"),
            ["Anna Muster", "Bert Beispiel"]
        );
        assert_eq!(
            clean("Par Jeanne Exemple et Paul Modèle"),
            ["Jeanne Exemple", "Paul Modèle"]
        );
        assert_eq!(
            clean("Por Juana Ejemplo y Pedro Modelo"),
            ["Juana Ejemplo", "Pedro Modelo"]
        );
        assert_eq!(
            clean("Ann Example, Bob Sample & Cy Test"),
            ["Ann Example", "Bob Sample", "Cy Test"]
        );
        assert_eq!(clean("BY: ANN EXAMPLE"), ["ANN EXAMPLE"]);
        // Menu entries beside the name in a byline element.
        assert_eq!(clean("Ann Example, Home"), ["Ann Example"]);
        assert_eq!(clean("Ann Example | Privacy | Search"), ["Ann Example"]);
    }

    #[test]
    fn filters_non_names() {
        assert!(clean("Staff").is_empty());
        assert!(clean("Email the author").is_empty());
        // A byline element holding the post's permalink ("<span class='author permalink'>").
        assert!(clean("Permalink").is_empty());
        assert!(clean("ann@example.org").is_empty());
        assert!(clean("https://example.org/authors/ann").is_empty());
        assert!(clean("31.10.2023").is_empty());
        assert!(clean("Photo: Getty Images").is_empty());
        assert_eq!(clean("Ann Example - Staff Writer"), ["Ann Example"]);
        assert_eq!(
            clean("Ann Example, Updated 31 October 2023"),
            ["Ann Example"]
        );
    }

    #[test]
    fn markup_is_removed() {
        assert_eq!(
            clean("<a href='/ann'>Ann <b>Example</b></a>"),
            ["Ann Example"]
        );
    }

    #[test]
    fn bounded() {
        let many: Vec<String> = (0..10_000)
            .map(|i| {
                format!(
                    "Name{} Person",
                    char::from(b'a' + (i % 26) as u8)
                        .to_string()
                        .repeat(i % 7 + 1)
                )
            })
            .collect();
        let got = clean(&many.join(", "));
        assert!(got.len() <= MAX_AUTHORS);
        assert!(clean(&"x".repeat(1000)).is_empty());
    }

    #[test]
    fn credit_cut_with_non_ascii_capitals_before_it() {
        // regression: the cut offsets came from a Unicode-lower-cased copy, whose byte
        // length differs when the name holds letters like 'İ' (two bytes, three lower-cased),
        // so the reviewer credit was cut at the wrong place.
        assert_eq!(clean("İlkay İnce reviewed by Bob Example"), ["İlkay İnce"]);
    }

    #[test]
    fn particles_user_names_and_glued_words() {
        assert_eq!(clean("Alexa von Heyden"), ["Alexa von Heyden"]);
        assert_eq!(clean("Ursula von der Leyen"), ["Ursula von der Leyen"]);
        assert_eq!(clean("Capital von Ann Example"), ["Ann Example"]);
        assert_eq!(clean("Von Walter von Aachen"), ["Walter von Aachen"]);
        assert_eq!(clean("freeman1984"), ["freeman1984"]);
        assert!(clean("1984").is_empty());
        assert!(clean("Ann Example 12:30").is_empty());
        assert_eq!(clean("ByAnn Example"), ["Ann Example"]);
        assert_eq!(clean("Byron Example"), ["Byron Example"]);
        assert_eq!(clean("2025Ann Example"), ["Ann Example"]);
        assert_eq!(clean("Recipe by Ann Example"), ["Ann Example"]);
        assert_eq!(
            clean("Ann Example. Reviewed by Bob Sample"),
            ["Ann Example"]
        );
        assert_eq!(clean("Alle Artikel von Ann Example"), ["Ann Example"]);
    }

    #[test]
    fn dates_left_in_bylines() {
        assert!(clean("Mar").is_empty());
        assert!(clean("Friday").is_empty());
        assert_eq!(clean("Marc"), ["Marc"]);
        assert_eq!(clean("Sam"), ["Sam"]);
        assert_eq!(clean("Ejp55230"), ["Ejp55230"]);
        assert_eq!(
            cut_at_date("Ann Example on Friday, Dec 19, 2025 @10:02PM"),
            "Ann Example"
        );
        assert_eq!(cut_at_date("Ann Example, Mar 4"), "Ann Example");
        assert_eq!(
            clean("Niko Example on behalf of the Survey Team"),
            ["Niko Example"]
        );
    }

    #[test]
    fn microdata_forum_and_dated_bylines() {
        assert_eq!(
            authors_of(
                "<h1>Topic</h1><div itemprop='author' itemscope><meta itemprop='name' \
                 content='julian'></div><p>Post text.</p>"
            ),
            ["julian"]
        );
        assert_eq!(
            authors_of(
                "<a class='username' href='/me'>Sign in</a><h1>Which kernel?</h1>\
                 <div class='post'><a class='username' href='/u/1'>galitsyn</a><p>Q.</p></div>\
                 <div class='post'><a class='username' href='/u/2'>other_user</a><p>A.</p></div>"
            ),
            ["galitsyn"]
        );
        assert_eq!(
            authors_of(
                "<h1>Story</h1><span class='story-byline'>Posted by <a href='/x'>BeauHD</a> \
                 on Friday December 19, 2025 @10:02PM from the some dept.</span>"
            ),
            ["BeauHD"]
        );
    }

    #[test]
    fn glued_doubled_and_credited_names() {
        assert_eq!(clean("AuthorAnn Example"), ["Ann Example"]);
        assert_eq!(clean("Ann Example Ann Example"), ["Ann Example"]);
        assert_eq!(clean("Alles von Ann Example"), ["Ann Example"]);
        assert_eq!(
            clean("Ann Example Illustration von Bob Sample"),
            ["Ann Example"]
        );
        assert_eq!(cut_at_date("Ann Example Stand: 12.03.2020"), "Ann Example");
        assert_eq!(cut_at_date("Ann Example Fr 12.03.2020"), "Ann Example");
        assert_eq!(
            cut_at_date("Ann Example Last updated: 12.03.2020"),
            "Ann Example"
        );
        assert_eq!(clean("Ann Ann"), ["Ann Ann"]);
        assert_eq!(clean("AE Ann Example"), ["Ann Example"]);
        assert_eq!(clean("Ann ExampleDecember 5, 2025"), ["Ann Example"]);
        assert_eq!(clean("Ann ExampleFounder at Example Co"), ["Ann Example"]);
        assert_eq!(clean("Ann McArthur"), ["Ann McArthur"]);
        assert_eq!(clean("Ann LaMar"), ["Ann LaMar"]);
        assert_eq!(clean("AB Ann Example"), ["AB Ann Example"]);
        assert_eq!(
            cut_at_date("Author: Bo2man am 29.12.2010, 13:36 Uhr"),
            "Author: Bo2man"
        );
        assert!(clean("Topic author").is_empty());
    }

    #[test]
    fn author_hrefs() {
        // The letters `is_author_href` looks at start every word.
        assert!(AUTHOR_PATH_WORDS
            .iter()
            .all(|w| matches!(w.as_bytes()[0], b'a' | b'f' | b'j' | b'c')));
        // The definition: a path segment (before `?` or `#`) that is one of the words,
        // with more after it.
        let reference = |href: &str| {
            let path = href
                .split(['?', '#'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            AUTHOR_PATH_WORDS.iter().any(|w| {
                path.match_indices(&format!("/{w}"))
                    .any(|(i, m)| path.len() > i + m.len())
            })
        };
        for h in [
            "https://x.example/author/ann-example/",
            "/AUTHOR/ann",
            "/author/",
            "/author/?x",
            "/author/#x",
            "/author/x?y",
            "/Journalist/?",
            "/a/autoren/x#/author/y",
            "/x?/author/y",
            "/authors-guide?x=/author/y",
            "//journalisten/a",
            "/Contributors/b/c",
            "/news/2024/story",
            "/forfatter/é",
            "/é/autore/x",
            "",
            "/",
            "/a",
            "/au",
        ] {
            assert_eq!(is_author_href(h), reference(h), "{h:?}");
        }
        assert!(is_author_href("https://x.example/author/ann-example/"));
        assert!(is_author_href("/autor/ann"));
        assert!(!is_author_href("/author/"));
        assert!(!is_author_href("/authors-guide?x=/author/y"));
        assert!(!is_author_href("/news/2024/story"));
    }

    fn authors_of(html: &str) -> Vec<String> {
        let (dom, _) = crate::dom::parse(
            html,
            crate::dom::Limits {
                max_depth: 256,
                max_nodes: 100_000,
            },
        );
        super::super::extract(&dom, None, None).authors
    }

    #[test]
    fn visible_byline_after_headline() {
        assert_eq!(
            authors_of("<h1>Bridge reopens</h1><p>By <a href='/x'>Ann Example</a> · Dec 20, 2025</p><p>Text.</p>"),
            ["Ann Example"]
        );
        assert_eq!(
            authors_of("<h1>Bridge reopens</h1><div><p>Written by</p><p>Ann Example</p></div>"),
            ["Ann Example"]
        );
        assert_eq!(
            authors_of("<h1>Bridge reopens</h1><p>Von Anna Muster am 5. März 2024</p>"),
            ["Anna Muster"]
        );
        assert_eq!(
            authors_of("<h1>Which forum software?</h1><p>Started by Ann Example, June 04, 2024, 11:23 AM</p>"),
            ["Ann Example"]
        );
        // A sentence, or a byline word inside a sentence, is not a byline.
        assert!(
            authors_of("<h1>Bridge reopens</h1><p>By continuing, you agree to our terms.</p>")
                .is_empty()
        );
        assert!(authors_of(
            "<h1>Bridge reopens</h1><p>The sale runs <b>von Montag bis Freitag</b>.</p>"
        )
        .is_empty());
    }

    #[test]
    fn author_page_link_and_seo_label() {
        assert_eq!(
            authors_of(
                "<h1>Bridge reopens</h1><div><a href='/author/ann'>Ann Example</a> and \
                 <a href='/author/bob'>Bob Sample</a></div><aside><a href='/author/cy'>Cy Other</a></aside>"
            ),
            ["Ann Example", "Bob Sample"]
        );
        assert_eq!(
            authors_of(
                "<meta name='twitter:label1' content='Written by'><meta name='twitter:data1' \
                 content='Ann Example'><meta name='twitter:label2' content='Est. reading time'>\
                 <meta name='twitter:data2' content='4 minutes'><h1>Bridge reopens</h1>"
            ),
            ["Ann Example"]
        );
    }

    #[test]
    fn double_escaped_values() {
        assert_eq!(
            clean("Redacci&oacute;n Example, Ann &amp; Bob Sample"),
            ["Redacción Example", "Ann", "Bob Sample"]
        );
    }

    #[test]
    fn microdata_reply_authors_skipped() {
        assert_eq!(
            authors_of(
                "<h1>Question</h1><div itemscope itemtype='https://schema.org/Question'>\
                 <span itemprop='author'>asker</span><div itemprop='suggestedAnswer' itemscope>\
                 <span itemprop='author'>answerer</span></div>\
                 <div itemscope itemtype='http://schema.org/Comment'><span itemprop='author'>\
                 commenter</span></div></div>"
            ),
            ["asker"]
        );
        // Bylines of teasers outside the article's item are not the article's.
        assert_eq!(
            authors_of(
                "<h1>Story</h1><main itemscope itemtype='https://schema.org/Article'>\
                 <span itemprop='author'>Ann Example</span><span itemprop='author'>Bob \
                 Sample</span></main><aside><span itemprop='author'>Cy Other</span></aside>"
            ),
            ["Ann Example", "Bob Sample"]
        );
        // Every post a comment: the first poster.
        assert_eq!(
            authors_of(
                "<h1>Thread</h1><ol><li itemscope itemtype='https://schema.org/Comment'>\
                 <b itemprop='author'>first</b></li><li itemscope \
                 itemtype='https://schema.org/Comment'><b itemprop='author'>second</b></li></ol>"
            ),
            ["first"]
        );
    }

    #[test]
    fn short_host_names_slugs_and_role_suffixes() {
        assert_eq!(
            super::super::host_label("https://www.lto.de/recht/x").as_deref(),
            Some("lto")
        );
        assert_eq!(
            super::super::host_label("https://news.example.co.uk/x").as_deref(),
            Some("example")
        );
        assert_eq!(
            authors_of(
                "<meta property='og:site_name' content='CBC'><meta name='author' \
                 content='Ann Example, CBC News'><h1>Bridge reopens</h1>"
            ),
            ["Ann Example"]
        );
        assert_eq!(clean("Ann Example, ann-example"), ["Ann Example"]);
        assert_eq!(clean("신현주 기자"), ["신현주"]);
    }

    #[test]
    fn initials_give_way_to_a_full_name() {
        // The publisher's initials in the author meta tag, the reporter in microdata.
        let page = "<meta name='author' content='LN'><h1>Bridge reopens</h1>\
            <p>Von <span itemscope itemtype='http://schema.org/Person'>\
            <meta itemprop='name' content='Ann Example'>Ann Example</span></p>\
            <p><span itemprop='author'>Ann Example</span></p>";
        assert_eq!(authors_of(page), ["Ann Example"]);
        // Initials stay when no one else is named; a later one-word name does not replace
        // them, and neither do a short given name ("Tom") or CJK names.
        assert_eq!(
            authors_of("<meta name='author' content='dpa'><h1>Bridge reopens</h1><div class='author'>Mapper</div>"),
            ["dpa"]
        );
        assert!(!is_initials("Tom") && !is_initials("孔德明") && is_initials("jf"));
        assert!(is_full_name("Ann Example") && !is_full_name("unserer Redaktion"));
    }

    #[test]
    fn site_initials_and_article_before_site_name() {
        let page = |author: &str| {
            format!(
                "<meta property='og:site_name' content='{}'><meta name='author' content='{author}'>\
                 <h1>Bridge reopens</h1><p>Auteur : Ann Example</p>",
                "DW"
            )
        };
        assert_eq!(authors_of(&page("Deutsche Welle")), ["Ann Example"]);
        let page = "<meta property='og:site_name' content='Volksblatt'>\
            <meta name='author' content='OÖ Volksblatt'><h1>Bridge reopens</h1>\
            <p>Von Ann Example</p>";
        assert_eq!(authors_of(page), ["Ann Example"]);
    }

    #[test]
    fn labelled_lines_and_site_credits() {
        assert_eq!(
            labelled_names("Datum: 19.11.2021 Autor: Ann Example Quelle: Example"),
            Some("Ann Example")
        );
        assert_eq!(labelled_names("Autor: Ann Example"), None);
        let page = "<h1>Bridge reopens</h1><div class='article-meta-byline'>Datum: 19.11.2021 \
            Autor: Ann Example<br>Quelle: Example</div>";
        assert_eq!(authors_of(page), ["Ann Example"]);
        // A "By" credit naming the site is passed over for the writer's line after it.
        let page = "<meta property='og:site_name' content='Example Press'><h1>Bridge reopens</h1>\
            <p>By Example Press</p><p><em>Written by: <a href='/x'>Ann Example</a></em></p>";
        assert_eq!(authors_of(page), ["Ann Example"]);
        assert_eq!(
            authors_of("<h1>Bridge reopens</h1><div><b>Contributors:</b> Ann Example</div>"),
            ["Ann Example"]
        );
        assert_eq!(
            authors_of(
                "<h1>Brücke offen</h1><p>Ein Artikel von <b>Ann Example</b> | 27.01.2022</p>"
            ),
            ["Ann Example"]
        );
    }

    #[test]
    fn credits_and_site_names_after_a_name() {
        assert_eq!(clean("Reviewed by Bob Sample"), Vec::<String>::new());
        assert_eq!(clean("Fact-checked by Bob Sample"), Vec::<String>::new());
        assert_eq!(clean("Ann Example Edited by Bob Sample"), ["Ann Example"]);
        assert_eq!(clean("Recipe by Ann Example"), ["Ann Example"]);
        let page = |name: &str| {
            format!(
                "<meta property='og:site_name' content='Daily Example'><h1>Bridge reopens</h1>\
                 <div class='byline'>{name}</div>"
            )
        };
        assert_eq!(
            authors_of(&page("Ann Example DAILY EXAMPLE")),
            ["Ann Example"]
        );
        // A newsroom named after the site keeps its name.
        assert_eq!(
            authors_of(&page("Redacción Daily Example")),
            ["Redacción Daily Example"]
        );
    }

    #[test]
    fn labelled_list_items_and_cjk_editor_credits() {
        assert_eq!(
            authors_of(
                "<h1>Bridge reopens</h1><ul><li><strong>Autorin/Autor</strong> Ann Example</li></ul>"
            ),
            ["Ann Example"]
        );
        assert_eq!(
            authors_of(
                "<h1>大桥重新开放</h1><p>正文。</p><div class='edit'>(责编：牛镛、岳弘彬)</div>"
            ),
            ["牛镛", "岳弘彬"]
        );
    }

    #[test]
    fn author_box_name_heading() {
        let bio = "Ann is a reporter covering transport and city planning. She has written about \
            bridges, railways and the people who build them for more than ten years, first for a \
            regional weekly and now for this site.";
        assert_eq!(
            authors_of(&format!(
                "<h1>Bridge reopens</h1><p>Text.</p><div class='post-author-info'>\
                 <div class='name'>Ann Example</div><p>{bio}</p></div>"
            )),
            ["Ann Example"]
        );
        // A box opening with a sentence names no one.
        assert_eq!(
            authors_of(&format!(
                "<h1>Bridge reopens</h1><p>Text.</p><div class='post-author-info'><p>{bio}</p></div>"
            )),
            Vec::<String>::new()
        );
    }

    #[test]
    fn closing_credit_after_a_long_article() {
        let body = "<p>The council met on Tuesday evening and approved the plan for the new \
            bridge after a long debate about its cost.</p>"
            .repeat(120);
        assert_eq!(
            authors_of(&format!(
                "<h1>Bridge reopens</h1>{body}<p>Written by Ann Example</p>"
            )),
            ["Ann Example"]
        );
        // "This post was written by ...": a closing credit in a sentence's words.
        assert_eq!(
            authors_of(&format!(
                "<h1>Bridge reopens</h1>{body}<p><em>This post was written by \
                 <a href='/x'>Ann Example</a>.</em></p>"
            )),
            ["Ann Example"]
        );
        // Far from the headline, a one-word "name" is not taken, nor a sentence.
        for line in [
            "By Support",
            "By clicking Join you agree to our Terms of Service and Privacy Policy",
        ] {
            assert_eq!(
                authors_of(&format!("<h1>Bridge reopens</h1>{body}<p>{line}</p>")),
                Vec::<String>::new()
            );
        }
    }

    #[test]
    fn dated_byline_elements_and_via() {
        let page =
            "<h1>Brücke offen</h1><div class='byline'>Von Ann Example Fr, 18. Oktober 2019</div>";
        assert_eq!(authors_of(page), ["Ann Example"]);
        assert_eq!(clean("Ana EjemploHace 3 horas"), ["Ana Ejemplo"]);
        assert_eq!(clean("via annexample"), ["annexample"]);
        assert_eq!(
            clean("Ann Example, Ilustrator: Bob Sample, design: Cy Example"),
            ["Ann Example"]
        );
        assert_eq!(clean("Autor: Ann Example"), ["Ann Example"]);
    }

    #[test]
    fn handles_and_lone_byline_words() {
        assert_eq!(clean("Ann Example @annexample"), ["Ann Example"]);
        assert_eq!(clean("Por"), Vec::<String>::new());
        assert_eq!(clean("Datum"), Vec::<String>::new());
        assert_eq!(clean("byAnn Example"), ["Ann Example"]);
    }

    #[test]
    fn citation_authors_last_name_first() {
        assert_eq!(
            authors_of(
                "<meta name='citation_author' content='Example, Ann'>\
                 <meta name='citation_author' content='Bob Sample'><h1>A study</h1>"
            ),
            ["Ann Example", "Bob Sample"]
        );
    }

    #[test]
    fn rel_author_links_nearest_the_headline() {
        assert_eq!(
            authors_of(
                "<h1>Bridge reopens</h1><p>By <a rel='author' href='/a'>Ann Example</a> and \
                 <a rel='author' href='/b'>Bob Sample</a></p><p>Text.</p>\
                 <aside><div><a rel='author' href='/c'>Cy Other</a></div></aside>"
            ),
            ["Ann Example", "Bob Sample"]
        );
    }

    #[test]
    fn job_titles_after_names() {
        assert_eq!(
            clean("Ann Example Content Marketing Coordinator"),
            ["Ann Example"]
        );
        assert_eq!(
            clean("Ann Example Head Winemaker, Co-founder"),
            ["Ann Example"]
        );
        assert!(clean("Head of Marketing, Community Development").is_empty());
        assert_eq!(clean("Post by quietfox"), ["quietfox"]);
        assert_eq!(clean("Autor/in: Anna Muster"), ["Anna Muster"]);
        assert!(clean("facebook.com/example").is_empty());
        assert!(clean("Ann Example Former Tech Editor").is_empty());
        // Two words are kept: a name can look like a title word.
        assert_eq!(clean("Ann Director"), ["Ann Director"]);
    }

    #[test]
    fn list_template_author_field() {
        let page = |class: &str| {
            format!(
                "<html><body><h1>Headline of the story</h1><p>Text of the story.</p>\
                 <span class='{class}'>Erstellt von Lena Beispiel</span></body></html>"
            )
        };
        assert_eq!(authors_of(&page("news-list-author")), ["Lena Beispiel"]);
        assert_eq!(authors_of(&page("teaser_list__byline")), ["Lena Beispiel"]);
        // A list of authors or of teasers is still passed over.
        assert!(authors_of(&page("author-list")).is_empty());
        assert!(authors_of(&page("list-authors-more")).is_empty());
        assert!(is_item_author_class("item news-list-author "));
        assert!(!is_item_author_class("author-list "));
        assert!(!is_item_author_class("list-of-teasers-with-author "));
    }

    #[test]
    fn lower_case_handle_and_byline_after_a_time() {
        let page = |meta: &str| {
            format!(
                "<html><body><h1>Headline of the story</h1>{meta}\
                 <p>Text of the story, which goes on for a while.</p></body></html>"
            )
        };
        assert_eq!(authors_of(&page("<p>by   zoltix </p>")), ["zoltix"]);
        assert_eq!(authors_of(&page("<p>By q_bert2</p>")), ["q_bert2"]);
        // Other byline words are common words; a sentence is no byline; nor is a
        // non-name word.
        assert!(authors_of(&page("<p>Di stagione</p>")).is_empty());
        assert!(authors_of(&page("<p>text size</p>")).is_empty());
        assert!(authors_of(&page("<p>by clicking here you agree</p>")).is_empty());
        assert!(authors_of(&page("<p>by admin</p>")).is_empty());
        assert!(authors_of(&page("<p><a href='/x'>Sort</a> by date</p>")).is_empty());
        // The date first, then the byline in the same line.
        assert_eq!(
            authors_of(&page(
                "<div class='meta'><time datetime='2017-03-01'>03/01/2017</time> by Ann \
                 Example</div>"
            )),
            ["Ann Example"]
        );
        // Other text before it: not a byline line.
        assert!(authors_of(&page(
            "<div>Read <time datetime='2017-03-01'>03/01/2017</time> by Ann Example</div>"
        ))
        .is_empty());
    }

    #[test]
    fn breadcrumbs_testimonials_and_authorization_classes() {
        assert!(clean("Home » Solutions » Consulting Services").is_empty());
        assert!(clean("News › Local").is_empty());
        assert!(clean("Home > News > Local").is_empty());
        assert_eq!(clean("» Ann Example"), ["Ann Example"]);
        let page = |rest: &str| {
            format!(
                "<html><body><h1>Security consulting</h1><p>What we do for you.</p>\
                 {rest}</body></html>"
            )
        };
        assert!(authors_of(&page(
            "<div class='post-meta no-byline'><a href='/'>Home</a> » <a href='/s'>Solutions \
             &amp; Services</a> » <b>Consulting Services</b></div>"
        ))
        .is_empty());
        assert!(authors_of(&page(
            "<section class='block--testimonial'><p>Great work.</p>\
             <div class='author-details'>Bob Sample</div></section>"
        ))
        .is_empty());
        assert!(authors_of(&page(
            "<blockquote><p>Great work.</p><footer><span class='quote__author'>Bob \
             Sample</span></footer></blockquote>"
        ))
        .is_empty());
        assert!(authors_of(&page(
            "<div class='AuthorizationGraphic__header'><span>Approval uplift</span></div>"
        ))
        .is_empty());
        assert!(authors_of(&page(
            "<a class='sidebar-link' id='m-docs-user-namespaces'><span>User Namespaces</span></a>"
        ))
        .is_empty());
        // The byline element outside them still counts.
        assert_eq!(
            authors_of(&page("<p class='byline'>By Ann Example</p>")),
            ["Ann Example"]
        );
    }

    #[test]
    fn bold_name_paragraph_opening_or_closing_the_text() {
        let long = "The council voted on Tuesday to reopen the old bridge over the river after two years of slow and costly repairs.";
        // An opening credit, two names joined by a slash, after short kicker lines.
        assert_eq!(
            authors_of(&format!(
                "<h1>Bridge reopens</h1><div><p><em>Repairs end</em></p>\
                 <p><strong>Ann Example/Bob Sample</strong></p><p>{long}</p><p>{long}</p></div>"
            )),
            ["Ann Example", "Bob Sample"]
        );
        // A closing credit: the last text of the article.
        assert_eq!(
            authors_of(&format!(
                "<h1>Bridge reopens</h1><div><p>{long}</p><p>{long}</p>\
                 <p style='text-align:right'><b>Ann Example</b></p><span></span></div>"
            )),
            ["Ann Example"]
        );
        // A bold subheading after some of the text, or one followed by more text, or not
        // a name, is no credit.
        assert!(authors_of(&format!(
            "<h1>Bridge reopens</h1><div><p>{long}</p><p><strong>Filing Fee</strong></p>\
             <p>{long}</p></div>"
        ))
        .is_empty());
        assert!(authors_of(&format!(
            "<h1>Bridge reopens</h1><div><p>{long}</p><p><strong>Ann Example</strong> said.</p></div>"
        ))
        .is_empty());
        assert!(authors_of(&format!(
            "<h1>Bridge reopens</h1><div><p><strong>Update 2024</strong></p><p>{long}</p></div>"
        ))
        .is_empty());
        // The headline's own words opening the text are a subheading.
        assert!(authors_of(&format!(
            "<h1>Paris Meetup and Upcoming Bootcamp</h1><div><p><strong>Paris Meetup</strong>\
             </p><p>{long}</p></div>"
        ))
        .is_empty());
        // Only when no source names a person: a meta author stands.
        assert_eq!(
            authors_of(&format!(
                "<meta name='author' content='Cy Other'><h1>Bridge reopens</h1><div>\
                 <p><strong>Ann Example</strong></p><p>{long}</p></div>"
            )),
            ["Cy Other"]
        );
    }

    #[test]
    fn names_listed_under_an_authors_heading() {
        assert_eq!(
            authors_of(
                "<div class='l-grid l-grid--sidebar'><div class='main'><section class='hero'>\
                 <div class='text'><h1>Climate policy lessons</h1></div>\
                 <div class='meta'><div><h6>Date</h6><p>November 2003</p></div>\
                 <div><h6>Author(s)</h6>\n<ul>\n<li><a href='/l?a=1'>Ann A. Example</a></li>\
                 <li><a href='/l?a=2'>Bob Sample</a></li></ul></div></div></section><p>Text.</p>\
                 </div></div>"
            ),
            ["Ann A. Example", "Bob Sample"]
        );
        // A sidebar widget listing the site's authors, or a menu entry, is no byline.
        assert!(authors_of(
            "<h1>Climate policy lessons</h1><p>Text.</p><aside><div class='widget'>\
             <h3>Authors</h3><ul><li>Ann Example</li><li>Bob Sample</li></ul></div></aside>"
        )
        .is_empty());
        assert!(authors_of(
            "<h1>Climate policy lessons</h1><ul><li><a href='/a'>Autoren</a></li>\
             <li><a href='/n'>Newsletter Archiv</a></li></ul><p>Text.</p>"
        )
        .is_empty());
    }

    #[test]
    fn date_line_in_an_inline_element_beside_the_headline() {
        assert_eq!(
            authors_of(
                "<div><small>04.02.2022 | 13:10 Uhr | Ann Example</small><h1>Statement on the \
                 pilot year</h1><p>The federation has reviewed the first year of the pilot.</p></div>"
            ),
            ["Ann Example"]
        );
    }

    #[test]
    fn phrase_after_a_byline_word_is_no_name() {
        assert!(lower_case_words_are_particles("Ursula von der Leyen"));
        assert!(lower_case_words_are_particles("Ann Example"));
        assert!(!lower_case_words_are_particles(
            "Atemschutzmaske über Exit-Strategie"
        ));
        assert!(authors_of(
            "<h1>Neues Glossar</h1><p>Das Glossar wächst.</p>\
             <h3>Von Atemschutzmaske über Exit-Strategie bis Zoonose</h3><p>Einträge.</p>"
        )
        .is_empty());
        assert_eq!(
            authors_of("<h1>Neues Glossar</h1><p>Von Ursula von der Beispiel</p><p>Text.</p>"),
            ["Ursula von der Beispiel"]
        );
    }

    #[test]
    fn byline_word_in_its_own_element_after_a_label() {
        assert_eq!(
            authors_of(
                "<h1>Bridge reopens</h1><div class='meta'><span class='trending'>hot!</span> \
                 <span class='screen-reader-text'>| By </span> <span>Ann Example</span> | \
                 <time>April 13, 2020</time></div><p>Text.</p>"
            ),
            ["Ann Example"]
        );
        // Not after a lower-case "by", nor a keyword in code.
        assert!(authors_of(
            "<h1>Bridge reopens</h1><p>Sorted <span>by</span> Date Added</p><p>Text.</p>"
        )
        .is_empty());
        assert!(authors_of(
            "<h1>Bridge reopens</h1><pre><code>id INT GENERATED <span class='k'>BY</span> \
             DEFAULT AS IDENTITY</code></pre><p>Text.</p>"
        )
        .is_empty());
    }

    #[test]
    fn name_starting_a_date_line_beside_the_headline() {
        assert_eq!(
            authors_of(
                "<h1>Charging stations pass 11,000</h1><h4>The ministry gave the figures.</h4>\
                 <div class='row'><span>Ann Example &nbsp;|</span><span class='date'>\
                 05.04.2025 - Updated : 05.04.2025</span></div><p>Text.</p>"
            ),
            ["Ann Example"]
        );
        // A category link, or a name followed by no date, is no byline.
        assert!(authors_of(
            "<h1>Charging stations pass 11,000</h1><div><a href='/c'>Energy News</a> | \
             05.04.2025</div><p>Text.</p>"
        )
        .is_empty());
        assert!(authors_of(
            "<h1>Charging stations pass 11,000</h1><div><span>Ann Example</span> | \
             <span>Energy</span></div><p>Text.</p>"
        )
        .is_empty());
    }

    #[test]
    fn byline_categories_after_in_dropped() {
        assert_eq!(
            authors_of(
                "<h1>Bridge reopens</h1><p class='small'>By ANX, in <a href='/news'>News</a>, \
                 <a href='/travel'>Travel</a> - 02 Feb 2025</p><p>Text.</p>"
            ),
            ["ANX"]
        );
        assert_eq!(
            authors_of("<h1>Bridge reopens</h1><p>By Ann Example in Guides</p><p>Text.</p>"),
            ["Ann Example"]
        );
    }

    #[test]
    fn byline_places_after_in_lost_the_second_and_third_authors() {
        // Each name's place goes, not every name after the first "in".
        assert_eq!(
            authors_of(
                "<h1>Bridge reopens</h1><p>By Ann Example in Brussels, Bob Sample in London \
                 and Cy Other in San Francisco</p><p>Text.</p>"
            ),
            ["Ann Example", "Bob Sample", "Cy Other"]
        );
        assert_eq!(
            authors_of(
                "<h1>Bridge reopens</h1><p>By Ann Example in Melbourne and John O'Brien</p>\
                 <p>Text.</p>"
            ),
            ["Ann Example", "John O'Brien"]
        );
        // Categories after a lower-case word ("iPad") are categories too.
        assert_eq!(
            authors_of(
                "<h1>Bridge reopens</h1><p>By Ann Example in iPad, Tips &amp; Tricks</p>\
                 <p>Text.</p>"
            ),
            ["Ann Example"]
        );
    }

    #[test]
    fn menu_link_named_author_was_a_byline_label() {
        // "Browse by: Author, Category, Most Recent": links of a menu, not a byline.
        assert_eq!(
            authors_of(
                "<h1>Bridge reopens</h1><p><b>Browse by:</b> <a href='/a'><strong>Author</strong>\
                 </a>, <a href='/c'><strong>Category</strong></a>, <a href='/r'><strong>Most \
                 Recent</strong></a></p><p>Text.</p>"
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn name_ending_a_date_line_beside_the_headline() {
        let page = |line: &str| {
            format!(
                "<html><body><h1>Variables and their homes</h1>{line}\
                 <p>Text of the story, which goes on for a while.</p></body></html>"
            )
        };
        for (line, want) in [
            ("<p>11.12.2019 - Ann Example</p>", "Ann Example"),
            ("<p>04.02.2022 | 13:10 Uhr | Ann Example</p>", "Ann Example"),
            (
                "<p>Dec 26, 2025 <span>&bull;</span> <img src=a.png> Ann Example in \
                 <a href=/c>Guides</a></p>",
                "Ann Example",
            ),
            (
                "<div><span>25.10.2022 - Ann B. Example</span></div>",
                "Ann B. Example",
            ),
        ] {
            assert_eq!(authors_of(&page(line)), [want], "{line}");
        }
        for line in [
            // A year alone, a heading, an event list, a title after the date, a lower-case
            // word, a copyright line.
            "<p>2018 - Cosplay Area</p>",
            "<h4>12.03.2018 - Cosplay Area</h4>",
            "<p>02.11.2022 - Disarstar - Grelle Forelle</p>",
            "<p>02.11.2022 - Ann Example</p><p>03.11.2022 - Bob Sample</p>",
            "<p>12.03.2021 - Die Popu-Liste(n)</p>",
            "<p>12.03.2021 - Neue Studie zeigt etwas</p>",
            "<p>© 2025 · All Rights Reserved</p>",
            "<p>Published 11.12.2019 - Ann Example</p>",
        ] {
            assert!(authors_of(&page(line)).is_empty(), "{line}");
        }
    }

    #[test]
    fn label_element_before_other_labelled_fields() {
        let tags: String = (1..=30)
            .map(|i| format!("<a href=/t/{i}>tag{i}</a>, "))
            .collect();
        let page = format!(
            "<html><body><h1>Headline of the story</h1><p>Text of the story.</p>\
             <p><strong>Autor:</strong> <a href=/p/1>Ann Example</a><br>\
             <strong>Tags:</strong> {tags}</p></body></html>"
        );
        assert_eq!(authors_of(&page), ["Ann Example"]);
        // A long text after the label, up to the next label, is no byline.
        let long = "many words of a sentence that goes on ".repeat(6);
        let page = format!(
            "<html><body><h1>Headline of the story</h1><p>Text of the story.</p>\
             <p><strong>Autor:</strong> Ann Example and {long}<br>\
             <strong>Tags:</strong> {tags}</p></body></html>"
        );
        assert!(authors_of(&page).is_empty());
    }

    #[test]
    fn dedups_case_insensitively() {
        assert_eq!(clean("Ann Example, ANN EXAMPLE"), ["Ann Example"]);
    }

    #[test]
    fn one_word_name_written_out_in_the_page() {
        assert!(extends("Todd", "Todd Bates"));
        assert!(extends("robert.stitz", "Robert Stitz"));
        assert!(extends("Matt_Brooks", "Matt Brooks"));
        assert!(extends("christian.stadtfeld", "Christian P. Stadtfeld"));
        assert!(extends("arianschlichenmayer", "Arian Schlichenmayer"));
        assert!(extends("gabor_munier", "Gàbor Muniér"));
        assert!(!extends("Todd", "Toddy Bates"));
        assert!(!extends("AquaCare", "AquaCare Pools"));
        assert!(!extends("robert.stitz", "Robert Stein"));
        assert!(!extends("Todd", "Todd"));
        assert!(is_home_href("/"));
        assert!(is_home_href("https://example.org"));
        assert!(is_home_href("https://example.org/"));
        assert!(!is_home_href("/author/ann"));
        assert!(!is_home_href("https://example.org/about/"));
        assert!(is_name_word("O'Brien") && is_name_word("T.") && is_name_word("Lange-Fricke"));
        assert!(!is_name_word("OS") && !is_name_word("X") && !is_name_word("ann"));
        let page = |author: &str, body: &str| {
            format!(
                "<html><head><meta name='author' content='{author}'></head><body>\
                 <h1>Ferry returns</h1><p>The ferry is back in service after repairs.</p>{body}</body></html>"
            )
        };
        // The account name written out in the author box.
        assert_eq!(
            authors_of(&page("ann_example", "<p class='name'>Ann Example</p>")),
            ["Ann Example"]
        );
        // A first name alone: its full form, not another person's, a place or a system.
        assert_eq!(
            authors_of(&page("Ann", "<p>Ann Example</p>")),
            ["Ann Example"]
        );
        assert_eq!(authors_of(&page("Ann", "<p>Bob Sample</p>")), ["Ann"]);
        assert_eq!(
            authors_of(&page("Ann", "<p>Ann, United States</p>")),
            ["Ann"]
        );
        assert_eq!(authors_of(&page("Mac", "<p>Mac OS X</p>")), ["Mac"]);
        // The site's title (a link to the home page), text inside a sentence, comments.
        assert_eq!(
            authors_of(&page(
                "Ann",
                "<p><a href='https://ann.example/'>Ann Example</a></p>"
            )),
            ["Ann"]
        );
        assert_eq!(
            authors_of(&page(
                "Ann",
                "<p>Thanks to <b>Ann</b> Example for this.</p>"
            )),
            ["Ann"]
        );
        assert_eq!(
            authors_of(&page(
                "Ann",
                "<div class='comments'><p>Ann Example</p></div>"
            )),
            ["Ann"]
        );
        // Initials are not a first name.
        assert_eq!(authors_of(&page("AE", "<p>Ae Example</p>")), ["AE"]);
        // A blog's title that starts with the first name is not the person's name.
        assert_eq!(
            authors_of(&page("Ann", "<p>Ann Example’s Big Blog Listing</p>")),
            ["Ann"]
        );
        assert_eq!(
            authors_of(&page("Ann", "<p>Ann Bea Cee Dee Example</p>")),
            ["Ann"]
        );
    }

    #[test]
    fn colon_labels() {
        // A label word with a colon alone in its element, also inside a link.
        assert_eq!(
            authors_of("<h1>Wind mill</h1><p>Some text of the article.</p><a href='mailto:x@example.org'><b>Von:</b><br>Ann Example</a>"),
            ["Ann Example"]
        );
        // Without the colon, a bold word in a link is a menu entry.
        assert!(authors_of(
            "<h1>Wind mill</h1><p>Browse by: <a href='/a'><strong>Author</strong></a>, <a href='/c'>Category</a></p>"
        )
        .is_empty());
        // Past 40,000 bytes of text only a label with a colon counts.
        let long =
            "<p>Many words of the long article go on and on about the old trucks.</p>".repeat(700);
        assert_eq!(
            authors_of(&format!(
                "<h1>Old trucks</h1>{long}<p><strong>Autor:</strong> Ann Example</p>"
            )),
            ["Ann Example"]
        );
        assert!(authors_of(&format!("<h1>Old trucks</h1>{long}<p>By Ann Example</p>")).is_empty());
    }

    #[test]
    fn date_line_with_separator_element() {
        assert_eq!(
            authors_of("<h1>Mission accomplished</h1><div><span>2025-12-17</span><span>·</span><a><div>Ann Example</div></a></div><p>Text of the post.</p>"),
            ["Ann Example"]
        );
        // A hyphen without spaces stays part of a word ("2025-12-17", "Lange-Fricke").
        assert!(authors_of(
            "<h1>Mission accomplished</h1><div><span>2025-12-17</span><span>-</span><a>Ann Example</a></div><p>Text.</p>"
        )
        .is_empty());
    }

    #[test]
    fn label_block_then_name_element() {
        assert_eq!(
            authors_of("<h1>Proofs</h1><p>Text of the post goes here.</p><div><h2>Article by</h2><div>Ann Example</div><div><button>Let's talk</button><button>Subscribe</button></div></div>"),
            ["Ann Example"]
        );
        // Another label between them is passed over.
        assert_eq!(
            authors_of("<h1>Proofs</h1><p>Text of the post goes here.</p><div><div>Auteur :</div><div>Auteur(s) :</div><div>Ann Example</div><div><button>Signer</button><button>Partager la pétition</button></div></div>"),
            ["Ann Example"]
        );
    }

    #[test]
    fn credit_label_before_a_name_is_no_byline() {
        // An author link after "Reviewed by" is a reviewer's; the author's link further
        // away counts.
        assert_eq!(
            authors_of("<h1>Attic</h1><div>Reviewed by <a href='/author/bob-sample/'>Bob Sample</a></div><p>Text of the post goes here.</p><div><a href='/author/ann-example/'>Ann Example</a></div>"),
            ["Ann Example"]
        );
        // So is a byline element after "Updated by:".
        assert_eq!(
            authors_of("<h1>Attic</h1><div>Updated by: <span class='byline-name'>Bob Sample</span></div><p>Text of the post goes here.</p><div>By <span class='byline-name'>Ann Example</span></div>"),
            ["Ann Example"]
        );
        // "By" alone is the author's own label.
        assert_eq!(
            authors_of("<h1>Attic</h1><div>By <a href='/author/bob-sample/'>Bob Sample</a></div><p>Text.</p>"),
            ["Bob Sample"]
        );
        // A word ending in a label's words is no label ("Unreviewed by").
        let dom = crate::dom::parse(
            "<p>Unreviewed by <a>Bob Sample</a></p>",
            crate::dom::Limits {
                max_depth: 16,
                max_nodes: 100,
            },
        )
        .0;
        let a = (0..dom.nodes.len() as NodeId)
            .find(|&i| dom.tag(i) == Some(Tag::A))
            .unwrap();
        assert!(!after_credit_label(&dom, a));
    }

    #[test]
    fn phrases_are_no_names() {
        for p in [
            "Personal finance",
            "Human in the Loop",
            "AI platform for healthcare",
            "externen Co-Autoren verfasst",
            "Tricks für zu Hause",
        ] {
            assert!(is_phrase(p), "{p}");
        }
        for n in [
            "Ann Example",
            "Ursula von der Leyen",
            "Anne d'Arcy",
            "Bashar al-Assad",
            "María de los Ángeles",
            "robert.stitz",
            "bell hooks",
            "the Lavazza Team",
            "山田太郎",
        ] {
            assert!(!is_phrase(n), "{n}");
        }
        // An author link naming a newsletter gives way to the visible byline.
        assert_eq!(
            authors_of("<h1>Attic</h1><div><a href='/author/hitl/'>Human in the Loop</a></div><p>By Ann Example</p><p>Text of the post goes here.</p>"),
            ["Ann Example"]
        );
    }

    #[test]
    fn article_written_by_label() {
        assert_eq!(
            authors_of("<h1>Sleep</h1><p>Text of the post goes here.</p><h2>Article written by:</h2><div><img src='a.jpg' alt=''><h3>Ann Example</h3></div>"),
            ["Ann Example"]
        );
    }

    #[test]
    fn date_line_with_label_and_role() {
        assert_eq!(
            authors_of("<p>Presse</p><div class='timedata'>05.02.2020 <span>-&nbsp;Redaktion: Ann Example (Pressesprecherin des Vereins)</span></div><h1>Lieferketten</h1><p>Text des Artikels.</p>"),
            ["Ann Example"]
        );
    }

    #[test]
    fn section_link_in_an_author_container_is_no_name() {
        assert!(authors_of("<h1>Pink hair</h1><div class='article-author-container'><a href='/news/category/29/lifestyle'>Lifestyle</a></div><p>Text of the post goes here.</p>").is_empty());
        // An author's own link in the same place is a name.
        assert_eq!(
            authors_of("<h1>Pink hair</h1><div class='article-author-container'><a href='/people/ann-example'>Ann Example</a></div><p>Text of the post goes here.</p>"),
            ["Ann Example"]
        );
    }

    #[test]
    fn agency_after_a_full_name() {
        assert_eq!(clean("Peter Example/SP-X"), ["Peter Example"]);
        assert_eq!(clean("Ann Example/dpa"), ["Ann Example"]);
        // Not after a credit that is no person's name.
        assert_eq!(clean("det/dpa"), ["det/dpa"]);
        assert_eq!(clean("AFP/The Local"), ["AFP/The Local"]);
    }

    #[test]
    fn meta_author_with_site_and_places() {
        let page = |meta: &str| {
            format!("<html><head><meta property='og:site_name' content='Example News'><meta name='author' content='{meta}'></head><body><h1>Storm</h1><p>Text of the post goes here.</p></body></html>")
        };
        // The site and its place: the site only.
        assert_eq!(
            authors_of(&page("examplenews.de, Frankfurt, Germany")),
            ["examplenews.de"]
        );
        // A person beside the site is kept.
        assert_eq!(
            authors_of(&page("Ann Example, Example News")),
            ["Ann Example"]
        );
    }

    #[test]
    fn author_box_title_is_passed_over() {
        let bio = "Ann writes about freelance work and has covered the job market for ten years, \
            from the platforms that match clients with talent to the rates freelancers charge.";
        assert_eq!(
            authors_of(&format!("<h1>Become a web developer</h1><p>Text of the post goes here.</p><div class='author-wrapper'><h2>Author Spotlight</h2><div><a href='/people/ann'><div>Ann Example</div></a><p>{bio}</p></div></div>")),
            ["Ann Example"]
        );
    }
}
