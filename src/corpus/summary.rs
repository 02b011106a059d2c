//! What the window's queue keeps of each report of a folder: a [`Summary`] (its status, agency,
//! year, form, counts of findings, why it could not be read) and the few cells the cross-year
//! checks (S1, S2) read, never the whole extraction.
//!
//! Owns loading a folder light ([`summarise_all`]): each report is read once, in parallel, by
//! [`super::load_each_settled`] (which settles the ambiguous rows the neighbouring years decide
//! on a few cells of each report) and summed up at once, its extraction dropped. The statuses
//! are those of [`super::load_all`]'s entries, exactly: both are worked out by
//! [`Tally::status`]. It draws nothing and writes nothing.
//!
//! Main items: [`Summary`], [`Tally`], [`summarise_all`].

use std::path::PathBuf;

use super::{Entry, Failure, QueueStatus, load_each_settled};
use crate::check::{self, Severity};
use crate::report::{Report, Status};
use crate::rules::neighbours;
use crate::rules::{self, Finding, Policy};

/// A report's findings counted by severity, and what else its queue status depends on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Broken rules.
    pub broken: usize,
    /// Rows or cells with several readings.
    pub ambiguous: usize,
    /// Rules not checked for blank inputs.
    pub incomplete: usize,
    /// Warnings (the cross-year checks' among them).
    pub warnings: usize,
    /// Whether the report has none of the standard tables.
    pub no_tables: bool,
    /// Whether the file could not be read.
    pub unreadable: bool,
    /// Whether a review CSV was read and every cell not blank in the source is checked.
    pub reviewed: bool,
    /// Whether a reviewer corrected a cell or chose a reading.
    pub edited: bool,
}

impl Tally {
    /// The tally of `entry`: its findings and the review state of its cells.
    pub fn of(entry: &Entry) -> Tally {
        let cells = || entry.report.cells.values();
        let mut tally = Tally {
            unreadable: entry.error.is_some(),
            reviewed: entry.review_csv.is_some()
                && cells().any(|c| c.checked)
                && cells().all(|c| c.checked || c.status == Status::Blank),
            edited: cells().any(|c| c.status.by_reviewer()),
            ..Tally::default()
        };
        for finding in &entry.findings {
            tally.add(finding);
        }
        tally
    }

    /// Counts one more finding.
    pub fn add(&mut self, finding: &Finding) {
        match finding.severity {
            Severity::Broken => self.broken += 1,
            Severity::Ambiguous => self.ambiguous += 1,
            Severity::Incomplete => self.incomplete += 1,
            Severity::Warning => self.warnings += 1,
        }
        self.no_tables |= finding.is(&check::NO_TABLES);
    }

    /// Where the report stands in the queue.
    ///
    /// # Example
    /// ```
    /// use gouji::corpus::{QueueStatus, summary::Tally};
    /// let tally = Tally { broken: 2, incomplete: 5, ..Tally::default() };
    /// assert_eq!(tally.status(), QueueStatus::Broken(2));
    /// assert_eq!(Tally { edited: true, ..Tally::default() }.status(), QueueStatus::Edited);
    /// ```
    pub fn status(&self) -> QueueStatus {
        if self.unreadable {
            QueueStatus::Unreadable
        } else if self.reviewed {
            QueueStatus::Reviewed
        } else if self.broken > 0 {
            QueueStatus::Broken(self.broken)
        } else if self.ambiguous > 0 {
            QueueStatus::Ambiguous
        } else if self.edited {
            QueueStatus::Edited
        } else if self.incomplete > 0 {
            QueueStatus::Incomplete
        } else if self.no_tables {
            QueueStatus::NoTables
        } else {
            QueueStatus::Clean
        }
    }
}

/// One report of a folder as the queue keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The report file.
    pub path: PathBuf,
    /// Its findings counted, and the review state of its cells.
    pub tally: Tally,
    /// Why the file could not be read, if it could not (in English).
    pub error: Option<String>,
    /// The kind of that failure, for the window's own words.
    pub failure: Option<Failure>,
    /// The report's file name, agency, year and form, with only the cells the cross-year checks
    /// read (S1, S2 of every standard form); enough to check the report under review against
    /// this one.
    pub cross: Report,
}

impl Summary {
    /// The summary of `entry`.
    pub fn of(entry: &Entry) -> Summary {
        Summary {
            path: entry.path.clone(),
            tally: Tally::of(entry),
            error: entry.error.clone(),
            failure: entry.failure.clone(),
            cross: neighbours::deciding_part(&entry.report, &[]),
        }
    }

    /// Where the report stands in the queue.
    pub fn status(&self) -> QueueStatus {
        self.tally.status()
    }

    /// The report's form code (`2019`, `2021`…), empty when the file could not be read.
    pub fn form(&self) -> &'static str {
        if self.error.is_some() {
            ""
        } else {
            self.cross.form.code
        }
    }
}

