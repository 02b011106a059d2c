//! The corpus CSV: the analyst's table of a folder, one row per report ([`ReportRow`]) and one
//! column per cell key of every form ([`corpus_keys`]), UTF-8 with BOM, CRLF, formula-like text
//! neutralised as in the review CSV.
//!
//! Owns the columns and their order, the bytes of each row, and the streamed export
//! ([`export_corpus_csv`]: reports are loaded in parallel, a batch at a time, and their rows
//! written in the order of the paths as they come). It does not load reports itself: the caller
//! passes the loader (`corpus::load`), so this module never depends on the folder logic.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use rayon::prelude::*;

use crate::report::{CellKey, Value};
use crate::rules::Severity;
use crate::template::{Form, PerForm, Registry, TableId};

use super::{ExportError, ReportRow, neutralise};

/// Every cell key of every form, in a stable order: by table, the 2021 form's cells first, then
/// the cells only the 2019 form has. The corpus CSV's columns after the first seven.
///
/// # Example
/// ```
/// let keys = gouji::export::corpus_keys();
/// assert_eq!(keys[0].to_string(), "proactive/rules/issued");
/// assert!(keys.iter().any(|k| k.to_string() == "requests/received/natural"));
/// ```
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

/// The corpus CSV's first columns, before the cell keys.
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
    /// and why ([`ReportRow::review_warning`]), in the order of the rows.
    pub review_warnings: Vec<(PathBuf, String)>,
}

/// Loads each of `paths` with `load`, in parallel, and writes the corpus table as it goes (the
/// same bytes as [`write_corpus_csv`]), calling `progress` after each report. Rows keep the order
/// of `paths`; no more than a batch of loaded reports is held in memory at once. `gouji export`
/// passes `corpus::load`, which leaves out the cross-year checks: the table's columns do not
/// depend on them.
///
/// # Example
/// ```
/// use gouji::{corpus, export, rules::Policy};
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("r.txt");
/// std::fs::write(&path, "（七）总计 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n")?;
/// let mut out = Vec::new();
/// let counts = export::export_corpus_csv(
///     &mut out,
///     &[path.clone()],
///     |p| corpus::load(p, Policy::default()),
///     || {},
/// )?;
/// assert_eq!(counts.reports, 1);
/// assert!(String::from_utf8(out)?.starts_with("\u{FEFF}file,agency,year,form,status"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn export_corpus_csv<W, T>(
    mut out: W,
    paths: &[PathBuf],
    load: impl Fn(&Path) -> T + Sync,
    progress: impl Fn() + Sync,
) -> Result<ExportCounts, ExportError>
where
    W: Write,
    for<'a> &'a T: Into<ReportRow<'a>>,
{
    let mut out = header_written(&mut out)?;
    let mut counts = ExportCounts::default();
    for batch in paths.chunks(EXPORT_BATCH) {
        let rows: Vec<Result<CorpusRow, ExportError>> = batch
            .par_iter()
            .map(|path| {
                let loaded = load(path);
                progress();
                CorpusRow::new(&(&loaded).into())
            })
            .collect();
        for (row, path) in rows.into_iter().zip(batch) {
            counts.write(&mut out, path, row?)?;
        }
    }
    out.flush()?;
    Ok(counts)
}

/// One report's row of the corpus CSV in its bytes, with what [`ExportCounts`] keeps of it: made
/// by whichever worker loaded the report, written later in the order of the paths
/// ([`write_corpus_rows`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusRow {
    bytes: Vec<u8>,
    error: Option<String>,
    review_warning: Option<String>,
}

impl CorpusRow {
    /// The bytes of `row` (the same as [`write_corpus_csv`] writes for it).
    pub fn new(row: &ReportRow<'_>) -> Result<CorpusRow, ExportError> {
        let mut csv = corpus_row_writer(Vec::new());
        write_corpus_row(&mut csv, row)?;
        let bytes = csv
            .into_inner()
            .map_err(|e| ExportError::Csv(e.into_error().into()))?;
        Ok(CorpusRow {
            bytes,
            error: row.error.map(str::to_owned),
            review_warning: row.review_warning.map(str::to_owned),
        })
    }
}

/// Writes the corpus table of rows already made: the BOM and header, then `rows` (`rows[i]` is
/// the row of `paths[i]`), the same bytes as [`export_corpus_csv`].
pub fn write_corpus_rows<W: Write>(
    mut out: W,
    paths: &[PathBuf],
    rows: impl IntoIterator<Item = Result<CorpusRow, ExportError>>,
) -> Result<ExportCounts, ExportError> {
    let mut out = header_written(&mut out)?;
    let mut counts = ExportCounts::default();
    for (row, path) in rows.into_iter().zip(paths) {
        counts.write(&mut out, path, row?)?;
    }
    out.flush()?;
    Ok(counts)
}

