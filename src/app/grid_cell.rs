//! One cell of the grid: its tint, its value right-aligned and never cut (only a value wider
//! than [`MAX_CELL`](super::grid_layout::MAX_CELL) is, and then a red `…` marks it), the caret while typing, the marks of what was done ([`marks`]),
//! the outline, the reason a typed value was refused (beside the cell), the tooltip, and the
//! accessibility label: row, column and the full value ([`cell_label`]).

use crate::review::Session;
use crate::{CellKey, Confidence, Status};
use egui::text::CCursor;
use egui::{Align2, Color32, Id, Rect, Role, Sense, Stroke, StrokeKind, Vec2, WidgetInfo};

use super::marks;

use super::command::Command;
use super::grid::{CellNames, GridPane, GridView};
use super::grid_layout::{PAD, value_font};
use super::i18n::Lang;
use super::theme;

impl GridPane {
    /// Draws the cell at `rect`, the part of it inside `body` (clear of the frozen labels and
    /// headers) clickable.
    pub(super) fn cell_ui(
        &mut self,
        ui: &mut egui::Ui,
        rect: Rect,
        body: Rect,
        names: CellNames<'_>,
        view: GridView<'_>,
        out: &mut Vec<Command>,
    ) {
        let CellNames {
            key,
            row: row_label,
            col: col_label,
        } = names;
        let GridView {
            session,
            selected,
            highlighted,
            lang,
            ..
        } = view;
        let shown = rect.intersect(body);
        let Some(cell) = session.report().cells.get(&key) else {
            return;
        };
        if !shown.is_positive() {
            return;
        }
        let response = ui.interact(shown, Id::unique(("cell", key)), Sense::click());
        let editor = self.editor.as_ref().filter(|e| e.key == key);
        let text = editor.map_or_else(|| cell.value.to_string(), |e| e.text().to_owned());
        let label = spoken(row_label, col_label, &text);
        response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
        let dark = ui.visuals().dark_mode;
        let suspect = session.suspects().contains(&key);
        let colors = theme::cell_colors(session.severity_of(&key), suspect, dark);
        let painter = ui.painter().with_clip_rect(shown);
        let in_range = view.range.len() > 1 && view.range.contains(&key);
        let fill = match colors.fill {
            Some(fill) => fill,
            None if in_range => theme::range_fill(dark),
            None => ui.visuals().extreme_bg_color,
        };
        painter.rect_filled(rect, 2.0, fill);
        let galley = painter.layout_no_wrap(text.clone(), value_font(), colors.text);
        let room = rect.width() - 2.0 * PAD;
        let caret_room = if editor.is_some() { 4.0 } else { 0.0 };
        // Wider than any column may be (MAX_CELL): the end shows, and the cut is marked.
        let cut = galley.size().x + caret_room > room;
        let pos = egui::pos2(
            rect.right() - PAD - caret_room - galley.size().x,
            rect.center().y - galley.size().y / 2.0,
        );
        painter.galley(pos, galley.clone(), colors.text);
        if let Some(e) = editor {
            let x = pos.x + galley.pos_from_cursor(CCursor::new(e.caret())).min.x;
            painter.vline(
                x + 1.0,
                (rect.top() + 4.0)..=(rect.bottom() - 4.0),
                Stroke::new(1.5, colors.text),
            );
        }
        if cut && editor.is_none() {
            let mark = Rect::from_min_size(rect.min, Vec2::new(16.0, rect.height()));
            painter.rect_filled(mark, 2.0, fill);
            painter.text(
                mark.center(),
                Align2::CENTER_CENTER,
                "…",
                value_font(),
                Color32::RED,
            );
        }
        let invalid = editor.is_some() && self.invalid.is_some();
        let stroke = if invalid {
            Some(Stroke::new(2.0, Color32::RED))
        } else if selected == Some(key) {
            Some(Stroke::new(2.5, theme::selected_outline(dark)))
        } else if in_range {
            Some(Stroke::new(1.0, theme::selected_outline(dark)))
        } else if highlighted.contains(&key) {
            Some(Stroke::new(1.5, ui.visuals().strong_text_color()))
        } else {
            None
        };
        if let Some(stroke) = stroke {
            painter.rect_stroke(rect.shrink(1.0), 2.0, stroke, StrokeKind::Inside);
        }
        for sign in marks::marks_of(cell) {
            marks::paint_mark(&painter, rect, sign, dark);
        }
        if let (true, Some(problem)) = (invalid, self.invalid) {
            reason_ui(ui.ctx(), rect, lang.problem(problem), lang);
        }
        if selected == Some(key) && view.keyboard {
            // Let an input method (e.g. for 不适用) commit text into the selected cell.
            let cursor = Rect::from_min_size(rect.right_top(), Vec2::new(1.0, rect.height()));
            ui.ctx().output_mut(|o| {
                o.ime = Some(egui::output::IMEOutput {
                    purpose: egui::IMEPurpose::Normal,
                    rect,
                    cursor_rect: cursor,
                    should_interrupt_composition: false,
                });
            });
        }
        if response.clicked() {
            if ui.input(|i| i.modifiers.shift) {
                out.push(Command::ExtendTo(key));
            } else {
                out.push(Command::ClickCell(key));
            }
        }
        if response.double_clicked() && editor.is_none() {
            self.edit(key, &cell.value);
        }
        response.on_hover_ui(|ui| {
            ui.label(format!("{row_label} · {col_label}"));
            ui.monospace(format!("= {text}"));
            ui.weak(key.to_string());
            if let Some(source) = &cell.source {
                ui.label(format!(
                    "{} {:?} ({} {})",
                    lang.pick("原文", "source"),
                    source.text,
                    lang.pick("行", "line"),
                    source.line
                ));
            }
            ui.label(status_text(cell.status, cell.confidence, lang));
            if cell.checked {
                ui.label(lang.pick("已核", "checked"));
            }
            if !cell.note.is_empty() {
                ui.label(format!("{}: {}", lang.pick("备注", "note"), cell.note));
            }
        });
    }
}

