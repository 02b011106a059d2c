//! The raw text pane: the decoded report with line numbers, the selected cell's source span
//! highlighted and scrolled into view (sideways too, so a one-line flattened report keeps it on
//! screen), long lines wrapped on request (View menu), and Ctrl+F search with next/previous:
//! the search looks in the grid's labels (table headings, row and column labels,
//! `review::find_cells`) as well as in the report text. While the grid has hits, Enter and
//! Next select the next hit's cell; otherwise they move to the next match in the text.

use std::ops::Range;

use crate::review::find_cells;
use crate::{CellKey, Document, Report};
use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Align, Color32, FontId, Key, Rect, TextStyle};

use super::command::Command;
use super::i18n::Lang;
use super::theme;

/// The id of the search box, so the app knows when it has the keyboard.
pub fn search_id() -> egui::Id {
    egui::Id::unique("raw-search")
}

/// Search state and pending scroll of the raw text pane.
#[derive(Debug, Default)]
pub struct RawPane {
    /// What is searched for.
    pub query: String,
    /// The query `matches` were found for.
    searched: String,
    /// Byte ranges of the matches in the document text.
    pub matches: Vec<Range<usize>>,
    /// The cells whose labels hold the query, in printed order.
    pub cell_hits: Vec<CellKey>,
    /// The cell hit selected last.
    pub cell_current: Option<usize>,
    /// The current match.
    pub current: Option<usize>,
    /// Scroll this byte range of the text into view on the next frame, down and sideways.
    pub reveal: Option<Range<usize>>,
    /// Give the search box the keyboard on the next frame.
    pub focus_search: bool,
    /// The text's scroll offset after the last frame.
    pub offset: egui::Vec2,
}

/// What the raw text pane shows this frame.
#[derive(Debug, Clone)]
pub struct RawView {
    /// The selected cell's source (byte range, or the whole line when only the line is known).
    pub span: Option<Range<usize>>,
    /// Wrap long lines.
    pub wrap: bool,
    /// Which opening of a report this is: each gets its own scroll position.
    pub generation: u64,
}

/// Where the search looks: the report text (when the source was found) and the grid's labels.
#[derive(Clone, Copy)]
pub struct Searched<'a> {
    /// The decoded report, when known.
    pub doc: Option<&'a Document>,
    /// The report whose grid is searched by its labels.
    pub report: &'a Report,
}

