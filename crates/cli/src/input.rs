//! Inputs: expanding the command line into a list of pages, and reading or fetching each one.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use gleaner_warc::http::charset_param;

/// One page to extract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file on disk (gzip-compressed when its name ends in `.gz` or its bytes say so).
    File(PathBuf),
    /// Standard input.
    Stdin,
    /// An http(s) URL.
    Url(String),
    /// An input that could not even be listed (for example an unreadable directory).
    Broken {
        /// The path as given or found.
        source: String,
        /// What went wrong.
        error: String,
    },
}

impl Input {
    /// The input as shown in records and messages: the path, the URL, or `-`.
    pub fn source(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "-".to_string(),
            Input::Url(u) => u.clone(),
            Input::Broken { source, .. } => source.clone(),
        }
    }
}

/// Whether a command-line argument is a URL to fetch.
pub fn is_url(arg: &str) -> bool {
    let lower = arg.get(..8).unwrap_or(arg).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The command line expanded into pages, in order, plus whether that makes "several"
/// inputs (more than one argument, or any directory).
pub fn expand(args: &[String]) -> (Vec<Input>, bool) {
    let mut out = Vec::new();
    let mut several = args.len() > 1;
    for a in args {
        if a == "-" {
            out.push(Input::Stdin);
        } else if is_url(a) {
            out.push(Input::Url(a.clone()));
        } else {
            let p = PathBuf::from(a);
            if p.is_dir() {
                several = true;
                walk_dir(&p, &mut out);
            } else {
                // Missing or unreadable files are reported when they are read.
                out.push(Input::File(p));
            }
        }
    }
    (out, several)
}

/// Whether a file name found in a directory is a page (or WARC file) to extract.
fn is_page_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let base = lower.strip_suffix(".gz").unwrap_or(&lower);
    base.ends_with(".html") || base.ends_with(".htm") || base.ends_with(".warc")
}

/// Whether an input is a WARC file (or stream), by its first bytes: `WARC/`, or gzip data
/// that decompresses to `WARC/`. Unreadable inputs are not WARC (their error is reported
/// when they are read). For standard input the bytes are only peeked at (they stay in
/// the standard-input buffer for whoever reads it next).
pub fn is_warc(input: &Input) -> bool {
    use std::io::BufRead;
    match input {
        Input::File(p) => {
            let Ok(mut f) = File::open(p) else {
                return false;
            };
            let mut head = [0u8; 512];
            let mut n = 0;
            while n < head.len() {
                match f.read(&mut head[n..]) {
                    Ok(0) | Err(_) => break,
                    Ok(k) => n += k,
                }
            }
            gleaner_warc::sniff(&head[..n])
        }
        Input::Stdin => {
            let mut lock = io::stdin().lock();
            match lock.fill_buf() {
                Ok(b) => gleaner_warc::sniff(b),
                Err(_) => false,
            }
        }
        _ => false,
    }
}

/// Appends the pages below `dir` (recursively, sorted by path). Symbolic links to files are
/// followed, links to directories are not (no cycles).
fn walk_dir(dir: &Path, out: &mut Vec<Input>) {
    let mut files = Vec::new();
    let mut broken = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = match std::fs::read_dir(&d) {
            Ok(e) => e,
            Err(e) => {
                broken.push((d.clone(), format!("cannot read directory: {e}")));
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    broken.push((d.clone(), format!("cannot read directory: {e}")));
                    continue;
                }
            };
            let path = entry.path();
            let ft = match entry.file_type() {
                Ok(t) => t,
                Err(e) => {
                    broken.push((path, format!("cannot stat: {e}")));
                    continue;
                }
            };
            if ft.is_dir() {
                stack.push(path);
            } else if is_page_name(&entry.file_name().to_string_lossy())
                && (ft.is_file() || path.is_file())
            {
                files.push(path);
            }
        }
    }
    let mut all: Vec<(PathBuf, Option<String>)> = files.into_iter().map(|p| (p, None)).collect();
    all.extend(broken.into_iter().map(|(p, e)| (p, Some(e))));
    all.sort();
    out.extend(all.into_iter().map(|(p, e)| match e {
        None => Input::File(p),
        Some(error) => Input::Broken {
            source: p.display().to_string(),
            error,
        },
    }));
}

/// A page's bytes, read or downloaded.
#[derive(Debug)]
pub struct Page {
    /// The raw bytes (decompressed when the input was gzip).
    pub bytes: Vec<u8>,
    /// The page's address when known (final URL after redirects).
    pub url: Option<String>,
    /// The charset the transport declared (HTTP `Content-Type`).
    pub charset: Option<String>,
}

/// Why an input yielded no page bytes.
#[derive(Debug)]
pub enum LoadError {
    /// The input is larger than the byte limit (not read further).
    TooLarge(String),
    /// The input could not be read or fetched.
    Failed(String),
}

/// Reads or fetches one input, reading at most `cap` bytes (more is [`LoadError::TooLarge`]).
pub fn load(input: &Input, cap: usize, timeout: Duration) -> Result<Page, LoadError> {
    match input {
        Input::File(p) => load_file(p, cap),
        Input::Stdin => {
            let stdin = io::stdin().lock();
            let bytes = read_capped(stdin, cap).map_err(read_error)?;
            let bytes = maybe_gunzip(bytes, cap)?;
            Ok(Page {
                bytes,
                url: None,
                charset: None,
            })
        }
        Input::Url(u) => fetch(u, cap, timeout),
        Input::Broken { error, .. } => Err(LoadError::Failed(error.clone())),
    }
}

