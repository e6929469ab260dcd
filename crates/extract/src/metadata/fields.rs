//! Cleaning of the free-text metadata fields: the description (lead), categories and tags.
//!
//! Pages put all sorts of things in these: HTML markup and escaped entities inside a
//! JSON-LD `description` (`"<p>We&#39;re excited ...</p>"`), a whole comma-separated list
//! in one `articleSection` string, a URL as a section, a sentence of the article in the
//! `keywords` meta tag. What is kept is plain text: tags stripped, entities decoded, space
//! collapsed, and labels that are not labels refused.

use std::borrow::Cow;

use crate::text::normalize_space;

/// A label (category or tag) longer than this many characters is refused.
const MAX_LABEL_CHARS: usize = 100;
/// A tag of more than this many words is a phrase or sentence, not a tag.
const MAX_TAG_WORDS: usize = 8;
/// Descriptions are cut (at a word boundary) to at most about this many bytes.
const MAX_DESCRIPTION_BYTES: usize = 4096;

/// What a label list holds (tags are held to a word limit; sections are not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LabelKind {
    /// Sections or categories.
    Category,
    /// Tags or keywords.
    Tag,
}

/// The plain text of a description: markup removed, entities decoded, space collapsed,
/// cut at about [`MAX_DESCRIPTION_BYTES`]. `None` when nothing is left.
pub(super) fn description(s: &str) -> Option<String> {
    let text = plain(s);
    let mut text = normalize_space(&text);
    if text.len() > MAX_DESCRIPTION_BYTES {
        let mut cut = MAX_DESCRIPTION_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let cut = text[..cut].rfind(' ').unwrap_or(cut);
        text.truncate(cut);
        text.push('…');
    }
    (!text.is_empty()).then_some(text)
}

/// The cleaned label, or `None` when `s` is not a usable category or tag: empty, too
/// long, a URL, or (for tags) a phrase of more than [`MAX_TAG_WORDS`] words.
pub(super) fn label(s: &str, kind: LabelKind) -> Option<String> {
    let s = normalize_space(&plain(s));
    // A leading `#` marks a hashtag; a trailing one is part of the name (`C#`).
    let s = s.trim_start_matches('#').trim();
    if s.is_empty() || s.chars().count() > MAX_LABEL_CHARS || is_url(s) {
        return None;
    }
    if kind == LabelKind::Tag && s.split(' ').count() > MAX_TAG_WORDS {
        return None;
    }
    Some(s.to_string())
}

/// The labels of a list separated by commas, semicolons or bars, such as a `keywords`
/// meta tag (entities are decoded before splitting, so `M&amp;A` stays one label). Parts
/// that are not labels are dropped. A string that reads as prose rather than a list gives
/// nothing, since its pieces would be sentence fragments: when at least two parts and a
/// third of all are not labels, or when it ends in a full stop and its parts average more
/// than four words.
pub(super) fn list(s: &str, kind: LabelKind) -> Vec<String> {
    let s = plain(s);
    let mut out = Vec::new();
    let (mut parts, mut refused, mut words) = (0usize, 0usize, 0usize);
    for part in s.split([',', ';', '|']) {
        if part.trim().is_empty() {
            continue;
        }
        parts += 1;
        words += part.split_whitespace().count();
        match label(part, kind) {
            Some(l) => out.push(l),
            None => refused += 1,
        }
    }
    let trimmed = s.trim_end();
    let sentence = trimmed.ends_with('.') && !trimmed.ends_with("..") && words > 4 * parts;
    if sentence || (refused >= 2 && refused * 3 >= parts) {
        return Vec::new();
    }
    out
}

/// Whether `s` is a web address rather than a name.
fn is_url(s: &str) -> bool {
    let b = s.as_bytes();
    let starts = |p: &[u8]| b.len() >= p.len() && b[..p.len()].eq_ignore_ascii_case(p);
    (starts(b"http://") || starts(b"https://") || starts(b"www.") || s.starts_with("//"))
        && !s.contains(' ')
}

/// `s` without markup and with entities decoded. Cheap when there is neither. Text counts
/// as markup only when it has an end tag (`</p>`, `</a>`): a lone `<table>` or
/// `<name at example dot com>` is text that happens to hold angle brackets.
fn plain(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let has_tag = b
        .windows(3)
        .any(|w| w[0] == b'<' && w[1] == b'/' && w[2].is_ascii_alphabetic());
    let stripped: Cow<'_, str> = if has_tag {
        Cow::Owned(strip_tags(s))
    } else {
        Cow::Borrowed(s)
    };
    if stripped.contains('&') {
        Cow::Owned(htmlize::unescape(stripped.as_ref()).into_owned())
    } else {
        stripped
    }
}

