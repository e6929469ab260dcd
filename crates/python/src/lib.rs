//! Python bindings for gleaner: the native module `gleaner._gleaner` behind the `gleaner`
//! Python package (`crates/python/python/gleaner`).
//!
//! Every function returns the same record as the command line tool's JSON output: a
//! [`gleaner_extract::record::Record`] converted to a `dict` through serde (pythonize), so
//! the Python shape follows the Rust type field for field. Extraction runs with the GIL
//! released; [`extract_many`] spreads pages over a rayon pool.

use gleaner_extract::record::Record;
use gleaner_extract::{Options, Rejection};
use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use rayon::prelude::*;
use std::io::BufReader;
use std::sync::Mutex;

use gleaner_warc::schema::{Column, ColumnType, RECORD_COLUMNS};
use gleaner_warc::{error_record, HtmlPage, WarcError, WarcReader};

/// The HTML pages of one WARC input (a file, or a Python binary file object).
type Pages = Box<dyn Iterator<Item = Result<HtmlPage, WarcError>> + Send>;

/// Reads from a Python binary file object (anything with `read(n)` returning bytes), taking
/// the GIL for each call.
struct PyReader(Py<PyAny>);

impl std::io::Read for PyReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        Python::attach(|py| {
            let data = self
                .0
                .bind(py)
                .call_method1("read", (buf.len(),))
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            let data: PyBackedBytes = data.extract().map_err(|_| {
                std::io::Error::other("read() must return bytes (open the file in binary mode)")
            })?;
            if data.len() > buf.len() {
                return Err(std::io::Error::other("read(n) returned more than n bytes"));
            }
            buf[..data.len()].copy_from_slice(&data);
            Ok(data.len())
        })
    }
}

create_exception!(
    gleaner,
    Rejected,
    PyValueError,
    "The page holds no article. Attributes: `kind` (stable code: `empty`, `too_large`, \
     `not_html`, `no_article`), `reason` (human-readable message) and `record` (the record \
     dict with `error` and `error_kind` set)."
);

/// One page as the caller gave it: text or bytes, kept alive without copying.
enum Html {
    Bytes(PyBackedBytes),
    Str(PyBackedStr),
}

impl Html {
    fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        if let Ok(s) = obj.cast::<PyString>() {
            return Ok(Html::Str(s.clone().try_into()?));
        }
        if let Ok(b) = obj.extract::<PyBackedBytes>() {
            // bytes (borrowed) or bytearray (copied)
            return Ok(Html::Bytes(b));
        }
        Err(PyTypeError::new_err(format!(
            "html must be bytes or str, not {}",
            obj.get_type().name()?
        )))
    }

    fn extract(
        &self,
        url: Option<&str>,
        opts: &Options,
    ) -> Result<gleaner_extract::Extracted, Rejection> {
        match self {
            Html::Bytes(b) => gleaner_extract::extract(b, url, opts),
            Html::Str(s) => gleaner_extract::extract_str(s, url, opts),
        }
    }
}

/// The keyword options shared by every function, as one `Options` value.
#[allow(clippy::too_many_arguments)]
fn build_options(
    encoding: Option<&str>,
    max_bytes: Option<usize>,
    max_depth: Option<usize>,
    max_nodes: Option<usize>,
    min_words: Option<usize>,
    captions: bool,
    tables: bool,
    reference_time: Option<&Bound<'_, PyAny>>,
) -> PyResult<Options> {
    let mut opts = Options::default()
        .with_encoding(encoding)
        .with_captions(captions)
        .with_tables(tables)
        .with_reference_time(reference_seconds(reference_time)?);
    if let (Some(label), None) = (encoding, opts.encoding()) {
        return Err(PyValueError::new_err(format!(
            "unknown encoding {label:?} (use a WHATWG label such as utf-8, windows-1252, shift_jis)"
        )));
    }
    if let Some(n) = max_bytes {
        opts = opts.with_max_bytes(n);
    }
    if let Some(n) = max_depth {
        opts = opts.with_max_depth(n);
    }
    if let Some(n) = max_nodes {
        opts = opts.with_max_nodes(n);
    }
    if let Some(n) = min_words {
        opts = opts.with_min_words(n);
    }
    Ok(opts)
}

