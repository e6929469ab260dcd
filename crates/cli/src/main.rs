//! The `gleaner` command-line tool.

use anyhow::{Context, Result};

fn main() -> Result<()> {
    let path = std::env::args()
        .nth(2)
        .context("usage: gleaner extract FILE")?;
    let bytes = std::fs::read(&path).with_context(|| format!("reading {path}"))?;
    let out = gleaner_extract::extract(&bytes, None, &gleaner_extract::Options::default())?;
    print!("{}", gleaner_extract::render::to_text(&out.article));
    Ok(())
}
