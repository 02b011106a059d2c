//! The grid pane: the three tables laid out like the printed form (Chinese labels, group rows,
//! table 二's sections), with tints for findings and keyboard-first editing.
//!
//! Geometry comes from [`GridLayout`], measured every frame from the values, so no number is
//! cut. The row labels stay at the left and a band's column headers at the top while the grid
//! scrolls either way. A mouse click selects without scrolling; a keyboard move asks for
//! [`GridPane::reveal`], which scrolls only as far as needed to clear the frozen labels.
//!
//! Editing: typing replaces the selected cell's value ([`CellEditor`]); Enter, Tab and the arrows
//! push [`Command::Move`], Esc cancels, Delete blanks, F2 or a double click edits in place. The
//! pane never commits: every command that leaves the cell goes through
//! `ReviewApp::commit_pending`.

use crate::review::{Edit, Session};
use crate::template::TableId;
use crate::{CellKey, Confidence, Status, Value};
use egui::text::CCursor;
use egui::{
    Align2, Color32, Event, Id, Key, Rect, Role, Sense, Stroke, StrokeKind, Vec2, WidgetInfo,
};

use super::cell_editor::{CellEditor, Mode};
use super::command::Command;
use super::grid_layout::{GridLayout, HeaderWidths, LineKind, PAD, header_font, value_font};
use super::i18n::Lang;
use super::theme;

/// The grid pane: the typing buffer, a pending scroll, and what the last frame measured.
#[derive(Debug, Default)]
pub struct GridPane {
    /// What is typed into the selected cell and not yet committed.
    pub editor: Option<CellEditor>,
    /// Why the typed text was refused, if it was.
    pub invalid: Option<&'static str>,
    /// Bring this cell into view on the next frame, scrolling only as far as needed.
    pub reveal: Option<CellKey>,
    header_widths: HeaderWidths,
    /// The scroll offset after the last frame.
    pub offset: Vec2,
    /// Where cells showed last frame: the grid's viewport minus the frozen labels and headers.
    pub body: Option<Rect>,
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
    /// Which opening of a report this is: each gets its own scroll position.
    pub generation: u64,
}

/// A move from the selected cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The row above.
    Up,
    /// The row below.
    Down,
    /// The column to the left.
    Left,
    /// The column to the right (then the next row's first).
    Right,
}

impl GridPane {
    /// Handles grid keys (when no text box has the keyboard) and draws the tables.
    pub fn ui(&mut self, ui: &mut egui::Ui, view: GridView<'_>, out: &mut Vec<Command>) {
        if view.keyboard
            && let Some(key) = view.selected
        {
            self.keys(ui, view.session, key, out);
        }
        let report = view.session.report();
        let editor = self.editor.clone();
        let shown = |table: TableId, row: &'static str, col: &'static str| {
            let key = CellKey::of(table, row, col);
            match &editor {
                // Room for the caret after the text.
                Some(e) if Some(e.key) == key => format!("{}  ", e.text()),
                _ => key
                    .and_then(|k| report.cells.get(&k))
                    .map(|c| c.value.to_string())
                    .unwrap_or_default(),
            }
        };
        let layout = GridLayout::new(
            ui.ctx(),
            &report.form.form().tables,
            ui.available_width(),
            &mut self.header_widths,
            &shown,
        );
        let output = egui::ScrollArea::both()
            .id_salt(("grid-scroll", view.generation))
            .auto_shrink([false, false])
            .show_viewport(ui, |ui, viewport| {
                self.body_ui(ui, viewport, &layout, view, out);
            });
        self.offset = output.state.clamped_offset();
    }

    fn keys(&mut self, ui: &egui::Ui, session: &Session, key: CellKey, out: &mut Vec<Command>) {
        let events = ui.input(|i| i.events.clone());
        for event in events {
            match event {
                Event::Text(text) | Event::Ime(egui::ImeEvent::Commit(text)) => {
                    if text.chars().all(char::is_whitespace) {
                        continue;
                    }
                    match &mut self.editor {
                        Some(editor) if editor.key == key => editor.insert(&text),
                        _ => {
                            self.editor = Some(CellEditor::new(key, text, Mode::Replace));
                            self.invalid = None;
                        }
                    }
                }
                Event::Key {
                    key: pressed,
                    pressed: true,
                    modifiers,
                    ..
                } if !modifiers.command && !modifiers.alt => {
                    self.key(session, key, pressed, modifiers.shift, out);
                }
                _ => {}
            }
        }
    }

