//! Cutting a document into tokens: labels, values and explicit empty cells, each with its span.
//!
//! Every layout ends here in the same stream. The layout is decided line by line, from the line
//! itself, never for the whole file. A line with `|` is split at the pipes (Markdown rows lose
//! their outer borders), a line with tabs at the tabs, unless a piece between them is a flattened
//! table (the separators then belong to narrative run on into it), and any other line at white space,
//! where neighbouring words merge into one label and a unit joins the number before it. Only pipe
//! and tab lines can say a cell is empty; a white-space line drops its blanks.

use std::ops::Range;

use super::flattened;
use super::token::{Kind, Label, Sep, Token, UNITS};
use crate::ingest::Document;
use crate::normalize;
use crate::report::reads_as_value;

/// Tokens of the whole document, in reading order.
pub(crate) fn tokenize(doc: &Document) -> Vec<Token> {
    let mut out = Vec::with_capacity(doc.text.len() / 16);
    let mut pieces = Vec::new();
    for (index, line) in doc.lines() {
        let start = doc.line_span(index).start;
        let trimmed = trim_end(trim_start(line));
        if is_page_number(trimmed) || is_markdown_rule(trimmed) {
            continue;
        }
        let flattened = || flat_with_foreign(line);
        if line.contains('|') && !flattened() {
            split_cells(
                line,
                trimmed,
                start,
                index,
                Sep::Pipe,
                &mut pieces,
                &mut out,
            );
        } else if line.contains('\t') && !flattened() {
            split_cells(line, trimmed, start, index, Sep::Tab, &mut pieces, &mut out);
        } else if flattened::is_flattened(line) {
            flattened::split(line, start, index, &mut out);
        } else {
            split_words(line, start, index, &mut out);
        }
    }
    out
}

/// The labels joined from Markdown cells (see [`join_label_cells`]), in both orders, a line
/// each: for telling the form by its labels, which such cells cut.
pub(crate) fn joined_labels(tokens: &[Token]) -> String {
    let mut out = String::new();
    for label in tokens.iter().filter_map(Token::label_text) {
        if let Some(joined) = label.pieces() {
            out.push_str(label.as_str());
            out.push('\n');
            if let Some(across) = &joined.across {
                out.push_str(across);
                out.push('\n');
            }
        }
    }
    out
}

/// Whether a line with `|` or tabs holds a flattened table between them: the separators are
/// then foreign to the table (a book title `《…|…》` or a pasted tab in narrative that a crawled
/// page runs on into its tables), and the line is read as flattened text. A row of a pipe or tab
/// table has no cell that is a flattened table itself.
fn flat_with_foreign(line: &str) -> bool {
    line.split(['|', '\t']).any(flattened::is_flattened)
}

/// Text without digits longer than this many chars is a label without asking `parse_value`.
const SHORTEST_LABEL: usize = 4;

/// What a cell's or word's text is, `text` trimmed.
fn classify(trimmed: &str) -> Kind {
    if trimmed.is_empty() {
        return Kind::Empty;
    }
    if trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return Kind::Value;
    }
    // Text with no digit reads as a value only when short (`不变`, `不适用`, `/`, `—`).
    let numeric = trimmed
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    if !numeric && trimmed.chars().nth(SHORTEST_LABEL).is_some() {
        return Kind::Label(Label::printed(trimmed));
    }
    if reads_as_value(trimmed) {
        Kind::Value
    } else {
        Kind::Label(Label::printed(trimmed))
    }
}