fn too_large(cap: usize, size: Option<u64>) -> LoadError {
    match size {
        Some(s) => LoadError::TooLarge(format!("input is {s} bytes, over the {cap}-byte limit")),
        None => LoadError::TooLarge(format!("input is over the {cap}-byte limit")),
    }
}

fn read_error(e: io::Error) -> LoadError {
    LoadError::Failed(format!("cannot read: {e}"))
}

/// Reads up to `cap` bytes; `Ok(None)` when there is more.
fn read_capped(r: impl Read, cap: usize) -> io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    r.take(cap as u64 + 1).read_to_end(&mut buf)?;
    Ok((buf.len() <= cap).then_some(buf))
}

fn load_file(p: &Path, cap: usize) -> Result<Page, LoadError> {
    let f = File::open(p).map_err(|e| LoadError::Failed(format!("cannot open: {e}")))?;
    let meta = f.metadata().map_err(read_error)?;
    if meta.is_dir() {
        return Err(LoadError::Failed("is a directory".into()));
    }
    let named_gz = p.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    let bytes = if named_gz {
        let dec = flate2::read::MultiGzDecoder::new(io::BufReader::new(f));
        read_capped(dec, cap)
            .map_err(|e| LoadError::Failed(format!("cannot decompress gzip data: {e}")))?
            .ok_or_else(|| too_large(cap, None))?
    } else {
        if meta.len() > cap as u64 {
            return Err(too_large(cap, Some(meta.len())));
        }
        maybe_gunzip(read_capped(f, cap).map_err(read_error)?, cap)?
    };
    Ok(Page {
        bytes,
        url: None,
        charset: None,
    })
}

/// Decompresses gzip data (recognised by its magic number), keeping at most `cap`
/// decompressed bytes. `bytes` is `None` when the raw input was over `cap`.
fn maybe_gunzip(bytes: Option<Vec<u8>>, cap: usize) -> Result<Vec<u8>, LoadError> {
    let Some(bytes) = bytes else {
        return Err(too_large(cap, None));
    };
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes);
    }
    let dec = flate2::read::MultiGzDecoder::new(&bytes[..]);
    read_capped(dec, cap)
        .map_err(|e| LoadError::Failed(format!("cannot decompress gzip data: {e}")))?
        .ok_or_else(|| too_large(cap, None))
}

/// The User-Agent sent with every request.
pub const USER_AGENT: &str = concat!(
    "gleaner/",
    env!("CARGO_PKG_VERSION"),
    " (+https://example.invalid/gleaner)"
);

/// Maximum number of redirects followed.
pub const MAX_REDIRECTS: usize = 10;

fn client(timeout: Duration) -> Result<&'static reqwest::blocking::Client, LoadError> {
    static CLIENT: OnceLock<Result<reqwest::blocking::Client, String>> = OnceLock::new();
    CLIENT
        .get_or_init(|| {
            reqwest::blocking::Client::builder()
                .user_agent(USER_AGENT)
                .timeout(timeout)
                .connect_timeout(timeout)
                .redirect(reqwest::redirect::Policy::limited(MAX_REDIRECTS))
                .build()
                .map_err(|e| format!("cannot set up the HTTP client: {}", error_chain(&e)))
        })
        .as_ref()
        .map_err(|e| LoadError::Failed(e.clone()))
}

/// The error and its causes, joined by `: `.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(c) = src {
        let m = c.to_string();
        if !s.contains(&m) {
            s.push_str(": ");
            s.push_str(&m);
        }
        src = c.source();
    }
    s
}

fn fetch(url: &str, cap: usize, timeout: Duration) -> Result<Page, LoadError> {
    let fail = |e: reqwest::Error| LoadError::Failed(format!("fetch failed: {}", error_chain(&e)));
    let resp = client(timeout)?.get(url).send().map_err(fail)?;
    let status = resp.status();
    if !status.is_success() {
        return Err(LoadError::Failed(format!("HTTP status {status}")));
    }
    let final_url = resp.url().to_string();
    if resp.content_length().is_some_and(|n| n > cap as u64) {
        return Err(too_large(cap, resp.content_length()));
    }
    let charset = resp
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(charset_param);
    let bytes = read_capped(resp, cap)
        .map_err(|e| LoadError::Failed(format!("fetch failed: {}", error_chain(&e))))?
        .ok_or_else(|| too_large(cap, None))?;
    Ok(Page {
        bytes,
        url: Some(final_url),
        charset,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_from_content_type() {
        assert_eq!(
            charset_param("text/html; charset=ISO-8859-1").as_deref(),
            Some("ISO-8859-1")
        );
        assert_eq!(
            charset_param("text/html;Charset=\"utf-8\"").as_deref(),
            Some("utf-8")
        );
        assert_eq!(charset_param("text/html"), None);
        assert_eq!(charset_param("text/html; charset="), None);
    }

    #[test]
    fn page_names() {
        assert!(is_page_name("a.html"));
        assert!(is_page_name("A.HTM"));
        assert!(is_page_name("a.html.gz"));
        assert!(!is_page_name("a.txt"));
        assert!(!is_page_name("a.gz"));
        assert!(is_page_name("CC-NEWS-1.warc.gz"));
        assert!(is_page_name("x.WARC"));
        assert!(!is_page_name("html"));
    }

    #[test]
    fn urls() {
        assert!(is_url("https://example.com/"));
        assert!(is_url("HTTP://example.com/"));
        assert!(!is_url("http.html"));
        assert!(!is_url("ftp://x"));
    }
}
