//! JSON-LD (`<script type="application/ld+json">`): parsed once per page, tolerant of the
//! usual breakage, bounded in size and depth.

use crate::dom::{Dom, Tag, NONE};
use serde_json::Value;

/// Scripts larger than this are skipped.
const MAX_SCRIPT_BYTES: usize = 2 * 1024 * 1024;
/// Objects deeper than this are not visited.
const MAX_DEPTH: usize = 24;
/// At most this many objects are visited per page.
const MAX_OBJECTS: usize = 10_000;

/// All JSON-LD values of the page, in document order.
pub(crate) fn parse_all(dom: &Dom) -> Vec<Value> {
    let mut out = Vec::new();
    for id in dom.descendants(Dom::ROOT) {
        if dom.tag(id) != Some(Tag::Script)
            || !dom
                .attr(id, "type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
        {
            continue;
        }
        let c = dom.node(id).first_child;
        if c == NONE {
            continue;
        }
        let Some(src) = dom.text(c) else { continue };
        if src.len() > MAX_SCRIPT_BYTES {
            continue;
        }
        if let Some(v) = parse_lenient(src) {
            out.push(v);
        }
    }
    out
}

/// Parses JSON, retrying without raw control characters and HTML comment wrappers.
fn parse_lenient(src: &str) -> Option<Value> {
    let s = src.trim();
    let s = s.strip_prefix("<!--").unwrap_or(s);
    let s = s.strip_suffix("-->").unwrap_or(s).trim();
    let s = s.strip_suffix(';').unwrap_or(s);
    if let Ok(v) = serde_json::from_str(s) {
        return Some(v);
    }
    // Raw newlines and tabs inside strings are the most common breakage.
    let cleaned: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    serde_json::from_str(&cleaned).ok()
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
