//! Body and snippet scoring: an exact port of `shared/eval/score.py`.
//!
//! Words are runs of Python `\w`; each text becomes a multiset of word 4-grams (a text of
//! fewer than 4 words is one shingle of all its words, an empty one has none). Per document,
//! true/false positives and false negatives are counted over shingles and normalised to sum
//! to 1; precision is averaged over the documents with `tp + fp > 0`, recall over those with
//! `tp + fn > 0` (a document with `fp == fn == 0` scores 1.0), and F1 is the harmonic mean of
//! the two averages. Snippets are counted over all documents, trafilatura-style.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::pytext::{join_ws, words};
use crate::record::{Gold, Pred};

/// Shingle length.
pub const N: usize = 4;

/// The multiset of word shingles of a word sequence.
pub fn shingles<'a, 'w>(w: &'a [&'w str]) -> HashMap<&'a [&'w str], u32> {
    let mut m = HashMap::new();
    if w.is_empty() {
        return m;
    }
    if w.len() < N {
        m.insert(w, 1);
        return m;
    }
    for s in w.windows(N) {
        *m.entry(s).or_insert(0) += 1;
    }
    m
}

/// One document's shingle counts, normalised to sum to 1 (all zero when both texts are empty).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Counts {
    /// Shingles in both.
    pub tp: f64,
    /// Shingles only in the prediction.
    pub fp: f64,
    /// Shingles only in the gold text.
    #[serde(rename = "fn")]
    pub fn_: f64,
}

impl Counts {
    /// score.py's `precision(tp, fp, fn)`.
    pub fn precision(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp + self.fp != 0.0 {
            self.tp / (self.tp + self.fp)
        } else {
            0.0
        }
    }

    /// score.py's `recall(tp, fp, fn)`.
    pub fn recall(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp + self.fn_ != 0.0 {
            self.tp / (self.tp + self.fn_)
        } else {
            0.0
        }
    }

    /// The document's own F1 (used to list the worst documents).
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r != 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

/// score.py's `counts(gold, pred)` on word sequences.
pub fn counts_words(g: &[&str], p: &[&str]) -> Counts {
    let (g, p) = (shingles(g), shingles(p));
    let (mut tp, mut fp, mut fn_) = (0u64, 0u64, 0u64);
    for (k, &gc) in &g {
        let pc = p.get(k).copied().unwrap_or(0);
        tp += u64::from(gc.min(pc));
        fn_ += u64::from(gc.saturating_sub(pc));
    }
    for (k, &pc) in &p {
        let gc = g.get(k).copied().unwrap_or(0);
        fp += u64::from(pc.saturating_sub(gc));
    }
    let s = tp + fp + fn_;
    if s == 0 {
        return Counts::default();
    }
    let s = s as f64;
    Counts {
        tp: tp as f64 / s,
        fp: fp as f64 / s,
        fn_: fn_ as f64 / s,
    }
}

/// score.py's `counts(gold, pred)`.
pub fn counts(gold: &str, pred: &str) -> Counts {
    counts_words(&words(gold), &words(pred))
}

/// One scored document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocScore {
    /// Document id.
    pub id: String,
    /// Normalised shingle counts.
    pub counts: Counts,
    /// Whether the predicted word sequence equals the gold one.
    pub exact: bool,
}

/// Body scores over the documents that have a gold body.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BodyScore {
    /// Number of documents with a gold body.
    pub docs: usize,
    /// F1 of the averaged precision and recall.
    pub f1: f64,
    /// Mean precision.
    pub precision: f64,
    /// Mean recall.
    pub recall: f64,
    /// Share of documents whose word sequence equals the gold one.
    pub exact: f64,
}

/// Snippet scores (trafilatura-style `with` / `without` lists).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SnippetScore {
    /// `with` snippets found.
    pub tp: usize,
    /// `with` snippets missing.
    #[serde(rename = "fn")]
    pub fn_: usize,
    /// `without` snippets found.
    pub fp: usize,
    /// Snippet F1.
    pub f1: f64,
    /// Snippet precision.
    pub precision: f64,
    /// Snippet recall.
    pub recall: f64,
}

/// What `score.py --json` reports, plus the per-document rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Number of gold records.
    pub docs: usize,
    /// Gold records with no prediction.
    pub missing: usize,
    /// Body scores, when some record has a gold body.
    pub body: Option<BodyScore>,
    /// Snippet scores, when some snippet was counted.
    pub snippet: Option<SnippetScore>,
    /// Per-document body rows, in gold order.
    #[serde(skip)]
    pub rows: Vec<DocScore>,
}

