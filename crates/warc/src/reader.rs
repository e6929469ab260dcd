//! The streaming WARC record reader.

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

use crate::error::WarcError;
use crate::stream::Stream;

/// Default limit on the size of a record's header (all named fields): 256 KiB.
pub const DEFAULT_MAX_HEADER_BYTES: usize = 256 * 1024;

/// Default limit on the size of a record's block held in memory: 64 MiB (the extractor's
/// default input limit). Larger records are skipped, streaming, with
/// [`WarcError::TooLarge`].
pub const DEFAULT_MAX_RECORD_BYTES: u64 = 64 * 1024 * 1024;

/// One WARC record: its named fields and its block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcRecord {
    /// The record's offset (see [`WarcError`] for what offsets mean in gzip files).
    pub offset: u64,
    /// The version line, for example `WARC/1.0`.
    pub version: String,
    /// The named fields in file order, names as written (look them up with
    /// [`WarcRecord::header`], which ignores case). Continuation lines are folded in.
    pub headers: Vec<(String, String)>,
    /// The declared block length (`Content-Length`).
    pub block_length: u64,
    /// The block. Empty when the reader was asked to skip it (see
    /// [`WarcReader::next_record_with`]).
    pub block: Vec<u8>,
}

impl WarcRecord {
    /// The first field called `name` (ASCII case-insensitive), trimmed.
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }

    /// `WARC-Type` (for example `response`, `request`, `resource`, `warcinfo`), lowercased.
    pub fn record_type(&self) -> Option<String> {
        self.header("WARC-Type").map(str::to_ascii_lowercase)
    }

    /// `WARC-Target-URI`, without the angle brackets some writers (WARC 1.1 drafts) put
    /// around it.
    pub fn target_uri(&self) -> Option<&str> {
        self.header("WARC-Target-URI")
            .map(|u| u.trim_start_matches('<').trim_end_matches('>'))
            .filter(|u| !u.is_empty())
    }

    /// `WARC-Record-ID` as written (usually `<urn:uuid:...>`).
    pub fn record_id(&self) -> Option<&str> {
        self.header("WARC-Record-ID").filter(|s| !s.is_empty())
    }

    /// `WARC-Date` as written.
    pub fn date(&self) -> Option<&str> {
        self.header("WARC-Date").filter(|s| !s.is_empty())
    }

    /// `Content-Type` of the block as written.
    pub fn content_type(&self) -> Option<&str> {
        self.header("Content-Type").filter(|s| !s.is_empty())
    }
}

/// The first field called `name` (ASCII case-insensitive), trimmed.
pub(crate) fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
}

/// Decides from a record's fields whether its block is read (see
/// [`WarcReader::next_record_with`]).
pub type WantBlock<'a> = dyn FnMut(&[(String, String)]) -> bool + 'a;

/// A streaming WARC reader over plain or gzip-compressed data (detected by its magic
/// number; any number of gzip members, usually one per record).
///
/// Memory is bounded by the limits: one header (at most
/// [`WarcReader::with_max_header_bytes`]) and one block (at most
/// [`WarcReader::with_max_record_bytes`]) at a time. Bad records are returned as
/// [`WarcError`]s and skipped: the reader resynchronises on the next gzip member (gzip
/// input) or the next line starting with `WARC/` (plain input, or several records per
/// member), so one bad record never loses the others. In plain data a `Content-Length`
/// that is too large makes the block swallow the next records: when the block is not
/// followed by the separator and a record, the bytes from the first `WARC/` version line
/// inside it are read again (a skipped block keeps at most the block size limit of them
/// for that).
///
/// ```
/// let warc = b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: http://example.com/\r\n\
/// Content-Type: text/html\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n";
/// let mut reader = gleaner_warc::WarcReader::new(&warc[..]).unwrap();
/// let rec = reader.next().unwrap().unwrap();
/// assert_eq!(rec.target_uri(), Some("http://example.com/"));
/// assert_eq!(rec.block, b"hello");
/// assert!(reader.next().is_none());
/// ```
pub struct WarcReader<R> {
    stream: Stream<R>,
    max_header: usize,
    max_record: u64,
    records: u64,
    done: bool,
}

