//! UI tests: drive the real review window with egui_kittest (no GPU, no snapshots) and assert
//! on the app's state. The window installs the bundled CJK font itself, so kittest's check for
//! glyphs no font can draw also checks every Chinese label.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};

use egui::{Event, Key, Modifiers, ViewportEvent, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use gouji::app::{Command, Lang, Prompt, ReviewApp, ScriptedDialogs};
use gouji::corpus::QueueStatus;
use gouji::corpus::queue::Filter;
use gouji::report::Problem;
use gouji::review::Session;
use gouji::template::TableId;
use gouji::{Status, Value};

#[path = "support/ui.rs"]
mod ui_support;
use ui_support::{BROKEN, key, press, type_text, value, wait_for_queue, window};

fn fixture() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("测试报告.txt");
    std::fs::write(&path, BROKEN).unwrap();
    (dir, path)
}

fn harness<'a>(session: Session, dialogs: ScriptedDialogs) -> Harness<'a, ReviewApp> {
    window(session, [1600.0, 1000.0], dialogs)
}

#[test]
fn review_a_broken_report_by_keyboard() {
    let (dir, path) = fixture();
    let mut h = harness(Session::open(&path).unwrap(), ScriptedDialogs::default());
    let total = key(h.state(), TableId::Requests, "total", "natural");

    // The broken cell is drawn, and the counts say so.
    let label = gouji::app::cell_label(h.state().session(), None, &total);
    let _ = h.get_by_label(&label);
    assert!(h.state().session().counts().broken >= 1);
    assert!(h.state().session().suspects().contains(&total));
    assert!(h.state().title().contains("测试报告.txt"));

    // F8 jumps to the first finding and selects the cell its repair names.
    press(&mut h, Modifiers::NONE, Key::F8);
    assert_eq!(h.state().selected_finding(), Some(0));
    assert_eq!(h.state().selected_cell(), Some(total));
    press(&mut h, Modifiers::SHIFT, Key::F8);
    let n = h.state().session().findings().len();
    assert_eq!(h.state().selected_finding(), Some(n - 1));
    press(&mut h, Modifiers::NONE, Key::F8);
    assert_eq!(h.state().selected_finding(), Some(0));

    // F9 applies the repair.
    press(&mut h, Modifiers::NONE, Key::F9);
    assert_eq!(value(h.state(), &total), Value::Number(5.into()));
    assert_eq!(
        h.state()
            .session()
            .report()
            .cells
            .get(&total)
            .unwrap()
            .status,
        Status::Corrected
    );
    assert_eq!(h.state().session().counts().broken, 0);
    assert!(h.state().session().is_dirty());
    assert!(h.state().title().contains('*'));

    // Undo and redo.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(value(h.state(), &total), Value::Number(0.into()));
    assert!(h.state().session().counts().broken >= 1);
    press(&mut h, Modifiers::COMMAND, Key::Y);
    assert_eq!(value(h.state(), &total), Value::Number(5.into()));

    // Type to replace, Enter commits and moves down.
    let carried_out = key(h.state(), TableId::Requests, "carried_out", "natural");
    h.state_mut().push(Command::SelectCell(carried_out));
    h.run();
    type_text(&mut h, "2");
    assert_eq!(
        h.state().editing().map(|(k, t)| (k, t.to_owned())),
        Some((carried_out, "2".into()))
    );
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(value(h.state(), &carried_out), Value::Number(2.into()));
    assert_ne!(h.state().selected_cell(), Some(carried_out));
    assert!(h.state().session().counts().broken >= 1, "R1 breaks again");

    // A negative count is refused with a reason; Esc cancels.
    h.state_mut().push(Command::SelectCell(carried_out));
    h.run();
    type_text(&mut h, "-1");
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert_eq!(h.state().invalid(), Some(Problem::NegativeCount));
    assert_eq!(value(h.state(), &carried_out), Value::Number(2.into()));
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(h.state().editing().is_none());

    // Delete blanks the cell; undo brings the 2 back.
    press(&mut h, Modifiers::NONE, Key::Delete);
    assert_eq!(value(h.state(), &carried_out), Value::Blank);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(value(h.state(), &carried_out), Value::Number(2.into()));

    // An input method commits Chinese text: 不适用 is "not applicable".
    let business = key(h.state(), TableId::Requests, "carried_out", "business");
    h.state_mut().push(Command::SelectCell(business));
    h.run();
    h.event(Event::Ime(egui::ImeEvent::Commit("不适用".into())));
    h.run();
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(value(h.state(), &business), Value::NotApplicable);

    // Ctrl+S saves atomically beside the report.
    press(&mut h, Modifiers::COMMAND, Key::S);
    let csv = gouji::export::review_csv_path(&path);
    assert_eq!(csv.parent(), Some(dir.path()));
    assert!(csv.exists());
    assert!(!h.state().session().is_dirty());
    assert!(!Path::new(&format!("{}.recovery", csv.display())).exists());

    // Reopen the CSV: the review comes back, with the raw text.
    h.state_mut().push(Command::OpenPath(csv.clone()));
    h.run();
    assert_eq!(h.state().session().csv_path(), Some(csv.as_path()));
    assert_eq!(value(h.state(), &total), Value::Number(5.into()));
    assert_eq!(value(h.state(), &carried_out), Value::Number(2.into()));
    assert_eq!(value(h.state(), &business), Value::NotApplicable);
    assert!(h.state().session().document().is_some());
}