fn mean(xs: impl Iterator<Item = f64>) -> f64 {
    let (mut sum, mut n) = (0.0, 0usize);
    for x in xs {
        sum += x;
        n += 1;
    }
    if n > 0 {
        sum / n as f64
    } else {
        0.0
    }
}

fn harmonic(p: f64, r: f64) -> f64 {
    if p + r != 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// Scores predictions against gold records exactly as `score.py GOLD PRED` does.
pub fn score(golds: &[Gold], preds: &[Pred]) -> Report {
    let pred = crate::record::pred_map(preds);
    let text_of = |id: &str| pred.get(id).map_or("", |p| p.text.as_str());

    // gold = {id: body for r in golds if r.get("body")}: first position, last value.
    let mut order: Vec<&str> = Vec::new();
    let mut gold: HashMap<&str, &str> = HashMap::new();
    for g in golds {
        if let Some(body) = g.body.as_deref() {
            if gold.insert(g.id.as_str(), body).is_none() {
                order.push(g.id.as_str());
            }
        }
    }
    let rows: Vec<DocScore> = order
        .par_iter()
        .map(|&id| {
            let gw = words(gold[id]);
            let pw = words(text_of(id));
            DocScore {
                id: id.to_owned(),
                counts: counts_words(&gw, &pw),
                exact: gw == pw,
            }
        })
        .collect();
    let body = (!rows.is_empty()).then(|| {
        let p = mean(
            rows.iter()
                .filter(|r| r.counts.tp + r.counts.fp > 0.0)
                .map(|r| r.counts.precision()),
        );
        let r = mean(
            rows.iter()
                .filter(|r| r.counts.tp + r.counts.fn_ > 0.0)
                .map(|r| r.counts.recall()),
        );
        BodyScore {
            docs: rows.len(),
            f1: harmonic(p, r),
            precision: p,
            recall: r,
            exact: rows.iter().filter(|r| r.exact).count() as f64 / rows.len() as f64,
        }
    });

    let (mut tp, mut fn_, mut fp) = (0usize, 0usize, 0usize);
    for g in golds.iter().filter(|g| g.has_snippets) {
        let text = join_ws(text_of(&g.id));
        for w in &g.with {
            if text.contains(join_ws(w).as_str()) {
                tp += 1;
            } else {
                fn_ += 1;
            }
        }
        for w in &g.without {
            if text.contains(join_ws(w).as_str()) {
                fp += 1;
            }
        }
    }
    let snippet = (tp + fn_ + fp > 0).then(|| {
        let sp = if tp + fp > 0 {
            tp as f64 / (tp + fp) as f64
        } else {
            0.0
        };
        let sr = if tp + fn_ > 0 {
            tp as f64 / (tp + fn_) as f64
        } else {
            0.0
        };
        SnippetScore {
            tp,
            fn_,
            fp,
            f1: harmonic(sp, sr),
            precision: sp,
            recall: sr,
        }
    });

    Report {
        docs: golds.len(),
        missing: golds
            .iter()
            .filter(|g| !pred.contains_key(g.id.as_str()))
            .count(),
        body,
        snippet,
        rows,
    }
}

/// The `n` worst documents by their own F1 (ties in gold order), as `score.py --worst N` lists.
pub fn worst(report: &Report, n: usize) -> Vec<&DocScore> {
    let mut rows: Vec<&DocScore> = report.rows.iter().collect();
    rows.sort_by(|a, b| a.counts.f1().total_cmp(&b.counts.f1()));
    rows.truncate(n);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(id: &str, body: Option<&str>, with: &[&str], without: &[&str]) -> Gold {
        Gold {
            id: id.into(),
            body: body.map(Into::into),
            has_snippets: !with.is_empty() || !without.is_empty(),
            with: with.iter().map(|s| (*s).into()).collect(),
            without: without.iter().map(|s| (*s).into()).collect(),
            ..Gold::default()
        }
    }

    fn pred(id: &str, text: &str) -> Pred {
        Pred {
            id: id.into(),
            text: text.into(),
            ..Pred::default()
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn identical_texts() {
        let c = counts("one two three four five", "one, two; three four five!");
        assert_eq!((c.tp, c.fp, c.fn_), (1.0, 0.0, 0.0));
        assert_eq!((c.precision(), c.recall()), (1.0, 1.0));
    }

    #[test]
    fn partial_overlap() {
        // gold shingles: abcd bcde; pred: bcde cdef -> tp 1, fp 1, fn 1.
        let c = counts("a b c d e", "b c d e f");
        assert!(close(c.tp, 1.0 / 3.0) && close(c.fp, 1.0 / 3.0) && close(c.fn_, 1.0 / 3.0));
        assert!(close(c.precision(), 0.5) && close(c.recall(), 0.5));
    }

    #[test]
    fn multiset_counts() {
        // Repeated shingles count with multiplicity.
        let c = counts("a b c d a b c d", "a b c d");
        // gold: abcd x2, bcda, cdab, dabc; pred: abcd.
        assert!(close(c.tp, 1.0 / 5.0) && close(c.fn_, 4.0 / 5.0) && c.fp == 0.0);
    }

    #[test]
    fn short_texts_are_one_shingle() {
        assert_eq!(counts("a b c", "a b c").tp, 1.0);
        let c = counts("a b c", "a b");
        assert_eq!((c.tp, c.fp, c.fn_), (0.0, 0.5, 0.5));
        // A 3-word text never matches a 4-gram.
        let c = counts("a b c", "a b c d");
        assert_eq!((c.tp, c.fp, c.fn_), (0.0, 0.5, 0.5));
        assert_eq!(shingles(&["x"]).len(), 1);
    }

    #[test]
    fn empty_prediction() {
        let c = counts("a b c d e", "");
        assert_eq!((c.tp, c.fp, c.fn_), (0.0, 0.0, 1.0));
        assert_eq!((c.precision(), c.recall()), (0.0, 0.0));
        // Both empty (no words): all zero, and precision/recall are 1.0 by the fp == fn == 0 rule.
        let c = counts("...", "");
        assert_eq!(c, Counts::default());
        assert_eq!((c.precision(), c.recall()), (1.0, 1.0));
    }

    #[test]
    fn averages_use_score_py_inclusion_rules() {
        let golds = vec![
            gold("1", Some("a b c d e"), &[], &[]), // perfect
            gold("2", Some("f g h i j"), &[], &[]), // empty prediction: recall only
            gold("3", Some("!!"), &[], &[]), // no gold words, prediction has some: precision only
            gold("4", None, &[], &[]),       // no body: not a body row
        ];
        let preds = vec![pred("1", "a b c d e"), pred("3", "k l m n")];
        let r = score(&golds, &preds);
        assert_eq!(r.docs, 4);
        assert_eq!(r.missing, 2);
        let b = r.body.unwrap();
        assert_eq!(b.docs, 3);
        // precision over docs 1 and 3: (1 + 0) / 2; recall over docs 1 and 2: (1 + 0) / 2.
        assert!(close(b.precision, 0.5) && close(b.recall, 0.5) && close(b.f1, 0.5));
        assert!(close(b.exact, 1.0 / 3.0));
        assert!(r.snippet.is_none());
    }

    #[test]
    fn no_body_gold_means_no_body_score() {
        let r = score(&[gold("1", None, &["x"], &[])], &[pred("1", "x")]);
        assert!(r.body.is_none());
        assert_eq!(r.snippet.unwrap().f1, 1.0);
    }

    #[test]
    fn snippets() {
        let golds = vec![
            gold(
                "1",
                None,
                &["quick  brown\nfox", "lazy dog"],
                &["Subscribe now"],
            ),
            gold("2", None, &["hello"], &["cookie"]),
            gold("3", None, &["anything"], &[]),
        ];
        let preds = vec![
            pred("1", "The quick brown\u{a0}fox jumps.\nSubscribe   now!"),
            pred("2", "hello world"),
        ];
        let r = score(&golds, &preds);
        let s = r.snippet.unwrap();
        // found: "quick brown fox", "hello"; missing: "lazy dog", "anything"; fp: "Subscribe now".
        assert_eq!((s.tp, s.fn_, s.fp), (2, 2, 1));
        assert!(close(s.precision, 2.0 / 3.0) && close(s.recall, 0.5));
        assert!(close(s.f1, 2.0 * (2.0 / 3.0) * 0.5 / (2.0 / 3.0 + 0.5)));
        // An empty snippet is always "found", even in an empty prediction (Python `"" in ""`).
        let s = score(&[gold("1", None, &[" "], &[])], &[]).snippet.unwrap();
        assert_eq!((s.tp, s.fn_, s.fp), (1, 0, 0));
    }

    #[test]
    fn duplicate_prediction_ids_last_wins() {
        let golds = vec![gold("1", Some("a b c d"), &[], &[])];
        let preds = vec![pred("1", "a b c d"), pred("1", "")];
        assert_eq!(score(&golds, &preds).body.unwrap().recall, 0.0);
    }

    #[test]
    fn worst_lists_lowest_f1_first() {
        let golds = vec![
            gold("good", Some("a b c d"), &[], &[]),
            gold("bad", Some("e f g h"), &[], &[]),
        ];
        let r = score(&golds, &[pred("good", "a b c d")]);
        assert_eq!(worst(&r, 1)[0].id, "bad");
    }
}
