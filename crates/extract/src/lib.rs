//! gleaner-extract: turn one news web page into the article it carries, and nothing else.
//!
//! ```
//! let html = b"<html><head><title>Rain due | Daily</title></head><body>
//!   <nav><a href='/'>Home</a> <a href='/world'>World</a></nav>
//!   <article><h1>Rain due</h1>
//!   <p>Forecasters expect heavy rain across the region on Tuesday, with flooding possible in
//!   low-lying areas near the river, officials said on Monday evening.</p>
//!   <p>Residents were advised to keep drains clear and to avoid driving through standing water.</p>
//!   </article><footer>Copyright Daily</footer></body></html>";
//! let out = gleaner_extract::extract(html, None, &gleaner_extract::Options::default()).unwrap();
//! assert_eq!(out.article.title.as_deref(), Some("Rain due"));
//! assert!(out.article.text().starts_with("Forecasters expect heavy rain"));
//! assert!(!out.article.text().contains("Copyright"));
//! ```
//!
//! The work happens in named stages over one tree (see `ARCHITECTURE.md`):
//! decode (bytes to text), parse (text to [`dom::Dom`]), metadata, main-content
//! selection, block conversion. Every output format serialises the resulting [`Block`] list.

pub mod article;
pub mod decode;
pub mod dom;
pub mod error;
mod jsonld;
mod main_content;
mod metadata;
pub mod options;
pub mod record;
pub mod render;
pub mod text;

pub use article::{Article, Block, DateProvenance, DateSource, Extracted, PageType, Warning};
pub use error::Rejection;
pub use options::Options;

#[doc(hidden)]
pub use main_content::TrainingBlock;

/// Extracts the article from a page given as raw bytes in any charset.
///
/// `url` is the page's address when known (used to resolve the canonical URL).
/// The charset is chosen in this order: byte-order mark, [`Options::with_encoding`]
/// (the transport charset), `<meta charset>`, then detection.
pub fn extract(html: &[u8], url: Option<&str>, opts: &Options) -> Result<Extracted, Rejection> {
    if html.len() > opts.max_bytes {
        return Err(Rejection::TooLarge {
            size: html.len(),
            limit: opts.max_bytes,
        });
    }
    if html.iter().all(u8::is_ascii_whitespace) {
        return Err(Rejection::Empty);
    }
    let encoding = decode::sniff(html, opts.encoding);
    if encoding != encoding_rs::UTF_16LE && encoding != encoding_rs::UTF_16BE {
        if let Some(reason) = binary_signature(html) {
            return Err(Rejection::NotHtml { reason });
        }
    }
    let (text, used, malformed) = encoding.decode(html);
    if is_blank(&text) {
        return Err(Rejection::Empty);
    }
    let mut out = extract_text(&text, url, opts)?;
    out.encoding = used.name();
    if malformed {
        out.warnings.push(Warning::MalformedEncoding);
    }
    Ok(out)
}

/// For the model-training tools: every text block of the page's body with the feature
/// vector the learned block selection sees (names: [`training_feature_names`]).
#[doc(hidden)]
pub fn training_blocks(html: &str, url: Option<&str>, opts: &Options) -> Vec<TrainingBlock> {
    let (dom, _) = parse(html, opts);
    let meta = metadata::extract(&dom, url, opts.reference_time);
    main_content::training_blocks(&dom, &meta, opts)
}

/// The names of the features of a [`TrainingBlock`], in order (for the training tools).
#[doc(hidden)]
pub fn training_feature_names() -> &'static [&'static str] {
    main_content::feature_names()
}

/// Extracts the article from a page that is already decoded text.
pub fn extract_str(html: &str, url: Option<&str>, opts: &Options) -> Result<Extracted, Rejection> {
    if html.len() > opts.max_bytes {
        return Err(Rejection::TooLarge {
            size: html.len(),
            limit: opts.max_bytes,
        });
    }
    if is_blank(html) {
        return Err(Rejection::Empty);
    }
    extract_text(html, url, opts)
}

