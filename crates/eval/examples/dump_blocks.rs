//! Dumps the training data of the learned block selection (see `tools/train_blocks.py`).
//!
//! ```text
//! cargo run --release -p gleaner-eval --example dump_blocks -- OUT_DIR [CORPUS...]
//! ```
//!
//! For every page of the shared gold corpora, every text block of the body is described by
//! the extractor's feature vector (`gleaner_extract::training_blocks`) and labelled against
//! the gold text:
//! - body corpora: the share of the block's word 4-grams (score.py's shingles) that occur in
//!   the gold body (dragnet: `body_article_only`, since comments are not the article);
//! - snippet corpora (trafilatura): 1 when the block contains a `with` snippet, 0 when it
//!   contains a `without` snippet, -1 (unlabelled) otherwise.
//!
//! Writes `OUT_DIR/blocks.f32` (rows of little-endian f32: page index, label, block shingle
//! count, then the features), `OUT_DIR/pages.jsonl` (one line per page: index, corpus, id,
//! host, gold shingle count) and `OUT_DIR/features.json` (the feature names).

use std::collections::{HashMap, HashSet};
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use gleaner_eval::corpus;
use gleaner_eval::pytext::{join_ws, words};
use gleaner_eval::score::shingles;
use gleaner_extract::Options;
use rayon::prelude::*;
use serde_json::{json, Value};

/// Corpora with a gold body or snippets, used for training by default.
const DEFAULT: &[&str] = &[
    "cleaneval",
    "cleanportaleval",
    "dragnet",
    "l3s-gn1",
    "readability",
    "wcxb-dev",
    "fundus",
    "trafilatura",
    "msv-news",
    "newspaper4k",
    "goose3",
];

struct PageOut {
    meta: Value,
    rows: Vec<f32>,
}

/// The page's host without `www.`: the unit held out whole in validation.
fn host(url: Option<&str>) -> Option<String> {
    let u = url::Url::parse(url?).ok()?;
    let h = u.host_str()?.to_ascii_lowercase();
    Some(h.strip_prefix("www.").map_or(h.clone(), str::to_string))
}

fn page(corpus: &str, line: &str, opts: &Options) -> Option<PageOut> {
    let v: Value = serde_json::from_str(line).ok()?;
    let html = v.get("html")?.as_str()?;
    let id = v.get("id")?.as_str()?.to_string();
    let url = v.get("url").and_then(Value::as_str);
    let gold_body = v
        .get("body_article_only")
        .and_then(Value::as_str)
        .or_else(|| v.get("body").and_then(Value::as_str));
    let snippets = |k: &str| -> Vec<String> {
        v.get(k)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(join_ws)
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    };
    let with = snippets("with");
    let without = snippets("without");
    if gold_body.is_none() && with.is_empty() && without.is_empty() {
        return None;
    }
    let gold_words: Vec<&str> = gold_body.map(words).unwrap_or_default();
    let gold_sh = shingles(&gold_words);
    let gold_set: HashSet<&[&str]> = gold_sh.keys().copied().collect();
    let gold_total: u32 = gold_sh.values().sum();
    let blocks = gleaner_extract::training_blocks(html, url, opts);
    let mut rows = Vec::new();
    for b in &blocks {
        let w = words(&b.text);
        let sh = shingles(&w);
        let n: u32 = sh.values().sum();
        let label = if gold_body.is_some() {
            if n == 0 {
                0.0
            } else {
                let hit: u32 = sh
                    .iter()
                    .filter(|(k, _)| {
                        gold_set.contains(*k)
                            || k.len() < 4 && gold_words.windows(k.len()).any(|g| g == **k)
                    })
                    .map(|(_, c)| *c)
                    .sum();
                hit as f32 / n as f32
            }
        } else {
            let t = join_ws(&b.text);
            if with.iter().any(|s| t.contains(s.as_str())) {
                1.0
            } else if without.iter().any(|s| t.contains(s.as_str())) {
                0.0
            } else {
                -1.0
            }
        };
        rows.push(label);
        rows.push(n as f32);
        rows.extend_from_slice(&b.features);
    }
    Some(PageOut {
        meta: json!({
            "corpus": corpus,
            "id": id,
            "host": host(url).unwrap_or_else(|| format!("{corpus}:{id}")),
            "gold_shingles": gold_total,
            "snippets": gold_body.is_none(),
            "blocks": blocks.len(),
        }),
        rows,
    })
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let out: PathBuf = args
        .next()
        .context("usage: dump_blocks OUT_DIR [CORPUS...]")?
        .into();
    let mut names: Vec<String> = args.collect();
    if names.is_empty() {
        names = DEFAULT.iter().map(|s| s.to_string()).collect();
    }
    let dir = corpus::default_corpus_dir().context("no corpus directory (../shared/corpus)")?;
    std::fs::create_dir_all(&out)?;
    let opts = Options::default();
    let mut f32s = BufWriter::new(std::fs::File::create(out.join("blocks.f32"))?);
    let mut pages = BufWriter::new(std::fs::File::create(out.join("pages.jsonl"))?);
    let nf = gleaner_extract::training_feature_names().len();
    std::fs::write(
        out.join("features.json"),
        serde_json::to_string(gleaner_extract::training_feature_names())?,
    )?;
    let mut index = 0u32;
    let mut per_corpus: HashMap<String, usize> = HashMap::new();
    for name in &names {
        let path = dir.join(format!("{name}.jsonl.gz"));
        let lines = corpus::read_lines(&path)?;
        let outs: Vec<Option<PageOut>> = lines.par_iter().map(|l| page(name, l, &opts)).collect();
        for p in outs.into_iter().flatten() {
            let mut meta = p.meta;
            meta["index"] = json!(index);
            writeln!(pages, "{meta}")?;
            for row in p.rows.chunks(2 + nf) {
                f32s.write_all(&(index as f32).to_le_bytes())?;
                for x in row {
                    f32s.write_all(&x.to_le_bytes())?;
                }
            }
            index += 1;
            *per_corpus.entry(name.clone()).or_default() += 1;
        }
    }
    f32s.flush()?;
    pages.flush()?;
    eprintln!("{index} pages, {nf} features: {per_corpus:?}");
    Ok(())
}
