//! The marks a grid cell carries for what was done to it, and the legend that explains them and
//! the tints. A corrected cell has a green corner (top right), a checked cell a teal tick
//! (bottom right), a cell with a note an orange corner (top left), an inferred or ambiguous
//! reading a violet corner (bottom left): all drawn, not only told on hover, so a reviewer sees
//! at a glance what was done. [`LEGEND`] lists the tints and marks in both languages; the
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
    /// Mark: checked by the reviewer.
    Checked,
    /// Mark: has a note.
    Noted,
    /// Mark: placed by inference, not read from its own position.
    Inferred,
}

/// Every tint and mark with its meaning: what the legend and the Help window show.
pub const LEGEND: [(Sign, &str, &str); 8] = [
    (Sign::Broken, "不平（勾稽不成立）", "broken rule"),
    (
        Sign::Suspect,
        "首要嫌疑（两条以上不平）",
        "prime suspect (two or more broken rules)",
    ),
    (
        Sign::Incomplete,
        "缺数（有空格，无法核对）",
        "incomplete (a blank input)",
    ),
    (Sign::Ambiguous, "存疑（原文读法不定）", "ambiguous reading"),
    (Sign::Corrected, "已更正", "corrected"),
    (Sign::Checked, "已核", "checked"),
    (Sign::Noted, "有备注", "has a note"),
    (Sign::Inferred, "推断读取", "inferred reading"),
];

/// The marks `cell` carries, in drawing order.
pub fn marks_of(cell: &Cell) -> Vec<Sign> {
    let mut marks = Vec::new();
    if cell.status == Status::Corrected {
        marks.push(Sign::Corrected);
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
        Sign::Noted => corner(rect.left_top(), 8.0, 8.0, theme::note_mark(dark)),
        Sign::Inferred => corner(rect.left_bottom(), 7.0, -7.0, theme::inferred_mark(dark)),
        Sign::Checked => {
            let o = rect.right_bottom() + Vec2::new(-9.0, -3.0);
            let stroke = Stroke::new(2.0, theme::checked_mark(dark));
            painter.line_segment([o + Vec2::new(-4.0, -3.5), o], stroke);
            painter.line_segment([o, o + Vec2::new(6.0, -8.0)], stroke);
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

/// One legend entry: a small cell showing the sign, then its meaning.
pub fn legend_entry_ui(ui: &mut egui::Ui, sign: Sign, text: &str) {
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
    ui.label(text);
}

/// The legend strip: every tint and mark in one wrapped line.
pub fn legend_ui(ui: &mut egui::Ui, lang: Lang) {
    ui.horizontal_wrapped(|ui| {
        ui.weak(lang.pick("图例：", "Legend:"));
        for (sign, zh, en) in LEGEND {
            legend_entry_ui(ui, sign, lang.pick(zh, en));
            ui.add_space(6.0);
        }
    });
}
