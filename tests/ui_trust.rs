//! UI tests for the window's trust (issue 14): a typed value is never lost, a number is drawn in
//! full, a click does not move the grid, table 三 fits a laptop screen with frozen labels, each
//! report opens at its own place, F2 editing keeps the arrows, and no action silently does
//! nothing. egui_kittest, no GPU; assertions read the app's state, the accessibility tree and the
//! shapes painted in the last frame.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui::{Key, Modifiers, Rect, ViewportEvent, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable as _, by};
use gouji::app::{After, Command, Prompt, ReviewApp, SaveState, ScriptedDialogs, cell_label};
use gouji::review::{Edit, Session};
use gouji::template::TableId;
use gouji::{CellKey, Value};

#[path = "support/ui.rs"]
mod ui_support;
use ui_support::{key, press, select, type_text, value, window as harness};

/// 总计 自然人 is printed as 0 while 一 + 二 and the outcome rows give 5.
const BROKEN: &str = "测试市公安局2020年政府信息公开工作年度报告\n\
    三、收到和处理政府信息公开申请情况\n\
    一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n\
    二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
    （一）予以公开 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n\
    （七）总计 | 0 | 0 | 0 | 0 | 0 | 0 | 5 |\n\
    四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
    四、行政复议、行政诉讼情况\n\
    行政复议 | 0 | 0 | 0 | 0 | 0 |\n";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The cell's node in the accessibility tree (only cells on screen have one).
fn cell_rect(h: &Harness<'_, ReviewApp>, key: &CellKey) -> Option<Rect> {
    let editing = h.state().editing();
    let label = cell_label(h.state().session(), editing, key);
    h.query_by_label(&label).map(|n| n.rect())
}

fn click_cell(h: &mut Harness<'_, ReviewApp>, key: &CellKey) {
    let editing = h.state().editing();
    let label = cell_label(h.state().session(), editing, key);
    h.get_by_label(&label).click();
    h.run();
}

#[test]
fn a_typed_value_survives_click_away_f8_ctrl_s_and_quit() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "测试报告.txt", BROKEN);
    let mut h = harness(
        Session::open(&path).unwrap(),
        [1600.0, 1000.0],
        ScriptedDialogs::default(),
    );
    let app = h.state();
    let (a, b, c, d) = (
        key(app, TableId::Requests, "received", "business"),
        key(app, TableId::Requests, "received", "research"),
        key(app, TableId::Requests, "carried_in", "natural"),
        key(app, TableId::Requests, "carried_in", "business"),
    );
    assert_eq!(h.state().save_state(), SaveState::NeverSaved);
    let _ = h.get_by_label("未保存");

    // Type 88, click another cell: the 88 is taken.
    select(&mut h, a);
    type_text(&mut h, "88");
    assert!(h.state().title().contains('*'), "typing shows as unsaved");
    click_cell(&mut h, &b);
    assert_eq!(value(h.state(), &a), Value::Number(88.into()));
    assert_eq!(h.state().selected_cell(), Some(b));

    // Type 44, press F8: the 44 is taken, then the finding is selected.
    type_text(&mut h, "44");
    press(&mut h, Modifiers::NONE, Key::F8);
    assert_eq!(value(h.state(), &b), Value::Number(44.into()));
    assert!(h.state().selected_finding().is_some());

    // Type 7 without Enter, Ctrl+S: the CSV holds the 7, and the title and status agree.
    select(&mut h, c);
    type_text(&mut h, "7");
    press(&mut h, Modifiers::COMMAND, Key::S);
    let csv = gouji::export::review_csv_path(&path);
    let saved = gouji::export::read_review_csv(std::fs::File::open(&csv).unwrap()).unwrap();
    assert_eq!(saved.cells.get(&c).unwrap().value, Value::Number(7.into()));
    assert_eq!(saved.cells.get(&a).unwrap().value, Value::Number(88.into()));
    assert!(!h.state().title().contains('*'));
    assert_eq!(h.state().save_state(), SaveState::Saved);
    let _ = h.get_by_label("已保存");

    // Type 9, Ctrl+Q: the 9 is taken, so quitting asks.
    select(&mut h, d);
    type_text(&mut h, "9");
    press(&mut h, Modifiers::COMMAND, Key::Q);
    assert_eq!(value(h.state(), &d), Value::Number(9.into()));
    assert_eq!(h.state().prompt(), Some(&Prompt::Unsaved(After::Quit)));
    h.get_by_label("取消").click();
    h.run();

    // An invalid value is never dropped silently: F8 does nothing but say why, closing asks.
    type_text(&mut h, "-3");
    press(&mut h, Modifiers::NONE, Key::F8);
    assert_eq!(h.state().editing(), Some((d, "-3")));
    assert_eq!(h.state().selected_cell(), Some(d));
    assert!(h.state().message().unwrap().contains("件数不能为负"));
    h.input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    h.run();
    assert_eq!(h.state().prompt(), Some(&Prompt::Invalid(After::Quit)));
    assert!(!h.state().closing());
    h.get_by_label("放弃输入").click();
    h.run();
    assert_eq!(h.state().editing(), None);
    assert_eq!(h.state().prompt(), Some(&Prompt::Unsaved(After::Quit)));
    h.get_by_label("不保存").click();
    h.run();
    assert!(h.state().closing());
}

