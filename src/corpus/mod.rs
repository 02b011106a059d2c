//! A folder of reports: each report with its review state, and the analyst's corpus table.
//!
//! Owns loading many reports at once (in parallel), reading back each report's review CSV
//! (`NAME.EXT.gouji.csv` beside it, [`export::find_review_csv`]) so a review can stop today and go
//! on tomorrow, and saying so when a review CSV beside a report cannot be used; the folder walker
//! ([`walk`]); the queue status
//! of each report, the cross-year checks between them, and the wide corpus CSV (one row per
//! report, one column per cell key). It does not draw anything or decide values.
//!
//! Main items: [`Entry`], [`QueueStatus`], [`load_all`], [`export_corpus_csv`], [`queue::Queue`],
//! [`walk::walk`].

pub mod queue;
pub mod walk;
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use rayon::prelude::*;

use crate::check;
use crate::export::{self, ExportError};
use crate::report::{CellKey, Report, Status, Value};
use crate::rules::{self, Finding, Policy, Severity};
use crate::template::{FORM_2021, Registry, TableId};
use crate::{extract, ingest};

/// Where a report stands in the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum QueueStatus {
    /// The file could not be read.
    Unreadable,
    /// This many rule equations are broken.
    Broken(usize),
    /// Some cells could not be placed.
    Ambiguous,
    /// Some rules could not be checked for blank inputs.
    Incomplete,
    /// Corrected by a reviewer, no rule broken.
    Edited,
    /// The report has none of the standard tables (e.g. from before 2019).
    NoTables,
    /// Every rule holds.
    Clean,
    /// Marked reviewed: every cell is reviewed or blank.
    Reviewed,
}

impl QueueStatus {
    /// A short English label (`broken 3`).
    pub fn label(self) -> String {
        match self {
            QueueStatus::Unreadable => "unreadable".into(),
            QueueStatus::Broken(n) => format!("broken {n}"),
            QueueStatus::Ambiguous => "ambiguous".into(),
            QueueStatus::Incomplete => "incomplete".into(),
            QueueStatus::Edited => "edited".into(),
            QueueStatus::NoTables => "no tables".into(),
            QueueStatus::Clean => "clean".into(),
            QueueStatus::Reviewed => "reviewed".into(),
        }
    }

    /// Whether a reviewer still has to look at the report.
    pub fn needs_attention(self) -> bool {
        matches!(
            self,
            QueueStatus::Unreadable
                | QueueStatus::Broken(_)
                | QueueStatus::Ambiguous
                | QueueStatus::Incomplete
        )
    }
}

/// One report of a folder.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The report file.
    pub path: PathBuf,
    /// Its review CSV, when one was read.
    pub review_csv: Option<PathBuf>,
    /// The report: reviewed values where a review CSV exists, extracted values otherwise.
    pub report: Report,
    /// Every finding: extraction, rules R1–R4, narrative S3, cross-year S1/S2.
    pub findings: Vec<Finding>,
    /// Why the file could not be read, if it could not.
    pub error: Option<String>,
    /// What is wrong with the review CSV beside the report, when one lies there but was not used
    /// (naming the file and the line), or that an earlier version's review file was read.
    pub review_warning: Option<String>,
}

impl Entry {
    /// The entry of a file that could not be read, and why.
    pub fn unreadable(path: &Path, reason: String) -> Entry {
        Entry {
            path: path.to_path_buf(),
            review_csv: None,
            report: Report::blank(&FORM_2021),
            findings: Vec::new(),
            error: Some(reason),
            review_warning: None,
        }
    }

    /// The report's queue status.
    pub fn status(&self) -> QueueStatus {
        if self.error.is_some() {
            return QueueStatus::Unreadable;
        }
        let cells = || self.report.cells.values();
        if self.review_csv.is_some()
            && cells().any(|c| c.status == Status::Reviewed)
            && cells().all(|c| matches!(c.status, Status::Reviewed | Status::Blank))
        {
            return QueueStatus::Reviewed;
        }
        let count = |s: Severity| self.findings.iter().filter(|f| f.severity == s).count();
        match (
            count(Severity::Broken),
            count(Severity::Ambiguous),
            count(Severity::Incomplete),
        ) {
            (n, _, _) if n > 0 => QueueStatus::Broken(n),
            (_, a, _) if a > 0 => QueueStatus::Ambiguous,
            _ if cells().any(|c| c.status == Status::Corrected) => QueueStatus::Edited,
            (_, _, i) if i > 0 => QueueStatus::Incomplete,
            _ if self.findings.iter().any(|f| f.is(&check::NO_TABLES)) => QueueStatus::NoTables,
            _ => QueueStatus::Clean,
        }
    }
}

