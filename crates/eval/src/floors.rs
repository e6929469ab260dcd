//! Quality floors: `eval/floors.toml` maps corpus names to minimum metric values.
//!
//! ```toml
//! [cleaneval]
//! f1 = 0.885
//! [trafilatura]
//! snippet_f1 = 0.89
//! ```
//!
//! Metric names are those of [`crate::Scores::metrics`]. Floors are only ever raised.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};

/// Floors by corpus, then by metric.
pub type Floors = BTreeMap<String, BTreeMap<String, f64>>;

/// The metrics [`pin`] writes floors for (precision, recall and exact are reported but not
/// pinned, so that an extractor change may trade one for the other).
pub const PINNED: &[&str] = &["f1", "snippet_f1", "title", "authors", "date", "language"];

/// How far below the measured value a new floor is set.
pub const MARGIN: f64 = 0.005;

/// Reads a floors file.
pub fn load(path: &Path) -> Result<Floors> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

/// The outcome of one floor check.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// Corpus name.
    pub corpus: String,
    /// Metric name.
    pub metric: String,
    /// The floor.
    pub floor: f64,
    /// The measured value (`None` when the corpus or metric was not measured).
    pub measured: Option<f64>,
}

impl Check {
    /// Whether the measured value reaches the floor.
    pub fn ok(&self) -> bool {
        self.measured.is_some_and(|m| m >= self.floor)
    }
}

/// Checks the measured metrics (by corpus) against the floors of the selected corpora.
///
/// A floor fails when its corpus was selected but not measured (the corpus file is
/// missing) or did not report the metric; floors of corpora not selected (see `--only`)
/// are left out.
pub fn check(
    floors: &Floors,
    measured: &BTreeMap<String, BTreeMap<&str, f64>>,
    selected: impl Fn(&str) -> bool,
) -> Vec<Check> {
    let mut out = Vec::new();
    for (corpus, metrics) in floors {
        if !selected(corpus) {
            continue;
        }
        let got = measured.get(corpus);
        for (metric, &floor) in metrics {
            out.push(Check {
                corpus: corpus.clone(),
                metric: metric.clone(),
                floor,
                measured: got.and_then(|g| g.get(metric.as_str()).copied()),
            });
        }
    }
    out
}

/// A floor for a measured value: `MARGIN` below it, rounded down to 3 decimals.
pub fn floor_for(measured: f64) -> f64 {
    (((measured - MARGIN) * 1000.0) + 1e-9).floor().max(0.0) / 1000.0
}

/// New floors: for every pinned metric measured, the larger of the old floor and
/// [`floor_for`] the measured value (floors are only ever raised; zero floors are omitted).
pub fn pin(old: &Floors, measured: &BTreeMap<String, BTreeMap<&str, f64>>) -> Floors {
    let mut out = old.clone();
    for (corpus, metrics) in measured {
        for &metric in PINNED {
            let Some(&m) = metrics.get(metric) else {
                continue;
            };
            let new = floor_for(m);
            let slot = out.entry(corpus.clone()).or_default();
            let old = slot.get(metric).copied().unwrap_or(0.0);
            if new > old {
                slot.insert(metric.to_owned(), new);
            }
        }
    }
    out.retain(|_, m| !m.is_empty());
    out
}

/// The floors file text, with its header comment.
pub fn render(floors: &Floors) -> String {
    let mut s = String::from(
        "# Quality floors checked by `cargo run --release -p gleaner-eval -- --check-floors eval/floors.toml`.\n\
         # Each value is a minimum for one corpus (shared/corpus/<name>.jsonl.gz) and metric:\n\
         # f1 (body, score.py), snippet_f1, title, authors, date, language (score_meta.py).\n\
         # Floors are only ever raised, never lowered: `gleaner-eval --raise-floors eval/floors.toml`\n\
         # sets each to 0.005 below the measured value (rounded down) when that is higher.\n",
    );
    for (corpus, metrics) in floors {
        s.push_str(&format!("\n[{corpus}]\n"));
        for metric in PINNED
            .iter()
            .copied()
            .filter(|m| metrics.contains_key(*m))
            .map(str::to_owned)
            .chain(
                metrics
                    .keys()
                    .filter(|k| !PINNED.contains(&k.as_str()))
                    .cloned(),
            )
        {
            s.push_str(&format!("{metric} = {:.3}\n", metrics[&metric]));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measured(
        pairs: &[(&str, &'static str, f64)],
    ) -> BTreeMap<String, BTreeMap<&'static str, f64>> {
        let mut m: BTreeMap<String, BTreeMap<&str, f64>> = BTreeMap::new();
        for &(c, k, v) in pairs {
            m.entry(c.to_owned()).or_default().insert(k, v);
        }
        m
    }

    #[test]
    fn floor_rounding() {
        assert_eq!(floor_for(0.8912), 0.886);
        assert_eq!(floor_for(0.89), 0.885);
        assert_eq!(floor_for(0.003), 0.0);
    }

    #[test]
    fn checks_and_pinning() {
        let floors: Floors = toml::from_str("[a]\nf1 = 0.5\ntitle = 0.9\n[b]\nf1 = 0.1\n").unwrap();
        let got = measured(&[("a", "f1", 0.6), ("a", "date", 0.7)]);
        let checks = check(&floors, &got, |c| c == "a");
        assert_eq!(checks.len(), 2);
        assert!(checks[0].ok());
        assert!(!checks[1].ok() && checks[1].measured.is_none());
        // A selected corpus that was not measured fails.
        let checks = check(&floors, &got, |_| true);
        assert_eq!(checks.len(), 3);
        assert!(!checks[2].ok());
        let pinned = pin(&floors, &got);
        assert_eq!(pinned["a"]["f1"], 0.595);
        assert_eq!(pinned["a"]["date"], 0.695);
        assert_eq!(pinned["a"]["title"], 0.9);
        let lower = pin(&pinned, &measured(&[("a", "f1", 0.2)]));
        assert_eq!(lower["a"]["f1"], 0.595, "floors are never lowered");
        let round: Floors = toml::from_str(&render(&pinned)).unwrap();
        assert_eq!(round, pinned);
    }
}
