//! Export: every file gouji writes, and how it writes it.
//!
//! Owns every writer: the review CSV a reviewer saves and opens again (one row per cell, UTF-8
//! with BOM for Excel and WPS, RFC 4180 quoting, formula-like text neutralised) and reading it
//! back ([`write_review_csv`], [`read_review_csv`]); the analyst's corpus CSV of a folder, one row
//! per report ([`export_corpus_csv`], [`write_corpus_csv`], its columns [`corpus_keys`]); the
//! JSON shape of a report that `check --json` prints and `export --format json` writes
//! ([`report_json`], [`write_findings_json`], [`write_corpus_json`]); the corpus workbook
//! (`corpus_xlsx`: [`write_corpus_xlsx`], the corpus CSV's rows typed, plus every finding and
//! every correction; `workbook` makes the cells of every workbook); the findings list of one report the reviewer sends back to the agency
//! (`findings`: [`write_findings_list`] as XLSX, CSV or Markdown, named by [`findings_path`]); the one atomic-write helper
//! every file goes through ([`write_atomic`]: temporary file, rename, modes kept); the one naming
//! function for the files beside a report ([`review_csv_path`] and its kin); and text made safe
//! for a terminal ([`terminal_safe`]). It does not decide values or statuses, and it does not
//! load folders (that is `corpus`, which hands each report over as a [`ReportRow`]); it records
//! what it is given.
//!
//! Main items: [`write_review_csv`], [`read_review_csv`], [`save_review_csv`],
//! [`export_corpus_csv`], [`report_json`], [`ReportRow`], [`write_atomic`], [`review_csv_path`],
//! [`find_review_csv`], [`ExportError`].

mod atomic;
mod corpus_csv;
mod corpus_xlsx;
mod findings;
mod json;
mod naming;
mod review_csv;
mod terminal;
mod workbook;

use std::path::{Path, PathBuf};

use crate::report::Report;
use crate::rules::Finding;

pub use atomic::write_atomic;
pub use corpus_csv::{
    CorpusRow, ExportCounts, corpus_keys, export_corpus_csv, write_corpus_csv, write_corpus_rows,
};
pub use corpus_xlsx::write_corpus_xlsx;
pub use findings::{FINDINGS_COLUMNS, FindingsFormat, write_findings_list};
pub use json::{report_json, write_corpus_json, write_findings_json};
pub use naming::{
    RECOVERY_SUFFIX, REVIEW_SUFFIX, ReviewFile, find_review_csv, findings_path, is_gouji_output,
    legacy_review_csv_path, recovery_path, review_csv_path,
};
pub use review_csv::{
    REVIEW_HEADER, neutralise, read_review_csv, read_review_csv_with, save_review_csv,
    write_review_csv,
};
pub use terminal::terminal_safe;
pub use workbook::{cell_words, exact_f64};

/// One report as the corpus exports and `check --json` write it: a row of the corpus CSV, an
/// object of the JSON. Borrowed from whoever loaded the report (`corpus::Entry` converts into it).
#[derive(Debug, Clone)]
pub struct ReportRow<'a> {
    /// The report file, as given or found.
    pub file: &'a Path,
    /// The report: reviewed values where a review CSV was read, extracted values otherwise.
    pub report: &'a Report,
    /// Every finding of the report.
    pub findings: &'a [Finding],
    /// The report's status in a folder's queue, as its English label (`broken 3`, `clean`).
    pub status: String,
    /// Why the file could not be read, if it could not (the CSV then leaves `form` empty).
    pub error: Option<&'a str>,
    /// What is wrong with the review CSV beside the report, when one was not used or was read
    /// from an earlier version's name.
    pub review_warning: Option<&'a str>,
}

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
