//! Choosing between the label walk's reading of table 三 and the in-order reading (`sequence`).
//!
//! The in-order reading replaces the walk's only when the reconciliation rules (R1–R3) say it is
//! better: no more equations broken, and more of them holding. Cells on which both readings agree
//! keep the walk's confidence and source; the others become [`Confidence::Inferred`], and a
//! finding says the table was read in printed order.
//!
//! Main item: [`apply`].

use super::rows::write_cells;
use super::sequence;
use super::tokens::{Kind, Token};
use crate::ingest::Document;
use crate::report::{CellKey, Confidence, Report, parse_value};
use crate::rules::{self, Finding, Severity};
use crate::template::{PerForm, TableId, ValueKind};
use rust_decimal::Decimal;
use std::collections::HashMap;

use super::align::Slot;

/// Table 三's equations on `report`'s form, laid out once per form.
pub(super) fn requests_rules(report: &Report) -> &'static [rules::Instance] {
    static LAID_OUT: PerForm<Vec<rules::Instance>> = PerForm::new(|form| {
        rules::instances(form)
            .iter()
            .filter(|inst| inst.rule.table == TableId::Requests)
            .cloned()
            .collect()
    });
    LAID_OUT.get(report.form).map_or(&[], Vec::as_slice)
}

/// How many of `equations` break and hold on the numbers of `cells` (absent: blank).
fn score_numbers(
    cells: &HashMap<CellKey, Option<Decimal>>,
    equations: &[rules::Instance],
) -> (usize, usize) {
    let mut broken = 0;
    let mut holds = 0;
    for inst in equations {
        let sum = |keys: &[CellKey]| {
            keys.iter()
                .map(|k| cells.get(k).copied().flatten())
                .sum::<Option<Decimal>>()
        };
        match (sum(&inst.lhs), sum(&inst.rhs)) {
            (Some(l), Some(r)) if l == r => holds += 1,
            (Some(_), Some(_)) => broken += 1,
            _ => {}
        }
    }
    (broken, holds)
}

/// How many of `equations` break and hold on `report`.
pub(super) fn score_with(report: &Report, equations: &[rules::Instance]) -> (usize, usize) {
    let mut broken = 0;
    let mut holds = 0;
    for inst in equations {
        let sum = |keys: &[CellKey]| {
            keys.iter()
                .map(|k| report.value(k).number())
                .sum::<Option<rust_decimal::Decimal>>()
        };
        match (sum(&inst.lhs), sum(&inst.rhs)) {
            (Some(l), Some(r)) if l == r => holds += 1,
            (Some(_), Some(_)) => broken += 1,
            _ => {}
        }
    }
    (broken, holds)
}