#[test]
fn closing_with_unsaved_edits_asks_first() {
    let (_dir, path) = fixture();
    let mut h = harness(Session::open(&path).unwrap(), ScriptedDialogs::default());
    press(&mut h, Modifiers::NONE, Key::F8);
    press(&mut h, Modifiers::NONE, Key::F9);
    assert!(h.state().session().is_dirty());

    // The window manager asks to close: the window refuses and asks.
    h.input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    h.run();
    assert_eq!(
        h.state().prompt(),
        Some(&Prompt::Unsaved(gouji::app::After::Quit))
    );
    assert!(!h.state().closing());
    h.get_by_label("取消").click();
    h.run();
    assert!(h.state().prompt().is_none());

    // Quit from the menu (Ctrl+Q) asks too; "不保存" closes and drops the recovery file.
    press(&mut h, Modifiers::COMMAND, Key::Q);
    assert!(h.state().prompt().is_some());
    let recovery = h.state().session().recovery_path().unwrap();
    assert!(recovery.exists());
    h.get_by_label("不保存").click();
    h.run();
    assert!(h.state().closing());
    assert!(!recovery.exists());
}

#[test]
fn recovery_is_offered_after_a_crash() {
    let (_dir, path) = fixture();
    let mut crashed = Session::open(&path).unwrap();
    let repair = crashed.findings().iter().find_map(|f| f.repair).unwrap();
    crashed.apply(gouji::review::Edit::ApplyRepair {
        key: repair.cell,
        value: repair.value,
    });
    drop(crashed);

    let mut h = harness(Session::open(&path).unwrap(), ScriptedDialogs::default());
    assert!(matches!(h.state().prompt(), Some(Prompt::Recovery(_))));
    h.get_by_label("恢复").click();
    h.run();
    assert!(h.state().prompt().is_none());
    assert_eq!(value(h.state(), &repair.cell), Value::Number(repair.value));
    assert!(h.state().session().is_dirty());
}

#[test]
fn the_sample_opens_and_saves_through_save_as() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("sample.gouji.csv");
    let dialogs = ScriptedDialogs {
        save: Some(target.clone()),
        ..ScriptedDialogs::default()
    };
    let mut h = harness(ReviewApp::sample_session(), dialogs);
    let counts = h.state().session().counts();
    assert!(
        counts.broken >= 1,
        "the sample has a rule break: {counts:?}"
    );
    assert!(h.state().session().report().agency.contains("公安局"));
    press(&mut h, Modifiers::NONE, Key::F8);
    press(&mut h, Modifiers::NONE, Key::F9);
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(target.exists());
    assert_eq!(h.state().session().csv_path(), Some(target.as_path()));
}

#[test]
fn english_switch_blank_as_zero_and_search() {
    let (_dir, path) = fixture();
    let mut h = harness(Session::open(&path).unwrap(), ScriptedDialogs::default());
    h.get_by_label("English / 中文").click();
    h.run();
    assert_eq!(h.state().prefs().lang, Lang::En);
    let incomplete = h.state().session().counts().incomplete;
    h.get_by_label("Count blanks as 0").click();
    h.run();
    assert!(h.state().prefs().blank_as_zero);
    assert!(h.state().session().counts().incomplete < incomplete);

    press(&mut h, Modifiers::COMMAND, Key::F);
    h.event(Event::Text("总计".into()));
    h.run();
    assert_eq!(h.state().raw().matches.len(), 1);
    assert_eq!(h.state().raw().current, Some(0));
}

