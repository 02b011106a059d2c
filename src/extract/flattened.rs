//! Flattened HTML text (layout 5): a whole table on one line, its cells run together.
//!
//! `一、本年新收政府信息公开申请数量230 000023二、上年结转…` has no separator between a label and
//! its numbers, nor between the numbers. This module only cuts such a line into labels and
//! digit runs ([`Sep::Run`] value tokens); how a run splits into cells is `digit_runs`' job. A
//! list marker glued to the run before it (`00000002.其他法律…`) goes with its label: markers in
//! the form are one digit.

use super::token::{Kind, Label, Sep, Token, UNITS};
use crate::normalize;

/// Digit-to-text steps a line needs before it is read as a flattened table.
const MIN_STEPS: usize = 5;
/// Digits in one glued run that make a line flattened on their own.
const MIN_RUN: usize = 10;
/// Header words that end a cell of a flattened table's header (`现行有效件数规章` is two cells).
const HEADER_ENDS: &[&str] = &["件数", "数量", "金额", "增/减", ")项", "）项"];

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Whether `line` is a table run together: many numbers glued to the label text after them
/// ([`MIN_STEPS`] digit-to-text steps), or one long run glued to its label. Asked only of lines
/// without `|` or tabs: those are cut at their separators (`tokenize`).
pub(crate) fn is_flattened(line: &str) -> bool {
    // Every step and every run needs digits: at most one per ASCII digit or lead byte EF (of
    // ０–９). Most lines have too few to look further.
    let digits = line
        .bytes()
        .filter(|b| b.is_ascii_digit() || *b == 0xEF)
        .count();
    if digits < MIN_STEPS.min(MIN_RUN) {
        return false;
    }
    // Without full-width digits (lead byte EF), a step needs an ASCII digit with a byte right
    // after it that is neither a digit nor white space, and a glued run a digit right after a
    // non-ASCII char: lines of numbers set apart by spaces (`pdftotext -layout`) have too few.
    let bytes = line.as_bytes();
    if !bytes.contains(&0xEF) {
        let (mut steps, mut glued) = (0, false);
        for pair in bytes.windows(2) {
            if let &[a, b] = pair {
                steps += usize::from(
                    a.is_ascii_digit() && !b.is_ascii_digit() && !b.is_ascii_whitespace(),
                );
                glued |= a >= 0x80 && b.is_ascii_digit();
            }
        }
        if steps < MIN_STEPS && !glued {
            return false;
        }
    }
    let mut steps = 0;
    // The digits in a row (white space between them allowed), and whether the run is glued to
    // the text before it.
    let mut run = 0;
    let mut glued = false;
    let mut previous: Option<char> = None;
    for c in line.chars() {
        let (digit, space) = (is_digit(c), is_space(c));
        if previous.is_some_and(is_digit)
            && !digit
            && !space
            && !matches!(c, '.' | '．' | ',' | '%' | '年' | '月' | '日')
            && !UNITS.iter().any(|u| u.starts_with(c))
        {
            steps += 1;
        }
        if digit {
            if run == 0 {
                glued = previous.is_some_and(|p| !is_space(p) && !is_digit(p) && !p.is_ascii());
            }
            run += 1;
        } else if !space {
            run = 0;
        }
        if steps >= MIN_STEPS || (glued && run >= MIN_RUN) {
            return true;
        }
        previous = Some(c);
    }
    false
}

/// `char::is_whitespace`, without a table lookup for ideographs.
pub(crate) fn is_space(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_whitespace() || c == '\u{b}'
    } else {
        !normalize::is_ideograph(c) && c.is_whitespace()
    }
}

/// Cuts a flattened line into label tokens and digit-run value tokens.
pub(crate) fn split(line: &str, offset: usize, index: usize, out: &mut Vec<Token>) {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let byte = |i: usize| chars.get(i).map_or(line.len(), |&(b, _)| b);
    let mut i = 0;
    let mut label_start = 0;
    while i < chars.len() {
        if !at(i).is_some_and(is_digit) {
            i += 1;
            continue;
        }
        let run_start = i;
        let mut end = i;
        let mut j = i;
        // Digits, inner spaces, decimal points and units.
        loop {
            match at(j) {
                Some(c) if is_digit(c) => {
                    j += 1;
                    end = j;
                }
                Some(c) if c.is_whitespace() || matches!(c, '.' | '．') => j += 1,
                Some(_) => {
                    let rest = line.get(byte(j)..).unwrap_or("");
                    match UNITS
                        .iter()
                        .filter(|u| rest.starts_with(**u))
                        .max_by_key(|u| u.len())
                    {
                        Some(unit) if end == j => {
                            j += unit.chars().count();
                            end = j;
                        }
                        _ => break,
                    }
                }
                None => break,
            }
        }
        // A one-digit list marker (`2.其他…`, `3、`) belongs to the label after the run.
        let marker = matches!(at(end), Some('.' | '．' | '、'))
            && at(end + 1).is_some_and(|c| !is_digit(c) && !c.is_whitespace())
            && end > run_start
            && at(end - 1).is_some_and(is_digit);
        let run_end = if marker { end - 1 } else { end };
        // A lone list marker (`(三)不予公开1.属于…`) is label text, not a run.
        if run_end <= run_start {
            i = end.max(i + 1);
            continue;
        }
        push_label(line, offset, index, byte(label_start)..byte(run_start), out);
        let span = byte(run_start)..byte(run_end);
        let text = line.get(span.clone()).unwrap_or("").trim_end();
        out.push(Token {
            kind: Kind::Value,
            span: offset + span.start..offset + span.start + text.len(),
            line: index,
            sep: Sep::Run,
        });
        label_start = run_end;
        i = end.max(run_end + 1);
    }
    push_label(line, offset, index, byte(label_start)..line.len(), out);
}

