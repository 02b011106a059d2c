//! UI tests for reviewing faster (issue 18): pasting and copying ranges, finishing a report,
//! the marks and the changes view, and the Help window generated from the command registry.
//! egui_kittest, no GPU; the events are those the platform sends (Ctrl+V arrives as a paste
//! event, Ctrl+C as a copy event), and assertions read the app's state and the labels drawn.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use std::path::PathBuf;

use egui::{Event, Key, Modifiers, OutputCommand};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use gouji::app::{
    Command, GRID_KEYS, Lang, Prompt, ReviewApp, SHORTCUTS, ScriptedDialogs, help_lines,
};
use gouji::corpus::QueueStatus;
use gouji::report::Problem;
use gouji::review::{Session, table_rows};
use gouji::template::TableId;
use gouji::{CellKey, Document, Format, Status, Value};

#[path = "support/ui.rs"]
mod ui_support;
use ui_support::{BROKEN, press, select, wait_for_queue, window};

fn harness<'a>(session: Session) -> Harness<'a, ReviewApp> {
    window(session, [1600.0, 1000.0], ScriptedDialogs::default())
}

fn blank_session() -> Session {
    Session::from_document(Document::from_text(Format::Text, ""))
}

fn send(h: &mut Harness<'_, ReviewApp>, event: Event) {
    h.event(event);
    h.run();
}

fn value(h: &Harness<'_, ReviewApp>, key: &CellKey) -> Value {
    h.state().session().report().value(key).clone()
}

fn cell(h: &Harness<'_, ReviewApp>, key: &CellKey) -> gouji::Cell {
    h.state().session().report().cells.get(key).unwrap().clone()
}

/// Table 三's rows of cells.
fn requests(h: &Harness<'_, ReviewApp>) -> Vec<Vec<CellKey>> {
    table_rows(h.state().session().report().form, TableId::Requests)
}

#[test]
fn pasting_a_block_fills_it_and_one_undo_empties_it() {
    let mut h = harness(blank_session());
    let rows = requests(&h);
    select(&mut h, rows[0][0]);

    // What Excel puts on the clipboard: tabs between fields, a line break after each row.
    send(&mut h, Event::Paste("12\t34\t56\n7\t8\t9\n".into()));
    let block = [[12, 34, 56], [7, 8, 9]];
    for (r, line) in block.iter().enumerate() {
        for (c, n) in line.iter().enumerate() {
            assert_eq!(value(&h, &rows[r][c]), Value::Number((*n).into()));
            assert_eq!(cell(&h, &rows[r][c]).status, Status::Corrected);
        }
    }
    assert_eq!(
        value(&h, &rows[0][3]),
        Value::Blank,
        "nothing beyond the block"
    );
    assert_eq!(value(&h, &rows[2][0]), Value::Blank);

    press(&mut h, Modifiers::COMMAND, Key::Z);
    for row in &rows[..2] {
        for key in &row[..3] {
            assert_eq!(value(&h, key), Value::Blank);
        }
    }
    assert!(!h.state().session().can_undo(), "the paste was one edit");
    press(&mut h, Modifiers::COMMAND, Key::Y);
    assert_eq!(value(&h, &rows[1][2]), Value::Number(9.into()));
}

#[test]
fn a_bad_paste_changes_nothing_and_names_the_cell() {
    let mut h = harness(blank_session());
    let rows = requests(&h);
    select(&mut h, rows[0][0]);

    // One value that is no count: nothing is pasted, and the cell is named in the form's words.
    send(&mut h, Event::Paste("1\t2\n3\t-4".into()));
    assert_eq!(value(&h, &rows[0][0]), Value::Blank);
    let message = h.state().message().unwrap().to_owned();
    assert!(
        message.contains("二、上年结转政府信息公开申请数量"),
        "{message}"
    );
    assert!(
        message.contains("商业企业") && message.contains("件数不能为负"),
        "{message}"
    );
    assert!(!h.state().session().can_undo());

    // A block past the right edge of the table is refused.
    let last = *rows[0].last().unwrap();
    select(&mut h, last);
    send(&mut h, Event::Paste("1\t2".into()));
    assert_eq!(value(&h, &last), Value::Blank);
    assert!(h.state().message().unwrap().contains("超出表格边界"));

    // An empty field blanks its cell: blank is not zero.
    select(&mut h, rows[0][0]);
    send(&mut h, Event::Paste("5\t6".into()));
    send(&mut h, Event::Paste("\t0".into()));
    assert_eq!(value(&h, &rows[0][0]), Value::Blank);
    assert_eq!(value(&h, &rows[0][1]), Value::Number(0.into()));
}