    fn key(
        &mut self,
        session: &Session,
        key: CellKey,
        pressed: Key,
        shift: bool,
        out: &mut Vec<Command>,
    ) {
        let mode = self
            .editor
            .as_ref()
            .filter(|e| e.key == key)
            .map(|e| e.mode());
        let in_place = mode == Some(Mode::Edit);
        let step = match pressed {
            Key::Enter if shift => Some(Step::Up),
            Key::Enter => Some(Step::Down),
            Key::Tab if shift => Some(Step::Left),
            Key::Tab => Some(Step::Right),
            Key::ArrowUp if !in_place => Some(Step::Up),
            Key::ArrowDown if !in_place => Some(Step::Down),
            Key::ArrowLeft if !in_place => Some(Step::Left),
            Key::ArrowRight if !in_place => Some(Step::Right),
            _ => None,
        };
        if let Some(step) = step {
            out.push(Command::Move(step));
            return;
        }
        let Some(editor) = self.editor.as_mut().filter(|e| e.key == key) else {
            match pressed {
                Key::Delete | Key::Backspace => out.push(Command::Edit(Edit::SetValue {
                    key,
                    value: Value::Blank,
                })),
                Key::F2 => self.edit(key, session.report().value(&key)),
                _ => {}
            }
            return;
        };
        match pressed {
            Key::ArrowLeft => editor.move_caret(-1),
            Key::ArrowRight => editor.move_caret(1),
            Key::ArrowUp | Key::Home => editor.caret_to(false),
            Key::ArrowDown | Key::End => editor.caret_to(true),
            Key::Backspace => editor.backspace(),
            Key::Delete => editor.delete(),
            Key::F2 => editor.edit_in_place(),
            Key::Escape => {
                self.editor = None;
                self.invalid = None;
            }
            _ => {}
        }
    }

    fn edit(&mut self, key: CellKey, value: &Value) {
        self.editor = Some(CellEditor::new(key, value.to_string(), Mode::Edit));
        self.invalid = None;
    }

