//! The workbooks and lists gouji writes, read back as a user's spreadsheet program would
//! (`calamine`): the corpus workbook holds the corpus CSV's values, typed; a report's findings
//! list names its broken rules in the form's words with the repair, the reviewer's correction
//! and the narrative's contradictions; `export` refuses an ending that names another format; a
//! folder walk passes over the workbooks gouji wrote.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calamine::{Data, Reader as _};
use gouji::export;
use gouji::report::Status;
use gouji::template::TableId;
use gouji::{Value, parse_value};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gouji"))
        .args(args)
        .output()
        .expect("run gouji")
}

fn gouji(args: &[&str]) -> Output {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
    run(&args)
}

/// A cell as text: numbers as the CSV writes them.
fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => i.to_string(),
        other => panic!("unexpected cell {other:?}"),
    }
}

/// A CSV field with its formula neutralisation undone.
fn restored(field: &str) -> String {
    match field.strip_prefix('\'') {
        Some(rest) if export::neutralise(rest) == field => rest.to_owned(),
        _ => field.to_owned(),
    }
}

fn sheet(path: &Path, index: usize) -> Vec<Vec<Data>> {
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let name = book.sheet_names()[index].clone();
    let range = book.worksheet_range(&name).unwrap();
    range.rows().map(<[Data]>::to_vec).collect()
}

/// A folder of reports in every format, one of them reviewed: a correction to `/`, a note that
/// looks like a formula.
fn corpus_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "report-utf8.html",
        "report.docx",
        "report.doc",
        "report-sheet.xlsx",
        "report-sheet.ods",
        "scanned.pdf",
    ] {
        std::fs::copy(fixture(&format!("formats/{name}")), dir.path().join(name)).unwrap();
    }
    let reviewed = dir.path().join("seed000_like_2021.txt");
    std::fs::copy(fixture("cli/seed000_like_2021.txt"), &reviewed).unwrap();
    let out = gouji(&["extract", reviewed.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let csv = export::review_csv_path(&reviewed);
    let mut report = export::read_review_csv(std::fs::read(&csv).unwrap().as_slice()).unwrap();
    let total = report.key(TableId::Requests, "total", "total").unwrap();
    let cell = report.cells.get_mut(&total).unwrap();
    cell.value = Value::Number(5.into());
    cell.status = Status::Corrected;
    cell.note = "=与机关核实".into();
    let fee = report.key(TableId::Proactive, "fees", "amount").unwrap();
    let cell = report.cells.get_mut(&fee).unwrap();
    cell.value = parse_value("/", gouji::template::ValueKind::Count);
    cell.status = Status::Corrected;
    export::save_review_csv(&csv, &report, &[]).unwrap();
    dir
}

#[test]
fn the_corpus_workbook_holds_the_corpus_csvs_values() {
    let dir = corpus_folder();
    let folder = dir.path().to_str().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let csv = out_dir.path().join("corpus.csv");
    let xlsx = out_dir.path().join("corpus.xlsx");
    gouji(&["export", folder, "-o", csv.to_str().unwrap()]);
    let started = std::time::Instant::now();
    let out = gouji(&["export", folder, "-o", xlsx.to_str().unwrap()]);
    eprintln!("export to xlsx: {:?}", started.elapsed());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("7 reports written"),
        "{out:?}"
    );

    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(&csv)
        .unwrap();
    let csv_rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(restored).collect())
        .collect();
    let rows = sheet(&xlsx, 0);
    assert_eq!(rows.len(), csv_rows.len() + 1, "two header rows for one");
    // The first header row is the CSV's (its BOM aside); the second the form's labels.
    let header: Vec<String> = rows[0].iter().map(text).collect();
    assert_eq!(header[0], "file");
    assert_eq!(header[1..], csv_rows[0][1..]);
    assert!(rows[1].iter().map(text).any(|l| l == "（七）总计 · 总计"));
    for (got, want) in rows[2..].iter().zip(&csv_rows[1..]) {
        let got: Vec<String> = got.iter().map(text).collect();
        assert_eq!(&got, want);
    }
    // Numbers are numbers, text is text; the reviewer's `/` is a string and the corrections
    // sheet keeps the note that looks like a formula as it was typed.
    let data = &rows[2..];
    assert!(
        data.iter()
            .flatten()
            .any(|c| matches!(c, Data::Float(f) if *f == 1.5))
    );
    assert!(
        data.iter()
            .flatten()
            .any(|c| matches!(c, Data::String(s) if s == "/"))
    );
    let corrections = sheet(&xlsx, 2);
    let note = corrections
        .iter()
        .find(|r| r.iter().any(|c| text(c) == "requests/total/total"))
        .unwrap();
    assert!(
        note.iter()
            .any(|c| matches!(c, Data::String(s) if s == "=与机关核实"))
    );
    assert!(
        note.iter()
            .any(|c| matches!(c, Data::Float(f) if *f == 5.0))
    );
    // Every finding, with the unreadable scan's reason nowhere lost: it has no findings but its
    // row in the corpus says unreadable.
    let findings = sheet(&xlsx, 1);
    assert!(findings.iter().any(|r| r.iter().any(|c| text(c) == "S3")));
    assert!(
        csv_rows
            .iter()
            .any(|r| r[0].ends_with("scanned.pdf") && r[4] == "unreadable")
    );

    // Written into the folder it exports, the workbook is not read back as a report next time.
    let inside = dir.path().join("corpus.xlsx");
    for _ in 0..2 {
        let out = gouji(&["export", folder, "-o", inside.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("7 reports written"), "{stderr}");
    }
}

