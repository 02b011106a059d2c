//! Running [`Command`]s on the [`ReviewApp`]: committing what is typed (the one place that
//! does, [`ReviewApp::commit_pending`]), edits, undo, navigation, the answers to questions and
//! the recovery offer. Opening and saving run in `files`, the queue's commands in `folder`.

use super::{After, Command, Lang, Prompt, ReviewApp, grid};
use crate::CellKey;
use crate::review::{CellRange, Edit, copy_text};
use crate::rules::Policy;

impl ReviewApp {
    /// Commits what is typed into the grid, if anything: the one place that does. True when
    /// nothing is pending any more; false when the text was refused, and then the cell stays in
    /// edit with the reason beside it and in the status bar.
    pub fn commit_pending(&mut self) -> bool {
        let Some(editor) = &self.grid.editor else {
            return true;
        };
        let key = editor.key;
        match self.session.parse_input(&key, editor.text()) {
            Ok(value) => {
                self.grid.editor = None;
                self.grid.invalid = None;
                let selected = self.selected_finding.and_then(|i| {
                    let f = self.session.findings().get(i)?;
                    Some((i, f.check, f.cells.clone()))
                });
                if self.session.apply(Edit::SetValue { key, value }) {
                    self.findings.reset();
                    // The same finding stays selected (F8 then goes on from it); when the edit
                    // settled it, the one before its place is, so F8 lands on what took it.
                    self.selected_finding = selected.and_then(|(i, rule, cells)| {
                        let findings = self.session.findings();
                        let same = findings.iter().position(|f| f.is(rule) && f.cells == cells);
                        same.or_else(|| i.checked_sub(1))
                    });
                }
                true
            }
            Err(problem) => {
                let lang = self.prefs.lang;
                self.grid.invalid = Some(problem);
                self.message = Some(format!(
                    "{}: {}",
                    lang.pick("输入无效，未采用", "Invalid value, not taken"),
                    lang.problem(problem)
                ));
                false
            }
        }
    }

