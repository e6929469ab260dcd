//! Micro-benchmarks of gleaner alone on generated pages (small, medium, large), so that
//! speed regressions show. Run with `cargo bench -p gleaner-bench --bench extract`.
//!
//! The pages come from [`gleaner_bench::synthetic_page`]: deterministic, news-like
//! structure (heavy head, navigation, article, sidebars, comments, footer).

use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use gleaner_extract::{dom, Options};

fn main() {
    divan::main();
}

/// Page sizes in bytes: small, medium, large.
const SIZES: &[usize] = &[20_000, 100_000, 400_000];

fn page(size: usize) -> String {
    gleaner_bench::synthetic_page(size as u64, size)
}

/// The whole pipeline: bytes in (with charset sniffing), article text out.
#[divan::bench(args = SIZES)]
fn extract(bencher: Bencher<'_, '_>, size: usize) {
    let html = page(size);
    let opts = Options::default();
    bencher.counter(BytesCount::of_str(&html)).bench(|| {
        let out = gleaner_extract::extract(black_box(html.as_bytes()), None, &opts);
        black_box(out.map(|o| o.article.text().len()).unwrap_or(0))
    });
}

/// Charset sniffing and decoding alone.
#[divan::bench(args = SIZES)]
fn decode(bencher: Bencher<'_, '_>, size: usize) {
    let html = page(size);
    bencher.counter(BytesCount::of_str(&html)).bench(|| {
        gleaner_extract::decode::decode(black_box(html.as_bytes()), None)
            .0
            .len()
    });
}

/// HTML parsing alone (from text), with the default limits.
#[divan::bench(args = SIZES)]
fn parse(bencher: Bencher<'_, '_>, size: usize) {
    let html = page(size);
    let limits = dom::Limits {
        max_depth: 256,
        max_nodes: 2_000_000,
    };
    bencher
        .counter(BytesCount::of_str(&html))
        .bench(|| black_box(dom::parse(black_box(&html), limits)));
}
