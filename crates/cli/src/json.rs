//! Compact JSON for the JSON Lines output, byte for byte what `serde_json::to_writer`
//! writes, with a faster string escaper.
//!
//! serde_json escapes strings one byte at a time; a record's `text` and `blocks` hold the
//! whole article twice, so that scan was most of the cost of writing a record. Here
//! strings are scanned eight bytes at a time for the bytes JSON must escape (`"`, `\` and
//! controls below 0x20) and the runs between them are copied whole; everything else
//! (numbers, structure) is written the way serde_json writes it. Anything this writer does
//! not handle itself (byte strings, map keys that are not strings) makes it give up, and
//! the caller writes the value with serde_json instead: the output is the same either way.

use serde::ser::{self, Serialize};

/// Writes `value` as compact JSON to the end of `out`, exactly as
/// `serde_json::to_writer(out, value)` would.
pub fn write_compact<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    let start = out.len();
    if value.serialize(Json { out: &mut *out }).is_err() {
        out.truncate(start);
        serde_json::to_writer(&mut *out, value).expect("a record always serialises");
    }
}

/// Why the fast writer gave up (the caller falls back to serde_json).
#[derive(Debug)]
pub struct Unsupported;

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not handled by the fast JSON writer")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        Unsupported
    }
}

type R = Result<(), Unsupported>;

/// The escape serde_json writes for a byte that needs one (0 for none).
fn escape_of(b: u8) -> u8 {
    match b {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x09 => b't',
        0x0a => b'n',
        0x0c => b'f',
        0x0d => b'r',
        0x00..=0x1f => b'u',
        _ => 0,
    }
}

/// Where the first of these eight bytes (little-endian word) that is `"`, `\` or below
/// 0x20 is, if any (SWAR: the classic "has a zero byte" test on the word xor each special
/// byte, and "has a byte below n" for the controls). These tests can flag a byte wrongly
/// only above (after) a byte rightly flagged, so the lowest flag is exact.
fn first_escape(w: u64) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let quote = zero(w ^ (ONES * u64::from(b'"')));
    let backslash = zero(w ^ (ONES * u64::from(b'\\')));
    // A byte below 0x20: `b - 0x20` borrows. Bytes >= 0x80 are masked out by `!w`.
    let control = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
    let flags = quote | backslash | control;
    (flags != 0).then(|| flags.trailing_zeros() as usize / 8)
}

/// Appends `s` as a JSON string (quotes included), escaped as serde_json escapes it.
pub fn write_str(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let b = s.as_bytes();
    out.reserve(b.len() + 2);
    out.push(b'"');
    let mut run = 0; // start of the bytes not written yet
    let mut i = 0;
    while i < b.len() {
        if i + 8 <= b.len() {
            let mut w = [0u8; 8];
            w.copy_from_slice(&b[i..i + 8]);
            match first_escape(u64::from_le_bytes(w)) {
                None => {
                    i += 8;
                    continue;
                }
                Some(k) => i += k,
            }
        }
        let c = b[i];
        let e = escape_of(c);
        if e == 0 {
            i += 1;
            continue;
        }
        out.extend_from_slice(&b[run..i]);
        if e == b'u' {
            out.extend_from_slice(b"\\u00");
            out.push(HEX[usize::from(c >> 4)]);
            out.push(HEX[usize::from(c & 0xf)]);
        } else {
            out.push(b'\\');
            out.push(e);
        }
        i += 1;
        run = i;
    }
    out.extend_from_slice(&b[run..]);
    out.push(b'"');
}

/// Writes a number (or other scalar) exactly as serde_json does.
fn scalar<T: Serialize>(out: &mut Vec<u8>, v: T) -> R {
    serde_json::to_writer(out, &v).map_err(|_| Unsupported)
}

/// The serializer: compact JSON into a byte buffer.
struct Json<'a> {
    out: &'a mut Vec<u8>,
}

/// A JSON array or object being written: whether an element was written yet.
struct Compound<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
    /// What closes it: `]`, `}`, or `}}` for a variant wrapped in an object.
    close: &'static [u8],
}

impl Compound<'_> {
    fn comma(&mut self) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
    }

    fn element<T: Serialize + ?Sized>(&mut self, v: &T) -> R {
        self.comma();
        v.serialize(Json { out: self.out })
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, v: &T) -> R {
        self.comma();
        write_str(self.out, key);
        self.out.push(b':');
        v.serialize(Json { out: self.out })
    }

    fn end(self) -> R {
        self.out.extend_from_slice(self.close);
        Ok(())
    }
}

