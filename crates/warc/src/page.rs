//! HTML pages in WARC records, and turning one into an extraction [`Record`].

use std::borrow::Cow;
use std::io::BufRead;

use gleaner_extract::record::Record;
use gleaner_extract::Options;

use crate::error::WarcError;
use crate::http::{charset_param, is_html_type, media_type, BodyError, HttpResponse};
use crate::reader::{header, WarcReader, WarcRecord};

/// One HTML page found in a WARC file: the payload of a `response` record whose HTTP
/// `Content-Type` is HTML or missing (status 2xx), or of a `resource` / `conversion`
/// record whose `Content-Type` is HTML or missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlPage {
    /// The record's offset in the WARC file.
    pub offset: u64,
    /// `WARC-Target-URI`: the page's address.
    pub target_uri: Option<String>,
    /// `WARC-Record-ID`.
    pub record_id: Option<String>,
    /// `WARC-Date` as written.
    pub date: Option<String>,
    /// `WARC-Date` in seconds since the Unix epoch, when it parses.
    pub captured: Option<i64>,
    /// The charset named by the HTTP (or, for `resource` records, the WARC)
    /// `Content-Type`, when any.
    pub http_charset: Option<String>,
    /// The record's block, or the decoded payload when it had to be decoded.
    data: Vec<u8>,
    /// Where the page's bytes are in `data`.
    body: std::ops::Range<usize>,
}

/// What [`HtmlPage::from_record`] found in a record that is not an HTML page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Skip {
    /// A record type that holds no page (`request`, `metadata`, `warcinfo`, `revisit`, ...).
    NotResponse,
    /// A response or resource whose content type is not HTML.
    NotHtml,
    /// An HTTP response with a status other than 2xx.
    Status,
}

impl Skip {
    /// A short stable name (`not_response`, `not_html`, `status`).
    pub fn code(self) -> &'static str {
        match self {
            Skip::NotResponse => "not_response",
            Skip::NotHtml => "not_html",
            Skip::Status => "status",
        }
    }
}

/// What a record's WARC fields say about its block.
enum Holds {
    /// An HTTP response message (`application/http`), or a `response` without a
    /// `Content-Type` (an HTTP message when its block starts with `HTTP/`, else a page).
    Http {
        /// `Content-Type` names `application/http`.
        declared: bool,
    },
    /// The page itself (HTML `Content-Type`, or a resource/conversion without one).
    Html,
    /// No page.
    Nothing(Skip),
}

/// Classifies a record by its fields (the one place that reads `WARC-Type` and
/// `Content-Type` for this).
fn holds(headers: &[(String, String)]) -> Holds {
    let ty = header(headers, "WARC-Type").unwrap_or("");
    let ct = header(headers, "Content-Type").filter(|s| !s.is_empty());
    if ty.eq_ignore_ascii_case("response") {
        match ct {
            None => Holds::Http { declared: false },
            Some(c) if media_type(c) == "application/http" => Holds::Http { declared: true },
            Some(c) if is_html_type(Some(c)) => Holds::Html,
            Some(_) => Holds::Nothing(Skip::NotHtml),
        }
    } else if ty.eq_ignore_ascii_case("resource") || ty.eq_ignore_ascii_case("conversion") {
        if is_html_type(ct) {
            Holds::Html
        } else {
            Holds::Nothing(Skip::NotHtml)
        }
    } else {
        Holds::Nothing(Skip::NotResponse)
    }
}

/// Whether a record with these fields can hold an HTML page (so its block is worth
/// reading).
pub fn may_hold_html(headers: &[(String, String)]) -> bool {
    !matches!(holds(headers), Holds::Nothing(_))
}

impl HtmlPage {
    /// The HTML page a record holds, or why it holds none. Fails when a response's HTTP
    /// message cannot be parsed, or its decoded payload is over `limit` bytes. The page's
    /// bytes stay in the record's block (no copy) unless they had to be decoded.
    pub fn from_record(rec: WarcRecord, limit: u64) -> Result<Result<HtmlPage, Skip>, WarcError> {
        let is_http = match holds(&rec.headers) {
            Holds::Nothing(skip) => return Ok(Err(skip)),
            Holds::Http { declared } => declared || rec.block.starts_with(b"HTTP/"),
            Holds::Html => false,
        };
        let offset = rec.offset;
        let (data, body, charset) = if is_http {
            let resp = HttpResponse::parse(&rec.block)
                .map_err(|message| WarcError::Http { offset, message })?;
            if !(200..300).contains(&resp.status) {
                return Ok(Err(Skip::Status));
            }
            if !is_html_type(resp.content_type()) {
                return Ok(Err(Skip::NotHtml));
            }
            let charset = resp.content_type().and_then(charset_param);
            match resp.decode(limit) {
                Ok(Cow::Owned(d)) => {
                    let n = d.len();
                    (Some(d), 0..n, charset)
                }
                Ok(Cow::Borrowed(b)) => {
                    // A slice of the block: remember where.
                    let start = b.as_ptr() as usize - rec.block.as_ptr() as usize;
                    (None, start..start + b.len(), charset)
                }
                Err(BodyError::TooLarge(length)) => {
                    return Err(WarcError::TooLarge {
                        offset,
                        length,
                        limit,
                    })
                }
            }
        } else {
            let n = rec.block.len();
            (None, 0..n, rec.content_type().and_then(charset_param))
        };
        let date = rec.date().map(str::to_string);
        Ok(Ok(HtmlPage {
            offset,
            target_uri: rec.target_uri().map(str::to_string),
            record_id: rec.record_id().map(str::to_string),
            captured: date.as_deref().and_then(parse_warc_date),
            date,
            http_charset: charset,
            data: data.unwrap_or(rec.block),
            body,
        }))
    }

