//! Running [`Command`]s on the [`ReviewApp`]: edits, undo, navigation, opening and saving with
//! the unsaved-changes prompt, and the recovery offer. The queue's commands run in `folder`.

use std::path::{Path, PathBuf};

use egui::ViewportCommand;

use super::{After, Command, Prompt, ReviewApp, grid::GridPane, raw_pane::RawPane};
use crate::CellKey;
use crate::export::review_csv_path;
use crate::review::{Edit, ReviewError, Session};
use crate::rules::Policy;

impl ReviewApp {
    /// Runs one command.
    pub fn run(&mut self, command: Command, ctx: &egui::Context) {
        let lang = self.prefs.lang;
        match command {
            Command::Open => self.after_unsaved(After::Open(None), ctx),
            Command::OpenPath(path) if path.is_dir() => {
                self.run_queue(Command::OpenFolderPath(path), ctx);
            }
            Command::OpenPath(path) => self.after_unsaved(After::Open(Some(path)), ctx),
            Command::OpenFolder
            | Command::OpenFolderPath(_)
            | Command::OpenQueued(_)
            | Command::NextInQueue
            | Command::QueueFilter(_)
            | Command::QueueSort(_) => self.run_queue(command, ctx),
            Command::Quit => self.after_unsaved(After::Quit, ctx),
            Command::Save => {
                self.save();
            }
            Command::SaveAs => {
                self.save_as();
            }
            Command::Undo => {
                if let Some(key) = self.session.undo() {
                    self.select_cell(key);
                    self.findings.reset();
                }
            }
            Command::Redo => {
                if let Some(key) = self.session.redo() {
                    self.select_cell(key);
                    self.findings.reset();
                }
            }
            Command::NextFinding => {
                if let Some(i) = self.session.next_finding(self.selected_finding) {
                    self.select_finding(i);
                }
            }
            Command::PreviousFinding => {
                if let Some(i) = self.session.previous_finding(self.selected_finding) {
                    self.select_finding(i);
                }
            }
            Command::SelectFinding(i) => self.select_finding(i),
            Command::SelectCell(key) => {
                self.select_cell(key);
                self.selected_finding = self.selected_finding.filter(|&i| {
                    self.session
                        .findings()
                        .get(i)
                        .is_some_and(|f| f.cells.contains(&key))
                });
            }
            Command::SelectSource(byte) => {
                if let Some(key) = self.cell_near(byte) {
                    self.run(Command::SelectCell(key), ctx);
                }
            }
            Command::ApplyRepair => self.apply_repair(),
            Command::MarkReviewed => {
                if let Some(key) = self.selected_cell {
                    self.session.apply(Edit::MarkReviewed { key });
                }
            }
            Command::Edit(edit) => {
                let key = edit.key();
                if self.session.apply(edit) {
                    self.message = None;
                    self.selected_finding = None;
                }
                self.select_cell(key);
            }
            Command::ToggleBlankAsZero => {
                self.prefs.blank_as_zero = !self.prefs.blank_as_zero;
                self.session.set_policy(Policy {
                    blank_as_zero: self.prefs.blank_as_zero,
                });
                self.selected_finding = None;
                // Statuses depend on the policy: read the folder again.
                if let Some(root) = self.queue.as_ref().map(|q| q.root().to_path_buf()) {
                    self.read_folder(&root);
                }
            }
            Command::ToggleLanguage => self.prefs.lang = lang.toggled(),
            Command::ToggleTheme => {
                let theme = match ctx.theme() {
                    egui::Theme::Dark => egui::Theme::Light,
                    egui::Theme::Light => egui::Theme::Dark,
                };
                ctx.set_theme(theme);
            }
            Command::Find => self.raw.focus_search = true,
            Command::PromptSave => {
                if let Some(Prompt::Unsaved(after)) = self.prompt.take()
                    && self.save()
                {
                    self.go_on(after, ctx);
                }
            }
            Command::PromptDiscard => match self.prompt.take() {
                Some(Prompt::Unsaved(after)) => {
                    self.session.discard_recovery();
                    self.go_on(after, ctx);
                }
                Some(Prompt::Recovery(_)) => self.session.discard_recovery(),
                None => {}
            },
            Command::PromptCancel => self.prompt = None,
            Command::RestoreRecovery => {
                self.prompt = None;
                self.message = Some(match self.session.restore_recovery() {
                    Ok(n) => format!("{} {n}", lang.pick("已恢复单元格：", "cells restored:")),
                    Err(e) => e.to_string(),
                });
            }
        }
    }

