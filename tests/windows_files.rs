//! Files as they come from Windows, on any machine: `\r\n` line ends in every text format and
//! encoding Windows editors save, paths with Chinese names and spaces through the library and both
//! programs (`gouji`, `gouji-cli`), and Windows path strings (`\\server\share\…`) in the review
//! CSV's name. What needs Windows itself (attributes, network shares, locked files) is not tested
//! here; see README "Platforms".
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use gouji::{Document, Format, export, extract, ingest};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// `text` with every line ending `\r\n`.
fn crlf(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\n', "\r\n")
}

/// What an extraction found, as text: every cell's value, confidence and source (line, byte
/// span), every finding.
fn extraction_summary(doc: &Document) -> Vec<String> {
    let extraction = extract::extract(doc);
    let mut out: Vec<String> = extraction
        .report
        .cells_in_form_order()
        .map(|(key, cell)| {
            let source = cell.source.as_ref().map(|s| (s.line, s.span.clone()));
            format!("{key} = {} {:?} {source:?}", cell.value, cell.confidence)
        })
        .collect();
    out.extend(extraction.findings.iter().map(|f| f.message.clone()));
    out
}

#[test]
fn crlf_text_reads_like_lf_text_in_every_windows_encoding() {
    let lf = std::fs::read_to_string(fixture("cli/row_per_line_2021_broken.txt")).unwrap();
    let lf = lf.replace("\r\n", "\n");
    let want = ingest::read_bytes(lf.as_bytes()).unwrap();
    let windows = crlf(&lf);
    let utf16le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(windows.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let encodings: [(&str, Vec<u8>); 4] = [
        ("UTF-8", windows.as_bytes().to_vec()),
        (
            "UTF-8 with BOM (Notepad)",
            [b"\xEF\xBB\xBF", windows.as_bytes()].concat(),
        ),
        (
            "GBK (ANSI on Chinese Windows)",
            encoding_rs::GBK.encode(&windows).0.into_owned(),
        ),
        ("UTF-16LE with BOM (Notepad 'Unicode')", utf16le),
    ];
    for (name, bytes) in encodings {
        let doc = ingest::read_bytes(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            !doc.text.contains('\r'),
            "{name}: a \\r is left in the text"
        );
        assert_eq!(doc.text, want.text, "{name}");
        assert_eq!(
            extraction_summary(&doc),
            extraction_summary(&want),
            "{name}"
        );
    }
    // The sample report finds its tables and breaks a rule: the comparison above is not empty.
    assert!(extraction_summary(&want).len() > 100);
}

#[test]
fn crlf_html_reads_like_lf_html() {
    for name in ["formats/report-utf8.html", "formats/report-gbk.html"] {
        let bytes = std::fs::read(fixture(name)).unwrap();
        let lf: Vec<u8> = bytes.iter().copied().filter(|&b| b != b'\r').collect();
        let mut windows = Vec::new();
        for &b in &lf {
            if b == b'\n' {
                windows.push(b'\r');
            }
            windows.push(b);
        }
        let want = ingest::read_bytes(&lf).unwrap();
        let doc = ingest::read_bytes(&windows).unwrap();
        assert_eq!(doc.format, Format::Html);
        assert!(
            !doc.text.contains('\r'),
            "{name}: a \\r is left in the text"
        );
        assert_eq!(
            extraction_summary(&doc),
            extraction_summary(&want),
            "{name}"
        );
    }
}

/// A folder and a report named as reviewers name them: Chinese, spaces, brackets.
fn chinese_folder(dir: &Path) -> (PathBuf, PathBuf) {
    let folder = dir.join("区政府 年报 2023");
    std::fs::create_dir(&folder).unwrap();
    let report = folder.join("2023年 政府信息公开 工作年度报告（终稿）.txt");
    let text = std::fs::read_to_string(fixture("cli/row_per_line_2021_broken.txt")).unwrap();
    std::fs::write(&report, crlf(&text)).unwrap();
    (folder, report)
}

#[test]
fn reports_with_chinese_names_and_spaces_are_found_read_and_saved_beside() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, report) = chinese_folder(dir.path());
    assert_eq!(
        gouji::corpus::walk::walk(&folder).unwrap().reports,
        vec![report.clone()]
    );
    let doc = ingest::read_file(&report).unwrap();
    assert_eq!(doc.path.as_deref(), Some(report.as_path()));
    let extraction = extract::extract(&doc);
    let csv = export::review_csv_path(&report);
    assert_eq!(csv.parent(), Some(folder.as_path()));
    export::save_review_csv(&csv, &extraction.report, &extraction.findings).unwrap();
    // The review CSV is not taken for a report, and the folder still lists the one report.
    assert_eq!(
        gouji::corpus::walk::walk(&folder).unwrap().reports,
        vec![report]
    );
    assert!(csv.is_file());
}