impl WarcReader<BufReader<File>> {
    /// Opens a WARC file (plain or gzip-compressed, whatever its name).
    pub fn open(path: impl AsRef<Path>) -> io::Result<Self> {
        let f = File::open(path)?;
        WarcReader::new(BufReader::with_capacity(256 * 1024, f))
    }
}

impl<R: BufRead> WarcReader<R> {
    /// A reader over `r` (gzip detected by content). Fails only when the first read does.
    pub fn new(r: R) -> io::Result<Self> {
        Ok(WarcReader {
            stream: Stream::new(r)?,
            max_header: DEFAULT_MAX_HEADER_BYTES,
            max_record: DEFAULT_MAX_RECORD_BYTES,
            records: 0,
            done: false,
        })
    }

    /// A reader over `r` holding the data of a larger input from offset `base` on (for
    /// example a stretch of a file that starts at a gzip member): offsets in records and
    /// errors are offsets in that input. Fails only when the first read does.
    pub fn new_at(r: R, base: u64) -> io::Result<Self> {
        Ok(WarcReader {
            stream: Stream::new_at(r, base)?,
            max_header: DEFAULT_MAX_HEADER_BYTES,
            max_record: DEFAULT_MAX_RECORD_BYTES,
            records: 0,
            done: false,
        })
    }

    /// For gzip input, when the last record read ended its gzip member: the raw offset
    /// where the next member starts (the input's length at its end). `None` inside a
    /// member, and for plain input.
    pub fn member_boundary(&mut self) -> Option<u64> {
        if !self.stream.at_member_end() {
            // The record's separator may have been consumed without the member's end
            // being seen yet: look.
            if self.stream.is_gzip() {
                let _ = self.stream.peek(1);
            }
            if !self.stream.at_member_end() {
                return None;
            }
        }
        Some(self.stream.raw_pos())
    }

    /// Limit on a record's header size [default: [`DEFAULT_MAX_HEADER_BYTES`]].
    pub fn with_max_header_bytes(mut self, n: usize) -> Self {
        self.max_header = n.max(64);
        self
    }

    /// Limit on a block held in memory [default: [`DEFAULT_MAX_RECORD_BYTES`]].
    pub fn with_max_record_bytes(mut self, n: u64) -> Self {
        self.max_record = n;
        self
    }

    /// The block size limit in force.
    pub fn max_record_bytes(&self) -> u64 {
        self.max_record
    }

    /// Whether the input is gzip-compressed.
    pub fn is_gzip(&self) -> bool {
        self.stream.is_gzip()
    }

    /// Raw input bytes consumed so far (compressed bytes for gzip input): for progress.
    pub fn bytes_read(&self) -> u64 {
        self.stream.raw_pos()
    }

    /// Records read so far (good or bad, including skipped ones).
    pub fn records_read(&self) -> u64 {
        self.records
    }

    /// The next record, reading its block only when `want` says so given the record's
    /// fields (other blocks are skipped without being held in memory, so the size limit
    /// does not apply to them). `None` at the end of the input.
    pub fn next_record_with(
        &mut self,
        want: &mut WantBlock<'_>,
    ) -> Option<Result<WarcRecord, WarcError>> {
        if self.done {
            return None;
        }
        let r = self.read_record(want);
        match r {
            Ok(None) => {
                self.done = true;
                None
            }
            Ok(Some(rec)) => {
                self.records += 1;
                Some(Ok(rec))
            }
            Err(e) => {
                self.records += 1;
                if e.is_fatal() {
                    self.done = true;
                }
                Some(Err(e))
            }
        }
    }

    fn io_err(&self, offset: u64, e: io::Error) -> WarcError {
        if self.stream.is_gzip() && e.kind() != io::ErrorKind::Interrupted {
            // A decoding error inside a member (corrupt or truncated data).
            return WarcError::Gzip {
                offset,
                message: e.to_string(),
            };
        }
        WarcError::Io { offset, source: e }
    }