/// Reads table 三 from `tokens` (its first row label up to table 四) in printed order, and keeps
/// that reading where the rules prefer it to what `report` holds.
pub(crate) fn apply(
    doc: &Document,
    report: &mut Report,
    findings: &mut Vec<Finding>,
    tokens: &[Token],
) {
    let form = report.form.form();
    let rows: Vec<_> = form.table(TableId::Requests).data_rows().collect();
    let width = rows.first().map_or(0, |r| r.columns.len());
    let equations = requests_rules(report);
    let (broken_before, holds_before) = score_with(report, equations);
    if broken_before == 0 && holds_before == equations.len() {
        return; // the walk's reading already satisfies every rule
    }
    // Each number read once; candidate tables are scored on numbers, and only the chosen one
    // is written out as a report.
    let numbers: HashMap<usize, Option<Decimal>> = tokens
        .iter()
        .filter(|t| t.kind == Kind::Value)
        .map(|t| {
            let text = doc.text.get(t.span.clone()).unwrap_or("");
            (t.span.start, parse_value(text, ValueKind::Count).number())
        })
        .collect();
    let value = |t: &Token| match t.kind {
        Kind::Value => numbers.get(&t.span.start).copied().flatten(),
        _ => None,
    };
    let keys: Vec<Vec<CellKey>> = rows
        .iter()
        .map(|row| {
            row.columns
                .iter()
                .filter_map(|c| CellKey::new(report.form, TableId::Requests, row.key?, c.key))
                .collect()
        })
        .collect();
    let mut best: Option<(usize, usize, Vec<Option<Decimal>>, sequence::Chunks<'_>)> = None;
    let mut tied = false;
    for chunks in sequence::chunks(tokens, rows.len(), width, &value) {
        let mut cells: HashMap<CellKey, Option<Decimal>> = HashMap::new();
        let mut grid = Vec::new();
        for (row_keys, fields) in keys.iter().zip(&chunks.rows) {
            for (key, token) in row_keys.iter().zip(fields) {
                cells.insert(*key, value(token));
                grid.push(value(token));
            }
        }
        let (broken, holds) = score_numbers(&cells, equations);
        match &best {
            Some((b, h, _, _))
                if (broken, std::cmp::Reverse(holds)) > (*b, std::cmp::Reverse(*h)) => {}
            Some((b, h, g, _)) if (broken, holds) == (*b, *h) => {
                tied |= *g != grid;
            }
            _ => {
                tied = false;
                best = Some((broken, holds, grid, chunks));
            }
        }
    }
    // Several readings the rules cannot tell apart: keep the walk's.
    let Some((broken_after, holds_after, _, chunks)) = best.filter(|_| !tied) else {
        return;
    };
    if broken_after > broken_before || holds_after <= holds_before {
        return;
    }
    let candidate = reading(doc, report, &rows, &chunks.rows);
    let strays = chunks.strays;
    let mut changed = 0;
    for (key, cell) in candidate.cells {
        if key.table != TableId::Requests {
            continue;
        }
        let Some(old) = report.cells.get_mut(&key) else {
            continue;
        };
        if old.value != cell.value || old.confidence == Confidence::Ambiguous {
            changed += 1;
            *old = cell;
        }
    }
    findings.retain(|f| !(f.rule == "X1" && f.cells.iter().all(|k| k.table == TableId::Requests)));
    findings.push(finding(rows.len(), changed, broken_after, &strays, doc));
}

/// `report` with table 三 replaced by `chunks`, one per data row.
fn reading(
    doc: &Document,
    report: &Report,
    rows: &[&'static crate::template::RowDef],
    chunks: &[Vec<&Token>],
) -> Report {
    let mut candidate = report.clone();
    for (key, cell) in candidate.cells.iter_mut() {
        if key.table == TableId::Requests {
            *cell = Default::default();
        }
    }
    for (row, fields) in rows.iter().zip(chunks) {
        let keys: Vec<(CellKey, ValueKind)> = row
            .columns
            .iter()
            .filter_map(|c| {
                Some((
                    CellKey::new(report.form, TableId::Requests, row.key?, c.key)?,
                    c.kind,
                ))
            })
            .collect();
        let slots: Vec<Slot> = fields
            .iter()
            .enumerate()
            .map(|(i, t)| match t.kind {
                Kind::Value => Slot::Field(i, Confidence::Inferred),
                _ => Slot::Blank,
            })
            .collect();
        write_cells(doc, &mut candidate, &keys, fields, &slots);
    }
    candidate
}

fn finding(
    rows: usize,
    changed: usize,
    broken: usize,
    strays: &[&Token],
    doc: &Document,
) -> Finding {
    let lines: Vec<String> = strays
        .iter()
        .map(|t| {
            let text = doc.text.get(t.span.clone()).unwrap_or("");
            format!("{text} (line {})", t.line + 1)
        })
        .collect();
    let left_out = if lines.is_empty() {
        String::new()
    } else {
        format!("; numbers outside any row left out: {}", lines.join(", "))
    };
    Finding {
        rule: "X3",
        severity: Severity::Warning,
        cells: Vec::new(),
        equation: None,
        repair: None,
        message: format!(
            "requests: labels out of line with the numbers; {rows} rows read in printed order ({changed} cells inferred, {broken} equations of R1–R3 broken){left_out}"
        ),
        message_zh: format!(
            "申请情况表：标签与数字错位，按表格固定行序读取 {rows} 行（推断 {changed} 格，R1–R3 不成立 {broken} 条）{}",
            if lines.is_empty() {
                String::new()
            } else {
                format!("；未计入任何行的数字：{}", lines.join("、"))
            }
        ),
    }
}
