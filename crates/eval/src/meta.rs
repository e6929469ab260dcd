//! Metadata scoring: an exact port of `shared/eval/score_meta.py`.
//!
//! Per field, over the documents whose gold value is present and non-empty:
//! `title` is the share whose normalised title equals the gold one, `authors` the mean F1
//! between the normalised author-name sets, `date` the share whose calendar day
//! (`YYYY-MM-DD` as written) equals the gold day, and `language` the share whose primary
//! language subtag equals the gold one.

use std::collections::HashSet;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::pytext::{caseless_eq, is_decimal, is_space, is_word_char, lower, strip_ws};
use crate::record::{Gold, GoldAuthors, Pred};

/// score_meta.py's `FOLD` translation table (`None` deletes the character).
fn fold(c: char) -> Option<char> {
    match c {
        '\u{ad}' | '\u{200b}' => None,
        '\u{2018}' | '\u{2019}' => Some('\''),
        '\u{201c}' | '\u{201d}' => Some('"'),
        '\u{2013}' | '\u{2014}' => Some('-'),
        '\u{a0}' => Some(' '),
        c => Some(c),
    }
}

/// score_meta.py's `norm`: NFKC, fold quotes/dashes/soft hyphens, lower-case, collapse
/// whitespace, strip spaces, quotes and `.,:;|-` from both ends.
pub fn norm(s: &str) -> String {
    let folded: String = s.nfkc().filter_map(fold).collect();
    let lowered = lower(&folded);
    let mut collapsed = String::with_capacity(lowered.len());
    let mut in_space = false;
    for c in lowered.chars() {
        if is_space(c) {
            if !in_space {
                collapsed.push(' ');
            }
            in_space = true;
        } else {
            collapsed.push(c);
            in_space = false;
        }
    }
    collapsed
        .trim_matches(|c: char| " \t\n\"'.,:;|-".contains(c))
        .to_owned()
}

/// `re.split(r"\s*(?:;|,|\band\b|&|\|)\s*", s)`.
pub fn split_byline(s: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let n = chars.len();
    let at = |i: usize| if i < n { chars[i].0 } else { s.len() };
    let ch = |i: usize| chars.get(i).map(|&(_, c)| c);
    let skip_space = |mut i: usize| {
        while ch(i).is_some_and(is_space) {
            i += 1;
        }
        i
    };
    // The separator match starting at char `i`, as its end.
    let sep_at = |i: usize| -> Option<usize> {
        let j = skip_space(i);
        let k = match ch(j)? {
            ';' | ',' | '&' | '|' => j + 1,
            'a' if ch(j + 1) == Some('n')
                && ch(j + 2) == Some('d')
                && (j == 0 || !ch(j - 1).is_some_and(is_word_char))
                && !ch(j + 3).is_some_and(is_word_char) =>
            {
                j + 3
            }
            _ => return None,
        };
        Some(skip_space(k))
    };
    let mut out = Vec::new();
    let (mut last, mut i) = (0, 0);
    while i < n {
        match sep_at(i) {
            Some(end) => {
                out.push(&s[at(last)..at(i)]);
                last = end;
                i = end;
            }
            None => i += 1,
        }
    }
    out.push(&s[at(last)..]);
    out
}

/// `re.sub(r"^\s*(by|von|par|por|di)\s+", "", s, flags=re.I)`.
pub fn strip_by(s: &str) -> &str {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let ch = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut j = 0;
    while ch(j).is_some_and(is_space) {
        j += 1;
    }
    for word in ["by", "von", "par", "por", "di"] {
        let matched = word
            .chars()
            .enumerate()
            .all(|(k, l)| ch(j + k).is_some_and(|c| caseless_eq(c, l)));
        let mut e = j + word.len();
        if matched && ch(e).is_some_and(is_space) {
            while ch(e).is_some_and(is_space) {
                e += 1;
            }
            return chars.get(e).map_or("", |&(b, _)| &s[b..]);
        }
    }
    s
}

fn clean_names<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    names
        .map(|a| norm(strip_by(a)))
        .filter(|a| !a.is_empty())
        .collect()
}

/// score_meta.py's `split_authors` for a raw byline string.
pub fn split_authors_raw(s: &str) -> Vec<String> {
    clean_names(split_byline(s).into_iter())
}

