//! Picking a reading: when the source allows several readings of some cells (digits run
//! together, X4; blocks of table 四, X5), the finding lists them ([`Finding::readings`], one
//! value per cell of [`Finding::cells`]), and the reviewer picks one instead of typing every
//! number. [`Session::choose_reading`] fills all the reading's cells as one step, each with
//! status [`Status::Chosen`](crate::report::Status::Chosen) (the source was ambiguous, not wrong:
//! not a correction) and the note [`reading_note`] (`读法 2/3（X4 一、本年新收…）`), so the
//! finding is settled and goes away; one undo empties the cells again.

use crate::report::{CellKey, Value};
use crate::rules::Finding;
use crate::template::Form;

use super::{Edit, Session};

/// Why a reading could not be chosen; nothing was changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChooseError {
    /// There is no such finding (any more).
    NoSuchFinding,
    /// The finding lists no such reading: it has this many.
    NoSuchReading {
        /// How many readings the finding lists (0: it is not about readings).
        readings: usize,
    },
}

impl ChooseError {
    /// The reason in Chinese (`zh`) or English.
    ///
    /// # Example
    /// ```
    /// use gouji::review::ChooseError;
    /// assert_eq!(ChooseError::NoSuchReading { readings: 0 }.describe(false), "this finding lists no readings");
    /// assert_eq!(ChooseError::NoSuchReading { readings: 2 }.describe(true), "只有 2 种读法");
    /// ```
    pub fn describe(&self, zh: bool) -> String {
        match (self, zh) {
            (ChooseError::NoSuchFinding, true) => "请先选择一个问题".into(),
            (ChooseError::NoSuchFinding, false) => "select a finding first".into(),
            (ChooseError::NoSuchReading { readings: 0 }, true) => "这个问题没有可选的读法".into(),
            (ChooseError::NoSuchReading { readings: 0 }, false) => {
                "this finding lists no readings".into()
            }
            (ChooseError::NoSuchReading { readings }, true) => format!("只有 {readings} 种读法"),
            (ChooseError::NoSuchReading { readings }, false) => {
                format!("there are only {readings} readings")
            }
        }
    }
}

