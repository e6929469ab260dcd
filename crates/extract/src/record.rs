//! The stable per-page JSON record: one extraction result (article or rejection) in a
//! flat, serialisable shape. The `gleaner` command line tool writes one [`Record`] per input
//! (`--format json` / `jsonl`), and language bindings reuse the same type.
//!
//! ```
//! use gleaner_extract::{extract, record::Record, Options};
//! let html = b"<html><head><title>Short</title></head><body><nav><a href=/>Home</a> \
//!     <a href=/news>Latest news</a> <a href=/about>About</a></nav><p>Too short.</p></body></html>";
//! let rec = Record::new("page.html", extract(html, None, &Options::default()));
//! assert_eq!(rec.error_kind.as_deref(), Some("no_article"));
//! assert!(rec.text.is_none() && rec.blocks.is_empty());
//! // No article, but the page's own metadata is kept.
//! assert_eq!(rec.title.as_deref(), Some("Short"));
//! let json = serde_json::to_string(&rec).unwrap();
//! assert!(json.starts_with(r#"{"source":"page.html","url":null,"title":"Short""#));
//! ```

use serde::{Deserialize, Serialize};

use crate::article::{Article, Block, DateProvenance, Extracted, PageType};
use crate::error::Rejection;

/// One input's extraction result, in the stable record schema.
///
/// Exactly one of two shapes occurs:
/// - an article: `error` and `error_kind` are `null`, `text` and `blocks` are set;
/// - a failure: `error` (a human-readable message) and `error_kind` (a stable code) are set,
///   `text` is `null` and `blocks` empty. A page rejected as `no_article` keeps the metadata
///   it declares (title, authors, dates, language, site, URL, page type, ...): an archive
///   still learns what the page was. Every other failure has all article fields `null`
///   (lists empty).
///
/// Fields are always present in the serialised form (as `null` when unknown), in the order
/// declared here. New fields may be added at the end; existing ones keep their meaning.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Record {
    /// The input as the user gave it: a file path, a URL, or `-` for standard input.
    pub source: String,
    /// The page's URL when known: the canonical URL the page declares, else the URL it was
    /// fetched from (after redirects) or the one given by the caller.
    pub url: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// Author names, in page order (empty when unknown).
    pub authors: Vec<String>,
    /// Publication date, ISO 8601 (a date, or a date-time with offset when known).
    pub published: Option<String>,
    /// Primary language of the page, BCP 47 primary subtag (for example `en`, `de`).
    pub language: Option<String>,
    /// The site's name (for example from `og:site_name`).
    pub site_name: Option<String>,
    /// The plain-text body: one block per line, blocks joined by `"\n"`
    /// (table cells joined by `" | "`).
    pub text: Option<String>,
    /// The structured body: the article's [`Block`] list as serde serialises it
    /// (objects tagged by `"type"`: `paragraph`, `heading`, `list_item`, `quote`,
    /// `preformatted`, `table_row`, `caption`). Empty on failure.
    pub blocks: Vec<Block>,
    /// Why no article was produced: the rejection message, or an input error
    /// (unreadable file, failed download). `null` on success.
    pub error: Option<String>,
    /// A stable machine-readable code for `error`: one of [`Rejection::code`]
    /// (`empty`, `too_large`, `not_html`, `no_article`), or `input` when the input could
    /// not be read or fetched at all. `null` on success.
    pub error_kind: Option<String>,
    /// For a page read from a WARC file: that file's name as given. `null` otherwise.
    pub warc_file: Option<String>,
    /// For a page read from a WARC file: the record's `WARC-Record-ID`. `null` otherwise.
    pub warc_record_id: Option<String>,
    /// When the page was captured (a WARC record's `WARC-Date`, or the fetch time),
    /// ISO 8601 in UTC. `null` when unknown.
    pub captured: Option<String>,
    /// Last-modification date, ISO 8601 like `published`; `null` when unknown.
    pub modified: Option<String>,
    /// Where the dates were found: `{"published": ..., "modified": ...}`, each one of
    /// `json_ld`, `meta`, `time`, `url`, `text` or `null`. `null` when no date was found.
    pub date_source: Option<DateProvenance>,
    /// The lead or summary the page declares.
    pub description: Option<String>,
    /// Sections or categories (empty when unknown).
    pub categories: Vec<String>,
    /// Tags and keywords (empty when unknown).
    pub tags: Vec<String>,
    /// The main image URL.
    pub image: Option<String>,
    /// `article`, `live_blog`, `listing`, `video` or `other`; `null` on failure.
    pub page_type: Option<PageType>,
}

/// The `error_kind` of a record for an input that could not be read or fetched.
pub const INPUT_ERROR: &str = "input";

