//! [`Registry`]: the forms a run of gouji knows, checked once when the registry is made, and the
//! questions asked of them together: which form has this code, which one a report's labels
//! follow, which one to assume from its year, every check they define.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use super::detect::Detection;
use super::{Along, Form, RuleShape, TableId, forms};
use crate::check::{self, CheckDef};

/// A set of forms, passed to extraction and to reading review CSVs. [`Registry::standard`] is
/// the national forms; [`Registry::new`] makes one of any forms.
pub struct Registry {
    /// In order of preference: when a report's labels fit several forms, the first wins.
    forms: Vec<&'static Form>,
    /// The first of them (there is always one).
    first: &'static Form,
    detection: Detection,
}

/// Why forms cannot make a registry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegistryError {
    /// No form at all.
    #[error("a registry needs at least one form")]
    Empty,
    /// Two forms share a code.
    #[error("two forms have the code {0}")]
    DuplicateCode(&'static str),
    /// A form names a cell twice, or has more cells than a key can count.
    #[error("form {form}: {what}")]
    BadCells {
        /// The form's code.
        form: &'static str,
        /// What is wrong.
        what: String,
    },
    /// A rule, identity or claim names a row or column its table does not have.
    #[error("form {form}: {check} names {name}, which table {table} does not have")]
    UnknownName {
        /// The form's code.
        form: &'static str,
        /// The check (or claim) naming it.
        check: &'static str,
        /// The missing row or column key.
        name: &'static str,
        /// The table's key.
        table: &'static str,
    },
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(&self.forms).finish()
    }
}

impl Registry {
    /// A registry of `forms`, in order of preference (see [`Registry::detect`]), after checking
    /// that codes are unique, every cell key is unique within its form, and every rule, identity
    /// and claim names cells its form has.
    ///
    /// # Example
    /// ```
    /// use gouji::template::{Registry, FORM_2019, FORM_2021};
    /// let registry = Registry::new(vec![&FORM_2021, &FORM_2019]).unwrap();
    /// assert_eq!(registry.form("2019"), Some(&FORM_2019));
    /// assert!(Registry::new(vec![&FORM_2019, &FORM_2019]).is_err());
    /// ```
    pub fn new(forms: Vec<&'static Form>) -> Result<Registry, RegistryError> {
        let Some(&first) = forms.first() else {
            return Err(RegistryError::Empty);
        };
        let mut codes = BTreeSet::new();
        for form in &forms {
            if !codes.insert(form.code) {
                return Err(RegistryError::DuplicateCode(form.code));
            }
            validate(form)?;
        }
        let detection = Detection::new(&forms);
        Ok(Registry {
            forms,
            first,
            detection,
        })
    }

    /// The national forms: 2021, 2019, and the 2021 form with the 2019 form's table 三 (listed
    /// last, so a report is read as that mix only when its labels show both halves).
    pub fn standard() -> &'static Registry {
        // Checked by a test (`the_national_forms_make_a_registry`), so not again at each start.
        static STANDARD: LazyLock<Registry> = LazyLock::new(|| {
            let forms = vec![
                &forms::FORM_2021,
                &forms::FORM_2019,
                &forms::FORM_2021_REQUESTS_2019,
            ];
            Registry {
                detection: Detection::new(&forms),
                first: &forms::FORM_2021,
                forms,
            }
        });
        &STANDARD
    }

    /// The forms, in order of preference.
    pub fn forms(&self) -> &[&'static Form] {
        &self.forms
    }

    /// The form with `code` (as written in CSV files and on the command line).
    pub fn form(&self, code: &str) -> Option<&'static Form> {
        self.forms.iter().copied().find(|f| f.code == code.trim())
    }

    /// Which form the text's tables follow, or `None` when it has none of the tables the forms
    /// tell apart (e.g. a report from before 2019). Decided from the labels present, never from
    /// the year (real reports mix versions): table by table, the version whose signature labels
    /// are seen most; when the versions' evidence ties the table decides nothing. The first form
    /// (in preference order) with the decided versions wins; a later table whose version no
    /// such form has is overruled by the earlier tables.
    ///
    /// # Example
    /// ```
    /// use gouji::template::{Registry, FORM_2021_REQUESTS_2019};
    /// let text = "信息内容 本年制发件数 本年废止件数 现行有效件数\n一、本年新收政府信息公开申请数量\n（六）其他处理 0 0";
    /// let registry = Registry::standard();
    /// assert_eq!(registry.detect(text), Some(&FORM_2021_REQUESTS_2019));
    /// assert_eq!(registry.detect("2018年政府信息公开工作年度报告"), None);
    /// ```
    pub fn detect(&self, text: &str) -> Option<&'static Form> {
        self.detection.detect(&self.forms, text)
    }

    /// The form assumed for a report of `year` whose labels do not tell (see
    /// [`Form::assumed_from`]).
    pub fn assumed(&self, year: Option<u16>) -> &'static Form {
        let candidates = || {
            self.forms
                .iter()
                .copied()
                .filter_map(|f| Some((f.assumed_from?, f)))
        };
        let latest = year.and_then(|year| {
            candidates()
                .filter(|(from, _)| *from <= year)
                .max_by_key(|(from, _)| *from)
        });
        latest
            .or_else(|| candidates().min_by_key(|(from, _)| *from))
            .map_or(self.first, |(_, f)| f)
    }

    /// Every check a report read with these forms can be found by: gouji's own, then each
    /// form's rules and cross-year identities (each id once).
    pub fn checks(&self) -> Vec<&'static CheckDef> {
        let mut out: Vec<&'static CheckDef> = check::BUILT_IN.to_vec();
        for form in &self.forms {
            let own = form
                .rules
                .iter()
                .map(|r| &r.check)
                .chain(form.cross_year.iter().map(|c| &c.check));
            for check in own {
                if !out.iter().any(|c| c.id == check.id) {
                    out.push(check);
                }
            }
        }
        out
    }
}

