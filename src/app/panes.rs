//! The side panes around the grid: the report text (left), the findings (right) and a folder's
//! queue (bottom). Each collapses to a thin rail with a button to bring it back, from its own
//! button, the View menu, or Ctrl+1 / Ctrl+2 / Ctrl+3; egui remembers each pane's width.

use super::command::{Command, Pane};
use super::i18n::Lang;
use super::{ReviewApp, raw_pane};

/// How many reports the queue pane shows when it opens, room permitting.
const QUEUE_ROWS: f32 = 15.0;

/// Which side panes are collapsed (saved with the preferences).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Collapsed {
    /// The report text.
    pub raw: bool,
    /// The findings.
    pub findings: bool,
    /// The queue.
    pub queue: bool,
}

impl Collapsed {
    /// Collapses `pane`, or brings it back.
    pub fn toggle(&mut self, pane: Pane) {
        let flag = match pane {
            Pane::Raw => &mut self.raw,
            Pane::Findings => &mut self.findings,
            Pane::Queue => &mut self.queue,
        };
        *flag = !*flag;
    }
}

/// The button that collapses `pane` (`open`) or brings it back, with its shortcut in the tooltip.
fn toggle_button_ui(ui: &mut egui::Ui, pane: Pane, open: bool, lang: Lang, out: &mut Vec<Command>) {
    let command = Command::TogglePane(pane);
    let arrow = match (pane, open) {
        (Pane::Raw, true) | (Pane::Findings, false) => "«",
        (Pane::Raw, false) | (Pane::Findings, true) => "»",
        (Pane::Queue, true) => "↓",
        (Pane::Queue, false) => "↑",
    };
    let verb = if open {
        lang.pick("收起", "Collapse")
    } else {
        lang.pick("展开", "Show")
    };
    let shortcut = command
        .shortcut()
        .map(|s| ui.ctx().format_shortcut(&s))
        .unwrap_or_default();
    let tip = format!("{verb}{} ({shortcut})", command.text(lang));
    if ui.small_button(arrow).on_hover_text(tip).clicked() {
        out.push(command);
    }
}

impl ReviewApp {
    /// Draws the queue (when a folder is open), the report text and the findings, each open or
    /// collapsed to a rail.
    pub(super) fn side_panes_ui(&mut self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
        let lang = self.prefs.lang;
        let collapsed = self.prefs.collapsed;
        if self.queue.is_some() || self.loading.is_some() {
            if collapsed.queue {
                egui::Panel::bottom("queue-rail").show(ui, |ui| {
                    ui.horizontal(|ui| {
                        toggle_button_ui(ui, Pane::Queue, false, lang, out);
                        ui.weak(Command::TogglePane(Pane::Queue).text(lang));
                    });
                });
            } else {
                // Room for 15 reports below the folder line and the column headers (a
                // 1080-line screen), never more than half the window; dragging its edge
                // resizes it.
                let row = ui.text_style_height(&egui::TextStyle::Body)
                    + 4.0
                    + ui.spacing().item_spacing.y;
                let room = (row * (QUEUE_ROWS + 4.5))
                    .min(ui.available_height() * 0.5)
                    .max(180.0);
                egui::Panel::bottom("queue")
                    .resizable(true)
                    .default_size(room)
                    .min_size(120.0)
                    .show(ui, |ui| {
                        toggle_button_ui(ui, Pane::Queue, true, lang, out);
                        let queue = self.queue.as_ref();
                        self.queue_pane
                            .ui(ui, queue, self.loading.as_ref(), lang, out);
                    });
            }
        }
        let width = ui.available_width();
        if collapsed.raw {
            egui::Panel::left("raw-rail")
                .exact_size(26.0)
                .resizable(false)
                .show(ui, |ui| toggle_button_ui(ui, Pane::Raw, false, lang, out));
        } else {
            egui::Panel::left("raw")
                .default_size((width * 0.26).clamp(240.0, 560.0))
                .min_size(160.0)
                .show(ui, |ui| {
                    let span = self.source_span();
                    let wrap = self.prefs.wrap_lines;
                    ui.horizontal(|ui| {
                        toggle_button_ui(ui, Pane::Raw, true, lang, out);
                        ui.weak(lang.pick("原文", "Report text"));
                    });
                    let searched = raw_pane::Searched {
                        doc: self.session.document(),
                        report: self.session.report(),
                    };
                    let view = raw_pane::RawView {
                        span,
                        wrap,
                        generation: self.generation,
                    };
                    self.raw.ui(ui, searched, view, lang, out);
                });
        }
        if collapsed.findings {
            egui::Panel::right("findings-rail")
                .exact_size(26.0)
                .resizable(false)
                .show(ui, |ui| {
                    toggle_button_ui(ui, Pane::Findings, false, lang, out)
                });
        } else {
            egui::Panel::right("findings")
                .default_size((width * 0.20).clamp(240.0, 440.0))
                .min_size(180.0)
                .show(ui, |ui| {
                    toggle_button_ui(ui, Pane::Findings, true, lang, out);
                    self.findings.ui(
                        ui,
                        &self.session,
                        self.selected_finding,
                        self.selected_cell,
                        lang,
                        out,
                    );
                });
        }
    }
}