/// Where a finding's cells lie, in the form's words: the row's printed label when they are one
/// row, else the table's heading.
fn place(form: &'static Form, finding: &Finding) -> &'static str {
    let Some(first) = finding.cells.first() else {
        return "";
    };
    let one_row = finding
        .cells
        .iter()
        .all(|k| k.table == first.table && k.row == first.row);
    match form.cell(first.table, first.row, first.col) {
        Some((row, _)) if one_row => row.label,
        _ => form.table(first.table).title,
    }
}

/// The note a chosen reading leaves on each of its cells: which reading of how many, and of
/// which finding (its check and where it lies): `读法 2/3（X4 一、本年新收政府信息公开申请数量）`.
///
/// # Example
/// ```
/// use gouji::{Report, Value, check, rules::Finding, review::reading_note, template::{FORM_2021, TableId}};
/// let report = Report::blank(&FORM_2021);
/// let cells = vec![report.key(TableId::Requests, "received", "natural").unwrap()];
/// let finding = Finding {
///     check: &check::AMBIGUOUS_RUN, severity: check::AMBIGUOUS_RUN.severity, cells,
///     equation: None, repair: None,
///     readings: vec![vec![Value::Number(1.into())], vec![Value::Number(2.into())]],
///     message: String::new(), message_zh: String::new(),
/// };
/// assert_eq!(reading_note(&FORM_2021, &finding, 1), "读法 2/2（X4 一、本年新收政府信息公开申请数量）");
/// ```
pub fn reading_note(form: &'static Form, finding: &Finding, reading: usize) -> String {
    format!(
        "读法 {}/{}（{} {}）",
        reading + 1,
        finding.readings.len(),
        finding.check.id,
        place(form, finding)
    )
}

/// A reading as a line of its values in the cells' order (`5 0 12`), a blank as `—`.
///
/// # Example
/// ```
/// use gouji::{Value, review::reading_text};
/// assert_eq!(reading_text(&[Value::Number(5.into()), Value::Blank, Value::Number(12.into())]), "5 — 12");
/// ```
pub fn reading_text(reading: &[Value]) -> String {
    reading
        .iter()
        .map(|v| {
            if v.is_blank() {
                "—".to_owned()
            } else {
                v.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl Session {
    /// Fills the cells of finding `finding` (an index into [`Session::findings`]) with its
    /// reading `reading` (0-based), as one step: each cell takes the reading's value, status
    /// chosen and the note [`reading_note`]. Returns the cells, in the finding's order. The
    /// finding is then settled and goes away; one undo takes the whole reading back.
    ///
    /// # Example
    /// ```
    /// use gouji::{Document, Format, Status, review::Session};
    /// // Rows 一 and 二 print `112 000013`: 1 and 12, or 11 and 2; either pairing fits.
    /// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/layouts/u4_rows_decided_together.txt");
    /// let text = std::fs::read_to_string(path)?
    ///     .replace("115 000016", "112 000013")
    ///     .replace("226 000028", "112 000013")
    ///     .replace("341 000044", "1214 000026");
    /// let mut s = Session::from_document(Document::from_text(Format::Text, &text));
    /// let i = s.findings().iter().position(|f| f.readings.len() == 2).unwrap();
    /// let cells = s.choose_reading(i, 1).unwrap();
    /// let cell = s.report().cells.get(&cells[0]).unwrap();
    /// assert_eq!(cell.status, Status::Chosen);
    /// assert!(cell.note.starts_with("读法 2/2（X4 "));
    /// s.undo();
    /// assert!(s.report().value(&cells[0]).is_blank());
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn choose_reading(
        &mut self,
        finding: usize,
        reading: usize,
    ) -> Result<Vec<CellKey>, ChooseError> {
        let found = self
            .findings()
            .get(finding)
            .ok_or(ChooseError::NoSuchFinding)?;
        let values = found
            .readings
            .get(reading)
            .filter(|_| found.readings.len() > 1)
            .ok_or(ChooseError::NoSuchReading {
                readings: found.readings.len(),
            })?;
        let note = reading_note(self.report().form, found, reading);
        let edits: Vec<Edit> = found
            .cells
            .iter()
            .zip(values)
            .map(|(key, value)| Edit::Choose {
                key: *key,
                value: value.clone(),
                note: note.clone(),
            })
            .collect();
        let keys = edits.iter().map(Edit::key).collect();
        self.apply_all(edits);
        Ok(keys)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::report::Status;
    use crate::rules::Severity;
    use crate::{Document, Format};

    /// Table 三's rows 一 and 二 both print `112 000013` (1 and 12, or 11 and 2), and either
    /// pairing keeps the column sums: two X4 findings of two readings each.
    fn ambiguous_session() -> (Session, usize) {
        let text = include_str!("../../tests/fixtures/layouts/u4_rows_decided_together.txt")
            .replace("115 000016", "112 000013")
            .replace("226 000028", "112 000013")
            .replace("341 000044", "1214 000026");
        let s = Session::from_document(Document::from_text(Format::Text, &text));
        let i = s
            .findings()
            .iter()
            .position(|f| f.readings.len() == 2)
            .expect("a finding of two readings");
        (s, i)
    }

    #[test]
    fn a_chosen_reading_fills_its_cells_as_one_step_and_settles_the_finding() {
        let (mut s, i) = ambiguous_session();
        let finding = s.findings()[i].clone();
        let ambiguous = s.counts().ambiguous;
        let keys = s.choose_reading(i, 1).unwrap();
        assert_eq!(keys, finding.cells);
        for (key, value) in keys.iter().zip(&finding.readings[1]) {
            let cell = s.report().cells.get(key).unwrap();
            assert_eq!(&cell.value, value);
            assert_eq!(cell.status, Status::Chosen);
            assert!(cell.note.starts_with("读法 2/2（X4 "), "{}", cell.note);
            assert!(!cell.checked, "choosing is not checking");
        }
        assert!(!s.findings().contains(&finding), "the finding went away");
        assert_eq!(s.counts().ambiguous, ambiguous - 1);
        assert!(
            !s.findings()
                .iter()
                .any(|f| f.severity == Severity::Ambiguous && f.cells == finding.cells)
        );
        s.undo();
        assert!(!s.can_undo(), "one step");
        assert!(s.findings().contains(&finding));
        for key in &keys {
            assert_ne!(s.report().cells.get(key).unwrap().status, Status::Chosen);
        }
    }

    #[test]
    fn an_order_of_table_4s_blocks_is_a_reading_too() {
        // Table 四 printed in blocks between pieces of its header: six orders keep the totals.
        let report = include_str!("../../tests/fixtures/layouts/l7_reading_order_blocks.txt");
        let (start, end) = (
            report.find("四、政府信息公开行政复议").unwrap(),
            report.find("五、存在的主要问题").unwrap(),
        );
        let blocks = "四、政府信息公开行政复议、行政诉讼情况\n维持 纠正\n72\n64\n178\n37\n\
            结果\n12\n1\n1\n6\n总计\n351\n审结\n13\n4\n8\n1\n26\n总计\n20\n";
        let text = format!("{}{blocks}{}", &report[..start], &report[end..]);
        let mut s = Session::from_document(Document::from_text(Format::Text, &text));
        let i = s
            .findings()
            .iter()
            .position(|f| f.is(&crate::check::SCATTERED))
            .expect("an X5 finding");
        let finding = s.findings()[i].clone();
        assert_eq!(finding.readings.len(), 6, "{finding:?}");
        assert!(
            finding
                .readings
                .iter()
                .all(|r| r.len() == finding.cells.len())
        );
        let keys = s.choose_reading(i, 5).unwrap();
        for (key, value) in keys.iter().zip(&finding.readings[5]) {
            assert_eq!(s.report().value(key), value);
        }
        assert!(
            s.report()
                .cells
                .get(&keys[0])
                .unwrap()
                .note
                .starts_with("读法 6/6（X5 ")
        );
        assert!(!s.findings().contains(&finding));
        s.undo();
        assert!(s.findings().contains(&finding));
    }

    #[test]
    fn a_reading_that_is_not_listed_changes_nothing() {
        let (mut s, i) = ambiguous_session();
        assert_eq!(
            s.choose_reading(i, 2),
            Err(ChooseError::NoSuchReading { readings: 2 })
        );
        assert_eq!(
            s.choose_reading(s.findings().len(), 0),
            Err(ChooseError::NoSuchFinding)
        );
        let plain = s.findings().iter().position(|f| f.readings.is_empty());
        if let Some(plain) = plain {
            assert_eq!(
                s.choose_reading(plain, 0),
                Err(ChooseError::NoSuchReading { readings: 0 })
            );
        }
        assert!(!s.can_undo());
    }
}