impl Record {
    /// Builds the record for one extraction result. `source` is the input as given
    /// (path, URL or `-`).
    pub fn new(source: impl Into<String>, result: Result<Extracted, Rejection>) -> Self {
        match result {
            Ok(ex) => Record::from_article(source, ex.article),
            Err(r) => Record::from_rejection(source, &r),
        }
    }

    /// The record of a successfully extracted article.
    pub fn from_article(source: impl Into<String>, a: Article) -> Self {
        let text = a.text();
        Record {
            source: source.into(),
            url: a.url,
            title: a.title,
            authors: a.authors,
            published: a.published,
            language: a.language,
            site_name: a.site_name,
            text: Some(text),
            blocks: a.blocks,
            error: None,
            error_kind: None,
            modified: a.modified,
            date_source: a.date_source,
            description: a.description,
            categories: a.categories,
            tags: a.tags,
            image: a.image,
            page_type: a.page_type,
            ..Record::default()
        }
    }

    /// The record of a page that was read but rejected by the extractor. A page rejected
    /// as `no_article` keeps the metadata it declares (title, dates, authors, ...); `text`
    /// stays `null` and `blocks` empty.
    pub fn from_rejection(source: impl Into<String>, r: &Rejection) -> Self {
        let mut rec = match r.page() {
            Some(page) => Record::from_article(source, page.clone()),
            None => Record {
                source: source.into(),
                ..Record::default()
            },
        };
        rec.text = None;
        rec.blocks = Vec::new();
        rec.error = Some(r.to_string());
        rec.error_kind = Some(r.code().to_string());
        rec
    }

    /// The record of an input that could not be read or fetched (`error_kind` = `input`).
    pub fn input_error(source: impl Into<String>, message: impl Into<String>) -> Self {
        Record::failure(source, message, INPUT_ERROR)
    }

    fn failure(source: impl Into<String>, message: impl Into<String>, kind: &str) -> Self {
        Record {
            source: source.into(),
            error: Some(message.into()),
            error_kind: Some(kind.to_string()),
            ..Record::default()
        }
    }

    /// Sets the page URL when the record has none: for example the address a page was
    /// fetched from, on a record for a page that was rejected.
    pub fn with_fallback_url(mut self, url: Option<&str>) -> Self {
        if self.url.is_none() {
            self.url = url.map(str::to_string);
        }
        self
    }

    /// Whether this record carries an article (no error).
    pub fn is_article(&self) -> bool {
        self.error.is_none()
    }

