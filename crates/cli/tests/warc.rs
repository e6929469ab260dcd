//! End-to-end tests of `gleaner extract` on WARC input (fixtures generated here).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn gleaner() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gleaner"))
}

fn run(args: &[&str]) -> Output {
    gleaner().args(args).output().expect("run gleaner")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn jsonl(bytes: &[u8]) -> Vec<Value> {
    String::from_utf8(bytes.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn record(ty: &str, uri: &str, id: usize, block: &[u8]) -> Vec<u8> {
    let ct = if ty == "response" {
        "application/http; msgtype=response"
    } else {
        "application/http; msgtype=request"
    };
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {ty}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-05T08:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:{id}>\r\nContent-Type: {ct}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

/// A news page: `lang`, published `date`, and a body long enough to be an article.
fn page(n: usize, lang: &str, date: &str) -> Vec<u8> {
    format!(
        "<html lang=\"{lang}\"><head><title>Story {n}</title>\
         <meta property=\"article:published_time\" content=\"{date}\"></head><body>\
         <nav><a href=\"/\">Home</a></nav><article><h1>Story {n}</h1>\
         <p>The council met on Tuesday evening to discuss the new bridge, story number {n}, \
         and agreed to fund repairs before the winter.</p>\
         <p>Residents welcomed the decision, saying the crossing had been closed for too long.</p>\
         </article></body></html>"
    )
    .into_bytes()
}

fn response(n: usize, host: &str, lang: &str, date: &str) -> Vec<u8> {
    let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
    block.extend_from_slice(&page(n, lang, date));
    record("response", &format!("https://{host}/story/{n}"), n, &block)
}

/// A WARC file: pages 0..n (hosts alternate a.example / news.b.example, languages en /
/// de, dates in 2023 / 2024), each followed by a request record, gzip per record.
fn warc(n: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for i in 0..n {
        let (host, lang, date) = if i % 2 == 0 {
            ("a.example", "en", "2024-03-05")
        } else {
            ("news.b.example", "de", "2023-06-01")
        };
        out.extend(gz(&response(i, host, lang, date)));
        out.extend(gz(&record(
            "request",
            "https://a.example/",
            10_000 + i,
            b"GET / HTTP/1.1\r\n\r\n",
        )));
    }
    out
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn warc_file_to_jsonl_with_warc_fields_and_bad_records() {
    let dir = tempfile::tempdir().unwrap();
    let mut data = warc(3);
    let bad_at = data.len();
    // A truncated member, then garbage, then a good record.
    let cut = gz(&response(7, "a.example", "en", "2024-03-05"));
    data.extend_from_slice(&cut[..cut.len() / 2]);
    data.extend(gz(&response(8, "a.example", "en", "2024-03-05")));
    // Named like anything: detected by content.
    let f = write(dir.path(), "crawl.bin", &data);
    let o = run(&["extract", p(&f)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let recs = jsonl(&o.stdout);
    let urls: Vec<&str> = recs
        .iter()
        .map(|r| r["url"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(
        urls,
        [
            "https://a.example/story/0",
            "https://news.b.example/story/1",
            "https://a.example/story/2",
            "-",
            "https://a.example/story/8"
        ]
    );
    // The bad record is an error record in the output, in its place.
    let bad = &recs[3];
    assert_eq!(bad["source"], format!("{}#{bad_at}", p(&f)));
    assert_eq!(bad["warc_file"], p(&f));
    assert_eq!(bad["error_kind"], "input");
    assert!(bad["error"]
        .as_str()
        .unwrap()
        .starts_with(&format!("{}: at offset {bad_at}: bad gzip data", p(&f))));
    let r = &recs[0];
    assert_eq!(r["title"], "Story 0");
    assert_eq!(r["source"], "https://a.example/story/0");
    assert_eq!(r["warc_file"], p(&f));
    assert_eq!(r["warc_record_id"], "<urn:uuid:0>");
    assert_eq!(r["captured"], "2024-03-05T08:00:00Z");
    assert!(r["error"].is_null());
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "gleaner: {}: at offset {bad_at}: bad gzip data",
            p(&f)
        )),
        "{err}"
    );
    let summary = err.lines().last().unwrap();
    assert!(
        summary.starts_with(
            "gleaner: 1 WARC file, 8 records, 4 HTML, 3 skipped (not_html: 0, not_response: 3, status: 0), \
             4 articles, 0 rejected, 1 error, "
        ),
        "{summary}"
    );
}

#[test]
fn warc_on_stdin_plain_and_order_kept_in_parallel() {
    let mut data = Vec::new();
    for i in 0..300 {
        data.extend(response(i, "a.example", "en", "2024-03-05"));
    }
    let mut child = gleaner()
        .args(["extract", "-", "-j", "2", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&data).unwrap());
    let o = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    let recs = jsonl(&o.stdout);
    assert_eq!(recs.len(), 300);
    for (i, r) in recs.iter().enumerate() {
        assert_eq!(r["title"], format!("Story {i}"));
        assert_eq!(r["warc_file"], "-");
    }
}

#[test]
fn filters_by_language_site_and_date() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "c.warc.gz", &warc(6));
    let titles = |args: &[&str]| -> Vec<String> {
        let mut a = vec!["extract", p(&f)];
        a.extend_from_slice(args);
        let o = run(&a);
        assert!(o.status.success(), "{}", stderr(&o));
        jsonl(&o.stdout)
            .iter()
            .map(|r| r["title"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(titles(&["--lang", "de"]), ["Story 1", "Story 3", "Story 5"]);
    assert_eq!(
        titles(&["--site", "b.example"]),
        ["Story 1", "Story 3", "Story 5"]
    );
    assert_eq!(
        titles(&["--site", "a.example,zzz.org"]),
        ["Story 0", "Story 2", "Story 4"]
    );
    assert_eq!(
        titles(&["--since", "2024-01-01"]),
        ["Story 0", "Story 2", "Story 4"]
    );
    assert_eq!(
        titles(&["--until", "2023-12-31", "--lang", "en"]),
        Vec::<String>::new()
    );
    let o = run(&["extract", p(&f), "--lang", "en"]);
    assert!(stderr(&o).contains(", 3 filtered out, "), "{}", stderr(&o));
    let o = run(&["extract", p(&f), "--since", "March"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn output_dir_one_file_per_input_and_resume() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.warc.gz", &warc(2));
    let b = write(dir.path(), "b.warc", &{
        let mut d = Vec::new();
        for i in 0..3 {
            d.extend(response(i, "a.example", "en", "2024-03-05"));
        }
        d
    });
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let o = run(&["extract", p(&a), p(&b), "-o", p(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["a.jsonl", "b.jsonl"]);
    assert_eq!(jsonl(&std::fs::read(out.join("a.jsonl")).unwrap()).len(), 2);
    assert_eq!(jsonl(&std::fs::read(out.join("b.jsonl")).unwrap()).len(), 3);

    // Rerun: everything is done already.
    let o = run(&["extract", p(&a), p(&b), "-o", p(&out)]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains(", 2 inputs already done, "),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains(" 0 records, "), "{}", stderr(&o));

    // An interrupted job leaves no final file for the unfinished input: only it is redone.
    std::fs::remove_file(out.join("b.jsonl")).unwrap();
    std::fs::write(out.join("a.jsonl"), "kept\n").unwrap();
    let o = run(&["extract", p(&a), p(&b), "-o", p(&out)]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains(", 1 input already done, "),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(out.join("a.jsonl")).unwrap(),
        "kept\n"
    );
    assert_eq!(jsonl(&std::fs::read(out.join("b.jsonl")).unwrap()).len(), 3);
    let leftovers = std::fs::read_dir(&out).unwrap().count();
    assert_eq!(leftovers, 2, "no temporary files left");
}

#[test]
fn parquet_output_has_the_record_schema() {
    use arrow_array::{Array, StringArray};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "c.warc.gz", &warc(5));
    let out = dir.path().join("c.parquet");
    let o = run(&["extract", p(&f), "-f", "parquet", "-o", p(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&out).unwrap())
        .unwrap()
        .build()
        .unwrap();
    let batches: Vec<_> = reader.map(Result::unwrap).collect();
    let rows: usize = batches.iter().map(|b| b.num_rows()).sum();
    assert_eq!(rows, 5);
    let batch = &batches[0];
    let schema = batch.schema();
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    // The same fields as the JSON record (serde_json sorts keys: compare as sets).
    let json = run(&["extract", p(&f)]);
    let rec = &jsonl(&json.stdout)[0];
    let mut keys: Vec<&str> = rec
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(names[0], "source");
    let mut names = names.clone();
    names.sort_unstable();
    assert_eq!(names, keys);
    let col = |name: &str| -> StringArray {
        let i = schema.index_of(name).unwrap();
        batch
            .column(i)
            .as_any()
            .downcast_ref::<StringArray>()
            .unwrap_or_else(|| panic!("{name} is a string column"))
            .clone()
    };
    assert_eq!(col("title").value(0), "Story 0");
    assert_eq!(col("warc_file").value(3), p(&f));
    assert_eq!(col("captured").value(0), "2024-03-05T08:00:00Z");
    assert!(col("error").is_null(0));
    let blocks: Value = serde_json::from_str(col("blocks").value(0)).unwrap();
    assert_eq!(blocks, rec["blocks"]);
}

#[test]
fn text_formats_and_url_option_with_warc() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "c.warc.gz", &warc(2));
    let o = run(&["extract", p(&f), "-f", "txt", "--quiet"]);
    assert!(o.status.success());
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.starts_with("==> https://a.example/story/0 <==\nStory 0\n"),
        "{out}"
    );
    assert!(
        out.contains("==> https://news.b.example/story/1 <=="),
        "{out}"
    );
    let o = run(&["extract", p(&f), "--url", "https://x.example/"]);
    assert_eq!(o.status.code(), Some(1));
}

/// A `response` record for page `n` with its HTTP `headers`, `body`, a `Content-Length`
/// override and an extra (possibly garbage) WARC header line.
fn response_with(
    n: usize,
    http_headers: &str,
    body: &[u8],
    length: Option<usize>,
    extra: &str,
) -> Vec<u8> {
    let mut block = format!("HTTP/1.1 200 OK\r\n{http_headers}\r\n").into_bytes();
    block.extend_from_slice(body);
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://a.example/story/{n}\r\n{extra}\
         WARC-Date: 2024-03-05T08:00:00Z\r\nWARC-Record-ID: <urn:uuid:{n}>\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        length.unwrap_or(block.len())
    )
    .into_bytes();
    r.extend_from_slice(&block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn good(n: usize) -> Vec<u8> {
    response(n, "a.example", "en", "2024-03-05")
}

#[test]
fn every_kind_of_bad_record_is_one_error_record_and_the_rest_is_kept() {
    let html_len = |n: usize| {
        let mut b = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".to_vec();
        b.extend_from_slice(&page(n, "en", "2024-03-05"));
        b.len()
    };
    let bad = |n: usize, length: Option<usize>, extra: &str| {
        response_with(
            n,
            "Content-Type: text/html\r\n",
            &page(n, "en", "2024-03-05"),
            length,
            extra,
        )
    };
    // (name, records, gzip each record, index of the bad one, expected error text)
    type Case = (&'static str, Vec<Vec<u8>>, bool, usize, &'static str);
    let mut cases: Vec<Case> = Vec::new();
    for gzip in [false, true] {
        cases.push((
            "Content-Length too short",
            vec![
                good(0),
                bad(1, Some(html_len(1) - 40), ""),
                good(2),
                good(3),
            ],
            gzip,
            1,
            "does not match",
        ));
        cases.push((
            "Content-Length too long",
            vec![
                good(0),
                bad(1, Some(html_len(1) + 500), ""),
                good(2),
                good(3),
            ],
            gzip,
            1,
            "does not match",
        ));
        cases.push((
            "garbage header line",
            vec![good(0), bad(1, None, "this is no header line\r\n"), good(2)],
            gzip,
            1,
            "bad WARC header: malformed line",
        ));
        cases.push((
            "ends mid-record",
            vec![good(0), good(1), {
                let r = good(2);
                r[..r.len() - 120].to_vec()
            }],
            gzip,
            2,
            if gzip {
                "bad gzip data"
            } else {
                "record truncated"
            },
        ));
    }
    for (name, recs, gzip, bad_i, msg) in cases {
        let dir = tempfile::tempdir().unwrap();
        let mut data = Vec::new();
        let mut bad_at = 0;
        for (i, r) in recs.iter().enumerate() {
            if i == bad_i {
                bad_at = data.len();
            }
            if gzip && name == "ends mid-record" && i == bad_i {
                // A whole record, gzipped, then cut: a truncated member at the end.
                let m = gz(&good(2));
                data.extend_from_slice(&m[..m.len() - 30]);
            } else if gzip {
                data.extend(gz(r));
            } else {
                data.extend_from_slice(r);
            }
        }
        let f = write(dir.path(), "crawl.warc", &data);
        for format in ["jsonl", "parquet"] {
            let out = dir.path().join(format!("out.{format}"));
            let o = run(&["extract", p(&f), "-f", format, "-o", p(&out)]);
            let what = format!("{name} (gzip: {gzip}, {format})");
            assert_eq!(o.status.code(), Some(2), "{what}: {}", stderr(&o));
            let recs: Vec<Value> = if format == "jsonl" {
                jsonl(&std::fs::read(&out).unwrap())
            } else {
                parquet_rows(&out)
            };
            let good_titles: Vec<&str> = recs.iter().filter_map(|r| r["title"].as_str()).collect();
            let want: Vec<String> = (0..recs.len())
                .filter(|&i| i != bad_i)
                .map(|i| format!("Story {i}"))
                .collect();
            assert_eq!(good_titles, want, "{what}");
            let errs: Vec<&Value> = recs.iter().filter(|r| !r["error"].is_null()).collect();
            assert_eq!(errs.len(), 1, "{what}: {recs:?}");
            let e = errs[0];
            assert_eq!(e["source"], format!("{}#{bad_at}", p(&f)), "{what}");
            assert_eq!(e["warc_file"], p(&f), "{what}");
            assert_eq!(e["error_kind"], "input", "{what}");
            let text = e["error"].as_str().unwrap();
            assert!(
                text.starts_with(&format!("{}: at offset {bad_at}: ", p(&f))) && text.contains(msg),
                "{what}: {text}"
            );
            // In its place among the records.
            assert_eq!(
                recs.iter().position(|r| !r["error"].is_null()),
                Some(bad_i),
                "{what}"
            );
            // One stderr line for it, and the summary counts it.
            let err = stderr(&o);
            let lines: Vec<&str> = err.lines().collect();
            assert_eq!(lines.len(), 2, "{what}: {err}");
            assert_eq!(lines[0], format!("gleaner: {text}"), "{what}");
            assert!(lines[1].contains(", 1 error, "), "{what}: {err}");
        }
    }
}

/// The rows of a Parquet file as JSON objects (the string columns the tests look at).
fn parquet_rows(path: &Path) -> Vec<Value> {
    use arrow_array::{Array, StringArray};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(path).unwrap())
        .unwrap()
        .build()
        .unwrap();
    let mut rows = Vec::new();
    for batch in reader {
        let batch = batch.unwrap();
        for i in 0..batch.num_rows() {
            let mut row = serde_json::Map::new();
            for name in ["source", "title", "error", "error_kind", "warc_file"] {
                let col = batch.column(batch.schema().index_of(name).unwrap());
                let col = col.as_any().downcast_ref::<StringArray>().unwrap();
                let v = if col.is_null(i) {
                    Value::Null
                } else {
                    Value::String(col.value(i).to_string())
                };
                row.insert(name.to_string(), v);
            }
            rows.push(Value::Object(row));
        }
    }
    rows
}

#[test]
fn chunked_and_gzip_encoded_http_bodies_are_decoded() {
    let html = page(0, "en", "2024-03-05");
    let encoded = gz(&html);
    let mut chunked = Vec::new();
    for c in encoded.chunks(50) {
        chunked.extend_from_slice(format!("{:x}\r\n", c.len()).as_bytes());
        chunked.extend_from_slice(c);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let rec = response_with(
        0,
        "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
        &chunked,
        None,
        "",
    );
    let dir = tempfile::tempdir().unwrap();
    let mut data = gz(&rec);
    data.extend(gz(&good(1)));
    let f = write(dir.path(), "c.warc.gz", &data);
    let o = run(&["extract", p(&f)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let recs = jsonl(&o.stdout);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["title"], "Story 0");
    assert!(recs[0]["text"]
        .as_str()
        .unwrap()
        .contains("Residents welcomed the decision"));
    assert_eq!(recs[1]["title"], "Story 1");
}

/// Peak resident memory of a running child (Linux), polled until it exits.
fn wait_peak_rss_kb(mut child: std::process::Child) -> (Output, Option<u64>) {
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak = None;
    loop {
        if let Ok(s) = std::fs::read_to_string(&status_path) {
            let hwm = s
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<u64>().ok());
            peak = peak.max(hwm);
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    (child.wait_with_output().unwrap(), peak)
}

#[test]
fn a_200_mb_record_is_skipped_in_bounded_memory() {
    // Written to disk in 1 MiB pieces: never held in memory, here or in gleaner.
    const SIZE: usize = 200 * 1024 * 1024;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.warc");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let first = good(0);
    f.write_all(&first).unwrap();
    let head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>";
    write!(
        f,
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://a.example/big\r\n\
         WARC-Date: 2024-03-05T08:00:00Z\r\nWARC-Record-ID: <urn:uuid:big>\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        head.len() + SIZE
    )
    .unwrap();
    f.write_all(head).unwrap();
    let piece = b"All work and no play makes a very long page. ".repeat(1024 * 1024 / 46 + 1);
    let mut left = SIZE;
    while left > 0 {
        let n = left.min(piece.len());
        f.write_all(&piece[..n]).unwrap();
        left -= n;
    }
    f.write_all(b"\r\n\r\n").unwrap();
    f.write_all(&good(2)).unwrap();
    f.flush().unwrap();
    drop(f);

    let child = gleaner()
        .args(["extract", p(&path)])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (o, peak) = wait_peak_rss_kb(child);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let recs = jsonl(&o.stdout);
    assert_eq!(recs.len(), 3, "{recs:?}");
    assert_eq!(recs[0]["title"], "Story 0");
    assert_eq!(recs[2]["title"], "Story 2");
    let big = &recs[1];
    assert_eq!(big["error_kind"], "too_large");
    assert_eq!(big["source"], format!("{}#{}", p(&path), first.len()));
    assert!(big["error"].as_str().unwrap().contains("over the"), "{big}");
    match peak {
        // The limit is 64 MiB and this block is never held: far below the record's size.
        Some(kb) => assert!(kb < 100 * 1024, "peak RSS {kb} KB"),
        None => eprintln!("SKIPPED: peak memory check (no /proc/PID/status)"),
    }
}

/// A `resource` record (not HTML) of `n` pseudo-random bytes: incompressible.
fn noise_record(n: usize) -> Vec<u8> {
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    let mut block = Vec::with_capacity(n);
    while block.len() < n {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        block.extend_from_slice(&x.to_le_bytes());
    }
    block.truncate(n);
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: https://a.example/noise\r\n\
         WARC-Record-ID: <urn:uuid:noise>\r\nContent-Type: image/jpeg\r\nContent-Length: {n}\r\n\r\n"
    )
    .into_bytes();
    r.extend_from_slice(&block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

/// `.warc.gz` files are gunzipped in parallel, cut at gzip member headers; stdin is read
/// sequentially. Both must give the same records for any member layout.
#[test]
fn parallel_gunzip_gives_what_a_sequential_read_gives() {
    let stored = |bytes: &[u8]| {
        // Stored deflate blocks: the bytes appear as they are in the compressed data.
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::none());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    };
    // A page whose text holds the bytes of a gzip member header.
    let fake_header = {
        let mut html = page(50, "en", "2024-03-05");
        let at = html.windows(4).position(|w| w == b"<p>R").unwrap();
        html.splice(at..at, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, b' ']);
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".to_vec();
        block.extend_from_slice(&html);
        record("response", "https://a.example/story/50", 50, &block)
    };
    let two_records = [good(60), good(61)].concat();
    let split = good(70);
    let (split_a, split_b) = split.split_at(200);
    let truncated = gz(&good(80));
    let layouts: Vec<(&str, Vec<u8>)> = vec![
        ("one member per record", warc(4)),
        ("fake member header inside a member", {
            let mut d = gz(&good(0));
            d.extend(stored(&fake_header));
            d.extend(gz(&good(1)));
            d.extend(stored(&fake_header));
            d
        }),
        ("a truncated member in the middle", {
            let mut d = gz(&good(0));
            d.extend_from_slice(&truncated[..truncated.len() / 2]);
            d.extend(gz(&good(1)));
            d
        }),
        ("garbage between members", {
            let mut d = gz(&good(0));
            d.extend_from_slice(b"garbage between members\r\n");
            d.extend(gz(&good(1)));
            d
        }),
        ("two records in one member", {
            let mut d = gz(&good(0));
            d.extend(gz(&two_records));
            d.extend(gz(&good(1)));
            d
        }),
        ("a record split over two members", {
            let mut d = gz(&good(0));
            d.extend(gz(split_a));
            d.extend(gz(split_b));
            d.extend(gz(&good(1)));
            d
        }),
        (
            "one member for the whole file",
            gz(&[good(0), good(1), good(2)].concat()),
        ),
        ("a member too long to hold", {
            let mut d = gz(&good(0));
            d.extend(stored(&noise_record(17 << 20)));
            d.extend(gz(&good(1)));
            d
        }),
        ("a first member over 4 MiB", {
            let mut d = stored(&noise_record(5 << 20));
            d.extend(gz(&good(0)));
            d.extend(gz(&good(1)));
            d
        }),
        ("truncated at the end", {
            let mut d = gz(&good(0));
            d.extend_from_slice(&truncated[..truncated.len() - 5]);
            d
        }),
    ];
    for (name, data) in layouts {
        let dir = tempfile::tempdir().unwrap();
        let f = write(dir.path(), "x.warc.gz", &data);
        // `-j 1` cuts and gunzips on its one thread, `-j 2` in its workers.
        let one = run(&["extract", p(&f), "-j", "1"]);
        let file = run(&["extract", p(&f), "-j", "2"]);
        assert_eq!(one.status.code(), file.status.code(), "{name}");
        assert_eq!(one.stdout, file.stdout, "{name}");
        // The same error lines and summary counts (the summary ends with timings).
        let stable = |o: &[u8]| {
            let e = String::from_utf8_lossy(o).into_owned();
            let (lines, summary) = e.trim_end().rsplit_once('\n').unwrap_or(("", &e));
            let counts: Vec<&str> = summary.split(", ").take(7).collect();
            format!("{lines}\n{}", counts.join(", "))
        };
        assert_eq!(stable(&one.stderr), stable(&file.stderr), "{name}");
        let mut child = gleaner()
            .args(["extract", "-", "-j", "2"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(&data).unwrap();
        let stdin = child.wait_with_output().unwrap();
        assert_eq!(file.status.code(), stdin.status.code(), "{name}");
        let from_file = String::from_utf8(file.stdout)
            .unwrap()
            .replace(&format!("\"{}", p(&f)), "\"-");
        let from_stdin = String::from_utf8(stdin.stdout).unwrap();
        assert_eq!(from_file, from_stdin, "{name}");
        assert!(!from_file.is_empty(), "{name}");
        // The same summary counts.
        let counts = |o: &[u8]| {
            let e = String::from_utf8_lossy(o).into_owned();
            let last = e.lines().last().unwrap_or("").to_string();
            last.split(", ").take(7).collect::<Vec<_>>().join(", ")
        };
        assert_eq!(counts(&file.stderr), counts(&stdin.stderr), "{name}");
        if name == "fake member header inside a member" {
            let titles: Vec<String> = jsonl(from_file.as_bytes())
                .iter()
                .map(|r| r["title"].as_str().unwrap_or("").to_string())
                .collect();
            assert_eq!(titles, ["Story 0", "Story 50", "Story 1", "Story 50"]);
        }
    }
}
