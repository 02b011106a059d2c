//! Names of the files gouji writes beside a report, and how to recognise them.
//!
//! One report, one review file: the report's full file name plus `.gouji.csv` (`r.pdf` →
//! `r.pdf.gouji.csv`), so `r.txt` and `r.pdf` in one folder never share a review. The autosave
//! beside it adds `.recovery`. Review files of earlier versions were named after the stem
//! (`r.gouji.csv`); [`find_review_csv`] still reads one when it cannot belong to another report.
//! The folder walker asks [`is_gouji_output`] so gouji's own files are never read back as reports.
//!
//! Every writer, the window, the queue and the CLI take their names from here.

use std::path::{Path, PathBuf};

/// What a review file's name adds to its report's name.
pub const REVIEW_SUFFIX: &str = ".gouji.csv";
/// What a recovery file's name adds to its review file's name.
pub const RECOVERY_SUFFIX: &str = ".recovery";
/// File endings of the findings lists gouji writes (`r.pdf.findings.xlsx`).
const FINDINGS_SUFFIXES: [&str; 3] = [".findings.xlsx", ".findings.csv", ".findings.md"];
/// The name a temporary file of [`write_atomic`](super::write_atomic) starts with.
pub(super) const TEMP_PREFIX: &str = ".gouji-save-";

/// The review CSV that belongs beside `report`: its full file name plus `.gouji.csv`.
///
/// # Example
/// ```
/// use std::path::Path;
/// let csv = gouji::export::review_csv_path(Path::new("/d/报告 2023.pdf"));
/// assert_eq!(csv, Path::new("/d/报告 2023.pdf.gouji.csv"));
/// ```
pub fn review_csv_path(report: &Path) -> PathBuf {
    with_suffix(report, REVIEW_SUFFIX)
}

/// The findings list of `report` in `format`: the report's full file name plus
/// `.findings.xlsx` (`.csv`, `.md`), so the list never overwrites the report or its review.
///
/// # Example
/// ```
/// use std::path::Path;
/// use gouji::export::{FindingsFormat, findings_path};
/// let list = findings_path(Path::new("/d/r.pdf"), FindingsFormat::Xlsx);
/// assert_eq!(list, Path::new("/d/r.pdf.findings.xlsx"));
/// ```
pub fn findings_path(report: &Path, format: super::FindingsFormat) -> PathBuf {
    with_suffix(report, &format!(".findings.{}", format.extension()))
}

/// The recovery file beside a review CSV: `r.pdf.gouji.csv.recovery`.
pub fn recovery_path(review_csv: &Path) -> PathBuf {
    with_suffix(review_csv, RECOVERY_SUFFIX)
}