#[test]
fn typing_commits_when_the_window_loses_focus() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "测试报告.txt", BROKEN);
    let mut h = harness(
        Session::open(&path).unwrap(),
        [1600.0, 1000.0],
        ScriptedDialogs::default(),
    );
    let a = key(h.state(), TableId::Requests, "received", "business");
    select(&mut h, a);
    type_text(&mut h, "12");
    h.input_mut().focused = false;
    h.run();
    assert_eq!(value(h.state(), &a), Value::Number(12.into()));
    assert_eq!(h.state().editing(), None);
}

/// The shapes of the last frame that draw exactly `text`, with their clip rectangles.
fn painted(h: &Harness<'_, ReviewApp>, text: &str) -> Vec<(Rect, Rect)> {
    h.output()
        .shapes
        .iter()
        .filter_map(|clipped| match &clipped.shape {
            egui::Shape::Text(t) if t.galley.text() == text => {
                Some((clipped.shape.visual_bounding_rect(), clipped.clip_rect))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn numbers_are_drawn_in_full() {
    let dir = tempfile::tempdir().unwrap();
    let sample = gouji::app::SAMPLE_REPORT.replace("| 6 | 1250000 |", "| 6 | 22795343.43 |");
    let path = write(dir.path(), "采购.txt", &sample);
    let mut h = harness(
        Session::open(&path).unwrap(),
        [1600.0, 1000.0],
        ScriptedDialogs::default(),
    );
    let amount = key(h.state(), TableId::Proactive, "procurement", "amount");
    assert_eq!(value(h.state(), &amount).to_string(), "22795343.43");
    // A 12-digit count typed over a cell, committed with Enter.
    let count = key(h.state(), TableId::Requests, "total", "natural");
    select(&mut h, count);
    type_text(&mut h, "123456789012");
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(value(h.state(), &count).to_string(), "123456789012");
    // An amount with six decimals, set as an edit.
    let money = h
        .state()
        .session()
        .parse_input(&amount, "24252.311082")
        .unwrap();
    h.state_mut().push(Command::Edit(Edit::SetValue {
        key: amount,
        value: money,
    }));
    h.run();

    for (key, text) in [(count, "123456789012"), (amount, "24252.311082")] {
        select(&mut h, key);
        let cell = cell_rect(&h, &key).unwrap_or_else(|| panic!("{key} is on screen"));
        let shapes = painted(&h, text);
        assert!(!shapes.is_empty(), "{text} is painted");
        for (shape, clip) in shapes {
            assert!(
                clip.contains_rect(shape),
                "{text}: painted {shape:?} is cut by {clip:?}"
            );
            assert!(
                cell.expand(1.0).contains_rect(clip),
                "{text}: clip {clip:?} outside {cell:?}"
            );
        }
        let label = cell_label(h.state().session(), None, &key);
        assert!(label.ends_with(&format!("= {text}")), "{label}");
    }
}

#[test]
fn an_absurd_value_is_marked_not_silently_cut() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "测试报告.txt", BROKEN);
    let mut h = harness(
        Session::open(&path).unwrap(),
        [1600.0, 1000.0],
        ScriptedDialogs::default(),
    );
    // Text kept as written (not a number) can be wider than any column may be.
    let cell = key(h.state(), TableId::Requests, "total", "natural");
    let text = "见附件：2020年度申请办理情况明细表（共三页，另行公开）";
    h.state_mut().push(Command::Edit(Edit::SetValue {
        key: cell,
        value: Value::Text(text.into()),
    }));
    h.run();
    assert!(!painted(&h, "…").is_empty(), "the cut is marked");
    let label = cell_label(h.state().session(), None, &cell);
    assert!(label.ends_with(text));
    let _ = h.get_by_label(&label);
}

#[test]
fn a_click_on_a_scrolled_grid_leaves_it_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "测试报告.txt", BROKEN);
    let mut h = harness(
        Session::open(&path).unwrap(),
        [1366.0, 768.0],
        ScriptedDialogs::default(),
    );
    // Scroll down to table 四.
    let last = key(h.state(), TableId::Appeals, "suit_after_review", "total");
    select(&mut h, last);
    let offset = h.state().grid_offset();
    assert!(offset.y > 100.0, "scrolled: {offset:?}");
    // The topmost cell fully in view, and one in the middle: clicking either moves nothing.
    let body = h.state().grid_body();
    let mut on_screen: Vec<(CellKey, Rect)> = gouji::app::grid_rows(h.state().session())
        .into_iter()
        .flatten()
        .filter_map(|k| Some((k, cell_rect(&h, &k)?)))
        .filter(|(_, r)| body.contains_rect(*r))
        .collect();
    on_screen.sort_by(|a, b| a.1.top().total_cmp(&b.1.top()));
    assert!(on_screen.len() > 10);
    for (target, rect) in [on_screen[0], on_screen[on_screen.len() / 2]] {
        click_cell(&mut h, &target);
        assert_eq!(h.state().selected_cell(), Some(target));
        assert_eq!(h.state().grid_offset(), offset, "a click does not scroll");
        assert_eq!(cell_rect(&h, &target), Some(rect));
    }
    // A keyboard move scrolls only as far as needed: the row below is in view already.
    press(&mut h, Modifiers::NONE, Key::ArrowDown);
    assert_eq!(h.state().grid_offset(), offset);
}

