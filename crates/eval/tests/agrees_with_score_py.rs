//! The harness scores must equal what `shared/eval/score.py` and `score_meta.py` print for the
//! same predictions (to the 4 decimals the scripts print).
//!
//! Runs when the shared corpora and `python3` are present, else prints `SKIPPED: ...` to
//! stderr and passes. By default it checks a fast subset (tests build in debug);
//! `GLEANER_EVAL_AGREE=all` checks every corpus, `GLEANER_EVAL_AGREE=a,b` the named ones.

use std::path::Path;
use std::process::{Child, Command, Stdio};

use gleaner_eval::{corpus, Scores};
use gleaner_extract::Options;
use serde_json::Value;

const SUBSET: &[&str] = &[
    "cleanportaleval",
    "readability",
    "fundus",
    "trafilatura",
    "l3s-gn1",
    "goose3",
    "newspaper4k",
    "htmldate",
];

fn python_ok() -> bool {
    Command::new("python3")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn spawn(script: &Path, gold: &Path, pred: &Path) -> Child {
    Command::new("python3")
        .arg(script)
        .arg(gold)
        .arg(pred)
        .arg("--json")
        .stdout(Stdio::piped())
        .spawn()
        .expect("running python3")
}

fn output(child: Child) -> Value {
    let out = child.wait_with_output().expect("waiting for python3");
    assert!(out.status.success(), "scorer failed: {out:?}");
    let text = String::from_utf8(out.stdout).expect("utf-8 output");
    serde_json::from_str(text.trim().lines().last().unwrap_or("")).expect("scorer JSON")
}

fn same(name: &str, what: &str, py: Option<f64>, ours: Option<f64>) -> bool {
    let ok = match (py, ours) {
        (None, None) => true,
        // The scripts round to 4 decimals.
        (Some(p), Some(o)) => (p - o).abs() <= 0.5e-4 + 1e-9,
        _ => false,
    };
    if !ok {
        eprintln!("MISMATCH {name}.{what}: score.py {py:?}, harness {ours:?}");
    }
    ok
}

fn compare(s: &Scores, body: &Value, meta: &Value) -> bool {
    let n = &s.name;
    let mut ok = true;
    ok &= body["docs"].as_u64() == Some(s.body.docs as u64);
    ok &= body["missing"].as_u64() == Some(s.body.missing as u64);
    let b = s.body.body;
    let sn = s.body.snippet;
    for (k, ours) in [
        ("f1", b.map(|b| b.f1)),
        ("precision", b.map(|b| b.precision)),
        ("recall", b.map(|b| b.recall)),
        ("exact", b.map(|b| b.exact)),
        ("snippet_f1", sn.map(|x| x.f1)),
        ("snippet_precision", sn.map(|x| x.precision)),
        ("snippet_recall", sn.map(|x| x.recall)),
    ] {
        ok &= same(n, k, body[k].as_f64(), ours);
    }
    for (k, f) in [
        ("title", s.meta.title),
        ("authors", s.meta.authors),
        ("date", s.meta.date),
        ("language", s.meta.language),
    ] {
        let docs_ok = meta[k]["docs"].as_u64() == Some(f.docs as u64);
        if !docs_ok {
            eprintln!(
                "MISMATCH {n}.{k}.docs: score_meta.py {}, harness {}",
                meta[k]["docs"], f.docs
            );
        }
        ok &= docs_ok & same(n, k, meta[k]["score"].as_f64(), f.score);
    }
    ok
}

#[test]
fn harness_agrees_with_python_scorers() {
    let Some(dir) = corpus::default_corpus_dir() else {
        eprintln!(
            "SKIPPED: agrees_with_score_py: corpus dir not found ({}/corpus)",
            corpus::shared_dir().display()
        );
        return;
    };
    let eval = corpus::shared_dir().join("eval");
    let (score_py, meta_py) = (eval.join("score.py"), eval.join("score_meta.py"));
    if !score_py.is_file() || !meta_py.is_file() || !python_ok() {
        eprintln!(
            "SKIPPED: agrees_with_score_py: python3 or {} not found",
            eval.display()
        );
        return;
    }
    let wanted = std::env::var("GLEANER_EVAL_AGREE").unwrap_or_default();
    let corpora: Vec<_> = corpus::list(&dir)
        .expect("listing corpora")
        .into_iter()
        .filter(|c| match wanted.as_str() {
            "" => SUBSET.contains(&c.name.as_str()),
            "all" => true,
            list => list.split(',').any(|w| w == c.name),
        })
        .collect();
    assert!(
        !corpora.is_empty(),
        "no corpus selected in {}",
        dir.display()
    );
    let tmp = tempfile::tempdir().expect("temp dir");
    let opts = Options::default();
    let mut all_ok = true;
    // The Python scorers of one corpus run while the next corpus is extracted.
    let mut pending: Option<(Scores, Child, Child)> = None;
    for c in corpora.iter().map(Some).chain([None]) {
        let next = c.map(|c| {
            let run = corpus::run(c, &opts).expect("running the corpus");
            let pred = run.write_preds(tmp.path()).expect("writing predictions");
            (
                Scores::of(&run),
                spawn(&score_py, &c.path, &pred),
                spawn(&meta_py, &c.path, &pred),
            )
        });
        if let Some((s, body, meta)) = pending.take() {
            let ok = compare(&s, &output(body), &output(meta));
            eprintln!(
                "{} {}: {} docs",
                if ok { "agree" } else { "DISAGREE" },
                s.name,
                s.body.docs
            );
            all_ok &= ok;
        }
        pending = next;
    }
    assert!(
        all_ok,
        "the harness disagrees with score.py / score_meta.py (see MISMATCH lines)"
    );
}