    fn body_ui(
        &mut self,
        ui: &mut egui::Ui,
        viewport: Rect,
        layout: &GridLayout,
        view: GridView<'_>,
        out: &mut Vec<Command>,
    ) {
        let (content, _) = ui.allocate_exact_size(layout.size, Sense::hover());
        let origin = content.min.to_vec2();
        let clip = ui.clip_rect();
        let sticky = layout.sticky_header(viewport.min.y);
        let frozen_top = sticky
            .and_then(|(b, y)| Some(y + layout.bands.get(b)?.header.1))
            .map_or(clip.top(), |bottom| (origin.y + bottom).max(clip.top()));
        let body = Rect::from_min_max(
            egui::pos2(clip.left() + layout.label_width, frozen_top),
            clip.max,
        );
        self.body = Some(body);
        if let Some(key) = self.reveal.take()
            && let Some((rect, band)) = layout.cell_rect(key.table, key.row, key.col)
        {
            // Clear the frozen labels and header too: scroll as if they were part of the cell.
            let rect = rect.translate(origin);
            let target = Rect::from_min_max(
                rect.min - Vec2::new(layout.label_width, band.header.1),
                rect.max,
            );
            ui.scroll_to_rect_animation(target, None, egui::style::ScrollAnimation::none());
        }
        let fill = ui.visuals().panel_fill;
        let visible =
            |y: f32, h: f32| origin.y + y + h >= clip.top() && origin.y + y <= clip.bottom();
        for line in layout.lines.iter().filter(|l| visible(l.y, l.height)) {
            let top = origin.y + line.y;
            match &line.kind {
                LineKind::Title(title) | LineKind::Section(title) => {
                    let strong = matches!(line.kind, LineKind::Title(_));
                    let color = if strong {
                        ui.visuals().strong_text_color()
                    } else {
                        ui.visuals().weak_text_color()
                    };
                    let size = if strong { 15.0 } else { 13.0 };
                    ui.painter().with_clip_rect(clip).text(
                        egui::pos2(clip.left() + 2.0, top + line.height / 2.0),
                        Align2::LEFT_CENTER,
                        *title,
                        egui::FontId::proportional(size),
                        color,
                    );
                }
                LineKind::Header(b) if sticky.map(|s| s.0) != Some(*b) => {
                    headers_ui(ui, layout, *b, top, origin.x, clip, fill, false);
                }
                LineKind::Data(row, b) => {
                    let (Some(band), Some(row_key)) = (layout.bands.get(*b), row.key) else {
                        continue;
                    };
                    for (i, col) in band.columns.iter().enumerate() {
                        let Some(key) = CellKey::of(band.table, row_key, col.key) else {
                            continue;
                        };
                        let rect = layout.column_rect(band, i, line).translate(origin);
                        self.cell_ui(ui, rect, body, key, (row.label, col.label), view, out);
                    }
                }
                _ => {}
            }
        }
        // The row labels, frozen at the left over whatever scrolled under them.
        let labels = Rect::from_min_max(
            clip.min,
            egui::pos2(clip.left() + layout.label_width, clip.bottom()),
        );
        for line in layout.lines.iter().filter(|l| visible(l.y, l.height)) {
            let (LineKind::Data(row, _) | LineKind::Group(row)) = &line.kind else {
                continue;
            };
            let Some(galley) = &line.label else { continue };
            let rect = Rect::from_min_size(
                egui::pos2(clip.left(), origin.y + line.y),
                Vec2::new(layout.label_width, line.height),
            );
            let shown = rect
                .intersect(labels)
                .intersect(Rect::everything_below(frozen_top));
            if !shown.is_positive() {
                continue;
            }
            let painter = ui.painter().with_clip_rect(shown);
            painter.rect_filled(rect, 0.0, fill);
            let color = if row.key.is_none() {
                ui.visuals().strong_text_color()
            } else {
                ui.visuals().text_color()
            };
            let indent = 12.0 * f32::from(row.depth);
            let pos = egui::pos2(
                rect.left() + PAD + indent,
                rect.center().y - galley.size().y / 2.0,
            );
            painter.galley(pos, galley.clone(), color);
            let id = Id::unique(("row-label", row.label, line.y.to_bits()));
            let response = ui.interact(shown, id, Sense::hover());
            response.widget_info(|| WidgetInfo::labeled(Role::RowHeader, true, row.label));
            if galley.elided {
                response.on_hover_text(row.label);
            }
        }
        if let Some((b, y)) = sticky {
            headers_ui(ui, layout, b, origin.y + y, origin.x, clip, fill, true);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn cell_ui(
        &mut self,
        ui: &mut egui::Ui,
        rect: Rect,
        body: Rect,
        key: CellKey,
        (row_label, col_label): (&str, &str),
        view: GridView<'_>,
        out: &mut Vec<Command>,
    ) {
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
        let label = format!("{row_label} · {col_label} = {text}");
        response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
        let dark = ui.visuals().dark_mode;
        let suspect = session.suspects().contains(&key);
        let colors = theme::cell_colors(session.severity_of(&key), suspect, dark);
        let painter = ui.painter().with_clip_rect(shown);
        let fill = colors.fill.unwrap_or(ui.visuals().extreme_bg_color);
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
        corners_ui(&painter, rect, cell.status, cell.confidence, dark);
        let invalid = editor.is_some() && self.invalid.is_some();
        let stroke = if invalid {
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
        if let (true, Some(reason)) = (invalid, self.invalid) {
            reason_ui(ui.ctx(), rect, lang.reason(reason), lang);
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
            out.push(Command::ClickCell(key));
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
        .form()
        .cell(key.table, key.row, key.col)
        .map(|(r, c)| (r.label, c.label))
        .unwrap_or_default();
    let text = match editing {
        Some((k, text)) if k == *key => text.to_owned(),
        _ => session.report().value(key).to_string(),
    };
    format!("{} · {} = {text}", names.0, names.1)
}

/// The column headers of band `b` on a line at `top`, clipped to the columns' side of the grid.
#[allow(clippy::too_many_arguments)]
fn headers_ui(
    ui: &egui::Ui,
    layout: &GridLayout,
    b: usize,
    top: f32,
    left: f32,
    clip: Rect,
    fill: Color32,
    sticky: bool,
) {
    let Some(band) = layout.bands.get(b) else {
        return;
    };
    let height = band.header.1;
    let strip = Rect::from_min_size(
        egui::pos2(clip.left(), top),
        Vec2::new(clip.width(), height),
    );
    let strip = strip.intersect(clip);
    if !strip.is_positive() {
        return;
    }
    ui.painter()
        .with_clip_rect(strip)
        .rect_filled(strip, 0.0, fill);
    let columns = Rect::from_min_max(
        egui::pos2(clip.left() + layout.label_width, strip.top()),
        strip.max,
    );
    let color = ui.visuals().text_color();
    for (i, (col, galley)) in band.columns.iter().zip(&band.headers).enumerate() {
        let width = band.widths.get(i).copied().unwrap_or_default();
        let rect = Rect::from_min_size(
            egui::pos2(left + layout.label_width + band.left(i), top),
            Vec2::new(width, height),
        );
        let shown = rect.intersect(columns);
        if !shown.is_positive() {
            continue;
        }
        let pos = rect.center() - galley.size() / 2.0;
        ui.painter()
            .with_clip_rect(shown)
            .galley(pos, galley.clone(), color);
        let id = Id::unique(("column-header", b, i, sticky));
        let response = ui.interact(shown, id, Sense::hover());
        response.widget_info(|| WidgetInfo::labeled(Role::ColumnHeader, true, col.label));
        if galley.elided {
            response.on_hover_text(col.label);
        }
    }
    if sticky {
        let title = table_short(band.table);
        let corner = Rect::from_min_max(strip.min, egui::pos2(columns.left(), strip.bottom()));
        ui.painter().with_clip_rect(corner).text(
            corner.left_center() + Vec2::new(PAD, 0.0),
            Align2::LEFT_CENTER,
            title,
            header_font(),
            ui.visuals().weak_text_color(),
        );
    }
}

/// The table's short name, shown in the corner of a frozen header.
fn table_short(table: TableId) -> &'static str {
    match table {
        TableId::Proactive => "二、主动公开",
        TableId::Requests => "三、申请情况",
        TableId::Appeals => "四、复议诉讼",
    }
}

/// The green corner of a corrected cell, the violet one of an inferred or ambiguous reading.
fn corners_ui(
    painter: &egui::Painter,
    rect: Rect,
    status: Status,
    confidence: Confidence,
    dark: bool,
) {
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
    if status == Status::Corrected {
        corner(theme::corrected_mark(dark), true);
    }
    if confidence != Confidence::Exact {
        corner(theme::inferred_mark(dark), false);
    }
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
        Status::Reviewed => lang.pick("已核", "reviewed"),
    };
    let confidence = match confidence {
        Confidence::Exact => lang.pick("确定", "exact"),
        Confidence::Inferred => lang.pick("推断", "inferred"),
        Confidence::Ambiguous => lang.pick("存疑", "ambiguous"),
    };
    format!("{status} · {confidence}")
}

/// The cell `step` leads to from `from`, in printed order across all three tables.
pub fn step_target(session: &Session, from: CellKey, step: Step) -> Option<CellKey> {
    let rows = grid_rows(session);
    let (r, c) = rows
        .iter()
        .enumerate()
        .find_map(|(r, row)| row.iter().position(|k| *k == from).map(|c| (r, c)))?;
    let column = |row: &Vec<CellKey>| row.get(c.min(row.len().saturating_sub(1))).copied();
    match step {
        Step::Up => r.checked_sub(1).and_then(|r| rows.get(r)).and_then(column),
        Step::Down => rows.get(r + 1).and_then(column),
        Step::Left => c
            .checked_sub(1)
            .and_then(|c| rows.get(r).and_then(|row| row.get(c)).copied()),
        Step::Right => rows
            .get(r)
            .and_then(|row| row.get(c + 1))
            .copied()
            .or_else(|| rows.get(r + 1).and_then(|row| row.first()).copied()),
    }
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::{Document, Format};

    #[test]
    fn steps_wrap_to_the_next_row_and_stop_at_the_edges() {
        let session = Session::from_document(Document::from_text(Format::Text, ""));
        let rows = grid_rows(&session);
        let first = rows[0][0];
        assert_eq!(step_target(&session, first, Step::Up), None);
        assert_eq!(step_target(&session, first, Step::Left), None);
        let end = *rows[0].last().unwrap();
        assert_eq!(step_target(&session, end, Step::Right), Some(rows[1][0]));
    }
}
