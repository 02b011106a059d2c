//! The findings pane: counts by severity, the list of findings, the selected finding's equation
//! with its numbers, its repair and its readings (each a button; Enter opens the chooser), and
//! the selected cell's details and note.

use crate::review::{Edit, Session, equation_text, group_findings, reading_text};
use crate::{CellKey, Severity};
use egui::collapsing_header::CollapsingState;

use super::command::Command;
use super::grid_cell::status_text;
use super::i18n::Lang;
use super::theme;

/// The id of the note box, so the app knows when it has the keyboard.
pub fn note_id() -> egui::Id {
    egui::Id::unique("cell-note")
}

/// The findings pane and the note being typed.
#[derive(Debug, Default)]
pub struct FindingsPane {
    /// The note text being edited, for the cell it belongs to.
    note: Option<(CellKey, String)>,
}

/// A severity's word in `lang`.
pub fn severity_word(severity: Severity, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => severity.label_zh(),
        Lang::En => severity.code(),
    }
}

impl FindingsPane {
    /// Draws the pane.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        session: &Session,
        selected_finding: Option<usize>,
        selected_cell: Option<CellKey>,
        lang: Lang,
        out: &mut Vec<Command>,
    ) {
        let dark = ui.visuals().dark_mode;
        let counts = session.counts();
        ui.horizontal_wrapped(|ui| {
            for (severity, n) in [
                (Severity::Broken, counts.broken),
                (Severity::Incomplete, counts.incomplete),
                (Severity::Warning, counts.warnings),
                (Severity::Ambiguous, counts.ambiguous),
            ] {
                ui.colored_label(
                    theme::severity_color(severity, dark),
                    format!("{} {n}", severity_word(severity, lang)),
                );
            }
        });
        if ui
            .button(format!("{} (Ctrl+Enter)", Command::FinishReport.text(lang)))
            .clicked()
        {
            out.push(Command::FinishReport);
        }
        ui.separator();
        if let Some(finding) = selected_finding.and_then(|i| session.findings().get(i)) {
            ui.strong(match lang {
                Lang::Zh => &finding.message_zh,
                Lang::En => &finding.message,
            });
            if let Some(eq) = equation_text(session.report(), finding, lang.is_zh()) {
                ui.monospace(eq);
            }
            if let Some(repair) = finding.repair {
                let text = format!(
                    "{} {} = {}  (F9)",
                    lang.pick("建议", "Suggest"),
                    cell_name(session, &repair.cell),
                    repair.value.normalize()
                );
                if ui.button(text).clicked() {
                    out.push(Command::ApplyRepair);
                }
            }
            let n = finding.readings.len();
            if n > 1 {
                ui.weak(lang.pick(
                    "可选读法（点击选定，或按 Enter 打开选择框）：",
                    "Readings (click one, or press Enter for the chooser):",
                ));
                for (i, reading) in finding.readings.iter().enumerate() {
                    let text = format!(
                        "{} {}/{n}：{}",
                        lang.pick("读法", "reading"),
                        i + 1,
                        reading_text(reading)
                    );
                    if ui.button(text).clicked() {
                        out.push(Command::ChooseReading(i));
                    }
                }
            }
            ui.separator();
        }
        if let Some(key) = selected_cell {
            self.cell_ui(ui, session, key, lang, out);
            ui.separator();
        }
        egui::ScrollArea::vertical()
            .id_salt("findings-scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if session.findings().is_empty() {
                    ui.label(lang.pick("没有发现问题。", "No findings."));
                }
                let findings = session.findings();
                for group in group_findings(findings) {
                    if let [i] = group.members.as_slice() {
                        finding_line_ui(ui, session, *i, selected_finding, lang, out);
                        continue;
                    }
                    // Repeated findings of one kind: one line that expands, open while one of
                    // them is selected (F8 lands inside).
                    let inside = selected_finding.is_some_and(|s| group.members.contains(&s));
                    let title = egui::RichText::new(format!(
                        "{} {}",
                        severity_word(group.severity, lang),
                        group.title(findings, lang.is_zh())
                    ))
                    .color(theme::severity_color(group.severity, dark));
                    // Wrapped, so a long line never widens the pane; a click on it (or the
                    // arrow) opens the group.
                    let id =
                        ui.make_persistent_id(("finding-group", group.check.id, group.severity));
                    let mut state = CollapsingState::load_with_default_open(ui.ctx(), id, false);
                    if inside && !state.is_open() {
                        state.set_open(true);
                    }
                    let mut clicked = false;
                    state
                        .show_header(ui, |ui| {
                            clicked = ui
                                .add(egui::Label::new(title).wrap().sense(egui::Sense::click()))
                                .clicked();
                        })
                        .body(|ui| {
                            for &i in &group.members {
                                finding_line_ui(ui, session, i, selected_finding, lang, out);
                            }
                        });
                    if clicked {
                        let mut state =
                            CollapsingState::load_with_default_open(ui.ctx(), id, false);
                        state.toggle(ui);
                        state.store(ui.ctx());
                    }
                }
            });
    }

    fn cell_ui(
        &mut self,
        ui: &mut egui::Ui,
        session: &Session,
        key: CellKey,
        lang: Lang,
        out: &mut Vec<Command>,
    ) {
        let Some(cell) = session.report().cells.get(&key) else {
            return;
        };
        ui.label(cell_name(session, &key));
        ui.horizontal_wrapped(|ui| {
            ui.monospace(format!("= {}", cell.value));
            if let Some(source) = &cell.source {
                ui.weak(format!("{} “{}”", lang.pick("原文", "source"), source.text));
            }
            ui.weak(status_text(cell.status, cell.confidence, lang));
        });
        if self.note.as_ref().is_none_or(|(k, _)| *k != key) {
            self.note = Some((key, cell.note.clone()));
        }
        if let Some((_, note)) = &mut self.note {
            ui.horizontal(|ui| {
                let label = ui.label(lang.pick("备注", "Note"));
                let response = ui
                    .add(
                        egui::TextEdit::singleline(note)
                            .id(note_id())
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                if response.lost_focus() && *note != cell.note {
                    out.push(Command::Edit(Edit::SetNote {
                        key,
                        note: note.clone(),
                    }));
                }
            });
        }
        ui.horizontal(|ui| {
            if ui
                .button(format!("{} (F6)", Command::ToggleChecked.text(lang)))
                .clicked()
            {
                out.push(Command::ToggleChecked);
            }
        });
    }

    /// Forgets the note being typed (after undo, or another file).
    pub fn reset(&mut self) {
        self.note = None;
    }
}

/// One finding of the list: its severity and message, selectable.
fn finding_line_ui(
    ui: &mut egui::Ui,
    session: &Session,
    i: usize,
    selected_finding: Option<usize>,
    lang: Lang,
    out: &mut Vec<Command>,
) {
    let Some(f) = session.findings().get(i) else {
        return;
    };
    let dark = ui.visuals().dark_mode;
    let message = match lang {
        Lang::Zh => &f.message_zh,
        Lang::En => &f.message,
    };
    let text = egui::RichText::new(format!("{} {message}", severity_word(f.severity, lang)))
        .color(theme::severity_color(f.severity, dark));
    let response = ui.selectable_label(selected_finding == Some(i), text);
    if response.clicked() {
        out.push(Command::SelectFinding(i));
    }
    if selected_finding == Some(i) && response.rect.is_positive() {
        response.scroll_to_me(None);
    }
}

/// A cell's name as a reviewer reads it: `（七）总计 · 自然人`.
pub fn cell_name(session: &Session, key: &CellKey) -> String {
    session
        .report()
        .form
        .cell(key.table, key.row, key.col)
        .map(|(row, col)| format!("{} · {}", row.label, col.label))
        .unwrap_or_else(|| key.to_string())
}
