//! Rules: [`Report`] -> [`Finding`]s.
//!
//! Owns evaluating the form's reconciliation equations (R1–R4 in `template`) on a report, telling
//! broken from incomplete (a blank or non-numeric input), and proposing a repair when one
//! single-cell change satisfies every equation the cell takes part in. It does not know the
//! equations itself: it lays the form's [`RuleShape`]s over the tables.
//!
//! [`report_findings`] is the one place that assembles every finding of a report (extraction's,
//! the rules', the narrative's and, with neighbours, the cross-year ones): the CLI, the corpus
//! and the window all call it, so a report has the same findings wherever it is looked at.
//!
//! Main items: [`check`], [`report_findings`], [`Policy`], [`Finding`], [`suspects`].

pub mod cross;
mod finding;
pub mod narrative;
pub mod neighbours;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use rust_decimal::Decimal;

pub use finding::{Equation, Finding, Repair, Severity};

use crate::ingest::Document;
use crate::report::{CellKey, Report, Value, whole_number};
use crate::template::{Form, PerForm, RuleDef, RuleShape, ValueKind};

/// How rules treat blank cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Policy {
    /// Count a blank input as 0 instead of calling the equation incomplete.
    pub blank_as_zero: bool,
}

/// One equation of a rule, laid over concrete cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    /// The rule.
    pub rule: &'static RuleDef,
    /// The column (for per-column rules) or row (for per-row rules) it runs along.
    pub along: &'static str,
    /// Cells summed on the left.
    pub lhs: Vec<CellKey>,
    /// Cells summed on the right.
    pub rhs: Vec<CellKey>,
}

impl Instance {
    fn cells(&self) -> impl Iterator<Item = &CellKey> {
        self.lhs.iter().chain(&self.rhs)
    }
}

