//! Output sinks: the text formats (txt, json, jsonl, markdown, html) and Parquet.

use std::io::{self, Write};
use std::sync::Arc;

use arrow_schema::{DataType, Field, FieldRef};
use gleaner_extract::record::Record;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use serde_arrow::schema::{SchemaLike, TracingOptions};

use crate::args::Format;

/// Where rendered records go.
pub type Out = Box<dyn Write + Send>;

/// One output file (or standard output) in a given format.
pub enum Sink {
    /// The text formats, records rendered by the workers.
    Text(TextSink),
    /// Parquet, records batched here.
    Parquet(Box<ParquetSink>),
}

impl Sink {
    /// A sink writing `format` to `out`. `several`: whether the output holds several
    /// records (separators, JSON array).
    pub fn new(out: Out, format: Format, several: bool) -> io::Result<Self> {
        Ok(match format {
            Format::Parquet => Sink::Parquet(Box::new(ParquetSink::new(out)?)),
            _ => Sink::Text(TextSink {
                out: io::BufWriter::with_capacity(1 << 16, out),
                format,
                several,
                wrote: false,
            }),
        })
    }

    /// Writes one input's result: `body` (text formats) or `record` (Parquet).
    pub fn write(
        &mut self,
        source: &str,
        body: Option<&str>,
        record: Option<Record>,
    ) -> io::Result<()> {
        match self {
            Sink::Text(t) => match body {
                Some(b) => t.write(source, b),
                None => Ok(()),
            },
            Sink::Parquet(p) => match record {
                Some(r) => p.write(r),
                None => Ok(()),
            },
        }
    }

    /// Pushes buffered output to the file.
    pub fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Text(t) => t.out.flush(),
            Sink::Parquet(_) => Ok(()),
        }
    }

    /// Ends the output (closing JSON array, Parquet footer) and flushes it.
    pub fn finish(self) -> io::Result<()> {
        match self {
            Sink::Text(mut t) => {
                if t.format == Format::Json && t.several {
                    t.out.write_all(if t.wrote { b"\n]\n" } else { b"[]\n" })?;
                }
                t.out.flush()
            }
            Sink::Parquet(p) => p.finish(),
        }
    }
}

/// Writes rendered records with the separators the format needs.
pub struct TextSink {
    out: io::BufWriter<Out>,
    format: Format,
    several: bool,
    /// Whether any output has been written yet.
    wrote: bool,
}

impl TextSink {
    fn write(&mut self, source: &str, body: &str) -> io::Result<()> {
        match self.format {
            Format::Jsonl | Format::Parquet => writeln!(self.out, "{body}")?,
            Format::Json if self.several => {
                self.out
                    .write_all(if self.wrote { b",\n" } else { b"[\n" })?;
                self.out.write_all(body.as_bytes())?;
            }
            Format::Json => writeln!(self.out, "{body}")?,
            Format::Txt if self.several => {
                if self.wrote {
                    self.out.write_all(b"\n")?;
                }
                writeln!(self.out, "==> {source} <==")?;
                self.out.write_all(body.as_bytes())?;
            }
            Format::Markdown | Format::Html if self.several => {
                if self.wrote {
                    self.out.write_all(b"\n")?;
                }
                writeln!(
                    self.out,
                    "<!-- gleaner: {} -->",
                    source.replace("--", "- -")
                )?;
                self.out.write_all(body.as_bytes())?;
            }
            Format::Txt | Format::Markdown | Format::Html => self.out.write_all(body.as_bytes())?,
        }
        self.wrote = true;
        Ok(())
    }
}

/// Records per Parquet row group batch.
const PARQUET_BATCH: usize = 2048;

/// The Parquet schema of [`Record`], derived from the type's serialised form so that new
/// fields flow in without changes here: field names and order from a record's JSON
/// object, types traced from a fully populated sample record (fields it leaves unset are
/// nullable strings); `blocks` is stored as its JSON text. Every column is nullable.
pub fn parquet_fields() -> io::Result<Vec<FieldRef>> {
    let sample = sample_record();
    let row = to_row(&sample)?;
    let traced =
        Vec::<FieldRef>::from_samples(&[row], TracingOptions::default().allow_null_fields(true))
            .map_err(io::Error::other)?;
    let order = key_order(&sample)?;
    let mut traced = traced;
    traced.sort_by_key(|f| {
        order
            .iter()
            .position(|k| k == f.name())
            .unwrap_or(usize::MAX)
    });
    Ok(traced
        .into_iter()
        .map(|f| {
            let ty = match f.data_type() {
                DataType::Null | DataType::LargeUtf8 => DataType::Utf8,
                DataType::LargeList(item) | DataType::List(item)
                    if *item.data_type() == DataType::Null =>
                {
                    DataType::LargeList(Arc::new(Field::new("element", DataType::Utf8, true)))
                }
                t => t.clone(),
            };
            Arc::new(Field::new(f.name(), ty, true))
        })
        .collect())
}

