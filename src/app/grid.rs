//! The grid pane: the three tables laid out like the printed form (Chinese labels, group rows,
//! table 二's sections), with tints for findings and keyboard-first editing.
//!
//! Editing: typing replaces the selected cell's value, Enter/Tab/arrows commit and move, Esc
//! cancels, Delete blanks, F2 or a double click edits the current value. The pane owns only the
//! selection-independent editing buffer; it reads the session and pushes [`Command`]s.

use crate::review::{Edit, Session};
use crate::template::{RowDef, TableDef};
use crate::{CellKey, Confidence, Status, Value};
use egui::{Align, Color32, Event, Key, Layout, Role, Sense, Stroke, StrokeKind, Vec2, WidgetInfo};

use super::command::Command;
use super::i18n::Lang;
use super::theme;

const LABEL_WIDTH: f32 = 210.0;
const CELL_SIZE: Vec2 = Vec2::new(60.0, 22.0);

/// The grid pane and its editing buffer.
#[derive(Debug, Default)]
pub struct GridPane {
    /// The cell being edited and what was typed so far.
    pub editing: Option<(CellKey, String)>,
    /// Why the typed text was refused, if it was.
    pub invalid: Option<&'static str>,
    /// Scroll this cell into view on the next frame.
    pub scroll_to: Option<CellKey>,
}

/// What the grid shows this frame.
#[derive(Debug, Clone, Copy)]
pub struct GridView<'a> {
    /// The session drawn.
    pub session: &'a Session,
    /// The selected cell.
    pub selected: Option<CellKey>,
    /// The cells of the selected finding (outlined).
    pub highlighted: &'a [CellKey],
    /// The window's language.
    pub lang: Lang,
    /// Whether the grid has the keyboard (no text box focused, no prompt).
    pub keyboard: bool,
}

/// Which way to move after a commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Move {
    Up,
    Down,
    Left,
    Right,
}

