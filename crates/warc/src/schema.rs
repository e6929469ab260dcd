//! The column schema of a [`gleaner_extract::record::Record`] for columnar outputs: the
//! CLI's Parquet files and the Spark DataFrames of the Python package use this one list,
//! so their columns agree. Every column is nullable; `blocks` is the JSON text of the
//! block list. It is explicit (not traced from sample records) so that a field a sample
//! leaves empty still gets its real type; a test checks it against the `Record` type.

/// The type of one column (every column is nullable).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ColumnType {
    /// A UTF-8 string.
    String,
    /// A list of UTF-8 strings.
    StringList,
    /// A struct with these (nullable) members.
    Struct(&'static [Column]),
}

/// One named column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The field name, as in the JSON record.
    pub name: &'static str,
    /// Its type.
    pub ty: ColumnType,
}

const fn col(name: &'static str, ty: ColumnType) -> Column {
    Column { name, ty }
}

/// The members of `date_source`.
pub const DATE_SOURCE_COLUMNS: &[Column] = &[
    col("published", ColumnType::String),
    col("modified", ColumnType::String),
];

/// The columns of a record, in the record's field order.
pub const RECORD_COLUMNS: &[Column] = &[
    col("source", ColumnType::String),
    col("url", ColumnType::String),
    col("title", ColumnType::String),
    col("authors", ColumnType::StringList),
    col("published", ColumnType::String),
    col("language", ColumnType::String),
    col("site_name", ColumnType::String),
    col("text", ColumnType::String),
    // The block list as JSON text.
    col("blocks", ColumnType::String),
    col("error", ColumnType::String),
    col("error_kind", ColumnType::String),
    col("warc_file", ColumnType::String),
    col("warc_record_id", ColumnType::String),
    col("captured", ColumnType::String),
    col("modified", ColumnType::String),
    col("date_source", ColumnType::Struct(DATE_SOURCE_COLUMNS)),
    col("description", ColumnType::String),
    col("categories", ColumnType::StringList),
    col("tags", ColumnType::StringList),
    col("image", ColumnType::String),
    col("page_type", ColumnType::String),
];

#[cfg(test)]
mod tests {
    use super::*;
    use gleaner_extract::record::Record;
    use serde_json::Value;

    /// A record with every field set, from a page that has everything.
    fn full_record() -> Record {
        let page = br#"<html lang="en"><head><title>Bridge reopens | The Gazette</title>
<meta property="og:site_name" content="The Gazette">
<meta property="og:image" content="https://example.com/bridge.jpg">
<meta name="description" content="The old river bridge reopened on Tuesday.">
<meta name="keywords" content="bridge, traffic">
<meta property="article:section" content="Local">
<meta name="author" content="Ann Example">
<link rel="canonical" href="https://example.com/bridge">
<meta property="article:published_time" content="2024-03-05T08:00:00+01:00">
<meta property="article:modified_time" content="2024-03-05T09:30:00+01:00">
</head><body><article><h1>Bridge reopens</h1>
<p>The old river bridge reopened on Tuesday after eighteen months of repairs, the city said.</p>
<p>Cyclists get a separate lane, and pedestrians a wider footpath on the east side.</p>
</article></body></html>"#;
        let opts = gleaner_extract::Options::default();
        let res = gleaner_extract::extract(page, Some("https://example.com/bridge"), &opts);
        let mut r = Record::new("https://example.com/bridge", res);
        // Fields only failures or WARC pages set.
        r.error = Some("e".into());
        r.error_kind = Some("k".into());
        r.warc_file = Some("f".into());
        r.warc_record_id = Some("i".into());
        r.captured = Some("c".into());
        r
    }

    fn check(v: &Value, ty: ColumnType, path: &str) {
        match ty {
            ColumnType::String => assert!(v.is_string(), "{path}: {v}"),
            ColumnType::StringList => {
                let items = v.as_array().unwrap_or_else(|| panic!("{path}: {v}"));
                assert!(!items.is_empty(), "{path}: the sample leaves it empty");
                assert!(items.iter().all(Value::is_string), "{path}: {v}");
            }
            ColumnType::Struct(members) => {
                let obj = v.as_object().unwrap_or_else(|| panic!("{path}: {v}"));
                assert_eq!(obj.len(), members.len(), "{path}: {v}");
                for m in members {
                    check(&obj[m.name], m.ty, &format!("{path}.{}", m.name));
                }
            }
        }
    }

    #[test]
    fn columns_match_the_record_type() {
        let rec = full_record();
        let text = serde_json::to_string(&rec).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        let obj = v.as_object().unwrap();
        // Same fields (a new Record field must be added here), in the record's order.
        assert_eq!(
            obj.len(),
            RECORD_COLUMNS.len(),
            "Record has fields the schema lacks: {:?}",
            obj.keys()
                .filter(|k| !RECORD_COLUMNS.iter().any(|c| c.name == *k))
                .collect::<Vec<_>>()
        );
        let pos: Vec<usize> = RECORD_COLUMNS
            .iter()
            .map(|c| {
                text.find(&format!("\"{}\":", c.name))
                    .unwrap_or_else(|| panic!("{} missing", c.name))
            })
            .collect();
        assert!(pos.windows(2).all(|w| w[0] < w[1]), "order: {pos:?}");
        for c in RECORD_COLUMNS {
            if c.name == "blocks" {
                assert!(obj["blocks"].is_array(), "blocks become JSON text");
                continue;
            }
            check(&obj[c.name], c.ty, c.name);
        }
    }
}
