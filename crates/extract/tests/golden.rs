//! Golden files: `tests/data/<case>/input.html` is extracted (as raw bytes, default options)
//! and compared with `tests/data/<case>/expected.json`:
//!
//! ```json
//! { "title": "...", "text": "...", "blocks": [ ... ] }
//! ```
//!
//! `title` and `text` (`Article::text()`) are always compared; `blocks` only when present.
//! The expectations are the *correct* answers, written by hand — not the extractor's output.
//!
//! * A mismatch prints a readable diff and fails.
//! * `tests/data/KNOWN_FAILURES` lists cases (one per line, `#` comments) that are known to
//!   fail today. They must still fail: a listed case that passes fails the test with a
//!   message to remove it from the list, so the list can only shrink.
//! * `GLEANER_BLESS=1 cargo test -p gleaner-extract --test golden` rewrites expected.json
//!   from the current output (keeping the set of keys) — for cases not in KNOWN_FAILURES;
//!   known failures are never blessed (fix the extractor instead). Review the git diff!
//! * A case directory without expected.json, or an expected.json without input.html, is an
//!   error (no stale or half-made snapshots).

use gleaner_extract::{extract, Block, Options};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

fn known_failures(dir: &Path) -> BTreeSet<String> {
    match std::fs::read_to_string(dir.join("KNOWN_FAILURES")) {
        Ok(s) => s
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        Err(_) => BTreeSet::new(),
    }
}

/// The current output in expected.json form.
fn actual(input: &[u8]) -> Value {
    match extract(input, None, &Options::default()) {
        Ok(x) => json!({
            "title": x.article.title,
            "text": x.article.text(),
            "blocks": serde_json::to_value(&x.article.blocks).expect("blocks serialise"),
        }),
        Err(e) => json!({ "rejection": e.to_string() }),
    }
}

/// Line diff (LCS) of `a` (expected) against `b` (actual): `-` expected only, `+` actual only.
fn diff_lines(a: &str, b: &str) -> String {
    let a: Vec<&str> = a.lines().collect();
    let b: Vec<&str> = b.lines().collect();
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out = String::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            let _ = writeln!(out, "    {}", a[i]);
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            let _ = writeln!(out, "  + {}", b[j]);
            j += 1;
        } else {
            let _ = writeln!(out, "  - {}", a[i]);
            i += 1;
        }
    }
    out
}