#[test]
fn opening_another_file_with_unsaved_edits_saves_first_when_asked() {
    let (dir, path) = fixture();
    let other = dir.path().join("另一份.txt");
    std::fs::write(&other, BROKEN.replace("测试市", "另一市")).unwrap();
    let mut h = harness(Session::open(&path).unwrap(), ScriptedDialogs::default());
    press(&mut h, Modifiers::NONE, Key::F8);
    press(&mut h, Modifiers::NONE, Key::F9);
    h.state_mut().push(Command::OpenPath(other.clone()));
    h.run();
    assert_eq!(
        h.state().prompt(),
        Some(&Prompt::Unsaved(gouji::app::After::Open(Some(
            other.clone()
        ))))
    );
    h.get_by_label("保存").click();
    h.run();
    assert!(h.state().prompt().is_none());
    assert!(gouji::export::review_csv_path(&path).exists());
    assert!(h.state().session().report().agency.starts_with("另一市"));
    assert!(!h.state().session().is_dirty());
    // The file is at hand in File ▸ Open recent, and opens from there.
    let recent = h.state().prefs().recent.clone();
    assert_eq!(recent, vec![std::fs::canonicalize(&other).unwrap()]);
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("最近打开").hover();
    h.run();
    h.get_by_label(&gouji::app::recent_label(&recent[0], false))
        .click();
    h.run();
    assert!(h.state().session().report().agency.starts_with("另一市"));
    assert_eq!(h.state().prefs().recent.len(), 1);
}

#[test]
fn clicking_the_report_text_selects_the_cell_read_there() {
    let (_dir, path) = fixture();
    let mut h = harness(Session::open(&path).unwrap(), ScriptedDialogs::default());
    h.get_by_label("（七）总计 | 0 | 0 | 0 | 0 | 0 | 0 | 5 |")
        .click();
    h.run();
    let selected = h.state().selected_cell().unwrap();
    assert_eq!((selected.table, selected.row), (TableId::Requests, "total"));

    // Arrows and Tab move through the grid.
    let total = key(h.state(), TableId::Requests, "total", "total");
    h.state_mut().push(Command::SelectCell(total));
    h.run();
    press(&mut h, Modifiers::NONE, Key::ArrowLeft);
    assert_eq!(h.state().selected_cell().unwrap().col, "other");
    press(&mut h, Modifiers::NONE, Key::Tab);
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert_eq!(
        h.state().selected_cell(),
        Some(key(h.state(), TableId::Requests, "carried_out", "natural"))
    );
    press(&mut h, Modifiers::NONE, Key::ArrowUp);
    assert_eq!(h.state().selected_cell().unwrap().row, "total");
}

/// A pre-2019 report: narrative only, none of the standard tables.
const NARRATIVE: &str = "某县档案局2018年政府信息公开工作年度报告\n\
    一、概述\n\
    2018年，本局主动公开政府信息120条，未收到政府信息公开申请。\n\
    二、存在的不足\n\
    信息更新还不够及时。\n";

/// A folder of five reports, two of them in subfolders: clean, no tables, broken, broken and a
/// damaged PDF.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("sub/deeper")).unwrap();
    let clean =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cli/row_per_line_2021.txt");
    std::fs::copy(clean, root.join("a-clean.txt")).unwrap();
    std::fs::write(root.join("b-old.txt"), NARRATIVE).unwrap();
    std::fs::write(root.join("sub/c-broken.txt"), BROKEN).unwrap();
    std::fs::write(
        root.join("sub/deeper/d-broken.txt"),
        BROKEN.replace("测试市", "另一市"),
    )
    .unwrap();
    std::fs::write(root.join("z-damaged.pdf"), "%PDF-1.4\nnot really a PDF\n").unwrap();
    dir
}

fn statuses(app: &ReviewApp) -> Vec<(String, QueueStatus)> {
    let queue = app.queue().unwrap();
    queue
        .rows()
        .iter()
        .map(|r| (r.name.replace('\\', "/"), r.status))
        .collect()
}

