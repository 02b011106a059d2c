//! The typed grid of one report: [`Report`], its [`Cell`]s keyed by [`CellKey`], and [`Value`].
//!
//! Owns the data every stage after extraction speaks in: what a cell holds, where it came from,
//! how sure the extractor is, and what the reviewer did to it. It does not know how cells are
//! found (`extract`), checked (`rules`) or written (`export`).

mod cells;
mod value;

use std::fmt::{self, Write as _};

pub use cells::Cells;
pub use smol_str::SmolStr;
pub(crate) use value::{MAX_DIGITS, reads_as_value, whole_number};
pub use value::{Problem, Value, parse_value};

use crate::template::{Form, PerForm, TableId};

/// The stable address of a cell: `table/row/col`, e.g. `requests/received/natural`. A key can only
/// be made for a cell its form has, so its parts are the form's own strings.
///
/// Keys compare, order and hash by table, row key and column key (as strings), whichever form
/// made them. Each key also carries its place among its form's keys in that order, where a
/// report of that form keeps its cell ([`Cells`]), so a cell is found without searching.
#[derive(Debug, Clone, Copy)]
pub struct CellKey {
    /// The table.
    pub table: TableId,
    /// The row key.
    pub row: &'static str,
    /// The column key.
    pub col: &'static str,
    /// The key's place among its form's keys (see [`form_keys`]).
    rank: u16,
}

/// Every key of `form` as (table, row, col), sorted; a key's rank is its index here.
fn form_keys(form: &'static Form) -> &'static [(TableId, &'static str, &'static str)] {
    static KEYS: PerForm<Vec<(TableId, &'static str, &'static str)>> = PerForm::new(|form| {
        let mut all: Vec<_> = form
            .cells()
            .filter_map(|(t, r, c)| Some((t.id, r.key?, c.key)))
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    });
    KEYS.get(form)
}

impl CellKey {
    /// Looks a key up in `form`; `None` when the form has no such cell.
    ///
    /// # Example
    /// ```
    /// use gouji::{CellKey, template::{FORM_2021, TableId}};
    /// let key = CellKey::new(&FORM_2021, TableId::Requests, "total", "total").unwrap();
    /// assert_eq!(key.to_string(), "requests/total/total");
    /// assert!(CellKey::new(&FORM_2021, TableId::Requests, "other", "total").is_none());
    /// ```
    pub fn new(form: &'static Form, table: TableId, row: &str, col: &str) -> Option<CellKey> {
        let keys = form_keys(form);
        let rank = keys
            .binary_search_by(|(t, r, c)| (t, *r, *c).cmp(&(&table, row, col)))
            .ok()?;
        let &(table, row, col) = keys.get(rank)?;
        Some(CellKey {
            table,
            row,
            col,
            rank: u16::try_from(rank).ok()?,
        })
    }

    /// Parses `table/row/col` against `form`.
    pub fn parse(form: &'static Form, text: &str) -> Option<CellKey> {
        let mut parts = text.trim().split('/');
        let (table, row, col) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        CellKey::new(form, TableId::from_key(table)?, row, col)
    }

    /// The key's place among its form's keys, as an index: where a report of that form keeps
    /// its cell, and where tables made per form keep what they say of it.
    pub(crate) fn index(&self) -> usize {
        usize::from(self.rank)
    }

    /// What keys compare by.
    fn parts(&self) -> (TableId, &'static str, &'static str) {
        (self.table, self.row, self.col)
    }
}

impl Ord for CellKey {
    fn cmp(&self, other: &CellKey) -> std::cmp::Ordering {
        self.parts().cmp(&other.parts())
    }
}

impl PartialOrd for CellKey {
    fn partial_cmp(&self, other: &CellKey) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for CellKey {
    fn eq(&self, other: &CellKey) -> bool {
        // Keys of one form share their strings: the same address and length is the same text.
        let same = |a: &'static str, b: &'static str| std::ptr::eq(a, b) || a == b;
        self.table == other.table && same(self.row, other.row) && same(self.col, other.col)
    }
}

impl Eq for CellKey {}

impl std::hash::Hash for CellKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.parts().hash(state);
    }
}

/// Every cell of `form`, blank, in key order.
fn blank_cells(form: &'static Form) -> Cells {
    form_keys(form)
        .iter()
        .filter_map(|&(t, r, c)| {
            let key = CellKey::new(form, t, r, c)?;
            Some((
                key,
                Cell {
                    status: Status::Blank,
                    ..Cell::default()
                },
            ))
        })
        .collect()
}

impl fmt::Display for CellKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Piece by piece: this is written for every blank input a finding lists.
        f.write_str(self.table.key())?;
        f.write_char('/')?;
        f.write_str(self.row)?;
        f.write_char('/')?;
        f.write_str(self.col)
    }
}

/// How sure extraction is of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Confidence {
    /// Read from the cell's own position in the source.
    #[default]
    Exact,
    /// Placed by reasoning (a lone number taken as the total column, digits split by the rules).
    Inferred,
    /// The source allows several readings; the cell is left blank and a finding lists them.
    Ambiguous,
}

