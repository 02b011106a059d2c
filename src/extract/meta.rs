//! The agency and year a report is about.
//!
//! The agency comes from the title (张店公安分局2020年政府信息公开工作年度报告), else from a
//! 发布机构 field; never a breadcrumb (`当前位置:首页>政务公开>…`), portal text or a sentence: a
//! breadcrumb or a sentence before the title is cut off, and a name that still reads as one of
//! them is left blank. The year comes from the title, else from the 统计期限 (…自2023年1月1日起…).
//!
//! Main item: [`read`].

use crate::ingest::Document;
use crate::normalize;

/// What the title says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Meta {
    pub agency: String,
    pub year: Option<u16>,
}

/// Words that end a report title.
const TITLE_ENDS: &[&str] = &["年政府信息公开", "年度政府信息公开"];
/// Words that may stand before the agency on a title line.
const PREFIXES: &[&str] = &["标题:", "标题", "名称:", "|", "#"];
/// What separates a breadcrumb's steps, or a sentence's parts, from a title after them.
const BEFORE_TITLE: &[char] = &[
    '>', '»', '›', '/', '\\', '|', ',', '，', '。', ';', '；', ':', '：', '》', '、',
];
/// Verbs that open the title's words inside a sentence (…，现公布XX局2023年…).
const SENTENCE_VERBS: &[&str] = &["现予公布", "现公布", "现将", "特发布", "公布", "发布"];
/// Words of a breadcrumb or of portal text, never of an agency's name.
const PORTAL_WORDS: &[&str] = &[
    "当前位置",
    "您的位置",
    "所在位置",
    "首页",
    "网站",
    "门户",
    "主页",
    "栏目",
];
/// Fields that name the publishing agency.
const AGENCY_FIELDS: &[&str] = &["发布机构:", "发布单位:", "发布机关:", "发文机关:"];

/// Longest agency name taken from the line before a title that starts with its year.
const MAX_AGENCY_CHARS: usize = 30;

/// The agency and year of `doc`, each blank when its first lines do not name it clearly.
pub(crate) fn read(doc: &Document) -> Meta {
    let raw: Vec<&str> = doc.lines().take(40).map(|(_, line)| line).collect();
    let mut meta = Meta::default();
    let mut previous = String::new();
    for (i, line) in raw.iter().enumerate() {
        let line = normalize::label(line);
        let next = || {
            raw.get(i + 1)
                .map(|l| normalize::label(l))
                .unwrap_or_default()
        };
        let found = year_first_title(&line, next).or_else(|| {
            title(&line).map(|mut found| {
                // A title broken after the agency (淮安市人民政府 / 2024 年政府信息公开工作年度报告).
                if found.agency.is_empty() && is_agency_line(&previous) {
                    found.agency.clone_from(&previous);
                }
                found
            })
        });
        if let Some(found) = found {
            meta.year = meta.year.or(found.year);
            if is_agency(&found.agency) {
                meta.agency = found.agency;
                break;
            }
        }
        if !line.is_empty() {
            previous = line;
        }
    }
    // Fields and the 统计期限 are looked for only when the title leaves them open.
    let wanted = |l: &str| {
        meta.agency.is_empty()
            && AGENCY_FIELDS
                .iter()
                .any(|f| l.contains(f.trim_end_matches(':')))
            || meta.year.is_none() && l.contains("统计期限")
    };
    let open: Vec<String> = raw
        .iter()
        .filter(|l| wanted(l))
        .map(|l| normalize::label(l))
        .collect();
    if meta.agency.is_empty() {
        meta.agency = open.iter().find_map(|l| field(l)).unwrap_or_default();
    }
    if meta.year.is_none() {
        meta.year = open.iter().find_map(|l| period_year(l));
    }
    meta
}

/// Whether `name` reads as an agency's name: not empty, short, no digits, no punctuation, no
/// words of a breadcrumb or a portal, not a sentence's subject (我局, 本机关).
fn is_agency(name: &str) -> bool {
    is_agency_line(name)
        && !PORTAL_WORDS.iter().any(|w| name.contains(w))
        && !name.starts_with(['我', '本'])
}

/// The agency a 发布机构 field names (`发布机构: | 淄博市公安局张店分局 |`).
fn field(line: &str) -> Option<String> {
    let (_, rest) = AGENCY_FIELDS.iter().find_map(|f| line.split_once(f))?;
    let name = rest.trim_start_matches(['|', ':']).split('|').next()?;
    is_agency(name).then(|| name.to_owned())
}

/// The year a 统计期限 (…统计期限自2023年1月1日起…) covers.
fn period_year(line: &str) -> Option<u16> {
    let (_, rest) = line.split_once("统计期限")?;
    let start = rest.find(|c: char| c.is_ascii_digit())?;
    let year: u16 = rest.get(start..start + 4)?.parse().ok()?;
    let after = rest.get(start + 4..)?;
    (after.starts_with('年') && (2000..2100).contains(&year)).then_some(year)
}