/// Cuts a pipe or tab line (`trimmed` without white space at its ends) at its separators;
/// `pieces` is room for the cells' ranges.
fn split_cells(
    line: &str,
    trimmed: &str,
    offset: usize,
    index: usize,
    kind: Sep,
    pieces: &mut Vec<Range<usize>>,
    out: &mut Vec<Token>,
) {
    let sep = if kind == Sep::Pipe { b'|' } else { b'\t' };
    pieces.clear();
    let mut start = 0;
    for (i, _) in line.bytes().enumerate().filter(|&(_, b)| b == sep) {
        pieces.push(start..i);
        start = i + 1;
    }
    pieces.push(start..line.len());
    // The piece after the last separator is the line's end, not a cell, when empty.
    if pieces.len() > 1 && line.get(start..).is_some_and(|t| t.trim().is_empty()) {
        pieces.pop();
    }
    // A Markdown row `| a | b |` has an empty border piece before its first pipe.
    let mut first = 0;
    if kind == Sep::Pipe
        && trimmed.starts_with('|')
        && trimmed.ends_with('|')
        && trimmed.len() > 2
        && trimmed.trim_matches('|').contains(|c: char| c != '|')
        && pieces
            .first()
            .is_some_and(|p| line.get(p.clone()).is_some_and(|t| t.trim().is_empty()))
    {
        first = 1;
    }
    let first_token = out.len();
    // The lines of each label cell holding `<br>`, by token index: a label wrapped across cells
    // is read line by line across them.
    let mut wrapped: Vec<(usize, Vec<String>)> = Vec::new();
    for piece in pieces.iter().skip(first) {
        let text = line.get(piece.clone()).unwrap_or("");
        let after_lead = trim_start(text);
        let cell = trim_end(after_lead);
        let start = offset + piece.start + (text.len() - after_lead.len());
        if kind == Sep::Pipe
            && let Some(lines) = br_lines(cell)
        {
            push_broken_cell(cell, start, index, &lines, &mut wrapped, out);
            continue;
        }
        out.push(Token {
            kind: classify(cell),
            span: start..start + cell.len(),
            line: index,
            sep: kind,
        });
    }
    if kind == Sep::Pipe {
        join_label_cells(first_token, &wrapped, out);
    }
}

/// The `<br>` a PDF-to-Markdown tool writes for a line break inside a cell (`<br>`, `<br/>`,
/// `<br />`, any case): the byte ranges of `cell`'s lines, `None` without one.
fn br_lines(cell: &str) -> Option<Vec<Range<usize>>> {
    let bytes = cell.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while let Some(at) = bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| b == b'<'))
    {
        let tag = i + at;
        let name = bytes.get(tag + 1..tag + 3);
        let close = bytes
            .get(tag..)
            .and_then(|rest| rest.iter().take(6).position(|&b| b == b'>'));
        match (name, close) {
            (Some(name), Some(close)) if name.eq_ignore_ascii_case(b"br") => {
                let between = bytes.get(tag + 3..tag + close).unwrap_or_default();
                if between.iter().all(|&b| b == b' ' || b == b'/') {
                    lines.push(start..tag);
                    start = tag + close + 1;
                }
                i = tag + close + 1;
            }
            _ => i = tag + 1,
        }
    }
    if lines.is_empty() {
        return None;
    }
    lines.push(start..cell.len());
    Some(lines)
}

/// Pushes a cell holding `<br>` (its `lines`; `start`: its offset in the document): one value
/// token per line when every non-empty line is a value (`1<br>15`, two cells' numbers put in
/// one), else one token of its text without the tags; a label's lines go to `wrapped`.
fn push_broken_cell(
    cell: &str,
    start: usize,
    index: usize,
    lines: &[Range<usize>],
    wrapped: &mut Vec<(usize, Vec<String>)>,
    out: &mut Vec<Token>,
) {
    let trimmed: Vec<Range<usize>> = lines
        .iter()
        .filter_map(|r| {
            let text = cell.get(r.clone())?;
            let lead = text.len() - text.trim_start().len();
            let body = text.trim();
            (!body.is_empty()).then(|| r.start + lead..r.start + lead + body.len())
        })
        .collect();
    let token = |r: &Range<usize>, kind| Token {
        kind,
        span: start + r.start..start + r.end,
        line: index,
        sep: Sep::Pipe,
    };
    let kinds: Vec<Kind> = trimmed
        .iter()
        .map(|r| classify(cell.get(r.clone()).unwrap_or("")))
        .collect();
    if trimmed.len() == 1 || (trimmed.len() > 1 && kinds.iter().all(|k| *k == Kind::Value)) {
        for (r, kind) in trimmed.iter().zip(kinds) {
            out.push(token(r, kind));
        }
        return;
    }
    if trimmed.is_empty() {
        out.push(token(&(0..0), Kind::Empty));
        return;
    }
    let texts: Vec<String> = lines
        .iter()
        .map(|r| normalize::label(cell.get(r.clone()).unwrap_or("")))
        .collect();
    wrapped.push((out.len(), texts.clone()));
    out.push(token(
        &(0..cell.len()),
        Kind::Label(Label::new(texts.concat())),
    ));
}

/// The most label cells of one Markdown row joined into one label.
const MAX_LABEL_CELLS: usize = 8;

