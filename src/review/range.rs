//! Rectangles of cells: copying them as tab-separated text and pasting such text, as Excel and
//! WPS do. A rectangle lies in one table ([`CellRange`]); its rows are the table's data rows in
//! printed order ([`table_rows`]) and its columns their cells from the left.
//!
//! Pasting ([`Session::paste`]) is all or nothing: every value is read as if typed into its cell
//! first, and the first that does not fit is named with its cell ([`PasteError`]); a block that
//! runs past the table's edge is refused; an empty field blanks its cell (blank is not zero);
//! the line break Excel puts after the last row is ignored. The cells change as one step, so
//! one undo empties them again.

use crate::report::{CellKey, Problem, Report};
use crate::template::{Form, TableId};

use super::{Edit, Session};

/// A rectangle of one table's cells between two corners (either way round): the selection's
/// anchor, where Shift+arrows or Shift+click started, and its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellRange {
    /// Where the selection started.
    pub anchor: CellKey,
    /// The cell moved to (the selected cell).
    pub end: CellKey,
}

impl CellRange {
    /// One cell.
    pub fn single(key: CellKey) -> CellRange {
        CellRange {
            anchor: key,
            end: key,
        }
    }

    /// The rectangle's cells, row by row; `None` when the corners lie in different tables or a
    /// row of the rectangle lacks one of its columns.
    ///
    /// # Example
    /// ```
    /// use gouji::{Report, review::CellRange, template::{FORM_2021, TableId}};
    /// let report = Report::blank(&FORM_2021);
    /// let a = report.key(TableId::Requests, "received", "natural").unwrap();
    /// let b = report.key(TableId::Requests, "carried_in", "business").unwrap();
    /// let cells = CellRange { anchor: b, end: a }.cells(report.form).unwrap();
    /// assert_eq!(cells.len(), 2);
    /// assert_eq!(cells[0], [a, report.key(TableId::Requests, "received", "business").unwrap()]);
    /// ```
    pub fn cells(&self, form: &'static Form) -> Option<Vec<Vec<CellKey>>> {
        if self.anchor.table != self.end.table {
            return None;
        }
        let rows = table_rows(form, self.anchor.table);
        let (r0, c0) = position(&rows, &self.anchor)?;
        let (r1, c1) = position(&rows, &self.end)?;
        let (top, bottom) = (r0.min(r1), r0.max(r1));
        let (left, right) = (c0.min(c1), c0.max(c1));
        rows.get(top..=bottom)?
            .iter()
            .map(|row| row.get(left..=right).map(<[CellKey]>::to_vec))
            .collect()
    }
}

/// The data cells of `form`'s table `table`, one vector per data row, in printed order.
pub fn table_rows(form: &'static Form, table: TableId) -> Vec<Vec<CellKey>> {
    form.tables
        .iter()
        .filter(|t| t.id == table)
        .flat_map(|t| t.data_rows())
        .filter_map(|row| {
            let key = row.key?;
            let keys: Vec<CellKey> = row
                .columns
                .iter()
                .filter_map(|c| CellKey::new(form, table, key, c.key))
                .collect();
            (!keys.is_empty()).then_some(keys)
        })
        .collect()
}

/// Where `key` is among `rows`: its row and column.
fn position(rows: &[Vec<CellKey>], key: &CellKey) -> Option<(usize, usize)> {
    rows.iter()
        .enumerate()
        .find_map(|(r, row)| row.iter().position(|k| k == key).map(|c| (r, c)))
}

