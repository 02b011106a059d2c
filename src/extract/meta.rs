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

/// Longest agency name taken from the line before a title that starts with its year.
const MAX_AGENCY_CHARS: usize = 30;

pub(crate) fn read(doc: &Document) -> Meta {
    let lines: Vec<&str> = doc.lines().take(40).map(|(_, line)| line).collect();
    let mut previous = String::new();
    for (i, line) in lines.iter().enumerate() {
        let line = normalize::label(line);
        let next = || {
            lines
                .get(i + 1)
                .map(|l| normalize::label(l))
                .unwrap_or_default()
        };
        if let Some(meta) = year_first_title(&line, next) {
            return meta;
        }
        if let Some(mut meta) = title(&line) {
            // A title broken after the agency (淮安市人民政府 / 2024 年政府信息公开工作年度报告).
            if meta.agency.is_empty() && is_agency_line(&previous) {
                meta.agency = previous;
            }
            return meta;
        }
        if !line.is_empty() {
            previous = line;
        }
    }
    Meta::default()
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
}
