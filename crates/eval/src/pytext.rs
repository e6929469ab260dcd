//! Python-compatible text primitives used by the scorers.
//!
//! `score.py` and `score_meta.py` rely on Python's `re` character classes and `str` methods, whose
//! notions of "word character", "whitespace" and "digit" differ from Rust's `char` methods (for
//! example Rust's [`char::is_alphanumeric`] counts combining vowel signs such as Devanagari `ि`,
//! which Python's `\w` does not; Python's `str.split()` also splits on U+001C..U+001F). The
//! tables in `pyuni.rs` are generated from the Python interpreter by `tools/gen_pyuni.py`.
//!
//! Lower-casing and NFKC use Rust's `str::to_lowercase` and the `unicode-normalization` crate;
//! they agree with Python on every character assigned in Python's Unicode database (checked
//! code point by code point against Python 3.11 / Unicode 14), differing only on characters
//! assigned later.

use crate::pyuni;

fn in_table(table: &[(u32, u32)], c: char) -> bool {
    let c = c as u32;
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Python `re` `\w` (Unicode): `str.isalnum()` or `_`.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    in_table(pyuni::WORD, c)
}

/// Python `re` `\s` and `str.isspace()` (also what `str.split()` and `str.strip()` split on).
pub fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return matches!(
            c,
            ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r' | '\x1c'..='\x1f'
        );
    }
    in_table(pyuni::SPACE, c)
}

/// Python `re` `\d` (Unicode): `str.isdecimal()`.
pub fn is_decimal(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_table(pyuni::DECIMAL, c)
}

/// Python `re.findall(r"\w+", text)`: the runs of word characters, in order.
pub fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push(&text[s..i]);
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// Python `str.split()` with no argument: the runs of non-whitespace.
pub fn split_ws(text: &str) -> impl Iterator<Item = &str> {
    text.split(is_space).filter(|s| !s.is_empty())
}

/// Python `" ".join(text.split())`: whitespace runs collapsed to one space, ends trimmed.
pub fn join_ws(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in split_ws(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Python `str.strip()` with no argument.
pub fn strip_ws(text: &str) -> &str {
    text.trim_matches(is_space)
}

/// Python `str.lower()` (see the module docs for the Unicode-version caveat).
pub fn lower(text: &str) -> String {
    text.to_lowercase()
}

/// Python `re.I` equality between a text character and an ASCII lower-case pattern letter.
pub(crate) fn caseless_eq(c: char, letter: char) -> bool {
    c.eq_ignore_ascii_case(&letter)
        || (!c.is_ascii()
            && pyuni::CASELESS_EXTRA
                .iter()
                .any(|&(l, cp)| l == letter && cp == c as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_word_chars() {
        assert_eq!(words("a_b c-d 12,5"), ["a_b", "c", "d", "12", "5"]);
        // Combining marks (Mn/Mc) are not \w in Python: Hindi words split at vowel signs.
        assert!(char::is_alphanumeric('\u{093F}'));
        assert!(!is_word_char('\u{093F}'));
        assert_eq!(words("हिंदी"), ["ह", "द"]);
        assert_eq!(words("Ünïcödé ß"), ["Ünïcödé", "ß"]);
        assert!(is_word_char('²') && is_word_char('½'));
    }

    #[test]
    fn python_whitespace() {
        assert!(is_space('\x1c') && !'\x1c'.is_whitespace());
        assert!(is_space('\u{a0}') && is_space('\u{3000}') && !is_space('\u{200b}'));
        assert_eq!(join_ws("  a\u{a0}b\x1fc \n"), "a b c");
        assert_eq!(strip_ws("\u{2003}x\u{85}"), "x");
    }

    #[test]
    fn python_decimal() {
        assert!(is_decimal('٣') && !is_decimal('²') && !is_decimal('a'));
    }
}