/// Joins the label cells of a Markdown row (its tokens from `first` on) before its first value
/// into one label, when there are several: a wrapped label cut across cells is matched whole,
/// and a group label cell runs into the row's own (`(三)不予公开` `1.属于国家秘密`). Empty
/// cells between them go; the pieces are kept for the walk (see [`Label::joined`]).
fn join_label_cells(first: usize, wrapped: &[(usize, Vec<String>)], out: &mut Vec<Token>) {
    let Some(tail) = out.get(first..) else {
        return;
    };
    let Some(values) = tail.iter().position(|t| t.kind == Kind::Value) else {
        return;
    };
    let labels: Vec<usize> = (first..first + values)
        .filter(|&i| out.get(i).is_some_and(Token::is_label))
        .collect();
    if let [one] = labels.as_slice() {
        // One label cell on several lines: each line is also read alone.
        let lines = wrapped
            .iter()
            .find(|(w, _)| w == one)
            .map(|(_, lines)| lines);
        let lines: Vec<String> = lines
            .into_iter()
            .flatten()
            .filter(|l| !l.is_empty())
            .cloned()
            .collect();
        if (2..=MAX_LABEL_CELLS).contains(&lines.len())
            && let Some(token) = out.get_mut(*one)
        {
            token.kind = Kind::Label(Label::of_lines(lines));
        }
        return;
    }
    // A row label is cut into a few cells; a line of many label cells is not one label.
    if labels.len() > MAX_LABEL_CELLS {
        return;
    }
    let (Some(&from), Some(&to), true) = (labels.first(), labels.last(), labels.len() > 1) else {
        return;
    };
    let lines: Vec<Vec<String>> = labels
        .iter()
        .map(|&i| match wrapped.iter().find(|(w, _)| *w == i) {
            Some((_, lines)) => lines.clone(),
            None => vec![out.get(i).and_then(Token::label).unwrap_or("").to_owned()],
        })
        .collect();
    let pieces: Vec<String> = lines.iter().map(|l| l.concat()).collect();
    let deepest = lines.iter().map(Vec::len).max().unwrap_or(0);
    let across = (deepest > 1).then(|| {
        (0..deepest)
            .flat_map(|k| lines.iter().filter_map(move |l| l.get(k)))
            .map(String::as_str)
            .collect::<String>()
    });
    let (Some(start), Some(end), Some(line)) = (
        out.get(from).map(|t| t.span.start),
        out.get(to).map(|t| t.span.end),
        out.get(from).map(|t| t.line),
    ) else {
        return;
    };
    let joined = Token {
        kind: Kind::Label(Label::joined(pieces, across)),
        span: start..end,
        line,
        sep: Sep::Pipe,
    };
    out.splice(from..=to, [joined]);
}

