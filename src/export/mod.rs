//! Export: the review CSV a reviewer saves and opens again.
//!
//! Owns writing a [`Report`](crate::Report) with its findings as the tidy review CSV (one row per
//! cell, UTF-8 with BOM for Excel and WPS, RFC 4180 quoting, formula-like text neutralised),
//! reading it back into the same report, and saving atomically. It does not decide values or
//! statuses; it records them.
//!
//! Main items: [`write_review_csv`], [`read_review_csv`], [`save_review_csv`], [`ExportError`].

mod review_csv;

pub use review_csv::{
    ExportError, REVIEW_HEADER, neutralise, read_review_csv, review_csv_path, save_review_csv,
    write_review_csv,
};
