//! The menu bar and the questions the window asks ([`Prompt`]): unsaved edits, an invalid typed
//! value when quitting, a recovery file, the reading chooser, and the in-window path field.

use super::command::{self, Command, Pane};
use super::{Prompt, ReviewApp, recent_label};

impl ReviewApp {
    pub(super) fn menu_ui(&mut self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
        let lang = self.prefs.lang;
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(lang.pick("文件", "File"), |ui| {
                command::menu_item_ui(ui, lang, Command::Open, out);
                command::menu_item_ui(ui, lang, Command::OpenFolder, out);
                if !self.prefs.recent.is_empty() {
                    ui.menu_button(lang.pick("最近打开", "Open recent"), |ui| {
                        for path in &self.prefs.recent {
                            let is_folder = *self
                                .recent_folders
                                .entry(path.clone())
                                .or_insert_with(|| path.is_dir());
                            if ui.button(recent_label(path, is_folder)).clicked() {
                                out.push(Command::OpenPath(path.clone()));
                            }
                        }
                    });
                }
                for command in [
                    Command::Save,
                    Command::SaveAs,
                    Command::ExportFindings,
                    Command::Quit,
                ] {
                    command::menu_item_ui(ui, lang, command, out);
                }
            });
            ui.menu_button(lang.pick("编辑", "Edit"), |ui| {
                for command in [
                    Command::Undo,
                    Command::Redo,
                    Command::Copy,
                    Command::Paste(None),
                    Command::ApplyRepair,
                    Command::PickReading,
                    Command::ToggleChecked,
                    Command::FinishReport,
                    Command::NextFinding,
                    Command::PreviousFinding,
                    Command::NextInQueue,
                    Command::Find,
                ] {
                    command::menu_item_ui(ui, lang, command, out);
                }
            });
            ui.menu_button(lang.pick("查看", "View"), |ui| {
                for (pane, collapsed) in [
                    (Pane::Raw, self.prefs.collapsed.raw),
                    (Pane::Findings, self.prefs.collapsed.findings),
                    (Pane::Queue, self.prefs.collapsed.queue),
                ] {
                    command::check_item_ui(ui, lang, Command::TogglePane(pane), !collapsed, out);
                }
                let wrap = self.prefs.wrap_lines;
                command::check_item_ui(ui, lang, Command::ToggleWrap, wrap, out);
                let blank = self.prefs.blank_as_zero;
                command::check_item_ui(ui, lang, Command::ToggleBlankAsZero, blank, out);
                command::check_item_ui(ui, lang, Command::ShowChanges, self.show_changes, out);
                ui.separator();
                for command in [Command::ZoomIn, Command::ZoomOut, Command::ZoomReset] {
                    command::menu_item_ui(ui, lang, command, out);
                }
                ui.separator();
                command::menu_item_ui(ui, lang, Command::ToggleLanguage, out);
                command::menu_item_ui(ui, lang, Command::ToggleTheme, out);
            });
            ui.menu_button(lang.pick("帮助", "Help"), |ui| {
                command::check_item_ui(ui, lang, Command::Help, self.show_help, out);
            });
            ui.separator();
            ui.weak(lang.pick(
                "F8 下一个问题 · F9 采用建议 · 直接输入数字修改 · Ctrl+Enter 完成复核 · F1 全部快捷键",
                "F8 next finding · F9 apply repair · type a number to edit · Ctrl+Enter finish · F1 all keys",
            ));
        });
    }

    pub(super) fn prompt_ui(&mut self, ctx: &egui::Context, out: &mut Vec<Command>) {
        let lang = self.prefs.lang;
        let notice_buttons;
        let notice;
        let finish;
        let (question, buttons): (&str, &[Command]) = match &mut self.prompt {
            Some(Prompt::UnusableReview {
                csv,
                reason,
                openable,
            }) => {
                notice = format!(
                    "{}\n{}\n{}",
                    lang.pick(
                        "报告旁边的审核 CSV 未被使用，表格按原文重新提取。第一次保存时会把它另存为 .bak。",
                        "The review CSV beside the report was not used; the tables are extracted afresh. The first save keeps a copy of it as .bak.",
                    ),
                    csv.display(),
                    reason
                );
                notice_buttons = if *openable {
                    vec![Command::OpenReviewAnyway(csv.clone()), Command::Dismiss]
                } else {
                    vec![Command::Dismiss]
                };
                (notice.as_str(), notice_buttons.as_slice())
            }
            Some(Prompt::Finish { broken, ambiguous }) => {
                finish = match lang {
                    super::Lang::Zh => format!(
                        "还有 {broken} 条勾稽不平、{ambiguous} 处读法存疑。仍然把所有非空单元格标为已核并保存吗？"
                    ),
                    super::Lang::En => format!(
                        "{broken} broken rules and {ambiguous} ambiguous readings remain. Check every cell that is not blank and save anyway?"
                    ),
                };
                (
                    finish.as_str(),
                    &[Command::FinishAnyway, Command::PromptCancel],
                )
            }
            None => return,
            Some(Prompt::Reading {
                finding,
                highlighted,
            }) => {
                let session = &self.session;
                super::reading_chooser::chooser_ui(ctx, session, *finding, highlighted, lang, out);
                return;
            }
            Some(Prompt::Path(field)) => {
                field.ui(ctx, lang, out);
                return;
            }
            Some(Prompt::Unsaved(_)) => (
                lang.pick(
                    "有未保存的修改。先保存吗？",
                    "There are unsaved changes. Save them first?",
                ),
                &[
                    Command::PromptSave,
                    Command::PromptDiscard,
                    Command::PromptCancel,
                ],
            ),
            Some(Prompt::Invalid(_)) => (
                lang.pick(
                    "单元格里输入的值无效，尚未保存。返回修改，还是放弃这次输入？",
                    "The value typed into the cell is invalid and not taken. Go back and fix it, or discard it?",
                ),
                &[Command::PromptCancel, Command::DiscardTyping],
            ),
            Some(Prompt::Recovery(_)) => (
                lang.pick(
                    "发现上次未保存的修改（程序意外退出）。要恢复吗？",
                    "Unsaved changes from an earlier run were found. Restore them?",
                ),
                &[Command::RestoreRecovery, Command::PromptDiscard],
            ),
        };
        egui::Modal::new(egui::Id::unique("prompt")).show(ctx, |ui| {
            ui.label(question);
            if let Some(problem) = self.grid.invalid {
                ui.colored_label(egui::Color32::RED, lang.problem(problem));
            }
            ui.horizontal(|ui| {
                for command in buttons {
                    if ui.button(command.text(lang)).clicked() {
                        out.push(command.clone());
                    }
                }
            });
        });
    }
}
