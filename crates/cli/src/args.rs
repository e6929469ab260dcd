//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// gleaner: extract the article (headline, byline, date, clean body text) from news web pages.
#[derive(Debug, Parser)]
#[command(name = "gleaner", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract articles from HTML files, directories, standard input or URLs.
    #[command(after_long_help = EXTRACT_HELP)]
    Extract(ExtractArgs),
}

const EXTRACT_HELP: &str = "\
Inputs:
  FILE        an HTML file (any name; gzip-compressed files are decompressed)
  DIRECTORY   every *.html, *.htm, *.html.gz, *.htm.gz file below it, in sorted order
  -           standard input
  URL         an http:// or https:// address, fetched (redirects followed, charset from
              the Content-Type header, the final address used as the page URL)
  WARC        a WARC file or stream (.warc, .warc.gz with one gzip member per record, or
              `-`), recognised by its content: every HTML page in it (response records
              whose HTTP Content-Type is HTML or missing, status 2xx, and resource or
              conversion records holding HTML) is extracted, with the charset from the
              HTTP header, the URL from WARC-Target-URI and the capture time from
              WARC-Date; other records are skipped and counted; a bad record is reported
              on standard error (file and offset) and skipped. Records get warc_file,
              warc_record_id and captured.

Output: txt for a single page, jsonl for several (a directory or a WARC file counts as
several); parquet writes Apache Parquet (the same schema; blocks as a JSON string).
With --output DIR (an existing directory) and several inputs, each input gets its own
output file DIR/<name>.jsonl (or .parquet), written to a temporary file and renamed
when complete; a rerun skips inputs whose output file exists, so an interrupted job
resumes where it stopped.
Filters (--lang, --site, --since, --until) keep only articles that match all of them.
Batch runs are parallel but keep the input order. A failed input (unreadable, fetch
error, no article) becomes a record with `source`, `error` and `error_kind` in the
JSON formats, and a message on standard error in the others. Batch runs end with a
summary line on standard error (inputs, articles, rejections by reason, errors, speed).

Exit status:
  0  every input was read (even if the extractor rejected some of them)
  1  usage error, or the output could not be written
  2  at least one input could not be read or fetched at all";

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Plain text: title, date, body paragraphs separated by blank lines.
    Txt,
    /// One pretty-printed JSON record (a JSON array of them for several inputs).
    Json,
    /// One JSON record per line.
    Jsonl,
    /// Markdown.
    #[value(alias = "md")]
    Markdown,
    /// A clean standalone HTML document.
    Html,
    /// Apache Parquet: one row per record, the JSON record schema (zstd-compressed).
    Parquet,
}

/// Arguments of `gleaner extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files, directories, `-` (standard input) or http(s) URLs.
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<String>,

    /// Output format [default: txt for one input, jsonl for several].
    #[arg(short, long, value_enum)]
    pub format: Option<Format>,

    /// Worker threads [default: all cores].
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Character encoding of the input (a WHATWG label such as `windows-1252`); overrides
    /// the HTTP charset, `<meta charset>` and detection (a byte-order mark still wins).
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,

    /// The page's URL, for a single file or standard-input input (resolves relative
    /// canonical links and fills the `url` field).
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// Keep image and figure captions in the body.
    #[arg(long)]
    pub captions: bool,

    /// Drop data tables from the body.
    #[arg(long)]
    pub no_tables: bool,

    /// Reject bodies with fewer words than this [default: 10].
    #[arg(long, value_name = "N")]
    pub min_words: Option<usize>,

    /// Reject inputs larger than this many bytes; at most this much is read from a file,
    /// a decompressed stream or a download [default: 67108864 (64 MiB)].
    #[arg(long, value_name = "N")]
    pub max_bytes: Option<usize>,

    /// Timeout for fetching a URL, in seconds (connection to end of body).
    #[arg(long, value_name = "SECS", default_value_t = 30.0)]
    pub timeout: f64,

    /// Write the output to FILE instead of standard output; with an existing directory,
    /// one output file per input (atomic, resumable).
    #[arg(short, long, value_name = "FILE|DIR")]
    pub output: Option<PathBuf>,

    /// Do not print the progress bar or the summary line that ends a batch run.
    #[arg(short, long)]
    pub quiet: bool,

    /// Keep only articles in these languages (comma-separated primary subtags: `en,de`).
    #[arg(long, value_name = "LANGS", value_delimiter = ',')]
    pub lang: Vec<String>,

    /// Keep only articles from these sites (comma-separated hosts; a host also matches its
    /// subdomains: `example.com` keeps `www.example.com`).
    #[arg(long, value_name = "HOSTS", value_delimiter = ',')]
    pub site: Vec<String>,

    /// Keep only articles published on or after this date (YYYY-MM-DD); articles without a
    /// publication date are dropped.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// Keep only articles published on or before this date (YYYY-MM-DD); articles without
    /// a publication date are dropped.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}
