"""gleaner on Apache Spark: extract articles from WARC files or from a DataFrame of pages.

- ``extract_warcs(spark, paths)``: one task per WARC file, each streaming its file through
  ``gleaner.read_warc`` on an executor; the driver only lists paths. Returns a DataFrame
  with ``RECORD_SCHEMA`` (the columns of the CLI's Parquet output).
- ``extract_column(df, html_col, url_col)``: a pandas (Arrow) UDF for DataFrames that
  already hold pages; adds one struct column with the record fields.

Executors need the ``gleaner`` package installed (the same wheel as the driver), and
pyspark, pandas and pyarrow (``pip install 'gleaner[spark]'``).
"""

import json
import os
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Union

from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import (
    ArrayType,
    BooleanType,
    DataType,
    IntegerType,
    StringType,
    StructField,
    StructType,
)

import gleaner
from gleaner._gleaner import record_columns

__all__ = ["BLOCK_SCHEMA", "RECORD_SCHEMA", "extract_column", "extract_warcs", "record_schema"]

BLOCK_SCHEMA = StructType(
    [
        StructField("type", StringType(), False),
        StructField("text", StringType(), True),
        StructField("level", IntegerType(), True),
        StructField("ordered", BooleanType(), True),
        StructField("depth", IntegerType(), True),
        StructField("header", BooleanType(), True),
        StructField("cells", ArrayType(StringType()), True),
    ]
)
"""One body block, for reading the ``blocks`` column (JSON text, as in the CLI's Parquet
output): ``F.from_json("blocks", ArrayType(BLOCK_SCHEMA))``. ``type`` is paragraph,
heading (with ``level``), list_item (with ``ordered`` and ``depth``), quote, preformatted,
table_row (with ``header`` and ``cells``, no ``text``) or caption; fields a block type does
not have are null."""

def _spark_type(ty: Any) -> DataType:
    if ty == "list<string>":
        return ArrayType(StringType())
    if isinstance(ty, list):
        return StructType([StructField(name, _spark_type(t), True) for name, t in ty])
    return StringType()


def record_schema() -> StructType:
    """The Spark schema of a record: the columns of the CLI's Parquet output, from the
    one explicit column list both use (``gleaner._gleaner.record_columns()``, the Rust
    ``gleaner_warc::schema::RECORD_COLUMNS``): the record's fields in order, strings,
    lists of strings, ``date_source`` a struct, ``blocks`` JSON text; every column
    nullable."""
    return StructType(
        [StructField(name, _spark_type(ty), True) for name, ty in record_columns()]
    )


RECORD_SCHEMA = record_schema()
"""The Spark schema of ``extract_warcs``' DataFrame and of ``extract_column``'s struct:
the columns of ``gleaner extract --format parquet``."""


def _json(v: Any) -> Optional[str]:
    return None if v is None else json.dumps(v, ensure_ascii=False, separators=(",", ":"))


def _converter(name: str, typ: DataType) -> Callable[[Any], Any]:
    """Makes a record value fit its column: ``blocks`` (and any value whose shape the
    schema did not foresee) becomes JSON text."""
    if name == "blocks":
        return _json
    if isinstance(typ, StringType):
        return lambda v: v if v is None or isinstance(v, str) else _json(v)
    if isinstance(typ, ArrayType):
        return lambda v: v if v is None or isinstance(v, list) else [v]
    if isinstance(typ, StructType):
        return lambda v: v if v is None or isinstance(v, dict) else None
    return lambda v: v


_NAMES = RECORD_SCHEMA.fieldNames()
_CONVERT = [(f.name, _converter(f.name, f.dataType)) for f in RECORD_SCHEMA.fields]


def _row(rec: Dict[str, Any]) -> tuple:
    return tuple(conv(rec.get(name)) for name, conv in _CONVERT)


def _read(path: str, opts: Dict[str, Any]) -> Iterator[Dict[str, Any]]:
    """The records of one WARC file: a local path (or ``file://`` URL) read by gleaner
    directly, any other URL (``s3://``, ``hdfs://``, ``https://``, ...) opened with fsspec."""
    scheme, sep, rest = path.partition("://")
    if not sep or scheme == "file":
        yield from gleaner.read_warc(rest if sep else path, name=path, **opts)
        return
    try:
        import fsspec  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError as e:
        raise ImportError(f"reading {path} needs fsspec (pip install fsspec s3fs ...)") from e
    with fsspec.open(path, "rb") as f:
        yield from gleaner.read_warc(f, name=path, **opts)


def extract_warcs(
    spark: SparkSession,
    paths: Sequence[Union[str, "os.PathLike[str]"]],
    **options: Any,
) -> DataFrame:
    """Extract every HTML page of the given WARC files into a DataFrame.

    paths: WARC files (``.warc`` or ``.warc.gz``): local paths the executors can read
        (a shared filesystem or a mount), ``file://`` URLs, or any URL fsspec opens
        (``s3://...``, ``hdfs://...``, ``https://...``; needs fsspec and its backend on the
        executors). The records' ``warc_file`` is the path as given.
    options: keyword options of ``gleaner.read_warc`` (``min_words``, ``captions``, ...).

    One Spark task per file (``numSlices=len(paths)``): tasks are stateless and stream
    their file, so a job scales with the number of files and executor cores; the driver
    only distributes the list of paths. Each row is one record (``RECORD_SCHEMA``);
    records without an article have ``error`` and ``error_kind`` set.
    """
    files: List[str] = [os.fspath(p) for p in paths]
    if not files:
        return spark.createDataFrame([], RECORD_SCHEMA)
    opts = dict(options)

    def run(part: Iterable[str]) -> Iterator[tuple]:
        for path in part:
            for rec in _read(path, opts):
                yield _row(rec)

    rdd = spark.sparkContext.parallelize(files, numSlices=len(files)).mapPartitions(run)
    return spark.createDataFrame(rdd, RECORD_SCHEMA, verifySchema=False)


def extract_column(
    df: DataFrame,
    html_col: Union[str, Column],
    url_col: Union[str, Column, None] = None,
    output_col: str = "gleaner",
    threads: Optional[int] = 1,
    **options: Any,
) -> DataFrame:
    """Add a struct column ``output_col`` (``RECORD_SCHEMA``) with the record of each page.

    html_col: a string or binary column holding the pages (null counts as empty).
    url_col: optional string column with each page's URL.
    threads: extraction threads per Spark task (default 1: Spark already runs one task
        per core).
    options: keyword options of ``gleaner.extract_many`` (``min_words``, ``captions``,
        ``encoding``, ...).

    Runs as a pandas UDF: Arrow batches of pages go to ``gleaner.extract_many`` with the
    GIL released. Records without an article have ``error`` and ``error_kind`` set.
    Use ``df.select("*", "gleaner.*")`` to flatten.
    """
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]
    from pyspark.sql.functions import pandas_udf

    opts = dict(options)
    names = _NAMES

    def run(html: pd.Series, url: pd.Series) -> pd.DataFrame:
        import gleaner as g

        pages = [
            (b"" if h is None else h, None if u is None or u != u else u)
            for h, u in zip(html.tolist(), url.tolist())
        ]
        recs = g.extract_many(pages, threads=threads, **opts)
        return pd.DataFrame([_row(r) for r in recs], columns=names)

    udf = pandas_udf(run, returnType=RECORD_SCHEMA)  # type: ignore[call-overload]
    html = F.col(html_col) if isinstance(html_col, str) else html_col
    if url_col is None:
        url = F.lit(None).cast(StringType())
    else:
        url = F.col(url_col) if isinstance(url_col, str) else url_col
    return df.withColumn(output_col, udf(html, url))
