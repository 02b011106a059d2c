//! The national report forms as data.
//!
//! Owns every form version gouji knows: its tables, rows, columns, Chinese labels, stable keys,
//! the kind of value each cell holds, the labels that tell it apart from other versions, how
//! each table is printed, the reconciliation rules (勾稽关系) as equations, the identities that
//! hold between two years' reports, and the figures a report's narrative restates. Extraction,
//! the rules engine, the CSV, the CLI and the UI all loop over this data; a new form version is
//! a new [`Form`] value, not code.
//!
//! Forms are grouped in a [`Registry`]: [`Registry::standard`] holds the national forms
//! (`forms.rs`), and a caller may build its own registry with other forms and pass it to
//! extraction and to reading review CSVs. The registry also tells which form a report follows
//! from the labels present ([`Registry::detect`]).
//!
//! Main types: [`Registry`], [`Form`], [`TableDef`], [`RowDef`], [`ColumnDef`], [`RuleDef`],
//! [`CrossYearDef`], [`ClaimDef`].

mod detect;
mod forms;
mod names;
mod per_form;
mod registry;

pub use forms::{FORM_2019, FORM_2021, FORM_2021_REQUESTS_2019};
pub(crate) use per_form::PerForm;
pub use registry::{Registry, RegistryError};

use crate::check::CheckDef;

/// The three tables of a report.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum TableId {
    /// 二、主动公开政府信息情况.
    Proactive,
    /// 三、收到和处理政府信息公开申请情况.
    Requests,
    /// 四、行政复议、行政诉讼情况.
    Appeals,
}

impl TableId {
    /// All tables in report order.
    pub const ALL: [TableId; 3] = [TableId::Proactive, TableId::Requests, TableId::Appeals];

    /// The stable key (`proactive`, `requests`, `appeals`).
    pub fn key(self) -> &'static str {
        match self {
            TableId::Proactive => "proactive",
            TableId::Requests => "requests",
            TableId::Appeals => "appeals",
        }
    }

    /// Parses a stable key.
    pub fn from_key(key: &str) -> Option<TableId> {
        TableId::ALL.into_iter().find(|t| t.key() == key)
    }
}

/// The unit a money cell is kept in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MoneyUnit {
    /// 元.
    Yuan,
    /// 万元 (10,000 元).
    WanYuan,
}

/// What a cell may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueKind {
    /// A non-negative whole number (applications, decisions, documents).
    Count,
    /// A whole number that may be negative (本年增/减).
    SignedCount,
    /// An amount of money, possibly with decimals, in the given unit.
    Money(MoneyUnit),
}

/// A column of a table (or of one row group of table 二).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnDef {
    /// Stable key, e.g. `natural`.
    pub key: &'static str,
    /// Label as printed on the form.
    pub label: &'static str,
    /// Kind of value held.
    pub kind: ValueKind,
}

impl ColumnDef {
    /// A column of counts (the kind of nearly every column).
    pub const fn count(key: &'static str, label: &'static str) -> ColumnDef {
        ColumnDef {
            key,
            label,
            kind: ValueKind::Count,
        }
    }
}

/// A row of a table. Rows without a key are label-only group rows (e.g. （三）不予公开).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowDef {
    /// Stable key, `None` for a group row that carries no numbers.
    pub key: Option<&'static str>,
    /// Label as printed on the form.
    pub label: &'static str,
    /// Nesting depth for display: 0 top level, 1 under a group row.
    pub depth: u8,
    /// The row's columns.
    pub columns: &'static [ColumnDef],
    /// For table 二, the sub-table heading the row sits under (e.g. 第二十条第（一）项).
    pub section: &'static str,
}

impl RowDef {
    /// A row with numbers, outside any sub-table heading.
    pub const fn data(
        key: &'static str,
        label: &'static str,
        depth: u8,
        columns: &'static [ColumnDef],
    ) -> RowDef {
        RowDef {
            key: Some(key),
            label,
            depth,
            columns,
            section: "",
        }
    }

