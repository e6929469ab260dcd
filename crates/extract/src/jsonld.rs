//! JSON-LD (`<script type="application/ld+json">`): parsed once per page, tolerant of the
//! usual breakage, bounded in size and depth.

use crate::dom::{Dom, NodeId, Tag, NONE};
use serde_json::Value;

/// Scripts larger than this are skipped.
const MAX_SCRIPT_BYTES: usize = 2 * 1024 * 1024;
/// Objects deeper than this are not visited.
const MAX_DEPTH: usize = 24;
/// At most this many objects are visited per page.
const MAX_OBJECTS: usize = 10_000;

/// Scripts larger than this in total are not read (the rest of the page's JSON-LD is skipped).
const MAX_TOTAL_BYTES: usize = 8 * 1024 * 1024;
/// At most this many JSON-LD scripts are read per page.
const MAX_SCRIPTS: usize = 64;

/// The raw text of every `application/ld+json` script, in document order (bounded by
/// [`MAX_SCRIPTS`], [`MAX_SCRIPT_BYTES`] each and [`MAX_TOTAL_BYTES`] in all).
#[cfg(test)]
pub(crate) fn scripts(dom: &Dom) -> Vec<&str> {
    let mut sink = Scripts::default();
    for id in dom.descendants(Dom::ROOT) {
        sink.offer(dom, id);
    }
    sink.out
}

/// Collects JSON-LD scripts offered in document order (by a walk that also does other
/// work), within the same bounds ([`MAX_SCRIPTS`], [`MAX_SCRIPT_BYTES`] each and
/// [`MAX_TOTAL_BYTES`] in all).
#[derive(Default)]
pub(crate) struct Scripts<'a> {
    /// The scripts' raw text, in the order offered.
    pub out: Vec<&'a str>,
    total: usize,
}

