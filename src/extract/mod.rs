//! Extraction: [`Document`] -> [`Extraction`] (a typed [`Report`] plus what extraction noticed).
//!
//! Owns finding the three tables in a report's text, reading each row's cells, mapping labels to
//! the form's stable keys by fuzzy matching, and keeping for every value its source text, line,
//! byte span and a confidence. It never guesses: a value whose position the source does not
//! determine stays blank, and a finding says why.
//!
//! The text is first cut into tokens (`tokenize`), then walked row by row in the form's printed
//! order (`walk`): a row label is looked for only among the next few rows, so the same words in
//! the narrative or in headers do not match. Each row's cells are the tokens up to the next
//! label; how they map to columns depends on whether the layout keeps empty cells (`align`).
//!
//! Main items: [`extract`], [`Extraction`].

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
    let detected = registry.detect(&doc.text);
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
    let tables_found = detected.is_some() && walk::read(doc, &mut report, &mut findings);
    if !tables_found {
        findings.push(walk::no_tables_finding(registry));
    }
    Extraction {
        report,
        tables_found,
        findings,
    }
}