    /// Recovers after a read error: for gzip input skip to the next member.
    fn after_io_error(&mut self, e: WarcError) -> WarcError {
        if let WarcError::Gzip { .. } = e {
            if let Err(io) = self.stream.recover() {
                return WarcError::Io {
                    offset: self.stream.member_start(),
                    source: io,
                };
            }
        }
        e
    }

    /// The current member's data, moving to the next member when it is exhausted.
    /// Empty at the end of the input.
    fn fill_any(&mut self) -> Result<usize, WarcError> {
        loop {
            let off = self.stream.offset();
            match self.stream.fill() {
                Ok(b) if !b.is_empty() => return Ok(b.len()),
                Ok(_) => {}
                Err(e) => {
                    let e = self.io_err(off, e);
                    return Err(self.after_io_error(e));
                }
            }
            match self.stream.next_member() {
                Ok(true) => continue,
                Ok(false) => return Ok(0),
                Err(_) => {
                    let off = self.stream.member_start();
                    let e = WarcError::Gzip {
                        offset: off,
                        message: "data between gzip members is not a gzip member".into(),
                    };
                    return Err(self.after_io_error(e));
                }
            }
        }
    }

    fn read_record(&mut self, want: &mut WantBlock<'_>) -> Result<Option<WarcRecord>, WarcError> {
        // Skip the blank lines between records.
        loop {
            if self.fill_any()? == 0 {
                return Ok(None);
            }
            let b = self.stream.fill().unwrap_or(&[]);
            let n = b.iter().take_while(|&&c| c == b'\r' || c == b'\n').count();
            let all = n == b.len();
            self.stream.consume(n);
            if !all {
                break;
            }
        }
        let offset = self.stream.offset();
        // A record that starts a gzip member must end with it.
        let aligned = self.stream.is_gzip() && self.stream.member_consumed() == 0;

        let start = match self.stream.peek(8) {
            Ok(b) => b.to_vec(),
            Err(e) => {
                let e = self.io_err(offset, e);
                return Err(self.after_io_error(e));
            }
        };
        if !start.starts_with(b"WARC/") {
            let found = match self.stream.peek(40) {
                Ok(b) => String::from_utf8_lossy(b).into_owned(),
                Err(_) => String::from_utf8_lossy(&start).into_owned(),
            };
            self.resync(aligned, true)?;
            return Err(WarcError::NotWarc { offset, found });
        }

        // The header: lines up to an empty one.
        let mut version = String::new();
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut size = 0usize;
        let mut bad: Option<String> = None;
        let mut line = Vec::new();
        loop {
            line.clear();
            let ended = self.read_line(&mut line, self.max_header - size.min(self.max_header))?;
            size += line.len();
            if !ended {
                let message = if size >= self.max_header {
                    format!("header over the {}-byte limit", self.max_header)
                } else {
                    "data ends inside the header".to_string()
                };
                self.resync(aligned, false)?;
                return Err(WarcError::BadHeader { offset, message });
            }
            while matches!(line.last(), Some(b'\n' | b'\r')) {
                line.pop();
            }
            if version.is_empty() {
                version = String::from_utf8_lossy(&line).trim().to_string();
                continue;
            }
            if line.is_empty() {
                break;
            }
            let text = String::from_utf8_lossy(&line);
            if line[0] == b' ' || line[0] == b'\t' {
                if let Some((_, v)) = headers.last_mut() {
                    v.push(' ');
                    v.push_str(text.trim());
                    continue;
                }
            }
            match text.split_once(':') {
                Some((k, v)) if !k.trim().is_empty() && !k.contains(' ') => {
                    headers.push((k.trim().to_string(), v.trim().to_string()));
                }
                _ => {
                    if bad.is_none() {
                        let shown: String = text.chars().take(40).collect();
                        bad = Some(format!("malformed line {shown:?}"));
                    }
                }
            }
        }

        let declared = header(&headers, "Content-Length").map(|v| v.parse::<u64>());
        let length = match declared {
            Some(Ok(n)) => n,
            Some(Err(_)) | None => {
                let message = match declared {
                    None => "no Content-Length".to_string(),
                    _ => format!(
                        "bad Content-Length {:?}",
                        header(&headers, "Content-Length").unwrap_or("")
                    ),
                };
                self.resync(aligned, false)?;
                return Err(WarcError::BadHeader { offset, message });
            }
        };

        let wanted = bad.is_none() && want(&headers);
        let keep = wanted && length <= self.max_record;
        let too_large = wanted && length > self.max_record;
        let mut block = Vec::new();
        if keep {
            block.reserve_exact(length as usize);
        }
        // A record that does not start a gzip member may have a Content-Length that is too
        // large, so that its "block" swallows the next records: remember where a version
        // line first appears in it, to re-read from there if the block turns out wrong.
        let mut watch = (!aligned && !keep).then(|| Watch::new(self.max_record));
        let got = self.read_block(length, aligned, keep.then_some(&mut block), watch.as_mut())?;
        if got < length {
            // The data ended (or, for an aligned record, its member ended) early.
            if aligned && self.stream_has_more()? {
                return Err(WarcError::LengthMismatch {
                    offset,
                    declared: length,
                });
            }
            if !aligned && self.reread_next_record(&block, watch) {
                return Err(WarcError::LengthMismatch {
                    offset,
                    declared: length,
                });
            }
            return Err(WarcError::Truncated {
                offset,
                expected: length,
                got,
            });
        }
        // The separator, then the end of the member, the end of the data, or a next record.
        if !self.check_trailer()? {
            if aligned || !self.reread_next_record(&block, watch) {
                self.resync(aligned, false)?;
            }
            return Err(WarcError::LengthMismatch {
                offset,
                declared: length,
            });
        }
        if let Some(message) = bad {
            return Err(WarcError::BadHeader { offset, message });
        }
        if too_large {
            return Err(WarcError::TooLarge {
                offset,
                length,
                limit: self.max_record,
            });
        }
        Ok(Some(WarcRecord {
            offset,
            version,
            headers,
            block_length: length,
            block,
        }))
    }

