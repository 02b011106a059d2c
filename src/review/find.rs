//! Finding cells by the form's words: [`find_cells`] gives the cells whose table heading, row
//! label or column label contains what the reviewer typed (`自然人`, `总计`, `行政复议`), in
//! printed order, so the window's Ctrl+F can step from one to the next. The form's labels are
//! Chinese in both window languages (they are the form); the report text is searched by the
//! window's text pane.

use crate::report::{CellKey, Report};

/// The cells of `report` whose table heading, row label or column label contains `query`
/// (ASCII letters in any case), in the form's printed order; none for an empty query.
///
/// # Example
/// ```
/// use gouji::{Report, review::find_cells, template::{FORM_2021, TableId}};
/// let report = Report::blank(&FORM_2021);
/// let hits = find_cells(&report, "上年结转");
/// assert_eq!(hits.len(), 7);
/// assert!(hits.iter().all(|k| k.table == TableId::Requests && k.row == "carried_in"));
/// assert!(find_cells(&report, " ").is_empty());
/// ```
pub fn find_cells(report: &Report, query: &str) -> Vec<CellKey> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    let form = report.form;
    let has = |text: &str| text.to_lowercase().contains(&query);
    report
        .cells_in_form_order()
        .filter(|(key, _)| {
            let table = has(form.table(key.table).title);
            table
                || form
                    .cell(key.table, key.row, key.col)
                    .is_some_and(|(row, col)| has(row.label) || has(col.label))
        })
        .map(|(key, _)| key)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{FORM_2021, TableId};

    #[test]
    fn a_column_label_finds_its_cell_in_every_row_in_printed_order() {
        let report = Report::blank(&FORM_2021);
        let hits = find_cells(&report, "自然人");
        assert!(hits.len() > 20, "{}", hits.len());
        assert!(hits.iter().all(|k| k.col == "natural"));
        assert_eq!(hits.first().map(|k| k.row), Some("received"));
        assert_eq!(hits.last().map(|k| k.row), Some("carried_out"));
        assert!(find_cells(&report, "没有这个词").is_empty());
        let appeals = find_cells(&report, "行政复议");
        assert!(appeals.iter().any(|k| k.table == TableId::Appeals));
    }
}