    /// A label-only group row (e.g. （三）不予公开).
    pub const fn group(label: &'static str, depth: u8) -> RowDef {
        RowDef {
            key: None,
            label,
            depth,
            columns: &[],
            section: "",
        }
    }
}

/// How a table's cells are laid out in print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One printed row per row of the form, its label first.
    Rows,
    /// Every cell of every row on one printed line, in row order, below a header that names
    /// the rows and columns (table 四): read from the first line of numbers after the first
    /// label holding `heading`.
    OneLine {
        /// A word of the header that starts the table.
        heading: &'static str,
    },
}

/// A table of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableDef {
    /// Which table.
    pub id: TableId,
    /// Heading as printed in the report.
    pub title: &'static str,
    /// Rows in printed order, group rows included.
    pub rows: &'static [RowDef],
    /// How the table is printed.
    pub layout: Layout,
    /// Labels only this version of the table prints: they tell it from the other forms'
    /// versions of the same table.
    pub signature: &'static [&'static str],
    /// Labels every version of the table prints: they show the table is there at all. When the
    /// table is there and no version's signature is seen, it is the version without a signature.
    pub anchors: &'static [&'static str],
}

impl TableDef {
    /// The data rows (rows that have a key).
    pub fn data_rows(&self) -> impl Iterator<Item = &'static RowDef> + use<> {
        self.rows.iter().filter(|r| r.key.is_some())
    }

    /// The row with the given key.
    pub fn row(&self, key: &str) -> Option<&'static RowDef> {
        self.rows.iter().find(|r| r.key == Some(key))
    }

    /// Number of cells in the table.
    pub fn cell_count(&self) -> usize {
        self.data_rows().map(|r| r.columns.len()).sum()
    }
}

/// How an equation is laid over a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleShape {
    /// For every column: the sum of the `lhs` rows equals the sum of the `rhs` rows.
    EachColumn {
        /// Rows summed on the left.
        lhs: &'static [&'static str],
        /// Rows summed on the right.
        rhs: &'static [&'static str],
    },
    /// For every data row: the sum of the `lhs` columns equals the sum of the `rhs` columns.
    EachRow {
        /// Columns summed on the left.
        lhs: &'static [&'static str],
        /// Columns summed on the right.
        rhs: &'static [&'static str],
    },
}

/// A reconciliation rule of a form (勾稽关系): a hard rule, broken when its equation does not hold.
#[derive(Debug, PartialEq, Eq)]
pub struct RuleDef {
    /// Its id (`R1`), titles and explanation.
    pub check: CheckDef,
    /// The table it applies to.
    pub table: TableId,
    /// Its equation.
    pub shape: RuleShape,
}

/// What a cross-year identity runs along: each of these columns (the identity's cells are then
/// rows) or each of these rows (its cells are then columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Along {
    /// For each of these column keys.
    Columns(&'static [&'static str]),
    /// For each of these row keys.
    Rows(&'static [&'static str]),
}

/// An identity between this year's report and the same agency's report of the year before,
/// checked along each column or row of `along`: this year's `this` cell equals last year's
/// `last` cell, plus this year's `plus` cells, minus this year's `minus` cells. A difference is
/// a warning (the reports may count differently), shown in both reports.
#[derive(Debug, PartialEq, Eq)]
pub struct CrossYearDef {
    /// Its id (`S1`), titles and explanation.
    pub check: CheckDef,
    /// The table of every cell it names.
    pub table: TableId,
    /// What it runs along.
    pub along: Along,
    /// This year's cell (a row key when along columns, a column key when along rows).
    pub this: &'static str,
    /// Last year's cell.
    pub last: &'static str,
    /// This year's cells added to last year's.
    pub plus: &'static [&'static str],
    /// This year's cells taken from last year's.
    pub minus: &'static [&'static str],
    /// Whether a finding lists last year's cell beside this year's.
    pub lists_last: bool,
    /// The finding's English message. Placeholders: `{this_year}`, `{last_year}`, `{key}` (this
    /// year's cell, by its row and column labels), `{this}`, `{last}`, `{plus}`, `{minus}` (sums
    /// of the terms), `{expected}` (last + plus − minus), `{along}` (the column's or row's
    /// label).
    pub message_en: &'static str,
    /// The Chinese message, with the same placeholders.
    pub message_zh: &'static str,
}

