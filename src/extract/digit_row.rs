//! Filling a row whose numbers run together (flattened text, see `flattened` and `digit_runs`).
//!
//! A unique reading is written with [`Confidence::Inferred`] (or `Exact` when the column count
//! alone fixes it, even when that reading breaks the row's sum: the break is then the report's
//! own error, which the rules report). When several readings fit the rules, the cells stay blank
//! with [`Confidence::Ambiguous`] and an `X4` finding lists the readings; when several readings
//! exist and none fits, the cells they agree on are kept, the rest stay blank, and an `X6`
//! finding (severity broken) says every reading breaks the row's sum. Never one reading picked
//! silently.
//!
//! Main items: [`fill`], [`resolve`].

use rust_decimal::Decimal;

use super::align::Slot;
use super::cells::write_cells;
use super::digit_runs::{self, MAX_READINGS};
use super::equations::{requests_rules, score_by};
use super::token::{Kind, Sep, Token};
use crate::check;
use crate::ingest::Document;
use crate::report::{CellKey, Confidence, Report, Value, parse_value};
use crate::rules::Finding;
use crate::template::ValueKind;

/// The sums a row's cells keep: each group of `width` cells ends with its total, by the rule
/// with id `rule` (`width` < 2: no sums).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sums {
    pub width: usize,
    pub rule: &'static str,
}

/// Whether a row's fields are digit runs.
pub(crate) fn is_run(fields: &[&Token]) -> bool {
    fields.iter().any(|t| t.sep == Sep::Run)
}

/// Reads the run in `fields` as `keys.len()` cells; `sums.width` > 1 means each group of that
/// many cells ends with its total (`sums.rule`: R3 on table 三, R4 on table 四). `what` names the
/// row in findings (made only for a finding).
pub(crate) fn fill(
    doc: &Document,
    report: &mut Report,
    findings: &mut Vec<Finding>,
    keys: &[(CellKey, ValueKind)],
    fields: &[&Token],
    sums: Sums,
    what: impl FnOnce() -> String,
) -> Option<Pending> {
    let width = sums.width;
    let values = fields.iter().filter(|t| t.kind == Kind::Value);
    let (Some(first), Some(last)) = (values.clone().next(), values.clone().next_back()) else {
        return None;
    };
    let span = first.span.start..last.span.end.max(first.span.start);
    let text = doc.text.get(span.clone()).unwrap_or("");
    let n = keys.len();
    let holds = |v: &[Decimal]| width < 2 || digit_runs::sums_hold(v, width);
    // One reading more than are listed tells that there are more.
    let run = digit_runs::Run::new(text, span.start);
    let (readings, cut) = run.readings(n, MAX_READINGS + 1, holds);
    if let ([reading], false) = (readings.as_slice(), cut) {
        // Whether the column count alone fixes it: a second plain reading says no.
        let (plain, _) = run.readings(n, 2, |_| true);
        let confidence = if plain.len() == 1 {
            Confidence::Exact
        } else {
            Confidence::Inferred
        };
        write(doc, report, keys, reading, first.line, confidence);
        return None;
    }
    if readings.is_empty() && !cut {
        let (plain, plain_cut) = run.readings(n, MAX_READINGS + 1, |_| true);
        match (plain.as_slice(), plain_cut) {
            // No reading keeps the rules, but the column count alone leaves one (`5100005` for
            // seven cells): that is what the report prints, and the rules report its error.
            ([reading], false) => {
                write(doc, report, keys, reading, first.line, Confidence::Exact);
                return None;
            }
            // Several readings, each breaking the row's sum: the break is the finding.
            (many, false) if width > 1 && many.len() <= MAX_READINGS => {
                write_agreed(doc, report, keys, many, first.line);
                findings.push(every_reading_breaks(
                    doc,
                    keys,
                    text,
                    first.line + 1,
                    many,
                    sums.rule,
                    &what(),
                ));
                return None;
            }
            _ => {}
        }
    }
    for (key, _) in keys {
        if let Some(cell) = report.cells.get_mut(key) {
            cell.confidence = Confidence::Ambiguous;
        }
    }
    findings.push(ambiguous(
        doc,
        keys,
        text,
        first.line + 1,
        &readings,
        cut,
        &what(),
    ));
    (readings.len() > 1 && !cut).then(|| Pending {
        keys: keys.to_vec(),
        readings,
        line: first.line,
        open: &check::AMBIGUOUS_RUN,
        decided: None,
    })
}

