//! Small text helpers shared by the stages.
//!
//! They walk bytes, not `char`s: ASCII is judged by table, and only the lead bytes that can
//! start a character of interest are decoded (the tests check every helper against its
//! plain `char`-by-`char` definition).

/// ASCII bytes that are word characters (`[0-9A-Za-z_]`).
static ASCII_WORD: [bool; 128] = {
    let mut t = [false; 128];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        t[i] = c.is_ascii_alphanumeric() || c == b'_';
        i += 1;
    }
    t
};

/// ASCII whitespace as [`char::is_whitespace`] sees it (U+0009..U+000D and the space).
#[inline]
fn ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// Whether a non-ASCII lead byte can start a whitespace character: every non-ASCII
/// `White_Space` character (U+0085, U+00A0, U+1680, U+2000..U+205F, U+3000) starts with
/// one of these bytes. Continuation bytes (0x80..0xBF) never match.
#[inline]
fn may_start_space(b: u8) -> bool {
    matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3)
}

/// The character starting at byte `i` of `s` (a char boundary) and its length.
#[inline]
fn char_at(s: &str, i: usize) -> (char, usize) {
    match s.get(i..).and_then(|r| r.chars().next()) {
        Some(c) => (c, c.len_utf8()),
        // Not reachable for a boundary inside `s`; step one byte to stay safe.
        None => ('\u{FFFD}', 1),
    }
}

/// Unicode properties of one block of 256 characters below U+10000, one bit per
/// character: alphanumeric, alphabetic, numeric, upper case (as `char`'s methods).
struct Props([[u64; 4]; 4]);

const P_ALNUM: usize = 0;
const P_ALPHA: usize = 1;
const P_NUMERIC: usize = 2;
const P_UPPER: usize = 3;

/// The blocks of the Basic Multilingual Plane, each computed on first use: std's
/// lookups for non-ASCII characters search tables (hundreds of instructions a call), and
/// a page uses few blocks.
static BMP: [std::sync::OnceLock<Props>; 256] = [const { std::sync::OnceLock::new() }; 256];

fn block_props(block: u32) -> Props {
    let mut p = [[0u64; 4]; 4];
    for low in 0..256u32 {
        let Some(c) = char::from_u32(block << 8 | low) else {
            continue; // surrogates: no character
        };
        let (w, bit) = ((low >> 6) as usize, 1u64 << (low & 63));
        for (k, has) in [
            c.is_alphanumeric(),
            c.is_alphabetic(),
            c.is_numeric(),
            c.is_uppercase(),
        ]
        .into_iter()
        .enumerate()
        {
            if has {
                p[k][w] |= bit;
            }
        }
    }
    Props(p)
}

/// Property `k` of a non-ASCII character, from the cached block when it has one.
#[inline]
fn prop(c: char, k: usize, slow: fn(char) -> bool) -> bool {
    let u = c as u32;
    if u >= 0x1_0000 {
        return slow(c);
    }
    let props = BMP[(u >> 8) as usize].get_or_init(|| block_props(u >> 8));
    props.0[k][((u >> 6) & 3) as usize] >> (u & 63) & 1 != 0
}

/// [`char::is_alphanumeric`], with a cache for non-ASCII characters.
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        prop(c, P_ALNUM, char::is_alphanumeric)
    }
}

/// [`char::is_alphabetic`], with a cache for non-ASCII characters.
#[inline]
pub(crate) fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        prop(c, P_ALPHA, char::is_alphabetic)
    }
}

/// [`char::is_numeric`], with a cache for non-ASCII characters.
#[inline]
pub(crate) fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        prop(c, P_NUMERIC, char::is_numeric)
    }
}

/// [`char::is_uppercase`], with a cache for non-ASCII characters.
#[inline]
pub(crate) fn is_uppercase(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        prop(c, P_UPPER, char::is_uppercase)
    }
}

/// How common each byte is in running text, for [`contains_ascii_ci`]'s choice of the
/// byte to look for (lower: rarer): letters by their frequency in English and the other
/// Latin-script languages ("z", "q", "x" rarest, "e" commonest), the space and the
/// upper-case letters as common as their lower-case ones' class, any other byte in between.
const BYTE_COMMONNESS: [u8; 256] = {
    let mut t = [20u8; 256];
    let by_frequency = b"zqxjkvbpygfwmucldrhsnioate";
    let mut i = 0;
    while i < by_frequency.len() {
        t[by_frequency[i] as usize] = i as u8 + 1;
        t[by_frequency[i].to_ascii_uppercase() as usize] = i as u8 + 1;
        i += 1;
    }
    t[b' ' as usize] = 100;
    t
};

