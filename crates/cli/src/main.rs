//! The `gleaner` command-line tool.
//!
//! ```text
//! gleaner extract page.html                    # the article as plain text
//! gleaner extract -f markdown https://...      # fetch a page, print Markdown
//! gleaner extract -j 8 crawl/ -o out.jsonl     # a directory tree, one JSON record per page
//! gleaner extract CC-NEWS-*.warc.gz -o out/     # WARC files, one output file each (resumable)
//! ```
//!
//! Exit status: 0 when every input was read (even if the extractor rejected some),
//! 1 on a usage error or when the output cannot be written, 2 when at least one input
//! could not be read or fetched at all.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::Ordering::Relaxed;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use clap::Parser;
use gleaner_extract::record::Record;
use gleaner_extract::{render, Options};
use gleaner_warc::{error_record, HtmlPage, PageCounts, Skip, WarcRecord};

mod args;
mod chunks;
mod filter;
mod input;
mod json;
mod output;
mod pipeline;

use args::{Cli, Command, ExtractArgs, Format};
use filter::Filter;
use input::{Input, LoadError};
use output::Sink;
use pipeline::{BytesRead, Done, Note, Source, Task};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            // Help and version requests go to stdout and are not errors.
            return if e.use_stderr() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = match cli.command {
        Command::Extract(args) => extract(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("gleaner: error: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// Everything a worker needs to turn one input into an [`Outcome`].
struct Job {
    opts: Options,
    encoding: Option<String>,
    url: Option<String>,
    cap: usize,
    timeout: Duration,
    format: Format,
    several: bool,
    filter: Filter,
}

/// How one input ended.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Status {
    Article,
    /// Read, but no article: the rejection code.
    Rejected(&'static str),
    /// Could not be read or fetched.
    Failed,
}

/// One page's result, already rendered (rendering runs in the workers).
struct Outcome {
    source: String,
    /// What goes to a text-format output (for JSON formats also the failure records).
    body: Option<Vec<u8>>,
    /// The record, for Parquet output.
    record: Option<Record>,
    /// The failure message (for the text formats, printed on stderr).
    error: Option<String>,
    status: Status,
    /// Dropped by the filters.
    filtered: bool,
    /// Where it came from.
    origin: Origin,
}

/// Where an outcome came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// An HTML input (file, standard input, URL).
    Input,
    /// An HTML page in a WARC file.
    WarcPage,
    /// A WARC record that turned out to hold no page (counted, not written).
    WarcSkip(Skip),
    /// A bad WARC record, or a WARC input that cannot be read: an error record, always
    /// written and reported on stderr.
    WarcBad,
    /// A WARC input that cannot be read (like `WarcBad`, but no record).
    WarcUnreadable,
}

fn extract(args: ExtractArgs) -> Result<ExitCode> {
    let start = Instant::now();
    if let Some(label) = &args.encoding {
        if Options::default()
            .with_encoding(Some(label))
            .encoding()
            .is_none()
        {
            bail!("unknown encoding {label:?} (use a WHATWG label such as utf-8, windows-1252, shift_jis)");
        }
    }
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        bail!("--timeout must be a positive number of seconds");
    }
    let filter = Filter::new(
        &args.lang,
        &args.site,
        args.since.as_deref(),
        args.until.as_deref(),
    )?;
    let (inputs, several) = input::expand(&args.inputs);
    let sources: Vec<Source> = inputs
        .into_iter()
        .map(|i| {
            if matches!(i, Input::File(_) | Input::Stdin) && input::is_warc(&i) {
                Source::Warc(i)
            } else {
                Source::Page(i)
            }
        })
        .collect();
    let any_warc = sources.iter().any(|s| matches!(s, Source::Warc(_)));
    let several = several || any_warc;
    if args.url.is_some()
        && (several
            || !matches!(
                sources.as_slice(),
                [Source::Page(Input::File(_) | Input::Stdin)]
            ))
    {
        bail!("--url applies to a single HTML file or standard-input input");
    }
    let format = args
        .format
        .unwrap_or(if several { Format::Jsonl } else { Format::Txt });

    let mut opts = Options::default()
        .with_captions(args.captions)
        .with_tables(!args.no_tables);
    if let Some(n) = args.min_words {
        opts = opts.with_min_words(n);
    }
    if let Some(n) = args.max_bytes {
        opts = opts.with_max_bytes(n);
    }
    let job = Job {
        cap: opts.max_bytes(),
        opts,
        encoding: args.encoding.clone(),
        url: args.url.clone(),
        timeout: Duration::from_secs_f64(args.timeout),
        format,
        several,
        filter,
    };
    let threads = args.jobs.filter(|&n| n > 0).unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    });

    // Output: one sink, or one file per input in a directory.
    let dir = args.output.as_ref().filter(|p| p.is_dir()).cloned();
    let ext = if format == Format::Parquet {
        "parquet"
    } else {
        format_ext(format)
    };
    let paths = match &dir {
        Some(d) => pipeline::output_paths(&sources, d, ext),
        None => Vec::new(),
    };
    let done_already: Vec<bool> = paths.iter().map(|p| p.is_file()).collect();
    let single = match (&dir, &args.output) {
        (Some(_), _) => None,
        (None, Some(p)) => Some(
            Sink::new(
                Box::new(
                    std::fs::File::create(p)
                        .with_context(|| format!("cannot create {}", p.display()))?,
                ),
                format,
                several,
            )
            .with_context(|| format!("cannot write to {}", p.display()))?,
        ),
        (None, None) => Some(
            Sink::new(Box::new(io::stdout()), format, several)
                .context("cannot write to standard output")?,
        ),
    };

    let bytes: BytesRead = Arc::default();
    let progress =
        (several && !args.quiet && io::stderr().is_terminal()).then(|| progress_bar(&sources));
    let mut w = Writer {
        sink: single,
        dir_out: None,
        paths: paths.clone(),
        format,
        stats: Stats {
            resumed: done_already.iter().filter(|&&d| d).count(),
            ..Stats::default()
        },
        progress,
        bytes: bytes.clone(),
        start,
    };
    let skip = |i: usize| done_already.get(i).copied().unwrap_or(false);
    let max_record = job.cap as u64;
    let run = pipeline::run(
        &sources,
        threads,
        max_record,
        &skip,
        &bytes,
        |t| process(t, &job),
        |d| w.handle(d),
    );
    let run = run.and_then(|()| w.finish());
    if let Some(pb) = &w.progress {
        pb.finish_and_clear();
    }
    match run {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        Err(e) => {
            return Err(e).context(match (&args.output, &w.dir_out) {
                (_, Some((_, tmp, _))) => format!("cannot write to {}", tmp.display()),
                (Some(p), None) => format!("cannot write to {}", p.display()),
                (None, None) => "cannot write to standard output".to_string(),
            })
        }
    }

    if several && !args.quiet {
        eprintln!(
            "{}",
            w.stats
                .summary(start.elapsed(), any_warc, job.filter.active())
        );
    }
    Ok(if w.stats.errors > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// The output file extension of a format.
fn format_ext(f: Format) -> &'static str {
    match f {
        Format::Txt => "txt",
        Format::Json => "json",
        Format::Jsonl => "jsonl",
        Format::Markdown => "md",
        Format::Html => "html",
        Format::Parquet => "parquet",
    }
}

