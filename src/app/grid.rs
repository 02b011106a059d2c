//! The grid pane: the three tables laid out like the printed form (Chinese labels, group rows,
//! table 二's sections), with tints for findings and keyboard-first editing.
//!
//! Geometry comes from [`GridLayout`], measured every frame from the values, so no number is
//! cut. The row labels stay at the left and a band's column headers at the top while the grid
//! scrolls either way. A mouse click selects without scrolling; a keyboard move asks for
//! [`GridPane::reveal`], which scrolls only as far as needed to clear the frozen labels.
//!
//! Editing: typing replaces the selected cell's value ([`CellEditor`]); Enter, Tab and the arrows
//! push [`Command::Move`], Shift+arrows and Shift+click extend the selection within the table
//! ([`Command::Extend`]), copy and paste events become [`Command::Copy`] and
//! [`Command::Paste`], Esc cancels, Delete blanks, F2 or a double click edits in place. The
//! pane never commits: every command that leaves the cell goes through
//! `ReviewApp::commit_pending`.

use crate::report::Problem;
use crate::review::{Edit, Session};
use crate::template::TableId;
use crate::{CellKey, Value};
use egui::{Event, Key, Rect, Sense, Vec2};

use super::cell_editor::{CellEditor, Mode};
use super::command::{Command, Step};
use super::grid_frozen::{self, Placement};
use super::grid_layout::{GridLayout, HeaderWidths, LineKind};
use super::i18n::Lang;

/// The grid pane: the typing buffer, a pending scroll, and what the last frame measured.
#[derive(Debug, Default)]
pub struct GridPane {
    /// What is typed into the selected cell and not yet committed.
    pub editor: Option<CellEditor>,
    /// Why the typed text was refused, if it was.
    pub invalid: Option<Problem>,
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
    /// The selected rectangle's cells (Shift+arrows), the selected cell among them.
    pub range: &'a [CellKey],
    /// The window's language.
    pub lang: Lang,
    /// Whether the grid has the keyboard (no text box focused, no prompt).
    pub keyboard: bool,
    /// Which opening of a report this is: each gets its own scroll position.
    pub generation: u64,
}

/// A cell and the names a reviewer reads it by.
#[derive(Debug, Clone, Copy)]
pub struct CellNames<'a> {
    /// The cell.
    pub key: CellKey,
    /// Its row's label.
    pub row: &'a str,
    /// Its column's label.
    pub col: &'a str,
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
            let key = CellKey::new(report.form, table, row, col);
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
            &report.form.tables,
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
                Event::Copy => out.push(Command::Copy),
                Event::Paste(text) => out.push(Command::Paste(Some(text))),
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
            Key::ArrowUp | Key::ArrowDown | Key::ArrowLeft | Key::ArrowRight
                if shift && !in_place =>
            {
                out.push(Command::Extend(match pressed {
                    Key::ArrowUp => Step::Up,
                    Key::ArrowDown => Step::Down,
                    Key::ArrowLeft => Step::Left,
                    _ => Step::Right,
                }));
                return;
            }
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

    fn body_ui(
        &mut self,
        ui: &mut egui::Ui,
        viewport: Rect,
        layout: &GridLayout,
        view: GridView<'_>,
        out: &mut Vec<Command>,
    ) {
        let form = view.session.report().form;
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
        let at = Placement {
            origin,
            clip,
            fill: ui.visuals().panel_fill,
        };
        for line in layout.lines.iter().filter(|l| at.shows(l)) {
            match &line.kind {
                LineKind::Title(_) | LineKind::Section(_) => grid_frozen::title_ui(ui, line, at),
                LineKind::Header(b) if sticky.map(|s| s.0) != Some(*b) => {
                    grid_frozen::headers_ui(ui, layout, *b, origin.y + line.y, at, false);
                }
                LineKind::Data(row, b) => {
                    let (Some(band), Some(row_key)) = (layout.bands.get(*b), row.key) else {
                        continue;
                    };
                    for (i, col) in band.columns.iter().enumerate() {
                        let Some(key) = CellKey::new(form, band.table, row_key, col.key) else {
                            continue;
                        };
                        let rect = layout.column_rect(band, i, line).translate(origin);
                        let names = CellNames {
                            key,
                            row: row.label,
                            col: col.label,
                        };
                        self.cell_ui(ui, rect, body, names, view, out);
                    }
                }
                _ => {}
            }
        }
        grid_frozen::row_labels_ui(ui, layout, at, frozen_top);
        if let Some((b, y)) = sticky {
            grid_frozen::headers_ui(ui, layout, b, origin.y + y, at, true);
        }
    }

    /// Starts editing `key` in place, with its current value.
    pub(super) fn edit(&mut self, key: CellKey, value: &Value) {
        self.editor = Some(CellEditor::new(key, value.to_string(), Mode::Edit));
        self.invalid = None;
    }
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
    let form = session.report().form;
    for table in &form.tables {
        for row in table.data_rows() {
            let Some(row_key) = row.key else { continue };
            let keys: Vec<CellKey> = row
                .columns
                .iter()
                .filter_map(|c| CellKey::new(form, table.id, row_key, c.key))
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
