//! Ambiguous readings decided by the same agency's reports of the years before and after.
//!
//! A row whose digits run together may have several readings that its own report cannot tell
//! apart (a 2021-form table 二 row printing 本年制发 / 本年废止 / 现行有效件数 as `2140`). The next
//! year's report states the identity that links them (S2: its 现行有效 = this year's + its 制发 −
//! its 废止), and the year before's states S1's. When the reports of a folder are processed
//! together, a reading is kept when it is the only one under which every identity it takes part
//! in holds, using only neighbour cells read from their own labelled place (`exact`), in one
//! pass: two ambiguous reports never decide each other. A single report on its own is never
//! changed here, so its output does not depend on what else lies in the folder.
//!
//! A folder too large to keep every whole report gives [`decide`] each report's
//! [`deciding_part`] instead: the same decisions, from a few cells per report.
//!
//! Main items: [`decide`], [`apply`], [`deciding_part`], [`may_change`], [`cross_year_keys`].

use rust_decimal::Decimal;

use super::{Finding, cross};
use crate::check;
use crate::report::{CellKey, Confidence, Report, Value};
use crate::template::{Along, CrossYearDef, Form, PerForm, Registry};

/// An ambiguous row of one report decided by a neighbouring year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// The report decided (an index into the reports given to [`decide`]).
    pub report: usize,
    /// The ambiguous finding it settles (its cells are the row's).
    pub settles: Finding,
    /// The value each of the row's cells takes.
    pub cells: Vec<(CellKey, Value)>,
    /// Why, for the reviewer (check X7).
    pub finding: Finding,
    /// Why, in a few words, kept as each filled cell's source text (the review CSV's `extracted`
    /// column): `读法 1/3，据 2022 年报告的 S2`.
    pub reason: String,
}

/// Which of a pair of consecutive years' reports.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Last,
    This,
}

/// The decisions the neighbours of each report allow; `findings[i]` are report `i`'s findings
/// (its ambiguous rows are its findings with readings).
pub fn decide(reports: &[&Report], findings: &[&[Finding]]) -> Vec<Decision> {
    let pairs = cross::pairs(reports);
    let mut out = Vec::new();
    for (index, (report, found)) in reports.iter().zip(findings).enumerate() {
        for ambiguous in found.iter().filter(|f| open(report, f)) {
            // Every pair this report is in, and on which side.
            let sides = pairs.iter().filter_map(|&(last, this)| {
                let side = if last == index {
                    Side::Last
                } else if this == index {
                    Side::This
                } else {
                    return None;
                };
                Some((reports.get(last)?, reports.get(this)?, side))
            });
            let mut evaluated = 0;
            let mut fitting: Vec<usize> = (0..ambiguous.readings.len()).collect();
            let mut neighbour_years = Vec::new();
            for (before, now, side) in sides {
                for identity in now.form.cross_year {
                    for along in along_names(identity) {
                        let verdicts: Vec<Option<bool>> = ambiguous
                            .readings
                            .iter()
                            .map(|reading| {
                                let own = |key: &CellKey| -> Option<Option<Decimal>> {
                                    let at = ambiguous.cells.iter().position(|k| k == key)?;
                                    Some(reading.get(at).and_then(Value::number))
                                };
                                holds(identity, along, before, now, side, &own)
                            })
                            .collect();
                        if verdicts.iter().all(Option::is_none) {
                            continue;
                        }
                        evaluated += 1;
                        let year = match side {
                            Side::Last => now.year,
                            Side::This => before.year,
                        };
                        if let Some(year) = year
                            && !neighbour_years.contains(&(year, identity.check.id))
                        {
                            neighbour_years.push((year, identity.check.id));
                        }
                        fitting.retain(|&r| verdicts.get(r).copied().flatten() == Some(true));
                    }
                }
            }
            let ([chosen], true) = (fitting.as_slice(), evaluated > 0) else {
                continue;
            };
            let Some(reading) = ambiguous.readings.get(*chosen) else {
                continue;
            };
            let by: Vec<String> = neighbour_years
                .iter()
                .map(|(year, id)| format!("{year} 年报告的 {id}"))
                .collect();
            out.push(Decision {
                report: index,
                settles: ambiguous.clone(),
                cells: ambiguous
                    .cells
                    .iter()
                    .copied()
                    .zip(reading.clone())
                    .collect(),
                finding: finding(report.form, ambiguous, reading, *chosen, &neighbour_years),
                reason: format!(
                    "读法 {}/{}，据{}",
                    chosen + 1,
                    ambiguous.readings.len(),
                    by.join("、")
                ),
            });
        }
    }
    out
}

/// What [`decide`] reads of `report`, whose findings that list readings are `readings`: the
/// report with only the cells a cross-year identity of any standard form names (its neighbours
/// may follow another form) and the cells of those rows. Deciding on these parts gives the
/// decisions the whole reports give.
pub fn deciding_part(report: &Report, readings: &[Finding]) -> Report {
    let mut keys = cross_year_keys(report.form).to_vec();
    keys.extend(readings.iter().flat_map(|f| f.cells.iter().copied()));
    Report {
        file: report.file.clone(),
        agency: report.agency.clone(),
        year: report.year,
        form: report.form,
        cells: keys
            .into_iter()
            .filter_map(|key| Some((key, report.cells.get(&key)?.clone())))
            .collect(),
    }
}

