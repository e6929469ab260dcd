//! Metadata's share of extraction time (issue 3: at most 20%).
//!
//! `cargo bench -p gleaner-bench --bench metadata`: on the same pages in the same run,
//! single-threaded, interleaved over 3 rounds (median reported), times
//! (a) the full pipeline (`extract_str`),
//! (b) parsing alone (`dom::parse`), and
//! (c) parsing plus the metadata stage (`metadata_stage`: all metadata fields, including
//!     the language decision on the page's body text, computed beforehand).
//!
//! Metadata's share is `(c - b) / a`. Pages: the first 60 of every corpus under
//! `<shared>/corpus` (`$GLEANER_SHARED` or `../shared`); without it, 200 synthetic pages
//! (a message says so).

use gleaner_extract::{dom, Options};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn main() {
    let (pages, bodies) = gleaner_bench::metadata_sample(&gleaner_bench::shared_dir());
    let opts = Options::default();
    let limits = gleaner_bench::STAGE_LIMITS;
    let bytes: usize = pages.iter().map(|p| p.html.len()).sum();
    println!(
        "{} pages, {:.1} MB, single-threaded, median of 3 interleaved rounds",
        pages.len(),
        bytes as f64 / 1e6
    );
    let (mut full, mut parse, mut meta) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..3 {
        let t = Instant::now();
        for p in &pages {
            let out = gleaner_extract::extract_str(black_box(&p.html), p.url.as_deref(), &opts);
            black_box(out.map(|o| o.article.blocks.len()).unwrap_or(0));
        }
        full.push(t.elapsed());
        let t = Instant::now();
        for p in &pages {
            black_box(dom::parse(black_box(&p.html), limits).0.nodes.len());
        }
        parse.push(t.elapsed());
        let t = Instant::now();
        for (p, body) in pages.iter().zip(&bodies) {
            let (d, _) = dom::parse(black_box(&p.html), limits);
            let a = gleaner_extract::metadata_stage(&d, p.url.as_deref(), &opts, body);
            black_box(a.title.map(|t| t.len()).unwrap_or(0));
        }
        meta.push(t.elapsed());
    }
    let med = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2].as_secs_f64()
    };
    let (a, b, c) = (med(&mut full), med(&mut parse), med(&mut meta));
    let n = pages.len() as f64;
    println!(
        "full extraction   {:8.1} ms  ({:.0} pages/s)",
        a * 1e3,
        n / a
    );
    println!("parse only        {:8.1} ms", b * 1e3);
    println!("parse + metadata  {:8.1} ms", c * 1e3);
    println!(
        "metadata stage    {:8.1} ms  = {:.1}% of full extraction time",
        (c - b) * 1e3,
        100.0 * (c - b) / a
    );
}
