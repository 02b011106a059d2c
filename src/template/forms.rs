//! The national forms themselves: labels and keys exactly as the official notices print them
//! (国办公开办函〔2019〕60号 and 〔2021〕30号), the labels that tell them apart, their rules,
//! cross-year identities and the figures their narratives restate.

use super::{
    Along, ClaimDef, ColumnDef, CrossYearDef, Form, Layout, MoneyUnit, RowDef, RuleDef, RuleShape,
    TableDef, TableId, ValueKind,
};
use crate::check::{CheckDef, Severity};

const fn col(key: &'static str, label: &'static str) -> ColumnDef {
    ColumnDef::count(key, label)
}

const fn row(
    key: &'static str,
    label: &'static str,
    depth: u8,
    columns: &'static [ColumnDef],
) -> RowDef {
    RowDef::data(key, label, depth, columns)
}

const fn group(label: &'static str, depth: u8) -> RowDef {
    RowDef::group(label, depth)
}

const fn item(
    section: &'static str,
    key: &'static str,
    label: &'static str,
    columns: &'static [ColumnDef],
) -> RowDef {
    RowDef {
        key: Some(key),
        label,
        depth: 0,
        columns,
        section,
    }
}

// ---- 二、主动公开政府信息情况 ----

const S1: &str = "第二十条第（一）项";
const S5: &str = "第二十条第（五）项";
const S6: &str = "第二十条第（六）项";
const S8: &str = "第二十条第（八）项";
const S9: &str = "第二十条第（九）项";

const DOCS_2019: &[ColumnDef] = &[
    col("made", "本年新制作数量"),
    col("published", "本年新公开数量"),
    col("public_total", "对外公开总数量"),
];
const ITEMS_2019: &[ColumnDef] = &[
    col("items_prev", "上一年项目数量"),
    ColumnDef {
        key: "items_change",
        label: "本年增/减",
        kind: ValueKind::SignedCount,
    },
    col("decisions", "处理决定数量"),
];
const FEES_2019: &[ColumnDef] = &[
    col("items_prev", "上一年项目数量"),
    ColumnDef {
        key: "items_change",
        label: "本年增/减",
        kind: ValueKind::SignedCount,
    },
];
const PROCUREMENT_2019: &[ColumnDef] = &[
    col("projects", "采购项目数量"),
    ColumnDef {
        key: "amount",
        label: "采购总金额",
        kind: ValueKind::Money(MoneyUnit::Yuan),
    },
];

const PROACTIVE_2019: TableDef = TableDef {
    id: TableId::Proactive,
    title: "二、主动公开政府信息情况",
    layout: Layout::Rows,
    signature: &[
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "采购项目数量",
        "政府集中采购",
        "其他对外管理服务事项",
    ],
    anchors: &[],
    rows: &[
        item(S1, "rules", "规章", DOCS_2019),
        item(S1, "normative", "规范性文件", DOCS_2019),
        item(S5, "licensing", "行政许可", ITEMS_2019),
        item(S5, "other_services", "其他对外管理服务事项", ITEMS_2019),
        item(S6, "penalty", "行政处罚", ITEMS_2019),
        item(S6, "coercion", "行政强制", ITEMS_2019),
        item(S8, "fees", "行政事业性收费", FEES_2019),
        item(S9, "procurement", "政府集中采购", PROCUREMENT_2019),
    ],
};

const DOCS_2021: &[ColumnDef] = &[
    col("issued", "本年制发件数"),
    col("repealed", "本年废止件数"),
    col("in_force", "现行有效件数"),
];
const DECISIONS_2021: &[ColumnDef] = &[col("decisions", "本年处理决定数量")];
const FEES_2021: &[ColumnDef] = &[ColumnDef {
    key: "amount",
    label: "本年收费金额（单位：万元）",
    kind: ValueKind::Money(MoneyUnit::WanYuan),
}];

const PROACTIVE_2021: TableDef = TableDef {
    id: TableId::Proactive,
    title: "二、主动公开政府信息情况",
    layout: Layout::Rows,
    signature: &[
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年处理决定数量",
        "本年收费金额",
    ],
    anchors: &[],
    rows: &[
        item(S1, "rules", "规章", DOCS_2021),
        item(S1, "normative", "行政规范性文件", DOCS_2021),
        item(S5, "licensing", "行政许可", DECISIONS_2021),
        item(S6, "penalty", "行政处罚", DECISIONS_2021),
        item(S6, "coercion", "行政强制", DECISIONS_2021),
        item(S8, "fees", "行政事业性收费", FEES_2021),
    ],
};