impl<'a> Json<'a> {
    /// Opens an array or object (serde_json writes `[]` / `{}` at once for a known
    /// length of 0: the same bytes).
    fn open(self, open: &[u8], close: &'static [u8]) -> Compound<'a> {
        self.out.extend_from_slice(open);
        Compound {
            out: self.out,
            first: true,
            close,
        }
    }

    /// `{"variant":` before a variant's content.
    fn variant_key(&mut self, variant: &str) {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.push(b':');
    }
}

impl<'a> ser::Serializer for Json<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> R {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> R {
        scalar(self.out, v)
    }
    fn serialize_i16(self, v: i16) -> R {
        scalar(self.out, v)
    }
    fn serialize_i32(self, v: i32) -> R {
        scalar(self.out, v)
    }
    fn serialize_i64(self, v: i64) -> R {
        scalar(self.out, v)
    }
    fn serialize_i128(self, v: i128) -> R {
        scalar(self.out, v)
    }
    fn serialize_u8(self, v: u8) -> R {
        scalar(self.out, v)
    }
    fn serialize_u16(self, v: u16) -> R {
        scalar(self.out, v)
    }
    fn serialize_u32(self, v: u32) -> R {
        scalar(self.out, v)
    }
    fn serialize_u64(self, v: u64) -> R {
        scalar(self.out, v)
    }
    fn serialize_u128(self, v: u128) -> R {
        scalar(self.out, v)
    }
    fn serialize_f32(self, v: f32) -> R {
        scalar(self.out, v)
    }
    fn serialize_f64(self, v: f64) -> R {
        scalar(self.out, v)
    }
    fn serialize_char(self, v: char) -> R {
        write_str(self.out, v.encode_utf8(&mut [0u8; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> R {
        write_str(self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> R {
        Err(Unsupported)
    }
    fn serialize_none(self) -> R {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> R {
        v.serialize(self)
    }
    fn serialize_unit(self) -> R {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> R {
        self.serialize_none()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> R {
        write_str(self.out, variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> R {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> R {
        self.variant_key(variant);
        v.serialize(Json { out: self.out })?;
        self.out.push(b'}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Unsupported> {
        Ok(self.open(b"[", b"]"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, Unsupported> {
        Ok(self.open(b"[", b"]"))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Unsupported> {
        Ok(self.open(b"[", b"]"))
    }
    fn serialize_tuple_variant(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Unsupported> {
        self.variant_key(variant);
        Ok(self.open(b"[", b"]}"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Unsupported> {
        Ok(self.open(b"{", b"}"))
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Compound<'a>, Unsupported> {
        if name.starts_with("$serde_json") {
            // serde_json's private tokens (raw values, arbitrary-precision numbers).
            return Err(Unsupported);
        }
        Ok(self.open(b"{", b"}"))
    }
    fn serialize_struct_variant(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Unsupported> {
        self.variant_key(variant);
        Ok(self.open(b"{", b"}}"))
    }
}

/// The four serde traits whose items are plain elements (`[a,b]`): one body, the trait
/// and its method's name differing.
macro_rules! elements {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Unsupported;
            fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> R {
                self.element(v)
            }
            fn end(self) -> R {
                Compound::end(self)
            }
        }
    )*};
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> R {
        self.comma();
        key.serialize(KeyOnly { out: self.out })?;
        self.out.push(b':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> R {
        v.serialize(Json { out: self.out })
    }
    fn end(self) -> R {
        Compound::end(self)
    }
}

/// The two serde traits whose items are named fields (`{"k":v}`).
macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Unsupported;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> R {
                self.field(key, v)
            }
            fn end(self) -> R {
                Compound::end(self)
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

/// A map key: only strings are written here (serde_json turns other keys into strings
/// its own way: left to it).
struct KeyOnly<'a> {
    out: &'a mut Vec<u8>,
}

/// The rest of [`KeyOnly`]'s serializer methods: all give up.
macro_rules! unsupported {
    ($($f:ident($($t:ty),*);)*) => {
        $(fn $f(self, $(_: $t),*) -> R { Err(Unsupported) })*
    };
}

impl ser::Serializer for KeyOnly<'_> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = ser::Impossible<(), Unsupported>;
    type SerializeTuple = ser::Impossible<(), Unsupported>;
    type SerializeTupleStruct = ser::Impossible<(), Unsupported>;
    type SerializeTupleVariant = ser::Impossible<(), Unsupported>;
    type SerializeMap = ser::Impossible<(), Unsupported>;
    type SerializeStruct = ser::Impossible<(), Unsupported>;
    type SerializeStructVariant = ser::Impossible<(), Unsupported>;

    fn serialize_str(self, v: &str) -> R {
        write_str(self.out, v);
        Ok(())
    }
    unsupported! {
        serialize_bool(bool); serialize_i8(i8); serialize_i16(i16); serialize_i32(i32);
        serialize_i64(i64); serialize_u8(u8); serialize_u16(u16); serialize_u32(u32);
        serialize_u64(u64); serialize_f32(f32); serialize_f64(f64); serialize_char(char);
        serialize_bytes(&[u8]); serialize_none(); serialize_unit();
        serialize_unit_struct(&'static str);
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> R {
        self.serialize_str(variant)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> R {
        Err(Unsupported)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, _: &T) -> R {
        Err(Unsupported)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> R {
        Err(Unsupported)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(Unsupported)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn same<T: Serialize + ?Sized>(v: &T) {
        let mut fast = Vec::new();
        write_compact(&mut fast, v);
        let want = serde_json::to_vec(v).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&fast),
            String::from_utf8_lossy(&want)
        );
    }

    #[test]
    fn strings_escape_like_serde_json() {
        // Every ASCII byte, alone and at every position of an eight-byte word.
        for c in 0u8..0x80 {
            let c = char::from(c);
            same(&c.to_string());
            for pos in 0..10 {
                let mut s: String = "abcdefghij".into();
                s.insert(pos, c);
                same(&s);
            }
        }
        for s in [
            "",
            "plain text that is long enough for several words",
            "caf\u{e9} \u{65e5}\u{672c} \u{1f600} \"q\" \\ \n\t\r\u{8}\u{c}\u{1}\u{1f}\u{7f}",
            "\u{80}\u{ff}\u{100}\u{7ff}\u{800}\u{ffff}\u{10000}",
            "ends with a quote\"",
        ] {
            same(s);
        }
    }

    #[test]
    fn values_write_like_serde_json() {
        same(&serde_json::json!({
            "a": [1, -2, 3.5, 1e300, null, true, false, "x"],
            "b": {"nested": {"deep": []}, "empty": {}},
            "c": u64::MAX,
        }));
        let mut m = BTreeMap::new();
        m.insert(3u32, "int keys");
        same(&m); // left to serde_json (it quotes integer keys)
        same(&(1u8, 'c', Some("x"), None::<u8>, ()));
        same(&f64::NAN);
        same(&serde_bytes_like());
    }

    /// A value holding bytes (left to serde_json).
    fn serde_bytes_like() -> impl Serialize {
        struct Bytes;
        impl Serialize for Bytes {
            fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(b"\x00\x01")
            }
        }
        Bytes
    }

    #[test]
    fn records_write_like_serde_json() {
        use gleaner_extract::record::Record;
        let html = "<html lang=en><head><title>A \"quoted\" title\\</title>\
            <meta name=author content='Ann \u{e9}'></head><body><article><h1>Head</h1>\
            <h2>Sub\tline</h2><p>First paragraph with enough words to be an article body, \
            and more words, and more words still, caf\u{e9}, \u{65e5}\u{672c}.</p>\
            <ul><li>one</li><li>two \"2\"</li></ul><blockquote>Quoted text here.</blockquote>\
            <pre>code\n  indented</pre><table><tr><th>h1</th><th>h2</th></tr>\
            <tr><td>a</td><td>b</td></tr></table>\
            <p>Second paragraph, long enough as well, with words and words and words.</p>\
            </article></body></html>";
        let opts = gleaner_extract::Options::default().with_captions(true);
        let res = gleaner_extract::extract(html.as_bytes(), Some("https://e.x/a"), &opts);
        let mut rec = Record::new("page.html", res);
        same(&rec);
        rec.warc_file = Some("a\u{1}.warc".into());
        rec.captured = Some("2024-03-05T08:00:00Z".into());
        same(&rec);
        same(&Record::input_error("x#1", "bad\nrecord"));
        same(&Record::default());
    }
}
