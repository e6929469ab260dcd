//! End-to-end tests of `gleaner extract`, driving the built binary.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};

use serde_json::Value;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn gleaner() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gleaner"));
    // The HTTP tests talk to 127.0.0.1 only: never through a proxy.
    for v in [
        "http_proxy",
        "HTTP_PROXY",
        "https_proxy",
        "HTTPS_PROXY",
        "all_proxy",
        "ALL_PROXY",
    ] {
        c.env_remove(v);
    }
    c.env("NO_PROXY", "127.0.0.1,localhost");
    c
}

fn run(args: &[&str]) -> Output {
    gleaner().args(args).output().expect("run gleaner")
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = gleaner()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn gleaner");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn jsonl(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

const SINGLE_TXT_START: &str = "Library extends opening hours for exam season\n\n2024-02-12\n\n\
Millbrook's central library will stay open until 10pm on weekdays";

#[test]
fn single_file_prints_text() {
    let o = run(&["extract", p(&data("single.html"))]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with(SINGLE_TXT_START), "{out}");
    assert!(out.contains("\n\nExtra study spaces\n\n"));
    assert!(out.contains("\n\nMondays: planning a revision timetable\n\n"));
    assert!(out.ends_with("survey at the front desk.\n"));
    assert!(!out.contains("Contact us"), "navigation leaked: {out}");
    assert!(!out.contains("Copyright"), "footer leaked: {out}");
    // A single input prints no summary line.
    assert_eq!(stderr(&o), "");
}

#[test]
fn directory_gives_sorted_jsonl() {
    let o = run(&["extract", p(&data("dir"))]);
    assert!(o.status.success(), "{}", stderr(&o));
    let recs = jsonl(&o);
    let sources: Vec<String> = recs
        .iter()
        .map(|r| {
            let s = r["source"].as_str().unwrap();
            s[s.find("dir").unwrap()..].replace('\\', "/")
        })
        .collect();
    assert_eq!(
        sources,
        ["dir/a.html", "dir/b.htm", "dir/sub/c.html", "dir/z.html"]
    );
    assert_eq!(recs[0]["title"], "Park reopens after storm repairs");
    assert_eq!(recs[1]["title"], "Bakery wins regional bread prize");
    for r in &recs {
        assert!(r["error"].is_null());
        assert!(r["text"].as_str().unwrap().contains("press conference"));
        assert_eq!(r["blocks"][0]["type"], "paragraph");
        assert_eq!(r["authors"], Value::Array(vec![]));
    }
    let err = stderr(&o);
    assert!(
        err.starts_with("gleaner: 4 inputs, 4 articles, 0 rejected, 0 errors, "),
        "{err}"
    );
    assert!(err.trim_end().ends_with("pages/s"), "{err}");
    assert_eq!(err.lines().count(), 1);

    let quiet = run(&["extract", "--quiet", p(&data("dir"))]);
    assert_eq!(stderr(&quiet), "");
    assert_eq!(quiet.stdout, o.stdout);
}

#[test]
fn record_schema_fields() {
    let o = run(&["extract", "-f", "json", p(&data("single.html"))]);
    assert!(o.status.success());
    let r: Value = serde_json::from_str(&stdout(&o)).expect("one pretty JSON object");
    assert!(stdout(&o).starts_with("{\n  \"source\": "));
    assert!(r["source"].as_str().unwrap().ends_with("single.html"));
    assert!(r["url"].is_null());
    assert_eq!(r["title"], "Library extends opening hours for exam season");
    assert_eq!(r["authors"], serde_json::json!(["Sam Rivera"]));
    assert_eq!(r["published"], "2024-02-12");
    assert_eq!(r["language"], "en");
    assert_eq!(r["site_name"], "Millbrook Gazette");
    assert!(r["error"].is_null() && r["error_kind"].is_null());
    let text = r["text"].as_str().unwrap();
    let blocks = r["blocks"].as_array().unwrap();
    assert_eq!(text.lines().count(), blocks.len());
    assert!(blocks
        .iter()
        .any(|b| b["type"] == "heading" && b["level"] == 2 && b["text"] == "Extra study spaces"));
    assert!(blocks
        .iter()
        .any(|b| b["type"] == "list_item" && b["ordered"] == false && b["depth"] == 0));
    assert!(blocks.iter().any(|b| b["type"] == "quote"));
}

#[test]
fn broken_inputs_become_error_records() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(data("dir/a.html"), dir.path().join("1-good.html")).unwrap();
    std::fs::write(dir.path().join("2-empty.html"), b"").unwrap();
    std::fs::write(
        dir.path().join("3-binary.html"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x02\0\0\0",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("4-short.html"),
        b"<html><body><nav><a href=/>Home</a> <a href=/news>Latest news</a> <a href=/about>About</a></nav>\
          <p>Nothing here.</p></body></html>",
    )
    .unwrap();
    std::fs::copy(data("dir/b.htm"), dir.path().join("5-good.htm")).unwrap();

    let o = run(&["extract", "-j", "2", p(dir.path())]);
    // Every input was read, so rejections do not make the run fail.
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let recs = jsonl(&o);
    assert_eq!(recs.len(), 5);
    let kinds: Vec<&Value> = recs.iter().map(|r| &r["error_kind"]).collect();
    assert_eq!(
        kinds,
        [
            &Value::Null,
            &Value::from("empty"),
            &Value::from("not_html"),
            &Value::from("no_article"),
            &Value::Null
        ]
    );
    assert_eq!(recs[1]["error"], "empty input");
    assert!(recs[2]["error"].as_str().unwrap().contains("PNG"));
    assert!(recs[2]["source"]
        .as_str()
        .unwrap()
        .ends_with("3-binary.html"));
    assert!(recs[2]["title"].is_null() && recs[2]["text"].is_null());
    assert_eq!(recs[4]["title"], "Bakery wins regional bread prize");
    let err = stderr(&o);
    assert!(
        err.starts_with(
            "gleaner: 5 inputs, 2 articles, 3 rejected (empty: 1, no_article: 1, not_html: 1), 0 errors"
        ),
        "{err}"
    );

    // An input that cannot be read at all: an error record, the others still work, exit 2.
    let missing = dir.path().join("missing.html");
    let o = run(&[
        "extract",
        p(&data("dir/a.html")),
        p(&missing),
        p(&data("dir/z.html")),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let recs = jsonl(&o);
    assert_eq!(recs.len(), 3);
    assert!(recs[0]["error"].is_null() && recs[2]["error"].is_null());
    assert_eq!(recs[1]["error_kind"], "input");
    assert!(recs[1]["error"]
        .as_str()
        .unwrap()
        .starts_with("cannot open"));
    assert!(stderr(&o).contains(", 1 error, "));

    // Text formats report failures on stderr and print only the articles.
    let o = run(&["extract", "-f", "txt", p(&data("dir/a.html")), p(&missing)]);
    assert_eq!(o.status.code(), Some(2));
    let out = stdout(&o);
    assert!(out.starts_with("==> "), "{out}");
    assert!(out.contains("Park reopens after storm repairs"));
    assert!(!out.contains("missing.html"));
    assert!(stderr(&o).contains(&format!("gleaner: {}: cannot open", missing.display())));
}

#[test]
fn gzip_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let html = std::fs::read(data("single.html")).unwrap();
    let gz = dir.path().join("page.html.gz");
    std::fs::write(&gz, gzip(&html)).unwrap();
    let plain = run(&["extract", p(&data("single.html"))]);
    let o = run(&["extract", p(&gz)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), stdout(&plain));

    // Found by the directory walk, and recognised by content on stdin.
    let o = run(&["extract", p(dir.path())]);
    let recs = jsonl(&o);
    assert_eq!(recs.len(), 1);
    assert_eq!(
        recs[0]["title"],
        "Library extends opening hours for exam season"
    );
    let o = run_stdin(&["extract", "-"], &gzip(&html));
    assert_eq!(stdout(&o), stdout(&plain));

    // A corrupt .gz file is an input error.
    let bad = dir.path().join("bad.html.gz");
    std::fs::write(&bad, b"\x1f\x8b\x08\0garbage").unwrap();
    let o = run(&["extract", "-f", "jsonl", p(&bad)]);
    assert_eq!(o.status.code(), Some(2));
    let recs = jsonl(&o);
    assert_eq!(recs[0]["error_kind"], "input");
    assert!(recs[0]["error"].as_str().unwrap().contains("gzip"));
}

#[test]
fn stdin_input_and_url_option() {
    let html = std::fs::read(data("single.html")).unwrap();
    let o = run_stdin(&["extract", "-"], &html);
    assert!(o.status.success());
    assert!(stdout(&o).starts_with(SINGLE_TXT_START));

    let o = run_stdin(
        &[
            "extract",
            "-f",
            "json",
            "--url",
            "https://gazette.example/library",
            "-",
        ],
        &html,
    );
    let r: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(r["source"], "-");
    assert_eq!(r["url"], "https://gazette.example/library");
}

#[test]
fn encoding_override() {
    let f = data("cp1252.html");
    // The page wrongly declares koi8-r; the override wins over <meta charset>.
    let wrong = stdout(&run(&["extract", p(&f)]));
    assert!(!wrong.contains("café"), "{wrong}");
    let o = run(&["extract", "--encoding", "windows-1252", p(&f)]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(
        out.starts_with("Le café du port rouvre ses portes\n"),
        "{out}"
    );
    assert!(out.contains("« C’est une très belle journée »"), "{out}");
    assert!(out.contains("Hélène Dubois"));

    let o = run(&["extract", "--encoding", "no-such-charset", p(&f)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("unknown encoding"));
}

#[test]
fn several_inputs_as_json_array() {
    let o = run(&[
        "extract",
        "-f",
        "json",
        p(&data("dir/a.html")),
        p(&data("dir/nope.html")),
        p(&data("dir/b.htm")),
    ]);
    let v: Value = serde_json::from_str(&stdout(&o)).expect("a JSON array");
    let a = v.as_array().unwrap();
    assert_eq!(a.len(), 3);
    assert_eq!(a[0]["title"], "Park reopens after storm repairs");
    assert_eq!(a[1]["error_kind"], "input");
    assert_eq!(a[2]["title"], "Bakery wins regional bread prize");

    // A directory counts as several, even with one page: still an array.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(data("dir/a.html"), dir.path().join("a.html")).unwrap();
    let o = run(&["extract", "-f", "json", p(dir.path())]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    // An empty directory gives an empty array.
    let empty = tempfile::tempdir().unwrap();
    let o = run(&["extract", "-f", "json", p(empty.path())]);
    assert_eq!(stdout(&o), "[]\n");
    assert!(o.status.success());
}

#[test]
fn markdown_format() {
    let o = run(&["extract", "--format", "markdown", p(&data("single.html"))]);
    assert!(o.status.success());
    let md = stdout(&o);
    assert!(
        md.starts_with(
            "# Library extends opening hours for exam season\n\n*By Sam Rivera · 2024-02-12*\n\n"
        ),
        "{md}"
    );
    assert!(md.contains("\n\n## Extra study spaces\n\n"));
    assert!(md.contains(
        "\n\n- Mondays: planning a revision timetable\n- Wednesdays: past papers and marking schemes\n\n"
    ));
    assert!(md.contains("\n\n> Every year we see students"));
    // `md` is an alias.
    let o2 = run(&["extract", "-f", "md", p(&data("single.html"))]);
    assert_eq!(o2.stdout, o.stdout);
}

#[test]
fn html_format_round_trips() {
    let o = run(&["extract", "-f", "html", p(&data("single.html"))]);
    assert!(o.status.success());
    let html = stdout(&o);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.contains("<article>\n<h1>Library extends opening hours for exam season</h1>\n"));
    assert!(html.contains("<h2>Extra study spaces</h2>"));
    assert!(html.contains("<ul>\n<li>Mondays: planning a revision timetable</li>\n"));
    assert!(html.contains("<blockquote>\n<p>Every year"));
    assert!(!html.contains("Contact us"));

    // Extracting gleaner's own HTML again gives the same article.
    let again = run_stdin(&["extract", "-f", "json", "-"], html.as_bytes());
    let first = run(&["extract", "-f", "json", p(&data("single.html"))]);
    let a: Value = serde_json::from_str(&stdout(&first)).unwrap();
    let b: Value = serde_json::from_str(&stdout(&again)).unwrap();
    for k in [
        "title",
        "authors",
        "published",
        "language",
        "site_name",
        "text",
        "blocks",
    ] {
        assert_eq!(a[k], b[k], "{k}");
    }
}

#[test]
fn output_file_and_options() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonl");
    let o = run(&["extract", "-o", p(&out), "-q", p(&data("dir"))]);
    assert!(o.status.success());
    assert!(o.stdout.is_empty() && o.stderr.is_empty());
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.lines().count(), 4);

    // --min-words rejects short bodies; --max-bytes rejects big inputs.
    let o = run(&[
        "extract",
        "-f",
        "jsonl",
        "--min-words",
        "5000",
        p(&data("single.html")),
    ]);
    assert_eq!(jsonl(&o)[0]["error_kind"], "no_article");
    assert!(o.status.success());
    let o = run(&[
        "extract",
        "-f",
        "jsonl",
        "--max-bytes",
        "100",
        p(&data("single.html")),
    ]);
    let r = &jsonl(&o)[0];
    assert_eq!(r["error_kind"], "too_large");
    assert!(r["error"].as_str().unwrap().contains("100-byte limit"));
    assert!(o.status.success());

    // A rejected single input in txt mode: message on stderr, nothing on stdout.
    let o = run(&["extract", "--min-words", "5000", p(&data("single.html"))]);
    assert!(o.stdout.is_empty());
    assert!(stderr(&o).contains("no article found"));

    // Usage errors exit with 1.
    assert_eq!(run(&["extract"]).status.code(), Some(1));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(1));
    let o = run(&["extract", "--url", "https://x.example/", p(&data("dir"))]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--url"));
    assert_eq!(run(&["extract", "--help"]).status.code(), Some(0));
}

#[test]
fn large_batch_keeps_input_order() {
    // More inputs than one processing batch, good and bad pages interleaved.
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read(data("dir/a.html")).unwrap();
    let n = 700;
    for i in 0..n {
        let name = dir.path().join(format!("page-{i:04}.html"));
        if i % 7 == 3 {
            std::fs::write(name, b"").unwrap();
        } else {
            let page = String::from_utf8(good.clone())
                .unwrap()
                .replace("Park reopens", &format!("Park {i} reopens"));
            std::fs::write(name, page).unwrap();
        }
    }
    let o = run(&["extract", "-j", "2", p(dir.path())]);
    assert!(o.status.success());
    let recs = jsonl(&o);
    assert_eq!(recs.len(), n);
    for (i, r) in recs.iter().enumerate() {
        assert!(r["source"]
            .as_str()
            .unwrap()
            .ends_with(&format!("page-{i:04}.html")));
        if i % 7 == 3 {
            assert_eq!(r["error_kind"], "empty");
        } else {
            assert_eq!(r["title"], format!("Park {i} reopens after storm repairs"));
        }
    }
    assert!(stderr(&o).starts_with(&format!(
        "gleaner: {n} inputs, {} articles, {} rejected (empty: {}), 0 errors",
        n - 100,
        100,
        100
    )));
}

// ---------------------------------------------------------------------------------------------
// HTTP: a tiny server on 127.0.0.1 serving fixed responses.
// ---------------------------------------------------------------------------------------------

struct Server {
    base: String,
    /// The request heads received, in order.
    requests: Arc<Mutex<Vec<String>>>,
}

fn serve() -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let requests = Arc::new(Mutex::new(Vec::new()));
    let log = requests.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let log = log.clone();
            std::thread::spawn(move || handle(stream, &log));
        }
    });
    Server { base, requests }
}

