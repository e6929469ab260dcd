//! The batch pipeline: one reader thread (lists inputs, streams WARC files), a pool of
//! workers (read, extract, render), and the caller's thread as the ordered writer. With
//! one worker, everything runs on the caller's thread instead ([`run`]).
//!
//! Every unit of work gets a sequence number; the writer puts results back in order in a
//! reorder buffer. A window of tokens bounds the work in flight (queued, being
//! extracted, or waiting in the reorder buffer), so memory stays flat whatever the number
//! of inputs or records, and there is no batch barrier: a slow page holds back the output,
//! never the workers.

use std::collections::BTreeMap;
use std::io::{self, BufRead, Read, Seek};
use std::path::PathBuf;
use std::sync::Arc;

use crossbeam_channel::{bounded, unbounded, Receiver, Sender};
use gleaner_warc::{may_hold_html, HtmlPage, PageCounts, Skip, WarcError, WarcReader, WarcRecord};

use crate::chunks::{cut_file, is_member_header, process_chunk, read_sequentially, Chunk, Cut};
use crate::input::Input;

/// One input to process, as the reader thread lists it.
#[derive(Debug, Clone)]
pub enum Source {
    /// An HTML page (file, standard input or URL).
    Page(Input),
    /// A WARC file (`Input::File`) or stream (`Input::Stdin`).
    Warc(Input),
}

/// Work for the pool.
pub enum Task {
    /// Read and extract an HTML input.
    Page(Input),
    /// A WARC record that may hold an HTML page (the file's name as given): the worker
    /// parses its HTTP message, decodes the payload and extracts the page.
    Warc(Box<WarcRecord>, Arc<str>),
    /// A bad WARC record (the file's name as given): one error record.
    BadRecord(WarcError, Arc<str>),
    /// A WARC input that cannot be opened or read at all: one error record.
    Unreadable(Arc<str>, String),
    /// A stretch of a `.warc.gz` file cut at gzip member headers: the worker gunzips,
    /// parses and processes its records ([`crate::chunks`]).
    Chunk(Box<Chunk>),
    /// Passed through to the writer in order.
    Note(Note),
}

/// Events for the writer, in input order.
#[derive(Debug)]
pub enum Note {
    /// An input starts: its index in the list of sources.
    Begin(usize),
    /// An input ends; for a WARC input the counts the reader made (records, records
    /// skipped by their WARC fields, bad records; the workers count the rest), and whether
    /// it was read to its end (false after a fatal read error).
    End {
        /// Counts of a WARC input.
        counts: Option<PageCounts>,
        /// Whether the input was read completely.
        complete: bool,
    },
}

/// What the writer receives.
pub enum Done<T> {
    /// A processed page.
    Item(T),
    /// A note passed through.
    Note(Note),
    /// The items of a stretch of a `.warc.gz` file, in order; or `dirty`: the stretch must
    /// be read sequentially (see [`crate::chunks`]).
    Chunk {
        /// The stretch's offset in the file.
        start: u64,
        /// The items of its records.
        items: Vec<T>,
        /// The worker could not process it alone.
        dirty: bool,
    },
}

/// Raw bytes read so far, for the progress bar.
pub type BytesRead = Arc<std::sync::atomic::AtomicU64>;

