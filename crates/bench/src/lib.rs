//! Shared helpers for gleaner's speed benchmarks (`benches/compare.rs`, `benches/extract.rs`).
//!
//! Two sources of pages:
//! - [`load_corpus_sample`]: a deterministic sample of the shared development corpora
//!   (`corpus/*.jsonl.gz`: the first N pages of each file, files in name order);
//! - [`synthetic_page`]: generated news-like pages (head with scripts, styles and meta,
//!   navigation, an article with paragraphs, sidebars, comments, footer) of a chosen size,
//!   for when the corpora are absent and for the micro-benchmarks.

use std::io::BufRead;
use std::path::{Path, PathBuf};

/// One page to extract.
#[derive(Debug, Clone)]
pub struct Page {
    /// Where it came from: `corpus-file#line` or `synthetic#n`.
    pub id: String,
    /// The corpus the page belongs to (file stem), or `synthetic`.
    pub corpus: String,
    /// The page's address, if known.
    pub url: Option<String>,
    /// The page as text (the corpora store it already decoded).
    pub html: String,
}

/// The shared data directory: `$GLEANER_SHARED`, else `<repo>/../shared`.
pub fn shared_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("GLEANER_SHARED") {
        return PathBuf::from(d);
    }
    // crates/bench -> repo root -> its parent.
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    p.canonicalize().unwrap_or(p)
}

/// The corpus files (`<shared>/corpus/*.jsonl.gz`) in name order; empty if there are none.
pub fn corpus_files(shared: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(shared.join("corpus")) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".jsonl.gz"))
        .collect();
    files.sort();
    files
}

/// Reads the first `per_corpus` pages of each corpus file. Lines that are not valid JSON
/// or have no `html` string are skipped (and do not count towards `per_corpus`).
pub fn load_corpus_sample(files: &[PathBuf], per_corpus: usize) -> std::io::Result<Vec<Page>> {
    let mut pages = Vec::new();
    for path in files {
        let name = path
            .file_name()
            .map(|n| {
                n.to_string_lossy()
                    .trim_end_matches(".jsonl.gz")
                    .to_string()
            })
            .unwrap_or_default();
        let f = std::fs::File::open(path)?;
        let r = std::io::BufReader::new(flate2::read::GzDecoder::new(f));
        let mut taken = 0;
        for (i, line) in r.lines().enumerate() {
            if taken >= per_corpus {
                break;
            }
            let line = line?;
            let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
                continue;
            };
            let Some(html) = v["html"].as_str() else {
                continue;
            };
            let id = match &v["id"] {
                serde_json::Value::String(s) => format!("{name}#{s}"),
                serde_json::Value::Number(n) => format!("{name}#{n}"),
                _ => format!("{name}:{}", i + 1),
            };
            pages.push(Page {
                id,
                corpus: name.clone(),
                url: v["url"].as_str().map(str::to_string),
                html: html.to_string(),
            });
            taken += 1;
        }
    }
    Ok(pages)
}

/// A small deterministic pseudo-random generator (xorshift64*), so synthetic pages are
/// identical from run to run without a dependency.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (any value; zero is remapped).
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "the",
    "council",
    "said",
    "on",
    "Tuesday",
    "that",
    "new",
    "rules",
    "for",
    "housing",
    "would",
    "take",
    "effect",
    "next",
    "year",
    "after",
    "months",
    "of",
    "debate",
    "among",
    "residents",
    "and",
    "officials",
    "in",
    "city",
    "region",
    "minister",
    "announced",
    "a",
    "plan",
    "to",
    "invest",
    "million",
    "euros",
    "schools",
    "hospitals",
    "roads",
    "while",
    "critics",
    "argued",
    "measures",
    "were",
    "too",
    "slow",
    "market",
    "prices",
    "rose",
    "sharply",
    "during",
    "summer",
    "according",
    "report",
    "published",
    "by",
    "statistics",
    "office",
    "which",
    "also",
    "found",
    "unemployment",
    "fell",
    "percent",
    "analysts",
    "expect",
    "growth",
    "remain",
    "modest",
    "coming",
    "quarters",
    "despite",
    "strong",
    "exports",
    "energy",
    "costs",
    "weather",
    "forecast",
    "storm",
    "river",
    "flooding",
    "police",
    "investigation",
    "court",
    "ruling",
    "election",
    "campaign",
    "voters",
    "spokesperson",
    "interview",
    "statement",
    "company",
    "shares",
    "profit",
    "workers",
];

