//! Writing a row's placed fields into the report's cells, each with its value, status,
//! confidence and source.
//!
//! Shared by every stage that fills cells: the label walk (`walk`), the digit-run filler
//! (`digit_row`) and the in-order reading of table 三 (`in_order`). Deciding where each field
//! goes is theirs (a [`Slot`] per cell); this module only writes what they decided.
//!
//! Main item: [`write_cells`].

use super::align::Slot;
use super::token::Token;
use crate::ingest::Document;
use crate::report::{CellKey, Confidence, Report, Source, Status, parse_value};
use crate::template::ValueKind;

/// The text of `token` in `doc`.
pub(super) fn text_of<'d>(doc: &'d Document, token: &Token) -> &'d str {
    doc.text.get(token.span.clone()).unwrap_or("")
}

/// Writes placed fields into the cells `keys` (one per slot); returns the cells left unknown.
pub(super) fn write_cells(
    doc: &Document,
    report: &mut Report,
    keys: &[(CellKey, ValueKind)],
    fields: &[&Token],
    slots: &[Slot],
) -> Vec<CellKey> {
    let mut unknown = Vec::new();
    for (&(key, kind), slot) in keys.iter().zip(slots) {
        let Some(cell) = report.cells.get_mut(&key) else {
            continue;
        };
        match *slot {
            Slot::Field(f, confidence) => {
                let Some(token) = fields.get(f) else { continue };
                let text = text_of(doc, token);
                cell.value = parse_value(text, kind);
                cell.status = if cell.value.is_blank() {
                    Status::Blank
                } else {
                    Status::Extracted
                };
                cell.confidence = confidence;
                cell.source = Some(Source {
                    text: text.into(),
                    line: token.line + 1,
                    span: Some(token.span.clone()),
                });
            }
            Slot::Blank => {}
            Slot::Unknown => {
                cell.confidence = Confidence::Ambiguous;
                unknown.push(key);
            }
        }
    }
    unknown
}