/// Whether `pat` (lower-case ASCII) occurs in `hay` in any ASCII case; candidates are
/// where memchr finds the pattern's rarest byte ([`BYTE_COMMONNESS`]: "w" of "newsletter",
/// not its "n"), so a common first letter does not make every other byte a candidate.
/// Patterns known when compiling are better held as a [`CiPattern`], which chooses that
/// byte once.
pub(crate) fn contains_ascii_ci(hay: &[u8], pat: &[u8]) -> bool {
    contains_ascii_ci_at(hay, pat, rarest(pat))
}

/// The index of `pat`'s rarest byte by [`BYTE_COMMONNESS`] (the first of equally rare
/// ones), or 0 for an empty pattern.
const fn rarest(pat: &[u8]) -> usize {
    let mut best = 0;
    let mut i = 1;
    while i < pat.len() {
        if BYTE_COMMONNESS[pat[i] as usize] < BYTE_COMMONNESS[pat[best] as usize] {
            best = i;
        }
        i += 1;
    }
    best
}

/// [`contains_ascii_ci`] with the candidate byte given: `pat[k]` (any `k` gives the same
/// answer; a rare byte gives fewer candidates).
#[inline]
fn contains_ascii_ci_at(hay: &[u8], pat: &[u8], k: usize) -> bool {
    let Some(&rare) = pat.get(k) else {
        return true;
    };
    if pat.len() > hay.len() {
        return false;
    }
    // The rare byte's positions that leave room for the whole pattern around it.
    let end = hay.len() - (pat.len() - 1 - k);
    memchr::memchr2_iter(rare, rare.to_ascii_uppercase(), &hay[k..end])
        .any(|start| hay[start..start + pat.len()].eq_ignore_ascii_case(pat))
}

/// A lower-case ASCII pattern for [`contains_ascii_ci`] with its rarest byte chosen when
/// compiling.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CiPattern {
    /// The pattern, lower-case ASCII.
    pat: &'static [u8],
    /// The index of the byte searched for: its rarest ([`rarest`]) unless chosen
    /// ([`CiPattern::around`]).
    rare: usize,
}

impl CiPattern {
    /// `pat` (lower-case ASCII) with its rarest byte chosen.
    pub(crate) const fn new(pat: &'static [u8]) -> Self {
        Self {
            pat,
            rare: rarest(pat),
        }
    }

    /// `pat` (lower-case ASCII) searched for by its first `byte`, so that patterns sharing
    /// a byte are searched together ([`any_ci`]). A `byte` not in `pat` is a compile-time
    /// error in a constant.
    pub(crate) const fn around(pat: &'static [u8], byte: u8) -> Self {
        let mut i = 0;
        while pat[i] != byte {
            i += 1;
        }
        Self { pat, rare: i }
    }

    /// Whether the pattern occurs in `hay` in any ASCII case ([`contains_ascii_ci`]).
    #[inline]
    pub(crate) fn is_in(&self, hay: &[u8]) -> bool {
        contains_ascii_ci_at(hay, self.pat, self.rare)
    }

    /// Where the pattern starts in `hay`, in any ASCII case, in order (overlapping
    /// occurrences too); nowhere for an empty pattern.
    pub(crate) fn starts<'h>(&self, hay: &'h [u8]) -> impl Iterator<Item = usize> + 'h {
        let (pat, k) = (self.pat, self.rare);
        let rare = pat.get(k).copied().unwrap_or(0);
        // The rare byte's positions that leave room for the whole pattern around it (none
        // for an empty or too long pattern).
        let room = if pat.is_empty() || pat.len() > hay.len() {
            &[][..]
        } else {
            &hay[k..hay.len() - (pat.len() - 1 - k)]
        };
        memchr::memchr2_iter(rare, rare.to_ascii_uppercase(), room)
            .filter(move |&start| hay[start..start + pat.len()].eq_ignore_ascii_case(pat))
    }
}

/// Whether any of `pats` occurs in `hay` in any ASCII case, all searched together: one
/// memchr pass for the byte the first is searched by, every pattern compared around each
/// hit. The patterns must share that byte ([`CiPattern::around`]); one without it is
/// found only where that byte stands in its place (debug builds panic).
pub(crate) fn any_ci(pats: &[CiPattern], hay: &[u8]) -> bool {
    let Some(first) = pats.first() else {
        return false;
    };
    let byte = first.pat[first.rare];
    memchr::memchr2_iter(byte, byte.to_ascii_uppercase(), hay).any(|at| {
        pats.iter().any(|p| {
            debug_assert_eq!(p.pat[p.rare], byte);
            at.checked_sub(p.rare)
                .and_then(|start| hay.get(start..start + p.pat.len()))
                .is_some_and(|w| w.eq_ignore_ascii_case(p.pat))
        })
    })
}

