//! Parallel gunzip for `.warc.gz` files with one gzip member per record (how archives
//! write them): the reader thread (with `-j 1`, the one thread) only cuts the compressed
//! file into members, at every place that looks like a gzip member header, without
//! decompressing anything; each worker decompresses and parses its own stretch with the
//! regular WARC reader ([`WarcReader::new_at`], so offsets and errors are exactly those of
//! a sequential read), then extracts the pages.
//!
//! A cut that is not a member boundary (compressed data that happens to look like a
//! header, or a member that does not look like one), a stretch with any bad record in it
//! (unless it runs to the end of the file), or a record that spans members makes that
//! stretch "dirty": the writer then reads the
//! file sequentially from the stretch's start (a known member boundary) up to the first
//! member boundary past it that is also a cut, processing those records itself, and
//! discards the workers' results for the stretches it covered. The output is the same as
//! a sequential read's in every case.

use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::Arc;

use gleaner_warc::{may_hold_html, WarcReader};

use crate::pipeline::{Done, Task};

/// A stretch of a compressed WARC file between two cuts.
pub struct Chunk {
    /// The file's name as given.
    pub file: Arc<str>,
    /// Offset of the stretch in the file (a cut).
    pub start: u64,
    /// The compressed bytes; `None` when the stretch was too long to hold (dirty).
    pub bytes: Option<Vec<u8>>,
    /// Whether it runs to the end of the file.
    pub last: bool,
}

/// Whether these bytes (at least 10) look like the header of a gzip member: magic,
/// deflate, no reserved flags, an extra-flags value and an OS byte that writers use.
pub fn is_member_header(b: &[u8]) -> bool {
    b.len() >= 10
        && b[0] == 0x1f
        && b[1] == 0x8b
        && b[2] == 8
        && b[3] & 0xe0 == 0
        && matches!(b[8], 0 | 2 | 4)
        && (b[9] <= 13 || b[9] == 255)
}

/// Size of one read from the file.
const READ: usize = 1 << 20;
/// The first stretch must be cut before this many bytes, or the file is not one member per
/// record and is read sequentially instead.
const FIRST_MAX: usize = 4 << 20;
/// A later stretch longer than this is not held: it becomes a dirty marker.
const CHUNK_MAX: usize = 16 << 20;

/// What [`cut_file`] did.
pub enum Cut {
    /// The file was cut and sent; `false` when the writer stopped.
    Done(bool),
    /// The file does not look like one member per record: read it sequentially (the file
    /// position is back at its start).
    Sequential,
}

/// Cuts a gzip WARC file into stretches at member headers and sends them (`send` returns
/// false when the writer stopped). `progress` gets the bytes read.
pub fn cut_file(
    f: &mut File,
    file: &Arc<str>,
    progress: &mut dyn FnMut(u64),
    send: &mut dyn FnMut(Task) -> bool,
) -> io::Result<Cut> {
    let mut buf: Vec<u8> = Vec::with_capacity(2 * READ);
    let mut base = 0u64; // file offset of buf[0]
    let mut start = 0usize; // the current stretch's start in buf
    let mut chunk_off = 0u64; // the current stretch's offset in the file
    let mut scan = 1usize; // where to look for the next cut
    let mut eof = false;
    let mut first = true;
    let mut oversize = false;
    loop {
        let mut found = None;
        while scan < buf.len() {
            let Some(i) = memchr::memchr(0x1f, &buf[scan..]).map(|i| scan + i) else {
                scan = buf.len();
                break;
            };
            if i + 10 > buf.len() && !eof {
                scan = i; // need more data to judge it
                break;
            }
            if is_member_header(&buf[i..]) {
                found = Some(i);
                break;
            }
            scan = i + 1;
        }
        if found.is_none() && !eof {
            // Need more data.
            if first && buf.len() - start > FIRST_MAX {
                f.seek(SeekFrom::Start(0))?;
                return Ok(Cut::Sequential);
            }
            if !first && buf.len() - start > CHUNK_MAX {
                // Too long to hold: drop what was scanned, keep looking for the cut.
                oversize = true;
                start = scan.min(buf.len());
            }
            if start > 0 && start >= buf.len() / 2 {
                buf.drain(..start);
                base += start as u64;
                scan -= start;
                start = 0;
            }
            let old = buf.len();
            buf.resize(old + READ, 0);
            let n = loop {
                match f.read(&mut buf[old..]) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    r => break r?,
                }
            };
            buf.truncate(old + n);
            progress(n as u64);
            if n == 0 {
                eof = true;
            }
            continue;
        }
        let cut = found;
        let end = cut.unwrap_or(buf.len());
        if end == 0 && eof {
            return Ok(Cut::Done(true)); // an empty file
        }
        let chunk = Chunk {
            file: file.clone(),
            start: chunk_off,
            bytes: (!oversize).then(|| buf[start..end].to_vec()),
            last: cut.is_none(),
        };
        if !send(Task::Chunk(Box::new(chunk))) {
            return Ok(Cut::Done(false));
        }
        match cut {
            None => return Ok(Cut::Done(true)),
            Some(i) => {
                start = i;
                chunk_off = base + i as u64;
                scan = i + 1;
                first = false;
                oversize = false;
            }
        }
    }
}

