//! Fuzz targets for the extract crate, written with bolero.
//!
//! Under `cargo test` every target runs as an ordinary test: a bounded number of random
//! inputs (see `ITERATIONS`; override with `BOLERO_RANDOM_ITERATIONS=n`, replay a failure
//! with the printed `BOLERO_RANDOM_SEED=...`).
//!
//! To fuzz for real (coverage-guided, runs until stopped or until `-T` elapses):
//!
//! ```sh
//! cargo install cargo-bolero
//! # libFuzzer (needs a nightly toolchain for the sanitizer flags):
//! cargo +nightly bolero test -p gleaner-extract --test fuzz tag_soup -T 10min
//! cargo +nightly bolero test -p gleaner-extract --test fuzz arbitrary_bytes
//! # or AFL: add `--engine afl`
//! ```
//!
//! Test names are `arbitrary_bytes`, `arbitrary_str_tiny_limits` and `tag_soup`
//! (`cargo bolero list` shows them). Crashing inputs land in
//! `crates/extract/tests/__fuzz__/fuzz__<name>/crashes/`; corpus files placed in
//! `.../corpus/` are replayed by plain `cargo test` too.

mod common;

use gleaner_extract::{extract, extract_str, Extracted, Options, Rejection, Warning};

/// Random inputs per target under plain `cargo test` (kept small: debug builds are slow).
const ITERATIONS: usize = 400;

/// Option sets to run every input under, with their `min_words` (not readable from outside).
fn option_sets() -> [(Options, usize); 3] {
    [
        (Options::default(), 10),
        (
            Options::default()
                .with_max_depth(8)
                .with_max_nodes(16)
                .with_min_words(0),
            0,
        ),
        (
            Options::default()
                .with_max_depth(12)
                .with_max_nodes(200)
                .with_min_words(1)
                .with_captions(true)
                .with_tables(false),
            1,
        ),
    ]
}

/// What must hold for any result, whatever the input.
fn check_result(r: &Result<Extracted, Rejection>, min_words: usize, input_len: usize) {
    match r {
        Ok(x) => {
            // Under `min_words` only as the whole text of a tiny static page
            // (`Options::with_min_words`): never empty, and under 10 words.
            let words = x.article.word_count();
            assert!(
                words >= min_words || (1..10).contains(&words),
                "article of {words} words under min_words {min_words}"
            );
            for b in &x.article.blocks {
                assert!(!b.text().trim().is_empty(), "empty block {b:?}");
            }
            let mut seen = x.warnings.clone();
            seen.dedup();
            assert_eq!(
                seen.len(),
                x.warnings.len(),
                "repeated warnings {:?}",
                x.warnings
            );
            // (No check on markup-like text in the title: `<title>` is RCDATA, so
            // `<title><b>x</b></title>` legitimately yields the title "<b>x</b>".)
        }
        Err(Rejection::TooLarge { size, limit }) => {
            assert_eq!(*size, input_len);
            assert!(size > limit);
        }
        Err(_) => {}
    }
}

#[test]
fn arbitrary_bytes() {
    let sets = option_sets();
    bolero::check!()
        .with_iterations(ITERATIONS)
        .with_max_len(4096)
        .for_each(|input: &[u8]| {
            for (o, min) in &sets {
                let r = extract(input, None, o);
                check_result(&r, *min, input.len());
            }
            let s = String::from_utf8_lossy(input);
            for (o, min) in &sets {
                let r = extract_str(&s, None, o);
                check_result(&r, *min, s.len());
            }
        });
}

#[test]
fn arbitrary_str_tiny_limits() {
    // Lossy-decoded bytes with markup-ish prefixes so more inputs reach the parser.
    let (o, min) = option_sets()[1].clone();
    let o = o.with_max_bytes(2048);
    bolero::check!()
        .with_type::<Vec<u8>>()
        .with_iterations(ITERATIONS)
        .for_each(|input: &Vec<u8>| {
            let s = format!("<html><body><p>{}", String::from_utf8_lossy(input));
            let r = extract_str(&s, Some("https://example.invalid/a?b=c#d"), &o);
            check_result(&r, min, s.len());
            if let Ok(x) = &r {
                assert!(x
                    .warnings
                    .iter()
                    .all(|w| matches!(w, Warning::DepthLimit | Warning::NodeLimit)));
            }
        });
}

// -------------------------------------------------------------------------------------------
// Structured tag soup
// -------------------------------------------------------------------------------------------

const TAGS: &[&str] = &[
    "html",
    "head",
    "body",
    "title",
    "meta",
    "p",
    "div",
    "span",
    "b",
    "i",
    "em",
    "strong",
    "a",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "pre",
    "code",
    "br",
    "hr",
    "img",
    "figure",
    "figcaption",
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "g",
    "math",
    "form",
    "input",
    "button",
    "select",
    "option",
    "textarea",
    "iframe",
    "article",
    "main",
    "section",
    "nav",
    "header",
    "footer",
    "aside",
    "font",
    "center",
    "xmp",
    "time",
    "address",
    "details",
    "summary",
    "x-widget",
];