/// The progress bar: bytes of input read against the total size of the input files
/// (a spinner when it is unknown), pages written and pages/s.
fn progress_bar(sources: &[Source]) -> indicatif::ProgressBar {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    let mut total = Some(0u64);
    for s in sources {
        match s {
            Source::Page(Input::File(p)) | Source::Warc(Input::File(p)) => {
                let len = std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
                total = total.map(|t| t + len);
            }
            Source::Page(Input::Broken { .. }) => {}
            _ => total = None,
        }
    }
    let pb = match total {
        Some(t) => ProgressBar::with_draw_target(Some(t), ProgressDrawTarget::stderr()),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
    };
    let template = if total.is_some() {
        "{elapsed_precise} [{wide_bar}] {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}"
    } else {
        "{spinner} {elapsed_precise} {binary_bytes} {binary_bytes_per_sec} {msg}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        pb.set_style(style.progress_chars("=> "));
    }
    pb
}

/// Turns one task into an outcome (in a worker).
fn process(task: Task, job: &Job) -> Outcome {
    match task {
        Task::Page(input) => process_page(&input, job),
        Task::Warc(rec, file) => process_warc(*rec, &file, job),
        Task::BadRecord(e, file) => bad_outcome(error_record(&file, &e), job),
        Task::Unreadable(file, msg) => {
            let mut rec = Record::input_error(&*file, format!("{file}: {msg}"));
            rec.warc_file = Some(file.to_string());
            let mut o = bad_outcome(rec, job);
            o.origin = Origin::WarcUnreadable;
            o
        }
        Task::Note(_) | Task::Chunk(_) => {
            unreachable!("notes and stretches are handled by the pipeline")
        }
    }
}