/// Runs the pipeline: `process` turns a task into an item on `threads` workers; `write`
/// gets items and notes in input order on the calling thread. With `threads` 1 there
/// are no other threads: the caller reads, processes and writes each task in turn.
/// `skip(i)` says whether the reader should skip source `i` (resume). Stops early when
/// `write` fails.
#[allow(clippy::too_many_arguments)]
pub fn run<T, P, W>(
    sources: &[Source],
    threads: usize,
    max_record: u64,
    skip: &(dyn Fn(usize) -> bool + Sync),
    bytes_read: &BytesRead,
    process: P,
    mut write: W,
) -> io::Result<()>
where
    T: Send,
    P: Fn(Task) -> T + Sync,
    W: FnMut(Done<T>) -> io::Result<()>,
{
    let threads = threads.max(1);
    if threads == 1 {
        return run_inline(sources, max_record, skip, bytes_read, &process, &mut write);
    }
    // Work in flight at most: enough to keep every worker busy past a slow page.
    let window = (threads * 32).max(64);
    let (task_tx, task_rx) = bounded::<(u64, Task)>(threads * 4);
    let (done_tx, done_rx) = unbounded::<(u64, Done<T>)>();
    let (token_tx, token_rx) = bounded::<()>(window);
    for _ in 0..window {
        let _ = token_tx.send(());
    }
    std::thread::scope(|s| {
        let reader = std::thread::Builder::new()
            .name("gleaner-reader".into())
            .spawn_scoped(s, move || {
                // The workers gunzip their own records, or the one reader thread would
                // hold them back.
                let mut seq = 0u64;
                // Sends one task once a token is free; false when the writer stopped.
                let mut send = |t: Task| -> bool {
                    if token_rx.recv().is_err() {
                        return false;
                    }
                    let ok = task_tx.send((seq, t)).is_ok();
                    seq += 1;
                    ok
                };
                read_sources(sources, max_record, skip, bytes_read, &mut send)
            })
            .expect("cannot start the reader thread");
        for i in 0..threads {
            let rx: Receiver<(u64, Task)> = task_rx.clone();
            let tx: Sender<(u64, Done<T>)> = done_tx.clone();
            let process = &process;
            std::thread::Builder::new()
                .name(format!("gleaner-{i}"))
                .spawn_scoped(s, move || {
                    for (seq, task) in rx {
                        let done = work(task, max_record, process);
                        if tx.send((seq, done)).is_err() {
                            break;
                        }
                    }
                })
                .expect("cannot start a worker thread");
        }
        drop(task_rx);
        drop(done_tx);

        // The ordered writer.
        let mut next = 0u64;
        let mut pending: BTreeMap<u64, Done<T>> = BTreeMap::new();
        let mut result = Ok(());
        let mut state = WriterState::default();
        'recv: for (seq, done) in done_rx.iter() {
            pending.insert(seq, done);
            while let Some(d) = pending.remove(&next) {
                next += 1;
                if let Err(e) = deliver(d, &mut state, sources, max_record, &process, &mut write) {
                    result = Err(e);
                    break 'recv;
                }
                let _ = token_tx.send(());
            }
        }
        // On a write error: stop the reader (it waits for tokens) and drain the workers.
        drop(token_tx);
        drop(done_rx);
        let _ = reader.join();
        result
    })
}

/// What a worker makes of one task: a note passes through, a stretch of a `.warc.gz` is
/// gunzipped and its records processed, anything else is processed.
fn work<T>(task: Task, max_record: u64, process: &dyn Fn(Task) -> T) -> Done<T> {
    match task {
        Task::Note(n) => Done::Note(n),
        Task::Chunk(c) => process_chunk(*c, max_record, process),
        t => Done::Item(process(t)),
    }
}

/// One worker (`-j 1`): reading, gunzipping, extracting and writing on the calling thread,
/// in order, with no hand-off: less CPU in total than a reader thread beside the worker
/// (no channel waits; measured in the README, "WARC archives").
fn run_inline<T>(
    sources: &[Source],
    max_record: u64,
    skip: &(dyn Fn(usize) -> bool + Sync),
    bytes_read: &BytesRead,
    process: &dyn Fn(Task) -> T,
    write: &mut dyn FnMut(Done<T>) -> io::Result<()>,
) -> io::Result<()> {
    let mut state = WriterState::default();
    let mut result = Ok(());
    let mut send = |t: Task| -> bool {
        let done = work(t, max_record, process);
        match deliver(done, &mut state, sources, max_record, process, write) {
            Ok(()) => true,
            Err(e) => {
                result = Err(e);
                false
            }
        }
    };
    read_sources(sources, max_record, skip, bytes_read, &mut send);
    result
}

