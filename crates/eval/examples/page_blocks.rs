//! Shows how gleaner reads one page: the extraction result, then every block of the body
//! the learned selection sees, with whether the rule-based selection kept it.
//!
//! ```text
//! cargo run --release -p gleaner-eval --example page_blocks -- PAGE.html [MIN_WORDS]
//! ```
//!
//! Lines of the block list start with `R` when the rules kept the block, `.` otherwise, then
//! `K` when the block's text is in the final article, `.` otherwise; then the block's
//! furniture / negative-class / in_aside / in_footer features (`f n a o`, digits).

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
    let mut final_text = String::new();
    match gleaner_extract::extract(&html, None, &opts) {
        Ok(x) => {
            println!("== article ({} words)", x.article.word_count());
            final_text = x.article.text();
            println!("{final_text}");
        }
        Err(e) => println!("== rejected: {e}"),
    }
    let text = String::from_utf8_lossy(&html);
    let kept = gleaner_extract::training_feature_names()
        .iter()
        .position(|n| *n == "kept")
        .context("no 'kept' feature")?;
    let names = gleaner_extract::training_feature_names();
    let index = |name: &str| names.iter().position(|n| *n == name);
    let shown: Vec<usize> = ["furniture", "neg_classes", "in_aside", "in_footer"]
        .iter()
        .filter_map(|n| index(n))
        .collect();
    println!("== blocks");
    for b in gleaner_extract::training_blocks(&text, None, &opts) {
        let mark = if b.features[kept] > 0.5 { 'R' } else { '.' };
        let fin = if !b.text.is_empty() && final_text.contains(b.text.as_str()) {
            'K'
        } else {
            '.'
        };
        let flags: String = shown
            .iter()
            .map(|&i| char::from_digit((b.features[i].clamp(0.0, 9.0)) as u32, 10).unwrap_or('?'))
            .collect();
        let t: String = b.text.chars().take(120).collect();
        println!("{mark}{fin} {flags} {}", t.replace('\n', " / "));
    }
    Ok(())
}
