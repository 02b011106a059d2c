//! HTML pages -> [`Document`](super::Document).
//!
//! Owns choosing an HTML page's encoding (byte-order mark; then a `<meta charset>` in the first
//! 1024 bytes, used only when it decodes the page cleanly, `gb2312`/`gbk` read as GB18030; then
//! the detection of [`decode_text`](super::decode_text)) and turning the parsed page into
//! [`Block`]s: block elements (and the `<title>`, which often names agency and year) become
//! lines, `<table>`s tables with their `rowspan`/`colspan`.
//! Parsing is `scraper`'s (html5ever, a real HTML5 parser: unclosed `<td>`/`<tr>` and nested
//! tables are repaired as a browser does), run under the budget by
//! [`html_depth`](super::html_depth). Scripts, styles and comments are skipped. The walk over the
//! tree recurses at most [`MAX_DEPTH`] deep and checks the [`Budget`]'s deadline. Rendering the blocks is [`grid`](super::grid)'s job.

use encoding_rs::{Encoding, GB18030, UTF_8};
use scraper::{ElementRef, Node};

use super::IngestError;
use super::budget::Budget;
use super::grid::{Block, Cell, Row, Table};

/// Deepest element nesting walked as structure (the walk recurses, so this bounds its stack);
/// deeper content is taken as plain text.
const MAX_DEPTH: usize = 256;

/// Whether the bytes look like an HTML page (checked on the first 1024 bytes).
pub(crate) fn looks_like_html(bytes: &[u8]) -> bool {
    let head = bytes.get(..1024).unwrap_or(bytes);
    let head = head
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(head)
        .to_ascii_lowercase();
    let start = head.iter().position(|b| !b.is_ascii_whitespace());
    if start.and_then(|s| head.get(s)) != Some(&b'<') {
        return false;
    }
    [
        b"<!doctype html".as_slice(),
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<table",
        b"<div",
        b"<p>",
        b"<title",
    ]
    .iter()
    .any(|tag| head.windows(tag.len()).any(|w| w == *tag))
}

/// Decodes and renders an HTML page: the text (row per line) and the encoding used.
pub(crate) fn read(
    bytes: &[u8],
    budget: &mut Budget,
) -> Result<(String, &'static str), IngestError> {
    let (source, encoding) = decode(bytes)?;
    let page = super::html_depth::parse(&source, budget)?;
    let mut walker = Walker::default();
    walker.children(page.root_element(), 0, budget)?;
    let blocks = walker.finish();
    Ok((super::grid::render(&blocks, budget)?, encoding))
}

/// The page's text and the name of its encoding.
fn decode(bytes: &[u8]) -> Result<(String, &'static str), IngestError> {
    if Encoding::for_bom(bytes).is_some() {
        return super::decode_text(bytes);
    }
    if let Some(declared) = meta_charset(bytes) {
        let utf8 = std::str::from_utf8(bytes).ok();
        if declared == UTF_8 {
            if let Some(text) = utf8 {
                return Ok((text.to_owned(), UTF_8.name()));
            }
        } else if utf8.is_none_or(|t| t.is_ascii()) {
            // Valid non-ASCII UTF-8 is a far stronger signal than a declaration copied from a
            // template; otherwise the declaration holds if it decodes without errors.
            if let Some(text) = declared.decode_without_bom_handling_and_without_replacement(bytes)
            {
                return Ok((text.into_owned(), declared.name()));
            }
        }
    }
    super::decode_text(bytes)
}

/// The encoding a `<meta charset=...>` or `<meta http-equiv content="...charset=...">` in the
/// first 1024 bytes declares; GBK and GB2312 are read as GB18030.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..1024).unwrap_or(bytes).to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = find(&head, b"<meta", from) {
        let end = find(&head, b">", pos).unwrap_or(head.len());
        let tag = head.get(pos..end)?;
        if let Some(at) = find(tag, b"charset", 0) {
            let rest = tag.get(at + b"charset".len()..)?;
            let rest = rest
                .trim_ascii_start()
                .strip_prefix(b"=")?
                .trim_ascii_start();
            let rest = rest
                .strip_prefix(b"\"")
                .or_else(|| rest.strip_prefix(b"'"))
                .unwrap_or(rest);
            let name_end = rest
                .iter()
                .position(|&b| {
                    matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace()
                })
                .unwrap_or(rest.len());
            let encoding = Encoding::for_label(rest.get(..name_end)?)?;
            return Some(if encoding == encoding_rs::GBK {
                GB18030
            } else if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
                // A page that reached us as bytes with ASCII tags cannot be UTF-16.
                UTF_8
            } else {
                encoding
            });
        }
        from = end;
    }
    None
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Elements whose content is not page text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object", "svg", "select",
];

/// Elements that start and end a line.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "ul",
    "caption",
    "title",
];

/// Collects blocks while walking the element tree.
#[derive(Default)]
struct Walker {
    blocks: Vec<Block>,
    line: String,
}

impl Walker {
    fn finish(mut self) -> Vec<Block> {
        self.flush();
        self.blocks
    }

    fn flush(&mut self) {
        let line = std::mem::take(&mut self.line);
        if !line.trim().is_empty() {
            self.blocks.push(Block::Text(line));
        }
    }