/// What the writer keeps track of across items.
#[derive(Default)]
struct WriterState {
    /// The source being written.
    current: Option<usize>,
    /// After a sequential read of part of a `.warc.gz` file: the offset where the
    /// workers' stretches take over again (`u64::MAX`: the rest of the file was read).
    resume_at: Option<u64>,
}

/// Hands one in-order result to `write`: stretches of `.warc.gz` files are unpacked, and
/// dirty ones read sequentially here.
fn deliver<T>(
    d: Done<T>,
    st: &mut WriterState,
    sources: &[Source],
    max_record: u64,
    process: &dyn Fn(Task) -> T,
    write: &mut dyn FnMut(Done<T>) -> io::Result<()>,
) -> io::Result<()> {
    match d {
        Done::Chunk {
            start,
            items,
            dirty,
        } => {
            let Some(Source::Warc(input @ Input::File(path))) = st.current.map(|i| &sources[i])
            else {
                return Ok(());
            };
            let name: Arc<str> = Arc::from(input.source());
            let mut seq = |from: u64, past: u64| {
                read_sequentially(path, &name, from, past, max_record, process, write)
            };
            // Skip what a sequential read covered; read sequentially up to this stretch
            // if it does not start where that read stopped.
            while let Some(z) = st.resume_at {
                if start < z {
                    return Ok(());
                }
                if start == z {
                    st.resume_at = None;
                } else {
                    st.resume_at = Some(seq(z, start)?);
                }
            }
            if dirty {
                st.resume_at = Some(seq(start, start + 1)?);
                return Ok(());
            }
            for it in items {
                write(Done::Item(it))?;
            }
            Ok(())
        }
        Done::Note(Note::Begin(i)) => {
            st.current = Some(i);
            st.resume_at = None;
            write(d)
        }
        d => write(d),
    }
}

/// The reader: lists the work in order, streaming WARC files, cutting `.warc.gz` files
/// with one member per record into stretches (gunzipped by whoever processes them).
/// `send` hands on one task; false when the writer stopped.
fn read_sources(
    sources: &[Source],
    max_record: u64,
    skip: &(dyn Fn(usize) -> bool + Sync),
    bytes_read: &BytesRead,
    send: &mut dyn FnMut(Task) -> bool,
) {
    use std::sync::atomic::Ordering::Relaxed;
    for (index, src) in sources.iter().enumerate() {
        if skip(index) {
            continue;
        }
        if !send(Task::Note(Note::Begin(index))) {
            return;
        }
        match src {
            Source::Page(input) => {
                if let Input::File(p) = input {
                    if let Ok(m) = std::fs::metadata(p) {
                        bytes_read.fetch_add(m.len(), Relaxed);
                    }
                }
                if !send(Task::Page(input.clone())) {
                    return;
                }
                if !send(Task::Note(Note::End {
                    counts: None,
                    complete: true,
                })) {
                    return;
                }
            }
            Source::Warc(input) => {
                let name: Arc<str> = Arc::from(input.source());
                let (counts, complete) = match input {
                    Input::File(p) => match std::fs::File::open(p) {
                        Ok(mut f) => {
                            let mut head = [0u8; 10];
                            // Bytes counted for progress before a fallback to reading anew.
                            let mut counted = 0u64;
                            let gz = f.read_exact(&mut head).is_ok()
                                && is_member_header(&head)
                                && f.seek(io::SeekFrom::Start(0)).is_ok();
                            let cut = if gz {
                                let mut progress = |n: u64| {
                                    bytes_read.fetch_add(n, Relaxed);
                                    counted += n;
                                };
                                cut_file(&mut f, &name, &mut progress, send)
                            } else {
                                f.seek(io::SeekFrom::Start(0)).map(|_| Cut::Sequential)
                            };
                            match cut {
                                Ok(Cut::Done(true)) => (Some(PageCounts::default()), true),
                                Ok(Cut::Done(false)) => return,
                                Ok(Cut::Sequential) => {
                                    bytes_read.fetch_sub(counted, Relaxed);
                                    let r = io::BufReader::with_capacity(256 * 1024, f);
                                    stream_warc(r, &name, max_record, bytes_read, send)
                                }
                                Err(e) => {
                                    let msg = format!("read error: {e}");
                                    if !send(Task::Unreadable(name.clone(), msg)) {
                                        return;
                                    }
                                    (Some(PageCounts::default()), false)
                                }
                            }
                        }
                        Err(e) => {
                            if !send(Task::Unreadable(name.clone(), format!("cannot open: {e}"))) {
                                return;
                            }
                            (None, false)
                        }
                    },
                    _ => stream_warc(io::stdin().lock(), &name, max_record, bytes_read, send),
                };
                if !send(Task::Note(Note::End { counts, complete })) {
                    return;
                }
            }
        }
    }
}

