//! HTTP response messages as stored in WARC `response` records: status line, headers,
//! and the payload with its transfer and content codings undone.

use std::borrow::Cow;
use std::io::Read;

/// Limit on the size of an HTTP response header: 256 KiB.
pub const MAX_HTTP_HEADER_BYTES: usize = 256 * 1024;

/// A parsed HTTP response (borrowing the record's block).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse<'a> {
    /// The status code (for example 200).
    pub status: u16,
    /// The header fields in order, names as written (look up with [`HttpResponse::header`]).
    pub headers: Vec<(String, String)>,
    /// The payload as stored: still chunked or compressed if the crawler kept it so (see
    /// [`HttpResponse::decoded_body`]).
    pub body: &'a [u8],
}

/// Why an HTTP payload could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BodyError {
    /// The decoded payload is over the limit (bytes decoded so far).
    TooLarge(u64),
}

impl<'a> HttpResponse<'a> {
    /// Parses the status line and the header of an HTTP response. Lenient: bare `\n` line
    /// ends, folded lines, and lines without a colon (ignored) are accepted; a block without
    /// a blank line after the header is all header (empty body).
    pub fn parse(block: &'a [u8]) -> Result<Self, String> {
        let (line, mut rest) = split_line(block);
        let line = String::from_utf8_lossy(line);
        let mut parts = line.split_ascii_whitespace();
        let proto = parts.next().unwrap_or("");
        if !proto.to_ascii_uppercase().starts_with("HTTP/") {
            let shown: String = line.chars().take(40).collect();
            return Err(format!("no HTTP status line (found {shown:?})"));
        }
        let status = parts
            .next()
            .filter(|s| s.len() == 3)
            .and_then(|s| s.parse::<u16>().ok())
            .ok_or_else(|| format!("bad status line {:?}", line.trim()))?;
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut size = 0usize;
        loop {
            if rest.is_empty() {
                break;
            }
            let (line, after) = split_line(rest);
            size += rest.len() - after.len();
            rest = after;
            if size > MAX_HTTP_HEADER_BYTES {
                return Err(format!(
                    "header over the {MAX_HTTP_HEADER_BYTES}-byte limit"
                ));
            }
            if line.is_empty() {
                break;
            }
            let text = String::from_utf8_lossy(line);
            if line[0] == b' ' || line[0] == b'\t' {
                if let Some((_, v)) = headers.last_mut() {
                    v.push(' ');
                    v.push_str(text.trim());
                }
                continue;
            }
            if let Some((k, v)) = text.split_once(':') {
                headers.push((k.trim().to_string(), v.trim().to_string()));
            }
        }
        Ok(HttpResponse {
            status,
            headers,
            body: rest,
        })
    }

    /// The first header called `name` (ASCII case-insensitive), trimmed.
    pub fn header(&self, name: &str) -> Option<&str> {
        crate::reader::header(&self.headers, name)
    }

    /// The `Content-Type` header, if any and not empty.
    pub fn content_type(&self) -> Option<&str> {
        self.header("Content-Type").filter(|s| !s.is_empty())
    }

    /// The payload with `Transfer-Encoding: chunked` and `Content-Encoding` gzip, deflate
    /// or br undone, when the stored bytes are in fact so encoded (crawlers often store
    /// the decoded payload but keep the headers: such bytes are returned as they are, and
    /// so are bytes that fail to decode). At most `limit` decoded bytes are produced;
    /// `None` when the payload is larger.
    pub fn decoded_body(&self, limit: u64) -> Option<Cow<'a, [u8]>> {
        self.decode(limit).ok()
    }

    pub(crate) fn decode(&self, limit: u64) -> Result<Cow<'a, [u8]>, BodyError> {
        let mut body: Cow<'a, [u8]> = Cow::Borrowed(self.body);
        let te = self
            .header("Transfer-Encoding")
            .unwrap_or("")
            .to_ascii_lowercase();
        if te.contains("chunked") {
            if let Some(d) = dechunk(&body) {
                body = Cow::Owned(d);
            }
        }
        let ce = self
            .header("Content-Encoding")
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if !ce.is_empty() && ce != "identity" && !looks_like_markup(&body) {
            let decoded = match ce.as_str() {
                "gzip" | "x-gzip" if body.starts_with(&[0x1f, 0x8b]) => {
                    read_capped(flate2::read::MultiGzDecoder::new(&body[..]), limit)?
                }
                "deflate" => {
                    let zlib = body.len() >= 2
                        && body[0] & 0x0f == 8
                        && (u16::from(body[0]) << 8 | u16::from(body[1])) % 31 == 0;
                    if zlib {
                        read_capped(flate2::read::ZlibDecoder::new(&body[..]), limit)?
                    } else {
                        read_capped(flate2::read::DeflateDecoder::new(&body[..]), limit)?
                    }
                }
                "br" => read_capped(
                    brotli_decompressor::Decompressor::new(&body[..], 4096),
                    limit,
                )?,
                _ => None,
            };
            if let Some(d) = decoded {
                body = Cow::Owned(d);
            }
        }
        if body.len() as u64 > limit {
            return Err(BodyError::TooLarge(body.len() as u64));
        }
        Ok(body)
    }
}