/// The record's field names in serialisation (declaration) order.
fn key_order(rec: &Record) -> io::Result<Vec<String>> {
    struct Keys;
    impl<'de> serde::de::Visitor<'de> for Keys {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut keys = Vec::new();
            while let Some(k) = map.next_key::<String>()? {
                map.next_value::<serde::de::IgnoredAny>()?;
                keys.push(k);
            }
            Ok(keys)
        }
    }
    let text = serde_json::to_string(rec).map_err(io::Error::other)?;
    let mut de = serde_json::Deserializer::from_str(&text);
    serde::Deserializer::deserialize_map(&mut de, Keys).map_err(io::Error::other)
}

/// A record with as many fields set as the extractor fills on a rich page.
fn sample_record() -> Record {
    const PAGE: &str = r#"<html lang="en"><head><title>Bridge reopens | The Gazette</title>
<meta property="og:site_name" content="The Gazette">
<meta name="author" content="Ann Example">
<link rel="canonical" href="https://example.com/bridge">
<meta property="article:published_time" content="2024-03-05T08:00:00+01:00">
</head><body><article><h1>Bridge reopens</h1>
<p>The old river bridge reopened on Tuesday after eighteen months of repairs, the city said.</p>
<h2>Traffic</h2><ul><li>Buses return next week, with new stops on both banks.</li></ul>
<p>Cyclists get a separate lane, and pedestrians a wider footpath on the east side.</p>
</article></body></html>"#;
    let opts = gleaner_extract::Options::default();
    let mut r = Record::new(
        "https://example.com/bridge",
        gleaner_extract::extract(PAGE.as_bytes(), Some("https://example.com/bridge"), &opts),
    );
    r.warc_file = Some(String::new());
    r.warc_record_id = Some(String::new());
    r.captured = Some(String::new());
    r.error = Some(String::new());
    r.error_kind = Some(String::new());
    r
}

/// One record as a Parquet row: its JSON object with `blocks` as JSON text.
fn to_row(rec: &Record) -> io::Result<serde_json::Value> {
    let mut v = serde_json::to_value(rec).map_err(io::Error::other)?;
    if let Some(obj) = v.as_object_mut() {
        if let Some(b) = obj.get_mut("blocks") {
            let text = serde_json::to_string(b).map_err(io::Error::other)?;
            *b = serde_json::Value::String(text);
        }
    }
    Ok(v)
}

/// Batches records into Parquet row groups.
pub struct ParquetSink {
    fields: Vec<FieldRef>,
    writer: ArrowWriter<Out>,
    rows: Vec<serde_json::Value>,
}

impl ParquetSink {
    fn new(out: Out) -> io::Result<Self> {
        let fields = parquet_fields()?;
        let schema = Arc::new(arrow_schema::Schema::new(fields.clone()));
        let props = WriterProperties::builder()
            .set_compression(Compression::ZSTD(
                ZstdLevel::try_new(3).map_err(io::Error::other)?,
            ))
            .build();
        let writer = ArrowWriter::try_new(out, schema, Some(props)).map_err(io::Error::other)?;
        Ok(ParquetSink {
            fields,
            writer,
            rows: Vec::with_capacity(PARQUET_BATCH),
        })
    }

    fn write(&mut self, rec: Record) -> io::Result<()> {
        self.rows.push(to_row(&rec)?);
        if self.rows.len() >= PARQUET_BATCH {
            self.flush_rows()?;
        }
        Ok(())
    }

    fn flush_rows(&mut self) -> io::Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let batch =
            serde_arrow::to_record_batch(&self.fields, &self.rows).map_err(io::Error::other)?;
        self.rows.clear();
        self.writer.write(&batch).map_err(io::Error::other)
    }

    fn finish(mut self) -> io::Result<()> {
        self.flush_rows()?;
        let mut out = self.writer.into_inner().map_err(io::Error::other)?;
        out.flush()
    }
}
