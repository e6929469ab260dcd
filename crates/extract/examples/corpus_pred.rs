//! Quick dev tool: run the extractor over a corpus `.jsonl.gz` and print predictions as JSONL.
use std::io::{BufRead, Write};

fn main() {
    let path = std::env::args().nth(1).expect("corpus path");
    let f = std::fs::File::open(&path).expect("open");
    let r = std::io::BufReader::new(flate2::read::GzDecoder::new(f));
    let out = std::io::stdout();
    let mut out = out.lock();
    let opts = gleaner_extract::Options::default();
    for line in r.lines() {
        let line = line.expect("line");
        let v: serde_json::Value = serde_json::from_str(&line).expect("json");
        let html = v["html"].as_str().unwrap_or("");
        let url = v["url"].as_str();
        let rec = match gleaner_extract::extract_str(html, url, &opts) {
            Ok(e) => {
                serde_json::json!({"id": v["id"], "text": e.article.text(), "title": e.article.title,
                "authors": e.article.authors, "published": e.article.published, "language": e.article.language})
            }
            Err(e) => serde_json::json!({"id": v["id"], "text": "", "error": e.to_string()}),
        };
        writeln!(out, "{rec}").expect("write");
    }
}
