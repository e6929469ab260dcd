"""gleaner.extract / extract_many against small pages written here."""

import datetime
import json
import subprocess
import sys
import threading

import pytest

import gleaner
from conftest import NOT_AN_ARTICLE, article_html, gleaner_cli

FIRST_KEYS = ["source", "url", "title", "authors", "published", "language", "site_name",
              "text", "blocks", "error", "error_kind"]


def test_article_record(page):
    rec = gleaner.extract(page, url="https://example.org/news/bridge")
    assert list(rec)[: len(FIRST_KEYS)] == FIRST_KEYS
    assert rec["error"] is None and rec["error_kind"] is None
    assert rec["title"] == "Bridge reopens after repairs"
    assert rec["source"] == "https://example.org/news/bridge"
    assert rec["url"] == "https://example.org/news/bridge"
    assert rec["published"].startswith("2024-03-05")
    assert rec["language"] == "en"
    assert rec["site_name"] == "The Gazette"
    assert rec["text"].startswith("Paragraph 1 of the story")
    assert "Copyright" not in rec["text"] and "Sport" not in rec["text"]
    assert [b["type"] for b in rec["blocks"]] == ["paragraph"] * 3
    assert rec["text"] == "\n".join(b["text"] for b in rec["blocks"])


def test_bytes_and_str_agree(page):
    assert gleaner.extract(page.encode()) == gleaner.extract(page)
    assert gleaner.extract(bytearray(page.encode())) == gleaner.extract(page)


def test_same_record_as_cli(tmp_path, page):
    cli = gleaner_cli()
    if cli is None:
        print("SKIPPED: no gleaner CLI binary (cargo build) to compare with", file=sys.stderr)
        pytest.skip("no gleaner CLI binary built")
    f = tmp_path / "page.html"
    f.write_text(page + "<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>")
    url = "https://example.org/news/bridge"
    out = subprocess.run([cli, "extract", str(f), "--url", url, "-f", "json"],
                         check=True, capture_output=True).stdout
    want = json.loads(out)
    got = gleaner.extract(f.read_bytes(), url=url)
    assert list(got) == list(want)  # same fields, same order, whatever Record gains
    want["source"] = got["source"]  # the CLI's source is the path
    assert got == want


def test_rejected_carries_reason():
    with pytest.raises(gleaner.Rejected) as exc:
        gleaner.extract(NOT_AN_ARTICLE, url="https://example.org/")
    e = exc.value
    assert isinstance(e, ValueError)
    assert e.kind == "no_article"
    assert e.reason == str(e) and e.reason.startswith("no article found")
    assert e.record["error_kind"] == "no_article"
    assert e.record["url"] == "https://example.org/"
    assert e.record["text"] is None and e.record["blocks"] == []


@pytest.mark.parametrize("html,kind", [(b"", "empty"), (b"   \n", "empty"),
                                       (b"%PDF-1.7 binary", "not_html"),
                                       ("just words, no markup at all", "not_html"),
                                       (NOT_AN_ARTICLE, "no_article")])
def test_errors_record(html, kind):
    rec = gleaner.extract(html, errors="record")
    assert rec["error_kind"] == kind and rec["error"]
    with pytest.raises(gleaner.Rejected) as exc:
        gleaner.extract(html)
    assert exc.value.kind == kind


def test_bad_arguments(page):
    with pytest.raises(TypeError):
        gleaner.extract(12345)
    with pytest.raises(TypeError):
        gleaner.extract(page, no_such_option=True)
    with pytest.raises(ValueError):
        gleaner.extract(page, errors="ignore")
    with pytest.raises(ValueError):
        gleaner.extract(page, encoding="no-such-charset")
    with pytest.raises(TypeError):
        gleaner.extract(page, reference_time="yesterday")
    with pytest.raises(OverflowError):
        gleaner.extract(page, max_bytes=-1)


def test_options(page):
    assert gleaner.extract(page, max_bytes=100, errors="record")["error_kind"] == "too_large"
    assert gleaner.extract(page, min_words=10_000, errors="record")["error_kind"] == "no_article"
    fig = ("<figure><img src='a.jpg'><figcaption>The bridge at dawn, seen from the "
           "north bank</figcaption></figure>")
    with_fig = article_html("Bridge", extra=fig)
    types = [b["type"] for b in gleaner.extract(with_fig, captions=True)["blocks"]]
    assert "caption" in types
    assert "caption" not in [b["type"] for b in gleaner.extract(with_fig)["blocks"]]
    table = ("<table><tr><th>Year</th><th>Cost</th></tr><tr><td>2023</td><td>4m</td></tr>"
             "<tr><td>2024</td><td>6m</td></tr></table>")
    with_table = article_html("Budget", extra=table)
    rows = [b for b in gleaner.extract(with_table)["blocks"] if b["type"] == "table_row"]
    assert rows and rows[0]["header"] and rows[0]["cells"] == ["Year", "Cost"]
    assert not [b for b in gleaner.extract(with_table, tables=False)["blocks"]
                if b["type"] == "table_row"]