    fn children(
        &mut self,
        element: ElementRef<'_>,
        depth: usize,
        budget: &mut Budget,
    ) -> Result<(), IngestError> {
        for child in element.children() {
            budget.tick()?;
            match child.value() {
                Node::Text(text) => self.line.extend(
                    text.chars()
                        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
                ),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        self.element(child, depth + 1, budget)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn element(
        &mut self,
        element: ElementRef<'_>,
        depth: usize,
        budget: &mut Budget,
    ) -> Result<(), IngestError> {
        let name = element.value().name();
        if SKIPPED.contains(&name) {
            return Ok(());
        }
        if depth > MAX_DEPTH {
            self.line.extend(element.text());
            return Ok(());
        }
        match name {
            "br" => self.line.push('\n'),
            "table" => {
                self.flush();
                let table = table(element, depth, budget)?;
                self.blocks.push(Block::Table(table));
            }
            // Cells and rows outside a table: read as lines.
            "td" | "th" => {
                self.line.push(' ');
                self.children(element, depth, budget)?;
                self.line.push(' ');
            }
            "tr" => {
                self.flush();
                self.children(element, depth, budget)?;
                self.flush();
            }
            _ if BLOCKS.contains(&name) => {
                self.flush();
                self.children(element, depth, budget)?;
                self.flush();
            }
            _ => self.children(element, depth, budget)?,
        }
        Ok(())
    }
}

/// A `<table>` element as a [`Table`]; its caption, if any, becomes its first row.
fn table(element: ElementRef<'_>, depth: usize, budget: &mut Budget) -> Result<Table, IngestError> {
    let mut rows = Vec::new();
    let mut stack: Vec<ElementRef<'_>> = element.child_elements().collect();
    stack.reverse();
    while let Some(child) = stack.pop() {
        match child.value().name() {
            "tr" => rows.push(row(child, depth, budget)?),
            "thead" | "tbody" | "tfoot" => {
                let mut inner: Vec<ElementRef<'_>> = child.child_elements().collect();
                inner.reverse();
                stack.extend(inner);
            }
            "caption" => {
                let mut walker = Walker::default();
                walker.children(child, depth + 1, budget)?;
                let blocks = walker.finish();
                if !blocks.is_empty() {
                    rows.push(Row {
                        skip: 0,
                        cells: vec![Cell {
                            blocks,
                            colspan: 1,
                            rowspan: 1,
                        }],
                    });
                }
            }
            _ => {}
        }
    }
    Ok(Table { rows })
}

fn row(element: ElementRef<'_>, depth: usize, budget: &mut Budget) -> Result<Row, IngestError> {
    let mut cells = Vec::new();
    for c in element
        .child_elements()
        .filter(|c| matches!(c.value().name(), "td" | "th"))
    {
        let mut walker = Walker::default();
        walker.children(c, depth + 2, budget)?;
        cells.push(Cell {
            blocks: walker.finish(),
            colspan: span(c.attr("colspan")),
            rowspan: span(c.attr("rowspan")),
        });
    }
    Ok(Row { skip: 0, cells })
}

/// A `rowspan`/`colspan` value; missing, zero or malformed means 1.
fn span(value: Option<&str>) -> usize {
    value
        .map(|v| v.trim().trim_end_matches(';').trim_matches('"'))
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        read(html.as_bytes(), &mut Budget::new())
            .map(|(t, _)| t)
            .unwrap_or_default()
    }

    #[test]
    fn blocks_are_lines_and_scripts_are_skipped() {
        let t = text(
            "<html><head><title>年报</title><script>var a=1;</script></head>\
             <body><p>一、总体情况</p>正文<br>下一行<style>p{}</style><div>二、<b>主动</b>公开</div></body></html>",
        );
        assert_eq!(t, "年报\n一、总体情况\n正文\n下一行\n二、主动公开\n");
    }

    #[test]
    fn tables_expand_spans_and_blank_nbsp_cells() {
        let t = text(
            "<table><tr><td rowspan=2>三、本年度办理结果<td>（一）予以公开<td>1<td>&nbsp;\
             <tr><td>（二）部分公开<td colspan=2>2</table>",
        );
        assert_eq!(
            t,
            "三、本年度办理结果 | （一）予以公开 | 1 | |\n（二）部分公开 | 2 | |\n"
        );
    }

    #[test]
    fn nested_data_tables_keep_their_rows() {
        let t = text(
            "<table><tr><td><p>标题</p><table><tr><td>规章</td><td>1</td></tr>\
             <tr><td>行政规范性文件</td><td>2</td></tr></table></td></tr></table>",
        );
        assert_eq!(t, "标题\n规章 | 1 |\n行政规范性文件 | 2 |\n");
    }

    #[test]
    fn meta_charset_is_used_when_it_decodes_cleanly() {
        let page = "<html><head><meta charset=\"gb2312\"></head><body><p>总计</p></body></html>";
        let gbk = encoding_rs::GBK.encode(page).0;
        assert_eq!(
            read(&gbk, &mut Budget::new()).unwrap(),
            ("总计\n".to_owned(), GB18030.name())
        );
        let http_equiv = page.replace(
            "<meta charset=\"gb2312\">",
            "<META http-equiv=Content-Type content=\"text/html; charset=GBK\">",
        );
        let gbk = encoding_rs::GBK.encode(&http_equiv).0;
        assert_eq!(read(&gbk, &mut Budget::new()).unwrap().1, GB18030.name());
        // Declared GBK but written in UTF-8: the bytes win.
        assert_eq!(
            read(page.as_bytes(), &mut Budget::new()).unwrap().1,
            "UTF-8"
        );
    }

    #[test]
    fn sniffing() {
        assert!(looks_like_html(b"\n<!DOCTYPE html><html>"));
        assert!(looks_like_html(b"<TABLE><TR><TD>1"));
        assert!(!looks_like_html("一、总体情况 <p>".as_bytes()));
    }

    #[test]
    fn spans() {
        assert_eq!(span(Some("3")), 3);
        assert_eq!(span(Some("0")), 1);
        assert_eq!(span(Some("x")), 1);
        assert_eq!(span(None), 1);
    }
}
