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
            Just(Status::Blank),
            Just(Status::Reviewed)
        ],
        any::<String>(),
    )
        .prop_map(|(value, source, confidence, status, note)| Cell {
            value,
            source: source.map(|(text, line)| Source {
                text: text.into(),
                line,
                span: None,
            }),
            confidence,
            status,
            note,
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
