//! Soft checks across the reports of one agency in consecutive years: the identities this year's
//! form declares ([`CrossYearDef`]: S1 this year's 上年结转 equals last year's 结转下年度继续办理, per
//! column; S2 this year's 现行有效件数 equals last year's plus 本年制发 minus 本年废止), and pairing
//! reports across years by agency.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use super::Finding;
use crate::normalize;
use crate::report::{CellKey, Report};
use crate::template::{Along, CrossYearDef};

/// Findings for each report (by index into `reports`), from pairing every report with the same
/// agency's report of the year before. Reports without agency or year are not paired.
///
/// # Example
/// ```
/// use gouji::{Report, Value, rules, template::{FORM_2021, TableId}};
/// let mut last = Report::blank(&FORM_2021);
/// last.agency = "示例县公安局".into();
/// last.year = Some(2022);
/// let mut this = last.clone();
/// this.year = Some(2023);
/// let out = last.key(TableId::Requests, "carried_out", "total").unwrap();
/// let carried = this.key(TableId::Requests, "carried_in", "total").unwrap();
/// last.cells.get_mut(&out).unwrap().value = Value::Number(4.into());
/// this.cells.get_mut(&carried).unwrap().value = Value::Number(1.into());
/// let findings = rules::cross::check(&[&last, &this]);
/// assert_eq!(findings.len(), 2); // one warning in each report
/// ```
pub fn check(reports: &[&Report]) -> Vec<(usize, Finding)> {
    let mut out: Vec<(usize, Finding)> = Vec::new();
    let mut warned: BTreeSet<(usize, String)> = BTreeSet::new();
    for (last, this) in pairs(reports) {
        let (Some(now), Some(before)) = (reports.get(this), reports.get(last)) else {
            continue;
        };
        let found = now
            .form
            .cross_year
            .iter()
            .flat_map(|identity| identity_findings(identity, before, now));
        for finding in found {
            // Two copies of this year's report (a PDF and its text) warn last year's once.
            if warned.insert((last, finding.message.clone())) {
                out.push((last, finding.clone()));
            }
            out.push((this, finding));
        }
    }
    out
}

/// Every report paired with the same agency's report of the year before, as (index of last
/// year's, index of this year's). Reports without agency or year are not paired.
pub fn pairs(reports: &[&Report]) -> Vec<(usize, usize)> {
    // Reports by the core of their agency's name (see `agency_core`) and year.
    let mut groups: BTreeMap<(String, u16), Vec<(usize, String)>> = BTreeMap::new();
    for (i, r) in reports.iter().enumerate() {
        if let Some(year) = r.year
            && !r.agency.trim().is_empty()
        {
            let key = agency_key(&r.agency);
            groups
                .entry((agency_core(&key).to_owned(), year))
                .or_default()
                .push((i, key));
        }
    }
    let mut out = Vec::new();
    for ((core, year), this_year) in &groups {
        let Some(last_year) = groups.get(&(core.clone(), year.wrapping_sub(1))) else {
            continue;
        };
        for (this, key) in this_year {
            if let Some(last) = predecessor(key, core, last_year) {
                out.push((last, *this));
            }
        }
    }
    out
}

