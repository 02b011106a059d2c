//! The national report forms as data.
//!
//! Owns every form version gouji knows ([`FORMS`]): its tables, rows, columns, Chinese labels,
//! stable keys, the kind of value each cell holds and the reconciliation rules (勾稽关系) as
//! equations. Extraction, the rules engine, the CSV, the CLI and the UI all loop over this one
//! registry; adding a form version means adding a [`Form`] value in `forms.rs`, not code.
//! It also owns telling which form a report follows from the labels present ([`detect`]).
//!
//! Main types: [`Form`], [`FormId`], [`TableDef`], [`RowDef`], [`ColumnDef`], [`RuleDef`].

mod detect;
mod forms;
mod per_form;

pub use detect::detect;
pub use forms::FORMS;
pub(crate) use per_form::PerForm;

/// A version of the national form.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[non_exhaustive]
pub enum FormId {
    /// 国办公开办函〔2019〕60号, used for the 2019 and 2020 reports.
    #[serde(rename = "2019")]
    Y2019,
    /// 国办公开办函〔2021〕30号, 2021 reports onward.
    #[serde(rename = "2021")]
    Y2021,
    /// The 2021 form's table 二 with the 2019 form's single （六）其他处理 row in table 三, as some
    /// agencies publish it.
    #[serde(rename = "2021-r2019")]
    Y2021Requests2019,
}

impl FormId {
    /// The code used in CSV files and on the command line (`2019`, `2021`, `2021-r2019`).
    pub fn code(self) -> &'static str {
        self.form().code
    }

    /// Parses a code written by [`FormId::code`].
    pub fn from_code(code: &str) -> Option<FormId> {
        FORMS.iter().find(|f| f.code == code.trim()).map(|f| f.id)
    }

    /// The form's definition.
    pub fn form(self) -> &'static Form {
        match self {
            FormId::Y2019 => &forms::FORM_2019,
            FormId::Y2021 => &forms::FORM_2021,
            FormId::Y2021Requests2019 => &forms::FORM_2021_REQUESTS_2019,
        }
    }
}

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

/// A table of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableDef {
    /// Which table.
    pub id: TableId,
    /// Heading as printed in the report.
    pub title: &'static str,
    /// Rows in printed order, group rows included.
    pub rows: &'static [RowDef],
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

/// A reconciliation rule of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleDef {
    /// Short id, e.g. `R1`.
    pub id: &'static str,
    /// Chinese description.
    pub name_zh: &'static str,
    /// English description.
    pub name_en: &'static str,
    /// The table it applies to.
    pub table: TableId,
    /// Its equation.
    pub shape: RuleShape,
}

/// One version of the national form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Form {
    /// Its id.
    pub id: FormId,
    /// Code used in files (`2019`, `2021`, `2021-r2019`).
    pub code: &'static str,
    /// The official document that defines it.
    pub source: &'static str,
    /// Its three tables, in the order of [`TableId::ALL`].
    pub tables: [TableDef; 3],
    /// Its reconciliation rules.
    pub rules: &'static [RuleDef],
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
        let count = |id: FormId, t| id.form().table(t).cell_count();
        assert_eq!(count(FormId::Y2019, TableId::Proactive), 22);
        assert_eq!(count(FormId::Y2021, TableId::Proactive), 10);
        assert_eq!(count(FormId::Y2019, TableId::Requests), 23 * 7);
        assert_eq!(count(FormId::Y2021, TableId::Requests), 25 * 7);
        assert_eq!(count(FormId::Y2021Requests2019, TableId::Requests), 23 * 7);
        assert_eq!(count(FormId::Y2021Requests2019, TableId::Proactive), 10);
        for form in FORMS {
            assert_eq!(form.table(TableId::Appeals).cell_count(), 15);
        }
    }

    #[test]
    fn keys_are_unique_and_codes_round_trip() {
        for form in FORMS {
            assert_eq!(FormId::from_code(form.code), Some(form.id));
            let mut keys: Vec<String> = form
                .cells()
                .map(|(t, r, c)| format!("{}/{:?}/{}", t.id.key(), r.key, c.key))
                .collect();
            let n = keys.len();
            keys.sort();
            keys.dedup();
            assert_eq!(keys.len(), n, "duplicate key in form {}", form.code);
        }
    }

    #[test]
    fn every_rule_names_existing_rows_and_columns() {
        for form in FORMS {
            for rule in form.rules {
                let table = form.table(rule.table);
                match rule.shape {
                    RuleShape::EachColumn { lhs, rhs } => {
                        for row in lhs.iter().chain(rhs) {
                            assert!(table.row(row).is_some(), "{} {}", rule.id, row);
                        }
                    }
                    RuleShape::EachRow { lhs, rhs } => {
                        for col in lhs.iter().chain(rhs) {
                            assert!(
                                table
                                    .data_rows()
                                    .any(|r| r.columns.iter().any(|c| c.key == *col)),
                                "{} {}",
                                rule.id,
                                col
                            );
                        }
                    }
                }
            }
        }
    }
}