fn open_report(app: &ReviewApp) -> String {
    app.session().report().file.clone()
}

#[test]
fn a_folder_queue_goes_to_the_next_report_and_saves_on_the_way() {
    let dir = folder();
    let dialogs = ScriptedDialogs {
        folder: Some(dir.path().to_path_buf()),
        ..ScriptedDialogs::default()
    };
    let mut h = harness(ReviewApp::sample_session(), dialogs);

    // File ▸ Open folder… reads the folder in the background, recursively.
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("打开文件夹… Ctrl+Shift+O").click();
    h.run();
    wait_for_queue(&mut h);
    let broken = |s: &QueueStatus| matches!(s, QueueStatus::Broken(n) if *n > 0);
    let listed = statuses(h.state());
    let names: Vec<&str> = listed.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "a-clean.txt",
            "b-old.txt",
            "sub/c-broken.txt",
            "sub/deeper/d-broken.txt",
            "z-damaged.pdf"
        ]
    );
    assert_eq!(listed[0].1, QueueStatus::Clean);
    assert_eq!(listed[1].1, QueueStatus::NoTables);
    assert!(broken(&listed[2].1) && broken(&listed[3].1), "{listed:?}");
    assert_eq!(listed[4].1, QueueStatus::Unreadable);
    let _ = h.get_by_label("sub/c-broken.txt");
    assert_eq!(
        h.state().prefs().recent.first(),
        Some(&std::fs::canonicalize(dir.path()).unwrap())
    );

    // Started on the bundled sample, the window moves to the first report that needs attention
    // once the folder is read, as F7 would.
    assert_eq!(open_report(h.state()), "c-broken.txt");
    assert!(h.state().session().counts().broken >= 1);
    assert_eq!(h.state().queue().unwrap().current(), Some(2));
    assert_eq!(
        h.state().selected_finding(),
        Some(0),
        "on the first problem"
    );

    // Repair the total by typing, and move on without pressing Enter: the typed value is
    // committed and the review saved beside the report, without a question.
    let total = key(h.state(), TableId::Requests, "total", "natural");
    h.state_mut().push(Command::SelectCell(total));
    h.run();
    type_text(&mut h, "5");
    press(&mut h, Modifiers::NONE, Key::F7);
    assert!(h.state().prompt().is_none());
    assert_eq!(open_report(h.state()), "d-broken.txt");
    let csv = gouji::export::review_csv_path(&dir.path().join("sub/c-broken.txt"));
    let saved = gouji::export::read_review_csv(std::fs::File::open(&csv).unwrap()).unwrap();
    assert_eq!(
        saved.cells.get(&total).unwrap().value,
        Value::Number(5.into())
    );
    assert_eq!(saved.cells.get(&total).unwrap().status, Status::Corrected);
    assert!(h.state().message().unwrap().contains("已保存"));
    assert_eq!(statuses(h.state())[2].1, QueueStatus::Edited);

    // The damaged file cannot be opened: the same F7 goes past it, saying so (round to the
    // broken report that is still open).
    press(&mut h, Modifiers::NONE, Key::F7);
    assert_eq!(open_report(h.state()), "d-broken.txt");
    let message = h.state().message().unwrap();
    assert!(
        message.contains("已跳过无法读取的报告：z-damaged.pdf"),
        "{message}"
    );
    assert_eq!(h.state().queue().unwrap().current(), Some(3));

    // Filters: broken only, then everything.
    h.get_by_label("仅错误").click();
    h.run();
    let queue = h.state().queue().unwrap();
    assert_eq!(queue.filter(), Filter::Broken);
    assert_eq!(queue.visible(), [3]);
    h.get_by_label("需处理").click();
    h.run();
    assert_eq!(h.state().queue().unwrap().visible(), [3, 4]);
    h.get_by_label("全部").click();
    h.run();
    assert_eq!(h.state().queue().unwrap().visible().len(), 5);

    // Sorting by status: unreadable, broken, edited, no tables, clean; again: the other way.
    h.get_by_label("状态").click();
    h.run();
    assert_eq!(h.state().queue().unwrap().visible(), [4, 3, 2, 1, 0]);
    h.get_by_label("状态 ↑").click();
    h.run();
    assert_eq!(h.state().queue().unwrap().visible(), [0, 1, 2, 3, 4]);
    let _ = h.get_by_label("状态 ↓");
    h.get_by_label("文件名").click();
    h.run();

    // A save that fails keeps the reviewer on the report with the edits, and says why.
    std::fs::create_dir(gouji::export::review_csv_path(
        &dir.path().join("sub/deeper/d-broken.txt"),
    ))
    .unwrap();
    press(&mut h, Modifiers::NONE, Key::F9);
    assert!(h.state().session().is_dirty());
    h.get_by_label("a-clean.txt").click();
    h.run();
    assert_eq!(open_report(h.state()), "d-broken.txt");
    assert!(h.state().session().is_dirty());
    let message = h.state().message().unwrap();
    assert!(message.contains("保存失败"), "{message}");

    // Read again (as after a restart), the saved review keeps its status.
    h.state_mut()
        .push(Command::OpenFolderPath(dir.path().to_path_buf()));
    h.run();
    wait_for_queue(&mut h);
    // A report under review stays open when the folder is read again.
    assert_eq!(open_report(h.state()), "d-broken.txt");
    assert_eq!(statuses(h.state())[2].1, QueueStatus::Edited);
    assert!(broken(&statuses(h.state())[3].1));
}