/// score_meta.py's `split_authors` for a list of names (not split further).
pub fn split_authors_list(names: &[String]) -> Vec<String> {
    clean_names(names.iter().map(String::as_str))
}

fn gold_authors(a: &GoldAuthors) -> Vec<String> {
    match a {
        GoldAuthors::None => Vec::new(),
        GoldAuthors::Raw(s) => split_authors_raw(s),
        GoldAuthors::List(v) => split_authors_list(v),
    }
}

/// score_meta.py's `day`: the first `\d{4}-\d{2}-\d{2}` (Unicode digits) in the string.
pub fn day(s: &str) -> Option<&str> {
    const SHAPE: [bool; 10] = [true, true, true, true, false, true, true, false, true, true];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    (0..chars.len().saturating_sub(SHAPE.len() - 1)).find_map(|i| {
        let ok = SHAPE.iter().enumerate().all(|(k, &digit)| {
            let c = chars[i + k].1;
            if digit {
                is_decimal(c)
            } else {
                c == '-'
            }
        });
        ok.then(|| {
            let end = chars.get(i + SHAPE.len()).map_or(s.len(), |&(b, _)| b);
            &s[chars[i].0..end]
        })
    })
}

/// score_meta.py's `lang`: the primary subtag, lower-cased (`None` when empty).
pub fn lang(s: &str) -> Option<String> {
    let primary = s.split('-').next().unwrap_or("");
    let primary = primary.split('_').next().unwrap_or("");
    Some(lower(primary)).filter(|l| !l.is_empty())
}

/// One field's tally.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Field {
    /// Documents whose gold value is present.
    pub docs: usize,
    /// Mean score over those documents (`None` when there are none).
    pub score: Option<f64>,
    #[serde(skip)]
    sum: f64,
}

impl Field {
    fn add(&mut self, s: f64) {
        self.docs += 1;
        self.sum += s;
        self.score = Some(self.sum / self.docs as f64);
    }
}

/// What `score_meta.py --json` reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct MetaReport {
    /// Title exact match (normalised).
    pub title: Field,
    /// Author-set F1.
    pub authors: Field,
    /// Publication day match.
    pub date: Field,
    /// Primary language match.
    pub language: Field,
}

/// One document's metadata checks (only the fields whose gold value is present).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct MetaChecks {
    /// Title score (0 or 1).
    pub title: Option<f64>,
    /// Author-set F1.
    pub authors: Option<f64>,
    /// Date score (0 or 1).
    pub date: Option<f64>,
    /// Language score (0 or 1).
    pub language: Option<f64>,
}

/// Scores one document's metadata as score_meta.py does.
pub fn check(g: &Gold, p: Option<&Pred>) -> MetaChecks {
    let mut out = MetaChecks::default();
    if let Some(t) = g.title.as_deref().filter(|t| !strip_ws(t).is_empty()) {
        let pt = p.and_then(|p| p.title.as_deref()).unwrap_or("");
        out.title = Some(f64::from(u8::from(norm(pt) == norm(t))));
    }
    let ga = gold_authors(&g.authors);
    if !ga.is_empty() {
        let pa = p
            .map(|p| split_authors_list(&p.authors))
            .unwrap_or_default();
        let f1 = if pa.is_empty() {
            0.0
        } else {
            let gs: HashSet<&String> = ga.iter().collect();
            let ps: HashSet<&String> = pa.iter().collect();
            2.0 * gs.intersection(&ps).count() as f64 / (gs.len() + ps.len()) as f64
        };
        out.authors = Some(f1);
    }
    if let Some(gd) = g.date.as_deref().and_then(day) {
        let pd = p.and_then(|p| p.published.as_deref()).and_then(day);
        out.date = Some(f64::from(u8::from(Some(gd) == pd)));
    }
    if let Some(gl) = g.lang.as_deref().and_then(lang) {
        let pl = p.and_then(|p| p.language.as_deref()).and_then(lang);
        out.language = Some(f64::from(u8::from(Some(gl) == pl)));
    }
    out
}