/// The keys of the cells of a report of `form` that the cross-year identities of any standard
/// form read (its neighbours may follow another form), found as those checks find them (with
/// the identity's row and column names): worked out once per form.
pub fn cross_year_keys(form: &'static Form) -> &'static [CellKey] {
    static KEYS: PerForm<Vec<CellKey>> = PerForm::new(keys_read_across_years);
    KEYS.get(form)
}

fn keys_read_across_years(report_form: &'static Form) -> Vec<CellKey> {
    let mut keys = Vec::new();
    for form in Registry::standard().forms() {
        for identity in form.cross_year {
            let cells = [identity.this, identity.last]
                .into_iter()
                .chain(identity.plus.iter().copied())
                .chain(identity.minus.iter().copied());
            for cell in cells {
                for &along in along_names(identity) {
                    let (row, col) = match identity.along {
                        Along::Columns(_) => (cell, along),
                        Along::Rows(_) => (along, cell),
                    };
                    if let Some(key) = CellKey::new(report_form, identity.table, row, col)
                        && !keys.contains(&key)
                    {
                        keys.push(key);
                    }
                }
            }
        }
    }
    keys
}

/// Whether [`decide`] may change `report`: one of `findings` is an ambiguous row of it still
/// open. A report it cannot change needs no second look after the folder is decided.
pub fn may_change(report: &Report, findings: &[Finding]) -> bool {
    findings.iter().any(|f| open(report, f))
}

/// Whether `finding` is an ambiguous row of `report` still open: readings listed, and every cell
/// still blank, neither corrected nor checked by the reviewer.
fn open(report: &Report, finding: &Finding) -> bool {
    finding.readings.len() > 1
        && finding.cells.iter().all(|key| {
            report.cells.get(key).is_some_and(|c| {
                c.value.is_blank()
                    && c.confidence == Confidence::Ambiguous
                    && c.status == crate::report::Status::Blank
                    && !c.checked
            })
        })
}

/// The rows or columns `identity` runs along.
fn along_names(identity: &CrossYearDef) -> &'static [&'static str] {
    match identity.along {
        Along::Columns(names) | Along::Rows(names) => names,
    }
}

/// Whether `identity` along `along` holds between `before` and `now`, where the ambiguous
/// report is on `side` and `own` gives its row's cells under a reading (`None`: not in the
/// row); `None` when a term is neither in the row nor an exact number.
fn holds(
    identity: &CrossYearDef,
    along: &str,
    before: &Report,
    now: &Report,
    side: Side,
    own: &dyn Fn(&CellKey) -> Option<Option<Decimal>>,
) -> Option<bool> {
    let is_column = matches!(identity.along, Along::Columns(_));
    let term = |at: Side, cell: &str| -> Option<Decimal> {
        let report = match at {
            Side::Last => before,
            Side::This => now,
        };
        let (row, col) = if is_column {
            (cell, along)
        } else {
            (along, cell)
        };
        let key = report.key(identity.table, row, col)?;
        if at == side
            && let Some(value) = own(&key)
        {
            return value;
        }
        let cell = report.cells.get(&key)?;
        (cell.confidence == Confidence::Exact)
            .then(|| cell.value.number())
            .flatten()
    };
    let sum =
        |cells: &[&str]| -> Option<Decimal> { cells.iter().map(|c| term(Side::This, c)).sum() };
    let this = term(Side::This, identity.this)?;
    let last = term(Side::Last, identity.last)?;
    Some(this == last + sum(identity.plus)? - sum(identity.minus)?)
}

/// The finding that says why a row was read as it was.
fn finding(
    form: &'static crate::template::Form,
    ambiguous: &Finding,
    reading: &[Value],
    chosen: usize,
    neighbours: &[(u16, &str)],
) -> Finding {
    let values: Vec<String> = reading.iter().map(ToString::to_string).collect();
    let by: Vec<String> = neighbours
        .iter()
        .map(|(year, id)| format!("{id} with {year}"))
        .collect();
    let by_zh: Vec<String> = neighbours
        .iter()
        .map(|(year, id)| format!("与 {year} 年报告的 {id}"))
        .collect();
    // The row in the form's words (`行政规范性文件`), not its key.
    let row = ambiguous
        .cells
        .first()
        .and_then(|k| form.cell(k.table, k.row, k.col))
        .map(|(row, _)| row.label)
        .unwrap_or_default();
    let n = ambiguous.readings.len();
    Finding {
        check: &check::DECIDED_BY_NEIGHBOUR,
        severity: check::DECIDED_BY_NEIGHBOUR.severity,
        cells: ambiguous.cells.clone(),
        equation: None,
        repair: None,
        readings: Vec::new(),
        message: format!(
            "{row}: reading {} of {n} [{}] chosen, the only one under which the identities hold ({}); cells inferred",
            chosen + 1,
            values.join(","),
            by.join(", ")
        ),
        message_zh: format!(
            "{row}：{n} 种读法中只有第 {} 种 [{}] 使跨年度关系成立（{}），据此推断",
            chosen + 1,
            values.join(","),
            by_zh.join("、")
        ),
    }
}

/// Writes `decision` into its report (as `report` and `findings`): the row's cells take the
/// chosen values (inferred) with the reason as their source text, and the X7 finding replaces
/// the ambiguous one. `false`, and nothing
/// changed, when the row is no longer open there (a reviewer has filled it since).
pub fn apply(report: &mut Report, findings: &mut Vec<Finding>, decision: &Decision) -> bool {
    if !findings.contains(&decision.settles) || !open(report, &decision.settles) {
        return false;
    }
    for (key, value) in &decision.cells {
        if let Some(cell) = report.cells.get_mut(key) {
            cell.status = if value.is_blank() {
                crate::report::Status::Blank
            } else {
                crate::report::Status::Extracted
            };
            cell.value = value.clone();
            cell.confidence = Confidence::Inferred;
            cell.source = Some(crate::report::Source {
                text: decision.reason.as_str().into(),
                line: 0,
                span: None,
            });
        }
    }
    findings.retain(|f| *f != decision.settles);
    findings.push(decision.finding.clone());
    true
}
