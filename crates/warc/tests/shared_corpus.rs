//! Reads the small real WARC files in `../shared/corpus/warc/` (skipped, with a visible
//! message, when they are absent).

use std::path::PathBuf;

use gleaner_warc::{WarcError, WarcReader};

fn warc_dir() -> Option<PathBuf> {
    let base = match std::env::var_os("GLEANER_SHARED") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    };
    let d = base.join("corpus/warc");
    d.is_dir().then_some(d)
}

/// (file, records, HTML pages, errors). Record counts agree with
/// `zcat FILE | grep -ac '^WARC/'`; HTML pages are the 2xx responses with an HTML or
/// missing Content-Type, counted independently with Python's zlib.
const EXPECTED: &[(&str, u64, u64, u64)] = &[
    ("jwarc_cc.warc.gz", 1, 1, 0),
    // One response record whose gzip member is cut short: reported, nothing else there.
    ("resiliparse_clipped.warc.gz", 1, 0, 1),
    // WARC/0.18, HTTP headers with bare LF, Content-Encoding: gzip on plain bytes,
    // unparsable WARC-Date.
    ("resiliparse_clueweb-quirk.warc.gz", 30, 29, 0),
    ("resiliparse_warcfile.warc.gz", 50, 16, 0),
    ("ukwa_govuk_BL-20140325121225068.warc.gz", 190, 32, 0),
    ("warcio_example.warc.gz", 6, 1, 0),
];

#[test]
fn shared_warc_files_read_correctly() {
    let Some(dir) = warc_dir() else {
        eprintln!("SKIPPED: ../shared/corpus/warc not found (set GLEANER_SHARED)");
        return;
    };
    let opts = gleaner_extract::Options::default();
    for &(name, records, html, errors) in EXPECTED {
        let path = dir.join(name);
        if !path.exists() {
            eprintln!("SKIPPED: {} not found", path.display());
            continue;
        }
        let mut pages = WarcReader::open(&path).unwrap().html_pages();
        let mut articles = 0;
        let mut errs: Vec<WarcError> = Vec::new();
        for p in pages.by_ref() {
            match p {
                Ok(page) => {
                    assert!(page.target_uri.is_some(), "{name}: page without URI");
                    assert!(page.record_id.is_some(), "{name}: page without record id");
                    assert!(!page.body().is_empty(), "{name}: empty page");
                    let rec = page.extract(name, &opts);
                    assert_eq!(rec.warc_file.as_deref(), Some(name));
                    articles += usize::from(rec.is_article());
                }
                Err(e) => errs.push(e),
            }
        }
        let c = pages.counts();
        assert_eq!(
            (c.records, c.html, c.errors),
            (records, html, errors),
            "{name}: {c:?} {errs:?}"
        );
        eprintln!("{name}: {c:?}, {articles} articles");
        if name == "resiliparse_clipped.warc.gz" {
            assert_eq!(errs[0].offset(), 0);
            assert!(matches!(errs[0], WarcError::Gzip { .. }), "{:?}", errs[0]);
        }
        if name == "resiliparse_clueweb-quirk.warc.gz" || name == "jwarc_cc.warc.gz" {
            assert!(articles > 0, "{name}: no article extracted");
        }
    }
}

#[test]
fn clueweb_quirks_decode() {
    let Some(dir) = warc_dir() else {
        eprintln!("SKIPPED: ../shared/corpus/warc not found (set GLEANER_SHARED)");
        return;
    };
    let path = dir.join("resiliparse_clueweb-quirk.warc.gz");
    if !path.exists() {
        eprintln!("SKIPPED: {} not found", path.display());
        return;
    }
    let page = WarcReader::open(&path)
        .unwrap()
        .html_pages()
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(page.http_charset.as_deref(), Some("EUC-JP"));
    assert_eq!(page.date.as_deref(), Some("2008-10-294T05:21:46-0700"));
    assert_eq!(page.captured, None);
    assert!(page.body().starts_with(b"<html>"));
}
