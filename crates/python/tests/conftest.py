"""Shared fixtures. The package must be installed in the running interpreter
(`pip install ./crates/python` or `maturin develop -r` in crates/python): .ci/run does it."""

import gzip
import io
import os
import shutil
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

try:
    import gleaner  # noqa: F401
except ImportError as e:  # pragma: no cover - a setup error, not a test result
    raise SystemExit(
        f"gleaner is not installed in {sys.executable} ({e}); run `maturin develop -r` "
        "in crates/python or `pip install ./crates/python` first"
    )


def article_html(title: str, n: int = 3, extra: str = "") -> str:
    """A small news page of our own: furniture around an <article> with `n` paragraphs."""
    paras = "\n".join(
        f"<p>Paragraph {i} of the story about {title.lower()}: the council met on Tuesday "
        f"evening and residents asked many questions about the plan, its cost and timing.</p>"
        for i in range(1, n + 1)
    )
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{title} | The Gazette</title>
<meta property="og:site_name" content="The Gazette">
<meta name="author" content="Ann Example">
<meta property="article:published_time" content="2024-03-05T08:00:00+01:00">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1>
{paras}
{extra}
</article>
<footer>Copyright The Gazette. All rights reserved.</footer>
</body></html>"""


NOT_AN_ARTICLE = ("<html><head><title>Index</title></head><body><nav><a href='/'>Home</a> "
                  "<a href='/news'>Latest news</a> <a href='/about'>About</a></nav>"
                  "<p>Hi.</p></body></html>")


def warc_record(rtype: str, headers: dict, block: bytes) -> bytes:
    """One WARC/1.0 record (headers, block, two CRLFs)."""
    head = [
        "WARC/1.0",
        f"WARC-Type: {rtype}",
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>",
    ]
    head += [f"{k}: {v}" for k, v in headers.items()]
    head.append(f"Content-Length: {len(block)}")
    return ("\r\n".join(head) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def http_response(body: bytes, content_type: str = "text/html; charset=utf-8") -> bytes:
    head = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


def write_warc(path: Path, pages, gz: bool = True) -> Path:
    """Writes a WARC file: a warcinfo record, then for each (url, html, date) a request and
    a response record; plus one image response that must be skipped. With `gz`, one gzip
    member per record (as Common Crawl does)."""
    records = [warc_record("warcinfo", {"WARC-Date": "2024-03-06T00:00:00Z",
                                        "Content-Type": "application/warc-fields"},
                           b"software: gleaner tests\r\n")]
    for url, html, date in pages:
        body = html.encode("utf-8") if isinstance(html, str) else html
        records.append(warc_record("request", {"WARC-Target-URI": url, "WARC-Date": date,
                                               "Content-Type": "application/http; msgtype=request"},
                                   f"GET / HTTP/1.1\r\nHost: example.org\r\n\r\n".encode()))
        records.append(warc_record("response", {"WARC-Target-URI": url, "WARC-Date": date,
                                                "Content-Type": "application/http; msgtype=response"},
                                   http_response(body)))
    records.append(warc_record("response", {"WARC-Target-URI": "https://example.org/logo.png",
                                            "WARC-Date": "2024-03-06T00:00:00Z",
                                            "Content-Type": "application/http; msgtype=response"},
                               http_response(b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")))
    with open(path, "wb") as f:
        for rec in records:
            if gz:
                buf = io.BytesIO()
                with gzip.GzipFile(fileobj=buf, mode="wb") as g:
                    g.write(rec)
                f.write(buf.getvalue())
            else:
                f.write(rec)
    return path


@pytest.fixture
def page():
    return article_html("Bridge reopens after repairs")


def gleaner_cli():
    """The newest CLI binary built by cargo (debug or release), or $GLEANER_BIN."""
    env = os.environ.get("GLEANER_BIN")
    if env:
        return env
    found = []
    for d in (os.environ.get("CARGO_TARGET_DIR"), ROOT / "target"):
        if not d:
            continue
        for profile in ("release", "debug"):
            p = Path(d) / profile / "gleaner"
            if p.is_file() and os.access(p, os.X_OK):
                found.append(p)
    if found:
        return str(max(found, key=lambda p: p.stat().st_mtime))
    return shutil.which("gleaner")