def test_encoding_option():
    html = article_html("Caf\u00e9 opens").replace('<meta charset="utf-8">', "")
    raw = html.encode("windows-1252")
    assert gleaner.extract(raw, encoding="windows-1252")["title"] == "Caf\u00e9 opens"
    # the transport charset wins over detection: read as UTF-8 the byte 0xE9 is invalid
    assert gleaner.extract(raw, encoding="utf-8")["title"] != "Caf\u00e9 opens"


def test_reference_time_kinds(page):
    t = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)
    a = gleaner.extract(page, reference_time=t)
    b = gleaner.extract(page, reference_time=int(t.timestamp()))
    c = gleaner.extract(page, reference_time=t.timestamp() + 0.5)
    d = gleaner.extract(page, reference_time=t.replace(tzinfo=None))
    assert a == b == c == d


def test_extract_many_order_and_forms(page):
    other = article_html("Second story about the harbour")
    pages = [(page, "https://example.org/1"), (b"", None), other, (other.encode(), None),
             [NOT_AN_ARTICLE, "https://example.org/3"]]
    recs = gleaner.extract_many(pages, threads=2)
    assert [r["error_kind"] for r in recs] == [None, "empty", None, None, "no_article"]
    assert recs[0]["source"] == "https://example.org/1"
    assert recs[4]["url"] == "https://example.org/3"
    assert recs[2]["title"] == recs[3]["title"] == "Second story about the harbour"
    assert recs[0] == gleaner.extract(page, url="https://example.org/1")


def test_extract_many_takes_what_extract_takes(page):
    """Every html type extract accepts is a page for extract_many too, bare or paired."""
    want = gleaner.extract(page)
    for html in (page, page.encode(), bytearray(page.encode())):
        assert gleaner.extract_many([html, (html,), (html, None), [html, None]]) == [want] * 4
    with pytest.raises(TypeError):
        gleaner.extract_many([memoryview(page.encode())])


def test_extract_many_threads_agree():
    pages = [(article_html(f"Story number {i}", n=1 + i % 4), f"https://example.org/{i}")
             for i in range(60)]
    one = gleaner.extract_many(pages, threads=1)
    assert one == gleaner.extract_many(pages, threads=2)
    assert one == gleaner.extract_many(iter(pages))
    assert [r["title"] for r in one] == [f"Story number {i}" for i in range(60)]
    assert gleaner.extract_many([]) == []


def test_extract_many_bad_input(page):
    with pytest.raises(TypeError):
        gleaner.extract_many([(page, "u", "extra")])
    with pytest.raises(TypeError):
        gleaner.extract_many([42])
    with pytest.raises(TypeError):
        gleaner.extract_many(5)
    with pytest.raises(ValueError):
        gleaner.extract_many([page], threads=0)


def test_extract_many_releases_the_gil():
    """While extract_many runs in a thread, this thread keeps running Python code: the
    longest pause between two of its loop iterations is far shorter than the extraction.
    (Holding the GIL would pause this loop for the whole extraction.)"""
    import time

    # Few large pages given as bytes and rejected (min_words): the work done with the GIL
    # held (taking the input, building the small records) is tiny next to the extraction.
    page = article_html("Long story", n=400).encode()
    opts = {"threads": 1, "min_words": 10**9}
    t = time.perf_counter()
    gleaner.extract_many([page] * 5, **opts)
    per_batch = time.perf_counter() - t
    pages = [page] * (5 * max(1, int(0.5 / max(per_batch, 1e-4))))  # about 0.5 s of work
    t = time.perf_counter()
    assert gleaner.extract_many(pages, **opts)[0]["error_kind"] == "no_article"
    alone = time.perf_counter() - t

    worker = threading.Thread(target=gleaner.extract_many, args=(pages,), kwargs=opts)
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-3)
    longest, last = 0.0, time.perf_counter()
    try:
        worker.start()
        while worker.is_alive():
            now = time.perf_counter()
            longest = max(longest, now - last)
            last = now
        worker.join()
    finally:
        sys.setswitchinterval(old)
    assert longest < alone / 2, (longest, alone)


def test_help_documents_options():
    doc = gleaner.extract.__doc__
    for opt in ["errors", "encoding", "max_bytes", "max_depth", "max_nodes", "min_words",
                "captions", "tables", "reference_time"]:
        assert f"{opt}:" in doc, opt
    assert "threads" in gleaner.extract_many.__doc__


def test_stub_matches_runtime_signatures():
    """The .pyi stub lists the same parameters, with the same kinds, as the functions."""
    import ast
    import inspect
    from pathlib import Path

    stub = ast.parse((Path(gleaner.__file__).parent / "__init__.pyi").read_text())
    funcs = {n.name: n for n in stub.body if isinstance(n, ast.FunctionDef)}
    assert set(funcs) == {"extract", "extract_many", "read_warc"}
    for name, node in funcs.items():
        a = node.args
        stub_params = ([(p.arg, "positional") for p in a.posonlyargs + a.args]
                       + [(p.arg, "keyword") for p in a.kwonlyargs])
        sig = inspect.signature(getattr(gleaner, name))
        runtime = [(p.name, "keyword" if p.kind is p.KEYWORD_ONLY else "positional")
                   for p in sig.parameters.values()]
        assert stub_params == runtime, name
    assert sorted(gleaner.__all__) == sorted(
        ast.literal_eval(next(n.value for n in stub.body if isinstance(n, ast.Assign)
                              and n.targets[0].id == "__all__")))
