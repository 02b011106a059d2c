//! File ▸ Export findings… in the window (issue 19): the open report's findings list, with a
//! correction not yet saved shown as the reviewer's, and the lists of a whole folder's
//! queue. egui_kittest, no GPU; assertions read the files written and the status message.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use std::path::Path;

use calamine::{Data, Reader as _};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use gouji::Value;
use gouji::app::ScriptedDialogs;
use gouji::export::{FindingsFormat, findings_path};
use gouji::review::Session;
use gouji::template::TableId;

#[path = "support/ui.rs"]
mod ui_support;
use ui_support::{BROKEN, key, press, select, type_text, wait_for_queue, window};

/// The rows of a findings list workbook, as text, headers skipped.
fn list(path: &Path) -> Vec<Vec<String>> {
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    range
        .rows()
        .skip(2)
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Float(f) => format!("{f}"),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn export_findings_writes_the_open_reports_list_with_unsaved_edits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.txt");
    std::fs::write(&path, BROKEN).unwrap();
    let mut h = window(
        Session::open(&path).unwrap(),
        [1600.0, 1000.0],
        ScriptedDialogs::default(),
    );
    // The broken total corrected, not saved.
    let total = key(h.state(), TableId::Requests, "total", "natural");
    select(&mut h, total);
    type_text(&mut h, "5");
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(h.state().session().is_dirty());
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("导出问题清单…").click();
    h.run();
    let written = findings_path(&path, FindingsFormat::Xlsx);
    let rows = list(&written);
    let r1 = rows.iter().find(|r| r[3] == "R1").unwrap();
    assert!(r1.iter().any(|c| c == "（七）总计 · 自然人 = 5"), "{r1:?}");
    assert!(
        r1.iter().any(|c| c == "（七）总计 · 自然人: 0 → 5"),
        "{r1:?}"
    );
    assert!(h.state().message().unwrap().contains("1 份问题清单"));
    // The list is written beside the report; the review itself stays unsaved.
    assert!(h.state().session().is_dirty());
    assert_eq!(
        h.state().session().report().value(&total),
        &Value::Number(5.into())
    );
}

#[test]
fn export_findings_of_a_queue_writes_one_list_per_report() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), BROKEN).unwrap();
    std::fs::write(dir.path().join("b.txt"), BROKEN.replace("测试市", "另一市")).unwrap();
    let mut h = window(
        Session::from_document(gouji::Document::from_text(gouji::Format::Text, "")),
        [1600.0, 1000.0],
        ScriptedDialogs {
            folder: Some(dir.path().to_path_buf()),
            ..ScriptedDialogs::default()
        },
    );
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("打开文件夹… Ctrl+Shift+O").click();
    h.run();
    wait_for_queue(&mut h);
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("导出问题清单…").click();
    h.run();
    for name in ["a.txt", "b.txt"] {
        let written = findings_path(&dir.path().join(name), FindingsFormat::Xlsx);
        assert!(list(&written).iter().any(|r| r[3] == "R1"), "{name}");
    }
    assert!(h.state().message().unwrap().contains("2 份问题清单"));
}