/// A row left ambiguous, whose readings the column rules (R1, R2) may still decide between.
#[derive(Debug, Clone)]
pub(crate) struct Pending {
    keys: Vec<(CellKey, ValueKind)>,
    readings: Vec<digit_runs::Reading>,
    line: usize,
    /// The finding that says the row is open, and what replaces it once the rules decide it
    /// (none for a digit run: its cells' inferred confidence says enough).
    open: &'static check::CheckDef,
    decided: Option<Finding>,
}

impl Pending {
    /// A row printing more numbers than cells, several readings of which keep its total: each
    /// reading the spans of the numbers it keeps, cell by cell. `decided` replaces its X1
    /// finding once the column rules pick one.
    pub(crate) fn surplus(
        keys: &[(CellKey, ValueKind)],
        readings: Vec<digit_runs::Reading>,
        line: usize,
        decided: Finding,
    ) -> Pending {
        Pending {
            keys: keys.to_vec(),
            readings,
            line,
            open: &check::MISCOUNT,
            decided: Some(decided),
        }
    }
}

fn write(
    doc: &Document,
    report: &mut Report,
    keys: &[(CellKey, ValueKind)],
    reading: &digit_runs::Reading,
    line: usize,
    confidence: Confidence,
) {
    let tokens = run_tokens(reading, line);
    let refs: Vec<&Token> = tokens.iter().collect();
    let slots: Vec<Slot> = (0..keys.len())
        .map(|i| Slot::Field(i, confidence))
        .collect();
    write_cells(doc, report, keys, &refs, &slots);
}

/// The value tokens of one reading of a digit run on `line`.
fn run_tokens(reading: &digit_runs::Reading, line: usize) -> Vec<Token> {
    reading
        .iter()
        .map(|r| Token {
            kind: Kind::Value,
            span: r.clone(),
            line,
            sep: Sep::Run,
        })
        .collect()
}

/// Writes the cells on which every one of `readings` agrees (same text at the same place) with
/// [`Confidence::Exact`]; the others are left blank with [`Confidence::Ambiguous`].
fn write_agreed(
    doc: &Document,
    report: &mut Report,
    keys: &[(CellKey, ValueKind)],
    readings: &[digit_runs::Reading],
    line: usize,
) {
    let Some(first) = readings.first() else {
        return;
    };
    let tokens = run_tokens(first, line);
    let refs: Vec<&Token> = tokens.iter().collect();
    let slots: Vec<Slot> = (0..keys.len())
        .map(|i| {
            let span = first.get(i);
            if readings.iter().all(|r| r.get(i) == span) {
                Slot::Field(i, Confidence::Exact)
            } else {
                Slot::Unknown
            }
        })
        .collect();
    write_cells(doc, report, keys, &refs, &slots);
}

/// The finding for a run none of whose readings keeps its row sums (R3 on table 三, R4 on
/// table 四): severity broken, with the readings.
fn every_reading_breaks(
    doc: &Document,
    keys: &[(CellKey, ValueKind)],
    text: &str,
    line: usize,
    readings: &[digit_runs::Reading],
    rule: &str,
    what: &str,
) -> Finding {
    let listed = listed_readings(doc, readings).join(" ");
    Finding {
        check: &check::EVERY_READING_BREAKS,
        severity: check::EVERY_READING_BREAKS.severity,
        cells: keys.iter().map(|(k, _)| *k).collect(),
        equation: None,
        repair: None,
        readings: Vec::new(),
        message: format!(
            "{what} (line {line}): digits run together `{text}` for {} cells; every reading of this row breaks {rule}: {listed}; cells the readings agree on kept, the others left blank",
            keys.len()
        ),
        message_zh: format!(
            "{what}（第 {line} 行）：数字连在一起「{text}」，共 {} 格；每一种读法都不符合 {rule}：{listed}；各读法一致的格已保留，其余留空待核",
            keys.len()
        ),
    }
}

/// Each reading as `[a,b,…]`, at most [`MAX_READINGS`] of them.
fn listed_readings(doc: &Document, readings: &[digit_runs::Reading]) -> Vec<String> {
    readings
        .iter()
        .take(MAX_READINGS)
        .map(|r| {
            let cells: Vec<&str> = r
                .iter()
                .map(|s| doc.text.get(s.clone()).unwrap_or(""))
                .collect();
            format!("[{}]", cells.join(","))
        })
        .collect()
}