    /// The article this record describes, when it carries one (the inverse of
    /// [`Record::from_article`]).
    pub fn article(&self) -> Option<Article> {
        if !self.is_article() {
            return None;
        }
        Some(Article {
            title: self.title.clone(),
            authors: self.authors.clone(),
            published: self.published.clone(),
            language: self.language.clone(),
            site_name: self.site_name.clone(),
            url: self.url.clone(),
            blocks: self.blocks.clone(),
            modified: self.modified.clone(),
            date_source: self.date_source,
            description: self.description.clone(),
            categories: self.categories.clone(),
            tags: self.tags.clone(),
            image: self.image.clone(),
            page_type: self.page_type,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{extract, Options};

    const PAGE: &[u8] = br#"<html lang="en"><head><title>Bridge reopens | The Gazette</title>
        <meta property="og:site_name" content="The Gazette">
        <meta name="author" content="Ann Example">
        <meta property="article:published_time" content="2024-03-05T08:00:00+01:00">
        </head><body><article><h1>Bridge reopens</h1>
        <p>The old river bridge reopened on Tuesday after eighteen months of repairs, the city said.</p>
        <h2>Traffic</h2>
        <p>Buses will use the bridge again from next week, and cyclists get a separate lane.</p>
        </article></body></html>"#;

    #[test]
    fn article_record_fields() {
        let rec = Record::new("a.html", extract(PAGE, None, &Options::default()));
        assert_eq!(rec.source, "a.html");
        assert!(rec.is_article());
        assert_eq!(rec.error, None);
        assert_eq!(rec.error_kind, None);
        assert_eq!(rec.title.as_deref(), Some("Bridge reopens"));
        let text = rec.text.as_deref().unwrap();
        assert!(text.starts_with("The old river bridge"), "{text}");
        assert!(text.contains("\nTraffic\n"), "{text}");
        assert_eq!(text, rec.article().unwrap().text());
        assert!(rec
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Heading { level: 2, .. })));
    }

    #[test]
    fn json_shape_is_stable() {
        let rec = Record::new("a.html", extract(PAGE, None, &Options::default()));
        let v: serde_json::Value = serde_json::to_value(&rec).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        let mut expected = vec![
            "source",
            "url",
            "title",
            "authors",
            "published",
            "language",
            "site_name",
            "text",
            "blocks",
            "error",
            "error_kind",
            "warc_file",
            "warc_record_id",
            "captured",
            "modified",
            "date_source",
            "description",
            "categories",
            "tags",
            "image",
            "page_type",
        ];
        // serde_json without `preserve_order` sorts keys; compare as sets.
        let mut got = keys.clone();
        got.sort_unstable();
        expected.sort_unstable();
        assert_eq!(got, expected);
        assert_eq!(v["blocks"][0]["type"], "paragraph");
        let back: Record = serde_json::from_value(v).unwrap();
        assert_eq!(back, rec);
    }

    #[test]
    fn serialised_field_order() {
        let rec = Record::input_error("x", "boom");
        let s = serde_json::to_string(&rec).unwrap();
        assert_eq!(
            s,
            r#"{"source":"x","url":null,"title":null,"authors":[],"published":null,"language":null,"site_name":null,"text":null,"blocks":[],"error":"boom","error_kind":"input","warc_file":null,"warc_record_id":null,"captured":null,"modified":null,"date_source":null,"description":null,"categories":[],"tags":[],"image":null,"page_type":null}"#
        );
    }

    #[test]
    fn metadata_fields() {
        let rec = Record::new(
            "a.html",
            extract(
                PAGE,
                Some("https://gazette.example/2024/03/05/bridge"),
                &Options::default(),
            ),
        );
        assert_eq!(rec.published.as_deref(), Some("2024-03-05T08:00:00+01:00"));
        let v = serde_json::to_value(&rec).unwrap();
        assert_eq!(v["date_source"]["published"], "meta");
        assert_eq!(v["date_source"]["modified"], serde_json::Value::Null);
        assert_eq!(v["page_type"], "article");
        assert_eq!(rec.authors, ["Ann Example"]);
        assert_eq!(rec.language.as_deref(), Some("en"));
        assert_eq!(
            rec.url.as_deref(),
            Some("https://gazette.example/2024/03/05/bridge")
        );
        let back: Record = serde_json::from_value(v).unwrap();
        assert_eq!(back, rec);
        assert_eq!(back.article().unwrap().date_source, rec.date_source);
    }

    #[test]
    fn rejection_record() {
        let rec = Record::new("e.html", extract(b"   ", None, &Options::default()));
        assert!(!rec.is_article());
        assert_eq!(rec.error.as_deref(), Some("empty input"));
        assert_eq!(rec.error_kind.as_deref(), Some("empty"));
        assert!(rec.article().is_none());
        assert!(rec.authors.is_empty() && rec.blocks.is_empty() && rec.text.is_none());
    }

    /// A page that holds no article (here: a bare listing) still reports the title, date,
    /// site and language it declares; the body stays empty.
    #[test]
    fn rejected_page_keeps_its_metadata() {
        let page = br#"<html lang="de"><head><title>Archiv | Der Bote</title>
            <meta property="og:site_name" content="Der Bote">
            <meta property="article:published_time" content="2024-03-05T08:00:00+01:00">
            </head><body><ul><li><a href="/a">Eins</a></li><li><a href="/b">Zwei</a></li></ul>
            </body></html>"#;
        let res = extract(page, None, &Options::default());
        let page_meta = res.as_ref().unwrap_err().page().expect("metadata kept");
        assert!(page_meta.blocks.is_empty());
        let rec = Record::new("l.html", res);
        assert_eq!(rec.error_kind.as_deref(), Some("no_article"));
        assert!(!rec.is_article() && rec.article().is_none());
        assert!(rec.text.is_none() && rec.blocks.is_empty());
        assert_eq!(rec.site_name.as_deref(), Some("Der Bote"));
        assert_eq!(rec.published.as_deref(), Some("2024-03-05T08:00:00+01:00"));
        assert_eq!(rec.language.as_deref(), Some("de"));
        assert!(rec.title.is_some());
    }

    /// A body under `min_words` is dropped, not leaked into the rejection's metadata.
    #[test]
    fn short_body_rejection_has_no_body() {
        let res = extract(
            b"<html><head><title>Short</title></head><body><nav><a href=/>Home</a> \
              <a href=/news>News</a> <a href=/sport>Sport</a> <a href=/about>About us</a> \
              <a href=/contact>Contact us</a></nav><p>Too short.</p></body></html>",
            None,
            &Options::default(),
        );
        let err = res.unwrap_err();
        assert_eq!(err.code(), "no_article");
        let page = err.page().expect("metadata kept");
        assert!(page.blocks.is_empty());
        assert_eq!(page.title.as_deref(), Some("Short"));
    }

    #[test]
    fn fallback_url() {
        let rec = Record::new("a.html", extract(PAGE, None, &Options::default()))
            .with_fallback_url(Some("https://example.com/a"));
        assert_eq!(rec.url.as_deref(), Some("https://example.com/a"));
    }
}
