//! What the reviewer changed in a report: every corrected cell and every cell filled from a
//! chosen reading, named in the form's words, with what the report printed, what it holds now
//! and the note ([`corrections`]). The window's changes view lists these; selecting one
//! selects its cell.

use crate::report::{CellKey, Report, Status, Value};

/// One cell the reviewer set: corrected, or filled from a chosen reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// The cell.
    pub key: CellKey,
    /// [`Status::Corrected`] or [`Status::Chosen`].
    pub status: Status,
    /// Its table's heading as printed (`三、收到和处理政府信息公开申请情况`).
    pub table: &'static str,
    /// Its row's label as printed.
    pub row: &'static str,
    /// Its column's label as printed.
    pub col: &'static str,
    /// What the report printed there (empty when nothing).
    pub from: String,
    /// The value now.
    pub to: Value,
    /// The reviewer's note.
    pub note: String,
}

/// Every cell of `report` the reviewer set (corrected, or a chosen reading), in the form's
/// printed order.
///
/// # Example
/// ```
/// use gouji::{Report, Status, Value, review::corrections, template::{FORM_2021, TableId}};
/// let mut report = Report::blank(&FORM_2021);
/// let key = report.key(TableId::Requests, "total", "total").unwrap();
/// let cell = report.cells.get_mut(&key).unwrap();
/// cell.value = Value::Number(5.into());
/// cell.status = Status::Corrected;
/// let listed = corrections(&report);
/// assert_eq!(listed.len(), 1);
/// assert_eq!((listed[0].row, listed[0].col), ("（七）总计", "总计"));
/// ```
pub fn corrections(report: &Report) -> Vec<Correction> {
    report
        .cells_in_form_order()
        .filter(|(_, cell)| cell.status.by_reviewer())
        .map(|(key, cell)| {
            let (row, col) = report
                .form
                .cell(key.table, key.row, key.col)
                .map(|(r, c)| (r.label, c.label))
                .unwrap_or_default();
            Correction {
                key,
                status: cell.status,
                table: report.form.table(key.table).title,
                row,
                col,
                from: cell
                    .source
                    .as_ref()
                    .map(|s| s.text.to_string())
                    .unwrap_or_default(),
                to: cell.value.clone(),
                note: cell.note.clone(),
            }
        })
        .collect()
}