/// Loads one report: extracts it, and takes its review CSV's values when one lies beside it and
/// names this report. A review CSV that cannot be used is not silently passed over: the entry
/// says why in [`Entry::review_warning`], and the extracted values are used.
pub fn load(path: &Path, policy: Policy) -> Entry {
    let doc = match ingest::read_file(path) {
        Ok(doc) => doc,
        Err(e) => return Entry::unreadable(path, e.to_string()),
    };
    let extraction = extract::extract(&doc);
    let (reviewed, review_warning) = match export::find_review_csv(path) {
        None => (None, None),
        Some(found) => match read_review_for(found.path(), &extraction.report.file) {
            Ok(report) => {
                let warning = matches!(found, export::ReviewFile::Legacy(_)).then(|| {
                    format!(
                        "read the review file of an earlier version, {}; saving writes {}",
                        found.path().display(),
                        export::review_csv_path(path).display()
                    )
                });
                (Some((report, found.path().to_path_buf())), warning)
            }
            Err(reason) => (
                None,
                Some(format!("{} was not used: {reason}", found.path().display())),
            ),
        },
    };
    let (report, review_csv) = match reviewed {
        Some((report, csv)) => (report, Some(csv)),
        None => (extraction.report, None),
    };
    let findings = rules::report_findings(&report, &extraction.findings, Some(&doc), &[], policy);
    Entry {
        path: path.to_path_buf(),
        review_csv,
        report,
        findings,
        error: None,
        review_warning,
    }
}

/// Reads the review CSV at `csv`, which must name the report file `file`.
pub fn read_review_for(csv: &Path, file: &str) -> Result<Report, String> {
    let opened = std::fs::File::open(csv).map_err(|e| e.to_string())?;
    let report =
        export::read_review_csv(std::io::BufReader::new(opened)).map_err(|e| e.to_string())?;
    if report.file != file {
        return Err(format!(
            "it is the review of {:?}, not of {file:?}",
            report.file
        ));
    }
    Ok(report)
}

/// Loads every report in parallel, calling `progress` after each one, then adds the cross-year
/// findings. Entries keep the order of `paths`.
pub fn load_all(paths: &[PathBuf], policy: Policy, progress: impl Fn() + Sync) -> Vec<Entry> {
    let mut entries: Vec<Entry> = paths
        .par_iter()
        .map(|p| {
            let entry = load(p, policy);
            progress();
            entry
        })
        .collect();
    let reports: Vec<&Report> = entries.iter().map(|e| &e.report).collect();
    let cross = rules::cross::check(&reports);
    for (i, finding) in cross {
        if let Some(entry) = entries.get_mut(i) {
            entry.findings.push(finding);
        }
    }
    entries
}

/// Every cell key of every form, in a stable order: by table, the 2021 form's cells first, then
/// the cells only the 2019 form has.
pub fn corpus_keys() -> &'static [CellKey] {
    static KEYS: LazyLock<Vec<CellKey>> = LazyLock::new(|| {
        let mut keys: Vec<CellKey> = Vec::new();
        for table in TableId::ALL {
            for form in Registry::standard().forms() {
                for (t, row, col) in form.cells().filter(|(t, _, _)| t.id == table) {
                    let Some(row) = row.key else { continue };
                    let Some(key) = CellKey::new(form, t.id, row, col.key) else {
                        continue;
                    };
                    if !keys.contains(&key) {
                        keys.push(key);
                    }
                }
            }
        }
        keys
    });
    &KEYS
}

const CORPUS_HEAD: [&str; 7] = [
    "file",
    "agency",
    "year",
    "form",
    "status",
    "broken",
    "incomplete",
];

/// Reports loaded at a time by [`export_corpus_csv`]: enough for every core, few enough that
/// memory stays flat however large the folder.
const EXPORT_BATCH: usize = 256;

/// What [`export_corpus_csv`] wrote.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExportCounts {
    /// Rows written (one per report).
    pub reports: usize,
    /// Of these, the reports that could not be read, and why, in the order of the rows.
    pub unreadable: Vec<(PathBuf, String)>,
    /// Review CSVs beside reports that were not used, or read from an earlier version's name,
    /// and why ([`Entry::review_warning`]), in the order of the rows.
    pub review_warnings: Vec<(PathBuf, String)>,
}

