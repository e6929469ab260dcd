"""gleaner.read_warc on small WARC files written by the tests (conftest.write_warc)."""

import gzip

import pytest

import gleaner
from conftest import NOT_AN_ARTICLE, article_html, warc_record, write_warc

PAGES = [
    ("https://example.org/a", article_html("First story in the archive"), "2024-03-05T10:00:00Z"),
    ("https://example.org/b", NOT_AN_ARTICLE, "2024-03-05T11:00:00Z"),
    ("https://example.org/c", article_html("Third story in the archive", n=5), "2024-03-05T12:30:00Z"),
]


@pytest.mark.parametrize("gz", [True, False])
def test_read_warc_records(tmp_path, gz):
    path = write_warc(tmp_path / ("a.warc.gz" if gz else "a.warc"), PAGES, gz=gz)
    it = gleaner.read_warc(path)
    assert iter(it) is it
    recs = list(it)
    # the warcinfo, request and image records are skipped
    assert [r["source"] for r in recs] == [u for u, _, _ in PAGES]
    assert [r["error_kind"] for r in recs] == [None, "no_article", None]
    a, b, c = recs
    assert a["title"] == "First story in the archive"
    assert c["text"].count("\n") == 4
    for r, (url, _, date) in zip(recs, PAGES):
        assert r["url"] == url
        assert r["warc_file"] == str(path)
        assert r["warc_record_id"].startswith("<urn:uuid:")
        assert r["captured"] == date
    assert len({r["warc_record_id"] for r in recs}) == 3
    assert list(it) == []  # exhausted


def test_read_warc_matches_extract(tmp_path):
    path = write_warc(tmp_path / "a.warc.gz", PAGES[:1])
    (rec,) = gleaner.read_warc(str(path))
    url, html, _ = PAGES[0]
    want = gleaner.extract(html.encode(), url=url)
    for k in ("title", "text", "blocks", "authors", "published", "language", "url"):
        assert rec[k] == want[k], k


def test_read_warc_options(tmp_path):
    path = write_warc(tmp_path / "a.warc.gz", PAGES)
    recs = list(gleaner.read_warc(path, min_words=10_000))
    assert [r["error_kind"] for r in recs] == ["no_article"] * 3
    with pytest.raises(ValueError):
        gleaner.read_warc(path, bad_records="ignore")
    with pytest.raises(TypeError):
        gleaner.read_warc(path, no_such_option=1)


@pytest.mark.parametrize("gz", [True, False])
def test_read_warc_from_file_object(tmp_path, gz):
    import io

    path = write_warc(tmp_path / "a.warc.gz", PAGES, gz=gz)
    want = list(gleaner.read_warc(path))
    with open(path, "rb") as f:
        assert list(gleaner.read_warc(f)) == want  # warc_file from f.name
    data = io.BytesIO(path.read_bytes())
    got = list(gleaner.read_warc(data, name="mem.warc"))
    assert [r["warc_file"] for r in got] == ["mem.warc"] * 3
    assert [dict(r, warc_file=None) for r in got] == [dict(r, warc_file=None) for r in want]
    assert list(gleaner.read_warc(io.BytesIO(path.read_bytes())))[0]["warc_file"] == "<stream>"


def test_read_warc_bad_file_objects(tmp_path):
    import io

    path = write_warc(tmp_path / "a.warc", PAGES, gz=False)
    with open(path, encoding="latin-1") as text_mode:
        with pytest.raises(OSError, match="binary mode"):
            list(gleaner.read_warc(text_mode))

    class Failing(io.RawIOBase):
        def __init__(self, data):
            self.data, self.calls = data, 0

        def read(self, n=-1):
            self.calls += 1
            if self.calls > 1:
                raise RuntimeError("connection reset")
            return self.data[:n]

    it = gleaner.read_warc(Failing(path.read_bytes()[:100]))
    with pytest.raises(OSError, match="connection reset"):
        list(it)
    with pytest.raises(TypeError):
        gleaner.read_warc(12345)


def test_read_warc_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        gleaner.read_warc(tmp_path / "nope.warc.gz")


def test_bad_record_is_reported_and_skipped(tmp_path):
    good = write_warc(tmp_path / "good.warc", PAGES[:1], gz=False).read_bytes()
    garbage = b"this is not a WARC record at all\r\n\r\n"
    last = warc_record("response", {"WARC-Target-URI": "https://example.org/z",
                                    "WARC-Date": "2024-03-05T13:00:00Z",
                                    "Content-Type": "application/http; msgtype=response"},
                       b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
                       + article_html("Last story after the garbage").encode())
    path = tmp_path / "bad.warc"
    path.write_bytes(good + garbage + last)
    recs = list(gleaner.read_warc(path))
    assert recs[0]["source"] == "https://example.org/a" and recs[0]["error"] is None
    assert recs[-1]["title"] == "Last story after the garbage"
    bad = [r for r in recs if r["error_kind"] == "input"]
    assert len(bad) == 1 and "offset" in bad[0]["error"] and bad[0]["warc_file"] == str(path)
    # as the CLI writes it: FILE#OFFSET, the message naming the file and the offset
    assert bad[0]["source"] == f"{path}#{len(good)}"
    assert bad[0]["error"].startswith(f"{path}: at offset {len(good)}: not a WARC record")
    assert [r["source"] for r in gleaner.read_warc(path, bad_records="skip")] == [
        "https://example.org/a", "https://example.org/z"]
    it = gleaner.read_warc(path, bad_records="raise")
    assert next(it)["source"] == "https://example.org/a"
    with pytest.raises(ValueError):
        next(it)
    assert next(it)["source"] == "https://example.org/z"


def test_truncated_gzip_member(tmp_path):
    path = write_warc(tmp_path / "t.warc.gz", PAGES)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 30])  # clip the last member (the image record)
    recs = list(gleaner.read_warc(path))
    assert [r["source"] for r in recs if r["error"] is None] == [
        "https://example.org/a", "https://example.org/c"]
    assert gzip.decompress(data).startswith(b"WARC/1.0")


def test_shared_real_warcs():
    """The small real WARC files of ../shared/corpus/warc (Common Crawl and others, one
    clipped) all read; the clipped one gives an error record, not an exception."""
    from conftest import ROOT

    files = sorted((ROOT.parent / "shared" / "corpus" / "warc").glob("*.warc*"))
    if not files:
        import sys

        print("SKIPPED: ../shared/corpus/warc not found", file=sys.stderr)
        pytest.skip("../shared/corpus/warc not found")
    articles = 0
    for f in files:
        recs = list(gleaner.read_warc(f))
        assert recs, f
        for r in recs:
            assert r["warc_file"] == str(f)
            if r["error_kind"] == "input":
                assert "offset" in r["error"]
            else:
                assert r["warc_record_id"] and r["url"], r
                articles += r["error"] is None
        if "clipped" in f.name:
            assert any(r["error_kind"] == "input" for r in recs)
    assert articles >= 10
