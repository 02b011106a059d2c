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
