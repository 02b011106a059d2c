//! The checks gouji makes, each defined once: [`CheckDef`] (id, most serious severity, title and
//! explanation in English and Chinese) and [`Severity`].
//!
//! Two kinds of check exist. Those of extraction and of the narrative (X0–X7, S3) are gouji's
//! own and are listed here ([`BUILT_IN`]). A form's reconciliation rules (R1–R4) and cross-year
//! identities (S1, S2) are part of the form, so they are written in the form's data
//! (`template`), each with a [`CheckDef`] of the same shape; `template::Registry::checks` lists
//! them all. A [`crate::Finding`] points at its check, so code asks "which check is this" by
//! comparing checks, never by matching id strings.

/// How serious a finding is. Ordered from most to least serious.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A rule does not hold on the numbers present.
    Broken,
    /// The source allows several readings; the cells are left blank.
    Ambiguous,
    /// A rule cannot be checked because an input is blank or not a number.
    Incomplete,
    /// Something odd that is not a rule break (wrong value count, mostly blank table...).
    Warning,
}

impl Severity {
    /// The lowercase English word.
    pub fn code(self) -> &'static str {
        match self {
            Severity::Broken => "broken",
            Severity::Ambiguous => "ambiguous",
            Severity::Incomplete => "incomplete",
            Severity::Warning => "warning",
        }
    }

    /// The Chinese word.
    pub fn label_zh(self) -> &'static str {
        match self {
            Severity::Broken => "不平",
            Severity::Ambiguous => "存疑",
            Severity::Incomplete => "缺数",
            Severity::Warning => "提示",
        }
    }
}

/// One check: what a finding of it is called and means, in both languages.
#[derive(Debug, PartialEq, Eq)]
pub struct CheckDef {
    /// Short stable id written in findings (`X1`, `R3`, `S1`).
    pub id: &'static str,
    /// The most serious severity its findings have.
    pub severity: Severity,
    /// Title in English.
    pub title_en: &'static str,
    /// Title in Chinese.
    pub title_zh: &'static str,
    /// What a finding of it means and what to do, in English.
    pub explanation_en: &'static str,
    /// The same in Chinese.
    pub explanation_zh: &'static str,
}

impl CheckDef {
    /// The title in Chinese (`zh`) or English.
    pub fn title(&self, zh: bool) -> &'static str {
        if zh { self.title_zh } else { self.title_en }
    }

    /// The explanation in Chinese (`zh`) or English.
    pub fn explanation(&self, zh: bool) -> &'static str {
        if zh {
            self.explanation_zh
        } else {
            self.explanation_en
        }
    }
}

/// X0: the report has none of the standard tables.
pub static NO_TABLES: CheckDef = CheckDef {
    id: "X0",
    severity: Severity::Warning,
    title_en: "no standard tables",
    title_zh: "未找到标准表格",
    explanation_en: "None of the form's tables was found: the report may predate the 2019 reform or print its tables as images.",
    explanation_zh: "未找到任何标准表格：报告可能早于 2019 年改版，或表格以图片形式发布。",
};

/// X1: a row prints more or fewer values than it has cells.
pub static MISCOUNT: CheckDef = CheckDef {
    id: "X1",
    severity: Severity::Ambiguous,
    title_en: "value count differs from the cells",
    title_zh: "数值个数与格数不符",
    explanation_en: "A row prints more or fewer numbers than the form has cells; the cells every reading agrees on are kept, the rest left blank.",
    explanation_zh: "某行印出的数字个数与表格格数不符；各种读法一致的格已保留，其余留空待核。",
};

/// X2: table 三 is mostly blank.
pub static MOSTLY_BLANK: CheckDef = CheckDef {
    id: "X2",
    severity: Severity::Warning,
    title_en: "requests table mostly blank",
    title_zh: "申请情况表大部分为空",
    explanation_en: "Fewer than half of table 三's cells hold a value (often only its 总计 column is printed).",
    explanation_zh: "申请情况表填写的格不到一半（常见只填总计列）。",
};

/// X3: table 三 was read in printed order rather than by its labels.
pub static READ_IN_ORDER: CheckDef = CheckDef {
    id: "X3",
    severity: Severity::Warning,
    title_en: "table read in printed order",
    title_zh: "按印刷顺序读取表格",
    explanation_en: "The labels did not place table 三's numbers as well as reading them in printed order did; cells that differ are marked inferred.",
    explanation_zh: "按行标签读取不如按印刷顺序读取吻合勾稽关系；两种读法不同的格标为推断。",
};