fn handle(mut s: TcpStream, log: &Mutex<Vec<String>>) {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match s.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
    log.lock().unwrap().push(head);
    let page = std::fs::read(data("cp1252.html")).unwrap();
    let (status, headers, body): (&str, Vec<String>, Vec<u8>) = match path.as_str() {
        "/article" => (
            "200 OK",
            vec!["Content-Type: text/html; charset=windows-1252".into()],
            page,
        ),
        "/old-address" => (
            "301 Moved Permanently",
            vec!["Location: /article".into()],
            vec![],
        ),
        "/loop" => ("302 Found", vec!["Location: /loop".into()], vec![]),
        "/big" => (
            "200 OK",
            vec!["Content-Type: text/html".into()],
            vec![b'x'; 50_000],
        ),
        "/big-chunked" => ("200 OK", vec![], vec![b'x'; 50_000]),
        _ => (
            "404 Not Found",
            vec!["Content-Type: text/html".into()],
            b"<h1>Not found</h1>".to_vec(),
        ),
    };
    let mut resp = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
    for h in headers {
        resp.push_str(&h);
        resp.push_str("\r\n");
    }
    if path != "/big-chunked" {
        // Without Content-Length the body runs to the end of the connection.
        resp.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    resp.push_str("\r\n");
    let _ = s.write_all(resp.as_bytes());
    let _ = s.write_all(&body);
    let _ = s.flush();
}

#[test]
fn fetches_urls() {
    let srv = serve();
    let url = format!("{}/article", srv.base);
    let o = run(&["extract", "-f", "json", &url]);
    assert!(o.status.success(), "{}", stderr(&o));
    let r: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(r["source"], url.as_str());
    assert_eq!(r["url"], url.as_str());
    // The charset from the Content-Type header wins over the page's wrong <meta charset>.
    assert_eq!(r["title"], "Le café du port rouvre ses portes");
    let heads = srv.requests.lock().unwrap().clone();
    let ua = heads[0]
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("user-agent:"))
        .expect("a User-Agent header");
    assert_eq!(
        ua["user-agent:".len()..].trim(),
        format!(
            "gleaner/{} (+https://example.invalid/gleaner)",
            env!("CARGO_PKG_VERSION")
        )
    );
}

