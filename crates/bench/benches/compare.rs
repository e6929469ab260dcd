//! Speed comparison: gleaner against dom_smoothie (Readability, formatted text) and the
//! `trafilatura` crate, single-threaded, in one process, on the same pages.
//!
//! Run with `cargo bench -p gleaner-bench --bench compare`. See `crates/bench/README.md`.
//!
//! Pages: the first `GLEANER_BENCH_PAGES` (default 80) pages of every shared corpus
//! (`$GLEANER_SHARED/corpus/*.jsonl.gz`, else `<repo>/../shared/corpus`), or, when no corpus
//! is found, `GLEANER_BENCH_SYNTHETIC` (default 300) generated pages of 50-200 KB.
//! `GLEANER_BENCH_CORPORA=wcxb-dev,fundus` keeps only the named corpora, and
//! `GLEANER_BENCH_MATCH=text` only the pages whose id contains `text` (handy with `perf`).
//!
//! Method: `GLEANER_BENCH_ROUNDS` rounds (default 3); each round runs every page through
//! every extractor, one extractor at a time, rotating which goes first. Per extractor the
//! median round is reported (and the best). Panics are caught and counted per extractor.
//!
//! Without `--bench` (as under `cargo test --benches`) it runs a tiny smoke check instead.

use gleaner_bench::{corpus_files, load_corpus_sample, shared_dir, synthetic_pages, Page};
use std::hint::black_box;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

/// What one extraction produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Text came out (its length in bytes, kept so the work is not optimised away).
    Text(usize),
    /// The extractor declined the page (returned an error, e.g. "no article").
    Rejected,
}

/// A page with each extractor's input prepared outside the timed region.
struct Prepared<'a> {
    page: &'a Page,
    /// dom_smoothie rejects relative or odd URLs with `BadDocumentURL`: only absolute
    /// http(s) URLs are passed to it.
    abs_url: Option<&'a str>,
    /// trafilatura takes a parsed `url::Url`.
    parsed_url: Option<url::Url>,
}