impl GridPane {
    /// Handles grid keys (when no text box has the keyboard) and draws the tables.
    pub fn ui(&mut self, ui: &mut egui::Ui, view: GridView<'_>, out: &mut Vec<Command>) {
        let session = view.session;
        if view.keyboard
            && let Some(key) = view.selected
        {
            self.keys(ui, session, key, out);
        }
        egui::ScrollArea::both()
            .id_salt("grid-scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for table in &session.report().form.form().tables {
                    self.table_ui(ui, view, table, out);
                    ui.add_space(12.0);
                }
            });
    }

    /// Starts editing `key` with `text` already typed.
    pub fn start(&mut self, key: CellKey, text: String) {
        self.editing = Some((key, text));
        self.invalid = None;
    }

    fn keys(&mut self, ui: &egui::Ui, session: &Session, key: CellKey, out: &mut Vec<Command>) {
        let events = ui.input(|i| i.events.clone());
        for event in events {
            match event {
                Event::Text(text) | Event::Ime(egui::ImeEvent::Commit(text)) => {
                    if text.chars().all(char::is_whitespace) {
                        continue;
                    }
                    match &mut self.editing {
                        Some((_, buffer)) => buffer.push_str(&text),
                        None => self.start(key, text),
                    }
                }
                Event::Key {
                    key: pressed,
                    pressed: true,
                    modifiers,
                    ..
                } if !modifiers.command && !modifiers.alt => {
                    let step = match pressed {
                        Key::Enter if modifiers.shift => Some(Move::Up),
                        Key::Enter => Some(Move::Down),
                        Key::Tab if modifiers.shift => Some(Move::Left),
                        Key::Tab => Some(Move::Right),
                        Key::ArrowUp => Some(Move::Up),
                        Key::ArrowDown => Some(Move::Down),
                        Key::ArrowLeft if self.editing.is_none() => Some(Move::Left),
                        Key::ArrowRight if self.editing.is_none() => Some(Move::Right),
                        _ => None,
                    };
                    if let Some(step) = step {
                        if self.commit(session, out) {
                            self.go(session, key, step, out);
                        }
                        continue;
                    }
                    match (pressed, &mut self.editing) {
                        (Key::Escape, Some(_)) => {
                            self.editing = None;
                            self.invalid = None;
                        }
                        (Key::Backspace, Some((_, buffer))) => {
                            buffer.pop();
                        }
                        (Key::Delete | Key::Backspace, None) => {
                            out.push(Command::Edit(Edit::SetValue {
                                key,
                                value: Value::Blank,
                            }))
                        }
                        (Key::F2, None) => {
                            self.start(key, session.report().value(&key).to_string());
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
        }
    }

    /// Commits the buffer, if any. False when the text was refused (the buffer stays).
    pub fn commit(&mut self, session: &Session, out: &mut Vec<Command>) -> bool {
        let Some((key, text)) = self.editing.take() else {
            return true;
        };
        match session.parse_input(&key, &text) {
            Ok(value) => {
                self.invalid = None;
                if &value != session.report().value(&key) {
                    out.push(Command::Edit(Edit::SetValue { key, value }));
                }
                true
            }
            Err(reason) => {
                self.invalid = Some(reason);
                self.editing = Some((key, text));
                false
            }
        }
    }

    fn go(&mut self, session: &Session, from: CellKey, step: Move, out: &mut Vec<Command>) {
        let rows = grid_rows(session);
        let Some((r, c)) = rows
            .iter()
            .enumerate()
            .find_map(|(r, row)| row.iter().position(|k| *k == from).map(|c| (r, c)))
        else {
            return;
        };
        let column = |row: &Vec<CellKey>| row.get(c.min(row.len().saturating_sub(1))).copied();
        let target = match step {
            Move::Up => r.checked_sub(1).and_then(|r| rows.get(r)).and_then(column),
            Move::Down => rows.get(r + 1).and_then(column),
            Move::Left => c
                .checked_sub(1)
                .and_then(|c| rows.get(r).and_then(|row| row.get(c)).copied()),
            Move::Right => rows
                .get(r)
                .and_then(|row| row.get(c + 1))
                .copied()
                .or_else(|| rows.get(r + 1).and_then(|row| row.first()).copied()),
        };
        if let Some(target) = target {
            self.scroll_to = Some(target);
            out.push(Command::SelectCell(target));
        }
    }

    fn table_ui(
        &mut self,
        ui: &mut egui::Ui,
        view: GridView<'_>,
        table: &TableDef,
        out: &mut Vec<Command>,
    ) {
        ui.strong(table.title);
        egui::Grid::new(("grid", table.id.key()))
            .spacing([3.0, 3.0])
            .show(ui, |ui| {
                let mut section = "";
                let mut header: Option<&[crate::template::ColumnDef]> = None;
                for row in table.rows {
                    if row.section != section {
                        section = row.section;
                        label_ui(ui, section, 0, true);
                        ui.end_row();
                    }
                    if row.key.is_some() && header != Some(row.columns) {
                        header = Some(row.columns);
                        ui.label("");
                        for col in row.columns {
                            ui.add_sized(
                                [CELL_SIZE.x, CELL_SIZE.y],
                                egui::Label::new(egui::RichText::new(col.label).small()).truncate(),
                            )
                            .on_hover_text(col.label);
                        }
                        ui.end_row();
                    }
                    self.row_ui(ui, view, row, table, out);
                    ui.end_row();
                }
            });
    }

    fn row_ui(
        &mut self,
        ui: &mut egui::Ui,
        view: GridView<'_>,
        row: &RowDef,
        table: &TableDef,
        out: &mut Vec<Command>,
    ) {
        label_ui(ui, row.label, row.depth, row.key.is_none());
        let Some(row_key) = row.key else { return };
        for col in row.columns {
            let Some(key) = CellKey::of(table.id, row_key, col.key) else {
                continue;
            };
            self.cell_ui(ui, view, key, (row.label, col.label), out);
        }
    }

    fn cell_ui(
        &mut self,
        ui: &mut egui::Ui,
        view: GridView<'_>,
        key: CellKey,
        (row_label, col_label): (&str, &str),
        out: &mut Vec<Command>,
    ) {
        let GridView {
            session,
            selected,
            highlighted,
            lang,
            ..
        } = view;
        let Some(cell) = session.report().cells.get(&key) else {
            return;
        };
        let (rect, response) = ui.allocate_exact_size(CELL_SIZE, Sense::click());
        let label = key.to_string();
        response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
        if self.scroll_to == Some(key) {
            ui.scroll_to_rect_animation(
                rect,
                Some(Align::Center),
                egui::style::ScrollAnimation::none(),
            );
            self.scroll_to = None;
        }
        let dark = ui.visuals().dark_mode;
        let suspect = session.suspects().contains(&key);
        let colors = theme::cell_colors(session.severity_of(&key), suspect, dark);
        let painter = ui.painter_at(rect);
        let fill = colors.fill.unwrap_or(ui.visuals().extreme_bg_color);
        painter.rect_filled(rect, 2.0, fill);
        let editing = self.editing.as_ref().filter(|(k, _)| *k == key);
        let text = match editing {
            Some((_, buffer)) => format!("{buffer}|"),
            None => cell.value.to_string(),
        };
        painter.text(
            rect.right_center() - Vec2::new(4.0, 0.0),
            egui::Align2::RIGHT_CENTER,
            text,
            egui::FontId::monospace(13.0),
            colors.text,
        );
        let corner = |color: Color32, top: bool| {
            let (a, b, c) = if top {
                (
                    rect.right_top(),
                    rect.right_top() - Vec2::new(7.0, 0.0),
                    rect.right_top() + Vec2::new(0.0, 7.0),
                )
            } else {
                (
                    rect.left_bottom(),
                    rect.left_bottom() + Vec2::new(7.0, 0.0),
                    rect.left_bottom() - Vec2::new(0.0, 7.0),
                )
            };
            painter.add(egui::Shape::convex_polygon(
                vec![a, b, c],
                color,
                Stroke::NONE,
            ));
        };
        if cell.status == Status::Corrected {
            corner(theme::corrected_mark(dark), true);
        }
        if cell.confidence != Confidence::Exact {
            corner(theme::inferred_mark(dark), false);
        }
        let stroke = if editing.is_some() && self.invalid.is_some() {
            Some(Stroke::new(2.0, Color32::RED))
        } else if selected == Some(key) {
            Some(Stroke::new(2.0, ui.visuals().selection.stroke.color))
        } else if highlighted.contains(&key) {
            Some(Stroke::new(1.5, ui.visuals().strong_text_color()))
        } else {
            None
        };
        if let Some(stroke) = stroke {
            painter.rect_stroke(rect.shrink(1.0), 2.0, stroke, StrokeKind::Inside);
        }
        if selected == Some(key) && view.keyboard {
            // Let an input method (e.g. for 不适用) commit text into the selected cell.
            let cursor = egui::Rect::from_min_size(rect.right_top(), Vec2::new(1.0, rect.height()));
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
            out.push(Command::SelectCell(key));
        }
        if response.double_clicked() {
            self.start(key, cell.value.to_string());
        }
        response.on_hover_ui(|ui| {
            ui.label(format!("{row_label} · {col_label}"));
            ui.monospace(key.to_string());
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
            if !cell.note.is_empty() {
                ui.label(format!("{}: {}", lang.pick("备注", "note"), cell.note));
            }
        });
    }
}

/// A cell's status and confidence in words.
pub fn status_text(status: Status, confidence: Confidence, lang: Lang) -> String {
    let status = match status {
        Status::Extracted => lang.pick("提取", "extracted"),
        Status::Corrected => lang.pick("已更正", "corrected"),
        Status::Blank => lang.pick("原文空白", "blank in source"),
        Status::Reviewed => lang.pick("已核", "reviewed"),
    };
    let confidence = match confidence {
        Confidence::Exact => lang.pick("确定", "exact"),
        Confidence::Inferred => lang.pick("推断", "inferred"),
        Confidence::Ambiguous => lang.pick("存疑", "ambiguous"),
    };
    format!("{status} · {confidence}")
}

fn label_ui(ui: &mut egui::Ui, label: &str, depth: u8, group: bool) {
    let indent = "\u{3000}".repeat(usize::from(depth));
    let mut text = egui::RichText::new(format!("{indent}{label}"));
    if group {
        text = text.strong();
    }
    ui.allocate_ui_with_layout(
        Vec2::new(LABEL_WIDTH, CELL_SIZE.y),
        Layout::left_to_right(Align::Center),
        |ui| {
            ui.set_width(LABEL_WIDTH);
            ui.add(egui::Label::new(text).truncate())
                .on_hover_text(label);
        },
    );
}

/// The data cells in printed order, one vector per data row, across all three tables.
pub fn grid_rows(session: &Session) -> Vec<Vec<CellKey>> {
    let mut rows = Vec::new();
    for table in &session.report().form.form().tables {
        for row in table.data_rows() {
            let Some(row_key) = row.key else { continue };
            let keys: Vec<CellKey> = row
                .columns
                .iter()
                .filter_map(|c| CellKey::of(table.id, row_key, c.key))
                .collect();
            if !keys.is_empty() {
                rows.push(keys);
            }
        }
    }
    rows
}