const ATTRS: &[&str] = &[
    " class=\"article-body\"",
    " class=\"story__content\"",
    " class=\"share-tools\"",
    " class=\"related-articles\"",
    " id=\"comments\"",
    " class=\"newsletter-signup\"",
    " hidden",
    " style=\"display:none\"",
    " role=\"navigation\"",
    " href=\"#top\"",
    " href=\"/news/a\"",
    " aria-hidden=\"true\"",
    " lang=\"en\"",
    " charset=\"utf-8\"",
    " property=\"og:title\" content=\"Soup &amp; stew\"",
    " datetime=\"2024-05-01T10:00:00Z\"",
    " class='x' class='y'",
    " data-x=a&amp;b",
    " /",
];

const TEXTS: &[&str] = &[
    "harbour", "council", "the", "ferry", "budget", "approved", ", ", ". ", " ", "\n", "\t",
    "&amp;", "&nbsp;", "&#160;", "&#x2014;", "&lt;", "&gt;", "&", "<", " < ", "café", "Straße",
    "🚢", "\u{a0}", "\0", "2024", "—",
];

const ODDITIES: &[&str] = &[
    "<!-- note -->",
    "<!--",
    "-->",
    "<![CDATA[ raw ]]>",
    "<!DOCTYPE html>",
    "<?xml version=\"1.0\"?>",
    "</>",
    "</ div>",
    "<br/>",
    "</br>",
    "</p>",
    "</div>",
    "</li>",
    "</table>",
    "</td>",
    "</body>",
    "</html>",
    "</head>",
    "</script>",
    "</title>",
    "</x-widget>",
    "<p/>",
    "<>",
];

/// Turns fuzzer bytes into markup: each byte pair picks a token from a small alphabet, so
/// mutations map to structural changes (open, close, text, attribute, oddity).
fn soup_markup(input: &[u8]) -> String {
    let mut s = String::new();
    let mut open: Vec<&str> = Vec::new();
    for pair in input.chunks(2) {
        let op = pair[0];
        let arg = pair.get(1).copied().unwrap_or(0) as usize;
        match op % 8 {
            0 | 1 => {
                let t = TAGS[arg % TAGS.len()];
                s.push('<');
                s.push_str(t);
                if op & 0x10 != 0 {
                    s.push_str(ATTRS[(arg / 7) % ATTRS.len()]);
                }
                if op & 0x20 != 0 {
                    s.push_str(ATTRS[(arg / 3) % ATTRS.len()]);
                }
                s.push('>');
                open.push(t);
            }
            2 => {
                // Close the innermost open element (well-formed), or a random one.
                let t = if op & 0x10 != 0 {
                    TAGS[arg % TAGS.len()]
                } else {
                    open.pop().unwrap_or("div")
                };
                s.push_str("</");
                s.push_str(t);
                s.push('>');
            }
            3..=5 => {
                for k in 0..(1 + arg % 6) {
                    s.push_str(TEXTS[(arg + k * 5) % TEXTS.len()]);
                    s.push(' ');
                }
            }
            6 => s.push_str(ODDITIES[arg % ODDITIES.len()]),
            _ => {
                // A sentence of real words, so some inputs pass min_words.
                s.push_str("The harbour council approved the new ferry budget on Tuesday, officials said after the meeting. ");
            }
        }
    }
    if input.first().is_some_and(|b| b & 1 == 1) {
        // Well-formed variant: close everything.
        while let Some(t) = open.pop() {
            s.push_str("</");
            s.push_str(t);
            s.push('>');
        }
    }
    s
}

#[test]
fn tag_soup_generator_makes_markup() {
    let s = soup_markup(&[0x10, 5, 3, 1, 7, 0, 2, 0, 6, 1]);
    assert!(s.starts_with("<p class="), "{s}");
    assert!(s.contains("The harbour council"));
}

#[test]
fn tag_soup() {
    let sets = option_sets();
    bolero::check!()
        .with_iterations(ITERATIONS)
        .with_max_len(2048)
        .for_each(|input: &[u8]| {
            let html = soup_markup(input);
            for (o, min) in &sets {
                let r = extract_str(&html, None, o);
                check_result(&r, *min, html.len());
                // Deterministic.
                assert_eq!(
                    r,
                    extract_str(&html, None, o),
                    "non-deterministic on {html:?}"
                );
                // The output invents no words: each is a substring of the markup.
                if let Ok(x) = &r {
                    for w in common::words(&x.article.text()) {
                        assert!(html.contains(w), "word {w:?} not in {html:?}");
                    }
                }
            }
            // The bytes entry point agrees with the str one on plain UTF-8 without NULs
            // (NUL-heavy inputs are refused as binary by `extract`).
            if !html.contains('\0') {
                let o = &sets[0].0;
                assert_eq!(
                    extract(html.as_bytes(), None, o),
                    extract_str(&html, None, o),
                    "{html:?}"
                );
            }
        });
}