/// Streams the records of one WARC input into tasks: the reader only frames
/// records and gunzips; records that may hold HTML go to the workers whole (one `Vec` per
/// block, moved), records whose WARC fields rule out a page are counted here, bad records
/// become error tasks. Returns the counts made here (`None` when the input could not be
/// read at all) and whether it was read to its end.
fn stream_warc<R: BufRead>(
    r: R,
    name: &Arc<str>,
    max_record: u64,
    bytes_read: &BytesRead,
    send: &mut dyn FnMut(Task) -> bool,
) -> (Option<PageCounts>, bool) {
    use std::sync::atomic::Ordering::Relaxed;
    let mut reader = match WarcReader::new(r) {
        Ok(r) => r.with_max_record_bytes(max_record),
        Err(e) => {
            send(Task::Unreadable(name.clone(), format!("cannot read: {e}")));
            return (None, false);
        }
    };
    let mut counts = PageCounts::default();
    let mut last = 0u64;
    let mut complete = true;
    while let Some(rec) = reader.next_record_with(&mut |h| may_hold_html(h)) {
        let now = reader.bytes_read();
        bytes_read.fetch_add(now.saturating_sub(last), Relaxed);
        last = now;
        let task = match rec {
            Ok(rec) if !may_hold_html(&rec.headers) => {
                // Counted here (the writer counts the records sent on).
                counts.records += 1;
                match HtmlPage::from_record(rec, max_record) {
                    Ok(Err(Skip::NotResponse)) => counts.not_response += 1,
                    _ => counts.not_html += 1,
                }
                continue;
            }
            Ok(rec) => Task::Warc(Box::new(rec), name.clone()),
            Err(e) => {
                if e.is_fatal() {
                    complete = false;
                }
                Task::BadRecord(e, name.clone())
            }
        };
        if !send(task) {
            return (Some(counts), false);
        }
    }
    let now = reader.bytes_read();
    bytes_read.fetch_add(now.saturating_sub(last), Relaxed);
    (Some(counts), complete)
}

/// The output file for source `index` in `--output DIR` mode: `DIR/<name>.<ext>`, the
/// input's file name without its `.gz`, `.warc`, `.html`/`.htm` suffixes; a name already
/// taken by an earlier source gets `-<index>` appended.
pub fn output_paths(sources: &[Source], dir: &std::path::Path, ext: &str) -> Vec<PathBuf> {
    let mut seen = std::collections::HashSet::new();
    sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let name = match s {
                Source::Page(Input::File(p)) | Source::Warc(Input::File(p)) => p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| format!("input-{i}")),
                Source::Page(Input::Url(u)) => {
                    let safe: String = u
                        .chars()
                        .map(|c| {
                            if c.is_ascii_alphanumeric() || c == '.' {
                                c
                            } else {
                                '_'
                            }
                        })
                        .take(100)
                        .collect();
                    safe
                }
                _ => "stdin".to_string(),
            };
            let mut stem = name.as_str();
            for suffix in [".gz", ".warc", ".html", ".htm"] {
                if stem.len() > suffix.len() && stem.to_ascii_lowercase().ends_with(suffix) {
                    stem = &stem[..stem.len() - suffix.len()];
                }
            }
            let mut file = format!("{stem}.{ext}");
            if !seen.insert(file.clone()) {
                file = format!("{stem}-{i}.{ext}");
                seen.insert(file.clone());
            }
            dir.join(file)
        })
        .collect()
}
