//! Golden tests of extraction: one made-up report per layout family of DOMAIN.md, each beside
//! the cells it must give (`tests/fixtures/layouts/NAME.csv`: `table,row,col,value`).
//!
//! A value `''` means the cell is blank, `?` that it is blank *and* flagged ambiguous (the source
//! does not determine it), anything else the number it must hold. Cells the CSV does not list must
//! be blank. A failure names the fixture and its first differing cell. `meta.csv` states each
//! fixture's agency and year (blank where the source names none). The fixtures and their CSVs are
//! written by `make_fixtures.py` from figures, not from gouji's output.
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
use gouji::{Confidence, Document, Format, Report, Value, check, extract};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/layouts")
}

fn extract_fixture(name: &str) -> gouji::Extraction {
    let path = fixtures().join(format!("{name}.txt"));
    let text = std::fs::read_to_string(&path).unwrap();
    extract::extract(&Document::from_text(Format::Text, &text))
}

/// The first cell that differs from `NAME.csv`, described.
fn first_difference(name: &str, report: &Report) -> Option<String> {
    let csv = std::fs::read_to_string(fixtures().join(format!("{name}.csv"))).unwrap();
    golden::first_difference(&csv, report)
}

fn check(name: &str) {
    let extraction = extract_fixture(name);
    if let Some(difference) = first_difference(name, &extraction.report) {
        panic!("{name}: {difference}");
    }
}

#[test]
fn layout_1_cell_per_line() {
    check("l1_cell_per_line");
}

#[test]
fn layout_2_row_per_line_keeps_blank_cells() {
    check("l2_row_per_line");
}

#[test]
fn layout_3_space_separated_mostly_blank_and_two_numbers_for_table_4() {
    check("l3_space_mostly_blank");
    let extraction = extract_fixture("l3_space_mostly_blank");
    assert!(
        extraction
            .findings
            .iter()
            .any(|f| f.is(&check::MOSTLY_BLANK))
    );
}

#[test]
fn layout_4_tab_pdf_with_sixteen_numbers_for_table_4() {
    check("l4_tab_pdf");
    let extraction = extract_fixture("l4_tab_pdf");
    assert!(
        extraction
            .findings
            .iter()
            .any(|f| f.is(&check::MISCOUNT) && f.message.contains("16 values"))
    );
}

#[test]
fn layout_5_flattened_html() {
    check("l5_flattened_html");
    let extraction = extract_fixture("l5_flattened_html");
    assert!(
        extraction
            .findings
            .iter()
            .any(|f| f.is(&check::AMBIGUOUS_RUN))
    );
}

#[test]
fn layout_6_pdftotext_layout() {
    check("l6_pdftotext_layout");
}

#[test]
fn layout_7_reading_order_pdf_text() {
    check("l7_reading_order");
    let extraction = extract_fixture("l7_reading_order");
    assert!(
        extraction
            .findings
            .iter()
            .any(|f| f.is(&check::READ_IN_ORDER))
    );
}

#[test]
fn layout_7_table_four_in_blocks_between_header_pieces() {
    check("l7_reading_order_blocks");
    let extraction = extract_fixture("l7_reading_order_blocks");
    let x5 = extraction
        .findings
        .iter()
        .find(|f| f.is(&check::SCATTERED))
        .unwrap();
    assert!(x5.message.contains("3 blocks"), "{}", x5.message);
    assert!(x5.message.contains("(readings kept: 1)"), "{}", x5.message);
    let review = extraction
        .report
        .key(TableId::Appeals, "review", "total")
        .unwrap();
    assert_eq!(
        extraction.report.cells.get(&review).unwrap().confidence,
        Confidence::Inferred
    );
}

#[test]
fn layout_8_pdf_to_markdown() {
    check("l8_pdf_markdown");
    let extraction = extract_fixture("l8_pdf_markdown");
    let x3 = extraction
        .findings
        .iter()
        .find(|f| f.is(&check::READ_IN_ORDER))
        .unwrap();
    assert!(x3.message.contains("left out: 1 (line"), "{}", x3.message);
}

#[test]
fn a_report_from_before_2019_has_no_standard_tables() {
    let extraction = extract_fixture("pre2019_narrative");
    assert!(!extraction.tables_found);
    assert!(extraction.findings.iter().any(|f| f.is(&check::NO_TABLES)));
    check("pre2019_narrative");
}

#[test]
fn every_value_keeps_its_source_text_and_span() {
    for name in ["l2_row_per_line", "l5_flattened_html", "l7_reading_order"] {
        let path = fixtures().join(format!("{name}.txt"));
        let text = std::fs::read_to_string(&path).unwrap();
        let report = extract::extract(&Document::from_text(Format::Text, &text)).report;
        for (key, cell) in &report.cells {
            if cell.value.is_blank() {
                continue;
            }
            let source = cell.source.as_ref().unwrap();
            let span = source.span.clone().unwrap();
            assert_eq!(
                text.get(span.clone()),
                Some(source.text.as_str()),
                "{name} {key:?}"
            );
            let line = text[..span.start].matches('\n').count() + 1;
            assert_eq!(line, source.line, "{name} {key:?}");
        }
    }
}

/// Whether `rules::check` finds `rule` broken on a cell of `row` in `table`.
fn broken_on(report: &Report, rule: &str, table: TableId, row: &str) -> bool {
    gouji::rules::check(report, gouji::rules::Policy::default())
        .iter()
        .any(|f| {
            f.check.id == rule
                && f.severity == gouji::rules::Severity::Broken
                && f.cells.iter().any(|k| k.table == table && k.row == row)
        })
}

