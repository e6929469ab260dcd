//! `gleaner-eval`: run gleaner over the shared gold corpora, print per-corpus scores, and
//! optionally check them against `eval/floors.toml`.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Result};
use clap::Parser;
use gleaner_eval::{corpus, floors, score, Scores};
use gleaner_extract::Options;

/// Scores gleaner on the shared gold corpora exactly as shared/eval/score.py and
/// score_meta.py do.
#[derive(Parser, Debug)]
#[command(name = "gleaner-eval", version)]
struct Args {
    /// Corpus directory (default: $GLEANER_SHARED/corpus, else <repo>/../shared/corpus).
    #[arg(long)]
    corpus_dir: Option<PathBuf>,
    /// Only these corpora (comma-separated names, e.g. cleaneval,fundus).
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
    /// Write <name>.pred.jsonl files (readable by score.py / score_meta.py) into DIR.
    #[arg(long, value_name = "DIR")]
    write_preds: Option<PathBuf>,
    /// List the N worst documents of each corpus by body F1.
    #[arg(long, value_name = "N", default_value_t = 0)]
    worst: usize,
    /// Check the results against a floors file; exit non-zero on any failure.
    #[arg(long, value_name = "FILE")]
    check_floors: Option<PathBuf>,
    /// Raise the floors in FILE to 0.005 below the measured values (never lowers one).
    #[arg(long, value_name = "FILE")]
    raise_floors: Option<PathBuf>,
    /// Print one JSON object instead of the table (and floor checks).
    #[arg(long)]
    json: bool,
}

fn cell(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_owned(), |x| format!("{x:.3}"))
}

fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("gleaner-eval: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<ExitCode> {
    let args = Args::parse();
    let dir = match args.corpus_dir.clone().or_else(corpus::default_corpus_dir) {
        Some(d) if d.is_dir() => d,
        other => {
            let shown = other.unwrap_or_else(|| corpus::shared_dir().join("corpus"));
            println!(
                "SKIPPED: corpus dir not found ({}); set GLEANER_SHARED or --corpus-dir",
                shown.display()
            );
            return Ok(ExitCode::SUCCESS);
        }
    };
    let mut corpora = corpus::list(&dir)?;
    if !args.only.is_empty() {
        for name in &args.only {
            if !corpora.iter().any(|c| &c.name == name) {
                bail!("no corpus named {name:?} in {}", dir.display());
            }
        }
        corpora.retain(|c| args.only.contains(&c.name));
    }
    if corpora.is_empty() {
        println!("SKIPPED: no *.jsonl.gz corpora in {}", dir.display());
        return Ok(ExitCode::SUCCESS);
    }

    let opts = Options::default();
    let start = Instant::now();
    if !args.json {
        println!(
            "{:<16} {:>5} {:>4} | {:>6} {:>6} {:>6} {:>6} | {:>6} | {:>6} {:>6} {:>6} {:>6} | {:>7}",
            "corpus", "docs", "rej", "F1", "P", "R", "exact", "snipF1", "title", "author", "date",
            "lang", "pages/s"
        );
    }
    let mut all = Vec::new();
    for c in &corpora {
        let run = corpus::run(c, &opts)?;
        if let Some(d) = &args.write_preds {
            run.write_preds(d)?;
        }
        let s = Scores::of(&run);
        if !args.json {
            let b = s.body.body;
            println!(
                "{:<16} {:>5} {:>4} | {:>6} {:>6} {:>6} {:>6} | {:>6} | {:>6} {:>6} {:>6} {:>6} | {:>7.0}",
                s.name,
                s.body.docs,
                s.rejected,
                cell(b.map(|b| b.f1)),
                cell(b.map(|b| b.precision)),
                cell(b.map(|b| b.recall)),
                cell(b.map(|b| b.exact)),
                cell(s.body.snippet.map(|x| x.f1)),
                cell(s.meta.title.score),
                cell(s.meta.authors.score),
                cell(s.meta.date.score),
                cell(s.meta.language.score),
                s.pages_per_sec,
            );
            if s.panicked > 0 {
                println!("  ! the extractor panicked on {} pages", s.panicked);
            }
            for d in score::worst(&s.body, args.worst) {
                let url = run
                    .golds
                    .iter()
                    .find(|g| g.id == d.id)
                    .and_then(|g| g.url.as_deref())
                    .unwrap_or("");
                println!(
                    "  {:.3}  P={:.3} R={:.3}  {}  {}",
                    d.counts.f1(),
                    d.counts.precision(),
                    d.counts.recall(),
                    d.id,
                    url
                );
            }
        }
        all.push(s);
    }
    let elapsed = start.elapsed().as_secs_f64();
    let pages: usize = all.iter().map(|s| s.body.docs).sum();
    if !args.json {
        println!("{pages} pages in {elapsed:.1}s");
    }

    let measured: BTreeMap<String, BTreeMap<&str, f64>> =
        all.iter().map(|s| (s.name.clone(), s.metrics())).collect();

    let mut failed = 0;
    let mut checks_json = Vec::new();
    if let Some(path) = &args.check_floors {
        let fl = floors::load(path)?;
        let checks = floors::check(&fl, &measured, |c| {
            args.only.is_empty() || args.only.iter().any(|o| o == c)
        });
        for ch in &checks {
            if !ch.ok() {
                failed += 1;
            }
            if !args.json {
                println!(
                    "{:<4} {}.{} {} (floor {:.3})",
                    if ch.ok() { "ok" } else { "FAIL" },
                    ch.corpus,
                    ch.metric,
                    cell(ch.measured),
                    ch.floor
                );
            }
            checks_json.push(serde_json::json!({
                "corpus": ch.corpus, "metric": ch.metric, "floor": ch.floor,
                "measured": ch.measured.map(round4), "ok": ch.ok(),
            }));
        }
        if !args.json {
            println!(
                "floors: {} checked, {} failed ({})",
                checks.len(),
                failed,
                path.display()
            );
        }
    }
    if let Some(path) = &args.raise_floors {
        let old = if path.exists() {
            floors::load(path)?
        } else {
            floors::Floors::new()
        };
        std::fs::write(path, floors::render(&floors::pin(&old, &measured)))?;
        if !args.json {
            println!("floors raised where possible in {}", path.display());
        }
    }

    if args.json {
        let corpora: Vec<_> = all
            .iter()
            .map(|s| {
                let metrics: BTreeMap<_, _> = s
                    .metrics()
                    .into_iter()
                    .map(|(k, v)| (k, round4(v)))
                    .collect();
                serde_json::json!({
                    "name": s.name,
                    "docs": s.body.docs,
                    "missing": s.body.missing,
                    "rejected": s.rejected,
                    "panicked": s.panicked,
                    "pages_per_sec": s.pages_per_sec.round(),
                    "metrics": metrics,
                    "meta_docs": {
                        "title": s.meta.title.docs, "authors": s.meta.authors.docs,
                        "date": s.meta.date.docs, "language": s.meta.language.docs,
                    },
                    "snippets": s.body.snippet,
                })
            })
            .collect();
        let mut out = serde_json::json!({ "corpora": corpora, "seconds": elapsed });
        if args.check_floors.is_some() {
            out["checks"] = serde_json::Value::Array(checks_json);
            out["failed"] = failed.into();
        }
        println!("{out}");
    }
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
