//! The review CSV round trip: every report written and read back is the same report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use gouji::template::{FORM_2019, FORM_2021, Registry, ValueKind};
use gouji::{Cell, Confidence, Report, Source, Status, Value, export, parse_value};
use proptest::prelude::*;

fn value(kind: ValueKind) -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Blank),
        Just(Value::NotApplicable),
        (-100_000i64..1_000_000, 0u32..3)
            .prop_map(|(n, scale)| Value::Number(rust_decimal::Decimal::new(n, scale))),
        "[约不详=+@\\-a-z ,\"\n]{1,12}".prop_filter_map("must stay text", move |s| {
            match parse_value(&s, kind) {
                Value::Text(t) => Some(Value::Text(t)),
                _ => None,
            }
        }),
    ]
}

fn cell(kind: ValueKind) -> impl Strategy<Value = Cell> {
    (
        value(kind),
        proptest::option::of((any::<String>(), 0usize..5000)),
        prop_oneof![
            Just(Confidence::Exact),
            Just(Confidence::Inferred),
            Just(Confidence::Ambiguous)
        ],
        prop_oneof![
            Just(Status::Extracted),
            Just(Status::Corrected),
            Just(Status::Chosen),
            Just(Status::Blank),
        ],
        any::<String>(),
        any::<bool>(),
    )
        .prop_map(|(value, source, confidence, status, note, checked)| Cell {
            value,
            source: source.map(|(text, line)| Source {
                text: text.into(),
                line,
                span: None,
            }),
            confidence,
            status,
            note,
            checked,
        })
}

fn report() -> impl Strategy<Value = Report> {
    (0..Registry::standard().forms().len())
        .prop_flat_map(|i| {
            let form = Registry::standard().forms()[i];
            let blank = Report::blank(form);
            let cells: Vec<_> = blank
                .cells
                .keys()
                .map(|k| {
                    let kind = form.cell(k.table, k.row, k.col).unwrap().1.kind;
                    cell(kind)
                })
                .collect();
            (
                Just(blank),
                cells,
                any::<String>(),
                any::<String>(),
                proptest::option::of(any::<u16>()),
            )
        })
        .prop_map(|(mut report, cells, file, agency, year)| {
            for (slot, cell) in report.cells.values_mut().zip(cells) {
                *slot = cell;
            }
            report.file = file;
            report.agency = agency;
            report.year = year;
            report
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn load_of_save_is_the_same_report(report in report()) {
        let mut bytes = Vec::new();
        export::write_review_csv(&mut bytes, &report, &[]).unwrap();
        let back = export::read_review_csv(bytes.as_slice()).unwrap();
        prop_assert_eq!(back, report);
    }
}

#[test]
fn formula_like_text_is_neutralised_in_the_file() {
    let mut report = Report::blank(&FORM_2021);
    report.agency = "=HYPERLINK(\"http://x\")".into();
    let first = report.cells.values_mut().next().unwrap();
    first.note = "@SUM(A1)".into();
    first.value = Value::Text("-cmd".into());
    let mut bytes = Vec::new();
    export::write_review_csv(&mut bytes, &report, &[]).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.contains("\"'=HYPERLINK(\"\"http://x\"\")\""));
    assert!(text.contains(",'@SUM(A1),"));
    assert!(text.contains(",'-cmd,"));
    assert!(!text.contains(",=") && !text.contains(",@") && !text.contains(",-c"));
    assert_eq!(export::read_review_csv(bytes.as_slice()).unwrap(), report);
}

#[test]
fn saving_is_atomic_and_readable_by_excel_conventions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.gouji.csv");
    let report = Report::blank(&FORM_2019);
    export::save_review_csv(&path, &report, &[]).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        bytes.starts_with("\u{FEFF}".as_bytes()),
        "UTF-8 BOM for Excel/WPS"
    );
    assert!(
        String::from_utf8(bytes).unwrap().contains("\r\n"),
        "CRLF rows"
    );
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1);
}

#[test]
fn a_bad_review_csv_is_an_error_naming_the_line() {
    let mut bytes = Vec::new();
    export::write_review_csv(&mut bytes, &Report::blank(&FORM_2019), &[]).unwrap();
    let text = String::from_utf8(bytes)
        .unwrap()
        .replace("denied_3", "denied_9");
    let err = export::read_review_csv(text.as_bytes()).unwrap_err();
    assert!(
        err.to_string().contains("no cell requests/denied_9"),
        "{err}"
    );
    assert!(err.to_string().starts_with("line "), "{err}");
    let err = export::read_review_csv("a,b\n1,2\n".as_bytes()).unwrap_err();
    assert!(err.to_string().contains("not a gouji review CSV"), "{err}");
}

/// A review CSV written by the version before the `checked` column (16 columns; a corrected
/// cell with a note, two cells marked `reviewed`, one with a note) reads back with the same
/// values, statuses and notes; `reviewed` reads as extracted and checked. Written again it gains
/// the column and reads back the same.
#[test]
fn a_review_csv_of_the_version_before_checked_reads_back_the_same() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/review/review-csv-v1-16-columns.csv");
    let old = std::fs::read_to_string(&path).unwrap();
    assert!(old.lines().next().unwrap().ends_with(",rules_broken"));
    let report = export::read_review_csv(old.as_bytes()).unwrap();
    let cell = |col: &str| {
        let key = report
            .key(gouji::template::TableId::Requests, "received", col)
            .unwrap();
        report.cells.get(&key).unwrap().clone()
    };
    let corrected = cell("natural");
    assert_eq!(corrected.value, Value::Number(11.into()));
    assert_eq!(corrected.source.as_ref().unwrap().text, "10");
    assert_eq!(
        (corrected.status, corrected.checked, corrected.note.as_str()),
        (Status::Corrected, false, "按原件更正")
    );
    let reviewed = cell("business");
    assert_eq!(
        (reviewed.value, reviewed.status, reviewed.checked),
        (Value::Number(1.into()), Status::Extracted, true)
    );
    let noted = cell("research");
    assert_eq!(
        (noted.status, noted.checked, noted.note.as_str()),
        (Status::Extracted, true, "已核对，原文 0")
    );
    // Every other row reads as the old file says, unchecked.
    let rows: Vec<Vec<String>> = csv::Reader::from_reader(old.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(rows.len(), report.cells.len());
    for ((key, c), row) in report.cells_in_form_order().zip(&rows) {
        assert_eq!(c.value.to_string(), row[9], "{key}");
        assert_eq!(c.note, row[13], "{key}");
        let old_status = if c.checked && c.status == Status::Extracted {
            "reviewed"
        } else {
            c.status.code()
        };
        assert_eq!(old_status, row[12], "{key}");
    }
    let mut again = Vec::new();
    export::write_review_csv(&mut again, &report, &[]).unwrap();
    let text = String::from_utf8(again).unwrap();
    assert!(
        text.lines()
            .next()
            .unwrap()
            .ends_with(",rules_broken,checked")
    );
    assert!(
        !text.contains(",reviewed,"),
        "no status reviewed is written any more"
    );
    assert_eq!(export::read_review_csv(text.as_bytes()).unwrap(), report);
}