fn run(bin: &str, args: &[&std::ffi::OsStr]) -> Output {
    Command::new(bin).args(args).output().unwrap()
}

#[test]
fn both_programs_check_and_extract_reports_with_chinese_names_and_spaces() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, report) = chinese_folder(dir.path());
    for bin in [env!("CARGO_BIN_EXE_gouji"), env!("CARGO_BIN_EXE_gouji-cli")] {
        let out = run(bin, &["check".as_ref(), folder.as_os_str()]);
        assert_eq!(out.status.code(), Some(1), "{bin}: a rule is broken");
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(
            stdout.starts_with(&report.display().to_string()),
            "{bin}: {stdout}"
        );

        let csv = export::review_csv_path(&report);
        let _ = std::fs::remove_file(&csv);
        let out = run(bin, &["extract".as_ref(), report.as_os_str()]);
        assert_eq!(out.status.code(), Some(0), "{bin}: {out:?}");
        assert!(csv.is_file(), "{bin}: no {}", csv.display());

        let data = folder.join("汇总 数据.csv");
        let out = run(
            bin,
            &[
                "export".as_ref(),
                folder.as_os_str(),
                "-o".as_ref(),
                data.as_os_str(),
            ],
        );
        assert_eq!(out.status.code(), Some(0), "{bin}: {out:?}");
        let written = std::fs::read_to_string(&data).unwrap();
        assert!(written.contains("2023年 政府信息公开 工作年度报告（终稿）.txt"));
        std::fs::remove_file(&data).unwrap();
    }
}

#[test]
fn the_command_line_program_prints_its_help_without_a_subcommand() {
    let cli = env!("CARGO_BIN_EXE_gouji-cli");
    let out = run(cli, &[]);
    assert_eq!(out.status.code(), Some(2));
    let help = String::from_utf8(out.stderr).unwrap();
    for word in ["check", "extract", "export", "Usage"] {
        assert!(help.contains(word), "{help}");
    }
    // A file alone would open the window in `gouji`; `gouji-cli` asks for a subcommand instead.
    let report = fixture("cli/row_per_line_2021.txt");
    let out = run(cli, &[report.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("subcommand")
    );
    // The same command line as `gouji`: same output, same exit code.
    let args = ["check".as_ref(), "--json".as_ref(), report.as_os_str()];
    let (a, b) = (run(cli, &args), run(env!("CARGO_BIN_EXE_gouji"), &args));
    assert_eq!((a.status.code(), a.stdout), (b.status.code(), b.stdout));
}

/// The review CSV's name for Windows paths, as strings (on Linux a `\` is part of a file name, so
/// the whole string is one name; on Windows the folder is kept by `with_file_name`: the same
/// string either way).
#[test]
fn review_csv_names_for_windows_paths_keep_the_full_file_name() {
    let cases = [
        (
            r"\\server\share\报告 2023.pdf",
            r"\\server\share\报告 2023.pdf.gouji.csv",
        ),
        (
            r"C:\Users\张三\Desktop\年报 2023\区政府.docx",
            r"C:\Users\张三\Desktop\年报 2023\区政府.docx.gouji.csv",
        ),
        (r"Z:\年报\报告.pdf", r"Z:\年报\报告.pdf.gouji.csv"),
        (r"Z:\年报\报告.txt", r"Z:\年报\报告.txt.gouji.csv"),
        (
            "/home/张三/年报 2023/报告.pdf",
            "/home/张三/年报 2023/报告.pdf.gouji.csv",
        ),
    ];
    for (report, csv) in cases {
        let got = export::review_csv_path(Path::new(report));
        assert_eq!(got.to_str(), Some(csv), "{report}");
    }
    // Two reports that differ only in format get two CSVs.
    assert_ne!(
        export::review_csv_path(Path::new(r"Z:\年报\报告.pdf")),
        export::review_csv_path(Path::new(r"Z:\年报\报告.txt"))
    );
}