#[test]
fn table_three_fits_a_laptop_screen_with_frozen_labels_and_headers() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "测试报告.txt", BROKEN);
    let mut h = harness(
        Session::open(&path).unwrap(),
        [1366.0, 768.0],
        ScriptedDialogs::default(),
    );
    let app = h.state();
    let columns = [
        "natural",
        "business",
        "research",
        "nonprofit",
        "legal",
        "other",
        "total",
    ];
    let row = key(app, TableId::Requests, "carried_out", "natural");
    select(&mut h, row);
    let body = h.state().grid_body();
    for col in columns {
        let k = key(h.state(), TableId::Requests, "carried_out", col);
        let rect = cell_rect(&h, &k).unwrap_or_else(|| panic!("{k} is drawn"));
        assert!(body.contains_rect(rect), "{k} {rect:?} is within {body:?}");
    }
    for label in [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ] {
        let header = h
            .query_all(by().label(label).role(Role::ColumnHeader))
            .map(|n| n.rect())
            .find(|r| r.left() >= body.left() - 1.0 && r.right() <= body.right() + 1.0);
        assert!(header.is_some(), "header {label} is within the grid");
    }

    // On a narrow window the grid scrolls sideways: row labels and headers stay.
    h.set_size(egui::vec2(900.0, 600.0));
    h.run();
    let total = key(h.state(), TableId::Requests, "carried_out", "total");
    select(&mut h, total);
    let offset = h.state().grid_offset();
    assert!(
        offset.x > 0.0 && offset.y > 0.0,
        "scrolled both ways: {offset:?}"
    );
    let body = h.state().grid_body();
    let label = h.get_by_label("四、结转下年度继续办理").rect();
    assert!(
        label.right() <= body.left() + 1.0 && label.left() >= 0.0,
        "{label:?}"
    );
    let header = h
        .query_all(by().label("总计").role(Role::ColumnHeader))
        .map(|n| n.rect())
        .find(|r| r.bottom() <= body.top() + 1.0);
    assert!(header.is_some(), "the header sticks above the rows");
}

