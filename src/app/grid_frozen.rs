//! The frozen parts of the grid, drawn over the cells that scroll under them: the row labels
//! pinned at the left, each band's column headers (sticking to the top while the band's rows
//! scroll under them), and the table titles and table 二's sections kept at the left edge. Labels
//! are wrapped to two lines by [`GridLayout`]; one still cut has a tooltip with its full text.

use crate::template::TableId;
use egui::{Align2, Color32, Id, Rect, Role, Sense, Vec2, WidgetInfo};

use super::grid_layout::{GridLayout, Line, LineKind, PAD, header_font};

/// Where the grid's content is this frame.
#[derive(Debug, Clone, Copy)]
pub struct Placement {
    /// The content's top-left corner, in window coordinates.
    pub origin: Vec2,
    /// The visible part of the grid.
    pub clip: Rect,
    /// The background the frozen parts are painted on.
    pub fill: Color32,
}

impl Placement {
    /// Whether `line` shows.
    pub fn shows(&self, line: &Line) -> bool {
        let top = self.origin.y + line.y;
        top + line.height >= self.clip.top() && top <= self.clip.bottom()
    }
}

/// A table title or section heading, kept at the left edge of the visible grid.
pub fn title_ui(ui: &egui::Ui, line: &Line, at: Placement) {
    let (title, strong) = match line.kind {
        LineKind::Title(title) => (title, true),
        LineKind::Section(title) => (title, false),
        _ => return,
    };
    let visuals = ui.visuals();
    let color = if strong {
        visuals.strong_text_color()
    } else {
        visuals.weak_text_color()
    };
    let size = if strong { 15.0 } else { 13.0 };
    ui.painter().with_clip_rect(at.clip).text(
        egui::pos2(
            at.clip.left() + 2.0,
            at.origin.y + line.y + line.height / 2.0,
        ),
        Align2::LEFT_CENTER,
        title,
        egui::FontId::proportional(size),
        color,
    );
}

/// The row labels at the left, below `top` (the bottom of a sticking header).
pub fn row_labels_ui(ui: &egui::Ui, layout: &GridLayout, at: Placement, top: f32) {
    let clip = at.clip;
    let labels = Rect::from_min_max(
        egui::pos2(clip.left(), top),
        egui::pos2(clip.left() + layout.label_width, clip.bottom()),
    );
    for line in layout.lines.iter().filter(|l| at.shows(l)) {
        let (LineKind::Data(row, _) | LineKind::Group(row)) = &line.kind else {
            continue;
        };
        let Some(galley) = &line.label else { continue };
        let rect = Rect::from_min_size(
            egui::pos2(clip.left(), at.origin.y + line.y),
            Vec2::new(layout.label_width, line.height),
        );
        let shown = rect.intersect(labels);
        if !shown.is_positive() {
            continue;
        }
        let painter = ui.painter().with_clip_rect(shown);
        painter.rect_filled(rect, 0.0, at.fill);
        let color = if row.key.is_none() {
            ui.visuals().strong_text_color()
        } else {
            ui.visuals().text_color()
        };
        let indent = GridLayout::indent(row.depth);
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
}

/// The column headers of band `b` on a line at `top` (window coordinates), clipped to the
/// columns' side of the grid; a `sticky` header also names its table in the corner.
pub fn headers_ui(
    ui: &egui::Ui,
    layout: &GridLayout,
    b: usize,
    top: f32,
    at: Placement,
    sticky: bool,
) {
    let Some(band) = layout.bands.get(b) else {
        return;
    };
    let clip = at.clip;
    let height = band.header.1;
    let strip = Rect::from_min_size(
        egui::pos2(clip.left(), top),
        Vec2::new(clip.width(), height),
    )
    .intersect(clip);
    if !strip.is_positive() {
        return;
    }
    ui.painter()
        .with_clip_rect(strip)
        .rect_filled(strip, 0.0, at.fill);
    let columns = Rect::from_min_max(
        egui::pos2(clip.left() + layout.label_width, strip.top()),
        strip.max,
    );
    let color = ui.visuals().text_color();
    for (i, (col, galley)) in band.columns.iter().zip(&band.headers).enumerate() {
        let width = band.widths.get(i).copied().unwrap_or_default();
        let rect = Rect::from_min_size(
            egui::pos2(at.origin.x + layout.label_width + band.left(i), top),
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
        let corner = Rect::from_min_max(strip.min, egui::pos2(columns.left(), strip.bottom()));
        ui.painter().with_clip_rect(corner).text(
            corner.left_center() + Vec2::new(PAD, 0.0),
            Align2::LEFT_CENTER,
            table_short(band.table),
            header_font(),
            ui.visuals().weak_text_color(),
        );
    }
}

/// The table's short name, shown in the corner of a sticking header.
fn table_short(table: TableId) -> &'static str {
    match table {
        TableId::Proactive => "二、主动公开",
        TableId::Requests => "三、申请情况",
        TableId::Appeals => "四、复议诉讼",
    }
}
