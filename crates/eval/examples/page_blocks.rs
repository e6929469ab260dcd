//! Shows how gleaner reads one page: the extraction result, then every block of the body
//! the learned selection sees, with whether the rule-based selection kept it.
//!
//! ```text
//! cargo run --release -p gleaner-eval --example page_blocks -- PAGE.html [MIN_WORDS]
//! ```
//!
//! Lines of the block list start with `R` when the rules kept the block, `.` otherwise.

use anyhow::{Context, Result};
use gleaner_extract::Options;

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .context("usage: page_blocks PAGE.html [MIN_WORDS]")?;
    let min_words: usize = match args.next() {
        Some(n) => n.parse().context("MIN_WORDS")?,
        None => 10,
    };
    let html = std::fs::read(&path).with_context(|| format!("reading {path}"))?;
    let opts = Options::default().with_min_words(min_words);
    match gleaner_extract::extract(&html, None, &opts) {
        Ok(x) => {
            println!("== article ({} words)", x.article.word_count());
            println!("{}", x.article.text());
        }
        Err(e) => println!("== rejected: {e}"),
    }
    let text = String::from_utf8_lossy(&html);
    let kept = gleaner_extract::training_feature_names()
        .iter()
        .position(|n| *n == "kept")
        .context("no 'kept' feature")?;
    println!("== blocks");
    for b in gleaner_extract::training_blocks(&text, None, &opts) {
        let mark = if b.features[kept] > 0.5 { 'R' } else { '.' };
        let t: String = b.text.chars().take(120).collect();
        println!("{mark} {}", t.replace('\n', " / "));
    }
    Ok(())
}
