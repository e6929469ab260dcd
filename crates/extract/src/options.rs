//! Extraction options.

/// Options for [`crate::extract`]. Build with [`Options::default`] and the `with_*` setters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub(crate) encoding: Option<&'static encoding_rs::Encoding>,
    pub(crate) max_bytes: usize,
    pub(crate) max_depth: usize,
    pub(crate) max_nodes: usize,
    pub(crate) min_words: usize,
    pub(crate) captions: bool,
    pub(crate) tables: bool,
    pub(crate) reference_time: Option<i64>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            encoding: None,
            max_bytes: 64 * 1024 * 1024,
            max_depth: 256,
            max_nodes: 2_000_000,
            min_words: 10,
            captions: false,
            tables: true,
            reference_time: None,
        }
    }
}

impl Options {
    /// The transport charset (HTTP `Content-Type` charset, or a user override), as a
    /// WHATWG label such as `utf-8` or `windows-1252`. It wins over `<meta charset>` and
    /// detection, but not over a byte-order mark. Unknown labels are ignored.
    /// Default: none.
    pub fn with_encoding(mut self, label: Option<&str>) -> Self {
        self.encoding = label.and_then(|l| encoding_rs::Encoding::for_label(l.trim().as_bytes()));
        self
    }

    /// Inputs larger than this many bytes are rejected with [`crate::Rejection::TooLarge`].
    /// Default: 64 MiB.
    pub fn with_max_bytes(mut self, n: usize) -> Self {
        self.max_bytes = n;
        self
    }

    /// Maximum element nesting depth kept in the tree; deeper elements are attached to
    /// the deepest allowed ancestor (and a [`crate::Warning::DepthLimit`] is recorded).
    /// Default: 256.
    pub fn with_max_depth(mut self, n: usize) -> Self {
        self.max_depth = n.max(8);
        self
    }

    /// Maximum number of tree nodes; the rest of the page is ignored past it
    /// (and a [`crate::Warning::NodeLimit`] is recorded). Default: 2,000,000.
    pub fn with_max_nodes(mut self, n: usize) -> Self {
        self.max_nodes = n.max(16);
        self
    }

    /// Bodies with fewer words than this are rejected as
    /// [`crate::Rejection::NoArticle`], unless the body is all that a tiny static page shows
    /// (fewer than 10 words in all, no scripts or frames, no error message, not mostly
    /// links: a stub or a minimal document is its text). Default: 10.
    pub fn with_min_words(mut self, n: usize) -> Self {
        self.min_words = n;
        self
    }

    /// Keep image and figure captions in the body as [`crate::Block::Caption`]. Default: off.
    pub fn with_captions(mut self, on: bool) -> Self {
        self.captions = on;
        self
    }

    /// Keep tables in the body as [`crate::Block::TableRow`]s. Default: on.
    pub fn with_tables(mut self, on: bool) -> Self {
        self.tables = on;
        self
    }

    /// The moment the page was captured, in seconds since the Unix epoch (UTC): for a WARC
    /// record its `WARC-Date`, for a fetched page the fetch time. Relative dates on the page
    /// ("3 hours ago") are resolved against it, and publication dates after it are rejected
    /// as impossible. Default: none (relative dates are ignored; no future-date check).
    pub fn with_reference_time(mut self, unix_seconds: Option<i64>) -> Self {
        self.reference_time = unix_seconds;
        self
    }

    /// The capture time set by [`Options::with_reference_time`], if any.
    pub fn reference_time(&self) -> Option<i64> {
        self.reference_time
    }

    /// The transport charset set by [`Options::with_encoding`], if any.
    pub fn encoding(&self) -> Option<&'static encoding_rs::Encoding> {
        self.encoding
    }

    /// The input size limit set by [`Options::with_max_bytes`].
    pub fn max_bytes(&self) -> usize {
        self.max_bytes
    }
}
