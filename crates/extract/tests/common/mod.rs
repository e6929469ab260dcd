//! Helpers shared by the integration tests: a tiny deterministic PRNG, an invented
//! article-page generator, word utilities and a small-stack runner.
//!
//! Every page here is synthetic: invented words, invented sites.

#![allow(dead_code)]

use std::collections::HashSet;

/// xorshift64* — deterministic, dependency-free, good enough for test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform-ish in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next_u64() as u8).collect()
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// Invented vocabulary for article text.
pub const WORDS: &[&str] = &[
    "harbour",
    "council",
    "meadow",
    "lantern",
    "granite",
    "ferry",
    "orchard",
    "teacher",
    "budget",
    "bridge",
    "village",
    "winter",
    "report",
    "station",
    "museum",
    "tunnel",
    "festival",
    "engineer",
    "library",
    "market",
    "river",
    "mayor",
    "storm",
    "railway",
    "garden",
    "valley",
    "school",
    "hospital",
    "harvest",
    "islanders",
    "fishermen",
    "quarry",
    "residents",
    "officials",
    "volunteers",
    "planners",
    "inspectors",
    "farmers",
    "pupils",
    "said",
    "agreed",
    "warned",
    "reported",
    "opened",
    "closed",
    "repaired",
    "delayed",
    "approved",
    "rejected",
    "expected",
    "announced",
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "on",
    "for",
    "with",
    "after",
    "before",
    "during",
    "near",
    "north",
    "south",
    "eastern",
    "western",
    "new",
    "old",
    "small",
    "large",
    "early",
    "late",
    "local",
    "regional",
];

/// One sentence of `n` invented words, capitalised, ending with a full stop.
pub fn sentence(rng: &mut Rng, n: usize) -> String {
    let mut s = String::new();
    for i in 0..n.max(1) {
        let w = *rng.pick(WORDS);
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(w);
            if i % 9 == 4 {
                s.push(',');
            }
        }
    }
    s.push('.');
    s
}

/// A paragraph of a few sentences.
pub fn paragraph(rng: &mut Rng) -> String {
    let n = 2 + rng.below(3);
    (0..n)
        .map(|_| {
            let len = 8 + rng.below(12);
            sentence(rng, len)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A realistic news page shell around `paragraphs` paragraphs of body text.
pub fn article_page(rng: &mut Rng, paragraphs: usize) -> String {
    let mut body = String::new();
    for i in 0..paragraphs {
        if i > 0 && i % 6 == 0 {
            body.push_str(&format!(
                "<h2>{}</h2>\n",
                sentence(rng, 4).trim_end_matches('.')
            ));
        }
        body.push_str("<p>");
        body.push_str(&paragraph(rng));
        body.push_str("</p>\n");
    }
    wrap_page("Harbour council approves ferry budget", &body)
}

/// Wraps a body fragment in a page with head, nav, share bar, related links and footer.
pub fn wrap_page(title: &str, body: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} | The Valley Courier</title>
<meta property="og:title" content="{title}">
<link rel="stylesheet" href="/static/site.css">
<script>window.dataLayer = window.dataLayer || []; function track(){{}}</script>
</head>
<body class="page-article">
<header class="site-header"><a class="logo" href="/">The Valley Courier</a>
<nav class="main-nav"><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li></ul></nav>
</header>
<main id="main">
<article class="story">
<h1 class="story__headline">{title}</h1>
<div class="share-tools"><a href="/share/mail">Email</a> <a href="/share/x">Post</a></div>
<div class="story__content article-body">
{body}
</div>
</article>
<aside class="related-articles"><h3>Related</h3><ul><li><a href="/a">Quarry reopens after winter storm</a></li><li><a href="/b">Library extends opening hours</a></li></ul></aside>
</main>
<footer class="site-footer"><p>Copyright The Valley Courier. All rights reserved.</p></footer>
</body>
</html>
"#
    )
}

/// Words: maximal runs of alphanumeric characters (what `Article::word_count` counts).
pub fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The set of words of `s`, lower-cased.
pub fn word_set(s: &str) -> HashSet<String> {
    words(s).into_iter().map(str::to_lowercase).collect()
}

/// Runs `f` on a thread with a small (256 KiB) stack: proves no recursion on the input's depth.
pub fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .name("small-stack".into())
        .stack_size(256 * 1024)
        .spawn(f)
        .expect("spawn")
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e))
}