/// Loads `paths` in parallel and writes the corpus table as it goes (see [`write_corpus_csv`]),
/// calling `progress` after each report. Rows keep the order of `paths`; no more than a batch of
/// reports is held in memory at once. The table's columns do not depend on the cross-year checks,
/// which are left out.
pub fn export_corpus_csv<W: Write>(
    mut out: W,
    paths: &[PathBuf],
    policy: Policy,
    progress: impl Fn() + Sync,
) -> Result<ExportCounts, ExportError> {
    // The header through the CSV writer; then rows, each made into bytes by its worker.
    let out = corpus_writer(&mut out)?
        .into_inner()
        .map_err(|e| ExportError::Csv(e.into_error().into()))?;
    let mut counts = ExportCounts::default();
    for batch in paths.chunks(EXPORT_BATCH) {
        type Row = (Vec<u8>, Option<String>, Option<String>);
        let rows: Vec<Result<Row, ExportError>> = batch
            .par_iter()
            .map(|path| {
                let entry = load(path, policy);
                progress();
                let mut row = corpus_row_writer(Vec::new());
                write_corpus_row(&mut row, &entry)?;
                let bytes = row
                    .into_inner()
                    .map_err(|e| ExportError::Csv(e.into_error().into()))?;
                Ok((bytes, entry.error, entry.review_warning))
            })
            .collect();
        for (row, path) in rows.into_iter().zip(batch) {
            let (bytes, error, warning) = row?;
            out.write_all(&bytes)?;
            counts.reports += 1;
            counts.unreadable.extend(error.map(|e| (path.clone(), e)));
            counts
                .review_warnings
                .extend(warning.map(|w| (path.clone(), w)));
        }
    }
    out.flush()?;
    Ok(counts)
}

/// Writes the corpus table: one row per report, one column per cell key (see [`corpus_keys`]),
/// UTF-8 with BOM. A key the report's form lacks is left empty.
pub fn write_corpus_csv<W: Write>(mut out: W, entries: &[Entry]) -> Result<(), ExportError> {
    let mut w = corpus_writer(&mut out)?;
    for entry in entries {
        write_corpus_row(&mut w, entry)?;
    }
    w.flush().map_err(|e| ExportError::Csv(e.into()))?;
    Ok(())
}

fn corpus_row_writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .buffer_capacity(4096)
        .from_writer(out)
}

/// A CSV writer on `out` that has written the BOM and the header.
fn corpus_writer<W: Write>(mut out: W) -> Result<csv::Writer<W>, ExportError> {
    out.write_all("\u{FEFF}".as_bytes())
        .map_err(|e| ExportError::Csv(e.into()))?;
    let mut w = corpus_row_writer(out);
    let header: Vec<String> = CORPUS_HEAD
        .iter()
        .map(|h| h.to_string())
        .chain(corpus_keys().iter().map(ToString::to_string))
        .collect();
    w.write_record(&header)?;
    Ok(w)
}

/// One report's row of the corpus table.
fn write_corpus_row<W: Write>(w: &mut csv::Writer<W>, entry: &Entry) -> Result<(), ExportError> {
    let count = |s: Severity| entry.findings.iter().filter(|f| f.severity == s).count();
    let head = [
        entry.path.display().to_string(),
        entry.report.agency.clone(),
        entry.report.year.map(|y| y.to_string()).unwrap_or_default(),
        if entry.error.is_some() {
            String::new()
        } else {
            entry.report.form.code.to_owned()
        },
        entry.status().label(),
        count(Severity::Broken).to_string(),
        count(Severity::Incomplete).to_string(),
    ];
    for field in &head {
        w.write_field(export::neutralise(field).as_bytes())?;
    }
    let mut text = String::new();
    let mut digits = itoa::Buffer::new();
    for key in corpus_keys() {
        let value = entry.report.cells.get(key).map(|cell| &cell.value);
        if let Some(i) = value.and_then(Value::integer) {
            w.write_field(digits.format(i))?; // a sign and digits: never a formula
            continue;
        }
        text.clear();
        if let Some(value) = value {
            // Writing to a String cannot fail.
            let _ = write!(text, "{value}");
        }
        w.write_field(export::neutralise(&text).as_bytes())?;
    }
    w.write_record(None::<&[u8]>)?;
    Ok(())
}
