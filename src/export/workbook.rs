//! Workbook cells (`.xlsx`, through `rust_xlsxwriter`): what the corpus workbook
//! (`corpus_xlsx`) and the findings list (`findings`) share.
//!
//! Owns how a value becomes a workbook cell ([`Field`], [`Sheet`]): text is always a string
//! cell (never a formula, and with no `'` prefix: a workbook cell says what it is), a number a
//! number cell only when a 64-bit float holds it exactly ([`exact_f64`]: at most 15 significant
//! digits that read back the same), otherwise its decimal text; blank is an empty cell and
//! not-applicable `/`; and how a cell is named in the form's words ([`cell_words`]). Workbooks
//! are built in memory and written atomically by the caller through
//! [`write_atomic`](super::write_atomic). It does not load reports.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::ExportError;
use crate::report::{CellKey, Value};
use crate::template::Registry;

/// One field of a row, before a writer turns it into bytes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Field {
    /// Nothing.
    Blank,
    /// Text (a string cell in a workbook, neutralised in a CSV).
    Text(String),
    /// A number (a number cell in a workbook when a float holds it exactly).
    Number(Decimal),
}

impl Field {
    /// The field as CSV or Markdown text (numbers without trailing zeros).
    pub(crate) fn text(&self) -> String {
        match self {
            Field::Blank => String::new(),
            Field::Text(t) => t.clone(),
            Field::Number(n) => n.normalize().to_string(),
        }
    }
}

/// The custom document property that marks a workbook gouji wrote (`is_gouji_output` looks for
/// it, so a folder walk never reads a corpus workbook back as a report).
pub(crate) const WRITTEN_BY: (&str, &str) = ("written_by", "gouji");

/// A new workbook, marked as gouji's ([`WRITTEN_BY`]).
pub(crate) fn new_workbook() -> Workbook {
    let mut book = Workbook::new();
    let (name, value) = WRITTEN_BY;
    book.set_properties(&rust_xlsxwriter::DocProperties::new().set_custom_property(name, value));
    book
}

/// Whether the workbook at `path` is one gouji wrote: its `docProps/custom.xml` holds the
/// [`WRITTEN_BY`] property. Reads the archive's directory and that small part only.
pub(crate) fn written_by_gouji(path: &std::path::Path) -> bool {
    use std::io::Read as _;
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let Ok(mut archive) = zip::ZipArchive::new(std::io::BufReader::new(file)) else {
        return false;
    };
    let Ok(part) = archive.by_name("docProps/custom.xml") else {
        return false;
    };
    let mut xml = String::new();
    if part.take(64 * 1024).read_to_string(&mut xml).is_err() {
        return false;
    }
    let (name, value) = WRITTEN_BY;
    xml.contains(&format!("name=\"{name}\"")) && xml.contains(&format!(">{value}<"))
}

/// Rows a worksheet holds at most.
const MAX_ROWS: u32 = 1_048_576;

impl From<XlsxError> for ExportError {
    fn from(e: XlsxError) -> Self {
        ExportError::Write(std::io::Error::other(e))
    }
}

/// The `f64` that holds `n` exactly: at most 15 significant digits (what a spreadsheet shows)
/// whose shortest decimal form reads back as `n`. `None` for anything else (such a number is
/// written as text, so nothing is rounded).
///
/// # Example
/// ```
/// use rust_decimal::Decimal;
/// use gouji::export::exact_f64;
/// assert_eq!(exact_f64("1710.15".parse::<Decimal>()?), Some(1710.15));
/// assert_eq!(exact_f64(Decimal::from(17101500)), Some(17101500.0));
/// assert_eq!(exact_f64("12345678901234567".parse::<Decimal>()?), None);
/// # Ok::<(), rust_decimal::Error>(())
/// ```
pub fn exact_f64(n: Decimal) -> Option<f64> {
    let n = n.normalize();
    let digits = n.mantissa().unsigned_abs().to_string().len();
    if digits > 15 {
        return None;
    }
    let f: f64 = n.to_string().parse().ok()?;
    let back: Decimal = format!("{f}").parse().ok()?;
    (back == n).then_some(f)
}