impl<'a> Scripts<'a> {
    /// Keeps `id`'s text when it is an `application/ld+json` script within the bounds.
    pub(crate) fn offer(&mut self, dom: &'a Dom, id: NodeId) {
        if self.out.len() >= MAX_SCRIPTS
            || dom.tag(id) != Some(Tag::Script)
            || !dom
                .attr(id, "type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
        {
            return;
        }
        let c = dom.node(id).first_child;
        if c == NONE {
            return;
        }
        let Some(src) = dom.text(c) else { return };
        if src.len() > MAX_SCRIPT_BYTES || self.total + src.len() > MAX_TOTAL_BYTES {
            return;
        }
        self.total += src.len();
        self.out.push(src);
    }
}

/// All JSON-LD values of the page, in document order.
#[cfg(test)]
pub(crate) fn parse_all(dom: &Dom) -> Vec<Value> {
    parse_scripts(&scripts(dom))
}

/// Parses each script leniently (see [`parse_lenient`]); unreadable ones are skipped.
pub(crate) fn parse_scripts(scripts: &[&str]) -> Vec<Value> {
    scripts.iter().filter_map(|s| parse_lenient(s)).collect()
}

/// Parses JSON, retrying after [`repair`] (comment and CDATA wrappers, raw control
/// characters, unescaped quotes inside strings, invalid escapes, trailing commas, several
/// concatenated objects).
pub(crate) fn parse_lenient(src: &str) -> Option<Value> {
    let s = unwrap(src);
    if let Ok(v) = serde_json::from_str(s) {
        return Some(v);
    }
    serde_json::from_str(&repair(s)).ok()
}

/// Strips `<!-- -->`, `<![CDATA[ ]]>` (also behind `//` or `/* */`) and a trailing `;`.
fn unwrap(src: &str) -> &str {
    let mut s = src.trim();
    loop {
        let before = s.len();
        for p in ["<!--", "//<![CDATA[", "/*<![CDATA[*/", "<![CDATA["] {
            s = s.strip_prefix(p).unwrap_or(s).trim_start();
        }
        for p in ["-->", "//]]>", "/*]]>*/", "]]>", ";"] {
            s = s.strip_suffix(p).unwrap_or(s).trim_end();
        }
        if s.len() == before {
            return s;
        }
    }
}

/// Rewrites common breakage into valid JSON in one linear pass. Inside strings: control
/// characters become spaces, a `"` not followed by `,` `:` `}` `]` (or the end) is taken
/// as part of the text and escaped, and invalid escapes lose their backslash. Outside
/// strings: commas before `}` / `]` are dropped, and several top-level values are wrapped
/// into one array.
pub(crate) fn repair(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len() + 16);
    let mut in_str = false;
    let mut depth: i64 = 0;
    let mut tops = 0usize;
    let mut i = 0;
    let next_sig = |from: usize| b[from..].iter().copied().find(|c| !c.is_ascii_whitespace());
    while i < b.len() {
        let c = b[i];
        if in_str {
            match c {
                b'\\' => {
                    match b.get(i + 1) {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' | b'u') => {
                            out.push('\\');
                            // Copy the escaped char (ASCII) as is.
                            out.push(b[i + 1] as char);
                            i += 2;
                        }
                        _ => i += 1, // invalid escape: drop the backslash
                    }
                    continue;
                }
                b'"' => {
                    if matches!(next_sig(i + 1), None | Some(b',' | b':' | b'}' | b']')) {
                        in_str = false;
                        out.push('"');
                    } else {
                        out.push_str("\\\"");
                    }
                }
                c if c < 0x20 => out.push(' '),
                _ => {
                    // Copy the whole UTF-8 sequence.
                    let len = utf8_len(c);
                    out.push_str(&s[i..(i + len).min(s.len())]);
                    i += len;
                    continue;
                }
            }
            i += 1;
            continue;
        }
        match c {
            b'"' => {
                in_str = true;
                out.push('"');
            }
            b'{' | b'[' => {
                if depth == 0 {
                    tops += 1;
                    if tops > 1 {
                        out.push(',');
                    }
                }
                depth += 1;
                out.push(c as char);
            }
            b'}' | b']' => {
                depth -= 1;
                out.push(c as char);
            }
            b',' if matches!(next_sig(i + 1), Some(b'}' | b']') | None) => {}
            _ => {
                let len = utf8_len(c);
                out.push_str(&s[i..(i + len).min(s.len())]);
                i += len;
                continue;
            }
        }
        i += 1;
    }
    if tops > 1 {
        out.insert(0, '[');
        out.push(']');
    }
    out
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// Visits every object (depth-first, bounded), `@graph` and arrays included.
pub(crate) fn for_each_object<'a>(
    values: &'a [Value],
    mut f: impl FnMut(&'a serde_json::Map<String, Value>),
) {
    let mut stack: Vec<(&Value, usize)> = values.iter().rev().map(|v| (v, 0)).collect();
    let mut seen = 0;
    while let Some((v, depth)) = stack.pop() {
        if depth > MAX_DEPTH || seen > MAX_OBJECTS {
            continue;
        }
        match v {
            Value::Object(m) => {
                seen += 1;
                f(m);
                for child in m.values().rev() {
                    if matches!(child, Value::Object(_) | Value::Array(_)) {
                        stack.push((child, depth + 1));
                    }
                }
            }
            Value::Array(a) => {
                for child in a.iter().rev() {
                    stack.push((child, depth + 1));
                }
            }
            _ => {}
        }
    }
}

/// The longest `articleBody` string of the page's JSON-LD.
pub(crate) fn article_body(values: &[Value]) -> Option<&str> {
    let mut best: Option<&str> = None;
    for_each_object(values, |m| {
        if let Some(Value::String(b)) = m.get("articleBody") {
            if best.is_none_or(|x| b.len() > x.len()) {
                best = Some(b);
            }
        }
    });
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_article_body_in_graph_and_tolerates_breakage() {
        let html = "<script type='application/ld+json'>{\"@graph\":[{\"@type\":\"WebPage\"},\
            {\"@type\":\"NewsArticle\",\"articleBody\":\"Line one\nLine two\"}]}</script>\
            <script type=application/ld+json>{broken</script>";
        let (dom, _) = crate::dom::parse(
            html,
            crate::dom::Limits {
                max_depth: 64,
                max_nodes: 10_000,
            },
        );
        let v = parse_all(&dom);
        assert_eq!(v.len(), 1);
        assert_eq!(article_body(&v), Some("Line one Line two"));
    }

    #[test]
    fn deep_json_is_bounded() {
        let deep = "[".repeat(100) + &"]".repeat(100);
        // serde_json's own recursion limit (128) rejects deeper input; this must not panic.
        let v = parse_lenient(&deep);
        let mut n = 0;
        if let Some(v) = v {
            for_each_object(std::slice::from_ref(&v), |_| n += 1);
        }
        assert_eq!(n, 0);
    }
}