/// The label a screen reader (and a test) reads for `key`: its row and column, and its full
/// value (what is typed, while typing).
pub fn cell_label(session: &Session, editing: Option<(CellKey, &str)>, key: &CellKey) -> String {
    let names = session
        .report()
        .form
        .cell(key.table, key.row, key.col)
        .map(|(r, c)| (r.label, c.label))
        .unwrap_or_default();
    let text = match editing {
        Some((k, text)) if k == *key => text.to_owned(),
        _ => session.report().value(key).to_string(),
    };
    spoken(names.0, names.1, &text)
}

/// `行 · 列 = 值`.
fn spoken(row: &str, col: &str, value: &str) -> String {
    format!("{row} · {col} = {value}")
}

/// Why the typed text was refused, beside the cell.
fn reason_ui(ctx: &egui::Context, rect: Rect, reason: &str, lang: Lang) {
    egui::Area::new(Id::unique("grid-invalid-reason"))
        .order(egui::Order::Tooltip)
        .fixed_pos(rect.left_bottom() + Vec2::new(0.0, 2.0))
        .interactable(false)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.colored_label(Color32::RED, reason);
                ui.weak(lang.pick(
                    "改正后回车，或按 Esc 放弃",
                    "Fix it and press Enter, or Esc",
                ));
            });
        });
}

/// A cell's status and confidence in words.
pub fn status_text(status: Status, confidence: Confidence, lang: Lang) -> String {
    let status = match status {
        Status::Extracted => lang.pick("提取", "extracted"),
        Status::Corrected => lang.pick("已更正", "corrected"),
        Status::Blank => lang.pick("原文空白", "blank in source"),
        Status::Chosen => lang.pick("已选读法", "reading chosen"),
    };
    let confidence = match confidence {
        Confidence::Exact => lang.pick("确定", "exact"),
        Confidence::Inferred => lang.pick("推断", "inferred"),
        Confidence::Ambiguous => lang.pick("存疑", "ambiguous"),
    };
    format!("{status} · {confidence}")
}
