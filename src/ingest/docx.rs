//! Word 2007+ documents (DOCX) -> [`Block`]s.
//!
//! Owns opening the ZIP container (`zip`), reading `word/document.xml` (`quick-xml`, streamed) and
//! turning its paragraphs and tables into [`Block`]s. Tables keep their structure: `w:gridSpan`
//! becomes a column span, `w:gridBefore` skipped grid columns, and a `w:vMerge` continuation cell
//! an empty cell (its text lives in the merge's first row). Deleted text (`w:delText`), field
//! instructions (`w:instrText`) and the `mc:Fallback` copy of alternate content are skipped.
//! Under the [`Budget`]: the uncompressed XML is paid for as decompressed bytes, every `w:tc` as a
//! table cell, and element nesting is limited; paragraphs nest at most [`MAX_PARAGRAPH_DEPTH`] and
//! tables [`MAX_TABLE_DEPTH`] deep, so the work per element never grows with the depth.
//! Rendering the blocks is [`grid`](super::grid)'s job; it does not know `.doc` (OLE) files.

use std::io::{Cursor, Read as _};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::IngestError;
use super::budget::{Budget, Limit};
use super::grid::{Block, Cell, Row, Table};

/// The main part of a DOCX package.
const DOCUMENT_PART: &str = "word/document.xml";
/// Deepest table nesting kept as structure.
const MAX_TABLE_DEPTH: usize = 64;
/// Deepest paragraph nesting kept (text boxes nest paragraphs in paragraphs, two or three deep);
/// deeper paragraphs add their text to the deepest one kept, so no text is copied once per level.
const MAX_PARAGRAPH_DEPTH: usize = 8;

/// Whether a ZIP archive holds a Word document; an error when the archive cannot be read.
pub(crate) fn is_docx(bytes: &[u8]) -> Result<bool, IngestError> {
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| IngestError::Malformed {
        format: "ZIP/DOCX",
        reason: e.to_string(),
    })?;
    Ok(archive.index_for_name(DOCUMENT_PART).is_some())
}

/// Reads the text of a DOCX file, row per line.
pub(crate) fn read(bytes: &[u8], budget: &mut Budget) -> Result<String, IngestError> {
    let xml = document_xml(bytes, budget)?;
    let blocks = parse(&xml, budget)?;
    super::grid::render(&blocks, budget)
}

/// The text of `word/document.xml`, its uncompressed bytes paid for (a zip bomb is refused after
/// [`MAX_DECODED_BYTES`](super::MAX_DECODED_BYTES), whatever the archive claims).
fn document_xml(bytes: &[u8], budget: &mut Budget) -> Result<String, IngestError> {
    let broken = |e: &dyn std::fmt::Display| IngestError::Malformed {
        format: "DOCX",
        reason: e.to_string(),
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| broken(&e))?;
    let mut part = archive.by_name(DOCUMENT_PART).map_err(|e| broken(&e))?;
    budget.spend(Limit::DecodedBytes, part.size())?;
    let mut raw = Vec::new();
    let mut chunk = vec![0; 64 * 1024];
    loop {
        let n = part.read(&mut chunk).map_err(|e| broken(&e))?;
        if n == 0 {
            break;
        }
        if raw.len() + n > usize::try_from(part.size()).unwrap_or(usize::MAX) {
            // More than the archive declared: paid for as it comes.
            budget.spend(Limit::DecodedBytes, n as u64)?;
        }
        budget.check_time()?;
        raw.extend_from_slice(chunk.get(..n).unwrap_or_default());
    }
    String::from_utf8(raw).map_err(|e| broken(&e))
}

/// A table being read: its rows and the row and cell now open.
#[derive(Default)]
struct OpenTable {
    table: Table,
    row: Option<Row>,
    cell: Option<OpenCell>,
}

struct OpenCell {
    cell: Cell,
    /// A `w:vMerge` continuation: shown empty.
    continued: bool,
}