type RunFn = fn(&Prepared<'_>) -> Outcome;

/// One extractor under test.
struct Extractor {
    name: &'static str,
    run: RunFn,
    /// Part of the comparison table (false for gleaner's stage-split passes).
    compared: bool,
}

fn run_gleaner(p: &Prepared<'_>) -> Outcome {
    let opts = gleaner_extract::Options::default();
    match gleaner_extract::extract(p.page.html.as_bytes(), p.page.url.as_deref(), &opts) {
        Ok(out) => Outcome::Text(black_box(out.article.text()).len()),
        Err(_) => Outcome::Rejected,
    }
}

fn run_dom_smoothie(p: &Prepared<'_>) -> Outcome {
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    let Ok(mut r) = dom_smoothie::Readability::new(p.page.html.as_str(), p.abs_url, Some(cfg))
    else {
        return Outcome::Rejected;
    };
    match r.parse() {
        Ok(a) => Outcome::Text(black_box(a.text_content).len()),
        Err(_) => Outcome::Rejected,
    }
}

fn run_trafilatura(p: &Prepared<'_>) -> Outcome {
    let mut opts = trafilatura::Options::default();
    opts.original_url = p.parsed_url.clone();
    match trafilatura::extract(&p.page.html, &opts) {
        Ok(r) => Outcome::Text(black_box(r.content_text).len()),
        Err(_) => Outcome::Rejected,
    }
}

/// Stage split: charset sniffing and decoding only.
fn run_gleaner_decode(p: &Prepared<'_>) -> Outcome {
    let (text, _, _) = gleaner_extract::decode::decode(p.page.html.as_bytes(), None);
    Outcome::Text(black_box(text).len())
}

/// Stage split: decoding and parsing, with the limits `Options::default()` uses.
fn run_gleaner_parse(p: &Prepared<'_>) -> Outcome {
    let (text, _, _) = gleaner_extract::decode::decode(p.page.html.as_bytes(), None);
    let limits = gleaner_extract::dom::Limits {
        max_depth: 256,
        max_nodes: 2_000_000,
    };
    let (dom, _) = gleaner_extract::dom::parse(&text, limits);
    black_box(&dom);
    Outcome::Text(text.len())
}

const EXTRACTORS: &[Extractor] = &[
    Extractor {
        name: "gleaner",
        run: run_gleaner,
        compared: true,
    },
    Extractor {
        name: "dom_smoothie",
        run: run_dom_smoothie,
        compared: true,
    },
    Extractor {
        name: "trafilatura",
        run: run_trafilatura,
        compared: true,
    },
    Extractor {
        name: "gleaner decode",
        run: run_gleaner_decode,
        compared: false,
    },
    Extractor {
        name: "gleaner decode+parse",
        run: run_gleaner_parse,
        compared: false,
    },
];

/// Everything measured for one extractor.
struct Stats {
    /// Total time per round.
    rounds: Vec<Duration>,
    /// Fastest time per page over all rounds.
    per_page: Vec<Duration>,
    texts: usize,
    rejected: usize,
    panicked: usize,
    /// The first few panics: page id and message.
    panics: Vec<(String, String)>,
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

fn panic_message(e: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = e.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = e.downcast_ref::<String>() {
        s.clone()
    } else {
        "(non-string panic)".to_string()
    }
}

/// Runs every page through `ex` once, recording into `st`. Counts are taken in round 0 only.
fn run_round(ex: &Extractor, pages: &[Prepared<'_>], st: &mut Stats, first: bool) {
    let mut total = Duration::ZERO;
    for (i, p) in pages.iter().enumerate() {
        let t0 = Instant::now();
        let r = catch_unwind(AssertUnwindSafe(|| (ex.run)(p)));
        let dt = t0.elapsed();
        total += dt;
        st.per_page[i] = st.per_page[i].min(dt);
        if first {
            match r {
                Ok(Outcome::Text(_)) => st.texts += 1,
                Ok(Outcome::Rejected) => st.rejected += 1,
                Err(e) => {
                    st.panicked += 1;
                    if st.panics.len() < 3 {
                        st.panics.push((p.page.id.clone(), panic_message(&*e)));
                    }
                }
            }
        }
    }
    st.rounds.push(total);
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

fn main() {
    let bench_mode = std::env::args().any(|a| a == "--bench");
    let (pages, source) = if bench_mode {
        load_pages()
    } else {
        // `cargo test --benches`: a smoke check in the test profile, not a measurement.
        (
            synthetic_pages(2),
            "2 synthetic pages (smoke check; run with `cargo bench` to measure)".to_string(),
        )
    };
    if pages.is_empty() {
        eprintln!("no pages to measure ({source})");
        return;
    }
    let rounds = if bench_mode {
        env_usize("GLEANER_BENCH_ROUNDS", 3).max(1)
    } else {
        1
    };
    let prepared: Vec<Prepared<'_>> = pages
        .iter()
        .map(|page| {
            let abs_url = page
                .url
                .as_deref()
                .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
                .filter(|u| url::Url::parse(u).is_ok());
            Prepared {
                page,
                abs_url,
                parsed_url: abs_url.and_then(|u| url::Url::parse(u).ok()),
            }
        })
        .collect();
    let total_bytes: usize = pages.iter().map(|p| p.html.len()).sum();
    println!(
        "gleaner speed comparison: {} pages, {:.1} MB, from {source}",
        pages.len(),
        mb(total_bytes)
    );
    println!("single thread, {rounds} round(s), extractors interleaved per round; median round reported\n");

    // Peers may panic on odd pages: keep the run going and keep the output readable.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));

    let mut stats: Vec<Stats> = EXTRACTORS
        .iter()
        .map(|_| Stats {
            rounds: Vec::new(),
            per_page: vec![Duration::MAX; pages.len()],
            texts: 0,
            rejected: 0,
            panicked: 0,
            panics: Vec::new(),
        })
        .collect();
    let n = EXTRACTORS.len();
    for round in 0..rounds {
        let t0 = Instant::now();
        for k in 0..n {
            let e = (k + round) % n;
            run_round(&EXTRACTORS[e], &prepared, &mut stats[e], round == 0);
        }
        eprintln!(
            "round {}/{rounds} done in {:.1} s",
            round + 1,
            t0.elapsed().as_secs_f64()
        );
    }
    std::panic::set_hook(default_hook);

    report(&pages, total_bytes, &stats);
}

/// The corpus sample, or synthetic pages when there is no corpus.
fn load_pages() -> (Vec<Page>, String) {
    let shared = shared_dir();
    let mut files = corpus_files(&shared);
    if let Ok(only) = std::env::var("GLEANER_BENCH_CORPORA") {
        let keep: Vec<&str> = only.split(',').map(str::trim).collect();
        files.retain(|f| {
            let name = f.file_name().unwrap_or_default().to_string_lossy();
            keep.iter()
                .any(|k| name.trim_end_matches(".jsonl.gz") == *k)
        });
    }
    if !files.is_empty() {
        let per = env_usize("GLEANER_BENCH_PAGES", 80).max(1);
        let matching = std::env::var("GLEANER_BENCH_MATCH").unwrap_or_default();
        match load_corpus_sample(&files, per) {
            Ok(mut p) if !p.is_empty() => {
                p.retain(|page| page.id.contains(&matching));
                let mut desc = format!(
                    "the first {per} pages of {} corpora in {}",
                    files.len(),
                    shared.join("corpus").display()
                );
                if !matching.is_empty() {
                    desc.push_str(&format!(", ids containing {matching:?}"));
                }
                return (p, desc);
            }
            Ok(_) => eprintln!("corpora hold no pages; using synthetic pages"),
            Err(e) => eprintln!("cannot read the corpora ({e}); using synthetic pages"),
        }
    } else {
        eprintln!(
            "no corpus found under {} (set GLEANER_SHARED); using SYNTHETIC pages",
            shared.join("corpus").display()
        );
    }
    let n = env_usize("GLEANER_BENCH_SYNTHETIC", 300).max(1);
    (
        synthetic_pages(n),
        format!("{n} SYNTHETIC generated pages of 50-200 KB (no corpus found)"),
    )
}

fn report(pages: &[Page], total_bytes: usize, stats: &[Stats]) {
    let secs = |st: &Stats| median(st.rounds.clone()).as_secs_f64();
    println!(
        "{:<22} {:>6} {:>8} {:>9} {:>9} {:>9} {:>8}  {:>6} {:>8} {:>7}",
        "extractor",
        "pages",
        "MB",
        "median s",
        "best s",
        "pages/s",
        "MB/s",
        "text",
        "rejected",
        "panics"
    );
    for (ex, st) in EXTRACTORS.iter().zip(stats) {
        let s = secs(st);
        let best = st
            .rounds
            .iter()
            .min()
            .copied()
            .unwrap_or_default()
            .as_secs_f64();
        println!(
            "{:<22} {:>6} {:>8.1} {:>9.2} {:>9.2} {:>9.1} {:>8.2}  {:>6} {:>8} {:>7}",
            ex.name,
            pages.len(),
            mb(total_bytes),
            s,
            best,
            pages.len() as f64 / s,
            mb(total_bytes) / s,
            st.texts,
            st.rejected,
            st.panicked
        );
    }
    println!();
    let g = secs(&stats[0]);
    for (ex, st) in EXTRACTORS.iter().zip(stats).skip(1) {
        if ex.compared {
            println!(
                "gleaner/{:<13} = {:.1}x  (pages/s, median rounds)",
                ex.name,
                secs(st) / g
            );
        }
    }
    let dec = secs(&stats[3]);
    let parse = secs(&stats[4]);
    println!(
        "\ngleaner split (median rounds): decode {:.2} s ({:.0}%), decode+parse {:.2} s ({:.0}%), \
         full extract {:.2} s; parse alone {:.0} MB/s",
        dec,
        100.0 * dec / g,
        parse,
        100.0 * parse / g,
        g,
        mb(total_bytes) / (parse - dec).max(1e-9)
    );
    for (ex, st) in EXTRACTORS.iter().zip(stats) {
        for (id, msg) in &st.panics {
            println!(
                "panic in {} on {id}: {}",
                ex.name,
                msg.lines().next().unwrap_or("")
            );
        }
    }

    // Per corpus: MB/s from each page's fastest time.
    let mut corpora: Vec<&str> = pages.iter().map(|p| p.corpus.as_str()).collect();
    corpora.dedup();
    if corpora.len() > 1 {
        println!("\nper corpus, MB/s (from each page's fastest run):");
        print!("{:<18} {:>6} {:>9}", "corpus", "pages", "avg KB");
        for ex in EXTRACTORS.iter().filter(|e| e.compared) {
            print!(" {:>13}", ex.name);
        }
        println!();
        for c in corpora {
            let idx: Vec<usize> = (0..pages.len()).filter(|&i| pages[i].corpus == c).collect();
            let bytes: usize = idx.iter().map(|&i| pages[i].html.len()).sum();
            print!(
                "{:<18} {:>6} {:>9.0}",
                c,
                idx.len(),
                bytes as f64 / 1e3 / idx.len() as f64
            );
            for (ex, st) in EXTRACTORS.iter().zip(stats) {
                if ex.compared {
                    let t: f64 = idx.iter().map(|&i| st.per_page[i].as_secs_f64()).sum();
                    print!(" {:>13.1}", mb(bytes) / t);
                }
            }
            println!();
        }
    }

    // Outliers: gleaner's slowest pages, and where it is slowest relative to the faster peer.
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let line = |i: usize| {
        let id = &pages[i].id;
        let id = if id.len() > 44 {
            let mut cut = 44;
            while !id.is_char_boundary(cut) {
                cut -= 1;
            }
            format!("{}...", &id[..cut])
        } else {
            id.clone()
        };
        format!(
            "  {:<47} {:>6.0} KB {:>7.1} {:>7.1} {:>7.1} | {:>6.1} {:>6.1}",
            id,
            pages[i].html.len() as f64 / 1e3,
            ms(stats[0].per_page[i]),
            ms(stats[1].per_page[i]),
            ms(stats[2].per_page[i]),
            ms(stats[3].per_page[i]),
            ms(stats[4].per_page[i]),
        )
    };
    let header = format!(
        "  {:<47} {:>9} {:>7} {:>7} {:>7} | {:>6} {:>6}",
        "page", "size", "gleaner", "dom_sm.", "trafil.", "decode", "+parse"
    );
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by(|&a, &b| stats[0].per_page[b].cmp(&stats[0].per_page[a]));
    println!(
        "\ngleaner's slowest pages (ms, fastest run; right: gleaner's decode and decode+parse):"
    );
    println!("{header}");
    for &i in order.iter().take(8) {
        println!("{}", line(i));
    }
    let rel = |i: usize| {
        stats[0].per_page[i].as_secs_f64()
            / stats[1].per_page[i]
                .min(stats[2].per_page[i])
                .as_secs_f64()
                .max(1e-9)
    };
    order.sort_by(|&a, &b| rel(b).total_cmp(&rel(a)));
    println!("\npages where gleaner is slowest relative to the faster peer:");
    println!("{header}  ratio");
    for &i in order.iter().take(8) {
        println!("{}  {:.1}x", line(i), rel(i));
    }
}
