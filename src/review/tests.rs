#![allow(clippy::unwrap_used)]

use super::*;
use crate::ingest::Format;
use crate::report::Status;
use crate::template::TableId;

/// 总计 natural is 0 while 一 + 二 give 5: R-rules break, the repair sets it to 5.
const BROKEN: &str = "某市公安局2020年政府信息公开工作年度报告\n\
    三、收到和处理政府信息公开申请情况\n\
    一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n\
    二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
    （一）予以公开 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n\
    （七）总计 | 0 | 0 | 0 | 0 | 0 | 0 | 5 |\n\
    四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n";

fn session() -> Session {
    Session::from_document(Document::from_text(Format::Text, BROKEN))
}

fn total_natural(s: &Session) -> CellKey {
    s.report()
        .key(TableId::Requests, "total", "natural")
        .unwrap()
}

fn on_disk() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.txt");
    std::fs::write(&path, BROKEN).unwrap();
    (dir, path)
}

#[test]
fn finds_the_break_and_its_repair() {
    let s = session();
    let key = total_natural(&s);
    assert!(s.counts().broken >= 1);
    assert_eq!(s.severity_of(&key), Some(Severity::Broken));
    let repair = s.findings().iter().find_map(|f| f.repair).unwrap();
    assert_eq!(repair.cell, key);
    assert_eq!(repair.value, 5.into());
    assert!(s.suspects().contains(&key));
}

#[test]
fn repair_undo_redo() {
    let mut s = session();
    let key = total_natural(&s);
    assert!(s.apply(Edit::ApplyRepair {
        key,
        value: 5.into()
    }));
    assert_eq!(s.report().value(&key), &Value::Number(5.into()));
    assert_eq!(
        s.report().cells.get(&key).unwrap().status,
        Status::Corrected
    );
    assert_ne!(s.severity_of(&key), Some(Severity::Broken));
    assert!(s.is_dirty());
    assert_eq!(s.undo(), Some(key));
    assert_eq!(s.report().value(&key), &Value::Number(0.into()));
    assert_eq!(
        s.report().cells.get(&key).unwrap().status,
        Status::Extracted
    );
    assert_eq!(s.severity_of(&key), Some(Severity::Broken));
    assert!(s.can_redo());
    assert_eq!(s.redo(), Some(key));
    assert_eq!(s.report().value(&key), &Value::Number(5.into()));
    assert!(!s.can_redo());
    assert!(s.redo().is_none());
}

#[test]
fn a_new_edit_clears_redo_and_no_op_edits_are_not_recorded() {
    let mut s = session();
    let key = total_natural(&s);
    s.apply(Edit::SetValue {
        key,
        value: Value::Number(3.into()),
    });
    s.undo();
    assert!(s.can_redo());
    s.apply(Edit::SetNote {
        key,
        note: "核对原文".into(),
    });
    assert!(!s.can_redo());
    assert!(!s.apply(Edit::SetNote {
        key,
        note: "核对原文".into(),
    }));
    s.undo();
    assert!(!s.can_undo());
    assert_eq!(s.report().cells.get(&key).unwrap().note, "");
}

#[test]
fn mark_reviewed_and_blank_as_zero() {
    let mut s = session();
    let key = s
        .report()
        .key(TableId::Requests, "received", "natural")
        .unwrap();
    assert!(s.apply(Edit::SetChecked { key, checked: true }));
    let cell = s.report().cells.get(&key).unwrap();
    assert_eq!((cell.status, cell.checked), (Status::Extracted, true));
    let incomplete = s.counts().incomplete;
    assert!(incomplete > 0, "blank rows make rules incomplete");
    s.set_policy(Policy {
        blank_as_zero: true,
    });
    assert!(s.counts().incomplete < incomplete);
}

#[test]
fn navigation_wraps() {
    let s = session();
    let n = s.findings().len();
    assert!(n >= 2);
    assert_eq!(s.next_finding(None), Some(0));
    assert_eq!(s.next_finding(Some(n - 1)), Some(0));
    assert_eq!(s.previous_finding(None), Some(n - 1));
    assert_eq!(s.previous_finding(Some(0)), Some(n - 1));
    assert!(
        s.findings()
            .windows(2)
            .all(|w| w[0].severity <= w[1].severity)
    );
}

#[test]
fn validates_input() {
    let s = session();
    let key = total_natural(&s);
    assert_eq!(s.parse_input(&key, "７"), Ok(Value::Number(7.into())));
    assert_eq!(s.parse_input(&key, "/"), Ok(Value::NotApplicable));
    assert_eq!(s.parse_input(&key, "-2"), Err(Problem::NegativeCount));
    assert_eq!(s.parse_input(&key, "1.5"), Err(Problem::FractionalCount));
    assert_eq!(s.parse_input(&key, "x"), Err(Problem::NotANumber));
}

#[test]
fn save_and_reopen_restores_the_review() {
    let (dir, path) = on_disk();
    let mut s = Session::open(&path).unwrap();
    assert_eq!(
        s.csv_path(),
        Some(dir.path().join("report.txt.gouji.csv").as_path())
    );
    let key = total_natural(&s);
    s.apply(Edit::ApplyRepair {
        key,
        value: 5.into(),
    });
    s.apply(Edit::SetNote {
        key,
        note: "按明细更正".into(),
    });
    let saved = s.save().unwrap();
    assert!(!s.is_dirty());
    assert!(!s.recovery_path().unwrap().exists());

    let again = Session::open(&saved).unwrap();
    let cell = &again.report().cells.get(&key).unwrap();
    assert_eq!(cell.value, Value::Number(5.into()));
    assert_eq!(cell.status, Status::Corrected);
    assert_eq!(cell.note, "按明细更正");
    let span = cell.source.as_ref().unwrap().span.clone().unwrap();
    let doc = again.document().unwrap();
    assert_eq!(&doc.text[span], "0");
    assert!(!again.is_dirty());

    // Opening the report again finds the review beside it.
    let via_report = Session::open(&path).unwrap();
    assert_eq!(
        via_report.report().cells.get(&key).unwrap().note,
        "按明细更正"
    );
}

