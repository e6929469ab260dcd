//! The `gleaner` command-line tool.
//!
//! ```text
//! gleaner extract page.html                    # the article as plain text
//! gleaner extract -f markdown https://...      # fetch a page, print Markdown
//! gleaner extract -j 8 crawl/ -o out.jsonl     # a directory tree, one JSON record per page
//! ```
//!
//! Exit status: 0 when every input was read (even if the extractor rejected some),
//! 1 on a usage error or when the output cannot be written, 2 when at least one input
//! could not be read or fetched at all.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::mpsc::sync_channel;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use clap::Parser;
use gleaner_extract::record::Record;
use gleaner_extract::{render, Options};
use rayon::prelude::*;

mod args;
mod input;

use args::{Cli, Command, ExtractArgs, Format};
use input::{Input, LoadError};

/// Inputs processed per parallel batch: output order is kept by collecting each batch in
/// order, and memory stays bounded by the batch size, whatever the number of inputs.
const CHUNK: usize = 256;

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

/// One input's result, already rendered (rendering runs in the workers).
struct Outcome {
    source: String,
    /// What goes to the output (for JSON formats also the failure records).
    body: Option<String>,
    /// The failure message (for the text formats, printed on stderr).
    error: Option<String>,
    status: Status,
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
    let (inputs, several) = input::expand(&args.inputs);
    if args.url.is_some()
        && (several || !matches!(inputs.as_slice(), [Input::File(_)] | [Input::Stdin]))
    {
        bail!("--url applies to a single file or standard-input input");
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
    };

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .thread_name(|i| format!("gleaner-{i}"))
        .build()
        .context("cannot start the worker threads")?;

    let sink: Box<dyn Write + Send> = match &args.output {
        Some(p) => Box::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        ),
        None => Box::new(io::stdout()),
    };
    let mut writer = Writer::new(io::BufWriter::with_capacity(1 << 16, sink), format, several);

    // Workers fill one batch while the writer thread prints the previous one.
    let written = std::thread::scope(|s| {
        let (tx, rx) = sync_channel::<Vec<Outcome>>(1);
        let handle = s.spawn(move || -> io::Result<Writer> {
            for batch in rx {
                for o in batch {
                    writer.write(o)?;
                }
                writer.out.flush()?;
            }
            writer.finish()?;
            Ok(writer)
        });
        for chunk in inputs.chunks(CHUNK) {
            let batch: Vec<Outcome> =
                pool.install(|| chunk.par_iter().map(|i| process(i, &job)).collect());
            if tx.send(batch).is_err() {
                break; // the writer stopped on an error
            }
        }
        drop(tx);
        handle.join()
    });
    let writer = match written {
        Ok(Ok(w)) => w,
        Ok(Err(e)) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        Ok(Err(e)) => {
            return Err(e).context(match &args.output {
                Some(p) => format!("cannot write to {}", p.display()),
                None => "cannot write to standard output".to_string(),
            })
        }
        Err(_) => bail!("the output thread panicked"),
    };

    if several && !args.quiet {
        eprintln!("{}", writer.stats.summary(start.elapsed()));
    }
    Ok(if writer.stats.errors > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Reads one input, extracts it and renders the result in the chosen format.
fn process(inp: &Input, job: &Job) -> Outcome {
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
            let body = match (&res, job.format) {
                (Ok(ex), Format::Txt) => Some(render::to_text(&ex.article)),
                (Ok(ex), Format::Markdown) => Some(render::to_markdown(&ex.article)),
                (Ok(ex), Format::Html) => Some(render::to_html(&ex.article)),
                _ => None,
            };
            let rec = Record::new(source.as_str(), res).with_fallback_url(url.as_deref());
            (rec, body)
        }
    };
    let status = match record.error_kind.as_deref() {
        None => Status::Article,
        Some(gleaner_extract::record::INPUT_ERROR) => Status::Failed,
        Some(_) => Status::Rejected(rejection_code(record.error_kind.as_deref())),
    };
    let body = match job.format {
        Format::Json | Format::Jsonl => Some(render_json(&record, job)),
        _ => result,
    };
    Outcome {
        source,
        body,
        error: record.error,
        status,
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

fn render_json(record: &Record, job: &Job) -> String {
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
                s
            } else {
                pretty
            }
        }
        _ => serde_json::to_string(record).expect("a record always serialises"),
    }
}

/// Counts for the summary line.
#[derive(Debug, Default)]
struct Stats {
    inputs: usize,
    articles: usize,
    rejected: BTreeMap<&'static str, usize>,
    errors: usize,
}

impl Stats {
    fn summary(&self, elapsed: Duration) -> String {
        let secs = elapsed.as_secs_f64();
        let rejected: usize = self.rejected.values().sum();
        let mut s = format!(
            "gleaner: {} input{}, {} article{}, {} rejected",
            self.inputs,
            plural(self.inputs),
            self.articles,
            plural(self.articles),
            rejected
        );
        if rejected > 0 {
            let parts: Vec<String> = self
                .rejected
                .iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect();
            s.push_str(&format!(" ({})", parts.join(", ")));
        }
        s.push_str(&format!(
            ", {} error{}, {:.2} s, {:.1} pages/s",
            self.errors,
            plural(self.errors),
            secs,
            if secs > 0.0 {
                self.inputs as f64 / secs
            } else {
                0.0
            }
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

/// Writes outcomes in order, with the separators the format needs.
struct Writer {
    out: io::BufWriter<Box<dyn Write + Send>>,
    format: Format,
    several: bool,
    /// Whether any output has been written yet.
    wrote: bool,
    stats: Stats,
}

impl Writer {
    fn new(out: io::BufWriter<Box<dyn Write + Send>>, format: Format, several: bool) -> Self {
        Writer {
            out,
            format,
            several,
            wrote: false,
            stats: Stats::default(),
        }
    }

    fn write(&mut self, o: Outcome) -> io::Result<()> {
        self.stats.inputs += 1;
        match o.status {
            Status::Article => self.stats.articles += 1,
            Status::Rejected(code) => *self.stats.rejected.entry(code).or_default() += 1,
            Status::Failed => self.stats.errors += 1,
        }
        let json = matches!(self.format, Format::Json | Format::Jsonl);
        if !json {
            if let Some(e) = &o.error {
                eprintln!("gleaner: {}: {e}", o.source);
            }
        }
        let Some(body) = o.body else { return Ok(()) };
        match self.format {
            Format::Jsonl => writeln!(self.out, "{body}")?,
            Format::Json if self.several => {
                self.out
                    .write_all(if self.wrote { b",\n" } else { b"[\n" })?;
                self.out.write_all(body.as_bytes())?;
            }
            Format::Json => writeln!(self.out, "{body}")?,
            Format::Txt if self.several => {
                if self.wrote {
                    self.out.write_all(b"\n")?;
                }
                writeln!(self.out, "==> {} <==", o.source)?;
                self.out.write_all(body.as_bytes())?;
            }
            Format::Markdown | Format::Html if self.several => {
                if self.wrote {
                    self.out.write_all(b"\n")?;
                }
                writeln!(
                    self.out,
                    "<!-- gleaner: {} -->",
                    o.source.replace("--", "- -")
                )?;
                self.out.write_all(body.as_bytes())?;
            }
            Format::Txt | Format::Markdown | Format::Html => self.out.write_all(body.as_bytes())?,
        }
        self.wrote = true;
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        if self.format == Format::Json && self.several {
            self.out
                .write_all(if self.wrote { b"\n]\n" } else { b"[]\n" })?;
        }
        self.out.flush()
    }
}
