//! Telling which form a report follows, from the labels present in its text (never from its year:
//! real reports mix versions). The labels are the forms' own data: each table version's
//! signature (labels only it prints) and anchors (labels every version prints).

use super::{Form, TableId};
use crate::normalize::{self, LabelWords};

/// The labels of a registry's forms, searched for in one pass over a text.
pub(super) struct Detection {
    /// Every signature and anchor label of every form, each once.
    words: Vec<&'static str>,
    /// A search for all of `words` at once (`None` when a word is not all ideographs: then each
    /// is looked for in the folded text).
    search: Option<LabelWords>,
}

/// What a text's labels say of one table.
#[derive(Clone, Copy)]
enum Version {
    /// Nothing: the table is absent, or its versions' evidence ties.
    Unknown,
    /// The versions whose signature is this list.
    Signature(&'static [&'static str]),
}

impl Detection {
    pub(super) fn new(forms: &[&'static Form]) -> Detection {
        let mut words: Vec<&'static str> = Vec::new();
        for table in forms.iter().flat_map(|f| &f.tables) {
            for word in table.signature.iter().chain(table.anchors) {
                if !words.contains(word) {
                    words.push(word);
                }
            }
        }
        let search = LabelWords::new(&words);
        Detection { words, search }
    }

    /// See [`super::Registry::detect`].
    pub(super) fn detect(&self, forms: &[&'static Form], text: &str) -> Option<&'static Form> {
        // One pass over the text for every label (a report is tens of kilobytes).
        let seen = match &self.search {
            Some(search) => search.present(text),
            None => {
                let folded = normalize::label(text);
                self.words
                    .iter()
                    .map(|w| folded.contains(normalize::label(w).as_str()))
                    .collect()
            }
        };
        let is_seen = |word: &&str| {
            self.words
                .iter()
                .position(|w| w == word)
                .and_then(|i| seen.get(i).copied())
                .unwrap_or(false)
        };
        let mut candidates: Vec<&'static Form> = forms.to_vec();
        let mut decided = false;
        for table in TableId::ALL {
            let Version::Signature(signature) = version(forms, table, &is_seen) else {
                continue;
            };
            decided = true;
            let fitting: Vec<&'static Form> = candidates
                .iter()
                .copied()
                .filter(|f| f.table(table).signature == signature)
                .collect();
            if !fitting.is_empty() {
                candidates = fitting;
            }
        }
        decided.then(|| candidates.first().copied()).flatten()
    }
}

/// Which version of `table` the seen labels show: the one whose signature has the most labels
/// seen, alone; or, when the table's anchors are seen and no signature label is, the version
/// without a signature, if there is exactly one.
fn version(forms: &[&'static Form], table: TableId, is_seen: &dyn Fn(&&str) -> bool) -> Version {
    let mut versions: Vec<&'static [&'static str]> = Vec::new();
    for form in forms {
        let signature = form.table(table).signature;
        if !versions.contains(&signature) {
            versions.push(signature);
        }
    }
    let hits = |signature: &[&str]| signature.iter().filter(|w| is_seen(w)).count();
    let best = versions.iter().map(|v| hits(v)).max().unwrap_or(0);
    let winners: Vec<_> = versions.iter().filter(|v| hits(v) == best).collect();
    if best > 0 {
        return match winners.as_slice() {
            [one] => Version::Signature(one),
            _ => Version::Unknown,
        };
    }
    let present = forms
        .iter()
        .flat_map(|f| f.table(table).anchors)
        .any(is_seen);
    let plain: Vec<_> = versions.iter().filter(|v| v.is_empty()).collect();
    match plain.as_slice() {
        [one] if present => Version::Signature(one),
        _ => Version::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use crate::template::{FORM_2019, FORM_2021, FORM_2021_REQUESTS_2019, Form, Registry};

    fn detect(text: &str) -> Option<&'static Form> {
        Registry::standard().detect(text)
    }

    const HEAD_2019: &str = "信息内容 本年新制作数量 本年新 公开数量 对外公开总数量\n";
    const HEAD_2021: &str = "信息内容 本年制发件数 本年废止件数 现行有效件数\n";
    const REQ: &str = "一、本年新收政府信息公开申请数量 | 1 |\n（六）其他处理 | 0 |\n";
    const REQ_2021: &str =
        "1.申请人无正当理由逾期不\n补正、行政机关不再处理其政府信息公开申请 | 0 |\n";

    #[test]
    fn detects_each_form_and_the_mixed_case() {
        assert_eq!(detect(&format!("{HEAD_2019}{REQ}")), Some(&FORM_2019));
        assert_eq!(
            detect(&format!("{HEAD_2021}{REQ}{REQ_2021}")),
            Some(&FORM_2021)
        );
        assert_eq!(
            detect(&format!("{HEAD_2021}{REQ}")),
            Some(&FORM_2021_REQUESTS_2019)
        );
    }

    #[test]
    fn a_report_with_only_some_tables_is_still_detected() {
        assert_eq!(detect(REQ), Some(&FORM_2019));
        assert_eq!(detect(&format!("{REQ}{REQ_2021}")), Some(&FORM_2021));
        assert_eq!(detect(HEAD_2021), Some(&FORM_2021));
        assert_eq!(detect("今年共收到申请5件。"), None);
    }
}
