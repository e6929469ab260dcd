#!/usr/bin/env python3
"""Speed of the Python binding: gleaner.extract_many on 1 and 2 threads, against
trafilatura (pip) and the Rust CLI, on the same pages in the same run.

    pip install trafilatura lxml_html_clean  # not dependencies of the package or of CI
                                             # (trafilatura 2.3 needs lxml_html_clean to import)
    cargo build --release -p gleaner # the CLI to compare with
    python crates/python/bench/bench.py [--pages 1000] [--rounds 3]

Pages come from ../shared/corpus/*.jsonl.gz (`html` is decoded text, plus `url`), drawn
round-robin across the corpora so every kind of page is represented. Every extractor gets
the same pages: the binding and the CLI the same UTF-8 bytes (the CLI from files written
to a temporary directory, `gleaner extract DIR -j 1 -o /dev/null`), trafilatura the text.
Reported: pages/s and MB/s, the median of the rounds (interleaved: CLI, binding on 1
thread, binding on 2 threads), then one pass of trafilatura interleaved chunk by chunk
with the binding on 1 thread (the ratio is taken from that pass).
"""

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def load_pages(corpus: Path, n: int):
    files = sorted(corpus.glob("*.jsonl.gz"))
    if not files:
        sys.exit(f"no corpora in {corpus} (set --corpus)")
    per_file = []
    for f in files:
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            per_file.append([(r["html"], r.get("url")) for r in map(json.loads, fh) if r.get("html")])
    pages, i = [], 0
    while len(pages) < n and any(i < len(p) for p in per_file):
        for p in per_file:
            if i < len(p) and len(pages) < n:
                pages.append(p[i])
        i += 1
    return pages


def timed(fn):
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def find_cli(arg):
    if arg:
        return arg
    for d in (os.environ.get("CARGO_TARGET_DIR"), ROOT / "target"):
        if d and (Path(d) / "release" / "gleaner").is_file():
            return str(Path(d) / "release" / "gleaner")
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--gleaner", help="the release CLI binary (default: target/release/gleaner)")
    ap.add_argument("--no-trafilatura", action="store_true")
    args = ap.parse_args()

    import gleaner

    pages = load_pages(Path(args.corpus), args.pages)
    blobs = [(h.encode("utf-8"), u) for h, u in pages]
    mb = sum(len(b) for b, _ in blobs) / 1e6
    n = len(blobs)
    print(f"{n} pages, {mb:.1f} MB, gleaner {gleaner.__version__}, {os.cpu_count()} cores",
          flush=True)

    cli = find_cli(args.gleaner)
    tmp = tempfile.TemporaryDirectory(prefix="gleaner-bench-")
    if cli:
        width = len(str(n))
        for i, (b, _) in enumerate(blobs):
            Path(tmp.name, f"{i:0{width}d}.html").write_bytes(b)
    else:
        print("CLI: not found (cargo build --release -p gleaner, or --gleaner PATH): skipped")

    times = {"cli -j1": [], "extract_many threads=1": [], "extract_many threads=2": []}
    articles = None
    for _ in range(args.rounds):
        if cli:
            cmd = [cli, "extract", tmp.name, "-j", "1", "-o", os.devnull, "--quiet"]
            times["cli -j1"].append(timed(lambda: subprocess.run(cmd, check=True)))
        for t in (1, 2):
            out = []
            times[f"extract_many threads={t}"].append(
                timed(lambda: out.extend(gleaner.extract_many(blobs, threads=t))))
            articles = sum(r["error"] is None for r in out)
    print(f"gleaner: {articles} of {n} pages gave an article")

    traf = None
    if not args.no_trafilatura:
        try:
            import trafilatura
        except ImportError as e:
            trafilatura = None
            print(f"trafilatura: cannot import ({e}; pip install trafilatura lxml_html_clean): skipped")
        if trafilatura is not None:
            # Interleaved in chunks of 50 pages (gleaner threads=1, then trafilatura on the
            # same chunk), so that a change of machine load hits both alike.
            ver = getattr(trafilatura, "__version__", "?")
            g_time, traf, got = 0.0, 0.0, []
            for i in range(0, n, 50):
                chunk = pages[i:i + 50]
                bchunk = blobs[i:i + 50]
                g_time += timed(lambda: gleaner.extract_many(bchunk, threads=1))
                traf += timed(lambda: got.extend(trafilatura.extract(h, url=u) for h, u in chunk))
            times[f"trafilatura {ver} (1 thread)"] = [traf]
            times["extract_many threads=1, interleaved with trafilatura"] = [g_time]
            print(f"trafilatura: {sum(x is not None for x in got)} of {n} pages gave text")

    med = {k: statistics.median(v) for k, v in times.items() if v}
    print(f"\n| extractor | pages/s | MB/s | seconds (median of {args.rounds}) |")
    print("|---|---|---|---|")
    for k, s in med.items():
        print(f"| {k} | {n / s:,.0f} | {mb / s:,.1f} | {s:.3f} |")
    one = med["extract_many threads=1"]
    print()
    print(f"threads=2 vs threads=1: {one / med['extract_many threads=2']:.2f}x")
    if cli:
        print(f"binding (threads=1) time / CLI -j1 time: {one / med['cli -j1']:.3f} "
              f"(target <= 1.10)")
    if traf:
        g = med["extract_many threads=1, interleaved with trafilatura"]
        print(f"binding (threads=1) vs trafilatura: {traf / g:.1f}x faster (target >= 20x)")


if __name__ == "__main__":
    main()
