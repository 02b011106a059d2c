//! The status bar: file, agency, year and form, whether the screen matches the review CSV on
//! disk ([`SaveState`]), the blank-as-zero switch, the language switch and the last message.

use crate::review::Session;

use super::command::Command;
use super::i18n::Lang;

/// How what the window shows stands against the review CSV on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveState {
    /// Edits (or a typed value) not on disk: the title shows `*`.
    Unsaved,
    /// No review CSV has been written for this report yet.
    NeverSaved,
    /// The review CSV on disk holds what is shown.
    Saved,
}

/// Draws the status bar.
pub fn status_bar_ui(
    ui: &mut egui::Ui,
    session: &Session,
    state: SaveState,
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
            report.form.code
        ));
        ui.separator();
        match state {
            SaveState::Unsaved => {
                ui.label(lang.pick("● 有未保存的修改", "● unsaved changes"));
            }
            SaveState::NeverSaved => {
                ui.label(lang.pick("未保存", "not saved"));
            }
            SaveState::Saved => {
                ui.weak(lang.pick("已保存", "saved"));
            }
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
            // The library's reason is English: the Chinese window names the file instead.
            let text = match lang {
                Lang::Zh => format!(
                    "自动保存失败：无法写入恢复文件 {}",
                    session
                        .recovery_path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default()
                ),
                Lang::En => format!("Autosave failed: {error}"),
            };
            ui.colored_label(egui::Color32::RED, text);
        }
        if let Some(message) = message {
            ui.separator();
            ui.label(message);
        }
    });
}