/// A figure a report's narrative may restate (「共收到政府信息公开申请5件」), compared with the table
/// by check S3.
#[derive(Debug, PartialEq, Eq)]
pub struct ClaimDef {
    /// A regular expression over the normalised line; the number is its group 1. Its text up to
    /// the first `[` or `(` is a word every line it matches holds.
    pub pattern: &'static str,
    /// The cells whose sum it states, as (table, row, column).
    pub cells: &'static [(TableId, &'static str, &'static str)],
    /// Its name in the finding's message.
    pub name: &'static str,
}

/// One version of the national form.
pub struct Form {
    /// Code used in files and on the command line (`2019`, `2021`, `2021-r2019`): unique in a
    /// registry.
    pub code: &'static str,
    /// The official document that defines it.
    pub source: &'static str,
    /// Its three tables, in the order of [`TableId::ALL`].
    pub tables: [TableDef; 3],
    /// Its reconciliation rules.
    pub rules: &'static [RuleDef],
    /// Identities between this year's report and the year before's.
    pub cross_year: &'static [CrossYearDef],
    /// Figures the narrative may restate.
    pub claims: &'static [ClaimDef],
    /// The first report year for which this form is assumed when a report's labels do not tell
    /// (none: never assumed). Among the forms with one, the latest not after the report's year
    /// wins; without a year, or before every form, the earliest.
    pub assumed_from: Option<u16>,
}

/// Forms are told apart by code (codes are unique within a registry).
impl PartialEq for Form {
    fn eq(&self, other: &Form) -> bool {
        std::ptr::eq(self, other) || self.code == other.code
    }
}

impl Eq for Form {}

/// A form prints as its code: its tables are long.
impl std::fmt::Debug for Form {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Form({})", self.code)
    }
}

impl Form {
    /// The definition of `table`.
    pub fn table(&self, table: TableId) -> &TableDef {
        self.tables
            .iter()
            .find(|t| t.id == table)
            .unwrap_or(&self.tables[0])
    }

    /// Every cell of the form in printed order, as `(table, row, column)`.
    pub fn cells(
        &self,
    ) -> impl Iterator<Item = (&TableDef, &'static RowDef, &'static ColumnDef)> + '_ {
        self.tables.iter().flat_map(|t| {
            t.data_rows()
                .flat_map(move |r| r.columns.iter().map(move |c| (t, r, c)))
        })
    }

    /// Looks up a cell by its keys.
    pub fn cell(
        &self,
        table: TableId,
        row: &str,
        col: &str,
    ) -> Option<(&'static RowDef, &'static ColumnDef)> {
        let row = self.table(table).row(row)?;
        let col = row.columns.iter().find(|c| c.key == col)?;
        Some((row, col))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_counts_match_the_forms() {
        let count = |form: &Form, t| form.table(t).cell_count();
        assert_eq!(count(&FORM_2019, TableId::Proactive), 22);
        assert_eq!(count(&FORM_2021, TableId::Proactive), 10);
        assert_eq!(count(&FORM_2019, TableId::Requests), 23 * 7);
        assert_eq!(count(&FORM_2021, TableId::Requests), 25 * 7);
        assert_eq!(count(&FORM_2021_REQUESTS_2019, TableId::Requests), 23 * 7);
        assert_eq!(count(&FORM_2021_REQUESTS_2019, TableId::Proactive), 10);
        for form in Registry::standard().forms() {
            assert_eq!(form.table(TableId::Appeals).cell_count(), 15);
        }
    }
}
