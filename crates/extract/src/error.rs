//! Why a page yields no article.

use thiserror::Error;

use crate::article::Article;

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
        /// What the page says about itself although it holds no article text: its title,
        /// authors, dates, language, site name, canonical URL, page type and the rest of
        /// the metadata, with an empty body. `None` only when the page was not parsed.
        page: Option<Box<Article>>,
    },
}

impl Rejection {
    /// A [`Rejection::NoArticle`] without page metadata (the extraction pipeline attaches
    /// it with [`Rejection::with_page`]).
    pub(crate) fn no_article(reason: &'static str) -> Self {
        Rejection::NoArticle { reason, page: None }
    }

    /// Attaches the page's metadata to a [`Rejection::NoArticle`]; other rejections are
    /// returned unchanged.
    pub(crate) fn with_page(self, article: Article) -> Self {
        match self {
            Rejection::NoArticle { reason, .. } => Rejection::NoArticle {
                reason,
                page: Some(Box::new(article)),
            },
            other => other,
        }
    }

    /// The metadata of a page rejected as [`Rejection::NoArticle`] (its body is empty),
    /// `None` for other rejections.
    pub fn page(&self) -> Option<&Article> {
        match self {
            Rejection::NoArticle { page, .. } => page.as_deref(),
            _ => None,
        }
    }

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