/// A title that puts the year first (2025年上海市人民政府办公厅政府信息公开 / 工作年度报告), the
/// line after it possibly finishing it.
fn year_first_title(line: &str, next: impl FnOnce() -> String) -> Option<Meta> {
    let year: u16 = line.get(..4)?.parse().ok()?;
    let rest = line.get(4..)?.strip_prefix('年')?;
    let agency = rest.get(..rest.find("政府信息公开")?)?;
    let reported = line.contains("年度报告") || next().contains("年度报告");
    (reported && is_agency_line(agency) && (2000..2100).contains(&year)).then(|| Meta {
        agency: agency.to_owned(),
        year: Some(year),
    })
}

/// Whether a line reads as an agency's name alone: short, no digits, no punctuation.
fn is_agency_line(line: &str) -> bool {
    !line.is_empty()
        && line.chars().count() <= MAX_AGENCY_CHARS
        && line
            .chars()
            .all(|c| !c.is_ascii_digit() && !c.is_ascii_punctuation() && !"，。、；：".contains(c))
}

fn title(line: &str) -> Option<Meta> {
    let end = TITLE_ENDS.iter().find_map(|w| line.find(w))?;
    let head = line.get(..end)?;
    let digits: String = head
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if digits.len() != 4 {
        return None;
    }
    let year: u16 = digits.parse().ok()?;
    let mut agency = head
        .get(..head.len() - 4)?
        .trim_matches(|c: char| c == '|' || c.is_whitespace());
    for prefix in PREFIXES {
        agency = agency.trim_start_matches(prefix);
    }
    // A breadcrumb or a sentence before the title: its last step or part is the title's.
    if let Some(cut) = agency.rfind(BEFORE_TITLE) {
        let after = agency
            .get(cut..)
            .and_then(|t| t.chars().next())
            .map_or(1, char::len_utf8);
        agency = agency.get(cut + after..).unwrap_or("");
        for verb in SENTENCE_VERBS {
            agency = agency.strip_prefix(verb).unwrap_or(agency);
        }
    }
    Some(Meta {
        agency: agency.trim_matches(['|', ' ', '《', '"']).to_owned(),
        year: (2000..2100).contains(&year).then_some(year),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Format;

    /// The agency and year read from `text`.
    fn meta(text: &str) -> (String, Option<u16>) {
        let meta = read(&Document::from_text(Format::Text, text));
        (meta.agency, meta.year)
    }

    #[test]
    fn reads_agency_and_year_from_the_title() {
        assert_eq!(
            meta("标题: | 张店公安分局2020年政府信息公开工作年度报告 | ||\n正文"),
            ("张店公安分局".into(), Some(2020))
        );
        assert_eq!(
            meta("# 上海市科学技术委员会2024年政府信息公开工作年度报告").0,
            "上海市科学技术委员会"
        );
        assert_eq!(meta("无标题"), (String::new(), None));
        // A title broken after the agency's name.
        assert_eq!(
            meta("淮安市人民政府\n2024 年政府信息公开工作年度报告\n"),
            ("淮安市人民政府".into(), Some(2024))
        );
        // The year first, the title over two lines.
        assert_eq!(
            meta("正文\n2025 年上海市人民政府办公厅政府信息公开\n工作年度报告\n"),
            ("上海市人民政府办公厅".into(), Some(2025))
        );
        // Not when the line before is prose.
        assert_eq!(
            meta("根据条例，现予公布。\n2024年政府信息公开工作年度报告\n"),
            (String::new(), Some(2024))
        );
    }

    #[test]
    fn never_takes_a_breadcrumb_or_a_sentence_for_the_agency() {
        assert_eq!(
            meta("当前位置：首页 > 政务公开 > 示例县应急管理局2023年政府信息公开工作年度报告"),
            ("示例县应急管理局".into(), Some(2023))
        );
        assert_eq!(
            meta("根据条例，现公布示例县民政局2022年政府信息公开工作年度报告。"),
            ("示例县民政局".into(), Some(2022))
        );
        // Breadcrumb run into the title with nothing between: unsure, so blank.
        assert_eq!(
            meta("当前位置首页政务公开示例县民政局2022年政府信息公开工作年度报告"),
            (String::new(), Some(2022))
        );
        // A 发布机构 field; the year from the 统计期限.
        assert_eq!(
            meta(
                "发文日期: | 2024-01-20 | 发布机构: | 示例县司法局 |\n本报告统计期限自2023年1月1日起至2023年12月31日止。"
            ),
            ("示例县司法局".into(), Some(2023))
        );
    }
}
