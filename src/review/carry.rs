//! Carrying a reviewer's work over a fresh extraction.
//!
//! `gouji extract` on a report whose review CSV already holds corrections, checks or notes
//! extracts the report again and keeps every one of them: the reviewer's cell wins. Owns what
//! counts as reviewer work and moving it into the fresh report; the CLI decides when to do it.

use crate::report::{CellKey, Report};

/// Whether a cell holds something a reviewer did: a correction, a chosen reading, a check, or
/// a note.
fn is_review_work(cell: &crate::report::Cell) -> bool {
    cell.status.by_reviewer() || cell.checked || !cell.note.is_empty()
}

/// Whether `report` (read from a review CSV) holds any reviewer work.
pub fn holds_review_work(report: &Report) -> bool {
    report.cells.values().any(is_review_work)
}

/// Copies every cell of `reviewed` that holds reviewer work (value, status, note and check) into
/// `fresh`, and returns their keys in form order. When some of them have no place in `fresh`
/// (the fresh extraction found another form), nothing is copied and those keys are the error.
///
/// # Example
/// ```
/// use gouji::{Report, Status, Value, review::carry_review_work, template::{FORM_2021, TableId}};
/// let mut reviewed = Report::blank(&FORM_2021);
/// let key = reviewed.key(TableId::Requests, "total", "total").unwrap();
/// let cell = reviewed.cells.get_mut(&key).unwrap();
/// cell.value = Value::Number(5.into());
/// cell.status = Status::Corrected;
/// let mut fresh = Report::blank(&FORM_2021);
/// assert_eq!(carry_review_work(&reviewed, &mut fresh), Ok(vec![key]));
/// assert_eq!(fresh.cells.get(&key).unwrap().value, Value::Number(5.into()));
/// ```
pub fn carry_review_work(
    reviewed: &Report,
    fresh: &mut Report,
) -> Result<Vec<CellKey>, Vec<CellKey>> {
    let work: Vec<(CellKey, &crate::report::Cell)> = reviewed
        .cells_in_form_order()
        .filter(|(_, cell)| is_review_work(cell))
        .collect();
    let homeless: Vec<CellKey> = work
        .iter()
        .filter(|(key, _)| fresh.cells.get(key).is_none())
        .map(|(key, _)| *key)
        .collect();
    if !homeless.is_empty() {
        return Err(homeless);
    }
    let mut kept = Vec::with_capacity(work.len());
    for (key, cell) in work {
        if let Some(target) = fresh.cells.get_mut(&key) {
            target.value = cell.value.clone();
            target.status = cell.status;
            target.note = cell.note.clone();
            target.checked = cell.checked;
            kept.push(key);
        }
    }
    Ok(kept)
}
