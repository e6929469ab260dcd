//! The decompressed byte stream under the WARC parser: plain bytes, or gzip members
//! decoded one at a time so that each record's member offset is known.

use std::io::{self, BufRead, Read};

use flate2::bufread::GzDecoder;

/// Size of the decompressed-data buffer.
const BUF: usize = 64 * 1024;

/// Compressed bytes of the current gzip member kept for recovery (a bad member is
/// rescanned for the next member's start from its second byte). Members larger than this
/// are rescanned from where decoding failed instead.
const MAX_TEE: usize = 8 * 1024 * 1024;

/// A `BufRead` that counts the bytes consumed from it, can keep a copy of them (the
/// current gzip member) and replay bytes pushed back.
pub(crate) struct Counting<R> {
    inner: R,
    pos: u64,
    replay: Vec<u8>,
    rpos: usize,
    /// Copy of the bytes consumed since the current member started (`None` when off or
    /// over [`MAX_TEE`]).
    tee: Option<Vec<u8>>,
}

impl<R: BufRead> Counting<R> {
    fn new(inner: R) -> Self {
        Counting {
            inner,
            pos: 0,
            replay: Vec::new(),
            rpos: 0,
            tee: None,
        }
    }
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(buf.len());
        buf[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.rpos < self.replay.len() {
            return Ok(&self.replay[self.rpos..]);
        }
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        if amt == 0 {
            return;
        }
        let replaying = self.rpos < self.replay.len();
        if let Some(t) = &mut self.tee {
            if t.len() + amt > MAX_TEE {
                self.tee = None;
            } else if replaying {
                t.extend_from_slice(&self.replay[self.rpos..self.rpos + amt]);
            } else if let Ok(b) = self.inner.fill_buf() {
                // The data is still in the inner buffer (not consumed yet): no I/O.
                t.extend_from_slice(&b[..amt.min(b.len())]);
            }
        }
        if replaying {
            self.rpos += amt;
            if self.rpos >= self.replay.len() {
                self.replay.clear();
                self.rpos = 0;
            }
        } else {
            self.inner.consume(amt);
        }
        self.pos += amt as u64;
    }
}

enum Inner<R> {
    /// Uncompressed input: one "member" spanning the whole stream.
    Plain(Counting<R>),
    /// Inside a gzip member.
    Gzip(Box<GzDecoder<Counting<R>>>),
    /// Between gzip members (the previous one ended or failed).
    Between(Counting<R>),
    /// Only while switching states.
    Empty,
}

/// The stream the WARC parser reads. Data is handed out one member at a time:
/// [`Stream::fill`] returns an empty slice at the end of the current member, and
/// [`Stream::next_member`] moves on.
pub(crate) struct Stream<R> {
    inner: Inner<R>,
    gzip: bool,
    /// Decompressed data; [`BUF`] bytes, or more while it holds bytes pushed back by
    /// [`Stream::unread`].
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    /// Offset (in the raw input) where the current member starts.
    member_start: u64,
    /// Decompressed bytes consumed from the current member.
    member_consumed: u64,
    /// The current member has no more data (its end was reached).
    member_done: bool,
}

impl<R: BufRead> Stream<R> {
    /// Wraps `r`, detecting gzip by its magic number.
    pub(crate) fn new(r: R) -> io::Result<Self> {
        Stream::new_at(r, 0)
    }

    /// Wraps `r`, data that starts at offset `base` of a larger input (offsets are
    /// reported as offsets in that input).
    pub(crate) fn new_at(mut r: R, base: u64) -> io::Result<Self> {
        let gzip = {
            let b = r.fill_buf()?;
            b.len() >= 2 && b[0] == 0x1f && b[1] == 0x8b
        };
        let mut c = Counting::new(r);
        c.pos = base;
        if gzip {
            c.tee = Some(Vec::new());
        }
        let inner = if gzip {
            Inner::Gzip(Box::new(GzDecoder::new(c)))
        } else {
            Inner::Plain(c)
        };
        Ok(Stream {
            inner,
            gzip,
            buf: vec![0; BUF],
            pos: 0,
            end: 0,
            member_start: base,
            member_consumed: 0,
            member_done: false,
        })
    }

    /// Whether the current gzip member is finished and fully consumed (so the raw
    /// position is the next member's offset).
    pub(crate) fn at_member_end(&self) -> bool {
        self.gzip && self.member_done && self.pos == self.end
    }

    pub(crate) fn is_gzip(&self) -> bool {
        self.gzip
    }

    /// Raw input bytes consumed so far (compressed bytes for gzip input).
    pub(crate) fn raw_pos(&self) -> u64 {
        match &self.inner {
            Inner::Plain(c) | Inner::Between(c) => c.pos,
            Inner::Gzip(d) => d.get_ref().pos,
            Inner::Empty => 0,
        }
    }

    pub(crate) fn member_start(&self) -> u64 {
        self.member_start
    }

    pub(crate) fn member_consumed(&self) -> u64 {
        self.member_consumed
    }

    /// The offset to report for data at the current position: the exact byte offset for
    /// plain input, the member's offset for gzip input.
    pub(crate) fn offset(&self) -> u64 {
        if self.gzip {
            self.member_start
        } else {
            self.member_consumed
        }
    }