/// `reference_time` as Unix seconds: an int/float, or a `datetime` (naive means UTC).
fn reference_seconds(t: Option<&Bound<'_, PyAny>>) -> PyResult<Option<i64>> {
    let Some(t) = t else { return Ok(None) };
    if t.is_none() {
        return Ok(None);
    }
    if let Ok(n) = t.extract::<i64>() {
        return Ok(Some(n));
    }
    if let Ok(f) = t.extract::<f64>() {
        if f.is_finite() && f.abs() < 1e15 {
            return Ok(Some(f.floor() as i64));
        }
        return Err(PyValueError::new_err("reference_time is out of range"));
    }
    if t.hasattr("timestamp")? && t.hasattr("tzinfo")? {
        let dt = if t.getattr("tzinfo")?.is_none() {
            let utc = t
                .py()
                .import("datetime")?
                .getattr("timezone")?
                .getattr("utc")?;
            let kwargs = PyDict::new(t.py());
            kwargs.set_item("tzinfo", utc)?;
            t.call_method("replace", (), Some(&kwargs))?
        } else {
            t.clone()
        };
        let f: f64 = dt.call_method0("timestamp")?.extract()?;
        return Ok(Some(f.floor() as i64));
    }
    Err(PyTypeError::new_err(
        "reference_time must be Unix seconds (int or float) or a datetime",
    ))
}

/// The record for one page; `source` is the url, or `""` when there is none.
fn record_for(html: &Html, url: Option<&str>, opts: &Options) -> Record {
    Record::new(url.unwrap_or(""), html.extract(url, opts)).with_fallback_url(url)
}

fn to_dict<'py>(py: Python<'py>, rec: &Record) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, rec).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// Extract the article from one web page and return its record as a dict.
///
/// html: the page, as `bytes` in any charset (detected like the CLI does: byte-order
///     mark, then `encoding`, then `<meta charset>`, then detection) or as already-decoded
///     `str`.
/// url: the page's address when known: resolves relative canonical links, and becomes the
///     record's `url` (when the page declares none) and `source`.
/// errors: "raise" (default) raises `gleaner.Rejected` when the page holds no article;
///     "record" returns the record with `error` and `error_kind` set instead.
/// encoding: the transport charset (HTTP Content-Type charset) as a WHATWG label such as
///     "utf-8" or "windows-1252"; wins over `<meta charset>` and detection, not over a
///     byte-order mark. Default: none. Unknown labels raise ValueError.
/// max_bytes: pages larger than this are rejected as "too_large". Default: 64 MiB.
/// max_depth: element nesting depth kept; deeper elements are flattened into the deepest
///     allowed ancestor. Default: 256.
/// max_nodes: tree node limit; the rest of the page is ignored past it. Default: 2,000,000.
/// min_words: bodies with fewer words are rejected as "no_article", unless the body is all
///     that a tiny static page shows (under 10 words, no scripts, no error text). Default: 10.
/// captions: keep image and figure captions as "caption" blocks. Default: False.
/// tables: keep data tables as "table_row" blocks. Default: True.
/// reference_time: when the page was captured (Unix seconds, or a datetime; naive means
///     UTC): relative dates ("3 hours ago") are resolved against it and publication dates
///     after it are refused. Default: None.
///
/// Returns the record as a dict: the keys of the CLI's JSON record, in the same order
/// (README, "Record schema"): source, url, title, authors, published, language,
/// site_name, text, blocks (list of dicts tagged by "type"), error, error_kind, then the
/// WARC and further metadata fields (warc_file, warc_record_id, captured, modified, ...).
#[pyfunction]
#[pyo3(signature = (html, url=None, *, errors="raise", encoding=None, max_bytes=None,
    max_depth=None, max_nodes=None, min_words=None, captions=false, tables=true,
    reference_time=None))]
