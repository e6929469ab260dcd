//! Writes the full record (every field) of every development-corpus page as JSON lines,
//! for checking that a speed-only change leaves the output identical:
//! `cargo run --release -p gleaner-bench --example dump_records > a.jsonl`, change,
//! run again into `b.jsonl`, then `cmp a.jsonl b.jsonl`.
//!
//! Pages: every page of every corpus under `<shared>/corpus` (`$GLEANER_SHARED` or
//! `../shared`), each extracted with its URL and default options.

use gleaner_extract::{record::Record, Options};
use std::io::Write;

fn main() -> std::io::Result<()> {
    let files = gleaner_bench::corpus_files(&gleaner_bench::shared_dir());
    if files.is_empty() {
        eprintln!("no corpora found: set GLEANER_SHARED");
        return Ok(());
    }
    let pages = gleaner_bench::load_corpus_sample(&files, usize::MAX)?;
    let opts = Options::default();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for p in &pages {
        let r = gleaner_extract::extract_str(&p.html, p.url.as_deref(), &opts);
        let rec = Record::new(p.id.clone(), r).with_fallback_url(p.url.as_deref());
        serde_json::to_writer(&mut out, &rec)?;
        out.write_all(b"\n")?;
    }
    eprintln!("{} records", pages.len());
    Ok(())
}
