//! The status bar: file, agency, year and form, the dirty marker, the blank-as-zero switch, the
//! language switch and the last message.

use crate::review::Session;

use super::command::Command;
use super::i18n::Lang;

/// Draws the status bar.
pub fn status_bar_ui(
    ui: &mut egui::Ui,
    session: &Session,
    lang: Lang,
    message: Option<&str>,
    out: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        let report = session.report();
        let file = if report.file.is_empty() {
            lang.pick("（示例）", "(sample)")
        } else {
            report.file.as_str()
        };
        ui.label(file);
        ui.separator();
        ui.label(format!(
            "{} · {} {}",
            report.agency_year(),
            lang.pick("表式", "form"),
            report.form.code()
        ));
        ui.separator();
        if session.is_dirty() {
            ui.label(lang.pick("● 未保存", "● unsaved"));
        } else {
            ui.weak(lang.pick("已保存", "saved"));
        }
        ui.separator();
        let mut blank_as_zero = session.policy().blank_as_zero;
        if ui
            .checkbox(&mut blank_as_zero, Command::ToggleBlankAsZero.text(lang))
            .changed()
        {
            out.push(Command::ToggleBlankAsZero);
        }
        if ui.button(Command::ToggleLanguage.text(lang)).clicked() {
            out.push(Command::ToggleLanguage);
        }
        if let Some(error) = session.autosave_error() {
            ui.separator();
            ui.colored_label(
                egui::Color32::RED,
                format!("{}: {error}", lang.pick("自动保存失败", "Autosave failed")),
            );
        }
        if let Some(message) = message {
            ui.separator();
            ui.label(message);
        }
    });
}