    /// Whether any input is left after the current member.
    fn stream_has_more(&mut self) -> Result<bool, WarcError> {
        Ok(self.fill_any()? > 0)
    }

    /// Reads one line (through `\n`) into `out`, at most `limit` bytes. Returns false when
    /// the limit or the end of the data came first.
    fn read_line(&mut self, out: &mut Vec<u8>, limit: usize) -> Result<bool, WarcError> {
        loop {
            let off = self.stream.offset();
            if self.fill_any()? == 0 {
                return Ok(false);
            }
            let b = match self.stream.fill() {
                Ok(b) => b,
                Err(e) => {
                    let e = self.io_err(off, e);
                    return Err(self.after_io_error(e));
                }
            };
            let room = limit.saturating_sub(out.len());
            let window = &b[..b.len().min(room)];
            match memchr::memchr(b'\n', window) {
                Some(i) => {
                    out.extend_from_slice(&window[..=i]);
                    self.stream.consume(i + 1);
                    return Ok(true);
                }
                None => {
                    let n = window.len();
                    out.extend_from_slice(window);
                    self.stream.consume(n);
                    if out.len() >= limit {
                        return Ok(false);
                    }
                }
            }
        }
    }

    /// Reads (or skips) up to `length` block bytes. An aligned record's block must lie in
    /// its own member; others may span members. Returns how many bytes were there.
    fn read_block(
        &mut self,
        length: u64,
        aligned: bool,
        mut out: Option<&mut Vec<u8>>,
        mut watch: Option<&mut Watch>,
    ) -> Result<u64, WarcError> {
        let mut got = 0u64;
        while got < length {
            let off = self.stream.offset();
            let avail = if aligned {
                match self.stream.fill() {
                    Ok(b) => b.len(),
                    Err(e) => {
                        let e = self.io_err(off, e);
                        return Err(self.after_io_error(e));
                    }
                }
            } else {
                self.fill_any()?
            };
            if avail == 0 {
                break;
            }
            let n = avail.min((length - got).min(usize::MAX as u64) as usize);
            if let Some(out) = out.as_deref_mut() {
                let b = self.stream.fill().unwrap_or(&[]);
                out.extend_from_slice(&b[..n]);
            } else if let Some(w) = watch.as_deref_mut() {
                let b = self.stream.fill().unwrap_or(&[]);
                w.feed(&b[..n]);
            }
            self.stream.consume(n);
            got += n as u64;
        }
        Ok(got)
    }

