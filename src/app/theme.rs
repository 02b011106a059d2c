//! Fonts and colours: the one [`apply`] that the window and the UI tests call, and the cell tints.
//!
//! Installs the bundled Noto Sans SC subset (OFL, `assets/fonts/`) as a fallback after egui's own
//! fonts for both families, so Chinese labels render without any system font. Tints are chosen
//! together with the text colour of the current theme so they stay readable in light and dark.

use egui::epaint::text::{FontData, FontInsert, FontPriority, InsertFontFamily};
use egui::{Color32, FontFamily};

use crate::Severity;
use crate::corpus::QueueStatus;

/// The bundled CJK font (a subset of Noto Sans CJK SC made by `assets/fonts/make_subset.sh`).
const CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-subset.otf");

/// Installs the CJK fallback font and the window's style on `ctx`.
pub fn apply(ctx: &egui::Context) {
    // Ctrl +, Ctrl − and Ctrl 0 are the window's own commands (View menu, `SHORTCUTS`).
    ctx.options_mut(|o| o.zoom_with_keyboard = false);
    ctx.add_font(FontInsert::new(
        "noto-sans-sc-subset",
        FontData::from_static(CJK_FONT),
        vec![
            InsertFontFamily {
                family: FontFamily::Proportional,
                priority: FontPriority::Lowest,
            },
            InsertFontFamily {
                family: FontFamily::Monospace,
                priority: FontPriority::Lowest,
            },
        ],
    ));
}

/// How a cell is drawn: its background and text colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellColors {
    /// Background, `None` for the theme's default.
    pub fill: Option<Color32>,
    /// Text colour.
    pub text: Color32,
}

/// Colours of a cell in rules findings of `severity` (the worst it takes part in); `suspect`
/// marks a prime suspect (in two or more broken rules), drawn stronger.
pub fn cell_colors(severity: Option<Severity>, suspect: bool, dark: bool) -> CellColors {
    let text = if dark {
        Color32::from_gray(235)
    } else {
        Color32::from_gray(20)
    };
    let fill = match (severity, suspect, dark) {
        (_, true, false) => Some(Color32::from_rgb(240, 120, 120)),
        (_, true, true) => Some(Color32::from_rgb(150, 30, 30)),
        (Some(Severity::Broken), _, false) => Some(Color32::from_rgb(250, 200, 200)),
        (Some(Severity::Broken), _, true) => Some(Color32::from_rgb(95, 35, 35)),
        (Some(Severity::Ambiguous), _, false) => Some(Color32::from_rgb(220, 205, 245)),
        (Some(Severity::Ambiguous), _, true) => Some(Color32::from_rgb(70, 50, 100)),
        (Some(Severity::Incomplete), _, false) => Some(Color32::from_rgb(252, 230, 170)),
        (Some(Severity::Incomplete), _, true) => Some(Color32::from_rgb(95, 75, 20)),
        _ => None,
    };
    CellColors { fill, text }
}

/// The mark colour of a corrected cell (a corner triangle).
pub fn corrected_mark(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(90, 200, 120)
    } else {
        Color32::from_rgb(20, 140, 60)
    }
}

/// The mark colour of a cell filled from a reading the reviewer chose (the top right corner,
/// where a corrected cell's green one goes): blue.
pub fn chosen_mark(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(110, 170, 255)
    } else {
        Color32::from_rgb(30, 90, 210)
    }
}

/// The mark colour of a checked cell (a tick in the bottom right corner): teal, apart from the
/// green of a correction.
pub fn checked_mark(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(90, 210, 230)
    } else {
        Color32::from_rgb(0, 110, 140)
    }
}

/// The mark colour of a cell with a note (a corner triangle, top left).
pub fn note_mark(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(255, 170, 60)
    } else {
        Color32::from_rgb(215, 100, 0)
    }
}

/// The fill of cells in the selected rectangle (Shift+arrows), under their values.
pub fn range_fill(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(35, 60, 95)
    } else {
        Color32::from_rgb(215, 230, 250)
    }
}

/// The outline of the selected cell: blue, apart from the outlines of a finding's cells.
pub fn selected_outline(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(80, 170, 255)
    } else {
        Color32::from_rgb(0, 95, 210)
    }
}

/// The mark colour of an inferred or ambiguous reading (a corner triangle).
pub fn inferred_mark(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(200, 160, 255)
    } else {
        Color32::from_rgb(120, 60, 200)
    }
}

/// Background of the source span of the selected cell in the raw text.
pub fn source_highlight(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(40, 80, 140)
    } else {
        Color32::from_rgb(170, 205, 255)
    }
}

/// Background of a search match in the raw text.
pub fn search_highlight(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(110, 90, 20)
    } else {
        Color32::from_rgb(255, 235, 120)
    }
}

/// Colour of a severity word in the findings list.
pub fn severity_color(severity: Severity, dark: bool) -> Color32 {
    match (severity, dark) {
        (Severity::Broken, false) => Color32::from_rgb(190, 20, 20),
        (Severity::Broken, true) => Color32::from_rgb(255, 110, 110),
        (Severity::Ambiguous, false) => Color32::from_rgb(110, 50, 180),
        (Severity::Ambiguous, true) => Color32::from_rgb(200, 160, 255),
        (Severity::Incomplete, false) => Color32::from_rgb(160, 100, 0),
        (Severity::Incomplete, true) => Color32::from_rgb(240, 190, 80),
        (_, false) => Color32::from_gray(90),
        (_, true) => Color32::from_gray(170),
    }
}

/// Colour of a report's status in the queue: the severity colours for what needs attention,
/// the corrected-cell green for edited and reviewed reports, grey for the rest.
pub fn queue_status_color(status: QueueStatus, dark: bool) -> Color32 {
    match status {
        QueueStatus::Unreadable | QueueStatus::Broken(_) => severity_color(Severity::Broken, dark),
        QueueStatus::Ambiguous => severity_color(Severity::Ambiguous, dark),
        QueueStatus::Incomplete => severity_color(Severity::Incomplete, dark),
        QueueStatus::Edited | QueueStatus::Reviewed => corrected_mark(dark),
        QueueStatus::NoTables | QueueStatus::Clean => severity_color(Severity::Warning, dark),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG relative luminance, enough to compare text against its tint.
    fn luminance(c: Color32) -> f32 {
        let f = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * f(c.r()) + 0.7152 * f(c.g()) + 0.0722 * f(c.b())
    }

    fn contrast(a: Color32, b: Color32) -> f32 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn tinted_cells_stay_readable_in_both_themes() {
        let severities = [
            Some(Severity::Broken),
            Some(Severity::Ambiguous),
            Some(Severity::Incomplete),
        ];
        for dark in [false, true] {
            for suspect in [false, true] {
                for severity in severities {
                    let colors = cell_colors(severity, suspect, dark);
                    let fill = colors.fill.expect("tinted");
                    assert!(
                        contrast(fill, colors.text) >= 4.5,
                        "{severity:?} suspect={suspect} dark={dark}"
                    );
                }
            }
            assert_ne!(
                cell_colors(Some(Severity::Broken), false, dark).fill,
                cell_colors(Some(Severity::Broken), true, dark).fill,
                "the prime suspect is drawn stronger"
            );
        }
    }
}