/// A worker's result for a stretch: the items of its records in order, or `dirty`.
pub fn process_chunk<T>(c: Chunk, max_record: u64, process: &dyn Fn(Task) -> T) -> Done<T> {
    let dirty = Done::Chunk {
        start: c.start,
        items: Vec::new(),
        dirty: true,
    };
    let Some(bytes) = c.bytes else {
        return dirty;
    };
    // The usual case, one member: gunzip it whole with libdeflate (the size is in the
    // member's trailer) and parse the records from memory.
    if let Some(items) = whole_member(&bytes, &c.file, c.start, max_record, process) {
        return match items {
            Some(items) => Done::Chunk {
                start: c.start,
                items,
                dirty: false,
            },
            None => dirty,
        };
    }
    let mut reader = match WarcReader::new_at(&bytes[..], c.start) {
        Ok(r) => r.with_max_record_bytes(max_record),
        Err(_) => return dirty,
    };
    let mut items = Vec::new();
    while let Some(rec) = reader.next_record_with(&mut |h| may_hold_html(h)) {
        let task = match rec {
            Ok(rec) => Task::Warc(Box::new(rec), c.file.clone()),
            // A member cut short by the stretch's end, a record running into the next
            // stretch, or any other trouble: what it is (and where the reader picks up
            // again) only a sequential read tells, so that one reports it.
            Err(_) if !c.last => return dirty,
            Err(e) => Task::BadRecord(e, c.file.clone()),
        };
        items.push(process(task));
    }
    Done::Chunk {
        start: c.start,
        items,
        dirty: false,
    }
}

/// Extra room over the block limit for a member's WARC and HTTP headers.
const HEADER_ROOM: u64 = 1 << 20;

