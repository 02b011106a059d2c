//! What the window tests (`tests/ui.rs`, `tests/ui_trust.rs`, `tests/ui_review.rs`) do the same
//! way: press a key, type, select a cell, look a cell up, wait for a folder to be read.
//! Each test file uses some of these.
#![allow(dead_code)]

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use gouji::app::{Command, ReviewApp};
use gouji::template::TableId;
use gouji::{CellKey, Value};

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