/// Characters of scripts written without spaces: Han, kana and Thai.
#[inline]
fn is_dense(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x0E00..=0x0E7F)
}

/// `0x01` in every byte of a `u64`.
const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte of a `u64`.
pub(crate) const HIGH: u64 = ONES * 0x80;

/// Eight ASCII bytes (high bits clear) read as one `u64`: the high bit of each byte that
/// is at least `lo` (`1..=0x80`; no byte carries into the next: `0x7F + 0x7F < 0x100`).
#[inline]
fn swar_at_least(x: u64, lo: u8) -> u64 {
    x + ONES * u64::from(0x80 - lo)
}

/// Eight ASCII bytes: the high bit of each that is in `lo..=hi` (`1 <= lo <= hi < 0x80`).
#[inline]
pub(crate) fn swar_in(x: u64, lo: u8, hi: u8) -> u64 {
    swar_at_least(x, lo) & !swar_at_least(x, hi + 1) & HIGH
}

/// The eight bytes of `b` from `i` ([`chunk8`]) when there are eight and all are ASCII:
/// the high bit (bit `8k + 7` for byte `i + k`) of each that is white space as
/// [`char::is_whitespace`] sees ASCII (`\t`..=`\r`, space), and of each comma, as two
/// masks.
#[inline]
pub(crate) fn ascii8_spaces_commas(b: &[u8], i: usize) -> Option<(u64, u64)> {
    let x = chunk8(b, i).filter(|x| x & HIGH == 0)?;
    let spaces = swar_in(x, b'\t', b'\r') | swar_in(x, b' ', b' ');
    Some((spaces, swar_in(x, b',', b',')))
}

/// Eight ASCII bytes: bit `8k` set when byte `k` is a word character (`ASCII_WORD`).
#[inline]
fn swar_word(x: u64) -> u64 {
    (swar_in(x, b'0', b'9')
        | swar_in(x, b'A', b'Z')
        | swar_in(x, b'a', b'z')
        | swar_in(x, b'_', b'_'))
        >> 7
}

/// The eight bytes of `b` from `i`, little-endian, when there are eight.
#[inline]
pub(crate) fn chunk8(b: &[u8], i: usize) -> Option<u64> {
    let c: [u8; 8] = b.get(i..i.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(c))
}

/// Words (as [`word_count`]) and characters of scripts written without spaces.
/// Eight ASCII bytes at a time where there are eight (word starts counted on the bit mask
/// of word bytes), else character by character.
fn words_and_dense(s: &str) -> (usize, usize) {
    let b = s.as_bytes();
    let mut n = 0;
    let mut dense = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < b.len() {
        if let Some(x) = chunk8(b, i).filter(|x| x & HIGH == 0) {
            let w = swar_word(x);
            // A word starts at a word byte whose previous byte is none.
            let prev = (w << 8) | u64::from(in_word);
            n += (w & !prev).count_ones() as usize;
            in_word = w >> 56 != 0;
            i += 8;
            continue;
        }
        let c = b[i];
        let w = if c < 0x80 {
            i += 1;
            ASCII_WORD[c as usize]
        } else {
            let (ch, len) = char_at(s, i);
            i += len;
            dense += is_dense(ch) as usize;
            is_alphanumeric(ch)
        };
        n += (w && !in_word) as usize;
        in_word = w;
    }
    (n, dense)
}

/// Number of words: maximal runs of alphanumeric characters (as `\w+` counts them, roughly).
pub fn word_count(s: &str) -> usize {
    words_and_dense(s).0
}

/// Word count that also weighs scripts written without spaces: every three Han, kana or
/// Thai characters count as one word more (a run of them is otherwise one "word").
pub fn weighted_words(s: &str) -> usize {
    let (words, dense) = words_and_dense(s);
    words + dense / 3
}

/// Eight bytes read as one `u64`: the high bit of each byte that [`push_collapsed`] must
/// look at on its own inside a run of characters it copies: non-ASCII bytes, ASCII
/// whitespace and control bytes (`<= 0x20`), except a space followed, inside the eight, by
/// an ASCII byte above `0x20` (the lone space it copies with the run). The bytes before
/// the first such byte are copied as they are.
#[inline]
fn copy_stops(x: u64) -> u64 {
    let non_ascii = x & HIGH;
    let low = x & !HIGH;
    let look = (!swar_at_least(low, 0x21) & HIGH) | non_ascii;
    let space = swar_in(low, b' ', b' ');
    // A space whose next byte (the next higher one, not past the eight) needs no look.
    let lone_space = space & !(look >> 8) & (HIGH >> 8);
    look & !lone_space
}

