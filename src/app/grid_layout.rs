//! The grid's geometry, measured every frame from what the cells hold and what the headers and
//! row labels say ([`GridLayout`]): each column as wide as its widest value (or typed text) and
//! its header wrapped to two lines, so a number is never cut; a label column that leaves the
//! numbers their room first and wraps long labels to two lines; row heights that fit them.
//! Only a value wider than [`MAX_CELL`] is cut, and the pane marks it. Drawing is `grid`'s.

use std::collections::HashMap;
use std::sync::Arc;

use crate::template::{ColumnDef, RowDef, TableDef, TableId};
use egui::text::{LayoutJob, TextWrapping};
use egui::{Color32, FontId, Galley, Rect, Vec2};

/// Space left and right of a cell's text.
pub const PAD: f32 = 6.0;
/// The narrowest column.
const MIN_CELL: f32 = 44.0;
/// The widest column: a value wider than this is cut, with a mark.
pub const MAX_CELL: f32 = 200.0;
/// The widest a header may make its column (beyond two lines it is cut, with a tooltip).
const HEADER_MAX: f32 = 110.0;
/// The height of a row with a one-line label.
const ROW: f32 = 24.0;
/// The label column's width limits.
const LABEL_MIN: f32 = 120.0;
const LABEL_MAX: f32 = 460.0;
/// Space between columns.
pub const GAP: f32 = 2.0;
/// Indent per nesting level of a row label.
const INDENT: f32 = 12.0;
/// Room kept for the vertical scroll bar and margins.
const SCROLL_BAR: f32 = 18.0;

/// The font of cell values.
pub fn value_font() -> FontId {
    FontId::monospace(13.0)
}

/// The font of column headers.
pub fn header_font() -> FontId {
    FontId::proportional(11.5)
}

/// The font of row labels.
pub fn label_font() -> FontId {
    FontId::proportional(13.5)
}