#[test]
fn shift_arrows_select_a_rectangle_that_copies_as_tab_separated_text() {
    let mut h = harness(blank_session());
    let rows = requests(&h);
    select(&mut h, rows[0][0]);
    send(&mut h, Event::Paste("12\t34\t56\n7\t\t9".into()));

    press(&mut h, Modifiers::SHIFT, Key::ArrowRight);
    press(&mut h, Modifiers::SHIFT, Key::ArrowRight);
    press(&mut h, Modifiers::SHIFT, Key::ArrowDown);
    let selected = h.state().selected_cells();
    assert_eq!(selected.len(), 6, "{selected:?}");
    // The copy happens in the frame that reads the event: look at that frame's output.
    h.event(Event::Copy);
    h.step();
    let copied: Vec<&String> = h
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            OutputCommand::CopyText(text) => Some(text),
            _ => None,
        })
        .collect();
    assert_eq!(copied, [&"12\t34\t56\n7\t\t9".to_owned()]);
    h.run();
    assert!(h.state().message().unwrap().contains("已复制 2 × 3"));

    // F6 checks the whole selection, and again clears it; the values stay.
    press(&mut h, Modifiers::NONE, Key::F6);
    assert!(selected.iter().all(|k| cell(&h, k).checked));
    assert_eq!(cell(&h, &rows[0][0]).status, Status::Corrected);
    press(&mut h, Modifiers::NONE, Key::F6);
    assert!(selected.iter().all(|k| !cell(&h, k).checked));

    // A plain arrow ends the rectangle; Shift+click makes one again, from the selected cell.
    press(&mut h, Modifiers::NONE, Key::ArrowDown);
    assert_eq!(h.state().selected_cells().len(), 1);
    let from = h.state().selected_cell().unwrap();
    let label = gouji::app::cell_label(h.state().session(), None, &rows[0][0]);
    h.get_by_label(&label).click_modifiers(Modifiers::SHIFT);
    h.run();
    assert_eq!(h.state().selected_cell(), Some(rows[0][0]));
    let selected = h.state().selected_cells();
    assert!(
        selected.contains(&from) && selected.len() == 9,
        "{selected:?}"
    );
}

#[test]
fn typed_digit_groups_must_be_thousands() {
    let mut h = harness(blank_session());
    let rows = requests(&h);
    select(&mut h, rows[0][0]);
    send(&mut h, Event::Text("6,93,665".into()));
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(h.state().invalid(), Some(Problem::IrregularGrouping));
    assert_eq!(value(&h, &rows[0][0]), Value::Blank, "never read as 693665");
    assert!(h.state().message().unwrap().contains("每三位一分"));
    press(&mut h, Modifiers::NONE, Key::Escape);
    send(&mut h, Event::Text("1,234".into()));
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(value(&h, &rows[0][0]), Value::Number(1234.into()));
}

fn folder_with_broken_report() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("测试报告.txt");
    std::fs::write(&path, BROKEN).unwrap();
    (dir, path)
}

#[test]
fn finishing_a_corrected_report_marks_it_reviewed_in_the_queue() {
    let (dir, path) = folder_with_broken_report();
    let mut h = harness(Session::open(&path).unwrap());
    h.state_mut()
        .push(Command::OpenFolderPath(dir.path().to_path_buf()));
    h.run();
    wait_for_queue(&mut h);
    let status = |h: &Harness<'_, ReviewApp>| h.state().queue().unwrap().rows()[0].status;
    assert!(matches!(status(&h), QueueStatus::Broken(_)));

    // While a rule is broken, finishing asks first and says how many remain; Cancel stays.
    press(&mut h, Modifiers::COMMAND, Key::Enter);
    let Some(Prompt::Finish { broken, ambiguous }) = h.state().prompt().cloned() else {
        panic!("no question: {:?}", h.state().prompt());
    };
    assert!(broken >= 1 && ambiguous == 0);
    let _ = h.get_by_label_contains(&format!("还有 {broken} 条勾稽不平"));
    h.get_by_label("取消").click();
    h.run();
    assert!(h.state().prompt().is_none());
    assert!(
        h.state()
            .session()
            .report()
            .cells
            .values()
            .all(|c| !c.checked)
    );

    // F8 then F9 repairs the total: a corrected cell.
    press(&mut h, Modifiers::NONE, Key::F8);
    press(&mut h, Modifiers::NONE, Key::F9);
    let total = h
        .state()
        .session()
        .report()
        .key(TableId::Requests, "total", "natural")
        .unwrap();
    assert_eq!(cell(&h, &total).status, Status::Corrected);
    assert_eq!(h.state().session().counts().broken, 0);

    // The button finishes: every cell not blank is checked, the review saved, the queue says
    // 已复核, and the corrected cell is still corrected.
    h.get_by_label("完成复核并保存 (Ctrl+Enter)").click();
    h.run();
    assert!(h.state().prompt().is_none(), "{:?}", h.state().prompt());
    assert!(!h.state().session().is_dirty());
    assert_eq!(status(&h), QueueStatus::Reviewed);
    // 已复核 is no longer 未复核: that filter hides it.
    h.get_by_label("未复核").click();
    h.run();
    assert!(h.state().queue().unwrap().visible().is_empty());
    let total_cell = cell(&h, &total);
    assert_eq!(
        (total_cell.status, total_cell.checked),
        (Status::Corrected, true)
    );
    let csv = gouji::export::review_csv_path(&path);
    let saved = gouji::export::read_review_csv(std::fs::File::open(&csv).unwrap()).unwrap();
    assert_eq!(saved.cells.get(&total).unwrap().status, Status::Corrected);
    assert!(saved.cells.get(&total).unwrap().checked);

    // One undo takes back every check (not the repair).
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(
        h.state()
            .session()
            .report()
            .cells
            .values()
            .all(|c| !c.checked)
    );
    assert_eq!(cell(&h, &total).status, Status::Corrected);
}

