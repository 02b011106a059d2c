//! The `gouji` command line as a user runs it: exit codes, messages, files written.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/cli")
        .join(name)
}

fn gouji(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gouji"))
        .args(args)
        .output()
        .expect("run gouji")
}

fn run(args: &[&str]) -> Output {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
    gouji(&args)
}

#[test]
fn check_exits_0_on_a_clean_report() {
    let out = run(&["check", fixture("row_per_line_2021.txt").to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("示例市公安局 2022  form 2021  broken 不平 0"),
        "{stdout}"
    );
}

#[test]
fn check_exits_1_and_names_the_repair_in_json() {
    let file = fixture("row_per_line_2021_broken.txt");
    let out = run(&["check", "--json", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = json[0]["findings"].as_array().unwrap();
    let broken: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["severity"] == "broken")
        .collect();
    assert_eq!(broken.len(), 2);
    for f in broken {
        assert_eq!(f["repair"]["cell"], "requests/total/total");
        assert_eq!(f["repair"]["value"], "5");
    }
    assert_eq!(json[0]["form"], "2021");
}

#[test]
fn blank_as_zero_checks_the_blank_cells() {
    let file = fixture("row_per_line_2021_broken.txt");
    let out = run(&["check", "--json", "--blank-as-zero", file.to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = json[0]["findings"].as_array().unwrap();
    assert!(!findings.iter().any(|f| f["severity"] == "incomplete"));
}

#[test]
fn unreadable_files_exit_2_with_one_line_and_no_panic() {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("image.png");
    let bytes: Vec<u8> = (0..2048u32).map(|i| (i * 31 % 256) as u8).collect();
    std::fs::write(&binary, bytes).unwrap();
    for path in [binary, dir.path().join("missing.txt")] {
        let out = run(&["check", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with("gouji: "), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn extract_writes_the_review_csv_beside_the_report_and_into_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.txt");
    std::fs::copy(fixture("row_per_line_2021.txt"), &report).unwrap();
    let out = run(&["extract", report.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = std::fs::read_to_string(dir.path().join("report.txt.gouji.csv")).unwrap();
    assert!(csv.contains(
        "report.txt,示例市公安局,2022,2021,proactive,licensing,行政许可,decisions,本年处理决定数量,1520,1520,exact,extracted,,11,"
    ), "{csv}");
    let reloaded = gouji::export::read_review_csv(csv.as_bytes()).unwrap();
    assert_eq!(reloaded.cells.len(), 200);

    let out_dir = dir.path().join("out");
    let out = run(&[
        "extract",
        dir.path().to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out_dir.join("report.txt.gouji.csv").exists());
}

#[test]
fn a_run_whose_every_reading_breaks_its_sum_is_broken_in_check() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/layouts/u3_every_reading_breaks.txt");
    let out = run(&["check", "--json", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = json[0]["findings"].as_array().unwrap();
    assert!(
        findings
            .iter()
            .any(|f| f["rule"] == "X6" && f["severity"] == "broken"),
        "{findings:#?}"
    );
}

/// Fixture u3 (2021) with its 行政规范性文件 row printed `2140` (three readings), and the same
/// agency's 2022 report whose labelled cells leave only one under S2 (see tests/corpus.rs).
fn two_years(dir: &Path) -> (PathBuf, PathBuf) {
    let u3 = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/layouts/u3_every_reading_breaks.txt");
    let text = std::fs::read_to_string(u3)
        .unwrap()
        .replace("行政规范性文件106", "行政规范性文件2140");
    let (a, b) = (dir.join("2021.txt"), dir.join("2022.txt"));
    std::fs::write(&a, text).unwrap();
    std::fs::write(
        &b,
        "示例县市场监督管理局2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n\
         信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n规章 | 0 | 0 | 2 |\n\
         行政规范性文件 | 3 | 1 | 42 |\n",
    )
    .unwrap();
    (a, b)
}

#[test]
fn extract_and_export_of_a_folder_let_neighbouring_years_decide_a_reading() {
    let dir = tempfile::tempdir().unwrap();
    let (a, _) = two_years(dir.path());
    let folder = dir.path().to_str().unwrap();
    // One file alone: the row stays blank and ambiguous.
    let alone = dir.path().join("alone.gouji.csv");
    run(&[
        "extract",
        a.to_str().unwrap(),
        "-o",
        alone.to_str().unwrap(),
    ]);
    let row = |csv: &str| -> Vec<String> {
        csv.lines()
            .filter(|l| l.contains(",proactive,normative,"))
            .map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                format!("{}={}:{}", f[7], f[9], f[11])
            })
            .collect()
    };
    let csv = std::fs::read_to_string(&alone).unwrap();
    assert_eq!(
        row(&csv),
        [
            "issued=:ambiguous",
            "repealed=:ambiguous",
            "in_force=:ambiguous"
        ]
    );
    // The folder: the 2022 report decides it.
    let out = dir.path().join("out");
    let done = run(&["extract", folder, "-o", out.to_str().unwrap()]);
    assert_eq!(
        done.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let csv = std::fs::read_to_string(out.join("2021.txt.gouji.csv")).unwrap();
    assert_eq!(
        row(&csv),
        [
            "issued=2:inferred",
            "repealed=1:inferred",
            "in_force=40:inferred"
        ]
    );
    // The review CSV says which reading was chosen and why, in the cells' source text.
    assert!(
        csv.contains("读法 1/3，据2022 年报告的 S2"),
        "{}",
        csv.lines()
            .filter(|l| l.contains(",normative,"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    // The corpus CSV (streamed) and check of the folder agree.
    let corpus = dir.path().join("corpus.csv");
    run(&["export", folder, "-o", corpus.to_str().unwrap()]);
    let corpus = std::fs::read_to_string(corpus).unwrap();
    let head: Vec<&str> = corpus.lines().next().unwrap().split(',').collect();
    let column = head
        .iter()
        .position(|h| *h == "proactive/normative/in_force")
        .unwrap();
    let line = corpus.lines().find(|l| l.contains("2021.txt")).unwrap();
    assert_eq!(line.split(',').nth(column), Some("40"), "{line}");
    let check = run(&["check", "--json", folder]);
    let json = String::from_utf8(check.stdout).unwrap();
    assert!(json.contains("\"rule\": \"X7\""), "{json}");
}
