//! Output sinks: the text formats (txt, json, jsonl, markdown, html) and Parquet.

use std::io::{self, Write};
use std::sync::Arc;

use arrow_schema::{DataType, Field, FieldRef};
use gleaner_extract::record::Record;
use gleaner_warc::schema::{ColumnType, RECORD_COLUMNS};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;

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
        body: Option<&[u8]>,
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
    fn write(&mut self, source: &str, body: &[u8]) -> io::Result<()> {
        match self.format {
            Format::Json if self.several => {
                self.out
                    .write_all(if self.wrote { b",\n" } else { b"[\n" })?;
                self.out.write_all(body)?;
            }
            Format::Jsonl | Format::Parquet | Format::Json => {
                self.out.write_all(body)?;
                self.out.write_all(b"\n")?;
            }
            Format::Txt if self.several => {
                if self.wrote {
                    self.out.write_all(b"\n")?;
                }
                writeln!(self.out, "==> {source} <==")?;
                self.out.write_all(body)?;
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
                self.out.write_all(body)?;
            }
            Format::Txt | Format::Markdown | Format::Html => self.out.write_all(body)?,
        }
        self.wrote = true;
        Ok(())
    }
}

/// Records per Parquet row group batch.
const PARQUET_BATCH: usize = 2048;

/// The Parquet schema of [`Record`]: the explicit column list shared with the Python
/// package's Spark schema ([`gleaner_warc::schema::RECORD_COLUMNS`]), every column
/// nullable, strings as `Utf8`, string lists as `List<Utf8>`, `date_source` a struct,
/// `blocks` the JSON text of the block list. Fixed: a field no record sets still has its
/// real type.
pub fn parquet_fields() -> Vec<FieldRef> {
    RECORD_COLUMNS
        .iter()
        .map(|c| Arc::new(Field::new(c.name, arrow_type(c.ty), true)))
        .collect()
}

fn arrow_type(ty: ColumnType) -> DataType {
    match ty {
        ColumnType::StringList => {
            DataType::List(Arc::new(Field::new("element", DataType::Utf8, true)))
        }
        ColumnType::Struct(members) => DataType::Struct(
            members
                .iter()
                .map(|m| Field::new(m.name, arrow_type(m.ty), true))
                .collect(),
        ),
        // `String`, and any kind added later, as text.
        _ => DataType::Utf8,
    }
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
        let fields = parquet_fields();
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

#[cfg(test)]
mod tests {
    use super::*;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    /// A `Write` into a shared buffer (the sink owns its output).
    #[derive(Clone, Default)]
    struct Shared(Arc<std::sync::Mutex<Vec<u8>>>);
    impl Write for Shared {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn write_parquet(records: Vec<Record>) -> Vec<u8> {
        let buf = Shared::default();
        let sink = Sink::new(Box::new(buf.clone()), Format::Parquet, true).unwrap();
        let mut sink = sink;
        for r in records {
            sink.write(&r.source.clone(), None, Some(r)).unwrap();
        }
        sink.finish().unwrap();
        let bytes = buf.0.lock().unwrap().clone();
        bytes
    }

    #[test]
    fn columns_keep_their_types_when_every_optional_field_is_none() {
        let recs = vec![Record::input_error("a", "boom"), Record::default()];
        let bytes = write_parquet(recs);
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(&bytes).unwrap();
        let reader = ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap();
        let batch = reader.into_iter().next().unwrap().unwrap();
        assert_eq!(batch.num_rows(), 2);
        let schema = batch.schema();
        let ty = |name: &str| schema.field_with_name(name).unwrap().data_type().clone();
        let list = DataType::List(Arc::new(Field::new("element", DataType::Utf8, true)));
        assert_eq!(
            ty("date_source"),
            DataType::Struct(
                vec![
                    Field::new("published", DataType::Utf8, true),
                    Field::new("modified", DataType::Utf8, true),
                ]
                .into()
            )
        );
        for name in ["authors", "categories", "tags"] {
            assert_eq!(ty(name), list, "{name}");
        }
        for name in [
            "source",
            "title",
            "published",
            "modified",
            "blocks",
            "page_type",
            "captured",
        ] {
            assert_eq!(ty(name), DataType::Utf8, "{name}");
        }
        let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        let want: Vec<&str> = RECORD_COLUMNS.iter().map(|c| c.name).collect();
        assert_eq!(names, want);
        assert!(schema.fields().iter().all(|f| f.is_nullable()));
        assert!(!schema
            .fields()
            .iter()
            .any(|f| format!("{:?}", f.data_type()).contains("Null")));
    }
}