/// Removes `<...>` tags and the content of `<script>`/`<style>` elements. Block-level
/// tags (`<p>`, `<br>`, `<li>`, ...) leave a space so that words do not run together;
/// inline ones (`<a>`, `<strong>`, ...) leave nothing. An unclosed `<` stays text.
fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let starts_tag = after
            .bytes()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == b'/' || c == b'!');
        if !starts_tag {
            out.push('<');
            rest = after;
            continue;
        }
        let Some(end) = after.find('>') else {
            out.push('<');
            rest = after;
            continue;
        };
        let tag = after[..end].trim_start_matches('/');
        let closing = tag.len() < end;
        rest = &after[end + 1..];
        let name_len = tag
            .bytes()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        let name = &tag[..name_len];
        if !closing && (name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style")) {
            let close = if name.eq_ignore_ascii_case("script") {
                "</script"
            } else {
                "</style"
            };
            match find_ascii_ci(rest, close) {
                Some(j) => {
                    rest = &rest[j..];
                    rest = rest.find('>').map_or("", |k| &rest[k + 1..]);
                }
                None => rest = "",
            }
        }
        if !INLINE.iter().any(|t| name.eq_ignore_ascii_case(t)) {
            out.push(' ');
        }
    }
    out.push_str(rest);
    out
}

/// Tags inside running text: removing them must not split or join words.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins",
    "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
];

/// The byte offset of the first ASCII-case-insensitive occurrence of `needle` in `hay`.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    hay.as_bytes()
        .windows(n.len())
        .position(|w| w.eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn description_loses_markup_and_entities() {
        assert_eq!(
            description("<p>We&#39;re excited to introduce <strong>Mini</strong>, a <a href=\"x\">tool</a>.</p>")
                .as_deref(),
            Some("We're excited to introduce Mini, a tool.")
        );
        assert_eq!(
            description("Tips &amp; tricks").as_deref(),
            Some("Tips & tricks")
        );
        assert_eq!(description("  <p> </p> "), None);
        assert_eq!(
            description("Tom &amp; Jerry</i>").as_deref(),
            Some("Tom & Jerry")
        );
        // Comparison signs are text, not tags.
        assert_eq!(
            description("Prices rose 3% as x < 5 and y > 2").as_deref(),
            Some("Prices rose 3% as x < 5 and y > 2")
        );
        assert_eq!(
            description("a<script>var x = '<p>';</script>b</p>").as_deref(),
            Some("a b")
        );
        assert_eq!(
            description("<p>One.</p><p>Two<br>three</p>").as_deref(),
            Some("One. Two three")
        );
        assert_eq!(
            description("x <b unclosed").as_deref(),
            Some("x <b unclosed")
        );
        // Angle brackets in plain text are not markup.
        assert_eq!(
            description("The <table> element holds rows").as_deref(),
            Some("The <table> element holds rows")
        );
        assert_eq!(
            description("Author, Ann <ann at example dot com>").as_deref(),
            Some("Author, Ann <ann at example dot com>")
        );
    }

    #[test]
    fn long_description_is_cut_at_a_word() {
        let long = "word ".repeat(2000);
        let d = description(&long).unwrap();
        assert!(d.len() <= MAX_DESCRIPTION_BYTES + '…'.len_utf8());
        assert!(d.ends_with("word…"));
        let wide = "é".repeat(5000);
        assert!(description(&wide).is_some());
    }

    #[test]
    fn labels() {
        use LabelKind::{Category, Tag};
        assert_eq!(
            label("Reviews &amp; Buying Guides", Category).as_deref(),
            Some("Reviews & Buying Guides")
        );
        assert_eq!(label("https://example.com/blog/post/", Category), None);
        assert_eq!(label("www.example.com", Tag), None);
        assert_eq!(label(" #climate ", Tag).as_deref(), Some("climate"));
        assert_eq!(
            label("we ignored low fares that would be miserable to fly", Tag),
            None
        );
        assert_eq!(
            label(
                "we ignored low fares that would be miserable to fly",
                Category
            )
            .as_deref(),
            Some("we ignored low fares that would be miserable to fly")
        );
        assert_eq!(
            label("2024 United States presidential election", Tag).as_deref(),
            Some("2024 United States presidential election")
        );
        assert_eq!(label(&"x".repeat(101), Category), None);
        assert_eq!(
            list("M&amp;A; Deals, Banks", Tag),
            ["M&A", "Deals", "Banks"]
        );
        assert_eq!(
            list("Design 101, How to Style,, Living Rooms", Category),
            ["Design 101", "How to Style", "Living Rooms"]
        );
        // One phrase among tags is dropped, the tags stay.
        assert_eq!(
            list(
                "Shop, Shop.com, a product name that is far too long to be a tag at all",
                Tag
            ),
            ["Shop", "Shop.com"]
        );
        assert_eq!(list("CBD | Gummy Bears", Tag), ["CBD", "Gummy Bears"]);
        assert_eq!(list("C, c#, F#", Tag), ["C", "c#", "F#"]);
        assert_eq!(
            list("Tonga rugby, Tonga 2003 Rugby World Cup Tickets.", Tag),
            ["Tonga rugby", "Tonga 2003 Rugby World Cup Tickets."]
        );
        // Prose in a keywords field: no fragments.
        assert!(list(
            "It has been a decade since we started pitting the biggest search engines, \
             aggregators, and booking engines against one another, and in all of those ten \
             years the only constant has been change",
            Tag
        )
        .is_empty());
        assert!(list(
            "training styles, and client expectations emerge quickly, knowing what is coming \
             lets you adapt, retain clients, backed by industry reports and real data.",
            Category
        )
        .is_empty());
        assert_eq!(label("", Tag), None);
    }
}
