//! Author names: cleaning and splitting of raw byline strings.
//!
//! A raw value (a meta tag, a JSON-LD name, a byline element's text) may hold markup,
//! a "By" prefix, several names, roles, dates, e-mail addresses or image credits. It becomes
//! a list of names: prefixes stripped, split on `,` `;` `&` `|` and the word "and" in several
//! languages, role words and non-names filtered, at most [`MAX_AUTHORS`] names of at most
//! [`MAX_NAME_CHARS`] characters each.

use super::{bounded_text, class_id, class_id_into, title, Found, Ld, MAX_SHORT_TEXT};
use crate::dom::{Dom, NodeId, Tag};
use crate::text::normalize_space;

/// At most this many author names are kept.
pub(crate) const MAX_AUTHORS: usize = 20;
/// Names longer than this (in characters) are not names.
pub(crate) const MAX_NAME_CHARS: usize = 80;
/// Raw values longer than this are cut before splitting.
const MAX_RAW: usize = 4096;

/// Leading words that introduce a byline.
const PREFIXES: &[&str] = &[
    "zeige alle beiträge von",
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
    "written by",
    "posted by",
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
    let site_keys: Vec<String> = sites
        .iter()
        .flatten()
        .map(|s| title::key(s))
        .filter(|k| k.len() >= 2)
        .collect();
    let is_site = |n: &String| {
        let k = title::key(n);
        site_keys
            .iter()
            .any(|s| *s == k || (s.len() >= 4 && k.starts_with(s.as_str())))
            || (!n.contains(' ') && n.contains('.'))
    };
    let in_comments = |id: NodeId| {
        let mut ci = String::new();
        dom.ancestors(id).take(40).any(|a| {
            class_id_into(dom, a, &mut ci);
            ci.contains("comment") || ci.contains("reply") || ci.contains("respond")
        })
    };
    let mut fallback: Vec<String> = Vec::new();
    let mut authors_list: Vec<String> = Vec::new();
    let mut consider = |list: Vec<String>, fallback: &mut Vec<String>| -> bool {
        let kept: Vec<String> = list.iter().filter(|n| !is_site(n)).cloned().collect();
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
            "byl",
            "citation_author",
        ]) {
            push_clean(&mut l, v);
        }
        done = consider(l, &mut fallback);
    }
    if !done {
        let mut l = Vec::new();
        for &(ref p, id) in &f.itemprops {
            if (p == "author" || p == "creator") && !in_comments(id) {
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
                    .unwrap_or_else(|| bounded_text(dom, id, MAX_SHORT_TEXT));
                push_clean(&mut l, &name);
            }
        }
        done = consider(l, &mut fallback);
    }
    if !done {
        let mut l = Vec::new();
        for &id in &f.rel_authors {
            if dom.tag(id) == Some(Tag::A) && !in_comments(id) {
                push_clean(&mut l, &bounded_text(dom, id, MAX_SHORT_TEXT));
            }
        }
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
                ![
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
                .any(|k| ci.contains(k))
                    && !in_comments(id)
            })
            .collect();
        cands.sort_by_key(|id| id.abs_diff(h));
        for id in cands {
            let t = normalize_space(&bounded_text(dom, id, MAX_SHORT_TEXT));
            if t.len() > 150 {
                continue;
            }
            if consider(clean(&t), &mut fallback) {
                break;
            }
        }
    }
    if authors_list.is_empty() {
        authors_list = fallback;
    }
    authors_list
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
    let text = crate::text::normalize_space(&text);
    if text.is_empty() || looks_like_url(&text) {
        return;
    }
    for part in split(&text) {
        if out.len() >= MAX_AUTHORS {
            return;
        }
        if let Some(name) = clean_part(part) {
            let lower = name.to_lowercase();
            if !out.iter().any(|o| o.to_lowercase() == lower) {
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
    for p in s.split([',', ';', '&', '|', '·', '•', '\n']) {
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
    // Cut a trailing role after a dash or in parentheses ("Ann Example - Staff Writer").
    for sep in [" - ", " – ", " — ", " (", " | "] {
        if let Some(i) = p.find(sep) {
            p = &p[..i];
        }
    }
    let p = p.trim().trim_end_matches(['.', ':', ',']);
    let chars = p.chars().count();
    if !(2..=MAX_NAME_CHARS).contains(&chars) {
        return None;
    }
    let p = p.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != ')');
    if p.contains('@')
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
    let digits = p.chars().filter(char::is_ascii_digit).count();
    if digits > 0 && digits * 3 >= chars.min(12) {
        return None;
    }
    if !p.chars().any(char::is_alphabetic) {
        return None;
    }
    let words: Vec<String> = p
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.len() > 6 {
        return None;
    }
    let lower = p.to_lowercase();
    if NOT_NAME.iter().any(|n| {
        words
            .iter()
            .any(|w| w.trim_matches(|c: char| !c.is_alphanumeric()) == *n)
            || lower == *n
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
    }

    #[test]
    fn filters_non_names() {
        assert!(clean("Staff").is_empty());
        assert!(clean("Email the author").is_empty());
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
    fn dedups_case_insensitively() {
        assert_eq!(clean("Ann Example, ANN EXAMPLE"), ["Ann Example"]);
    }
}