#[allow(clippy::too_many_arguments)]
fn extract<'py>(
    py: Python<'py>,
    html: &Bound<'py, PyAny>,
    url: Option<String>,
    errors: &str,
    encoding: Option<&str>,
    max_bytes: Option<usize>,
    max_depth: Option<usize>,
    max_nodes: Option<usize>,
    min_words: Option<usize>,
    captions: bool,
    tables: bool,
    reference_time: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let raise = parse_errors(errors)?;
    let opts = build_options(
        encoding,
        max_bytes,
        max_depth,
        max_nodes,
        min_words,
        captions,
        tables,
        reference_time,
    )?;
    let html = Html::from_py(html)?;
    let rec = py.detach(|| record_for(&html, url.as_deref(), &opts));
    let dict = to_dict(py, &rec)?;
    if raise && !rec.is_article() {
        return Err(rejected(py, &rec, dict));
    }
    Ok(dict)
}

fn parse_errors(errors: &str) -> PyResult<bool> {
    match errors {
        "raise" => Ok(true),
        "record" => Ok(false),
        other => Err(PyValueError::new_err(format!(
            "errors must be \"raise\" or \"record\", not {other:?}"
        ))),
    }
}

fn rejected<'py>(py: Python<'py>, rec: &Record, dict: Bound<'py, PyAny>) -> PyErr {
    let reason = rec.error.clone().unwrap_or_default();
    let kind = rec.error_kind.clone().unwrap_or_default();
    let err = Rejected::new_err(reason.clone());
    let value = err.value(py);
    let set = value
        .setattr("reason", reason)
        .and_then(|()| value.setattr("kind", kind))
        .and_then(|()| value.setattr("record", dict));
    match set {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// One item of `extract_many`'s input: `html`, or an `(html, url)` tuple or list.
fn page_from_py(item: &Bound<'_, PyAny>) -> PyResult<(Html, Option<String>)> {
    let pair = if let Ok(t) = item.cast::<PyTuple>() {
        t.as_sequence().clone()
    } else if let Ok(l) = item.cast::<PyList>() {
        l.as_sequence().clone()
    } else {
        return Ok((Html::from_py(item)?, None));
    };
    match pair.len()? {
        1 => Ok((Html::from_py(&pair.get_item(0)?)?, None)),
        2 => Ok((
            Html::from_py(&pair.get_item(0)?)?,
            pair.get_item(1)?.extract()?,
        )),
        n => Err(PyTypeError::new_err(format!(
            "a page is html or an (html, url) pair, not a sequence of {n}"
        ))),
    }
}

/// Extract many pages in parallel and return one record dict per page, in input order.
///
/// pages: an iterable of `(html, url)` pairs (tuples or lists; `url` may be None), or of
///     bare `html` (bytes, bytearray or str). It is read whole before extraction starts.
/// threads: worker threads; None (default) uses one per core. The GIL is released while
///     the pages are extracted, so other Python threads keep running.
///
/// A page without an article never raises here: its record has `error` and `error_kind`
/// set (as `extract(..., errors="record")`). The other options are those of `extract`.
#[pyfunction]
#[pyo3(signature = (pages, threads=None, *, encoding=None, max_bytes=None, max_depth=None,
    max_nodes=None, min_words=None, captions=false, tables=true, reference_time=None))]
