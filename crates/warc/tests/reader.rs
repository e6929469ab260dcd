//! WARC reader tests on small fixtures generated here.

use std::io::Write;

use gleaner_warc::{HtmlPage, WarcError, WarcReader, WarcRecord};

/// One WARC record, serialised: version line, fields, `Content-Length` (unless
/// `length` overrides it), blank line, block, separator.
fn record(ty: &str, uri: &str, id: u32, block: &[u8], length: Option<&str>) -> Vec<u8> {
    let ct = match ty {
        "response" => "application/http; msgtype=response",
        "request" => "application/http; msgtype=request",
        _ => "text/html",
    };
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {ty}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-05T08:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{id:012}>\r\nContent-Type: {ct}\r\n\
         Content-Length: {}\r\n\r\n",
        length.map_or(block.len().to_string(), str::to_string)
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(headers: &str, body: &[u8]) -> Vec<u8> {
    let mut m = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
    m.extend_from_slice(body);
    m
}

fn page(n: u32) -> Vec<u8> {
    format!(
        "<html><head><title>Story {n}</title></head><body><article><h1>Story {n}</h1>\
         <p>The council met on Tuesday evening to discuss the new bridge, story number {n}, \
         and agreed to fund repairs before the winter.</p>\
         <p>Residents welcomed the decision, saying the crossing had been closed for too long.</p>\
         </article></body></html>"
    )
    .into_bytes()
}

fn response(n: u32) -> Vec<u8> {
    record(
        "response",
        &format!("http://example.com/{n}"),
        n,
        &http("Content-Type: text/html; charset=utf-8\r\n", &page(n)),
        None,
    )
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// Gzips each record as its own member.
fn gz_members(records: &[Vec<u8>]) -> Vec<u8> {
    records.iter().flat_map(|r| gz(r)).collect()
}

fn read_all(data: &[u8]) -> Vec<Result<WarcRecord, WarcError>> {
    WarcReader::new(data).unwrap().collect()
}

fn uris(results: &[Result<WarcRecord, WarcError>]) -> Vec<String> {
    results
        .iter()
        .map(|r| match r {
            Ok(rec) => rec.target_uri().unwrap_or("?").to_string(),
            Err(e) => format!("ERR@{}", e.offset()),
        })
        .collect()
}

#[test]
fn plain_and_gzip_read_the_same_records() {
    let recs: Vec<Vec<u8>> = (0..5).map(response).collect();
    let plain: Vec<u8> = recs.concat();
    let a = read_all(&plain);
    let b = read_all(&gz_members(&recs));
    let c = read_all(&gz(&plain)); // one member for the whole file
    assert_eq!(
        uris(&a),
        (0..5)
            .map(|n| format!("http://example.com/{n}"))
            .collect::<Vec<_>>()
    );
    for other in [&b, &c] {
        assert_eq!(other.len(), 5);
        for (x, y) in a.iter().zip(other.iter()) {
            let (x, y) = (x.as_ref().unwrap(), y.as_ref().unwrap());
            assert_eq!((&x.headers, &x.block), (&y.headers, &y.block));
        }
    }
    // Offsets: exact in plain files, member offsets in gzip files.
    let mut off = 0;
    for (r, raw) in a.iter().zip(&recs) {
        assert_eq!(r.as_ref().unwrap().offset, off);
        off += raw.len() as u64;
    }
    let mut off = 0;
    for (r, raw) in b.iter().zip(&recs) {
        assert_eq!(r.as_ref().unwrap().offset, off);
        off += gz(raw).len() as u64;
    }
    let r0 = a[0].as_ref().unwrap();
    assert_eq!(r0.version, "WARC/1.0");
    assert_eq!(r0.record_type().as_deref(), Some("response"));
    assert_eq!(r0.date(), Some("2024-03-05T08:00:00Z"));
    assert!(r0.block.starts_with(b"HTTP/1.1 200 OK\r\n"));
}

#[test]
fn html_pages_skip_and_count_the_rest() {
    let recs = vec![
        record("warcinfo", "", 1, b"software: test\r\n", None),
        record(
            "request",
            "http://example.com/1",
            2,
            b"GET / HTTP/1.1\r\n\r\n",
            None,
        ),
        response(3),
        record(
            "response",
            "http://example.com/img",
            4,
            &http("Content-Type: image/png\r\n", b"\x89PNG...."),
            None,
        ),
        record(
            "response",
            "http://example.com/gone",
            5,
            &b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>gone"[..],
            None,
        ),
        record("resource", "http://example.com/6", 6, &page(6), None),
        record(
            "response",
            "http://example.com/7",
            7,
            &http("", &page(7)), // no Content-Type: taken
            None,
        ),
    ];
    let data = gz_members(&recs);
    let mut pages = WarcReader::new(&data[..]).unwrap().html_pages();
    let got: Vec<HtmlPage> = pages.by_ref().map(Result::unwrap).collect();
    let got_uris: Vec<_> = got.iter().map(|p| p.target_uri.clone().unwrap()).collect();
    assert_eq!(
        got_uris,
        [
            "http://example.com/3",
            "http://example.com/6",
            "http://example.com/7"
        ]
    );
    let c = pages.counts();
    assert_eq!(
        (
            c.records,
            c.html,
            c.not_response,
            c.not_html,
            c.status,
            c.errors
        ),
        (7, 3, 2, 1, 1, 0)
    );
    assert_eq!(got[0].http_charset.as_deref(), Some("utf-8"));
    assert_eq!(got[0].captured, Some(1_709_625_600));
    assert_eq!(got[0].body(), page(3));
    assert_eq!(got[1].body(), page(6));

    let rec = got[0].extract("crawl.warc.gz", &gleaner_extract::Options::default());
    assert_eq!(rec.source, "http://example.com/3");
    assert_eq!(rec.url.as_deref(), Some("http://example.com/3"));
    assert_eq!(rec.title.as_deref(), Some("Story 3"));
    assert!(rec.error.is_none(), "{:?}", rec.error);
    assert_eq!(rec.warc_file.as_deref(), Some("crawl.warc.gz"));
    assert_eq!(
        rec.warc_record_id.as_deref(),
        Some("<urn:uuid:00000000-0000-0000-0000-000000000003>")
    );
    assert_eq!(rec.captured.as_deref(), Some("2024-03-05T08:00:00Z"));
}

#[test]
fn http_charset_reaches_the_extractor() {
    let body = "<html><head><title>Caf\u{e9}</title></head><body><article><p>Caf\u{e9} cr\u{e8}me \
                et cr\u{ea}pes servis toute la journ\u{e9}e dans le vieux quartier de la ville, \
                dit le patron.</p></article></body></html>";
    let latin1: Vec<u8> = body.chars().map(|c| c as u32 as u8).collect();
    let data = record(
        "response",
        "http://example.com/fr",
        1,
        &http("Content-Type: text/html; charset=ISO-8859-1\r\n", &latin1),
        None,
    );
    let p = WarcReader::new(&data[..])
        .unwrap()
        .html_pages()
        .next()
        .unwrap()
        .unwrap();
    let rec = p.extract("x.warc", &gleaner_extract::Options::default());
    assert!(
        rec.text
            .as_deref()
            .unwrap()
            .contains("Caf\u{e9} cr\u{e8}me"),
        "{:?}",
        rec.text
    );
}

#[test]
fn chunked_and_gzip_payloads_are_decoded() {
    let html = page(1);
    let mut chunked = Vec::new();
    for part in html.chunks(50) {
        chunked.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
        chunked.extend_from_slice(part);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let recs = [
        record(
            "response",
            "http://example.com/chunked",
            1,
            &http(
                "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
                &chunked,
            ),
            None,
        ),
        record(
            "response",
            "http://example.com/gzip",
            2,
            &http(
                "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
                &gz(&html),
            ),
            None,
        ),
    ];
    let pages: Vec<HtmlPage> = WarcReader::new(&recs.concat()[..])
        .unwrap()
        .html_pages()
        .map(Result::unwrap)
        .collect();
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[0].body(), html);
    assert_eq!(pages[1].body(), html);
}

#[test]
fn truncated_gzip_member_is_reported_and_the_rest_read() {
    let recs: Vec<Vec<u8>> = (0..4).map(response).collect();
    let members: Vec<Vec<u8>> = recs.iter().map(|r| gz(r)).collect();
    // Member 1 cut in half, in the middle of the file.
    let mut data = members[0].clone();
    let bad_at = data.len() as u64;
    data.extend_from_slice(&members[1][..members[1].len() / 2]);
    data.extend_from_slice(&members[2]);
    data.extend_from_slice(&members[3]);
    let got = read_all(&data);
    let u = uris(&got);
    assert_eq!(u[0], "http://example.com/0");
    assert_eq!(u[1], format!("ERR@{bad_at}"));
    assert!(
        matches!(got[1], Err(WarcError::Gzip { .. })),
        "{:?}",
        got[1]
    );
    assert_eq!(&u[2..], ["http://example.com/2", "http://example.com/3"]);

    // The file ends mid-record.
    let mut data = members[0].clone();
    data.extend_from_slice(&members[1][..members[1].len() - 30]);
    let u = uris(&read_all(&data));
    assert_eq!(
        u,
        vec!["http://example.com/0".to_string(), format!("ERR@{bad_at}")]
    );
}

#[test]
fn plain_file_ending_mid_record() {
    let mut data = response(0);
    let r1 = response(1);
    let at = data.len() as u64;
    data.extend_from_slice(&r1[..r1.len() - 100]);
    let got = read_all(&data);
    assert_eq!(got.len(), 2);
    assert!(
        matches!(got[1], Err(WarcError::Truncated { offset, .. }) if offset == at),
        "{:?}",
        got[1]
    );
}

#[test]
fn lying_content_length() {
    for gzip in [false, true] {
        let short = record(
            "response",
            "http://example.com/short",
            1,
            &http("", &page(1)),
            Some("100"),
        );
        let long = record(
            "response",
            "http://example.com/long",
            2,
            &http("", &page(2)),
            Some("900000"),
        );
        let recs = vec![response(0), short, response(3), long, response(4)];
        let data = if gzip {
            gz_members(&recs)
        } else {
            recs.concat()
        };
        let got = read_all(&data);
        let u = uris(&got);
        let errs: Vec<&WarcError> = got.iter().filter_map(|r| r.as_ref().err()).collect();
        assert!(
            u.contains(&"http://example.com/0".to_string()),
            "{gzip}: {u:?}"
        );
        assert!(
            u.contains(&"http://example.com/3".to_string()),
            "{gzip}: {u:?}"
        );
        assert!(
            !u.iter().any(|x| x.contains("short") || x.contains("long")),
            "{gzip}: {u:?}"
        );
        assert!(
            errs.iter()
                .any(|e| matches!(e, WarcError::LengthMismatch { declared: 100, .. })),
            "{gzip}: {errs:?}"
        );
        // Plain files resynchronise too: nothing but the two bad records is lost.
        assert_eq!(
            u,
            [
                "http://example.com/0".to_string(),
                format!("ERR@{}", got[1].as_ref().err().unwrap().offset()),
                "http://example.com/3".to_string(),
                format!("ERR@{}", got[3].as_ref().err().unwrap().offset()),
                "http://example.com/4".to_string(),
            ],
            "{gzip}"
        );
        assert!(
            matches!(
                errs[1],
                WarcError::LengthMismatch {
                    declared: 900000,
                    ..
                }
            ),
            "{errs:?}"
        );
        if !gzip {
            // Plain offsets are exact: the bad records' own offsets.
            let r0 = response(0).len() as u64;
            assert_eq!(errs[0].offset(), r0);
        }
    }
}

#[test]
fn lying_content_length_in_plain_files_is_resynchronised() {
    // A too-long length that swallows several records, on a block that is read (response)
    // and on one that is skipped (request); a too-short one; a too-long one running past
    // the end of the data; lengths off by a little.
    let req = |id: u32, len: &str| {
        record(
            "request",
            "http://example.com/req",
            id,
            b"GET / HTTP/1.1\r\nHost: example.com\r\n\r\n",
            Some(len),
        )
    };
    let resp = |n: u32, len: &str| {
        record(
            "response",
            &format!("http://example.com/{n}"),
            n,
            &http("", &page(n)),
            Some(len),
        )
    };
    type Case<'a> = (&'a str, Vec<Vec<u8>>, Vec<&'a str>);
    let cases: Vec<Case<'_>> = vec![
        (
            "long response",
            vec![
                response(0),
                resp(1, "1500"),
                response(2),
                response(3),
                response(4),
            ],
            vec!["0", "ERR", "2", "3", "4"],
        ),
        (
            "long request",
            vec![response(0), req(9, "700"), response(2), response(3)],
            vec!["0", "ERR", "2", "3"],
        ),
        (
            "short request",
            vec![response(0), req(9, "5"), response(2)],
            vec!["0", "ERR", "2"],
        ),
        (
            "short by one",
            vec![
                response(0),
                resp(1, &(http("", &page(1)).len() - 1).to_string()),
                response(2),
            ],
            vec!["0", "ERR", "2"],
        ),
        (
            "long by one",
            vec![
                response(0),
                resp(1, &(http("", &page(1)).len() + 1).to_string()),
                response(2),
            ],
            vec!["0", "1", "2"], // within the lenient separator
        ),
        (
            "long by six",
            vec![
                response(0),
                resp(1, &(http("", &page(1)).len() + 6).to_string()),
                response(2),
            ],
            vec!["0", "ERR", "2"],
        ),
        (
            "long past the end",
            vec![response(0), resp(1, "90000"), response(2), response(3)],
            vec!["0", "ERR", "2", "3"],
        ),
    ];
    for (name, recs, want) in cases {
        let data = recs.concat();
        let got = read_all(&data);
        let short: Vec<String> = uris(&got)
            .iter()
            .map(|u| {
                if u.starts_with("ERR") {
                    "ERR".to_string()
                } else {
                    u.trim_start_matches("http://example.com/").to_string()
                }
            })
            .collect();
        assert_eq!(short, want, "{name}: {got:?}");
        // The bad record is reported at its own offset.
        if let Some(i) = want.iter().position(|w| *w == "ERR") {
            let at: usize = recs[..i].iter().map(Vec::len).sum();
            assert_eq!(got[i].as_ref().err().unwrap().offset(), at as u64, "{name}");
        }
    }
}

#[test]
fn garbage_between_and_inside_records() {
    for gzip in [false, true] {
        let garbage = b"this is not a WARC record\r\nat all\r\n\r\n".to_vec();
        let mut bad_field = response(2);
        // Replace the WARC-Date line with a line without a colon.
        let s = String::from_utf8(bad_field.clone()).unwrap();
        bad_field = s
            .replacen("WARC-Date: 2024-03-05T08:00:00Z", "garbage header line", 1)
            .into_bytes();
        let recs = vec![response(0), garbage, response(1), bad_field, response(3)];
        let data = if gzip {
            gz_members(&recs)
        } else {
            recs.concat()
        };
        let got = read_all(&data);
        let u = uris(&got);
        let good: Vec<&String> = u.iter().filter(|x| !x.starts_with("ERR")).collect();
        assert_eq!(
            good,
            [
                "http://example.com/0",
                "http://example.com/1",
                "http://example.com/3"
            ],
            "{gzip}: {u:?}"
        );
        let errs: Vec<&WarcError> = got.iter().filter_map(|r| r.as_ref().err()).collect();
        assert_eq!(errs.len(), 2, "{gzip}: {errs:?}");
        assert!(matches!(errs[0], WarcError::NotWarc { .. }), "{errs:?}");
        assert!(matches!(errs[1], WarcError::BadHeader { .. }), "{errs:?}");
        assert!(
            errs[1].to_string().contains("garbage header line"),
            "{}",
            errs[1]
        );
    }
}

#[test]
fn garbage_between_gzip_members_and_corrupt_member() {
    let recs: Vec<Vec<u8>> = (0..3).map(response).collect();
    let mut data = gz(&recs[0]);
    data.extend_from_slice(b"junk junk junk");
    data.extend_from_slice(&gz(&recs[1]));
    let mut corrupt = gz(&response(9));
    let mid = corrupt.len() / 2;
    for b in &mut corrupt[20..mid] {
        *b ^= 0x5a;
    }
    data.extend_from_slice(&corrupt);
    data.extend_from_slice(&gz(&recs[2]));
    let got = read_all(&data);
    let u = uris(&got);
    let good: Vec<&String> = u.iter().filter(|x| !x.starts_with("ERR")).collect();
    assert_eq!(
        good,
        [
            "http://example.com/0",
            "http://example.com/1",
            "http://example.com/2"
        ],
        "{u:?}"
    );
    assert!(
        u.iter().filter(|x| x.starts_with("ERR")).count() >= 2,
        "{u:?}"
    );
}

#[test]
fn oversized_records_are_skipped_in_bounded_memory() {
    // A 3 MB page with a 1 MB limit: skipped with TooLarge, neighbours kept. The same for
    // a record whose HTTP payload only grows past the limit when decoded.
    let big: Vec<u8> = b"<p>filler text </p>".repeat(3 << 20 >> 4);
    let zipped = gz(&big);
    assert!(zipped.len() < 1 << 20);
    let recs = vec![
        response(0),
        record(
            "response",
            "http://example.com/big",
            1,
            &http("", &big),
            None,
        ),
        response(2),
        record(
            "response",
            "http://example.com/bomb",
            3,
            &http("Content-Encoding: gzip\r\n", &zipped),
            None,
        ),
        response(4),
        // Skipped record types are never held in memory, so no error for them.
        record("request", "http://example.com/big-request", 5, &big, None),
        response(6),
    ];
    for data in [recs.concat(), gz_members(&recs)] {
        let mut pages = WarcReader::new(&data[..])
            .unwrap()
            .with_max_record_bytes(1 << 20)
            .html_pages();
        let got: Vec<Result<HtmlPage, WarcError>> = pages.by_ref().collect();
        let ok: Vec<String> = got
            .iter()
            .filter_map(|r| r.as_ref().ok())
            .map(|p| p.target_uri.clone().unwrap())
            .collect();
        assert_eq!(
            ok,
            [
                "http://example.com/0",
                "http://example.com/2",
                "http://example.com/4",
                "http://example.com/6"
            ]
        );
        let errs: Vec<&WarcError> = got.iter().filter_map(|r| r.as_ref().err()).collect();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(
            errs.iter()
                .all(|e| matches!(e, WarcError::TooLarge { limit: 1048576, .. })),
            "{errs:?}"
        );
        assert_eq!(pages.counts().not_response, 1);
    }
}

#[test]
fn warc_headers_lenient_forms() {
    // Folded field, LF-only header lines, a WARC 0.18 version line, angle-bracketed URI.
    let data = b"WARC/0.18\nWARC-Type: resource\nWARC-Target-URI: <http://example.com/x>\n\
X-Long: one\n two\nContent-Length: 4\n\nabcd\n\n";
    let recs = read_all(data);
    let r = recs[0].as_ref().unwrap();
    assert_eq!(r.version, "WARC/0.18");
    assert_eq!(r.target_uri(), Some("http://example.com/x"));
    assert_eq!(r.header("x-long"), Some("one two"));
    assert_eq!(r.block, b"abcd");
    assert_eq!(recs.len(), 1);
}

#[test]
fn empty_and_non_warc_inputs() {
    assert!(read_all(b"").is_empty());
    let got = read_all(b"<html>not a warc</html>");
    assert_eq!(got.len(), 1);
    assert!(matches!(got[0], Err(WarcError::NotWarc { offset: 0, .. })));
    assert!(gleaner_warc::sniff(b"WARC/1.1\r\n"));
    assert!(gleaner_warc::sniff(&gz(&response(0))[..100]));
    assert!(!gleaner_warc::sniff(&gz(b"<html>")));
    assert!(!gleaner_warc::sniff(b"<html>"));
}

#[test]
fn arbitrary_bytes_never_panic_and_always_progress() {
    // A cheap deterministic fuzz: mutated copies of a small WARC file.
    let base = gz_members(&(0..3).map(response).collect::<Vec<_>>());
    let plain: Vec<u8> = (0..3).map(response).collect::<Vec<_>>().concat();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut rnd = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for round in 0..300 {
        let mut d = if round % 2 == 0 {
            base.clone()
        } else {
            plain.clone()
        };
        for _ in 0..(1 + rnd() % 8) {
            let i = (rnd() as usize) % d.len();
            match rnd() % 3 {
                0 => d[i] = rnd() as u8,
                1 => d.truncate(i.max(1)),
                _ => d.insert(i, b'\n'),
            }
        }
        let n = WarcReader::new(&d[..]).unwrap().take(1000).count();
        assert!(n < 1000, "no progress on round {round}");
    }
}
