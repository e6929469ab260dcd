//! Golden files for the metadata stage: `tests/meta/<case>/input.html` is extracted (raw
//! bytes) and the metadata fields named in `tests/meta/<case>/expected.json` are compared.
//!
//! `expected.json` holds the *correct* answers, written by hand, for any of: `title`,
//! `authors`, `published`, `modified`, `date_source`, `language`, `site_name`, `url`,
//! `description`, `categories`, `tags`, `image`, `page_type`; only the keys present are
//! compared (so a case tests one rule). Two optional inputs: `"page_url"` (the URL given
//! to the extractor) and `"reference_time"` (Unix seconds, [`Options::with_reference_time`]).

use gleaner_extract::{extract, record::Record, Options};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/meta")
}

const INPUT_KEYS: &[&str] = &["page_url", "reference_time"];

#[test]
fn metadata_golden_files() {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .expect("tests/meta exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 10, "expected the metadata golden cases");
    let mut failures = Vec::new();
    for dir in &dirs {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let input = std::fs::read(dir.join("input.html"))
            .unwrap_or_else(|e| panic!("{name}: input.html: {e}"));
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join("expected.json"))
                .unwrap_or_else(|e| panic!("{name}: expected.json: {e}")),
        )
        .unwrap_or_else(|e| panic!("{name}: expected.json is not JSON: {e}"));
        let exp = expected.as_object().expect("expected.json is an object");
        let page_url = exp.get("page_url").and_then(Value::as_str);
        let opts = Options::default()
            .with_reference_time(exp.get("reference_time").and_then(Value::as_i64));
        let rec = Record::new(name.clone(), extract(&input, page_url, &opts));
        assert!(rec.is_article(), "{name}: rejected: {:?}", rec.error);
        let got = serde_json::to_value(&rec).expect("record serialises");
        for (k, want) in exp {
            if INPUT_KEYS.contains(&k.as_str()) {
                continue;
            }
            let have = got
                .get(k)
                .unwrap_or_else(|| panic!("{name}: unknown field {k}"));
            if have != want {
                failures.push(format!("{name}: {k}: expected {want}, got {have}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "metadata golden mismatches:\n{}",
        failures.join("\n")
    );
}

/// Enormous and malformed JSON-LD: bounded work, no panic, the rest of the page still read.
#[test]
fn enormous_and_malformed_json_ld() {
    let body = "<p>The council met on Tuesday evening and approved the plan for the new bridge, \
        officials said after a long debate.</p>";
    let mut cases: Vec<String> = Vec::new();
    // 5 MB of nested arrays, 100k objects, unterminated strings, deep objects.
    cases.push(format!("[{}]", "1,".repeat(2_500_000)));
    cases.push(format!("[{}{{}}]", "{\"a\":1},".repeat(100_000)));
    cases.push("{\"headline\": \"unterminated".to_string());
    cases.push("{\"a\":".repeat(50_000));
    cases.push(format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)));
    cases.push("{\"author\": [".to_string() + &"{\"name\": \"A B\"},".repeat(10_000) + "]}");
    for ld in cases {
        let html = format!(
            "<html lang=en><head><title>Bridge approved</title>\
             <script type=\"application/ld+json\">{ld}</script>\
             <meta property=\"article:published_time\" content=\"2024-03-05\"></head>\
             <body><article><h1>Bridge approved</h1>{body}</article></body></html>"
        );
        let out = extract(html.as_bytes(), None, &Options::default()).expect("article");
        assert_eq!(out.article.title.as_deref(), Some("Bridge approved"));
        assert_eq!(out.article.published.as_deref(), Some("2024-03-05"));
        assert!(out.article.authors.len() <= 20);
    }
}
