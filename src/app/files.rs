//! Opening and saving on the [`ReviewApp`]: the unsaved-changes question, the file dialogs and,
//! when none can be shown, the in-window path field ([`PathField`]); saving (asking for a name
//! when the review has none, as for the bundled sample), saying how it went, and resetting the
//! view for a newly opened report.

use std::path::{Path, PathBuf};

use egui::ViewportCommand;

use super::dialogs::Answer;
use super::path_field::{PathField, Purpose};
use super::{After, Command, Prompt, ReviewApp, grid::GridPane, raw_pane::RawPane};
use crate::export::{ExportError, review_csv_path};
use crate::review::{ReviewError, ReviewNotice, Session};
use crate::rules::Policy;

impl ReviewApp {
    pub(super) fn after_unsaved(&mut self, after: After, ctx: &egui::Context) {
        if self.session.is_dirty() {
            self.prompt = Some(Prompt::Unsaved(after));
        } else {
            self.go_on(after, ctx);
        }
    }

    pub(super) fn go_on(&mut self, after: After, ctx: &egui::Context) {
        match after {
            After::Quit => {
                self.closing = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            After::Open(Some(path)) => self.open_now(&path),
            After::Open(None) => {
                let start = self.start_folder();
                let answer = self.dialogs.open_file(start.as_deref());
                if let Some(path) = self.answered(answer, Purpose::Open, start, "") {
                    self.open_now(&path);
                }
            }
        }
    }

    /// Opens `path` in place of the session (the unsaved edits are dealt with already).
    pub(super) fn open_now(&mut self, path: &Path) {
        match Session::open(path) {
            Ok(session) => {
                self.session = session;
                self.loaded();
                self.remember(path);
                self.message = Some(path.display().to_string());
            }
            Err(e) => {
                let reason = self.prefs.lang.open_error(&e);
                self.message = Some(format!("{}: {reason}", path.display()));
            }
        }
    }

    /// The folder dialogs start in: the review's, or the queue's.
    pub(super) fn start_folder(&self) -> Option<PathBuf> {
        self.session
            .csv_path()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .or_else(|| self.queue.as_ref().map(|q| q.root().to_path_buf()))
            .or_else(|| std::env::current_dir().ok())
    }

    /// What to do with a dialog's answer: a path to use, or nothing, and then the status bar says
    /// why; when no dialog could be shown, the in-window path field asks instead, starting with
    /// `start` and `name`.
    pub(super) fn answered(
        &mut self,
        answer: Answer,
        purpose: Purpose,
        start: Option<PathBuf>,
        name: &str,
    ) -> Option<PathBuf> {
        let lang = self.prefs.lang;
        match answer {
            Answer::Path(path) => Some(path),
            Answer::Cancelled => {
                self.say(lang.pick("已取消", "Cancelled"));
                None
            }
            Answer::Unavailable => {
                let mut text = start
                    .map(|p| p.join(name).display().to_string())
                    .unwrap_or_default();
                if name.is_empty() && !text.is_empty() && !text.ends_with('/') {
                    text.push('/');
                }
                self.prompt = Some(Prompt::Path(PathField::new(purpose, text)));
                self.say(lang.pick(
                    "无法打开系统文件对话框（没有桌面门户，也没有 zenity）：请在窗口中输入路径",
                    "No file dialog can be shown (no desktop portal, no zenity): type the path in the window",
                ));
                None
            }
        }
    }

    /// Uses the path typed into the in-window field; a path that does not fit keeps the field.
    pub(super) fn path_chosen(&mut self, field: PathField, ctx: &egui::Context) {
        let lang = self.prefs.lang;
        let path = field.path();
        let fits = match &field.purpose {
            Purpose::Open => path.is_file(),
            Purpose::OpenFolder => path.is_dir(),
            Purpose::SaveAs(_) => path
                .parent()
                .is_some_and(|p| p.as_os_str().is_empty() || p.is_dir()),
        };
        if !fits {
            self.message = Some(format!(
                "{}: {}",
                match field.purpose {
                    Purpose::Open => lang.pick("没有这个文件", "No such file"),
                    Purpose::OpenFolder => lang.pick("没有这个文件夹", "No such folder"),
                    Purpose::SaveAs(_) => lang.pick("没有这个文件夹", "No such folder"),
                },
                path.display()
            ));
            self.prompt = Some(Prompt::Path(field));
            return;
        }
        match field.purpose {
            Purpose::Open => self.open_now(&path),
            Purpose::OpenFolder => self.run_queue(Command::OpenFolderPath(path), ctx),
            Purpose::SaveAs(then) => {
                let path = if path.is_dir() {
                    path.join(self.suggested_name())
                } else {
                    path
                };
                let result = self.session.save_as(&path).map(|()| path);
                if self.report_save(result) {
                    if let Some(then) = then {
                        self.go_on(then, ctx);
                    }
                } else {
                    self.prompt = Some(Prompt::Path(PathField::new(
                        Purpose::SaveAs(then),
                        field.text,
                    )));
                }
            }
        }
    }

    /// Puts `path` first in the recently opened files.
    pub(super) fn remember(&mut self, path: &Path) {
        let path = super::recent::remembered(path);
        let recent = &mut self.prefs.recent;
        recent.retain(|p| *p != path);
        recent.insert(0, path);
        recent.truncate(super::RECENT_FILES);
    }

    /// Resets the view for a newly opened session, offers a recovery file if there is one, and
    /// follows the session in the queue.
    pub(super) fn loaded(&mut self) {
        self.session.set_policy(Policy {
            blank_as_zero: self.prefs.blank_as_zero,
        });
        self.selected_cell = None;
        self.selected_finding = None;
        // Fresh scroll positions: the grid opens at its first finding (or the top), never at
        // the previous report's place.
        self.generation += 1;
        self.grid = GridPane::default();
        self.grid.reveal = self.session.findings().first().and_then(|f| {
            f.repair
                .map(|r| r.cell)
                .or_else(|| f.cells.first().copied())
        });
        self.raw = RawPane::default();
        self.findings.reset();
        self.prompt = self.session.recovery_available().map(Prompt::Recovery);
        // Nothing about the review file beside the report is passed over in silence.
        match self.session.review_notice() {
            Some(ReviewNotice::Unusable {
                csv,
                openable,
                cause,
                ..
            }) if self.prompt.is_none() => {
                self.prompt = Some(Prompt::UnusableReview {
                    csv: csv.clone(),
                    reason: self.prefs.lang.unusable(cause),
                    openable: *openable,
                });
            }
            Some(ReviewNotice::Legacy { old, new }) => {
                let lang = self.prefs.lang;
                self.say(&format!(
                    "{} {} {} {}",
                    lang.pick(
                        "读取了旧版审核文件",
                        "Read the earlier version's review file"
                    ),
                    old.display(),
                    lang.pick("；保存时写入", "; saving writes"),
                    new.display()
                ));
            }
            _ => {}
        }
        self.follow_in_queue();
    }

    /// Saves, then goes on with `then`; asks for a name when the session has none.
    pub(super) fn save(&mut self, then: Option<After>) {
        if self.session.csv_path().is_none() {
            return self.save_as(then);
        }
        let result = self.session.save();
        if self.report_save(result)
            && let Some(then) = then
        {
            self.pending_after(then);
        }
    }

    /// The review CSV's name when none is set yet: after the report's file.
    pub(super) fn suggested_name(&self) -> String {
        let file = match self.session.report().file.as_str() {
            "" => "sample-report.txt",
            file => file,
        };
        review_csv_path(Path::new(file))
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// Asks where to save, saves there, then goes on with `then`.
    pub(super) fn save_as(&mut self, then: Option<After>) {
        let current = self.session.csv_path().map(Path::to_path_buf);
        let name = current
            .as_deref()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.suggested_name());
        let start = current
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .or_else(|| self.start_folder());
        let answer = self.dialogs.save_file(start.as_deref(), &name);
        let Some(path) = self.answered(answer, Purpose::SaveAs(then.clone()), start, &name) else {
            return;
        };
        let result = self.session.save_as(&path).map(|()| path);
        if self.report_save(result)
            && let Some(then) = then
        {
            self.pending_after(then);
        }
    }

    /// Goes on with `then` once the frame's commands have run.
    pub(super) fn pending_after(&mut self, then: After) {
        self.pending.push(match then {
            After::Quit => Command::Quit,
            After::Open(Some(path)) => Command::OpenPath(path),
            After::Open(None) => Command::Open,
        });
    }

    /// Says in the status bar how a save went; `true` when it succeeded.
    pub(super) fn report_save(&mut self, result: Result<PathBuf, ReviewError>) -> bool {
        let lang = self.prefs.lang;
        match result {
            Ok(path) => {
                self.message = Some(format!(
                    "{} {}",
                    lang.pick("已保存", "Saved"),
                    path.display()
                ));
                self.refresh_queue_row();
                true
            }
            Err(e) => {
                self.message = Some(save_failure(lang, &e));
                false
            }
        }
    }
}

/// What the status bar says when a save fails. A file held open by another program (Excel or
/// WPS on Windows) is told plainly, with what to do; the edits stay in the window either way.
fn save_failure(lang: super::i18n::Lang, error: &ReviewError) -> String {
    let failed = lang.pick("保存失败", "Save failed");
    match error {
        ReviewError::Export(ExportError::Locked { path }) => format!(
            "{failed}: {} {}",
            path.display(),
            lang.pick(
                "正被其他程序（Excel 或 WPS？）打开：请在那里关闭后再保存。修改都还在窗口里，文件未被改动。",
                "is open in another program (Excel or WPS?): close it there and save again. Your edits are kept in the window; the file was not changed.",
            )
        ),
        e => format!("{failed}: {}", lang.open_error(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::i18n::Lang;

    #[test]
    fn a_file_held_open_by_excel_is_told_plainly() {
        let error = ReviewError::Export(ExportError::Locked {
            path: PathBuf::from(r"\\server\share\报告 2023.pdf.gouji.csv"),
        });
        let zh = save_failure(Lang::Zh, &error);
        assert!(
            zh.starts_with("保存失败: \\\\server\\share\\报告 2023.pdf.gouji.csv 正被其他程序"),
            "{zh}"
        );
        assert!(zh.contains("修改都还在窗口里"), "{zh}");
        assert!(save_failure(Lang::En, &error).contains("close it there and save again"));
    }
}
