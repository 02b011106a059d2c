//! The review CSV: one row per cell, columns as in [`REVIEW_HEADER`].
//!
//! The last column, `checked`, came later: a file without it (an earlier version's) is read
//! with every cell unchecked, except that its status `reviewed` (how those versions wrote a
//! checked cell) reads as `extracted` and checked.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;

use crate::report::{Cell, CellKey, Confidence, Report, Source, Status, parse_value};
use crate::rules::{Finding, Severity};
use crate::template::{Registry, TableId};

use super::{ExportError, write_atomic};

/// The review CSV's columns, in order.
pub const REVIEW_HEADER: [&str; 17] = [
    "file",
    "agency",
    "year",
    "form",
    "table",
    "row_key",
    "row_label",
    "col_key",
    "col_label",
    "value",
    "extracted",
    "confidence",
    "status",
    "note",
    "source_line",
    "rules_broken",
    "checked",
];

/// Columns a file of an earlier version may lack; they read as empty.
const LATER_COLUMNS: [&str; 1] = ["checked"];

/// The status earlier versions wrote for a checked extracted cell.
const OLD_REVIEWED: &str = "reviewed";

const BOM: &str = "\u{FEFF}";

/// Largest review CSV read: a report's is some 30 kB, a long-noted one a few hundred.
const MAX_REVIEW_CSV_BYTES: u64 = 16 * 1024 * 1024;

/// Writes `report` as a review CSV (with BOM) to `out`. `findings` fill the `rules_broken` column.
///
/// # Example
/// ```
/// use gouji::{Report, export, template::FORM_2021};
/// let report = Report::blank(&FORM_2021);
/// let mut out = Vec::new();
/// export::write_review_csv(&mut out, &report, &[])?;
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.starts_with("\u{FEFF}file,agency,year,form,table,row_key"));
/// assert_eq!(text.lines().count(), 1 + 200);
/// assert_eq!(export::read_review_csv(text.as_bytes())?, report);
/// # Ok::<(), gouji::export::ExportError>(())
/// ```
pub fn write_review_csv<W: Write>(
    mut out: W,
    report: &Report,
    findings: &[Finding],
) -> Result<(), ExportError> {
    out.write_all(BOM.as_bytes())
        .map_err(|e| ExportError::Csv(e.into()))?;
    let mut broken: BTreeMap<CellKey, Vec<&str>> = BTreeMap::new();
    for f in findings.iter().filter(|f| f.severity == Severity::Broken) {
        for key in &f.cells {
            let rules = broken.entry(*key).or_default();
            if !rules.contains(&f.check.id) {
                rules.push(f.check.id);
            }
        }
    }
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(REVIEW_HEADER)?;
    let form = report.form;
    let year = report.year.map(|y| y.to_string()).unwrap_or_default();
    for (key, cell) in report.cells_in_form_order() {
        let (row, col) = form
            .cell(key.table, key.row, key.col)
            .map(|(r, c)| (r.label, c.label))
            .unwrap_or_default();
        let (extracted, line) = match &cell.source {
            Some(s) => (s.text.as_str(), s.line.to_string()),
            None => ("", String::new()),
        };
        let rules = broken.get(&key).map(|r| r.join(" ")).unwrap_or_default();
        w.write_record([
            neutralise(&report.file).as_ref(),
            &neutralise(&report.agency),
            &year,
            report.form.code,
            key.table.key(),
            key.row,
            row,
            key.col,
            col,
            &neutralise(&cell.value.to_string()),
            &neutralise(extracted),
            cell.confidence.code(),
            cell.status.code(),
            &neutralise(&cell.note),
            &line,
            &rules,
            if cell.checked { "yes" } else { "" },
        ])?;
    }
    w.flush().map_err(|e| ExportError::Csv(e.into()))?;
    Ok(())
}

/// Reads a review CSV back into the report it was written from. Spans into the source text are
/// not kept in the CSV; re-extracting the source restores them.
///
/// An error names the line of the file it is on (1-based, the header being line 1).
pub fn read_review_csv<R: Read>(input: R) -> Result<Report, ExportError> {
    read_review_csv_with(Registry::standard(), input)
}

