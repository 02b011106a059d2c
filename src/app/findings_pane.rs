//! The findings pane: counts by severity, the list of findings, the selected finding's equation
//! with its numbers and its repair, and the selected cell's details and note.

use crate::review::{Edit, Session, equation_text};
use crate::{CellKey, Severity};

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
                for (i, f) in session.findings().iter().enumerate() {
                    let message = match lang {
                        Lang::Zh => &f.message_zh,
                        Lang::En => &f.message,
                    };
                    let text = egui::RichText::new(format!(
                        "{} {message}",
                        severity_word(f.severity, lang)
                    ))
                    .color(theme::severity_color(f.severity, dark));
                    let response = ui.selectable_label(selected_finding == Some(i), text);
                    if response.clicked() {
                        out.push(Command::SelectFinding(i));
                    }
                    if selected_finding == Some(i) && response.rect.is_positive() {
                        response.scroll_to_me(None);
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

/// A cell's name as a reviewer reads it: `（七）总计 · 自然人`.
pub fn cell_name(session: &Session, key: &CellKey) -> String {
    session
        .report()
        .form
        .cell(key.table, key.row, key.col)
        .map(|(row, col)| format!("{} · {}", row.label, col.label))
        .unwrap_or_else(|| key.to_string())
}