/// Loads every report of `paths` in parallel into its [`Summary`], calling `progress` after
/// each one; then decides ambiguous rows by the same agency's neighbouring years and adds the
/// cross-year findings to the tallies, as [`super::load_all`] does to its entries (the statuses
/// are the same). Summaries keep the order of `paths`.
pub fn summarise_all(
    paths: &[PathBuf],
    policy: Policy,
    progress: impl Fn() + Sync,
) -> Vec<Summary> {
    // Each report read once; a row a neighbour decides is settled before it is summed up.
    let mut summaries = load_each_settled(paths, policy, progress, |entry| Summary::of(&entry));
    let cross = {
        let reports: Vec<&Report> = summaries.iter().map(|s| &s.cross).collect();
        rules::cross::check(&reports)
    };
    for (i, finding) in cross {
        if let Some(summary) = summaries.get_mut(i) {
            summary.tally.add(&finding);
        }
    }
    summaries
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use std::path::Path;

    use super::*;
    use crate::corpus::{load, load_all};

    const BROKEN: &str = "测试市公安局2020年政府信息公开工作年度报告\n\
        一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n\
        二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
        （七）总计 | 0 | 0 | 0 | 0 | 0 | 0 | 5 |\n\
        四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n";

    /// The same agency a year later, carrying in 3 where 2020 carried forward 0: S1 warns both.
    const BROKEN_2021: &str = "测试市公安局2021年政府信息公开工作年度报告\n\
        一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n\
        二、上年结转政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n\
        （七）总计 | 8 | 0 | 0 | 0 | 0 | 0 | 8 |\n\
        四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n";

    fn fixture(name: &str) -> String {
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).unwrap()
    }

    /// Writes `files` into a fresh folder; their paths in the walker's order.
    fn folder(files: &[(&str, String)]) -> (tempfile::TempDir, Vec<PathBuf>) {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let paths = crate::corpus::walk::walk(dir.path()).unwrap().reports;
        (dir, paths)
    }

    /// The summaries agree with the full load: statuses, counts, agencies, years and forms,
    /// and the kept cells are the full reports' cells.
    fn assert_same_as_full_load(paths: &[PathBuf]) -> Vec<Summary> {
        let entries = load_all(paths, Policy::default(), || {});
        let summaries = summarise_all(paths, Policy::default(), || {});
        assert_eq!(summaries.len(), entries.len());
        for (summary, entry) in summaries.iter().zip(&entries) {
            assert_eq!(summary.path, entry.path);
            assert_eq!(summary.status(), entry.status(), "{}", entry.path.display());
            assert_eq!(summary.tally, Tally::of(entry), "{}", entry.path.display());
            assert_eq!(summary, &Summary::of(entry));
            assert_eq!(summary.cross.agency, entry.report.agency);
            assert_eq!(summary.cross.year, entry.report.year);
            for (key, cell) in summary.cross.cells.iter() {
                assert_eq!(entry.report.cells.get(key), Some(cell), "{key}");
            }
        }
        summaries
    }

    #[test]
    fn a_folder_summed_up_has_the_statuses_of_the_full_load() {
        let (_dir, paths) = folder(&[
            ("2020.txt", BROKEN.to_owned()),
            ("sub/2021.txt", BROKEN_2021.to_owned()),
            (
                "clean.txt",
                fixture("tests/fixtures/cli/row_per_line_2021.txt"),
            ),
            ("empty.txt", String::new()),
            (
                "old.txt",
                "某某局2018年政府信息公开工作年度报告\n本年度共主动公开信息120条。\n".into(),
            ),
            (
                "ambiguous.txt",
                fixture("tests/fixtures/layouts/u4_rows_decided_together.txt")
                    .replace("115 000016", "112 000013"),
            ),
        ]);
        let summaries = assert_same_as_full_load(&paths);
        let status = |name: &str| {
            summaries
                .iter()
                .find(|s| s.path.ends_with(name))
                .unwrap()
                .status()
        };
        assert_eq!(status("empty.txt"), QueueStatus::Unreadable);
        assert_eq!(status("old.txt"), QueueStatus::NoTables);
        assert_eq!(status("clean.txt"), QueueStatus::Clean);
        assert_eq!(status("ambiguous.txt"), QueueStatus::Ambiguous);
        // The two years of 测试市公安局 warn each other (S1), as the full load does.
        for name in ["2020.txt", "2021.txt"] {
            let summary = summaries.iter().find(|s| s.path.ends_with(name)).unwrap();
            let alone = Summary::of(&load(&summary.path, Policy::default()));
            assert!(summary.tally.warnings > alone.tally.warnings, "{name}");
        }
        // Only the cross-year cells are kept: S1's 14 and S2's 6 of a 2021 form at most.
        assert!(summaries.iter().all(|s| s.cross.cells.len() <= 20));
    }

    /// Fixture u3 (2021) with its 行政规范性文件 row of table 二 printed `2140`: 2,1,40 or 2,14,0
    /// or 21,4,0, which the report alone cannot tell; the same agency's 2022 report decides it.
    #[test]
    fn a_row_decided_by_the_next_year_gives_the_status_of_the_full_load() {
        let flattened = fixture("tests/fixtures/layouts/u3_every_reading_breaks.txt")
            .replace("行政规范性文件106", "行政规范性文件2140");
        let next = "示例县市场监督管理局2022年政府信息公开工作年度报告\n\
            二、主动公开政府信息情况\n\
            信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n\
            规章 | 0 | 0 | 2 |\n\
            行政规范性文件 | 3 | 1 | 42 |\n";
        let (_dir, paths) = folder(&[("2021.txt", flattened), ("2022.txt", next.into())]);
        let at = paths.iter().position(|p| p.ends_with("2021.txt")).unwrap();
        let alone = Summary::of(&load(&paths[at], Policy::default()));
        let summaries = assert_same_as_full_load(&paths);
        let decided = &summaries[at];
        assert_ne!(
            decided.tally, alone.tally,
            "the decision changes the findings"
        );
        let key = decided
            .cross
            .key(crate::template::TableId::Proactive, "normative", "in_force")
            .unwrap();
        assert_eq!(
            decided.cross.value(&key),
            &crate::report::Value::Number(40.into())
        );
    }
}
