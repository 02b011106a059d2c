//! The findings list of one report: what a reviewer sends back to the agency, as a workbook,
//! a CSV or Markdown ([`write_findings_list`], [`FindingsFormat`]).
//!
//! Owns the list's one row model ([`finding_lines`], columns [`FINDINGS_COLUMNS`]), which the
//! three formats and the corpus workbook's findings sheet all write: the report and its year,
//! each broken rule (and each contradiction between the narrative and the table, S3) with the
//! cells in the form's words, the figures as printed against what the rule expects, the repair
//! when one cell's change would satisfy every rule it takes part in, and the reviewer's
//! correction and note on those cells (from the review CSV beside the report). The CSV is UTF-8
//! with BOM and CRLF, formula-like text neutralised as in the review CSV; the workbook stores
//! text as string cells (see [`workbook`](super::workbook)). It does not load reports or
//! compute findings: the caller passes the report as printed, its findings and the reviewed
//! report.

use std::io::Write;
use std::path::Path;

use rust_decimal::Decimal;

use super::workbook::{Field, Sheet, cell_words, value_field};
use super::{ExportError, neutralise};
use crate::check;
use crate::report::{Report, Value};
use crate::rules::{Finding, Severity};

/// The columns of a findings list, English and Chinese.
pub const FINDINGS_COLUMNS: [(&str, &str); 13] = [
    ("report", "报告"),
    ("agency", "机关"),
    ("year", "年度"),
    ("rule", "规则"),
    ("severity", "级别"),
    ("problem", "问题"),
    ("details", "说明"),
    ("cells", "涉及单元格"),
    ("printed", "印出"),
    ("expected", "应为"),
    ("repair", "建议修正"),
    ("correction", "审核更正"),
    ("note", "审核备注"),
];

/// Column widths of the list in a workbook, in characters.
pub(crate) const WIDTHS: [f64; 13] = [
    24.0, 18.0, 6.0, 6.0, 8.0, 18.0, 48.0, 36.0, 10.0, 10.0, 24.0, 24.0, 24.0,
];

/// The columns whose text wraps in a workbook: problem, details, cells, repair, correction, note.
pub(crate) const WRAPPED: [usize; 6] = [5, 6, 7, 10, 11, 12];

/// The kinds of findings list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FindingsFormat {
    /// A workbook (`.xlsx`), the default.
    Xlsx,
    /// UTF-8 CSV with BOM.
    Csv,
    /// A Markdown table.
    Md,
}

impl FindingsFormat {
    /// The file ending (`xlsx`, `csv`, `md`).
    pub fn extension(self) -> &'static str {
        match self {
            FindingsFormat::Xlsx => "xlsx",
            FindingsFormat::Csv => "csv",
            FindingsFormat::Md => "md",
        }
    }
}

/// Whether a finding belongs on the list sent to the agency: a broken rule or a contradiction
/// between the narrative and the table (the others are about reading the file).
fn for_the_agency(f: &Finding) -> bool {
    f.severity == Severity::Broken || f.is(&check::NARRATIVE)
}

/// The rows of the findings list of one report: one per finding the agency should see (every
/// finding with `all`), broken rules first. `report` holds the values as printed (what the
/// findings were computed on); `reviewed` the reviewer's values and notes, when a review exists.
pub(crate) fn finding_lines(
    file: &Path,
    report: &Report,
    findings: &[Finding],
    reviewed: Option<&Report>,
    all: bool,
) -> Vec<Vec<Field>> {
    let mut listed: Vec<&Finding> = findings
        .iter()
        .filter(|f| all || for_the_agency(f))
        .collect();
    listed.sort_by_key(|f| f.severity); // stable: the rules' own order within a severity
    listed
        .into_iter()
        .map(|f| line(file, report, f, reviewed))
        .collect()
}

fn line(file: &Path, report: &Report, f: &Finding, reviewed: Option<&Report>) -> Vec<Field> {
    let words = f
        .cells
        .iter()
        .map(cell_words)
        .collect::<Vec<_>>()
        .join("；");
    let (printed, expected) = match (f.repair, &f.equation) {
        (Some(repair), _) => (
            value_field(report.value(&repair.cell)),
            Field::Number(repair.value),
        ),
        (None, Some(eq)) => (
            Field::Text(format!(
                "{} ≠ {}",
                eq.lhs_sum.normalize(),
                eq.rhs_sum.normalize()
            )),
            Field::Blank,
        ),
        (None, None) => {
            // A narrative finding: the table's figure (its cells summed).
            let sum = f
                .cells
                .iter()
                .map(|k| report.value(k).number())
                .sum::<Option<Decimal>>();
            (sum.map_or(Field::Blank, Field::Number), Field::Blank)
        }
    };
    let repair = f.repair.map_or(Field::Blank, |r| {
        Field::Text(format!("{} = {}", cell_words(&r.cell), r.value.normalize()))
    });
    let (mut corrections, mut notes) = (Vec::new(), Vec::new());
    if let Some(reviewed) = reviewed {
        for key in &f.cells {
            let (Some(before), Some(after)) = (report.cells.get(key), reviewed.cells.get(key))
            else {
                continue;
            };
            if after.value != before.value {
                corrections.push(format!(
                    "{}: {} → {}",
                    cell_words(key),
                    shown(&before.value),
                    shown(&after.value)
                ));
            }
            if !after.note.is_empty() {
                notes.push(format!("{}: {}", cell_words(key), after.note));
            }
        }
    }
    let joined = |v: Vec<String>| {
        if v.is_empty() {
            Field::Blank
        } else {
            Field::Text(v.join("；"))
        }
    };
    vec![
        Field::Text(file.display().to_string()),
        Field::Text(report.agency.clone()),
        report
            .year
            .map_or(Field::Blank, |y| Field::Number(y.into())),
        Field::Text(f.check.id.to_owned()),
        Field::Text(f.severity.label_zh().to_owned()),
        Field::Text(f.check.title_zh.to_owned()),
        Field::Text(f.message_zh.clone()),
        Field::Text(words),
        printed,
        expected,
        repair,
        joined(corrections),
        joined(notes),
    ]
}