/// Pushes the text of `piece` as labels, cut at white space and before each list marker
/// (`一、`, `(一)`), so a header run into the first row label does not hide it.
fn push_label(
    line: &str,
    offset: usize,
    index: usize,
    piece: std::ops::Range<usize>,
    out: &mut Vec<Token>,
) {
    let text = line.get(piece.clone()).unwrap_or("");
    let mut cuts = vec![0];
    let mut previous = None;
    // Each char with the two after it, each decoded once.
    let mut chars = text.char_indices();
    let (mut current, mut next, mut after) = (
        chars.next(),
        chars.next().map(|(_, c)| c),
        chars.next().map(|(_, c)| c),
    );
    while let Some((b, c)) = current {
        let rest = text.get(b..).unwrap_or("");
        let marker = is_numeral(c) && matches!(next, Some('、'))
            || matches!(c, '(' | '（')
                && next.is_some_and(is_numeral)
                && matches!(after, Some(')' | '）'));
        let digit_marker = c.is_ascii_digit()
            && matches!(next, Some('.' | '、' | '．'))
            && after.is_some_and(|c| !c.is_ascii_digit())
            && !previous.is_some_and(|c: char| c.is_ascii_digit());
        if is_space(c) || marker || digit_marker {
            cuts.push(b);
        }
        // No header word overlaps itself, so each is found wherever it starts.
        for end in HEADER_ENDS {
            if rest.as_bytes().first() == end.as_bytes().first() && rest.starts_with(end) {
                cuts.push(b + end.len());
            }
        }
        previous = Some(c);
        current = next.map(|n| (b + c.len_utf8(), n));
        next = after;
        after = chars.next().map(|(_, c)| c);
    }
    cuts.push(text.len());
    cuts.sort_unstable();
    cuts.dedup();
    for w in cuts.windows(2) {
        let [a, b] = w else { continue };
        let part = text.get(*a..*b).unwrap_or("");
        let label = normalize::label(part);
        if label.is_empty() {
            continue;
        }
        let lead = part.len() - part.trim_start().len();
        let trail = part.len() - part.trim_end().len();
        let start = offset + piece.start + a;
        out.push(Token {
            kind: Kind::Label(Label::new(label)),
            span: start + lead..start + part.len() - trail,
            line: index,
            sep: Sep::Run,
        });
    }
}

fn is_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_are_white_space() {
        for c in (0..0x3100).chain(0x4DFF..0xA001).filter_map(char::from_u32) {
            assert_eq!(is_space(c), c.is_whitespace(), "{c:?}");
        }
    }

    const LINE: &str = "一、本年新收政府信息公开申请数量230 000023二、上年结转政府信息公开申请数量0000000三、本年度办理结果(一)予以公开1200000012(三)不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开0000000";

    fn pieces(line: &str) -> Vec<String> {
        let mut out = Vec::new();
        split(line, 0, 0, &mut out);
        out.iter()
            .map(|t| match &t.kind {
                Kind::Label(l) => l.as_str().to_owned(),
                _ => format!("#{}", line.get(t.span.clone()).unwrap_or("")),
            })
            .collect()
    }

    #[test]
    fn cuts_labels_from_runs() {
        assert!(is_flattened(LINE));
        assert!(!is_flattened("2024年共收到申请5件,办结3件。"));
        assert!(is_flattened(
            "总计未经复议直接起诉复议后起诉100010000000000"
        ));
        assert!(is_flattened("申请数量１２３４５６７８９０１"));
        assert!(!is_flattened(
            "4.保护第三方合法权益   1   0   0   0   0   0   1"
        ));
        assert!(is_flattened("规章1a2b3c4d5e"));
        let p = pieces(LINE);
        assert_eq!(
            p.first().map(String::as_str),
            Some("一、本年新收政府信息公开申请数量")
        );
        assert_eq!(p.get(1).map(String::as_str), Some("#230 000023"));
        assert!(p.contains(&"#0000000".to_owned()));
        assert!(p.contains(&"2.其他法律行政法规禁止公开".to_owned()));
        assert!(p.contains(&"(三)不予公开".to_owned()));
        assert!(p.contains(&"1.属于国家秘密".to_owned()));
    }

    #[test]
    fn units_stay_with_their_numbers() {
        let p =
            pieces("政府集中采购19项1710.15万元行政许可5行政处罚6行政强制7行政事业性收费8规章9");
        assert_eq!(p.get(1).map(String::as_str), Some("#19项1710.15万元"));
    }
}
