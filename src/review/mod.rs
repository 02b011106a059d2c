//! Review: one report under review, as a [`Session`].
//!
//! Owns what a reviewer does to a report: the edits ([`Edit`]) with exact undo and redo, cell
//! statuses, re-checking the rules after each edit, the dirty flag, autosave to a recovery file
//! and restoring it, saving the review CSV atomically and opening it again, moving between
//! findings and validating typed input. It does not draw anything: the window (`app`) only
//! creates edits and reads the session, and tests drive it without a window.
//!
//! Main types: [`Session`], [`Edit`], [`ReviewError`], [`Counts`].
//!
//! ```
//! use gouji::{Document, Format, review::{Edit, Session}};
//! let text = "一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n\
//!             二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
//!             （七）总计 | 0 | 0 | 0 | 0 | 0 | 0 | 5 |\n\
//!             四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n";
//! let mut session = Session::from_document(Document::from_text(Format::Text, text));
//! let broken = session.counts().broken;
//! assert!(broken > 0);
//! let repair = session.findings().iter().find_map(|f| f.repair).unwrap();
//! session.apply(Edit::ApplyRepair { key: repair.cell, value: repair.value });
//! assert!(session.counts().broken < broken);
//! session.undo();
//! assert_eq!(session.counts().broken, broken);
//! ```

mod carry;
mod changes;
mod choose;
mod edit;
mod equation;
mod find;
mod groups;
mod input;
mod range;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub use carry::{carry_review_work, holds_review_work};
pub use changes::{Correction, corrections};
pub use choose::{ChooseError, reading_note, reading_text};
pub use edit::Edit;
pub use equation::equation_text;
pub use find::find_cells;
pub use groups::{FindingGroup, group_findings};
pub use range::{CellRange, PasteError, copy_text, table_rows};

use crate::export::{self, ExportError, ReviewFile, recovery_path, review_csv_path};
use crate::extract::{self, Extraction};
use crate::ingest::{self, Document, IngestError};
use crate::report::{CellKey, Problem, Report, Value, parse_value};
use crate::rules::{self, Finding, Policy, Severity};
use crate::template::ValueKind;
use edit::{History, Step};

/// Why a session could not be opened, saved or restored.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReviewError {
    /// The report file could not be read.
    #[error(transparent)]
    Ingest(#[from] IngestError),
    /// The review CSV could not be read or written.
    #[error(transparent)]
    Export(#[from] ExportError),
    /// A file could not be opened.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// There is no file to save to (the session came from memory): use save-as.
    #[error("no file to save to")]
    NoPath,
}

/// What a reviewer should know about the review file found beside a report when it opened.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReviewNotice {
    /// The review file of an earlier version (`r.gouji.csv`) was read; saving writes `new` and
    /// leaves `old` as it is.
    Legacy {
        /// The file read.
        old: PathBuf,
        /// The file saving writes.
        new: PathBuf,
    },
    /// A review file lies beside the report but was not used: the values are extracted afresh.
    Unusable {
        /// The file.
        csv: PathBuf,
        /// Why (with its line, when a line is at fault).
        reason: String,
        /// Whether it can still be opened on its own (it is a valid review of another report).
        openable: bool,
        /// The kind of reason, which the window words in its own language.
        cause: UnusableCause,
    },
}

/// Why a review file beside a report was not used, as a kind (its English sentence is
/// [`ReviewNotice::Unusable`]'s `reason`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum UnusableCause {
    /// It is the review of another report, named here.
    OtherReport(String),
    /// This line of it does not fit the report's form.
    BadLine(u64),
    /// Its header is not a review CSV's.
    NotAReview,
    /// It could not be read.
    Unreadable,
}

impl UnusableCause {
    fn of(error: &ReviewError) -> UnusableCause {
        match error {
            ReviewError::Export(ExportError::Row { line, .. }) => UnusableCause::BadLine(*line),
            ReviewError::Export(ExportError::Header(_)) => UnusableCause::NotAReview,
            _ => UnusableCause::Unreadable,
        }
    }
}

impl std::fmt::Display for ReviewNotice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReviewNotice::Legacy { old, new } => write!(
                f,
                "read the review file of an earlier version, {}; saving writes {} and leaves the old file as it is",
                old.display(),
                new.display()
            ),
            ReviewNotice::Unusable { csv, reason, .. } => {
                write!(f, "{} was not used: {reason}", csv.display())
            }
        }
    }
}

