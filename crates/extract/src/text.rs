//! Small text helpers shared by the stages.

/// Number of words: maximal runs of alphanumeric characters (as `\w+` counts them, roughly).
pub fn word_count(s: &str) -> usize {
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

/// Word count that also weighs scripts written without spaces: every three Han, kana or
/// Thai characters count as one word more (a run of them is otherwise one "word").
pub fn weighted_words(s: &str) -> usize {
    let dense = s
        .chars()
        .filter(|&c| {
            matches!(c as u32,
                0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x0E00..=0x0E7F)
        })
        .count();
    word_count(s) + dense / 3
}

/// Appends `s` to `out` with runs of whitespace collapsed to one space.
/// `pending_space` carries a whitespace run across calls.
pub(crate) fn push_collapsed(out: &mut String, s: &str, pending_space: &mut bool) {
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

    #[test]
    fn counts_words_like_regex_w() {
        assert_eq!(word_count("Hello, world! It's 2023-10-31."), 7);
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("  über straße  "), 2);
    }

    #[test]
    fn collapses_space() {
        assert_eq!(normalize_space("  a \n\t b  c "), "a b c");
    }
}