#[allow(clippy::too_many_arguments)]
fn extract_many<'py>(
    py: Python<'py>,
    pages: &Bound<'py, PyAny>,
    threads: Option<usize>,
    encoding: Option<&str>,
    max_bytes: Option<usize>,
    max_depth: Option<usize>,
    max_nodes: Option<usize>,
    min_words: Option<usize>,
    captions: bool,
    tables: bool,
    reference_time: Option<&Bound<'py, PyAny>>,
) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let opts = build_options(
        encoding,
        max_bytes,
        max_depth,
        max_nodes,
        min_words,
        captions,
        tables,
        reference_time,
    )?;
    if threads == Some(0) {
        return Err(PyValueError::new_err("threads must be at least 1"));
    }
    let mut input = Vec::new();
    for item in pages.try_iter()? {
        input.push(page_from_py(&item?)?);
    }
    let records: Vec<Record> = py.detach(|| -> PyResult<Vec<Record>> {
        let one = |(html, url): &(Html, Option<String>)| record_for(html, url.as_deref(), &opts);
        let run = || input.par_iter().with_max_len(1).map(one).collect();
        match threads {
            Some(1) => Ok(input.iter().map(one).collect()),
            Some(n) => {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .build()
                    .map_err(|e| PyValueError::new_err(format!("thread pool: {e}")))?;
                Ok(pool.install(run))
            }
            None => Ok(run()),
        }
    })?;
    records.iter().map(|r| to_dict(py, r)).collect()
}

/// How `read_warc` reports a bad WARC record (one the reader skips).
#[derive(Clone, Copy, PartialEq, Eq)]
enum BadRecords {
    Record,
    Skip,
    Raise,
}

/// The iterator `read_warc` returns: one record per HTML page of a WARC file.
#[pyclass(module = "gleaner")]
struct WarcRecords {
    pages: Mutex<Option<Pages>>,
    warc_file: String,
    opts: Options,
    bad: BadRecords,
}

/// What the next step of the iterator produced (computed without the GIL).
enum Step {
    Done,
    Rec(Box<Record>),
    Bad(Box<Record>, bool),
}

#[pymethods]
impl WarcRecords {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        loop {
            let step = py.detach(|| {
                let mut guard = self.pages.lock().unwrap_or_else(|e| e.into_inner());
                let Some(pages) = guard.as_mut() else {
                    return Step::Done;
                };
                match pages.next() {
                    None => {
                        *guard = None;
                        Step::Done
                    }
                    Some(Ok(page)) => {
                        Step::Rec(Box::new(page.extract(&self.warc_file, &self.opts)))
                    }
                    Some(Err(e)) => {
                        let fatal = e.is_fatal();
                        if fatal {
                            *guard = None;
                        }
                        Step::Bad(Box::new(error_record(&self.warc_file, &e)), fatal)
                    }
                }
            });
            match step {
                Step::Done => return Ok(None),
                Step::Rec(rec) => return to_dict(py, &rec).map(Some),
                Step::Bad(rec, true) => {
                    return Err(pyo3::exceptions::PyOSError::new_err(rec.error.clone()))
                }
                Step::Bad(rec, false) => match self.bad {
                    BadRecords::Skip => continue,
                    BadRecords::Raise => return Err(PyValueError::new_err(rec.error.clone())),
                    BadRecords::Record => return to_dict(py, &rec).map(Some),
                },
            }
        }
    }
}

/// Read a WARC file and return an iterator of records, one per HTML page, streaming.
///
/// source: a `.warc` or `.warc.gz` file, as a path or as a binary file object (anything
///     with `read(n)`, such as `open(p, "rb")` or an fsspec/S3 file); gzip detected by
///     content (one gzip member per record as archives write them, or any other layout).
/// name: the `warc_file` of the records. Default: the path as given, or the file
///     object's `name`, else "<stream>".
/// bad_records: what to do with a record the reader cannot parse (corrupt gzip, bad
///     header, truncated record; the reader resynchronises and goes on):
///     "record" (default) yields a record with `source` "<warc_file>#<offset>",
///     `error_kind` "input" ("too_large" for a record over `max_bytes`), `error` naming the
///     file and byte offset, and `warc_file` set (as the CLI writes them); "skip" drops it; "raise" raises
///     ValueError. A failing read of the file itself raises OSError.
///
/// Pages are `response` records (and `resource`/`conversion` records) whose HTTP
/// Content-Type is HTML or missing; other records are skipped. Each page is extracted
/// with its HTTP charset as `encoding` (unless given), its `WARC-Date` as
/// `reference_time` and its `WARC-Target-URI` as `url`; its record has `source` (the
/// target URI), `warc_file` (see `name`), `warc_record_id` and `captured` set.
/// Pages without an article give records with `error` set; nothing is raised for them.
/// The other options are those of `extract`. The GIL is released while reading and
/// extracting; memory stays constant whatever the file's size.
#[pyfunction]
#[pyo3(signature = (source, *, name=None, bad_records="record", encoding=None,
    max_bytes=None, max_depth=None, max_nodes=None, min_words=None, captions=false,
    tables=true))]