/// The value each of `keys` gets from `reading` (as [`write`] would set it).
fn row_values(
    doc: &Document,
    keys: &[(CellKey, ValueKind)],
    reading: &digit_runs::Reading,
) -> Vec<Value> {
    keys.iter()
        .zip(reading)
        .map(|((_, kind), span)| parse_value(doc.text.get(span.clone()).unwrap_or(""), *kind))
        .collect()
}

/// The number each of `keys` gets from `reading` (as [`write`] would set it).
fn row_numbers(
    doc: &Document,
    keys: &[(CellKey, ValueKind)],
    reading: &digit_runs::Reading,
) -> Vec<Option<Decimal>> {
    row_values(doc, keys, reading)
        .iter()
        .map(Value::number)
        .collect()
}

/// Decides ambiguous table-三 rows by R1 and R2: a reading is kept when it is the only one that
/// makes more equations hold without breaking any. Repeats while rows get decided, since one
/// decided row can make another's equations checkable; the rows left are then tried together
/// ([`decide_together`]).
pub(crate) fn resolve(
    doc: &Document,
    report: &mut Report,
    findings: &mut Vec<Finding>,
    pending: Vec<Pending>,
) {
    if pending.is_empty() {
        return;
    }
    let all = requests_rules(report);
    // Only the equations a row takes part in can change when it is decided.
    let mut pending: Vec<(Pending, Vec<&crate::rules::Instance>)> = pending
        .into_iter()
        .map(|row| {
            let equations = all
                .iter()
                .filter(|inst| {
                    inst.lhs
                        .iter()
                        .chain(&inst.rhs)
                        .any(|k| row.keys.iter().any(|(r, _)| r == k))
                })
                .collect();
            (row, equations)
        })
        .collect();
    loop {
        let before = pending.len();
        pending.retain(|(row, equations)| {
            let (broken, holds) = score_by(equations.iter().copied(), |k| report.value(k).number());
            let fitting: Vec<&digit_runs::Reading> = row
                .readings
                .iter()
                .filter(|reading| {
                    let numbers = row_numbers(doc, &row.keys, reading);
                    let (b, h) = score_by(equations.iter().copied(), |k| {
                        let at = row.keys.iter().position(|(r, _)| r == k);
                        match at.and_then(|i| numbers.get(i)) {
                            Some(number) => *number,
                            None => report.value(k).number(),
                        }
                    });
                    b <= broken && h > holds
                })
                .collect();
            let [reading] = fitting.as_slice() else {
                return true;
            };
            settle(doc, report, findings, row, reading);
            false
        });
        if pending.len() == before {
            break;
        }
    }
    decide_together(doc, report, findings, &pending);
}

/// Combinations of readings tried at most when rows are decided together (three rows of 16
/// readings); beyond it each row stays as deciding it alone left it.
const MAX_COMBINATIONS: usize = 4096;

