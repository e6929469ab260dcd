//! Property tests over generated article-like pages (proptest).
//!
//! The generator builds news pages from invented words: a head with scripts and styles,
//! a site header and nav, wrappers, an article with paragraphs, subheadings, lists, quotes,
//! tables, nested divs and in-body boilerplate (share bars, newsletter boxes), then related
//! links and a footer. Script and style content uses its own vocabulary (`zq...` tokens) so
//! a leak into the output is detectable.
//!
//! Properties:
//! (a) every word of the output text occurs in the page's visible (decoded) text;
//! (b) extraction is deterministic, and the bytes and str entry points agree;
//! (c) no script/style content or `<script`-like markup reaches the title or the text;
//! (d) re-extracting `render::to_html(&article)` gives the same text.
//!
//! Failing cases are shrunk and saved under `tests/proptest-regressions/` (commit those).
//! More cases: `PROPTEST_CASES=2000 cargo test -p gleaner-extract --test properties`.

mod common;

use common::{word_set, WORDS};
use gleaner_extract::{extract, extract_str, render, Block, Options};
use proptest::prelude::*;
use proptest::sample::select;
use std::collections::HashSet;

/// Words that only ever appear inside `<script>` / `<style>` / `<template>` / comments.
const HIDDEN_WORDS: &[&str] = &[
    "zqvar",
    "zqfunction",
    "zqpayload",
    "zqtracker",
    "zqwidget",
    "zqstyle",
    "zqcomment",
    "zqtemplate",
    "zqfake",
];

