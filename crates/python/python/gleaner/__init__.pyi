"""Type stubs for gleaner (the native functions live in gleaner._gleaner)."""

import datetime
import os
from typing import Any, BinaryIO, Dict, Iterable, Iterator, List, Literal, Optional, Tuple, Union, final

__all__ = ["Rejected", "WarcRecords", "__version__", "extract", "extract_many", "read_warc"]

__version__: str

_Html = Union[bytes, bytearray, str]
"""A page: bytes in any charset, or already-decoded text."""

_Page = Union[_Html, Tuple[_Html, Optional[str]]]
"""An item of extract_many's input: html, or an (html, url) pair."""

_Record = Dict[str, Any]
"""One record: the keys of the CLI's JSON record, in the same order (README, "Record
schema"): source (str), url, title, authors (list[str]), published, language, site_name,
text, blocks (list[dict] tagged by "type"), error, error_kind, warc_file, warc_record_id,
captured, and the further metadata fields (modified, date_source, description, ...)."""

_ReferenceTime = Union[int, float, datetime.datetime, None]

class Rejected(ValueError):
    """The page holds no article."""

    kind: str
    """Stable code: "empty", "too_large", "not_html" or "no_article"."""
    reason: str
    """Human-readable message (also the exception's message)."""
    record: _Record
    """The record of the page, with error and error_kind set."""

def extract(
    html: _Html,
    url: Optional[str] = None,
    *,
    errors: Literal["raise", "record"] = "raise",
    encoding: Optional[str] = None,
    max_bytes: Optional[int] = None,
    max_depth: Optional[int] = None,
    max_nodes: Optional[int] = None,
    min_words: Optional[int] = None,
    captions: bool = False,
    tables: bool = True,
    reference_time: _ReferenceTime = None,
) -> _Record:
    """Extract the article from one web page and return its record as a dict.

    Raises Rejected when the page holds no article (unless errors="record").
    See help(gleaner.extract) for each option."""

def extract_many(
    pages: Iterable[_Page],
    threads: Optional[int] = None,
    *,
    encoding: Optional[str] = None,
    max_bytes: Optional[int] = None,
    max_depth: Optional[int] = None,
    max_nodes: Optional[int] = None,
    min_words: Optional[int] = None,
    captions: bool = False,
    tables: bool = True,
    reference_time: _ReferenceTime = None,
) -> List[_Record]:
    """Extract many pages in parallel (GIL released); one record per page, in order.

    Pages without an article give records with error set; nothing is raised for them."""

@final
class WarcRecords(Iterator[_Record]):
    """The iterator read_warc returns."""

    def __iter__(self) -> "WarcRecords": ...
    def __next__(self) -> _Record: ...

def read_warc(
    source: Union[str, "os.PathLike[str]", BinaryIO],
    *,
    name: Optional[str] = None,
    bad_records: Literal["record", "skip", "raise"] = "record",
    encoding: Optional[str] = None,
    max_bytes: Optional[int] = None,
    max_depth: Optional[int] = None,
    max_nodes: Optional[int] = None,
    min_words: Optional[int] = None,
    captions: bool = False,
    tables: bool = True,
) -> WarcRecords:
    """The records of the HTML pages of a WARC file (.warc or .warc.gz; a path or a binary
    file object), streaming.

    Bad WARC records become records with error_kind "input" (bad_records="record"),
    are dropped ("skip") or raise ValueError ("raise"); read errors raise OSError."""