impl Confidence {
    /// The word used in the review CSV.
    pub fn code(self) -> &'static str {
        match self {
            Confidence::Exact => "exact",
            Confidence::Inferred => "inferred",
            Confidence::Ambiguous => "ambiguous",
        }
    }

    /// Parses [`Confidence::code`].
    pub fn from_code(code: &str) -> Option<Confidence> {
        [
            Confidence::Exact,
            Confidence::Inferred,
            Confidence::Ambiguous,
        ]
        .into_iter()
        .find(|c| c.code() == code.trim())
    }
}

/// Where a cell's value comes from. Whether the reviewer checked it is [`Cell::checked`], a flag
/// of its own: a corrected cell can be checked and stays corrected. Review CSVs of earlier
/// versions wrote a checked extracted cell as status `reviewed`; reading one gives
/// [`Status::Extracted`] with [`Cell::checked`] set. Files written before [`Status::Chosen`]
/// existed never hold it and read as before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Status {
    /// Holds what extraction read.
    #[default]
    Extracted,
    /// Changed by the reviewer.
    Corrected,
    /// The source has nothing for this cell.
    Blank,
    /// One of the readings the source allows, picked by the reviewer: the source was ambiguous,
    /// not wrong, so this is not a correction of the report.
    Chosen,
}

impl Status {
    /// The word used in the review CSV.
    pub fn code(self) -> &'static str {
        match self {
            Status::Extracted => "extracted",
            Status::Corrected => "corrected",
            Status::Blank => "blank",
            Status::Chosen => "chosen",
        }
    }

    /// Parses [`Status::code`].
    pub fn from_code(code: &str) -> Option<Status> {
        [
            Status::Extracted,
            Status::Corrected,
            Status::Blank,
            Status::Chosen,
        ]
        .into_iter()
        .find(|s| s.code() == code.trim())
    }

    /// Whether the reviewer set the value (corrected it, or chose one of the source's
    /// readings): reviewer work that settles the cell's extraction findings and that a fresh
    /// extraction must not overwrite.
    ///
    /// # Example
    /// ```
    /// use gouji::Status;
    /// assert!(Status::Chosen.by_reviewer() && Status::Corrected.by_reviewer());
    /// assert!(!Status::Extracted.by_reviewer() && !Status::Blank.by_reviewer());
    /// assert_eq!(Status::from_code("chosen"), Some(Status::Chosen));
    /// ```
    pub fn by_reviewer(self) -> bool {
        matches!(self, Status::Corrected | Status::Chosen)
    }
}

/// Where an extracted value was read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Source {
    /// The text as written in the source (`19 项`, `不变`); held inline when short, as nearly
    /// every cell's is, so a report's hundreds of sources cost no allocation each.
    pub text: SmolStr,
    /// 1-based line in the decoded document.
    pub line: usize,
    /// Byte range in the decoded document's text, when known (not kept in the review CSV).
    pub span: Option<std::ops::Range<usize>>,
}

/// One cell of the grid.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell {
    /// The current value (extracted, or as corrected).
    pub value: Value,
    /// Where the extracted value was read, if anywhere.
    pub source: Option<Source>,
    /// How sure extraction is.
    pub confidence: Confidence,
    /// Where the value comes from (extracted, corrected, blank in the source).
    pub status: Status,
    /// The reviewer's note.
    pub note: String,
    /// Checked by the reviewer, whatever the status.
    pub checked: bool,
}

/// One report's tables, typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The report file, as named in the review CSV.
    pub file: String,
    /// The agency that published it (may be empty when unknown).
    pub agency: String,
    /// The year reported on.
    pub year: Option<u16>,
    /// The form its tables follow.
    pub form: &'static Form,
    /// Every cell of the form, each present.
    pub cells: Cells,
}

impl Report {
    /// An all-blank report of `form`.
    pub fn blank(form: &'static Form) -> Report {
        // Made once per form: cloning a map is cheaper than building and sorting it.
        static BLANK: PerForm<Cells> = PerForm::new(blank_cells);
        let cells = BLANK.get(form).clone();
        Report {
            file: String::new(),
            agency: String::new(),
            year: None,
            form,
            cells,
        }
    }

    /// Agency and year for a title line, `?` for what is unknown: `张店公安分局 2020`.
    pub fn agency_year(&self) -> String {
        let agency = if self.agency.is_empty() {
            "?"
        } else {
            &self.agency
        };
        match self.year {
            Some(year) => format!("{agency} {year}"),
            None => format!("{agency} ?"),
        }
    }

    /// The value of `key` (blank when the form has no such cell).
    pub fn value(&self, key: &CellKey) -> &Value {
        self.cells
            .get(key)
            .map(|c| &c.value)
            .unwrap_or(&Value::Blank)
    }

    /// The key for `table/row/col` in this report's form.
    pub fn key(&self, table: TableId, row: &str, col: &str) -> Option<CellKey> {
        CellKey::new(self.form, table, row, col)
    }

    /// Cells in printed order (the form's order, not key order).
    pub fn cells_in_form_order(&self) -> impl Iterator<Item = (CellKey, &Cell)> {
        static ORDER: PerForm<Vec<CellKey>> = PerForm::new(|form| {
            form.cells()
                .filter_map(|(t, r, c)| CellKey::new(form, t.id, r.key?, c.key))
                .collect()
        });
        ORDER
            .get(self.form)
            .iter()
            .filter_map(|key| self.cells.get(key).map(|cell| (*key, cell)))
    }
}