/// The reading state over `word/document.xml`.
#[derive(Default)]
struct Parser {
    body: Vec<Block>,
    tables: Vec<OpenTable>,
    /// Open paragraphs (text boxes nest paragraphs in paragraphs).
    paragraphs: Vec<String>,
    /// Inside `w:t`.
    in_text: bool,
    /// Depth inside skipped elements.
    skip: usize,
    /// Tables nested deeper than [`MAX_TABLE_DEPTH`], read as paragraphs.
    flattened: usize,
    /// Paragraphs nested deeper than [`MAX_PARAGRAPH_DEPTH`], read as part of the deepest kept.
    merged: usize,
}

impl Parser {
    /// Where a finished block goes: the open cell, or the body.
    fn push_block(&mut self, block: Block) {
        let cell = self
            .tables
            .last_mut()
            .and_then(|t| t.cell.as_mut())
            .map(|c| &mut c.cell.blocks);
        cell.unwrap_or(&mut self.body).push(block);
    }

    fn start(
        &mut self,
        e: &BytesStart<'_>,
        empty: bool,
        budget: &mut Budget,
    ) -> Result<(), IngestError> {
        let name = e.local_name();
        let name = name.as_ref();
        if self.skip > 0 {
            if !empty {
                self.skip += 1;
            }
            return Ok(());
        }
        match name {
            "delText" | "instrText" | "Fallback" if !empty => self.skip = 1,
            "p" if !empty && self.paragraphs.len() >= MAX_PARAGRAPH_DEPTH => self.merged += 1,
            "p" if !empty => self.paragraphs.push(String::new()),
            "t" if !empty => self.in_text = true,
            "tab" => self.push_text(" "),
            "br" | "cr" => self.push_text("\n"),
            "tbl" if !empty => {
                if self.tables.len() >= MAX_TABLE_DEPTH {
                    self.flattened += 1;
                } else {
                    self.tables.push(OpenTable::default());
                }
            }
            "tr" if !empty && self.flattened == 0 => {
                if let Some(t) = self.tables.last_mut() {
                    t.row = Some(Row::default());
                }
            }
            "tc" if !empty && self.flattened == 0 => {
                budget.spend(Limit::TableCells, 1)?;
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Some(OpenCell {
                        cell: Cell {
                            blocks: Vec::new(),
                            colspan: 1,
                            rowspan: 1,
                        },
                        continued: false,
                    });
                }
            }
            "gridSpan" | "gridBefore" | "vMerge" if self.flattened == 0 => {
                self.property(name, e);
            }
            _ => {}
        }
        Ok(())
    }

    fn property(&mut self, name: &str, e: &BytesStart<'_>) {
        let value = attribute(e, "val");
        let Some(table) = self.tables.last_mut() else {
            return;
        };
        let number = || {
            value
                .as_deref()
                .and_then(|v| v.trim().parse::<usize>().ok())
        };
        match (name, table.cell.as_mut(), table.row.as_mut()) {
            ("gridSpan", Some(cell), _) => cell.cell.colspan = number().unwrap_or(1).max(1),
            ("vMerge", Some(cell), _) => {
                cell.continued = value.as_deref().is_none_or(|v| v == "continue");
            }
            ("gridBefore", None, Some(row)) => row.skip = number().unwrap_or(0),
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match name {
            "t" => self.in_text = false,
            "p" if self.merged > 0 => {
                self.merged -= 1;
                self.push_text("\n");
            }
            "p" => {
                if let Some(text) = self.paragraphs.pop() {
                    if self.paragraphs.is_empty() {
                        if !text.is_empty() {
                            self.push_block(Block::Text(text));
                        }
                    } else {
                        // A paragraph in a text box: its own line after the outer text so far.
                        self.push_text("\n");
                        self.push_text(&text);
                        self.push_text("\n");
                    }
                }
            }
            "tc" if self.flattened == 0 => {
                if let Some(t) = self.tables.last_mut()
                    && let Some(mut open) = t.cell.take()
                {
                    if open.continued {
                        open.cell.blocks.clear();
                    }
                    t.row.get_or_insert_with(Row::default).cells.push(open.cell);
                }
            }
            "tr" if self.flattened == 0 => {
                if let Some(t) = self.tables.last_mut()
                    && let Some(row) = t.row.take()
                {
                    t.table.rows.push(row);
                }
            }
            "tbl" => {
                if self.flattened > 0 {
                    self.flattened -= 1;
                } else if let Some(t) = self.tables.pop() {
                    self.push_block(Block::Table(t.table));
                }
            }
            _ => {}
        }
    }

    fn push_text(&mut self, text: &str) {
        if let Some(p) = self.paragraphs.last_mut() {
            p.push_str(text);
        }
    }

    fn finish(mut self) -> Vec<Block> {
        while let Some(t) = self.tables.pop() {
            self.push_block(Block::Table(t.table));
        }
        self.body
    }
}

