//! Extraction: [`Document`] -> [`Extraction`] (a typed [`Report`] plus what extraction noticed).
//!
//! Owns finding the three tables in a report's text, reading each row's cells, mapping labels to
//! the form's stable keys by fuzzy matching, and keeping for every value its source text, line,
//! byte span and a confidence. It never guesses: a value whose position the source does not
//! determine stays blank, and a finding says why. It does not check the rules on the result
//! (that is `rules`), though it uses them to choose between readings.
//!
//! # Map
//!
//! The stages in order, with what each reads and hands on. [`extract_with`] runs 1 and picks the
//! and 2, and picks the form (by its labels, joined where a Markdown row cuts them across cells,
//! else by the year); `walk::read` runs 3 to 6 and says whether any table was found.
//!
//! 1. `meta`: the document text → the agency and year of the report.
//! 2. `tokenize`: the document text → tokens, line by line: labels, values and explicit empty
//!    cells, each with its span (the types are in `token`). A pipe or tab line is cut at its
//!    separators, any other line at white space, and a line holding a whole table run together
//!    is handed to `flattened`, which cuts it into labels and digit runs. A Markdown row's label
//!    cells before its numbers are joined into one label (PDF-to-Markdown tools cut wrapped
//!    labels across cells, `<br>` between their lines), which keeps its pieces.
//! 3. `walk`, the label walk: tokens → table 二's and 三's cells, row by row in the form's printed
//!    order. `labels` scores a printed label against the form's next few rows; the value and
//!    empty tokens up to the next label are the row's fields, which go to one of:
//!    - `align`: places the fields on the columns (one `Slot` per cell), by whether the layout
//!      keeps empty cells; with more numbers than cells, `surplus` lets the row's totals say
//!      which numbers are surplus;
//!    - `digit_row`: a row whose digits run together; `digit_runs` lists the ways to split the
//!      run into the row's cells and the row's sums choose among them. A table-三 row left
//!      ambiguous is decided after the walk by R1 and R2, when only one reading fits.
//!
//!    Every placement is written into the report by `cells`.
//! 4. `in_order`: table 三's tokens (from its first row to table 四's heading) → `sequence` deals
//!    their numbers out as rows in the form's order; such a reading replaces the walk's where
//!    table 三's equations (`equations`, also used by `digit_row`) break no more and hold more.
//! 5. Table 四, printed on one line (`walk`): the first line of values after its heading, read
//!    as one long row: by `digit_row` when its digits run together, else placed by `align`; when
//!    the count does not fit, `scattered` reads it from the blocks of numbers printed between
//!    pieces of its header, and failing that `surplus` settles more numbers than cells.
//! 6. Findings: each stage adds its own to [`Extraction::findings`] (values miscounted, digit
//!    runs ambiguous or breaking their sums, table 三 read in order, table 四 read from blocks,
//!    table 三 mostly blank); [`extract_with`] adds the one saying no table was found.
//!
//! Imports among these modules run one way, with no circle: `walk` imports the stages it drives;
//! `in_order` and `digit_row` import `cells` and `equations` (and `sequence`, `digit_runs`);
//! `tokenize` imports `flattened`; `cells`, `surplus` and `scattered` import `align`; all that
//! handle tokens import `token`, which, like `labels`, `meta`, `digit_runs` and `equations`,
//! imports no sibling.
//!
//! Main items: [`extract`], [`extract_with`], [`Extraction`].

mod align;
mod cells;
mod digit_row;
mod digit_runs;
mod equations;
mod flattened;
mod in_order;
mod labels;
mod meta;
mod scattered;
mod sequence;
mod surplus;
mod token;
mod tokenize;
mod walk;

use crate::ingest::Document;
use crate::report::Report;
use crate::rules::Finding;
use crate::template::Registry;

/// A report as read from a document, with what extraction noticed on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extraction {
    /// The typed grid.
    pub report: Report,
    /// Whether any of the standard tables was found.
    pub tables_found: bool,
    /// Extraction findings: wrong value counts, ambiguous readings, missing tables.
    pub findings: Vec<Finding>,
}

/// Reads a report's tables from its text.
///
/// # Example
/// ```
/// use gouji::{Document, Format, Value, extract};
/// let text = "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n\
///             规章 | 0 | 1 | 2 |\n规范性文件 | 3 | 4 | 5 |\n";
/// let extraction = extract::extract(&Document::from_text(Format::Text, text));
/// let report = &extraction.report;
/// let key = report.key(gouji::template::TableId::Proactive, "normative", "public_total").unwrap();
/// assert_eq!(report.value(&key), &Value::Number(5.into()));
/// ```
pub fn extract(doc: &Document) -> Extraction {
    extract_with(Registry::standard(), doc)
}

/// Reads a report's tables from its text, in the form of `registry` its labels follow (or the
/// one assumed from its year when they do not tell).
pub fn extract_with(registry: &Registry, doc: &Document) -> Extraction {
    let meta = meta::read(doc);
    let tokens = tokenize::tokenize(doc);
    // Labels cut across Markdown cells name their table only once joined.
    let joined = tokenize::joined_labels(&tokens);
    let detected = if joined.is_empty() {
        registry.detect(&doc.text)
    } else {
        registry.detect(&format!("{}\n{joined}", doc.text))
    };
    let form = detected.unwrap_or_else(|| registry.assumed(meta.year));
    let mut report = Report::blank(form);
    report.file = doc
        .path
        .as_deref()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    report.agency = meta.agency;
    report.year = meta.year;
    let mut findings = Vec::new();
    let tables_found = detected.is_some() && walk::read(doc, &tokens, &mut report, &mut findings);
    if !tables_found {
        findings.push(walk::no_tables_finding(registry));
    }
    Extraction {
        report,
        tables_found,
        findings,
    }
}