/// The values of `cells` (rows of keys) as tab-separated text, one line per row, as a
/// spreadsheet copies them: blank cells are empty fields, not 0.
///
/// # Example
/// ```
/// use gouji::{Report, Value, review::{CellRange, copy_text}, template::{FORM_2021, TableId}};
/// let mut report = Report::blank(&FORM_2021);
/// let a = report.key(TableId::Requests, "received", "natural").unwrap();
/// let b = report.key(TableId::Requests, "carried_in", "business").unwrap();
/// report.cells.get_mut(&a).unwrap().value = Value::Number(12.into());
/// let cells = CellRange { anchor: a, end: b }.cells(report.form).unwrap();
/// assert_eq!(copy_text(&report, &cells), "12\t\n\t");
/// ```
pub fn copy_text(report: &Report, cells: &[Vec<CellKey>]) -> String {
    cells
        .iter()
        .map(|row| {
            row.iter()
                .map(|key| report.value(key).to_string())
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Why a paste was refused; nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PasteError {
    /// The text holds no field at all.
    Empty,
    /// The block (`rows` × `cols`, its widest row) runs past the table's edge from the cell it
    /// is pasted at.
    PastEdge {
        /// Lines of the block.
        rows: usize,
        /// Fields of its widest line.
        cols: usize,
    },
    /// A value does not fit its cell: the first such, with its cell and the text.
    Invalid {
        /// The cell.
        key: CellKey,
        /// The text meant for it.
        text: String,
        /// Why it does not fit.
        problem: Problem,
    },
}

impl PasteError {
    /// The reason, in Chinese (`zh`) or English, naming a cell by its form's row and column.
    ///
    /// # Example
    /// ```
    /// use gouji::review::PasteError;
    /// use gouji::template::FORM_2021;
    /// let e = PasteError::PastEdge { rows: 2, cols: 9 };
    /// assert_eq!(e.describe(&FORM_2021, false), "the 2 × 9 block runs past the table's edge; nothing pasted");
    /// ```
    pub fn describe(&self, form: &'static Form, zh: bool) -> String {
        match self {
            PasteError::Empty if zh => "剪贴板里没有可粘贴的内容".into(),
            PasteError::Empty => "nothing to paste".into(),
            PasteError::PastEdge { rows, cols } if zh => {
                format!("{rows} 行 × {cols} 列的内容超出表格边界，未粘贴")
            }
            PasteError::PastEdge { rows, cols } => {
                format!("the {rows} × {cols} block runs past the table's edge; nothing pasted")
            }
            PasteError::Invalid { key, text, problem } => {
                let (row, col) = form
                    .cell(key.table, key.row, key.col)
                    .map(|(r, c)| (r.label, c.label))
                    .unwrap_or_default();
                if zh {
                    format!("{row} · {col}：“{text}”{}，未粘贴", problem.zh())
                } else {
                    format!("{row} · {col}: {text:?}: {}; nothing pasted", problem.en())
                }
            }
        }
    }
}

/// The fields of tab-separated `text`, line by line; one line break at the end is dropped.
fn fields(text: &str) -> Vec<Vec<&str>> {
    let text = text
        .strip_suffix("\r\n")
        .or_else(|| text.strip_suffix('\n'))
        .unwrap_or(text);
    text.split('\n')
        .map(|line| {
            line.strip_suffix('\r')
                .unwrap_or(line)
                .split('\t')
                .collect()
        })
        .collect()
}

impl Session {
    /// Pastes tab-separated `text` from `at` rightwards and down as one step, all or nothing;
    /// returns how many cells it set. See the [module](self) for the rules.
    ///
    /// # Example
    /// ```
    /// use gouji::{Document, Format, Value, review::Session, template::TableId};
    /// let mut s = Session::from_document(Document::from_text(Format::Text, ""));
    /// let at = s.report().key(TableId::Requests, "received", "natural").unwrap();
    /// assert_eq!(s.paste(at, "12\t34\t56\n7\t8\t9\n"), Ok(6));
    /// assert_eq!(s.report().value(&at), &Value::Number(12.into()));
    /// s.undo();
    /// assert_eq!(s.report().value(&at), &Value::Blank);
    /// ```
    pub fn paste(&mut self, at: CellKey, text: &str) -> Result<usize, PasteError> {
        let block = fields(text);
        if let [line] = block.as_slice()
            && let [""] = line.as_slice()
        {
            // An empty clipboard: pasting it would blank the cell, which Delete does; a paste
            // of nothing is more likely a mistake.
            return Err(PasteError::Empty);
        }
        let form = self.report().form;
        let rows = table_rows(form, at.table);
        let (r0, c0) = position(&rows, &at).ok_or(PasteError::Empty)?;
        let edge = PasteError::PastEdge {
            rows: block.len(),
            cols: block.iter().map(Vec::len).max().unwrap_or(0),
        };
        let mut edits = Vec::new();
        for (i, line) in block.iter().enumerate() {
            let row = rows.get(r0 + i).ok_or_else(|| edge.clone())?;
            for (j, text) in line.iter().enumerate() {
                let key = *row.get(c0 + j).ok_or_else(|| edge.clone())?;
                let value =
                    self.parse_input(&key, text)
                        .map_err(|problem| PasteError::Invalid {
                            key,
                            text: (*text).to_owned(),
                            problem,
                        })?;
                edits.push(Edit::SetValue { key, value });
            }
        }
        let n = edits.len();
        self.apply_all(edits);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::report::Value;
    use crate::{Document, Format};

    fn session() -> Session {
        Session::from_document(Document::from_text(Format::Text, ""))
    }

    fn key(s: &Session, row: &str, col: &str) -> CellKey {
        s.report().key(TableId::Requests, row, col).unwrap()
    }

    #[test]
    fn a_block_pastes_as_one_step_and_blank_fields_blank_their_cells() {
        let mut s = session();
        let at = key(&s, "received", "natural");
        assert_eq!(s.paste(at, "1\t2\r\n3\t\r\n"), Ok(4));
        assert_eq!(
            s.report().value(&key(&s, "received", "business")),
            &Value::Number(2.into())
        );
        assert_eq!(
            s.report().value(&key(&s, "carried_in", "natural")),
            &Value::Number(3.into())
        );
        assert_eq!(
            s.report().value(&key(&s, "carried_in", "business")),
            &Value::Blank
        );
        let pasted = s
            .report()
            .cells
            .get(&key(&s, "carried_in", "business"))
            .unwrap();
        assert_eq!(pasted.status, crate::report::Status::Corrected);
        assert_eq!(s.undo(), Some(at));
        assert!(!s.can_undo());
        assert_eq!(s.report().value(&at), &Value::Blank);
        s.redo();
        assert_eq!(s.report().value(&at), &Value::Number(1.into()));
    }

    #[test]
    fn a_paste_is_all_or_nothing() {
        let mut s = session();
        let at = key(&s, "received", "natural");
        let err = s.paste(at, "1\t2\n3\t-4").unwrap_err();
        assert_eq!(
            err,
            PasteError::Invalid {
                key: key(&s, "carried_in", "business"),
                text: "-4".into(),
                problem: Problem::NegativeCount
            }
        );
        assert!(err.describe(s.report().form, true).contains("件数不能为负"));
        assert_eq!(s.report().value(&at), &Value::Blank);
        assert!(!s.can_undo());
        let grouped = s.paste(at, "6,93,665").unwrap_err();
        assert!(matches!(
            grouped,
            PasteError::Invalid {
                problem: Problem::IrregularGrouping,
                ..
            }
        ));
        assert_eq!(s.paste(at, "1,234"), Ok(1));
        assert_eq!(s.paste(at, ""), Err(PasteError::Empty));
    }

    #[test]
    fn a_block_past_the_edge_is_refused() {
        let mut s = session();
        let rows = table_rows(s.report().form, TableId::Requests);
        let last_col = *rows[0].last().unwrap();
        assert_eq!(
            s.paste(last_col, "1\t2"),
            Err(PasteError::PastEdge { rows: 1, cols: 2 })
        );
        let bottom = rows.last().unwrap()[0];
        assert!(matches!(
            s.paste(bottom, "1\n2"),
            Err(PasteError::PastEdge { .. })
        ));
        assert!(!s.can_undo());
    }

    #[test]
    fn copy_gives_back_what_paste_takes() {
        let mut s = session();
        let at = key(&s, "received", "natural");
        s.paste(at, "12\t34\t56\n7\t\t9").unwrap();
        let end = key(&s, "carried_in", "research");
        let cells = CellRange { anchor: at, end }
            .cells(s.report().form)
            .unwrap();
        assert_eq!(copy_text(s.report(), &cells), "12\t34\t56\n7\t\t9");
        let other = s.report().key(TableId::Proactive, "rules", "issued");
        if let Some(other) = other {
            assert_eq!(
                CellRange {
                    anchor: at,
                    end: other
                }
                .cells(s.report().form),
                None
            );
        }
    }
}