#[test]
fn each_report_opens_at_its_own_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "测试报告.txt", BROKEN);
    let clean = write(
        dir.path(),
        "clean.txt",
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cli/row_per_line_2021.txt"),
        )
        .unwrap(),
    );
    let mut h = harness(
        Session::open(&path).unwrap(),
        [1366.0, 768.0],
        ScriptedDialogs::default(),
    );
    let last = key(h.state(), TableId::Appeals, "suit_after_review", "total");
    select(&mut h, last);
    assert!(h.state().grid_offset().y > 100.0);
    h.state_mut().push(Command::OpenPath(clean));
    h.run();
    assert_eq!(h.state().session().report().file, "clean.txt");
    let first = h.state().session().findings().first().map(|f| f.cells[0]);
    match first {
        Some(k) => {
            let rect = cell_rect(&h, &k).expect("the first finding is in view");
            assert!(h.state().grid_body().contains_rect(rect));
        }
        None => assert_eq!(h.state().grid_offset(), egui::Vec2::ZERO),
    }
}

#[test]
fn arrows_commit_after_typing_and_move_the_caret_after_f2() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "测试报告.txt", BROKEN);
    let mut h = harness(
        Session::open(&path).unwrap(),
        [1600.0, 1000.0],
        ScriptedDialogs::default(),
    );
    let a = key(h.state(), TableId::Requests, "received", "natural");
    select(&mut h, a);
    type_text(&mut h, "12");
    press(&mut h, Modifiers::NONE, Key::ArrowRight);
    assert_eq!(value(h.state(), &a), Value::Number(12.into()));
    assert_eq!(h.state().selected_cell().unwrap().col, "business");
    // F2 edits in place: the arrows move the caret.
    select(&mut h, a);
    press(&mut h, Modifiers::NONE, Key::F2);
    press(&mut h, Modifiers::NONE, Key::ArrowLeft);
    type_text(&mut h, "3");
    assert_eq!(h.state().editing(), Some((a, "132")));
    press(&mut h, Modifiers::NONE, Key::ArrowDown);
    assert_eq!(h.state().selected_cell(), Some(a), "still editing");
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(value(h.state(), &a), Value::Number(132.into()));
}

#[test]
fn without_a_file_dialog_the_window_asks_for_the_path_itself() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "测试报告.txt", BROKEN);
    // The bundled sample has no file: saving asks where, in the window.
    let mut h = harness(
        ReviewApp::sample_session(),
        [1366.0, 768.0],
        ScriptedDialogs::default(),
    );
    press(&mut h, Modifiers::NONE, Key::F8);
    press(&mut h, Modifiers::NONE, Key::F9);
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(matches!(h.state().prompt(), Some(Prompt::Path(_))));
    assert!(h.state().message().unwrap().contains("zenity"));
    let target = dir.path().join("示例.gouji.csv");
    press(&mut h, Modifiers::COMMAND, Key::A);
    type_text(&mut h, &target.display().to_string());
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(h.state().prompt().is_none());
    assert!(target.exists());
    assert_eq!(h.state().session().csv_path(), Some(target.as_path()));

    // Open: the path field completes the folder's entries with Tab.
    press(&mut h, Modifiers::COMMAND, Key::O);
    assert!(matches!(h.state().prompt(), Some(Prompt::Path(_))));
    press(&mut h, Modifiers::COMMAND, Key::A);
    type_text(&mut h, &format!("{}/测试", dir.path().display()));
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert!(
        h.query_all_by_value(&path.display().to_string())
            .next()
            .is_some(),
        "Tab completed the name"
    );
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(h.state().session().report().file, "测试报告.txt");
}

#[test]
fn side_panes_collapse_with_ctrl_1_2_3() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "测试报告.txt", BROKEN);
    let mut h = harness(
        Session::open(&path).unwrap(),
        [1366.0, 768.0],
        ScriptedDialogs::default(),
    );
    let wide = h.state().grid_body().width();
    assert!(h.query_by_label("查找").is_some());
    press(&mut h, Modifiers::COMMAND, Key::Num1);
    assert!(h.state().prefs().collapsed.raw);
    assert!(h.query_by_label("查找").is_none());
    press(&mut h, Modifiers::COMMAND, Key::Num2);
    assert!(h.state().prefs().collapsed.findings);
    assert!(h.state().grid_body().width() > wide + 300.0);
    press(&mut h, Modifiers::COMMAND, Key::Num1);
    press(&mut h, Modifiers::COMMAND, Key::Num2);
    assert!(h.query_by_label("查找").is_some());
    assert!(
        (h.state().grid_body().width() - wide).abs() < 1.0,
        "widths are kept"
    );
    // Ctrl+3 collapses a folder's queue (remembered even before a folder is open).
    press(&mut h, Modifiers::COMMAND, Key::Num3);
    assert!(h.state().prefs().collapsed.queue);
}

