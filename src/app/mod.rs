//! The review window (egui/eframe, glow renderer). The only module that names egui.
//!
//! Owns drawing a [`Session`] and turning keys and clicks into [`Command`]s, which
//! [`ReviewApp`] runs after each frame. Panels are structs with a `ui` method, one per file:
//! [`raw_pane`] (source text, search), [`grid`] (the form's tables, editing, measured by
//! [`grid_layout`], its cells in [`grid_cell`], its frozen labels and headers in [`grid_frozen`],
//! typed into through [`cell_editor`]), [`findings_pane`] (counts, findings,
//! equation, repair, note), [`queue_pane`] (a folder's reports), [`status_bar`], the marks of
//! what was done to a cell and their legend in [`marks`], the list of corrections in
//! [`changes_view`], the Help window generated from the command registry in [`help`], the side
//! panes' collapsing in [`panes`], the menu bar and questions in `menu`; commands run in `actions`,
//! opening and saving in `files`, the queue's commands in `folder`, the findings lists in
//! `export_findings`. Fonts and colours live in
//! [`theme`], words in [`i18n`], file dialogs behind [`dialogs::Dialogs`], with the in-window
//! [`path_field`] when none can be shown. The session itself (edits, undo, saving, recovery) is
//! `review`'s and the folder's queue is `corpus::queue`'s; this module holds no data of its own
//! beyond selection, typing buffers and preferences.
//!
//! What is typed into a cell is committed in one place, `ReviewApp::commit_pending`, which every
//! command that leaves the cell or acts on the report goes through ([`Command::commits_typing`]),
//! as do losing the window's focus, clicking into another text box and closing the window.

mod actions;
mod cell_editor;
mod changes_view;
mod command;
mod dialogs;
mod export_findings;
mod files;
mod findings_pane;
mod folder;
mod grid;
mod grid_cell;
mod grid_frozen;
mod grid_layout;
mod help;
mod i18n;
mod icon;
mod marks;
mod menu;
mod panes;
mod path_field;
mod queue_pane;
mod raw_pane;
mod reading_chooser;
mod recent;
mod stats;
mod status_bar;
mod theme;

use std::path::{Path, PathBuf};

use crate::corpus::queue::{FolderLoad, Queue};
use crate::report::Problem;
use crate::review::Session;
use crate::{CellKey, Document, Format};
use egui::ViewportCommand;

pub use command::{Command, GRID_KEYS, GridKey, Pane, SHORTCUTS, Step};
pub use dialogs::{Answer, Dialogs, NativeDialogs, ScriptedDialogs};
use findings_pane::FindingsPane;
use grid::GridPane;
pub use grid::grid_rows;
pub use grid_cell::cell_label;
pub use help::help_lines;
pub use i18n::Lang;
use panes::Collapsed;
use path_field::PathField;
use queue_pane::QueuePane;
use raw_pane::RawPane;
pub use status_bar::SaveState;

/// The report the window opens when started without a file: fictional, with a broken rule.
pub const SAMPLE_REPORT: &str = include_str!("../../assets/samples/sample-report.txt");

/// How many recently opened files the File menu lists.
pub const RECENT_FILES: usize = 10;

/// How a recent file or folder is listed: its name first (a folder's with a `/`), then where
/// it is. Whether it is a folder is the caller's to know: looking on every frame could stall the
/// window on an unreachable network share.
pub fn recent_label(path: &Path, is_folder: bool) -> String {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let slash = if is_folder { "/" } else { "" };
    let folder = path.parent().unwrap_or(Path::new("")).display();
    format!("{name}{slash}  ({folder})")
}

/// The key under which [`Prefs`] are persisted.
const PREFS_KEY: &str = "gouji-prefs";

/// Saved preferences.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Files and folders opened lately, newest first (at most [`RECENT_FILES`]).
    pub recent: Vec<PathBuf>,
    /// The window's language.
    pub lang: Lang,
    /// Count blank cells as 0.
    pub blank_as_zero: bool,
    /// The side panes collapsed (their widths are remembered by egui).
    pub collapsed: Collapsed,
    /// Wrap the report text's long lines.
    pub wrap_lines: bool,
}