fn attribute(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .filter_map(Result::ok)
        .find(|a| {
            let key = a.key.as_ref();
            key == local || key.rsplit(':').next() == Some(local)
        })
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// Parses `word/document.xml` into blocks, in one pass over its events: the work per event does
/// not depend on how deep it is nested (XML nesting is only limited by
/// [`MAX_NESTING`](super::MAX_NESTING), as quick-xml keeps a stack of open names).
fn parse(xml: &str, budget: &mut Budget) -> Result<Vec<Block>, IngestError> {
    let mut reader = Reader::from_str(xml);
    let mut parser = Parser::default();
    let mut depth: u64 = 0;
    loop {
        let event = reader.read_event().map_err(|e| IngestError::Malformed {
            format: "DOCX",
            reason: format!("{DOCUMENT_PART} at byte {}: {e}", reader.buffer_position()),
        })?;
        budget.tick()?;
        match event {
            Event::Start(e) => {
                depth += 1;
                budget.depth(depth)?;
                parser.start(&e, false, budget)?;
            }
            Event::Empty(e) => parser.start(&e, true, budget)?,
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                parser.end(e.local_name().as_ref());
            }
            Event::Text(t) if parser.in_text && parser.skip == 0 => {
                parser.push_text(&t.xml10_content());
            }
            Event::CData(t) if parser.in_text && parser.skip == 0 => {
                parser.push_text(&t.into_inner());
            }
            Event::GeneralRef(r) if parser.in_text && parser.skip == 0 => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match r.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    parser.push_text(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(parser.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::grid::render;

    fn doc(body: &str) -> String {
        let xml = format!(
            "<?xml version=\"1.0\"?><w:document xmlns:w=\"w\" xmlns:mc=\"mc\"><w:body>{body}</w:body></w:document>"
        );
        let mut budget = Budget::new();
        render(&parse(&xml, &mut budget).unwrap(), &mut budget).unwrap()
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    fn tc(props: &str, text: &str) -> String {
        format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", p(text))
    }

    #[test]
    fn paragraphs_skip_deleted_text_and_fallbacks() {
        let body = format!(
            "{}<w:p><w:r><w:t>二、主动</w:t></w:r><w:del><w:r><w:delText>删</w:delText></w:r></w:del>\
             <w:r><w:t>公开 &amp; 情况</w:t></w:r></w:p>\
             <w:p><mc:AlternateContent><mc:Choice><w:r><w:t>甲</w:t></w:r></mc:Choice>\
             <mc:Fallback><w:r><w:t>甲</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>",
            p("一、总体情况")
        );
        assert_eq!(doc(&body), "一、总体情况\n二、主动公开 & 情况\n甲\n");
    }

    #[test]
    fn grid_span_v_merge_and_grid_before_are_expanded() {
        let body = format!(
            "<w:tbl><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr>\
             <w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}{}</w:tr></w:tbl>",
            tc("<w:vMerge w:val=\"restart\"/>", "（三）不予公开"),
            tc("", "1.属于国家秘密"),
            tc("<w:gridSpan w:val=\"2\"/>", "5"),
            tc("<w:vMerge/>", ""),
            tc("", "2.其他法律行政法规禁止公开"),
            tc("<w:gridSpan w:val=\"2\"/>", ""),
            tc("", "3.危及“三安全一稳定”"),
            tc("", "7"),
        );
        assert_eq!(
            doc(&body),
            "（三）不予公开 | 1.属于国家秘密 | 5 | |\n\
             2.其他法律行政法规禁止公开 | | |\n\
             3.危及“三安全一稳定” | 7 | |\n"
        );
    }

    #[test]
    fn malformed_xml_is_an_error() {
        assert!(matches!(
            parse("<w:document><w:body></w:p>", &mut Budget::new()),
            Err(IngestError::Malformed { .. })
        ));
    }
}
