//! The queue pane: a folder's reports as a compact table (file, agency, year, form, status),
//! the filter buttons, sortable column headers, and the progress bar while the folder is read.
//! It draws a [`Queue`] and pushes [`Command`]s; the queue's state and logic are `corpus::queue`'s.

use std::time::Duration;

use crate::corpus::QueueStatus;
use crate::corpus::queue::{Filter, FolderLoad, Queue, Row, SortKey};
use egui::{Align2, Role, Sense, TextStyle, Vec2, WidgetInfo};

use super::command::Command;
use super::i18n::Lang;
use super::theme;

const STATUS_WIDTH: f32 = 110.0;
const YEAR_WIDTH: f32 = 60.0;
const FORM_WIDTH: f32 = 90.0;

/// The queue pane's own state: a pending scroll to the current report.
#[derive(Debug, Default)]
pub struct QueuePane {
    /// Scroll the current report into view on the next frame.
    pub scroll_to_current: bool,
}

/// A report status in `lang`: 无误, 错误 3…
pub fn status_text(status: QueueStatus, lang: Lang) -> String {
    let zh = match status {
        QueueStatus::Broken(n) if lang.is_zh() => return format!("错误 {n}"),
        _ if !lang.is_zh() => return status.label(),
        QueueStatus::Clean => "无误",
        QueueStatus::Broken(_) => "错误",
        QueueStatus::Incomplete => "不完整",
        QueueStatus::Ambiguous => "有歧义",
        QueueStatus::Edited => "已修改",
        QueueStatus::Reviewed => "已复核",
        QueueStatus::NoTables => "无标准表格",
        QueueStatus::Unreadable => "无法读取",
    };
    zh.to_owned()
}

/// A filter's button text in `lang`.
pub fn filter_text(filter: Filter, lang: Lang) -> &'static str {
    match filter {
        Filter::All => lang.pick("全部", "All"),
        Filter::NeedsAttention => lang.pick("需处理", "Needs attention"),
        Filter::Broken => lang.pick("仅错误", "Broken only"),
        Filter::NotReviewed => lang.pick("未复核", "Not reviewed"),
    }
}

/// A sortable column's header in `lang`.
pub fn column_text(key: SortKey, lang: Lang) -> &'static str {
    match key {
        SortKey::File => lang.pick("文件名", "File name"),
        SortKey::Agency => lang.pick("机关", "Agency"),
        SortKey::Year => lang.pick("年度", "Year"),
        SortKey::Status => lang.pick("状态", "Status"),
    }
}

/// The widths of the columns file, agency, year, form, status for a table `width` wide.
fn column_widths(width: f32) -> [f32; 5] {
    let rest = (width - STATUS_WIDTH - YEAR_WIDTH - FORM_WIDTH).max(160.0);
    [
        rest * 0.55,
        rest * 0.45,
        YEAR_WIDTH,
        FORM_WIDTH,
        STATUS_WIDTH,
    ]
}

impl QueuePane {
    /// Draws the pane: the folder line with filters, the progress of a folder being read, and
    /// the queue's visible rows.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        queue: Option<&Queue>,
        loading: Option<&FolderLoad>,
        lang: Lang,
        out: &mut Vec<Command>,
    ) {
        // Fill the panel, or it shrinks to what the first frame held (a lone progress bar).
        ui.set_min_size(ui.available_size());
        if let Some(load) = loading {
            progress_ui(ui, load, lang);
        }
        let Some(queue) = queue else { return };
        header_ui(ui, queue, lang, out);
        ui.separator();
        if queue.rows().is_empty() {
            ui.weak(lang.pick("这个文件夹里没有报告。", "No reports in this folder."));
            return;
        }
        let widths = column_widths(ui.available_width());
        columns_ui(ui, queue, widths, lang, out);
        let visible = queue.visible();
        let row_height = ui.text_style_height(&TextStyle::Body) + 4.0;
        let mut area = egui::ScrollArea::vertical()
            .id_salt("queue-scroll")
            .auto_shrink([false, false]);
        if std::mem::take(&mut self.scroll_to_current)
            && let Some(at) = queue
                .current()
                .and_then(|c| visible.iter().position(|&i| i == c))
        {
            let spacing = ui.spacing().item_spacing.y;
            let third = ui.available_height() / 3.0;
            area =
                area.vertical_scroll_offset((at as f32 * (row_height + spacing) - third).max(0.0));
        }
        area.show_rows(ui, row_height, visible.len(), |ui, range| {
            for &i in visible.get(range).unwrap_or_default() {
                if let Some(row) = queue.row(i) {
                    let current = queue.current() == Some(i);
                    if row_ui(ui, row, current, widths, row_height, lang).clicked() {
                        out.push(Command::OpenQueued(i));
                    }
                }
            }
        });
    }
}

fn progress_ui(ui: &mut egui::Ui, load: &FolderLoad, lang: Lang) {
    let (done, total) = load.progress();
    let text = if total == 0 {
        format!(
            "{} {}",
            lang.pick("正在查找报告…", "Finding reports…"),
            load.root().display()
        )
    } else {
        format!("{} {done} / {total}", lang.pick("正在读取", "Reading"))
    };
    let fraction = if total == 0 {
        0.0
    } else {
        done as f32 / total as f32
    };
    ui.add(egui::ProgressBar::new(fraction).text(text));
    // The worker has no window to wake: look again shortly.
    ui.ctx().request_repaint_after(Duration::from_millis(50));
}

