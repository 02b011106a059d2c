//! Writing a finding's equation with its numbers, as a reviewer reads it:
//! `一 5 + 二 0 ≠ （七）0 + 四 0 (差 5)`.

use crate::report::{CellKey, Report, Value};
use crate::rules::Finding;

/// The short name of a cell within an equation: the row's number (`一`, `（七）`, `1.`) when the
/// equation runs down a column, the column's label when it runs along a row.
fn short_name(report: &Report, key: &CellKey, along_row: bool) -> String {
    let Some((row, col)) = report.form.form().cell(key.table, key.row, key.col) else {
        return key.to_string();
    };
    if along_row {
        return col.label.to_owned();
    }
    let label = row.label;
    if let Some(i) = label.find('、') {
        return label[..i].to_owned();
    }
    if label.starts_with('（')
        && let Some(i) = label.find('）')
    {
        return label[..i + '）'.len_utf8()].to_owned();
    }
    if let Some(i) = label.find('.') {
        return label[..=i].to_owned();
    }
    label.to_owned()
}

fn side(report: &Report, keys: &[CellKey], along_row: bool, blank: &str) -> String {
    keys.iter()
        .map(|k| {
            let value = match report.value(k) {
                Value::Blank => blank.to_owned(),
                v => v.to_string(),
            };
            format!("{} {value}", short_name(report, k, along_row))
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

/// The finding's equation with the report's current numbers, or `None` for a finding without one.
/// `zh` picks Chinese (`差`, blank shown as `空`) or English (`diff`, `blank`).
///
/// # Example
/// ```
/// use gouji::{Document, Format, extract, rules, review::equation_text};
/// let text = "一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n\
///             二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
///             （七）总计 | 0 | 0 | 0 | 0 | 0 | 0 | 5 |\n\
///             四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n";
/// let report = extract::extract(&Document::from_text(Format::Text, text)).report;
/// let findings = rules::check(&report, rules::Policy::default());
/// let texts: Vec<String> = findings.iter().filter_map(|f| equation_text(&report, f, true)).collect();
/// assert!(texts.contains(&"一 5 + 二 0 ≠ （七） 0 + 四 0 (差 5)".to_string()), "{texts:?}");
/// ```
pub fn equation_text(report: &Report, finding: &Finding, zh: bool) -> Option<String> {
    let eq = finding.equation.as_ref()?;
    let first = eq.lhs.first()?;
    let along_row = eq.lhs.iter().chain(&eq.rhs).any(|k| k.col != first.col);
    let blank = if zh { "空" } else { "blank" };
    let diff = eq.difference();
    let sign = if diff.is_zero() { "=" } else { "≠" };
    let mut text = format!(
        "{} {sign} {}",
        side(report, &eq.lhs, along_row, blank),
        side(report, &eq.rhs, along_row, blank)
    );
    if !diff.is_zero() {
        let word = if zh { "差" } else { "diff" };
        text.push_str(&format!(" ({word} {})", diff.normalize()));
    }
    Some(text)
}
