//! The extraction result: an [`Article`] made of structured [`Block`]s.

use serde::{Deserialize, Serialize};

/// One structural unit of an article body.
///
/// The body is a flat sequence of blocks in reading order; every output
/// format (plain text, Markdown, HTML, JSON) is a serialisation of this list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Block {
    /// A paragraph of running text. Line breaks (`<br>`) are kept as `\n`.
    Paragraph {
        /// The paragraph text, whitespace-collapsed.
        text: String,
    },
    /// A subheading inside the body.
    Heading {
        /// Heading level, 1 to 6 (as in `<h1>`..`<h6>`).
        level: u8,
        /// The heading text.
        text: String,
    },
    /// One item of a list.
    ListItem {
        /// `true` for an ordered (`<ol>`) list.
        ordered: bool,
        /// Nesting depth, 0 for a top-level list.
        depth: u8,
        /// The item text.
        text: String,
    },
    /// A block quotation (one paragraph of it).
    Quote {
        /// The quoted text.
        text: String,
    },
    /// Preformatted text (code, poems), whitespace preserved.
    Preformatted {
        /// The text exactly as laid out.
        text: String,
    },
    /// One row of a table.
    TableRow {
        /// `true` when the row is made of header cells (`<th>`).
        header: bool,
        /// The cell texts, left to right.
        cells: Vec<String>,
    },
    /// An image or figure caption (only when [`crate::Options::with_captions`] is on).
    Caption {
        /// The caption text.
        text: String,
    },
}

impl Block {
    /// The plain text of the block (table cells joined by ` | `).
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Block::Paragraph { text }
            | Block::Heading { text, .. }
            | Block::ListItem { text, .. }
            | Block::Quote { text }
            | Block::Preformatted { text }
            | Block::Caption { text } => std::borrow::Cow::Borrowed(text),
            Block::TableRow { cells, .. } => std::borrow::Cow::Owned(cells.join(" | ")),
        }
    }
}

/// The article found in a page.
///
/// Fields the extractor could not determine are `None` (or empty lists);
/// nothing is ever invented.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Article {
    /// The headline.
    pub title: Option<String>,
    /// Author names.
    pub authors: Vec<String>,
    /// Publication date, ISO 8601 (date, or date-time with offset when known).
    pub published: Option<String>,
    /// Primary language, BCP 47 (for example `en`, `de`).
    pub language: Option<String>,
    /// The site's name.
    pub site_name: Option<String>,
    /// The page's URL (canonical when the page declares one), when known.
    pub url: Option<String>,
    /// The body as structured blocks, in reading order.
    pub blocks: Vec<Block>,
    /// Last-modification date, ISO 8601 like [`Article::published`]; never before it.
    pub modified: Option<String>,
    /// Where [`Article::published`] and [`Article::modified`] were found.
    pub date_source: Option<DateProvenance>,
    /// The lead or summary the page declares (og:description, meta description, JSON-LD).
    pub description: Option<String>,
    /// Sections or categories (article:section, JSON-LD articleSection), in page order.
    pub categories: Vec<String>,
    /// Tags and keywords (article:tag, keywords, JSON-LD keywords), in page order.
    pub tags: Vec<String>,
    /// The main image URL (og:image, twitter:image, JSON-LD image), resolved against the page URL.
    pub image: Option<String>,
    /// What kind of page this is.
    pub page_type: Option<PageType>,
}

/// Where a date was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DateSource {
    /// JSON-LD structured data (`datePublished`, `dateModified`, ...).
    JsonLd,
    /// A `<meta>` tag (`article:published_time`, Dublin Core, ...) or microdata `itemprop`.
    Meta,
    /// A `<time datetime>` element.
    Time,
    /// The date in the URL path (`/2023/10/31/`).
    Url,
    /// A date written in the visible text ("31 octobre 2023", "3 hours ago").
    Text,
    /// Data that the page's scripts hold outside JSON-LD (application state such as
    /// `"publishedDate": "2016-11-04T20:37:27Z"`): a last resort.
    Script,
}

/// The provenance of the article's dates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DateProvenance {
    /// Source of the published date.
    pub published: Option<DateSource>,
    /// Source of the modified date.
    pub modified: Option<DateSource>,
}

impl DateProvenance {
    /// Provenance from the two sources; `None` when both are unknown.
    pub fn new(published: Option<DateSource>, modified: Option<DateSource>) -> Option<Self> {
        (published.is_some() || modified.is_some()).then_some(DateProvenance {
            published,
            modified,
        })
    }
}

/// The kind of page, as far as the page's own markup and shape tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PageType {
    /// A single article (news story, blog post, report).
    Article,
    /// A live blog (JSON-LD `LiveBlogPosting`).
    LiveBlog,
    /// A listing or index page (section front, search results, archive).
    Listing,
    /// A page whose main object is a video.
    Video,
    /// Anything else.
    Other,
}

impl Article {
    /// The plain-text body: one block per line (paragraphs separated by `\n`).
    pub fn text(&self) -> String {
        let mut out = String::new();
        for b in &self.blocks {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&b.text());
        }
        out
    }

    /// Number of words (runs of alphanumeric characters) in the body.
    pub fn word_count(&self) -> usize {
        word_count(&self.blocks)
    }
}

/// Number of words in the blocks ([`crate::text::word_count`] of each block's text).
pub(crate) fn word_count(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|b| crate::text::word_count(&b.text()))
        .sum()
}

/// Whether the blocks hold at least `min` words ([`word_count`] `>= min`), counting only
/// as far as needed.
pub(crate) fn has_words(blocks: &[Block], min: usize) -> bool {
    let mut n = 0;
    for b in blocks {
        if n >= min {
            return true;
        }
        n += crate::text::word_count(&b.text());
    }
    n >= min
}

/// A successful extraction: the article plus what the extractor noticed on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Extracted {
    /// The article.
    pub article: Article,
    /// The character encoding the page was decoded from (WHATWG label, e.g. `UTF-8`).
    pub encoding: &'static str,
    /// Non-fatal problems (for example: a limit was hit and the tree was flattened).
    pub warnings: Vec<Warning>,
}

/// A non-fatal problem noticed during extraction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Warning {
    /// The element nesting exceeded [`crate::Options::with_max_depth`]; deeper
    /// elements were attached to the deepest allowed ancestor.
    DepthLimit,
    /// The node count exceeded [`crate::Options::with_max_nodes`]; the rest of the page was ignored.
    NodeLimit,
    /// Bytes that are not valid in the detected encoding were replaced by U+FFFD.
    MalformedEncoding,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_words_agrees_with_the_full_count() {
        let para = |t: &str| Block::Paragraph { text: t.into() };
        let blocks = vec![para("one two three"), para("four, five"), para("six")];
        for min in 0..9 {
            assert_eq!(has_words(&blocks, min), word_count(&blocks) >= min, "{min}");
        }
        assert_eq!(word_count(&blocks), 6);
        assert!(has_words(&[], 0));
        assert!(!has_words(&[], 1));
    }
}
