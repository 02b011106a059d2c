//! Hostile input: whatever a reviewer downloaded gets a clear message or an honest result, in
//! bounded time, never a panic.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::io::Write as _;

use gouji::ingest::{self, IngestError};
use gouji::rules::{self, Policy, Severity};
use gouji::{Document, Format, Value, check, export, extract};

fn read(bytes: &[u8]) -> Result<gouji::Extraction, IngestError> {
    ingest::read_bytes(bytes).map(|doc| extract::extract(&doc))
}

const ROWS: &str = include_str!("fixtures/cli/row_per_line_2021.txt");

#[test]
fn empty_file() {
    let err = read(b"").unwrap_err();
    assert_eq!(err.to_string(), "file is empty");
}

#[test]
fn binary_files_are_refused_with_a_reason() {
    let png = [
        &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A][..],
        &[0u8; 64],
    ]
    .concat();
    let mut state = 0x2545_f491_u32;
    let random: Vec<u8> = (0..100_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state >> 24) as u8
        })
        .collect();
    for bytes in [png, random] {
        let err = read(&bytes).unwrap_err();
        assert!(matches!(err, IngestError::NotText(_)), "{err}");
    }
    let zip = [&b"PK\x03\x04"[..], &[0u8; 200]].concat();
    let err = read(&zip).unwrap_err();
    assert!(!err.to_string().is_empty());
}

#[test]
fn a_huge_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(200 * 1024 * 1024).unwrap();
    let started = std::time::Instant::now();
    let err = ingest::read_file(&path).unwrap_err();
    assert!(matches!(err, IngestError::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("too large"));
    assert!(started.elapsed().as_secs() < 5);
}

#[test]
fn invalid_utf8_in_a_mostly_utf8_report_keeps_its_encoding() {
    let mut bytes = ROWS.as_bytes().to_vec();
    bytes.extend_from_slice(&[0xFF, 0xFE, 0xFD, b'\n']);
    // Decoded as UTF-8 with the broken bytes shown as U+FFFD, the tables intact.
    let doc = ingest::read_bytes(&bytes).unwrap();
    assert_eq!(doc.encoding, "UTF-8");
    assert!(doc.text.contains('\u{FFFD}'));
    let x = extract::extract(&doc);
    let key = x
        .report
        .key(gouji::template::TableId::Requests, "received", "total")
        .unwrap();
    assert_eq!(x.report.value(&key), &Value::Number(13.into()));
}

#[test]
fn gbk_without_any_label_is_text_without_tables() {
    let text = "这是一份没有表格的说明文字。\n本年度工作总结如下。\n".repeat(20);
    let bytes = encoding_rs::GBK.encode(&text).0;
    let x = read(&bytes).unwrap();
    assert!(!x.tables_found);
    assert!(x.findings.iter().any(|f| f.is(&check::NO_TABLES)));
    assert!(x.report.cells.values().all(|c| c.value == Value::Blank));
}

#[test]
fn utf16_without_bom_is_decoded() {
    let bytes: Vec<u8> = ROWS.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let x = read(&bytes).unwrap();
    assert!(x.tables_found);
    let key = x
        .report
        .key(
            gouji::template::TableId::Proactive,
            "licensing",
            "decisions",
        )
        .unwrap();
    assert_eq!(x.report.value(&key), &Value::Number(1520.into()));
}

#[test]
fn a_table_cut_off_mid_row_keeps_what_it_has() {
    let cut = ROWS.find("3.要求提供公开出版物").unwrap();
    let text = &ROWS[..cut + "3.要求提供公开出版物 | 0 | 0".len()];
    let x = extract::extract(&Document::from_text(Format::Text, text));
    assert!(x.tables_found);
    let key = x
        .report
        .key(gouji::template::TableId::Requests, "received", "total")
        .unwrap();
    assert_eq!(x.report.value(&key), &Value::Number(13.into()));
    // Rows after the cut are blank, never zero.
    let after = x
        .report
        .key(gouji::template::TableId::Requests, "total", "total")
        .unwrap();
    assert_eq!(x.report.value(&after), &Value::Blank);
    let findings = rules::check(&x.report, Policy::default());
    assert!(!findings.iter().any(|f| f.severity == Severity::Broken));
}

#[test]
fn a_report_containing_its_tables_twice_reads_the_first() {
    let text = format!("{ROWS}\n附：重复刊登的表格\n{ROWS}");
    let once = extract::extract(&Document::from_text(Format::Text, ROWS));
    let twice = extract::extract(&Document::from_text(Format::Text, &text));
    let values = |x: &gouji::Extraction| -> Vec<Value> {
        x.report.cells.values().map(|c| c.value.clone()).collect()
    };
    assert_eq!(values(&twice), values(&once));
}