    /// Runs one command, committing what is typed first when the command leaves the cell; a
    /// refused value stops the command (quitting asks instead).
    pub fn run(&mut self, command: Command, ctx: &egui::Context) {
        let lang = self.prefs.lang;
        if let Command::ClickCell(key) | Command::SelectCell(key) = &command
            && self.grid.editor.as_ref().is_some_and(|e| e.key == *key)
        {
            // A click on the cell being typed into keeps typing.
            return;
        }
        if command.commits_typing() && !self.commit_pending() {
            if command == Command::Quit {
                self.prompt = Some(Prompt::Invalid(After::Quit));
            }
            return;
        }
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
            Command::Save => self.save(None),
            Command::SaveAs => self.save_as(None),
            Command::ExportFindings => self.export_findings(),
            Command::Undo | Command::Redo => {
                let undo = command == Command::Undo;
                let touched = if undo {
                    self.session.undo()
                } else {
                    self.session.redo()
                };
                match touched {
                    Some(key) => {
                        self.select_cell(key, true);
                        self.findings.reset();
                    }
                    None => self.say(if undo {
                        lang.pick("没有可撤销的修改", "Nothing to undo")
                    } else {
                        lang.pick("没有可重做的修改", "Nothing to redo")
                    }),
                }
            }
            Command::NextFinding | Command::PreviousFinding => {
                let next = if command == Command::NextFinding {
                    self.session.next_finding(self.selected_finding)
                } else {
                    self.session.previous_finding(self.selected_finding)
                };
                match next {
                    Some(i) => self.select_finding(i),
                    None => self.say(lang.pick("没有发现问题", "No findings")),
                }
            }
            Command::SelectFinding(i) => self.select_finding(i),
            Command::SelectCell(key) | Command::ClickCell(key) => {
                self.select_cell(key, matches!(command, Command::SelectCell(_)));
                self.selected_finding = self.selected_finding.filter(|&i| {
                    self.session
                        .findings()
                        .get(i)
                        .is_some_and(|f| f.cells.contains(&key))
                });
            }
            Command::Move(step) => {
                let target = self
                    .selected_cell
                    .and_then(|from| grid::step_target(&self.session, from, step));
                if let Some(key) = target {
                    self.run(Command::SelectCell(key), ctx);
                }
            }
            Command::SelectSource(byte) => {
                if let Some(key) = self.cell_near(byte) {
                    self.run(Command::SelectCell(key), ctx);
                }
            }
            Command::ApplyRepair => self.apply_repair(),
            Command::PickReading => self.pick_reading(),
            Command::ChooseReading(reading) => self.choose_reading(reading),
            Command::ToggleChecked => {
                let keys = self.selection();
                if keys.is_empty() {
                    self.say(lang.pick("请先选择单元格", "Select a cell first"));
                } else {
                    let cells = &self.session.report().cells;
                    let checked = !keys.iter().all(|k| cells.get(k).is_some_and(|c| c.checked));
                    let edits = keys
                        .iter()
                        .map(|&key| Edit::SetChecked { key, checked })
                        .collect();
                    self.session.apply_all(edits);
                }
            }
            Command::FinishReport => {
                let counts = self.session.counts();
                if counts.broken + counts.ambiguous > 0 {
                    self.prompt = Some(Prompt::Finish {
                        broken: counts.broken,
                        ambiguous: counts.ambiguous,
                    });
                } else {
                    self.finish();
                }
            }
            Command::FinishAnyway => {
                if let Some(Prompt::Finish { .. }) = self.prompt {
                    self.prompt = None;
                    self.finish();
                }
            }
            Command::Copy => self.copy(ctx),
            Command::Paste(None) => ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste),
            Command::Paste(Some(text)) => self.paste(&text),
            Command::Extend(step) => {
                let target = self
                    .selected_cell
                    .and_then(|from| grid::step_target(&self.session, from, step));
                if let Some(key) = target {
                    self.extend_to(key, true);
                }
            }
            Command::ExtendTo(key) => self.extend_to(key, false),
            Command::ShowChanges => self.show_changes = !self.show_changes,
            Command::Help => self.show_help = !self.show_help,
            Command::ZoomIn => egui::gui_zoom::zoom_in(ctx),
            Command::ZoomOut => egui::gui_zoom::zoom_out(ctx),
            Command::ZoomReset => ctx.set_zoom_factor(1.0),
            Command::Edit(edit) => {
                let key = edit.key();
                if self.session.apply(edit) {
                    self.message = None;
                    self.selected_finding = None;
                }
                self.select_cell(key, true);
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
            Command::Find => {
                if self.prefs.collapsed.raw {
                    self.prefs.collapsed.raw = false;
                }
                self.raw.focus_search = true;
            }
            Command::TogglePane(pane) => self.prefs.collapsed.toggle(pane),
            Command::ToggleWrap => self.prefs.wrap_lines = !self.prefs.wrap_lines,
            Command::PromptSave => {
                if let Some(Prompt::Unsaved(after)) = self.prompt.take() {
                    self.save(Some(after));
                }
            }
            Command::PromptDiscard => match self.prompt.take() {
                Some(Prompt::Unsaved(after)) => {
                    self.session.discard_recovery();
                    self.go_on(after, ctx);
                }
                Some(Prompt::Recovery(_)) => self.session.discard_recovery(),
                other => self.prompt = other,
            },
            Command::DiscardTyping => {
                self.grid.editor = None;
                self.grid.invalid = None;
                if let Some(Prompt::Invalid(after)) = self.prompt.take() {
                    self.after_unsaved(after, ctx);
                }
            }
            Command::OpenReviewAnyway(csv) => {
                self.prompt = None;
                self.after_unsaved(After::Open(Some(csv)), ctx);
            }
            Command::Dismiss => self.prompt = None,
            Command::PromptCancel => {
                if let Some(Prompt::Path(_)) = self.prompt.take() {
                    self.say(lang.pick("已取消", "Cancelled"));
                }
            }
            Command::PathConfirm => {
                if let Some(Prompt::Path(field)) = self.prompt.take() {
                    self.path_chosen(field, ctx);
                }
            }
            Command::RestoreRecovery => {
                self.prompt = None;
                self.message = Some(match self.session.restore_recovery() {
                    Ok(n) => format!("{} {n}", lang.pick("已恢复单元格：", "cells restored:")),
                    Err(e) => lang.open_error(&e),
                });
            }
        }
    }

    /// The selected cells: the rectangle from the anchor to the selected cell, or the selected
    /// cell alone, or none.
    pub(super) fn selection(&self) -> Vec<CellKey> {
        let Some(end) = self.selected_cell else {
            return Vec::new();
        };
        let range = CellRange {
            anchor: self.anchor.unwrap_or(end),
            end,
        };
        range
            .cells(self.session.report().form)
            .map_or_else(|| vec![end], |rows| rows.concat())
    }

    /// Moves the selection's end to `key`, keeping its anchor, when `key` is in the anchor's
    /// table (a selection never spans two tables).
    fn extend_to(&mut self, key: CellKey, reveal: bool) {
        let anchor = self.anchor.or(self.selected_cell).unwrap_or(key);
        if anchor.table != key.table {
            self.say(
                self.prefs
                    .lang
                    .pick("选区不能跨越两张表", "A selection stays within one table"),
            );
            return;
        }
        self.select_cell(key, reveal);
        self.anchor = Some(anchor);
    }

    /// Copies the selection as tab-separated text.
    fn copy(&mut self, ctx: &egui::Context) {
        let lang = self.prefs.lang;
        let Some(end) = self.selected_cell else {
            return self.say(lang.pick("请先选择单元格", "Select a cell first"));
        };
        let range = CellRange {
            anchor: self.anchor.unwrap_or(end),
            end,
        };
        let rows = range
            .cells(self.session.report().form)
            .unwrap_or_else(|| vec![vec![end]]);
        let text = copy_text(self.session.report(), &rows);
        let width = rows.first().map_or(0, Vec::len);
        self.message = Some(format!(
            "{} {} × {}",
            lang.pick("已复制", "Copied"),
            rows.len(),
            width
        ));
        ctx.copy_text(text);
    }

    /// Pastes `text` at the selected cell, all or nothing.
    fn paste(&mut self, text: &str) {
        let lang = self.prefs.lang;
        let Some(at) = self.selected_cell else {
            return self.say(lang.pick("请先选择单元格", "Select a cell first"));
        };
        match self.session.paste(at, text) {
            Ok(n) => {
                self.findings.reset();
                self.selected_finding = None;
                self.message = Some(format!(
                    "{} {n}",
                    lang.pick("已粘贴单元格：", "cells pasted:")
                ));
            }
            Err(e) => {
                let form = self.session.report().form;
                self.message = Some(e.describe(form, lang == Lang::Zh));
            }
        }
    }

    /// Checks every cell not blank in the source, as one edit, and saves.
    fn finish(&mut self) {
        let lang = self.prefs.lang;
        self.session.check_all();
        self.findings.reset();
        self.save(None);
        if !self.session.is_dirty() {
            self.message = Some(format!(
                "{} · {}",
                lang.pick("已完成复核", "Report finished"),
                self.message.as_deref().unwrap_or_default()
            ));
        }
    }

    /// Opens the chooser of the selected finding's readings.
    fn pick_reading(&mut self) {
        let lang = self.prefs.lang;
        let Some(i) = self.selected_finding else {
            return self.say(lang.pick("请先选择一个问题（F8）", "Select a finding first (F8)"));
        };
        let listed = self
            .session
            .findings()
            .get(i)
            .map_or(0, |f| f.readings.len());
        if listed > 1 {
            self.prompt = Some(Prompt::Reading {
                finding: i,
                highlighted: 0,
            });
        } else {
            self.say(lang.pick("这个问题没有可选的读法", "This finding lists no readings"));
        }
    }

    /// Fills the cells of the finding in the chooser (or the selected one) with `reading`.
    fn choose_reading(&mut self, reading: usize) {
        let lang = self.prefs.lang;
        let finding = match self.prompt.take() {
            Some(Prompt::Reading { finding, .. }) => Some(finding),
            other => {
                self.prompt = other;
                self.selected_finding
            }
        };
        let Some(finding) = finding else {
            return self.say(lang.pick("请先选择一个问题（F8）", "Select a finding first (F8)"));
        };
        match self.session.choose_reading(finding, reading) {
            Ok(keys) => {
                self.findings.reset();
                let first = keys.first().copied();
                if let Some(first) = first {
                    self.select_cell(first, true);
                }
                self.selected_finding = None;
                let note = first
                    .and_then(|k| self.session.report().cells.get(&k))
                    .map(|c| c.note.clone())
                    .unwrap_or_default();
                self.message = Some(format!(
                    "{} {} · {note}",
                    lang.pick("已选定读法，填入单元格：", "Reading chosen, cells filled:"),
                    keys.len()
                ));
            }
            Err(e) => self.message = Some(e.describe(lang == Lang::Zh)),
        }
    }

    /// Shows `text` in the status bar.
    pub(super) fn say(&mut self, text: &str) {
        self.message = Some(text.to_owned());
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
        self.select_cell(repair.cell, true);
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
            self.select_cell(key, true);
        }
        self.selected_finding = Some(i);
        self.finding_in_focus = true;
    }

    /// Selects `key`, scrolling the grid to it when `reveal` (keyboard, findings), not for a
    /// mouse click; the report text follows either way. What was typed is committed already.
    fn select_cell(&mut self, key: CellKey, reveal: bool) {
        self.selected_cell = Some(key);
        self.anchor = None;
        self.finding_in_focus = false;
        if reveal {
            self.grid.reveal = Some(key);
        }
        self.raw.reveal = self.source_span();
    }
}