#[test]
fn a_flattened_row_with_one_digit_per_cell_is_filled_even_when_it_breaks_a_rule() {
    check("u2_unique_reading_breaks_rule");
    let extraction = extract_fixture("u2_unique_reading_breaks_rule");
    let report = &extraction.report;
    for (table, row, col) in [
        (TableId::Requests, "granted", "total"),
        (TableId::Appeals, "review", "pending"),
        (TableId::Appeals, "review", "total"),
    ] {
        let key = report.key(table, row, col).unwrap();
        assert_eq!(
            report.cells.get(&key).unwrap().confidence,
            Confidence::Exact,
            "{key:?}"
        );
    }
    assert!(
        !extraction
            .findings
            .iter()
            .any(|f| f.is(&check::AMBIGUOUS_RUN))
    );
    // The report's own errors are what the rules now report.
    assert!(broken_on(report, "R3", TableId::Requests, "granted"));
    assert!(broken_on(report, "R4", TableId::Appeals, "review"));
}

#[test]
fn a_foreign_separator_in_the_narrative_does_not_flip_the_layout() {
    check("u1_foreign_separators");
    assert!(extract_fixture("u1_foreign_separators").tables_found);
}

#[test]
fn a_page_run_onto_one_line_is_read_as_flattened_text() {
    check("u1_one_line_page");
}

#[test]
fn a_breadcrumb_before_the_title_is_not_the_agency() {
    check("u7_breadcrumb_title");
}

#[test]
fn every_fixture_gives_its_agency_and_year() {
    let csv = std::fs::read_to_string(fixtures().join("meta.csv")).unwrap();
    let stated: std::collections::BTreeMap<&str, (&str, &str)> = csv
        .lines()
        .skip(1)
        .map(|line| {
            let parts: Vec<&str> = line.split(',').collect();
            (parts[0], (parts[1], parts[2]))
        })
        .collect();
    let mut wrong = Vec::new();
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let Some(&(agency, year)) = stated.get(name.as_str()) else {
            wrong.push(format!("{name}: not in meta.csv"));
            continue;
        };
        let report = extract_fixture(&name).report;
        let found = report.year.map(|y| y.to_string()).unwrap_or_default();
        if report.agency != agency || found != year {
            wrong.push(format!(
                "{name}: want {agency:?} {year:?}, got {:?} {found:?}",
                report.agency
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn a_row_whose_every_reading_breaks_its_sum_is_a_broken_finding() {
    check("u3_every_reading_breaks");
    let extraction = extract_fixture("u3_every_reading_breaks");
    let x6 = extraction
        .findings
        .iter()
        .find(|f| f.is(&check::EVERY_READING_BREAKS))
        .unwrap();
    assert_eq!(x6.severity, gouji::rules::Severity::Broken);
    assert!(x6.message.contains("breaks R3"), "{}", x6.message);
    assert!(x6.message.contains("[3,12,0,0,0,0,5]"), "{}", x6.message);
    assert!(x6.message.contains("[31,2,0,0,0,0,5]"), "{}", x6.message);
    assert!(
        !extraction
            .findings
            .iter()
            .any(|f| f.is(&check::AMBIGUOUS_RUN))
    );
}

#[test]
fn a_space_marks_the_blank_cell_of_a_row_one_digit_short() {
    check("u5_space_marks_blank");
    let extraction = extract_fixture("u5_space_marks_blank");
    assert!(
        !extraction
            .findings
            .iter()
            .any(|f| f.is(&check::AMBIGUOUS_RUN))
    );
}

#[test]
fn two_rows_no_single_reading_decides_are_decided_together_by_the_column_sums() {
    check("u4_rows_decided_together");
    let extraction = extract_fixture("u4_rows_decided_together");
    assert!(
        !extraction
            .findings
            .iter()
            .any(|f| f.is(&check::AMBIGUOUS_RUN)),
        "{:?}",
        extraction.findings
    );
    // Placed by reasoning, not read from a position: inferred, and no rule breaks.
    let report = &extraction.report;
    for row in ["received", "carried_in"] {
        let key = report.key(TableId::Requests, row, "business").unwrap();
        assert_eq!(
            report.cells.get(&key).unwrap().confidence,
            Confidence::Inferred
        );
    }
    let findings = gouji::rules::check(report, gouji::rules::Policy::default());
    assert!(
        !findings
            .iter()
            .any(|f| f.severity == gouji::rules::Severity::Broken),
        "{findings:?}"
    );
}

#[test]
fn rows_whose_readings_tie_together_stay_blank() {
    // As u4, but 一 and 二 both print 112 000013 (1,12 or 11,2) and the totals 12,14: taking 1,12
    // in one row and 11,2 in the other, or the other way round, fits every equation alike.
    let path = fixtures().join("u4_rows_decided_together.txt");
    let text = std::fs::read_to_string(path)
        .unwrap()
        .replace("115 000016", "112 000013")
        .replace("226 000028", "112 000013")
        .replace("341 000044", "1214 000026");
    let extraction = extract::extract(&Document::from_text(Format::Text, &text));
    let report = &extraction.report;
    for row in ["received", "carried_in"] {
        let key = report.key(TableId::Requests, row, "natural").unwrap();
        let cell = report.cells.get(&key).unwrap();
        assert!(cell.value.is_blank(), "{row}: {:?}", cell.value);
        assert_eq!(cell.confidence, Confidence::Ambiguous);
    }
    let x4 = extraction
        .findings
        .iter()
        .filter(|f| f.is(&check::AMBIGUOUS_RUN))
        .count();
    assert_eq!(x4, 2, "{:?}", extraction.findings);
    // The totals themselves were read: the tie is between the two rows only.
    let total = report.key(TableId::Requests, "total", "business").unwrap();
    assert_eq!(report.value(&total), &Value::Number(14.into()));
}