/// Last year's report of the agency named `key`: the one with the same name, else the only one
/// whose name differs from it just by the city before the district (淮安市洪泽区… / 洪泽区…).
fn predecessor(key: &str, core: &str, last_year: &[(usize, String)]) -> Option<usize> {
    if let Some((i, _)) = last_year.iter().find(|(_, k)| k == key) {
        return Some(*i);
    }
    let compatible: Vec<usize> = last_year
        .iter()
        .filter(|(_, k)| k == core || key == core)
        .map(|(i, _)| *i)
        .collect();
    match compatible.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// Whether two agency names name the same agency: the same once normalised, or the same but for
/// the city (or province) one of them puts before its district or county.
///
/// # Example
/// ```
/// use gouji::rules::cross::same_agency;
/// assert!(same_agency("淮安市洪泽区人民政府", "洪泽区人民政府"));
/// assert!(same_agency("示例县 公安局", "示例县公安局"));
/// assert!(!same_agency("南京市鼓楼区公安分局", "福州市鼓楼区公安分局"));
/// assert!(!same_agency("淮安市人民政府", "人民政府"));
/// ```
pub fn same_agency(a: &str, b: &str) -> bool {
    let (a, b) = (agency_key(a), agency_key(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let core = agency_core(&a);
    a == b || (core == agency_core(&b) && (a == core || b == core))
}

/// The part of a normalised agency name after its city or province when a district or county
/// follows (淮安市洪泽区人民政府 → 洪泽区人民政府); else the whole name.
fn agency_core(key: &str) -> &str {
    key.char_indices()
        .filter(|(_, c)| matches!(c, '市' | '省'))
        .map(|(i, c)| i + c.len_utf8())
        .rfind(|&end| {
            key.get(end..)
                .is_some_and(|rest| rest.contains(['区', '县']))
        })
        .and_then(|end| key.get(end..))
        .unwrap_or(key)
}

/// An agency's name as matched across years: normalised, without white space and punctuation.
///
/// # Example
/// ```
/// use gouji::rules::cross::agency_key;
/// assert_eq!(agency_key("示例县 公安局（本级）"), agency_key("示例县公安局本级"));
/// ```
pub fn agency_key(agency: &str) -> String {
    normalize::label(agency)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The findings of one identity between last year's report `before` and this year's `now`: one
/// for each column or row where every term is a number and the identity does not hold.
fn identity_findings(
    identity: &'static CrossYearDef,
    before: &Report,
    now: &Report,
) -> Vec<Finding> {
    let (along, is_column) = match identity.along {
        Along::Columns(cols) => (cols, true),
        Along::Rows(rows) => (rows, false),
    };
    let table = identity.table;
    along
        .iter()
        .filter_map(|&along| {
            let number = |report: &Report, cell: &str| -> Option<(CellKey, Decimal)> {
                let (row, col) = if is_column {
                    (cell, along)
                } else {
                    (along, cell)
                };
                let key = report.key(table, row, col)?;
                Some((key, report.value(&key).number()?))
            };
            let terms = |cells: &[&str]| -> Option<Vec<(CellKey, Decimal)>> {
                cells.iter().map(|c| number(now, c)).collect()
            };
            let (last_key, last) = number(before, identity.last)?;
            let (key, this) = number(now, identity.this)?;
            let (plus, minus) = (terms(identity.plus)?, terms(identity.minus)?);
            let sum = |terms: &[(CellKey, Decimal)]| terms.iter().map(|(_, n)| n).sum::<Decimal>();
            let expected = last + sum(&plus) - sum(&minus);
            if expected == this {
                return None;
            }
            let mut cells = vec![key];
            if identity.lists_last {
                cells.push(last_key);
            }
            cells.extend(plus.iter().chain(&minus).map(|(k, _)| *k));
            // The cell and the column or row in the form's words, never their keys.
            let (row_label, col_label) = now
                .form
                .cell(key.table, key.row, key.col)
                .map_or((along, along), |(r, c)| (r.label, c.label));
            let cell_name = format!("{row_label} · {col_label}");
            let along = if is_column { col_label } else { row_label };
            let fill = |template: &str| {
                template
                    .replace("{this_year}", &now.year.unwrap_or_default().to_string())
                    .replace("{last_year}", &before.year.unwrap_or_default().to_string())
                    .replace("{key}", &cell_name)
                    .replace("{this}", &this.normalize().to_string())
                    .replace("{last}", &last.normalize().to_string())
                    .replace("{plus}", &sum(&plus).normalize().to_string())
                    .replace("{minus}", &sum(&minus).normalize().to_string())
                    .replace("{expected}", &expected.normalize().to_string())
                    .replace("{along}", along)
            };
            Some(Finding {
                check: &identity.check,
                severity: identity.check.severity,
                cells,
                equation: None,
                repair: None,
                readings: Vec::new(),
                message: fill(identity.message_en),
                message_zh: fill(identity.message_zh),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Value;
    use crate::template::{FORM_2021, TableId};

    fn report(agency: &str, year: u16, cells: &[(TableId, &str, &str, i64)]) -> Report {
        let mut r = Report::blank(&FORM_2021);
        r.agency = agency.into();
        r.year = Some(year);
        for &(t, row, col, v) in cells {
            let key = r.key(t, row, col).unwrap();
            r.cells.get_mut(&key).unwrap().value = Value::Number(v.into());
        }
        r
    }

    #[test]
    fn s1_pairs_consecutive_years_of_one_agency() {
        let a = report(
            "示例县 公安局",
            2022,
            &[(TableId::Requests, "carried_out", "natural", 3)],
        );
        let b = report(
            "示例县公安局",
            2023,
            &[(TableId::Requests, "carried_in", "natural", 2)],
        );
        let c = report(
            "另一公安局",
            2023,
            &[(TableId::Requests, "carried_in", "natural", 9)],
        );
        let found = check(&[&a, &b, &c]);
        assert_eq!(
            found.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
            vec![0, 1]
        );
        assert_eq!(found[0].1.check.id, "S1");
    }

    #[test]
    fn s1_pairs_a_name_with_and_without_its_city_but_not_two_cities() {
        let carried_out = [(TableId::Requests, "carried_out", "natural", 3)];
        let carried_in = [(TableId::Requests, "carried_in", "natural", 2)];
        let short = report("洪泽区人民政府", 2023, &carried_out);
        let long = report("淮安市洪泽区人民政府", 2024, &carried_in);
        let indices = |found: Vec<(usize, Finding)>| -> Vec<usize> {
            found.into_iter().map(|(i, _)| i).collect()
        };
        assert_eq!(indices(check(&[&short, &long])), vec![0, 1]);
        // Two districts of the same name in different cities, both with their city: not paired.
        let nanjing = report("南京市鼓楼区公安分局", 2023, &carried_out);
        let fuzhou = report("福州市鼓楼区公安分局", 2024, &carried_in);
        assert!(check(&[&nanjing, &fuzhou]).is_empty());
        // A short name with two candidates a year before: which one is unknown, so none.
        let bare = report("鼓楼区公安分局", 2024, &carried_in);
        let nanjing_2024 = report("南京市鼓楼区公安分局", 2023, &carried_out);
        let fuzhou_2023 = report("福州市鼓楼区公安分局", 2023, &carried_out);
        assert!(check(&[&nanjing_2024, &fuzhou_2023, &bare]).is_empty());
        // Two copies of this year's report warn last year's once.
        let copy = long.clone();
        assert_eq!(indices(check(&[&short, &long, &copy])), vec![0, 1, 2]);
    }

    #[test]
    fn s2_checks_the_in_force_identity() {
        let before = [(TableId::Proactive, "normative", "in_force", 9)];
        let now = [
            (TableId::Proactive, "normative", "issued", 2),
            (TableId::Proactive, "normative", "repealed", 1),
            (TableId::Proactive, "normative", "in_force", 10),
        ];
        assert!(check(&[&report("甲局", 2022, &before), &report("甲局", 2023, &now)]).is_empty());
        let wrong = [
            (TableId::Proactive, "normative", "issued", 2),
            (TableId::Proactive, "normative", "repealed", 1),
            (TableId::Proactive, "normative", "in_force", 12),
        ];
        let found = check(&[
            &report("甲局", 2022, &before),
            &report("甲局", 2023, &wrong),
        ]);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].1.check.id, "S2");
        // Years that are not consecutive are not paired.
        assert!(
            check(&[
                &report("甲局", 2021, &before),
                &report("甲局", 2023, &wrong)
            ])
            .is_empty()
        );
    }
}
