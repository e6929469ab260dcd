//! Stage 0: bytes to text. BOM, then the transport charset, then `<meta charset>`
//! (or `http-equiv` Content-Type) in the first 4 KiB... 16 KiB, then detection.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use std::borrow::Cow;

/// How far into the page to look for a `<meta>` charset declaration.
const META_SCAN: usize = 16 * 1024;

/// Picks the encoding of `bytes` and decodes them. Returns the text, the encoding used,
/// and whether malformed sequences were replaced.
pub fn decode<'a>(
    bytes: &'a [u8],
    transport: Option<&'static Encoding>,
) -> (Cow<'a, str>, &'static Encoding, bool) {
    let enc = sniff(bytes, transport);
    // `decode` strips a BOM when present and switches to the BOM's encoding.
    let (text, used, malformed) = enc.decode(bytes);
    (text, used, malformed)
}

/// Chooses the encoding without decoding.
pub fn sniff(bytes: &[u8], transport: Option<&'static Encoding>) -> &'static Encoding {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return enc;
    }
    // The "replacement" encoding (iso-2022-kr, hz-gb-2312, ...) would decode the page to one
    // U+FFFD: such labels are treated as unknown.
    if let Some(enc) = transport.filter(|&e| e != encoding_rs::REPLACEMENT) {
        return enc;
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return enc;
    }
    if let Some(enc) = meta_charset(&bytes[..bytes.len().min(META_SCAN)]) {
        // A page declaring UTF-16 in an ASCII-compatible meta tag is really UTF-8 (WHATWG rule);
        // a declaration that the bytes contradict (invalid UTF-8) is overridden by detection.
        let enc = if enc == UTF_16LE || enc == UTF_16BE {
            UTF_8
        } else if enc == encoding_rs::X_USER_DEFINED {
            WINDOWS_1252
        } else {
            enc
        };
        if enc != UTF_8 || std::str::from_utf8(bytes).is_ok() {
            return enc;
        }
    }
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(
        &bytes[..bytes.len().min(256 * 1024)],
        bytes.len() <= 256 * 1024,
    );
    let guess = det.guess(None, chardetng::Utf8Detection::Allow);
    if guess == encoding_rs::REPLACEMENT {
        WINDOWS_1252
    } else {
        guess
    }
}

/// BOM-less UTF-16: markup and spaces are ASCII, so one byte of each code unit (the high
/// one) is very often zero while the other almost never is; and the page starts with `<`
/// (after any whitespace). Text in Cyrillic, Greek or CJK still has ASCII markup and spaces,
/// so a fifth of the high bytes being zero is enough; single-byte encodings and UTF-8
/// have no zero bytes at all.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024) & !1];
    if head.len() < 8 {
        return None;
    }
    let (mut even0, mut odd0) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        even0 += usize::from(pair[0] == 0);
        odd0 += usize::from(pair[1] == 0);
    }
    let half = head.len() / 2;
    // The first code unit that is not whitespace, read both ways.
    let first = |le: bool| {
        head.chunks_exact(2)
            .map(|p| {
                if le {
                    u16::from_le_bytes([p[0], p[1]])
                } else {
                    u16::from_be_bytes([p[0], p[1]])
                }
            })
            .find(|&u| !matches!(u, 0x20 | 0x09 | 0x0A | 0x0D | 0x0C))
    };
    let mostly_ascii = |zeros: usize, other: usize| zeros * 10 >= half * 8 && other * 10 <= half;
    let markup_start = |zeros: usize, other: usize, le: bool| {
        zeros * 5 >= half && other * 50 <= half && first(le) == Some(u16::from(b'<'))
    };
    if mostly_ascii(odd0, even0) || markup_start(odd0, even0, true) {
        Some(UTF_16LE)
    } else if mostly_ascii(even0, odd0) || markup_start(even0, odd0, false) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Finds `<meta charset=...>` or `<meta http-equiv=Content-Type content="...; charset=...">`.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let mut pos = 0;
    while let Some(off) = memchr::memmem::find(&head[pos..], b"<meta") {
        let start = pos + off + 5;
        let end = memchr::memchr(b'>', &head[start..]).map_or(head.len(), |e| start + e);
        let tag = &head[start..end];
        if let Some(label) = find_charset_label(tag) {
            if let Some(enc) = Encoding::for_label(label).filter(|&e| e != encoding_rs::REPLACEMENT)
            {
                return Some(enc);
            }
        }
        pos = end;
    }
    // Upper-case tags are common on old pages.
    let mut pos = 0;
    while let Some(off) = memchr::memmem::find(&head[pos..], b"<META") {
        let start = pos + off + 5;
        let end = memchr::memchr(b'>', &head[start..]).map_or(head.len(), |e| start + e);
        if let Some(label) = find_charset_label(&head[start..end]) {
            if let Some(enc) = Encoding::for_label(label).filter(|&e| e != encoding_rs::REPLACEMENT)
            {
                return Some(enc);
            }
        }
        pos = end;
    }
    None
}