#[test]
fn the_report_text_scrolls_sideways_to_the_source() {
    // A flattened report: everything on one line.
    let flat = BROKEN.replace('\n', " ");
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "一行.txt", &flat);
    let mut h = harness(
        Session::open(&path).unwrap(),
        [1366.0, 768.0],
        ScriptedDialogs::default(),
    );
    // The cell read furthest along the line.
    let far = h
        .state()
        .session()
        .report()
        .cells
        .iter()
        .filter_map(|(k, c)| Some((*k, c.source.as_ref()?.span.clone()?.start)))
        .max_by_key(|(_, start)| *start)
        .map(|(k, _)| k)
        .unwrap();
    select(&mut h, far);
    assert!(
        h.state().raw().offset.x > 200.0,
        "{:?}",
        h.state().raw().offset
    );
    // View ▸ wrap: the long line wraps, nothing scrolls sideways, the source is still revealed.
    h.get_by_label("查看").click();
    h.run();
    h.get_by_label_contains("原文自动换行").click();
    h.run();
    assert!(h.state().prefs().wrap_lines);
    let near = key(h.state(), TableId::Requests, "received", "natural");
    select(&mut h, near);
    select(&mut h, far);
    assert_eq!(h.state().raw().offset.x, 0.0);
    let line = h.get_by_label_contains("测试市公安局2020年").rect();
    assert!(line.height() > 100.0, "the one line wraps: {line:?}");
}

#[test]
fn f8_after_typing_goes_on_to_the_next_finding() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "测试报告.txt", BROKEN);
    let mut h = harness(
        Session::open(&path).unwrap(),
        [1600.0, 1000.0],
        ScriptedDialogs::default(),
    );
    assert!(h.state().session().findings().len() >= 2);
    press(&mut h, Modifiers::NONE, Key::F8);
    assert_eq!(h.state().selected_finding(), Some(0));
    let first = &h.state().session().findings()[0];
    let first = (first.check.id, first.cells.clone());
    // A value that does not settle the finding: F8 moves on, it does not start over.
    type_text(&mut h, "7");
    press(&mut h, Modifiers::NONE, Key::F8);
    let selected = &h.state().session().findings()[h.state().selected_finding().unwrap()];
    assert_ne!((selected.check.id, selected.cells.clone()), first);
}

#[test]
fn on_a_wide_screen_no_label_or_header_is_cut() {
    let mut h = harness(
        ReviewApp::sample_session(),
        [1920.0, 1080.0],
        ScriptedDialogs::default(),
    );
    let app = h.state();
    let cells = [
        key(app, TableId::Proactive, "rules", "made"),
        key(app, TableId::Requests, "partial", "natural"),
        key(app, TableId::Appeals, "suit_direct", "total"),
    ];
    for cell in cells {
        select(&mut h, cell);
        let cut: Vec<String> = h
            .output()
            .shapes
            .iter()
            .filter_map(|clipped| match &clipped.shape {
                egui::Shape::Text(t) if t.galley.elided => Some(t.galley.text().to_owned()),
                _ => None,
            })
            .collect();
        assert!(cut.is_empty(), "cut near {cell}: {cut:?}");
        if cell.table == TableId::Proactive {
            let _ = h.get_by_label("本年新制作数量");
        }
    }
}

#[test]
fn saving_while_a_folder_loads_asks_for_a_path_and_keeps_asking() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "测试报告.txt", BROKEN);
    let mut h = harness(
        ReviewApp::sample_session(),
        [1366.0, 768.0],
        ScriptedDialogs::default(),
    );
    h.state_mut()
        .push(Command::OpenFolderPath(dir.path().to_path_buf()));
    h.state_mut().push(Command::Save);
    h.run();
    assert!(matches!(h.state().prompt(), Some(Prompt::Path(_))));
    for _ in 0..2000 {
        if !h.state().loading() {
            break;
        }
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    h.run();
    assert!(h.state().queue().is_some());
    // The folder's first report does not replace the sample while its path is asked for.
    assert!(matches!(h.state().prompt(), Some(Prompt::Path(_))));
    assert_eq!(h.state().session().report().file, "");
}