fn extract_text(html: &str, url: Option<&str>, opts: &Options) -> Result<Extracted, Rejection> {
    if !looks_like_markup(html) {
        return Err(Rejection::NotHtml {
            reason: "no markup found",
        });
    }
    let (dom, report) = parse(html, opts);
    let mut warnings = Vec::new();
    if report.depth_limited {
        warnings.push(Warning::DepthLimit);
    }
    if report.node_limited {
        warnings.push(Warning::NodeLimit);
    }
    let meta = metadata::extract(&dom, url, opts.reference_time);
    let blocks = main_content::extract(&dom, &meta, opts);
    let structured = jsonld::article_body(&meta.ld);
    let blocks = match main_content::prefer_structured_body(blocks, structured, &meta) {
        Ok(blocks) => blocks,
        // The page holds no article, but what it says about itself is still worth
        // keeping (an archive wants the date and title of a page it could not read).
        Err(r) => return Err(r.with_page(article_from(meta, Vec::new()))),
    };
    let mut article = article_from(meta, blocks);
    if !main_content::enough_text(&dom, article.title.as_deref(), opts, &article.blocks) {
        article.blocks.clear();
        return Err(Rejection::no_article("too little text").with_page(article));
    }
    Ok(Extracted {
        article,
        encoding: "UTF-8",
        warnings,
    })
}

/// Builds the article from the metadata and the body, deciding the language from the
/// body text (the declared language is a hint).
fn article_from(meta: metadata::Meta, blocks: Vec<Block>) -> Article {
    let mut body = String::new();
    for b in &blocks {
        if body.len() >= 4096 {
            break;
        }
        body.push_str(&b.text());
        body.push('\n');
    }
    Article {
        title: meta.title,
        authors: meta.authors,
        published: meta.published,
        language: metadata::choose_language(meta.language.as_deref(), &body),
        site_name: meta.site_name,
        url: meta.url,
        blocks,
        modified: meta.modified,
        date_source: DateProvenance::new(meta.published_source, meta.modified_source),
        description: meta.description,
        categories: meta.categories,
        tags: meta.tags,
        image: meta.image,
        page_type: meta.page_type,
    }
}

/// Runs only the metadata stage (and the language decision on `body`) on a parsed page.
/// For benchmarks that measure metadata's share of extraction time; not a stable API.
#[doc(hidden)]
pub fn metadata_stage(dom: &dom::Dom, url: Option<&str>, opts: &Options, body: &str) -> Article {
    let meta = metadata::extract(dom, url, opts.reference_time);
    let language = metadata::choose_language(meta.language.as_deref(), body);
    let mut a = article_from(meta, Vec::new());
    a.language = language;
    a
}

/// The parse stage with the tree limits of `opts`.
fn parse(html: &str, opts: &Options) -> (dom::Dom, dom::ParseReport) {
    dom::parse(
        html,
        dom::Limits {
            max_depth: opts.max_depth,
            max_nodes: opts.max_nodes,
        },
    )
}

/// Recognises common binary formats by their first bytes, and other binary data by NUL bytes.
fn binary_signature(b: &[u8]) -> Option<&'static str> {
    const SIGS: &[(&[u8], &str)] = &[
        (b"%PDF", "PDF document"),
        (b"\x89PNG", "PNG image"),
        (b"GIF8", "GIF image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"\x1F\x8B", "gzip data (decompress it first)"),
        (b"RIFF", "RIFF media"),
        (b"\x7FELF", "executable"),
        (b"WARC/", "WARC file (use a WARC input)"),
    ];
    for (sig, what) in SIGS {
        if b.starts_with(sig) {
            return Some(what);
        }
    }
    let head = &b[..b.len().min(4096)];
    let nuls = head.iter().filter(|&&c| c == 0).count();
    if nuls * 50 > head.len().max(1) {
        return Some("binary data");
    }
    None
}

/// Only whitespace (any Unicode space) and byte-order marks.
fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || c == '\u{feff}')
}

/// Text with no `<tag` in it at all is not a web page.
fn looks_like_markup(s: &str) -> bool {
    let b = s.as_bytes();
    let mut pos = 0;
    while let Some(off) = memchr::memchr(b'<', &b[pos..]) {
        let i = pos + off;
        if b.get(i + 1)
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'!')
        {
            return true;
        }
        pos = i + 1;
    }
    false
}
