//! Text as the popular PDF tools print it: pdfplumber (`extract_text`), PyMuPDF (`get_text`) and
//! pymupdf4llm (Markdown), run on the made-up report of `tests/fixtures/formats` and on a variant
//! with narrow label columns (`tests/fixtures/pdf_tools/make.py` writes them; nothing is read
//! from a real report). Each output must give exactly the cells of its CSV, `?` where the tool's
//! text does not decide a cell; and a value is `exact` only where its own row's label named it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::{Path, PathBuf};

#[path = "support/golden.rs"]
mod golden;

use gouji::template::TableId;
use gouji::{Confidence, Document, Extraction, Format, Severity, Value, check, extract};
use rust_decimal::Decimal;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf_tools")
}

fn read(file: &str) -> String {
    std::fs::read_to_string(fixtures().join(file)).unwrap()
}

fn extract_text(text: &str) -> Extraction {
    extract::extract(&Document::from_text(Format::Text, text))
}

/// Extracts `file` and compares it with the CSV beside it.
fn exact(file: &str) {
    let extraction = extract_text(&read(file));
    let name = file.rsplit_once('.').unwrap().0;
    let csv = read(&format!("{name}.csv"));
    if let Some(difference) = golden::first_difference(&csv, &extraction.report) {
        panic!("{file}: {difference}");
    }
}

#[test]
fn pdfplumber_text_extracts_exactly() {
    exact("report.pdfplumber.txt");
    exact("narrow.pdfplumber.txt");
}

#[test]
fn pymupdf_text_extracts_exactly() {
    exact("report.pymupdf.txt");
    exact("narrow.pymupdf.txt");
}

#[test]
fn pymupdf4llm_markdown_extracts_exactly() {
    exact("report.pymupdf4llm.md");
    exact("narrow.pymupdf4llm.md");
}

fn cell(e: &Extraction, table: TableId, row: &str, col: &str) -> (Value, Confidence) {
    let key = e.report.key(table, row, col).unwrap();
    let cell = e.report.cells.get(&key).unwrap();
    (cell.value.clone(), cell.confidence)
}

fn number(n: i64) -> Value {
    Value::Number(n.into())
}

const RECEIVED: &str = "|一、本|年新收政府信息公开申请数量|10|2|0|1|0|0|13|";
const CARRIED_IN: &str = "|二、上|年结转政府信息公开申请数量|1|0|0|0|0|1|2|";

#[test]
fn a_label_cut_across_cells_is_joined_and_its_row_inferred() {
    // The cut pymupdf4llm prints for wrapped labels: each cell holds pieces of the label's lines.
    let text = read("report.pymupdf4llm.md").replace(
        RECEIVED,
        "|一、本<br>公开申|年新收政<br>请数量|府信息|10|2|0|1|0|0|13|",
    );
    let e = extract_text(&text);
    assert_eq!(
        cell(&e, TableId::Requests, "received", "total"),
        (number(13), Confidence::Inferred)
    );
    // `二、上` + `年结转…`: also joined from cells, neither naming the row alone.
    assert_eq!(
        cell(&e, TableId::Requests, "carried_in", "total"),
        (number(2), Confidence::Inferred)
    );
    let pieced = e
        .findings
        .iter()
        .find(|f| f.is(&check::LABEL_PIECED))
        .unwrap();
    assert_eq!(pieced.severity, Severity::Warning);
    assert!(
        pieced
            .message_zh
            .contains("一、本年新收政府信息公开申请数量")
    );
}

