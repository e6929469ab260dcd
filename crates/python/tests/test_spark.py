"""gleaner.spark and examples/spark_warc.py on a local SparkSession (needs Java)."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import NOT_AN_ARTICLE, ROOT, article_html, gleaner_cli, write_warc

if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    print("SKIPPED: no Java (java not on PATH, JAVA_HOME unset): Spark tests not run",
          file=sys.stderr)
    pytest.skip("Spark tests need Java 17+", allow_module_level=True)

pyspark = pytest.importorskip("pyspark")

os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

from pyspark.sql import SparkSession  # noqa: E402

import gleaner  # noqa: E402
from gleaner.spark import RECORD_SCHEMA, extract_column, extract_warcs  # noqa: E402

SPARK_CONF = {
    "spark.ui.enabled": "false",
    "spark.sql.shuffle.partitions": "2",
    "spark.driver.memory": "1g",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
}


def warc_files(tmp_path, n_files=3, per_file=4):
    """n_files WARC files with per_file pages each; every fourth page has no article.

    `expected` maps each URL to its story title, or to None for a page without an article
    (whose record keeps the page's own title, "Index", with error_kind "no_article").
    """
    paths, expected = [], {}
    for f in range(n_files):
        pages = []
        for i in range(per_file):
            url = f"https://example.org/{f}/{i}"
            title = f"Story {i} of file {f} about the harbour"
            html = NOT_AN_ARTICLE if i == 3 else article_html(title, n=2 + i)
            pages.append((url, html, f"2024-03-0{f + 1}T0{i}:00:00Z"))
            expected[url] = None if i == 3 else title
        paths.append(str(write_warc(tmp_path / f"crawl-{f}.warc.gz", pages)))
    return paths, expected


@pytest.fixture(scope="module")
def spark():
    b = SparkSession.builder.master("local[2]").appName("gleaner-tests")
    for k, v in SPARK_CONF.items():
        b = b.config(k, v)
    s = b.getOrCreate()
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


def test_schema_is_explicit():
    """Fields no record sets keep their real type (nothing typed from samples)."""
    types = {f.name: f.dataType.simpleString() for f in RECORD_SCHEMA.fields}
    assert types["date_source"] == "struct<published:string,modified:string>"
    assert types["categories"] == types["tags"] == "array<string>"
    assert types["modified"] == types["page_type"] == types["image"] == "string"
    assert all(f.nullable for f in RECORD_SCHEMA.fields)


def test_schema_follows_record():
    rec = gleaner.extract(b"", errors="record")
    assert RECORD_SCHEMA.fieldNames() == list(rec)
    types = {f.name: f.dataType.simpleString() for f in RECORD_SCHEMA.fields}
    assert types["blocks"] == "string"  # JSON text, as in the CLI's Parquet output
    assert types["authors"] == "array<string>"
    assert types["title"] == types["source"] == types["text"] == "string"
    # every list or object field of a real record got a list or struct column
    full = gleaner.extract(article_html("Schema story"), url="https://example.org/s")
    for k, v in full.items():
        if isinstance(v, list) and k != "blocks":
            assert types[k].startswith("array<"), k
        if isinstance(v, dict):
            assert types[k].startswith("struct<"), k


def test_extract_warcs(spark, tmp_path):
    paths, expected = warc_files(tmp_path)
    df = extract_warcs(spark, paths)
    assert df.schema == RECORD_SCHEMA
    assert df.rdd.getNumPartitions() == len(paths)  # one task per WARC file
    rows = {r["source"]: r for r in df.collect()}
    assert set(rows) == set(expected)
    for url, title in expected.items():
        r = rows[url]
        assert r["title"] == (title or "Index")
        assert r["warc_file"] in paths and r["url"] == url
        assert r["warc_record_id"].startswith("<urn:uuid:")
        if title is None:
            assert r["error_kind"] == "no_article" and r["text"] is None
            assert r["blocks"] == "[]"
        else:
            assert r["error"] is None and r["text"].startswith("Paragraph 1")
            blocks = json.loads(r["blocks"])
            assert [b["type"] for b in blocks] == ["paragraph"] * len(blocks)
            assert "\n".join(b["text"] for b in blocks) == r["text"]
            assert r["authors"] == ["Ann Example"] and r["captured"].startswith("2024-03-0")
    assert extract_warcs(spark, []).count() == 0
    url = "file://" + paths[0]
    rows = extract_warcs(spark, [url]).collect()
    assert len(rows) == 4 and {r["warc_file"] for r in rows} == {url}


def test_extract_column(spark):
    pages = [(article_html("Column story one").encode(), "https://example.org/1"),
             (article_html("Column story two"), None),
             (NOT_AN_ARTICLE, "https://example.org/3"),
             (None, "https://example.org/4")]
    df = spark.createDataFrame([(i, str(h) if isinstance(h, str) else None, u)
                                for i, (h, u) in enumerate(pages)], "id int, html string, url string")
    # a binary column too
    bdf = spark.createDataFrame([(0, pages[0][0], pages[0][1])], "id int, html binary, url string")
    out = extract_column(df, "html", "url").orderBy("id").collect()
    assert [r["gleaner"]["error_kind"] for r in out] == ["empty", None, "no_article", "empty"]
    assert out[1]["gleaner"]["title"] == "Column story two"
    assert out[2]["gleaner"]["url"] == "https://example.org/3"
    (b,) = extract_column(bdf, "html", "url", output_col="rec").select("rec.*").collect()
    assert b["title"] == "Column story one" and b["source"] == "https://example.org/1"
    want = gleaner.extract(pages[0][0], url=pages[0][1])
    assert json.loads(b["blocks"]) == want["blocks"]
    assert b.asDict(recursive=True)["text"] == want["text"]
    nourl = extract_column(df, "html", min_words=10_000).select("gleaner.error_kind").collect()
    assert {r[0] for r in nourl} == {"empty", "no_article"}


def test_example_job(tmp_path):
    paths, expected = warc_files(tmp_path, n_files=2, per_file=4)
    listing = tmp_path / "warc.paths"
    listing.write_text("\n".join(paths[1:]) + "\n")
    out = tmp_path / "articles.parquet"
    cmd = [sys.executable, str(ROOT / "examples" / "spark_warc.py"), "--output", str(out),
           "--paths", str(listing), "--master", "local[2]", paths[0]]
    for k, v in SPARK_CONF.items():
        cmd += ["--conf", f"{k}={v}"]
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable)
    res = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    assert res.returncode == 0, res.stderr[-3000:]
    assert "wrote 8 records from 2 WARC files" in res.stderr

    import pyarrow.parquet as pq

    table = pq.read_table(out)
    assert table.column_names == RECORD_SCHEMA.fieldNames()
    rows = {r["source"]: r for r in table.to_pylist()}
    assert set(rows) == set(expected)
    for url, title in expected.items():
        assert rows[url]["title"] == (title or "Index")
        assert (rows[url]["error_kind"] is None) == (title is not None)
    some = rows["https://example.org/0/2"]
    assert json.loads(some["blocks"])[0] == {"type": "paragraph",
                                             "text": some["text"].split("\n")[0]}


def _normalized(t):
    """An Arrow type with list kinds and list element names made uniform."""
    import pyarrow as pa

    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return ("list", _normalized(t.value_type))
    if pa.types.is_struct(t):
        return ("struct", tuple(sorted((f.name, _normalized(f.type)) for f in t)))
    if pa.types.is_large_string(t):
        return "string"
    return str(t)


def test_same_parquet_as_cli(spark, tmp_path):
    """extract_warcs written as Parquet holds the columns and rows of
    `gleaner extract --format parquet` on the same WARC files."""
    cli = gleaner_cli()
    if cli is None:
        print("SKIPPED: no gleaner CLI binary (cargo build) to compare with", file=sys.stderr)
        pytest.skip("no gleaner CLI binary built")
    import pyarrow.parquet as pq

    paths, _ = warc_files(tmp_path, n_files=2, per_file=4)
    cli_out = tmp_path / "cli.parquet"
    subprocess.run([cli, "extract", *paths, "-f", "parquet", "-o", str(cli_out), "-q"],
                   check=True, capture_output=True)
    ours = tmp_path / "spark.parquet"
    extract_warcs(spark, paths).write.parquet(str(ours))
    want, got = pq.read_table(cli_out), pq.read_table(ours)
    assert got.column_names == want.column_names
    for name in want.column_names:
        assert _normalized(got.schema.field(name).type) == _normalized(
            want.schema.field(name).type), name
    key = lambda r: r["source"]  # noqa: E731
    got_rows, want_rows = sorted(got.to_pylist(), key=key), sorted(want.to_pylist(), key=key)
    assert [r["source"] for r in got_rows] == [r["source"] for r in want_rows]
    for g, w in zip(got_rows, want_rows):
        # the blocks' JSON text may order keys differently; its content must agree
        g["blocks"], w["blocks"] = json.loads(g["blocks"]), json.loads(w["blocks"])
        diff = {k: (g[k], w[k]) for k in w if g[k] != w[k]}
        assert not diff, (w["source"], diff)
