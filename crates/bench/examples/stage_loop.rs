//! Runs one pipeline stage in a loop over the metadata bench's pages, for profilers and
//! instruction counts (`perf stat -e instructions`, `perf record`), which are stable on a
//! shared machine where timings are not:
//!
//! `stage_loop MODE [ROUNDS]`, MODE one of `parse` (parsing alone), `meta` (parsing plus
//! the metadata stage, as `benches/metadata.rs` times it) or `full` (`extract_str`).
//! Metadata's instruction share is `(meta - parse) / (full - load)`, where `load` is
//! `stage_loop none` (loading the pages and computing the bodies only).

use gleaner_extract::{dom, Options};
use std::hint::black_box;

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "meta".into());
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let (pages, bodies) = gleaner_bench::metadata_sample(&gleaner_bench::shared_dir());
    let opts = Options::default();
    let limits = gleaner_bench::STAGE_LIMITS;
    let mut sum = 0usize;
    for _ in 0..rounds {
        for (p, body) in pages.iter().zip(&bodies) {
            sum += match mode.as_str() {
                "parse" => dom::parse(black_box(&p.html), limits).0.nodes.len(),
                "meta" => {
                    let (d, _) = dom::parse(black_box(&p.html), limits);
                    let a = gleaner_extract::metadata_stage(&d, p.url.as_deref(), &opts, body);
                    a.title.map(|t| t.len()).unwrap_or(0)
                }
                "full" => gleaner_extract::extract_str(black_box(&p.html), p.url.as_deref(), &opts)
                    .map(|o| o.article.blocks.len())
                    .unwrap_or(0),
                _ => 0,
            };
        }
    }
    println!("{mode}: {} pages x {rounds} rounds ({sum})", pages.len());
}