/// Cuts a line at white space into words. Read byte by byte: ASCII and ideographs (most of a
/// line) are told without decoding them.
fn split_words(line: &str, offset: usize, index: usize, out: &mut Vec<Token>) {
    let first = out.len();
    let bytes = line.as_bytes();
    let mut start = None;
    let mut i = 0;
    while let Some(&lead) = bytes.get(i) {
        let (space, len) = if lead < 0x80 {
            (lead.is_ascii_whitespace() || lead == 0x0B, 1)
        } else if normalize::starts_with_ideograph(bytes.get(i..).unwrap_or_default()) {
            (false, 3)
        } else {
            match line.get(i..).and_then(|rest| rest.chars().next()) {
                Some(c) => (flattened::is_space(c), c.len_utf8()),
                None => break,
            }
        };
        match (space, start) {
            (true, Some(s)) => {
                push_word(line, offset, index, s..i, first, out);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
        i += len;
    }
    if let Some(s) = start {
        push_word(line, offset, index, s..line.len(), first, out);
    }
}

/// Pushes the word at `word` of `line` as a token, or joins it to the line's last token (from
/// `first` on): a unit to its number, a word to the label before it.
fn push_word(
    line: &str,
    offset: usize,
    index: usize,
    word: Range<usize>,
    first: usize,
    out: &mut Vec<Token>,
) {
    let text = line.get(word.clone()).unwrap_or("");
    let span = offset + word.start..offset + word.end;
    let kind = classify(text);
    let previous = out.get_mut(first..).and_then(|tail| tail.last_mut());
    match (previous, &kind) {
        (Some(prev), _) if prev.kind == Kind::Value && UNITS.contains(&text) => {
            prev.span.end = span.end;
        }
        (Some(prev), Kind::Label(more)) if matches!(prev.kind, Kind::Label(_)) => {
            if let Kind::Label(label) = &mut prev.kind {
                label.append(more);
            }
            prev.span.end = span.end;
        }
        _ => out.push(Token {
            kind,
            span,
            line: index,
            sep: Sep::Space,
        }),
    }
}

/// `str::trim_start`, without decoding a first char that is plainly not white space: an ASCII
/// letter, digit or sign, or a char of U+4000–U+9FFF (lead byte E4–E9), most of what reports
/// print.
fn trim_start(text: &str) -> &str {
    match text.as_bytes().first() {
        Some(0x21..=0x7E | 0xE4..=0xE9) => text,
        _ => text.trim_start(),
    }
}

/// `str::trim_end`, without decoding a last char that is plainly not white space (see
/// [`trim_start`]).
fn trim_end(text: &str) -> &str {
    match text.as_bytes() {
        [.., 0x21..=0x7E] | [.., 0xE4..=0xE9, _, _] => text,
        _ => text.trim_end(),
    }
}

/// Dashes around a page number.
const DASHES: [char; 4] = ['-', '—', '–', '－'];

/// `— 4 —`, `-4-`, `- 12 -`: page numbers printed inside tables (`t` trimmed).
fn is_page_number(t: &str) -> bool {
    if !t.starts_with(DASHES) || !t.ends_with(DASHES) {
        return false;
    }
    let inner = t.trim_matches(|c: char| DASHES.contains(&c) || c.is_whitespace());
    // White space inside counts for nothing (`- 1 2 -` is page 12).
    !inner.is_empty()
        && inner
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_whitespace())
}

/// `|---|:--:|`: a Markdown table rule (`t` trimmed).
fn is_markdown_rule(t: &str) -> bool {
    t.starts_with('|') && t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Format;

    fn kinds(text: &str) -> Vec<Kind> {
        tokenize(&Document::from_text(Format::Text, text))
            .into_iter()
            .map(|t| t.kind)
            .collect()
    }

    fn label(s: &str) -> Kind {
        Kind::Label(s.into())
    }

    #[test]
    fn pipes_keep_empty_cells() {
        assert_eq!(
            kinds("行政许可 | 26467 | |"),
            vec![label("行政许可"), Kind::Value, Kind::Empty]
        );
        assert_eq!(kinds("|"), vec![Kind::Empty]);
        assert_eq!(kinds("| 0 | 0 |"), vec![Kind::Value, Kind::Value]);
        assert_eq!(kinds("|---|---|"), vec![]);
    }

    #[test]
    fn tabs_keep_empty_cells() {
        assert_eq!(
            kinds("(七) 总计\t\t0\t0\t"),
            vec![label("(七)总计"), Kind::Empty, Kind::Value, Kind::Value]
        );
    }

    #[test]
    fn words_merge_into_labels_and_units_join_numbers() {
        assert_eq!(
            kinds("政府集中采购 19 项 1710.15 万元"),
            vec![label("政府集中采购"), Kind::Value, Kind::Value]
        );
        assert_eq!(
            kinds("三 、本 年 度办 理 结果 (一)予以公开 0"),
            vec![label("三、本年度办理结果(一)予以公开"), Kind::Value]
        );
        assert_eq!(kinds("行政许可  25  不变  25").len(), 4);
    }

    #[test]
    fn trims_as_str_does() {
        for text in [
            "",
            " ",
            "规章",
            " 规章 ",
            "\u{3000}规章\u{3000}",
            "a",
            " a\t",
            "\u{2003}x",
            "x\u{85}",
            "（一）",
            "\u{a0}0\u{a0}",
            "㐀",
            "\u{1680}",
        ] {
            assert_eq!(trim_start(text), text.trim_start(), "{text:?}");
            assert_eq!(trim_end(text), text.trim_end(), "{text:?}");
        }
    }

    #[test]
    fn page_numbers_are_skipped() {
        assert_eq!(kinds("— 4 —"), vec![]);
        assert_eq!(kinds("-4-"), vec![]);
        assert_eq!(kinds("-18"), vec![Kind::Value]);
        assert_eq!(kinds(" - 1 2 - "), vec![]);
        assert!(!kinds("—4— 5—").is_empty());
    }
}