/// Parses one WARC record's HTTP message and extracts its page.
fn process_warc(rec: WarcRecord, file: &str, job: &Job) -> Outcome {
    let page = match HtmlPage::from_record(rec, job.cap as u64) {
        Ok(Ok(page)) => page,
        Ok(Err(skip)) => {
            return Outcome {
                source: String::new(),
                body: None,
                record: None,
                error: None,
                status: Status::Rejected("skipped"),
                filtered: false,
                origin: Origin::WarcSkip(skip),
            }
        }
        Err(e) => return bad_outcome(error_record(file, &e), job),
    };
    let opts = job.opts.clone().with_encoding(job.encoding.as_deref());
    let record = page.extract(file, &opts);
    let body = match job.format {
        // Written from the record: no article to rebuild.
        Format::Json | Format::Jsonl | Format::Parquet => None,
        f => record.article().and_then(|a| render_text(f, &a)),
    };
    finish_outcome(record, body, job, Origin::WarcPage)
}

/// The outcome of a bad WARC record: its error record, never filtered out.
fn bad_outcome(record: Record, job: &Job) -> Outcome {
    finish_outcome(record, None, job, Origin::WarcBad)
}

/// The article rendered in a text format (`None` for the JSON and Parquet formats, which
/// are written from the record).
fn render_text(format: Format, article: &gleaner_extract::Article) -> Option<String> {
    match format {
        Format::Txt => Some(render::to_text(article)),
        Format::Markdown => Some(render::to_markdown(article)),
        Format::Html => Some(render::to_html(article)),
        Format::Json | Format::Jsonl | Format::Parquet => None,
    }
}

/// Reads one input, extracts it and renders the result in the chosen format.
fn process_page(inp: &Input, job: &Job) -> Outcome {
    let source = inp.source();
    let (record, result) = match input::load(inp, job.cap, job.timeout) {
        Err(LoadError::Failed(msg)) => (Record::input_error(source.as_str(), msg), None),
        Err(LoadError::TooLarge(msg)) => {
            let mut r = Record::input_error(source.as_str(), msg);
            r.error_kind = Some("too_large".into());
            (r, None)
        }
        Ok(page) => {
            let url = job.url.clone().or(page.url);
            let charset = job.encoding.as_deref().or(page.charset.as_deref());
            let opts = job.opts.clone().with_encoding(charset);
            let res = gleaner_extract::extract(&page.bytes, url.as_deref(), &opts);
            let body = res
                .as_ref()
                .ok()
                .and_then(|ex| render_text(job.format, &ex.article));
            let rec = Record::new(source.as_str(), res).with_fallback_url(url.as_deref());
            (rec, body)
        }
    };
    finish_outcome(record, result, job, Origin::Input)
}

fn finish_outcome(record: Record, rendered: Option<String>, job: &Job, origin: Origin) -> Outcome {
    let status = match record.error_kind.as_deref() {
        None => Status::Article,
        Some(gleaner_extract::record::INPUT_ERROR) => Status::Failed,
        Some(_) => Status::Rejected(rejection_code(record.error_kind.as_deref())),
    };
    let bad = matches!(origin, Origin::WarcBad | Origin::WarcUnreadable);
    let filtered = !bad && !job.filter.keep(&record);
    let body = match job.format {
        Format::Json | Format::Jsonl if !filtered => Some(render_json(&record, job)),
        Format::Json | Format::Jsonl | Format::Parquet => None,
        _ => rendered.map(String::into_bytes),
    };
    let error = record.error.clone();
    Outcome {
        source: record.source.clone(),
        body,
        record: (job.format == Format::Parquet && !filtered).then_some(record),
        error,
        status,
        filtered,
        origin,
    }
}

/// The static form of a rejection code (for counting).
fn rejection_code(kind: Option<&str>) -> &'static str {
    match kind {
        Some("empty") => "empty",
        Some("too_large") => "too_large",
        Some("not_html") => "not_html",
        Some("no_article") => "no_article",
        _ => "other",
    }
}