#[test]
fn export_refuses_an_ending_that_names_another_format() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus.csv");
    let result = gouji(&[
        "export",
        fixture("cli").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--format",
        "xlsx",
    ]);
    assert_eq!(result.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains("ends in .csv but --format xlsx"),
        "{stderr}"
    );
    assert!(!out.exists());
}

/// The rows of a findings list workbook (its two header rows skipped) as text.
fn list_rows(path: &Path) -> Vec<Vec<String>> {
    let rows = sheet(path, 0);
    assert_eq!(rows[0].iter().map(text).nth(3).as_deref(), Some("规则"));
    rows[2..]
        .iter()
        .map(|r| r.iter().map(text).collect())
        .collect()
}

#[test]
fn the_findings_list_names_the_broken_total_its_repair_and_the_narrative() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("seed000_like_2021.txt");
    std::fs::copy(fixture("cli/seed000_like_2021.txt"), &report).unwrap();
    let lists = dir.path().join("lists");
    let out = gouji(&[
        "findings",
        report.to_str().unwrap(),
        "-o",
        lists.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let xlsx = lists.join("seed000_like_2021.txt.findings.xlsx");
    let rows = list_rows(&xlsx);
    let column = |name: &str| {
        export::FINDINGS_COLUMNS
            .iter()
            .position(|(en, _)| *en == name)
            .unwrap()
    };
    for rule in ["R1", "R2"] {
        let row = rows
            .iter()
            .find(|r| r[column("rule")] == rule)
            .unwrap_or_else(|| panic!("no {rule} in {rows:?}"));
        assert_eq!(row[column("year")], "2021");
        assert_eq!(row[column("severity")], "不平");
        assert!(row[column("details")].contains("总计列"), "{row:?}");
        assert!(
            row[column("cells")].contains("（七）总计 · 总计"),
            "{row:?}"
        );
        assert_eq!(row[column("printed")], "0");
        assert_eq!(row[column("expected")], "5");
        assert_eq!(row[column("repair")], "（七）总计 · 总计 = 5");
    }
    let s3 = rows.iter().find(|r| r[column("rule")] == "S3").unwrap();
    assert!(s3[column("details")].contains("重复申请"), "{s3:?}");
    assert!(s3[column("details")].contains('3'), "{s3:?}");
    assert_eq!(s3[column("printed")], "2");
    assert!(s3[column("cells")].contains("2.重复申请"), "{s3:?}");

    // Reviewed: the list still shows the figures as printed, with the correction and the note.
    let csv = export::review_csv_path(&report);
    assert_eq!(
        gouji(&["extract", report.to_str().unwrap()]).status.code(),
        Some(0)
    );
    let mut reviewed = export::read_review_csv(std::fs::read(&csv).unwrap().as_slice()).unwrap();
    let total = reviewed.key(TableId::Requests, "total", "total").unwrap();
    let cell = reviewed.cells.get_mut(&total).unwrap();
    cell.value = Value::Number(5.into());
    cell.status = Status::Corrected;
    cell.note = "已与机关核实".into();
    export::save_review_csv(&csv, &reviewed, &[]).unwrap();
    for format in ["xlsx", "csv", "md"] {
        let out = gouji(&["findings", report.to_str().unwrap(), "--format", format]);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
    }
    let rows = list_rows(&dir.path().join("seed000_like_2021.txt.findings.xlsx"));
    let r1 = rows.iter().find(|r| r[column("rule")] == "R1").unwrap();
    assert_eq!(r1[column("correction")], "（七）总计 · 总计: 0 → 5");
    assert_eq!(r1[column("note")], "（七）总计 · 总计: 已与机关核实");
    let md = std::fs::read_to_string(dir.path().join("seed000_like_2021.txt.findings.md")).unwrap();
    assert!(md.contains("| R1 | 不平 |"), "{md}");
    assert!(md.contains("| S3 |"), "{md}");
    let csv =
        std::fs::read_to_string(dir.path().join("seed000_like_2021.txt.findings.csv")).unwrap();
    assert!(csv.starts_with("\u{FEFF}报告 report,"), "{csv}");
    assert!(csv.contains("（七）总计 · 总计 = 5"), "{csv}");
    // The lists are gouji's own files: a folder walk does not read them as reports.
    let check = gouji(&["check", dir.path().to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(!stdout.contains("findings."), "{stdout}");
}

#[test]
fn findings_of_a_folder_writes_every_readable_report_and_names_the_others() {
    let dir = corpus_folder();
    let lists = tempfile::tempdir().unwrap();
    let out = gouji(&[
        "findings",
        dir.path().to_str().unwrap(),
        "-o",
        lists.path().to_str().unwrap(),
        "--format",
        "md",
    ]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("scanned.pdf: no text layer"), "{stderr}");
    assert!(
        stderr.contains("6 findings lists written (7 reports)"),
        "{stderr}"
    );
    for name in ["report.doc", "report-sheet.ods", "seed000_like_2021.txt"] {
        let list = lists.path().join(format!("{name}.findings.md"));
        assert!(list.is_file(), "{name}");
    }
    // -o names a folder: a file there is refused before anything is written.
    let file = lists.path().join("report.doc.findings.md");
    let out = gouji(&[
        "findings",
        dir.path().to_str().unwrap(),
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a folder"));
}
