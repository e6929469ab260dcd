"""gleaner: turn a news web page into the article it carries, and nothing else.

The extraction runs in Rust (the gleaner-extract crate) with the GIL released.

    >>> import gleaner
    >>> rec = gleaner.extract(html_bytes, url="https://example.org/story")
    >>> rec["title"], rec["published"], rec["text"]

Functions:

- ``extract(html, url=None, **options) -> dict``: one page; raises ``Rejected`` when it
  holds no article (or returns a record with ``error`` when ``errors="record"``).
- ``extract_many(pages, threads=None, **options) -> list[dict]``: many ``(html, url)``
  pairs in parallel.
- ``read_warc(path, **options) -> Iterator[dict]``: the records of a WARC file, streaming.
- ``gleaner.spark``: ``extract_warcs(spark, paths)`` and ``extract_column(df, html_col,
  url_col)`` for Apache Spark (needs pyspark, pandas and pyarrow).

Each record is a dict with the keys of the command line tool's JSON records, in the same
order (README, "Record schema": ``source``, ``url``, ``title``, ``authors``,
``published``, ``language``, ``site_name``, ``text``, ``blocks``, ``error``,
``error_kind``, ``warc_file``, ``warc_record_id``, ``captured`` and the further metadata
fields), converted from the Rust ``Record`` type.
"""

from ._gleaner import Rejected, WarcRecords, __version__, extract, extract_many, read_warc

__all__ = ["Rejected", "WarcRecords", "__version__", "extract", "extract_many", "read_warc"]
