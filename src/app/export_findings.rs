//! File ▸ Export findings…: the findings list of the open report, or of every report of the open
//! folder's queue, written beside each report as `NAME.EXT.findings.xlsx` (the same list as
//! `gouji findings`, through `export::write_findings_list`).
//!
//! The open report's list is made from the session, so edits not yet saved are in it as the
//! reviewer's corrections; the queue's other reports are loaded from their files and review
//! CSVs (`corpus::findings_list`). It draws nothing: the outcome is said in the status bar.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::ReviewApp;
use crate::corpus;
use crate::export::{self, FindingsFormat};
use crate::extract;
use crate::rules::{self, Policy};

impl ReviewApp {
    /// Writes the findings lists (the queue's reports, or the open report) and says how it went.
    pub(super) fn export_findings(&mut self) {
        let lang = self.prefs.lang;
        let open = self.session.document().and_then(|d| d.path.clone());
        let paths: Vec<PathBuf> = match &self.queue {
            Some(queue) => queue
                .rows()
                .iter()
                .filter(|r| r.error.is_none())
                .map(|r| r.path.clone())
                .collect(),
            None => open.iter().cloned().collect(),
        };
        if paths.is_empty() {
            self.say(lang.pick(
                "没有可导出问题清单的报告（请先打开报告文件）",
                "No report to export findings for (open a report file first)",
            ));
            return;
        }
        let policy = self.session.policy();
        let is_open = |path: &PathBuf| open.as_deref() == Some(path.as_path());
        let mut results: Vec<Result<(), String>> = paths
            .iter()
            .filter(|p| is_open(p))
            .map(|path| self.open_report_list(path, policy))
            .collect();
        results.par_extend(
            paths
                .par_iter()
                .filter(|p| !is_open(p))
                .map(|path| queued_report_list(path, policy)),
        );
        let failed: Vec<String> = results.into_iter().filter_map(Result::err).collect();
        let written = paths.len() - failed.len();
        let mut text = match lang {
            super::Lang::Zh => format!("已在报告旁写出 {written} 份问题清单（.findings.xlsx）"),
            super::Lang::En => {
                format!("{written} findings lists written beside the reports (.findings.xlsx)")
            }
        };
        if let Some(first) = failed.first() {
            text.push_str(&match lang {
                super::Lang::Zh => format!("；{} 份失败：{first}", failed.len()),
                super::Lang::En => format!("; {} failed: {first}", failed.len()),
            });
        }
        self.say(&text);
    }

    /// The open report's list: printed figures from its text, the session's values as the
    /// reviewer's corrections.
    fn open_report_list(&self, path: &Path, policy: Policy) -> Result<(), String> {
        let Some(doc) = self.session.document() else {
            return queued_report_list(path, policy);
        };
        let extraction = extract::extract(doc);
        let findings = rules::report_findings(
            &extraction.report,
            &extraction.findings,
            Some(doc),
            &[],
            policy,
        );
        write(
            path,
            &extraction.report,
            &findings,
            Some(self.session.report()),
        )
    }
}

/// A queued report's list, from its file and its review CSV.
fn queued_report_list(path: &Path, policy: Policy) -> Result<(), String> {
    let list = corpus::findings_list(path, policy);
    if let Some(error) = &list.entry.error {
        return Err(format!("{}: {error}", path.display()));
    }
    let reviewed = list
        .entry
        .review_csv
        .is_some()
        .then_some(&list.entry.report);
    write(path, &list.printed, &list.findings, reviewed)
}

fn write(
    path: &Path,
    printed: &crate::Report,
    findings: &[crate::Finding],
    reviewed: Option<&crate::Report>,
) -> Result<(), String> {
    let target = export::findings_path(path, FindingsFormat::Xlsx);
    export::write_atomic(&target, |file| {
        export::write_findings_list(
            file,
            FindingsFormat::Xlsx,
            path,
            printed,
            findings,
            reviewed,
        )
    })
    .map_err(|e| format!("{}: {e}", target.display()))
}