#[test]
fn the_changes_view_lists_a_repair_and_selects_its_cell() {
    let (_dir, path) = folder_with_broken_report();
    let mut h = harness(Session::open(&path).unwrap());
    press(&mut h, Modifiers::NONE, Key::F8);
    press(&mut h, Modifiers::NONE, Key::F9);
    let total = h.state().selected_cell().unwrap();
    h.state_mut()
        .push(Command::Edit(gouji::review::Edit::SetNote {
            key: total,
            note: "按明细合计更正".into(),
        }));
    h.run();
    let other = requests(&h)[0][0];
    select(&mut h, other);

    // View ▸ 修改清单 opens the list.
    h.get_by_label("查看").click();
    h.run();
    h.get_by_label("\u{3000}修改清单 F4").click();
    h.run();
    assert!(h.state().changes_shown());
    let line = "三 · （七）总计 · 自然人: 0 → 5 · 按明细合计更正";
    h.get_by_label(line).click();
    h.run();
    assert_eq!(h.state().selected_cell(), Some(total));
    // F4 closes it.
    press(&mut h, Modifiers::NONE, Key::F4);
    assert!(!h.state().changes_shown());
}

#[test]
fn help_lists_every_key_of_the_registry_and_every_mark() {
    let mut h = harness(blank_session());
    press(&mut h, Modifiers::NONE, Key::F1);
    assert!(h.state().help_shown());
    let ctx = h.ctx.clone();
    let format = |s: &egui::KeyboardShortcut| ctx.format_shortcut(s);
    let lines = help_lines(Lang::Zh, &format);
    for line in &lines {
        let _ = h.get_by_label(line);
    }
    // Every entry of the registry is in the help, with its words.
    for (command, shortcut) in &SHORTCUTS {
        let keys = format(shortcut);
        assert!(
            lines
                .iter()
                .any(|l| l.contains(&keys) && l.contains(command.text(Lang::Zh))),
            "{command:?} {keys} missing from the help"
        );
    }
    for key in &GRID_KEYS {
        assert!(
            lines
                .iter()
                .any(|l| l.contains(key.keys) && l.contains(key.zh))
        );
    }
    for needed in [
        "F2",
        "Enter",
        "Tab",
        "Esc",
        "Delete",
        "Ctrl+C",
        "Ctrl+V",
        "Ctrl+Enter",
        "F1",
        "F7",
        "Ctrl+F",
        // The reading chooser: Enter opens it, 1–9 or the arrows and Enter pick.
        "Enter — 选择读法…",
        "1–9 — 读法选择框中",
        "↑ ↓, Enter — 读法选择框中",
    ] {
        assert!(lines.iter().any(|l| l.contains(needed)), "{needed}");
    }
    // What every colour and mark means, in the Help window; a word of each in the legend.
    for text in [
        "右上绿角：审核人员改过的值",
        "右上蓝角：审核人员从原文的几种读法中选定（原文有歧义，不是更正）",
        "底边青色横条：审核人员已核（F6 或完成复核），与是否更正无关",
        "左上橙角：有备注",
        "红色：所在勾稽关系不成立（不平）",
    ] {
        let _ = h.get_by_label(text);
    }
    for text in ["已更正", "已选读法", "已核", "有备注", "首要嫌疑"] {
        let _ = h.get_by_label(text);
    }
    press(&mut h, Modifiers::NONE, Key::F1);
    assert!(!h.state().help_shown());

    // The Help menu opens it too.
    h.get_by_label("帮助").click();
    h.run();
    h.get_by_label("\u{3000}快捷键与标记说明 F1").click();
    h.run();
    assert!(h.state().help_shown());
}

#[test]
fn zoom_from_the_keyboard_and_the_view_menu() {
    let mut h = harness(blank_session());
    press(&mut h, Modifiers::COMMAND, Key::Plus);
    let zoomed = h.ctx.zoom_factor();
    assert!(zoomed > 1.0, "{zoomed}");
    press(&mut h, Modifiers::COMMAND, Key::Num0);
    assert_eq!(h.ctx.zoom_factor(), 1.0);
    h.get_by_label("查看").click();
    h.run();
    h.get_by_label_contains("缩小").click();
    h.run();
    assert!(h.ctx.zoom_factor() < 1.0);
}
