//! What the window tests (`tests/ui.rs`, `tests/ui_trust.rs`, `tests/ui_review.rs`) do the same
//! way: the broken report they review, the window under test, pressing a key, typing, selecting
//! a cell, looking a cell up, waiting for a folder to be read.
//! Each test file uses some of these.
#![allow(dead_code)]

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use gouji::app::{Command, Prefs, ReviewApp, ScriptedDialogs};
use gouji::review::Session;
use gouji::template::TableId;
use gouji::{CellKey, Value};

/// 总计 自然人 is printed as 0 while 一 + 二 and the outcome rows give 5 (F9 repairs it).
pub const BROKEN: &str = "测试市公安局2020年政府信息公开工作年度报告\n\
    三、收到和处理政府信息公开申请情况\n\
    一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n\
    二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
    （一）予以公开 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n\
    （七）总计 | 0 | 0 | 0 | 0 | 0 | 0 | 5 |\n\
    四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n";

/// The window on `session`, `size` points large, asking `dialogs` for file names, run until
/// it settles.
pub fn window<'a>(
    session: Session,
    size: [f32; 2],
    dialogs: ScriptedDialogs,
) -> Harness<'a, ReviewApp> {
    let app = ReviewApp::new(session, Prefs::default(), Box::new(dialogs));
    let mut harness = Harness::builder()
        .with_size(size)
        .with_max_steps(64)
        .build_ui_state(|ui, app: &mut ReviewApp| app.ui(ui), app);
    harness.run();
    harness
}

/// The key of `table/row/col` in the open report's form.
pub fn key(app: &ReviewApp, table: TableId, row: &str, col: &str) -> CellKey {
    app.session().report().key(table, row, col).unwrap()
}

/// The open report's value at `key`.
pub fn value(app: &ReviewApp, key: &CellKey) -> Value {
    app.session().report().value(key).clone()
}

/// Presses `key` with `modifiers` and lets the window run.
pub fn press(h: &mut Harness<'_, ReviewApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

/// Types `text` as the platform sends it (a text event) and lets the window run.
pub fn type_text(h: &mut Harness<'_, ReviewApp>, text: &str) {
    h.event(Event::Text(text.into()));
    h.run();
}

/// Selects the cell `key`, as a click on it does.
pub fn select(h: &mut Harness<'_, ReviewApp>, key: CellKey) {
    h.state_mut().push(Command::SelectCell(key));
    h.run();
}

/// Steps the window until the folder has been read (bounded), then lets it settle.
pub fn wait_for_queue(h: &mut Harness<'_, ReviewApp>) {
    for _ in 0..2000 {
        if !h.state().loading() {
            break;
        }
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(!h.state().loading(), "the folder is still being read");
    h.run();
}