    /// Checks what follows a block: the record separator (up to four CR/LF bytes, lenient:
    /// writers differ), then the end of the member (for an aligned record), the end of the
    /// data, or the next record's version line. Consumes the separator when it fits, and
    /// nothing when it does not.
    fn check_trailer(&mut self) -> Result<bool, WarcError> {
        let off = self.stream.offset();
        let b = match self.stream.peek(9) {
            Ok(b) => b,
            Err(e) => {
                let e = self.io_err(off, e);
                return Err(self.after_io_error(e));
            }
        };
        let crlf = |c: &u8| *c == b'\r' || *c == b'\n';
        let n = b.iter().take(4).take_while(|c| crlf(c)).count();
        let rest = &b[n..];
        // End of this member (or of plain input), a full separator (whatever follows is
        // the next record's business), the next record, or a few blank lines too many.
        let ok = rest.is_empty()
            || n == 4
            || rest.starts_with(b"WARC/")
            || rest.iter().take(5).all(crlf);
        if ok {
            self.stream.consume(n);
        }
        Ok(ok)
    }

    /// After a bad block in plain (non-aligned) data: when a version line appeared inside
    /// the block (the declared length was too large and the block swallowed the next
    /// records), pushes the bytes from there back so they are read again. Returns whether
    /// it did.
    fn reread_next_record(&mut self, block: &[u8], watch: Option<Watch>) -> bool {
        let tail: &[u8] = match &watch {
            Some(w) => match &w.tail {
                Some(t) => t,
                None if w.over => return false,
                None => match partial_version_line(&w.last) {
                    Some(i) => &w.last[i..],
                    None => return false,
                },
            },
            None => match next_version_line(block, 0).or_else(|| partial_version_line(block)) {
                Some(i) => &block[i..],
                None => return false,
            },
        };
        self.stream.unread(tail);
        true
    }

