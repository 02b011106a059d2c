//! Soft checks across the reports of one agency in consecutive years:
//! S1 this year's 上年结转 equals last year's 结转下年度继续办理, per column;
//! S2 (2021 form) this year's 现行有效件数 equals last year's plus 本年制发 minus 本年废止.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{Finding, Severity};
use crate::normalize;
use crate::report::{CellKey, Report};
use crate::template::TableId;

/// Findings for each report (by index into `reports`), from pairing every report with the same
/// agency's report of the year before. Reports without agency or year are not paired.
///
/// # Example
/// ```
/// use gouji::{Report, Value, rules, template::{FormId, TableId}};
/// let mut last = Report::blank(FormId::Y2021);
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
    let mut by_agency_year: BTreeMap<(String, u16), usize> = BTreeMap::new();
    for (i, r) in reports.iter().enumerate() {
        if let Some(year) = r.year
            && !r.agency.trim().is_empty()
        {
            by_agency_year
                .entry((agency_key(&r.agency), year))
                .or_insert(i);
        }
    }
    let mut out = Vec::new();
    for (&(ref agency, year), &this) in &by_agency_year {
        let Some(&last) = by_agency_year.get(&(agency.clone(), year.wrapping_sub(1))) else {
            continue;
        };
        let (Some(now), Some(before)) = (reports.get(this), reports.get(last)) else {
            continue;
        };
        for finding in carried_over(before, now)
            .into_iter()
            .chain(in_force(before, now))
        {
            out.push((last, finding.clone()));
            out.push((this, finding));
        }
    }
    out
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

fn number(report: &Report, table: TableId, row: &str, col: &str) -> Option<(CellKey, Decimal)> {
    let key = report.key(table, row, col)?;
    Some((key, report.value(&key).number()?))
}

fn warning(
    rule: &'static str,
    cells: Vec<CellKey>,
    message: String,
    message_zh: String,
) -> Finding {
    Finding {
        rule,
        severity: Severity::Warning,
        cells,
        equation: None,
        repair: None,
        message,
        message_zh,
    }
}

fn carried_over(before: &Report, now: &Report) -> Vec<Finding> {
    let columns = [
        "natural",
        "business",
        "research",
        "nonprofit",
        "legal",
        "other",
        "total",
    ];
    columns
        .iter()
        .filter_map(|col| {
            let (out_key, out) = number(before, TableId::Requests, "carried_out", col)?;
            let (in_key, carried) = number(now, TableId::Requests, "carried_in", col)?;
            (out != carried).then(|| {
                warning(
                    "S1",
                    vec![in_key, out_key],
                    format!(
                        "{} {}: carried in {} but {} carried forward {} (column {col})",
                        now.year.unwrap_or_default(),
                        in_key,
                        carried.normalize(),
                        before.year.unwrap_or_default(),
                        out.normalize()
                    ),
                    format!(
                        "{} 年上年结转 {} 与 {} 年结转下年度 {} 不符（{col} 列）",
                        now.year.unwrap_or_default(),
                        carried.normalize(),
                        before.year.unwrap_or_default(),
                        out.normalize()
                    ),
                )
            })
        })
        .collect()
}

fn in_force(before: &Report, now: &Report) -> Vec<Finding> {
    ["rules", "normative"]
        .iter()
        .filter_map(|row| {
            let (_, was) = number(before, TableId::Proactive, row, "in_force")?;
            let (key, is) = number(now, TableId::Proactive, row, "in_force")?;
            let (issued_key, issued) = number(now, TableId::Proactive, row, "issued")?;
            let (repealed_key, repealed) = number(now, TableId::Proactive, row, "repealed")?;
            let expected = was + issued - repealed;
            (expected != is).then(|| {
                warning(
                    "S2",
                    vec![key, issued_key, repealed_key],
                    format!(
                        "{key}: {} in force, but last year's {} + {} issued - {} repealed = {}",
                        is.normalize(),
                        was.normalize(),
                        issued.normalize(),
                        repealed.normalize(),
                        expected.normalize()
                    ),
                    format!(
                        "现行有效 {} 件，按上年 {} + 制发 {} − 废止 {} 应为 {} 件",
                        is.normalize(),
                        was.normalize(),
                        issued.normalize(),
                        repealed.normalize(),
                        expected.normalize()
                    ),
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Value;
    use crate::template::FormId;

    fn report(agency: &str, year: u16, cells: &[(TableId, &str, &str, i64)]) -> Report {
        let mut r = Report::blank(FormId::Y2021);
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
        assert_eq!(found[0].1.rule, "S1");
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
        assert_eq!(found[0].1.rule, "S2");
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
