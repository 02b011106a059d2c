//! The reading chooser: a small window over the tables, opened by Enter on a selected finding
//! that lists readings (X4, X5), where 1–9 pick a reading, or ↑/↓ and Enter (any number of
//! readings), and Esc closes it. While it is open the grid has no keyboard, so a digit picks
//! a reading here and types into the cell everywhere else. It only draws and pushes
//! [`Command::ChooseReading`]; filling the cells is `review`'s
//! (`Session::choose_reading`).

use egui::Key;

use super::command::Command;
use super::i18n::Lang;
use crate::review::{Session, reading_text};

/// The digit keys that pick readings 1 to 9.
const DIGITS: [Key; 9] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

/// Draws the chooser for finding `finding` of `session`, with reading `highlighted` (0-based)
/// under the arrows, and reads its keys; pushes the reading picked, or [`Command::PromptCancel`].
pub fn chooser_ui(
    ctx: &egui::Context,
    session: &Session,
    finding: usize,
    highlighted: &mut usize,
    lang: Lang,
    out: &mut Vec<Command>,
) {
    let Some(found) = session.findings().get(finding) else {
        out.push(Command::PromptCancel);
        return;
    };
    let n = found.readings.len();
    ctx.input_mut(|i| {
        for (d, key) in DIGITS.iter().enumerate().take(n) {
            if i.consume_key(egui::Modifiers::NONE, *key) {
                out.push(Command::ChooseReading(d));
            }
        }
        if i.consume_key(egui::Modifiers::NONE, Key::ArrowDown) {
            *highlighted = (*highlighted + 1).min(n.saturating_sub(1));
        }
        if i.consume_key(egui::Modifiers::NONE, Key::ArrowUp) {
            *highlighted = highlighted.saturating_sub(1);
        }
        if i.consume_key(egui::Modifiers::NONE, Key::Enter) {
            out.push(Command::ChooseReading(*highlighted));
        }
        if i.consume_key(egui::Modifiers::NONE, Key::Escape) {
            out.push(Command::PromptCancel);
        }
    });
    let form = session.report().form;
    let columns: Vec<&str> = found
        .cells
        .iter()
        .map(|k| {
            form.cell(k.table, k.row, k.col)
                .map_or("", |(_, c)| c.label)
        })
        .collect();
    egui::Modal::new(egui::Id::unique("reading-chooser")).show(ctx, |ui| {
        ui.strong(lang.pick("选择读法", "Pick a reading"));
        ui.label(match lang {
            Lang::Zh => &found.message_zh,
            Lang::En => &found.message,
        });
        ui.weak(columns.join(" | "));
        egui::ScrollArea::vertical()
            .max_height(360.0)
            .show(ui, |ui| {
                for (i, reading) in found.readings.iter().enumerate() {
                    let key = if i < DIGITS.len() {
                        format!("{}", i + 1)
                    } else {
                        " ".to_owned()
                    };
                    let text = format!(
                        "{key}  {} {}/{n}：{}",
                        lang.pick("读法", "reading"),
                        i + 1,
                        reading_text(reading)
                    );
                    let response = ui.selectable_label(*highlighted == i, text);
                    if response.clicked() {
                        out.push(Command::ChooseReading(i));
                    }
                    if *highlighted == i {
                        response.scroll_to_me(None);
                    }
                }
            });
        ui.weak(lang.pick(
            "1–9 选定 · ↑↓ 移动、Enter 确定 · Esc 取消",
            "1–9 pick · ↑↓ move, Enter picks · Esc cancels",
        ));
        if ui.button(Command::PromptCancel.text(lang)).clicked() {
            out.push(Command::PromptCancel);
        }
    });
}