fn render_json(record: &Record, job: &Job) -> Vec<u8> {
    match job.format {
        Format::Json => {
            let pretty = serde_json::to_string_pretty(record).expect("a record always serialises");
            if job.several {
                // Indented one level inside the enclosing array.
                let mut s = String::with_capacity(pretty.len() + pretty.len() / 8);
                for (i, line) in pretty.lines().enumerate() {
                    if i > 0 {
                        s.push('\n');
                    }
                    s.push_str("  ");
                    s.push_str(line);
                }
                s.into_bytes()
            } else {
                pretty.into_bytes()
            }
        }
        _ => {
            // One allocation of about the right size: the text is written twice (`text`
            // and `blocks`), the other fields are short.
            let text = record.text.as_ref().map_or(0, String::len);
            let mut out = Vec::with_capacity(2 * text + 2048);
            json::write_compact(&mut out, record);
            out
        }
    }
}

/// Counts for the summary line.
#[derive(Debug, Default)]
struct Stats {
    /// Pages that are not from WARC files.
    inputs: usize,
    /// Pages from WARC files.
    warc_pages: usize,
    articles: usize,
    rejected: BTreeMap<&'static str, usize>,
    errors: usize,
    filtered: usize,
    warc_files: usize,
    warc: PageCounts,
    /// Inputs skipped because their output file exists.
    resumed: usize,
}

