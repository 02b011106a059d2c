//! The agency and year a report is about, read from its title (张店公安分局2020年政府信息公开工作年度报告).

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

pub(crate) fn read(doc: &Document) -> Meta {
    doc.lines()
        .take(40)
        .find_map(|(_, line)| title(&normalize::label(line)))
        .unwrap_or_default()
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
    Some(Meta {
        agency: agency.trim_matches(['|', ' ', '《', '"']).to_owned(),
        year: (2000..2100).contains(&year).then_some(year),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Format;

    #[test]
    fn reads_agency_and_year_from_the_title() {
        let doc = Document::from_text(
            Format::Text,
            "标题: | 张店公安分局2020年政府信息公开工作年度报告 | ||\n正文",
        );
        assert_eq!(
            read(&doc),
            Meta {
                agency: "张店公安分局".into(),
                year: Some(2020)
            }
        );
        let doc = Document::from_text(
            Format::Text,
            "# 上海市科学技术委员会2024年政府信息公开工作年度报告",
        );
        assert_eq!(read(&doc).agency, "上海市科学技术委员会");
        assert_eq!(
            read(&Document::from_text(Format::Text, "无标题")),
            Meta::default()
        );
    }
}