#[test]
fn csv_without_its_source_still_opens() {
    let (dir, path) = on_disk();
    let mut s = Session::open(&path).unwrap();
    let saved = s.save().unwrap();
    std::fs::remove_file(&path).unwrap();
    let again = Session::open(&saved).unwrap();
    assert!(again.document().is_none());
    assert_eq!(again.report().agency, s.report().agency);
    drop(dir);
}

#[test]
fn autosave_and_recovery() {
    let (_dir, path) = on_disk();
    let mut s = Session::open(&path).unwrap();
    let key = total_natural(&s);
    s.apply(Edit::SetValue {
        key,
        value: Value::Number(5.into()),
    });
    let recovery = s.recovery_path().unwrap();
    assert!(recovery.exists());
    assert!(s.autosave_error().is_none());
    drop(s); // crash: never saved

    let mut fresh = Session::open(&path).unwrap();
    assert_eq!(fresh.recovery_available(), Some(recovery.clone()));
    assert_eq!(fresh.restore_recovery().unwrap(), 1);
    assert!(fresh.is_dirty());
    assert_eq!(fresh.report().value(&key), &Value::Number(5.into()));
    assert_eq!(
        fresh.report().cells.get(&key).unwrap().status,
        Status::Corrected
    );
    fresh.save().unwrap();
    assert!(!recovery.exists());

    let declined = Session::open(&path).unwrap();
    assert!(declined.recovery_available().is_none());
    declined.discard_recovery();
}

#[test]
fn memory_sessions_need_save_as() {
    let mut s = session();
    assert!(matches!(s.save(), Err(ReviewError::NoPath)));
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("x.gouji.csv");
    s.save_as(&target).unwrap();
    assert_eq!(s.csv_path(), Some(target.as_path()));
    assert!(target.exists());
}

#[test]
fn equation_texts() {
    let s = session();
    let texts: Vec<String> = s
        .findings()
        .iter()
        .filter_map(|f| equation_text(s.report(), f, true))
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("≠") && t.contains("(差 5)"))
    );
    let en: Vec<String> = s
        .findings()
        .iter()
        .filter_map(|f| equation_text(s.report(), f, false))
        .collect();
    assert!(en.iter().any(|t| t.contains("diff")));
}

#[test]
fn long_equations_drop_zero_terms_and_name_items_with_their_group() {
    let text = BROKEN.replace(
        "（七）总计",
        "（四）无法提供 |\n1.本机关不掌握相关政府信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n（七）总计",
    );
    let s = Session::from_document(Document::from_text(Format::Text, &text));
    let r2 = s
        .findings()
        .iter()
        .find(|f| f.check.id == "R2" && f.cells.iter().all(|k| k.col == "natural"))
        .unwrap();
    let eq = equation_text(s.report(), r2, true).unwrap();
    assert!(eq.contains("（四）1. 1"), "{eq}");
    assert!(eq.contains("另 17 项空"), "{eq}");
}

#[test]
fn cross_year_checks_follow_the_neighbours_and_every_edit() {
    let mut s = session();
    let carried_in = s
        .report()
        .key(TableId::Requests, "carried_in", "total")
        .unwrap();
    let mut last = s.report().clone();
    last.year = Some(2019);
    let out = last.key(TableId::Requests, "carried_out", "total").unwrap();
    last.cells.get_mut(&out).unwrap().value = Value::Number(3.into());
    let s1 = |s: &Session| s.findings().iter().filter(|f| f.check.id == "S1").count();
    assert_eq!(s1(&s), 0);
    s.set_neighbours(vec![last]);
    // Last year left 3 to carry over; this year took in 0.
    assert_eq!(s1(&s), 1);
    s.apply(Edit::SetValue {
        key: carried_in,
        value: Value::Number(3.into()),
    });
    assert_eq!(s1(&s), 0);
}

#[test]
fn check_all_checks_every_cell_not_blank_as_one_step_and_keeps_corrections() {
    let mut s = session();
    let key = s
        .report()
        .key(TableId::Requests, "total", "natural")
        .unwrap();
    assert!(s.apply(Edit::SetValue {
        key,
        value: Value::Number(5.into()),
    }));
    assert!(s.check_all());
    let cells = &s.report().cells;
    assert!(
        cells
            .values()
            .all(|c| c.checked == (c.status != Status::Blank))
    );
    assert_eq!(cells.get(&key).unwrap().status, Status::Corrected);
    assert!(!s.check_all(), "nothing left to check");
    // One undo takes the checks back, not the correction.
    s.undo();
    assert!(s.report().cells.values().all(|c| !c.checked));
    assert_eq!(s.report().value(&key), &Value::Number(5.into()));
    s.redo();
    assert!(s.report().cells.get(&key).unwrap().checked);
}

#[test]
fn a_checked_cell_survives_save_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.txt");
    std::fs::write(&path, BROKEN).unwrap();
    let mut s = Session::open(&path).unwrap();
    s.check_all();
    let csv = s.save().unwrap();
    let again = Session::open(&csv).unwrap();
    assert_eq!(again.report().cells, s.report().cells);
}