// ---- 三、收到和处理政府信息公开申请情况 ----

const APPLICANTS: &[ColumnDef] = &[
    col("natural", "自然人"),
    col("business", "商业企业"),
    col("research", "科研机构"),
    col("nonprofit", "社会公益组织"),
    col("legal", "法律服务机构"),
    col("other", "其他"),
    col("total", "总计"),
];

/// The rows of table 三: rows 一 to （五） are common to both forms; the macro's arguments are the
/// rows that follow （五）.
macro_rules! requests_rows {
    ($($tail:expr),* $(,)?) => {
        &[
            row("received", "一、本年新收政府信息公开申请数量", 0, APPLICANTS),
            row("carried_in", "二、上年结转政府信息公开申请数量", 0, APPLICANTS),
            group("三、本年度办理结果", 0),
            row("granted", "（一）予以公开", 1, APPLICANTS),
            row(
                "partial",
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                1,
                APPLICANTS,
            ),
            group("（三）不予公开", 1),
            row("denied_1", "1.属于国家秘密", 2, APPLICANTS),
            row("denied_2", "2.其他法律行政法规禁止公开", 2, APPLICANTS),
            row("denied_3", "3.危及“三安全一稳定”", 2, APPLICANTS),
            row("denied_4", "4.保护第三方合法权益", 2, APPLICANTS),
            row("denied_5", "5.属于三类内部事务信息", 2, APPLICANTS),
            row("denied_6", "6.属于四类过程性信息", 2, APPLICANTS),
            row("denied_7", "7.属于行政执法案卷", 2, APPLICANTS),
            row("denied_8", "8.属于行政查询事项", 2, APPLICANTS),
            group("（四）无法提供", 1),
            row("unable_1", "1.本机关不掌握相关政府信息", 2, APPLICANTS),
            row("unable_2", "2.没有现成信息需要另行制作", 2, APPLICANTS),
            row("unable_3", "3.补正后申请内容仍不明确", 2, APPLICANTS),
            group("（五）不予处理", 1),
            row("ignored_1", "1.信访举报投诉类申请", 2, APPLICANTS),
            row("ignored_2", "2.重复申请", 2, APPLICANTS),
            row("ignored_3", "3.要求提供公开出版物", 2, APPLICANTS),
            row("ignored_4", "4.无正当理由大量反复申请", 2, APPLICANTS),
            row("ignored_5", "5.要求行政机关确认或重新出具已获取信息", 2, APPLICANTS),
            $($tail),*
        ]
    };
}

const REQUESTS_TITLE: &str = "三、收到和处理政府信息公开申请情况";
/// Labels every version of table 三 prints.
const REQUESTS_ANCHORS: &[&str] = &["本年新收政府信息公开申请数量", "结转下年度继续办理"];

const REQUESTS_2019: TableDef = TableDef {
    id: TableId::Requests,
    title: REQUESTS_TITLE,
    layout: Layout::Rows,
    // Its single （六）其他处理 row is printed by the 2021 version too, as a group row.
    signature: &[],
    anchors: REQUESTS_ANCHORS,
    rows: requests_rows![
        row("other", "（六）其他处理", 1, APPLICANTS),
        row("total", "（七）总计", 1, APPLICANTS),
        row("carried_out", "四、结转下年度继续办理", 0, APPLICANTS),
    ],
};

const REQUESTS_2021: TableDef = TableDef {
    id: TableId::Requests,
    title: REQUESTS_TITLE,
    layout: Layout::Rows,
    // The rows of its （六）.
    signature: &[
        "逾期不补正",
        "逾期未按收费通知",
        "不再处理其政府信息公开申请",
    ],
    anchors: REQUESTS_ANCHORS,
    rows: requests_rows![
        group("（六）其他处理", 1),
        row(
            "other_1",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            2,
            APPLICANTS,
        ),
        row(
            "other_2",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            2,
            APPLICANTS,
        ),
        row("other_3", "3.其他", 2, APPLICANTS),
        row("total", "（七）总计", 1, APPLICANTS),
        row("carried_out", "四、结转下年度继续办理", 0, APPLICANTS),
    ],
};

// ---- 四、行政复议、行政诉讼情况 ----

const OUTCOMES: &[ColumnDef] = &[
    col("upheld", "结果维持"),
    col("corrected", "结果纠正"),
    col("other", "其他结果"),
    col("pending", "尚未审结"),
    col("total", "总计"),
];