/// Appends `s` to `out` with runs of whitespace collapsed to one space.
/// `pending_space` carries a whitespace run across calls.
pub(crate) fn push_collapsed(out: &mut String, s: &str, pending_space: &mut bool) {
    let b = s.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        // A whitespace run.
        while i < n {
            let c = b[i];
            if c < 0x80 {
                if !ascii_space(c) {
                    break;
                }
                i += 1;
            } else {
                if !may_start_space(c) {
                    break;
                }
                let (ch, len) = char_at(s, i);
                if !ch.is_whitespace() {
                    break;
                }
                i += len;
            }
            *pending_space = true;
        }
        if i >= n {
            break;
        }
        // A run of other characters, copied whole; a lone space between two ASCII
        // non-space characters is copied with it (collapsing would write the same space).
        let start = i;
        while i < n {
            // Eight bytes at a time up to the first that needs a look of its own.
            if let Some(x) = chunk8(b, i) {
                let stops = copy_stops(x);
                if stops == 0 {
                    i += 8;
                    continue;
                }
                i += (stops.trailing_zeros() / 8) as usize;
            }
            let c = b[i];
            if c < 0x80 {
                if ascii_space(c)
                    && !(c == b' ' && b.get(i + 1).is_some_and(|&d| d > b' ' && d < 0x80))
                {
                    break;
                }
                i += 1;
            } else if may_start_space(c) {
                let (ch, len) = char_at(s, i);
                if ch.is_whitespace() {
                    break;
                }
                i += len;
            } else {
                i += 1;
            }
        }
        if *pending_space && !out.is_empty() && !out.ends_with(['\n', ' ']) {
            out.push(' ');
        }
        *pending_space = false;
        out.push_str(&s[start..i]);
    }
}