/// A value for a sentence: blank shown as `（空）`.
fn shown(value: &Value) -> String {
    if value.is_blank() {
        "（空）".to_owned()
    } else {
        value.to_string()
    }
}

/// Writes the findings list of one report in `format`. `report` and `findings` are the report as
/// printed and its findings; `reviewed` the report with the reviewer's corrections and notes.
///
/// # Example
/// ```
/// use gouji::{Document, Format, extract, rules, export};
/// let text = "三、收到和处理政府信息公开申请情况\n\
///     一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n\
///     二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
///     （一）予以公开 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n\
///     （七）总计 | 0 | 0 | 0 | 0 | 0 | 0 | 5 |\n\
///     四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n";
/// let doc = Document::from_text(Format::Text, text);
/// let extraction = extract::extract(&doc);
/// let findings = rules::check(&extraction.report, Default::default());
/// let mut out = Vec::new();
/// export::write_findings_list(
///     &mut out,
///     export::FindingsFormat::Md,
///     std::path::Path::new("r.txt"),
///     &extraction.report,
///     &findings,
///     None,
/// )?;
/// let md = String::from_utf8(out).unwrap();
/// assert!(md.contains("| R1 | 不平 |"), "{md}");
/// assert!(md.contains("| （七）总计 · 自然人 = 5 |"), "{md}");
/// # Ok::<(), gouji::export::ExportError>(())
/// ```
pub fn write_findings_list<W: Write>(
    mut out: W,
    format: FindingsFormat,
    file: &Path,
    report: &Report,
    findings: &[Finding],
    reviewed: Option<&Report>,
) -> Result<(), ExportError> {
    let lines = finding_lines(file, report, findings, reviewed, false);
    match format {
        FindingsFormat::Xlsx => {
            let mut book = super::workbook::new_workbook();
            let mut sheet = Sheet::new(&mut book, "问题清单 findings")?;
            sheet.header(&FINDINGS_COLUMNS.map(|(_, zh)| zh))?;
            sheet.header(&FINDINGS_COLUMNS.map(|(en, _)| en))?;
            sheet.freeze(true)?;
            sheet.wrap(&WRAPPED);
            sheet.widths(&WIDTHS)?;
            for line in &lines {
                sheet.row(line)?;
            }
            if lines.is_empty() {
                sheet.row(&none_found(file, report))?;
            }
            out.write_all(&book.save_to_buffer()?)?;
        }
        FindingsFormat::Csv => {
            out.write_all("\u{FEFF}".as_bytes())?;
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(&mut out);
            w.write_record(FINDINGS_COLUMNS.map(|(en, zh)| format!("{zh} {en}")))?;
            for line in &lines {
                w.write_record(line.iter().map(|f| neutralise(&f.text()).into_owned()))?;
            }
            w.flush()?;
        }
        FindingsFormat::Md => {
            let cell = |t: &str| t.replace('|', "\\|").replace(['\r', '\n'], " ");
            writeln!(
                out,
                "# 问题清单 Findings: {}",
                cell(&file.display().to_string())
            )?;
            writeln!(out)?;
            let year = report.year.map(|y| y.to_string()).unwrap_or_default();
            writeln!(
                out,
                "机关 agency: {}，年度 year: {}，问题 findings: {}",
                cell(&report.agency),
                year,
                lines.len()
            )?;
            writeln!(out)?;
            // The report, agency and year are said above: the table starts at the rule.
            let columns = FINDINGS_COLUMNS.get(3..).unwrap_or_default();
            let head: Vec<String> = columns
                .iter()
                .map(|(en, zh)| format!("{zh} {en}"))
                .collect();
            writeln!(out, "| {} |", head.join(" | "))?;
            writeln!(out, "|{}", " --- |".repeat(columns.len()))?;
            for line in &lines {
                let fields: Vec<String> = line.iter().skip(3).map(|f| cell(&f.text())).collect();
                writeln!(out, "| {} |", fields.join(" | "))?;
            }
            if lines.is_empty() {
                writeln!(out, "未发现问题 no problems found.")?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// The one row of a list with no findings.
fn none_found(file: &Path, report: &Report) -> Vec<Field> {
    vec![
        Field::Text(file.display().to_string()),
        Field::Text(report.agency.clone()),
        report
            .year
            .map_or(Field::Blank, |y| Field::Number(y.into())),
        Field::Blank,
        Field::Blank,
        Field::Text("未发现问题 no problems found".to_owned()),
    ]
}