/// Processes a stretch that is exactly one gzip member, gunzipped whole. `None` when it is
/// not (or is too large, or fails to decode): the caller reads it as a stream instead.
/// `Some(None)` when it decoded but holds anything but good records (dirty: a sequential
/// read reports it, so errors and offsets are exactly a sequential read's).
fn whole_member<T>(
    bytes: &[u8],
    file: &Arc<str>,
    start: u64,
    max_record: u64,
    process: &dyn Fn(Task) -> T,
) -> Option<Option<Vec<T>>> {
    let n = bytes.len();
    if n < 18 {
        return None;
    }
    let size = u64::from(u32::from_le_bytes([
        bytes[n - 4],
        bytes[n - 3],
        bytes[n - 2],
        bytes[n - 1],
    ]));
    if size > max_record.saturating_add(HEADER_ROOM) {
        return None;
    }
    let size = usize::try_from(size).ok()?;
    // One buffer per worker, reused: no allocation, zeroing or page faults per member.
    thread_local! {
        static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BUF.with_borrow_mut(|data| {
        if data.len() < size {
            data.resize(size, 0);
        }
        let got = libdeflater::Decompressor::new()
            .gzip_decompress(bytes, &mut data[..size])
            .ok();
        // The stretch must end with this member: its trailer (CRC-32 and size) is the
        // stretch's last 8 bytes (bytes after the member would end the stretch instead).
        let crc = u32::from_le_bytes([bytes[n - 8], bytes[n - 7], bytes[n - 6], bytes[n - 5]]);
        let out = match got {
            Some(got) if got == size && libdeflater::crc32(&data[..size]) == crc => {
                parse_member(&data[..size], file, start, max_record, process)
            }
            _ => None,
        };
        if data.len() > KEEP_BUF {
            // A large member: do not keep its buffer.
            *data = Vec::new();
        }
        out
    })
}

/// A worker's gunzip buffer larger than this is freed after use.
const KEEP_BUF: usize = 8 << 20;

/// The records of one gunzipped member (see [`whole_member`]).
fn parse_member<T>(
    data: &[u8],
    file: &Arc<str>,
    start: u64,
    max_record: u64,
    process: &dyn Fn(Task) -> T,
) -> Option<Option<Vec<T>>> {
    if data.starts_with(&[0x1f, 0x8b]) {
        // Gzip inside gzip: not what a sequential read would decode.
        return Some(None);
    }
    let mut reader = WarcReader::new_at(data, 0)
        .ok()?
        .with_max_record_bytes(max_record);
    let mut items = Vec::new();
    while let Some(rec) = reader.next_record_with(&mut |h| may_hold_html(h)) {
        let Ok(mut rec) = rec else {
            return Some(None);
        };
        // Records in a gzip file are known by their member's offset.
        rec.offset = start;
        items.push(process(Task::Warc(Box::new(rec), file.clone())));
    }
    Some(Some(items))
}

/// The writer's fallback: reads `path` sequentially from `from` (a member boundary),
/// handing each record's item to `write`, until the first member boundary at or after
/// `past` that is also a cut. Returns that boundary (`u64::MAX` at the end of the file).
pub fn read_sequentially<T>(
    path: &Path,
    file: &Arc<str>,
    from: u64,
    past: u64,
    max_record: u64,
    process: &dyn Fn(Task) -> T,
    write: &mut dyn FnMut(Done<T>) -> io::Result<()>,
) -> io::Result<u64> {
    let open_at = |at: u64| -> io::Result<File> {
        let mut f = File::open(path)?;
        f.seek(SeekFrom::Start(at))?;
        Ok(f)
    };
    let f = match open_at(from) {
        Ok(f) => f,
        Err(e) => {
            write(Done::Item(process(Task::Unreadable(
                file.clone(),
                format!("cannot read again from offset {from}: {e}"),
            ))))?;
            return Ok(u64::MAX);
        }
    };
    let mut reader = match WarcReader::new_at(BufReader::with_capacity(256 * 1024, f), from) {
        Ok(r) => r.with_max_record_bytes(max_record),
        Err(_) => return Ok(u64::MAX),
    };
    while let Some(rec) = reader.next_record_with(&mut |h| may_hold_html(h)) {
        let task = match rec {
            Ok(rec) => Task::Warc(Box::new(rec), file.clone()),
            Err(e) => Task::BadRecord(e, file.clone()),
        };
        write(Done::Item(process(task)))?;
        if let Some(b) = reader.member_boundary() {
            if b >= past {
                let mut head = [0u8; 10];
                let is_cut = open_at(b)
                    .and_then(|mut f| f.read_exact(&mut head))
                    .is_ok_and(|()| is_member_header(&head));
                if is_cut {
                    return Ok(b);
                }
            }
        }
    }
    Ok(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_headers() {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut e, b"WARC/1.0\r\n").unwrap();
        let gz = e.finish().unwrap();
        assert!(is_member_header(&gz));
        assert!(!is_member_header(&gz[..9]));
        let mut bad = gz.clone();
        bad[3] = 0x80; // a reserved flag
        assert!(!is_member_header(&bad));
        assert!(!is_member_header(b"WARC/1.0\r\n\r\n"));
    }
}