    /// The page's bytes, with HTTP transfer and content codings undone.
    pub fn body(&self) -> &[u8] {
        self.data.get(self.body.clone()).unwrap_or_default()
    }

    /// The capture time as ISO 8601 in UTC (`2024-03-05T08:00:00Z`), when known.
    pub fn captured_iso(&self) -> Option<String> {
        self.captured.and_then(format_unix)
    }

    /// Extracts the article and builds its [`Record`]: the HTTP charset as the transport
    /// charset (unless `opts` already sets one), `WARC-Date` as the reference time,
    /// `WARC-Target-URI` as the page URL; `source` is the target URI (or
    /// `<warc_file>#<offset>` without one), and `warc_file`, `warc_record_id` and
    /// `captured` are filled in.
    pub fn extract(&self, warc_file: &str, opts: &Options) -> Record {
        let mut o = opts.clone().with_reference_time(self.captured);
        if o.encoding().is_none() {
            o = o.with_encoding(self.http_charset.as_deref());
        }
        let url = self.target_uri.as_deref();
        let res = gleaner_extract::extract(self.body(), url, &o);
        let source = match url {
            Some(u) => u.to_string(),
            None => format!("{warc_file}#{}", self.offset),
        };
        let mut rec = Record::new(source, res).with_fallback_url(url);
        rec.warc_file = Some(warc_file.to_string());
        rec.warc_record_id = self.record_id.clone();
        rec.captured = self.captured_iso();
        rec
    }
}

/// The error record of a bad WARC record (or of a WARC input that cannot be read): `source`
/// is `<warc_file>#<offset>`, `warc_file` is set, `error` is the message (which names the
/// offset), and `error_kind` is `input` (`too_large` for a record over the size limit).
pub fn error_record(warc_file: &str, err: &WarcError) -> Record {
    let mut rec = Record::input_error(
        format!("{warc_file}#{}", err.offset()),
        format!("{warc_file}: {err}"),
    );
    if matches!(err, WarcError::TooLarge { .. }) {
        rec.error_kind = Some("too_large".to_string());
    }
    rec.warc_file = Some(warc_file.to_string());
    rec
}

/// Counts kept by [`HtmlPages`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageCounts {
    /// Records read (good and bad).
    pub records: u64,
    /// HTML pages returned.
    pub html: u64,
    /// Records of other types (`request`, `metadata`, ...).
    pub not_response: u64,
    /// Responses and resources that are not HTML.
    pub not_html: u64,
    /// HTTP responses with a non-2xx status.
    pub status: u64,
    /// Bad records (returned as errors).
    pub errors: u64,
}

/// An iterator over the HTML pages of a WARC file ([`WarcReader::html_pages`]). Records
/// that hold no HTML page are skipped (and counted); bad records are returned as errors and
/// the iteration continues with the next record.
pub struct HtmlPages<R> {
    reader: WarcReader<R>,
    counts: PageCounts,
}

impl<R: BufRead> WarcReader<R> {
    /// The HTML pages of this WARC input. Blocks of records that cannot hold HTML are
    /// skipped without being held in memory.
    pub fn html_pages(self) -> HtmlPages<R> {
        HtmlPages {
            reader: self,
            counts: PageCounts::default(),
        }
    }
}

impl<R: BufRead> HtmlPages<R> {
    /// Counts so far.
    pub fn counts(&self) -> PageCounts {
        self.counts
    }

    /// Raw input bytes consumed so far (for progress).
    pub fn bytes_read(&self) -> u64 {
        self.reader.bytes_read()
    }
}