/// Collapses whitespace runs to single spaces and trims.
pub fn normalize_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending = false;
    push_collapsed(&mut out, s, &mut pending);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The plain definitions the byte-walking helpers must agree with.
    fn word_count_chars(s: &str) -> usize {
        let mut n = 0;
        let mut in_word = false;
        for c in s.chars() {
            let w = c.is_alphanumeric() || c == '_';
            if w && !in_word {
                n += 1;
            }
            in_word = w;
        }
        n
    }

    fn weighted_words_chars(s: &str) -> usize {
        word_count_chars(s) + s.chars().filter(|&c| is_dense(c)).count() / 3
    }

    fn push_collapsed_chars(out: &mut String, s: &str, pending_space: &mut bool) {
        for c in s.chars() {
            if c.is_whitespace() {
                *pending_space = true;
            } else {
                if *pending_space && !out.is_empty() && !out.ends_with(['\n', ' ']) {
                    out.push(' ');
                }
                *pending_space = false;
                out.push(c);
            }
        }
    }

    proptest! {
        #[test]
        fn contains_ascii_ci_is_a_lowercase_search(
            hay in "[aAbBcCzZé -]{0,16}",
            pat in "[abcz -]{0,4}",
        ) {
            let want = hay.to_ascii_lowercase().contains(&pat);
            prop_assert_eq!(contains_ascii_ci(hay.as_bytes(), pat.as_bytes()), want);
            // Every candidate byte gives the same answer as the rarest.
            for k in 0..pat.len() {
                prop_assert_eq!(contains_ascii_ci_at(hay.as_bytes(), pat.as_bytes(), k), want);
            }
            // CiPattern::starts finds every start, overlapping ones too.
            let lower = hay.to_ascii_lowercase();
            let want_starts: Vec<usize> = if pat.is_empty() {
                Vec::new()
            } else {
                (0..lower.len())
                    .filter(|&i| lower.as_bytes()[i..].starts_with(pat.as_bytes()))
                    .collect()
            };
            let pat: &'static [u8] = Box::leak(pat.into_bytes().into_boxed_slice());
            let got: Vec<usize> = CiPattern::new(pat).starts(hay.as_bytes()).collect();
            prop_assert_eq!(got, want_starts);
            // A group searched by a shared byte finds what its patterns find one by one.
            if let Some(&b) = pat.first() {
                let other: &'static [u8] = Box::leak([b"a", pat].concat().into_boxed_slice());
                let group = [CiPattern::around(pat, b), CiPattern::around(other, b)];
                let other_str = std::str::from_utf8(other).unwrap();
                let one_by_one = want || hay.to_ascii_lowercase().contains(other_str);
                prop_assert_eq!(any_ci(&group, hay.as_bytes()), one_by_one);
            }
        }
    }

    #[test]
    fn cached_properties_equal_std() {
        for u in (0..0x1_0000u32).chain([0x1_0000, 0x1_D400, 0x2_0000, 0x1_F600, 0x10_FFFF]) {
            let Some(c) = char::from_u32(u) else { continue };
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{u:#x}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{u:#x}");
            assert_eq!(is_numeric(c), c.is_numeric(), "{u:#x}");
            assert_eq!(is_uppercase(c), c.is_uppercase(), "{u:#x}");
        }
    }

    #[test]
    fn counts_words_like_regex_w() {
        assert_eq!(word_count("Hello, world! It's 2023-10-31."), 7);
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("  über straße  "), 2);
        assert_eq!(weighted_words("東京都の天気 today"), 4);
    }

    /// Every pair of ASCII bytes at every offset of an eight-byte chunk, and across the
    /// boundary of two chunks, followed by `tail`.
    fn ascii_pair_cases(tail: &'static str) -> impl Iterator<Item = String> {
        (0..128u8).flat_map(move |c| {
            (0..128u8).flat_map(move |d| {
                (0..9).map(move |k| {
                    let mut s = "x".repeat(k);
                    s.push(c as char);
                    s.push(d as char);
                    s.push_str("y é ");
                    s.push(c as char);
                    s.push_str(tail);
                    s
                })
            })
        })
    }

    #[test]
    fn eight_byte_word_counts_agree_with_chars_for_every_ascii_pair() {
        for s in ascii_pair_cases("") {
            assert_eq!(word_count(&s), word_count_chars(&s), "{s:?}");
        }
    }

    #[test]
    fn eight_byte_copies_agree_with_chars_for_every_ascii_pair() {
        // With and without a whitespace run pending.
        for s in ascii_pair_cases("z\u{a0}") {
            for pending in [false, true] {
                let (mut x, mut y) = ("a".to_string(), "a".to_string());
                let (mut px, mut py) = (pending, pending);
                push_collapsed(&mut x, &s, &mut px);
                push_collapsed_chars(&mut y, &s, &mut py);
                assert_eq!((x, px), (y, py), "{s:?}");
            }
        }
    }

    #[test]
    fn collapses_space() {
        assert_eq!(normalize_space("  a \n\t b  c "), "a b c");
        assert_eq!(
            normalize_space("a\u{a0}\u{3000}b\u{2009}c\u{85}d\u{1680}e\u{b}f\u{1c}g"),
            "a b c d e f\u{1c}g"
        );
    }

    #[test]
    fn every_non_ascii_space_starts_with_a_listed_byte() {
        for c in (0x80u32..=0x10FFFF).filter_map(char::from_u32) {
            if c.is_whitespace() {
                let mut buf = [0u8; 4];
                assert!(
                    may_start_space(c.encode_utf8(&mut buf).as_bytes()[0]),
                    "{c:?}"
                );
            }
        }
    }

    /// Text mixing ASCII, Latin, Cyrillic, CJK, Thai, emoji and every kind of space.
    fn mixed_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a",
            "Z",
            "_",
            "9",
            " ",
            "\t",
            "\n",
            "\r",
            "\u{b}",
            "\u{c}",
            "\u{1c}",
            ",",
            ".",
            "é",
            "ß",
            "ж",
            "东",
            "京",
            "の",
            "ア",
            "ก",
            "\u{a0}",
            "\u{85}",
            "\u{1680}",
            "\u{2003}",
            "\u{200a}",
            "\u{200b}",
            "\u{2028}",
            "\u{202f}",
            "\u{205f}",
            "\u{3000}",
            "\u{e2}",
            "\u{2013}",
            "😀",
            "\u{c2}\u{a9}",
            "١",
            "Ⅻ",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn byte_walks_agree_with_char_definitions(a in mixed_text(), b in mixed_text(), pending in any::<bool>()) {
            prop_assert_eq!(word_count(&a), word_count_chars(&a));
            prop_assert_eq!(weighted_words(&a), weighted_words_chars(&a));
            let (mut x, mut y) = (String::new(), String::new());
            let (mut px, mut py) = (pending, pending);
            for s in [&a, &b] {
                push_collapsed(&mut x, s, &mut px);
                push_collapsed_chars(&mut y, s, &mut py);
                prop_assert_eq!(&x, &y);
                prop_assert_eq!(px, py);
            }
        }
    }
}
