//! The changes view (View ▸ 修改清单, F4): every correction in the report (and every cell
//! filled from a chosen reading, marked so), one line each with the cell in the form's words,
//! what the report printed, what it holds now and the note ([`crate::review::corrections`]);
//! clicking one selects its cell.

use super::command::Command;
use super::i18n::Lang;
use crate::review::{Session, corrections};

/// One correction as the list shows it: `三 · （七）总计 · 自然人：0 → 5（按明细合计更正）`.
pub fn correction_line(c: &crate::review::Correction, lang: Lang) -> String {
    let table = c.table.split('、').next().unwrap_or(c.table);
    let from = if c.from.is_empty() {
        lang.pick("（空）", "(empty)").to_owned()
    } else {
        c.from.clone()
    };
    let to = if c.to.is_blank() {
        lang.pick("（空）", "(blank)").to_owned()
    } else {
        c.to.to_string()
    };
    let note = if c.note.is_empty() {
        String::new()
    } else {
        format!(" · {}", c.note)
    };
    let chosen = if c.status == crate::Status::Chosen {
        lang.pick("（选定读法）", " (reading chosen)")
    } else {
        ""
    };
    format!(
        "{table} · {} · {}: {from} → {to}{chosen}{note}",
        c.row, c.col
    )
}

/// Draws the changes window while `open`; a click on a line pushes [`Command::SelectCell`].
pub fn changes_ui(
    ctx: &egui::Context,
    session: &Session,
    lang: Lang,
    open: &mut bool,
    out: &mut Vec<Command>,
) {
    let listed = corrections(session.report());
    egui::Window::new(lang.pick("修改清单", "Changes"))
        .id(egui::Id::unique("changes-window"))
        .open(open)
        .default_width(520.0)
        // Over the tables, clear of the menu bar and the report text.
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(egui::pos2(ctx.content_rect().center().x, 60.0))
        .show(ctx, |ui| {
            if listed.is_empty() {
                ui.weak(lang.pick("还没有更正任何单元格", "No cell corrected yet"));
                return;
            }
            ui.weak(format!(
                "{} {}",
                lang.pick("更正的单元格：", "cells corrected:"),
                listed.len()
            ));
            egui::ScrollArea::vertical().show(ui, |ui| {
                for c in &listed {
                    if ui
                        .selectable_label(false, correction_line(c, lang))
                        .clicked()
                    {
                        out.push(Command::SelectCell(c.key));
                    }
                }
            });
        });
}
