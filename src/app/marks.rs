//! The marks a grid cell carries for what was done to it, and the legend that explains them and
//! the tints. A corrected cell has a green corner (top right), a cell filled from a reading the
//! reviewer chose a blue one in the same place, a checked cell a teal bar along
//! its bottom edge, a cell with a note an orange corner (top left), an inferred or ambiguous
//! reading a violet corner (bottom left): all drawn, not only told on hover, so a reviewer sees
//! at a glance what was done. The marks sit on the edges and corners, clear of the value, and
//! are drawn over the outlines. [`LEGEND`] lists the tints and marks in both languages; the
//! legend strip above the grid and the Help window draw it.

use egui::{Color32, Pos2, Rect, Sense, Stroke, Vec2};

use super::i18n::Lang;
use super::theme;
use crate::{Cell, Confidence, Severity, Status};

/// What a cell's look can say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    /// Tint: a rule that does not hold (不平).
    Broken,
    /// Tint: in two or more broken rules, the prime suspect.
    Suspect,
    /// Tint: a rule with a blank input (缺数).
    Incomplete,
    /// Tint: a reading the source does not decide (存疑).
    Ambiguous,
    /// Mark: corrected by the reviewer.
    Corrected,
    /// Mark: filled from a reading the reviewer chose.
    Chosen,
    /// Mark: checked by the reviewer.
    Checked,
    /// Mark: has a note.
    Noted,
    /// Mark: placed by inference, not read from its own position.
    Inferred,
}

/// One entry of the legend: the sign, a word for the strip above the grid and a sentence for
/// the Help window, each in Chinese and English.
#[derive(Debug, Clone, Copy)]
pub struct LegendEntry {
    /// The tint or mark.
    pub sign: Sign,
    /// Short, for the legend strip.
    pub short: (&'static str, &'static str),
    /// What it means, for the Help window and the strip's tooltip.
    pub long: (&'static str, &'static str),
}

const fn entry(
    sign: Sign,
    short: (&'static str, &'static str),
    long: (&'static str, &'static str),
) -> LegendEntry {
    LegendEntry { sign, short, long }
}

/// Every tint and mark with its meaning: what the legend and the Help window show.
pub const LEGEND: [LegendEntry; 9] = [
    entry(
        Sign::Broken,
        ("不平", "broken"),
        (
            "红色：所在勾稽关系不成立（不平）",
            "red: in a rule that does not hold (broken)",
        ),
    ),
    entry(
        Sign::Suspect,
        ("首要嫌疑", "suspect"),
        (
            "深红：在两条以上不平的关系中，最可能错",
            "strong red: in two or more broken rules, the prime suspect",
        ),
    ),
    entry(
        Sign::Incomplete,
        ("缺数", "incomplete"),
        (
            "琥珀色：所在关系有空格，无法核对（缺数）",
            "amber: in a rule with a blank input, which cannot be checked (incomplete)",
        ),
    ),
    entry(
        Sign::Ambiguous,
        ("存疑", "ambiguous"),
        (
            "紫色：原文读法不定，留空待定（存疑）",
            "violet: the source allows several readings; left blank (ambiguous)",
        ),
    ),
    entry(
        Sign::Corrected,
        ("已更正", "corrected"),
        (
            "右上绿角：审核人员改过的值",
            "green corner, top right: changed by the reviewer",
        ),
    ),
    entry(
        Sign::Chosen,
        ("已选读法", "chosen"),
        (
            "右上蓝角：审核人员从原文的几种读法中选定（原文有歧义，不是更正）",
            "blue corner, top right: a reading the reviewer chose among the source's (ambiguous, not wrong)",
        ),
    ),
    entry(
        Sign::Checked,
        ("已核", "checked"),
        (
            "底边青色横条：审核人员已核（F6 或完成复核），与是否更正无关",
            "teal bar along the bottom: checked by the reviewer (F6 or finishing), corrected or not",
        ),
    ),
    entry(
        Sign::Noted,
        ("有备注", "note"),
        ("左上橙角：有备注", "orange corner, top left: has a note"),
    ),
    entry(
        Sign::Inferred,
        ("推断", "inferred"),
        (
            "左下紫角：值由推断放入，不是从本格位置读出",
            "violet corner, bottom left: placed by inference, not read from its own position",
        ),
    ),
];

