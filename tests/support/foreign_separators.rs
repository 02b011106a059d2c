//! Foreign separators in a report's narrative: what is inserted and where, and the cells compared.
//! Shared by the property test (`tests/properties.rs`, on the fixtures) and the check over real
//! reports (`examples/foreign_separators.rs`, run by `.ci/run`), so both test the same thing.

use gouji::{CellKey, Confidence, Document, Format, Value};

/// Separators that narrative and titles carry on real pages: a book title's `|`, a full-width
/// `｜`, a pasted tab, a Markdown table line, a line of dashes.
pub const FOREIGN: &[&str] = &[
    "|",
    "《规划|纲要》",
    "｜",
    "\t",
    "\n| 甲 | 乙 | 丙 |\n",
    "\n|---|---|\n",
    "\n----------\n",
];

/// Where narrative or title text can take an insertion: before each of the first
/// `max_sentences` `。`, and after the title's 年度报告.
pub fn narrative_points(text: &str, max_sentences: usize) -> Vec<usize> {
    let mut points: Vec<usize> = text
        .match_indices('。')
        .map(|(i, _)| i)
        .take(max_sentences)
        .collect();
    if let Some(i) = text.find("年度报告") {
        points.push(i + "年度报告".len());
    }
    points
}

/// Every cell's key, value and confidence, as extracted from `text`.
pub fn cells(text: &str) -> Vec<(CellKey, Value, Confidence)> {
    let report = gouji::extract::extract(&Document::from_text(Format::Text, text)).report;
    report
        .cells
        .into_iter()
        .map(|(k, c)| (k, c.value, c.confidence))
        .collect()
}
