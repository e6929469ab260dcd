//! Body F1 of every corpus under several `Options::with_min_words` values, to see what a
//! change of the minimum does before making it (pages under the minimum are rejected and
//! score an empty body).
//!
//! ```text
//! cargo run --release -p gleaner-eval --example min_words -- [N...]   (default: 10 1)
//! ```

use anyhow::{Context, Result};
use gleaner_eval::{corpus, Scores};
use gleaner_extract::Options;

fn main() -> Result<()> {
    let mut mins: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().context("N must be a number"))
        .collect::<Result<_>>()?;
    if mins.is_empty() {
        mins = vec![10, 1];
    }
    let Some(dir) = corpus::default_corpus_dir().filter(|d| d.is_dir()) else {
        println!("SKIPPED: corpus dir not found (set GLEANER_SHARED)");
        return Ok(());
    };
    println!(
        "{:<16} {:>9} {:>5} {:>6} {:>6} {:>6} {:>6}",
        "corpus", "min_words", "rej", "F1", "P", "R", "snipF1"
    );
    for c in corpus::list(&dir)? {
        for &m in &mins {
            let run = corpus::run(&c, &Options::default().with_min_words(m))?;
            let s = Scores::of(&run);
            let Some(b) = s.body.body else { continue };
            let snip = s
                .body
                .snippet
                .map_or("-".to_string(), |x| format!("{:.3}", x.f1));
            println!(
                "{:<16} {:>9} {:>5} {:>6.3} {:>6.3} {:>6.3} {:>6}",
                s.name, m, s.rejected, b.f1, b.precision, b.recall, snip
            );
        }
    }
    Ok(())
}