/// What the window is asking the reviewer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// There are unsaved edits; then do this.
    Unsaved(After),
    /// The value typed into a cell is invalid; fix it, or discard it and do this.
    Invalid(After),
    /// A recovery file from an earlier run exists.
    Recovery(PathBuf),
    /// The review CSV beside the report was not used: why, and the CSV when it can still be
    /// opened on its own.
    UnusableReview {
        /// The review CSV.
        csv: PathBuf,
        /// Why it was not used.
        reason: String,
        /// Whether it can be opened on its own.
        openable: bool,
    },
    /// No file dialog could be shown: type the path.
    Path(PathField),
    /// Picking one of a finding's readings: the finding (an index into the session's
    /// findings) and the reading under the arrows.
    Reading {
        /// The finding.
        finding: usize,
        /// The reading the arrows are on (0-based).
        highlighted: usize,
    },
    /// Finishing a report whose rules are not all settled: finish anyway, or go back.
    Finish {
        /// Broken rules left.
        broken: usize,
        /// Ambiguous readings left.
        ambiguous: usize,
    },
}

/// What to do once the unsaved edits are saved or discarded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum After {
    /// Open a file (ask for one when `None`).
    Open(Option<PathBuf>),
    /// Close the window.
    Quit,
}

/// The review window's state.
pub struct ReviewApp {
    session: Session,
    prefs: Prefs,
    selected_cell: Option<CellKey>,
    /// Where a Shift-selection started: the selection is the rectangle from here to
    /// `selected_cell`.
    anchor: Option<CellKey>,
    selected_finding: Option<usize>,
    /// Whether the selected finding was selected last (F8, a click on it), not a cell since:
    /// then Enter opens its readings' chooser instead of moving down.
    finding_in_focus: bool,
    /// Whether the list of corrections is shown.
    show_changes: bool,
    /// Whether the Help window is shown.
    show_help: bool,
    grid: GridPane,
    raw: RawPane,
    findings: FindingsPane,
    queue: Option<Queue>,
    loading: Option<FolderLoad>,
    queue_pane: QueuePane,
    message: Option<String>,
    prompt: Option<Prompt>,
    dialogs: Box<dyn Dialogs>,
    pending: Vec<Command>,
    closing: bool,
    title: String,
    styled: bool,
    /// Counts the reports opened: each opening gets fresh scroll positions.
    generation: u64,
    /// Which recent entries are folders, looked up once per entry (not on every frame).
    recent_folders: std::collections::BTreeMap<PathBuf, bool>,
    /// Whether the window had the keyboard focus last frame.
    focused: bool,
    stats: Option<stats::FrameStats>,
}

impl ReviewApp {
    /// A window over `session` that asks `dialogs` for file names.
    pub fn new(session: Session, prefs: Prefs, dialogs: Box<dyn Dialogs>) -> ReviewApp {
        let mut app = ReviewApp {
            session,
            prefs,
            selected_cell: None,
            anchor: None,
            selected_finding: None,
            finding_in_focus: false,
            show_changes: false,
            show_help: false,
            grid: GridPane::default(),
            raw: RawPane::default(),
            findings: FindingsPane::default(),
            queue: None,
            loading: None,
            queue_pane: QueuePane::default(),
            message: None,
            prompt: None,
            dialogs,
            pending: Vec::new(),
            closing: false,
            title: String::new(),
            styled: false,
            generation: 0,
            recent_folders: std::collections::BTreeMap::new(),
            focused: true,
            stats: None,
        };
        app.loaded();
        app
    }

    /// The bundled sample report as a session.
    pub fn sample_session() -> Session {
        Session::from_document(Document::from_text(Format::Text, SAMPLE_REPORT))
    }

    /// The session under review.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The selected cell.
    pub fn selected_cell(&self) -> Option<CellKey> {
        self.selected_cell
    }

    /// The selected cells: the Shift-selected rectangle, or the selected cell alone.
    pub fn selected_cells(&self) -> Vec<CellKey> {
        self.selection()
    }

    /// Whether the list of corrections is shown.
    pub fn changes_shown(&self) -> bool {
        self.show_changes
    }

    /// Whether the Help window is shown.
    pub fn help_shown(&self) -> bool {
        self.show_help
    }

    /// The selected finding's index.
    pub fn selected_finding(&self) -> Option<usize> {
        self.selected_finding
    }

    /// The open question, if any.
    pub fn prompt(&self) -> Option<&Prompt> {
        self.prompt.as_ref()
    }

    /// The last message shown in the status bar.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The cell being typed into and its text.
    pub fn editing(&self) -> Option<(CellKey, &str)> {
        self.grid.editor.as_ref().map(|e| (e.key, e.text()))
    }

