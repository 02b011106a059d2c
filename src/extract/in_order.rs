//! Choosing between the label walk's reading of table 三 and the in-order reading (`sequence`).
//!
//! The in-order reading replaces the walk's only when the reconciliation rules (R1–R3) say it is
//! better: no more equations broken, and more of them holding. Cells on which both readings agree
//! keep the walk's confidence and source; the others become [`Confidence::Inferred`], and a
//! finding says the table was read in printed order.
//!
//! Main item: [`apply`].

use super::align::Slot;
use super::cells::write_cells;
use super::equations::{requests_rules, score_by};
use super::sequence::{self, Number};
use super::token::{Kind, Token};
use crate::check;
use crate::ingest::Document;
use crate::report::{Cell, CellKey, Confidence, Report, parse_value, whole_number};
use crate::rules::{self, Finding};
use crate::template::{Form, PerForm, TableId, ValueKind};
use rust_decimal::Decimal;

/// Table 三 of one form, laid out for scoring readings of it in printed order.
struct Layout {
    /// Each data row's cells (those the form has), in column order.
    rows: Vec<Vec<(CellKey, ValueKind)>>,
    /// Cells per row as printed (the first data row's column count).
    width: usize,
    /// Where a reading (`width` cells a row) puts each cell of the grid: each row's first
    /// `width` cells, row after row.
    cells: Vec<usize>,
    /// The equations over the grid, as the positions in a reading summed on the left and on the
    /// right. An equation over a cell outside the grid is left out, as it never holds nor breaks
    /// on a reading.
    equations: Vec<(Vec<usize>, Vec<usize>)>,
    /// Table 三's cells, in key order: every cell of `rows` among them, as a reading is written
    /// only over cells taken from the walk.
    keys: Vec<CellKey>,
}

/// Lays out table 三 of `form`.
fn layout(form: &'static Form) -> Layout {
    let data_rows: Vec<_> = form.table(TableId::Requests).data_rows().collect();
    let width = data_rows.first().map_or(0, |r| r.columns.len());
    let rows: Vec<Vec<(CellKey, ValueKind)>> = data_rows
        .iter()
        .map(|row| {
            row.columns
                .iter()
                .filter_map(|c| {
                    let key = CellKey::new(form, TableId::Requests, row.key?, c.key)?;
                    Some((key, c.kind))
                })
                .collect()
        })
        .collect();
    let placed = rows.iter().enumerate().flat_map(|(r, row)| {
        row.iter()
            .take(width)
            .enumerate()
            .map(move |(c, (key, _))| (*key, r * width + c))
    });
    let (grid, cells): (Vec<CellKey>, Vec<usize>) = placed.unzip();
    // The last position of a key, as a later cell of the same key would overwrite it.
    let positions = |keys: &[CellKey]| -> Option<Vec<usize>> {
        keys.iter()
            .map(|k| cells.get(grid.iter().rposition(|g| g == k)?).copied())
            .collect()
    };
    let equations = rules::instances(form)
        .iter()
        .filter(|inst| inst.rule.table == TableId::Requests)
        .filter_map(|inst| Some((positions(&inst.lhs)?, positions(&inst.rhs)?)))
        .collect();
    let keys = Report::blank(form)
        .cells
        .into_iter()
        .map(|(k, _)| k)
        .filter(|k| k.table == TableId::Requests)
        .collect();
    Layout {
        rows,
        width,
        cells,
        equations,
        keys,
    }
}

/// How many of `equations` break and hold on `report`.
fn score_with(report: &Report, equations: &[rules::Instance]) -> (usize, usize) {
    score_by(equations, |k| report.value(k).number())
}

/// The number a reading (each cell's token) puts at `position` (`numbers`: each token's).
fn number_at<N: Number>(reading: &[usize], numbers: &[Option<N>], position: usize) -> Option<N> {
    let token = reading.get(position)?;
    numbers.get(*token).copied().flatten()
}

