//! Export: every file gouji writes, and how it writes it.
//!
//! Owns the review CSV a reviewer saves and opens again (one row per cell, UTF-8 with BOM for
//! Excel and WPS, RFC 4180 quoting, formula-like text neutralised) and reading it back; the one
//! atomic-write helper every writer goes through ([`write_atomic`]: temporary file, rename, modes
//! kept); the one naming function for the files beside a report ([`review_csv_path`] and its
//! kin); and text made safe for a terminal ([`terminal_safe`]). It does not decide values or
//! statuses; it records them.
//!
//! Main items: [`write_review_csv`], [`read_review_csv`], [`save_review_csv`], [`write_atomic`],
//! [`review_csv_path`], [`find_review_csv`], [`ExportError`].

mod atomic;
mod naming;
mod review_csv;
mod terminal;

use std::path::PathBuf;

pub use atomic::write_atomic;
pub use naming::{
    RECOVERY_SUFFIX, REVIEW_SUFFIX, ReviewFile, find_review_csv, is_gouji_output,
    legacy_review_csv_path, recovery_path, review_csv_path,
};
pub use review_csv::{
    REVIEW_HEADER, neutralise, read_review_csv, read_review_csv_with, save_review_csv,
    write_review_csv,
};
pub use terminal::terminal_safe;

/// Why a file could not be written, or a review CSV not read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// Reading or writing failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// Another program (Excel, WPS) holds the file open, so it cannot be replaced.
    #[error(
        "{path} is open in another program (Excel or WPS?): close it there and save again; nothing was written"
    )]
    Locked {
        /// The file.
        path: PathBuf,
    },
    /// The target exists and is not a regular file (a folder, a device, a FIFO).
    #[error("{path} is not a regular file: nothing was written")]
    NotAFile {
        /// The target.
        path: PathBuf,
    },
    /// Writing failed before the target was known to the writer (the atomic-write helper adds
    /// the path).
    #[error("cannot write: {0}")]
    Write(#[from] std::io::Error),
    /// The CSV layer failed (bad quoting, I/O).
    #[error("CSV: {0}")]
    Csv(#[from] csv::Error),
    /// The header is not the review CSV's.
    #[error("not a gouji review CSV: {0}")]
    Header(String),
    /// A row does not fit the report.
    #[error("line {line}: {reason}")]
    Row {
        /// 1-based line of the CSV.
        line: u64,
        /// What is wrong.
        reason: String,
    },
}
