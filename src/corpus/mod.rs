//! A folder of reports: each report with its review state.
//!
//! Owns loading one report or many at once (in parallel), reading back each report's review CSV
//! (`NAME.EXT.gouji.csv` beside it, [`export::find_review_csv`]) so a review can stop today and go
//! on tomorrow, and saying so when a review CSV beside a report cannot be used; the folder walker
//! ([`walk`]); the queue status of each report ([`QueueStatus`], the window's [`queue::Queue`])
//! and the cross-year checks between them. It does not draw anything, decide values or write
//! files: an [`Entry`] converts into an [`export::ReportRow`], which `export` writes as a row of
//! the corpus CSV or an object of the JSON.
//!
//! Main items: [`Entry`], [`QueueStatus`], [`load`], [`load_all`], [`queue::Queue`],
//! [`summary::summarise_all`], [`walk::walk`].

mod failure;
pub mod queue;
pub mod summary;
pub mod walk;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use failure::Failure;

use crate::export::{self, ReportRow};
use crate::report::Report;
use crate::rules::neighbours::{self, Decision};
use crate::rules::{self, Finding, Policy};
use crate::template::FORM_2021;
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
    /// Corrected by a reviewer (or a reading chosen), no rule broken.
    Edited,
    /// The report has none of the standard tables (e.g. from before 2019).
    NoTables,
    /// Every rule holds.
    Clean,
    /// Finished: every cell not blank in the source is checked (corrected or not).
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
    /// Why the file could not be read, if it could not (in English, as the CLI prints it).
    pub error: Option<String>,
    /// The kind of that failure, which the window words in its own language.
    pub failure: Option<Failure>,
    /// What is wrong with the review CSV beside the report, when one lies there but was not used
    /// (naming the file and the line), or that an earlier version's review file was read.
    pub review_warning: Option<String>,
}

impl Entry {
    /// The entry of a file that could not be read, why (in English) and what kind of failure
    /// it was.
    pub fn unreadable(path: &Path, reason: String, failure: Failure) -> Entry {
        Entry {
            path: path.to_path_buf(),
            review_csv: None,
            report: Report::blank(&FORM_2021),
            findings: Vec::new(),
            error: Some(reason),
            failure: Some(failure),
            review_warning: None,
        }
    }

    /// The report's queue status.
    pub fn status(&self) -> QueueStatus {
        summary::Tally::of(self).status()
    }
}

/// Loads one report: extracts it, and takes its review CSV's values when one lies beside it and
/// names this report. A review CSV that cannot be used is not silently passed over: the entry
/// says why in [`Entry::review_warning`], and the extracted values are used.
pub fn load(path: &Path, policy: Policy) -> Entry {
    load_with_readings(path, policy).0
}

