//! JSON: the shape of one report as `check --json` prints it ([`report_json`]), the findings
//! array `check --json` writes ([`write_findings_json`]), and the corpus JSON `export --format
//! json` writes ([`write_corpus_json`]: the same objects, each with its cells).
//!
//! Owns the field names and their order; a finding is written as its serde form
//! (`rules::Finding`). It does not load reports or decide their status: the caller's
//! [`ReportRow`] carries both.

use std::io::Write;

use serde_json::{Map, Value, json};

use super::ReportRow;

/// One report as a JSON object: `file`, `agency`, `year`, `form`, `status` and every finding.
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
/// let value = export::report_json(&row);
/// assert_eq!(value["file"], "r.txt");
/// assert_eq!(value["form"], "2021");
/// assert_eq!(value["findings"], serde_json::json!([]));
/// ```
pub fn report_json(row: &ReportRow<'_>) -> Value {
    json!({
        "file": row.file.display().to_string(),
        "agency": row.report.agency,
        "year": row.report.year,
        "form": row.report.form.code,
        "status": row.status,
        "findings": row.findings,
    })
}

/// Writes the reports as `check --json` prints them: a pretty-printed array of
/// [`report_json`] objects and a line end.
///
/// # Example
/// ```
/// let mut out = Vec::new();
/// gouji::export::write_findings_json(&mut out, std::iter::empty::<gouji::export::ReportRow>())?;
/// assert_eq!(out, b"[]\n");
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn write_findings_json<'a, W: Write>(
    mut out: W,
    rows: impl IntoIterator<Item = ReportRow<'a>>,
) -> std::io::Result<()> {
    let reports: Vec<Value> = rows.into_iter().map(|row| report_json(&row)).collect();
    serde_json::to_writer_pretty(&mut out, &reports)?;
    writeln!(out)
}

/// Writes the corpus as `export --format json` does: a pretty-printed array of [`report_json`]
/// objects, each with a `cells` object (every cell key of the report's form, in the form's
/// order, to its value as the review CSV writes it). No line end after the array.
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
/// export::write_corpus_json(&mut out, [row])?;
/// let value: serde_json::Value = serde_json::from_slice(&out)?;
/// assert_eq!(value[0]["cells"]["requests/received/natural"], "");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_corpus_json<'a, W: Write>(
    mut out: W,
    rows: impl IntoIterator<Item = ReportRow<'a>>,
) -> std::io::Result<()> {
    let reports: Vec<Value> = rows
        .into_iter()
        .map(|row| {
            let mut object = report_json(&row);
            let cells: Map<String, Value> = row
                .report
                .cells_in_form_order()
                .map(|(k, c)| (k.to_string(), c.value.to_string().into()))
                .collect();
            if let Some(object) = object.as_object_mut() {
                object.insert("cells".into(), cells.into());
            }
            object
        })
        .collect();
    serde_json::to_writer_pretty(&mut out, &reports).map_err(std::io::Error::from)
}