/// `n` random words, capitalised and ending with a full stop.
fn sentence(rng: &mut Rng, n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        let w = rng.pick(WORDS);
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

fn paragraph(rng: &mut Rng) -> String {
    let k = 2 + rng.below(4);
    (0..k)
        .map(|_| {
            let n = 8 + rng.below(18);
            sentence(rng, n)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A synthetic news page of roughly `target_bytes` bytes (at least ~12 KB), built from
/// `seed`. Its structure follows real news pages: a heavy `<head>` (meta tags, JSON-LD,
/// inline scripts and styles), a navigation menu, the article (headline, byline,
/// paragraphs, a figure, a subheading, a quote, a list), sidebars with link lists and
/// teasers, a comments section, and a footer. About a quarter of the bytes are the article.
pub fn synthetic_page(seed: u64, target_bytes: usize) -> String {
    use std::fmt::Write;
    let mut rng = Rng::new(seed);
    let title = sentence(&mut rng, 7);
    let title = title.trim_end_matches('.');
    let mut h = String::with_capacity(target_bytes + 8192);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>{title} | The Daily Example</title>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta property=\"og:title\" content=\"{title}\">\
         <meta property=\"og:type\" content=\"article\">\
         <meta name=\"author\" content=\"Jane Doe\">\
         <meta property=\"article:published_time\" content=\"2025-03-{:02}T08:30:00Z\">\
         <link rel=\"canonical\" href=\"https://news.example.com/story/{seed}\">\
         <link rel=\"stylesheet\" href=\"/static/main.css\">\n",
        1 + rng.below(28)
    );
    let _ = writeln!(
        h,
        "<script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\
         \"@type\":\"NewsArticle\",\"headline\":\"{title}\",\"author\":{{\"@type\":\"Person\",\
         \"name\":\"Jane Doe\"}},\"datePublished\":\"2025-03-01T08:30:00Z\"}}</script>"
    );
    // Inline styles and scripts: a tenth of the page or so, as on real pages.
    h.push_str("<style>");
    for i in 0..(target_bytes / 20_000).max(1) * 12 {
        let _ = write!(
            h,
            ".c{i}{{margin:0 {}px;padding:{}px;color:#{:06x}}} ",
            rng.below(40),
            rng.below(20),
            rng.below(0xFFFFFF)
        );
    }
    h.push_str("</style>\n<script>");
    for i in 0..(target_bytes / 20_000).max(1) * 10 {
        let _ = write!(
            h,
            "window.__d{i}=function(a,b){{if(a<b&&b>0){{return '<div>'+a+'</div>';}}\
             return a*{}+b;}};",
            rng.below(1000)
        );
    }
    h.push_str("</script>\n</head>\n<body class=\"article-page\">\n");
    h.push_str(
        "<header class=\"site-header\"><a class=\"logo\" href=\"/\">The Daily Example</a>\
         <nav class=\"main-nav\"><ul>",
    );
    for s in [
        "World", "Politics", "Business", "Tech", "Science", "Sport", "Culture", "Opinion",
        "Travel", "Video",
    ] {
        let _ = write!(h, "<li><a href=\"/{}\">{s}</a></li>", s.to_lowercase());
    }
    h.push_str("</ul></nav></header>\n<div class=\"layout\">\n<main id=\"content\">\n");

    // The article: about a quarter of the target size.
    let article_bytes = target_bytes / 4;
    let _ = write!(
        h,
        "<article class=\"story\"><header><h1 class=\"headline\">{title}</h1>\
         <p class=\"byline\">By <a rel=\"author\" href=\"/authors/jane-doe\">Jane Doe</a>\
         <time datetime=\"2025-03-01T08:30:00Z\">1 March 2025</time></p></header>\n\
         <div class=\"story-body\">\n"
    );
    let start = h.len();
    let mut k = 0;
    while h.len() - start < article_bytes {
        match k % 9 {
            3 => {
                let _ = writeln!(
                    h,
                    "<figure><img src=\"/img/{seed}-{k}.jpg\" alt=\"\"><figcaption>{}</figcaption></figure>",
                    sentence(&mut rng, 9)
                );
            }
            5 => {
                let _ = writeln!(h, "<h2>{}</h2>", sentence(&mut rng, 5));
            }
            7 => {
                let _ = writeln!(h, "<blockquote><p>{}</p></blockquote>", paragraph(&mut rng));
            }
            8 => {
                h.push_str("<ul>");
                for _ in 0..4 {
                    let _ = write!(h, "<li>{}</li>", sentence(&mut rng, 8));
                }
                h.push_str("</ul>\n");
            }
            _ => {
                let _ = writeln!(
                    h,
                    "<p>{} <a href=\"/story/{}\">{}</a> {}</p>",
                    paragraph(&mut rng),
                    rng.below(100_000),
                    sentence(&mut rng, 3),
                    paragraph(&mut rng)
                );
            }
        }
        k += 1;
    }
    h.push_str("</div></article>\n");

    // Comments, then related stories and sidebars, until the target size.
    h.push_str("<section class=\"comments\"><h3>Comments</h3>");
    for c in 0..6 {
        let _ = write!(
            h,
            "<div class=\"comment\"><span class=\"user\">reader{c}</span><p>{}</p></div>",
            sentence(&mut rng, 12)
        );
    }
    h.push_str("</section>\n</main>\n");
    let footer_reserve = 1500;
    let mut block = 0;
    while h.len() + footer_reserve < target_bytes {
        let _ = write!(
            h,
            "<aside class=\"sidebar widget-{block}\"><h3>Most read</h3><ul>"
        );
        for _ in 0..10 {
            let _ = write!(
                h,
                "<li class=\"teaser\"><a href=\"/story/{}\"><img src=\"/t/{}.jpg\" alt=\"\">\
                 <span class=\"kicker\">{}</span> {}</a></li>",
                rng.below(1_000_000),
                rng.below(1_000_000),
                rng.pick(WORDS),
                sentence(&mut rng, 6)
            );
        }
        h.push_str("</ul><div class=\"ad-slot\" data-slot=\"sidebar\"></div></aside>\n");
        block += 1;
    }
    h.push_str(
        "</div>\n<footer class=\"site-footer\"><ul><li><a href=\"/about\">About us</a></li>\
         <li><a href=\"/contact\">Contact</a></li><li><a href=\"/privacy\">Privacy</a></li>\
         <li><a href=\"/terms\">Terms</a></li></ul><p>Copyright 2025 The Daily Example. \
         All rights reserved.</p></footer>\n\
         <script src=\"/static/app.js\" async></script></body></html>\n",
    );
    h
}

/// `n` synthetic pages with sizes spread over 50-200 KB, deterministic.
pub fn synthetic_pages(n: usize) -> Vec<Page> {
    (0..n)
        .map(|i| {
            let size = 50_000 + (i * 7919) % 150_001;
            Page {
                id: format!("synthetic#{i}"),
                corpus: "synthetic".to_string(),
                url: Some(format!("https://news.example.com/story/{i}")),
                html: synthetic_page(i as u64 + 1, size),
            }
        })
        .collect()
}

/// The tree limits the stage benchmarks parse with (the library's defaults).
pub const STAGE_LIMITS: gleaner_extract::dom::Limits = gleaner_extract::dom::Limits {
    max_depth: 256,
    max_nodes: 2_000_000,
};

/// The pages of the metadata-stage measurements (`benches/metadata.rs`, the
/// `stage_loop` example), with the body text each page's language decision sees (from
/// a prior full extraction; empty when the page is rejected): the first 60 pages of every
/// corpus under `shared`, else 200 synthetic pages (with a message on stderr).
pub fn metadata_sample(shared: &Path) -> (Vec<Page>, Vec<String>) {
    let files = corpus_files(shared);
    let pages = if files.is_empty() {
        eprintln!(
            "no corpora under {}: using synthetic pages",
            shared.display()
        );
        synthetic_pages(200)
    } else {
        load_corpus_sample(&files, 60).expect("reading the corpora")
    };
    let opts = gleaner_extract::Options::default();
    let bodies = pages
        .iter()
        .map(|p| {
            gleaner_extract::extract_str(&p.html, p.url.as_deref(), &opts)
                .map(|x| x.article.text())
                .unwrap_or_default()
        })
        .collect();
    (pages, bodies)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_pages_have_the_requested_size_and_an_article() {
        for &size in &[20_000, 50_000, 200_000] {
            let p = synthetic_page(7, size);
            assert!(
                p.len() >= size * 9 / 10 && p.len() <= size + 20_000,
                "{}",
                p.len()
            );
            let out =
                gleaner_extract::extract(p.as_bytes(), None, &gleaner_extract::Options::default())
                    .expect("synthetic page extracts");
            assert!(out.article.word_count() > 200);
        }
        assert_eq!(synthetic_page(3, 60_000), synthetic_page(3, 60_000));
    }
}
