//! Rules: [`Report`] -> [`Finding`]s.
//!
//! Owns evaluating the form's reconciliation equations (R1–R4 in `template`) on a report, telling
//! broken from incomplete (a blank or non-numeric input), and proposing a repair when one
//! single-cell change satisfies every equation the cell takes part in. It does not know the
//! equations itself: it lays the form's [`RuleShape`]s over the tables.
//!
//! Main items: [`check`], [`Policy`], [`Finding`], [`suspects`].

mod finding;

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

pub use finding::{Equation, Finding, Repair, Severity};

use crate::report::{CellKey, Report, Value};
use crate::template::{Form, RuleDef, RuleShape, ValueKind};

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

/// Every equation of `form`, in rule order.
pub fn instances(form: &'static Form) -> Vec<Instance> {
    let mut out = Vec::new();
    for rule in form.rules {
        let table = form.table(rule.table);
        let key = |row: &str, col: &str| CellKey::new(form.id, rule.table, row, col);
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

fn evaluate(report: &Report, inst: &Instance, policy: Policy) -> Outcome {
    if !policy.blank_as_zero && inst.cells().all(|k| report.value(k).is_blank()) {
        return Outcome::Empty;
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
    let equation = Equation {
        lhs_sum: sum(&inst.lhs),
        rhs_sum: sum(&inst.rhs),
        lhs: inst.lhs.clone(),
        rhs: inst.rhs.clone(),
    };
    if !missing.is_empty() {
        Outcome::Incomplete(equation, missing)
    } else if equation.lhs_sum == equation.rhs_sum {
        Outcome::Holds
    } else {
        Outcome::Broken(equation)
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
/// use gouji::{Report, Value, rules, template::{FormId, TableId}};
/// let mut report = Report::blank(FormId::Y2019);
/// let mut set = |row, col, n: i64| {
///     let key = report.key(TableId::Requests, row, col).unwrap();
///     report.cells.get_mut(&key).unwrap().value = Value::Number(n.into());
/// };
/// set("received", "total", 5);
/// set("carried_in", "total", 0);
/// set("total", "total", 0);
/// set("carried_out", "total", 0);
/// let findings = rules::check(&report, rules::Policy::default());
/// let r1 = findings.iter().find(|f| f.rule == "R1").unwrap();
/// assert_eq!(r1.severity, rules::Severity::Broken);
/// ```
pub fn check(report: &Report, policy: Policy) -> Vec<Finding> {
    let form = report.form.form();
    let instances = instances(form);
    let outcomes: Vec<Outcome> = instances
        .iter()
        .map(|inst| evaluate(report, inst, policy))
        .collect();
    let repairs = repairs(report, &instances, &outcomes, policy);
    instances
        .iter()
        .zip(outcomes)
        .filter_map(|(inst, outcome)| match outcome {
            Outcome::Empty | Outcome::Holds => None,
            Outcome::Broken(eq) => {
                let repair = best_repair(inst, &repairs);
                Some(rule_finding(inst, Severity::Broken, eq, repair, &[]))
            }
            Outcome::Incomplete(eq, missing) => {
                Some(rule_finding(inst, Severity::Incomplete, eq, None, &missing))
            }
        })
        .collect()
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
        for (inst, outcome) in instances.iter().zip(outcomes) {
            if !inst.cells().any(|k| *k == cell) {
                continue;
            }
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
            .form()
            .cell(cell.table, cell.row, cell.col)
            .map(|(_, c)| c.kind)
            .unwrap_or(ValueKind::Count);
        if fixes > 0 && Value::Number(value).problem(kind).is_none() {
            out.insert(cell, (value, fixes));
        }
    }
    out
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

fn rule_finding(
    inst: &Instance,
    severity: Severity,
    equation: Equation,
    repair: Option<Repair>,
    missing: &[CellKey],
) -> Finding {
    let (scope_en, scope_zh) = scope(inst);
    let diff = equation.difference();
    let (message, message_zh) = match severity {
        Severity::Incomplete => (
            format!(
                "{} {}: cannot check, {} input(s) blank or not a number ({})",
                inst.rule.id,
                scope_en,
                missing.len(),
                missing
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            format!(
                "{} {}：有 {} 个格为空或非数字，无法核对",
                inst.rule.id,
                scope_zh,
                missing.len()
            ),
        ),
        _ => (
            format!(
                "{} {}: left {} ≠ right {} (difference {})",
                inst.rule.id,
                scope_en,
                equation.lhs_sum.normalize(),
                equation.rhs_sum.normalize(),
                diff.normalize()
            ),
            format!(
                "{} {}：{} ≠ {}（差 {}）",
                inst.rule.id,
                scope_zh,
                equation.lhs_sum.normalize(),
                equation.rhs_sum.normalize(),
                diff.normalize()
            ),
        ),
    };
    Finding {
        rule: inst.rule.id,
        severity,
        cells: inst.cells().copied().collect(),
        equation: Some(equation),
        repair,
        message,
        message_zh,
    }
}

/// Names the column or row an equation runs along, in English and Chinese.
fn scope(inst: &Instance) -> (String, String) {
    let Some(first) = inst.lhs.first() else {
        return (String::new(), String::new());
    };
    let table = first.table.key();
    match inst.rule.shape {
        RuleShape::EachColumn { .. } => (
            format!("{table} column {}", inst.along),
            format!("{}列", column_label(first)),
        ),
        RuleShape::EachRow { .. } => (
            format!("{table} row {}", inst.along),
            format!("{}行", row_label(first)),
        ),
    }
}

fn column_label(key: &CellKey) -> &'static str {
    crate::template::FORMS
        .iter()
        .find_map(|f| f.cell(key.table, key.row, key.col))
        .map(|(_, c)| c.label)
        .unwrap_or("")
}

fn row_label(key: &CellKey) -> &'static str {
    crate::template::FORMS
        .iter()
        .find_map(|f| f.cell(key.table, key.row, key.col))
        .map(|(r, _)| r.label)
        .unwrap_or("")
}