/// Checks one form's cells and the names its rules, identities and claims use.
fn validate(form: &'static Form) -> Result<(), RegistryError> {
    let mut keys = BTreeSet::new();
    for (t, r, c) in form.cells() {
        if !keys.insert((t.id, r.key, c.key)) {
            return Err(RegistryError::BadCells {
                form: form.code,
                what: format!("{}/{:?}/{} twice", t.id.key(), r.key, c.key),
            });
        }
    }
    if u16::try_from(keys.len()).is_err() {
        return Err(RegistryError::BadCells {
            form: form.code,
            what: format!("{} cells, more than a key can count", keys.len()),
        });
    }
    let unknown =
        |check: &'static str, table: TableId, name: &'static str| RegistryError::UnknownName {
            form: form.code,
            check,
            name,
            table: table.key(),
        };
    for rule in form.rules {
        let (rows, cols) = match rule.shape {
            RuleShape::EachColumn { lhs, rhs } => ([lhs, rhs], [&[][..], &[]]),
            RuleShape::EachRow { lhs, rhs } => ([&[][..], &[]], [lhs, rhs]),
        };
        for &row in rows.iter().copied().flatten() {
            if !has_row(form, rule.table, row) {
                return Err(unknown(rule.check.id, rule.table, row));
            }
        }
        for &col in cols.iter().copied().flatten() {
            if !has_col(form, rule.table, col) {
                return Err(unknown(rule.check.id, rule.table, col));
            }
        }
    }
    for identity in form.cross_year {
        let table = identity.table;
        let terms = [identity.this, identity.last]
            .into_iter()
            .chain(identity.plus.iter().copied())
            .chain(identity.minus.iter().copied());
        let (along, along_ok, term_ok): (_, Has, Has) = match identity.along {
            Along::Columns(cols) => (cols, has_col, has_row),
            Along::Rows(rows) => (rows, has_row, has_col),
        };
        if let Some(name) = along.iter().copied().find(|n| !along_ok(form, table, n)) {
            return Err(unknown(identity.check.id, table, name));
        }
        if let Some(name) = terms.into_iter().find(|n| !term_ok(form, table, n)) {
            return Err(unknown(identity.check.id, table, name));
        }
    }
    for claim in form.claims {
        for &(table, row, col) in claim.cells {
            if form.cell(table, row, col).is_none() {
                return Err(unknown(claim.name, table, row));
            }
        }
    }
    Ok(())
}

/// Whether a form's table has a row or column of this key.
type Has = fn(&Form, TableId, &str) -> bool;

fn has_row(form: &Form, table: TableId, row: &str) -> bool {
    form.table(table).row(row).is_some()
}

fn has_col(form: &Form, table: TableId, col: &str) -> bool {
    form.table(table)
        .data_rows()
        .any(|r| r.columns.iter().any(|c| c.key == col))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_national_forms_make_a_registry() {
        let standard = Registry::standard();
        let checked = Registry::new(standard.forms().to_vec()).unwrap();
        assert_eq!(checked.forms(), standard.forms());
        for form in standard.forms() {
            assert_eq!(standard.form(form.code), Some(*form));
        }
    }

    #[test]
    fn every_check_has_both_titles_and_explanations() {
        let checks = Registry::standard().checks();
        let ids: Vec<&str> = checks.iter().map(|c| c.id).collect();
        for id in [
            "X0", "X1", "X2", "X3", "X4", "X5", "X6", "X7", "X8", "X9", "R1", "R2", "R3", "R4",
            "S1", "S2", "S3",
        ] {
            assert!(ids.contains(&id), "{id} missing from {ids:?}");
        }
        for check in checks {
            for text in [
                check.title_en,
                check.title_zh,
                check.explanation_en,
                check.explanation_zh,
            ] {
                assert!(!text.trim().is_empty(), "{} lacks a text", check.id);
            }
        }
    }

    #[test]
    fn the_assumed_form_follows_the_year() {
        let r = Registry::standard();
        assert_eq!(r.assumed(Some(2023)).code, "2021");
        assert_eq!(r.assumed(Some(2021)).code, "2021");
        assert_eq!(r.assumed(Some(2020)).code, "2019");
        assert_eq!(r.assumed(Some(2015)).code, "2019");
        assert_eq!(r.assumed(None).code, "2019");
    }
}
