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
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Union

from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import (
    ArrayType,
    BooleanType,
    IntegerType,
    StringType,
    StructField,
    StructType,
)

import gleaner

__all__ = ["BLOCK_SCHEMA", "RECORD_SCHEMA", "extract_column", "extract_warcs", "record_schema"]

BLOCK_SCHEMA = StructType(
    [
        StructField("type", StringType(), False),
        StructField("text", StringType(), True),
        StructField("level", IntegerType(), True),
        StructField("ordered", BooleanType(), True),
        StructField("depth", IntegerType(), True),
        StructField("header", BooleanType(), True),
        StructField("cells", ArrayType(StringType(), False), True),
    ]
)
"""One body block: ``type`` is paragraph, heading (with ``level``), list_item (with
``ordered`` and ``depth``), quote, preformatted, table_row (with ``header`` and ``cells``,
no ``text``) or caption; fields a block type does not have are null."""

# Column types of the record fields gleaner knows; a field a newer Record adds and this
# table does not know yet becomes a string column (JSON text unless it is a string).
_KNOWN_TYPES = {
    "source": StringType(),
    "url": StringType(),
    "title": StringType(),
    "authors": ArrayType(StringType(), False),
    "published": StringType(),
    "language": StringType(),
    "site_name": StringType(),
    "text": StringType(),
    "blocks": ArrayType(BLOCK_SCHEMA, False),
    "error": StringType(),
    "error_kind": StringType(),
    "warc_file": StringType(),
    "warc_record_id": StringType(),
    "captured": StringType(),
}


def _record_fields() -> List[str]:
    """The record's field names in order, read off the installed extension (so the schema
    follows the Rust ``Record`` type)."""
    return list(gleaner.extract(b"", errors="record"))


def record_schema() -> StructType:
    """The Spark schema of a record: the CLI's Parquet columns, in record order. Columns
    are nullable, as Spark reads Parquet columns (``source``, ``authors`` and ``blocks``
    are never null in practice)."""
    return StructType(
        [StructField(n, _KNOWN_TYPES.get(n, StringType()), True) for n in _record_fields()]
    )


RECORD_SCHEMA = record_schema()
"""The Spark schema of ``extract_warcs``' DataFrame and of ``extract_column``'s struct."""

_NAMES = RECORD_SCHEMA.fieldNames()
_PLAIN = {n for n in _NAMES if n in _KNOWN_TYPES}


def _value(name: str, v: Any) -> Any:
    if name in _PLAIN or v is None or isinstance(v, str):
        return v
    return json.dumps(v, ensure_ascii=False)


def _row(rec: Dict[str, Any]) -> tuple:
    return tuple(_value(n, rec.get(n)) for n in _NAMES)


def extract_warcs(
    spark: SparkSession,
    paths: Sequence[Union[str, "os.PathLike[str]"]],
    **options: Any,
) -> DataFrame:
    """Extract every HTML page of the given WARC files into a DataFrame.

    paths: WARC files (``.warc`` or ``.warc.gz``) readable by the executors under the same
        path (a shared filesystem or a mount).
    options: keyword options of ``gleaner.read_warc`` (``min_words``, ``captions``, ...).

    One Spark task per file (``numSlices=len(paths)``): tasks are stateless and stream
    their file, so a job scales with the number of files and executor cores; the driver
    only distributes the list of paths. Each row is one record (``RECORD_SCHEMA``);
    records without an article have ``error`` and ``error_kind`` set.
    """
    paths = [os.fspath(p) for p in paths]
    if not paths:
        return spark.createDataFrame([], RECORD_SCHEMA)
    opts = dict(options)

    def run(part: Iterable[str]) -> Iterator[tuple]:
        import gleaner as g  # imported on the executor

        for path in part:
            for rec in g.read_warc(path, **opts):
                yield _row(rec)

    rdd = spark.sparkContext.parallelize(paths, numSlices=len(paths)).mapPartitions(run)
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
    import pandas as pd
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
