//! Soft check S3: figures the narrative restates (「共收到政府信息公开申请5件」「重复申请3件」) compared
//! with the table. A contradiction is a warning naming the text's line and the table's cells.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;
use rust_decimal::Decimal;

use super::Finding;
use crate::check;
use crate::ingest::Document;
use crate::normalize;
use crate::report::{CellKey, Report, Value};
use crate::template::{ClaimDef, Form, PerForm};

/// The claims of a form, prepared for search: the word each claim's pattern starts with (its
/// text up to the first group or class), in the order of the form's claims, so a pattern is
/// tried only on lines with its word; and each pattern compiled.
struct Prepared {
    keywords: Option<AhoCorasick>,
    /// The same words, for one pass over a whole text (SIMD; `None` where the CPU cannot).
    packed: Option<aho_corasick::packed::Searcher>,
    patterns: Vec<Option<Regex>>,
}

/// The word each claim's pattern starts with.
fn claim_words(form: &Form) -> impl Iterator<Item = &'static str> {
    form.claims
        .iter()
        .filter_map(|c| c.pattern.split(['[', '(']).next())
}

/// `form`'s claims prepared, once per form.
fn prepared(form: &'static Form) -> &'static Prepared {
    static PREPARED: PerForm<Prepared> = PerForm::new(|form| Prepared {
        keywords: normalize::word_search(claim_words(form)),
        packed: aho_corasick::packed::Searcher::new(claim_words(form)),
        patterns: form
            .claims
            .iter()
            .map(|c| Regex::new(c.pattern).ok())
            .collect(),
    });
    PREPARED.get(form)
}

/// Whether `line` is a row of a pipe or tab table rather than prose: it has a separator and
/// either no sentence end or several separators. A sentence with one foreign `|` or tab (a book
/// title `《…|…》`, a pasted tab) stays prose.
fn is_table_line(line: &str) -> bool {
    // Both separators are ASCII: counted in bytes, no char is decoded.
    let separators = line.bytes().filter(|&b| b == b'|' || b == b'\t').count();
    separators > 0 && (!line.contains('。') || separators >= 3)
}

/// Compares every figure the narrative restates with the table. Table lines (with `|` or tabs,
/// see `is_table_line`) are not narrative and are skipped.
///
/// # Example
/// ```
/// use gouji::{Document, Format, extract, rules};
/// let text = "今年共收到政府信息公开申请5件，其中重复申请3件。\n\
///             一、本年新收政府信息公开申请数量 | | | | | | | 5 |\n\
///             2.重复申请 | | | | | | | 2 |\n";
/// let doc = Document::from_text(Format::Text, text);
/// let report = extract::extract(&doc).report;
/// let findings = rules::narrative::check(&doc, &report);
/// assert_eq!(findings.len(), 1);
/// assert!(findings[0].message.contains("重复申请 3"));
/// ```
pub fn check(doc: &Document, report: &Report) -> Vec<Finding> {
    let Prepared {
        keywords,
        packed,
        patterns,
    } = prepared(report.form);
    let claims = report.form.claims;
    // The lines holding a claim's word, found in one pass over the text (a word never spans
    // lines).
    let with_word: Option<Vec<bool>> = packed.as_ref().map(|packed| {
        let mut lines = vec![false; doc.line_count()];
        for found in packed.find_iter(&doc.text) {
            if let Some(line) = lines.get_mut(doc.line_of(found.start())) {
                *line = true;
            }
        }
        lines
    });
    let mut out = Vec::new();
    for (index, line) in doc.lines() {
        // NFKC maps common chars one by one and never to or from the ideographs of a claim's
        // word: such a line without any word is passed over before it is normalised.
        let has_word = match &with_word {
            Some(lines) => lines.get(index).copied().unwrap_or(false),
            None => keywords.as_ref().is_some_and(|k| k.is_match(line)),
        };
        if !has_word && normalize::all_common(line) {
            continue;
        }
        if is_table_line(line) {
            continue;
        }
        let line: String = normalize::nfkc(line).collect();
        // Which claims' words the line has: only their patterns can match.
        let mut present = vec![false; claims.len()];
        for found in keywords.iter().flat_map(|k| k.find_overlapping_iter(&line)) {
            if let Some(p) = present.get_mut(found.pattern().as_usize()) {
                *p = true;
            }
        }
        for ((claim, pattern), present) in claims.iter().zip(patterns).zip(present) {
            let Some(pattern) = pattern.as_ref().filter(|_| present) else {
                continue;
            };
            for found in pattern.captures_iter(&line) {
                let Some(stated) = found.get(1).and_then(|m| m.as_str().parse::<u64>().ok()) else {
                    continue;
                };
                if let Some(finding) = compare(report, claim, Decimal::from(stated), index + 1) {
                    out.push(finding);
                }
            }
        }
    }
    out
}

/// The 行政复议 row as the narrative states it in the usual sentence (「行政复议 351 件，其中结果维持 72 件，
/// 结果纠正 64 件，其他结果 178 件，尚未审结 37 件」), even across the text's line breaks: the counts of
/// 维持, 纠正, 其他结果, 尚未审结 and the total, in the table's column order.
///
/// # Example
/// ```
/// use gouji::{Document, Format, rules::narrative::stated_review_row};
/// let doc = Document::from_text(Format::Text, "全年行政复议 5\n件，其中结果维持 2 件，结果纠正 1 件，其他结果 0 件，尚未审结 2 件。");
/// let row = stated_review_row(&doc).unwrap();
/// assert_eq!(row.map(|n| n.to_string()), ["2", "1", "0", "2", "5"]);
/// ```
pub fn stated_review_row(doc: &Document) -> Option<[Decimal; 5]> {
    // Between the figures: anything but a sentence break or another number.
    const GAP: &str = "[^。；;\\d]{0,8}?";
    static SENTENCE: LazyLock<Option<Regex>> = LazyLock::new(|| {
        Regex::new(&format!(
            "行政复议(\\d+)(?:件|起|宗)[,，]?其中{GAP}维持(\\d+)(?:件|起|宗){GAP}纠正(\\d+)(?:件|起|宗)\
             {GAP}其他结果(\\d+)(?:件|起|宗){GAP}尚未审结(\\d+)(?:件|起|宗)"
        ))
        .ok()
    });
    let mut prose = String::with_capacity(doc.text.len());
    for (_, line) in doc.lines().filter(|(_, line)| !is_table_line(line)) {
        normalize::push_nfkc_without_space(&mut prose, line);
    }
    let found = SENTENCE.as_ref()?.captures(&prose)?;
    let number = |i: usize| found.get(i)?.as_str().parse::<Decimal>().ok();
    Some([number(2)?, number(3)?, number(4)?, number(5)?, number(1)?])
}

fn compare(report: &Report, claim: &ClaimDef, stated: Decimal, line: usize) -> Option<Finding> {
    let keys: Vec<CellKey> = claim
        .cells
        .iter()
        .filter_map(|&(t, r, c)| report.key(t, r, c))
        .collect();
    let mut table = Decimal::ZERO;
    for key in &keys {
        match report.value(key) {
            Value::Number(n) => table += n,
            _ => return None,
        }
    }
    (!keys.is_empty() && table != stated).then(|| Finding {
        check: &check::NARRATIVE,
        severity: check::NARRATIVE.severity,
        cells: keys,
        equation: None,
        repair: None,
        readings: Vec::new(),
        message: format!(
            "the text (line {line}) says {} {stated}, the table has {}",
            claim.name,
            table.normalize()
        ),
        message_zh: format!(
            "正文第 {line} 行称{} {stated} 件，表格为 {}",
            claim.name,
            table.normalize()
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Format;
    use crate::template::{FORM_2019, Registry, TableId};

    #[test]
    fn a_sentence_with_one_foreign_separator_is_prose() {
        assert!(!is_table_line("学习《数据|治理》一书。共收到申请5件。"));
        assert!(!is_table_line("全年\t共收到申请5件。"));
        assert!(is_table_line("重复申请 | 3 |"));
        assert!(is_table_line("5 |"));
        assert!(is_table_line("| 说明。| 3 | 0 |"));
        assert!(!is_table_line("共收到申请5件。"));
    }

    fn report_with(received: i64, repeated: i64) -> Report {
        let mut r = Report::blank(&FORM_2019);
        for (row, v) in [("received", received), ("ignored_2", repeated)] {
            let key = r.key(TableId::Requests, row, "total").unwrap();
            r.cells.get_mut(&key).unwrap().value = Value::Number(v.into());
        }
        r
    }

    fn findings(text: &str, report: &Report) -> Vec<String> {
        check(&Document::from_text(Format::Text, text), report)
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn a_contradicting_figure_is_a_warning_with_its_line() {
        let text = "概述\n2020年，共收到政府信息公开申请5件，全部按时办结。其中，重复申请3件。";
        let got = findings(text, &report_with(5, 2));
        assert_eq!(
            got,
            vec!["the text (line 2) says 重复申请 3, the table has 2"]
        );
    }

    #[test]
    fn agreeing_figures_unrelated_counts_and_blank_cells_are_quiet() {
        let text = "共收到申请公开政府信息的请求5条。共收到区人大政协提案议案3件。重复申请2件。";
        assert!(findings(text, &report_with(5, 2)).is_empty());
        let blank = Report::blank(&FORM_2019);
        assert!(findings("重复申请3件", &blank).is_empty());
        // Table rows are not narrative.
        assert!(findings("2.重复申请 | 3件 |", &report_with(5, 2)).is_empty());
    }

    #[test]
    fn every_pattern_compiles() {
        for form in Registry::standard().forms() {
            let prepared = prepared(form);
            assert!(prepared.patterns.iter().all(Option::is_some));
            assert!(prepared.keywords.is_some());
        }
    }
}