#[test]
fn a_report_opened_from_the_queue_is_checked_against_last_year() {
    // Last year 测试市公安局 carried 5 applications over; this year's report took in none.
    let dir = tempfile::tempdir().unwrap();
    let last = BROKEN.replace("2020年", "2019年").replace(
        "四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
        "四、结转下年度继续办理 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |",
    );
    std::fs::write(dir.path().join("2019.txt"), last).unwrap();
    std::fs::write(dir.path().join("2020.txt"), BROKEN).unwrap();
    let mut h = harness(ReviewApp::sample_session(), ScriptedDialogs::default());
    h.state_mut()
        .push(Command::OpenFolderPath(dir.path().to_path_buf()));
    h.run();
    wait_for_queue(&mut h);
    h.get_by_label("2020.txt").click();
    h.run();
    assert_eq!(open_report(h.state()), "2020.txt");
    let s1: Vec<_> = h
        .state()
        .session()
        .findings()
        .iter()
        .filter(|f| f.check.id == "S1")
        .collect();
    assert_eq!(s1.len(), 2, "natural and total columns: {s1:?}");
    // The warnings are listed in the findings pane, under one line that expands.
    h.get_by_label_contains("S1：2 处提示").click();
    h.run();
    assert_eq!(
        h.query_all_by_label_contains("2020 年上年结转 0 与 2019 年结转下年度 5 不符")
            .count(),
        2
    );
}

#[test]
fn an_unusable_review_csv_beside_the_report_is_said_and_can_be_opened_anyway() {
    let (dir, path) = fixture();
    // A valid review CSV of another report lies where this report's review goes.
    let other = dir.path().join("另一份.txt");
    std::fs::write(&other, BROKEN).unwrap();
    let mut other_session = Session::open(&other).unwrap();
    other_session.save().unwrap();
    std::fs::rename(
        gouji::export::review_csv_path(&other),
        gouji::export::review_csv_path(&path),
    )
    .unwrap();

    let mut h = harness(Session::open(&path).unwrap(), ScriptedDialogs::default());
    assert!(matches!(
        h.state().prompt(),
        Some(Prompt::UnusableReview { openable: true, .. })
    ));
    h.get_by_label("仍然打开这个审核 CSV").click();
    h.run();
    assert!(h.state().prompt().is_none());
    assert_eq!(h.state().session().report().file, "另一份.txt");

    // A damaged one is said too, with its line, and can only be dismissed.
    std::fs::write(gouji::export::review_csv_path(&path), "file,agency\n1,2\n").unwrap();
    let mut h = harness(Session::open(&path).unwrap(), ScriptedDialogs::default());
    let Some(Prompt::UnusableReview {
        openable, reason, ..
    }) = h.state().prompt()
    else {
        panic!("no notice: {:?}", h.state().prompt());
    };
    assert!(!openable);
    // In the window's language, by its kind (the English sentence is the library's).
    assert!(reason.contains("表头不符"), "{reason}");
    h.get_by_label("知道了").click();
    h.run();
    assert!(h.state().prompt().is_none());
}
