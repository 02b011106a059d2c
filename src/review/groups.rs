//! Findings grouped for reading: a mostly blank table gives dozens of findings of one kind
//! (`R3` on 23 rows, each with a blank input), which read better as one line that expands
//! (`R3：23 行无法核对，有空格`). [`group_findings`] groups a report's findings by check and
//! severity, keeping their order (most serious first, so broken rules lead); the window draws a
//! group of one as the finding itself and a larger group collapsed under its
//! [`FindingGroup::title`].

use crate::check::CheckDef;
use crate::rules::{Finding, Severity};

/// Findings of one check and severity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingGroup {
    /// The check that found them.
    pub check: &'static CheckDef,
    /// Their severity.
    pub severity: Severity,
    /// Their indices among the findings, in order.
    pub members: Vec<usize>,
}

/// The findings grouped by check and severity, in the order each group first appears.
///
/// # Example
/// ```
/// use gouji::{Report, review::group_findings, rules, template::{FORM_2019, TableId}, Value};
/// let mut report = Report::blank(&FORM_2019);
/// for row in ["received", "carried_in", "total"] {
///     let key = report.key(TableId::Requests, row, "total").unwrap();
///     report.cells.get_mut(&key).unwrap().value = Value::Number(1.into());
/// }
/// let findings = rules::check(&report, rules::Policy::default());
/// let groups = group_findings(&findings);
/// let r3 = groups.iter().find(|g| g.check.id == "R3").unwrap();
/// assert_eq!(r3.members.len(), 3);
/// assert_eq!(r3.title(&findings, true), "R3：3 行无法核对，有空格（总计等于各类申请人之和）");
/// ```
pub fn group_findings(findings: &[Finding]) -> Vec<FindingGroup> {
    let mut groups: Vec<FindingGroup> = Vec::new();
    for (i, f) in findings.iter().enumerate() {
        match groups
            .iter_mut()
            .find(|g| std::ptr::eq(g.check, f.check) && g.severity == f.severity)
        {
            Some(group) => group.members.push(i),
            None => groups.push(FindingGroup {
                check: f.check,
                severity: f.severity,
                members: vec![i],
            }),
        }
    }
    groups
}

impl FindingGroup {
    /// One line for the group in Chinese (`zh`) or English: the check, how many rows, columns
    /// or findings, what is wrong with them and the check's title.
    pub fn title(&self, findings: &[Finding], zh: bool) -> String {
        let n = self.members.len();
        // A rule's finding runs down a column or along a row; other checks' are "findings".
        let along_row = self
            .members
            .first()
            .and_then(|&i| findings.get(i))
            .and_then(|f| f.equation.as_ref())
            .map(|eq| {
                let first = eq.lhs.first().map(|k| k.col);
                eq.lhs.iter().chain(&eq.rhs).any(|k| Some(k.col) != first)
            });
        let (unit_zh, unit_en) = match along_row {
            Some(true) => ("行", "rows"),
            Some(false) => ("列", "columns"),
            None => ("处", "findings"),
        };
        let (state_zh, state_en) = match self.severity {
            Severity::Broken => ("不平", "broken"),
            Severity::Incomplete => ("无法核对，有空格", "cannot be checked, cells blank"),
            Severity::Ambiguous => ("读法存疑", "ambiguous"),
            Severity::Warning => ("提示", "to look at"),
        };
        let id = self.check.id;
        if zh {
            format!("{id}：{n} {unit_zh}{state_zh}（{}）", self.check.title_zh)
        } else {
            format!("{id}: {n} {unit_en} {state_en} ({})", self.check.title_en)
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::report::{Report, Value};
    use crate::rules::{Policy, check};
    use crate::template::{FORM_2019, TableId};

    #[test]
    fn findings_of_one_kind_make_one_group_in_order_broken_first() {
        let mut report = Report::blank(&FORM_2019);
        let mut set = |row: &str, col: &str, n: i64| {
            let key = report.key(TableId::Requests, row, col).unwrap();
            report.cells.get_mut(&key).unwrap().value = Value::Number(n.into());
        };
        // The 总计 column breaks R1; three rows have only 总计: R3 cannot be checked.
        set("received", "total", 5);
        set("carried_in", "total", 0);
        set("total", "total", 0);
        set("carried_out", "total", 0);
        let mut findings = check(&report, Policy::default());
        findings.sort_by_key(|f| f.severity);
        let groups = group_findings(&findings);
        assert_eq!(groups[0].severity, Severity::Broken);
        let r3 = groups.iter().find(|g| g.check.id == "R3").unwrap();
        assert_eq!(r3.members.len(), 4);
        assert_eq!(
            r3.title(&findings, false),
            format!(
                "R3: 4 rows cannot be checked, cells blank ({})",
                r3.check.title_en
            )
        );
        let all: usize = groups.iter().map(|g| g.members.len()).sum();
        assert_eq!(all, findings.len(), "every finding in one group");
        let r1 = groups
            .iter()
            .find(|g| g.check.id == "R1" && g.severity == Severity::Broken)
            .unwrap();
        assert!(r1.title(&findings, true).starts_with("R1：1 列不平"));
    }
}