/// A worksheet being written, row by row.
pub(crate) struct Sheet<'a> {
    sheet: &'a mut Worksheet,
    row: u32,
    bold: Format,
    /// Columns whose text wraps within the column's width.
    wrapped: Vec<usize>,
    /// Column widths set so far, in characters.
    widths: Vec<f64>,
    wrap: Format,
}

impl<'a> Sheet<'a> {
    /// A new sheet named `name`, its first `header_rows` rows frozen when written.
    pub(crate) fn new(book: &'a mut Workbook, name: &str) -> Result<Sheet<'a>, ExportError> {
        let sheet = book.add_worksheet();
        sheet.set_name(name)?;
        Ok(Sheet {
            sheet,
            row: 0,
            bold: Format::new().set_bold(),
            wrapped: Vec::new(),
            widths: Vec::new(),
            wrap: Format::new()
                .set_text_wrap()
                .set_align(rust_xlsxwriter::FormatAlign::Top),
        })
    }

    /// Writes a header row in bold.
    pub(crate) fn header<S: AsRef<str>>(&mut self, names: &[S]) -> Result<(), ExportError> {
        for (col, name) in names.iter().enumerate() {
            self.sheet.write_string_with_format(
                self.row,
                column(col)?,
                name.as_ref(),
                &self.bold,
            )?;
        }
        self.next_row()
    }

    /// Freezes the rows written so far (the headers), and prints them atop every page (landscape,
    /// with gridlines; `fit_width`: the columns shrunk onto one page's width).
    pub(crate) fn freeze(&mut self, fit_width: bool) -> Result<(), ExportError> {
        self.sheet.set_freeze_panes(self.row, 0)?;
        if let Some(last) = self.row.checked_sub(1) {
            self.sheet.set_repeat_rows(0, last)?;
        }
        self.sheet.set_landscape().set_print_gridlines(true);
        if fit_width {
            self.sheet.set_print_fit_to_pages(1, 0);
        }
        Ok(())
    }

    /// Writes one row of fields; a row whose wrapped text needs several lines is made as tall
    /// (spreadsheets do not all grow a row to its wrapped text on opening).
    pub(crate) fn row(&mut self, fields: &[Field]) -> Result<(), ExportError> {
        let mut lines = 1usize;
        for (col, field) in fields.iter().enumerate() {
            self.field(col, field)?;
            if let (Field::Text(text), Some(width)) = (field, self.wrap_width(col)) {
                // In quarters of a column: a CJK character takes about 1½ columns as drawn.
                let wide: usize = text.chars().map(|c| if c.is_ascii() { 4 } else { 6 }).sum();
                let needed = wide.div_ceil(width.max(1) * 4);
                // Lines break at words and punctuation, not at the last column: one to spare.
                lines = lines.max(if needed > 1 { needed + 1 } else { needed });
            }
        }
        if lines > 1 {
            let height = 15.0 * lines.min(40) as f64;
            self.sheet.set_row_height(self.row, height)?;
        }
        self.next_row()
    }

    /// The width in characters of a wrapped column, if `col` wraps.
    fn wrap_width(&self, col: usize) -> Option<usize> {
        self.wrapped
            .contains(&col)
            .then(|| self.widths.get(col).map_or(8, |w| *w as usize))
    }

    /// Makes the text of these columns wrap within their width (long explanations and lists of
    /// cells read whole, on screen and on paper).
    pub(crate) fn wrap(&mut self, columns: &[usize]) {
        self.wrapped.extend_from_slice(columns);
    }

    /// Widens the columns (`widths` in characters).
    pub(crate) fn widths(&mut self, widths: &[f64]) -> Result<(), ExportError> {
        for (col, width) in widths.iter().enumerate() {
            self.sheet.set_column_width(column(col)?, *width)?;
        }
        self.widths = widths.to_vec();
        Ok(())
    }

    fn field(&mut self, col: usize, field: &Field) -> Result<(), ExportError> {
        let col = column(col)?;
        match field {
            Field::Blank => {}
            Field::Text(text) if text.is_empty() => {}
            Field::Text(text) if self.wrapped.contains(&usize::from(col)) => {
                self.sheet
                    .write_string_with_format(self.row, col, text, &self.wrap)?;
            }
            Field::Text(text) => {
                self.sheet.write_string(self.row, col, text)?;
            }
            Field::Number(n) => match exact_f64(*n) {
                Some(f) => {
                    self.sheet.write_number(self.row, col, f)?;
                }
                None => {
                    self.sheet
                        .write_string(self.row, col, n.normalize().to_string())?;
                }
            },
        }
        Ok(())
    }

    fn next_row(&mut self) -> Result<(), ExportError> {
        self.row += 1;
        if self.row >= MAX_ROWS {
            return Err(ExportError::Write(std::io::Error::other(format!(
                "more than {MAX_ROWS} rows: a worksheet holds no more; export fewer reports or use CSV"
            ))));
        }
        Ok(())
    }
}

fn column(col: usize) -> Result<u16, ExportError> {
    u16::try_from(col)
        .ok()
        .filter(|&c| c < 16_384)
        .ok_or_else(|| {
            ExportError::Write(std::io::Error::other("too many columns for a worksheet"))
        })
}

/// A cell value as a workbook field: numbers as numbers, not-applicable as `/`.
pub(crate) fn value_field(value: &Value) -> Field {
    match value {
        Value::Blank => Field::Blank,
        Value::Number(n) => Field::Number(*n),
        Value::NotApplicable | Value::Text(_) => Field::Text(value.to_string()),
    }
}

/// A cell in the form's words: its sub-table heading (table 二) or group row (（三）不予公开 for
/// its numbered rows), row label and column label.
///
/// # Example
/// ```
/// use gouji::{Report, template::{FORM_2021, TableId}};
/// let report = Report::blank(&FORM_2021);
/// let key = report.key(TableId::Requests, "total", "total").unwrap();
/// assert_eq!(gouji::export::cell_words(&key), "（七）总计 · 总计");
/// let key = report.key(TableId::Requests, "denied_1", "natural").unwrap();
/// assert_eq!(gouji::export::cell_words(&key), "（三）不予公开 1.属于国家秘密 · 自然人");
/// ```
pub fn cell_words(key: &CellKey) -> String {
    for form in Registry::standard().forms() {
        let Some((row, col)) = form.cell(key.table, key.row, key.col) else {
            continue;
        };
        // The group row a numbered row sits under (depth 2: （三）不予公开 for 1.属于国家秘密):
        // the nearest row above it without a key, one level up. The outcome rows' own group,
        // 三、本年度办理结果, goes without saying.
        let group = (row.depth >= 2)
            .then(|| {
                form.table(key.table)
                    .rows
                    .iter()
                    .take_while(|r| r.key != row.key)
                    .filter(|r| r.key.is_none() && r.depth + 1 == row.depth)
                    .last()
                    .map(|r| r.label)
            })
            .flatten();
        let context = [row.section, group.unwrap_or("")]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        return if context.is_empty() {
            format!("{} · {}", row.label, col.label)
        } else {
            format!("{context} {} · {}", row.label, col.label)
        };
    }
    key.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_numbers_a_float_holds_exactly_are_numbers() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(exact_f64(d("1")), Some(1.0));
        assert_eq!(exact_f64(d("1.50")), Some(1.5));
        assert_eq!(exact_f64(d("-0.3")), Some(-0.3));
        assert_eq!(exact_f64(d("999999999999999")), Some(999_999_999_999_999.0));
        assert_eq!(exact_f64(d("9007199254740993")), None);
        assert_eq!(exact_f64(d("0.1234567890123456")), None);
    }
}