/// Every equation of `form`, in rule order (worked out once per form).
pub fn instances(form: &'static Form) -> &'static [Instance] {
    static INSTANCES: PerForm<Vec<Instance>> = PerForm::new(build_instances);
    INSTANCES.get(form)
}

fn build_instances(form: &'static Form) -> Vec<Instance> {
    let mut out = Vec::new();
    for rule in form.rules {
        let table = form.table(rule.table);
        let key = |row: &str, col: &str| CellKey::new(form, rule.table, row, col);
        match rule.shape {
            RuleShape::EachColumn { lhs, rhs } => {
                let Some(first) = lhs.first().and_then(|r| table.row(r)) else {
                    continue;
                };
                for col in first.columns {
                    let side = |rows: &[&str]| -> Option<Vec<CellKey>> {
                        rows.iter().map(|r| key(r, col.key)).collect()
                    };
                    if let (Some(l), Some(r)) = (side(lhs), side(rhs)) {
                        out.push(Instance {
                            rule,
                            along: col.key,
                            lhs: l,
                            rhs: r,
                        });
                    }
                }
            }
            RuleShape::EachRow { lhs, rhs } => {
                for row in table.data_rows() {
                    let Some(row_key) = row.key else { continue };
                    let side = |cols: &[&str]| -> Option<Vec<CellKey>> {
                        cols.iter().map(|c| key(row_key, c)).collect()
                    };
                    if let (Some(l), Some(r)) = (side(lhs), side(rhs)) {
                        out.push(Instance {
                            rule,
                            along: row_key,
                            lhs: l,
                            rhs: r,
                        });
                    }
                }
            }
        }
    }
    out
}

/// The outcome of evaluating one equation.
enum Outcome {
    /// Every input blank: nothing to check.
    Empty,
    Holds,
    Broken(Equation),
    Incomplete(Equation, Vec<CellKey>),
}

fn term(report: &Report, key: &CellKey, policy: Policy) -> Result<Option<Decimal>, ()> {
    match report.value(key) {
        Value::Number(n) => Ok(Some(*n)),
        Value::NotApplicable => Ok(None),
        Value::Blank if policy.blank_as_zero => Ok(Some(Decimal::ZERO)),
        Value::Blank | Value::Text(_) => Err(()),
    }
}

/// Whether `inst` holds with every term a whole number: summed as integers, most equations are
/// told in a few instructions a term. `false` also when a term is missing or a fraction (then
/// the [`Decimal`] sums of [`evaluate`] decide).
fn holds_on_integers(report: &Report, inst: &Instance, policy: Policy) -> bool {
    let sum = |keys: &[CellKey]| -> Option<i128> {
        keys.iter().try_fold(0_i128, |total, key| {
            match term(report, key, policy).ok()? {
                Some(n) => total.checked_add(whole_number(&n)?),
                None => Some(total),
            }
        })
    };
    matches!((sum(&inst.lhs), sum(&inst.rhs)), (Some(l), Some(r)) if l == r)
}

fn evaluate(report: &Report, inst: &Instance, policy: Policy) -> Outcome {
    if !policy.blank_as_zero && inst.cells().all(|k| report.value(k).is_blank()) {
        return Outcome::Empty;
    }
    if holds_on_integers(report, inst, policy) {
        return Outcome::Holds;
    }
    let mut missing = Vec::new();
    let mut sum = |keys: &[CellKey]| {
        keys.iter()
            .filter_map(|k| match term(report, k, policy) {
                Ok(n) => n,
                Err(()) => {
                    missing.push(*k);
                    None
                }
            })
            .sum::<Decimal>()
    };
    let (lhs_sum, rhs_sum) = (sum(&inst.lhs), sum(&inst.rhs));
    if missing.is_empty() && lhs_sum == rhs_sum {
        return Outcome::Holds; // most equations: nothing to show, nothing to copy
    }
    let equation = Equation {
        lhs_sum,
        rhs_sum,
        lhs: inst.lhs.clone(),
        rhs: inst.rhs.clone(),
    };
    if missing.is_empty() {
        Outcome::Broken(equation)
    } else {
        Outcome::Incomplete(equation, missing)
    }
}

/// Evaluates every rule of the report's form.
///
/// Findings come in rule order (R1 columns, R2 columns, R3 rows, R4 rows), broken and incomplete
/// ones only. A broken finding carries a [`Repair`] when exactly one cell, changed alone, would
/// satisfy every checkable equation it is part of and fixes more broken equations than any other.
///
/// # Example
/// ```
/// use gouji::{Report, Value, rules, template::{FORM_2019, TableId}};
/// let mut report = Report::blank(&FORM_2019);
/// let mut set = |row, col, n: i64| {
///     let key = report.key(TableId::Requests, row, col).unwrap();
///     report.cells.get_mut(&key).unwrap().value = Value::Number(n.into());
/// };
/// set("received", "total", 5);
/// set("carried_in", "total", 0);
/// set("total", "total", 0);
/// set("carried_out", "total", 0);
/// let findings = rules::check(&report, rules::Policy::default());
/// let r1 = findings.iter().find(|f| f.check.id == "R1").unwrap();
/// assert_eq!(r1.severity, rules::Severity::Broken);
/// ```
pub fn check(report: &Report, policy: Policy) -> Vec<Finding> {
    let form = report.form;
    let instances = instances(form);
    let outcomes: Vec<Outcome> = instances
        .iter()
        .map(|inst| evaluate(report, inst, policy))
        .collect();
    let repairs = repairs(report, instances, &outcomes, policy);
    instances
        .iter()
        .zip(scopes(form))
        .zip(outcomes)
        .filter_map(|((inst, scope), outcome)| match outcome {
            Outcome::Empty | Outcome::Holds => None,
            Outcome::Broken(eq) => {
                let repair = best_repair(inst, &repairs);
                Some(rule_finding(
                    form,
                    inst,
                    scope,
                    Severity::Broken,
                    eq,
                    repair,
                    &[],
                ))
            }
            Outcome::Incomplete(eq, missing) => Some(rule_finding(
                form,
                inst,
                scope,
                Severity::Incomplete,
                eq,
                None,
                &missing,
            )),
        })
        .collect()
}

/// Every finding of `report`, most serious first: extraction's `extracted` findings (those the
/// reviewer has not settled: a finding stays while any of its cells is neither corrected, nor
/// chosen among readings, nor checked), the rules', the narrative's when the source `document` is known, and the
/// cross-year checks against `neighbours` (the same agency's other reports, when known).
pub fn report_findings(
    report: &Report,
    extracted: &[Finding],
    document: Option<&Document>,
    neighbours: &[&Report],
    policy: Policy,
) -> Vec<Finding> {
    let settled = |key: &CellKey| {
        report
            .cells
            .get(key)
            .is_some_and(|c| c.status.by_reviewer() || c.checked)
    };
    let mut findings: Vec<Finding> = extracted
        .iter()
        .filter(|f| f.cells.is_empty() || !f.cells.iter().all(settled))
        .cloned()
        .collect();
    findings.extend(check(report, policy));
    if let Some(doc) = document {
        findings.extend(narrative::check(doc, report));
    }
    if !neighbours.is_empty() {
        let reports: Vec<&Report> = std::iter::once(report)
            .chain(neighbours.iter().copied())
            .collect();
        let cross = cross::check(&reports);
        findings.extend(cross.into_iter().filter(|(i, _)| *i == 0).map(|(_, f)| f));
    }
    findings.sort_by_key(|f| f.severity);
    findings
}

/// Cells that take part in two or more broken equations: the prime suspects.
pub fn suspects(findings: &[Finding]) -> BTreeSet<CellKey> {
    let mut count: BTreeMap<CellKey, usize> = BTreeMap::new();
    for f in findings.iter().filter(|f| f.severity == Severity::Broken) {
        for key in &f.cells {
            *count.entry(*key).or_default() += 1;
        }
    }
    count
        .into_iter()
        .filter(|&(_, n)| n >= 2)
        .map(|(k, _)| k)
        .collect()
}

/// For every cell of a broken equation whose checkable equations all agree on one value for it:
/// that value and the number of broken equations it fixes.
fn repairs(
    report: &Report,
    instances: &[Instance],
    outcomes: &[Outcome],
    policy: Policy,
) -> BTreeMap<CellKey, (Decimal, usize)> {
    let broken_cells: BTreeSet<CellKey> = instances
        .iter()
        .zip(outcomes)
        .filter(|(_, o)| matches!(o, Outcome::Broken(_)))
        .flat_map(|(inst, _)| inst.cells().copied())
        .collect();
    let mut out = BTreeMap::new();
    'cells: for cell in broken_cells {
        let mut wanted: Option<Decimal> = None;
        let mut fixes = 0;
        for (inst, outcome) in equations_of(report.form, &cell)
            .iter()
            .filter_map(|&i| instances.get(i).zip(outcomes.get(i)))
        {
            let Some(value) = solve_for(report, inst, cell, policy) else {
                continue;
            };
            if wanted.is_some_and(|w| w != value) {
                continue 'cells;
            }
            wanted = Some(value);
            fixes += usize::from(matches!(outcome, Outcome::Broken(_)));
        }
        let Some(value) = wanted else { continue };
        let kind = report
            .form
            .cell(cell.table, cell.row, cell.col)
            .map(|(_, c)| c.kind)
            .unwrap_or(ValueKind::Count);
        if fixes > 0 && Value::Number(value).problem(kind).is_none() {
            out.insert(cell, (value, fixes));
        }
    }
    out
}