/// The marks `cell` carries, in drawing order.
pub fn marks_of(cell: &Cell) -> Vec<Sign> {
    let mut marks = Vec::new();
    match cell.status {
        Status::Corrected => marks.push(Sign::Corrected),
        Status::Chosen => marks.push(Sign::Chosen),
        Status::Extracted | Status::Blank => {}
    }
    if cell.checked {
        marks.push(Sign::Checked);
    }
    if !cell.note.is_empty() {
        marks.push(Sign::Noted);
    }
    if cell.confidence != Confidence::Exact {
        marks.push(Sign::Inferred);
    }
    marks
}

/// Paints mark `sign` on a cell at `rect` (tints are the cell's fill, not marks: nothing).
pub fn paint_mark(painter: &egui::Painter, rect: Rect, sign: Sign, dark: bool) {
    let corner = |at: Pos2, dx: f32, dy: f32, color: Color32| {
        let points = vec![at, at + Vec2::new(dx, 0.0), at + Vec2::new(0.0, dy)];
        painter.add(egui::Shape::convex_polygon(points, color, Stroke::NONE));
    };
    match sign {
        Sign::Corrected => corner(rect.right_top(), -8.0, 8.0, theme::corrected_mark(dark)),
        Sign::Chosen => corner(rect.right_top(), -8.0, 8.0, theme::chosen_mark(dark)),
        Sign::Noted => corner(rect.left_top(), 8.0, 8.0, theme::note_mark(dark)),
        Sign::Inferred => corner(rect.left_bottom(), 7.0, -7.0, theme::inferred_mark(dark)),
        Sign::Checked => {
            // A bar along the bottom edge, under the digits (which are centred), clear of them.
            let bar = Rect::from_min_max(
                rect.left_bottom() + Vec2::new(8.0, -3.0),
                rect.right_bottom() + Vec2::new(-2.0, 0.0),
            );
            painter.rect_filled(bar, 1.0, theme::checked_mark(dark));
        }
        Sign::Broken | Sign::Suspect | Sign::Incomplete | Sign::Ambiguous => {}
    }
}

/// The fill a tint sign gives a cell.
fn tint(sign: Sign, dark: bool) -> Option<Color32> {
    let (severity, suspect) = match sign {
        Sign::Broken => (Severity::Broken, false),
        Sign::Suspect => (Severity::Broken, true),
        Sign::Incomplete => (Severity::Incomplete, false),
        Sign::Ambiguous => (Severity::Ambiguous, false),
        _ => return None,
    };
    theme::cell_colors(Some(severity), suspect, dark).fill
}

/// One legend entry: a small cell showing the sign, then `text`.
pub fn legend_entry_ui(ui: &mut egui::Ui, sign: Sign, text: &str) -> egui::Response {
    let dark = ui.visuals().dark_mode;
    let (rect, _) = ui.allocate_exact_size(Vec2::new(24.0, 16.0), Sense::hover());
    let painter = ui.painter_at(rect);
    let fill = tint(sign, dark).unwrap_or(ui.visuals().extreme_bg_color);
    painter.rect_filled(rect, 2.0, fill);
    painter.rect_stroke(
        rect,
        2.0,
        Stroke::new(1.0, ui.visuals().weak_text_color()),
        egui::StrokeKind::Inside,
    );
    paint_mark(&painter, rect, sign, dark);
    ui.label(text)
}

/// The legend strip: every tint and mark on one line (scrolling sideways in a narrow window,
/// never wrapping under the grid), each explained on hover and in the Help window (F1).
pub fn legend_ui(ui: &mut egui::Ui, lang: Lang) {
    egui::ScrollArea::horizontal()
        .id_salt("legend")
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.weak(lang.pick("图例：", "Legend:"));
                for e in LEGEND {
                    let (zh, en) = e.short;
                    let (long_zh, long_en) = e.long;
                    legend_entry_ui(ui, e.sign, lang.pick(zh, en))
                        .on_hover_text(lang.pick(long_zh, long_en));
                    ui.add_space(4.0);
                }
                ui.weak(lang.pick("· F1 全部说明", "· F1 for all"));
            });
        });
}