#[derive(Debug, Clone)]
enum Piece {
    Para(Vec<&'static str>),
    Heading(u8, Vec<&'static str>),
    List(bool, Vec<Vec<&'static str>>),
    Quote(Vec<&'static str>),
    Table(Vec<Vec<&'static str>>),
    /// Paragraphs wrapped in `depth` plain divs.
    Nested(usize, Vec<Vec<&'static str>>),
    /// Text directly in a div, lines separated by `<br>`.
    BrLines(Vec<Vec<&'static str>>),
    /// In-body furniture: share bar, newsletter box, related teaser (index), with link words.
    Boiler(usize, Vec<&'static str>),
    Script(Vec<&'static str>),
}

#[derive(Debug, Clone)]
struct Page {
    title: Vec<&'static str>,
    wrappers: usize,
    pieces: Vec<Piece>,
    nav: Vec<&'static str>,
    related: Vec<Vec<&'static str>>,
}

fn words(min: usize, max: usize) -> impl Strategy<Value = Vec<&'static str>> {
    prop::collection::vec(select(WORDS), min..max)
}

fn hidden(min: usize, max: usize) -> impl Strategy<Value = Vec<&'static str>> {
    prop::collection::vec(select(HIDDEN_WORDS), min..max)
}

fn piece() -> impl Strategy<Value = Piece> {
    prop_oneof![
        6 => words(12, 60).prop_map(Piece::Para),
        1 => (2u8..5, words(2, 7)).prop_map(|(l, w)| Piece::Heading(l, w)),
        1 => (any::<bool>(), prop::collection::vec(words(1, 12), 1..6)).prop_map(|(o, i)| Piece::List(o, i)),
        1 => words(8, 30).prop_map(Piece::Quote),
        1 => prop::collection::vec(words(1, 4), 4..12).prop_map(Piece::Table),
        1 => (1usize..6, prop::collection::vec(words(10, 40), 1..4)).prop_map(|(d, p)| Piece::Nested(d, p)),
        1 => prop::collection::vec(words(5, 15), 2..5).prop_map(Piece::BrLines),
        1 => (0usize..3, words(2, 6)).prop_map(|(k, w)| Piece::Boiler(k, w)),
        1 => hidden(3, 12).prop_map(Piece::Script),
    ]
}

fn page() -> impl Strategy<Value = Page> {
    (
        words(3, 9),
        0usize..5,
        prop::collection::vec(piece(), 3..14),
        words(3, 7),
        prop::collection::vec(words(3, 8), 0..5),
    )
        .prop_map(|(title, wrappers, pieces, nav, related)| Page {
            title,
            wrappers,
            pieces,
            nav,
            related,
        })
}

fn join(w: &[&str]) -> String {
    w.join(" ")
}

/// A sentence: capitalised, commas every few words, full stop.
fn sentence(w: &[&str]) -> String {
    let mut s = String::new();
    for (i, x) in w.iter().enumerate() {
        if i > 0 {
            s.push_str(if i % 7 == 0 { ", " } else { " " });
        }
        s.push_str(x);
    }
    s.push('.');
    s
}

fn script(w: &[&str]) -> String {
    let j = join(w);
    format!(
        "<script>var zqvar = \"{j}\"; if (a < b && c > d) {{ document.write('<p>zqfake {j}</p></div>'); }}\n\
         /* <script> */ function zqfunction() {{ return '</scr' + 'ipt>'; }}</script>"
    )
}

fn render_page(p: &Page) -> String {
    let title = join(&p.title);
    let mut s = String::new();
    s.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    s.push_str(&format!("<title>{title}</title>"));
    s.push_str(&script(&["zqtracker", "zqpayload"]));
    s.push_str("<style>.zqstyle { content: \"zqstyle zqwidget\"; } p > a { color: red }</style></head>\n<body>\n");
    s.push_str("<header class=\"site-header\"><nav class=\"main-nav\"><ul>");
    for w in &p.nav {
        s.push_str(&format!("<li><a href=\"/{w}\">{w}</a></li>"));
    }
    s.push_str("</ul></nav></header>\n<!-- zqcomment <p>zqcomment zqfake</p> -->\n");
    for i in 0..p.wrappers {
        s.push_str(&format!("<div class=\"layout-{i}\">"));
    }
    s.push_str(&format!(
        "<article class=\"story\"><h1 class=\"story__headline\">{title}</h1>\n<div class=\"story__content article-body\">\n"
    ));
    for piece in &p.pieces {
        match piece {
            Piece::Para(w) => s.push_str(&format!("<p>{}</p>\n", sentence(w))),
            Piece::Heading(l, w) => s.push_str(&format!("<h{l}>{}</h{l}>\n", join(w))),
            Piece::List(ordered, items) => {
                let t = if *ordered { "ol" } else { "ul" };
                s.push_str(&format!("<{t}>"));
                for it in items {
                    s.push_str(&format!("<li>{}</li>", join(it)));
                }
                s.push_str(&format!("</{t}>\n"));
            }
            Piece::Quote(w) => s.push_str(&format!(
                "<blockquote><p>{}</p></blockquote>\n",
                sentence(w)
            )),
            Piece::Table(cells) => {
                s.push_str("<table><thead><tr><th>Item</th><th>Value</th></tr></thead><tbody>");
                for pair in cells.chunks(2) {
                    s.push_str("<tr>");
                    for c in pair {
                        s.push_str(&format!("<td>{}</td>", join(c)));
                    }
                    s.push_str("</tr>");
                }
                s.push_str("</tbody></table>\n");
            }
            Piece::Nested(d, paras) => {
                s.push_str(&"<div class=\"inner\">".repeat(*d));
                for w in paras {
                    s.push_str(&format!("<p>{}</p>", sentence(w)));
                }
                s.push_str(&"</div>".repeat(*d));
                s.push('\n');
            }
            Piece::BrLines(lines) => {
                s.push_str("<div>");
                let l: Vec<String> = lines.iter().map(|w| sentence(w)).collect();
                s.push_str(&l.join("<br>\n"));
                s.push_str("</div>\n");
            }
            Piece::Boiler(k, w) => {
                let links: String = w
                    .iter()
                    .map(|x| format!("<a href=\"/{x}\">{x}</a> "))
                    .collect();
                match k {
                    0 => s.push_str(&format!("<div class=\"share-tools\">{links}</div>\n")),
                    1 => s.push_str(&format!(
                        "<div class=\"newsletter-signup\"><p>{}</p><form><input type=email><button>{}</button></form></div>\n",
                        join(w),
                        w[0]
                    )),
                    _ => s.push_str(&format!("<aside class=\"related-articles\"><h3>Related</h3>{links}</aside>\n")),
                }
            }
            Piece::Script(w) => {
                s.push_str(&script(w));
                s.push_str(&format!(
                    "<template><p>zqtemplate {}</p></template>\n",
                    join(w)
                ));
            }
        }
    }
    s.push_str("</div></article>\n");
    s.push_str("<aside class=\"related-articles\"><h2>Most read</h2><ul>");
    for r in &p.related {
        s.push_str(&format!("<li><a href=\"/r\">{}</a></li>", join(r)));
    }
    s.push_str("</ul></aside>\n");
    s.push_str(&"</div>".repeat(p.wrappers));
    s.push_str(
        "<footer class=\"site-footer\"><p>Copyright valley courier</p></footer>\n</body></html>\n",
    );
    s
}

/// Every word visible on the page (lower-cased): everything but script, style, comments
/// and templates. Built from the generator, not from the parser under test.
fn visible_words(p: &Page) -> HashSet<String> {
    let mut v: HashSet<String> = HashSet::new();
    let mut add = |w: &[&str]| v.extend(w.iter().map(|x| x.to_lowercase()));
    add(&p.title);
    add(&p.nav);
    for r in &p.related {
        add(r);
    }
    add(&[
        "item",
        "value",
        "related",
        "most",
        "read",
        "copyright",
        "valley",
        "courier",
    ]);
    for piece in &p.pieces {
        match piece {
            Piece::Para(w) | Piece::Heading(_, w) | Piece::Quote(w) | Piece::Boiler(_, w) => add(w),
            Piece::List(_, ws) | Piece::Table(ws) | Piece::Nested(_, ws) | Piece::BrLines(ws) => {
                for w in ws {
                    add(w);
                }
            }
            Piece::Script(_) => {}
        }
    }
    v
}

fn assert_clean(s: &str, what: &str) -> Result<(), TestCaseError> {
    let lower = s.to_lowercase();
    for bad in [
        "<script",
        "</script",
        "<style",
        "document.write",
        "function",
        "{",
        "}",
        "zq",
    ] {
        prop_assert!(!lower.contains(bad), "{} contains {:?}: {:?}", what, bad, s);
    }
    Ok(())
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        max_shrink_iters: 2000,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct(
                "tests/proptest-regressions/properties.txt",
            ),
        )),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// (a) + (c): the output is made of the page's visible words, never of script content.
    #[test]
    fn output_words_come_from_visible_text(p in page()) {
        let html = render_page(&p);
        let visible = visible_words(&p);
        if let Ok(x) = extract_str(&html, None, &Options::default()) {
            let text = x.article.text();
            for w in word_set(&text) {
                prop_assert!(visible.contains(&w), "output word {:?} is not visible text\n{}", w, html);
            }
            assert_clean(&text, "text")?;
            if let Some(t) = &x.article.title {
                assert_clean(t, "title")?;
                for w in word_set(t) {
                    prop_assert!(visible.contains(&w), "title word {:?} is not visible text", w);
                }
            }
        }
    }

    /// (b): same input, same result; bytes and str entry points agree.
    #[test]
    fn extraction_is_deterministic(p in page()) {
        let html = render_page(&p);
        let o = Options::default();
        let a = extract_str(&html, None, &o);
        let b = extract_str(&html, None, &o);
        prop_assert_eq!(&a, &b);
        let c = extract(html.as_bytes(), None, &o);
        prop_assert_eq!(&a, &c);
        // Also under tight limits (truncated trees take other code paths).
        let tight = Options::default().with_max_nodes(200).with_max_depth(10);
        prop_assert_eq!(extract_str(&html, None, &tight), extract_str(&html, None, &tight));
    }

    /// (c) again, with scripts and styles dropped in everywhere, even unclosed at the end.
    #[test]
    fn script_content_never_leaks(p in page(), junk in hidden(3, 10), at in 0usize..1000) {
        let mut html = render_page(&p);
        // Insert a script at a tag boundary.
        let cut = html.match_indices('<').map(|(i, _)| i).nth(at % 40).unwrap_or(0);
        html.insert_str(cut, &script(&junk));
        html.push_str("<script>zqvar unclosed zqpayload <p>zqfake</p>");
        if let Ok(x) = extract_str(&html, None, &Options::default()) {
            assert_clean(&x.article.text(), "text")?;
            if let Some(t) = &x.article.title {
                assert_clean(t, "title")?;
            }
        }
    }

    /// (d): the rendered HTML of an article extracts to the same text (and title).
    ///
    /// Restricted to articles with at least two paragraphs: a body made only of a quote and
    /// a table does not survive the round trip today (see the ignored
    /// `regression_round_trip_quote_and_table_only` below).
    #[test]
    fn rendered_html_round_trips(p in page()) {
        let html = render_page(&p);
        let x = extract_str(&html, None, &Options::default());
        let paragraphs = x.as_ref().map_or(0, |x| {
            x.article.blocks.iter().filter(|b| matches!(b, Block::Paragraph { .. })).count()
        });
        if let (Ok(x), true) = (x, paragraphs >= 2) {
            let again = render::to_html(&x.article);
            let y = extract_str(&again, None, &Options::default());
            prop_assert!(y.is_ok(), "rendered article rejected: {:?}\n{}", y, again);
            let y = y.unwrap();
            prop_assert_eq!(x.article.text(), y.article.text(), "\nrendered:\n{}", again);
            prop_assert_eq!(&x.article.title, &y.article.title);
        }
    }
}

/// The generator itself produces pages that extract (so the properties are not vacuous).
#[test]
fn generated_pages_mostly_extract() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strat = page();
    let mut ok = 0;
    for _ in 0..40 {
        let p = strat.new_tree(&mut runner).unwrap().current();
        if extract_str(&render_page(&p), None, &Options::default()).is_ok() {
            ok += 1;
        }
    }
    assert!(ok >= 30, "only {ok}/40 generated pages extracted");
}

/// Found by `rendered_html_round_trips`: an article whose body is a quote and a small data
/// table renders to `<article><h1/><blockquote/><table/></article>`; re-extracting that picks
/// the blockquote alone as the main content (the table is not taken as a sibling), so the
/// text shrinks under `min_words` and the rendered article is rejected.
#[test]
fn regression_round_trip_quote_and_table_only() {
    let page = "<html><head><title>Harbour report</title></head><body><div class=\"article-body\">\
        <h1>Harbour report</h1>\
        <blockquote><p>The ferry will keep running through the winter, the harbour master said.</p></blockquote>\
        <table><thead><tr><th>Item</th><th>Value</th></tr></thead>\
        <tbody><tr><td>Crossings</td><td>40 a day</td></tr><tr><td>Fare</td><td>3 euros</td></tr></tbody></table>\
        </div></body></html>";
    let x = extract_str(page, None, &Options::default()).expect("original page");
    let again = render::to_html(&x.article);
    let y = extract_str(&again, None, &Options::default()).expect("rendered page");
    assert_eq!(x.article.text(), y.article.text(), "\nrendered:\n{again}");
}