#[test]
fn a_shared_tail_never_moves_numbers_to_the_next_row() {
    // `公开申请数量` ends the labels of both rows: it must not take the first row's numbers
    // into the second (what today's main did, marked exact).
    let text = read("report.pymupdf4llm.md")
        .replace(
            RECEIVED,
            "|一、本年新收政府信息|公开申请数量|10|2|0|1|0|0|13|",
        )
        .replace(
            CARRIED_IN,
            "|二、上年结转政府信息|公开申请数量|1|0|0|0|0|1|2|",
        );
    let e = extract_text(&text);
    assert_eq!(
        cell(&e, TableId::Requests, "received", "natural"),
        (number(10), Confidence::Exact)
    );
    assert_eq!(
        cell(&e, TableId::Requests, "carried_in", "natural"),
        (number(1), Confidence::Exact)
    );
    // In PyMuPDF's cell-per-line text the last line of 1.申请人无正当理由… (`息公开申请`) ends
    // 2.申请人逾期… as well: the numbers after it are still the first row's.
    let e = extract_text(&read("report.pymupdf.txt"));
    assert_eq!(
        cell(&e, TableId::Requests, "other_1", "business"),
        (number(1), Confidence::Exact)
    );
    assert_eq!(
        cell(&e, TableId::Requests, "other_2", "business"),
        (number(0), Confidence::Exact)
    );
}

#[test]
fn every_exact_value_comes_from_its_own_labelled_row() {
    // Across all six outputs, a value marked exact equals the value of its cell in the report.
    let expected = read("../formats/expected.csv");
    for file in [
        "report.pdfplumber.txt",
        "report.pymupdf.txt",
        "report.pymupdf4llm.md",
        "narrow.pdfplumber.txt",
        "narrow.pymupdf.txt",
        "narrow.pymupdf4llm.md",
    ] {
        let e = extract_text(&read(file));
        for line in expected.lines().skip(1) {
            let [table, row, col, want]: [&str; 4] =
                line.split(',').collect::<Vec<_>>().try_into().unwrap();
            let (value, confidence) = cell(&e, TableId::from_key(table).unwrap(), row, col);
            if confidence == Confidence::Exact && !value.is_blank() {
                let want = Value::Number(want.parse::<Decimal>().unwrap());
                assert_eq!(value, want, "{file}: {line}");
            }
        }
    }
}

#[test]
fn a_page_number_inside_a_row_is_told_apart_by_the_column_sums() {
    // pdfplumber prints the page's number `1` on a line of its own after 4.保护第三方合法权益:
    // eight numbers for seven cells, two readings keep the row's total, one the columns'.
    let e = extract_text(&read("report.pdfplumber.txt"));
    assert_eq!(
        cell(&e, TableId::Requests, "denied_4", "natural"),
        (number(1), Confidence::Inferred)
    );
    let miscount = e
        .findings
        .iter()
        .find(|f| f.is(&check::MISCOUNT) && f.message_zh.contains("4.保护第三方合法权益"))
        .unwrap();
    assert_eq!(miscount.severity, Severity::Warning);
    assert!(miscount.message_zh.contains("R1、R2"));
}

#[test]
fn a_table_scrambled_with_its_header_is_flagged_not_left_looking_blank() {
    let e = extract_text(&read("narrow.pymupdf4llm.md"));
    let unread = e
        .findings
        .iter()
        .find(|f| f.is(&check::TABLE_UNREAD))
        .unwrap();
    assert_eq!(unread.cells.len(), 15);
    assert_eq!(
        cell(&e, TableId::Appeals, "review", "total"),
        (Value::Blank, Confidence::Ambiguous)
    );
}

#[test]
fn a_line_of_many_label_cells_is_not_joined_into_one_label() {
    // A crafted Markdown line of 200,000 label cells before a number: not a cut row label, so it
    // is not joined (which would score every cell against every row), and its number is no
    // row's.
    let cells = vec!["公开申请数量"; 200_000].join("|");
    let text = format!("|一、本年新收政府信息公开申请数量|10|2|0|1|0|0|13|\n|{cells}|7|\n");
    let e = extract_text(&text);
    assert_eq!(
        cell(&e, TableId::Requests, "received", "natural"),
        (number(10), Confidence::Exact)
    );
    for row in ["carried_in", "granted"] {
        assert_eq!(cell(&e, TableId::Requests, row, "natural").0, Value::Blank);
    }
}