fn find_charset_label(tag: &[u8]) -> Option<&[u8]> {
    let lower: Vec<u8> = tag.iter().map(u8::to_ascii_lowercase).collect();
    let at = memchr::memmem::find(&lower, b"charset")?;
    let mut i = at + 7;
    while i < tag.len() && (tag[i] == b' ' || tag[i] == b'=') {
        i += 1;
    }
    while i < tag.len() && (tag[i] == b'"' || tag[i] == b'\'') {
        i += 1;
    }
    let start = i;
    while i < tag.len() && !matches!(tag[i], b'"' | b'\'' | b';' | b' ' | b'/' | b'>') {
        i += 1;
    }
    (i > start).then(|| &tag[start..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bomless_utf16_with_non_latin_text() {
        let s = "<html><body><p>Το πλοίο προς το νησί ξεκινά ξανά κάθε μέρα, είπε το λιμάνι.</p></body></html>";
        let be: Vec<u8> = s.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let le: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(sniff(&be, None), UTF_16BE);
        assert_eq!(sniff(&le, None), UTF_16LE);
        // Binary data with zero bytes in both positions, and a page in a single-byte
        // charset, are not UTF-16.
        let bin: Vec<u8> = (0..512u32)
            .map(|i| if i % 3 == 0 { 0 } else { i as u8 })
            .collect();
        assert_eq!(super::utf16_without_bom(&bin), None);
        let (greek, _, _) = encoding_rs::ISO_8859_7.encode(s);
        assert_eq!(super::utf16_without_bom(&greek), None);
    }

    #[test]
    fn bom_wins_over_everything() {
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice(b"<meta charset=latin1>caf\xC3\xA9");
        let (t, e, _) = decode(&b, Some(WINDOWS_1252));
        assert_eq!(e, UTF_8);
        assert!(t.ends_with("café"));
    }

    #[test]
    fn transport_then_meta_then_detect() {
        let b = b"<meta charset=\"windows-1252\"><p>caf\xE9</p>";
        assert_eq!(sniff(b, None), WINDOWS_1252);
        assert_eq!(sniff(b, Some(UTF_8)), UTF_8);
        let b2 = b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=ISO-8859-1\">";
        assert_eq!(sniff(b2, None), WINDOWS_1252);
    }

    #[test]
    fn lying_utf8_declaration_is_overridden() {
        let b = b"<meta charset=utf-8><p>Gr\xFC\xDFe aus K\xF6ln, sch\xF6ne Stra\xDFe</p>";
        assert_ne!(sniff(b, None), UTF_8);
    }

    #[test]
    fn utf16_without_bom() {
        let s = "<html><p>hello world</p></html>";
        let le: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let (t, e, _) = decode(&le, None);
        assert_eq!(e, UTF_16LE);
        assert_eq!(t, s);
    }
}