    /// The buffered data of the current member, reading more if the buffer is empty.
    /// Empty at the end of the member (or of plain input).
    pub(crate) fn fill(&mut self) -> io::Result<&[u8]> {
        if self.pos == self.end && !self.member_done {
            self.pos = 0;
            self.end = 0;
            if self.buf.len() > BUF {
                // Pushed-back bytes are used up: back to the normal buffer size.
                self.buf = vec![0; BUF];
            }
            let n = self.read_inner(0)?;
            if n == 0 {
                self.member_done = true;
            }
            self.end = n;
        }
        Ok(&self.buf[self.pos..self.end])
    }

    /// Makes at least `n` bytes (n <= buffer size) visible when the member has them;
    /// returns what is visible.
    pub(crate) fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        let n = n.min(BUF);
        if self.end - self.pos < n && !self.member_done {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.pos = 0;
            while self.end < n && !self.member_done {
                let got = self.read_inner(self.end)?;
                if got == 0 {
                    self.member_done = true;
                }
                self.end += got;
            }
        }
        Ok(&self.buf[self.pos..self.end])
    }

    fn read_inner(&mut self, at: usize) -> io::Result<usize> {
        let dst = &mut self.buf[at..];
        loop {
            let r = match &mut self.inner {
                Inner::Plain(c) => c.read(dst),
                Inner::Gzip(d) => d.read(dst),
                Inner::Between(_) | Inner::Empty => Ok(0),
            };
            match r {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                other => return other,
            }
        }
    }

    /// Pushes `data` back in front of the unread data of the current member: the next
    /// reads return it again (the member offsets move back accordingly). Used to re-read
    /// the part of a block that turned out to belong to the next records.
    pub(crate) fn unread(&mut self, data: &[u8]) {
        if data.is_empty() {
            return;
        }
        let rest = self.end - self.pos;
        let mut v = Vec::with_capacity((data.len() + rest).max(BUF));
        v.extend_from_slice(data);
        v.extend_from_slice(&self.buf[self.pos..self.end]);
        let end = v.len();
        v.resize(end.max(BUF), 0);
        self.buf = v;
        self.pos = 0;
        self.end = end;
        self.member_consumed = self.member_consumed.saturating_sub(data.len() as u64);
    }

    pub(crate) fn consume(&mut self, n: usize) {
        debug_assert!(n <= self.end - self.pos);
        self.pos += n;
        self.member_consumed += n as u64;
    }

    /// Moves to the next gzip member once the current one is exhausted. Returns false at
    /// the end of the input (always, for plain input). An error means the bytes after the
    /// member are not a gzip member: call [`Stream::recover`].
    pub(crate) fn next_member(&mut self) -> io::Result<bool> {
        if !self.gzip {
            return Ok(false);
        }
        let mut c = match std::mem::replace(&mut self.inner, Inner::Empty) {
            Inner::Gzip(d) => (*d).into_inner(),
            Inner::Between(c) | Inner::Plain(c) => c,
            Inner::Empty => return Ok(false),
        };
        let (empty, magic) = match c.fill_buf() {
            Ok(b) => (b.is_empty(), b.first() == Some(&0x1f)),
            Err(e) => {
                self.inner = Inner::Between(c);
                return Err(e);
            }
        };
        self.pos = 0;
        self.end = 0;
        self.member_consumed = 0;
        self.member_start = c.pos;
        if empty {
            self.member_done = true;
            self.inner = Inner::Between(c);
            return Ok(false);
        }
        if !magic {
            self.member_done = true;
            self.inner = Inner::Between(c);
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "data between gzip members is not a gzip member",
            ));
        }
        self.member_done = false;
        c.tee = Some(Vec::new());
        self.inner = Inner::Gzip(Box::new(GzDecoder::new(c)));
        Ok(true)
    }

    /// After a gzip error: drops the bad member and skips to the next gzip magic number
    /// after its start. Returns false when none is left. Always makes progress.
    pub(crate) fn recover(&mut self) -> io::Result<bool> {
        let mut c = match std::mem::replace(&mut self.inner, Inner::Empty) {
            Inner::Gzip(d) => (*d).into_inner(),
            Inner::Between(c) | Inner::Plain(c) => c,
            Inner::Empty => return Ok(false),
        };
        self.pos = 0;
        self.end = 0;
        self.member_done = true;
        // Rescan the bad member from its second byte when its bytes were kept.
        if let Some(tee) = c.tee.take() {
            if tee.len() as u64 == c.pos - self.member_start && tee.len() > 1 {
                let mut replay = tee[1..].to_vec();
                replay.extend_from_slice(&c.replay[c.rpos..]);
                c.replay = replay;
                c.rpos = 0;
                c.pos = self.member_start + 1;
            }
        }
        if c.pos <= self.member_start {
            let n = c.fill_buf().map(|b| b.len().min(1)).unwrap_or(0);
            c.consume(n);
        }
        loop {
            let buf = match c.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.inner = Inner::Between(c);
                    return Err(e);
                }
            };
            if buf.is_empty() {
                self.inner = Inner::Between(c);
                return Ok(false);
            }
            // A candidate is 1f 8b, or a 1f at the very end of the buffer (checked by
            // starting a member there; a false candidate fails and recovers again).
            let mut found = None;
            for i in memchr::memchr_iter(0x1f, buf) {
                if buf.get(i + 1).is_none_or(|&b| b == 0x8b) {
                    found = Some(i);
                    break;
                }
            }
            match found {
                Some(i) => {
                    c.consume(i);
                    self.inner = Inner::Between(c);
                    return self.next_member();
                }
                None => {
                    let n = buf.len();
                    c.consume(n);
                }
            }
        }
    }
}