/// Splits off the first line (without its `\r\n` or `\n`).
fn split_line(b: &[u8]) -> (&[u8], &[u8]) {
    match memchr::memchr(b'\n', b) {
        Some(i) => {
            let line = &b[..i];
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            (line, &b[i + 1..])
        }
        None => (b, &[]),
    }
}

/// Whether the bytes already look like a markup document (so not compressed).
fn looks_like_markup(b: &[u8]) -> bool {
    let b = b.strip_prefix(b"\xef\xbb\xbf").unwrap_or(b);
    b.iter()
        .find(|c| !c.is_ascii_whitespace())
        .is_some_and(|&c| c == b'<')
}

/// Reads a decoder to its end, keeping at most `limit` bytes. `Ok(None)` when decoding
/// fails (the caller keeps the raw bytes).
fn read_capped(r: impl Read, limit: u64) -> Result<Option<Vec<u8>>, BodyError> {
    let mut out = Vec::new();
    match r.take(limit.saturating_add(1)).read_to_end(&mut out) {
        Ok(_) if out.len() as u64 > limit => Err(BodyError::TooLarge(out.len() as u64)),
        Ok(_) => Ok(Some(out)),
        Err(_) => Ok(None),
    }
}

/// Undoes chunked transfer coding; `None` when the bytes are not chunked.
fn dechunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    loop {
        let (line, rest) = split_line(b);
        if rest.is_empty() && line.len() == b.len() && !out.is_empty() {
            // Data ends without the last chunk: keep what we have.
            return Some(out);
        }
        let size_text = std::str::from_utf8(line).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        if size_text.is_empty() || size_text.len() > 15 {
            return None;
        }
        let size = usize::from_str_radix(size_text, 16).ok()?;
        if size == 0 {
            return Some(out);
        }
        if rest.len() < size {
            // Cut short: keep the partial chunk.
            out.extend_from_slice(rest);
            return Some(out);
        }
        out.extend_from_slice(&rest[..size]);
        let after = &rest[size..];
        b = after
            .strip_prefix(b"\r\n")
            .or_else(|| after.strip_prefix(b"\n"))
            .unwrap_or(after);
        if b.is_empty() {
            return Some(out);
        }
    }
}

/// The `charset` parameter of a `Content-Type` value.
pub fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (k, v) = param.split_once('=')?;
        if !k.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        let v = v.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        (!v.is_empty()).then(|| v.to_string())
    })
}

/// The media type of a `Content-Type` value, lowercased, without parameters.
pub fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Whether a `Content-Type` value (or its absence) means an HTML page.
pub fn is_html_type(content_type: Option<&str>) -> bool {
    match content_type.map(media_type) {
        None => true,
        Some(t) => t.is_empty() || t == "text/html" || t == "application/xhtml+xml",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn parses_status_and_headers() {
        let r = HttpResponse::parse(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\nX-A: 1\r\n  2\r\n\r\n<p>hi",
        )
        .unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.content_type(), Some("text/html; charset=ISO-8859-1"));
        assert_eq!(r.header("x-a"), Some("1 2"));
        assert_eq!(r.body, b"<p>hi");
        // Bare LF line ends.
        let r = HttpResponse::parse(b"HTTP/1.0 404 Not Found\nServer: x\n\nbody").unwrap();
        assert_eq!((r.status, r.body), (404, &b"body"[..]));
        assert!(HttpResponse::parse(b"<html>").is_err());
        assert!(HttpResponse::parse(b"HTTP/1.1 abc OK\r\n\r\n").is_err());
    }

    #[test]
    fn chunked_and_gzip_bodies() {
        let r = HttpResponse::parse(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<p>he\r\n4;x=y\r\nllo.\r\n0\r\n\r\n",
        )
        .unwrap();
        assert_eq!(&*r.decode(100).unwrap(), b"<p>hello.");
        // Headers say chunked but the crawler stored the decoded payload.
        let r = HttpResponse::parse(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n<p>x")
            .unwrap();
        assert_eq!(&*r.decode(100).unwrap(), b"<p>x");

        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(b"<html>zipped</html>").unwrap();
        let gz = e.finish().unwrap();
        let mut msg = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        msg.extend_from_slice(&gz);
        let r = HttpResponse::parse(&msg).unwrap();
        assert_eq!(&*r.decode(100).unwrap(), b"<html>zipped</html>");
        assert_eq!(r.decode(5), Err(BodyError::TooLarge(6)));
        // Claimed gzip, stored plain.
        let r = HttpResponse::parse(b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n<html>")
            .unwrap();
        assert_eq!(&*r.decode(100).unwrap(), b"<html>");

        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(b"<p>deflated").unwrap();
        let mut msg = b"HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\n\r\n".to_vec();
        msg.extend_from_slice(&e.finish().unwrap());
        let r = HttpResponse::parse(&msg).unwrap();
        assert_eq!(&*r.decode(100).unwrap(), b"<p>deflated");
    }

    #[test]
    fn content_types() {
        assert!(is_html_type(None));
        assert!(is_html_type(Some("TEXT/HTML; charset=utf-8")));
        assert!(is_html_type(Some("application/xhtml+xml")));
        assert!(!is_html_type(Some("image/png")));
        assert_eq!(
            charset_param("text/html;Charset=\"EUC-JP\"").as_deref(),
            Some("EUC-JP")
        );
        assert_eq!(charset_param("text/html"), None);
    }
}