    fn after_unsaved(&mut self, after: After, ctx: &egui::Context) {
        if self.session.is_dirty() {
            self.prompt = Some(Prompt::Unsaved(after));
        } else {
            self.go_on(after, ctx);
        }
    }

    fn go_on(&mut self, after: After, ctx: &egui::Context) {
        match after {
            After::Quit => {
                self.closing = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            After::Open(path) => {
                let start = self
                    .session
                    .csv_path()
                    .and_then(Path::parent)
                    .map(Path::to_path_buf);
                let Some(path) = path.or_else(|| self.dialogs.open_file(start.as_deref())) else {
                    return;
                };
                match Session::open(&path) {
                    Ok(session) => {
                        self.session = session;
                        self.loaded();
                        self.remember(&path);
                        self.message = Some(path.display().to_string());
                    }
                    Err(e) => self.message = Some(format!("{}: {e}", path.display())),
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
        self.grid = GridPane::default();
        self.raw = RawPane::default();
        self.findings.reset();
        self.prompt = self.session.recovery_available().map(Prompt::Recovery);
        self.follow_in_queue();
    }

    /// Saves; asks for a name when the session has none. True when saved.
    fn save(&mut self) -> bool {
        if self.session.csv_path().is_none() {
            return self.save_as();
        }
        let result = self.session.save();
        self.report_save(result)
    }

    fn save_as(&mut self) -> bool {
        let current = self.session.csv_path().map(Path::to_path_buf);
        let name = current
            .as_deref()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| {
                review_csv_path(Path::new(match self.session.report().file.as_str() {
                    "" => "sample-report.txt",
                    file => file,
                }))
                .display()
                .to_string()
            });
        let start = current.as_deref().and_then(Path::parent);
        let Some(path) = self.dialogs.save_file(start, &name) else {
            return false;
        };
        let result = self.session.save_as(&path).map(|()| path);
        self.report_save(result)
    }

    /// Says in the status bar how a save went; `true` when it succeeded.
    fn report_save(&mut self, result: Result<PathBuf, ReviewError>) -> bool {
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
                self.message = Some(format!("{}: {e}", lang.pick("保存失败", "Save failed")));
                false
            }
        }
    }

    fn apply_repair(&mut self) {
        let from_finding = self
            .selected_finding
            .and_then(|i| self.session.findings().get(i))
            .and_then(|f| f.repair);
        let from_cell = || {
            let key = self.selected_cell?;
            self.session
                .findings()
                .iter()
                .filter_map(|f| f.repair)
                .find(|r| r.cell == key)
        };
        let Some(repair) = from_finding.or_else(from_cell) else {
            self.message = Some(
                self.prefs
                    .lang
                    .pick("没有可采用的建议值", "No repair to apply")
                    .to_owned(),
            );
            return;
        };
        self.session.apply(Edit::ApplyRepair {
            key: repair.cell,
            value: repair.value,
        });
        self.select_cell(repair.cell);
        self.selected_finding = None;
    }

    /// The cell read nearest to `byte` on the same line of the report text, if any.
    fn cell_near(&self, byte: usize) -> Option<CellKey> {
        let doc = self.session.document()?;
        let line = doc.line_of(byte);
        self.session
            .report()
            .cells
            .iter()
            .filter_map(|(key, cell)| {
                let span = cell.source.as_ref()?.span.clone()?;
                (doc.line_of(span.start) == line).then_some((key, span))
            })
            .min_by_key(|(_, span)| {
                if byte < span.start {
                    span.start - byte
                } else {
                    byte.saturating_sub(span.end)
                }
            })
            .map(|(key, _)| *key)
    }

    fn select_finding(&mut self, i: usize) {
        let Some(finding) = self.session.findings().get(i) else {
            return;
        };
        let cell = finding
            .repair
            .map(|r| r.cell)
            .or_else(|| finding.cells.first().copied());
        if let Some(key) = cell {
            self.select_cell(key);
        }
        self.selected_finding = Some(i);
    }

    fn select_cell(&mut self, key: CellKey) {
        if self.selected_cell != Some(key) {
            self.grid.editing = None;
            self.grid.invalid = None;
        }
        self.selected_cell = Some(key);
        self.grid.scroll_to = Some(key);
        let line = self
            .session
            .report()
            .cells
            .get(&key)
            .and_then(|c| c.source.as_ref())
            .map(|s| s.line);
        if let Some(line) = line.filter(|&l| l > 0) {
            self.raw.scroll_to_line = Some(line - 1);
        }
    }
}
