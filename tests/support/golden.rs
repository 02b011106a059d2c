//! Comparing an extraction with the cells it must give (`table,row,col,value`; `''` blank, `?`
//! blank *and* flagged ambiguous, anything else the number): shared by the golden tests of the
//! layouts (`tests/extract_golden.rs`) and of the PDF tools' text (`tests/pdf_tools.rs`).

use gouji::template::TableId;
use gouji::{Confidence, Report, Value};
use rust_decimal::Decimal;

/// The first cell of `report` that differs from the expected `csv`, described; cells the CSV
/// does not list must be blank.
pub fn first_difference(csv: &str, report: &Report) -> Option<String> {
    let mut listed = std::collections::BTreeSet::new();
    for line in csv.lines().skip(1) {
        let parts: Vec<&str> = line.split(',').collect();
        let [table, row, col, want] = parts.as_slice() else {
            return Some(format!("bad expected line `{line}`"));
        };
        let Some(key) = TableId::from_key(table).and_then(|t| report.key(t, row, col)) else {
            return Some(format!(
                "{table}/{row}/{col}: not a cell of the detected form"
            ));
        };
        listed.insert(key);
        let cell = report.cells.get(&key)?;
        let ok = match *want {
            "" => cell.value.is_blank(),
            "?" => cell.value.is_blank() && cell.confidence == Confidence::Ambiguous,
            n => n
                .parse::<Decimal>()
                .is_ok_and(|n| cell.value == Value::Number(n)),
        };
        if !ok {
            return Some(format!(
                "{table}/{row}/{col}: want {want:?}, got {:?} ({:?})",
                cell.value, cell.confidence
            ));
        }
    }
    report
        .cells
        .iter()
        .find(|(k, c)| !listed.contains(*k) && !c.value.is_blank())
        .map(|(k, c)| format!("{k:?}: want blank, got {:?}", c.value))
}