/// X4: a run of digits allows several readings.
pub static AMBIGUOUS_RUN: CheckDef = CheckDef {
    id: "X4",
    severity: Severity::Ambiguous,
    title_en: "digits run together",
    title_zh: "数字连写无法唯一拆分",
    explanation_en: "A row's numbers are printed without separators and can be split in several ways that satisfy its rules; the cells the readings differ on are left blank.",
    explanation_zh: "某行数字连写，有多种满足勾稽关系的拆分；各读法不一致的格留空待核。",
};

/// X5: table 四's numbers are scattered between pieces of its header.
pub static SCATTERED: CheckDef = CheckDef {
    id: "X5",
    severity: Severity::Ambiguous,
    title_en: "table 四 scattered in the header",
    title_zh: "表四数字夹在表头之间",
    explanation_en: "Table 四's numbers are printed in blocks between pieces of its header; they are placed by the orders in which the row totals hold.",
    explanation_zh: "表四的数字分段夹在表头文字之间，按使各行总计成立的排列放置。",
};

/// X6: every reading of a row breaks its row sum.
pub static EVERY_READING_BREAKS: CheckDef = CheckDef {
    id: "X6",
    severity: Severity::Broken,
    title_en: "every reading breaks the row sum",
    title_zh: "各种读法均不平",
    explanation_en: "Every way of splitting a row's run of digits breaks its row sum: the report's own figures do not add up.",
    explanation_zh: "某行连写数字的每种拆分都使行合计不平：报告本身的数字有误。",
};

/// X7: an ambiguous row decided by the same agency's report of a neighbouring year.
pub static DECIDED_BY_NEIGHBOUR: CheckDef = CheckDef {
    id: "X7",
    severity: Severity::Warning,
    title_en: "reading decided by a neighbouring year",
    title_zh: "由相邻年度报告确定读法",
    explanation_en: "A row's digits run together and its own report allows several readings; the same agency's report of the year before or after (read from its labelled cells) leaves only one under which the cross-year identities (S1, S2) hold. Its cells are inferred: check them.",
    explanation_zh: "某行数字连写，本报告内有多种读法；同一机关上一年或下一年报告（按标签读出的格）使跨年度关系（S1、S2）只在一种读法下成立，据此推断，请核对。",
};

/// X8: a row's label was pieced together from cut cells, or only its tail was printed.
pub static LABEL_PIECED: CheckDef = CheckDef {
    id: "X8",
    severity: Severity::Warning,
    title_en: "row labels pieced together",
    title_zh: "行标签拼合识别",
    explanation_en: "A row's label was cut across cells or lines (as PDF-to-Markdown tools print wrapped labels) and matched only once put together, or only its tail was printed, which several rows share. Its numbers are read but marked inferred: check that they belong to this row.",
    explanation_zh: "某行的行标签被拆散在几格或几行中（PDF 转 Markdown 工具常这样输出换行的标签），拼合后才识别，或只印出几行共有的末尾。其数字已读出但标为推断，请核对是否属于该行。",
};

/// X9: a table of the form was not read at all, though another was.
pub static TABLE_UNREAD: CheckDef = CheckDef {
    id: "X9",
    severity: Severity::Ambiguous,
    title_en: "table not read",
    title_zh: "表格未读出",
    explanation_en: "None of a table's cells holds a value although the report's other tables were read: its heading or labels were not found (a PDF tool may scramble a table with its header), or the report prints it empty. Its cells are left blank and marked ambiguous: check the report.",
    explanation_zh: "其他表格已读出，但某张表没有任何一格有数字：未找到其标题或行标签（PDF 工具可能把表格与表头混在一起），或报告本身留空。各格留空并标为存疑，请对照报告核对。",
};

/// S3: the narrative states a figure the table contradicts.
pub static NARRATIVE: CheckDef = CheckDef {
    id: "S3",
    severity: Severity::Warning,
    title_en: "narrative and table differ",
    title_zh: "正文与表格不符",
    explanation_en: "The report's text states a figure (e.g. 共收到申请5件) that differs from the table.",
    explanation_zh: "报告正文所述数字（如“共收到申请5件”）与表格不一致。",
};

/// Every check of gouji's own, by id; the forms' checks are in their data.
pub static BUILT_IN: [&CheckDef; 11] = [
    &NO_TABLES,
    &MISCOUNT,
    &MOSTLY_BLANK,
    &READ_IN_ORDER,
    &AMBIGUOUS_RUN,
    &SCATTERED,
    &EVERY_READING_BREAKS,
    &DECIDED_BY_NEIGHBOUR,
    &LABEL_PIECED,
    &TABLE_UNREAD,
    &NARRATIVE,
];
