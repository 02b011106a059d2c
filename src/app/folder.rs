//! Running the queue's commands on the [`ReviewApp`]: reading a folder in the background,
//! taking its queue when ready, and moving between its reports. Moving on saves the review
//! first (no question asked: that is the queue's flow); a failed save keeps the reviewer and the
//! edits where they are.

use std::path::{Path, PathBuf};

use super::path_field::Purpose;
use super::{After, Command, Prompt, ReviewApp};
use crate::corpus::{self, queue::FolderLoad};
use crate::review::{ReviewError, Session};
use crate::rules::Policy;

impl ReviewApp {
    /// Runs one queue command.
    pub(super) fn run_queue(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::OpenFolder => {
                let start = self
                    .queue
                    .as_ref()
                    .map(|q| q.root().to_path_buf())
                    .or_else(|| self.source_path()?.parent().map(Path::to_path_buf));
                let answer = self.dialogs.pick_folder(start.as_deref());
                if let Some(folder) = self.answered(answer, Purpose::OpenFolder, start, "") {
                    self.run_queue(Command::OpenFolderPath(folder), ctx);
                }
            }
            Command::OpenFolderPath(folder) => {
                self.read_folder(&folder);
                self.remember(&folder);
            }
            Command::OpenQueued(i) => {
                let _ = self.open_queued(i, ctx);
            }
            Command::NextInQueue => self.next_in_queue(ctx),
            Command::QueueFilter(filter) => {
                if let Some(queue) = &mut self.queue {
                    queue.set_filter(filter);
                    self.queue_pane.scroll_to_current = true;
                }
            }
            Command::QueueSort(key) => {
                if let Some(queue) = &mut self.queue {
                    queue.sort_by(key);
                    self.queue_pane.scroll_to_current = true;
                }
            }
            _ => self.run(command, ctx),
        }
    }

    fn policy(&self) -> Policy {
        Policy {
            blank_as_zero: self.prefs.blank_as_zero,
        }
    }

    /// Starts reading `folder` into the queue; a folder already being read is dropped.
    pub(super) fn read_folder(&mut self, folder: &Path) {
        match FolderLoad::start(folder, self.policy()) {
            Ok(load) => {
                self.loading = Some(load);
                if let Some(stats) = &mut self.stats {
                    stats.folder_started();
                }
            }
            Err(e) => {
                let reason = match &e {
                    corpus::queue::QueueError::Folder { source, .. } => {
                        self.prefs.lang.failure(&corpus::Failure::of_io(source))
                    }
                    _ => self
                        .prefs
                        .lang
                        .pick("无法开始读取文件夹", "cannot start reading the folder")
                        .to_owned(),
                };
                self.message = Some(format!("{}: {reason}", folder.display()));
            }
        }
    }

    /// Takes the queue once the folder has been read.
    pub(super) fn poll_folder(&mut self) {
        let Some(result) = self.loading.as_ref().and_then(FolderLoad::poll) else {
            return;
        };
        let lang = self.prefs.lang;
        let root = self.loading.take().map(|l| l.root().to_path_buf());
        match result {
            Ok(mut queue) => {
                if let Some(stats) = &mut self.stats {
                    stats.folder_loaded(queue.rows().len());
                }
                if let Some(old) = self.queue.as_ref().filter(|o| o.root() == queue.root()) {
                    queue.keep_view(old);
                }
                if let Some(path) = self.source_path() {
                    queue.set_current(&path);
                }
                self.message = Some(format!(
                    "{} {} {} · {} {}",
                    lang.pick("已读取", "Read"),
                    queue.rows().len(),
                    lang.pick("份报告", "reports"),
                    queue.needing_attention(),
                    lang.pick("份需处理", "need attention"),
                ));
                // Still on the bundled sample: start on the folder's first report that needs
                // attention (else its first report), as F7 would.
                let first = queue
                    .next_needing_attention()
                    .or_else(|| queue.visible().first().copied());
                if self.source_path().is_none()
                    && !self.session.is_dirty()
                    && self.prompt.is_none()
                    && self.grid.editor.is_none()
                    && let Some(i) = first
                {
                    self.pending.push(Command::OpenQueued(i));
                }
                self.queue = Some(queue);
                self.queue_pane.scroll_to_current = true;
            }
            Err(e) => {
                let root = root.unwrap_or_default();
                let reason = match &e {
                    corpus::queue::QueueError::Folder { source, .. } => {
                        lang.failure(&corpus::Failure::of_io(source))
                    }
                    _ => lang
                        .pick(
                            "读取文件夹时意外中断",
                            "reading the folder stopped unexpectedly",
                        )
                        .to_owned(),
                };
                self.message = Some(format!("{}: {reason}", root.display()));
            }
        }
    }

    /// The report file of the session, when it has one (canonical, as the queue names it).
    pub(super) fn source_path(&self) -> Option<PathBuf> {
        let path = self
            .session
            .document()
            .and_then(|d| d.path.clone())
            .or_else(|| {
                let file = &self.session.report().file;
                let csv = self.session.csv_path()?;
                (!file.is_empty()).then(|| csv.with_file_name(file))
            })?;
        Some(std::fs::canonicalize(&path).unwrap_or(path))
    }

    /// Marks the session's report as the queue's current one and gives the session the folder's
    /// reports it is checked against year to year.
    pub(super) fn follow_in_queue(&mut self) {
        let path = self.source_path();
        if let Some(queue) = &mut self.queue {
            match &path {
                Some(path) => {
                    queue.set_current(path);
                    // The same agency's other years in the folder: S1/S2 in this report too.
                    self.session.set_neighbours(queue.neighbours(path));
                }
                None => {
                    queue.set_current(Path::new(""));
                }
            };
            self.queue_pane.scroll_to_current = true;
        }
    }

    /// Reads the saved report again so its queue row shows its new status.
    pub(super) fn refresh_queue_row(&mut self) {
        let policy = self.policy();
        let Some(path) = self.source_path() else {
            return;
        };
        if let Some(queue) = &mut self.queue
            && queue.position(&path).is_some()
        {
            queue.update(&corpus::load(&path, policy));
        }
    }

    /// Opens the next report of the queue that needs attention (F7), going past the reports
    /// that cannot be opened (each named in the status bar) instead of stopping at them.
    fn next_in_queue(&mut self, ctx: &egui::Context) {
        let lang = self.prefs.lang;
        let Some(rows) = self.queue.as_ref().map(|q| q.rows().len()) else {
            return self.say(lang.pick(
                "请先打开文件夹（文件 ▸ 打开文件夹…）",
                "Open a folder first (File ▸ Open folder…)",
            ));
        };
        let mut skipped: Vec<usize> = Vec::new();
        let mut opened = false;
        while let Some(i) = self.queue.as_ref().and_then(|q| q.next_needing_attention()) {
            if skipped.contains(&i) || skipped.len() >= rows {
                break;
            }
            match self.open_queued(i, ctx) {
                Queued::Unreadable => skipped.push(i),
                Queued::Opened => {
                    opened = true;
                    break;
                }
                Queued::Stayed => return,
            }
        }
        let names: Vec<String> = skipped
            .iter()
            .filter_map(|&i| self.queue.as_ref()?.row(i).map(|r| r.name.clone()))
            .collect();
        let passed = if names.is_empty() {
            String::new()
        } else {
            format!(
                "{}{} · ",
                lang.pick(
                    "已跳过无法读取的报告：",
                    "passed over reports that cannot be read: "
                ),
                names.join(lang.pick("、", ", "))
            )
        };
        if opened {
            let shown = self.message.take().unwrap_or_default();
            self.message = Some(format!("{passed}{shown}"));
        } else {
            self.message = Some(format!(
                "{passed}{}",
                lang.pick("没有其他需要处理的报告", "No other report needs attention")
            ));
        }
    }

    /// Opens row `i` of the queue, saving the review first when there are edits.
    fn open_queued(&mut self, i: usize, ctx: &egui::Context) -> Queued {
        let start = std::time::Instant::now();
        let Some((path, name)) = self
            .queue
            .as_ref()
            .and_then(|q| q.row(i))
            .map(|r| (r.path.clone(), r.name.clone()))
        else {
            return Queued::Stayed;
        };
        let queued = self.open_queued_path(path, ctx);
        if let (Some(stats), Queued::Opened) = (&mut self.stats, &queued) {
            stats.opened(&name, start);
        }
        queued
    }

    /// Opens the queue's report `path`, saving the review first when there are edits.
    fn open_queued_path(&mut self, path: PathBuf, ctx: &egui::Context) -> Queued {
        let lang = self.prefs.lang;
        if self.source_path().as_deref() == Some(path.as_path()) {
            self.follow_in_queue();
            return Queued::Opened;
        }
        let mut saved = String::new();
        if self.session.is_dirty() {
            match self.session.save() {
                Ok(csv) => {
                    self.refresh_queue_row();
                    saved = format!("{} {} · ", lang.pick("已保存", "Saved"), csv.display());
                }
                Err(ReviewError::NoPath) => {
                    // No file to save beside (the sample): ask, as opening any file does.
                    self.prompt = Some(Prompt::Unsaved(After::Open(Some(path))));
                    return Queued::Stayed;
                }
                Err(e) => {
                    self.message = Some(format!(
                        "{}: {} — {}",
                        lang.pick("保存失败", "Save failed"),
                        lang.open_error(&e),
                        lang.pick(
                            "未切换报告，修改仍在",
                            "staying on this report, the edits are kept",
                        ),
                    ));
                    return Queued::Stayed;
                }
            }
        }
        match Session::open(&path) {
            Ok(session) => {
                self.session = session;
                self.loaded();
                // Land on the first problem, with the grid and the text scrolled to it.
                self.run(Command::NextFinding, ctx);
                self.message = Some(format!(
                    "{saved}{} {}",
                    lang.pick("已打开", "Opened"),
                    path.display()
                ));
                Queued::Opened
            }
            Err(e) => {
                // The row stays marked, so F7 goes on past it instead of trying it again.
                if let Some(queue) = &mut self.queue {
                    queue.set_current(&path);
                }
                self.message = Some(format!(
                    "{saved}{}: {}",
                    path.display(),
                    lang.open_error(&e)
                ));
                Queued::Unreadable
            }
        }
    }
}

/// How opening a report of the queue went.
enum Queued {
    /// It is open.
    Opened,
    /// It could not be read; the review before it was saved, and the queue points at it.
    Unreadable,
    /// The window stayed on its report (a save failed, or a question is asked).
    Stayed,
}