const APPEALS: TableDef = TableDef {
    id: TableId::Appeals,
    title: "四、政府信息公开行政复议、行政诉讼情况",
    layout: Layout::OneLine {
        heading: "行政复议",
    },
    signature: &[],
    anchors: &[],
    rows: &[
        row("review", "行政复议", 0, OUTCOMES),
        row("suit_direct", "行政诉讼（未经复议直接起诉）", 0, OUTCOMES),
        row("suit_after_review", "行政诉讼（复议后起诉）", 0, OUTCOMES),
    ],
};

// ---- Rules ----

const R1: RuleDef = RuleDef {
    check: CheckDef {
        id: "R1",
        severity: Severity::Broken,
        title_en: "new + carried in = total processed + carried forward",
        title_zh: "第一项加第二项之和，等于第三项加第四项之和",
        explanation_en: "In each column of table 三, the applications received this year plus those carried in from last year must equal those processed (（七）总计) plus those carried forward.",
        explanation_zh: "表三每一列：本年新收加上年结转，应等于本年办理总计加结转下年度继续办理。",
    },
    table: TableId::Requests,
    shape: RuleShape::EachColumn {
        lhs: &["received", "carried_in"],
        rhs: &["total", "carried_out"],
    },
};

/// The outcome rows summed by R2: （一） to （五） are common to both forms; the arguments are the
/// rows of （六）.
macro_rules! outcome_rows {
    ($($tail:expr),*) => {
        &[
            "granted", "partial", "denied_1", "denied_2", "denied_3", "denied_4", "denied_5",
            "denied_6", "denied_7", "denied_8", "unable_1", "unable_2", "unable_3", "ignored_1",
            "ignored_2", "ignored_3", "ignored_4", "ignored_5", $($tail),*
        ]
    };
}

const R2_CHECK: CheckDef = CheckDef {
    id: "R2",
    severity: Severity::Broken,
    title_en: "total processed = sum of the outcome rows",
    title_zh: "（七）总计等于各项办理结果之和",
    explanation_en: "In each column of table 三, （七）总计 must equal the sum of the outcome rows （一） to （六）.",
    explanation_zh: "表三每一列：（七）总计应等于（一）至（六）各项办理结果之和。",
};

const R2_2019: RuleDef = RuleDef {
    check: R2_CHECK,
    table: TableId::Requests,
    shape: RuleShape::EachColumn {
        lhs: &["total"],
        rhs: outcome_rows!("other"),
    },
};

const R2_2021: RuleDef = RuleDef {
    check: R2_CHECK,
    table: TableId::Requests,
    shape: RuleShape::EachColumn {
        lhs: &["total"],
        rhs: outcome_rows!("other_1", "other_2", "other_3"),
    },
};

const R3: RuleDef = RuleDef {
    check: CheckDef {
        id: "R3",
        severity: Severity::Broken,
        title_en: "total = sum of the applicant columns",
        title_zh: "总计等于各类申请人之和",
        explanation_en: "In each row of table 三, the 总计 column must equal the sum of the applicant columns (自然人 to 其他).",
        explanation_zh: "表三每一行：总计列应等于自然人至其他各类申请人之和。",
    },
    table: TableId::Requests,
    shape: RuleShape::EachRow {
        lhs: &["total"],
        rhs: &[
            "natural",
            "business",
            "research",
            "nonprofit",
            "legal",
            "other",
        ],
    },
};

const R4: RuleDef = RuleDef {
    check: CheckDef {
        id: "R4",
        severity: Severity::Broken,
        title_en: "total = upheld + corrected + other + pending",
        title_zh: "总计等于维持、纠正、其他、尚未审结之和",
        explanation_en: "In each row of table 四, the 总计 must equal 结果维持 + 结果纠正 + 其他结果 + 尚未审结.",
        explanation_zh: "表四每一行：总计应等于结果维持、结果纠正、其他结果、尚未审结之和。",
    },
    table: TableId::Appeals,
    shape: RuleShape::EachRow {
        lhs: &["total"],
        rhs: &["upheld", "corrected", "other", "pending"],
    },
};

// ---- Identities across years ----

const CARRIED_OVER: CrossYearDef = CrossYearDef {
    check: CheckDef {
        id: "S1",
        severity: Severity::Warning,
        title_en: "carried in differs from last year's carried forward",
        title_zh: "上年结转与上年报告不符",
        explanation_en: "This year's 上年结转 should equal the 结转下年度继续办理 of the same agency's report of the year before, column by column.",
        explanation_zh: "本年“上年结转”应与同一机关上一年报告的“结转下年度继续办理”逐列相等。",
    },
    table: TableId::Requests,
    along: Along::Columns(&[
        "natural",
        "business",
        "research",
        "nonprofit",
        "legal",
        "other",
        "total",
    ]),
    this: "carried_in",
    last: "carried_out",
    plus: &[],
    minus: &[],
    lists_last: true,
    message_en: "{this_year} {key}: carried in {this} but {last_year} carried forward {last} (column {along})",
    message_zh: "{this_year} 年上年结转 {this} 与 {last_year} 年结转下年度 {last} 不符（{along} 列）",
};