    /// Why the typed text was refused, if it was.
    pub fn invalid(&self) -> Option<Problem> {
        self.grid.invalid
    }

    /// The grid's scroll offset after the last frame.
    pub fn grid_offset(&self) -> egui::Vec2 {
        self.grid.offset
    }

    /// Where the grid showed cells last frame (its viewport minus the frozen labels and
    /// headers), in window coordinates.
    pub fn grid_body(&self) -> egui::Rect {
        self.grid.body.unwrap_or(egui::Rect::NOTHING)
    }

    /// The preferences.
    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }

    /// Whether the window has decided to close.
    pub fn closing(&self) -> bool {
        self.closing
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The search state of the raw text pane.
    pub fn raw(&self) -> &RawPane {
        &self.raw
    }

    /// The folder's queue, once it has been read.
    pub fn queue(&self) -> Option<&Queue> {
        self.queue.as_ref()
    }

    /// Whether a folder is being read.
    pub fn loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Whether what the window shows differs from the review CSV on disk: edits not saved, or
    /// a value typed and not yet committed.
    pub fn save_state(&self) -> SaveState {
        let typed = self
            .grid
            .editor
            .as_ref()
            .is_some_and(|e| e.text() != self.session.report().value(&e.key).to_string());
        if self.session.is_dirty() || typed {
            SaveState::Unsaved
        } else if self.session.csv_path().is_some_and(Path::is_file) {
            SaveState::Saved
        } else {
            SaveState::NeverSaved
        }
    }

    /// Queues a command, as a menu or key would.
    pub fn push(&mut self, command: Command) {
        self.pending.push(command);
    }

    /// Draws one frame and then runs the commands it produced.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        if !self.styled {
            theme::apply(ui.ctx());
            self.styled = true;
        }
        let ctx = ui.ctx().clone();
        self.poll_folder();
        self.handle_close_request(&ctx);
        self.commit_on_focus_change(&ctx);
        let typing = ctx.memory(|m| {
            [
                raw_pane::search_id(),
                findings_pane::note_id(),
                path_field::id(),
            ]
            .iter()
            .any(|id| m.has_focus(*id))
        });
        if !typing && let Some(id) = ctx.memory(|m| m.focused()) {
            // Buttons must not take Enter/Space from the grid.
            ctx.memory_mut(|m| m.surrender_focus(id));
        }
        if self.prompt.is_none() {
            self.shortcuts(&ctx, typing);
        }
        for file in ctx.input(|i| i.raw.dropped_files.clone()) {
            self.pending
                .push(Command::OpenPath(file.path().to_path_buf()));
        }
        let mut out = std::mem::take(&mut self.pending);
        self.draw(ui, typing, &mut out);
        if !out.is_empty() {
            // What the commands change is drawn in the next frame.
            ctx.request_repaint();
        }
        for command in out {
            self.run(command, &ctx);
        }
        self.update_title(&ctx);
    }

    /// Commits what is typed when the window loses the keyboard, or when another text box
    /// (search, note) takes it; a refused value keeps the keyboard in the cell.
    fn commit_on_focus_change(&mut self, ctx: &egui::Context) {
        let focused = ctx.input(|i| i.focused);
        if self.focused && !focused {
            self.commit_pending();
        }
        self.focused = focused;
        let other = ctx.memory(|m| {
            [raw_pane::search_id(), findings_pane::note_id()]
                .into_iter()
                .find(|id| m.has_focus(*id))
        });
        if let Some(id) = other
            && self.grid.editor.is_some()
            && !self.commit_pending()
        {
            ctx.memory_mut(|m| m.surrender_focus(id));
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context, typing: bool) {
        for (command, shortcut) in Command::with_shortcuts() {
            if typing && matches!(command, Command::Undo | Command::Redo)
                || command.arrives_as_event()
                || command.key_only_when_applicable() && (typing || self.reading_target().is_none())
            {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.pending.push(command);
            }
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) || self.closing {
            return;
        }
        if !self.commit_pending() {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.prompt = Some(Prompt::Invalid(After::Quit));
        } else if self.session.is_dirty() {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.prompt = Some(Prompt::Unsaved(After::Quit));
        } else {
            self.closing = true;
        }
    }

    fn draw(&mut self, ui: &mut egui::Ui, typing: bool, out: &mut Vec<Command>) {
        let lang = self.prefs.lang;
        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui, out));
        egui::Panel::bottom("status").show(ui, |ui| {
            let state = self.save_state();
            status_bar::status_bar_ui(ui, &self.session, state, lang, self.message.as_deref(), out);
        });
        self.side_panes_ui(ui, out);
        let highlighted: Vec<CellKey> = self
            .selected_finding
            .and_then(|i| self.session.findings().get(i))
            .map(|f| f.cells.clone())
            .unwrap_or_default();
        let range = if self.anchor.is_some() {
            self.selection()
        } else {
            Vec::new()
        };
        egui::CentralPanel::default().show(ui, |ui| {
            marks::legend_ui(ui, lang);
            let view = grid::GridView {
                session: &self.session,
                selected: self.selected_cell,
                highlighted: &highlighted,
                range: &range,
                lang,
                keyboard: !typing && self.prompt.is_none(),
                generation: self.generation,
            };
            self.grid.ui(ui, view, out);
        });
        if self.show_changes {
            changes_view::changes_ui(ui.ctx(), &self.session, lang, &mut self.show_changes, out);
        }
        if self.show_help {
            help::help_ui(ui.ctx(), lang, &mut self.show_help);
        }
        self.prompt_ui(ui.ctx(), out);
    }

    /// The finding whose readings Enter offers: the selected finding, when it lists readings,
    /// was selected last and nothing is being typed into a cell.
    fn reading_target(&self) -> Option<usize> {
        let i = self.selected_finding.filter(|_| self.finding_in_focus)?;
        let listed = self.session.findings().get(i)?.readings.len();
        (listed > 1 && self.grid.editor.is_none()).then_some(i)
    }

    /// The selected cell's source: its byte span, or its whole line.
    fn source_span(&self) -> Option<std::ops::Range<usize>> {
        let key = self.selected_cell?;
        let source = self.session.report().cells.get(&key)?.source.as_ref()?;
        if let Some(span) = &source.span {
            return Some(span.clone());
        }
        let doc = self.session.document()?;
        (source.line > 0).then(|| doc.line_span(source.line - 1))
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let report = self.session.report();
        let file = if report.file.is_empty() {
            self.prefs.lang.pick("示例报告", "sample report")
        } else {
            &report.file
        };
        let dirty = match self.save_state() {
            SaveState::Unsaved => " *",
            SaveState::Saved | SaveState::NeverSaved => "",
        };
        let year = report.year.map(|y| format!(" {y}")).unwrap_or_default();
        let title = format!("{file}{dirty} — {}{year} — 勾稽 gouji", report.agency);
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}