    /// Skips to where the next record can start: the next gzip member for a record that
    /// started one, else the next line starting with `WARC/`. `at_start` means the current
    /// position is the bad record's first byte (skipped first so progress is made).
    fn resync(&mut self, aligned: bool, at_start: bool) -> Result<(), WarcError> {
        if aligned {
            loop {
                let off = self.stream.offset();
                let n = match self.stream.fill() {
                    Ok(b) => b.len(),
                    Err(e) => {
                        let e = self.io_err(off, e);
                        return Err(self.after_io_error(e));
                    }
                };
                if n == 0 {
                    return Ok(());
                }
                self.stream.consume(n);
            }
        }
        if at_start {
            if self.fill_any()? == 0 {
                return Ok(());
            }
            self.stream.consume(1);
        }
        // Look for "\nWARC/" (keeping a 5-byte tail across buffer refills).
        let finder = memchr::memmem::Finder::new(b"\nWARC/");
        loop {
            if self.fill_any()? == 0 {
                return Ok(());
            }
            let off = self.stream.offset();
            let member_start = self.stream.is_gzip() && self.stream.member_consumed() == 0;
            let b = match self.stream.peek(6) {
                Ok(b) => b,
                Err(e) => {
                    let e = self.io_err(off, e);
                    return Err(self.after_io_error(e));
                }
            };
            if member_start && b.starts_with(b"WARC/") {
                return Ok(());
            }
            if let Some(i) = finder.find(b) {
                self.stream.consume(i + 1);
                return Ok(());
            }
            if b.len() < 6 {
                // The member ends within these bytes: a record may start in the next one.
                let n = b.len();
                self.stream.consume(n);
                continue;
            }
            let n = b.len() - 5;
            self.stream.consume(n);
        }
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<WarcRecord, WarcError>;

    /// The next record with its block (blocks over the size limit give
    /// [`WarcError::TooLarge`]).
    fn next(&mut self) -> Option<Self::Item> {
        self.next_record_with(&mut |_| true)
    }
}

/// Where the first line starting with `WARC/` and a digit begins in `data`, looking at lines
/// that start at or after `from` (a line start is a position after `\n`).
fn next_version_line(data: &[u8], from: usize) -> Option<usize> {
    let finder = memchr::memmem::Finder::new(b"\nWARC/");
    let mut at = from;
    while let Some(i) = finder.find(data.get(at..)?) {
        let start = at + i + 1;
        if data.get(start + 5).is_some_and(u8::is_ascii_digit) {
            return Some(start);
        }
        at = start;
    }
    None
}

/// Where a line that could be the start of a version line cut by the end of `data` begins
/// (a line start followed by at most five bytes that begin `WARC/`).
fn partial_version_line(data: &[u8]) -> Option<usize> {
    (data.len().saturating_sub(5).max(1)..data.len())
        .find(|&i| data[i - 1] == b'\n' && b"WARC/".starts_with(&data[i..]))
}

/// Watches the bytes of a block that is skipped (not held in memory) for a version line,
/// and keeps the bytes from the first one on (at most `limit` bytes), so that a block that
/// swallowed the next records can give them back.
struct Watch {
    /// The last bytes seen (up to 6), for a version line split across reads.
    last: Vec<u8>,
    /// The bytes from the first version line on.
    tail: Option<Vec<u8>>,
    /// Gave up: the tail grew over the limit.
    over: bool,
    limit: u64,
}

impl Watch {
    fn new(limit: u64) -> Self {
        Watch {
            last: Vec::new(),
            tail: None,
            over: false,
            limit,
        }
    }

    fn feed(&mut self, chunk: &[u8]) {
        if self.over {
            return;
        }
        if let Some(t) = &mut self.tail {
            if (t.len() + chunk.len()) as u64 > self.limit {
                self.tail = None;
                self.over = true;
            } else {
                t.extend_from_slice(chunk);
            }
            return;
        }
        // A version line starting in the carried-over bytes, then one inside the chunk.
        let mut w = std::mem::take(&mut self.last);
        let carried = w.len();
        w.extend_from_slice(&chunk[..chunk.len().min(7)]);
        let found = match next_version_line(&w, 0) {
            Some(j) if j <= carried => {
                let mut t = w[j..].to_vec();
                t.extend_from_slice(&chunk[chunk.len().min(7)..]);
                Some(t)
            }
            _ => next_version_line(chunk, 0).map(|i| chunk[i..].to_vec()),
        };
        match found {
            Some(t) if t.len() as u64 <= self.limit => self.tail = Some(t),
            Some(_) => self.over = true,
            None => {
                let keep = w.len().min(6);
                self.last = w[w.len() - keep..].to_vec();
                if chunk.len() >= 6 {
                    self.last = chunk[chunk.len() - 6..].to_vec();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn watch_finds_a_version_line_across_reads() {
        let mut data = vec![b'x'; 40];
        data.extend_from_slice(b"\r\nWARC/1.0\r\nrest of it");
        let at = 42;
        for split in 0..data.len() {
            for second in split..data.len() {
                let mut w = Watch::new(1 << 20);
                for chunk in [&data[..split], &data[split..second], &data[second..]] {
                    w.feed(chunk);
                }
                assert_eq!(w.tail.as_deref(), Some(&data[at..]), "{split} {second}");
            }
        }
        let mut w = Watch::new(5);
        w.feed(&data);
        assert!(w.tail.is_none() && w.over);
        assert_eq!(
            next_version_line(b"WARC/1.0\nWARC/x\nWARC/0.17", 0),
            Some(16)
        );
        assert_eq!(partial_version_line(b"abc\r\nWAR"), Some(5));
        assert_eq!(partial_version_line(b"abc\r\nWAX"), None);
        assert_eq!(partial_version_line(b"abc\n"), None);
    }
}