fn blocks_as_lines(v: &Value) -> String {
    match serde_json::from_value::<Vec<Block>>(v.clone()) {
        Ok(blocks) => blocks
            .iter()
            .map(|b| serde_json::to_string(b).unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n"),
        Err(e) => format!("(unreadable blocks: {e})"),
    }
}

/// Compares; returns a readable report of the differences, or `None` when equal.
fn compare(expected: &Value, actual: &Value) -> Option<String> {
    let mut report = String::new();
    if let Some(r) = actual.get("rejection") {
        let _ = writeln!(report, "  extraction was rejected: {r}");
        let _ = writeln!(report, "  expected title: {}", expected["title"]);
        return Some(report);
    }
    if expected.get("title") != actual.get("title") {
        let _ = writeln!(
            report,
            "  title differs:\n  - {}\n  + {}",
            expected["title"], actual["title"]
        );
    }
    let et = expected["text"].as_str().unwrap_or("");
    let at = actual["text"].as_str().unwrap_or("");
    if et != at {
        let _ = writeln!(
            report,
            "  text differs (- expected, + actual):\n{}",
            diff_lines(et, at)
        );
    }
    if let Some(eb) = expected.get("blocks") {
        if eb != &actual["blocks"] {
            let _ = writeln!(
                report,
                "  blocks differ (- expected, + actual):\n{}",
                diff_lines(&blocks_as_lines(eb), &blocks_as_lines(&actual["blocks"]))
            );
        }
    }
    (!report.is_empty()).then_some(report)
}

/// Writes expected.json as `{"title", "text", "blocks"}` in that order (blocks in their
/// declared field order), the layout the hand-written files use, so blessing diffs cleanly.
fn bless(path: &Path, expected: Option<&Value>, input: &[u8]) {
    let Ok(x) = extract(input, None, &Options::default()) else {
        eprintln!("not blessing {}: extraction was rejected", path.display());
        return;
    };
    let pretty = |v: String| v.replace('\n', "\n  ");
    let mut s = String::from("{\n");
    let _ = writeln!(
        s,
        "  \"title\": {},",
        serde_json::to_string(&x.article.title).unwrap()
    );
    let _ = write!(
        s,
        "  \"text\": {}",
        serde_json::to_string(&x.article.text()).unwrap()
    );
    if expected.is_none_or(|e| e.get("blocks").is_some()) {
        let blocks = serde_json::to_string_pretty(&x.article.blocks).unwrap();
        let _ = write!(s, ",\n  \"blocks\": {}", pretty(blocks));
    }
    s.push_str("\n}\n");
    std::fs::write(path, s).expect("write expected.json");
}

#[test]
fn golden_cases() {
    let dir = data_dir();
    let blessing = std::env::var("GLEANER_BLESS").is_ok_and(|v| v == "1");
    let known = known_failures(&dir);
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/data exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no golden cases in {}", dir.display());

    let mut errors: Vec<String> = Vec::new();
    let mut still_failing: Vec<String> = Vec::new();
    let mut names = BTreeSet::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        names.insert(name.clone());
        let input_path = case.join("input.html");
        let expected_path = case.join("expected.json");
        let input = std::fs::read(&input_path).ok();
        let expected: Option<Value> = match std::fs::read_to_string(&expected_path) {
            Ok(s) => match serde_json::from_str(&s) {
                Ok(v) => Some(v),
                Err(e) => {
                    errors.push(format!("{name}: expected.json is not valid JSON: {e}"));
                    continue;
                }
            },
            Err(_) => None,
        };
        let Some(input) = input else {
            if expected.is_some() {
                errors.push(format!(
                    "{name}: stale expected.json without input.html (delete the directory)"
                ));
            } else {
                errors.push(format!("{name}: directory without input.html"));
            }
            continue;
        };
        let got = actual(&input);
        let is_known = known.contains(&name);
        if blessing && !is_known {
            bless(&expected_path, expected.as_ref(), &input);
            eprintln!("blessed {name}");
            continue;
        }
        let Some(expected) = expected else {
            errors.push(format!(
                "{name}: input.html without expected.json (write the correct answer by hand, \
                 or run with GLEANER_BLESS=1 and review it)"
            ));
            continue;
        };
        match (compare(&expected, &got), is_known) {
            (None, false) => {}
            (None, true) => errors.push(format!(
                "{name}: listed in tests/data/KNOWN_FAILURES but now passes — remove it from the list"
            )),
            (Some(report), false) => errors.push(format!("{name}: output differs from expected.json\n{report}")),
            (Some(report), true) => still_failing.push(format!("{name} (known failure)\n{report}")),
        }
    }
    for k in &known {
        if !names.contains(k) {
            errors.push(format!(
                "KNOWN_FAILURES lists {k:?}, which is not a case directory"
            ));
        }
    }
    if !still_failing.is_empty() {
        eprintln!(
            "{} known failure(s), still failing as expected:\n",
            still_failing.len()
        );
        for s in &still_failing {
            eprintln!("{s}");
        }
    }
    if !errors.is_empty() {
        panic!("{} golden error(s):\n\n{}", errors.len(), errors.join("\n"));
    }
}

#[test]
fn diff_marks_changed_lines() {
    let d = diff_lines("a\nb\nc", "a\nx\nc\nd");
    assert_eq!(d, "    a\n  + x\n  - b\n    c\n  + d\n");
}