impl eframe::App for ReviewApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let start = std::time::Instant::now();
        ReviewApp::ui(self, ui);
        if let Some(stats) = &mut self.stats {
            stats.frame(ui.ctx(), start.elapsed(), frame.info().cpu_usage);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }
}

/// Opens the review window on `file` (a report or review CSV), or on the bundled sample; when
/// `file` is a folder, on the sample with the folder's queue being read.
/// Blocks until the window closes.
pub fn run(file: Option<PathBuf>) -> eframe::Result {
    let launched = std::time::Instant::now();
    let (folder, file) = match file {
        Some(path) if path.is_dir() => (Some(path), None),
        file => (None, file),
    };
    let (session, failed) = match &file {
        Some(path) => match Session::open(path) {
            Ok(session) => (session, None),
            Err(e) => (ReviewApp::sample_session(), Some((path.clone(), e))),
        },
        None => (ReviewApp::sample_session(), None),
    };
    let mut viewport = egui::ViewportBuilder::default()
        .with_inner_size([1500.0, 900.0])
        .with_title("勾稽 gouji");
    if let Some(icon) = icon::window_icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "gouji",
        options,
        Box::new(move |cc| {
            theme::apply(&cc.egui_ctx);
            let prefs = cc
                .storage
                .and_then(|s| eframe::get_value::<Prefs>(s, PREFS_KEY))
                .unwrap_or_default();
            // Why the file could not be opened, in the window's language.
            let message = failed
                .as_ref()
                .map(|(path, e)| format!("{}: {}", path.display(), prefs.lang.open_error(e)));
            let mut app = ReviewApp::new(session, prefs, Box::new(NativeDialogs::default()));
            if let (Some(path), None) = (&file, &message) {
                app.remember(path);
            }
            app.message = message;
            if let Some(folder) = folder {
                app.push(Command::OpenFolderPath(folder));
            }
            app.stats = stats::FrameStats::from_env(launched);
            Ok(Box::new(app))
        }),
    )
}
