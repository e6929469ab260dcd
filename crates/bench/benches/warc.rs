//! WARC batch throughput: `gleaner extract FILE.warc.gz` end to end (read, gunzip, HTTP
//! parsing, extraction, JSON Lines writing) on 1 and 2 worker threads, next to extraction
//! alone (`gleaner_extract::extract` in a loop, one thread) on the same pages.
//!
//! Run with `cargo bench -p gleaner-bench --bench warc`. It builds the release `gleaner`
//! binary first (`cargo build --release -p gleaner`), then in setup writes a WARC file
//! (one gzip member per `response` record) of the first `GLEANER_BENCH_PAGES` (default
//! 250) pages of every shared corpus (`$GLEANER_SHARED/corpus/*.jsonl.gz`), or of 3,000
//! generated pages when the corpora are absent.
//!
//! Reported (median of `GLEANER_BENCH_ROUNDS`, default 3, interleaved rounds): MB/s of
//! HTML and records/s for each, the ratios against the targets (end-to-end 1 thread
//! within 1.15x of extraction alone; 2 threads at least 1.8x of 1 thread), and peak RSS
//! (`/usr/bin/time`) on the file and on a file four times as long (memory must not grow
//! with the number of records).
//!
//! `GLEANER_BENCH_KEEP_WARC=PATH` keeps a copy of the WARC file (for profiling by hand,
//! for example `perf record -F 999 -- gleaner extract PATH -j 2 -q -o /dev/null` and
//! `perf report --sort comm`: the CPU time of the reader thread, the workers and the
//! writer; `-j 1` runs on one thread, so its profile is that thread's).
//!
//! Without `--bench` (as under `cargo test --benches`) it runs a tiny smoke check instead.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use gleaner_bench::{corpus_files, load_corpus_sample, shared_dir, synthetic_pages, Page};

/// One `response` record holding `page`, gzipped as its own member.
fn warc_member(page: &Page, n: usize) -> Vec<u8> {
    let url = page
        .url
        .clone()
        .filter(|u| u.starts_with("http"))
        .unwrap_or_else(|| format!("http://bench.invalid/{n}"));
    let mut block = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
        page.html.len()
    )
    .into_bytes();
    block.extend_from_slice(page.html.as_bytes());
    let mut rec = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2024-03-05T08:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{n:012}>\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    rec.extend_from_slice(&block);
    rec.extend_from_slice(b"\r\n\r\n");
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(&rec).expect("gzip in memory");
    e.finish().expect("gzip in memory")
}

fn write_warc(path: &Path, pages: &[Page], copies: usize) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).expect("create WARC"));
    let members: Vec<Vec<u8>> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| warc_member(p, i))
        .collect();
    for _ in 0..copies {
        for m in &members {
            f.write_all(m).expect("write WARC");
        }
    }
    f.flush().expect("write WARC");
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The release `gleaner` binary next to this bench's own target directory, built first.
fn gleaner_binary() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--release", "--quiet", "-p", "gleaner"])
        .status()
        .expect("run cargo build");
    assert!(status.success(), "cargo build --release -p gleaner failed");
    // target/release/deps/warc-HASH -> target/release/gleaner
    let exe = std::env::current_exe().expect("bench path");
    let dir = exe.parent().and_then(Path::parent).expect("target dir");
    let bin = dir.join("gleaner");
    assert!(bin.exists(), "{} not found", bin.display());
    bin
}

/// Runs `gleaner extract` on `warc` with `threads` workers; returns (seconds, peak RSS in
/// KB when `/usr/bin/time` exists, JSON lines written).
fn run_gleaner(bin: &Path, warc: &Path, out: &Path, threads: usize) -> (f64, Option<u64>, usize) {
    let time = Path::new("/usr/bin/time");
    let mut cmd = if time.exists() {
        let mut c = Command::new(time);
        c.args(["-f", "%M"]).arg(bin);
        c
    } else {
        Command::new(bin)
    };
    cmd.arg("extract")
        .arg(warc)
        .args(["--quiet", "-j", &threads.to_string(), "-o"])
        .arg(out);
    let t = Instant::now();
    let o = cmd.output().expect("run gleaner");
    let secs = t.elapsed().as_secs_f64();
    assert!(
        o.status.success(),
        "gleaner failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let rss = String::from_utf8_lossy(&o.stderr)
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok());
    let lines = std::fs::read(out)
        .map(|b| b.iter().filter(|&&c| c == b'\n').count())
        .unwrap_or(0);
    (secs, rss, lines)
}