/// How many of `equations` (positions in `reading`) break and hold on its numbers.
fn score_reading<N: Number>(
    reading: &[usize],
    numbers: &[Option<N>],
    equations: &[(Vec<usize>, Vec<usize>)],
) -> (usize, usize) {
    let mut broken = 0;
    let mut holds = 0;
    for (lhs, rhs) in equations {
        let sum = |positions: &[usize]| {
            positions
                .iter()
                .map(|&p| number_at(reading, numbers, p))
                .sum::<Option<N>>()
        };
        match (sum(lhs), sum(rhs)) {
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
    static LAYOUTS: PerForm<Layout> = PerForm::new(layout);
    let layout = LAYOUTS.get(report.form);
    let equations = requests_rules(report);
    let (broken_before, holds_before) = score_with(report, equations);
    if broken_before == 0 && holds_before == equations.len() {
        return; // the walk's reading already satisfies every rule
    }
    // Each number read once, by token; candidate tables are scored on numbers, and only the
    // chosen one is written out as cells.
    let numbers: Vec<Option<Decimal>> = tokens
        .iter()
        .map(|t| match t.kind {
            Kind::Value => {
                let text = doc.text.get(t.span.clone()).unwrap_or("");
                parse_value(text, ValueKind::Count).number()
            }
            _ => None,
        })
        .collect();
    let best = match whole(&numbers) {
        Some(whole) => best_reading(layout, tokens, &whole),
        None => best_reading(layout, tokens, &numbers),
    };
    let Some((broken_after, holds_after, chunks)) = best else {
        return;
    };
    if broken_after > broken_before || holds_after <= holds_before {
        return;
    }
    let changed = write_reading(doc, report, layout, tokens, &chunks.cells);
    let strays: Vec<&Token> = chunks
        .strays
        .iter()
        .filter_map(|&i| tokens.get(i))
        .collect();
    findings.retain(|f| {
        !(f.is(&check::MISCOUNT) && f.cells.iter().all(|k| k.table == TableId::Requests))
    });
    findings.push(finding(
        layout.rows.len(),
        changed,
        broken_after,
        &strays,
        doc,
    ));
}

/// The numbers as integers, when each is whole and printed without decimals.
///
/// Integers sum and compare as their `Decimal`s do, at a fraction of the cost. Within `i64`,
/// no sum of a table's numbers overflows either `Decimal` (96 bits) or `i128`.
fn whole(numbers: &[Option<Decimal>]) -> Option<Vec<Option<i128>>> {
    numbers
        .iter()
        .map(|n| match n {
            None => Some(None),
            Some(n) => {
                let integer = whole_number(n).filter(|i| i64::try_from(*i).is_ok())?;
                Some(Some(integer))
            }
        })
        .collect()
}

/// The in-order reading of `tokens` the rules like best, with how many equations it breaks and
/// holds (`numbers`: each token's number); `None` when there is none, or several the rules
/// cannot tell apart.
fn best_reading<N: Number>(
    layout: &Layout,
    tokens: &[Token],
    numbers: &[Option<N>],
) -> Option<(usize, usize, sequence::Chunks)> {
    let mut best: Option<(usize, usize, sequence::Chunks)> = None;
    let mut tied = false;
    for chunks in sequence::chunks(tokens, layout.rows.len(), layout.width, numbers) {
        let (broken, holds) = score_reading(&chunks.cells, numbers, &layout.equations);
        match &best {
            Some((b, h, _)) if (broken, std::cmp::Reverse(holds)) > (*b, std::cmp::Reverse(*h)) => {
            }
            Some((b, h, kept)) if (broken, holds) == (*b, *h) => {
                let same = |&p: &usize| {
                    number_at(&kept.cells, numbers, p) == number_at(&chunks.cells, numbers, p)
                };
                tied |= !layout.cells.iter().all(same);
            }
            _ => {
                tied = false;
                best = Some((broken, holds, chunks));
            }
        }
    }
    // Several readings the rules cannot tell apart: keep the walk's.
    best.filter(|_| !tied)
}

/// Writes the reading `cells` (token indices, `layout.width` a row, one row per data row) over
/// table 三 of `report`, cells no row fills blank; a cell keeps the walk's reading (confidence
/// and source) where the value is the same and was not ambiguous. How many cells changed.
fn write_reading(
    doc: &Document,
    report: &mut Report,
    layout: &Layout,
    tokens: &[Token],
    cells: &[usize],
) -> usize {
    // The walk's cells are taken out, leaving blank cells for the reading to be written on.
    let mut walk: Vec<(CellKey, Cell)> = Vec::with_capacity(layout.keys.len());
    for key in &layout.keys {
        if let Some(cell) = report.cells.get_mut(key) {
            walk.push((*key, std::mem::take(cell)));
        }
    }
    let width = layout.width;
    let mut fields: Vec<&Token> = Vec::with_capacity(width);
    let mut slots: Vec<Slot> = Vec::with_capacity(width);
    for (r, keys) in layout.rows.iter().enumerate() {
        let row = cells.get(r * width..(r + 1) * width).unwrap_or_default();
        fields.clear();
        fields.extend(row.iter().filter_map(|&i| tokens.get(i)));
        slots.clear();
        slots.extend(fields.iter().enumerate().map(|(i, t)| match t.kind {
            Kind::Value => Slot::Field(i, Confidence::Inferred),
            _ => Slot::Blank,
        }));
        write_cells(doc, report, keys, &fields, &slots);
    }
    let mut changed = 0;
    for (key, old) in walk {
        let Some(new) = report.cells.get_mut(&key) else {
            continue;
        };
        if new.value != old.value || old.confidence == Confidence::Ambiguous {
            changed += 1;
        } else {
            *new = old;
        }
    }
    changed
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
        check: &check::READ_IN_ORDER,
        severity: check::READ_IN_ORDER.severity,
        cells: Vec::new(),
        equation: None,
        repair: None,
        readings: Vec::new(),
        message: format!(
            "table 三: labels out of line with the numbers; {rows} rows read in printed order ({changed} cells inferred, {broken} equations of R1–R3 broken){left_out}"
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Registry;

    #[test]
    fn a_reading_writes_only_cells_taken_from_the_walk() {
        for form in Registry::standard().forms() {
            let layout = layout(form);
            let mut written = layout.rows.iter().flatten();
            assert!(written.all(|(key, _)| layout.keys.contains(key)));
        }
    }
}
