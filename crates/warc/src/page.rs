//! HTML pages in WARC records, and turning one into an extraction [`Record`].

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
    /// The page's bytes, with HTTP transfer and content codings undone.
    pub body: Vec<u8>,
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

/// Whether a record with these fields can hold an HTML page (so its block is worth
/// reading).
pub fn may_hold_html(headers: &[(String, String)]) -> bool {
    let ty = header(headers, "WARC-Type").unwrap_or("");
    let ct = header(headers, "Content-Type").filter(|s| !s.is_empty());
    if ty.eq_ignore_ascii_case("response") {
        ct.is_none_or(|c| media_type(c) == "application/http" || is_html_type(Some(c)))
    } else if ty.eq_ignore_ascii_case("resource") || ty.eq_ignore_ascii_case("conversion") {
        is_html_type(ct)
    } else {
        false
    }
}

impl HtmlPage {
    /// The HTML page a record holds, or why it holds none. Fails when a response's HTTP
    /// message cannot be parsed, or its decoded payload is over `limit` bytes.
    pub fn from_record(rec: WarcRecord, limit: u64) -> Result<Result<HtmlPage, Skip>, WarcError> {
        if !may_hold_html(&rec.headers) {
            let ty = rec.record_type().unwrap_or_default();
            return Ok(Err(
                if ty == "response" || ty == "resource" || ty == "conversion" {
                    Skip::NotHtml
                } else {
                    Skip::NotResponse
                },
            ));
        }
        let offset = rec.offset;
        let date = rec.date().map(str::to_string);
        let target_uri = rec.target_uri().map(str::to_string);
        let record_id = rec.record_id().map(str::to_string);
        let is_http = rec.record_type().as_deref() == Some("response")
            && rec
                .content_type()
                .is_none_or(|c| media_type(c) == "application/http")
            && (rec.content_type().is_some() || rec.block.starts_with(b"HTTP/"));
        let (body, charset) = if is_http {
            let resp = HttpResponse::parse(&rec.block)
                .map_err(|message| WarcError::Http { offset, message })?;
            if !(200..300).contains(&resp.status) {
                return Ok(Err(Skip::Status));
            }
            if !is_html_type(resp.content_type()) {
                return Ok(Err(Skip::NotHtml));
            }
            let charset = resp.content_type().and_then(charset_param);
            let body = match resp.decode(limit) {
                Ok(b) => b.into_owned(),
                Err(BodyError::TooLarge(length)) => {
                    return Err(WarcError::TooLarge {
                        offset,
                        length,
                        limit,
                    })
                }
            };
            (body, charset)
        } else {
            let charset = rec.content_type().and_then(charset_param);
            (rec.block, charset)
        };
        Ok(Ok(HtmlPage {
            offset,
            target_uri,
            record_id,
            captured: date.as_deref().and_then(parse_warc_date),
            date,
            http_charset: charset,
            body,
        }))
    }

    /// The capture time as ISO 8601 in UTC (`2024-03-05T08:00:00Z`), when known.
    pub fn captured_iso(&self) -> Option<String> {
        self.captured.map(format_unix)
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
        let res = gleaner_extract::extract(&self.body, url, &o);
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

/// Parses a `WARC-Date` (ISO 8601: `2024-03-05T08:00:00Z`, with optional fractional
/// seconds and `Z` / `+hh:mm` / `+hhmm` offset; also the 14-digit `yyyyMMddHHmmss` of old
/// ARC-derived files) into seconds since the Unix epoch. `None` when it does not parse.
pub fn parse_warc_date(s: &str) -> Option<i64> {
    let s = s.trim();
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let t = s.get(r)?;
        if t.is_empty() || !t.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        t.parse().ok()
    };
    if b.len() == 14 && b.iter().all(u8::is_ascii_digit) {
        return civil(
            num(0..4)?,
            num(4..6)?,
            num(6..8)?,
            num(8..10)?,
            num(10..12)?,
            num(12..14)?,
        );
    }
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if b.len() == 10 {
        return civil(y, mo, d, 0, 0, 0);
    }
    if !(b[10] == b'T' || b[10] == b't' || b[10] == b' ') || b.len() < 16 || b[13] != b':' {
        return None;
    }
    let (h, mi) = (num(11..13)?, num(14..16)?);
    let mut i = 16;
    let mut sec = 0;
    if b.get(i) == Some(&b':') {
        sec = num(i + 1..i + 3)?;
        i += 3;
        if b.get(i) == Some(&b'.') {
            i += 1;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
    }
    let offset = match b.get(i) {
        None | Some(b'Z' | b'z') if i + 1 >= b.len() => 0,
        Some(&sign @ (b'+' | b'-')) => {
            let rest = &s[i + 1..];
            let (oh, om) = match rest.len() {
                5 if rest.as_bytes()[2] == b':' => (num(i + 1..i + 3)?, num(i + 4..i + 6)?),
                4 => (num(i + 1..i + 3)?, num(i + 3..i + 5)?),
                2 => (num(i + 1..i + 3)?, 0),
                _ => return None,
            };
            if oh > 23 || om > 59 {
                return None;
            }
            let o = oh * 3600 + om * 60;
            if sign == b'+' {
                o
            } else {
                -o
            }
        }
        _ => return None,
    };
    Some(civil(y, mo, d, h, mi, sec)? - offset)
}

/// Seconds since the epoch of a UTC civil date-time (validated).
fn civil(y: i64, mo: i64, d: i64, h: i64, mi: i64, s: i64) -> Option<i64> {
    if !(1..=12).contains(&mo) || h > 23 || mi > 59 || s > 60 || d < 1 {
        return None;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let dim = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if d > dim[(mo - 1) as usize] {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let yy = if mo <= 2 { y - 1 } else { y };
    let era = yy.div_euclid(400);
    let yoe = yy - era * 400;
    let mp = (mo + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + h * 3600 + mi * 60 + s)
}

/// Formats seconds since the epoch as ISO 8601 in UTC (`2024-03-05T08:00:00Z`).
pub fn format_unix(t: i64) -> String {
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
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
        assert_eq!(format_unix(1_709_625_600), "2024-03-05T08:00:00Z");
        assert_eq!(format_unix(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_unix(951_782_400), "2000-02-29T00:00:00Z");
        for t in [-86_400 * 400, -1, 0, 1, 1_709_625_599, 4_102_444_800] {
            assert_eq!(parse_warc_date(&format_unix(t)), Some(t), "{t}");
        }
    }
}
