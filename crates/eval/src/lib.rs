//! gleaner-eval: the quality harness.
//!
//! Runs `gleaner_extract::extract_str` over the shared gold corpora
//! (`<shared>/corpus/*.jsonl.gz`) and scores the output exactly as the reference scorers do:
//! [`score`] ports `shared/eval/score.py` (body F1 over word 4-grams, snippet F1) and [`meta`]
//! ports `shared/eval/score_meta.py` (title, authors, date, language). [`floors`] checks the
//! results against the pinned minimums in `eval/floors.toml`.
//!
//! The scorers depend on Python's notion of word characters and whitespace; [`pytext`]
//! reproduces it with tables generated from the Python interpreter.

pub mod corpus;
pub mod floors;
pub mod meta;
pub mod pytext;
mod pyuni;
pub mod record;
pub mod score;

use std::collections::BTreeMap;

use serde::Serialize;

/// Everything the harness reports for one corpus.
#[derive(Debug, Clone, Serialize)]
pub struct Scores {
    /// Corpus name.
    pub name: String,
    /// What score.py reports.
    pub body: score::Report,
    /// What score_meta.py reports.
    pub meta: meta::MetaReport,
    /// Rejected pages (empty predictions).
    pub rejected: usize,
    /// Pages on which the extractor panicked.
    pub panicked: usize,
    /// Pages per wall-clock second (parse and extract, all cores).
    pub pages_per_sec: f64,
}

impl Scores {
    /// Scores a finished run.
    pub fn of(run: &corpus::Run) -> Scores {
        Scores {
            name: run.name.clone(),
            body: score::score(&run.golds, &run.preds),
            meta: meta::score(&run.golds, &run.preds),
            rejected: run.rejected,
            panicked: run.panicked,
            pages_per_sec: run.pages_per_sec(),
        }
    }

    /// The reported metrics by name (`f1`, `precision`, `recall`, `exact`, `snippet_f1`,
    /// `snippet_precision`, `snippet_recall`, `title`, `authors`, `date`, `language`); a metric
    /// is present only when the corpus has gold for it.
    pub fn metrics(&self) -> BTreeMap<&'static str, f64> {
        let mut m = BTreeMap::new();
        if let Some(b) = &self.body.body {
            m.insert("f1", b.f1);
            m.insert("precision", b.precision);
            m.insert("recall", b.recall);
            m.insert("exact", b.exact);
        }
        if let Some(s) = &self.body.snippet {
            m.insert("snippet_f1", s.f1);
            m.insert("snippet_precision", s.precision);
            m.insert("snippet_recall", s.recall);
        }
        for (k, f) in [
            ("title", &self.meta.title),
            ("authors", &self.meta.authors),
            ("date", &self.meta.date),
            ("language", &self.meta.language),
        ] {
            if let Some(s) = f.score {
                m.insert(k, s);
            }
        }
        m
    }
}
