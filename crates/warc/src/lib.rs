//! gleaner-warc: a streaming WARC reader for gleaner.
//!
//! - [`WarcReader`] reads WARC 1.0/1.1 (and older 0.1x) records from plain or
//!   gzip-compressed input (detected by content; one gzip member per record, as archives
//!   write them, or any other member layout), in constant memory, with typed errors that
//!   carry the byte offset of the bad record, and resynchronises after each.
//! - [`HttpResponse`] parses the HTTP message in a `response` record (status, headers,
//!   chunked / gzip / deflate / br payloads).
//! - [`WarcReader::html_pages`] yields the HTML pages ([`HtmlPage`]) and counts the rest;
//!   [`HtmlPage::extract`] runs gleaner's extractor on one and gives the
//!   [`gleaner_extract::record::Record`] the CLI writes (with `warc_file`,
//!   `warc_record_id` and `captured` set).
//!
//! ```no_run
//! use gleaner_warc::WarcReader;
//! let opts = gleaner_extract::Options::default();
//! for page in WarcReader::open("crawl.warc.gz")?.html_pages() {
//!     match page {
//!         Ok(page) => {
//!             let rec = page.extract("crawl.warc.gz", &opts);
//!             println!("{:?} {:?}", rec.url, rec.title);
//!         }
//!         Err(e) => eprintln!("crawl.warc.gz: {e}"), // reported and skipped
//!     }
//! }
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! Limits (all documented on the setters): a record header at most
//! [`DEFAULT_MAX_HEADER_BYTES`], a block held in memory at most
//! [`DEFAULT_MAX_RECORD_BYTES`] (larger records are skipped while streaming, with
//! [`WarcError::TooLarge`]), an HTTP header at most [`http::MAX_HTTP_HEADER_BYTES`].

mod error;
pub mod http;
mod page;
mod reader;
pub mod schema;
mod stream;

pub use error::WarcError;
pub use http::HttpResponse;
pub use page::{
    error_record, format_unix, may_hold_html, parse_warc_date, HtmlPage, HtmlPages, PageCounts,
    Skip,
};
pub use reader::{
    WantBlock, WarcReader, WarcRecord, DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_RECORD_BYTES,
};

/// Whether the first bytes of an input say it is a WARC file: `WARC/` at the start, or a
/// gzip member whose decompressed data starts with `WARC/`. Give it at least the first
/// few hundred bytes when you have them (a gzip header can be long).
pub fn sniff(prefix: &[u8]) -> bool {
    if prefix.starts_with(b"WARC/") {
        return true;
    }
    if prefix.starts_with(&[0x1f, 0x8b]) {
        let mut out = [0u8; 5];
        let mut d = flate2::bufread::GzDecoder::new(prefix);
        let mut n = 0;
        while n < out.len() {
            match std::io::Read::read(&mut d, &mut out[n..]) {
                Ok(0) | Err(_) => break,
                Ok(k) => n += k,
            }
        }
        return &out[..n] == b"WARC/";
    }
    false
}