/// [`load`], and the extraction's findings that list readings: what deciding by the neighbouring
/// years reads of the report, besides its grid.
fn load_with_readings(path: &Path, policy: Policy) -> (Entry, Vec<Finding>) {
    let doc = match ingest::read_file(path) {
        Ok(doc) => doc,
        Err(e) => {
            return (
                Entry::unreadable(path, e.to_string(), Failure::of(&e)),
                Vec::new(),
            );
        }
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
    let readings = readings(extraction.findings);
    let entry = Entry {
        path: path.to_path_buf(),
        review_csv,
        report,
        findings,
        error: None,
        failure: None,
        review_warning,
    };
    (entry, readings)
}

/// The findings of `extracted` that list readings (its ambiguous rows).
fn readings(extracted: Vec<Finding>) -> Vec<Finding> {
    extracted
        .into_iter()
        .filter(|f| !f.readings.is_empty())
        .collect()
}

/// What a report's findings list is made of ([`findings_list`]).
#[derive(Debug, Clone)]
pub struct FindingsList {
    /// The report as [`load`] gives it: the reviewer's values when a review CSV was read.
    pub entry: Entry,
    /// The report as printed (extracted), which the agency's figures are.
    pub printed: Report,
    /// The findings of the report as printed.
    pub findings: Vec<Finding>,
}

/// Loads what the findings list of `path` needs: the report as printed with its findings, and
/// the reviewed report whose corrections and notes the list shows beside them.
pub fn findings_list(path: &Path, policy: Policy) -> FindingsList {
    let entry = load(path, policy);
    if entry.review_csv.is_none() || entry.error.is_some() {
        return FindingsList {
            printed: entry.report.clone(),
            findings: entry.findings.clone(),
            entry,
        };
    }
    // Reviewed: the figures as printed are extracted again (a second read of a file just read).
    match ingest::read_file(path) {
        Ok(doc) => {
            let extraction = extract::extract(&doc);
            let findings = rules::report_findings(
                &extraction.report,
                &extraction.findings,
                Some(&doc),
                &[],
                policy,
            );
            FindingsList {
                printed: extraction.report,
                findings,
                entry,
            }
        }
        Err(e) => {
            let entry = Entry::unreadable(path, e.to_string(), Failure::of(&e));
            FindingsList {
                printed: entry.report.clone(),
                findings: Vec::new(),
                entry,
            }
        }
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

/// Fills the ambiguous rows the neighbouring years decide (inferred), replaces their X4 findings
/// by the reason, and checks those reports' rules again.
fn decide_by_neighbours(entries: &mut [Entry], policy: Policy) {
    let decisions = {
        let reports: Vec<&Report> = entries.iter().map(|e| &e.report).collect();
        let findings: Vec<&[Finding]> = entries.iter().map(|e| e.findings.as_slice()).collect();
        rules::neighbours::decide(&reports, &findings)
    };
    for (index, entry) in entries.iter_mut().enumerate() {
        let own: Vec<Decision> = decisions
            .iter()
            .filter(|d| d.report == index)
            .cloned()
            .collect();
        settle_by_neighbours(entry, &own, policy);
    }
}

/// Applies `decisions` (of this entry's report) and, when any applied, checks its rules again.
fn settle_by_neighbours(entry: &mut Entry, decisions: &[Decision], policy: Policy) {
    let mut applied = false;
    for decision in decisions {
        applied |= rules::neighbours::apply(&mut entry.report, &mut entry.findings, decision);
    }
    if applied {
        // The rules' findings again, on the filled cells; the others stay.
        let form = entry.report.form;
        let is_rule = |f: &Finding| form.rules.iter().any(|r| f.is(&r.check));
        entry.findings.retain(|f| !is_rule(f));
        entry.findings.extend(rules::check(&entry.report, policy));
        entry.findings.sort_by_key(|f| f.severity);
    }
}

/// The decisions the neighbouring years allow for each of `paths` (in their order), for runs
/// that then go report by report (`extract`, the streamed corpus CSV): every report is read
/// once here, in parallel, keeping its grid and ambiguous rows only, and only the decisions are
/// kept after.
pub fn neighbour_decisions(paths: &[PathBuf]) -> Vec<Vec<Decision>> {
    if paths.len() < 2 {
        return vec![Vec::new(); paths.len()];
    }
    // Only what deciding needs: the deciding part of each grid (the reviewer's, when a review
    // CSV is beside it) and its findings that list readings; not the rules, the narrative or the
    // document.
    let loaded: Vec<(Report, Vec<Finding>)> = paths
        .par_iter()
        .map(|path| {
            let Ok(doc) = ingest::read_file(path) else {
                return (Report::blank(&FORM_2021), Vec::new());
            };
            let extraction = extract::extract(&doc);
            let reviewed = export::find_review_csv(path)
                .and_then(|found| read_review_for(found.path(), &extraction.report.file).ok());
            let readings = readings(extraction.findings);
            let report = reviewed.unwrap_or(extraction.report);
            (neighbours::deciding_part(&report, &readings), readings)
        })
        .collect();
    let reports: Vec<&Report> = loaded.iter().map(|(r, _)| r).collect();
    let findings: Vec<&[Finding]> = loaded.iter().map(|(_, f)| f.as_slice()).collect();
    let mut out = vec![Vec::new(); paths.len()];
    for decision in rules::neighbours::decide(&reports, &findings) {
        if let Some(own) = out.get_mut(decision.report) {
            own.push(decision);
        }
    }
    out
}

/// Loads every report of `paths` once, in parallel, settles the ambiguous rows their
/// neighbouring years decide, and hands each entry to `finish`, calling `progress` after each
/// load: the entries [`load_deciding`] gives with [`neighbour_decisions`], with each file read
/// once instead of twice. Only `finish`'s results (in the order of `paths`) and each report's
/// [`neighbours::deciding_part`] are kept while the folder loads; an entry the neighbours may
/// still change ([`neighbours::may_change`], rare) waits whole until every report is read.
pub fn load_each_settled<T: Send>(
    paths: &[PathBuf],
    policy: Policy,
    progress: impl Fn() + Sync,
    finish: impl Fn(Entry) -> T + Sync,
) -> Vec<T> {
    /// A report loaded: finished, or waiting for the folder's decisions.
    enum Loaded<T> {
        Finished(T),
        Waiting(Box<Entry>),
    }
    let loaded: Vec<(Loaded<T>, Report, Vec<Finding>)> = paths
        .par_iter()
        .map(|path| {
            let (entry, readings) = load_with_readings(path, policy);
            progress();
            let part = neighbours::deciding_part(&entry.report, &readings);
            let loaded = if paths.len() > 1 && neighbours::may_change(&entry.report, &readings) {
                Loaded::Waiting(Box::new(entry))
            } else {
                Loaded::Finished(finish(entry))
            };
            (loaded, part, readings)
        })
        .collect();
    let mut decided: Vec<Vec<Decision>> = vec![Vec::new(); paths.len()];
    if paths.len() > 1 {
        let reports: Vec<&Report> = loaded.iter().map(|(_, r, _)| r).collect();
        let findings: Vec<&[Finding]> = loaded.iter().map(|(_, _, f)| f.as_slice()).collect();
        for decision in rules::neighbours::decide(&reports, &findings) {
            if let Some(own) = decided.get_mut(decision.report) {
                own.push(decision);
            }
        }
    }
    loaded
        .into_iter()
        .zip(decided)
        .map(|((loaded, _, _), decisions)| match loaded {
            Loaded::Finished(done) => done,
            Loaded::Waiting(mut entry) => {
                settle_by_neighbours(&mut entry, &decisions, policy);
                finish(*entry)
            }
        })
        .collect()
}

/// [`load`], with the neighbouring years' `decisions` for this report applied.
pub fn load_deciding(path: &Path, decisions: &[Decision], policy: Policy) -> Entry {
    let mut entry = load(path, policy);
    settle_by_neighbours(&mut entry, decisions, policy);
    entry
}

/// Loads every report in parallel, calling `progress` after each one, then decides ambiguous rows
/// by the same agency's neighbouring years ([`rules::neighbours`]) and adds the cross-year
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
    decide_by_neighbours(&mut entries, policy);
    let reports: Vec<&Report> = entries.iter().map(|e| &e.report).collect();
    let cross = rules::cross::check(&reports);
    for (i, finding) in cross {
        if let Some(entry) = entries.get_mut(i) {
            entry.findings.push(finding);
        }
    }
    entries
}

/// An entry as the exports write it: its queue status as the English label.
impl<'a> From<&'a Entry> for ReportRow<'a> {
    fn from(entry: &'a Entry) -> ReportRow<'a> {
        ReportRow {
            file: &entry.path,
            report: &entry.report,
            findings: &entry.findings,
            status: entry.status().label(),
            error: entry.error.as_deref(),
            review_warning: entry.review_warning.as_deref(),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::report::{Status, Value};
    use crate::template::TableId;

    fn entry(status: Status, checked: bool) -> Entry {
        let mut report = Report::blank(&FORM_2021);
        let key = report.key(TableId::Requests, "total", "total").unwrap();
        let cell = report.cells.get_mut(&key).unwrap();
        cell.value = Value::Number(5.into());
        cell.status = status;
        cell.checked = checked;
        Entry {
            path: PathBuf::from("r.txt"),
            review_csv: Some(PathBuf::from("r.txt.gouji.csv")),
            report,
            findings: Vec::new(),
            error: None,
            failure: None,
            review_warning: None,
        }
    }

    #[test]
    fn a_chosen_reading_counts_as_the_reviewers_work_in_the_queue() {
        assert_eq!(entry(Status::Chosen, false).status(), QueueStatus::Edited);
        assert_eq!(
            entry(Status::Corrected, false).status(),
            QueueStatus::Edited
        );
        assert_eq!(entry(Status::Extracted, false).status(), QueueStatus::Clean);
        assert_eq!(entry(Status::Chosen, true).status(), QueueStatus::Reviewed);
    }

    #[test]
    fn a_file_that_cannot_be_read_keeps_its_kind_of_failure() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("空.txt");
        std::fs::write(&empty, b"").unwrap();
        let loaded = load(&empty, Policy::default());
        assert_eq!(loaded.failure, Some(Failure::Empty));
        assert_eq!(loaded.status(), QueueStatus::Unreadable);
        let missing = load(&dir.path().join("没有.txt"), Policy::default());
        assert_eq!(missing.failure, Some(Failure::Missing));
    }
}
