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
/// member), so one bad record never loses the others, with one exception: in a plain file
/// a `Content-Length` that is too large swallows the start of the next record.
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
        let got = self.read_block(length, aligned, keep.then_some(&mut block))?;
        if got < length {
            // The data ended (or, for an aligned record, its member ended) early.
            if aligned && self.stream_has_more()? {
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
            self.resync(aligned, false)?;
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
            }
            self.stream.consume(n);
            got += n as u64;
        }
        Ok(got)
    }

    /// Consumes the record separator and checks what follows: the end of the member (for
    /// an aligned record), the end of the data, or the next record's version line.
    fn check_trailer(&mut self) -> Result<bool, WarcError> {
        let off = self.stream.offset();
        // Up to four CR/LF bytes (lenient: writers differ).
        let mut skipped = 0;
        loop {
            let b = match self.stream.peek(8) {
                Ok(b) => b,
                Err(e) => {
                    let e = self.io_err(off, e);
                    return Err(self.after_io_error(e));
                }
            };
            let n = b
                .iter()
                .take(4 - skipped)
                .take_while(|&&c| c == b'\r' || c == b'\n')
                .count();
            if n == 0 {
                break;
            }
            self.stream.consume(n);
            skipped += n;
            if skipped >= 4 {
                break;
            }
        }
        let b = match self.stream.peek(5) {
            Ok(b) => b,
            Err(e) => {
                let e = self.io_err(off, e);
                return Err(self.after_io_error(e));
            }
        };
        if b.is_empty() || skipped == 4 {
            // End of this member (or of plain input), or a full separator (whatever
            // follows is the next record's business).
            return Ok(true);
        }
        if b.starts_with(b"WARC/") {
            return Ok(true);
        }
        // A few trailing blank lines too many are harmless.
        Ok(b.iter().all(|&c| c == b'\r' || c == b'\n'))
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