#[test]
fn numbers_too_large_for_any_figure_are_text_not_a_crash() {
    // 29 digits, the most a decimal holds: summing two of them overflowed.
    let huge = "79228162514264337593543950335";
    let pipes = ROWS.replace("| 1 |", &format!("| {huge} |"));
    let flattened = format!(
        "信息内容本年新制作数量本年新公开数量对外公开总数量规章{huge}{huge}1规范性文件345\n\
         一、本年新收政府信息公开申请数量{huge}{huge}00000\n\
         四、政府信息公开行政复议、行政诉讼情况\n{huge} {huge} 0 0 0 {huge} 0 0 0 0 0 0 0 0 0\n"
    );
    for text in [pipes.as_str(), flattened.as_str()] {
        let extraction = read(text.as_bytes()).unwrap();
        let report = &extraction.report;
        let values: Vec<&Value> = report.cells.values().map(|c| &c.value).collect();
        assert!(
            values.iter().all(|v| v
                .number()
                .is_none_or(|n| n.abs() < 1_000_000_000_000_000_000u64.into())),
            "{text}"
        );
        rules::check(report, Policy::default());
        rules::check(
            report,
            Policy {
                blank_as_zero: true,
            },
        );
    }
    assert!(pipes.contains(huge));
    let report = read(pipes.as_bytes()).unwrap().report;
    assert!(
        report
            .cells
            .values()
            .any(|c| c.value == Value::Text(huge.to_owned()))
    );
}

fn review_csv() -> String {
    let x = extract::extract(&Document::from_text(Format::Text, ROWS));
    let mut out = Vec::new();
    export::write_review_csv(&mut out, &x.report, &[]).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn hand_edited_review_csvs_get_clear_messages() {
    let good = review_csv();
    let wrong_columns = good.replacen("rules_broken", "comments", 1);
    let err = export::read_review_csv(wrong_columns.as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "not a gouji review CSV: missing column rules_broken"
    );

    let unknown_key = good.replacen("licensing", "licensing_x", 1);
    let err = export::read_review_csv(unknown_key.as_bytes()).unwrap_err();
    assert!(
        err.to_string()
            .contains("no cell proactive/licensing_x/decisions"),
        "{err}"
    );

    let bad_status = good.replacen(",exact,extracted,", ",exact,approved,", 1);
    let err = export::read_review_csv(bad_status.as_bytes()).unwrap_err();
    assert!(
        err.to_string().contains("unknown status \"approved\""),
        "{err}"
    );

    let short_row = format!("{good}a,b,c\r\n");
    assert!(export::read_review_csv(short_row.as_bytes()).is_err());

    // A non-numeric value is kept as text, and the rules call its equations incomplete.
    let text_value = good.replacen(",1520,1520,", ",约1500,1520,", 1);
    let report = export::read_review_csv(text_value.as_bytes()).unwrap();
    let key = report
        .key(
            gouji::template::TableId::Proactive,
            "licensing",
            "decisions",
        )
        .unwrap();
    assert_eq!(report.value(&key), &Value::Text("约1500".into()));
}

#[test]
fn a_review_csv_of_a_different_report_is_recognisable() {
    let csv = review_csv();
    let report = export::read_review_csv(csv.as_bytes()).unwrap();
    assert_eq!(report.agency, "示例市公安局");
    // Rows from two reports in one file are refused.
    let mixed = format!(
        "{csv}{}",
        csv.lines()
            .nth(1)
            .unwrap()
            .replacen("示例市公安局", "另一公安局", 1)
            .replacen(",2022,", ",2021,", 1)
    );
    let err = export::read_review_csv(mixed.as_bytes()).unwrap_err();
    assert!(
        err.to_string().contains("differs from the first row"),
        "{err}"
    );
}

#[test]
fn a_saved_review_csv_is_never_half_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.gouji.csv");
    std::fs::File::create(&path)
        .unwrap()
        .write_all(b"previous")
        .unwrap();
    // A save into a folder that does not exist fails and leaves nothing behind.
    let missing = dir.path().join("no-such-folder").join("r.gouji.csv");
    let x = extract::extract(&Document::from_text(Format::Text, ROWS));
    assert!(export::save_review_csv(&missing, &x.report, &[]).is_err());
    assert_eq!(std::fs::read(&path).unwrap(), b"previous");
    export::save_review_csv(&path, &x.report, &[]).unwrap();
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("示例市公安局")
    );
}
