//! The Help window (F1, Help menu): every key of the window and what the colours and marks
//! mean, generated from the command registry ([`SHORTCUTS`], [`GRID_KEYS`]) and the legend
//! ([`marks::LEGEND`]), so it lists exactly the keys the window answers to.

use egui::KeyboardShortcut;

use super::command::{Command, GRID_KEYS, SHORTCUTS};
use super::i18n::Lang;
use super::marks;

/// One line per command with a shortcut (`Ctrl+S — 保存`; a command with two shortcuts has them
/// on one line, `Ctrl+Plus / Ctrl+= — 放大`), then one per key the grid reads itself, in the
/// registry's order. `format` writes a shortcut as the platform does.
pub fn help_lines(lang: Lang, format: &dyn Fn(&KeyboardShortcut) -> String) -> Vec<String> {
    let mut commands: Vec<(&Command, Vec<String>)> = Vec::new();
    for (command, shortcut) in &SHORTCUTS {
        match commands.iter_mut().find(|(c, _)| *c == command) {
            Some((_, keys)) => keys.push(format(shortcut)),
            None => commands.push((command, vec![format(shortcut)])),
        }
    }
    let mut lines: Vec<String> = commands
        .into_iter()
        .map(|(command, keys)| format!("{} — {}", keys.join(" / "), command.text(lang)))
        .collect();
    lines.extend(
        GRID_KEYS
            .iter()
            .map(|k| format!("{} — {}", k.keys, lang.pick(k.zh, k.en))),
    );
    lines
}

/// Draws the Help window while `open`.
pub fn help_ui(ctx: &egui::Context, lang: Lang, open: &mut bool) {
    // Tall enough for the keys at 1366×768 and more; the rest scrolls.
    let room = (ctx.content_rect().height() - 160.0).max(200.0);
    egui::Window::new(lang.pick("帮助：快捷键、颜色与标记", "Help: keys, colours and marks"))
        .id(egui::Id::unique("help-window"))
        .open(open)
        .default_width(560.0)
        .default_height(room)
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(egui::pos2(ctx.content_rect().center().x, 40.0))
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().max_height(room).show(ui, |ui| {
                ui.strong(lang.pick("按键", "Keys"));
                for line in help_lines(lang, &|s| ctx.format_shortcut(s)) {
                    ui.label(line);
                }
                ui.separator();
                ui.strong(lang.pick("颜色与标记", "Colours and marks"));
                for e in marks::LEGEND {
                    let (zh, en) = e.long;
                    ui.horizontal(|ui| marks::legend_entry_ui(ui, e.sign, lang.pick(zh, en)));
                }
                ui.weak(lang.pick(
                    "选中的单元格有蓝色粗框；所选问题涉及的单元格有细框；Shift 选区有浅蓝底色。",
                    "The selected cell has a thick blue outline, the cells of the selected finding a thin one, a Shift-selection a light blue fill.",
                ));
            });
        });
}
