//! The in-window path field: asks for a file or folder name when no desktop dialog can be
//! shown (no portal, no zenity), so Open, Open folder and Save As never silently do nothing.
//! The entries of the typed folder that start with the typed name are listed below the field;
//! Tab completes as far as they agree, Enter takes the path, Esc cancels.

use std::path::{Path, PathBuf};

use egui::text::{CCursor, CCursorRange};
use egui::{Id, Key, Modifiers};

use super::After;
use super::command::Command;
use super::i18n::Lang;

/// How many completions are listed.
const LISTED: usize = 8;

/// What the path is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// A report or review CSV to open.
    Open,
    /// A folder of reports.
    OpenFolder,
    /// Where to save the review CSV; then go on with this, if anything.
    SaveAs(Option<After>),
}

/// The field's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathField {
    /// What the path is for.
    pub purpose: Purpose,
    /// What is typed.
    pub text: String,
    focus: bool,
}

/// The id of the text box, so the app knows when it has the keyboard.
pub fn id() -> Id {
    Id::unique("path-field")
}

impl PathField {
    /// A field for `purpose`, starting with `text`.
    pub fn new(purpose: Purpose, text: String) -> PathField {
        PathField {
            purpose,
            text,
            focus: true,
        }
    }

    /// The path typed (a leading `~` is the home folder).
    pub fn path(&self) -> PathBuf {
        let text = self.text.trim();
        match (text.strip_prefix("~/"), std::env::var_os("HOME")) {
            (Some(rest), Some(home)) => Path::new(&home).join(rest),
            _ => PathBuf::from(text),
        }
    }

    /// Draws the field as a modal window; pushes [`Command::PathConfirm`] or
    /// [`Command::PromptCancel`].
    pub fn ui(&mut self, ctx: &egui::Context, lang: Lang, out: &mut Vec<Command>) {
        let folders = self.purpose == Purpose::OpenFolder;
        let title = match self.purpose {
            Purpose::Open => lang.pick("打开报告或审核表", "Open a report or review CSV"),
            Purpose::OpenFolder => lang.pick("打开文件夹", "Open a folder"),
            Purpose::SaveAs(_) => lang.pick("审核表另存为", "Save the review CSV as"),
        };
        let modal = egui::Modal::new(Id::unique("path-field-modal")).show(ctx, |ui| {
            ui.set_width(620.0);
            ui.strong(title);
            ui.weak(lang.pick(
                "无法打开系统文件对话框（没有桌面门户，也没有 zenity），请在这里输入路径。Tab 补全，回车确定。",
                "No file dialog can be shown (no desktop portal, no zenity): type the path here. Tab completes, Enter confirms.",
            ));
            let tab = ui.memory(|m| m.has_focus(id()))
                && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Tab));
            let listed = completions(&self.text, folders);
            if tab && let Some(done) = common_prefix(&listed) {
                if done.len() > self.text.len() {
                    self.text = done;
                }
                self.focus = true;
            }
            let label = ui.label(lang.pick("路径", "Path"));
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut self.text)
                        .id(id())
                        .lock_focus(true)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if std::mem::take(&mut self.focus) {
                response.request_focus();
                let mut state = egui::TextEdit::load_state(ui.ctx(), id()).unwrap_or_default();
                let end = CCursor::new(self.text.chars().count());
                state.cursor.set_char_range(Some(CCursorRange::one(end)));
                state.store(ui.ctx(), id());
            }
            if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                out.push(Command::PathConfirm);
            }
            for entry in listed.iter().take(LISTED) {
                if ui.small_button(entry).clicked() {
                    self.text.clone_from(entry);
                    self.focus = true;
                }
            }
            if listed.len() > LISTED {
                ui.weak(format!("… {}", listed.len() - LISTED));
            }
            ui.horizontal(|ui| {
                for command in [Command::PathConfirm, Command::PromptCancel] {
                    if ui.button(command.text(lang)).clicked() {
                        out.push(command);
                    }
                }
            });
        });
        if modal.should_close() {
            out.push(Command::PromptCancel);
        }
    }
}

/// The entries of the folder `text` names (up to its last `/`) whose names start with what
/// follows it, sorted; folders end with `/`. Only folders when `folders` is set.
pub fn completions(text: &str, folders: bool) -> Vec<String> {
    let (dir, prefix) = match text.rfind('/') {
        Some(i) => text.split_at(i + 1),
        None => ("", text),
    };
    let Ok(entries) = std::fs::read_dir(if dir.is_empty() { "." } else { dir }) else {
        return Vec::new();
    };
    let mut found: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let is_dir = e.path().is_dir();
            let shown = name.starts_with(prefix) && (is_dir || !folders);
            shown.then(|| format!("{dir}{name}{}", if is_dir { "/" } else { "" }))
        })
        .collect();
    found.sort();
    found
}

/// The longest text every entry starts with, if there are entries.
fn common_prefix(entries: &[String]) -> Option<String> {
    let first = entries.first()?;
    let mut len = first.len();
    for e in entries {
        len = first
            .char_indices()
            .zip(e.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8())
            .min(len);
    }
    first.get(..len).map(str::to_owned)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn completion_lists_the_folder_and_completes_the_common_part() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("报告2020.txt"), "").unwrap();
        std::fs::write(dir.path().join("报告2021.txt"), "").unwrap();
        std::fs::create_dir(dir.path().join("报表")).unwrap();
        let base = format!("{}/", dir.path().display());
        let all = completions(&format!("{base}报"), false);
        assert_eq!(all.len(), 3);
        assert_eq!(common_prefix(&all), Some(format!("{base}报")));
        let reports = completions(&format!("{base}报告"), false);
        assert_eq!(common_prefix(&reports), Some(format!("{base}报告202")));
        assert_eq!(
            completions(&format!("{base}报"), true),
            [format!("{base}报表/")]
        );
    }
}
