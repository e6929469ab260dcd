//! Typed errors of the WARC reader.

/// One bad record (or a bad stretch of the file). Every variant carries the byte offset
/// where the trouble starts: for a plain WARC file the offset of the record in the file, for
/// a gzip-compressed one the offset of the gzip member holding the record (what CDX indexes
/// call the record's offset).
///
/// After any of these except [`WarcError::Io`] the reader has already resynchronised: the
/// next call returns the next good record.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WarcError {
    /// Reading the underlying file or stream failed; the reader stops.
    #[error("at offset {offset}: read error: {source}")]
    Io {
        /// Where reading failed.
        offset: u64,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A gzip member is corrupt or cut short.
    #[error("at offset {offset}: bad gzip data: {message}")]
    Gzip {
        /// The member's offset.
        offset: u64,
        /// What the decompressor said.
        message: String,
    },
    /// Something other than a `WARC/` version line where a record should start.
    #[error("at offset {offset}: not a WARC record (found {found:?})")]
    NotWarc {
        /// Where the garbage starts.
        offset: u64,
        /// The first bytes found there (at most 40, lossily decoded).
        found: String,
    },
    /// The record's header is malformed: a line without a colon, a missing or bad
    /// `Content-Length`, or a header over the size limit.
    #[error("at offset {offset}: bad WARC header: {message}")]
    BadHeader {
        /// The record's offset.
        offset: u64,
        /// What is wrong.
        message: String,
    },
    /// The file ends inside the record.
    #[error("at offset {offset}: record truncated: {got} of {expected} block bytes before the end of the data")]
    Truncated {
        /// The record's offset.
        offset: u64,
        /// The declared `Content-Length`.
        expected: u64,
        /// How many block bytes were present.
        got: u64,
    },
    /// The record's `Content-Length` does not match its data (the block is followed by
    /// something other than the record separator and the next record).
    #[error("at offset {offset}: Content-Length {declared} does not match the record's data")]
    LengthMismatch {
        /// The record's offset.
        offset: u64,
        /// The declared `Content-Length`.
        declared: u64,
    },
    /// The record (or its decoded HTTP payload) is larger than the configured limit; it was
    /// skipped without being held in memory.
    #[error("at offset {offset}: record of {length} bytes is over the {limit}-byte limit")]
    TooLarge {
        /// The record's offset.
        offset: u64,
        /// Its size (declared block length, or decoded payload size so far).
        length: u64,
        /// The limit.
        limit: u64,
    },
    /// A `response` record whose HTTP message cannot be parsed.
    #[error("at offset {offset}: bad HTTP response: {message}")]
    Http {
        /// The record's offset.
        offset: u64,
        /// What is wrong.
        message: String,
    },
}

impl WarcError {
    /// The byte offset the error refers to (see the type's documentation).
    pub fn offset(&self) -> u64 {
        match self {
            WarcError::Io { offset, .. }
            | WarcError::Gzip { offset, .. }
            | WarcError::NotWarc { offset, .. }
            | WarcError::BadHeader { offset, .. }
            | WarcError::Truncated { offset, .. }
            | WarcError::LengthMismatch { offset, .. }
            | WarcError::TooLarge { offset, .. }
            | WarcError::Http { offset, .. } => *offset,
        }
    }

    /// Whether the reader gave up after this error (an I/O error): no more records follow.
    pub fn is_fatal(&self) -> bool {
        matches!(self, WarcError::Io { .. })
    }
}