impl ExportCounts {
    /// Writes `row`, the row of the report at `path`, and counts it.
    fn write(
        &mut self,
        out: &mut impl Write,
        path: &Path,
        row: CorpusRow,
    ) -> Result<(), ExportError> {
        out.write_all(&row.bytes)?;
        self.reports += 1;
        self.unreadable
            .extend(row.error.map(|e| (path.to_path_buf(), e)));
        self.review_warnings
            .extend(row.review_warning.map(|w| (path.to_path_buf(), w)));
        Ok(())
    }
}

/// `out` after the BOM and the header, written through the CSV writer.
fn header_written<W: Write>(out: W) -> Result<W, ExportError> {
    corpus_writer(out)?
        .into_inner()
        .map_err(|e| ExportError::Csv(e.into_error().into()))
}

/// Writes the corpus table of reports already loaded: one row per report, one column per cell
/// key (see [`corpus_keys`]), UTF-8 with BOM. A key the report's form lacks is left empty.
///
/// # Example
/// ```
/// use gouji::{Report, export, template::FORM_2021};
/// let report = Report::blank(&FORM_2021);
/// let row = export::ReportRow {
///     file: std::path::Path::new("r.txt"),
///     report: &report,
///     findings: &[],
///     status: "clean".into(),
///     error: None,
///     review_warning: None,
/// };
/// let mut out = Vec::new();
/// export::write_corpus_csv(&mut out, [row])?;
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.lines().nth(1).unwrap().starts_with("r.txt,,,2021,clean,0,0,"));
/// # Ok::<(), gouji::export::ExportError>(())
/// ```
pub fn write_corpus_csv<'a, W: Write>(
    mut out: W,
    rows: impl IntoIterator<Item = impl Into<ReportRow<'a>>>,
) -> Result<(), ExportError> {
    let mut w = corpus_writer(&mut out)?;
    for row in rows {
        write_corpus_row(&mut w, &row.into())?;
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
    w.write_record(corpus_header())?;
    Ok(w)
}

/// One field of a corpus row, before a writer (CSV or workbook) turns it into its bytes: the
/// one row model both share, so they cannot disagree.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CorpusField<'a> {
    /// Text of the first columns (file, agency, year, form, status, counts).
    Head(String),
    /// A cell's value (absent when the report's form lacks the key).
    Cell(Option<&'a Value>),
}

/// The fields of one report's row, in the order of the header.
pub(crate) fn corpus_fields<'a>(row: &ReportRow<'a>) -> Vec<CorpusField<'a>> {
    let count = |s: Severity| row.findings.iter().filter(|f| f.severity == s).count();
    let head = [
        row.file.display().to_string(),
        row.report.agency.clone(),
        row.report.year.map(|y| y.to_string()).unwrap_or_default(),
        if row.error.is_some() {
            String::new()
        } else {
            row.report.form.code.to_owned()
        },
        row.status.clone(),
        count(Severity::Broken).to_string(),
        count(Severity::Incomplete).to_string(),
    ];
    let report = row.report;
    head.into_iter()
        .map(CorpusField::Head)
        .chain(corpus_keys_of(report.form).iter().map(|key| {
            CorpusField::Cell(
                key.and_then(|key| report.cells.get(&key))
                    .map(|cell| &cell.value),
            )
        }))
        .collect()
}

/// [`corpus_keys`] as `form`'s own keys (`None` where the form lacks the cell), worked out once
/// per form: a report of the form finds each of its cells at once, without searching.
fn corpus_keys_of(form: &'static Form) -> &'static [Option<CellKey>] {
    static KEYS: PerForm<Vec<Option<CellKey>>> = PerForm::new(|form| {
        corpus_keys()
            .iter()
            .map(|key| CellKey::new(form, key.table, key.row, key.col))
            .collect()
    });
    KEYS.get(form)
}

/// The corpus header: the first columns' names, then every cell key.
pub(crate) fn corpus_header() -> Vec<String> {
    CORPUS_HEAD
        .iter()
        .map(|h| h.to_string())
        .chain(corpus_keys().iter().map(ToString::to_string))
        .collect()
}

/// One report's row of the corpus table.
fn write_corpus_row<W: Write>(
    w: &mut csv::Writer<W>,
    row: &ReportRow<'_>,
) -> Result<(), ExportError> {
    let mut text = String::new();
    let mut digits = itoa::Buffer::new();
    for field in corpus_fields(row) {
        match field {
            CorpusField::Head(field) => w.write_field(neutralise(&field).as_bytes())?,
            CorpusField::Cell(value) => {
                if let Some(i) = value.and_then(Value::integer) {
                    w.write_field(digits.format(i))?; // a sign and digits: never a formula
                    continue;
                }
                text.clear();
                if let Some(value) = value {
                    // Writing to a String cannot fail.
                    let _ = write!(text, "{value}");
                }
                w.write_field(neutralise(&text).as_bytes())?;
            }
        }
    }
    w.write_record(None::<&[u8]>)?;
    Ok(())
}