/// The name earlier versions gave the review CSV of `report`: its stem plus `.gouji.csv`.
pub fn legacy_review_csv_path(report: &Path) -> PathBuf {
    let stem = report.file_stem().unwrap_or_default().to_string_lossy();
    report.with_file_name(format!("{stem}{REVIEW_SUFFIX}"))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A review CSV found beside a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewFile {
    /// The review file named after the report's full name.
    Current(PathBuf),
    /// A review file of an earlier version (`r.gouji.csv`), read because no current one exists
    /// and only this report in its folder has the stem `r`. Saving writes the current name and
    /// leaves this file as it is.
    Legacy(PathBuf),
}

impl ReviewFile {
    /// The file's path.
    pub fn path(&self) -> &Path {
        match self {
            ReviewFile::Current(p) | ReviewFile::Legacy(p) => p,
        }
    }
}

/// The review CSV to read for `report`, if there is one: the current name, else an earlier
/// version's `STEM.gouji.csv` when exactly one report in the folder has that stem (otherwise it
/// could belong to `r.txt` as well as `r.pdf`, and is left alone).
pub fn find_review_csv(report: &Path) -> Option<ReviewFile> {
    let current = review_csv_path(report);
    if current.is_file() {
        return Some(ReviewFile::Current(current));
    }
    let legacy = legacy_review_csv_path(report);
    if !legacy.is_file() {
        return None;
    }
    let stem = report.file_stem()?;
    let folder = report.parent().unwrap_or(Path::new(""));
    let sharing_the_stem = crate::ingest::REPORT_EXTENSIONS
        .iter()
        .flat_map(|ext| [ext.to_string(), ext.to_ascii_uppercase()])
        .filter(|ext| {
            let mut name = stem.to_owned();
            name.push(".");
            name.push(ext);
            folder.join(name).is_file()
        })
        .count();
    (sharing_the_stem == 1).then_some(ReviewFile::Legacy(legacy))
}

/// Whether a file is one gouji wrote, recognised by its name (review, recovery, findings and
/// temporary files), by the first bytes of its content (`head`: a corpus or review CSV, the
/// JSON of `export` or `check`) or, for a ZIP archive, by the mark gouji puts in the workbooks
/// it writes (the corpus workbook of `export`), so the folder walker never reads one back as a
/// report.
///
/// # Example
/// ```
/// use std::path::Path;
/// use gouji::export::is_gouji_output;
/// assert!(is_gouji_output(Path::new("r.pdf.gouji.csv"), b""));
/// assert!(is_gouji_output(Path::new("corpus.txt"), "\u{FEFF}file,agency,year,form,status".as_bytes()));
/// assert!(!is_gouji_output(Path::new("r.txt"), "公安局2023年报告".as_bytes()));
/// ```
pub fn is_gouji_output(path: &Path, head: &[u8]) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let named = name.ends_with(REVIEW_SUFFIX)
        || name.ends_with(&format!("{REVIEW_SUFFIX}{RECOVERY_SUFFIX}"))
        || FINDINGS_SUFFIXES.iter().any(|s| name.ends_with(s))
        || (name.starts_with(TEMP_PREFIX) && name.ends_with(".tmp"));
    named
        || has_output_header(head)
        || (head.starts_with(b"PK\x03\x04") && super::workbook::written_by_gouji(path))
}

/// Whether `head` starts like a CSV or JSON file gouji writes.
fn has_output_header(head: &[u8]) -> bool {
    let text = head.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(head);
    if text.starts_with(b"file,agency,year,form,") {
        return true;
    }
    // `export --format json` and `check --json`: an array of objects whose first key is
    // "agency" (serde_json writes keys sorted) or "file".
    let mut rest = text.trim_ascii_start();
    for expected in [&b"["[..], b"{"] {
        match rest.strip_prefix(expected) {
            Some(r) => rest = r.trim_ascii_start(),
            None => return false,
        }
    }
    rest.starts_with(b"\"agency\"") || rest.starts_with(b"\"file\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_sharing_a_stem_get_their_own_review_files() {
        assert_ne!(
            review_csv_path(Path::new("d/r.txt")),
            review_csv_path(Path::new("d/r.pdf"))
        );
        assert_eq!(
            recovery_path(&review_csv_path(Path::new("d/r.pdf"))),
            Path::new("d/r.pdf.gouji.csv.recovery")
        );
    }

    #[test]
    fn a_legacy_review_file_is_read_only_when_one_report_has_its_stem() {
        let dir = tempfile::tempdir().unwrap();
        let txt = dir.path().join("r.txt");
        std::fs::write(&txt, "x").unwrap();
        std::fs::write(dir.path().join("r.gouji.csv"), "x").unwrap();
        assert_eq!(
            find_review_csv(&txt),
            Some(ReviewFile::Legacy(dir.path().join("r.gouji.csv")))
        );
        std::fs::write(dir.path().join("r.pdf"), "x").unwrap();
        assert_eq!(find_review_csv(&txt), None, "r.gouji.csv may be r.pdf's");
        std::fs::write(review_csv_path(&txt), "x").unwrap();
        assert_eq!(
            find_review_csv(&txt),
            Some(ReviewFile::Current(review_csv_path(&txt)))
        );
    }

    #[test]
    fn outputs_are_recognised_by_name_and_header() {
        for name in [
            "a.pdf.gouji.csv",
            "a.pdf.gouji.csv.recovery",
            "a.pdf.findings.md",
            ".gouji-save-x1.tmp",
        ] {
            assert!(is_gouji_output(Path::new(name), b""), "{name}");
        }
        assert!(is_gouji_output(
            Path::new("c.txt"),
            b"[\n  {\n    \"file\": \"a.txt\""
        ));
        assert!(!is_gouji_output(Path::new("c.md"), b"[link](x)"));
        assert!(!is_gouji_output(Path::new("c.txt"), b"file,"));
    }
}
