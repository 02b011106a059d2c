//! Telling which form a report follows, from the labels present in its text (never from its year:
//! real reports mix versions).

use std::sync::LazyLock;

use super::FormId;
use crate::normalize::LabelWords;

/// Column and row labels only the 2021 form's table 二 prints.
const PROACTIVE_2021: &[&str] = &[
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额",
];
/// Labels only the 2019 form's table 二 prints.
const PROACTIVE_2019: &[&str] = &[
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "采购项目数量",
    "政府集中采购",
    "其他对外管理服务事项",
];
/// Labels only the 2021 form's table 三 prints (its （六） rows).
const REQUESTS_2021: &[&str] = &[
    "逾期不补正",
    "逾期未按收费通知",
    "不再处理其政府信息公开申请",
];
/// Labels any form's table 三 prints.
const REQUESTS_ANY: &[&str] = &["本年新收政府信息公开申请数量", "结转下年度继续办理"];

/// The lists above, in the order `detect` counts them.
const LISTS: [&[&str]; 4] = [PROACTIVE_2021, PROACTIVE_2019, REQUESTS_2021, REQUESTS_ANY];

/// Which form the text's tables follow, or `None` when it has none of the standard tables
/// (e.g. a report from before 2019).
///
/// # Example
/// ```
/// use gouji::template::{detect, FormId};
/// let text = "信息内容 本年制发件数 本年废止件数 现行有效件数\n一、本年新收政府信息公开申请数量\n（六）其他处理 0 0";
/// assert_eq!(detect(text), Some(FormId::Y2021Requests2019));
/// assert_eq!(detect("2018年政府信息公开工作年度报告"), None);
/// ```
pub fn detect(text: &str) -> Option<FormId> {
    // One pass over the text for every label (a report is tens of kilobytes).
    static LABELS: LazyLock<Option<LabelWords>> = LazyLock::new(|| {
        let words: Vec<&str> = LISTS.into_iter().flatten().copied().collect();
        LabelWords::new(&words)
    });
    let seen = LABELS.as_ref().map(|l| l.present(text)).unwrap_or_default();
    let mut first = 0;
    let [proactive_2021, proactive_2019, requests_2021, requests_any] = LISTS.map(|list| {
        let n = seen
            .iter()
            .skip(first)
            .take(list.len())
            .filter(|s| **s)
            .count();
        first += list.len();
        n
    });
    let requests_2021 = requests_2021 > 0;
    let requests_any = requests_any > 0 || requests_2021;
    match (proactive_2021.cmp(&proactive_2019), requests_any) {
        (std::cmp::Ordering::Greater, true) if !requests_2021 => Some(FormId::Y2021Requests2019),
        (std::cmp::Ordering::Greater, _) => Some(FormId::Y2021),
        (std::cmp::Ordering::Less, _) => Some(FormId::Y2019),
        (std::cmp::Ordering::Equal, true) if requests_2021 => Some(FormId::Y2021),
        (std::cmp::Ordering::Equal, true) => Some(FormId::Y2019),
        (std::cmp::Ordering::Equal, false) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD_2019: &str = "信息内容 本年新制作数量 本年新 公开数量 对外公开总数量\n";
    const HEAD_2021: &str = "信息内容 本年制发件数 本年废止件数 现行有效件数\n";
    const REQ: &str = "一、本年新收政府信息公开申请数量 | 1 |\n（六）其他处理 | 0 |\n";
    const REQ_2021: &str =
        "1.申请人无正当理由逾期不\n补正、行政机关不再处理其政府信息公开申请 | 0 |\n";

    #[test]
    fn detects_each_form_and_the_mixed_case() {
        assert_eq!(detect(&format!("{HEAD_2019}{REQ}")), Some(FormId::Y2019));
        assert_eq!(
            detect(&format!("{HEAD_2021}{REQ}{REQ_2021}")),
            Some(FormId::Y2021)
        );
        assert_eq!(
            detect(&format!("{HEAD_2021}{REQ}")),
            Some(FormId::Y2021Requests2019)
        );
    }

    #[test]
    fn a_report_with_only_some_tables_is_still_detected() {
        assert_eq!(detect(REQ), Some(FormId::Y2019));
        assert_eq!(detect(&format!("{REQ}{REQ_2021}")), Some(FormId::Y2021));
        assert_eq!(detect(HEAD_2021), Some(FormId::Y2021));
        assert_eq!(detect("今年共收到申请5件。"), None);
    }
}