impl Stats {
    fn summary(&self, elapsed: Duration, warc: bool, filtering: bool) -> String {
        let secs = elapsed.as_secs_f64();
        let rejected: usize = self.rejected.values().sum();
        let pages = self.inputs + self.warc_pages;
        let mut s = String::from("gleaner: ");
        if warc {
            let w = &self.warc;
            let skipped = w.not_html + w.not_response + w.status;
            s.push_str(&format!(
                "{} WARC file{}, {} record{}, {} HTML, {} skipped (not_html: {}, not_response: {}, status: {}), ",
                self.warc_files,
                plural(self.warc_files),
                w.records,
                plural(w.records as usize),
                w.html,
                skipped,
                w.not_html,
                w.not_response,
                w.status
            ));
            if self.inputs > 0 {
                s.push_str(&format!(
                    "{} other input{}, ",
                    self.inputs,
                    plural(self.inputs)
                ));
            }
        } else {
            s.push_str(&format!("{} input{}, ", self.inputs, plural(self.inputs)));
        }
        s.push_str(&format!(
            "{} article{}, {} rejected",
            self.articles,
            plural(self.articles),
            rejected
        ));
        if rejected > 0 {
            let parts: Vec<String> = self
                .rejected
                .iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect();
            s.push_str(&format!(" ({})", parts.join(", ")));
        }
        if filtering {
            s.push_str(&format!(", {} filtered out", self.filtered));
        }
        if self.resumed > 0 {
            s.push_str(&format!(
                ", {} input{} already done",
                self.resumed,
                plural(self.resumed)
            ));
        }
        s.push_str(&format!(
            ", {} error{}, {:.2} s, {:.1} pages/s",
            self.errors,
            plural(self.errors),
            secs,
            if secs > 0.0 { pages as f64 / secs } else { 0.0 }
        ));
        s
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The writer side: writes outcomes in order, switches output files in `--output DIR`
/// mode, counts, and drives the progress bar.
struct Writer {
    /// The single output, when not in directory mode.
    sink: Option<Sink>,
    /// Directory mode: the current input's sink, temporary path and final path.
    dir_out: Option<(Sink, PathBuf, PathBuf)>,
    paths: Vec<PathBuf>,
    format: Format,
    stats: Stats,
    progress: Option<indicatif::ProgressBar>,
    bytes: BytesRead,
    start: Instant,
}

impl Writer {
    fn message(&self, msg: &str) {
        match &self.progress {
            Some(pb) => pb.suspend(|| eprintln!("gleaner: {msg}")),
            None => eprintln!("gleaner: {msg}"),
        }
    }

    fn handle(&mut self, d: Done<Outcome>) -> io::Result<()> {
        match d {
            Done::Item(o) => self.write(o),
            Done::Chunk { items, .. } => {
                // The pipeline unpacks stretches; should one arrive, its items are written.
                for o in items {
                    self.write(o)?;
                }
                Ok(())
            }
            Done::Note(Note::Begin(i)) => {
                if let Some(fin) = self.paths.get(i) {
                    let name = fin.file_name().map(|n| n.to_string_lossy().into_owned());
                    let tmp = fin.with_file_name(format!(
                        ".{}.partial",
                        name.unwrap_or_else(|| "out".into())
                    ));
                    let f = std::fs::File::create(&tmp)?;
                    let sink = Sink::new(Box::new(f), self.format, true)?;
                    self.dir_out = Some((sink, tmp, fin.clone()));
                }
                Ok(())
            }
            Done::Note(Note::End {
                counts, complete, ..
            }) => {
                if let Some(c) = counts {
                    // The reader's counts; pages, skips and bad records the workers found
                    // were counted as they were written. (The reader's bad records are
                    // counted when their error records are written.)
                    self.stats.warc_files += 1;
                    let w = &mut self.stats.warc;
                    w.records += c.records;
                    w.html += c.html;
                    w.not_response += c.not_response;
                    w.not_html += c.not_html;
                    w.status += c.status;
                }
                if let Some((sink, tmp, fin)) = self.dir_out.take() {
                    sink.finish()?;
                    if complete {
                        std::fs::rename(&tmp, &fin)?;
                    } else {
                        self.message(&format!(
                            "{} left incomplete (rerun to retry)",
                            tmp.display()
                        ));
                    }
                } else if let Some(s) = &mut self.sink {
                    s.flush()?;
                }
                Ok(())
            }
        }
    }

    fn write(&mut self, o: Outcome) -> io::Result<()> {
        match o.origin {
            Origin::Input => self.stats.inputs += 1,
            Origin::WarcPage => {
                self.stats.warc_pages += 1;
                self.stats.warc.records += 1;
                self.stats.warc.html += 1;
            }
            Origin::WarcSkip(skip) => {
                self.stats.warc.records += 1;
                match skip {
                    Skip::Status => self.stats.warc.status += 1,
                    Skip::NotResponse => self.stats.warc.not_response += 1,
                    _ => self.stats.warc.not_html += 1,
                }
                return Ok(());
            }
            Origin::WarcBad | Origin::WarcUnreadable => {
                if o.origin == Origin::WarcBad {
                    self.stats.warc.records += 1;
                }
                self.stats.warc.errors += 1;
                self.stats.errors += 1;
                // One line with the file and offset, whatever the output format.
                if let Some(e) = &o.error {
                    self.message(e);
                }
            }
        }
        match o.status {
            Status::Article => self.stats.articles += 1,
            Status::Rejected(code) => *self.stats.rejected.entry(code).or_default() += 1,
            Status::Failed if matches!(o.origin, Origin::WarcBad | Origin::WarcUnreadable) => {}
            Status::Failed => self.stats.errors += 1,
        }
        if o.filtered {
            self.stats.filtered += 1;
        }
        let text = matches!(self.format, Format::Txt | Format::Markdown | Format::Html);
        if text && !o.filtered && o.origin == Origin::Input {
            // Rejections inside WARC files are routine: only counted.
            if let Some(e) = &o.error {
                self.message(&format!("{}: {e}", o.source));
            }
        }
        if let Some(pb) = &self.progress {
            let pages = self.stats.inputs + self.stats.warc_pages;
            if pages % 32 == 0 {
                pb.set_position(self.bytes.load(Relaxed));
                let secs = self.start.elapsed().as_secs_f64().max(1e-3);
                pb.set_message(format!(
                    "{pages} pages, {} articles, {:.0} pages/s",
                    self.stats.articles,
                    pages as f64 / secs
                ));
            }
        }
        if o.filtered {
            return Ok(());
        }
        let sink = match (&mut self.dir_out, &mut self.sink) {
            (Some((s, _, _)), _) => s,
            (None, Some(s)) => s,
            (None, None) => return Ok(()),
        };
        sink.write(&o.source, o.body.as_deref(), o.record)
    }

    fn finish(&mut self) -> io::Result<()> {
        if let Some((sink, _, _)) = self.dir_out.take() {
            // Interrupted mid-input: the partial file keeps its temporary name, out of the
            // way of resumption.
            sink.finish()?;
        }
        match self.sink.take() {
            Some(s) => s.finish(),
            None => Ok(()),
        }
    }
}
