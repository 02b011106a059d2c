//! Why a report of a folder could not be read, as a kind ([`Failure`]) the window can put in
//! its own words: the library's English reason (`Entry::error`) stays what the CLI prints,
//! while the window translates by kind and never matches the English text.

use crate::ingest::IngestError;

/// What kind of failure kept a report from being read, with the figures a sentence needs.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Failure {
    /// The file is not there (any more).
    Missing,
    /// The file may not be read by this user.
    PermissionDenied,
    /// Reading the disk failed otherwise.
    Io,
    /// The file is larger than gouji reads.
    TooLarge {
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The file is empty.
    Empty,
    /// Not a regular file (a FIFO, a device, a broken link, a folder that cannot be listed).
    NotAFile,
    /// Far more structure than a report has (cells, nesting, pages).
    TooComplex,
    /// Reading took too long.
    TimedOut {
        /// The limit in seconds.
        seconds: u64,
    },
    /// Binary data or an unknown encoding, not text.
    NotText,
    /// A format gouji does not read (legacy .doc, a scanned or encrypted PDF).
    Unsupported,
    /// A damaged file of a known format.
    Damaged {
        /// The format (`DOCX`, `PDF`).
        format: &'static str,
    },
    /// Anything else.
    Other,
}

impl Failure {
    /// The kind of a failure to read the disk: missing, not permitted, or other.
    pub fn of_io(error: &std::io::Error) -> Failure {
        match error.kind() {
            std::io::ErrorKind::NotFound => Failure::Missing,
            std::io::ErrorKind::PermissionDenied => Failure::PermissionDenied,
            _ => Failure::Io,
        }
    }

    /// The kind of `error`.
    ///
    /// # Example
    /// ```
    /// use gouji::{corpus::Failure, ingest::IngestError};
    /// assert_eq!(Failure::of(&IngestError::Empty), Failure::Empty);
    /// ```
    pub fn of(error: &IngestError) -> Failure {
        // `if let`s, not a match: a reader added later falls to `Other` until it is named here.
        if let IngestError::Io { source, .. } = error {
            return Failure::of_io(source);
        }
        if let IngestError::TooLarge { size, limit } = error {
            return Failure::TooLarge {
                size: *size,
                limit: *limit,
            };
        }
        if let IngestError::TimedOut { seconds } = error {
            return Failure::TimedOut { seconds: *seconds };
        }
        if let IngestError::Malformed { format, .. } = error {
            return Failure::Damaged { format };
        }
        match error {
            IngestError::Empty => Failure::Empty,
            IngestError::NotAFile { .. } => Failure::NotAFile,
            IngestError::Budget { .. } => Failure::TooComplex,
            IngestError::NotText(_) => Failure::NotText,
            IngestError::Unsupported(_) => Failure::Unsupported,
            _ => Failure::Other,
        }
    }
}