const IN_FORCE: CrossYearDef = CrossYearDef {
    check: CheckDef {
        id: "S2",
        severity: Severity::Warning,
        title_en: "documents in force do not follow from last year",
        title_zh: "现行有效件数与上年不衔接",
        explanation_en: "This year's 现行有效件数 should equal last year's plus 本年制发件数 minus 本年废止件数.",
        explanation_zh: "本年现行有效件数应等于上年现行有效件数加本年制发件数减本年废止件数。",
    },
    table: TableId::Proactive,
    along: Along::Rows(&["rules", "normative"]),
    this: "in_force",
    last: "in_force",
    plus: &["issued"],
    minus: &["repealed"],
    lists_last: false,
    message_en: "{key}: {this} in force, but last year's {last} + {plus} issued - {minus} repealed = {expected}",
    message_zh: "现行有效 {this} 件，按上年 {last} + 制发 {plus} − 废止 {minus} 应为 {expected} 件",
};

// ---- Figures the narrative restates ----

/// No sentence or clause break inside a claim.
macro_rules! gap {
    ($n:literal) => {
        concat!("[^。；;，,：:\\d|\\t]{0,", $n, "}?")
    };
}

const CLAIMS: &[ClaimDef] = &[
    ClaimDef {
        pattern: concat!(
            "收到",
            gap!(16),
            "(?:申请|请求)",
            gap!(12),
            "(\\d+)\\s*(?:件|条|个)"
        ),
        cells: &[(TableId::Requests, "received", "total")],
        name: "本年新收申请",
    },
    ClaimDef {
        pattern: concat!("予以公开", gap!(4), "(\\d+)\\s*件"),
        cells: &[(TableId::Requests, "granted", "total")],
        name: "予以公开",
    },
    ClaimDef {
        pattern: concat!("部分公开", gap!(4), "(\\d+)\\s*件"),
        cells: &[(TableId::Requests, "partial", "total")],
        name: "部分公开",
    },
    ClaimDef {
        pattern: concat!("重复申请", gap!(4), "(\\d+)\\s*件"),
        cells: &[(TableId::Requests, "ignored_2", "total")],
        name: "重复申请",
    },
    ClaimDef {
        pattern: concat!("行政复议", gap!(6), "(\\d+)\\s*(?:件|起|宗)"),
        cells: &[(TableId::Appeals, "review", "total")],
        name: "行政复议",
    },
    ClaimDef {
        pattern: concat!("行政诉讼", gap!(6), "(\\d+)\\s*(?:件|起|宗)"),
        cells: &[
            (TableId::Appeals, "suit_direct", "total"),
            (TableId::Appeals, "suit_after_review", "total"),
        ],
        name: "行政诉讼",
    },
];

// ---- The forms ----

/// 国办公开办函〔2019〕60号, used for the 2019 and 2020 reports.
pub static FORM_2019: Form = Form {
    code: "2019",
    source: "国办公开办函〔2019〕60号",
    tables: [PROACTIVE_2019, REQUESTS_2019, APPEALS],
    rules: &[R1, R2_2019, R3, R4],
    cross_year: &[CARRIED_OVER],
    claims: CLAIMS,
    assumed_from: Some(2019),
};

/// 国办公开办函〔2021〕30号, 2021 reports onward.
pub static FORM_2021: Form = Form {
    code: "2021",
    source: "国办公开办函〔2021〕30号",
    tables: [PROACTIVE_2021, REQUESTS_2021, APPEALS],
    rules: &[R1, R2_2021, R3, R4],
    cross_year: &[CARRIED_OVER, IN_FORCE],
    claims: CLAIMS,
    assumed_from: Some(2021),
};

/// The 2021 form's table 二 with the 2019 form's single （六）其他处理 row in table 三, as some
/// agencies publish it.
pub static FORM_2021_REQUESTS_2019: Form = Form {
    code: "2021-r2019",
    source: "国办公开办函〔2021〕30号（表三按〔2019〕60号）",
    tables: [PROACTIVE_2021, REQUESTS_2019, APPEALS],
    rules: &[R1, R2_2019, R3, R4],
    cross_year: &[CARRIED_OVER, IN_FORCE],
    claims: CLAIMS,
    assumed_from: None,
};