impl<R: BufRead> Iterator for HtmlPages<R> {
    type Item = Result<HtmlPage, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        let limit = self.reader.max_record_bytes();
        loop {
            let rec = self.reader.next_record_with(&mut |h| may_hold_html(h))?;
            self.counts.records += 1;
            let page = rec.and_then(|r| HtmlPage::from_record(r, limit));
            match page {
                Ok(Ok(p)) => {
                    self.counts.html += 1;
                    return Some(Ok(p));
                }
                Ok(Err(skip)) => match skip {
                    Skip::NotResponse => self.counts.not_response += 1,
                    Skip::NotHtml => self.counts.not_html += 1,
                    Skip::Status => self.counts.status += 1,
                },
                Err(e) => {
                    self.counts.errors += 1;
                    return Some(Err(e));
                }
            }
        }
    }
}

/// Parses a `WARC-Date` into seconds since the Unix epoch: RFC 3339 / ISO 8601
/// (`2024-03-05T08:00:00Z`, with optional fractional seconds, `Z` / `+hh:mm` / `+hhmm` /
/// `+hh` offset, `T` or a space between date and time, seconds optional, no offset meaning
/// UTC), a bare date (midnight UTC), or the 14-digit `yyyyMMddHHmmss` of old ARC-derived
/// files. `None` when it does not parse (or names an impossible date).
pub fn parse_warc_date(s: &str) -> Option<i64> {
    use chrono::{DateTime, NaiveDate, NaiveDateTime};
    let s = s.trim();
    if s.len() == 14 && s.bytes().all(|c| c.is_ascii_digit()) {
        return NaiveDateTime::parse_from_str(s, "%Y%m%d%H%M%S")
            .ok()
            .map(|t| t.and_utc().timestamp());
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.timestamp());
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return d.and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp());
    }
    // ISO 8601 forms RFC 3339 leaves out: offsets without a colon or minutes, no offset
    // (UTC), no seconds.
    let s = s.replacen(['t', ' '], "T", 1);
    let (s, utc) = match s.strip_suffix(['Z', 'z']) {
        Some(rest) => (rest.to_string(), true),
        None => (s, false),
    };
    for f in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(&s, f) {
            return Some(t.and_utc().timestamp());
        }
        if utc {
            continue;
        }
        for z in ["%#z", "%z"] {
            if let Ok(t) = DateTime::parse_from_str(&s, &format!("{f}{z}")) {
                return Some(t.timestamp());
            }
        }
    }
    None
}

/// Formats seconds since the epoch as ISO 8601 in UTC (`2024-03-05T08:00:00Z`); `None`
/// outside the years chrono represents (about ±262,000).
pub fn format_unix(t: i64) -> Option<String> {
    chrono::DateTime::from_timestamp(t, 0).map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warc_dates() {
        assert_eq!(parse_warc_date("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_warc_date("2024-03-05T08:00:00Z"), Some(1_709_625_600));
        assert_eq!(
            parse_warc_date("2024-03-05T09:00:00.123456+01:00"),
            Some(1_709_625_600)
        );
        assert_eq!(
            parse_warc_date("2024-03-05T01:00:00-0700"),
            Some(1_709_625_600)
        );
        assert_eq!(parse_warc_date("20240305080000"), Some(1_709_625_600));
        assert_eq!(parse_warc_date("2024-03-05"), Some(1_709_596_800));
        assert_eq!(parse_warc_date("2008-10-294T05:21:46-0700"), None);
        assert_eq!(parse_warc_date("2023-02-29T00:00:00Z"), None);
        assert_eq!(parse_warc_date("2024-03-05T08:00:00Zjunk"), None);
        assert_eq!(parse_warc_date(""), None);
        assert_eq!(parse_warc_date("2024-03-05T08:00:00+99:00"), None);
        assert_eq!(
            parse_warc_date("2024-03-05 09:00:00+01"),
            Some(1_709_625_600)
        );
        assert_eq!(parse_warc_date("2024-03-05T08:00:00"), Some(1_709_625_600));
        assert_eq!(parse_warc_date("2024-03-05T08:00Z"), Some(1_709_625_600));
        assert_eq!(parse_warc_date("2024-03-05t08:00:00z"), Some(1_709_625_600));
        assert_eq!(parse_warc_date("20240230080000"), None);
        assert_eq!(parse_warc_date("2024-03-05T24:00:00Z"), None);
        assert_eq!(parse_warc_date("not a date"), None);
        assert_eq!(
            format_unix(1_709_625_600).as_deref(),
            Some("2024-03-05T08:00:00Z")
        );
        assert_eq!(format_unix(0).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(
            format_unix(951_782_400).as_deref(),
            Some("2000-02-29T00:00:00Z")
        );
        assert_eq!(format_unix(i64::MAX), None);
        for t in [-86_400 * 400, -1, 0, 1, 1_709_625_599, 4_102_444_800] {
            assert_eq!(parse_warc_date(&format_unix(t).unwrap()), Some(t), "{t}");
        }
    }
}