#[allow(clippy::too_many_arguments)]
fn read_warc(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    name: Option<String>,
    bad_records: &str,
    encoding: Option<&str>,
    max_bytes: Option<usize>,
    max_depth: Option<usize>,
    max_nodes: Option<usize>,
    min_words: Option<usize>,
    captions: bool,
    tables: bool,
) -> PyResult<WarcRecords> {
    let bad = match bad_records {
        "record" => BadRecords::Record,
        "skip" => BadRecords::Skip,
        "raise" => BadRecords::Raise,
        other => {
            return Err(PyValueError::new_err(format!(
                "bad_records must be \"record\", \"skip\" or \"raise\", not {other:?}"
            )))
        }
    };
    let opts = build_options(
        encoding, max_bytes, max_depth, max_nodes, min_words, captions, tables, None,
    )?;
    let (pages, warc_file): (Pages, String) = if source.hasattr("read")? {
        let warc_file = match name {
            Some(n) => n,
            None => match source.getattr("name").and_then(|n| n.str()) {
                Ok(n) => n.to_string(),
                Err(_) => "<stream>".to_string(),
            },
        };
        let reader = PyReader(source.clone().unbind());
        let r = py.detach(|| WarcReader::new(BufReader::with_capacity(256 * 1024, reader)))?;
        (Box::new(r.html_pages()), warc_file)
    } else {
        let path: std::path::PathBuf = source
            .extract()
            .map_err(|_| PyTypeError::new_err("source must be a path or a binary file object"))?;
        let r = py.detach(|| WarcReader::open(&path))?;
        let warc_file = name.unwrap_or_else(|| path.to_string_lossy().into_owned());
        (Box::new(r.html_pages()), warc_file)
    };
    Ok(WarcRecords {
        pages: Mutex::new(Some(pages)),
        warc_file,
        opts,
        bad,
    })
}

/// The columns of a record in columnar outputs, as the CLI's Parquet files have them:
/// a list of `(name, type)` with type "string", "list<string>" or, for a struct, a list
/// of `(name, type)` members. Every column is nullable; `blocks` is JSON text.
/// `gleaner.spark.RECORD_SCHEMA` is built from it.
#[pyfunction]
fn record_columns(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    fn columns<'py>(py: Python<'py>, cols: &[Column]) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for c in cols {
            let ty: Bound<'py, PyAny> = match c.ty {
                ColumnType::StringList => PyString::new(py, "list<string>").into_any(),
                ColumnType::Struct(members) => columns(py, members)?.into_any(),
                _ => PyString::new(py, "string").into_any(),
            };
            list.append(PyTuple::new(
                py,
                [PyString::new(py, c.name).into_any(), ty],
            )?)?;
        }
        Ok(list)
    }
    columns(py, RECORD_COLUMNS)
}

/// The `gleaner._gleaner` native module.
#[pymodule]
fn _gleaner(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("Rejected", m.py().get_type::<Rejected>())?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(extract_many, m)?)?;
    m.add_function(wrap_pyfunction!(read_warc, m)?)?;
    m.add_function(wrap_pyfunction!(record_columns, m)?)?;
    m.add_class::<WarcRecords>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