fn header_ui(ui: &mut egui::Ui, queue: &Queue, lang: Lang, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.strong(lang.pick("文件夹", "Folder"));
        ui.label(queue.root().display().to_string());
        ui.separator();
        ui.label(format!(
            "{} {} · {} {}",
            queue.rows().len(),
            lang.pick("份报告", "reports"),
            queue.needing_attention(),
            lang.pick("份需处理", "need attention"),
        ));
        ui.separator();
        for filter in Filter::ALL {
            let text = filter_text(filter, lang);
            if ui
                .selectable_label(queue.filter() == filter, text)
                .clicked()
            {
                out.push(Command::QueueFilter(filter));
            }
        }
        ui.separator();
        ui.weak(lang.pick(
            "F7 下一份待处理报告（自动保存）",
            "F7 next report needing attention (saves first)",
        ));
    });
}

/// The column headers, left-aligned over their columns; a click sorts by the column.
fn columns_ui(
    ui: &mut egui::Ui,
    queue: &Queue,
    widths: [f32; 5],
    lang: Lang,
    out: &mut Vec<Command>,
) {
    let (sorted, descending) = queue.sort();
    let height = ui.text_style_height(&TextStyle::Body) + 4.0;
    let [file, agency, year, form, status] = widths;
    let columns = [
        (Some(SortKey::File), file),
        (Some(SortKey::Agency), agency),
        (Some(SortKey::Year), year),
        (None, form),
        (Some(SortKey::Status), status),
    ];
    let width = widths.iter().sum::<f32>().max(ui.available_width());
    let (strip, _) = ui.allocate_exact_size(Vec2::new(width, height), Sense::hover());
    let font = TextStyle::Body.resolve(ui.style());
    let mut left = strip.left();
    for (key, w) in columns {
        let rect = egui::Rect::from_min_size(egui::pos2(left, strip.top()), Vec2::new(w, height));
        left += w;
        let Some(key) = key else {
            let color = ui.visuals().weak_text_color();
            paint_cell(ui, rect, lang.pick("表式", "Form"), &font, color);
            continue;
        };
        let mut text = column_text(key, lang).to_owned();
        if key == sorted {
            text.push_str(if descending { " ↓" } else { " ↑" });
        }
        let response = ui.interact(
            rect,
            ui.scope_id().with(("queue-column", key)),
            Sense::click(),
        );
        response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &text));
        if response.hovered() {
            let fill = ui.visuals().widgets.hovered.weak_bg_fill;
            ui.painter().rect_filled(rect, 2.0, fill);
        }
        let color = if key == sorted {
            ui.visuals().strong_text_color()
        } else {
            ui.visuals().weak_text_color()
        };
        paint_cell(ui, rect, &text, &font, color);
        if response.clicked() {
            out.push(Command::QueueSort(key));
        }
    }
}

/// Paints `text` left-aligned in `rect`, clipped to it.
fn paint_cell(
    ui: &egui::Ui,
    rect: egui::Rect,
    text: &str,
    font: &egui::FontId,
    color: egui::Color32,
) {
    ui.painter()
        .with_clip_rect(rect.shrink2(Vec2::new(3.0, 0.0)))
        .text(
            egui::pos2(rect.left() + 4.0, rect.center().y),
            Align2::LEFT_CENTER,
            text,
            font.clone(),
            color,
        );
}

/// One row, drawn as a single clickable strip named by the report's file for screen readers.
fn row_ui(
    ui: &mut egui::Ui,
    row: &Row,
    current: bool,
    widths: [f32; 5],
    height: f32,
    lang: Lang,
) -> egui::Response {
    let width = widths.iter().sum::<f32>().max(ui.available_width());
    let (rect, response) = ui.allocate_exact_size(Vec2::new(width, height), Sense::click());
    response.widget_info(|| WidgetInfo::selected(Role::Button, true, current, &row.name));
    let visuals = ui.visuals();
    if current {
        // A grey fill keeps the status colours readable; a bar in the selection colour marks it.
        ui.painter()
            .rect_filled(rect, 2.0, visuals.widgets.active.weak_bg_fill);
        let bar = egui::Rect::from_min_size(rect.min, Vec2::new(3.0, rect.height()));
        ui.painter()
            .rect_filled(bar, 0.0, visuals.selection.bg_fill);
    } else if response.hovered() {
        ui.painter()
            .rect_filled(rect, 2.0, visuals.widgets.hovered.weak_bg_fill);
    }
    let text = if current {
        visuals.strong_text_color()
    } else {
        visuals.text_color()
    };
    let dark = visuals.dark_mode;
    let font = TextStyle::Body.resolve(ui.style());
    let year = row.year.map(|y| y.to_string()).unwrap_or_default();
    let status = status_text(row.status, lang);
    // An unreadable report says why where its agency would be, in the window's language; the
    // tooltip has it whole.
    let reason = row.failure.as_ref().map(|f| lang.failure(f));
    let agency = reason.as_deref().unwrap_or(&row.agency);
    let cells = [
        (row.name.as_str(), text),
        (agency, text),
        (year.as_str(), text),
        (row.form, text),
        (status.as_str(), theme::queue_status_color(row.status, dark)),
    ];
    let mut left = rect.left();
    for ((value, color), w) in cells.into_iter().zip(widths) {
        let cell = egui::Rect::from_min_size(egui::pos2(left, rect.top()), Vec2::new(w, height));
        paint_cell(ui, cell, value, &font, color);
        left += w;
    }
    let hover = match reason {
        Some(reason) => format!(
            "{}\n{}{reason}",
            row.path.display(),
            lang.pick("无法读取：", "Cannot be read: ")
        ),
        None => row.path.display().to_string(),
    };
    response.on_hover_text(hover)
}
