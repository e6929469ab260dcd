//! Record filters: `--lang`, `--site`, `--since`, `--until`.

use anyhow::{bail, Result};
use gleaner_extract::record::Record;

/// Which articles to keep. With no filter set every record is kept (failures too);
/// with any filter set only articles matching all of them are.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    langs: Vec<String>,
    sites: Vec<String>,
    since: Option<String>,
    until: Option<String>,
}

/// Checks a `YYYY-MM-DD` date argument.
fn check_date(flag: &str, d: &str) -> Result<String> {
    let b = d.as_bytes();
    let ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !ok {
        bail!("{flag} takes a date as YYYY-MM-DD, not {d:?}");
    }
    Ok(d.to_string())
}

impl Filter {
    /// Builds the filter from the command-line values.
    pub fn new(
        langs: &[String],
        sites: &[String],
        since: Option<&str>,
        until: Option<&str>,
    ) -> Result<Self> {
        let clean = |v: &[String]| -> Vec<String> {
            v.iter()
                .map(|s| s.trim().trim_start_matches('.').to_ascii_lowercase())
                .filter(|s| !s.is_empty())
                .collect()
        };
        Ok(Filter {
            langs: clean(langs),
            sites: clean(sites),
            since: since.map(|d| check_date("--since", d)).transpose()?,
            until: until.map(|d| check_date("--until", d)).transpose()?,
        })
    }

    /// Whether any filter is set.
    pub fn active(&self) -> bool {
        !self.langs.is_empty()
            || !self.sites.is_empty()
            || self.since.is_some()
            || self.until.is_some()
    }

    /// Whether the record passes.
    pub fn keep(&self, rec: &Record) -> bool {
        if !self.active() {
            return true;
        }
        if !rec.is_article() {
            return false;
        }
        if !self.langs.is_empty() {
            let Some(lang) = rec.language.as_deref() else {
                return false;
            };
            let primary = lang.split(['-', '_']).next().unwrap_or("");
            if !self.langs.iter().any(|l| l.eq_ignore_ascii_case(primary)) {
                return false;
            }
        }
        if !self.sites.is_empty() {
            let host = [rec.url.as_deref(), Some(rec.source.as_str())]
                .into_iter()
                .flatten()
                .find_map(|u| url::Url::parse(u).ok()?.host_str().map(str::to_string));
            let Some(host) = host else { return false };
            let host = host.to_ascii_lowercase();
            let matches = |s: &String| {
                host == *s
                    || (host.len() > s.len()
                        && host.ends_with(s.as_str())
                        && host.as_bytes()[host.len() - s.len() - 1] == b'.')
            };
            if !self.sites.iter().any(matches) {
                return false;
            }
        }
        if self.since.is_some() || self.until.is_some() {
            let Some(date) = rec.published.as_deref().and_then(|p| p.get(..10)) else {
                return false;
            };
            if self.since.as_deref().is_some_and(|s| date < s)
                || self.until.as_deref().is_some_and(|u| date > u)
            {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(url: &str, lang: Option<&str>, published: Option<&str>) -> Record {
        Record {
            source: url.into(),
            url: Some(url.into()),
            language: lang.map(Into::into),
            published: published.map(Into::into),
            text: Some("x".into()),
            ..Record::default()
        }
    }

    #[test]
    fn filters() {
        let none = Filter::default();
        assert!(!none.active());
        assert!(none.keep(&Record::input_error("x", "boom")));

        let f = Filter::new(&["EN".into()], &[], None, None).unwrap();
        assert!(f.keep(&article("http://a.org/", Some("en"), None)));
        assert!(f.keep(&article("http://a.org/", Some("en-GB"), None)));
        assert!(!f.keep(&article("http://a.org/", Some("de"), None)));
        assert!(!f.keep(&article("http://a.org/", None, None)));
        assert!(!f.keep(&Record::input_error("x", "boom")));

        let f = Filter::new(
            &[],
            &["example.com".into(), ".bbc.co.uk".into()],
            None,
            None,
        )
        .unwrap();
        assert!(f.keep(&article("https://example.com/a", None, None)));
        assert!(f.keep(&article("https://www.Example.com/a", None, None)));
        assert!(f.keep(&article("https://news.bbc.co.uk/a", None, None)));
        assert!(!f.keep(&article("https://notexample.com/a", None, None)));
        assert!(!f.keep(&article("https://example.com.evil.net/a", None, None)));

        let f = Filter::new(&[], &[], Some("2024-01-01"), Some("2024-12-31")).unwrap();
        assert!(f.keep(&article("u", None, Some("2024-03-05T08:00:00+01:00"))));
        assert!(f.keep(&article("u", None, Some("2024-12-31"))));
        assert!(!f.keep(&article("u", None, Some("2025-01-01"))));
        assert!(!f.keep(&article("u", None, Some("2023-12-31T23:59:59Z"))));
        assert!(!f.keep(&article("u", None, None)));

        assert!(Filter::new(&[], &[], Some("2024-1-1"), None).is_err());
        assert!(Filter::new(&[], &[], None, Some("yesterday")).is_err());
    }
}
