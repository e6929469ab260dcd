//! Why a page yields no article.

use thiserror::Error;

/// Why a page yields no article. Extraction never panics: every failure is one of these.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum Rejection {
    /// The input was empty or whitespace only.
    #[error("empty input")]
    Empty,
    /// The input is larger than [`crate::Options::with_max_bytes`].
    #[error("input is {size} bytes, over the {limit}-byte limit")]
    TooLarge {
        /// Input size in bytes.
        size: usize,
        /// The configured limit.
        limit: usize,
    },
    /// The input does not look like HTML (binary data, an image, a PDF, ...).
    #[error("not HTML: {reason}")]
    NotHtml {
        /// What gave it away.
        reason: &'static str,
    },
    /// The page parsed, but no article text was found (an index page, an error page, a bare shell).
    #[error("no article found: {reason}")]
    NoArticle {
        /// Why the candidate text was refused.
        reason: &'static str,
    },
}

impl Rejection {
    /// A short stable machine-readable code for the reason (`empty`, `too_large`, `not_html`, `no_article`).
    pub fn code(&self) -> &'static str {
        match self {
            Rejection::Empty => "empty",
            Rejection::TooLarge { .. } => "too_large",
            Rejection::NotHtml { .. } => "not_html",
            Rejection::NoArticle { .. } => "no_article",
        }
    }
}