/// For each cell of `form`, in the order of the form's keys (a key's [index](CellKey::index) is
/// its place), the equations ([`instances`], by index, in order) it takes part in: worked out
/// once per form.
fn taking_part(form: &'static Form) -> &'static [(CellKey, Vec<usize>)] {
    static TAKING_PART: PerForm<Vec<(CellKey, Vec<usize>)>> = PerForm::new(|form| {
        let mut table: Vec<(CellKey, Vec<usize>)> = Report::blank(form)
            .cells
            .keys()
            .map(|key| (*key, Vec::new()))
            .collect();
        for (i, inst) in instances(form).iter().enumerate() {
            for key in inst.cells() {
                if let Some((_, equations)) = table.get_mut(key.index())
                    && equations.last() != Some(&i)
                {
                    equations.push(i);
                }
            }
        }
        table
    });
    TAKING_PART.get(form)
}

/// The equations `cell` takes part in (indices into [`instances`], in order).
fn equations_of(form: &'static Form, cell: &CellKey) -> Cow<'static, [usize]> {
    match taking_part(form).get(cell.index()) {
        Some((key, equations)) if key == cell => Cow::Borrowed(equations),
        _ => Cow::Owned(
            instances(form)
                .iter()
                .enumerate()
                .filter(|(_, inst)| inst.cells().any(|k| k == cell))
                .map(|(i, _)| i)
                .collect(),
        ),
    }
}

/// The value `cell` must take for `inst` to hold, when every other input is a number.
fn solve_for(report: &Report, inst: &Instance, cell: CellKey, policy: Policy) -> Option<Decimal> {
    let mut others = Decimal::ZERO;
    let mut on_left = None;
    for (left, key) in inst
        .lhs
        .iter()
        .map(|k| (true, k))
        .chain(inst.rhs.iter().map(|k| (false, k)))
    {
        if *key == cell {
            on_left = Some(left);
            continue;
        }
        let n = term(report, key, policy).ok()?.unwrap_or_default();
        others += if left { n } else { -n };
    }
    // lhs - rhs = 0 with the cell's term c: others + c = 0 (left) or others - c = 0 (right).
    Some(if on_left? { -others } else { others })
}

fn best_repair(inst: &Instance, repairs: &BTreeMap<CellKey, (Decimal, usize)>) -> Option<Repair> {
    let candidates: Vec<(CellKey, Decimal, usize)> = inst
        .cells()
        .filter_map(|k| repairs.get(k).map(|&(v, n)| (*k, v, n)))
        .collect();
    let best = candidates.iter().map(|c| c.2).max()?;
    let mut top = candidates.iter().filter(|c| c.2 == best);
    match (top.next(), top.next()) {
        (Some(&(cell, value, _)), None) => Some(Repair { cell, value }),
        _ => None,
    }
}

/// How a cell of `inst` is named in its finding: by its row's number when the equation runs
/// down a column (`一`, `（三）1.`), by its column's label when it runs along a row.
fn term_name(form: &'static Form, inst: &Instance, key: &CellKey) -> Cow<'static, str> {
    let Some((_, by_row, by_column)) = term_names(form)
        .get(key.index())
        .filter(|(k, _, _)| k == key)
    else {
        return Cow::Owned(term_name_of(form, inst.rule.shape, key));
    };
    Cow::Borrowed(match inst.rule.shape {
        RuleShape::EachColumn { .. } => by_row,
        RuleShape::EachRow { .. } => by_column,
    })
}

/// [`term_name`] of each cell of `form`, down a column and along a row, in the order of the
/// form's keys (a key's [index](CellKey::index) is its place): worked out once per form (a
/// mostly blank table names dozens of cells).
fn term_names(form: &'static Form) -> &'static [(CellKey, String, String)] {
    static NAMES: PerForm<Vec<(CellKey, String, String)>> = PerForm::new(|form| {
        let down = RuleShape::EachColumn { lhs: &[], rhs: &[] };
        let along = RuleShape::EachRow { lhs: &[], rhs: &[] };
        Report::blank(form)
            .cells
            .keys()
            .map(|key| {
                (
                    *key,
                    term_name_of(form, down, key),
                    term_name_of(form, along, key),
                )
            })
            .collect()
    });
    NAMES.get(form)
}

/// How a cell is named in a finding of an equation of `shape`.
fn term_name_of(form: &'static Form, shape: RuleShape, key: &CellKey) -> String {
    match shape {
        RuleShape::EachColumn { .. } => form.row_number(key.table, key.row),
        RuleShape::EachRow { .. } => form
            .cell(key.table, key.row, key.col)
            .map(|(_, c)| c.label.to_owned()),
    }
    .unwrap_or_else(|| key.to_string())
}

fn rule_finding(
    form: &'static Form,
    inst: &Instance,
    (scope_en, scope_zh): &(String, String),
    severity: Severity,
    equation: Equation,
    repair: Option<Repair>,
    missing: &[CellKey],
) -> Finding {
    let id = inst.rule.check.id;
    // Written into strings sized up front: a mostly blank table makes dozens of these.
    let mut message = String::with_capacity(128 + missing.len() * 48);
    let mut message_zh = String::with_capacity(192);
    // Writing to a String cannot fail.
    match severity {
        Severity::Incomplete => {
            let n = missing.len();
            let names: Vec<Cow<'static, str>> =
                missing.iter().map(|k| term_name(form, inst, k)).collect();
            let _ = write!(
                message,
                "{id} {scope_en}: cannot check, {n} input(s) blank or not a number ({})",
                names.join(", ")
            );
            let _ = write!(
                message_zh,
                "{id} {scope_zh}：有 {n} 个格为空或非数字，无法核对（{}）",
                names.join("、")
            );
        }
        _ => {
            let (lhs, rhs) = (equation.lhs_sum.normalize(), equation.rhs_sum.normalize());
            let diff = equation.difference().normalize();
            let _ = write!(
                message,
                "{id} {scope_en}: left {lhs} ≠ right {rhs} (difference {diff})"
            );
            let _ = write!(message_zh, "{id} {scope_zh}：{lhs} ≠ {rhs}（差 {diff}）");
        }
    }
    Finding {
        check: &inst.rule.check,
        severity,
        cells: inst.cells().copied().collect(),
        equation: Some(equation),
        repair,
        readings: Vec::new(),
        message,
        message_zh,
    }
}

/// [`scope`] of each of [`instances`] of `form`, worked out once per form.
fn scopes(form: &'static Form) -> &'static [(String, String)] {
    static SCOPES: PerForm<Vec<(String, String)>> =
        PerForm::new(|form| instances(form).iter().map(|i| scope(form, i)).collect());
    SCOPES.get(form)
}

/// Names the column or row an equation of `form` runs along, in English and Chinese, by its
/// printed label.
fn scope(form: &Form, inst: &Instance) -> (String, String) {
    let Some(first) = inst.lhs.first() else {
        return (String::new(), String::new());
    };
    // In the form's own words in both languages (`column 自然人` / `自然人列`), never its keys.
    match inst.rule.shape {
        RuleShape::EachColumn { .. } => {
            let label = column_label(form, first);
            (format!("column {label}"), format!("{label}列"))
        }
        RuleShape::EachRow { .. } => {
            let label = row_label(form, first);
            (format!("row {label}"), format!("{label}行"))
        }
    }
}

fn column_label(form: &Form, key: &CellKey) -> &'static str {
    form.cell(key.table, key.row, key.col)
        .map(|(_, c)| c.label)
        .unwrap_or("")
}

fn row_label(form: &Form, key: &CellKey) -> &'static str {
    form.cell(key.table, key.row, key.col)
        .map(|(r, _)| r.label)
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{FORM_2019, FORM_2021, TableId};

    fn set(report: &mut Report, table: TableId, row: &str, col: &str, value: Value) {
        let key = report.key(table, row, col).unwrap();
        report.cells.get_mut(&key).unwrap().value = value;
    }

    fn n(v: i64) -> Value {
        Value::Number(v.into())
    }

    /// Seed 000's numbers: the 总计 column holds detail rows summing to 5 but （七）总计 says 0.
    fn seed_000_like() -> Report {
        let mut r = Report::blank(&FORM_2019);
        let rows = [
            ("received", 5),
            ("carried_in", 0),
            ("granted", 0),
            ("partial", 0),
            ("denied_1", 0),
            ("denied_2", 0),
            ("denied_3", 0),
            ("denied_4", 0),
            ("denied_5", 0),
            ("denied_6", 0),
            ("denied_7", 2),
            ("denied_8", 0),
            ("unable_1", 1),
            ("unable_2", 0),
            ("unable_3", 0),
            ("ignored_1", 0),
            ("ignored_2", 2),
            ("ignored_3", 0),
            ("ignored_4", 0),
            ("ignored_5", 0),
            ("other", 0),
            ("total", 0),
            ("carried_out", 0),
        ];
        for (row, v) in rows {
            set(&mut r, TableId::Requests, row, "total", n(v));
        }
        r
    }

    /// A fully filled, consistent 2021 report.
    fn clean_2021() -> Report {
        let mut r = Report::blank(&FORM_2021);
        for key in r.cells.keys().copied().collect::<Vec<_>>() {
            r.cells.get_mut(&key).unwrap().value = n(0);
        }
        for (row, natural) in [
            ("received", 3),
            ("granted", 2),
            ("total", 3),
            ("carried_out", 0),
        ] {
            set(&mut r, TableId::Requests, row, "natural", n(natural));
            set(&mut r, TableId::Requests, row, "total", n(natural));
        }
        set(&mut r, TableId::Requests, "ignored_2", "natural", n(1));
        set(&mut r, TableId::Requests, "ignored_2", "total", n(1));
        r
    }

    fn broken(findings: &[Finding]) -> Vec<(&str, String)> {
        findings
            .iter()
            .filter(|f| f.severity == Severity::Broken)
            .map(|f| (f.check.id, f.cells[0].to_string()))
            .collect()
    }

    #[test]
    fn clean_report_has_no_findings() {
        assert_eq!(check(&clean_2021(), Policy::default()), vec![]);
    }

    #[test]
    fn seed_000_breaks_r1_and_r2_on_the_total_column_with_one_repair() {
        let findings = check(&seed_000_like(), Policy::default());
        assert_eq!(
            broken(&findings),
            vec![
                ("R1", "requests/received/total".to_string()),
                ("R2", "requests/total/total".to_string())
            ]
        );
        let total = CellKey::new(&FORM_2019, TableId::Requests, "total", "total").unwrap();
        for f in findings.iter().filter(|f| f.severity == Severity::Broken) {
            assert_eq!(
                f.repair,
                Some(Repair {
                    cell: total,
                    value: 5.into()
                })
            );
        }
        assert_eq!(suspects(&findings), BTreeSet::from([total]));
        let r1 = findings.iter().find(|f| f.check.id == "R1").unwrap();
        let eq = r1.equation.as_ref().unwrap();
        assert_eq!((eq.lhs_sum, eq.rhs_sum), (5.into(), 0.into()));
        assert_eq!(eq.difference(), 5.into());
    }

    #[test]
    fn blank_inputs_make_a_rule_incomplete_not_broken() {
        let findings = check(&seed_000_like(), Policy::default());
        let r3: Vec<&Finding> = findings.iter().filter(|f| f.check.id == "R3").collect();
        assert!(!r3.is_empty());
        assert!(r3.iter().all(|f| f.severity == Severity::Incomplete));
        // An equation with every input blank is not reported at all.
        assert!(
            !findings
                .iter()
                .any(|f| f.cells.first().is_some_and(|k| k.col == "natural"))
        );
    }

    #[test]
    fn blank_as_zero_turns_incomplete_into_checked() {
        let mut r = seed_000_like();
        set(&mut r, TableId::Requests, "received", "natural", n(5));
        let findings = check(
            &r,
            Policy {
                blank_as_zero: true,
            },
        );
        assert!(!findings.iter().any(|f| f.severity == Severity::Incomplete));
        // With blanks as 0 the received row's R3 holds (5 = 5) and the natural column breaks R1.
        assert!(
            !findings
                .iter()
                .any(|f| f.check.id == "R3" && f.cells[0].row == "received")
        );
        assert!(findings.iter().any(|f| f.check.id == "R1"
            && f.severity == Severity::Broken
            && f.cells[0].col == "natural"));
    }

    #[test]
    fn r3_and_r4_break_on_rows() {
        let mut r = clean_2021();
        set(&mut r, TableId::Requests, "granted", "business", n(1));
        set(&mut r, TableId::Appeals, "review", "upheld", n(2));
        let findings = check(&r, Policy::default());
        let rules: Vec<&str> = findings.iter().map(|f| f.check.id).collect();
        assert!(rules.contains(&"R3") && rules.contains(&"R4"), "{rules:?}");
        // granted/business is in R2 (business column) and R3 (granted row): setting it back to 0
        // fixes both, so it is the repair.
        let r3 = findings.iter().find(|f| f.check.id == "R3").unwrap();
        assert_eq!(
            r3.repair.map(|r| r.cell.to_string()),
            Some("requests/granted/business".into())
        );
        assert_eq!(r3.repair.map(|r| r.value), Some(0.into()));
    }

    #[test]
    fn text_and_not_applicable_inputs() {
        let mut r = clean_2021();
        set(
            &mut r,
            TableId::Appeals,
            "review",
            "other",
            Value::NotApplicable,
        );
        assert_eq!(check(&r, Policy::default()), vec![]);
        set(
            &mut r,
            TableId::Appeals,
            "review",
            "other",
            Value::Text("约1".into()),
        );
        let findings = check(
            &r,
            Policy {
                blank_as_zero: true,
            },
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, Severity::Incomplete);
    }

    #[test]
    fn no_repair_is_offered_when_several_cells_would_do() {
        let mut r = Report::blank(&FORM_2019);
        // Only R4 on one row, every cell alone could fix it: no single suggestion.
        for (col, v) in [
            ("upheld", 1),
            ("corrected", 1),
            ("other", 0),
            ("pending", 0),
            ("total", 3),
        ] {
            set(&mut r, TableId::Appeals, "review", col, n(v));
        }
        let findings = check(&r, Policy::default());
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].repair, None);
    }

    #[test]
    fn every_form_expands_to_its_equations() {
        // R1 and R2: 7 columns each; R3: one per data row; R4: three appeals rows.
        assert_eq!(instances(&FORM_2019).len(), 7 + 7 + 23 + 3);
        assert_eq!(instances(&FORM_2021).len(), 7 + 7 + 25 + 3);
    }
}