#[test]
fn follows_redirects_and_uses_the_final_url() {
    let srv = serve();
    let start = format!("{}/old-address", srv.base);
    let o = run(&["extract", "-f", "jsonl", &start]);
    assert!(o.status.success(), "{}", stderr(&o));
    let r = &jsonl(&o)[0];
    assert_eq!(r["source"], start.as_str());
    assert_eq!(r["url"], format!("{}/article", srv.base));
    assert_eq!(r["title"], "Le café du port rouvre ses portes");

    // A redirect loop stops at the limit and is an input error.
    let o = run(&["extract", "-f", "jsonl", &format!("{}/loop", srv.base)]);
    assert_eq!(o.status.code(), Some(2));
    let r = &jsonl(&o)[0];
    assert_eq!(r["error_kind"], "input");
    assert!(r["error"].as_str().unwrap().contains("redirect"), "{r}");
    let loops = srv
        .requests
        .lock()
        .unwrap()
        .iter()
        .filter(|h| h.starts_with("GET /loop "))
        .count();
    assert!((10..=11).contains(&loops), "{loops} requests");
}

#[test]
fn fetch_size_cap_and_http_errors() {
    let srv = serve();
    let big = format!("{}/big", srv.base);
    let chunked = format!("{}/big-chunked", srv.base);
    let missing = format!("{}/missing", srv.base);
    let o = run(&["extract", "--max-bytes", "10000", &big, &chunked, &missing]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let recs = jsonl(&o);
    assert_eq!(recs[0]["error_kind"], "too_large");
    assert!(recs[0]["error"].as_str().unwrap().contains("50000 bytes"));
    assert_eq!(recs[1]["error_kind"], "too_large");
    assert_eq!(recs[2]["error_kind"], "input");
    assert!(
        recs[2]["error"].as_str().unwrap().contains("404"),
        "{}",
        recs[2]
    );

    // Connection refused is an input error too.
    let closed = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let o = run(&[
        "extract",
        "-f",
        "jsonl",
        "--timeout",
        "5",
        &format!("http://{closed}/"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(jsonl(&o)[0]["error_kind"], "input");
}