/// Scores predictions against gold records exactly as `score_meta.py GOLD PRED` does.
pub fn score(golds: &[Gold], preds: &[Pred]) -> MetaReport {
    let pred = crate::record::pred_map(preds);
    let mut out = MetaReport::default();
    for g in golds {
        let c = check(g, pred.get(g.id.as_str()).copied());
        for (field, s) in [
            (&mut out.title, c.title),
            (&mut out.authors, c.authors),
            (&mut out.date, c.date),
            (&mut out.language, c.language),
        ] {
            if let Some(s) = s {
                field.add(s);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_folds_like_python() {
        assert_eq!(
            norm("  \u{201c}Hello\u{a0}\u{a0}World\u{201d} – Site. "),
            "hello world\" - site"
        );
        assert_eq!(norm("ﬁne\u{ad}\u{200b}"), "fine");
        assert_eq!(norm("'Don\u{2019}t'"), "don't");
        assert_eq!(norm("ΣΟΦΟΣ"), "σοφος");
        assert_eq!(norm(""), "");
    }

    #[test]
    fn byline_split() {
        assert_eq!(
            split_byline("A, B and C & D|E; F"),
            ["A", "B", "C", "D", "E", "F"]
        );
        assert_eq!(split_byline("Anderson and Sandy"), ["Anderson", "Sandy"]);
        assert_eq!(split_byline("Brandon Band"), ["Brandon Band"]);
        assert_eq!(split_byline("and"), ["", ""]);
        assert_eq!(split_byline("X ,"), ["X", ""]);
        assert_eq!(split_byline(""), [""]);
        assert_eq!(split_byline("é and ü"), ["é", "ü"]);
        assert_eq!(split_byline("éand ü"), ["éand ü"]);
    }

    #[test]
    fn prefix_strip() {
        assert_eq!(strip_by("By Jane Doe"), "Jane Doe");
        assert_eq!(strip_by("  von  Hans"), "Hans");
        assert_eq!(strip_by("Byron"), "Byron");
        assert_eq!(strip_by("Di\tMaria"), "Maria");
        assert_eq!(strip_by("Dİ Maria"), "Maria");
        assert_eq!(strip_by("by"), "by");
        assert_eq!(strip_by("por "), "");
        assert_eq!(
            split_authors_raw("By Jane Doe and  JOHN SMITH, "),
            ["jane doe", "john smith"]
        );
    }

    #[test]
    fn day_and_lang() {
        assert_eq!(day("2024-03-05T10:00:00+01:00"), Some("2024-03-05"));
        assert_eq!(day("on 12024-03-05"), Some("2024-03-05"));
        assert_eq!(day("05.03.2024"), None);
        assert_eq!(day("٢٠٢٤-٠٣-٠٥"), Some("٢٠٢٤-٠٣-٠٥"));
        assert_eq!(lang("en-US").as_deref(), Some("en"));
        assert_eq!(lang("PT_br").as_deref(), Some("pt"));
        assert_eq!(lang("-x"), None);
    }

    #[test]
    fn document_checks() {
        let g = Gold {
            id: "1".into(),
            title: Some("The Title".into()),
            authors: GoldAuthors::Raw("By A. Person and B. Other".into()),
            date: Some("2020-01-02".into()),
            lang: Some("de".into()),
            ..Gold::default()
        };
        let p = Pred {
            id: "1".into(),
            title: Some("the  title".into()),
            authors: vec!["A. Person".into(), "Someone".into(), "a. person".into()],
            published: Some("2020-01-02T00:00:00Z".into()),
            language: Some("en".into()),
            ..Pred::default()
        };
        let c = check(&g, Some(&p));
        assert_eq!(c.title, Some(1.0));
        // gold {a. person, b. other}, pred {a. person, someone}: 2*1/(2+2).
        assert_eq!(c.authors, Some(0.5));
        assert_eq!(c.date, Some(1.0));
        assert_eq!(c.language, Some(0.0));
        let c = check(&g, None);
        assert_eq!(
            (c.title, c.authors, c.date, c.language),
            (Some(0.0), Some(0.0), Some(0.0), Some(0.0))
        );
        let blank = Gold {
            title: Some("  ".into()),
            ..Gold::default()
        };
        assert_eq!(check(&blank, None), MetaChecks::default());
    }
}