/// Decides rows that no reading decides alone by trying their readings together (two rows each
/// with two readings that keep their own total, of which one pairing keeps the column sums):
/// every combination is scored against all their equations at once. The combinations that break
/// the fewest and then hold the most win, if they break no more and hold more than the blank
/// rows do; a row is written where every winning combination reads it the same way, so a row the
/// equations cannot tell stays blank.
fn decide_together(
    doc: &Document,
    report: &mut Report,
    findings: &mut Vec<Finding>,
    pending: &[(Pending, Vec<&crate::rules::Instance>)],
) {
    let combinations = pending.iter().try_fold(1_usize, |n, (row, _)| {
        n.checked_mul(row.readings.len())
            .filter(|&n| n <= MAX_COMBINATIONS)
    });
    let Some(combinations) = combinations.filter(|_| pending.len() >= 2) else {
        return;
    };
    let mut equations: Vec<&crate::rules::Instance> = Vec::new();
    for equation in pending.iter().flat_map(|(_, e)| e) {
        if !equations.iter().any(|e| std::ptr::eq(*e, *equation)) {
            equations.push(equation);
        }
    }
    // Each row's numbers under each of its readings, and which row and column each cell is.
    let numbers: Vec<Vec<Vec<Option<Decimal>>>> = pending
        .iter()
        .map(|(row, _)| {
            let reading = |r| row_numbers(doc, &row.keys, r);
            row.readings.iter().map(reading).collect()
        })
        .collect();
    let place: std::collections::HashMap<CellKey, (usize, usize)> = pending
        .iter()
        .enumerate()
        .flat_map(|(r, (row, _))| {
            row.keys
                .iter()
                .enumerate()
                .map(move |(c, (key, _))| (*key, (r, c)))
        })
        .collect();
    let before = score_by(equations.iter().copied(), |k| report.value(k).number());
    let mut choice = vec![0_usize; pending.len()];
    let mut best: Option<(usize, usize)> = None;
    // Per row, the reading every best combination so far gives it (`None`: they differ).
    let mut agreed: Vec<Option<usize>> = Vec::new();
    for _ in 0..combinations {
        let (broken, holds) = score_by(equations.iter().copied(), |k| match place.get(k) {
            Some(&(r, c)) => numbers
                .get(r)
                .and_then(|row| row.get(*choice.get(r)?)?.get(c).copied())
                .flatten(),
            None => report.value(k).number(),
        });
        match best {
            Some((b, h)) if broken > b || (broken == b && holds < h) => {}
            Some((b, h)) if broken == b && holds == h => {
                for (agreed, chosen) in agreed.iter_mut().zip(&choice) {
                    if *agreed != Some(*chosen) {
                        *agreed = None;
                    }
                }
            }
            _ => {
                best = Some((broken, holds));
                agreed = choice.iter().map(|&c| Some(c)).collect();
            }
        }
        // The next combination, the first row's reading turning fastest.
        for ((row, _), chosen) in pending.iter().zip(choice.iter_mut()) {
            *chosen += 1;
            if *chosen < row.readings.len() {
                break;
            }
            *chosen = 0;
        }
    }
    match best {
        Some((broken, holds)) if broken <= before.0 && holds > before.1 => {}
        _ => return,
    }
    for ((row, _), agreed) in pending.iter().zip(agreed) {
        if let Some(reading) = agreed.and_then(|i| row.readings.get(i)) {
            settle(doc, report, findings, row, reading);
        }
    }
}

/// Writes the reading the rules chose for a pending row (inferred) and replaces the finding
/// that said it was open.
fn settle(
    doc: &Document,
    report: &mut Report,
    findings: &mut Vec<Finding>,
    row: &Pending,
    reading: &digit_runs::Reading,
) {
    write(
        doc,
        report,
        &row.keys,
        reading,
        row.line,
        Confidence::Inferred,
    );
    let first = row.keys.first().map(|(k, _)| k);
    findings.retain(|f| !(f.is(row.open) && f.cells.first() == first));
    findings.extend(row.decided.clone());
}

fn ambiguous(
    doc: &Document,
    keys: &[(CellKey, ValueKind)],
    text: &str,
    line: usize,
    readings: &[digit_runs::Reading],
    cut: bool,
    what: &str,
) -> Finding {
    let listed = listed_readings(doc, readings);
    let more = if cut || readings.len() > MAX_READINGS {
        " and more"
    } else {
        ""
    };
    let (en, zh) = if listed.is_empty() {
        (
            "no split fits the column count and rules".to_owned(),
            "没有一种拆分符合列数与勾稽关系".to_owned(),
        )
    } else {
        (
            format!("{} readings fit: {}{more}", listed.len(), listed.join(" ")),
            format!("{} 种读法都成立：{}{more}", listed.len(), listed.join(" ")),
        )
    };
    Finding {
        check: &check::AMBIGUOUS_RUN,
        severity: check::AMBIGUOUS_RUN.severity,
        cells: keys.iter().map(|(k, _)| *k).collect(),
        equation: None,
        repair: None,
        readings: readings
            .iter()
            .take(MAX_READINGS)
            .map(|r| row_values(doc, keys, r))
            .collect(),
        message: format!(
            "{what} (line {line}): digits run together `{text}` for {} cells; {en}; cells left blank",
            keys.len()
        ),
        message_zh: format!(
            "{what}（第 {line} 行）：数字连在一起「{text}」，共 {} 格；{zh}；各格留空待核",
            keys.len()
        ),
    }
}
