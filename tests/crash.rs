//! Crash safety with a real child process killed by SIGKILL: while editing, autosave has every
//! edit made before the kill; while saving, the review CSV on disk is always a whole one.
//!
//! The test binary runs itself as the child (`crash_child`, active only with `GOUJI_CRASH_CHILD`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::io::{BufRead as _, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use gouji::report::CellKey;
use gouji::review::{Edit, Session};
use gouji::{Value, export};

const REPORT: &str = include_str!("fixtures/cli/row_per_line_2021.txt");

fn keys(session: &Session) -> Vec<CellKey> {
    session.report().cells.keys().copied().collect()
}

/// The child: opens the report in `GOUJI_CRASH_DIR` and edits or saves until it is killed,
/// printing a line after each step.
#[test]
fn crash_child() {
    let Ok(mode) = std::env::var("GOUJI_CRASH_CHILD") else {
        return;
    };
    let dir = PathBuf::from(std::env::var("GOUJI_CRASH_DIR").unwrap());
    let mut session = Session::open(&dir.join("report.txt")).unwrap();
    let keys = keys(&session);
    let mut out = std::io::stdout();
    for i in 0.. {
        let key = keys[i % keys.len()];
        match mode.as_str() {
            "edit" => {
                session.apply(Edit::SetNote {
                    key,
                    note: format!("edit {i}"),
                });
                assert!(session.autosave_error().is_none());
            }
            _ => {
                session.apply(Edit::SetValue {
                    key: keys[0],
                    value: Value::Number(i.into()),
                });
                session.save().unwrap();
            }
        }
        writeln!(out, "{i}").unwrap();
        out.flush().unwrap();
    }
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.txt");
    std::fs::write(&report, REPORT).unwrap();
    let mut session = Session::open(&report).unwrap();
    let csv = session.save().unwrap();
    (dir, csv)
}

fn spawn(mode: &str, dir: &Path) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "crash_child", "--nocapture", "--test-threads=1"])
        .env("GOUJI_CRASH_CHILD", mode)
        .env("GOUJI_CRASH_DIR", dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Reads the child's step lines until step `n`, then kills it with SIGKILL; returns the last step
/// the child reported.
fn kill_after(mut child: Child, n: usize) -> usize {
    let mut last = None;
    let lines = BufReader::new(child.stdout.take().unwrap()).lines();
    for line in lines {
        let Ok(step) = line.unwrap().trim().parse::<usize>() else {
            continue;
        };
        last = Some(step);
        if step >= n {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    last.expect("the child reported no step")
}

#[test]
fn kill_during_editing_loses_no_edit_and_keeps_the_saved_csv() {
    let (dir, csv) = setup();
    let saved = std::fs::read(&csv).unwrap();
    let last = kill_after(spawn("edit", dir.path()), 40);

    assert_eq!(
        std::fs::read(&csv).unwrap(),
        saved,
        "the saved CSV is untouched"
    );
    let mut session = Session::open(&dir.path().join("report.txt")).unwrap();
    assert!(
        session.recovery_available().is_some(),
        "recovery is offered"
    );
    let restored = session.restore_recovery().unwrap();
    assert!(
        restored > last,
        "restored {restored} cells, edits 0..={last}"
    );
    let keys = keys(&session);
    for i in 0..=last {
        let key = keys[i % keys.len()];
        assert_eq!(
            session.report().cells.get(&key).unwrap().note,
            format!("edit {i}")
        );
    }
}

#[test]
fn kill_during_saving_leaves_a_whole_csv() {
    let (dir, csv) = setup();
    let last = kill_after(spawn("save", dir.path()), 25);
    let report = export::read_review_csv(std::fs::File::open(&csv).unwrap())
        .expect("the CSV on disk is a whole review CSV");
    let first = *report.cells.keys().next().unwrap();
    let value = report.cells.get(&first).unwrap().value.number().unwrap();
    assert!(
        value >= last.into(),
        "saved value {value}, last reported save {last}"
    );
}

#[test]
fn a_failed_save_says_why_and_keeps_the_edits_unsaved() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.txt");
    std::fs::write(&report, REPORT).unwrap();
    let mut session = Session::open(&report).unwrap();
    let key = keys(&session)[0];
    session.apply(Edit::SetNote {
        key,
        note: "待核".into(),
    });
    // Something that is not a file stands where the CSV goes (tests run as root, so a
    // read-only folder would not stop them).
    std::fs::create_dir(export::review_csv_path(&report)).unwrap();
    let err = session.save().unwrap_err();
    assert!(err.to_string().contains("report.txt.gouji.csv"), "{err}");
    assert!(session.is_dirty());
    assert_eq!(session.report().cells.get(&key).unwrap().note, "待核");
}
