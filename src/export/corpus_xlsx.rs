//! The corpus workbook `gouji export -o corpus.xlsx` writes ([`write_corpus_xlsx`]): three
//! sheets, the corpus (the corpus CSV's row model, typed, under a frozen header row of keys and a
//! second one of the form's Chinese labels), every finding of every report (the findings list's
//! rows), and every cell a reviewer corrected or annotated.
//!
//! Owns the sheets and their columns; how a value becomes a cell is `workbook`'s, the rows of the
//! corpus `corpus_csv`'s and the rows of findings `findings`'. It does not load reports.

use std::io::Write;

use rust_decimal::Decimal;
use rust_xlsxwriter::Workbook;

use super::corpus_csv::{CorpusField, corpus_fields, corpus_header, corpus_keys};
use super::findings::{FINDINGS_COLUMNS, WIDTHS, WRAPPED, finding_lines};
use super::workbook::{Field, Sheet, cell_words, value_field};
use super::{ExportError, ReportRow};
use crate::report::Status;

/// The Chinese labels of the corpus's first columns.
const CORPUS_HEAD_ZH: [&str; 7] = ["文件", "机关", "年度", "表式", "状态", "不平", "缺数"];

/// Writes the corpus workbook of `rows`: the corpus, every finding, every correction. The
/// values of its first sheet are those of the corpus CSV ([`write_corpus_csv`](super::write_corpus_csv))
/// of the same rows, typed.
///
/// # Example
/// ```
/// use gouji::{Report, export, template::FORM_2021};
/// let report = Report::blank(&FORM_2021);
/// let row = export::ReportRow {
///     file: std::path::Path::new("r.txt"),
///     report: &report,
///     findings: &[],
///     status: "clean".into(),
///     error: None,
///     review_warning: None,
/// };
/// let mut out = Vec::new();
/// export::write_corpus_xlsx(&mut out, [row])?;
/// assert!(out.starts_with(b"PK\x03\x04"));
/// # Ok::<(), gouji::export::ExportError>(())
/// ```
pub fn write_corpus_xlsx<'a, W: Write>(
    mut out: W,
    rows: impl IntoIterator<Item = impl Into<ReportRow<'a>>>,
) -> Result<(), ExportError> {
    let rows: Vec<ReportRow<'a>> = rows.into_iter().map(Into::into).collect();
    let mut book = super::workbook::new_workbook();
    corpus_sheet(&mut book, &rows)?;
    findings_sheet(&mut book, &rows)?;
    corrections_sheet(&mut book, &rows)?;
    let bytes = book.save_to_buffer()?;
    out.write_all(&bytes)?;
    out.flush()?;
    Ok(())
}

fn corpus_sheet(book: &mut Workbook, rows: &[ReportRow<'_>]) -> Result<(), ExportError> {
    let mut sheet = Sheet::new(book, "语料 corpus")?;
    sheet.header(&corpus_header())?;
    let labels: Vec<String> = CORPUS_HEAD_ZH
        .iter()
        .map(|s| (*s).to_owned())
        .chain(corpus_keys().iter().map(cell_words))
        .collect();
    sheet.header(&labels)?;
    sheet.freeze(false)?;
    for row in rows {
        let fields: Vec<Field> = corpus_fields(row)
            .into_iter()
            .enumerate()
            .map(|(i, field)| match field {
                // Year and the counts of broken and incomplete rules are numbers.
                CorpusField::Head(text) if matches!(i, 2 | 5 | 6) => text
                    .parse::<Decimal>()
                    .map(Field::Number)
                    .unwrap_or(Field::Text(text)),
                CorpusField::Head(text) => Field::Text(text),
                CorpusField::Cell(value) => value.map_or(Field::Blank, value_field),
            })
            .collect();
        sheet.row(&fields)?;
    }
    sheet.widths(&[28.0, 20.0, 6.0, 6.0, 10.0, 6.0, 6.0])?;
    Ok(())
}

fn findings_sheet(book: &mut Workbook, rows: &[ReportRow<'_>]) -> Result<(), ExportError> {
    let mut sheet = Sheet::new(book, "问题 findings")?;
    sheet.header(&FINDINGS_COLUMNS.map(|(en, _)| en))?;
    sheet.header(&FINDINGS_COLUMNS.map(|(_, zh)| zh))?;
    sheet.freeze(true)?;
    sheet.wrap(&WRAPPED);
    sheet.widths(&WIDTHS)?;
    for row in rows {
        for line in finding_lines(row.file, row.report, row.findings, None, true) {
            sheet.row(&line)?;
        }
    }
    Ok(())
}

/// The columns of the corrections sheet, English and Chinese.
const CORRECTION_COLUMNS: [(&str, &str); 9] = [
    ("file", "文件"),
    ("agency", "机关"),
    ("year", "年度"),
    ("cell_key", "单元格键"),
    ("cell", "单元格"),
    ("extracted", "原文"),
    ("value", "审核值"),
    ("status", "状态"),
    ("note", "备注"),
];

fn corrections_sheet(book: &mut Workbook, rows: &[ReportRow<'_>]) -> Result<(), ExportError> {
    let mut sheet = Sheet::new(book, "更正 corrections")?;
    sheet.header(&CORRECTION_COLUMNS.map(|(en, _)| en))?;
    sheet.header(&CORRECTION_COLUMNS.map(|(_, zh)| zh))?;
    sheet.freeze(true)?;
    for row in rows {
        let report = row.report;
        for (key, cell) in report.cells_in_form_order() {
            if cell.status != Status::Corrected && cell.note.is_empty() {
                continue;
            }
            sheet.row(&[
                Field::Text(row.file.display().to_string()),
                Field::Text(report.agency.clone()),
                report
                    .year
                    .map_or(Field::Blank, |y| Field::Number(y.into())),
                Field::Text(key.to_string()),
                Field::Text(cell_words(&key)),
                Field::Text(
                    cell.source
                        .as_ref()
                        .map(|s| s.text.to_string())
                        .unwrap_or_default(),
                ),
                value_field(&cell.value),
                Field::Text(cell.status.code().to_owned()),
                Field::Text(cell.note.clone()),
            ])?;
        }
    }
    sheet.widths(&[28.0, 20.0, 6.0, 30.0, 30.0, 10.0, 10.0, 10.0, 30.0])?;
    Ok(())
}