/// [`read_review_csv`] for a report of one of `registry`'s forms.
pub fn read_review_csv_with<R: Read>(registry: &Registry, input: R) -> Result<Report, ExportError> {
    // Read whole (bounded: a review CSV is some 30 kB) so an error can name its line by counting
    // line ends; the CSV reader's own line count is off by one on CRLF files.
    let mut bytes = Vec::new();
    input
        .take(MAX_REVIEW_CSV_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_REVIEW_CSV_BYTES {
        return Err(ExportError::Header(format!(
            "larger than {MAX_REVIEW_CSV_BYTES} bytes"
        )));
    }
    // A record's position may point at the line end before it (CRLF): step over line ends.
    let line_of = |byte: u64| {
        let start = usize::try_from(byte).unwrap_or(usize::MAX).min(bytes.len());
        let end = bytes.get(start..).map_or(start, |rest| {
            start
                + rest
                    .iter()
                    .take_while(|&&c| c == b'\r' || c == b'\n')
                    .count()
        });
        1 + bytes
            .get(..end)
            .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count()) as u64
    };
    let mut r = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(bytes.as_slice());
    let header: Vec<String> = r
        .headers()?
        .iter()
        .enumerate()
        .map(|(i, h)| {
            if i == 0 {
                h.trim_start_matches(BOM).to_owned()
            } else {
                h.to_owned()
            }
        })
        .collect();
    let column = |name: &str| -> Result<Option<usize>, ExportError> {
        match header.iter().position(|h| h == name) {
            Some(i) => Ok(Some(i)),
            None if LATER_COLUMNS.contains(&name) => Ok(None),
            None => Err(ExportError::Header(format!("missing column {name}"))),
        }
    };
    let idx: Vec<Option<usize>> = REVIEW_HEADER
        .iter()
        .map(|name| column(name))
        .collect::<Result<_, _>>()?;
    let mut report: Option<Report> = None;
    let mut seen = std::collections::BTreeSet::new();
    for record in r.records() {
        let record = record?;
        let line = record.position().map_or(0, |p| line_of(p.byte()));
        let bad = |reason: String| ExportError::Row { line, reason };
        let field = |name: &str| -> &str {
            REVIEW_HEADER
                .iter()
                .position(|h| *h == name)
                .and_then(|i| idx.get(i).copied().flatten())
                .and_then(|i| record.get(i))
                .unwrap_or("")
        };
        let form = registry
            .form(field("form"))
            .ok_or_else(|| bad(format!("unknown form {:?}", field("form"))))?;
        let year = match field("year").trim() {
            "" => None,
            y => Some(y.parse().map_err(|_| bad(format!("bad year {y:?}")))?),
        };
        let report = report.get_or_insert_with(|| Report {
            file: restore(field("file")),
            agency: restore(field("agency")),
            year,
            ..Report::blank(form)
        });
        if report.form != form || report.year != year || report.file != restore(field("file")) {
            return Err(bad("file, year or form differs from the first row".into()));
        }
        let table = TableId::from_key(field("table"))
            .ok_or_else(|| bad(format!("unknown table {:?}", field("table"))))?;
        let key =
            CellKey::new(form, table, field("row_key"), field("col_key")).ok_or_else(|| {
                bad(format!(
                    "no cell {}/{}/{} in form {}",
                    field("table"),
                    field("row_key"),
                    field("col_key"),
                    form.code
                ))
            })?;
        if !seen.insert(key) {
            return Err(bad(format!("cell {key} appears twice")));
        }
        let kind = form
            .cell(key.table, key.row, key.col)
            .map(|(_, c)| c.kind)
            .ok_or_else(|| bad(format!("no cell {key}")))?;
        let extracted = restore(field("extracted"));
        let source_line = field("source_line").trim();
        let source = if extracted.is_empty() && source_line.is_empty() {
            None
        } else {
            Some(Source {
                text: extracted.into(),
                line: match source_line {
                    "" => 0,
                    l => l
                        .parse()
                        .map_err(|_| bad(format!("bad source_line {l:?}")))?,
                },
                span: None,
            })
        };
        let (status, old_reviewed) = match field("status").trim() {
            OLD_REVIEWED => (Status::Extracted, true),
            code => (
                Status::from_code(code).ok_or_else(|| bad(format!("unknown status {code:?}")))?,
                false,
            ),
        };
        let checked = match field("checked").trim() {
            "yes" => true,
            "" => old_reviewed,
            other => return Err(bad(format!("bad checked {other:?} (yes or empty)"))),
        };
        let cell = Cell {
            value: parse_value(&restore(field("value")), kind),
            source,
            confidence: Confidence::from_code(field("confidence"))
                .ok_or_else(|| bad(format!("unknown confidence {:?}", field("confidence"))))?,
            status,
            note: restore(field("note")),
            checked,
        };
        report.cells.insert(key, cell);
    }
    report.ok_or_else(|| ExportError::Header("the file has no cell rows".into()))
}

/// Writes the review CSV to `path` atomically (see [`write_atomic`]): on failure `path` is left
/// as it was.
pub fn save_review_csv(
    path: &Path,
    report: &Report,
    findings: &[Finding],
) -> Result<(), ExportError> {
    write_atomic(path, |out| write_review_csv(out, report, findings))
}

/// Whether a spreadsheet would take `text` as a formula: it starts with `=` or `@`, with `+` or
/// `-` not followed by a plain decimal number (`-18` and `+5` are numbers; `+inf`, `-1e5` are
/// not plain), or with a tab or carriage return.
fn is_formula(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some('\t' | '\r' | '=' | '@') => true,
        Some('+' | '-') => !is_plain_decimal(chars.as_str()),
        _ => false,
    }
}

/// Digits with at most one decimal point between digits (`18`, `1710.15`).
fn is_plain_decimal(text: &str) -> bool {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && digits(fraction)
}

/// Text that must be escaped: a formula, or an escaped-looking text (apostrophes before a
/// formula), so escaping is reversible. A loop over the apostrophes, not a recursion: 50,000 of
/// them must not exhaust the stack.
fn needs_escape(text: &str) -> bool {
    is_formula(text.trim_start_matches('\''))
}

/// Prefixes formula-like text with `'` so Excel and WPS show it as text.
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    if needs_escape(text) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// Undoes [`neutralise`].
fn restore(text: &str) -> String {
    match text.strip_prefix('\'') {
        Some(rest) if needs_escape(rest) => rest.to_owned(),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_restored() {
        for text in [
            "=SUM(A1:A3)",
            "+cmd",
            "-x",
            "@A1",
            "'=x",
            "''@y",
            "\tz",
            "=inf",
            "=1",
            "+inf",
            "-",
        ] {
            let written = neutralise(text);
            assert!(written.starts_with('\''), "{text:?} not escaped");
            assert_eq!(restore(&written), text);
        }
        for text in [
            "-18",
            "+5",
            "-1.5",
            "0",
            "张店公安分局",
            "'quoted'",
            "",
            "'",
        ] {
            assert_eq!(neutralise(text), text);
            assert_eq!(restore(text), text);
        }
    }

    #[test]
    fn fifty_thousand_apostrophes_do_not_exhaust_the_stack() {
        let text = format!("{}=x", "'".repeat(50_000));
        let written = neutralise(&text);
        assert_eq!(written.len(), text.len() + 1);
        assert_eq!(restore(&written), text);
    }
}
