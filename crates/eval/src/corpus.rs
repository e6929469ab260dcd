//! Finding the shared corpora, running the extractor over them, and writing predictions.

use std::io::{BufWriter, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use gleaner_extract::Options;
use rayon::prelude::*;
use serde_json::Value;

use crate::record::{Gold, Pred};

/// The repository root this crate was built from.
pub fn repo_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

/// The shared data directory: `$GLEANER_SHARED`, else `<repo>/../shared`.
pub fn shared_dir() -> PathBuf {
    match std::env::var_os("GLEANER_SHARED") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => repo_root().join("../shared"),
    }
}

/// The corpus directory (`<shared>/corpus`), when it exists.
pub fn default_corpus_dir() -> Option<PathBuf> {
    let d = shared_dir().join("corpus");
    d.is_dir().then_some(d)
}

/// One gold corpus file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corpus {
    /// Name: the file name without `.jsonl.gz`.
    pub name: String,
    /// Path of the `.jsonl.gz` file.
    pub path: PathBuf,
}

/// The `*.jsonl.gz` corpora in `dir`, sorted by name.
pub fn list(dir: &Path) -> Result<Vec<Corpus>> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = e?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if let Some(stem) = name.strip_suffix(".jsonl.gz") {
            out.push(Corpus {
                name: stem.to_owned(),
                path: path.clone(),
            });
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// The non-blank lines of a (possibly gzip-compressed) JSON Lines file.
pub fn read_lines(path: &Path) -> Result<Vec<String>> {
    let f = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut text = String::new();
    if path.extension().is_some_and(|e| e == "gz") {
        flate2::read::MultiGzDecoder::new(std::io::BufReader::new(f)).read_to_string(&mut text)
    } else {
        std::io::BufReader::new(f).read_to_string(&mut text)
    }
    .with_context(|| format!("reading {}", path.display()))?;
    Ok(text
        .split('\n')
        .filter(|l| !crate::pytext::strip_ws(l).is_empty())
        .map(str::to_owned)
        .collect())
}

/// The extractor's output for one page.
#[derive(Debug, Clone)]
pub struct Page {
    /// The gold fields.
    pub gold: Gold,
    /// The prediction (empty when rejected).
    pub pred: Pred,
    /// Why the page was rejected, if it was (`"panic"` when the extractor panicked).
    pub rejection: Option<String>,
}

/// Extracts one corpus record (a JSON line) with `gleaner_extract::extract_str`.
pub fn run_page(line: &str, opts: &Options) -> Result<Page> {
    let mut v: Value = serde_json::from_str(line).context("parsing a corpus line")?;
    let html = match v.get_mut("html").map(Value::take) {
        Some(Value::String(s)) => s,
        _ => String::new(),
    };
    let gold = Gold::from_value(&v);
    let url = gold.url.as_deref();
    let (pred, rejection) = match catch_unwind(AssertUnwindSafe(|| {
        gleaner_extract::extract_str(&html, url, opts)
    })) {
        Ok(Ok(x)) => (Pred::from_article(gold.id.clone(), &x.article), None),
        // A page rejected for holding no article still carries its metadata (empty body).
        Ok(Err(e)) => match e.page() {
            Some(page) => (
                Pred::from_article(gold.id.clone(), page),
                Some(e.to_string()),
            ),
            None => (Pred::empty(gold.id.clone()), Some(e.to_string())),
        },
        Err(_) => (Pred::empty(gold.id.clone()), Some("panic".to_owned())),
    };
    Ok(Page {
        gold,
        pred,
        rejection,
    })
}

/// A corpus after extraction.
#[derive(Debug, Clone)]
pub struct Run {
    /// Corpus name.
    pub name: String,
    /// Gold records, in file order.
    pub golds: Vec<Gold>,
    /// Predictions, one per gold record, in the same order.
    pub preds: Vec<Pred>,
    /// Number of rejected pages.
    pub rejected: usize,
    /// Number of pages on which the extractor panicked (also counted as rejected).
    pub panicked: usize,
    /// Wall-clock seconds spent parsing and extracting (in parallel).
    pub seconds: f64,
}

impl Run {
    /// Pages extracted per wall-clock second.
    pub fn pages_per_sec(&self) -> f64 {
        self.golds.len() as f64 / self.seconds.max(1e-9)
    }

    /// Writes `<dir>/<name>.pred.jsonl` (lines `{"id","text","title","authors","published","language"}`).
    pub fn write_preds(&self, dir: &Path) -> Result<PathBuf> {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let path = dir.join(format!("{}.pred.jsonl", self.name));
        let f =
            std::fs::File::create(&path).with_context(|| format!("creating {}", path.display()))?;
        let mut w = BufWriter::new(f);
        for p in &self.preds {
            serde_json::to_writer(&mut w, p)?;
            w.write_all(b"\n")?;
        }
        w.flush()?;
        Ok(path)
    }
}

/// Reads a corpus and extracts every page, in parallel over pages (rayon).
pub fn run(corpus: &Corpus, opts: &Options) -> Result<Run> {
    let lines = read_lines(&corpus.path)?;
    let start = Instant::now();
    let pages: Vec<Page> = lines
        .par_iter()
        .map(|l| run_page(l, opts))
        .collect::<Result<_>>()
        .with_context(|| format!("corpus {}", corpus.name))?;
    let seconds = start.elapsed().as_secs_f64();
    let rejected = pages.iter().filter(|p| p.rejection.is_some()).count();
    let panicked = pages
        .iter()
        .filter(|p| p.rejection.as_deref() == Some("panic"))
        .count();
    let (golds, preds) = pages.into_iter().map(|p| (p.gold, p.pred)).unzip();
    Ok(Run {
        name: corpus.name.clone(),
        golds,
        preds,
        rejected,
        panicked,
        seconds,
    })
}