/// What a line of the grid shows.
#[derive(Debug, Clone)]
pub enum LineKind {
    /// A table's title.
    Title(&'static str),
    /// A section heading of table 二.
    Section(&'static str),
    /// The column headers of band `0`.
    Header(usize),
    /// A label-only group row.
    Group(&'static RowDef),
    /// A data row of band `1`.
    Data(&'static RowDef, usize),
}

/// One line of the grid, in content coordinates.
#[derive(Debug, Clone)]
pub struct Line {
    /// Top.
    pub y: f32,
    /// Height.
    pub height: f32,
    /// What it shows.
    pub kind: LineKind,
    /// The row label laid out in the label column (wrapped to two lines, elided beyond).
    pub label: Option<Arc<Galley>>,
}

/// Rows of one table sharing one set of columns (table 二 has several), under one header.
#[derive(Debug, Clone)]
pub struct Band {
    /// The table.
    pub table: TableId,
    /// Its columns.
    pub columns: &'static [ColumnDef],
    /// Their widths.
    pub widths: Vec<f32>,
    /// The headers laid out (wrapped to two lines, elided beyond).
    pub headers: Vec<Arc<Galley>>,
    /// The header line's top and height.
    pub header: (f32, f32),
    /// Where the band's last row ends.
    pub end: f32,
}

impl Band {
    /// The left edge of column `i`, from the start of the columns.
    pub fn left(&self, i: usize) -> f32 {
        self.widths.iter().take(i).map(|w| w + GAP).sum()
    }
}

/// The measured grid.
#[derive(Debug, Clone, Default)]
pub struct GridLayout {
    /// Width of the frozen row-label column.
    pub label_width: f32,
    /// Size of the whole content.
    pub size: Vec2,
    /// Lines, top to bottom.
    pub lines: Vec<Line>,
    /// Bands of rows under one header.
    pub bands: Vec<Band>,
}

/// The minimum width of each header, measured once (labels are the form's and never change).
pub type HeaderWidths = HashMap<&'static str, f32>;

impl GridLayout {
    /// Measures the tables for a pane `available` wide; `shown(table, row, col)` is the text a
    /// cell shows (its value, or what is typed into it).
    pub fn new(
        ctx: &egui::Context,
        tables: &'static [TableDef],
        available: f32,
        header_widths: &mut HeaderWidths,
        shown: &dyn Fn(TableId, &'static str, &'static str) -> String,
    ) -> GridLayout {
        let mut layout = GridLayout::default();
        let mut natural_label = 0.0_f32;
        ctx.fonts_mut(|fonts| {
            // First pass: bands and their column widths, and the labels' natural width.
            for table in tables {
                let mut current: Option<&[ColumnDef]> = None;
                for row in table.rows {
                    let indent = INDENT * f32::from(row.depth);
                    let width = fonts
                        .layout_no_wrap(row.label.to_owned(), label_font(), Color32::WHITE)
                        .size()
                        .x;
                    natural_label = natural_label.max(indent + width + 2.0 * PAD);
                    let Some(row_key) = row.key else { continue };
                    if current != Some(row.columns) {
                        current = Some(row.columns);
                        let widths = row
                            .columns
                            .iter()
                            .map(|c| header_width(fonts, header_widths, c.label))
                            .collect();
                        layout.bands.push(Band {
                            table: table.id,
                            columns: row.columns,
                            widths,
                            headers: Vec::new(),
                            header: (0.0, 0.0),
                            end: 0.0,
                        });
                    }
                    if let Some(band) = layout.bands.last_mut() {
                        for (w, col) in band.widths.iter_mut().zip(row.columns) {
                            let text = shown(table.id, row_key, col.key);
                            let galley = fonts.layout_no_wrap(text, value_font(), Color32::WHITE);
                            *w = w.max(galley.size().x + 2.0 * PAD).min(MAX_CELL);
                        }
                    }
                }
            }
            let widest = layout
                .bands
                .iter()
                .map(|b| b.left(b.widths.len()))
                .fold(0.0, f32::max);
            let room = (available - widest - SCROLL_BAR).max(LABEL_MIN);
            layout.label_width = natural_label.min(LABEL_MAX).min(room);
            layout.size.x = layout.label_width + widest;
            // Second pass: lines, top to bottom.
            let mut y = 0.0;
            let mut band = 0;
            let mut next_band = 0;
            for table in tables {
                layout.push(y, ROW + 4.0, LineKind::Title(table.title), None);
                y += ROW + 4.0;
                let mut section = "";
                let mut current: Option<&[ColumnDef]> = None;
                for row in table.rows {
                    if row.section != section {
                        section = row.section;
                        layout.push(y, ROW, LineKind::Section(section), None);
                        y += ROW;
                    }
                    if row.key.is_some() && current != Some(row.columns) {
                        current = Some(row.columns);
                        band = next_band;
                        next_band += 1;
                        let height = layout.header_line(fonts, band, y);
                        layout.push(y, height, LineKind::Header(band), None);
                        y += height;
                    }
                    let indent = INDENT * f32::from(row.depth);
                    let galley = wrapped(
                        fonts,
                        row.label,
                        label_font(),
                        layout.label_width - indent - 2.0 * PAD,
                    );
                    let height = ROW.max(galley.size().y + 6.0);
                    let kind = match row.key {
                        Some(_) => LineKind::Data(row, band),
                        None => LineKind::Group(row),
                    };
                    layout.push(y, height, kind, Some(galley));
                    y += height;
                    if let Some(b) = layout.bands.get_mut(band) {
                        b.end = y;
                    }
                }
                y += 12.0;
            }
            layout.size.y = y;
        });
        layout
    }

    /// How far a row label at nesting `depth` is indented.
    pub fn indent(depth: u8) -> f32 {
        INDENT * f32::from(depth)
    }

    fn push(&mut self, y: f32, height: f32, kind: LineKind, label: Option<Arc<Galley>>) {
        self.lines.push(Line {
            y,
            height,
            kind,
            label,
        });
    }

    /// Lays out band `band`'s headers for a header line at `y`; returns the line's height.
    fn header_line(&mut self, fonts: &mut egui::epaint::FontsView<'_>, band: usize, y: f32) -> f32 {
        let Some(b) = self.bands.get_mut(band) else {
            return ROW;
        };
        b.headers = b
            .columns
            .iter()
            .zip(&b.widths)
            .map(|(c, w)| wrapped(fonts, c.label, header_font(), w - 2.0 * PAD))
            .collect();
        let height = b
            .headers
            .iter()
            .map(|g| g.size().y + 8.0)
            .fold(ROW, f32::max);
        b.header = (y, height);
        height
    }

    /// The rectangle of `key`'s cell in content coordinates, with the band it is in.
    pub fn cell_rect(&self, table: TableId, row: &str, col: &str) -> Option<(Rect, &Band)> {
        self.lines.iter().find_map(|line| {
            let LineKind::Data(r, band) = &line.kind else {
                return None;
            };
            let band = self.bands.get(*band)?;
            if band.table != table || r.key != Some(row) {
                return None;
            }
            let i = band.columns.iter().position(|c| c.key == col)?;
            Some((self.column_rect(band, i, line), band))
        })
    }

    /// The rectangle of column `i` of `band` on `line`, in content coordinates.
    pub fn column_rect(&self, band: &Band, i: usize, line: &Line) -> Rect {
        let left = self.label_width + band.left(i);
        let width = band.widths.get(i).copied().unwrap_or(MIN_CELL);
        Rect::from_min_size(
            egui::pos2(left, line.y + 1.0),
            Vec2::new(width, line.height - 2.0),
        )
    }

    /// The header that sticks to the top when the viewport's top `top` is inside a band whose
    /// header has scrolled away: the band and where its header is drawn (content coordinates).
    pub fn sticky_header(&self, top: f32) -> Option<(usize, f32)> {
        self.bands.iter().enumerate().find_map(|(i, b)| {
            let (y, height) = b.header;
            (y < top && top < b.end).then(|| (i, top.min(b.end - height)))
        })
    }
}

/// `text` laid out at most `width` wide on at most two lines, elided with `…` beyond.
pub fn wrapped(
    fonts: &mut egui::epaint::FontsView<'_>,
    text: &str,
    font: FontId,
    width: f32,
) -> Arc<Galley> {
    let mut job = LayoutJob::simple(text.to_owned(), font, Color32::WHITE, width.max(8.0));
    job.wrap = TextWrapping {
        max_width: width.max(8.0),
        max_rows: 2,
        break_anywhere: false,
        overflow_character: Some('…'),
    };
    fonts.layout_job(job)
}

/// The narrowest width at which `label` fits on two lines (at most [`HEADER_MAX`]), plus padding.
fn header_width(
    fonts: &mut egui::epaint::FontsView<'_>,
    cache: &mut HeaderWidths,
    label: &'static str,
) -> f32 {
    if let Some(w) = cache.get(label) {
        return *w;
    }
    let single = fonts
        .layout_no_wrap(label.to_owned(), header_font(), Color32::WHITE)
        .size()
        .x;
    let mut width = (single / 2.0).ceil();
    while width < single && width < HEADER_MAX {
        let galley = wrapped(fonts, label, header_font(), width);
        if !galley.elided && galley.rows.len() <= 2 {
            break;
        }
        width += 2.0;
    }
    let width = (width.min(single).min(HEADER_MAX) + 2.0 * PAD).max(MIN_CELL);
    cache.insert(label, width);
    width
}