fn extract_all(pages: &[Page]) -> f64 {
    let opts = gleaner_extract::Options::default();
    let t = Instant::now();
    let mut n = 0usize;
    for p in pages {
        if let Ok(out) = gleaner_extract::extract(p.html.as_bytes(), p.url.as_deref(), &opts) {
            n += std::hint::black_box(out.article.blocks.len());
        }
    }
    std::hint::black_box(n);
    t.elapsed().as_secs_f64()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let bench = std::env::args().any(|a| a == "--bench");
    let tmp = std::env::temp_dir().join(format!("gleaner-warc-bench-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).expect("temp dir");
    if !bench {
        // Smoke check: the WARC builder produces a file gleaner-warc reads back.
        let pages = synthetic_pages(3);
        let path = tmp.join("smoke.warc.gz");
        write_warc(&path, &pages, 1);
        let n = gleaner_warc::WarcReader::open(&path)
            .expect("open")
            .html_pages()
            .filter(|p| p.is_ok())
            .count();
        assert_eq!(n, 3);
        let _ = std::fs::remove_dir_all(&tmp);
        println!("warc bench smoke check ok (run with --bench to measure)");
        return;
    }

    let files = corpus_files(&shared_dir());
    let pages = if files.is_empty() {
        println!("corpora not found: using {} generated pages", 3000);
        synthetic_pages(3000)
    } else {
        load_corpus_sample(&files, env_usize("GLEANER_BENCH_PAGES", 250)).expect("read corpora")
    };
    let html_bytes: usize = pages.iter().map(|p| p.html.len()).sum();
    let mb = html_bytes as f64 / 1e6;
    let warc = tmp.join("bench.warc.gz");
    let warc4 = tmp.join("bench4.warc.gz");
    write_warc(&warc, &pages, 1);
    write_warc(&warc4, &pages, 4);
    let warc_mb = std::fs::metadata(&warc).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
    println!(
        "{} pages, {mb:.1} MB of HTML, WARC file {warc_mb:.1} MB (gzip per record)",
        pages.len()
    );
    if let Some(keep) = std::env::var_os("GLEANER_BENCH_KEEP_WARC") {
        // For profiling by hand: `perf record gleaner extract <file> -j 1 -o /dev/null`.
        std::fs::copy(&warc, &keep).expect("copy the WARC file");
        println!("WARC file kept as {}", Path::new(&keep).display());
    }
    let bin = gleaner_binary();
    let out = tmp.join("out.jsonl");

    let rounds = env_usize("GLEANER_BENCH_ROUNDS", 3).max(1);
    let (mut ex, mut e1, mut e2) = (Vec::new(), Vec::new(), Vec::new());
    let mut rss2 = None;
    for r in 0..rounds {
        ex.push(extract_all(&pages));
        let (s, _, lines) = run_gleaner(&bin, &warc, &out, 1);
        assert_eq!(lines, pages.len(), "one record per page");
        e1.push(s);
        let (s, rss, _) = run_gleaner(&bin, &warc, &out, 2);
        e2.push(s);
        rss2 = rss2.max(rss);
        eprintln!(
            "round {}: extract {:.2} s, -j 1 {:.2} s, -j 2 {:.2} s",
            r + 1,
            ex[r],
            e1[r],
            e2[r]
        );
    }
    let (ex, e1, e2) = (median(ex), median(e1), median(e2));
    let n = pages.len() as f64;
    println!("{:<34} {:>9} {:>10}", "", "MB/s", "records/s");
    println!(
        "{:<34} {:>9.1} {:>10.0}",
        "extraction alone (1 thread)",
        mb / ex,
        n / ex
    );
    println!(
        "{:<34} {:>9.1} {:>10.0}",
        "end to end, gleaner -j 1",
        mb / e1,
        n / e1
    );
    println!(
        "{:<34} {:>9.1} {:>10.0}",
        "end to end, gleaner -j 2",
        mb / e2,
        n / e2
    );
    println!(
        "end-to-end -j 1 / extraction alone: {:.2}x the time (target <= 1.15)",
        e1 / ex
    );
    println!("-j 2 speed-up over -j 1: {:.2}x (target >= 1.8)", e1 / e2);

    let (_, rss4, lines4) = run_gleaner(&bin, &warc4, &out, 2);
    assert_eq!(lines4, pages.len() * 4);
    match (rss2, rss4) {
        (Some(a), Some(b)) => println!(
            "peak RSS (-j 2): {} records {:.0} MB, {} records {:.0} MB ({:.2}x for 4x the records)",
            pages.len(),
            a as f64 / 1024.0,
            pages.len() * 4,
            b as f64 / 1024.0,
            b as f64 / a as f64
        ),
        _ => println!("peak RSS: /usr/bin/time not available"),
    }
    let _ = std::fs::remove_dir_all(&tmp);
}
