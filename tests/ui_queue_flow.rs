//! UI tests for working through a folder (issue 18): F7 goes past a report that cannot be
//! opened, a file's failure is told in the window's language (whole, in the row's tooltip),
//! and the queue pane shows at least 15 reports on a 1920×1080 screen and can be resized.
//! egui_kittest, no GPU; keys arrive as the platform sends them.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use std::path::Path;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use gouji::app::{Command, ReviewApp, ScriptedDialogs};
use gouji::corpus::QueueStatus;
use gouji::review::Session;

#[path = "support/ui.rs"]
mod ui_support;
use ui_support::{BROKEN, press, wait_for_queue, window};

/// The first English phrase in `text`, if any: three ASCII words of two letters or more in a
/// row (a file name or a format name alone is not a sentence).
fn english_sentence(text: &str) -> Option<String> {
    let word = |w: &str| {
        let w = w.trim_end_matches([',', '.', ':', ';', ')']);
        w.len() >= 2 && w.chars().all(|c| c.is_ascii_alphabetic() || c == '\'')
    };
    let tokens: Vec<&str> = text.split_whitespace().collect();
    tokens
        .windows(3)
        .find(|w| w.iter().all(|t| word(t)))
        .map(|w| w.join(" "))
}

fn open_folder(h: &mut Harness<'_, ReviewApp>, folder: &Path) {
    h.state_mut()
        .push(Command::OpenFolderPath(folder.to_path_buf()));
    h.run();
    wait_for_queue(h);
}

#[test]
fn english_sentences_are_told_from_names() {
    assert_eq!(
        english_sentence("not a text report: binary data"),
        Some("text report: binary".into())
    );
    assert_eq!(
        english_sentence("已打开 /tmp/.tmpAb/3 丙.txt · PDF 文件"),
        None
    );
}

#[test]
fn f7_goes_past_a_report_that_cannot_be_opened_and_says_why_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("1 甲.txt");
    std::fs::write(&first, BROKEN).unwrap();
    // Binary data named like a report: it cannot be read.
    std::fs::write(
        dir.path().join("2 乙.txt"),
        b"\x00\x01\x02PNG\x00\x00binary",
    )
    .unwrap();
    let third = dir.path().join("3 丙.txt");
    std::fs::write(&third, BROKEN.replace("测试市", "丙市")).unwrap();

    let mut h = window(
        Session::open(&first).unwrap(),
        [1600.0, 1000.0],
        ScriptedDialogs::default(),
    );
    open_folder(&mut h, dir.path());
    let queue = h.state().queue().unwrap();
    let bad = queue.rows().iter().find(|r| r.name == "2 乙.txt").unwrap();
    assert_eq!(bad.status, QueueStatus::Unreadable);

    // One F7: the unreadable report is passed over and the next one opens.
    press(&mut h, Modifiers::NONE, Key::F7);
    assert!(
        h.state().session().report().agency.starts_with("丙市"),
        "{:?} · {:?}",
        h.state().session().report().agency,
        h.state().message()
    );
    let message = h.state().message().unwrap().to_owned();
    assert!(
        message.contains("已跳过无法读取的报告：2 乙.txt"),
        "{message}"
    );
    assert_eq!(english_sentence(&message), None, "{message}");

    // The row's tooltip gives the reason whole, in Chinese.
    h.get_by_label("2 乙.txt").hover();
    h.run();
    let _ = h.get_by_label_contains("无法读取：不是文本报告：文件含二进制数据");
    assert!(h.query_by_label_contains("binary").is_none());

    // Opening it directly says why, in Chinese too.
    h.state_mut()
        .push(Command::OpenPath(dir.path().join("2 乙.txt")));
    h.run();
    let message = h.state().message().unwrap().to_owned();
    assert!(message.contains("不是文本报告"), "{message}");
    assert_eq!(english_sentence(&message), None, "{message}");
}

#[test]
fn an_empty_file_and_a_missing_one_are_told_in_chinese_and_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("空.txt");
    std::fs::write(&empty, b"").unwrap();
    let mut h = window(
        ReviewApp::sample_session(),
        [1600.0, 1000.0],
        ScriptedDialogs::default(),
    );
    for (path, zh) in [
        (empty.clone(), "文件是空的"),
        (dir.path().join("没有.txt"), "找不到这个文件"),
    ] {
        h.state_mut().push(Command::OpenPath(path));
        h.run();
        let message = h.state().message().unwrap().to_owned();
        assert!(message.contains(zh), "{message}");
        assert_eq!(english_sentence(&message), None, "{message}");
    }
    h.get_by_label("English / 中文").click();
    h.run();
    h.state_mut().push(Command::OpenPath(empty));
    h.run();
    assert!(h.state().message().unwrap().contains("the file is empty"));
}

#[test]
fn the_queue_shows_fifteen_reports_on_a_1080_line_screen() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..24 {
        let text = BROKEN.replace("测试市", &format!("第{i}市"));
        std::fs::write(dir.path().join(format!("r{i:02}.txt")), text).unwrap();
    }
    let mut h = window(
        ReviewApp::sample_session(),
        [1920.0, 1080.0],
        ScriptedDialogs::default(),
    );
    open_folder(&mut h, dir.path());
    let bottom = 1080.0;
    let shown = (0..24)
        .filter(|i| {
            // The row of the queue spans the pane (the status bar names the open file too).
            h.query_all_by_label(&format!("r{i:02}.txt")).any(|row| {
                let rect = row.rect();
                rect.width() > 1000.0 && rect.height() > 0.0 && rect.bottom() <= bottom - 20.0
            })
        })
        .count();
    assert!(shown >= 15, "only {shown} rows of the queue on screen");
}

#[test]
fn dragging_the_queue_panes_top_edge_makes_it_taller() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..30 {
        let text = BROKEN.replace("测试市", &format!("第{i}市"));
        std::fs::write(dir.path().join(format!("r{i:02}.txt")), text).unwrap();
    }
    let mut h = window(
        ReviewApp::sample_session(),
        [1366.0, 768.0],
        ScriptedDialogs::default(),
    );
    open_folder(&mut h, dir.path());
    let first_row = |h: &Harness<'_, ReviewApp>| {
        h.query_all_by_label("r00.txt")
            .map(|n| n.rect())
            .find(|r| r.width() > 500.0)
            .unwrap()
    };
    let shown = |h: &Harness<'_, ReviewApp>| {
        (0..30)
            .filter(|i| {
                h.query_all_by_label(&format!("r{i:02}.txt"))
                    .any(|n| n.rect().width() > 500.0)
            })
            .count()
    };
    let before = (first_row(&h), shown(&h));
    // The pane's top edge: just above its collapse button.
    let edge = h.get_by_label("↓").rect().top() - 6.0;
    let x = 700.0;
    h.event(egui::Event::PointerMoved(egui::pos2(x, edge)));
    h.step();
    h.event(egui::Event::PointerButton {
        pos: egui::pos2(x, edge),
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.step();
    for dy in [20.0, 60.0, 120.0] {
        h.event(egui::Event::PointerMoved(egui::pos2(x, edge - dy)));
        h.step();
    }
    h.event(egui::Event::PointerButton {
        pos: egui::pos2(x, edge - 120.0),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
    let after = (first_row(&h), shown(&h));
    assert!(
        after.0.top() < before.0.top() - 80.0 && after.1 > before.1,
        "{before:?} → {after:?}"
    );
}