impl RawPane {
    /// Draws the search bar and the text.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        searched: Searched<'_>,
        view: RawView,
        lang: Lang,
        out: &mut Vec<Command>,
    ) {
        self.search_bar_ui(ui, searched, lang, out);
        ui.separator();
        let Some(doc) = searched.doc else {
            ui.label(lang.pick(
                "原文未找到：请把报告文件放在审核表旁边。",
                "Source text not found: put the report file beside the review CSV.",
            ));
            return;
        };
        let dark = ui.visuals().dark_mode;
        let font = TextStyle::Monospace.resolve(ui.style());
        let row_height = ui.text_style_height(&TextStyle::Monospace).max(16.0);
        let spacing = ui.spacing().item_spacing.y;
        let reveal = self.reveal.take();
        let reveal_line = reveal.as_ref().map(|r| doc.line_of(r.start));
        let mut area = egui::ScrollArea::both()
            .id_salt(("raw-scroll", view.generation))
            .auto_shrink([false, false]);
        if view.wrap {
            area = area.scroll([false, true]);
        }
        if let (Some(line), false) = (reveal_line, view.wrap) {
            // Bring the line among the rows drawn; the span itself is revealed when drawn.
            let third = ui.available_height() / 3.0;
            let offset = (line as f32 * (row_height + spacing) - third).max(0.0);
            area = area.vertical_scroll_offset(offset);
        }
        let current = self.current.and_then(|i| self.matches.get(i)).cloned();
        let digits = doc.line_count().to_string().len();
        let text_color = ui.visuals().text_color();
        let weak = ui.visuals().weak_text_color();
        let mut line_ui = |ui: &mut egui::Ui, index: usize| {
            let line_span = doc.line_span(index);
            let mut marks: Vec<(Range<usize>, Color32)> = Vec::new();
            for m in self.matches.iter().filter(|m| overlaps(m, &line_span)) {
                marks.push((m.clone(), theme::search_highlight(dark)));
            }
            if let Some(s) = view.span.as_ref().filter(|s| overlaps(s, &line_span)) {
                marks.push((s.clone(), theme::source_highlight(dark)));
            }
            if let Some(c) = current.as_ref().filter(|c| overlaps(c, &line_span)) {
                marks.push((c.clone(), theme::source_highlight(dark)));
            }
            ui.horizontal_top(|ui| {
                ui.label(
                    egui::RichText::new(format!("{:>digits$}", index + 1))
                        .monospace()
                        .color(weak),
                );
                let mut job = line_job(doc, line_span.clone(), &marks, font.clone(), text_color);
                if view.wrap {
                    job.wrap.max_width = ui.available_width();
                }
                let target = reveal
                    .as_ref()
                    .filter(|_| reveal_line == Some(index))
                    .map(|r| {
                        r.start.saturating_sub(line_span.start)
                            ..r.end.saturating_sub(line_span.start)
                    });
                let text = &doc.text[line_span.clone()];
                if let Some(byte) = clickable_line_ui(ui, job, text, target) {
                    out.push(Command::SelectSource(line_span.start + byte));
                }
            });
        };
        let state = if view.wrap {
            area.show(ui, |ui| {
                for index in 0..doc.line_count() {
                    line_ui(ui, index);
                }
            })
            .state
        } else {
            area.show_rows(ui, row_height, doc.line_count(), |ui, lines| {
                for index in lines {
                    line_ui(ui, index);
                }
            })
            .state
        };
        self.offset = state.clamped_offset();
    }

    fn search_bar_ui(
        &mut self,
        ui: &mut egui::Ui,
        searched: Searched<'_>,
        lang: Lang,
        out: &mut Vec<Command>,
    ) {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(lang.pick("查找", "Find"));
            let edit = egui::TextEdit::singleline(&mut self.query)
                .id(search_id())
                .desired_width(160.0)
                .hint_text(lang.pick("Ctrl+F 表格标签或原文", "Ctrl+F labels or text"));
            let response = ui.add(edit).labelled_by(label.id);
            if self.focus_search {
                response.request_focus();
                self.focus_search = false;
            }
            if self.query != self.searched {
                self.search(searched);
            }
            let enter = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            let shift = ui.input(|i| i.modifiers.shift);
            if ui.button(lang.pick("上一个", "Previous")).clicked() || (enter && shift) {
                self.next_hit(false, out);
            }
            if ui.button(lang.pick("下一个", "Next")).clicked() || (enter && !shift) {
                self.next_hit(true, out);
            }
            if enter {
                response.request_focus();
            }
            if !self.query.is_empty() {
                let cells = self.cell_hits.len();
                let at = self.cell_current.map_or(0, |i| i + 1);
                ui.label(format!("{} {at}/{cells}", lang.pick("表格", "grid")));
                let n = self.matches.len();
                let at = self.current.map_or(0, |i| i + 1);
                ui.label(format!("{} {at}/{n}", lang.pick("原文", "text")));
            }
        });
    }

    /// Finds every cell whose labels hold the query and every match of it in the report text,
    /// and moves to the first match in the text.
    pub fn search(&mut self, searched: Searched<'_>) {
        self.searched = self.query.clone();
        self.cell_hits = find_cells(searched.report, &self.query);
        self.cell_current = None;
        self.matches = match searched.doc {
            Some(doc) if !self.query.is_empty() => doc
                .text
                .match_indices(self.query.as_str())
                .map(|(i, m)| i..i + m.len())
                .collect(),
            _ => Vec::new(),
        };
        self.current = None;
        self.step(true);
    }

    /// Enter or Next (`forward`), Shift+Enter or Previous: the next cell whose labels hold the
    /// query, selected, while there are such cells; else the next match in the text.
    fn next_hit(&mut self, forward: bool, out: &mut Vec<Command>) {
        let n = self.cell_hits.len();
        if n == 0 {
            self.step(forward);
            return;
        }
        let next = match (self.cell_current, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        self.cell_current = Some(next);
        if let Some(key) = self.cell_hits.get(next) {
            out.push(Command::SelectCell(*key));
        }
    }

    /// Moves to the next (or previous) match, wrapping around, and scrolls to it.
    pub fn step(&mut self, forward: bool) {
        let n = self.matches.len();
        if n == 0 {
            self.current = None;
            return;
        }
        let next = match (self.current, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        self.current = Some(next);
        self.reveal = self.matches.get(next).cloned();
    }
}

/// Draws one line of text, scrolling the bytes `reveal` (within `text`) into view, down and
/// sideways; when it is clicked, returns the byte offset clicked within `text`.
fn clickable_line_ui(
    ui: &mut egui::Ui,
    job: LayoutJob,
    text: &str,
    reveal: Option<Range<usize>>,
) -> Option<usize> {
    let galley = ui.painter().layout_job(job);
    let (rect, response) = ui.allocate_exact_size(galley.size(), egui::Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text));
    ui.painter()
        .galley(rect.min, galley.clone(), ui.visuals().text_color());
    if let Some(bytes) = reveal {
        let chars = |byte: usize| text.get(..byte).map_or(0, |t| t.chars().count());
        let start = galley.pos_from_cursor(CCursor::new(chars(bytes.start)));
        let end = galley.pos_from_cursor(CCursor::new(chars(bytes.end)));
        let span =
            Rect::from_min_max(start.min, end.max.max(start.max)).translate(rect.min.to_vec2());
        ui.scroll_to_rect(span, Some(Align::Center));
    }
    if !response.clicked() {
        return None;
    }
    let pos = response.interact_pointer_pos()?;
    let chars = galley.cursor_from_pos(pos - rect.min).index.0;
    Some(
        text.char_indices()
            .nth(chars)
            .map_or(text.len(), |(i, _)| i),
    )
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end.max(b.start + 1) && b.start < a.end
}

/// One line of text with backgrounds over the marked byte ranges (later marks win).
fn line_job(
    doc: &Document,
    line: Range<usize>,
    marks: &[(Range<usize>, Color32)],
    font: FontId,
    color: Color32,
) -> LayoutJob {
    let text = &doc.text[line.clone()];
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for (m, _) in marks {
        for edge in [m.start, m.end] {
            let local = edge.saturating_sub(line.start).min(text.len());
            if text.is_char_boundary(local) {
                cuts.push(local);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut job = LayoutJob::default();
    for pair in cuts.windows(2) {
        let &[a, b] = pair else { continue };
        let absolute = line.start + a..line.start + b;
        let background = marks
            .iter()
            .rev()
            .find(|(m, _)| m.start <= absolute.start && absolute.end <= m.end)
            .map_or(Color32::TRANSPARENT, |(_, c)| *c);
        let format = TextFormat {
            font_id: font.clone(),
            color,
            background,
            ..TextFormat::default()
        };
        job.append(&text[a..b], 0.0, format);
    }
    job
}