/// How many findings of each severity a session has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Rules that do not hold (不平).
    pub broken: usize,
    /// Rules with a blank input (缺数).
    pub incomplete: usize,
    /// Soft checks (提示).
    pub warnings: usize,
    /// Readings extraction could not decide (存疑).
    pub ambiguous: usize,
}

/// Whether `path` names a review CSV (by its extension).
pub fn is_review_csv(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

/// One report under review.
#[derive(Debug, Clone)]
pub struct Session {
    document: Option<Document>,
    report: Report,
    extraction_findings: Vec<Finding>,
    findings: Vec<Finding>,
    suspects: BTreeSet<CellKey>,
    policy: Policy,
    history: History,
    dirty: bool,
    csv_path: Option<PathBuf>,
    autosave_error: Option<String>,
    /// Reports of the same folder, for the cross-year checks (S1, S2).
    neighbours: Vec<Report>,
    /// What to tell the reviewer about the review file beside the report.
    review_notice: Option<ReviewNotice>,
    /// A review file beside the report that could not be used: the first save over it keeps a
    /// copy (`….bak`), so nothing the reviewer had is lost.
    unusable_csv: Option<PathBuf>,
}

impl Session {
    /// A session over an extracted document that has no file to save to yet (e.g. the bundled
    /// sample); when the document has a path, the review CSV goes beside it.
    pub fn from_document(document: Document) -> Session {
        let extraction = extract::extract(&document);
        let csv_path = document.path.as_deref().map(review_csv_path);
        Session::new(Some(document), extraction, csv_path)
    }

    fn new(document: Option<Document>, extraction: Extraction, csv: Option<PathBuf>) -> Session {
        let mut session = Session {
            document,
            report: extraction.report,
            extraction_findings: extraction.findings,
            findings: Vec::new(),
            suspects: BTreeSet::new(),
            policy: Policy::default(),
            history: History::default(),
            dirty: false,
            csv_path: csv,
            autosave_error: None,
            neighbours: Vec::new(),
            review_notice: None,
            unusable_csv: None,
        };
        session.recheck();
        session
    }

    /// Opens a report file (extracting it) or a review CSV (restoring values, statuses and notes,
    /// and re-extracting the source named in its `file` column when it is found beside it, for
    /// the raw text and spans). A report whose review CSV already exists beside it opens that
    /// CSV, so an earlier review is never overwritten by a fresh extraction.
    ///
    /// A review CSV of an earlier version (`r.gouji.csv`) is read when it can only be this
    /// report's; saving then writes `r.pdf.gouji.csv` and leaves the old file. A review CSV that
    /// cannot be used (damaged, or another report's) is not passed over in silence:
    /// [`Session::review_notice`] says which file and why, and the first save keeps a copy.
    pub fn open(path: &Path) -> Result<Session, ReviewError> {
        if is_review_csv(path) {
            return Session::open_csv(path);
        }
        let found = export::find_review_csv(path);
        let mut notice = None;
        if let Some(found) = &found {
            let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let csv = found.path().to_path_buf();
            match Session::open_csv(&csv) {
                Ok(mut session)
                    if session.document.is_some()
                        && Some(&session.report.file) == file_name.as_ref() =>
                {
                    if let ReviewFile::Legacy(old) = found {
                        let current = review_csv_path(path);
                        session.review_notice = Some(ReviewNotice::Legacy {
                            old: old.clone(),
                            new: current.clone(),
                        });
                        session.csv_path = Some(current);
                    }
                    return Ok(session);
                }
                Ok(session) => {
                    notice = Some(ReviewNotice::Unusable {
                        reason: format!("it is the review of {:?}", session.report.file),
                        openable: true,
                        cause: UnusableCause::OtherReport(session.report.file.clone()),
                        csv,
                    });
                }
                Err(e) => {
                    notice = Some(ReviewNotice::Unusable {
                        reason: e.to_string(),
                        openable: false,
                        cause: UnusableCause::of(&e),
                        csv,
                    });
                }
            }
        }
        let document = ingest::read_file(path)?;
        let mut session = Session::from_document(document);
        if let (Some(ReviewFile::Current(_)), Some(ReviewNotice::Unusable { csv, .. })) =
            (&found, &notice)
        {
            session.unusable_csv = Some(csv.clone());
        }
        session.review_notice = notice;
        Ok(session)
    }

    /// What the reviewer should know about the review file beside the report: that it was not
    /// used and why (naming the file and line), or that an earlier version's file was read.
    pub fn review_notice(&self) -> Option<&ReviewNotice> {
        self.review_notice.as_ref()
    }

    /// [`Session::review_notice`] as one English line.
    pub fn review_warning(&self) -> Option<String> {
        self.review_notice.as_ref().map(ReviewNotice::to_string)
    }

    fn open_csv(path: &Path) -> Result<Session, ReviewError> {
        let file = std::fs::File::open(path).map_err(|source| ReviewError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let mut report = export::read_review_csv(std::io::BufReader::new(file))?;
        let source = (!report.file.is_empty())
            .then(|| path.with_file_name(&report.file))
            .filter(|p| p.is_file());
        let (document, findings) = match source.map(|p| ingest::read_file(&p)) {
            Some(Ok(document)) => {
                let extraction = extract::extract(&document);
                for (key, cell) in &mut report.cells {
                    let fresh = extraction.report.cells.get(key);
                    if let (Some(source), Some(fresh)) =
                        (cell.source.as_mut(), fresh.and_then(|c| c.source.as_ref()))
                        && fresh.line == source.line
                    {
                        source.span = fresh.span.clone();
                    }
                }
                (Some(document), extraction.findings)
            }
            _ => (None, Vec::new()),
        };
        let extraction = Extraction {
            report,
            tables_found: true,
            findings,
        };
        Ok(Session::new(document, extraction, Some(path.to_path_buf())))
    }

    /// The decoded source text, when known.
    pub fn document(&self) -> Option<&Document> {
        self.document.as_ref()
    }

    /// The report as edited so far.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// Every finding (extraction's, then the rules'), most serious first.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// Cells in two or more broken rules: the prime suspects.
    pub fn suspects(&self) -> &BTreeSet<CellKey> {
        &self.suspects
    }

    /// How many findings of each severity there are.
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for f in &self.findings {
            match f.severity {
                Severity::Broken => counts.broken += 1,
                Severity::Incomplete => counts.incomplete += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Ambiguous => counts.ambiguous += 1,
            }
        }
        counts
    }

    /// The most serious severity among the findings that involve `key`.
    pub fn severity_of(&self, key: &CellKey) -> Option<Severity> {
        self.findings
            .iter()
            .filter(|f| f.cells.contains(key))
            .map(|f| f.severity)
            .min()
    }

    /// The rules policy.
    pub fn policy(&self) -> Policy {
        self.policy
    }

    /// Changes the rules policy and re-checks. Not an edit: it changes no cell.
    pub fn set_policy(&mut self, policy: Policy) {
        self.policy = policy;
        self.recheck();
    }

    /// Whether there are edits not yet saved.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Where [`Session::save`] writes, if anywhere yet.
    pub fn csv_path(&self) -> Option<&Path> {
        self.csv_path.as_deref()
    }

    /// The last autosave failure, if the last autosave failed.
    pub fn autosave_error(&self) -> Option<&str> {
        self.autosave_error.as_deref()
    }

    /// Applies `edit`, records it for undo (clearing redo), re-checks and autosaves. Returns
    /// false (and records nothing) when the edit would change nothing.
    pub fn apply(&mut self, edit: Edit) -> bool {
        self.apply_all(vec![edit])
    }

    /// Applies `edits` in order as one step: one undo takes back all of them. Returns false (and
    /// records nothing) when together they would change nothing; an edit of a cell the report
    /// does not have changes nothing.
    pub fn apply_all(&mut self, edits: Vec<Edit>) -> bool {
        let mut before = Vec::new();
        for edit in &edits {
            let key = edit.key();
            let Some(cell) = self.report.cells.get_mut(&key) else {
                continue;
            };
            let after = edit.applied_to(cell);
            if after != *cell {
                before.push((key, std::mem::replace(cell, after)));
            }
        }
        if before.is_empty() {
            return false;
        }
        self.history.record(Step { edits, before });
        self.changed();
        true
    }

    /// Checks every cell that is not blank in the source (extracted, corrected or chosen), as one step,
    /// so the queue shows the report as reviewed once it is saved. Statuses stay: a corrected
    /// cell stays corrected. Returns false when every such cell was checked already.
    pub fn check_all(&mut self) -> bool {
        let edits = self
            .report
            .cells
            .iter()
            .filter(|(_, c)| c.status != crate::report::Status::Blank && !c.checked)
            .map(|(key, _)| Edit::SetChecked {
                key: *key,
                checked: true,
            })
            .collect();
        self.apply_all(edits)
    }

    /// Undoes the last step; returns the (first) cell it touched.
    pub fn undo(&mut self) -> Option<CellKey> {
        let step = self.history.done.pop()?;
        for (key, cell) in step.before.iter().rev() {
            if let Some(slot) = self.report.cells.get_mut(key) {
                *slot = cell.clone();
            }
        }
        let key = step.key();
        self.history.undone.push(step);
        self.changed();
        key
    }

    /// Redoes the last undone step; returns the (first) cell it touched.
    pub fn redo(&mut self) -> Option<CellKey> {
        let step = self.history.undone.pop()?;
        for edit in &step.edits {
            if let Some(cell) = self.report.cells.get_mut(&edit.key()) {
                *cell = edit.applied_to(cell);
            }
        }
        let key = step.key();
        self.history.done.push(step);
        self.changed();
        key
    }

    /// Whether there is an edit to undo.
    pub fn can_undo(&self) -> bool {
        !self.history.done.is_empty()
    }

    /// Whether there is an edit to redo.
    pub fn can_redo(&self) -> bool {
        !self.history.undone.is_empty()
    }

    fn changed(&mut self) {
        self.dirty = true;
        self.recheck();
        self.autosave();
    }

    /// Gives the reports this one is compared with year to year (S1, S2): the same agency's
    /// reports of the year before and after, typically from the folder under review. The checks
    /// follow every edit.
    pub fn set_neighbours(&mut self, reports: Vec<Report>) {
        if reports.is_empty() && self.neighbours.is_empty() {
            return;
        }
        self.neighbours = reports;
        self.recheck();
    }

    fn recheck(&mut self) {
        let neighbours: Vec<&Report> = self.neighbours.iter().collect();
        let findings = rules::report_findings(
            &self.report,
            &self.extraction_findings,
            self.document.as_ref(),
            &neighbours,
            self.policy,
        );
        self.suspects = rules::suspects(&findings);
        self.findings = findings;
    }

    /// Saves the review CSV atomically to [`Session::csv_path`] and removes the recovery file.
    pub fn save(&mut self) -> Result<PathBuf, ReviewError> {
        let path = self.csv_path.clone().ok_or(ReviewError::NoPath)?;
        self.save_as(&path)?;
        Ok(path)
    }

    /// Saves the review CSV atomically to `path`, which becomes the session's file.
    pub fn save_as(&mut self, path: &Path) -> Result<(), ReviewError> {
        if let Some(unusable) = self.unusable_csv.as_deref()
            && unusable == path
        {
            let mut backup = path.as_os_str().to_owned();
            backup.push(".bak");
            std::fs::copy(path, &backup).map_err(|source| ReviewError::Io {
                path: PathBuf::from(backup),
                source,
            })?;
        }
        export::save_review_csv(path, &self.report, &self.findings)?;
        self.unusable_csv = None;
        if let Some(old) = self.recovery_path()
            && old != recovery_path(path)
        {
            let _ = std::fs::remove_file(old);
        }
        self.csv_path = Some(path.to_path_buf());
        self.dirty = false;
        if let Some(recovery) = self.recovery_path() {
            let _ = std::fs::remove_file(recovery);
        }
        Ok(())
    }

    /// The recovery file autosave writes: `<review csv>.recovery`.
    pub fn recovery_path(&self) -> Option<PathBuf> {
        self.csv_path.as_deref().map(recovery_path)
    }

    fn autosave(&mut self) {
        let Some(path) = self.recovery_path() else {
            return;
        };
        self.autosave_error = export::save_review_csv(&path, &self.report, &self.findings)
            .err()
            .map(|e| e.to_string());
    }

    /// A recovery file left by an earlier run whose cells differ from this session's, if any.
    pub fn recovery_available(&self) -> Option<PathBuf> {
        let path = self.recovery_path()?;
        let recovered = read_report(&path).ok()?;
        differs(&recovered, &self.report).then_some(path)
    }

    /// Takes the values, statuses, notes and checks from the recovery file. The session becomes dirty;
    /// the undo history starts afresh. Returns how many cells changed.
    pub fn restore_recovery(&mut self) -> Result<usize, ReviewError> {
        let Some(path) = self.recovery_path() else {
            return Ok(0);
        };
        let recovered = read_report(&path)?;
        let mut changed = 0;
        for (key, cell) in &mut self.report.cells {
            if let Some(r) = recovered.cells.get(key)
                && (r.value != cell.value
                    || r.status != cell.status
                    || r.note != cell.note
                    || r.checked != cell.checked)
            {
                cell.value = r.value.clone();
                cell.status = r.status;
                cell.note = r.note.clone();
                cell.checked = r.checked;
                changed += 1;
            }
        }
        self.history = History::default();
        self.dirty = changed > 0;
        self.recheck();
        Ok(changed)
    }

    /// Deletes the recovery file (the reviewer declined it, or closed without saving on purpose).
    pub fn discard_recovery(&self) {
        if let Some(path) = self.recovery_path() {
            let _ = std::fs::remove_file(path);
        }
    }

    /// The finding after `current` (the first when none), wrapping around.
    pub fn next_finding(&self, current: Option<usize>) -> Option<usize> {
        let n = self.findings.len();
        (n > 0).then(|| current.map_or(0, |i| (i + 1) % n))
    }

    /// The finding before `current` (the last when none), wrapping around.
    pub fn previous_finding(&self, current: Option<usize>) -> Option<usize> {
        let n = self.findings.len();
        (n > 0).then(|| current.map_or(n - 1, |i| (i + n - 1) % n))
    }

    /// What kind of value `key` holds.
    pub fn kind(&self, key: &CellKey) -> Option<ValueKind> {
        self.report
            .form
            .cell(key.table, key.row, key.col)
            .map(|(_, c)| c.kind)
    }

    /// Reads what the reviewer typed into `key`: the value, or why it does not fit the cell.
    ///
    /// # Example
    /// ```
    /// use gouji::{Report, Value, report::Problem, review::Session, template::{FORM_2021, TableId}};
    /// let session = Session::from_document(gouji::Document::from_text(gouji::Format::Text, ""));
    /// let key = session.report().key(TableId::Requests, "total", "total").unwrap();
    /// assert_eq!(session.parse_input(&key, "12"), Ok(Value::Number(12.into())));
    /// assert_eq!(session.parse_input(&key, "-1"), Err(Problem::NegativeCount));
    /// assert_eq!(session.parse_input(&key, "abc"), Err(Problem::NotANumber));
    /// assert_eq!(session.parse_input(&key, ""), Ok(Value::Blank));
    /// assert_eq!(session.parse_input(&key, "1,234"), Ok(Value::Number(1234.into())));
    /// assert_eq!(session.parse_input(&key, "6,93,665"), Err(Problem::IrregularGrouping));
    /// ```
    pub fn parse_input(&self, key: &CellKey, text: &str) -> Result<Value, Problem> {
        let kind = self.kind(key).ok_or(Problem::NoSuchCell)?;
        // Typed input only: extraction reads grouped digits its own way and is not changed.
        if !input::grouped_in_threes(text) {
            return Err(Problem::IrregularGrouping);
        }
        let value = parse_value(text, kind);
        match value.problem(kind) {
            Some(problem) => Err(problem),
            None => Ok(value),
        }
    }
}

fn read_report(path: &Path) -> Result<Report, ReviewError> {
    let file = std::fs::File::open(path).map_err(|source| ReviewError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(export::read_review_csv(std::io::BufReader::new(file))?)
}

fn differs(a: &Report, b: &Report) -> bool {
    a.cells.iter().any(|(key, x)| {
        b.cells.get(key).is_none_or(|y| {
            x.value != y.value || x.status != y.status || x.note != y.note || x.checked != y.checked
        })
    })
}

#[cfg(test)]
mod tests;
