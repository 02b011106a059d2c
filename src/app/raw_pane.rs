//! The raw text pane: the decoded report with line numbers, the selected cell's source span
//! highlighted and scrolled into view, and Ctrl+F search with next/previous.

use std::ops::Range;

use crate::Document;
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Key, TextStyle};

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
    /// The current match.
    pub current: Option<usize>,
    /// Scroll this 0-based line into view on the next frame.
    pub scroll_to_line: Option<usize>,
    /// Give the search box the keyboard on the next frame.
    pub focus_search: bool,
}

impl RawPane {
    /// Draws the search bar and the text. `span` is the selected cell's source (byte range, or
    /// the whole line when only the line is known).
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        doc: Option<&Document>,
        span: Option<Range<usize>>,
        lang: Lang,
        out: &mut Vec<Command>,
    ) {
        let Some(doc) = doc else {
            ui.label(lang.pick(
                "原文未找到：请把报告文件放在审核表旁边。",
                "Source text not found: put the report file beside the review CSV.",
            ));
            return;
        };
        self.search_bar_ui(ui, doc, lang);
        ui.separator();
        let dark = ui.visuals().dark_mode;
        let font = TextStyle::Monospace.resolve(ui.style());
        let row_height = ui.text_style_height(&TextStyle::Monospace).max(16.0);
        let spacing = ui.spacing().item_spacing.y;
        let mut area = egui::ScrollArea::both()
            .id_salt("raw-scroll")
            .auto_shrink([false, false]);
        if let Some(line) = self.scroll_to_line.take() {
            let third = ui.available_height() / 3.0;
            let offset = (line as f32 * (row_height + spacing) - third).max(0.0);
            area = area.vertical_scroll_offset(offset);
        }
        let current = self.current.and_then(|i| self.matches.get(i)).cloned();
        let digits = doc.line_count().to_string().len();
        let text_color = ui.visuals().text_color();
        let weak = ui.visuals().weak_text_color();
        area.show_rows(ui, row_height, doc.line_count(), |ui, lines| {
            for index in lines {
                let line_span = doc.line_span(index);
                let mut marks: Vec<(Range<usize>, Color32)> = Vec::new();
                for m in self.matches.iter().filter(|m| overlaps(m, &line_span)) {
                    marks.push((m.clone(), theme::search_highlight(dark)));
                }
                if let Some(s) = span.as_ref().filter(|s| overlaps(s, &line_span)) {
                    marks.push((s.clone(), theme::source_highlight(dark)));
                }
                if let Some(c) = current.as_ref().filter(|c| overlaps(c, &line_span)) {
                    marks.push((c.clone(), theme::source_highlight(dark)));
                }
                ui.horizontal(|ui| {
                    ui.label(
                        egui::RichText::new(format!("{:>digits$}", index + 1))
                            .monospace()
                            .color(weak),
                    );
                    let job = line_job(doc, line_span.clone(), &marks, font.clone(), text_color);
                    if let Some(byte) = clickable_line_ui(ui, job, &doc.text[line_span.clone()]) {
                        let at = line_span.start + byte;
                        out.push(Command::SelectSource(at));
                    }
                });
            }
        });
    }

    fn search_bar_ui(&mut self, ui: &mut egui::Ui, doc: &Document, lang: Lang) {
        ui.horizontal(|ui| {
            let label = ui.label(lang.pick("查找", "Find"));
            let edit = egui::TextEdit::singleline(&mut self.query)
                .id(search_id())
                .desired_width(160.0)
                .hint_text("Ctrl+F");
            let response = ui.add(edit).labelled_by(label.id);
            if self.focus_search {
                response.request_focus();
                self.focus_search = false;
            }
            if self.query != self.searched {
                self.search(doc);
            }
            let enter = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            let shift = ui.input(|i| i.modifiers.shift);
            if ui.button(lang.pick("上一个", "Previous")).clicked() || (enter && shift) {
                self.step(doc, false);
            }
            if ui.button(lang.pick("下一个", "Next")).clicked() || (enter && !shift) {
                self.step(doc, true);
            }
            if enter {
                response.request_focus();
            }
            if !self.query.is_empty() {
                let n = self.matches.len();
                let at = self.current.map_or(0, |i| i + 1);
                ui.label(format!("{at}/{n}"));
            }
        });
    }

    /// Finds every match of the query in `doc` and moves to the first.
    pub fn search(&mut self, doc: &Document) {
        self.searched = self.query.clone();
        self.matches = if self.query.is_empty() {
            Vec::new()
        } else {
            doc.text
                .match_indices(self.query.as_str())
                .map(|(i, m)| i..i + m.len())
                .collect()
        };
        self.current = None;
        self.step(doc, true);
    }

    /// Moves to the next (or previous) match, wrapping around, and scrolls to it.
    pub fn step(&mut self, doc: &Document, forward: bool) {
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
        if let Some(found) = self.matches.get(next) {
            self.scroll_to_line = Some(doc.line_of(found.start));
        }
    }
}

/// Draws one line of text; when it is clicked, returns the byte offset clicked within `text`.
fn clickable_line_ui(ui: &mut egui::Ui, job: LayoutJob, text: &str) -> Option<usize> {
    let galley = ui.painter().layout_job(job);
    let (rect, response) = ui.allocate_exact_size(galley.size(), egui::Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text));
    ui.painter()
        .galley(rect.min, galley.clone(), ui.visuals().text_color());
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
